//! Expected texts and offsets below are counted by hand (chars of the literals).

use super::*;
use crate::export::jsonl::{JsonlRelation, JsonlSpan};

fn entity(id: i64, name: &str, aliases: &[&str]) -> JsonlEntity {
    JsonlEntity {
        id,
        name: name.into(),
        kind: "PERSON".into(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
    }
}

fn span(id: i64, text: &str, start: usize, end: usize, label: &str) -> JsonlSpan {
    JsonlSpan {
        id,
        start,
        end,
        label: label.into(),
        text: text.chars().skip(start).take(end - start).collect(),
        attributes: Default::default(),
        entity: None,
        note: String::new(),
        history: None,
        byte_start: None,
        byte_end: None,
    }
}

fn doc(id: i64, text: &str, spans: Vec<JsonlSpan>) -> JsonlDocument {
    JsonlDocument {
        layout_version: 2,
        id,
        name: format!("{id}.txt"),
        path: format!("{id}.txt"),
        sha256: "aa".into(),
        encoding: "UTF-8".into(),
        bom: false,
        text_sha256: "bb".into(),
        text: text.into(),
        offset_unit: "codepoint",
        spans,
        relations: Vec::new(),
        notes: "note".into(),
        status: "todo",
        warnings: Vec::new(),
        suggestions: None,
    }
}

fn labels() -> Vec<String> {
    ["PERSON", "LOC", "CLAIM"].map(String::from).to_vec()
}

fn pseudonymiser(options: Anonymise) -> Pseudonymiser {
    Pseudonymiser::new(
        &options,
        &labels(),
        &crate::export::ExportOptions::default(),
    )
    .unwrap()
}

fn person() -> Anonymise {
    Anonymise {
        pseudonymise: vec!["PERSON".into()],
        ..Anonymise::default()
    }
}

fn slices_hold(d: &JsonlDocument) {
    let chars: Vec<char> = d.text.chars().collect();
    for s in &d.spans {
        assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
    }
}

#[test]
fn mentions_become_pseudonyms_and_every_span_moves() {
    let text = "Ahmad Zaidan met Ali in Aleppo; Zaidan left.";
    let zaidan = entity(7, "Ahmad Zaidan", &["Zaidan"]);
    let mut claim = span(1, text, 0, 30, "CLAIM");
    claim.note = "Zaidan said so".into();
    let mut m1 = span(2, text, 0, 12, "PERSON");
    m1.entity = Some(zaidan.clone());
    let ali = span(3, text, 17, 20, "PERSON");
    let aleppo = span(4, text, 24, 30, "LOC");
    let partial = span(5, text, 6, 16, "LOC");
    let mut d = doc(1, text, vec![claim, m1, partial, ali, aleppo]);
    d.relations.push(JsonlRelation {
        head_span: 0,
        child_span: 3,
        label: "said_by".into(),
    });
    let mut p = pseudonymiser(person());
    let mut docs = vec![d];
    p.apply_jsonl(&mut docs, &mut HashMap::new()).unwrap();
    let d = &docs[0];
    // "Zaidan" at 32 is the entity's alias: replaced though not annotated.
    assert_eq!(
        d.text,
        "PERSON_001 met PERSON_002 in Aleppo; PERSON_001 left."
    );
    let got: Vec<(usize, usize, &str, &str)> = d
        .spans
        .iter()
        .map(|s| (s.start, s.end, s.label.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (0, 10, "PERSON", "PERSON_001"),
            (0, 14, "LOC", "PERSON_001 met"),
            (0, 35, "CLAIM", "PERSON_001 met PERSON_002 in Aleppo"),
            (15, 25, "PERSON", "PERSON_002"),
            (29, 35, "LOC", "Aleppo"),
        ]
    );
    // The relation still joins the claim and Ali's mention, now at indices 2 and 3.
    assert_eq!(
        (d.relations[0].head_span, d.relations[0].child_span),
        (2, 3)
    );
    assert_eq!(d.spans[2].note, "PERSON_001 said so");
    let e = d.spans[0].entity.as_ref().unwrap();
    assert_eq!(
        (e.id, e.name.as_str(), e.aliases.len()),
        (7, "PERSON_001", 0)
    );
    assert_eq!((d.sha256.as_str(), d.text_sha256.as_str()), ("", ""));
    assert!(
        d.warnings.iter().any(|w| w.starts_with("1 span(s)")),
        "{:?}",
        d.warnings
    );
    slices_hold(d);
    let key = p.key().unwrap();
    assert_eq!(key.pseudonyms.len(), 2);
    assert_eq!(key.pseudonyms[0].pseudonym, "PERSON_001");
    assert_eq!(key.pseudonyms[0].texts, ["Ahmad Zaidan"]);
    assert_eq!(
        key.pseudonyms[0].entity.as_ref().unwrap().aliases,
        ["Zaidan"]
    );
    assert_eq!(
        (
            key.pseudonyms[1].pseudonym.as_str(),
            key.pseudonyms[1].arabic.as_str()
        ),
        ("PERSON_002", "شخص_٢")
    );
}

#[test]
fn arabic_documents_get_arabic_pseudonyms_numbered_across_documents() {
    // "قال أحمد إن وأحمد" : أحمد is chars 4..8; وأحمد (و + أحمد) 12..17.
    let a = "قال أحمد إن وأحمد";
    let b = "Ali and أحمد met";
    let first = doc(1, b, vec![span(1, b, 0, 3, "PERSON")]);
    let second = doc(2, a, vec![span(2, a, 4, 8, "PERSON")]);
    let third = doc(3, b, vec![span(3, b, 8, 12, "PERSON")]);
    let mut docs = vec![first, second, third];
    let mut p = pseudonymiser(person());
    p.apply_jsonl(&mut docs, &mut HashMap::new()).unwrap();
    // Ali is PERSON_001 (first seen), أحمد PERSON_002; the clitic form is replaced too.
    assert_eq!(docs[0].text, "PERSON_001 and PERSON_002 met");
    assert_eq!(docs[1].text, "قال شخص_٢ إن وشخص_٢");
    assert_eq!(docs[2].text, "PERSON_001 and PERSON_002 met");
    assert_eq!((docs[1].spans[0].start, docs[1].spans[0].end), (4, 9));
    assert_eq!((docs[2].spans[0].start, docs[2].spans[0].end), (15, 25));
    docs.iter().for_each(slices_hold);
}

#[test]
fn unlinked_mentions_share_a_pseudonym_per_folded_text_and_words_stay_whole() {
    // أحمد and احمد fold alike; "Alice" is not "Ali". As many Latin letters as Arabic: a
    // Latin document.
    let t = "أحمد احمد Ali Alice";
    let spans = vec![
        span(1, t, 0, 4, "PERSON"),
        span(2, t, 5, 9, "PERSON"),
        span(3, t, 10, 13, "PERSON"),
    ];
    let mut docs = vec![doc(1, t, spans)];
    let mut p = pseudonymiser(person());
    p.apply_jsonl(&mut docs, &mut HashMap::new()).unwrap();
    assert_eq!(docs[0].text, "PERSON_001 PERSON_001 PERSON_002 Alice");
    let key = p.key().unwrap();
    assert_eq!(key.pseudonyms[0].texts, ["أحمد", "احمد"]);
}

#[test]
fn nested_and_overlapping_mentions_are_one_region() {
    // "Abu Omar al-Halabi" PERSON 0..18 with "Omar" (4..8) nested in it; a LOC "Halabi came"
    // (12..23) starts inside it, so it is widened to start at the pseudonym.
    let t = "Abu Omar al-Halabi came";
    let spans = vec![
        span(1, t, 0, 18, "PERSON"),
        span(2, t, 4, 8, "PERSON"),
        span(3, t, 12, 23, "LOC"),
    ];
    let mut docs = vec![doc(1, t, spans)];
    let mut p = pseudonymiser(person());
    p.apply_jsonl(&mut docs, &mut HashMap::new()).unwrap();
    assert_eq!(docs[0].text, "PERSON_001 came");
    let got: Vec<(usize, usize)> = docs[0].spans.iter().map(|s| (s.start, s.end)).collect();
    assert_eq!(got, [(0, 10), (0, 10), (0, 15)]);
    slices_hold(&docs[0]);
}

#[test]
fn a_name_beside_a_longer_annotated_name_is_still_found() {
    // Found by the property below: "حلب" (chars 5..8) stands before the annotated "حلب حلب"
    // (9..16), so the longest match from 5, "حلب حلب" (5..12), overlaps the mention and is
    // refused; the shorter "حلب" must still be replaced.
    let t = "Omar حلب حلب حلب سجن";
    let spans = vec![span(1, t, 9, 12, "PERSON"), span(2, t, 9, 16, "PERSON")];
    let mut docs = vec![doc(1, t, spans)];
    let mut p = pseudonymiser(person());
    p.apply_jsonl(&mut docs, &mut HashMap::new()).unwrap();
    assert_eq!(docs[0].text, "Omar شخص_١ شخص_٢ سجن");
    slices_hold(&docs[0]);
}

#[test]
fn notes_and_annotators_are_stripped_consistently() {
    let t = "Ali came";
    let mut s1 = span(1, t, 0, 3, "PERSON");
    s1.note = "seen".into();
    let s2 = span(2, t, 4, 8, "LOC");
    let mut docs = vec![doc(1, t, vec![s1, s2])];
    let mut authors = HashMap::new();
    let who = |a: &str, b: &str| Authorship {
        annotator: a.into(),
        created: "t".into(),
        changed_by: b.into(),
        changed: "t".into(),
    };
    authors.insert(1, who("Layla", "Omar"));
    authors.insert(2, who("Omar", "Omar"));
    let mut p = pseudonymiser(Anonymise {
        strip_notes: true,
        strip_annotators: true,
        ..Anonymise::default()
    });
    p.apply_jsonl(&mut docs, &mut authors).unwrap();
    assert_eq!(docs[0].text, t);
    assert_eq!(
        (docs[0].notes.as_str(), docs[0].spans[0].note.as_str()),
        ("", "")
    );
    assert_eq!(authors[&1], who("annotator_1", "annotator_2"));
    assert_eq!(authors[&2], who("annotator_2", "annotator_2"));
    assert!(p.key().is_none());
}

#[test]
fn unknown_labels_and_history_are_refused() {
    let opts = crate::export::ExportOptions::default();
    let bad = Anonymise {
        pseudonymise: vec!["PERSONS".into()],
        ..Anonymise::default()
    };
    assert!(Pseudonymiser::new(&bad, &labels(), &opts).is_err());
    let history = crate::export::ExportOptions {
        history: true,
        ..Default::default()
    };
    assert!(Pseudonymiser::new(&person(), &labels(), &history).is_err());
}

#[test]
fn the_key_round_trips_through_age() {
    let key = PseudonymKey {
        format: KEY_FORMAT.into(),
        version: 1,
        labels: vec!["PERSON".into()],
        pseudonyms: vec![KeyEntry {
            pseudonym: "PERSON_001".into(),
            arabic: "شخص_١".into(),
            label: "PERSON".into(),
            entity: None,
            texts: vec!["أحمد".into()],
        }],
    };
    let bytes = key::encrypt(&key, "كلمة سر").unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    assert!(!bytes.windows(8).any(|w| w == "أحمد".as_bytes()));
    assert_eq!(key::decrypt(&bytes, "كلمة سر").unwrap(), key);
    assert!(matches!(
        key::decrypt(&bytes, "wrong"),
        Err(key::KeyError::Decrypt(_))
    ));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Words none of which is inside another or inside a pseudonym.
    const WORDS: [&str; 8] = ["سجن", "حلب", "Omar", "Zaid", "كتب", "في", "dam", "نهر"];

    /// A text of `words` (indices into WORDS) joined by spaces, with the char range of each.
    fn text(words: &[usize]) -> (String, Vec<(usize, usize)>) {
        let (mut t, mut ranges) = (String::new(), Vec::new());
        for &w in words {
            if !t.is_empty() {
                t.push(' ');
            }
            let start = t.chars().count();
            t.push_str(WORDS[w]);
            ranges.push((start, t.chars().count()));
        }
        (t, ranges)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Random word-aligned PERSON and LOC spans (overlapping, nested, equal): every span
        /// slices the new text; PERSON spans read a pseudonym; no PERSON word is left as a
        /// whole name; a LOC span away from every PERSON word keeps its text; spans stay sorted.
        #[test]
        fn spans_survive_any_overlap(
            words in proptest::collection::vec(0..WORDS.len(), 1..12),
            raw in proptest::collection::vec((0..12usize, 1..4usize, any::<bool>()), 0..8),
        ) {
            let (t, ranges) = text(&words);
            let n = ranges.len();
            let spans: Vec<JsonlSpan> = raw
                .iter()
                .enumerate()
                .map(|(i, &(first, len, person))| {
                    let a = first % n;
                    let b = (a + len).min(n) - 1;
                    let label = if person { "PERSON" } else { "LOC" };
                    span(i as i64, &t, ranges[a].0, ranges[b].1, label)
                })
                .collect();
            // Whole names (a name's single words are not names of their own).
            let names: BTreeSet<String> = spans
                .iter()
                .filter(|s| s.label == "PERSON")
                .map(|s| s.text.clone())
                .collect();
            let person_words: BTreeSet<String> = names
                .iter()
                .flat_map(|n| n.split(' ').map(str::to_owned))
                .collect();
            let before: Vec<(String, String)> =
                spans.iter().map(|s| (s.label.clone(), s.text.clone())).collect();
            let mut docs = vec![doc(1, &t, spans)];
            let mut p = pseudonymiser(person());
            p.apply_jsonl(&mut docs, &mut HashMap::new()).unwrap();
            let d = &docs[0];
            slices_hold(d);
            let pseudonym = |s: &str| {
                s.strip_prefix("PERSON_").or_else(|| s.strip_prefix("شخص_")).is_some_and(|n| {
                    !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
                })
            };
            for s in d.spans.iter().filter(|s| s.label == "PERSON") {
                prop_assert!(pseudonym(&s.text), "{:?} in {:?}", s.text, d.text);
            }
            let padded = format!(" {} ", d.text);
            // (Names of one or two letters are not searched for: the module docs say so.)
            for name in names.iter().filter(|n| n.chars().count() > 2) {
                prop_assert!(!padded.contains(&format!(" {name} ")), "{name:?} left in {:?}", d.text);
            }
            let kept: Vec<&(String, String)> = before
                .iter()
                .filter(|(l, old)| l == "LOC" && old.split(' ').all(|w| !person_words.contains(w)))
                .collect();
            for k in kept {
                prop_assert!(
                    d.spans.iter().any(|s| s.label == "LOC" && s.text == k.1),
                    "{:?} lost from {:?}", k.1, d.text
                );
            }
            prop_assert!(d.spans.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
        }
    }
}
