//! Issue 14 §2, acceptance: the seed with PERSON spans linked to entities with aliases (one
//! alias only in the text, never annotated), plus a second, mixed document; every format
//! exported by the command line with `--pseudonymise PERSON --strip-annotators`. No original
//! name, alias or annotator occurs in any output file (zip members of XLSX and QDPX included);
//! every span still slices its text (JSONL code points, brat code points, doccano UTF-16,
//! Label Studio code points, read here by hand); pseudonyms are the same across documents and
//! runs; the key decrypts (with the crate, and with the `age` command when installed) to the
//! right mapping.

use sanad::corpus::import_folder;
use sanad::model::Action;
use sanad::store::{NewDocument, Project};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const FORMATS: [&str; 11] = [
    "jsonl",
    "brat",
    "doccano",
    "label-studio",
    "webanno-tsv",
    "conll",
    "w3c",
    "hf",
    "csv",
    "xlsx",
    "refi-qda",
];

/// Names that must not survive: every mention text, entity name and alias, the annotator.
const FORBIDDEN: [&str; 7] = [
    "أحمد زيدان",
    "زيدان",
    "AhmadZydan2011",
    "AhamdZydan",
    "Omar Haddad",
    "Abu Omar",
    "Layla",
];

const PASSPHRASE: &str = "شجرة زيتون 1948";

/// The second document: Arabic, with Latin names; "Abu Omar" is an alias, never annotated.
const TESTIMONY: &str =
    "شهادة: رأيت أحمد زيدان مع Omar Haddad في سجن صيدنايا، وقال Abu Omar إن الحراس ضربوه.";

fn chars_at(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).unwrap();
    text[..byte].chars().count()
}

fn add(p: &mut Project, doc: i64, start: usize, len: usize, label: &str) -> i64 {
    p.apply(&Action::AddAnnotation {
        id: None,
        document_id: doc,
        start,
        end: start + len,
        label: label.into(),
    })
    .unwrap()
    .created
    .unwrap()
}

fn entity(p: &mut Project, name: &str, aliases: &[&str]) -> i64 {
    p.apply(&Action::CreateEntity {
        id: None,
        name: name.into(),
        kind: "PERSON".into(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        created_at: None,
    })
    .unwrap()
    .created
    .unwrap()
}

fn link(p: &mut Project, annotation: i64, entity: i64) {
    p.apply(&Action::LinkEntity {
        annotation_id: annotation,
        entity_id: Some(entity),
    })
    .unwrap();
}

/// The seed (as tests/seed_acceptance.rs annotates it) and the testimony; returns the project
/// path and the two entity ids.
fn project(dir: &Path) -> (PathBuf, i64, i64) {
    let folder = dir.join("seeds");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt"),
        folder.join("seed.txt"),
    )
    .unwrap();
    let path = dir.join("p.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    p.set_actor("Layla");
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let seed = p.document_summaries().unwrap()[0].id;
    let zaidan = entity(&mut p, "أحمد زيدان", &["AhmadZydan2011", "AhamdZydan"]);
    // The seed's three mentions (chars 518, 937: "أحمد زيدان"; 654: "زيدان").
    for (start, len) in [(518, 10), (937, 10), (654, 5)] {
        let m = add(&mut p, seed, start, len, "PERSON");
        link(&mut p, m, zaidan);
    }
    // A CLAIM containing the first mention, and one starting inside it (widened).
    let claim = add(&mut p, seed, 500, 60, "CLAIM");
    add(&mut p, seed, 523, 30, "CLAIM");
    p.apply(&Action::SetAnnotationNote {
        annotation_id: claim,
        note: "زيدان قالها على تويتر".into(),
    })
    .unwrap();
    add(&mut p, seed, 2534, 11, "PRISON");
    let amnesty = add(&mut p, seed, 2557, 19, "ORGANIZATION");
    p.apply(&Action::AddRelation {
        id: None,
        head: claim,
        child: amnesty,
        relation: "attributed_to".into(),
        created_at: None,
    })
    .unwrap();
    let ids = p
        .add_documents(&[NewDocument::from_text("z-testimony.txt", TESTIMONY)])
        .unwrap();
    let t = ids[0];
    let omar = entity(&mut p, "Omar Haddad", &["Abu Omar"]);
    let m = add(&mut p, t, chars_at(TESTIMONY, "أحمد زيدان"), 10, "PERSON");
    link(&mut p, m, zaidan);
    let m = add(&mut p, t, chars_at(TESTIMONY, "Omar Haddad"), 11, "PERSON");
    link(&mut p, m, omar);
    add(&mut p, t, chars_at(TESTIMONY, "سجن صيدنايا"), 11, "PRISON");
    p.apply(&Action::SetDocumentNote {
        document_id: t,
        note: "سمعتها من Omar Haddad".into(),
    })
    .unwrap();
    (path, zaidan, omar)
}

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

fn export(project: &Path, format: &str, out: &Path, extra: &[&str]) {
    let o = sanad()
        .arg("export")
        .arg(project)
        .args([
            "--format",
            format,
            "--pseudonymise",
            "PERSON",
            "--strip-annotators",
        ])
        .arg("--output")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{format}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every file below `root` (recursively; zip members of .xlsx/.qdpx as `file!member`).
fn contents(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            let name = p.strip_prefix(root).unwrap().display().to_string();
            if name.ends_with(".xlsx") || name.ends_with(".qdpx") {
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
                for i in 0..zip.len() {
                    let mut f = zip.by_index(i).unwrap();
                    let mut inner = Vec::new();
                    std::io::Read::read_to_end(&mut f, &mut inner).unwrap();
                    out.insert(format!("{name}!{}", f.name().unwrap()), inner);
                }
            }
            out.insert(name, bytes);
        }
    }
    out
}

fn slice(text: &str, a: usize, b: usize) -> String {
    text.chars().skip(a).take(b - a).collect()
}

/// JSONL lines as values.
fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_format_is_pseudonymised_and_slices_hold() {
    let dir = tempfile::tempdir().unwrap();
    let (project, zaidan, omar) = project(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).unwrap();
    let key = dir.path().join("key.age");
    for format in FORMATS {
        let target = out.join(format!("x-{format}"));
        let extra: Vec<&str> = if format == "jsonl" {
            vec![
                "--pseudonym-key",
                key.to_str().unwrap(),
                "--key-passphrase-file",
                pass.to_str().unwrap(),
            ]
        } else {
            Vec::new()
        };
        export(&project, format, &target, &extra);
    }

    // `sanad verify` accepts a pseudonymised export (its manifest has no source hashes).
    for name in ["x-jsonl", "x-brat", "x-xlsx"] {
        let o = sanad().arg("verify").arg(out.join(name)).output().unwrap();
        assert!(
            o.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }

    // No name, alias or annotator anywhere.
    let all = contents(&out);
    assert!(all.len() > 20, "{:?}", all.keys());
    for (file, bytes) in &all {
        for name in FORBIDDEN {
            assert!(
                !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
                "{name:?} left in {file}"
            );
        }
    }

    // JSONL: spans slice (code points); pseudonyms per entity, the same in both documents.
    let lines = jsonl(&out.join("x-jsonl"));
    assert_eq!(lines.len(), 2);
    let mut by_entity: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut texts: Vec<Vec<(String, String)>> = Vec::new();
    for d in &lines {
        let text = d["text"].as_str().unwrap();
        let mut mine = Vec::new();
        for s in d["spans"].as_array().unwrap() {
            let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            let got = slice(text, a as usize, b as usize);
            assert_eq!(got, s["text"].as_str().unwrap());
            if s["label"] == "PERSON" {
                by_entity
                    .entry(s["entity"]["id"].as_i64().unwrap())
                    .or_default()
                    .push(got.clone());
                assert_eq!(s["entity"]["name"].as_str().unwrap(), got);
            }
            mine.push((s["label"].as_str().unwrap().to_owned(), got));
        }
        texts.push(mine);
        assert_eq!(d["sha256"], "");
        assert_eq!(d["text_sha256"], "");
    }
    // Both documents are Arabic: the seed's person is the first pseudonym, Omar the second
    // (numbered by first mention in document order: seed.txt before z-testimony.txt).
    assert_eq!(by_entity[&zaidan], vec!["شخص_١"; 4]);
    assert_eq!(by_entity[&omar], vec!["شخص_٢"]);
    let testimony = lines[1]["text"].as_str().unwrap();
    assert_eq!(
        testimony,
        "شهادة: رأيت شخص_١ مع شخص_٢ في سجن صيدنايا، وقال شخص_٢ إن الحراس ضربوه."
    );
    assert_eq!(lines[1]["notes"], "سمعتها من شخص_٢");
    // The seed's unannotated "AhamdZydan" and "@AhmadZydan2011" (aliases) are replaced too.
    let seed = lines[0]["text"].as_str().unwrap();
    assert!(seed.contains("— شخص_١ | شخص_١ (@شخص_١)"), "{seed}");

    // brat: code points into NAME.txt.
    let brat = out.join("x-brat");
    let mut brat_spans = 0;
    for e in std::fs::read_dir(&brat).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "ann") {
            let text = std::fs::read_to_string(p.with_extension("txt")).unwrap();
            for line in std::fs::read_to_string(&p).unwrap().lines() {
                let cols: Vec<&str> = line.split('\t').collect();
                if !cols[0].starts_with('T') {
                    continue;
                }
                let mut parts = cols[1].split(' ');
                let _label = parts.next();
                let a: usize = parts.next().unwrap().parse().unwrap();
                let b: usize = parts.next().unwrap().parse().unwrap();
                assert_eq!(slice(&text, a, b).replace('\n', " "), cols[2], "{line}");
                brat_spans += 1;
            }
        }
    }
    assert_eq!(brat_spans, texts.iter().map(Vec::len).sum::<usize>());

    // doccano: UTF-16 code units; the same (label, text) pairs as the JSONL.
    let doccano = jsonl(&out.join("x-doccano"));
    for (d, expected) in doccano.iter().zip(&texts) {
        let units: Vec<u16> = d["text"].as_str().unwrap().encode_utf16().collect();
        let mut got: Vec<(String, String)> = d["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let a = e["start_offset"].as_u64().unwrap() as usize;
                let b = e["end_offset"].as_u64().unwrap() as usize;
                (
                    e["label"].as_str().unwrap().to_owned(),
                    String::from_utf16(&units[a..b]).unwrap(),
                )
            })
            .collect();
        let mut expected = expected.clone();
        got.sort();
        expected.sort();
        assert_eq!(got, expected);
    }

    // Label Studio: code points, each region with its text.
    let tasks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("x-label-studio")).unwrap())
            .unwrap();
    let mut regions = 0;
    for t in tasks.as_array().unwrap() {
        let text = t["data"]["text"].as_str().unwrap();
        for r in t["annotations"][0]["result"].as_array().unwrap() {
            if r["type"] == "labels" {
                let v = &r["value"];
                let (a, b) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
                assert_eq!(
                    slice(text, a as usize, b as usize),
                    v["text"].as_str().unwrap()
                );
                regions += 1;
            }
        }
    }
    assert_eq!(regions, brat_spans);

    // The manifest names no annotator but annotator_1 and gives no source hash.
    let manifest: serde_json::Value =
        serde_json::from_slice(&all["x-jsonl.manifest.json"]).unwrap();
    assert_eq!(manifest["annotators"], serde_json::json!(["annotator_1"]));
    for d in manifest["documents"].as_array().unwrap() {
        assert_eq!(d["source_sha256"], "");
    }

    // The key, decrypted by the crate.
    let k = sanad::export::pseudonym::key::read(&key, PASSPHRASE).unwrap();
    assert_eq!(k.labels, ["PERSON"]);
    let names: Vec<(&str, &str, i64, Vec<&str>)> = k
        .pseudonyms
        .iter()
        .map(|e| {
            let x = e.entity.as_ref().unwrap();
            (
                e.pseudonym.as_str(),
                e.arabic.as_str(),
                x.id,
                e.texts.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("PERSON_001", "شخص_١", zaidan, vec!["أحمد زيدان", "زيدان"]),
            ("PERSON_002", "شخص_٢", omar, vec!["Omar Haddad"]),
        ]
    );
    assert_eq!(
        k.pseudonyms[0].entity.as_ref().unwrap().aliases,
        ["AhmadZydan2011", "AhamdZydan"]
    );
    assert!(sanad::export::pseudonym::key::read(&key, "wrong").is_err());

    // And by the age command, if installed (it reads the passphrase from a terminal: `script`
    // gives it one).
    let has = |cmd: &str| {
        Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has("age") || !Path::new("/usr/bin/script").exists() {
        println!("skipped the age command check: age or script(1) is not installed");
        return;
    }
    let plain = dir.path().join("key.json");
    let mut child = Command::new("script")
        .args(["-qec"])
        .arg(format!(
            "age -d -o '{}' '{}'",
            plain.display(),
            key.display()
        ))
        .arg("/dev/null")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        child.stdin.as_mut().unwrap(),
        format!("{PASSPHRASE}\n").as_bytes(),
    )
    .unwrap();
    assert!(child.wait().unwrap().success());
    let by_age: sanad::export::pseudonym::PseudonymKey =
        serde_json::from_slice(&std::fs::read(&plain).unwrap()).unwrap();
    assert_eq!(by_age, k);
}

#[test]
fn two_runs_give_the_same_pseudonyms() {
    let dir = tempfile::tempdir().unwrap();
    let (project, _, _) = project(dir.path());
    let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.csv"));
    export(&project, "jsonl", &a, &[]);
    export(&project, "csv", &b, &[]);
    let first = std::fs::read(&a).unwrap();
    export(&project, "jsonl", &a, &[]);
    assert_eq!(std::fs::read(&a).unwrap(), first);
    // The CSV (table records) gives the JSONL's (label, text) pairs, pseudonyms included.
    let mut from_jsonl: Vec<(String, String)> = jsonl(&a)
        .iter()
        .flat_map(|d| {
            d["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["label"].as_str().unwrap().to_owned(),
                        s["text"].as_str().unwrap().to_owned(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut reader = csv::Reader::from_path(&b).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let (label, text) = (col("label"), col("text"));
    let mut from_csv: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[label].to_owned(), r[text].to_owned())
        })
        .collect();
    from_jsonl.sort();
    from_csv.sort();
    assert_eq!(from_csv, from_jsonl);
}

#[test]
fn a_wrong_label_or_the_original_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (project, _, _) = project(dir.path());
    let run = |args: &[&str]| {
        sanad()
            .arg("export")
            .arg(&project)
            .args(args)
            .output()
            .unwrap()
    };
    // A typo must not export the names in clear.
    let o = run(&["--pseudonymise", "PERSONS"]);
    assert!(!o.status.success());
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no label \"PERSONS\""), "{err}");
    // The audit trail holds the original texts.
    let o = run(&["--pseudonymise", "PERSON", "--history"]);
    assert!(!o.status.success());
    assert!(o.stdout.is_empty());
    // A key needs something to pseudonymise.
    let o = run(&["--pseudonym-key", "k.age"]);
    assert!(!o.status.success());
}
