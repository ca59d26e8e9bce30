//! One baseline for all fonts on a line: Latin letters, Western digits and punctuation (Noto
//! Sans) sit on the same baseline as Arabic (Noto Naskh Arabic), as pango draws them, at three
//! font sizes. Checked twice: the baseline egui gives each painted glyph, and, independently of
//! the placement code, where the ink of glyphs that stand on the baseline ends, corrected by the
//! depth of their outlines below the baseline as the font files give it (skrifa).

use crate::painted;

use sanad::text::DirectionSetting;
use sanad::text::layout::layout_document;
use sanad::text::shaping::{EguiMeasurer, ShapeCache};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

const MIXED: [&str; 4] = [
    "من 200 ألف.",
    "أطلق “الدفاع المدني” (ICRC) 45% #VFR10 «سجن» ١٠١-مفتاح",
    "Report: 250 detainees — قال المصدر",
    "ا H ا 1 ا",
];

const SIZES: [f32; 3] = [14.0, 20.0, 28.0];

fn laid_out(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    cache: &mut ShapeCache,
    text: &str,
) -> Vec<painted::PaintedGlyph> {
    let layout = {
        let mut m = EguiMeasurer {
            fonts: &mut *fonts,
            cache: &mut *cache,
        };
        layout_document(text, DirectionSetting::Auto, 1.0e6, &mut m)
    };
    assert_eq!(layout.lines().count(), 1, "{text}");
    let line = layout.lines().next().unwrap();
    painted::painted_glyphs(fonts, cache, line)
}

#[test]
fn every_glyph_of_a_mixed_line_sits_on_one_baseline() {
    let mut fonts = painted::fonts();
    let mut fonts = fonts.with_pixels_per_point(1.0);
    for size in SIZES {
        let mut cache = ShapeCache::new(size);
        for text in MIXED {
            let glyphs = laid_out(&mut fonts, &mut cache, text);
            assert!(
                glyphs
                    .iter()
                    .any(|g| g.chr.is_ascii_alphanumeric() || g.chr == '.')
            );
            assert!(
                glyphs
                    .iter()
                    .any(|g| ('\u{0600}'..='\u{06FF}').contains(&g.chr))
            );
            let first = glyphs[0].baseline;
            let spread = glyphs
                .iter()
                .map(|g| (g.baseline - first).abs())
                .fold(0.0, f32::max);
            println!("{size} pt {text:?}: baselines spread {spread:.2} px");
            assert!(spread <= 0.5, "{size} pt {text:?}: {glyphs:?}");
        }
    }
}

/// Depth of the outline of `c` below the baseline in `font`, in ems (positive below).
fn depth_below_baseline(font: &[u8], c: char) -> f32 {
    let font = skrifa::FontRef::new(font).unwrap();
    let gid = font.charmap().map(c).unwrap();
    let upem = font
        .metrics(Size::unscaled(), LocationRef::default())
        .units_per_em as f32;
    let bounds = font
        .glyph_metrics(Size::unscaled(), LocationRef::default())
        .bounds(gid)
        .unwrap();
    -bounds.y_min / upem
}

#[test]
fn ink_of_latin_and_arabic_ends_on_the_same_baseline() {
    use sanad::text::fonts::{NOTO_NASKH_ARABIC, NOTO_SANS};
    // Glyphs that stand on the baseline (their outlines reach at most 2% of an em below it).
    let references = [('H', NOTO_SANS), ('1', NOTO_SANS), ('ا', NOTO_NASKH_ARABIC)];
    for (c, font) in references {
        assert!(depth_below_baseline(font, c).abs() < 0.02, "{c:?}");
    }
    let mut fonts = painted::fonts();
    let mut fonts = fonts.with_pixels_per_point(1.0);
    for size in SIZES {
        let mut cache = ShapeCache::new(size);
        let glyphs = laid_out(&mut fonts, &mut cache, "ا H ا 1 ا");
        let mut baselines: Vec<(char, f32)> = Vec::new();
        for (c, font) in references {
            let g = glyphs.iter().find(|g| g.chr == c).unwrap();
            let ink = g.ink_bottom.unwrap();
            baselines.push((c, ink - depth_below_baseline(font, c) * size));
        }
        let lo = baselines.iter().map(|b| b.1).fold(f32::MAX, f32::min);
        let hi = baselines.iter().map(|b| b.1).fold(f32::MIN, f32::max);
        println!("{size} pt: baselines from the ink {baselines:?}");
        // Bitmaps end on whole pixels and hinting moves an outline by up to half a pixel.
        assert!(hi - lo <= 1.0, "{size} pt: {baselines:?}");
    }
}
