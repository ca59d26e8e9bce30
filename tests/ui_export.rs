//! File → Export… (issue 12): the dialog's choices make the request, the export runs in the
//! background, and the summary says how many documents and spans went where.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sanad::export::Format;
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::{Command, SanadApp};

#[test]
fn the_export_dialog_writes_the_chosen_format_and_summarises() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "سجن صيدنايا").unwrap();
    std::fs::write(folder.join("b.txt"), "أحمد").unwrap();
    let target = dir.path().join("out-brat");
    let dialogs = ScriptedDialogs {
        export: Some(target.clone()),
        ..ScriptedDialogs::default()
    };
    let mut app = SanadApp::new(Box::new(dialogs));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    let doc = app.current().unwrap().document.id;
    app.run_command(Command::Apply(sanad::model::Action::AddAnnotation {
        id: None,
        document_id: doc,
        start: 0,
        end: 3,
        label: "PRISON".into(),
    }));
    app.run_command(Command::ChooseExport);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    // The window offers the formats; the choice and "Export…" go through the dialog trait.
    h.get_by_label("Export…").click();
    // The export runs in the background, its window animating a progress bar meanwhile.
    h.run_steps(3);
    h.state_mut().wait_for_export();
    h.run();
    let outcome = h.state().export_outcome().cloned().expect("an outcome");
    let summary = outcome.expect("the export succeeded");
    // JSONL is the default format: a file at the chosen path, both documents, one span.
    assert_eq!((summary.documents, summary.spans), (2, 1));
    assert_eq!(summary.written, vec![target.clone()]);
    let text = std::fs::read_to_string(&target).unwrap();
    assert_eq!(text.lines().count(), 2);
    // The same export in brat through the command the dialog sends.
    let brat = dir.path().join("brat");
    let request = sanad::export::Request {
        format: Some(Format::Brat),
        options: sanad::export::ExportOptions {
            scope: sanad::export::Scope::Document(doc),
            ..Default::default()
        },
        ..Default::default()
    };
    h.state_mut().run_command(Command::Export {
        path: brat.clone(),
        request,
    });
    h.state_mut().wait_for_export();
    let summary = h.state().export_outcome().cloned().unwrap().unwrap();
    assert_eq!((summary.documents, summary.spans), (1, 1));
    assert_eq!(
        std::fs::read_to_string(brat.join("a.ann")).unwrap(),
        "T1\tPRISON 0 3\tسجن\n"
    );
    assert!(
        h.state()
            .status()
            .contains("Exported 1 document(s), 1 span(s)")
    );
}
