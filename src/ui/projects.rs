//! Opening projects and folders from the app: the editing lock, the background import job with
//! its progress, the bundled sample, and decoding a document again from its source file.

use super::app::{ImportJob, JobMessage, SanadApp};
use super::command::Command;
use crate::corpus::location::project_path_for_folder;
use crate::corpus::{import_files, import_folder};
use crate::model::{Action, DocumentId};
use crate::store::Project;
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;

impl SanadApp {
    pub(super) fn annotator(&self) -> String {
        self.settings.annotator.clone().unwrap_or_else(|| {
            std::env::var("USER")
                .or_else(|_| std::env::var("USERNAME"))
                .unwrap_or_else(|_| "researcher".into())
        })
    }

    /// Opens the existing project at `path` for editing (taking its editing lock, so a second
    /// window on it is refused) and shows the document last shown, else the first. An encrypted
    /// project asks for its passphrase first (see `passphrase.rs`).
    pub(super) fn open_project(&mut self, path: &Path) {
        if crate::store::inspect(path).is_ok_and(|k| k == crate::store::FileKind::Encrypted) {
            self.ask_passphrase_to_open(path);
            return;
        }
        if let Err(e) = self.open_project_keyed(path, None) {
            self.fail(e.to_string());
        }
    }

    /// [`Self::open_project`] with the passphrase of an encrypted project; the error is returned,
    /// not shown.
    pub(super) fn open_project_keyed(
        &mut self,
        path: &Path,
        key: Option<&crate::secret::Passphrase>,
    ) -> Result<(), crate::store::StoreError> {
        if self
            .project
            .as_ref()
            .is_some_and(|p| same_file(p.path(), path))
        {
            self.project = None; // release this window's lock before taking it again
        }
        let opened = Project::open_existing_keyed(path, key);
        self.install_project(path, opened)
    }

    /// Takes the editing lock of a project just opened and shows it (the document last shown,
    /// else the first); the error is returned, not shown.
    pub(super) fn install_project(
        &mut self,
        path: &Path,
        opened: Result<Project, crate::store::StoreError>,
    ) -> Result<(), crate::store::StoreError> {
        let opened = opened.and_then(|mut p| {
            p.lock_for_editing()?;
            Ok(p)
        });
        match opened {
            Ok(mut p) => {
                p.set_actor(self.annotator());
                self.project = Some(p);
                self.report = None;
                self.history.clear();
                self.current = None;
                self.view.reset();
                self.error = None;
                self.relation_from = None;
                self.refresh_lists();
                // Reopen on the document last shown, else the first.
                let last = self
                    .project
                    .as_ref()
                    .and_then(|p| p.meta("last_document").ok().flatten())
                    .and_then(|v| v.parse::<DocumentId>().ok())
                    .filter(|id| self.documents.iter().any(|d| d.id == *id));
                if let Some(id) = last.or_else(|| self.documents.first().map(|d| d.id)) {
                    self.select_document(id);
                }
                self.status = self
                    .locale
                    .tr_args("msg-opened", &[("path", path.display().to_string().into())]);
                self.check_verification();
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Imports the bundled sample corpus into `path` (in the foreground: it is tiny) and opens it.
    pub fn open_sample(&mut self, path: &Path) {
        let result = Project::open_or_create(path)
            .map_err(|e| e.to_string())
            .and_then(|mut p| {
                import_files(
                    &mut p,
                    crate::corpus::sample::sample_files(),
                    &crate::corpus::ImportOptions::default(),
                    &mut |_, _| {},
                )
                .map_err(|e| e.to_string())
            });
        match result {
            Ok(report) => {
                self.open_project(path);
                self.report = Some((self.locale.tr("report-sample"), report));
                self.welcome = true;
            }
            Err(e) => self.fail(e),
        }
    }

    pub(super) fn start_import(&mut self, folder: PathBuf, explicit: Option<PathBuf>) {
        let project_path = project_path_for_folder(&folder, explicit.as_deref());
        if std::fs::canonicalize(&folder)
            .is_ok_and(|f| crate::corpus::import::is_inside(&project_path, &f))
        {
            let path = project_path.display().to_string();
            self.fail(self.tr_args("msg-project-inside", &[("path", path.into())]));
            return;
        }
        let own = self
            .project
            .as_ref()
            .is_some_and(|p| same_file(p.path(), &project_path));
        if !own && project_path.is_file() {
            // Another window editing that project keeps it: say so before importing into it.
            let free = Project::open_existing(&project_path).and_then(|mut p| p.lock_for_editing());
            if let Err(e) = free {
                self.fail(e.to_string());
                return;
            }
        }
        let (tx, rx) = channel();
        let what = folder.display().to_string();
        let actor = self.annotator();
        // The encrypted project open here: the job, then this window, open it again with the
        // same passphrase.
        let encrypted = self.project.as_ref().filter(|p| own && p.is_encrypted());
        let reopen_job = encrypted.map(|p| p.reopener());
        let reopen_after = encrypted.map(|p| Box::new(p.reopener()) as super::app::Reopen);
        self.project = None; // the job writes; reopen when it is done
        self.current = None;
        self.documents.clear();
        std::thread::spawn(move || {
            let opened = match reopen_job {
                Some(reopen) => reopen(),
                None => Project::open_or_create(&project_path),
            };
            let result = opened.map_err(|e| e.to_string()).and_then(|mut p| {
                p.set_actor(actor);
                let mut progress = |done, total| {
                    let _ = tx.send(JobMessage::Progress(done, total));
                };
                import_folder(&mut p, &folder, &mut progress).map_err(|e| e.to_string())
            });
            let _ = tx.send(JobMessage::Done(result.map(|r| (project_path, r))));
        });
        self.job = Some(ImportJob {
            what,
            rx,
            progress: (0, 0),
            reopen: reopen_after,
        });
    }

    pub(super) fn poll_job(&mut self, block: bool) {
        let Some(job) = &mut self.job else { return };
        loop {
            let msg = if block {
                job.rx.recv().ok()
            } else {
                job.rx.try_recv().ok()
            };
            match msg {
                Some(JobMessage::Progress(d, t)) => job.progress = (d, t),
                Some(JobMessage::Done(result)) => {
                    let what = job.what.clone();
                    let reopen = job.reopen.take();
                    self.job = None;
                    match result {
                        Ok((path, report)) => {
                            match reopen {
                                Some(reopen) => {
                                    if let Err(e) = self.install_project(&path, reopen()) {
                                        self.fail(e.to_string());
                                    }
                                }
                                None => self.open_project(&path),
                            }
                            let args = [
                                ("n", report.added.len().into()),
                                ("what", what.as_str().into()),
                                ("skipped", report.skipped.len().into()),
                            ];
                            self.status = self.tr_args("msg-imported", &args);
                            self.report = Some((what, report));
                        }
                        Err(e) => self.fail(e),
                    }
                    return;
                }
                None => {
                    if block {
                        self.job = None; // the thread died without a word
                        self.fail(self.tr("msg-import-stopped"));
                    }
                    return;
                }
            }
        }
    }
}

impl SanadApp {
    /// Reads the current document's source file again (from the folder the project records),
    /// checks that its bytes are the ones imported, decodes it as `label` and applies
    /// [`Action::RedecodeDocument`] (undoable; refused by the store once the document has
    /// annotations).
    pub(super) fn redecode_current(&mut self, label: &str) {
        let (Some(p), Some(cur)) = (&self.project, &self.current) else {
            return;
        };
        let doc = &cur.document;
        let Some(encoding) = crate::corpus::decode::encoding_for_label(label) else {
            self.fail(self.tr_args("redecode-unknown", &[("label", label.into())]));
            return;
        };
        let folder = match p.meta("source_folder") {
            Ok(Some(f)) => PathBuf::from(f),
            _ => {
                self.fail(self.tr("redecode-no-folder"));
                return;
            }
        };
        let file = crate::corpus::import::source_path(&folder, &doc.rel_path);
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                self.fail(self.tr_args(
                    "redecode-unreadable",
                    &[
                        ("error", e.to_string().into()),
                        ("path", file.display().to_string().into()),
                    ],
                ));
                return;
            }
        };
        if crate::model::sha256_hex(&bytes) != doc.sha256 {
            self.fail(self.tr_args(
                "redecode-changed",
                &[("path", file.display().to_string().into())],
            ));
            return;
        }
        match crate::corpus::decode::decode_as(&bytes, encoding) {
            Ok(decoded) => self.run_command(Command::Apply(Action::RedecodeDocument {
                document_id: doc.id,
                encoding: decoded.encoding.to_owned(),
                text: decoded.text,
                guessed: false,
            })),
            Err(e) => self.fail(self.tr_args(
                "redecode-failed",
                &[
                    ("encoding", encoding.name().into()),
                    ("error", e.to_string().into()),
                    ("path", file.display().to_string().into()),
                ],
            )),
        }
    }
}

/// Do two paths name the same file (compared canonically, so `./p.sanad` and `/x/p.sanad` match)?
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

impl SanadApp {
    /// Imports the annotation files at `path` into the open project as one action (one undo
    /// step), and keeps the report for the document list. A scheme that lacks a label refuses
    /// the import with the list and keeps it as [`SanadApp::unresolved_import`], for the user to
    /// choose: `resolve` `Some(true)` adds what is missing to the scheme, `Some(false)` leaves
    /// those annotations out (`--add-labels`, `--drop-unknown`; `--map` is on the command line).
    /// With [`SanadApp::import_as_suggestions`] on, the spans come in as suggestions
    /// (`--as-suggestions`, source `import:FORMAT`).
    pub(super) fn import_annotations(&mut self, path: &std::path::Path, resolve: Option<bool>) {
        self.unresolved_import = None;
        let Some(project) = self.project.as_ref() else {
            self.fail(self.tr("msg-import-no-project"));
            return;
        };
        let corpus = match crate::interop::read_path(path, &Default::default()) {
            Ok(Some(corpus)) => corpus,
            Ok(None) => {
                let path = path.display().to_string();
                self.fail(self.tr_args("msg-no-annotation-files", &[("path", path.into())]));
                return;
            }
            Err(e) => {
                self.fail(e.to_string());
                return;
            }
        };
        let options = crate::interop::PlanOptions {
            source: format!("{}: {}", corpus.format.as_str(), path.display()),
            add_labels: resolve == Some(true),
            drop_unknown: resolve == Some(false),
            as_suggestions: self.import_as_suggestions.then(String::new),
            ..Default::default()
        };
        match crate::interop::plan_import(project, &corpus, &options) {
            Ok((batch, report)) => {
                let lines = report.lines();
                if !batch.is_empty() {
                    self.run_command(Command::Apply(crate::model::Action::Import(Box::new(
                        batch,
                    ))));
                }
                if self.error.is_none() {
                    self.status = lines.first().cloned().unwrap_or_default();
                }
                self.annotation_report = Some((path.display().to_string(), lines));
            }
            Err(crate::interop::InteropError::Unknown(message)) => {
                let args = [
                    ("message", message.as_str().into()),
                    ("path", path.display().to_string().into()),
                ];
                self.fail(self.tr_args("msg-import-refused", &args));
                self.unresolved_import = Some((path.to_owned(), message));
            }
            Err(e) => self.fail(format!("{e}: {}", path.display())),
        }
    }
}
