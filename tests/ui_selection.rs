//! Selection, caret, clipboard, paragraph direction and invisible characters in the document
//! view, driven through egui_kittest.

use egui::{Event, Key, Modifiers, OutputCommand, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sanad::text::DirectionSetting;
use sanad::ui::SanadApp;

use crate::common;
use common::{app_with as app_on, bounds, click};

fn stored(h: &Harness<'_, SanadApp>) -> Vec<(usize, usize)> {
    let app = h.state();
    let doc = app.current().unwrap().document.id;
    app.project()
        .unwrap()
        .annotations(doc)
        .unwrap()
        .into_iter()
        .map(|a| (a.start, a.end))
        .collect()
}

#[test]
fn double_click_selects_the_word_without_the_arabic_comma() {
    let (_d, mut h) = app_on(&[("a.txt", "أحمد، محمد")]);
    let p = bounds(&h, 0..4).center();
    h.hover_at(p);
    h.run();
    // Two clicks within egui's double-click delay (steps are 1/60 s here).
    for _ in 0..2 {
        h.event(Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.event(Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    assert_eq!(h.state().view.selection, Some(0..4));
    // Independent checks: the point clicked is on the glyphs painted for "أحمد", and in this
    // right-to-left paragraph the first word is painted right of the second (UAX #9).
    let (lo, hi) = common::painted_x(&h, 0..4);
    assert!(lo <= p.x && p.x <= hi, "{lo}..{hi} holds {}", p.x);
    assert!(lo > common::painted_x(&h, 6..10).1);
}

#[test]
fn shift_arrows_extend_in_the_visual_direction_and_ctrl_shift_by_words() {
    let (_d, mut h) = app_on(&[("a.txt", "سجن صيدنايا العسكري")]);
    // Click just inside the right edge of the first letter: the caret goes before it (offset 0).
    let first = bounds(&h, 0..1);
    click(&mut h, Pos2::new(first.max.x - 1.0, first.center().y));
    assert_eq!(h.state().view.selection, Some(0..0));
    // Right to left text: Shift+Left moves forward in logical order, one grapheme at a time.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().view.selection, Some(0..1));
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().view.selection, Some(0..3));
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(h.state().view.selection, Some(0..2));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(
        h.state().view.selection,
        Some(0..3),
        "to the end of the word"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(
        h.state().view.selection,
        Some(0..11),
        "and on by the next word"
    );
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(stored(&h), vec![(0, 11)]);
}

#[test]
fn ctrl_a_and_copy_put_the_logical_text_on_the_clipboard() {
    let text = "قال ICRC إن 200 معتقل";
    let (_d, mut h) = app_on(&[("a.txt", text)]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert_eq!(h.state().view.selection, Some(0..text.chars().count()));
    // A mixed selection: "قال IC" is discontiguous on screen ("RC" sits between its parts) but
    // copies in logical order.
    h.state_mut().view.select(0..6);
    h.run();
    assert_eq!(h.state().view.screen_rects(0..6).len(), 2);
    h.event(Event::Copy);
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| {
            if let OutputCommand::CopyText(t) = c {
                Some(t.clone())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(copied, vec!["قال IC".to_owned()]);
}

#[test]
fn forcing_rtl_right_aligns_a_latin_first_paragraph_and_is_undoable() {
    let (_d, mut h) = app_on(&[("a.txt", "ICRC: قالت اللجنة إن المعتقلين")]);
    let auto_x = bounds(&h, 0..4).min.x;
    h.get_by_label("Right to left").click();
    h.run();
    assert_eq!(
        h.state().current().unwrap().document.direction,
        DirectionSetting::Rtl
    );
    let rtl = bounds(&h, 0..4);
    let word = bounds(&h, 6..10);
    assert!(rtl.min.x > auto_x + 100.0, "ICRC moved to the right end");
    assert!(rtl.min.x > word.max.x, "and reads first, right of قالت");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().current().unwrap().document.direction,
        DirectionSetting::Auto
    );
}

#[test]
fn overrides_are_flagged_and_markers_can_be_shown() {
    let (_d, mut h) = app_on(&[
        ("a.txt", "سجن"),
        ("b.txt", "file \u{202E}txt.exe\u{202C} and \u{200F}RLM"),
    ]);
    h.get_by_label("[ ] b.txt  (0)  ⚠ override").click();
    h.run();
    let text = &h.state().current().unwrap().document.text;
    assert!(text.contains('\u{202E}'));
    h.get_by_label("Show invisible characters").click();
    h.run();
    assert!(h.state().view.show_controls);
    // The override still counts in offsets: selecting "txt.exe" on screen gives chars 6..13.
    let r = bounds(&h, 6..13);
    let y = r.center().y;
    h.hover_at(Pos2::new(r.min.x + 1.0, y));
    h.run();
    h.drag_at(Pos2::new(r.min.x + 1.0, y));
    h.run();
    for k in 1..=4 {
        h.hover_at(Pos2::new(
            r.min.x + 1.0 + (r.width() - 2.0) * k as f32 / 4.0,
            y,
        ));
        h.run();
    }
    h.drop_at(Pos2::new(r.max.x - 1.0, y));
    h.run();
    assert_eq!(h.state().view.selection, Some(6..13));
}

#[test]
fn labelling_a_word_moves_no_other_word_on_screen() {
    let text = "اعتقلت قوات Wagner الناشط أحمد";
    let (_d, mut h) = app_on(&[("a.txt", text)]);
    let words = [0..6, 7..11, 12..18, 19..25, 26..30];
    let before: Vec<Rect> = words.iter().map(|w| bounds(&h, w.clone())).collect();
    h.state_mut().view.select(19..25);
    h.run();
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(stored(&h), vec![(19, 25)]);
    let after: Vec<Rect> = words.iter().map(|w| bounds(&h, w.clone())).collect();
    assert_eq!(before, after);
}

#[test]
fn reopening_a_project_shows_the_document_last_shown() {
    let (dir, mut h) = app_on(&[("a.txt", "سجن"), ("b.txt", "صيدنايا")]);
    h.get_by_label("[ ] b.txt  (0)").click();
    h.run();
    assert_eq!(h.state().current().unwrap().document.name, "b.txt");
    h.state_mut()
        .run_command(sanad::ui::Command::OpenProject(dir.path().join("p.sanad")));
    h.run();
    assert_eq!(h.state().current().unwrap().document.name, "b.txt");
}
