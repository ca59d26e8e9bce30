//! W3C Web Annotation export (<https://www.w3.org/TR/annotation-model/>): one JSON-LD
//! `AnnotationCollection` whose single `AnnotationPage` holds every annotation.
//!
//! Each span is an `Annotation` (`motivation` `tagging`) whose `target` is a `SpecificResource`
//! on the document with two selectors:
//! - `TextPositionSelector` `start`/`end`: Unicode code points into the document text,
//!   end-exclusive — the unit the Web Annotation model itself prescribes for this selector
//!   (selection "in terms of unicode code points", not code units).
//! - `TextQuoteSelector` `exact` (the span's text), `prefix` and `suffix` (up to
//!   [`super::rows::CONTEXT_CHARS`] code points before and after, unchanged).
//!
//! Bodies: the label (`TextualBody`, purpose `tagging`), the linked entity's canonical name
//! (purpose `identifying`), each attribute as `NAME=VALUE` (purpose `classifying`), the note
//! (purpose `commenting`). `creator` and `created` come from the audit log. A relation is an
//! `Annotation` with motivation `linking`: its target is the head span's annotation, its bodies
//! the relation type (`tagging`) and the child span's annotation (`identifying`).
//!
//! Ids: annotations `urn:sanad:annotation:ID`, relations `urn:sanad:relation:DOC:N`,
//! documents (the `source`) `urn:sanad:document:ID`, with the document's path as `title`.

use super::jsonl::{ExportError, ExportSummary};
use super::rows::{CONTEXT_CHARS, Corpus};
use crate::store::Project;
use serde_json::{Value, json};
use std::io::Write;

/// The JSON-LD collection of `corpus` (see the module docs).
pub fn collection(corpus: &Corpus) -> Value {
    let mut items = Vec::new();
    for d in &corpus.documents {
        let source = json!({
            "id": format!("urn:sanad:document:{}", d.id),
            "type": "Text",
            "format": "text/plain",
            "title": d.path,
        });
        for s in &d.spans {
            let mut bodies = vec![json!({
                "type": "TextualBody", "purpose": "tagging", "value": s.label,
            })];
            if let Some(e) = &s.entity {
                bodies.push(json!({
                    "type": "TextualBody", "purpose": "identifying", "value": e.name,
                    "id": format!("urn:sanad:entity:{}", e.id),
                }));
            }
            for (k, v) in &s.attributes {
                bodies.push(json!({
                    "type": "TextualBody", "purpose": "classifying", "value": format!("{k}={v}"),
                }));
            }
            if !s.note.is_empty() {
                bodies.push(json!({
                    "type": "TextualBody", "purpose": "commenting", "value": s.note,
                }));
            }
            // The quote keeps line breaks: TextQuoteSelector matches the text as it is.
            let prefix = d
                .index
                .slice(&d.text, s.start.saturating_sub(CONTEXT_CHARS)..s.start);
            let suffix = d.index.slice(&d.text, s.end..s.end + CONTEXT_CHARS);
            let mut a = json!({
                "id": format!("urn:sanad:annotation:{}", s.annotation),
                "type": "Annotation",
                "motivation": "tagging",
                "body": bodies,
                "target": {
                    "type": "SpecificResource",
                    "source": source,
                    "selector": [
                        {"type": "TextPositionSelector", "start": s.start, "end": s.end},
                        {"type": "TextQuoteSelector", "exact": s.text, "prefix": prefix, "suffix": suffix},
                    ],
                },
            });
            if !s.authorship.annotator.is_empty() {
                a["creator"] = json!({"type": "Person", "nickname": s.authorship.annotator});
                a["created"] = json!(s.authorship.created);
            }
            if s.authorship.changed != s.authorship.created {
                a["modified"] = json!(s.authorship.changed);
            }
            items.push(a);
        }
        for (n, (h, c, label)) in d.relations.iter().enumerate() {
            items.push(json!({
                "id": format!("urn:sanad:relation:{}:{n}", d.id),
                "type": "Annotation",
                "motivation": "linking",
                "body": [
                    {"type": "TextualBody", "purpose": "tagging", "value": label},
                    {"id": format!("urn:sanad:annotation:{}", d.spans[*c].annotation), "purpose": "identifying"},
                ],
                "target": format!("urn:sanad:annotation:{}", d.spans[*h].annotation),
            }));
        }
    }
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:sanad:export",
        "type": "AnnotationCollection",
        "label": "Sanad export",
        "total": items.len(),
        "first": {
            "id": "urn:sanad:export:page:1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

/// Writes the project as W3C Web Annotation JSON-LD to `out`.
///
/// # Errors
/// [`ExportError`] (see [`super::rows::load`]).
pub fn write_w3c(
    project: &Project,
    skip_invalid: bool,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let corpus = super::rows::load(project, skip_invalid)?;
    serde_json::to_writer(&mut *out, &collection(&corpus))?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(ExportSummary {
        documents: corpus.documents.len(),
        warnings: corpus.warnings,
    })
}

/// Writes the W3C export to `path` atomically (see [`super::file::write_atomically`]).
///
/// # Errors
/// [`ExportError`].
pub fn write_w3c_file(
    project: &Project,
    skip_invalid: bool,
    path: &std::path::Path,
) -> Result<ExportSummary, ExportError> {
    super::file::write_atomically(path, project.path(), |out| {
        write_w3c(project, skip_invalid, out)
    })
}
