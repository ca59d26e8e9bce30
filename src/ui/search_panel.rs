//! Find in document (Ctrl+F) and in project (Ctrl+Shift+F): the search bar with its folding rules
//! and word mode, project results grouped by document with keyword-in-context snippets drawn by
//! the document view's bidi engine, stepping through matches (F3 / Shift+F3), and "Label all…"
//! (Ctrl+Shift+L): a preview of the matches with checkboxes, applied as one action.
//!
//! Widgets here only send [`Command`]s; [`SanadApp::run_search_command`] applies them (called
//! from the one place commands are applied, [`SanadApp::run_command`]).

use super::app::{Command, SanadApp};
use super::bidi_widgets as bw;
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
                    self.status = self.tr_args(
                        "search-match-at",
                        &[("start", start.into()), ("end", end.into())],
                    );
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
                    self.status = self.tr("search-nothing-ticked");
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
        self.status = self.tr_args(
            "search-count",
            &[("n", n.into()), ("d", self.search.results.len().into())],
        );
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
            self.status = self.tr("search-no-match");
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
        self.status = self.tr_args(
            "search-match-of",
            &[("i", (next + 1).into()), ("n", flat.len().into())],
        );
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
            self.status = self.tr("search-add-label-first");
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
            self.status = self.tr("search-no-match-to-label");
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
        let l = self.locale.clone();
        let title = bw::btn(ui, &l.tr("search-menu"));
        ui.menu_button(title, |ui| {
            use super::shortcuts::{Act, keys_of};
            let items = [
                (
                    l.tr("search-find-document"),
                    Act::Find,
                    Command::OpenSearch { project: false },
                ),
                (
                    l.tr("search-find-project"),
                    Act::FindAll,
                    Command::OpenSearch { project: true },
                ),
                (l.tr("search-next"), Act::NextMatch, Command::StepMatch(1)),
                (
                    l.tr("search-previous"),
                    Act::PreviousMatch,
                    Command::StepMatch(-1),
                ),
                (
                    l.tr("search-label-all"),
                    Act::LabelAll,
                    Command::PreviewLabelAll(None),
                ),
            ];
            for (text, act, command) in items {
                if bw::menu_item(ui, has, &text, Some(keys_of(act))).clicked() {
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
        let l = self.locale.clone();
        egui::Panel::top("search").show(ui, |ui| {
            bw::row_wrapped(ui, |ui| {
                bw::label(
                    ui,
                    &l.tr(if self.search.project {
                        "search-find-in-project"
                    } else {
                        "search-find"
                    }),
                );
                let field = super::text_input::TextInput::singleline(&mut self.search.text)
                    .id_salt("search query")
                    .desired_width(280.0)
                    .hint_text(l.tr("search-hint"));
                let hover = bw::hover(ui, &l.tr("search-field-hover"));
                let r = ui.add(field).on_hover_text(hover);
                let a11y = l.tr("search-query-a11y");
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &a11y));
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
                if bw::selectable(ui, !self.search.project, &l.tr("search-scope-document"))
                    .clicked()
                {
                    cmds.push(Command::OpenSearch { project: false });
                }
                if bw::selectable(ui, self.search.project, &l.tr("search-scope-project")).clicked()
                {
                    cmds.push(Command::OpenSearch { project: true });
                }
                let before = (self.search.mode, self.search.fold);
                let mode_title = |m: WordMode| {
                    l.tr(match m {
                        WordMode::Substring => "search-mode-substring",
                        WordMode::Word => "search-mode-word",
                        WordMode::Clitics => "search-mode-clitics",
                        WordMode::Regex => "search-mode-regex",
                    })
                };
                let (label, shown) = (
                    bw::btn(ui, &l.tr("search-mode")),
                    bw::btn(ui, &mode_title(self.search.mode)),
                );
                egui::ComboBox::new("search mode", label)
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for m in WordMode::ALL {
                            let t = bw::btn(ui, &mode_title(m));
                            ui.selectable_value(&mut self.search.mode, m, t);
                        }
                    });
                let aware = bw::btn(ui, &l.tr("search-arabic-aware"));
                ui.menu_button(aware, |ui| {
                    let f = &mut self.search.fold;
                    bw::checkbox(ui, &mut f.harakat, &l.tr("search-fold-harakat"));
                    bw::checkbox(ui, &mut f.tatweel, &l.tr("search-fold-tatweel"));
                    bw::checkbox(ui, &mut f.alef, "أ إ آ ٱ = ا");
                    bw::checkbox(ui, &mut f.alef_maqsura, "ى = ي");
                    bw::checkbox(ui, &mut f.teh_marbuta, "ة = ه");
                    bw::checkbox(ui, &mut f.persian, &l.tr("search-fold-persian"));
                    bw::checkbox(ui, &mut f.digits, "2020 = ٢٠٢٠ = ۲۰۲۰");
                    bw::checkbox(ui, &mut f.case, &l.tr("search-fold-case"));
                    bw::checkbox(
                        ui,
                        &mut f.presentation_forms,
                        &l.tr("search-fold-presentation"),
                    );
                    ui.separator();
                    if bw::button(ui, &l.tr("search-fold-all-off")).clicked() {
                        *f = FoldOptions::exact();
                    }
                    if bw::button(ui, &l.tr("search-fold-defaults")).clicked() {
                        *f = FoldOptions::default();
                    }
                });
                if before != (self.search.mode, self.search.fold) {
                    cmds.push(Command::Search);
                }
                if let Some(e) = &self.search.error {
                    let c = ui.visuals().error_fg_color;
                    bw::colored_label(ui, e, Some(c));
                } else if self.search.searched.is_some() {
                    bw::label(
                        ui,
                        &l.tr_args(
                            "search-count",
                            &[
                                ("n", self.search.count().into()),
                                ("d", self.search.results.len().into()),
                            ],
                        ),
                    );
                }
                // Previous / next point back / forward in reading order (mirrored in Arabic).
                let (back, on) = (bw::arrow(ui.ctx(), true), bw::arrow(ui.ctx(), false));
                let hover = bw::hover(ui, &l.tr("search-previous-hover"));
                if ui.button(back).on_hover_text(hover).clicked() {
                    cmds.push(Command::StepMatch(-1));
                }
                let hover = bw::hover(ui, &l.tr("search-next-hover"));
                if ui.button(on).on_hover_text(hover).clicked() {
                    cmds.push(Command::StepMatch(1));
                }
                let text = bw::btn(ui, &l.tr("search-label-all-button"));
                let hover = bw::hover(ui, &l.tr("search-label-all-hover"));
                if ui
                    .add_enabled(self.search.count() > 0, egui::Button::new(text))
                    .on_hover_text(hover)
                    .clicked()
                {
                    cmds.push(Command::PreviewLabelAll(None));
                }
                let hover = bw::hover(ui, &l.tr("search-close-hover"));
                if ui.button("✕").on_hover_text(hover).clicked() {
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
        let l = self.locale.clone();
        // At the reading end: right in English, left in Arabic.
        let side = if l.is_rtl() {
            egui::Panel::left("search results")
        } else {
            egui::Panel::right("search results")
        };
        side.default_size(420.0).resizable(true).show(ui, |ui| {
            bw::heading(ui, &l.tr("search-results"));
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, ROW_HEIGHT, rows.len(), |ui, visible| {
                    for &(d, m) in &rows[visible] {
                        let doc = &s.results[d];
                        let Some(m) = m else {
                            let open = !s.collapsed.contains(&doc.document_id);
                            let text = format!(
                                "{} {} ({})",
                                if open {
                                    "▼"
                                } else {
                                    bw::arrow(ui.ctx(), false)
                                },
                                doc.rel_path,
                                l.num(doc.matches.len())
                            );
                            let text = bw::data_text(ui, &text, egui::TextStyle::Button);
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
                        let name = l.tr_args(
                            "search-match-a11y",
                            &[
                                ("doc", doc.rel_path.as_str().into()),
                                ("start", range.start.into()),
                                ("end", range.end.into()),
                                ("text", snippet.text.as_str().into()),
                            ],
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
        let l = self.locale.clone();
        egui::Window::new(super::windows::window_title(ctx, &l.tr("label-all-title")))
            .id(egui::Id::unique("label-all-window"))
            .open(&mut open)
            .default_size(vec2(560.0, 420.0))
            .show(ctx, |ui| {
                bw::column(ui, |ui| {
                    bw::row(ui, |ui| {
                        bw::label(ui, &l.tr("label-all-as"));
                        let (label, shown) = (
                            bw::btn(ui, &l.tr("label-all-label")),
                            bw::data_text(ui, &preview.label, egui::TextStyle::Button),
                        );
                        egui::ComboBox::new("label all label", label)
                            .selected_text(shown)
                            .show_ui(ui, |ui| {
                                for lb in &self.labels {
                                    let t = bw::data_text(ui, &lb.name, egui::TextStyle::Button);
                                    if ui.selectable_label(lb.name == preview.label, t).clicked() {
                                        cmds.push(Command::SetPreviewLabel(lb.name.clone()));
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
                    bw::label(
                        ui,
                        &l.tr_args(
                            "label-all-summary",
                            &[
                                ("n", preview.rows.len().into()),
                                ("already", already.into()),
                                ("label", preview.label.as_str().into()),
                            ],
                        ),
                    );
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
                                        l.tr("label-all-already")
                                    } else {
                                        String::new()
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
                                            l.tr_args(
                                                "label-all-row-a11y",
                                                &[
                                                    ("doc", row.rel_path.as_str().into()),
                                                    ("start", row.range.start.into()),
                                                    ("end", row.range.end.into()),
                                                ],
                                            ),
                                        )
                                    });
                                    if r.changed() {
                                        cmds.push(Command::TickPreview { row: i, ticked: t });
                                    }
                                    let place = l.digits_in(&format!(
                                        "{} [{}, {})",
                                        row.rel_path, row.range.start, row.range.end
                                    ));
                                    let r = bw::label(ui, &place);
                                    if !tip.is_empty() {
                                        r.on_hover_text(bw::hover(ui, &tip));
                                    }
                                    kwic_row(
                                        ui,
                                        cache,
                                        &row.snippet,
                                        row.already,
                                        &row.snippet.text,
                                    );
                                });
                            }
                        },
                    );
                    bw::row(ui, |ui| {
                        let text =
                            bw::btn(ui, &l.tr_args("label-all-apply", &[("n", ticked.into())]));
                        let hover = bw::hover(ui, &l.tr("label-all-apply-hover"));
                        let apply = ui
                            .add_enabled(ticked > 0, egui::Button::new(text))
                            .on_hover_text(hover);
                        if apply.clicked() {
                            cmds.push(Command::ApplyLabelAll);
                        }
                        if bw::button(ui, &l.tr("cancel")).clicked() {
                            cmds.push(Command::CloseLabelAll);
                        }
                    });
                })
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
