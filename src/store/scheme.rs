//! The label scheme inside a project: labels, their attribute definitions, and relation types with
//! the labels their arguments may have. Written from a [`LabelScheme`] at creation, read back as
//! one, and merged from an imported `.ron` file.

use super::error::StoreError;
use super::project::Project;
use crate::model::scheme::{AttributeDef, LabelDef, LabelScheme, RelationDef};
use rusqlite::{OptionalExtension, Transaction, params};

/// Writes every label, attribute definition and relation type of `scheme` (a new project).
///
/// # Errors
/// SQLite errors (e.g. a label name already present).
pub fn insert_scheme(tx: &Transaction<'_>, scheme: &LabelScheme) -> Result<(), StoreError> {
    let start: i64 = tx.query_row(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM labels",
        [],
        |r| r.get(0),
    )?;
    for (i, l) in scheme.labels.iter().enumerate() {
        tx.execute(
            "INSERT INTO labels(name, color, key, description, position) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![l.name, l.color, l.key.map(String::from), l.description, start + i as i64],
        )?;
        let label_id = tx.last_insert_rowid();
        insert_attributes(tx, label_id, &l.attributes)?;
    }
    insert_relation_types(tx, &scheme.relations)?;
    tx.execute(
        "INSERT INTO meta(key, value) VALUES ('scheme_name', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [&scheme.name],
    )?;
    Ok(())
}

/// For a project migrated from schema 1 (labels only): adds the default scheme's attribute
/// definitions and relation types for the labels the project has by name.
///
/// # Errors
/// SQLite errors.
pub fn add_default_relations_and_attributes(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let defaults = LabelScheme::default_scheme()?;
    let have = |name: &str| -> Result<Option<i64>, StoreError> {
        Ok(tx
            .query_row("SELECT id FROM labels WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?)
    };
    for l in &defaults.labels {
        if let Some(id) = have(&l.name)? {
            insert_attributes(tx, id, &l.attributes)?;
        }
    }
    let mut relations = Vec::new();
    for r in defaults.relations {
        let mut all = true;
        for name in r.head.iter().chain(&r.child) {
            all &= have(name)?.is_some();
        }
        if all {
            relations.push(r);
        }
    }
    insert_relation_types(tx, &relations)
}

fn insert_attributes(
    tx: &Transaction<'_>,
    label_id: i64,
    attrs: &[AttributeDef],
) -> Result<(), StoreError> {
    for (k, a) in attrs.iter().enumerate() {
        let values = serde_json::to_string(&a.values).unwrap_or_else(|_| "[]".into());
        tx.execute(
            "INSERT INTO label_attributes(label_id, name, allowed_values, position) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(label_id, name) DO UPDATE SET allowed_values = excluded.allowed_values",
            params![label_id, a.name, values, k as i64],
        )?;
    }
    Ok(())
}

fn insert_relation_types(
    tx: &Transaction<'_>,
    relations: &[RelationDef],
) -> Result<(), StoreError> {
    for (k, r) in relations.iter().enumerate() {
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM relation_types WHERE name = ?1",
                [&r.name],
                |row| row.get(0),
            )
            .optional()?;
        let id = match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE relation_types SET description = ?1 WHERE id = ?2",
                    params![r.description, id],
                )?;
                tx.execute(
                    "DELETE FROM relation_type_args WHERE relation_type_id = ?1",
                    [id],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO relation_types(name, description, position) VALUES (?1, ?2, ?3)",
                    params![r.name, r.description, k as i64],
                )?;
                tx.last_insert_rowid()
            }
        };
        for (role, labels) in [("head", &r.head), ("child", &r.child)] {
            for name in labels {
                let label_id: i64 = tx
                    .query_row("SELECT id FROM labels WHERE name = ?1", [name], |row| {
                        row.get(0)
                    })
                    .optional()?
                    .ok_or_else(|| StoreError::UnknownLabel(name.clone()))?;
                tx.execute(
                    "INSERT OR IGNORE INTO relation_type_args(relation_type_id, role, label_id) VALUES (?1, ?2, ?3)",
                    params![id, role, label_id],
                )?;
            }
        }
    }
    Ok(())
}

impl Project {
    /// The project's label scheme as a [`LabelScheme`] (labels in palette order).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn scheme(&self) -> Result<LabelScheme, StoreError> {
        let name = self
            .meta("scheme_name")?
            .unwrap_or_else(|| "Sanad scheme".into());
        let mut labels = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, color, key, description FROM labels ORDER BY position, id",
        )?;
        let rows: Vec<(i64, String, String, Option<String>, String)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        for (id, lname, color, key, description) in rows {
            let mut astmt = self
                .conn
                .prepare_cached("SELECT name, allowed_values FROM label_attributes WHERE label_id = ?1 ORDER BY position, id")?;
            let attributes = astmt
                .query_map([id], |r| {
                    let values: String = r.get(1)?;
                    Ok(AttributeDef {
                        name: r.get(0)?,
                        values: serde_json::from_str(&values).unwrap_or_default(),
                    })
                })?
                .collect::<Result<_, _>>()?;
            labels.push(LabelDef {
                name: lname,
                color,
                key: key.and_then(|k| k.chars().next()),
                description,
                attributes,
            });
        }
        let mut relations = Vec::new();
        let mut rstmt = self.conn.prepare_cached(
            "SELECT id, name, description FROM relation_types ORDER BY position, id",
        )?;
        let types: Vec<(i64, String, String)> = rstmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (id, rname, description) in types {
            let args = |role: &str| -> Result<Vec<String>, StoreError> {
                let mut s = self.conn.prepare_cached(
                    "SELECT l.name FROM relation_type_args a JOIN labels l ON l.id = a.label_id
                     WHERE a.relation_type_id = ?1 AND a.role = ?2 ORDER BY l.position, l.id",
                )?;
                Ok(s.query_map(params![id, role], |r| r.get(0))?
                    .collect::<Result<_, _>>()?)
            };
            relations.push(RelationDef {
                name: rname,
                head: args("head")?,
                child: args("child")?,
                description,
            });
        }
        Ok(LabelScheme {
            name,
            labels,
            relations,
        })
    }

    /// Relation types that allow `head_label` → `child_label` (label names), in scheme order.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn allowed_relations(
        &self,
        head_label: &str,
        child_label: &str,
    ) -> Result<Vec<String>, StoreError> {
        Ok(self
            .scheme()?
            .relations
            .into_iter()
            .filter(|r| {
                r.head.iter().any(|h| h == head_label) && r.child.iter().any(|c| c == child_label)
            })
            .map(|r| r.name)
            .collect())
    }

    /// Merges an imported scheme: labels it has and the project lacks are added, existing labels
    /// take its colour, key, description and attribute definitions, relation types are added or
    /// replaced. Nothing is deleted, so no annotation is lost. One transaction.
    ///
    /// # Errors
    /// [`StoreError::UnknownLabel`] if a relation names a label neither side has; SQLite errors.
    pub fn import_scheme(&mut self, scheme: &LabelScheme) -> Result<(), StoreError> {
        let actor = self.actor().to_owned();
        let tx = self.conn.transaction()?;
        for l in &scheme.labels {
            let existing: Option<i64> = tx
                .query_row("SELECT id FROM labels WHERE name = ?1", [&l.name], |r| {
                    r.get(0)
                })
                .optional()?;
            let id = match existing {
                Some(id) => {
                    tx.execute(
                        "UPDATE labels SET color = ?1, key = ?2, description = ?3 WHERE id = ?4",
                        params![l.color, l.key.map(String::from), l.description, id],
                    )?;
                    id
                }
                None => {
                    let pos: i64 = tx.query_row(
                        "SELECT COALESCE(MAX(position) + 1, 0) FROM labels",
                        [],
                        |r| r.get(0),
                    )?;
                    tx.execute(
                        "INSERT INTO labels(name, color, key, description, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![l.name, l.color, l.key.map(String::from), l.description, pos],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            insert_attributes(&tx, id, &l.attributes)?;
        }
        insert_relation_types(&tx, &scheme.relations)?;
        let after = serde_json::json!({ "scheme": scheme.name, "labels": scheme.labels.len(), "relations": scheme.relations.len() });
        super::apply::audit(
            &tx,
            &actor,
            "import_scheme",
            (None, None),
            None,
            Some(after),
        )?;
        tx.commit()?;
        Ok(())
    }
}
