//! User actions: the only way the UI changes a project. Each is applied as one SQLite transaction
//! by [`crate::store::Project::apply`], which records it in the audit log and returns its inverse
//! for undo.

use super::{AnnotationId, DocumentId};
use serde::{Deserialize, Serialize};

/// A change a user makes. Offsets are chars into the document text, end-exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Label the span `[start, end)` of a document. `id` restores a deleted annotation's row id
    /// on undo; `None` lets the store pick one.
    AddAnnotation {
        /// Restored row id, for undo of a delete.
        id: Option<AnnotationId>,
        /// The document.
        document_id: DocumentId,
        /// Start char offset.
        start: usize,
        /// End char offset, exclusive.
        end: usize,
        /// Label name.
        label: String,
    },
    /// Remove an annotation.
    DeleteAnnotation {
        /// The annotation.
        id: AnnotationId,
    },
    /// Set a document's paragraph direction (auto per paragraph, or forced RTL or LTR).
    SetDirection {
        /// The document.
        document_id: DocumentId,
        /// The new setting.
        direction: crate::text::DirectionSetting,
    },
    /// Give an annotation another label.
    RelabelAnnotation {
        /// The annotation.
        id: AnnotationId,
        /// New label name.
        label: String,
    },
}

impl Action {
    /// The action's name in the audit log.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::AddAnnotation { .. } => "add_annotation",
            Self::DeleteAnnotation { .. } => "delete_annotation",
            Self::RelabelAnnotation { .. } => "relabel_annotation",
            Self::SetDirection { .. } => "set_direction",
        }
    }
}

/// The outcome of applying an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The action that undoes it.
    pub inverse: Action,
    /// The annotation it created or changed, if any (to select it in the UI).
    pub annotation: Option<AnnotationId>,
}

/// Undo and redo stacks of applied actions.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<(Action, Action)>, // (done, inverse)
    redo: Vec<(Action, Action)>,
}

impl History {
    /// Records an action the user just did; clears the redo stack.
    pub fn push(&mut self, done: Action, inverse: Action) {
        self.undo.push((done, inverse));
        self.redo.clear();
    }

    /// The inverse to apply for undo, if any; call [`Self::undone`] once it has been applied.
    pub fn peek_undo(&self) -> Option<&Action> {
        self.undo.last().map(|(_, inv)| inv)
    }

    /// The action to re-apply for redo, if any; call [`Self::redone`] once it has been applied.
    pub fn peek_redo(&self) -> Option<&Action> {
        self.redo.last().map(|(done, _)| done)
    }

    /// Moves the top undo entry to the redo stack. `redo_as` is the action that redoes it (the
    /// inverse of the inverse just applied, which may carry a restored id).
    pub fn undone(&mut self, redo_as: Action) {
        if let Some((_, inv)) = self.undo.pop() {
            self.redo.push((redo_as, inv));
        }
    }

    /// Moves the top redo entry back to the undo stack, with the inverse the re-application gave.
    pub fn redone(&mut self, inverse: Action) {
        if let Some((done, _)) = self.redo.pop() {
            self.undo.push((done, inverse));
        }
    }

    /// Can anything be undone?
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Can anything be redone?
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
