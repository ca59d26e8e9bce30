//! The interface's languages (English, Arabic) through Fluent, with the digits and dates the
//! user chose. Every user-facing string of the GUI is looked up here by key
//! ([`Locale::tr`], [`Locale::tr_args`]); the messages are in `assets/i18n/{en,ar}/sanad.ftl`,
//! built into the binary.
//!
//! Plural forms follow CLDR's rules for the language (Arabic has six: zero, one, two, few, many,
//! other), chosen by Fluent from a numeric argument. Numbers given as arguments are written with
//! the chosen digits; strings (paths, names, the user's own text) are never touched.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// The English messages (Fluent syntax), as built into the binary.
pub const EN_FTL: &str = include_str!("../../assets/i18n/en/sanad.ftl");
/// The Arabic messages (Fluent syntax), as built into the binary.
pub const AR_FTL: &str = include_str!("../../assets/i18n/ar/sanad.ftl");

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English, left to right.
    #[default]
    En,
    /// Modern Standard Arabic, right to left.
    Ar,
}

impl Lang {
    /// Every language, in the order the Settings window lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ar];

    /// The BCP 47 tag ("en", "ar").
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    /// The language's name in itself ("English", "العربية"), as the language chooser shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ar => "العربية",
        }
    }

    /// Is the interface laid out right to left in this language?
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The language of a POSIX or BCP 47 locale name ("ar_SA.UTF-8", "ar-EG", "en_US"); English
    /// for anything else (the fallback), `None` for an empty name.
    pub fn from_locale_name(name: &str) -> Option<Lang> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let lang = name
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Some(if lang == "ar" { Lang::Ar } else { Lang::En })
    }

    /// The system's language: `LC_ALL`, then `LC_MESSAGES`, then `LANG` (POSIX order), then what
    /// the platform reports (`sys-locale`); English when none is set or it is not Arabic.
    pub fn from_system() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && let Some(lang) = Lang::from_locale_name(&v)
            {
                return lang;
            }
        }
        sys_locale::get_locale()
            .and_then(|l| Lang::from_locale_name(&l))
            .unwrap_or_default()
    }
}

/// How numbers are written in the interface (stored data never changes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Digits {
    /// 0123456789.
    #[default]
    Western,
    /// ٠١٢٣٤٥٦٧٨٩ (U+0660–U+0669).
    ArabicIndic,
}

impl Digits {
    /// Both choices, in the order the Settings window lists them.
    pub const ALL: [Digits; 2] = [Digits::Western, Digits::ArabicIndic];

    /// `s` with its ASCII digits written in these digits (other chars unchanged).
    pub fn apply(self, s: &str) -> String {
        match self {
            Digits::Western => s.to_owned(),
            Digits::ArabicIndic => s
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) if c.is_ascii_digit() => {
                        char::from_u32(0x0660 + d).unwrap_or(c) // U+0660..U+0669 are all chars
                    }
                    _ => c,
                })
                .collect(),
        }
    }
}

/// Fluent's formatter for numeric arguments in Arabic-Indic digits (strings are left alone).
fn arabic_indic_numbers<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(Digits::ArabicIndic.apply(&n.as_string())),
        _ => None,
    }
}

/// CLDR's Arabic plural category of `n` (unicode.org/cldr, plurals.xml, "ar"): zero (0), one
/// (1), two (2), few (n % 100 = 3..10), many (n % 100 = 11..99), other (the rest, fractions too).
pub fn arabic_plural_category(n: f64) -> &'static str {
    if n.fract() != 0.0 || n < 0.0 {
        return "other";
    }
    let i = n as u64;
    match (i, i % 100) {
        (0, _) => "zero",
        (1, _) => "one",
        (2, _) => "two",
        (_, 3..=10) => "few",
        (_, 11..=99) => "many",
        _ => "other",
    }
}

/// `source` with every selector on a variable (`{ $n ->`) turned into one on `PLURAL($n)`.
fn plural_selectors(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 64);
    let mut rest = source;
    while let Some(at) = rest.find("{ $") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let name_end = from[3..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .map_or(from.len(), |e| e + 3);
        let after = &from[name_end..];
        if after.trim_start_matches(' ').starts_with("->") {
            out.push_str("{ PLURAL(");
            out.push_str(&from[2..name_end]);
            out.push(')');
        } else {
            out.push_str(&from[..name_end]);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The interface language with its messages, and the digits numbers are shown in.
pub struct Locale {
    lang: Lang,
    digits: Digits,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale")
            .field("lang", &self.lang)
            .field("digits", &self.digits)
            .finish()
    }
}

impl Default for Locale {
    fn default() -> Self {
        Locale::new(Lang::En, Digits::Western)
    }
}

/// The Fluent source of `lang`'s messages.
pub fn ftl_source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN_FTL,
        Lang::Ar => AR_FTL,
    }
}

impl Locale {
    /// The messages of `lang`, numbers written in `digits`. Arabic placeables are wrapped in
    /// bidi isolates (FSI … PDI) so a Latin path or a number keeps its place in the sentence;
    /// English ones are not (nothing to isolate from, and tests read English text as written).
    pub fn new(lang: Lang, digits: Digits) -> Self {
        let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        bundle.set_use_isolating(lang.is_rtl());
        if digits == Digits::ArabicIndic {
            bundle.set_formatter(Some(arabic_indic_numbers));
        }
        let mut source = ftl_source(lang).to_owned();
        if lang == Lang::Ar {
            // intl_pluralrules 7.0.2 (Fluent's plural rules) tests Arabic few/many on the whole
            // number instead of n % 100, so 103 came out "other" instead of "few". Arabic
            // selectors are therefore run on PLURAL($n), CLDR's rule written out below.
            source = plural_selectors(&source);
            let _ = bundle.add_function("PLURAL", |positional, _named| match positional.first() {
                Some(FluentValue::Number(n)) => FluentValue::from(arabic_plural_category(n.value)),
                _ => FluentValue::from("other"),
            });
        }
        // A syntax error in a built-in file is a bug caught by tests/i18n.rs; the entries that
        // parsed are still used.
        let resource = match FluentResource::try_new(source) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let _ = bundle.add_resource(resource);
        Locale {
            lang,
            digits,
            bundle,
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The digits numbers are shown in.
    pub fn digits(&self) -> Digits {
        self.digits
    }

    /// Is the interface right to left?
    pub fn is_rtl(&self) -> bool {
        self.lang.is_rtl()
    }

    /// Does this language have a message `key`?
    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    /// The message `key` without arguments; the key itself when it is missing (tests/i18n.rs
    /// checks that none is).
    pub fn tr(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with named arguments, e.g. `[("n", 3.into()), ("path", p.into())]`.
    /// Numeric arguments choose plural forms and are written in the chosen digits.
    pub fn tr_args(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.format(key, Some(&fa))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// A number (count, offset, line) written in the chosen digits.
    pub fn num(&self, n: impl std::fmt::Display) -> String {
        self.digits.apply(&n.to_string())
    }

    /// Digits of `s` (e.g. "[12, 40)") in the chosen digits.
    pub fn digits_in(&self, s: &str) -> String {
        self.digits.apply(s)
    }

    /// A stored UTC timestamp (RFC 3339, e.g. "2026-03-01T09:05:07Z", or "2026-03-01 09:05:07")
    /// shown in this language: day, month name, year and time, marked UTC, in the chosen digits.
    /// Text that is not such a timestamp is returned as it is. Stored data is never changed.
    pub fn date(&self, stored: &str) -> String {
        let s = stored.trim();
        let parse = || -> Option<(u32, u32, u32, String)> {
            let (date, rest) = s.split_at_checked(10)?;
            let mut parts = date.split('-');
            let y: u32 = parts.next()?.parse().ok()?;
            let m: u32 = parts.next()?.parse().ok()?;
            let d: u32 = parts.next()?.parse().ok()?;
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            let rest = rest.trim_start_matches(['T', ' ']);
            let time = rest
                .get(..5)
                .filter(|t| t.as_bytes().get(2) == Some(&b':'))?;
            Some((y, m, d, time.to_owned()))
        };
        let Some((y, m, d, time)) = parse() else {
            return stored.to_owned();
        };
        let month = self.tr(&format!("month-{m}"));
        self.tr_args(
            "date-time",
            &[
                ("day", FluentValue::from(d)),
                ("month", month.into()),
                ("year", self.year(y).into()),
                ("time", self.digits.apply(&time).into()),
            ],
        )
    }

    /// A year without grouping separators, in the chosen digits.
    fn year(&self, y: u32) -> String {
        self.digits.apply(&y.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_pick_arabic_or_fall_back_to_english() {
        assert_eq!(Lang::from_locale_name("ar_SA.UTF-8"), Some(Lang::Ar));
        assert_eq!(Lang::from_locale_name("ar-EG"), Some(Lang::Ar));
        assert_eq!(Lang::from_locale_name("ar"), Some(Lang::Ar));
        assert_eq!(Lang::from_locale_name("fr_FR.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale_name("C"), Some(Lang::En));
        assert_eq!(Lang::from_locale_name(""), None);
    }

    #[test]
    fn arabic_indic_digits_replace_ascii_digits_only() {
        assert_eq!(Digits::ArabicIndic.apply("[12, 40) x9"), "[١٢, ٤٠) x٩");
        assert_eq!(Digits::Western.apply("12"), "12");
    }

    #[test]
    fn dates_read_in_the_language_and_digits_chosen() {
        let en = Locale::new(Lang::En, Digits::Western);
        assert_eq!(en.date("2026-03-01T09:05:07Z"), "1 March 2026, 09:05 UTC");
        let ar = Locale::new(Lang::Ar, Digits::ArabicIndic);
        let shown = ar.date("2026-03-01 09:05:07");
        assert!(shown.contains("مارس"), "{shown}");
        assert!(shown.contains("٢٠٢٦") && shown.contains("٠٩:٠٥"), "{shown}");
        assert_eq!(en.date("yesterday"), "yesterday");
    }
}
