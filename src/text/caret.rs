//! Visual caret positions over a laid-out text, for editing: each line's caret stops from left
//! to right, one per boundary between grapheme boxes, and moves between them (arrow keys,
//! Home/End, up/down, a click).
//!
//! A boundary between two boxes of different direction is one place on screen but two logical
//! positions (e.g. in the right-to-left line `عدد 123 مرحبا`, the left edge of "1" is both "after
//! the space" and "before 1"). Each boundary here gets one logical position: the one of the box
//! whose direction is the paragraph's, as pango's "strong" cursor does (the place a character of
//! the paragraph's direction typed there would appear); a line's two ends take the paragraph's
//! start and end in reading order. So moving the caret one stop always moves it on screen, and
//! the caret is always drawn where it is.
//!
//! Positions are char offsets into the laid-out text; x and y are the layout's coordinates
//! (points from its top-left corner).

use super::document::DocumentLayout;
use egui::{Pos2, pos2};
use std::ops::Range;

/// One caret stop: a boundary between grapheme boxes on a line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CaretStop {
    /// The logical position a caret here stands for (char offset).
    pub index: usize,
    /// x of the boundary, points.
    pub x: f32,
    /// The other logical position at this boundary, if it has two (a direction change): where
    /// a character of the other direction typed at that position would appear (pango's "weak"
    /// cursor).
    pub weak: Option<usize>,
}

/// A line's caret stops.
#[derive(Clone, Debug)]
pub struct CaretLine {
    /// Top of the line, points.
    pub y: f32,
    /// Line height, points.
    pub height: f32,
    /// Is the line's paragraph right to left?
    pub rtl: bool,
    /// The line's chars, end-exclusive.
    pub chars: Range<usize>,
    /// Stops from left to right; at least one.
    pub stops: Vec<CaretStop>,
}

/// A caret place: line and stop indices into a [`CaretMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StopRef {
    /// Index of the line, top to bottom.
    pub line: usize,
    /// Index of the stop on the line, left to right.
    pub stop: usize,
}

/// Caret stops of every laid-out line of a text.
#[derive(Clone, Debug, Default)]
pub struct CaretMap {
    lines: Vec<CaretLine>,
}

/// One grapheme box on a line, with the logical positions at its two sides.
struct Cell {
    x0: f32,
    x1: f32,
    /// Logical position at the left side (its start if left to right, its end if right to left).
    left: usize,
    /// Logical position at the right side.
    right: usize,
    rtl: bool,
    level: u8,
}

impl CaretMap {
    /// The stops of the laid-out lines of `layout` (lay it all out first for a whole text).
    pub fn new(layout: &DocumentLayout) -> Self {
        let mut lines = Vec::new();
        for para in layout.paragraphs() {
            for line in &para.lines {
                let mut cells: Vec<Cell> = Vec::new();
                for unit in &line.units {
                    for g in &unit.shape.graphemes {
                        let (gs, ge) = (
                            unit.chars.start + g.chars.start,
                            unit.chars.start + g.chars.end,
                        );
                        let rtl = unit.is_rtl();
                        cells.push(Cell {
                            x0: line.x + unit.x + g.x0,
                            x1: line.x + unit.x + g.x1,
                            left: if rtl { ge } else { gs },
                            right: if rtl { gs } else { ge },
                            rtl,
                            level: unit.level,
                        });
                    }
                }
                cells.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                let (left_end, right_end) = if para.rtl {
                    (line.chars.end, line.chars.start)
                } else {
                    (line.chars.start, line.chars.end)
                };
                let mut stops = Vec::with_capacity(cells.len() + 1);
                let other =
                    |index: usize, candidate: usize| (candidate != index).then_some(candidate);
                if cells.is_empty() {
                    stops.push(CaretStop {
                        index: line.chars.start,
                        x: line.x,
                        weak: None,
                    });
                } else {
                    stops.push(CaretStop {
                        index: left_end,
                        x: cells[0].x0,
                        weak: other(left_end, cells[0].left),
                    });
                    for pair in cells.windows(2) {
                        let (a, b) = (&pair[0], &pair[1]);
                        let (index, weak) = if a.right == b.left {
                            (a.right, None)
                        } else {
                            // The strong position: the box of the paragraph's direction wins;
                            // else the one nearer the paragraph's level.
                            let a_strong = a.rtl == para.rtl;
                            let b_strong = b.rtl == para.rtl;
                            match (a_strong, b_strong) {
                                (true, false) => (a.right, Some(b.left)),
                                (false, true) => (b.left, Some(a.right)),
                                _ if b.level < a.level => (b.left, Some(a.right)),
                                _ => (a.right, Some(b.left)),
                            }
                        };
                        stops.push(CaretStop {
                            index,
                            x: b.x0,
                            weak,
                        });
                    }
                    let last = &cells[cells.len() - 1];
                    let x1 = cells.iter().map(|c| c.x1).fold(f32::MIN, f32::max);
                    stops.push(CaretStop {
                        index: right_end,
                        x: x1,
                        weak: other(right_end, last.right),
                    });
                }
                lines.push(CaretLine {
                    y: line.y,
                    height: line.height,
                    rtl: para.rtl,
                    chars: line.chars.clone(),
                    stops,
                });
            }
        }
        Self { lines }
    }

    /// The lines, top to bottom.
    pub fn lines(&self) -> &[CaretLine] {
        &self.lines
    }

    fn get(&self, s: StopRef) -> Option<&CaretStop> {
        self.lines.get(s.line)?.stops.get(s.stop)
    }

    /// The logical position of stop `s` (0 if it does not exist).
    pub fn index(&self, s: StopRef) -> usize {
        self.get(s).map_or(0, |c| c.index)
    }

    /// Top point and height of the caret drawn at `s`.
    pub fn pos(&self, s: StopRef) -> Option<(Pos2, f32)> {
        let line = self.lines.get(s.line)?;
        let stop = line.stops.get(s.stop)?;
        Some((pos2(stop.x, line.y), line.height))
    }

    /// Where the weak caret of the caret at `s` is drawn: another boundary on its line that
    /// `index(s)` also stands for, if there is one (see [`CaretStop::weak`]).
    pub fn weak_pos(&self, s: StopRef) -> Option<(Pos2, f32)> {
        let line = self.lines.get(s.line)?;
        let strong = line.stops.get(s.stop)?;
        let weak = line
            .stops
            .iter()
            .find(|c| c.weak == Some(strong.index) && (c.x - strong.x).abs() > 0.5)?;
        Some((pos2(weak.x, line.y), line.height))
    }

    /// The stop for logical position `index`: `hint` if it still stands for `index`, else the
    /// first stop that does, on a line holding `index` (the line it starts, at a wrap). `None`
    /// when no stop does (a position inside a grapheme, or a part not laid out).
    pub fn stop_of(&self, index: usize, hint: Option<StopRef>) -> Option<StopRef> {
        if let Some(h) = hint
            && self.get(h).is_some_and(|c| c.index == index)
        {
            return Some(h);
        }
        let mut fallback = None;
        for (li, line) in self.lines.iter().enumerate() {
            for (si, stop) in line.stops.iter().enumerate() {
                if stop.index == index {
                    let s = StopRef { line: li, stop: si };
                    if line.chars.start <= index && index < line.chars.end.max(line.chars.start + 1)
                    {
                        return Some(s);
                    }
                    fallback.get_or_insert(s);
                }
            }
        }
        fallback
    }

    /// The stop for `index`, or the nearest stop on the line holding it (for positions no stop
    /// stands for).
    pub fn stop_near(&self, index: usize, hint: Option<StopRef>) -> StopRef {
        if let Some(s) = self.stop_of(index, hint) {
            return s;
        }
        let li = self
            .lines
            .iter()
            .position(|l| index < l.chars.end)
            .unwrap_or(self.lines.len().saturating_sub(1));
        let stop = self.lines.get(li).map_or(0, |l| {
            (0..l.stops.len())
                .min_by_key(|&k| l.stops[k].index.abs_diff(index))
                .unwrap_or(0)
        });
        StopRef { line: li, stop }
    }

    /// The stop one step left (`left`) or right of `s` on screen. Past a line's edge the caret
    /// goes on in reading order: to the start of the next line (moving towards the paragraph's
    /// end) or the end of the previous one. A step that would not change the logical position
    /// (a line wrap) is taken twice. Returns `s` at the text's ends.
    pub fn step(&self, s: StopRef, left: bool) -> StopRef {
        let Some(line) = self.lines.get(s.line) else {
            return s;
        };
        let inside = if left {
            s.stop.checked_sub(1)
        } else {
            (s.stop + 1 < line.stops.len()).then_some(s.stop + 1)
        };
        if let Some(stop) = inside {
            return StopRef { stop, ..s };
        }
        // Towards the paragraph's end when moving in its reading direction.
        let forward = left == line.rtl;
        let next_line = if forward {
            (s.line + 1 < self.lines.len()).then_some(s.line + 1)
        } else {
            s.line.checked_sub(1)
        };
        let Some(li) = next_line else {
            return s;
        };
        let target = &self.lines[li];
        let stop = if forward == target.rtl {
            target.stops.len() - 1
        } else {
            0
        };
        let t = StopRef { line: li, stop };
        if self.index(t) == self.index(s) {
            let again = self.step(t, if target.rtl { forward } else { !forward });
            if again != t {
                return again;
            }
        }
        t
    }

    /// The start (`end = false`) or end of `s`'s line in reading order: its right edge in a
    /// right-to-left paragraph, its left edge in a left-to-right one (Home), or the other (End).
    pub fn line_edge(&self, s: StopRef, end: bool) -> StopRef {
        let Some(line) = self.lines.get(s.line) else {
            return s;
        };
        let right = end != line.rtl;
        StopRef {
            line: s.line,
            stop: if right { line.stops.len() - 1 } else { 0 },
        }
    }

    /// The stop nearest `x` on the line `lines` lines below `s` (negative: above), clamped to
    /// the text's lines (Up and Down).
    pub fn vertical(&self, s: StopRef, lines: isize, x: f32) -> StopRef {
        if self.lines.is_empty() {
            return s;
        }
        let li = (s.line as isize + lines).clamp(0, self.lines.len() as isize - 1) as usize;
        self.nearest_on(li, x)
    }

    fn nearest_on(&self, li: usize, x: f32) -> StopRef {
        let stops = &self.lines[li].stops;
        let stop = (0..stops.len())
            .min_by(|&a, &b| (stops[a].x - x).abs().total_cmp(&(stops[b].x - x).abs()))
            .unwrap_or(0);
        StopRef { line: li, stop }
    }

    /// The stop nearest `p` (a click): on the nearest line, the nearest boundary.
    pub fn at_point(&self, p: Pos2) -> Option<StopRef> {
        let li = (0..self.lines.len())
            .min_by(|&a, &b| dist(&self.lines[a], p.y).total_cmp(&dist(&self.lines[b], p.y)))?;
        Some(self.nearest_on(li, p.x))
    }
}

fn dist(line: &CaretLine, y: f32) -> f32 {
    if y < line.y {
        line.y - y
    } else if y >= line.y + line.height {
        y - (line.y + line.height) + 0.001
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::DirectionSetting;
    use crate::text::layout::{FixedWidthMeasurer, layout_document};

    fn map(text: &str, width: f32) -> CaretMap {
        let mut m = FixedWidthMeasurer {
            advance: 10.0,
            height: 20.0,
        };
        CaretMap::new(&layout_document(
            text,
            DirectionSetting::AutoRtl,
            width,
            &mut m,
        ))
    }

    fn indices(m: &CaretMap, line: usize) -> Vec<usize> {
        m.lines()[line].stops.iter().map(|s| s.index).collect()
    }

    /// The positions a caret takes, left to right, are UAX #9's visual order of the chars'
    /// boundaries: "مرحبا" reversed, then "123" left to right, then "عدد" reversed.
    #[test]
    fn every_position_has_one_stop_in_visual_order() {
        let m = map("عدد 123 مرحبا", 1000.0);
        assert_eq!(
            indices(&m, 0),
            vec![13, 12, 11, 10, 9, 8, 7, 5, 6, 4, 3, 2, 1, 0]
        );
        let xs: Vec<f32> = m.lines()[0].stops.iter().map(|s| s.x).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    }

    #[test]
    fn a_number_at_the_end_of_an_arabic_line_keeps_every_position() {
        let m = map("عدد 1", 1000.0);
        assert_eq!(indices(&m, 0), vec![5, 4, 3, 2, 1, 0]);
        let m = map("قال ICRC", 1000.0);
        assert_eq!(indices(&m, 0), vec![8, 5, 6, 7, 4, 3, 2, 1, 0]);
        let m = map("Report: ۲۵۰ detainees", 1000.0);
        let mut sorted = indices(&m, 0);
        sorted.sort_unstable();
        assert_eq!(sorted, (0..=21).collect::<Vec<_>>());
    }

    #[test]
    fn digits_typed_at_the_end_of_an_arabic_line_get_a_weak_caret_after_them() {
        // "عدد 12": the strong caret for the end (6) is the line's left edge, where an Arabic
        // letter typed next would appear; the weak one is right of "12", where a digit would.
        let m = map("عدد 12", 1000.0);
        let end = m.stop_of(6, None).unwrap();
        assert_eq!(end.stop, 0);
        let (weak, _) = m.weak_pos(end).unwrap();
        let two = m.lines()[0].stops[2];
        assert_eq!((two.index, two.weak), (4, Some(6)));
        assert_eq!(weak.x, two.x);
        // Inside one direction there is no weak caret.
        assert!(m.weak_pos(m.stop_of(2, None).unwrap()).is_none());
    }

    #[test]
    fn arrows_move_on_screen_and_wrap_in_reading_order() {
        let m = map("سجن صيدنايا العسكري", 70.0);
        assert!(m.lines().len() > 1);
        // From the end of the first line (its left edge), Left goes on to the second line,
        // one grapheme in.
        let first_end = m.line_edge(StopRef { line: 0, stop: 0 }, true);
        assert_eq!(first_end.stop, 0);
        let wrap = m.lines()[1].chars.start;
        assert_eq!(m.index(first_end), wrap);
        let on = m.step(first_end, true);
        assert_eq!(on.line, 1);
        assert_eq!(m.index(on), wrap + 1);
        // And Right from the second line's start comes back to the first line's end.
        let back = m.step(m.line_edge(on, false), false);
        assert_eq!(back.line, 0);
        assert_eq!(m.index(back), wrap - 1);
    }

    #[test]
    fn home_and_end_follow_the_paragraph_direction() {
        let m = map("قال ICRC\nsaid ICRC", 1000.0);
        let rtl = StopRef { line: 0, stop: 3 };
        assert_eq!(m.index(m.line_edge(rtl, false)), 0, "Home: right edge");
        assert_eq!(m.line_edge(rtl, false).stop, m.lines()[0].stops.len() - 1);
        assert_eq!(m.index(m.line_edge(rtl, true)), 8, "End: left edge");
        let ltr = StopRef { line: 1, stop: 3 };
        assert_eq!(m.line_edge(ltr, false).stop, 0);
        assert_eq!(m.index(m.line_edge(ltr, true)), 18);
    }

    #[test]
    fn empty_text_has_one_stop_at_the_right() {
        let m = map("", 200.0);
        assert_eq!(m.lines()[0].stops.len(), 1);
        assert!(m.lines()[0].rtl, "an empty field is right to left");
        assert_eq!(m.lines()[0].stops[0].x, 200.0);
    }
}
