//! What the document view paints, read back from the painted glyphs: each line through
//! `line_galleys` (the code the view and the side-panel snippets draw with), shaped by egui's
//! fonts (harfrust, which decides a piece's direction from its script). Shared by the tests that
//! must see what a reader sees: the glyphs' left-to-right x order and their baselines.
#![allow(dead_code)] // each test uses a different subset

use egui::epaint::text::{Fonts, FontsView};
use sanad::text::layout::LineLayout;
use sanad::text::shaping::{ShapeCache, line_galleys};
use unicode_bidi::BidiClass;

/// egui's fonts with Sanad's font definitions, as the app installs them.
pub fn fonts() -> Fonts {
    Fonts::new(Default::default(), sanad::text::fonts::font_definitions())
}

/// A painted glyph.
#[derive(Clone, Debug)]
pub struct PaintedGlyph {
    /// The char egui gives the glyph (the first char of its shaping cluster; a ligature's other
    /// chars come as zero-width glyphs after it).
    pub chr: char,
    /// Left x of the glyph's pen position, points from the document's left edge.
    pub x: f32,
    /// Advance, points.
    pub advance: f32,
    /// Baseline, points from the document's top.
    pub baseline: f32,
    /// Bottom of the glyph's drawn bitmap (its ink), points from the document's top; `None` for a
    /// glyph with no ink (a space).
    pub ink_bottom: Option<f32>,
}

/// The glyphs that paint `line`, in the order they are painted (unit by unit, each unit's galley
/// in its own glyph order).
pub fn painted_glyphs(
    fonts: &mut FontsView<'_>,
    cache: &mut ShapeCache,
    line: &LineLayout,
) -> Vec<PaintedGlyph> {
    let mut out = Vec::new();
    for p in line_galleys(fonts, cache, line) {
        for row in &p.galley.rows {
            for g in &row.row.glyphs {
                out.push(PaintedGlyph {
                    chr: g.chr,
                    x: line.x + p.offset.x + row.pos.x + g.pos.x,
                    advance: g.advance_width,
                    baseline: line.y + p.offset.y + row.pos.y + g.pos.y,
                    ink_bottom: (!g.uv_rect.is_nothing()).then_some(
                        line.y
                            + p.offset.y
                            + row.pos.y
                            + g.pos.y
                            + g.uv_rect.offset.y
                            + g.uv_rect.size.y,
                    ),
                });
            }
        }
    }
    out
}

/// Is `c` drawn on or inside another glyph rather than beside it (bidi class NSM), or not drawn
/// at all: removed by UAX #9 rule X9 (embedding controls, BN) or an invisible mark (isolates,
/// LRM, RLM, ALM)? Such chars have no visible place of their own (rule L3 is optional), so order
/// comparisons leave them out.
pub fn has_no_place(c: char) -> bool {
    matches!(
        unicode_bidi::bidi_class(c),
        BidiClass::NSM
            | BidiClass::BN
            | BidiClass::LRE
            | BidiClass::RLE
            | BidiClass::LRO
            | BidiClass::RLO
            | BidiClass::PDF
            | BidiClass::LRI
            | BidiClass::RLI
            | BidiClass::FSI
            | BidiClass::PDI
    ) || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The painted chars of `line` left to right, grouped by painted cluster: a glyph with an advance
/// first, then the zero-width glyphs egui emits after it in the same galley for the other chars of
/// its cluster (a ligature such as lam-alef). Chars with no place of their own are left out; groups
/// are sorted by x (stable, so equal x keep painting order).
///
/// egui 0.37 also emits spurious zero-width glyphs at the end of a galley shaped right to left
/// (its continuation glyphs assume rising clusters): they have no ink and no advance, and
/// [`shows`] lets a group's zero-width chars go unused.
pub fn painted_groups(
    fonts: &mut FontsView<'_>,
    cache: &mut ShapeCache,
    line: &LineLayout,
) -> Vec<(f32, Vec<char>)> {
    let mut groups: Vec<(f32, Vec<char>)> = Vec::new();
    for p in line_galleys(fonts, cache, line) {
        let mut glyphs: Vec<(f32, char, f32, bool)> = p
            .galley
            .rows
            .iter()
            .flat_map(|row| {
                row.row.glyphs.iter().map(move |g| {
                    (
                        line.x + p.offset.x + row.pos.x + g.pos.x,
                        g.chr,
                        g.advance_width,
                        g.uv_rect.is_nothing(),
                    )
                })
            })
            .collect();
        if shaped_rtl(&p.galley.job.text) {
            // egui's continuation glyphs after the last cluster of a right-to-left galley are
            // the rest of the text, not parts of that cluster: inkless, no advance. Drop them.
            while glyphs.last().is_some_and(|g| g.2 <= 0.0 && g.3) {
                glyphs.pop();
            }
        }
        let glyphs: Vec<(f32, char, f32)> = glyphs
            .into_iter()
            .filter(|g| !has_no_place(g.1))
            .map(|g| (g.0, g.1, g.2))
            .collect();
        let mut open = false;
        for (k, &(x, c, advance)) in glyphs.iter().enumerate() {
            // In a galley shaped right to left a mark comes before its base, with the base's char.
            let before_its_base = advance <= 0.0
                && glyphs[k + 1..]
                    .iter()
                    .find(|n| !(n.1 == c && n.2 <= 0.0))
                    .is_some_and(|n| n.1 == c && n.2 > 0.0);
            if before_its_base {
                continue;
            }
            if advance > 0.0 || !open {
                groups.push((x, vec![c]));
                open = true;
            } else if let Some(last) = groups.last_mut() {
                last.1.push(c);
            }
        }
    }
    groups.sort_by(|a, b| a.0.total_cmp(&b.0));
    groups
}

/// Does harfrust, as egui calls it, shape `text` right to left (from the script of its first char
/// that has one)?
fn shaped_rtl(text: &str) -> bool {
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.direction() == harfrust::Direction::RightToLeft
}

/// Is `c` an alef, which Arabic fonts draw together with a lam before it (the lam-alef
/// ligature), so that it has no glyph of its own?
fn ligates_after_lam(c: char) -> bool {
    matches!(
        c,
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0627}' | '\u{0671}'
    )
}

/// Does the painted order `groups` show exactly `expected` (chars left to right, already mirrored
/// where drawn at an odd level, chars with no place of their own left out)? Each painted group,
/// left to right, takes the next chars of `expected` while they are among its chars (in any order:
/// the order of a ligature's parts is not visible), and must take its first (visible) glyph's char,
/// unless it repeats the char of the group before it (a cluster drawn with two spacing glyphs);
/// every expected char must be taken.
pub fn shows(groups: &[(f32, Vec<char>)], expected: &[char]) -> bool {
    let mut k = 0;
    let mut previous: Option<char> = None;
    for (_, g) in groups {
        let mut left = g.clone();
        let mut took_visible = false;
        // An alef drawn inside a lam-alef ligature (left of its lam) has no glyph of its own.
        if g[0] == '\u{0644}'
            && expected.get(k).is_some_and(|&c| ligates_after_lam(c))
            && expected.get(k + 1) == Some(&'\u{0644}')
            && !g.contains(&expected[k])
        {
            k += 1;
        }
        let start = k;
        while let Some(pos) = expected
            .get(k)
            .and_then(|c| left.iter().position(|x| x == c))
        {
            took_visible |= left[pos] == g[0];
            left.remove(pos);
            k += 1;
        }
        // A second spacing glyph of the cluster just shown (a mark its base's font lacks, drawn
        // by another font beside it) takes nothing.
        if k == start && previous == Some(g[0]) {
            continue;
        }
        if !took_visible {
            return false;
        }
        previous = Some(g[0]);
    }
    k == expected.len()
}

/// The painted chars of all lines, flattened (for messages).
pub fn flat(groups: &[(f32, Vec<char>)]) -> String {
    groups.iter().flat_map(|g| g.1.iter()).collect()
}
