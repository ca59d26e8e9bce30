//! Bringing annotations made elsewhere into a project (issue 11): brat, doccano, Label Studio,
//! Sanad JSONL; label mapping; duplicates; one transaction and one undo step.
//!
//! Expected numbers and offsets are written by hand from the source files (counted with awk,
//! offsets worked out char by char in the comments), never taken from the code under test.

use sanad::interop::detect::ReadOptions;
use sanad::interop::{Format, OffsetUnit, PlanOptions, read_path, run_import};
use sanad::model::Action;
use sanad::store::{NewDocument, Project};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(p)
}

/// Every span of the project as (document path, start, end, label, text), sorted.
fn all_spans(p: &Project) -> Vec<(String, usize, usize, String, String)> {
    let labels: HashMap<i64, String> = p
        .labels()
        .unwrap()
        .into_iter()
        .map(|l| (l.id, l.name))
        .collect();
    let mut out = Vec::new();
    for d in p.document_summaries().unwrap() {
        let doc = p.document(d.id).unwrap();
        for a in p.annotations(d.id).unwrap() {
            let text: String = doc
                .text
                .chars()
                .skip(a.start)
                .take(a.end - a.start)
                .collect();
            out.push((
                doc.rel_path.clone(),
                a.start,
                a.end,
                labels[&a.label_id].clone(),
                text,
            ));
        }
    }
    out.sort();
    out
}

fn count_rows(p: &Project) -> (usize, usize, usize, usize) {
    let (mut spans, mut relations, mut attributes, mut notes) = (0, 0, 0, 0);
    for d in p.document_summaries().unwrap() {
        let anns = p.annotations(d.id).unwrap();
        spans += anns.len();
        notes += anns.iter().filter(|a| !a.note.is_empty()).count();
        relations += p.relations(d.id).unwrap().len();
        attributes += p.document_attributes(d.id).unwrap().len();
    }
    (spans, relations, attributes, notes)
}

fn read(path: &Path, format: Option<Format>, unit: OffsetUnit) -> sanad::interop::ParsedCorpus {
    read_path(
        path,
        &ReadOptions {
            format,
            unit,
            encoding: None,
        },
    )
    .unwrap()
    .expect("annotation files")
}

#[test]
fn brat_news_comes_in_exactly_and_reports_what_it_cannot_hold() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("b.sanad");
    let out = sanad()
        .arg("import")
        .arg(data("brat-news"))
        .arg("--project")
        .arg(&project)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{stdout}");
    // Counted with awk over ../shared/data/brat-news/*.ann: 119 T, 8 R, 11 A, 4 # lines.
    assert!(
        stdout.contains("brat import: 119 span(s), 8 relation(s), 11 attribute(s), 4 note(s) in; 13 new document(s)"),
        "{stdout}"
    );
    // 23 E, 2 *, 1 N lines.
    assert!(
        stdout.contains("not imported in all: 2 equivalence(s), 23 event(s), 1 normalization(s)"),
        "{stdout}"
    );
    // A new project: the default scheme's PERSON takes brat's spelling (nothing is annotated
    // yet), so an export to brat gives back the same labels (tests/brat_round_trip.rs).
    assert!(
        stdout.contains(
            "renamed label PERSON to Person, as the source names it (the project had no annotations yet)"
        ),
        "{stdout}"
    );

    let p = Project::open_existing(&project).unwrap();
    assert_eq!(count_rows(&p), (119, 8, 11, 4));
    assert_eq!(p.document_summaries().unwrap().len(), 13);

    // Every T line, read here with a plain split, is a span at its offsets whose text is the
    // .ann's text column.
    let spans = all_spans(&p);
    let rename = |l: &str| l.to_owned();
    let mut checked = 0;
    for entry in std::fs::read_dir(data("brat-news")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ann") {
            continue;
        }
        let txt = format!("{}.txt", path.file_stem().unwrap().to_string_lossy());
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if !line.starts_with('T') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let body: Vec<&str> = cols[1].split(' ').collect();
            let want = (
                txt.clone(),
                body[1].parse::<usize>().unwrap(),
                body[2].parse::<usize>().unwrap(),
                rename(body[0]),
                cols[2].to_owned(),
            );
            assert!(spans.contains(&want), "{want:?} missing");
            checked += 1;
        }
    }
    assert_eq!(checked, 119);

    // Notes, attributes and relations, by hand from 000-introduction.ann and 110-note_annotation.ann.
    let doc_of = |name: &str| p.document_by_path(name).unwrap().unwrap().0;
    let intro = doc_of("000-introduction.txt");
    let anns = p.annotations(intro).unwrap();
    let at = |s: usize, e: usize| anns.iter().find(|a| a.start == s && a.end == e).unwrap();
    assert_eq!(at(456, 468).note, "100000000 USD", "#1 AnnotatorNotes T2");
    assert_eq!(
        p.attributes(at(473, 496).id).unwrap(),
        vec![
            ("Individual".into(), "true".into()),
            ("Mention".into(), "Name".into())
        ],
        "A1, A2 on T4 (Raul Salinas de Gortari)"
    );
    assert_eq!(
        p.attributes(at(443, 449).id).unwrap(),
        vec![("Confidence".into(), "High".into())],
        "A5 on event E1 goes on its trigger T3 (moving)"
    );
    let rels: Vec<String> = p
        .relations(intro)
        .unwrap()
        .into_iter()
        .map(|r| r.relation)
        .collect();
    assert_eq!(rels, vec!["Origin", "Family"]);
    let notes = doc_of("110-note_annotation.txt");
    let anns = p.annotations(notes).unwrap();
    let orville = anns
        .iter()
        .find(|a| a.start == 520 && a.end == 534)
        .unwrap();
    assert_eq!(
        orville.note,
        "[Family → «Wilbur Wright»] Should this be marked? It's not explicitly stated.",
        "#3 on relation R1 goes on its head"
    );
    let merged = anns
        .iter()
        .find(|a| a.start == 495 && a.end == 501)
        .unwrap();
    assert!(
        merged.note.starts_with("Annotate as one merge event"),
        "#2 on E1 goes on trigger T5"
    );

    // Importing the same folder again brings nothing new: same texts, identical annotations.
    let again = sanad()
        .arg("import")
        .arg(data("brat-news"))
        .arg("--project")
        .arg(&project)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success(), "{stdout}");
    assert!(stdout.contains("brat import: 0 span(s), 0 relation(s), 0 attribute(s), 0 note(s) in; 0 new document(s), 13 already in the project"), "{stdout}");
    let p = Project::open_existing(&project).unwrap();
    assert_eq!(count_rows(&p), (119, 8, 11, 4));
    assert!(p.integrity_problems().unwrap().is_empty());
    assert_eq!(
        p.replay_annotations().unwrap(),
        p.stored_annotations().unwrap()
    );
}

#[test]
fn an_import_is_one_undo_step_and_redo_brings_back_the_same_ids() {
    let mut p = Project::in_memory().unwrap();
    let before = p.dump().unwrap();
    let audit_before = p.audit_len().unwrap();
    let corpus = read(&data("brat-news"), None, OffsetUnit::Utf16);
    let (_, applied) = run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    let (_, applied) = applied.unwrap();
    let after = p.dump().unwrap();
    assert_eq!(count_rows(&p), (119, 8, 11, 4));
    // 119 per-span rows, one summary row, and two label renames (PERSON → Person,
    // ORGANIZATION → Organization: the project held no annotations yet).
    assert_eq!(p.audit_len().unwrap() - audit_before, 122);
    let undone = p.apply_tagged(&applied.inverse, Some("undo")).unwrap();
    assert_eq!(
        p.dump().unwrap(),
        before,
        "one undo takes back documents, spans and scheme additions"
    );
    assert_eq!(
        p.replay_annotations().unwrap(),
        p.stored_annotations().unwrap()
    );
    p.apply_tagged(&undone.inverse, Some("redo")).unwrap();
    assert_eq!(
        p.dump().unwrap(),
        after,
        "redo restores the same rows and ids"
    );
    assert_eq!(
        p.replay_annotations().unwrap(),
        p.stored_annotations().unwrap()
    );
}

#[test]
fn discontinuous_brat_spans_come_in_as_parts_linked_by_fragment() {
    let dir = tempfile::tempdir().unwrap();
    // "في سجن حلب المركزي": chars 0-1 في, 3-5 سجن, 7-9 حلب, 11-17 المركزي.
    std::fs::write(dir.path().join("a.txt"), "في سجن حلب المركزي").unwrap();
    std::fs::write(
        dir.path().join("a.ann"),
        "T1\tPRISON 3 6;11 18\tسجن المركزي\n",
    )
    .unwrap();
    let mut p = Project::in_memory().unwrap();
    let corpus = read(dir.path(), None, OffsetUnit::Utf16);
    let (report, _) = run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    assert!(
        report
            .notices
            .iter()
            .any(|n| n.contains("added relation type fragment")),
        "{report:?}"
    );
    let doc = p.document_summaries().unwrap()[0].id;
    let got: Vec<(usize, usize)> = p
        .annotations(doc)
        .unwrap()
        .iter()
        .map(|a| (a.start, a.end))
        .collect();
    assert_eq!(got, vec![(3, 6), (11, 18)]);
    let rel = &p.relations(doc).unwrap()[0];
    assert_eq!(rel.relation, "fragment");
}

#[test]
fn unknown_labels_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("d.sanad");
    let file = data("doccano/relation_extraction.jsonl");
    let out = sanad()
        .arg("import")
        .arg(&file)
        .arg("--project")
        .arg(&project)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("labels: DATE, ORG;"), "{stderr}");
    assert!(
        stderr.contains("relations: relation type foundedAt, relation type foundedBy;"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--map SOURCE=TARGET")
            && stderr.contains("--add-labels")
            && stderr.contains("--drop-unknown"),
        "{stderr}"
    );
    assert!(
        !project.exists(),
        "a refused import into a new project leaves no file"
    );

    // An existing project is left byte for byte as it was.
    drop(Project::open_or_create(&project).unwrap());
    let bytes = std::fs::read(&project).unwrap();
    let out = sanad()
        .arg("import")
        .arg(&file)
        .arg("--project")
        .arg(&project)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(std::fs::read(&project).unwrap(), bytes);

    // --drop-unknown: the two PERSON spans come in, the rest is counted.
    let out = sanad()
        .arg("import")
        .arg(&file)
        .args(["--drop-unknown", "--project"])
        .arg(&project)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("2 span(s), 0 relation(s)"), "{stdout}");
    assert!(
        stdout.contains("not imported: 3 relation(s): one of its spans did not come in"),
        "{stdout}"
    );

    // --map and --add-labels into another project: ORG is ORGANIZATION, DATE is added.
    let other = dir.path().join("e.sanad");
    let out = sanad()
        .arg("import")
        .arg(&file)
        .args(["--map", "ORG=ORGANIZATION", "--add-labels", "--project"])
        .arg(&other)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = Project::open_existing(&other).unwrap();
    // "Google was founded on September 4, 1998, by Larry Page and Sergey Brin." (ASCII).
    assert_eq!(
        all_spans(&p)
            .into_iter()
            .map(|s| (s.1, s.2, s.3, s.4))
            .collect::<Vec<_>>(),
        vec![
            (0, 6, "ORGANIZATION".into(), "Google".into()),
            (22, 39, "DATE".into(), "September 4, 1998".into()),
            (44, 54, "PERSON".into(), "Larry Page".into()),
            (59, 70, "PERSON".into(), "Sergey Brin".into()),
        ]
    );
    let doc = p.document_summaries().unwrap()[0].id;
    let rels: Vec<String> = p
        .relations(doc)
        .unwrap()
        .into_iter()
        .map(|r| r.relation)
        .collect();
    assert_eq!(rels, vec!["foundedAt", "foundedBy", "foundedBy"]);
}

#[test]
fn doccano_sequence_labelling_with_custom_columns() {
    let mut p = Project::in_memory().unwrap();
    let corpus = read(
        &data("doccano/sequence_labeling.jsonl"),
        None,
        OffsetUnit::Utf16,
    );
    assert_eq!(corpus.format, Format::Doccano);
    let options = PlanOptions {
        map: vec![("ORG".into(), "ORGANIZATION".into())],
        ..PlanOptions::default()
    };
    let (report, _) = run_import(&mut p, &corpus, &options).unwrap();
    assert_eq!(report.totals(), (3, 0, 0, 0));
    let got: Vec<(usize, usize, String, String)> = all_spans(&p)
        .into_iter()
        .map(|s| (s.1, s.2, s.3, s.4))
        .collect();
    assert_eq!(
        got,
        vec![
            (0, 2, "ORGANIZATION".into(), "EU".into()),
            (0, 15, "PERSON".into(), "Peter Blackburn".into()),
            (10, 15, "PERSON".into(), "Obama".into()),
        ]
    );
}

/// "👍🏽 اعتقل في سجن صيدنايا": 👍 U+1F44D and 🏽 U+1F3FD are two code points, four UTF-16
/// units, one grapheme. Chars: 0 👍, 1 🏽, 2 space, 3-7 اعتقل, 8 space, 9-10 في, 11 space,
/// 12-14 سجن, 15 space, 16-22 صيدنايا. So "سجن صيدنايا" is chars [12, 23), UTF-16 [14, 25),
/// graphemes [11, 22).
const EMOJI_TEXT: &str = "👍🏽 اعتقل في سجن صيدنايا";

#[test]
fn doccano_offsets_in_each_unit_land_on_the_same_chars() {
    let dir = tempfile::tempdir().unwrap();
    for (unit, start, end) in [
        (OffsetUnit::Utf16, 14, 25),
        (OffsetUnit::Codepoint, 12, 23),
        (OffsetUnit::Grapheme, 11, 22),
    ] {
        let file = dir.path().join(format!("{}.jsonl", unit.as_str()));
        let line = serde_json::json!({ "text": EMOJI_TEXT, "label": [[start, end, "PRISON"]] });
        std::fs::write(&file, format!("{line}\n")).unwrap();
        let mut p = Project::in_memory().unwrap();
        let corpus = read(&file, Some(Format::Doccano), unit);
        let (report, _) = run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
        assert!(
            report.files[0].warnings.is_empty(),
            "{:?}",
            report.files[0].warnings
        );
        let got: Vec<(usize, usize, String)> =
            all_spans(&p).into_iter().map(|s| (s.1, s.2, s.4)).collect();
        assert_eq!(
            got,
            vec![(12, 23, "سجن صيدنايا".to_owned())],
            "{}",
            unit.as_str()
        );
    }
    // The command line's default is UTF-16.
    let project = dir.path().join("cli.sanad");
    let out = sanad()
        .arg("import")
        .arg(dir.path().join("utf16.jsonl"))
        .arg("--project")
        .arg(&project)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = Project::open_existing(&project).unwrap();
    assert_eq!(all_spans(&p)[0].4, "سجن صيدنايا");
}

#[test]
fn doccano_spans_inside_a_surrogate_pair_or_a_grapheme_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cut.jsonl");
    // UTF-16 [1, 2) starts inside 👍's surrogate pair and ends inside it too: widened to char
    // [0, 1), which cuts 👍 from its skin-tone modifier (one grapheme, chars [0, 2)).
    let line =
        serde_json::json!({ "text": EMOJI_TEXT, "label": [[1, 2, "PERSON"], [14, 25, "PRISON"]] });
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let mut p = Project::in_memory().unwrap();
    let corpus = read(&file, None, OffsetUnit::Utf16);
    let (report, _) = run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    let w = &report.files[0].warnings;
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].contains("inside a surrogate pair") && w[0].contains("chars [0, 1)"),
        "{w:?}"
    );
    assert!(w[1].contains("inside a grapheme cluster"), "{w:?}");
    let got: Vec<(usize, usize)> = all_spans(&p).into_iter().map(|s| (s.1, s.2)).collect();
    assert_eq!(got, vec![(0, 1), (12, 23)]);
}

#[test]
fn duplicates_merge_and_conflicts_are_kept_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dup.jsonl");
    // "سجن صيدنايا": chars [0, 11). Twice PRISON (merged), once ORGANIZATION (conflict, kept).
    let line = serde_json::json!({ "text": "سجن صيدنايا", "label": [[0, 11, "PRISON"], [0, 11, "PRISON"], [0, 11, "ORGANIZATION"]] });
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let mut p = Project::in_memory().unwrap();
    let corpus = read(&file, None, OffsetUnit::Codepoint);
    let (report, _) = run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    let f = &report.files[0];
    assert_eq!((f.spans, f.merged, f.conflicts.len()), (2, 1, 1), "{f:?}");
    assert!(
        f.conflicts[0].contains("labelled ORGANIZATION here and PRISON already"),
        "{:?}",
        f.conflicts
    );
    // The same text again: attaches to that document, everything merges.
    let (report, applied) = run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    assert_eq!(
        (
            report.files[0].documents_existing,
            report.files[0].spans,
            report.files[0].merged
        ),
        (1, 0, 3)
    );
    assert!(applied.is_none(), "nothing to write");
    assert_eq!(count_rows(&p).0, 2);
}

#[test]
fn annotations_for_a_text_already_in_the_project_attach_to_it() {
    let mut p = Project::in_memory().unwrap();
    let id = p
        .add_documents(&[NewDocument::from_text("seed/a.txt", "سجن صيدنايا")])
        .unwrap()[0];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.jsonl");
    std::fs::write(
        &file,
        "{\"text\": \"سجن صيدنايا\", \"label\": [[0, 11, \"PRISON\"]]}\n",
    )
    .unwrap();
    let corpus = read(&file, None, OffsetUnit::Utf16);
    run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    assert_eq!(p.document_summaries().unwrap().len(), 1);
    assert_eq!(p.annotations(id).unwrap().len(), 1);
}

#[test]
fn label_studio_spans_are_read_in_the_unit_their_text_matches() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.json");
    // Task 1, in code points: "😀 أحمد زيدان في سجن صيدنايا": 0 😀, 1 space, 2-5 أحمد, 6 space,
    // 7-11 زيدان, 12 space, 13-14 في, 15 space, 16-18 سجن, 19 space, 20-26 صيدنايا.
    // "أحمد زيدان" is [2, 12), "سجن صيدنايا" [16, 27).
    // Task 2, in UTF-16: "🙂 سجن صيدنايا": "سجن صيدنايا" is chars [2, 13), UTF-16 [3, 14).
    // Task 3: a span whose text matches neither unit is refused.
    let tasks = serde_json::json!([
        { "id": 1, "data": { "text": "😀 أحمد زيدان في سجن صيدنايا" }, "annotations": [{ "result": [
            { "id": "a", "type": "labels", "from_name": "label", "to_name": "text",
              "value": { "start": 2, "end": 12, "text": "أحمد زيدان", "labels": ["PERSON"] } },
            { "id": "b", "type": "labels", "from_name": "label", "to_name": "text",
              "value": { "start": 16, "end": 27, "text": "سجن صيدنايا", "labels": ["PRISON"] } },
            { "type": "relation", "from_id": "a", "to_id": "b", "direction": "right", "labels": ["held_in"] },
            { "id": "c", "type": "choices", "value": { "choices": ["relevant"] } }
        ]}]},
        { "id": 2, "data": { "text": "🙂 سجن صيدنايا" }, "annotations": [{ "result": [
            { "id": "d", "type": "labels", "value": { "start": 3, "end": 14, "text": "سجن صيدنايا", "labels": ["PRISON"] } }
        ]}]},
        { "id": 3, "data": { "text": "نص آخر" }, "annotations": [{ "result": [
            { "id": "e", "type": "labels", "value": { "start": 0, "end": 2, "text": "غير", "labels": ["PRISON"] } }
        ]}]}
    ]);
    std::fs::write(&file, tasks.to_string()).unwrap();
    let mut p = Project::in_memory().unwrap();
    let corpus = read(&file, None, OffsetUnit::Utf16);
    assert_eq!(corpus.format, Format::LabelStudio);
    let (report, _) = run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    let got: Vec<(String, usize, usize, String)> = all_spans(&p)
        .into_iter()
        .map(|s| (s.0, s.1, s.2, s.4))
        .collect();
    assert_eq!(
        got,
        vec![
            ("export.json#1".into(), 2, 12, "أحمد زيدان".into()),
            ("export.json#1".into(), 16, 27, "سجن صيدنايا".into()),
            ("export.json#2".into(), 2, 13, "سجن صيدنايا".into()),
        ]
    );
    let doc = p.document_by_path("export.json#1").unwrap().unwrap().0;
    assert_eq!(p.relations(doc).unwrap()[0].relation, "held_in");
    let not_in = report.not_imported();
    assert_eq!(
        not_in.get(&(
            "span".into(),
            "its text matches the document neither in code points nor in UTF-16 units".into()
        )),
        Some(&1)
    );
    assert_eq!(
        not_in.get(&(
            "choices".into(),
            "this region type is not held by Sanad".into()
        )),
        Some(&1)
    );
}

#[test]
fn sanad_jsonl_round_trips_byte_for_byte() {
    let mut seed = Project::in_memory().unwrap();
    let texts = [
        (
            "reports/a.txt",
            "قالت منظمة العفو الدولية إن أحمد زيدان اعتقل في سجن صيدنايا",
        ),
        ("reports/b.txt", "أحمد زيدان 😀 أفرج عنه\n"),
    ];
    let ids = seed
        .add_documents(
            &texts
                .iter()
                .map(|(p, t)| NewDocument::from_text(p, t))
                .collect::<Vec<_>>(),
        )
        .unwrap();
    let add = |p: &mut Project, doc, s, e, l: &str| {
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: s,
            end: e,
            label: l.into(),
        })
        .unwrap()
        .created
        .unwrap()
    };
    // Doc a: CLAIM [28, 59) holds PERSON [28, 38) and PRISON [48, 59) (nested); ORGANIZATION [5, 24).
    let claim = add(&mut seed, ids[0], 28, 59, "CLAIM");
    let person = add(&mut seed, ids[0], 28, 38, "PERSON");
    let prison = add(&mut seed, ids[0], 48, 59, "PRISON");
    let org = add(&mut seed, ids[0], 5, 24, "ORGANIZATION");
    let person_b = add(&mut seed, ids[1], 0, 10, "PERSON");
    for (head, child, relation) in [(claim, org, "attributed_to"), (person, prison, "held_in")] {
        seed.apply(&Action::AddRelation {
            id: None,
            head,
            child,
            relation: relation.into(),
            created_at: None,
        })
        .unwrap();
    }
    for (a, name, value) in [
        (claim, "kind", "allegation"),
        (claim, "certainty", "reported"),
        (person, "role", "detainee"),
    ] {
        seed.apply(&Action::SetAttribute {
            annotation_id: a,
            name: name.into(),
            value: Some(value.into()),
            restore: false,
        })
        .unwrap();
    }
    seed.apply(&Action::SetAnnotationNote {
        annotation_id: claim,
        note: "من تقرير ٢٠١٧".into(),
    })
    .unwrap();
    seed.apply(&Action::SetDocumentNote {
        document_id: ids[0],
        note: "راجعه فريق التوثيق".into(),
    })
    .unwrap();
    seed.apply(&Action::SetStatus {
        document_id: ids[0],
        status: sanad::model::DocumentStatus::Done,
    })
    .unwrap();
    let entity = seed
        .apply(&Action::CreateEntity {
            id: None,
            name: "أحمد زيدان".into(),
            kind: "PERSON".into(),
            aliases: vec!["Ahmad Zaidan".into()],
            created_at: None,
        })
        .unwrap()
        .created
        .unwrap();
    for a in [person, person_b] {
        seed.apply(&Action::LinkEntity {
            annotation_id: a,
            entity_id: Some(entity),
        })
        .unwrap();
    }
    let mut first = Vec::new();
    sanad::export::write_jsonl(&seed, Default::default(), &mut first).unwrap();
    // The seed holds what the round trip must carry (checked on the text, not by the importer).
    let exported = String::from_utf8(first.clone()).unwrap();
    for piece in [
        r#""status":"done""#,
        r#""notes":"راجعه فريق التوثيق""#,
        r#""aliases":["Ahmad Zaidan"]"#,
        r#""attributes":{"certainty":"reported","kind":"allegation"}"#,
        r#""note":"من تقرير ٢٠١٧""#,
        r#""label":"held_in""#,
    ] {
        assert!(exported.contains(piece), "{piece} not in {exported}");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.jsonl");
    std::fs::write(&file, &first).unwrap();

    let mut fresh = Project::in_memory().unwrap();
    let corpus = read(&file, None, OffsetUnit::Utf16);
    assert_eq!(corpus.format, Format::SanadJsonl);
    let (report, _) = run_import(&mut fresh, &corpus, &PlanOptions::default()).unwrap();
    // 5 spans, 2 relations, 3 attributes, 1 span note + 1 document note.
    assert_eq!(report.totals(), (5, 2, 3, 2));
    let mut second = Vec::new();
    sanad::export::write_jsonl(&fresh, Default::default(), &mut second).unwrap();
    assert_eq!(
        String::from_utf8(second).unwrap(),
        String::from_utf8(first).unwrap()
    );
}

#[test]
fn each_webanno_reference_file_imports_with_the_spans_and_relation_it_is_named_for() {
    // (file, text rebuilt from its #Text= lines, spans as (start, end, label, text) in chars,
    // relations as (head text, child text, type), identical duplicates merged). Worked out by
    // hand from the files: offsets there are UTF-16 units, so the emoji's 10-12 is char 10.
    type Case = (
        &'static str,
        &'static str,
        Vec<(usize, usize, &'static str, &'static str)>,
        Vec<(&'static str, &'static str, &'static str)>,
        usize,
    );
    let cases: Vec<Case> = vec![
        (
            "cross_sentence_span.tsv",
            "He loves her .\nShe loves him not .",
            vec![(0, 34, "PERSON", "He loves her .\nShe loves him not .")],
            vec![],
            0,
        ),
        (
            "multi_token_span_with_value.tsv",
            "This is a test .",
            vec![(0, 16, "PERSON", "This is a test .")],
            vec![],
            0,
        ),
        // Two stacked annotations without a value on the same tokens: the same span and label in
        // Sanad, so the second merges into the first.
        (
            "multi_token_stacked_span.tsv",
            "This is a test .",
            vec![(0, 16, "Span", "This is a test .")],
            vec![],
            1,
        ),
        (
            "sentence_with_emoji.tsv",
            "I like it 😊 .",
            vec![(10, 11, "Span", "😊")],
            vec![],
            0,
        ),
        (
            "sentence_with_line_break.tsv",
            "This is\na test .",
            vec![(0, 4, "Span", "This")],
            vec![],
            0,
        ),
        (
            "single_token_relation.tsv",
            "This is a test .",
            vec![(0, 4, "Token", "This"), (15, 16, "Token", ".")],
            vec![("This", ".", "nsubj")],
            0,
        ),
        // Both sub-token rows (1-1.1 "his" at 1-4, 1-2.1 "i" at 5-6) carry `*[1]`: one span that
        // starts inside the first token and ends inside the second.
        (
            "sub_token_span.tsv",
            "This is a test .",
            vec![(1, 6, "Span", "his i")],
            vec![],
            0,
        ),
    ];
    for (name, text, spans, relations, merged) in cases {
        let corpus = read(
            &data(&format!("webanno-tsv/{name}")),
            None,
            OffsetUnit::Utf16,
        );
        assert_eq!(corpus.format, Format::WebAnno);
        let mut p = Project::in_memory().unwrap();
        let options = PlanOptions {
            add_labels: true,
            ..PlanOptions::default()
        };
        let (report, _) = run_import(&mut p, &corpus, &options).unwrap();
        assert_eq!(report.files[0].merged, merged, "{name}");
        let doc = p.document_summaries().unwrap()[0].id;
        assert_eq!(p.document(doc).unwrap().text, text, "{name}");
        let got: Vec<(usize, usize, String, String)> = all_spans(&p)
            .into_iter()
            .map(|s| (s.1, s.2, s.3, s.4))
            .collect();
        let want: Vec<(usize, usize, String, String)> = spans
            .iter()
            .map(|s| (s.0, s.1, s.2.to_owned(), s.3.to_owned()))
            .collect();
        assert_eq!(got, want, "{name}");
        let anns = p.annotations(doc).unwrap();
        let text_of = |id: i64| {
            let a = anns.iter().find(|a| a.id == id).unwrap();
            text.chars()
                .skip(a.start)
                .take(a.end - a.start)
                .collect::<String>()
        };
        let got: Vec<(String, String, String)> = p
            .relations(doc)
            .unwrap()
            .into_iter()
            .map(|r| (text_of(r.head), text_of(r.child), r.relation))
            .collect();
        let want: Vec<(String, String, String)> = relations
            .iter()
            .map(|r| (r.0.into(), r.1.into(), r.2.into()))
            .collect();
        assert_eq!(got, want, "{name}");
        if name == "single_token_relation.tsv" {
            let left_out = report.not_imported();
            assert_eq!(
                left_out.values().sum::<usize>(),
                2,
                "boolValue and integerValue: {left_out:?}"
            );
        }
    }
}

const CONLL: &str = "اعتقل\tO\nأحمد\tB-PERSON\nزيدان\tE-PERSON\nفي\tO\nسجن\tB-PRISON\nصيدنايا\tE-PRISON\n.\tO\n\nزارته\tO\nاللجنة\tB-ORGANIZATION\nالدولية\tI-ORGANIZATION\nللصليب\tI-ORGANIZATION\nالأحمر\tE-ORGANIZATION\n";

#[test]
fn conll_text_is_rebuilt_with_single_spaces() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.conll"), CONLL).unwrap();
    let mut p = Project::in_memory().unwrap();
    let corpus = read(dir.path(), None, OffsetUnit::Utf16);
    assert_eq!(corpus.format, Format::Conll);
    run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    // Rebuilt: اعتقل 0-5, أحمد 6-10, زيدان 11-16, في 17-19, سجن 20-23, صيدنايا 24-31, "." 32-33,
    // line break 33, زارته 34-39, اللجنة 40-46, الدولية 47-54, للصليب 55-61, الأحمر 62-68.
    let doc = p.document_summaries().unwrap()[0].id;
    assert_eq!(
        p.document(doc).unwrap().text,
        "اعتقل أحمد زيدان في سجن صيدنايا .\nزارته اللجنة الدولية للصليب الأحمر"
    );
    let got: Vec<(usize, usize, String)> =
        all_spans(&p).into_iter().map(|s| (s.1, s.2, s.3)).collect();
    assert_eq!(
        got,
        vec![
            (6, 16, "PERSON".into()),
            (20, 31, "PRISON".into()),
            (40, 68, "ORGANIZATION".into())
        ]
    );
}

#[test]
fn conll_tokens_are_aligned_onto_the_txt_and_missing_ones_reported() {
    let dir = tempfile::tempdir().unwrap();
    // Two spaces after اعتقل, the full stop attached: أحمد 7-11, زيدان 12-17, سجن 21-24,
    // صيدنايا 25-32. The CoNLL says الأخضر where the text has الأحمر: that token is not
    // found, and the ORGANIZATION span that ends on it does not come in.
    std::fs::write(
        dir.path().join("a.txt"),
        "اعتقل  أحمد زيدان في سجن صيدنايا.\nزارته اللجنة الدولية للصليب الأحمر",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.conll"), CONLL.replace("الأحمر", "الأخضر")).unwrap();
    let mut p = Project::in_memory().unwrap();
    let corpus = read(dir.path(), None, OffsetUnit::Utf16);
    let (report, _) = run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    let got: Vec<(usize, usize, String, String)> = all_spans(&p)
        .into_iter()
        .map(|s| (s.1, s.2, s.3, s.4))
        .collect();
    assert_eq!(
        got,
        vec![
            (7, 17, "PERSON".into(), "أحمد زيدان".into()),
            (21, 32, "PRISON".into(), "سجن صيدنايا".into()),
        ]
    );
    let left_out = report.not_imported();
    assert_eq!(
        left_out.get(&(
            "token".into(),
            "not found in the .txt after the token before it".into()
        )),
        Some(&1)
    );
    assert_eq!(
        left_out.get(&(
            "span".into(),
            "a token of it was not found in the .txt".into()
        )),
        Some(&1)
    );
}

#[test]
fn the_app_imports_annotations_as_one_undo_step() {
    use sanad::ui::dialogs::ScriptedDialogs;
    use sanad::ui::{Command as UiCommand, SanadApp};
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.sanad");
    drop(Project::open_or_create(&project).unwrap());
    let dialogs = ScriptedDialogs {
        folder: Some(data("brat-news")),
        ..ScriptedDialogs::default()
    };
    let mut app = SanadApp::new(Box::new(dialogs));
    app.run_command(UiCommand::OpenProject(project.clone()));
    assert!(app.error().is_none(), "{:?}", app.error());
    app.run_command(UiCommand::ChooseAnnotations);
    assert!(app.error().is_none(), "{:?}", app.error());
    assert!(
        app.status()
            .starts_with("brat import: 119 span(s), 8 relation(s), 11 attribute(s), 4 note(s) in"),
        "{}",
        app.status()
    );
    let lines = &app.annotation_report().unwrap().1;
    assert!(
        lines
            .iter()
            .any(|l| l == "not imported in all: 2 equivalence(s), 23 event(s), 1 normalization(s)"),
        "{lines:?}"
    );
    assert_eq!(count_rows(app.project().unwrap()), (119, 8, 11, 4));
    assert_eq!(app.documents().len(), 13);
    app.run_command(UiCommand::Undo);
    assert_eq!(count_rows(app.project().unwrap()), (0, 0, 0, 0));
    assert!(app.documents().is_empty(), "the documents it made go too");
    app.run_command(UiCommand::Redo);
    assert_eq!(count_rows(app.project().unwrap()), (119, 8, 11, 4));
    // A scheme that lacks the labels refuses, naming them.
    app.run_command(UiCommand::ImportAnnotations(data(
        "doccano/relation_extraction.jsonl",
    )));
    let err = app.error().unwrap_or_default();
    assert!(err.contains("labels: DATE, ORG;"), "{err}");
    assert_eq!(count_rows(app.project().unwrap()), (119, 8, 11, 4));
}

#[test]
fn the_exit_code_fails_only_when_nothing_could_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("a.jsonl"), "this is not JSON\n").unwrap();
    let project = dir.path().join("p.sanad");
    let out = sanad()
        .arg("import")
        .arg(&bad)
        .arg("--project")
        .arg(&project)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(
        stdout.contains("not imported: 1 line(s): not JSON"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing could be read"));
    assert!(!project.exists());
    // One good line beside the bad one: it comes in, the bad one is reported, exit 0.
    std::fs::write(
        bad.join("a.jsonl"),
        "this is not JSON\n{\"text\": \"سجن صيدنايا\", \"label\": [[0, 11, \"PRISON\"]]}\n",
    )
    .unwrap();
    let out = sanad()
        .arg("import")
        .arg(&bad)
        .arg("--project")
        .arg(&project)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("a.jsonl: 1 span(s)")
            && stdout.contains("not imported: 1 line(s): not JSON"),
        "{stdout}"
    );
}

#[test]
fn the_app_offers_to_add_or_leave_out_what_the_scheme_lacks() {
    use sanad::ui::dialogs::ScriptedDialogs;
    use sanad::ui::{Command as UiCommand, SanadApp};
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.sanad");
    drop(Project::open_or_create(&project).unwrap());
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(UiCommand::OpenProject(project));
    let file = data("doccano/relation_extraction.jsonl");
    app.run_command(UiCommand::ImportAnnotations(file.clone()));
    let (path, message) = app
        .unresolved_import()
        .cloned()
        .expect("refused, waiting for a choice");
    assert_eq!(path, file);
    assert!(message.contains("labels: DATE, ORG;"), "{message}");
    assert_eq!(
        count_rows(app.project().unwrap()).0,
        0,
        "nothing written yet"
    );
    app.run_command(UiCommand::ImportAnnotationsResolving { path, add: false });
    assert!(app.unresolved_import().is_none());
    // Left out: ORG and DATE spans and the three relations from ORG; the two PERSON spans come in.
    assert_eq!(count_rows(app.project().unwrap()), (2, 0, 0, 0));
    app.run_command(UiCommand::Undo);
    app.run_command(UiCommand::ImportAnnotationsResolving {
        path: file,
        add: true,
    });
    assert_eq!(count_rows(app.project().unwrap()), (4, 3, 0, 0));
    let labels: Vec<String> = app
        .project()
        .unwrap()
        .labels()
        .unwrap()
        .into_iter()
        .map(|l| l.name)
        .collect();
    assert!(
        labels.contains(&"ORG".to_owned()) && labels.contains(&"DATE".to_owned()),
        "{labels:?}"
    );
}
