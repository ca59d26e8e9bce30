//! Sanad's own JSONL export (see [`crate::export::jsonl`]) read back: one document per line with
//! its provenance (`id`, `name`, `path`, `sha256`, `encoding`, `bom`), spans in code points with
//! their attributes, entity and note, relations by span index, the document's `notes` and
//! `status`. Both layouts are read: 1 (no `layout_version`; relations as `head`/`child`) and 2
//! (`head_span`/`child_span`), and spans in any `offset_unit` the export writes (`codepoint`,
//! `utf16`, `utf8`, `grapheme`), converted to chars with a warning for an edge inside a
//! character. The document and entity ids are asked for again, so an export imported into a new
//! project exports to the same bytes. Audit trails (`history`) are not imported: the import
//! writes its own audit rows.

use super::offsets::{OffsetMap, OffsetUnit};
use super::{
    ParsedDocument, ParsedEntity, ParsedFile, ParsedRelation, ParsedSpan, SourceBytes, not_imported,
};
use crate::model::DocumentStatus;
use serde_json::Value;

/// Reads one Sanad JSONL file (`path` is its name below the imported folder).
pub fn read(path: &str, content: &str) -> ParsedFile {
    let mut file = ParsedFile {
        path: path.to_owned(),
        ..ParsedFile::default()
    };
    for (i, line) in content.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                not_imported(&mut file.not_imported, "line", "not JSON");
                file.warnings.push(format!("line {n}: not JSON ({e})"));
                continue;
            }
        };
        let Some(text) = v["text"].as_str() else {
            not_imported(&mut file.not_imported, "line", "no text");
            continue;
        };
        let unit = match v["offset_unit"].as_str() {
            None => OffsetUnit::Codepoint,
            Some(u) => match OffsetUnit::parse(u) {
                Some(unit) => unit,
                None => {
                    not_imported(
                        &mut file.not_imported,
                        "line",
                        "offset_unit is not codepoint, utf16, utf8 or grapheme",
                    );
                    continue;
                }
            },
        };
        let map = (unit != OffsetUnit::Codepoint).then(|| OffsetMap::new(text, unit));
        let doc_path = v["path"]
            .as_str()
            .map_or_else(|| format!("{path}#{n}"), str::to_owned);
        let name = v["name"].as_str().map_or_else(
            || doc_path.rsplit('/').next().unwrap_or(&doc_path).to_owned(),
            str::to_owned,
        );
        let mut doc = ParsedDocument::new(&name, &doc_path, text.to_owned());
        let bom = v["bom"].as_bool().unwrap_or(false);
        let encoding = v["encoding"].as_str().unwrap_or("UTF-8").to_owned();
        doc.source = SourceBytes {
            sha256: v["sha256"]
                .as_str()
                .map_or_else(|| crate::model::sha256_hex(text.as_bytes()), str::to_owned),
            byte_len: if encoding == "UTF-8" {
                text.len() + if bom { 3 } else { 0 }
            } else {
                0
            },
            encoding,
            bom,
            guessed: false,
        };
        doc.requested_id = v["id"].as_i64();
        doc.note = v["notes"]
            .as_str()
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        doc.status = v["status"].as_str().and_then(DocumentStatus::parse);
        let spans = v["spans"].as_array().cloned().unwrap_or_default();
        // Index in the file's `spans` -> index read (None when left out).
        let mut index = Vec::with_capacity(spans.len());
        for s in &spans {
            let (Some(start), Some(end), Some(label)) =
                (s["start"].as_u64(), s["end"].as_u64(), s["label"].as_str())
            else {
                not_imported(
                    &mut file.not_imported,
                    "span",
                    "start, end or label missing",
                );
                index.push(None);
                continue;
            };
            let entity = s
                .get("entity")
                .filter(|e| e.is_object())
                .map(|e| ParsedEntity {
                    id: e["id"].as_i64(),
                    name: e["name"].as_str().unwrap_or_default().to_owned(),
                    kind: e["type"].as_str().unwrap_or_default().to_owned(),
                    aliases: e["aliases"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| x.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default(),
                });
            let attributes = s["attributes"]
                .as_object()
                .map(|o| {
                    o.iter()
                        .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
                        .collect()
                })
                .unwrap_or_default();
            if s.get("history").is_some_and(|h| !h.is_null()) {
                not_imported(
                    &mut file.not_imported,
                    "history",
                    "audit trails are not imported; the import records its own",
                );
            }
            let (start, end) = match &map {
                None => (start as usize, end as usize),
                Some(map) => match map.span(start as usize, end as usize) {
                    Ok(c) => {
                        for w in c.warnings {
                            file.warnings.push(format!("line {n}: {w}"));
                        }
                        (c.range.start, c.range.end)
                    }
                    Err(reason) => {
                        not_imported(&mut file.not_imported, "span", "offsets outside the text");
                        file.warnings.push(format!("line {n}: {reason}"));
                        index.push(None);
                        continue;
                    }
                },
            };
            index.push(Some(doc.spans.len()));
            doc.spans.push(ParsedSpan {
                start,
                end,
                label: label.to_owned(),
                note: s["note"].as_str().unwrap_or_default().to_owned(),
                attributes,
                entity,
                origin: format!("line {n} span {}", index.len() - 1),
                annotator: None,
            });
        }
        for r in v["relations"].as_array().into_iter().flatten() {
            let at = |k: &str| {
                r[k].as_u64()
                    .and_then(|i| index.get(i as usize).copied().flatten())
            };
            let (head, child) = if r.get("head_span").is_some() {
                (at("head_span"), at("child_span"))
            } else {
                (at("head"), at("child"))
            };
            match (head, child, r["label"].as_str()) {
                (Some(head), Some(child), Some(label)) => doc.relations.push(ParsedRelation {
                    head,
                    child,
                    label: label.to_owned(),
                    note: String::new(),
                    implicit: false,
                }),
                _ => not_imported(
                    &mut file.not_imported,
                    "relation",
                    "head or child is not a span read",
                ),
            }
        }
        file.documents.push(doc);
    }
    file
}

/// Does this JSON line look like a Sanad export?
pub fn looks_like(first_line: &Value) -> bool {
    first_line.get("offset_unit").is_some() && first_line.get("spans").is_some()
}
