//! Document status changes as the audit log recorded them, for "documents done per annotator
//! over time" (the Agreement window's chart, [`crate::team::charts`]).

use super::error::StoreError;
use super::project::Project;
use crate::model::{DocumentId, DocumentStatus};

/// One status change: the audit row of an `Action::SetStatus` (its undo and redo included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusChange {
    /// When, RFC 3339 as the audit log holds it.
    pub at: String,
    /// Who (the audit row's actor).
    pub actor: String,
    /// Which document.
    pub document_id: DocumentId,
    /// The status it got.
    pub status: DocumentStatus,
}

impl Project {
    /// Every document status change, oldest first: audit rows whose action ends in
    /// `set_status` (so `undo: set_status` too) with a document key, the new status read from
    /// the row's `after` JSON (`{"status": "done"}`). Rows whose status does not parse are
    /// left out.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn status_changes(&self) -> Result<Vec<StatusChange>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, actor, document_id, after FROM audit_log \
             WHERE action LIKE '%set_status' AND document_id IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, DocumentId>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, actor, document_id, after) = row?;
            let status = after
                .as_deref()
                .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
                .and_then(|v| v.get("status")?.as_str().and_then(DocumentStatus::parse));
            if let Some(status) = status {
                out.push(StatusChange {
                    at,
                    actor,
                    document_id,
                    status,
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Action, DocumentStatus};
    use crate::store::{NewDocument, Project};

    #[test]
    fn status_changes_name_the_actor_and_the_new_status_undo_included() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Project::open_or_create(&dir.path().join("p.sanad")).unwrap();
        let doc = p
            .add_documents(&[NewDocument::from_text("a.txt", "نص")])
            .unwrap()[0];
        p.set_actor("alice");
        let a = p
            .apply(&Action::SetStatus {
                document_id: doc,
                status: DocumentStatus::Done,
            })
            .unwrap();
        p.set_actor("bob");
        p.apply(&a.inverse).unwrap();
        let got: Vec<_> = p
            .status_changes()
            .unwrap()
            .into_iter()
            .map(|c| (c.actor, c.document_id, c.status))
            .collect();
        assert_eq!(
            got,
            [
                ("alice".to_owned(), doc, DocumentStatus::Done),
                ("bob".to_owned(), doc, DocumentStatus::Todo)
            ]
        );
    }
}
