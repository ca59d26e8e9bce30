//! Paragraph layout: lines broken first, then each line reordered (UAX #9, rules L1–L2, L4), and
//! its units placed left to right in visual order.
//!
//! All x/y values are in points, relative to the top-left corner of the laid-out document. All
//! positions into text are char offsets into the document text, end-exclusive.

use super::bidi::{BidiParagraph, DirectionSetting, mirror};
pub use super::document::{DocumentLayout, layout_document};
pub use super::measure::{FixedWidthMeasurer, GraphemeBox, Measurer, UnitShape};
use super::units::{Unit, break_opportunities, split_units};
use egui::{Rect, pos2};
use std::ops::Range;
use std::sync::Arc;
use unicode_bidi::BidiClass;

/// A unit placed on a line.
#[derive(Clone, Debug)]
pub struct PlacedUnit {
    /// Char offsets into the document, end-exclusive.
    pub chars: Range<usize>,
    /// Embedding level after rule L1; odd is right to left.
    pub level: u8,
    /// The text as drawn: the document's chars, mirrored at odd levels (rule L4); empty for an
    /// invisible control.
    pub text: String,
    /// Left edge, points from the line's left edge.
    pub x: f32,
    /// Metrics of `text`.
    pub shape: Arc<UnitShape>,
    /// For an invisible control (empty `text`): the char itself.
    pub control: Option<char>,
}

impl PlacedUnit {
    /// Is this unit right to left?
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// One visual line.
#[derive(Clone, Debug)]
pub struct LineLayout {
    /// Char offsets into the document, end-exclusive.
    pub chars: Range<usize>,
    /// Units in visual order, left to right.
    pub units: Vec<PlacedUnit>,
    /// Left edge of the line, points from the document's left edge (alignment applied).
    pub x: f32,
    /// Top of the line, points from the document's top.
    pub y: f32,
    /// Total advance of the units, points.
    pub width: f32,
    /// Line height, points.
    pub height: f32,
}

impl LineLayout {
    /// The line's rectangle in document coordinates.
    pub fn rect(&self) -> Rect {
        Rect::from_min_size(pos2(self.x, self.y), egui::vec2(self.width, self.height))
    }
}

/// One laid-out paragraph.
#[derive(Clone, Debug)]
pub struct ParagraphLayout {
    /// Char offsets into the document, end-exclusive, without the separator.
    pub chars: Range<usize>,
    /// Paragraph direction resolved by UAX #9 (rules P2–P3 or the document's setting).
    pub rtl: bool,
    /// Lines top to bottom; an empty paragraph has one empty line.
    pub lines: Vec<LineLayout>,
}

impl ParagraphLayout {
    /// Height of the paragraph's lines, points.
    pub fn height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }
}

/// Lays out one paragraph (`text` holds no separator). `offset` is the char offset of the
/// paragraph in the document, `top` its y in points.
pub fn layout_paragraph(
    text: &str,
    offset: usize,
    direction: DirectionSetting,
    width: f32,
    top: f32,
    measurer: &mut dyn Measurer,
) -> ParagraphLayout {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let bidi = BidiParagraph::new(text, direction);
    let classes: Vec<BidiClass> = (0..n).map(|i| bidi.class(i)).collect();
    let (allowed, mandatory) = break_opportunities(text, n);
    let line_height = measurer.line_height();
    let ctx = ParaCtx {
        chars: &chars,
        classes: &classes,
        bidi: &bidi,
        allowed: &allowed,
    };

    let line_ranges = break_lines(&ctx, &mandatory, width, measurer);
    let mut lines = Vec::with_capacity(line_ranges.len());
    let mut y = top;
    for range in line_ranges {
        let mut line = place_line(&ctx, range, offset, measurer);
        line.y = y;
        line.height = line_height;
        line.x = if bidi.is_rtl() {
            width - line.width
        } else {
            0.0
        };
        y += line_height;
        lines.push(line);
    }
    ParagraphLayout {
        chars: offset..offset + n,
        rtl: bidi.is_rtl(),
        lines,
    }
}

struct ParaCtx<'a> {
    chars: &'a [char],
    classes: &'a [BidiClass],
    bidi: &'a BidiParagraph,
    allowed: &'a [bool],
}

impl ParaCtx<'_> {
    fn unit_text(&self, u: &Unit) -> String {
        let slice = &self.chars[u.chars.clone()];
        if slice.len() == 1
            && super::units::is_invisible_control(slice[0], self.classes[u.chars.start])
        {
            return String::new();
        }
        if u.is_rtl() {
            slice.iter().map(|&c| mirror(c)).collect()
        } else {
            slice.iter().collect()
        }
    }

    /// Width of `range` measured unit by unit with paragraph levels, and the width of its
    /// trailing whitespace.
    fn measure_range(&self, range: Range<usize>, measurer: &mut dyn Measurer) -> (f32, f32) {
        let levels = self.bidi.line_levels(range.clone());
        let units = split_units(self.chars, self.classes, &levels, range, self.allowed);
        let mut total = 0.0;
        let mut trailing = 0.0;
        for u in &units {
            let w = measurer.measure(&self.unit_text(u)).width;
            total += w;
            if self.chars[u.chars.clone()]
                .iter()
                .all(|c| c.is_whitespace())
            {
                trailing += w;
            } else {
                trailing = 0.0;
            }
        }
        (total, trailing)
    }
}

/// Greedy line breaking: each line takes the most break-opportunity segments whose width (without
/// trailing whitespace) fits `width`; a segment wider than a line on its own is cut between
/// graphemes. Returns paragraph char ranges.
fn break_lines(
    ctx: &ParaCtx<'_>,
    mandatory: &[bool],
    width: f32,
    measurer: &mut dyn Measurer,
) -> Vec<Range<usize>> {
    let n = ctx.chars.len();
    if n == 0 {
        return vec![0..0];
    }
    let mut ends: Vec<usize> = (1..=n).filter(|&i| ctx.allowed[i] || i == n).collect();
    ends.dedup();
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut acc = 0.0f32; // width of the segments already on the line
    let mut seg_start = 0;
    let mut k = 0;
    while k < ends.len() {
        let seg_end = ends[k];
        let (w, trailing) = ctx.measure_range(seg_start..seg_end, measurer);
        if acc + w - trailing <= width
            || (seg_start == line_start && acc == 0.0 && w - trailing <= width)
        {
            acc += w;
            seg_start = seg_end;
            k += 1;
            if mandatory[seg_end] && seg_end < n {
                lines.push(line_start..seg_end);
                line_start = seg_end;
                acc = 0.0;
            }
        } else if seg_start > line_start {
            lines.push(line_start..seg_start);
            line_start = seg_start;
            acc = 0.0;
        } else {
            // One segment wider than the line: cut it at the last grapheme that fits.
            let cut = overflow_cut(ctx, seg_start..seg_end, width, measurer);
            lines.push(line_start..cut);
            line_start = cut;
            seg_start = cut;
            acc = 0.0;
        }
    }
    if line_start < n || lines.is_empty() {
        lines.push(line_start..n);
    }
    lines
}

/// The char offset at which to cut an overlong segment: after the longest run of whole graphemes
/// that fits `width`, and after at least one grapheme.
fn overflow_cut(
    ctx: &ParaCtx<'_>,
    range: Range<usize>,
    width: f32,
    measurer: &mut dyn Measurer,
) -> usize {
    let text: String = ctx.chars[range.clone()].iter().collect();
    let bounds: Vec<usize> = super::measure::grapheme_char_ranges(&text)
        .into_iter()
        .map(|g| range.start + g.end)
        .collect();
    let mut best = bounds.first().copied().unwrap_or(range.end);
    for &b in &bounds {
        if ctx.measure_range(range.start..b, measurer).0 <= width {
            best = b;
        } else {
            break;
        }
    }
    best
}

fn place_line(
    ctx: &ParaCtx<'_>,
    range: Range<usize>,
    offset: usize,
    measurer: &mut dyn Measurer,
) -> LineLayout {
    let levels = ctx.bidi.line_levels(range.clone());
    let runs = super::bidi::visual_runs_from_levels(&levels, range.start);
    let mut units_out = Vec::new();
    let mut x = 0.0;
    for run in runs {
        let run_levels = &levels[run.chars.start - range.start..run.chars.end - range.start];
        let mut units = split_units(
            ctx.chars,
            ctx.classes,
            run_levels,
            run.chars.clone(),
            ctx.allowed,
        );
        if run.is_rtl() {
            units.reverse();
        }
        for u in units {
            let text = ctx.unit_text(&u);
            let shape = if text.is_empty() {
                // An invisible control: no glyph, but a zero-width box so it keeps its place.
                Arc::new(UnitShape {
                    width: 0.0,
                    graphemes: vec![GraphemeBox {
                        chars: 0..u.chars.len(),
                        x0: 0.0,
                        x1: 0.0,
                    }],
                })
            } else {
                measurer.measure(&text)
            };
            let w = shape.width;
            let control = text.is_empty().then(|| ctx.chars[u.chars.start]);
            units_out.push(PlacedUnit {
                chars: u.chars.start + offset..u.chars.end + offset,
                level: u.level,
                text,
                x,
                shape,
                control,
            });
            x += w;
        }
    }
    LineLayout {
        chars: range.start + offset..range.end + offset,
        units: units_out,
        x: 0.0,
        y: 0.0,
        width: x,
        height: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed() -> FixedWidthMeasurer {
        FixedWidthMeasurer {
            advance: 10.0,
            height: 20.0,
        }
    }

    fn visual_words(layout: &DocumentLayout, text: &str) -> Vec<Vec<String>> {
        let chars: Vec<char> = text.chars().collect();
        layout
            .lines()
            .map(|l| {
                l.units
                    .iter()
                    .map(|u| chars[u.chars.clone()].iter().collect::<String>())
                    .filter(|s| !s.trim().is_empty())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn rtl_line_places_first_word_rightmost_and_right_aligns() {
        let text = "أطلق الدفاع المدني";
        let l = layout_document(text, DirectionSetting::Auto, 1000.0, &mut fixed());
        assert_eq!(
            visual_words(&l, text),
            vec![vec!["المدني", "الدفاع", "أطلق"]]
        );
        let line = l.lines().next().unwrap();
        assert!((line.x + line.width - 1000.0).abs() < 0.01);
    }

    #[test]
    fn lines_break_before_reordering_and_cover_every_char_once() {
        let text = "الناشط الإعلامي أحمد زيدان شارك بالحملة عبر موقع تويتر AhamdZydan (@AhmadZydan2011) July 6, 2020";
        let l = layout_document(text, DirectionSetting::Auto, 150.0, &mut fixed());
        let mut covered = vec![0u8; text.chars().count()];
        for line in l.lines() {
            assert!(
                line.width - 150.0 <= 10.0 + 0.01 || line.units.len() == 1,
                "line too wide: {}",
                line.width
            );
            for u in &line.units {
                for i in u.chars.clone() {
                    covered[i] += 1;
                }
            }
        }
        assert!(covered.iter().all(|&c| c == 1));
        assert!(l.lines().count() > 3);
    }

    #[test]
    fn caret_and_rects_round_trip_on_arabic() {
        let text = "أطلق الدفاع";
        let l = layout_document(text, DirectionSetting::Auto, 500.0, &mut fixed());
        // "الدفاع" is chars 5..11; its rect is left of "أطلق" on screen.
        let rects = l.range_rects(5..11);
        assert_eq!(rects.len(), 1);
        let r = rects[0];
        assert!((r.width() - 60.0).abs() < 0.01);
        // Right edge of the word is the caret before it (offset 5), left edge after it (11).
        assert_eq!(l.caret_at(pos2(r.max.x - 1.0, 5.0)), 5);
        assert_eq!(l.caret_at(pos2(r.min.x + 1.0, 5.0)), 11);
        let first = l.range_rects(0..4)[0];
        assert!(first.min.x >= r.max.x);
    }

    #[test]
    fn mixed_range_is_discontiguous() {
        let text = "قال ICRC اليوم";
        let l = layout_document(text, DirectionSetting::Auto, 500.0, &mut fixed());
        // "ال ICRC" crosses an Arabic/Latin boundary: two boxes on screen.
        assert_eq!(l.range_rects(1..6).len(), 2);
    }

    #[test]
    fn overlong_word_is_cut_between_graphemes() {
        let text = "pic.twitter.com/S0uE8EINaEpic.twitter.com/S0uE8EINaE";
        let l = layout_document(text, DirectionSetting::Ltr, 100.0, &mut fixed());
        assert!(l.lines().all(|line| line.width <= 100.0 + 0.01));
        assert_eq!(
            l.lines().map(|x| x.chars.len()).sum::<usize>(),
            text.chars().count()
        );
    }
}
