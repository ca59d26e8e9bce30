//! File → Export…: a window to choose the format, the documents (the project, the current
//! document, the documents marked done) and the format's options, then a file or folder; the
//! export runs in the background with a progress bar and ends with a summary (documents,
//! spans, warnings, where it was written).

use super::app::{Command, NO_DIALOG_HINT, SanadApp};
use crate::export::conll::{ConllOptions, Misaligned, TagScheme};
use crate::export::{ExportError, ExportSummary, Format, Request, Scope};
use crate::interop::OffsetUnit;
use egui::RichText;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

/// Which documents, as the dialog offers them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScopeChoice {
    /// The whole project.
    #[default]
    Project,
    /// The document shown.
    Current,
    /// Documents marked done.
    Done,
}

/// The export window's state.
#[derive(Debug)]
pub struct ExportDialog {
    /// Chosen format.
    pub format: Format,
    /// Chosen documents.
    pub scope: ScopeChoice,
    /// JSONL's offset unit.
    pub unit: OffsetUnit,
    /// JSONL's audit trails.
    pub history: bool,
    /// CoNLL's options.
    pub conll: ConllOptions,
    /// Leave out invalid spans instead of failing.
    pub skip_invalid: bool,
    /// A running export: where to, and the channel its result comes on.
    pub running: Option<(PathBuf, Receiver<Result<ExportSummary, String>>)>,
    /// The last export's outcome: its summary, or the error.
    pub outcome: Option<Result<ExportSummary, String>>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            format: Format::Jsonl,
            scope: ScopeChoice::Project,
            unit: OffsetUnit::Codepoint,
            history: false,
            conll: ConllOptions::default(),
            skip_invalid: false,
            running: None,
            outcome: None,
        }
    }
}

impl ExportDialog {
    /// The request the choices make (the current document given by the app).
    pub fn request(&self, current: Option<crate::model::DocumentId>) -> Request {
        let mut r = Request {
            format: Some(self.format),
            conll: self.conll,
            ..Request::default()
        };
        r.options.skip_invalid = self.skip_invalid;
        r.options.scope = match (self.scope, current) {
            (ScopeChoice::Current, Some(id)) => Scope::Document(id),
            (ScopeChoice::Done, _) => Scope::Done,
            _ => Scope::Project,
        };
        if self.format == Format::Jsonl {
            r.options.unit = self.unit;
            r.options.history = self.history;
        }
        r
    }
}

/// The summary in lines, as the window and the status bar show it.
pub fn summary_lines(format: Format, s: &ExportSummary) -> Vec<String> {
    let mut lines = vec![format!(
        "Exported {} document(s), {} span(s) as {} ({}).",
        s.documents,
        s.spans,
        format.title(),
        format.unit()
    )];
    for p in &s.written {
        lines.push(format!("Written: {}", p.display()));
    }
    if !s.misaligned.is_empty() {
        lines.push(format!(
            "{} span(s) did not fit the tokens as they are:",
            s.misaligned.len()
        ));
        lines.extend(s.misaligned.iter().cloned());
    }
    if !s.warnings.is_empty() {
        lines.push(format!("{} warning(s):", s.warnings.len()));
        lines.extend(s.warnings.iter().cloned());
    }
    lines
}

impl SanadApp {
    /// Opens the export window.
    pub(super) fn open_export_dialog(&mut self) {
        if self.project.is_none() {
            return;
        }
        if self.export.is_none() {
            self.export = Some(ExportDialog {
                history: self.export_history,
                ..ExportDialog::default()
            });
        }
    }

    /// Runs an export: in a thread on its own connection when the project is a file (the
    /// window shows a progress bar meanwhile), else here.
    pub(super) fn run_export(&mut self, path: PathBuf, request: Request) {
        let Some(p) = &self.project else { return };
        let format = request.format.unwrap_or(Format::Jsonl);
        let dialog = self.export.get_or_insert_with(ExportDialog::default);
        dialog.outcome = None;
        let project_path = p.path().to_owned();
        if project_path.is_file() {
            let (tx, rx) = std::sync::mpsc::channel();
            let target = path.clone();
            std::thread::spawn(move || {
                let result = crate::store::Project::open_existing(&project_path)
                    .map_err(ExportError::from)
                    .and_then(|p| crate::export::export_to(&p, format, &request, &target))
                    .map_err(|e| format!("export failed ({e}): {}", target.display()));
                let _ = tx.send(result);
            });
            dialog.running = Some((path, rx));
        } else {
            let result = crate::export::export_to(p, format, &request, &path)
                .map_err(|e| format!("export failed ({e}): {}", path.display()));
            self.finish_export(format, result);
        }
    }

    fn finish_export(&mut self, format: Format, result: Result<ExportSummary, String>) {
        match &result {
            Ok(s) => {
                self.status = summary_lines(format, s)
                    .into_iter()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            Err(e) => self.status = e.clone(),
        }
        if let Some(d) = &mut self.export {
            d.running = None;
            d.outcome = Some(result);
        }
    }

    /// Waits for a background export to end (for tests and the command line).
    pub fn wait_for_export(&mut self) {
        let done = self
            .export
            .as_mut()
            .and_then(|d| d.running.take())
            .map(|(path, rx)| {
                rx.recv()
                    .unwrap_or_else(|_| Err(format!("the export stopped: {}", path.display())))
            });
        if let Some(result) = done {
            let format = self.export.as_ref().map_or(Format::Jsonl, |d| d.format);
            self.finish_export(format, result);
        }
    }

    /// The export window's outcome, if an export ended while it was open.
    pub fn export_outcome(&self) -> Option<&Result<ExportSummary, String>> {
        self.export.as_ref().and_then(|d| d.outcome.as_ref())
    }

    /// Draws the export window.
    pub(super) fn export_window(&mut self, ctx: &egui::Context) {
        let Some(mut d) = self.export.take() else {
            return;
        };
        // A finished background export.
        if let Some((path, rx)) = &d.running {
            match rx.try_recv() {
                Ok(result) => {
                    d.running = None;
                    let format = d.format;
                    self.export = Some(d);
                    self.finish_export(format, result);
                    d = self.export.take().unwrap_or_default();
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => ctx.request_repaint(),
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    let msg = format!("the export stopped: {}", path.display());
                    d.running = None;
                    d.outcome = Some(Err(msg));
                }
            }
        }
        let mut open = true;
        let mut start = false;
        let has_current = self.current.is_some();
        let has_done = self
            .documents
            .iter()
            .any(|s| s.status == crate::model::DocumentStatus::Done);
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .show(ctx, |ui| {
                let busy = d.running.is_some();
                ui.add_enabled_ui(!busy, |ui| {
                    egui::ComboBox::from_label("Format")
                        .selected_text(d.format.title())
                        .show_ui(ui, |ui| {
                            for f in Format::ALL {
                                ui.selectable_value(&mut d.format, f, f.title());
                            }
                        });
                    ui.label(format!("Offsets: {}", d.format.unit()));
                    ui.horizontal(|ui| {
                        ui.label("Documents:");
                        ui.radio_value(&mut d.scope, ScopeChoice::Project, "the project");
                        ui.add_enabled_ui(has_current, |ui| {
                            ui.radio_value(&mut d.scope, ScopeChoice::Current, "the current one")
                        });
                        ui.add_enabled_ui(has_done, |ui| {
                            ui.radio_value(&mut d.scope, ScopeChoice::Done, "those marked done")
                        });
                    });
                    match d.format {
                        Format::Jsonl => {
                            ui.horizontal(|ui| {
                                ui.label("Offset unit:");
                                for (u, name) in [
                                    (OffsetUnit::Codepoint, "code points"),
                                    (OffsetUnit::Utf16, "UTF-16"),
                                    (OffsetUnit::Utf8, "UTF-8 bytes"),
                                    (OffsetUnit::Grapheme, "graphemes"),
                                ] {
                                    ui.radio_value(&mut d.unit, u, name);
                                }
                            });
                            ui.checkbox(&mut d.history, "Include each annotation's history");
                        }
                        Format::Conll => {
                            ui.horizontal(|ui| {
                                ui.label("Tags:");
                                ui.radio_value(&mut d.conll.scheme, TagScheme::Iob2, "IOB2");
                                ui.radio_value(&mut d.conll.scheme, TagScheme::Bioes, "BIOES");
                            });
                            ui.checkbox(
                                &mut d.conll.clitics,
                                "Split Arabic proclitics (و ف ب ك ل ال) off words",
                            );
                            ui.horizontal(|ui| {
                                ui.label("A span not on token edges:");
                                ui.radio_value(&mut d.conll.misaligned, Misaligned::Widen, "widen");
                                ui.radio_value(
                                    &mut d.conll.misaligned,
                                    Misaligned::Split,
                                    "split tokens",
                                );
                                ui.radio_value(
                                    &mut d.conll.misaligned,
                                    Misaligned::Drop,
                                    "leave out",
                                );
                            });
                        }
                        _ => {}
                    }
                    ui.checkbox(
                        &mut d.skip_invalid,
                        "Leave out spans that break the model's rules (else the export stops)",
                    );
                    if ui.button("Export…").clicked() {
                        start = true;
                    }
                });
                if busy {
                    ui.add(egui::ProgressBar::new(0.0).animate(true).text("Exporting…"));
                }
                if let Some(outcome) = &d.outcome {
                    ui.separator();
                    match outcome {
                        Ok(s) => {
                            let snippets = &mut self.snippets;
                            egui::ScrollArea::vertical()
                                .max_height(240.0)
                                .show(ui, |ui| {
                                    for line in summary_lines(d.format, s) {
                                        // Paths and span texts may be Arabic: drawn by the bidi
                                        // engine, never a plain label.
                                        super::document_view::bidi_snippet(
                                            ui, snippets, &line, false, &line,
                                        );
                                    }
                                });
                        }
                        Err(e) => {
                            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                        }
                    }
                }
            });
        let request = d.request(self.current.as_ref().map(|c| c.document.id));
        let format = d.format;
        if open || d.running.is_some() {
            self.export = Some(d);
        }
        if start {
            let stem = self
                .project
                .as_ref()
                .and_then(|p| p.path().file_stem())
                .map_or_else(|| "export".into(), |s| s.to_string_lossy().into_owned());
            let default = if format.is_folder() {
                format!("{stem}-{}", format.as_str())
            } else if format == Format::Doccano {
                format!("{stem}-doccano.jsonl")
            } else {
                format!("{stem}.{}", format.extension())
            };
            match self.dialogs.save_export(&default) {
                Some(path) => self.queue.push(Command::Export { path, request }),
                None => {
                    self.status = format!(
                        "Nothing exported. {NO_DIALOG_HINT} (`sanad export PROJECT --format {} --output PATH`)",
                        format.as_str()
                    )
                }
            }
        }
    }
}
