//! Gazetteer suggestions in the UI: "Apply gazetteer…" (File menu), the Suggestions list of the
//! shown document (a side panel; each row a keyword-in-context snippet drawn by the document
//! view's bidi engine), and accepting (Enter or A) or rejecting (X) the selected suggestion, or
//! all of the document's, or all for one name. The document view draws suggestions dashed.
//!
//! Widgets here only send [`Command`]s; [`SanadApp::run_suggestion_command`] applies them
//! (called from the one place commands are applied, [`SanadApp::run_command`]); each change is
//! one [`Action`], so one undo step.

use super::app::{Command, SanadApp};
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
                None => {
                    self.status = format!(
                        "No gazetteer chosen. {} (`sanad suggest PROJECT --gazetteer FILE`)",
                        super::app::NO_DIALOG_HINT
                    )
                }
            },
            Command::ApplyGazetteer(path) => self.apply_gazetteer(&path),
            Command::SelectSuggestion(id) => {
                self.view.selected_suggestion = id;
                if let Some(s) = self.selected_suggestion().cloned() {
                    self.view.selected_annotation = None;
                    self.view.clear_selection();
                    self.view.scroll_to = Some(s.range());
                    self.status = format!(
                        "Suggested {} [{}, {}) from {}: Enter or A accepts it, X rejects it",
                        s.label, s.start, s.end, s.source
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
        self.status = format!(
            "Gazetteer {}: {}",
            list.name,
            self.suggestions.report.join("; ")
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
            self.status =
                "No suggestion selected: click a dashed span or a row of the Suggestions list"
                    .into();
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
            self.status = format!(
                "{} {n} suggestion(s){}",
                if accept { "Accepted" } else { "Rejected" },
                if accept { " as annotations" } else { "" }
            );
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
        egui::Panel::right("suggestions")
            .default_size(360.0)
            .resizable(true)
            .show(ui, |ui| {
                ui.heading(format!("Suggestions ({})", cur.suggestions.len()));
                ui.label("Dashed in the text; not annotations until accepted.");
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button("Accept all")
                        .on_hover_text("Accept every suggestion of this document (one undo step)")
                        .clicked()
                    {
                        cmds.push(Command::AcceptSuggestions(SuggestionScope::Document));
                    }
                    if ui
                        .button("Reject all")
                        .on_hover_text("Reject every suggestion of this document (one undo step)")
                        .clicked()
                    {
                        cmds.push(Command::RejectSuggestions(SuggestionScope::Document));
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .add_enabled(
                            has_selected,
                            egui::Button::new("Accept").shortcut_text("Enter"),
                        )
                        .clicked()
                    {
                        cmds.push(Command::AcceptSuggestions(SuggestionScope::Selected));
                    }
                    if ui
                        .add_enabled(has_selected, egui::Button::new("Reject").shortcut_text("X"))
                        .clicked()
                    {
                        cmds.push(Command::RejectSuggestions(SuggestionScope::Selected));
                    }
                    if ui
                        .add_enabled(
                            has_selected,
                            egui::Button::new("Accept this name everywhere"),
                        )
                        .on_hover_text(
                            "Accept every suggestion of the selected one's name, in every document",
                        )
                        .clicked()
                    {
                        cmds.push(Command::AcceptSuggestions(SuggestionScope::Name));
                    }
                    if ui
                        .add_enabled(
                            has_selected,
                            egui::Button::new("Reject this name everywhere"),
                        )
                        .clicked()
                    {
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
                            let name = format!(
                                "Suggestion {} [{}, {}) {}",
                                s.label, s.start, s.end, snippet.text
                            );
                            let is_selected = selected == Some(s.id);
                            if kwic_row(ui, cache, snippet, is_selected, &name).clicked() {
                                cmds.push(Command::SelectSuggestion(Some(s.id)));
                            }
                        }
                    });
            });
        self.queue.extend(cmds);
    }
}
