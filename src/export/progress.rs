//! How far a running export is, and a way to stop it: shared between the thread that exports
//! and the window that shows a progress bar (clones share one state).
//!
//! An export reads its documents one by one (each read is one step) and then writes the
//! output; [`Progress::fraction`] gives the share of documents read, and [`Progress::writing`]
//! says the reading is over. A cancelled export stops at the next document, or once the
//! output is written but before it is renamed into place, so nothing is left behind.

use super::jsonl::ExportError;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[derive(Debug, Default)]
struct State {
    done: AtomicUsize,
    total: AtomicUsize,
    writing: AtomicBool,
    cancelled: AtomicBool,
    /// Tests: cancel as soon as the writing starts.
    #[cfg(test)]
    cancel_on_writing: AtomicBool,
}

/// The progress of one export (clones share it). The default is a fresh one, never cancelled
/// unless [`Progress::cancel`] is called.
#[derive(Clone, Debug, Default)]
pub struct Progress(Arc<State>);

impl Progress {
    /// Starts the reading stage: `total` documents to read.
    pub fn reading(&self, total: usize) {
        self.0.total.store(total, Ordering::Relaxed);
        self.0.done.store(0, Ordering::Relaxed);
        self.0.writing.store(false, Ordering::Relaxed);
    }

    /// One more document read.
    ///
    /// # Errors
    /// [`ExportError::Cancelled`] once [`Progress::cancel`] was called.
    pub fn tick(&self) -> Result<(), ExportError> {
        self.0.done.fetch_add(1, Ordering::Relaxed);
        self.check()
    }

    /// The documents are read; the output is being written.
    pub fn start_writing(&self) {
        self.0.writing.store(true, Ordering::Relaxed);
        #[cfg(test)]
        if self.0.cancel_on_writing.load(Ordering::Relaxed) {
            self.cancel();
        }
    }

    /// Tests: a progress that cancels the export once its output is being written.
    #[cfg(test)]
    pub(crate) fn cancelled_when_writing() -> Self {
        let p = Self::default();
        p.0.cancel_on_writing.store(true, Ordering::Relaxed);
        p
    }

    /// Asks the export to stop.
    pub fn cancel(&self) {
        self.0.cancelled.store(true, Ordering::Relaxed);
    }

    /// Was the export asked to stop?
    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::Relaxed)
    }

    /// Fails when the export was asked to stop.
    ///
    /// # Errors
    /// [`ExportError::Cancelled`].
    pub fn check(&self) -> Result<(), ExportError> {
        if self.is_cancelled() {
            Err(ExportError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Documents read so far and in all.
    pub fn documents(&self) -> (usize, usize) {
        (
            self.0.done.load(Ordering::Relaxed),
            self.0.total.load(Ordering::Relaxed),
        )
    }

    /// Is the output being written (all documents read)?
    pub fn writing(&self) -> bool {
        self.0.writing.load(Ordering::Relaxed)
    }

    /// Share of documents read, 0.0 to 1.0 (1.0 when there are none).
    pub fn fraction(&self) -> f32 {
        let (done, total) = self.documents();
        if total == 0 {
            1.0
        } else {
            (done.min(total) as f32) / (total as f32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_count_and_the_cancel() {
        let p = Progress::default();
        let q = p.clone();
        p.reading(4);
        p.tick().unwrap();
        assert_eq!(q.documents(), (1, 4));
        assert!((q.fraction() - 0.25).abs() < 1e-6);
        q.cancel();
        assert!(matches!(p.tick(), Err(ExportError::Cancelled)));
        assert!(!p.writing());
        p.start_writing();
        assert!(q.writing());
    }
}
