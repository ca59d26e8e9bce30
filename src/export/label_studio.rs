//! Label Studio export: a JSON array of tasks as Label Studio exports and imports them, plus the
//! labelling configuration (XML) that matches it, written beside the tasks as
//! `NAME.label_config.xml`.
//!
//! Each task is `{"id", "data": {"text", "path"}, "annotations": [{"id", "result": [...],
//! "was_cancelled": false, "ground_truth": false}], "predictions": []}`; `result` holds one
//! `labels` region per span (`{"id": "s1", "from_name": "label", "to_name": "text", "type":
//! "labels", "value": {"start", "end", "text", "labels": [LABEL]}}`) and one `relation` region
//! per relation (`{"from_id", "to_id", "type": "relation", "direction": "right", "labels":
//! [TYPE]}`, the head being `from_id`). Offsets are **code points** (what Label Studio's
//! own exports hold since its front end stopped counting JavaScript string units, label-studio
//! PR #1559 and issue #4988, and what its converter slices Python strings with), end-exclusive; each region carries its `text`, so a reader can check
//! them. Attributes, notes and entity links are counted in the warnings.

use super::ExportSummary;
use super::jsonl::{ExportError, JsonlDocument};
use super::units::UnitIndex;
use crate::interop::OffsetUnit;
use crate::model::scheme::LabelScheme;
use serde_json::json;
use std::fmt::Write as _;
use std::io::Write;

/// `s` escaped for an XML attribute value.
pub fn xml_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// The labelling configuration for `scheme`: a `Labels` control named `label` on a `Text`
/// object named `text` (`$text`), with every label and its colour, and every relation type.
pub fn label_config(scheme: &LabelScheme) -> String {
    let mut out = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
    for l in &scheme.labels {
        let _ = writeln!(
            out,
            "    <Label value=\"{}\" background=\"{}\"/>",
            xml_attr(&l.name),
            xml_attr(&l.color)
        );
    }
    out.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n  <Relations>\n");
    for r in &scheme.relations {
        let _ = writeln!(out, "    <Relation value=\"{}\"/>", xml_attr(&r.name));
    }
    out.push_str("  </Relations>\n</View>\n");
    out
}

/// Writes `docs` as a Label Studio task list to `out`.
///
/// # Errors
/// I/O and serialisation errors.
pub fn write(docs: &[JsonlDocument], out: &mut dyn Write) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary {
        documents: docs.len(),
        ..ExportSummary::default()
    };
    out.write_all(b"[\n")?;
    for (k, d) in docs.iter().enumerate() {
        let index = UnitIndex::new(&d.text, OffsetUnit::Codepoint);
        let mut result: Vec<serde_json::Value> = d
            .spans
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let ((a, b), _) = index.span(s.start, s.end);
                json!({
                    "id": format!("s{}", i + 1),
                    "from_name": "label",
                    "to_name": "text",
                    "type": "labels",
                    "origin": "manual",
                    "value": {"start": a, "end": b, "text": s.text, "labels": [s.label]},
                })
            })
            .collect();
        result.extend(d.relations.iter().map(|r| {
            json!({
                "from_id": format!("s{}", r.head_span + 1),
                "to_id": format!("s{}", r.child_span + 1),
                "type": "relation",
                "direction": "right",
                "labels": [r.label],
            })
        }));
        let task = json!({
            "id": d.id,
            "data": {"text": d.text, "path": d.path},
            "annotations": [{
                "id": d.id,
                "result": result,
                "was_cancelled": false,
                "ground_truth": false,
            }],
            "predictions": [],
        });
        if k > 0 {
            out.write_all(b",\n")?;
        }
        out.write_all(serde_json::to_string(&task)?.as_bytes())?;
        summary.add_span_only_document(d, "Label Studio");
    }
    out.write_all(b"\n]\n")?;
    out.flush()?;
    Ok(summary)
}

/// Where the labelling configuration goes beside tasks written to `tasks`: `NAME.json` gives
/// `NAME.label_config.xml`.
pub fn config_path(tasks: &std::path::Path) -> std::path::PathBuf {
    let stem = tasks
        .file_stem()
        .map_or_else(|| "tasks".into(), |s| s.to_string_lossy().into_owned());
    tasks.with_file_name(format!("{stem}.label_config.xml"))
}
