//! doccano JSONL: one JSON object per line, in one of two layouts.
//!
//! - Sequence labelling: the text under `text` (or `data`, or whatever column the project was
//!   exported with, e.g. `column_data`) and spans as `[start, end, label]` triples under `label`
//!   (or `labels`, or another column such as `column_label`).
//! - Relation extraction: `entities` (`{id, start_offset, end_offset, label}`) and `relations`
//!   (`{from_id, to_id, type}`: head is `from_id`).
//!
//! The file does not say its offset unit: doccano counts UTF-16 code units by default and
//! grapheme clusters in its other mode, so the unit is an option ([`OffsetUnit`], UTF-16 by
//! default); a span whose edge falls inside a surrogate pair or a grapheme cluster is warned
//! about. `Comments` (or `comments`) strings become the document's note; other keys (`id`,
//! `meta`…) are left alone.

use super::offsets::{OffsetMap, OffsetUnit};
use super::{ParsedDocument, ParsedFile, ParsedRelation, ParsedSpan, not_imported};
use serde_json::Value;
use std::collections::HashMap;

/// Keys that are never the text or the labels.
const OTHER_KEYS: &[&str] = &[
    "id",
    "meta",
    "comments",
    "Comments",
    "entities",
    "relations",
    "cats",
];

/// The text of a doccano line: `text`, `data`, or the one other string value.
fn text_of(obj: &serde_json::Map<String, Value>) -> Option<&str> {
    for key in ["text", "data"] {
        if let Some(Value::String(s)) = obj.get(key) {
            return Some(s);
        }
    }
    let strings: Vec<&str> = obj
        .iter()
        .filter(|(k, _)| !OTHER_KEYS.contains(&k.as_str()))
        .filter_map(|(_, v)| v.as_str())
        .collect();
    (strings.len() == 1).then(|| strings[0])
}

/// The `[start, end, label]` triples of a sequence-labelling line: under `label`, `labels`, or
/// the one other key holding an array of triples.
fn triples_of(obj: &serde_json::Map<String, Value>) -> Option<&Vec<Value>> {
    let is_triples = |v: &Value| {
        v.as_array().is_some_and(|a| {
            a.iter().all(|t| {
                t.as_array()
                    .is_some_and(|t| t.len() == 3 && t[2].is_string())
            })
        })
    };
    for key in ["label", "labels"] {
        if let Some(v) = obj.get(key)
            && is_triples(v)
        {
            return v.as_array();
        }
    }
    obj.iter()
        .filter(|(k, _)| !OTHER_KEYS.contains(&k.as_str()))
        .find(|(_, v)| is_triples(v) && v.as_array().is_some_and(|a| !a.is_empty()))
        .and_then(|(_, v)| v.as_array())
}

/// Reads one doccano JSONL file (`path` is its name below the imported folder).
pub fn read(path: &str, content: &str, unit: OffsetUnit) -> ParsedFile {
    let mut file = ParsedFile {
        path: path.to_owned(),
        ..ParsedFile::default()
    };
    let stem = path.rsplit('/').next().unwrap_or(path);
    for (i, line) in content.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let obj = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(o)) => o,
            Ok(_) => {
                not_imported(&mut file.not_imported, "line", "not a JSON object");
                file.warnings.push(format!("line {n}: not a JSON object"));
                continue;
            }
            Err(e) => {
                not_imported(&mut file.not_imported, "line", "not JSON");
                file.warnings.push(format!("line {n}: not JSON ({e})"));
                continue;
            }
        };
        let Some(text) = text_of(&obj) else {
            not_imported(
                &mut file.not_imported,
                "line",
                "no text found (text, data or one string column)",
            );
            file.warnings.push(format!("line {n}: no text found"));
            continue;
        };
        let name = format!("{stem} line {n}");
        let mut doc = ParsedDocument::new(&name, &format!("{path}#{n}"), text.to_owned());
        let map = OffsetMap::new(text, unit);
        let add_span = |doc: &mut ParsedDocument,
                        file: &mut ParsedFile,
                        s: Option<u64>,
                        e: Option<u64>,
                        label: Option<&str>|
         -> Option<usize> {
            let (Some(s), Some(e), Some(label)) = (s, e, label) else {
                not_imported(
                    &mut file.not_imported,
                    "span",
                    "start, end or label missing",
                );
                return None;
            };
            match map.span(s as usize, e as usize) {
                Ok(c) => {
                    for w in c.warnings {
                        file.warnings.push(format!("line {n}: {w}"));
                    }
                    doc.spans.push(ParsedSpan {
                        start: c.range.start,
                        end: c.range.end,
                        label: label.to_owned(),
                        note: String::new(),
                        attributes: Vec::new(),
                        entity: None,
                        origin: format!("line {n}"),
                        annotator: None,
                    });
                    Some(doc.spans.len() - 1)
                }
                Err(reason) => {
                    not_imported(&mut file.not_imported, "span", "offsets outside the text");
                    file.warnings.push(format!("line {n}: {reason}"));
                    None
                }
            }
        };
        if let Some(entities) = obj.get("entities").and_then(Value::as_array) {
            let mut by_id: HashMap<String, usize> = HashMap::new();
            for e in entities {
                let idx = add_span(
                    &mut doc,
                    &mut file,
                    e["start_offset"].as_u64(),
                    e["end_offset"].as_u64(),
                    e["label"].as_str(),
                );
                if let Some(idx) = idx {
                    by_id.insert(e["id"].to_string(), idx);
                }
            }
            for r in obj
                .get("relations")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let ends = (
                    by_id.get(&r["from_id"].to_string()),
                    by_id.get(&r["to_id"].to_string()),
                    r["type"].as_str().or(r["label"].as_str()),
                );
                match ends {
                    (Some(&head), Some(&child), Some(label)) => {
                        doc.relations.push(ParsedRelation {
                            head,
                            child,
                            label: label.to_owned(),
                            note: String::new(),
                            implicit: false,
                        })
                    }
                    _ => not_imported(
                        &mut file.not_imported,
                        "relation",
                        "from_id or to_id is not a span read from this line, or type missing",
                    ),
                }
            }
        } else if let Some(triples) = triples_of(&obj) {
            for t in triples {
                add_span(
                    &mut doc,
                    &mut file,
                    t[0].as_u64(),
                    t[1].as_u64(),
                    t[2].as_str(),
                );
            }
        }
        if let Some(Value::Array(cats)) = obj.get("cats")
            && !cats.is_empty()
        {
            for _ in cats {
                not_imported(
                    &mut file.not_imported,
                    "category",
                    "document categories are not held by Sanad",
                );
            }
        }
        let comments: Vec<&str> = ["Comments", "comments"]
            .iter()
            .filter_map(|k| obj.get(*k).and_then(Value::as_array))
            .flatten()
            .filter_map(|c| c.as_str().or(c["text"].as_str()))
            .collect();
        if !comments.is_empty() {
            doc.note = Some(comments.join("\n"));
        }
        file.documents.push(doc);
    }
    file
}

/// Does this JSONL line look like doccano's (rather than a Sanad export)?
pub fn looks_like(first_line: &Value) -> bool {
    first_line.is_object() && first_line.get("offset_unit").is_none()
}
