//! The curation view (issue 15, Adjudication; acceptance 3): a team project with two
//! annotators' layers, opened in the app; View → Curation view, "Accept all agreeing (project)"
//! pressed, then the curated layer exported (`--layer curated`): exactly the spans both gave
//! alike, hand-listed below. Ctrl+Z takes them all back in one step. One span accepted and
//! rejected through the panel's buttons.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sanad::model::Action;
use sanad::store::team::{CURATOR, Layer};
use sanad::store::{NewDocument, Project};
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::{Command, SanadApp};
use std::collections::BTreeSet;

// "سجن" [0, 3), "صيدنايا" [4, 11), "في" [12, 14), "ريف" [15, 18), "دمشق" [19, 23).
const A: &str = "سجن صيدنايا في ريف دمشق";
// "اعتقل" [0, 5), "أحمد" [6, 10), "في" [11, 13), "حلب" [14, 17).
const B: &str = "اعتقل أحمد في حلب";
// Only alice annotated it: nothing to agree on.
const C: &str = "اختفى قسرًا";

type Span = (&'static str, usize, usize, &'static str);

const ALICE: [Span; 6] = [
    ("a.txt", 0, 11, "PRISON"),
    ("a.txt", 19, 23, "ORGANIZATION"),
    ("a.txt", 15, 23, "PERSON"),
    ("b.txt", 6, 10, "PERSON"),
    ("b.txt", 14, 17, "ORGANIZATION"),
    ("c.txt", 0, 5, "CLAIM"),
];
const BOB: [Span; 5] = [
    ("a.txt", 0, 11, "PRISON"),
    ("a.txt", 19, 23, "PERSON"),
    ("a.txt", 15, 23, "PERSON"),
    ("a.txt", 12, 14, "CLAIM"),
    ("b.txt", 6, 10, "PERSON"),
];
/// Same offsets and label in both layers, by hand from the two lists above.
const AGREED: [Span; 3] = [
    ("a.txt", 0, 11, "PRISON"),
    ("a.txt", 15, 23, "PERSON"),
    ("b.txt", 6, 10, "PERSON"),
];

fn team_project(path: &std::path::Path) {
    let mut p = Project::open_or_create(path).unwrap();
    let ids = p
        .add_documents(&[
            NewDocument::from_text("a.txt", A),
            NewDocument::from_text("b.txt", B),
            NewDocument::from_text("c.txt", C),
        ])
        .unwrap();
    let id = |name: &str| {
        ids[["a.txt", "b.txt", "c.txt"]
            .iter()
            .position(|n| *n == name)
            .unwrap()]
    };
    for (who, spans) in [("alice", &ALICE[..]), ("bob", &BOB[..])] {
        p.set_actor(who);
        for (doc, start, end, label) in spans {
            p.apply(&Action::AddAnnotation {
                id: None,
                document_id: id(doc),
                start: *start,
                end: *end,
                label: (*label).into(),
            })
            .unwrap();
        }
    }
}

/// The curated layer as `sanad export --layer curated` writes it: (document, start, end, label).
fn exported_curated(h: &Harness<'_, SanadApp>) -> BTreeSet<(String, u64, u64, String)> {
    let docs = sanad::export::jsonl::documents(
        h.state().project().unwrap(),
        sanad::export::ExportOptions {
            layer: Layer::Curated,
            ..Default::default()
        },
    )
    .unwrap();
    let mut out = BTreeSet::new();
    for d in docs {
        let v = serde_json::to_value(&d).unwrap();
        for s in v["spans"].as_array().unwrap() {
            out.insert((
                d.name.clone(),
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
                s["label"].as_str().unwrap().to_owned(),
            ));
        }
    }
    out
}

/// The tops of the lane bars (rects [`LANE_HEIGHT`] high) painted over `span`'s width, sorted.
fn lane_bars(h: &Harness<'_, SanadApp>, span: egui::Rect) -> Vec<f32> {
    fn walk(shape: &egui::Shape, span: egui::Rect, out: &mut Vec<f32>) {
        match shape {
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, span, out)),
            egui::Shape::Rect(r)
                if (r.rect.height() - sanad::ui::document_view::LANE_HEIGHT).abs() < 0.01
                    && (r.rect.min.x - span.min.x).abs() < 1.0
                    && (r.rect.max.x - span.max.x).abs() < 1.0
                    && r.fill != egui::Color32::TRANSPARENT =>
            {
                out.push(r.rect.min.y)
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for s in &h.output().shapes {
        walk(&s.shape, span, &mut out);
    }
    out.sort_by(f32::total_cmp);
    out
}

fn curated_count(h: &Harness<'_, SanadApp>) -> usize {
    h.state()
        .project()
        .unwrap()
        .annotators()
        .unwrap()
        .get(CURATOR)
        .copied()
        .unwrap_or(0)
}

fn open(dir: &tempfile::TempDir) -> Harness<'static, SanadApp> {
    let path = dir.path().join("team.sanad");
    team_project(&path);
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::OpenProject(path));
    assert!(app.error().is_none(), "{:?}", app.error());
    let a = app
        .documents()
        .iter()
        .find(|d| d.name == "a.txt")
        .unwrap()
        .id;
    app.run_command(Command::SelectDocument(a));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    h
}

#[test]
fn accept_all_agreeing_then_export_curated_gives_exactly_the_agreed_spans_and_undo_removes_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(&dir);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Curation view").click();
    h.run();
    assert!(h.state().curation().on, "View → Curation view turns it on");
    // One lane per annotator, with the number of spans in their layer of this document.
    h.get_by_label_contains("Lane 1:");
    h.get_by_label_contains("Lane 2:");
    let lanes = h.state().curation().lanes.clone().unwrap();
    assert_eq!(lanes.annotators, ["alice", "bob"]);
    assert_eq!(lanes.spans.len(), 3 + 4, "a.txt: alice 3, bob 4");
    assert_eq!(
        lanes.spans.iter().filter(|s| s.agreed).count(),
        4,
        "a.txt's two agreed spans, once per lane"
    );

    // Drawn: دمشق [19, 23) has a bar in each lane (alice ORGANIZATION, bob PERSON), one above
    // the other, as wide as the span; bob's and alice's are disputed, so outlined.
    let span = crate::common::bounds(&h, 19..23);
    let bars = lane_bars(&h, span);
    assert_eq!(bars.len(), 2, "{bars:?}");
    assert!(
        (bars[1] - bars[0] - (sanad::ui::document_view::LANE_HEIGHT + 1.0)).abs() < 0.01,
        "lane 2 under lane 1: {bars:?}"
    );

    assert!(exported_curated(&h).is_empty());
    h.get_by_label("Accept all agreeing (project)").click();
    h.run();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    let want: BTreeSet<(String, u64, u64, String)> = AGREED
        .iter()
        .map(|(d, s, e, l)| ((*d).to_owned(), *s as u64, *e as u64, (*l).to_owned()))
        .collect();
    assert_eq!(exported_curated(&h), want);
    // The annotators' layers are untouched.
    let layers = h.state().project().unwrap().annotators().unwrap();
    assert_eq!(layers.get("alice"), Some(&ALICE.len()));
    assert_eq!(layers.get("bob"), Some(&BOB.len()));
    // Pressed again: nothing left to accept, refused without a change.
    h.get_by_label("Accept all agreeing (project)").click();
    h.run();
    assert_eq!(curated_count(&h), AGREED.len());

    // One Ctrl+Z takes the whole acceptance back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(curated_count(&h), 0);
    assert!(exported_curated(&h).is_empty());

    // The document's button: only a.txt's two.
    h.get_by_label("Accept all agreeing (document)").click();
    h.run();
    let a_only: BTreeSet<_> = want.iter().filter(|s| s.0 == "a.txt").cloned().collect();
    assert_eq!(exported_curated(&h), a_only);
}

#[test]
fn one_disputed_span_accepted_rejected_and_edited_through_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(&dir);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::U);
    h.run();
    assert!(h.state().curation().on, "Ctrl+Shift+U turns it on");
    // bob's دمشق [19, 23) PERSON (alice said ORGANIZATION): disputed.
    let lanes = h.state().curation().lanes.clone().unwrap();
    let bobs = lanes
        .spans
        .iter()
        .find(|s| {
            lanes.annotators[s.lane] == "bob" && (s.annotation.start, s.annotation.end) == (19, 23)
        })
        .unwrap();
    assert!(!bobs.agreed);
    let id = bobs.annotation.id;
    h.state_mut().run_command(Command::SelectLaneSpan(Some(id)));
    h.run();
    h.get_by_label("Accept").click();
    h.run();
    let want: BTreeSet<_> = [("a.txt".to_owned(), 19, 23, "PERSON".to_owned())].into();
    assert_eq!(exported_curated(&h), want);
    // Reject: the curated copy goes; bob's layer keeps his span.
    h.get_by_label("Reject").click();
    h.run();
    assert!(exported_curated(&h).is_empty());
    assert_eq!(
        h.state()
            .project()
            .unwrap()
            .annotators()
            .unwrap()
            .get("bob"),
        Some(&BOB.len())
    );
    // Edit: accepted, and the curated copy selected for the inspector.
    h.get_by_label("Accept and edit").click();
    h.run();
    assert_eq!(exported_curated(&h), want);
    let selected = h.state().view.selected_annotation.unwrap();
    assert_ne!(selected, id, "the curated copy, not bob's");
    assert_eq!(
        h.state()
            .project()
            .unwrap()
            .annotators_of(h.state().current().unwrap().document.id)
            .unwrap()[&selected],
        CURATOR
    );
}

#[test]
fn the_curation_panel_in_arabic_has_its_buttons_and_an_annotators_lane() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(&dir);
    h.state_mut().set_language(sanad::ui::i18n::Lang::Ar);
    h.state_mut().run_command(Command::ToggleCuration);
    h.run();
    h.get_by_label("اعتماد كل المتفق عليه (المشروع)").click();
    h.run();
    assert_eq!(curated_count(&h), AGREED.len());
    // "المسار 1: alice", "المسار 2: bob" (the placeables isolated by Fluent).
    assert_eq!(h.query_all_by_label_contains("المسار").count(), 2);
    let span = crate::common::bounds(&h, 19..23);
    assert_eq!(
        lane_bars(&h, span).len(),
        2,
        "the lanes are drawn in Arabic too"
    );
}
