//! Hugging Face `datasets` export: a folder that `datasets.load_dataset(FOLDER)` reads with the
//! same types every time, however the data falls.
//!
//! ```text
//! FOLDER/README.md               dataset card: configs and their features (YAML), then prose
//! FOLDER/tokens/train.jsonl      config "tokens" (the default): one row per document
//! FOLDER/spans/train.jsonl       config "spans": one row per annotation
//! FOLDER/relations/train.jsonl   config "relations": one row per relation
//! FOLDER/documents/train.jsonl   config "documents": one row per document
//! ```
//!
//! Why the types are stable: every row of a file has the same fields, each always of one JSON
//! type: strings are "" rather than null, a missing entity is `entity_id: -1`, attributes are one
//! JSON object written as a string, and no row holds a list that may be empty (a document
//! without tokens has no `tokens` row). A reader that infers the schema from the first rows (the
//! cause of "Couldn't cast … to null" when the first 2,000 documents have no spans) therefore
//! infers the same schema from any part, and two exports load together. The README's YAML also
//! declares the features, so `ner_tags` come back as `ClassLabel`s with their names.
//!
//! - `tokens`: `document` (path), `document_id`, `tokens` (UAX #29 words, see
//!   [`super::tokens`]), `ner_tags` (IOB2 ids: 0 is `O`, label number k of the scheme — in
//!   palette order, used or not, so exports of one project agree — is `B-` 2k+1 and `I-` 2k+2),
//!   `token_starts`, `token_ends` (code points into the document text). A span that cuts into a
//!   token is widened to the whole token; a span overlapping one already tagged (nested or
//!   crossing) stays out of `ner_tags` (outer and earlier spans win); both are listed in the
//!   warnings and flagged in the span row (`in_ner_tags`).
//! - `spans`: `document`, `document_id`, `annotation_id`, `start`, `end` (code points,
//!   end-exclusive: `text[start:end] == span_text` in Python), `label`, `text`, `entity_id`
//!   (-1 when none), `entity`, `attributes` (a JSON object as a string), `note`, `annotator`,
//!   `time`, `in_ner_tags`.
//! - `relations`: `document`, `document_id`, `head_annotation_id`, `child_annotation_id`,
//!   `label`.
//! - `documents`: `document`, `document_id`, `name`, `text`, `status`, `note`, `span_count`.

use super::folder::{FolderWriter, write_folder_atomically};
use super::hf_tokens::{Fit, fit, word_tokens};
use super::jsonl::{ExportError, ExportSummary};
use super::rows::{Corpus, DocRows};
use crate::store::Project;
use serde::Serialize;

/// The offset unit of `start`/`end` and `token_starts`/`token_ends`.
pub const OFFSET_UNIT: &str = "codepoint";

#[derive(Serialize)]
struct TokenRow<'a> {
    document: &'a str,
    document_id: i64,
    tokens: Vec<&'a str>,
    ner_tags: Vec<u32>,
    token_starts: Vec<usize>,
    token_ends: Vec<usize>,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    document: &'a str,
    document_id: i64,
    annotation_id: i64,
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    entity_id: i64,
    entity: &'a str,
    attributes: String,
    note: &'a str,
    annotator: &'a str,
    time: &'a str,
    in_ner_tags: bool,
}

#[derive(Serialize)]
struct RelationOut<'a> {
    document: &'a str,
    document_id: i64,
    head_annotation_id: i64,
    child_annotation_id: i64,
    label: &'a str,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    document: &'a str,
    document_id: i64,
    name: &'a str,
    text: &'a str,
    status: &'a str,
    note: &'a str,
    span_count: usize,
}

/// The IOB2 tag names, index = id: `O`, then `B-L`, `I-L` for each label in order.
pub fn tag_names(labels: &[String]) -> Vec<String> {
    let mut out = vec!["O".to_owned()];
    for l in labels {
        out.push(format!("B-{l}"));
        out.push(format!("I-{l}"));
    }
    out
}

/// One value as a JSON line (U+2028, U+2029, U+0085 escaped, as the JSONL export does).
fn line<T: Serialize>(value: &T, out: &mut Vec<u8>) -> Result<(), ExportError> {
    let s = serde_json::to_string(value)?
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .replace('\u{85}', "\\u0085");
    out.extend_from_slice(s.as_bytes());
    out.push(b'\n');
    Ok(())
}

/// The IOB2 ids of one document's tokens, which spans made it in (by span index), and warnings.
fn tag_document(
    doc: &DocRows,
    tokens: &[std::ops::Range<usize>],
    labels: &[String],
    warnings: &mut Vec<String>,
) -> (Vec<u32>, Vec<bool>) {
    let mut tags = vec![0u32; tokens.len()];
    let mut tagged = vec![false; doc.spans.len()];
    let mut order: Vec<usize> = (0..doc.spans.len()).collect();
    // Outer (earlier start, then longer) spans first.
    order.sort_by_key(|&i| (doc.spans[i].start, std::cmp::Reverse(doc.spans[i].end)));
    for i in order {
        let s = &doc.spans[i];
        let Some(k) = labels.iter().position(|l| *l == s.label) else {
            continue;
        };
        let what = || {
            format!(
                "{}: span [{}, {}) {} {:?}",
                doc.path, s.start, s.end, s.label, s.text
            )
        };
        let range = match fit(tokens, s.start..s.end) {
            Fit::None => {
                warnings.push(format!(
                    "{}: covers no token, so it is not in ner_tags (it is in the spans rows)",
                    what()
                ));
                continue;
            }
            Fit::Exact(r) => r,
            Fit::Widened(r) => {
                warnings.push(format!(
                    "{}: cuts into a token; widened to code points [{}, {}) in ner_tags",
                    what(),
                    tokens[r.start].start,
                    tokens[r.end - 1].end
                ));
                r
            }
        };
        if tags[range.clone()].iter().any(|&t| t != 0) {
            warnings.push(format!(
                "{}: overlaps a span already in ner_tags (IOB2 cannot nest), so it is left out of ner_tags (it is in the spans rows)",
                what()
            ));
            continue;
        }
        for (n, t) in range.enumerate() {
            tags[t] = if n == 0 {
                2 * k as u32 + 1
            } else {
                2 * k as u32 + 2
            };
        }
        tagged[i] = true;
    }
    (tags, tagged)
}

/// The dataset card: YAML front matter (configs and features) and a short description.
pub fn readme(labels: &[String]) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
    let mut y = String::from("---\nconfigs:\n");
    for (name, default) in [
        ("tokens", true),
        ("spans", false),
        ("relations", false),
        ("documents", false),
    ] {
        y.push_str(&format!(
            "- config_name: {name}\n  data_files:\n  - split: train\n    path: {name}/train.jsonl\n"
        ));
        if default {
            y.push_str("  default: true\n");
        }
    }
    let field = |name: &str, ty: &str| format!("  - name: {name}\n    dtype: {ty}\n");
    let seq = |name: &str, ty: &str| format!("  - name: {name}\n    sequence: {ty}\n");
    y.push_str("dataset_info:\n- config_name: tokens\n  features:\n");
    y.push_str(&field("document", "string"));
    y.push_str(&field("document_id", "int64"));
    y.push_str(&seq("tokens", "string"));
    y.push_str("  - name: ner_tags\n    sequence:\n      class_label:\n        names:\n");
    for (i, t) in tag_names(labels).iter().enumerate() {
        y.push_str(&format!("          '{i}': {}\n", q(t)));
    }
    y.push_str(&seq("token_starts", "int64"));
    y.push_str(&seq("token_ends", "int64"));
    y.push_str("- config_name: spans\n  features:\n");
    for (n, t) in [
        ("document", "string"),
        ("document_id", "int64"),
        ("annotation_id", "int64"),
        ("start", "int64"),
        ("end", "int64"),
        ("label", "string"),
        ("text", "string"),
        ("entity_id", "int64"),
        ("entity", "string"),
        ("attributes", "string"),
        ("note", "string"),
        ("annotator", "string"),
        ("time", "string"),
        ("in_ner_tags", "bool"),
    ] {
        y.push_str(&field(n, t));
    }
    y.push_str("- config_name: relations\n  features:\n");
    for (n, t) in [
        ("document", "string"),
        ("document_id", "int64"),
        ("head_annotation_id", "int64"),
        ("child_annotation_id", "int64"),
        ("label", "string"),
    ] {
        y.push_str(&field(n, t));
    }
    y.push_str("- config_name: documents\n  features:\n");
    for (n, t) in [
        ("document", "string"),
        ("document_id", "int64"),
        ("name", "string"),
        ("text", "string"),
        ("status", "string"),
        ("note", "string"),
        ("span_count", "int64"),
    ] {
        y.push_str(&field(n, t));
    }
    y.push_str("---\n\n");
    y.push_str(
        "# Sanad export\n\n\
         Exported by Sanad. Load with `datasets.load_dataset(\"PATH\")` (token level, the default \
         config) or `datasets.load_dataset(\"PATH\", \"spans\")` (also `relations`, `documents`).\n\n\
         - `tokens`: `tokens` are UAX #29 words; `ner_tags` are IOB2 ids whose names are in the \
         features above. `token_starts`/`token_ends` are code point offsets.\n\
         - `spans`: one row per annotation; `start`/`end` are Unicode code point offsets into the \
         document's `text` (end-exclusive), so `text[start:end]` in Python is the span's text. \
         `entity_id` is -1 when the span has no entity; `attributes` is a JSON object as a string.\n\
         - Spans left out of `ner_tags` (nested or crossing another) have `in_ner_tags` false.\n",
    );
    y
}

/// Fills `w` with the export of `corpus`; returns the warnings.
///
/// # Errors
/// I/O and serialisation errors.
pub fn write_corpus(corpus: &Corpus, w: &FolderWriter) -> Result<Vec<String>, ExportError> {
    let mut warnings = Vec::new();
    let (mut tokens_out, mut spans_out, mut relations_out, mut documents_out) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for d in &corpus.documents {
        let tokens = word_tokens(&d.text);
        let (tags, tagged) = tag_document(d, &tokens, &corpus.labels, &mut warnings);
        if !tokens.is_empty() {
            line(
                &TokenRow {
                    document: &d.path,
                    document_id: d.id,
                    tokens: tokens
                        .iter()
                        .map(|t| d.index.slice(&d.text, t.clone()))
                        .collect(),
                    ner_tags: tags,
                    token_starts: tokens.iter().map(|t| t.start).collect(),
                    token_ends: tokens.iter().map(|t| t.end).collect(),
                },
                &mut tokens_out,
            )?;
        }
        for (i, s) in d.spans.iter().enumerate() {
            line(
                &SpanOut {
                    document: &d.path,
                    document_id: d.id,
                    annotation_id: s.annotation,
                    start: s.start,
                    end: s.end,
                    label: &s.label,
                    text: &s.text,
                    entity_id: s.entity.as_ref().map_or(-1, |e| e.id),
                    entity: s.entity.as_ref().map_or("", |e| e.name.as_str()),
                    attributes: serde_json::to_string(&s.attributes)?,
                    note: &s.note,
                    annotator: &s.authorship.annotator,
                    time: &s.authorship.created,
                    in_ner_tags: tagged[i],
                },
                &mut spans_out,
            )?;
        }
        for (h, c, label) in &d.relations {
            line(
                &RelationOut {
                    document: &d.path,
                    document_id: d.id,
                    head_annotation_id: d.spans[*h].annotation,
                    child_annotation_id: d.spans[*c].annotation,
                    label,
                },
                &mut relations_out,
            )?;
        }
        line(
            &DocumentOut {
                document: &d.path,
                document_id: d.id,
                name: &d.name,
                text: &d.text,
                status: d.status,
                note: &d.note,
                span_count: d.spans.len(),
            },
            &mut documents_out,
        )?;
    }
    w.write("README.md", readme(&corpus.labels).as_bytes())?;
    w.write("tokens/train.jsonl", &tokens_out)?;
    w.write("spans/train.jsonl", &spans_out)?;
    w.write("relations/train.jsonl", &relations_out)?;
    w.write("documents/train.jsonl", &documents_out)?;
    Ok(warnings)
}

/// Writes the project as a Hugging Face dataset folder at `path` (all or nothing, see
/// [`super::folder::write_folder_atomically`]).
///
/// # Errors
/// [`ExportError`] (see [`super::rows::load`]).
pub fn write_hf_folder(
    project: &Project,
    skip_invalid: bool,
    path: &std::path::Path,
) -> Result<ExportSummary, ExportError> {
    let corpus = super::rows::load(project, skip_invalid)?;
    let mut warnings = corpus.warnings.clone();
    warnings.extend(write_folder_atomically(path, project.path(), |w| {
        write_corpus(&corpus, w)
    })?);
    Ok(ExportSummary {
        documents: corpus.documents.len(),
        spans: corpus.span_count(),
        misaligned: Vec::new(),
        written: vec![path.to_path_buf()],
        pseudonym_key: None,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::rows::SpanRow;
    use crate::model::CharIndex;

    fn span(start: usize, end: usize, label: &str, text: &str) -> SpanRow {
        SpanRow {
            annotation: start as i64,
            start,
            end,
            label: label.into(),
            text: text.into(),
            attributes: Default::default(),
            entity: None,
            note: String::new(),
            authorship: Default::default(),
        }
    }

    #[test]
    fn iob2_ids_follow_the_label_order_and_nested_spans_stay_out() {
        // "سجن صيدنايا العسكري في دمشق": tokens 0..3, 4..11, 12..19, 20..22, 23..27.
        let text = "سجن صيدنايا العسكري في دمشق";
        let labels = vec!["PERSON".to_owned(), "PRISON".to_owned(), "PLACE".to_owned()];
        let doc = DocRows {
            id: 1,
            name: "a.txt".into(),
            path: "a.txt".into(),
            text: text.into(),
            index: CharIndex::new(text),
            status: "todo",
            note: String::new(),
            text_sha256: String::new(),
            spans: vec![
                span(0, 19, "PRISON", "سجن صيدنايا العسكري"),
                span(4, 11, "PLACE", "صيدنايا"),
                span(24, 27, "PLACE", "مشق"),
            ],
            relations: Vec::new(),
        };
        let tokens = word_tokens(text);
        let mut warnings = Vec::new();
        let (tags, tagged) = tag_document(&doc, &tokens, &labels, &mut warnings);
        // O=0, B-PERSON=1, I-PERSON=2, B-PRISON=3, I-PRISON=4, B-PLACE=5, I-PLACE=6.
        assert_eq!(tags, vec![3, 4, 4, 0, 5]);
        assert_eq!(tagged, vec![true, false, true]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("IOB2 cannot nest"));
        assert!(warnings[1].contains("widened to code points [23, 27)"));
        assert_eq!(
            tag_names(&labels)[..4],
            ["O", "B-PERSON", "I-PERSON", "B-PRISON"]
        );
    }
}
