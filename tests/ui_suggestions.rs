//! Suggestions in the UI with egui_kittest: "Apply gazetteer…" through the file dialog on the
//! seed, the Suggestions list, Enter accepting and X rejecting the selected suggestion, one
//! Ctrl+Z per step. Expected offsets as in tests/suggestions.rs (the three, and the others
//! from Python's `str.find` on the seed).

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::{Command, SanadApp};

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt")).unwrap()
}

fn spans(app: &SanadApp) -> Vec<(usize, usize)> {
    let cur = app.current().unwrap();
    cur.annotations.iter().map(|a| (a.start, a.end)).collect()
}

fn suggested(app: &SanadApp) -> Vec<(usize, usize)> {
    let cur = app.current().unwrap();
    cur.suggestions.iter().map(|s| (s.start, s.end)).collect()
}

#[test]
fn apply_a_gazetteer_accept_with_enter_reject_with_x_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("seed.txt"), seed()).unwrap();
    let list = dir.path().join("names.csv");
    std::fs::write(
        &list,
        "name,label,entity,aliases\nالدفاع المدني السوري,ORGANIZATION,,الدفاع المدني\n",
    )
    .unwrap();
    let dialogs = ScriptedDialogs {
        gazetteer: Some(list),
        ..Default::default()
    };
    let mut app = SanadApp::new(Box::new(dialogs));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Apply gazetteer…").click();
    h.run();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    assert_eq!(
        suggested(h.state()),
        vec![(6, 26), (124, 137), (302, 315), (1166, 1186), (2939, 2959)]
    );
    assert!(
        spans(h.state()).is_empty(),
        "suggestions are not annotations"
    );
    h.get_by_label_contains("Suggestions (5)");

    // Select the first by its row, accept it with Enter: an annotation, linked to the entity.
    h.get_by_label_contains("Suggestion ORGANIZATION [6, 26)")
        .click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(spans(h.state()), vec![(6, 26)]);
    let cur = h.state().current().unwrap();
    assert!(cur.annotations[0].entity_id.is_some());
    assert_eq!(suggested(h.state()).len(), 4);
    // The next one is selected: X rejects it.
    assert_eq!(
        h.state().view.selected_suggestion,
        h.state()
            .current()
            .unwrap()
            .suggestions
            .iter()
            .find(|s| s.start == 124)
            .map(|s| s.id)
    );
    h.key_press(Key::X);
    h.run();
    assert_eq!(
        suggested(h.state()),
        vec![(302, 315), (1166, 1186), (2939, 2959)]
    );
    // One Ctrl+Z per step: the rejected one comes back, then the accepted one is a suggestion
    // again, then the gazetteer goes.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(suggested(h.state()).len(), 4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(spans(h.state()).is_empty());
    assert_eq!(suggested(h.state()).len(), 5);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(suggested(h.state()).is_empty());
}

/// File → "…as suggestions" then "Import annotations…": a doccano line's spans come in as
/// suggestions on the shown document (dashed, in its Suggestions list), not as annotations; one
/// Ctrl+Z takes them back. `😀 أحمد في سجن صيدنايا`: أحمد is chars [2, 6) (UTF-16 [3, 7), the
/// emoji being two units), سجن صيدنايا chars [10, 21) (UTF-16 [11, 22)).
#[test]
fn import_annotations_as_suggestions_from_the_file_menu() {
    let text = "😀 أحمد في سجن صيدنايا";
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), text).unwrap();
    let model = dir.path().join("model.jsonl");
    let line = serde_json::json!({"text": text, "label": [[3, 7, "PERSON"], [11, 22, "PRISON"]]});
    std::fs::write(&model, format!("{line}\n")).unwrap();
    // The file dialog answers with the model's file (import annotations asks for a path).
    let dialogs = ScriptedDialogs {
        folder: Some(model),
        ..Default::default()
    };
    let mut app = SanadApp::new(Box::new(dialogs));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("…as suggestions").click();
    h.run();
    assert!(h.state().import_as_suggestions());
    // The menu item's label ends with its key hint (Ctrl+I).
    if h.query_by_label_contains("Import annotations…").is_none() {
        h.get_by_label("File").click();
        h.run();
    }
    h.get_by_label_contains("Import annotations…").click();
    h.run();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    assert_eq!(suggested(h.state()), vec![(2, 6), (10, 21)]);
    assert!(spans(h.state()).is_empty());
    // The Suggestions panel lists them; "Accept all" makes them annotations (one undo step).
    h.get_by_label("Suggestions (2)");
    h.get_by_label("Accept all").click();
    h.run();
    assert_eq!(spans(h.state()), vec![(2, 6), (10, 21)]);
    assert!(suggested(h.state()).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(suggested(h.state()), vec![(2, 6), (10, 21)]);
    assert!(spans(h.state()).is_empty());
    // One more Ctrl+Z takes the import back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(suggested(h.state()).is_empty());
}
