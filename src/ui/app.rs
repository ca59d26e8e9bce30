//! The application state, the commands the UI sends, and the one place where they are applied.
//! Drawing is in [`super::panels`].

use super::dialogs::FileDialogs;
use super::document_view::{DocumentViewState, SnippetCache};
use super::settings::Settings;
use super::shortcuts::{self, Act};
use crate::corpus::ImportReport;
use crate::model::{
    Action, Annotation, AnnotationId, Document, DocumentId, DocumentStatus, DocumentSummary,
    Entity, EntityId, History, Label, LabelScheme, Relation,
};
use crate::store::Project;
use egui::{Key, Modifiers, Ui};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

pub use super::command::Command;

/// The document being shown.
pub struct Current {
    /// The document with its text.
    pub document: Document,
    /// Its annotations, ordered by start.
    pub annotations: Vec<Annotation>,
    /// Its relations.
    pub relations: Vec<Relation>,
    /// Attribute values by annotation, (name, value) sorted by name.
    pub attributes: HashMap<AnnotationId, Vec<(String, String)>>,
    /// Char-to-byte index of its text, for slicing spans cheaply.
    pub index: crate::model::CharIndex,
    /// Its gazetteer suggestions, ordered by start.
    pub suggestions: Vec<crate::model::Suggestion>,
}

pub(super) enum JobMessage {
    Progress(usize, usize),
    Done(Result<(PathBuf, ImportReport), String>),
}

pub(super) struct ImportJob {
    pub(super) what: String,
    pub(super) rx: Receiver<JobMessage>,
    pub(super) progress: (usize, usize),
    /// Opens the (encrypted) project again when the job is done, with its passphrase.
    pub(super) reopen: Option<Reopen>,
}

/// Opens a project again (with the passphrase it was opened with).
pub(super) type Reopen =
    Box<dyn FnOnce() -> Result<crate::store::Project, crate::store::StoreError> + Send + 'static>;

/// Open windows and in-progress interactions.
#[derive(Default)]
pub(super) struct Windows {
    pub(super) settings: bool,
    pub(super) shortcuts: bool,
    /// Relation types to choose from for (head, child).
    pub(super) relation_choice: Option<(AnnotationId, AnnotationId, Vec<String>)>,
    /// A label the user asked to delete, with how many annotations it holds.
    pub(super) confirm_delete_label: Option<(i64, String, usize)>,
    /// The first-run question for the annotator's name, with the text typed so far.
    pub(super) ask_name: Option<String>,
    /// OK was pressed with an empty name: say so in the question.
    pub(super) ask_name_empty: bool,
    /// Settings window edit buffers: label id -> (name, colour).
    pub(super) label_edits: HashMap<i64, (String, String)>,
    /// Settings window: the new label row (name, colour, key).
    pub(super) new_label: (String, String, String),
    /// Settings window: the annotator name being edited.
    pub(super) annotator_edit: String,
}

/// The Sanad application state.
pub struct SanadApp {
    pub(super) project: Option<Project>,
    pub(super) documents: Vec<DocumentSummary>,
    pub(super) labels: Vec<Label>,
    pub(super) scheme: Option<LabelScheme>,
    pub(super) entities: Vec<Entity>,
    pub(super) current: Option<Current>,
    /// The document view's state (selection, layout cache).
    pub view: DocumentViewState,
    pub(super) snippets: SnippetCache,
    pub(super) history: History,
    pub(super) status: String,
    pub(super) error: Option<String>,
    /// Why the open project failed verification, shown until dismissed (src/ui/verify_banner.rs).
    pub(super) verification: Option<String>,
    pub(super) report: Option<(String, ImportReport)>,
    /// The last annotation import's report: (where from, lines).
    pub(super) annotation_report: Option<(String, Vec<String>)>,
    /// An annotation import refused because the scheme lacks labels: its path and the list.
    pub(super) unresolved_import: Option<(PathBuf, String)>,
    /// Import annotations as suggestions to accept or reject (the File menu's checkbox).
    pub(super) import_as_suggestions: bool,
    pub(super) job: Option<ImportJob>,
    pub(super) dialogs: Box<dyn FileDialogs>,
    pub(super) queue: Vec<Command>,
    fonts_installed: bool,
    /// Include each annotation's audit trail in JSONL exports.
    pub export_history: bool,
    /// The export window, when open (File → Export…).
    pub(super) export: Option<super::export_dialog::ExportDialog>,
    /// A relation started with R: its source annotation.
    pub relation_from: Option<AnnotationId>,
    /// Show only documents with this status in the list.
    pub status_filter: Option<DocumentStatus>,
    pub(super) windows: Windows,
    pub(super) settings: Settings,
    settings_file: Option<PathBuf>,
    /// Entity search text in the inspector.
    pub(super) entity_search: String,
    /// Note being edited: (annotation, text).
    pub(super) note_edit: Option<(AnnotationId, String)>,
    /// Document note being edited: (document, text).
    pub(super) doc_note_edit: Option<(DocumentId, String)>,
    mention_cursor: HashMap<EntityId, usize>,
    /// The search bar, its results and the "Label all…" preview.
    pub search: super::search_panel::SearchState,
    /// The entity panel: the entity shown, its mentions, its fields.
    pub entity_panel: super::entity_panel::EntityPanel,
    /// The suggestions list and the index gazetteers are matched on.
    pub suggestions: super::suggestions_panel::SuggestionsState,
    /// The curation (adjudication) view.
    pub(super) curation: super::curation::CurationState,
    /// The interface language and digits (shared, so drawing code can hold it while it changes
    /// other fields).
    pub(super) locale: std::sync::Arc<super::i18n::Locale>,
    /// Show the sample corpus's welcome (until dismissed).
    pub(super) welcome: bool,
    /// A language and digits chosen in Settings, applied at the start of the next frame (a
    /// frame is drawn in one direction throughout).
    pub(super) pending_locale: Option<(super::i18n::Lang, super::i18n::Digits)>,
    /// The passphrase window (opening an encrypted project, or encrypting the open one).
    pub(super) passphrase: Option<super::passphrase::PassphrasePrompt>,
    /// The Agreement window, when open (View → Agreement…).
    pub(super) agreement: Option<super::agreement_panel::AgreementPanel>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Do,
    Undo,
    Redo,
}

impl SanadApp {
    /// A new app with no project open. `dialogs` answers File menu questions. Settings are not
    /// read or written (see [`Self::with_settings_file`]); the annotator is `$USER`.
    pub fn new(dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            project: None,
            documents: Vec::new(),
            labels: Vec::new(),
            scheme: None,
            entities: Vec::new(),
            current: None,
            view: DocumentViewState::default(),
            snippets: SnippetCache::default(),
            history: History::default(),
            status: String::new(),
            error: None,
            verification: None,
            report: None,
            annotation_report: None,
            unresolved_import: None,
            import_as_suggestions: false,
            job: None,
            dialogs,
            queue: Vec::new(),
            fonts_installed: false,
            export_history: false,
            export: None,
            relation_from: None,
            status_filter: None,
            windows: Windows::default(),
            settings: Settings::default(),
            settings_file: None,
            entity_search: String::new(),
            note_edit: None,
            doc_note_edit: None,
            mention_cursor: HashMap::new(),
            search: Default::default(),
            entity_panel: Default::default(),
            suggestions: Default::default(),
            curation: Default::default(),
            locale: Default::default(),
            welcome: false,
            pending_locale: None,
            passphrase: None,
            agreement: None,
        }
    }

    /// The interface language and digits.
    pub fn locale(&self) -> &super::i18n::Locale {
        &self.locale
    }

    /// Switches the interface language (no restart: the next frame draws in it) and keeps the
    /// choice in the settings file, if the app has one.
    pub fn set_language(&mut self, lang: super::i18n::Lang) {
        self.settings.language = Some(lang);
        self.locale = std::sync::Arc::new(super::i18n::Locale::new(lang, self.settings.digits));
        self.save_settings();
    }

    /// Switches the digits numbers are shown in, kept like [`Self::set_language`].
    pub fn set_digits(&mut self, digits: super::i18n::Digits) {
        self.settings.digits = digits;
        self.locale = std::sync::Arc::new(super::i18n::Locale::new(self.locale.lang(), digits));
        self.save_settings();
    }

    /// Shorthand: the message `key` in the interface language.
    pub(super) fn tr(&self, key: &str) -> String {
        self.locale.tr(key)
    }

    /// Shorthand: the message `key` with arguments.
    pub(super) fn tr_args(
        &self,
        key: &str,
        args: &[(&str, fluent_bundle::FluentValue<'_>)],
    ) -> String {
        self.locale.tr_args(key, args)
    }

    /// Reads settings from `path` and keeps them there; asks for the annotator's name once if
    /// the file has none.
    pub fn with_settings_file(mut self, path: PathBuf) -> Self {
        self.settings = Settings::load(&path);
        let lang = self
            .settings
            .language
            .unwrap_or_else(super::i18n::Lang::from_system);
        self.locale = std::sync::Arc::new(super::i18n::Locale::new(lang, self.settings.digits));
        match &self.settings.annotator {
            Some(name) => self.windows.annotator_edit = name.clone(),
            None => {
                let guess = std::env::var("USER").unwrap_or_default();
                self.windows.ask_name = Some(guess);
            }
        }
        self.settings_file = Some(path);
        self
    }

    /// The app's settings (annotator, snapping, status at the first annotation).
    pub fn settings(&self) -> &super::settings::Settings {
        &self.settings
    }

    /// Changes the settings (kept only when saved, see [`Self::save_settings`]).
    pub fn settings_mut(&mut self) -> &mut super::settings::Settings {
        &mut self.settings
    }

    /// Writes the settings to their file, if the app has one; a failure is shown.
    pub fn save_settings(&mut self) {
        if let Some(path) = &self.settings_file
            && let Err(e) = self.settings.save(path)
        {
            let msg = settings_not_saved(&self.locale, &e, path);
            self.fail(msg);
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

    /// The document list (unfiltered).
    pub fn documents(&self) -> &[DocumentSummary] {
        &self.documents
    }

    /// The project's entities.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The last error shown to the user, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The status line.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// The last import report, with the folder it came from.
    pub fn report(&self) -> Option<&(String, ImportReport)> {
        self.report.as_ref()
    }

    /// The last annotation import's report: (where from, its lines).
    pub fn annotation_report(&self) -> Option<&(String, Vec<String>)> {
        self.annotation_report.as_ref()
    }

    /// Are annotations imported as suggestions (File → "…as suggestions")?
    pub fn import_as_suggestions(&self) -> bool {
        self.import_as_suggestions
    }

    /// An annotation import waiting for the user to add or leave out what the scheme lacks:
    /// (path, what is unknown).
    pub fn unresolved_import(&self) -> Option<&(PathBuf, String)> {
        self.unresolved_import.as_ref()
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

    pub(super) fn fail(&mut self, message: String) {
        self.status = message.clone();
        self.error = Some(message);
    }

    pub(super) fn refresh_lists(&mut self) {
        let Some(p) = &self.project else { return };
        let result = (|| {
            Ok::<_, crate::store::StoreError>((
                p.document_summaries()?,
                p.labels()?,
                p.scheme()?,
                p.entities()?,
            ))
        })();
        match result {
            Ok((d, l, s, e)) => {
                self.documents = d;
                self.labels = l;
                self.scheme = Some(s);
                self.entities = e;
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Reloads the shown document's annotations, relations, attributes and settings (not its
    /// text, which never changes).
    fn reload_current(&mut self) {
        let (Some(p), Some(cur)) = (&self.project, &mut self.current) else {
            return;
        };
        let id = cur.document.id;
        let result = (|| {
            Ok::<_, crate::store::StoreError>((
                p.document_settings(id)?,
                p.annotations(id)?,
                p.relations(id)?,
                p.document_attributes(id)?,
                p.suggestions(&crate::store::suggestions::SuggestionFilter::Document(id))?,
            ))
        })();
        match result {
            Ok(((direction, note, status), annotations, relations, attrs, suggestions)) => {
                cur.suggestions = suggestions;
                cur.document.direction = direction;
                cur.document.note = note;
                cur.document.status = status;
                cur.annotations = annotations;
                cur.relations = relations;
                cur.attributes.clear();
                for (a, n, v) in attrs {
                    cur.attributes.entry(a).or_default().push((n, v));
                }
            }
            Err(e) => return self.fail(e.to_string()),
        }
        // The curation view's lanes change with the annotations: read with them, not per frame.
        self.refresh_curation();
    }

    pub(super) fn select_document(&mut self, id: DocumentId) {
        let Some(p) = &self.project else { return };
        if self.current.as_ref().map(|c| c.document.id) != Some(id) {
            match p.document(id) {
                Ok(document) => {
                    let index = crate::model::CharIndex::new(&document.text);
                    self.current = Some(Current {
                        document,
                        annotations: Vec::new(),
                        relations: Vec::new(),
                        attributes: HashMap::new(),
                        index,
                        suggestions: Vec::new(),
                    });
                    self.view.reset();
                    self.relation_from = None;
                    self.note_edit = None;
                    self.doc_note_edit = None;
                    // Remembered for the next opening (not a user change: no audit, no undo).
                    let _ = p.set_meta("last_document", &id.to_string());
                }
                Err(e) => return self.fail(e.to_string()),
            }
        }
        self.reload_current();
    }

    /// The documents the list shows (after the status filter).
    pub fn visible_documents(&self) -> Vec<&DocumentSummary> {
        self.documents
            .iter()
            .filter(|d| self.status_filter.is_none_or(|s| d.status == s))
            .collect()
    }

    /// The label of an annotation of the current document.
    pub(super) fn label_of(&self, id: AnnotationId) -> Option<&Label> {
        let a = self
            .current
            .as_ref()?
            .annotations
            .iter()
            .find(|a| a.id == id)?;
        self.labels.iter().find(|l| l.id == a.label_id)
    }

    /// Applies one command. The only place that changes the project or the selection on behalf of
    /// the user.
    pub fn run_command(&mut self, command: Command) {
        match command {
            Command::ChooseFolder => match self.dialogs.pick_folder() {
                Some(folder) => self.run_command(Command::OpenFolder {
                    folder,
                    project: None,
                }),
                None => self.status = self.tr("msg-no-folder"),
            },
            Command::ChooseProject => match self.dialogs.pick_project() {
                Some(path) => self.run_command(Command::OpenProject(path)),
                None => self.status = self.tr("msg-no-project"),
            },
            Command::ChooseExport => self.open_export_dialog(),
            Command::Export { path, request } => self.run_export(path, request),
            Command::OpenFolder { folder, project } => self.start_import(folder, project),
            // Missing, empty, foreign, newer and folder paths are refused with the CLI's words.
            Command::OpenProject(path) => self.open_project(&path),
            Command::SubmitPassphrase => self.submit_passphrase(),
            Command::CancelPassphrase => {
                self.passphrase = None;
                self.status = self.tr("msg-passphrase-cancelled");
            }
            Command::ChooseEncryptProject => self.ask_passphrase_to_encrypt(),
            Command::ChooseNewEncryptedProject => self.ask_new_encrypted_project(),
            Command::ExportJsonl(path) => {
                let Some(p) = &self.project else { return };
                let options = crate::export::ExportOptions {
                    history: self.export_history,
                    ..Default::default()
                };
                match crate::export::write_jsonl_file(p, options, &path) {
                    Ok(summary) if summary.warnings.is_empty() => {
                        self.status = self.tr_args(
                            "msg-exported",
                            &[
                                ("n", summary.documents.into()),
                                ("path", path.display().to_string().into()),
                            ],
                        )
                    }
                    Ok(summary) => {
                        self.status = self.tr_args(
                            "msg-exported-warnings",
                            &[
                                ("n", summary.documents.into()),
                                ("path", path.display().to_string().into()),
                                ("w", summary.warnings.len().into()),
                                ("list", summary.warnings.join("; ").into()),
                            ],
                        )
                    }
                    Err(e) => self.fail(self.tr_args(
                        "msg-export-failed",
                        &[
                            ("error", e.to_string().into()),
                            ("path", path.display().to_string().into()),
                        ],
                    )),
                }
            }
            Command::ChooseSaveCopy => {
                let Some(p) = &self.project else { return };
                let default = p.path().file_stem().map_or_else(
                    || "copy.sanad".into(),
                    |s| format!("{} copy.sanad", s.to_string_lossy()),
                );
                match self.dialogs.save_project_copy(&default) {
                    Some(path) => self.run_command(Command::SaveCopy(path)),
                    None => self.status = self.tr("msg-no-copy"),
                }
            }
            Command::SaveCopy(path) => {
                let Some(p) = &self.project else { return };
                match p.backup_to(&path) {
                    Ok(()) => {
                        self.status = self.tr_args(
                            "msg-copy-saved",
                            &[("path", path.display().to_string().into())],
                        )
                    }
                    Err(e) => self
                        .fail(self.tr_args("msg-copy-failed", &[("error", e.to_string().into())])),
                }
            }
            Command::Redecode(label) => self.redecode_current(&label),
            Command::ExportScheme => {
                let Some(scheme) = self.scheme.clone() else {
                    return;
                };
                let Some(path) = self.dialogs.save_scheme("scheme.ron") else {
                    self.status = self.tr("msg-no-scheme-export");
                    return;
                };
                match scheme
                    .to_ron()
                    .map_err(|e| e.to_string())
                    .and_then(|t| std::fs::write(&path, t).map_err(|e| e.to_string()))
                {
                    Ok(()) => {
                        self.status = self.tr_args(
                            "msg-scheme-exported",
                            &[("path", path.display().to_string().into())],
                        )
                    }
                    Err(e) => self.fail(self.tr_args(
                        "msg-scheme-export-failed",
                        &[
                            ("error", e.into()),
                            ("path", path.display().to_string().into()),
                        ],
                    )),
                }
            }
            Command::ChooseAnnotations => match self.dialogs.pick_annotations() {
                Some(path) => self.run_command(Command::ImportAnnotations(path)),
                None => self.status = self.tr("msg-no-folder"),
            },
            Command::ImportAnnotations(path) => self.import_annotations(&path, None),
            Command::ChooseMerge => match self.dialogs.pick_project() {
                Some(path) => self.run_command(Command::MergeProject(path)),
                None => self.status = self.tr("msg-no-folder"),
            },
            Command::MergeProject(path) => self.merge_project(&path),
            Command::SetImportAsSuggestions(on) => self.import_as_suggestions = on,
            Command::ImportAnnotationsResolving { path, add } => {
                self.import_annotations(&path, Some(add))
            }
            Command::ImportScheme => {
                let Some(path) = self.dialogs.pick_scheme() else {
                    self.status = self.tr("msg-no-scheme");
                    return;
                };
                let parsed = std::fs::read_to_string(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|t| LabelScheme::from_ron(&t).map_err(|e| e.to_string()));
                match (parsed, self.project.as_mut()) {
                    (Ok(scheme), Some(p)) => match p.import_scheme(&scheme) {
                        Ok(()) => {
                            self.status = self.tr_args(
                                "msg-scheme-merged",
                                &[("path", path.display().to_string().into())],
                            );
                            self.refresh_lists();
                        }
                        Err(e) => self.fail(format!("{e}: {}", path.display())),
                    },
                    (Err(e), _) => self.fail(self.tr_args(
                        "msg-scheme-read-failed",
                        &[
                            ("error", e.into()),
                            ("path", path.display().to_string().into()),
                        ],
                    )),
                    (_, None) => {}
                }
            }
            Command::SelectDocument(id) => self.select_document(id),
            Command::StepDocument(step) => {
                let visible: Vec<DocumentId> =
                    self.visible_documents().iter().map(|d| d.id).collect();
                let here = self
                    .current
                    .as_ref()
                    .and_then(|c| visible.iter().position(|&d| d == c.document.id));
                let next = match here {
                    Some(i) => {
                        (i as i64 + i64::from(step)).clamp(0, visible.len() as i64 - 1) as usize
                    }
                    None => 0,
                };
                if let Some(&id) = visible.get(next) {
                    self.select_document(id);
                }
            }
            Command::SelectAnnotation(id) if self.relation_from.is_some_and(|h| h != id) => {
                if let Some(head) = self.relation_from {
                    self.run_command(Command::RelationTarget { head, child: id });
                }
            }
            Command::SelectAnnotation(id) => {
                if let Some(a) = self
                    .current
                    .as_ref()
                    .and_then(|c| c.annotations.iter().find(|a| a.id == id))
                {
                    self.view.scroll_to = Some(a.range());
                    self.view.clear_selection();
                    self.view.selected_annotation = Some(id);
                    self.status = self.tr_args("msg-selected-annotation", &[("id", id.into())]);
                }
            }
            Command::UseLabel(label) => {
                let Some(cur) = &self.current else { return };
                if let Some(sel) = self.view.selection.clone().filter(|s| !s.is_empty()) {
                    let span = if self.settings.keep_edge_spaces {
                        Some(sel.start..sel.end)
                    } else {
                        crate::model::trim_span(&cur.document.text, sel.start..sel.end)
                    };
                    let Some(span) = span else {
                        self.status = self.tr("msg-only-spaces");
                        return;
                    };
                    let action = Action::AddAnnotation {
                        id: None,
                        document_id: cur.document.id,
                        start: span.start,
                        end: span.end,
                        label,
                    };
                    let action = self.with_first_annotation_status(action);
                    self.run_command(Command::Apply(action));
                } else if let Some(id) = self.view.selected_annotation {
                    self.run_command(Command::Apply(Action::RelabelAnnotation { id, label }));
                } else {
                    self.status = self.tr("msg-select-first");
                }
            }
            Command::DeleteSelected => {
                if let Some(id) = self.view.selected_annotation {
                    self.run_command(Command::Apply(Action::DeleteAnnotation { id }));
                }
            }
            Command::StartRelation => match self.view.selected_annotation {
                Some(id) => {
                    self.relation_from = Some(id);
                    let name = self.label_of(id).map_or("?".to_owned(), |l| l.name.clone());
                    self.status = self.tr_args("msg-relation-from", &[("label", name.into())]);
                }
                None => self.status = self.tr("msg-select-annotation-first"),
            },
            Command::RelationTarget { head, child } => {
                self.relation_from = None;
                let (Some(h), Some(c)) = (
                    self.label_of(head).map(|l| l.name.clone()),
                    self.label_of(child).map(|l| l.name.clone()),
                ) else {
                    return;
                };
                if head == child {
                    self.fail(self.tr("msg-relation-same"));
                    return;
                }
                let allowed = self
                    .project
                    .as_ref()
                    .map(|p| p.allowed_relations(&h, &c))
                    .transpose();
                match allowed {
                    Ok(Some(types)) if types.is_empty() => self.fail(self.tr_args(
                        "msg-relation-none",
                        &[("head", h.into()), ("child", c.into())],
                    )),
                    Ok(Some(types)) if types.len() == 1 => {
                        let relation = types[0].clone();
                        self.run_command(Command::Apply(Action::AddRelation {
                            id: None,
                            head,
                            child,
                            relation,
                            created_at: None,
                        }));
                    }
                    Ok(Some(types)) => self.windows.relation_choice = Some((head, child, types)),
                    Ok(None) => {}
                    Err(e) => self.fail(e.to_string()),
                }
            }
            Command::EntityFromSelected => {
                let Some(id) = self.view.selected_annotation else {
                    return;
                };
                let Some(cur) = &self.current else { return };
                let Some(a) = cur.annotations.iter().find(|a| a.id == id) else {
                    return;
                };
                let name = cur
                    .index
                    .slice(&cur.document.text, a.range())
                    .trim()
                    .to_owned();
                let kind = self
                    .label_of(id)
                    .map_or_else(String::new, |l| l.name.clone());
                // One user action, one undo step: create the entity and link this mention to it.
                self.run_command(Command::Apply(Action::Batch(vec![
                    Action::CreateEntity {
                        id: None,
                        name: name.clone(),
                        kind,
                        aliases: Vec::new(),
                        created_at: None,
                    },
                    Action::LinkEntity {
                        annotation_id: id,
                        entity_id: Some(crate::model::NEW_ROW),
                    },
                ])));
                if self.error.is_none() {
                    self.status = self.tr_args("msg-entity-created", &[("name", name.into())]);
                }
            }
            Command::JumpToMention(entity) => {
                let mentions = self
                    .project
                    .as_ref()
                    .map(|p| p.mentions(entity))
                    .transpose();
                match mentions {
                    Ok(Some(m)) if !m.is_empty() => {
                        let k = self.mention_cursor.entry(entity).or_insert(0);
                        let (doc, ann) = m[*k % m.len()];
                        *k += 1;
                        self.select_document(doc);
                        self.run_command(Command::SelectAnnotation(ann));
                    }
                    Ok(_) => self.status = self.tr("msg-no-mention"),
                    Err(e) => self.fail(e.to_string()),
                }
            }
            Command::OpenEntity(id) => self.open_entity(id),
            Command::CloseEntity => self.entity_panel.open = None,
            Command::OpenMention {
                document_id,
                annotation_id,
            } => self.open_mention(document_id, annotation_id),
            Command::SetAnnotator(name) => {
                let name = name.trim().to_owned();
                if name.is_empty() {
                    self.status = self.tr("msg-annotator-empty");
                    return;
                }
                self.settings.annotator = Some(name.clone());
                self.windows.annotator_edit = name.clone();
                if let Some(p) = &mut self.project {
                    p.set_actor(name.clone());
                }
                if let Some(path) = &self.settings_file
                    && let Err(e) = self.settings.save(path)
                {
                    let msg = settings_not_saved(&self.locale, &e, path);
                    self.fail(msg);
                    return;
                }
                self.status = self.tr_args("msg-recorded-as", &[("name", name.into())]);
            }
            Command::SetKeepEdgeSpaces(keep) => {
                self.settings.keep_edge_spaces = keep;
                if let Some(path) = &self.settings_file
                    && let Err(e) = self.settings.save(path)
                {
                    let msg = settings_not_saved(&self.locale, &e, path);
                    self.fail(msg);
                    return;
                }
                self.status = self.tr(if keep {
                    "msg-keep-spaces-on"
                } else {
                    "msg-keep-spaces-off"
                });
            }
            Command::Apply(action) => self.apply(action, Step::Do),
            search @ (Command::OpenSearch { .. }
            | Command::CloseSearch
            | Command::Search
            | Command::StepMatch(_)
            | Command::OpenMatch { .. }
            | Command::PreviewLabelAll(_)
            | Command::SetPreviewLabel(_)
            | Command::TickPreview { .. }
            | Command::ApplyLabelAll
            | Command::CloseLabelAll) => self.run_search_command(search),
            suggestion @ (Command::ChooseGazetteer
            | Command::ApplyGazetteer(_)
            | Command::SelectSuggestion(_)
            | Command::AcceptSuggestions(_)
            | Command::RejectSuggestions(_)) => self.run_suggestion_command(suggestion),
            curation @ (Command::ToggleCuration
            | Command::SetLaneShown { .. }
            | Command::SelectLaneSpan(_)
            | Command::EditLaneSpan(_)) => self.run_curation_command(curation),
            Command::Quit => {} // needs the egui context: handled by `run_queue`
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
        let subject = match step {
            Step::Undo => self.history.undo_subject().cloned(),
            _ => None,
        };
        let tag = match step {
            Step::Do => None,
            Step::Undo => Some("undo"),
            Step::Redo => Some("redo"),
        };
        let Some(p) = &mut self.project else { return };
        match p.apply_tagged(&action, tag) {
            Ok(applied) => {
                match step {
                    Step::Do => self.history.push(action.clone(), applied.inverse.clone()),
                    Step::Undo => self.history.undone(applied.inverse.clone()),
                    Step::Redo => self.history.redone(applied.inverse.clone()),
                }
                // Edits of an annotation's details keep the selection (the user may already have
                // clicked elsewhere); changes to spans select the span they touched.
                let keeps_selection = matches!(
                    action,
                    Action::SetAnnotationNote { .. }
                        | Action::SetDocumentNote { .. }
                        | Action::SetAttribute { .. }
                        | Action::LinkEntity { .. }
                        | Action::EditEntity { .. }
                        | Action::MergeEntities { .. }
                        | Action::DeleteEntity { .. }
                        | Action::SetStatus { .. }
                        | Action::SetDirection { .. }
                ) && step == Step::Do;
                if !keeps_selection {
                    self.view.clear_selection();
                    self.view.selected_annotation = applied.annotation;
                }
                if let Action::AddLabel { .. } = action {
                    self.windows.new_label = Default::default();
                }
                self.note_edit = None;
                self.doc_note_edit = None;
                let l = &self.locale;
                self.status = match (step, subject) {
                    (Step::Do, _) => describe(l, &action),
                    (Step::Undo, Some(done)) => {
                        l.tr_args("msg-undone-what", &[("what", describe(l, &done).into())])
                    }
                    (Step::Undo, None) => l.tr("msg-undone"),
                    (Step::Redo, _) => {
                        l.tr_args("msg-redone-what", &[("what", describe(l, &action).into())])
                    }
                };
                self.error = None;
                self.refresh_lists();
                self.reload_current();
                self.entity_panel_after(&action);
                if let Action::RedecodeDocument { document_id, .. } = &action {
                    let id = *document_id;
                    self.current = None; // its text changed: read it again
                    self.select_document(id);
                }
                if let (
                    Action::LinkEntity {
                        annotation_id,
                        entity_id: Some(e),
                    },
                    Step::Do,
                ) = (&action, step)
                {
                    self.warn_entity_kind(*annotation_id, *e);
                }
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// `action` (adding an annotation), together with setting the document "in progress" when it
    /// is still "to do" and the setting asks for it: one transaction, one undo step.
    fn with_first_annotation_status(&self, action: Action) -> Action {
        match &self.current {
            Some(cur)
                if self.settings.mark_in_progress
                    && cur.document.status == DocumentStatus::Todo =>
            {
                Action::Batch(vec![
                    action,
                    Action::SetStatus {
                        document_id: cur.document.id,
                        status: DocumentStatus::InProgress,
                    },
                ])
            }
            _ => action,
        }
    }

    /// The next (`forward`) or previous annotation of the shown document after the selected one,
    /// in order of start, wrapping around; the first (or last) when none is selected.
    fn step_annotation(&self, forward: bool) -> Option<AnnotationId> {
        let list = &self.current.as_ref()?.annotations;
        let n = list.len();
        if n == 0 {
            return None;
        }
        let here = self
            .view
            .selected_annotation
            .and_then(|id| list.iter().position(|a| a.id == id));
        let next = match (here, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        Some(list[next].id)
    }

    /// Closes the topmost open window, if any (Esc). Returns whether one was open.
    fn close_a_window(&mut self) -> bool {
        let w = &mut self.windows;
        if w.confirm_delete_label.take().is_some()
            || w.relation_choice.take().is_some()
            || self.search.preview.take().is_some()
            || self.entity_panel.open.take().is_some()
        {
            return true;
        }
        // The export window, unless an export is running (its window stays until it ends).
        if self.export.as_ref().is_some_and(|d| d.running.is_none()) {
            self.export = None;
            return true;
        }
        let w = &mut self.windows;
        if w.shortcuts {
            w.shortcuts = false;
            return true;
        }
        if w.settings {
            w.settings = false;
            return true;
        }
        false
    }

    /// Says so when a mention is linked to an entity of another type.
    fn warn_entity_kind(&mut self, annotation: AnnotationId, entity: EntityId) {
        let label = self.label_of(annotation).map(|l| l.name.clone());
        let kind = self
            .entities
            .iter()
            .find(|x| x.id == entity)
            .map(|x| x.kind.clone());
        if let (Some(label), Some(kind)) = (label, kind)
            && label != kind
        {
            self.status = self.tr_args(
                "msg-linked-kind",
                &[("kind", kind.into()), ("label", label.into())],
            );
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if self.windows.ask_name.is_some() && self.passphrase.is_none() {
            return; // the first-run question has the keyboard
        }
        let mut cmds = Vec::new();
        let mut escape = false;
        self.reading_keys(ctx);
        let tab_free = !Self::control_has_focus(ctx);
        ctx.input_mut(|i| {
            if shortcuts::pressed(i, Act::Settings) {
                self.windows.settings = !self.windows.settings;
            }
            if shortcuts::pressed(i, Act::Quit) {
                cmds.push(Command::Quit);
            }
            escape = i.key_pressed(Key::Escape);
        });
        // Esc closes a window first (even from one of its text fields), then clears.
        if escape && self.close_a_window() {
            ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
        }
        self.search_keys(ctx);
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        self.suggestion_keys(ctx);
        ctx.input_mut(|i| {
            // Most modifiers first: Ctrl+Z would also take Ctrl+Shift+Z.
            for (act, command) in [
                (Act::Redo, Command::Redo),
                (Act::Undo, Command::Undo),
                (Act::OpenProject, Command::ChooseProject),
                (Act::OpenFolder, Command::ChooseFolder),
                (Act::SaveCopy, Command::ChooseSaveCopy),
                (Act::Export, Command::ChooseExport),
                (Act::ImportAnnotations, Command::ChooseAnnotations),
                (Act::ApplyGazetteer, Command::ChooseGazetteer),
                (Act::PreviousDocument, Command::StepDocument(-1)),
                (Act::NextDocument, Command::StepDocument(1)),
                (Act::Delete, Command::DeleteSelected),
                (Act::StartRelation, Command::StartRelation),
                (Act::Curation, Command::ToggleCuration),
            ] {
                if shortcuts::pressed(i, act) {
                    cmds.push(command);
                }
            }
            // Tab / Shift+Tab step through the annotations while no control has the focus (F6
            // gives it to the controls, where Tab moves it on).
            let back = tab_free && i.consume_key(Modifiers::SHIFT, Key::Tab);
            let on = tab_free && !back && i.consume_key(Modifiers::NONE, Key::Tab);
            if (back || on)
                && let Some(id) = self.step_annotation(on)
            {
                cmds.push(Command::SelectAnnotation(id));
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                if self.relation_from.take().is_some() {
                    self.status = self.locale.tr("msg-relation-cancelled");
                } else {
                    self.view.clear_selection();
                    self.view.selected_annotation = None;
                    self.status.clear();
                }
            }
            for label in &self.labels {
                if let Some(key) = label.key.and_then(|k| Key::from_name(&k.to_string()))
                    && i.consume_key(Modifiers::NONE, key)
                {
                    cmds.push(Command::UseLabel(label.name.clone()));
                }
            }
        });
        if cmds
            .iter()
            .any(|c| matches!(c, Command::SelectAnnotation(_)))
        {
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
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
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
        }
        let ctx = ui.ctx().clone();
        if let Some((lang, digits)) = self.pending_locale.take() {
            self.settings.digits = digits;
            self.set_language(lang);
        }
        self.handle_keys(&ctx);
        // Keys act before anything is drawn, so this frame already shows what they did.
        self.run_queue(&ctx);
        self.view.snap_to_words = self.settings.snap_to_words;
        self.apply_reading(&ctx);
        super::bidi_widgets::set_ui_rtl(&ctx, self.locale.is_rtl());
        super::dialogs::set_language(self.locale.lang());
        self.view.locale = Some(self.locale.clone());
        self.menu_bar(ui);
        self.search_bar(ui);
        self.status_bar(ui);
        self.document_list(ui);
        self.search_results(ui);
        self.suggestions_panel(ui);
        if self.current.is_none() {
            self.curation.lanes = None; // no document: no lanes (they are read with it)
        }
        self.curation_panel(ui);
        self.inspector(ui);
        self.central(ui);
        self.windows(&ctx);
        self.agreement_window(&ctx);
        self.passphrase_window(&ctx);
        self.export_window(&ctx);
        self.label_all_window(&ctx);
        self.entity_window(&ctx);
        // Widgets send commands while they are drawn: apply them and draw the frame again (egui
        // runs a second pass at once), so a click too shows its result in its own frame.
        if self.run_queue(&ctx) || self.pending_locale.is_some() {
            ctx.request_discard("a command changed what is shown");
        }
    }

    /// Applies the queued commands; returns whether there were any.
    fn run_queue(&mut self, ctx: &egui::Context) -> bool {
        let cmds = std::mem::take(&mut self.queue);
        let any = !cmds.is_empty();
        for cmd in cmds {
            if cmd == Command::Quit {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                self.run_command(cmd);
            }
        }
        any
    }
}

/// What `action` did, in the interface language (the status bar's message).
fn describe(l: &super::i18n::Locale, action: &Action) -> String {
    use fluent_bundle::FluentValue as V;
    let t = |k: &str, args: &[(&str, V<'_>)]| l.tr_args(k, args);
    match action {
        Action::AddAnnotation {
            start, end, label, ..
        } => t(
            "did-label",
            &[
                ("start", (*start).into()),
                ("end", (*end).into()),
                ("label", label.as_str().into()),
            ],
        ),
        Action::AddAnnotations { spans, label } => t(
            "did-label-many",
            &[("n", spans.len().into()), ("label", label.as_str().into())],
        ),
        Action::DeleteAnnotation { id } => t("did-delete-annotation", &[("id", (*id).into())]),
        Action::RelabelAnnotation { id, label } => t(
            "did-relabel",
            &[("id", (*id).into()), ("label", label.as_str().into())],
        ),
        Action::SetDirection { direction, .. } => {
            let d = match direction {
                crate::text::DirectionSetting::Auto | crate::text::DirectionSetting::AutoRtl => {
                    l.tr("central-direction-auto")
                }
                crate::text::DirectionSetting::Rtl => l.tr("central-direction-rtl"),
                crate::text::DirectionSetting::Ltr => l.tr("central-direction-ltr"),
            };
            t("did-direction", &[("direction", d.into())])
        }
        Action::SetStatus { status, .. } => t(
            "did-status",
            &[("status", super::panels::status_title(l, *status).into())],
        ),
        Action::AddRelation { relation, .. } => t(
            "did-add-relation",
            &[("relation", relation.as_str().into())],
        ),
        Action::SetAttribute {
            name,
            value: Some(v),
            ..
        } => t(
            "did-set-attribute",
            &[("name", name.as_str().into()), ("value", v.as_str().into())],
        ),
        Action::SetAttribute {
            name, value: None, ..
        } => t("did-clear-attribute", &[("name", name.as_str().into())]),
        Action::LinkEntity {
            entity_id: Some(e), ..
        } => t("did-link-entity", &[("id", (*e).into())]),
        Action::RenameLabel { name, .. } => {
            t("did-rename-label", &[("name", name.as_str().into())])
        }
        Action::Batch(actions) => actions
            .iter()
            .map(|a| describe(l, a))
            .collect::<Vec<_>>()
            .join("; "),
        Action::CreateEntity { name, .. } => {
            t("did-create-entity", &[("name", name.as_str().into())])
        }
        Action::EditEntity { name, aliases, .. } => t(
            "did-edit-entity",
            &[("name", name.as_str().into()), ("n", aliases.len().into())],
        ),
        Action::MergeEntities { survivor, merged } => t(
            "did-merge-entities",
            &[
                ("merged", (*merged).into()),
                ("survivor", (*survivor).into()),
            ],
        ),
        Action::SplitEntity { name, .. } => {
            t("did-split-entity", &[("name", name.as_str().into())])
        }
        Action::DeleteEntity { id } => t("did-delete-entity", &[("id", (*id).into())]),
        Action::SetAnnotationNote { .. } => l.tr("did-note"),
        Action::SetDocumentNote { .. } => l.tr("did-document-note"),
        Action::ResizeAnnotation { start, end, .. } => t(
            "did-resize",
            &[("start", (*start).into()), ("end", (*end).into())],
        ),
        Action::DeleteRelation { .. } => l.tr("did-delete-relation"),
        Action::AcceptAgreeing { document_id } => l.tr(if document_id.is_some() {
            "did-accept-agreeing-document"
        } else {
            "did-accept-agreeing-project"
        }),
        Action::AcceptIntoCurated { annotation_id } => t(
            "did-accept-into-curated",
            &[("id", (*annotation_id).into())],
        ),
        Action::LinkEntity {
            entity_id: None, ..
        } => l.tr("did-unlink-entity"),
        other => other.kind().replace('_', " "),
    }
}

impl eframe::App for SanadApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// "Settings not saved (error): path", in the interface's language.
fn settings_not_saved(l: &super::i18n::Locale, error: &str, path: &std::path::Path) -> String {
    let args = [
        ("error", error.into()),
        ("path", path.display().to_string().into()),
    ];
    l.tr_args("msg-settings-not-saved", &args)
}
