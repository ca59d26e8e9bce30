//! What the document view draws over and around the text without covering it: glyph ink boxes,
//! frames kept outside the ink, relation arcs routed between lines, the selection readout.
//! Coordinates are screen points; positions into text are char offsets, end-exclusive.

use egui::{Rect, pos2};
use std::ops::Range;

/// The ink boxes (screen points) of the glyphs of a galley painted at `pos`: each glyph's
/// rasterized bitmap rectangle, which holds every pixel the glyph paints.
pub fn ink_boxes(pos: egui::Pos2, galley: &egui::Galley) -> Vec<Rect> {
    galley
        .rows
        .iter()
        .flat_map(|row| {
            row.row
                .glyphs
                .iter()
                .filter(|g| !g.uv_rect.is_nothing())
                .map(move |g| {
                    Rect::from_min_size(
                        pos + row.pos.to_vec2() + g.pos.to_vec2() + g.uv_rect.offset,
                        g.uv_rect.size,
                    )
                })
        })
        .collect()
}

/// Gap between a frame's stroke and the ink it keeps clear of, points.
const FRAME_GAP: f32 = 1.0;

/// The line segments of a frame of stroke `width` around the grapheme box `r` (one line's piece
/// of a span), kept off every ink box in `ink`: the top edge runs above the ink under it, the
/// bottom edge below, and a side is left out where it would cross a neighbouring glyph (e.g. a
/// quote mark that touches the word).
pub fn frame_segments(r: Rect, width: f32, ink: &[Rect]) -> Vec<[egui::Pos2; 2]> {
    let half = width / 2.0;
    let left = r.min.x - FRAME_GAP - half;
    let right = r.max.x + FRAME_GAP + half;
    let under: Vec<&Rect> = ink
        .iter()
        .filter(|b| b.max.x > left - half && b.min.x < right + half)
        .filter(|b| b.max.y > r.min.y && b.min.y < r.max.y)
        .collect();
    let top = under.iter().map(|b| b.min.y).fold(r.min.y + half, f32::min) - FRAME_GAP - half;
    let bottom = under.iter().map(|b| b.max.y).fold(r.max.y - half, f32::max) + FRAME_GAP + half;
    let clear = |seg: Rect| ink.iter().all(|b| !b.intersects(seg));
    let mut out = Vec::new();
    for y in [top, bottom] {
        let band = Rect::from_min_max(pos2(left - half, y - half), pos2(right + half, y + half));
        if clear(band) {
            out.push([pos2(left, y), pos2(right, y)]);
        }
    }
    for x in [left, right] {
        let band = Rect::from_min_max(pos2(x - half, top), pos2(x + half, bottom));
        if clear(band) {
            out.push([pos2(x, top), pos2(x, bottom)]);
        }
    }
    out
}

/// Paints one line box of a gazetteer suggestion: a dashed outline in the label's `color`
/// (inset from the line box so neighbouring lines' outlines stay apart), thicker and with a faint
/// fill when `selected`. Suggestions are never filled like annotations: the dashes tell them
/// apart at a glance.
pub fn paint_suggestion(painter: &egui::Painter, r: Rect, color: egui::Color32, selected: bool) {
    let r = r.shrink2(egui::vec2(0.5, 2.0));
    if selected {
        painter.rect_filled(r, egui::CornerRadius::same(2), color.gamma_multiply(0.15));
    }
    let stroke = egui::Stroke::new(if selected { 2.0 } else { 1.2 }, color);
    let points = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.extend(egui::Shape::dashed_line(&points, stroke, 4.0, 3.0));
}

/// The short readout of a selection (char offsets): its length and its [start, end).
pub fn selection_readout(sel: &Range<usize>) -> String {
    let n = sel.len();
    format!(
        "{n} char{} · [{}, {})",
        if n == 1 { "" } else { "s" },
        sel.start,
        sel.end
    )
}

/// The smallest font size a relation's name is drawn at on its arc, points; where the band
/// between lines is lower, the name is left to the inspector (and the line's hover text).
pub const MIN_LABEL_SIZE: f32 = 7.0;

/// `text` laid out as large as fits in `room` points of height (at most `max` points), or `None`
/// when that would be under [`MIN_LABEL_SIZE`].
pub fn fit_label(
    painter: &egui::Painter,
    text: &str,
    room: f32,
    max: f32,
    color: egui::Color32,
) -> Option<std::sync::Arc<egui::Galley>> {
    // Through the bidi engine: a relation's name or the chip may be Arabic.
    let lay = |size: f32| {
        super::bidi_widgets::galley(
            painter.ctx(),
            text,
            size,
            super::bidi_widgets::Dir::Auto,
            None,
            Some(color),
        )
    };
    let first = lay(max);
    let height = first.size().y;
    if height <= room {
        return Some(first);
    }
    let size = (max * room / height).floor();
    if size < MIN_LABEL_SIZE {
        return None;
    }
    Some(lay(size)).filter(|g| g.size().y <= room)
}

/// Where the selection chip saying `text` goes, with its galley: centred in the free band under
/// `last` (the selection's piece on its last line) when the band is high enough, else beside
/// that line's ink, inside `area` (the text area), on the side with more room; `None` when
/// neither has room. Never over a glyph's ink.
pub fn chip_place(
    painter: &egui::Painter,
    lines: &[InkLine],
    last: Rect,
    text: &str,
    area: Rect,
    color: egui::Color32,
) -> Option<(Rect, std::sync::Arc<egui::Galley>)> {
    const MAX: f32 = 11.0;
    if let Some((top, bottom)) = band_below(lines, last, 12.0)
        && let Some(g) = fit_label(painter, text, bottom - top - 1.0, MAX, color)
    {
        let chip = Rect::from_center_size(
            pos2(last.center().x, (top + bottom) / 2.0),
            g.size() + egui::vec2(8.0, 0.0),
        );
        return Some((chip, g));
    }
    let line = lines
        .iter()
        .find(|l| l.rect.min.y <= last.center().y && last.center().y <= l.rect.max.y)?;
    let ink_min = line
        .ink
        .iter()
        .map(|b| b.min.x)
        .fold(line.rect.min.x, f32::min);
    let ink_max = line
        .ink
        .iter()
        .map(|b| b.max.x)
        .fold(line.rect.max.x, f32::max);
    let g = painter.layout_no_wrap(text.to_owned(), egui::FontId::proportional(MAX), color);
    let size = g.size() + egui::vec2(8.0, 0.0);
    let (left_room, right_room) = (ink_min - area.min.x, area.max.x - ink_max);
    let y = line.rect.center().y;
    let x = if left_room >= right_room && left_room >= size.x + 12.0 {
        ink_min - 6.0 - size.x / 2.0
    } else if right_room >= size.x + 12.0 {
        ink_max + 6.0 + size.x / 2.0
    } else {
        return None;
    };
    Some((Rect::from_center_size(pos2(x, y), size), g))
}

/// One line as drawn, for routing arcs around text: its screen rectangle and the ink boxes of
/// its glyphs (empty when the line was not drawn this frame).
#[derive(Clone, Debug)]
pub struct InkLine {
    /// The line's rectangle, screen points.
    pub rect: Rect,
    /// Ink boxes of its glyphs, screen points.
    pub ink: Vec<Rect>,
}

impl InkLine {
    /// Top of the line's ink (its rectangle's top when nothing was drawn).
    pub fn ink_top(&self) -> f32 {
        self.ink
            .iter()
            .map(|b| b.min.y)
            .reduce(f32::min)
            .unwrap_or(self.rect.min.y)
    }

    /// Bottom of the line's ink (its rectangle's bottom when nothing was drawn).
    pub fn ink_bottom(&self) -> f32 {
        self.ink
            .iter()
            .map(|b| b.max.y)
            .reduce(f32::max)
            .unwrap_or(self.rect.max.y)
    }
}

/// A relation arc routed through the free bands between lines of ink.
#[derive(Clone, Debug, PartialEq)]
pub struct ArcRoute {
    /// The polyline from the head span to the child span, screen points.
    pub points: Vec<egui::Pos2>,
    /// Where the relation's name goes: the middle of the longest horizontal run.
    pub label_at: egui::Pos2,
    /// Height of the free band the label sits in, points.
    pub label_room: f32,
}

/// The free band above line `k` of `lines` (top to bottom): from the ink bottom of the line
/// above (or `room` points above the ink when `k` is the first) to the ink top of line `k`.
fn band_above(lines: &[InkLine], k: usize, room: f32) -> (f32, f32) {
    let top = lines[k].ink_top();
    let above = if k > 0 {
        lines[k - 1].ink_bottom()
    } else {
        top - room
    };
    (above, top)
}

/// The free band (top, bottom) under the line holding `r` (screen points): from that line's ink
/// bottom to the next line's ink top, or `room` points down when it is the last line. `None`
/// when `r` is on none of `lines`.
pub fn band_below(lines: &[InkLine], r: Rect, room: f32) -> Option<(f32, f32)> {
    let k = lines
        .iter()
        .position(|l| l.rect.min.y <= r.center().y && r.center().y <= l.rect.max.y)?;
    Some(match lines.get(k + 1) {
        Some(_) => band_above(lines, k + 1, room),
        None => (lines[k].ink_bottom(), lines[k].ink_bottom() + room),
    })
}

/// Routes an arc from `head` to `child` (the first rectangles of the two spans, screen points)
/// so that it crosses no ink of `lines`: it leaves each span vertically into the free band next
/// to it, runs horizontally in that band, and between lines farther apart goes down the margin
/// at `margin_x` (left of every line's ink), so it stays out of the lines between. `room` is
/// the free height above the first line. When one end is on none of `lines` (far out of view),
/// the line goes from the other end down the margin towards it; `None` when neither end is.
pub fn route_arc(
    lines: &[InkLine],
    head: Rect,
    child: Rect,
    margin_x: f32,
    room: f32,
) -> Option<ArcRoute> {
    let line_of = |r: Rect| {
        lines
            .iter()
            .position(|l| l.rect.min.y <= r.center().y && r.center().y <= l.rect.max.y)
    };
    let mid = |(a, b): (f32, f32)| (a + b) / 2.0;
    const CLEAR: f32 = 1.5;
    let margin = |from: usize, to: usize| {
        lines[from.min(to)..=from.max(to)]
            .iter()
            .flat_map(|l| l.ink.iter().map(|b| b.min.x))
            .fold(margin_x, f32::min)
            - CLEAR
    };
    let (h, c) = match (line_of(head), line_of(child)) {
        (Some(h), Some(c)) => (h, c),
        (None, None) => return None,
        (one_h, _) => {
            // One end out of reach: from the other end's band to the margin, then along it
            // towards the far end, off the lines' ink.
            let (k, near, far) = match one_h {
                Some(h) => (h, head, child),
                None => (line_of(child)?, child, head),
            };
            let far_up = far.center().y < lines[k].rect.min.y;
            let (stub, lane, last) = if far_up {
                let band = band_above(lines, k, room);
                (band.1 - CLEAR, mid(band), 0)
            } else {
                let below = lines
                    .get(k + 1)
                    .map_or((lines[k].ink_bottom(), lines[k].rect.max.y + room), |_| {
                        band_above(lines, k + 1, room)
                    });
                (lines[k].ink_bottom() + CLEAR, mid(below), lines.len() - 1)
            };
            let x = margin(k, last);
            let mut points = vec![
                pos2(near.center().x, stub),
                pos2(near.center().x, lane),
                pos2(x, lane),
                pos2(x, far.center().y),
            ];
            if one_h.is_none() {
                points.reverse();
            }
            let label_at = pos2((near.center().x + x) / 2.0, lane);
            return Some(ArcRoute {
                points,
                label_at,
                label_room: 0.0,
            });
        }
    };
    let (hx, cx) = (head.center().x, child.center().x);
    let points = if h == c {
        // Same line: up into the band above it, across, and down to the child.
        let band = band_above(lines, h, room);
        let lane = mid(band);
        let end = band.1 - CLEAR;
        vec![pos2(hx, end), pos2(hx, lane), pos2(cx, lane), pos2(cx, end)]
    } else {
        let (up, down) = (h.min(c), h.max(c));
        let (ux, dx) = if h < c { (hx, cx) } else { (cx, hx) };
        let start = lines[up].ink_bottom() + CLEAR;
        let end = lines[down].ink_top() - CLEAR;
        let lane_down = mid(band_above(lines, down, room));
        let mut pts = if down == up + 1 {
            // Neighbouring lines: across the band between them.
            vec![
                pos2(ux, start),
                pos2(ux, lane_down),
                pos2(dx, lane_down),
                pos2(dx, end),
            ]
        } else {
            // Farther apart: down the margin, out of the lines between.
            let lane_up = mid(band_above(lines, up + 1, room));
            let x = margin(up, down);
            vec![
                pos2(ux, start),
                pos2(ux, lane_up),
                pos2(x, lane_up),
                pos2(x, lane_down),
                pos2(dx, lane_down),
                pos2(dx, end),
            ]
        };
        if h > c {
            pts.reverse(); // from the head
        }
        pts
    };
    // The label: the middle of the longest horizontal run, in the band it runs in.
    let (a, b) = points
        .windows(2)
        .map(|w| (w[0], w[1]))
        .filter(|(a, b)| (a.y - b.y).abs() < 0.01)
        .max_by(|x, y| (x.0.x - x.1.x).abs().total_cmp(&(y.0.x - y.1.x).abs()))?;
    let label_at = pos2((a.x + b.x) / 2.0, a.y);
    let label_room = lines
        .iter()
        .enumerate()
        .map(|(k, _)| band_above(lines, k, room))
        .find(|(lo, hi)| *lo <= a.y && a.y <= *hi)
        .map_or(0.0, |(lo, hi)| hi - lo);
    Some(ArcRoute {
        points,
        label_at,
        label_room,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    /// Three lines 30 points apart whose ink fills [y + 8, y + 24] from x = 10 to 300.
    fn lines() -> Vec<InkLine> {
        (0..4)
            .map(|k| {
                let y = 30.0 * k as f32;
                InkLine {
                    rect: Rect::from_min_size(pos2(10.0, y), vec2(290.0, 30.0)),
                    ink: (0..29)
                        .map(|i| {
                            Rect::from_min_size(
                                pos2(10.0 + 10.0 * i as f32, y + 8.0),
                                vec2(9.0, 16.0),
                            )
                        })
                        .collect(),
                }
            })
            .collect()
    }

    fn crosses_ink(route: &ArcRoute, lines: &[InkLine]) -> bool {
        route.points.windows(2).any(|w| {
            let seg = Rect::from_two_pos(w[0], w[1]);
            lines.iter().flat_map(|l| &l.ink).any(|b| b.intersects(seg))
        })
    }

    #[test]
    fn a_frame_keeps_off_the_ink_and_leaves_out_a_side_a_neighbour_touches() {
        // A word's box [100, 140] x [0, 30] with ink [101, 139] x [6, 24]; a quote mark touching
        // its right edge at [140, 145] x [4, 12]; open space on the left.
        let word = Rect::from_min_max(pos2(100.0, 0.0), pos2(140.0, 30.0));
        let ink = [
            Rect::from_min_max(pos2(101.0, 6.0), pos2(139.0, 24.0)),
            Rect::from_min_max(pos2(140.0, 4.0), pos2(145.0, 12.0)),
        ];
        let segs = frame_segments(word, 2.0, &ink);
        let as_rects: Vec<Rect> = segs
            .iter()
            .map(|s| Rect::from_two_pos(s[0], s[1]).expand(1.0))
            .collect();
        for r in &as_rects {
            assert!(ink.iter().all(|b| !b.intersects(*r)), "{r:?}");
        }
        // Top, bottom and the left side; no right side.
        assert_eq!(segs.len(), 3, "{segs:?}");
        assert!(segs.iter().any(|s| s[0].x == s[1].x && s[0].x < 100.0));
        assert!(segs.iter().all(|s| s[0].x != s[1].x || s[0].x < 140.0));
        let top = segs.iter().map(|s| s[0].y).fold(f32::MAX, f32::min);
        assert!(top < 4.0, "above the quote's ink too: {top}");
    }

    #[test]
    fn arcs_on_one_line_neighbouring_lines_and_far_lines_cross_no_ink() {
        let l = lines();
        let span = |line: usize, x: f32| {
            Rect::from_min_size(pos2(x, 30.0 * line as f32), vec2(30.0, 30.0))
        };
        for (h, c) in [
            (span(1, 200.0), span(1, 40.0)),
            (span(1, 200.0), span(2, 40.0)),
            (span(3, 200.0), span(0, 40.0)),
        ] {
            let r = route_arc(&l, h, c, 5.0, 20.0).unwrap();
            assert!(!crosses_ink(&r, &l), "{r:?}");
            assert_eq!(
                r.points.first().unwrap().x,
                h.center().x,
                "starts at the head"
            );
            assert_eq!(
                r.points.last().unwrap().x,
                c.center().x,
                "ends at the child"
            );
            assert!(r.label_room >= 14.0 - 0.01, "{r:?}");
        }
        // Far apart: down the margin, left of all ink.
        let r = route_arc(&l, span(3, 200.0), span(0, 40.0), 5.0, 20.0).unwrap();
        assert!(r.points.iter().any(|p| p.x < 10.0));
    }
}
