//! JSONL export: one line per document, the layout spaCy and Prodigy read.
//!
//! `{"id", "name", "path", "sha256", "text", "offset_unit": "codepoint", "spans": [{"start", "end",
//! "label", "text"}]}`: offsets are Unicode code points (chars) into `text`, end-exclusive, spans
//! sorted by start, so `text[start:end] == span["text"]` in Python. Each span also carries its
//! `attributes`, `entity` and `note`; each document its `relations` (indices into `spans`),
//! `notes` and `status`; with [`ExportOptions::history`], each span its audit trail.

use crate::store::{Project, StoreError};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// The offset unit every span in this export uses.
pub const OFFSET_UNIT: &str = "codepoint";

/// One exported span.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonlSpan {
    /// Start, code point offset.
    pub start: usize,
    /// End, code point offset, exclusive.
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

/// A relation as exported: indices into the document's `spans`.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonlRelation {
    /// Index of the head (source) span.
    pub head: usize,
    /// Index of the child (target) span.
    pub child: usize,
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
    /// Project document id.
    pub id: i64,
    /// File name.
    pub name: String,
    /// Path below the imported folder, `/`-separated (tells apart files of the same name).
    pub path: String,
    /// SHA-256 of the original bytes.
    pub sha256: String,
    /// The document text.
    pub text: String,
    /// Always [`OFFSET_UNIT`].
    pub offset_unit: &'static str,
    /// Spans sorted by start, then end.
    pub spans: Vec<JsonlSpan>,
    /// Relations between spans.
    pub relations: Vec<JsonlRelation>,
    /// The document's note.
    pub notes: String,
    /// `todo`, `in_progress` or `done`.
    pub status: &'static str,
}

/// What to include beyond the spans.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportOptions {
    /// Include each span's audit trail as `history`.
    pub history: bool,
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
}

/// The export record of every document, in document-list order.
///
/// # Errors
/// [`ExportError::Store`].
pub fn documents(
    project: &Project,
    options: ExportOptions,
) -> Result<Vec<JsonlDocument>, ExportError> {
    let labels: HashMap<i64, String> = project
        .labels()?
        .into_iter()
        .map(|l| (l.id, l.name))
        .collect();
    let entities: HashMap<i64, JsonlEntity> = project
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
        .collect();
    let mut out = Vec::new();
    for summary in project.document_summaries()? {
        let doc = project.document(summary.id)?;
        let index = crate::model::CharIndex::new(&doc.text);
        let annotations = project.annotations(doc.id)?;
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
        for a in &annotations {
            let history = if options.history {
                Some(
                    project
                        .annotation_history(a.id)?
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
            spans.push(JsonlSpan {
                start: a.start,
                end: a.end,
                label: labels.get(&a.label_id).cloned().unwrap_or_default(),
                text: index.slice(&doc.text, a.range()).to_owned(),
                attributes: attrs.remove(&a.id).unwrap_or_default(),
                entity: a.entity_id.and_then(|e| entities.get(&e).cloned()),
                note: a.note.clone(),
                history,
            });
        }
        let relations = project
            .relations(doc.id)?
            .into_iter()
            .filter_map(|r| {
                Some(JsonlRelation {
                    head: *position.get(&r.head)?,
                    child: *position.get(&r.child)?,
                    label: r.relation,
                })
            })
            .collect();
        out.push(JsonlDocument {
            id: doc.id,
            name: doc.name,
            path: doc.rel_path,
            sha256: doc.sha256,
            text: doc.text,
            offset_unit: OFFSET_UNIT,
            spans,
            relations,
            notes: doc.note,
            status: doc.status.as_str(),
        });
    }
    Ok(out)
}

/// Writes the whole project as JSONL to `out`; returns the number of documents written.
///
/// # Errors
/// [`ExportError`].
pub fn write_jsonl(
    project: &Project,
    options: ExportOptions,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let docs = documents(project, options)?;
    for d in &docs {
        serde_json::to_writer(&mut *out, d)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(docs.len())
}

/// Writes the JSONL export to `path` through a temporary file in the same folder, so a failed
/// export never leaves a half-written file. Returns the number of documents.
///
/// # Errors
/// Export and I/O errors.
pub fn write_jsonl_file(
    project: &Project,
    options: ExportOptions,
    path: &std::path::Path,
) -> Result<usize, ExportError> {
    let tmp = path.with_extension("jsonl.partial");
    let result = (|| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        let n = write_jsonl(project, options, &mut file)?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        Ok(n)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
