//! Applying [`Action`]s: each is one transaction that checks the action against the project and
//! its scheme, changes the rows, writes one audit row (who, when, before, after), and returns the
//! action that undoes it.

use super::error::StoreError;
use super::project::{Project, now_rfc3339};
use crate::model::scheme::parse_hex_color;
use crate::model::{
    Action, AnnotationId, AnnotationSnapshot, Applied, DocumentId, EntityId, LabelId,
    LabelSnapshot, RelationRow,
};
use rusqlite::{OptionalExtension, Transaction, params};

type Tx<'a> = Transaction<'a>;

/// Writes one audit row, the only place audit rows are written: it takes the next id and its
/// link in the hash chain ([`super::chain`]) inside the caller's transaction. `keys` is
/// (document, annotation) the change is about, if any.
///
/// # Errors
/// SQLite errors.
pub fn audit(
    tx: &Tx<'_>,
    actor: &str,
    action: &str,
    keys: (Option<DocumentId>, Option<AnnotationId>),
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), StoreError> {
    let (before, after) = (before.map(|v| v.to_string()), after.map(|v| v.to_string()));
    super::chain::append(
        tx,
        &super::chain::NewRow {
            at: &now_rfc3339(),
            actor,
            action,
            before: before.as_deref(),
            after: after.as_deref(),
            document_id: keys.0,
            annotation_id: keys.1,
        },
    )?;
    Ok(())
}

/// Replaces one column of one row (`table`.`column` where `id` matches), writes one audit row
/// with the old and new values under `column`, and returns the old value.
///
/// # Errors
/// [`StoreError::NotFound`] (naming `what`) when there is no such row; SQLite errors.
fn swap_column<T: rusqlite::types::FromSql + serde::Serialize>(
    tx: &Tx<'_>,
    (actor, kind): (&str, &str),
    keys: (Option<DocumentId>, Option<AnnotationId>),
    (table, column, what): (&str, &str, &'static str),
    id: i64,
    new: &(impl rusqlite::ToSql + serde::Serialize),
) -> Result<T, StoreError> {
    let old: T = tx
        .query_row(
            &format!("SELECT {column} FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound { what, id })?;
    tx.execute(
        &format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2"),
        params![new, id],
    )?;
    audit(
        tx,
        actor,
        kind,
        keys,
        Some(serde_json::json!({ column: &old })),
        Some(serde_json::json!({ column: new })),
    )?;
    Ok(old)
}

fn label_id(tx: &Tx<'_>, name: &str) -> Result<LabelId, StoreError> {
    tx.query_row("SELECT id FROM labels WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| StoreError::UnknownLabel(name.to_owned()))
}

fn label_name(tx: &Tx<'_>, id: LabelId) -> Result<String, StoreError> {
    tx.query_row("SELECT name FROM labels WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound { what: "label", id })
}

fn document_len(tx: &Tx<'_>, id: DocumentId) -> Result<usize, StoreError> {
    let n: i64 = tx
        .prepare_cached("SELECT char_count FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "document",
            id,
        })?;
    Ok(n as usize)
}

/// Refuses a span `[start, end)` (chars, end-exclusive) that is empty, reversed or runs past
/// its document's text.
///
/// # Errors
/// [`StoreError::InvalidSpan`]; [`StoreError::NotFound`] for a missing document; SQLite errors.
pub(super) fn check_span(
    tx: &Tx<'_>,
    document_id: DocumentId,
    start: usize,
    end: usize,
) -> Result<(), StoreError> {
    let len = document_len(tx, document_id)?;
    if start >= end || end > len {
        return Err(StoreError::InvalidSpan {
            document_id,
            start,
            end,
            len,
        });
    }
    Ok(())
}

/// (document, label id) of an annotation.
pub(super) fn annotation_row(
    tx: &Tx<'_>,
    id: AnnotationId,
) -> Result<(DocumentId, LabelId), StoreError> {
    tx.query_row(
        "SELECT document_id, label_id FROM annotations WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "annotation",
        id,
    })
}

/// The annotation as JSON for the audit log (span, label, its text cut by SQLite in code points).
pub(super) fn annotation_json(
    tx: &Tx<'_>,
    id: AnnotationId,
) -> Result<serde_json::Value, StoreError> {
    // SQLite's substr() counts characters (code points) in TEXT, our offset unit, so the span's
    // text is cut in the database instead of loading the whole document.
    let row = tx
        .query_row(
            r#"SELECT a.document_id, a.start, a."end", l.name, substr(d.text, a.start + 1, a."end" - a.start)
               FROM annotations a JOIN labels l ON l.id = a.label_id JOIN documents d ON d.id = a.document_id
               WHERE a.id = ?1"#,
            [id],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "annotation", id })?;
    let (doc, start, end, label, text) = row;
    Ok(
        serde_json::json!({ "id": id, "document_id": doc, "start": start, "end": end, "label": label, "text": text }),
    )
}

fn snapshot(tx: &Tx<'_>, id: AnnotationId) -> Result<AnnotationSnapshot, StoreError> {
    let (document_id, start, end, label_id, created_at, note, entity_id, annotator) = tx
        .query_row(
            r#"SELECT document_id, start, "end", label_id, created_at, note, entity_id, annotator FROM annotations WHERE id = ?1"#,
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                    r.get::<_, String>(7)?,
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "annotation", id })?;
    let mut stmt = tx.prepare_cached(
        "SELECT name, value FROM annotation_attributes WHERE annotation_id = ?1 ORDER BY name",
    )?;
    let attributes = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT r.id, r.head_id, r.child_id, t.name, r.created_at FROM relations r JOIN relation_types t ON t.id = r.relation_type_id
         WHERE r.head_id = ?1 OR r.child_id = ?1 ORDER BY r.id",
    )?;
    let relations = stmt
        .query_map([id], |r| {
            Ok(RelationRow {
                id: r.get(0)?,
                head: r.get(1)?,
                child: r.get(2)?,
                relation: r.get(3)?,
                created_at: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(AnnotationSnapshot {
        id,
        document_id,
        start: start as usize,
        end: end as usize,
        label_id,
        created_at,
        note,
        entity_id,
        attributes,
        relations,
        annotator,
    })
}

/// Inserts the annotation rows of `snaps`, then their attributes, then every relation whose two
/// ends exist (so a batch restores relations between its own members too).
fn restore(tx: &Tx<'_>, snaps: &[AnnotationSnapshot]) -> Result<(), StoreError> {
    for s in snaps {
        tx.execute(
            r#"INSERT INTO annotations(id, document_id, start, "end", label_id, created_at, note, entity_id, annotator)
               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"#,
            params![s.id, s.document_id, s.start as i64, s.end as i64, s.label_id, s.created_at, s.note, s.entity_id, s.annotator],
        )?;
        for (name, value) in &s.attributes {
            tx.execute(
                "INSERT INTO annotation_attributes(annotation_id, name, value) VALUES (?1, ?2, ?3)",
                params![s.id, name, value],
            )?;
        }
    }
    for s in snaps {
        for r in &s.relations {
            let exists = |id: i64| -> Result<bool, StoreError> {
                Ok(tx.query_row(
                    "SELECT COUNT(*) FROM annotations WHERE id = ?1",
                    [id],
                    |row| row.get::<_, i64>(0),
                )? > 0)
            };
            let already: bool = tx.query_row(
                "SELECT COUNT(*) FROM relations WHERE id = ?1",
                [r.id],
                |row| row.get::<_, i64>(0),
            )? > 0;
            if already || !exists(r.head)? || !exists(r.child)? {
                continue;
            }
            let type_id: i64 = tx
                .query_row(
                    "SELECT id FROM relation_types WHERE name = ?1",
                    [&r.relation],
                    |row| row.get(0),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::Scheme(crate::model::scheme::SchemeError::Duplicate(
                        r.relation.clone(),
                    ))
                })?;
            tx.execute(
                "INSERT INTO relations(id, document_id, head_id, child_id, relation_type_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![r.id, s.document_id, r.head, r.child, type_id, r.created_at],
            )?;
        }
    }
    Ok(())
}

/// The relation type id for `name` if it allows a head with `head_label` and a child with `child_label`.
fn check_relation(
    tx: &Tx<'_>,
    name: &str,
    head_label: LabelId,
    child_label: LabelId,
) -> Result<i64, StoreError> {
    let type_id: i64 = tx
        .query_row(
            "SELECT id FROM relation_types WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::Refused(format!("the scheme has no relation type {name:?}")))?;
    let allowed = |role: &str, label: LabelId| -> Result<bool, StoreError> {
        Ok(tx.query_row(
            "SELECT COUNT(*) FROM relation_type_args WHERE relation_type_id = ?1 AND role = ?2 AND label_id = ?3",
            params![type_id, role, label],
            |r| r.get::<_, i64>(0),
        )? > 0)
    };
    if !allowed("head", head_label)? || !allowed("child", child_label)? {
        let (h, c) = (label_name(tx, head_label)?, label_name(tx, child_label)?);
        return Err(StoreError::Refused(format!(
            "the scheme does not allow {h} {name} {c}"
        )));
    }
    Ok(type_id)
}

fn label_snapshot(tx: &Tx<'_>, id: LabelId) -> Result<LabelSnapshot, StoreError> {
    let (name, color, key, description, position) = tx
        .query_row(
            "SELECT name, color, key, description, position FROM labels WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "label", id })?;
    let mut stmt = tx.prepare_cached("SELECT id, name, allowed_values, position FROM label_attributes WHERE label_id = ?1 ORDER BY id")?;
    let attributes = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut stmt = tx.prepare_cached("SELECT relation_type_id, role FROM relation_type_args WHERE label_id = ?1 ORDER BY relation_type_id, role")?;
    let relation_args = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let ids: Vec<i64> = tx
        .prepare_cached("SELECT id FROM annotations WHERE label_id = ?1 ORDER BY id")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let annotations = ids
        .into_iter()
        .map(|a| snapshot(tx, a))
        .collect::<Result<_, _>>()?;
    Ok(LabelSnapshot {
        id,
        name,
        color,
        key,
        description,
        position,
        attributes,
        relation_args,
        annotations,
    })
}

impl Project {
    /// Applies one user action as one transaction, records it in the audit log, and returns its
    /// inverse (for undo). Nothing changes when it fails.
    ///
    /// # Errors
    /// [`StoreError::InvalidSpan`], [`StoreError::UnknownLabel`], [`StoreError::NotFound`],
    /// [`StoreError::Refused`] (the scheme does not allow it), SQLite errors.
    pub fn apply(&mut self, action: &Action) -> Result<Applied, StoreError> {
        self.apply_tagged(action, None)
    }

    /// [`Self::apply`], with the audit rows' action names prefixed by `tag` (e.g. `undo`), so the
    /// trail tells an undo from a fresh change.
    ///
    /// # Errors
    /// As [`Self::apply`].
    pub fn apply_tagged(
        &mut self,
        action: &Action,
        tag: Option<&str>,
    ) -> Result<Applied, StoreError> {
        let actor = self.actor().to_owned();
        let tx = self.conn.transaction()?;
        let applied = apply_in(&tx, &actor, tag, action)?;
        tx.commit()?;
        Ok(applied)
    }
}

/// Replaces [`crate::model::NEW_ROW`] in the id fields that take a row made earlier in a batch.
fn substitute_new_row(action: &Action, created: Option<i64>) -> Action {
    let Some(new) = created else {
        return action.clone();
    };
    let pick = |id: i64| if id == crate::model::NEW_ROW { new } else { id };
    match action.clone() {
        Action::LinkEntity {
            annotation_id,
            entity_id,
        } => Action::LinkEntity {
            annotation_id: pick(annotation_id),
            entity_id: entity_id.map(pick),
        },
        Action::SetAttribute {
            annotation_id,
            name,
            value,
            restore,
        } => Action::SetAttribute {
            annotation_id: pick(annotation_id),
            name,
            value,
            restore,
        },
        Action::AddRelation {
            id,
            head,
            child,
            relation,
            created_at,
        } => Action::AddRelation {
            id,
            head: pick(head),
            child: pick(child),
            relation,
            created_at,
        },
        other => other,
    }
}

fn applied(inverse: Action, annotation: Option<AnnotationId>, created: Option<i64>) -> Applied {
    Applied {
        inverse,
        annotation,
        created,
    }
}

pub(super) fn apply_in(
    tx: &Tx<'_>,
    actor: &str,
    tag: Option<&str>,
    action: &Action,
) -> Result<Applied, StoreError> {
    let tagged = tag.map(|t| format!("{t}: {}", action.kind()));
    let kind = tagged.as_deref().unwrap_or(action.kind());
    Ok(match action {
        Action::Batch(actions) => {
            let mut inverses = Vec::with_capacity(actions.len());
            let (mut created, mut annotation) = (None, None);
            for a in actions {
                let a = substitute_new_row(a, created);
                let done = apply_in(tx, actor, tag, &a)?;
                inverses.push(done.inverse);
                created = done.created.or(created);
                annotation = done.annotation.or(annotation);
            }
            inverses.reverse();
            applied(Action::Batch(inverses), annotation, created)
        }
        Action::AddAnnotations { spans, label } => {
            super::label_all::add_annotations(tx, (actor, tag, kind), spans, label)?
        }
        Action::AddAnnotation {
            id,
            document_id,
            start,
            end,
            label,
        } => {
            check_span(tx, *document_id, *start, *end)?;
            let label_id = label_id(tx, label)?;
            // Duplicates are refused within the actor's own layer only (see `super::team`).
            let same: i64 = tx.query_row(
                r#"SELECT COUNT(*) FROM annotations WHERE document_id = ?1 AND start = ?2 AND "end" = ?3 AND label_id = ?4 AND annotator = ?5"#,
                params![document_id, *start as i64, *end as i64, label_id, actor],
                |r| r.get(0),
            )?;
            if same > 0 {
                return Err(StoreError::Refused(format!(
                    "this span is already labelled {label}"
                )));
            }
            tx.execute(
                r#"INSERT INTO annotations(id, document_id, start, "end", label_id, created_at, annotator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"#,
                params![id, document_id, *start as i64, *end as i64, label_id, now_rfc3339(), actor],
            )?;
            let new_id = tx.last_insert_rowid();
            audit(
                tx,
                actor,
                kind,
                (Some(*document_id), Some(new_id)),
                None,
                Some(annotation_json(tx, new_id)?),
            )?;
            applied(
                Action::DeleteAnnotation { id: new_id },
                Some(new_id),
                Some(new_id),
            )
        }
        Action::DeleteAnnotation { id } => {
            let before = annotation_json(tx, *id)?;
            let snap = snapshot(tx, *id)?;
            tx.execute("DELETE FROM annotations WHERE id = ?1", [id])?;
            audit(
                tx,
                actor,
                kind,
                (Some(snap.document_id), Some(*id)),
                Some(before),
                None,
            )?;
            applied(Action::RestoreAnnotation(Box::new(snap)), None, None)
        }
        Action::RestoreAnnotation(snap) => {
            check_span(tx, snap.document_id, snap.start, snap.end)?;
            restore(tx, std::slice::from_ref(snap))?;
            audit(
                tx,
                actor,
                kind,
                (Some(snap.document_id), Some(snap.id)),
                None,
                Some(annotation_json(tx, snap.id)?),
            )?;
            applied(
                Action::DeleteAnnotation { id: snap.id },
                Some(snap.id),
                None,
            )
        }
        Action::RelabelAnnotation { id, label } => {
            let before = annotation_json(tx, *id)?;
            let (doc, _) = annotation_row(tx, *id)?;
            let old = before["label"].as_str().unwrap_or_default().to_owned();
            let new_label = label_id(tx, label)?;
            // Relations the new label would break are refused rather than dropped.
            let mut stmt = tx.prepare_cached(
                "SELECT t.name, r.head_id, r.child_id FROM relations r JOIN relation_types t ON t.id = r.relation_type_id
                 WHERE r.head_id = ?1 OR r.child_id = ?1",
            )?;
            let rels: Vec<(String, i64, i64)> = stmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            for (name, head, child) in rels {
                let hl = if head == *id {
                    new_label
                } else {
                    annotation_row(tx, head)?.1
                };
                let cl = if child == *id {
                    new_label
                } else {
                    annotation_row(tx, child)?.1
                };
                check_relation(tx, &name, hl, cl).map_err(|_| {
                    StoreError::Refused(format!(
                        "relabelling to {label} would break its {name} relation; delete that first"
                    ))
                })?;
            }
            tx.execute(
                "UPDATE annotations SET label_id = ?1 WHERE id = ?2",
                params![new_label, id],
            )?;
            audit(
                tx,
                actor,
                kind,
                (Some(doc), Some(*id)),
                Some(before),
                Some(annotation_json(tx, *id)?),
            )?;
            applied(
                Action::RelabelAnnotation {
                    id: *id,
                    label: old,
                },
                Some(*id),
                None,
            )
        }
        Action::ResizeAnnotation { id, start, end } => {
            let before = annotation_json(tx, *id)?;
            let (doc, _) = annotation_row(tx, *id)?;
            check_span(tx, doc, *start, *end)?;
            tx.execute(
                r#"UPDATE annotations SET start = ?1, "end" = ?2 WHERE id = ?3"#,
                params![*start as i64, *end as i64, id],
            )?;
            audit(
                tx,
                actor,
                kind,
                (Some(doc), Some(*id)),
                Some(before.clone()),
                Some(annotation_json(tx, *id)?),
            )?;
            let (s0, e0) = (
                before["start"].as_u64().unwrap_or(0) as usize,
                before["end"].as_u64().unwrap_or(0) as usize,
            );
            applied(
                Action::ResizeAnnotation {
                    id: *id,
                    start: s0,
                    end: e0,
                },
                Some(*id),
                None,
            )
        }
        Action::AddRelation {
            id,
            head,
            child,
            relation,
            created_at,
        } => {
            if head == child {
                return Err(StoreError::Refused(
                    "a relation needs two different annotations".into(),
                ));
            }
            let (doc_h, label_h) = annotation_row(tx, *head)?;
            let (doc_c, label_c) = annotation_row(tx, *child)?;
            if doc_h != doc_c {
                return Err(StoreError::Refused(
                    "a relation links annotations of one document".into(),
                ));
            }
            // A restore (undo of a delete, `id` given) puts back what was there, scheme changes or not.
            let type_id = match id {
                Some(_) => tx
                    .query_row(
                        "SELECT id FROM relation_types WHERE name = ?1",
                        [relation],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| {
                        StoreError::Refused(format!("the scheme has no relation type {relation:?}"))
                    })?,
                None => check_relation(tx, relation, label_h, label_c)?,
            };
            let same: i64 = tx.query_row(
                "SELECT COUNT(*) FROM relations WHERE head_id = ?1 AND child_id = ?2 AND relation_type_id = ?3",
                params![head, child, type_id],
                |r| r.get(0),
            )?;
            if same > 0 {
                return Err(StoreError::Refused(format!(
                    "these two annotations are already linked by {relation}"
                )));
            }
            tx.execute(
                "INSERT INTO relations(id, document_id, head_id, child_id, relation_type_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, doc_h, head, child, type_id, created_at.clone().unwrap_or_else(now_rfc3339)],
            )?;
            let new_id = tx.last_insert_rowid();
            let after = serde_json::json!({ "id": new_id, "head": head, "child": child, "relation": relation });
            audit(
                tx,
                actor,
                kind,
                (Some(doc_h), Some(*head)),
                None,
                Some(after),
            )?;
            applied(
                Action::DeleteRelation { id: new_id },
                Some(*head),
                Some(new_id),
            )
        }
        Action::DeleteRelation { id } => {
            let (doc, head, child, relation, created_at): (i64, i64, i64, String, String) = tx
                .query_row(
                    "SELECT r.document_id, r.head_id, r.child_id, t.name, r.created_at FROM relations r
                     JOIN relation_types t ON t.id = r.relation_type_id WHERE r.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?
                .ok_or(StoreError::NotFound { what: "relation", id: *id })?;
            tx.execute("DELETE FROM relations WHERE id = ?1", [id])?;
            let before = serde_json::json!({ "id": id, "head": head, "child": child, "relation": relation, "created_at": created_at });
            audit(tx, actor, kind, (Some(doc), Some(head)), Some(before), None)?;
            applied(
                Action::AddRelation {
                    id: Some(*id),
                    head,
                    child,
                    relation,
                    created_at: Some(created_at),
                },
                Some(head),
                None,
            )
        }
        Action::SetAttribute {
            annotation_id,
            name,
            value,
            restore,
        } => {
            let (doc, label) = annotation_row(tx, *annotation_id)?;
            let old: Option<String> = tx
                .query_row(
                    "SELECT value FROM annotation_attributes WHERE annotation_id = ?1 AND name = ?2",
                    params![annotation_id, name],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(v) = value {
                let allowed: Option<String> = tx
                    .query_row(
                        "SELECT allowed_values FROM label_attributes WHERE label_id = ?1 AND name = ?2",
                        params![label, name],
                        |r| r.get(0),
                    )
                    .optional()?;
                let allowed: Vec<String> = allowed
                    .and_then(|a| serde_json::from_str(&a).ok())
                    .unwrap_or_default();
                if !restore && !allowed.contains(v) {
                    let lname = label_name(tx, label)?;
                    return Err(StoreError::Refused(format!(
                        "{lname} has no attribute {name} with value {v:?}"
                    )));
                }
                tx.execute(
                    "INSERT INTO annotation_attributes(annotation_id, name, value) VALUES (?1, ?2, ?3)
                     ON CONFLICT(annotation_id, name) DO UPDATE SET value = excluded.value",
                    params![annotation_id, name, v],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM annotation_attributes WHERE annotation_id = ?1 AND name = ?2",
                    params![annotation_id, name],
                )?;
            }
            let before =
                serde_json::json!({ "annotation_id": annotation_id, "name": name, "value": old });
            let after =
                serde_json::json!({ "annotation_id": annotation_id, "name": name, "value": value });
            audit(
                tx,
                actor,
                kind,
                (Some(doc), Some(*annotation_id)),
                Some(before),
                Some(after),
            )?;
            let inverse = Action::SetAttribute {
                annotation_id: *annotation_id,
                name: name.clone(),
                value: old,
                restore: true,
            };
            applied(inverse, Some(*annotation_id), None)
        }
        Action::SetAnnotationNote {
            annotation_id,
            note,
        } => {
            let (doc, _) = annotation_row(tx, *annotation_id)?;
            let keys = (Some(doc), Some(*annotation_id));
            let old: String = swap_column(
                tx,
                (actor, kind),
                keys,
                ("annotations", "note", "annotation"),
                *annotation_id,
                note,
            )?;
            let inverse = Action::SetAnnotationNote {
                annotation_id: *annotation_id,
                note: old,
            };
            applied(inverse, Some(*annotation_id), None)
        }
        Action::RedecodeDocument { .. } => super::documents::redecode(tx, actor, kind, action)?,
        Action::SetDocumentNote { document_id, note } => {
            let keys = (Some(*document_id), None);
            let old: String = swap_column(
                tx,
                (actor, kind),
                keys,
                ("documents", "note", "document"),
                *document_id,
                note,
            )?;
            applied(
                Action::SetDocumentNote {
                    document_id: *document_id,
                    note: old,
                },
                None,
                None,
            )
        }
        Action::SetStatus {
            document_id,
            status,
        } => {
            let keys = (Some(*document_id), None);
            let old: String = swap_column(
                tx,
                (actor, kind),
                keys,
                ("documents", "status", "document"),
                *document_id,
                &status.as_str(),
            )?;
            let status = crate::model::DocumentStatus::parse(&old).unwrap_or_default();
            applied(
                Action::SetStatus {
                    document_id: *document_id,
                    status,
                },
                None,
                None,
            )
        }
        Action::SetDirection {
            document_id,
            direction,
        } => {
            let keys = (Some(*document_id), None);
            let old: String = swap_column(
                tx,
                (actor, kind),
                keys,
                ("documents", "direction", "document"),
                *document_id,
                &direction.as_str(),
            )?;
            let direction = crate::text::DirectionSetting::parse(&old).unwrap_or_default();
            applied(
                Action::SetDirection {
                    document_id: *document_id,
                    direction,
                },
                None,
                None,
            )
        }
        Action::CreateEntity {
            id,
            name,
            kind: etype,
            aliases,
            created_at,
        } => {
            if name.trim().is_empty() {
                return Err(StoreError::Refused("an entity needs a name".into()));
            }
            let aliases_json = serde_json::to_string(aliases).unwrap_or_else(|_| "[]".into());
            let at = created_at.clone().unwrap_or_else(now_rfc3339);
            tx.execute(
                "INSERT INTO entities(id, name, kind, aliases, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, name, etype, aliases_json, at],
            )?;
            let new_id = tx.last_insert_rowid();
            let after = serde_json::json!({ "id": new_id, "name": name, "kind": etype, "aliases": aliases });
            audit(tx, actor, kind, (None, None), None, Some(after))?;
            applied(Action::DeleteEntity { id: new_id }, None, Some(new_id))
        }
        Action::DeleteEntity { id } => super::entities::delete(tx, (actor, tag, kind), *id)?,
        Action::EditEntity {
            id,
            name,
            kind: etype,
            aliases,
        } => super::entities::edit(
            tx,
            (actor, kind),
            *id,
            (name.as_str(), etype.as_str(), aliases.as_slice()),
        )?,
        Action::MergeEntities { survivor, merged } => {
            super::entities::merge(tx, (actor, tag, kind), *survivor, *merged)?
        }
        Action::SplitEntity {
            annotation_id,
            name,
        } => super::entities::split(tx, (actor, tag, kind), *annotation_id, name)?,
        Action::LinkEntity {
            annotation_id,
            entity_id,
        } => {
            let (doc, _) = annotation_row(tx, *annotation_id)?;
            if let Some(e) = entity_id {
                let exists: i64 =
                    tx.query_row("SELECT COUNT(*) FROM entities WHERE id = ?1", [e], |r| {
                        r.get(0)
                    })?;
                if exists == 0 {
                    return Err(StoreError::NotFound {
                        what: "entity",
                        id: *e,
                    });
                }
            }
            let keys = (Some(doc), Some(*annotation_id));
            let old: Option<EntityId> = swap_column(
                tx,
                (actor, kind),
                keys,
                ("annotations", "entity_id", "annotation"),
                *annotation_id,
                entity_id,
            )?;
            applied(
                Action::LinkEntity {
                    annotation_id: *annotation_id,
                    entity_id: old,
                },
                Some(*annotation_id),
                None,
            )
        }
        Action::AddLabel {
            id,
            name,
            color,
            key,
            description,
        } => {
            if name.trim().is_empty() {
                return Err(StoreError::Refused("a label needs a name".into()));
            }
            if parse_hex_color(color).is_none() {
                return Err(StoreError::Refused(format!(
                    "colour {color:?} is not #rrggbb"
                )));
            }
            let taken: i64 = tx.query_row(
                "SELECT COUNT(*) FROM labels WHERE lower(name) = lower(?1)",
                [name],
                |r| r.get(0),
            )?;
            if taken > 0 {
                return Err(StoreError::Refused(format!(
                    "there is already a label named {name} (names ignore case)"
                )));
            }
            if let Some(k) = key {
                let used: Option<String> = tx
                    .query_row(
                        "SELECT name FROM labels WHERE key = ?1",
                        [k.to_string()],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(other) = used {
                    return Err(StoreError::Refused(format!(
                        "key {k} already labels {other}"
                    )));
                }
            }
            let pos: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM labels",
                [],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO labels(id, name, color, key, description, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, name, color, key.map(String::from), description, pos],
            )?;
            let new_id = tx.last_insert_rowid();
            audit(
                tx,
                actor,
                kind,
                (None, None),
                None,
                Some(serde_json::json!({ "id": new_id, "name": name, "color": color })),
            )?;
            applied(Action::DeleteLabel { id: new_id }, None, Some(new_id))
        }
        Action::RenameLabel { id, name } => {
            let old = label_name(tx, *id)?;
            if name.trim().is_empty() {
                return Err(StoreError::Refused("a label needs a name".into()));
            }
            let taken: i64 = tx.query_row(
                "SELECT COUNT(*) FROM labels WHERE lower(name) = lower(?1) AND id <> ?2",
                params![name, id],
                |r| r.get(0),
            )?;
            if taken > 0 {
                return Err(StoreError::Refused(format!(
                    "there is already a label named {name} (names ignore case)"
                )));
            }
            tx.execute(
                "UPDATE labels SET name = ?1 WHERE id = ?2",
                params![name, id],
            )?;
            // Entities typed by this label follow the new name (and back on undo).
            tx.execute(
                "UPDATE entities SET kind = ?1 WHERE kind = ?2",
                params![name, old],
            )?;
            super::suggestions::rename_label(tx, &old, name)?;
            audit(
                tx,
                actor,
                kind,
                (None, None),
                Some(serde_json::json!({ "id": id, "name": old })),
                Some(serde_json::json!({ "id": id, "name": name })),
            )?;
            applied(Action::RenameLabel { id: *id, name: old }, None, None)
        }
        Action::RecolorLabel { id, color } => {
            if parse_hex_color(color).is_none() {
                return Err(StoreError::Refused(format!(
                    "colour {color:?} is not #rrggbb"
                )));
            }
            let old: String = swap_column(
                tx,
                (actor, kind),
                (None, None),
                ("labels", "color", "label"),
                *id,
                color,
            )?;
            applied(
                Action::RecolorLabel {
                    id: *id,
                    color: old,
                },
                None,
                None,
            )
        }
        Action::DeleteLabel { id } => {
            let snap = label_snapshot(tx, *id)?;
            // Relations of its annotations go with them (ON DELETE CASCADE), as do the label's
            // attribute definitions and relation-argument slots.
            tx.execute("DELETE FROM annotations WHERE label_id = ?1", [id])?;
            tx.execute("DELETE FROM labels WHERE id = ?1", [id])?;
            let before = serde_json::json!({ "id": id, "name": snap.name, "annotations": snap.annotations.iter().map(|a| a.id).collect::<Vec<_>>() });
            audit(tx, actor, kind, (None, None), Some(before), None)?;
            applied(Action::RestoreLabel(Box::new(snap)), None, None)
        }
        Action::AcceptAgreeing { document_id } => {
            super::team::accept_agreeing(tx, (actor, kind), *document_id)?
        }
        Action::AcceptIntoCurated { annotation_id } => {
            super::curation::accept_into_curated(tx, (actor, kind), *annotation_id)?
        }
        Action::Import(batch) => super::bulk::import(tx, actor, kind, batch)?,
        Action::RemoveImport(batch) => super::bulk::remove(tx, actor, kind, batch)?,
        Action::ApplyGazetteer(_)
        | Action::RemoveGazetteer(_)
        | Action::AcceptSuggestions { .. }
        | Action::RejectSuggestions { .. }
        | Action::RestoreSuggestions { .. }
        | Action::DropSuggestions { .. } => {
            super::suggestions::apply(tx, (actor, tag, kind), action)?
        }
        Action::RestoreLabel(snap) => {
            tx.execute(
                "INSERT INTO labels(id, name, color, key, description, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![snap.id, snap.name, snap.color, snap.key, snap.description, snap.position],
            )?;
            for (aid, name, values, pos) in &snap.attributes {
                tx.execute(
                    "INSERT INTO label_attributes(id, label_id, name, allowed_values, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![aid, snap.id, name, values, pos],
                )?;
            }
            for (type_id, role) in &snap.relation_args {
                tx.execute(
                    "INSERT INTO relation_type_args(relation_type_id, role, label_id) VALUES (?1, ?2, ?3)",
                    params![type_id, role, snap.id],
                )?;
            }
            restore(tx, &snap.annotations)?;

            let after = serde_json::json!({ "id": snap.id, "name": snap.name, "annotations": snap.annotations.iter().map(|a| a.id).collect::<Vec<_>>() });
            audit(tx, actor, kind, (None, None), None, Some(after))?;
            applied(Action::DeleteLabel { id: snap.id }, None, None)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocumentStatus;
    use crate::store::NewDocument;

    fn project_with(text: &str) -> (Project, DocumentId) {
        let mut p = Project::in_memory().unwrap();
        let id = p
            .add_documents(&[NewDocument {
                name: "a.txt".into(),
                rel_path: "a.txt".into(),
                text: text.into(),
                sha256: "0".into(),
                encoding: "UTF-8".into(),
                byte_len: text.len(),
                bom: false,
                encoding_guessed: false,
            }])
            .unwrap()[0];
        (p, id)
    }

    fn add(
        p: &mut Project,
        doc: DocumentId,
        start: usize,
        end: usize,
        label: &str,
    ) -> AnnotationId {
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: doc,
            start,
            end,
            label: label.into(),
        })
        .unwrap()
        .created
        .unwrap()
    }

    #[test]
    fn relations_follow_the_scheme() {
        let (mut p, doc) =
            project_with("قالت منظمة العفو الدولية إن أحمد زيدان اعتقل في سجن صيدنايا");
        let claim = add(&mut p, doc, 28, 38, "CLAIM");
        let org = add(&mut p, doc, 5, 24, "ORGANIZATION");
        let prison = add(&mut p, doc, 48, 59, "PRISON");
        let ok = p
            .apply(&Action::AddRelation {
                id: None,
                head: claim,
                child: org,
                relation: "attributed_to".into(),
                created_at: None,
            })
            .unwrap();
        assert!(ok.created.is_some());
        let err = p
            .apply(&Action::AddRelation {
                id: None,
                head: claim,
                child: prison,
                relation: "attributed_to".into(),
                created_at: None,
            })
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "refused: the scheme does not allow CLAIM attributed_to PRISON"
        );
        assert_eq!(p.relations(doc).unwrap().len(), 1);
        // Relabelling the child to PRISON would break the relation: refused.
        assert!(
            p.apply(&Action::RelabelAnnotation {
                id: org,
                label: "PRISON".into()
            })
            .is_err()
        );
    }

    #[test]
    fn attributes_take_only_declared_values() {
        let (mut p, doc) = project_with("البالغ عددهم أكثر من 200 ألف");
        let claim = add(&mut p, doc, 0, 28, "CLAIM");
        p.apply(&Action::SetAttribute {
            annotation_id: claim,
            name: "kind".into(),
            value: Some("statistic".into()),
            restore: false,
        })
        .unwrap();
        assert!(
            p.apply(&Action::SetAttribute {
                annotation_id: claim,
                name: "kind".into(),
                value: Some("rumour".into()),
                restore: false
            })
            .is_err()
        );
        assert!(
            p.apply(&Action::SetAttribute {
                annotation_id: claim,
                name: "role".into(),
                value: Some("witness".into()),
                restore: false
            })
            .is_err()
        );
        assert_eq!(
            p.attributes(claim).unwrap(),
            vec![("kind".to_owned(), "statistic".to_owned())]
        );
    }

    #[test]
    fn deleting_an_annotation_and_undoing_restores_everything() {
        let (mut p, doc) = project_with("قالت منظمة العفو الدولية إن أحمد زيدان اعتقل");
        let claim = add(&mut p, doc, 28, 38, "CLAIM");
        let org = add(&mut p, doc, 5, 24, "ORGANIZATION");
        p.apply(&Action::AddRelation {
            id: None,
            head: claim,
            child: org,
            relation: "attributed_to".into(),
            created_at: None,
        })
        .unwrap();
        p.apply(&Action::SetAttribute {
            annotation_id: claim,
            name: "certainty".into(),
            value: Some("reported".into()),
            restore: false,
        })
        .unwrap();
        p.apply(&Action::SetAnnotationNote {
            annotation_id: claim,
            note: "من تقرير ٢٠١٧".into(),
        })
        .unwrap();
        let e = p
            .apply(&Action::CreateEntity {
                id: None,
                name: "أحمد زيدان".into(),
                kind: "PERSON".into(),
                aliases: vec!["AhmadZydan".into()],
                created_at: None,
            })
            .unwrap()
            .created
            .unwrap();
        p.apply(&Action::LinkEntity {
            annotation_id: claim,
            entity_id: Some(e),
        })
        .unwrap();
        let before = p.dump().unwrap();
        let del = p.apply(&Action::DeleteAnnotation { id: claim }).unwrap();
        assert!(p.relations(doc).unwrap().is_empty());
        p.apply(&del.inverse).unwrap();
        assert_eq!(p.dump().unwrap(), before);
    }

    #[test]
    fn deleting_a_label_in_use_is_undoable() {
        let (mut p, doc) = project_with("سجن صيدنايا وسجن عدرا");
        add(&mut p, doc, 0, 11, "PRISON");
        add(&mut p, doc, 13, 21, "PRISON");
        let before = p.dump().unwrap();
        let prison = p
            .labels()
            .unwrap()
            .into_iter()
            .find(|l| l.name == "PRISON")
            .unwrap()
            .id;
        assert_eq!(p.label_usage(prison).unwrap(), 2);
        let del = p.apply(&Action::DeleteLabel { id: prison }).unwrap();
        assert!(p.annotations(doc).unwrap().is_empty());
        p.apply(&del.inverse).unwrap();
        assert_eq!(p.dump().unwrap(), before);
    }

    #[test]
    fn status_and_notes_round_trip() {
        let (mut p, doc) = project_with("نص");
        let a = p
            .apply(&Action::SetStatus {
                document_id: doc,
                status: DocumentStatus::Done,
            })
            .unwrap();
        assert_eq!(p.document(doc).unwrap().status, DocumentStatus::Done);
        p.apply(&a.inverse).unwrap();
        assert_eq!(p.document(doc).unwrap().status, DocumentStatus::Todo);
        p.apply(&Action::SetDocumentNote {
            document_id: doc,
            note: "مراجعة".into(),
        })
        .unwrap();
        assert_eq!(p.document(doc).unwrap().note, "مراجعة");
    }

    #[test]
    fn duplicates_are_refused_and_labels_stay_unique_by_name_and_key() {
        let (mut p, doc) = project_with("قالت منظمة العفو الدولية إن أحمد زيدان اعتقل");
        let claim = add(&mut p, doc, 28, 38, "CLAIM");
        let org = add(&mut p, doc, 5, 24, "ORGANIZATION");
        let again = Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: 5,
            end: 24,
            label: "ORGANIZATION".into(),
        };
        assert_eq!(
            p.apply(&again).unwrap_err().to_string(),
            "refused: this span is already labelled ORGANIZATION"
        );
        let rel = Action::AddRelation {
            id: None,
            head: claim,
            child: org,
            relation: "attributed_to".into(),
            created_at: None,
        };
        p.apply(&rel).unwrap();
        assert!(
            p.apply(&rel)
                .unwrap_err()
                .to_string()
                .contains("already linked by attributed_to")
        );
        let label = |name: &str, key: Option<char>| Action::AddLabel {
            id: None,
            name: name.into(),
            color: "#123456".into(),
            key,
            description: String::new(),
        };
        assert!(
            p.apply(&label("person", None))
                .unwrap_err()
                .to_string()
                .contains("names ignore case")
        );
        assert_eq!(
            p.apply(&label("EVENT", Some('1'))).unwrap_err().to_string(),
            "refused: key 1 already labels PERSON"
        );
        assert!(p.apply(&label("EVENT", Some('5'))).is_ok());
    }

    #[test]
    fn entity_types_follow_label_renames_and_batches_undo_in_one_step() {
        let (mut p, doc) = project_with("سجن صيدنايا");
        let prison = add(&mut p, doc, 0, 11, "PRISON");
        let batch = Action::Batch(vec![
            Action::CreateEntity {
                id: None,
                name: "سجن صيدنايا".into(),
                kind: "PRISON".into(),
                aliases: vec![],
                created_at: None,
            },
            Action::LinkEntity {
                annotation_id: prison,
                entity_id: Some(crate::model::NEW_ROW),
            },
        ]);
        let before = p.dump().unwrap();
        let done = p.apply(&batch).unwrap();
        let entity = p.entities().unwrap()[0].clone();
        assert_eq!((entity.kind.as_str(), entity.mentions), ("PRISON", 1));
        let label = p
            .labels()
            .unwrap()
            .into_iter()
            .find(|l| l.name == "PRISON")
            .unwrap()
            .id;
        let rename = p
            .apply(&Action::RenameLabel {
                id: label,
                name: "FACILITY".into(),
            })
            .unwrap();
        assert_eq!(p.entities().unwrap()[0].kind, "FACILITY");
        p.apply(&rename.inverse).unwrap();
        assert_eq!(p.entities().unwrap()[0].kind, "PRISON");
        p.apply(&done.inverse).unwrap();
        assert_eq!(
            p.dump().unwrap(),
            before,
            "one undo takes back the whole batch"
        );
    }

    #[test]
    fn history_reaches_relation_children_and_label_deletions() {
        let (mut p, doc) = project_with("قالت منظمة العفو الدولية إن أحمد زيدان اعتقل");
        let claim = add(&mut p, doc, 28, 38, "CLAIM");
        let org = add(&mut p, doc, 5, 24, "ORGANIZATION");
        p.apply(&Action::AddRelation {
            id: None,
            head: claim,
            child: org,
            relation: "attributed_to".into(),
            created_at: None,
        })
        .unwrap();
        let label = p
            .labels()
            .unwrap()
            .into_iter()
            .find(|l| l.name == "ORGANIZATION")
            .unwrap()
            .id;
        let del = p.apply(&Action::DeleteLabel { id: label }).unwrap();
        p.apply_tagged(&del.inverse, Some("undo")).unwrap();
        let kinds: Vec<String> = p
            .annotation_history(org)
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
        assert_eq!(
            kinds,
            vec![
                "add_annotation",
                "add_relation",
                "delete_label",
                "undo: restore_label"
            ]
        );
    }
}
