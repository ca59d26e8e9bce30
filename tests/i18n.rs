//! The interface's messages (assets/i18n/{en,ar}/sanad.ftl): both languages hold the same keys
//! with the same $variables, every key the GUI's source looks up exists in both, and Arabic
//! plurals take the form CLDR gives for each count.

use fluent_syntax::ast;
use sanad::ui::i18n::{AR_FTL, Digits, EN_FTL, Lang, Locale};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Message id -> the $variables its value and attributes use (through message references too).
fn messages(source: &str, name: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{name}: Fluent syntax errors: {errors:?}"),
    };
    let mut direct: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            let mut refs = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars, &mut refs);
            }
            for a in &m.attributes {
                pattern_vars(&a.value, &mut vars, &mut refs);
            }
            assert!(
                direct.insert(m.id.name.to_string(), (vars, refs)).is_none(),
                "{name}: message {} defined twice",
                m.id.name
            );
        }
    }
    // Variables reached through message references count as the message's own.
    let mut out = BTreeMap::new();
    for id in direct.keys() {
        let mut seen = BTreeSet::new();
        let mut stack = vec![id.clone()];
        let mut vars = BTreeSet::new();
        while let Some(k) = stack.pop() {
            if !seen.insert(k.clone()) {
                continue;
            }
            let (v, r) = direct
                .get(&k)
                .unwrap_or_else(|| panic!("{name}: {id} refers to missing message {k}"));
            vars.extend(v.iter().cloned());
            stack.extend(r.iter().cloned());
        }
        out.insert(id.clone(), vars);
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>, refs: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            expression_vars(expression, vars, refs);
        }
    }
}

fn expression_vars(
    e: &ast::Expression<&str>,
    vars: &mut BTreeSet<String>,
    refs: &mut BTreeSet<String>,
) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars, refs);
            for v in variants {
                pattern_vars(&v.value, vars, refs);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars, refs),
    }
}

fn inline_vars(
    i: &ast::InlineExpression<&str>,
    vars: &mut BTreeSet<String>,
    refs: &mut BTreeSet<String>,
) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            refs.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars, refs),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars, refs);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars, refs);
            }
        }
        _ => {}
    }
}

/// (a) Every key in both languages, with the same placeholders.
#[test]
fn english_and_arabic_have_the_same_keys_and_placeholders() {
    let en = messages(EN_FTL, "en/sanad.ftl");
    let ar = messages(AR_FTL, "ar/sanad.ftl");
    let mut problems = Vec::new();
    for (k, v) in &en {
        match ar.get(k) {
            None => problems.push(format!("{k}: missing in ar")),
            Some(av) if av != v => {
                problems.push(format!("{k}: placeholders differ: en {v:?}, ar {av:?}"))
            }
            _ => {}
        }
    }
    for k in ar.keys().filter(|k| !en.contains_key(*k)) {
        problems.push(format!("{k}: missing in en"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        en.len() > 100,
        "only {} messages: was a file cut short?",
        en.len()
    );
}

/// The checker itself catches a missing key and a changed placeholder.
#[test]
fn the_key_check_catches_what_it_should() {
    let en = messages("a = A { $n }\nb = B\n", "en");
    let ar = messages("a = ا { $m }\n", "ar");
    assert_ne!(en.get("a"), ar.get("a"));
    assert!(!ar.contains_key("b"));
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// (b) Every key the source looks up (`tr("key")`, `tr_args("key", …)`) exists in both files.
#[test]
fn every_key_used_in_the_source_exists_in_both_languages() {
    let en = messages(EN_FTL, "en/sanad.ftl");
    let ar = messages(AR_FTL, "ar/sanad.ftl");
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let call = regex::Regex::new(r#"\btr(?:_args)?\(\s*"([A-Za-z0-9_-]+)""#).unwrap();
    let mut used = BTreeSet::new();
    let mut missing = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for c in call.captures_iter(&text) {
            let key = c[1].to_owned();
            for (lang, map) in [("en", &en), ("ar", &ar)] {
                if !map.contains_key(&key) {
                    missing.push(format!("{}: {key} missing in {lang}", f.display()));
                }
            }
            used.insert(key);
        }
    }
    // Keys built at run time: month-1 … month-12 (see Locale::date).
    for m in 1..=12 {
        assert!(en.contains_key(&format!("month-{m}")) && ar.contains_key(&format!("month-{m}")));
    }
    // Keys the shortcut table holds: each row's description, the mouse gestures in its keys
    // column, the groups' headings.
    use sanad::ui::shortcuts::{Group, SHORTCUTS};
    let table = SHORTCUTS
        .iter()
        .flat_map(|s| [Some(s.what), s.keys.starts_with("mouse-").then_some(s.keys)])
        .flatten()
        .chain(Group::ALL.iter().map(|g| g.title()));
    for key in table {
        for (lang, map) in [("en", &en), ("ar", &ar)] {
            if !map.contains_key(key) {
                missing.push(format!("src/ui/shortcuts.rs: {key} missing in {lang}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    assert!(
        used.len() > 100,
        "only {} keys found in src/: is the scan right?",
        used.len()
    );
}

/// Arabic output without the bidi isolates Fluent puts around placeables.
fn plain(s: String) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
}

/// (c) Arabic plural forms for 0, 1, 2, 3, 11, 100: CLDR's zero, one, two, few (3–10), many
/// (11–99), other (100). The expected Arabic is the grammar of counted nouns: the dual for 2, a
/// plural after 3–10, an accusative singular (tanwin) after 11–99, a genitive singular after 100.
#[test]
fn arabic_plurals_follow_cldr() {
    let ar = Locale::new(Lang::Ar, Digits::Western);
    let copied = |n: usize| plain(ar.tr_args("central-copied", &[("n", n.into())]));
    assert_eq!(copied(0), "لم يُنسخ أي حرف");
    assert_eq!(copied(1), "نُسخ حرف واحد");
    assert_eq!(copied(2), "نُسخ حرفان");
    assert_eq!(copied(3), "نُسخت 3 أحرف");
    assert_eq!(copied(11), "نُسخ 11 حرفًا");
    assert_eq!(copied(100), "نُسخ 100 حرف");

    // Past 100 the rule looks at n % 100 (CLDR): 102 other, 103 few, 111 many.
    assert_eq!(copied(102), "نُسخ 102 حرف");
    assert_eq!(copied(103), "نُسخت 103 أحرف");
    assert_eq!(copied(111), "نُسخ 111 حرفًا");
    for (n, form) in [
        (0.0, "zero"),
        (1.0, "one"),
        (2.0, "two"),
        (3.0, "few"),
        (10.0, "few"),
        (11.0, "many"),
        (99.0, "many"),
        (100.0, "other"),
        (102.0, "other"),
        (103.0, "few"),
        (1011.0, "many"),
        (2.5, "other"),
    ] {
        assert_eq!(sanad::ui::i18n::arabic_plural_category(n), form, "{n}");
    }
}

#[test]
fn arabic_indic_digits_apply_to_numbers_not_to_names() {
    let ar = Locale::new(Lang::Ar, Digits::ArabicIndic);
    let s = plain(ar.tr_args(
        "msg-exported",
        &[("n", 12.into()), ("path", "out2.jsonl".into())],
    ));
    assert_eq!(s, "صُدِّر ١٢ مستندًا إلى out2.jsonl");
    let en = Locale::new(Lang::En, Digits::ArabicIndic);
    assert_eq!(
        en.tr_args("msg-exported", &[("n", 1.into()), ("path", "a1".into())]),
        "Exported ١ document to a1"
    );
}

/// Every char of every message can be drawn by a bundled face (egui panics on a missing glyph in
/// a debug build, and a tofu box is no better in a release one).
#[test]
fn every_message_char_has_a_glyph_in_the_bundled_fonts() {
    use skrifa::MetadataProvider;
    let fonts: Vec<skrifa::FontRef<'_>> = sanad::text::fonts::BUNDLED
        .iter()
        .map(|(_, data)| skrifa::FontRef::new(data).unwrap())
        .collect();
    let mut missing = BTreeSet::new();
    for (name, source) in [("en", EN_FTL), ("ar", AR_FTL)] {
        for line in source.lines().filter(|l| !l.trim_start().starts_with('#')) {
            for c in line
                .chars()
                .filter(|c| !c.is_control() && !c.is_whitespace())
            {
                if !fonts.iter().any(|f| f.charmap().map(c).is_some()) {
                    missing.insert(format!("{name}: U+{:04X} {c}", c as u32));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{missing:?}");
}
