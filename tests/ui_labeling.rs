//! UI behaviour with egui_kittest: drag-select Arabic text, press a label key, check the stored
//! span; click an annotation and delete it; undo and redo.

use egui::{Key, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sanad::model::slice_chars;
use sanad::ui::{Command, SanadApp};

use crate::common;
use common::{bounds, drag};

fn app_on(text: &str) -> (tempfile::TempDir, Harness<'static, SanadApp>) {
    common::app_with(&[("seed.txt", text)])
}

/// The seed's first line: "الدفاع المدني السوري" is chars [6, 26).
const FIRST_LINE: &str = "أطلق “الدفاع المدني السوري” حملة تحت عنوان “ليسوا رهائن”، للمطالبة بالإفراج عن المعتقلين السوريين في سجون نظام الأسد.\n";

fn stored(h: &Harness<'_, SanadApp>) -> Vec<(usize, usize, String)> {
    let app = h.state();
    let p = app.project().unwrap();
    let labels = p.labels().unwrap();
    let doc = app.current().unwrap().document.id;
    p.annotations(doc)
        .unwrap()
        .into_iter()
        .map(|a| {
            (
                a.start,
                a.end,
                labels
                    .iter()
                    .find(|l| l.id == a.label_id)
                    .unwrap()
                    .name
                    .clone(),
            )
        })
        .collect()
}

#[test]
fn drag_across_arabic_and_press_2_stores_organization_6_26() {
    let (_dir, mut h) = app_on(FIRST_LINE);
    let r = bounds(&h, 6..26);
    // Arabic runs right to left: the span's first char is at its right edge.
    let y = r.center().y;
    drag(
        &mut h,
        Pos2::new(r.max.x - 1.0, y),
        Pos2::new(r.min.x + 1.0, y),
    );
    assert_eq!(h.state().view.selection, Some(6..26));
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(stored(&h), vec![(6, 26, "ORGANIZATION".to_owned())]);
    let text = &h.state().current().unwrap().document.text;
    assert_eq!(slice_chars(text, 6..26), "الدفاع المدني السوري");
    // The side panel lists it by its text.
    h.get_by_label("Annotation ORGANIZATION الدفاع المدني السوري");
}

#[test]
fn selection_follows_the_mouse_from_release_to_press_too() {
    let (_dir, mut h) = app_on(FIRST_LINE);
    let r = bounds(&h, 6..26);
    let y = r.center().y;
    // Dragging left to right over Arabic gives the same logical span.
    drag(
        &mut h,
        Pos2::new(r.min.x + 1.0, y),
        Pos2::new(r.max.x - 1.0, y),
    );
    assert_eq!(h.state().view.selection, Some(6..26));
}

#[test]
fn click_selects_an_annotation_relabel_delete_undo_redo() {
    let (_dir, mut h) = app_on(FIRST_LINE);
    let doc = h.state().current().unwrap().document.id;
    h.state_mut()
        .run_command(Command::Apply(sanad::model::Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: 6,
            end: 26,
            label: "ORGANIZATION".into(),
        }));
    h.state_mut().view.selected_annotation = None;
    h.run();
    let r = bounds(&h, 6..12);
    h.hover_at(r.center());
    h.run();
    h.drag_at(r.center());
    h.run();
    h.drop_at(r.center());
    h.run();
    let id = h
        .state()
        .view
        .selected_annotation
        .expect("a click on the span selects it");
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(stored(&h), vec![(6, 26, "PERSON".to_owned())]);
    assert_eq!(h.state().view.selected_annotation, Some(id));
    h.key_press(Key::Delete);
    h.run();
    assert!(stored(&h).is_empty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(stored(&h), vec![(6, 26, "PERSON".to_owned())]);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(stored(&h), vec![(6, 26, "ORGANIZATION".to_owned())]);
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(stored(&h), vec![(6, 26, "PERSON".to_owned())]);
}

#[test]
fn label_palette_button_labels_the_selection() {
    let (_dir, mut h) = app_on(FIRST_LINE);
    h.state_mut().view.selection = Some(0..4);
    h.run();
    h.get_by_label("3  PRISON").click();
    h.run();
    assert_eq!(stored(&h), vec![(0, 4, "PRISON".to_owned())]);
}
