//! CoNLL-style token tables with IOB2 or BIOES tags: one token per line, the token in the first
//! column and its tag in the last (columns split on tabs or spaces), a blank line between
//! sentences; `#` comment lines and `-DOCSTART-` lines are skipped. One document per file.
//!
//! The file holds no text, only tokens: it is rebuilt with single spaces between tokens and a
//! line break between sentences, or, when a `.txt` of the same name stands beside it, each token
//! is looked for in that text from where the previous one ended, and a token that cannot be
//! found is reported (with any span it belongs to). Tags: `B-X` begins a span of label X, `I-X`
//! continues it, `E-X` ends it, `S-X` is a one-token span, `O` is outside; an `I-X` or `E-X`
//! with no open span of X begins one (IOB1 files do this), counted in the warnings.

use super::{ParsedDocument, ParsedFile, ParsedSpan, SourceBytes, not_imported};

/// Reads one CoNLL file (`path` is its name below the imported folder); `text` is the decoded
/// `.txt` of the same name and its provenance, if there is one.
pub fn read(path: &str, content: &str, text: Option<(String, SourceBytes)>) -> ParsedFile {
    let mut file = ParsedFile {
        path: path.to_owned(),
        ..ParsedFile::default()
    };
    let mut sentences: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for line in content.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if sentences.last().is_some_and(|s| !s.is_empty()) {
                sentences.push(Vec::new());
            }
            continue;
        }
        if line.starts_with('#') || line.starts_with("-DOCSTART-") {
            continue;
        }
        let cols: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        if cols.len() < 2 {
            not_imported(&mut file.not_imported, "line", "no tag column");
            continue;
        }
        let token = cols[0].to_owned();
        let tag = cols[cols.len() - 1].trim().to_owned();
        if let Some(s) = sentences.last_mut() {
            s.push((token, tag));
        }
    }
    sentences.retain(|s| !s.is_empty());
    // Char range of every token (None when it cannot be found in the .txt).
    let mut ranges: Vec<Vec<Option<(usize, usize)>>> = Vec::new();
    let (doc_text, source) = match text {
        Some((t, source)) => {
            let (mut byte, mut chars) = (0usize, 0usize);
            for s in &sentences {
                let mut r = Vec::new();
                for (token, _) in s {
                    match t[byte..].find(token.as_str()) {
                        Some(found) => {
                            let start = chars + t[byte..byte + found].chars().count();
                            let end = start + token.chars().count();
                            r.push(Some((start, end)));
                            byte += found + token.len();
                            chars = end;
                        }
                        None => {
                            not_imported(
                                &mut file.not_imported,
                                "token",
                                "not found in the .txt after the token before it",
                            );
                            file.warnings
                                .push(format!("token {token:?} not found in the .txt"));
                            r.push(None);
                        }
                    }
                }
                ranges.push(r);
            }
            (t, source)
        }
        None => {
            let mut t = String::new();
            let mut chars = 0usize;
            for (k, s) in sentences.iter().enumerate() {
                if k > 0 {
                    t.push('\n');
                    chars += 1;
                }
                let mut r = Vec::new();
                for (i, (token, _)) in s.iter().enumerate() {
                    if i > 0 {
                        t.push(' ');
                        chars += 1;
                    }
                    let n = token.chars().count();
                    r.push(Some((chars, chars + n)));
                    t.push_str(token);
                    chars += n;
                }
                ranges.push(r);
            }
            let source = SourceBytes::of_text(&t);
            (t, source)
        }
    };
    let stem = path.rsplit('/').next().unwrap_or(path);
    let mut doc = ParsedDocument::new(stem, path, doc_text);
    doc.source = source;
    let mut loose = 0;
    for (s, sentence) in sentences.iter().enumerate() {
        // Open span: (first token, label).
        let mut open: Option<(usize, String)> = None;
        let close = |open: &mut Option<(usize, String)>,
                     last: usize,
                     doc: &mut ParsedDocument,
                     file: &mut ParsedFile| {
            if let Some((first, label)) = open.take() {
                let toks = &ranges[s][first..=last];
                match (
                    toks.first().copied().flatten(),
                    toks.last().copied().flatten(),
                ) {
                    (Some((start, _)), Some((_, end))) if toks.iter().all(Option::is_some) => {
                        doc.spans.push(ParsedSpan {
                            start,
                            end,
                            label,
                            note: String::new(),
                            attributes: Vec::new(),
                            entity: None,
                            origin: format!("sentence {} tokens {}-{}", s + 1, first + 1, last + 1),
                            annotator: None,
                        })
                    }
                    _ => not_imported(
                        &mut file.not_imported,
                        "span",
                        "a token of it was not found in the .txt",
                    ),
                }
            }
        };
        for (i, (_, tag)) in sentence.iter().enumerate() {
            let (prefix, label) = match tag.split_once('-') {
                Some((p, l)) if p.len() == 1 => (p, l),
                _ if tag == "O" || tag == "_" => ("O", ""),
                _ => ("?", tag.as_str()),
            };
            let continues = open.as_ref().is_some_and(|(_, l)| l == label);
            match prefix {
                "B" | "S" | "U" => {
                    if i > 0 {
                        close(&mut open, i - 1, &mut doc, &mut file);
                    }
                    open = Some((i, label.to_owned()));
                    if prefix != "B" {
                        close(&mut open, i, &mut doc, &mut file);
                    }
                }
                "I" | "E" | "L" => {
                    if !continues {
                        if i > 0 {
                            close(&mut open, i - 1, &mut doc, &mut file);
                        }
                        open = Some((i, label.to_owned()));
                        loose += 1;
                    }
                    if prefix != "I" {
                        close(&mut open, i, &mut doc, &mut file);
                    }
                }
                "O" => {
                    if i > 0 {
                        close(&mut open, i - 1, &mut doc, &mut file);
                    }
                }
                _ => {
                    not_imported(
                        &mut file.not_imported,
                        "tag",
                        format!("not IOB2 or BIOES ({tag})"),
                    );
                    if i > 0 {
                        close(&mut open, i - 1, &mut doc, &mut file);
                    }
                }
            }
        }
        if !sentence.is_empty() {
            close(&mut open, sentence.len() - 1, &mut doc, &mut file);
        }
    }
    if loose > 0 {
        file.warnings.push(format!(
            "{loose} span(s) began with I- or E- instead of B- (IOB1, or a broken tag sequence)"
        ));
    }
    file.documents.push(doc);
    file
}
