//! The entity panel: one entity's name, type and aliases with controls to rename it, add and
//! remove aliases, merge it with another entity (choosing which one stays), split a mention off
//! into a new entity and delete it; and its mentions across all documents as keyword-in-context
//! rows drawn by the document view's bidi engine (clicking one opens its document and selects
//! it). Every change is one [`Action`] sent as [`Command::Apply`], undone in one step (Ctrl+Z).
//! Also the Entities list of the left panel, filtered by the Arabic-aware entity search.

use super::app::{Command, SanadApp};
use super::bidi_widgets as bw;
use super::document_view::{self, SnippetCache};
use super::search_panel::kwic_row;
use super::text_input::TextInput;
use crate::model::entity::{with_alias, without_alias};
use crate::model::{Action, AnnotationId, DocumentId, EntityId};
use crate::store::entities::Mention;
use egui::vec2;

/// Chars of context on each side of a mention in the panel.
const CONTEXT_CHARS: usize = 40;
/// Entities listed under a merge search, at most.
const MERGE_HITS: usize = 8;

/// What the entity panel shows and the text typed into its fields.
#[derive(Default)]
pub struct EntityPanel {
    /// The entity shown; `None` when the panel is closed.
    pub open: Option<EntityId>,
    /// Its mentions, by document path then start (reloaded after every change).
    pub mentions: Vec<Mention>,
    /// The name field.
    pub name: String,
    /// The new-alias field.
    pub alias: String,
    /// The search for the entity to merge with.
    pub merge_query: String,
    /// The entity chosen to merge with.
    pub merge_with: Option<EntityId>,
    /// "Delete…" was pressed: the confirmation shows.
    pub confirm_delete: bool,
    /// The filter of the entity list (left panel).
    pub filter: String,
    snippets: Option<SnippetCache>,
}

impl SanadApp {
    /// Shows entity `id` in the panel (fields reset, mentions read).
    pub(super) fn open_entity(&mut self, id: EntityId) {
        let panel = &mut self.entity_panel;
        panel.open = Some(id);
        panel.alias.clear();
        panel.merge_query.clear();
        panel.merge_with = None;
        panel.confirm_delete = false;
        panel.name = self
            .entities
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.clone())
            .unwrap_or_default();
        self.reload_entity_panel();
    }

    /// Reads the shown entity's mentions again after a change; follows the entity into the
    /// survivor when a merge took it, and closes the panel when it is gone.
    pub(super) fn reload_entity_panel(&mut self) {
        let Some(id) = self.entity_panel.open else {
            return;
        };
        if !self.entities.iter().any(|e| e.id == id) {
            self.entity_panel.open = None;
            self.entity_panel.mentions.clear();
            return;
        }
        if self
            .entity_panel
            .merge_with
            .is_some_and(|m| !self.entities.iter().any(|e| e.id == m))
        {
            self.entity_panel.merge_with = None;
        }
        let Some(p) = &self.project else { return };
        match p.entity_mentions(id, CONTEXT_CHARS) {
            Ok(m) => self.entity_panel.mentions = m,
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// After an action was applied: where the panel goes (a merge that took the shown entity
    /// shows the survivor), then a reload.
    pub(super) fn entity_panel_after(&mut self, action: &Action) {
        if let Action::MergeEntities { survivor, merged } = action
            && self.entity_panel.open == Some(*merged)
        {
            self.entity_panel.open = Some(*survivor);
        }
        if let Some(id) = self.entity_panel.open {
            // The fields follow the stored entity (e.g. after a rename or its undo).
            self.entity_panel.name = self
                .entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            self.entity_panel.merge_with = None;
            self.entity_panel.merge_query.clear();
            self.entity_panel.confirm_delete = false;
        }
        self.reload_entity_panel();
    }

    /// Opens a mention's document and selects the mention.
    pub(super) fn open_mention(&mut self, document_id: DocumentId, annotation: AnnotationId) {
        self.select_document(document_id);
        self.run_command(Command::SelectAnnotation(annotation));
    }

    /// The Entities list (left panel): each entity with its type and mention count, filtered by
    /// the Arabic-aware entity search; clicking one opens it in the entity panel.
    pub(super) fn entity_list(&mut self, ui: &mut egui::Ui) {
        let l = self.locale.clone();
        bw::heading(ui, &l.tr("ent-heading"));
        if self.entities.is_empty() {
            bw::weak(ui, &l.tr("ent-none-yet"));
        }
        if !self.entities.is_empty() {
            let filter_label = bw::label(ui, &l.tr("ent-find")).id;
            ui.add(
                TextInput::singleline(&mut self.entity_panel.filter)
                    .id_salt("entity-filter")
                    .desired_width(f32::INFINITY)
                    .hint_text(l.tr("ent-find-hint")),
            )
            .labelled_by(filter_label);
        }
        // Arabic-aware over names and aliases (harakat, tatweel, letter variants, digits,
        // case), best first; everything by name when the filter is empty.
        // (id, name, kind, mentions, aliases, the alias that matched the filter)
        type Row = (i64, String, String, usize, Vec<String>, Option<String>);
        let shown: Vec<Row> = if self.entity_panel.filter.trim().is_empty() {
            self.entities
                .iter()
                .map(|e| {
                    (
                        e.id,
                        e.name.clone(),
                        e.kind.clone(),
                        e.mentions,
                        e.aliases.clone(),
                        None,
                    )
                })
                .collect()
        } else {
            crate::search::find_entities(&self.entity_panel.filter, &self.entities)
                .into_iter()
                .map(|m| {
                    let e = &self.entities[m.entity];
                    let alias = m.alias.map(|a| e.aliases[a].clone());
                    (
                        e.id,
                        e.name.clone(),
                        e.kind.clone(),
                        e.mentions,
                        e.aliases.clone(),
                        alias,
                    )
                })
                .collect()
        };
        if shown.is_empty() && !self.entities.is_empty() {
            bw::weak(ui, &l.tr("ent-no-match"));
        }
        egui::ScrollArea::vertical()
            .id_salt("entity-list")
            .show(ui, |ui| {
                for (id, name, kind, mentions, aliases, alias_hit) in shown {
                    bw::row(ui, |ui| {
                        let weak = ui.visuals().weak_text_color();
                        let g = bw::galley(
                            ui.ctx(),
                            &format!("{kind} · {}", l.num(mentions)),
                            11.0,
                            bw::Dir::Auto,
                            None,
                            Some(weak),
                        );
                        ui.add(egui::Label::new(egui::WidgetText::Galley(g)).selectable(false));
                        let accessible =
                            l.tr_args("ent-row-a11y", &[("name", name.as_str().into())]);
                        let hover = if aliases.is_empty() {
                            l.tr("ent-row-hover")
                        } else {
                            l.tr_args(
                                "ent-row-hover-aliases",
                                &[("aliases", aliases.join(", ").into())],
                            )
                        };
                        let hover = bw::hover(ui, &hover);
                        // An alias that matched the filter is shown after the name.
                        let shown = match &alias_hit {
                            Some(a) => format!("{name} ({a})"),
                            None => name.clone(),
                        };
                        let selected = self.entity_panel.open == Some(id);
                        if document_view::bidi_snippet(
                            ui,
                            &mut self.snippets,
                            &shown,
                            selected,
                            &accessible,
                        )
                        .on_hover_text(hover)
                        .clicked()
                        {
                            self.queue.push(Command::OpenEntity(id));
                        }
                    });
                }
            });
    }

    /// The entity panel window, when an entity is open.
    pub(super) fn entity_window(&mut self, ctx: &egui::Context) {
        let Some(id) = self.entity_panel.open else {
            return;
        };
        let Some(entity) = self.entities.iter().find(|e| e.id == id).cloned() else {
            return;
        };
        let mut cmds = Vec::new();
        let mut open = true;
        let entities = self.entities.clone();
        let panel = &mut self.entity_panel;
        let cache = panel.snippets.get_or_insert_with(SnippetCache::default);
        let l = self.locale.clone();
        egui::Window::new(super::windows::window_title(ctx, &l.tr("ent-title")))
            .id(egui::Id::unique("entity-window"))
            .open(&mut open)
            .default_size(vec2(560.0, 520.0))
            .show(ctx, |ui| {
                bw::column(ui, |ui| {
                    document_view::bidi_snippet(
                        ui,
                        cache,
                        &entity.name,
                        false,
                        &l.tr_args("ent-name-a11y", &[("name", entity.name.as_str().into())]),
                    );
                    bw::weak(
                        ui,
                        &l.tr_args(
                            "ent-summary",
                            &[
                                ("kind", entity.kind.as_str().into()),
                                ("m", entity.mentions.into()),
                                ("a", entity.aliases.len().into()),
                            ],
                        ),
                    );
                    ui.separator();

                    // Rename.
                    let label = bw::label(ui, &l.tr("ent-name")).id;
                    bw::row(ui, |ui| {
                        let r = ui
                            .add(
                                TextInput::singleline(&mut panel.name)
                                    .id_salt("entity-name")
                                    .desired_width(320.0)
                                    .hint_text(l.tr("ent-name-hint")),
                            )
                            .labelled_by(label);
                        let new = panel.name.trim().to_owned();
                        let can = !new.is_empty() && new != entity.name;
                        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        let t = bw::btn(ui, &l.tr("ent-rename"));
                        if ui.add_enabled(can, egui::Button::new(t)).clicked() || (can && enter) {
                            cmds.push(Command::Apply(Action::EditEntity {
                                id,
                                name: new,
                                kind: entity.kind.clone(),
                                aliases: entity.aliases.clone(),
                            }));
                        }
                    });

                    // Aliases.
                    bw::label(ui, &l.tr("ent-aliases"));
                    for alias in &entity.aliases {
                        bw::row(ui, |ui| {
                            let hover = bw::hover(ui, &l.tr("ent-remove-alias-hover"));
                            if ui.small_button("✕").on_hover_text(hover).clicked() {
                                cmds.push(Command::Apply(Action::EditEntity {
                                    id,
                                    name: entity.name.clone(),
                                    kind: entity.kind.clone(),
                                    aliases: without_alias(&entity.aliases, alias),
                                }));
                            }
                            document_view::bidi_snippet(
                                ui,
                                cache,
                                alias,
                                false,
                                &l.tr_args("ent-alias-a11y", &[("alias", alias.as_str().into())]),
                            );
                        });
                    }
                    let label = bw::label(ui, &l.tr("ent-new-alias")).id;
                    bw::row(ui, |ui| {
                        let r = ui
                            .add(
                                TextInput::singleline(&mut panel.alias)
                                    .id_salt("entity-alias")
                                    .desired_width(320.0)
                                    .hint_text(l.tr("ent-new-alias-hint")),
                            )
                            .labelled_by(label);
                        let added = with_alias(&entity.name, &entity.aliases, &panel.alias);
                        let can = added != entity.aliases;
                        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        let t = bw::btn(ui, &l.tr("ent-add-alias"));
                        if ui.add_enabled(can, egui::Button::new(t)).clicked() || (can && enter) {
                            cmds.push(Command::Apply(Action::EditEntity {
                                id,
                                name: entity.name.clone(),
                                kind: entity.kind.clone(),
                                aliases: added,
                            }));
                            panel.alias.clear();
                        }
                    });
                    ui.separator();

                    // Merge.
                    match panel
                        .merge_with
                        .and_then(|m| entities.iter().find(|e| e.id == m))
                    {
                        Some(other) => {
                            bw::row(ui, |ui| {
                                bw::label(ui, &l.tr("ent-merge-with"));
                                document_view::bidi_snippet(
                                    ui,
                                    cache,
                                    &other.name,
                                    true,
                                    &l.tr_args(
                                        "ent-chosen-a11y",
                                        &[("name", other.name.as_str().into())],
                                    ),
                                );
                            });
                            bw::weak(
                                ui,
                                &l.tr_args(
                                    "ent-merge-explain",
                                    &[("a", entity.mentions.into()), ("b", other.mentions.into())],
                                ),
                            );
                            bw::row(ui, |ui| {
                                let hover = bw::hover(ui, &l.tr("ent-keep-this-hover"));
                                if bw::button(ui, &l.tr("ent-keep-this"))
                                    .on_hover_text(hover)
                                    .clicked()
                                {
                                    cmds.push(Command::Apply(Action::MergeEntities {
                                        survivor: id,
                                        merged: other.id,
                                    }));
                                }
                                let hover = bw::hover(ui, &l.tr("ent-keep-chosen-hover"));
                                if bw::button(ui, &l.tr("ent-keep-chosen"))
                                    .on_hover_text(hover)
                                    .clicked()
                                {
                                    cmds.push(Command::Apply(Action::MergeEntities {
                                        survivor: other.id,
                                        merged: id,
                                    }));
                                }
                                if bw::button(ui, &l.tr("cancel")).clicked() {
                                    panel.merge_with = None;
                                }
                            });
                        }
                        None => {
                            let label = bw::label(ui, &l.tr("ent-merge-with")).id;
                            ui.add(
                                TextInput::singleline(&mut panel.merge_query)
                                    .id_salt("entity-merge")
                                    .desired_width(f32::INFINITY)
                                    .hint_text(l.tr("ent-merge-hint")),
                            )
                            .labelled_by(label);
                            if !panel.merge_query.trim().is_empty() {
                                let hits: Vec<_> =
                                    crate::search::find_entities(&panel.merge_query, &entities)
                                        .into_iter()
                                        .filter(|m| entities[m.entity].id != id)
                                        .take(MERGE_HITS)
                                        .collect();
                                if hits.is_empty() {
                                    bw::weak(ui, &l.tr("ent-no-other"));
                                }
                                for m in hits {
                                    let other = &entities[m.entity];
                                    let shown = match m.alias {
                                        Some(a) => format!("{} ({})", other.name, other.aliases[a]),
                                        None => other.name.clone(),
                                    };
                                    let hover = bw::hover(
                                        ui,
                                        &l.tr_args(
                                            "ent-merge-hover",
                                            &[
                                                ("kind", other.kind.as_str().into()),
                                                ("m", other.mentions.into()),
                                            ],
                                        ),
                                    );
                                    if document_view::bidi_snippet(
                                        ui,
                                        cache,
                                        &shown,
                                        false,
                                        &l.tr_args(
                                            "ent-merge-a11y",
                                            &[("name", other.name.as_str().into())],
                                        ),
                                    )
                                    .on_hover_text(hover)
                                    .clicked()
                                    {
                                        panel.merge_with = Some(other.id);
                                    }
                                }
                            }
                        }
                    }
                    ui.separator();

                    // Delete.
                    if panel.confirm_delete {
                        bw::label(
                            ui,
                            &l.tr_args("ent-delete-confirm", &[("m", entity.mentions.into())]),
                        );
                        bw::row(ui, |ui| {
                            if bw::button(ui, &l.tr("ent-delete")).clicked() {
                                cmds.push(Command::Apply(Action::DeleteEntity { id }));
                            }
                            if bw::button(ui, &l.tr("cancel")).clicked() {
                                panel.confirm_delete = false;
                            }
                        });
                    } else if bw::button(ui, &l.tr("ent-delete-ask")).clicked() {
                        panel.confirm_delete = true;
                    }
                    ui.separator();

                    // Mentions.
                    bw::row(ui, |ui| {
                        bw::heading(
                            ui,
                            &l.tr_args("ent-mentions", &[("n", panel.mentions.len().into())]),
                        );
                        let t = bw::btn(ui, &l.tr("ent-next-mention"));
                        let hover = bw::hover(ui, &l.tr("ent-next-mention-hover"));
                        if ui
                            .add_enabled(!panel.mentions.is_empty(), egui::Button::new(t))
                            .on_hover_text(hover)
                            .clicked()
                        {
                            cmds.push(Command::JumpToMention(id));
                        }
                    });
                    if panel.mentions.is_empty() {
                        bw::weak(ui, &l.tr("ent-no-mentions"));
                    }
                    let row_h = 26.0;
                    egui::ScrollArea::vertical()
                        .id_salt("entity-mentions")
                        .auto_shrink([false, false])
                        .show_rows(ui, row_h, panel.mentions.len(), |ui, rows| {
                            for m in &panel.mentions[rows] {
                                bw::row(ui, |ui| {
                                    let weak = ui.visuals().weak_text_color();
                                    let place = format!(
                                        "{} [{}, {})",
                                        m.rel_path,
                                        l.num(m.start),
                                        l.num(m.end)
                                    );
                                    let g = bw::galley(
                                        ui.ctx(),
                                        &place,
                                        11.0,
                                        bw::Dir::Auto,
                                        None,
                                        Some(weak),
                                    );
                                    let hover = bw::hover(
                                        ui,
                                        &l.tr_args(
                                            "ent-mention-hover",
                                            &[("label", m.label.as_str().into())],
                                        ),
                                    );
                                    ui.add(
                                        egui::Label::new(egui::WidgetText::Galley(g))
                                            .selectable(false),
                                    )
                                    .on_hover_text(hover);
                                    let hit: String = m
                                        .snippet
                                        .text
                                        .chars()
                                        .skip(m.snippet.hit.start)
                                        .take(m.snippet.hit.len())
                                        .collect();
                                    let hover = bw::hover(ui, &l.tr("ent-split-hover"));
                                    let split = bw::small_button(ui, &l.tr("ent-split"))
                                        .on_hover_text(hover);
                                    if split.clicked() {
                                        cmds.push(Command::Apply(Action::SplitEntity {
                                            annotation_id: m.annotation_id,
                                            name: hit.trim().to_owned(),
                                        }));
                                    }
                                    let name = l.tr_args(
                                        "ent-mention-a11y",
                                        &[
                                            ("doc", m.rel_path.as_str().into()),
                                            ("start", m.start.into()),
                                            ("end", m.end.into()),
                                            ("text", m.snippet.text.as_str().into()),
                                        ],
                                    );
                                    if kwic_row(ui, cache, &m.snippet, false, &name).clicked() {
                                        cmds.push(Command::OpenMention {
                                            document_id: m.document_id,
                                            annotation_id: m.annotation_id,
                                        });
                                    }
                                });
                            }
                        });
                })
            });
        if !open {
            cmds.push(Command::CloseEntity);
        }
        self.queue.extend(cmds);
    }
}
