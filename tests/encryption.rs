//! Encrypted projects (issue 14 §1): SQLCipher with a passphrase; no plaintext on disk; a wrong
//! passphrase refused with the file untouched; encrypt, decrypt and rekey; the command line
//! reads passphrases from files or the terminal, never from its arguments.

use sanad::model::Action;
use sanad::secret::Passphrase;
use sanad::store::crypt::{decrypt_file, encrypt_file, rekey_file};
use sanad::store::{FileKind, NewDocument, Project, StoreError, inspect};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A name as it would be in a witness statement; searched for in the raw bytes.
const NAME: &str = "عبد الرحمن الحلبي";
const TEXT: &str = "اعتقل عبد الرحمن الحلبي في حلب يوم 3 آذار 2013 (رقم الملف 77).";
/// "SQLite format 3" and a NUL: the first 16 bytes of every plain SQLite file (sqlite.org/fileformat.html).
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

fn pass(s: &str) -> Passphrase {
    Passphrase::new(s.to_owned()).unwrap()
}

/// A plain project with one document and one PERSON span over `NAME` (chars 6..23, counted by
/// hand: "اعتقل " is 6 chars, the name 17).
fn plain_project(path: &Path) {
    let mut p = Project::open_or_create(path).unwrap();
    let ids = p
        .add_documents(&[NewDocument::from_text("statement.txt", TEXT)])
        .unwrap();
    p.apply(&Action::AddAnnotation {
        id: None,
        document_id: ids[0],
        start: 6,
        end: 23,
        label: "PERSON".into(),
    })
    .unwrap();
}

/// Documents (path, text) and spans (start, end, label id) of a project.
type Content = (Vec<(String, String)>, Vec<(usize, usize, i64)>);

fn content(p: &Project) -> Content {
    let mut docs = Vec::new();
    let mut spans = Vec::new();
    for d in p.document_summaries().unwrap() {
        let doc = p.document(d.id).unwrap();
        docs.push((doc.rel_path.clone(), doc.text.clone()));
        for a in p.annotations(d.id).unwrap() {
            spans.push((a.start, a.end, a.label_id));
        }
    }
    (docs, spans)
}

/// The project file and every file beside it whose name starts with the project's (journals,
/// temporary files), with their bytes.
fn files_on_disk(path: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = path.parent().unwrap();
    let stem = path.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(&stem))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn sha256(path: &Path) -> String {
    sanad::model::sha256_hex(&std::fs::read(path).unwrap())
}

#[test]
fn encrypted_project_holds_no_plaintext_and_opens_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    plain_project(&path);
    // Control: the plain file does hold the name, so the search below can find it.
    assert!(contains(&std::fs::read(&path).unwrap(), NAME.as_bytes()));
    let before = content(&Project::open_existing(&path).unwrap());
    assert_eq!(before.1.len(), 1);

    encrypt_file(&path, &pass("correct horse")).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_ne!(&bytes[..16], SQLITE_MAGIC);
    assert_eq!(inspect(&path).unwrap(), FileKind::Encrypted);
    for (file, bytes) in files_on_disk(&path) {
        assert!(!contains(&bytes, NAME.as_bytes()), "{}", file.display());
        assert!(!contains(&bytes, "حلب".as_bytes()), "{}", file.display());
    }

    let mut p = Project::open_encrypted(&path, &pass("correct horse")).unwrap();
    assert!(p.is_encrypted());
    assert_eq!(content(&p), before);
    // Writes after encryption stay encrypted too (the journal is encrypted by SQLCipher; it is
    // deleted at commit, see the unit test in src/store/crypt.rs for one caught mid-transaction).
    let doc = p.document_summaries().unwrap()[0].id;
    p.apply(&Action::AddAnnotation {
        id: None,
        document_id: doc,
        start: 27,
        end: 30,
        label: "PRISON".into(),
    })
    .unwrap();
    p.add_documents(&[NewDocument::from_text(
        "second.txt",
        "شهادة محمد خير الشامي",
    )])
    .unwrap();
    drop(p);
    for (file, bytes) in files_on_disk(&path) {
        assert!(!contains(&bytes, NAME.as_bytes()), "{}", file.display());
        assert!(
            !contains(&bytes, "محمد خير الشامي".as_bytes()),
            "{}",
            file.display()
        );
    }
    // Without the passphrase it does not open.
    assert!(matches!(
        Project::open_existing(&path),
        Err(StoreError::Encrypted { .. })
    ));
}

#[test]
fn wrong_passphrase_is_refused_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    drop(Project::create_encrypted(&path, &pass("right")).unwrap());
    let hash = sha256(&path);
    let listing = files_on_disk(&path).len();
    let err = Project::open_encrypted(&path, &pass("wrong"))
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::WrongPassphrase { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "wrong passphrase or not a Sanad project: {}",
            path.display()
        )
    );
    assert_eq!(sha256(&path), hash);
    assert_eq!(
        files_on_disk(&path).len(),
        listing,
        "no file was left beside it"
    );
    assert!(Project::open_encrypted(&path, &pass("right")).is_ok());
}

#[test]
fn a_file_of_random_pages_is_not_taken_for_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noise.sanad");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, &noise).unwrap();
    assert!(matches!(
        Project::open_existing(&path),
        Err(StoreError::Encrypted { .. })
    ));
    assert!(matches!(
        Project::open_encrypted(&path, &pass("any")),
        Err(StoreError::WrongPassphrase { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), noise);
}

#[test]
fn rekey_old_passphrase_fails_new_one_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    plain_project(&path);
    let before = content(&Project::open_existing(&path).unwrap());
    encrypt_file(&path, &pass("old one")).unwrap();
    rekey_file(&path, &pass("old one"), &pass("new one")).unwrap();
    assert!(matches!(
        Project::open_encrypted(&path, &pass("old one")),
        Err(StoreError::WrongPassphrase { .. })
    ));
    let p = Project::open_encrypted(&path, &pass("new one")).unwrap();
    assert_eq!(content(&p), before);
    drop(p);
    // A rekey with a wrong current passphrase changes nothing.
    let hash = sha256(&path);
    assert!(matches!(
        rekey_file(&path, &pass("old one"), &pass("third")),
        Err(StoreError::WrongPassphrase { .. })
    ));
    assert_eq!(sha256(&path), hash);
    for (file, bytes) in files_on_disk(&path) {
        assert!(!contains(&bytes, NAME.as_bytes()), "{}", file.display());
    }
}

#[test]
fn decrypt_round_trip_gives_the_plain_project_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    plain_project(&path);
    let plain = Project::open_existing(&path).unwrap();
    let (before, audit) = (content(&plain), plain.audit_len().unwrap());
    drop(plain);
    encrypt_file(&path, &pass("p")).unwrap();
    decrypt_file(&path, &pass("p")).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..16], SQLITE_MAGIC);
    assert!(matches!(inspect(&path).unwrap(), FileKind::Sanad { .. }));
    let p = Project::open_existing(&path).unwrap();
    assert!(!p.is_encrypted());
    assert_eq!(content(&p), before);
    assert_eq!(p.audit_len().unwrap(), audit, "the audit log came along");
    drop(p);
    // Only the project is left in the folder (no temporary file).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    assert!(matches!(
        decrypt_file(&path, &pass("p")),
        Err(StoreError::Refused(_))
    ));
}

#[test]
fn backup_of_an_encrypted_project_is_encrypted_with_the_same_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    plain_project(&path);
    let before = content(&Project::open_existing(&path).unwrap());
    encrypt_file(&path, &pass("k")).unwrap();
    let p = Project::open_encrypted(&path, &pass("k")).unwrap();
    let copy = dir.path().join("copy.sanad");
    p.backup_to(&copy).unwrap();
    let bytes = std::fs::read(&copy).unwrap();
    assert_ne!(&bytes[..16], SQLITE_MAGIC);
    assert!(!contains(&bytes, NAME.as_bytes()));
    assert!(matches!(
        Project::open_existing(&copy),
        Err(StoreError::Encrypted { .. })
    ));
    let c = Project::open_encrypted(&copy, &pass("k")).unwrap();
    assert_eq!(content(&c), before);
    // A second connection (background exports) opens with the same key.
    assert_eq!(content(&p.reopen().unwrap()), before);
}

#[test]
fn sqlcipher_still_has_fts5() {
    // The store's search runs in memory today; FTS5 stays available for the index of issue 9.
    let c = rusqlite::Connection::open_in_memory().unwrap();
    c.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(x); INSERT INTO t VALUES ('شهادة عن الاعتقال');",
    )
    .unwrap();
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM t WHERE t MATCH 'شهادة'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

fn sanad() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sanad"));
    c.env_remove("SANAD_PASSPHRASE_FILE").stdin(Stdio::null());
    c
}

fn run(c: &mut Command) -> (bool, String, String) {
    let out = c.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_encrypt_export_rekey_decrypt_with_passphrase_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    plain_project(&path);
    let first = dir.path().join("first.pass");
    std::fs::write(&first, "كلمة سر طويلة\n").unwrap();
    let second = dir.path().join("second.pass");
    std::fs::write(&second, "another one").unwrap();

    let (ok, _, err) = run(sanad()
        .arg("encrypt")
        .arg(&path)
        .arg("--passphrase-file")
        .arg(&first));
    assert!(ok, "{err}");
    assert!(!contains(&std::fs::read(&path).unwrap(), NAME.as_bytes()));
    // The line end of the file is not part of the passphrase.
    assert!(Project::open_encrypted(&path, &pass("كلمة سر طويلة")).is_ok());

    // No file and no terminal: a clear error, nothing written.
    let hash = sha256(&path);
    let (ok, out, err) = run(sanad().arg("export").arg(&path));
    assert!(!ok && out.is_empty(), "{out}");
    assert!(
        err.contains("--passphrase-file") && err.contains("no terminal"),
        "{err}"
    );
    assert_eq!(sha256(&path), hash);

    // The passphrase file, by option and by environment variable.
    let (ok, out, err) = run(sanad()
        .arg("export")
        .arg(&path)
        .arg("--passphrase-file")
        .arg(&first));
    assert!(ok, "{err}");
    assert!(out.contains(NAME), "{out}");
    let (ok, out, err) = run(sanad()
        .arg("search")
        .arg(&path)
        .arg("الحلبي")
        .env("SANAD_PASSPHRASE_FILE", &first));
    assert!(ok, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");

    // A wrong passphrase file.
    let (ok, _, err) = run(sanad()
        .arg("export")
        .arg(&path)
        .arg("--passphrase-file")
        .arg(&second));
    assert!(!ok);
    assert!(
        err.contains("wrong passphrase or not a Sanad project"),
        "{err}"
    );
    // Our one line, without SQLCipher's own log lines.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(sha256(&path), hash);

    // `verify` takes the encrypted project as a project (not as an export without a
    // manifest) and walks its hash chain with the passphrase.
    let (ok, out, err) = run(sanad()
        .arg("verify")
        .arg(&path)
        .arg("--passphrase-file")
        .arg(&first));
    assert!(ok, "{out}{err}");
    assert!(!err.contains("manifest"), "{err}");
    assert_eq!(sha256(&path), hash);

    // rekey
    let (ok, _, err) = run(sanad()
        .arg("rekey")
        .arg(&path)
        .arg("--passphrase-file")
        .arg(&first)
        .arg("--new-passphrase-file")
        .arg(&second));
    assert!(ok, "{err}");
    assert!(Project::open_encrypted(&path, &pass("another one")).is_ok());

    // decrypt warns that it writes plaintext
    let (ok, _, err) = run(sanad()
        .arg("decrypt")
        .arg(&path)
        .arg("--passphrase-file")
        .arg(&second));
    assert!(ok, "{err}");
    assert!(err.contains("plaintext"), "{err}");
    assert_eq!(&std::fs::read(&path).unwrap()[..16], SQLITE_MAGIC);
    // A plain project needs no passphrase, as before.
    let (ok, out, err) = run(sanad().arg("export").arg(&path));
    assert!(ok && out.contains(NAME), "{err}");
}

#[test]
fn cli_never_takes_a_passphrase_as_an_argument() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    plain_project(&path);
    let hash = sha256(&path);
    for args in [
        vec!["encrypt", "--passphrase", "secret"],
        vec!["encrypt", "--passphrase=secret"],
        vec!["encrypt", "--key", "secret"],
        vec!["encrypt", "secret"],
    ] {
        let (ok, _, err) = run(sanad().arg(args[0]).arg(&path).args(&args[1..]));
        assert!(!ok, "{args:?} was accepted");
        assert!(err.contains("unexpected argument"), "{args:?}: {err}");
    }
    // And with no file and no terminal, encrypt asks nobody and writes nothing.
    let (ok, _, err) = run(sanad().arg("encrypt").arg(&path));
    assert!(!ok && err.contains("--passphrase-file"), "{err}");
    assert_eq!(sha256(&path), hash);
}

#[test]
fn the_app_asks_for_the_passphrase_masked_and_asks_again_when_it_is_wrong() {
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{By, Queryable};
    use sanad::ui::dialogs::ScriptedDialogs;
    use sanad::ui::passphrase::PassphrasePurpose;
    use sanad::ui::{Command, SanadApp};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    plain_project(&path);
    encrypt_file(&path, &pass("right one")).unwrap();
    let hash = sha256(&path);

    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::OpenProject(path.clone()));
    assert_eq!(app.passphrase_prompt(), Some(PassphrasePurpose::Open));
    assert!(app.project().is_none());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    let field = || By::new().role(Role::PasswordInput);
    h.get(field()).click();
    h.run();
    h.get(field()).type_text("wrong one");
    h.run();
    // Masked: the accessibility tree (what a screen reader reads out) has bullets, not the text.
    let shown = h.get(field()).value().unwrap_or_default();
    assert!(!shown.contains("wrong"), "{shown:?}");
    assert_eq!(shown.chars().count(), "wrong one".chars().count());
    h.get_by_label("Open").click();
    h.run();
    h.run();
    assert_eq!(h.state().passphrase_prompt(), Some(PassphrasePurpose::Open));
    let message = h.state().passphrase_error().expect("a message");
    assert!(message.starts_with("Wrong passphrase"), "{message}");
    assert!(h.state().project().is_none());
    assert_eq!(
        sha256(&path),
        hash,
        "a wrong passphrase leaves the file as it was"
    );

    // The field was emptied by the try; the right passphrase opens the project.
    h.get(field()).click();
    h.run();
    h.get(field()).type_text("right one");
    h.run();
    h.get_by_label("Open").click();
    h.run();
    h.run();
    let app = h.state();
    assert_eq!(app.passphrase_prompt(), None);
    let p = app.project().expect("the project is open");
    assert!(p.is_encrypted());
    assert_eq!(p.document_summaries().unwrap().len(), 1);
    assert!(app.current().is_some(), "the first document is shown");
}

#[test]
fn cli_starts_a_new_project_encrypted_and_imports_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("statement.txt"), TEXT).unwrap();
    let path = dir.path().join("new.sanad");
    let key = dir.path().join("key.pass");
    std::fs::write(&key, "عبارة مرور\n").unwrap();
    let (ok, _, err) = run(sanad()
        .arg("encrypt")
        .arg(&path)
        .arg("--passphrase-file")
        .arg(&key));
    assert!(ok, "{err}");
    assert!(err.contains("new encrypted project"), "{err}");
    assert_eq!(inspect(&path).unwrap(), FileKind::Encrypted);
    let (ok, out, err) = run(sanad()
        .arg("import")
        .arg(&corpus)
        .arg("--project")
        .arg(&path)
        .arg("--passphrase-file")
        .arg(&key));
    assert!(ok, "{out} {err}");
    assert!(out.contains("imported 1 document(s)"), "{out}");
    for (file, bytes) in files_on_disk(&path) {
        assert!(!contains(&bytes, NAME.as_bytes()), "{}", file.display());
    }
    let p = Project::open_encrypted(&path, &pass("عبارة مرور")).unwrap();
    let docs = content(&p).0;
    assert_eq!(docs, vec![("statement.txt".to_owned(), TEXT.to_owned())]);
}

#[test]
fn the_app_encrypts_the_open_project_after_the_passphrase_is_typed_twice_alike() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::{By, Queryable};
    use sanad::ui::Command;
    use sanad::ui::passphrase::PassphrasePurpose;

    let (dir, mut h) = crate::common::app_with(&[("statement.txt", TEXT)]);
    let path = dir.path().join("p.sanad");
    assert!(!h.state().project().unwrap().is_encrypted());
    h.state_mut().send(Command::ChooseEncryptProject);
    h.run();
    assert_eq!(
        h.state().passphrase_prompt(),
        Some(PassphrasePurpose::Encrypt)
    );
    let fields = || By::new().role(Role::PasswordInput);
    let type_into = |h: &mut egui_kittest::Harness<'_, sanad::ui::SanadApp>, n: usize, s: &str| {
        h.get_all(fields()).nth(n).unwrap().click();
        h.run();
        h.get_all(fields()).nth(n).unwrap().type_text(s);
        h.run();
    };
    type_into(&mut h, 0, "سر طويل جدا");
    type_into(&mut h, 1, "سر طويل جدًا");
    h.get_by_label("Encrypt").click();
    h.run();
    h.run();
    let message = h.state().passphrase_error().expect("the two differ");
    assert!(message.contains("differ"), "{message}");
    assert!(!h.state().project().unwrap().is_encrypted());
    assert_eq!(&std::fs::read(&path).unwrap()[..16], SQLITE_MAGIC);

    type_into(&mut h, 1, "سر طويل جدا");
    h.get_by_label("Encrypt").click();
    h.run();
    h.run();
    assert_eq!(h.state().passphrase_prompt(), None);
    let app = h.state();
    assert!(app.project().expect("open again").is_encrypted());
    assert!(app.current().is_some());
    let bytes = std::fs::read(&path).unwrap();
    assert_ne!(&bytes[..16], SQLITE_MAGIC);
    assert!(!contains(&bytes, NAME.as_bytes()));
    drop(h);
    let p = Project::open_encrypted(&path, &pass("سر طويل جدا")).unwrap();
    assert_eq!(
        content(&p).0,
        vec![("statement.txt".to_owned(), TEXT.to_owned())]
    );
}

#[test]
fn the_app_imports_a_folder_into_the_open_encrypted_project() {
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{By, Queryable};
    use sanad::ui::dialogs::ScriptedDialogs;
    use sanad::ui::{Command, SanadApp};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    drop(Project::create_encrypted(&path, &pass("k e y")).unwrap());
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::OpenProject(path.clone()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    h.get(By::new().role(Role::PasswordInput)).click();
    h.run();
    h.get(By::new().role(Role::PasswordInput))
        .type_text("k e y");
    h.run();
    h.get_by_label("Open").click();
    h.run();
    h.run();
    assert!(h.state().project().expect("open").is_encrypted());

    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("statement.txt"), TEXT).unwrap();
    h.state_mut().run_command(Command::OpenFolder {
        folder: corpus,
        project: Some(path.clone()),
    });
    h.state_mut().wait_for_import();
    let app = h.state();
    assert_eq!(app.error(), None);
    let p = app.project().expect("opened again after the import");
    assert!(p.is_encrypted());
    assert_eq!(p.document_summaries().unwrap().len(), 1);
    assert_eq!(app.passphrase_prompt(), None, "not asked again");
    for (file, bytes) in files_on_disk(&path) {
        assert!(!contains(&bytes, NAME.as_bytes()), "{}", file.display());
    }
}

#[test]
fn the_app_makes_a_new_encrypted_project_from_a_folder() {
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{By, Queryable};
    use sanad::ui::dialogs::ScriptedDialogs;
    use sanad::ui::passphrase::PassphrasePurpose;
    use sanad::ui::{Command, SanadApp};

    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("statement.txt"), TEXT).unwrap();
    let dialogs = ScriptedDialogs {
        folder: Some(corpus.clone()),
        ..ScriptedDialogs::default()
    };
    let mut app = SanadApp::new(Box::new(dialogs));
    app.run_command(Command::ChooseNewEncryptedProject);
    assert_eq!(app.passphrase_prompt(), Some(PassphrasePurpose::Create));
    // The folder's project goes beside it (README "Where the project lives").
    let path = dir.path().join("corpus.sanad");
    assert!(!path.exists(), "nothing is written before the passphrase");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    for n in 0..2 {
        h.get_all(By::new().role(Role::PasswordInput))
            .nth(n)
            .unwrap()
            .click();
        h.run();
        h.get_all(By::new().role(Role::PasswordInput))
            .nth(n)
            .unwrap()
            .type_text("لا تنسها");
        h.run();
    }
    h.get_by_label("Create").click();
    h.run();
    h.state_mut().wait_for_import();
    h.run();
    let app = h.state();
    assert_eq!(app.error(), None);
    let p = app.project().expect("the new project is open");
    assert!(p.is_encrypted());
    assert_eq!(p.path(), path.as_path());
    assert_eq!(p.document_summaries().unwrap().len(), 1);
    assert_eq!(inspect(&path).unwrap(), FileKind::Encrypted);
    for (file, bytes) in files_on_disk(&path) {
        assert!(!contains(&bytes, NAME.as_bytes()), "{}", file.display());
    }
    // A second time, the file is there: refused before any passphrase is asked.
    drop(h);
    let mut app = SanadApp::new(Box::new(ScriptedDialogs {
        folder: Some(corpus),
        ..ScriptedDialogs::default()
    }));
    app.run_command(Command::ChooseNewEncryptedProject);
    assert_eq!(app.passphrase_prompt(), None);
    assert!(
        app.error().is_some_and(|e| e.contains("already")),
        "{:?}",
        app.error()
    );
}

#[test]
fn the_app_exports_an_encrypted_project_in_the_background() {
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{By, Queryable};
    use sanad::ui::dialogs::ScriptedDialogs;
    use sanad::ui::{Command, SanadApp};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    plain_project(&path);
    encrypt_file(&path, &pass("export key")).unwrap();
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::OpenProject(path.clone()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    h.get(By::new().role(Role::PasswordInput)).click();
    h.run();
    h.get(By::new().role(Role::PasswordInput))
        .type_text("export key");
    h.run();
    h.get_by_label("Open").click();
    h.run();
    h.run();
    assert!(h.state().project().expect("open").is_encrypted());
    // The export runs on a second connection, opened with the same passphrase.
    let out = dir.path().join("out.jsonl");
    h.state_mut().run_command(Command::Export {
        path: out.clone(),
        request: sanad::export::Request::default(),
    });
    h.state_mut().wait_for_export();
    let summary = h.state().export_outcome().cloned().unwrap().unwrap();
    assert_eq!((summary.documents, summary.spans), (1, 1));
    // Exports are plaintext (README: "What it does not protect").
    assert!(std::fs::read_to_string(&out).unwrap().contains(NAME));
}

/// First run (no annotator name yet) and an encrypted project given on the command line: the
/// passphrase window has the keyboard, the name question follows once the project is open.
/// Before, both centred windows took the focus from each other every frame and neither field
/// received a key (seen under Xvfb with xdotool).
#[test]
fn on_a_first_run_the_passphrase_comes_before_the_name_question() {
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{By, Queryable};
    use sanad::ui::dialogs::ScriptedDialogs;
    use sanad::ui::{Command, SanadApp};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sanad");
    plain_project(&path);
    encrypt_file(&path, &pass("right one")).unwrap();
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()))
        .with_settings_file(dir.path().join("settings.ron"));
    app.run_command(Command::OpenProject(path.clone()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    let field = || By::new().role(Role::PasswordInput);
    // Only the passphrase window is up: typing reaches its field without a click.
    const WHY: &str = "Your name goes into the audit trail with every change you make.";
    assert!(h.query_by_label(WHY).is_none());
    h.get(field()).type_text("right one");
    h.run();
    h.get_by_label("Open").click();
    h.run();
    h.run();
    assert!(h.state().project().is_some(), "the project opened");
    // Now the first-run question.
    h.get_by_label(WHY);
}
