//! Read queries beyond documents and annotations: relations, attributes, entities, the audit
//! trail, and a full dump for undo tests.

use super::error::StoreError;
use super::project::Project;
use crate::model::{AnnotationId, AuditRow, DocumentId, Entity, EntityId, LabelId, Relation};
use rusqlite::params;

impl Project {
    /// Relations of a document, ordered by id.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn relations(&self, document_id: DocumentId) -> Result<Vec<Relation>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.head_id, r.child_id, t.name FROM relations r JOIN relation_types t ON t.id = r.relation_type_id
             WHERE r.document_id = ?1 ORDER BY r.id",
        )?;
        let rows = stmt.query_map([document_id], |r| {
            Ok(Relation {
                id: r.get(0)?,
                head: r.get(1)?,
                child: r.get(2)?,
                relation: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Attribute values of an annotation, (name, value), sorted by name.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn attributes(
        &self,
        annotation_id: AnnotationId,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, value FROM annotation_attributes WHERE annotation_id = ?1 ORDER BY name",
        )?;
        let rows = stmt.query_map([annotation_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Attribute values of every annotation of a document: (annotation, name, value).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn document_attributes(
        &self,
        document_id: DocumentId,
    ) -> Result<Vec<(AnnotationId, String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.annotation_id, v.name, v.value FROM annotation_attributes v JOIN annotations a ON a.id = v.annotation_id
             WHERE a.document_id = ?1 ORDER BY v.annotation_id, v.name",
        )?;
        let rows = stmt.query_map([document_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many annotations the whole project holds.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn annotation_total(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM annotations")?
            .query_row([], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Every entity with its mention count, by name.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn entities(&self) -> Result<Vec<Entity>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.name, e.kind, e.aliases, (SELECT COUNT(*) FROM annotations a WHERE a.entity_id = e.id)
             FROM entities e ORDER BY e.name, e.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let aliases: String = r.get(3)?;
            Ok(Entity {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                mentions: r.get::<_, i64>(4)? as usize,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The mentions of an entity: (document, annotation), in document order then start.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn mentions(
        &self,
        entity_id: EntityId,
    ) -> Result<Vec<(DocumentId, AnnotationId)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.document_id, a.id FROM annotations a JOIN documents d ON d.id = a.document_id
             WHERE a.entity_id = ?1 ORDER BY d.rel_path, a.start, a.id",
        )?;
        let rows = stmt.query_map([entity_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many annotations have this label.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn label_usage(&self, label_id: LabelId) -> Result<usize, StoreError> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM annotations WHERE label_id = ?1",
            [label_id],
            |r| r.get::<_, i64>(0),
        )? as usize)
    }

    /// The audit trail of one annotation, oldest first.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn annotation_history(
        &self,
        annotation_id: AnnotationId,
    ) -> Result<Vec<AuditRow>, StoreError> {
        // Relation rows are keyed by their head, and a label's deletion lists the annotations it
        // took: those find their rows through the JSON.
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, actor, action, before, after FROM audit_log
             WHERE annotation_id = ?1
                OR (action LIKE '%relation' AND (json_extract(before, '$.child') = ?1 OR json_extract(after, '$.child') = ?1))
                OR (action LIKE '%_label' AND EXISTS (
                      SELECT 1 FROM json_each(COALESCE(json_extract(before, '$.annotations'), json_extract(after, '$.annotations')))
                      WHERE value = ?1))
             ORDER BY id",
        )?;
        let rows = stmt.query_map(params![annotation_id], |r| {
            Ok(AuditRow {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                before: r.get(3)?,
                after: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The audit trail of one document (its annotations included), oldest first.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn document_history(&self, document_id: DocumentId) -> Result<Vec<AuditRow>, StoreError> {
        self.audit_rows("document_id", document_id)
    }

    fn audit_rows(&self, column: &str, id: i64) -> Result<Vec<AuditRow>, StoreError> {
        let sql = format!(
            "SELECT at, actor, action, before, after FROM audit_log WHERE {column} = ?1 ORDER BY id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![id], |r| {
            Ok(AuditRow {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                before: r.get(3)?,
                after: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every row of every table but the audit log, as text, in a fixed order: the project's
    /// state, for comparing states in undo/redo tests.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn dump(&self) -> Result<Vec<String>, StoreError> {
        let tables = [
            (
                "documents",
                "id, name, rel_path, sha256, direction, note, status",
            ),
            ("labels", "id, name, color, key, description, position"),
            (
                "label_attributes",
                "id, label_id, name, allowed_values, position",
            ),
            ("relation_types", "id, name, description"),
            ("relation_type_args", "relation_type_id, role, label_id"),
            (
                "annotations",
                r#"id, document_id, start, "end", label_id, created_at, note, entity_id, annotator"#,
            ),
            ("annotation_attributes", "annotation_id, name, value"),
            (
                "relations",
                "id, document_id, head_id, child_id, relation_type_id, created_at",
            ),
            ("entities", "id, name, kind, aliases, created_at"),
            (
                "suggestions",
                r#"id, document_id, start, "end", label, entity_id, name, source, created_at"#,
            ),
            (
                "rejected_suggestions",
                r#"document_id, start, "end", label"#,
            ),
        ];
        let mut out = Vec::new();
        for (table, cols) in tables {
            let sql = format!("SELECT {cols} FROM {table} ORDER BY 1, 2, 3");
            let mut stmt = self.conn.prepare(&sql)?;
            let n = stmt.column_count();
            let rows = stmt.query_map([], |r| {
                let mut parts = Vec::with_capacity(n);
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    parts.push(format!("{v:?}"));
                }
                Ok(format!("{table}: {}", parts.join(" | ")))
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }
}
