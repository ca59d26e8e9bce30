//! The annotation model: documents, labels, annotations (spans), and the actions that change them.
//!
//! Spans are char offsets (Unicode scalar values) into the document's stored text, end-exclusive.

pub mod action;
pub mod scheme;

pub use action::{Action, Applied};
pub use scheme::{LabelDef, LabelScheme};

use std::ops::Range;

/// Row id of a document in the project.
pub type DocumentId = i64;
/// Row id of an annotation in the project.
pub type AnnotationId = i64;
/// Row id of a label in the project.
pub type LabelId = i64;

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
}

/// The text of `range` (char offsets) in `text`; out-of-range parts are cut off.
pub fn slice_chars(text: &str, range: Range<usize>) -> String {
    text.chars().skip(range.start).take(range.end.saturating_sub(range.start)).collect()
}
