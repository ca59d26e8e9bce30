//! View → Agreement…: the numbers shown for two annotators' layers equal hand-computed values,
//! and a chart's numbers export as CSV.

use egui_kittest::kittest::Queryable;
use sanad::model::{Action, DocumentStatus};
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::i18n::Lang;
use sanad::ui::{Command, SanadApp};

// Tokens (chars): سجن 0..3, صيدنايا 4..11, في 12..14, ريف 15..18, دمشق 19..23.
const TEXT: &str = "سجن صيدنايا في ريف دمشق";

/// A project of one document with alice's layer (سجن صيدنايا PRISON, دمشق PERSON; she marks the
/// document done) and bob's (سجن صيدنايا PRISON, ريف دمشق PERSON); the Agreement window open.
fn harness(
    export: &std::path::Path,
) -> (tempfile::TempDir, egui_kittest::Harness<'static, SanadApp>) {
    harness_in(export, None, ["alice", "bob"])
}

/// [`harness`] in `lang` (English when `None`), the annotators named `first` and `second`.
fn harness_in(
    export: &std::path::Path,
    lang: Option<Lang>,
    [first, second]: [&str; 2],
) -> (tempfile::TempDir, egui_kittest::Harness<'static, SanadApp>) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), TEXT).unwrap();
    let dialogs = ScriptedDialogs {
        export: Some(export.to_owned()),
        ..Default::default()
    };
    let mut app = SanadApp::new(Box::new(dialogs));
    if let Some(lang) = lang {
        app.set_language(lang);
    }
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("team.sanad")),
    });
    app.wait_for_import();
    let doc = app.project().unwrap().document_summaries().unwrap()[0].id;
    let add = |app: &mut SanadApp, start, end, label: &str| {
        app.run_command(Command::Apply(Action::AddAnnotation {
            id: None,
            document_id: doc,
            start,
            end,
            label: label.into(),
        }));
    };
    app.run_command(Command::SetAnnotator(first.into()));
    add(&mut app, 0, 11, "PRISON");
    add(&mut app, 19, 23, "PERSON");
    app.run_command(Command::Apply(Action::SetStatus {
        document_id: doc,
        status: DocumentStatus::Done,
    }));
    app.run_command(Command::SetAnnotator(second.into()));
    add(&mut app, 0, 11, "PRISON");
    add(&mut app, 15, 23, "PERSON");
    assert!(app.error().is_none(), "{:?}", app.error());
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 1000.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    if lang.is_none() {
        h.get_by_label("View").click();
        h.run();
        h.get_by_label("Agreement…").click();
    } else {
        h.state_mut().open_agreement();
    }
    h.run();
    (dir, h)
}

#[test]
fn the_agreement_window_shows_hand_computed_span_f1_kappa_and_alpha() {
    let out = tempfile::tempdir().unwrap();
    let (_dir, h) = harness(&out.path().join("unused.csv"));
    assert!(h.state().agreement_panel().is_some(), "the window is open");
    // Span level, alice the reference (|a| = 2), bob the response (|b| = 2):
    //   exact: only PRISON 0..11 matches: F1 = 2·1 / (2 + 2) = 0.5;
    //   overlap: bob's PERSON 15..23 shares دمشق with alice's 19..23, PRISON matches: P = 2/2,
    //   R = 2/2, F1 = 1.
    // Tokens: alice PRISON PRISON O O PERSON, bob PRISON PRISON O PERSON PERSON.
    //   p_o = 4/5 = 0.8; alice PRISON 2, O 2, PERSON 1; bob PRISON 2, O 1, PERSON 2;
    //   p_e = (2·2 + 2·1 + 1·2) / 25 = 8/25 = 0.32; kappa = 0.48 / 0.68 = 0.70588… → 0.706.
    // The same line shows for the pair overall and for the one document.
    let pair = "alice – bob: exact F1 0.500, overlap F1 1.000, kappa 0.706";
    assert_eq!(
        h.query_all_by_label(pair).count(),
        2,
        "overall and per document"
    );
    // Krippendorff, two coders, five units: o_PRISON,PRISON = 4, o_O,O = 2, o_PERSON,PERSON = 2,
    //   o_O,PERSON = o_PERSON,O = 1 (token ريف); n_PRISON = 4, n_O = 3, n_PERSON = 3, n = 10;
    //   Σ_{c≠k} o = 2, Σ_{c≠k} n_c·n_k = 100 − (16 + 9 + 9) = 66;
    //   alpha = 1 − 9·2/66 = 48/66 = 0.72727… → 0.727. Fleiss: two annotators, none (—).
    h.get_by_label("All annotators: Fleiss' kappa —, Krippendorff's alpha 0.727");
    h.get_by_label("a.txt: Krippendorff's alpha 0.727");
    // Per label: PERSON exact 0 of 1 and 1 (F1 0), overlapping (F1 1); PRISON both 1.
    // Alpha of PERSON alone: 24/42 = 0.571 (the label filter test's arithmetic). PRISON alone:
    //   both PRISON PRISON O O O, no disagreement: alpha = 1 − 9·0 / (2·4·6) = 1.
    h.get_by_label("PERSON, alice – bob: exact F1 0.000, overlap F1 1.000; alpha 0.571");
    h.get_by_label("PRISON, alice – bob: exact F1 1.000, overlap F1 1.000; alpha 1.000");
}

#[test]
fn a_charts_numbers_export_as_csv() {
    let out = tempfile::tempdir().unwrap();
    let csv = out.path().join("agreement-per-label.csv");
    let (_dir, mut h) = harness(&csv);
    h.get_by_label("Charts").click();
    h.run();
    // The second chart's CSV…: span F1 per label (the values of the first test).
    let buttons: Vec<_> = h.query_all_by_label("CSV…").collect();
    assert_eq!(buttons.len(), 3, "one per chart");
    buttons[1].click();
    h.run();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[0],
        "label,annotator_a,annotator_b,exact_f1,overlap_f1,label_alpha"
    );
    let (person, alpha) = lines[1].rsplit_once(',').unwrap();
    assert_eq!(person, "PERSON,alice,bob,0,1");
    let alpha: f64 = alpha.parse().unwrap();
    assert!((alpha - 24.0 / 42.0).abs() < 1e-12, "{alpha}");
    assert_eq!(lines[2], "PRISON,alice,bob,1,1,1");
    // The first chart's: spans per label per annotator, one each.
    let buttons: Vec<_> = h.query_all_by_label("CSV…").collect();
    buttons[0].click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "label,alice,bob\nPERSON,1,1\nPRISON,1,1\n"
    );
    // The third's: alice marked the one document done.
    let buttons: Vec<_> = h.query_all_by_label("CSV…").collect();
    buttons[2].click();
    h.run();
    let done = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = done.lines().collect();
    assert_eq!(lines.len(), 2, "{done}");
    assert_eq!(lines[0], "annotator,at,done");
    assert!(
        lines[1].starts_with("alice,") && lines[1].ends_with(",1"),
        "{done}"
    );
}

#[test]
fn the_label_filter_recomputes_for_one_label() {
    let out = tempfile::tempdir().unwrap();
    let (_dir, mut h) = harness(&out.path().join("unused.csv"));
    h.get_by_label("Label:").click();
    h.run();
    // "PERSON" is also a label button of the document view; the popup's entry is drawn last.
    let entries: Vec<_> = h.query_all_by_label("PERSON").collect();
    entries.last().expect("the popup lists PERSON").click();
    h.run();
    assert_eq!(
        h.state().agreement_panel().unwrap().label.as_deref(),
        Some("PERSON")
    );
    // PERSON only. Spans: alice دمشق 19..23, bob ريف دمشق 15..23: exact F1 0, overlap F1 1.
    // Tokens: alice O O O O PERSON, bob O O O PERSON PERSON: p_o = 4/5 = 0.8;
    //   p_e = (4·3 + 1·2) / 25 = 14/25 = 0.56; kappa = 0.24 / 0.44 = 0.54545… → 0.545.
    let pair = "alice – bob: exact F1 0.000, overlap F1 1.000, kappa 0.545";
    assert_eq!(
        h.query_all_by_label(pair).count(),
        2,
        "overall and per document"
    );
    // Alpha: o_O,O = 6 (three tokens), o_P,P = 2, o_O,P = o_P,O = 1; n_O = 7, n_P = 3, n = 10;
    //   alpha = 1 − 9·2 / (2·7·3) = 1 − 18/42 = 24/42 = 0.5714… → 0.571.
    h.get_by_label("All annotators: Fleiss' kappa —, Krippendorff's alpha 0.571");
}

#[test]
fn the_window_draws_in_arabic_with_arabic_annotator_names() {
    let out = tempfile::tempdir().unwrap();
    let (_dir, mut h) = harness_in(
        &out.path().join("unused.csv"),
        Some(Lang::Ar),
        ["ليلى", "سامر"],
    );
    {
        let panel = h.state().agreement_panel().expect("open");
        let data = panel.data.as_ref().unwrap().as_ref().unwrap();
        // Names sort by bytes: س (U+0633) before ل (U+0644).
        assert_eq!(data.agreement.annotators, ["سامر", "ليلى"]);
        assert_eq!(data.agreement.pairs.len(), 1);
    }
    // The charts and their keys, right to left: drawn without panicking or an error.
    h.state_mut().agreement_charts(true);
    h.run();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
}

#[test]
fn the_numbers_follow_an_undo() {
    let out = tempfile::tempdir().unwrap();
    let (_dir, mut h) = harness(&out.path().join("unused.csv"));
    // Undo bob's PERSON 15..23: bob has PRISON only. Exact: PRISON matches, F1 = 2·1/(2 + 1)
    //   = 0.667; overlap: P = 1/1, R = 1/2 (alice's PERSON touches nothing), F1 = 2·0.5/1.5
    //   = 0.667. Tokens: alice PRISON PRISON O O PERSON, bob PRISON PRISON O O O: p_o = 4/5;
    //   p_e = (2·2 + 2·3 + 1·0)/25 = 10/25 = 0.4; kappa = 0.4/0.6 = 0.667.
    h.state_mut().run_command(Command::Undo);
    h.run();
    let pair = "alice – bob: exact F1 0.667, overlap F1 0.667, kappa 0.667";
    assert_eq!(
        h.query_all_by_label(pair).count(),
        2,
        "recomputed after the undo"
    );
}
