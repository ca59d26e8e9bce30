//! Suggestions: spans a gazetteer (a list of known names) proposes, kept apart from annotations
//! until a person accepts (they become annotations) or rejects them (they are removed and
//! remembered, so applying the list again does not bring them back).
//!
//! Offsets are chars (Unicode scalar values) into the document text, end-exclusive.

use super::{DocumentId, EntityId};
use serde::{Deserialize, Serialize};

/// Row id of a suggestion in the project.
pub type SuggestionId = i64;

/// A suggestion as stored.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Suggestion {
    /// Row id.
    pub id: SuggestionId,
    /// The document.
    pub document_id: DocumentId,
    /// Start char offset.
    pub start: usize,
    /// End char offset, exclusive.
    pub end: usize,
    /// Label name (follows label renames).
    pub label: String,
    /// The entity an accepted suggestion links to, if it still exists.
    pub entity_id: Option<EntityId>,
    /// The gazetteer entry's entity name (for lists, and "accept all for this name").
    pub name: String,
    /// The gazetteer it came from (its file name).
    pub source: String,
    /// Creation time, RFC 3339 UTC.
    pub created_at: String,
}

impl Suggestion {
    /// The span as a char range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// An entity a gazetteer creates or extends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GazetteerEntity {
    /// The existing entity it extends, or the row id of the one it creates (filled in by the
    /// store; kept for redo).
    pub id: Option<EntityId>,
    /// Does the batch create it (`true`) or extend one already in the project (`false`)?
    pub new: bool,
    /// Canonical name.
    pub name: String,
    /// Type: the label name.
    pub kind: String,
    /// Names (any script) to add to its aliases.
    pub aliases_added: Vec<String>,
    /// Its aliases before the batch, for an existing entity (filled in by the store for undo).
    pub aliases_before: Option<Vec<String>>,
    /// Creation time of a new entity, RFC 3339 (filled in by the store; kept for redo).
    pub created_at: Option<String>,
}

/// A suggestion a gazetteer makes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSuggestion {
    /// Row id (filled in by the store; kept for redo).
    pub id: Option<SuggestionId>,
    /// The document.
    pub document_id: DocumentId,
    /// Start char offset.
    pub start: usize,
    /// End char offset, exclusive.
    pub end: usize,
    /// Label name.
    pub label: String,
    /// Index into [`GazetteerBatch::entities`].
    pub entity: usize,
}

/// Everything applying a gazetteer adds: entities created or extended, and suggestions. One
/// action, one transaction, one undo step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GazetteerBatch {
    /// The gazetteer's name (its file name), stored on each suggestion.
    pub source: String,
    /// Entities.
    pub entities: Vec<GazetteerEntity>,
    /// Suggestions.
    pub suggestions: Vec<BatchSuggestion>,
    /// Creation time of the suggestions, RFC 3339 (filled in by the store; kept for redo).
    pub created_at: Option<String>,
}
