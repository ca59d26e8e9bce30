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
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    purpose: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<std::borrow::Cow<'a, str>>,
}

impl<'a> Body<'a> {
    fn text(purpose: &'static str, value: impl Into<std::borrow::Cow<'a, str>>) -> Self {
        Body {
            id: None,
            kind: Some("TextualBody"),
            purpose,
            value: Some(value.into()),
        }
    }
}

#[derive(Serialize)]
struct Source<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    format: &'static str,
    title: &'a str,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextPositionSelector {
        start: usize,
        end: usize,
    },
    TextQuoteSelector {
        exact: &'a str,
        prefix: &'a str,
        suffix: &'a str,
    },
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    source: &'a Source<'a>,
    selector: [Selector<'a>; 2],
}

#[derive(Serialize)]
#[serde(untagged)]
enum TargetOrId<'a> {
    Target(Target<'a>),
    Id(String),
}

#[derive(Serialize)]
struct Creator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    nickname: &'a str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Vec<Body<'a>>,
    target: TargetOrId<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Creator<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<&'a str>,
}

/// Writes the JSON-LD collection of `corpus` (see the module docs) to `out`, one annotation at
/// a time.
///
/// # Errors
/// I/O and serialisation errors.
pub fn write_collection(corpus: &Corpus, out: &mut dyn Write) -> Result<(), ExportError> {
    let total: usize = corpus
        .documents
        .iter()
        .map(|d| d.spans.len() + d.relations.len())
        .sum();
    write!(
        out,
        "{{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":\"urn:sanad:export\",\"type\":\"AnnotationCollection\",\"label\":\"Sanad export\",\"total\":{total},\"first\":{{\"id\":\"urn:sanad:export:page:1\",\"type\":\"AnnotationPage\",\"startIndex\":0,\"items\":["
    )?;
    let mut first = true;
    let mut item = |a: &Annotation<'_>, out: &mut dyn Write| -> Result<(), ExportError> {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        serde_json::to_writer(&mut *out, a)?;
        Ok(())
    };
    for d in &corpus.documents {
        let source = Source {
            id: format!("urn:sanad:document:{}", d.id),
            kind: "Text",
            format: "text/plain",
            title: &d.path,
        };
        for s in &d.spans {
            let mut body = vec![Body::text("tagging", s.label.as_str())];
            if let Some(e) = &s.entity {
                let mut b = Body::text("identifying", e.name.as_str());
                b.id = Some(format!("urn:sanad:entity:{}", e.id));
                body.push(b);
            }
            for (k, v) in &s.attributes {
                body.push(Body::text("classifying", format!("{k}={v}")));
            }
            if !s.note.is_empty() {
                body.push(Body::text("commenting", s.note.as_str()));
            }
            // The quote keeps line breaks: TextQuoteSelector matches the text as it is.
            let prefix = d
                .index
                .slice(&d.text, s.start.saturating_sub(CONTEXT_CHARS)..s.start);
            let suffix = d.index.slice(&d.text, s.end..s.end + CONTEXT_CHARS);
            let a = &s.authorship;
            let known = !a.annotator.is_empty();
            item(
                &Annotation {
                    id: format!("urn:sanad:annotation:{}", s.annotation),
                    kind: "Annotation",
                    motivation: "tagging",
                    body,
                    target: TargetOrId::Target(Target {
                        kind: "SpecificResource",
                        source: &source,
                        selector: [
                            Selector::TextPositionSelector {
                                start: s.start,
                                end: s.end,
                            },
                            Selector::TextQuoteSelector {
                                exact: &s.text,
                                prefix,
                                suffix,
                            },
                        ],
                    }),
                    creator: known.then_some(Creator {
                        kind: "Person",
                        nickname: &a.annotator,
                    }),
                    created: known.then_some(a.created.as_str()),
                    modified: (a.changed != a.created).then_some(a.changed.as_str()),
                },
                out,
            )?;
        }
        for (n, (h, c, label)) in d.relations.iter().enumerate() {
            item(
                &Annotation {
                    id: format!("urn:sanad:relation:{}:{n}", d.id),
                    kind: "Annotation",
                    motivation: "linking",
                    body: vec![
                        Body::text("tagging", label.as_str()),
                        Body {
                            id: Some(format!("urn:sanad:annotation:{}", d.spans[*c].annotation)),
                            kind: None,
                            purpose: "identifying",
                            value: None,
                        },
                    ],
                    target: TargetOrId::Id(format!(
                        "urn:sanad:annotation:{}",
                        d.spans[*h].annotation
                    )),
                    creator: None,
                    created: None,
                    modified: None,
                },
                out,
            )?;
        }
    }
    out.write_all(b"]}}")?;
    Ok(())
}

/// The JSON-LD collection of `corpus` as a JSON value (see [`write_collection`]).
///
/// # Errors
/// Serialisation errors.
pub fn collection(corpus: &Corpus) -> Result<serde_json::Value, ExportError> {
    let mut bytes = Vec::new();
    write_collection(corpus, &mut bytes)?;
    Ok(serde_json::from_slice(&bytes)?)
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
    write_collection(&corpus, out)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(ExportSummary {
        documents: corpus.documents.len(),
        spans: corpus.span_count(),
        misaligned: Vec::new(),
        written: Vec::new(),
        pseudonym_key: None,
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
