//! Verifying a project's history and texts (`sanad verify PROJECT`): walks the audit log's hash
//! chain ([`super::chain`]) in `id` order and finds the first row that breaks it, and checks
//! every document's stored text against `documents.text_sha256` (SHA-256 of the UTF-8 bytes of
//! the stored text, recorded at import).
//!
//! What it proves: a row changed, removed or moved, rows removed from the end (the log no
//! longer ends at `meta.audit_chain_head`), or a text changed, by anyone who did not also
//! rewrite the hashes that follow. What it does not: someone with the file can rewrite the whole
//! chain and the recorded head consistently, or a text together with its `text_sha256` (text
//! hashes are not in the chain); compare [`ProjectReport::chain_head`] with a head recorded
//! elsewhere (an export's manifest records it) to catch that.

use super::chain::{HASHED_COLUMNS, canonical, genesis, row_hash};
use super::error::StoreError;
use super::project::Project;
use crate::model::sha256_hex;
use rusqlite::types::ValueRef;
use std::fmt;

/// Why an audit row breaks the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// The row has no `prev_hash` or no `row_hash` (written outside Sanad).
    NoHash,
    /// Its `prev_hash` is not the previous row's `row_hash` (or, for the first row, the
    /// project's genesis value): a row before it was removed, or rows were reordered or
    /// inserted, or its link was edited.
    Link {
        /// The id of the row before it (`None`: it is the first row).
        previous: Option<i64>,
    },
    /// Its `row_hash` does not match its content: a field of the row was changed.
    Content,
}

/// The first audit row that breaks the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenRow {
    /// `audit_log.id`.
    pub id: i64,
    /// `at` as stored (RFC 3339 UTC when Sanad wrote it).
    pub at: String,
    /// `actor` as stored.
    pub actor: String,
    /// `action` as stored.
    pub action: String,
    /// What is wrong.
    pub problem: RowProblem,
}

/// A document whose stored text no longer has the hash recorded for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedDocument {
    /// `documents.id`.
    pub id: i64,
    /// File name.
    pub name: String,
    /// Path relative to the imported folder.
    pub rel_path: String,
    /// `documents.text_sha256` as stored (empty when none was recorded).
    pub recorded: String,
    /// SHA-256 (lowercase hex) of the stored text's bytes now.
    pub found: String,
}

/// What [`Project::verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectReport {
    /// The project's id (the chain's genesis is derived from it).
    pub project_id: String,
    /// Rows in the audit log.
    pub audit_rows: usize,
    /// The id of the `start_hash_chain` row when the chain was started by a migration (rows
    /// before it were hashed as found); `None` when the chain runs from the project's creation.
    pub chain_started_at: Option<i64>,
    /// The last row's stored `row_hash` (lowercase hex), `None` for an empty log.
    pub chain_head: Option<String>,
    /// The first row that breaks the chain, if any.
    pub broken_row: Option<BrokenRow>,
    /// The last row the project recorded (`meta.audit_chain_head`: id, row_hash) when it is not
    /// the log's last row: rows were removed from the end, or added outside Sanad. `Some(None)`:
    /// the log has rows but no head is recorded.
    pub head_mismatch: Option<Option<(i64, String)>>,
    /// Documents checked.
    pub documents: usize,
    /// Documents whose text changed, by id.
    pub changed_documents: Vec<ChangedDocument>,
}

impl ProjectReport {
    /// Is everything whole (chain unbroken, every text unchanged)?
    pub fn ok(&self) -> bool {
        self.broken_row.is_none()
            && self.head_mismatch.is_none()
            && self.changed_documents.is_empty()
    }

    /// One line: what was checked and whether it holds.
    pub fn summary(&self) -> String {
        let from = match self.chain_started_at {
            Some(id) => format!("from the migration that started it at row {id}"),
            None => "from the project's creation".to_owned(),
        };
        let head = self
            .chain_head
            .as_deref()
            .map_or(String::new(), |h| format!(", head {h}"));
        if self.ok() {
            format!(
                "project verified: {} audit rows chained {from}{head}; {} documents unchanged",
                self.audit_rows, self.documents
            )
        } else {
            format!(
                "project FAILED verification: {}; {} of {} documents changed",
                match (&self.broken_row, &self.head_mismatch) {
                    (Some(_), _) => "the audit chain is broken",
                    (None, Some(_)) => "the audit chain does not end where the project recorded",
                    (None, None) => "the audit chain is whole",
                },
                self.changed_documents.len(),
                self.documents
            )
        }
    }

    /// One line per problem (the first broken row, then each changed document), then
    /// [`Self::summary`].
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(row) = &self.broken_row {
            out.push(row.to_string());
        }
        if let Some(recorded) = &self.head_mismatch {
            out.push(match recorded {
                Some((id, hash)) => format!(
                    "the audit log does not end where the project recorded (row {id}, hash {hash}): rows were removed from its end or added outside Sanad"
                ),
                None => "the audit log has rows but the project recorded no last row (meta audit_chain_head): it was removed outside Sanad".to_owned(),
            });
        }
        for d in &self.changed_documents {
            out.push(d.to_string());
        }
        out.push(self.summary());
        out
    }
}

impl fmt::Display for BrokenRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "first broken audit row: id {} (at {}, actor {}, action {}): ",
            self.id, self.at, self.actor, self.action
        )?;
        match &self.problem {
            RowProblem::NoHash => f.write_str("it has no hash (written outside Sanad)"),
            RowProblem::Link { previous: Some(p) } => write!(
                f,
                "it does not follow row {p} (a row between them was removed, or rows were reordered or inserted)"
            ),
            RowProblem::Link { previous: None } => f.write_str(
                "it is the first row but does not start this project's chain (rows before it were removed, or it comes from another project)",
            ),
            RowProblem::Content => f.write_str("its content no longer matches its hash (it was changed)"),
        }
    }
}

impl fmt::Display for ChangedDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "changed document: id {} ({}): its text no longer matches the hash recorded at import",
            self.id, self.rel_path
        )
    }
}

/// A stored value as text, whatever its type (fields of rows changed outside Sanad may hold
/// anything).
fn lossy(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Text(b) | ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned(),
    }
}

impl Project {
    /// Walks the audit chain and checks every document's text (see the module docs), in one
    /// read transaction. Reads the whole log and every text once; changes nothing.
    ///
    /// # Errors
    /// SQLite errors only: what is broken is in the report.
    pub fn verify(&self) -> Result<ProjectReport, StoreError> {
        // One read transaction: the log, its recorded head and the texts as of one moment,
        // whatever another process commits meanwhile. Dropped (rolled back) at the end.
        let _snapshot = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Deferred,
        )?;
        let project_id = self.project_id()?;
        let chain_started_at = self
            .meta("audit_chain_started")?
            .and_then(|v| v.parse::<i64>().ok());
        let mut report = ProjectReport {
            project_id: project_id.clone(),
            audit_rows: 0,
            chain_started_at,
            chain_head: None,
            broken_row: None,
            head_mismatch: None,
            documents: 0,
            changed_documents: Vec::new(),
        };
        let mut expected = Some(genesis(&project_id));
        let mut previous: Option<i64> = None;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {HASHED_COLUMNS}, prev_hash, row_hash FROM audit_log ORDER BY id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            report.audit_rows += 1;
            let id: i64 = r.get(0)?;
            let stored_prev = r.get_ref(8)?;
            let stored_hash = r.get_ref(9)?;
            report.chain_head = match stored_hash {
                ValueRef::Null => None,
                v => Some(lossy(v)),
            };
            if report.broken_row.is_none() {
                let problem = match (stored_prev, stored_hash) {
                    (ValueRef::Null, _) | (_, ValueRef::Null) => Some(RowProblem::NoHash),
                    (prev, hash) => {
                        let prev = lossy(prev);
                        if expected.as_deref() != Some(prev.as_str()) {
                            Some(RowProblem::Link { previous })
                        } else {
                            let fields: Vec<ValueRef<'_>> =
                                (0..8).map(|i| r.get_ref(i)).collect::<Result<_, _>>()?;
                            (row_hash(&prev, &canonical(&fields)) != lossy(hash))
                                .then_some(RowProblem::Content)
                        }
                    }
                };
                if let Some(problem) = problem {
                    report.broken_row = Some(BrokenRow {
                        id,
                        at: lossy(r.get_ref(1)?),
                        actor: lossy(r.get_ref(2)?),
                        action: lossy(r.get_ref(3)?),
                        problem,
                    });
                }
            }
            expected = report.chain_head.clone();
            previous = Some(id);
        }
        drop(rows);
        let recorded = super::chain::recorded_head(self.meta("audit_chain_head")?.as_deref());
        let found = previous.zip(report.chain_head.clone());
        if recorded != found {
            report.head_mismatch = Some(recorded);
        }
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, rel_path, text, text_sha256 FROM documents ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            report.documents += 1;
            let found = match r.get_ref(3)? {
                ValueRef::Text(b) | ValueRef::Blob(b) => sha256_hex(b),
                other => sha256_hex(lossy(other).as_bytes()),
            };
            let recorded = lossy(r.get_ref(4)?);
            if found != recorded {
                report.changed_documents.push(ChangedDocument {
                    id: r.get(0)?,
                    name: lossy(r.get_ref(1)?),
                    rel_path: lossy(r.get_ref(2)?),
                    recorded,
                    found,
                });
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Action;
    use crate::store::{NewDocument, Project};

    #[test]
    fn a_project_verifies_and_an_edited_row_is_found() {
        let mut p = Project::in_memory().unwrap();
        assert!(p.verify().unwrap().ok(), "an empty project verifies");
        let doc = p
            .add_documents(&[NewDocument::from_text("a.txt", "سجن صيدنايا")])
            .unwrap()[0];
        let added = p
            .apply(&Action::AddAnnotation {
                id: None,
                document_id: doc,
                start: 0,
                end: 3,
                label: "PRISON".into(),
            })
            .unwrap();
        p.apply_tagged(&added.inverse, Some("undo")).unwrap();
        let report = p.verify().unwrap();
        assert!(report.ok(), "{:?}", report.lines());
        // Rows written: import (1), add (2), undo (3).
        assert_eq!((report.audit_rows, report.documents), (3, 1));
        assert_eq!(report.chain_started_at, None);
        p.conn
            .execute("UPDATE audit_log SET actor = 'mallory' WHERE id = 2", [])
            .unwrap();
        let report = p.verify().unwrap();
        let row = report.broken_row.unwrap();
        assert_eq!(
            (row.id, row.actor.as_str(), row.problem),
            (2, "mallory", super::RowProblem::Content)
        );
    }
}
