//! Gazetteers and suggestions on the seed (acceptance 3 of issue 10): a gazetteer CSV yields
//! suggestions; accepting one makes it an annotation linked to its entity; rejecting one keeps
//! it away when the list is applied again; the export holds only accepted ones unless asked
//! (`--include-suggestions`, marked as such); every step is one undoable action.
//!
//! Expected offsets come from the issue ([6,26), [1166,1186), [2939,2959) for
//! "الدفاع المدني السوري") and, for the others, from Python's `str.find` on the seed (code
//! points), checked below against the seed's text at those offsets.

use sanad::export::{ExportOptions, jsonl};
use sanad::interop::gazetteer::read_gazetteer;
use sanad::model::{Action, slice_chars};
use sanad::store::search::SearchIndex;
use sanad::store::suggestions::SuggestionFilter;
use sanad::store::{NewDocument, Project};
use std::path::Path;
use std::process::Command;

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt")).unwrap()
}

const GAZETTEER: &str = "name,label,entity,aliases
الدفاع المدني السوري,ORGANIZATION,,الدفاع المدني
أحمد زيدان,PERSON,,زيدان|AhmadZydan
سجن صيدنايا,PRISON,Saydnaya Prison,
";

/// (start, end, label, text) the gazetteer suggests in the seed.
fn expected() -> Vec<(usize, usize, &'static str, &'static str)> {
    vec![
        (6, 26, "ORGANIZATION", "الدفاع المدني السوري"),
        (124, 137, "ORGANIZATION", "الدفاع المدني"),
        (302, 315, "ORGANIZATION", "الدفاع المدني"),
        (518, 528, "PERSON", "أحمد زيدان"),
        (654, 659, "PERSON", "زيدان"),
        (937, 947, "PERSON", "أحمد زيدان"),
        (1166, 1186, "ORGANIZATION", "الدفاع المدني السوري"),
        (2534, 2545, "PRISON", "سجن صيدنايا"),
        (2939, 2959, "ORGANIZATION", "الدفاع المدني السوري"),
    ]
}

fn write_gazetteer(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("names.csv");
    std::fs::write(&path, GAZETTEER).unwrap();
    path
}

fn project(dir: &Path) -> (Project, i64) {
    let mut p = Project::open_or_create(&dir.join("p.sanad")).unwrap();
    let ids = p
        .add_documents(&[
            NewDocument::from_text("seed.txt", &seed()),
            NewDocument::from_text("other.txt", "لا شيء هنا\n"),
        ])
        .unwrap();
    (p, ids[0])
}

fn suggested(p: &Project) -> Vec<(usize, usize, String)> {
    p.suggestions(&SuggestionFilter::All)
        .unwrap()
        .into_iter()
        .map(|s| (s.start, s.end, s.label))
        .collect()
}

fn annotated(p: &Project, doc: i64) -> Vec<(usize, usize, String, Option<i64>)> {
    let labels = p.labels().unwrap();
    p.annotations(doc)
        .unwrap()
        .into_iter()
        .map(|a| {
            let l = labels.iter().find(|l| l.id == a.label_id).unwrap();
            (a.start, a.end, l.name.clone(), a.entity_id)
        })
        .collect()
}

#[test]
fn a_gazetteer_suggests_accept_reject_reapply_export() {
    let seed = seed();
    for (s, e, _, text) in expected() {
        assert_eq!(slice_chars(&seed, s..e), text, "the seed at [{s}, {e})");
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut p, doc) = project(dir.path());
    let before = p.dump().unwrap();
    let list = read_gazetteer(&write_gazetteer(dir.path())).unwrap();
    let mut index = SearchIndex::new();
    let (done, report) = p.apply_gazetteer(&mut index, &list).unwrap();
    let (_, applied) = done.expect("the gazetteer changes the project");
    let want: Vec<(usize, usize, String)> = expected()
        .into_iter()
        .map(|(s, e, l, _)| (s, e, l.to_owned()))
        .collect();
    assert_eq!(suggested(&p), want);
    assert_eq!(
        report.by_label.into_iter().collect::<Vec<_>>(),
        vec![
            ("ORGANIZATION".to_owned(), 5),
            ("PERSON".to_owned(), 3),
            ("PRISON".to_owned(), 1)
        ]
    );
    assert_eq!((report.entities_created, report.documents), (3, 1));
    // Entities: one per row, with the other forms as aliases.
    let entities = p.entities().unwrap();
    let prison = entities.iter().find(|e| e.kind == "PRISON").unwrap();
    assert_eq!(
        (prison.name.as_str(), prison.aliases.clone()),
        ("Saydnaya Prison", vec!["سجن صيدنايا".to_owned()])
    );
    let person = entities.iter().find(|e| e.kind == "PERSON").unwrap();
    assert_eq!(person.aliases, vec!["زيدان", "AhmadZydan"]);
    // Suggestions are not annotations.
    assert!(p.annotations(doc).unwrap().is_empty());
    assert_eq!(p.document_summaries().unwrap()[0].annotation_count, 0);
    // One undo takes the whole gazetteer back; redo brings the same rows.
    let after = p.dump().unwrap();
    let undo = p.apply_tagged(&applied.inverse, Some("undo")).unwrap();
    assert_eq!(p.dump().unwrap(), before);
    p.apply_tagged(&undo.inverse, Some("redo")).unwrap();
    assert_eq!(p.dump().unwrap(), after);

    // Accept [6, 26): an ORGANIZATION annotation linked to the entity.
    let all = p.suggestions(&SuggestionFilter::Document(doc)).unwrap();
    let first = all.iter().find(|s| s.start == 6).unwrap().clone();
    let org = entities
        .iter()
        .find(|e| e.name == "الدفاع المدني السوري")
        .unwrap()
        .id;
    let accepted = p
        .apply(&Action::AcceptSuggestions {
            ids: vec![first.id],
        })
        .unwrap();
    assert_eq!(
        annotated(&p, doc),
        vec![(6, 26, "ORGANIZATION".to_owned(), Some(org))]
    );
    assert_eq!(suggested(&p).len(), 8);
    assert_eq!(
        p.replay_annotations().unwrap(),
        p.stored_annotations().unwrap(),
        "the audit trail knows the accepted annotation"
    );
    // Undo the accept: the suggestion is back, the annotation gone; redo again.
    let state = p.dump().unwrap();
    let undo = p.apply_tagged(&accepted.inverse, Some("undo")).unwrap();
    assert!(p.annotations(doc).unwrap().is_empty());
    assert_eq!(suggested(&p), want);
    p.apply_tagged(&undo.inverse, Some("redo")).unwrap();
    assert_eq!(p.dump().unwrap(), state);

    // Reject [124, 137).
    let second = all.iter().find(|s| s.start == 124).unwrap().clone();
    p.apply(&Action::RejectSuggestions {
        ids: vec![second.id],
    })
    .unwrap();
    assert!(p.is_rejected(doc, 124, 137, "ORGANIZATION").unwrap());
    assert_eq!(suggested(&p).len(), 7);

    // Apply the list again: nothing new; the rejected one stays away, the accepted one is an
    // annotation (not suggested over), the rest are already there.
    let (again, report) = p.apply_gazetteer(&mut index, &list).unwrap();
    assert!(again.is_none(), "{report:?}");
    assert_eq!(report.total(), 0);
    assert_eq!(
        (
            report.skipped_rejected,
            report.skipped_annotated,
            report.skipped_suggested
        ),
        (1, 1, 7)
    );
    assert!(!suggested(&p).iter().any(|(s, e, _)| (*s, *e) == (124, 137)));

    // The default export holds only the accepted one, and no suggestions.
    let docs = jsonl::documents(&p, ExportOptions::default()).unwrap();
    let seed_line = docs.iter().find(|d| d.path == "seed.txt").unwrap();
    assert_eq!(
        seed_line
            .spans
            .iter()
            .map(|s| (s.start, s.end, s.label.as_str()))
            .collect::<Vec<_>>(),
        vec![(6, 26, "ORGANIZATION")]
    );
    let line = jsonl::to_line(seed_line).unwrap();
    assert!(!line.contains("\"suggestions\""), "{line}");
    // With suggestions: apart from the spans, each marked as suggested.
    let docs = jsonl::documents(
        &p,
        ExportOptions {
            suggestions: true,
            ..Default::default()
        },
    )
    .unwrap();
    let seed_line = docs.iter().find(|d| d.path == "seed.txt").unwrap();
    assert_eq!(seed_line.spans.len(), 1);
    let value: serde_json::Value =
        serde_json::from_str(&jsonl::to_line(seed_line).unwrap()).unwrap();
    let got: Vec<(u64, u64, &str, &str, &str)> = value["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
                s["label"].as_str().unwrap(),
                s["text"].as_str().unwrap(),
                s["status"].as_str().unwrap(),
            )
        })
        .collect();
    let want: Vec<(u64, u64, &str, &str, &str)> = expected()
        .into_iter()
        .filter(|(s, _, _, _)| ![6, 124].contains(s))
        .map(|(s, e, l, t)| (s as u64, e as u64, l, t, "suggested"))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn accept_and_reject_all_for_a_document_or_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let (mut p, doc) = project(dir.path());
    let list = read_gazetteer(&write_gazetteer(dir.path())).unwrap();
    p.apply_gazetteer(&mut SearchIndex::new(), &list).unwrap();
    // Accept all for one name: the PERSON entity's three.
    let person = p
        .entities()
        .unwrap()
        .into_iter()
        .find(|e| e.kind == "PERSON")
        .unwrap();
    let ids: Vec<i64> = p
        .suggestions(&SuggestionFilter::Entity(person.id))
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids.len(), 3);
    let audit = p.audit_len().unwrap();
    let done = p.apply(&Action::AcceptSuggestions { ids }).unwrap();
    // One row for the accept, then per span its add and its entity link.
    assert_eq!(p.audit_len().unwrap(), audit + 1 + 3 * 2);
    assert_eq!(
        annotated(&p, doc)
            .into_iter()
            .map(|(s, e, l, ent)| (s, e, l, ent == Some(person.id)))
            .collect::<Vec<_>>(),
        vec![
            (518, 528, "PERSON".to_owned(), true),
            (654, 659, "PERSON".to_owned(), true),
            (937, 947, "PERSON".to_owned(), true)
        ]
    );
    // Reject all the rest of the document.
    let rest: Vec<i64> = p
        .suggestions(&SuggestionFilter::Document(doc))
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(rest.len(), 6);
    let rejected = p.apply(&Action::RejectSuggestions { ids: rest }).unwrap();
    assert!(suggested(&p).is_empty());
    // Re-applying brings nothing back.
    let (again, _) = p.apply_gazetteer(&mut SearchIndex::new(), &list).unwrap();
    assert!(again.is_none());
    // Undoing the reject brings them back and forgets the rejection.
    p.apply(&rejected.inverse).unwrap();
    assert_eq!(suggested(&p).len(), 6);
    assert!(!p.is_rejected(doc, 124, 137, "ORGANIZATION").unwrap());
    p.apply(&done.inverse).unwrap();
    assert_eq!(suggested(&p).len(), 9);
    assert!(p.annotations(doc).unwrap().is_empty());
}

#[test]
fn a_label_the_scheme_lacks_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let (mut p, _) = project(dir.path());
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, "سجن صيدنايا,PRISON\nأحمد زيدان,PERSONN\n").unwrap();
    let list = read_gazetteer(&path).unwrap();
    let before = p.dump().unwrap();
    let err = p
        .apply_gazetteer(&mut SearchIndex::new(), &list)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("gazetteer line 2: no label named \"PERSONN\""),
        "{err}"
    );
    assert!(err.ends_with(&path.display().to_string()), "{err}");
    assert_eq!(p.dump().unwrap(), before);
}

#[test]
fn the_cli_suggests_prints_counts_and_exports_marked_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = project(dir.path());
    drop(p);
    let project = dir.path().join("p.sanad");
    let gazetteer = write_gazetteer(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_sanad"))
        .arg("suggest")
        .arg(&project)
        .arg("--gazetteer")
        .arg(&gazetteer)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in [
        "ORGANIZATION: 5 suggestion(s)",
        "PERSON: 3 suggestion(s)",
        "PRISON: 1 suggestion(s)",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line:?} in {stdout}");
    }
    let export = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_sanad"))
            .arg("export")
            .arg(&project)
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = export(&[]);
    assert!(!plain.contains("\"suggestions\""));
    assert!(plain.contains("\"spans\":[]"));
    let with = export(&["--include-suggestions"]);
    assert_eq!(with.matches("\"status\":\"suggested\"").count(), 9);
    assert!(with.contains("\"spans\":[]"), "still no annotation");
    // A gazetteer with a bad line names the line and the file, and changes nothing.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "سجن صيدنايا\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sanad"))
        .arg("suggest")
        .arg(&project)
        .arg("--gazetteer")
        .arg(&bad)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("gazetteer line 1: "), "{stderr}");
    assert!(stderr.trim_end().ends_with("bad.csv"), "{stderr}");
}
