//! How a label looks: its colour, and a second cue that does not rely on colour, an underline
//! style (solid, dashed, dotted, double, wavy, dash-dot). The document view draws the underline
//! under each highlight; the label lists show a sample of it beside the label's name.
//!
//! Highlights are shapes painted behind and under the text, never pieces of the text itself.

use crate::model::{Label, LabelId};
use egui::{Color32, Pos2, Rect, Shape, Stroke, pos2, vec2};

/// The underline that tells labels apart without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Underline {
    /// One unbroken line.
    Solid,
    /// Dashes.
    Dashed,
    /// Dots.
    Dotted,
    /// Two thin lines.
    Double,
    /// A wave.
    Wavy,
    /// Dash, dot, dash.
    DashDot,
}

impl Underline {
    /// Every style, in the order labels take them.
    pub const ALL: [Underline; 6] = [
        Underline::Solid,
        Underline::Dashed,
        Underline::Dotted,
        Underline::Double,
        Underline::Wavy,
        Underline::DashDot,
    ];

    /// The style's name in `l`'s language, for hover texts and screen readers.
    pub fn name(self, l: &super::i18n::Locale) -> String {
        l.tr(match self {
            Underline::Solid => "underline-solid",
            Underline::Dashed => "underline-dashed",
            Underline::Dotted => "underline-dotted",
            Underline::Double => "underline-double",
            Underline::Wavy => "underline-wavy",
            Underline::DashDot => "underline-dash-dot",
        })
    }

    /// The style of label `id`: labels take the styles in turn by their id, so a label keeps its
    /// style when another is deleted (six styles: the seventh label shares the first's).
    pub fn of(id: LabelId) -> Underline {
        let n = Self::ALL.len() as i64;
        Self::ALL[((id - 1).rem_euclid(n)) as usize]
    }

    /// Half the height the style takes around its centre line, points.
    pub const HALF_HEIGHT: f32 = 2.0;

    /// The shapes of this underline from `x0` to `x1` along `y` (its centre), in `color`.
    pub fn shapes(self, x0: f32, x1: f32, y: f32, color: Color32) -> Vec<Shape> {
        let (a, b) = (pos2(x0.min(x1), y), pos2(x0.max(x1), y));
        let stroke = Stroke::new(2.0, color);
        match self {
            Underline::Solid => vec![Shape::line_segment([a, b], stroke)],
            Underline::Dashed => Shape::dashed_line(&[a, b], stroke, 6.0, 3.0),
            Underline::Dotted => {
                // Dots are centred on the line's points: keep them inside its ends.
                let inset = vec2(1.3_f32.min((b.x - a.x) / 2.0), 0.0);
                Shape::dotted_line(&[a + inset, b - inset], color, 4.0, 1.3)
            }
            Underline::Double => {
                let thin = Stroke::new(1.2, color);
                vec![
                    Shape::line_segment([a - vec2(0.0, 1.6), b - vec2(0.0, 1.6)], thin),
                    Shape::line_segment([a + vec2(0.0, 1.6), b + vec2(0.0, 1.6)], thin),
                ]
            }
            Underline::Wavy => {
                // A wave of 6 points' length and 1.6 points' amplitude, sampled every point.
                let n = ((b.x - a.x).max(0.0)).ceil() as usize;
                let points: Vec<Pos2> = (0..=n)
                    .map(|k| {
                        let x = (a.x + k as f32).min(b.x);
                        let phase = (x - a.x) / 6.0 * std::f32::consts::TAU;
                        pos2(x, y + 1.6 * phase.sin())
                    })
                    .collect();
                vec![Shape::line(points, Stroke::new(1.4, color))]
            }
            Underline::DashDot => {
                Shape::dashed_line_with_offset(&[a, b], stroke, &[7.0, 2.0], &[2.5, 2.5], 0.0)
            }
        }
    }
}

/// A label's colour as egui's.
pub fn color(label: &Label) -> Color32 {
    Color32::from_rgb(label.color[0], label.color[1], label.color[2])
}

/// The colour of `labels`' label `id` (grey when unknown).
pub fn color_of(labels: &[Label], id: LabelId) -> Color32 {
    labels
        .iter()
        .find(|l| l.id == id)
        .map_or(Color32::GRAY, color)
}

/// The fill behind a highlighted span: the label's colour, faint enough that the text over it
/// keeps a contrast of at least 4.5:1 (WCAG 2 AA) in both themes (unit test).
pub fn fill(color: Color32, dark: bool) -> Color32 {
    color.gamma_multiply(if dark { 0.40 } else { 0.25 })
}

/// The colour of a span's underline: the label's colour, lightened on a dark background and
/// darkened on a light one, so that pale and dark label colours stay visible in either theme.
pub fn underline_color(color: Color32, dark: bool) -> Color32 {
    if dark {
        color.lerp_to_gamma(Color32::WHITE, 0.25)
    } else {
        color.lerp_to_gamma(Color32::BLACK, 0.2)
    }
}

/// A sample of a label's look, `size` points: its fill with its underline under it (for the
/// label lists). Hovering names the underline style in `loc`'s language.
pub fn swatch(
    ui: &mut egui::Ui,
    label: &Label,
    size: egui::Vec2,
    loc: &super::i18n::Locale,
) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    paint_swatch(ui, rect, label);
    let hover = super::bidi_widgets::hover(ui, &Underline::of(label.id).name(loc));
    response.on_hover_text(hover)
}

/// Paints a label's sample into `rect`.
pub fn paint_swatch(ui: &egui::Ui, rect: Rect, label: &Label) {
    let dark = ui.visuals().dark_mode;
    let c = color(label);
    let painter = ui.painter();
    let top = rect.shrink2(vec2(0.0, Underline::HALF_HEIGHT + 1.0));
    painter.rect_filled(
        top.with_max_y(rect.max.y - 2.0 * Underline::HALF_HEIGHT - 1.0),
        2.0,
        fill(c, dark),
    );
    painter.extend(Underline::of(label.id).shapes(
        rect.min.x,
        rect.max.x,
        rect.max.y - Underline::HALF_HEIGHT - 0.5,
        underline_color(c, dark),
    ));
}

/// Paints label `label`'s underline along the foot of a button at `rect` (the label palette).
pub fn paint_button_underline(ui: &egui::Ui, rect: Rect, label: &Label) {
    let dark = ui.visuals().dark_mode;
    let y = rect.max.y - Underline::HALF_HEIGHT - 1.0;
    ui.painter().extend(Underline::of(label.id).shapes(
        rect.min.x + 4.0,
        rect.max.x - 4.0,
        y,
        underline_color(color(label), dark),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LabelScheme;

    /// WCAG 2 relative luminance of an sRGB colour.
    fn luminance(c: Color32) -> f64 {
        let lin = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }

    /// WCAG 2 contrast ratio.
    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// `over` (premultiplied, as egui paints it) composited on the opaque `under`.
    fn over(over: Color32, under: Color32) -> Color32 {
        let a = f32::from(over.a()) / 255.0;
        let mix = |o: u8, u: u8| (f32::from(o) + f32::from(u) * (1.0 - a)).round() as u8;
        Color32::from_rgb(
            mix(over.r(), under.r()),
            mix(over.g(), under.g()),
            mix(over.b(), under.b()),
        )
    }

    #[test]
    fn the_default_labels_use_the_okabe_ito_palette() {
        // Okabe & Ito, "Color Universal Design" (2002): blue #0072B2, orange #E69F00,
        // reddish purple #CC79A7, bluish green #009E73.
        let s = LabelScheme::default_scheme().unwrap();
        let colours: Vec<(&str, &str)> = s
            .labels
            .iter()
            .map(|l| (l.name.as_str(), l.color.as_str()))
            .collect();
        assert_eq!(
            colours,
            vec![
                ("PERSON", "#0072b2"),
                ("ORGANIZATION", "#e69f00"),
                ("PRISON", "#cc79a7"),
                ("CLAIM", "#009e73"),
            ]
        );
    }

    #[test]
    fn text_over_every_default_highlight_keeps_aa_contrast_in_both_themes() {
        let s = LabelScheme::default_scheme().unwrap();
        for dark in [false, true] {
            let visuals = if dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            };
            let text = visuals.strong_text_color();
            let bg = visuals.panel_fill;
            for l in &s.labels {
                let [r, g, b] = crate::model::scheme::parse_hex_color(&l.color).unwrap();
                let behind = over(fill(Color32::from_rgb(r, g, b), dark), bg);
                let ratio = contrast(text, behind);
                assert!(ratio >= 4.5, "{} dark={dark}: {ratio:.2}", l.name);
                // The underline stands out from the background (WCAG 1.4.11: 3:1 for graphics)
                // for the default labels.
                let line = underline_color(Color32::from_rgb(r, g, b), dark);
                let ratio = contrast(line, bg);
                assert!(ratio >= 3.0, "{} underline dark={dark}: {ratio:.2}", l.name);
            }
        }
    }

    #[test]
    fn the_four_default_labels_get_four_different_underlines() {
        let styles: Vec<Underline> = (1..=4).map(Underline::of).collect();
        assert_eq!(
            styles,
            vec![
                Underline::Solid,
                Underline::Dashed,
                Underline::Dotted,
                Underline::Double
            ]
        );
        assert_eq!(Underline::of(7), Underline::Solid);
    }

    #[test]
    fn every_style_draws_within_its_height() {
        for u in Underline::ALL {
            let shapes = u.shapes(10.0, 60.0, 100.0, Color32::RED);
            assert!(!shapes.is_empty(), "{u:?}");
            let r = shapes
                .iter()
                .map(Shape::visual_bounding_rect)
                .reduce(|a, b| a.union(b))
                .unwrap();
            assert!(
                r.min.y >= 100.0 - Underline::HALF_HEIGHT - 1.0,
                "{u:?} {r:?}"
            );
            assert!(
                r.max.y <= 100.0 + Underline::HALF_HEIGHT + 1.0,
                "{u:?} {r:?}"
            );
            assert!(r.min.x >= 9.0 && r.max.x <= 61.0, "{u:?} {r:?}");
        }
    }
}
