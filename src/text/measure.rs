//! Measuring shaping units: the [`Measurer`] trait, the shapes it returns, grapheme clusters as
//! the view understands them, and a fixed-advance measurer for font-independent tests.

use std::ops::Range;
use std::sync::Arc;
use unicode_bidi::BidiClass;

/// A grapheme cluster's box inside a shaped unit.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphemeBox {
    /// Char offsets relative to the unit's first char, end-exclusive.
    pub chars: Range<usize>,
    /// Left edge, points from the unit's left edge.
    pub x0: f32,
    /// Right edge, points from the unit's left edge.
    pub x1: f32,
}

/// The measured shape of one unit's text.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct UnitShape {
    /// Advance width in points.
    pub width: f32,
    /// One box per grapheme cluster (see [`grapheme_char_ranges`]), in logical order. Boxes of a
    /// right-to-left unit fall right to left; a ligature's width is shared evenly by its graphemes.
    pub graphemes: Vec<GraphemeBox>,
}

/// Measures shaping units. The view implements it with egui's fonts; tests may use fixed widths.
pub trait Measurer {
    /// Shapes `text` (one unit, as drawn: already mirrored) on its own and returns its metrics.
    fn measure(&mut self, text: &str) -> Arc<UnitShape>;
    /// Height of one line in points.
    fn line_height(&mut self) -> f32;
}

/// ARABIC TATWEEL (U+0640), the kashida: it lengthens the join before it.
pub const TATWEEL: char = '\u{0640}';

/// The grapheme clusters of `text` as char ranges: extended grapheme clusters (UAX #29), so
/// harakat (U+064B–U+0652) and shadda stay with their base letter, and in addition a tatweel
/// joins the cluster before it, so selection never strands a kashida.
pub fn grapheme_char_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut ci = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(text, true) {
        let n = g.chars().count();
        let is_tatweel = g.starts_with(TATWEEL);
        match out.last_mut() {
            Some(prev) if is_tatweel => prev.end = ci + n,
            _ => out.push(ci..ci + n),
        }
        ci += n;
    }
    out
}

/// A [`Measurer`] that gives every grapheme the same width: for tests of order and hit-testing
/// that must not depend on fonts. A unit holding a strong right-to-left char is laid out right to
/// left, as a shaper would.
#[derive(Clone, Debug)]
pub struct FixedWidthMeasurer {
    /// Width of one grapheme, points.
    pub advance: f32,
    /// Line height, points.
    pub height: f32,
}

impl Measurer for FixedWidthMeasurer {
    fn measure(&mut self, text: &str) -> Arc<UnitShape> {
        let rtl = text
            .chars()
            .any(|c| matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL));
        let graphemes = grapheme_char_ranges(text);
        let width = graphemes.len() as f32 * self.advance;
        let boxes = graphemes
            .into_iter()
            .enumerate()
            .map(|(i, chars)| {
                let i = i as f32;
                let (x0, x1) = if rtl {
                    (width - (i + 1.0) * self.advance, width - i * self.advance)
                } else {
                    (i * self.advance, (i + 1.0) * self.advance)
                };
                GraphemeBox { chars, x0, x1 }
            })
            .collect();
        Arc::new(UnitShape {
            width,
            graphemes: boxes,
        })
    }

    fn line_height(&mut self) -> f32 {
        self.height
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harakat_shadda_and_tatweel_stay_with_their_letter() {
        // "أُعلن": alef with hamza + damma is one cluster.
        assert_eq!(grapheme_char_ranges("أُعلن"), vec![0..2, 2..3, 3..4, 4..5]);
        // "محمّد" with shadda, and "مـحمد" with a tatweel after the meem.
        assert_eq!(grapheme_char_ranges("محمّد"), vec![0..1, 1..2, 2..4, 4..5]);
        assert_eq!(grapheme_char_ranges("مـحمد"), vec![0..2, 2..3, 3..4, 4..5]);
    }
}
