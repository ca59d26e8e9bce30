//! File → Merge projects…: an annotator's project merged into the open one, each annotation
//! in its annotator's layer, one undo step.

use egui_kittest::kittest::Queryable;
use sanad::model::Action;
use sanad::store::Project;
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::{Command, SanadApp};

const TEXT: &str = "سجن صيدنايا في ريف دمشق";

#[test]
fn file_merge_projects_brings_an_annotators_layer_in_and_one_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), TEXT).unwrap();
    // alice's project: the same text, سجن صيدنايا (0..11) PRISON and دمشق (19..23) PERSON.
    let alice = dir.path().join("alice.sanad");
    {
        let mut p = Project::open_or_create(&alice).unwrap();
        p.set_actor("alice");
        let doc = p
            .add_documents(&[sanad::store::NewDocument::from_text(
                "elsewhere/a.txt",
                TEXT,
            )])
            .unwrap()[0];
        for (start, end, label) in [(0, 11, "PRISON"), (19, 23, "PERSON")] {
            p.apply(&Action::AddAnnotation {
                id: None,
                document_id: doc,
                start,
                end,
                label: label.into(),
            })
            .unwrap();
        }
    }
    let dialogs = ScriptedDialogs {
        project: Some(alice),
        ..Default::default()
    };
    let mut app = SanadApp::new(Box::new(dialogs));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("team.sanad")),
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
    h.get_by_label_contains("Merge projects…").click();
    h.run();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    let layers = h.state().project().unwrap().annotators().unwrap();
    assert_eq!(
        layers.get("alice"),
        Some(&2),
        "both spans, in alice's layer"
    );
    assert_eq!(
        h.state()
            .project()
            .unwrap()
            .document_summaries()
            .unwrap()
            .len(),
        1,
        "the same text: no new document"
    );
    h.state_mut().run_command(Command::Undo);
    h.run();
    assert_eq!(h.state().project().unwrap().annotation_total().unwrap(), 0);
}
