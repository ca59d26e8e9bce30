//! Export manifests and signatures (issue 14, §3), through the built binary: the manifest's
//! hashes and sizes equal SHA-256 computed here over the written bytes, its counts equal the
//! spans made by hand on the seed document, `sanad verify` names a modified, missing or extra
//! file and fails, and a signed manifest verifies with its key only (and with `minisign`, when
//! it is installed).

use sanad::corpus::import_folder;
use sanad::model::Action;
use sanad::store::Project;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt");

/// The seed imported, with spans made by hand (the offsets of tests/seed_acceptance.rs): Layla
/// marks 3 PERSON and 2 CLAIM, Omar 1 PRISON and 1 ORGANIZATION.
fn seed_project(dir: &Path) -> PathBuf {
    let folder = dir.join("seeds");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(SEED, folder.join("seed.txt")).unwrap();
    let path = dir.join("p.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    p.set_actor("Layla");
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let doc = p.document_summaries().unwrap()[0].id;
    let add = |p: &mut Project, start: usize, len: usize, label: &str| {
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: doc,
            start,
            end: start + len,
            label: label.into(),
        })
        .unwrap();
    };
    for (start, len, label) in [
        (518, 10, "PERSON"),
        (937, 10, "PERSON"),
        (654, 5, "PERSON"),
        (1545, 55, "CLAIM"),
        (2534, 60, "CLAIM"),
    ] {
        add(&mut p, start, len, label);
    }
    p.set_actor("Omar");
    add(&mut p, 2534, 11, "PRISON");
    add(&mut p, 2557, 19, "ORGANIZATION");
    path
}

fn export(project: &Path, format: &str, out: &Path, extra: &[&str]) {
    let (ok, _, err) = run(sanad()
        .arg("export")
        .arg(project)
        .args(["--format", format, "--output"])
        .arg(out)
        .args(extra));
    assert!(ok, "{err}");
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Every file below `root` by `/`-separated relative path, walked here independently.
fn walk(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy();
                out.insert(rel.replace('\\', "/"), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The manifest's files as path → (sha256, size).
fn files(manifest: &Value) -> BTreeMap<String, (String, u64)> {
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                (
                    f["sha256"].as_str().unwrap().to_owned(),
                    f["size"].as_u64().unwrap(),
                ),
            )
        })
        .collect()
}

fn check_content(manifest: &Value, project: &Path) {
    let counts: BTreeMap<String, u64> = manifest["spans_per_label"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect();
    let expected: BTreeMap<String, u64> = [
        ("CLAIM", 2),
        ("ORGANIZATION", 1),
        ("PERSON", 3),
        ("PRISON", 1),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(counts, expected);
    assert_eq!(manifest["annotators"], serde_json::json!(["Layla", "Omar"]));
    let seed = std::fs::read(SEED).unwrap();
    let docs = manifest["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["path"], "seed.txt");
    assert_eq!(docs[0]["source_sha256"], sha256(&seed).as_str());
    assert_eq!(docs[0]["spans"], 7);
    assert_eq!(manifest["sanad_version"], env!("CARGO_PKG_VERSION"));
    let p = Project::open_existing(project).unwrap();
    let id = p.meta("project_id").unwrap().unwrap();
    assert_eq!(id.len(), 32);
    assert_eq!(manifest["project_id"], id.as_str());
    let at = manifest["exported_at"].as_str().unwrap();
    assert!(
        regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
            .unwrap()
            .is_match(at),
        "{at}"
    );
    assert_eq!(manifest["scheme_sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn file_and_folder_manifests_hold_the_written_bytes_hashes_and_the_hand_counts() {
    let dir = tempfile::tempdir().unwrap();
    let project = seed_project(dir.path());

    // A file format: NAME.manifest.json beside NAME.
    let jsonl = dir.path().join("out.jsonl");
    export(&project, "jsonl", &jsonl, &[]);
    let m = read_json(&dir.path().join("out.jsonl.manifest.json"));
    let written = std::fs::read(&jsonl).unwrap();
    let mut expected = BTreeMap::new();
    expected.insert(
        "out.jsonl".to_owned(),
        (sha256(&written), written.len() as u64),
    );
    assert_eq!(files(&m), expected);
    assert_eq!(
        (&m["format"], &m["layout"], &m["offset_unit"]),
        (
            &Value::from("jsonl"),
            &Value::from("file"),
            &Value::from("codepoint")
        )
    );
    check_content(&m, &project);
    // The exported text's hash, over the text the JSONL line carries.
    let line: Value =
        serde_json::from_slice(written.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(
        m["documents"][0]["text_sha256"],
        sha256(line["text"].as_str().unwrap().as_bytes()).as_str()
    );

    // A folder format: manifest.json inside, listing every other file of the folder.
    let brat = dir.path().join("out.brat");
    export(&project, "brat", &brat, &[]);
    let b = read_json(&brat.join("manifest.json"));
    let mut tree = walk(&brat);
    assert!(tree.remove("manifest.json").is_some());
    let expected: BTreeMap<String, (String, u64)> = tree
        .iter()
        .map(|(k, v)| (k.clone(), (sha256(v), v.len() as u64)))
        .collect();
    assert!(expected.contains_key("seed.ann") && expected.contains_key("seed.txt"));
    assert_eq!(files(&b), expected);
    assert_eq!(b["layout"], "folder");
    assert_eq!(b["offset_unit"], "code points");
    check_content(&b, &project);
    assert_eq!(
        b["documents"][0]["text_sha256"],
        m["documents"][0]["text_sha256"]
    );
    assert_eq!(b["scheme_sha256"], m["scheme_sha256"]);
    // brat's .ann holds the 7 spans, one T line each (counted independently).
    let ann = String::from_utf8(tree["seed.ann"].clone()).unwrap();
    assert_eq!(ann.lines().filter(|l| l.starts_with('T')).count(), 7);

    // Deterministic apart from the time: the same export elsewhere gives the same manifest.
    let again = dir.path().join("again");
    std::fs::create_dir(&again).unwrap();
    export(&project, "brat", &again.join("out.brat"), &[]);
    let mut b2 = read_json(&again.join("out.brat/manifest.json"));
    let mut b1 = b.clone();
    b1["exported_at"] = Value::Null;
    b2["exported_at"] = Value::Null;
    assert_eq!(b1, b2);
}

fn verify(path: &Path, key: Option<&Path>) -> (bool, String, String) {
    let mut cmd = sanad();
    cmd.arg("verify").arg(path);
    if let Some(k) = key {
        cmd.arg("--key").arg(k);
    }
    run(&mut cmd)
}

#[test]
fn verify_names_each_modified_missing_and_extra_file_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let project = seed_project(dir.path());
    let brat = dir.path().join("out.brat");
    export(&project, "brat", &brat, &[]);
    let (ok, out, err) = verify(&brat, None);
    assert!(ok, "{out}{err}");
    assert!(out.lines().last().unwrap().starts_with("OK:"), "{out}");

    // One byte flipped.
    let ann = brat.join("seed.ann");
    let original = std::fs::read(&ann).unwrap();
    let mut flipped = original.clone();
    flipped[3] ^= 0x01;
    std::fs::write(&ann, &flipped).unwrap();
    let (ok, out, _) = verify(&brat, None);
    assert!(!ok, "{out}");
    let findings: Vec<&str> = out.lines().filter(|l| !l.starts_with("FAILED")).collect();
    assert_eq!(findings.len(), 1, "{out}");
    assert!(findings[0].starts_with("modified: seed.ann ("), "{out}");
    std::fs::write(&ann, &original).unwrap();
    assert!(verify(&brat, None).0);

    // A file deleted.
    let txt = brat.join("seed.txt");
    let text = std::fs::read(&txt).unwrap();
    std::fs::remove_file(&txt).unwrap();
    let (ok, out, _) = verify(&brat, None);
    assert!(!ok);
    assert!(out.lines().any(|l| l == "missing: seed.txt"), "{out}");
    assert!(
        !out.contains("modified:") && !out.contains("extra:"),
        "{out}"
    );
    std::fs::write(&txt, &text).unwrap();

    // A file added, in a subfolder too.
    std::fs::create_dir(brat.join("more")).unwrap();
    std::fs::write(brat.join("more/new.ann"), b"T1\tPERSON 0 1\tx\n").unwrap();
    let (ok, out, _) = verify(&brat, None);
    assert!(!ok);
    assert!(out.lines().any(|l| l == "extra: more/new.ann"), "{out}");
    std::fs::remove_dir_all(brat.join("more")).unwrap();
    assert!(verify(&brat, None).0);

    // A file export, named by the file or by its manifest.
    let csv = dir.path().join("spans.csv");
    export(&project, "csv", &csv, &[]);
    assert!(verify(&csv, None).0);
    assert!(verify(&dir.path().join("spans.csv.manifest.json"), None).0);
    let mut bytes = std::fs::read(&csv).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 0x20;
    std::fs::write(&csv, &bytes).unwrap();
    let (ok, out, _) = verify(&csv, None);
    assert!(!ok);
    assert!(out.contains("modified: spans.csv ("), "{out}");

    // No manifest at all.
    let (ok, _, err) = verify(&dir.path().join("seeds"), None);
    assert!(!ok && err.contains("no export manifest"), "{err}");
}

#[test]
fn a_signed_manifest_verifies_with_its_key_only_and_not_once_changed() {
    let dir = tempfile::tempdir().unwrap();
    let project = seed_project(dir.path());
    for name in ["k", "other"] {
        let (ok, _, err) = run(sanad()
            .args(["keygen", "--output"])
            .arg(dir.path().join(name)));
        assert!(ok, "{err}");
    }
    let (ok, _, err) = run(sanad()
        .args(["keygen", "--output"])
        .arg(dir.path().join("k")));
    assert!(!ok && err.contains("already there"), "{err}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("k.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let key = dir.path().join("k.key");
    let public = dir.path().join("k.pub");
    let other = dir.path().join("other.pub");

    let brat = dir.path().join("out.brat");
    export(&project, "brat", &brat, &["--sign", key.to_str().unwrap()]);
    assert!(brat.join("manifest.json.sig").is_file());
    let (ok, out, err) = verify(&brat, Some(&public));
    assert!(ok, "{out}{err}");
    assert!(
        out.lines().any(|l| l.starts_with("signature: valid")),
        "{out}"
    );
    let (ok, out, _) = verify(&brat, Some(&other));
    assert!(!ok);
    assert!(out.contains("signature: INVALID"), "{out}");

    // A file export's signature sits beside its manifest.
    let jsonl = dir.path().join("out.jsonl");
    export(
        &project,
        "jsonl",
        &jsonl,
        &["--sign", key.to_str().unwrap()],
    );
    assert!(dir.path().join("out.jsonl.manifest.json.sig").is_file());
    assert!(verify(&jsonl, Some(&public)).0);

    if let Some(minisign) = minisign() {
        let check = |key: &Path| {
            Command::new(&minisign)
                .arg("-Vm")
                .arg(brat.join("manifest.json"))
                .arg("-x")
                .arg(brat.join("manifest.json.sig"))
                .arg("-p")
                .arg(key)
                .output()
                .unwrap()
                .status
                .success()
        };
        assert!(check(&public), "minisign refused Sanad's signature");
        assert!(!check(&other));
        // minisign's legacy signature (`-l`, Ed25519 over the raw bytes) made with Sanad's key
        // verifies in Sanad.
        let legacy = Command::new(&minisign)
            .args(["-S", "-l", "-s"])
            .arg(&key)
            .arg("-m")
            .arg(brat.join("manifest.json"))
            .arg("-x")
            .arg(brat.join("manifest.json.sig"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(legacy.status.success(), "{legacy:?}");
        let text = std::fs::read_to_string(brat.join("manifest.json.sig")).unwrap();
        let line = text.lines().nth(1).unwrap();
        let raw = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, line).unwrap();
        assert_eq!(&raw[..2], b"Ed", "a legacy signature: {text}");
        let (ok, out, err) = verify(&brat, Some(&public));
        assert!(ok && out.contains("signature: valid"), "{out}{err}");
        // A key minisign made (unencrypted, `-G -W`) signs Sanad's export.
        let made = Command::new(&minisign)
            .args(["-G", "-W", "-p"])
            .arg(dir.path().join("m.pub"))
            .arg("-s")
            .arg(dir.path().join("m.key"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(made.status.success(), "{made:?}");
        let theirs = dir.path().join("theirs.brat");
        export(
            &project,
            "brat",
            &theirs,
            &["--sign", dir.path().join("m.key").to_str().unwrap()],
        );
        let (ok, out, err) = verify(&theirs, Some(&dir.path().join("m.pub")));
        assert!(ok && out.contains("signature: valid"), "{out}{err}");
    } else {
        eprintln!("minisign is not installed: its check of Sanad's signature was skipped");
    }

    // The manifest changed after signing (the files unchanged, hashes still right).
    let manifest = brat.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace("\"Omar\"", "\"Omer\"")).unwrap();
    assert!(verify(&brat, None).0, "the files still match");
    let (ok, out, _) = verify(&brat, Some(&public));
    assert!(!ok);
    assert!(out.contains("signature: INVALID"), "{out}");

    // Without a signature file, a key check fails.
    std::fs::write(&manifest, &text).unwrap();
    std::fs::remove_file(brat.join("manifest.json.sig")).unwrap();
    let (ok, out, _) = verify(&brat, Some(&public));
    assert!(!ok && out.contains("no signature file"), "{out}");
}

/// The `minisign` program, if it is on the PATH.
fn minisign() -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("minisign"))
            .find(|p| p.is_file())
    })
}
