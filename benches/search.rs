//! Project search over 10,000 documents (about 50 MB of Arabic text made from varied sentences,
//! tests/corpus): one Arabic-aware (folded) search with a warm index, building the index
//! (reading and folding every text), and, for comparison, importing the same documents.

use criterion::{Criterion, criterion_group, criterion_main};
use sanad::search::{FoldOptions, Query, WordMode};
use sanad::store::search::SearchIndex;
use sanad::store::{NewDocument, Project};

#[path = "../tests/corpus/mod.rs"]
mod corpus;

const DOCUMENTS: usize = 10_000;
const SENTENCES: usize = 40;

fn documents() -> Vec<NewDocument> {
    (0..DOCUMENTS)
        .map(|i| {
            NewDocument::from_text(
                &format!("doc-{i:05}.txt"),
                &corpus::document(i as u64 + 1, SENTENCES),
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "corpus: {DOCUMENTS} documents, {:.1} MB of text",
        bytes as f64 / 1e6
    );
    let mut project = Project::in_memory().expect("in-memory project");
    project.add_documents(&docs).expect("import");
    let mut index = SearchIndex::new();
    let fold = FoldOptions::default();
    index.refresh(&project, &fold).expect("index");

    let mut group = c.benchmark_group("project search, 10,000 documents");
    group.sample_size(10);
    for (name, query) in [
        // In about one sentence in fifteen: matches in nearly every document.
        (
            "folded, word+proclitics: الدفاع المدني السوري",
            Query::new("الدفاع المدني السوري", WordMode::Clitics),
        ),
        // Finds the Extended Arabic-Indic digits of one sentence through ASCII ones.
        (
            "folded, substring: 123",
            Query::new("123", WordMode::Substring),
        ),
        // Not in the corpus: the scan alone.
        (
            "folded, substring, no match: مُحَمَّد",
            Query::new("مُحَمَّد", WordMode::Substring),
        ),
    ] {
        let count: usize = index
            .search(&project, &query)
            .expect("search")
            .iter()
            .map(|d| d.matches.len())
            .sum();
        eprintln!("{name}: {count} matches");
        group.bench_function(name, |b| {
            b.iter(|| index.search(&project, &query).expect("search"))
        });
    }
    group.bench_function("build the index (read and fold every text)", |b| {
        b.iter(|| {
            let mut fresh = SearchIndex::new();
            fresh.refresh(&project, &fold).expect("index");
            fresh
        })
    });
    // The import a user runs: files read from a folder, decoded (encoding detection), hashed
    // and stored.
    let dir = tempfile::tempdir().expect("temporary folder");
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).expect("corpus folder");
    for d in &docs {
        std::fs::write(folder.join(&d.rel_path), &d.text).expect("write a document");
    }
    group.bench_function(
        "import the same documents from a folder (for comparison)",
        |b| {
            b.iter(|| {
                let mut p = Project::in_memory().expect("in-memory project");
                sanad::corpus::import_folder(&mut p, &folder, &mut |_, _| {}).expect("import");
                p
            })
        },
    );
    group.bench_function(
        "store the same documents, no file reading (for comparison)",
        |b| {
            b.iter(|| {
                let mut p = Project::in_memory().expect("in-memory project");
                p.add_documents(&docs).expect("import");
                p
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
