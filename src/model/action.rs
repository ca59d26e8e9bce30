//! User actions: the only way the UI changes a project. Each is applied as one SQLite transaction
//! by [`crate::store::Project::apply`], which records it in the audit log and returns its inverse
//! for undo.

use super::suggestion::{GazetteerBatch, Suggestion, SuggestionId};
use super::{AnnotationId, DocumentId, EntityId, LabelId, RelationId};
use crate::text::DirectionSetting;
use serde::{Deserialize, Serialize};

/// Where a document is in the annotation work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Not started.
    #[default]
    Todo,
    /// Started.
    InProgress,
    /// Finished.
    Done,
}

impl DocumentStatus {
    /// All statuses in workflow order.
    pub const ALL: [DocumentStatus; 3] = [Self::Todo, Self::InProgress, Self::Done];

    /// The name stored in the project and the export: `todo`, `in_progress`, `done`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Todo => "todo",
            Self::InProgress => "in_progress",
            Self::Done => "done",
        }
    }

    /// Words for the UI.
    pub fn title(self) -> &'static str {
        match self {
            Self::Todo => "To do",
            Self::InProgress => "In progress",
            Self::Done => "Done",
        }
    }

    /// Parses [`Self::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// A relation row as stored: for snapshots.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationRow {
    /// Row id.
    pub id: RelationId,
    /// Source annotation.
    pub head: AnnotationId,
    /// Target annotation.
    pub child: AnnotationId,
    /// Relation type name.
    pub relation: String,
    /// Creation time, RFC 3339.
    pub created_at: String,
}

/// Everything an annotation holds, so a delete can be undone exactly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnotationSnapshot {
    /// Row id (restored as is).
    pub id: AnnotationId,
    /// The document.
    pub document_id: DocumentId,
    /// Start char offset.
    pub start: usize,
    /// End char offset, exclusive.
    pub end: usize,
    /// Label row id.
    pub label_id: LabelId,
    /// Creation time, RFC 3339.
    pub created_at: String,
    /// Free-text note.
    pub note: String,
    /// Linked entity, if any.
    pub entity_id: Option<EntityId>,
    /// Attribute values, (name, value), sorted by name.
    pub attributes: Vec<(String, String)>,
    /// Relations in which it is head or child.
    pub relations: Vec<RelationRow>,
    /// Who made it (its layer, see `crate::store::team`); `""` when unknown.
    #[serde(default)]
    pub annotator: String,
}

/// A label with its attribute definitions and relation-argument memberships, for undoing its
/// deletion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSnapshot {
    /// Row id.
    pub id: LabelId,
    /// Name.
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    /// Shortcut key.
    pub key: Option<String>,
    /// Description.
    pub description: String,
    /// Palette position.
    pub position: i64,
    /// Attribute definitions: (row id, name, allowed values as JSON, position).
    pub attributes: Vec<(i64, String, String, i64)>,
    /// Relation-type argument slots it fills: (relation type id, role).
    pub relation_args: Vec<(i64, String)>,
    /// Its annotations.
    pub annotations: Vec<AnnotationSnapshot>,
}

/// A change a user makes. Offsets are chars into the document text, end-exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Label the span `[start, end)` of a document.
    AddAnnotation {
        /// Row id to use; `None` lets the store pick one.
        id: Option<AnnotationId>,
        /// The document.
        document_id: DocumentId,
        /// Start char offset.
        start: usize,
        /// End char offset, exclusive.
        end: usize,
        /// Label name.
        label: String,
    },
    /// Remove an annotation with its attributes, note, entity link and relations.
    DeleteAnnotation {
        /// The annotation.
        id: AnnotationId,
    },
    /// Put back a deleted annotation exactly as it was (undo of a delete).
    RestoreAnnotation(Box<AnnotationSnapshot>),
    /// Give an annotation another label (its attributes that the new label does not declare are kept).
    RelabelAnnotation {
        /// The annotation.
        id: AnnotationId,
        /// New label name.
        label: String,
    },
    /// Move an annotation's edges.
    ResizeAnnotation {
        /// The annotation.
        id: AnnotationId,
        /// New start char offset.
        start: usize,
        /// New end char offset, exclusive.
        end: usize,
    },
    /// Link two annotations with a typed, directed relation allowed by the scheme.
    AddRelation {
        /// Row id to use; `None` lets the store pick one.
        id: Option<RelationId>,
        /// Source annotation.
        head: AnnotationId,
        /// Target annotation.
        child: AnnotationId,
        /// Relation type name.
        relation: String,
        /// Creation time to restore on redo; `None` for now.
        created_at: Option<String>,
    },
    /// Remove a relation.
    DeleteRelation {
        /// The relation.
        id: RelationId,
    },
    /// Set (or with `None` clear) an attribute of an annotation; the value must be one the scheme allows.
    SetAttribute {
        /// The annotation.
        annotation_id: AnnotationId,
        /// Attribute name.
        name: String,
        /// New value.
        value: Option<String>,
        /// Undo of an earlier change: put the old value back without checking it against the
        /// scheme (the label may have changed since; nothing the user had is refused back).
        #[serde(default)]
        restore: bool,
    },
    /// Replace an annotation's note.
    SetAnnotationNote {
        /// The annotation.
        annotation_id: AnnotationId,
        /// The note.
        note: String,
    },
    /// Replace a document's note.
    SetDocumentNote {
        /// The document.
        document_id: DocumentId,
        /// The note.
        note: String,
    },
    /// Set a document's status.
    SetStatus {
        /// The document.
        document_id: DocumentId,
        /// The status.
        status: DocumentStatus,
    },
    /// Set a document's paragraph direction (auto per paragraph, or forced RTL or LTR).
    SetDirection {
        /// The document.
        document_id: DocumentId,
        /// The new setting.
        direction: DirectionSetting,
    },
    /// Replace the text of a document that has no annotations with another decoding of its
    /// original bytes (e.g. a short file the detector guessed wrong). Refused once the
    /// document has annotations.
    RedecodeDocument {
        /// The document.
        document_id: DocumentId,
        /// encoding_rs name of the encoding, e.g. `windows-1256`.
        encoding: String,
        /// The text decoded from the original bytes with it (BOM stripped).
        text: String,
        /// Is this encoding still a low-confidence guess?
        guessed: bool,
    },
    /// Create a project-wide entity.
    CreateEntity {
        /// Row id to use; `None` lets the store pick one.
        id: Option<EntityId>,
        /// Canonical name.
        name: String,
        /// Its type (usually a label name, e.g. `PERSON`).
        kind: String,
        /// Other names, any script.
        aliases: Vec<String>,
        /// Creation time to restore on redo; `None` for now.
        created_at: Option<String>,
    },
    /// Delete an entity. Its mentions keep their spans and lose the link (one `link_entity`
    /// audit row each, then one `delete_entity` row listing them); the inverse creates the
    /// entity again with its id and links the same mentions back.
    DeleteEntity {
        /// The entity.
        id: EntityId,
    },
    /// Rename an entity, change its type or its aliases: its row's name, kind and aliases are
    /// replaced by these (the inverse puts the old ones back).
    EditEntity {
        /// The entity.
        id: EntityId,
        /// New canonical name (not blank).
        name: String,
        /// New type.
        kind: String,
        /// New aliases, any script (see [`super::entity::with_alias`]).
        aliases: Vec<String>,
    },
    /// Merge `merged` into `survivor`: every mention of `merged` links to `survivor`, which
    /// takes `merged`'s name and aliases as aliases ([`super::entity::combined_aliases`]), and
    /// `merged` is deleted. One action: the inverse creates `merged` again with its id and links
    /// its mentions back.
    MergeEntities {
        /// The entity that stays.
        survivor: EntityId,
        /// The entity that goes.
        merged: EntityId,
    },
    /// Split a mention off its entity: a new entity named `name`, of the old entity's type and
    /// without aliases, is created and the mention is linked to it instead. One action.
    SplitEntity {
        /// The mention (an annotation linked to an entity).
        annotation_id: AnnotationId,
        /// Name of the new entity (not blank).
        name: String,
    },
    /// Link a mention (annotation) to an entity, or unlink it with `None`.
    LinkEntity {
        /// The annotation.
        annotation_id: AnnotationId,
        /// The entity.
        entity_id: Option<EntityId>,
    },
    /// Add a label to the scheme.
    AddLabel {
        /// Row id to use; `None` lets the store pick one.
        id: Option<LabelId>,
        /// Name (unique).
        name: String,
        /// `#rrggbb`.
        color: String,
        /// Shortcut key.
        key: Option<char>,
        /// Description.
        description: String,
    },
    /// Rename a label; its annotations keep it.
    RenameLabel {
        /// The label.
        id: LabelId,
        /// New name (unique).
        name: String,
    },
    /// Recolour a label.
    RecolorLabel {
        /// The label.
        id: LabelId,
        /// `#rrggbb`.
        color: String,
    },
    /// Delete a label and every annotation that has it.
    DeleteLabel {
        /// The label.
        id: LabelId,
    },
    /// Put back a deleted label with its annotations (undo of a delete).
    RestoreLabel(Box<LabelSnapshot>),
    /// Label many spans at once (e.g. every match of a search, "Label all…") as one user
    /// action: one transaction, one undo step. Each span gets its own `add_annotation` audit row
    /// naming it, after one `add_annotations` row listing them all; the inverse deletes them
    /// all. Refused as a whole when any span is invalid or already has this label.
    AddAnnotations {
        /// The spans: (document, start char, end char exclusive).
        spans: Vec<(DocumentId, usize, usize)>,
        /// Label name.
        label: String,
    },
    /// Several actions as one user action: one transaction, one undo step. A later action may
    /// name the row an earlier one created with [`NEW_ROW`].
    Batch(Vec<Action>),
    /// Bring in annotations from another tool (see [`super::bulk`]): one transaction, one undo
    /// step.
    Import(Box<super::bulk::ImportBatch>),
    /// Take back an import: removes every row the batch (with its ids filled in) added and puts
    /// back what it changed. Its inverse is the same [`Action::Import`], ids included.
    RemoveImport(Box<super::bulk::ImportBatch>),
    /// Apply a gazetteer (see [`super::suggestion`]): create or extend its entities and add its
    /// suggestions, one transaction, one undo step. Its inverse is [`Action::RemoveGazetteer`]
    /// with every id filled in.
    ApplyGazetteer(Box<GazetteerBatch>),
    /// Take back an applied gazetteer: removes its suggestions and the entities it created, and
    /// puts back the aliases of those it extended. Its inverse is the same
    /// [`Action::ApplyGazetteer`], ids included.
    RemoveGazetteer(Box<GazetteerBatch>),
    /// Turn suggestions into annotations (linked to their entity when it still exists); a
    /// suggestion whose span already has its label is just removed. Refused as a whole when one
    /// is missing.
    AcceptSuggestions {
        /// The suggestions.
        ids: Vec<SuggestionId>,
    },
    /// Remove suggestions and remember them as rejected, so applying a gazetteer again does not
    /// suggest those spans with those labels.
    RejectSuggestions {
        /// The suggestions.
        ids: Vec<SuggestionId>,
    },
    /// Put suggestions back exactly as they were (undo of an accept or reject); with `unreject`,
    /// also forget that they were rejected.
    RestoreSuggestions {
        /// The rows, ids included.
        rows: Vec<Suggestion>,
        /// Forget their rejection too?
        unreject: bool,
    },
    /// Adjudication: copy every span that all annotators of a document agree on (same start,
    /// end and label in every layer, at least two layers) into the curated layer (annotator
    /// `curator`), for one document or (`None`) the whole project; see
    /// `crate::store::team::accept_agreeing`. Its inverse deletes the spans it added.
    AcceptAgreeing {
        /// The document, or every document.
        document_id: Option<DocumentId>,
    },
    /// Adjudication of one span: copy an annotator's annotation (its document, span and label)
    /// into the curated layer (annotator `curator`); see
    /// `crate::store::curation::accept_into_curated`. Its inverse deletes the copy. Rejecting a
    /// span is not accepting it (or, once accepted, deleting the curated copy).
    AcceptIntoCurated {
        /// The annotator's annotation.
        annotation_id: AnnotationId,
    },
    /// Remove suggestions without remembering a rejection (redo of an accept, after its undo).
    DropSuggestions {
        /// The suggestions.
        ids: Vec<SuggestionId>,
    },
}

/// In a [`Action::Batch`], an id field set to this stands for the row the previous action of
/// the batch created.
pub const NEW_ROW: i64 = -1;

impl Action {
    /// The action's name in the audit log.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::AddAnnotation { .. } => "add_annotation",
            Self::AddAnnotations { .. } => "add_annotations",
            Self::DeleteAnnotation { .. } => "delete_annotation",
            Self::RestoreAnnotation(_) => "restore_annotation",
            Self::RelabelAnnotation { .. } => "relabel_annotation",
            Self::ResizeAnnotation { .. } => "resize_annotation",
            Self::AddRelation { .. } => "add_relation",
            Self::DeleteRelation { .. } => "delete_relation",
            Self::SetAttribute { .. } => "set_attribute",
            Self::SetAnnotationNote { .. } => "set_annotation_note",
            Self::SetDocumentNote { .. } => "set_document_note",
            Self::SetStatus { .. } => "set_status",
            Self::SetDirection { .. } => "set_direction",
            Self::RedecodeDocument { .. } => "redecode_document",
            Self::CreateEntity { .. } => "create_entity",
            Self::DeleteEntity { .. } => "delete_entity",
            Self::LinkEntity { .. } => "link_entity",
            Self::EditEntity { .. } => "edit_entity",
            Self::MergeEntities { .. } => "merge_entities",
            Self::SplitEntity { .. } => "split_entity",
            Self::AddLabel { .. } => "add_label",
            Self::RenameLabel { .. } => "rename_label",
            Self::RecolorLabel { .. } => "recolor_label",
            Self::DeleteLabel { .. } => "delete_label",
            Self::RestoreLabel(_) => "restore_label",
            Self::Batch(_) => "batch",
            Self::Import(_) => "import_annotations",
            Self::RemoveImport(_) => "remove_import",
            Self::ApplyGazetteer(_) => "apply_gazetteer",
            Self::RemoveGazetteer(_) => "remove_gazetteer",
            Self::AcceptSuggestions { .. } => "accept_suggestions",
            Self::RejectSuggestions { .. } => "reject_suggestions",
            Self::RestoreSuggestions { .. } => "restore_suggestions",
            Self::DropSuggestions { .. } => "drop_suggestions",
            Self::AcceptAgreeing { .. } => "accept_agreeing",
            Self::AcceptIntoCurated { .. } => "accept_into_curated",
        }
    }

    /// Does this action change the label scheme (so the UI must reload labels)?
    pub fn touches_scheme(&self) -> bool {
        matches!(
            self,
            Self::AddLabel { .. }
                | Self::RenameLabel { .. }
                | Self::RecolorLabel { .. }
                | Self::DeleteLabel { .. }
                | Self::RestoreLabel(_)
                | Self::Import(_)
                | Self::RemoveImport(_)
        )
    }
}

/// The outcome of applying an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The action that undoes it.
    pub inverse: Action,
    /// The annotation it created or changed, if any (to select it in the UI).
    pub annotation: Option<AnnotationId>,
    /// The row id it created (annotation, relation, entity or label), if any.
    pub created: Option<i64>,
}

/// Undo and redo stacks of applied actions.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<(Action, Action)>, // (done, inverse)
    redo: Vec<(Action, Action)>,
}

impl History {
    /// Records an action the user just did; clears the redo stack.
    pub fn push(&mut self, done: Action, inverse: Action) {
        self.undo.push((done, inverse));
        self.redo.clear();
    }

    /// The inverse to apply for undo, if any; call [`Self::undone`] once it has been applied.
    pub fn peek_undo(&self) -> Option<&Action> {
        self.undo.last().map(|(_, inv)| inv)
    }

    /// The action the next undo takes back (as the user did it), for messages.
    pub fn undo_subject(&self) -> Option<&Action> {
        self.undo.last().map(|(done, _)| done)
    }

    /// The action to re-apply for redo, if any; call [`Self::redone`] once it has been applied.
    pub fn peek_redo(&self) -> Option<&Action> {
        self.redo.last().map(|(done, _)| done)
    }

    /// Moves the top undo entry to the redo stack. `redo_as` is the action that redoes it: the
    /// inverse of the inverse just applied, which restores the same ids.
    pub fn undone(&mut self, redo_as: Action) {
        if let Some((_, inv)) = self.undo.pop() {
            self.redo.push((redo_as, inv));
        }
    }

    /// Moves the top redo entry back to the undo stack, with the inverse the re-application gave.
    pub fn redone(&mut self, inverse: Action) {
        if let Some((done, _)) = self.redo.pop() {
            self.undo.push((done, inverse));
        }
    }

    /// Can anything be undone?
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Can anything be redone?
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (e.g. when another project is opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
