//! Everything the UI can ask for, as one enum: widgets and keys send these, and
//! [`super::app::SanadApp::run_command`] applies them in one place.

use crate::model::{Action, AnnotationId, DocumentId, EntityId, SuggestionId};
use std::path::PathBuf;

/// Everything the UI can ask for. Sent by widgets, applied by [`SanadApp::run_command`].
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Ask for a folder and open it.
    ChooseFolder,
    /// Ask for a project file and open it.
    ChooseProject,
    /// Open the export dialog (format, scope, options).
    ChooseExport,
    /// Export in a format to a file or folder (in the background when the project is a file);
    /// the export dialog shows progress and the summary.
    Export {
        /// The file or folder.
        path: PathBuf,
        /// Format and options.
        request: crate::export::Request,
    },
    /// Import a folder into its project (found by [`project_path_for_folder`]) and open it.
    OpenFolder {
        /// The folder.
        folder: PathBuf,
        /// `--project`, if given.
        project: Option<PathBuf>,
    },
    /// Open a project file (an encrypted one asks for its passphrase first).
    OpenProject(PathBuf),
    /// The passphrase window's OK: open the encrypted project, or encrypt the open one, with
    /// what was typed (it stays in the window's wiped buffer until then, never in a command).
    SubmitPassphrase,
    /// Close the passphrase window (what was typed is wiped).
    CancelPassphrase,
    /// Ask for a passphrase (twice) and encrypt the open project with it.
    ChooseEncryptProject,
    /// Ask for a folder, then a passphrase (twice): a new encrypted project `FOLDER.sanad` into
    /// which the folder is imported (nothing of it is written to the disk in plaintext).
    ChooseNewEncryptedProject,
    /// Write the JSONL export to a file.
    ExportJsonl(PathBuf),
    /// Ask for a path and save a copy (backup) of the project there.
    ChooseSaveCopy,
    /// Save a copy (backup) of the project to this new file.
    SaveCopy(PathBuf),
    /// Keep (`true`) or trim (`false`) white space and invisible marks at a new span's edges.
    SetKeepEdgeSpaces(bool),
    /// Decode the current document's source file again as this encoding (encoding_rs label);
    /// refused when the document has annotations or its file changed.
    Redecode(String),
    /// Ask for a path and write the project's label scheme there as RON.
    ExportScheme,
    /// Ask for a `.ron` scheme and merge it into the project.
    ImportScheme,
    /// Ask for a folder of annotation files (brat, doccano, Label Studio, WebAnno, CoNLL, Sanad
    /// JSONL) and import it.
    ChooseAnnotations,
    /// Import the annotation files at this path into the open project: one transaction, one
    /// undo step; refused with the list when the scheme lacks a label.
    ImportAnnotations(PathBuf),
    /// Ask for an annotator's `.sanad` project and merge it into the open one (File → Merge
    /// projects…).
    ChooseMerge,
    /// Merge the project at this path into the open one (`sanad merge`, see
    /// [`crate::team::merge`]): each annotation in its annotator's layer; one undo step.
    MergeProject(PathBuf),
    /// Import annotations (from now on) as suggestions to accept or reject, not annotations
    /// (`sanad import --as-suggestions`).
    SetImportAsSuggestions(bool),
    /// Import the annotation files at this path, adding what the scheme lacks (`true`) or
    /// leaving out the annotations that need it (`false`): the mapping step after a refusal.
    ImportAnnotationsResolving {
        /// The folder or file.
        path: PathBuf,
        /// Add unknown labels, relation types and attribute values (else leave them out).
        add: bool,
    },
    /// Show a document.
    SelectDocument(DocumentId),
    /// Show the previous (`-1`) or next (`1`) document of the (filtered) list.
    StepDocument(i32),
    /// Select an annotation and scroll to it.
    SelectAnnotation(AnnotationId),
    /// Label the current selection, or relabel the selected annotation, with this label name.
    UseLabel(String),
    /// Delete the selected annotation.
    DeleteSelected,
    /// Start a relation from the selected annotation (then click the target).
    StartRelation,
    /// The target of a started relation was clicked.
    RelationTarget {
        /// Source annotation.
        head: AnnotationId,
        /// Target annotation.
        child: AnnotationId,
    },
    /// Create an entity from the selected annotation's text and link the mention to it.
    EntityFromSelected,
    /// Jump to the next mention of an entity, in any document.
    JumpToMention(EntityId),
    /// Show an entity in the entity panel (its mentions, rename, aliases, merge, split, delete).
    OpenEntity(EntityId),
    /// Close the entity panel.
    CloseEntity,
    /// Open a mention's document and select the mention.
    OpenMention {
        /// The document.
        document_id: DocumentId,
        /// The annotation.
        annotation_id: AnnotationId,
    },
    /// Set and keep the annotator's name.
    SetAnnotator(String),
    /// Apply a model change (one transaction, undoable).
    Apply(Action),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Close the window (quit).
    Quit,
    /// Show the search bar and focus its field: find in the shown document (Ctrl+F) or in every
    /// document (Ctrl+Shift+F). A selection seeds the query.
    OpenSearch {
        /// Search the whole project?
        project: bool,
    },
    /// Hide the search bar.
    CloseSearch,
    /// Run the search bar's query.
    Search,
    /// Select the next (`1`, F3) or previous (`-1`, Shift+F3) match, opening its document.
    StepMatch(i32),
    /// Open a document and select a match in it.
    OpenMatch {
        /// The document.
        document_id: DocumentId,
        /// Start char offset.
        start: usize,
        /// End char offset, exclusive.
        end: usize,
    },
    /// Show the "Label all…" preview of the matches, with this label (default: the selected
    /// annotation's, else the first).
    PreviewLabelAll(Option<String>),
    /// Choose another label in the preview.
    SetPreviewLabel(String),
    /// Tick or untick one row of the preview.
    TickPreview {
        /// Row index.
        row: usize,
        /// Ticked?
        ticked: bool,
    },
    /// Label the ticked rows of the preview: one action, one undo.
    ApplyLabelAll,
    /// Close the preview without labelling.
    CloseLabelAll,
    /// Ask for a gazetteer file (a list of known names) and apply it.
    ChooseGazetteer,
    /// Apply the gazetteer at this path: its entities and suggestions, one action, one undo.
    ApplyGazetteer(PathBuf),
    /// Select a suggestion of the shown document and scroll to it (`None` clears).
    SelectSuggestion(Option<SuggestionId>),
    /// Accept suggestions: each becomes an annotation linked to its entity (one action).
    AcceptSuggestions(SuggestionScope),
    /// Reject suggestions: removed, and not suggested again (one action).
    RejectSuggestions(SuggestionScope),
    /// The curation view on or off (View → Curation).
    ToggleCuration,
    /// Show or hide one annotator's lane in the curation view.
    SetLaneShown {
        /// The annotator.
        annotator: String,
        /// Shown?
        shown: bool,
    },
    /// Select an annotator's span in the curation view (or nothing).
    SelectLaneSpan(Option<AnnotationId>),
    /// Edit an annotator's span: accept it into the curated layer unless it is there, then
    /// select the curated copy.
    EditLaneSpan(AnnotationId),
}

/// Which suggestions an accept or reject takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuggestionScope {
    /// The selected one.
    Selected,
    /// All of the shown document.
    Document,
    /// All for the selected one's name (its entity), in every document.
    Name,
}
