//! The curation (adjudication) view of the shown document (View → Curation, Ctrl+Shift+U):
//! each annotator's spans drawn as thin bars in their own lane at the top of the text's lines
//! (by the document view, behind the text, see [`super::document_view::Lane`]), disputed spans
//! outlined in the warning colour; the document's highlights show the curated layer only. A
//! side panel lists the annotators (one check box per lane) and their spans, with the
//! adjudication buttons:
//!
//! - **Accept all agreeing (document / project)**: [`Action::AcceptAgreeing`], one undo step;
//! - **Accept**: the selected span into the curated layer ([`Action::AcceptIntoCurated`]; the
//!   curated copy is then selected, so the inspector edits it as any annotation);
//! - **Accept and edit**: accept when not yet accepted, then select the curated copy to edit it;
//! - **Reject**: a span is rejected by not accepting it: annotators' layers are never changed
//!   (agreement is measured on them). Once accepted, Reject deletes the curated copy
//!   ([`Action::DeleteAnnotation`], undone with Ctrl+Z).
//!
//! Which spans agree is decided by [`crate::team::curation::Lanes`]. Widgets here only send
//! [`Command`]s, applied in [`SanadApp::run_command`].

use super::app::{Command, SanadApp};
use super::bidi_widgets as bw;
use super::document_view::Lane;
use crate::model::{Action, AnnotationId};
use crate::team::curation::{LaneSpan, Lanes};
use egui::Ui;
use std::collections::BTreeSet;

/// Chars of a span's text shown in its row, at most.
const ROW_TEXT_CHARS: usize = 40;

/// The curation view's state.
#[derive(Default)]
pub struct CurationState {
    /// Is the view on?
    pub on: bool,
    /// Annotators whose lane is hidden.
    pub hidden: BTreeSet<String>,
    /// The selected annotator's span.
    pub selected: Option<AnnotationId>,
    /// The shown document's lanes, read at the start of each frame while the view is on.
    pub lanes: Option<Lanes>,
}

impl SanadApp {
    /// The curation view's state (for tests and the document view).
    pub fn curation(&self) -> &CurationState {
        &self.curation
    }

    /// Reads the shown document's layers into lanes while the view is on: one query over the
    /// document's annotations, when the view is turned on and whenever the shown document's
    /// annotations are read again (a new document, any action, undo or redo).
    pub(super) fn refresh_curation(&mut self) {
        self.curation.lanes = None;
        if !self.curation.on {
            return;
        }
        let (Some(p), Some(cur)) = (&self.project, &self.current) else {
            return;
        };
        match p.annotations_with_annotator(cur.document.id) {
            Ok(rows) => self.curation.lanes = Some(Lanes::new(rows)),
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// The selected span, if it is one of the shown document's.
    fn selected_lane_span(&self) -> Option<&LaneSpan> {
        let id = self.curation.selected?;
        self.curation
            .lanes
            .as_ref()?
            .spans
            .iter()
            .find(|s| s.annotation.id == id)
    }

    /// Applies a curation command ([`Command::ToggleCuration`] and the ones after it).
    pub(super) fn run_curation_command(&mut self, command: Command) {
        match command {
            Command::ToggleCuration => {
                self.curation.on = !self.curation.on;
                self.curation.selected = None;
                self.status = self.tr(if self.curation.on {
                    "curation-on"
                } else {
                    "curation-off"
                });
                self.refresh_curation();
            }
            Command::SetLaneShown { annotator, shown } => {
                if shown {
                    self.curation.hidden.remove(&annotator);
                } else {
                    self.curation.hidden.insert(annotator);
                }
            }
            Command::SelectLaneSpan(id) => {
                self.curation.selected = id;
                if let Some(s) = self.selected_lane_span() {
                    let range = s.annotation.range();
                    self.view.scroll_to = Some(range.clone());
                    self.view.select(range);
                }
            }
            Command::EditLaneSpan(id) => {
                self.curation.selected = Some(id);
                match self.selected_lane_span().map(|s| s.curated) {
                    Some(Some(curated)) => self.run_command(Command::SelectAnnotation(curated)),
                    Some(None) => self.run_command(Command::Apply(Action::AcceptIntoCurated {
                        annotation_id: id,
                    })),
                    None => {}
                }
            }
            _ => {}
        }
    }

    /// The lanes the document view draws: the shown annotators' spans.
    pub(super) fn curation_lanes(&self) -> Vec<Lane> {
        let Some(lanes) = &self.curation.lanes else {
            return Vec::new();
        };
        lanes
            .spans
            .iter()
            .filter(|s| !self.curation.hidden.contains(&lanes.annotators[s.lane]))
            .map(|s| Lane {
                range: s.annotation.range(),
                lane: s.lane,
                color: super::label_style::color_of(&self.labels, s.annotation.label_id),
                disputed: !s.agreed,
                selected: self.curation.selected == Some(s.annotation.id),
            })
            .collect()
    }

    /// An annotator's name as shown: `""` (made outside Sanad) as "unknown".
    fn annotator_name(&self, name: &str) -> String {
        if name.is_empty() {
            self.tr("curation-unknown-annotator")
        } else {
            name.to_owned()
        }
    }

    /// The Curation panel: the buttons, one check box per annotator's lane, one row per span.
    pub(super) fn curation_panel(&mut self, ui: &mut Ui) {
        if !self.curation.on {
            return;
        }
        let (Some(cur), Some(lanes)) = (&self.current, &self.curation.lanes) else {
            return;
        };
        let l = self.locale.clone();
        let mut cmds = Vec::new();
        let doc = cur.document.id;
        let selected = self.selected_lane_span().cloned();
        let side = if l.is_rtl() {
            egui::Panel::left("curation")
        } else {
            egui::Panel::right("curation")
        };
        side.default_size(380.0).resizable(true).show(ui, |ui| {
            bw::column(ui, |ui| {
                bw::heading(ui, &l.tr("curation-heading"));
                bw::label(ui, &l.tr("curation-explain"));
                bw::row_wrapped(ui, |ui| {
                    let hover = bw::hover(ui, &l.tr("curation-accept-agreeing-hover"));
                    if bw::button(ui, &l.tr("curation-accept-agreeing-document"))
                        .on_hover_text(hover.clone())
                        .clicked()
                    {
                        cmds.push(Command::Apply(Action::AcceptAgreeing {
                            document_id: Some(doc),
                        }));
                    }
                    if bw::button(ui, &l.tr("curation-accept-agreeing-project"))
                        .on_hover_text(hover)
                        .clicked()
                    {
                        cmds.push(Command::Apply(Action::AcceptAgreeing { document_id: None }));
                    }
                });
                ui.separator();
                if lanes.annotators.is_empty() {
                    bw::weak(ui, &l.tr("curation-no-layers"));
                }
                for (i, name) in lanes.annotators.iter().enumerate() {
                    let mut shown = !self.curation.hidden.contains(name);
                    let text = l.tr_args(
                        "curation-lane",
                        &[
                            ("n", (i + 1).into()),
                            ("name", self.annotator_name(name).into()),
                            (
                                "count",
                                lanes.spans.iter().filter(|s| s.lane == i).count().into(),
                            ),
                        ],
                    );
                    if bw::checkbox(ui, &mut shown, &text).changed() {
                        cmds.push(Command::SetLaneShown {
                            annotator: name.clone(),
                            shown,
                        });
                    }
                }
                bw::weak(
                    ui,
                    &l.tr_args("curation-curated", &[("n", lanes.curated.len().into())]),
                );
                ui.separator();
                bw::row_wrapped(ui, |ui| {
                    let has = selected.is_some();
                    let curated = selected.as_ref().and_then(|s| s.curated);
                    let t = bw::btn(ui, &l.tr("curation-accept"));
                    let hover = bw::hover(ui, &l.tr("curation-accept-hover"));
                    if ui
                        .add_enabled(has && curated.is_none(), egui::Button::new(t))
                        .on_hover_text(hover)
                        .clicked()
                        && let Some(s) = &selected
                    {
                        cmds.push(Command::Apply(Action::AcceptIntoCurated {
                            annotation_id: s.annotation.id,
                        }));
                    }
                    let t = bw::btn(ui, &l.tr("curation-edit"));
                    let hover = bw::hover(ui, &l.tr("curation-edit-hover"));
                    if ui
                        .add_enabled(has, egui::Button::new(t))
                        .on_hover_text(hover)
                        .clicked()
                        && let Some(s) = &selected
                    {
                        cmds.push(Command::EditLaneSpan(s.annotation.id));
                    }
                    let t = bw::btn(ui, &l.tr("curation-reject"));
                    let hover = bw::hover(ui, &l.tr("curation-reject-hover"));
                    if ui
                        .add_enabled(curated.is_some(), egui::Button::new(t))
                        .on_hover_text(hover)
                        .clicked()
                        && let Some(id) = curated
                    {
                        cmds.push(Command::Apply(Action::DeleteAnnotation { id }));
                    }
                });
                ui.separator();
                let text = &cur.document.text;
                egui::ScrollArea::vertical()
                    .id_salt("curation-spans")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for s in lanes
                            .spans
                            .iter()
                            .filter(|s| !self.curation.hidden.contains(&lanes.annotators[s.lane]))
                        {
                            let a = &s.annotation;
                            let from = cur.index.byte_of(text, a.start);
                            let to = cur.index.byte_of(text, a.end.min(a.start + ROW_TEXT_CHARS));
                            let label = self
                                .labels
                                .iter()
                                .find(|x| x.id == a.label_id)
                                .map_or("?", |x| x.name.as_str());
                            let key = match (s.agreed, s.curated.is_some()) {
                                (_, true) => "curation-row-curated",
                                (true, false) => "curation-row-agreed",
                                (false, false) => "curation-row-disputed",
                            };
                            let row = l.tr_args(
                                key,
                                &[
                                    ("label", label.into()),
                                    (
                                        "name",
                                        self.annotator_name(&lanes.annotators[s.lane]).into(),
                                    ),
                                    ("start", a.start.into()),
                                    ("end", a.end.into()),
                                    ("text", text.get(from..to).unwrap_or("").into()),
                                ],
                            );
                            let is_selected = self.curation.selected == Some(a.id);
                            if bw::selectable(ui, is_selected, &row).clicked() {
                                cmds.push(Command::SelectLaneSpan(Some(a.id)));
                            }
                        }
                    });
            })
        });
        self.queue.extend(cmds);
    }
}
