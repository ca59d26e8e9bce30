//! What the document view tells a screen reader, through AccessKit (which eframe carries): the
//! whole text as text runs under the view's `Document` node, the caret and the selection as the
//! node's text selection, and each annotation as a `Mark` node named by its label with the
//! span's text as its value.
//!
//! AccessKit counts "characters" in grapheme clusters (UAX #29) with their UTF-8 lengths; the app
//! counts chars (Unicode scalar values). [`TextRuns`] converts between the two. A run never
//! holds more than [`MAX_RUN`] clusters (AccessKit's word starts are `u8` indices) and never
//! crosses a paragraph separator, which ends the run before it, as egui's own text runs do.

use crate::model::{Annotation, AnnotationId, Label};
use crate::text::DirectionSetting;
use egui::accesskit;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Most grapheme clusters in one text run.
pub const MAX_RUN: usize = 255;

/// One text run: its chars and where each of its clusters starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Char offsets into the document, end-exclusive.
    pub chars: Range<usize>,
    /// The run's text.
    pub text: String,
    /// UTF-8 length of each cluster.
    pub lengths: Vec<u8>,
    /// Char offset (into the document) where each cluster starts.
    pub starts: Vec<usize>,
    /// Indices of the clusters that start a word (UAX #29 words holding a letter or digit).
    pub word_starts: Vec<u8>,
    /// Its paragraph reads right to left.
    pub rtl: bool,
}

/// A document's text cut into AccessKit text runs.
#[derive(Clone, Debug, Default)]
pub struct TextRuns {
    /// The runs, in text order; together they hold the whole text.
    pub runs: Vec<Run>,
    /// Char-to-byte index of the text, for slicing annotations' text.
    pub index: crate::model::CharIndex,
}

impl TextRuns {
    /// Cuts `text` into runs (see the module docs). `direction` decides each paragraph's
    /// direction as the view does.
    pub fn new(text: &str, direction: DirectionSetting) -> Self {
        let mut runs = Vec::new();
        let mut current: Option<Run> = None;
        let mut char_at = 0usize;
        let mut paragraph_rtl: Option<bool> = None;
        let word_starts: std::collections::HashSet<usize> = text
            .split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .map(|(b, _)| b)
            .collect();
        for (byte, g) in text.grapheme_indices(true) {
            let n = g.chars().count();
            let rtl = *paragraph_rtl.get_or_insert_with(|| {
                let rest = &text[byte..];
                let end = rest
                    .find(crate::text::paragraphs::is_paragraph_separator)
                    .unwrap_or(rest.len());
                paragraph_is_rtl(&rest[..end], direction)
            });
            let run = current.get_or_insert_with(|| Run {
                chars: char_at..char_at,
                text: String::new(),
                lengths: Vec::new(),
                starts: Vec::new(),
                word_starts: Vec::new(),
                rtl,
            });
            if word_starts.contains(&byte) {
                run.word_starts.push(run.lengths.len() as u8);
            }
            // A cluster longer than 255 bytes (a letter under hundreds of marks) goes in as
            // single chars: AccessKit's lengths are `u8`.
            if g.len() <= usize::from(u8::MAX) {
                run.lengths.push(g.len() as u8);
                run.starts.push(char_at);
            } else {
                for (k, c) in g.chars().enumerate() {
                    run.lengths.push(c.len_utf8() as u8);
                    run.starts.push(char_at + k);
                }
            }
            run.text.push_str(g);
            char_at += n;
            run.chars.end = char_at;
            let ends_paragraph = g
                .chars()
                .any(crate::text::paragraphs::is_paragraph_separator);
            if ends_paragraph {
                paragraph_rtl = None;
            }
            if ends_paragraph || run.lengths.len() >= MAX_RUN {
                runs.extend(current.take());
            }
        }
        runs.extend(current.take());
        Self {
            runs,
            index: crate::model::CharIndex::new(text),
        }
    }

    /// The run and the cluster index within it of the caret before char `i` (a caret at a
    /// run's end that is not the text's end belongs to the next run). `None` for an empty text.
    pub fn position(&self, i: usize) -> Option<(usize, usize)> {
        let k = self
            .runs
            .iter()
            .position(|r| i < r.chars.end)
            .unwrap_or(self.runs.len().checked_sub(1)?);
        let run = &self.runs[k];
        let index = run.starts.iter().take_while(|&&s| s < i).count();
        Some((k, index))
    }
}

/// Does a paragraph with this text read right to left under `direction`?
fn paragraph_is_rtl(text: &str, direction: DirectionSetting) -> bool {
    match direction {
        DirectionSetting::Rtl => true,
        DirectionSetting::Ltr => false,
        DirectionSetting::Auto | DirectionSetting::AutoRtl => {
            match unicode_bidi::get_base_direction(text) {
                unicode_bidi::Direction::Rtl => true,
                unicode_bidi::Direction::Ltr => false,
                unicode_bidi::Direction::Mixed => direction == DirectionSetting::AutoRtl,
            }
        }
    }
}

/// What the view exposes on one frame.
pub(super) struct Exposed<'a> {
    /// The view's widget (its node is the `Document`).
    pub document: egui::Id,
    /// The runs of the shown text.
    pub runs: &'a TextRuns,
    /// (anchor, active end) of the selection or caret, char offsets.
    pub selection: Option<(usize, usize)>,
    /// The document's annotations.
    pub annotations: &'a [Annotation],
    /// The project's labels.
    pub labels: &'a [Label],
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// The text of a char range of the document.
    pub span: &'a dyn Fn(Range<usize>) -> String,
    /// Screen rectangle of each char range shown this frame (none for text out of view).
    pub bounds: &'a dyn Fn(Range<usize>) -> Option<egui::Rect>,
    /// The interface's language, for the annotations' descriptions.
    pub locale: &'a super::i18n::Locale,
}

fn ak_rect(r: egui::Rect) -> accesskit::Rect {
    accesskit::Rect {
        x0: r.min.x.into(),
        y0: r.min.y.into(),
        x1: r.max.x.into(),
        y1: r.max.y.into(),
    }
}

/// Adds the text runs, the selection and the annotations under the document's node. Does
/// nothing while AccessKit is off (no screen reader asked), so it costs nothing then.
pub(super) fn expose(ui: &mut egui::Ui, e: &Exposed<'_>) {
    let ctx = ui.ctx().clone();
    let run_id = |k: usize| e.document.with(("text-run", k));
    let is_on = ctx
        .accesskit_node_builder(e.document, |node| {
            node.set_role(accesskit::Role::Document);
            if let Some((anchor, active)) = e.selection
                && let (Some(a), Some(f)) = (e.runs.position(anchor), e.runs.position(active))
            {
                node.set_text_selection(accesskit::TextSelection {
                    anchor: accesskit::TextPosition {
                        node: run_id(a.0).accesskit_id(),
                        character_index: a.1,
                    },
                    focus: accesskit::TextPosition {
                        node: run_id(f.0).accesskit_id(),
                        character_index: f.1,
                    },
                });
            }
        })
        .is_some();
    if !is_on {
        return;
    }
    // Nodes made here hang under the document's node: a child `Ui` whose accessibility parent is
    // the view, and each node registered in it as a widget (without a rectangle or any sense).
    let holder = ui.new_child(
        egui::UiBuilder::new()
            .id_salt("document-access")
            .accessibility_parent(e.document),
    );
    let node = |id: egui::Id, fill: &mut dyn FnMut(&mut accesskit::Node)| {
        holder.interact(egui::Rect::NOTHING, id, egui::Sense::hover());
        ctx.accesskit_node_builder(id, |n| fill(n));
    };
    for (k, run) in e.runs.runs.iter().enumerate() {
        node(run_id(k), &mut |n| {
            n.set_role(accesskit::Role::TextRun);
            n.set_text_direction(if run.rtl {
                accesskit::TextDirection::RightToLeft
            } else {
                accesskit::TextDirection::LeftToRight
            });
            n.set_value(run.text.clone());
            n.set_character_lengths(run.lengths.clone());
            n.set_word_starts(run.word_starts.clone());
            if let Some(r) = (e.bounds)(run.chars.clone()) {
                n.set_bounds(ak_rect(r));
            }
        });
    }
    for a in e.annotations {
        let label = e
            .labels
            .iter()
            .find(|l| l.id == a.label_id)
            .map_or("?", |l| l.name.as_str());
        let span = (e.span)(a.range());
        node(e.document.with(("annotation", a.id)), &mut |n| {
            n.set_role(accesskit::Role::Mark);
            n.set_label(label.to_owned());
            n.set_value(span.clone());
            n.set_description(e.locale.tr_args(
                "a11y-annotation-description",
                &[
                    ("label", label.into()),
                    ("start", a.start.into()),
                    ("end", a.end.into()),
                ],
            ));
            if e.selected == Some(a.id) {
                n.set_selected(true);
            }
            if let Some(r) = (e.bounds)(a.range()) {
                n.set_bounds(ak_rect(r));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_hold_the_whole_text_and_end_at_paragraphs() {
        let text = "سجن صيدنايا\nPrison 2017\r\nشكرًا";
        let runs = TextRuns::new(text, DirectionSetting::Auto);
        let joined: String = runs.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(joined, text);
        let texts: Vec<&str> = runs.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, vec!["سجن صيدنايا\n", "Prison 2017\r\n", "شكرًا"]);
        let rtl: Vec<bool> = runs.runs.iter().map(|r| r.rtl).collect();
        assert_eq!(rtl, vec![true, false, true]);
        // "شكرًا": shin, kaf, reh+tanween (one cluster), alef: 4 clusters for 5 chars.
        assert_eq!(runs.runs[2].lengths, vec![2, 2, 4, 2]);
        assert_eq!(runs.runs[2].chars, 25..30);
        // Words start at "سجن" and "صيدنايا"; "Prison" and "2017".
        assert_eq!(runs.runs[0].word_starts, vec![0, 4]);
        assert_eq!(runs.runs[1].word_starts, vec![0, 7]);
    }

    #[test]
    fn long_paragraphs_are_cut_at_255_clusters_and_positions_map_back() {
        let text = "ب".repeat(600);
        let runs = TextRuns::new(&text, DirectionSetting::Auto);
        let sizes: Vec<usize> = runs.runs.iter().map(|r| r.lengths.len()).collect();
        assert_eq!(sizes, vec![255, 255, 90]);
        assert_eq!(runs.position(0), Some((0, 0)));
        assert_eq!(runs.position(254), Some((0, 254)));
        assert_eq!(runs.position(255), Some((1, 0)));
        assert_eq!(runs.position(600), Some((2, 90)));
        // Inside "شكرًا", the caret after the reh+tanween cluster (char 4) is cluster 3.
        let runs = TextRuns::new("شكرًا", DirectionSetting::Auto);
        assert_eq!(runs.position(4), Some((0, 3)));
        assert_eq!(TextRuns::new("", DirectionSetting::Auto).position(0), None);
    }
}
