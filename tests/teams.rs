//! Team work on the seed document (tests/data/seed.txt): a team project hands the seed out to
//! two annotators (`extract`), each labels it in their share, the shares are merged, agreement is
//! measured, what both agree on is adjudicated into the curated layer and exported with
//! `--layer curated`.
//!
//! The 23 reference spans below were chosen by reading the seed (names of people,
//! organisations, prisons, two claims); their offsets are found with a plain char search here.
//! Every expected number is counted by hand in the comments, never taken from Sanad's output.

use sanad::corpus::import_folder;
use sanad::model::Action;
use sanad::store::Project;
use sanad::store::team::CURATOR;
use sanad::team::agreement::project_agreement;
use sanad::team::extract::{ExtractOptions, extract};
use sanad::team::merge::{MergeOptions, merge_files};
use std::collections::BTreeSet;
use std::path::Path;

/// The reference: (phrase, occurrence counted from 0 among all occurrences of the phrase,
/// label). Numbered #1..#23 in the comments.
const REFERENCE: [(&str, usize, &str); 23] = [
    ("الدفاع المدني السوري", 0, "ORGANIZATION"), // #1, line 1
    ("الدفاع المدني", 1, "ORGANIZATION"),        // #2, line 2
    ("الدفاع المدني", 2, "ORGANIZATION"),        // #3, line 3
    ("أحمد زيدان", 0, "PERSON"),                 // #4
    ("زيدان", 1, "PERSON"),                      // #5, «وأضاف زيدان»
    ("أحمد زيدان", 1, "PERSON"),                 // #6, the tweet's signature
    ("أليس مفرج", 0, "PERSON"),                  // #7
    ("Alise Mofrej", 0, "PERSON"),               // #8
    ("الدفاع المدني السوري", 1, "ORGANIZATION"), // #9, line 11
    (
        "البالغ عددهم أكثر من 200 ألف بحسب تقديرات منظمات حقوقية",
        0,
        "CLAIM",
    ), // #10
    ("الشبكة السورية لحقوق الإنسان", 0, "ORGANIZATION"), // #11
    ("فضل عبد الغني", 0, "PERSON"),              // #12
    ("السورية. نت", 0, "ORGANIZATION"),          // #13
    ("الأمم المتحدة", 0, "ORGANIZATION"),         // #14
    ("بشار الأسد", 0, "PERSON"),                  // #15
    ("سجن عدرا", 0, "PRISON"),                   // #16
    ("سجن حلب", 0, "PRISON"),                    // #17
    ("سجن صيدنايا", 0, "PRISON"),                // #18
    ("منظمة العفو الدولية", 0, "ORGANIZATION"),  // #19
    ("سجن المزة العسكري", 0, "PRISON"),          // #20
    ("سجن تدمير", 0, "PRISON"),                  // #21
    ("الدفاع المدني السوري", 2, "ORGANIZATION"), // #22, last line
    ("عن وجود أي سجون سرية أو تعذيب في معتقلاته", 0, "CLAIM"), // #23
];

/// Char offsets of the `occurrence`-th (from 0) occurrence of `phrase` in `text`.
fn find(text: &str, phrase: &str, occurrence: usize) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let p: Vec<char> = phrase.chars().collect();
    let starts: Vec<usize> = (0..=chars.len() - p.len())
        .filter(|&i| chars[i..i + p.len()] == p[..])
        .collect();
    let s = starts[occurrence];
    (s, s + p.len())
}

fn annotate(share: &Path, who: &str, spans: &[(usize, usize, String)]) {
    let mut p = Project::open_existing(share).unwrap();
    p.set_actor(who);
    let doc = p.document_summaries().unwrap()[0].id;
    for (start, end, label) in spans {
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: *start,
            end: *end,
            label: label.clone(),
        })
        .unwrap();
    }
}

fn close(x: Option<f64>, want: f64) {
    let x = x.expect("defined");
    assert!((x - want).abs() < 1e-12, "{x} != {want}");
}

#[test]
fn two_annotators_merge_agree_and_adjudicate_on_the_seed() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("docs");
    std::fs::create_dir(&folder).unwrap();
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt");
    std::fs::copy(seed, folder.join("seed.txt")).unwrap();
    let text = std::fs::read_to_string(seed).unwrap();
    let reference: Vec<(usize, usize, String)> = REFERENCE
        .iter()
        .map(|(p, k, l)| {
            let (s, e) = find(&text, p, *k);
            (s, e, (*l).to_owned())
        })
        .collect();

    // The team project and the two shares.
    let start = dir.path().join("start.sanad");
    let mut p = Project::open_or_create(&start).unwrap();
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let (alice, bob) = (dir.path().join("alice.sanad"), dir.path().join("bob.sanad"));
    for (who, share) in [("alice", &alice), ("bob", &bob)] {
        let opts = ExtractOptions {
            count: Some(1),
            for_name: who.into(),
            ..ExtractOptions::default()
        };
        assert_eq!(extract(&p, &opts, share).unwrap().documents, 1);
    }
    drop(p);

    // alice: the reference without #8, #13, #23 (20 spans).
    let a: Vec<_> = reference
        .iter()
        .enumerate()
        .filter(|(i, _)| ![8, 13, 23].contains(&(i + 1)))
        .map(|(_, s)| s.clone())
        .collect();
    // bob: the reference without #1, #11, #21 (20 spans); #12 and #16 labelled ORGANIZATION
    // (the two label disagreements); #20 shortened to «سجن المزة» (a boundary disagreement).
    let mut b = Vec::new();
    for (i, s) in reference.iter().enumerate() {
        let n = i + 1;
        match n {
            1 | 11 | 21 => {}
            12 | 16 => b.push((s.0, s.1, "ORGANIZATION".to_owned())),
            20 => {
                let (s0, e0) = find(&text, "سجن المزة", 0);
                assert_eq!(s0, s.0);
                b.push((s0, e0, s.2.clone()));
            }
            _ => b.push(s.clone()),
        }
    }
    assert_eq!((a.len(), b.len()), (20, 20));
    annotate(&alice, "alice", &a);
    annotate(&bob, "bob", &b);

    // Merge: one document (the same text), 20 + 20 = 40 annotations in two layers; the two
    // label disagreements (#12, #16: same offsets, other label) are listed as conflicts;
    // the spans both gave alike are kept twice (once per layer), nothing merged.
    let team = dir.path().join("team.sanad");
    let report = merge_files(
        &[alice.clone(), bob.clone()],
        &team,
        &MergeOptions::default(),
    )
    .unwrap();
    assert_eq!(report.added_by_annotator.get("alice"), Some(&20));
    assert_eq!(report.added_by_annotator.get("bob"), Some(&20));
    assert_eq!(report.import.files[0].conflicts.len(), 0);
    assert_eq!(report.import.files[1].conflicts.len(), 2, "#12 and #16");
    assert_eq!(
        report.import.files.iter().map(|f| f.merged).sum::<usize>(),
        0
    );
    {
        let t = Project::open_existing(&team).unwrap();
        assert_eq!(t.document_summaries().unwrap().len(), 1);
        assert_eq!(t.annotation_total().unwrap(), 40);
        let layers = t.annotators().unwrap();
        assert_eq!(layers.get("alice"), Some(&20));
        assert_eq!(layers.get("bob"), Some(&20));
    }
    // The same file again adds nothing (its 20 spans merge with alice's own).
    let again = merge_files(
        std::slice::from_ref(&alice),
        &team,
        &MergeOptions::default(),
    )
    .unwrap();
    assert!(again.applied.is_none());
    assert_eq!(again.import.files[0].merged, 20);
    assert_eq!(
        Project::open_existing(&team)
            .unwrap()
            .annotation_total()
            .unwrap(),
        40
    );

    // Agreement, alice the reference, bob the response.
    // Both hold 17 positions (23 − {1, 8, 11, 13, 21, 23}); of these #12, #16 differ in label
    // and #20 in its end, so 14 spans are exactly alike.
    // Exact: P = 14/20 = 0.7, R = 14/20 = 0.7, F1 = 2·14/(20 + 20) = 0.7.
    // Overlap: bob's spans that share a char with an alice span of the same label: the 14,
    // plus the short #20 (inside alice's PRISON #20) = 15; #12 and #16 (ORGANIZATION) touch
    // no alice ORGANIZATION; #8, #13, #23 are bob's alone. P = 15/20 = 0.75. Alice's: the 14
    // plus #20 = 15 (her #12 PERSON and #16 PRISON meet ORGANIZATION spans; #1, #11, #21 are
    // hers alone). R = 0.75, F1 = 0.75.
    let t = Project::open_existing(&team).unwrap();
    let ag = project_agreement(&t, None).unwrap();
    assert_eq!(ag.annotators, ["alice", "bob"]);
    let pair = &ag.pairs[0];
    assert_eq!((pair.a.as_str(), pair.b.as_str()), ("alice", "bob"));
    assert_eq!(pair.overall.exact.reference_matched, 14);
    close(pair.overall.exact.precision, 0.7);
    close(pair.overall.exact.recall, 0.7);
    close(pair.overall.exact.f1, 0.7);
    close(pair.overall.overlap.precision, 0.75);
    close(pair.overall.overlap.recall, 0.75);
    close(pair.overall.overlap.f1, 0.75);
    // Per label. The reference has ORGANIZATION #1 2 3 9 11 13 14 19 22 (9), PERSON #4 5 6 7
    // 8 12 15 (7), PRISON #16 17 18 20 21 (5), CLAIM #10 23 (2).
    // alice: ORGANIZATION 9 − #13 = 8; PERSON 7 − #8 = 6; PRISON 5; CLAIM 2 − #23 = 1.
    // bob: ORGANIZATION 9 − #1 − #11 + #12 + #16 = 9; PERSON 7 − #12 = 6;
    //      PRISON 5 − #21 − #16 = 3 (#17 #18 short #20); CLAIM 2.
    // Exact matches: ORGANIZATION #2 3 9 14 19 22 = 6 → P 6/9, R 6/8, F1 12/17;
    // PERSON #4 5 6 7 15 = 5 → P 5/6, R 5/6, F1 5/6; PRISON #17 18 = 2 → P 2/3, R 2/5,
    // F1 4/8; CLAIM #10 → P 1/2, R 1/1, F1 2/3. (6 + 5 + 2 + 1 = 14.)
    let l = &pair.per_label;
    close(l["ORGANIZATION"].exact.precision, 6.0 / 9.0);
    close(l["ORGANIZATION"].exact.recall, 6.0 / 8.0);
    close(l["ORGANIZATION"].exact.f1, 12.0 / 17.0);
    close(l["PERSON"].exact.f1, 5.0 / 6.0);
    close(l["PRISON"].exact.precision, 2.0 / 3.0);
    close(l["PRISON"].exact.recall, 2.0 / 5.0);
    close(l["PRISON"].exact.f1, 0.5);
    close(l["CLAIM"].exact.precision, 0.5);
    close(l["CLAIM"].exact.recall, 1.0);
    close(l["CLAIM"].exact.f1, 2.0 / 3.0);
    // PRISON overlap: bob's #17 #18 #20 all meet alice's PRISON spans → P 3/3; alice's #17
    // #18 #20 meet bob's (#16 met ORGANIZATION, #21 nothing) → R 3/5; F1 = 2·0.6/1.6 = 0.75.
    close(l["PRISON"].overlap.precision, 1.0);
    close(l["PRISON"].overlap.recall, 0.6);
    close(l["PRISON"].overlap.f1, 0.75);
    // One document: its pair equals the project's.
    assert_eq!(ag.documents.len(), 1);
    assert_eq!(ag.documents[0].pairs[0].overall, pair.overall);
    // Two annotators: no Fleiss' kappa. Token kappa and alpha are checked against sklearn and
    // krippendorff in tests/clients/test_agreement.py, and by hand in src/team/agreement.rs.
    assert_eq!(ag.fleiss_kappa, None);
    assert!(pair.cohen_kappa.is_some_and(|k| k > 0.0 && k < 1.0));
    // Only PRISON: alice 5, bob 3, exact 2 → F1 = 4/8.
    let prison = project_agreement(&t, Some("PRISON")).unwrap();
    close(prison.pairs[0].overall.exact.f1, 0.5);
    drop(t);

    // Adjudication: accept what both agree on, then export the curated layer: exactly the 14
    // spans both gave alike (same offsets and label).
    let mut t = Project::open_existing(&team).unwrap();
    t.set_actor("layla");
    t.apply(&Action::AcceptAgreeing { document_id: None })
        .unwrap();
    assert_eq!(t.annotators().unwrap().get(CURATOR), Some(&14));
    let docs = sanad::export::jsonl::documents(
        &t,
        sanad::export::ExportOptions {
            layer: sanad::store::team::Layer::Curated,
            ..Default::default()
        },
    )
    .unwrap();
    let d = serde_json::to_value(&docs[0]).unwrap();
    let exported: BTreeSet<(u64, u64, String)> = d["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
                s["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let agreed: BTreeSet<(u64, u64, String)> = reference
        .iter()
        .enumerate()
        .filter(|(i, _)| ![1, 8, 11, 12, 13, 16, 20, 21, 23].contains(&(i + 1)))
        .map(|(_, (s, e, l))| (*s as u64, *e as u64, l.clone()))
        .collect();
    assert_eq!(agreed.len(), 14);
    assert_eq!(exported, agreed);
    // `--layer bob` gives bob's 20, `all` the 40 + 14.
    let count = |layer| {
        let docs = sanad::export::jsonl::documents(
            &t,
            sanad::export::ExportOptions {
                layer,
                ..Default::default()
            },
        )
        .unwrap();
        serde_json::to_value(&docs[0]).unwrap()["spans"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count(sanad::store::team::Layer::parse("bob")), 20);
    assert_eq!(count(sanad::store::team::Layer::All), 54);
}

#[test]
fn the_cli_extracts_merges_measures_adjudicates_and_exports_the_curated_layer() {
    let bin = env!("CARGO_BIN_EXE_sanad");
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&std::ffi::OsStr], user: &str| {
        let out = std::process::Command::new(bin)
            .args(args)
            .env("USER", user)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let p = |name: &str| dir.path().join(name).into_os_string();
    let folder = dir.path().join("docs");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "سجن صيدنايا في ريف دمشق").unwrap();
    run(
        &[
            "import".as_ref(),
            folder.as_os_str(),
            "--project".as_ref(),
            &p("start.sanad"),
        ],
        "lead",
    );
    for who in ["alice", "bob"] {
        let share = p(&format!("{who}.sanad"));
        run(
            &[
                "extract".as_ref(),
                &p("start.sanad"),
                "--status".as_ref(),
                "todo".as_ref(),
                "--for".as_ref(),
                who.as_ref(),
                "--output".as_ref(),
                &share,
            ],
            "lead",
        );
        // سجن صيدنايا (0..11) PRISON for both; دمشق (19..23) ORGANIZATION or PERSON.
        let mut s = Project::open_existing(Path::new(&share)).unwrap();
        s.set_actor(who);
        for (start, end, label) in [
            (0, 11, "PRISON"),
            (
                19,
                23,
                if who == "alice" {
                    "ORGANIZATION"
                } else {
                    "PERSON"
                },
            ),
        ] {
            s.apply(&Action::AddAnnotation {
                id: None,
                document_id: 1,
                start,
                end,
                label: label.into(),
            })
            .unwrap();
        }
    }
    let merged = run(
        &[
            "merge".as_ref(),
            &p("alice.sanad"),
            &p("bob.sanad"),
            "--output".as_ref(),
            &p("team.sanad"),
        ],
        "lead",
    );
    assert!(
        merged.contains("annotator alice: 2 span(s) added"),
        "{merged}"
    );
    assert!(merged.contains("conflict kept"), "{merged}");
    let json = run(
        &["agreement".as_ref(), &p("team.sanad"), "--json".as_ref()],
        "lead",
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    // Exact: 1 of 2 each way → P = R = F1 = 0.5.
    assert_eq!(v["pairs"][0]["overall"]["exact"]["f1"], 0.5);
    run(
        &[
            "adjudicate".as_ref(),
            &p("team.sanad"),
            "--accept-agreeing".as_ref(),
        ],
        "layla",
    );
    // Every project of the flow keeps a whole hash chain: the shares (whose log restarts at the
    // extract), the merged project and the adjudicated one (`verify` exits 0 only when whole).
    for name in ["start.sanad", "alice.sanad", "bob.sanad", "team.sanad"] {
        run(&["verify".as_ref(), &p(name)], "lead");
    }
    let out = run(
        &[
            "export".as_ref(),
            &p("team.sanad"),
            "--layer".as_ref(),
            "curated".as_ref(),
        ],
        "lead",
    );
    let line: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let spans = line["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 1);
    assert_eq!(
        (&spans[0]["start"], &spans[0]["end"], &spans[0]["label"]),
        (
            &serde_json::json!(0),
            &serde_json::json!(11),
            &serde_json::json!("PRISON")
        )
    );
}
