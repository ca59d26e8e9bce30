//! Long documents: opening a 5 MB document to its first frame, laying out one newly scrolled-to
//! screen, and adding/deleting an annotation in a 300-line document holding 1,500 annotations
//! (in a plain and in an encrypted project).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use sanad::model::{Action, CharIndex};
use sanad::store::{NewDocument, Project};
use sanad::text::document::DocumentLayout;
use sanad::text::shaping::{EguiMeasurer, ShapeCache};
use sanad::text::{DirectionSetting, Measurer};
use std::sync::Arc;

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt"))
        .expect("tests/data/seed.txt")
}

fn five_mb() -> String {
    let seed = seed();
    let mut text = String::with_capacity(5_300_000);
    while text.len() < 5_000_000 {
        text.push_str(&seed);
    }
    text
}

fn bench(c: &mut Criterion) {
    let mut fonts =
        egui::epaint::text::Fonts::new(Default::default(), sanad::text::fonts::font_definitions());
    let big = five_mb();
    let screen = 0.0..1000.0;

    c.bench_function(
        "open 5 MB document: first frame layout (cold unit cache)",
        |b| {
            b.iter(|| {
                let mut cache = ShapeCache::new(20.0);
                let mut view = fonts.with_pixels_per_point(1.0);
                let mut m = EguiMeasurer {
                    fonts: &mut view,
                    cache: &mut cache,
                };
                let text: Arc<str> = Arc::from(big.as_str());
                let index = CharIndex::new(&text);
                let mut layout =
                    DocumentLayout::new(text, DirectionSetting::Auto, 900.0, m.line_height());
                layout.ensure_visible(screen.clone(), &mut m);
                std::hint::black_box((layout.laid_out_count(), index.char_count()))
            })
        },
    );

    let shared_fonts = std::cell::RefCell::new(fonts);
    let shared_cache = std::cell::RefCell::new(ShapeCache::new(20.0));
    let mut step = 0u32;
    c.bench_function(
        "scroll 5 MB document: lay out one new screen (warm unit cache)",
        |b| {
            b.iter_batched(
                || {
                    let (mut fonts, mut cache) =
                        (shared_fonts.borrow_mut(), shared_cache.borrow_mut());
                    let mut view = fonts.with_pixels_per_point(1.0);
                    let mut m = EguiMeasurer {
                        fonts: &mut view,
                        cache: &mut cache,
                    };
                    let mut layout = DocumentLayout::new(
                        Arc::from(big.as_str()),
                        DirectionSetting::Auto,
                        900.0,
                        m.line_height(),
                    );
                    layout.ensure_visible(screen.clone(), &mut m);
                    step = step.wrapping_add(7919);
                    let y = (step % 400) as f32 * 1000.0;
                    (layout, y)
                },
                |(mut layout, y)| {
                    let (mut fonts, mut cache) =
                        (shared_fonts.borrow_mut(), shared_cache.borrow_mut());
                    let mut view = fonts.with_pixels_per_point(1.0);
                    let mut m = EguiMeasurer {
                        fonts: &mut view,
                        cache: &mut cache,
                    };
                    layout.ensure_visible(y..y + 1000.0, &mut m);
                    layout
                },
                BatchSize::PerIteration,
            )
        },
    );

    // 300 lines of Arabic with 1,500 annotations, in a real project file on the build disk
    // (rollback journal, synchronous=EXTRA: each action is synced to disk before it returns);
    // then the same in an encrypted project (SQLCipher, issue 14: < 10 ms per action).
    let seed = seed();
    let lines: Vec<&str> = seed.lines().collect();
    let text: String = (0..300)
        .map(|i| lines[i % lines.len()])
        .collect::<Vec<_>>()
        .join("\n");
    let key = sanad::secret::Passphrase::new("a long passphrase for the bench".into())
        .expect("passphrase");
    for (name, key) in [
        (
            "add + delete one annotation among 1,500 (transaction, reload, highlight geometry)",
            None,
        ),
        (
            "add + delete one annotation among 1,500, encrypted project (SQLCipher)",
            Some(&key),
        ),
    ] {
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
        let mut project =
            Project::open_or_create_keyed(&dir.path().join("bench.sanad"), key).expect("project");
        assert_eq!(project.is_encrypted(), key.is_some());
        let doc = project
            .add_documents(&[NewDocument {
                name: "long.txt".into(),
                rel_path: "long.txt".into(),
                text: text.clone(),
                sha256: "0".into(),
                encoding: "UTF-8".into(),
                byte_len: text.len(),
                bom: false,
                encoding_guessed: false,
            }])
            .expect("document")[0];
        let n = text.chars().count();
        for k in 0..1500 {
            let start = (k * 37) % (n - 10);
            project
                .apply(&Action::AddAnnotation {
                    id: None,
                    document_id: doc,
                    start,
                    end: start + 5,
                    label: "PERSON".into(),
                })
                .expect("seed annotation");
        }
        let shared: Arc<str> = Arc::from(text.as_str());
        let (mut fonts, mut cache) = (shared_fonts.borrow_mut(), shared_cache.borrow_mut());
        let mut view = fonts.with_pixels_per_point(1.0);
        let mut m = EguiMeasurer {
            fonts: &mut view,
            cache: &mut cache,
        };
        let mut layout =
            DocumentLayout::new(shared, DirectionSetting::Auto, 900.0, m.line_height());
        layout.ensure_visible(0.0..1000.0, &mut m);
        c.bench_function(name, |b| {
            b.iter(|| {
                let added = project
                    .apply(&Action::AddAnnotation {
                        id: None,
                        document_id: doc,
                        start: 100,
                        end: 120,
                        label: "CLAIM".into(),
                    })
                    .expect("add");
                let anns = project.annotations(doc).expect("reload");
                let rects: usize = anns
                    .iter()
                    .map(|a| layout.range_rects(a.range()).len())
                    .sum();
                project.apply(&added.inverse).expect("delete");
                let anns = project.annotations(doc).expect("reload");
                std::hint::black_box((rects, anns.len()))
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
