//! Finding many names at once (a gazetteer): every name is folded ([`super::fold`]) and looked
//! for in the folded text with one Aho-Corasick automaton (`aho-corasick` crate, every
//! occurrence of every name, overlapping); each hit is mapped back to the original text,
//! widened over the harakat after its last letter, and kept only when it sits as whole words,
//! maybe right after Arabic proclitics ([`super::WordMode::Clitics`]: the span excludes the
//! proclitic). Of the hits left, the leftmost wins, and of those starting at one place the
//! longest (so "الدفاع المدني السوري" wins over "الدفاع المدني"); hits overlapping a chosen
//! one are dropped.
//!
//! Offsets are chars (Unicode scalar values) of the original text, end-exclusive.

use super::fold::{FoldMap, FoldOptions, fold_str, fold_with_map, is_haraka};
use super::matcher::is_word_after_proclitics;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// The automaton could not be built (too many or too long names for its memory limits).
#[derive(Debug, thiserror::Error)]
#[error("cannot search for these names ({0})")]
pub struct NameSetError(#[from] aho_corasick::BuildError);

/// One name found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMatch {
    /// The span in the original text: chars, end-exclusive.
    pub range: Range<usize>,
    /// Which distinct folded name it is (see [`NameSet::names_of`]).
    pub key: usize,
}

/// A compiled list of names.
#[derive(Clone, Debug)]
pub struct NameSet {
    automaton: Option<AhoCorasick>,
    fold: FoldOptions,
    /// The distinct folded names (the automaton's patterns).
    keys: Vec<String>,
    /// For each key, the indices of the names given that fold to it.
    owners: Vec<Vec<usize>>,
}

impl NameSet {
    /// Compiles `names`, folded with `fold`. Names that fold to nothing are left out; names that
    /// fold alike share one key.
    ///
    /// # Errors
    /// [`NameSetError`] when the automaton exceeds its limits.
    pub fn new<S: AsRef<str>>(names: &[S], fold: FoldOptions) -> Result<Self, NameSetError> {
        let mut keys: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            let key = fold_str(name.as_ref().trim(), &fold);
            if key.is_empty() {
                continue;
            }
            match seen.get(&key) {
                Some(&k) => owners[k].push(i),
                None => {
                    seen.insert(key.clone(), keys.len());
                    keys.push(key);
                    owners.push(vec![i]);
                }
            }
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&keys)?,
            )
        };
        Ok(Self {
            automaton,
            fold,
            keys,
            owners,
        })
    }

    /// The folding rules texts must be folded with for [`Self::find_mapped`].
    pub fn fold_options(&self) -> &FoldOptions {
        &self.fold
    }

    /// How many distinct folded names the set holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Does the set hold no name?
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The indices (into the names given to [`Self::new`]) of the names that fold to `key`.
    pub fn names_of(&self, key: usize) -> &[usize] {
        self.owners.get(key).map_or(&[], Vec::as_slice)
    }

    /// The names found in `text` (see the module docs), in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        let (folded, map) = fold_with_map(text, &self.fold);
        self.find_mapped(text, &folded, &map)
    }

    /// [`Self::find`], given the text folded with [`Self::fold_options`] and its map.
    pub fn find_mapped(&self, original: &str, folded: &str, map: &FoldMap) -> Vec<NameMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut hits: Vec<NameMatch> = Vec::new();
        for m in ac.find_overlapping_iter(folded) {
            let key = m.pattern().as_usize();
            let last_len = self.keys[key].chars().next_back().map_or(1, char::len_utf8);
            let (start, start_byte) = map.locate(folded, original, m.start());
            let (last, last_byte) = map.locate(folded, original, m.end() - last_len);
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
            // White space (or the text's edge) on both sides is always a word boundary (UAX #29
            // breaks between a letter and white space): the full check is for the rest.
            let spaced = original[..start_byte]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace)
                && original[end_byte..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace);
            if start < end
                && (spaced || is_word_after_proclitics(original, start_byte..end_byte, &self.fold))
            {
                hits.push(NameMatch {
                    range: start..end,
                    key,
                });
            }
        }
        hits.sort_by(|a, b| {
            (a.range.start, std::cmp::Reverse(a.range.end), a.key).cmp(&(
                b.range.start,
                std::cmp::Reverse(b.range.end),
                b.key,
            ))
        });
        let mut out: Vec<NameMatch> = Vec::with_capacity(hits.len());
        for h in hits {
            if out.last().is_none_or(|l| l.range.end <= h.range.start) {
                out.push(h);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(names: &[&str], text: &str) -> Vec<(Range<usize>, usize)> {
        let set = NameSet::new(names, FoldOptions::default()).unwrap();
        set.find(text)
            .into_iter()
            .map(|m| (m.range, set.names_of(m.key)[0]))
            .collect()
    }

    #[test]
    fn longest_match_first() {
        // "الدفاع المدني السوري" is chars 0..20; "الدفاع المدني" alone would be 0..13.
        let names = ["الدفاع المدني", "الدفاع المدني السوري", "المدني"];
        assert_eq!(found(&names, "الدفاع المدني السوري"), vec![(0..20, 1)]);
        // Where the longer name does not fit, the shorter one is taken.
        assert_eq!(found(&names, "الدفاع المدني في"), vec![(0..13, 0)]);
        // A longer name that is not a whole word there gives way to a shorter one that is:
        // "الدفاع المدني السوريين" (0..22) holds "…السوري" only as part of a word.
        assert_eq!(found(&names, "الدفاع المدني السوريين"), vec![(0..13, 0)]);
    }

    #[test]
    fn proclitics_are_allowed_and_left_out_of_the_span() {
        // و + سجن صيدنايا: the span starts after و (char 1) and ends at 12.
        assert_eq!(found(&["سجن صيدنايا"], "وسجن صيدنايا"), vec![(1..12, 0)]);
        // وب + ال… : "والدفاع" = و ا ل د ف ا ع: "الدفاع" with proclitic و → 1..7.
        assert_eq!(found(&["الدفاع"], "والدفاع"), vec![(1..7, 0)]);
        // بال + حملة → the span is حملة only (3..7), since the name has no article.
        assert_eq!(found(&["حملة"], "بالحملة"), vec![(3..7, 0)]);
        // Not a proclitic: "مسجن" (م is not one) and a name inside a longer word.
        assert_eq!(found(&["سجن"], "مسجن"), vec![]);
        assert_eq!(found(&["سجن"], "سجنه"), vec![]);
    }

    #[test]
    fn folding_applies_and_original_offsets_include_marks() {
        // مُحَمَّد is 8 chars (4 letters, 4 marks); the span covers all of them.
        assert_eq!(found(&["محمد"], "قال مُحَمَّد"), vec![(4..12, 0)]);
        assert_eq!(found(&["أحمد"], "إحمد و احمد"), vec![(0..4, 0), (7..11, 0)]);
        // Names that fold alike share a key; both are owners.
        let set = NameSet::new(&["أحمد", "احمد", ""], FoldOptions::default()).unwrap();
        assert_eq!(set.len(), 1);
        assert_eq!(set.names_of(0), &[0, 1]);
        assert!(
            NameSet::new(&["ـ"], FoldOptions::default())
                .unwrap()
                .find("ـ")
                .is_empty()
        );
    }
}
