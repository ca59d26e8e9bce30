//! Arabic-aware folding with a map back to the original text.
//!
//! Folding turns a text into a search key: marks and tatweel are dropped, letter variants become
//! one letter, digits of every script become ASCII, Latin letters become lower case, and Arabic
//! presentation forms become their base letters. Every folded char remembers the original char
//! it came from, so a match found in the folded text is reported as a range of the **original**
//! text (char offsets, end-exclusive). Each rule is switchable ([`FoldOptions`]).

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Which folding rules apply. [`FoldOptions::default`] is the Arabic-aware set the search bar
/// starts with (every rule on except ة = ه); [`FoldOptions::exact`] folds nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FoldOptions {
    /// Drop harakat and Quranic marks: U+064B–U+065F, U+0670, U+06D6–U+06ED.
    pub harakat: bool,
    /// Drop tatweel (kashida), U+0640.
    pub tatweel: bool,
    /// Alef with hamza above or below, alef with madda, alef wasla (أ إ آ ٱ) match bare alef ا.
    pub alef: bool,
    /// Alef maqsura ى matches yeh ي.
    pub alef_maqsura: bool,
    /// Teh marbuta ة matches heh ه (off by default: the two mark different words).
    pub teh_marbuta: bool,
    /// Persian yeh ی and keheh ک match Arabic yeh ي and kaf ك.
    pub persian: bool,
    /// Arabic-Indic (٠–٩) and Extended Arabic-Indic (۰–۹) digits match ASCII 0–9.
    pub digits: bool,
    /// Letters match regardless of case (Unicode lower-casing, e.g. Latin A = a).
    pub case: bool,
    /// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF, common in text copied from
    /// PDFs) match their base letters, by NFKC (UAX #15) applied to those chars only.
    pub presentation_forms: bool,
}

impl Default for FoldOptions {
    fn default() -> Self {
        Self {
            harakat: true,
            tatweel: true,
            alef: true,
            alef_maqsura: true,
            teh_marbuta: false,
            persian: true,
            digits: true,
            case: true,
            presentation_forms: true,
        }
    }
}

impl FoldOptions {
    /// No folding: the text is matched char for char.
    pub fn exact() -> Self {
        Self {
            harakat: false,
            tatweel: false,
            alef: false,
            alef_maqsura: false,
            teh_marbuta: false,
            persian: false,
            digits: false,
            case: false,
            presentation_forms: false,
        }
    }
}

/// Is `c` one of the harakat or Quranic marks the [`FoldOptions::harakat`] rule drops
/// (U+064B–U+065F, U+0670, U+06D6–U+06ED)?
pub fn is_haraka(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Is `c` an Arabic presentation form (U+FB50–U+FDFF or U+FE70–U+FEFF)?
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Folds one char (after any NFKC expansion) into `out`; nothing when the rules drop it.
fn fold_char(c: char, o: &FoldOptions, out: &mut impl FnMut(char)) {
    if o.harakat && is_haraka(c) || o.tatweel && c == '\u{0640}' {
        return;
    }
    let c = match c {
        'أ' | 'إ' | 'آ' | 'ٱ' if o.alef => 'ا',
        'ى' if o.alef_maqsura => 'ي',
        'ة' if o.teh_marbuta => 'ه',
        'ی' if o.persian => 'ي',
        'ک' if o.persian => 'ك',
        '\u{0660}'..='\u{0669}' if o.digits => digit(c, 0x0660),
        '\u{06F0}'..='\u{06F9}' if o.digits => digit(c, 0x06F0),
        // Fast paths: ASCII, and the Arabic block (no case there).
        'A'..='Z' if o.case => c.to_ascii_lowercase(),
        '\0'..='\u{7F}' | '\u{0600}'..='\u{06FF}' => c,
        c if o.case && c.is_uppercase() => {
            c.to_lowercase().for_each(&mut *out);
            return;
        }
        c => c,
    };
    out(c);
}

fn digit(c: char, zero: u32) -> char {
    char::from_digit(c as u32 - zero, 10).unwrap_or(c)
}

/// Folds `text` with `options` and calls `out(folded char, original char index)` for each folded
/// char in order.
pub fn fold_with(text: &str, options: &FoldOptions, mut out: impl FnMut(char, usize)) {
    for (i, c) in text.chars().enumerate() {
        let mut emit = |f: char| out(f, i);
        if options.presentation_forms && is_presentation_form(c) {
            for n in std::iter::once(c).nfkc() {
                fold_char(n, options, &mut emit);
            }
        } else {
            fold_char(c, options, &mut emit);
        }
    }
}

/// `text` folded with `options`, without a map (for queries and caches).
pub fn fold_str(text: &str, options: &FoldOptions) -> String {
    let mut s = String::with_capacity(text.len());
    fold_with(text, options, |c, _| s.push(c));
    s
}

/// Where a run of the folded text starts, in which the folded chars and the original chars
/// correspond one to one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Anchor {
    folded_byte: usize,
    original_char: usize,
    original_byte: usize,
}

/// Folded chars between two anchors at most (so locating an offset walks at most this many).
const ANCHOR_EVERY: usize = 256;

/// A sparse map from a folded text back to its original: an anchor wherever the folding drops
/// or expands a char (the offset between the two texts changes), and every 256 chars. Between
/// anchors the `d`-th folded char comes from the `d`-th original char. Much smaller than a map
/// per char, so a search index can keep one per document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FoldMap {
    anchors: Vec<Anchor>,
}

impl FoldMap {
    /// The original char and byte offsets of the folded char starting at byte `folded_byte` of
    /// `folded` (folded from `original`; `folded_byte` must start a char of it).
    pub fn locate(&self, folded: &str, original: &str, folded_byte: usize) -> (usize, usize) {
        let i = self
            .anchors
            .partition_point(|a| a.folded_byte <= folded_byte)
            .saturating_sub(1);
        let Some(a) = self.anchors.get(i) else {
            return (0, 0);
        };
        let d = folded
            .get(a.folded_byte..folded_byte)
            .map_or(0, |s| s.chars().count());
        let byte = original[a.original_byte..]
            .char_indices()
            .nth(d)
            .map_or(original.len(), |(b, _)| a.original_byte + b);
        (a.original_char + d, byte)
    }

    /// Bytes the map holds (for measuring the index).
    pub fn heap_bytes(&self) -> usize {
        self.anchors.capacity() * std::mem::size_of::<Anchor>()
    }
}

/// `text` folded with `options`, with its [`FoldMap`].
pub fn fold_with_map(text: &str, options: &FoldOptions) -> (String, FoldMap) {
    let mut folded = String::with_capacity(text.len());
    let mut anchors: Vec<Anchor> = Vec::new();
    let (mut k, mut last_delta, mut last_k) = (0usize, isize::MIN, 0usize);
    let mut orig_byte = 0;
    for (i, c) in text.chars().enumerate() {
        let mut emit = |f: char| {
            let delta = i as isize - k as isize;
            if delta != last_delta || k - last_k >= ANCHOR_EVERY {
                anchors.push(Anchor {
                    folded_byte: folded.len(),
                    original_char: i,
                    original_byte: orig_byte,
                });
                (last_delta, last_k) = (delta, k);
            }
            folded.push(f);
            k += 1;
        };
        if options.presentation_forms && is_presentation_form(c) {
            for n in std::iter::once(c).nfkc() {
                fold_char(n, options, &mut emit);
            }
        } else {
            fold_char(c, options, &mut emit);
        }
        orig_byte += c.len_utf8();
    }
    (folded, FoldMap { anchors })
}

/// A folded text with its map back to the original.
///
/// Offsets: `origin[k]` is the char index in the original of the `k`-th folded char; the original
/// has `original_len` chars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each folded char, the index of the original char it came from (non-decreasing).
    pub origin: Vec<usize>,
    /// For each folded char, its byte offset in [`Self::text`]; one more entry for the end.
    pub byte_starts: Vec<usize>,
    /// The original text, as chars (to widen a range over the marks after it).
    original: Vec<char>,
    /// The rules used.
    pub options: FoldOptions,
}

impl Folded {
    /// Folds `text`.
    pub fn new(text: &str, options: &FoldOptions) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len() / 2);
        let mut byte_starts = Vec::with_capacity(text.len() / 2 + 1);
        fold_with(text, options, |c, i| {
            byte_starts.push(folded.len());
            folded.push(c);
            origin.push(i);
        });
        byte_starts.push(folded.len());
        Self {
            text: folded,
            origin,
            byte_starts,
            original: text.chars().collect(),
            options: *options,
        }
    }

    /// Chars in the original text.
    pub fn original_len(&self) -> usize {
        self.original.len()
    }

    /// Chars in the folded text.
    pub fn len(&self) -> usize {
        self.origin.len()
    }

    /// Is the folded text empty?
    pub fn is_empty(&self) -> bool {
        self.origin.is_empty()
    }

    /// The folded char index of a byte offset into [`Self::text`] (which must be a char
    /// boundary; a byte inside a char gives the char after it).
    pub fn char_at_byte(&self, byte: usize) -> usize {
        self.byte_starts.partition_point(|&b| b < byte)
    }

    /// The first folded char at or after original char `i` (the folded length when none is).
    pub fn folded_at_original(&self, i: usize) -> usize {
        self.origin.partition_point(|&o| o < i)
    }

    /// The original range (chars, end-exclusive) of the folded chars `range` (non-empty): from
    /// the original char of the first to just past the original char of the last, widened over
    /// the marks the rules dropped right after it (harakat stay with their letter, so a match
    /// ending on a letter includes its marks). An empty range maps to an empty range at its
    /// position.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end {
            let at = self
                .origin
                .get(range.start)
                .copied()
                .unwrap_or(self.original.len());
            return at..at;
        }
        let start = self.origin[range.start];
        let mut end = self.origin[range.end - 1] + 1;
        let next_kept = self
            .origin
            .get(range.end)
            .copied()
            .unwrap_or(self.original.len());
        while end < next_kept && is_haraka(self.original[end]) {
            end += 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        fold_str(s, &FoldOptions::default())
    }

    #[test]
    fn default_rules() {
        assert_eq!(f("مُحَمَّد"), "محمد");
        assert_eq!(f("مـحـمـد"), "محمد");
        assert_eq!(f("أحمد إحمد آمن ٱلله"), "احمد احمد امن الله");
        assert_eq!(f("على"), "علي");
        assert_eq!(f("مدرسة"), "مدرسة", "ة is kept by default");
        assert_eq!(f("کتابی"), "كتابي");
        assert_eq!(f("٢٠٢٠ ۲۰۲۰ 2020"), "2020 2020 2020");
        assert_eq!(f("Amnesty BBC"), "amnesty bbc");
        // ﻻ (U+FEFB, lam-alef isolated) is لا; ﺑ (U+FE91, beh initial) is ب.
        assert_eq!(f("\u{FEFB}\u{FE91}"), "لاب");
        // Quranic small high marks and superscript alef.
        assert_eq!(f("ذَٰلِكَ\u{06D6}"), "ذلك");
    }

    #[test]
    fn each_rule_can_be_turned_off() {
        let all = FoldOptions::default();
        let off = |change: fn(&mut FoldOptions)| {
            let mut o = all;
            change(&mut o);
            o
        };
        assert_eq!(fold_str("مُ", &off(|o| o.harakat = false)), "مُ");
        assert_eq!(fold_str("مـ", &off(|o| o.tatweel = false)), "مـ");
        assert_eq!(fold_str("أ", &off(|o| o.alef = false)), "أ");
        assert_eq!(fold_str("ى", &off(|o| o.alef_maqsura = false)), "ى");
        assert_eq!(fold_str("ة", &off(|o| o.teh_marbuta = true)), "ه");
        assert_eq!(fold_str("ی", &off(|o| o.persian = false)), "ی");
        assert_eq!(fold_str("٢", &off(|o| o.digits = false)), "٢");
        assert_eq!(fold_str("A", &off(|o| o.case = false)), "A");
        assert_eq!(
            fold_str("\u{FEFB}", &off(|o| o.presentation_forms = false)),
            "\u{FEFB}"
        );
        assert_eq!(fold_str("مُحَمَّد أ ٢ A", &FoldOptions::exact()), "مُحَمَّد أ ٢ A");
    }

    #[test]
    fn map_points_at_original_chars() {
        // م ُ ح َ م َّ د : chars 0..8 (م0 ُ1 ح2 َ3 م4 َ5 ّ6 د7).
        let folded = Folded::new("مُحَمَّد", &FoldOptions::default());
        assert_eq!(folded.text, "محمد");
        assert_eq!(folded.origin, vec![0, 2, 4, 7]);
        assert_eq!(folded.original_range(0..4), 0..8);
        // "مح" ends on ح, whose fatha (char 3) comes with it.
        assert_eq!(folded.original_range(0..2), 0..4);
        // "مَّ" keeps both marks.
        assert_eq!(folded.original_range(2..3), 4..7);
        assert_eq!(folded.folded_at_original(3), 2);
        // ﻻ expands to two folded chars from one original char.
        let folded = Folded::new("x\u{FEFB}y", &FoldOptions::default());
        assert_eq!(folded.origin, vec![0, 1, 1, 2]);
        assert_eq!(folded.original_range(1..2), 1..2);
        assert_eq!(folded.char_at_byte(3), 2);
    }

    #[test]
    fn sparse_map_agrees_with_the_full_map() {
        let text = "قال مُحَمَّد \u{FEFB}ـ ٢٠٢٠ Ahmad\nذَٰلِكَ".repeat(40);
        let o = FoldOptions::default();
        let full = Folded::new(&text, &o);
        let (folded, map) = fold_with_map(&text, &o);
        assert_eq!(folded, full.text);
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for (k, &fb) in full.byte_starts[..full.len()].iter().enumerate() {
            let (c, b) = map.locate(&folded, &text, fb);
            assert_eq!(
                (c, b),
                (full.origin[k], starts[full.origin[k]]),
                "folded char {k}"
            );
        }
    }

    #[test]
    fn tatweel_after_the_last_letter_is_not_taken() {
        // م ـ ح ـ م ـ د (0..7): tatweel is not a mark of the letter before it.
        let folded = Folded::new("مـحـمـد", &FoldOptions::default());
        assert_eq!(folded.original_range(0..3), 0..5);
    }
}
