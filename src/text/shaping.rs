//! Measuring units with egui's fonts (the same shaping the view paints with) and finding grapheme
//! boxes inside a unit with harfrust cluster data.
//!
//! egui's galley gives a unit's exact width but no char-to-glyph clusters; harfrust, shaping the
//! same text with the same face, gives clusters. The cluster boxes are scaled so they fill the
//! galley's width exactly.

use super::clusters::{LigatureCarets, ShapedGlyph, grapheme_boxes};
use super::fonts::{BUNDLED, document_font};
use super::layout::LineLayout;
use super::measure::{GraphemeBox, Measurer, UnitShape, grapheme_char_ranges};
use super::units::{is_number_mark_unit, shaper_runs_rtl};
use egui::epaint::text::ByteIndex;
use egui::text::{LayoutJob, LayoutSection, TextFormat};
use egui::{Color32, FontId, Galley, Vec2, vec2};
use skrifa::MetadataProvider;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

struct Face {
    data: &'static [u8],
    shaper: harfrust::ShaperData,
    carets: LigatureCarets,
}

/// The bundled faces in egui's fallback order (see [`BUNDLED`]).
fn faces() -> &'static Vec<Face> {
    static FACES: OnceLock<Vec<Face>> = OnceLock::new();
    FACES.get_or_init(|| {
        BUNDLED
            .iter()
            .filter_map(|&(_, data)| {
                harfrust::FontRef::new(data).ok().map(|f| Face {
                    data,
                    shaper: harfrust::ShaperData::new(&f),
                    carets: LigatureCarets::read(data),
                })
            })
            .collect()
    })
}

/// Does `face` map every char of `text`?
fn covers(face: &Face, text: &str) -> bool {
    let Ok(font) = skrifa::FontRef::new(face.data) else {
        return false;
    };
    let cmap = font.charmap();
    text.chars()
        .all(|c| c.is_control() || cmap.map(c).is_some())
}

/// Grapheme boxes of `text` shaped on its own, in shaper units (any scale), and the total advance.
/// Clusters come from harfrust with the face egui would pick, run in the direction the view paints
/// the unit in (see [`unit_galley`]); ligatures are split between the graphemes they cover, at
/// the font's ligature carets where it has them (see [`super::clusters::grapheme_boxes`]).
pub fn shaper_grapheme_boxes(text: &str) -> (Vec<GraphemeBox>, f32) {
    let graphemes = grapheme_char_ranges(text);
    // The first face that has every char, as egui's family would pick for most units; else the
    // Arabic face (index 1), whose clusters are as good as any for hit-testing.
    let faces = faces();
    let face = faces
        .iter()
        .find(|f| covers(f, text))
        .or_else(|| faces.get(1));
    let Some((face, font)) = face.and_then(|f| harfrust::FontRef::new(f.data).ok().map(|r| (f, r)))
    else {
        let boxes = graphemes
            .into_iter()
            .map(|chars| GraphemeBox {
                chars,
                x0: 0.0,
                x1: 0.0,
            })
            .collect();
        return (boxes, 0.0);
    };
    let shaper = face.shaper.shaper(&font).build();
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    if is_number_mark_unit(text) {
        buffer.set_direction(harfrust::Direction::LeftToRight);
    }
    let rtl = buffer.direction() == harfrust::Direction::RightToLeft;
    let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new());
    let glyphs: Vec<ShapedGlyph> = shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| ShapedGlyph {
            glyph: info.glyph_id,
            cluster: info.cluster as usize,
            advance: pos.x_advance as f32,
        })
        .collect();
    grapheme_boxes(text, &graphemes, &glyphs, rtl, &face.carets)
}

/// The galley of a [`is_number_mark_unit`] unit that egui shaped right to left (its digits are of
/// the Arabic script, and egui takes a run's direction from its script) with its glyphs placed
/// left to right in logical order instead, as a shaper given the unit's bidi level (even: a
/// number) places them and as the font's designers drew the sign to enclose the digits after it.
/// The glyphs' forms (the sign's variant for that many digits, the small digits) come from the
/// font's substitutions, which see logical order whatever the direction, so only positions move.
fn place_number_mark_left_to_right(galley: &Galley) -> Galley {
    let mut out = galley.clone();
    for placed in &mut out.rows {
        let row = Arc::make_mut(&mut placed.row);
        // egui pads a galley with empty glyphs (no advance, no ink) for chars that start no
        // cluster; they stay where they are, after the drawn ones.
        let drawn: Vec<usize> = (0..row.glyphs.len())
            .filter(|&k| row.glyphs[k].advance_width != 0.0 || !row.glyphs[k].uv_rect.is_nothing())
            .collect();
        let start = drawn.first().map_or(0.0, |&k| row.glyphs[k].pos.x);
        // Pen positions as shaped (visual order, right to left), then in logical order.
        let mut pens = Vec::with_capacity(drawn.len());
        let mut pen = start;
        for &k in &drawn {
            pens.push(pen);
            pen += row.glyphs[k].advance_width;
        }
        let mut new_pen = start;
        for (n, &k) in drawn.iter().enumerate().rev() {
            let dx = (new_pen - pens[n]).round();
            new_pen += row.glyphs[k].advance_width;
            let g = &mut row.glyphs[k];
            g.pos.x += dx;
            if !g.uv_rect.is_nothing() {
                let first = g.first_vertex as usize;
                for v in row.visuals.mesh.vertices.iter_mut().skip(first).take(4) {
                    v.pos.x += dx;
                }
            }
        }
        // Keep the row's glyphs in left-to-right order, as egui lays rows out.
        row.glyphs.sort_by(|a, b| a.pos.x.total_cmp(&b.pos.x));
        let mut bounds = egui::Rect::NOTHING;
        for v in &row.visuals.mesh.vertices {
            bounds.extend_with(v.pos);
        }
        row.visuals.mesh_bounds = bounds;
    }
    let mut bounds = egui::Rect::NOTHING;
    for placed in &out.rows {
        bounds = bounds.union(
            placed
                .row
                .visuals
                .mesh_bounds
                .translate(placed.pos.to_vec2()),
        );
    }
    out.mesh_bounds = bounds;
    out
}

/// Cache of measured units for one font size, kept by the view across frames.
pub struct ShapeCache {
    font_size: f32,
    units: HashMap<String, Arc<UnitShape>>,
    line_height: Option<f32>,
    baseline: Option<f32>,
    /// Line spacing factor (1.0: the font's own line height).
    spacing: f32,
}

impl Default for ShapeCache {
    /// An empty cache at font size 0 (set one with [`ShapeCache::new`]), the font's own spacing.
    fn default() -> Self {
        Self::with_spacing(0.0, 1.0)
    }
}

impl ShapeCache {
    /// An empty cache for the document font at `font_size` points.
    pub fn new(font_size: f32) -> Self {
        Self::with_spacing(font_size, 1.0)
    }

    /// An empty cache for the document font at `font_size` points whose lines are `spacing`
    /// times the font's own line height (1.0 = [`ShapeCache::new`]).
    pub fn with_spacing(font_size: f32, spacing: f32) -> Self {
        Self {
            font_size,
            units: HashMap::new(),
            line_height: None,
            baseline: None,
            spacing,
        }
    }

    /// The line spacing factor (1.0: the font's own line height).
    pub fn spacing(&self) -> f32 {
        self.spacing
    }

    /// The document font size, points.
    pub fn font_size(&self) -> f32 {
        self.font_size
    }

    /// Number of cached units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Is the cache empty?
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

/// The text format every unit is drawn with (document font, fixed line height so Naskh marks fit).
pub fn unit_format(font_size: f32, line_height: f32, color: Color32) -> TextFormat {
    TextFormat {
        font_id: document_font(font_size),
        line_height: Some(line_height),
        color,
        ..Default::default()
    }
}

/// A one-section job for measuring or drawing one unit.
pub fn unit_job(text: &str, format: TextFormat) -> LayoutJob {
    let mut job = LayoutJob {
        text: text.to_owned(),
        ..Default::default()
    };
    job.sections.push(LayoutSection {
        leading_space: 0.0,
        byte_range: ByteIndex(0)..ByteIndex(text.len()),
        format,
    });
    job.wrap.max_width = f32::INFINITY;
    job.break_on_newline = false;
    job.round_output_to_gui = false;
    job
}

/// The galley of one unit, shaped on its own, as measured and as drawn (uncoloured: the painter
/// gives it its colour, so measuring and painting share egui's galley cache). A number-mark unit
/// (`۝١٢`, see [`is_number_mark_unit`]) is placed left to right, as its bidi level asks.
pub fn unit_galley(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    text: &str,
    font_size: f32,
    line_height: f32,
) -> Arc<Galley> {
    let galley = fonts.layout_job(unit_job(
        text,
        unit_format(font_size, line_height, Color32::PLACEHOLDER),
    ));
    if is_number_mark_unit(text) && shaper_runs_rtl(text.chars()) {
        return Arc::new(place_number_mark_left_to_right(&galley));
    }
    galley
}

/// The baseline of the first glyph of `galley`, points from the galley's top; `None` if it has
/// no glyph.
pub fn galley_baseline(galley: &Galley) -> Option<f32> {
    galley
        .rows
        .iter()
        .find_map(|r| r.row.glyphs.first().map(|g| r.pos.y + g.pos.y))
}

/// The baseline every glyph of a document line sits on, points from the line's top: where egui
/// centres Noto Naskh Arabic in the line (so Arabic stays where it was drawn before). egui centres
/// each font by its own ascent and descent, which puts Noto Sans about 0.17 em lower; each unit is
/// therefore placed on this baseline by the painter (see [`line_galleys`]), as pango puts all fonts
/// of a line on one baseline.
pub fn line_baseline(fonts: &mut egui::epaint::text::FontsView<'_>, cache: &mut ShapeCache) -> f32 {
    if let Some(b) = cache.baseline {
        return b;
    }
    let lh = EguiMeasurer {
        fonts: &mut *fonts,
        cache: &mut *cache,
    }
    .line_height();
    // U+0628 ARABIC LETTER BEH: a letter only the Arabic face has.
    let galley = unit_galley(fonts, "\u{0628}", cache.font_size, lh);
    let b = galley_baseline(&galley).unwrap_or(lh * 0.75);
    cache.baseline = Some(b);
    b
}

/// One unit's galley placed on a line.
#[derive(Clone, Debug)]
pub struct PlacedGalley {
    /// Index of the unit in [`LineLayout::units`].
    pub unit: usize,
    /// The galley's top-left corner, points from the line's top-left corner: the unit's x, and
    /// the y that puts its first glyph's baseline on [`line_baseline`].
    pub offset: Vec2,
    /// The unit's glyphs (uncoloured, see [`unit_galley`]).
    pub galley: Arc<Galley>,
}

/// The galleys that paint `line`: one per visible unit, in visual order, each on the line's
/// common baseline. This is exactly what the document view and the side-panel snippets draw.
pub fn line_galleys(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    cache: &mut ShapeCache,
    line: &LineLayout,
) -> Vec<PlacedGalley> {
    let baseline = line_baseline(fonts, cache);
    let font_size = cache.font_size;
    line.units
        .iter()
        .enumerate()
        .filter(|(_, u)| !u.text.is_empty())
        .map(|(unit, u)| {
            let galley = unit_galley(fonts, &u.text, font_size, line.height);
            let y = baseline - galley_baseline(&galley).unwrap_or(baseline);
            PlacedGalley {
                unit,
                offset: vec2(u.x, y),
                galley,
            }
        })
        .collect()
}

/// Line height used for the document font: the taller of the two faces' row heights.
fn measured_line_height(fonts: &mut egui::epaint::text::FontsView<'_>, font_size: f32) -> f32 {
    let id: FontId = document_font(font_size);
    // Noto Naskh Arabic's harakat reach above the Latin face's ascent: give them room.
    (fonts.row_height(&id) * 1.15).ceil()
}

/// A [`Measurer`] backed by egui's fonts (harfrust shaping) and a [`ShapeCache`].
pub struct EguiMeasurer<'a, 'f> {
    /// egui's fonts at the current pixels-per-point.
    pub fonts: &'a mut egui::epaint::text::FontsView<'f>,
    /// The cache to read and fill.
    pub cache: &'a mut ShapeCache,
}

impl Measurer for EguiMeasurer<'_, '_> {
    fn measure(&mut self, text: &str) -> Arc<UnitShape> {
        if let Some(s) = self.cache.units.get(text) {
            return s.clone();
        }
        let shape = if text.is_empty() {
            UnitShape {
                width: 0.0,
                graphemes: vec![],
            }
        } else {
            let lh = self.line_height();
            let galley = unit_galley(self.fonts, text, self.cache.font_size, lh);
            let width = galley.intrinsic_size().x;
            let (mut boxes, total) = shaper_grapheme_boxes(text);
            let scale = if total > 0.0 { width / total } else { 0.0 };
            for b in &mut boxes {
                b.x0 *= scale;
                b.x1 *= scale;
            }
            UnitShape {
                width,
                graphemes: boxes,
            }
        };
        let shape = Arc::new(shape);
        self.cache.units.insert(text.to_owned(), shape.clone());
        shape
    }

    fn line_height(&mut self) -> f32 {
        if let Some(h) = self.cache.line_height {
            return h;
        }
        let h =
            (measured_line_height(self.fonts, self.cache.font_size) * self.cache.spacing).ceil();
        self.cache.line_height = Some(h);
        h
    }
}
