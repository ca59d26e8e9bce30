//! Errors of the project store. Paths come last in every message.

use std::path::PathBuf;

/// Something went wrong opening, reading or changing a project.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read or created.
    #[error("cannot open the project file ({source}): {path}")]
    Io {
        /// The underlying error.
        source: std::io::Error,
        /// The project file.
        path: PathBuf,
    },
    /// The file is not a SQLite database at all.
    #[error(
        "not a Sanad project (the file is not a SQLite database; it was left untouched): {path}"
    )]
    NotSqlite {
        /// The file.
        path: PathBuf,
    },
    /// The file is a SQLite database of some other program.
    #[error(
        "not a Sanad project (a SQLite database of another program; it was left untouched): {path}"
    )]
    ForeignDatabase {
        /// The file.
        path: PathBuf,
    },
    /// The project was written by a newer Sanad.
    #[error(
        "this project has schema version {found}, newer than this Sanad reads ({supported}); update Sanad (the file was left untouched): {path}"
    )]
    NewerVersion {
        /// The file's schema version.
        found: i32,
        /// The newest this build reads.
        supported: i32,
        /// The file.
        path: PathBuf,
    },
    /// SQLite could not open or read the file as a database (e.g. it is damaged).
    #[error("cannot open the project ({message}): {path}")]
    Open {
        /// SQLite's words.
        message: String,
        /// The file.
        path: PathBuf,
    },
    /// The file exists but is empty.
    #[error("not a Sanad project (the file is empty): {path}")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The project file does not exist.
    #[error("no project file there: {path}")]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// A folder where a project file was expected.
    #[error("not a Sanad project (this is a folder; a project is a single .sanad file): {path}")]
    IsFolder {
        /// The folder.
        path: PathBuf,
    },
    /// Another window holds the project's editing lock.
    #[error(
        "this project is already open in another Sanad window; switch to that window, or close it and open the project again: {path}"
    )]
    AlreadyOpen {
        /// The project file.
        path: PathBuf,
    },
    /// A copy or export would replace an existing file.
    #[error("a file is already there; choose another name (nothing was written): {path}")]
    OutputExists {
        /// The path given.
        path: PathBuf,
    },
    /// Another connection kept the project locked for longer than
    /// [`super::project::BUSY_TIMEOUT`]; nothing was changed.
    #[error(
        "the project is busy: another program (a command-line import or export?) has been using it for over 30 seconds; nothing was changed, try again when it is done"
    )]
    Busy,
    /// The project is encrypted and was opened without a passphrase.
    #[error(
        "this project is encrypted (or it is not a Sanad project): open it with its passphrase: {path}"
    )]
    Encrypted {
        /// The file.
        path: PathBuf,
    },
    /// The passphrase does not decrypt the file (or the file is not a project at all); the file
    /// was only read.
    #[error("wrong passphrase or not a Sanad project: {path}")]
    WrongPassphrase {
        /// The file.
        path: PathBuf,
    },
    /// A SQLite error.
    #[error("project database error ({0})")]
    Sqlite(rusqlite::Error),
    /// A span outside its document or empty.
    #[error("span [{start}, {end}) is not inside document {document_id} ({len} chars)")]
    InvalidSpan {
        /// The document.
        document_id: i64,
        /// Start char offset.
        start: usize,
        /// End char offset.
        end: usize,
        /// Document length in chars.
        len: usize,
    },
    /// The change is not allowed (by the scheme, or because it would break something).
    #[error("refused: {0}")]
    Refused(String),
    /// No label of that name in the project.
    #[error("no label named {0:?} in this project")]
    UnknownLabel(String),
    /// No such document or annotation.
    #[error("no {what} with id {id} in this project")]
    NotFound {
        /// `document` or `annotation`.
        what: &'static str,
        /// The id asked for.
        id: i64,
    },
    /// The stored label scheme is broken.
    #[error(transparent)]
    Scheme(#[from] crate::model::scheme::SchemeError),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Self::Busy
            }
            _ => Self::Sqlite(e),
        }
    }
}
