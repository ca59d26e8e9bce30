//! Tamper-evident history (issue 14 §4): the audit log's hash chain and each document's text
//! hash. A fresh project verifies, and so does one after import, annotation, undo and redo; a
//! byte flipped in a stored text names that document (and export refuses it); an edited, deleted
//! or reordered audit row names the first broken row; a schema-4 project migrates and verifies;
//! `sanad verify PROJECT` exits 0 with one line, or 1 naming what broke.
//!
//! Expected row ids come from counting the rows each test writes (one per action, one for the
//! import); the hash of the first row is recomputed here from the encoding the docs of
//! src/store/chain.rs describe, with `sha2` directly.

use sanad::export::ExportError;
use sanad::export::jsonl::{self, ExportOptions};
use sanad::model::Action;
use sanad::store::verify::RowProblem;
use sanad::store::{NewDocument, Project};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// A project file with two documents and `adds` annotations: audit rows are the import (id 1)
/// then one per annotation (ids 2..=adds+1).
fn project_with_rows(dir: &Path, adds: usize) -> PathBuf {
    let path = dir.join("p.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    p.set_actor("layla");
    let docs = p
        .add_documents(&[
            NewDocument::from_text("a.txt", "سجن صيدنايا في ريف دمشق"),
            NewDocument::from_text("b.txt", "قالت منظمة العفو الدولية Amnesty إن أحمد اعتقل"),
        ])
        .unwrap();
    for i in 0..adds {
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: docs[0],
            start: i,
            end: i + 3,
            label: "PRISON".into(),
        })
        .unwrap();
    }
    path
}

fn copy(path: &Path, name: &str) -> PathBuf {
    let to = path.with_file_name(name);
    std::fs::copy(path, &to).unwrap();
    to
}

#[test]
fn a_fresh_project_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let p = Project::open_or_create(&dir.path().join("new.sanad")).unwrap();
    let r = p.verify().unwrap();
    assert!(r.ok(), "{:?}", r.lines());
    assert_eq!(
        (r.audit_rows, r.documents, r.chain_started_at),
        (0, 0, None)
    );
    assert_eq!(r.chain_head, None);
}

#[test]
fn the_first_row_hash_follows_the_documented_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_rows(dir.path(), 0);
    let p = Project::open_existing(&path).unwrap();
    let project_id = p.meta("project_id").unwrap().unwrap();
    let c = raw(&path);
    let (at, actor, action, after, prev, row): (String, String, String, String, String, String) = c
        .query_row(
            "SELECT at, actor, action, after, prev_hash, row_hash FROM audit_log WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .unwrap();
    // Genesis: "sanad audit chain v1", NUL, u64 BE length, project id.
    let mut g = b"sanad audit chain v1\0".to_vec();
    g.extend((project_id.len() as u64).to_be_bytes());
    g.extend(project_id.as_bytes());
    let genesis = Sha256::digest(&g);
    assert_eq!(prev, hex(&genesis));
    // Fields: id, at, actor, action, before, after, document_id, annotation_id.
    let text = |out: &mut Vec<u8>, s: &str| {
        out.push(2);
        out.extend((s.len() as u64).to_be_bytes());
        out.extend(s.as_bytes());
    };
    let mut input = genesis.to_vec();
    input.push(1);
    input.extend(1i64.to_be_bytes());
    text(&mut input, &at);
    text(&mut input, &actor);
    text(&mut input, &action);
    input.push(0); // before: NULL
    text(&mut input, &after);
    input.push(0); // document_id: NULL
    input.push(0); // annotation_id: NULL
    assert_eq!(row, hex(&Sha256::digest(&input)));
    assert_eq!((actor.as_str(), action.as_str()), ("layla", "import"));
    assert_eq!(p.audit_chain_head().unwrap(), Some((1, row)));
}

#[test]
fn import_annotate_undo_and_redo_in_the_app_keep_the_chain_whole() {
    use sanad::ui::dialogs::ScriptedDialogs;
    use sanad::ui::{Command as UiCommand, SanadApp};
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "سجن صيدنايا في ريف دمشق").unwrap();
    let project = dir.path().join("p.sanad");
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(UiCommand::OpenFolder {
        folder,
        project: Some(project.clone()),
    });
    app.wait_for_import();
    let doc = app.current().unwrap().document.id;
    app.run_command(UiCommand::Apply(Action::AddAnnotation {
        id: None,
        document_id: doc,
        start: 0,
        end: 11,
        label: "PRISON".into(),
    }));
    app.run_command(UiCommand::Undo);
    app.run_command(UiCommand::Redo);
    assert_eq!(app.error(), None);
    assert_eq!(app.verification_warning(), None);
    let r = app.project().unwrap().verify().unwrap();
    assert!(r.ok(), "{:?}", r.lines());
    let actions: Vec<String> = raw(&project)
        .prepare("SELECT action FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(actions.len(), 4, "{actions:?}");
    assert_eq!(actions[..2], ["import", "add_annotation"]);
    assert!(actions[2].starts_with("undo: ") && actions[3].starts_with("redo: "));
}

#[test]
fn a_flipped_byte_in_a_text_names_the_document_and_export_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_rows(dir.path(), 2);
    {
        // Flip the lowest bit of the first byte of "Amnesty" ('A' 0x41 -> '@' 0x40) in b.txt.
        let c = raw(&path);
        let mut bytes: Vec<u8> = c
            .query_row(
                "SELECT CAST(text AS BLOB) FROM documents WHERE rel_path = 'b.txt'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let at = bytes.iter().position(|&b| b == b'A').unwrap();
        bytes[at] ^= 1;
        c.execute(
            "UPDATE documents SET text = CAST(?1 AS TEXT) WHERE rel_path = 'b.txt'",
            [bytes],
        )
        .unwrap();
    }
    let p = Project::open_existing(&path).unwrap();
    let r = p.verify().unwrap();
    assert!(!r.ok());
    assert_eq!(r.broken_row, None, "the audit chain is untouched");
    let changed: Vec<(i64, &str)> = r
        .changed_documents
        .iter()
        .map(|d| (d.id, d.rel_path.as_str()))
        .collect();
    assert_eq!(changed, [(2, "b.txt")]);
    assert!(r.lines()[0].contains("b.txt"), "{:?}", r.lines());
    // Export refuses it, naming it: a library error, not a panic, with or without
    // --skip-invalid.
    for skip_invalid in [false, true] {
        let options = ExportOptions {
            skip_invalid,
            ..Default::default()
        };
        match jsonl::documents(&p, options) {
            Err(e @ ExportError::TextChanged { id: 2, .. }) => {
                let msg = e.to_string();
                assert!(msg.contains("b.txt") && msg.ends_with(&path.display().to_string()));
            }
            other => panic!("{:?}", other.map(|d| d.len())),
        }
    }
    let out = sanad()
        .args(["export", "--format", "csv", "--output"])
        .arg(dir.path().join("out.csv"))
        .arg(&path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("b.txt"));
    assert!(!dir.path().join("out.csv").exists());
    // The app warns when it opens the project.
    drop(p);
    let mut app =
        sanad::ui::SanadApp::new(Box::new(sanad::ui::dialogs::ScriptedDialogs::default()));
    app.run_command(sanad::ui::Command::OpenProject(path.clone()));
    let warning = app.verification_warning().unwrap_or_default();
    assert!(warning.contains("b.txt"), "{warning:?}");
}

/// The first broken row of a copy of `path` changed by `sql`.
fn broken_after(path: &Path, name: &str, sql: &str) -> (i64, RowProblem) {
    let copy = copy(path, name);
    raw(&copy).execute_batch(sql).unwrap();
    let r = Project::open_existing(&copy).unwrap().verify().unwrap();
    assert!(r.changed_documents.is_empty());
    let row = r
        .broken_row
        .unwrap_or_else(|| panic!("{sql}: nothing found"));
    (row.id, row.problem)
}

#[test]
fn an_edited_deleted_or_reordered_row_names_the_first_broken_row() {
    let dir = tempfile::tempdir().unwrap();
    // Rows: 1 import, 2..=6 five annotations.
    let path = project_with_rows(dir.path(), 5);
    let r = Project::open_existing(&path).unwrap().verify().unwrap();
    assert!(r.ok() && r.audit_rows == 6, "{:?}", r.lines());

    assert_eq!(
        broken_after(
            &path,
            "actor.sanad",
            "UPDATE audit_log SET actor = 'omar' WHERE id = 3"
        ),
        (3, RowProblem::Content)
    );
    assert_eq!(
        broken_after(
            &path,
            "after.sanad",
            "UPDATE audit_log SET after = replace(after, '\"start\":3', '\"start\":4') WHERE id = 5"
        ),
        (5, RowProblem::Content)
    );
    assert_eq!(
        broken_after(&path, "delete.sanad", "DELETE FROM audit_log WHERE id = 3"),
        (4, RowProblem::Link { previous: Some(2) })
    );
    assert_eq!(
        broken_after(&path, "first.sanad", "DELETE FROM audit_log WHERE id = 1"),
        (2, RowProblem::Link { previous: None })
    );
    assert_eq!(
        broken_after(
            &path,
            "swap.sanad",
            "UPDATE audit_log SET id = -4 WHERE id = 4;
             UPDATE audit_log SET id = 4 WHERE id = 3;
             UPDATE audit_log SET id = 3 WHERE id = -4;"
        ),
        (3, RowProblem::Link { previous: Some(2) })
    );
    assert_eq!(
        broken_after(
            &path,
            "nohash.sanad",
            "UPDATE audit_log SET row_hash = NULL WHERE id = 6"
        ),
        (6, RowProblem::NoHash)
    );
    // The last row removed: the chain left is whole, but it does not end where the project
    // recorded (row 6).
    let cut = copy(&path, "cut.sanad");
    raw(&cut)
        .execute_batch("DELETE FROM audit_log WHERE id = 6")
        .unwrap();
    let r = Project::open_existing(&cut).unwrap().verify().unwrap();
    assert_eq!(r.broken_row, None);
    assert_eq!(r.head_mismatch.clone().flatten().map(|h| h.0), Some(6));
    assert!(!r.ok() && r.lines()[0].contains("row 6"), "{:?}", r.lines());
    // The limit, as the README says: whoever also rewrites the recorded head is not caught
    // (here the whole chain after the cut is unchanged, so only the head needs rewriting).
    raw(&cut)
        .execute_batch(
            "UPDATE meta SET value = (SELECT id || ' ' || row_hash FROM audit_log WHERE id = 5)
             WHERE key = 'audit_chain_head'",
        )
        .unwrap();
    assert!(Project::open_existing(&cut).unwrap().verify().unwrap().ok());
    // A row added by hand without a hash.
    assert_eq!(
        broken_after(
            &path,
            "insert.sanad",
            "INSERT INTO audit_log(at, actor, action) VALUES ('2026-01-01T00:00:00Z', 'x', 'forged')"
        ),
        (7, RowProblem::NoHash)
    );
}

#[test]
fn a_schema_4_project_migrates_and_then_verifies() {
    use sanad::store::schema::{APPLICATION_ID, MIGRATIONS};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.sanad");
    let text = "سجن صيدنايا";
    let text_sha = hex(&Sha256::digest(text.as_bytes()));
    {
        let c = raw(&path);
        for sql in &MIGRATIONS[..4] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 4).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        c.execute_batch(&format!(
            r#"INSERT INTO meta(key, value) VALUES ('project_id', '0123456789abcdef0123456789abcdef');
               INSERT INTO labels(name, color, key, description, position) VALUES ('PRISON', '#e15759', '3', '', 0);
               INSERT INTO documents(name, rel_path, text, sha256, encoding, byte_len, char_count, imported_at, text_sha256)
                 VALUES ('a.txt', 'a.txt', '{text}', '0', 'UTF-8', 21, 11, '2026-01-01T00:00:00Z', '{text_sha}');
               INSERT INTO annotations(document_id, start, "end", label_id, created_at) VALUES (1, 0, 3, 1, '2026-01-01T00:00:00Z');
               INSERT INTO audit_log(at, actor, action, before, after) VALUES
                 ('2026-01-01T00:00:00Z', 'layla', 'import', NULL, '{{"documents":["a.txt"]}}'),
                 ('2026-01-01T00:01:00Z', 'layla', 'add_annotation', NULL, '{{"id":1}}');"#
        ))
        .unwrap();
    }
    let mut p = Project::open_existing(&path).unwrap();
    let r = p.verify().unwrap();
    assert!(r.ok(), "{:?}", r.lines());
    // Two rows found, then the migration's own row (id 3) that starts the chain.
    assert_eq!((r.audit_rows, r.chain_started_at), (3, Some(3)));
    let (action, after): (String, String) = raw(&path)
        .query_row(
            "SELECT action, after FROM audit_log WHERE id = 3",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(action, "start_hash_chain");
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(
        after,
        serde_json::json!({"rows_hashed_as_found": 2, "from_schema": 4})
    );
    assert!(r.summary().contains("migration"), "{}", r.summary());
    p.apply(&Action::AddAnnotation {
        id: None,
        document_id: 1,
        start: 4,
        end: 11,
        label: "PRISON".into(),
    })
    .unwrap();
    let r = p.verify().unwrap();
    assert!(r.ok() && r.audit_rows == 4, "{:?}", r.lines());
    drop(p);
    // Rows from before the migration are vouched for from the migration on.
    assert_eq!(
        broken_after(
            &path,
            "old-edit.sanad",
            "UPDATE audit_log SET actor = 'x' WHERE id = 1"
        ),
        (1, RowProblem::Content)
    );
}

#[test]
fn verify_on_the_command_line_exits_by_what_it_finds() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_rows(dir.path(), 3);
    let out = sanad().arg("verify").arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].starts_with("project verified: 4 audit rows") && lines[0].contains("2 documents"),
        "{stdout}"
    );

    let bad = copy(&path, "bad.sanad");
    raw(&bad)
        .execute_batch(
            "UPDATE audit_log SET action = 'delete_annotation' WHERE id = 2;
             UPDATE documents SET text = text || '.' WHERE rel_path = 'a.txt';",
        )
        .unwrap();
    let out = sanad().arg("verify").arg(&bad).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("first broken audit row: id 2 (at ")
            && stdout.contains("actor layla, action delete_annotation"),
        "{stdout}"
    );
    assert!(
        stdout.contains("changed document: id 1 (a.txt)"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.sanad"));

    // Another program's database gets the project refusal, not "no export manifest".
    let other = dir.path().join("other.db");
    raw(&other).execute_batch("CREATE TABLE t(x);").unwrap();
    let out = sanad().arg("verify").arg(&other).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a Sanad project"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // --key belongs to exports.
    let out = sanad()
        .arg("verify")
        .arg(&path)
        .args(["--key", "x.pub"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_export_manifest_records_the_chain_head() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_rows(dir.path(), 1);
    let head = Project::open_existing(&path)
        .unwrap()
        .audit_chain_head()
        .unwrap()
        .unwrap();
    assert_eq!(head.0, 2);
    let out_file = dir.path().join("out.jsonl");
    let out = sanad()
        .args(["export", "--output"])
        .arg(&out_file)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.jsonl.manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["audit_chain_head"], head.1.as_str());
}

#[test]
fn the_app_shows_a_banner_for_a_project_that_fails_verification_until_dismissed() {
    use egui_kittest::kittest::Queryable;
    let (dir, mut h) = crate::common::app_with(&[("a.txt", "سجن صيدنايا Sednaya")]);
    let path = dir.path().join("p.sanad");
    assert!(h.query_by_label_contains("failed verification").is_none());
    raw(&path)
        .execute_batch("UPDATE documents SET text = replace(text, 'S', 'Z')")
        .unwrap();
    h.state_mut()
        .run_command(sanad::ui::Command::OpenProject(path.clone()));
    h.run();
    let warning = h
        .state()
        .verification_warning()
        .unwrap_or_default()
        .to_owned();
    assert!(
        warning.contains("failed verification") && warning.contains("a.txt"),
        "warning {warning:?}, error {:?}",
        h.state().error()
    );
    let banner = h.get_by_label_contains("failed verification");
    let text = format!("{banner:?}");
    assert!(text.contains("a.txt"), "{text}");
    // An action does not clear it (it is not an error message); Dismiss does.
    let doc = h.state().current().unwrap().document.id;
    h.state_mut()
        .run_command(sanad::ui::Command::Apply(Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: 0,
            end: 3,
            label: "PRISON".into(),
        }));
    h.run();
    assert!(h.query_by_label_contains("failed verification").is_some());
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.query_by_label_contains("failed verification").is_none());
    assert_eq!(h.state().verification_warning(), None);
}
