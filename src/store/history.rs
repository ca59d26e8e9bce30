//! The audit trail of every annotation at once, for exports with `--history`: the audit log is
//! read once and its rows grouped by the annotations they concern, where asking
//! [`Project::annotation_history`] for each annotation would scan the whole log each time
//! (quadratic in the project's size).

use super::error::StoreError;
use super::project::Project;
use crate::model::{AnnotationId, AuditRow};
use std::collections::HashMap;

/// The integer value of a JSON number (SQLite compares `5.0 = 5` as equal, so do we).
fn integer(v: &serde_json::Value) -> Option<i64> {
    v.as_i64().or_else(|| {
        v.as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
            .map(|f| f as i64)
    })
}

/// SQLite's `LIKE '%suffix'` on an action name: ASCII case-insensitive, and `_` in the pattern
/// matches any one char (so `%_label` needs at least one char before `label`).
fn ends_like(action: &str, suffix: &str, at_least: usize) -> bool {
    action.len() >= at_least && action.to_ascii_lowercase().ends_with(suffix)
}

impl Project {
    /// The audit trail of every annotation that has one, oldest first: the same rows
    /// [`Project::annotation_history`] gives for each id (rows keyed by the annotation, relation
    /// rows naming it as child, label rows listing it among the annotations they took), read in
    /// one pass over the audit log.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn annotation_histories(&self) -> Result<HashMap<AnnotationId, Vec<AuditRow>>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT annotation_id, at, actor, action, before, after FROM audit_log ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: HashMap<AnnotationId, Vec<AuditRow>> = HashMap::new();
        let mut ids: Vec<i64> = Vec::new();
        while let Some(r) = rows.next()? {
            ids.clear();
            let annotation: Option<i64> = r.get(0)?;
            let action: String = r.get(3)?;
            let before: Option<String> = r.get(4)?;
            let after: Option<String> = r.get(5)?;
            ids.extend(annotation);
            let parse = |s: &Option<String>| {
                s.as_deref()
                    .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
            };
            let relation = ends_like(&action, "relation", "relation".len());
            let label = ends_like(&action, "label", "_label".len());
            if relation || label {
                let (b, a) = (parse(&before), parse(&after));
                if relation {
                    for v in [&b, &a].into_iter().flatten() {
                        ids.extend(v.get("child").and_then(integer));
                    }
                }
                if label {
                    let list = |v: &Option<serde_json::Value>| {
                        v.as_ref()
                            .and_then(|v| v.get("annotations"))
                            .filter(|l| !l.is_null())
                            .cloned()
                    };
                    let taken = list(&b).or_else(|| list(&a));
                    match taken {
                        Some(serde_json::Value::Array(items)) => {
                            ids.extend(items.iter().filter_map(integer));
                        }
                        Some(other) => ids.extend(integer(&other)),
                        None => {}
                    }
                }
            }
            if ids.is_empty() {
                continue;
            }
            ids.sort_unstable();
            ids.dedup();
            let row = AuditRow {
                at: r.get(1)?,
                actor: r.get(2)?,
                action,
                before,
                after,
            };
            for &id in &ids {
                out.entry(id).or_default().push(row.clone());
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Action;
    use crate::store::{NewDocument, Project};

    #[test]
    fn one_pass_gives_what_the_per_annotation_query_gives() {
        let mut p = Project::in_memory().unwrap();
        let doc = p
            .add_documents(&[NewDocument::from_text(
                "a.txt",
                "قالت منظمة العفو إن أحمد اعتقل",
            )])
            .unwrap()[0];
        let add = |p: &mut Project, s, e, l: &str| {
            p.apply(&Action::AddAnnotation {
                id: None,
                document_id: doc,
                start: s,
                end: e,
                label: l.into(),
            })
            .unwrap()
            .created
            .unwrap()
        };
        let claim = add(&mut p, 0, 30, "CLAIM");
        let org = add(&mut p, 5, 16, "ORGANIZATION");
        let person = add(&mut p, 20, 24, "PERSON");
        p.apply(&Action::AddRelation {
            id: None,
            head: claim,
            child: org,
            relation: "attributed_to".into(),
            created_at: None,
        })
        .unwrap();
        p.apply(&Action::SetAttribute {
            annotation_id: claim,
            name: "kind".into(),
            value: Some("allegation".into()),
            restore: false,
        })
        .unwrap();
        p.apply(&Action::SetAnnotationNote {
            annotation_id: person,
            note: "راجع".into(),
        })
        .unwrap();
        // Deleting a label takes its annotations: the row lists them in its JSON.
        let prison = add(&mut p, 25, 30, "PRISON");
        let label = p
            .labels()
            .unwrap()
            .into_iter()
            .find(|l| l.name == "PRISON")
            .unwrap()
            .id;
        p.apply(&Action::DeleteLabel { id: label }).unwrap();
        let all = p.annotation_histories().unwrap();
        assert!(all[&prison].iter().any(|r| r.action == "delete_label"));
        for id in [claim, org, person, prison] {
            let one = p.annotation_history(id).unwrap();
            assert!(!one.is_empty());
            assert_eq!(
                all.get(&id).cloned().unwrap_or_default(),
                one,
                "annotation {id}"
            );
        }
        // The relation row reaches the child through its JSON, not its key.
        assert!(all[&org].iter().any(|r| r.action.ends_with("relation")));
    }
}
