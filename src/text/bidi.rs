//! Bidi levels for one paragraph (UAX #9) and per-line visual runs (rules L1, L2), char-indexed.
//!
//! `unicode-bidi` resolves the embedding levels over the whole paragraph (rules P2–I2); this module
//! keeps those levels per char, applies rule L1 per line (trailing whitespace and separators back
//! to the paragraph level), and orders level runs visually (rule L2). Mirroring (rule L4) is in
//! [`mirror`].

use serde::{Deserialize, Serialize};
use std::ops::Range;
use unicode_bidi::{BidiClass, BidiInfo, Level};

/// The direction a document's paragraphs take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DirectionSetting {
    /// Each paragraph from its first strong character (UAX #9, rules P2–P3); left to right when it has none.
    #[default]
    Auto,
    /// Every paragraph right to left (paragraph embedding level 1).
    Rtl,
    /// Every paragraph left to right (paragraph embedding level 0).
    Ltr,
    /// Each paragraph from its first strong character (rules P2–P3), right to left when it has
    /// none (UAX #9, rule P3 leaves that choice to a higher protocol, HL1): text fields, where an
    /// empty or digits-only paragraph is most likely the start of Arabic.
    AutoRtl,
}

impl DirectionSetting {
    /// The name stored in the project file: `auto`, `rtl` or `ltr`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Rtl => "rtl",
            Self::Ltr => "ltr",
            Self::AutoRtl => "auto-rtl",
        }
    }

    /// Parses [`Self::as_str`]; anything else is `None`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "auto" => Some(Self::Auto),
            "rtl" => Some(Self::Rtl),
            "ltr" => Some(Self::Ltr),
            "auto-rtl" => Some(Self::AutoRtl),
            _ => None,
        }
    }
}

/// A maximal run of chars on one line at one embedding level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualRun {
    /// Char offsets into the paragraph text, end-exclusive.
    pub chars: Range<usize>,
    /// The resolved embedding level after rule L1; odd is right to left.
    pub level: u8,
}

impl VisualRun {
    /// Is this run right to left (odd level)?
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// The resolved bidi levels of one paragraph, one entry per char.
#[derive(Clone, Debug)]
pub struct BidiParagraph {
    levels: Vec<u8>,
    classes: Vec<BidiClass>,
    para_level: u8,
}

impl BidiParagraph {
    /// Resolves the levels of `text`, which must be a single paragraph (no separator inside, see
    /// [`super::paragraphs::split_paragraphs`]). Levels of chars removed by rule X9 (embedding
    /// controls, BN) are whatever `unicode-bidi` gives them; they have no glyph.
    pub fn new(text: &str, direction: DirectionSetting) -> Self {
        let level = match direction {
            DirectionSetting::Auto => None,
            DirectionSetting::AutoRtl => (unicode_bidi::get_base_direction(text)
                == unicode_bidi::Direction::Mixed)
                .then(Level::rtl),
            DirectionSetting::Rtl => Some(Level::rtl()),
            DirectionSetting::Ltr => Some(Level::ltr()),
        };
        let info = BidiInfo::new(text, level);
        let para_level = info.paragraphs.first().map_or(
            match direction {
                DirectionSetting::Rtl | DirectionSetting::AutoRtl => 1,
                _ => 0,
            },
            |p| p.level.number(),
        );
        let mut levels = Vec::with_capacity(text.len());
        let mut classes = Vec::with_capacity(text.len());
        for (bi, _) in text.char_indices() {
            levels.push(info.levels[bi].number());
            classes.push(info.original_classes[bi]);
        }
        Self {
            levels,
            classes,
            para_level,
        }
    }

    /// The paragraph embedding level: 0 left to right, 1 right to left.
    pub fn paragraph_level(&self) -> u8 {
        self.para_level
    }

    /// Is the paragraph right to left?
    pub fn is_rtl(&self) -> bool {
        self.para_level % 2 == 1
    }

    /// Number of chars in the paragraph.
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    /// Is the paragraph empty?
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// The original bidi class of the char at `i` (char offset in the paragraph).
    pub fn class(&self, i: usize) -> BidiClass {
        self.classes[i]
    }

    /// The resolved level of every char in `line` (char offsets into the paragraph), after
    /// rule L1: segment separators, and whitespace and isolate controls before them or at the end
    /// of the line, take the paragraph level. Chars removed by rule X9 next to such whitespace go
    /// with it.
    pub fn line_levels(&self, line: Range<usize>) -> Vec<u8> {
        let mut out: Vec<u8> = self.levels[line.clone()].to_vec();
        let classes = &self.classes[line];
        let mut trailing = true; // scanning backwards: inside a run that ends the line or a separator
        for i in (0..out.len()).rev() {
            match classes[i] {
                BidiClass::S | BidiClass::B => {
                    out[i] = self.para_level;
                    trailing = true;
                }
                BidiClass::WS
                | BidiClass::FSI
                | BidiClass::LRI
                | BidiClass::RLI
                | BidiClass::PDI
                    if trailing =>
                {
                    out[i] = self.para_level
                }
                c if trailing && removed_by_x9(c) => out[i] = self.para_level,
                _ => trailing = false,
            }
        }
        out
    }

    /// The level runs of `line` (char offsets into the paragraph) in visual order, left to right
    /// (UAX #9, rules L1 and L2). Run ranges are paragraph char offsets.
    pub fn visual_runs(&self, line: Range<usize>) -> Vec<VisualRun> {
        let levels = self.line_levels(line.clone());
        visual_runs_from_levels(&levels, line.start)
    }
}

/// Chars that rule X9 removes: embedding and override controls, PDF, and boundary neutrals.
pub fn removed_by_x9(c: BidiClass) -> bool {
    matches!(
        c,
        BidiClass::RLE
            | BidiClass::LRE
            | BidiClass::RLO
            | BidiClass::LRO
            | BidiClass::PDF
            | BidiClass::BN
    )
}

/// Orders the level runs of a line visually (UAX #9, rule L2): from the highest level down to the
/// lowest odd level, every maximal sequence of runs at that level or higher is reversed.
/// `levels` holds one level per char; `offset` is added to every returned range.
pub fn visual_runs_from_levels(levels: &[u8], offset: usize) -> Vec<VisualRun> {
    let mut runs: Vec<VisualRun> = Vec::new();
    for (i, &lv) in levels.iter().enumerate() {
        match runs.last_mut() {
            Some(r) if r.level == lv => r.chars.end = offset + i + 1,
            _ => runs.push(VisualRun {
                chars: offset + i..offset + i + 1,
                level: lv,
            }),
        }
    }
    let Some(max) = runs.iter().map(|r| r.level).max() else {
        return runs;
    };
    let min_odd = runs
        .iter()
        .map(|r| r.level)
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(max + 1);
    let mut level = max;
    while level >= min_odd && level > 0 {
        let mut i = 0;
        while i < runs.len() {
            if runs[i].level >= level {
                let start = i;
                while i < runs.len() && runs[i].level >= level {
                    i += 1;
                }
                runs[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    runs
}

/// The mirrored glyph of `c` when it is drawn at an odd level (UAX #9, rule L4, from
/// `BidiMirroring.txt`), or `c` itself.
pub fn mirror(c: char) -> char {
    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visual(text: &str, dir: DirectionSetting) -> String {
        let chars: Vec<char> = text.chars().collect();
        let p = BidiParagraph::new(text, dir);
        let mut out = String::new();
        for run in p.visual_runs(0..chars.len()) {
            let slice = &chars[run.chars.clone()];
            if run.is_rtl() {
                out.extend(slice.iter().rev().map(|&c| mirror(c)));
            } else {
                out.extend(slice.iter());
            }
        }
        out
    }

    #[test]
    fn arabic_with_digits_and_latin_keeps_numbers_unreversed() {
        // Logical "أكثر من 200 ألف": visually the number stays "200" between the Arabic words.
        let v = visual("من 200 ألف", DirectionSetting::Auto);
        assert!(v.contains("200"), "{v}");
        assert_eq!(v.chars().next(), Some('ف'));
        assert!(
            visual("AhamdZydan (@AhmadZydan2011)", DirectionSetting::Rtl)
                .contains("AhamdZydan (@AhmadZydan2011)")
        );
    }

    #[test]
    fn brackets_in_rtl_runs_are_mirrored() {
        // "سجن عدرا (دمشق)": the parentheses are at level 1 and are mirrored (rule L4).
        let v = visual("عدرا (دمشق)", DirectionSetting::Auto);
        assert_eq!(v, "(قشمد) اردع");
    }

    #[test]
    fn trailing_whitespace_takes_paragraph_level() {
        let p = BidiParagraph::new("abc ابج ", DirectionSetting::Rtl);
        let lv = p.line_levels(0..8);
        assert_eq!(lv[7], 1);
        assert_eq!(lv[0], 2);
    }

    #[test]
    fn auto_direction_follows_first_strong_char() {
        assert!(BidiParagraph::new("ICRC: قالت", DirectionSetting::Auto).paragraph_level() == 0);
        assert!(BidiParagraph::new("ICRC: قالت", DirectionSetting::Rtl).is_rtl());
        assert!(BidiParagraph::new("— أحمد", DirectionSetting::Auto).is_rtl());
    }
}
