//! A Sanad project: one SQLite file holding documents, labels, annotations and the audit log.
//!
//! **One file, always.** The project uses SQLite's rollback journal (`journal_mode=DELETE`), not
//! WAL: every committed transaction is in the `.sanad` file itself when the commit returns, so a
//! byte copy of that file alone holds every finished action; with `cache_spill` off, no page of an
//! unfinished transaction is written to it early. `synchronous=EXTRA` makes a commit
//! durable across a power cut too (the journal and the main file are synced, and so is the
//! folder after the journal is deleted). While a transaction is being written a `-journal` file
//! stands beside the project; after a crash it is rolled back when the project is next opened.
//!
//! **Writers wait.** Every write transaction starts with `BEGIN IMMEDIATE` and waits up to
//! [`BUSY_TIMEOUT`] for another process's transaction (a CLI import, say) to finish.
//!
//! **One editing window.** A window that edits the project takes an advisory lock on it
//! ([`Project::lock_for_editing`]); a second window is refused with
//! [`StoreError::AlreadyOpen`]. Command-line imports and exports take no such lock: they are
//! transactions like any other and wait their turn.

use super::error::StoreError;
use super::schema::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};
use crate::model::scheme::{LabelScheme, parse_hex_color};
use crate::model::{Annotation, Document, DocumentId, DocumentStatus, DocumentSummary, Label};
use crate::text::DirectionSetting;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::{Path, PathBuf};

pub use super::inspect::{FileKind, inspect};

/// How long a transaction waits for another connection's write to finish before it gives up
/// with "database is locked".
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// An open project.
pub struct Project {
    // Field order matters: the connection closes before the editing lock's file handle, so
    // closing that handle never drops SQLite's own locks on the file mid-transaction.
    pub(super) conn: Connection,
    pub(super) editor_lock: Option<std::fs::File>,
    pub(super) path: PathBuf,
    /// The passphrase of an encrypted project, kept (in wiped memory) only to open a second
    /// connection to it ([`Self::reopen`], for background exports); `None` for a plain project.
    pub(super) key: Option<crate::secret::Passphrase>,
    actor: String,
}

/// A document to add to a project.
#[derive(Clone, Debug)]
pub struct NewDocument {
    /// File name.
    pub name: String,
    /// Path relative to the imported folder, `/`-separated; unique in a project.
    pub rel_path: String,
    /// Decoded text.
    pub text: String,
    /// SHA-256 of the original bytes, lowercase hex.
    pub sha256: String,
    /// encoding_rs name of the source encoding.
    pub encoding: String,
    /// Size of the original file in bytes.
    pub byte_len: usize,
    /// Did the file start with a byte-order mark (stripped from `text`)?
    pub bom: bool,
    /// Was the encoding guessed with low confidence (no BOM, not valid UTF-8, and the detector
    /// was unsure)? Shown on the document as "encoding guessed".
    pub encoding_guessed: bool,
}

impl NewDocument {
    /// A document decoded from UTF-8 without BOM, with `rel_path` as its name and path; for
    /// tests and programs that make documents from strings. `sha256` is that of `text`'s bytes.
    pub fn from_text(rel_path: &str, text: &str) -> Self {
        Self {
            name: rel_path.rsplit('/').next().unwrap_or(rel_path).to_owned(),
            rel_path: rel_path.to_owned(),
            text: text.to_owned(),
            sha256: crate::model::sha256_hex(text.as_bytes()),
            encoding: "UTF-8".to_owned(),
            byte_len: text.len(),
            bom: false,
            encoding_guessed: false,
        }
    }
}

/// Current time as RFC 3339 UTC with seconds, e.g. `2026-11-29T22:40:00Z`.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

impl Project {
    /// Opens the project at `path`, creating it (with the default label scheme) if the file does
    /// not exist, or is empty and named `*.sanad`, and migrating an older schema.
    ///
    /// # Errors
    /// See [`inspect`]; plus SQLite errors.
    pub fn open_or_create(path: &Path) -> Result<Self, StoreError> {
        Self::open_or_create_keyed(path, None)
    }

    /// [`Self::open_or_create`] with a passphrase: a new project made with one is encrypted
    /// (SQLCipher), an encrypted project needs it, a plain project opens as it is (the key is
    /// not used).
    ///
    /// # Errors
    /// [`StoreError::Encrypted`] for an encrypted project without `key`;
    /// [`StoreError::WrongPassphrase`] when `key` does not decrypt it (the file is only read);
    /// and everything [`Self::open_or_create`] gives.
    pub fn open_or_create_keyed(
        path: &Path,
        key: Option<&crate::secret::Passphrase>,
    ) -> Result<Self, StoreError> {
        let is_sanad_name = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("sanad"));
        let kind = inspect(path)?;
        let key = match (kind, key) {
            (FileKind::Encrypted, None) => {
                return Err(StoreError::Encrypted {
                    path: path.to_owned(),
                });
            }
            (FileKind::Sanad { .. }, _) => None,
            (_, key) => key,
        };
        if kind == FileKind::New {
            if path.exists() && !is_sanad_name {
                // An empty file of another name (notes.txt) is not taken over as a project.
                return Err(StoreError::Empty {
                    path: path.to_owned(),
                });
            }
            if let Some(companion) = super::files::existing_companions(path)
                .iter()
                .find(|c| !super::files::is_sqlite_companion(c))
            {
                // A new database would delete (or play back) a file of that name.
                return Err(StoreError::Refused(format!(
                    "a file named like this new project's journal is already there; move it away first: {}",
                    companion.display()
                )));
            }
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                source,
                path: path.to_owned(),
            })?;
        }
        let with_path = |e: rusqlite::Error| StoreError::Open {
            message: sqlite_message(&e),
            path: path.to_owned(),
        };
        let conn = Connection::open(path).map_err(with_path)?;
        if let Some(key) = key {
            super::crypt::unlock(&conn, key, path)?;
        }
        let mut project = Self {
            conn,
            editor_lock: None,
            path: path.to_owned(),
            key: key.cloned(),
            actor: default_actor(),
        };
        project
            .configure()
            .and_then(|()| project.migrate())
            .map_err(|e| match e {
                StoreError::Sqlite(e) => with_path(e),
                other => other,
            })?;
        Ok(project)
    }

    /// Opens an existing project; refuses a missing file instead of creating one.
    ///
    /// # Errors
    /// [`StoreError::Missing`] when there is no file, and everything [`Self::open_or_create`] gives.
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        Self::open_existing_keyed(path, None)
    }

    /// [`Self::open_existing`] with the passphrase of an encrypted project (not used for a
    /// plain one).
    ///
    /// # Errors
    /// As [`Self::open_existing`] and [`Self::open_or_create_keyed`].
    pub fn open_existing_keyed(
        path: &Path,
        key: Option<&crate::secret::Passphrase>,
    ) -> Result<Self, StoreError> {
        match inspect(path)? {
            FileKind::New if path.exists() => Err(StoreError::Empty {
                path: path.to_owned(),
            }),
            FileKind::New => Err(StoreError::Missing {
                path: path.to_owned(),
            }),
            FileKind::Sanad { .. } | FileKind::Encrypted => Self::open_or_create_keyed(path, key),
        }
    }

    /// An in-memory project with the default scheme, for tests and benchmarks.
    ///
    /// # Errors
    /// SQLite errors only.
    pub fn in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory()?;
        let mut project = Self {
            conn,
            editor_lock: None,
            path: PathBuf::from(":memory:"),
            key: None,
            actor: default_actor(),
        };
        project.configure()?;
        project.migrate()?;
        Ok(project)
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        if self.path != Path::new(":memory:") {
            // A project made by an older Sanad in WAL mode becomes one file here: SQLite
            // checkpoints the WAL into the main file and removes it.
            let mode: String =
                self.conn
                    .pragma_update_and_check(None, "journal_mode", "delete", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("delete") {
                return Err(StoreError::Refused(format!(
                    "the project stays in {mode} mode because another program has it open; close it there and open it again"
                )));
            }
        }
        self.conn.pragma_update(None, "synchronous", "EXTRA")?;
        // Never write a page of an unfinished transaction into the project file (SQLite would
        // "spill" a large transaction's pages before commit): the file then holds committed
        // transactions only, except during the moment a commit writes it.
        self.conn.pragma_update(None, "cache_spill", false)?;
        self.conn
            .set_transaction_behavior(TransactionBehavior::Immediate);
        Ok(())
    }

    /// Brings the schema to [`SCHEMA_VERSION`] in one `BEGIN IMMEDIATE` transaction. The
    /// version is read inside it, so two processes creating the same new project one after
    /// the other create it once.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let read_version = |c: &Connection| -> Result<i32, StoreError> {
            let version: i32 = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if version > SCHEMA_VERSION {
                return Err(StoreError::NewerVersion {
                    found: version,
                    supported: SCHEMA_VERSION,
                    path: PathBuf::new(),
                });
            }
            Ok(version)
        };
        let with_path = |e: StoreError, path: &Path| match e {
            StoreError::NewerVersion {
                found, supported, ..
            } => StoreError::NewerVersion {
                found,
                supported,
                path: path.to_owned(),
            },
            other => other,
        };
        if read_version(&self.conn).map_err(|e| with_path(e, &self.path))? == SCHEMA_VERSION {
            return Ok(());
        }
        let path = self.path.clone();
        let tx = self.conn.transaction()?;
        let version = read_version(&tx).map_err(|e| with_path(e, &path))?;
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let fresh = version == 0;
        for (n, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (n + 1) as i32)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        if !fresh && version == 1 {
            super::scheme::add_default_relations_and_attributes(&tx)?;
        }
        if !fresh && version < 3 {
            super::schema::fill_text_hashes(&tx)?;
        }
        if !fresh && version < 5 {
            super::chain::start_on_existing(&tx, &self.actor, version)?;
        }
        if !fresh && version < 6 {
            super::schema::fill_annotators(&tx)?;
        }
        if fresh {
            let scheme = LabelScheme::default_scheme()?;
            super::scheme::insert_scheme(&tx, &scheme)?;
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('created_at', ?1)",
                [now_rfc3339()],
            )?;
            // A random id that exports name (src/export/manifest.rs); without a random source
            // the manifest derives one from `created_at` instead.
            let mut id = [0u8; 16];
            if getrandom::fill(&mut id).is_ok() {
                let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
                tx.execute(
                    "INSERT INTO meta(key, value) VALUES ('project_id', ?1)",
                    [hex],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The project file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Sets how long a transaction waits for another connection's write ([`BUSY_TIMEOUT`] by
    /// default) before failing with [`StoreError::Busy`].
    ///
    /// # Errors
    /// SQLite errors.
    pub fn set_busy_timeout(&mut self, wait: std::time::Duration) -> Result<(), StoreError> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// The name recorded in the audit log for changes.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Sets the name recorded in the audit log.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        self.actor = actor.into();
    }

    /// A value from the project's `meta` table.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Sets a value in the `meta` table (its own transaction).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Labels in palette order.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn labels(&self) -> Result<Vec<Label>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, color, key, description FROM labels ORDER BY position, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let color: String = r.get(2)?;
            let key: Option<String> = r.get(3)?;
            Ok(Label {
                id: r.get(0)?,
                name: r.get(1)?,
                color: parse_hex_color(&color).unwrap_or([128, 128, 128]),
                key: key.and_then(|k| k.chars().next()),
                description: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Documents with their annotation counts, ordered by relative path.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn document_summaries(&self) -> Result<Vec<DocumentSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.name, d.rel_path, (SELECT COUNT(*) FROM annotations a WHERE a.document_id = d.id),
                    instr(d.text, char(0x202D)) > 0 OR instr(d.text, char(0x202E)) > 0, d.status
             FROM documents d ORDER BY d.rel_path",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DocumentSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                rel_path: r.get(2)?,
                annotation_count: r.get::<_, i64>(3)? as usize,
                has_override: r.get(4)?,
                status: DocumentStatus::parse(&r.get::<_, String>(5)?).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One document with its text.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] or SQLite errors.
    pub fn document(&self, id: DocumentId) -> Result<Document, StoreError> {
        self.conn
            .query_row(
                "SELECT id, name, rel_path, text, sha256, encoding, imported_at, direction, note, status, bom, encoding_guessed, text_sha256 FROM documents WHERE id = ?1",
                [id],
                |r| {
                    let dir: String = r.get(7)?;
                    Ok(Document {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        rel_path: r.get(2)?,
                        text: r.get(3)?,
                        sha256: r.get(4)?,
                        encoding: r.get(5)?,
                        imported_at: r.get(6)?,
                        direction: DirectionSetting::parse(&dir).unwrap_or_default(),
                        note: r.get(8)?,
                        status: DocumentStatus::parse(&r.get::<_, String>(9)?).unwrap_or_default(),
                        bom: r.get(10)?,
                        encoding_guessed: r.get(11)?,
                        text_sha256: r.get(12)?,
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "document", id })
    }

    /// A document's direction setting, note and status, without its text.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] or SQLite errors.
    pub fn document_settings(
        &self,
        id: DocumentId,
    ) -> Result<(DirectionSetting, String, DocumentStatus), StoreError> {
        self.conn
            .query_row(
                "SELECT direction, note, status FROM documents WHERE id = ?1",
                [id],
                |r| {
                    let (d, n, s): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                    Ok((
                        DirectionSetting::parse(&d).unwrap_or_default(),
                        n,
                        DocumentStatus::parse(&s).unwrap_or_default(),
                    ))
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "document",
                id,
            })
    }

    /// The stored SHA-256 and id of the document at `rel_path`, if imported.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn document_by_path(
        &self,
        rel_path: &str,
    ) -> Result<Option<(DocumentId, String)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, sha256 FROM documents WHERE rel_path = ?1",
                [rel_path],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Adds documents in one transaction, recorded in the audit log as one `import` action.
    /// A document whose `rel_path` is already in the project (another window importing the same
    /// folder at the same time, say) is left out. Returns the ids of those added, in order.
    ///
    /// # Errors
    /// SQLite errors; nothing is added then.
    pub fn add_documents(&mut self, docs: &[NewDocument]) -> Result<Vec<DocumentId>, StoreError> {
        Ok(self
            .add_documents_each(docs)?
            .into_iter()
            .flatten()
            .collect())
    }

    /// [`Self::add_documents`], with one entry per document: its new id, or `None` when a
    /// document with its `rel_path` was already in the project.
    ///
    /// # Errors
    /// SQLite errors; nothing is added then.
    pub fn add_documents_each(
        &mut self,
        docs: &[NewDocument],
    ) -> Result<Vec<Option<DocumentId>>, StoreError> {
        let tx = self.conn.transaction()?;
        let now = now_rfc3339();
        let mut ids = Vec::with_capacity(docs.len());
        let mut added: Vec<&String> = Vec::with_capacity(docs.len());
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO documents(name, rel_path, text, sha256, encoding, byte_len, char_count, imported_at, bom, encoding_guessed, text_sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(rel_path) DO NOTHING",
            )?;
            for d in docs {
                stmt.execute(params![
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
                ])?;
                if tx.changes() > 0 {
                    ids.push(Some(tx.last_insert_rowid()));
                    added.push(&d.rel_path);
                } else {
                    ids.push(None);
                }
            }
        }
        if !added.is_empty() {
            let after = serde_json::json!({ "documents": added });
            super::apply::audit(&tx, &self.actor, "import", (None, None), None, Some(after))?;
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Annotations of a document, ordered by start, then end, then id.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn annotations(&self, document_id: DocumentId) -> Result<Vec<Annotation>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            r#"SELECT id, document_id, start, "end", label_id, note, entity_id FROM annotations WHERE document_id = ?1 ORDER BY start, "end", id"#,
        )?;
        let rows = stmt.query_map([document_id], |r| {
            Ok(Annotation {
                id: r.get(0)?,
                document_id: r.get(1)?,
                start: r.get::<_, i64>(2)? as usize,
                end: r.get::<_, i64>(3)? as usize,
                label_id: r.get(4)?,
                note: r.get(5)?,
                entity_id: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Number of rows in the audit log.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn audit_len(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get::<_, i64>(0))?
            as usize)
    }
}

/// Syncs a folder so a rename or a new file in it survives a power cut (best effort: not every
/// platform can open a folder for syncing).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// SQLite's own words for an error, without rusqlite's repetition of the code.
pub(super) fn sqlite_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(err, Some(msg)) => {
            format!("{msg}; SQLite error {}", err.extended_code)
        }
        other => other.to_string(),
    }
}

fn default_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "researcher".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;

    fn doc(text: &str) -> NewDocument {
        NewDocument {
            name: "a.txt".into(),
            rel_path: "a.txt".into(),
            text: text.into(),
            sha256: "00".into(),
            encoding: "UTF-8".into(),
            byte_len: text.len(),
            bom: false,
            encoding_guessed: false,
        }
    }

    #[test]
    fn add_relabel_delete_and_inverses_round_trip() {
        let mut p = Project::in_memory().unwrap();
        let id = p.add_documents(&[doc("أطلق الدفاع المدني")]).unwrap()[0];
        let add = Action::AddAnnotation {
            id: None,
            document_id: id,
            start: 5,
            end: 11,
            label: "ORGANIZATION".into(),
        };
        let applied = p.apply(&add).unwrap();
        let ann = p.annotations(id).unwrap();
        assert_eq!((ann[0].start, ann[0].end), (5, 11));
        let relabel = p
            .apply(&Action::RelabelAnnotation {
                id: ann[0].id,
                label: "PERSON".into(),
            })
            .unwrap();
        p.apply(&relabel.inverse).unwrap();
        let undo_add = p.apply(&applied.inverse).unwrap();
        assert!(p.annotations(id).unwrap().is_empty());
        p.apply(&undo_add.inverse).unwrap();
        assert_eq!(
            p.annotations(id).unwrap()[0].id,
            ann[0].id,
            "undoing a delete restores the same id"
        );
        assert_eq!(p.audit_len().unwrap(), 6); // import + 5 actions
        let first_after: String = p
            .conn
            .query_row(
                "SELECT after FROM audit_log WHERE action = 'add_annotation' ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&first_after).unwrap();
        assert_eq!(v["text"], "الدفاع", "substr() cuts by code point");
    }

    #[test]
    fn direction_is_stored_and_undoable_and_overrides_are_flagged() {
        let mut p = Project::in_memory().unwrap();
        let ids = p
            .add_documents(&[
                doc("ICRC: قالت اللجنة"),
                NewDocument {
                    rel_path: "b.txt".into(),
                    ..doc("abc \u{202E}cba")
                },
            ])
            .unwrap();
        let applied = p
            .apply(&Action::SetDirection {
                document_id: ids[0],
                direction: DirectionSetting::Rtl,
            })
            .unwrap();
        assert_eq!(p.document(ids[0]).unwrap().direction, DirectionSetting::Rtl);
        p.apply(&applied.inverse).unwrap();
        assert_eq!(
            p.document(ids[0]).unwrap().direction,
            DirectionSetting::Auto
        );
        let flags: Vec<bool> = p
            .document_summaries()
            .unwrap()
            .iter()
            .map(|d| d.has_override)
            .collect();
        assert_eq!(flags, vec![false, true]);
    }

    #[test]
    fn bad_spans_and_labels_change_nothing() {
        let mut p = Project::in_memory().unwrap();
        let id = p.add_documents(&[doc("abc")]).unwrap()[0];
        let bad = Action::AddAnnotation {
            id: None,
            document_id: id,
            start: 2,
            end: 4,
            label: "PERSON".into(),
        };
        assert!(matches!(p.apply(&bad), Err(StoreError::InvalidSpan { .. })));
        let bad = Action::AddAnnotation {
            id: None,
            document_id: id,
            start: 0,
            end: 1,
            label: "NOPE".into(),
        };
        assert!(matches!(p.apply(&bad), Err(StoreError::UnknownLabel(_))));
        assert!(p.annotations(id).unwrap().is_empty());
        assert_eq!(p.audit_len().unwrap(), 1);
    }

    #[test]
    fn foreign_and_non_sqlite_files_are_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let txt = dir.path().join("notes.txt");
        std::fs::write(&txt, "hello, this is not a database at all, but it is long enough to have a header of one hundred bytes.......").unwrap();
        assert!(matches!(
            Project::open_existing(&txt),
            Err(StoreError::NotSqlite { .. })
        ));
        let other = dir.path().join("other.sqlite");
        {
            let c = Connection::open(&other).unwrap();
            c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                .unwrap();
        }
        let before = std::fs::read(&other).unwrap();
        assert!(matches!(
            Project::open_existing(&other),
            Err(StoreError::ForeignDatabase { .. })
        ));
        assert_eq!(std::fs::read(&other).unwrap(), before);
        assert!(matches!(
            Project::open_existing(&dir.path().join("none.sanad")),
            Err(StoreError::Missing { .. })
        ));
        let empty = dir.path().join("empty.sanad");
        std::fs::write(&empty, b"").unwrap();
        assert!(matches!(
            Project::open_existing(&empty),
            Err(StoreError::Empty { .. })
        ));
        // A Sanad header over damaged pages: an error that names the file, not a panic.
        let good = dir.path().join("good.sanad");
        {
            let mut p = Project::open_or_create(&good).unwrap();
            p.add_documents(&[doc("abc")]).unwrap();
            p.conn
                .pragma_update(None, "journal_mode", "delete")
                .unwrap();
        }
        let mut bytes = std::fs::read(&good).unwrap();
        bytes.truncate(1500);
        let cut = dir.path().join("cut.sanad");
        std::fs::write(&cut, &bytes).unwrap();
        let err = Project::open_existing(&cut)
            .and_then(|p| p.document_summaries().map(|_| ()))
            .err()
            .unwrap();
        assert!(
            err.to_string().ends_with(&cut.display().to_string())
                || matches!(err, StoreError::Sqlite(_)),
            "{err}"
        );
    }

    #[test]
    fn a_schema_1_project_migrates_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.sanad");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(MIGRATIONS[0]).unwrap();
            c.pragma_update(None, "user_version", 1).unwrap();
            c.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            c.execute_batch(
                r#"INSERT INTO labels(name, color, key, description, position) VALUES
                     ('PERSON', '#4e79a7', '1', '', 0), ('PRISON', '#e15759', '3', '', 1);
                   INSERT INTO documents(name, rel_path, text, sha256, encoding, byte_len, char_count, imported_at)
                     VALUES ('a.txt', 'a.txt', 'سجن صيدنايا', '0', 'UTF-8', 21, 11, '2026-01-01T00:00:00Z');
                   INSERT INTO annotations(document_id, start, "end", label_id, created_at) VALUES (1, 0, 11, 2, '2026-01-01T00:00:00Z');"#,
            )
            .unwrap();
        }
        assert_eq!(inspect(&path).unwrap(), FileKind::Sanad { version: 1 });
        let mut p = Project::open_existing(&path).unwrap();
        let v: i32 = p
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let anns = p.annotations(1).unwrap();
        assert_eq!(
            (
                anns[0].start,
                anns[0].end,
                anns[0].note.as_str(),
                anns[0].entity_id
            ),
            (0, 11, "", None)
        );
        assert_eq!(p.document(1).unwrap().status, DocumentStatus::Todo);
        // Default relation types whose labels the project has came along: PERSON held_in PRISON.
        assert_eq!(
            p.allowed_relations("PERSON", "PRISON").unwrap(),
            vec!["held_in"]
        );
        let person = p
            .apply(&Action::AddAnnotation {
                id: None,
                document_id: 1,
                start: 4,
                end: 11,
                label: "PERSON".into(),
            })
            .unwrap();
        assert!(person.created.is_some());
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.sanad");
        drop(Project::open_or_create(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
            c.pragma_update(None, "journal_mode", "delete").unwrap();
        }
        let err = Project::open_or_create(&path).err().unwrap();
        assert!(matches!(err, StoreError::NewerVersion { .. }), "{err}");
        assert!(err.to_string().ends_with(&path.display().to_string()));
    }

    #[test]
    fn a_large_unfinished_transaction_writes_nothing_into_the_project_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.sanad");
        let mut p = Project::open_or_create(&path).unwrap();
        p.add_documents(&[doc("committed")]).unwrap();
        let before = std::fs::read(&path).unwrap();
        // 24 MB of text, far more than SQLite's page cache (about 2 MB), in one transaction.
        let big = "سجن صيدنايا في ريف دمشق. ".repeat(30_000);
        let tx = p.conn.transaction().unwrap();
        for i in 0..30 {
            tx.execute(
                "INSERT INTO documents(name, rel_path, text, sha256, encoding, byte_len, char_count, imported_at) VALUES ('b', ?1, ?2, '0', 'UTF-8', 0, 0, '')",
                params![format!("b{i}.txt"), big],
            )
            .unwrap();
        }
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "no page of the open transaction reached the file"
        );
        tx.commit().unwrap();
        let copy = dir.path().join("copy.sanad");
        std::fs::copy(&path, &copy).unwrap();
        assert_eq!(
            Project::open_existing(&copy)
                .unwrap()
                .document_summaries()
                .unwrap()
                .len(),
            31
        );
    }
}
