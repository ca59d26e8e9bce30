//! Replaying the audit log: the annotations it says the project holds, to check against the
//! annotations table (after a crash, say). Every change to an annotation writes one audit row in
//! the same transaction, so the two always agree in a sound project.

use super::error::StoreError;
use super::project::Project;
use crate::model::{AnnotationId, DocumentId};
use std::collections::BTreeMap;

/// An annotation as (document, start char, end char exclusive, label name).
pub type SpanRow = (DocumentId, usize, usize, String);

impl Project {
    /// The annotations the audit log describes, by id, from replaying it in order: adds,
    /// restores, relabels and resizes set a span; deletes remove it; deleting a label removes its
    /// annotations and restoring it brings them back; renaming a label renames it on its spans.
    /// Undo and redo rows (`undo: …`, `redo: …`) count as the change they record.
    ///
    /// # Errors
    /// SQLite errors; [`StoreError::Refused`] naming the row when a row's JSON is unreadable.
    pub fn replay_annotations(&self) -> Result<BTreeMap<AnnotationId, SpanRow>, StoreError> {
        let mut live: BTreeMap<AnnotationId, SpanRow> = BTreeMap::new();
        let mut stashed: BTreeMap<AnnotationId, SpanRow> = BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, action, before, after FROM audit_log ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (row_id, action, before, after) = row?;
            let parse = |json: Option<String>| -> Result<serde_json::Value, StoreError> {
                json.map_or(Ok(serde_json::Value::Null), |j| {
                    serde_json::from_str(&j).map_err(|e| {
                        StoreError::Refused(format!(
                            "audit row {row_id} holds unreadable JSON ({e})"
                        ))
                    })
                })
            };
            let kind = action
                .strip_prefix("undo: ")
                .or_else(|| action.strip_prefix("redo: "))
                .unwrap_or(&action);
            let ids = |v: &serde_json::Value| -> Vec<AnnotationId> {
                v["annotations"]
                    .as_array()
                    .map(|a| a.iter().filter_map(serde_json::Value::as_i64).collect())
                    .unwrap_or_default()
            };
            match kind {
                "add_annotation" | "restore_annotation" | "relabel_annotation"
                | "resize_annotation" | "import_annotation" => {
                    let a = parse(after)?;
                    let span = (|| {
                        Some((
                            a["id"].as_i64()?,
                            (
                                a["document_id"].as_i64()?,
                                usize::try_from(a["start"].as_u64()?).ok()?,
                                usize::try_from(a["end"].as_u64()?).ok()?,
                                a["label"].as_str()?.to_owned(),
                            ),
                        ))
                    })()
                    .ok_or_else(|| {
                        StoreError::Refused(format!("audit row {row_id} ({kind}) lacks a span"))
                    })?;
                    live.insert(span.0, span.1);
                }
                "delete_annotation" => {
                    if let Some(id) = parse(before)?["id"].as_i64() {
                        live.remove(&id);
                    }
                }
                "remove_import" => {
                    for id in ids(&parse(before)?) {
                        live.remove(&id);
                    }
                }
                "delete_label" => {
                    for id in ids(&parse(before)?) {
                        if let Some(span) = live.remove(&id) {
                            stashed.insert(id, span);
                        }
                    }
                }
                "restore_label" => {
                    for id in ids(&parse(after)?) {
                        if let Some(span) = stashed.remove(&id) {
                            live.insert(id, span);
                        }
                    }
                }
                "rename_label" => {
                    let (old, new) = (parse(before)?, parse(after)?);
                    if let (Some(old), Some(new)) = (old["name"].as_str(), new["name"].as_str()) {
                        for span in live.values_mut().chain(stashed.values_mut()) {
                            if span.3 == old {
                                span.3 = new.to_owned();
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(live)
    }

    /// The annotations table as the same rows as [`Self::replay_annotations`].
    ///
    /// # Errors
    /// SQLite errors.
    pub fn stored_annotations(&self) -> Result<BTreeMap<AnnotationId, SpanRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            r#"SELECT a.id, a.document_id, a.start, a."end", l.name FROM annotations a JOIN labels l ON l.id = a.label_id"#,
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                (
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)? as usize,
                    r.get::<_, i64>(3)? as usize,
                    r.get::<_, String>(4)?,
                ),
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// SQLite's `PRAGMA quick_check` (every page read once, indexes not cross-checked): empty
    /// when it finds nothing wrong, otherwise one line per problem.
    ///
    /// # Errors
    /// SQLite errors (e.g. a file too damaged to read).
    pub fn quick_check(&self) -> Result<Vec<String>, StoreError> {
        Ok(self
            .conn
            .prepare("PRAGMA quick_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|line| line != "ok")
            .collect())
    }

    /// SQLite's own checks of the file: `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
    /// Empty when the file is sound; otherwise one line per problem found.
    ///
    /// # Errors
    /// SQLite errors (e.g. a file too damaged to read).
    pub fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        let mut problems: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|line| line != "ok")
            .collect();
        let dangling: Vec<String> = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| {
                Ok(format!(
                    "row {} of {} points to a missing row of {}",
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(2)?
                ))
            })?
            .collect::<Result<_, _>>()?;
        problems.extend(dangling);
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Action;
    use crate::store::{NewDocument, Project};

    #[test]
    fn replay_follows_adds_deletes_undos_and_label_changes() {
        let mut p = Project::in_memory().unwrap();
        let doc = p
            .add_documents(&[NewDocument::from_text("a.txt", "سجن صيدنايا في ريف دمشق")])
            .unwrap()[0];
        let add = |start, end, label: &str| Action::AddAnnotation {
            id: None,
            document_id: doc,
            start,
            end,
            label: label.into(),
        };
        let a = p.apply(&add(0, 11, "PRISON")).unwrap();
        let b = p.apply(&add(15, 23, "ORGANIZATION")).unwrap();
        p.apply(&Action::ResizeAnnotation {
            id: b.created.unwrap(),
            start: 19,
            end: 23,
        })
        .unwrap();
        let del = p
            .apply(&Action::DeleteAnnotation {
                id: a.created.unwrap(),
            })
            .unwrap();
        p.apply_tagged(&del.inverse, Some("undo")).unwrap();
        let org = p
            .labels()
            .unwrap()
            .into_iter()
            .find(|l| l.name == "ORGANIZATION")
            .unwrap();
        p.apply(&Action::RenameLabel {
            id: org.id,
            name: "ORG".into(),
        })
        .unwrap();
        let dl = p.apply(&Action::DeleteLabel { id: org.id }).unwrap();
        assert_eq!(
            p.replay_annotations().unwrap(),
            p.stored_annotations().unwrap()
        );
        p.apply_tagged(&dl.inverse, Some("undo")).unwrap();
        let replayed = p.replay_annotations().unwrap();
        assert_eq!(replayed, p.stored_annotations().unwrap());
        // Independent of both: what the actions above leave, written out by hand.
        let expected: Vec<(usize, usize, &str)> = vec![(0, 11, "PRISON"), (19, 23, "ORG")];
        let got: Vec<(usize, usize, &str)> = replayed
            .values()
            .map(|s| (s.1, s.2, s.3.as_str()))
            .collect();
        assert_eq!(got, expected);
        assert!(p.integrity_problems().unwrap().is_empty());
    }
}
