//! The entity panel: one entity's name, type and aliases with controls to rename it, add and
//! remove aliases, merge it with another entity (choosing which one stays), split a mention off
//! into a new entity and delete it; and its mentions across all documents as keyword-in-context
//! rows drawn by the document view's bidi engine (clicking one opens its document and selects
//! it). Every change is one [`Action`] sent as [`Command::Apply`], undone in one step (Ctrl+Z).
//! Also the Entities list of the left panel, filtered by the Arabic-aware entity search.

use super::app::{Command, SanadApp};
use super::document_view::{self, SnippetCache};
use super::search_panel::kwic_row;
use super::text_input::TextInput;
use crate::model::entity::{with_alias, without_alias};
use crate::model::{Action, AnnotationId, DocumentId, EntityId};
use crate::store::entities::Mention;
use egui::{RichText, vec2};

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
        ui.heading("Entities");
        if self.entities.is_empty() {
            ui.label(
                RichText::new("None yet: select a mention and use “Create entity” on the right.")
                    .weak(),
            );
        }
        if !self.entities.is_empty() {
            let filter_label = ui.label("Find an entity:").id;
            ui.add(
                TextInput::singleline(&mut self.entity_panel.filter)
                    .id_salt("entity-filter")
                    .desired_width(f32::INFINITY)
                    .hint_text("Name or alias, any script"),
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
            ui.label(RichText::new("No entity has this in its name or aliases.").weak());
        }
        egui::ScrollArea::vertical().id_salt("entity-list").show(ui, |ui| {
            for (id, name, kind, mentions, aliases, alias_hit) in shown {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("{kind} · {mentions}")).small().weak());
                    let accessible = format!("Entity {name}");
                    let hover = if aliases.is_empty() {
                        "Click: open the entity panel (mentions, rename, aliases, merge, split, delete)".to_owned()
                    } else {
                        format!("Also: {}\nClick: open the entity panel (mentions, rename, aliases, merge, split, delete)", aliases.join(", "))
                    };
                    // An alias that matched the filter is shown after the name.
                    let shown = match &alias_hit {
                        Some(a) => format!("{name} ({a})"),
                        None => name.clone(),
                    };
                    let selected = self.entity_panel.open == Some(id);
                    if document_view::bidi_snippet(ui, &mut self.snippets, &shown, selected, &accessible).on_hover_text(hover).clicked() {
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
        egui::Window::new("Entity")
            .open(&mut open)
            .default_size(vec2(560.0, 520.0))
            .show(ctx, |ui| {
                document_view::bidi_snippet(
                    ui,
                    cache,
                    &entity.name,
                    false,
                    &format!("Entity name {}", entity.name),
                );
                ui.label(
                    RichText::new(format!(
                        "{} · {} mention(s) · {} alias(es)",
                        entity.kind,
                        entity.mentions,
                        entity.aliases.len()
                    ))
                    .weak(),
                );
                ui.separator();

                // Rename.
                let label = ui.label("Name:").id;
                ui.horizontal(|ui| {
                    let r = ui
                        .add(
                            TextInput::singleline(&mut panel.name)
                                .id_salt("entity-name")
                                .desired_width(320.0)
                                .hint_text("Entity name"),
                        )
                        .labelled_by(label);
                    let new = panel.name.trim().to_owned();
                    let can = !new.is_empty() && new != entity.name;
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.add_enabled(can, egui::Button::new("Rename")).clicked() || (can && enter)
                    {
                        cmds.push(Command::Apply(Action::EditEntity {
                            id,
                            name: new,
                            kind: entity.kind.clone(),
                            aliases: entity.aliases.clone(),
                        }));
                    }
                });

                // Aliases.
                ui.label("Aliases (any script; search finds the entity by each):");
                for alias in &entity.aliases {
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("✕")
                            .on_hover_text("Remove this alias")
                            .clicked()
                        {
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
                            &format!("Alias {alias}"),
                        );
                    });
                }
                let label = ui.label("New alias:").id;
                ui.horizontal(|ui| {
                    let r = ui
                        .add(
                            TextInput::singleline(&mut panel.alias)
                                .id_salt("entity-alias")
                                .desired_width(320.0)
                                .hint_text("Another name, e.g. in Latin script"),
                        )
                        .labelled_by(label);
                    let added = with_alias(&entity.name, &entity.aliases, &panel.alias);
                    let can = added != entity.aliases;
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui
                        .add_enabled(can, egui::Button::new("Add alias"))
                        .clicked()
                        || (can && enter)
                    {
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
                        ui.horizontal(|ui| {
                            ui.label("Merge with:");
                            document_view::bidi_snippet(
                                ui,
                                cache,
                                &other.name,
                                true,
                                &format!("Chosen entity {}", other.name),
                            );
                        });
                        ui.label(
                            RichText::new(format!(
                                "The one kept takes every mention and the other's name and aliases as aliases ({} + {} mentions). One Ctrl+Z undoes it.",
                                entity.mentions, other.mentions
                            ))
                            .weak(),
                        );
                        ui.horizontal(|ui| {
                            if ui
                                .button("Keep this one")
                                .on_hover_text("Merge the chosen entity into this one")
                                .clicked()
                            {
                                cmds.push(Command::Apply(Action::MergeEntities {
                                    survivor: id,
                                    merged: other.id,
                                }));
                            }
                            if ui
                                .button("Keep the chosen one")
                                .on_hover_text("Merge this entity into the chosen one")
                                .clicked()
                            {
                                cmds.push(Command::Apply(Action::MergeEntities {
                                    survivor: other.id,
                                    merged: id,
                                }));
                            }
                            if ui.button("Cancel").clicked() {
                                panel.merge_with = None;
                            }
                        });
                    }
                    None => {
                        let label = ui.label("Merge with:").id;
                        ui.add(
                            TextInput::singleline(&mut panel.merge_query)
                                .id_salt("entity-merge")
                                .desired_width(f32::INFINITY)
                                .hint_text("Find the entity to merge with: name or alias"),
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
                                ui.label(RichText::new("No other entity matches.").weak());
                            }
                            for m in hits {
                                let other = &entities[m.entity];
                                let shown = match m.alias {
                                    Some(a) => format!("{} ({})", other.name, other.aliases[a]),
                                    None => other.name.clone(),
                                };
                                if document_view::bidi_snippet(
                                    ui,
                                    cache,
                                    &shown,
                                    false,
                                    &format!("Merge with {}", other.name),
                                )
                                .on_hover_text(format!(
                                    "{} · {} mention(s)",
                                    other.kind, other.mentions
                                ))
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
                    ui.label(format!(
                        "Delete this entity? Its {} mention(s) keep their spans and labels and lose the link. Ctrl+Z brings it back.",
                        entity.mentions
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Delete entity").clicked() {
                            cmds.push(Command::Apply(Action::DeleteEntity { id }));
                        }
                        if ui.button("Cancel").clicked() {
                            panel.confirm_delete = false;
                        }
                    });
                } else if ui.button("Delete…").clicked() {
                    panel.confirm_delete = true;
                }
                ui.separator();

                // Mentions.
                ui.horizontal(|ui| {
                    ui.heading(format!("Mentions ({})", panel.mentions.len()));
                    if ui
                        .add_enabled(!panel.mentions.is_empty(), egui::Button::new("Next mention"))
                        .on_hover_text("Open the next mention, in any document (again: the one after)")
                        .clicked()
                    {
                        cmds.push(Command::JumpToMention(id));
                    }
                });
                if panel.mentions.is_empty() {
                    ui.label(
                        RichText::new(
                            "None: select an annotation and link it from the inspector.",
                        )
                        .weak(),
                    );
                }
                let row_h = 26.0;
                egui::ScrollArea::vertical()
                    .id_salt("entity-mentions")
                    .auto_shrink([false, false])
                    .show_rows(ui, row_h, panel.mentions.len(), |ui, rows| {
                        for m in &panel.mentions[rows] {
                            ui.horizontal(|ui| {
                                ui.label(
                                    RichText::new(format!("{} [{}, {})", m.rel_path, m.start, m.end))
                                        .small()
                                        .weak(),
                                )
                                .on_hover_text(format!("{} · chars", m.label));
                                let hit: String = m
                                    .snippet
                                    .text
                                    .chars()
                                    .skip(m.snippet.hit.start)
                                    .take(m.snippet.hit.len())
                                    .collect();
                                let split = ui
                                    .small_button("Split off")
                                    .on_hover_text("Unlink this mention into a new entity of the same type, named by its text");
                                if split.clicked() {
                                    cmds.push(Command::Apply(Action::SplitEntity {
                                        annotation_id: m.annotation_id,
                                        name: hit.trim().to_owned(),
                                    }));
                                }
                                let name = format!(
                                    "Mention {} [{}, {}) {}",
                                    m.rel_path, m.start, m.end, m.snippet.text
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
            });
        if !open {
            cmds.push(Command::CloseEntity);
        }
        self.queue.extend(cmds);
    }
}
