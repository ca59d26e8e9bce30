//! Applying an annotation import ([`Action::Import`]) and taking it back
//! ([`Action::RemoveImport`]), inside the one transaction [`super::Project::apply`] opened.
//!
//! The batch has been reconciled with the project's scheme before (see
//! `crate::interop::plan`); here every row is still checked (spans inside their text, labels
//! and relation types present) so a stale batch fails as a whole instead of writing half of it.
//! Suggestions an import brings (`--as-suggestions`) go to the suggestions table
//! (`super::suggestions::insert_imported`) and are deleted again by its undo.
//! Audit rows: one `import_annotation` per span (its history starts there) and one summary row
//! (`import_annotations` or `remove_import`) listing the annotation ids, which
//! [`super::Project::replay_annotations`] follows.

use super::apply::{annotation_json, audit};
use super::error::StoreError;
use super::project::now_rfc3339;
use crate::model::bulk::{AnnRef, DocRef, EntityRef, ImportBatch};
use crate::model::{Action, Applied, DocumentStatus};
use rusqlite::{OptionalExtension, Transaction, params};

type Tx<'a> = Transaction<'a>;

fn label_id(tx: &Tx<'_>, name: &str) -> Result<i64, StoreError> {
    tx.query_row("SELECT id FROM labels WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| StoreError::UnknownLabel(name.to_owned()))
}

fn relation_type_id(tx: &Tx<'_>, name: &str) -> Result<Option<i64>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT id FROM relation_types WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

fn missing(what: &'static str, index: usize) -> StoreError {
    StoreError::Refused(format!(
        "the import refers to {what} {index}, which it does not hold (internal error)"
    ))
}

/// Applies `batch`: see the module docs. Returns the [`Action::RemoveImport`] that undoes it,
/// holding the batch with every id filled in.
///
/// # Errors
/// [`StoreError::UnknownLabel`], [`StoreError::InvalidSpan`], [`StoreError::Refused`] (a path or
/// id already taken, a relation type missing), SQLite errors; the caller's transaction is then
/// dropped, so nothing is written.
pub(super) fn import(
    tx: &Tx<'_>,
    actor: &str,
    kind: &str,
    batch: &ImportBatch,
) -> Result<Applied, StoreError> {
    let mut b = batch.clone();
    let now = now_rfc3339();
    // `kind` is `import_annotations`, or `undo: …`/`redo: …`: the renames carry the same tag.
    let tag = kind.split_once(": ").map(|(t, _)| t);
    for r in &b.label_renames {
        let rename = Action::RenameLabel {
            id: r.id,
            name: r.to.clone(),
        };
        super::apply::apply_in(tx, actor, tag, &rename)?;
    }
    let first_position: i64 = tx.query_row(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM labels",
        [],
        |r| r.get(0),
    )?;
    for (k, l) in b.labels.iter_mut().enumerate() {
        let taken: i64 = tx.query_row(
            "SELECT COUNT(*) FROM labels WHERE lower(name) = lower(?1)",
            [&l.name],
            |r| r.get(0),
        )?;
        if taken > 0 {
            return Err(StoreError::Refused(format!(
                "there is already a label named {} (names ignore case)",
                l.name
            )));
        }
        tx.execute(
            "INSERT INTO labels(id, name, color, key, description, position) VALUES (?1, ?2, ?3, NULL, ?4, ?5)",
            params![l.id, l.name, l.color, l.description, first_position + k as i64],
        )?;
        l.id = Some(tx.last_insert_rowid());
    }
    for a in &mut b.attribute_defs {
        let label = label_id(tx, &a.label)?;
        let values = serde_json::to_string(&a.values).unwrap_or_else(|_| "[]".into());
        let before: Option<String> = tx
            .query_row(
                "SELECT allowed_values FROM label_attributes WHERE label_id = ?1 AND name = ?2",
                params![label, a.name],
                |r| r.get(0),
            )
            .optional()?;
        if before.is_some() {
            tx.execute(
                "UPDATE label_attributes SET allowed_values = ?1 WHERE label_id = ?2 AND name = ?3",
                params![values, label, a.name],
            )?;
        } else {
            tx.execute(
                "INSERT INTO label_attributes(id, label_id, name, allowed_values, position)
                 VALUES (?4, ?1, ?2, ?3, (SELECT COUNT(*) FROM label_attributes WHERE label_id = ?1))",
                params![label, a.name, values, a.id],
            )?;
            a.id = Some(tx.last_insert_rowid());
        }
        a.before = before;
    }
    for r in &mut b.relation_types {
        let id = match relation_type_id(tx, &r.name)? {
            Some(id) => {
                r.created = None;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO relation_types(id, name, description, position)
                     VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position) + 1, 0) FROM relation_types))",
                    params![r.created, r.name, r.description],
                )?;
                let id = tx.last_insert_rowid();
                r.created = Some(id);
                id
            }
        };
        for (role, labels) in [("head", &r.head), ("child", &r.child)] {
            for name in labels {
                tx.execute(
                    "INSERT INTO relation_type_args(relation_type_id, role, label_id) VALUES (?1, ?2, ?3)",
                    params![id, role, label_id(tx, name)?],
                )?;
            }
        }
    }
    for d in &mut b.documents {
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM documents WHERE rel_path = ?1 OR id = ?2",
                params![d.rel_path, d.id],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(StoreError::Refused(format!(
                "another document is already at {} (or has id {:?})",
                d.rel_path, d.id
            )));
        }
        tx.execute(
            "INSERT INTO documents(id, name, rel_path, text, sha256, encoding, byte_len, char_count, imported_at, bom, encoding_guessed, text_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                d.id,
                d.name,
                d.rel_path,
                d.text,
                d.sha256,
                d.encoding,
                d.byte_len as i64,
                d.text.chars().count() as i64,
                now,
                d.bom,
                d.encoding_guessed,
                crate::model::sha256_hex(d.text.as_bytes()),
            ],
        )?;
        d.id = Some(tx.last_insert_rowid());
    }
    let doc_id = |r: DocRef, b: &ImportBatch| -> Result<i64, StoreError> {
        match r {
            DocRef::Existing(id) => Ok(id),
            DocRef::New(i) => b
                .documents
                .get(i)
                .and_then(|d| d.id)
                .ok_or_else(|| missing("document", i)),
        }
    };
    for i in 0..b.document_updates.len() {
        let doc = doc_id(b.document_updates[i].document, &b)?;
        let (note, status): (String, String) = tx
            .query_row(
                "SELECT note, status FROM documents WHERE id = ?1",
                [doc],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "document",
                id: doc,
            })?;
        let u = &mut b.document_updates[i];
        u.before = Some((
            note.clone(),
            DocumentStatus::parse(&status).unwrap_or_default(),
        ));
        let new_note = u.note.clone().unwrap_or(note);
        let new_status = u.status.map_or(status, |s| s.as_str().to_owned());
        tx.execute(
            "UPDATE documents SET note = ?1, status = ?2 WHERE id = ?3",
            params![new_note, new_status, doc],
        )?;
    }
    for e in &mut b.entities {
        let aliases = serde_json::to_string(&e.aliases).unwrap_or_else(|_| "[]".into());
        tx.execute(
            "INSERT INTO entities(id, name, kind, aliases, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                e.id,
                e.name,
                e.kind,
                aliases,
                &*e.created_at.get_or_insert_with(|| now.clone())
            ],
        )?;
        e.id = Some(tx.last_insert_rowid());
    }
    for i in 0..b.annotations.len() {
        let a = &b.annotations[i];
        let doc = doc_id(a.document, &b)?;
        let len: i64 = tx.query_row(
            "SELECT char_count FROM documents WHERE id = ?1",
            [doc],
            |r| r.get(0),
        )?;
        if a.start >= a.end || a.end > len as usize {
            return Err(StoreError::InvalidSpan {
                document_id: doc,
                start: a.start,
                end: a.end,
                len: len as usize,
            });
        }
        let entity = match a.entity {
            None => None,
            Some(EntityRef::Existing(id)) => Some(id),
            Some(EntityRef::New(k)) => Some(
                b.entities
                    .get(k)
                    .and_then(|e| e.id)
                    .ok_or_else(|| missing("entity", k))?,
            ),
        };
        let at = a.created_at.clone().unwrap_or_else(|| now.clone());
        let annotator = a.annotator.clone().unwrap_or_else(|| actor.to_owned());
        tx.execute(
            r#"INSERT INTO annotations(id, document_id, start, "end", label_id, created_at, note, entity_id, annotator)
               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"#,
            params![a.id, doc, a.start as i64, a.end as i64, label_id(tx, &a.label)?, at, a.note, entity, annotator],
        )?;
        let id = tx.last_insert_rowid();
        b.annotations[i].id = Some(id);
        b.annotations[i].created_at = Some(at);
        b.annotations[i].annotator = Some(annotator);
        audit(
            tx,
            actor,
            "import_annotation",
            (Some(doc), Some(id)),
            None,
            Some(annotation_json(tx, id)?),
        )?;
    }
    let ann_id = |r: AnnRef, b: &ImportBatch| -> Result<i64, StoreError> {
        match r {
            AnnRef::Existing(id) => Ok(id),
            AnnRef::New(i) => b
                .annotations
                .get(i)
                .and_then(|a| a.id)
                .ok_or_else(|| missing("annotation", i)),
        }
    };
    for a in &b.attributes {
        tx.execute(
            "INSERT INTO annotation_attributes(annotation_id, name, value) VALUES (?1, ?2, ?3)",
            params![ann_id(a.annotation, &b)?, a.name, a.value],
        )?;
    }
    for i in 0..b.relations.len() {
        let r = &b.relations[i];
        let (head, child) = (ann_id(r.head, &b)?, ann_id(r.child, &b)?);
        let type_id = relation_type_id(tx, &r.relation)?.ok_or_else(|| {
            StoreError::Refused(format!("the scheme has no relation type {:?}", r.relation))
        })?;
        let doc: i64 = tx.query_row(
            "SELECT document_id FROM annotations WHERE id = ?1",
            [head],
            |row| row.get(0),
        )?;
        let at = r.created_at.clone().unwrap_or_else(|| now.clone());
        tx.execute(
            "INSERT INTO relations(id, document_id, head_id, child_id, relation_type_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![r.id, doc, head, child, type_id, at],
        )?;
        b.relations[i].id = Some(tx.last_insert_rowid());
        b.relations[i].created_at = Some(at);
    }
    let docs = b
        .suggestions
        .iter()
        .map(|s| doc_id(s.document, &b))
        .collect::<Result<Vec<_>, _>>()?;
    super::suggestions::insert_imported(tx, &mut b.suggestions, &docs, &now)?;
    audit(tx, actor, kind, (None, None), None, Some(summary(&b)))?;
    Ok(Applied {
        inverse: Action::RemoveImport(Box::new(b)),
        annotation: None,
        created: None,
    })
}

fn summary(b: &ImportBatch) -> serde_json::Value {
    serde_json::json!({
        "source": b.source,
        "documents": b.documents.iter().filter_map(|d| d.id).collect::<Vec<_>>(),
        "annotations": b.annotations.iter().filter_map(|a| a.id).collect::<Vec<_>>(),
        "relations": b.relations.len(),
        "attributes": b.attributes.len(),
        "labels": b.labels.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        "renamed_labels": b.label_renames.iter().map(|r| [r.from.as_str(), r.to.as_str()]).collect::<Vec<_>>(),
        "suggestions": b.suggestions.iter().filter_map(|s| s.id).collect::<Vec<_>>(),
    })
}

/// Takes back an applied import (`batch` with its ids filled in): see the module docs. Returns
/// the [`Action::Import`] that brings it back with the same ids.
///
/// # Errors
/// [`StoreError::Refused`] when the batch lacks ids (it was never applied); SQLite errors.
pub(super) fn remove(
    tx: &Tx<'_>,
    actor: &str,
    kind: &str,
    batch: &ImportBatch,
) -> Result<Applied, StoreError> {
    let unapplied = || StoreError::Refused("this import was never applied".into());
    super::suggestions::delete_imported(tx, &batch.suggestions)?;
    for r in &batch.relations {
        tx.execute(
            "DELETE FROM relations WHERE id = ?1",
            [r.id.ok_or_else(unapplied)?],
        )?;
    }
    for a in &batch.attributes {
        if let AnnRef::Existing(id) = a.annotation {
            tx.execute(
                "DELETE FROM annotation_attributes WHERE annotation_id = ?1 AND name = ?2",
                params![id, a.name],
            )?;
        }
    }
    for a in &batch.annotations {
        tx.execute(
            "DELETE FROM annotations WHERE id = ?1",
            [a.id.ok_or_else(unapplied)?],
        )?;
    }
    for e in &batch.entities {
        tx.execute(
            "DELETE FROM entities WHERE id = ?1",
            [e.id.ok_or_else(unapplied)?],
        )?;
    }
    for u in batch.document_updates.iter().rev() {
        let (note, status) = u.before.clone().ok_or_else(unapplied)?;
        let doc = match u.document {
            DocRef::Existing(id) => Some(id),
            DocRef::New(_) => None, // deleted with its document below
        };
        if let Some(doc) = doc {
            tx.execute(
                "UPDATE documents SET note = ?1, status = ?2 WHERE id = ?3",
                params![note, status.as_str(), doc],
            )?;
        }
    }
    for d in &batch.documents {
        tx.execute(
            "DELETE FROM documents WHERE id = ?1",
            [d.id.ok_or_else(unapplied)?],
        )?;
    }
    for r in batch.relation_types.iter().rev() {
        if let Some(id) = r.created {
            tx.execute("DELETE FROM relation_types WHERE id = ?1", [id])?;
            continue;
        }
        let Some(id) = relation_type_id(tx, &r.name)? else {
            continue;
        };
        for (role, labels) in [("head", &r.head), ("child", &r.child)] {
            for name in labels {
                tx.execute(
                    "DELETE FROM relation_type_args WHERE relation_type_id = ?1 AND role = ?2
                     AND label_id = (SELECT id FROM labels WHERE name = ?3)",
                    params![id, role, name],
                )?;
            }
        }
    }
    for a in batch.attribute_defs.iter().rev() {
        let label = label_id(tx, &a.label)?;
        match &a.before {
            Some(values) => tx.execute(
                "UPDATE label_attributes SET allowed_values = ?1 WHERE label_id = ?2 AND name = ?3",
                params![values, label, a.name],
            )?,
            None => tx.execute(
                "DELETE FROM label_attributes WHERE label_id = ?1 AND name = ?2",
                params![label, a.name],
            )?,
        };
    }
    for l in batch.labels.iter().rev() {
        tx.execute(
            "DELETE FROM labels WHERE id = ?1",
            [l.id.ok_or_else(unapplied)?],
        )?;
    }
    let tag = kind.split_once(": ").map(|(t, _)| t);
    for r in batch.label_renames.iter().rev() {
        let rename = Action::RenameLabel {
            id: r.id,
            name: r.from.clone(),
        };
        super::apply::apply_in(tx, actor, tag, &rename)?;
    }
    audit(tx, actor, kind, (None, None), Some(summary(batch)), None)?;
    Ok(Applied {
        inverse: Action::Import(Box::new(batch.clone())),
        annotation: None,
        created: None,
    })
}
