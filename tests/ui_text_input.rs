//! The bidi text field (`ui::text_input`) driven through egui_kittest in the annotation note
//! field: typing Arabic, the caret moving on screen, Home/End, Backspace at direction
//! boundaries, selection and copy, undo inside the field, and the entity search.
//!
//! What the keys mean in a right-to-left field (the note field is one: its paragraph direction is
//! found from the first strong character, UAX #9 rules P2–P3, right to left when there is none):
//! ← and → move the caret one grapheme left or right *on screen*, as GTK, browsers, Windows and
//! macOS do; Home and End go to the start and the end of the line in reading order, which in a
//! right-to-left line are its right and left edges.
//!
//! Expected values come from UAX #9's visual order, not from the field: `عدد 123 مرحبا` in a
//! right-to-left paragraph has levels 1 for the letters and spaces and 2 for the digits (rules
//! W2, N1, I1), so on screen, left to right, it reads `مرحبا`, space, `123`, space, `عدد`, and
//! the letters of each Arabic word run right to left (rule L2). The logical end (offset 13) is
//! therefore the far left, and each step right from there goes one letter back in `مرحبا`.

use egui::{Event, Key, Modifiers, OutputCommand, Rect, Shape};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use sanad::ui::SanadApp;
use sanad::ui::text_input::focused_field;

use crate::common;

const NOTE_HINT: &str = "Free text, any language";

/// An app on one document with a PERSON annotation selected, so the inspector shows its note.
fn note_app() -> (tempfile::TempDir, Harness<'static, SanadApp>) {
    let (d, mut h) = common::app_with(&[("a.txt", "سجن صيدنايا العسكري\n")]);
    h.state_mut().view.select(0..3);
    h.run();
    h.key_press(Key::Num1);
    h.run();
    (d, h)
}

fn note_by() -> By<'static> {
    By::new().predicate(|n| n.placeholder() == Some(NOTE_HINT))
}

fn focus_note(h: &mut Harness<'_, SanadApp>) {
    h.get(note_by()).click();
    h.run();
    assert!(
        focused_field(&h.ctx).is_some(),
        "the note field has the focus"
    );
}

/// Types `s` a character at a time, as a keyboard does.
fn type_chars(h: &mut Harness<'_, SanadApp>, s: &str) {
    for c in s.chars() {
        h.event(Event::Text(c.to_string()));
        h.step();
    }
    h.run();
}

fn press(h: &mut Harness<'_, SanadApp>, key: Key, times: usize) {
    for _ in 0..times {
        h.key_press(key);
        h.run();
    }
}

fn press_with(h: &mut Harness<'_, SanadApp>, m: Modifiers, key: Key, times: usize) {
    for _ in 0..times {
        h.key_press_modifiers(m, key);
        h.run();
    }
}

fn value(h: &Harness<'_, SanadApp>) -> String {
    h.get(note_by()).value().unwrap_or_default()
}

/// (anchor, caret) of the focused field.
fn caret(h: &Harness<'_, SanadApp>) -> (usize, usize) {
    let f = focused_field(&h.ctx).expect("a field has the focus");
    let g = f.lock().unwrap();
    (g.edit.anchor(), g.edit.caret())
}

/// The note stored in the project for the (only) annotation.
fn stored_note(h: &Harness<'_, SanadApp>) -> String {
    let app = h.state();
    let doc = app.current().unwrap().document.id;
    app.project().unwrap().annotations(doc).unwrap()[0]
        .note
        .clone()
}

fn note_rect(h: &Harness<'_, SanadApp>) -> Rect {
    h.get(note_by()).rect()
}

/// Text painted inside `rect` in the last frame: (galley position, galley), left to right.
fn painted_text(
    h: &Harness<'_, SanadApp>,
    rect: Rect,
) -> Vec<(egui::Pos2, std::sync::Arc<egui::Galley>)> {
    let mut out: Vec<_> = h
        .output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            Shape::Text(t) if rect.contains(t.pos + egui::vec2(1.0, 1.0)) => {
                Some((t.pos, t.galley.clone()))
            }
            _ => None,
        })
        .filter(|(_, g)| !g.job.text.trim().is_empty())
        .collect();
    out.sort_by(|a, b| a.0.x.total_cmp(&b.0.x));
    out
}

/// x of the caret painted inside `rect`: the one full caret (vertical line) drawn there.
fn painted_caret_x(h: &Harness<'_, SanadApp>, rect: Rect) -> f32 {
    let xs: Vec<f32> = h
        .output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            // The caret is 1.5 points wide; a thinner half-height one is the weak caret.
            Shape::LineSegment { points, stroke }
                if stroke.width >= 1.5
                    && points[0].x == points[1].x
                    && points[0].y != points[1].y
                    && rect.contains(points[0]) =>
            {
                Some(points[0].x)
            }
            _ => None,
        })
        .collect();
    assert_eq!(xs.len(), 1, "one caret is drawn in the field: {xs:?}");
    xs[0]
}

/// The words of `text` on screen left to right by UAX #9 (unicode-bidi's own reordering, not the
/// field's layout), each written in logical order.
fn uax9_words(text: &str) -> Vec<String> {
    let info = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::rtl()));
    let para = &info.paragraphs[0];
    let visual = info.reorder_line(para, para.range.clone());
    visual
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().any(|c| {
                matches!(
                    unicode_bidi::bidi_class(c),
                    unicode_bidi::BidiClass::AL | unicode_bidi::BidiClass::R
                )
            }) {
                w.chars().rev().collect()
            } else {
                w.to_owned()
            }
        })
        .collect()
}

/// The sequence, keys taken as they are on screen. After typing, the caret is at the
/// logical end (13), the left edge of the line; End keeps it there (the end of a right-to-left
/// line in reading order is its left edge); ← cannot go further left on the only line, so `x`
/// lands at the end. The expected `عدد 123 مرxحبا` (three letters back from the end) is
/// what End, →, →, → gives: see the next test.
#[test]
fn typed_arabic_end_and_left_arrows_stay_at_the_left_edge() {
    let (_d, mut h) = note_app();
    focus_note(&mut h);
    type_chars(&mut h, "عدد 123 مرحبا");
    assert_eq!(value(&h), "عدد 123 مرحبا");
    assert_eq!(caret(&h), (13, 13));
    press(&mut h, Key::End, 1);
    assert_eq!(caret(&h), (13, 13));
    press(&mut h, Key::ArrowLeft, 3);
    assert_eq!(
        caret(&h),
        (13, 13),
        "nothing is left of the line's left edge"
    );
    type_chars(&mut h, "x");
    assert_eq!(value(&h), "عدد 123 مرحباx");
}

/// End, then three steps right on screen: three letters back in "مرحبا" (its glyphs run right
/// to left, UAX #9 rule L2), so `x` goes between "مر" and "حبا". Tab leaves the field and stores
/// the note. Independent checks: the words are painted in the order unicode-bidi gives, and the
/// caret is drawn on the boundary between the painted glyphs of ر and ح.
#[test]
fn end_then_right_arrows_insert_inside_the_last_word_and_tab_stores_it() {
    let (_d, mut h) = note_app();
    focus_note(&mut h);
    type_chars(&mut h, "عدد 123 مرحبا");
    let rect = note_rect(&h);

    // Word order on screen against UAX #9 computed by unicode-bidi directly.
    let painted: Vec<String> = painted_text(&h, rect)
        .into_iter()
        .map(|(_, g)| g.job.text.clone())
        .collect();
    assert_eq!(painted, uax9_words("عدد 123 مرحبا"));
    assert_eq!(painted, vec!["مرحبا", "123", "عدد"]);
    // Right-to-left: the text hugs the field's right edge.
    let last = painted_text(&h, rect)
        .last()
        .map(|(p, g)| p.x + g.rect.width())
        .unwrap();
    assert!(
        rect.max.x - last < 12.0,
        "right-aligned: {last} in {rect:?}"
    );

    press(&mut h, Key::End, 1);
    press(&mut h, Key::ArrowRight, 3);
    assert_eq!(caret(&h), (10, 10));
    // Where the caret is painted: between ح (left) and ر (right) in the galley of "مرحبا", read
    // from egui's own glyphs (each glyph's char), not from the field's hit-testing boxes.
    h.run();
    let x = painted_caret_x(&h, rect);
    let (pos, galley) = painted_text(&h, rect)
        .into_iter()
        .find(|(_, g)| g.job.text == "مرحبا")
        .unwrap();
    let row = &galley.rows[0];
    let glyph = |c: char| {
        row.row
            .glyphs
            .iter()
            .find(|g| g.chr == c && g.advance_width > 0.0)
            .map(|g| {
                let x = pos.x + row.pos.x + g.pos.x;
                (x, x + g.advance_width)
            })
            .unwrap()
    };
    let (hah, reh) = (glyph('ح'), glyph('ر'));
    // (egui rounds glyph positions to pixels, not advances: allow a pixel.)
    assert!(hah.1 <= reh.0 + 1.0, "ح is painted left of ر");
    assert!(
        (x - reh.0).abs() <= 1.0 && (x - hah.1).abs() <= 1.0,
        "caret at {x}, ح ends at {}, ر starts at {}",
        hah.1,
        reh.0
    );

    type_chars(&mut h, "x");
    assert_eq!(value(&h), "عدد 123 مرxحبا");
    press(&mut h, Key::Tab, 1);
    assert_eq!(stored_note(&h), "عدد 123 مرxحبا");
}

/// A mixed Arabic/Latin/number line: the caret visits every position once, moving left from
/// Home (the right edge), in UAX #9's visual order of boundaries.
#[test]
fn mixed_line_caret_walks_every_position_in_visual_order() {
    let (_d, mut h) = note_app();
    focus_note(&mut h);
    let text = "قال ICRC إن 200 شخص";
    type_chars(&mut h, text);
    let rect = note_rect(&h);
    let painted: Vec<String> = painted_text(&h, rect)
        .into_iter()
        .map(|(_, g)| g.job.text.clone())
        .collect();
    assert_eq!(painted, uax9_words(text));
    assert_eq!(painted, vec!["شخص", "200", "إن", "ICRC", "قال"]);

    press(&mut h, Key::Home, 1);
    assert_eq!(
        caret(&h).1,
        0,
        "Home: the right edge, the start in reading order"
    );
    let x_home = painted_caret_x(&h, rect);
    let mut seen = vec![0];
    let mut xs = vec![x_home];
    for _ in 0..text.chars().count() {
        press(&mut h, Key::ArrowLeft, 1);
        seen.push(caret(&h).1);
        xs.push(painted_caret_x(&h, rect));
    }
    // Every stop is further left than the one before.
    assert!(xs.windows(2).all(|w| w[1] < w[0]), "{xs:?}");
    // Right to left through قال (0..3) and the space; ICRC (4..8) is read left to right, so the
    // caret crosses it from its right edge, which stands for 4 (an Arabic letter typed there
    // would appear between the space and ICRC), through 7, 6, 5, to its left edge, which stands
    // for 8; likewise "200" (12..15) from 12 through 14, 13 to 15.
    assert_eq!(
        seen,
        vec![
            0, 1, 2, 3, 4, 7, 6, 5, 8, 9, 10, 11, 12, 14, 13, 15, 16, 17, 18, 19
        ]
    );
    let mut sorted = seen.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..=19).collect::<Vec<_>>(), "each position once");
    press(&mut h, Key::End, 1);
    assert_eq!(
        caret(&h).1,
        19,
        "End: the left edge, the end in reading order"
    );
    assert!(painted_caret_x(&h, rect) < xs[xs.len() - 2]);
}

/// Backspace deletes the grapheme before the caret in logical order, even where that grapheme
/// is drawn at the other end of a number.
#[test]
fn backspace_at_direction_boundaries_deletes_the_logical_previous_grapheme() {
    let (_d, mut h) = note_app();
    focus_note(&mut h);
    type_chars(&mut h, "من 200 ألف");
    // From Home, left: 1, 2 (after the space), 3, then the number is crossed left to right
    // from its right edge: 5, 4, then its left edge stands for 6 (after "200").
    press(&mut h, Key::Home, 1);
    press(&mut h, Key::ArrowLeft, 6);
    assert_eq!(caret(&h).1, 6);
    press(&mut h, Key::Backspace, 1);
    assert_eq!(value(&h), "من 20 ألف");
    // The caret at the number's right edge (offset 3, before "2"): Backspace takes the space.
    press(&mut h, Key::Home, 1);
    press(&mut h, Key::ArrowLeft, 3);
    assert_eq!(caret(&h).1, 3);
    press(&mut h, Key::Backspace, 1);
    assert_eq!(value(&h), "من20 ألف");
    // At the Arabic/number boundary again: Delete takes "2", the grapheme after the caret.
    assert_eq!(caret(&h).1, 2);
    press(&mut h, Key::Delete, 1);
    assert_eq!(value(&h), "من0 ألف");
}

/// Shift+← selects on screen (the logical range between anchor and caret), copy puts it on
/// the clipboard, cut removes it, paste puts it back.
#[test]
fn shift_arrows_select_and_copy_cut_paste() {
    let (_d, mut h) = note_app();
    focus_note(&mut h);
    type_chars(&mut h, "سجن صيدنايا");
    press(&mut h, Key::Home, 1);
    press_with(&mut h, Modifiers::SHIFT, Key::ArrowLeft, 4);
    assert_eq!(caret(&h), (0, 4));
    h.event(Event::Copy);
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, vec!["سجن ".to_owned()]);
    // The selection is painted over the first word, at the right end of the field.
    h.event(Event::Cut);
    h.run();
    assert_eq!(value(&h), "صيدنايا");
    press(&mut h, Key::End, 1);
    h.event(Event::Paste(" سجن".into()));
    h.run();
    assert_eq!(value(&h), "صيدنايا سجن");
    // Ctrl+A then typing replaces everything.
    press_with(&mut h, Modifiers::COMMAND, Key::A, 1);
    type_chars(&mut h, "ب");
    assert_eq!(value(&h), "ب");
}

/// Ctrl+Z inside the focused field undoes typing in the field, word by word, and does not undo
/// the project's last action (the annotation stays); Ctrl+Y redoes. Outside the field Ctrl+Z is
/// the project's undo again.
#[test]
fn undo_inside_the_field_is_the_fields_own() {
    let (_d, mut h) = note_app();
    let annotations = |h: &Harness<'_, SanadApp>| {
        let app = h.state();
        let doc = app.current().unwrap().document.id;
        app.project().unwrap().annotations(doc).unwrap().len()
    };
    assert_eq!(annotations(&h), 1);
    focus_note(&mut h);
    type_chars(&mut h, "سجن صيدنايا");
    press_with(&mut h, Modifiers::COMMAND, Key::Z, 1);
    assert_eq!(value(&h), "سجن ");
    assert_eq!(annotations(&h), 1, "the project's undo did not run");
    press_with(&mut h, Modifiers::COMMAND, Key::Z, 1);
    assert_eq!(value(&h), "");
    press_with(&mut h, Modifiers::COMMAND, Key::Y, 1);
    assert_eq!(value(&h), "سجن ");
    press_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z, 1);
    assert_eq!(value(&h), "سجن صيدنايا");
    assert_eq!(annotations(&h), 1);
    // Tab leaves the field (the note is stored), Esc leaves the next widget; now Ctrl+Z undoes
    // project actions.
    press(&mut h, Key::Tab, 1);
    assert!(focused_field(&h.ctx).is_none());
    assert_eq!(stored_note(&h), "سجن صيدنايا");
    press(&mut h, Key::Escape, 1);
    press_with(&mut h, Modifiers::COMMAND, Key::Z, 1);
    assert_eq!(
        stored_note(&h),
        "",
        "the note's change was undone by the project"
    );
}

/// An IME composition is shown (underlined) but not stored until it is committed.
#[test]
fn ime_preedit_then_commit() {
    let (_d, mut h) = note_app();
    focus_note(&mut h);
    type_chars(&mut h, "سجن ");
    h.event(Event::Ime(egui::ImeEvent::Preedit {
        text: "ص".into(),
        active_range_chars: None,
    }));
    h.run();
    assert_eq!(value(&h), "سجن ");
    let rect = note_rect(&h);
    let shown: String = painted_text(&h, rect)
        .into_iter()
        .map(|(_, g)| g.job.text.clone())
        .collect();
    assert!(shown.contains('ص'), "the composition is drawn: {shown}");
    assert!(
        h.output().platform_output.ime.is_some(),
        "the IME is told where the caret is"
    );
    h.event(Event::Ime(egui::ImeEvent::Commit("صيدنايا".into())));
    h.run();
    assert_eq!(value(&h), "سجن صيدنايا");
}

/// The entity search is a bidi field too: an empty field is right to left (its caret at the
/// right), and a Latin query turns it left to right.
#[test]
fn entity_search_takes_arabic_and_latin() {
    let (_d, mut h) = note_app();
    let search = || {
        By::new().predicate(|n| {
            n.placeholder()
                .is_some_and(|p| p.starts_with("Link to an entity"))
        })
    };
    h.get(search()).click();
    h.run();
    let rect = h.get(search()).rect();
    let x = painted_caret_x(&h, rect);
    assert!(
        rect.max.x - x < 12.0,
        "empty: caret at the right, {x} in {rect:?}"
    );
    type_chars(&mut h, "Zydan");
    assert_eq!(h.get(search()).value().as_deref(), Some("Zydan"));
    let x = painted_caret_x(&h, rect);
    let text_right = painted_text(&h, rect)
        .iter()
        .map(|(p, g)| p.x + g.rect.width())
        .fold(f32::MIN, f32::max);
    assert!(
        (x - text_right).abs() < 1.5,
        "LTR: caret after the text, {x} vs {text_right}"
    );
    h.get_by_label_contains("No entity matches “Zydan”");
}

/// Double-click on the glyphs painted for a word (found from the painted galleys, not from the
/// field's layout) selects that word; a drag across the field selects from press to release.
#[test]
fn double_click_selects_the_word_under_the_pointer_and_drag_selects() {
    let (_d, mut h) = note_app();
    focus_note(&mut h);
    type_chars(&mut h, "سجن صيدنايا العسكري");
    let rect = note_rect(&h);
    let (pos, galley) = painted_text(&h, rect)
        .into_iter()
        .find(|(_, g)| g.job.text == "صيدنايا")
        .expect("the word is painted");
    let p = pos + galley.rect.center().to_vec2();
    h.hover_at(p);
    h.run();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos: p,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        h.step();
    }
    h.run();
    let (a, c) = caret(&h);
    assert_eq!((a.min(c), a.max(c)), (4, 11), "صيدنايا is chars 4..11");
    // Drag from the field's right end to its left end: everything, in logical terms.
    let y = rect.center().y;
    common::drag(
        &mut h,
        egui::pos2(rect.max.x - 2.0, y),
        egui::pos2(rect.min.x + 2.0, y),
    );
    assert_eq!(caret(&h), (0, 19));
}

/// A long note wraps inside the field; every line is right-aligned (right to left), and ↓ / ↑
/// move the caret between lines.
#[test]
fn a_long_note_wraps_and_up_down_change_lines() {
    let (_d, mut h) = note_app();
    focus_note(&mut h);
    let text = "أطلق الدفاع المدني السوري حملة تحت عنوان ليسوا رهائن للمطالبة بالإفراج عن المعتقلين";
    type_chars(&mut h, text);
    let rect = note_rect(&h);
    let painted = painted_text(&h, rect);
    let mut rows: Vec<f32> = painted.iter().map(|(p, _)| p.y.round()).collect();
    rows.sort_by(f32::total_cmp);
    rows.dedup();
    assert!(rows.len() >= 2, "the note wraps: rows at {rows:?}");
    for y in &rows {
        let right = painted
            .iter()
            .filter(|(p, _)| p.y.round() == *y)
            .map(|(p, g)| p.x + g.rect.width())
            .fold(f32::MIN, f32::max);
        assert!(
            rect.max.x - right < 12.0,
            "row at {y} ends at {right}, field {rect:?}"
        );
    }
    // The first word is on the top row, at its right end (UAX #9: lines broken, then reordered).
    let first = painted.iter().find(|(_, g)| g.job.text == "أطلق").unwrap();
    assert_eq!(first.0.y.round(), rows[0]);
    press_with(&mut h, Modifiers::COMMAND, Key::Home, 1);
    assert_eq!(caret(&h).1, 0);
    press(&mut h, Key::ArrowDown, 1);
    let down = caret(&h).1;
    assert!(
        down > 0 && down < text.chars().count(),
        "↓ goes to the second line: {down}"
    );
    press(&mut h, Key::ArrowUp, 1);
    assert_eq!(
        caret(&h).1,
        0,
        "↑ comes back to the right edge of the first line"
    );
}
