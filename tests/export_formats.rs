//! Exports for other tools (issue 12): brat, doccano, Label Studio, WebAnno TSV, CoNLL, and the
//! JSONL offset units. Expected offsets are counted by hand in the comments; round trips are
//! checked through the importers (issue 11), an independent reader.

use sanad::export::conll::{ConllOptions, Misaligned, TagScheme};
use sanad::export::{ExportOptions, Format, Request, export_to};
use sanad::interop::detect::ReadOptions;
use sanad::interop::{OffsetUnit, PlanOptions, read_path, run_import};
use sanad::model::Action;
use sanad::store::{NewDocument, Project};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::Command;

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

fn add(p: &mut Project, doc: i64, start: usize, end: usize, label: &str) -> i64 {
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
}

/// Every span of the project as (start, end, label, text), sorted.
fn spans(p: &Project) -> Vec<(usize, usize, String, String)> {
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
            out.push((a.start, a.end, labels[&a.label_id].clone(), text));
        }
    }
    out.sort();
    out
}

/// Imports `path` into a fresh in-memory project.
fn import(path: &Path) -> Project {
    let corpus = read_path(
        path,
        &ReadOptions {
            format: None,
            unit: OffsetUnit::Utf16,
            encoding: None,
        },
    )
    .unwrap()
    .expect("annotation files");
    let mut fresh = Project::in_memory().unwrap();
    run_import(&mut fresh, &corpus, &PlanOptions::default()).unwrap();
    fresh
}

/// The seed document in a project on disk, with the ORGANIZATION span [6, 26) (“الدفاع المدني
/// السوري”: chars 6..26 of the first line, after "أطلق “"), a PERSON nested in a CLAIM, a
/// relation, an attribute and a note.
fn seed(dir: &Path) -> (Project, i64) {
    let folder = dir.join("seeds");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt"),
        folder.join("seed.txt"),
    )
    .unwrap();
    let mut p = Project::open_or_create(&dir.join("p.sanad")).unwrap();
    sanad::corpus::import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let doc = p.document_summaries().unwrap()[0].id;
    let org = add(&mut p, doc, 6, 26, "ORGANIZATION");
    // "الناشط الإعلامي أحمد زيدان شارك": أحمد زيدان is chars 518..528 (seed_acceptance.rs).
    let claim = add(&mut p, doc, 502, 533, "CLAIM");
    let person = add(&mut p, doc, 518, 528, "PERSON");
    p.apply(&Action::AddRelation {
        id: None,
        head: claim,
        child: org,
        relation: "attributed_to".into(),
        created_at: None,
    })
    .unwrap();
    p.apply(&Action::SetAttribute {
        annotation_id: person,
        name: "role".into(),
        value: Some("activist".into()),
        restore: false,
    })
    .unwrap();
    p.apply(&Action::SetAnnotationNote {
        annotation_id: claim,
        note: "سطر أول\nسطر ثان".into(),
    })
    .unwrap();
    (p, doc)
}

fn request(format: Format) -> Request {
    Request {
        format: Some(format),
        ..Request::default()
    }
}

#[test]
fn the_seed_organization_comes_back_from_webanno_doccano_and_label_studio() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = seed(dir.path());
    let text: String = p
        .document(p.document_summaries().unwrap()[0].id)
        .unwrap()
        .text
        .chars()
        .skip(6)
        .take(20)
        .collect();
    assert_eq!(text, "الدفاع المدني السوري");
    let org = (6, 26, "ORGANIZATION".to_owned(), text);
    for (format, name) in [
        (Format::WebannoTsv, "tsv-out"),
        (Format::Doccano, "out.jsonl"),
        (Format::LabelStudio, "out.json"),
    ] {
        let out = dir.path().join(name);
        let summary = export_to(&p, format, &request(format), &out).unwrap();
        assert_eq!((summary.documents, summary.spans), (1, 3), "{format:?}");
        // Label Studio writes its config beside the tasks; import the tasks alone.
        let fresh = import(&out);
        let got = spans(&fresh);
        assert!(got.contains(&org), "{format:?}: {got:?}");
        assert_eq!(got.len(), 3, "{format:?}: {got:?}");
        let doc = fresh.document_summaries().unwrap()[0].id;
        let relations = fresh.relations(doc).unwrap();
        assert_eq!(relations.len(), 1, "{format:?}");
        assert_eq!(relations[0].relation, "attributed_to");
    }
    let config = std::fs::read_to_string(dir.path().join("out.label_config.xml")).unwrap();
    assert!(
        config.contains(r#"<Label value="ORGANIZATION""#),
        "{config}"
    );
    assert!(
        config.contains(r#"<Relation value="attributed_to"/>"#),
        "{config}"
    );
}

/// Every file below `root`, by relative path; the export manifest aside (it holds the export's
/// time and the project's id).
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(root).unwrap().display().to_string();
                if rel != "manifest.json" {
                    out.insert(rel, std::fs::read(e.path()).unwrap());
                }
            }
        }
    }
    out
}

#[test]
fn brat_round_trips_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = seed(dir.path());
    let first = dir.path().join("brat1");
    export_to(&p, Format::Brat, &request(Format::Brat), &first).unwrap();
    let ann = std::fs::read_to_string(first.join("seed.ann")).unwrap();
    // Spans by start: ORGANIZATION (6), CLAIM (502), PERSON (518).
    assert_eq!(
        ann,
        "T1\tORGANIZATION 6 26\tالدفاع المدني السوري\n\
         T2\tCLAIM 502 533\tالناشط الإعلامي أحمد زيدان شارك\n\
         T3\tPERSON 518 528\tأحمد زيدان\n\
         R1\tattributed_to Arg1:T2 Arg2:T1\t\n\
         A1\trole T3 activist\n\
         #1\tAnnotatorNotes T2\tسطر أول\n\
         #2\tAnnotatorNotes T2\tسطر ثان\n"
    );
    let conf = std::fs::read_to_string(first.join("annotation.conf")).unwrap();
    assert!(
        conf.contains("\nattributed_to\tArg1:CLAIM, Arg2:"),
        "{conf}"
    );
    assert!(
        conf.contains("kind\tArg:CLAIM, Value:allegation|denial|statistic|testimony|other"),
        "every declared value, used or not: {conf}"
    );
    let fresh = import(&first);
    let second = dir.path().join("brat2");
    export_to(&fresh, Format::Brat, &request(Format::Brat), &second).unwrap();
    let (a, b) = (tree(&first), tree(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(
            *bytes == b[name],
            "{name} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[name])
        );
    }
}

#[test]
fn a_discontinuous_brat_span_is_written_back_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    // "the prison in Saydnaya": "prison" 4..10 and "Saydnaya" 14..22.
    std::fs::write(src.join("a.txt"), "the prison in Saydnaya").unwrap();
    let ann = "T1\tPRISON 4 10;14 22\tprison Saydnaya\n";
    std::fs::write(src.join("a.ann"), ann).unwrap();
    let p = import(&src);
    let out = dir.path().join("out");
    export_to(&p, Format::Brat, &request(Format::Brat), &out).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("a.ann")).unwrap(), ann);
}

#[test]
fn an_emoji_before_a_span_shifts_utf16_and_not_code_points() {
    // "👍🏽 سجن صيدنايا": 👍 (U+1F44D) and 🏽 (U+1F3FD) are two code points, four UTF-16 units,
    // eight UTF-8 bytes, one grapheme cluster; then a space. PRISON "سجن صيدنايا" is code
    // points [3, 14), UTF-16 [5, 16), UTF-8 [9, 30) (its 10 letters are 2 bytes each, plus a
    // space), graphemes [2, 13).
    let text = "👍🏽 سجن صيدنايا";
    let mut p = Project::in_memory().unwrap();
    let doc = p
        .add_documents(&[NewDocument::from_text("e.txt", text)])
        .unwrap()[0];
    add(&mut p, doc, 3, 14, "PRISON");
    let jsonl = |unit| {
        let mut buf = Vec::new();
        let options = ExportOptions {
            unit,
            ..ExportOptions::default()
        };
        sanad::export::write_jsonl(&p, options, &mut buf).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        (
            v["offset_unit"].as_str().unwrap().to_owned(),
            v["spans"][0]["start"].as_u64().unwrap(),
            v["spans"][0]["end"].as_u64().unwrap(),
        )
    };
    assert_eq!(jsonl(OffsetUnit::Codepoint), ("codepoint".into(), 3, 14));
    assert_eq!(jsonl(OffsetUnit::Utf16), ("utf16".into(), 5, 16));
    assert_eq!(jsonl(OffsetUnit::Utf8), ("utf8".into(), 9, 30));
    assert_eq!(jsonl(OffsetUnit::Grapheme), ("grapheme".into(), 2, 13));

    let mut buf = Vec::new();
    let docs = sanad::export::jsonl::documents(&p, ExportOptions::default()).unwrap();
    sanad::export::doccano::write(&docs, &mut buf).unwrap();
    let line: serde_json::Value = serde_json::from_slice(&buf).unwrap();
    assert_eq!(
        line["entities"],
        serde_json::json!([{"id": 1, "label": "PRISON", "start_offset": 5, "end_offset": 16}])
    );
    let mut buf = Vec::new();
    sanad::export::label_studio::write(&docs, &mut buf).unwrap();
    let tasks: serde_json::Value = serde_json::from_slice(&buf).unwrap();
    let value = &tasks[0]["annotations"][0]["result"][0]["value"];
    assert_eq!(
        (value["start"].clone(), value["end"].clone()),
        (3.into(), 14.into())
    );
    assert_eq!(value["text"], "سجن صيدنايا");

    let mut warnings = Vec::new();
    let tsv = sanad::export::webanno::document(&docs[0], &[], false, &mut warnings);
    assert_eq!(
        tsv,
        "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|value\n\n\n\
         #Text=👍🏽 سجن صيدنايا\n\
         1-1\t0-4\t👍🏽\t_\t\n\
         1-2\t5-8\tسجن\tPRISON[1]\t\n\
         1-3\t9-16\tصيدنايا\tPRISON[1]\t\n"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    // And each comes back to code points [3, 14) through its importer.
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [
        (Format::WebannoTsv, "w"),
        (Format::Doccano, "d.jsonl"),
        (Format::LabelStudio, "l.json"),
        (Format::Brat, "b"),
    ] {
        let out = dir.path().join(name);
        export_to(&p, format, &request(format), &out).unwrap();
        let got = spans(&import(&out));
        assert_eq!(
            got,
            vec![(3, 14, "PRISON".into(), "سجن صيدنايا".into())],
            "{format:?}"
        );
    }
    // A Sanad JSONL in UTF-16 units reads back to the same code points.
    let file = dir.path().join("u.jsonl");
    let mut buf = Vec::new();
    let options = ExportOptions {
        unit: OffsetUnit::Utf16,
        ..ExportOptions::default()
    };
    sanad::export::write_jsonl(&p, options, &mut buf).unwrap();
    std::fs::write(&file, &buf).unwrap();
    assert_eq!(
        spans(&import(&file))[0].0..spans(&import(&file))[0].1,
        3..14
    );
}

/// "اعتقل وسجن في صيدنايا": اعتقل 0..5, space, وسجن 6..10 (و 6, سجن 7..10), space, في 11..13,
/// space, صيدنايا 14..21. PRISON on سجن [7, 10) (inside the word وسجن) and on صيدنايا [14, 21).
fn clitic_project() -> Project {
    let mut p = Project::in_memory().unwrap();
    let doc = p
        .add_documents(&[NewDocument::from_text("c.txt", "اعتقل وسجن في صيدنايا")])
        .unwrap()[0];
    add(&mut p, doc, 7, 10, "PRISON");
    add(&mut p, doc, 14, 21, "PRISON");
    p
}

fn conll(p: &Project, options: ConllOptions) -> (String, Vec<String>) {
    let docs = sanad::export::jsonl::documents(p, ExportOptions::default()).unwrap();
    let mut buf = Vec::new();
    let summary = sanad::export::conll::write(&docs, options, &mut buf).unwrap();
    (String::from_utf8(buf).unwrap(), summary.misaligned)
}

#[test]
fn conll_splits_proclitics_so_the_span_fits() {
    let p = clitic_project();
    let (out, report) = conll(
        &p,
        ConllOptions {
            clitics: true,
            ..ConllOptions::default()
        },
    );
    assert_eq!(
        out,
        "-DOCSTART- -X- O O\n\nاعتقل\tO\nو\tO\nسجن\tB-PRISON\nفي\tO\nصيدنايا\tB-PRISON\n\n"
    );
    assert!(report.is_empty(), "{report:?}");
    let (bioes, _) = conll(
        &p,
        ConllOptions {
            clitics: true,
            scheme: TagScheme::Bioes,
            ..ConllOptions::default()
        },
    );
    assert!(bioes.contains("سجن\tS-PRISON\n"), "{bioes}");
}

#[test]
fn conll_lists_every_misaligned_span() {
    let p = clitic_project();
    let (widened, report) = conll(&p, ConllOptions::default());
    assert!(widened.contains("وسجن\tB-PRISON\n"), "{widened}");
    assert_eq!(report.len(), 1, "{report:?}");
    assert!(
        report[0].contains("PRISON [7, 10) \"سجن\"")
            && report[0].contains("widened to [6, 10) \"وسجن\""),
        "{report:?}"
    );
    let (split, report) = conll(
        &p,
        ConllOptions {
            misaligned: Misaligned::Split,
            ..ConllOptions::default()
        },
    );
    assert!(split.contains("و\tO\nسجن\tB-PRISON\n"), "{split}");
    assert!(report[0].contains("tokens split"), "{report:?}");
    let (dropped, report) = conll(
        &p,
        ConllOptions {
            misaligned: Misaligned::Drop,
            ..ConllOptions::default()
        },
    );
    assert!(dropped.contains("وسجن\tO\n"), "{dropped}");
    assert!(report[0].contains("left out"), "{report:?}");
}

#[test]
fn conll_never_nests_and_says_which_span_it_left_out() {
    let mut p = Project::in_memory().unwrap();
    let doc = p
        .add_documents(&[NewDocument::from_text("n.txt", "سجن صيدنايا العسكري")])
        .unwrap()[0];
    // CLAIM [0, 19) holds PRISON [0, 11): the PRISON cannot be tagged inside it.
    add(&mut p, doc, 0, 19, "CLAIM");
    add(&mut p, doc, 0, 11, "PRISON");
    let (out, report) = conll(&p, ConllOptions::default());
    assert_eq!(
        out,
        "-DOCSTART- -X- O O\n\nسجن\tB-CLAIM\nصيدنايا\tI-CLAIM\nالعسكري\tI-CLAIM\n\n"
    );
    assert_eq!(report.len(), 1);
    assert!(report[0].contains("PRISON [0, 11)") && report[0].contains("cannot nest"));
}

#[test]
fn the_cli_exports_each_format_and_prints_the_misaligned_report() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("c");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("c.txt"), "اعتقل وسجن في صيدنايا").unwrap();
    let project = dir.path().join("p.sanad");
    assert!(
        sanad()
            .arg("import")
            .arg(&folder)
            .arg("--project")
            .arg(&project)
            .status()
            .unwrap()
            .success()
    );
    {
        let mut p = Project::open_existing(&project).unwrap();
        let doc = p.document_summaries().unwrap()[0].id;
        add(&mut p, doc, 7, 10, "PRISON");
    }
    let out = sanad()
        .args(["export"])
        .arg(&project)
        .args(["--format", "conll"])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("وسجن\tB-PRISON"), "{stdout}");
    assert!(
        stderr.contains("misaligned: c.txt: PRISON [7, 10)"),
        "{stderr}"
    );
    // A folder format needs --output; with it, the summary names what was written.
    let out = sanad()
        .args(["export"])
        .arg(&project)
        .args(["--format", "brat"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output"));
    let target = dir.path().join("brat");
    let out = sanad()
        .args(["export"])
        .arg(&project)
        .args(["--format", "brat", "--output"])
        .arg(&target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("exported 1 document(s), 1 span(s) as brat (code points)"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(target.join("c.ann")).unwrap(),
        "T1\tPRISON 7 10\tسجن\n"
    );
    // --offsets belongs to JSONL.
    let out = sanad()
        .args(["export"])
        .arg(&project)
        .args(["--format", "doccano", "--offsets", "utf16"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    // JSONL in UTF-16 says so on its line.
    let out = sanad()
        .args(["export"])
        .arg(&project)
        .args(["--offsets", "utf16"])
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["offset_unit"], "utf16");
    assert_eq!(line["layout_version"], 2);
}
