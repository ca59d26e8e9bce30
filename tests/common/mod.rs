//! Shared set-up for the UI tests: a project made from a folder of the given files, opened in a
//! kittest harness, plus helpers to find and click text on screen.
#![allow(dead_code)] // each test file uses a different subset

use egui::{Pos2, Rect};
use egui_kittest::Harness;
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::{Command, SanadApp};

/// An app on a temporary project imported from `files` (name, text), showing the first one, in
/// a 1400×800 harness with 60 steps a second.
pub fn app_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Harness<'static, SanadApp>) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    for (name, text) in files {
        std::fs::write(folder.join(name), text).unwrap();
    }
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default()));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    assert!(
        app.current().is_some(),
        "the first document opens: {:?}",
        app.error()
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    (dir, h)
}

/// The on-screen bounding box of a char range of the shown document.
pub fn bounds(h: &Harness<'_, SanadApp>, range: std::ops::Range<usize>) -> Rect {
    let rects = h.state().view.screen_rects(range.clone());
    assert!(!rects.is_empty(), "{range:?} is on screen");
    rects.into_iter().reduce(|a, b| a.union(b)).unwrap()
}

/// Press and release at `p`.
pub fn click(h: &mut Harness<'_, SanadApp>, p: Pos2) {
    h.hover_at(p);
    h.run();
    h.drag_at(p);
    h.run();
    h.drop_at(p);
    h.run();
}

/// Press at `from`, move in steps, release at `to`.
pub fn drag(h: &mut Harness<'_, SanadApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=5 {
        h.hover_at(from + (to - from) * (k as f32 / 5.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

/// The x extent (screen points) of the glyphs egui paints for the units holding any char of
/// `range`, read from the galleys the view draws (`line_galleys`), not from the hit-testing boxes:
/// an independent check that a point the layout gives for a word is where that word is painted.
pub fn painted_x(h: &Harness<'_, SanadApp>, range: std::ops::Range<usize>) -> (f32, f32) {
    let view = &h.state().view;
    let layout = view.layout().expect("a document is shown");
    let origin = view.last_origin.expect("it was drawn");
    let mut cache =
        sanad::text::shaping::ShapeCache::new(sanad::ui::document_view::DOCUMENT_FONT_SIZE);
    let (mut lo, mut hi) = (f32::MAX, f32::MIN);
    for line in layout.lines() {
        let placed = h
            .ctx
            .fonts_mut(|f| sanad::text::shaping::line_galleys(f, &mut cache, line));
        for p in placed {
            let unit = &line.units[p.unit];
            if unit.chars.end <= range.start || range.end <= unit.chars.start {
                continue;
            }
            for row in &p.galley.rows {
                for g in &row.row.glyphs {
                    let x = origin.min.x + line.x + p.offset.x + row.pos.x + g.pos.x;
                    lo = lo.min(x);
                    hi = hi.max(x + g.advance_width);
                }
            }
        }
    }
    assert!(lo < hi, "{range:?} is painted");
    (lo, hi)
}
