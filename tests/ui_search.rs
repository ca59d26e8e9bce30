//! Search in the UI with egui_kittest: find in project on the seed, click a result, step with
//! F3, and "Label all…" as one action that one Ctrl+Z takes back (acceptance 1 of issue 10).

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sanad::model::slice_chars;
use sanad::ui::{Command, SanadApp};

use crate::common;

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt")).unwrap()
}

/// (document path, start, end, label) of every stored annotation.
fn stored(app: &SanadApp) -> Vec<(String, usize, usize, String)> {
    let p = app.project().unwrap();
    let labels = p.labels().unwrap();
    let mut out = Vec::new();
    for d in p.document_summaries().unwrap() {
        for a in p.annotations(d.id).unwrap() {
            let label = labels.iter().find(|l| l.id == a.label_id).unwrap();
            out.push((d.rel_path.clone(), a.start, a.end, label.name.clone()));
        }
    }
    out
}

const QUERY: &str = "الدفاع المدني السوري";

#[test]
fn project_search_label_all_organization_one_undo() {
    let seed = seed();
    let (_dir, mut h) = common::app_with(&[("seed.txt", &seed), ("other.txt", "لا شيء هنا\n")]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run();
    assert!(h.state().search.open && h.state().search.project);
    h.get_by_label("Search query").type_text(QUERY);
    h.run();
    let results = &h.state().search.results;
    assert_eq!(results.len(), 1, "only the seed holds it");
    assert_eq!(results[0].rel_path, "seed.txt");
    assert_eq!(results[0].matches, vec![6..26, 1166..1186, 2939..2959]);
    // Independent of the matcher: the seed's text at those offsets is the query.
    for r in &results[0].matches {
        assert_eq!(slice_chars(&seed, r.clone()), QUERY);
    }
    // The results panel groups them under the document with its count.
    h.get_by_label_contains("seed.txt (3)");

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    h.run();
    h.state_mut()
        .run_command(Command::SetPreviewLabel("ORGANIZATION".into()));
    h.run();
    let preview = h
        .state()
        .search
        .preview
        .clone()
        .expect("the preview is open");
    assert_eq!(preview.label, "ORGANIZATION");
    assert_eq!(preview.rows.len(), 3);
    assert!(preview.rows.iter().all(|r| r.ticked && !r.already));
    h.get_by_label("Label 3").click();
    h.run();
    assert!(h.state().search.preview.is_none());
    let expected: Vec<(String, usize, usize, String)> = [(6, 26), (1166, 1186), (2939, 2959)]
        .into_iter()
        .map(|(s, e)| ("seed.txt".to_owned(), s, e, "ORGANIZATION".to_owned()))
        .collect();
    assert_eq!(stored(h.state()), expected);
    // The audit trail names each span.
    let p = h.state().project().unwrap();
    assert_eq!(
        p.replay_annotations().unwrap(),
        p.stored_annotations().unwrap()
    );
    let doc = p
        .document_summaries()
        .unwrap()
        .into_iter()
        .find(|d| d.rel_path == "seed.txt")
        .unwrap()
        .id;
    let history = p.document_history(doc).unwrap();
    let adds = history
        .iter()
        .filter(|r| r.action == "add_annotation")
        .count();
    assert_eq!(adds, 3, "{history:?}");

    // Labelled spans show as such in a second preview and are skipped.
    h.state_mut()
        .run_command(Command::PreviewLabelAll(Some("ORGANIZATION".into())));
    let again = h.state().search.preview.clone().unwrap();
    assert!(again.rows.iter().all(|r| r.already && !r.ticked));
    h.state_mut().run_command(Command::CloseLabelAll);
    h.run();

    // One Ctrl+Z removes all three.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(stored(h.state()), vec![]);
    let p = h.state().project().unwrap();
    assert_eq!(
        p.replay_annotations().unwrap(),
        p.stored_annotations().unwrap()
    );
}

#[test]
fn clicking_a_result_opens_its_document_and_f3_steps() {
    let seed = seed();
    // "other.txt" sorts first and is shown first; the match is in the seed.
    let (_dir, mut h) = common::app_with(&[("a-other.txt", "نص آخر\n"), ("seed.txt", &seed)]);
    assert_eq!(
        h.state().current().unwrap().document.rel_path,
        "a-other.txt"
    );
    h.state_mut()
        .run_command(Command::OpenSearch { project: true });
    h.run();
    h.get_by_label("Search query").type_text(QUERY);
    h.run();
    h.get_by_label_contains("Match seed.txt [1166, 1186)")
        .click();
    h.run();
    let app = h.state();
    assert_eq!(app.current().unwrap().document.rel_path, "seed.txt");
    assert_eq!(app.view.selection, Some(1166..1186));
    // F3 goes on to the third, then wraps to the first; Shift+F3 goes back.
    h.key_press(Key::F3);
    h.run();
    assert_eq!(h.state().view.selection, Some(2939..2959));
    h.key_press(Key::F3);
    h.run();
    assert_eq!(h.state().view.selection, Some(6..26));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    assert_eq!(h.state().view.selection, Some(2939..2959));
}

#[test]
fn find_in_document_with_harakat_and_a_mode_switch() {
    // و0 س1 ج2 ن3 ␠4 ص5 ي6 د7 ن8 ا9 ي10 ا11 ␠12 س13 ُ14 ج15 ن16
    let (_dir, mut h) = common::app_with(&[("a.txt", "وسجن صيدنايا سُجن\n")]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.state().search.open && !h.state().search.project);
    h.get_by_label("Search query").type_text("سجن");
    h.run();
    assert_eq!(h.state().search.results[0].matches, vec![1..4, 13..17]);
    h.state_mut().search.mode = sanad::search::WordMode::Word;
    h.state_mut().run_command(Command::Search);
    assert_eq!(h.state().search.results[0].matches, vec![13..17]);
    h.state_mut().search.mode = sanad::search::WordMode::Clitics;
    h.state_mut().run_command(Command::Search);
    assert_eq!(h.state().search.results[0].matches, vec![1..4, 13..17]);
    h.state_mut().run_command(Command::StepMatch(1));
    assert_eq!(h.state().view.selection, Some(1..4));
}

#[test]
fn enter_in_the_bidi_query_field_steps_through_matches() {
    // و0 س1 ج2 ن3 ␠4 ص5 ي6 د7 ن8 ا9 ي10 ا11 ␠12 س13 ُ14 ج15 ن16: "سجن" at [1, 4) and [13, 17).
    let (_dir, mut h) = common::app_with(&[("a.txt", "وسجن صيدنايا سُجن\n")]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Search query").type_text("سجن");
    h.run();
    assert_eq!(h.state().search.text, "سجن");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().view.selection, Some(1..4));
    // The field keeps the focus, so Enter again goes on; Shift+Enter goes back.
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().view.selection, Some(13..17));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run();
    assert_eq!(h.state().view.selection, Some(1..4));
}
