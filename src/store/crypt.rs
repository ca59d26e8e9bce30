//! Encrypted projects: SQLCipher (AES-256 pages with an HMAC each, the key derived from the
//! passphrase by PBKDF2-HMAC-SHA512, SQLCipher 4's defaults) through rusqlite's bundled
//! SQLCipher with vendored OpenSSL.
//!
//! The whole file is encrypted, header included, and so is its rollback journal; temporary
//! tables and indices stay in memory (`temp_store = MEMORY`). SQLCipher with no key is plain
//! SQLite, so plain projects open as before.
//!
//! Encrypting, decrypting and changing the passphrase write the whole project anew with
//! `sqlcipher_export()` into a temporary file in the project's folder (encrypted when the result
//! is), sync it, check that it opens with the new key and holds the same rows, then rename it
//! over the project: after a crash the project is either the old file or the new one.

use super::error::StoreError;
use super::project::{Project, sqlite_message, sync_dir};
use super::schema::APPLICATION_ID;
use crate::secret::Passphrase;
use rusqlite::Connection;
use std::path::Path;
use zeroize::Zeroizing;

/// Gives `conn` the key (`PRAGMA key`, the first statement on it) and checks that it reads the
/// file; sets `temp_store = MEMORY`.
///
/// # Errors
/// [`StoreError::WrongPassphrase`] when SQLCipher cannot read the file with that key (it is only
/// read, never written); [`StoreError::ForeignDatabase`] for another program's encrypted database.
pub(super) fn unlock(conn: &Connection, key: &Passphrase, path: &Path) -> Result<(), StoreError> {
    let literal = key.sql_literal();
    let mut sql = Zeroizing::new(String::with_capacity(literal.len() + 16));
    sql.push_str("PRAGMA key = ");
    sql.push_str(&literal);
    sql.push(';');
    let open_error = |e: rusqlite::Error| StoreError::Open {
        message: sqlite_message(&e),
        path: path.to_owned(),
    };
    // SQLCipher would print its own lines ("hmac check failed for pgno=1") on standard error for
    // a wrong key; the error says it in our words.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")
        .map_err(open_error)?;
    conn.execute_batch(&sql).map_err(open_error)?;
    drop(sql);
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::WrongPassphrase {
                path: path.to_owned(),
            },
            _ => open_error(e),
        })?;
    if tables > 0 {
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(open_error)?;
        if app_id != APPLICATION_ID {
            return Err(StoreError::ForeignDatabase {
                path: path.to_owned(),
            });
        }
    }
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(open_error)?;
    Ok(())
}

impl Project {
    /// Creates a new encrypted project at `path` (which must not exist, or be empty) with the
    /// default label scheme.
    ///
    /// # Errors
    /// [`StoreError::OutputExists`] when a project or other file is already there; the errors of
    /// [`Self::open_or_create_keyed`].
    pub fn create_encrypted(path: &Path, key: &Passphrase) -> Result<Self, StoreError> {
        if super::inspect(path).map_err(|e| match e {
            StoreError::NotSqlite { path } | StoreError::ForeignDatabase { path } => {
                StoreError::OutputExists { path }
            }
            other => other,
        })? != super::FileKind::New
        {
            return Err(StoreError::OutputExists {
                path: path.to_owned(),
            });
        }
        Self::open_or_create_keyed(path, Some(key))
    }

    /// Opens an existing project that may be encrypted, with its passphrase (a plain project
    /// opens as it is).
    ///
    /// # Errors
    /// [`StoreError::WrongPassphrase`] ("wrong passphrase or not a Sanad project: PATH"), the file
    /// untouched; the errors of [`Self::open_existing`].
    pub fn open_encrypted(path: &Path, key: &Passphrase) -> Result<Self, StoreError> {
        Self::open_existing_keyed(path, Some(key))
    }

    /// Is the project file encrypted?
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// A second connection to the same project file (same passphrase), e.g. for an export in a
    /// background thread. An in-memory project cannot be reopened.
    ///
    /// # Errors
    /// The errors of [`Self::open_existing_keyed`].
    pub fn reopen(&self) -> Result<Self, StoreError> {
        self.reopener()()
    }

    /// Opens another project file with this project's passphrase (none for a plain project),
    /// e.g. a copy made by [`Self::backup_to`], which is encrypted with the same key.
    ///
    /// # Errors
    /// The errors of [`Self::open_existing_keyed`].
    pub fn open_with_same_key(&self, path: &Path) -> Result<Self, StoreError> {
        Self::open_existing_keyed(path, self.key.as_ref())
    }

    /// [`Self::reopen`] to run later, e.g. in another thread: it holds the path and a copy of the
    /// passphrase (wiped when it is dropped).
    pub fn reopener(&self) -> impl FnOnce() -> Result<Self, StoreError> + Send + 'static {
        let (path, key) = (self.path.clone(), self.key.clone());
        move || Self::open_existing_keyed(&path, key.as_ref())
    }
}

/// Encrypts the plain project at `path` with `key`, in place (see the module docs).
///
/// # Errors
/// [`StoreError::Refused`] when it is already encrypted; [`StoreError::AlreadyOpen`] when a
/// window has it open; I/O and SQLite errors (the project is then unchanged).
pub fn encrypt_file(path: &Path, key: &Passphrase) -> Result<(), StoreError> {
    if super::inspect(path)? == super::FileKind::Encrypted {
        return Err(StoreError::Refused(format!(
            "the project is already encrypted (to change its passphrase use rekey): {}",
            path.display()
        )));
    }
    let mut project = Project::open_existing(path)?;
    project.lock_for_editing()?;
    rewrite(&project, Some(key))
}

/// Decrypts the encrypted project at `path` in place: afterwards it is a plain SQLite file that
/// anyone with the file can read.
///
/// # Errors
/// [`StoreError::Refused`] when it is not encrypted; [`StoreError::WrongPassphrase`];
/// [`StoreError::AlreadyOpen`]; I/O and SQLite errors (the project is then unchanged).
pub fn decrypt_file(path: &Path, key: &Passphrase) -> Result<(), StoreError> {
    let mut project = open_encrypted_only(path, key)?;
    project.lock_for_editing()?;
    rewrite(&project, None)
}

/// Changes the passphrase of the encrypted project at `path` from `old` to `new`.
///
/// # Errors
/// As [`decrypt_file`].
pub fn rekey_file(path: &Path, old: &Passphrase, new: &Passphrase) -> Result<(), StoreError> {
    let mut project = open_encrypted_only(path, old)?;
    project.lock_for_editing()?;
    rewrite(&project, Some(new))
}

fn open_encrypted_only(path: &Path, key: &Passphrase) -> Result<Project, StoreError> {
    if matches!(super::inspect(path)?, super::FileKind::Sanad { .. }) {
        return Err(StoreError::Refused(format!(
            "the project is not encrypted: {}",
            path.display()
        )));
    }
    Project::open_encrypted(path, key)
}

/// Writes `project` anew, encrypted with `key` (plain when `None`), over its own file.
fn rewrite(project: &Project, key: Option<&Passphrase>) -> Result<(), StoreError> {
    let path = project.path.clone();
    let io = |source: std::io::Error| StoreError::Io {
        source,
        path: path.clone(),
    };
    let (dir, name) = super::files::folder_and_name(&path).map_err(io)?;
    let (tmp, file) = super::files::create_temp(&dir, &name).map_err(io)?;
    drop(file);
    let result = (|| {
        let tmp_str = tmp.to_str().ok_or_else(|| {
            io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the path is not valid UTF-8",
            ))
        })?;
        export_into(&project.conn, tmp_str, key)?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        // The new file must open with the new key and hold what the old one holds.
        let check = Project::open_existing_keyed(&tmp, key)?;
        if check.is_encrypted() != key.is_some()
            || check.audit_len()? != project.audit_len()?
            || check.document_summaries()?.len() != project.document_summaries()?.len()
        {
            return Err(StoreError::Refused(format!(
                "the rewritten project differs from the original, which was left as it was: {}",
                path.display()
            )));
        }
        drop(check);
        std::fs::rename(&tmp, &path).map_err(io)?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    for companion in super::files::existing_companions(&tmp) {
        let _ = std::fs::remove_file(companion);
    }
    result
}

/// Copies the whole database of `conn` into the new file `out` (empty or absent) with
/// `sqlcipher_export()`, encrypted with `key` (plain when `None`), with the same `user_version`
/// and `application_id`.
pub(super) fn export_into(
    conn: &Connection,
    out: &str,
    key: Option<&Passphrase>,
) -> Result<(), StoreError> {
    conn.execute(
        "ATTACH DATABASE ?1 AS sanad_copy KEY ?2",
        rusqlite::params![out, key.map_or("", |k| k.expose())],
    )?;
    let copied = (|| -> Result<(), StoreError> {
        conn.query_row("SELECT sqlcipher_export('sanad_copy')", [], |_| Ok(()))?;
        let version: i32 = conn.pragma_query_value(Some("main"), "user_version", |r| r.get(0))?;
        conn.pragma_update(Some("sanad_copy"), "user_version", version)?;
        conn.pragma_update(Some("sanad_copy"), "application_id", APPLICATION_ID)?;
        Ok(())
    })();
    let detached = conn.execute_batch("DETACH DATABASE sanad_copy");
    copied?;
    Ok(detached?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewDocument;

    const NAME: &str = "فاطمة الزهراء القباني";

    /// The rollback journal of a transaction in progress, with the original pages of the
    /// document table: plaintext for a plain project (the control), ciphertext when encrypted.
    fn journal_mid_transaction(key: Option<&Passphrase>) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.sanad");
        let mut p = Project::open_or_create_keyed(&path, key).unwrap();
        p.add_documents(&[NewDocument::from_text("a.txt", &format!("شهادة {NAME}"))])
            .unwrap();
        p.conn
            .execute_batch("BEGIN IMMEDIATE; UPDATE documents SET text = text || '.';")
            .unwrap();
        let mut journal = path.as_os_str().to_owned();
        journal.push("-journal");
        let bytes = std::fs::read(&journal).unwrap();
        p.conn.execute_batch("ROLLBACK").unwrap();
        bytes
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn the_journal_of_an_encrypted_project_is_encrypted() {
        let plain = journal_mid_transaction(None);
        assert!(
            contains(&plain, NAME.as_bytes()),
            "control: a plain journal shows it"
        );
        let key = Passphrase::new("s".into()).unwrap();
        let encrypted = journal_mid_transaction(Some(&key));
        assert!(
            encrypted.len() > 4096,
            "the journal holds at least one page"
        );
        assert!(!contains(&encrypted, NAME.as_bytes()));
    }
}
