//! Rendered snapshots of the document view (needs Mesa's software Vulkan/OpenGL: run with
//! `cargo test --features snapshots --test snapshots`; `.ci/run` installs Mesa and does).
//! Refresh the images with `UPDATE_SNAPSHOTS=1` after checking them by eye.
#![cfg(feature = "snapshots")]

use egui_kittest::Harness;
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::{Command, SanadApp};

/// A fixed project path, so the status bar (which shows it) renders the same every run.
fn harness_on(name: &str, text: &str, width: f32) -> (std::path::PathBuf, Harness<'static, SanadApp>) {
    let dir = std::env::temp_dir().join("sanad-snapshots").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let folder = dir.join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("seed.txt"), text).unwrap();
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::OpenFolder { folder, project: Some(dir.join("p.sanad")) });
    app.wait_for_import();
    let mut h = Harness::builder().with_size(egui::vec2(width, 760.0)).build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    (dir, h)
}

#[test]
fn seed_document_with_an_organization_span() {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt")).unwrap();
    let (_dir, mut h) = harness_on("seed", &seed, 1300.0);
    let doc = h.state().current().unwrap().document.id;
    h.state_mut().run_command(Command::Apply(sanad::model::Action::AddAnnotation {
        id: None,
        document_id: doc,
        start: 6,
        end: 26,
        label: "ORGANIZATION".into(),
    }));
    h.run();
    h.snapshot("seed_organization_span");
}
