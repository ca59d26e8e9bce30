//! Document-level changes and look-ups that import and re-decoding need: finding a document by
//! the hash of its bytes (a renamed file), moving a document to a new path, and replacing a
//! document's text with another decoding of the same bytes.

use super::apply::audit;
use super::error::StoreError;
use super::project::Project;
use crate::model::{Action, Applied, DocumentId};
use rusqlite::{OptionalExtension, Transaction, params};

impl Project {
    /// Documents whose original bytes hash to `sha256` (lowercase hex), as (id, rel_path), by id.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn documents_with_sha256(
        &self,
        sha256: &str,
    ) -> Result<Vec<(DocumentId, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, rel_path FROM documents WHERE sha256 = ?1 ORDER BY id")?;
        let rows = stmt.query_map([sha256], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Documents whose stored text hashes to `text_sha256` (SHA-256 of the text as UTF-8,
    /// lowercase hex, as recorded at import), by id: where imported annotations of the same text
    /// attach.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn documents_with_text_sha256(
        &self,
        text_sha256: &str,
    ) -> Result<Vec<DocumentId>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE text_sha256 = ?1 ORDER BY id")?;
        let rows = stmt.query_map([text_sha256], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every document as (id, rel_path, SHA-256 of its original bytes), by id.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn document_index(&self) -> Result<Vec<(DocumentId, String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, rel_path, sha256 FROM documents ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Moves a document to `rel_path` (a file renamed or moved inside the folder), keeping its
    /// text and annotations; see [`Self::rename_documents`].
    ///
    /// # Errors
    /// As [`Self::rename_documents`].
    pub fn rename_document(&mut self, id: DocumentId, rel_path: &str) -> Result<(), StoreError> {
        self.rename_documents(&[(id, rel_path.to_owned())])
            .map(|_| ())
    }

    /// Moves documents to new paths at once (so two documents may swap paths), keeping their
    /// text and annotations; one transaction with an audit row `rename_document` each. Returns,
    /// per move, whether it moved (a document already at its new path is left alone).
    ///
    /// # Errors
    /// [`StoreError::NotFound`]; [`StoreError::Refused`] when a new path is held by a document
    /// that is not moved away; SQLite errors. Nothing is renamed then.
    pub fn rename_documents(
        &mut self,
        moves: &[(DocumentId, String)],
    ) -> Result<Vec<bool>, StoreError> {
        let actor = self.actor().to_owned();
        let tx = self.conn.transaction()?;
        let mut old_paths = Vec::with_capacity(moves.len());
        let mut moved = Vec::with_capacity(moves.len());
        for (id, new) in moves {
            let old: String = tx
                .query_row("SELECT rel_path FROM documents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or(StoreError::NotFound {
                    what: "document",
                    id: *id,
                })?;
            // Already there (another import of the folder moved it meanwhile): nothing to do.
            moved.push(old != *new);
            old_paths.push(old);
            if !moved.last().copied().unwrap_or(false) {
                continue;
            }
            // Out of the way first (a NUL never stands in a file name), so swaps pass the
            // UNIQUE constraint.
            tx.execute(
                "UPDATE documents SET rel_path = char(0) || 'moving/' || id WHERE id = ?1",
                [id],
            )?;
        }
        for (((id, rel_path), old), _) in moves
            .iter()
            .zip(&old_paths)
            .zip(&moved)
            .filter(|(_, m)| **m)
        {
            let taken: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM documents WHERE rel_path = ?1 AND id <> ?2)",
                params![rel_path, id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StoreError::Refused(format!(
                    "another document is already at {rel_path}"
                )));
            }
            let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
            tx.execute(
                "UPDATE documents SET rel_path = ?1, name = ?2 WHERE id = ?3",
                params![rel_path, name, id],
            )?;
            audit(
                &tx,
                &actor,
                "rename_document",
                (Some(*id), None),
                Some(serde_json::json!({ "path": old })),
                Some(serde_json::json!({ "path": rel_path })),
            )?;
        }
        tx.commit()?;
        Ok(moved)
    }
}

/// Applies [`Action::RedecodeDocument`] inside `tx`: replaces the text of a document that has
/// no annotations with another decoding of its original bytes, and returns the action that puts
/// the old text back. The text's hash (`text_sha256`) follows, since this is a recorded change.
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Refused`] when the document has annotations (their
/// char offsets would point into a different text); SQLite errors.
pub(super) fn redecode(
    tx: &Transaction<'_>,
    actor: &str,
    kind: &str,
    action: &Action,
) -> Result<Applied, StoreError> {
    let Action::RedecodeDocument {
        document_id,
        encoding,
        text,
        guessed,
    } = action
    else {
        return Err(StoreError::Refused(
            "not a re-decoding action (internal error)".into(),
        ));
    };
    let (old_encoding, old_text, old_guessed): (String, String, bool) = tx
        .query_row(
            "SELECT encoding, text, encoding_guessed FROM documents WHERE id = ?1",
            [document_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "document",
            id: *document_id,
        })?;
    let annotations: i64 = tx.query_row(
        "SELECT COUNT(*) FROM annotations WHERE document_id = ?1",
        [document_id],
        |r| r.get(0),
    )?;
    if annotations > 0 {
        return Err(StoreError::Refused(format!(
            "this document has {annotations} annotation(s), whose offsets point into its current text; delete them (or undo them) before decoding it as {encoding}"
        )));
    }
    let suggestions: i64 = tx.query_row(
        "SELECT COUNT(*) FROM suggestions WHERE document_id = ?1",
        [document_id],
        |r| r.get(0),
    )?;
    if suggestions > 0 {
        return Err(StoreError::Refused(format!(
            "this document has {suggestions} gazetteer suggestion(s), whose offsets point into its current text; accept or reject them (or undo the gazetteer) before decoding it as {encoding}"
        )));
    }
    tx.execute(
        "UPDATE documents SET text = ?1, encoding = ?2, encoding_guessed = ?3, char_count = ?4, text_sha256 = ?5 WHERE id = ?6",
        params![
            text,
            encoding,
            guessed,
            text.chars().count() as i64,
            crate::model::sha256_hex(text.as_bytes()),
            document_id
        ],
    )?;
    audit(
        tx,
        actor,
        kind,
        (Some(*document_id), None),
        Some(
            serde_json::json!({ "encoding": old_encoding, "text_sha256": crate::model::sha256_hex(old_text.as_bytes()) }),
        ),
        Some(
            serde_json::json!({ "encoding": encoding, "text_sha256": crate::model::sha256_hex(text.as_bytes()) }),
        ),
    )?;
    Ok(Applied {
        inverse: Action::RedecodeDocument {
            document_id: *document_id,
            encoding: old_encoding,
            text: old_text,
            guessed: old_guessed,
        },
        annotation: None,
        created: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewDocument;

    #[test]
    fn rename_keeps_annotations_and_redecode_is_refused_once_annotated() {
        let mut p = Project::in_memory().unwrap();
        let id = p
            .add_documents(&[NewDocument::from_text("a.txt", "ÓÌä")])
            .unwrap()[0];
        p.rename_document(id, "sub/b.txt").unwrap();
        let d = p.document(id).unwrap();
        assert_eq!(
            (d.rel_path.as_str(), d.name.as_str()),
            ("sub/b.txt", "b.txt")
        );
        let redecode = Action::RedecodeDocument {
            document_id: id,
            encoding: "windows-1256".into(),
            text: "سجن".into(),
            guessed: false,
        };
        let applied = p.apply(&redecode).unwrap();
        assert_eq!(p.document(id).unwrap().text, "سجن");
        p.apply(&applied.inverse).unwrap();
        assert_eq!(p.document(id).unwrap().text, "ÓÌä");
        assert_eq!(p.document(id).unwrap().encoding, "UTF-8");
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: id,
            start: 0,
            end: 3,
            label: "PRISON".into(),
        })
        .unwrap();
        let err = p.apply(&redecode).unwrap_err();
        assert!(err.to_string().contains("1 annotation"), "{err}");
        assert_eq!(p.document(id).unwrap().text, "ÓÌä");
    }
}
