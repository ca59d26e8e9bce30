//! Offsets leaving Sanad: char offsets (code points, Sanad's own unit) turned into the unit a
//! format's reader counts in. The reverse of [`crate::interop::offsets::OffsetMap`].

use crate::interop::OffsetUnit;
use unicode_segmentation::UnicodeSegmentation;

/// Converts char offsets of one text into offsets in one [`OffsetUnit`].
#[derive(Clone, Debug)]
pub struct UnitIndex {
    unit: OffsetUnit,
    /// Code points, UTF-16, UTF-8: the unit offset of every char offset `0..=chars`.
    /// Graphemes: the char offset where each cluster starts, then the char count.
    table: Vec<usize>,
}

impl UnitIndex {
    /// Builds the index of `text` for `unit`.
    pub fn new(text: &str, unit: OffsetUnit) -> Self {
        let table = match unit {
            OffsetUnit::Codepoint => (0..=text.chars().count()).collect(),
            OffsetUnit::Utf16 | OffsetUnit::Utf8 => {
                let mut t = Vec::with_capacity(text.len() + 1);
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
                let mut starts = Vec::new();
                let mut chars = 0;
                let mut last = 0;
                for (byte, _) in text.grapheme_indices(true) {
                    chars += text[last..byte].chars().count();
                    last = byte;
                    starts.push(chars);
                }
                chars += text[last..].chars().count();
                starts.push(chars);
                starts
            }
        };
        Self { unit, table }
    }

    /// The unit.
    pub fn unit(&self) -> OffsetUnit {
        self.unit
    }

    /// The unit offset of char offset `c` (at most the text's length in chars), and whether it is
    /// exact. Only graphemes can be inexact: a char inside a cluster rounds down to the cluster's
    /// start, or up to its end when `round_up` (so a span is widened, never cut).
    pub fn convert(&self, c: usize, round_up: bool) -> (usize, bool) {
        match self.unit {
            OffsetUnit::Grapheme => match self.table.binary_search(&c) {
                Ok(i) => (i, true),
                Err(i) if round_up => (i.min(self.table.len() - 1), false),
                Err(i) => (i.saturating_sub(1), false),
            },
            _ => (
                self.table
                    .get(c)
                    .copied()
                    .unwrap_or_else(|| self.table.last().copied().unwrap_or(0)),
                c < self.table.len(),
            ),
        }
    }

    /// `[start, end)` in chars converted, widened to whole clusters for graphemes; `None` in the
    /// second place when exact, else a warning.
    pub fn span(&self, start: usize, end: usize) -> ((usize, usize), Option<String>) {
        let (s, s_exact) = self.convert(start, false);
        let (e, e_exact) = self.convert(end, true);
        let warning = (!(s_exact && e_exact)).then(|| {
            format!(
                "chars [{start}, {end}) cut a grapheme cluster; written as {} [{s}, {e}), the whole clusters",
                self.unit.as_str()
            )
        });
        ((s, e), warning)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emoji_with_a_skin_tone_counts_once_twice_four_or_eight_times() {
        // "👍🏽 سجن": 👍 U+1F44D and 🏽 U+1F3FD are one cluster of two chars, each two UTF-16
        // units and four UTF-8 bytes; then a space; "سجن" is chars 3..6, three letters of two
        // bytes each.
        let text = "👍🏽 سجن";
        let at = |u| UnitIndex::new(text, u).span(3, 6).0;
        assert_eq!(at(OffsetUnit::Codepoint), (3, 6));
        assert_eq!(at(OffsetUnit::Utf16), (5, 8));
        assert_eq!(at(OffsetUnit::Utf8), (9, 15));
        assert_eq!(at(OffsetUnit::Grapheme), (2, 5));
        // The skin tone alone (char 1..2) is inside the cluster: widened to it, warned.
        let (g, w) = UnitIndex::new(text, OffsetUnit::Grapheme).span(1, 2);
        assert_eq!(g, (0, 1));
        assert!(w.is_some());
    }
}
