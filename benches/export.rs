//! Export of a project holding 100,000 spans over 1,000 documents (issue 12's target: JSONL
//! under 1 s, every other format under 3 s, JSONL with `--history` under 3 s). The project is a
//! file on disk, as in use; each format writes to a temporary folder.

use criterion::{Criterion, criterion_group, criterion_main};
use sanad::export::{ExportOptions, Format, Request, export_to};
use sanad::model::Action;
use sanad::store::{NewDocument, Project};

#[path = "../tests/corpus/mod.rs"]
mod corpus;

const DOCUMENTS: usize = 1_000;
const SPANS_PER_DOCUMENT: usize = 100;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut project = Project::open_or_create(&dir.path().join("p.sanad")).expect("project");
    let docs: Vec<NewDocument> = (0..DOCUMENTS)
        .map(|i| {
            NewDocument::from_text(
                &format!("doc-{i:04}.txt"),
                &corpus::document(i as u64 + 1, 20),
            )
        })
        .collect();
    let ids = project.add_documents(&docs).expect("documents");
    let mut spans = Vec::new();
    for (id, d) in ids.iter().zip(&docs) {
        let len = d.text.chars().count();
        let step = len / (SPANS_PER_DOCUMENT + 1);
        for k in 0..SPANS_PER_DOCUMENT {
            let start = k * step;
            spans.push((*id, start, start + (step / 2).max(1)));
        }
    }
    project
        .apply(&Action::AddAnnotations {
            spans,
            label: "PERSON".into(),
        })
        .expect("spans");
    eprintln!(
        "{} documents, {} spans, {} audit rows",
        DOCUMENTS,
        DOCUMENTS * SPANS_PER_DOCUMENT,
        project.audit_len().expect("audit")
    );
    let mut group = c.benchmark_group("export, 100,000 spans over 1,000 documents");
    group.sample_size(10);
    for format in Format::ALL {
        let out = dir.path().join(format!("out-{}", format.as_str()));
        let request = Request {
            format: Some(format),
            ..Request::default()
        };
        group.bench_function(format.as_str(), |b| {
            b.iter(|| export_to(&project, format, &request, &out).expect("export"))
        });
    }
    let out = dir.path().join("history.jsonl");
    let request = Request {
        format: Some(Format::Jsonl),
        options: ExportOptions {
            history: true,
            ..ExportOptions::default()
        },
        ..Request::default()
    };
    group.bench_function("jsonl --history", |b| {
        b.iter(|| export_to(&project, Format::Jsonl, &request, &out).expect("export"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
