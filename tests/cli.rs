//! The command line: import, export, and refusing bad input without touching it.

use sanad::model::Action;
use sanad::store::Project;
use std::path::Path;
use std::process::Command;

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

fn data(p: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(p)
}

#[test]
fn import_decodes_all_four_encodings_to_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("x.sanad");
    let out = sanad()
        .args(["import"])
        .arg(data("encodings"))
        .arg("--project")
        .arg(&project)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("imported 4 document(s)"), "{stdout}");
    let p = Project::open_existing(&project).unwrap();
    let docs = p.document_summaries().unwrap();
    let texts: Vec<(String, String)> = docs
        .iter()
        .map(|d| {
            let doc = p.document(d.id).unwrap();
            (doc.text, doc.encoding)
        })
        .collect();
    assert_eq!(texts.len(), 4);
    // The fixtures differ in one thing only: the Windows-1256 and UTF-16 files end their line with
    // CR LF, the UTF-8 ones with LF. The text is stored exactly as decoded (offsets index the
    // exact text), so the texts are equal once line endings are compared as line breaks.
    let by_enc = |e: &str| texts.iter().find(|(_, enc)| enc == e).unwrap().0.clone();
    assert!(by_enc("UTF-16LE").ends_with("\r\n") && by_enc("windows-1256").ends_with("\r\n"));
    assert_eq!(by_enc("UTF-16LE"), by_enc("windows-1256"));
    let utf8: Vec<&String> = texts
        .iter()
        .filter(|(_, e)| e == "UTF-8")
        .map(|(t, _)| t)
        .collect();
    assert_eq!(utf8[0], utf8[1], "UTF-8 with and without BOM");
    assert_eq!(by_enc("UTF-16LE").replace("\r\n", "\n"), *utf8[0]);
    assert!(texts[0].0.starts_with("أطلق الدفاع المدني السوري"));
    let mut encodings: Vec<&str> = texts.iter().map(|(_, e)| e.as_str()).collect();
    encodings.sort();
    assert_eq!(
        encodings,
        vec!["UTF-16LE", "UTF-8", "UTF-8", "windows-1256"]
    );
}

#[test]
fn png_and_empty_files_are_skipped_with_reasons_and_the_good_one_imports() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("mixed");
    std::fs::create_dir(&folder).unwrap();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    std::fs::write(folder.join("photo.txt"), png).unwrap();
    std::fs::write(folder.join("empty.txt"), b"").unwrap();
    std::fs::write(folder.join("good.txt"), "سجن صيدنايا").unwrap();
    let out = sanad().arg("import").arg(&folder).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("imported 1 document(s)"), "{stdout}");
    assert!(
        stdout.contains("skipped: photo.txt: binary file (a PNG image)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped: empty.txt: empty file"),
        "{stdout}"
    );
    // The project went beside the folder, not into it.
    assert!(dir.path().join("mixed.sanad").is_file());
    let mut names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec!["empty.txt", "good.txt", "photo.txt"],
        "the source folder is never written to"
    );
}

#[test]
fn export_refuses_a_text_file_and_a_foreign_sqlite_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just some notes, not a project").unwrap();
    let foreign = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    for path in [&text, &foreign] {
        let before = std::fs::read(path).unwrap();
        let out = sanad()
            .args(["export"])
            .arg(path)
            .args(["--format", "jsonl"])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("not a Sanad project"), "{stderr}");
        assert!(
            stderr.trim_end().ends_with(&path.display().to_string()),
            "path last: {stderr}"
        );
        assert!(out.stdout.is_empty());
        assert_eq!(
            std::fs::read(path).unwrap(),
            before,
            "the file is unchanged"
        );
    }
    let missing = sanad()
        .args(["export", "/nonexistent/p.sanad"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    let empty = dir.path().join("empty.sanad");
    std::fs::write(&empty, b"").unwrap();
    let out = sanad().arg("export").arg(&empty).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("the file is empty"));
}

#[test]
fn export_refuses_to_overwrite_its_own_project() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("c");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "سجن").unwrap();
    assert!(
        sanad()
            .arg("import")
            .arg(&folder)
            .status()
            .unwrap()
            .success()
    );
    let project = dir.path().join("c.sanad");
    let before = std::fs::read(&project).unwrap();
    for target in [
        project.clone(),
        dir.path().join("c.sanad-wal"),
        dir.path().join("./c.sanad"),
    ] {
        let out = sanad()
            .arg("export")
            .arg(&project)
            .arg("--output")
            .arg(&target)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{target:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("would overwrite the project"));
    }
    assert_eq!(std::fs::read(&project).unwrap(), before);
    assert!(Project::open_existing(&project).is_ok());
}

#[test]
fn export_jsonl_has_the_span_with_codepoint_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("seeds");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(data("seed.txt"), folder.join("000.txt")).unwrap();
    let project = dir.path().join("seeds.sanad");
    assert!(
        sanad()
            .arg("import")
            .arg(&folder)
            .status()
            .unwrap()
            .success()
    );
    {
        let mut p = Project::open_existing(&project).unwrap();
        let id = p.document_summaries().unwrap()[0].id;
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: id,
            start: 6,
            end: 26,
            label: "ORGANIZATION".into(),
        })
        .unwrap();
    }
    let out = sanad()
        .arg("export")
        .arg(&project)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    let doc: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(doc["offset_unit"], "codepoint");
    assert_eq!(doc["name"], "000.txt");
    assert_eq!(
        doc["spans"],
        serde_json::json!([{"start": 6, "end": 26, "label": "ORGANIZATION", "text": "الدفاع المدني السوري",
                            "attributes": {}, "entity": null, "note": ""}])
    );
    assert_eq!(doc["relations"], serde_json::json!([]));
    assert_eq!(doc["status"], "todo");
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    assert_eq!(
        text[6..26].iter().collect::<String>(),
        "الدفاع المدني السوري"
    );
    assert_eq!(doc["sha256"].as_str().unwrap().len(), 64);

    let file = dir.path().join("out.jsonl");
    assert!(
        sanad()
            .arg("export")
            .arg(&project)
            .arg("--output")
            .arg(&file)
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout);
}

/// A project holding the seed document (tests/data/seed.txt) and a second one.
fn seed_project(dir: &Path) -> std::path::PathBuf {
    let folder = dir.join("seeds");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(data("seed.txt"), folder.join("seed.txt")).unwrap();
    std::fs::write(folder.join("zz.txt"), "والدفاع المدني السوري\n").unwrap();
    let project = dir.join("s.sanad");
    let out = sanad()
        .arg("import")
        .arg(&folder)
        .arg("--project")
        .arg(&project)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    project
}

#[test]
fn search_prints_one_match_per_line_in_code_points() {
    let dir = tempfile::tempdir().unwrap();
    let project = seed_project(dir.path());
    let run = |args: &[&str]| {
        let out = sanad()
            .arg("search")
            .arg(&project)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    // Word mode: the seed's three; zz.txt's "والدفاع" carries a proclitic.
    let (stdout, stderr) = run(&["الدفاع المدني السوري", "--mode", "word"]);
    let cols: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    let spans: Vec<(&str, &str, &str)> = cols.iter().map(|c| (c[0], c[1], c[2])).collect();
    assert_eq!(
        spans,
        [
            ("seed.txt", "6", "26"),
            ("seed.txt", "1166", "1186"),
            ("seed.txt", "2939", "2959")
        ]
    );
    assert!(
        cols[0][3].contains("⟦الدفاع المدني السوري⟧"),
        "{}",
        cols[0][3]
    );
    assert!(stderr.contains("3 match(es) in 1 document(s)"), "{stderr}");
    // Proclitics: the fourth, without its و: zz.txt chars [1, 21).
    let (stdout, _) = run(&["الدفاع المدني السوري", "--mode", "clitics", "--json"]);
    let rows: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3]["document"], "zz.txt");
    assert_eq!(
        (rows[3]["start"].as_u64(), rows[3]["end"].as_u64()),
        (Some(1), Some(21))
    );
    assert_eq!(rows[3]["text"], "الدفاع المدني السوري");
    // Folding: the seed writes "بالإفراج" twice and "بالافراج" once; the bare alef finds all
    // three, --exact only the one written so.
    let (folded, _) = run(&["بالافراج"]);
    assert_eq!(folded.lines().count(), 3, "{folded}");
    let (exact, _) = run(&["بالافراج", "--exact"]);
    assert_eq!(exact.lines().count(), 1, "{exact}");
    assert!(exact.contains("⟦بالافراج⟧"), "{exact}");
    // A bad regex is a clear error, not a panic.
    let out = sanad()
        .arg("search")
        .arg(&project)
        .args(["(", "--mode", "regex"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("regular expression") && err.contains("s.sanad"),
        "{err}"
    );
}

/// `sanad … | head`: when the reader closes the pipe, the command ends without a panic message
/// (before, `println!` panicked with "failed printing to stdout: Broken pipe").
#[test]
fn a_closed_output_pipe_ends_quietly() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("docs");
    std::fs::create_dir(&folder).unwrap();
    // Several documents, so the JSONL export is more than one write.
    for i in 0..50 {
        std::fs::write(
            folder.join(format!("{i}.txt")),
            format!(
                "{} (وثيقة {i})",
                "قال المرصد السوري إن ٣٠ معتقلاً نُقلوا إلى سجن صيدنايا. ".repeat(40)
            ),
        )
        .unwrap();
    }
    let project = dir.path().join("p.sanad");
    let closed = |args: &[&std::ffi::OsStr]| {
        let mut child = sanad()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end before the child writes anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.status.success(), "{args:?}: {err}");
    };
    closed(&[
        "import".as_ref(),
        folder.as_os_str(),
        "--project".as_ref(),
        project.as_os_str(),
    ]);
    // The import went through although its report could not be printed.
    assert_eq!(
        Project::open_existing(&project)
            .unwrap()
            .document_summaries()
            .unwrap()
            .len(),
        50
    );
    closed(&["export".as_ref(), project.as_os_str()]);
    closed(&["search".as_ref(), project.as_os_str(), "سجن".as_ref()]);
}
