//! Gazetteer suggestions in the UI: "Apply gazetteer…" (File menu), the Suggestions list of the
//! shown document (a side panel; each row a keyword-in-context snippet drawn by the document
//! view's bidi engine), and accepting (Enter or A) or rejecting (X) the selected suggestion, or
//! all of the document's, or all for one name. The document view draws suggestions dashed.
//!
//! Widgets here only send [`Command`]s; [`SanadApp::run_suggestion_command`] applies them
//! (called from the one place commands are applied, [`SanadApp::run_command`]); each change is
//! one [`Action`], so one undo step.

use super::app::{Command, SanadApp};
use super::bidi_widgets as bw;
use super::command::SuggestionScope;
use super::document_view::SnippetCache;
use super::search_panel::kwic_row;
use crate::model::{Action, Suggestion, SuggestionId};
use crate::search::Snippet;
use crate::store::search::SearchIndex;
use crate::store::suggestions::SuggestionFilter;
use egui::{Key, Modifiers, Ui};
use std::collections::HashMap;

/// Chars of context on each side of a suggestion in its row.
const CONTEXT_CHARS: usize = 30;

/// Height of a row of the list, points.
const ROW_HEIGHT: f32 = 24.0;

/// The suggestions list's state.
#[derive(Default)]
pub struct SuggestionsState {
    /// Folded texts of the project, kept between gazetteer applications.
    index: SearchIndex,
    snippets: Option<SnippetCache>,
    /// Snippets by suggestion, made when first shown.
    kwic: HashMap<SuggestionId, Snippet>,
    /// The report of the last gazetteer applied, as lines.
    pub report: Vec<String>,
}

impl SanadApp {
    /// The shown document's suggestions.
    fn current_suggestions(&self) -> &[Suggestion] {
        self.current.as_ref().map_or(&[], |c| &c.suggestions)
    }

    /// The selected suggestion, if it is one of the shown document's.
    fn selected_suggestion(&self) -> Option<&Suggestion> {
        let id = self.view.selected_suggestion?;
        self.current_suggestions().iter().find(|s| s.id == id)
    }

    /// Applies a suggestion command (see [`Command::ChooseGazetteer`] and the ones after it).
    pub(super) fn run_suggestion_command(&mut self, command: Command) {
        match command {
            Command::ChooseGazetteer => match self.dialogs.pick_gazetteer() {
                Some(path) => self.run_suggestion_command(Command::ApplyGazetteer(path)),
                None => self.status = self.tr("sugg-no-gazetteer"),
            },
            Command::ApplyGazetteer(path) => self.apply_gazetteer(&path),
            Command::SelectSuggestion(id) => {
                self.view.selected_suggestion = id;
                if let Some(s) = self.selected_suggestion().cloned() {
                    self.view.selected_annotation = None;
                    self.view.clear_selection();
                    self.view.scroll_to = Some(s.range());
                    self.status = self.tr_args(
                        "sugg-selected",
                        &[
                            ("label", s.label.as_str().into()),
                            ("start", s.start.into()),
                            ("end", s.end.into()),
                            ("source", s.source.as_str().into()),
                        ],
                    );
                }
            }
            Command::AcceptSuggestions(scope) => self.decide(scope, true),
            Command::RejectSuggestions(scope) => self.decide(scope, false),
            _ => {}
        }
    }

    fn apply_gazetteer(&mut self, path: &std::path::Path) {
        let list = match crate::interop::gazetteer::read_gazetteer(path) {
            Ok(l) => l,
            Err(e) => return self.fail(e.to_string()),
        };
        let Some(p) = &self.project else { return };
        let planned = crate::store::gazetteer::plan(p, &mut self.suggestions.index, &list);
        let (batch, report) = match planned {
            Ok(x) => x,
            Err(e) => return self.fail(e.to_string()),
        };
        let changes = !batch.suggestions.is_empty()
            || batch
                .entities
                .iter()
                .any(|e| e.new || !e.aliases_added.is_empty());
        self.suggestions.report = report.lines();
        if changes {
            self.run_command(Command::Apply(Action::ApplyGazetteer(Box::new(batch))));
            if self.error.is_some() {
                return;
            }
        }
        self.status = self.tr_args(
            "sugg-gazetteer-report",
            &[
                ("name", list.name.as_str().into()),
                ("report", self.suggestions.report.join("; ").into()),
            ],
        );
    }

    /// Accepts (`accept`) or rejects the suggestions `scope` takes, as one action; after the
    /// selected one, the next suggestion of the document is selected.
    fn decide(&mut self, scope: SuggestionScope, accept: bool) {
        let Some(p) = &self.project else { return };
        let list = self.current_suggestions().to_vec();
        let selected = self.selected_suggestion().cloned();
        let ids: Vec<SuggestionId> = match (scope, &selected) {
            (SuggestionScope::Selected, Some(s)) => vec![s.id],
            (SuggestionScope::Document, _) => list.iter().map(|s| s.id).collect(),
            (SuggestionScope::Name, Some(s)) => {
                let filter = match s.entity_id {
                    Some(e) => SuggestionFilter::Entity(e),
                    None => SuggestionFilter::Name(s.name.clone()),
                };
                match p.suggestions(&filter) {
                    Ok(rows) => rows.into_iter().map(|r| r.id).collect(),
                    Err(e) => return self.fail(e.to_string()),
                }
            }
            _ => Vec::new(),
        };
        if ids.is_empty() {
            self.status = self.tr("sugg-none-selected");
            return;
        }
        // The one to select next: the first after the selected one that stays.
        let next = selected.as_ref().and_then(|s| {
            let at = list.iter().position(|x| x.id == s.id)?;
            list.iter()
                .skip(at + 1)
                .chain(list.iter().take(at))
                .find(|x| !ids.contains(&x.id))
                .map(|x| x.id)
        });
        let n = ids.len();
        let action = if accept {
            Action::AcceptSuggestions { ids }
        } else {
            Action::RejectSuggestions { ids }
        };
        self.run_command(Command::Apply(action));
        if self.error.is_none() {
            let key = if accept {
                "sugg-accepted"
            } else {
                "sugg-rejected"
            };
            self.status = self.tr_args(key, &[("n", n.into())]);
            if scope == SuggestionScope::Selected
                && let Some(next) = next
            {
                self.view.selected_annotation = None;
                self.run_suggestion_command(Command::SelectSuggestion(Some(next)));
            } else {
                self.view.selected_suggestion = None;
            }
        }
    }

    /// Enter or A accepts the selected suggestion, X rejects it (only while one is selected and
    /// no text field has the keyboard).
    pub(super) fn suggestion_keys(&mut self, ctx: &egui::Context) {
        if self.selected_suggestion().is_none() {
            return;
        }
        let mut cmds = Vec::new();
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::Enter) || i.consume_key(Modifiers::NONE, Key::A)
            {
                cmds.push(Command::AcceptSuggestions(SuggestionScope::Selected));
            }
            if i.consume_key(Modifiers::NONE, Key::X) {
                cmds.push(Command::RejectSuggestions(SuggestionScope::Selected));
            }
        });
        self.queue.extend(cmds);
    }

    /// The Suggestions list of the shown document, when it has any: buttons for all of them and
    /// for the selected one's name, then one row per suggestion.
    pub(super) fn suggestions_panel(&mut self, ui: &mut Ui) {
        let Some(cur) = &self.current else { return };
        if cur.suggestions.is_empty() {
            return;
        }
        let mut cmds = Vec::new();
        let selected = self.view.selected_suggestion;
        let has_selected = selected.is_some_and(|id| cur.suggestions.iter().any(|s| s.id == id));
        let state = &mut self.suggestions;
        state
            .kwic
            .retain(|id, _| cur.suggestions.iter().any(|s| s.id == *id));
        let cache = state.snippets.get_or_insert_with(SnippetCache::default);
        let l = self.locale.clone();
        // At the reading end: right in English, left in Arabic.
        let side = if l.is_rtl() {
            egui::Panel::left("suggestions")
        } else {
            egui::Panel::right("suggestions")
        };
        side.default_size(360.0).resizable(true).show(ui, |ui| {
            bw::column(ui, |ui| {
                bw::heading(
                    ui,
                    &l.tr_args("sugg-heading", &[("n", cur.suggestions.len().into())]),
                );
                bw::label(ui, &l.tr("sugg-explain"));
                bw::row_wrapped(ui, |ui| {
                    let hover = bw::hover(ui, &l.tr("sugg-accept-all-hover"));
                    if bw::button(ui, &l.tr("sugg-accept-all"))
                        .on_hover_text(hover)
                        .clicked()
                    {
                        cmds.push(Command::AcceptSuggestions(SuggestionScope::Document));
                    }
                    let hover = bw::hover(ui, &l.tr("sugg-reject-all-hover"));
                    if bw::button(ui, &l.tr("sugg-reject-all"))
                        .on_hover_text(hover)
                        .clicked()
                    {
                        cmds.push(Command::RejectSuggestions(SuggestionScope::Document));
                    }
                });
                bw::row_wrapped(ui, |ui| {
                    let button = |ui: &egui::Ui, key: &str, keys: &str| {
                        let t = bw::btn(ui, &l.tr(key));
                        let b = egui::Button::new(t);
                        if keys.is_empty() {
                            b
                        } else {
                            b.shortcut_text(keys)
                        }
                    };
                    let b = button(ui, "sugg-accept", "Enter");
                    if ui.add_enabled(has_selected, b).clicked() {
                        cmds.push(Command::AcceptSuggestions(SuggestionScope::Selected));
                    }
                    let b = button(ui, "sugg-reject", "X");
                    if ui.add_enabled(has_selected, b).clicked() {
                        cmds.push(Command::RejectSuggestions(SuggestionScope::Selected));
                    }
                    let hover = bw::hover(ui, &l.tr("sugg-accept-name-hover"));
                    let b = button(ui, "sugg-accept-name", "");
                    if ui
                        .add_enabled(has_selected, b)
                        .on_hover_text(hover)
                        .clicked()
                    {
                        cmds.push(Command::AcceptSuggestions(SuggestionScope::Name));
                    }
                    let b = button(ui, "sugg-reject-name", "");
                    if ui.add_enabled(has_selected, b).clicked() {
                        cmds.push(Command::RejectSuggestions(SuggestionScope::Name));
                    }
                });
                ui.separator();
                let text = &cur.document.text;
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show_rows(ui, ROW_HEIGHT, cur.suggestions.len(), |ui, visible| {
                        for s in &cur.suggestions[visible] {
                            let snippet = state
                                .kwic
                                .entry(s.id)
                                .or_insert_with(|| Snippet::around(text, s.range(), CONTEXT_CHARS));
                            let name = l.tr_args(
                                "sugg-row-a11y",
                                &[
                                    ("label", s.label.as_str().into()),
                                    ("start", s.start.into()),
                                    ("end", s.end.into()),
                                    ("text", snippet.text.as_str().into()),
                                ],
                            );
                            let is_selected = selected == Some(s.id);
                            if kwic_row(ui, cache, snippet, is_selected, &name).clicked() {
                                cmds.push(Command::SelectSuggestion(Some(s.id)));
                            }
                        }
                    });
            })
        });
        self.queue.extend(cmds);
    }
}
