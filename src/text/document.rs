//! A document laid out at one width, lazily: paragraphs are split and their heights estimated up
//! front, and only the paragraphs that are looked at (the visible ones) are laid out, each cached
//! until the width or the direction changes. A height index (prefix sums of paragraph heights)
//! places every paragraph; egui's `show_rows` would assume equal rows.
//!
//! Hit-testing and highlight geometry work on the laid-out paragraphs. All positions are char
//! offsets into the document text, end-exclusive; all coordinates are points from the document's
//! top-left corner.

use super::bidi::DirectionSetting;
use super::layout::{
    GraphemeBox, LineLayout, Measurer, ParagraphLayout, PlacedUnit, layout_paragraph,
};
use super::paragraphs::{ParagraphSpan, split_paragraphs};
use egui::{Pos2, Rect, pos2};
use std::ops::Range;
use std::sync::Arc;

/// Extra space between paragraphs, as a fraction of the line height.
pub const PARAGRAPH_GAP: f32 = 0.25;

/// Average advance of a char relative to the line height, for height estimates only.
const ESTIMATED_ADVANCE: f32 = 0.33;

struct Slot {
    span: ParagraphSpan,
    layout: Option<ParagraphLayout>,
    height: f32,
}

/// A document laid out (lazily) at one width.
pub struct DocumentLayout {
    text: Arc<str>,
    direction: DirectionSetting,
    width: f32,
    line_height: f32,
    slots: Vec<Slot>,
    /// `tops[i]` is the y of paragraph `i`; `tops[len]` is the document height.
    tops: Vec<f32>,
    char_count: usize,
}

/// Lays out all of `text` at `width` points (see [`DocumentLayout::ensure_all`]).
pub fn layout_document(
    text: &str,
    direction: DirectionSetting,
    width: f32,
    measurer: &mut dyn Measurer,
) -> DocumentLayout {
    let mut layout = DocumentLayout::new(Arc::from(text), direction, width, measurer.line_height());
    layout.ensure_all(measurer);
    layout
}

impl DocumentLayout {
    /// Splits `text` into paragraphs and estimates their heights; lays nothing out yet.
    pub fn new(text: Arc<str>, direction: DirectionSetting, width: f32, line_height: f32) -> Self {
        let spans = split_paragraphs(&text);
        let per_line = (width / (line_height * ESTIMATED_ADVANCE)).max(1.0);
        let slots: Vec<Slot> = spans
            .into_iter()
            .map(|span| {
                let lines = (span.chars.len() as f32 / per_line).ceil().max(1.0);
                Slot {
                    span,
                    layout: None,
                    height: lines * line_height,
                }
            })
            .collect();
        // The last paragraph always ends at the end of the text.
        let char_count = slots.last().map_or(0, |s| s.span.chars.end);
        let mut layout = Self {
            text,
            direction,
            width,
            line_height,
            slots,
            tops: Vec::new(),
            char_count,
        };
        layout.recompute_tops();
        layout
    }

    fn gap(&self) -> f32 {
        self.line_height * PARAGRAPH_GAP
    }

    fn recompute_tops(&mut self) {
        let gap = self.gap();
        self.tops.clear();
        let mut y = 0.0;
        for (i, s) in self.slots.iter().enumerate() {
            if i > 0 {
                y += gap;
            }
            self.tops.push(y);
            y += s.height;
        }
        self.tops.push(y);
    }

    /// The wrap width, points.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// The paragraph direction setting it was laid out with.
    pub fn direction(&self) -> DirectionSetting {
        self.direction
    }

    /// Total height, points (estimated for paragraphs not laid out yet).
    pub fn height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// Number of chars in the document.
    pub fn char_count(&self) -> usize {
        self.char_count
    }

    /// Number of paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.slots.len()
    }

    /// Number of paragraphs laid out so far.
    pub fn laid_out_count(&self) -> usize {
        self.slots.iter().filter(|s| s.layout.is_some()).count()
    }

    /// The paragraph holding char `i` (or the last one).
    pub fn paragraph_of_char(&self, i: usize) -> usize {
        self.slots
            .partition_point(|s| s.span.chars.end < i)
            .min(self.slots.len().saturating_sub(1))
    }

    /// The first paragraph whose bottom is below `y`.
    fn paragraph_at_y(&self, y: f32) -> usize {
        let (mut lo, mut hi) = (0, self.slots.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.tops[mid] + self.slots[mid].height < y {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo.min(self.slots.len().saturating_sub(1))
    }

    /// Lays out paragraph `idx` if it is not yet, and moves everything below it by the change in
    /// its height. Returns the change, points.
    pub fn ensure_paragraph(&mut self, idx: usize, measurer: &mut dyn Measurer) -> f32 {
        let Some(slot) = self.slots.get(idx) else {
            return 0.0;
        };
        if slot.layout.is_some() {
            return 0.0;
        }
        let top = self.tops[idx];
        let para = layout_paragraph(
            &self.text[slot.span.bytes.clone()],
            slot.span.chars.start,
            self.direction,
            self.width,
            top,
            measurer,
        );
        let new_h = para.height();
        let delta = new_h - slot.height;
        self.slots[idx].layout = Some(para);
        self.slots[idx].height = new_h;
        if delta != 0.0 {
            for t in &mut self.tops[idx + 1..] {
                *t += delta;
            }
            for s in &mut self.slots[idx + 1..] {
                if let Some(p) = &mut s.layout {
                    for l in &mut p.lines {
                        l.y += delta;
                    }
                }
            }
        }
        delta
    }

    /// Lays out every paragraph that meets the band `y` (points), growing it as estimates turn
    /// into exact heights. Returns the range of paragraphs in the band.
    pub fn ensure_visible(&mut self, y: Range<f32>, measurer: &mut dyn Measurer) -> Range<usize> {
        if self.slots.is_empty() {
            return 0..0;
        }
        let first = self.paragraph_at_y(y.start);
        let mut i = first;
        while i < self.slots.len() && self.tops[i] < y.end {
            self.ensure_paragraph(i, measurer);
            i += 1;
        }
        first..i.max(first + 1).min(self.slots.len())
    }

    /// Lays out the paragraphs that hold `range` (char offsets).
    pub fn ensure_chars(&mut self, range: Range<usize>, measurer: &mut dyn Measurer) {
        let a = self.paragraph_of_char(range.start);
        let b = self.paragraph_of_char(range.end.max(range.start));
        for i in a..=b {
            self.ensure_paragraph(i, measurer);
        }
    }

    /// Lays out every paragraph.
    pub fn ensure_all(&mut self, measurer: &mut dyn Measurer) {
        for i in 0..self.slots.len() {
            self.ensure_paragraph(i, measurer);
        }
    }

    /// The laid-out paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &ParagraphLayout> {
        self.slots.iter().filter_map(|s| s.layout.as_ref())
    }

    /// All laid-out lines, top to bottom.
    pub fn lines(&self) -> impl Iterator<Item = &LineLayout> {
        self.paragraphs().flat_map(|p| p.lines.iter())
    }

    /// Laid-out lines of the paragraphs `range`.
    pub fn lines_of(&self, range: Range<usize>) -> impl Iterator<Item = &LineLayout> {
        self.slots[range.start.min(self.slots.len())..range.end.min(self.slots.len())]
            .iter()
            .filter_map(|s| s.layout.as_ref())
            .flat_map(|p| p.lines.iter())
    }

    /// Laid-out lines that hold any char of `range`.
    fn lines_for_chars(&self, range: Range<usize>) -> impl Iterator<Item = &LineLayout> {
        let a = self.paragraph_of_char(range.start);
        let b = self.paragraph_of_char(range.end) + 1;
        self.lines_of(a..b).filter(move |l| {
            l.chars.start < range.end && range.start < l.chars.end.max(l.chars.start + 1)
        })
    }

    /// The laid-out line nearest to `y` (points).
    pub fn line_at_y(&self, y: f32) -> Option<&LineLayout> {
        if self.slots.is_empty() {
            return None;
        }
        let p = self.paragraph_at_y(y);
        let lo = p.saturating_sub(1);
        let hi = (p + 2).min(self.slots.len());
        self.lines_of(lo..hi)
            .min_by(|a, b| dist_y(a, y).total_cmp(&dist_y(b, y)))
            .or_else(|| {
                self.lines()
                    .min_by(|a, b| dist_y(a, y).total_cmp(&dist_y(b, y)))
            })
    }

    /// The caret position nearest to `pos`: a char offset on a grapheme boundary. Inside a
    /// grapheme, the half under `pos` decides the side: in a right-to-left unit the right half
    /// means "before" (visual order, UAX #9), in a left-to-right unit the left half.
    pub fn caret_at(&self, pos: Pos2) -> usize {
        let Some(line) = self.line_at_y(pos.y) else {
            return 0;
        };
        let Some((unit, g)) = nearest_grapheme(line, pos.x) else {
            return line.chars.start;
        };
        let (gx0, gx1) = (line.x + unit.x + g.x0, line.x + unit.x + g.x1);
        let before = if unit.is_rtl() {
            pos.x >= (gx0 + gx1) / 2.0
        } else {
            pos.x < (gx0 + gx1) / 2.0
        };
        unit.chars.start + if before { g.chars.start } else { g.chars.end }
    }

    /// The char under `pos`, if `pos` is on a glyph box of a laid-out line.
    pub fn char_at(&self, pos: Pos2) -> Option<usize> {
        let line = self
            .line_at_y(pos.y)
            .filter(|l| pos.y >= l.y && pos.y < l.y + l.height)?;
        let (unit, g) = nearest_grapheme(line, pos.x)?;
        let (gx0, gx1) = (line.x + unit.x + g.x0, line.x + unit.x + g.x1);
        (pos.x >= gx0 && pos.x <= gx1).then_some(unit.chars.start + g.chars.start)
    }

    /// Where the caret for logical position `i` is drawn: its top point and height. The caret
    /// sits on the reading-side edge of the grapheme that starts at `i` (right edge in a
    /// right-to-left unit), or after the grapheme that ends at `i` at the end of a line.
    /// `None` when that paragraph is not laid out.
    pub fn caret_pos(&self, i: usize) -> Option<(Pos2, f32)> {
        let mut after: Option<(Pos2, f32)> = None;
        for line in self.lines_for_chars(i.saturating_sub(1)..i + 1) {
            for unit in &line.units {
                for g in &unit.shape.graphemes {
                    let (gs, ge) = (
                        unit.chars.start + g.chars.start,
                        unit.chars.start + g.chars.end,
                    );
                    let (x0, x1) = (line.x + unit.x + g.x0, line.x + unit.x + g.x1);
                    if gs == i {
                        let x = if unit.is_rtl() { x1 } else { x0 };
                        return Some((pos2(x, line.y), line.height));
                    }
                    if ge == i {
                        let x = if unit.is_rtl() { x0 } else { x1 };
                        after = Some((pos2(x, line.y), line.height));
                    }
                }
            }
            if line.units.is_empty() && line.chars.start == i {
                return Some((pos2(line.x, line.y), line.height));
            }
        }
        after
    }

    /// The grapheme boundary one step left (`left = true`) or right of caret `i` on its line, in
    /// visual order; at a line's end it goes to the neighbouring line in reading order. Returns
    /// `i` when there is nowhere to go. `None` if that part is not laid out.
    pub fn move_visual(&self, i: usize, left: bool) -> Option<usize> {
        let line = self
            .lines_for_chars(i.saturating_sub(1)..i + 1)
            .find(|l| l.chars.start <= i && i <= l.chars.end)?;
        // Caret stops of this line in visual order: (x, logical index).
        let mut stops: Vec<(f32, usize)> = Vec::new();
        for unit in &line.units {
            for g in &unit.shape.graphemes {
                let (gs, ge) = (
                    unit.chars.start + g.chars.start,
                    unit.chars.start + g.chars.end,
                );
                let (x0, x1) = (line.x + unit.x + g.x0, line.x + unit.x + g.x1);
                if unit.is_rtl() {
                    stops.push((x0, ge));
                    stops.push((x1, gs));
                } else {
                    stops.push((x0, gs));
                    stops.push((x1, ge));
                }
            }
        }
        let (here, _) = self.caret_pos(i)?;
        let candidates = stops.iter().filter(|(x, idx)| {
            *idx != i
                && if left {
                    *x < here.x - 0.01
                } else {
                    *x > here.x + 0.01
                }
        });
        let best = if left {
            candidates.max_by(|a, b| a.0.total_cmp(&b.0))
        } else {
            candidates.min_by(|a, b| a.0.total_cmp(&b.0))
        };
        if let Some(&(_, idx)) = best {
            return Some(idx);
        }
        // Past the line's visual end: one char on in reading order (onto the next or previous line).
        let rtl = self.slots[self.paragraph_of_char(i)]
            .layout
            .as_ref()
            .is_some_and(|p| p.rtl);
        Some(if left == rtl {
            (i + 1).min(self.char_count)
        } else {
            i.saturating_sub(1)
        })
    }

    /// Rectangles covering the graphemes of `range` (char offsets) on laid-out lines: one or more
    /// per line, since a logical range that crosses a direction change is discontiguous on screen.
    pub fn range_rects(&self, range: Range<usize>) -> Vec<Rect> {
        let mut out: Vec<Rect> = Vec::new();
        if range.start >= range.end {
            return out;
        }
        for line in self.lines_for_chars(range.clone()) {
            let mut boxes: Vec<Rect> = Vec::new();
            for unit in &line.units {
                if unit.chars.end <= range.start || unit.chars.start >= range.end {
                    continue;
                }
                for g in &unit.shape.graphemes {
                    let (gs, ge) = (
                        unit.chars.start + g.chars.start,
                        unit.chars.start + g.chars.end,
                    );
                    if ge <= range.start || gs >= range.end {
                        continue;
                    }
                    boxes.push(grapheme_rect(line, unit, g));
                }
            }
            boxes.sort_by(|a, b| a.min.x.total_cmp(&b.min.x));
            let first = out.len();
            for r in boxes {
                match out[first..].last_mut() {
                    Some(o) if r.min.x <= o.max.x + 0.5 => *o = o.union(r),
                    _ => out.push(r),
                }
            }
        }
        out.retain(|r| r.width() > 0.0);
        out
    }

    /// Bounding rectangle of the graphemes of `range`, for scrolling to it.
    pub fn range_bounds(&self, range: Range<usize>) -> Option<Rect> {
        self.range_rects(range)
            .into_iter()
            .reduce(|a, b| a.union(b))
    }

    /// The laid-out chars in on-screen order: line by line, top to bottom, each line left to
    /// right by the centre of each char's grapheme box. Chars that share a grapheme keep logical
    /// order in a left-to-right unit and reverse order in a right-to-left one (UAX #9 without the
    /// optional rule L3). Paragraph separators are on no line.
    pub fn visual_order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.char_count);
        for line in self.lines() {
            out.extend(line_visual_order(line));
        }
        out
    }
}

/// The chars of one line in on-screen order (see [`DocumentLayout::visual_order`]).
pub fn line_visual_order(line: &LineLayout) -> Vec<usize> {
    let mut keyed: Vec<(f32, usize, usize)> = Vec::new(); // (x centre, unit index, char)
    for (ui, unit) in line.units.iter().enumerate() {
        for g in &unit.shape.graphemes {
            let centre = line.x + unit.x + (g.x0 + g.x1) / 2.0;
            let chars = (unit.chars.start + g.chars.start)..(unit.chars.start + g.chars.end);
            let ordered: Vec<usize> = if unit.is_rtl() {
                chars.rev().collect()
            } else {
                chars.collect()
            };
            keyed.extend(ordered.into_iter().map(|c| (centre, ui, c)));
        }
    }
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    keyed.into_iter().map(|k| k.2).collect()
}

fn dist_y(line: &LineLayout, y: f32) -> f32 {
    if y < line.y {
        line.y - y
    } else if y >= line.y + line.height {
        y - (line.y + line.height) + 0.001
    } else {
        0.0
    }
}

fn grapheme_rect(line: &LineLayout, unit: &PlacedUnit, g: &GraphemeBox) -> Rect {
    Rect::from_min_max(
        pos2(line.x + unit.x + g.x0, line.y),
        pos2(line.x + unit.x + g.x1, line.y + line.height),
    )
}

fn nearest_grapheme(line: &LineLayout, x: f32) -> Option<(&PlacedUnit, &GraphemeBox)> {
    let mut best: Option<(&PlacedUnit, &GraphemeBox, f32)> = None;
    for unit in &line.units {
        for g in &unit.shape.graphemes {
            let (x0, x1) = (line.x + unit.x + g.x0, line.x + unit.x + g.x1);
            let d = if x < x0 {
                x0 - x
            } else if x > x1 {
                x - x1
            } else {
                0.0
            };
            // Zero-width graphemes (controls) only win when nothing else is there.
            let d = if x1 - x0 <= 0.0 { d + 0.01 } else { d };
            if best.is_none_or(|(_, _, bd)| d < bd) {
                best = Some((unit, g, d));
            }
        }
    }
    best.map(|(u, g, _)| (u, g))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::layout::FixedWidthMeasurer;

    fn fixed() -> FixedWidthMeasurer {
        FixedWidthMeasurer {
            advance: 10.0,
            height: 20.0,
        }
    }

    #[test]
    fn caret_position_and_hit_testing_agree_both_ways() {
        let text = "قال ICRC: «سجن» 200 مرة\nand back (نص) again";
        let l = layout_document(text, DirectionSetting::Auto, 130.0, &mut fixed());
        let bounds = crate::text::measure::grapheme_char_ranges(text);
        let mut checked = 0;
        for g in &bounds {
            let i = g.start;
            let Some((top, h)) = l.caret_pos(i) else {
                continue;
            };
            // Hit-test a point just inside the grapheme that starts at `i`, on its reading side.
            let line = l.line_at_y(top.y + h / 2.0).unwrap();
            let Some(unit) = line.units.iter().find(|u| u.chars.contains(&i)) else {
                continue;
            };
            let nudge = if unit.is_rtl() { -1.0 } else { 1.0 };
            let back = l.caret_at(egui::pos2(top.x + nudge, top.y + h / 2.0));
            assert_eq!(back, i, "caret {i} at x {}", top.x);
            checked += 1;
        }
        assert_eq!(
            checked,
            bounds.len() - 1,
            "every grapheme but the line feed"
        );
    }

    #[test]
    fn guillemets_and_parentheses_are_mirrored_in_rtl_runs() {
        let text = "قال «سجن» (نص)";
        let l = layout_document(text, DirectionSetting::Auto, 500.0, &mut fixed());
        let drawn: String = l
            .lines()
            .flat_map(|line| line.units.iter().map(|u| u.text.clone()))
            .collect();
        // Visual left to right: ")نص(" then "»سجن«" then "قال", each bracket mirrored (rule L4).
        assert_eq!(drawn, "(نص) «سجن» قال");
    }

    #[test]
    fn lazy_layout_lays_out_only_what_is_looked_at() {
        let text = "سجن صيدنايا\n".repeat(2000);
        let mut m = fixed();
        let mut l = DocumentLayout::new(
            Arc::from(text.as_str()),
            DirectionSetting::Auto,
            300.0,
            20.0,
        );
        assert_eq!(l.laid_out_count(), 0);
        let band = l.ensure_visible(0.0..400.0, &mut m);
        assert!(band.len() < 30 && l.laid_out_count() == band.len());
        let far = l.paragraph_of_char(12 * 1500);
        l.ensure_chars(12 * 1500..12 * 1500 + 3, &mut m);
        assert!(
            l.range_bounds(12 * 1500..12 * 1500 + 3).is_some(),
            "paragraph {far} laid out on demand"
        );
        assert!(l.laid_out_count() < 40);
    }
}
