//! The small cases of the document view, each with exact values, laid out with the bundled fonts
//! (egui's shaping, no display).

use egui::epaint::text::{Fonts, TextOptions};
use sanad::text::DirectionSetting;
use sanad::text::document::{DocumentLayout, layout_document, line_visual_order};
use sanad::text::fonts::font_definitions;
use sanad::text::shaping::{EguiMeasurer, ShapeCache};

fn lay_out(text: &str, direction: DirectionSetting, width: f32) -> DocumentLayout {
    let mut fonts = Fonts::new(TextOptions::default(), font_definitions());
    let mut view = fonts.with_pixels_per_point(1.0);
    let mut cache = ShapeCache::new(20.0);
    let mut m = EguiMeasurer {
        fonts: &mut view,
        cache: &mut cache,
    };
    layout_document(text, direction, width, &mut m)
}

fn chars(text: &str, r: std::ops::Range<usize>) -> String {
    text.chars().skip(r.start).take(r.len()).collect()
}

/// The span between the carets found by hit-testing just inside the right and left edges of the
/// on-screen box of `range`.
fn span_from_screen(l: &DocumentLayout, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let b = l.range_bounds(range).unwrap();
    let y = b.center().y;
    let a = l.caret_at(egui::pos2(b.max.x - 0.5, y));
    let c = l.caret_at(egui::pos2(b.min.x + 0.5, y));
    a.min(c)..a.max(c)
}

#[test]
fn crlf_is_one_line_break_and_offsets_count_both_chars() {
    let text = "أحمد\r\nسجن صيدنايا";
    let l = lay_out(text, DirectionSetting::Auto, 600.0);
    let lines: Vec<_> = l.lines().map(|x| x.chars.clone()).collect();
    assert_eq!(lines, vec![0..4, 6..17], "two lines: CR LF is one break");
    assert_eq!(chars(text, 6..17), "سجن صيدنايا");
    assert_eq!(span_from_screen(&l, 6..17), 6..17);
}

#[test]
fn emoji_counts_as_one_char() {
    let text = "😂 منظمة العفو";
    let l = lay_out(text, DirectionSetting::Auto, 600.0);
    assert_eq!(chars(text, 2..13), "منظمة العفو");
    assert_eq!(span_from_screen(&l, 2..13), 2..13);
}

#[test]
fn last_word_on_screen_is_exactly_the_word() {
    let text = "📌 س: 📌 ج: المعتقل";
    let l = lay_out(text, DirectionSetting::Auto, 600.0);
    // Right to left: the last word is the leftmost thing on the line.
    let line = l.lines().next().unwrap();
    let leftmost = line
        .units
        .iter()
        .find(|u| !u.text.trim().is_empty())
        .unwrap();
    assert_eq!(chars(text, leftmost.chars.clone()), "المعتقل");
    let span = span_from_screen(&l, leftmost.chars.clone());
    assert_eq!(chars(text, span), "المعتقل", "zero drift");
}

#[test]
fn damma_counts_and_number_stays_unreversed() {
    let text = "أُعلن عن 1,554 إصابة";
    let l = lay_out(text, DirectionSetting::Auto, 600.0);
    assert_eq!(chars(text, 9..14), "1,554");
    let line = l.lines().next().unwrap();
    let order = line_visual_order(line);
    let digits: Vec<usize> = order
        .iter()
        .copied()
        .filter(|i| (9..14).contains(i))
        .collect();
    assert_eq!(digits, vec![9, 10, 11, 12, 13], "left to right on screen");
    // The number sits between "عن" (right of it) and "إصابة" (left of it).
    let x_of = |r: std::ops::Range<usize>| l.range_bounds(r).unwrap().center().x;
    assert!(x_of(6..8) > x_of(9..14) && x_of(9..14) > x_of(15..20));
    assert_eq!(span_from_screen(&l, 9..14), 9..14);
}

#[test]
fn span_inside_a_word_covers_only_its_part_of_the_glyphs() {
    // "وسجن": the proclitic و left out; the word keeps its joined shapes (one unit).
    let text = "قال وسجن";
    let l = lay_out(text, DirectionSetting::Auto, 600.0);
    let line = l.lines().next().unwrap();
    let word = line
        .units
        .iter()
        .find(|u| u.chars == (4..8))
        .expect("the word is one shaping unit");
    let whole = l.range_bounds(4..8).unwrap();
    let part = l.range_bounds(5..8).unwrap();
    let waw = l.range_bounds(4..5).unwrap();
    assert!(part.width() < whole.width() && waw.width() > 0.0);
    assert!(
        (part.width() + waw.width() - whole.width()).abs() < 0.5,
        "the two parts tile the word"
    );
    assert!(waw.min.x >= part.max.x - 0.5, "و is the rightmost letter");
    assert_eq!(word.text, "وسجن");
}

#[test]
fn rtl_setting_right_aligns_a_paragraph_that_starts_latin() {
    let text = "ICRC: قالت اللجنة إن";
    let auto = lay_out(text, DirectionSetting::Auto, 800.0);
    let rtl = lay_out(text, DirectionSetting::Rtl, 800.0);
    let a = auto.lines().next().unwrap();
    let r = rtl.lines().next().unwrap();
    assert!(
        a.x.abs() < 0.01,
        "auto: left-aligned (first strong char is Latin)"
    );
    assert!((r.x + r.width - 800.0).abs() < 0.01, "RTL: right-aligned");
    // In RTL, "ICRC" is at the right end.
    assert!(rtl.range_bounds(0..4).unwrap().min.x > rtl.range_bounds(6..10).unwrap().max.x);
}
