//! Grapheme boxes from a shaper's glyph clusters, with ligatures split between the graphemes they
//! cover.
//!
//! A shaper reports, for each glyph, the cluster (the first byte of the text it came from) and its
//! advance. Three things keep this from being one box per cluster:
//!
//! * A ligature glyph (one cluster) covers several graphemes: its advance is split between them at
//!   the font's ligature caret positions (OpenType GDEF `LigCaretList`) when the font gives as many
//!   carets as there are inner boundaries, else in equal parts.
//! * A font may draw a ligature as several glyphs of which only one advances: Noto Naskh Arabic
//!   draws lam-alef (لا لأ لإ لآ) as a wide lam and a zero-advance alef, each in its own cluster.
//!   A cluster with no advance of its own therefore joins the ligature of the advancing cluster
//!   before it in logical order (or after it, at the start of the text), and the graphemes of the
//!   whole group share that advance. Otherwise the alef's box would be empty: the caret could not
//!   stop between lam and alef and a lam alone would be highlighted as the whole glyph.
//! * A cluster that starts inside a grapheme (a mark or tatweel the shaper split off) widens that
//!   grapheme's box.
//!
//! The result: every grapheme that is drawn gets a box of its own, boxes do not overlap, and the
//! boxes of a ligature's graphemes tile its advance exactly.

use super::measure::GraphemeBox;
use std::collections::HashMap;
use std::ops::Range;

/// One glyph as the shaper placed it, in visual order (left to right).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShapedGlyph {
    /// Glyph id in the font.
    pub glyph: u32,
    /// The cluster: byte offset of the first char of the text the glyph came from.
    pub cluster: usize,
    /// Advance, in the shaper's units.
    pub advance: f32,
}

/// Ligature caret positions of a font (OpenType GDEF `LigCaretList`, caret value formats 1 and 3;
/// format 2, a contour point, is not read): for each ligature glyph, its carets in font units from
/// the glyph's origin, ascending.
#[derive(Clone, Debug, Default)]
pub struct LigatureCarets {
    carets: HashMap<u32, Vec<f32>>,
}

impl LigatureCarets {
    /// Reads the carets of the font in `data`; empty when the font has no GDEF table, no
    /// `LigCaretList`, or cannot be read.
    pub fn read(data: &[u8]) -> Self {
        use skrifa::raw::TableProvider;
        use skrifa::raw::tables::gdef::CaretValue;
        let mut carets = HashMap::new();
        let Ok(font) = skrifa::FontRef::new(data) else {
            return Self { carets };
        };
        let Some(Ok(list)) = font.gdef().ok().and_then(|g| g.lig_caret_list()) else {
            return Self { carets };
        };
        let Ok(coverage) = list.coverage() else {
            return Self { carets };
        };
        for (glyph, lig) in coverage.iter().zip(list.lig_glyphs().iter()) {
            let Ok(lig) = lig else { continue };
            let mut xs: Vec<f32> = lig
                .caret_values()
                .iter()
                .filter_map(|v| match v.ok()? {
                    CaretValue::Format1(f) => Some(f32::from(f.coordinate())),
                    CaretValue::Format3(f) => Some(f32::from(f.coordinate())),
                    CaretValue::Format2(_) => None,
                })
                .collect();
            xs.sort_by(f32::total_cmp);
            if !xs.is_empty() {
                carets.insert(u32::from(glyph.to_u16()), xs);
            }
        }
        Self { carets }
    }

    /// A table with the given carets (font units, any order) per glyph id, for tests.
    pub fn from_map(map: impl IntoIterator<Item = (u32, Vec<f32>)>) -> Self {
        Self {
            carets: map
                .into_iter()
                .map(|(g, mut xs)| {
                    xs.sort_by(f32::total_cmp);
                    (g, xs)
                })
                .collect(),
        }
    }

    /// The carets of `glyph`, font units from its origin, ascending; empty if it has none.
    pub fn of(&self, glyph: u32) -> &[f32] {
        self.carets.get(&glyph).map_or(&[], Vec::as_slice)
    }

    /// Does the font give carets for any glyph?
    pub fn is_empty(&self) -> bool {
        self.carets.is_empty()
    }
}

/// A cluster: its first byte, its extent in visual order, and its advancing glyphs.
struct Cluster {
    start: usize,
    x0: f32,
    x1: f32,
    /// Number of glyphs with an advance, and the (pen x, glyph id) of the last of them.
    advancing: usize,
    last_advancing: (f32, u32),
    /// The graphemes (indices) that start inside the cluster.
    graphemes: Range<usize>,
}

impl Cluster {
    fn advances(&self) -> bool {
        self.x1 > self.x0
    }
}

/// Grapheme boxes of `text` from shaped `glyphs` (visual order, left to right).
///
/// * `graphemes`: char ranges of `text`'s graphemes in logical order (see
///   [`super::measure::grapheme_char_ranges`]).
/// * `rtl`: did the shaper run the text right to left (the first logical grapheme is rightmost)?
/// * `carets`: the face's ligature carets, in the same units as the advances.
///
/// Returns one box per grapheme, in logical order, x in the glyphs' units from the left edge of
/// the first glyph, and the total advance. A grapheme no glyph came from gets an empty box at the
/// reading-side edge of the text.
pub fn grapheme_boxes(
    text: &str,
    graphemes: &[Range<usize>],
    glyphs: &[ShapedGlyph],
    rtl: bool,
    carets: &LigatureCarets,
) -> (Vec<GraphemeBox>, f32) {
    // Clusters in visual order (a shaper keeps a cluster's glyphs together), then logical.
    let mut clusters: Vec<Cluster> = Vec::with_capacity(glyphs.len());
    let mut x = 0.0f32;
    for g in glyphs {
        let (a, b) = (x, x + g.advance);
        match clusters.last_mut() {
            Some(c) if c.start == g.cluster => {
                c.x0 = c.x0.min(a);
                c.x1 = c.x1.max(b);
            }
            _ => clusters.push(Cluster {
                start: g.cluster,
                x0: a,
                x1: b,
                advancing: 0,
                last_advancing: (a, g.glyph),
                graphemes: 0..0,
            }),
        }
        if g.advance != 0.0 {
            let c = clusters.last_mut().expect("pushed above");
            c.advancing += 1;
            c.last_advancing = (a, g.glyph);
        }
        x += g.advance;
    }
    if rtl {
        clusters.reverse();
    }
    if clusters.windows(2).any(|w| w[0].start >= w[1].start) {
        clusters.sort_by_key(|c| c.start);
        // Glyphs of one cluster split by others (not produced by harfrust's default cluster
        // level): merge them.
        clusters.dedup_by(|next, kept| {
            if next.start != kept.start {
                return false;
            }
            kept.x0 = kept.x0.min(next.x0);
            kept.x1 = kept.x1.max(next.x1);
            kept.advancing += next.advancing;
            true
        });
    }

    // The byte offset of each grapheme's start and end, walking the text once.
    let mut g_bytes: Vec<(usize, usize)> = Vec::with_capacity(graphemes.len());
    {
        let mut bytes = text.char_indices().map(|(b, _)| b).chain([text.len()]);
        let mut ci = 0;
        let mut byte = bytes.next().unwrap_or(0);
        let mut to = |target: usize| {
            while ci < target {
                byte = bytes.next().unwrap_or(text.len());
                ci += 1;
            }
            byte
        };
        for g in graphemes {
            let a = to(g.start);
            let b = to(g.end);
            g_bytes.push((a, b));
        }
    }

    // Each cluster's graphemes: those that start inside it (both lists are in logical order).
    let mut gi = 0;
    for k in 0..clusters.len() {
        let end = clusters.get(k + 1).map_or(text.len(), |c| c.start);
        while gi < g_bytes.len() && g_bytes[gi].0 < clusters[k].start {
            gi += 1;
        }
        let first = gi;
        while gi < g_bytes.len() && g_bytes[gi].0 < end {
            gi += 1;
        }
        clusters[k].graphemes = first..gi;
    }

    let mut boxes: Vec<GraphemeBox> = graphemes
        .iter()
        .map(|chars| GraphemeBox {
            chars: chars.clone(),
            x0: 0.0,
            x1: 0.0,
        })
        .collect();
    let mut touched = vec![false; boxes.len()];

    // Ligature groups: runs of clusters in logical order that start graphemes, each holding one
    // advancing cluster and the zero-advance ones that follow it (or precede the first). The
    // graphemes of a group are contiguous.
    let mut group: Option<(usize, Range<usize>)> = None; // (lead cluster, graphemes)
    let mut flush = |group: &Option<(usize, Range<usize>)>, boxes: &mut Vec<GraphemeBox>| {
        if let Some((lead, members)) = group {
            split_extent(&clusters[*lead], members.clone(), rtl, carets, boxes);
            for t in &mut touched[members.clone()] {
                *t = true;
            }
        }
    };
    for (k, c) in clusters.iter().enumerate() {
        if c.graphemes.is_empty() {
            continue;
        }
        match &mut group {
            Some((lead, members)) if !c.advances() || !clusters[*lead].advances() => {
                if c.advances() {
                    *lead = k;
                }
                members.end = c.graphemes.end;
            }
            _ => {
                flush(&group, &mut boxes);
                group = Some((k, c.graphemes.clone()));
            }
        }
    }
    flush(&group, &mut boxes);

    // Clusters that start inside a grapheme widen it.
    for c in clusters.iter().filter(|c| c.graphemes.is_empty()) {
        let Some(gi) = g_bytes
            .iter()
            .position(|&(a, b)| a <= c.start && c.start < b)
        else {
            continue;
        };
        let b = &mut boxes[gi];
        if touched[gi] {
            b.x0 = b.x0.min(c.x0);
            b.x1 = b.x1.max(c.x1);
        } else {
            touched[gi] = true;
            b.x0 = c.x0;
            b.x1 = c.x1;
        }
    }
    let edge = if rtl { x } else { 0.0 };
    for (b, t) in boxes.iter_mut().zip(&touched) {
        if !t {
            b.x0 = edge;
            b.x1 = edge;
        }
    }
    (boxes, x)
}

/// Cuts `lead`'s extent between the graphemes `members` (logical order) and writes their boxes:
/// at the ligature carets of its one advancing glyph when the font gives exactly one fewer than
/// there are graphemes, else in equal parts. The first logical grapheme is on the right when
/// `rtl`.
fn split_extent(
    lead: &Cluster,
    members: Range<usize>,
    rtl: bool,
    carets: &LigatureCarets,
    boxes: &mut [GraphemeBox],
) {
    let (x0, x1) = (lead.x0, lead.x1);
    let n = members.len();
    let (pen, glyph) = lead.last_advancing;
    let inner = carets.of(glyph);
    let by_carets = n > 1
        && lead.advancing == 1
        && inner.len() == n - 1
        && inner
            .iter()
            .map(|c| pen + c)
            .chain([x1])
            .try_fold(x0, |prev, c| (prev < c).then_some(c))
            .is_some();
    // Cut point `v` (0..=n), left to right.
    let cut = |v: usize| {
        if v == 0 {
            x0
        } else if v == n {
            x1
        } else if by_carets {
            pen + inner[v - 1]
        } else {
            x0 + (x1 - x0) * v as f32 / n as f32
        }
    };
    for (k, gi) in members.enumerate() {
        let v = if rtl { n - 1 - k } else { k };
        boxes[gi].x0 = cut(v);
        boxes[gi].x1 = cut(v + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::measure::grapheme_char_ranges;

    fn glyph(glyph: u32, cluster: usize, advance: f32) -> ShapedGlyph {
        ShapedGlyph {
            glyph,
            cluster,
            advance,
        }
    }

    fn spans(boxes: &[GraphemeBox]) -> Vec<(f32, f32)> {
        boxes.iter().map(|b| (b.x0, b.x1)).collect()
    }

    #[test]
    fn a_zero_advance_alef_shares_the_lam_before_it() {
        // "فلا" as Noto Naskh Arabic shapes it (right to left, visual order): alef (no advance,
        // cluster 4), lam (610, cluster 2), feh (420, cluster 0).
        let text = "فلا";
        let g = grapheme_char_ranges(text);
        let glyphs = [glyph(6, 4, 0.0), glyph(448, 2, 610.0), glyph(326, 0, 420.0)];
        let (boxes, w) = grapheme_boxes(text, &g, &glyphs, true, &LigatureCarets::default());
        assert_eq!(w, 1030.0);
        assert_eq!(
            spans(&boxes),
            vec![(610.0, 1030.0), (305.0, 610.0), (0.0, 305.0)]
        );
    }

    #[test]
    fn a_ligature_glyph_is_cut_at_its_gdef_carets_or_evenly() {
        // One glyph for three graphemes (an "ffi"-like ligature), left to right.
        let text = "ffi";
        let g = grapheme_char_ranges(text);
        let glyphs = [glyph(9, 0, 900.0)];
        let carets = LigatureCarets::from_map([(9, vec![500.0, 200.0])]);
        let (boxes, _) = grapheme_boxes(text, &g, &glyphs, false, &carets);
        assert_eq!(
            spans(&boxes),
            vec![(0.0, 200.0), (200.0, 500.0), (500.0, 900.0)]
        );
        // Right to left, the first logical grapheme is rightmost.
        let (boxes, _) = grapheme_boxes(text, &g, &glyphs, true, &carets);
        assert_eq!(
            spans(&boxes),
            vec![(500.0, 900.0), (200.0, 500.0), (0.0, 200.0)]
        );
        // Carets that do not match the graphemes (one caret for three): equal parts.
        let few = LigatureCarets::from_map([(9, vec![450.0])]);
        let (boxes, _) = grapheme_boxes(text, &g, &glyphs, false, &few);
        assert_eq!(
            spans(&boxes),
            vec![(0.0, 300.0), (300.0, 600.0), (600.0, 900.0)]
        );
    }

    #[test]
    fn a_mark_cluster_inside_a_grapheme_widens_it() {
        // "بُ" split by a shaper into base (cluster 0) and a mark with advance (cluster 2).
        let text = "بُب";
        let g = grapheme_char_ranges(text);
        assert_eq!(g, vec![0..2, 2..3]);
        let glyphs = [glyph(3, 4, 300.0), glyph(2, 2, 50.0), glyph(1, 0, 250.0)];
        let (boxes, _) = grapheme_boxes(text, &g, &glyphs, true, &LigatureCarets::default());
        assert_eq!(spans(&boxes), vec![(300.0, 600.0), (0.0, 300.0)]);
    }

    #[test]
    fn bundled_faces_have_no_ligature_carets_to_misread() {
        // Noto Naskh Arabic draws lam-alef as two glyphs and has no LigCaretList, so its
        // ligatures are split in equal parts.
        let naskh = LigatureCarets::read(crate::text::fonts::NOTO_NASKH_ARABIC);
        assert!(naskh.is_empty());
    }
}
