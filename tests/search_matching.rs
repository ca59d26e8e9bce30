//! Arabic-aware matching: every folding rule and word mode, each with the ORIGINAL text's
//! offsets (chars, end-exclusive) written out by hand from the test string (the comment above
//! each case numbers its chars).

use sanad::search::{FoldOptions, Matcher, Query, WordMode};
use std::ops::Range;

const NONE: Vec<Range<usize>> = Vec::new();

fn find_with(query: &str, mode: WordMode, fold: FoldOptions, text: &str) -> Vec<Range<usize>> {
    Matcher::new(&Query {
        text: query.into(),
        mode,
        fold,
    })
    .unwrap()
    .find(text)
}

fn find(query: &str, mode: WordMode, text: &str) -> Vec<Range<usize>> {
    find_with(query, mode, FoldOptions::default(), text)
}

fn sub(query: &str, text: &str) -> Vec<Range<usize>> {
    find(query, WordMode::Substring, text)
}

/// The original text of each range, to show what was selected.
fn pieces(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
    ranges
        .iter()
        .map(|r| text.chars().skip(r.start).take(r.len()).collect())
        .collect()
}

#[test]
fn harakat_are_ignored_and_kept_in_the_match() {
    // ق0 ا1 ل2 ␠3 م4 ُ5 ح6 َ7 م8 َ9 ّ10 د11 ␠12 ا13 ن14
    let text = "قال مُحَمَّد ان";
    assert_eq!(sub("محمد", text), vec![4..12]);
    assert_eq!(pieces(text, &sub("محمد", text)), vec!["مُحَمَّد"]);
    // The match ending on ح takes its fatha (char 7) along.
    assert_eq!(sub("مح", text), vec![4..8]);
    // A query with harakat finds the bare word too.
    assert_eq!(sub("مُحمّد", "محمد"), vec![0..4]);
}

#[test]
fn quranic_marks_and_superscript_alef_are_ignored() {
    // ذ0 َ1 ٰ2 ل3 ِ4 ك5 َ6 ۖ7
    let text = "ذَٰلِكَ\u{06D6}";
    assert_eq!(sub("ذلك", text), vec![0..8]);
}

#[test]
fn tatweel_is_ignored() {
    // ق0 ا1 ل2 ␠3 م4 ـ5 ح6 ـ7 م8 ـ9 د10
    let text = "قال مـحـمـد";
    assert_eq!(sub("محمد", text), vec![4..11]);
    let mut off = FoldOptions::default();
    off.tatweel = false;
    assert_eq!(find_with("محمد", WordMode::Substring, off, text), NONE);
}

#[test]
fn alef_forms_match_bare_alef() {
    // أ0 ح1 م2 د3 ␠4 و5 ␠6 إ7 ح8 م9 د10 ␠11 آ12 م13 ن14 ␠15 ٱ16
    let text = "أحمد و إحمد آمن ٱ";
    assert_eq!(sub("احمد", text), vec![0..4, 7..11]);
    assert_eq!(sub("امن", text), vec![12..15]);
    assert_eq!(sub("ا", "ٱ"), vec![0..1]);
    let mut off = FoldOptions::default();
    off.alef = false;
    assert_eq!(find_with("احمد", WordMode::Substring, off, text), NONE);
}

#[test]
fn alef_maqsura_matches_yeh() {
    // م0 ص1 ط2 ف3 ى4
    assert_eq!(sub("مصطفي", "مصطفى"), vec![0..5]);
    let mut off = FoldOptions::default();
    off.alef_maqsura = false;
    assert_eq!(find_with("مصطفي", WordMode::Substring, off, "مصطفى"), NONE);
}

#[test]
fn teh_marbuta_matches_heh_only_when_asked() {
    // م0 د1 ر2 س3 ة4
    assert_eq!(sub("مدرسه", "مدرسة"), NONE, "off by default");
    let mut on = FoldOptions::default();
    on.teh_marbuta = true;
    assert_eq!(
        find_with("مدرسه", WordMode::Substring, on, "مدرسة"),
        vec![0..5]
    );
}

#[test]
fn persian_yeh_and_keheh_match_arabic_letters() {
    // ک0 ت1 ا2 ب3 ی4
    assert_eq!(sub("كتابي", "کتابی"), vec![0..5]);
    let mut off = FoldOptions::default();
    off.persian = false;
    assert_eq!(find_with("كتابي", WordMode::Substring, off, "کتابی"), NONE);
}

#[test]
fn digit_sets_match_each_other() {
    // ع0 ا1 م2 ␠3 ٢4 ٠5 ٢6 ٠7 ␠8 و9 ␠10 ۲11 ۰12 ۲13 ۰14 ␠15 و16 ␠17 2 18 0 19 2 20 0 21
    let text = "عام ٢٠٢٠ و ۲۰۲۰ و 2020";
    assert_eq!(sub("2020", text), vec![4..8, 11..15, 18..22]);
    assert_eq!(sub("٢٠٢٠", text), vec![4..8, 11..15, 18..22]);
    let mut off = FoldOptions::default();
    off.digits = false;
    assert_eq!(
        find_with("2020", WordMode::Substring, off, text),
        vec![18..22]
    );
}

#[test]
fn latin_is_case_insensitive() {
    // B0 B1 C2 ␠3 A4 r5 a6 b7 i8 c9
    assert_eq!(sub("bbc arabic", "BBC Arabic"), vec![0..10]);
    let mut off = FoldOptions::default();
    off.case = false;
    assert_eq!(find_with("bbc", WordMode::Substring, off, "BBC"), NONE);
}

#[test]
fn presentation_forms_match_base_letters() {
    // ق0 ا1 ل2 ␠3 ﻣ4 ﺤ5 ﻤ6 ﺪ7 (meem initial, hah medial, meem medial, dal final)
    let text = "قال \u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA}";
    assert_eq!(sub("محمد", text), vec![4..8]);
    // ﻻ (U+FEFB) is one original char for two folded ones: ل0 ﻻ1 → "لا" is [1,2).
    assert_eq!(sub("لا", "ل\u{FEFB}"), vec![1..2]);
    // Half of the ligature still selects the whole original char.
    assert_eq!(sub("ا", "\u{FEFB}"), vec![0..1]);
    let mut off = FoldOptions::default();
    off.presentation_forms = false;
    assert_eq!(find_with("محمد", WordMode::Substring, off, text), NONE);
}

#[test]
fn exact_folds_nothing() {
    let text = "مُحَمَّد";
    assert_eq!(
        find_with("محمد", WordMode::Substring, FoldOptions::exact(), text),
        NONE
    );
    assert_eq!(
        find_with("مُحَمَّد", WordMode::Substring, FoldOptions::exact(), text),
        vec![0..8]
    );
}

#[test]
fn word_modes() {
    // ا0 ل1 س2 ج3 ن4 ␠5 س6 ج7 ن8 ␠9 س10 ج11 ن12 ه13
    let text = "السجن سجن سجنه";
    assert_eq!(sub("سجن", text), vec![2..5, 6..9, 10..13]);
    assert_eq!(find("سجن", WordMode::Word, text), vec![6..9]);
    // ال is a proclitic; the suffix ه is not allowed.
    assert_eq!(find("سجن", WordMode::Clitics, text), vec![2..5, 6..9]);
}

#[test]
fn proclitic_is_excluded_from_the_match() {
    // ب0 ي1 ن2 ␠3 ح4 ل5 ب6 ␠7 و8 س9 ج10 ن11 ␠12 ص13 ي14 د15 ن16 ا17 ي18 ا19 .20
    let text = "بين حلب وسجن صيدنايا.";
    let got = find("سجن صيدنايا", WordMode::Clitics, text);
    assert_eq!(got, vec![9..20]);
    assert_eq!(pieces(text, &got), vec!["سجن صيدنايا"]);
    assert_eq!(find("سجن صيدنايا", WordMode::Word, text), NONE);
}

#[test]
fn proclitic_combinations() {
    // و0 ا1 ل2 س3 ج4 ن5 ␠6 و7 ل8 ل9 س10 ج11 ن12 ␠13 ف14 ب15 ا16 ل17 س18 ج19 ن20 ␠21
    // ك22 ا23 ل24 س25 ج26 ن27 ␠28 م29 س30 ج31 ن32
    let text = "والسجن وللسجن فبالسجن كالسجن مسجن";
    assert_eq!(
        find("سجن", WordMode::Clitics, text),
        vec![3..6, 10..13, 18..21, 25..28]
    );
    // Harakat on the proclitic: و0 َ1 س2 ِ3 ج4 ْ5 ن6
    assert_eq!(find("سجن", WordMode::Clitics, "وَسِجْن"), vec![2..7]);
    for p in [
        "و", "ف", "ب", "ك", "ل", "ال", "لل", "وال", "بال", "فال", "كال", "ولل", "فلل", "وبال",
    ] {
        assert!(sanad::search::is_proclitic(p), "{p}");
    }
    for p in ["", "م", "لال", "الو", "وو"] {
        assert!(!sanad::search::is_proclitic(p), "{p}");
    }
}

#[test]
fn regex_runs_on_the_original_text() {
    // س0 ج1 ن2 ␠3 ص4 ي5 د6 ن7 ا8 ي9 ا10
    let text = "سجن صيدنايا";
    assert_eq!(find(r"صيد\w+", WordMode::Regex, text), vec![4..11]);
    // No folding: the regex sees the harakat.
    assert_eq!(find("محمد", WordMode::Regex, "مُحَمَّد"), NONE);
    assert!(
        Matcher::new(&Query::new("(", WordMode::Regex)).is_err(),
        "a bad regex is an error, not a panic"
    );
}

#[test]
fn seed_document_has_three_civil_defence_mentions() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt"))
        .unwrap();
    for mode in [WordMode::Substring, WordMode::Word, WordMode::Clitics] {
        assert_eq!(
            find("الدفاع المدني السوري", mode, &text),
            vec![6..26, 1166..1186, 2939..2959],
            "{mode:?}"
        );
    }
}

#[test]
fn offsets_hold_across_lines() {
    // ا0 ⏎1 م2 ُ3 ح4 َ5 م6 َ7 ّ8 د9 ␠10 و11 ␠12 م13 ح14 م15 د16 ⏎17 م18 ح19 م20 د21
    let text = "ا\nمُحَمَّد و محمد\nمحمد";
    assert_eq!(sub("محمد", text), vec![2..10, 13..17, 18..22]);
    assert_eq!(
        find("محمد", WordMode::Word, text),
        vec![2..10, 13..17, 18..22]
    );
    // CR LF line ends: ⏎ is two chars. ا0 ␍1 ⏎2 ب3
    assert_eq!(sub("ب", "ا\r\nب"), vec![3..4]);
}
