//! File → Export…: a window to choose the format (every format of `sanad export`), the
//! documents (the project, a checklist of documents, the documents marked done) and the
//! format's options (as the command line has them), then a file or folder; the export runs in
//! the background on its own connection with a progress bar and a Cancel button, and ends with
//! a summary (documents, spans, warnings, where it was written).

use super::app::{Command, SanadApp};
use super::bidi_widgets as bw;
use super::i18n::Locale;
use crate::export::conll::{ConllOptions, Misaligned, TagScheme};
use crate::export::{ExportError, ExportSummary, Format, OffsetExtras, Progress, Request, Scope};
use crate::interop::OffsetUnit;
use crate::model::DocumentId;
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
    /// Pseudonymise the mentions of [`Self::pseudonym_labels`] (`--pseudonymise`).
    pub pseudonymise: bool,
    /// The labels to pseudonymise (PERSON ticked when the window first opens, if the scheme
    /// has it).
    pub pseudonym_labels: BTreeSet<String>,
    /// Write notes empty (`--strip-notes`).
    pub strip_notes: bool,
    /// Rename annotators (`--strip-annotators`).
    pub strip_annotators: bool,
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
            pseudonymise: false,
            pseudonym_labels: BTreeSet::from(["PERSON".to_owned()]),
            strip_notes: false,
            strip_annotators: false,
            running: None,
            outcome: None,
            outcome_format: Format::Jsonl,
        }
    }
}

/// The JSONL offset units the window offers, with their names' Fluent keys.
const JSONL_UNITS: [(OffsetUnit, &str); 4] = [
    (OffsetUnit::Codepoint, "export-unit-codepoints"),
    (OffsetUnit::Utf16, "export-unit-utf16"),
    (OffsetUnit::Utf8, "export-unit-utf8"),
    (OffsetUnit::Grapheme, "export-unit-graphemes"),
];

/// `format`'s name in the interface's language (the same as [`Format::title`] in English).
pub fn format_title(l: &Locale, format: Format) -> String {
    l.tr(match format {
        Format::Jsonl => "export-format-jsonl",
        Format::Brat => "export-format-brat",
        Format::Doccano => "export-format-doccano",
        Format::LabelStudio => "export-format-label-studio",
        Format::WebannoTsv => "export-format-webanno-tsv",
        Format::Conll => "export-format-conll",
        Format::W3c => "export-format-w3c",
        Format::Hf => "export-format-hf",
        Format::Csv => "export-format-csv",
        Format::Xlsx => "export-format-xlsx",
        Format::RefiQda => "export-format-refi-qda",
    })
}

/// `format`'s offset unit in words, in the interface's language (the same as [`Format::unit`]
/// in English).
pub fn format_unit(l: &Locale, format: Format) -> String {
    l.tr(match format {
        Format::Jsonl => "export-unit-jsonl",
        Format::Brat | Format::Csv | Format::Xlsx | Format::LabelStudio => "export-unit-codepoints",
        Format::Doccano | Format::WebannoTsv => "export-unit-utf16",
        Format::Conll => "export-unit-tokens",
        Format::W3c => "export-unit-w3c",
        Format::Hf => "export-unit-hf",
        Format::RefiQda => "export-unit-refi-qda",
    })
}

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
        if self.pseudonymise {
            r.anonymise.pseudonymise = self.pseudonym_labels.iter().cloned().collect();
        }
        r.anonymise.strip_notes = self.strip_notes;
        r.anonymise.strip_annotators = self.strip_annotators;
        r
    }

    /// The offset unit of the chosen format (with its options), in words, in `l`'s language.
    pub fn unit_text(&self, l: &Locale) -> String {
        if self.format == Format::Jsonl {
            let key = JSONL_UNITS
                .iter()
                .find(|(u, _)| *u == self.unit)
                .map_or("export-unit-codepoints", |(_, k)| k);
            l.tr_args("export-unit-stated", &[("unit", l.tr(key).into())])
        } else {
            format_unit(l, self.format)
        }
    }

    /// Why the export cannot start yet, if it cannot, in `l`'s language.
    pub fn not_ready(&self, l: &Locale) -> Option<String> {
        if self.scope == ScopeChoice::Selected && self.selected.is_empty() {
            return Some(l.tr("export-tick-one"));
        }
        if self.pseudonymise && self.pseudonym_labels.is_empty() {
            return Some(l.tr("export-pseudonymise-pick"));
        }
        let original = self.history || self.suggestions || self.unit == OffsetUnit::Utf8;
        (self.pseudonymise && self.format == Format::Jsonl && original)
            .then(|| l.tr("export-pseudonymise-conflict"))
    }
}

/// The summary in lines, as the window and the status bar show it, in `l`'s language (the
/// warnings themselves come from the exporters, in English).
pub fn summary_lines(l: &Locale, format: Format, s: &ExportSummary) -> Vec<String> {
    let mut lines = vec![l.tr_args(
        "export-summary",
        &[
            ("n", s.documents.into()),
            ("s", s.spans.into()),
            ("format", format_title(l, format).into()),
            ("unit", format_unit(l, format).into()),
        ],
    )];
    for p in &s.written {
        let path = p.display().to_string();
        lines.push(l.tr_args("export-written", &[("path", path.into())]));
    }
    if !s.misaligned.is_empty() {
        let n = s.misaligned.len();
        lines.push(l.tr_args("export-misaligned-count", &[("n", n.into())]));
        lines.extend(s.misaligned.iter().cloned());
    }
    if s.warnings.is_empty() {
        lines.push(l.tr("export-no-warnings"));
    } else {
        let n = s.warnings.len();
        lines.push(l.tr_args("export-warnings", &[("n", n.into())]));
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
        // A second connection, with the passphrase when the project is encrypted.
        let reopen = p.reopener();
        let l = self.locale.clone();
        let failed = move |e: ExportError, path: &std::path::Path| {
            let args = [
                ("error", e.to_string().into()),
                ("path", path.display().to_string().into()),
            ];
            l.tr_args("msg-export-failed", &args)
        };
        if project_path.is_file() {
            let (tx, rx) = std::sync::mpsc::channel();
            let target = path.clone();
            let progress = Progress::default();
            let shared = progress.clone();
            std::thread::spawn(move || {
                let result = reopen()
                    .map_err(ExportError::from)
                    .and_then(|p| {
                        crate::export::export_to_with(&p, format, &request, &target, &shared)
                    })
                    .map_err(|e| failed(e, &target));
                let _ = tx.send(result);
            });
            dialog.running = Some(RunningExport {
                path,
                result: rx,
                progress,
            });
        } else {
            let result =
                crate::export::export_to(p, format, &request, &path).map_err(|e| failed(e, &path));
            self.finish_export(format, result);
        }
    }

    fn finish_export(&mut self, format: Format, result: Result<ExportSummary, String>) {
        match &result {
            Ok(s) => {
                self.status = summary_lines(&self.locale, format, s)
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
        let l = self.locale.clone();
        let done = self
            .export
            .as_mut()
            .and_then(|d| d.running.take())
            .map(|r| {
                r.result.recv().unwrap_or_else(|_| {
                    let path = r.path.display().to_string();
                    Err(l.tr_args("export-stopped", &[("path", path.into())]))
                })
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
                    let path = run.path.display().to_string();
                    let msg = self
                        .locale
                        .tr_args("export-stopped", &[("path", path.into())]);
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
        let l = self.locale.clone();
        egui::Window::new(super::windows::window_title(ctx, &l.tr("export-title")))
            .id(egui::Id::unique("export-window"))
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(560.0)
            .show(ctx, |ui| {
                bw::column(ui, |ui| {
                    let busy = d.running.is_some();
                    ui.add_enabled_ui(!busy, |ui| {
                        bw::column(ui, |ui| {
                            bw::row(ui, |ui| {
                                let label = bw::btn(ui, &l.tr("export-format"));
                                let shown = bw::btn(ui, &format_title(&l, d.format));
                                egui::ComboBox::new("export-format", label)
                                    .selected_text(shown)
                                    .width(300.0)
                                    // Every format in view at once, none behind a scroll bar.
                                    .height(600.0)
                                    .show_ui(ui, |ui| {
                                        for f in Format::ALL {
                                            let t = bw::btn(ui, &format_title(&l, f));
                                            ui.selectable_value(&mut d.format, f, t);
                                        }
                                    });
                            });
                            let unit = d.unit_text(&l);
                            bw::label(ui, &l.tr_args("export-offsets", &[("unit", unit.into())]));
                            self.export_options(ui, &mut d);
                            bw::checkbox(ui, &mut d.skip_invalid, &l.tr("export-skip-invalid"));
                            self.anonymise_options(ui, &mut d);
                            ui.separator();
                            bw::row_wrapped(ui, |ui| {
                                bw::label(ui, &l.tr("export-documents"));
                                let scope = &mut d.scope;
                                let t = l.tr("export-scope-project");
                                bw::radio_value(ui, scope, ScopeChoice::Project, &t);
                                let t = l.tr("export-scope-selected");
                                bw::radio_value(ui, scope, ScopeChoice::Selected, &t);
                                ui.add_enabled_ui(has_done, |ui| {
                                    let t = l.tr("export-scope-done");
                                    bw::radio_value(ui, scope, ScopeChoice::Done, &t)
                                });
                            });
                            if d.scope == ScopeChoice::Selected {
                                self.document_checklist(ui, &mut d);
                            }
                            ui.separator();
                            let why = d.not_ready(&l);
                            if let Some(why) = &why {
                                let c = ui.visuals().warn_fg_color;
                                bw::colored_label(ui, why, Some(c));
                            }
                            let t = bw::btn(ui, &l.tr("export-start"));
                            if ui
                                .add_enabled(why.is_none(), egui::Button::new(t))
                                .clicked()
                            {
                                start = true;
                            }
                        });
                    });
                    if let Some(run) = &d.running {
                        let p = &run.progress;
                        let (done, total) = p.documents();
                        // The bar's text is drawn by egui: the bidi engine lays it out first.
                        let size = ui.text_style_height(&egui::TextStyle::Body);
                        let galley = |s: &str| {
                            egui::WidgetText::Galley(bw::galley(
                                ui.ctx(),
                                s,
                                size,
                                bw::Dir::Ui,
                                None,
                                None,
                            ))
                        };
                        let (fraction, text) = if p.writing() {
                            (0.9, l.tr_args("export-writing", &[("n", total.into())]))
                        } else {
                            let args = [("done", done.into()), ("total", total.into())];
                            (0.9 * p.fraction(), l.tr_args("export-reading", &args))
                        };
                        if l.is_rtl() {
                            // The bar fills from the reading start: from the right in Arabic.
                            rtl_progress_bar(ui, fraction, galley(&text));
                        } else {
                            ui.add(
                                egui::ProgressBar::new(fraction)
                                    .animate(p.writing())
                                    .text(galley(&text)),
                            );
                        }
                        let cancelling = p.is_cancelled();
                        let t = bw::btn(ui, &l.tr("export-cancel"));
                        if ui.add_enabled(!cancelling, egui::Button::new(t)).clicked() {
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
                                        for line in summary_lines(&l, d.outcome_format, s) {
                                            // Paths and span texts may be Arabic: drawn by the
                                            // bidi engine, never a plain label.
                                            super::document_view::bidi_snippet(
                                                ui, snippets, &line, false, &line,
                                            );
                                        }
                                    });
                            }
                            Err(e) => {
                                let c = ui.visuals().error_fg_color;
                                bw::colored_label(ui, e, Some(c));
                            }
                        }
                    }
                });
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
                    let args = [("format", format.as_str().into())];
                    self.status = self.locale.tr_args("export-nothing", &args);
                }
            }
        }
    }

    /// Pseudonymise (with a tick per label of the scheme), strip notes, strip annotators: as
    /// `--pseudonymise`, `--strip-notes`, `--strip-annotators` (every format).
    fn anonymise_options(&mut self, ui: &mut egui::Ui, d: &mut ExportDialog) {
        let l = self.locale.clone();
        bw::checkbox(ui, &mut d.pseudonymise, &l.tr("export-pseudonymise"));
        if d.pseudonymise {
            // Only labels of the scheme can be chosen.
            d.pseudonym_labels
                .retain(|n| self.labels.iter().any(|label| &label.name == n));
            bw::row_wrapped(ui, |ui| {
                bw::label(ui, &l.tr("export-pseudonymise-labels"));
                for label in &self.labels {
                    let mut on = d.pseudonym_labels.contains(&label.name);
                    if bw::checkbox(ui, &mut on, &label.name).changed() {
                        if on {
                            d.pseudonym_labels.insert(label.name.clone());
                        } else {
                            d.pseudonym_labels.remove(&label.name);
                        }
                    }
                }
            });
            bw::label(ui, &l.tr("export-pseudonymise-about"));
        }
        bw::checkbox(ui, &mut d.strip_notes, &l.tr("export-strip-notes"));
        bw::checkbox(
            ui,
            &mut d.strip_annotators,
            &l.tr("export-strip-annotators"),
        );
    }

    /// The chosen format's own options, as `sanad export` has them.
    fn export_options(&mut self, ui: &mut egui::Ui, d: &mut ExportDialog) {
        let l = self.locale.clone();
        let about = |ui: &mut egui::Ui, key: &str| {
            bw::label(ui, &l.tr(key));
        };
        match d.format {
            Format::Jsonl => {
                bw::row_wrapped(ui, |ui| {
                    bw::label(ui, &l.tr("export-offset-unit"));
                    for (u, key) in JSONL_UNITS {
                        bw::radio_value(ui, &mut d.unit, u, &l.tr(key));
                    }
                });
                bw::checkbox(ui, &mut d.history, &l.tr("export-history"));
                bw::checkbox(ui, &mut d.suggestions, &l.tr("export-suggestions"));
            }
            Format::Conll => {
                bw::row(ui, |ui| {
                    bw::label(ui, &l.tr("export-tags"));
                    bw::radio_value(ui, &mut d.conll.scheme, TagScheme::Iob2, "IOB2");
                    bw::radio_value(ui, &mut d.conll.scheme, TagScheme::Bioes, "BIOES");
                });
                bw::checkbox(ui, &mut d.conll.clitics, &l.tr("export-clitics"));
                bw::row_wrapped(ui, |ui| {
                    bw::label(ui, &l.tr("export-misaligned"));
                    let m = &mut d.conll.misaligned;
                    bw::radio_value(ui, m, Misaligned::Widen, &l.tr("export-misaligned-widen"));
                    bw::radio_value(ui, m, Misaligned::Split, &l.tr("export-misaligned-split"));
                    bw::radio_value(ui, m, Misaligned::Drop, &l.tr("export-misaligned-drop"));
                });
            }
            Format::Csv => {
                bw::checkbox(ui, &mut d.bom, &l.tr("export-bom"));
            }
            Format::LabelStudio => about(ui, "export-about-label-studio"),
            Format::Brat => about(ui, "export-about-brat"),
            Format::WebannoTsv => about(ui, "export-about-webanno"),
            Format::Hf => about(ui, "export-about-hf"),
            Format::Xlsx => about(ui, "export-about-xlsx"),
            Format::Doccano | Format::W3c | Format::RefiQda => {}
        }
    }

    /// A checklist of the project's documents (names through the bidi engine).
    fn document_checklist(&mut self, ui: &mut egui::Ui, d: &mut ExportDialog) {
        let l = self.locale.clone();
        bw::row(ui, |ui| {
            let args = [
                ("n", d.selected.len().into()),
                ("total", self.documents.len().into()),
            ];
            bw::label(ui, &l.tr_args("export-ticked", &args));
            if bw::button(ui, &l.tr("export-tick-all")).clicked() {
                d.selected = self.documents.iter().map(|s| s.id).collect();
            }
            if bw::button(ui, &l.tr("export-tick-none")).clicked() {
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
                    let path = s.rel_path.as_str();
                    let accessible = l.tr_args("export-include-a11y", &[("path", path.into())]);
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

/// A progress bar filled from its right end (egui's fills from the left), for a right-to-left
/// interface: as wide as the space available, `fraction` (0–1) of it filled, `text` centred.
fn rtl_progress_bar(ui: &mut egui::Ui, fraction: f32, text: egui::WidgetText) -> egui::Response {
    let height = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().max(96.0), height),
        egui::Sense::hover(),
    );
    let shown = text.text().to_owned();
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::ProgressIndicator, true, &shown);
        info.value = Some(f64::from(fraction) * 100.0);
        info
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let radius = rect.height() / 2.0;
        let painter = ui.painter();
        painter.rect_filled(rect, radius, visuals.extreme_bg_color);
        let fill = rect.width() * fraction.clamp(0.0, 1.0);
        let filled = egui::Rect::from_min_max(egui::pos2(rect.max.x - fill, rect.min.y), rect.max);
        painter.rect_filled(filled, radius, visuals.selection.bg_fill);
        if let egui::WidgetText::Galley(g) = text {
            let pos = rect.center() - g.size() / 2.0;
            painter.galley(pos, g, visuals.text_color());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pseudonymise_ticks_make_the_request() {
        let l = Locale::default();
        let mut d = ExportDialog::default();
        assert_eq!(d.request().anonymise, Default::default());
        d.pseudonymise = true;
        d.strip_notes = true;
        let r = d.request();
        assert_eq!(r.anonymise.pseudonymise, ["PERSON"]);
        assert!(r.anonymise.strip_notes && !r.anonymise.strip_annotators);
        assert!(d.not_ready(&l).is_none());
        d.history = true;
        assert_eq!(d.not_ready(&l), Some(l.tr("export-pseudonymise-conflict")));
        d.history = false;
        d.pseudonym_labels.clear();
        assert_eq!(d.not_ready(&l), Some(l.tr("export-pseudonymise-pick")));
    }
}
