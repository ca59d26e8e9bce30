//! The application: panels, menus, keyboard shortcuts, and the one place where commands are
//! applied.

use super::dialogs::FileDialogs;
use super::document_view::{self, DocumentViewState, SnippetCache};
use crate::corpus::location::project_path_for_folder;
use crate::corpus::{import_files, import_folder, ImportReport};
use crate::model::action::History;
use crate::model::{Action, Annotation, AnnotationId, Document, DocumentId, DocumentSummary, Label};
use crate::store::Project;
use crate::text::DirectionSetting;
use egui::{Color32, Key, Modifiers, RichText, Ui};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};

/// Shown when a file dialog returns nothing: it may have been cancelled, or there may be no
/// dialog service (XDG desktop portal) on this desktop.
const NO_DIALOG_HINT: &str =
    "If no dialog appeared, this desktop has no file-dialog service (XDG desktop portal); use the command line instead.";

/// Everything the UI can ask for. Sent by widgets, applied by [`SanadApp::run_command`].
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Ask for a folder and open it.
    ChooseFolder,
    /// Ask for a project file and open it.
    ChooseProject,
    /// Ask for an export path and export JSONL there.
    ChooseExport,
    /// Import a folder into its project (found by [`project_path_for_folder`]) and open it.
    OpenFolder {
        /// The folder.
        folder: PathBuf,
        /// `--project`, if given.
        project: Option<PathBuf>,
    },
    /// Open a project file.
    OpenProject(PathBuf),
    /// Write the JSONL export to a file.
    ExportJsonl(PathBuf),
    /// Show a document.
    SelectDocument(DocumentId),
    /// Select an annotation and scroll to it.
    SelectAnnotation(AnnotationId),
    /// Label the current selection, or relabel the selected annotation, with this label name.
    UseLabel(String),
    /// Delete the selected annotation.
    DeleteSelected,
    /// Apply a model change (one transaction, undoable).
    Apply(Action),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
}

/// The document being shown.
pub struct Current {
    /// The document with its text.
    pub document: Document,
    /// Its annotations, ordered by start.
    pub annotations: Vec<Annotation>,
    /// Char-to-byte index of its text, for slicing spans cheaply.
    pub index: crate::model::CharIndex,
}

enum JobMessage {
    Progress(usize, usize),
    Done(Result<(PathBuf, ImportReport), String>),
}

struct ImportJob {
    what: String,
    rx: Receiver<JobMessage>,
    progress: (usize, usize),
}

/// The Sanad application state.
pub struct SanadApp {
    project: Option<Project>,
    documents: Vec<DocumentSummary>,
    labels: Vec<Label>,
    current: Option<Current>,
    /// The document view's state (selection, layout cache).
    pub view: DocumentViewState,
    snippets: SnippetCache,
    history: History,
    status: String,
    error: Option<String>,
    report: Option<(String, ImportReport)>,
    job: Option<ImportJob>,
    dialogs: Box<dyn FileDialogs>,
    queue: Vec<Command>,
    fonts_installed: bool,
    /// Include each annotation's audit trail in JSONL exports.
    pub export_history: bool,
}

impl SanadApp {
    /// A new app with no project open. `dialogs` answers File menu questions.
    pub fn new(dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            project: None,
            documents: Vec::new(),
            labels: Vec::new(),
            current: None,
            view: DocumentViewState::default(),
            snippets: SnippetCache::default(),
            history: History::default(),
            status: String::new(),
            error: None,
            report: None,
            job: None,
            dialogs,
            queue: Vec::new(),
            fonts_installed: false,
            export_history: false,
        }
    }

    /// Installs the bundled fonts on `ctx` (call before the first frame when you can).
    pub fn install_fonts(&mut self, ctx: &egui::Context) {
        ctx.set_fonts(crate::text::fonts::font_definitions());
        self.fonts_installed = true;
    }

    /// The open project, if any.
    pub fn project(&self) -> Option<&Project> {
        self.project.as_ref()
    }

    /// The shown document, if any.
    pub fn current(&self) -> Option<&Current> {
        self.current.as_ref()
    }

    /// The document list.
    pub fn documents(&self) -> &[DocumentSummary] {
        &self.documents
    }

    /// The last error shown to the user, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The last import report, with the folder it came from.
    pub fn report(&self) -> Option<&(String, ImportReport)> {
        self.report.as_ref()
    }

    /// Queues a command for the next frame.
    pub fn send(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// Is a background import running?
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Blocks until a running import finishes (tests and the CLI start-up).
    pub fn wait_for_import(&mut self) {
        while self.job.is_some() {
            self.poll_job(true);
        }
    }

    /// Opens (creating if needed) the project at `path` and shows its first document.
    fn open_project(&mut self, path: &Path) {
        match Project::open_or_create(path) {
            Ok(p) => {
                self.project = Some(p);
                self.history = History::default();
                self.current = None;
                self.view.reset();
                self.error = None;
                self.refresh_lists();
                if let Some(first) = self.documents.first().map(|d| d.id) {
                    self.select_document(first);
                }
                self.status = format!("Opened {}", path.display());
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Imports the bundled sample corpus into `path` (in the foreground: it is tiny) and opens it.
    pub fn open_sample(&mut self, path: &Path) {
        let result = Project::open_or_create(path).map_err(|e| e.to_string()).and_then(|mut p| {
            import_files(&mut p, crate::corpus::sample::sample_files(), &mut |_, _| {}).map_err(|e| e.to_string())
        });
        match result {
            Ok(report) => {
                self.open_project(path);
                self.report = Some(("sample corpus".into(), report));
            }
            Err(e) => self.fail(e),
        }
    }

    fn start_import(&mut self, folder: PathBuf, explicit: Option<PathBuf>) {
        let project_path = project_path_for_folder(&folder, explicit.as_deref());
        let (tx, rx) = channel();
        let what = folder.display().to_string();
        self.project = None; // the job writes; reopen when it is done
        self.current = None;
        self.documents.clear();
        std::thread::spawn(move || {
            let result = Project::open_or_create(&project_path).map_err(|e| e.to_string()).and_then(|mut p| {
                let mut progress = |done, total| {
                    let _ = tx.send(JobMessage::Progress(done, total));
                };
                import_folder(&mut p, &folder, &mut progress).map_err(|e| e.to_string())
            });
            let _ = tx.send(JobMessage::Done(result.map(|r| (project_path, r))));
        });
        self.job = Some(ImportJob { what, rx, progress: (0, 0) });
    }

    fn poll_job(&mut self, block: bool) {
        let Some(job) = &mut self.job else { return };
        loop {
            let msg = if block { job.rx.recv().ok() } else { job.rx.try_recv().ok() };
            match msg {
                Some(JobMessage::Progress(d, t)) => job.progress = (d, t),
                Some(JobMessage::Done(result)) => {
                    let what = job.what.clone();
                    self.job = None;
                    match result {
                        Ok((path, report)) => {
                            self.open_project(&path);
                            self.status = format!(
                                "Imported {} new document(s) from {what}; {} skipped",
                                report.added.len(),
                                report.skipped.len()
                            );
                            self.report = Some((what, report));
                        }
                        Err(e) => self.fail(e),
                    }
                    return;
                }
                None => {
                    if block {
                        self.job = None; // the thread died without a word
                        self.fail("the import stopped unexpectedly".into());
                    }
                    return;
                }
            }
        }
    }

    fn fail(&mut self, message: String) {
        self.status = message.clone();
        self.error = Some(message);
    }

    fn refresh_lists(&mut self) {
        let Some(p) = &self.project else { return };
        match (p.document_summaries(), p.labels()) {
            (Ok(d), Ok(l)) => {
                self.documents = d;
                self.labels = l;
            }
            (Err(e), _) | (_, Err(e)) => self.fail(e.to_string()),
        }
    }

    fn reload_annotations(&mut self) {
        let (Some(p), Some(cur)) = (&self.project, &mut self.current) else { return };
        match p.annotations(cur.document.id) {
            Ok(a) => cur.annotations = a,
            Err(e) => {
                let m = e.to_string();
                self.fail(m);
            }
        }
    }

    fn select_document(&mut self, id: DocumentId) {
        let Some(p) = &self.project else { return };
        match (p.document(id), p.annotations(id)) {
            (Ok(document), Ok(annotations)) => {
                let index = crate::model::CharIndex::new(&document.text);
                self.current = Some(Current { document, annotations, index });
                self.view.reset();
            }
            (Err(e), _) | (_, Err(e)) => self.fail(e.to_string()),
        }
    }

    /// Applies one command. The only place that changes the project or the selection on behalf of
    /// the user.
    pub fn run_command(&mut self, command: Command) {
        match command {
            Command::ChooseFolder => {
                match self.dialogs.pick_folder() {
                    Some(folder) => self.run_command(Command::OpenFolder { folder, project: None }),
                    None => self.status = format!("No folder chosen. {NO_DIALOG_HINT}"),
                }
            }
            Command::ChooseProject => {
                match self.dialogs.pick_project() {
                    Some(path) => self.run_command(Command::OpenProject(path)),
                    None => self.status = format!("No project chosen. {NO_DIALOG_HINT}"),
                }
            }
            Command::ChooseExport => {
                let default = self
                    .project
                    .as_ref()
                    .and_then(|p| p.path().file_stem().map(|s| format!("{}.jsonl", s.to_string_lossy())))
                    .unwrap_or_else(|| "export.jsonl".into());
                match self.dialogs.save_export(&default) {
                    Some(path) => self.run_command(Command::ExportJsonl(path)),
                    None => {
                        self.status = format!(
                            "Nothing exported. {NO_DIALOG_HINT} (`sanad export PROJECT --format jsonl --output FILE`)"
                        )
                    }
                }
            }
            Command::OpenFolder { folder, project } => self.start_import(folder, project),
            Command::OpenProject(path) => {
                match crate::store::inspect(&path) {
                    Ok(crate::store::FileKind::New) => self.fail(format!("no project file there: {}", path.display())),
                    Ok(_) => self.open_project(&path),
                    Err(e) => self.fail(e.to_string()),
                }
            }
            Command::ExportJsonl(path) => {
                let Some(p) = &self.project else { return };
                match write_export(p, crate::export::ExportOptions { history: self.export_history }, &path) {
                    Ok(n) => self.status = format!("Exported {n} document(s) to {}", path.display()),
                    Err(e) => self.fail(format!("export failed ({e}): {}", path.display())),
                }
            }
            Command::SelectDocument(id) => self.select_document(id),
            Command::SelectAnnotation(id) => {
                if let Some(a) = self.current.as_ref().and_then(|c| c.annotations.iter().find(|a| a.id == id)) {
                    self.view.scroll_to = Some(a.range());
                    self.view.clear_selection();
                    self.view.selected_annotation = Some(id);
                    self.status = format!("Selected annotation {id}: press 1–4 to relabel, Delete to remove");
                }
            }
            Command::UseLabel(label) => {
                let Some(cur) = &self.current else { return };
                if let Some(sel) = self.view.selection.clone().filter(|s| !s.is_empty()) {
                    let action = Action::AddAnnotation {
                        id: None,
                        document_id: cur.document.id,
                        start: sel.start,
                        end: sel.end,
                        label,
                    };
                    self.run_command(Command::Apply(action));
                } else if let Some(id) = self.view.selected_annotation {
                    self.run_command(Command::Apply(Action::RelabelAnnotation { id, label }));
                } else {
                    self.status = "Select some text first (drag across it), then press a label key.".into();
                }
            }
            Command::DeleteSelected => {
                if let Some(id) = self.view.selected_annotation {
                    self.run_command(Command::Apply(Action::DeleteAnnotation { id }));
                }
            }
            Command::Apply(action) => self.apply(action, Step::Do),
            Command::Undo => {
                if let Some(inv) = self.history.peek_undo().cloned() {
                    self.apply(inv, Step::Undo);
                }
            }
            Command::Redo => {
                if let Some(redo) = self.history.peek_redo().cloned() {
                    self.apply(redo, Step::Redo);
                }
            }
        }
    }

    fn apply(&mut self, action: Action, step: Step) {
        let Some(p) = &mut self.project else { return };
        match p.apply(&action) {
            Ok(applied) => {
                match step {
                    Step::Do => self.history.push(action.clone(), applied.inverse.clone()),
                    Step::Undo => self.history.undone(applied.inverse.clone()),
                    Step::Redo => self.history.redone(applied.inverse.clone()),
                }
                self.view.selection = None;
                self.view.selected_annotation = applied.annotation;
                self.status = match step {
                    Step::Do => describe(&action),
                    Step::Undo => format!("Undid: {}", describe(&applied.inverse)),
                    Step::Redo => format!("Redid: {}", describe(&action)),
                };
                self.error = None;
                if let Action::SetDirection { document_id, .. } = &action
                    && self.current.as_ref().is_some_and(|c| c.document.id == *document_id)
                {
                    self.select_document(*document_id);
                }
                self.reload_annotations();
                self.refresh_lists();
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let mut cmds = Vec::new();
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z) || i.consume_key(Modifiers::COMMAND, Key::Y) {
                cmds.push(Command::Redo);
            }
            if i.consume_key(Modifiers::COMMAND, Key::Z) {
                cmds.push(Command::Undo);
            }
            if i.consume_key(Modifiers::COMMAND, Key::O) {
                cmds.push(Command::ChooseFolder);
            }
            if i.consume_key(Modifiers::COMMAND, Key::E) {
                cmds.push(Command::ChooseExport);
            }
            if i.consume_key(Modifiers::NONE, Key::Delete) || i.consume_key(Modifiers::NONE, Key::Backspace) {
                cmds.push(Command::DeleteSelected);
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                self.view.clear_selection();
                self.view.selected_annotation = None;
                self.status.clear();
            }
            for label in &self.labels {
                if let Some(key) = label.key.and_then(|k| Key::from_name(&k.to_string()))
                    && i.consume_key(Modifiers::NONE, key)
                {
                    cmds.push(Command::UseLabel(label.name.clone()));
                }
            }
        });
        self.queue.extend(cmds);
    }

    /// Draws one frame into `ui` and applies the commands it produced.
    pub fn show(&mut self, ui: &mut Ui) {
        if !self.fonts_installed {
            // Fonts set now take effect next frame: draw nothing that needs them yet.
            self.install_fonts(ui.ctx());
            ui.ctx().request_repaint();
            return;
        }
        self.poll_job(false);
        if self.job.is_some() {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(50));
        }
        self.handle_keys(&ui.ctx().clone());
        self.menu_bar(ui);
        self.status_bar(ui);
        self.document_list(ui);
        self.annotation_panel(ui);
        self.central(ui);
        for cmd in std::mem::take(&mut self.queue) {
            self.run_command(cmd);
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    if ui.button("Open folder…  (Ctrl+O)").clicked() {
                        self.queue.push(Command::ChooseFolder);
                    }
                    if ui.button("Open project…").clicked() {
                        self.queue.push(Command::ChooseProject);
                    }
                    let has = self.project.is_some();
                    if ui.add_enabled(has, egui::Button::new("Export JSONL…  (Ctrl+E)")).clicked() {
                        self.queue.push(Command::ChooseExport);
                    }
                    ui.separator();
                    if ui.button("Quit").clicked() {
                        ui.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                });
                ui.menu_button("Edit", |ui| {
                    if ui.add_enabled(self.history.can_undo(), egui::Button::new("Undo  (Ctrl+Z)")).clicked() {
                        self.queue.push(Command::Undo);
                    }
                    if ui.add_enabled(self.history.can_redo(), egui::Button::new("Redo  (Ctrl+Shift+Z)")).clicked() {
                        self.queue.push(Command::Redo);
                    }
                    if ui
                        .add_enabled(self.view.selected_annotation.is_some(), egui::Button::new("Delete annotation  (Del)"))
                        .clicked()
                    {
                        self.queue.push(Command::DeleteSelected);
                    }
                });
            });
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(job) = &self.job {
                    let (d, t) = job.progress;
                    let frac = if t == 0 { 0.0 } else { d as f32 / t as f32 };
                    ui.add(egui::ProgressBar::new(frac).desired_width(160.0).text(format!("importing {d}/{t}")));
                }
                match &self.project {
                    Some(p) => {
                        ui.label(format!("Project: {}", p.path().display()));
                        ui.separator();
                        ui.label(format!("{} documents", self.documents.len()));
                    }
                    None => {
                        ui.label("No project open");
                    }
                }
                ui.separator();
                let color = if self.error.is_some() { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
                ui.label(RichText::new(&self.status).color(color));
            });
        });
    }

    fn document_list(&mut self, ui: &mut Ui) {
        egui::Panel::left("documents").default_size(230.0).resizable(true).show(ui, |ui| {
            ui.heading("Documents");
            egui::ScrollArea::vertical().id_salt("doc-list").show(ui, |ui| {
                let current = self.current.as_ref().map(|c| c.document.id);
                for d in &self.documents {
                    let flag = if d.has_override { "  ⚠ override" } else { "" };
                    let text = format!("{}  ({}){flag}", d.rel_path, d.annotation_count);
                    let hover = if d.has_override {
                        format!("{}\nHolds a directional override (U+202D/U+202E): it can display differently from what it says.", d.rel_path)
                    } else {
                        d.rel_path.clone()
                    };
                    if ui.add(egui::Button::selectable(current == Some(d.id), text).truncate()).on_hover_text(hover).clicked() {
                        self.queue.push(Command::SelectDocument(d.id));
                    }
                }
                if let Some((from, report)) = &self.report
                    && (!report.skipped.is_empty() || !report.changed.is_empty() || !report.missing.is_empty())
                {
                    ui.separator();
                    ui.label(RichText::new(format!("Not imported from {from}:")).strong());
                    for s in &report.skipped {
                        ui.label(RichText::new(format!("{} — {}", s.rel_path, s.reason)).color(ui.visuals().warn_fg_color));
                    }
                    for m in &report.missing {
                        ui.label(
                            RichText::new(format!("{m} — no longer in the folder; the imported copy was kept"))
                                .color(ui.visuals().warn_fg_color),
                        );
                    }
                    for c in &report.changed {
                        ui.label(
                            RichText::new(format!("{c} — changed on disk since import; the imported text and its annotations were kept"))
                                .color(ui.visuals().warn_fg_color),
                        );
                    }
                }
            });
        });
    }

    fn annotation_panel(&mut self, ui: &mut Ui) {
        egui::Panel::right("annotations").default_size(280.0).resizable(true).show(ui, |ui| {
            ui.heading("Labels");
            let has_target = self.view.selection.as_ref().is_some_and(|s| !s.is_empty()) || self.view.selected_annotation.is_some();
            for l in &self.labels {
                let color = Color32::from_rgb(l.color[0], l.color[1], l.color[2]);
                let key = l.key.map(|k| format!("{k}  ")).unwrap_or_default();
                let button = egui::Button::new(RichText::new(format!("{key}{}", l.name)).strong()).fill(color.gamma_multiply(0.35));
                if ui.add_enabled(has_target, button).on_hover_text(&l.description).clicked() {
                    self.queue.push(Command::UseLabel(l.name.clone()));
                }
            }
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
            egui::ScrollArea::vertical().id_salt("ann-list").auto_shrink([false, false]).show_rows(
                ui,
                row_h,
                cur.annotations.len(),
                |ui, rows| {
                    for a in &cur.annotations[rows] {
                        let label = self.labels.iter().find(|l| l.id == a.label_id);
                        let name = label.map_or("?", |l| l.name.as_str());
                        let color = label.map_or(Color32::GRAY, |l| Color32::from_rgb(l.color[0], l.color[1], l.color[2]));
                        let text = cur.index.slice(&cur.document.text, a.range());
                        let selected = self.view.selected_annotation == Some(a.id);
                        ui.horizontal(|ui| {
                            ui.set_height(row_h - ui.spacing().item_spacing.y);
                            ui.label(RichText::new(name).color(color).strong().small())
                                .on_hover_text(format!("[{}, {}) in chars", a.start, a.end));
                            let accessible = format!("Annotation {name} {text}");
                            if document_view::bidi_snippet(ui, &mut self.snippets, text, 48, selected, &accessible).clicked() {
                                self.queue.push(Command::SelectAnnotation(a.id));
                            }
                        });
                    }
                },
            );
        });
    }

    fn central(&mut self, ui: &mut Ui) {
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
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("⚠ {err}")).color(ui.visuals().error_fg_color));
                    if ui.small_button("Dismiss").clicked() {
                        self.error = None;
                    }
                });
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
            ui.horizontal(|ui| {
                ui.label("Paragraph direction:");
                for (setting, name) in [
                    (DirectionSetting::Auto, "Auto"),
                    (DirectionSetting::Rtl, "Right to left"),
                    (DirectionSetting::Ltr, "Left to right"),
                ] {
                    if ui.selectable_label(dir == setting, name).clicked() && dir != setting {
                        self.queue.push(Command::Apply(Action::SetDirection { document_id: doc_id, direction: setting }));
                    }
                }
                ui.separator();
                ui.checkbox(&mut self.view.show_controls, "Show invisible characters");
            });
            ui.separator();
            let out = document_view::show(
                ui,
                &mut self.view,
                cur.document.id,
                &cur.document.text,
                cur.document.direction,
                &cur.annotations,
                &self.labels,
            );
            if let Some(n) = out.copied {
                self.status = format!("Copied {n} characters");
            }
            if let Some(id) = out.clicked_annotation {
                self.status = format!("Selected annotation {id}: press 1–4 to relabel, Delete to remove");
            }
        });
    }
}

#[derive(Clone, Copy)]
enum Step {
    Do,
    Undo,
    Redo,
}

fn describe(action: &Action) -> String {
    match action {
        Action::AddAnnotation { start, end, label, .. } => format!("Labelled [{start}, {end}) as {label}"),
        Action::DeleteAnnotation { id } => format!("Deleted annotation {id}"),
        Action::RelabelAnnotation { id, label } => format!("Relabelled annotation {id} as {label}"),
        Action::SetDirection { direction, .. } => format!("Paragraph direction set to {}", direction.as_str()),
        Action::SetStatus { status, .. } => format!("Status set to {}", status.title()),
        Action::AddRelation { relation, .. } => format!("Added relation {relation}"),
        Action::SetAttribute { name, value: Some(v), .. } => format!("Set {name} = {v}"),
        Action::SetAttribute { name, value: None, .. } => format!("Cleared {name}"),
        Action::LinkEntity { entity_id: Some(e), .. } => format!("Linked to entity {e}"),
        Action::RenameLabel { name, .. } => format!("Renamed label to {name}"),
        other => other.kind().replace('_', " "),
    }
}

/// Writes the JSONL export to `path` through a temporary file in the same folder, so a failed
/// export never leaves a half-written file. Returns the number of documents.
///
/// # Errors
/// Export and I/O errors.
pub fn write_export(
    project: &Project,
    options: crate::export::ExportOptions,
    path: &Path,
) -> Result<usize, crate::export::jsonl::ExportError> {
    let tmp = path.with_extension("jsonl.partial");
    let result = (|| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        let n = crate::export::write_jsonl(project, options, &mut file)?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        Ok(n)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl eframe::App for SanadApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
