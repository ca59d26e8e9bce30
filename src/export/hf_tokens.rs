//! Word tokens for the token-level exports (Hugging Face `tokens` + `ner_tags`).
//!
//! Tokens are the segments between Unicode word boundaries (UAX #29, via
//! `unicode-segmentation`'s `split_word_bound_indices`) that are not white space alone: a word,
//! a number, one punctuation mark, an emoji sequence. Marks that UAX #29 attaches to the char
//! before them (harakat, ZWJ, bidi marks: rule WB4) stay inside that token. Arabic proclitics are
//! not split off (`وسجن` is one token). Offsets are code points into the text, end-exclusive.
//!
//! (The CoNLL and WebAnno exports use [`super::tokens`], which can split proclitics and cut at span
//! edges; this one is
//! kept to the plain UAX #29 rule so the `hf` export's tokens are easy to state.)

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The tokens of `text` as code point ranges, in order, none empty and none white space alone.
pub fn word_tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut chars_before = 0; // code points before the current segment
    for (_, segment) in text.split_word_bound_indices() {
        let len = segment.chars().count();
        if !segment.chars().all(char::is_whitespace) {
            out.push(chars_before..chars_before + len);
        }
        chars_before += len;
    }
    out
}

/// How a span lands on tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fit {
    /// It starts at a token's start and ends at a token's end: tokens `first..last + 1`.
    Exact(Range<usize>),
    /// It cuts into a token at one edge or both: the tokens it touches, `first..last + 1`.
    Widened(Range<usize>),
    /// It touches no token (white space only).
    None,
}

/// The tokens (indices into `tokens`, which must be sorted and disjoint) that the code point
/// range `span` touches.
pub fn fit(tokens: &[Range<usize>], span: Range<usize>) -> Fit {
    let first = tokens.partition_point(|t| t.end <= span.start);
    let last = tokens.partition_point(|t| t.start < span.end);
    if first >= last {
        return Fit::None;
    }
    if tokens[first].start == span.start && tokens[last - 1].end == span.end {
        Fit::Exact(first..last)
    } else {
        Fit::Widened(first..last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, tokens: &[Range<usize>]) -> Vec<String> {
        tokens
            .iter()
            .map(|r| text.chars().skip(r.start).take(r.len()).collect())
            .collect()
    }

    #[test]
    fn arabic_words_punctuation_numbers_and_emoji() {
        let text = "أطلق “الدفاع المدني” 200 ألف، وسجن 😀!";
        let tokens = word_tokens(text);
        assert_eq!(
            texts(text, &tokens),
            [
                "أطلق",
                "“",
                "الدفاع",
                "المدني",
                "”",
                "200",
                "ألف",
                "،",
                "وسجن",
                "😀",
                "!"
            ]
        );
        // "الدفاع" starts after "أطلق" (4), a space and "“": code point 6.
        assert_eq!(tokens[2], 6..12);
    }

    #[test]
    fn harakat_stay_in_their_word() {
        let text = "كَتَبَ الوَلَدُ";
        assert_eq!(texts(text, &word_tokens(text)), ["كَتَبَ", "الوَلَدُ"]);
    }

    #[test]
    fn spans_fit_exactly_are_widened_or_touch_nothing() {
        let text = "سجن صيدنايا  العسكري";
        let tokens = word_tokens(text); // 0..3, 4..11, 13..20
        assert_eq!(tokens, vec![0..3, 4..11, 13..20]);
        assert_eq!(fit(&tokens, 4..20), Fit::Exact(1..3));
        assert_eq!(fit(&tokens, 5..11), Fit::Widened(1..2));
        assert_eq!(fit(&tokens, 11..13), Fit::None);
        assert_eq!(fit(&tokens, 2..5), Fit::Widened(0..2));
    }
}
