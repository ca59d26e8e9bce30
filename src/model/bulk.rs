//! An annotation import as one action: everything a reconciled import adds to a project (scheme
//! additions, documents, entities, annotations with their notes and attributes, relations,
//! document notes and statuses, or, imported `--as-suggestions`, suggestions instead of
//! annotations), applied as one transaction and undone as one step.
//!
//! Offsets are chars (Unicode scalar values) into the document text, end-exclusive. Rows refer
//! to each other by index into the batch ([`DocRef::New`], [`AnnRef::New`]) or by the id of a row
//! already in the project (`Existing`). Ids are `None` on a first import; the store fills them in
//! and keeps the filled-in batch in the undo action, so a redo brings back the same ids.

use super::{
    AnnotationId, DocumentId, DocumentStatus, EntityId, LabelId, RelationId, SuggestionId,
};
use serde::{Deserialize, Serialize};

/// A document an imported row belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocRef {
    /// A document already in the project.
    Existing(DocumentId),
    /// The document at this index of [`ImportBatch::documents`].
    New(usize),
}

/// An annotation an imported relation or attribute refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AnnRef {
    /// An annotation already in the project (an imported span merged with it).
    Existing(AnnotationId),
    /// The annotation at this index of [`ImportBatch::annotations`].
    New(usize),
}

/// A label the import adds to the scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchLabel {
    /// Row id (filled in by the store).
    pub id: Option<LabelId>,
    /// Name (unique, ignoring case).
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    /// What it is for (e.g. where it came from).
    pub description: String,
}

/// A label of the project the import renames to the source's spelling (`ORGANIZATION` →
/// `Organization`), done only while the project holds no annotations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchLabelRename {
    /// The label.
    pub id: LabelId,
    /// Its name before.
    pub from: String,
    /// Its name after (the same ignoring case).
    pub to: String,
}

/// An attribute definition the import adds to a label, or values it adds to one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchAttributeDef {
    /// The label name.
    pub label: String,
    /// Attribute name.
    pub name: String,
    /// Allowed values after the import (those before, then the new ones).
    pub values: Vec<String>,
    /// Allowed values before (JSON array as stored), `None` when the definition is new; filled in
    /// by the store for undo.
    pub before: Option<String>,
    /// Row id of a definition the import created (filled in by the store; kept for redo).
    pub id: Option<i64>,
}

/// A relation type the import adds, or argument labels it allows in an existing one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRelationType {
    /// Relation type name.
    pub name: String,
    /// Labels added as heads.
    pub head: Vec<String>,
    /// Labels added as children.
    pub child: Vec<String>,
    /// What it means.
    pub description: String,
    /// Row id when the import created the type (filled in by the store); `None` for an existing
    /// type whose arguments were widened.
    pub created: Option<i64>,
}

/// A document the import creates, with its text taken from the annotation file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchDocument {
    /// Row id: asked for (e.g. the id in a Sanad export) or filled in by the store.
    pub id: Option<DocumentId>,
    /// File name shown in the list.
    pub name: String,
    /// Path, unique in the project (the store refuses a taken one).
    pub rel_path: String,
    /// The text.
    pub text: String,
    /// SHA-256 of the original bytes (of the text as UTF-8 when there were no other bytes).
    pub sha256: String,
    /// encoding_rs name of the encoding the text was decoded from.
    pub encoding: String,
    /// Size of the original bytes.
    pub byte_len: usize,
    /// Did the original bytes start with a BOM?
    pub bom: bool,
    /// Was the encoding a low-confidence guess?
    pub encoding_guessed: bool,
}

/// A project-wide entity the import creates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchEntity {
    /// Row id: asked for or filled in by the store.
    pub id: Option<EntityId>,
    /// Canonical name.
    pub name: String,
    /// Type.
    pub kind: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Creation time, RFC 3339 (filled in by the store; kept for redo).
    pub created_at: Option<String>,
}

/// An entity a span links to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntityRef {
    /// One already in the project.
    Existing(EntityId),
    /// The entity at this index of [`ImportBatch::entities`].
    New(usize),
}

/// An imported span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchAnnotation {
    /// Row id (filled in by the store).
    pub id: Option<AnnotationId>,
    /// Its document.
    pub document: DocRef,
    /// Start, char offset.
    pub start: usize,
    /// End, char offset, exclusive.
    pub end: usize,
    /// Label name (in the project's scheme, or added by this batch).
    pub label: String,
    /// Note ("" when none).
    pub note: String,
    /// Linked entity.
    pub entity: Option<EntityRef>,
    /// Creation time, RFC 3339 (filled in by the store; kept for redo).
    pub created_at: Option<String>,
    /// Whose layer it goes to (a merge of annotators' projects keeps each one's); `None` gives
    /// the importing actor's. Filled in by the store; kept for redo.
    #[serde(default)]
    pub annotator: Option<String>,
}

/// An attribute value the import sets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchAttribute {
    /// The annotation.
    pub annotation: AnnRef,
    /// Attribute name.
    pub name: String,
    /// Value.
    pub value: String,
}

/// An imported relation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRelation {
    /// Row id (filled in by the store).
    pub id: Option<RelationId>,
    /// Head (source).
    pub head: AnnRef,
    /// Child (target).
    pub child: AnnRef,
    /// Relation type name.
    pub relation: String,
    /// Creation time, RFC 3339 (filled in by the store; kept for redo).
    pub created_at: Option<String>,
}

/// A document note or status the import sets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchDocumentUpdate {
    /// The document.
    pub document: DocRef,
    /// New note, if any.
    pub note: Option<String>,
    /// New status, if any.
    pub status: Option<DocumentStatus>,
    /// (note, status) before, filled in by the store for undo.
    pub before: Option<(String, DocumentStatus)>,
}

/// A span an import brings in as a suggestion to accept or reject (`--as-suggestions`), not as
/// an annotation. Offsets are chars, end-exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchImportSuggestion {
    /// Row id (filled in by the store; kept for redo).
    pub id: Option<SuggestionId>,
    /// Its document.
    pub document: DocRef,
    /// Start, char offset.
    pub start: usize,
    /// End, char offset, exclusive.
    pub end: usize,
    /// Label name (in the project's scheme, or added by this batch).
    pub label: String,
    /// The text it covers (the suggestion's name, for "accept all for this name").
    pub name: String,
    /// An entity already in the project it would link to when accepted.
    pub entity_id: Option<EntityId>,
    /// Where it came from (`import:doccano`, or the model named with `--source`).
    pub source: String,
    /// Creation time, RFC 3339 (filled in by the store; kept for redo).
    pub created_at: Option<String>,
}

/// Everything one import adds. See the module docs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportBatch {
    /// Where it came from, in words (format and path), for the audit log.
    pub source: String,
    /// Labels of the project renamed to the source's spelling (applied first).
    #[serde(default)]
    pub label_renames: Vec<BatchLabelRename>,
    /// Labels added to the scheme.
    pub labels: Vec<BatchLabel>,
    /// Attribute definitions added or widened.
    pub attribute_defs: Vec<BatchAttributeDef>,
    /// Relation types added or widened.
    pub relation_types: Vec<BatchRelationType>,
    /// Documents created.
    pub documents: Vec<BatchDocument>,
    /// Entities created.
    pub entities: Vec<BatchEntity>,
    /// Spans.
    pub annotations: Vec<BatchAnnotation>,
    /// Attribute values.
    pub attributes: Vec<BatchAttribute>,
    /// Relations.
    pub relations: Vec<BatchRelation>,
    /// Document notes and statuses.
    pub document_updates: Vec<BatchDocumentUpdate>,
    /// Spans brought in as suggestions (`--as-suggestions`), not annotations.
    #[serde(default)]
    pub suggestions: Vec<BatchImportSuggestion>,
}

impl ImportBatch {
    /// Does the batch add nothing at all?
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
            && self.label_renames.is_empty()
            && self.attribute_defs.is_empty()
            && self.relation_types.is_empty()
            && self.documents.is_empty()
            && self.entities.is_empty()
            && self.annotations.is_empty()
            && self.attributes.is_empty()
            && self.relations.is_empty()
            && self.document_updates.is_empty()
            && self.suggestions.is_empty()
    }
}
