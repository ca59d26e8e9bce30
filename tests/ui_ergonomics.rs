//! Labelling ergonomics on the real seed, through egui_kittest: drags snap to whole words (Alt
//! for grapheme precision), the selection is read out, a key's result is drawn in the frame it
//! was pressed in, frames keep off the letters, the keyboard scrolls and steps through
//! annotations, Esc closes windows.
//!
//! Where a test clicks at positions the layout computes, it also checks the stored span's text
//! against the Arabic words typed here by hand from `tests/data/seed.txt`.

use egui::{Event, Key, Modifiers, Pos2, Rect, Shape};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sanad::model::{DocumentStatus, slice_chars};
use sanad::ui::{Command, SanadApp};

use crate::common;
use common::{bounds, drag};

const SEED: &str = include_str!("data/seed.txt");

fn seed_app() -> (tempfile::TempDir, Harness<'static, SanadApp>) {
    common::app_with(&[("seed.txt", SEED)])
}

/// (start, end, label, text) of what is stored for the shown document.
fn stored(h: &Harness<'_, SanadApp>) -> Vec<(usize, usize, String, String)> {
    let app = h.state();
    let p = app.project().unwrap();
    let labels = p.labels().unwrap();
    let doc = &app.current().unwrap().document;
    p.annotations(doc.id)
        .unwrap()
        .into_iter()
        .map(|a| {
            let name = labels.iter().find(|l| l.id == a.label_id).unwrap();
            (
                a.start,
                a.end,
                name.name.clone(),
                slice_chars(&doc.text, a.start..a.end).to_owned(),
            )
        })
        .collect()
}

fn drag_with(h: &mut Harness<'_, SanadApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    drag(h, from, to);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

/// Scrolls `range` into the middle of the view.
fn show(h: &mut Harness<'_, SanadApp>, range: std::ops::Range<usize>) {
    h.state_mut().view.scroll_to = Some(range);
    h.run();
}

fn key_down(h: &Harness<'_, SanadApp>, key: Key, modifiers: Modifiers) {
    h.event(Event::Key {
        key,
        pressed: true,
        modifiers,
        repeat: false,
        physical_key: None,
    });
}

#[test]
fn a_drag_inside_the_first_and_last_words_snaps_and_alt_gives_graphemes() {
    let (_d, mut h) = seed_app();
    assert!(
        h.state().settings().snap_to_words,
        "snapping is on by default"
    );
    // "الدفاع": alef 6, lam 7. Press 2 px inside the lam's right (reading-side) edge; release 2 px
    // inside the left edge of the waw of "السوري" (chars 20–25, waw 23).
    let lam = bounds(&h, 7..8);
    let waw = bounds(&h, 23..24);
    let from = Pos2::new(lam.max.x - 2.0, lam.center().y);
    let to = Pos2::new(waw.min.x + 2.0, waw.center().y);
    drag_with(&mut h, from, to, Modifiers::NONE);
    assert_eq!(h.state().view.selection, Some(6..26));
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(
        stored(&h),
        vec![(
            6,
            26,
            "ORGANIZATION".to_owned(),
            "الدفاع المدني السوري".to_owned()
        )]
    );
    // The same drag with Alt: from before the lam to after the waw, letter by letter.
    drag_with(&mut h, from, to, Modifiers::ALT);
    assert_eq!(h.state().view.selection, Some(7..24));
    h.key_press(Key::Num2);
    h.run();
    let s = stored(&h);
    assert!(
        s.contains(&(
            7,
            24,
            "ORGANIZATION".to_owned(),
            "لدفاع المدني السو".to_owned()
        )),
        "{s:?}"
    );
}

#[test]
fn snapping_can_be_turned_off_in_the_settings() {
    let (_d, mut h) = seed_app();
    h.state_mut().settings_mut().snap_to_words = false;
    let lam = bounds(&h, 7..8);
    let waw = bounds(&h, 23..24);
    drag_with(
        &mut h,
        Pos2::new(lam.max.x - 2.0, lam.center().y),
        Pos2::new(waw.min.x + 2.0, waw.center().y),
        Modifiers::NONE,
    );
    assert_eq!(h.state().view.selection, Some(7..24));
}

#[test]
fn one_drag_inside_first_and_last_word_stores_each_seed_span_exactly() {
    // The eight target spans of the trial, with their text copied by hand from the seed.
    let spans: [(usize, usize, Key, &str); 8] = [
        (6, 26, Key::Num2, "الدفاع المدني السوري"),
        (518, 528, Key::Num1, "أحمد زيدان"),
        (
            569,
            645,
            Key::Num4,
            "عشرات آلاف المعتقلين في سجون النظام السوري تحولوا لرهائن على طاولة المفاوضات",
        ),
        (950, 960, Key::Num1, "AhamdZydan"),
        (1467, 1479, Key::Num1, "Alise Mofrej"),
        (
            1545,
            1600,
            Key::Num4,
            "البالغ عددهم أكثر من 200 ألف بحسب تقديرات منظمات حقوقية",
        ),
        (2534, 2545, Key::Num3, "سجن صيدنايا"),
        (2626, 2643, Key::Num3, "سجن المزة العسكري"),
    ];
    let (_d, mut h) = seed_app();
    for (start, end, key, text) in spans {
        let words: Vec<&str> = text.split(' ').collect();
        let first_len = words[0].chars().count();
        let last_len = words[words.len() - 1].chars().count();
        show(&mut h, start..end);
        let first = bounds(&h, start..start + first_len);
        let last = bounds(&h, end - last_len..end);
        let (from, to) = if words.len() == 1 {
            // One word: from a third of the way in to two thirds.
            let y = first.center().y;
            (
                Pos2::new(first.min.x + first.width() / 3.0, y),
                Pos2::new(first.max.x - first.width() / 3.0, y),
            )
        } else {
            (first.center(), last.center())
        };
        drag_with(&mut h, from, to, Modifiers::NONE);
        h.key_press(key);
        h.run();
        let s = stored(&h);
        assert!(
            s.iter()
                .any(|(a, b, _, t)| (*a, *b) == (start, end) && t == text),
            "[{start}, {end}) {text}: stored {s:?}"
        );
    }
    assert_eq!(stored(&h).len(), 8);
}

/// Is the label's underline drawn across `r`: pieces in the label's underline colour (its own
/// style: solid, dashed, …) inside `r`'s height, from its left edge to within a dash of its right?
fn underline_drawn(h: &Harness<'_, SanadApp>, color: egui::Color32, r: Rect) -> bool {
    let dark = h.ctx.global_style().visuals.dark_mode;
    let color = sanad::ui::label_style::underline_color(color, dark);
    let pieces: Vec<(f32, f32)> = h
        .output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            Shape::LineSegment { points, stroke }
                if stroke.color == color && points[0].y > r.min.y && points[0].y < r.max.y =>
            {
                Some((points[0].x.min(points[1].x), points[0].x.max(points[1].x)))
            }
            _ => None,
        })
        .collect();
    let lo = pieces.iter().map(|p| p.0).fold(f32::MAX, f32::min);
    let hi = pieces.iter().map(|p| p.1).fold(f32::MIN, f32::max);
    lo <= r.min.x + 1.0 && hi >= r.max.x - 9.0
}

#[test]
fn label_delete_and_undo_show_in_the_frame_of_the_key() {
    let (_d, mut h) = seed_app();
    let org = h
        .state()
        .project()
        .unwrap()
        .labels()
        .unwrap()
        .into_iter()
        .find(|l| l.name == "ORGANIZATION")
        .unwrap();
    let color = egui::Color32::from_rgb(org.color[0], org.color[1], org.color[2]);
    h.state_mut().view.select(6..26);
    h.run();
    let r = bounds(&h, 6..26);
    assert!(!underline_drawn(&h, color, r));
    // One event, one frame: the key's frame already draws the label and lists it.
    key_down(&h, Key::Num2, Modifiers::NONE);
    h.step();
    assert!(underline_drawn(&h, color, r), "the label is drawn at once");
    h.get_by_label("Annotation ORGANIZATION الدفاع المدني السوري");
    h.event(Event::Key {
        key: Key::Num2,
        pressed: false,
        modifiers: Modifiers::NONE,
        repeat: false,
        physical_key: None,
    });
    h.run();
    key_down(&h, Key::Delete, Modifiers::NONE);
    h.step();
    assert!(
        !underline_drawn(&h, color, r),
        "the deletion is drawn at once"
    );
    assert!(stored(&h).is_empty());
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::COMMAND));
    h.step();
    key_down(&h, Key::Z, Modifiers::COMMAND);
    h.step();
    assert!(underline_drawn(&h, color, r), "the undo is drawn at once");
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

#[test]
fn the_selection_is_read_out_in_the_status_bar() {
    let (_d, mut h) = seed_app();
    let r = bounds(&h, 6..26);
    drag_with(
        &mut h,
        Pos2::new(r.max.x - 3.0, r.center().y),
        Pos2::new(r.min.x + 3.0, r.center().y),
        Modifiers::NONE,
    );
    h.get_by_label("Selected 20 chars · [6, 26):");
    h.get_by_label("Selected text الدفاع المدني السوري");
}

/// The chip's glyph ink and the filled rectangle behind it, and every other glyph's ink.
fn chip_and_ink(h: &Harness<'_, SanadApp>, readout: &str) -> (Rect, Vec<(char, Rect)>) {
    let (chip_ink, ink) = ink_split(h, readout);
    assert!(!chip_ink.is_empty(), "the chip {readout} is drawn");
    let chip = chip_ink.iter().copied().reduce(|a, b| a.union(b)).unwrap();
    let background = h
        .output()
        .shapes
        .iter()
        .find_map(|c| match &c.shape {
            Shape::Rect(r) if r.rect.contains_rect(chip) && r.rect.height() < 30.0 => Some(r.rect),
            _ => None,
        })
        .expect("the chip's background");
    (background, ink)
}

#[test]
fn the_selection_chip_sits_under_or_beside_its_line_and_covers_no_letter() {
    // A short line: the chip goes into the paragraph gap under it, or beside it.
    let (_d, mut h) = common::app_with(&[("a.txt", "قال أحمد زيدان\nسجن صيدنايا العسكري")]);
    for (range, readout, words) in [
        (4..14, "10 chars · [4, 14)", "أحمد زيدان"),
        (15..26, "11 chars · [15, 26)", "سجن صيدنايا"),
    ] {
        let r = bounds(&h, range.clone());
        drag_with(
            &mut h,
            Pos2::new(r.max.x - 3.0, r.center().y),
            Pos2::new(r.min.x + 3.0, r.center().y),
            Modifiers::NONE,
        );
        assert_eq!(h.state().view.selection, Some(range.clone()));
        let text = &h.state().current().unwrap().document.text;
        assert_eq!(slice_chars(text, range), words);
        h.hover_at(Pos2::new(1.0, 1.0));
        h.run();
        let (background, ink) = chip_and_ink(&h, readout);
        for (c, g) in &ink {
            assert!(
                !background.intersects(*g),
                "the chip {background:?} covers {c:?} at {g:?}"
            );
        }
    }
}

#[test]
fn the_first_annotation_sets_the_document_in_progress_in_one_undo_step() {
    let (_d, mut h) = seed_app();
    let status = |h: &Harness<'_, SanadApp>| h.state().current().unwrap().document.status;
    assert_eq!(status(&h), DocumentStatus::Todo);
    h.state_mut().view.select(518..528);
    h.run();
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(status(&h), DocumentStatus::InProgress);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(status(&h), DocumentStatus::Todo);
    assert!(stored(&h).is_empty());
    // Turned off: the status stays.
    h.state_mut().settings_mut().mark_in_progress = false;
    h.state_mut().view.select(518..528);
    h.run();
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(stored(&h).len(), 1);
    assert_eq!(status(&h), DocumentStatus::Todo);
}

#[test]
fn tab_steps_through_annotations_and_esc_closes_windows() {
    let (_d, mut h) = seed_app();
    for (range, key) in [(518..528, Key::Num1), (6..26, Key::Num2)] {
        h.state_mut().view.select(range);
        h.run();
        h.key_press(key);
        h.run();
    }
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().view.selected_annotation, None);
    let start_of = |h: &Harness<'_, SanadApp>| {
        let id = h.state().view.selected_annotation.unwrap();
        let cur = h.state().current().unwrap();
        cur.annotations.iter().find(|a| a.id == id).unwrap().start
    };
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(start_of(&h), 6);
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(start_of(&h), 518);
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(start_of(&h), 6);
    // F1, then Esc closes it; Settings likewise; the selection stays.
    h.key_press(Key::F1);
    h.run();
    h.get_by_label("Keyboard shortcuts");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Ctrl+Home / Ctrl+End").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    h.get_by_label("Selecting and labelling");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Selecting and labelling").is_none());
    assert_eq!(start_of(&h), 6);
}

#[test]
fn page_keys_arrows_and_ctrl_home_end_scroll_the_document() {
    let (_d, mut h) = seed_app();
    let last = SEED.chars().count() - 2;
    let top = |h: &Harness<'_, SanadApp>| bounds(h, 0..4).min.y;
    let y0 = top(&h);
    h.key_press(Key::ArrowDown);
    h.run();
    let y1 = top(&h);
    assert!(y1 < y0 - 10.0, "a line down: {y0} -> {y1}");
    h.key_press(Key::ArrowUp);
    h.run();
    assert!((top(&h) - y0).abs() < 0.5);
    h.key_press(Key::PageDown);
    h.run();
    assert!(top(&h) < y0 - 300.0, "a page down");
    h.key_press(Key::PageUp);
    h.run();
    assert!((top(&h) - y0).abs() < 0.5);
    // Ctrl+End: the last line is on screen; Ctrl+Home: back at the top.
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run();
    let end = bounds(&h, last..last + 1);
    assert!(end.max.y < 800.0 && end.min.y > 0.0, "{end:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    h.run();
    assert!((top(&h) - y0).abs() < 0.5);
}

#[test]
fn first_run_says_the_name_is_not_set_and_refuses_an_empty_one_aloud() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "سجن صيدنايا").unwrap();
    let mut app = SanadApp::new(Box::<sanad::ui::dialogs::ScriptedDialogs>::default())
        .with_settings_file(dir.path().join("settings.ron"));
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    h.get_by_label("Annotator: not set yet");
    // Clear the guessed name, press OK: a message, and the question stays.
    h.get_by_label("Your name goes into the audit trail with every change you make.");
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label("OK").click();
    h.run();
    h.get_by_label("Type a name first: it cannot be empty.");
    assert_eq!(h.state().settings().annotator, None);
}

/// Ink boxes of every glyph drawn in the last frame: each glyph's bitmap rectangle, placed as
/// egui's tessellator places it (text position + row position + glyph position + bitmap offset).
fn ink_boxes(h: &Harness<'_, SanadApp>) -> Vec<(char, Rect)> {
    let mut out = Vec::new();
    for c in &h.output().shapes {
        let Shape::Text(t) = &c.shape else { continue };
        for row in &t.galley.rows {
            for g in &row.row.glyphs {
                if g.uv_rect.size.x > 0.0 && g.uv_rect.size.y > 0.0 {
                    let min = t.pos + row.pos.to_vec2() + g.pos.to_vec2() + g.uv_rect.offset;
                    out.push((g.chr, Rect::from_min_size(min, g.uv_rect.size)));
                }
            }
        }
    }
    out
}

/// The frame drawn around the selected annotation: 2-point lines in the strong text colour.
fn frame_lines(h: &Harness<'_, SanadApp>) -> Vec<Rect> {
    let color = h.ctx.global_style().visuals.strong_text_color();
    h.output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            Shape::LineSegment { points, stroke }
                if stroke.color == color && stroke.width == 2.0 =>
            {
                Some(Rect::from_two_pos(points[0], points[1]).expand(stroke.width / 2.0))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_frame_of_a_selected_annotation_covers_no_glyph_ink() {
    // A name, the organization between quote marks that touch it, a Latin handle.
    let (_d, mut h) = seed_app();
    for (range, key, text) in [
        (518..528, Key::Num1, "أحمد زيدان"),
        (6..26, Key::Num2, "الدفاع المدني السوري"),
        (950..960, Key::Num1, "AhamdZydan"),
    ] {
        h.state_mut().view.select(range.clone());
        h.run();
        h.key_press(key);
        h.run();
        let id = h.state().view.selected_annotation.unwrap();
        // Move the pointer away so no hover changes what is drawn.
        h.hover_at(Pos2::new(1.0, 1.0));
        h.state_mut().run_command(Command::SelectAnnotation(id));
        h.run();
        let s = stored(&h);
        assert!(s.iter().any(|x| x.3 == text), "{s:?}");
        let span = bounds(&h, range.clone());
        let frame = frame_lines(&h);
        let ink = ink_boxes(&h);
        // The frame is there: a line above the span and one below it.
        assert!(
            frame
                .iter()
                .any(|f| f.max.y <= span.center().y && f.width() >= span.width()),
            "{text}: no top edge in {frame:?}"
        );
        assert!(
            frame
                .iter()
                .any(|f| f.min.y >= span.center().y && f.width() >= span.width()),
            "{text}: no bottom edge in {frame:?}"
        );
        // The span's own letters are inside the frame, and no frame line touches any ink.
        let inside: Vec<&(char, Rect)> = ink
            .iter()
            .filter(|(_, r)| span.contains(r.center()))
            .collect();
        assert!(inside.len() >= text.chars().filter(|c| *c != ' ').count() / 2);
        for f in &frame {
            for (c, r) in &ink {
                assert!(
                    !f.intersects(*r),
                    "{text}: frame line {f:?} covers the ink of {c:?} at {r:?}"
                );
            }
        }
    }
}

/// Glyph ink boxes of the text shapes of the last frame, split into those of `label` (the
/// relation names) and all the others.
fn ink_split(h: &Harness<'_, SanadApp>, label: &str) -> (Vec<Rect>, Vec<(char, Rect)>) {
    let (mut named, mut other) = (Vec::new(), Vec::new());
    for c in &h.output().shapes {
        let Shape::Text(t) = &c.shape else { continue };
        let is_label = t.galley.job.text == label;
        for row in &t.galley.rows {
            for g in &row.row.glyphs {
                if g.uv_rect.size.x > 0.0 && g.uv_rect.size.y > 0.0 {
                    let min = t.pos + row.pos.to_vec2() + g.pos.to_vec2() + g.uv_rect.offset;
                    let r = Rect::from_min_size(min, g.uv_rect.size);
                    if is_label {
                        named.push(r);
                    } else {
                        other.push((g.chr, r));
                    }
                }
            }
        }
    }
    (named, other)
}

#[test]
fn relation_arcs_and_their_names_cross_no_letter() {
    let (_d, mut h) = seed_app();
    let doc = h.state().current().unwrap().document.id;
    let add = |h: &mut Harness<'_, SanadApp>, start: usize, end: usize, label: &str| {
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
    // A claim of the first paragraph attributed to the organization on its line and to the
    // one two paragraphs down; a claim of the fifth paragraph attributed to the person before it.
    let claim = add(&mut h, 58, 97, "CLAIM");
    let org1 = add(&mut h, 6, 26, "ORGANIZATION");
    let org3 = add(&mut h, 302, 315, "ORGANIZATION");
    let claim5 = add(&mut h, 569, 645, "CLAIM");
    let person = add(&mut h, 518, 528, "PERSON");
    for (head, child) in [(claim, org1), (claim, org3), (claim5, person)] {
        h.state_mut()
            .run_command(Command::Apply(sanad::model::Action::AddRelation {
                id: None,
                head,
                child,
                relation: "attributed_to".into(),
                created_at: None,
            }));
    }
    h.state_mut().view.selected_annotation = None;
    h.hover_at(Pos2::new(1.0, 1.0));
    h.run();
    let text = &h.state().current().unwrap().document.text;
    assert_eq!(slice_chars(text, 302..315), "الدفاع المدني");
    assert_eq!(
        slice_chars(text, 58..97),
        "للمطالبة بالإفراج عن المعتقلين السوريين"
    );
    let (names, ink) = ink_split(&h, "attributed_to");
    // The arcs: open polylines of 4 or more points, and their arrowheads (closed triangles).
    let mut pieces: Vec<Rect> = Vec::new();
    let mut arcs = 0;
    for c in &h.output().shapes {
        if let Shape::Path(p) = &c.shape {
            let w = p.stroke.width.max(0.0) / 2.0;
            if !p.closed && p.points.len() >= 4 {
                arcs += 1;
            }
            if p.points.len() >= 3 {
                for seg in p.points.windows(2) {
                    pieces.push(Rect::from_two_pos(seg[0], seg[1]).expand(w));
                }
            }
        }
    }
    assert!(arcs >= 3, "three arcs drawn, found {arcs}");
    // The names' backgrounds: small filled rectangles around a name's glyphs.
    for c in &h.output().shapes {
        if let Shape::Rect(r) = &c.shape
            && r.rect.height() < 30.0
            && names.iter().any(|g| r.rect.contains(g.center()))
        {
            pieces.push(r.rect);
        }
    }
    for piece in pieces.iter().chain(&names) {
        for (c, r) in &ink {
            assert!(
                !piece.intersects(*r),
                "{piece:?} covers the ink of {c:?} at {r:?}"
            );
        }
    }
    assert!(!names.is_empty(), "the names are drawn where there is room");
}

#[test]
fn list_rows_carry_line_numbers_and_are_cut_at_a_word_inside_the_panel() {
    let claim = "عشرات آلاف المعتقلين في سجون النظام السوري تحولوا لرهائن على طاولة المفاوضات";
    let text = format!("قال أحمد زيدان إن {claim}\nنص آخر\nوأضاف أحمد زيدان");
    let (_d, mut h) = common::app_with(&[("a.txt", text.as_str())]);
    let doc = h.state().current().unwrap().document.id;
    // "أحمد زيدان" at [4, 14) on line 1 and [29 + 7 + 6, …) on line 3; the claim at [18, 94).
    let n1 = "قال أحمد زيدان إن ".chars().count();
    let line3 = n1 + claim.chars().count() + 1 + "نص آخر\n".chars().count();
    for (start, end, label) in [
        (4, 14, "PERSON"),
        (line3 + 6, line3 + 16, "PERSON"),
        (n1, n1 + claim.chars().count(), "CLAIM"),
    ] {
        h.state_mut()
            .run_command(Command::Apply(sanad::model::Action::AddAnnotation {
                id: None,
                document_id: doc,
                start,
                end,
                label: label.into(),
            }));
    }
    h.run();
    let s = stored(&h);
    assert_eq!(s.iter().filter(|x| x.3 == "أحمد زيدان").count(), 2, "{s:?}");
    assert_eq!(h.get_all_by_label("l.1").count(), 2);
    assert_eq!(h.get_all_by_label("l.3").count(), 1);
    // The claim's row: the claim's first words (one galley per shaping unit, each clipped to
    // the row), then "…", wholly inside the rectangle it is clipped to (no letter cut by the
    // panel's edge).
    let shapes = h.output().shapes.clone();
    let texts: Vec<(egui::Rect, egui::Rect, String)> = shapes
        .iter()
        .filter_map(|c| match &c.shape {
            Shape::Text(t) => Some((
                c.clip_rect,
                t.visual_bounding_rect(),
                t.galley.job.text.clone(),
            )),
            _ => None,
        })
        .collect();
    let clip = texts
        .iter()
        .find(|(_, _, t)| t.contains("عشرات"))
        .map(|(clip, _, _)| *clip)
        .expect("the claim's row is drawn");
    let in_row: Vec<&(egui::Rect, egui::Rect, String)> =
        texts.iter().filter(|(c, _, _)| *c == clip).collect();
    let joined: String = in_row.iter().map(|(_, _, t)| format!("{t} ")).collect();
    assert!(
        joined.contains('…'),
        "the claim's row is drawn cut: {joined}"
    );
    // (A galley of a space alone has no ink and no finite bounds.)
    for (c, bounds, _) in in_row.iter().filter(|(_, b, _)| b.is_finite()) {
        assert!(c.contains_rect(*bounds), "{bounds:?} inside {c:?}");
    }
    let row = (clip, clip, joined);
    let mut shown: Vec<&str> = row.2.split(['…', ' ']).filter(|w| !w.is_empty()).collect();
    let all: Vec<&str> = claim.split(' ').collect();
    assert!(shown.len() < all.len(), "{shown:?}");
    let mut first: Vec<&str> = all[..shown.len()].to_vec();
    shown.sort();
    first.sort();
    assert_eq!(shown, first, "whole words from the start");
}

#[test]
fn an_entity_search_with_no_result_says_so() {
    let (_d, mut h) = seed_app();
    h.state_mut().view.select(518..528);
    h.run();
    h.key_press(Key::Num1);
    h.run();
    let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Link to an entity:");
    field.focus();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Link to an entity:")
        .type_text("Zydan");
    h.run();
    h.get_by_label_contains("No entity matches “Zydan”");
}
