//! JSONL export: one line per document, Sanad's own layout (version [`LAYOUT_VERSION`]).
//!
//! `{"layout_version": 2, "id", "name", "path", "sha256", "text", "offset_unit", "spans":
//! [{"start", "end", "label", "text"}]}`: offsets are into `text`, end-exclusive, in the unit the
//! line names in `offset_unit` ([`ExportOptions::unit`]): `codepoint` by default (Unicode scalar
//! values, so `text[start:end] == span["text"]` in Python), or `utf16` (JavaScript, Java),
//! `utf8` (bytes of `text` as UTF-8) or `grapheme` (UAX #29 extended clusters; a span edge inside
//! a cluster is widened to the whole cluster, with a warning). Spans are sorted by start. Each
//! span also carries its `attributes`, `entity` and `note`; each document its `relations`
//! (`{"head_span", "child_span", "label"}`, **indices into `spans`**: layout 1 called them
//! `head`/`child`, the names Prodigy gives token indices, so a Prodigy reader took them for
//! tokens), `notes` and `status`; with [`ExportOptions::history`], each span its audit trail.
//!
//! Provenance: each line also says how its text relates to the source file (`encoding`, `bom`,
//! `sha256` of the original bytes, `text_sha256` of the text at import); with
//! [`OffsetExtras::Bytes`] each span also gets `byte_start`/`byte_end` into the original file.
//! Problems that do not stop the export (a span with white space at an edge, a text changed
//! since import, byte offsets that cannot be given) are listed in the line's `warnings`.
//! Data that breaks the model's invariants (a span with start ≥ end or past the text, an empty
//! or missing label) fails the export, naming document and annotation, unless
//! [`ExportOptions::skip_invalid`] is set, which leaves such spans out with a warning.
//!
//! Gazetteer suggestions are not annotations and are never among `spans`; with
//! [`ExportOptions::suggestions`] (`--include-suggestions`) each line also gets `suggestions`:
//! `[{"start", "end", "label", "text", "entity", "name", "source", "status": "suggested"}]`,
//! code points like the spans, sorted by start.
//!
//! Lines are JSON with U+2028, U+2029 and U+0085 written as `\u` escapes, so readers that split
//! on any Unicode line break (Python's `str.splitlines()`) still see one record per line.

use crate::store::{Project, StoreError};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// The offset unit of spans by default.
pub const OFFSET_UNIT: &str = "codepoint";

/// The version of the line layout, written as `layout_version` on every line. 1 (no field) had
/// relations as `head`/`child`; 2 has `head_span`/`child_span` and `offset_unit` may be other
/// than `codepoint`.
pub const LAYOUT_VERSION: u32 = 2;

/// One exported span.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonlSpan {
    /// The annotation's id in the project (not written; other formats number their spans).
    #[serde(skip)]
    pub id: i64,
    /// Start, code point offset (the document's `offset_unit` once written).
    pub start: usize,
    /// End, code point offset, exclusive (the document's `offset_unit` once written).
    pub end: usize,
    /// Label name.
    pub label: String,
    /// The span's text.
    pub text: String,
    /// Attribute values by name.
    pub attributes: std::collections::BTreeMap<String, String>,
    /// The linked project-wide entity, if any.
    pub entity: Option<JsonlEntity>,
    /// The annotation's note ("" when none).
    pub note: String,
    /// The audit trail of this annotation, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<JsonlHistory>>,
    /// Byte offset of `start` in the original file (BOM included), with [`OffsetExtras::Bytes`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte_start: Option<usize>,
    /// Byte offset of `end` in the original file, exclusive, with [`OffsetExtras::Bytes`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte_end: Option<usize>,
}

/// An entity as exported on a span.
#[derive(Debug, Serialize, PartialEq, Eq, Clone)]
pub struct JsonlEntity {
    /// Project entity id (the same for every mention of it, across documents).
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Other names.
    pub aliases: Vec<String>,
}

/// A suggestion as exported (only with [`ExportOptions::suggestions`]).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonlSuggestion {
    /// Start, code point offset.
    pub start: usize,
    /// End, code point offset, exclusive.
    pub end: usize,
    /// Label name.
    pub label: String,
    /// The span's text.
    pub text: String,
    /// The entity it would link to, if it exists.
    pub entity: Option<JsonlEntity>,
    /// The gazetteer entry's entity name.
    pub name: String,
    /// The gazetteer it came from.
    pub source: String,
    /// Always `suggested`: not an annotation until someone accepts it.
    pub status: &'static str,
}

/// A relation as exported: indices into the document's `spans`.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonlRelation {
    /// Index of the head (source) span in the document's `spans`.
    pub head_span: usize,
    /// Index of the child (target) span in the document's `spans`.
    pub child_span: usize,
    /// Relation type.
    pub label: String,
}

/// One audit row as exported.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonlHistory {
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who.
    pub annotator: String,
    /// What kind of change.
    pub action: String,
    /// Values before (JSON), if any.
    pub before: Option<serde_json::Value>,
    /// Values after (JSON), if any.
    pub after: Option<serde_json::Value>,
}

/// One exported document (one line).
#[derive(Debug, Serialize)]
pub struct JsonlDocument {
    /// Always [`LAYOUT_VERSION`].
    pub layout_version: u32,
    /// Project document id.
    pub id: i64,
    /// File name.
    pub name: String,
    /// Path below the imported folder, `/`-separated (tells apart files of the same name).
    pub path: String,
    /// SHA-256 of the original bytes.
    pub sha256: String,
    /// The encoding the original bytes were decoded from (encoding_rs name).
    pub encoding: String,
    /// Did the original file start with a byte-order mark (not part of `text`)?
    pub bom: bool,
    /// SHA-256 of `text` (UTF-8) as imported.
    pub text_sha256: String,
    /// The document text.
    pub text: String,
    /// The unit of `start`/`end`: `codepoint` ([`OFFSET_UNIT`]), `utf16`, `utf8` or `grapheme`.
    pub offset_unit: &'static str,
    /// Spans sorted by start, then end.
    pub spans: Vec<JsonlSpan>,
    /// Relations between spans.
    pub relations: Vec<JsonlRelation>,
    /// The document's note.
    pub notes: String,
    /// `todo`, `in_progress` or `done`.
    pub status: &'static str,
    /// What a reader should know about this line (see the module docs); empty when all is well.
    pub warnings: Vec<String>,
    /// Gazetteer suggestions not yet accepted, with [`ExportOptions::suggestions`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<Vec<JsonlSuggestion>>,
}

/// Offsets written beside the code point offsets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OffsetExtras {
    /// Code points only.
    #[default]
    None,
    /// Also `byte_start`/`byte_end` into the original file.
    Bytes,
}

/// Which documents an export holds (always in document-list order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every document, in document-list order.
    #[default]
    Project,
    /// Documents whose status is done.
    Done,
    /// One document.
    Document(crate::model::DocumentId),
    /// These documents (ids; an id not in the project is ignored).
    Documents(Vec<crate::model::DocumentId>),
}

impl Scope {
    /// Does the scope take the document `summary`?
    pub fn includes(&self, summary: &crate::model::DocumentSummary) -> bool {
        match self {
            Self::Project => true,
            Self::Done => summary.status == crate::model::DocumentStatus::Done,
            Self::Document(id) => *id == summary.id,
            Self::Documents(ids) => ids.contains(&summary.id),
        }
    }
}

/// What to include beyond the spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Include each span's audit trail as `history`.
    pub history: bool,
    /// Extra offsets per span.
    pub offsets: OffsetExtras,
    /// Leave out spans that break the model's invariants (listed in `warnings`) instead of
    /// failing the export.
    pub skip_invalid: bool,
    /// The unit of the JSONL `start`/`end` (code points by default). Other formats have their
    /// own fixed unit.
    pub unit: crate::interop::OffsetUnit,
    /// Which documents.
    pub scope: Scope,
    /// Also export gazetteer suggestions (marked `"status": "suggested"`, apart from `spans`).
    pub suggestions: bool,
    /// Which annotators' annotations (`--layer`); relations follow their two annotations.
    pub layer: crate::store::team::Layer,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            history: false,
            offsets: OffsetExtras::None,
            skip_invalid: false,
            unit: crate::interop::OffsetUnit::Codepoint,
            scope: Scope::Project,
            suggestions: false,
            layer: crate::store::team::Layer::All,
        }
    }
}

/// A stored span that breaks the model's invariants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidSpan {
    /// Its document's path.
    pub document: String,
    /// The annotation id.
    pub annotation: i64,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for InvalidSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "annotation {} in {}: {}",
            self.annotation, self.document, self.problem
        )
    }
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Documents (lines) written.
    pub documents: usize,
    /// Spans written.
    pub spans: usize,
    /// Every line's warnings, each prefixed with its document's path.
    pub warnings: Vec<String>,
    /// Spans a token-based format could not hold as they are (CoNLL): each widened, split,
    /// left out or overlapping span, one line each.
    pub misaligned: Vec<String>,
    /// What was written (a file, or a folder and the files beside it).
    pub written: Vec<std::path::PathBuf>,
    /// The pseudonyms given, when the export was pseudonymised ([`super::pseudonym`]); not
    /// written anywhere unless the caller writes it ([`super::pseudonym::key::write`]).
    pub pseudonym_key: Option<super::pseudonym::PseudonymKey>,
}

impl ExportSummary {
    /// Counts a document written by a format that holds spans and relations only (doccano,
    /// Label Studio): its spans, a warning naming how many of them carry attributes, notes or
    /// entity links that `format` cannot hold, and the document's own warnings, each prefixed
    /// with its path.
    pub fn add_span_only_document(&mut self, d: &JsonlDocument, format: &str) {
        self.spans += d.spans.len();
        let lost = d
            .spans
            .iter()
            .filter(|s| !s.attributes.is_empty() || !s.note.is_empty() || s.entity.is_some())
            .count();
        if lost > 0 {
            self.warnings.push(format!(
                "{}: {lost} span(s) carry attributes, notes or entity links, which {format} cannot hold (not written)",
                d.path
            ));
        }
        self.warnings
            .extend(d.warnings.iter().map(|w| format!("{}: {w}", d.path)));
    }
}

/// Export errors.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the project failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the output failed.
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    /// Serialising failed.
    #[error("cannot serialise the export: {0}")]
    Json(#[from] serde_json::Error),
    /// Stored data breaks the model's invariants; nothing was written.
    #[error("{} span(s) break the model's rules, so nothing was exported (use --skip-invalid to leave them out): {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<InvalidSpan>),
    /// The target is the open project, or a name SQLite takes for a database's journal.
    #[error("the export would overwrite the project file or a database's journal (names ending -journal, -wal, -shm); choose another file: {}", .0.display())]
    OverProject(std::path::PathBuf),
    /// SQLite's quick check found the project file damaged; nothing was exported.
    #[error("the project file is damaged, so nothing was exported (restore a backup, or a copy taken while Sanad was not writing): {}", .0.join("; "))]
    Damaged(Vec<String>),
    /// The target exists and is not a regular file (a device, a FIFO, a folder).
    #[error("the export target is not a regular file (a device, pipe or folder); choose a file: {}", .0.display())]
    NotAFile(std::path::PathBuf),
    /// The target folder exists, is not empty and was not written by a Sanad export.
    #[error("the export folder exists and holds files Sanad did not write; choose a new or empty folder: {}", .0.display())]
    FolderNotOurs(std::path::PathBuf),
    /// The options do not fit the format.
    #[error("{0}")]
    Options(String),
    /// The export was cancelled; nothing was written.
    #[error("the export was cancelled; nothing was written")]
    Cancelled,
    /// A document's stored text no longer matches `documents.text_sha256` (SHA-256 of its UTF-8
    /// bytes, recorded at import): it was changed outside Sanad. Nothing was exported.
    #[error("the text of document {id} ({rel_path}) no longer matches the hash recorded at import: it was changed outside Sanad, so nothing was exported (`sanad verify` lists every change): {}", .project.display())]
    TextChanged {
        /// The document's id.
        id: i64,
        /// Its path below the imported folder.
        rel_path: String,
        /// The project file.
        project: std::path::PathBuf,
    },
    /// The target is an existing SQLite database (another project?).
    #[error("the export would overwrite a database (another Sanad project?); choose another file: {}", .0.display())]
    OverDatabase(std::path::PathBuf),
}

/// Every entity of the project as exported, by id.
///
/// # Errors
/// [`ExportError::Store`].
pub(crate) fn entity_records(project: &Project) -> Result<HashMap<i64, JsonlEntity>, ExportError> {
    Ok(project
        .entities()?
        .into_iter()
        .map(|e| {
            (
                e.id,
                JsonlEntity {
                    id: e.id,
                    name: e.name,
                    kind: e.kind,
                    aliases: e.aliases,
                },
            )
        })
        .collect())
}

/// Refuses a damaged file (a copy taken while a commit was writing it, say) instead of reading
/// it in part: SQLite's quick check reads every page once. CHECK and NOT NULL failures are rows
/// breaking the model's rules, which every export reports by document and annotation instead.
///
/// # Errors
/// [`ExportError::Damaged`] with SQLite's findings; [`ExportError::Store`].
pub(crate) fn refuse_damaged(project: &Project) -> Result<(), ExportError> {
    let problems: Vec<String> = project
        .quick_check()?
        .into_iter()
        .filter(|p| !p.starts_with("CHECK constraint failed") && !p.starts_with("NULL value in"))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ExportError::Damaged(problems))
    }
}

/// Refuses a document whose stored text was changed outside Sanad: its SHA-256 (of the text's
/// UTF-8 bytes) is not the `text_sha256` recorded at import (issue 14 §4; `sanad verify` checks
/// every document the same way).
///
/// # Errors
/// [`ExportError::TextChanged`] naming the document.
pub(crate) fn refuse_changed_text(
    project: &Project,
    doc: &crate::model::Document,
) -> Result<(), ExportError> {
    if crate::model::sha256_hex(doc.text.as_bytes()) == doc.text_sha256 {
        Ok(())
    } else {
        Err(ExportError::TextChanged {
            id: doc.id,
            rel_path: doc.rel_path.clone(),
            project: project.path().to_owned(),
        })
    }
}

/// What is wrong with a stored span, if anything: empty or reversed, past the text's `len`
/// chars, an unknown label id or a label with an empty name (`labels`: id → name).
pub(crate) fn span_problem(
    a: &crate::model::Annotation,
    labels: &HashMap<i64, String>,
    len: usize,
) -> Option<String> {
    match labels.get(&a.label_id) {
        _ if a.start >= a.end => Some(format!(
            "span [{}, {}) is empty or reversed",
            a.start, a.end
        )),
        _ if a.end > len => Some(format!(
            "span [{}, {}) ends past the text ({len} chars)",
            a.start, a.end
        )),
        None => Some(format!("label id {} does not exist", a.label_id)),
        Some(name) if name.trim().is_empty() => Some("the label has an empty name".to_owned()),
        Some(_) => None,
    }
}

/// The export record of every document, in document-list order.
///
/// # Errors
/// [`ExportError::Store`]; [`ExportError::Invalid`] (all invalid spans of the project at once)
/// unless [`ExportOptions::skip_invalid`].
pub fn documents(
    project: &Project,
    options: ExportOptions,
) -> Result<Vec<JsonlDocument>, ExportError> {
    documents_with(project, &options, &super::progress::Progress::default())
}

/// [`documents`], counting each document read in `progress` and stopping when it is cancelled.
///
/// # Errors
/// As [`documents`]; [`ExportError::Cancelled`].
pub fn documents_with(
    project: &Project,
    options: &ExportOptions,
    progress: &super::progress::Progress,
) -> Result<Vec<JsonlDocument>, ExportError> {
    let labels: HashMap<i64, String> = project
        .labels()?
        .into_iter()
        .map(|l| (l.id, l.name))
        .collect();
    let entities = entity_records(project)?;
    refuse_damaged(project)?;
    let mut out = Vec::new();
    let mut invalid = Vec::new();
    let source_folder = match options.offsets {
        OffsetExtras::Bytes => project.meta("source_folder")?,
        OffsetExtras::None => None,
    };
    let mut histories = if options.history {
        project.annotation_histories()?
    } else {
        HashMap::new()
    };
    let summaries: Vec<_> = project
        .document_summaries()?
        .into_iter()
        .filter(|s| options.scope.includes(s))
        .collect();
    progress.reading(summaries.len());
    for summary in summaries {
        progress.tick()?;
        let doc = project.document(summary.id)?;
        let index = crate::model::CharIndex::new(&doc.text);
        let len = index.char_count();
        let mut warnings = Vec::new();
        refuse_changed_text(project, &doc)?;
        let mut annotations = project.annotations(doc.id)?;
        let mut other_layers = std::collections::HashSet::new();
        if options.layer != crate::store::team::Layer::All {
            let who = project.annotators_of(doc.id)?;
            annotations.retain(|a| {
                let keep = options
                    .layer
                    .includes(who.get(&a.id).map_or("", String::as_str));
                if !keep {
                    other_layers.insert(a.id);
                }
                keep
            });
        }
        annotations.retain(|a| {
            let problem = span_problem(a, &labels, len);
            let Some(problem) = problem else { return true };
            let bad = InvalidSpan {
                document: doc.rel_path.clone(),
                annotation: a.id,
                problem,
            };
            if options.skip_invalid {
                warnings.push(format!("left out {bad}"));
            }
            invalid.push(bad);
            false
        });
        let bytes = match options.offsets {
            OffsetExtras::None => None,
            OffsetExtras::Bytes => {
                let edges: Vec<usize> = annotations.iter().flat_map(|a| [a.start, a.end]).collect();
                if let Some(folder) = &source_folder {
                    let file = crate::corpus::import::source_path(
                        std::path::Path::new(folder),
                        &doc.rel_path,
                    );
                    match std::fs::read(&file) {
                        Ok(bytes) if crate::model::sha256_hex(&bytes) == doc.sha256 => {}
                        Ok(_) => warnings.push(format!(
                            "the file at {} changed since import: byte offsets refer to the imported bytes (sha256 above), not to the file there now",
                            file.display()
                        )),
                        Err(_) => warnings.push(format!(
                            "the source file is no longer at {}: byte offsets refer to the imported bytes (sha256 above)",
                            file.display()
                        )),
                    }
                }
                match super::provenance::byte_offsets(
                    &doc.text,
                    &doc.encoding,
                    doc.bom,
                    &doc.sha256,
                    &edges,
                ) {
                    Ok(found) => Some(found),
                    Err(e) => {
                        warnings.push(format!("no byte offsets: {e}"));
                        None
                    }
                }
            }
        };
        let mut attrs: HashMap<i64, std::collections::BTreeMap<String, String>> = HashMap::new();
        for (a, name, value) in project.document_attributes(doc.id)? {
            attrs.entry(a).or_default().insert(name, value);
        }
        let position: HashMap<i64, usize> = annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        let mut spans = Vec::with_capacity(annotations.len());
        for (i, a) in annotations.iter().enumerate() {
            let history = if options.history {
                Some(
                    histories
                        .remove(&a.id)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|h| JsonlHistory {
                            at: h.at,
                            annotator: h.actor,
                            action: h.action,
                            before: h.before.and_then(|b| serde_json::from_str(&b).ok()),
                            after: h.after.and_then(|b| serde_json::from_str(&b).ok()),
                        })
                        .collect(),
                )
            } else {
                None
            };
            let text = index.slice(&doc.text, a.range()).to_owned();
            let edge = |c: Option<char>| c.is_some_and(crate::model::is_edge_space);
            if edge(text.chars().next()) || edge(text.chars().next_back()) {
                warnings.push(format!(
                    "span {i} [{}, {}) {text:?} has white space or an invisible mark at an edge; spaCy's char_span gives None for it",
                    a.start, a.end
                ));
            }
            spans.push(JsonlSpan {
                id: a.id,
                start: a.start,
                end: a.end,
                label: labels.get(&a.label_id).cloned().unwrap_or_default(),
                text,
                byte_start: bytes.as_ref().map(|b| b[2 * i]),
                byte_end: bytes.as_ref().map(|b| b[2 * i + 1]),
                attributes: attrs.remove(&a.id).unwrap_or_default(),
                entity: a.entity_id.and_then(|e| entities.get(&e).cloned()),
                note: a.note.clone(),
                history,
            });
        }
        let mut relations = Vec::new();
        for r in project.relations(doc.id)? {
            if other_layers.contains(&r.head) || other_layers.contains(&r.child) {
                continue; // not in the exported layer
            }
            match (position.get(&r.head), position.get(&r.child)) {
                (Some(&head), Some(&child)) => relations.push(JsonlRelation {
                    head_span: head,
                    child_span: child,
                    label: r.relation,
                }),
                _ => warnings.push(format!(
                    "left out relation {} ({}): one of its annotations ({} or {}) is not among this document's exported spans",
                    r.id, r.relation, r.head, r.child
                )),
            }
        }
        let suggestions = if options.suggestions {
            let rows = project.suggestions(
                &crate::store::suggestions::SuggestionFilter::Document(doc.id),
            )?;
            Some(
                rows.into_iter()
                    .filter(|s| s.start < s.end && s.end <= len)
                    .map(|s| JsonlSuggestion {
                        text: index.slice(&doc.text, s.range()).to_owned(),
                        start: s.start,
                        end: s.end,
                        label: s.label,
                        entity: s.entity_id.and_then(|e| entities.get(&e).cloned()),
                        name: s.name,
                        source: s.source,
                        status: "suggested",
                    })
                    .collect(),
            )
        } else {
            None
        };
        out.push(JsonlDocument {
            layout_version: LAYOUT_VERSION,
            id: doc.id,
            name: doc.name,
            path: doc.rel_path,
            sha256: doc.sha256,
            encoding: doc.encoding,
            bom: doc.bom,
            text_sha256: doc.text_sha256,
            text: doc.text,
            offset_unit: OFFSET_UNIT,
            spans,
            relations,
            notes: doc.note,
            status: doc.status.as_str(),
            warnings,
            suggestions,
        });
    }
    if !invalid.is_empty() && !options.skip_invalid {
        return Err(ExportError::Invalid(invalid));
    }
    Ok(out)
}

/// Rewrites a document's span offsets (code points, as [`documents`] gives them) into `unit`,
/// sets its `offset_unit`, and warns about graphemes cut (widened to whole clusters).
pub fn in_unit(document: &mut JsonlDocument, unit: crate::interop::OffsetUnit) {
    if unit == crate::interop::OffsetUnit::Codepoint {
        return;
    }
    let index = super::units::UnitIndex::new(&document.text, unit);
    for (i, s) in document.spans.iter_mut().enumerate() {
        let ((a, b), warning) = index.span(s.start, s.end);
        if let Some(w) = warning {
            document.warnings.push(format!("span {i}: {w}"));
        }
        (s.start, s.end) = (a, b);
    }
    for (i, s) in document.suggestions.iter_mut().flatten().enumerate() {
        let ((a, b), warning) = index.span(s.start, s.end);
        if let Some(w) = warning {
            document.warnings.push(format!("suggestion {i}: {w}"));
        }
        (s.start, s.end) = (a, b);
    }
    document.offset_unit = unit.as_str();
}

/// One document as a JSON line (without the line break), with U+2028, U+2029 and U+0085
/// escaped.
///
/// # Errors
/// [`ExportError::Json`].
pub fn to_line(document: &JsonlDocument) -> Result<String, ExportError> {
    Ok(escape_line_breaks(&serde_json::to_string(document)?))
}

/// A JSON text with U+2028, U+2029 and U+0085 written as `\u` escapes (they can only stand
/// inside JSON strings, where the escape means the same), so readers that split on every
/// Unicode line break still see one record per line.
pub fn escape_line_breaks(line: &str) -> String {
    line.replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .replace('\u{85}', "\\u0085")
}

/// Writes the whole project as JSONL to `out`; returns the number of documents written.
///
/// # Errors
/// [`ExportError`].
pub fn write_jsonl(
    project: &Project,
    options: ExportOptions,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    write_jsonl_with(
        project,
        &options,
        &super::progress::Progress::default(),
        out,
    )
}

/// [`write_jsonl`] with progress and cancelling ([`documents_with`]).
///
/// # Errors
/// [`ExportError`].
pub fn write_jsonl_with(
    project: &Project,
    options: &ExportOptions,
    progress: &super::progress::Progress,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let docs = documents_with(project, options, progress)?;
    progress.start_writing();
    write_documents(docs, options, out)
}

/// Writes `docs` ([`documents_with`]'s records, code points) as JSONL to `out`, in
/// `options.unit`.
///
/// # Errors
/// [`ExportError`].
pub fn write_documents(
    mut docs: Vec<JsonlDocument>,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary {
        documents: docs.len(),
        spans: docs.iter().map(|d| d.spans.len()).sum(),
        ..ExportSummary::default()
    };
    for d in &mut docs {
        in_unit(d, options.unit);
        out.write_all(to_line(d)?.as_bytes())?;
        out.write_all(b"\n")?;
        summary
            .warnings
            .extend(d.warnings.iter().map(|w| format!("{}: {w}", d.path)));
    }
    out.flush()?;
    Ok(summary)
}

/// Writes the JSONL export to `path` through a temporary file in the same folder (see
/// [`super::file::write_atomically`]): never over the project or another database, and never a
/// half-written file.
///
/// # Errors
/// Export and I/O errors; [`ExportError::OverProject`], [`ExportError::OverDatabase`].
pub fn write_jsonl_file(
    project: &Project,
    options: ExportOptions,
    path: &std::path::Path,
) -> Result<ExportSummary, ExportError> {
    super::file::write_atomically(path, project.path(), |out| {
        write_jsonl(project, options, out)
    })
}
