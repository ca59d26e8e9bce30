//! A char no font can draw is flagged: the document list says how many such chars the shown
//! document holds, and the view keeps their positions (drawn outlined, named on hover).

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::{Command, SanadApp};

#[test]
fn a_document_with_an_undrawable_char_is_flagged_in_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    // U+0E01 THAI CHARACTER KO KAI: no bundled font has Thai, and kittest has no system fonts.
    std::fs::write(folder.join("a.txt"), "سجن ก عدرا").unwrap();
    std::fs::write(folder.join("b.txt"), "سجن عدرا").unwrap();
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    // The app draws a box for it, as the real one does (kittest's default would panic).
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    let id = h.state().current().unwrap().document.id;
    assert_eq!(h.state().view.undrawable_counts.get(&id), Some(&1));
    assert!(
        h.query_by_label_contains("a.txt  (0)  ⚠ 1 character cannot be displayed")
            .is_some(),
        "the list row of a.txt is flagged"
    );
    assert!(
        h.query_by_label("[ ] b.txt  (0)").is_some(),
        "b.txt is not flagged"
    );
}
