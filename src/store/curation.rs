//! Adjudication of one span: [`crate::model::Action::AcceptIntoCurated`] copies an annotator's
//! annotation into the curated layer (annotator [`CURATOR`], see [`super::team`]).

use super::error::StoreError;
use super::team::CURATOR;
use crate::model::{Action, AnnotationId, Applied};
use rusqlite::{OptionalExtension, params};

/// [`Action::AcceptIntoCurated`]: a new annotation with the same document, span (chars,
/// end-exclusive) and label as `annotation_id`, in the curated layer. Audit rows: one `kind` row
/// by `actor` naming the source annotation and its annotator, then one `add_annotation` row by
/// [`CURATOR`] (as [`super::team`]'s `accept_agreeing` writes them). The inverse deletes the new
/// annotation. The source annotation is not changed (its layer stays the evidence agreement is
/// measured on).
///
/// # Errors
/// [`StoreError::NotFound`] for a missing annotation; [`StoreError::Refused`] when it is in the
/// curated layer already or the curated layer holds its span with its label; SQLite errors.
pub(super) fn accept_into_curated(
    tx: &rusqlite::Transaction<'_>,
    (actor, kind): (&str, &str),
    annotation_id: AnnotationId,
) -> Result<Applied, StoreError> {
    let (doc, start, end, label, annotator): (i64, i64, i64, i64, String) = tx
        .query_row(
            r#"SELECT document_id, start, "end", label_id, annotator FROM annotations WHERE id = ?1"#,
            [annotation_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "annotation",
            id: annotation_id,
        })?;
    if annotator == CURATOR {
        return Err(StoreError::Refused(format!(
            "annotation {annotation_id} is in the curated layer already"
        )));
    }
    let there: i64 = tx.query_row(
        r#"SELECT COUNT(*) FROM annotations WHERE document_id = ?1 AND start = ?2 AND "end" = ?3 AND label_id = ?4 AND annotator = ?5"#,
        params![doc, start, end, label, CURATOR],
        |r| r.get(0),
    )?;
    if there > 0 {
        return Err(StoreError::Refused(format!(
            "the curated layer already holds the span {start}..{end} of annotation {annotation_id} with its label"
        )));
    }
    super::apply::audit(
        tx,
        actor,
        kind,
        (Some(doc), Some(annotation_id)),
        None,
        Some(serde_json::json!({
            "layer": CURATOR,
            "from": annotation_id,
            "annotator": annotator,
        })),
    )?;
    tx.execute(
        r#"INSERT INTO annotations(document_id, start, "end", label_id, created_at, annotator) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"#,
        params![doc, start, end, label, super::project::now_rfc3339(), CURATOR],
    )?;
    let id = tx.last_insert_rowid();
    super::apply::audit(
        tx,
        CURATOR,
        "add_annotation",
        (Some(doc), Some(id)),
        None,
        Some(super::apply::annotation_json(tx, id)?),
    )?;
    Ok(Applied {
        inverse: Action::DeleteAnnotation { id },
        annotation: Some(id),
        created: Some(id),
    })
}

#[cfg(test)]
mod tests {
    use super::CURATOR;
    use crate::model::Action;
    use crate::store::{NewDocument, Project};

    #[test]
    fn accepting_one_annotators_span_copies_it_into_the_curated_layer_once_and_undoes() {
        let mut p = Project::in_memory().unwrap();
        let doc = p
            .add_documents(&[NewDocument::from_text("a.txt", "سجن صيدنايا في ريف دمشق")])
            .unwrap()[0];
        p.set_actor("alice");
        let alice = p
            .apply(&Action::AddAnnotation {
                id: None,
                document_id: doc,
                start: 19,
                end: 23,
                label: "PERSON".into(),
            })
            .unwrap()
            .annotation
            .unwrap();
        p.set_actor("layla");
        let audit_before = p.audit_len().unwrap();
        let accept = Action::AcceptIntoCurated {
            annotation_id: alice,
        };
        let done = p.apply(&accept).unwrap();
        let new = done.annotation.unwrap();
        assert_eq!(
            p.audit_len().unwrap(),
            audit_before + 2,
            "summary + add_annotation"
        );
        let layers = p.annotators().unwrap();
        assert_eq!(layers.get(CURATOR), Some(&1));
        assert_eq!(layers.get("alice"), Some(&1), "alice's layer unchanged");
        let curated = p
            .annotations(doc)
            .unwrap()
            .into_iter()
            .find(|a| a.id == new)
            .unwrap();
        assert_eq!((curated.start, curated.end), (19, 23));
        assert!(p.apply(&accept).is_err(), "already curated");
        assert!(
            p.apply(&Action::AcceptIntoCurated { annotation_id: new })
                .is_err(),
            "a curated span is not accepted again"
        );
        let redo = p.apply(&done.inverse).unwrap().inverse;
        assert_eq!(p.annotators().unwrap().get(CURATOR), None);
        p.apply(&redo).unwrap();
        assert_eq!(p.annotators_of(doc).unwrap()[&new], CURATOR);
    }
}
