//! What the spreadsheet (CSV, XLSX), Hugging Face, W3C and REFI-QDA exports read from a
//! project: every document with its spans (code point offsets into the stored text,
//! end-exclusive), their attributes, entity, note and authorship, checked by the same rules as
//! the JSONL export ([`super::jsonl`]): a damaged file is refused, and a span that breaks the
//! model's rules fails the export unless invalid spans are to be skipped (then each is a
//! warning).

use super::jsonl::{ExportError, InvalidSpan, JsonlEntity, Scope};
use crate::model::CharIndex;
use crate::store::Project;
use std::collections::{BTreeMap, HashMap};

/// Characters of context each side of a span in the spreadsheet exports.
pub const CONTEXT_CHARS: usize = 40;

/// One span as exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpanRow {
    /// The annotation's id in the project.
    pub annotation: i64,
    /// Start, code points into the document text.
    pub start: usize,
    /// End, code points, exclusive.
    pub end: usize,
    /// Label name.
    pub label: String,
    /// The span's text (exactly the stored text's chars `start..end`).
    pub text: String,
    /// Attribute values by name.
    pub attributes: BTreeMap<String, String>,
    /// The linked entity, if any.
    pub entity: Option<JsonlEntity>,
    /// The annotation's note ("" when none).
    pub note: String,
    /// Who made it and when, from the audit log (all "" when the log has no row for it).
    pub authorship: crate::store::authorship::Authorship,
}

/// One document as exported.
#[derive(Clone, Debug)]
pub struct DocRows {
    /// Project document id.
    pub id: i64,
    /// File name.
    pub name: String,
    /// Path below the imported folder, `/`-separated.
    pub path: String,
    /// The stored text.
    pub text: String,
    /// Char index of `text`, for slicing by code points.
    pub index: CharIndex,
    /// `todo`, `in_progress` or `done`.
    pub status: &'static str,
    /// The document's note.
    pub note: String,
    /// SHA-256 of the text as imported.
    pub text_sha256: String,
    /// Valid spans, sorted by start, then end, then id.
    pub spans: Vec<SpanRow>,
    /// Relations as (head index, child index, type) into `spans`.
    pub relations: Vec<(usize, usize, String)>,
}

impl DocRows {
    /// Up to `n` chars before and after `start..end` (code points), each line break (LF, CR,
    /// VT, FF, NEL, U+2028, U+2029) replaced by one space so a context stays on one line with
    /// its length in chars unchanged.
    pub fn context(&self, start: usize, end: usize, n: usize) -> (String, String) {
        let one_line = |s: &str| {
            s.chars()
                .map(|c| match c {
                    '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
                    c => c,
                })
                .collect::<String>()
        };
        let before = self.index.slice(&self.text, start.saturating_sub(n)..start);
        let after = self.index.slice(&self.text, end..end + n);
        (one_line(before), one_line(after))
    }

    /// Number of chars (code points) in the text.
    pub fn char_count(&self) -> usize {
        self.index.char_count()
    }
}

/// Everything an export writes.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Every label of the project's scheme, in palette order (used or not).
    pub labels: Vec<String>,
    /// Documents in document-list order (by path).
    pub documents: Vec<DocRows>,
    /// Problems that did not stop the export, each prefixed with its document's path.
    pub warnings: Vec<String>,
}

impl Corpus {
    /// Number of spans over all documents.
    pub fn span_count(&self) -> usize {
        self.documents.iter().map(|d| d.spans.len()).sum()
    }

    /// Every attribute name some exported span carries, sorted.
    pub fn attribute_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .documents
            .iter()
            .flat_map(|d| d.spans.iter().flat_map(|s| s.attributes.keys().cloned()))
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// Reads the project for export.
///
/// # Errors
/// [`ExportError::Store`]; [`ExportError::Damaged`] when SQLite's quick check finds the file
/// damaged; [`ExportError::Invalid`] (all invalid spans at once) unless `skip_invalid`.
pub fn load(project: &Project, skip_invalid: bool) -> Result<Corpus, ExportError> {
    load_with(
        project,
        skip_invalid,
        &Scope::Project,
        &super::progress::Progress::default(),
    )
}

/// [`load`] of the documents in `scope` (in document-list order), counting each document read
/// in `progress` and stopping when it is cancelled.
///
/// # Errors
/// As [`load`]; [`ExportError::Cancelled`].
pub fn load_with(
    project: &Project,
    skip_invalid: bool,
    scope: &Scope,
    progress: &super::progress::Progress,
) -> Result<Corpus, ExportError> {
    load_layer(
        project,
        skip_invalid,
        scope,
        &crate::store::team::Layer::All,
        progress,
    )
}

/// [`load_with`] of one layer's annotations (`--layer`; relations follow their annotations).
///
/// # Errors
/// As [`load_with`].
pub fn load_layer(
    project: &Project,
    skip_invalid: bool,
    scope: &Scope,
    layer: &crate::store::team::Layer,
    progress: &super::progress::Progress,
) -> Result<Corpus, ExportError> {
    let label_list = project.labels()?;
    let labels: HashMap<i64, String> = label_list.iter().map(|l| (l.id, l.name.clone())).collect();
    let entities = super::jsonl::entity_records(project)?;
    super::jsonl::refuse_damaged(project)?;
    let mut authorship = project.annotation_authorship()?;
    let mut corpus = Corpus {
        labels: label_list.into_iter().map(|l| l.name).collect(),
        ..Corpus::default()
    };
    let mut invalid = Vec::new();
    let summaries: Vec<_> = project
        .document_summaries()?
        .into_iter()
        .filter(|s| scope.includes(s))
        .collect();
    progress.reading(summaries.len());
    for summary in summaries {
        progress.tick()?;
        let doc = project.document(summary.id)?;
        super::jsonl::refuse_changed_text(project, &doc)?;
        let index = CharIndex::new(&doc.text);
        let len = index.char_count();
        let mut annotations = project.annotations(doc.id)?;
        // Each annotation's layer: the `annotator` the rows give (a merged team project's
        // annotations were imported by whoever merged them, so the audit log names the merger).
        let who = project.annotators_of(doc.id)?;
        let other_layers: std::collections::HashSet<i64> = annotations
            .iter()
            .filter(|a| !layer.includes(who.get(&a.id).map_or("", String::as_str)))
            .map(|a| a.id)
            .collect();
        annotations.retain(|a| !other_layers.contains(&a.id));
        annotations.retain(|a| {
            let problem = super::jsonl::span_problem(a, &labels, len);
            let Some(problem) = problem else { return true };
            let bad = InvalidSpan {
                document: doc.rel_path.clone(),
                annotation: a.id,
                problem,
            };
            if skip_invalid {
                corpus
                    .warnings
                    .push(format!("{}: left out {bad}", doc.rel_path));
            }
            invalid.push(bad);
            false
        });
        let mut attrs: HashMap<i64, BTreeMap<String, String>> = HashMap::new();
        for (a, name, value) in project.document_attributes(doc.id)? {
            attrs.entry(a).or_default().insert(name, value);
        }
        let position: HashMap<i64, usize> = annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        let spans = annotations
            .iter()
            .map(|a| SpanRow {
                annotation: a.id,
                start: a.start,
                end: a.end,
                label: labels.get(&a.label_id).cloned().unwrap_or_default(),
                text: index.slice(&doc.text, a.range()).to_owned(),
                attributes: attrs.remove(&a.id).unwrap_or_default(),
                entity: a.entity_id.and_then(|e| entities.get(&e).cloned()),
                note: a.note.clone(),
                authorship: {
                    let mut made = authorship.remove(&a.id).unwrap_or_default();
                    if let Some(name) = who.get(&a.id).filter(|n| !n.is_empty()) {
                        made.annotator.clone_from(name);
                    }
                    made
                },
            })
            .collect();
        let mut relations = Vec::new();
        for r in project.relations(doc.id)? {
            if other_layers.contains(&r.head) || other_layers.contains(&r.child) {
                continue; // not in the exported layer
            }
            match (position.get(&r.head), position.get(&r.child)) {
                (Some(&h), Some(&c)) => relations.push((h, c, r.relation)),
                _ => corpus.warnings.push(format!(
                    "{}: left out relation {} ({}): one of its annotations is not among the exported spans",
                    doc.rel_path, r.id, r.relation
                )),
            }
        }
        corpus.documents.push(DocRows {
            id: doc.id,
            name: doc.name,
            path: doc.rel_path,
            text: doc.text,
            index,
            status: doc.status.as_str(),
            note: doc.note,
            text_sha256: doc.text_sha256,
            spans,
            relations,
        });
    }
    if !invalid.is_empty() && !skip_invalid {
        return Err(ExportError::Invalid(invalid));
    }
    Ok(corpus)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> DocRows {
        DocRows {
            id: 1,
            name: "a.txt".into(),
            path: "a.txt".into(),
            text: text.into(),
            index: CharIndex::new(text),
            status: "todo",
            note: String::new(),
            text_sha256: String::new(),
            spans: Vec::new(),
            relations: Vec::new(),
        }
    }

    #[test]
    fn context_counts_code_points_and_keeps_one_line() {
        // "سجن" is chars 5..8 of "قال:\nسجن 😀 حلب"; 3 chars of context each side.
        let d = doc("قال:\nسجن 😀 حلب");
        assert_eq!(d.context(5, 8, 3), ("ل: ".to_owned(), " 😀 ".to_owned()));
        assert_eq!(
            d.context(0, 2, 40),
            (String::new(), "ل: سجن 😀 حلب".to_owned())
        );
    }
}
