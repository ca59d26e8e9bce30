//! REFI-QDA project export (`.qdpx`), the exchange format of QualCoder, ATLAS.ti, MAXQDA and
//! NVivo (REFI-QDA Standard 1.5, schema `urn:QDA-XML:project:1.0`).
//!
//! The `.qdpx` is a zip archive holding `project.qde` (the project as XML) and `sources/`, one
//! UTF-8 `.txt` per document, referenced as `internal://GUID.txt`. In the XML:
//! - `Users`: one `User` per annotator named in the audit log.
//! - `CodeBook/Codes`: one `Code` per label of the scheme (used or not), with its colour.
//! - `Sources`: one `TextSource` per document; one `PlainTextSelection` per span with one
//!   `Coding` referring to its label's code. The selection's `Description` carries the span's
//!   note, entity and attributes (`kind=allegation`), which REFI-QDA has no place for.
//!
//! Positions: `startPosition`/`endPosition` are Unicode code points (characters) into the source
//! text, 0-based, end-exclusive. The schema types them as plain integers and names no unit;
//! code points are what QualCoder (Python string indices) reads and writes, and what other
//! implementations of the standard take them to be. Relations are not exported (REFI-QDA
//! `Links` join whole objects, not typed span pairs); they are counted in the warnings.
//!
//! GUIDs are derived from the project's ids (SHA-256 of a fixed key), so exporting the same
//! project twice gives the same GUIDs.

use super::jsonl::{ExportError, ExportSummary};
use super::rows::Corpus;
use crate::store::Project;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::collections::BTreeMap;
use std::io::Write;

/// A GUID (8-4-4-4-12 hex, RFC 4122 version 4 and variant bits set) derived from `key`.
pub fn guid(key: &str) -> String {
    let h = crate::model::sha256_hex(format!("sanad refi-qda {key}").as_bytes());
    let mut out = String::with_capacity(36);
    for (i, c) in h.chars().take(32).enumerate() {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(match i {
            12 => '4',
            16 => ['8', '9', 'a', 'b'][c.to_digit(16).unwrap_or(0) as usize % 4],
            _ => c,
        });
    }
    out
}

type Xml = quick_xml::Writer<Vec<u8>>;

fn xml_err(e: impl std::fmt::Display) -> ExportError {
    ExportError::Io(std::io::Error::other(format!("REFI-QDA XML: {e}")))
}

fn open(w: &mut Xml, name: &str, attrs: &[(&str, &str)]) -> Result<(), ExportError> {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute((*k, *v));
    }
    w.write_event(Event::Start(e)).map_err(xml_err)
}

fn empty(w: &mut Xml, name: &str, attrs: &[(&str, &str)]) -> Result<(), ExportError> {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute((*k, *v));
    }
    w.write_event(Event::Empty(e)).map_err(xml_err)
}

fn close(w: &mut Xml, name: &str) -> Result<(), ExportError> {
    w.write_event(Event::End(BytesEnd::new(name)))
        .map_err(xml_err)
}

fn text_element(w: &mut Xml, name: &str, text: &str) -> Result<(), ExportError> {
    open(w, name, &[])?;
    w.write_event(Event::Text(BytesText::new(text)))
        .map_err(xml_err)?;
    close(w, name)
}

/// `s` without the chars XML 1.0 cannot hold (C0 controls other than tab, LF, CR; U+FFFE/FFFF).
fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// The `project.qde` XML of `corpus`, and warnings.
///
/// # Errors
/// XML writing errors (as [`ExportError::Io`]).
pub fn project_xml(
    corpus: &Corpus,
    colors: &BTreeMap<String, [u8; 3]>,
) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    let mut warnings = Vec::new();
    let mut w = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .map_err(xml_err)?;
    let now = crate::store::project::now_rfc3339();
    open(
        &mut w,
        "Project",
        &[
            ("xmlns", "urn:QDA-XML:project:1.0"),
            ("name", "Sanad export"),
            ("origin", concat!("Sanad ", env!("CARGO_PKG_VERSION"))),
            ("creationDateTime", &now),
        ],
    )?;
    let mut users: Vec<&str> = corpus
        .documents
        .iter()
        .flat_map(|d| d.spans.iter().map(|s| s.authorship.annotator.as_str()))
        .filter(|a| !a.is_empty())
        .collect();
    users.sort_unstable();
    users.dedup();
    if !users.is_empty() {
        open(&mut w, "Users", &[])?;
        for u in &users {
            empty(
                &mut w,
                "User",
                &[("guid", &guid(&format!("user {u}"))), ("name", u)],
            )?;
        }
        close(&mut w, "Users")?;
    }
    open(&mut w, "CodeBook", &[])?;
    open(&mut w, "Codes", &[])?;
    for label in &corpus.labels {
        let color = colors
            .get(label)
            .map(|[r, g, b]| format!("#{r:02X}{g:02X}{b:02X}"))
            .unwrap_or_else(|| "#808080".to_owned());
        empty(
            &mut w,
            "Code",
            &[
                ("guid", &guid(&format!("code {label}"))),
                ("name", &xml_safe(label)),
                ("isCodable", "true"),
                ("color", &color),
            ],
        )?;
    }
    close(&mut w, "Codes")?;
    close(&mut w, "CodeBook")?;
    open(&mut w, "Sources", &[])?;
    // Computed once per annotator and per label rather than once per span.
    let mut user_guids: std::collections::HashMap<&str, String> = Default::default();
    let mut code_guids: std::collections::HashMap<&str, String> = Default::default();
    for d in &corpus.documents {
        let source = guid(&format!("document {}", d.id));
        let path = format!("internal://{source}.txt");
        open(
            &mut w,
            "TextSource",
            &[
                ("guid", &source),
                ("name", &xml_safe(&d.path)),
                ("plainTextPath", &path),
            ],
        )?;
        for s in &d.spans {
            let sel = guid(&format!("annotation {}", s.annotation));
            let (start, end) = (s.start.to_string(), s.end.to_string());
            let user = user_guids
                .entry(s.authorship.annotator.as_str())
                .or_insert_with(|| guid(&format!("user {}", s.authorship.annotator)))
                .clone();
            let mut attrs: Vec<(&str, &str)> = vec![
                ("guid", &sel),
                ("name", &s.label),
                ("startPosition", &start),
                ("endPosition", &end),
            ];
            if !s.authorship.annotator.is_empty() {
                attrs.push(("creatingUser", &user));
                attrs.push(("creationDateTime", &s.authorship.created));
            }
            open(&mut w, "PlainTextSelection", &attrs)?;
            let mut description = Vec::new();
            if !s.note.is_empty() {
                description.push(s.note.clone());
            }
            if let Some(e) = &s.entity {
                description.push(format!("entity: {}", e.name));
            }
            description.extend(s.attributes.iter().map(|(k, v)| format!("{k}={v}")));
            if !description.is_empty() {
                text_element(&mut w, "Description", &xml_safe(&description.join("\n")))?;
            }
            let mut coding: Vec<(&str, &str)> = Vec::new();
            let coding_guid = guid(&format!("coding {}", s.annotation));
            coding.push(("guid", &coding_guid));
            if !s.authorship.annotator.is_empty() {
                coding.push(("creatingUser", &user));
                coding.push(("creationDateTime", &s.authorship.created));
            }
            open(&mut w, "Coding", &coding)?;
            empty(
                &mut w,
                "CodeRef",
                &[(
                    "targetGUID",
                    code_guids
                        .entry(s.label.as_str())
                        .or_insert_with(|| guid(&format!("code {}", s.label))),
                )],
            )?;
            close(&mut w, "Coding")?;
            close(&mut w, "PlainTextSelection")?;
        }
        close(&mut w, "TextSource")?;
        if !d.relations.is_empty() {
            warnings.push(format!(
                "{}: {} relation(s) not exported (REFI-QDA has no typed relations between text selections)",
                d.path,
                d.relations.len()
            ));
        }
    }
    close(&mut w, "Sources")?;
    close(&mut w, "Project")?;
    Ok((w.into_inner(), warnings))
}

/// The `.qdpx` archive of `corpus` as bytes, and warnings.
///
/// # Errors
/// XML and zip errors (as [`ExportError::Io`]).
pub fn qdpx_bytes(
    corpus: &Corpus,
    colors: &BTreeMap<String, [u8; 3]>,
) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    let (xml, warnings) = project_xml(corpus, colors)?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let zip_err = |e: zip::result::ZipError| ExportError::Io(std::io::Error::other(e));
    zip.start_file("project.qde", options).map_err(zip_err)?;
    zip.write_all(&xml)?;
    for d in &corpus.documents {
        let name = format!("sources/{}.txt", guid(&format!("document {}", d.id)));
        zip.start_file(name, options).map_err(zip_err)?;
        zip.write_all(d.text.as_bytes())?;
    }
    let bytes = zip.finish().map_err(zip_err)?.into_inner();
    Ok((bytes, warnings))
}

/// Writes the project as a REFI-QDA `.qdpx` to `path` atomically (see
/// [`super::file::write_atomically`]).
///
/// # Errors
/// [`ExportError`] (see [`super::rows::load`]).
pub fn write_qdpx_file(
    project: &Project,
    skip_invalid: bool,
    path: &std::path::Path,
) -> Result<ExportSummary, ExportError> {
    let corpus = super::rows::load(project, skip_invalid)?;
    let colors = project
        .labels()?
        .into_iter()
        .map(|l| (l.name, l.color))
        .collect();
    let (bytes, more) = qdpx_bytes(&corpus, &colors)?;
    super::file::write_atomically(path, project.path(), |out| Ok(out.write_all(&bytes)?))?;
    let spans = corpus.span_count();
    let mut warnings = corpus.warnings;
    warnings.extend(more);
    Ok(ExportSummary {
        documents: corpus.documents.len(),
        spans,
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
    fn guids_are_stable_and_shaped_as_the_schema_wants() {
        let g = guid("code PERSON");
        assert_eq!(g, guid("code PERSON"));
        assert_ne!(g, guid("code PRISON"));
        let parts: Vec<usize> = g.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12]);
        assert!(g.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert_eq!(&g[14..15], "4");
        // From Python: hashlib.sha256(b"sanad refi-qda code PERSON").hexdigest()[:32] is
        // 5d60b950b1727339fe9aefe181d296ee; digit 12 set to 4, digit 16 (f) to 8 + 15 % 4 = b.
        assert_eq!(g, "5d60b950-b172-4339-be9a-efe181d296ee");
    }

    #[test]
    fn xml_safe_drops_what_xml_cannot_hold() {
        assert_eq!(xml_safe("a\u{1}b\tc\nسجن"), "ab\tc\nسجن");
    }
}
