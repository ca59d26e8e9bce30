//! Numbers are never reversed, in any script's digits. For every code point of bidi class EN or
//! AN that a bundled font can draw, `ا` + three such digits (with and without a separator between
//! the first two) + `ا` is laid out in a right-to-left and a left-to-right paragraph, and so is
//! the same with Latin `a` around it; the glyphs the view paints must fall left to right exactly in
//! UAX #9's visual order, and the units must carry UAX #9's levels. The expectation is written out
//! here per bidi class from the rules of UAX #9 (W2, W4–W7, N1, I1–I2, L2), not taken from the code
//! under test.

use crate::painted;

use sanad::text::DirectionSetting;
use sanad::text::layout::layout_document;
use sanad::text::shaping::{EguiMeasurer, ShapeCache};
use skrifa::MetadataProvider;
use unicode_bidi::{BidiClass, bidi_class};

/// The separators of the issue: ES, ET and CS, and the Arabic decimal and thousands separators
/// (which are AN).
const SEPARATORS: [char; 11] = [
    '/', ':', ',', '.', '\u{066B}', '\u{066C}', '%', '\u{066A}', '+', '-', '\u{060C}',
];

/// The context around the number.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Context {
    /// `ا` (AL) on both sides.
    Arabic,
    /// `a` (L) on both sides.
    Latin,
}

/// Resolved levels of `ctx d1 [sep] d2 d3 ctx` by UAX #9, written out per class.
/// `digit` is EN or AN; `sep` the separator's class if there is one; `para` 0 or 1.
fn expected_levels(ctx: Context, para: u8, digit: BidiClass, sep: Option<BidiClass>) -> Vec<u8> {
    use BidiClass::*;
    // Weak types after W1–W7 (a neutral left as ON).
    let (d, s) = match ctx {
        // W2: EN after AL becomes AN. W4: one CS between two ANs becomes AN; ES and ET stay
        // neutral (W5 only joins ET to EN), W6 makes them ON.
        Context::Arabic => (AN, sep.map(|s| if matches!(s, CS | AN) { AN } else { ON })),
        Context::Latin => match digit {
            // W4: ES or CS between ENs, W5: ET next to EN become EN; W7: EN after L becomes L.
            EN => (L, sep.map(|s| if s == AN { AN } else { L })),
            _ => (AN, sep.map(|s| if matches!(s, CS | AN) { AN } else { ON })),
        },
    };
    let strong = if ctx == Context::Arabic { R } else { L };
    // N1: an ON between two ANs (counted as R) becomes R.
    let s = s.map(|s| if s == ON { R } else { s });
    // I1, I2: the level of each resolved type in a paragraph at level `para`.
    let level = |t: BidiClass| -> u8 {
        match (para, t) {
            (0, L) => 0,
            (0, R) => 1,
            (0, _) => 2, // AN, EN
            (_, R) => 1,
            (_, _) => 2, // L, AN, EN at an odd level
        }
    };
    let mut out = vec![level(strong), level(d)];
    if let Some(s) = s {
        out.push(level(s));
    }
    out.extend([level(d), level(d), level(strong)]);
    out
}

/// Rule L2: the logical indices in visual order, left to right.
fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let max = *levels.iter().max().unwrap();
    let min_odd = levels
        .iter()
        .copied()
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(max + 1);
    let mut level = max;
    while level >= min_odd && level > 0 {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    order
}

/// Every code point of class EN or AN that a font of the document family maps.
fn drawable_digits() -> Vec<char> {
    let defs = sanad::text::fonts::font_definitions();
    let family = egui::FontFamily::Name(sanad::text::fonts::DOCUMENT_FAMILY.into());
    let faces: Vec<_> = defs.families[&family]
        .iter()
        .map(|name| defs.font_data[name].clone())
        .collect();
    let fonts: Vec<skrifa::FontRef<'_>> = faces
        .iter()
        .map(|d| skrifa::FontRef::from_index((*d.font).as_ref(), d.index).unwrap())
        .collect();
    (0..=0x10FFFFu32)
        .filter_map(char::from_u32)
        .filter(|&c| matches!(bidi_class(c), BidiClass::EN | BidiClass::AN))
        .filter(|&c| fonts.iter().any(|f| f.charmap().map(c).is_some()))
        .collect()
}

#[test]
fn digits_of_every_script_keep_their_order() {
    let digits = drawable_digits();
    // Sanity of the repertoire: ASCII, Arabic-Indic and Persian digits are all there.
    for c in ['0', '9', '\u{0660}', '\u{0669}', '\u{06F0}', '\u{06F9}'] {
        assert!(digits.contains(&c), "{c:?} is drawable");
    }
    let mut fonts = painted::fonts();
    let mut fonts = fonts.with_pixels_per_point(1.0);
    let mut cache = ShapeCache::new(20.0);
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut examples = Vec::new();
    for (k, &d1) in digits.iter().enumerate() {
        // Three different digits of the same class, so a reversal is visible.
        let class = bidi_class(d1);
        let same: Vec<char> = digits
            .iter()
            .cycle()
            .skip(k + 1)
            .take(digits.len())
            .copied()
            .filter(|&c| bidi_class(c) == class && c != d1)
            .take(2)
            .collect();
        let [d2, d3] = same[..] else {
            panic!("class {class:?} has three drawable digits");
        };
        for sep in std::iter::once(None).chain(SEPARATORS.iter().copied().map(Some)) {
            for ctx in [Context::Arabic, Context::Latin] {
                for para in [0u8, 1] {
                    let around = if ctx == Context::Arabic { 'ا' } else { 'a' };
                    let mut chars = vec![around, d1];
                    chars.extend(sep);
                    chars.extend([d2, d3, around]);
                    let text: String = chars.iter().collect();
                    let want_levels = expected_levels(ctx, para, class, sep.map(bidi_class));
                    let expected: Vec<char> = visual_order(&want_levels)
                        .iter()
                        .map(|&i| chars[i])
                        .collect();
                    let direction = if para == 1 {
                        DirectionSetting::Rtl
                    } else {
                        DirectionSetting::Ltr
                    };
                    let layout = {
                        let mut m = EguiMeasurer {
                            fonts: &mut fonts,
                            cache: &mut cache,
                        };
                        layout_document(&text, direction, 1.0e6, &mut m)
                    };
                    let mut got_levels = vec![u8::MAX; chars.len()];
                    let mut groups = Vec::new();
                    for line in layout.lines() {
                        for u in &line.units {
                            for i in u.chars.clone() {
                                got_levels[i] = u.level;
                            }
                        }
                        groups.extend(painted::painted_groups(&mut fonts, &mut cache, line));
                    }
                    if got_levels == want_levels && painted::shows(&groups, &expected) {
                        passed += 1;
                    } else {
                        failed += 1;
                        if examples.len() < 12 {
                            examples.push(format!(
                                "{:?} ({}) para {para}: levels {got_levels:?} want {want_levels:?}; painted {:?} want {:?}",
                                text,
                                chars.iter().map(|c| format!("{:04X}", *c as u32)).collect::<Vec<_>>().join(" "),
                                painted::flat(&groups),
                                expected.iter().collect::<String>()
                            ));
                        }
                    }
                }
            }
        }
    }
    println!("digits: {passed} passed, {failed} failed");
    for e in &examples {
        println!("  {e}");
    }
    assert!(passed >= 500, "{passed} cases");
    assert_eq!(failed, 0);
}

#[test]
fn the_expectation_follows_uax9_on_known_cases() {
    // Independent spot checks of the hand-written rules against worked examples of UAX #9.
    use BidiClass::*;
    // "ا۱۲۳ا" in either paragraph: the number at level 2 between Arabic at level 1.
    assert_eq!(
        expected_levels(Context::Arabic, 0, EN, None),
        vec![1, 2, 2, 2, 1]
    );
    // "ا۱-۲۳ا": the hyphen is ES, neutral between ANs, so R: "۲۳-۱" read left to right.
    assert_eq!(
        visual_order(&expected_levels(Context::Arabic, 1, EN, Some(ES))),
        vec![5, 3, 4, 2, 1, 0]
    );
    // "a1,23a" in a left-to-right paragraph: all at level 0.
    assert_eq!(expected_levels(Context::Latin, 0, EN, Some(CS)), vec![0; 6]);
}
