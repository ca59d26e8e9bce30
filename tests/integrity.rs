//! Project integrity (issue 7): the project is one file, a new project is Sanad's from its first
//! commit, writers wait, one editing window, backups, exports never over a project, import keeps
//! identity by content, provenance in the export, invalid data never exported as fine.

use crate::corpus;

use sanad::corpus::{ImportOptions, import_folder, import_folder_with};
use sanad::export::jsonl::{self, ExportError};
use sanad::export::{ExportOptions, OffsetExtras};
use sanad::model::Action;
use sanad::store::{FileKind, NewDocument, Project, StoreError, inspect};
use std::path::{Path, PathBuf};

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

/// A new project file in a temporary folder holding one document `a.txt` with `text`:
/// (folder, project path, project, document id).
fn project_with(text: &str) -> (tempfile::TempDir, PathBuf, Project, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    let doc = p
        .add_documents(&[NewDocument::from_text("a.txt", text)])
        .unwrap()[0];
    (dir, path, p, doc)
}

/// A byte copy of the project file alone (nothing beside it) in a fresh folder.
fn copy_alone(project: &Path, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let copy = dir.join("copy.sanad");
    std::fs::copy(project, &copy).unwrap();
    copy
}

fn companions(project: &Path) -> Vec<String> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .filter_map(|s| {
            let mut name = project.as_os_str().to_owned();
            name.push(s);
            Path::new(&name).exists().then(|| s.to_string())
        })
        .collect()
}

#[test]
fn a_copy_of_the_file_alone_holds_every_finished_action_while_the_project_is_open() {
    let (dir, path, mut p, doc) = project_with("أحمد زيدان في سجن صيدنايا");
    p.lock_for_editing().unwrap();
    add(&mut p, doc, 0, 10, "PERSON");
    add(&mut p, doc, 14, 25, "PRISON");
    assert_eq!(
        companions(&path),
        Vec::<String>::new(),
        "nothing beside the file"
    );
    let copy = copy_alone(&path, &dir.path().join("c1"));
    let c = Project::open_existing(&copy).unwrap();
    assert_eq!(
        c.annotations(doc).unwrap().len(),
        2,
        "the copy has both spans"
    );
    // A garbage WAL or journal beside the file changes nothing.
    drop(c);
    drop(p);
    std::fs::write(format!("{}-wal", path.display()), vec![0xA5; 4096]).unwrap();
    std::fs::write(format!("{}-journal", path.display()), vec![0x5A; 4096]).unwrap();
    let p = Project::open_existing(&path).unwrap();
    assert_eq!(p.annotations(doc).unwrap().len(), 2);
    assert!(p.integrity_problems().unwrap().is_empty());
}

#[test]
fn a_new_project_is_sanads_from_its_first_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sanad");
    let p = Project::open_or_create(&path).unwrap();
    // Still open, never closed or checkpointed: the header on disk already says Sanad.
    assert!(matches!(inspect(&path).unwrap(), FileKind::Sanad { .. }));
    let copy = copy_alone(&path, &dir.path().join("c"));
    assert!(matches!(inspect(&copy).unwrap(), FileKind::Sanad { .. }));
    assert!(
        !Project::open_existing(&copy)
            .unwrap()
            .labels()
            .unwrap()
            .is_empty()
    );
    drop(p);
}

#[test]
fn an_empty_stub_left_by_an_interrupted_first_transaction_becomes_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stub.sanad");
    {
        // What an older Sanad left when it died (or the disk filled) before its first commit:
        // a SQLite file in WAL mode with no schema and no application id.
        let c = rusqlite::Connection::open(&path).unwrap();
        let mode: String = c
            .query_row("PRAGMA journal_mode=wal", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
    assert_eq!(inspect(&path).unwrap(), FileKind::New);
    let mut p = Project::open_or_create(&path).unwrap();
    p.add_documents(&[NewDocument::from_text("a.txt", "نص")])
        .unwrap();
    drop(p);
    assert!(matches!(inspect(&path).unwrap(), FileKind::Sanad { .. }));
    // A database of another program with tables is still refused, untouched.
    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    assert!(matches!(
        Project::open_or_create(&other),
        Err(StoreError::ForeignDatabase { .. })
    ));
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[test]
fn two_processes_creating_the_same_new_project_create_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.sanad");
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (path, barrier) = (path.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                Project::open_or_create(&path).map(|p| p.labels().unwrap().len())
            })
        })
        .collect();
    let counts: Vec<usize> = handles
        .into_iter()
        .map(|h| h.join().unwrap().unwrap())
        .collect();
    let defaults = sanad::model::LabelScheme::default_scheme()
        .unwrap()
        .labels
        .len();
    assert_eq!(counts, vec![defaults; 4], "the default scheme, once");
}

#[test]
fn a_reader_open_during_an_import_does_not_keep_the_import_out_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    corpus::write_folder(&folder, 150, 12);
    let path = dir.path().join("p.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    let reader =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let report = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert_eq!(report.added.len(), 150);
    let seen: i64 = reader
        .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(seen, 150, "the reader sees the committed import");
    let copy = copy_alone(&path, &dir.path().join("c"));
    assert_eq!(
        Project::open_existing(&copy)
            .unwrap()
            .document_summaries()
            .unwrap()
            .len(),
        150
    );
}

#[test]
fn a_writer_waits_for_another_connections_long_transaction_and_succeeds() {
    let (_dir, path, mut p, doc) = project_with("سجن صيدنايا");
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let holder = {
        let path = path.clone();
        std::thread::spawn(move || {
            // Another process's import batch: a write transaction held for 2 s.
            let mut other = Project::open_existing(&path).unwrap();
            let batch: Vec<NewDocument> = (0..50)
                .map(|i| NewDocument::from_text(&format!("b{i}.txt"), &corpus::document(i, 30)))
                .collect();
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch(
                "BEGIN IMMEDIATE; INSERT INTO meta(key, value) VALUES ('busy', 'yes');",
            )
            .unwrap();
            started_tx.send(()).unwrap();
            std::thread::sleep(std::time::Duration::from_secs(2));
            c.execute_batch("COMMIT").unwrap();
            other.add_documents(&batch).unwrap();
        })
    };
    started_rx.recv().unwrap();
    // The label action starts while the other transaction holds the write lock: it waits.
    let id = add(&mut p, doc, 0, 3, "PRISON");
    holder.join().unwrap();
    assert_eq!(p.annotations(doc).unwrap()[0].id, id);
    assert_eq!(p.meta("busy").unwrap().as_deref(), Some("yes"));
    assert_eq!(p.document_summaries().unwrap().len(), 51);
}

#[test]
fn after_a_long_wait_the_writer_gets_a_clear_message_and_nothing_is_half_written() {
    let (_dir, path, mut p, doc) = project_with("سجن صيدنايا");
    p.set_busy_timeout(std::time::Duration::from_millis(200))
        .unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = p
        .apply(&Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: 0,
            end: 3,
            label: "PRISON".into(),
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err}");
    assert!(err.to_string().contains("nothing was changed"), "{err}");
    other.execute_batch("COMMIT").unwrap();
    assert!(p.annotations(doc).unwrap().is_empty());
    assert_eq!(p.audit_len().unwrap(), 1, "only the import");
    add(&mut p, doc, 0, 3, "PRISON");
}

#[test]
fn a_second_window_on_the_same_project_is_refused_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sanad");
    let mut first = Project::open_or_create(&path).unwrap();
    first.lock_for_editing().unwrap();
    let mut second = Project::open_existing(&path).unwrap();
    let err = second.lock_for_editing().unwrap_err();
    assert!(matches!(err, StoreError::AlreadyOpen { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("already open in another Sanad window")
    );
    // The command line may still read and write it (imports and exports wait their turn).
    let doc = second
        .add_documents(&[NewDocument::from_text("a.txt", "نص")])
        .unwrap()[0];
    assert_eq!(first.document(doc).unwrap().text, "نص");
    drop(first);
    second.lock_for_editing().unwrap();
}

#[test]
fn backup_while_open_gives_a_copy_that_exports_identically_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    corpus::write_folder(&folder, 5, 8);
    let path = dir.path().join("p.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    p.lock_for_editing().unwrap();
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let doc = p.document_summaries().unwrap()[0].id;
    add(&mut p, doc, 0, 5, "PERSON");
    let out = dir.path().join("backup.sanad");
    p.backup_to(&out).unwrap();
    let export = |q: &Project| {
        let mut buf = Vec::new();
        jsonl::write_jsonl(q, ExportOptions::default(), &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    };
    let copy = Project::open_existing(&out).unwrap();
    assert_eq!(export(&copy), export(&p));
    assert!(copy.integrity_problems().unwrap().is_empty());
    assert!(matches!(
        p.backup_to(&out),
        Err(StoreError::OutputExists { .. })
    ));
    assert!(p.backup_to(&path).is_err(), "never over the project itself");
    // Never under a journal's name, nor beside a stale journal (SQLite would play it back into
    // the copy); never into a folder that does not exist, and nothing is left behind.
    assert!(p.backup_to(&dir.path().join("x.sanad-journal")).is_err());
    std::fs::write(dir.path().join("stale.sanad-journal"), vec![0xD9; 512]).unwrap();
    assert!(p.backup_to(&dir.path().join("stale.sanad")).is_err());
    let err = p
        .backup_to(&dir.path().join("nodir/../new.sanad"))
        .unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(
        export(&Project::open_existing(&path).unwrap()),
        export(&copy)
    );
}

#[test]
fn export_never_writes_over_the_project_or_another_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    p.add_documents(&[NewDocument::from_text("a.txt", "نص")])
        .unwrap();
    let other = dir.path().join("other.sanad");
    drop(Project::open_or_create(&other).unwrap());
    let other_before = std::fs::read(&other).unwrap();
    for target in [
        path.clone(),
        dir.path().join("p.sanad-journal"),
        other.clone(),
    ] {
        let err =
            sanad::export::write_jsonl_file(&p, ExportOptions::default(), &target).unwrap_err();
        assert!(
            matches!(
                err,
                ExportError::OverProject(_) | ExportError::OverDatabase(_)
            ),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&other).unwrap(), other_before);
    drop(p);
    assert_eq!(
        Project::open_existing(&path)
            .unwrap()
            .document_summaries()
            .unwrap()
            .len(),
        1,
        "the project still opens"
    );
}

#[test]
fn a_renamed_or_moved_file_keeps_its_document_and_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "سجن صيدنايا").unwrap();
    std::fs::write(folder.join("b.txt"), "فرع فلسطين").unwrap();
    let mut p = Project::in_memory().unwrap();
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let (doc, _) = p.document_by_path("a.txt").unwrap().unwrap();
    add(&mut p, doc, 0, 11, "PRISON");
    std::fs::create_dir(folder.join("moved")).unwrap();
    std::fs::rename(folder.join("a.txt"), folder.join("moved/a-2020.txt")).unwrap();
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert_eq!(
        r.renamed,
        vec![("a.txt".to_owned(), "moved/a-2020.txt".to_owned())]
    );
    assert!(r.added.is_empty() && r.missing.is_empty(), "{r:?}");
    assert_eq!(
        p.document_by_path("moved/a-2020.txt").unwrap().unwrap().0,
        doc
    );
    assert_eq!(p.annotations(doc).unwrap().len(), 1);
    assert_eq!(p.document(doc).unwrap().name, "a-2020.txt");
    assert_eq!(p.document_summaries().unwrap().len(), 2);
}

#[test]
fn byte_identical_duplicates_are_imported_once_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "سجن صيدنايا").unwrap();
    std::fs::write(folder.join("b.txt"), "سجن صيدنايا").unwrap();
    std::fs::write(folder.join("c.txt"), "سجن تدمر").unwrap();
    let mut p = Project::in_memory().unwrap();
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert_eq!(r.added, vec!["a.txt", "c.txt"]);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].rel_path, "b.txt");
    assert!(
        r.skipped[0].reason.contains("same content as a.txt"),
        "{:?}",
        r.skipped
    );
    // Again: the duplicate gets its notice again, nothing new is added.
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert!(r.added.is_empty());
    assert!(r.skipped[0].reason.contains("same content as a.txt"));
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_neither_collide_nor_abort_the_import() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, text) in [
        (&b"a\xff.txt"[..], "نص أول"),
        (&b"a\xfe.txt"[..], "نص ثان"),
        (&b"good.txt"[..], "نص ثالث"),
    ] {
        std::fs::write(folder.join(std::ffi::OsStr::from_bytes(name)), text).unwrap();
    }
    let mut p = Project::in_memory().unwrap();
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert_eq!(r.added, vec!["a\\xFE.txt", "a\\xFF.txt", "good.txt"]);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
}

#[cfg(unix)]
#[test]
fn a_folder_deeper_than_path_max_is_reported_not_skipped_silently() {
    let dir = tempfile::tempdir().unwrap();
    // Built inside out so that no call needs a path over PATH_MAX.
    let long = "ع".repeat(120); // 240 bytes
    let mut inner = dir.path().join("level0");
    std::fs::create_dir(&inner).unwrap();
    std::fs::write(inner.join("deep.txt"), "نص عميق").unwrap();
    for k in 1..=18 {
        let outer = dir.path().join(format!("level{k}"));
        std::fs::create_dir(&outer).unwrap();
        std::fs::rename(&inner, outer.join(&long)).unwrap();
        inner = outer;
    }
    let folder = dir.path().join("corpus");
    std::fs::rename(&inner, &folder).unwrap();
    std::fs::write(folder.join("top.txt"), "نص").unwrap();
    let mut p = Project::in_memory().unwrap();
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert_eq!(r.added, vec!["top.txt"]);
    assert_eq!(r.skipped.len(), 1, "{:?}", r.skipped);
    assert!(
        r.skipped[0].reason.contains("longer than 4096 bytes")
            || r.skipped[0].reason.contains("cannot be read"),
        "{:?}",
        r.skipped
    );
}

#[test]
fn a_forced_encoding_decodes_every_file_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("حلب");
    std::fs::write(folder.join("a.txt"), &bytes).unwrap();
    let mut p = Project::in_memory().unwrap();
    let options = ImportOptions {
        encoding: Some(encoding_rs::WINDOWS_1256),
    };
    let r = import_folder_with(&mut p, &folder, &options, &mut |_, _| {}).unwrap();
    assert!(r.guessed.is_empty(), "forced, not guessed");
    let doc = p.document(p.document_summaries().unwrap()[0].id).unwrap();
    assert_eq!(
        (doc.text.as_str(), doc.encoding.as_str()),
        ("حلب", "windows-1256")
    );
}

#[test]
fn byte_offsets_point_into_the_original_file_with_its_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    let mut original = vec![0xEF, 0xBB, 0xBF];
    original.extend("أحمد\r\nسجن صيدنايا\r\n".as_bytes());
    std::fs::write(folder.join("bom.txt"), &original).unwrap();
    let mut p = Project::in_memory().unwrap();
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let doc = p.document_summaries().unwrap()[0].id;
    // "سجن صيدنايا" is chars 6..17 of the stored text (BOM stripped, CR LF kept).
    add(&mut p, doc, 6, 17, "PRISON");
    let options = ExportOptions {
        offsets: OffsetExtras::Bytes,
        ..Default::default()
    };
    let mut buf = Vec::new();
    jsonl::write_jsonl(&p, options, &mut buf).unwrap();
    let line: serde_json::Value = serde_json::from_slice(&buf).unwrap();
    assert_eq!(line["encoding"], "UTF-8");
    assert_eq!(line["bom"], true);
    assert_eq!(line["sha256"], sanad::model::sha256_hex(&original));
    let span = &line["spans"][0];
    let (a, b) = (
        span["byte_start"].as_u64().unwrap() as usize,
        span["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(std::str::from_utf8(&original[a..b]).unwrap(), "سجن صيدنايا");
    assert_eq!(span["text"], "سجن صيدنايا");
}

#[test]
fn unicode_line_separators_are_escaped_so_every_record_stays_on_its_line() {
    let mut p = Project::in_memory().unwrap();
    let text = "سطر\u{2028}فقرة\u{2029}سطر\u{85}نهاية";
    let doc = p
        .add_documents(&[NewDocument::from_text("a.txt", text)])
        .unwrap()[0];
    add(&mut p, doc, 0, 8, "CLAIM");
    p.add_documents(&[NewDocument::from_text("b.txt", "ثان")])
        .unwrap();
    let mut buf = Vec::new();
    jsonl::write_jsonl(&p, ExportOptions::default(), &mut buf).unwrap();
    let out = String::from_utf8(buf).unwrap();
    // Python's str.splitlines() breaks at these (and at \n, \r, \x0b, \x0c, \x1c-\x1e).
    let breaks = |c: char| {
        matches!(
            c,
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'
                ..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    };
    let lines: Vec<&str> = out.split(breaks).filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(out.contains("\\u2028") && out.contains("\\u2029") && out.contains("\\u0085"));
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["text"], text, "the escapes decode to the same text");
    assert_eq!(first["spans"][0]["text"], "سطر\u{2028}فقرة");
}

#[test]
fn invalid_rows_fail_the_export_by_name_or_are_skipped_with_a_warning() {
    let (_dir, path, mut p, doc) = project_with("سجن صيدنايا في ريف دمشق");
    let good = add(&mut p, doc, 0, 11, "PRISON");
    let reversed = add(&mut p, doc, 15, 23, "ORGANIZATION");
    let past_end = add(&mut p, doc, 12, 14, "PERSON");
    let unnamed = add(&mut p, doc, 4, 11, "CLAIM");
    {
        // Damage done outside Sanad, with SQLite's checks turned off.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(&format!(
            r#"PRAGMA ignore_check_constraints = 1;
               UPDATE annotations SET start = 20, "end" = 16 WHERE id = {reversed};
               UPDATE annotations SET "end" = 400 WHERE id = {past_end};
               UPDATE labels SET name = '' WHERE name = 'CLAIM';"#
        ))
        .unwrap();
    }
    let p = Project::open_existing(&path).unwrap();
    let err = jsonl::documents(&p, ExportOptions::default()).unwrap_err();
    let ExportError::Invalid(bad) = &err else {
        panic!("{err}")
    };
    let ids: Vec<i64> = bad.iter().map(|b| b.annotation).collect();
    assert_eq!(ids.len(), 3);
    for id in [reversed, past_end, unnamed] {
        assert!(ids.contains(&id), "{err}");
    }
    assert!(err.to_string().contains("a.txt"), "{err}");
    let options = ExportOptions {
        skip_invalid: true,
        ..Default::default()
    };
    let docs = jsonl::documents(&p, options).unwrap();
    assert_eq!(docs[0].spans.len(), 1);
    assert_eq!(docs[0].spans[0].text, "سجن صيدنايا");
    assert!(
        docs[0]
            .warnings
            .iter()
            .filter(|w| w.starts_with("left out"))
            .count()
            == 3
    );
    // A changed text is refused outright, --skip-invalid or not: tests/tamper.rs.
    let _ = (good, doc);
}

#[test]
fn a_span_with_edge_space_is_warned_about() {
    let mut p = Project::in_memory().unwrap();
    let doc = p
        .add_documents(&[NewDocument::from_text("a.txt", "في المعتقل اليوم")])
        .unwrap()[0];
    add(&mut p, doc, 3, 11, "PRISON"); // "المعتقل " with its space, stored as is
    let docs = jsonl::documents(&p, ExportOptions::default()).unwrap();
    assert_eq!(docs[0].spans[0].text, "المعتقل ");
    assert!(
        docs[0].warnings.iter().any(|w| w.contains("white space")),
        "{:?}",
        docs[0].warnings
    );
}

#[test]
fn annotation_files_in_the_folder_are_reported_not_silently_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "سجن صيدنايا").unwrap();
    std::fs::write(folder.join("a.ann"), "T1\tPRISON 0 11\tسجن صيدنايا\n").unwrap();
    std::fs::write(folder.join("annotation.conf"), "[entities]\nPRISON\n").unwrap();
    std::fs::write(folder.join("tasks.jsonl"), "{}\n").unwrap();
    std::fs::write(folder.join("notes.md"), "not an annotation file").unwrap();
    let mut p = Project::in_memory().unwrap();
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert_eq!(r.added, vec!["a.txt"]);
    let skipped: Vec<&str> = r.skipped.iter().map(|s| s.rel_path.as_str()).collect();
    assert_eq!(skipped, vec!["a.ann", "annotation.conf", "tasks.jsonl"]);
    assert!(
        r.skipped[0].reason.contains("brat standoff annotations"),
        "{:?}",
        r.skipped
    );
}

fn import_texts(folder: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(folder).unwrap();
    for (name, text) in files {
        let path = folder.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn swapped_files_and_a_file_renamed_then_replaced_keep_their_documents() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    import_texts(
        &folder,
        &[
            ("a.txt", "سجن صيدنايا"),
            ("c.txt", "فرع فلسطين"),
            ("d.txt", "سجن تدمر"),
        ],
    );
    let mut p = Project::in_memory().unwrap();
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let id = |p: &Project, path: &str| p.document_by_path(path).unwrap().unwrap().0;
    let (a, c, d) = (id(&p, "a.txt"), id(&p, "c.txt"), id(&p, "d.txt"));
    add(&mut p, c, 0, 3, "PRISON");
    // Swap c and d; rename a to moved.txt and write a new a.txt.
    std::fs::rename(folder.join("c.txt"), folder.join("tmp")).unwrap();
    std::fs::rename(folder.join("d.txt"), folder.join("c.txt")).unwrap();
    std::fs::rename(folder.join("tmp"), folder.join("d.txt")).unwrap();
    std::fs::rename(folder.join("a.txt"), folder.join("moved.txt")).unwrap();
    std::fs::write(folder.join("a.txt"), "نص جديد").unwrap();
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let mut renamed = r.renamed.clone();
    renamed.sort();
    assert_eq!(
        renamed,
        vec![
            ("a.txt".to_owned(), "moved.txt".to_owned()),
            ("c.txt".to_owned(), "d.txt".to_owned()),
            ("d.txt".to_owned(), "c.txt".to_owned()),
        ]
    );
    assert_eq!(r.added, vec!["a.txt"], "{r:?}");
    assert!(
        r.changed.is_empty() && r.skipped.is_empty() && r.missing.is_empty(),
        "{r:?}"
    );
    assert_eq!(id(&p, "d.txt"), c, "c's document followed its bytes");
    assert_eq!(id(&p, "c.txt"), d);
    assert_eq!(id(&p, "moved.txt"), a);
    assert_eq!(p.annotations(c).unwrap().len(), 1);
    assert_eq!(p.document(c).unwrap().text, "فرع فلسطين");
    // A file overwritten by another one's bytes: nothing moves onto a path still held.
    std::fs::rename(folder.join("moved.txt"), folder.join("d.txt")).unwrap();
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert!(r.renamed.is_empty(), "{r:?}");
    assert_eq!(r.changed, vec!["d.txt"]);
    assert_eq!(r.missing, vec!["moved.txt"]);
    assert_eq!(p.document(c).unwrap().text, "فرع فلسطين", "kept as it was");
}

#[cfg(unix)]
#[test]
fn an_escaped_name_never_collides_with_a_literal_one() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join(std::ffi::OsStr::from_bytes(b"bad\xff.txt")),
        "نص أول",
    )
    .unwrap();
    std::fs::write(folder.join("bad\\xFF.txt"), "نص ثان").unwrap();
    let mut p = Project::in_memory().unwrap();
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert_eq!(r.added.len(), 2, "{r:?}");
    assert_eq!(p.document_summaries().unwrap().len(), 2);
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert_eq!((r.unchanged, r.changed.len()), (2, 0), "{r:?}");
}

#[cfg(unix)]
#[test]
fn a_pipe_named_like_a_text_file_is_listed_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    import_texts(&folder, &[("a.txt", "نص")]);
    let fifo = folder.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipped: mkfifo is not available here");
        return;
    }
    let mut p = Project::in_memory().unwrap();
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert_eq!(r.added, vec!["a.txt"]);
    assert_eq!(r.skipped.len(), 1);
    assert!(r.skipped[0].reason.contains("not a regular file"), "{r:?}");
}

#[test]
fn an_empty_file_of_another_name_is_not_taken_over_as_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, b"").unwrap();
    assert!(matches!(
        Project::open_or_create(&notes),
        Err(StoreError::Empty { .. })
    ));
    assert_eq!(std::fs::read(&notes).unwrap(), b"");
    let empty = dir.path().join("new.sanad");
    std::fs::write(&empty, b"").unwrap();
    Project::open_or_create(&empty).unwrap();
}

#[test]
fn byte_offsets_warn_when_the_file_on_disk_changed_since_import() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    import_texts(&folder, &[("c.txt", "ملفه سياسي"), ("d.txt", "سياسة")]);
    let mut p = Project::in_memory().unwrap();
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let c = p.document_by_path("c.txt").unwrap().unwrap().0;
    add(&mut p, c, 0, 4, "CLAIM");
    std::fs::write(folder.join("c.txt"), "نص آخر تماماً").unwrap();
    std::fs::remove_file(folder.join("d.txt")).unwrap();
    let options = ExportOptions {
        offsets: OffsetExtras::Bytes,
        ..Default::default()
    };
    let docs = jsonl::documents(&p, options).unwrap();
    let warned = |path: &str, what: &str| {
        docs.iter()
            .find(|d| d.path == path)
            .unwrap()
            .warnings
            .iter()
            .any(|w| w.contains(what))
    };
    assert!(warned("c.txt", "changed since import"));
    assert!(warned("d.txt", "no longer at"));
    let span = &docs.iter().find(|d| d.path == "c.txt").unwrap().spans[0];
    assert_eq!(
        (span.byte_start, span.byte_end),
        (Some(0), Some(8)),
        "into the imported bytes"
    );
}

#[test]
fn a_project_named_like_a_journal_or_beside_a_users_file_of_that_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["keep.sanad-wal", "x.sanad-journal", "y.SANAD-SHM"] {
        let err = Project::open_or_create(&dir.path().join(name))
            .err()
            .unwrap();
        assert!(
            err.to_string().contains("named like a database journal"),
            "{err}"
        );
        assert!(!dir.path().join(name).exists());
    }
    let notes = dir.path().join("new.sanad-journal");
    std::fs::write(&notes, "my precious notes").unwrap();
    let err = Project::open_or_create(&dir.path().join("new.sanad"))
        .err()
        .unwrap();
    assert!(err.to_string().contains("move it away"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "my precious notes"
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_given_as_the_project_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pf.sanad");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipped: mkfifo is not available here");
        return;
    }
    let err = Project::open_existing(&fifo).err().unwrap();
    assert!(err.to_string().contains("not a regular file"), "{err}");
    assert!(Project::open_or_create(&fifo).is_err());
}

#[cfg(unix)]
#[test]
fn hidden_folders_and_links_to_folders_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    import_texts(&folder, &[("a.txt", "نص"), (".hid/h.txt", "مخفي")]);
    let elsewhere = dir.path().join("elsewhere");
    import_texts(&elsewhere, &[("e.txt", "بعيد")]);
    std::os::unix::fs::symlink(&elsewhere, folder.join("link")).unwrap();
    let mut p = Project::in_memory().unwrap();
    let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    assert_eq!(r.added, vec!["a.txt"]);
    let listed: Vec<(&str, &str)> = r
        .skipped
        .iter()
        .map(|s| (s.rel_path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        listed,
        vec![
            (".hid", "hidden folder (not read)"),
            ("link", "symbolic link to a folder (not followed)")
        ]
    );
}

#[test]
fn renaming_a_document_to_where_it_already_is_changes_and_records_nothing() {
    let (_dir, _path, mut p, doc) = project_with("نص");
    let audit = p.audit_len().unwrap();
    assert_eq!(
        p.rename_documents(&[(doc, "a.txt".into())]).unwrap(),
        vec![false]
    );
    assert_eq!(p.audit_len().unwrap(), audit);
    assert_eq!(
        p.rename_documents(&[(doc, "b.txt".into())]).unwrap(),
        vec![true]
    );
    assert_eq!(p.audit_len().unwrap(), audit + 1);
}

#[test]
fn a_relation_to_an_annotation_outside_the_document_is_warned_about() {
    let (_dir, path, mut p, doc) = project_with("سجن صيدنايا في ريف دمشق");
    let other = p
        .add_documents(&[NewDocument::from_text("b.txt", "أحمد زيدان")])
        .unwrap()[0];
    let prison = add(&mut p, doc, 0, 11, "PRISON");
    let person = add(&mut p, other, 0, 10, "PERSON");
    drop(p);
    {
        // A relation across documents, made outside Sanad.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "INSERT INTO relations(document_id, head_id, child_id, relation_type_id, created_at)
             VALUES (?1, ?2, ?3, (SELECT id FROM relation_types WHERE name = 'held_in'), '')",
            rusqlite::params![doc, person, prison],
        )
        .unwrap();
    }
    let p = Project::open_existing(&path).unwrap();
    let docs = jsonl::documents(&p, ExportOptions::default()).unwrap();
    let a = docs.iter().find(|d| d.path == "a.txt").unwrap();
    assert!(a.relations.is_empty());
    assert!(
        a.warnings.iter().any(|w| w.contains("left out relation")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn a_damaged_project_file_is_refused_by_the_export_not_read_in_part() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    corpus::write_folder(&folder, 60, 30);
    let path = dir.path().join("p.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    drop(p);
    // Garbage over pages in the middle of the file, as a torn copy would have.
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    let pages = bytes.len() / page;
    for k in [pages / 3, pages / 2, 2 * pages / 3] {
        for b in &mut bytes[k * page..(k + 1) * page] {
            *b = 0x5A;
        }
    }
    let torn = dir.path().join("torn.sanad");
    std::fs::write(&torn, &bytes).unwrap();
    let exported = Project::open_existing(&torn)
        .map_err(|e| e.to_string())
        .and_then(|t| jsonl::documents(&t, ExportOptions::default()).map_err(|e| e.to_string()));
    let err = exported.err().expect("a damaged file is not exported");
    assert!(
        err.contains("damaged") || err.contains("malformed"),
        "{err}"
    );
}
