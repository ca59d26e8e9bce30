//! Finding a query in a text: substring, whole word (UAX #29), whole word after Arabic
//! proclitics, or a regular expression; matches are ranges of the original text in chars.

use super::fold::{FoldOptions, Folded, fold_str};
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
    /// before [`Self::find_folded`]; always true for a regex.
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
        self.find_with_folded(text, &fold_str(text, &self.fold))
    }

    /// Every match in `original`, given its folded text `folded` (from
    /// [`crate::search::fold_str`] with [`Self::fold_options`]): the folded query is looked for in
    /// `folded`, and only the lines (`\n`-separated) that hold it are folded again with the map
    /// and checked for the word mode. A line break folds to itself and is a word boundary
    /// (UAX #29, WB3a–WB3b), so line by line gives the same matches as the whole text.
    pub fn find_with_folded(&self, original: &str, folded: &str) -> Vec<Range<usize>> {
        if let Some(re) = &self.regex {
            return regex_matches(re, original);
        }
        if self.needle.is_empty() {
            return Vec::new();
        }
        if self.needle.contains('\n') {
            return self.find_folded(&Folded::new(original, &self.fold), original);
        }
        let finder = memchr::memmem::Finder::new(self.needle.as_bytes());
        let (o, f) = (original.as_bytes(), folded.as_bytes());
        let line_end = |bytes: &[u8], from: usize| {
            memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |p| from + p)
        };
        // The line being looked at: its start in bytes of both texts and in chars of `original`.
        let (mut o_start, mut f_start, mut chars) = (0usize, 0usize, 0usize);
        let mut out = Vec::new();
        let mut from = 0;
        while from < f.len() {
            let Some(at) = finder.find(&f[from..]) else {
                break;
            };
            let hit = from + at;
            let (mut o_end, mut f_end) = (line_end(o, o_start), line_end(f, f_start));
            while hit > f_end && o_end < o.len() {
                chars += original[o_start..=o_end].chars().count();
                (o_start, f_start) = (o_end + 1, f_end + 1);
                (o_end, f_end) = (line_end(o, o_start), line_end(f, f_start));
            }
            let line = &original[o_start..o_end];
            let found = self.find_folded(&Folded::new(line, &self.fold), line);
            out.extend(found.into_iter().map(|r| r.start + chars..r.end + chars));
            from = f_end + 1;
        }
        out
    }

    /// Every match in `original`, given its fold `folded` (made with [`Self::fold_options`]).
    pub fn find_folded(&self, folded: &Folded, original: &str) -> Vec<Range<usize>> {
        if let Some(re) = &self.regex {
            return regex_matches(re, original);
        }
        if self.needle.is_empty() {
            return Vec::new();
        }
        let bounds = match self.mode {
            WordMode::Word | WordMode::Clitics => word_bounds(original, folded.original_len()),
            _ => Vec::new(),
        };
        let is_bound = |i: usize| bounds.binary_search(&i).is_ok();
        let finder = memchr::memmem::Finder::new(self.needle.as_bytes());
        let needle_chars = self.needle.chars().count();
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut from = 0;
        while let Some(at) = finder.find(&folded.text.as_bytes()[from..]) {
            let byte = from + at;
            let fs = folded.char_at_byte(byte);
            let fe = fs + needle_chars;
            let range = folded.original_range(fs..fe);
            let ok = match self.mode {
                WordMode::Substring | WordMode::Regex => true,
                WordMode::Word => is_bound(range.start) && is_bound(range.end),
                WordMode::Clitics => {
                    is_bound(range.end)
                        && (is_bound(range.start) || {
                            // The word's start: the last boundary before the match.
                            let i = bounds.partition_point(|&b| b < range.start);
                            let word_start = if i == 0 { 0 } else { bounds[i - 1] };
                            let ws = folded.folded_at_original(word_start);
                            let prefix = &folded.text[folded.byte_starts[ws]..byte];
                            is_proclitic(prefix)
                        })
                }
            };
            if ok && out.last().is_none_or(|last| last.end <= range.start) {
                out.push(range);
                from = folded.byte_starts[fe];
            } else {
                from = folded.byte_starts[fs + 1];
            }
        }
        out
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

/// The word boundaries of `text` (UAX #29) as sorted char offsets, 0 and `len` included.
pub fn word_bounds(text: &str, len: usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(len / 4 + 2);
    let mut chars = 0;
    let mut byte = 0;
    for (b, w) in text.split_word_bound_indices() {
        chars += text[byte..b].chars().count();
        byte = b;
        out.push(chars);
        let _ = w;
    }
    out.push(len);
    out.dedup();
    out
}
