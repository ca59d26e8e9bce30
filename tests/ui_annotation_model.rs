//! The annotation model through the UI (egui_kittest): relations with R and a click, attributes
//! from the inspector, undo/redo across them, renaming a label in Settings, entities.

use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use sanad::model::Action;
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::{Command, SanadApp};

use crate::common;

fn app() -> (tempfile::TempDir, Harness<'static, SanadApp>) {
    common::app_with(&[("a.txt", TEXT)])
}

const TEXT: &str =
    "قالت منظمة العفو الدولية إن أحمد زيدان اعتقل في سجن صيدنايا، البالغ عددهم أكثر من 200 ألف";
// "منظمة العفو الدولية" [5, 24), "أحمد زيدان" [28, 38), "سجن صيدنايا" [48, 59),
// "البالغ عددهم أكثر من 200 ألف" [61, 89).

fn add(h: &mut Harness<'_, SanadApp>, start: usize, end: usize, label: &str) -> i64 {
    let doc = h.state().current().unwrap().document.id;
    h.state_mut()
        .run_command(Command::Apply(Action::AddAnnotation {
            id: None,
            document_id: doc,
            start,
            end,
            label: label.into(),
        }));
    h.run();
    h.state()
        .view
        .selected_annotation
        .expect("the new annotation is selected")
}

fn click_span(h: &mut Harness<'_, SanadApp>, range: std::ops::Range<usize>) {
    let r: Rect = h
        .state()
        .view
        .screen_rects(range)
        .into_iter()
        .reduce(|a, b| a.union(b))
        .unwrap();
    let p = Pos2::new(r.center().x, r.center().y + 3.0);
    h.hover_at(p);
    h.run();
    h.drag_at(p);
    h.run();
    h.drop_at(p);
    h.run();
}

fn relations(h: &Harness<'_, SanadApp>) -> Vec<(i64, i64, String)> {
    let app = h.state();
    let doc = app.current().unwrap().document.id;
    app.project()
        .unwrap()
        .relations(doc)
        .unwrap()
        .into_iter()
        .map(|r| (r.head, r.child, r.relation))
        .collect()
}

#[test]
fn r_then_click_creates_the_only_allowed_relation_and_undo_redo_work() {
    let (_d, mut h) = app();
    let person = add(&mut h, 28, 38, "PERSON");
    let prison = add(&mut h, 48, 59, "PRISON");
    click_span(&mut h, 28..38);
    assert_eq!(h.state().view.selected_annotation, Some(person));
    h.key_press(Key::R);
    h.run();
    assert_eq!(h.state().relation_from, Some(person));
    click_span(&mut h, 48..59);
    assert_eq!(relations(&h), vec![(person, prison, "held_in".to_owned())]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(relations(&h).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(relations(&h), vec![(person, prison, "held_in".to_owned())]);
}

#[test]
fn a_relation_the_scheme_forbids_is_refused_with_a_message() {
    let (_d, mut h) = app();
    add(&mut h, 48, 59, "PRISON");
    add(&mut h, 5, 24, "ORGANIZATION");
    click_span(&mut h, 48..59);
    h.key_press(Key::R);
    h.run();
    click_span(&mut h, 5..24);
    assert!(relations(&h).is_empty());
    assert_eq!(
        h.state().error(),
        Some("no relation type allows PRISON to ORGANIZATION in this scheme")
    );
}

#[test]
fn attribute_edited_in_the_inspector_then_undone_and_redone_with_a_relation() {
    let (_d, mut h) = app();
    let org = add(&mut h, 5, 24, "ORGANIZATION");
    let claim = add(&mut h, 61, 89, "CLAIM");
    h.get_by_label("kind").click();
    h.run();
    h.get_by_label("statistic").click();
    h.run();
    let attrs = |h: &Harness<'_, SanadApp>| h.state().project().unwrap().attributes(claim).unwrap();
    assert_eq!(attrs(&h), vec![("kind".to_owned(), "statistic".to_owned())]);
    // A relation from the claim to the organization, then undo both and redo both.
    h.key_press(Key::R);
    h.run();
    click_span(&mut h, 5..24);
    assert_eq!(
        relations(&h),
        vec![(claim, org, "attributed_to".to_owned())]
    );
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert!(relations(&h).is_empty());
    assert!(attrs(&h).is_empty());
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
        h.run();
    }
    assert_eq!(attrs(&h), vec![("kind".to_owned(), "statistic".to_owned())]);
    assert_eq!(
        relations(&h),
        vec![(claim, org, "attributed_to".to_owned())]
    );
}

#[test]
fn renaming_a_label_in_settings_keeps_its_annotations_and_the_export_uses_the_new_name() {
    let (dir, mut h) = app();
    let prison = add(&mut h, 48, 59, "PRISON");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    let field = h.get(
        By::new()
            .value("PRISON")
            .role(egui::accesskit::Role::TextInput),
    );
    field.click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(
        By::new()
            .value("PRISON")
            .role(egui::accesskit::Role::TextInput),
    )
    .type_text("FACILITY");
    h.run();
    h.get_all_by_label("Apply").nth(2).unwrap().click();
    h.run();
    let app = h.state();
    let p = app.project().unwrap();
    let labels: Vec<String> = p.labels().unwrap().into_iter().map(|l| l.name).collect();
    assert_eq!(labels, vec!["PERSON", "ORGANIZATION", "FACILITY", "CLAIM"]);
    let doc = app.current().unwrap().document.id;
    let anns = p.annotations(doc).unwrap();
    assert_eq!(anns.len(), 1);
    assert_eq!(anns[0].id, prison);
    let out = dir.path().join("out.jsonl");
    sanad::export::write_jsonl_file(p, sanad::export::ExportOptions::default(), &out).unwrap();
    let line: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(line["spans"][0]["label"], "FACILITY");
}

#[test]
fn two_mentions_linked_to_one_entity_from_the_inspector() {
    let (_d, mut h) = app();
    let first = add(&mut h, 28, 38, "PERSON");
    h.get_by_label("Create entity from mention").click();
    h.run();
    let entity = h.state().project().unwrap().entities().unwrap()[0].clone();
    assert_eq!(entity.name, "أحمد زيدان");
    let second = add(&mut h, 33, 38, "PERSON"); // "زيدان"
    let search = || {
        By::new().predicate(|n| {
            n.placeholder()
                .is_some_and(|p| p.starts_with("Link to an entity"))
        })
    };
    h.get(search()).click();
    h.run();
    h.get(search()).type_text("زيدان");
    h.run();
    h.get_by_label("Link to أحمد زيدان").click();
    h.run();
    let p = h.state().project().unwrap();
    let mentions = p.mentions(entity.id).unwrap();
    assert_eq!(
        mentions.iter().map(|m| m.1).collect::<Vec<_>>(),
        vec![first, second]
    );
    assert_eq!(p.entities().unwrap()[0].mentions, 2);
}

#[test]
fn f1_lists_shortcuts_and_status_filters_the_document_list() {
    let (_d, mut h) = app();
    h.key_press(Key::F1);
    h.run();
    h.get_by_label("Keyboard shortcuts");
    h.get_by_label("Ctrl+Shift+Z / Ctrl+Y");
    let doc = h.state().current().unwrap().document.id;
    h.state_mut().run_command(Command::Apply(Action::SetStatus {
        document_id: doc,
        status: sanad::model::DocumentStatus::Done,
    }));
    h.run();
    h.get_by_label("[x] a.txt  (0)");
    h.state_mut().status_filter = Some(sanad::model::DocumentStatus::Todo);
    h.run();
    assert!(
        h.query_by_label("[x] a.txt  (0)").is_none(),
        "done documents are filtered out"
    );
    assert!(h.state().status().contains("Done"));
}

#[test]
fn scheme_exports_to_ron_and_an_edited_copy_imports_without_losing_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), TEXT).unwrap();
    let scheme_path = dir.path().join("scheme.ron");
    let dialogs = ScriptedDialogs {
        scheme: Some(scheme_path.clone()),
        ..Default::default()
    };
    let mut app = SanadApp::new(Box::new(dialogs));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    let doc = app.current().unwrap().document.id;
    app.run_command(Command::Apply(Action::AddAnnotation {
        id: None,
        document_id: doc,
        start: 48,
        end: 59,
        label: "PRISON".into(),
    }));
    app.run_command(Command::ExportScheme);
    let exported =
        sanad::model::LabelScheme::from_ron(&std::fs::read_to_string(&scheme_path).unwrap())
            .unwrap();
    assert_eq!(exported.labels.len(), 4);
    assert_eq!(exported.relations.len(), 4);
    let mut edited = exported.clone();
    edited.labels.push(sanad::model::LabelDef {
        name: "EVENT".into(),
        color: "#9467bd".into(),
        key: Some('5'),
        description: "An arrest, transfer, release or death.".into(),
        attributes: vec![],
    });
    edited.relations.push(sanad::model::RelationDef {
        name: "happened_in".into(),
        head: vec!["EVENT".into()],
        child: vec!["PRISON".into()],
        description: String::new(),
    });
    edited.relations.retain(|r| r.name != "held_in"); // an imported scheme never deletes anything
    std::fs::write(&scheme_path, edited.to_ron().unwrap()).unwrap();
    app.run_command(Command::ImportScheme);
    assert_eq!(app.error(), None);
    let p = app.project().unwrap();
    let names: Vec<String> = p.labels().unwrap().into_iter().map(|l| l.name).collect();
    assert_eq!(
        names,
        vec!["PERSON", "ORGANIZATION", "PRISON", "CLAIM", "EVENT"]
    );
    assert_eq!(p.annotations(doc).unwrap().len(), 1);
    assert_eq!(
        p.allowed_relations("EVENT", "PRISON").unwrap(),
        vec!["happened_in"]
    );
    assert_eq!(
        p.allowed_relations("PERSON", "PRISON").unwrap(),
        vec!["held_in"]
    );
}

#[test]
fn resize_from_the_inspector_and_clicks_cycle_through_stacked_annotations() {
    let (_d, mut h) = app();
    let person = add(&mut h, 28, 38, "PERSON");
    h.get_by_label("Start +1").click();
    h.run();
    let span = |h: &Harness<'_, SanadApp>, id: i64| {
        let doc = h.state().current().unwrap().document.id;
        let a = h
            .state()
            .project()
            .unwrap()
            .annotations(doc)
            .unwrap()
            .into_iter()
            .find(|a| a.id == id)
            .unwrap();
        (a.start, a.end)
    };
    assert_eq!(span(&h, person), (29, 38));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(span(&h, person), (28, 38));
    // Two labels on one span plus an outer CLAIM: repeated clicks visit each, innermost first.
    let org = add(&mut h, 28, 38, "ORGANIZATION");
    let claim = add(&mut h, 5, 59, "CLAIM");
    h.state_mut().view.selected_annotation = None;
    let mut seen = Vec::new();
    for _ in 0..4 {
        click_span(&mut h, 30..33);
        seen.push(h.state().view.selected_annotation.unwrap());
        // Let the double-click window pass so each click counts on its own.
        for _ in 0..30 {
            h.step();
        }
    }
    assert_eq!(seen[3], seen[0], "the cycle wraps around");
    let mut cycle = seen[..3].to_vec();
    cycle.sort();
    let mut expected = vec![person, org, claim];
    expected.sort();
    assert_eq!(cycle, expected);
    assert_eq!(seen[2], claim, "the outer span comes last");
}

#[test]
fn a_row_of_the_annotation_list_can_be_the_relation_target_and_entity_creation_is_one_undo() {
    let (_d, mut h) = app();
    let person = add(&mut h, 28, 38, "PERSON");
    let org = add(&mut h, 5, 24, "ORGANIZATION");
    click_span(&mut h, 28..38);
    h.key_press(Key::R);
    h.run();
    h.get_by_label("Annotation ORGANIZATION منظمة العفو الدولية")
        .click();
    h.run();
    assert_eq!(relations(&h), vec![(person, org, "member_of".to_owned())]);
    assert_eq!(h.state().relation_from, None);
    click_span(&mut h, 28..38);
    h.get_by_label("Create entity from mention").click();
    h.run();
    assert_eq!(h.state().entities().len(), 1);
    assert_eq!(h.state().entities()[0].mentions, 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state().entities().is_empty(),
        "one undo removes the link and the entity"
    );
    assert_eq!(relations(&h).len(), 1);
    assert!(
        h.state().status().starts_with("Undone: Created entity"),
        "{}",
        h.state().status()
    );
}
