//! Reading comfort and keyboard access through egui_kittest (issue 13): the zoom keys
//! (Ctrl+= / Ctrl+- / Ctrl+0), the document font size and line spacing settings, the light and
//! dark themes, the F1 window, and F6 giving the keyboard to the controls.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use sanad::ui::SanadApp;
use sanad::ui::settings::ThemeChoice;

use crate::common;
use common::bounds;

const SEED: &str = include_str!("data/seed.txt");

fn seed_app() -> (tempfile::TempDir, Harness<'static, SanadApp>) {
    common::app_with(&[("seed.txt", SEED)])
}

fn press(h: &mut Harness<'_, SanadApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

#[test]
fn zoom_keys_step_by_a_tenth_once_each_and_ctrl_0_resets() {
    let (_d, mut h) = seed_app();
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    press(&mut h, Modifiers::COMMAND, Key::Equals);
    // One press, one step: egui's own zoom keys are off, so it is not zoomed twice.
    assert!(
        (h.ctx.zoom_factor() - 1.1).abs() < 1e-5,
        "{}",
        h.ctx.zoom_factor()
    );
    assert_eq!(h.state().settings().reading.zoom, 110);
    press(&mut h, Modifiers::COMMAND, Key::Plus);
    assert!((h.ctx.zoom_factor() - 1.2).abs() < 1e-5);
    press(&mut h, Modifiers::COMMAND, Key::Minus);
    press(&mut h, Modifiers::COMMAND, Key::Minus);
    press(&mut h, Modifiers::COMMAND, Key::Minus);
    assert!(
        (h.ctx.zoom_factor() - 0.9).abs() < 1e-5,
        "{}",
        h.ctx.zoom_factor()
    );
    press(&mut h, Modifiers::COMMAND, Key::Num0);
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    assert_eq!(h.state().settings().reading.zoom, 100);
    // Zoom scales the document too: its text keeps its size in points, and a point is 1.2
    // pixels at 120 %, so the name covers 1.2 times the pixels.
    let before = bounds(&h, 6..26).width() * h.ctx.pixels_per_point();
    press(&mut h, Modifiers::COMMAND, Key::Equals);
    press(&mut h, Modifiers::COMMAND, Key::Equals);
    assert!((h.ctx.pixels_per_point() - 1.2).abs() < 1e-5);
    let after = bounds(&h, 6..26).width() * h.ctx.pixels_per_point();
    assert!((after / before - 1.2).abs() < 0.03, "{before} -> {after}");
}

#[test]
fn a_larger_font_and_line_spacing_lay_the_document_out_larger() {
    let (_d, mut h) = seed_app();
    let line_height = |h: &Harness<'_, SanadApp>| {
        h.state()
            .view
            .layout()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .height
    };
    let (h0, w0) = (line_height(&h), bounds(&h, 6..26).width());
    assert_eq!(h.state().view.font_size(), 20.0, "20 pt by default");
    h.state_mut().settings_mut().reading.font_size = 30;
    h.run();
    let (h1, w1) = (line_height(&h), bounds(&h, 6..26).width());
    assert_eq!(h.state().view.font_size(), 30.0);
    // 30 pt against 20 pt: lines and words 1.5 times as large (lines are rounded up a point).
    assert!((h1 / h0 - 1.5).abs() < 0.06, "{h0} -> {h1}");
    assert!((w1 / w0 - 1.5).abs() < 0.06, "{w0} -> {w1}");
    // Line spacing 200 %: lines twice as tall, words as wide as before.
    h.state_mut().settings_mut().reading.line_spacing = 200;
    h.run();
    let (h2, w2) = (line_height(&h), bounds(&h, 6..26).width());
    assert!((h2 / h1 - 2.0).abs() < 0.05, "{h1} -> {h2}");
    assert!((w2 - w1).abs() < 0.5, "{w1} -> {w2}");
    // The second line of the document starts lower by the taller line.
    let tops: Vec<f32> = h
        .state()
        .view
        .layout()
        .unwrap()
        .lines()
        .take(2)
        .map(|l| l.y)
        .collect();
    assert!(tops[1] - tops[0] >= h2 - 0.5, "{tops:?}");
}

#[test]
fn the_theme_follows_the_system_by_default_and_ctrl_shift_t_switches_it() {
    let (_d, mut h) = seed_app();
    assert_eq!(h.state().settings().reading.theme, ThemeChoice::System);
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::System
    );
    let first = h.ctx.theme();
    let fill = h.ctx.global_style().visuals.panel_fill;
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    let second = h.ctx.theme();
    assert_ne!(second, first);
    assert_ne!(h.ctx.global_style().visuals.panel_fill, fill);
    let want = if second == egui::Theme::Dark {
        ThemeChoice::Dark
    } else {
        ThemeChoice::Light
    };
    assert_eq!(h.state().settings().reading.theme, want);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    assert_eq!(h.ctx.theme(), first);
    // The settings choose too.
    h.state_mut().settings_mut().reading.theme = ThemeChoice::Light;
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    assert!(!h.ctx.global_style().visuals.dark_mode);
    h.state_mut().settings_mut().reading.theme = ThemeChoice::Dark;
    h.run();
    assert!(h.ctx.global_style().visuals.dark_mode);
}

#[test]
fn f1_lists_every_shortcut_by_group() {
    let (_d, mut h) = seed_app();
    assert!(
        h.query_by_role_and_label(Role::Window, "Keyboard shortcuts")
            .is_none()
    );
    press(&mut h, Modifiers::NONE, Key::F1);
    let window = h.get_by_role_and_label(Role::Window, "Keyboard shortcuts");
    // The keys the issue names, and the groups.
    for keys in [
        "Ctrl+= / Ctrl++",
        "Ctrl+-",
        "Ctrl+0",
        "F1",
        "F6",
        "Ctrl+Shift+T",
    ] {
        window.get_by_label(keys);
    }
    for group in [
        "Files",
        "Editing",
        "Search",
        "View and reading",
        "In a text field",
    ] {
        window.get_by_label(group);
    }
    // Every row of the table the handlers and menus use, in English.
    let english = sanad::ui::i18n::Locale::default();
    for s in sanad::ui::shortcuts::SHORTCUTS {
        let what = s.what_text(&english);
        assert!(!what.starts_with("shortcut-"), "{what} has an English text");
        assert!(
            window.query_all_by_label(&what).next().is_some(),
            "{} is listed",
            s.keys
        );
    }
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(
        h.query_by_role_and_label(Role::Window, "Keyboard shortcuts")
            .is_none()
    );
}

#[test]
fn f6_gives_the_keyboard_to_the_controls_and_tab_moves_through_them() {
    let (_d, mut h) = seed_app();
    assert!(h.ctx.memory(|m| m.focused()).is_none());
    press(&mut h, Modifiers::NONE, Key::F6);
    let first = h.ctx.memory(|m| m.focused());
    assert!(first.is_some(), "a control has the focus");
    // The first control is the File menu.
    let focused: Vec<_> = h
        .query_all(egui_kittest::kittest::By::new().predicate(|n| n.is_focused()))
        .collect();
    assert_eq!(focused.len(), 1);
    assert_eq!(focused[0].accesskit_node().label().as_deref(), Some("File"));
    // Tab moves the focus on (and selects no annotation).
    press(&mut h, Modifiers::NONE, Key::Tab);
    let second = h.ctx.memory(|m| m.focused());
    assert!(second.is_some() && second != first);
    assert_eq!(h.state().view.selected_annotation, None);
    // Esc gives the keyboard back to the document.
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.ctx.memory(|m| m.focused()).is_none());
}

/// The labels of the focused nodes.
fn focused(h: &Harness<'_, SanadApp>) -> Vec<String> {
    h.query_all(egui_kittest::kittest::By::new().predicate(|n| n.is_focused()))
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

#[test]
fn menus_and_list_rows_are_reached_and_pressed_from_the_keyboard() {
    let (_d, mut h) = seed_app();
    // F6, Space opens the File menu, Tab goes to its first item, Space presses it (the test's
    // dialogs answer nothing: the status says so).
    press(&mut h, Modifiers::NONE, Key::F6);
    press(&mut h, Modifiers::NONE, Key::Space);
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(focused(&h), vec!["Open folder… Ctrl+O".to_owned()]);
    press(&mut h, Modifiers::NONE, Key::Space);
    assert!(
        h.state().status().starts_with("No folder chosen"),
        "{}",
        h.state().status()
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    // An annotation's row in the list: Tab reaches it, Space selects the annotation.
    let doc = h.state().current().unwrap().document.id;
    h.state_mut().run_command(sanad::ui::Command::Apply(
        sanad::model::Action::AddAnnotation {
            id: None,
            document_id: doc,
            start: 6,
            end: 26,
            label: "ORGANIZATION".into(),
        },
    ));
    h.state_mut().view.selected_annotation = None;
    h.run();
    let row = "Annotation ORGANIZATION الدفاع المدني السوري";
    press(&mut h, Modifiers::NONE, Key::F6);
    let mut seen = Vec::new();
    for _ in 0..60 {
        if focused(&h) == vec![row.to_owned()] {
            break;
        }
        seen.extend(focused(&h));
        press(&mut h, Modifiers::NONE, Key::Tab);
    }
    assert_eq!(
        focused(&h),
        vec![row.to_owned()],
        "Tab went through {seen:?}"
    );
    press(&mut h, Modifiers::NONE, Key::Space);
    let id = h.state().current().unwrap().annotations[0].id;
    assert_eq!(h.state().view.selected_annotation, Some(id));
}

#[test]
fn a_span_is_selected_and_labelled_from_the_keyboard_alone() {
    // The seed's first line reads right to left: the Left arrow moves forward in the text.
    // "أطلق" is chars 0–4, a space, the opening quote mark, then "الدفاع المدني السوري" [6, 26).
    let (_d, mut h) = seed_app();
    assert_eq!(h.state().view.selection, None);
    // Ctrl+Left: to the end of the first word; Left twice: past the space and the quote mark.
    press(&mut h, Modifiers::COMMAND, Key::ArrowLeft);
    assert_eq!(h.state().view.selection, Some(4..4));
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(h.state().view.selection, Some(6..6));
    // Ctrl+Shift+Left three times: the three words of the name.
    for _ in 0..3 {
        press(
            &mut h,
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::ArrowLeft,
        );
    }
    assert_eq!(h.state().view.selection, Some(6..26));
    // Shift+Right takes back one grapheme (the name's last letter), Shift+Left gives it again.
    press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(h.state().view.selection, Some(6..25));
    press(&mut h, Modifiers::SHIFT, Key::ArrowLeft);
    assert_eq!(h.state().view.selection, Some(6..26));
    press(&mut h, Modifiers::NONE, Key::Num2);
    let app = h.state();
    let cur = app.current().unwrap();
    let labels = app.project().unwrap().labels().unwrap();
    let stored: Vec<(usize, usize, &str)> = cur
        .annotations
        .iter()
        .map(|a| {
            let l = labels.iter().find(|l| l.id == a.label_id).unwrap();
            (a.start, a.end, l.name.as_str())
        })
        .collect();
    assert_eq!(stored, vec![(6, 26, "ORGANIZATION")]);
}

#[test]
fn reading_settings_come_from_the_users_settings_file_and_go_back_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("seed.txt"), SEED).unwrap();
    let settings = dir.path().join("config/settings.ron");
    std::fs::create_dir_all(settings.parent().unwrap()).unwrap();
    std::fs::write(
        &settings,
        "(annotator: Some(\"Layla\"), reading: (font_size: 28, line_spacing: 150, zoom: 120, theme: Dark))",
    )
    .unwrap();
    let mut app = SanadApp::new(Box::new(sanad::ui::dialogs::ScriptedDialogs::default()))
        .with_settings_file(settings.clone());
    app.run_command(sanad::ui::Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    assert_eq!(h.state().view.font_size(), 28.0);
    assert!((h.ctx.zoom_factor() - 1.2).abs() < 1e-5);
    assert!(h.ctx.global_style().visuals.dark_mode);
    // Keys change the file: Ctrl+0 and Ctrl+Shift+T.
    press(&mut h, Modifiers::COMMAND, Key::Num0);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    let kept = sanad::ui::settings::Settings::load(&settings);
    assert_eq!(kept.reading.zoom, 100);
    assert_eq!(kept.reading.theme, ThemeChoice::Light);
    assert_eq!(kept.reading.font_size, 28);
    assert_eq!(kept.reading.line_spacing, 150);
    assert_eq!(kept.annotator.as_deref(), Some("Layla"));
}

/// The pieces (x from, x to) of the lines drawn in `color` across the height of `r`.
fn line_pieces(h: &Harness<'_, SanadApp>, color: egui::Color32, r: egui::Rect) -> Vec<(f32, f32)> {
    h.output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::LineSegment { points, stroke }
                if stroke.color == color && points[0].y > r.min.y && points[0].y < r.max.y =>
            {
                Some((points[0].x.min(points[1].x), points[0].x.max(points[1].x)))
            }
            _ => None,
        })
        .filter(|(a, b)| *b > r.min.x - 1.0 && *a < r.max.x + 1.0)
        .collect()
}

#[test]
fn labels_are_told_apart_by_their_underline_not_only_by_colour() {
    let (_d, mut h) = seed_app();
    let doc = h.state().current().unwrap().document.id;
    for (start, end, label) in [(6, 26, "ORGANIZATION"), (518, 528, "PERSON")] {
        h.state_mut().run_command(sanad::ui::Command::Apply(
            sanad::model::Action::AddAnnotation {
                id: None,
                document_id: doc,
                start,
                end,
                label: label.into(),
            },
        ));
    }
    h.state_mut().view.selected_annotation = None;
    h.run();
    let labels = h.state().project().unwrap().labels().unwrap();
    let dark = h.ctx.global_style().visuals.dark_mode;
    let line_color = |name: &str| {
        let l = labels.iter().find(|l| l.name == name).unwrap();
        sanad::ui::label_style::underline_color(
            egui::Color32::from_rgb(l.color[0], l.color[1], l.color[2]),
            dark,
        )
    };
    // PERSON (the first label): one solid line under the whole name.
    let r = bounds(&h, 518..528);
    let person = line_pieces(&h, line_color("PERSON"), r);
    assert_eq!(person.len(), 1, "{person:?}");
    assert!(person[0].0 <= r.min.x + 0.5 && person[0].1 >= r.max.x - 0.5);
    // ORGANIZATION (the second): dashes, 6 points long with 3-point gaps, across the name.
    let r = bounds(&h, 6..26);
    let org = line_pieces(&h, line_color("ORGANIZATION"), r);
    let expected = (r.width() / 9.0).floor() as usize;
    assert!(
        org.len() >= expected,
        "{} dashes over {}",
        org.len(),
        r.width()
    );
    assert!(org.iter().all(|(a, b)| b - a <= 6.0 + 0.01), "{org:?}");
}
