//! brat standoff: a `.txt` text beside a `.ann` file of annotation lines, and an
//! `annotation.conf` declaring the scheme (<https://brat.nlplab.org/standoff.html>).
//!
//! Offsets are code points into the `.txt` text (brat is Python), end-exclusive. What comes in:
//! - `T` text-bound annotations become spans. A discontinuous one (`0 5;10 15`) becomes one span
//!   per part; the parts are linked by relations of type [`FRAGMENT`] from the first part to each
//!   later one, and its attributes and notes go on the first part.
//! - `R` relations (first argument is the head, second the child).
//! - `A`/`M` attributes (a binary attribute gets the value `true`), `#` notes. An attribute or
//!   note on an event goes on the event's trigger span; a note on a relation goes on the head
//!   span's note, prefixed with the relation (Sanad relations hold no note).
//! - Event triggers (`T` lines whose type is an event) come in as spans like any other.
//!
//! What does not (reported by kind and count): `E` events (Sanad has no n-ary events), `*`
//! equivalences, `N` normalizations (links to outside knowledge bases), unreadable lines.

use super::offsets::char_slice;
use super::{
    NotImported, ParsedDocument, ParsedFile, ParsedRelation, ParsedSpan, SourceAttribute,
    SourceBytes, SourceRelation, SourceScheme, not_imported,
};
use std::collections::HashMap;

/// Relation type linking the parts of a discontinuous brat span (first part → later part).
pub const FRAGMENT: &str = "fragment";

/// Reads one `.ann` file against its `.txt` text (already decoded). `rel_path` names the
/// `.txt` below the imported folder.
pub fn read_ann(
    rel_path: &str,
    ann_path: &str,
    text: &str,
    ann: &str,
    source: SourceBytes,
) -> ParsedFile {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let mut doc = ParsedDocument::new(name, rel_path, text.to_owned());
    doc.source = source;
    let mut file = ParsedFile {
        path: ann_path.to_owned(),
        ..ParsedFile::default()
    };
    let len = text.chars().count();
    // brat id -> index of the (first) span.
    let mut spans: HashMap<String, usize> = HashMap::new();
    // event id -> trigger id.
    let mut triggers: HashMap<String, String> = HashMap::new();
    let mut relations: HashMap<String, usize> = HashMap::new();
    let lines: Vec<(usize, &str)> = ann
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let bad = |ni: &mut NotImported, what: &str| not_imported(ni, "line", what.to_owned());
    // Pass 1: text-bound annotations and events.
    for &(n, line) in &lines {
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or("");
        let body = cols.next().unwrap_or("");
        match id.chars().next() {
            Some('T') => {
                let Some((label, offsets)) = body.split_once(' ') else {
                    bad(&mut file.not_imported, "unreadable T line");
                    file.warnings.push(format!("line {n}: unreadable: {line}"));
                    continue;
                };
                let mut parts = Vec::new();
                for part in offsets.split(';') {
                    let mut it = part.split_whitespace().map(str::parse::<usize>);
                    match (it.next(), it.next(), it.next()) {
                        (Some(Ok(s)), Some(Ok(e)), None) => parts.push((s, e)),
                        _ => parts.clear(),
                    }
                    if parts.is_empty() {
                        break;
                    }
                }
                if parts.is_empty() {
                    not_imported(&mut file.not_imported, "span", "offsets unreadable");
                    file.warnings
                        .push(format!("line {n} ({id}): offsets unreadable: {offsets}"));
                    continue;
                }
                if let Some(&(s, e)) = parts.iter().find(|&&(s, e)| s >= e || e > len) {
                    not_imported(
                        &mut file.not_imported,
                        "span",
                        "offsets empty, reversed or past the text",
                    );
                    file.warnings.push(format!(
                        "line {n} ({id}): [{s}, {e}) does not fit the text ({len} chars)"
                    ));
                    continue;
                }
                let expected = cols.next();
                let got: Vec<&str> = parts.iter().map(|&(s, e)| char_slice(text, s..e)).collect();
                // Line breaks and tabs cannot stand in the column: writers put spaces there.
                let flat = |s: &str| -> String {
                    s.chars()
                        .map(|c| {
                            if matches!(
                                c,
                                '\n' | '\r'
                                    | '\t'
                                    | '\u{b}'
                                    | '\u{c}'
                                    | '\u{85}'
                                    | '\u{2028}'
                                    | '\u{2029}'
                            ) {
                                ' '
                            } else {
                                c
                            }
                        })
                        .collect()
                };
                if let Some(expected) = expected
                    && got.join(" ") != expected
                    && got.concat() != expected
                    && flat(&got.join(" ")) != flat(expected)
                {
                    file.warnings.push(format!(
                        "line {n} ({id}): the text at [{}, {}) is {:?}, the .ann says {expected:?} (imported by offsets)",
                        parts[0].0,
                        parts[parts.len() - 1].1,
                        got.join(" ")
                    ));
                }
                let first = doc.spans.len();
                for (k, &(s, e)) in parts.iter().enumerate() {
                    doc.spans.push(ParsedSpan {
                        start: s,
                        end: e,
                        label: label.to_owned(),
                        note: String::new(),
                        attributes: Vec::new(),
                        entity: None,
                        origin: if parts.len() > 1 {
                            format!("{id} part {}", k + 1)
                        } else {
                            id.to_owned()
                        },
                        annotator: None,
                    });
                    if k > 0 {
                        doc.relations.push(ParsedRelation {
                            head: first,
                            child: first + k,
                            label: FRAGMENT.to_owned(),
                            note: String::new(),
                            implicit: true,
                        });
                    }
                }
                spans.insert(id.to_owned(), first);
            }
            Some('E') => {
                let trigger = body
                    .split_whitespace()
                    .next()
                    .and_then(|t| t.split_once(':'))
                    .map(|(_, t)| t.to_owned());
                if let Some(t) = trigger {
                    triggers.insert(id.to_owned(), t);
                }
                not_imported(
                    &mut file.not_imported,
                    "event",
                    "Sanad has no n-ary events (the trigger came in as a span)",
                );
            }
            _ => {}
        }
    }
    let target = |t: &str| -> Option<usize> {
        let t = triggers.get(t).map_or(t, String::as_str);
        spans.get(t).copied()
    };
    // Pass 2: relations (notes may name them in pass 3).
    for &(n, line) in &lines {
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or("");
        if !id.starts_with('R') {
            continue;
        }
        let mut words = cols.next().unwrap_or("").split_whitespace();
        let label = words.next().unwrap_or("");
        let args: Vec<&str> = words
            .filter_map(|w| w.split_once(':').map(|x| x.1))
            .collect();
        match (
            args.first().and_then(|a| target(a)),
            args.get(1).and_then(|a| target(a)),
        ) {
            (Some(head), Some(child)) if args.len() == 2 && !label.is_empty() => {
                relations.insert(id.to_owned(), doc.relations.len());
                doc.relations.push(ParsedRelation {
                    head,
                    child,
                    label: label.to_owned(),
                    note: String::new(),
                    implicit: false,
                });
            }
            _ => {
                not_imported(
                    &mut file.not_imported,
                    "relation",
                    "its arguments are not two spans of this file",
                );
                file.warnings
                    .push(format!("line {n} ({id}): relation not read: {line}"));
            }
        }
    }
    // Pass 3: attributes, notes, equivalences, normalizations.
    for &(n, line) in &lines {
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or("");
        let body = cols.next().unwrap_or("");
        let rest = cols.next().unwrap_or("");
        match id.chars().next() {
            Some('T' | 'E' | 'R') => {}
            Some('A' | 'M') => {
                let w: Vec<&str> = body.split_whitespace().collect();
                let value = w.get(2).map_or("true", |v| *v);
                match (w.first(), w.get(1).and_then(|t| target(t))) {
                    (Some(name), Some(span)) if w.len() <= 3 => doc.spans[span]
                        .attributes
                        .push(((*name).to_owned(), value.to_owned())),
                    _ => {
                        not_imported(
                            &mut file.not_imported,
                            "attribute",
                            "its target is not a span or event of this file",
                        );
                        file.warnings
                            .push(format!("line {n} ({id}): attribute not read: {line}"));
                    }
                }
            }
            Some('#') => {
                let on = body.split_whitespace().nth(1).unwrap_or("");
                if let Some(span) = target(on) {
                    let note = &mut doc.spans[span].note;
                    if !note.is_empty() {
                        note.push('\n');
                    }
                    note.push_str(rest);
                } else if let Some(&r) = relations.get(on) {
                    let note = &mut doc.relations[r].note;
                    if !note.is_empty() {
                        note.push('\n');
                    }
                    note.push_str(rest);
                } else {
                    not_imported(
                        &mut file.not_imported,
                        "note",
                        "its target is not in this file",
                    );
                    file.warnings
                        .push(format!("line {n} ({id}): note not read: {line}"));
                }
            }
            Some('*') => not_imported(
                &mut file.not_imported,
                "equivalence",
                "Sanad has no equivalence sets (link the mentions to one entity instead)",
            ),
            Some('N') => not_imported(
                &mut file.not_imported,
                "normalization",
                "Sanad holds no links to outside knowledge bases",
            ),
            _ => {
                bad(&mut file.not_imported, "unknown annotation kind");
                file.warnings.push(format!("line {n}: not read: {line}"));
            }
        }
    }
    file.documents.push(doc);
    file
}

/// Reads `annotation.conf`: span labels (entities, and events, whose triggers are spans),
/// relation types with argument labels (`<MACRO>` definitions expanded), attributes with the
/// labels they apply to (`<ENTITY>`, `<EVENT>` or named types) and their values. Types marked
/// `!` (hierarchy only) are left out.
pub fn read_conf(path: &str, conf: &str) -> SourceScheme {
    let mut scheme = SourceScheme {
        path: Some(path.to_owned()),
        ..SourceScheme::default()
    };
    let mut macros: HashMap<String, String> = HashMap::new();
    let mut section = String::new();
    let (mut entities, mut events) = (Vec::new(), Vec::new());
    let mut relation_lines = Vec::new();
    let mut attribute_lines = Vec::new();
    for line in conf.lines() {
        let line = line.split('#').next().unwrap_or("").trim_end();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('[') && trimmed.ends_with(']') {
            section = trimmed[1..trimmed.len() - 1].to_owned();
            continue;
        }
        if let Some((name, value)) = trimmed.split_once('=')
            && name.starts_with('<')
            && !name.contains(char::is_whitespace)
        {
            macros.insert(name.to_owned(), value.to_owned());
            continue;
        }
        let first = trimmed.split_whitespace().next().unwrap_or("");
        match section.as_str() {
            "entities" if !first.starts_with('!') => entities.push(first.to_owned()),
            "events" if !first.starts_with('!') => events.push(first.to_owned()),
            "relations" if !first.starts_with('<') => relation_lines.push(trimmed.to_owned()),
            "attributes" => attribute_lines.push(trimmed.to_owned()),
            _ => {}
        }
    }
    let expand = |types: &str| -> Vec<String> {
        types
            .split('|')
            .flat_map(|t| {
                let t = t.trim();
                match macros.get(t) {
                    Some(m) => m.split('|').map(|x| x.trim().to_owned()).collect(),
                    None => vec![t.to_owned()],
                }
            })
            .collect()
    };
    for line in relation_lines {
        let Some((name, args)) = line.split_once(char::is_whitespace) else {
            continue;
        };
        let args: Vec<Vec<String>> = args
            .split(',')
            .filter_map(|a| a.trim().split_once(':'))
            .filter(|(role, _)| !role.starts_with('<'))
            .map(|(_, types)| expand(types))
            .collect();
        if args.len() >= 2 {
            scheme.relations.push(SourceRelation {
                name: name.to_owned(),
                head: args[0].clone(),
                child: args[1].clone(),
            });
        }
    }
    for line in attribute_lines {
        let Some((name, spec)) = line.split_once(char::is_whitespace) else {
            continue;
        };
        let mut labels = Vec::new();
        let mut values = vec!["true".to_owned()];
        for kv in spec.split(',') {
            match kv.trim().split_once(':') {
                Some(("Arg", types)) => {
                    for t in types.split('|').map(str::trim) {
                        match t {
                            "<ENTITY>" => labels.extend(entities.iter().cloned()),
                            "<EVENT>" => labels.extend(events.iter().cloned()),
                            t => labels.extend(expand(t)),
                        }
                    }
                }
                Some(("Value", v)) => values = v.split('|').map(|x| x.trim().to_owned()).collect(),
                _ => {}
            }
        }
        scheme.attributes.push(SourceAttribute {
            name: name.to_owned(),
            labels,
            values,
        });
    }
    scheme.labels = entities;
    scheme.labels.extend(events);
    scheme
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discontinuous_spans_events_and_notes() {
        let text = "Amnesty said the prison in Saydnaya held them.";
        let ann = "T1\tORG 0 7\tAmnesty\nT2\tPRISON 17 23;27 35\tprison Saydnaya\nT3\tHold 36 40\theld\nE1\tHold:T3 Place:T2\nA1\tConfidence E1 High\nA2\tNegated T2\n#1\tAnnotatorNotes E1\tcheck\nR1\tSaid Arg1:T1 Arg2:T2\t\n#2\tAnnotatorNotes R1\twho said it\n*\tAlias T1 T2\nN1\tReference T1 Wikidata:Q42\tAmnesty\n";
        let f = read_ann("a.txt", "a.ann", text, ann, SourceBytes::of_text(text));
        let d = &f.documents[0];
        let spans: Vec<(usize, usize, &str)> = d
            .spans
            .iter()
            .map(|s| (s.start, s.end, s.label.as_str()))
            .collect();
        assert_eq!(
            spans,
            vec![
                (0, 7, "ORG"),
                (17, 23, "PRISON"),
                (27, 35, "PRISON"),
                (36, 40, "Hold")
            ]
        );
        assert_eq!((d.relations[0].head, d.relations[0].child), (1, 2));
        assert_eq!(d.relations[0].label, FRAGMENT);
        assert_eq!(d.relations[1].label, "Said");
        assert_eq!(d.relations[1].note, "who said it");
        assert_eq!(
            d.spans[3].attributes,
            vec![("Confidence".into(), "High".into())]
        );
        assert_eq!(d.spans[3].note, "check");
        assert_eq!(
            d.spans[1].attributes,
            vec![("Negated".into(), "true".into())]
        );
        let counts: Vec<(&str, usize)> = f
            .not_imported
            .iter()
            .map(|((k, _), n)| (k.as_str(), *n))
            .collect();
        assert_eq!(
            counts,
            vec![("equivalence", 1), ("event", 1), ("normalization", 1)]
        );
        assert!(f.warnings.is_empty(), "{:?}", f.warnings);
    }

    #[test]
    fn a_text_column_that_differs_from_the_offsets_is_warned_about() {
        // "سجن صيدنايا": chars [0, 3) are سجن; the .ann claims صيدنايا there (offsets counted
        // in bytes by a broken tool, say). Imported by offsets, with a warning.
        let text = "سجن صيدنايا";
        let f = read_ann(
            "a.txt",
            "a.ann",
            text,
            "T1\tPRISON 0 3\tصيدنايا\nT2\tPRISON 4 40\tx\n",
            SourceBytes::of_text(text),
        );
        assert_eq!(f.documents[0].spans.len(), 1);
        assert!(
            f.warnings[0].contains("the .ann says \"صيدنايا\""),
            "{:?}",
            f.warnings
        );
        assert!(
            f.warnings[1].contains("does not fit the text (11 chars)"),
            "{:?}",
            f.warnings
        );
    }

    #[test]
    fn conf_expands_macros_and_attribute_targets() {
        let conf = "[entities]\nPerson\nGPE\n[relations]\nLocated Arg1:Person, Arg2:GPE\nAlias Arg1:Person, Arg2:Person, <REL-TYPE>:symmetric-transitive\n[events]\n<PG>=Person|GPE\n!Life\n\tDie Victim:Person\nReport Reporter-Arg:<PG>\n[attributes]\nNegation Arg:<EVENT>\nMention Arg:<ENTITY>, Value:Name|Nominal\n";
        let s = read_conf("annotation.conf", conf);
        assert_eq!(s.labels, vec!["Person", "GPE", "Die", "Report"]);
        assert_eq!(s.relations.len(), 2);
        assert_eq!(s.relations[1].child, vec!["Person"]);
        assert_eq!(s.attributes[0].labels, vec!["Die", "Report"]);
        assert_eq!(s.attributes[0].values, vec!["true"]);
        assert_eq!(s.attributes[1].values, vec!["Name", "Nominal"]);
    }
}
