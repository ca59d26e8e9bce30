//! How a pseudonym is spelled: `LABEL_007` (the label name, an underscore, the number in three
//! or more ASCII digits) in a Latin document, and `WORD_٧` (an Arabic word for the label, an
//! underscore, the number in Arabic-Indic digits) in an Arabic one. Both are one word for UAX #29
//! (the underscore joins letters and digits), so token-based exports (CoNLL, Hugging Face) keep a
//! pseudonym as one token.

/// The Arabic word for the default scheme's labels and a few common NER label names (checked
/// by name, upper case). Labels whose name is already Arabic use their name; any other label
/// keeps its Latin name in Arabic documents too.
const ARABIC_WORDS: &[(&str, &str)] = &[
    ("PERSON", "شخص"),
    ("PER", "شخص"),
    ("ORGANIZATION", "منظمة"),
    ("ORGANISATION", "منظمة"),
    ("ORG", "منظمة"),
    ("PRISON", "سجن"),
    ("CLAIM", "ادعاء"),
    ("LOCATION", "مكان"),
    ("LOC", "مكان"),
    ("GPE", "مكان"),
    ("PLACE", "مكان"),
    ("DATE", "تاريخ"),
    ("GROUP", "جماعة"),
    ("WITNESS", "شاهد"),
    ("VICTIM", "ضحية"),
    ("PERPETRATOR", "جان"),
];

/// Is `c` a letter of the Arabic script (Arabic, Arabic Supplement, Extended-A, presentation
/// forms)?
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

/// Is `text` an Arabic document: more Arabic letters than other letters?
pub fn is_arabic_text(text: &str) -> bool {
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if is_arabic_letter(c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    arabic > other
}

/// The Latin stem of a label's pseudonyms: its name with white space as `_`.
pub fn latin_stem(label: &str) -> String {
    label
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// The Arabic stem of a label's pseudonyms: the label's name when it has Arabic letters, else
/// the word from the fixed table ([`ARABIC_WORDS`]), else [`latin_stem`].
pub fn arabic_stem(label: &str) -> String {
    if label.chars().any(is_arabic_letter) {
        return latin_stem(label);
    }
    let upper = label.trim().to_uppercase();
    ARABIC_WORDS
        .iter()
        .find(|(name, _)| *name == upper)
        .map_or_else(|| latin_stem(label), |(_, w)| (*w).to_owned())
}

/// `PERSON_007`: the stem, `_`, `n` with at least three ASCII digits.
pub fn latin(stem: &str, n: usize) -> String {
    format!("{stem}_{n:03}")
}

/// `شخص_٧`: the stem, `_`, `n` in Arabic-Indic digits (U+0660–U+0669), no padding.
pub fn arabic(stem: &str, n: usize) -> String {
    let digits: String = n
        .to_string()
        .chars()
        .map(|d| char::from_u32(0x0660 + d.to_digit(10).unwrap_or(0)).unwrap_or(d))
        .collect();
    format!("{stem}_{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_spelled_per_script() {
        assert_eq!(latin(&latin_stem("PERSON"), 7), "PERSON_007");
        assert_eq!(latin(&latin_stem("PERSON"), 1234), "PERSON_1234");
        assert_eq!(arabic(&arabic_stem("PERSON"), 7), "شخص_٧");
        assert_eq!(arabic(&arabic_stem("person"), 12), "شخص_١٢");
        assert_eq!(arabic(&arabic_stem("شاهد عيان"), 3), "شاهد_عيان_٣");
        assert_eq!(arabic(&arabic_stem("VEHICLE"), 2), "VEHICLE_٢");
    }

    #[test]
    fn a_document_is_arabic_when_most_letters_are() {
        assert!(is_arabic_text("قال أحمد الحلبي in Paris"));
        assert!(!is_arabic_text("Ahmad said في"));
        assert!(!is_arabic_text("123"));
    }

    #[test]
    fn a_pseudonym_is_one_word() {
        use unicode_segmentation::UnicodeSegmentation;
        for p in ["PERSON_007", "شخص_٧"] {
            assert_eq!(p.unicode_words().collect::<Vec<_>>(), [p]);
        }
    }
}
