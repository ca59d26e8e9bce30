//! Drawing the app: menu, status bar, document list (the entity list under it is in
//! [`super::entity_panel`]), the inspector of the selected annotation, and the central document
//! view with its toolbar (the floating windows are in [`super::windows`]). Widgets only send
//! [`Command`]s.

use super::app::{Command, SanadApp};
use super::document_view;
use super::shortcuts::{Act, keys_of};
use super::text_input::TextInput;
use crate::model::{Action, DocumentStatus, LabelDef};
use crate::text::DirectionSetting;
use egui::{Color32, RichText, Ui};

/// Encodings offered for decoding a document again (encoding_rs names), Arabic ones first.
const REDECODE_CHOICES: &[&str] = &[
    "windows-1256",
    "ISO-8859-6",
    "UTF-8",
    "UTF-16LE",
    "UTF-16BE",
    "windows-1252",
    "windows-1255",
    "ISO-8859-8",
    "windows-1251",
    "KOI8-U",
];

fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

fn status_mark(s: DocumentStatus) -> &'static str {
    match s {
        DocumentStatus::Todo => "[ ]",
        DocumentStatus::InProgress => "[~]",
        DocumentStatus::Done => "[x]",
    }
}

/// Grapheme boundaries next to a span's edges: (start - 1, start + 1, end - 1, end + 1) in
/// graphemes, as char offsets clamped to the text.
fn grapheme_steps(
    text: &str,
    index: &crate::model::CharIndex,
    start: usize,
    end: usize,
) -> (usize, usize, usize, usize) {
    let n = index.char_count();
    let around = |i: usize| {
        // Look a few chars either side: enough for any grapheme with its marks.
        let lo = i.saturating_sub(8);
        let hi = (i + 8).min(n);
        let bounds: Vec<usize> = std::iter::once(lo)
            .chain(
                crate::text::measure::grapheme_char_ranges(index.slice(text, lo..hi))
                    .into_iter()
                    .map(|g| lo + g.end),
            )
            .collect();
        let before = bounds.iter().copied().filter(|&b| b < i).max().unwrap_or(0);
        let after = bounds.iter().copied().filter(|&b| b > i).min().unwrap_or(n);
        (before, after)
    };
    let (s0, s1) = around(start);
    let (e0, e1) = around(end);
    (s0, s1, e0, e1)
}

impl SanadApp {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new()
                .style(super::reading::menu_style_with_focus)
                .config(
                    egui::containers::menu::MenuConfig::new()
                        .style(super::reading::menu_style_with_focus),
                )
                .ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    if ui
                        .add(egui::Button::new("Open folder…").shortcut_text(keys_of(Act::OpenFolder)))
                        .clicked()
                    {
                        self.queue.push(Command::ChooseFolder);
                    }
                    if ui
                        .add(egui::Button::new("Open project…").shortcut_text(keys_of(Act::OpenProject)))
                        .clicked()
                    {
                        self.queue.push(Command::ChooseProject);
                    }
                    let has = self.project.is_some();
                    if ui
                        .add_enabled(
                            has,
                            egui::Button::new("Export…").shortcut_text(keys_of(Act::Export)),
                        )
                        .clicked()
                    {
                        self.queue.push(Command::ChooseExport);
                    }
                    if ui
                        .add_enabled(has, egui::Button::new("Import annotations…").shortcut_text(keys_of(Act::ImportAnnotations)))
                        .on_hover_text(
                            "brat, doccano, Label Studio, WebAnno TSV, CoNLL or Sanad JSONL files; one undo step",
                        )
                        .clicked()
                    {
                        self.queue.push(Command::ChooseAnnotations);
                    }
                    let mut as_suggestions = self.import_as_suggestions;
                    if ui
                        .add_enabled(
                            has,
                            egui::Checkbox::new(&mut as_suggestions, "…as suggestions"),
                        )
                        .on_hover_text(
                            "Bring the spans in as suggestions to accept or reject (model pre-annotations); relations, attributes and notes are reported, not imported",
                        )
                        .changed()
                    {
                        self.queue.push(Command::SetImportAsSuggestions(as_suggestions));
                    }
                    if ui
                        .add_enabled(has, egui::Button::new("Apply gazetteer…").shortcut_text(keys_of(Act::ApplyGazetteer)))
                        .on_hover_text(
                            "A list of known names (CSV, TSV or RON): suggests them wherever they occur; one undo step",
                        )
                        .clicked()
                    {
                        self.queue.push(Command::ChooseGazetteer);
                    }
                    ui.checkbox(&mut self.export_history, "Include history in exports");
                    if ui
                        .add_enabled(has, egui::Button::new("Save a copy…").shortcut_text(keys_of(Act::SaveCopy)))
                        .on_hover_text(
                            "A consistent copy of the whole project, safe while you work",
                        )
                        .clicked()
                    {
                        self.queue.push(Command::ChooseSaveCopy);
                    }
                    ui.separator();
                    if ui
                        .add(egui::Button::new("Quit").shortcut_text(keys_of(Act::Quit)))
                        .clicked()
                    {
                        self.queue.push(Command::Quit);
                    }
                });
                ui.menu_button("Edit", |ui| {
                    if ui
                        .add_enabled(
                            self.history.can_undo(),
                            egui::Button::new("Undo").shortcut_text(keys_of(Act::Undo)),
                        )
                        .clicked()
                    {
                        self.queue.push(Command::Undo);
                    }
                    if ui
                        .add_enabled(
                            self.history.can_redo(),
                            egui::Button::new("Redo").shortcut_text(keys_of(Act::Redo)),
                        )
                        .clicked()
                    {
                        self.queue.push(Command::Redo);
                    }
                    let selected = self.view.selected_annotation.is_some();
                    if ui
                        .add_enabled(
                            selected,
                            egui::Button::new("Delete annotation").shortcut_text(keys_of(Act::Delete)),
                        )
                        .clicked()
                    {
                        self.queue.push(Command::DeleteSelected);
                    }
                    if ui
                        .add_enabled(
                            selected,
                            egui::Button::new("Add relation…").shortcut_text(keys_of(Act::StartRelation)),
                        )
                        .clicked()
                    {
                        self.queue.push(Command::StartRelation);
                    }
                    ui.separator();
                    if ui
                        .add(egui::Button::new("Settings…").shortcut_text(keys_of(Act::Settings)))
                        .clicked()
                    {
                        self.windows.settings = true;
                    }
                });
                self.search_menu(ui);
                self.view_menu(ui);
                ui.menu_button("Help", |ui| {
                    if ui
                        .add(egui::Button::new("Keyboard shortcuts").shortcut_text(keys_of(Act::Shortcuts)))
                        .clicked()
                    {
                        self.windows.shortcuts = true;
                    }
                });
            });
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(job) = &self.job {
                    let (d, t) = job.progress;
                    let frac = if t == 0 { 0.0 } else { d as f32 / t as f32 };
                    ui.add(
                        egui::ProgressBar::new(frac)
                            .desired_width(160.0)
                            .text(format!("importing {d}/{t}")),
                    );
                }
                match &self.project {
                    Some(p) => {
                        ui.label(format!("Project: {}", p.path().display()));
                        ui.separator();
                        let count = |s| self.documents.iter().filter(|d| d.status == s).count();
                        let n = self.documents.len();
                        ui.label(format!(
                            "{n} document{}: {} to do · {} in progress · {} done",
                            if n == 1 { "" } else { "s" },
                            count(DocumentStatus::Todo),
                            count(DocumentStatus::InProgress),
                            count(DocumentStatus::Done)
                        ));
                        ui.separator();
                        if self.settings.annotator.is_none() && self.windows.ask_name.is_some() {
                            ui.label("Annotator: not set yet");
                        } else {
                            ui.label(format!("Annotator: {}", p.actor()));
                        }
                    }
                    None => {
                        ui.label("No project open");
                    }
                }
                ui.separator();
                self.selection_readout(ui);
                let color = if self.error.is_some() {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.add(egui::Label::new(RichText::new(&self.status).color(color)).wrap());
            });
        });
    }

    /// The status bar's readout of the text selection: its [start, end), length and text (through
    /// the document view's bidi engine). Nothing when there is no selection.
    fn selection_readout(&mut self, ui: &mut Ui) {
        let Some(sel) = self.view.selection.clone().filter(|s| !s.is_empty()) else {
            return;
        };
        let Some(cur) = &self.current else { return };
        let text = cur.index.slice(&cur.document.text, sel.clone()).to_owned();
        ui.label(format!(
            "Selected {}:",
            super::overlays::selection_readout(&sel)
        ));
        let height = ui.spacing().interact_size.y;
        ui.allocate_ui(egui::vec2(280.0, height), |ui| {
            document_view::bidi_snippet(
                ui,
                &mut self.snippets,
                &text,
                false,
                &format!("Selected text {text}"),
            );
        });
        ui.separator();
    }

    pub(super) fn document_list(&mut self, ui: &mut Ui) {
        egui::Panel::left("documents").default_size(250.0).resizable(true).show(ui, |ui| {
            ui.heading("Documents");
            ui.horizontal(|ui| {
                egui::ComboBox::new("status-filter", "shown")
                    .selected_text(self.status_filter.map_or("All", |s| s.title()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.status_filter, None, "All");
                        for s in DocumentStatus::ALL {
                            ui.selectable_value(&mut self.status_filter, Some(s), s.title());
                        }
                    });
            });
            let current = self.current.as_ref().map(|c| c.document.id);
            let rows: Vec<(i64, String, String)> = self
                .visible_documents()
                .into_iter()
                .map(|d| {
                    let mut flag = if d.has_override { "  ⚠ override".to_owned() } else { String::new() };
                    // Known for the documents shown so far (the view counts them when it opens one).
                    if let Some(&n) = self.view.undrawable_counts.get(&d.id).filter(|n| **n > 0) {
                        let what = if n == 1 { "character cannot" } else { "characters cannot" };
                        flag.push_str(&format!("  ⚠ {n} {what} be displayed"));
                    }
                    let text = format!("{} {}  ({}){flag}", status_mark(d.status), d.rel_path, d.annotation_count);
                    let mut hover = format!("{} — {}", d.rel_path, d.status.title());
                    if d.has_override {
                        hover.push_str("\nHolds a directional override (U+202D/U+202E): it can display differently from what it says.");
                    }
                    (d.id, text, hover)
                })
                .collect();
            egui::ScrollArea::vertical().id_salt("doc-list").max_height(ui.available_height() * 0.55).show(ui, |ui| {
                if rows.is_empty() && !self.documents.is_empty() {
                    let what = self.status_filter.map_or("", |s| s.title());
                    ui.label(RichText::new(format!("No document is “{what}” ({} in all). Set “shown” to All.", self.documents.len())).weak());
                }
                for (id, text, hover) in rows {
                    // Names (often Arabic) through the bidi engine, cut to the panel's width.
                    if document_view::bidi_snippet(ui, &mut self.snippets, &text, current == Some(id), &text).on_hover_text(hover).clicked() {
                        self.queue.push(Command::SelectDocument(id));
                    }
                }
                if let Some((from, report)) = &self.report
                    && (!report.skipped.is_empty() || !report.changed.is_empty() || !report.missing.is_empty())
                {
                    let warn = ui.visuals().warn_fg_color;
                    ui.separator();
                    ui.label(RichText::new(format!("Not imported from {from}:")).strong());
                    for s in &report.skipped {
                        ui.label(RichText::new(format!("{} — {}", s.rel_path, s.reason)).color(warn));
                    }
                    for m in &report.missing {
                        ui.label(RichText::new(format!("{m} — no longer in the folder; the imported copy was kept")).color(warn));
                    }
                    for c in &report.changed {
                        ui.label(
                            RichText::new(format!("{c} — changed on disk since import; the imported text and its annotations were kept"))
                                .color(warn),
                        );
                    }
                }
                if let Some((path, message)) = self.unresolved_import.clone() {
                    ui.separator();
                    ui.label(RichText::new(format!("Not imported from {}:", path.display())).strong());
                    ui.label(RichText::new(&message).color(ui.visuals().warn_fg_color));
                    if ui.button("Add them to the scheme and import").clicked() {
                        self.queue.push(Command::ImportAnnotationsResolving { path: path.clone(), add: true });
                    }
                    if ui.button("Import without those annotations").clicked() {
                        self.queue.push(Command::ImportAnnotationsResolving { path, add: false });
                    }
                }
                if let Some((from, lines)) = &self.annotation_report {
                    ui.separator();
                    ui.label(RichText::new(format!("Annotations from {from}:")).strong());
                    for line in lines {
                        ui.label(RichText::new(line).small());
                    }
                }
            });
            ui.separator();
            self.entity_list(ui);
        });
    }

    /// The right panel: the label palette, the selected annotation's details, the list.
    pub(super) fn inspector(&mut self, ui: &mut Ui) {
        egui::Panel::right("annotations")
            .default_size(320.0)
            .resizable(true)
            .show(ui, |ui| {
                ui.heading("Labels");
                let has_target = self.view.selection.as_ref().is_some_and(|s| !s.is_empty())
                    || self.view.selected_annotation.is_some();
                ui.horizontal_wrapped(|ui| {
                    for l in &self.labels {
                        let key = l.key.map(|k| format!("{k}  ")).unwrap_or_default();
                        let button =
                            egui::Button::new(RichText::new(format!("{key}{}", l.name)).strong())
                                .fill(rgb(l.color).gamma_multiply(0.35));
                        let response = ui.add_enabled(has_target, button).on_hover_text(format!(
                            "{}\n({})",
                            l.description,
                            super::label_style::Underline::of(l.id).name()
                        ));
                        // The label's underline style along the button's foot, as under its spans.
                        super::label_style::paint_button_underline(ui, response.rect, l);
                        let clicked = response.clicked();
                        if clicked {
                            self.queue.push(Command::UseLabel(l.name.clone()));
                        }
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("details")
                    .max_height(ui.available_height() * 0.55)
                    .show(ui, |ui| {
                        self.selected_details(ui);
                    });
                ui.separator();
                ui.heading("Annotations");
                let Some(cur) = &self.current else {
                    ui.label("No document open.");
                    return;
                };
                if cur.annotations.is_empty() {
                    ui.label("None yet: drag across the text, then press 1–4 or click a label.");
                }
                // One fixed-height row per annotation, and only the visible rows are built.
                let row_h = 22.0;
                egui::ScrollArea::vertical()
                    .id_salt("ann-list")
                    .auto_shrink([false, false])
                    .show_rows(ui, row_h, cur.annotations.len(), |ui, rows| {
                        for a in &cur.annotations[rows] {
                            let label = self.labels.iter().find(|l| l.id == a.label_id);
                            let name = label.map_or("?", |l| l.name.as_str());
                            let color = label.map_or(Color32::GRAY, |l| rgb(l.color));
                            let text = cur.index.slice(&cur.document.text, a.range());
                            let selected = self.view.selected_annotation == Some(a.id);
                            ui.horizontal(|ui| {
                                ui.set_height(row_h - ui.spacing().item_spacing.y);
                                // The line (paragraph) number tells identical mentions apart.
                                let line = cur
                                    .index
                                    .slice(&cur.document.text, 0..a.start)
                                    .matches('\n')
                                    .count()
                                    + 1;
                                if let Some(l) = label {
                                    super::label_style::swatch(ui, l, egui::vec2(14.0, 14.0));
                                }
                                ui.label(RichText::new(name).color(color).strong().small())
                                    .on_hover_text(format!("[{}, {}) in chars", a.start, a.end));
                                ui.label(RichText::new(format!("l.{line}")).weak().small())
                                    .on_hover_text(format!("Line {line} of the document"));
                                let accessible = format!("Annotation {name} {text}");
                                if document_view::bidi_snippet(
                                    ui,
                                    &mut self.snippets,
                                    text,
                                    selected,
                                    &accessible,
                                )
                                .clicked()
                                {
                                    self.queue.push(Command::SelectAnnotation(a.id));
                                }
                            });
                        }
                    });
            });
    }

    /// Attributes, note, entity link, relations and history of the selected annotation.
    fn selected_details(&mut self, ui: &mut Ui) {
        let Some(id) = self.view.selected_annotation else {
            ui.label(
                RichText::new(
                    "Click a highlight to see and edit its attributes, note, entity and relations.",
                )
                .weak(),
            );
            return;
        };
        let (Some(cur), Some(scheme)) = (&self.current, &self.scheme) else {
            return;
        };
        let Some(a) = cur.annotations.iter().find(|a| a.id == id).cloned() else {
            return;
        };
        let Some(label) = self.labels.iter().find(|l| l.id == a.label_id).cloned() else {
            return;
        };
        let def: Option<LabelDef> = scheme.labels.iter().find(|l| l.name == label.name).cloned();
        let text = cur.index.slice(&cur.document.text, a.range()).to_owned();
        let attrs = cur.attributes.get(&id).cloned().unwrap_or_default();
        let relations = cur
            .relations
            .iter()
            .filter(|r| r.head == id || r.child == id)
            .cloned()
            .collect::<Vec<_>>();
        let ann_text = |other: i64| {
            cur.annotations
                .iter()
                .find(|x| x.id == other)
                .map(|x| cur.index.slice(&cur.document.text, x.range()).to_owned())
                .unwrap_or_default()
        };
        let relation_rows: Vec<(i64, String, String)> = relations
            .iter()
            .map(|r| {
                if r.head == id {
                    (r.id, format!("{} ->", r.relation), ann_text(r.child))
                } else {
                    (r.id, format!("<- {}", r.relation), ann_text(r.head))
                }
            })
            .collect();
        let doc_id = cur.document.id;

        ui.horizontal(|ui| {
            ui.label(RichText::new(&label.name).color(rgb(label.color)).strong());
            ui.label(
                RichText::new(format!("[{}, {})", a.start, a.end))
                    .weak()
                    .small(),
            );
        });
        document_view::bidi_snippet(
            ui,
            &mut self.snippets,
            &text,
            false,
            "Selected annotation text",
        );
        // Resize by one grapheme at either edge (logical order: start is where reading begins).
        let edges = grapheme_steps(&cur.document.text, &cur.index, a.start, a.end);
        ui.horizontal(|ui| {
            for (name, start, end) in [
                ("Start -1", edges.0, a.end),
                ("Start +1", edges.1, a.end),
                ("End -1", a.start, edges.2),
                ("End +1", a.start, edges.3),
            ] {
                let valid = start < end && (start, end) != (a.start, a.end);
                if ui
                    .add_enabled(valid, egui::Button::new(name).small())
                    .clicked()
                {
                    self.queue
                        .push(Command::Apply(Action::ResizeAnnotation { id, start, end }));
                }
            }
        });

        // Attributes declared for this label.
        if let Some(def) = &def {
            for attr in &def.attributes {
                let current = attrs
                    .iter()
                    .find(|(n, _)| *n == attr.name)
                    .map(|(_, v)| v.clone());
                ui.horizontal(|ui| {
                    egui::ComboBox::new(("attr", id, attr.name.as_str()), attr.name.as_str())
                        .selected_text(current.clone().unwrap_or_else(|| "—".into()))
                        .show_ui(ui, |ui| {
                            if ui.selectable_label(current.is_none(), "—").clicked()
                                && current.is_some()
                            {
                                self.queue.push(Command::Apply(Action::SetAttribute {
                                    annotation_id: id,
                                    name: attr.name.clone(),
                                    value: None,
                                    restore: false,
                                }));
                            }
                            for v in &attr.values {
                                if ui
                                    .selectable_label(current.as_deref() == Some(v), v)
                                    .clicked()
                                    && current.as_deref() != Some(v)
                                {
                                    self.queue.push(Command::Apply(Action::SetAttribute {
                                        annotation_id: id,
                                        name: attr.name.clone(),
                                        value: Some(v.clone()),
                                        restore: false,
                                    }));
                                }
                            }
                        });
                });
            }
        }
        // Attribute values the label no longer declares are still shown (nothing is lost).
        for (n, v) in attrs.iter().filter(|(n, _)| {
            def.as_ref()
                .is_none_or(|d| d.attributes.iter().all(|x| x.name != *n))
        }) {
            ui.label(
                RichText::new(format!("{n}: {v} (not in the scheme for {})", label.name))
                    .weak()
                    .small(),
            );
        }

        // Note: edited in a buffer, saved as one action when the field loses focus.
        let note_label = ui.label("Note:").id;
        let mut buffer = match &self.note_edit {
            Some((nid, t)) if *nid == id => t.clone(),
            _ => a.note.clone(),
        };
        let response = ui
            .add(
                TextInput::multiline(&mut buffer)
                    .id_salt(("annotation-note", id))
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("Free text, any language"),
            )
            .labelled_by(note_label);
        if response.changed() {
            self.note_edit = Some((id, buffer.clone()));
        }
        if response.lost_focus() && buffer != a.note {
            self.queue.push(Command::Apply(Action::SetAnnotationNote {
                annotation_id: id,
                note: buffer,
            }));
        }

        // Entity link.
        ui.horizontal(|ui| {
            ui.label("Entity:");
            match a
                .entity_id
                .and_then(|e| self.entities.iter().find(|x| x.id == e))
            {
                Some(e) => {
                    let (name, eid) = (e.name.clone(), e.id);
                    if document_view::bidi_snippet(
                        ui,
                        &mut self.snippets,
                        &name,
                        false,
                        &format!("Linked entity {name}"),
                    )
                    .on_hover_text("Click: open the entity panel")
                    .clicked()
                    {
                        self.queue.push(Command::OpenEntity(eid));
                    }
                }
                None => {
                    ui.label(RichText::new("none").weak());
                }
            }
        });
        ui.horizontal(|ui| {
            if a.entity_id.is_some() && ui.button("Unlink").clicked() {
                self.queue.push(Command::Apply(Action::LinkEntity {
                    annotation_id: id,
                    entity_id: None,
                }));
            }
            if ui.button("Create entity from mention").clicked() {
                self.queue.push(Command::EntityFromSelected);
            }
        });
        let search_label = ui.label("Link to an entity:").id;
        ui.add(
            TextInput::singleline(&mut self.entity_search)
                .id_salt("entity-search")
                .desired_width(f32::INFINITY)
                .hint_text("Link to an entity: search names and aliases"),
        )
        .labelled_by(search_label);
        if !self.entity_search.trim().is_empty() {
            // Arabic-aware over names and aliases: harakat, tatweel, letter variants, digits
            // and case are folded; best first.
            let hits: Vec<(i64, String, Option<String>)> =
                crate::search::find_entities(&self.entity_search, &self.entities)
                    .into_iter()
                    .take(8)
                    .map(|m| {
                        let e = &self.entities[m.entity];
                        (e.id, e.name.clone(), m.alias.map(|a| e.aliases[a].clone()))
                    })
                    .collect();
            if hits.is_empty() {
                ui.label(
                    RichText::new(format!(
                        "No entity matches “{}” in its name or aliases. Names match only in the script they are written in: add a Latin alias to find an Arabic name by it.",
                        self.entity_search.trim()
                    ))
                    .weak(),
                );
            }
            for (eid, name, alias) in hits {
                let shown = match &alias {
                    Some(a) => format!("{name} ({a})"),
                    None => name.clone(),
                };
                if document_view::bidi_snippet(
                    ui,
                    &mut self.snippets,
                    &shown,
                    false,
                    &format!("Link to {name}"),
                )
                .clicked()
                {
                    self.queue.push(Command::Apply(Action::LinkEntity {
                        annotation_id: id,
                        entity_id: Some(eid),
                    }));
                    self.entity_search.clear();
                }
            }
        }

        // Relations.
        ui.horizontal(|ui| {
            ui.label("Relations:");
            let label = if self.relation_from == Some(id) {
                "Click the target…"
            } else {
                "Add (R)"
            };
            if ui.button(label).clicked() {
                self.queue.push(Command::StartRelation);
            }
        });
        for (rid, arrow, other) in relation_rows {
            ui.horizontal(|ui| {
                if ui
                    .small_button("Delete")
                    .on_hover_text("Delete this relation")
                    .clicked()
                {
                    self.queue
                        .push(Command::Apply(Action::DeleteRelation { id: rid }));
                }
                ui.label(RichText::new(arrow).small());
                document_view::bidi_snippet(
                    ui,
                    &mut self.snippets,
                    &other,
                    false,
                    &format!("Related {other}"),
                );
            });
        }

        // Audit trail of this annotation.
        egui::CollapsingHeader::new("History")
            .id_salt(("history", id))
            .show(ui, |ui| {
                let rows = self
                    .project
                    .as_ref()
                    .and_then(|p| p.annotation_history(id).ok())
                    .unwrap_or_default();
                for r in rows {
                    ui.label(RichText::new(format!("{}  {}  {}", r.at, r.actor, r.action)).small());
                }
            });
        let _ = doc_id;
    }

    pub(super) fn central(&mut self, ui: &mut Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(job) = &self.job {
                ui.vertical_centered(|ui| {
                    ui.add_space(40.0);
                    ui.label(format!("Importing {} …", job.what));
                    let (d, t) = job.progress;
                    ui.add(egui::ProgressBar::new(if t == 0 { 0.0 } else { d as f32 / t as f32 }).show_percentage());
                });
                return;
            }
            if let Some(err) = self.error.clone() {
                // A floating banner over the top of the panel: showing it never moves the text
                // under the pointer.
                let top = ui.max_rect().right_top() + egui::vec2(-8.0, 4.0);
                egui::Area::new(egui::Id::unique("sanad-error-banner")).order(egui::Order::Foreground).fixed_pos(top).pivot(egui::Align2::RIGHT_TOP).show(
                    ui.ctx(),
                    |ui| {
                        egui::Frame::popup(ui.style()).show(ui, |ui| {
                            ui.set_max_width(520.0);
                            ui.horizontal_wrapped(|ui| {
                                ui.label(RichText::new(format!("⚠ {err}")).color(ui.visuals().error_fg_color));
                                if ui.small_button("Dismiss").clicked() {
                                    self.error = None;
                                }
                            });
                        });
                    },
                );
            }
            let Some(cur) = &self.current else {
                ui.vertical_centered(|ui| {
                    ui.add_space(60.0);
                    if self.project.is_none() {
                        ui.heading("No project open");
                        ui.label("Open a folder of .txt documents to start annotating.");
                        if ui.button("Open folder…").clicked() {
                            self.queue.push(Command::ChooseFolder);
                        }
                        if ui.button("Open project…").clicked() {
                            self.queue.push(Command::ChooseProject);
                        }
                    } else if self.documents.is_empty() {
                        ui.heading("This project has no documents");
                        ui.label("Open a folder that holds .txt files.");
                    } else {
                        ui.label("Pick a document on the left.");
                    }
                });
                return;
            };
            let doc_id = cur.document.id;
            let dir = cur.document.direction;
            let status = cur.document.status;
            let note = cur.document.note.clone();
            ui.horizontal_wrapped(|ui| {
                ui.label("Paragraph direction:");
                for (setting, name) in
                    [(DirectionSetting::Auto, "Auto"), (DirectionSetting::Rtl, "Right to left"), (DirectionSetting::Ltr, "Left to right")]
                {
                    if ui.selectable_label(dir == setting, name).clicked() && dir != setting {
                        self.queue.push(Command::Apply(Action::SetDirection { document_id: doc_id, direction: setting }));
                    }
                }
                ui.separator();
                ui.checkbox(&mut self.view.show_controls, "Show invisible characters");
                ui.separator();
                egui::ComboBox::new("doc-status", "status").selected_text(status.title()).show_ui(ui, |ui| {
                    for s in DocumentStatus::ALL {
                        if ui.selectable_label(status == s, s.title()).clicked() && status != s {
                            self.queue.push(Command::Apply(Action::SetStatus { document_id: doc_id, status: s }));
                        }
                    }
                });
                ui.separator();
                let encoding = cur.document.encoding.clone();
                let shown = if cur.document.encoding_guessed {
                    format!("⚠ encoding guessed: {encoding}")
                } else {
                    format!("encoding: {encoding}")
                };
                egui::ComboBox::new("doc-encoding", "")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        ui.label("Decode the source file again as:");
                        for label in REDECODE_CHOICES {
                            if ui.selectable_label(encoding.eq_ignore_ascii_case(label), *label).clicked() {
                                self.queue.push(Command::Redecode((*label).to_owned()));
                            }
                        }
                    })
                    .response
                    .on_hover_text("How the file's bytes became this text. A guessed encoding can be wrong on short files; choose another to decode the file again (only before the document has annotations; Ctrl+Z undoes it).");
            });
            egui::CollapsingHeader::new(if note.is_empty() { "Document note" } else { "Document note (written)" })
                .id_salt(("doc-note", doc_id))
                .show(ui, |ui| {
                    let mut buffer = match &self.doc_note_edit {
                        Some((d, t)) if *d == doc_id => t.clone(),
                        _ => note.clone(),
                    };
                    let label = ui.label("Note about this document:").id;
                    let r = ui.add(TextInput::multiline(&mut buffer).id_salt(("document-note", doc_id)).desired_rows(2).desired_width(f32::INFINITY)).labelled_by(label);
                    if r.changed() {
                        self.doc_note_edit = Some((doc_id, buffer.clone()));
                    }
                    if r.lost_focus() && buffer != note {
                        self.queue.push(Command::Apply(Action::SetDocumentNote { document_id: doc_id, note: buffer }));
                    }
                });
            ui.separator();
            let Some(cur) = &self.current else { return };
            let out = document_view::show(
                ui,
                &mut self.view,
                document_view::DocumentRef {
                    id: cur.document.id,
                    text: &cur.document.text,
                    direction: cur.document.direction,
                    annotations: &cur.annotations,
                    relations: &cur.relations,
                    suggestions: &cur.suggestions,
                },
                &self.labels,
                self.relation_from,
            );
            if let Some(n) = out.copied {
                self.status = format!("Copied {n} characters");
            }
            if let Some(id) = out.clicked_suggestion {
                self.queue.push(Command::SelectSuggestion(Some(id)));
            }
            if let Some(id) = out.clicked_annotation {
                match self.relation_from {
                    Some(head) => self.queue.push(Command::RelationTarget { head, child: id }),
                    None => self.status = format!("Selected annotation {id}: a number relabels it, Delete removes it, R starts a relation"),
                }
            }
        });
    }
}
