//! Shaping units: the pieces of a line that are shaped on their own and placed in visual order.
//!
//! A unit never crosses a level run, a line break opportunity, or a word edge, so cutting a line
//! into units never cuts a word into separately shaped pieces (letters stay joined), and placing
//! units right to left inside a right-to-left run gives the visual order of rule L2 without
//! asking the shaper to reorder anything.

use std::ops::Range;
use unicode_bidi::BidiClass;

/// A run of chars shaped as one piece.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Char offsets into the paragraph, end-exclusive.
    pub chars: Range<usize>,
    /// Resolved embedding level (after rule L1 when split per line); odd is right to left.
    pub level: u8,
}

impl Unit {
    /// Is the unit right to left (odd level)?
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// Explicit bidi formatting characters and marks (LRM, RLM, ALM, embeddings, overrides,
/// isolates, PDF) and BOM/ZWSP-like boundary neutrals other than ZWJ and ZWNJ: they count in
/// offsets but have no glyph, so each is its own zero-width unit.
pub fn is_invisible_control(c: char, class: BidiClass) -> bool {
    if c == '\u{200C}' || c == '\u{200D}' {
        return false; // ZWNJ/ZWJ steer Arabic joining inside a word
    }
    matches!(
        class,
        BidiClass::BN
            | BidiClass::LRE
            | BidiClass::RLE
            | BidiClass::LRO
            | BidiClass::RLO
            | BidiClass::PDF
            | BidiClass::LRI
            | BidiClass::RLI
            | BidiClass::FSI
            | BidiClass::PDI
    ) || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Does `c` belong inside a right-to-left word unit (strong R/AL letters, their marks, ZWJ/ZWNJ)?
fn joins_rtl_word(c: char, class: BidiClass) -> bool {
    matches!(class, BidiClass::R | BidiClass::AL | BidiClass::NSM)
        || c == '\u{200C}'
        || c == '\u{200D}'
}

/// Splits `range` (char offsets into the paragraph) into units in logical order.
///
/// * `chars`, `classes`: the paragraph's chars and original bidi classes.
/// * `levels`: one level per char of `range` (already through rule L1 when this is a line).
/// * `break_before[i]`: a line break opportunity before paragraph char `i` (UAX #14).
///
/// Rules: a new unit starts at each level change and break opportunity; in a right-to-left run
/// only Arabic/Hebrew letters with their marks group into words and every other char is a unit of
/// its own (so it can be mirrored and reversed); in a left-to-right run R, AL and AN chars stand
/// alone (a shaper would reverse them otherwise); marks (NSM) stay with the char before them;
/// invisible controls stand alone.
pub fn split_units(
    chars: &[char],
    classes: &[BidiClass],
    levels: &[u8],
    range: Range<usize>,
    break_before: &[bool],
) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut prev: Option<(char, BidiClass, bool)> = None; // (char, class, invisible)
    for (k, i) in range.clone().enumerate() {
        let (c, class, level) = (chars[i], classes[i], levels[k]);
        let invisible = is_invisible_control(c, class);
        let continues = match (out.last(), prev) {
            (Some(u), Some((pc, pclass, pinv))) if u.level == level && !break_before[i] => {
                if invisible || pinv {
                    false
                } else if class == BidiClass::NSM {
                    true
                } else if level % 2 == 1 {
                    joins_rtl_word(c, class) && joins_rtl_word(pc, pclass)
                } else {
                    let alone =
                        |cl: BidiClass| matches!(cl, BidiClass::R | BidiClass::AL | BidiClass::AN);
                    !alone(class) && !alone(pclass)
                }
            }
            _ => false,
        };
        match out.last_mut() {
            Some(u) if continues => u.chars.end = i + 1,
            _ => out.push(Unit {
                chars: i..i + 1,
                level,
            }),
        }
        prev = Some((c, class, invisible));
    }
    out
}

/// Line break opportunities of a paragraph (UAX #14 via `unicode-linebreak`), as one flag per
/// char position `0..=len`: `allowed[i]` is true when a line may break before char `i`.
/// The second vector flags mandatory breaks (e.g. U+2028 LINE SEPARATOR) the same way.
pub fn break_opportunities(text: &str, char_count: usize) -> (Vec<bool>, Vec<bool>) {
    let mut allowed = vec![false; char_count + 1];
    let mut mandatory = vec![false; char_count + 1];
    let mut byte_to_char = Vec::with_capacity(text.len() + 1);
    for (ci, c) in text.chars().enumerate() {
        for _ in 0..c.len_utf8() {
            byte_to_char.push(ci);
        }
    }
    byte_to_char.push(char_count);
    for (bi, op) in unicode_linebreak::linebreaks(text) {
        let ci = byte_to_char[bi];
        allowed[ci] = true;
        if op == unicode_linebreak::BreakOpportunity::Mandatory && bi < text.len() {
            mandatory[ci] = true;
        }
    }
    (allowed, mandatory)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::bidi::{BidiParagraph, DirectionSetting};

    fn units_of(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let p = BidiParagraph::new(text, DirectionSetting::Auto);
        let classes: Vec<_> = (0..chars.len()).map(|i| p.class(i)).collect();
        let levels = p.line_levels(0..chars.len());
        let (allowed, _) = break_opportunities(text, chars.len());
        split_units(&chars, &classes, &levels, 0..chars.len(), &allowed)
            .into_iter()
            .map(|u| chars[u.chars].iter().collect())
            .collect()
    }

    #[test]
    fn arabic_words_stay_whole_and_neutrals_stand_alone() {
        assert_eq!(
            units_of("أطلق “الدفاع المدني”"),
            vec!["أطلق", " ", "“", "الدفاع", " ", "المدني", "”"]
        );
    }

    #[test]
    fn harakat_stay_with_their_word_and_digits_form_their_own_run() {
        assert_eq!(
            units_of("أُعلن عن 1,554 إصابة"),
            vec!["أُعلن", " ", "عن", " ", "1,554", " ", "إصابة"]
        );
    }

    #[test]
    fn latin_splits_at_break_opportunities() {
        assert_eq!(units_of("July 6, 2020"), vec!["July ", "6, ", "2020"]);
    }

    #[test]
    fn controls_are_units_of_their_own() {
        assert_eq!(units_of("a\u{202E}b"), vec!["a", "\u{202E}", "b"]);
    }
}
