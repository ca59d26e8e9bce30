//! Label Studio's JSON export: an array of tasks, each with its text under `data` (`text`, or the
//! one string value) and `annotations[].result[]` regions: `labels` regions with
//! `value.start`/`value.end`/`value.text`/`value.labels`, and `relation` regions with
//! `from_id`/`to_id` (head is `from_id`; `direction: "left"` swaps them) and `labels`.
//!
//! Versions differ in the offset unit (code points in the Python back end, UTF-16 in the
//! JavaScript front end), so each span's `value.text` decides: the span is read in code points
//! when the text there matches, else in UTF-16 units when that matches; a span matching
//! neither is refused and reported. Every annotation of a task comes in (several annotators'
//! identical spans merge); `predictions` and other region types are reported, not imported.

use super::offsets::{OffsetMap, OffsetUnit, char_slice};
use super::{ParsedDocument, ParsedFile, ParsedRelation, ParsedSpan, not_imported};
use serde_json::Value;
use std::collections::HashMap;

/// Reads one Label Studio JSON export (`path` is its name below the imported folder).
pub fn read(path: &str, content: &str) -> ParsedFile {
    let mut file = ParsedFile {
        path: path.to_owned(),
        ..ParsedFile::default()
    };
    let tasks = match serde_json::from_str::<Value>(content) {
        Ok(Value::Array(t)) => t,
        Ok(task @ Value::Object(_)) => vec![task],
        Ok(_) => {
            file.error = Some("not a list of Label Studio tasks".into());
            return file;
        }
        Err(e) => {
            file.error = Some(format!("not JSON ({e})"));
            return file;
        }
    };
    let stem = path.rsplit('/').next().unwrap_or(path);
    for (k, task) in tasks.iter().enumerate() {
        let data = &task["data"];
        let text = data["text"].as_str().or_else(|| {
            let strings: Vec<&str> = data
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(_, v)| v.as_str())
                .collect();
            (strings.len() == 1).then(|| strings[0])
        });
        let task_id = task["id"]
            .as_i64()
            .map_or_else(|| (k + 1).to_string(), |i| i.to_string());
        let Some(text) = text else {
            not_imported(&mut file.not_imported, "task", "no text under data");
            continue;
        };
        let mut doc = ParsedDocument::new(
            &format!("{stem} task {task_id}"),
            &format!("{path}#{task_id}"),
            text.to_owned(),
        );
        let utf16 = OffsetMap::new(text, OffsetUnit::Utf16);
        let chars = OffsetMap::new(text, OffsetUnit::Codepoint);
        if task["predictions"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
        {
            not_imported(
                &mut file.not_imported,
                "prediction",
                "model predictions are not imported as annotations",
            );
        }
        for annotation in task["annotations"].as_array().into_iter().flatten() {
            if annotation["was_cancelled"].as_bool() == Some(true) {
                not_imported(
                    &mut file.not_imported,
                    "annotation",
                    "cancelled in Label Studio",
                );
                continue;
            }
            let results = annotation["result"].as_array().cloned().unwrap_or_default();
            let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
            for r in &results {
                let kind = r["type"].as_str().unwrap_or("");
                if kind != "labels"
                    && !(kind.ends_with("labels") && r["value"]["start"].is_number())
                {
                    continue;
                }
                let v = &r["value"];
                let (Some(s), Some(e)) = (v["start"].as_u64(), v["end"].as_u64()) else {
                    not_imported(&mut file.not_imported, "span", "start or end missing");
                    continue;
                };
                let (s, e) = (s as usize, e as usize);
                let want = v["text"].as_str();
                let matches = |m: &OffsetMap| {
                    m.span(s, e)
                        .ok()
                        .filter(|c| want.is_none_or(|w| char_slice(text, c.range.clone()) == w))
                };
                let Some(found) = matches(&chars).or_else(|| matches(&utf16)) else {
                    not_imported(
                        &mut file.not_imported,
                        "span",
                        "its text matches the document neither in code points nor in UTF-16 units",
                    );
                    file.warnings.push(format!(
                        "task {task_id}: span [{s}, {e}) {want:?} refused: the text there differs in both units"
                    ));
                    continue;
                };
                for w in found.warnings {
                    file.warnings.push(format!("task {task_id}: {w}"));
                }
                let labels: Vec<&str> = v[kind]
                    .as_array()
                    .or(v["labels"].as_array())
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                if labels.is_empty() {
                    not_imported(&mut file.not_imported, "span", "no label");
                }
                let id = r["id"].as_str().unwrap_or("").to_owned();
                for label in labels {
                    by_id.entry(id.clone()).or_default().push(doc.spans.len());
                    doc.spans.push(ParsedSpan {
                        start: found.range.start,
                        end: found.range.end,
                        label: label.to_owned(),
                        note: String::new(),
                        attributes: Vec::new(),
                        entity: None,
                        origin: format!("task {task_id} region {id}"),
                        annotator: None,
                    });
                }
            }
            for r in &results {
                match r["type"].as_str().unwrap_or("") {
                    "relation" => {
                        let ends = |k: &str| {
                            r[k].as_str()
                                .and_then(|id| by_id.get(id))
                                .and_then(|v| v.first().copied())
                        };
                        let (mut head, mut child) = (ends("from_id"), ends("to_id"));
                        if r["direction"].as_str() == Some("left") {
                            std::mem::swap(&mut head, &mut child);
                        }
                        let labels: Vec<&str> = r["labels"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .collect();
                        let labels = if labels.is_empty() {
                            vec!["related"]
                        } else {
                            labels
                        };
                        match (head, child) {
                            (Some(head), Some(child)) => {
                                for label in labels {
                                    doc.relations.push(ParsedRelation {
                                        head,
                                        child,
                                        label: label.to_owned(),
                                        note: String::new(),
                                        implicit: false,
                                    });
                                }
                            }
                            _ => not_imported(
                                &mut file.not_imported,
                                "relation",
                                "from_id or to_id is not a span read",
                            ),
                        }
                    }
                    "labels" => {}
                    k if k.ends_with("labels") && r["value"]["start"].is_number() => {}
                    other => not_imported(
                        &mut file.not_imported,
                        if other.is_empty() { "region" } else { other },
                        "this region type is not held by Sanad",
                    ),
                }
            }
        }
        file.documents.push(doc);
    }
    file
}
