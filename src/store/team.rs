//! Annotators' layers: who made each annotation, for team work (see [`crate::team`]).
//!
//! **Data model.** Every annotation row holds its `annotator` (schema 6): the actor who made it
//! ([`Project::actor`] when it was added), or, in a project merged from several annotators'
//! projects (`sanad merge`), the annotator whose project it came from. A project migrated from
//! schema 4 takes each annotation's annotator from the first audit row naming it
//! (`schema::fill_annotators`); `""` means unknown (made outside Sanad).
//!
//! The annotations of one annotator form that annotator's **layer**. Layers are independent:
//! two annotators may give the same span the same label and both rows are kept (agreement needs
//! both), so the store's duplicate checks (`Action::AddAnnotation`, accepting suggestions, the
//! import's merging of equal spans in a merge) compare within one layer only. The layer named
//! [`CURATOR`] holds the adjudicated (gold) annotations.

use super::error::StoreError;
use super::project::Project;
use crate::model::{Annotation, AnnotationId, DocumentId};
use std::collections::{BTreeMap, HashMap};

/// The annotator of the curated (adjudicated) layer.
pub const CURATOR: &str = "curator";

/// Which layers an export takes (`--layer curated|all|ANNOTATOR`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Layer {
    /// Every annotation.
    #[default]
    All,
    /// The curated layer: annotator [`CURATOR`].
    Curated,
    /// One annotator's.
    Annotator(String),
}

impl Layer {
    /// Parses `all`, `curated`, or an annotator's name.
    pub fn parse(s: &str) -> Self {
        match s {
            "all" => Self::All,
            "curated" | CURATOR => Self::Curated,
            name => Self::Annotator(name.to_owned()),
        }
    }

    /// Does an annotation by `annotator` belong to it?
    pub fn includes(&self, annotator: &str) -> bool {
        match self {
            Self::All => true,
            Self::Curated => annotator == CURATOR,
            Self::Annotator(name) => annotator == name,
        }
    }
}

impl Project {
    /// The annotator of every annotation of a document, by annotation id.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn annotators_of(
        &self,
        document_id: DocumentId,
    ) -> Result<HashMap<AnnotationId, String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, annotator FROM annotations WHERE document_id = ?1")?;
        let rows = stmt.query_map([document_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The annotations of a document with their annotator, ordered by start, end, id.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn annotations_with_annotator(
        &self,
        document_id: DocumentId,
    ) -> Result<Vec<(Annotation, String)>, StoreError> {
        let mut who = self.annotators_of(document_id)?;
        Ok(self
            .annotations(document_id)?
            .into_iter()
            .map(|a| {
                let name = who.remove(&a.id).unwrap_or_default();
                (a, name)
            })
            .collect())
    }

    /// The size of a document's original bytes (as imported).
    ///
    /// # Errors
    /// [`StoreError::NotFound`]; SQLite errors.
    pub fn document_byte_len(&self, document_id: DocumentId) -> Result<usize, StoreError> {
        use rusqlite::OptionalExtension;
        let n: Option<i64> = self
            .conn
            .query_row(
                "SELECT byte_len FROM documents WHERE id = ?1",
                [document_id],
                |r| r.get(0),
            )
            .optional()?;
        n.map(|n| n as usize).ok_or(StoreError::NotFound {
            what: "document",
            id: document_id,
        })
    }

    /// Every annotator of the project with the number of annotations in their layer, by name
    /// (the curator's layer included).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn annotators(&self) -> Result<BTreeMap<String, usize>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT annotator, COUNT(*) FROM annotations GROUP BY annotator")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// What [`Project::prune_for_extract`] left in the copy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Documents kept.
    pub documents: usize,
    /// Annotations kept (0 without annotations).
    pub annotations: usize,
    /// Entities of the registry (all kept).
    pub entities: usize,
}

impl Project {
    /// Turns this project (a fresh copy of another, see `crate::team::extract`) into one
    /// annotator's share: keeps the documents `keep` (ids) and deletes the others with their
    /// annotations, relations, attributes and suggestions; without `with_annotations` also every
    /// annotation, suggestion, document note and status (back to `todo`); clears the audit log
    /// (it tells of documents and people the share leaves out) and writes one `extract` row;
    /// gives the copy a new `project_id` and records `extracted_from` (the source's
    /// `project_id`) and `extracted_for` (`for_name`) in `meta`. The scheme and the entity
    /// registry are kept whole. One transaction, then `VACUUM`, so no deleted text stays in the
    /// file's free pages.
    ///
    /// # Errors
    /// SQLite errors (nothing is changed then).
    pub fn prune_for_extract(
        &mut self,
        keep: &[DocumentId],
        with_annotations: bool,
        for_name: &str,
    ) -> Result<Pruned, StoreError> {
        let actor = self.actor().to_owned();
        let keep_json = serde_json::to_string(keep).unwrap_or_else(|_| "[]".into());
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM documents WHERE id NOT IN (SELECT value FROM json_each(?1))",
            [&keep_json],
        )?;
        if !with_annotations {
            tx.execute_batch(
                "DELETE FROM relations; DELETE FROM annotation_attributes; DELETE FROM annotations;
                 DELETE FROM suggestions; DELETE FROM rejected_suggestions;
                 UPDATE documents SET note = '', status = 'todo';",
            )?;
        }
        tx.execute("DELETE FROM audit_log", [])?;
        let source_id: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'project_id'", [], |r| {
                r.get(0)
            })
            .ok();
        let mut id = [0u8; 16];
        let new_id = if getrandom::fill(&mut id).is_ok() {
            id.iter().map(|b| format!("{b:02x}")).collect::<String>()
        } else {
            crate::model::sha256_hex(
                format!("{source_id:?}{for_name}{}", super::project::now_rfc3339()).as_bytes(),
            )[..32]
                .to_owned()
        };
        for (k, v) in [
            ("project_id", new_id.as_str()),
            ("extracted_from", source_id.as_deref().unwrap_or("")),
            ("extracted_for", for_name),
        ] {
            tx.execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [k, v],
            )?;
        }
        let count = |sql: &str| -> Result<usize, StoreError> {
            Ok(tx.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        let pruned = Pruned {
            documents: count("SELECT COUNT(*) FROM documents")?,
            annotations: count("SELECT COUNT(*) FROM annotations")?,
            entities: count("SELECT COUNT(*) FROM entities")?,
        };
        super::apply::audit(
            &tx,
            &actor,
            "extract",
            (None, None),
            None,
            Some(serde_json::json!({
                "for": for_name,
                "from": source_id,
                "documents": keep,
                "with_annotations": with_annotations,
            })),
        )?;
        tx.commit()?;
        self.conn.execute_batch("VACUUM")?;
        Ok(pruned)
    }
}

/// [`crate::model::Action::AcceptAgreeing`]: for each document (one, or all), every span
/// (start, end, label) that every annotator's layer holds, when the document has at least two
/// layers besides the curator's, is added to the curated layer unless it is there already.
/// Audit rows: one `kind` row by `actor` listing the spans, then one `add_annotation` row per
/// span by [`CURATOR`] (so the trail names the curator as its annotator). The inverse deletes
/// them, last first.
///
/// # Errors
/// [`StoreError::NotFound`] for a missing document; [`StoreError::Refused`] when no agreed span
/// is missing from the curated layer (nothing to do); SQLite errors.
pub(super) fn accept_agreeing(
    tx: &rusqlite::Transaction<'_>,
    (actor, kind): (&str, &str),
    document_id: Option<DocumentId>,
) -> Result<crate::model::Applied, StoreError> {
    use crate::model::{Action, Applied};
    use rusqlite::params;
    use std::collections::BTreeSet;
    let documents: Vec<DocumentId> = match document_id {
        Some(id) => {
            let n: i64 =
                tx.query_row("SELECT COUNT(*) FROM documents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: "document",
                    id,
                });
            }
            vec![id]
        }
        None => tx
            .prepare("SELECT id FROM documents ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?,
    };
    type Key = (i64, i64, i64);
    let mut agreed: Vec<(DocumentId, Key)> = Vec::new();
    for doc in documents {
        let mut layers: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
        let mut stmt = tx.prepare_cached(
            r#"SELECT annotator, start, "end", label_id FROM annotations WHERE document_id = ?1"#,
        )?;
        let rows = stmt.query_map([doc], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?;
        for row in rows {
            let (who, key) = row?;
            layers.entry(who).or_default().insert(key);
        }
        let curated = layers.remove(CURATOR).unwrap_or_default();
        if layers.len() < 2 {
            continue;
        }
        let mut sets = layers.into_values();
        let first = sets.next().unwrap_or_default();
        let common = sets.fold(first, |acc, s| acc.intersection(&s).copied().collect());
        agreed.extend(
            common
                .into_iter()
                .filter(|k| !curated.contains(k))
                .map(|k| (doc, k)),
        );
    }
    if agreed.is_empty() {
        return Err(StoreError::Refused(
            "the curated layer already holds every span all annotators agree on (or no document has two annotators)".into(),
        ));
    }
    super::apply::audit(
        tx,
        actor,
        kind,
        (document_id, None),
        None,
        Some(serde_json::json!({
            "layer": CURATOR,
            "spans": agreed.iter().map(|(d, (s, e, l))| serde_json::json!({"document_id": d, "start": s, "end": e, "label_id": l})).collect::<Vec<_>>(),
        })),
    )?;
    let now = super::project::now_rfc3339();
    let mut inverses = Vec::with_capacity(agreed.len());
    let mut last = None;
    for (doc, (start, end, label)) in agreed {
        tx.execute(
            r#"INSERT INTO annotations(document_id, start, "end", label_id, created_at, annotator) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"#,
            params![doc, start, end, label, now, CURATOR],
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
        inverses.push(Action::DeleteAnnotation { id });
        last = Some(id);
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
    fn two_annotators_may_label_the_same_span_alike_but_one_annotator_only_once() {
        let mut p = Project::in_memory().unwrap();
        let doc = p
            .add_documents(&[NewDocument::from_text("a.txt", "سجن صيدنايا")])
            .unwrap()[0];
        let add = Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: 0,
            end: 11,
            label: "PRISON".into(),
        };
        p.set_actor("alice");
        p.apply(&add).unwrap();
        assert!(p.apply(&add).is_err(), "alice twice");
        p.set_actor("bob");
        let bob = p.apply(&add).unwrap();
        let layers = p.annotators().unwrap();
        assert_eq!(layers.get("alice"), Some(&1));
        assert_eq!(layers.get("bob"), Some(&1));
        // Undo and redo keep the layer.
        let redo = p.apply(&bob.inverse).unwrap().inverse;
        p.set_actor("someone else");
        p.apply(&redo).unwrap();
        assert_eq!(p.annotators().unwrap().get("bob"), Some(&1));
    }

    #[test]
    fn a_schema_4_project_takes_annotators_from_the_audit_log() {
        use crate::store::schema::{APPLICATION_ID, MIGRATIONS};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4.sanad");
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..4] {
                c.execute_batch(sql).unwrap();
            }
            c.pragma_update(None, "user_version", 4).unwrap();
            c.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            c.execute_batch(
                r#"INSERT INTO labels(name, color, key, description, position) VALUES ('PRISON', '#e15759', '3', '', 0);
                   INSERT INTO documents(name, rel_path, text, sha256, encoding, byte_len, char_count, imported_at, text_sha256)
                     VALUES ('a.txt', 'a.txt', 'سجن صيدنايا', '0', 'UTF-8', 21, 11, '2026-01-01T00:00:00Z', 'x');
                   INSERT INTO annotations(id, document_id, start, "end", label_id, created_at) VALUES (1, 1, 0, 3, 1, 'x'), (2, 1, 4, 11, 1, 'x');
                   INSERT INTO audit_log(at, actor, action, annotation_id) VALUES ('t', 'alice', 'add_annotation', 1), ('t', 'bob', 'relabel_annotation', 1);"#,
            )
            .unwrap();
        }
        let p = Project::open_existing(&path).unwrap();
        let who = p.annotators_of(1).unwrap();
        assert_eq!(who[&1], "alice", "the first audit row's actor");
        assert_eq!(who[&2], "", "no audit row: unknown");
    }

    #[test]
    fn accepting_what_every_annotator_agrees_on_fills_the_curated_layer_and_undoes() {
        use super::CURATOR;
        let mut p = Project::in_memory().unwrap();
        let doc = p
            .add_documents(&[NewDocument::from_text("a.txt", "سجن صيدنايا في ريف دمشق")])
            .unwrap()[0];
        let add = |p: &mut Project, who: &str, start, end, label: &str| {
            p.set_actor(who);
            p.apply(&Action::AddAnnotation {
                id: None,
                document_id: doc,
                start,
                end,
                label: label.into(),
            })
            .unwrap();
        };
        add(&mut p, "alice", 0, 11, "PRISON");
        add(&mut p, "bob", 0, 11, "PRISON");
        add(&mut p, "alice", 19, 23, "ORGANIZATION");
        add(&mut p, "bob", 19, 23, "PERSON");
        add(&mut p, "bob", 12, 14, "PERSON");
        p.set_actor("layla");
        let audit_before = p.audit_len().unwrap();
        let action = Action::AcceptAgreeing { document_id: None };
        let done = p.apply(&action).unwrap();
        assert_eq!(p.annotators().unwrap().get(CURATOR), Some(&1));
        // One summary row and one row per span.
        assert_eq!(p.audit_len().unwrap(), audit_before + 2);
        assert!(p.apply(&action).is_err(), "nothing left to accept");
        let redo = p.apply(&done.inverse).unwrap().inverse;
        assert_eq!(p.annotators().unwrap().get(CURATOR), None);
        p.apply(&redo).unwrap();
        assert_eq!(p.annotators().unwrap().get(CURATOR), Some(&1));
        let authors = p.annotation_authorship().unwrap();
        assert!(authors.values().any(|a| a.annotator == CURATOR));
    }
}
