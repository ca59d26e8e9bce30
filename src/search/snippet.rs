//! Keyword-in-context snippets: a match with some words of context on each side.

use std::ops::Range;

/// A piece of a document around a match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The context text, on one line (line and paragraph breaks become spaces, char for char).
    pub text: String,
    /// The match within [`Self::text`], chars, end-exclusive.
    pub hit: Range<usize>,
    /// Where [`Self::text`] starts in the document, chars.
    pub offset: usize,
    /// Was text cut off before / after the snippet?
    pub cut: (bool, bool),
}

impl Snippet {
    /// The snippet of `text` around `hit` (chars, end-exclusive) with about `context` chars on
    /// each side, widened or narrowed to the nearest space so no word is cut.
    pub fn around(text: &str, hit: Range<usize>, context: usize) -> Self {
        let chars: Vec<char> = text.chars().collect();
        Self::around_chars(&chars, hit, context)
    }

    /// [`Self::around`] for each of `hits`, reading `text` once.
    pub fn all_around(text: &str, hits: &[Range<usize>], context: usize) -> Vec<Self> {
        let chars: Vec<char> = text.chars().collect();
        hits.iter()
            .map(|h| Self::around_chars(&chars, h.clone(), context))
            .collect()
    }

    fn around_chars(chars: &[char], hit: Range<usize>, context: usize) -> Self {
        let hit = hit.start.min(chars.len())..hit.end.min(chars.len());
        let mut start = hit.start.saturating_sub(context);
        if start > 0 {
            // Begin after a space so the first word is whole.
            match chars[start..hit.start]
                .iter()
                .position(|c| c.is_whitespace())
            {
                Some(p) => start += p + 1,
                None => start = hit.start,
            }
        }
        let mut end = (hit.end + context).min(chars.len());
        if end < chars.len() {
            match chars[hit.end..end].iter().rposition(|c| c.is_whitespace()) {
                Some(p) => end = hit.end + p,
                None => end = hit.end,
            }
        }
        let text: String = chars[start..end]
            .iter()
            .map(|&c| {
                if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        Self {
            text,
            hit: hit.start - start..hit.end - start,
            offset: start,
            cut: (start > 0, end < chars.len()),
        }
    }

    /// The snippet on one line with the match in ⟦ ⟧ and … where text was cut (for the
    /// command line).
    pub fn marked(&self) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let piece = |r: Range<usize>| chars[r].iter().collect::<String>();
        format!(
            "{}{}⟦{}⟧{}{}",
            if self.cut.0 { "…" } else { "" },
            piece(0..self.hit.start),
            piece(self.hit.clone()),
            piece(self.hit.end..chars.len()),
            if self.cut.1 { "…" } else { "" },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_not_cut_and_lines_join() {
        // "one two\nthree four five": "three" is chars 8..13.
        let s = Snippet::around("one two\nthree four five", 8..13, 6);
        assert_eq!(s.text, "two three four");
        assert_eq!(s.offset, 4);
        assert_eq!(s.hit, 4..9);
        assert_eq!(s.cut, (true, true));
        assert_eq!(s.marked(), "…two ⟦three⟧ four…");
        let whole = Snippet::around("ab", 0..2, 10);
        assert_eq!((whole.text.as_str(), whole.cut), ("ab", (false, false)));
    }
}
