//! Carets and selections inside ligatures (issue 8, §4), and the end-of-ayah sign with its digits
//! (§6), through the real shaper (egui's fonts, harfrust) and the galleys the view paints.
//!
//! Every lam-alef form (لا لأ لإ لآ), isolated and after joining and non-joining letters, alone
//! and in a sentence, in right-to-left and left-to-right paragraphs:
//! * each grapheme the ligature covers has its own non-empty box, the boxes do not overlap, and
//!   together they are exactly the painted glyph's advance (read from the painted galley, not from
//!   the boxes);
//! * stepping the caret visits every grapheme boundary of the line exactly once, in each
//!   direction;
//! * the highlight of every selection [i, j) covers exactly the boxes of graphemes i..j.

use crate::painted;

use sanad::text::DirectionSetting;
use sanad::text::layout::{DocumentLayout, layout_document};
use sanad::text::measure::grapheme_char_ranges;
use sanad::text::shaping::{EguiMeasurer, ShapeCache, line_galleys};
use skrifa::MetadataProvider;
use skrifa::raw::TableProvider;

const SIZE: f32 = 20.0;
const FORMS: [&str; 4] = ["لا", "لأ", "لإ", "لآ"];
/// What comes before the ligature in its word: nothing (isolated), a joining letter (feh, beh:
/// the lam takes its medial-final form), a non-joining one (alef: "الا").
const BEFORE: [&str; 4] = ["", "ف", "ب", "ا"];

fn lay_out(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    cache: &mut ShapeCache,
    text: &str,
    direction: DirectionSetting,
) -> DocumentLayout {
    let mut m = EguiMeasurer {
        fonts: &mut *fonts,
        cache: &mut *cache,
    };
    let layout = layout_document(text, direction, 2000.0, &mut m);
    assert_eq!(layout.lines().count(), 1, "{text}");
    layout
}

/// x extent (document points) of the painted lam glyph of the lam-alef whose lam is char `lam`:
/// from the painted galley of the unit holding it, the advancing glyph egui gives the char 'ل'
/// next to a zero-advance alef glyph (Noto Naskh Arabic draws lam-alef as a wide lam and an alef
/// with no advance).
fn painted_ligature(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    cache: &mut ShapeCache,
    layout: &DocumentLayout,
    lam: usize,
    alef: char,
) -> (f32, f32) {
    let line = layout.lines().next().unwrap();
    let (ui, unit) = line
        .units
        .iter()
        .enumerate()
        .find(|(_, u)| u.chars.contains(&lam))
        .unwrap();
    // Which lam of the unit (a word may hold several): count the lams before it.
    let chars: Vec<char> = unit.text.chars().collect();
    let nth = chars[..lam - unit.chars.start]
        .windows(2)
        .filter(|w| w[0] == 'ل' && matches!(w[1], 'ا' | 'أ' | 'إ' | 'آ'))
        .count();
    let placed = line_galleys(fonts, cache, line);
    let p = placed.iter().find(|p| p.unit == ui).unwrap();
    let glyphs = &p.galley.rows[0].row.glyphs;
    // Right to left: visual order is alef then lam, so the k-th lam-alef from the right.
    let mut found: Vec<(f32, f32)> = glyphs
        .windows(2)
        .filter(|w| w[0].chr == alef && w[0].advance_width == 0.0 && w[1].chr == 'ل')
        .map(|w| {
            let x = line.x + p.offset.x + p.galley.rows[0].pos.x + w[1].pos.x;
            (x, x + w[1].advance_width)
        })
        .collect();
    found.reverse();
    assert!(
        nth < found.len(),
        "lam-alef {nth} of {:?} painted as lam + zero-advance alef: {:?}",
        unit.text,
        glyphs
            .iter()
            .map(|g| (g.chr, g.advance_width))
            .collect::<Vec<_>>()
    );
    found[nth]
}

/// The x intervals a set of grapheme boxes covers, merged where they touch.
fn merged(mut spans: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    spans.retain(|s| s.1 > s.0);
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f32, f32)> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(o) if s.0 <= o.1 + 0.5 => o.1 = o.1.max(s.1),
            _ => out.push(s),
        }
    }
    out
}

/// Every grapheme box of the line, in document coordinates: (chars, x0, x1).
fn boxes(layout: &DocumentLayout) -> Vec<(std::ops::Range<usize>, f32, f32)> {
    let line = layout.lines().next().unwrap();
    line.units
        .iter()
        .flat_map(|u| {
            u.shape.graphemes.iter().map(move |g| {
                (
                    u.chars.start + g.chars.start..u.chars.start + g.chars.end,
                    line.x + u.x + g.x0,
                    line.x + u.x + g.x1,
                )
            })
        })
        .collect()
}

#[test]
fn every_lam_alef_form_splits_its_glyph_steps_once_and_highlights_what_is_selected() {
    let mut fonts = painted::fonts();
    let mut fonts = fonts.with_pixels_per_point(1.0);
    let mut cache = ShapeCache::new(SIZE);
    let mut cases = 0;
    for form in FORMS {
        let alef = form.chars().nth(1).unwrap();
        for before in BEFORE {
            let word = format!("{before}{form}");
            for text in [word.clone(), format!("كسر {word} يتوقف")] {
                for direction in [DirectionSetting::Rtl, DirectionSetting::Ltr] {
                    let what = format!("{text:?} {direction:?}");
                    let layout = lay_out(&mut fonts, &mut cache, &text, direction);
                    let lam = text.find(&word).map(|b| text[..b].chars().count()).unwrap()
                        + before.chars().count();
                    let all = boxes(&layout);
                    let bx = |i: usize| {
                        let b = all.iter().find(|b| b.0.start == i).expect("a box");
                        (b.1, b.2)
                    };

                    // 1. Lam and alef each have a box; they tile the painted glyph's advance.
                    let (l, a) = (bx(lam), bx(lam + 1));
                    assert!(l.1 - l.0 > 1.0 && a.1 - a.0 > 1.0, "{what}: {l:?} {a:?}");
                    assert!(a.1 <= l.0 + 0.01, "{what}: alef left of lam: {a:?} {l:?}");
                    let glyph = painted_ligature(&mut fonts, &mut cache, &layout, lam, alef);
                    assert!(
                        (a.0 - glyph.0).abs() < 0.5 && (l.1 - glyph.1).abs() < 0.5,
                        "{what}: boxes {a:?}+{l:?} vs painted glyph {glyph:?}"
                    );
                    assert!((a.1 - l.0).abs() < 0.01, "{what}: no gap between them");
                    // No two boxes of the line overlap.
                    let mut spans: Vec<(f32, f32)> = all.iter().map(|b| (b.1, b.2)).collect();
                    spans.sort_by(|x, y| x.0.total_cmp(&y.0));
                    for w in spans.windows(2) {
                        assert!(w[0].1 <= w[1].0 + 0.01, "{what}: overlap {w:?}");
                    }

                    // 2. The caret visits every grapheme boundary once, each way. The text is
                    // all right to left, so leftwards is logical order.
                    let n = text.chars().count();
                    let mut bounds: Vec<usize> = vec![0];
                    bounds.extend(grapheme_char_ranges(&text).iter().map(|g| g.end));
                    let mut visited = vec![0];
                    while *visited.last().unwrap() != n && visited.len() <= bounds.len() {
                        visited.push(layout.move_visual(*visited.last().unwrap(), true).unwrap());
                    }
                    assert_eq!(visited, bounds, "{what}: Shift+Left from the start");
                    let mut back = vec![n];
                    while *back.last().unwrap() != 0 && back.len() <= bounds.len() {
                        back.push(layout.move_visual(*back.last().unwrap(), false).unwrap());
                    }
                    back.reverse();
                    assert_eq!(back, bounds, "{what}: Shift+Right from the end");

                    // 3. Every selection's highlight is exactly its graphemes' boxes.
                    for (x, &i) in bounds.iter().enumerate() {
                        for &j in &bounds[x + 1..] {
                            let want = merged(
                                all.iter()
                                    .filter(|b| i <= b.0.start && b.0.end <= j)
                                    .map(|b| (b.1, b.2))
                                    .collect(),
                            );
                            let got: Vec<(f32, f32)> = layout
                                .range_rects(i..j)
                                .iter()
                                .map(|r| (r.min.x, r.max.x))
                                .collect();
                            assert_eq!(got.len(), want.len(), "{what}: [{i}, {j})");
                            for (g, w) in got.iter().zip(&want) {
                                assert!(
                                    (g.0 - w.0).abs() < 0.01 && (g.1 - w.1).abs() < 0.01,
                                    "{what}: [{i}, {j}) highlights {got:?}, boxes {want:?}"
                                );
                            }
                        }
                    }
                    // The lam alone and the lam-alef highlight differently: half and all of it.
                    let one = layout.range_rects(lam..lam + 1);
                    let two = layout.range_rects(lam..lam + 2);
                    let adv = glyph.1 - glyph.0;
                    assert!((one[0].width() - adv / 2.0).abs() < 0.5, "{what}: {one:?}");
                    assert!((two[0].width() - adv).abs() < 0.5, "{what}: {two:?}");
                    cases += 1;
                }
            }
        }
    }
    println!("ligatures: {cases} cases passed");
    assert_eq!(cases, FORMS.len() * BEFORE.len() * 2 * 2);
}

/// The bundled face that maps `c`, if any.
fn face_with(c: char) -> Option<&'static [u8]> {
    sanad::text::fonts::BUNDLED
        .iter()
        .map(|&(_, data)| data)
        .find(|data| {
            skrifa::FontRef::new(data)
                .ok()
                .is_some_and(|f| f.charmap().map(c).is_some())
        })
}

#[test]
fn the_end_of_ayah_sign_and_its_digits_are_shaped_as_one_unit_with_the_digits_inside() {
    let Some(face) = face_with('\u{06DD}') else {
        println!("skipped: no bundled font maps U+06DD ARABIC END OF AYAH");
        return;
    };
    let mut fonts = painted::fonts();
    let mut fonts = fonts.with_pixels_per_point(1.0);
    let mut cache = ShapeCache::new(SIZE);
    for (text, direction) in [
        ("الرحيم ۝١٢", DirectionSetting::Auto),
        ("الرحيم ۝١٢", DirectionSetting::Ltr),
        ("Verse ۝١٢ ends", DirectionSetting::Auto),
    ] {
        let layout = lay_out(&mut fonts, &mut cache, text, direction);
        let line = layout.lines().next().unwrap();
        let ui = line
            .units
            .iter()
            .position(|u| u.text.starts_with('\u{06DD}'))
            .unwrap();
        assert_eq!(line.units[ui].text, "۝١٢", "{text:?}: one unit");

        // What HarfBuzz gives a number run at an even bidi level (as pango shapes it): left to
        // right. Independently of the view, the font draws the digits inside the sign then.
        let font = harfrust::FontRef::new(face).unwrap();
        let data = harfrust::ShaperData::new(&font);
        let shaper = data.shaper(&font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str("۝١٢");
        buffer.guess_segment_properties();
        buffer.set_direction(harfrust::Direction::LeftToRight);
        let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let sk = skrifa::FontRef::new(face).unwrap();
        let upem = f32::from(sk.head().unwrap().units_per_em());
        let metrics = sk.glyph_metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let mut pen = 0.0;
        let mut ink = Vec::new(); // (cluster, pen, x_min, x_max, y_min, y_max), font units
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            let b = metrics.bounds(skrifa::GlyphId::new(info.glyph_id)).unwrap();
            let x = pen + pos.x_offset as f32;
            ink.push((
                info.cluster,
                pen,
                x + b.x_min,
                x + b.x_max,
                b.y_min,
                b.y_max,
            ));
            pen += pos.x_advance as f32;
        }
        assert_eq!(
            ink.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![0, 2, 4],
            "sign, ١, ٢"
        );
        let sign = ink[0];
        for d in &ink[1..] {
            assert!(
                sign.2 <= d.2 && d.3 <= sign.3 && sign.4 <= d.4 && d.5 <= sign.5,
                "{text:?}: digit ink {d:?} inside the sign's {sign:?}"
            );
        }

        // The view paints the same: the painted galley's glyphs at those pens, sign first.
        let placed = line_galleys(&mut fonts, &mut cache, line);
        let p = placed.iter().find(|p| p.unit == ui).unwrap();
        // The glyphs that are drawn (egui pads a galley with empty glyphs for chars that start no
        // cluster).
        let glyphs: Vec<_> = p.galley.rows[0]
            .row
            .glyphs
            .iter()
            .filter(|g| !g.uv_rect.is_nothing())
            .collect();
        let painted: Vec<(char, f32)> = glyphs.iter().map(|g| (g.chr, g.pos.x)).collect();
        assert_eq!(
            painted.iter().map(|g| g.0).collect::<String>(),
            "۝١٢",
            "{text:?}: painted left to right"
        );
        let x0 = painted[0].1;
        for (k, g) in painted.iter().enumerate() {
            let want = ink[k].1 * SIZE / upem;
            assert!(
                (g.1 - x0 - want).abs() <= 1.0,
                "{text:?}: glyph {k} {:?} at {} vs {want}",
                g.0,
                g.1 - x0
            );
        }
        // The painted quads moved with the glyphs: the sign's ink spans the digits' ink.
        let row = &p.galley.rows[0].row;
        let quad = |k: usize| {
            let v = &row.visuals.mesh.vertices[glyphs[k].first_vertex as usize..][..4];
            let xs = v.iter().map(|v| v.pos.x);
            (
                xs.clone().fold(f32::MAX, f32::min),
                xs.fold(f32::MIN, f32::max),
            )
        };
        let s = quad(0);
        for k in 1..3 {
            let d = quad(k);
            assert!(
                s.0 <= d.0 && d.1 <= s.1,
                "{text:?}: painted digit {k} {d:?} inside the sign {s:?}"
            );
        }
        // Hit-testing agrees: the grapheme "۝١" (Prepend + digit, UAX #29) left of "٢".
        let g = &line.units[ui].shape.graphemes;
        assert_eq!(g.len(), 2);
        assert!(g[0].x1 <= g[1].x0 + 0.01, "{text:?}: {g:?}");
    }
}
