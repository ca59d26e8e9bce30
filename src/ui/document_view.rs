//! The bidi document view: paints a [`DocumentLayout`] (lines broken, then reordered), draws
//! annotation highlights and the selection as shapes behind the text, and turns pointer and
//! keyboard input into a logical selection (char offsets, end-exclusive) by hit-testing the layout.
//!
//! Each unit of a line is its own egui galley (the one it was measured with), placed at its x in
//! visual order and on the line's common baseline, so Latin, digits and Arabic sit on one baseline
//! and a highlight edge inside a word never splits the word's shaping. Only the paragraphs in view
//! are laid out. Screen readers get the text, the caret, the selection and the annotations
//! through AccessKit ([`super::document_access`]); each label's underline style comes from
//! [`super::label_style`].

use super::{document_access, label_style, overlays};
use crate::model::{Annotation, AnnotationId, Label, Relation, Suggestion, SuggestionId};
use crate::text::document::DocumentLayout;
use crate::text::layout::{LineLayout, layout_document};
use crate::text::shaping::{EguiMeasurer, ShapeCache, line_galleys};
use crate::text::{DirectionSetting, words};
use egui::{
    Color32, CornerRadius, Event, FontId, Key, Modifiers, Rect, Sense, Stroke, StrokeKind, Ui,
    pos2, vec2,
};
use std::ops::Range;
use std::sync::Arc;

/// Default document font size, points.
pub const DOCUMENT_FONT_SIZE: f32 = 20.0;
/// Padding around the text inside the view, points.
const PAD: f32 = 12.0;
/// Padding right of the text: right-aligned lines keep clear of the scroll bar, points.
const PAD_RIGHT: f32 = 24.0;
/// Padding above the first line: room for relation arcs that rise above it, points.
const PAD_TOP: f32 = 34.0;
/// How far beyond the visible band paragraphs are laid out ahead of scrolling, points.
const OVERSCAN: f32 = 300.0;

/// A visible line as painted: the line, its screen rectangle, and its galley with the position
/// it is painted at (none for a line of invisible characters only).
type DrawnLine<'a> = (&'a LineLayout, Rect, Vec<(egui::Pos2, Arc<egui::Galley>)>);

/// State the view keeps across frames.
pub struct DocumentViewState {
    /// The interface language for the selection chip (set by the app each frame; English
    /// without one).
    pub locale: Option<Arc<super::i18n::Locale>>,
    shapes: ShapeCache,
    text: Option<(i64, Arc<str>)>,
    layout: Option<(LayoutKey, DocumentLayout)>,
    /// The current selection, char offsets, end-exclusive (may be empty: a caret).
    pub selection: Option<Range<usize>>,
    /// The fixed end of the selection (where the drag or Shift-extension started).
    anchor: Option<usize>,
    /// The moving end of the selection: where the caret is drawn.
    active: Option<usize>,
    dragging: bool,
    /// Where the drag that is under way started, before snapping (char offset).
    drag_origin: Option<usize>,
    /// A drag selects whole words at both ends; Alt while dragging gives grapheme precision.
    pub snap_to_words: bool,
    /// The selected annotation, if any.
    pub selected_annotation: Option<AnnotationId>,
    /// The selected gazetteer suggestion, if any (Enter or A accepts it, X rejects it).
    pub selected_suggestion: Option<SuggestionId>,
    /// A char range to scroll into view on the next frame.
    pub scroll_to: Option<Range<usize>>,
    /// Draw LRM, RLM, ALM, embeddings, overrides, isolates, ZWJ, ZWNJ and BOMs as markers.
    pub show_controls: bool,
    /// Screen rect of the laid-out text on the last frame (its top-left is layout (0, 0)).
    pub last_origin: Option<Rect>,
    /// Char offsets of the shown document's chars that no font can draw (for the text it was
    /// computed on: document id and byte length).
    undrawable: Option<(i64, usize, Arc<Vec<usize>>)>,
    /// How many chars no font can draw, per document shown so far (the document list flags them).
    pub undrawable_counts: std::collections::HashMap<i64, usize>,
    /// The shown text as AccessKit text runs, for the text it was made from (document id, byte
    /// length, direction).
    access_runs: Option<(
        (i64, usize, DirectionSetting),
        Arc<document_access::TextRuns>,
    )>,
}

#[derive(Clone, PartialEq)]
struct LayoutKey {
    document: i64,
    width_bits: u32,
    direction: DirectionSetting,
}

/// What the user did in the view this frame.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ViewOutput {
    /// An annotation was clicked.
    pub clicked_annotation: Option<AnnotationId>,
    /// A suggestion (with no annotation over the clicked char) was clicked.
    pub clicked_suggestion: Option<SuggestionId>,
    /// Text was copied to the clipboard (its length in chars).
    pub copied: Option<usize>,
}

impl Default for DocumentViewState {
    fn default() -> Self {
        Self {
            locale: None,
            shapes: ShapeCache::new(DOCUMENT_FONT_SIZE),
            text: None,
            layout: None,
            selection: None,
            anchor: None,
            active: None,
            dragging: false,
            drag_origin: None,
            snap_to_words: true,
            selected_annotation: None,
            selected_suggestion: None,
            scroll_to: None,
            show_controls: false,
            last_origin: None,
            undrawable: None,
            undrawable_counts: Default::default(),
            access_runs: None,
        }
    }
}

impl DocumentViewState {
    /// Forgets the selection, the caret and the layout (e.g. when another document is opened).
    pub fn reset(&mut self) {
        self.selection = None;
        self.anchor = None;
        self.active = None;
        self.dragging = false;
        self.drag_origin = None;
        self.selected_annotation = None;
        self.selected_suggestion = None;
        self.scroll_to = None;
    }

    /// Draws the document at `font_size` points with lines `spacing` times the font's own line
    /// height (1.0: as the font says); a change lays the document out again.
    pub fn set_reading(&mut self, font_size: f32, spacing: f32) {
        if self.shapes.font_size() != font_size || self.shapes.spacing() != spacing {
            self.shapes = ShapeCache::with_spacing(font_size, spacing);
            self.layout = None;
        }
    }

    /// The document font size, points.
    pub fn font_size(&self) -> f32 {
        self.shapes.font_size()
    }

    /// The shown text as AccessKit runs (made once per text).
    fn access_runs(
        &mut self,
        document: i64,
        text: &str,
        direction: DirectionSetting,
    ) -> Arc<document_access::TextRuns> {
        let key = (document, text.len(), direction);
        match &self.access_runs {
            Some((k, runs)) if *k == key => runs.clone(),
            _ => {
                let runs = Arc::new(document_access::TextRuns::new(text, direction));
                self.access_runs = Some((key, runs.clone()));
                runs
            }
        }
    }

    /// Sets the selection to `range` (char offsets); the caret goes to its end.
    pub fn select(&mut self, range: Range<usize>) {
        self.anchor = Some(range.start);
        self.active = Some(range.end);
        self.selection = Some(range);
    }

    /// Clears the selection and the caret.
    pub fn clear_selection(&mut self) {
        self.selection = None;
        self.anchor = None;
        self.active = None;
    }

    /// The layout shown on the last frame.
    pub fn layout(&self) -> Option<&DocumentLayout> {
        self.layout.as_ref().map(|(_, l)| l)
    }

    /// Screen rectangles of `range` (char offsets) on the last frame, for tests and scrolling.
    pub fn screen_rects(&self, range: Range<usize>) -> Vec<Rect> {
        let (Some(layout), Some(origin)) = (self.layout(), self.last_origin) else {
            return Vec::new();
        };
        layout
            .range_rects(range)
            .into_iter()
            .map(|r| r.translate(origin.min.to_vec2()))
            .collect()
    }

    /// The chars of `text` (document `document`) that no font can draw, as char offsets; computed
    /// once per text. Controls, spaces, marks and invisible formatting chars never count.
    fn undrawable_chars(&mut self, ui: &Ui, document: i64, text: &str) -> Arc<Vec<usize>> {
        if let Some((id, len, found)) = &self.undrawable
            && *id == document
            && *len == text.len()
        {
            return found.clone();
        }
        let font = crate::text::fonts::document_font(self.shapes.font_size());
        let mut known: std::collections::HashMap<char, bool> = Default::default();
        let found: Vec<usize> = ui.ctx().fonts_mut(|fonts| {
            text.chars()
                .enumerate()
                .filter(|&(_, c)| {
                    *known.entry(c).or_insert_with(|| {
                        let class = unicode_bidi::bidi_class(c);
                        let invisible = c.is_control()
                            || c.is_whitespace()
                            || crate::text::units::is_invisible_control(c, class)
                            || matches!(class, unicode_bidi::BidiClass::NSM);
                        !invisible && !fonts.has_glyph(&font, c)
                    })
                })
                .map(|(i, _)| i)
                .collect()
        });
        self.undrawable_counts.insert(document, found.len());
        let found = Arc::new(found);
        self.undrawable = Some((document, text.len(), found.clone()));
        found
    }

    fn set_caret(&mut self, anchor: usize, active: usize) {
        self.anchor = Some(anchor);
        self.active = Some(active);
        self.selection = Some(anchor.min(active)..anchor.max(active));
    }

    fn text_for(&mut self, document: i64, text: &str) -> Arc<str> {
        match &self.text {
            Some((id, t)) if *id == document && t.len() == text.len() => t.clone(),
            _ => {
                let t: Arc<str> = Arc::from(text);
                self.text = Some((document, t.clone()));
                self.layout = None;
                t
            }
        }
    }
}

/// Paints `line` (laid out with the shapes in `cache`) with its top-left corner at `line_min`
/// (screen points): one galley per unit, every unit on the line's common baseline, positions
/// rounded to physical pixels so glyphs stay crisp.
pub(crate) fn paint_line(
    ui: &Ui,
    painter: &egui::Painter,
    cache: &mut ShapeCache,
    line: &LineLayout,
    line_min: egui::Pos2,
    color: Color32,
) {
    let ppp = ui.ctx().pixels_per_point();
    let round = |v: f32| (v * ppp).round() / ppp;
    let placed = ui.ctx().fonts_mut(|fonts| line_galleys(fonts, cache, line));
    for p in placed {
        let pos = pos2(
            round(line_min.x + p.offset.x),
            round(line_min.y + p.offset.y),
        );
        painter.galley(pos, p.galley, color);
    }
}

/// A cache for [`bidi_snippet`]: shaped units at the snippet font size.
pub struct SnippetCache {
    shapes: ShapeCache,
}

impl SnippetCache {
    /// The shaped units (for drawing a snippet laid out elsewhere, e.g. search results).
    pub fn shapes_mut(&mut self) -> &mut ShapeCache {
        &mut self.shapes
    }
}

impl Default for SnippetCache {
    fn default() -> Self {
        Self {
            shapes: ShapeCache::new(SNIPPET_FONT_SIZE),
        }
    }
}

/// Font size of snippets in side panels, points.
pub const SNIPPET_FONT_SIZE: f32 = 15.0;

/// Snippets lay out at most this many chars of their text (a bound for very long notes); what is
/// shown is then cut to the width available.
const SNIPPET_MAX_CHARS: usize = 400;

/// Lays out `text` on one line, cut with an ellipsis to fit `width` points if it is wider: at the
/// last line break opportunity (UAX #14) that fits, else (no word fits, or the words that fit
/// fill less than a third of `width`) between grapheme clusters.
pub fn fit_snippet(
    text: &str,
    width: f32,
    measurer: &mut dyn crate::text::layout::Measurer,
) -> DocumentLayout {
    let lay = |s: &str, m: &mut dyn crate::text::layout::Measurer| {
        layout_document(s, DirectionSetting::Auto, f32::INFINITY, m)
    };
    let full = lay(text, measurer);
    let line_width = |l: &DocumentLayout| l.lines().map(|l| l.width).fold(0.0, f32::max);
    if line_width(&full) <= width {
        return full;
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |n: usize| -> String {
        let mut s: String = chars[..n].iter().collect::<String>().trim_end().to_owned();
        s.push('…');
        s
    };
    let (allowed, _) = crate::text::units::break_opportunities(text, chars.len());
    let words: Vec<usize> = (1..chars.len()).filter(|&i| allowed[i]).collect();
    let graphemes: Vec<usize> = crate::text::measure::grapheme_char_ranges(text)
        .into_iter()
        .map(|g| g.end)
        .filter(|&e| e < chars.len())
        .collect();
    let mut fallback = None;
    for (whole_words, candidates) in [(true, words), (false, graphemes)] {
        // The longest prefix that fits: widths grow with the prefix, so search by halves.
        let (mut lo, mut hi) = (0usize, candidates.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if line_width(&lay(&cut(candidates[mid - 1]), measurer)) <= width {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if lo > 0 {
            let fitted = lay(&cut(candidates[lo - 1]), measurer);
            // Whole words, unless they fill less than a third of the width (a long unbroken
            // name such as `040-text_span_annotation.txt` showed as `040-…`): then graphemes.
            if !whole_words || line_width(&fitted) >= width / 3.0 {
                return fitted;
            }
            fallback = Some(fitted);
        }
    }
    fallback.unwrap_or_else(|| lay("…", measurer))
}

/// A one-line, clickable piece of mixed-direction text (e.g. an annotation's text in a list),
/// laid out and painted by the same bidi engine as the document (never a plain egui label, which
/// has no bidi). Text wider than the space available is cut to fit, with an ellipsis: at the last
/// line break opportunity (UAX #14) that fits, so words stay whole, or between grapheme clusters
/// when not even the first word fits or the whole words that fit fill less than a third of the
/// width (see [`fit_snippet`]). `accessible` names the widget.
pub fn bidi_snippet(
    ui: &mut Ui,
    cache: &mut SnippetCache,
    text: &str,
    selected: bool,
    accessible: &str,
) -> egui::Response {
    let flat: String = text
        .chars()
        .take(SNIPPET_MAX_CHARS)
        .map(|c| {
            if crate::text::paragraphs::is_paragraph_separator(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let available = (ui.available_width() - 8.0).max(16.0);
    let shapes = &mut cache.shapes;
    let layout = ui.ctx().fonts_mut(|fonts| {
        let mut m = EguiMeasurer {
            fonts,
            cache: shapes,
        };
        fit_snippet(&flat, available, &mut m)
    });
    let Some(line) = layout.lines().next().cloned() else {
        return ui.label("");
    };
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, line.height), Sense::click());
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, accessible));
    let visuals = ui.style().interact_selectable(&response, selected);
    if selected || response.hovered() {
        ui.painter()
            .rect_filled(rect, CornerRadius::same(2), visuals.weak_bg_fill);
    }
    super::reading::paint_focus_ring(ui, &response, rect);
    let color = visuals.text_color();
    // Right-to-left snippets hug the right edge, left-to-right ones the left.
    // In a right-to-left interface every row hugs the right edge, as lists there read.
    let x = if layout.paragraphs().next().is_some_and(|p| p.rtl)
        || super::bidi_widgets::ui_rtl(ui.ctx())
    {
        rect.max.x - line.width - 4.0
    } else {
        rect.min.x + 4.0
    };
    let painter = ui.painter().with_clip_rect(rect);
    paint_line(
        ui,
        &painter,
        &mut cache.shapes,
        &line,
        pos2(x, rect.min.y),
        color,
    );
    response
}

/// Annotations under char `i`, innermost (shortest) first.
pub fn annotations_at(annotations: &[Annotation], i: usize) -> Vec<&Annotation> {
    let mut hits: Vec<&Annotation> = annotations
        .iter()
        .filter(|a| a.start <= i && i < a.end)
        .collect();
    hits.sort_by_key(|a| (a.end - a.start, a.start, a.id));
    hits
}

/// What the view shows: one document with its annotations and relations.
pub struct DocumentRef<'a> {
    /// Document id (keys the layout cache).
    pub id: i64,
    /// Its stored text.
    pub text: &'a str,
    /// Paragraph direction setting.
    pub direction: DirectionSetting,
    /// Annotations, drawn as highlights (nested ones stacked).
    pub annotations: &'a [Annotation],
    /// Relations, drawn as arcs with arrowheads between their spans.
    pub relations: &'a [Relation],
    /// Gazetteer suggestions, drawn dashed (not annotations until accepted).
    pub suggestions: &'a [Suggestion],
    /// The curation view's annotators' spans, drawn as thin bars at the top of their lines, one
    /// lane per annotator (empty outside the curation view).
    pub lanes: &'a [Lane],
}

/// One annotator's span in the curation view: a thin bar in its label's colour at the top of
/// each line it covers, lifted by its lane, behind the text (never splitting it).
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The span, chars, end-exclusive.
    pub range: Range<usize>,
    /// Its lane (0 = the top).
    pub lane: usize,
    /// Its label's colour.
    pub color: Color32,
    /// Not held alike by every annotator: outlined in the warning colour.
    pub disputed: bool,
    /// Selected in the curation list: framed in the text colour.
    pub selected: bool,
}

/// Height of one lane's bar, points.
pub const LANE_HEIGHT: f32 = 3.0;

/// Shows the document in a vertical scroll area filling `ui`. `relation_from` is the head of a
/// relation being made (drawn outlined; the pointer becomes a crosshair).
pub fn show(
    ui: &mut Ui,
    state: &mut DocumentViewState,
    doc: DocumentRef<'_>,
    labels: &[Label],
    relation_from: Option<AnnotationId>,
) -> ViewOutput {
    let DocumentRef {
        id: document,
        text,
        direction,
        annotations,
        relations,
        suggestions,
        lanes,
    } = doc;
    let mut out = ViewOutput::default();
    let dark = ui.visuals().dark_mode;
    let text_color = ui.visuals().strong_text_color();
    let shared_text = state.text_for(document, text);
    let undrawable = state.undrawable_chars(ui, document, text);
    egui::ScrollArea::vertical()
        .id_salt(("document-scroll", document))
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let width = (ui.available_width() - PAD - PAD_RIGHT).max(120.0).round();
            let key = LayoutKey {
                document,
                width_bits: width.to_bits(),
                direction,
            };
            let DocumentViewState {
                shapes,
                layout: slot,
                ..
            } = state;
            ui.ctx().fonts_mut(|fonts| {
                let mut m = EguiMeasurer {
                    fonts,
                    cache: shapes,
                };
                if slot.as_ref().is_none_or(|(k, _)| *k != key) {
                    let line_height = crate::text::layout::Measurer::line_height(&mut m);
                    *slot = Some((
                        key,
                        DocumentLayout::new(shared_text.clone(), direction, width, line_height),
                    ));
                }
                let (_, layout) = slot.as_mut().expect("set just above");
                if let Some(range) = &state.scroll_to {
                    layout.ensure_chars(range.clone(), &mut m);
                }
                let band =
                    (viewport.min.y - PAD_TOP - OVERSCAN)..(viewport.max.y - PAD_TOP + OVERSCAN);
                layout.ensure_visible(band, &mut m);
            });
            // Taken out of the state for the rest of the frame, so the state can change meanwhile.
            let Some((layout_key, layout_owned)) = state.layout.take() else {
                return;
            };
            let layout = &layout_owned;
            let band = (viewport.min.y - PAD_TOP)..(viewport.max.y - PAD_TOP);

            let size = vec2(ui.available_width(), layout.height() + PAD_TOP + PAD);
            let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
            let name = match &state.locale {
                Some(l) => l.tr("a11y-document"),
                None => "Document text".to_owned(),
            };
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, &name));
            super::reading::paint_focus_ring(ui, &response, rect);
            let origin =
                Rect::from_min_size(rect.min + vec2(PAD, PAD_TOP), vec2(width, layout.height()));
            let to_layout = |p: egui::Pos2| p - origin.min.to_vec2();
            let to_screen = |r: Rect| r.translate(origin.min.to_vec2());

            let mut new_caret: Option<(usize, usize)> = None;
            let mut new_selected: Option<Option<AnnotationId>> = None;
            let selection_before = state.selection.clone();
            // Drag: the span is the logical range between press and current point, grown to
            // whole words unless snapping is off or Alt is held (grapheme precision).
            if response.drag_started()
                && let Some(p) = response.interact_pointer_pos()
            {
                let press = ui.input(|i| i.pointer.press_origin()).unwrap_or(p);
                let caret = layout.caret_at(to_layout(press));
                state.drag_origin = Some(caret);
                new_caret = Some((caret, caret));
                new_selected = Some(None);
            }
            if response.dragged()
                && let (Some(origin), Some(p)) = (
                    state.drag_origin.or(state.anchor),
                    response.interact_pointer_pos(),
                )
            {
                let here = layout.caret_at(to_layout(p));
                let precise = ui.input(|i| i.modifiers.alt) || !state.snap_to_words;
                let raw = origin.min(here)..origin.max(here);
                let span = if precise {
                    raw
                } else {
                    words::snap_to_words(&shared_text, raw)
                };
                new_caret = Some(if origin <= here {
                    (span.start, span.end)
                } else {
                    (span.end, span.start)
                });
            }
            if response.drag_stopped() {
                state.drag_origin = None;
            }
            if response.double_clicked()
                && let Some(p) = response.interact_pointer_pos()
                && let Some(i) = layout.char_at(to_layout(p))
            {
                let w = words::word_at(&shared_text, i);
                new_caret = Some((w.start, w.end));
                new_selected = Some(None);
            } else if response.clicked()
                && let Some(p) = response.interact_pointer_pos()
            {
                let hits = layout
                    .char_at(to_layout(p))
                    .map(|i| annotations_at(annotations, i))
                    .unwrap_or_default();
                let suggestion = layout.char_at(to_layout(p)).and_then(|i| {
                    suggestions
                        .iter()
                        .filter(|s| s.start <= i && i < s.end)
                        .min_by_key(|s| (s.end - s.start, s.start, s.id))
                        .map(|s| s.id)
                });
                state.selected_suggestion = None;
                if let (true, Some(id)) = (hits.is_empty(), suggestion) {
                    state.selected_suggestion = Some(id);
                    out.clicked_suggestion = Some(id);
                    new_selected = Some(None);
                } else if hits.is_empty() {
                    let caret = layout.caret_at(to_layout(p));
                    new_caret = Some((caret, caret));
                    new_selected = Some(None);
                } else {
                    // Repeated clicks cycle through stacked annotations, innermost first.
                    let next = match state
                        .selected_annotation
                        .and_then(|s| hits.iter().position(|a| a.id == s))
                    {
                        Some(k) => hits[(k + 1) % hits.len()].id,
                        None => hits[0].id,
                    };
                    new_selected = Some(Some(next));
                    out.clicked_annotation = Some(next);
                }
            }

            // Keyboard: Shift+Arrow by a grapheme, Ctrl+Shift+Arrow by a word (visual direction),
            // Ctrl+A, copy.
            // Not while a control (F6) has the keyboard: its arrows move the focus.
            let keyboard_free = !ui.ctx().egui_wants_keyboard_input()
                && ui
                    .ctx()
                    .memory(|m| m.focused().is_none_or(|f| f == response.id));
            let mut caret_moved = false;
            let mut copy = false;
            let mut scroll_by = 0.0_f32;
            if keyboard_free {
                ui.input_mut(|i| {
                    if i.consume_key(Modifiers::COMMAND, Key::A) {
                        new_caret = Some((0, layout.char_count()));
                        new_selected = Some(None);
                    }
                    copy = i.events.iter().any(|e| matches!(e, Event::Copy));
                    // Scrolling: a line with the arrows, a page less a line with Page Up/Down,
                    // the top or bottom with Ctrl+Home/End.
                    let line = layout
                        .lines()
                        .next()
                        .map_or(DOCUMENT_FONT_SIZE * 1.5, |l| l.height);
                    let page = (viewport.height() - line).max(line);
                    for (key, dy) in [
                        (Key::ArrowUp, line),
                        (Key::ArrowDown, -line),
                        (Key::PageUp, page),
                        (Key::PageDown, -page),
                    ] {
                        if i.consume_key(Modifiers::NONE, key) {
                            scroll_by += dy;
                        }
                    }
                    if i.consume_key(Modifiers::COMMAND, Key::Home) {
                        scroll_by = f32::INFINITY;
                    }
                    if i.consume_key(Modifiers::COMMAND, Key::End) {
                        scroll_by = f32::NEG_INFINITY;
                    }
                    for (left, key) in [(true, Key::ArrowLeft), (false, Key::ArrowRight)] {
                        // Shift extends the selection; without it the caret moves alone. Ctrl:
                        // by a word. The most modifiers first (extra ones match the fewer).
                        let word = i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, key);
                        let one = !word && i.consume_key(Modifiers::SHIFT, key);
                        let word_move = !word && !one && i.consume_key(Modifiers::COMMAND, key);
                        let one_move =
                            !word && !one && !word_move && i.consume_key(Modifiers::NONE, key);
                        if !(word || one || word_move || one_move) {
                            continue;
                        }
                        // No caret yet: it starts at the first line in view.
                        let start = || {
                            layout
                                .line_at_y(band.start.max(0.0))
                                .map_or(0, |l| l.chars.start)
                        };
                        let active = state.active.unwrap_or_else(start);
                        let anchor = state.anchor.unwrap_or(active);
                        let next = if one || one_move {
                            layout.move_visual(active, left)
                        } else {
                            // The visual direction at the caret decides which way is "forward".
                            let step = layout.move_visual(active, left).unwrap_or(active);
                            let forward = step > active;
                            Some(words::next_word_edge(&shared_text, active, forward))
                        };
                        if let Some(next) = next {
                            new_caret = Some(if one || word {
                                (anchor, next)
                            } else {
                                (next, next)
                            });
                            new_selected = Some(None);
                            caret_moved = true;
                        }
                    }
                });
            }
            if let Some((a, b)) = new_caret {
                state.set_caret(a, b);
            }
            if let Some(sel) = new_selected {
                state.selected_annotation = sel;
                if sel.is_some() {
                    state.selection = None;
                    state.anchor = None;
                    state.active = None;
                }
            }
            if copy && let Some(sel) = state.selection.clone().filter(|s| !s.is_empty()) {
                let copied = crate::model::slice_chars(&shared_text, sel.clone());
                ui.ctx().copy_text(copied);
                out.copied = Some(sel.len());
            }
            if caret_moved
                && let Some(active) = state.active
                && let Some((top, h)) = layout.caret_pos(active)
            {
                // Keep the moving caret in view, scrolling as little as needed.
                let r = Rect::from_min_size(top + origin.min.to_vec2(), vec2(1.0, h));
                ui.scroll_to_rect(r.expand(4.0), None);
            }
            if let Some(range) = state.scroll_to.take()
                && let Some(b) = layout.range_bounds(range)
            {
                ui.scroll_to_rect(to_screen(b).expand(20.0), Some(egui::Align::Center));
            }
            if scroll_by == f32::INFINITY {
                ui.scroll_to_rect(rect.with_max_y(rect.min.y + 1.0), Some(egui::Align::Min));
            } else if scroll_by == f32::NEG_INFINITY {
                ui.scroll_to_rect(rect.with_min_y(rect.max.y - 1.0), Some(egui::Align::Max));
            } else if scroll_by != 0.0 {
                ui.scroll_with_delta(vec2(0.0, scroll_by));
            }
            if state.selection != selection_before {
                // The status bar, drawn before this view, shows the selection on the next frame.
                ui.ctx().request_repaint();
            }

            let painter = ui.painter_at(rect);
            let visible = visible_chars(layout, band.clone());
            // The visible lines' galleys, laid out before anything is painted: their glyphs' ink
            // boxes keep frames off the letters.
            let drawn: Vec<DrawnLine<'_>> = layout
                .lines()
                .filter(|l| l.y + l.height >= band.start && l.y <= band.end)
                .map(|line| {
                    let lr = to_screen(Rect::from_min_size(
                        pos2(line.x, line.y),
                        vec2(line.width.max(1.0), line.height),
                    ));
                    // One galley per unit, each on the line's baseline (see `paint_line`).
                    let ppp = ui.ctx().pixels_per_point();
                    let round = |v: f32| (v * ppp).round() / ppp;
                    let galleys = ui
                        .ctx()
                        .fonts_mut(|fonts| line_galleys(fonts, &mut state.shapes, line))
                        .into_iter()
                        .map(|p| {
                            let pos =
                                pos2(round(lr.min.x + p.offset.x), round(lr.min.y + p.offset.y));
                            (pos, p.galley)
                        })
                        .collect();
                    (line, lr, galleys)
                })
                .collect();
            // Laid-out lines near the view, top to bottom, with the ink of those drawn: arcs are
            // routed between them.
            let ink_lines: Vec<overlays::InkLine> = layout
                .lines()
                .filter(|l| l.y + l.height >= band.start - OVERSCAN && l.y <= band.end + OVERSCAN)
                .map(|line| {
                    let rect = to_screen(Rect::from_min_size(
                        pos2(line.x, line.y),
                        vec2(line.width.max(1.0), line.height),
                    ));
                    let ink = drawn
                        .iter()
                        .find(|(l, _, _)| std::ptr::eq(*l, line))
                        .map(|(_, _, galleys)| {
                            galleys
                                .iter()
                                .flat_map(|(pos, galley)| overlays::ink_boxes(*pos, galley))
                                .collect()
                        })
                        .unwrap_or_default();
                    overlays::InkLine { rect, ink }
                })
                .collect();
            let ink: Vec<Rect> = ink_lines
                .iter()
                .flat_map(|l| l.ink.iter().copied())
                .collect();
            let hovered_annotation = response
                .hover_pos()
                .and_then(|p| layout.char_at(to_layout(p)))
                .and_then(|i| annotations_at(annotations, i).first().map(|a| a.id));
            // Highlights behind the text: outer (longer) spans first so nested ones sit on top, and
            // each span's underline lifted by how deeply it is nested, so stacked spans stay apart.
            let mut shown: Vec<&Annotation> = annotations
                .iter()
                .filter(|a| a.start < visible.end && visible.start < a.end)
                .collect();
            shown.sort_by_key(|a| (std::cmp::Reverse(a.end - a.start), a.start, a.id));
            let depth = |a: &Annotation| {
                shown
                    .iter()
                    .filter(|o| {
                        o.id != a.id
                            && o.start <= a.start
                            && a.end <= o.end
                            && (o.end - o.start > a.end - a.start || o.id < a.id)
                    })
                    .count()
            };
            let mut frames: Vec<(Rect, Stroke)> = Vec::new();
            for a in &shown {
                let color = label_color(labels, a.label_id);
                let fill = label_style::fill(color, dark);
                // Colour and, for readers who cannot tell colours apart, the label's own
                // underline style (solid, dashed, dotted, double, wavy, dash-dot).
                let underline = label_style::Underline::of(a.label_id);
                let line_color = label_style::underline_color(color, dark);
                let lift = (2.0 * label_style::Underline::HALF_HEIGHT + 0.5) * depth(a) as f32;
                let stroke = if relation_from == Some(a.id) {
                    Some(Stroke::new(2.0, ui.visuals().warn_fg_color))
                } else if state.selected_annotation == Some(a.id) {
                    Some(Stroke::new(2.0, text_color))
                } else if hovered_annotation == Some(a.id) {
                    Some(Stroke::new(1.0, text_color.gamma_multiply(0.6)))
                } else {
                    None
                };
                for r in layout.range_rects(a.range()) {
                    let r = to_screen(r);
                    painter.rect_filled(
                        r.shrink2(vec2(0.0, 2.0 + lift * 0.5)),
                        CornerRadius::same(3),
                        fill,
                    );
                    let y = r.max.y - 1.0 - label_style::Underline::HALF_HEIGHT - lift;
                    painter.extend(underline.shapes(r.min.x, r.max.x, y, line_color));
                    if let Some(stroke) = stroke {
                        frames.push((r, stroke));
                    }
                }
            }
            // Curation lanes: one thin bar per annotator's span at the top of its lines.
            let warn = ui.visuals().warn_fg_color;
            for lane in lanes
                .iter()
                .filter(|s| s.range.start < visible.end && visible.start < s.range.end)
            {
                for r in layout.range_rects(lane.range.clone()) {
                    let r = to_screen(r);
                    let top = r.min.y + 1.0 + (LANE_HEIGHT + 1.0) * lane.lane as f32;
                    let bar = Rect::from_min_max(
                        pos2(r.min.x, top),
                        pos2(r.max.x.max(r.min.x + 2.0), top + LANE_HEIGHT),
                    );
                    painter.rect_filled(bar, CornerRadius::ZERO, lane.color);
                    let outline = if lane.selected {
                        Some(Stroke::new(1.5, text_color))
                    } else if lane.disputed {
                        Some(Stroke::new(1.0, warn))
                    } else {
                        None
                    };
                    if let Some(stroke) = outline {
                        painter.rect_stroke(
                            bar.expand(0.5),
                            CornerRadius::ZERO,
                            stroke,
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
            // Suggestions: dashed outlines in their label's colour, behind the text.
            for s in suggestions
                .iter()
                .filter(|s| s.start < visible.end && visible.start < s.end)
            {
                let color = labels
                    .iter()
                    .find(|l| l.name == s.label)
                    .map_or(text_color, |l| label_color(labels, l.id));
                let selected = state.selected_suggestion == Some(s.id);
                for r in layout.range_rects(s.range()) {
                    overlays::paint_suggestion(&painter, to_screen(r), color, selected);
                }
            }
            if let Some(sel) = state.selection.clone() {
                let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
                for r in layout.range_rects(sel) {
                    painter.rect_filled(to_screen(r), CornerRadius::ZERO, fill);
                }
            }
            // Frames of the selected or hovered annotation: drawn outside the glyphs' ink.
            for (r, stroke) in frames {
                for segment in overlays::frame_segments(r, stroke.width, &ink) {
                    painter.line_segment(segment, stroke);
                }
            }

            // Text: one galley per visible unit, in visual order, on the line's baseline.
            let marker_color = ui.visuals().warn_fg_color;
            for (line, lr, galleys) in drawn {
                for (pos, galley) in galleys {
                    painter.galley(pos, galley, text_color);
                }
                if state.show_controls {
                    paint_control_markers(&painter, line, lr.min, marker_color);
                }
            }
            // Relations: a line from the head span to the child span routed through the free
            // bands between lines of ink (and down the margin past the lines between), an
            // arrowhead at the child, the relation's name where the line runs longest.
            let arrow_color = ui.visuals().strong_text_color().gamma_multiply(0.8);
            let margin_x = origin.min.x - PAD / 2.0;
            for r in relations {
                let (Some(h), Some(c)) = (
                    annotations.iter().find(|a| a.id == r.head),
                    annotations.iter().find(|a| a.id == r.child),
                ) else {
                    continue;
                };
                let (Some(hr), Some(cr)) = (
                    layout.range_rects(h.range()).first().copied(),
                    layout.range_rects(c.range()).first().copied(),
                ) else {
                    continue;
                };
                let (hr, cr) = (to_screen(hr), to_screen(cr));
                if !(band_screen_contains(ui, hr) || band_screen_contains(ui, cr)) {
                    continue;
                }
                let Some(route) = overlays::route_arc(&ink_lines, hr, cr, margin_x, PAD_TOP - 6.0)
                else {
                    continue;
                };
                let highlight = state
                    .selected_annotation
                    .is_some_and(|s| s == r.head || s == r.child);
                let color = if highlight {
                    ui.visuals().selection.stroke.color
                } else {
                    arrow_color
                };
                let stroke = Stroke::new(if highlight { 2.0 } else { 1.3 }, color);
                painter.add(egui::Shape::line(route.points.clone(), stroke));
                if let [.., before, tip] = route.points[..] {
                    let dir = (tip - before).normalized();
                    let side = vec2(-dir.y, dir.x);
                    let base = tip - dir * 5.0;
                    painter.add(egui::Shape::convex_polygon(
                        vec![tip, base + side * 3.5, base - side * 3.5],
                        color,
                        Stroke::NONE,
                    ));
                }
                if let Some(galley) =
                    overlays::fit_label(&painter, &r.relation, route.label_room - 1.0, 11.0, color)
                {
                    let bg = Rect::from_center_size(route.label_at, galley.size() + vec2(4.0, 0.0));
                    painter.rect_filled(bg, CornerRadius::same(2), ui.visuals().panel_fill);
                    painter.galley(bg.min + vec2(2.0, 0.0), galley, color);
                }
            }

            // The caret: a thin bar at the moving end of an empty selection.
            if let (Some(active), Some(sel)) = (state.active, &state.selection)
                && sel.is_empty()
                && let Some((top, h)) = layout.caret_pos(active)
            {
                let top = top + origin.min.to_vec2();
                painter.line_segment([top, top + vec2(0.0, h)], Stroke::new(1.5, text_color));
            }

            // The selection's readout: a chip with its [start, end) and length where it covers
            // no letter: in the free band under the selection's last line when that is high
            // enough (under a paragraph's last line), else beside that line when it is short.
            // The status bar always has it.
            if let Some(sel) = state.selection.clone().filter(|s| !s.is_empty()) {
                let rects: Vec<Rect> = layout
                    .range_rects(sel.clone())
                    .into_iter()
                    .map(to_screen)
                    .collect();
                let last = rects
                    .iter()
                    .map(|r| r.max.y)
                    .reduce(f32::max)
                    .and_then(|bottom| {
                        rects
                            .iter()
                            .filter(|r| r.max.y >= bottom - 0.5)
                            .copied()
                            .reduce(|a, b| a.union(b))
                    });
                let readout = match &state.locale {
                    Some(l) => l.tr_args(
                        "selection-readout",
                        &[
                            ("n", sel.len().into()),
                            ("start", sel.start.into()),
                            ("end", sel.end.into()),
                        ],
                    ),
                    None => overlays::selection_readout(&sel),
                };
                let placed = last.and_then(|last| {
                    overlays::chip_place(&painter, &ink_lines, last, &readout, origin, text_color)
                });
                if let Some((chip, galley)) = placed {
                    painter.rect(
                        chip,
                        CornerRadius::same(3),
                        ui.visuals().window_fill,
                        ui.visuals().window_stroke,
                        StrokeKind::Inside,
                    );
                    painter.galley(chip.min + vec2(4.0, 0.0), galley, text_color);
                }
            }

            // Chars no font can draw: egui draws a box; a warning outline marks it, and hovering
            // it names the code point.
            let warn = ui.visuals().warn_fg_color;
            for &i in undrawable
                .iter()
                .filter(|&&i| visible.start <= i && i < visible.end)
            {
                for r in layout.range_rects(i..i + 1) {
                    painter.rect_stroke(
                        to_screen(r).shrink2(vec2(0.0, 2.0)),
                        CornerRadius::same(2),
                        Stroke::new(1.5, warn),
                        StrokeKind::Inside,
                    );
                }
            }
            // Hover: show the labels under the pointer.
            if let Some(p) = response.hover_pos()
                && let Some(i) = layout.char_at(to_layout(p))
            {
                let hits = annotations_at(annotations, i);
                if undrawable.binary_search(&i).is_ok()
                    && let Some(c) = shared_text.chars().nth(i)
                {
                    let code = format!("{:04X}", c as u32);
                    let hover = match &state.locale {
                        Some(l) => l.tr_args("view-undrawable", &[("code", code.into())]),
                        None => format!("U+{code}: no font can draw this character"),
                    };
                    let hover = super::bidi_widgets::hover(ui, &hover);
                    response.clone().on_hover_text_at_pointer(hover);
                } else if !hits.is_empty() {
                    let names: Vec<String> = hits
                        .iter()
                        .map(|a| {
                            labels
                                .iter()
                                .find(|l| l.id == a.label_id)
                                .map_or("?".to_owned(), |l| l.name.clone())
                        })
                        .collect();
                    response.clone().on_hover_text_at_pointer(names.join(" / "));
                }
            }
            if response.hovered() {
                let icon = if relation_from.is_some() {
                    egui::CursorIcon::Crosshair
                } else {
                    egui::CursorIcon::Text
                };
                ui.ctx().set_cursor_icon(icon);
            }
            // Screen readers: the text, the caret and selection, and each annotation.
            let selection = state.anchor.zip(state.active);
            let runs = state.access_runs(document, &shared_text, direction);
            let locale = state.locale.clone().unwrap_or_default();
            document_access::expose(
                ui,
                &document_access::Exposed {
                    document: response.id,
                    runs: &runs,
                    selection,
                    annotations,
                    labels,
                    selected: state.selected_annotation,
                    span: &|r| runs.index.slice(&shared_text, r).to_owned(),
                    bounds: &|r| {
                        (r.start < visible.end && visible.start < r.end)
                            .then(|| layout.range_bounds(r).map(to_screen))
                            .flatten()
                    },
                    locale: &locale,
                },
            );
            state.last_origin = Some(origin);
            state.layout = Some((layout_key, layout_owned));
        });
    out
}

/// The char range of the laid-out lines that meet the band `y` (layout coordinates).
fn visible_chars(layout: &DocumentLayout, y: Range<f32>) -> Range<usize> {
    let mut lines = layout
        .lines()
        .filter(|l| l.y + l.height >= y.start && l.y <= y.end);
    let Some(first) = lines.next() else {
        return 0..0;
    };
    let last = lines.last().unwrap_or(first);
    first.chars.start..last.chars.end
}

/// Short names of the invisible characters the marker toggle shows.
pub fn control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200E}' => "LRM",
        '\u{200F}' => "RLM",
        '\u{061C}' => "ALM",
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        '\u{200D}' => "ZWJ",
        '\u{200C}' => "ZWNJ",
        '\u{FEFF}' => "BOM",
        '\u{200B}' => "ZWSP",
        _ => return None,
    })
}

/// Draws a small tick and name above each invisible character of `line`, at its place.
fn paint_control_markers(
    painter: &egui::Painter,
    line: &LineLayout,
    line_min: egui::Pos2,
    color: Color32,
) {
    for unit in &line.units {
        // Drawn text maps 1:1 to the unit's chars (mirroring swaps chars, never adds any).
        let chars: Vec<char> = match unit.control {
            Some(c) => vec![c],
            None => unit.text.chars().collect(),
        };
        for g in &unit.shape.graphemes {
            for k in g.chars.clone() {
                let Some(name) = chars.get(k).and_then(|&c| control_name(c)) else {
                    continue;
                };
                let x = line_min.x + unit.x + (g.x0 + g.x1) / 2.0;
                let top = line_min.y + 1.0;
                painter.line_segment(
                    [pos2(x, top), pos2(x, top + line.height - 2.0)],
                    Stroke::new(1.0, color),
                );
                painter.text(
                    pos2(x + 1.0, top),
                    egui::Align2::LEFT_TOP,
                    name,
                    FontId::proportional(8.0),
                    color,
                );
            }
        }
    }
}

fn band_screen_contains(ui: &Ui, r: Rect) -> bool {
    ui.clip_rect().expand(200.0).intersects(r)
}

fn label_color(labels: &[Label], id: i64) -> Color32 {
    label_style::color_of(labels, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::layout::FixedWidthMeasurer;

    /// The drawn text of a one-line layout, left to right.
    fn shown(text: &str, width: f32) -> (String, bool) {
        let mut m = FixedWidthMeasurer {
            advance: 10.0,
            height: 20.0,
        };
        let l = fit_snippet(text, width, &mut m);
        let drawn = l
            .lines()
            .flat_map(|line| line.units.iter().map(|u| u.text.clone()))
            .collect();
        (drawn, l.paragraphs().next().is_some_and(|p| p.rtl))
    }

    #[test]
    fn snippets_are_cut_by_width_at_a_word_edge() {
        // 10 points a grapheme: "abc def ghi" is 110 wide.
        assert_eq!(shown("abc def ghi", 110.0).0, "abc def ghi");
        assert_eq!(shown("abc def ghi", 90.0).0, "abc def…");
        assert_eq!(shown("abc def ghi", 75.0).0, "abc…");
        // Not even the first word fits: cut between graphemes.
        assert_eq!(shown("abcdefghi", 45.0).0, "abc…");
        // Arabic keeps whole words and reads right to left: the ellipsis ends up on the left.
        let (drawn, rtl) = shown("سجن صيدنايا العسكري", 100.0);
        assert!(rtl);
        assert_eq!(drawn, "…سجن");
        // A long name with one early break opportunity (after the hyphen): whole words would
        // keep only `040-…` (50 of 200 points), so it is cut between graphemes: 19 + "…" = 200.
        assert_eq!(
            shown("040-text_span_annotation.txt (12)", 200.0).0,
            "040-text_span_annot…"
        );
    }
}
