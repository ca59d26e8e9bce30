//! The entity registry: editing (rename, type, aliases), merging, splitting off a mention and
//! deleting entities as single actions, each undone in one step; and reading an entity's
//! mentions with keyword-in-context snippets, and searching entities by name and alias.
//!
//! Merge, split and delete are made of the plain actions ([`Action::LinkEntity`],
//! [`Action::CreateEntity`], [`Action::EditEntity`], [`Action::DeleteEntity`]) applied inside
//! the one transaction, so each part writes its own audit row (each moved mention's history
//! shows its new link) and the inverse is a [`Action::Batch`] of their inverses: the undo puts
//! back the same rows, ids and creation times included.

use super::apply::{annotation_row, apply_in, audit};
use super::error::StoreError;
use super::project::Project;
use crate::model::entity::combined_aliases;
use crate::model::{Action, AnnotationId, Applied, DocumentId, Entity, EntityId};
use crate::search::Snippet;
use rusqlite::{OptionalExtension, Transaction, params};

type Tx<'a> = Transaction<'a>;

/// An entity row as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
struct EntityRow {
    name: String,
    kind: String,
    aliases: Vec<String>,
    created_at: String,
}

impl EntityRow {
    fn json(&self, id: EntityId) -> serde_json::Value {
        serde_json::json!({ "id": id, "name": self.name, "kind": self.kind, "aliases": self.aliases })
    }
}

/// Reads entity `id`.
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Refused`] when its aliases are not a JSON array of
/// strings (an undo could not put them back as they were); SQLite errors.
fn entity_row(tx: &Tx<'_>, id: EntityId) -> Result<EntityRow, StoreError> {
    let (name, kind, aliases, created_at): (String, String, String, String) = tx
        .query_row(
            "SELECT name, kind, aliases, created_at FROM entities WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "entity", id })?;
    let aliases = serde_json::from_str(&aliases).map_err(|e| {
        StoreError::Refused(format!(
            "entity {id} has unreadable aliases ({e}): {aliases}"
        ))
    })?;
    Ok(EntityRow {
        name,
        kind,
        aliases,
        created_at,
    })
}

/// The annotations linked to entity `id`, by id.
fn linked(tx: &Tx<'_>, id: EntityId) -> Result<Vec<AnnotationId>, StoreError> {
    let mut stmt =
        tx.prepare_cached("SELECT id FROM annotations WHERE entity_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Applies the parts of a composite action in order; returns their inverses, last first, and
/// the row the first part that created one created.
fn apply_parts(
    tx: &Tx<'_>,
    (actor, tag): (&str, Option<&str>),
    parts: &[Action],
) -> Result<(Vec<Action>, Option<i64>), StoreError> {
    let mut inverses = Vec::with_capacity(parts.len());
    let mut created = None;
    for part in parts {
        let done = apply_in(tx, actor, tag, part)?;
        inverses.push(done.inverse);
        created = created.or(done.created);
    }
    inverses.reverse();
    Ok((inverses, created))
}

/// [`Action::EditEntity`]: replaces the name, kind and aliases of entity `id`; one audit row
/// with the old and new values.
///
/// # Errors
/// [`StoreError::NotFound`], [`StoreError::Refused`] for a blank name, SQLite errors.
pub(super) fn edit(
    tx: &Tx<'_>,
    (actor, action): (&str, &str),
    id: EntityId,
    (name, kind, aliases): (&str, &str, &[String]),
) -> Result<Applied, StoreError> {
    let old = entity_row(tx, id)?;
    if name.trim().is_empty() {
        return Err(StoreError::Refused("an entity needs a name".into()));
    }
    let new = EntityRow {
        name: name.to_owned(),
        kind: kind.to_owned(),
        aliases: aliases.to_vec(),
        created_at: old.created_at.clone(),
    };
    tx.execute(
        "UPDATE entities SET name = ?1, kind = ?2, aliases = ?3 WHERE id = ?4",
        params![name, kind, aliases_json(aliases), id],
    )?;
    audit(
        tx,
        actor,
        action,
        (None, None),
        Some(old.json(id)),
        Some(new.json(id)),
    )?;
    Ok(Applied {
        inverse: Action::EditEntity {
            id,
            name: old.name,
            kind: old.kind,
            aliases: old.aliases,
        },
        annotation: None,
        created: None,
    })
}

fn aliases_json(aliases: &[String]) -> String {
    serde_json::to_string(aliases).unwrap_or_else(|_| "[]".into())
}

/// [`Action::DeleteEntity`]: unlinks every mention (one `link_entity` row each; the spans stay),
/// deletes the row and writes one `delete_entity` row listing the mentions. The inverse creates
/// the entity with its id and creation time, then links the mentions back.
///
/// # Errors
/// [`StoreError::NotFound`], SQLite errors.
pub(super) fn delete(
    tx: &Tx<'_>,
    (actor, tag, action): (&str, Option<&str>, &str),
    id: EntityId,
) -> Result<Applied, StoreError> {
    let row = entity_row(tx, id)?;
    let mentions = linked(tx, id)?;
    let unlink: Vec<Action> = mentions
        .iter()
        .map(|&a| Action::LinkEntity {
            annotation_id: a,
            entity_id: None,
        })
        .collect();
    let (mut relink, _) = apply_parts(tx, (actor, tag), &unlink)?;
    relink.reverse(); // back in id order
    tx.execute("DELETE FROM entities WHERE id = ?1", [id])?;
    let mut before = row.json(id);
    before["mentions"] = serde_json::json!(mentions);
    audit(tx, actor, action, (None, None), Some(before), None)?;
    let create = Action::CreateEntity {
        id: Some(id),
        name: row.name,
        kind: row.kind,
        aliases: row.aliases,
        created_at: Some(row.created_at),
    };
    let inverse = if relink.is_empty() {
        create
    } else {
        Action::Batch(std::iter::once(create).chain(relink).collect())
    };
    Ok(Applied {
        inverse,
        annotation: None,
        created: None,
    })
}

/// [`Action::MergeEntities`]: one `merge_entities` row naming both entities and the mentions
/// moved, then the parts: each mention of `merged` linked to `survivor`, `survivor`'s aliases
/// combined ([`combined_aliases`]), `merged` deleted.
///
/// # Errors
/// [`StoreError::NotFound`] for either entity, [`StoreError::Refused`] when they are the same,
/// SQLite errors.
pub(super) fn merge(
    tx: &Tx<'_>,
    (actor, tag, action): (&str, Option<&str>, &str),
    survivor: EntityId,
    merged: EntityId,
) -> Result<Applied, StoreError> {
    if survivor == merged {
        return Err(StoreError::Refused(
            "an entity cannot be merged into itself".into(),
        ));
    }
    let keep = entity_row(tx, survivor)?;
    let gone = entity_row(tx, merged)?;
    let mentions = linked(tx, merged)?;
    let aliases = combined_aliases(&keep.name, &keep.aliases, &gone.name, &gone.aliases);
    let mut after = keep.json(survivor);
    after["aliases"] = serde_json::json!(aliases);
    after["mentions"] = serde_json::json!(mentions);
    audit(
        tx,
        actor,
        action,
        (None, None),
        Some(serde_json::json!({ "survivor": keep.json(survivor), "merged": gone.json(merged) })),
        Some(serde_json::json!({ "survivor": after })),
    )?;
    let mut parts: Vec<Action> = mentions
        .iter()
        .map(|&a| Action::LinkEntity {
            annotation_id: a,
            entity_id: Some(survivor),
        })
        .collect();
    parts.push(Action::EditEntity {
        id: survivor,
        name: keep.name,
        kind: keep.kind,
        aliases,
    });
    parts.push(Action::DeleteEntity { id: merged });
    let (inverses, _) = apply_parts(tx, (actor, tag), &parts)?;
    Ok(Applied {
        inverse: Action::Batch(inverses),
        annotation: None,
        created: None,
    })
}

/// [`Action::SplitEntity`]: creates an entity named `name` of the old entity's type, links the
/// mention to it, and writes one `split_entity` row (keyed by the mention) naming the old and
/// the new entity. Returns the new entity's id as `created`.
///
/// # Errors
/// [`StoreError::NotFound`] for the annotation, [`StoreError::Refused`] when it is not linked
/// to an entity or the name is blank, SQLite errors.
pub(super) fn split(
    tx: &Tx<'_>,
    (actor, tag, action): (&str, Option<&str>, &str),
    annotation_id: AnnotationId,
    name: &str,
) -> Result<Applied, StoreError> {
    let (doc, _) = annotation_row(tx, annotation_id)?;
    let old: Option<EntityId> = tx.query_row(
        "SELECT entity_id FROM annotations WHERE id = ?1",
        [annotation_id],
        |r| r.get(0),
    )?;
    let Some(old) = old else {
        return Err(StoreError::Refused(format!(
            "annotation {annotation_id} is not linked to an entity: nothing to split off"
        )));
    };
    let from = entity_row(tx, old)?;
    let create = Action::CreateEntity {
        id: None,
        name: name.trim().to_owned(),
        kind: from.kind.clone(),
        aliases: Vec::new(),
        created_at: None,
    };
    let created = apply_in(tx, actor, tag, &create)?;
    let new = created
        .created
        .ok_or_else(|| StoreError::Refused("creating the new entity gave no row id".into()))?;
    audit(
        tx,
        actor,
        action,
        (Some(doc), Some(annotation_id)),
        Some(serde_json::json!({ "annotation_id": annotation_id, "entity": from.json(old) })),
        Some(
            serde_json::json!({ "annotation_id": annotation_id, "entity": { "id": new, "name": name.trim(), "kind": from.kind } }),
        ),
    )?;
    let link = Action::LinkEntity {
        annotation_id,
        entity_id: Some(new),
    };
    let linked = apply_in(tx, actor, tag, &link)?;
    Ok(Applied {
        inverse: Action::Batch(vec![linked.inverse, created.inverse]),
        annotation: Some(annotation_id),
        created: Some(new),
    })
}

/// One mention of an entity, for the entity panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The annotation.
    pub annotation_id: AnnotationId,
    /// Its document.
    pub document_id: DocumentId,
    /// The document's path in the project.
    pub rel_path: String,
    /// Start, chars.
    pub start: usize,
    /// End, chars, exclusive.
    pub end: usize,
    /// Label name.
    pub label: String,
    /// The mention with about `context` chars on each side ([`Snippet::offset`] is a char
    /// offset into the document).
    pub snippet: Snippet,
}

/// An entity found by [`Project::search_entities`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityHit {
    /// The entity.
    pub entity: Entity,
    /// The alias that matched, when the name did not.
    pub alias: Option<String>,
}

impl Project {
    /// Every mention of entity `id` across the project, by document path then start, each with
    /// a snippet of about `context` chars each side (cut at spaces; only that much of each
    /// document is read: SQLite's `substr` counts chars).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn entity_mentions(
        &self,
        id: EntityId,
        context: usize,
    ) -> Result<Vec<Mention>, StoreError> {
        // One char more than the context on each side, so the snippet is cut exactly as
        // `Snippet::around` cuts it in the whole text (it looks for a space in the context).
        let c = context as i64 + 1;
        let mut stmt = self.conn.prepare_cached(
            r#"SELECT a.id, a.document_id, d.rel_path, a.start, a."end", l.name, d.char_count,
                      max(a.start - ?2, 0), substr(d.text, max(a.start - ?2, 0) + 1, a."end" + ?2 - max(a.start - ?2, 0))
               FROM annotations a JOIN documents d ON d.id = a.document_id JOIN labels l ON l.id = a.label_id
               WHERE a.entity_id = ?1 ORDER BY d.rel_path, a.start, a.id"#,
        )?;
        let rows = stmt.query_map(params![id, c], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)? as usize,
                r.get::<_, i64>(4)? as usize,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)? as usize,
                r.get::<_, i64>(7)? as usize,
                r.get::<_, String>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (annotation_id, document_id, rel_path, start, end, label, len, from, piece) = row?;
            let mut snippet = Snippet::around(&piece, start - from..end - from, context);
            snippet.offset += from;
            let shown = snippet.text.chars().count();
            snippet.cut = (snippet.offset > 0, snippet.offset + shown < len);
            out.push(Mention {
                annotation_id,
                document_id,
                rel_path,
                start,
                end,
                label,
                snippet,
            });
        }
        Ok(out)
    }

    /// The entities whose name or an alias holds `query` with the Arabic-aware folding
    /// ([`crate::search::find_entities`]: `محمد` finds "مُحَمَّد", `muhammad` the alias
    /// "Muhammad"), best first.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn search_entities(&self, query: &str) -> Result<Vec<EntityHit>, StoreError> {
        let entities = self.entities()?;
        Ok(crate::search::find_entities(query, &entities)
            .into_iter()
            .map(|m| EntityHit {
                alias: m.alias.map(|a| entities[m.entity].aliases[a].clone()),
                entity: entities[m.entity].clone(),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Action, AnnotationId, DocumentId, EntityId, History};
    use crate::store::{NewDocument, Project};

    const A: &str = "قال مُحَمَّد إن محمد وصل";
    const B: &str = "Muhammad met محمد في السجن";

    struct Fixture {
        p: Project,
        docs: Vec<DocumentId>,
        /// Mentions: a[4,12) a[16,20) b[0,8) b[13,17).
        m: [AnnotationId; 4],
        /// "مُحَمَّد" [Muhammad] with m0, m2; "محمد" [أبو أحمد] with m1, m3.
        e: [EntityId; 2],
    }

    fn fixture() -> Fixture {
        let mut p = Project::in_memory().unwrap();
        p.set_actor("Layla (test)");
        let docs = p
            .add_documents(&[
                NewDocument::from_text("a.txt", A),
                NewDocument::from_text("b.txt", B),
            ])
            .unwrap();
        let spans = [
            (docs[0], 4, 12),
            (docs[0], 16, 20),
            (docs[1], 0, 8),
            (docs[1], 13, 17),
        ];
        let m = spans.map(|(d, s, e)| {
            p.apply(&Action::AddAnnotation {
                id: None,
                document_id: d,
                start: s,
                end: e,
                label: "PERSON".into(),
            })
            .unwrap()
            .created
            .unwrap()
        });
        let entity = |p: &mut Project, name: &str, alias: &str| {
            p.apply(&Action::CreateEntity {
                id: None,
                name: name.into(),
                kind: "PERSON".into(),
                aliases: vec![alias.into()],
                created_at: None,
            })
            .unwrap()
            .created
            .unwrap()
        };
        let e = [
            entity(&mut p, "مُحَمَّد", "Muhammad"),
            entity(&mut p, "محمد", "أبو أحمد"),
        ];
        for (k, &a) in m.iter().enumerate() {
            p.apply(&Action::LinkEntity {
                annotation_id: a,
                entity_id: Some(e[k % 2]),
            })
            .unwrap();
        }
        Fixture { p, docs, m, e }
    }

    fn link(p: &Project, doc: DocumentId, a: AnnotationId) -> Option<EntityId> {
        p.annotations(doc)
            .unwrap()
            .into_iter()
            .find(|x| x.id == a)
            .unwrap()
            .entity_id
    }

    /// Applies `action`, then undoes and redoes it through [`History`]: the undo gives back the
    /// state before exactly, the redo the state after. Returns the state after.
    fn round_trip(p: &mut Project, action: Action) -> Vec<String> {
        let before = p.dump().unwrap();
        let mut h = History::default();
        let done = p.apply(&action).unwrap();
        h.push(action, done.inverse);
        let after = p.dump().unwrap();
        let undo = h.peek_undo().cloned().unwrap();
        let a = p.apply_tagged(&undo, Some("undo")).unwrap();
        h.undone(a.inverse);
        assert_eq!(p.dump().unwrap(), before, "one undo restores every row");
        let redo = h.peek_redo().cloned().unwrap();
        let a = p.apply_tagged(&redo, Some("redo")).unwrap();
        h.redone(a.inverse);
        assert_eq!(p.dump().unwrap(), after, "redo gives the same rows again");
        after
    }

    #[test]
    fn rename_and_aliases_in_any_script_undo_exactly() {
        let Fixture { mut p, e, .. } = fixture();
        let edit = Action::EditEntity {
            id: e[1],
            name: "محمد علي".into(),
            kind: "PERSON".into(),
            aliases: vec!["أبو أحمد".into(), "Mohamed Ali".into(), "محمد".into()],
        };
        round_trip(&mut p, edit);
        let got = p
            .entities()
            .unwrap()
            .into_iter()
            .find(|x| x.id == e[1])
            .unwrap();
        assert_eq!(got.name, "محمد علي");
        assert_eq!(got.aliases, vec!["أبو أحمد", "Mohamed Ali", "محمد"]);
        assert_eq!(got.mentions, 2);
        let blank = Action::EditEntity {
            id: e[1],
            name: "  ".into(),
            kind: "PERSON".into(),
            aliases: vec![],
        };
        let before = p.dump().unwrap();
        assert_eq!(
            p.apply(&blank).unwrap_err().to_string(),
            "refused: an entity needs a name"
        );
        assert_eq!(p.dump().unwrap(), before);
    }

    #[test]
    fn merge_moves_every_mention_combines_aliases_and_undoes_in_one_step() {
        let Fixture { mut p, docs, m, e } = fixture();
        let audit_before = p.audit_len().unwrap();
        let after = round_trip(
            &mut p,
            Action::MergeEntities {
                survivor: e[0],
                merged: e[1],
            },
        );
        assert_eq!(p.dump().unwrap(), after);
        let list = p.entities().unwrap();
        assert_eq!(list.len(), 1, "the merged entity is gone");
        assert_eq!(list[0].id, e[0]);
        assert_eq!(list[0].name, "مُحَمَّد");
        // Its own alias, then the merged entity's name, then the merged entity's alias.
        assert_eq!(list[0].aliases, vec!["Muhammad", "محمد", "أبو أحمد"]);
        assert_eq!(list[0].mentions, 4);
        for (k, &a) in m.iter().enumerate() {
            assert_eq!(link(&p, docs[k / 2], a), Some(e[0]));
        }
        // A moved mention's own history shows the new link.
        let h = p.annotation_history(m[1]).unwrap();
        assert_eq!(h.last().unwrap().action, "redo: link_entity");
        // The merge writes 5 rows (summary, 2 links, alias edit, delete); its undo 4 (create,
        // alias edit, 2 links) and the redo 4 (2 links, alias edit, delete).
        assert_eq!(p.audit_len().unwrap(), audit_before + 13);
        let same = Action::MergeEntities {
            survivor: e[0],
            merged: e[0],
        };
        assert!(
            p.apply(&same)
                .unwrap_err()
                .to_string()
                .contains("into itself")
        );
    }

    #[test]
    fn split_off_a_mention_into_a_new_entity_of_the_same_type() {
        let Fixture { mut p, docs, m, e } = fixture();
        round_trip(
            &mut p,
            Action::SplitEntity {
                annotation_id: m[2],
                name: " Muhammad (b) ".into(),
            },
        );
        let list = p.entities().unwrap();
        let new = list
            .iter()
            .find(|x| x.name == "Muhammad (b)")
            .expect("the new entity");
        assert_eq!(
            (new.kind.as_str(), new.mentions, new.aliases.len()),
            ("PERSON", 1, 0)
        );
        assert_eq!(link(&p, docs[1], m[2]), Some(new.id));
        assert_eq!(
            link(&p, docs[0], m[0]),
            Some(e[0]),
            "the other mention stays"
        );
        assert_eq!(list.iter().find(|x| x.id == e[0]).unwrap().mentions, 1);
        let kinds: Vec<String> = p
            .annotation_history(m[2])
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
        assert!(kinds.contains(&"split_entity".to_owned()), "{kinds:?}");
        // An unlinked mention has nothing to split off.
        p.apply(&Action::LinkEntity {
            annotation_id: m[3],
            entity_id: None,
        })
        .unwrap();
        let before = p.dump().unwrap();
        let err = p
            .apply(&Action::SplitEntity {
                annotation_id: m[3],
                name: "x".into(),
            })
            .unwrap_err();
        assert!(err.to_string().contains("not linked"), "{err}");
        assert_eq!(p.dump().unwrap(), before);
    }

    #[test]
    fn delete_keeps_the_spans_and_undo_restores_entity_and_links() {
        let Fixture { mut p, docs, m, e } = fixture();
        let spans = |p: &Project| -> Vec<(usize, usize)> {
            docs.iter()
                .flat_map(|&d| p.annotations(d).unwrap())
                .map(|a| (a.start, a.end))
                .collect()
        };
        let before = spans(&p);
        round_trip(&mut p, Action::DeleteEntity { id: e[1] });
        assert_eq!(spans(&p), before, "mentions keep their spans");
        assert_eq!(link(&p, docs[0], m[1]), None);
        assert_eq!(link(&p, docs[1], m[3]), None);
        assert_eq!(link(&p, docs[0], m[0]), Some(e[0]));
        assert_eq!(p.entities().unwrap().len(), 1);
    }

    #[test]
    fn mentions_across_documents_with_snippets() {
        let Fixture { p, docs, m, e } = fixture();
        let got = p.entity_mentions(e[1], 4).unwrap();
        assert_eq!(got.len(), 2);
        // a.txt [16, 20): 4 chars back is the space at 12, so the snippet starts at 13.
        assert_eq!((got[0].document_id, got[0].annotation_id), (docs[0], m[1]));
        assert_eq!(
            (got[0].rel_path.as_str(), got[0].start, got[0].end),
            ("a.txt", 16, 20)
        );
        assert_eq!(got[0].snippet.text, "إن محمد وصل");
        assert_eq!(
            (got[0].snippet.hit.clone(), got[0].snippet.offset),
            (3..7, 13)
        );
        assert_eq!(got[0].snippet.cut, (true, false));
        // b.txt [13, 17): 4 chars back is "met " (no space before "met" within them: the
        // snippet starts after the space, at the mention); 4 on is " في ", cut after "في".
        assert_eq!(got[1].snippet.text, "محمد في");
        assert_eq!(
            (got[1].snippet.hit.clone(), got[1].snippet.offset),
            (0..4, 13)
        );
        assert_eq!(got[1].snippet.cut, (true, true));
        assert_eq!(got[1].label, "PERSON");
    }

    #[test]
    fn search_over_names_and_aliases_is_arabic_aware() {
        let Fixture { p, e, .. } = fixture();
        let hits = p.search_entities("محمد").unwrap();
        let ids: Vec<EntityId> = hits.iter().map(|h| h.entity.id).collect();
        // Both fold to محمد: equal names, ordered by name (محمد sorts before مُحَمَّد).
        assert_eq!(ids, vec![e[1], e[0]]);
        let latin = p.search_entities("MUHAMMAD").unwrap();
        assert_eq!(latin.len(), 1);
        assert_eq!(
            (latin[0].entity.id, latin[0].alias.as_deref()),
            (e[0], Some("Muhammad"))
        );
        let kunya = p.search_entities("ابو احمد").unwrap();
        assert_eq!(
            (kunya[0].entity.id, kunya[0].alias.as_deref()),
            (e[1], Some("أبو أحمد"))
        );
    }
}
