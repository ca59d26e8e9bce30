//! Project integrity through the app (issue 7): exports from the GUI never over a project, a
//! second window is refused, the import report goes with its project, folders and empty files
//! get the CLI's messages, new spans lose edge spaces, a guessed encoding can be undone.

use sanad::model::Action;
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::{Command, SanadApp};

fn open_folder(files: &[(&str, &[u8])]) -> (tempfile::TempDir, SanadApp) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    for (name, bytes) in files {
        std::fs::write(folder.join(name), bytes).unwrap();
    }
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    assert!(app.current().is_some(), "{:?}", app.error());
    (dir, app)
}

fn spans(app: &SanadApp) -> Vec<(usize, usize)> {
    let doc = app.current().unwrap().document.id;
    app.project()
        .unwrap()
        .annotations(doc)
        .unwrap()
        .iter()
        .map(|a| (a.start, a.end))
        .collect()
}

#[test]
fn export_over_the_open_project_is_refused_and_the_project_still_opens() {
    let (dir, mut app) = open_folder(&[("a.txt", "سجن صيدنايا".as_bytes())]);
    let project = dir.path().join("p.sanad");
    app.run_command(Command::ExportJsonl(project.clone()));
    let err = app.error().unwrap_or_default().to_owned();
    assert!(err.contains("overwrite the project file"), "{err}");
    drop(app);
    let p = sanad::store::Project::open_existing(&project).unwrap();
    assert_eq!(p.document_summaries().unwrap().len(), 1);
}

#[test]
fn a_second_window_on_the_same_project_is_refused() {
    let (dir, first) = open_folder(&[("a.txt", "سجن صيدنايا".as_bytes())]);
    let mut second = SanadApp::new(Box::new(ScriptedDialogs::default()));
    second.run_command(Command::OpenProject(dir.path().join("p.sanad")));
    let err = second.error().unwrap_or_default().to_owned();
    assert!(
        err.contains("already open in another Sanad window"),
        "{err}"
    );
    assert!(second.project().is_none());
    drop(first);
    second.run_command(Command::OpenProject(dir.path().join("p.sanad")));
    assert!(second.project().is_some(), "{:?}", second.error());
}

#[test]
fn reopening_the_same_project_in_its_own_window_works() {
    let (dir, mut app) = open_folder(&[("a.txt", "سجن صيدنايا".as_bytes())]);
    app.run_command(Command::OpenProject(dir.path().join("p.sanad")));
    assert!(app.error().is_none(), "{:?}", app.error());
    assert!(app.project().is_some());
}

#[test]
fn the_import_report_goes_when_another_project_opens() {
    let (dir, mut app) = open_folder(&[("a.txt", "سجن صيدنايا".as_bytes()), ("b.txt", b"")]);
    assert!(app.report().is_some(), "the import shows its report");
    let other = dir.path().join("other.sanad");
    {
        let mut p = sanad::store::Project::open_or_create(&other).unwrap();
        p.add_documents(&[sanad::store::NewDocument::from_text("x.txt", "نص")])
            .unwrap();
    }
    app.run_command(Command::OpenProject(other));
    assert!(app.error().is_none(), "{:?}", app.error());
    assert!(
        app.report().is_none(),
        "no report of another project's import"
    );
}

#[test]
fn a_folder_named_like_a_project_and_an_empty_file_get_the_clis_messages() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("x.sanad");
    std::fs::create_dir(&folder).unwrap();
    let empty = dir.path().join("empty.sanad");
    std::fs::write(&empty, b"").unwrap();
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::OpenProject(folder.clone()));
    let gui_folder = app.error().unwrap_or_default().to_owned();
    assert!(gui_folder.contains("this is a folder"), "{gui_folder}");
    app.run_command(Command::OpenProject(empty.clone()));
    let gui_empty = app.error().unwrap_or_default().to_owned();
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_sanad"))
        .args(["export"])
        .arg(&empty)
        .output()
        .unwrap();
    let cli_empty = String::from_utf8_lossy(&cli.stderr);
    assert!(gui_empty.contains("the file is empty"), "{gui_empty}");
    assert!(
        cli_empty.contains(&gui_empty),
        "GUI: {gui_empty}\nCLI: {cli_empty}"
    );
    assert_eq!(std::fs::read(&empty).unwrap(), b"", "left untouched");
}

#[test]
fn a_new_span_loses_its_edge_spaces_unless_the_setting_keeps_them() {
    // "في المعتقل اليوم": "المعتقل" is chars [3, 10); the selection takes the space after it.
    let (_dir, mut app) = open_folder(&[("a.txt", "في المعتقل اليوم".as_bytes())]);
    app.view.selection = Some(3..11);
    app.run_command(Command::UseLabel("PRISON".into()));
    assert_eq!(spans(&app), vec![(3, 10)]);
    app.view.selection = Some(2..3);
    app.run_command(Command::UseLabel("CLAIM".into()));
    assert_eq!(spans(&app), vec![(3, 10)], "a lone space is not labelled");
    app.run_command(Command::SetKeepEdgeSpaces(true));
    app.view.selection = Some(10..16);
    app.run_command(Command::UseLabel("CLAIM".into()));
    assert_eq!(spans(&app), vec![(3, 10), (10, 16)]);
}

#[test]
fn a_guessed_encoding_is_shown_and_decoding_again_is_undoable_and_refused_once_annotated() {
    // "حلب" in Windows-1256 is three bytes that chardetng alone takes for Western text.
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("حلب");
    let (bytes2, _, _) = encoding_rs::ISO_8859_6.encode("حلب");
    let (_dir, mut app) = open_folder(&[("a.txt", &bytes), ("b.txt", &bytes2)]);
    let doc = app.current().unwrap().document.clone();
    assert_eq!(doc.text, "حلب");
    assert!(doc.encoding_guessed, "three bytes are little evidence");
    // b.txt really is ISO-8859-6; with so little evidence it comes in as Windows-1256, wrong.
    let b = app
        .documents()
        .iter()
        .find(|d| d.name == "b.txt")
        .unwrap()
        .id;
    app.run_command(Command::SelectDocument(b));
    assert_ne!(app.current().unwrap().document.text, "حلب");
    app.run_command(Command::Redecode("ISO-8859-6".into()));
    assert!(app.error().is_none(), "{:?}", app.error());
    let now = app.current().unwrap().document.clone();
    assert_eq!(
        (now.text.as_str(), now.encoding.as_str()),
        ("حلب", "ISO-8859-6")
    );
    assert!(!now.encoding_guessed);
    app.run_command(Command::Undo);
    assert_eq!(app.current().unwrap().document.encoding, "windows-1256");
    app.run_command(Command::Redo);
    assert_eq!(app.current().unwrap().document.text, "حلب");
    app.run_command(Command::Apply(Action::AddAnnotation {
        id: None,
        document_id: b,
        start: 0,
        end: 3,
        label: "PRISON".into(),
    }));
    app.run_command(Command::Redecode("windows-1256".into()));
    let err = app.error().unwrap_or_default().to_owned();
    assert!(err.contains("1 annotation"), "{err}");
    assert_eq!(app.current().unwrap().document.text, "حلب");
}
