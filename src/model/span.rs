//! Span edges: trimming whitespace and invisible bidi marks off a span before it is labelled.
//!
//! A span with a space at an edge ("المعتقل ") is a different string from the mention: spaCy's
//! `Doc.char_span` returns `None` for it and the entity is silently lost in training. Sanad trims
//! such edges when a span is labelled (a setting turns this off) and its exports warn about any
//! stored span that still has them.

use std::ops::Range;

/// Is `c` something a span should not start or end with: white space (Unicode `White_Space`,
/// which includes U+0085, U+2028 and U+2029), or an invisible mark that only steers direction
/// or breaking (LRM, RLM, ALM, the embeddings and overrides U+202A–U+202E, the isolates
/// U+2066–U+2069, ZERO WIDTH SPACE and the BOM)? ZWJ and ZWNJ are kept: they change how the
/// letters beside them join.
pub fn is_edge_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `range` (char offsets into `text`, end-exclusive) without the [`is_edge_space`] chars at its
/// two ends; `None` when nothing else is in it. A range past the end of `text` is cut to it.
pub fn trim_span(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let inner: Vec<char> = text
        .chars()
        .skip(range.start)
        .take(range.end.saturating_sub(range.start))
        .collect();
    let lead = inner.iter().take_while(|&&c| is_edge_space(c)).count();
    if lead == inner.len() {
        return None;
    }
    let trail = inner
        .iter()
        .rev()
        .take_while(|&&c| is_edge_space(c))
        .count();
    Some(range.start + lead..range.start + inner.len() - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_marks_at_the_edges_go_inner_ones_stay() {
        let text = "في المعتقل \u{200F}سجن صيدنايا\u{200E}\n";
        // "المعتقل " with its trailing space: chars 3..11.
        assert_eq!(trim_span(text, 3..11), Some(3..10));
        let got = trim_span(text, 10..24).unwrap();
        let s: String = text.chars().skip(got.start).take(got.len()).collect();
        assert_eq!(s, "سجن صيدنايا");
        assert_eq!(trim_span(text, 2..3), None, "a lone space is not a span");
        assert_eq!(trim_span(text, 0..2), Some(0..2));
        // ZWNJ is part of the word.
        assert_eq!(trim_span("می\u{200C}خواهم", 0..3), Some(0..3));
        assert_eq!(trim_span("a\u{2028}", 0..2), Some(0..1));
    }
}
