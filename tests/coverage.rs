//! Nothing the bundled fonts claim to cover is drawn as an empty box. egui's fonts are built with
//! `MissingGlyphPolicy::Panic`, which panics when no font of the family can draw a char (instead
//! of drawing the `.notdef` box); one char of every 128-code-point page that each bundled face maps
//! is laid out and painted, as are the issue's own lines.

use egui::epaint::text::{Fonts, MissingGlyphPolicy};
use sanad::text::DirectionSetting;
use sanad::text::layout::layout_document;
use sanad::text::shaping::{EguiMeasurer, ShapeCache, line_galleys};
use skrifa::MetadataProvider;
use unicode_bidi::{BidiClass, bidi_class};

fn strict_fonts() -> Fonts {
    Fonts::new(Default::default(), sanad::text::fonts::font_definitions())
        .with_missing_glyph_policy(MissingGlyphPolicy::Panic)
}

/// Lays out and paints `text`; panics (through the policy) if any char would be a box.
fn draw(fonts: &mut Fonts, text: &str) -> usize {
    let mut view = fonts.with_pixels_per_point(1.0);
    let mut cache = ShapeCache::new(20.0);
    let layout = {
        let mut m = EguiMeasurer {
            fonts: &mut view,
            cache: &mut cache,
        };
        layout_document(text, DirectionSetting::Auto, 900.0, &mut m)
    };
    let mut glyphs = 0;
    for line in layout.lines() {
        for p in line_galleys(&mut view, &mut cache, line) {
            glyphs += p
                .galley
                .rows
                .iter()
                .map(|r| r.row.glyphs.len())
                .sum::<usize>();
        }
    }
    glyphs
}

#[test]
fn the_issues_lines_draw_without_boxes() {
    let mut fonts = strict_fonts();
    for text in [
        "۱۲۳",
        "من 200 ألف.",
        "נקלט בכלא עופר ✓ →",
        "كسر الزجاج في الاعتقال لا يتوقف",
        "الرحيم ۝١٢",
    ] {
        assert!(draw(&mut fonts, text) > 0, "{text}");
    }
}

#[test]
fn one_char_of_every_page_each_bundled_face_maps_draws_without_a_box() {
    let mut fonts = strict_fonts();
    let mut sample: Vec<char> = Vec::new();
    for (name, data) in sanad::text::fonts::BUNDLED {
        let font = skrifa::FontRef::new(data).unwrap();
        let mut pages = std::collections::BTreeMap::new();
        for (cp, _) in font.charmap().mappings() {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            // Chars drawn on or between others, controls and spaces have no box of their own.
            let drawable_alone = !c.is_control()
                && !c.is_whitespace()
                && !matches!(bidi_class(c), BidiClass::NSM | BidiClass::BN)
                && !sanad::text::paragraphs::is_paragraph_separator(c);
            if drawable_alone {
                pages.entry(cp >> 7).or_insert(c);
            }
        }
        assert!(!pages.is_empty(), "{name}");
        sample.extend(pages.values());
    }
    // One line per 16 chars, spaces between them.
    let text: String = sample
        .chunks(16)
        .map(|c| c.iter().map(|c| format!("{c} ")).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    let glyphs = draw(&mut fonts, &text);
    println!(
        "coverage: {} chars of {} faces drawn, no box",
        sample.len(),
        sanad::text::fonts::BUNDLED.len()
    );
    assert!(glyphs >= sample.len());
}

#[test]
#[should_panic]
fn the_check_catches_a_char_no_bundled_font_has() {
    // U+0E01 THAI CHARACTER KO KAI: no bundled face maps it, so the policy must fire.
    draw(&mut strict_fonts(), "ก");
}
