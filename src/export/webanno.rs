//! WebAnno TSV 3.3 export for INCEpTION: a folder with one `NAME.tsv` per document, following
//! the conventions of INCEpTION's own writer and reference files (`tests/data/webanno-tsv/`).
//!
//! - Header: `#FORMAT=WebAnno TSV 3.3`, the span layer `#T_SP=webanno.custom.Span|value|ATTR…`
//!   (the label is the `value` feature, each attribute name of the export a feature of its own,
//!   sorted), and when the export has relations `#T_RL=webanno.custom.Relation|value|BT_webanno.custom.Span`;
//!   then a blank line, and a blank line before each sentence.
//! - Sentences are the text's lines (a line break, LF or CR, ends one; empty lines give none);
//!   each is written as `#Text=` (from its first token to its last, `\` escaped as `\\`) and
//!   its token rows `S-T<TAB>BEGIN-END<TAB>TOKEN<TAB>` then each column and a tab.
//! - Tokens are UAX #29 words without white space, also cut at every span edge, so every span
//!   covers whole tokens (Sanad has no tokens of its own to keep); white space inside a span is
//!   a token when the span starts or ends with it.
//! - Offsets are **UTF-16 code units** into the document text, end-exclusive.
//! - A span over several tokens, or sharing a token with another span, carries a number
//!   (`PERSON[3]`); values on one token are stacked with `|`; a span without a value for an
//!   attribute has `*`; no span is `_`. Values escape `\ [ ] | _ -> ; * TAB LF` with `\`.
//! - A relation stands on the first token of its child (target) span: its type in the `value`
//!   column, and in the last column the token of its head (source) span, followed by
//!   `[head_target]` numbers (0 for an unnumbered span) when either span is numbered.
//!
//! Notes, entity links and the document's note and status have no place here and are counted
//! in the warnings.

use super::ExportSummary;
use super::file::{OutputNames, write_below};
use super::jsonl::{ExportError, JsonlDocument};
use super::units::UnitIndex;
use crate::interop::OffsetUnit;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// The span layer's type name.
pub const SPAN_LAYER: &str = "webanno.custom.Span";
/// The relation layer's type name.
pub const RELATION_LAYER: &str = "webanno.custom.Relation";

/// A feature value escaped as INCEpTION's writer does.
pub fn escape_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '[' | ']' | '|' | '_' | ';' | '*' => {
                out.push('\\');
                out.push(c);
            }
            '-' if chars.peek() == Some(&'>') => out.push_str("\\-"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Sentence text for a `#Text=` line: `\` escaped.
fn escape_text(t: &str) -> String {
    t.replace('\\', "\\\\")
}

/// The TSV of one document; `attributes` are the feature names after `value`, `relations`
/// whether the relation layer is declared. Warnings go to `warnings`.
pub fn document(
    doc: &JsonlDocument,
    attributes: &[String],
    relations: bool,
    warnings: &mut Vec<String>,
) -> String {
    let chars: Vec<char> = doc.text.chars().collect();
    let utf16 = UnitIndex::new(&doc.text, OffsetUnit::Utf16);
    let cuts: Vec<usize> = doc.spans.iter().flat_map(|s| [s.start, s.end]).collect();
    // Tokens: words cut at span edges, plus white space a span starts or ends with.
    let mut tokens = super::tokens::tokens(&doc.text, false, &cuts);
    let is_break = |c: char| c == '\n' || c == '\r';
    // Looked up by edge rather than by scanning every span for every piece of white space
    // (which made a document's tokens quadratic in its spans).
    let mut sorted_cuts = cuts.clone();
    sorted_cuts.sort_unstable();
    sorted_cuts.dedup();
    let mut longest_from: HashMap<usize, usize> = HashMap::new();
    let mut earliest_to: HashMap<usize, usize> = HashMap::new();
    for s in &doc.spans {
        let e = longest_from.entry(s.start).or_insert(s.end);
        *e = (*e).max(s.end);
        let b = earliest_to.entry(s.end).or_insert(s.start);
        *b = (*b).min(s.start);
    }
    for p in super::tokens::pieces(&doc.text) {
        let ws = chars[p.clone()].iter().all(|c| c.is_whitespace());
        if !ws {
            continue;
        }
        let from = sorted_cuts.partition_point(|&c| c <= p.start);
        let to = sorted_cuts.partition_point(|&c| c < p.end);
        let mut edges: Vec<usize> = sorted_cuts[from..to].to_vec();
        edges.push(p.start);
        edges.push(p.end);
        edges.sort_unstable();
        edges.dedup();
        for w in edges.windows(2) {
            let (a, b) = (w[0], w[1]);
            // Some span starts at `a` and reaches `b`, or ends at `b` and starts by `a`.
            let edge_of_span = longest_from.get(&a).is_some_and(|&end| b <= end)
                || earliest_to.get(&b).is_some_and(|&start| start <= a);
            if edge_of_span && !chars[a..b].iter().any(|&c| is_break(c) || c == '\t') {
                tokens.push(a..b);
            }
        }
    }
    tokens.sort_by_key(|t| t.start);
    // Sentences: tokens between line breaks.
    let mut sentence_of = Vec::with_capacity(tokens.len());
    let mut sentence = 0usize;
    let mut last_end = 0usize;
    for t in &tokens {
        if sentence == 0 || chars[last_end..t.start].iter().any(|&c| is_break(c)) {
            sentence += 1;
        }
        sentence_of.push(sentence);
        last_end = t.end;
    }
    // Each span's tokens (those inside it).
    let mut span_tokens: Vec<Option<(usize, usize)>> = Vec::with_capacity(doc.spans.len());
    for (i, s) in doc.spans.iter().enumerate() {
        let first = tokens.partition_point(|t| t.start < s.start);
        let last = tokens.partition_point(|t| t.end <= s.end);
        if first < last {
            let covered = (tokens[first].start, tokens[last - 1].end);
            if covered != (s.start, s.end) {
                warnings.push(format!(
                    "{}: span {i} [{}, {}) written as chars [{}, {}): its edge is a line break or tab, which no token holds",
                    doc.path, s.start, s.end, covered.0, covered.1
                ));
            }
            span_tokens.push(Some((first, last)));
        } else {
            warnings.push(format!(
                "{}: span {i} [{}, {}) holds no token (only line breaks or tabs); left out",
                doc.path, s.start, s.end
            ));
            span_tokens.push(None);
        }
    }
    // Spans on each token, in span order; numbers for multi-token and stacked spans.
    let mut on_token: Vec<Vec<usize>> = vec![Vec::new(); tokens.len()];
    for (i, r) in span_tokens.iter().enumerate() {
        if let Some((a, b)) = r {
            for list in &mut on_token[*a..*b] {
                list.push(i);
            }
        }
    }
    let mut number: HashMap<usize, usize> = HashMap::new();
    for (i, r) in span_tokens.iter().enumerate() {
        let Some((a, b)) = *r else { continue };
        if b - a > 1 || on_token[a..b].iter().any(|l| l.len() > 1) {
            let n = number.len() + 1;
            number.insert(i, n);
        }
    }
    // Relations on the first token of their child.
    let mut rel_on: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, r) in doc.relations.iter().enumerate() {
        match (span_tokens[r.head_span], span_tokens[r.child_span]) {
            (Some(_), Some((c, _))) => rel_on.entry(c).or_default().push(k),
            _ => warnings.push(format!(
                "{}: relation {} left out: an end holds no token",
                doc.path, r.label
            )),
        }
    }
    let token_id = |t: usize, first_of: &[usize]| {
        format!(
            "{}-{}",
            sentence_of[t],
            t - first_of[sentence_of[t] - 1] + 1
        )
    };
    let mut first_of = Vec::new();
    for (t, &s) in sentence_of.iter().enumerate() {
        if first_of.len() < s {
            first_of.push(t);
        }
    }
    let mut out = String::from("#FORMAT=WebAnno TSV 3.3\n");
    let _ = write!(out, "#T_SP={SPAN_LAYER}|value");
    for a in attributes {
        let _ = write!(out, "|{a}");
    }
    out.push('\n');
    if relations {
        let _ = writeln!(out, "#T_RL={RELATION_LAYER}|value|BT_{SPAN_LAYER}");
    }
    out.push('\n');
    let with_number = |v: String, i: usize| match number.get(&i) {
        Some(n) => format!("{v}[{n}]"),
        None => v,
    };
    for (s, &first) in first_of.iter().enumerate() {
        let last = first_of.get(s + 1).copied().unwrap_or(tokens.len());
        let text: String = chars[tokens[first].start..tokens[last - 1].end]
            .iter()
            .collect();
        out.push('\n');
        let _ = writeln!(out, "#Text={}", escape_text(&text));
        for t in first..last {
            let r = &tokens[t];
            let (b, e) = (
                utf16.convert(r.start, false).0,
                utf16.convert(r.end, true).0,
            );
            let word: String = chars[r.clone()].iter().collect();
            let _ = write!(out, "{}\t{b}-{e}\t{word}\t", token_id(t, &first_of));
            let here = &on_token[t];
            if here.is_empty() {
                out.push_str("_\t");
                for _ in attributes {
                    out.push_str("_\t");
                }
            } else {
                let cell: Vec<String> = here
                    .iter()
                    .map(|&i| with_number(escape_value(&doc.spans[i].label), i))
                    .collect();
                let _ = write!(out, "{}\t", cell.join("|"));
                for a in attributes {
                    let cell: Vec<String> = here
                        .iter()
                        .map(|&i| {
                            let v = doc.spans[i]
                                .attributes
                                .get(a)
                                .map_or_else(|| "*".to_owned(), |v| escape_value(v));
                            with_number(v, i)
                        })
                        .collect();
                    let _ = write!(out, "{}\t", cell.join("|"));
                }
            }
            if relations {
                match rel_on.get(&t) {
                    None => out.push_str("_\t_\t"),
                    Some(list) => {
                        let types: Vec<String> = list
                            .iter()
                            .map(|&k| escape_value(&doc.relations[k].label))
                            .collect();
                        let sources: Vec<String> = list
                            .iter()
                            .map(|&k| {
                                let r = &doc.relations[k];
                                let head = span_tokens[r.head_span].map_or(0, |(a, _)| a);
                                let mut s = token_id(head, &first_of);
                                let (h, c) = (number.get(&r.head_span), number.get(&r.child_span));
                                if h.is_some() || c.is_some() {
                                    let _ = write!(
                                        s,
                                        "[{}_{}]",
                                        h.copied().unwrap_or(0),
                                        c.copied().unwrap_or(0)
                                    );
                                }
                                s
                            })
                            .collect();
                        let _ = write!(out, "{}\t{}\t", types.join("|"), sources.join("|"));
                    }
                }
            }
            out.push('\n');
        }
    }
    let lost = doc
        .spans
        .iter()
        .filter(|s| !s.note.is_empty() || s.entity.is_some())
        .count();
    if lost > 0 {
        warnings.push(format!(
            "{}: {lost} span(s) carry notes or entity links, not written to WebAnno TSV",
            doc.path
        ));
    }
    out
}

/// Writes one `.tsv` per document of `docs` into `root` (an empty folder).
///
/// # Errors
/// I/O errors.
pub fn write(docs: &[JsonlDocument], root: &Path) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary {
        documents: docs.len(),
        ..ExportSummary::default()
    };
    let attributes: Vec<String> = docs
        .iter()
        .flat_map(|d| d.spans.iter().flat_map(|s| s.attributes.keys().cloned()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let relations = docs.iter().any(|d| !d.relations.is_empty());
    let mut names = OutputNames::default();
    for d in docs {
        let tsv = document(d, &attributes, relations, &mut summary.warnings);
        write_below(root, &names.name(&d.path, ".tsv"), tsv.as_bytes())?;
        summary.spans += d.spans.len();
        summary
            .warnings
            .extend(d.warnings.iter().map(|w| format!("{}: {w}", d.path)));
    }
    Ok(summary)
}
