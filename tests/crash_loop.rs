//! Crash test: a child process is killed (SIGKILL, as `kill -9`) in the middle of a first
//! import and in the middle of labelling, at 24 points in all. After each kill the project must
//! open, pass SQLite's integrity check, hold everything committed (its audit log replays to the
//! stored annotations, its hash chain and text hashes verify), and a byte copy of the project file alone must open with the same content.
//! A first import interrupted this way is completed by the next import.

use crate::corpus;

use sanad::corpus::import_folder;
use sanad::model::Action;
use sanad::store::Project;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROLE: &str = "SANAD_CRASH_CHILD_ROLE";
const PROJECT: &str = "SANAD_CRASH_CHILD_PROJECT";
const FOLDER: &str = "SANAD_CRASH_CHILD_FOLDER";

/// The child's work: import the folder, or label and unlabel forever.
fn child(role: &str) {
    let project = PathBuf::from(std::env::var(PROJECT).unwrap());
    match role {
        "import" => {
            let folder = PathBuf::from(std::env::var(FOLDER).unwrap());
            let mut p = Project::open_or_create(&project).unwrap();
            import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
            std::thread::sleep(Duration::from_secs(60)); // finished: wait to be killed
        }
        _ => {
            let mut p = Project::open_existing(&project).unwrap();
            let docs: Vec<i64> = p
                .document_summaries()
                .unwrap()
                .iter()
                .map(|d| d.id)
                .collect();
            let mut rng = corpus::Lcg(std::process::id() as u64);
            let labels = ["PERSON", "ORGANIZATION", "PRISON", "CLAIM"];
            let mut undo: Vec<Action> = Vec::new();
            loop {
                let doc = docs[rng.below(docs.len())];
                let len = p.document(doc).unwrap().text.chars().count();
                let start = rng.below(len - 20);
                let action = match rng.below(5) {
                    0 | 1 => Action::AddAnnotation {
                        id: None,
                        document_id: doc,
                        start,
                        end: start + 1 + rng.below(19),
                        label: labels[rng.below(4)].into(),
                    },
                    2 => match p.annotations(doc).unwrap().first() {
                        Some(a) => Action::DeleteAnnotation { id: a.id },
                        None => continue,
                    },
                    3 => match p.annotations(doc).unwrap().last() {
                        Some(a) => Action::ResizeAnnotation {
                            id: a.id,
                            start: a.start,
                            end: a.end + 1,
                        },
                        None => continue,
                    },
                    _ => match undo.pop() {
                        Some(inverse) => {
                            let _ = p.apply_tagged(&inverse, Some("undo"));
                            continue;
                        }
                        None => continue,
                    },
                };
                if let Ok(applied) = p.apply(&action) {
                    undo.push(applied.inverse);
                }
            }
        }
    }
}

fn spawn(role: &str, project: &Path, folder: &Path) -> std::process::Child {
    std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "crash_loop::crash_loop_kills_at_24_points", // its path in the one test binary
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ROLE, role)
        .env(PROJECT, project)
        .env(FOLDER, folder)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// Everything a project holds, as comparable text: documents and annotations.
fn content(p: &Project) -> (usize, Vec<String>) {
    let docs = p.document_summaries().unwrap();
    let spans = p
        .stored_annotations()
        .unwrap()
        .iter()
        .map(|(id, s)| format!("{id}:{s:?}"))
        .collect();
    (docs.len(), spans)
}

/// Checks a project right after its writer was killed.
fn check_after_kill(path: &Path, scratch: &Path, what: &str) -> (usize, usize) {
    let journal = PathBuf::from(format!("{}-journal", path.display()));
    // 1. A copy of the file alone, taken before anything opens it: when no write was in flight
    //    (no journal beside it), it opens and holds the same as the project opened normally.
    let early = (!journal.exists()).then(|| {
        let c = scratch.join(format!("early-{}.sanad", what.replace(' ', "-")));
        std::fs::copy(path, &c).unwrap();
        c
    });
    // 2. The project opens (a write in flight is rolled back), is sound, and its audit log
    //    replays to its annotations.
    let p = Project::open_existing(path).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(
        p.integrity_problems().unwrap(),
        Vec::<String>::new(),
        "{what}"
    );
    assert_eq!(
        p.replay_annotations().unwrap(),
        p.stored_annotations().unwrap(),
        "{what}"
    );
    // The audit log's hash chain and every text's hash hold (issue 14 §4).
    let report = p.verify().unwrap();
    assert!(report.ok(), "{what}: {:?}", report.lines());
    let got = content(&p);
    drop(p);
    // A journal left now is one SQLite does not count as hot (empty, or a zeroed header):
    // reading the project did not roll it back because there was nothing to roll back.
    if let Ok(bytes) = std::fs::read(&journal) {
        assert!(
            bytes.first().is_none_or(|&b| b == 0),
            "{what}: a hot journal stayed"
        );
    }
    // 3. A copy of the file alone, now, opens with the same content.
    let late = scratch.join(format!("late-{}.sanad", what.replace(' ', "-")));
    std::fs::copy(path, &late).unwrap();
    for copy in early.iter().chain(std::iter::once(&late)) {
        let c = Project::open_existing(copy).unwrap_or_else(|e| panic!("{what}: copy: {e}"));
        assert!(c.integrity_problems().unwrap().is_empty(), "{what}: copy");
        assert!(c.verify().unwrap().ok(), "{what}: copy verifies");
        assert_eq!(
            content(&c),
            got,
            "{what}: the copy holds what the project holds"
        );
    }
    (got.0, got.1.len())
}

#[test]
fn crash_loop_kills_at_24_points() {
    if let Ok(role) = std::env::var(ROLE) {
        child(&role);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    let files = 400;
    corpus::write_folder(&folder, files, 40);
    let scratch = dir.path().join("scratch");
    std::fs::create_dir(&scratch).unwrap();

    // How long a whole first import takes here, to spread the kills over it.
    let probe = dir.path().join("probe.sanad");
    let started = Instant::now();
    let mut p = Project::open_or_create(&probe).unwrap();
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    drop(p);
    let full = started.elapsed().max(Duration::from_millis(50));

    let mut kills = 0;
    let mut partial_imports = 0;
    for k in 0..12u32 {
        let path = dir.path().join(format!("import-{k}.sanad"));
        let mut c = spawn("import", &path, &folder);
        std::thread::sleep(full * k / 10 + Duration::from_millis(5));
        c.kill().unwrap();
        c.wait().unwrap();
        kills += 1;
        let what = format!("import kill {k}");
        // Killed before its first commit, the file is missing or empty: nothing was committed,
        // and the next import creates the project.
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
            let (docs, _) = check_after_kill(&path, &scratch, &what);
            partial_imports += usize::from(docs < files);
        }
        // The next import completes it.
        let mut p = Project::open_or_create(&path).unwrap();
        let r = import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
        assert_eq!(r.added.len() + r.unchanged, files, "{what}: {r:?}");
        assert_eq!(p.document_summaries().unwrap().len(), files, "{what}");
    }

    // Labelling, killed at 12 points.
    let path = dir.path().join("label.sanad");
    let mut p = Project::open_or_create(&path).unwrap();
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    drop(p);
    let mut spans_seen = 0;
    for k in 0..12u64 {
        let mut c = spawn("label", &path, &folder);
        std::thread::sleep(Duration::from_millis(40 + 23 * k));
        c.kill().unwrap();
        c.wait().unwrap();
        kills += 1;
        let (_, spans) = check_after_kill(&path, &scratch, &format!("label kill {k}"));
        spans_seen = spans_seen.max(spans);
    }
    println!("crash loop: {kills} kills, {partial_imports} mid-import, up to {spans_seen} spans");
    assert_eq!(kills, 24);
    assert!(
        partial_imports >= 3,
        "kills landed inside imports: {partial_imports}"
    );
    assert!(
        spans_seen > 0,
        "the labelling child committed actions before its kills"
    );
}
