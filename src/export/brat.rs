//! brat standoff export (<https://brat.nlplab.org/standoff.html>): a folder with, per document,
//! its text as `NAME.txt` (UTF-8, no BOM) and its annotations as `NAME.ann`, and an
//! `annotation.conf` declaring the project's whole scheme (every label, every relation type with
//! its argument labels, every attribute with every declared value, used or not).
//!
//! Offsets are **code points** into the `.txt`, end-exclusive (brat is Python). In the `.ann`:
//! `T` lines (spans, numbered in span order; the text column with line breaks and tabs written
//! as spaces), `R` relations (`Arg1` the head, `Arg2` the child), `A` attributes (binary, without
//! a value, when the scheme declares only the value `true`), `#` notes (`AnnotatorNotes`, one
//! line per line of the note; a line `[TYPE → «CHILD»] NOTE`, how an import keeps a note on a
//! relation, goes back on that relation as `#n AnnotatorNotes Rk NOTE`). Parts linked by
//! `fragment` relations (how a discontinuous brat span is imported) are written back as one
//! discontinuous `T` (`0 5;10 15`), so a brat folder exported from its import gives the same
//! lines. Entity links, document notes and statuses
//! have no place in brat and are counted in the warnings.

use super::ExportSummary;
use super::file::{OutputNames, write_below};
use super::jsonl::{ExportError, JsonlDocument};
use crate::interop::brat::FRAGMENT;
use crate::model::scheme::LabelScheme;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// A brat type name: brat splits on white space, so any is written as `_`.
fn type_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// Text for a `.ann` column: line breaks and tabs become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(
                c,
                '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
            ) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Attribute name → (labels it applies to, values), merged across labels in scheme order.
type Attributes = BTreeMap<String, (Vec<String>, Vec<String>)>;

fn attributes_of(scheme: &LabelScheme) -> Attributes {
    let mut out: Attributes = BTreeMap::new();
    for l in &scheme.labels {
        for a in &l.attributes {
            let entry = out.entry(a.name.clone()).or_default();
            entry.0.push(type_name(&l.name));
            for v in &a.values {
                if !entry.1.contains(v) {
                    entry.1.push(v.clone());
                }
            }
        }
    }
    out
}

/// `annotation.conf` for `scheme`.
pub fn conf(scheme: &LabelScheme) -> String {
    let mut out = String::from("# Written by Sanad from the project's label scheme.\n[entities]\n");
    for l in &scheme.labels {
        let _ = writeln!(out, "{}", type_name(&l.name));
    }
    out.push_str("\n[relations]\n");
    let all: Vec<String> = scheme.labels.iter().map(|l| type_name(&l.name)).collect();
    let args = |labels: &[String]| {
        if labels.is_empty() {
            all.join("|")
        } else {
            labels
                .iter()
                .map(|l| type_name(l))
                .collect::<Vec<_>>()
                .join("|")
        }
    };
    for r in &scheme.relations {
        let _ = writeln!(
            out,
            "{}\tArg1:{}, Arg2:{}",
            type_name(&r.name),
            args(&r.head),
            args(&r.child)
        );
    }
    out.push_str("\n[events]\n\n[attributes]\n");
    for (name, (labels, values)) in attributes_of(scheme) {
        let _ = write!(out, "{}\tArg:{}", type_name(&name), labels.join("|"));
        if values != ["true"] {
            let _ = write!(out, ", Value:{}", values.join("|"));
        }
        out.push('\n');
    }
    out
}

/// The `.ann` lines of one document; `binary` names the attributes written without a value.
/// Warnings go to `warnings`.
pub fn ann(doc: &JsonlDocument, binary: &HashSet<String>, warnings: &mut Vec<String>) -> String {
    // Parts to merge: a fragment relation between spans of one label, its child carrying nothing
    // of its own and no other relation.
    let mut in_other = HashSet::new();
    for r in &doc.relations {
        if r.label != FRAGMENT {
            in_other.insert(r.head_span);
            in_other.insert(r.child_span);
        }
    }
    let mut parts: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut merged: HashSet<usize> = HashSet::new();
    let mut merged_relations = HashSet::new();
    for (k, r) in doc.relations.iter().enumerate() {
        let (h, c) = (r.head_span, r.child_span);
        let (head, child) = (&doc.spans[h], &doc.spans[c]);
        let plain = child.attributes.is_empty() && child.note.is_empty() && child.entity.is_none();
        if r.label == FRAGMENT
            && h != c
            && head.label == child.label
            && plain
            && !in_other.contains(&c)
            && !merged.contains(&h)
            && !parts.contains_key(&c)
            && !merged.contains(&c)
        {
            parts.entry(h).or_default().push(c);
            merged.insert(c);
            merged_relations.insert(k);
        }
    }
    let mut out = String::new();
    let mut t_of: HashMap<usize, usize> = HashMap::new();
    let mut t = 0;
    for (i, s) in doc.spans.iter().enumerate() {
        if merged.contains(&i) {
            continue;
        }
        t += 1;
        t_of.insert(i, t);
        let mut pieces = vec![i];
        if let Some(more) = parts.get(&i) {
            let mut more = more.clone();
            more.sort_by_key(|&c| (doc.spans[c].start, doc.spans[c].end));
            pieces.extend(more);
        }
        let offsets: Vec<String> = pieces
            .iter()
            .map(|&p| format!("{} {}", doc.spans[p].start, doc.spans[p].end))
            .collect();
        let texts: Vec<String> = pieces
            .iter()
            .map(|&p| one_line(&doc.spans[p].text))
            .collect();
        let _ = writeln!(
            out,
            "T{t}\t{} {}\t{}",
            type_name(&s.label),
            offsets.join(";"),
            texts.join(" ")
        );
    }
    for &c in &merged {
        let head = doc
            .relations
            .iter()
            .find(|r| r.child_span == c && r.label == FRAGMENT)
            .map(|r| r.head_span);
        if let Some(h) = head {
            t_of.insert(c, t_of[&h]);
        }
    }
    let mut r_n = 0;
    // Relation index → its R number.
    let mut r_of: HashMap<usize, usize> = HashMap::new();
    for (k, r) in doc.relations.iter().enumerate() {
        if merged_relations.contains(&k) {
            continue;
        }
        r_n += 1;
        r_of.insert(k, r_n);
        let _ = writeln!(
            out,
            "R{r_n}\t{} Arg1:T{} Arg2:T{}\t",
            type_name(&r.label),
            t_of[&r.head_span],
            t_of[&r.child_span]
        );
    }
    let mut a_n = 0;
    let mut entities = 0;
    for (i, s) in doc.spans.iter().enumerate() {
        if merged.contains(&i) {
            continue;
        }
        for (name, value) in &s.attributes {
            a_n += 1;
            if binary.contains(name) && value == "true" {
                let _ = writeln!(out, "A{a_n}\t{} T{}", type_name(name), t_of[&i]);
            } else {
                let _ = writeln!(
                    out,
                    "A{a_n}\t{} T{} {}",
                    type_name(name),
                    t_of[&i],
                    type_name(value)
                );
            }
        }
        entities += usize::from(s.entity.is_some());
    }
    let mut n_n = 0;
    for (i, s) in doc.spans.iter().enumerate() {
        if merged.contains(&i) || s.note.is_empty() {
            continue;
        }
        for line in s.note.lines() {
            n_n += 1;
            // A note a relation carried in from brat goes back onto that relation.
            let on_relation = doc.relations.iter().enumerate().find_map(|(k, r)| {
                let prefix =
                    crate::interop::relation_note_prefix(&r.label, &doc.spans[r.child_span].text);
                let rest = line.strip_prefix(&prefix)?.strip_prefix(' ')?;
                (r.head_span == i).then_some(())?;
                Some((*r_of.get(&k)?, rest))
            });
            let _ = match on_relation {
                Some((r, rest)) => writeln!(out, "#{n_n}\tAnnotatorNotes R{r}\t{}", one_line(rest)),
                None => writeln!(
                    out,
                    "#{n_n}\tAnnotatorNotes T{}\t{}",
                    t_of[&i],
                    one_line(line)
                ),
            };
        }
    }
    if entities > 0 {
        warnings.push(format!(
            "{}: {entities} entity link(s) not written (brat has no entities across documents)",
            doc.path
        ));
    }
    if !doc.notes.is_empty() {
        warnings.push(format!(
            "{}: the document note is not written (brat has no document notes)",
            doc.path
        ));
    }
    out
}

/// Writes the brat folder for `docs` into `root` (an empty folder).
///
/// # Errors
/// I/O errors.
pub fn write(
    docs: &[JsonlDocument],
    scheme: &LabelScheme,
    root: &Path,
) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary {
        documents: docs.len(),
        ..ExportSummary::default()
    };
    write_below(root, "annotation.conf", conf(scheme).as_bytes())?;
    let binary: HashSet<String> = attributes_of(scheme)
        .into_iter()
        .filter(|(_, (_, values))| values == &["true"])
        .map(|(name, _)| name)
        .collect();
    let mut names = OutputNames::default();
    names.name("annotation.conf", "");
    for d in docs {
        let stem = names.name(&d.path, "");
        write_below(root, &format!("{stem}.txt"), d.text.as_bytes())?;
        let lines = ann(d, &binary, &mut summary.warnings);
        write_below(root, &format!("{stem}.ann"), lines.as_bytes())?;
        summary.spans += d.spans.len();
        summary
            .warnings
            .extend(d.warnings.iter().map(|w| format!("{}: {w}", d.path)));
    }
    Ok(summary)
}
