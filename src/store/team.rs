//! Annotators' layers: who made each annotation, for team work (see [`crate::team`]).
//!
//! **Data model.** Every annotation row holds its `annotator` (schema 5): the actor who made it
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
}
