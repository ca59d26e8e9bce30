//! [`Action::AddAnnotations`]: labelling many spans (every match of a search) as one action.

use super::apply::{apply_in, audit};
use super::error::StoreError;
use crate::model::{Action, Applied, DocumentId};
use rusqlite::Transaction;

/// Adds every span of `spans` with `label` inside `tx`: one `kind` audit row listing the spans
/// (written first, so the trail reads "label all: …" then each span), then each span as an
/// [`Action::AddAnnotation`] with its own audit row. Returns the inverse: a batch deleting them
/// all, last first.
///
/// # Errors
/// The first span's error ([`StoreError::InvalidSpan`], [`StoreError::UnknownLabel`],
/// [`StoreError::Refused`] when it already has this label), with the span named for refusals;
/// nothing is kept then (the caller's transaction is not committed).
pub(super) fn add_annotations(
    tx: &Transaction<'_>,
    (actor, tag, kind): (&str, Option<&str>, &str),
    spans: &[(DocumentId, usize, usize)],
    label: &str,
) -> Result<Applied, StoreError> {
    if spans.is_empty() {
        return Err(StoreError::Refused("no span to label".into()));
    }
    let documents: std::collections::BTreeSet<DocumentId> = spans.iter().map(|s| s.0).collect();
    let single = (documents.len() == 1).then(|| spans[0].0);
    audit(
        tx,
        actor,
        kind,
        (single, None),
        None,
        Some(serde_json::json!({
            "label": label,
            "spans": spans.iter().map(|(d, s, e)| serde_json::json!({"document_id": d, "start": s, "end": e})).collect::<Vec<_>>(),
        })),
    )?;
    let mut inverses = Vec::with_capacity(spans.len());
    let mut last = None;
    for &(document_id, start, end) in spans {
        let add = Action::AddAnnotation {
            id: None,
            document_id,
            start,
            end,
            label: label.to_owned(),
        };
        let done = apply_in(tx, actor, tag, &add).map_err(|e| match e {
            StoreError::Refused(why) => StoreError::Refused(format!(
                "span [{start}, {end}) of document {document_id}: {why}"
            )),
            other => other,
        })?;
        inverses.push(done.inverse);
        last = done.annotation.or(last);
    }
    inverses.reverse();
    Ok(Applied {
        inverse: Action::Batch(inverses),
        annotation: last,
        created: None,
    })
}

#[cfg(test)]
mod tests {
    use crate::model::Action;
    use crate::store::{NewDocument, Project};

    #[test]
    fn one_action_many_spans_one_undo() {
        let mut p = Project::in_memory().unwrap();
        let ids = p
            .add_documents(&[
                NewDocument::from_text("a.txt", "سجن صيدنايا وسجن عدرا"),
                NewDocument::from_text("b.txt", "سجن"),
            ])
            .unwrap();
        // PRISON comes with the default scheme of a new project.
        let audit_before = p.audit_len().unwrap();
        let spans = vec![(ids[0], 0, 3), (ids[0], 13, 16), (ids[1], 0, 3)];
        let done = p
            .apply(&Action::AddAnnotations {
                spans: spans.clone(),
                label: "PRISON".into(),
            })
            .unwrap();
        let stored = |p: &Project| {
            let mut v: Vec<(i64, usize, usize)> = ids
                .iter()
                .flat_map(|&d| p.annotations(d).unwrap())
                .map(|a| (a.document_id, a.start, a.end))
                .collect();
            v.sort();
            v
        };
        assert_eq!(stored(&p), spans);
        // One summary row, then one row per span.
        assert_eq!(p.audit_len().unwrap(), audit_before + 4);
        assert_eq!(
            p.replay_annotations().unwrap(),
            p.stored_annotations().unwrap()
        );
        p.apply_tagged(&done.inverse, Some("undo")).unwrap();
        assert_eq!(stored(&p), vec![]);
        assert_eq!(
            p.replay_annotations().unwrap(),
            p.stored_annotations().unwrap()
        );
        // Refused as a whole when one span is already labelled.
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: ids[1],
            start: 0,
            end: 3,
            label: "PRISON".into(),
        })
        .unwrap();
        let err = p
            .apply(&Action::AddAnnotations {
                spans,
                label: "PRISON".into(),
            })
            .unwrap_err();
        assert!(err.to_string().contains("[0, 3)"), "{err}");
        assert_eq!(stored(&p), vec![(ids[1], 0, 3)]);
    }
}
