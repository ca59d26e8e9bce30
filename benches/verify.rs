//! `Project::verify` (issue 14 §4: walk the audit log's hash chain, hash every document's text)
//! on a project of 10,000 documents and 10,000 audit rows, on a file as in use; and the same
//! after opening it, as the app does when it opens a project (src/ui/verify_banner.rs).
//!
//! Run with `cargo bench --bench verify -- --sample-size 10 --warm-up-time 1 --measurement-time 5`.
//! Medians measured 2026-12-01 with `--profile dev` (dependencies at opt-level 2, Sanad at 1; no
//! release build of the dependencies was at hand) on a 2-core machine shared with three other
//! builds (load about 9), 11.3 MB of text: verify 102 ms, open + verify 124 ms, open only
//! 0.48 ms. Also in the README (section "Tamper-evident history").

use criterion::{Criterion, criterion_group, criterion_main};
use sanad::model::Action;
use sanad::store::{NewDocument, Project};

#[path = "../tests/corpus/mod.rs"]
mod corpus;

const DOCUMENTS: usize = 10_000;
const ACTIONS: usize = 10_000;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    // Built in memory (10,000 commits to a file with synchronous=EXTRA would take minutes),
    // then copied to a file with SQLite's backup.
    let mut project = Project::in_memory().expect("project");
    let docs: Vec<NewDocument> = (0..DOCUMENTS)
        .map(|i| {
            NewDocument::from_text(
                &format!("doc-{i:05}.txt"),
                &corpus::document(i as u64 + 1, 10),
            )
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let ids = project.add_documents(&docs).expect("documents");
    for k in 0..ACTIONS - 1 {
        project
            .apply(&Action::AddAnnotation {
                id: None,
                document_id: ids[k % ids.len()],
                start: 0,
                end: 1 + k % 5,
                label: "PERSON".into(),
            })
            .expect("span");
    }
    let path = dir.path().join("p.sanad");
    project.backup_to(&path).expect("backup");
    drop(project);
    let project = Project::open_existing(&path).expect("open");
    eprintln!(
        "{DOCUMENTS} documents ({:.1} MB of text), {} audit rows",
        bytes as f64 / 1e6,
        project.audit_len().expect("audit")
    );
    assert!(project.verify().expect("verify").ok());
    let mut group = c.benchmark_group("verify, 10,000 documents, 10,000 audit rows");
    group.sample_size(10);
    group.bench_function("verify", |b| {
        b.iter(|| project.verify().expect("verify"));
    });
    group.bench_function("open + verify", |b| {
        b.iter(|| {
            Project::open_existing(&path)
                .expect("open")
                .verify()
                .expect("verify")
        });
    });
    group.bench_function("open only", |b| {
        b.iter(|| Project::open_existing(&path).expect("open"));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
