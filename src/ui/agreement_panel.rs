//! View → Agreement…: inter-annotator agreement of the open (team) project
//! ([`crate::team::agreement`]) and its charts ([`crate::team::charts`], drawn with
//! `egui_plot`), each chart's numbers exported as CSV and the chart as PNG.
//!
//! **Text.** Every line is laid out by the bidi engine ([`super::bidi_widgets`]): annotator and
//! label names may be Arabic, and no egui `Grid` is used (it breaks in a right-to-left layout).
//! `egui_plot` draws its own text without bidi, so inside a plot only Latin ids appear: labels
//! are numbered `1, 2, …` on the x axis and annotators are series `a1, a2, …`; the key that
//! names them is drawn under the plot with bidi widgets.
//!
//! **Cost.** The measures are computed on the UI thread when the window opens, when the label
//! filter changes, and when the project changes (another project, or a new audit row: any
//! action applied, undone or redone); the time taken is shown. On the seed document with two
//! layers of 20 spans they take about 1.5 ms (debug build with optimisations).

use super::app::SanadApp;
use super::bidi_widgets as bw;
use super::i18n::Locale;
use crate::team::agreement::{Agreement, PairAgreement};
use crate::team::charts::{self, DonePoint, LabelAgreement, LabelCounts, Table};
use egui::{Color32, ColorImage, Rect, Ui};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The charts of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chart {
    /// Spans per label per annotator (grouped bars).
    Spans,
    /// Agreement per label (bars: each pair's exact and overlap F1, the label's alpha).
    LabelAgreement,
    /// Documents done per annotator over time (lines).
    Done,
}

impl Chart {
    const ALL: [Chart; 3] = [Chart::Spans, Chart::LabelAgreement, Chart::Done];

    fn file_stem(self) -> &'static str {
        match self {
            Chart::Spans => "spans-per-label",
            Chart::LabelAgreement => "agreement-per-label",
            Chart::Done => "documents-done",
        }
    }

    fn title_key(self) -> &'static str {
        match self {
            Chart::Spans => "agreement-chart-spans",
            Chart::LabelAgreement => "agreement-chart-labels",
            Chart::Done => "agreement-chart-done",
        }
    }
}

/// Everything the window shows, computed for one label filter.
pub struct AgreementData {
    /// The measures.
    pub agreement: Agreement,
    /// Spans per label per annotator.
    pub counts: LabelCounts,
    /// F1 per label and pair.
    pub per_label: Vec<LabelAgreement>,
    /// Documents done per annotator over time.
    pub done: BTreeMap<String, Vec<DonePoint>>,
    /// How long computing took, in milliseconds.
    pub millis: f64,
}

impl AgreementData {
    /// The numbers of `chart` as a table (its CSV).
    pub fn table(&self, chart: Chart) -> Table {
        match chart {
            Chart::Spans => self.counts.table(),
            Chart::LabelAgreement => charts::label_agreement_table(&self.per_label),
            Chart::Done => charts::done_table(&self.done),
        }
    }
}

/// A PNG export waiting for its screenshot.
struct PendingShot {
    path: PathBuf,
    rect: Rect,
    pixels_per_point: f32,
    image: Arc<Mutex<Option<Arc<ColorImage>>>>,
}

/// The Agreement window's state.
#[derive(Default)]
pub struct AgreementPanel {
    /// Only spans of this label (all labels when `None`).
    pub label: Option<String>,
    /// The numbers for `label`, or why they could not be computed.
    pub data: Option<Result<AgreementData, String>>,
    /// Show the charts (else the numbers).
    pub charts: bool,
    rects: HashMap<Chart, Rect>,
    shot: Option<PendingShot>,
    /// The project and audit-log head the numbers were computed at: a change (another project,
    /// any applied, undone or redone action) recomputes them.
    seen: Option<(PathBuf, Option<i64>)>,
}

/// Crops `image` (a screenshot, in pixels) to `rect` (in points, `pixels_per_point` pixels
/// each), clamped to the image, and encodes it as PNG (8-bit RGBA, unmultiplied alpha).
///
/// # Errors
/// The encoder's error, as text; an empty crop.
pub fn crop_png(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, x1) = (px(rect.min.x, w), px(rect.max.x, w));
    let (y0, y1) = (px(rect.min.y, h), px(rect.max.y, h));
    if x1 <= x0 || y1 <= y0 {
        return Err(format!("nothing to crop: {rect:?} in a {w}×{h} image"));
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for c in &image.pixels[y * w + x0..y * w + x1] {
            rgba.extend_from_slice(&c.to_srgba_unmultiplied());
        }
    }
    let mut out = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new(&mut out);
    image::ImageEncoder::write_image(
        encoder,
        &rgba,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| e.to_string())?;
    Ok(out)
}

fn series_color(i: usize) -> Color32 {
    const C: [Color32; 6] = [
        Color32::from_rgb(31, 119, 180),
        Color32::from_rgb(255, 127, 14),
        Color32::from_rgb(44, 160, 44),
        Color32::from_rgb(214, 39, 40),
        Color32::from_rgb(148, 103, 189),
        Color32::from_rgb(140, 86, 75),
    ];
    C[i % C.len()]
}

fn ratio(l: &Locale, x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |x| l.num(format!("{x:.3}")))
}

fn pair_line(l: &Locale, p: &PairAgreement) -> String {
    l.tr_args(
        "agreement-pair",
        &[
            ("a", p.a.as_str().into()),
            ("b", p.b.as_str().into()),
            ("exact", ratio(l, p.overall.exact.f1).into()),
            ("overlap", ratio(l, p.overall.overlap.f1).into()),
            ("kappa", ratio(l, p.cohen_kappa).into()),
        ],
    )
}

impl SanadApp {
    /// Opens the Agreement window (View → Agreement…) and computes its numbers.
    pub fn open_agreement(&mut self) {
        let mut panel = self.agreement.take().unwrap_or_default();
        self.compute_agreement(&mut panel);
        self.agreement = Some(panel);
    }

    /// The Agreement window's state, when open.
    pub fn agreement_panel(&self) -> Option<&AgreementPanel> {
        self.agreement.as_ref()
    }

    /// Shows the charts (`true`) or the numbers in the open Agreement window.
    pub fn agreement_charts(&mut self, charts: bool) {
        if let Some(p) = self.agreement.as_mut() {
            p.charts = charts;
        }
    }

    /// The project's path and the id of its last audit row (an indexed look-up).
    fn agreement_key(project: &crate::store::Project) -> (PathBuf, Option<i64>) {
        let head = project.audit_chain_head().ok().flatten().map(|(id, _)| id);
        (project.path().to_owned(), head)
    }

    fn compute_agreement(&self, panel: &mut AgreementPanel) {
        let Some(project) = self.project.as_ref() else {
            panel.data = Some(Err(self.tr("msg-import-no-project")));
            return;
        };
        panel.seen = Some(Self::agreement_key(project));
        let started = std::time::Instant::now();
        let label = panel.label.as_deref();
        let result = (|| -> Result<AgreementData, crate::team::TeamError> {
            let docs = crate::team::agreement::project_layers(project)?;
            let agreement = crate::team::agreement::measure(&docs, label);
            Ok(AgreementData {
                counts: LabelCounts::of(&docs, label),
                per_label: charts::label_agreement(&agreement, &docs),
                done: charts::done_over_time(&project.status_changes()?),
                agreement,
                millis: 0.0,
            })
        })();
        panel.data = Some(
            result
                .map(|mut d| {
                    d.millis = started.elapsed().as_secs_f64() * 1000.0;
                    d
                })
                .map_err(|e| e.to_string()),
        );
    }

    /// Draws the Agreement window when open, and finishes a pending PNG export.
    pub(super) fn agreement_window(&mut self, ctx: &egui::Context) {
        let Some(mut panel) = self.agreement.take() else {
            return;
        };
        let Some(project) = self.project.as_ref() else {
            return; // no project: the window closes
        };
        if panel.seen.as_ref() != Some(&Self::agreement_key(project)) {
            self.compute_agreement(&mut panel);
        }
        self.finish_shot(&mut panel);
        let l = self.locale.clone();
        let mut open = true;
        let mut refilter = false;
        let mut export: Option<(Chart, bool)> = None;
        egui::Window::new(super::windows::window_title(ctx, &l.tr("agreement-title")))
            .id(egui::Id::unique("agreement-window"))
            .open(&mut open)
            .default_size([760.0, 760.0])
            .vscroll(true)
            .show(ctx, |ui| {
                bw::column(ui, |ui| {
                    bw::row(ui, |ui| {
                        let shown = panel
                            .label
                            .clone()
                            .unwrap_or_else(|| l.tr("agreement-all-labels"));
                        let name = bw::btn(ui, &l.tr("agreement-label-filter"));
                        egui::ComboBox::new("agreement-label", name)
                            .selected_text(bw::data_text(ui, &shown, egui::TextStyle::Button))
                            .show_ui(ui, |ui| {
                                if bw::selectable(
                                    ui,
                                    panel.label.is_none(),
                                    &l.tr("agreement-all-labels"),
                                )
                                .clicked()
                                {
                                    panel.label = None;
                                    refilter = true;
                                }
                                for lab in &self.labels {
                                    let on = panel.label.as_deref() == Some(lab.name.as_str());
                                    let text =
                                        bw::data_text(ui, &lab.name, egui::TextStyle::Button);
                                    if ui.selectable_label(on, text).clicked() {
                                        panel.label = Some(lab.name.clone());
                                        refilter = true;
                                    }
                                }
                            });
                        if bw::small_button(ui, &l.tr("agreement-refresh")).clicked() {
                            refilter = true;
                        }
                        if bw::selectable(ui, !panel.charts, &l.tr("agreement-numbers")).clicked() {
                            panel.charts = false;
                        }
                        if bw::selectable(ui, panel.charts, &l.tr("agreement-charts")).clicked() {
                            panel.charts = true;
                        }
                    });
                    ui.separator();
                    match &panel.data {
                        None => {}
                        Some(Err(e)) => {
                            let c = ui.visuals().error_fg_color;
                            bw::colored_label(ui, e, Some(c));
                        }
                        Some(Ok(d)) if !panel.charts => numbers(ui, &l, d),
                        Some(Ok(d)) => {
                            for chart in Chart::ALL {
                                let (rect, asked) = draw_chart(ui, &l, d, chart);
                                panel.rects.insert(chart, rect);
                                if let Some(png) = asked {
                                    export = Some((chart, png));
                                }
                            }
                        }
                    }
                });
            });
        if refilter {
            self.compute_agreement(&mut panel);
        }
        if let Some((chart, png)) = export {
            self.export_chart(ctx, &mut panel, chart, png);
        }
        if open {
            self.agreement = Some(panel);
        }
    }

    fn export_chart(
        &mut self,
        ctx: &egui::Context,
        panel: &mut AgreementPanel,
        chart: Chart,
        png: bool,
    ) {
        let Some(Ok(data)) = &panel.data else {
            return;
        };
        let Some(project) = self.project.as_ref() else {
            return;
        };
        let ext = if png { "png" } else { "csv" };
        let Some(path) = self
            .dialogs
            .save_export(&format!("{}.{ext}", chart.file_stem()))
        else {
            return;
        };
        if png {
            let Some(rect) = panel.rects.get(&chart).copied() else {
                return;
            };
            let slot = Arc::new(Mutex::new(None));
            let (inner, repaint) = (slot.clone(), ctx.clone());
            ctx.request_screenshot(move |image| {
                if let Ok(mut s) = inner.lock() {
                    *s = Some(image);
                }
                repaint.request_repaint();
            });
            panel.shot = Some(PendingShot {
                path,
                rect,
                pixels_per_point: ctx.pixels_per_point(),
                image: slot,
            });
            return;
        }
        match charts::write_csv(&path, project.path(), &data.table(chart)) {
            Ok(()) => {
                self.status = self.locale.tr_args(
                    "agreement-exported",
                    &[("path", path.display().to_string().into())],
                );
            }
            Err(e) => self.fail(format!("{e}: {}", path.display())),
        }
    }

    /// Writes a PNG export whose screenshot has arrived.
    fn finish_shot(&mut self, panel: &mut AgreementPanel) {
        let Some(shot) = panel.shot.take() else {
            return;
        };
        let image = shot.image.lock().ok().and_then(|mut s| s.take());
        let Some(image) = image else {
            panel.shot = Some(shot);
            return;
        };
        let Some(project) = self.project.as_ref() else {
            return;
        };
        let written = crop_png(&image, shot.rect, shot.pixels_per_point).and_then(|bytes| {
            crate::export::file::write_atomically(&shot.path, project.path(), |w| {
                w.write_all(&bytes)?;
                Ok(())
            })
            .map_err(|e| e.to_string())
        });
        match written {
            Ok(()) => {
                self.status = self.locale.tr_args(
                    "agreement-exported",
                    &[("path", shot.path.display().to_string().into())],
                );
            }
            Err(e) => self.fail(format!("{e}: {}", shot.path.display())),
        }
    }
}

/// The numbers: pairs, coefficients for all, per label, per document.
fn numbers(ui: &mut Ui, l: &Locale, d: &AgreementData) {
    let a = &d.agreement;
    bw::weak(
        ui,
        &l.tr_args(
            "agreement-computed",
            &[
                ("n", l.num(a.annotators.len()).into()),
                ("docs", l.num(a.documents.len()).into()),
                ("ms", l.num(format!("{:.1}", d.millis)).into()),
            ],
        ),
    );
    if a.annotators.len() < 2 {
        bw::label(ui, &l.tr("agreement-too-few"));
        return;
    }
    bw::strong(ui, &l.tr("agreement-pairs"));
    for p in &a.pairs {
        bw::label(ui, &pair_line(l, p));
    }
    bw::label(
        ui,
        &l.tr_args(
            "agreement-all",
            &[
                ("fleiss", ratio(l, a.fleiss_kappa).into()),
                ("alpha", ratio(l, a.krippendorff_alpha).into()),
            ],
        ),
    );
    ui.separator();
    bw::strong(ui, &l.tr("agreement-per-label"));
    for r in &d.per_label {
        bw::label(
            ui,
            &l.tr_args(
                "agreement-label-line",
                &[
                    ("label", r.label.as_str().into()),
                    ("a", r.a.as_str().into()),
                    ("b", r.b.as_str().into()),
                    ("exact", ratio(l, r.exact_f1).into()),
                    ("overlap", ratio(l, r.overlap_f1).into()),
                    ("alpha", ratio(l, r.alpha).into()),
                ],
            ),
        );
    }
    ui.separator();
    bw::strong(ui, &l.tr("agreement-per-document"));
    for doc in &a.documents {
        bw::label(
            ui,
            &l.tr_args(
                "agreement-document",
                &[
                    ("path", doc.rel_path.as_str().into()),
                    ("alpha", ratio(l, doc.krippendorff_alpha).into()),
                ],
            ),
        );
        ui.indent(("agreement-doc", doc.document_id), |ui| {
            for p in &doc.pairs {
                bw::small(ui, &pair_line(l, p));
            }
        });
    }
}

/// The key of a chart, drawn with bidi widgets: `n = name` for each id the plot shows.
fn key(ui: &mut Ui, entries: &[(String, String, Option<Color32>)]) {
    bw::row_wrapped(ui, |ui| {
        for (id, name, color) in entries {
            bw::colored_label(ui, &format!("{id} = {name}"), *color);
        }
    });
}

/// Draws one chart with its key and export buttons; returns the plot's rect and, when an export
/// button was clicked, whether it asked for PNG (else CSV).
fn draw_chart(ui: &mut Ui, l: &Locale, d: &AgreementData, chart: Chart) -> (Rect, Option<bool>) {
    use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints};
    let mut asked = None;
    bw::row(ui, |ui| {
        bw::strong(ui, &l.tr(chart.title_key()));
        if bw::small_button(ui, &l.tr("agreement-export-csv")).clicked() {
            asked = Some(false);
        }
        if bw::small_button(ui, &l.tr("agreement-export-png")).clicked() {
            asked = Some(true);
        }
    });
    let index_axis = |m: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        let v = m.value;
        if v >= 1.0 && (v - v.round()).abs() < 1e-9 {
            format!("{}", v.round() as i64)
        } else {
            String::new()
        }
    };
    let plot = Plot::new(("agreement-plot", chart as u8))
        .height(150.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false);
    let mut entries = Vec::new();
    let rect = match chart {
        Chart::Spans => {
            let c = &d.counts;
            let n = c.annotators.len().max(1) as f64;
            let w = 0.8 / n;
            let r = plot
                .x_axis_formatter(index_axis)
                .show(ui, |p| {
                    for (ai, _) in c.annotators.iter().enumerate() {
                        let bars = c
                            .counts
                            .iter()
                            .enumerate()
                            .map(|(li, row)| {
                                let x = li as f64 + 1.0 - 0.4 + w * (ai as f64 + 0.5);
                                Bar::new(x, row[ai] as f64).width(w)
                            })
                            .collect();
                        p.bar_chart(
                            BarChart::new(format!("a{}", ai + 1), bars).color(series_color(ai)),
                        );
                    }
                })
                .response
                .rect;
            for (ai, who) in c.annotators.iter().enumerate() {
                entries.push((format!("a{}", ai + 1), who.clone(), Some(series_color(ai))));
            }
            for (li, lab) in c.labels.iter().enumerate() {
                entries.push(((li + 1).to_string(), lab.clone(), None));
            }
            r
        }
        Chart::LabelAgreement => {
            let mut labels: Vec<&str> = d.per_label.iter().map(|r| r.label.as_str()).collect();
            labels.dedup();
            let pairs: Vec<(&str, &str)> = d
                .agreement
                .pairs
                .iter()
                .map(|p| (p.a.as_str(), p.b.as_str()))
                .collect();
            let series = (pairs.len() * 2 + 1) as f64;
            let w = 0.8 / series;
            let r = plot
                .x_axis_formatter(index_axis)
                .include_y(0.0)
                .include_y(1.0)
                .show(ui, |p| {
                    for (pi, pair) in pairs.iter().enumerate() {
                        for (k, exact) in [true, false].into_iter().enumerate() {
                            let s = pi * 2 + k;
                            let bars = d
                                .per_label
                                .iter()
                                .filter(|r| (r.a.as_str(), r.b.as_str()) == *pair)
                                .filter_map(|r| {
                                    let li = labels.iter().position(|x| *x == r.label)?;
                                    let v = if exact { r.exact_f1 } else { r.overlap_f1 };
                                    let x = li as f64 + 1.0 - 0.4 + w * (s as f64 + 0.5);
                                    Some(Bar::new(x, v.unwrap_or(0.0)).width(w))
                                })
                                .collect();
                            let name = format!("p{}{}", pi + 1, if exact { "e" } else { "o" });
                            p.bar_chart(BarChart::new(name, bars).color(series_color(s)));
                        }
                    }
                    // Each label's alpha (all annotators), the group's last bar.
                    let s = pairs.len() * 2;
                    let bars = labels
                        .iter()
                        .enumerate()
                        .filter_map(|(li, lab)| {
                            let r = d.per_label.iter().find(|r| r.label == *lab)?;
                            let x = li as f64 + 1.0 - 0.4 + w * (s as f64 + 0.5);
                            Some(Bar::new(x, r.alpha.unwrap_or(0.0)).width(w))
                        })
                        .collect();
                    p.bar_chart(BarChart::new("alpha", bars).color(series_color(s)));
                })
                .response
                .rect;
            for (pi, (a, b)) in pairs.iter().enumerate() {
                for (k, exact) in [true, false].into_iter().enumerate() {
                    let kind = l.tr(if exact {
                        "agreement-exact"
                    } else {
                        "agreement-overlap"
                    });
                    entries.push((
                        format!("p{}{}", pi + 1, if exact { "e" } else { "o" }),
                        format!("{a} – {b}, {kind}"),
                        Some(series_color(pi * 2 + k)),
                    ));
                }
            }
            entries.push((
                "alpha".to_owned(),
                l.tr("agreement-alpha-key"),
                Some(series_color(pairs.len() * 2)),
            ));
            for (li, lab) in labels.iter().enumerate() {
                entries.push(((li + 1).to_string(), (*lab).to_owned(), None));
            }
            r
        }
        Chart::Done => {
            // With nothing done yet the plot would frame day 0 (1970-01-01): frame the last
            // week instead.
            let plot = if d.done.is_empty() {
                let today = time::OffsetDateTime::now_utc().unix_timestamp() as f64 / 86_400.0;
                plot.include_x(today - 7.0).include_x(today)
            } else {
                plot
            };
            let r = plot
                .x_axis_formatter(|m, _| {
                    let secs = (m.value * 86_400.0) as i64;
                    time::OffsetDateTime::from_unix_timestamp(secs)
                        .ok()
                        .map(|t| format!("{}-{:02}-{:02}", t.year(), t.month() as u8, t.day()))
                        .unwrap_or_default()
                })
                .include_y(0.0)
                .show(ui, |p| {
                    for (i, pts) in d.done.values().enumerate() {
                        // Steps: the count holds until the next change.
                        let mut xy: Vec<[f64; 2]> = Vec::new();
                        let mut last = 0.0;
                        for pt in pts {
                            if let Some(x) = pt.days {
                                xy.push([x, last]);
                                last = pt.done as f64;
                                xy.push([x, last]);
                            }
                        }
                        p.line(
                            Line::new(format!("a{}", i + 1), PlotPoints::from(xy))
                                .color(series_color(i)),
                        );
                    }
                })
                .response
                .rect;
            if d.done.is_empty() {
                bw::weak(ui, &l.tr("agreement-no-status"));
            }
            for (i, who) in d.done.keys().enumerate() {
                entries.push((format!("a{}", i + 1), who.clone(), Some(series_color(i))));
            }
            r
        }
    };
    key(ui, &entries);
    ui.add_space(8.0);
    (rect, asked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crop_png_takes_the_rect_in_pixels_and_round_trips() {
        // A 10×6 image: red left half (x < 5), blue right half; crop points (2,1)-(4,3) at
        // 2 pixels per point = pixels (4,2)-(8,6): 4×4, columns 4 red and 5..8 blue.
        let mut img = ColorImage::filled([10, 6], Color32::RED);
        for y in 0..6 {
            for x in 5..10 {
                img.pixels[y * 10 + x] = Color32::BLUE;
            }
        }
        let rect = Rect::from_min_max(egui::pos2(2.0, 1.0), egui::pos2(4.0, 3.0));
        let png = crop_png(&img, rect, 2.0).unwrap();
        let back = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
            .unwrap()
            .to_rgba8();
        assert_eq!(back.dimensions(), (4, 4));
        assert_eq!(back.get_pixel(0, 0).0, [255, 0, 0, 255]);
        for x in 1..4 {
            assert_eq!(back.get_pixel(x, 3).0, [0, 0, 255, 255]);
        }
        // Beyond the image: clamped; outside entirely: refused.
        let big = Rect::from_min_max(egui::pos2(3.0, 0.0), egui::pos2(100.0, 100.0));
        let png = crop_png(&img, big, 2.0).unwrap();
        let back = image::load_from_memory(&png).unwrap();
        assert_eq!((back.width(), back.height()), (4, 6));
        let out = Rect::from_min_max(egui::pos2(50.0, 50.0), egui::pos2(60.0, 60.0));
        assert!(crop_png(&img, out, 1.0).is_err());
    }
}
