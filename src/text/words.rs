//! Word boundaries (UAX #29) in char offsets, for double-click and word-wise caret movement.

use std::ops::Range;

/// Char ranges of the words of `text` (UAX #29 word-bound segments that hold a letter or digit).
pub fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut ci = 0;
    for seg in unicode_segmentation::UnicodeSegmentation::split_word_bounds(text) {
        let n = seg.chars().count();
        if seg.chars().any(|c| c.is_alphanumeric()) {
            out.push(ci..ci + n);
        }
        ci += n;
    }
    out
}

/// The word holding char `i`, or `i..i + 1` when `i` is not in a word (punctuation, space).
pub fn word_at(text: &str, i: usize) -> Range<usize> {
    word_ranges(text)
        .into_iter()
        .find(|w| w.contains(&i))
        .unwrap_or(i..i + 1)
}

/// The next word edge after `i` (`forward`) or before it, in logical order: the end of the word
/// `i` is in or the next word's end; backwards, the start of a word. Clamped to the text.
pub fn next_word_edge(text: &str, i: usize, forward: bool) -> usize {
    let words = word_ranges(text);
    if forward {
        words
            .iter()
            .map(|w| w.end)
            .find(|&e| e > i)
            .unwrap_or_else(|| text.chars().count())
    } else {
        words
            .iter()
            .rev()
            .map(|w| w.start)
            .find(|&s| s < i)
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_click_word_excludes_the_arabic_comma() {
        assert_eq!(word_at("أحمد، محمد", 2), 0..4);
        assert_eq!(word_at("أحمد، محمد", 7), 6..10);
        assert_eq!(word_at("أحمد، محمد", 4), 4..5);
    }

    #[test]
    fn word_edges_move_logically() {
        let t = "سجن صيدنايا 2017";
        assert_eq!(next_word_edge(t, 0, true), 3);
        assert_eq!(next_word_edge(t, 3, true), 11);
        assert_eq!(next_word_edge(t, 11, false), 4);
        assert_eq!(next_word_edge(t, 16, true), 16);
    }
}
