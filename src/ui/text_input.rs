//! A text field that takes Arabic: laid out, hit-tested and painted by the document view's bidi
//! engine (UAX #9 levels per paragraph, lines broken then reordered, one galley per unit on one
//! baseline), edited through [`EditState`] and moved through on screen with [`CaretMap`].
//!
//! egui's `TextEdit` has no bidi: it shows Arabic words left to right and moves its caret through
//! glyphs that are not in logical order. This field replaces it wherever a person may type
//! Arabic. Keys when it has the focus (it wins over the app's shortcuts, which only run when no
//! widget has the keyboard):
//! - ← / → one grapheme on screen (visual order), Ctrl+← / Ctrl+→ one word, Shift extends the
//!   selection; Home / End the start / end of the line in reading order (the right / left edge
//!   of a right-to-left line), Ctrl+Home / Ctrl+End the whole text; ↑ / ↓ between lines.
//! - Backspace / Delete one grapheme (Ctrl: one word), Ctrl+A all, Ctrl+C / Ctrl+X / Ctrl+V
//!   the clipboard, Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) undo and redo inside the field.
//! - Enter a new line (multi-line) or done (single line); Tab and Esc leave the field.
//! - Mouse: click places the caret, drag or Shift+click selects, double-click selects a word.
//! - IME compositions are shown underlined at the caret until committed.
//!
//! Positions are char offsets into the field's text.

use super::document_view::paint_line;
use crate::text::DirectionSetting;
use crate::text::caret::{CaretMap, StopRef};
use crate::text::document::DocumentLayout;
use crate::text::edit::EditState;
use crate::text::layout::{Measurer, layout_document};
use crate::text::shaping::{EguiMeasurer, ShapeCache};
use egui::{
    Color32, CornerRadius, Event, EventFilter, Id, ImeEvent, Key, Pos2, Rect, Response, Sense,
    Stroke, StrokeKind, Ui, Vec2, pos2, vec2,
};
use std::sync::{Arc, Mutex, MutexGuard};

/// Font size of text fields, points.
pub const FIELD_FONT_SIZE: f32 = 15.0;
/// Space between the frame and the text, points.
const MARGIN: Vec2 = vec2(5.0, 3.0);
/// Layout width of a single-line field: wide enough never to wrap, points.
const NO_WRAP: f32 = 100_000.0;

/// What a field keeps between frames (in egui's memory, under the field's id).
pub struct FieldState {
    /// The text, caret, selection and undo history.
    pub edit: EditState,
    /// The caret's place on screen (which stop, where a position has two).
    stop: Option<StopRef>,
    /// x kept while moving up and down, layout points.
    preferred_x: Option<f32>,
    laid: Option<Laid>,
    /// How far a single-line field's text is scrolled, points.
    scroll_x: f32,
}

/// The shown text laid out at one width.
struct Laid {
    text: String,
    width_bits: u32,
    layout: DocumentLayout,
    map: CaretMap,
}

type Shared = Arc<Mutex<FieldState>>;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while a field was locked leaves consistent data (every change is whole).
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The state of the field `id`, if it has been shown (for tests and for callers that need the
/// caret or selection).
pub fn field_state(ctx: &egui::Context, id: Id) -> Option<Arc<Mutex<FieldState>>> {
    ctx.data(|d| d.get_temp::<Shared>(id))
}

/// The state of the field that has the keyboard focus, if a field has it.
pub fn focused_field(ctx: &egui::Context) -> Option<Arc<Mutex<FieldState>>> {
    field_state(ctx, ctx.memory(|m| m.focused())?)
}

/// A bidi text field (see the module docs). Use like `egui::TextEdit`:
/// `ui.add(TextInput::singleline(&mut text).hint_text("…"))`.
pub struct TextInput<'a> {
    text: &'a mut String,
    multiline: bool,
    id_salt: Option<egui::IdSalt>,
    hint: String,
    rows: usize,
    width: Option<f32>,
}

impl<'a> TextInput<'a> {
    /// A one-line field (names, search): no wrapping, scrolls sideways; Enter leaves it.
    pub fn singleline(text: &'a mut String) -> Self {
        Self {
            text,
            multiline: false,
            id_salt: None,
            hint: String::new(),
            rows: 1,
            width: None,
        }
    }

    /// A multi-line field (notes): wraps, grows with its text; Enter starts a new line.
    pub fn multiline(text: &'a mut String) -> Self {
        Self {
            multiline: true,
            rows: 2,
            ..Self::singleline(text)
        }
    }

    /// Names the field's state (else it is keyed by its place in the UI).
    pub fn id_salt(mut self, salt: impl std::hash::Hash + std::fmt::Debug) -> Self {
        self.id_salt = Some(egui::IdSalt::new(salt));
        self
    }

    /// Grey text shown while the field is empty (also its accessible placeholder).
    pub fn hint_text(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Lines shown at least (multi-line).
    pub fn desired_rows(mut self, rows: usize) -> Self {
        self.rows = rows.max(1);
        self
    }

    /// Width, points (default egui's text edit width; `f32::INFINITY` takes all available).
    pub fn desired_width(mut self, width: f32) -> Self {
        self.width = Some(width);
        self
    }

    /// Lays out, handles input and paints the field.
    pub fn show(self, ui: &mut Ui) -> Response {
        let TextInput {
            text,
            multiline,
            id_salt,
            hint,
            rows,
            width,
        } = self;
        let id = match id_salt {
            Some(s) => ui.make_persistent_id(s),
            None => ui.next_auto_id(),
        };
        let shared: Shared = ui.data_mut(|d| {
            d.get_temp_mut_or_insert_with(id, || {
                Arc::new(Mutex::new(FieldState {
                    edit: EditState::new(text, multiline),
                    stop: None,
                    preferred_x: None,
                    laid: None,
                    scroll_x: 0.0,
                }))
            })
            .clone()
        });
        let shapes: Arc<Mutex<ShapeCache>> = ui.data_mut(|d| {
            d.get_temp_mut_or_insert_with(Id::unique("sanad-field-shapes"), || {
                Arc::new(Mutex::new(ShapeCache::new(FIELD_FONT_SIZE)))
            })
            .clone()
        });
        let mut guard = lock(&shared);
        let st = &mut *guard;
        let mut cache = lock(&shapes);
        if st.edit.text() != text.as_str() {
            st.edit.set_text(text);
            st.stop = None;
        }
        let prev_text = text.clone();

        let outer_w = width
            .unwrap_or(ui.spacing().text_edit_width)
            .min(ui.available_width())
            .max(4.0 * FIELD_FONT_SIZE);
        let inner_w = outer_w - 2.0 * MARGIN.x;
        let wrap = if multiline { inner_w } else { NO_WRAP };
        let line_h = ui.ctx().fonts_mut(|fonts| {
            EguiMeasurer {
                fonts,
                cache: &mut cache,
            }
            .line_height()
        });
        ensure_layout(ui, st, &mut cache, wrap);
        let lines_now = st.laid.as_ref().map_or(1, |l| l.map.lines().len());
        let height = if multiline {
            rows.max(lines_now) as f32 * line_h
        } else {
            line_h
        } + 2.0 * MARGIN.y;
        let (_, rect) = ui.allocate_space(vec2(outer_w, height));
        let response = ui.interact(rect, id, Sense::click_and_drag());
        let inner = rect.shrink2(MARGIN);

        // Pointer: on what was drawn last frame.
        let origin = st.origin(inner, multiline);
        let pressed = ui.input(|i| i.pointer.primary_pressed());
        let shift = ui.input(|i| i.modifiers.shift);
        if let Some(p) = response.interact_pointer_pos()
            && let Some(laid) = &st.laid
        {
            let local = p - origin;
            if response.double_clicked() {
                let i = laid
                    .layout
                    .char_at(local)
                    .or_else(|| laid.map.at_point(local).map(|s| laid.map.index(s)))
                    .unwrap_or(0);
                st.edit.select_word_at(i);
                st.stop = None;
            } else if ((pressed && response.is_pointer_button_down_on()) || response.dragged())
                && let Some(s) = laid.map.at_point(local)
            {
                let extend = (response.dragged() && !pressed) || shift;
                st.edit.set_caret(laid.map.index(s), extend);
                st.stop = Some(s);
                st.preferred_x = None;
            }
        }
        if response.clicked() || (pressed && response.is_pointer_button_down_on()) {
            ui.memory_mut(|m| m.request_focus(id));
        }
        if response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
        }

        let focused = ui.memory(|m| m.has_focus(id));
        if focused {
            let filter = EventFilter {
                tab: false,
                horizontal_arrows: true,
                vertical_arrows: multiline,
                // Esc comes to the field, which leaves the focus itself: the app's Esc (clear the
                // selection) does not run, so a note field's annotation stays and its note is saved.
                escape: true,
            };
            ui.memory_mut(|m| m.set_focus_lock_filter(id, filter));
            let events = ui.input(|i| i.filtered_events(&filter));
            for event in events {
                if st.handle(ui, &event, multiline) {
                    // Text changed: later events of this frame move through the new layout.
                    ensure_layout(ui, st, &mut cache, wrap);
                }
                let leave = match event {
                    Event::Key {
                        key: Key::Escape,
                        pressed: true,
                        ..
                    } => true,
                    Event::Key {
                        key: Key::Enter,
                        pressed: true,
                        ..
                    } => !multiline,
                    _ => false,
                };
                if leave {
                    ui.memory_mut(|m| m.surrender_focus(id));
                    ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape));
                }
            }
        }
        ensure_layout(ui, st, &mut cache, wrap);

        let mut response = response;
        if st.edit.text() != text.as_str() {
            *text = st.edit.text().to_owned();
            response.mark_changed();
        }

        st.paint(ui, &mut cache, rect, inner, multiline, focused, &hint);

        response.widget_info(|| {
            egui::WidgetInfo::text_edit(ui.is_enabled(), &prev_text, text.as_str(), &hint)
        });
        if multiline {
            ui.ctx().accesskit_node_builder(id, |b| {
                b.set_role(egui::accesskit::Role::MultilineTextInput);
            });
        }
        response
    }
}

impl egui::Widget for TextInput<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        self.show(ui)
    }
}

/// Lays out the shown text (with any IME composition) at `wrap` points if it changed.
fn ensure_layout(ui: &Ui, st: &mut FieldState, cache: &mut ShapeCache, wrap: f32) {
    let (shown, _) = st.edit.display_text();
    if st
        .laid
        .as_ref()
        .is_some_and(|l| l.text == shown && l.width_bits == wrap.to_bits())
    {
        return;
    }
    let layout = ui.ctx().fonts_mut(|fonts| {
        let mut m = EguiMeasurer { fonts, cache };
        layout_document(&shown, DirectionSetting::AutoRtl, wrap, &mut m)
    });
    let map = CaretMap::new(&layout);
    st.laid = Some(Laid {
        text: shown,
        width_bits: wrap.to_bits(),
        layout,
        map,
    });
}

impl FieldState {
    /// The caret's position in the shown text (after any composition) and its stop.
    fn caret_stop(&self) -> Option<StopRef> {
        let laid = self.laid.as_ref()?;
        let shift = self.edit.preedit().map_or(0, |p| p.chars().count());
        let i = self.edit.caret() + shift;
        let hint = if shift == 0 { self.stop } else { None };
        Some(laid.map.stop_near(i, hint))
    }

    /// Screen position of the layout's (0, 0): a single-line field scrolls sideways to keep the
    /// caret in view, and right-aligns a right-to-left line that fits.
    fn origin(&self, inner: Rect, multiline: bool) -> Vec2 {
        let Some(line) = self
            .laid
            .as_ref()
            .filter(|_| !multiline)
            .and_then(|l| l.layout.lines().next())
        else {
            return inner.min.to_vec2();
        };
        vec2(inner.min.x - line.x - self.scroll_x, inner.min.y)
    }

    /// Keeps a single-line field's caret in view.
    fn update_scroll(&mut self, inner: Rect) {
        let Some(laid) = &self.laid else { return };
        let Some(line) = laid.layout.lines().next() else {
            return;
        };
        let (line_x, line_w, rtl) = (
            line.x,
            line.width,
            laid.layout.paragraphs().next().is_some_and(|p| p.rtl),
        );
        let w = inner.width();
        if line_w <= w {
            self.scroll_x = if rtl { line_w - w } else { 0.0 };
            return;
        }
        let caret_x = self
            .caret_stop()
            .and_then(|s| laid.map.pos(s))
            .map_or(0.0, |(p, _)| p.x - line_x);
        let max = line_w - w;
        self.scroll_x = self.scroll_x.clamp(0.0, max);
        if caret_x - self.scroll_x < 0.0 {
            self.scroll_x = caret_x;
        } else if caret_x - self.scroll_x > w {
            self.scroll_x = caret_x - w;
        }
        self.scroll_x = self.scroll_x.clamp(0.0, max);
    }

    /// Applies one input event; returns whether the text (or composition) changed.
    fn handle(&mut self, ui: &Ui, event: &Event, multiline: bool) -> bool {
        let text_before = self.edit.text().to_owned();
        let preedit_before = self.edit.preedit().map(str::to_owned);
        let mut vertical = false;
        match event {
            Event::Text(s) => self.edit.insert(s),
            Event::Paste(s) => self.edit.insert(s),
            Event::Copy => {
                let sel = self.edit.selected_text();
                if !sel.is_empty() {
                    ui.ctx().copy_text(sel);
                }
            }
            Event::Cut => {
                if let Some(s) = self.edit.cut() {
                    ui.ctx().copy_text(s);
                }
            }
            Event::Ime(ime) => match ime {
                ImeEvent::Preedit { text, .. } => self.edit.set_preedit(text),
                ImeEvent::Commit(s) => self.edit.commit(s),
                ImeEvent::DeleteSurrounding {
                    before_chars,
                    after_chars,
                } => self.edit.delete_surrounding(*before_chars, *after_chars),
                _ => {}
            },
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => {
                let (cmd, shift) = (modifiers.command, modifiers.shift);
                match key {
                    Key::ArrowLeft | Key::ArrowRight => {
                        self.arrow(*key == Key::ArrowLeft, cmd, shift);
                    }
                    Key::Home | Key::End if cmd => {
                        let to = if *key == Key::End {
                            self.edit.char_count()
                        } else {
                            0
                        };
                        self.edit.set_caret(to, shift);
                        self.stop = None;
                    }
                    Key::Home | Key::End => {
                        if let Some((laid, s)) = self.laid.as_ref().zip(self.caret_stop()) {
                            let t = laid.map.line_edge(s, *key == Key::End);
                            self.edit.set_caret(laid.map.index(t), shift);
                            self.stop = Some(t);
                        }
                    }
                    Key::ArrowUp | Key::ArrowDown if multiline => {
                        if let Some((laid, s)) = self.laid.as_ref().zip(self.caret_stop()) {
                            let x = self
                                .preferred_x
                                .or_else(|| laid.map.pos(s).map(|(p, _)| p.x))
                                .unwrap_or(0.0);
                            let t =
                                laid.map
                                    .vertical(s, if *key == Key::ArrowUp { -1 } else { 1 }, x);
                            self.edit.set_caret(laid.map.index(t), shift);
                            self.stop = Some(t);
                            self.preferred_x = Some(x);
                            vertical = true;
                        }
                    }
                    Key::Backspace => {
                        if cmd {
                            self.edit.delete_word(false);
                        } else {
                            self.edit.backspace();
                        }
                    }
                    Key::Delete => {
                        if cmd {
                            self.edit.delete_word(true);
                        } else {
                            self.edit.delete();
                        }
                    }
                    Key::Enter if multiline => self.edit.insert("\n"),
                    Key::A if cmd => {
                        self.edit.select_all();
                        self.stop = None;
                    }
                    Key::Z if cmd && shift => {
                        self.edit.redo();
                    }
                    Key::Z if cmd => {
                        self.edit.undo();
                    }
                    Key::Y if cmd => {
                        self.edit.redo();
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        if !vertical {
            self.preferred_x = None;
        }
        let changed =
            self.edit.text() != text_before || preedit_before.as_deref() != self.edit.preedit();
        if changed {
            self.stop = None;
        }
        changed
    }

    /// ← or → (`left`): one stop on screen, a word with Ctrl; Shift extends the selection. A
    /// selection collapses to its edge on that side of the screen.
    fn arrow(&mut self, left: bool, cmd: bool, shift: bool) {
        let Some(laid) = &self.laid else { return };
        let Some(s) = self.caret_stop() else { return };
        let sel = self.edit.selection();
        if !shift && !cmd && !sel.is_empty() {
            // Collapse to the selection's end that is drawn further that way.
            let ends = [sel.start, sel.end].map(|i| {
                let st = laid.map.stop_near(i, None);
                (i, st, laid.map.pos(st).map_or(0.0, |(p, _)| p.x))
            });
            let pick = if (ends[0].2 < ends[1].2) == left {
                ends[0]
            } else {
                ends[1]
            };
            self.edit.set_caret(pick.0, false);
            self.stop = Some(pick.1);
            return;
        }
        let t = laid.map.step(s, left);
        if cmd {
            // The visual step says which way is forward in logical order here.
            let forward = laid.map.index(t) > self.edit.caret();
            let to =
                crate::text::words::next_word_edge(self.edit.text(), self.edit.caret(), forward);
            self.edit.set_caret(to, shift);
            self.stop = None;
        } else {
            self.edit.set_caret(laid.map.index(t), shift);
            self.stop = Some(t);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn paint(
        &mut self,
        ui: &Ui,
        cache: &mut ShapeCache,
        rect: Rect,
        inner: Rect,
        multiline: bool,
        focused: bool,
        hint: &str,
    ) {
        if !multiline {
            self.update_scroll(inner);
        }
        let visuals = ui.visuals();
        let stroke = if focused {
            visuals.selection.stroke
        } else {
            visuals.widgets.inactive.bg_stroke
        };
        ui.painter().rect(
            rect,
            CornerRadius::same(2),
            visuals.extreme_bg_color,
            stroke,
            StrokeKind::Inside,
        );
        let painter = ui.painter().with_clip_rect(inner.expand(2.0));
        let Some(laid) = &self.laid else { return };
        let origin = self.origin(inner, multiline);
        let to_screen = |r: Rect| r.translate(origin);
        let text_color = visuals.text_color();

        if self.edit.text().is_empty() && self.edit.preedit().is_none() && !hint.is_empty() {
            // Through the bidi engine (an Arabic hint reads right to left), at the field's
            // reading start: its right edge when the hint is right to left.
            let g = super::bidi_widgets::galley(
                ui.ctx(),
                hint,
                13.0,
                super::bidi_widgets::Dir::Auto,
                None,
                Some(visuals.weak_text_color()),
            );
            let rtl =
                crate::text::bidi::BidiParagraph::new(hint, crate::text::DirectionSetting::Auto)
                    .is_rtl();
            let y = inner.center().y.min(inner.min.y + FIELD_FONT_SIZE * 0.8) - g.size().y / 2.0;
            let x = if rtl {
                inner.max.x - g.size().x
            } else {
                inner.min.x
            };
            painter.galley(pos2(x, y), g, visuals.weak_text_color());
        }
        let (_, preedit) = self.edit.display_text();
        if preedit.is_none() {
            let sel = self.edit.selection();
            let fill = if focused {
                visuals.selection.bg_fill
            } else {
                visuals.selection.bg_fill.gamma_multiply(0.5)
            };
            for r in laid.layout.range_rects(sel) {
                painter.rect_filled(to_screen(r), CornerRadius::ZERO, fill);
            }
        }
        for line in laid.layout.lines() {
            let min = pos2(origin.x + line.x, origin.y + line.y);
            paint_line(ui, &painter, cache, line, min, text_color);
        }
        if let Some(range) = preedit.clone() {
            for r in laid.layout.range_rects(range) {
                let r = to_screen(r);
                painter.line_segment(
                    [pos2(r.min.x, r.max.y - 2.0), pos2(r.max.x, r.max.y - 2.0)],
                    Stroke::new(1.0, text_color),
                );
            }
        }
        if focused && let Some((top, h)) = self.caret_stop().and_then(|s| laid.map.pos(s)) {
            let top: Pos2 = top + origin;
            let caret = Rect::from_min_size(top, vec2(1.5, h));
            painter.line_segment([top, top + vec2(0.0, h)], Stroke::new(1.5, caret_color(ui)));
            // At a direction change, a thin second caret where text of the other direction
            // would go (pango's strong and weak carets).
            if preedit.is_none()
                && self.edit.selection().is_empty()
                && let Some((weak, wh)) = self.caret_stop().and_then(|s| laid.map.weak_pos(s))
            {
                let weak = weak + origin;
                painter.line_segment(
                    [weak + vec2(0.0, wh * 0.5), weak + vec2(0.0, wh)],
                    Stroke::new(1.0, caret_color(ui).gamma_multiply(0.6)),
                );
            }
            let to_global = ui
                .ctx()
                .layer_transform_to_global(ui.layer_id())
                .unwrap_or_default();
            ui.output_mut(|o| {
                o.ime = Some(egui::output::IMEOutput {
                    purpose: egui::IMEPurpose::Normal,
                    rect: to_global * rect,
                    cursor_rect: to_global * caret,
                    should_interrupt_composition: false,
                });
            });
        }
    }
}

fn caret_color(ui: &Ui) -> Color32 {
    ui.visuals().text_cursor.stroke.color
}
