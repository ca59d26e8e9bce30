//! Tokens for the token-based exports (WebAnno TSV, CoNLL): UAX #29 word boundaries
//! (`unicode-segmentation`), white space left out, as char ranges of the text.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The char offset of every byte offset that starts a char, through a running count.
fn char_ranges(text: &str, pieces: impl Iterator<Item = (usize, usize)>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut byte, mut chars) = (0usize, 0usize);
    for (a, b) in pieces {
        chars += text[byte..a].chars().count();
        let start = chars;
        chars += text[a..b].chars().count();
        byte = b;
        out.push(start..chars);
    }
    out
}

/// The UAX #29 word pieces of `text` (words, numbers, punctuation, emoji; white space
/// included) as char ranges, in order, covering the whole text.
pub fn pieces(text: &str) -> Vec<Range<usize>> {
    char_ranges(
        text,
        text.split_word_bound_indices()
            .map(|(b, s)| (b, b + s.len())),
    )
}

/// The UAX #29 sentences of `text` as char ranges (a line break ends one).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    char_ranges(
        text,
        text.split_sentence_bound_indices()
            .map(|(b, s)| (b, b + s.len())),
    )
}

/// Arabic proclitics split off a word's front by [`split_proclitics`]: a conjunction, then a
/// preposition, then the article.
const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
const PREPOSITIONS: [char; 3] = ['ب', 'ك', 'ل'];

/// Where the proclitics of an Arabic `word` end (char offsets into it): `و`/`ف`, then `ب`/`ك`/`ل`,
/// then `ال`, each taken only when at least three letters remain after it. A heuristic without a
/// lexicon: `وسجن` gives `و` + `سجن` and `والسجن` gives `و` + `ال` + `سجن`, but a word that merely
/// begins with these letters is split too (`وزير` gives `و` + `زير`).
pub fn split_proclitics(word: &[char]) -> Vec<usize> {
    let arabic = |c: &char| ('\u{621}'..='\u{64A}').contains(c);
    let letters_from = |i: usize| word[i..].iter().filter(|c| arabic(c)).count();
    if !word
        .iter()
        .all(|c| arabic(c) || ('\u{64B}'..='\u{652}').contains(c))
    {
        return Vec::new();
    }
    let mut cuts = Vec::new();
    let mut at = 0;
    if word.first().is_some_and(|c| CONJUNCTIONS.contains(c)) && letters_from(1) >= 3 {
        at = 1;
        cuts.push(at);
    }
    if word.get(at).is_some_and(|c| PREPOSITIONS.contains(c)) && letters_from(at + 1) >= 3 {
        at += 1;
        cuts.push(at);
    }
    if word.get(at) == Some(&'ا') && word.get(at + 1) == Some(&'ل') && letters_from(at + 2) >= 3 {
        at += 2;
        cuts.push(at);
    }
    cuts
}

/// The tokens of `text`: its UAX #29 pieces without white space, with proclitics split off
/// when `clitics` (see [`split_proclitics`]), then cut at every char offset in `cuts`.
pub fn tokens(text: &str, clitics: bool, cuts: &[usize]) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let mut cuts: Vec<usize> = cuts.to_vec();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for p in pieces(text) {
        if chars[p.clone()].iter().all(|c| c.is_whitespace()) {
            continue;
        }
        let mut edges = vec![p.start];
        if clitics {
            edges.extend(
                split_proclitics(&chars[p.clone()])
                    .into_iter()
                    .map(|c| p.start + c),
            );
        }
        let from = cuts.partition_point(|&c| c <= p.start);
        let to = cuts.partition_point(|&c| c < p.end);
        edges.extend(&cuts[from..to]);
        edges.sort_unstable();
        edges.dedup();
        edges.push(p.end);
        for w in edges.windows(2) {
            out.push(w[0]..w[1]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        ranges
            .iter()
            .map(|r| chars[r.clone()].iter().collect())
            .collect()
    }

    #[test]
    fn words_punctuation_and_emoji_are_tokens() {
        let text = "قال: «وسجن» 👍🏽 ok.";
        assert_eq!(
            texts(text, &tokens(text, false, &[])),
            ["قال", ":", "«", "وسجن", "»", "👍🏽", "ok", "."]
        );
    }

    #[test]
    fn proclitics_come_off_when_three_letters_remain() {
        let text = "وسجن والسجن بالسجن ولد الدفاع";
        assert_eq!(
            texts(text, &tokens(text, true, &[])),
            [
                "و", "سجن", "و", "ال", "سجن", "ب", "ال", "سجن", "ولد", "ال", "دفاع"
            ]
        );
    }

    #[test]
    fn cuts_split_tokens() {
        // "سجنهم" cut after its third char.
        let text = "في سجنهم";
        assert_eq!(texts(text, &tokens(text, false, &[6])), ["في", "سجن", "هم"]);
    }
}
