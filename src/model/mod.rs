//! The annotation model: documents, labels, annotations (spans), and the actions that change them.
//!
//! Spans are char offsets (Unicode scalar values) into the document's stored text, end-exclusive.

pub mod action;
pub mod bulk;
pub mod entity;
pub mod hash;
pub mod scheme;
pub mod span;
pub mod suggestion;

pub use action::{
    Action, AnnotationSnapshot, Applied, DocumentStatus, History, LabelSnapshot, NEW_ROW,
    RelationRow,
};
pub use hash::sha256_hex;
pub use scheme::{AttributeDef, LabelDef, LabelScheme, RelationDef};
pub use span::{is_edge_space, trim_span};
pub use suggestion::{Suggestion, SuggestionId};

use std::ops::Range;

/// Row id of a document in the project.
pub type DocumentId = i64;
/// Row id of an annotation in the project.
pub type AnnotationId = i64;
/// Row id of a label in the project.
pub type LabelId = i64;
/// Row id of a relation in the project.
pub type RelationId = i64;
/// Row id of an entity in the project.
pub type EntityId = i64;

/// A label as stored in a project.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Row id.
    pub id: LabelId,
    /// Name, e.g. `PRISON`.
    pub name: String,
    /// sRGB colour.
    pub color: [u8; 3],
    /// Shortcut key, if any.
    pub key: Option<char>,
    /// What the label is for.
    pub description: String,
}

/// A labelled span of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// Row id.
    pub id: AnnotationId,
    /// The document it belongs to.
    pub document_id: DocumentId,
    /// Start, char offset into the document text.
    pub start: usize,
    /// End, char offset into the document text, exclusive.
    pub end: usize,
    /// Its label.
    pub label_id: LabelId,
    /// Free-text note ("" when none).
    pub note: String,
    /// The project-wide entity this mention refers to, if linked.
    pub entity_id: Option<EntityId>,
}

impl Annotation {
    /// The span as a char range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A document as stored in a project.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Row id.
    pub id: DocumentId,
    /// File name shown in the list.
    pub name: String,
    /// Path relative to the imported folder, with `/` separators.
    pub rel_path: String,
    /// The text exactly as decoded (BOM stripped, line endings kept).
    pub text: String,
    /// SHA-256 of the original file bytes, lowercase hex.
    pub sha256: String,
    /// The encoding the bytes were decoded from (encoding_rs name, e.g. `UTF-8`, `windows-1256`).
    pub encoding: String,
    /// Import time, RFC 3339 UTC.
    pub imported_at: String,
    /// Paragraph direction setting.
    pub direction: crate::text::DirectionSetting,
    /// Free-text note about the document.
    pub note: String,
    /// Where the document is in the work.
    pub status: DocumentStatus,
    /// Did the source file start with a byte-order mark (stripped from `text`)?
    pub bom: bool,
    /// Was the encoding guessed with low confidence at import?
    pub encoding_guessed: bool,
    /// SHA-256 of `text` as UTF-8 when it was imported, lowercase hex; a document whose text no
    /// longer hashes to it was changed outside Sanad.
    pub text_sha256: String,
}

/// A line of the document list.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentSummary {
    /// Row id.
    pub id: DocumentId,
    /// File name.
    pub name: String,
    /// Path relative to the imported folder.
    pub rel_path: String,
    /// How many annotations the document holds.
    pub annotation_count: usize,
    /// Does the text hold a directional override (U+202D or U+202E)? Such text can display
    /// differently from what it says, so the list flags it.
    pub has_override: bool,
    /// Where the document is in the work.
    pub status: DocumentStatus,
}

/// A relation between two annotations of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// Row id.
    pub id: RelationId,
    /// Source annotation.
    pub head: AnnotationId,
    /// Target annotation.
    pub child: AnnotationId,
    /// Relation type name.
    pub relation: String,
}

/// A project-wide entity that mentions link to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Row id.
    pub id: EntityId,
    /// Canonical name.
    pub name: String,
    /// Type (usually a label name).
    pub kind: String,
    /// Other names, any script.
    pub aliases: Vec<String>,
    /// How many annotations link to it.
    pub mentions: usize,
}

/// One row of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who (the annotator's name).
    pub actor: String,
    /// The action kind, e.g. `set_attribute`.
    pub action: String,
    /// Values before, JSON.
    pub before: Option<String>,
    /// Values after, JSON.
    pub after: Option<String>,
}

/// A sparse char-to-byte index of one text: the byte offset of every 256th char, so slicing by
/// char offsets costs at most 255 steps instead of a walk from the start.
#[derive(Clone, Debug, Default)]
pub struct CharIndex {
    checkpoints: Vec<usize>,
    char_count: usize,
}

const CHAR_INDEX_STEP: usize = 256;

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / CHAR_INDEX_STEP + 1);
        let mut n = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % CHAR_INDEX_STEP == 0 {
                checkpoints.push(b);
            }
            n = i + 1;
        }
        Self {
            checkpoints,
            char_count: n,
        }
    }

    /// Number of chars in the text.
    pub fn char_count(&self) -> usize {
        self.char_count
    }

    /// Byte offset of char `i` in `text` (the text it was built from); `text.len()` past the end.
    pub fn byte_of(&self, text: &str, i: usize) -> usize {
        if i >= self.char_count {
            return text.len();
        }
        let base = self.checkpoints[i / CHAR_INDEX_STEP];
        text[base..]
            .char_indices()
            .nth(i % CHAR_INDEX_STEP)
            .map_or(text.len(), |(b, _)| base + b)
    }

    /// The slice of `text` for `range` (char offsets, clamped to the text).
    pub fn slice<'t>(&self, text: &'t str, range: Range<usize>) -> &'t str {
        let a = self.byte_of(text, range.start);
        let b = self.byte_of(text, range.end.max(range.start));
        &text[a..b]
    }
}

/// The text of `range` (char offsets) in `text`; out-of-range parts are cut off.
pub fn slice_chars(text: &str, range: Range<usize>) -> String {
    text.chars()
        .skip(range.start)
        .take(range.end.saturating_sub(range.start))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_slices_like_chars() {
        let text: String = "سجن صيدنايا 2017 😂 ".repeat(100);
        let idx = CharIndex::new(&text);
        assert_eq!(idx.char_count(), text.chars().count());
        for (a, b) in [
            (0, 3),
            (4, 11),
            (255, 257),
            (256, 600),
            (1700, 1900),
            (1890, 5000),
        ] {
            assert_eq!(idx.slice(&text, a..b), slice_chars(&text, a..b), "{a}..{b}");
        }
    }
}
