//! brat round trip (issue 11, acceptance 1): `sanad import` of brat's news tutorial
//! (tests/data/brat-news, copied from ../shared/data/brat-news) into a new project, then
//! `sanad export --format brat`, gives `.ann` files equal to the originals for the kinds Sanad
//! holds (`T`, `R`, `A`/`M`, `#`), modulo ids, and the `.txt` files byte for byte. Events (`E`),
//! equivalences (`*`) and normalizations (`N`) are reported as not imported, so they are left
//! out of the comparison; an attribute or note on an event lands on its trigger, so a reference
//! to an event is followed to its trigger span.
//!
//! Ids are normalised by following references: a `T` is its label, offsets and text; an `R` its
//! type and its arguments' `T`s; an `A`/`M` its name, target and value; a `#` its type, target
//! and note. The comparison is exact on these, line for line (as sorted multisets).
//!
//! Also: the labels keep the source's spelling (`Organization`, not the default scheme's
//! `ORGANIZATION`) while the project holds no annotations; once it holds some, a match
//! ignoring case stays a reported mapping.

use sanad::store::Project;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

fn news() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/brat-news")
}

/// The `T`, `R`, `A`/`M` and `#` lines of a `.ann` with ids replaced by what they refer to,
/// sorted.
fn normalised(ann: &str) -> Vec<String> {
    let mut spans: HashMap<&str, String> = HashMap::new();
    let mut triggers: HashMap<&str, &str> = HashMap::new();
    for line in ann.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match line.chars().next() {
            Some('T') => {
                spans.insert(f[0], format!("[{} «{}»]", f[1], f[2]));
            }
            Some('E') => {
                let trigger = f[1].split(' ').next().unwrap().split(':').nth(1).unwrap();
                triggers.insert(f[0], trigger);
            }
            _ => {}
        }
    }
    let span = |id: &str| -> String {
        let id = triggers.get(id).copied().unwrap_or(id);
        spans
            .get(id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} refers to nothing"))
    };
    let mut relations: HashMap<&str, String> = HashMap::new();
    for line in ann.lines().filter(|l| l.starts_with('R')) {
        let f: Vec<&str> = line.split('\t').collect();
        let words: Vec<&str> = f[1].split(' ').collect();
        let args: Vec<String> = words[1..]
            .iter()
            .map(|a| {
                let (role, id) = a.split_once(':').unwrap();
                format!("{role}:{}", span(id))
            })
            .collect();
        relations.insert(f[0], format!("{} {}", words[0], args.join(" ")));
    }
    // A note or attribute may refer to a span, an event (its trigger) or a relation.
    let target = |id: &str| -> String {
        match relations.get(id) {
            Some(r) => format!("({r})"),
            None => span(id),
        }
    };
    let mut out = Vec::new();
    for line in ann.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let words: Vec<&str> = f.get(1).map_or(Vec::new(), |s| s.split(' ').collect());
        match line.chars().next() {
            Some('T') => out.push(format!("T {}", spans[f[0]])),
            Some('R') => out.push(format!("R {}", relations[f[0]])),
            Some('A' | 'M') => out.push(format!(
                "A {} {} {}",
                words[0],
                target(words[1]),
                words.get(2).copied().unwrap_or("")
            )),
            Some('#') => out.push(format!(
                "# {} {}\t{}",
                words[0],
                target(words[1]),
                f.get(2).copied().unwrap_or("")
            )),
            _ => {} // E, *, N: not imported, reported
        }
    }
    out.sort();
    out
}

#[test]
fn brat_news_comes_back_as_it_was_modulo_ids() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("b.sanad");
    let run = sanad()
        .arg("import")
        .arg(news())
        .arg("--project")
        .arg(&project)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}");
    for line in [
        "brat import: 119 span(s), 8 relation(s), 11 attribute(s), 4 note(s) in; 13 new document(s), 0 already in the project",
        "scheme: renamed label ORGANIZATION to Organization, as the source names it (the project had no annotations yet)",
        "scheme: renamed label PERSON to Person, as the source names it (the project had no annotations yet)",
        "not imported in all: 2 equivalence(s), 23 event(s), 1 normalization(s)",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line}\n{stdout}");
    }
    let out = dir.path().join("out");
    let run = sanad()
        .arg("export")
        .arg(&project)
        .args(["--format", "brat", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut compared = (0, 0);
    for entry in std::fs::read_dir(news()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        match path.extension().and_then(|e| e.to_str()) {
            Some("ann") => {
                let original = std::fs::read_to_string(&path).unwrap();
                let exported = std::fs::read_to_string(out.join(&name)).unwrap();
                assert_eq!(
                    normalised(&exported),
                    normalised(&original),
                    "{}",
                    path.display()
                );
                compared.0 += normalised(&original).len();
            }
            Some("txt") => {
                assert_eq!(
                    std::fs::read(out.join(&name)).unwrap(),
                    std::fs::read(&path).unwrap(),
                    "{}",
                    path.display()
                );
                compared.1 += 1;
            }
            _ => {}
        }
    }
    // 119 T + 8 R + 11 A + 4 # lines compared (counted with awk), over 13 texts.
    assert_eq!(compared, (119 + 8 + 11 + 4, 13));
}

#[test]
fn a_case_match_stays_a_mapping_once_the_project_holds_annotations_and_undo_renames_back() {
    use sanad::interop::detect::ReadOptions;
    use sanad::interop::{PlanOptions, read_path, run_import};
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open_or_create(&dir.path().join("p.sanad")).unwrap();
    let names = |p: &Project| -> Vec<String> {
        let mut n: Vec<String> = p.labels().unwrap().into_iter().map(|l| l.name).collect();
        n.sort();
        n
    };
    let default = names(&p);
    assert!(default.contains(&"ORGANIZATION".to_owned()));
    let corpus = read_path(&news(), &ReadOptions::default())
        .unwrap()
        .unwrap();
    let (report, applied) = run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    assert!(report.notices.iter().any(|n| n
        == "renamed label ORGANIZATION to Organization, as the source names it (the project had no annotations yet)"));
    let after = names(&p);
    assert!(after.contains(&"Organization".to_owned()) && after.contains(&"Person".to_owned()));
    assert!(!after.contains(&"ORGANIZATION".to_owned()));
    assert_eq!(
        p.replay_annotations().unwrap(),
        p.stored_annotations().unwrap(),
        "the audit trail follows the renames"
    );
    // Undo: the default scheme's names are back.
    let (_, applied) = applied.unwrap();
    let redo = p.apply_tagged(&applied.inverse, Some("undo")).unwrap();
    assert_eq!(names(&p), default);
    p.apply_tagged(&redo.inverse, Some("redo")).unwrap();
    assert_eq!(names(&p), after);

    // A project that holds annotations keeps its names: `person` maps onto Person, reported.
    let file = dir.path().join("d.jsonl");
    std::fs::write(
        &file,
        "{\"text\": \"Raul Salinas\", \"label\": [[0, 12, \"person\"]]}\n",
    )
    .unwrap();
    let corpus = read_path(&file, &ReadOptions::default()).unwrap().unwrap();
    let (report, _) = run_import(&mut p, &corpus, &PlanOptions::default()).unwrap();
    assert!(
        report
            .notices
            .iter()
            .any(|n| n == "label person is the project's Person (same name ignoring case)"),
        "{:?}",
        report.notices
    );
    assert_eq!(names(&p), after);
}
