//! Find in document (Ctrl+F) and in project (Ctrl+Shift+F): the search bar with its folding rules
//! and word mode, project results grouped by document with keyword-in-context snippets drawn by
//! the document view's bidi engine, stepping through matches (F3 / Shift+F3), and "Label all…"
//! (Ctrl+Shift+L): a preview of the matches with checkboxes, applied as one action.
//!
//! Widgets here only send [`Command`]s; [`SanadApp::run_search_command`] applies them (called
//! from the one place commands are applied, [`SanadApp::run_command`]).

use super::app::{Command, SanadApp};
use super::document_view::{self, SnippetCache};
use crate::model::{Action, DocumentId};
use crate::search::{FoldOptions, Matcher, Query, Snippet, WordMode};
use crate::store::search::{DocumentMatches, SearchIndex};
use crate::text::DirectionSetting;
use crate::text::layout::layout_document;
use crate::text::shaping::EguiMeasurer;
use egui::{Color32, CornerRadius, Key, Sense, Ui, pos2, vec2};
use std::ops::Range;

/// Chars of context on each side of a match in a snippet.
const CONTEXT_CHARS: usize = 40;

/// Height of a row of the results list, points (one line of snippet text).
const ROW_HEIGHT: f32 = 24.0;

/// One match in the "Label all…" preview.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewRow {
    /// The document.
    pub document_id: DocumentId,
    /// Its path.
    pub rel_path: String,
    /// The match, chars, end-exclusive.
    pub range: Range<usize>,
    /// The match in context.
    pub snippet: Snippet,
    /// Will it be labelled?
    pub ticked: bool,
    /// Does the span already have the preview's label (shown, never labelled again)?
    pub already: bool,
}

/// The "Label all…" preview: the chosen label and the matches.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelAllPreview {
    /// Label name to apply.
    pub label: String,
    /// The matches, in result order.
    pub rows: Vec<PreviewRow>,
}

/// The search bar's state and its results.
#[derive(Default)]
pub struct SearchState {
    /// Is the bar shown?
    pub open: bool,
    /// Search every document (`true`) or the shown one.
    pub project: bool,
    /// The query field's text.
    pub text: String,
    /// Word mode.
    pub mode: WordMode,
    /// Folding rules.
    pub fold: FoldOptions,
    /// Move the keyboard focus to the query field on the next frame.
    pub(super) focus: bool,
    /// Results of the last search, documents in list order.
    pub results: Vec<DocumentMatches>,
    /// The query the results are for.
    pub searched: Option<Query>,
    /// The match last stepped to or clicked: (index into results, index into its matches).
    pub cursor: Option<(usize, usize)>,
    /// The open "Label all…" preview.
    pub preview: Option<LabelAllPreview>,
    /// Why the last search failed (a regex that does not parse).
    pub error: Option<String>,
    index: SearchIndex,
    snippets: Option<SnippetCache>,
    /// Snippets of the results, per document, made when first shown.
    kwic: std::collections::HashMap<DocumentId, Vec<Snippet>>,
    /// Documents whose matches are folded away in the results list.
    collapsed: std::collections::HashSet<DocumentId>,
}

impl SearchState {
    /// The query the bar describes.
    pub fn query(&self) -> Query {
        Query {
            text: self.text.clone(),
            mode: self.mode,
            fold: self.fold,
        }
    }

    /// How many matches the results hold.
    pub fn count(&self) -> usize {
        self.results.iter().map(|d| d.matches.len()).sum()
    }
}

impl SanadApp {
    /// Applies a search command (see [`Command::OpenSearch`] and the ones after it).
    pub(super) fn run_search_command(&mut self, command: Command) {
        match command {
            Command::OpenSearch { project } => {
                let s = &mut self.search;
                s.open = true;
                s.focus = true;
                if s.project != project {
                    s.project = project;
                    s.searched = None;
                }
                // A selection in the document seeds the query.
                if let (Some(cur), Some(sel)) = (&self.current, self.view.selection.clone())
                    && !sel.is_empty()
                    && sel.len() < 200
                {
                    self.search.text = cur.index.slice(&cur.document.text, sel).to_owned();
                    self.search.searched = None;
                }
                if !self.search.text.is_empty() {
                    self.run_search_command(Command::Search);
                }
            }
            Command::CloseSearch => {
                self.search.open = false;
                self.search.preview = None;
            }
            Command::Search => self.search_now(),
            Command::StepMatch(step) => self.step_match(step),
            Command::OpenMatch {
                document_id,
                start,
                end,
            } => {
                if let Some(d) = self
                    .search
                    .results
                    .iter()
                    .position(|d| d.document_id == document_id)
                    && let Some(m) = self.search.results[d]
                        .matches
                        .iter()
                        .position(|m| *m == (start..end))
                {
                    self.search.cursor = Some((d, m));
                }
                self.select_document(document_id);
                if self.current.as_ref().map(|c| c.document.id) == Some(document_id) {
                    self.view.selected_annotation = None;
                    self.view.select(start..end);
                    self.view.scroll_to = Some(start..end);
                    self.status = format!("Match [{start}, {end})");
                }
            }
            Command::PreviewLabelAll(label) => self.preview_label_all(label),
            Command::SetPreviewLabel(label) => {
                if let Some(p) = self.search.preview.take() {
                    self.preview_label_all(Some(label));
                    if let Some(new) = &mut self.search.preview {
                        // Keep the user's ticks where the rows are the same.
                        for row in &mut new.rows {
                            if let Some(old) = p
                                .rows
                                .iter()
                                .find(|o| o.document_id == row.document_id && o.range == row.range)
                                && !row.already
                            {
                                row.ticked = old.ticked;
                            }
                        }
                    }
                }
            }
            Command::TickPreview { row, ticked } => {
                if let Some(r) = self
                    .search
                    .preview
                    .as_mut()
                    .and_then(|p| p.rows.get_mut(row))
                    && !r.already
                {
                    r.ticked = ticked;
                }
            }
            Command::CloseLabelAll => self.search.preview = None,
            Command::ApplyLabelAll => {
                let Some(p) = self.search.preview.take() else {
                    return;
                };
                let spans: Vec<(DocumentId, usize, usize)> = p
                    .rows
                    .iter()
                    .filter(|r| r.ticked && !r.already)
                    .map(|r| (r.document_id, r.range.start, r.range.end))
                    .collect();
                if spans.is_empty() {
                    self.status = "Nothing ticked: nothing labelled".into();
                    return;
                }
                self.run_command(Command::Apply(Action::AddAnnotations {
                    spans,
                    label: p.label,
                }));
            }
            _ => {}
        }
    }

    /// Runs the bar's query over the project or the shown document.
    fn search_now(&mut self) {
        let query = self.search.query();
        self.search.cursor = None;
        self.search.error = None;
        self.search.results.clear();
        self.search.kwic.clear();
        self.search.searched = Some(query.clone());
        if query.text.is_empty() {
            return;
        }
        if self.search.project {
            let Some(p) = &self.project else { return };
            match self.search.index.search(p, &query) {
                Ok(r) => self.search.results = r,
                Err(e) => self.search.error = Some(e.to_string()),
            }
        } else {
            let Some(cur) = &self.current else { return };
            match Matcher::new(&query) {
                Ok(m) => {
                    let matches = m.find(&cur.document.text);
                    if !matches.is_empty() {
                        self.search.results = vec![DocumentMatches {
                            document_id: cur.document.id,
                            name: cur.document.name.clone(),
                            rel_path: cur.document.rel_path.clone(),
                            matches,
                        }];
                    }
                }
                Err(e) => self.search.error = Some(e.to_string()),
            }
        }
        let n = self.search.count();
        self.status = format!("{n} match(es) in {} document(s)", self.search.results.len());
    }

    /// Selects the next (`step` > 0) or previous match after the cursor (or after the shown
    /// selection), opening its document; wraps around.
    fn step_match(&mut self, step: i32) {
        let shown = self.current.as_ref().map(|c| c.document.id);
        let other_document =
            !self.search.project && self.search.results.first().map(|r| r.document_id) != shown;
        if other_document || self.search.searched.as_ref() != Some(&self.search.query()) {
            self.search_now();
        }
        let flat: Vec<(usize, usize)> = self
            .search
            .results
            .iter()
            .enumerate()
            .flat_map(|(d, r)| (0..r.matches.len()).map(move |m| (d, m)))
            .collect();
        if flat.is_empty() {
            self.status = "No match".into();
            return;
        }
        let here = self
            .search
            .cursor
            .and_then(|c| flat.iter().position(|&f| f == c));
        let next = match here {
            Some(i) => (i as i64 + i64::from(step.signum())).rem_euclid(flat.len() as i64) as usize,
            None => {
                // The first match after the caret in the shown document, if any.
                let current = self.current.as_ref().map(|c| c.document.id);
                let caret = self.view.selection.as_ref().map_or(0, |s| s.start);
                flat.iter()
                    .position(|&(d, m)| {
                        Some(self.search.results[d].document_id) == current
                            && self.search.results[d].matches[m].start >= caret
                    })
                    .unwrap_or(if step < 0 { flat.len() - 1 } else { 0 })
            }
        };
        let (d, m) = flat[next];
        let doc = &self.search.results[d];
        let (document_id, range) = (doc.document_id, doc.matches[m].clone());
        self.run_search_command(Command::OpenMatch {
            document_id,
            start: range.start,
            end: range.end,
        });
        self.status = format!("Match {} of {}", next + 1, flat.len());
    }

    /// Opens the "Label all…" preview for the results with `label` (default: the selected
    /// annotation's label, else the first label).
    fn preview_label_all(&mut self, label: Option<String>) {
        if self.search.searched.as_ref() != Some(&self.search.query()) {
            self.search_now();
        }
        let label = label
            .or_else(|| {
                self.view
                    .selected_annotation
                    .and_then(|a| self.label_of(a))
                    .map(|l| l.name.clone())
            })
            .or_else(|| self.labels.first().map(|l| l.name.clone()));
        let (Some(label), Some(p)) = (label, &self.project) else {
            self.status = "Add a label first".into();
            return;
        };
        let Some(label_id) = self.labels.iter().find(|l| l.name == label).map(|l| l.id) else {
            return;
        };
        let mut rows = Vec::new();
        for doc in &self.search.results {
            let annotations = match p.annotations(doc.document_id) {
                Ok(a) => a,
                Err(e) => return self.fail(e.to_string()),
            };
            let Some(text) = self
                .search
                .index
                .text(doc.document_id)
                .map(str::to_owned)
                .or_else(|| {
                    self.current
                        .as_ref()
                        .filter(|c| c.document.id == doc.document_id)
                        .map(|c| c.document.text.clone())
                })
            else {
                continue;
            };
            let snippets = Snippet::all_around(&text, &doc.matches, CONTEXT_CHARS);
            for (m, snippet) in doc.matches.iter().zip(snippets) {
                let already = annotations
                    .iter()
                    .any(|a| a.label_id == label_id && a.range() == *m);
                rows.push(PreviewRow {
                    document_id: doc.document_id,
                    rel_path: doc.rel_path.clone(),
                    range: m.clone(),
                    snippet,
                    ticked: !already,
                    already,
                });
            }
        }
        if rows.is_empty() {
            self.status = "No match to label".into();
            return;
        }
        self.search.preview = Some(LabelAllPreview { label, rows });
    }

    /// Search keys: Ctrl+F, Ctrl+Shift+F, F3, Shift+F3, Ctrl+Shift+L (work from the query field
    /// too).
    pub(super) fn search_keys(&mut self, ctx: &egui::Context) {
        let mut cmds = Vec::new();
        ctx.input_mut(|i| {
            use super::shortcuts::{Act, pressed};
            if pressed(i, Act::FindAll) {
                cmds.push(Command::OpenSearch { project: true });
            }
            if pressed(i, Act::Find) {
                cmds.push(Command::OpenSearch { project: false });
            }
            if pressed(i, Act::PreviousMatch) {
                cmds.push(Command::StepMatch(-1));
            }
            if pressed(i, Act::NextMatch) {
                cmds.push(Command::StepMatch(1));
            }
            if pressed(i, Act::LabelAll) {
                cmds.push(if self.search.preview.is_some() {
                    Command::ApplyLabelAll
                } else {
                    Command::PreviewLabelAll(None)
                });
            }
        });
        self.queue.extend(cmds);
    }

    /// The Search menu of the menu bar.
    pub(super) fn search_menu(&mut self, ui: &mut Ui) {
        let has = self.project.is_some();
        ui.menu_button("Search", |ui| {
            use super::shortcuts::{Act, keys_of};
            let items = [
                (
                    "Find in document…",
                    Act::Find,
                    Command::OpenSearch { project: false },
                ),
                (
                    "Find in project…",
                    Act::FindAll,
                    Command::OpenSearch { project: true },
                ),
                ("Next match", Act::NextMatch, Command::StepMatch(1)),
                ("Previous match", Act::PreviousMatch, Command::StepMatch(-1)),
                (
                    "Label all matches…",
                    Act::LabelAll,
                    Command::PreviewLabelAll(None),
                ),
            ];
            for (text, act, command) in items {
                if ui
                    .add_enabled(has, egui::Button::new(text).shortcut_text(keys_of(act)))
                    .clicked()
                {
                    self.queue.push(command);
                }
            }
        });
    }

    /// The search bar (a top panel) when open.
    pub(super) fn search_bar(&mut self, ui: &mut Ui) {
        if !self.search.open {
            return;
        }
        let mut cmds = Vec::new();
        egui::Panel::top("search").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(if self.search.project {
                    "Find in project:"
                } else {
                    "Find:"
                });
                let field = super::text_input::TextInput::singleline(&mut self.search.text)
                    .id_salt("search query")
                    .desired_width(280.0)
                    .hint_text("text, or a regex");
                let r = ui
                    .add(field)
                    .on_hover_text("Enter: next match, Shift+Enter: previous");
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search query")
                });
                if self.search.focus {
                    r.request_focus();
                    self.search.focus = false;
                }
                if r.changed() {
                    cmds.push(Command::Search);
                }
                if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    let back = ui.input(|i| i.modifiers.shift);
                    cmds.push(Command::StepMatch(if back { -1 } else { 1 }));
                    r.request_focus();
                }
                if ui
                    .selectable_label(!self.search.project, "Document")
                    .clicked()
                {
                    cmds.push(Command::OpenSearch { project: false });
                }
                if ui
                    .selectable_label(self.search.project, "Project")
                    .clicked()
                {
                    cmds.push(Command::OpenSearch { project: true });
                }
                let before = (self.search.mode, self.search.fold);
                egui::ComboBox::new("search mode", "mode")
                    .selected_text(self.search.mode.title())
                    .show_ui(ui, |ui| {
                        for m in WordMode::ALL {
                            ui.selectable_value(&mut self.search.mode, m, m.title());
                        }
                    });
                ui.menu_button("Arabic-aware ▾", |ui| {
                    let f = &mut self.search.fold;
                    ui.checkbox(&mut f.harakat, "Ignore harakat and Quranic marks");
                    ui.checkbox(&mut f.tatweel, "Ignore tatweel ـ");
                    ui.checkbox(&mut f.alef, "أ إ آ ٱ = ا");
                    ui.checkbox(&mut f.alef_maqsura, "ى = ي");
                    ui.checkbox(&mut f.teh_marbuta, "ة = ه");
                    ui.checkbox(&mut f.persian, "Persian ی ک = ي ك");
                    ui.checkbox(&mut f.digits, "2020 = ٢٠٢٠ = ۲۰۲۰");
                    ui.checkbox(&mut f.case, "Ignore case");
                    ui.checkbox(&mut f.presentation_forms, "Presentation forms (PDF text)");
                    ui.separator();
                    if ui.button("All off (exact)").clicked() {
                        *f = FoldOptions::exact();
                    }
                    if ui.button("Defaults").clicked() {
                        *f = FoldOptions::default();
                    }
                });
                if before != (self.search.mode, self.search.fold) {
                    cmds.push(Command::Search);
                }
                if let Some(e) = &self.search.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                } else if self.search.searched.is_some() {
                    ui.label(format!(
                        "{} match(es) in {} document(s)",
                        self.search.count(),
                        self.search.results.len()
                    ));
                }
                if ui
                    .button("◀")
                    .on_hover_text("Previous match (Shift+F3)")
                    .clicked()
                {
                    cmds.push(Command::StepMatch(-1));
                }
                if ui.button("▶").on_hover_text("Next match (F3)").clicked() {
                    cmds.push(Command::StepMatch(1));
                }
                if ui
                    .add_enabled(self.search.count() > 0, egui::Button::new("Label all…"))
                    .on_hover_text("Label every match (Ctrl+Shift+L)")
                    .clicked()
                {
                    cmds.push(Command::PreviewLabelAll(None));
                }
                if ui
                    .button("✕")
                    .on_hover_text("Close the search bar")
                    .clicked()
                {
                    cmds.push(Command::CloseSearch);
                }
            });
        });
        self.queue.extend(cmds);
    }

    /// Project results, grouped by document with counts (a right panel), when the bar searches
    /// the project. Only the rows in view are laid out; each document's snippets are made once
    /// per search, when first shown.
    pub(super) fn search_results(&mut self, ui: &mut Ui) {
        if !(self.search.open && self.search.project && self.search.searched.is_some()) {
            return;
        }
        let mut cmds = Vec::new();
        let s = &mut self.search;
        // Rows: a header per document, then its matches unless it is collapsed.
        let mut rows: Vec<(usize, Option<usize>)> = Vec::new();
        for (d, doc) in s.results.iter().enumerate() {
            rows.push((d, None));
            if !s.collapsed.contains(&doc.document_id) {
                rows.extend((0..doc.matches.len()).map(|m| (d, Some(m))));
            }
        }
        let cache = s.snippets.get_or_insert_with(SnippetCache::default);
        egui::Panel::right("search results")
            .default_size(420.0)
            .resizable(true)
            .show(ui, |ui| {
                ui.heading("Search results");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show_rows(ui, ROW_HEIGHT, rows.len(), |ui, visible| {
                        for &(d, m) in &rows[visible] {
                            let doc = &s.results[d];
                            let Some(m) = m else {
                                let open = !s.collapsed.contains(&doc.document_id);
                                let text = format!(
                                    "{} {} ({})",
                                    if open { "▼" } else { "▶" },
                                    doc.rel_path,
                                    doc.matches.len()
                                );
                                let button = egui::Button::new(text).frame(false);
                                if ui
                                    .add_sized([ui.available_width(), ROW_HEIGHT], button)
                                    .clicked()
                                {
                                    if open {
                                        s.collapsed.insert(doc.document_id);
                                    } else {
                                        s.collapsed.remove(&doc.document_id);
                                    }
                                }
                                continue;
                            };
                            let snippets = s.kwic.entry(doc.document_id).or_insert_with(|| {
                                let text = s.index.text(doc.document_id).unwrap_or_default();
                                Snippet::all_around(text, &doc.matches, CONTEXT_CHARS)
                            });
                            let Some(snippet) = snippets.get(m) else {
                                continue;
                            };
                            let range = &doc.matches[m];
                            let name = format!(
                                "Match {} [{}, {}) {}",
                                doc.rel_path, range.start, range.end, snippet.text
                            );
                            let selected = s.cursor == Some((d, m));
                            if kwic_row(ui, cache, snippet, selected, &name).clicked() {
                                cmds.push(Command::OpenMatch {
                                    document_id: doc.document_id,
                                    start: range.start,
                                    end: range.end,
                                });
                            }
                        }
                    });
            });
        self.queue.extend(cmds);
    }

    /// The "Label all…" preview window.
    pub(super) fn label_all_window(&mut self, ctx: &egui::Context) {
        let Some(preview) = &self.search.preview else {
            return;
        };
        let mut cmds = Vec::new();
        let mut open = true;
        let cache = self
            .search
            .snippets
            .get_or_insert_with(SnippetCache::default);
        egui::Window::new("Label all matches")
            .open(&mut open)
            .default_size(vec2(560.0, 420.0))
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Label the ticked matches as");
                    egui::ComboBox::new("label all label", "label")
                        .selected_text(&preview.label)
                        .show_ui(ui, |ui| {
                            for l in &self.labels {
                                if ui
                                    .selectable_label(l.name == preview.label, &l.name)
                                    .clicked()
                                {
                                    cmds.push(Command::SetPreviewLabel(l.name.clone()));
                                }
                            }
                        });
                });
                let ticked = preview
                    .rows
                    .iter()
                    .filter(|r| r.ticked && !r.already)
                    .count();
                let already = preview.rows.iter().filter(|r| r.already).count();
                ui.label(format!(
                    "{} match(es); {already} already labelled {} (skipped)",
                    preview.rows.len(),
                    preview.label
                ));
                egui::ScrollArea::vertical().max_height(300.0).show_rows(
                    ui,
                    ROW_HEIGHT,
                    preview.rows.len(),
                    |ui, visible| {
                        for (i, row) in preview
                            .rows
                            .iter()
                            .enumerate()
                            .skip(visible.start)
                            .take(visible.len())
                        {
                            ui.horizontal(|ui| {
                                let mut t = row.ticked && !row.already;
                                let tip = if row.already {
                                    "already labelled: skipped"
                                } else {
                                    ""
                                };
                                let r = ui.add_enabled(
                                    !row.already,
                                    egui::Checkbox::without_text(&mut t),
                                );
                                r.widget_info(|| {
                                    egui::WidgetInfo::selected(
                                        egui::Role::CheckBox,
                                        !row.already,
                                        t,
                                        format!(
                                            "Label {} [{}, {})",
                                            row.rel_path, row.range.start, row.range.end
                                        ),
                                    )
                                });
                                if r.changed() {
                                    cmds.push(Command::TickPreview { row: i, ticked: t });
                                }
                                ui.label(format!(
                                    "{} [{}, {})",
                                    row.rel_path, row.range.start, row.range.end
                                ))
                                .on_hover_text(tip);
                                kwic_row(ui, cache, &row.snippet, row.already, &row.snippet.text);
                            });
                        }
                    },
                );
                ui.horizontal(|ui| {
                    let apply = ui
                        .add_enabled(ticked > 0, egui::Button::new(format!("Label {ticked}")))
                        .on_hover_text("One action: one undo removes them all (Ctrl+Shift+L)");
                    if apply.clicked() {
                        cmds.push(Command::ApplyLabelAll);
                    }
                    if ui.button("Cancel").clicked() {
                        cmds.push(Command::CloseLabelAll);
                    }
                });
            });
        if !open {
            cmds.push(Command::CloseLabelAll);
        }
        self.queue.extend(cmds);
    }
}

/// One keyword-in-context row: the snippet laid out on one line by the document view's bidi
/// engine (UAX #9), the match on a highlight behind the text, and the line shifted so the match
/// is in view (centred when the line is wider than the row).
pub fn kwic_row(
    ui: &mut Ui,
    cache: &mut SnippetCache,
    snippet: &Snippet,
    selected: bool,
    accessible: &str,
) -> egui::Response {
    let width = ui.available_width().max(16.0);
    // Less context until the line fits the row (words stay whole: the snippet is cut at spaces).
    // A wide finite width keeps the line's coordinates finite for right-to-left text.
    let inner_width = width - 8.0;
    let shapes = cache.shapes_mut();
    let (layout, snippet) = ui.ctx().fonts_mut(|fonts| {
        let mut m = EguiMeasurer {
            fonts,
            cache: shapes,
        };
        let mut lay =
            |s: &Snippet| layout_document(&s.text, DirectionSetting::Auto, 100_000.0, &mut m);
        let mut fitted = snippet.clone();
        let mut layout = lay(&fitted);
        for context in [28, 18, 10, 4, 0] {
            let wide = layout.lines().next().is_some_and(|l| l.width > inner_width);
            if !wide {
                break;
            }
            fitted = Snippet::around(&snippet.text, snippet.hit.clone(), context);
            layout = lay(&fitted);
        }
        (layout, fitted)
    });
    let snippet = &snippet;
    let Some(line) = layout.lines().next().cloned() else {
        return ui.label("");
    };
    let (rect, response) =
        ui.allocate_exact_size(vec2(width, line.height.max(ROW_HEIGHT)), Sense::click());
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, accessible));
    let visuals = ui.style().interact_selectable(&response, selected);
    if selected || response.hovered() {
        ui.painter()
            .rect_filled(rect, CornerRadius::same(2), visuals.weak_bg_fill);
    }
    // The hit's boxes in line coordinates (x from the line's left edge).
    let hit: Vec<egui::Rect> = layout
        .range_rects(snippet.hit.clone())
        .into_iter()
        .map(|r| r.translate(vec2(-line.x, -line.y)))
        .collect();
    let rtl = layout.paragraphs().next().is_some_and(|p| p.rtl);
    let inner = rect.shrink2(vec2(4.0, 0.0));
    let x = if line.width <= inner.width() {
        if rtl {
            inner.max.x - line.width
        } else {
            inner.min.x
        }
    } else {
        let centre = hit
            .iter()
            .copied()
            .reduce(|a, b| a.union(b))
            .map_or(line.width / 2.0, |r| r.center().x);
        (inner.center().x - centre).clamp(inner.max.x - line.width, inner.min.x)
    };
    let painter = ui.painter().with_clip_rect(rect);
    for r in hit {
        painter.rect_filled(
            r.translate(vec2(x, rect.min.y)),
            CornerRadius::same(2),
            Color32::from_rgba_unmultiplied(255, 200, 0, 110),
        );
    }
    document_view::paint_line(
        ui,
        &painter,
        cache.shapes_mut(),
        &line,
        pos2(x, rect.min.y),
        visuals.text_color(),
    );
    response
}
