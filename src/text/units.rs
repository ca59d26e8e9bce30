//! Shaping units: the pieces of a line that are shaped on their own and placed in visual order.
//!
//! A unit never crosses a level run, a line break opportunity, or a word edge, so cutting a line
//! into units never cuts a word into separately shaped pieces (letters stay joined), and placing
//! units right to left inside a right-to-left run gives the visual order of rule L2 without
//! asking the shaper to reorder anything.

use std::ops::Range;
use unicode_bidi::BidiClass;

/// A run of chars shaped as one piece.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Char offsets into the paragraph, end-exclusive.
    pub chars: Range<usize>,
    /// Resolved embedding level (after rule L1 when split per line); odd is right to left.
    pub level: u8,
}

impl Unit {
    /// Is the unit right to left (odd level)?
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// Explicit bidi formatting characters and marks (LRM, RLM, ALM, embeddings, overrides,
/// isolates, PDF) and BOM/ZWSP-like boundary neutrals other than ZWJ and ZWNJ: they count in
/// offsets but have no glyph, so each is its own zero-width unit.
pub fn is_invisible_control(c: char, class: BidiClass) -> bool {
    if c == '\u{200C}' || c == '\u{200D}' {
        return false; // ZWNJ/ZWJ steer Arabic joining inside a word
    }
    matches!(
        class,
        BidiClass::BN
            | BidiClass::LRE
            | BidiClass::RLE
            | BidiClass::LRO
            | BidiClass::RLO
            | BidiClass::PDF
            | BidiClass::LRI
            | BidiClass::RLI
            | BidiClass::FSI
            | BidiClass::PDI
    ) || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Is `c` a prepended concatenation mark (Unicode property `Prepended_Concatenation_Mark`,
/// PropList.txt, Unicode 16: U+0600–U+0605, U+06DD ARABIC END OF AYAH, U+070F, U+0890–U+0891,
/// U+08E2, U+110BD, U+110CD)? Such a mark spans the digits after it: the font draws them inside
/// or over it.
pub fn is_prepended_concatenation_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{110BD}'
            | '\u{110CD}'
    )
}

/// Is `text` a prepended concatenation mark followed by one or more decimal digits of one set
/// (`۝١٢`, the end-of-ayah sign with its number)? [`split_units`] keeps such a run as one unit so
/// the font can draw the digits inside the sign; it is placed left to right like any number.
pub fn is_number_mark_unit(text: &str) -> bool {
    let mut chars = text.chars();
    let (Some(mark), Some(first)) = (chars.next(), chars.next()) else {
        return false;
    };
    is_prepended_concatenation_mark(mark)
        && joins_number_mark(first, first)
        && chars.all(|d| joins_number_mark(first, d))
}

/// May digit `d` follow `first` inside a number-mark unit? Both decimal digits of the same set,
/// one of those the marks are written with (and the Arabic fonts draw inside them): European
/// (U+0030–U+0039), Arabic-Indic (U+0660–U+0669) or Extended Arabic-Indic (U+06F0–U+06F9).
fn joins_number_mark(first: char, d: char) -> bool {
    let set = |c: char| match c {
        '0'..='9' => Some(0),
        '\u{0660}'..='\u{0669}' => Some(1),
        '\u{06F0}'..='\u{06F9}' => Some(2),
        _ => None,
    };
    set(first).is_some() && set(first) == set(d)
}

/// The script of `c` as the shaper sees it (an ISO 15924 tag), `None` for Common, Inherited and
/// Unknown. Arabic blocks are answered without asking harfrust (the common case, and fast).
fn script_of(c: char) -> Option<[u8; 4]> {
    if matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
    {
        return Some(*b"Arab");
    }
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(*b"Latn");
    }
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.add(c, 0);
    buffer.guess_segment_properties();
    let script = buffer.script();
    (script != harfrust::script::UNKNOWN).then(|| script.tag().to_be_bytes())
}

/// Is `c` of the script `unit` (the script of a word unit's letters so far), or is either of no
/// script of its own? A word unit never spans two scripts: egui shapes each font's run on its own
/// and places runs left to right, so a Hebrew letter next to an Arabic one in one unit (even with
/// a joiner between them) would come out in the wrong order.
fn same_script(unit: Option<[u8; 4]>, c: char) -> bool {
    match (unit, script_of(c)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Does `c` belong inside a right-to-left word unit (strong R/AL letters, their marks, ZWJ/ZWNJ)?
fn joins_rtl_word(c: char, class: BidiClass) -> bool {
    matches!(class, BidiClass::R | BidiClass::AL | BidiClass::NSM)
        || c == '\u{200C}'
        || c == '\u{200D}'
}

/// Would the shaper run text holding `c` right to left? harfrust (as egui calls it) takes a
/// piece's direction from the script of its first char that has one (`guess_segment_properties`),
/// not from the bidi level: Arabic-script Persian digits (U+06F0–U+06F9, class EN) and Hebrew
/// points are of a right-to-left script whatever their level. `None` for chars of no script of
/// their own (Common, Inherited, Unknown: Western digits, punctuation, most marks).
pub fn script_runs_rtl(c: char) -> Option<bool> {
    use std::sync::atomic::{AtomicU8, Ordering};
    // Answers for the Basic Multilingual Plane, filled as they are asked: 0 not yet known,
    // 1 no script, 2 left to right, 3 right to left.
    static KNOWN: [AtomicU8; 0x10000] = [const { AtomicU8::new(0) }; 0x10000];
    if c.is_ascii() {
        // ASCII letters are Latin; the rest of ASCII is Common.
        return c.is_ascii_alphabetic().then_some(false);
    }
    let Some(slot) = KNOWN.get(c as usize) else {
        return ask_shaper_rtl(c);
    };
    match slot.load(Ordering::Relaxed) {
        1 => None,
        2 => Some(false),
        3 => Some(true),
        _ => {
            let answer = ask_shaper_rtl(c);
            slot.store(
                match answer {
                    None => 1,
                    Some(false) => 2,
                    Some(true) => 3,
                },
                Ordering::Relaxed,
            );
            answer
        }
    }
}

/// [`script_runs_rtl`] asked of harfrust itself.
fn ask_shaper_rtl(c: char) -> Option<bool> {
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.add(c, 0);
    buffer.guess_segment_properties();
    if buffer.script() == harfrust::script::UNKNOWN {
        return None;
    }
    Some(buffer.direction() == harfrust::Direction::RightToLeft)
}

/// The direction the shaper gives `text` as one piece: that of the first char with a script of
/// its own ([`script_runs_rtl`]), left to right when none has one. `true` is right to left.
pub fn shaper_runs_rtl(text: impl IntoIterator<Item = char>) -> bool {
    text.into_iter().find_map(script_runs_rtl).unwrap_or(false)
}

/// Splits `range` (char offsets into the paragraph) into units in logical order.
///
/// * `chars`, `classes`: the paragraph's chars and original bidi classes.
/// * `levels`: one level per char of `range` (already through rule L1 when this is a line).
/// * `break_before[i]`: a line break opportunity before paragraph char `i` (UAX #14).
///
/// Rules: a new unit starts at each level change and break opportunity; in a right-to-left run
/// only Arabic/Hebrew letters with their marks group into words (of one script each) and every
/// other char is a unit of its own (so it can be mirrored and reversed); in a left-to-right run R, AL and AN chars stand
/// alone, and so does every char of a right-to-left script such as Persian digits (a shaper
/// would reverse them otherwise, see [`script_runs_rtl`]); marks (NSM) stay with the char before
/// them; invisible controls stand alone. Last, a unit of several grapheme clusters that the shaper
/// would run against its level's direction ([`shaper_runs_rtl`]) is cut into its grapheme
/// clusters, so the shaper never reorders anything (such a unit is never an Arabic word: Arabic
/// letters are strong right to left). A prepended concatenation mark at an even level takes the
/// decimal digits after it into its unit ([`is_number_mark_unit`]); the view places that unit
/// left to right itself (see `shaping::unit_galley`), so it is not cut.
pub fn split_units(
    chars: &[char],
    classes: &[BidiClass],
    levels: &[u8],
    range: Range<usize>,
    break_before: &[bool],
) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut prev: Option<(char, BidiClass, bool)> = None; // (char, class, invisible)
    let mut unit_script: Option<[u8; 4]> = None; // the script of the last unit's letters
    for (k, i) in range.clone().enumerate() {
        let (c, class, level) = (chars[i], classes[i], levels[k]);
        let invisible = is_invisible_control(c, class);
        let continues = match (out.last(), prev) {
            (Some(u), Some((pc, pclass, pinv))) if u.level == level && !break_before[i] => {
                if invisible || pinv {
                    false
                } else if class == BidiClass::NSM {
                    true
                } else if level % 2 == 1 {
                    // Only a unit that starts with a letter (or joiner) takes letters: a neutral
                    // with a mark stays alone, or egui would place its font's run first.
                    let first = out.last().map_or(i, |u| u.chars.start);
                    joins_rtl_word(chars[first], classes[first])
                        && classes[first] != BidiClass::NSM
                        && joins_rtl_word(c, class)
                        && joins_rtl_word(pc, pclass)
                        && same_script(unit_script, c)
                } else if is_prepended_concatenation_mark(chars[u.chars.start]) {
                    // A number mark takes the digits after it (one unit, `۝١٢`).
                    let first = if u.chars.len() > 1 {
                        chars[u.chars.start + 1]
                    } else {
                        c
                    };
                    joins_number_mark(first, c)
                } else {
                    let alone = |ch: char, cl: BidiClass| {
                        matches!(cl, BidiClass::R | BidiClass::AL | BidiClass::AN)
                            || script_runs_rtl(ch) == Some(true)
                    };
                    !alone(c, class) && !alone(pc, pclass)
                }
            }
            _ => false,
        };
        match out.last_mut() {
            Some(u) if continues => u.chars.end = i + 1,
            _ => {
                out.push(Unit {
                    chars: i..i + 1,
                    level,
                });
                unit_script = None;
            }
        }
        if level % 2 == 1 && unit_script.is_none() {
            unit_script = script_of(c);
        }
        prev = Some((c, class, invisible));
    }
    // Would the shaper run this unit against its level's direction? (Most units answer from their
    // first char, a letter.)
    let against = |u: &Unit| {
        let slice = &chars[u.chars.clone()];
        // A number-mark unit is placed left to right by the view itself.
        let number_mark = || {
            u.level % 2 == 0
                && is_prepended_concatenation_mark(slice[0])
                && is_number_mark_unit(&slice.iter().collect::<String>())
        };
        slice.len() > 1
            && !number_mark()
            && match script_runs_rtl(slice[0]) {
                Some(rtl) => rtl != u.is_rtl(),
                None => shaper_runs_rtl(slice[1..].iter().copied()) != u.is_rtl(),
            }
    };
    if out.iter().any(against) {
        out = out
            .into_iter()
            .flat_map(|u| {
                let slice = &chars[u.chars.clone()];
                if !against(&u) {
                    return vec![u];
                }
                let text: String = slice.iter().collect();
                crate::text::measure::grapheme_char_ranges(&text)
                    .into_iter()
                    .map(|g| Unit {
                        chars: u.chars.start + g.start..u.chars.start + g.end,
                        level: u.level,
                    })
                    .collect()
            })
            .collect();
    }
    out
}

/// Line break opportunities of a paragraph (UAX #14 via `unicode-linebreak`), as one flag per
/// char position `0..=len`: `allowed[i]` is true when a line may break before char `i`.
/// The second vector flags mandatory breaks (e.g. U+2028 LINE SEPARATOR) the same way.
pub fn break_opportunities(text: &str, char_count: usize) -> (Vec<bool>, Vec<bool>) {
    let mut allowed = vec![false; char_count + 1];
    let mut mandatory = vec![false; char_count + 1];
    let mut byte_to_char = Vec::with_capacity(text.len() + 1);
    for (ci, c) in text.chars().enumerate() {
        for _ in 0..c.len_utf8() {
            byte_to_char.push(ci);
        }
    }
    byte_to_char.push(char_count);
    for (bi, op) in unicode_linebreak::linebreaks(text) {
        let ci = byte_to_char[bi];
        allowed[ci] = true;
        if op == unicode_linebreak::BreakOpportunity::Mandatory && bi < text.len() {
            mandatory[ci] = true;
        }
    }
    (allowed, mandatory)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::bidi::{BidiParagraph, DirectionSetting};

    fn units_of(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let p = BidiParagraph::new(text, DirectionSetting::Auto);
        let classes: Vec<_> = (0..chars.len()).map(|i| p.class(i)).collect();
        let levels = p.line_levels(0..chars.len());
        let (allowed, _) = break_opportunities(text, chars.len());
        split_units(&chars, &classes, &levels, 0..chars.len(), &allowed)
            .into_iter()
            .map(|u| chars[u.chars].iter().collect())
            .collect()
    }

    #[test]
    fn arabic_words_stay_whole_and_neutrals_stand_alone() {
        assert_eq!(
            units_of("أطلق “الدفاع المدني”"),
            vec!["أطلق", " ", "“", "الدفاع", " ", "المدني", "”"]
        );
    }

    #[test]
    fn harakat_stay_with_their_word_and_digits_form_their_own_run() {
        assert_eq!(
            units_of("أُعلن عن 1,554 إصابة"),
            vec!["أُعلن", " ", "عن", " ", "1,554", " ", "إصابة"]
        );
    }

    #[test]
    fn latin_splits_at_break_opportunities() {
        assert_eq!(units_of("July 6, 2020"), vec!["July ", "6, ", "2020"]);
    }

    #[test]
    fn digits_of_a_right_to_left_script_stand_alone_in_left_to_right_runs() {
        // Persian digits are class EN (left to right) but of the Arabic script, which the shaper
        // would run right to left: "۱۲۳" would show as "۳۲۱" if shaped as one piece.
        assert_eq!(units_of("ا ۱۲۳ ا"), vec!["ا", " ", "۱", "۲", "۳", " ", "ا"]);
        assert_eq!(units_of("Report: ۲۵۰"), vec!["Report: ", "۲", "۵", "۰"]);
        assert_eq!(script_runs_rtl('۱'), Some(true));
        assert_eq!(script_runs_rtl('1'), None);
        assert_eq!(script_runs_rtl('a'), Some(false));
    }

    #[test]
    fn a_number_mark_keeps_its_digits_in_one_unit() {
        // The end-of-ayah sign with Arabic-Indic, Persian and Western digits, in right-to-left
        // and left-to-right paragraphs; and every prepended concatenation mark.
        assert_eq!(units_of("الرحيم ۝١٢"), vec!["الرحيم", " ", "۝١٢"]);
        assert_eq!(units_of("الرحيم ۝۱۲۳"), vec!["الرحيم", " ", "۝۱۲۳"]);
        assert_eq!(
            units_of("Verse ۝١٢ ends"),
            vec!["Verse ", "۝١٢", " ", "ends"]
        );
        assert_eq!(units_of("الرحيم ۝12"), vec!["الرحيم", " ", "۝12"]);
        for mark in [
            '\u{0600}', '\u{0601}', '\u{0602}', '\u{0603}', '\u{0604}', '\u{0605}', '\u{06DD}',
            '\u{08E2}',
        ] {
            let text = format!("ا {mark}١٢٣");
            assert_eq!(
                units_of(&text)[2],
                format!("{mark}١٢٣"),
                "{:04X}",
                mark as u32
            );
        }
        // Digits of two sets, other numbers (Rumi numerals, class AN), or a mark with no digits
        // do not make one.
        assert_eq!(units_of("ا ۝١2")[2..], ["۝١", "2"]);
        assert_eq!(
            units_of("ا ۝\u{10E60}\u{10E61}")[2..],
            ["۝", "\u{10E60}", "\u{10E61}"]
        );
        assert!(!is_number_mark_unit("۝"));
        assert!(!is_number_mark_unit("۝ا"));
        assert!(is_number_mark_unit("۝١٢"));
    }

    #[test]
    fn controls_are_units_of_their_own() {
        assert_eq!(units_of("a\u{202E}b"), vec!["a", "\u{202E}", "b"]);
    }
}
