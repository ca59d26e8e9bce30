//! Unicode's own bidi conformance suite (`BidiCharacterTest.txt`, Unicode 15, 91,707 cases) run
//! through the code path the document view uses: paragraph levels, line levels (rule L1),
//! visual runs (L2), shaping units, and the x positions of the placed units' grapheme boxes.
//! Fonts are replaced by a fixed advance per grapheme, so only order is tested.

use sanad::text::DirectionSetting;
use sanad::text::layout::{FixedWidthMeasurer, layout_document};
use std::io::Read;

#[test]
fn bidi_character_test_visual_order() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/BidiCharacterTest.txt.gz"
    );
    let mut data = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut data)
        .unwrap();
    let mut measurer = FixedWidthMeasurer {
        advance: 10.0,
        height: 20.0,
    };
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut examples = Vec::new();
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        assert_eq!(fields.len(), 5, "{line}");
        let text: String = fields[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        let direction = match fields[1] {
            "0" => DirectionSetting::Ltr,
            "1" => DirectionSetting::Rtl,
            _ => DirectionSetting::Auto,
        };
        let levels: Vec<&str> = fields[3].split_whitespace().collect();
        let expected: Vec<usize> = fields[4]
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        let layout = layout_document(&text, direction, 1.0e6, &mut measurer);
        let got: Vec<usize> = layout
            .visual_order()
            .into_iter()
            .filter(|&i| levels[i] != "x")
            .collect();
        if got == expected {
            passed += 1;
        } else {
            failed += 1;
            if examples.len() < 10 {
                examples.push(format!("{line}\n    got {got:?}"));
            }
        }
    }
    println!("BidiCharacterTest: {passed} passed, {failed} failed");
    for e in &examples {
        println!("  {e}");
    }
    assert_eq!(passed, 91_707, "every case of the suite");
    assert_eq!(failed, 0);
}
