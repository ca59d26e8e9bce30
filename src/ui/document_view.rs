//! The bidi document view: paints a [`DocumentLayout`] (lines broken, then reordered), draws
//! annotation highlights and the selection as shapes behind the text, and turns pointer input
//! into a logical selection (char offsets, end-exclusive) by hit-testing the layout.
//!
//! Each line is one egui galley whose sections are the line's units pushed in visual order (never
//! through `LayoutJob::append`, which would merge neighbours of equal format); a highlight edge
//! inside a word never splits the word's shaping.

use crate::model::{Annotation, AnnotationId, Label};
use crate::text::layout::{layout_document, DocumentLayout, LineLayout};
use crate::text::shaping::{unit_format, EguiMeasurer, ShapeCache};
use crate::text::DirectionSetting;
use egui::epaint::text::ByteIndex;
use egui::text::{LayoutJob, LayoutSection};
use egui::{pos2, vec2, Color32, CornerRadius, Rect, Sense, Stroke, StrokeKind, Ui};
use std::ops::Range;
use std::sync::Arc;

/// Default document font size, points.
pub const DOCUMENT_FONT_SIZE: f32 = 20.0;
/// Horizontal padding inside the view, points.
const PAD: f32 = 12.0;

/// State the view keeps across frames.
pub struct DocumentViewState {
    shapes: ShapeCache,
    layout: Option<(LayoutKey, Arc<DocumentLayout>)>,
    /// The current selection, char offsets, end-exclusive (may be empty while dragging).
    pub selection: Option<Range<usize>>,
    drag_anchor: Option<usize>,
    /// The selected annotation, if any.
    pub selected_annotation: Option<AnnotationId>,
    /// A char range to scroll into view on the next frame.
    pub scroll_to: Option<Range<usize>>,
    /// Screen rect of the laid-out text on the last frame (its top-left is layout (0, 0)).
    pub last_origin: Option<Rect>,
}

#[derive(Clone, PartialEq)]
struct LayoutKey {
    document: i64,
    width_bits: u32,
    direction: DirectionSetting,
    text_len: usize,
}

/// What the user did in the view this frame.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ViewOutput {
    /// An annotation was clicked.
    pub clicked_annotation: Option<AnnotationId>,
    /// The background was clicked (nothing under the pointer).
    pub clicked_empty: bool,
}

impl Default for DocumentViewState {
    fn default() -> Self {
        Self {
            shapes: ShapeCache::new(DOCUMENT_FONT_SIZE),
            layout: None,
            selection: None,
            drag_anchor: None,
            selected_annotation: None,
            scroll_to: None,
            last_origin: None,
        }
    }
}

impl DocumentViewState {
    /// Forgets the selection and drag state (e.g. when another document is opened).
    pub fn reset(&mut self) {
        self.selection = None;
        self.drag_anchor = None;
        self.selected_annotation = None;
        self.scroll_to = None;
    }

    /// The layout shown on the last frame.
    pub fn layout(&self) -> Option<&Arc<DocumentLayout>> {
        self.layout.as_ref().map(|(_, l)| l)
    }

    /// Screen rectangles of `range` (char offsets) on the last frame, for tests and scrolling.
    pub fn screen_rects(&self, range: Range<usize>) -> Vec<Rect> {
        let (Some(layout), Some(origin)) = (self.layout(), self.last_origin) else {
            return Vec::new();
        };
        layout.range_rects(range).into_iter().map(|r| r.translate(origin.min.to_vec2())).collect()
    }

    fn ensure_layout(&mut self, ui: &Ui, document: i64, text: &str, direction: DirectionSetting, width: f32) -> Arc<DocumentLayout> {
        let key = LayoutKey { document, width_bits: width.round().to_bits(), direction, text_len: text.len() };
        if let Some((k, l)) = &self.layout
            && *k == key
        {
            return l.clone();
        }
        let shapes = &mut self.shapes;
        let layout = ui.ctx().fonts_mut(|fonts| {
            let mut m = EguiMeasurer { fonts, cache: shapes };
            layout_document(text, direction, width.round(), &mut m)
        });
        let layout = Arc::new(layout);
        self.layout = Some((key, layout.clone()));
        layout
    }
}

fn label_color(labels: &[Label], id: i64) -> Color32 {
    labels.iter().find(|l| l.id == id).map_or(Color32::GRAY, |l| Color32::from_rgb(l.color[0], l.color[1], l.color[2]))
}

/// The galley job of one line: its visible units as sections in visual order (pushed by hand,
/// not through `LayoutJob::append`), and the x of the first visible unit from the line's left.
pub fn line_job(line: &LineLayout, font_size: f32, color: Color32) -> (LayoutJob, f32) {
    let mut job = LayoutJob::default();
    job.wrap.max_width = f32::INFINITY;
    job.break_on_newline = false;
    job.round_output_to_gui = false;
    let format = unit_format(font_size, line.height, color);
    for unit in line.units.iter().filter(|u| !u.text.is_empty()) {
        let start = job.text.len();
        job.text.push_str(&unit.text);
        job.sections.push(LayoutSection { leading_space: 0.0, byte_range: ByteIndex(start)..ByteIndex(job.text.len()), format: format.clone() });
    }
    let first_x = line.units.iter().find(|u| !u.text.is_empty()).map_or(0.0, |u| u.x);
    (job, first_x)
}

/// A cache for [`bidi_snippet`]: shaped units at the snippet font size.
pub struct SnippetCache {
    shapes: ShapeCache,
}

impl Default for SnippetCache {
    fn default() -> Self {
        Self { shapes: ShapeCache::new(SNIPPET_FONT_SIZE) }
    }
}

/// Font size of snippets in side panels, points.
pub const SNIPPET_FONT_SIZE: f32 = 15.0;

/// A one-line, clickable piece of mixed-direction text (e.g. an annotation's text in a list),
/// laid out by the same bidi engine as the document (never a plain egui label, which has no
/// bidi). Text longer than `max_chars` chars is cut with an ellipsis. `accessible` names the
/// widget.
pub fn bidi_snippet(
    ui: &mut Ui,
    cache: &mut SnippetCache,
    text: &str,
    max_chars: usize,
    selected: bool,
    accessible: &str,
) -> egui::Response {
    let flat: String = text.chars().map(|c| if crate::text::paragraphs::is_paragraph_separator(c) { ' ' } else { c }).collect();
    let shown: String = if flat.chars().count() > max_chars {
        flat.chars().take(max_chars).chain(std::iter::once('…')).collect()
    } else {
        flat
    };
    let shapes = &mut cache.shapes;
    let layout = ui.ctx().fonts_mut(|fonts| {
        let mut m = EguiMeasurer { fonts, cache: shapes };
        layout_document(&shown, DirectionSetting::Auto, f32::INFINITY, &mut m)
    });
    let Some(line) = layout.lines().next().cloned() else {
        return ui.label("");
    };
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, line.height), Sense::click());
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, accessible));
    let visuals = ui.style().interact_selectable(&response, selected);
    if selected || response.hovered() {
        ui.painter().rect_filled(rect, CornerRadius::same(2), visuals.weak_bg_fill);
    }
    let color = visuals.text_color();
    let (job, first_x) = line_job(&line, SNIPPET_FONT_SIZE, color);
    let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
    // Right-to-left snippets hug the right edge, left-to-right ones the left.
    let x = if layout.paragraphs.first().is_some_and(|p| p.rtl) { rect.max.x - line.width - 4.0 } else { rect.min.x + 4.0 };
    ui.painter().with_clip_rect(rect).galley(pos2(x + first_x, rect.min.y), galley, color);
    response
}

/// Annotations under char `i`, innermost (shortest) first.
pub fn annotations_at(annotations: &[Annotation], i: usize) -> Vec<&Annotation> {
    let mut hits: Vec<&Annotation> = annotations.iter().filter(|a| a.start <= i && i < a.end).collect();
    hits.sort_by_key(|a| (a.end - a.start, a.start, a.id));
    hits
}

/// Shows the document in a vertical scroll area filling `ui`. `document` identifies it for the
/// layout cache; `text` is its stored text; `annotations` are drawn as highlights.
pub fn show(
    ui: &mut Ui,
    state: &mut DocumentViewState,
    document: i64,
    text: &str,
    direction: DirectionSetting,
    annotations: &[Annotation],
    labels: &[Label],
) -> ViewOutput {
    let mut out = ViewOutput::default();
    let dark = ui.visuals().dark_mode;
    let text_color = ui.visuals().strong_text_color();
    egui::ScrollArea::vertical().id_salt("document-scroll").auto_shrink([false, false]).show(ui, |ui| {
        let width = (ui.available_width() - 2.0 * PAD).max(120.0);
        let layout = state.ensure_layout(ui, document, text, direction, width);
        let size = vec2(ui.available_width(), layout.height + 2.0 * PAD);
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Document text"));
        let origin = Rect::from_min_size(rect.min + vec2(PAD, PAD), vec2(width, layout.height));
        state.last_origin = Some(origin);
        let to_layout = |p: egui::Pos2| p - origin.min.to_vec2();
        let to_screen = |r: Rect| r.translate(origin.min.to_vec2());

        // Input: drag selects a logical range between press and current point.
        if response.drag_started()
            && let Some(p) = response.interact_pointer_pos()
        {
            let press = ui.input(|i| i.pointer.press_origin()).unwrap_or(p);
            let caret = layout.caret_at(to_layout(press));
            state.drag_anchor = Some(caret);
            state.selection = Some(caret..caret);
            state.selected_annotation = None;
        }
        if response.dragged()
            && let (Some(anchor), Some(p)) = (state.drag_anchor, response.interact_pointer_pos())
        {
            let caret = layout.caret_at(to_layout(p));
            state.selection = Some(anchor.min(caret)..anchor.max(caret));
        }
        if response.drag_stopped() {
            state.drag_anchor = None;
            if state.selection.as_ref().is_some_and(|s| s.is_empty()) {
                state.selection = None;
            }
        }
        if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            match layout.char_at(to_layout(p)) {
                Some(i) if !annotations_at(annotations, i).is_empty() => {
                    let hits = annotations_at(annotations, i);
                    // Repeated clicks cycle through stacked annotations.
                    let next = match state.selected_annotation.and_then(|s| hits.iter().position(|a| a.id == s)) {
                        Some(k) => hits[(k + 1) % hits.len()].id,
                        None => hits[0].id,
                    };
                    state.selected_annotation = Some(next);
                    state.selection = None;
                    out.clicked_annotation = Some(next);
                }
                _ => {
                    state.selection = None;
                    state.selected_annotation = None;
                    out.clicked_empty = true;
                }
            }
        }
        if let Some(range) = state.scroll_to.take()
            && let Some(b) = layout.range_bounds(range)
        {
            ui.scroll_to_rect(to_screen(b).expand(20.0), Some(egui::Align::Center));
        }

        let painter = ui.painter_at(rect);
        let clip = ui.clip_rect();
        // Highlights behind the text: outer (longer) spans first so nested ones sit on top.
        let mut sorted: Vec<&Annotation> = annotations.iter().collect();
        sorted.sort_by_key(|a| std::cmp::Reverse(a.end - a.start));
        for a in sorted {
            let color = label_color(labels, a.label_id);
            let fill = color.gamma_multiply(if dark { 0.45 } else { 0.30 });
            for r in layout.range_rects(a.range()) {
                let r = to_screen(r);
                if !r.intersects(clip) {
                    continue;
                }
                painter.rect_filled(r.shrink2(vec2(0.0, 2.0)), CornerRadius::same(3), fill);
                painter.line_segment([pos2(r.min.x, r.max.y - 2.0), pos2(r.max.x, r.max.y - 2.0)], Stroke::new(2.0, color));
                if state.selected_annotation == Some(a.id) {
                    painter.rect_stroke(r.shrink2(vec2(0.0, 1.0)), CornerRadius::same(3), Stroke::new(2.0, text_color), StrokeKind::Inside);
                }
            }
        }
        if let Some(sel) = state.selection.clone() {
            let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
            for r in layout.range_rects(sel) {
                painter.rect_filled(to_screen(r), CornerRadius::ZERO, fill);
            }
        }

        // Text: one galley per visible line, units pushed as sections in visual order.
        let shapes_font = state.shapes.font_size();
        for line in layout.lines() {
            let lr = to_screen(Rect::from_min_size(pos2(line.x, line.y), vec2(line.width.max(1.0), line.height)));
            if !lr.intersects(clip) || line.units.is_empty() {
                continue;
            }
            let (job, first_x) = line_job(line, shapes_font, text_color);
            let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
            painter.galley(lr.min + vec2(first_x, 0.0), galley, text_color);
        }

        // Hover: show the labels under the pointer.
        if let Some(p) = response.hover_pos()
            && let Some(i) = layout.char_at(to_layout(p))
        {
            let hits = annotations_at(annotations, i);
            if !hits.is_empty() {
                let names: Vec<String> = hits
                    .iter()
                    .map(|a| labels.iter().find(|l| l.id == a.label_id).map_or("?".to_owned(), |l| l.name.clone()))
                    .collect();
                response.clone().on_hover_text_at_pointer(names.join(" / "));
            }
        }
        if response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
        }
    });
    out
}
