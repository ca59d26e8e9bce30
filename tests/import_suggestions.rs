//! Importing annotations as suggestions (issue 11, "Pre-annotations from a model":
//! `sanad import PATH --as-suggestions [--source NAME]`): spans come in as suggestions with
//! their label and a source, not as annotations; documents are created or attached as in an
//! ordinary import; a suggestion identical to an annotation or a pending suggestion is not
//! added; relations, attributes and notes are reported by kind and count; one import is one
//! undo step; accepting works as for gazetteer suggestions.
//!
//! Expected values are counted by hand from the files written below (offsets worked out char
//! by char in the comments).

use sanad::interop::detect::ReadOptions;
use sanad::interop::{PlanOptions, read_path, run_import};
use sanad::model::Action;
use sanad::store::suggestions::SuggestionFilter;
use sanad::store::{NewDocument, Project};
use std::path::{Path, PathBuf};
use std::process::Command;

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

/// `😀 أحمد في سجن صيدنايا`: 😀 is char 0 (two UTF-16 units), a space, أحمد chars 2..6, a
/// space, في 7..9, a space, سجن صيدنايا 10..21. 21 chars, 22 UTF-16 units.
const TEXT: &str = "😀 أحمد في سجن صيدنايا";

/// A doccano line (UTF-16 offsets, so one more than chars after the emoji): PERSON أحمد [3, 7),
/// PRISON سجن صيدنايا [11, 22), the PERSON span once more (an identical duplicate), and a
/// held_in relation.
fn doccano_line() -> String {
    serde_json::json!({
        "text": TEXT,
        "entities": [
            {"id": 1, "start_offset": 3, "end_offset": 7, "label": "PERSON"},
            {"id": 2, "start_offset": 11, "end_offset": 22, "label": "PRISON"},
            {"id": 3, "start_offset": 3, "end_offset": 7, "label": "PERSON"}
        ],
        "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "held_in"}],
        "Comments": []
    })
    .to_string()
}

fn read(path: &Path) -> sanad::interop::ParsedCorpus {
    read_path(path, &ReadOptions::default())
        .unwrap()
        .expect("annotation files")
}

fn as_suggestions(source: &str) -> PlanOptions {
    PlanOptions {
        source: "test".into(),
        as_suggestions: Some(source.into()),
        ..PlanOptions::default()
    }
}

/// Every suggestion as (document path, start, end, label, name, source), sorted.
fn suggested(p: &Project) -> Vec<(String, usize, usize, String, String, String)> {
    let mut out: Vec<_> = p
        .suggestions(&SuggestionFilter::All)
        .unwrap()
        .into_iter()
        .map(|s| {
            (
                p.document(s.document_id).unwrap().rel_path,
                s.start,
                s.end,
                s.label,
                s.name,
                s.source,
            )
        })
        .collect();
    out.sort();
    out
}

fn annotated(p: &Project, doc: i64) -> Vec<(usize, usize, i64)> {
    p.annotations(doc)
        .unwrap()
        .into_iter()
        .map(|a| (a.start, a.end, a.label_id))
        .collect()
}

#[test]
fn spans_come_in_as_suggestions_deduplicated_reported_and_undone_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("model.jsonl");
    std::fs::write(&file, doccano_line() + "\n").unwrap();
    let mut p = Project::open_or_create(&dir.path().join("p.sanad")).unwrap();
    // The text is already in the project, with PRISON [10, 21) annotated by hand.
    let doc = p
        .add_documents(&[NewDocument::from_text("a.txt", TEXT)])
        .unwrap()[0];
    p.apply(&Action::AddAnnotation {
        id: None,
        document_id: doc,
        start: 10,
        end: 21,
        label: "PRISON".into(),
    })
    .unwrap();
    let before = p.dump().unwrap();
    let hand = annotated(&p, doc);

    let (report, applied) = run_import(&mut p, &read(&file), &as_suggestions("")).unwrap();
    let (_, applied) = applied.expect("something to add");
    // Only PERSON [2, 6) is new: PRISON is annotated already, the second PERSON a duplicate.
    assert_eq!(
        suggested(&p),
        vec![(
            "a.txt".into(),
            2,
            6,
            "PERSON".into(),
            "أحمد".into(),
            "import:doccano".into()
        )]
    );
    assert_eq!(annotated(&p, doc), hand, "no annotation was added");
    assert_eq!(report.as_suggestions.as_deref(), Some("import:doccano"));
    assert_eq!(report.suggestion_totals(), (1, 1, 0, 0));
    let f = &report.files[0];
    assert_eq!((f.documents_new, f.documents_existing), (0, 1));
    assert_eq!((f.spans, f.relations, f.merged), (0, 0, 1));
    let lines = report.lines();
    assert!(
        lines.iter().any(|l| l
            == "  not imported: 1 relation(s): a suggestion holds a span and its label only (--as-suggestions)"),
        "{lines:?}"
    );
    assert!(
        lines[0].starts_with(
            "doccano import as suggestions from import:doccano: 1 suggestion(s) in (1 already annotated, 0 already suggested, 0 rejected before: not added)"
        ),
        "{lines:?}"
    );

    // The same file again: PERSON is pending already, PRISON annotated: nothing to add.
    let (again, nothing) = run_import(&mut p, &read(&file), &as_suggestions("")).unwrap();
    assert!(nothing.is_none());
    // (Both PERSON entries match the pending one.)
    assert_eq!(again.suggestion_totals(), (0, 1, 2, 0));
    assert_eq!(suggested(&p).len(), 1);

    // Accepting it works as for a gazetteer's: an annotation PERSON [2, 6), no suggestion left.
    let id = p.suggestions(&SuggestionFilter::All).unwrap()[0].id;
    let accepted = p
        .apply(&Action::AcceptSuggestions { ids: vec![id] })
        .unwrap();
    let person = p
        .labels()
        .unwrap()
        .into_iter()
        .find(|l| l.name == "PERSON")
        .unwrap()
        .id;
    let mut want = hand.clone();
    want.push((2, 6, person));
    want.sort();
    let mut got = annotated(&p, doc);
    got.sort();
    assert_eq!(got, want);
    assert!(suggested(&p).is_empty());
    assert_eq!(
        p.replay_annotations().unwrap(),
        p.stored_annotations().unwrap(),
        "the audit trail knows the accepted annotation"
    );
    // Undo the accept, then the import: the project is as before the import.
    p.apply_tagged(&accepted.inverse, Some("undo")).unwrap();
    assert_eq!(suggested(&p).len(), 1);
    let state = p.dump().unwrap();
    let redo = p.apply_tagged(&applied.inverse, Some("undo")).unwrap();
    assert_eq!(p.dump().unwrap(), before);
    // Redo brings back the same row.
    p.apply_tagged(&redo.inverse, Some("redo")).unwrap();
    assert_eq!(p.dump().unwrap(), state);
}

#[test]
fn a_rejected_suggestion_is_not_brought_back_and_new_documents_go_with_the_undo() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("model.jsonl");
    std::fs::write(&file, doccano_line() + "\n").unwrap();
    let mut p = Project::open_or_create(&dir.path().join("p.sanad")).unwrap();
    let empty = p.dump().unwrap();
    let (report, applied) = run_import(&mut p, &read(&file), &as_suggestions("camel-ner")).unwrap();
    let (_, applied) = applied.unwrap();
    // A new document, with two suggestions (PERSON [2, 6), PRISON [10, 21)) named by --source.
    assert_eq!(report.files[0].documents_new, 1);
    let docs = p.document_summaries().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(p.document(docs[0].id).unwrap().text, TEXT);
    let got: Vec<_> = suggested(&p)
        .into_iter()
        .map(|s| (s.1, s.2, s.3, s.4, s.5))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, 6, "PERSON".into(), "أحمد".into(), "camel-ner".into()),
            (
                10,
                21,
                "PRISON".into(),
                "سجن صيدنايا".into(),
                "camel-ner".into()
            ),
        ]
    );
    assert!(p.annotations(docs[0].id).unwrap().is_empty());
    // Reject PRISON; a second import suggests nothing and says why.
    let prison = p
        .suggestions(&SuggestionFilter::All)
        .unwrap()
        .into_iter()
        .find(|s| s.label == "PRISON")
        .unwrap();
    let rejected = p
        .apply(&Action::RejectSuggestions {
            ids: vec![prison.id],
        })
        .unwrap();
    let (again, nothing) = run_import(&mut p, &read(&file), &as_suggestions("camel-ner")).unwrap();
    assert!(nothing.is_none());
    assert_eq!(again.suggestion_totals(), (0, 0, 2, 1));
    // Undo the rejection, then the import: no document, no suggestion left.
    p.apply_tagged(&rejected.inverse, Some("undo")).unwrap();
    p.apply_tagged(&applied.inverse, Some("undo")).unwrap();
    assert_eq!(p.dump().unwrap(), empty);
}

/// A project holding TEXT with PERSON [2, 6) (note "شاهد"), PRISON [10, 21), and held_in from
/// the first to the second.
fn seeded(dir: &Path) -> PathBuf {
    let path = dir.join("seeded.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    let doc = p
        .add_documents(&[NewDocument::from_text("a.txt", TEXT)])
        .unwrap()[0];
    let mut add = |start, end, label: &str| {
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: doc,
            start,
            end,
            label: label.into(),
        })
        .unwrap()
        .created
        .unwrap()
    };
    let (person, prison) = (add(2, 6, "PERSON"), add(10, 21, "PRISON"));
    p.apply(&Action::SetAnnotationNote {
        annotation_id: person,
        note: "شاهد".into(),
    })
    .unwrap();
    p.apply(&Action::AddRelation {
        id: None,
        head: person,
        child: prison,
        relation: "held_in".into(),
        created_at: None,
    })
    .unwrap();
    path
}

#[test]
fn every_format_imports_as_suggestions_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = seeded(dir.path());
    // (export format, file or folder written, import format name, holds the relation)
    let cases = [
        ("brat", "brat", "brat", true),
        ("doccano", "d.jsonl", "doccano", true),
        ("label-studio", "ls.json", "label-studio", true),
        ("webanno-tsv", "webanno", "webanno", true),
        ("conll", "c.conll", "conll", false),
        ("jsonl", "s.jsonl", "sanad", true),
    ];
    for (export, written, import, relation) in cases {
        let out = dir.path().join(written);
        let done = sanad()
            .args(["export"])
            .arg(&project)
            .args(["--format", export, "--output"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            done.status.success(),
            "{export}: {}",
            String::from_utf8_lossy(&done.stderr)
        );
        let target = dir.path().join(format!("{import}.sanad"));
        let run = sanad()
            .arg("import")
            .arg(&out)
            .arg("--project")
            .arg(&target)
            .arg("--as-suggestions")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success(),
            "{import}: {stdout}{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(
            stdout.contains(&format!(
                "{import} import as suggestions from import:{import}: 2 suggestion(s) in"
            )),
            "{import}: {stdout}"
        );
        assert_eq!(
            stdout.contains(
                "not imported: 1 relation(s): a suggestion holds a span and its label only"
            ),
            relation,
            "{import}: {stdout}"
        );
        let p = Project::open_existing(&target).unwrap();
        let got: Vec<_> = suggested(&p)
            .into_iter()
            .map(|s| (s.1, s.2, s.3, s.4, s.5))
            .collect();
        let source = format!("import:{import}");
        assert_eq!(
            got,
            vec![
                (2, 6, "PERSON".into(), "أحمد".into(), source.clone()),
                (10, 21, "PRISON".into(), "سجن صيدنايا".into(), source),
            ],
            "{import}"
        );
        for d in p.document_summaries().unwrap() {
            assert!(p.annotations(d.id).unwrap().is_empty(), "{import}");
            assert!(p.relations(d.id).unwrap().is_empty(), "{import}");
        }
    }
}

#[test]
fn brat_attributes_notes_and_relations_are_counted_and_source_names_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let brat = dir.path().join("b");
    std::fs::create_dir(&brat).unwrap();
    std::fs::write(brat.join("a.txt"), TEXT).unwrap();
    // brat counts code points: أحمد [2, 6), سجن صيدنايا [10, 21); T3 repeats T1.
    std::fs::write(
        brat.join("a.ann"),
        "T1\tPERSON 2 6\tأحمد\nT2\tPRISON 10 21\tسجن صيدنايا\nT3\tPERSON 2 6\tأحمد\n\
         R1\theld_in Arg1:T1 Arg2:T2\nA1\tNegated T1\n#1\tAnnotatorNotes T2\tمغلق\n",
    )
    .unwrap();
    let target = dir.path().join("p.sanad");
    let run = sanad()
        .arg("import")
        .arg(&brat)
        .arg("--project")
        .arg(&target)
        .args(["--as-suggestions", "--source", "camel-ner-v2"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}");
    let reason = "a suggestion holds a span and its label only (--as-suggestions)";
    for line in [
        "brat import as suggestions from camel-ner-v2: 2 suggestion(s) in (0 already annotated, 0 already suggested, 0 rejected before: not added); 1 new document(s), 0 already in the project".to_owned(),
        "a.ann: 2 suggestion(s); 1 identical duplicate(s) merged".to_owned(),
        format!("  not imported: 1 attribute(s): {reason}"),
        format!("  not imported: 1 note(s): {reason}"),
        format!("  not imported: 1 relation(s): {reason}"),
        "not imported in all: 1 attribute(s), 1 note(s), 1 relation(s)".to_owned(),
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line}\n{stdout}");
    }
    let p = Project::open_existing(&target).unwrap();
    let got: Vec<_> = suggested(&p).into_iter().map(|s| (s.1, s.2, s.5)).collect();
    assert_eq!(
        got,
        vec![
            (2, 6, "camel-ner-v2".into()),
            (10, 21, "camel-ner-v2".into())
        ]
    );
    // --source needs --as-suggestions.
    let run = sanad()
        .arg("import")
        .arg(&brat)
        .arg("--project")
        .arg(&target)
        .args(["--source", "x"])
        .output()
        .unwrap();
    assert!(!run.status.success());
}

#[test]
fn the_app_imports_as_suggestions_when_the_box_is_ticked_in_one_undo_step() {
    use sanad::ui::dialogs::ScriptedDialogs;
    use sanad::ui::{Command as UiCommand, SanadApp};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("model.jsonl");
    std::fs::write(&file, doccano_line() + "\n").unwrap();
    let project = dir.path().join("p.sanad");
    drop(Project::open_or_create(&project).unwrap());
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(UiCommand::OpenProject(project));
    assert!(!app.import_as_suggestions());
    app.run_command(UiCommand::SetImportAsSuggestions(true));
    app.run_command(UiCommand::ImportAnnotations(file));
    assert!(app.error().is_none(), "{:?}", app.error());
    let p = app.project().unwrap();
    let got: Vec<_> = suggested(p)
        .into_iter()
        .map(|s| (s.1, s.2, s.3, s.5))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, 6, "PERSON".into(), "import:doccano".into()),
            (10, 21, "PRISON".into(), "import:doccano".into()),
        ]
    );
    let (_, lines) = app.annotation_report().unwrap();
    assert!(
        lines.iter().any(|l| l
            == "  not imported: 1 relation(s): a suggestion holds a span and its label only (--as-suggestions)"),
        "{lines:?}"
    );
    assert_eq!(app.documents().len(), 1);
    app.run_command(UiCommand::Undo);
    assert!(suggested(app.project().unwrap()).is_empty());
    assert!(app.documents().is_empty(), "the document it made goes too");
    app.run_command(UiCommand::Redo);
    assert_eq!(suggested(app.project().unwrap()).len(), 2);
}
