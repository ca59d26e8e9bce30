//! WebAnno TSV 3.3, as INCEpTION writes it (one document per file).
//!
//! Header lines name the layers: `#T_SP=layer|feature…` (spans), `#T_CH=…` (coreference
//! chains), `#T_RL=layer|feature…|BT_basetype` (relations). Each token row is
//! `sentence-token  begin-end  token  columns…`, the columns being the layers' features in
//! header order (a span layer without features has one column). Offsets are **UTF-16 code
//! units** into the document text, which the file does not hold whole: it is rebuilt from the
//! `#Text=` lines (a sentence with a line break has two), each placed at its first token's
//! offset, gaps between sentences filled with line breaks.
//!
//! Values: `_` nothing, `*` an annotation without a value, `A[3]` a multi-token annotation
//! (rows sharing `[3]` are one span), `A|B` stacked annotations; sub-token rows (`1-1.1`) carry
//! spans inside a token. A span's label is its first feature's value, or the layer's short
//! name for `*`; its other features become attributes. A relation row is the relation's
//! target (child); its last column holds the source's token (`1-1`, or `1-1[2_3]` naming the
//! source and target spans). A relation's type is its `value` (or `label`, `type`) feature,
//! else the layer's short name; its other features are reported, not imported. Its ends are
//! the spans of its base layer on those tokens; when the base layer is `Token` (not a span
//! layer of the file), spans labelled `Token` are made on them. Chains are reported.

use super::offsets::{OffsetMap, OffsetUnit};
use super::{ParsedDocument, ParsedFile, ParsedRelation, ParsedSpan, not_imported};
use std::collections::HashMap;

#[derive(Clone, Debug)]
enum Layer {
    Span {
        name: String,
        features: Vec<String>,
    },
    Chain {
        name: String,
    },
    Relation {
        name: String,
        features: Vec<String>,
        base: String,
    },
}

fn short(name: &str) -> String {
    name.rsplit('.').next().unwrap_or(name).to_owned()
}

/// Splits a stacked cell on `|` not escaped with `\`, and unescapes.
fn stacked(cell: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(n), Some(last)) = (chars.next(), out.last_mut()) {
                    last.push(n);
                }
            }
            '|' => out.push(String::new()),
            c => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out
}

/// `value[3]` → (`value`, Some("3")); `value` → (`value`, None).
fn split_id(item: &str) -> (&str, Option<&str>) {
    match item.strip_suffix(']').and_then(|s| s.rsplit_once('[')) {
        Some((v, id)) if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit() || c == '_') => {
            (v, Some(id))
        }
        _ => (item, None),
    }
}

struct Token {
    id: String,
    begin: usize,
    end: usize,
    cells: Vec<String>,
}

/// Reads one WebAnno TSV 3 file (`path` is its name below the imported folder).
pub fn read(path: &str, content: &str) -> ParsedFile {
    let mut file = ParsedFile {
        path: path.to_owned(),
        ..ParsedFile::default()
    };
    let mut layers = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    // Sentences: (text lines, index of the first token).
    let mut sentences: Vec<(Vec<String>, usize)> = Vec::new();
    let mut pending_text: Vec<String> = Vec::new();
    for line in content.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(rest) = line.strip_prefix("#T_SP=") {
            let mut parts = rest.split('|');
            let name = parts.next().unwrap_or("").to_owned();
            layers.push(Layer::Span {
                name,
                features: parts.map(str::to_owned).collect(),
            });
        } else if let Some(rest) = line.strip_prefix("#T_CH=") {
            layers.push(Layer::Chain {
                name: rest.split('|').next().unwrap_or("").to_owned(),
            });
        } else if let Some(rest) = line.strip_prefix("#T_RL=") {
            let mut parts: Vec<String> = rest.split('|').map(str::to_owned).collect();
            let name = parts.remove(0);
            let base = parts
                .pop()
                .map(|b| b.trim_start_matches("BT_").to_owned())
                .unwrap_or_default();
            layers.push(Layer::Relation {
                name,
                features: parts,
                base,
            });
        } else if let Some(text) = line.strip_prefix("#Text=") {
            // INCEpTION escapes the backslash in sentence text.
            pending_text.push(text.replace("\\\\", "\\"));
        } else if line.starts_with('#') || line.trim().is_empty() {
            continue;
        } else {
            let cols: Vec<&str> = line.split('\t').collect();
            let offsets = cols.get(1).and_then(|o| o.split_once('-'));
            let (Some((b, e)), Some(id)) = (offsets, cols.first()) else {
                not_imported(&mut file.not_imported, "line", "not a token row");
                continue;
            };
            let (Ok(begin), Ok(end)) = (b.parse(), e.parse()) else {
                not_imported(&mut file.not_imported, "line", "offsets unreadable");
                continue;
            };
            if !pending_text.is_empty() {
                sentences.push((std::mem::take(&mut pending_text), tokens.len()));
            }
            tokens.push(Token {
                id: (*id).to_owned(),
                begin,
                end,
                cells: cols.iter().skip(3).map(|c| (*c).to_owned()).collect(),
            });
        }
    }
    // Rebuild the text in UTF-16 units.
    let mut text = String::new();
    let mut units = 0usize;
    for (lines, first) in &sentences {
        let start = tokens.get(*first).map_or(units, |t| t.begin);
        while units < start {
            text.push('\n');
            units += 1;
        }
        let s = lines.join("\n");
        units += s.encode_utf16().count();
        text.push_str(&s);
    }
    let map = OffsetMap::new(&text, OffsetUnit::Utf16);
    let stem = path.rsplit('/').next().unwrap_or(path);
    let mut doc = ParsedDocument::new(stem, path, text.clone());
    let by_id: HashMap<&str, usize> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();

    // Column ranges per layer.
    let mut col = 0;
    let mut ranges = Vec::new();
    for l in &layers {
        let n = match l {
            Layer::Span { features, .. } => features.len().max(1),
            Layer::Chain { .. } => 2,
            Layer::Relation { features, .. } => features.len() + 1,
        };
        ranges.push(col..col + n);
        col += n;
    }
    // Spans: (layer index, annotation key) -> (begin, end, label, attributes).
    type SpanKey = (usize, String);
    type SpanRow = (SpanKey, usize, usize, String, Vec<(String, String)>);
    let mut spans: Vec<SpanRow> = Vec::new();
    let mut span_at: HashMap<SpanKey, usize> = HashMap::new();
    // (layer name, token index) -> span indices there (for relation ends).
    type OnToken = HashMap<(String, usize), Vec<(Option<String>, usize)>>;
    let mut on_token: OnToken = HashMap::new();
    for (li, l) in layers.iter().enumerate() {
        let Layer::Span { name, features } = l else {
            continue;
        };
        let r = ranges[li].clone();
        for (ti, t) in tokens.iter().enumerate() {
            let first = t.cells.get(r.start).map_or("_", String::as_str);
            if first == "_" {
                continue;
            }
            let items = stacked(first);
            let others: Vec<Vec<String>> = (r.start + 1..r.end)
                .map(|c| stacked(t.cells.get(c).map_or("_", String::as_str)))
                .collect();
            for (k, item) in items.iter().enumerate() {
                let (value, id) = split_id(item);
                let key = (
                    li,
                    id.map_or_else(|| format!("{}@{k}", t.id), str::to_owned),
                );
                let label = if value == "*" || value.is_empty() {
                    short(name)
                } else {
                    value.to_owned()
                };
                let mut attributes = Vec::new();
                for (f, cells) in features.iter().skip(1).zip(&others) {
                    let v = cells
                        .iter()
                        .map(|c| split_id(c))
                        .find(|(_, cid)| *cid == id)
                        .or_else(|| cells.get(k).map(|c| split_id(c)))
                        .map(|(v, _)| v);
                    if let Some(v) = v.filter(|v| *v != "_" && *v != "*" && !v.is_empty()) {
                        attributes.push((f.clone(), v.to_owned()));
                    }
                }
                match span_at.get(&key) {
                    Some(&s) => {
                        spans[s].1 = spans[s].1.min(t.begin);
                        spans[s].2 = spans[s].2.max(t.end);
                    }
                    None => {
                        span_at.insert(key.clone(), spans.len());
                        spans.push((key, t.begin, t.end, label, attributes));
                    }
                }
                let s = span_at[&(
                    li,
                    id.map_or_else(|| format!("{}@{k}", t.id), str::to_owned),
                )];
                on_token
                    .entry((name.clone(), ti))
                    .or_default()
                    .push((id.map(str::to_owned), s));
            }
        }
    }
    // Spans into the document (UTF-16 → chars).
    let mut span_index: Vec<Option<usize>> = Vec::with_capacity(spans.len());
    for (_, b, e, label, attributes) in &spans {
        match map.span(*b, *e) {
            Ok(c) => {
                file.warnings.extend(c.warnings);
                span_index.push(Some(doc.spans.len()));
                doc.spans.push(ParsedSpan {
                    start: c.range.start,
                    end: c.range.end,
                    label: label.clone(),
                    note: String::new(),
                    attributes: attributes.clone(),
                    entity: None,
                    origin: format!("[{b}, {e})"),
                    annotator: None,
                });
            }
            Err(reason) => {
                not_imported(
                    &mut file.not_imported,
                    "span",
                    "offsets outside the rebuilt text",
                );
                file.warnings.push(reason);
                span_index.push(None);
            }
        }
    }
    // Relation ends: a span of the base layer on the token, or a token span.
    let mut token_span: HashMap<usize, usize> = HashMap::new();
    for (li, l) in layers.iter().enumerate() {
        match l {
            Layer::Chain { name } => {
                let r = ranges[li].clone();
                let links = tokens
                    .iter()
                    .filter(|t| t.cells.get(r.start).is_some_and(|c| c != "_"))
                    .count();
                for _ in 0..links {
                    not_imported(
                        &mut file.not_imported,
                        "chain link",
                        format!("coreference chains ({}) are not held by Sanad", short(name)),
                    );
                }
            }
            Layer::Relation {
                name,
                features,
                base,
            } => {
                let r = ranges[li].clone();
                for (ti, t) in tokens.iter().enumerate() {
                    let source_cell = t.cells.get(r.end - 1).map_or("_", String::as_str);
                    if source_cell == "_" {
                        continue;
                    }
                    let sources = stacked(source_cell);
                    for (k, src) in sources.iter().enumerate() {
                        let (addr, ids) = split_id(src);
                        let (src_id, tgt_id) = match ids.and_then(|i| i.split_once('_')) {
                            Some((a, b)) => (Some(a.to_owned()), Some(b.to_owned())),
                            None => (None, None),
                        };
                        let feature = |f: usize| -> String {
                            let cells =
                                stacked(t.cells.get(r.start + f).map_or("_", String::as_str));
                            cells.get(k).cloned().unwrap_or_else(|| "_".into())
                        };
                        let mut label = short(name);
                        for (f, fname) in features.iter().enumerate() {
                            let v = feature(f);
                            if v == "_" || v == "*" {
                                continue;
                            }
                            if ["value", "label", "type", "DependencyType"]
                                .contains(&fname.as_str())
                            {
                                label = v;
                            } else {
                                not_imported(
                                    &mut file.not_imported,
                                    "relation feature",
                                    format!("Sanad relations have a type only ({fname} left out)"),
                                );
                            }
                        }
                        let Some(&si) = by_id.get(addr) else {
                            not_imported(
                                &mut file.not_imported,
                                "relation",
                                "its source token is not in the file",
                            );
                            continue;
                        };
                        let mut end = |tok: usize,
                                       want: Option<String>,
                                       doc: &mut ParsedDocument|
                         -> Option<usize> {
                            if let Some(list) = on_token.get(&(base.clone(), tok)) {
                                let found = list
                                    .iter()
                                    .find(|(id, _)| want.is_none() || *id == want)
                                    .or(list.first())
                                    .map(|(_, s)| *s)?;
                                return span_index[found];
                            }
                            if let Some(&s) = token_span.get(&tok) {
                                return Some(s);
                            }
                            let c = map.span(tokens[tok].begin, tokens[tok].end).ok()?;
                            doc.spans.push(ParsedSpan {
                                start: c.range.start,
                                end: c.range.end,
                                label: short(base),
                                note: String::new(),
                                attributes: Vec::new(),
                                entity: None,
                                origin: format!("token {}", tokens[tok].id),
                                annotator: None,
                            });
                            token_span.insert(tok, doc.spans.len() - 1);
                            Some(doc.spans.len() - 1)
                        };
                        match (end(si, src_id, &mut doc), end(ti, tgt_id, &mut doc)) {
                            (Some(head), Some(child)) => doc.relations.push(ParsedRelation {
                                head,
                                child,
                                label,
                                note: String::new(),
                                implicit: false,
                            }),
                            _ => not_imported(
                                &mut file.not_imported,
                                "relation",
                                "an end is not a span",
                            ),
                        }
                    }
                }
            }
            Layer::Span { .. } => {}
        }
    }
    file.documents.push(doc);
    file
}

/// Does the text start like a WebAnno TSV 3 file?
pub fn looks_like(content: &str) -> bool {
    content
        .trim_start_matches('\u{FEFF}')
        .starts_with("#FORMAT=WebAnno TSV 3")
}
