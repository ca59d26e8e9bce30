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
    /// (pen x, advance, glyph id) of each glyph with an advance.
    advancing: Vec<(f32, f32, u32)>,
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
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut x = 0.0f32;
    for g in glyphs {
        let (a, b) = (x, x + g.advance);
        let c = match clusters.iter_mut().find(|c| c.start == g.cluster) {
            Some(c) => {
                c.x0 = c.x0.min(a);
                c.x1 = c.x1.max(b);
                c
            }
            None => {
                clusters.push(Cluster {
                    start: g.cluster,
                    x0: a,
                    x1: b,
                    advancing: Vec::new(),
                });
                clusters.last_mut().expect("pushed just above")
            }
        };
        if g.advance != 0.0 {
            c.advancing.push((a, g.advance, g.glyph));
        }
        x += g.advance;
    }
    clusters.sort_by_key(|c| c.start);

    let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of_char.push(text.len());
    let g_start: Vec<usize> = graphemes.iter().map(|g| byte_of_char[g.start]).collect();
    let g_end: Vec<usize> = graphemes.iter().map(|g| byte_of_char[g.end]).collect();

    // Each cluster's graphemes: those that start inside it.
    let end_of = |k: usize| clusters.get(k + 1).map_or(text.len(), |c| c.start);
    let starting: Vec<Vec<usize>> = (0..clusters.len())
        .map(|k| {
            (0..graphemes.len())
                .filter(|&g| g_start[g] >= clusters[k].start && g_start[g] < end_of(k))
                .collect()
        })
        .collect();

    // Ligature groups: runs of clusters in logical order that start graphemes, each holding one
    // advancing cluster and the zero-advance ones that follow it (or precede the first).
    let leading = |k: usize| !starting[k].is_empty();
    let advances = |k: usize| clusters[k].x1 > clusters[k].x0;
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for k in (0..clusters.len()).filter(|&k| leading(k)) {
        match groups.last_mut() {
            Some(group) if !advances(k) => group.push(k),
            Some(group) if !group.iter().any(|&j| advances(j)) => group.push(k),
            _ => groups.push(vec![k]),
        }
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
    for group in &groups {
        let members: Vec<usize> = group.iter().flat_map(|&k| starting[k].clone()).collect();
        let Some(&lead) = group.iter().find(|&&k| advances(k)).or(group.first()) else {
            continue;
        };
        let lead = &clusters[lead];
        for (n, (a, b)) in split_extent(lead, members.len(), rtl, carets)
            .into_iter()
            .enumerate()
        {
            let gi = members[n];
            boxes[gi].x0 = a;
            boxes[gi].x1 = b;
            touched[gi] = true;
        }
    }
    // Clusters that start inside a grapheme widen it.
    for (k, c) in clusters.iter().enumerate() {
        if leading(k) {
            continue;
        }
        if let Some(gi) =
            (0..graphemes.len()).find(|&g| g_start[g] <= c.start && c.start < g_end[g])
        {
            if touched[gi] {
                boxes[gi].x0 = boxes[gi].x0.min(c.x0);
                boxes[gi].x1 = boxes[gi].x1.max(c.x1);
            } else {
                touched[gi] = true;
                boxes[gi].x0 = c.x0;
                boxes[gi].x1 = c.x1;
            }
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

/// `lead`'s extent cut into `n` parts in logical order: at the ligature carets of its one
/// advancing glyph when the font gives exactly `n - 1` inside it, else in equal parts. The first
/// logical part is on the right when `rtl`.
fn split_extent(lead: &Cluster, n: usize, rtl: bool, carets: &LigatureCarets) -> Vec<(f32, f32)> {
    let (x0, x1) = (lead.x0, lead.x1);
    if n <= 1 {
        return vec![(x0, x1); n];
    }
    // Cut points left to right, x0 and x1 included.
    let mut cuts: Option<Vec<f32>> = None;
    if let [(pen, _, glyph)] = lead.advancing[..] {
        let inner: Vec<f32> = carets.of(glyph).iter().map(|c| pen + c).collect();
        let mut all = vec![x0];
        all.extend(inner);
        all.push(x1);
        if all.len() == n + 1 && all.windows(2).all(|w| w[0] < w[1]) {
            cuts = Some(all);
        }
    }
    let cuts = cuts.unwrap_or_else(|| {
        (0..=n)
            .map(|k| x0 + (x1 - x0) * k as f32 / n as f32)
            .collect()
    });
    (0..n)
        .map(|k| {
            let v = if rtl { n - 1 - k } else { k };
            (cuts[v], cuts[v + 1])
        })
        .collect()
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
