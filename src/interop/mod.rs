//! Bringing annotations made elsewhere into a project, without a display.
//!
//! Each format has a reader (one file each) that turns its files into a [`ParsedCorpus`]:
//! documents (text) with spans as **char offsets** (Unicode scalar values, end-exclusive; the
//! format's own unit is converted at this edge, see [`offsets`]), relations between spans, and
//! what it could not read, counted by kind and reason. [`plan`] then reconciles the corpus with
//! a project's scheme and contents (label mapping, documents already there, duplicates) into one
//! [`crate::model::bulk::ImportBatch`], applied as one transaction and one undo step, and a
//! [`report::ImportReport`] per file.

pub mod brat;
pub mod conll;
pub mod detect;
pub mod doccano;
pub mod gazetteer;
pub mod label_studio;
mod mapping;
pub mod offsets;
pub mod plan;
pub mod report;
pub mod sanad_jsonl;
pub mod suggest;
mod target;
pub mod webanno;

pub use detect::{Format, read_path};
pub use offsets::OffsetUnit;
pub use plan::{PlanOptions, plan_import, run_import};
pub use report::ImportReport;

use crate::model::DocumentStatus;
use std::collections::BTreeMap;

/// Why a whole import could not be read or planned.
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    /// A file or folder cannot be read.
    #[error("cannot read ({message}): {path}")]
    Read {
        /// What went wrong.
        message: String,
        /// The path.
        path: String,
    },
    /// The format could not be told from the files.
    #[error(
        "cannot tell the annotation format (no .ann, .jsonl, .json, WebAnno .tsv files found); name it with --format: {path}"
    )]
    UnknownFormat {
        /// The path.
        path: String,
    },
    /// Labels, relation types or attribute values are not in the project's scheme.
    #[error("{0}")]
    Unknown(String),
    /// A `--map` option is malformed or names a target the project lacks.
    #[error("{0}")]
    Options(String),
    /// The project could not be read or written.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// The bytes a document's text was decoded from, as far as the format tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceBytes {
    /// SHA-256 of the original bytes, lowercase hex.
    pub sha256: String,
    /// encoding_rs name.
    pub encoding: String,
    /// Size in bytes.
    pub byte_len: usize,
    /// Did they start with a BOM?
    pub bom: bool,
    /// Was the encoding a low-confidence guess?
    pub guessed: bool,
}

impl SourceBytes {
    /// A text that came as a JSON string (no file of its own): its UTF-8 bytes.
    pub fn of_text(text: &str) -> Self {
        Self {
            sha256: crate::model::sha256_hex(text.as_bytes()),
            encoding: "UTF-8".into(),
            byte_len: text.len(),
            bom: false,
            guessed: false,
        }
    }
}

/// An entity a span links to (Sanad JSONL).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedEntity {
    /// The id in the source (the same for every mention).
    pub id: Option<i64>,
    /// Canonical name.
    pub name: String,
    /// Type.
    pub kind: String,
    /// Other names.
    pub aliases: Vec<String>,
}

/// A span read from a file; offsets already in chars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedSpan {
    /// Start, char offset.
    pub start: usize,
    /// End, char offset, exclusive.
    pub end: usize,
    /// Label as the source names it.
    pub label: String,
    /// Note ("" when none).
    pub note: String,
    /// Attribute (name, value) pairs as the source names them.
    pub attributes: Vec<(String, String)>,
    /// Linked entity.
    pub entity: Option<ParsedEntity>,
    /// Where it stands in the source (`T3`, `line 4`), for messages.
    pub origin: String,
    /// Whose it is, when the source keeps annotators apart (a merge of annotators' projects);
    /// `None` for the importing actor's own layer.
    pub annotator: Option<String>,
}

/// A relation between two spans of one document (indices into its `spans`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedRelation {
    /// Head (source) span index.
    pub head: usize,
    /// Child (target) span index.
    pub child: usize,
    /// Relation type as the source names it.
    pub label: String,
    /// Note on the relation ("" when none).
    pub note: String,
    /// Made by the reader, not in the source (brat fragments): its type is added without asking.
    pub implicit: bool,
}

/// How a note on a relation is kept (Sanad relations hold no note): a line of its head span's
/// note, `[TYPE → «CHILD TEXT»] NOTE`. The brat export writes such a line back as a note on the
/// relation.
pub fn relation_note(relation: &str, child_text: &str, note: &str) -> String {
    format!("{} {note}", relation_note_prefix(relation, child_text))
}

/// The start of a line [`relation_note`] made: `[TYPE → «CHILD TEXT»]`.
pub fn relation_note_prefix(relation: &str, child_text: &str) -> String {
    format!("[{relation} → «{child_text}»]")
}

/// One document read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedDocument {
    /// Name for the document list.
    pub name: String,
    /// Path for a new document (made unique in the project if taken).
    pub rel_path: String,
    /// The text.
    pub text: String,
    /// Provenance of the text.
    pub source: SourceBytes,
    /// A document id to ask for (Sanad JSONL), used when free.
    pub requested_id: Option<i64>,
    /// Spans.
    pub spans: Vec<ParsedSpan>,
    /// Relations.
    pub relations: Vec<ParsedRelation>,
    /// Document note.
    pub note: Option<String>,
    /// Document status.
    pub status: Option<DocumentStatus>,
}

impl ParsedDocument {
    /// A document with `text` and nothing else, its provenance the text's own UTF-8 bytes.
    pub fn new(name: &str, rel_path: &str, text: String) -> Self {
        Self {
            name: name.to_owned(),
            rel_path: rel_path.to_owned(),
            source: SourceBytes::of_text(&text),
            text,
            requested_id: None,
            spans: Vec::new(),
            relations: Vec::new(),
            note: None,
            status: None,
        }
    }
}

/// Things a file held that did not come in, counted by (kind, reason).
pub type NotImported = BTreeMap<(String, String), usize>;

/// Counts one item of `kind` not imported for `reason`.
pub fn not_imported(map: &mut NotImported, kind: &str, reason: impl Into<String>) {
    *map.entry((kind.to_owned(), reason.into())).or_default() += 1;
}

/// What one source file gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedFile {
    /// Path of the annotation file (below the imported folder), for the report.
    pub path: String,
    /// Its documents (one for brat, one per line or task for JSONL and Label Studio).
    pub documents: Vec<ParsedDocument>,
    /// What it held that did not come in.
    pub not_imported: NotImported,
    /// Things a reader should check (offsets that fell inside a character, say).
    pub warnings: Vec<String>,
    /// Set when the file could not be read at all.
    pub error: Option<String>,
}

/// A relation type a source declares (brat `annotation.conf`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRelation {
    /// Type name.
    pub name: String,
    /// Labels its head may have.
    pub head: Vec<String>,
    /// Labels its child may have.
    pub child: Vec<String>,
}

/// An attribute a source declares: its name, the labels it applies to, its values (`["true"]`
/// for a brat binary attribute).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceAttribute {
    /// Attribute name.
    pub name: String,
    /// Labels it applies to.
    pub labels: Vec<String>,
    /// Allowed values.
    pub values: Vec<String>,
}

/// The scheme a source declares (brat `annotation.conf`); what it declares is added to the
/// project's scheme without a mapping option, as a scheme import would.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceScheme {
    /// Where it was read from.
    pub path: Option<String>,
    /// Span labels (entity types, and event types whose triggers are spans).
    pub labels: Vec<String>,
    /// Relation types.
    pub relations: Vec<SourceRelation>,
    /// Attributes.
    pub attributes: Vec<SourceAttribute>,
}

/// Everything read from one import path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedCorpus {
    /// The format read.
    pub format: Format,
    /// Per file.
    pub files: Vec<ParsedFile>,
    /// The scheme the source declares, if any.
    pub scheme: SourceScheme,
    /// Files passed over and why (path, reason).
    pub passed_over: Vec<(String, String)>,
}
