//! Selecting inside a lam-alef ligature with Shift+Left in the document view (issue 8, §4),
//! driven through egui_kittest: what is highlighted is what is stored.

use egui::epaint::{ClippedShape, Shape};
use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use sanad::ui::SanadApp;
use sanad::ui::document_view::DOCUMENT_FONT_SIZE;
use skrifa::raw::TableProvider;

use crate::common;
use common::{app_with, bounds, click};

const SENTENCE: &str = "كسر الزجاج في الاعتقال لا يتوقف";
/// "لا" is chars 23..25 of [`SENTENCE`].
const LAM: usize = 23;

/// The selection highlight as painted this frame: the filled rectangles of the selection colour,
/// read from egui's output shapes (not from the layout's rectangles).
fn painted_highlight(h: &Harness<'_, SanadApp>) -> Vec<Rect> {
    let fill = h
        .ctx
        .global_style()
        .visuals
        .selection
        .bg_fill
        .gamma_multiply(0.6);
    fn walk(shape: &Shape, fill: egui::Color32, out: &mut Vec<Rect>) {
        match shape {
            Shape::Rect(r) if r.fill == fill => out.push(r.rect),
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, fill, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for ClippedShape { shape, .. } in &h.output().shapes {
        walk(shape, fill, &mut out);
    }
    out
}

/// The advance of the lam-alef glyph of "لا" in points, shaped directly with harfrust and the
/// bundled Noto Naskh Arabic (Noto Naskh draws lam-alef as a wide lam and an alef with no
/// advance, so this is the whole word's advance).
fn lam_alef_advance() -> f32 {
    let data = sanad::text::fonts::NOTO_NASKH_ARABIC;
    let font = harfrust::FontRef::new(data).unwrap();
    let shaper_data = harfrust::ShaperData::new(&font);
    let shaper = shaper_data.shaper(&font).build();
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str("لا");
    buffer.guess_segment_properties();
    let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new());
    let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
    let upem = skrifa::FontRef::new(data)
        .unwrap()
        .head()
        .unwrap()
        .units_per_em();
    units as f32 * DOCUMENT_FONT_SIZE / f32::from(upem)
}

#[test]
fn shift_left_before_lam_alef_selects_and_highlights_lam_then_lam_alef() {
    let (_d, mut h) = app_with(&[("a.txt", SENTENCE)]);
    // Click just inside the right edge of the lam: the caret goes before "لا".
    let lam = bounds(&h, LAM..LAM + 1);
    let p = Pos2::new(lam.max.x - 1.0, lam.center().y);
    click(&mut h, p);
    assert_eq!(h.state().view.selection, Some(LAM..LAM));
    // Independent check: the point clicked is on the glyphs painted for "لا".
    let (lo, hi) = common::painted_x(&h, LAM..LAM + 2);
    assert!(lo <= p.x && p.x <= hi, "{lo}..{hi} holds {}", p.x);
    let advance = lam_alef_advance();
    assert!(
        ((hi - lo) - advance).abs() < 1.0,
        "painted {} vs harfrust {advance}",
        hi - lo
    );

    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().view.selection, Some(LAM..LAM + 1), "the lam");
    let one = painted_highlight(&h);

    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().view.selection, Some(LAM..LAM + 2), "lam-alef");
    let two = painted_highlight(&h);

    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(
        h.state().view.selection,
        Some(LAM..LAM + 3),
        "and the space"
    );

    // The two highlights differ: the lam's half of the glyph (the font gives no ligature carets,
    // so equal parts), on the right (it is read first), then the whole glyph.
    assert_eq!(one.len(), 1, "{one:?}");
    assert_eq!(two.len(), 1, "{two:?}");
    let (one, two) = (one[0], two[0]);
    assert!(
        (one.width() - advance / 2.0).abs() < 1.0,
        "lam highlight {} vs half the glyph {}",
        one.width(),
        advance / 2.0
    );
    assert!(
        (two.width() - advance).abs() < 1.0,
        "lam-alef highlight {} vs the glyph {advance}",
        two.width()
    );
    assert!((one.max.x - hi).abs() < 1.0 && (two.max.x - hi).abs() < 1.0);
    assert!((two.min.x - lo).abs() < 1.0, "{two:?} vs {lo}..{hi}");
}
