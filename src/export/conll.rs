//! CoNLL export: one token per line (`TOKEN<TAB>TAG`), a blank line between sentences, each
//! document opened by `-DOCSTART- -X- O O` and a blank line (the line spaCy's `convert` splits
//! documents on). Tags are IOB2 (`B-X`, `I-X`, `O`) or, with [`TagScheme::Bioes`], BIOES
//! (`S-X` for one token, `E-X` for the last).
//!
//! Tokens are UAX #29 words without white space ([`super::tokens`]); with
//! [`ConllOptions::clitics`] the Arabic proclitics `و ف ب ك ل ال` are split off first (`وسجن` →
//! `و` + `سجن`). Sentences are UAX #29 sentences (a line break ends one), never broken inside a
//! span. The unit is the token: no offsets are written.
//!
//! A span whose edges are not token edges is **misaligned**: [`Misaligned::Widen`] extends it
//! to the whole tokens it touches, [`Misaligned::Split`] cuts those tokens at its edges, and
//! [`Misaligned::Drop`] leaves it out. IOB tags hold no nesting, so a span overlapping one
//! already tagged (spans taken by start, longer first) is left out. Every misaligned, left-out
//! or overlapping span is listed in [`ExportSummary::misaligned`], never lost without a word.

use super::ExportSummary;
use super::jsonl::{ExportError, JsonlDocument};
use std::io::Write;

/// The tag scheme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TagScheme {
    /// `B-X`, `I-X`, `O`.
    #[default]
    Iob2,
    /// `B-X`, `I-X`, `E-X`, `S-X`, `O`.
    Bioes,
}

/// What to do with a span whose edges are not token edges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Misaligned {
    /// Extend it to the whole tokens it touches.
    #[default]
    Widen,
    /// Cut the tokens at its edges.
    Split,
    /// Leave it out.
    Drop,
}

/// CoNLL options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConllOptions {
    /// IOB2 or BIOES.
    pub scheme: TagScheme,
    /// Split Arabic proclitics off words.
    pub clitics: bool,
    /// Misaligned spans.
    pub misaligned: Misaligned,
}

/// The CoNLL lines of one document (after its `-DOCSTART-` line); report lines go to
/// `report`.
pub fn document(doc: &JsonlDocument, options: ConllOptions, report: &mut Vec<String>) -> String {
    let chars: Vec<char> = doc.text.chars().collect();
    let quote = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
    let base = super::tokens::tokens(&doc.text, options.clitics, &[]);
    let is_edge = |tokens: &[std::ops::Range<usize>], c: usize, start: bool| {
        if start {
            tokens.binary_search_by_key(&c, |t| t.start).is_ok()
        } else {
            tokens.binary_search_by_key(&c, |t| t.end).is_ok()
        }
    };
    let misaligned: Vec<bool> = doc
        .spans
        .iter()
        .map(|s| !is_edge(&base, s.start, true) || !is_edge(&base, s.end, false))
        .collect();
    let tokens = if options.misaligned == Misaligned::Split {
        let cuts: Vec<usize> = doc
            .spans
            .iter()
            .zip(&misaligned)
            .filter(|(_, m)| **m)
            .flat_map(|(s, _)| [s.start, s.end])
            .collect();
        super::tokens::tokens(&doc.text, options.clitics, &cuts)
    } else {
        base
    };
    // Each span as a token range [a, b).
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new(); // (first, end, span)
    for (i, s) in doc.spans.iter().enumerate() {
        let first = tokens.partition_point(|t| t.end <= s.start);
        let end = tokens.partition_point(|t| t.start < s.end);
        let describe = || {
            format!(
                "{}: {} [{}, {}) {:?}",
                doc.path, s.label, s.start, s.end, s.text
            )
        };
        if first >= end {
            report.push(format!("{}: holds no token; left out", describe()));
            continue;
        }
        if misaligned[i] {
            let (a, b) = (tokens[first].start, tokens[end - 1].end);
            match options.misaligned {
                Misaligned::Drop => {
                    report.push(format!("{}: not on token edges; left out", describe()));
                    continue;
                }
                Misaligned::Widen => report.push(format!(
                    "{}: not on token edges; widened to [{a}, {b}) {:?}",
                    describe(),
                    quote(a, b)
                )),
                Misaligned::Split => {
                    if (a, b) == (s.start, s.end) {
                        report.push(format!(
                            "{}: not on token edges; tokens split at its edges",
                            describe()
                        ));
                    } else {
                        report.push(format!(
                            "{}: not on token edges; tokens split, written as [{a}, {b}) {:?}",
                            describe(),
                            quote(a, b)
                        ));
                    }
                }
            }
        }
        ranges.push((first, end, i));
    }
    // No nesting: by start, longer first; a span over tagged tokens is left out.
    ranges.sort_by_key(|&(a, b, i)| (a, std::cmp::Reverse(b), i));
    // (span, position in it, its length in tokens)
    let mut tag: Vec<Option<(usize, usize, usize)>> = vec![None; tokens.len()];
    let mut spans_of_tags: Vec<(usize, usize, usize)> = Vec::new();
    for (a, b, i) in ranges {
        if let Some(other) = tag[a..b].iter().flatten().next() {
            let o = &doc.spans[other.0];
            let s = &doc.spans[i];
            report.push(format!(
                "{}: {} [{}, {}) {:?}: overlaps {} [{}, {}) {:?}, and IOB tags cannot nest; left out",
                doc.path, s.label, s.start, s.end, s.text, o.label, o.start, o.end, o.text
            ));
            continue;
        }
        for (k, t) in tag[a..b].iter_mut().enumerate() {
            *t = Some((i, k, b - a));
        }
        spans_of_tags.push((a, b, i));
    }
    // Sentence starts: UAX #29 sentences, merged across tagged spans.
    let mut starts_sentence = vec![false; tokens.len()];
    let sentences = super::tokens::sentences(&doc.text);
    let mut si = 0;
    for (t, r) in tokens.iter().enumerate() {
        while si + 1 < sentences.len() && sentences[si].end <= r.start {
            si += 1;
            starts_sentence[t] = true;
        }
    }
    for &(a, b, _) in &spans_of_tags {
        for s in &mut starts_sentence[a + 1..b] {
            *s = false;
        }
    }
    let mut out = String::new();
    for (t, r) in tokens.iter().enumerate() {
        if t > 0 && starts_sentence[t] {
            out.push('\n');
        }
        let word: String = chars[r.clone()].iter().collect();
        let label = |i: usize| doc.spans[i].label.replace(char::is_whitespace, "_");
        let tag = match tag[t] {
            None => "O".to_owned(),
            Some((i, k, len)) => {
                let prefix = match (options.scheme, k, len) {
                    (TagScheme::Bioes, _, 1) => "S",
                    (TagScheme::Bioes, k, len) if k + 1 == len => "E",
                    (_, 0, _) => "B",
                    _ => "I",
                };
                format!("{prefix}-{}", label(i))
            }
        };
        out.push_str(&word);
        out.push('\t');
        out.push_str(&tag);
        out.push('\n');
    }
    out
}

/// Writes `docs` as one CoNLL file to `out`.
///
/// # Errors
/// I/O errors.
pub fn write(
    docs: &[JsonlDocument],
    options: ConllOptions,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary {
        documents: docs.len(),
        ..ExportSummary::default()
    };
    for d in docs {
        let lines = document(d, options, &mut summary.misaligned);
        out.write_all(b"-DOCSTART- -X- O O\n\n")?;
        out.write_all(lines.as_bytes())?;
        out.write_all(b"\n")?;
        summary.spans += d.spans.len();
        summary
            .warnings
            .extend(d.warnings.iter().map(|w| format!("{}: {w}", d.path)));
    }
    out.flush()?;
    Ok(summary)
}
