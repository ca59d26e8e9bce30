//! Team work offline: hand documents out to annotators ([`extract`]), bring their projects back
//! into one ([`merge`]), measure how well they agree ([`agreement`]) and adjudicate a curated
//! layer ([`crate::store::team`], [`crate::model::Action::AcceptAgreeing`]).
//!
//! Every annotation holds its annotator (its layer, see [`crate::store::team`]); offsets are
//! chars (Unicode scalar values) into the document text, end-exclusive, as everywhere inside.

pub mod agreement;
pub mod charts;
pub mod curation;
pub mod extract;
pub mod merge;

use std::path::PathBuf;

/// Why a team operation failed.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// A project could not be read or written.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The scheme reconciliation refused (unknown labels, a bad `--map`).
    #[error(transparent)]
    Interop(#[from] crate::interop::InteropError),
    /// The request cannot be done as asked.
    #[error("{0}")]
    Refused(String),
    /// A file operation failed.
    #[error("{source}: {}", path.display())]
    Io {
        /// The error.
        source: std::io::Error,
        /// The file.
        path: PathBuf,
    },
}
