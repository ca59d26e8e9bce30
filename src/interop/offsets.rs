//! Offset units at the edge: other tools count positions in UTF-16 code units (doccano by
//! default, INCEpTION, Label Studio in some versions), in code points (Python 3 strings: brat,
//! doccano's other export, Label Studio), or in grapheme clusters (doccano's grapheme mode).
//! Sanad stores chars (Unicode scalar values = code points), end-exclusive; [`OffsetMap`]
//! converts a span given in one unit into chars, and says when an edge falls inside a surrogate
//! pair (the span is widened to the whole character) or inside a grapheme cluster (UAX #29,
//! extended clusters: a letter cut from its harakat, an emoji cut from its modifier).

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The unit a source counts offsets in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// UTF-16 code units (JavaScript string indices, Java `String`).
    #[default]
    Utf16,
    /// Unicode code points (Python 3 string indices), Sanad's own unit.
    Codepoint,
    /// Extended grapheme clusters (UAX #29), what a reader sees as one character.
    Grapheme,
    /// Bytes of the text encoded as UTF-8 (Rust `str` and Go string indices).
    Utf8,
}

impl OffsetUnit {
    /// Parses `utf16`, `codepoint`, `grapheme` or `utf8` (also `utf-16`, `code-point`, `char`,
    /// `bytes`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "utf16" => Some(Self::Utf16),
            "codepoint" | "codepoints" | "char" | "chars" => Some(Self::Codepoint),
            "grapheme" | "graphemes" => Some(Self::Grapheme),
            "utf8" | "bytes" | "byte" => Some(Self::Utf8),
            _ => None,
        }
    }

    /// The name used in messages and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Utf16 => "utf16",
            Self::Codepoint => "codepoint",
            Self::Grapheme => "grapheme",
            Self::Utf8 => "utf8",
        }
    }
}

/// A converted span: its char range and what a reader should know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    /// Char offsets into the text, end-exclusive.
    pub range: Range<usize>,
    /// Warnings (edge inside a surrogate pair, edge inside a grapheme cluster).
    pub warnings: Vec<String>,
}

/// Converts offsets in one [`OffsetUnit`] into char offsets of one text.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    unit: OffsetUnit,
    /// For UTF-16 and code points: the unit offset where each char starts, then the text's
    /// length in units. For graphemes: the char where each cluster starts, then the char count.
    table: Vec<usize>,
    /// Is char offset `i` a grapheme cluster boundary (`0..=char count`)?
    boundary: Vec<bool>,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str, unit: OffsetUnit) -> Self {
        let chars = text.chars().count();
        let mut boundary = vec![false; chars + 1];
        let mut char_at_byte = 0;
        let mut last_byte = 0;
        let mut clusters = Vec::new();
        for (byte, _) in text.grapheme_indices(true) {
            char_at_byte += text[last_byte..byte].chars().count();
            last_byte = byte;
            boundary[char_at_byte] = true;
            clusters.push(char_at_byte);
        }
        boundary[chars] = true;
        let table = match unit {
            OffsetUnit::Codepoint => (0..=chars).collect(),
            OffsetUnit::Utf16 | OffsetUnit::Utf8 => {
                let mut t = Vec::with_capacity(chars + 1);
                let mut u = 0;
                for c in text.chars() {
                    t.push(u);
                    u += if unit == OffsetUnit::Utf8 {
                        c.len_utf8()
                    } else {
                        c.len_utf16()
                    };
                }
                t.push(u);
                t
            }
            OffsetUnit::Grapheme => {
                clusters.push(chars);
                clusters
            }
        };
        Self {
            unit,
            table,
            boundary,
        }
    }

    /// The text's length in this unit.
    pub fn len_units(&self) -> usize {
        match self.unit {
            OffsetUnit::Grapheme => self.table.len() - 1,
            _ => self.table.last().copied().unwrap_or(0),
        }
    }

    /// Converts `[start, end)` given in this map's unit.
    ///
    /// # Errors
    /// A reason in words when the span is empty, reversed or past the text.
    pub fn span(&self, start: usize, end: usize) -> Result<Converted, String> {
        let len = self.len_units();
        if start >= end {
            return Err(format!("empty or reversed span [{start}, {end})"));
        }
        if end > len {
            return Err(format!(
                "span [{start}, {end}) ends past the text ({len} {} units)",
                self.unit.as_str()
            ));
        }
        let mut warnings = Vec::new();
        let range = match self.unit {
            OffsetUnit::Grapheme => self.table[start]..self.table[end],
            _ => {
                let find = |u: usize, round_up: bool| match self.table.binary_search(&u) {
                    Ok(i) => (i, false),
                    Err(i) if round_up => (i, true),
                    Err(i) => (i - 1, true),
                };
                let (s, s_in) = find(start, false);
                let (e, e_in) = find(end, true);
                if s_in || e_in {
                    warnings.push(format!(
                        "span [{start}, {end}) ({} units) has an edge inside {}; widened to the whole character: chars [{s}, {e})",
                        self.unit.as_str(),
                        if self.unit == OffsetUnit::Utf8 { "a UTF-8 sequence" } else { "a surrogate pair" }
                    ));
                }
                s..e
            }
        };
        if !self.boundary[range.start] || !self.boundary[range.end] {
            warnings.push(format!(
                "span chars [{}, {}) has an edge inside a grapheme cluster (a letter cut from its marks, or an emoji sequence cut)",
                range.start, range.end
            ));
        }
        Ok(Converted { range, warnings })
    }

    /// The char offset of a unit offset that is known to be a boundary (for word tables); `None`
    /// past the end or inside a character.
    pub fn char_of(&self, unit_offset: usize) -> Option<usize> {
        match self.unit {
            OffsetUnit::Grapheme => self.table.get(unit_offset).copied(),
            _ => self.table.binary_search(&unit_offset).ok(),
        }
    }
}

/// The text of chars `range` of `text`.
pub fn char_slice(text: &str, range: Range<usize>) -> &str {
    let mut it = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let a = it.nth(range.start).unwrap_or(text.len());
    let b = if range.end > range.start {
        it.nth(range.end - range.start - 1).unwrap_or(text.len())
    } else {
        a
    };
    &text[a..b]
}

#[cfg(test)]
mod tests {
    use super::*;

    // "😀 سجن": 😀 is one code point, two UTF-16 units; "سجن" is chars 2..5, UTF-16 3..6.
    const TEXT: &str = "😀 سجن";

    #[test]
    fn each_unit_gives_the_same_chars() {
        let u = OffsetMap::new(TEXT, OffsetUnit::Utf16).span(3, 6).unwrap();
        assert_eq!((u.range.clone(), u.warnings.len()), (2..5, 0));
        let c = OffsetMap::new(TEXT, OffsetUnit::Codepoint)
            .span(2, 5)
            .unwrap();
        assert_eq!(c.range, 2..5);
        let g = OffsetMap::new(TEXT, OffsetUnit::Grapheme)
            .span(2, 5)
            .unwrap();
        assert_eq!(g.range, 2..5);
        assert_eq!(char_slice(TEXT, 2..5), "سجن");
    }

    #[test]
    fn an_edge_inside_a_surrogate_pair_is_widened_and_warned() {
        let got = OffsetMap::new(TEXT, OffsetUnit::Utf16).span(1, 2).unwrap();
        assert_eq!(got.range, 0..1);
        assert!(got.warnings[0].contains("surrogate pair"), "{got:?}");
        assert!(
            OffsetMap::new(TEXT, OffsetUnit::Utf16)
                .span(3, 7)
                .unwrap_err()
                .contains("past the text")
        );
    }

    #[test]
    fn graphemes_count_a_letter_with_its_marks_once() {
        // "سَجن": س + fatha is one cluster, so grapheme 1..3 is chars 2..4.
        let text = "س\u{64E}جن";
        let g = OffsetMap::new(text, OffsetUnit::Grapheme)
            .span(1, 3)
            .unwrap();
        assert_eq!(g.range, 2..4);
        // In code points, [0, 1) cuts the fatha off its letter.
        let c = OffsetMap::new(text, OffsetUnit::Codepoint)
            .span(0, 1)
            .unwrap();
        assert!(c.warnings[0].contains("grapheme cluster"), "{c:?}");
    }
}
