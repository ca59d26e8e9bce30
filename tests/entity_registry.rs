//! Issue 10, acceptance 4, without a display: two entities for one person ("مُحَمَّد" with a Latin
//! alias, "محمد") are found by an Arabic-aware search from `محمد` and from the Latin alias,
//! merged as one action, and one undo brings back both entities and every link, in a project
//! file that is closed and opened again between the steps.

use sanad::model::{Action, EntityId, History};
use sanad::store::{NewDocument, Project};

// a.txt: قال[0,3) مُحَمَّد[4,12) إن[13,15) محمد[16,20) وصل[21,24)
const A: &str = "قال مُحَمَّد إن محمد وصل";

fn entity(p: &mut Project, name: &str, aliases: &[&str]) -> EntityId {
    p.apply(&Action::CreateEntity {
        id: None,
        name: name.into(),
        kind: "PERSON".into(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        created_at: None,
    })
    .unwrap()
    .created
    .unwrap()
}

#[test]
fn search_finds_the_voweled_name_and_a_merge_is_undone_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    let doc = p
        .add_documents(&[NewDocument::from_text("a.txt", A)])
        .unwrap()[0];
    let mention = |p: &mut Project, start, end| {
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: doc,
            start,
            end,
            label: "PERSON".into(),
        })
        .unwrap()
        .created
        .unwrap()
    };
    let voweled = mention(&mut p, 4, 12);
    let bare = mention(&mut p, 16, 20);
    let e1 = entity(&mut p, "مُحَمَّد", &["Muhammad"]);
    let e2 = entity(&mut p, "محمد", &[]);
    for (a, e) in [(voweled, e1), (bare, e2)] {
        p.apply(&Action::LinkEntity {
            annotation_id: a,
            entity_id: Some(e),
        })
        .unwrap();
    }

    // `محمد` finds "مُحَمَّد" (and the bare spelling); the Latin alias finds it in any case.
    let names = |hits: Vec<sanad::store::entities::EntityHit>| -> Vec<String> {
        hits.into_iter().map(|h| h.entity.name).collect()
    };
    let found = names(p.search_entities("محمد").unwrap());
    assert!(found.contains(&"مُحَمَّد".to_owned()), "{found:?}");
    assert_eq!(found.len(), 2);
    let latin = p.search_entities("muhammad").unwrap();
    assert_eq!(latin.len(), 1);
    assert_eq!(latin[0].entity.name, "مُحَمَّد");
    assert_eq!(latin[0].alias.as_deref(), Some("Muhammad"));

    let before = p.dump().unwrap();
    let mut history = History::default();
    let merge = Action::MergeEntities {
        survivor: e1,
        merged: e2,
    };
    let done = p.apply(&merge).unwrap();
    history.push(merge, done.inverse);
    drop(p);

    let mut p = Project::open_existing(&path).unwrap();
    let ents = p.entities().unwrap();
    assert_eq!(ents.len(), 1);
    assert_eq!(
        (ents[0].id, ents[0].mentions, ents[0].aliases.clone()),
        (e1, 2, vec!["Muhammad".to_owned(), "محمد".to_owned()])
    );
    let audit = p.audit_len().unwrap();
    let undo = history.peek_undo().cloned().unwrap();
    let undone = p.apply_tagged(&undo, Some("undo")).unwrap();
    history.undone(undone.inverse);
    assert_eq!(
        p.dump().unwrap(),
        before,
        "both entities and every link are back"
    );
    let anns = p.annotations(doc).unwrap();
    assert_eq!(
        anns.iter().map(|a| a.entity_id).collect::<Vec<_>>(),
        vec![Some(e1), Some(e2)]
    );
    // The undo is recorded: the entity made again, the alias list put back, the link.
    assert_eq!(p.audit_len().unwrap(), audit + 3);
    let redo = history.peek_redo().cloned().unwrap();
    p.apply_tagged(&redo, Some("redo")).unwrap();
    assert_eq!(p.entities().unwrap().len(), 1);
}
