//! doccano JSONL export, the relation-extraction layout doccano writes and reads: one line per
//! document, `{"id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
//! "relations": [{"id", "from_id", "to_id", "type"}], "Comments": [note]}`.
//!
//! Offsets are **UTF-16 code units** (doccano's default; its JavaScript front end counts so),
//! end-exclusive. Entity and relation ids are numbered from 1 across the file. Attributes, notes
//! on spans and entity links have no place in doccano and are counted in the warnings; the
//! document note goes in `Comments`.

use super::ExportSummary;
use super::jsonl::{ExportError, JsonlDocument};
use super::units::UnitIndex;
use crate::interop::OffsetUnit;
use serde_json::json;
use std::io::Write;

/// Writes `docs` as doccano JSONL to `out`.
///
/// # Errors
/// I/O and serialisation errors.
pub fn write(docs: &[JsonlDocument], out: &mut dyn Write) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary {
        documents: docs.len(),
        ..ExportSummary::default()
    };
    let mut next_entity = 1u64;
    let mut next_relation = 1u64;
    for d in docs {
        let index = UnitIndex::new(&d.text, OffsetUnit::Utf16);
        let first = next_entity;
        let entities: Vec<serde_json::Value> = d
            .spans
            .iter()
            .map(|s| {
                let ((a, b), _) = index.span(s.start, s.end);
                let id = next_entity;
                next_entity += 1;
                json!({"id": id, "label": s.label, "start_offset": a, "end_offset": b})
            })
            .collect();
        let relations: Vec<serde_json::Value> = d
            .relations
            .iter()
            .map(|r| {
                let id = next_relation;
                next_relation += 1;
                json!({
                    "id": id,
                    "from_id": first + r.head_span as u64,
                    "to_id": first + r.child_span as u64,
                    "type": r.label,
                })
            })
            .collect();
        let comments: Vec<&str> = if d.notes.is_empty() {
            Vec::new()
        } else {
            vec![d.notes.as_str()]
        };
        let line = json!({
            "id": d.id,
            "text": d.text,
            "entities": entities,
            "relations": relations,
            "Comments": comments,
        });
        out.write_all(super::jsonl::escape_line_breaks(&serde_json::to_string(&line)?).as_bytes())?;
        out.write_all(b"\n")?;
        summary.add_span_only_document(d, "doccano");
    }
    out.flush()?;
    Ok(summary)
}
