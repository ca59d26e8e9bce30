//! Finding a query in a text: substring, whole word (UAX #29), whole word after Arabic
//! proclitics, or a regular expression; matches are ranges of the original text in chars.

use super::fold::{FoldMap, FoldOptions, fold_str, fold_with_map, is_haraka};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// How a query must sit in the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum WordMode {
    /// Anywhere, also inside a word.
    #[default]
    Substring,
    /// A whole word or words: both ends on word boundaries (UAX #29).
    Word,
    /// A whole word that may carry Arabic proclitics (و ف, ب ك ل, ال, لل and their
    /// combinations such as وال بال فال كال ولل); the match excludes the proclitic.
    Clitics,
    /// A regular expression (`regex` crate syntax) applied to the original text; folding does
    /// not apply.
    Regex,
}

impl WordMode {
    /// All modes, in the order the search bar shows them.
    pub const ALL: [WordMode; 4] = [Self::Substring, Self::Word, Self::Clitics, Self::Regex];

    /// The name on the command line: `substring`, `word`, `clitics`, `regex`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Substring => "substring",
            Self::Word => "word",
            Self::Clitics => "clitics",
            Self::Regex => "regex",
        }
    }

    /// Words for the UI.
    pub fn title(self) -> &'static str {
        match self {
            Self::Substring => "Substring",
            Self::Word => "Whole word",
            Self::Clitics => "Word + proclitics",
            Self::Regex => "Regex",
        }
    }
}

/// A search: what to look for, how it must sit, and which folding rules apply.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Query {
    /// The text typed (or the regular expression).
    pub text: String,
    /// Word mode.
    pub mode: WordMode,
    /// Folding rules (ignored in [`WordMode::Regex`]).
    pub fold: FoldOptions,
}

impl Query {
    /// A query with the default (Arabic-aware) folding.
    pub fn new(text: impl Into<String>, mode: WordMode) -> Self {
        Self {
            text: text.into(),
            mode,
            fold: FoldOptions::default(),
        }
    }
}

/// Why a query cannot be searched.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The regular expression does not parse.
    #[error("the regular expression does not parse: {0}")]
    Regex(#[from] regex::Error),
}

/// Is `prefix` (folded) a run of Arabic proclitics: an optional conjunction (و or ف), an optional
/// preposition (ب, ك or ل) and an optional article (ال; after ل it is written لل)? The empty
/// string is not.
pub fn is_proclitic(prefix: &str) -> bool {
    let mut rest = prefix;
    if rest.is_empty() {
        return false;
    }
    if let Some(r) = rest.strip_prefix(['و', 'ف']) {
        rest = r;
    }
    if let Some(r) = rest.strip_prefix("لل") {
        return r.is_empty();
    }
    if let Some(r) = rest.strip_prefix('ل') {
        // ل before the article is written لل (handled above), never لال.
        return r.is_empty();
    }
    if let Some(r) = rest.strip_prefix(['ب', 'ك']) {
        rest = r;
    }
    if let Some(r) = rest.strip_prefix("ال") {
        rest = r;
    }
    rest.is_empty()
}

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Matcher {
    mode: WordMode,
    fold: FoldOptions,
    needle: String,
    regex: Option<regex::Regex>,
}

impl Matcher {
    /// Compiles `query` (folds its text, or parses the regular expression).
    ///
    /// # Errors
    /// [`QueryError::Regex`] when a regex does not parse.
    pub fn new(query: &Query) -> Result<Self, QueryError> {
        let regex = match query.mode {
            WordMode::Regex => Some(regex::Regex::new(&query.text)?),
            _ => None,
        };
        Ok(Self {
            mode: query.mode,
            fold: query.fold,
            needle: fold_str(&query.text, &query.fold),
            regex,
        })
    }

    /// The folded query text (empty for a query that folds to nothing: it matches nothing).
    pub fn needle(&self) -> &str {
        &self.needle
    }

    /// The folding rules this matcher expects texts to be folded with.
    pub fn fold_options(&self) -> &FoldOptions {
        &self.fold
    }

    /// Is this a regex query (which works on the original text, not a folded one)?
    pub fn is_regex(&self) -> bool {
        self.regex.is_some()
    }

    /// Might `folded_text` (folded with [`Self::fold_options`]) hold a match? A fast check
    /// before [`Self::find_mapped`]; always true for a regex.
    pub fn may_match(&self, folded_text: &str) -> bool {
        self.regex.is_some()
            || (!self.needle.is_empty()
                && memchr::memmem::find(folded_text.as_bytes(), self.needle.as_bytes()).is_some())
    }

    /// Every match in `text`: ranges of chars of `text`, end-exclusive, in order, not
    /// overlapping.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        if let Some(re) = &self.regex {
            return regex_matches(re, text);
        }
        let (folded, map) = fold_with_map(text, &self.fold);
        self.find_mapped(text, &folded, &map)
    }

    /// Every match in `original`, given its folded text and map (from
    /// [`crate::search::fold::fold_with_map`] with [`Self::fold_options`]). The folded query is
    /// looked for in `folded` (memchr's `memmem`); each hit is mapped back to the original,
    /// widened over the harakat after its last letter, and checked for the word mode on the
    /// words around it only (UAX #29 on the text between the white space before and after it,
    /// since white space always separates words).
    pub fn find_mapped(&self, original: &str, folded: &str, map: &FoldMap) -> Vec<Range<usize>> {
        if let Some(re) = &self.regex {
            return regex_matches(re, original);
        }
        let Some(last_len) = self.needle.chars().next_back().map(char::len_utf8) else {
            return Vec::new();
        };
        let first_len = self.needle.chars().next().map_or(1, char::len_utf8);
        let finder = memchr::memmem::Finder::new(self.needle.as_bytes());
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut from = 0;
        while let Some(at) = finder.find(&folded.as_bytes()[from..]) {
            let hit = from + at;
            let (start, start_byte) = map.locate(folded, original, hit);
            let (last, last_byte) =
                map.locate(folded, original, hit + self.needle.len() - last_len);
            let mut end = last + 1;
            let mut end_byte = last_byte
                + original[last_byte..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            if self.fold.harakat {
                for c in original[end_byte..].chars().take_while(|&c| is_haraka(c)) {
                    end += 1;
                    end_byte += c.len_utf8();
                }
            }
            let ok = match self.mode {
                WordMode::Substring | WordMode::Regex => true,
                WordMode::Word => {
                    let w = WordWindow::new(original, start_byte, end_byte);
                    w.is_bound(start_byte) && w.is_bound(end_byte)
                }
                WordMode::Clitics => {
                    is_word_after_proclitics(original, start_byte..end_byte, &self.fold)
                }
            };
            if ok && out.last().is_none_or(|l| l.end <= start) {
                out.push(start..end);
                from = hit + self.needle.len();
            } else {
                from = hit + first_len;
            }
            if from >= folded.len() {
                break;
            }
        }
        out
    }
}

/// Does the byte range `bytes` of `original` sit as whole words, maybe right after Arabic
/// proclitics ([`WordMode::Clitics`])? Its end must be a word boundary (UAX #29), and its start
/// either one too or preceded, back to the word boundary before it, by text that folds (with
/// `fold`) to a run of proclitics ([`is_proclitic`]). `bytes` must lie on char boundaries.
pub fn is_word_after_proclitics(original: &str, bytes: Range<usize>, fold: &FoldOptions) -> bool {
    let w = WordWindow::new(original, bytes.start, bytes.end);
    w.is_bound(bytes.end)
        && (w.is_bound(bytes.start)
            || is_proclitic(&fold_str(
                &original[w.bound_before(bytes.start)..bytes.start],
                fold,
            )))
}

/// The words around a range of a text: the text from just after the white space before the
/// range to the white space after it, with its word boundaries (UAX #29) as byte offsets of the
/// whole text.
struct WordWindow {
    bounds: Vec<usize>,
}

impl WordWindow {
    fn new(text: &str, start: usize, end: usize) -> Self {
        let from = text[..start]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(b, c)| b + c.len_utf8());
        let to = text[end..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(b, _)| end + b);
        let mut bounds: Vec<usize> = text[from..to]
            .split_word_bound_indices()
            .map(|(b, _)| from + b)
            .collect();
        bounds.push(to);
        Self { bounds }
    }

    fn is_bound(&self, byte: usize) -> bool {
        self.bounds.binary_search(&byte).is_ok()
    }

    /// The last boundary at or before `byte`.
    fn bound_before(&self, byte: usize) -> usize {
        let i = self.bounds.partition_point(|&b| b <= byte);
        self.bounds[i.saturating_sub(1)]
    }
}

/// Regex matches in `text` as char ranges (empty matches are skipped: they select nothing).
fn regex_matches(re: &regex::Regex, text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut byte, mut chars) = (0, 0);
    let mut to_char = |b: usize| {
        chars += text[byte..b].chars().count();
        byte = b;
        chars
    };
    for m in re.find_iter(text) {
        if m.is_empty() {
            continue;
        }
        let s = to_char(m.start());
        let e = to_char(m.end());
        out.push(s..e);
    }
    out
}
