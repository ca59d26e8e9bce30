//! Widget text laid out by the document view's bidi engine ([`crate::text`]), for every string
//! of the interface that may hold Arabic: labels, buttons, menu items, headings, hover texts.
//!
//! egui 0.37 has no bidi: a plain `Label` shows an Arabic sentence's words left to right in
//! logical order. Here the text goes through [`layout_document`] (UAX #9 reordering, UAX #14
//! line breaks, one galley per unit shaped by egui's harfrust) and the units' galleys are merged
//! into one [`Galley`] that any egui widget takes as its text ([`WidgetText::Galley`]): buttons,
//! menu buttons, check boxes, combo boxes, collapsing headers, window titles, tooltips.
//!
//! The merged galley keeps the text in logical order as its `job.text`, so AccessKit (and
//! kittest's `get_by_label`) read what the user reads, not the visual order. Its glyphs are not
//! in logical order, so such a galley must not be used for selectable or editable text (see
//! [`label`], which turns selection off).
//!
//! Direction: interface strings take the interface's direction ([`set_ui_rtl`], set each frame
//! by the app); data (file names, entity names) is laid out with its own first strong char
//! ([`Dir::Auto`]).

use super::document_view::SNIPPET_FONT_SIZE;
use crate::text::DirectionSetting;
use crate::text::layout::layout_document;
use crate::text::shaping::{EguiMeasurer, ShapeCache, line_galleys};
use egui::emath::GuiRounding as _;
use egui::text::LayoutJob;
use egui::{Color32, Galley, Rect, Response, TextStyle, Ui, WidgetText, pos2, vec2};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The base direction of a piece of widget text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// The interface's direction (right to left in Arabic): for translated strings.
    Ui,
    /// From the text's first strong char (UAX #9 P2–P3): for the user's data.
    Auto,
}

#[derive(Default)]
struct Caches {
    /// Shaped units per font size (bits of the f32).
    shapes: HashMap<u32, ShapeCache>,
}

type Shared = Arc<Mutex<Caches>>;

fn caches(ctx: &egui::Context) -> Shared {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Shared>(egui::Id::unique("sanad-bidi-widgets"))
            .clone()
    })
}

fn rtl_id() -> egui::Id {
    egui::Id::unique("sanad-ui-rtl")
}

/// Sets the interface's direction (true: right to left) for the strings drawn after it.
pub fn set_ui_rtl(ctx: &egui::Context, rtl: bool) {
    ctx.data_mut(|d| d.insert_temp(rtl_id(), rtl));
}

/// Is the interface right to left (as last set by [`set_ui_rtl`])?
pub fn ui_rtl(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(rtl_id()).unwrap_or(false))
}

/// The font size of `style` in `ui`'s style, points, with a floor that keeps Naskh legible.
fn style_size(ui: &Ui, style: &TextStyle) -> f32 {
    let size = ui
        .style()
        .text_styles
        .get(style)
        .map_or(SNIPPET_FONT_SIZE, |f| f.size);
    size.max(10.0)
}

/// `text` laid out by the bidi engine at `size` points: one line per paragraph (or wrapped at
/// `wrap` points), each line aligned to the right edge when its paragraph is right to left. With
/// `color` `None` the galley takes the widget's text colour.
pub fn galley(
    ctx: &egui::Context,
    text: &str,
    size: f32,
    dir: Dir,
    wrap: Option<f32>,
    color: Option<Color32>,
) -> Arc<Galley> {
    let direction = match dir {
        Dir::Ui if ui_rtl(ctx) => DirectionSetting::Rtl,
        Dir::Ui => DirectionSetting::Ltr,
        Dir::Auto => DirectionSetting::Auto,
    };
    let shared = caches(ctx);
    let mut guard = shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let cache = guard
        .shapes
        .entry(size.to_bits())
        .or_insert_with(|| ShapeCache::new(size));
    let ppp = ctx.pixels_per_point();
    ctx.fonts_mut(|fonts| {
        let mut m = EguiMeasurer {
            fonts,
            cache: &mut *cache,
        };
        // Rows as tall as egui's own for this size, so panels keep their geometry; the
        // document font's taller line is centred on it (Naskh marks may overhang a little).
        let row_height = m
            .fonts
            .row_height(&egui::FontId::proportional(size))
            .max(size);
        let layout = layout_document(text, direction, wrap.unwrap_or(f32::INFINITY), &mut m);
        let lines: Vec<(bool, crate::text::layout::LineLayout)> = layout
            .paragraphs()
            .flat_map(|p| p.lines.iter().map(move |l| (p.rtl, l.clone())))
            .collect();
        let width = lines.iter().map(|(_, l)| l.width).fold(0.0, f32::max);
        let mut job = LayoutJob::simple_singleline(
            text.to_owned(),
            crate::text::fonts::document_font(size),
            Color32::PLACEHOLDER,
        );
        job.round_output_to_gui = false;
        let mut out = Galley::concat(Arc::new(job), &[], ppp);
        let mut y = 0.0;
        for (rtl, line) in &lines {
            let x = if *rtl { width - line.width } else { 0.0 };
            let dy = (row_height - line.height) / 2.0;
            for placed in line_galleys(fonts, cache, line) {
                let offset = vec2(x + placed.offset.x, y + dy + placed.offset.y);
                for row in &placed.galley.rows {
                    let pos = (row.pos + offset).round_to_pixels(ppp);
                    let mut row_arc = row.row.clone();
                    if let Some(c) = color {
                        let r = Arc::make_mut(&mut row_arc);
                        for v in &mut r.visuals.mesh.vertices {
                            if v.color == Color32::PLACEHOLDER {
                                v.color = c;
                            }
                        }
                    }
                    out.mesh_bounds |= row.visuals.mesh_bounds.translate(pos.to_vec2());
                    out.num_vertices += row.visuals.mesh.vertices.len();
                    out.num_indices += row.visuals.mesh.indices.len();
                    out.rows.push(egui::epaint::text::PlacedRow {
                        pos,
                        row: row_arc,
                        ends_with_newline: false,
                    });
                }
            }
            y += row_height;
        }
        out.rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(width.ceil(), y.ceil()));
        Arc::new(out)
    })
}

/// Widget text in `ui`'s `style` (Body, Button, Heading, Small…), in the interface's direction.
pub fn text(ui: &Ui, s: &str, style: TextStyle) -> WidgetText {
    WidgetText::Galley(galley(
        ui.ctx(),
        s,
        style_size(ui, &style),
        Dir::Ui,
        None,
        None,
    ))
}

/// Widget text for the user's data (its own direction).
pub fn data_text(ui: &Ui, s: &str, style: TextStyle) -> WidgetText {
    WidgetText::Galley(galley(
        ui.ctx(),
        s,
        style_size(ui, &style),
        Dir::Auto,
        None,
        None,
    ))
}

/// Button-sized text in the interface's direction (for buttons, menu items, check boxes).
pub fn btn(ui: &Ui, s: &str) -> WidgetText {
    text(ui, s, TextStyle::Button)
}

/// Hover text, wrapped at 360 points.
pub fn hover(ui: &Ui, s: &str) -> WidgetText {
    WidgetText::Galley(galley(
        ui.ctx(),
        s,
        style_size(ui, &TextStyle::Body),
        Dir::Ui,
        Some(360.0),
        None,
    ))
}

/// A (non-selectable) label in the body style; wrapped to the width available when it is wider.
pub fn label(ui: &mut Ui, s: &str) -> Response {
    colored_label(ui, s, None)
}

/// A label in `color` (e.g. weak, warning, error), wrapped to the width available.
pub fn colored_label(ui: &mut Ui, s: &str, color: Option<Color32>) -> Response {
    let size = style_size(ui, &TextStyle::Body);
    let wrap = ui.available_width().max(60.0);
    let g = galley(ui.ctx(), s, size, Dir::Ui, Some(wrap), color);
    ui.add(egui::Label::new(WidgetText::Galley(g)).selectable(false))
}

/// A weak (secondary) label.
pub fn weak(ui: &mut Ui, s: &str) -> Response {
    let c = ui.visuals().weak_text_color();
    colored_label(ui, s, Some(c))
}

/// A strong label.
pub fn strong(ui: &mut Ui, s: &str) -> Response {
    let c = ui.visuals().strong_text_color();
    colored_label(ui, s, Some(c))
}

/// A small label.
pub fn small(ui: &mut Ui, s: &str) -> Response {
    let g = galley(
        ui.ctx(),
        s,
        style_size(ui, &TextStyle::Small).max(11.0),
        Dir::Ui,
        None,
        None,
    );
    ui.add(egui::Label::new(WidgetText::Galley(g)).selectable(false))
}

/// A heading.
pub fn heading(ui: &mut Ui, s: &str) -> Response {
    let g = galley(
        ui.ctx(),
        s,
        style_size(ui, &TextStyle::Heading),
        Dir::Ui,
        None,
        None,
    );
    ui.add(egui::Label::new(WidgetText::Galley(g)).selectable(false))
}

/// A button.
pub fn button(ui: &mut Ui, s: &str) -> Response {
    let t = btn(ui, s);
    ui.button(t)
}

/// A small button.
pub fn small_button(ui: &mut Ui, s: &str) -> Response {
    let t = btn(ui, s);
    ui.add(egui::Button::new(t).small())
}

/// A selectable label (a toggle shown as selected or not).
pub fn selectable(ui: &mut Ui, selected: bool, s: &str) -> Response {
    let t = btn(ui, s);
    ui.selectable_label(selected, t)
}

/// A menu item: the text at the reading start, its shortcut (if any) at the other end; the
/// whole row mirrored in a right-to-left interface.
pub fn menu_item(ui: &mut Ui, enabled: bool, s: &str, shortcut: Option<&str>) -> Response {
    let t = btn(ui, s);
    let rtl = mirror(ui);
    let button = match shortcut {
        Some(k) if rtl => egui::Button::new((egui::RichText::new(k).weak(), egui::Atom::grow(), t)),
        Some(k) => egui::Button::new(t).shortcut_text(k),
        None if rtl => egui::Button::new((egui::Atom::grow(), t)),
        None => egui::Button::new(t),
    };
    let response = ui.add_enabled(enabled, button);
    if rtl && let Some(k) = shortcut {
        // Named as in English: the text, then its shortcut (not in the order drawn).
        let name = format!("{s} {k}");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &name));
    }
    response
}

/// Is the interface right to left and `ui` of a known width? (A window's first, sizing pass
/// offers an infinite width, where a layout aligned right would start at infinity.)
fn mirror(ui: &Ui) -> bool {
    ui_rtl(ui.ctx())
        && ui.available_size_before_wrap().x.is_finite()
        && ui.max_rect().max.x.is_finite()
}

/// A check box: egui's in English; in Arabic the box stands at the right of its text (the
/// reading start), drawn here the way egui draws its own.
pub fn checkbox(ui: &mut Ui, value: &mut bool, s: &str) -> Response {
    let t = btn(ui, s);
    if !mirror(ui) {
        return ui.checkbox(value, t);
    }
    let WidgetText::Galley(g) = t else {
        return ui.checkbox(value, s);
    };
    let mut response = mirrored_toggle(ui, g, *value, s, egui::Role::CheckBox, |p, r, v| {
        let r = r.shrink(r.width() * 0.2);
        p.add(egui::Shape::line(
            vec![
                pos2(r.left(), r.center().y),
                pos2(r.center().x, r.bottom()),
                pos2(r.right(), r.top()),
            ],
            v.fg_stroke,
        ));
    });
    if response.clicked() {
        *value = !*value;
        response.mark_changed();
    }
    response
}

/// A radio button choosing `alternative` for `current`: egui's in English; in Arabic the circle
/// stands at the right of its text (the reading start), as [`checkbox`] does.
pub fn radio_value<V: PartialEq>(
    ui: &mut Ui,
    current: &mut V,
    alternative: V,
    s: &str,
) -> Response {
    let t = btn(ui, s);
    if !mirror(ui) {
        return ui.radio_value(current, alternative, t);
    }
    let WidgetText::Galley(g) = t else {
        return ui.radio_value(current, alternative, s);
    };
    let checked = *current == alternative;
    let mut response = mirrored_toggle(ui, g, checked, s, egui::Role::RadioButton, |p, r, v| {
        p.circle_filled(r.center(), r.width() / 4.0, v.fg_stroke.color);
    });
    if response.clicked() && !checked {
        *current = alternative;
        response.mark_changed();
    }
    response
}

/// A check box or radio button laid out right to left: its indicator (a box, or a circle for
/// [`egui::Role::RadioButton`]) at the right, `g` to its left; `mark` draws the ticked state
/// inside the indicator's rect.
fn mirrored_toggle(
    ui: &mut Ui,
    g: Arc<Galley>,
    checked: bool,
    s: &str,
    role: egui::Role,
    mark: impl FnOnce(&egui::Painter, Rect, &egui::style::WidgetVisuals),
) -> Response {
    let icon = ui.spacing().icon_width;
    let gap = ui.spacing().icon_spacing;
    let pad = ui.spacing().button_padding;
    let size = vec2(
        icon + gap + g.size().x + pad.x,
        g.size().y.max(ui.spacing().interact_size.y),
    );
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    let (enabled, text) = (ui.is_enabled(), s.to_owned());
    response.widget_info(|| egui::WidgetInfo::selected(role, enabled, checked, &text));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        let box_rect = Rect::from_center_size(
            pos2(rect.max.x - icon / 2.0, rect.center().y),
            vec2(icon, icon),
        );
        let painter = ui.painter();
        if role == egui::Role::RadioButton {
            painter.circle(
                box_rect.center(),
                box_rect.width() / 2.0 + visuals.expansion,
                visuals.bg_fill,
                visuals.bg_stroke,
            );
        } else {
            painter.rect(
                box_rect.expand(visuals.expansion),
                visuals.corner_radius,
                visuals.bg_fill,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            );
        }
        if checked {
            mark(painter, box_rect, visuals);
        }
        let pos = pos2(
            box_rect.min.x - gap - g.size().x,
            rect.center().y - g.size().y / 2.0,
        );
        painter.galley(pos, g, visuals.text_color());
    }
    response
}

/// Lays `add` out as a row that starts at the reading start: left to right in English, right to
/// left in Arabic (one row high to start with, like `ui.horizontal`).
pub fn row<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> egui::InnerResponse<R> {
    row_layout(ui, false, add)
}

/// Like [`row`], wrapping to further lines when the row is full.
pub fn row_wrapped<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> egui::InnerResponse<R> {
    row_layout(ui, true, add)
}

fn row_layout<R>(
    ui: &mut Ui,
    wrap: bool,
    add: impl FnOnce(&mut Ui) -> R,
) -> egui::InnerResponse<R> {
    let layout = if mirror(ui) {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    let size = vec2(
        ui.available_size_before_wrap().x,
        ui.spacing().interact_size.y,
    );
    ui.allocate_ui_with_layout(size, layout.with_main_wrap(wrap), add)
}

/// Lays `add` out top to bottom, each widget at the reading start (right edge in Arabic). Inside
/// it, egui's own `ui.horizontal` rows run right to left too (egui prefers right to left in a
/// top-down layout aligned to the right).
pub fn column<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> egui::InnerResponse<R> {
    let align = if mirror(ui) {
        egui::Align::Max
    } else {
        egui::Align::Min
    };
    ui.with_layout(egui::Layout::top_down(align), add)
}

/// An arrow pointing forward in reading order (▶ in English, ◀ in Arabic); `back` for the other.
pub fn arrow(ctx: &egui::Context, back: bool) -> &'static str {
    if ui_rtl(ctx) != back { "◀" } else { "▶" }
}
