//! Layout of the seed-like sample document at 900 px, with egui's fonts and no display.

use criterion::{Criterion, criterion_group, criterion_main};
use sanad::text::DirectionSetting;
use sanad::text::layout::layout_document;
use sanad::text::shaping::{EguiMeasurer, ShapeCache};

fn seed_text() -> String {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seed.txt");
    std::fs::read_to_string(seed).unwrap_or_else(|_| {
        String::from_utf8_lossy(sanad::corpus::sample::SAMPLE_FILES[0].1).into_owned()
    })
}

fn bench(c: &mut Criterion) {
    let text = seed_text();
    let mut fonts =
        egui::epaint::text::Fonts::new(Default::default(), sanad::text::fonts::font_definitions());
    c.bench_function("layout seed at 900 px (warm unit cache)", |b| {
        let mut cache = ShapeCache::new(20.0);
        b.iter(|| {
            let mut view = fonts.with_pixels_per_point(1.0);
            let mut m = EguiMeasurer {
                fonts: &mut view,
                cache: &mut cache,
            };
            std::hint::black_box(layout_document(
                &text,
                DirectionSetting::Auto,
                900.0,
                &mut m,
            ))
        })
    });
    c.bench_function("layout seed at 900 px (cold unit cache)", |b| {
        b.iter(|| {
            let mut cache = ShapeCache::new(20.0);
            let mut view = fonts.with_pixels_per_point(1.0);
            let mut m = EguiMeasurer {
                fonts: &mut view,
                cache: &mut cache,
            };
            std::hint::black_box(layout_document(
                &text,
                DirectionSetting::Auto,
                900.0,
                &mut m,
            ))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
