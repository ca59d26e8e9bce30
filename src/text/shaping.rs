//! Measuring units with egui's fonts (the same shaping the view paints with) and finding grapheme
//! boxes inside a unit with harfrust cluster data.
//!
//! egui's galley gives a unit's exact width but no char-to-glyph clusters; harfrust, shaping the
//! same text with the same face, gives clusters. The cluster boxes are scaled so they fill the
//! galley's width exactly.

use super::fonts::{BUNDLED, document_font};
use super::layout::LineLayout;
use super::measure::{GraphemeBox, Measurer, UnitShape, grapheme_char_ranges};
use egui::epaint::text::ByteIndex;
use egui::text::{LayoutJob, LayoutSection, TextFormat};
use egui::{Color32, FontId, Galley, Vec2, vec2};
use skrifa::MetadataProvider;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

struct Face {
    data: &'static [u8],
    shaper: harfrust::ShaperData,
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
/// Clusters come from harfrust with the face egui would pick; a cluster holding several graphemes
/// (a ligature such as lam-alef) is shared evenly between them, the first logical one on the
/// reading side.
pub fn shaper_grapheme_boxes(text: &str) -> (Vec<GraphemeBox>, f32) {
    let graphemes = grapheme_char_ranges(text);
    let zero = |graphemes: Vec<std::ops::Range<usize>>| {
        graphemes
            .into_iter()
            .map(|chars| GraphemeBox {
                chars,
                x0: 0.0,
                x1: 0.0,
            })
            .collect()
    };
    // The first face that has every char, as egui's family would pick for most units; else the
    // Arabic face (index 1), whose clusters are as good as any for hit-testing.
    let faces = faces();
    let face = faces
        .iter()
        .find(|f| covers(f, text))
        .or_else(|| faces.get(1));
    let Some((face, font)) = face.and_then(|f| harfrust::FontRef::new(f.data).ok().map(|r| (f, r)))
    else {
        return (zero(graphemes), 0.0);
    };
    let shaper = face.shaper.shaper(&font).build();
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let rtl = buffer.direction() == harfrust::Direction::RightToLeft;
    let glyphs = shaper.shape(buffer, harfrust::ShapeOptions::new());

    // Each cluster's horizontal extent: (first byte, x0, x1), glyphs come in visual order.
    let mut clusters: Vec<(usize, f32, f32)> = Vec::new();
    let mut x = 0.0f32;
    for (info, pos) in glyphs.glyph_infos().iter().zip(glyphs.glyph_positions()) {
        let adv = pos.x_advance as f32;
        let c = info.cluster as usize;
        match clusters.iter_mut().find(|s| s.0 == c) {
            Some(s) => {
                s.1 = s.1.min(x);
                s.2 = s.2.max(x + adv);
            }
            None => clusters.push((c, x, x + adv)),
        }
        x += adv;
    }
    clusters.sort_by_key(|s| s.0);

    let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of_char.push(text.len());
    let g_bytes: Vec<(usize, usize)> = graphemes
        .iter()
        .map(|g| (byte_of_char[g.start], byte_of_char[g.end]))
        .collect();
    let mut boxes: Vec<GraphemeBox> = zero(graphemes);
    let mut touched = vec![false; boxes.len()];
    let mut grow = |gi: usize, a: f32, b: f32, boxes: &mut Vec<GraphemeBox>| {
        if touched[gi] {
            boxes[gi].x0 = boxes[gi].x0.min(a);
            boxes[gi].x1 = boxes[gi].x1.max(b);
        } else {
            touched[gi] = true;
            boxes[gi].x0 = a;
            boxes[gi].x1 = b;
        }
    };
    for (k, &(start, x0, x1)) in clusters.iter().enumerate() {
        let end = clusters.get(k + 1).map_or(text.len(), |c| c.0);
        // Graphemes that start inside this cluster share its width (a ligature such as lam-alef);
        // a cluster that starts inside a grapheme (a tatweel, a mark the shaper split off)
        // widens that grapheme.
        let starting: Vec<usize> = (0..g_bytes.len())
            .filter(|&g| g_bytes[g].0 >= start && g_bytes[g].0 < end)
            .collect();
        if starting.is_empty() {
            if let Some(gi) = g_bytes.iter().position(|&(a, b)| a <= start && start < b) {
                grow(gi, x0, x1, &mut boxes);
            }
            continue;
        }
        let share = (x1 - x0) / starting.len() as f32;
        for (n, &gi) in starting.iter().enumerate() {
            let n = n as f32;
            let (a, b) = if rtl {
                (x1 - (n + 1.0) * share, x1 - n * share)
            } else {
                (x0 + n * share, x0 + (n + 1.0) * share)
            };
            grow(gi, a, b, &mut boxes);
        }
    }
    for (gi, t) in touched.iter().enumerate() {
        if !t {
            let edge = if rtl { x } else { 0.0 };
            boxes[gi].x0 = edge;
            boxes[gi].x1 = edge;
        }
    }
    (boxes, x)
}

/// Cache of measured units for one font size, kept by the view across frames.
#[derive(Default)]
pub struct ShapeCache {
    font_size: f32,
    units: HashMap<String, Arc<UnitShape>>,
    line_height: Option<f32>,
    baseline: Option<f32>,
}

impl ShapeCache {
    /// An empty cache for the document font at `font_size` points.
    pub fn new(font_size: f32) -> Self {
        Self {
            font_size,
            units: HashMap::new(),
            line_height: None,
            baseline: None,
        }
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
/// gives it its colour, so measuring and painting share egui's galley cache).
pub fn unit_galley(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    text: &str,
    font_size: f32,
    line_height: f32,
) -> Arc<Galley> {
    fonts.layout_job(unit_job(
        text,
        unit_format(font_size, line_height, Color32::PLACEHOLDER),
    ))
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
        let h = measured_line_height(self.fonts, self.cache.font_size);
        self.cache.line_height = Some(h);
        h
    }
}
