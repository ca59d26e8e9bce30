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
    // The file, then its manifest beside it (issue 14).
    let manifest = sanad::export::manifest::beside(&target);
    assert_eq!(summary.written, vec![target.clone(), manifest]);
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
            .contains("Exported 1 document, 1 span as brat standoff (folder)")
    );
}

/// File dialogs that save each export under the name the window suggests, in one folder.
struct SuggestedNames(std::path::PathBuf);

impl sanad::ui::dialogs::FileDialogs for SuggestedNames {
    fn pick_folder(&self) -> Option<std::path::PathBuf> {
        None
    }
    fn pick_project(&self) -> Option<std::path::PathBuf> {
        None
    }
    fn save_export(&self, default_name: &str) -> Option<std::path::PathBuf> {
        Some(self.0.join(default_name))
    }
    fn pick_scheme(&self) -> Option<std::path::PathBuf> {
        None
    }
    fn save_scheme(&self, _: &str) -> Option<std::path::PathBuf> {
        None
    }
    fn save_project_copy(&self, _: &str) -> Option<std::path::PathBuf> {
        None
    }
}

/// Clicks "Export…", lets the background export end, and returns its summary.
fn export_through_the_window(h: &mut Harness<'_, SanadApp>) -> sanad::export::ExportSummary {
    h.get_by_label("Export…").click();
    h.run_steps(3);
    h.state_mut().wait_for_export();
    h.run();
    h.state()
        .export_outcome()
        .cloned()
        .expect("an outcome")
        .expect("the export succeeded")
}

#[test]
fn the_window_offers_every_format_and_exports_the_ticked_documents() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    // Three documents; spans "سجن" [0, 3) in a.txt and "أحمد" [0, 4) in b.txt; none in c.txt.
    std::fs::write(folder.join("a.txt"), "سجن صيدنايا").unwrap();
    std::fs::write(folder.join("b.txt"), "أحمد في حلب").unwrap();
    std::fs::write(folder.join("c.txt"), "دمشق").unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut app = SanadApp::new(Box::new(SuggestedNames(out.clone())));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    let id = |app: &SanadApp, path: &str| {
        app.documents()
            .iter()
            .find(|d| d.rel_path == path)
            .unwrap()
            .id
    };
    let (a, b) = (id(&app, "a.txt"), id(&app, "b.txt"));
    for (doc, end, label) in [(a, 3, "PRISON"), (b, 4, "PERSON")] {
        app.run_command(Command::Apply(sanad::model::Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: 0,
            end,
            label: label.into(),
        }));
    }
    app.run_command(Command::SelectDocument(a));
    app.run_command(Command::ChooseExport);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    // Every format of `sanad export` is in the list.
    h.get_by_label("Format").click();
    h.run();
    for f in Format::ALL {
        h.get_by_label(f.title());
    }
    // A file format: CSV with a byte-order mark, of the documents ticked (b.txt and c.txt).
    h.get_by_label(Format::Csv.title()).click();
    h.run();
    h.get_by_label("Offsets: code points");
    h.get_by_label("Start with a UTF-8 byte-order mark (Excel needs it to read Arabic)")
        .click();
    h.get_by_label("those ticked below").click();
    h.run();
    // The current document is ticked to begin with; untick it, tick the two others.
    h.get_by_label("Include a.txt").click();
    h.run();
    assert!(
        h.query_by_label("Tick at least one document below.")
            .is_some()
    );
    h.get_by_label("Include b.txt").click();
    h.get_by_label("Include c.txt").click();
    h.run();
    let summary = export_through_the_window(&mut h);
    assert_eq!((summary.documents, summary.spans), (2, 1));
    let csv_path = out.join("p.csv");
    assert_eq!(
        summary.written,
        vec![csv_path.clone(), out.join("p.csv.manifest.json")]
    );
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(rows[0].starts_with("document,label,text,"), "{text}");
    assert!(rows[1].starts_with("b.txt,PERSON,أحمد,,"), "{text}");
    // The summary: documents, spans, where written, warnings.
    h.get_by_label(&format!(
        "Exported 2 documents, 1 span as {} (code points).",
        Format::Csv.title()
    ));
    h.get_by_label(&format!("Written: {}", csv_path.display()));
    h.get_by_label("No warnings.");

    // A folder format: brat, of the whole project.
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label(Format::Brat.title()).click();
    h.get_by_label("the whole project").click();
    h.run();
    let summary = export_through_the_window(&mut h);
    assert_eq!((summary.documents, summary.spans), (3, 2));
    let brat = out.join("p-brat");
    assert_eq!(summary.written, vec![brat.clone()]);
    let read = |name: &str| std::fs::read_to_string(brat.join(name)).unwrap();
    assert_eq!(read("a.ann"), "T1\tPRISON 0 3\tسجن\n");
    assert_eq!(read("b.ann"), "T1\tPERSON 0 4\tأحمد\n");
    assert_eq!(read("c.ann"), "");
    assert_eq!(read("c.txt"), "دمشق");
    assert!(read("annotation.conf").contains("\nPERSON\n"));
}

#[test]
fn escape_closes_the_export_window() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "سجن صيدنايا").unwrap();
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    app.run_command(Command::ChooseExport);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    assert!(h.state().export_dialog().is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.state().export_dialog().is_none(),
        "Esc closes the export window"
    );
}

#[test]
fn the_window_pseudonymises_strips_notes_and_annotators() {
    // Issue 14 §2: the ticks make the same request as --pseudonymise PERSON --strip-notes
    // --strip-annotators. "أحمد" [0, 4) of "أحمد في حلب" is a PERSON with a note.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("b.txt"), "أحمد في حلب").unwrap();
    let target = dir.path().join("out.jsonl");
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
        end: 4,
        label: "PERSON".into(),
    }));
    app.run_command(Command::ChooseExport);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    h.get_by_label(
        "Pseudonymise: replace the names of these labels by pseudonyms (PERSON_007, شخص_٧)",
    )
    .click();
    h.run();
    h.get_by_label("Leave out notes (of spans and documents)")
        .click();
    h.run();
    h.get_by_label("Rename annotators annotator_1, annotator_2, …")
        .click();
    h.run();
    let summary = export_through_the_window(&mut h);
    assert_eq!((summary.documents, summary.spans), (1, 1));
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&target).unwrap().trim()).unwrap();
    // PERSON is ticked by default; an Arabic document gets the Arabic form.
    assert_eq!(line["text"], "شخص_١ في حلب");
    assert_eq!(line["spans"][0]["text"], "شخص_١");
    assert_eq!(
        (
            line["spans"][0]["start"].as_u64(),
            line["spans"][0]["end"].as_u64()
        ),
        (Some(0), Some(5))
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sanad::export::manifest::beside(&target)).unwrap())
            .unwrap();
    assert_eq!(manifest["annotators"], serde_json::json!(["annotator_1"]));
}
