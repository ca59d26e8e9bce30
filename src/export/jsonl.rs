//! JSONL export: one line per document, the layout spaCy and Prodigy read.
//!
//! `{"id", "name", "path", "sha256", "text", "offset_unit": "codepoint", "spans": [{"start", "end",
//! "label", "text"}]}`: offsets are Unicode code points (chars) into `text`, end-exclusive, spans
//! sorted by start, so `text[start:end] == span["text"]` in Python.

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
pub fn documents(project: &Project) -> Result<Vec<JsonlDocument>, ExportError> {
    let labels: HashMap<i64, String> = project.labels()?.into_iter().map(|l| (l.id, l.name)).collect();
    let mut out = Vec::new();
    for summary in project.document_summaries()? {
        let doc = project.document(summary.id)?;
        let index = crate::model::CharIndex::new(&doc.text);
        let spans = project
            .annotations(doc.id)?
            .into_iter()
            .map(|a| JsonlSpan {
                start: a.start,
                end: a.end,
                label: labels.get(&a.label_id).cloned().unwrap_or_default(),
                text: index.slice(&doc.text, a.range()).to_owned(),
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
        });
    }
    Ok(out)
}

/// Writes the whole project as JSONL to `out`; returns the number of documents written.
///
/// # Errors
/// [`ExportError`].
pub fn write_jsonl(project: &Project, out: &mut dyn Write) -> Result<usize, ExportError> {
    let docs = documents(project)?;
    for d in &docs {
        serde_json::to_writer(&mut *out, d)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(docs.len())
}
