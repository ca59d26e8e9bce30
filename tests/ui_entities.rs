//! The entity panel with egui_kittest: open an entity from the list, merge another into it
//! through the panel, undo the merge with one Ctrl+Z (issue 10, acceptance 4); open a mention
//! from the panel; rename and add an alias through the panel's bidi fields.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sanad::model::{Action, AnnotationId, EntityId};
use sanad::ui::{Command, SanadApp};

use crate::common;

// a.txt: قال[0,3) مُحَمَّد[4,12) إن[13,15) محمد[16,20) وصل[21,24)
// b.txt: Muhammad[0,8) met[9,12) محمد[13,17) في[18,20) السجن[21,26)
const A: &str = "قال مُحَمَّد إن محمد وصل\n";
const B: &str = "Muhammad met محمد في السجن\n";

struct Setup {
    h: egui_kittest::Harness<'static, SanadApp>,
    _dir: tempfile::TempDir,
    /// Mentions: a[4,12) a[16,20) b[0,8) b[13,17).
    m: Vec<AnnotationId>,
    /// "مُحَمَّد" [Muhammad] linked to m0, m2; "محمد" linked to m1, m3.
    e: [EntityId; 2],
}

fn apply(h: &mut egui_kittest::Harness<'static, SanadApp>, action: Action) {
    h.state_mut().run_command(Command::Apply(action));
    assert_eq!(h.state().error(), None);
    h.run();
}

fn setup() -> Setup {
    let (dir, mut h) = common::app_with(&[("a.txt", A), ("b.txt", B)]);
    let docs: Vec<i64> = h.state().documents().iter().map(|d| d.id).collect();
    let spans = [(0, 4, 12), (0, 16, 20), (1, 0, 8), (1, 13, 17)];
    for (d, s, e) in spans {
        apply(
            &mut h,
            Action::AddAnnotation {
                id: None,
                document_id: docs[d],
                start: s,
                end: e,
                label: "PERSON".into(),
            },
        );
    }
    let p = h.state().project().unwrap();
    let mut m: Vec<(usize, usize, AnnotationId)> = docs
        .iter()
        .enumerate()
        .flat_map(|(k, &d)| {
            p.annotations(d)
                .unwrap()
                .into_iter()
                .map(move |a| (k, a.start, a.id))
        })
        .collect();
    m.sort();
    let m: Vec<AnnotationId> = m.into_iter().map(|x| x.2).collect();
    for (name, alias) in [("مُحَمَّد", "Muhammad"), ("محمد", "")] {
        apply(
            &mut h,
            Action::CreateEntity {
                id: None,
                name: name.into(),
                kind: "PERSON".into(),
                aliases: if alias.is_empty() {
                    vec![]
                } else {
                    vec![alias.into()]
                },
                created_at: None,
            },
        );
    }
    let ents = h.state().project().unwrap().entities().unwrap();
    let id = |n: &str| ents.iter().find(|e| e.name == n).unwrap().id;
    let e = [id("مُحَمَّد"), id("محمد")];
    for (k, &a) in m.iter().enumerate() {
        apply(
            &mut h,
            Action::LinkEntity {
                annotation_id: a,
                entity_id: Some(e[k % 2]),
            },
        );
    }
    Setup { h, _dir: dir, m, e }
}

fn links(app: &SanadApp) -> Vec<Option<EntityId>> {
    let p = app.project().unwrap();
    let mut out: Vec<(i64, usize, Option<EntityId>)> = app
        .documents()
        .iter()
        .flat_map(|d| {
            p.annotations(d.id)
                .unwrap()
                .into_iter()
                .map(|a| (a.document_id, a.start, a.entity_id))
        })
        .collect();
    out.sort();
    out.into_iter().map(|x| x.2).collect()
}

#[test]
fn merge_two_entities_in_the_panel_and_undo_with_ctrl_z() {
    let Setup {
        mut h, e, _dir: _d, ..
    } = setup();
    let before = h.state().project().unwrap().dump().unwrap();
    h.get_by_label("Entity مُحَمَّد").click();
    h.run();
    assert_eq!(h.state().entity_panel.open, Some(e[0]));
    assert_eq!(h.state().entity_panel.mentions.len(), 2);
    // Find the other entity by its name without harakat, choose it, keep this one.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Merge with:")
        .focus();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Merge with:")
        .type_text("محمد");
    h.run();
    // Enter leaves the field (so Ctrl+Z later goes to the project, not the field).
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Merge with محمد").click();
    h.run();
    assert_eq!(h.state().entity_panel.merge_with, Some(e[1]));
    h.get_by_label("Keep this one").click();
    h.run();
    assert_eq!(h.state().error(), None);
    let ents = h.state().project().unwrap().entities().unwrap();
    assert_eq!(ents.len(), 1);
    assert_eq!(ents[0].id, e[0]);
    assert_eq!(ents[0].aliases, vec!["Muhammad", "محمد"]);
    assert_eq!(links(h.state()), vec![Some(e[0]); 4]);
    // The panel shows the survivor with all four mentions, across both documents.
    assert_eq!(h.state().entity_panel.open, Some(e[0]));
    let paths: Vec<String> = h
        .state()
        .entity_panel
        .mentions
        .iter()
        .map(|x| format!("{} [{}, {})", x.rel_path, x.start, x.end))
        .collect();
    assert_eq!(
        paths,
        vec![
            "a.txt [4, 12)",
            "a.txt [16, 20)",
            "b.txt [0, 8)",
            "b.txt [13, 17)"
        ]
    );

    // One Ctrl+Z brings back both entities and every link.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().project().unwrap().dump().unwrap(), before);
    assert_eq!(
        links(h.state()),
        vec![Some(e[0]), Some(e[1]), Some(e[0]), Some(e[1])]
    );
    assert_eq!(h.state().entity_panel.mentions.len(), 2);
}

#[test]
fn clicking_a_mention_opens_its_document_and_selects_it() {
    let Setup {
        mut h, m, _dir: _d, ..
    } = setup();
    assert_eq!(h.state().current().unwrap().document.rel_path, "a.txt");
    h.get_by_label("Entity محمد").click();
    h.run();
    h.get_by_label_contains("Mention b.txt [13, 17)").click();
    h.run();
    let app = h.state();
    assert_eq!(app.current().unwrap().document.rel_path, "b.txt");
    assert_eq!(app.view.selected_annotation, Some(m[3]));
    // "Next mention" goes through them in order: a.txt [16, 20) first.
    h.get_by_label("Next mention").click();
    h.run();
    let app = h.state();
    assert_eq!(app.current().unwrap().document.rel_path, "a.txt");
    assert_eq!(app.view.selected_annotation, Some(m[1]));
}

#[test]
fn rename_and_alias_through_the_panel_fields_then_split_and_delete() {
    let Setup {
        mut h,
        m,
        e,
        _dir: _d,
    } = setup();
    h.state_mut().run_command(Command::OpenEntity(e[1]));
    h.run();
    let field = |h: &egui_kittest::Harness<'static, SanadApp>, label: &str| {
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, label)
            .focus();
    };
    field(&h, "New alias:");
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "New alias:")
        .type_text("Mohamed");
    h.run();
    h.get_by_label("Add alias").click();
    h.run();
    let find = |h: &egui_kittest::Harness<'static, SanadApp>| {
        h.state()
            .project()
            .unwrap()
            .entities()
            .unwrap()
            .into_iter()
            .find(|x| x.id == e[1])
    };
    assert_eq!(find(&h).unwrap().aliases, vec!["Mohamed"]);
    // Rename: select all in the name field and type the new name.
    field(&h, "Name:");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Name:")
        .type_text("محمد علي");
    h.run();
    h.get_by_label("Rename").click();
    h.run();
    assert_eq!(find(&h).unwrap().name, "محمد علي");
    // The Latin alias finds it in the entity list filter.
    field(&h, "Find an entity:");
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Find an entity:")
        .type_text("mohamed");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Entity محمد علي");
    assert!(h.query_by_label("Entity مُحَمَّد").is_none());

    // Split the b.txt mention off: a new PERSON entity named by its text.
    // The rows are a.txt then b.txt: the lower button is b.txt's.
    {
        let buttons: Vec<_> = h.get_all_by_label("Split off").collect();
        assert_eq!(buttons.len(), 2);
        let lowest = buttons
            .iter()
            .max_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
            .unwrap();
        lowest.click();
    }
    h.run();
    let p = h.state().project().unwrap();
    let b = h.state().documents()[1].id;
    let new = p
        .annotations(b)
        .unwrap()
        .into_iter()
        .find(|a| a.id == m[3])
        .unwrap()
        .entity_id
        .unwrap();
    let split_entity = p
        .entities()
        .unwrap()
        .into_iter()
        .find(|x| x.id == new)
        .unwrap();
    assert_eq!(
        (split_entity.name.as_str(), split_entity.kind.as_str()),
        ("محمد", "PERSON")
    );

    // Delete asks first; the mention keeps its span.
    h.get_by_label("Delete…").click();
    h.run();
    h.get_by_label("Delete entity").click();
    h.run();
    assert!(find(&h).is_none());
    assert_eq!(h.state().entity_panel.open, None, "the panel closes");
    assert_eq!(
        links(h.state()),
        vec![Some(e[0]), None, Some(e[0]), Some(new)]
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(find(&h).unwrap().mentions, 1);
    assert_eq!(
        links(h.state()),
        vec![Some(e[0]), Some(e[1]), Some(e[0]), Some(new)]
    );
}
