//! XLSX export (via `rust_xlsxwriter`): the CSV export's annotation table ([`super::csv`], the
//! same columns, code point offsets) as a workbook for Excel and LibreOffice.
//!
//! - Sheet `annotations`: one row per annotation, a bold header row frozen at the top, an
//!   autofilter over the whole table.
//! - Sheet `counts`: one row per document, one column per label of the scheme (used or not),
//!   then `total`; a last row of totals per label.
//!
//! Both sheets are set right to left (column A at the right, as Arabic readers expect), and
//! every cell uses the font [`FONT`] (the annotation table through its columns' format), whose Windows and macOS versions have Arabic glyphs
//! (Excel's default Calibri has none and falls back per glyph; where Arial is missing, as on most
//! Linux systems, the spreadsheet program substitutes it and falls back likewise). Offsets and
//! ids are numbers; everything else is a text cell, never a
//! formula. A cell holds at most 32,767 characters (Excel's limit): a longer text is cut there
//! and the cut is listed in the warnings.

use super::csv::{Cell, columns, row};
use super::jsonl::{ExportError, ExportSummary};
use super::rows::Corpus;
use crate::store::Project;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// The font of every cell.
pub const FONT: &str = "Arial";

/// Excel's limit on the length of one cell's text (UTF-16 code units).
pub const MAX_CELL: usize = 32_767;

fn xlsx_error(e: XlsxError) -> ExportError {
    ExportError::Io(std::io::Error::other(format!("XLSX: {e}")))
}

/// `s` cut to at most [`MAX_CELL`] UTF-16 code units (at a char boundary); `true` when cut.
fn fit_cell(s: &str) -> (&str, bool) {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL {
            return (&s[..i], true);
        }
    }
    (s, false)
}

/// Writes `cell` at (`r`, `c`) in its column's format (set once per column: a format given per
/// cell is looked up in a hash table each time, which took most of the export's time); an
/// empty cell is not written. Returns whether its text had to be cut.
fn write_cell(sheet: &mut Worksheet, (r, c): (u32, u16), cell: &Cell) -> Result<bool, XlsxError> {
    match cell {
        Cell::Text(s) => {
            let (s, cut) = fit_cell(s);
            sheet.write_string(r, c, s)?;
            Ok(cut)
        }
        Cell::Int(n) => {
            sheet.write_number(r, c, *n as f64)?;
            Ok(false)
        }
        Cell::Empty => Ok(false),
    }
}

/// The workbook of `corpus` as XLSX bytes; cut cells are added to `warnings`.
///
/// # Errors
/// [`ExportError::Io`] wrapping the writer's error.
pub fn workbook_bytes(corpus: &Corpus, warnings: &mut Vec<String>) -> Result<Vec<u8>, ExportError> {
    build(corpus, warnings).map_err(xlsx_error)
}

fn build(corpus: &Corpus, warnings: &mut Vec<String>) -> Result<Vec<u8>, XlsxError> {
    let body = Format::new().set_font_name(FONT);
    let header = Format::new().set_font_name(FONT).set_bold();
    let mut book = Workbook::new();
    // Deflate at its fastest level: at the default (6) compressing the sheet took half the
    // export's time for a larger file saved by a few per cent.
    book.set_zip_compression_level(1);

    let sheet = book.add_worksheet();
    sheet.set_name("annotations")?;
    sheet.set_right_to_left(true);
    let names = columns(corpus);
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, name, &header)?;
        sheet.set_column_format(c as u16, &body)?;
    }
    let attribute_names = corpus.attribute_names();
    let mut r: u32 = 0;
    for d in &corpus.documents {
        for s in &d.spans {
            r += 1;
            for (c, cell) in row(d, s, &attribute_names).iter().enumerate() {
                if write_cell(sheet, (r, c as u16), cell)? {
                    warnings.push(format!(
                        "{}: annotation {}: column {} cut to {MAX_CELL} characters (Excel's limit)",
                        d.path, s.annotation, names[c]
                    ));
                }
            }
        }
    }
    let last_col = names.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, r, last_col)?;
    sheet.set_freeze_panes(1, 0)?;
    for (c, width) in [(0u16, 24.0), (1, 14.0), (2, 40.0), (3, 40.0), (4, 40.0)] {
        sheet.set_column_width(c, width)?;
    }

    let counts = book.add_worksheet();
    counts.set_name("counts")?;
    counts.set_right_to_left(true);
    counts.write_string_with_format(0, 0, "document", &header)?;
    for (i, label) in corpus.labels.iter().enumerate() {
        counts.write_string_with_format(0, 1 + i as u16, label, &header)?;
    }
    let total_col = 1 + corpus.labels.len() as u16;
    counts.write_string_with_format(0, total_col, "total", &header)?;
    let mut totals = vec![0usize; corpus.labels.len()];
    for (n, d) in corpus.documents.iter().enumerate() {
        let r = 1 + n as u32;
        counts.write_string_with_format(r, 0, fit_cell(&d.path).0, &body)?;
        for (i, label) in corpus.labels.iter().enumerate() {
            let k = d.spans.iter().filter(|s| &s.label == label).count();
            totals[i] += k;
            counts.write_number_with_format(r, 1 + i as u16, k as f64, &body)?;
        }
        counts.write_number_with_format(r, total_col, d.spans.len() as f64, &body)?;
    }
    let r = 1 + corpus.documents.len() as u32;
    counts.write_string_with_format(r, 0, "total", &header)?;
    for (i, t) in totals.iter().enumerate() {
        counts.write_number_with_format(r, 1 + i as u16, *t as f64, &header)?;
    }
    counts.write_number_with_format(r, total_col, corpus.span_count() as f64, &header)?;
    counts.set_column_width(0, 24.0)?;
    counts.set_freeze_panes(1, 1)?;

    book.save_to_buffer()
}

/// Writes the project's annotations as an XLSX workbook to `path` atomically (see
/// [`super::file::write_atomically`]).
///
/// # Errors
/// [`ExportError`] (see [`super::rows::load`]).
pub fn write_xlsx_file(
    project: &Project,
    skip_invalid: bool,
    path: &std::path::Path,
) -> Result<ExportSummary, ExportError> {
    let corpus = super::rows::load(project, skip_invalid)?;
    let mut warnings = corpus.warnings.clone();
    let bytes = workbook_bytes(&corpus, &mut warnings)?;
    super::file::write_atomically(path, project.path(), |out| Ok(out.write_all(&bytes)?))?;
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

    #[test]
    fn long_cells_are_cut_at_excels_limit_in_utf16_units() {
        let s = "😀".repeat(20_000); // 40,000 UTF-16 units
        let (cut, was_cut) = fit_cell(&s);
        assert!(was_cut);
        assert_eq!(cut.chars().count(), 16_383); // 32,766 units; one more would pass 32,767
        assert_eq!(fit_cell("سجن"), ("سجن", false));
    }
}
