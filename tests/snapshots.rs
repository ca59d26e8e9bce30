//! Rendered snapshots of the document view (needs Mesa's software Vulkan/OpenGL: run with
//! `cargo test --features snapshots --test snapshots`; `.ci/run` installs Mesa and does).
//! Refresh the images with `UPDATE_SNAPSHOTS=1` after checking them by eye.
#![cfg(feature = "snapshots")]

use egui_kittest::Harness;
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::{Command, SanadApp};

/// A fixed project path, so the status bar (which shows it) renders the same every run.
fn harness_on(
    name: &str,
    text: &str,
    width: f32,
) -> (std::path::PathBuf, Harness<'static, SanadApp>) {
    let dir = std::env::temp_dir().join("sanad-snapshots").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let folder = dir.join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("seed.txt"), text).unwrap();
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::SetAnnotator("Snapshot".into()));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.join("p.sanad")),
    });
    app.wait_for_import();
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, 760.0))
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    (dir, h)
}

#[test]
fn seed_document_with_an_organization_span() {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt"))
        .unwrap();
    let (_dir, mut h) = harness_on("seed", &seed, 1300.0);
    let doc = h.state().current().unwrap().document.id;
    h.state_mut()
        .run_command(Command::Apply(sanad::model::Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: 6,
            end: 26,
            label: "ORGANIZATION".into(),
        }));
    h.run();
    h.snapshot("seed_organization_span");
}

#[test]
fn nested_spans_and_a_relation_arc() {
    let text = "لكن هناك سجون سرية تضم عشرات الآلاف المعتقلين، أشهرها سجن صيدنايا التي وصفته منظمة العفو الدولية بـ”المسلخ البشري” في تقرير لها في 2017.";
    let (_dir, mut h) = harness_on("nested", text, 1300.0);
    let doc = h.state().current().unwrap().document.id;
    let find = |w: &str| {
        let byte = text.find(w).unwrap();
        let start = text[..byte].chars().count();
        (start, start + w.chars().count())
    };
    let mut add = |h: &mut Harness<'static, SanadApp>, w: &str, label: &str| {
        let (start, end) = find(w);
        h.state_mut()
            .run_command(Command::Apply(sanad::model::Action::AddAnnotation {
                id: None,
                document_id: doc,
                start,
                end,
                label: label.into(),
            }));
        h.state().view.selected_annotation.unwrap()
    };
    let claim = add(
        &mut h,
        "سجن صيدنايا التي وصفته منظمة العفو الدولية بـ”المسلخ البشري”",
        "CLAIM",
    );
    add(&mut h, "سجن صيدنايا", "PRISON");
    let org = add(&mut h, "منظمة العفو الدولية", "ORGANIZATION");
    h.state_mut()
        .run_command(Command::Apply(sanad::model::Action::AddRelation {
            id: None,
            head: claim,
            child: org,
            relation: "attributed_to".into(),
            created_at: None,
        }));
    h.run();
    h.snapshot("nested_spans_and_relation");
}

/// The main window in Arabic (issue 13): document list on the right, inspector on the left,
/// menus, headings and buttons in Arabic laid out by the bidi engine, right to left.
#[test]
fn main_window_in_arabic() {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt"))
        .unwrap();
    let (_dir, mut h) = harness_on("arabic", &seed, 1300.0);
    h.state_mut().set_language(sanad::ui::i18n::Lang::Ar);
    h.run();
    let doc = h.state().current().unwrap().document.id;
    h.state_mut()
        .run_command(Command::Apply(sanad::model::Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: 6,
            end: 26,
            label: "ORGANIZATION".into(),
        }));
    h.run();
    h.snapshot("main_window_arabic");
}
