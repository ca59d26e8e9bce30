//! File → Export…: a window to choose the format (every format of `sanad export`), the
//! documents (the project, a checklist of documents, the documents marked done) and the
//! format's options (as the command line has them), then a file or folder; the export runs in
//! the background on its own connection with a progress bar and a Cancel button, and ends with
//! a summary (documents, spans, warnings, where it was written).

use super::app::{Command, NO_DIALOG_HINT, SanadApp};
use crate::export::conll::{ConllOptions, Misaligned, TagScheme};
use crate::export::{ExportError, ExportSummary, Format, OffsetExtras, Progress, Request, Scope};
use crate::interop::OffsetUnit;
use crate::model::DocumentId;
use egui::RichText;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

/// Which documents, as the dialog offers them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScopeChoice {
    /// The whole project.
    #[default]
    Project,
    /// The documents ticked in the window's checklist.
    Selected,
    /// Documents marked done.
    Done,
}

/// An export running in the background.
#[derive(Debug)]
pub struct RunningExport {
    /// Where it writes.
    pub path: PathBuf,
    /// Its result comes here.
    pub result: Receiver<Result<ExportSummary, String>>,
    /// How far it is; cancels it.
    pub progress: Progress,
}

/// The export window's state.
#[derive(Debug)]
pub struct ExportDialog {
    /// Chosen format.
    pub format: Format,
    /// Chosen documents.
    pub scope: ScopeChoice,
    /// The documents ticked for [`ScopeChoice::Selected`].
    pub selected: BTreeSet<DocumentId>,
    /// JSONL's offset unit (UTF-8 also adds byte offsets into the original file, as
    /// `--offsets bytes` does).
    pub unit: OffsetUnit,
    /// JSONL's audit trails (`--history`).
    pub history: bool,
    /// JSONL's gazetteer suggestions (`--include-suggestions`).
    pub suggestions: bool,
    /// CoNLL's options.
    pub conll: ConllOptions,
    /// CSV's byte-order mark (`--bom`).
    pub bom: bool,
    /// Leave out invalid spans instead of failing (`--skip-invalid`).
    pub skip_invalid: bool,
    /// A running export.
    pub running: Option<RunningExport>,
    /// The last export's format and outcome: its summary, or the error.
    pub outcome: Option<Result<ExportSummary, String>>,
    /// The format of the last export (its summary names it).
    pub outcome_format: Format,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            format: Format::Jsonl,
            scope: ScopeChoice::Project,
            selected: BTreeSet::new(),
            unit: OffsetUnit::Codepoint,
            history: false,
            suggestions: false,
            conll: ConllOptions::default(),
            bom: false,
            skip_invalid: false,
            running: None,
            outcome: None,
            outcome_format: Format::Jsonl,
        }
    }
}

/// The JSONL offset units the window offers, with their names.
const JSONL_UNITS: [(OffsetUnit, &str); 4] = [
    (OffsetUnit::Codepoint, "code points"),
    (OffsetUnit::Utf16, "UTF-16 code units"),
    (
        OffsetUnit::Utf8,
        "UTF-8 bytes (also byte offsets into the original file)",
    ),
    (OffsetUnit::Grapheme, "graphemes"),
];

impl ExportDialog {
    /// The request the choices make.
    pub fn request(&self) -> Request {
        let mut r = Request {
            format: Some(self.format),
            ..Request::default()
        };
        r.options.skip_invalid = self.skip_invalid;
        r.options.scope = match self.scope {
            ScopeChoice::Project => Scope::Project,
            ScopeChoice::Selected => Scope::Documents(self.selected.iter().copied().collect()),
            ScopeChoice::Done => Scope::Done,
        };
        match self.format {
            Format::Jsonl => {
                r.options.unit = self.unit;
                r.options.history = self.history;
                r.options.suggestions = self.suggestions;
                if self.unit == OffsetUnit::Utf8 {
                    r.options.offsets = OffsetExtras::Bytes;
                }
            }
            Format::Conll => r.conll = self.conll,
            Format::Csv => r.bom = self.bom,
            _ => {}
        }
        r
    }

    /// The offset unit of the chosen format (with its options), in words.
    pub fn unit_text(&self) -> String {
        if self.format == Format::Jsonl {
            let name = JSONL_UNITS
                .iter()
                .find(|(u, _)| *u == self.unit)
                .map_or("code points", |(_, n)| n);
            format!("{name}, stated on each line as offset_unit")
        } else {
            self.format.unit().to_owned()
        }
    }

    /// Why the export cannot start yet, if it cannot.
    pub fn not_ready(&self) -> Option<&'static str> {
        (self.scope == ScopeChoice::Selected && self.selected.is_empty())
            .then_some("Tick at least one document below.")
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
    if s.warnings.is_empty() {
        lines.push("No warnings.".to_owned());
    } else {
        lines.push(format!("{} warning(s):", s.warnings.len()));
        lines.extend(s.warnings.iter().cloned());
    }
    lines
}

/// The name the file dialog suggests for `format`'s output of the project `stem`.
pub fn default_name(stem: &str, format: Format) -> String {
    if format.is_folder() {
        format!("{stem}-{}", format.as_str())
    } else if format == Format::Doccano {
        format!("{stem}-doccano.jsonl")
    } else {
        format!("{stem}.{}", format.extension())
    }
}

impl SanadApp {
    /// Opens the export window (the current document ticked in its checklist).
    pub(super) fn open_export_dialog(&mut self) {
        if self.project.is_none() {
            return;
        }
        let current = self.current.as_ref().map(|c| c.document.id);
        let history = self.export_history;
        let d = self.export.get_or_insert_with(|| ExportDialog {
            history,
            ..ExportDialog::default()
        });
        if d.selected.is_empty() {
            d.selected.extend(current);
        }
    }

    /// Runs an export: in a thread on its own connection when the project is a file (the
    /// window shows a progress bar meanwhile), else here.
    pub(super) fn run_export(&mut self, path: PathBuf, request: Request) {
        let Some(p) = &self.project else { return };
        let format = request.format.unwrap_or(Format::Jsonl);
        let dialog = self.export.get_or_insert_with(ExportDialog::default);
        dialog.outcome = None;
        dialog.outcome_format = format;
        let project_path = p.path().to_owned();
        if project_path.is_file() {
            let (tx, rx) = std::sync::mpsc::channel();
            let target = path.clone();
            let progress = Progress::default();
            let shared = progress.clone();
            std::thread::spawn(move || {
                let result = crate::store::Project::open_existing(&project_path)
                    .map_err(ExportError::from)
                    .and_then(|p| {
                        crate::export::export_to_with(&p, format, &request, &target, &shared)
                    })
                    .map_err(|e| format!("export failed ({e}): {}", target.display()));
                let _ = tx.send(result);
            });
            dialog.running = Some(RunningExport {
                path,
                result: rx,
                progress,
            });
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
            d.outcome_format = format;
            d.outcome = Some(result);
        }
    }

    /// Waits for a background export to end (for tests and the command line).
    pub fn wait_for_export(&mut self) {
        let done = self
            .export
            .as_mut()
            .and_then(|d| d.running.take())
            .map(|r| {
                r.result
                    .recv()
                    .unwrap_or_else(|_| Err(format!("the export stopped: {}", r.path.display())))
            });
        if let Some(result) = done {
            let format = self
                .export
                .as_ref()
                .map_or(Format::Jsonl, |d| d.outcome_format);
            self.finish_export(format, result);
        }
    }

    /// The export window's outcome, if an export ended while it was open.
    pub fn export_outcome(&self) -> Option<&Result<ExportSummary, String>> {
        self.export.as_ref().and_then(|d| d.outcome.as_ref())
    }

    /// The export window's state, when it is open.
    pub fn export_dialog(&self) -> Option<&ExportDialog> {
        self.export.as_ref()
    }

    /// Draws the export window.
    pub(super) fn export_window(&mut self, ctx: &egui::Context) {
        let Some(mut d) = self.export.take() else {
            return;
        };
        // A finished background export.
        if let Some(run) = &d.running {
            match run.result.try_recv() {
                Ok(result) => {
                    d.running = None;
                    let format = d.outcome_format;
                    self.export = Some(d);
                    self.finish_export(format, result);
                    d = self.export.take().unwrap_or_default();
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => ctx.request_repaint(),
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    let msg = format!("the export stopped: {}", run.path.display());
                    d.running = None;
                    d.outcome = Some(Err(msg));
                }
            }
        }
        let mut open = true;
        let mut start = false;
        let has_done = self
            .documents
            .iter()
            .any(|s| s.status == crate::model::DocumentStatus::Done);
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(560.0)
            .show(ctx, |ui| {
                let busy = d.running.is_some();
                ui.add_enabled_ui(!busy, |ui| {
                    egui::ComboBox::from_label("Format")
                        .selected_text(d.format.title())
                        .width(300.0)
                        // Every format in view at once, none behind a scroll bar.
                        .height(600.0)
                        .show_ui(ui, |ui| {
                            for f in Format::ALL {
                                ui.selectable_value(&mut d.format, f, f.title());
                            }
                        });
                    ui.label(format!("Offsets: {}", d.unit_text()));
                    self.export_options(ui, &mut d);
                    ui.checkbox(
                        &mut d.skip_invalid,
                        "Leave out spans that break the model's rules (else the export stops)",
                    );
                    ui.separator();
                    ui.horizontal(|ui| {
                        ui.label("Documents:");
                        ui.radio_value(&mut d.scope, ScopeChoice::Project, "the whole project");
                        ui.radio_value(&mut d.scope, ScopeChoice::Selected, "those ticked below");
                        ui.add_enabled_ui(has_done, |ui| {
                            ui.radio_value(&mut d.scope, ScopeChoice::Done, "those marked done")
                        });
                    });
                    if d.scope == ScopeChoice::Selected {
                        self.document_checklist(ui, &mut d);
                    }
                    ui.separator();
                    let why = d.not_ready();
                    if let Some(why) = why {
                        ui.label(RichText::new(why).color(ui.visuals().warn_fg_color));
                    }
                    if ui
                        .add_enabled(why.is_none(), egui::Button::new("Export…"))
                        .clicked()
                    {
                        start = true;
                    }
                });
                if let Some(run) = &d.running {
                    let p = &run.progress;
                    let (done, total) = p.documents();
                    let bar = if p.writing() {
                        egui::ProgressBar::new(0.9)
                            .animate(true)
                            .text(format!("Writing {} document(s)…", total))
                    } else {
                        egui::ProgressBar::new(0.9 * p.fraction())
                            .text(format!("Reading document {done} of {total}…"))
                    };
                    ui.add(bar);
                    let cancelling = p.is_cancelled();
                    if ui
                        .add_enabled(!cancelling, egui::Button::new("Cancel export"))
                        .clicked()
                    {
                        p.cancel();
                    }
                }
                if let Some(outcome) = &d.outcome {
                    ui.separator();
                    match outcome {
                        Ok(s) => {
                            let snippets = &mut self.snippets;
                            egui::ScrollArea::vertical()
                                .id_salt("export-summary")
                                .max_height(240.0)
                                .show(ui, |ui| {
                                    for line in summary_lines(d.outcome_format, s) {
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
        let request = d.request();
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
            match self.dialogs.save_export(&default_name(&stem, format)) {
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

    /// The chosen format's own options, as `sanad export` has them.
    fn export_options(&mut self, ui: &mut egui::Ui, d: &mut ExportDialog) {
        match d.format {
            Format::Jsonl => {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Offset unit:");
                    for (u, name) in JSONL_UNITS {
                        ui.radio_value(&mut d.unit, u, name);
                    }
                });
                ui.checkbox(&mut d.history, "Include each annotation's history");
                ui.checkbox(
                    &mut d.suggestions,
                    "Include gazetteer suggestions not yet accepted (apart from the spans)",
                );
            }
            Format::Conll => {
                ui.horizontal(|ui| {
                    ui.label("Tags:");
                    ui.radio_value(&mut d.conll.scheme, TagScheme::Iob2, "IOB2");
                    ui.radio_value(&mut d.conll.scheme, TagScheme::Bioes, "BIOES");
                });
                ui.checkbox(
                    &mut d.conll.clitics,
                    "Split Arabic proclitics (wa, fa, bi, ka, li, al) off words",
                );
                ui.horizontal(|ui| {
                    ui.label("A span not on token edges:");
                    ui.radio_value(&mut d.conll.misaligned, Misaligned::Widen, "widen");
                    ui.radio_value(&mut d.conll.misaligned, Misaligned::Split, "split tokens");
                    ui.radio_value(&mut d.conll.misaligned, Misaligned::Drop, "leave out");
                });
            }
            Format::Csv => {
                ui.checkbox(
                    &mut d.bom,
                    "Start with a UTF-8 byte-order mark (Excel needs it to read Arabic)",
                );
            }
            Format::LabelStudio => {
                ui.label("Writes the tasks and NAME.label_config.xml beside them.");
            }
            Format::Brat => {
                ui.label("Writes a folder: NAME.txt and NAME.ann per document, annotation.conf.");
            }
            Format::WebannoTsv => {
                ui.label("Writes a folder: one NAME.tsv per document.");
            }
            Format::Hf => {
                ui.label("Writes a folder that datasets.load_dataset reads (tokens, spans, relations, documents).");
            }
            Format::Xlsx => {
                ui.label("Sheets: annotations (right to left, autofilter) and counts per label.");
            }
            Format::Doccano | Format::W3c | Format::RefiQda => {}
        }
    }

    /// A checklist of the project's documents (names through the bidi engine).
    fn document_checklist(&mut self, ui: &mut egui::Ui, d: &mut ExportDialog) {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} of {} ticked",
                d.selected.len(),
                self.documents.len()
            ));
            if ui.button("Tick all").clicked() {
                d.selected = self.documents.iter().map(|s| s.id).collect();
            }
            if ui.button("Tick none").clicked() {
                d.selected.clear();
            }
        });
        let row = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        let snippets = &mut self.snippets;
        let docs = &self.documents;
        egui::ScrollArea::vertical()
            .id_salt("export-documents")
            .max_height(200.0)
            .show_rows(ui, row, docs.len(), |ui, rows| {
                for s in &docs[rows] {
                    let ticked = d.selected.contains(&s.id);
                    let text = format!("[{}] {}", if ticked { "x" } else { " " }, s.rel_path);
                    let accessible = format!("Include {}", s.rel_path);
                    if super::document_view::bidi_snippet(ui, snippets, &text, ticked, &accessible)
                        .clicked()
                    {
                        if ticked {
                            d.selected.remove(&s.id);
                        } else {
                            d.selected.insert(s.id);
                        }
                    }
                }
            });
    }
}
