//! The project file: one SQLite file per project (bundled SQLite, rollback journal, foreign keys on), versioned
//! with `PRAGMA user_version` and migrated forward; every user action is one transaction. The
//! SQLite is SQLCipher's: a project may be encrypted with a passphrase ([`crypt`]); without a key
//! it is plain SQLite.

pub mod apply;
pub mod authorship;
pub mod backup;
pub mod bulk;
pub mod chain;
pub mod crypt;
pub mod curation;
pub mod documents;
pub mod entities;
pub mod error;
pub mod files;
pub mod gazetteer;
pub mod history;
pub mod inspect;
pub mod label_all;
pub mod project;
pub mod queries;
pub mod replay;
pub mod schema;
pub mod scheme;
pub mod search;
pub mod status_history;
pub mod suggestions;
pub mod team;
pub mod verify;

pub use error::StoreError;
pub use project::{FileKind, NewDocument, Project, inspect};
