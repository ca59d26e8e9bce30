//! Issue 13, acceptance 3: the document view tells a screen reader what it shows, through the
//! AccessKit tree egui builds (read here with egui_kittest, whose queries and text ranges are
//! AccessKit's own consumer): the seed's whole text, the caret and the selection, and the
//! ORGANIZATION annotation with its label and text.
//!
//! Expected values come from the fixture (`tests/data/seed.txt`) and from the issue: the seed's
//! first organization, "الدفاع المدني السوري", is chars [6, 26) (counted by hand: "أطلق" 4, space,
//! the opening quote mark, then the name).

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use sanad::model::Action;
use sanad::ui::{Command, SanadApp};

use crate::common;

const SEED: &str = include_str!("data/seed.txt");
const ORGANIZATION_TEXT: &str = "الدفاع المدني السوري";

fn seed_app() -> (tempfile::TempDir, Harness<'static, SanadApp>) {
    common::app_with(&[("seed.txt", SEED)])
}

fn label(h: &mut Harness<'_, SanadApp>, start: usize, end: usize, name: &str) {
    let doc = h.state().current().unwrap().document.id;
    h.state_mut()
        .run_command(Command::Apply(Action::AddAnnotation {
            id: None,
            document_id: doc,
            start,
            end,
            label: name.into(),
        }));
    h.run();
}

#[test]
fn the_document_node_exposes_the_seed_text_and_the_organization_span() {
    let (_d, mut h) = seed_app();
    label(&mut h, 6, 26, "ORGANIZATION");
    let doc = h.get_by_role(Role::Document);
    // The whole text, as AccessKit's consumer joins the text runs (not only the lines in view).
    assert_eq!(doc.value().as_deref(), Some(SEED));
    let marks: Vec<_> = doc.query_all_by_role(Role::Mark).collect();
    assert_eq!(marks.len(), 1, "{marks:?}");
    let mark = marks[0].accesskit_node();
    assert_eq!(mark.label().as_deref(), Some("ORGANIZATION"));
    assert_eq!(mark.value().as_deref(), Some(ORGANIZATION_TEXT));
    // Under the document's node (through the plain container egui makes for the view's nodes).
    let mut up = mark.parent();
    while let Some(p) = up.filter(|p| p.role() == Role::GenericContainer) {
        up = p.parent();
    }
    assert_eq!(up.map(|p| p.role()), Some(Role::Document));
}

#[test]
fn the_selection_and_the_caret_are_the_documents_text_selection() {
    let (_d, mut h) = seed_app();
    h.state_mut().view.select(6..26);
    h.run();
    let doc = h.get_by_role(Role::Document).accesskit_node();
    let sel = doc.text_selection().expect("a selection");
    assert_eq!(sel.text(), ORGANIZATION_TEXT);
    // A caret before the name's first letter: char 6.
    h.state_mut().view.select(6..6);
    h.run();
    let doc = h.get_by_role(Role::Document).accesskit_node();
    let sel = doc.text_selection().expect("a caret");
    assert!(sel.is_degenerate());
    assert_eq!(doc.text_selection_focus().unwrap().to_global_usv_index(), 6);
}

#[test]
fn a_selected_annotation_is_marked_selected_and_each_label_is_named() {
    let (_d, mut h) = seed_app();
    label(&mut h, 6, 26, "ORGANIZATION");
    // "أحمد زيدان" (seed line 5), chars [518, 528).
    label(&mut h, 518, 528, "PERSON");
    let id = h.state().current().unwrap().annotations[0].id;
    h.state_mut().run_command(Command::SelectAnnotation(id));
    h.run();
    let doc = h.get_by_role(Role::Document);
    let marks: Vec<(Option<String>, Option<String>, bool)> = doc
        .query_all_by_role(Role::Mark)
        .map(|m| {
            let n = m.accesskit_node();
            (n.label(), n.value(), n.is_selected() == Some(true))
        })
        .collect();
    assert_eq!(
        marks,
        vec![
            (
                Some("ORGANIZATION".into()),
                Some(ORGANIZATION_TEXT.into()),
                true
            ),
            (Some("PERSON".into()), Some("أحمد زيدان".into()), false),
        ]
    );
}
