//! Suggestions in the project file: applying a gazetteer ([`Action::ApplyGazetteer`]) and
//! taking it back, accepting, rejecting, restoring and dropping suggestions, each inside the one
//! transaction [`super::Project::apply`] opened, with its audit row(s) and inverse; and reading
//! them back.
//!
//! Suggestions are not annotations: they live in their own table, are never counted or
//! exported as annotations, and [`super::Project::replay_annotations`] ignores their rows.
//! Accepting one writes an ordinary `add_annotation` audit row (and a `link_entity` row when its
//! entity still exists), so an accepted suggestion's history starts like any annotation's.

use super::apply::{apply_in, audit, check_span};
use super::error::StoreError;
use super::project::{Project, now_rfc3339};
use crate::model::suggestion::{GazetteerBatch, Suggestion, SuggestionId};
use crate::model::{Action, Applied, DocumentId, EntityId};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::BTreeMap;

type Tx<'a> = Transaction<'a>;

const COLUMNS: &str =
    r#"id, document_id, start, "end", label, entity_id, name, source, created_at"#;

fn row_to_suggestion(r: &rusqlite::Row<'_>) -> rusqlite::Result<Suggestion> {
    Ok(Suggestion {
        id: r.get(0)?,
        document_id: r.get(1)?,
        start: r.get::<_, i64>(2)? as usize,
        end: r.get::<_, i64>(3)? as usize,
        label: r.get(4)?,
        entity_id: r.get(5)?,
        name: r.get(6)?,
        source: r.get(7)?,
        created_at: r.get(8)?,
    })
}

fn suggestion_json(s: &Suggestion) -> serde_json::Value {
    serde_json::json!({
        "id": s.id, "document_id": s.document_id, "start": s.start, "end": s.end,
        "label": s.label, "entity_id": s.entity_id, "name": s.name, "source": s.source,
    })
}

/// Applies one of the suggestion actions (see [`Action`]): `ctx` is (actor, tag, audit kind).
///
/// # Errors
/// [`StoreError::NotFound`] (a suggestion, document or entity missing),
/// [`StoreError::InvalidSpan`], [`StoreError::UnknownLabel`], [`StoreError::Refused`], SQLite
/// errors; the caller's transaction is then dropped, so nothing is written.
pub(super) fn apply(
    tx: &Tx<'_>,
    ctx: (&str, Option<&str>, &str),
    action: &Action,
) -> Result<Applied, StoreError> {
    let (actor, _, kind) = ctx;
    match action {
        Action::ApplyGazetteer(batch) => apply_gazetteer(tx, actor, kind, batch),
        Action::RemoveGazetteer(batch) => remove_gazetteer(tx, actor, kind, batch),
        Action::AcceptSuggestions { ids } => accept(tx, ctx, ids),
        Action::RejectSuggestions { ids } => {
            let rows = take(tx, ids)?;
            let mut ins = tx.prepare_cached(
                r#"INSERT OR IGNORE INTO rejected_suggestions(document_id, start, "end", label) VALUES (?1, ?2, ?3, ?4)"#,
            )?;
            for s in &rows {
                ins.execute(params![
                    s.document_id,
                    s.start as i64,
                    s.end as i64,
                    s.label
                ])?;
            }
            audit_rows(tx, actor, kind, &rows, true)?;
            Ok(applied(Action::RestoreSuggestions {
                rows,
                unreject: true,
            }))
        }
        Action::DropSuggestions { ids } => {
            let rows = take(tx, ids)?;
            audit_rows(tx, actor, kind, &rows, true)?;
            Ok(applied(Action::RestoreSuggestions {
                rows,
                unreject: false,
            }))
        }
        Action::RestoreSuggestions { rows, unreject } => {
            let mut ins = tx.prepare_cached(&format!(
                "INSERT INTO suggestions({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ))?;
            let mut unrej = tx.prepare_cached(
                r#"DELETE FROM rejected_suggestions WHERE document_id = ?1 AND start = ?2 AND "end" = ?3 AND label = ?4"#,
            )?;
            for s in rows {
                check_span(tx, s.document_id, s.start, s.end)?;
                ins.execute(params![
                    s.id,
                    s.document_id,
                    s.start as i64,
                    s.end as i64,
                    s.label,
                    s.entity_id,
                    s.name,
                    s.source,
                    s.created_at
                ])?;
                if *unreject {
                    unrej.execute(params![
                        s.document_id,
                        s.start as i64,
                        s.end as i64,
                        s.label
                    ])?;
                }
            }
            audit_rows(tx, actor, kind, rows, false)?;
            let ids = rows.iter().map(|s| s.id).collect();
            Ok(applied(if *unreject {
                Action::RejectSuggestions { ids }
            } else {
                Action::DropSuggestions { ids }
            }))
        }
        other => Err(StoreError::Refused(format!(
            "{} is not a suggestion action (internal error)",
            other.kind()
        ))),
    }
}

fn applied(inverse: Action) -> Applied {
    Applied {
        inverse,
        annotation: None,
        created: None,
    }
}

/// One audit row listing `rows` (as `before` when they are removed, else as `after`), keyed by
/// their document when they all share one.
fn audit_rows(
    tx: &Tx<'_>,
    actor: &str,
    kind: &str,
    rows: &[Suggestion],
    removed: bool,
) -> Result<(), StoreError> {
    let docs: std::collections::BTreeSet<DocumentId> = rows.iter().map(|s| s.document_id).collect();
    let single = (docs.len() == 1).then(|| rows[0].document_id);
    let list =
        serde_json::json!({ "suggestions": rows.iter().map(suggestion_json).collect::<Vec<_>>() });
    let (before, after) = if removed {
        (Some(list), None)
    } else {
        (None, Some(list))
    };
    audit(tx, actor, kind, (single, None), before, after)
}

/// Reads and deletes the suggestions `ids` (all must exist), in the order given.
fn take(tx: &Tx<'_>, ids: &[SuggestionId]) -> Result<Vec<Suggestion>, StoreError> {
    if ids.is_empty() {
        return Err(StoreError::Refused("no suggestion given".into()));
    }
    let mut get = tx.prepare_cached(&format!("SELECT {COLUMNS} FROM suggestions WHERE id = ?1"))?;
    let mut del = tx.prepare_cached("DELETE FROM suggestions WHERE id = ?1")?;
    let mut rows = Vec::with_capacity(ids.len());
    for &id in ids {
        let s = get
            .query_row([id], row_to_suggestion)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "suggestion",
                id,
            })?;
        del.execute([id])?;
        rows.push(s);
    }
    Ok(rows)
}

fn accept(
    tx: &Tx<'_>,
    (actor, tag, kind): (&str, Option<&str>, &str),
    ids: &[SuggestionId],
) -> Result<Applied, StoreError> {
    let rows = take(tx, ids)?;
    audit_rows(tx, actor, kind, &rows, true)?;
    // Inverses in the order applied; reversed at the end, so the suggestions come back last.
    let mut inverses = vec![Action::RestoreSuggestions {
        rows: rows.clone(),
        unreject: false,
    }];
    let mut last = None;
    for s in &rows {
        let same: i64 = tx
            .prepare_cached(
                r#"SELECT COUNT(*) FROM annotations a JOIN labels l ON l.id = a.label_id
                   WHERE a.document_id = ?1 AND a.start = ?2 AND a."end" = ?3 AND l.name = ?4 AND a.annotator = ?5"#,
            )?
            .query_row(
                params![s.document_id, s.start as i64, s.end as i64, s.label, actor],
                |r| r.get(0),
            )?;
        if same > 0 {
            continue; // labelled meanwhile: the suggestion just goes
        }
        let add = Action::AddAnnotation {
            id: None,
            document_id: s.document_id,
            start: s.start,
            end: s.end,
            label: s.label.clone(),
        };
        let done = apply_in(tx, actor, tag, &add)?;
        inverses.push(done.inverse);
        let Some(annotation) = done.created else {
            continue;
        };
        last = Some(annotation);
        let entity_exists = match s.entity_id {
            Some(e) => {
                tx.prepare_cached("SELECT COUNT(*) FROM entities WHERE id = ?1")?
                    .query_row([e], |r| r.get::<_, i64>(0))?
                    > 0
            }
            None => false,
        };
        if entity_exists {
            let link = Action::LinkEntity {
                annotation_id: annotation,
                entity_id: s.entity_id,
            };
            inverses.push(apply_in(tx, actor, tag, &link)?.inverse);
        }
    }
    inverses.reverse();
    Ok(Applied {
        inverse: Action::Batch(inverses),
        annotation: last,
        created: last,
    })
}

fn read_aliases(tx: &Tx<'_>, id: EntityId) -> Result<Vec<String>, StoreError> {
    let json: String = tx
        .query_row("SELECT aliases FROM entities WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(StoreError::NotFound { what: "entity", id })?;
    Ok(serde_json::from_str(&json).unwrap_or_default())
}

fn write_aliases(tx: &Tx<'_>, id: EntityId, aliases: &[String]) -> Result<(), StoreError> {
    let json = serde_json::to_string(aliases).unwrap_or_else(|_| "[]".into());
    tx.execute(
        "UPDATE entities SET aliases = ?1 WHERE id = ?2",
        params![json, id],
    )?;
    Ok(())
}

fn apply_gazetteer(
    tx: &Tx<'_>,
    actor: &str,
    kind: &str,
    batch: &GazetteerBatch,
) -> Result<Applied, StoreError> {
    let mut b = batch.clone();
    let now = now_rfc3339();
    for e in &mut b.entities {
        if e.new {
            if e.name.trim().is_empty() {
                return Err(StoreError::Refused("an entity needs a name".into()));
            }
            let at = e.created_at.clone().unwrap_or_else(|| now.clone());
            let aliases = serde_json::to_string(&e.aliases_added).unwrap_or_else(|_| "[]".into());
            tx.execute(
                "INSERT INTO entities(id, name, kind, aliases, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![e.id, e.name, e.kind, aliases, at],
            )?;
            e.id = Some(tx.last_insert_rowid());
            e.created_at = Some(at);
        } else {
            let id = e.id.ok_or_else(|| {
                StoreError::Refused(format!(
                    "the gazetteer extends entity {:?} without its id (internal error)",
                    e.name
                ))
            })?;
            let before = read_aliases(tx, id)?;
            let mut after = before.clone();
            for a in &e.aliases_added {
                if !after.contains(a) {
                    after.push(a.clone());
                }
            }
            if after != before {
                write_aliases(tx, id, &after)?;
            }
            e.aliases_before = Some(before);
        }
    }
    let created_at = b.created_at.clone().unwrap_or(now);
    b.created_at = Some(created_at.clone());
    let mut ins = tx.prepare_cached(&format!(
        "INSERT INTO suggestions({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?;
    let mut labels_known: BTreeMap<String, bool> = BTreeMap::new();
    let mut lengths: BTreeMap<DocumentId, usize> = BTreeMap::new();
    let mut by_label: BTreeMap<String, usize> = BTreeMap::new();
    for s in &mut b.suggestions {
        let known = match labels_known.get(&s.label) {
            Some(&k) => k,
            None => {
                let k = tx
                    .prepare_cached("SELECT COUNT(*) FROM labels WHERE name = ?1")?
                    .query_row([&s.label], |r| r.get::<_, i64>(0))?
                    > 0;
                labels_known.insert(s.label.clone(), k);
                k
            }
        };
        if !known {
            return Err(StoreError::UnknownLabel(s.label.clone()));
        }
        let len = match lengths.get(&s.document_id) {
            Some(&n) => n,
            None => {
                let n: i64 = tx
                    .prepare_cached("SELECT char_count FROM documents WHERE id = ?1")?
                    .query_row([s.document_id], |r| r.get(0))
                    .optional()?
                    .ok_or(StoreError::NotFound {
                        what: "document",
                        id: s.document_id,
                    })?;
                lengths.insert(s.document_id, n as usize);
                n as usize
            }
        };
        if s.start >= s.end || s.end > len {
            return Err(StoreError::InvalidSpan {
                document_id: s.document_id,
                start: s.start,
                end: s.end,
                len,
            });
        }
        let entity = b.entities.get(s.entity).ok_or_else(|| {
            StoreError::Refused(format!(
                "a suggestion refers to entity {} of the gazetteer, which it does not hold (internal error)",
                s.entity
            ))
        })?;
        ins.execute(params![
            s.id,
            s.document_id,
            s.start as i64,
            s.end as i64,
            s.label,
            entity.id,
            entity.name,
            b.source,
            created_at
        ])
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::Refused(format!(
                    "span [{}, {}) of document {} is already suggested as {}",
                    s.start, s.end, s.document_id, s.label
                ))
            }
            other => other.into(),
        })?;
        s.id = Some(tx.last_insert_rowid());
        *by_label.entry(s.label.clone()).or_default() += 1;
    }
    audit(
        tx,
        actor,
        kind,
        (None, None),
        None,
        Some(serde_json::json!({
            "source": b.source,
            "entities": b.entities.iter().map(|e| serde_json::json!({
                "id": e.id, "name": e.name, "kind": e.kind, "new": e.new, "aliases_added": e.aliases_added,
            })).collect::<Vec<_>>(),
            "suggestions": b.suggestions.len(),
            "by_label": by_label,
        })),
    )?;
    Ok(applied(Action::RemoveGazetteer(Box::new(b))))
}

fn remove_gazetteer(
    tx: &Tx<'_>,
    actor: &str,
    kind: &str,
    batch: &GazetteerBatch,
) -> Result<Applied, StoreError> {
    let mut del = tx.prepare_cached("DELETE FROM suggestions WHERE id = ?1")?;
    for s in &batch.suggestions {
        let id = s.id.ok_or_else(|| {
            StoreError::Refused(
                "a gazetteer to take back lacks suggestion ids (internal error)".into(),
            )
        })?;
        del.execute([id])?;
    }
    for e in batch.entities.iter().rev() {
        let Some(id) = e.id else { continue };
        if e.new {
            let linked: i64 = tx.query_row(
                "SELECT COUNT(*) FROM annotations WHERE entity_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if linked > 0 {
                return Err(StoreError::Refused(format!(
                    "entity {:?} still has {linked} linked mention(s)",
                    e.name
                )));
            }
            tx.execute("DELETE FROM entities WHERE id = ?1", [id])?;
        } else if let Some(before) = &e.aliases_before {
            write_aliases(tx, id, before)?;
        }
    }
    audit(
        tx,
        actor,
        kind,
        (None, None),
        Some(serde_json::json!({
            "source": batch.source,
            "entities": batch.entities.iter().map(|e| serde_json::json!({ "id": e.id, "name": e.name, "new": e.new })).collect::<Vec<_>>(),
            "suggestions": batch.suggestions.len(),
        })),
        None,
    )?;
    Ok(applied(Action::ApplyGazetteer(Box::new(batch.clone()))))
}

/// Inserts the suggestions of an import ([`Action::Import`] with `--as-suggestions`), filling in
/// their ids and creation time; inside the import's transaction.
///
/// # Errors
/// [`StoreError::UnknownLabel`], [`StoreError::InvalidSpan`], [`StoreError::Refused`] (the same
/// span and label already suggested), SQLite errors.
pub(super) fn insert_imported(
    tx: &Tx<'_>,
    rows: &mut [crate::model::bulk::BatchImportSuggestion],
    doc_ids: &[DocumentId],
    now: &str,
) -> Result<(), StoreError> {
    let mut ins = tx.prepare_cached(&format!(
        "INSERT INTO suggestions({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?;
    for (s, &doc) in rows.iter_mut().zip(doc_ids) {
        let known: i64 = tx
            .prepare_cached("SELECT COUNT(*) FROM labels WHERE name = ?1")?
            .query_row([&s.label], |r| r.get(0))?;
        if known == 0 {
            return Err(StoreError::UnknownLabel(s.label.clone()));
        }
        check_span(tx, doc, s.start, s.end)?;
        let at = s.created_at.clone().unwrap_or_else(|| now.to_owned());
        ins.execute(params![
            s.id,
            doc,
            s.start as i64,
            s.end as i64,
            s.label,
            s.entity_id,
            s.name,
            s.source,
            at
        ])
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::Refused(format!(
                    "span [{}, {}) of document {doc} is already suggested as {}",
                    s.start, s.end, s.label
                ))
            }
            other => other.into(),
        })?;
        s.id = Some(tx.last_insert_rowid());
        s.created_at = Some(at);
    }
    Ok(())
}

/// Deletes the suggestions an import added (those still pending: an accepted or rejected one
/// is gone already).
///
/// # Errors
/// [`StoreError::Refused`] when a row lacks its id (never applied); SQLite errors.
pub(super) fn delete_imported(
    tx: &Tx<'_>,
    rows: &[crate::model::bulk::BatchImportSuggestion],
) -> Result<(), StoreError> {
    let mut del = tx.prepare_cached("DELETE FROM suggestions WHERE id = ?1")?;
    for s in rows {
        let id =
            s.id.ok_or_else(|| StoreError::Refused("this import was never applied".into()))?;
        del.execute([id])?;
    }
    Ok(())
}

/// Renames the label of every suggestion and rejection from `old` to `new` (inside a label
/// rename).
///
/// # Errors
/// SQLite errors.
pub(super) fn rename_label(tx: &Tx<'_>, old: &str, new: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE suggestions SET label = ?1 WHERE label = ?2",
        params![new, old],
    )?;
    tx.execute(
        "UPDATE rejected_suggestions SET label = ?1 WHERE label = ?2",
        params![new, old],
    )?;
    Ok(())
}

/// Which suggestions to list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuggestionFilter {
    /// Every suggestion of the project.
    All,
    /// Those of one document.
    Document(DocumentId),
    /// Those for one gazetteer name (the entity they would link to).
    Entity(EntityId),
    /// Those for one entity name (as the gazetteer gave it), in any document.
    Name(String),
}

impl Project {
    /// The suggestions `filter` selects whose label still exists, by document (in list order),
    /// then start, then end.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn suggestions(&self, filter: &SuggestionFilter) -> Result<Vec<Suggestion>, StoreError> {
        let cols = r#"s.id, s.document_id, s.start, s."end", s.label, s.entity_id, s.name, s.source, s.created_at"#;
        let from = "FROM suggestions s JOIN labels l ON l.name = s.label JOIN documents d ON d.id = s.document_id";
        let order = r#"ORDER BY d.rel_path, s.document_id, s.start, s."end", s.id"#;
        let (clause, value): (&str, rusqlite::types::Value) = match filter {
            SuggestionFilter::All => ("1 = 1 OR ?1 IS NULL", rusqlite::types::Value::Null),
            SuggestionFilter::Document(d) => ("s.document_id = ?1", (*d).into()),
            SuggestionFilter::Entity(e) => ("s.entity_id = ?1", (*e).into()),
            SuggestionFilter::Name(n) => ("s.name = ?1", n.clone().into()),
        };
        let sql = format!("SELECT {cols} {from} WHERE {clause} {order}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([value], row_to_suggestion)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many suggestions (with a label that exists) each label has, by label name.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn suggestion_counts(&self) -> Result<BTreeMap<String, usize>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.label, COUNT(*) FROM suggestions s JOIN labels l ON l.name = s.label GROUP BY s.label",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every pending suggestion of `document` as (start, end, label), whether or not its label
    /// still exists (the table holds one row per span and label).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn suggested_spans(
        &self,
        document: DocumentId,
    ) -> Result<std::collections::HashSet<(usize, usize, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            r#"SELECT start, "end", label FROM suggestions WHERE document_id = ?1"#,
        )?;
        let rows = stmt.query_map([document], |r| {
            Ok((
                r.get::<_, i64>(0)? as usize,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, String>(2)?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Is (document, start, end, label) remembered as a rejected suggestion?
    ///
    /// # Errors
    /// SQLite errors.
    pub fn is_rejected(
        &self,
        document_id: DocumentId,
        start: usize,
        end: usize,
        label: &str,
    ) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                r#"SELECT COUNT(*) FROM rejected_suggestions WHERE document_id = ?1 AND start = ?2 AND "end" = ?3 AND label = ?4"#,
            )?
            .query_row(
                params![document_id, start as i64, end as i64, label],
                |r| r.get::<_, i64>(0),
            )?
            > 0)
    }

    /// Every rejected (document, start, end, label), for planning a gazetteer.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn rejected_suggestions(
        &self,
    ) -> Result<std::collections::HashSet<(DocumentId, usize, usize, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            r#"SELECT document_id, start, "end", label FROM rejected_suggestions"#,
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, DocumentId>(0)?,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, i64>(2)? as usize,
                r.get::<_, String>(3)?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::SuggestionFilter;
    use crate::store::schema::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};
    use crate::store::{FileKind, Project, inspect};

    #[test]
    fn a_schema_3_project_migrates_to_4_with_the_suggestion_tables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.sanad");
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..3] {
                c.execute_batch(sql).unwrap();
            }
            c.pragma_update(None, "user_version", 3).unwrap();
            c.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            c.execute_batch(
                r#"INSERT INTO labels(name, color, key, description, position) VALUES ('PRISON', '#e15759', '3', '', 0);
                   INSERT INTO documents(name, rel_path, text, sha256, encoding, byte_len, char_count, imported_at, text_sha256)
                     VALUES ('a.txt', 'a.txt', 'سجن صيدنايا', '0', 'UTF-8', 21, 11, '2026-01-01T00:00:00Z', 'x');"#,
            )
            .unwrap();
        }
        assert_eq!(inspect(&path).unwrap(), FileKind::Sanad { version: 3 });
        let p = Project::open_existing(&path).unwrap();
        // Migrated on through every later version (5: the audit chain, 6: annotators).
        assert_eq!(SCHEMA_VERSION, 6);
        assert_eq!(inspect(&path).unwrap(), FileKind::Sanad { version: 6 });
        assert!(p.suggestions(&SuggestionFilter::All).unwrap().is_empty());
        assert!(!p.is_rejected(1, 0, 11, "PRISON").unwrap());
        assert_eq!(p.document_summaries().unwrap().len(), 1);
    }
}
