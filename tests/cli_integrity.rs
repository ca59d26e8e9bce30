//! The command line's side of project integrity (issue 7): backup, a first import killed midway,
//! names printed escaped, the source folder never written to, forced and guessed encodings,
//! byte offsets and warnings in the export.

use crate::corpus;

use sanad::model::Action;
use sanad::store::Project;
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

#[test]
fn backup_makes_a_copy_that_exports_identically_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    corpus::write_folder(&folder, 3, 6);
    let project = dir.path().join("p.sanad");
    let (ok, _, err) = run(sanad()
        .arg("import")
        .arg(&folder)
        .arg("--project")
        .arg(&project));
    assert!(ok, "{err}");
    let copy = dir.path().join("copy.sanad");
    let (ok, _, err) = run(sanad().arg("backup").arg(&project).arg(&copy));
    assert!(ok, "{err}");
    let export = |p: &std::path::Path| run(sanad().arg("export").arg(p)).1;
    assert_eq!(export(&copy), export(&project));
    assert_eq!(export(&copy).lines().count(), 3);
    let before = std::fs::read(&copy).unwrap();
    let (ok, _, err) = run(sanad().arg("backup").arg(&project).arg(&copy));
    assert!(!ok && err.contains("already there"), "{err}");
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}

#[test]
fn a_first_import_killed_midway_leaves_a_project_that_exports_and_the_next_import_completes() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("big");
    let files = 600;
    corpus::write_folder(&folder, files, 40);
    let project = dir.path().join("k.sanad");
    let mut child = sanad()
        .arg("import")
        .arg(&folder)
        .arg("--project")
        .arg(&project)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as some documents are committed (or it finished).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let some = Project::open_existing(&project)
            .ok()
            .and_then(|p| p.document_summaries().ok())
            .is_some_and(|d| !d.is_empty());
        if some || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let (ok, stdout, err) = run(sanad().arg("export").arg(&project));
    assert!(ok, "the killed import's project exports: {err}");
    let committed = stdout.lines().count();
    assert!(committed > 0);
    let (ok, stdout, err) = run(sanad()
        .arg("import")
        .arg(&folder)
        .arg("--project")
        .arg(&project));
    assert!(ok, "{err}");
    assert!(
        stdout.contains(&format!(
            "imported {} document(s); {} unchanged",
            files - committed,
            committed
        )),
        "{stdout}"
    );
    assert_eq!(
        run(sanad().arg("export").arg(&project)).1.lines().count(),
        files
    );
}

#[cfg(unix)]
#[test]
fn file_names_are_printed_escaped_so_they_cannot_forge_output_lines() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("x\nimported 99 document(s).txt"), b"\0\0binary").unwrap();
    std::fs::write(folder.join("\u{202E}fdp.txt"), b"").unwrap();
    std::fs::write(folder.join("good.txt"), "نص").unwrap();
    // Imported first; good.txt, byte-identical, is then skipped "same content as" this name.
    std::fs::write(folder.join("a\nimported 77 document(s).txt"), "نص").unwrap();
    let (ok, stdout, err) = run(sanad().arg("import").arg(&folder));
    assert!(ok, "{err}");
    let known = ["project: ", "imported ", "skipped: "];
    for line in stdout.lines() {
        assert!(
            known.iter().any(|k| line.starts_with(k)),
            "forged line {line:?} in {stdout}"
        );
    }
    assert!(
        stdout.contains("skipped: x\\nimported 99 document(s).txt: binary"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped: \\u{202E}fdp.txt: empty file"),
        "{stdout}"
    );
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("imported "))
            .count(),
        1
    );
    assert!(
        stdout.contains("skipped: good.txt: same content as a\\nimported 77"),
        "{stdout}"
    );
}

#[test]
fn a_project_inside_the_source_folder_is_refused_and_nothing_is_written_there() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "نص").unwrap();
    let (ok, _, err) = run(sanad()
        .arg("import")
        .arg(&folder)
        .arg("--project")
        .arg(folder.join("inside.sanad")));
    assert!(!ok && err.contains("inside the folder it imports"), "{err}");
    let names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec!["a.txt"]);
}

#[test]
fn encodings_are_forced_or_reported_as_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("سجن");
    std::fs::write(folder.join("short.txt"), &bytes).unwrap();
    let (ok, stdout, err) = run(sanad()
        .arg("import")
        .arg(&folder)
        .arg("--project")
        .arg(dir.path().join("a.sanad")));
    assert!(ok, "{err}");
    assert!(
        stdout.contains("encoding guessed: short.txt: windows-1256"),
        "{stdout}"
    );
    let (ok, stdout, err) = run(sanad()
        .arg("import")
        .arg(&folder)
        .arg("--encoding")
        .arg("cp1256")
        .arg("--project")
        .arg(dir.path().join("b.sanad")));
    assert!(ok, "{err}");
    assert!(!stdout.contains("encoding guessed"), "{stdout}");
    let p = Project::open_existing(&dir.path().join("b.sanad")).unwrap();
    assert_eq!(
        p.document(p.document_summaries().unwrap()[0].id)
            .unwrap()
            .text,
        "سجن"
    );
    let (ok, _, err) = run(sanad()
        .arg("import")
        .arg(&folder)
        .arg("--encoding")
        .arg("klingon"));
    assert!(!ok && err.contains("unknown encoding"), "{err}");
}

#[test]
fn export_gives_byte_offsets_and_warns_about_edge_spaces_and_invalid_rows() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    let original = b"\xEF\xBB\xBF\xD8\xA3\xD8\xAD\xD9\x85\xD8\xAF\r\n\xD8\xB3\xD8\xAC\xD9\x86 \xD8\xB5\xD9\x8A\xD8\xAF\xD9\x86\xD8\xA7\xD9\x8A\xD8\xA7\r\n";
    assert_eq!(
        std::str::from_utf8(&original[3..]).unwrap(),
        "أحمد\r\nسجن صيدنايا\r\n"
    );
    std::fs::write(folder.join("bom.txt"), original).unwrap();
    let project = dir.path().join("p.sanad");
    assert!(
        run(sanad()
            .arg("import")
            .arg(&folder)
            .arg("--project")
            .arg(&project))
        .0
    );
    {
        let mut p = Project::open_existing(&project).unwrap();
        let doc = p.document_summaries().unwrap()[0].id;
        for (start, end) in [(6, 17), (5, 10)] {
            p.apply(&Action::AddAnnotation {
                id: None,
                document_id: doc,
                start,
                end,
                label: "PRISON".into(),
            })
            .unwrap();
        }
    }
    let (ok, stdout, err) = run(sanad()
        .arg("export")
        .arg(&project)
        .arg("--offsets")
        .arg("bytes"));
    assert!(ok, "{err}");
    let line: serde_json::Value = serde_json::from_str(stdout.trim_end()).unwrap();
    // With --offsets bytes, start/end count UTF-8 bytes of `text` (no BOM there): chars [6, 17)
    // start after "أحمد" (4 letters of 2 bytes) and CR LF, at byte 10.
    assert_eq!(line["offset_unit"], "utf8");
    let prison = line["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["start"] == 10)
        .unwrap();
    assert_eq!(prison["end"], 10 + "سجن صيدنايا".len());
    let (a, b) = (
        prison["byte_start"].as_u64().unwrap() as usize,
        prison["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(std::str::from_utf8(&original[a..b]).unwrap(), "سجن صيدنايا");
    // [5, 10) starts with the line feed: a warning on stderr, the export still succeeds.
    assert!(err.contains("warning: bom.txt: span 0 [5, 10)"), "{err}");
    {
        let c = rusqlite::Connection::open(&project).unwrap();
        c.execute_batch(r#"UPDATE annotations SET "end" = 99 WHERE start = 5"#)
            .unwrap();
    }
    let (ok, _, err) = run(sanad().arg("export").arg(&project));
    assert!(
        !ok && err.contains("bom.txt") && err.contains("ends past the text"),
        "{err}"
    );
    let (ok, stdout, err) = run(sanad().arg("export").arg(&project).arg("--skip-invalid"));
    assert!(ok, "{err}");
    assert!(err.contains("left out annotation"), "{err}");
    let line: serde_json::Value = serde_json::from_str(stdout.trim_end()).unwrap();
    assert_eq!(line["spans"].as_array().unwrap().len(), 1);
}
