//! Property tests of line breaking and reordering over random text from the whole repertoire the
//! documents hold (Arabic with marks, Latin, Hebrew, digits of every script, separators, brackets,
//! bidi controls, joiners, paragraph separators), measured and painted with egui's fonts and
//! shaper: lines cover every char exactly once, no line is wider than the width unless it is one
//! grapheme, each line's units carry unicode-bidi's levels for that line (UAX #9, rules L1,
//! levels resolved over the whole paragraph), and the glyphs the view paints fall left to right in
//! unicode-bidi's own reordering of that line (rule L2).

use crate::painted;

use proptest::prelude::*;
use sanad::text::DirectionSetting;
use sanad::text::document::layout_document;
use sanad::text::shaping::{EguiMeasurer, ShapeCache};
use std::cell::RefCell;
use unicode_bidi::BidiInfo;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        // Arabic words, with harakat, shadda, tatweel, lam-alef.
        prop::sample::select(vec![
            "سجن",
            "صيدنايا",
            "المعتقلين",
            "أُعلن",
            "لـ",
            "في",
            "محمّد",
            "لا",
            "الاعتقال"
        ])
        .prop_map(String::from),
        prop::sample::select(vec![
            "ICRC",
            "Wagner",
            "pic.twitter.com/S0uE8EINaE",
            "@AhmadZydan2011",
            "#VFR10",
            "café"
        ])
        .prop_map(String::from),
        // Hebrew, with a point.
        prop::sample::select(vec!["נקלט", "עופר", "בְּכלא"]).prop_map(String::from),
        // Numbers in every script the fonts draw, with their separators.
        prop::sample::select(vec![
            "200",
            "1,554",
            "2020",
            "٢٠٢٠",
            "12.5%",
            "۱۲۳",
            "۱۳۹۹/۰۴/۱۶",
            "۴۵٪",
            "١٠١-",
            "٣٫٥",
            "¹²",
            "۝١٢",
            "+1 555",
            "١٬٠٠٠"
        ])
        .prop_map(String::from),
        prop::sample::select(vec![
            " ", " ", "  ", "، ", ". ", "(", ")", "«", "»", ": ", " — ", "\"", "-", "/", "[", "]"
        ])
        .prop_map(String::from),
        // Bidi controls, joiners, marks alone, paragraph separators.
        prop::sample::select(vec![
            "\u{200E}", "\u{200F}", "\u{061C}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}",
            "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{200D}", "\u{200C}",
            "\u{064E}", "\u{0301}", "\n", "\r\n", "\u{2029}"
        ])
        .prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..24).prop_map(|v| v.concat())
}

thread_local! {
    static FONTS: RefCell<egui::epaint::text::Fonts> = RefCell::new(painted::fonts());
    static CACHE: RefCell<ShapeCache> = RefCell::new(ShapeCache::new(20.0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn lines_cover_all_and_match_unicode_bidi(text in text(), width in 30.0f32..400.0, dir in 0u8..3) {
        FONTS.with_borrow_mut(|fonts| CACHE.with_borrow_mut(|cache| {
        let mut fonts = fonts.with_pixels_per_point(1.0);
        let direction = [DirectionSetting::Auto, DirectionSetting::Rtl, DirectionSetting::Ltr][dir as usize];
        let layout = {
            let mut m = EguiMeasurer { fonts: &mut fonts, cache: &mut *cache };
            layout_document(&text, direction, width, &mut m)
        };
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();

        let mut seen = vec![0u32; n];
        for line in layout.lines() {
            for u in &line.units {
                for i in u.chars.clone() {
                    seen[i] += 1;
                }
            }
        }
        // Paragraph separators belong to no line.
        for (i, c) in chars.iter().enumerate() {
            if sanad::text::paragraphs::is_paragraph_separator(*c) {
                seen[i] += 1;
            }
        }
        prop_assert!(seen.iter().all(|&c| c == 1), "every char on exactly one line: {seen:?}");

        let level = match direction {
            DirectionSetting::Auto => None,
            DirectionSetting::Rtl => Some(unicode_bidi::Level::rtl()),
            DirectionSetting::Ltr => Some(unicode_bidi::Level::ltr()),
            // Text fields' setting; the generator above never picks it.
            DirectionSetting::AutoRtl => unreachable!("not generated"),
        };
        let info = BidiInfo::new(&text, level);
        let byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
        for line in layout.lines() {
            let bytes = byte_of[line.chars.start]..byte_of[line.chars.end];
            let Some(para) = info.paragraphs.iter().find(|p| p.range.start <= bytes.start && bytes.end <= p.range.end) else {
                prop_assert!(false, "line {:?} inside one paragraph of {:?}", line.chars, text);
                continue;
            };
            if bytes.is_empty() {
                continue;
            }
            let (levels, runs) = info.visual_runs(para, bytes.clone());
            // unicode-bidi's levels and visual order of this line, mirrored at odd levels.
            for u in &line.units {
                for i in u.chars.clone() {
                    if !sanad::text::bidi::removed_by_x9(unicode_bidi::bidi_class(chars[i])) {
                        prop_assert_eq!(u.level, levels[byte_of[i]].number(), "level of char {} in {:?}", i, text);
                    }
                }
            }
            let mut expected = Vec::new();
            for run in runs {
                let rtl = levels[run.start].is_rtl();
                let mut cs: Vec<char> = (line.chars.clone())
                    .filter(|&c| byte_of[c] >= run.start && byte_of[c] < run.end)
                    .map(|c| chars[c])
                    .map(|c| if rtl { unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c) } else { c })
                    .collect();
                if rtl {
                    cs.reverse();
                }
                expected.extend(cs.into_iter().filter(|&c| !painted::has_no_place(c)));
            }
            let groups = painted::painted_groups(&mut fonts, cache, line);
            prop_assert!(painted::shows(&groups, &expected), "line {:?} of {:?}: painted {:?}, expected {:?}", line.chars, text, painted::flat(&groups), expected.iter().collect::<String>());

            let content: f32 = line.units.iter().filter(|u| !chars[u.chars.clone()].iter().all(|c| c.is_whitespace())).map(|u| u.shape.width).sum();
            let graphemes: usize = line.units.iter().map(|u| u.shape.graphemes.len()).sum();
            prop_assert!(content <= width + 0.5 || graphemes <= 1 || line.units.len() == 1, "line {:?} is {} wide at {}", line.chars, content, width);
        }
        Ok(())
        }))?;
    }
}
