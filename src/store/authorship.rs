//! Who made each annotation and when, read from the audit log in one pass (for exports).

use super::error::StoreError;
use super::project::Project;
use crate::model::AnnotationId;
use std::collections::HashMap;

/// Who made an annotation and who last changed it, with times (RFC 3339 UTC, as the audit log
/// stores them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Authorship {
    /// The actor of the first audit row about the annotation (its creation or import).
    pub annotator: String,
    /// When that row was written.
    pub created: String,
    /// The actor of the last audit row about the annotation (equal to `annotator` when it was
    /// never changed).
    pub changed_by: String,
    /// When that row was written.
    pub changed: String,
}

impl Project {
    /// The [`Authorship`] of every annotation the audit log names, by annotation id: one scan of
    /// the log's rows keyed by annotation (audit rows name an annotation in their
    /// `annotation_id` column; rows about a label or relation as a whole are not counted).
    /// An annotation with no audit row (made outside Sanad) is absent.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn annotation_authorship(&self) -> Result<HashMap<AnnotationId, Authorship>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT annotation_id, actor, at FROM audit_log WHERE annotation_id IS NOT NULL ORDER BY id",
        )?;
        let mut out: HashMap<AnnotationId, Authorship> = HashMap::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, actor, at): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            match out.get_mut(&id) {
                Some(a) => {
                    a.changed_by = actor;
                    a.changed = at;
                }
                None => {
                    out.insert(
                        id,
                        Authorship {
                            annotator: actor.clone(),
                            created: at.clone(),
                            changed_by: actor,
                            changed: at,
                        },
                    );
                }
            }
        }
        Ok(out)
    }
}
