//! Splitting a document into paragraphs (UAX #9, rule P1).
//!
//! Every position here is a char offset (Unicode scalar value index) into the document text,
//! end-exclusive. A paragraph's range excludes its separator, so a CR LF pair is one break and
//! its two chars belong to no paragraph.

use std::ops::Range;

/// One paragraph of a document: its char range, without the separator that ends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParagraphSpan {
    /// Char offsets into the document text, end-exclusive.
    pub chars: Range<usize>,
    /// Byte offsets into the document text, end-exclusive (for slicing only).
    pub bytes: Range<usize>,
}

/// Is `c` a paragraph separator (bidi class B: LF, CR, FS, GS, RS, NEL, U+2029)?
pub fn is_paragraph_separator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}')
}

/// Splits `text` into paragraphs at paragraph separators (UAX #9, rule P1). CR LF counts as one
/// separator. There is always at least one paragraph; a text ending in a separator ends with an
/// empty paragraph, shown as an empty line.
pub fn split_paragraphs(text: &str) -> Vec<ParagraphSpan> {
    let mut out = Vec::new();
    let (mut start_char, mut start_byte) = (0usize, 0usize);
    let mut chars = text.char_indices().peekable();
    let mut ci = 0usize;
    while let Some((bi, c)) = chars.next() {
        if is_paragraph_separator(c) {
            out.push(ParagraphSpan {
                chars: start_char..ci,
                bytes: start_byte..bi,
            });
            let mut next_char = ci + 1;
            let mut next_byte = bi + c.len_utf8();
            if c == '\r' && chars.peek().map(|&(_, n)| n) == Some('\n') {
                chars.next();
                next_char += 1;
                next_byte += 1;
                ci += 1;
            }
            start_char = next_char;
            start_byte = next_byte;
        }
        ci += 1;
    }
    out.push(ParagraphSpan {
        chars: start_char..ci,
        bytes: start_byte..text.len(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_is_one_break_and_offsets_index_the_exact_text() {
        let text = "أحمد\r\nسجن صيدنايا";
        let p = split_paragraphs(text);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].chars, 0..4);
        assert_eq!(p[1].chars, 6..17);
        let second: String = text.chars().skip(6).take(11).collect();
        assert_eq!(second, "سجن صيدنايا");
        assert_eq!(&text[p[1].bytes.clone()], "سجن صيدنايا");
    }

    #[test]
    fn trailing_newline_gives_empty_last_paragraph() {
        let p = split_paragraphs("a\nb\n");
        assert_eq!(
            p.iter().map(|p| p.chars.clone()).collect::<Vec<_>>(),
            vec![0..1, 2..3, 4..4]
        );
        assert_eq!(split_paragraphs("").len(), 1);
        assert_eq!(split_paragraphs("\r\r\n").len(), 3);
    }
}
