//! Property tests of line breaking and reordering over random mixed Arabic/Latin/digit text:
//! lines cover every char exactly once, no line is wider than the width unless it is one
//! grapheme, and each line's visual order equals unicode-bidi's own reordering of that line
//! (UAX #9, rules L1–L2, levels resolved over the whole paragraph).

use proptest::prelude::*;
use sanad::text::DirectionSetting;
use sanad::text::document::{layout_document, line_visual_order};
use sanad::text::layout::FixedWidthMeasurer;
use unicode_bidi::BidiInfo;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "سجن",
            "صيدنايا",
            "المعتقلين",
            "أُعلن",
            "لـ",
            "في",
            "محمّد"
        ])
        .prop_map(String::from),
        prop::sample::select(vec![
            "ICRC",
            "Wagner",
            "pic.twitter.com/S0uE8EINaE",
            "@AhmadZydan2011",
            "#VFR10"
        ])
        .prop_map(String::from),
        prop::sample::select(vec!["200", "1,554", "2020", "٢٠٢٠", "12.5%"]).prop_map(String::from),
        prop::sample::select(vec![
            " ", " ", "  ", "، ", ". ", "(", ")", "«", "»", ": ", " — ", "\"", "-"
        ])
        .prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn lines_cover_all_and_match_unicode_bidi(text in text(), width in 30.0f32..400.0, dir in 0u8..3) {
        let direction = [DirectionSetting::Auto, DirectionSetting::Rtl, DirectionSetting::Ltr][dir as usize];
        let mut m = FixedWidthMeasurer { advance: 10.0, height: 20.0 };
        let layout = layout_document(&text, direction, width, &mut m);
        let n = text.chars().count();

        let mut seen = vec![0u32; n];
        for line in layout.lines() {
            for u in &line.units {
                for i in u.chars.clone() {
                    seen[i] += 1;
                }
            }
        }
        prop_assert!(seen.iter().all(|&c| c == 1), "every char on exactly one line: {seen:?}");

        let level = match direction {
            DirectionSetting::Auto => None,
            DirectionSetting::Rtl => Some(unicode_bidi::Level::rtl()),
            DirectionSetting::Ltr => Some(unicode_bidi::Level::ltr()),
        };
        let info = BidiInfo::new(&text, level);
        let para = &info.paragraphs[0];
        let byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
        for line in layout.lines() {
            let bytes = byte_of[line.chars.start]..byte_of[line.chars.end];
            let (levels, runs) = info.visual_runs(para, bytes.clone());
            // unicode-bidi's visual order of this line, as char offsets.
            let mut expected = Vec::new();
            for run in runs {
                let rtl = levels[run.start].is_rtl();
                let chars: Vec<usize> = (line.chars.clone()).filter(|&c| byte_of[c] >= run.start && byte_of[c] < run.end).collect();
                if rtl { expected.extend(chars.into_iter().rev()) } else { expected.extend(chars) }
            }
            let got = line_visual_order(line);
            prop_assert_eq!(got, expected, "line {:?} of {:?}", line.chars, text);

            let content: f32 = line.units.iter().filter(|u| !text.chars().skip(u.chars.start).take(u.chars.len()).all(char::is_whitespace)).map(|u| u.shape.width).sum();
            let graphemes: usize = line.units.iter().map(|u| u.shape.graphemes.len()).sum();
            prop_assert!(content <= width + 0.01 || graphemes <= 1 || line.units.len() == 1, "line {:?} is {} wide at {}", line.chars, content, width);
        }
    }
}
