//! The CSV, XLSX, Hugging Face, W3C and REFI-QDA exports of a project holding 100,000 spans over
//! 1,000 documents (issue 12's target: each under 3 s). Each run reads the project (as the CLI
//! does) and writes the whole export to memory or a temporary folder. `benches/export.rs` times
//! every format through `export_to`, as the CLI and the app run them.
//!
//! Run with `cargo bench --bench export_formats -- --sample-size 10 --warm-up-time 1
//! --measurement-time 5`. Medians measured 2026-12-01 in release on a 2-core machine shared with
//! three other cargo builds (load average 2.5-4): read the project 0.74 s, csv (to memory)
//! 1.28 s, xlsx (to memory) 2.56 s, hf (folder on disk) 1.27 s, w3c (to memory) 0.78 s,
//! refi-qda (file on disk) 1.53 s.

use criterion::{Criterion, criterion_group, criterion_main};
use sanad::export::{csv, hf, refi_qda, rows, w3c, xlsx};
use sanad::model::Action;
use sanad::store::{NewDocument, Project};

#[path = "../tests/corpus/mod.rs"]
mod corpus;

const DOCUMENTS: usize = 1_000;
const SPANS_PER_DOCUMENT: usize = 100;
const LABELS: [&str; 4] = ["PERSON", "ORGANIZATION", "PRISON", "CLAIM"];

fn project(dir: &std::path::Path) -> Project {
    let mut p = Project::open_or_create(&dir.join("bench.sanad")).expect("project");
    let docs: Vec<NewDocument> = (0..DOCUMENTS)
        .map(|i| {
            NewDocument::from_text(
                &format!("doc-{i:04}.txt"),
                &corpus::document(i as u64 + 1, 30),
            )
        })
        .collect();
    let ids = p.add_documents(&docs).expect("documents");
    for (k, label) in LABELS.iter().enumerate() {
        let mut spans = Vec::new();
        for (d, text) in ids.iter().zip(&docs) {
            let len = text.text.chars().count();
            for j in (k..SPANS_PER_DOCUMENT).step_by(LABELS.len()) {
                let start = (j * 17) % len.saturating_sub(12).max(1);
                spans.push((*d, start, start + 9));
            }
        }
        p.apply(&Action::AddAnnotations {
            spans,
            label: (*label).into(),
        })
        .expect("spans");
    }
    p
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let p = project(dir.path());
    let corpus = rows::load(&p, false).expect("load");
    eprintln!(
        "{} documents, {} spans",
        corpus.documents.len(),
        corpus.span_count()
    );
    let mut group = c.benchmark_group("export, 100,000 spans over 1,000 documents");
    group.sample_size(10);
    group.bench_function("read the project (shared by all)", |b| {
        b.iter(|| rows::load(&p, false).expect("load"))
    });
    group.bench_function("csv", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            csv::write_csv(&p, csv::CsvOptions::default(), &mut out).expect("csv");
            out
        })
    });
    group.bench_function("xlsx", |b| {
        b.iter(|| {
            let corpus = rows::load(&p, false).expect("load");
            xlsx::workbook_bytes(&corpus, &mut Vec::new()).expect("xlsx")
        })
    });
    group.bench_function("hf", |b| {
        b.iter(|| hf::write_hf_folder(&p, false, &dir.path().join("hf")).expect("hf"))
    });
    group.bench_function("w3c", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            w3c::write_w3c(&p, false, &mut out).expect("w3c");
            out
        })
    });
    group.bench_function("refi-qda", |b| {
        b.iter(|| {
            refi_qda::write_qdpx_file(&p, false, &dir.path().join("p.qdpx")).expect("refi-qda")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
