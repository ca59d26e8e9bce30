//! Unicode's own bidi conformance suite (`BidiCharacterTest.txt`, Unicode 15, 91,707 cases) run
//! through the code the document view uses: paragraph levels, line levels (rule L1), visual runs
//! (L2), shaping units, egui's fonts and shaper (harfrust, which decides a piece's direction from
//! its script, not its level), and the galleys the view paints. Both the resolved levels and the
//! painted left-to-right order are compared with the file's expectations.

use crate::painted;

use sanad::text::DirectionSetting;
use sanad::text::layout::layout_document;
use sanad::text::shaping::{EguiMeasurer, ShapeCache};
use std::io::Read;

#[test]
fn bidi_character_test_levels_and_painted_order() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/BidiCharacterTest.txt.gz"
    );
    let mut data = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut data)
        .unwrap();
    let mut fonts = painted::fonts();
    let mut fonts = fonts.with_pixels_per_point(1.0);
    let mut cache = ShapeCache::new(20.0);
    let (mut passed, mut failed, mut level_failures, mut order_failures) = (0, 0, 0, 0);
    let mut examples = Vec::new();
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        assert_eq!(fields.len(), 5, "{line}");
        let chars: Vec<char> = fields[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        let text: String = chars.iter().collect();
        let direction = match fields[1] {
            "0" => DirectionSetting::Ltr,
            "1" => DirectionSetting::Rtl,
            _ => DirectionSetting::Auto,
        };
        let levels: Vec<Option<u8>> = fields[3]
            .split_whitespace()
            .map(|l| l.parse().ok())
            .collect();
        let order: Vec<usize> = fields[4]
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        // What a reader should see: the chars in the file's visual order, mirrored at odd levels
        // (rule L4), without marks and removed controls (they have no place of their own).
        let expected: Vec<char> = order
            .iter()
            .map(|&i| {
                let c = chars[i];
                if levels[i].is_some_and(|l| l % 2 == 1) {
                    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
                } else {
                    c
                }
            })
            .filter(|&c| !painted::has_no_place(c))
            .collect();

        let layout = {
            let mut m = EguiMeasurer {
                fonts: &mut fonts,
                cache: &mut cache,
            };
            layout_document(&text, direction, 1.0e6, &mut m)
        };
        let mut got_levels: Vec<Option<u8>> = vec![None; chars.len()];
        let mut groups = Vec::new();
        for l in layout.lines() {
            for u in &l.units {
                for i in u.chars.clone() {
                    got_levels[i] = Some(u.level);
                }
            }
            groups.extend(painted::painted_groups(&mut fonts, &mut cache, l));
        }
        let levels_ok = levels
            .iter()
            .zip(&got_levels)
            .all(|(want, got)| want.is_none() || want == got);
        let order_ok = painted::shows(&groups, &expected);
        if levels_ok && order_ok {
            passed += 1;
        } else {
            failed += 1;
            level_failures += usize::from(!levels_ok);
            order_failures += usize::from(!order_ok);
            if examples.len() < 10 {
                let shown: Vec<String> = got_levels
                    .iter()
                    .map(|l| l.map_or("x".into(), |l| l.to_string()))
                    .collect();
                examples.push(format!(
                    "{line}\n    levels {}\n    painted {:?} expected {:?}",
                    shown.join(" "),
                    painted::flat(&groups),
                    expected.iter().collect::<String>()
                ));
            }
        }
    }
    println!(
        "BidiCharacterTest: {passed} passed, {failed} failed ({level_failures} levels, {order_failures} painted order)"
    );
    for e in &examples {
        println!("  {e}");
    }
    assert_eq!(passed, 91_707, "every case of the suite");
    assert_eq!(failed, 0);
}
