//! Word boundaries (UAX #29) in char offsets, for double-click, word-wise caret movement and
//! snapping a dragged selection to whole words.

use std::ops::Range;

/// Char ranges of the words of `text` (UAX #29 word-bound segments that hold a letter or digit),
/// without the invisible format characters a segment ends with (UAX #29 rule WB4 attaches them to
/// the word before, e.g. the PDF that closes an override).
pub fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut ci = 0;
    for seg in unicode_segmentation::UnicodeSegmentation::split_word_bounds(text) {
        let n = seg.chars().count();
        if seg.chars().any(|c| c.is_alphanumeric()) {
            let trailing = seg
                .chars()
                .rev()
                .take_while(|&c| is_invisible_format(c))
                .count();
            out.push(ci..ci + n - trailing);
        }
        ci += n;
    }
    out
}

/// Bidi controls (UAX #9: LRM, RLM, ALM, embeddings, overrides, isolates), ZWSP, ZWNJ, ZWJ, word
/// joiners and the BOM: characters with no glyph that a word may end with.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
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

/// How many chars either side of a position [`snap_to_words`] looks at: longer than any word
/// (a longer run is cut there, and the snap then stops at the window's edge).
const SNAP_WINDOW: usize = 256;

/// The word (see [`word_ranges`]) that holds the boundary `i` strictly inside it, looking only at
/// the chars within [`SNAP_WINDOW`] of `i`. `None` when `i` is at a word edge or between words.
fn word_around(text: &str, i: usize) -> Option<Range<usize>> {
    let lo = i.saturating_sub(SNAP_WINDOW);
    let mut bytes = text.char_indices().map(|(b, _)| b).skip(lo);
    let start_byte = bytes.next()?;
    let end_byte = bytes.nth(2 * SNAP_WINDOW - 1).unwrap_or(text.len());
    word_ranges(&text[start_byte..end_byte])
        .into_iter()
        .map(|w| lo + w.start..lo + w.end)
        .find(|w| w.start < i && i < w.end)
}

/// `range` (char offsets, end-exclusive) grown to whole words at both ends: a start inside a word
/// moves back to the word's start, an end inside a word on to its end. Words are UAX #29 word
/// segments that hold a letter or digit, so punctuation and quotes next to a word stay out, while
/// harakat (word-break Extend) and tatweel (ALetter) stay in. An empty range is returned as is.
pub fn snap_to_words(text: &str, range: Range<usize>) -> Range<usize> {
    if range.is_empty() {
        return range;
    }
    let start = word_around(text, range.start).map_or(range.start, |w| w.start);
    let end = word_around(text, range.end).map_or(range.end, |w| w.end);
    start..end
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

    #[test]
    fn a_word_leaves_out_the_pdf_that_closes_an_override() {
        let t = "file \u{202E}txt.exe\u{202C} and";
        assert_eq!(word_at(t, 7), 6..13);
        assert_eq!(snap_to_words(t, 7..12), 6..13);
    }

    #[test]
    fn snapping_grows_to_whole_words_and_leaves_quotes_out() {
        // "أطلق “الدفاع المدني السوري” حملة": the organization is chars [6, 26).
        let t = "أطلق “الدفاع المدني السوري” حملة";
        assert_eq!(snap_to_words(t, 8..24), 6..26);
        assert_eq!(
            snap_to_words(t, 6..26),
            6..26,
            "whole words stay as they are"
        );
        assert_eq!(
            snap_to_words(t, 5..27),
            5..27,
            "quotes chosen on purpose stay"
        );
        assert_eq!(snap_to_words(t, 9..10), 6..12, "inside one word: that word");
        assert_eq!(snap_to_words(t, 7..7), 7..7, "a caret is not a selection");
    }

    #[test]
    fn snapping_keeps_harakat_and_tatweel_and_leaves_the_comma_out() {
        // "بـ" with tatweel, "مُحَمَّد" with harakat, then an Arabic comma.
        let t = "قال بـالمسلخ مُحَمَّد، غدا";
        let chars: Vec<char> = t.chars().collect();
        let find = |w: &str| {
            let n = w.chars().count();
            (0..chars.len())
                .find(|&i| chars[i..].iter().take(n).copied().eq(w.chars()))
                .map(|i| i..i + n)
                .unwrap()
        };
        let word = find("مُحَمَّد");
        assert_eq!(snap_to_words(t, word.start + 1..word.end - 1), word);
        let tat = find("بـالمسلخ");
        assert_eq!(snap_to_words(t, tat.start + 1..tat.start + 3), tat);
        assert_eq!(chars[word.end], '،');
    }

    #[test]
    fn snapping_far_into_a_long_text_matches_the_whole_text_words() {
        let t = "سجن صيدنايا العسكري ".repeat(100);
        let n = t.chars().count();
        let words = word_ranges(&t);
        // The same as segmenting the whole text: an edge strictly inside a word moves to it.
        let inside = |i: usize| words.iter().find(|w| w.start < i && i < w.end).cloned();
        for (a, b) in [(5, 30), (1001, 1502), (1000, 1500), (n - 10, n - 2)] {
            let s = snap_to_words(&t, a..b);
            let want = inside(a).map_or(a, |w| w.start)..inside(b).map_or(b, |w| w.end);
            assert_eq!(s, want);
        }
        assert_eq!(
            snap_to_words(&t, 5..30),
            4..31,
            "by hand: صيدنايا is [4, 11)"
        );
    }
}
