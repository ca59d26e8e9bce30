//! A finished action survives the process being killed: a child process applies one action, then
//! aborts without closing the project (as `kill -9` would); the parent reopens the file.

use sanad::model::Action;
use sanad::store::{NewDocument, Project};

const CHILD_ENV: &str = "SANAD_DURABILITY_CHILD_PROJECT";

#[test]
fn annotation_survives_abort() {
    if let Ok(path) = std::env::var(CHILD_ENV) {
        let mut p = Project::open_existing(std::path::Path::new(&path)).unwrap();
        let id = p.document_summaries().unwrap()[0].id;
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: id,
            start: 0,
            end: 3,
            label: "PRISON".into(),
        })
        .unwrap();
        std::process::abort();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sanad");
    {
        let mut p = Project::open_or_create(&path).unwrap();
        p.add_documents(&[NewDocument {
            name: "a.txt".into(),
            rel_path: "a.txt".into(),
            text: "سجن صيدنايا".into(),
            sha256: "0".into(),
            encoding: "UTF-8".into(),
            byte_len: 0,
            bom: false,
            encoding_guessed: false,
        }])
        .unwrap();
    }
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "durability::annotation_survives_abort", // its path in the one test binary
            "--exact",
            "--nocapture",
        ])
        .env(CHILD_ENV, &path)
        .status()
        .unwrap();
    assert!(!status.success(), "the child aborted");
    let p = Project::open_existing(&path).unwrap();
    let id = p.document_summaries().unwrap()[0].id;
    let anns = p.annotations(id).unwrap();
    assert_eq!(
        anns.len(),
        1,
        "the committed action is there after the crash"
    );
    assert_eq!((anns[0].start, anns[0].end), (0, 3));
}
