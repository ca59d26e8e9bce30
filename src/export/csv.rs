//! CSV export for people who work in spreadsheets: one row per annotation.
//!
//! Columns (header row first): `document` (its path), `label`, `text` (the span's text, exactly),
//! `context_before` and `context_after` (up to [`CONTEXT_CHARS`] code points each side, line
//! breaks shown as spaces), `start` and `end` (code points into the document text,
//! end-exclusive), `entity` (canonical name, "" when none), `entity_id` ("" when none), one
//! `attribute:NAME` column per attribute name any exported span carries, `note`, `annotator` and
//! `time` (who made the annotation and when, RFC 3339 UTC, from the audit log), `changed_by` and
//! `changed` (the last change), `document_id`, `annotation_id`. Rows follow the document list,
//! then start offset.
//!
//! RFC 4180 CSV (comma, `"` quoting, CR LF line ends), UTF-8; with [`CsvOptions::bom`] the file
//! starts with a UTF-8 byte-order mark, which Excel needs to read it as UTF-8 rather than the
//! system code page. Cells are written as they are: a spreadsheet program may take a cell that
//! starts with `=` for a formula (the XLSX export stores every cell as text or a number).

use super::jsonl::{ExportError, ExportSummary};
use super::rows::{CONTEXT_CHARS, Corpus, DocRows, SpanRow};
use crate::store::Project;
use std::io::Write;

/// One cell of the annotation table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// Nothing.
    Empty,
}

impl Cell {
    /// The cell as CSV text.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// The column names of the annotation table for `corpus` (see the module docs).
pub fn columns(corpus: &Corpus) -> Vec<String> {
    let mut out: Vec<String> = [
        "document",
        "label",
        "text",
        "context_before",
        "context_after",
        "start",
        "end",
        "entity",
        "entity_id",
    ]
    .map(str::to_owned)
    .to_vec();
    out.extend(
        corpus
            .attribute_names()
            .into_iter()
            .map(|n| format!("attribute:{n}")),
    );
    out.extend(
        [
            "note",
            "annotator",
            "time",
            "changed_by",
            "changed",
            "document_id",
            "annotation_id",
        ]
        .map(str::to_owned),
    );
    out
}

/// The cells of one span's row, in [`columns`] order, given the corpus's attribute names.
pub fn row(doc: &DocRows, span: &SpanRow, attribute_names: &[String]) -> Vec<Cell> {
    let (before, after) = doc.context(span.start, span.end, CONTEXT_CHARS);
    let text = |s: &str| Cell::Text(s.to_owned());
    let mut out = vec![
        text(&doc.path),
        text(&span.label),
        text(&span.text),
        Cell::Text(before),
        Cell::Text(after),
        Cell::Int(span.start as i64),
        Cell::Int(span.end as i64),
        span.entity.as_ref().map_or(Cell::Empty, |e| text(&e.name)),
        span.entity
            .as_ref()
            .map_or(Cell::Empty, |e| Cell::Int(e.id)),
    ];
    out.extend(
        attribute_names
            .iter()
            .map(|n| span.attributes.get(n).map_or(Cell::Empty, |v| text(v))),
    );
    let a = &span.authorship;
    out.extend([
        text(&span.note),
        text(&a.annotator),
        text(&a.created),
        text(&a.changed_by),
        text(&a.changed),
        Cell::Int(doc.id),
        Cell::Int(span.annotation),
    ]);
    out
}

/// CSV options.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
    /// Leave out spans that break the model's rules (as warnings) instead of failing.
    pub skip_invalid: bool,
}

/// Writes the annotation table of `corpus` as CSV.
///
/// # Errors
/// [`ExportError::Io`].
pub fn write_corpus(corpus: &Corpus, bom: bool, out: &mut dyn Write) -> Result<(), ExportError> {
    if bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(columns(corpus))
        .map_err(std::io::Error::from)?;
    let names = corpus.attribute_names();
    for d in &corpus.documents {
        for s in &d.spans {
            w.write_record(row(d, s, &names).iter().map(Cell::as_text))
                .map_err(std::io::Error::from)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes the project's annotations as CSV to `out`.
///
/// # Errors
/// [`ExportError`] (see [`super::rows::load`]).
pub fn write_csv(
    project: &Project,
    options: CsvOptions,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let corpus = super::rows::load(project, options.skip_invalid)?;
    write_corpus(&corpus, options.bom, out)?;
    Ok(ExportSummary {
        documents: corpus.documents.len(),
        spans: corpus.span_count(),
        misaligned: Vec::new(),
        written: Vec::new(),
        pseudonym_key: None,
        warnings: corpus.warnings,
    })
}

/// Writes the CSV export to `path` atomically (see [`super::file::write_atomically`]).
///
/// # Errors
/// [`ExportError`].
pub fn write_csv_file(
    project: &Project,
    options: CsvOptions,
    path: &std::path::Path,
) -> Result<ExportSummary, ExportError> {
    super::file::write_atomically(path, project.path(), |out| write_csv(project, options, out))
}
