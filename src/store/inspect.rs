//! What a file is before it is opened as a project: a new project's place, a Sanad project of
//! some schema version, or something to refuse untouched (a folder, a pipe, another program's
//! database, a file named like a database journal).

use super::error::StoreError;
use super::project::sqlite_message;
use super::schema::{APPLICATION_ID, SCHEMA_VERSION};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;

/// What the first 100 bytes of a file say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The file does not exist or is empty: a new project may be created there.
    New,
    /// A file that is not plain SQLite but could be an encrypted (SQLCipher) project: its size
    /// is a whole number of 512-byte pages. Only its passphrase tells (see
    /// [`crate::store::Project::open_encrypted`]).
    Encrypted,
    /// A Sanad project of this schema version.
    Sanad {
        /// `user_version` from the header (may lag a change still in the WAL).
        version: i32,
    },
}

/// Reads the SQLite header of `path` without opening it as a database, so a file that is not a
/// Sanad project is never touched. A plain SQLite file starts with `SQLite format 3\0`; one that
/// does not, but whose size is a multiple of 512 bytes, is [`FileKind::Encrypted`].
///
/// # Errors
/// [`StoreError::NotSqlite`], [`StoreError::ForeignDatabase`], [`StoreError::NewerVersion`], or
/// [`StoreError::Io`] when the file cannot be read.
pub fn inspect(path: &Path) -> Result<FileKind, StoreError> {
    if path.is_dir() {
        return Err(StoreError::IsFolder {
            path: path.to_owned(),
        });
    }
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(StoreError::Io {
            source: std::io::Error::other("not a regular file: a pipe, socket or device"),
            path: path.to_owned(),
        });
    }
    if super::files::is_companion_name(path) {
        // SQLite deletes or plays back a file of that name when the database beside it opens.
        return Err(StoreError::Refused(format!(
            "a project cannot be named like a database journal (ending -journal, -wal or -shm): {}",
            path.display()
        )));
    }
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::New),
        Err(source) => {
            return Err(StoreError::Io {
                source,
                path: path.to_owned(),
            });
        }
    };
    let mut header = Vec::with_capacity(100);
    (&mut file)
        .take(100)
        .read_to_end(&mut header)
        .map_err(|source| StoreError::Io {
            source,
            path: path.to_owned(),
        })?;
    if header.is_empty() {
        return Ok(FileKind::New);
    }
    if header.len() == 100 && &header[..16] != b"SQLite format 3\0" {
        // SQLCipher encrypts the whole file, header included (its first 16 bytes are the salt),
        // in pages of 512 bytes or a multiple.
        let len = file.metadata().map_or(0, |m| m.len());
        if len >= 512 && len % 512 == 0 {
            return Ok(FileKind::Encrypted);
        }
    }
    if header.len() < 100 || &header[..16] != b"SQLite format 3\0" {
        return Err(StoreError::NotSqlite {
            path: path.to_owned(),
        });
    }
    let be = |at: usize| {
        i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (version, app_id) = (be(60), be(68));
    if app_id == 0 && version == 0 && be(40) == 0 {
        // Schema cookie 0: no table was ever committed to this file. It holds nothing, so it
        // is the stub of a project whose first transaction never finished (or an empty
        // database); it becomes a new project.
        return Ok(FileKind::New);
    }
    if app_id != APPLICATION_ID && companion_exists(path) {
        // The header may lag a change still in a WAL file of an older Sanad (or a hot journal
        // not yet rolled back): ask SQLite, read-only.
        return inspect_through_sqlite(path);
    }
    if app_id != APPLICATION_ID {
        return Err(StoreError::ForeignDatabase {
            path: path.to_owned(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion {
            found: version,
            supported: SCHEMA_VERSION,
            path: path.to_owned(),
        });
    }
    Ok(FileKind::Sanad { version })
}

/// Is there a `-wal` or `-journal` file beside `path`?
fn companion_exists(path: &Path) -> bool {
    ["-wal", "-journal"].iter().any(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        Path::new(&name).exists()
    })
}

/// [`inspect`] for a file whose header does not say Sanad but whose companion file may: opens it
/// with SQLite read-only and reads `application_id`, `user_version` and whether it has tables.
fn inspect_through_sqlite(path: &Path) -> Result<FileKind, StoreError> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::Open {
            message: sqlite_message(&e),
            path: path.to_owned(),
        })?;
    let read = || -> rusqlite::Result<(i32, i32, i64)> {
        Ok((
            conn.pragma_query_value(None, "application_id", |r| r.get(0))?,
            conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
            conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))?,
        ))
    };
    let (app_id, version, tables) = read().map_err(|e| StoreError::Open {
        message: sqlite_message(&e),
        path: path.to_owned(),
    })?;
    match (app_id, tables) {
        (APPLICATION_ID, _) if version > SCHEMA_VERSION => Err(StoreError::NewerVersion {
            found: version,
            supported: SCHEMA_VERSION,
            path: path.to_owned(),
        }),
        (APPLICATION_ID, _) => Ok(FileKind::Sanad { version }),
        (0, 0) => Ok(FileKind::New),
        _ => Err(StoreError::ForeignDatabase {
            path: path.to_owned(),
        }),
    }
}
