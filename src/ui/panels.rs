//! Drawing the app: menu, status bar, document list (the entity list under it is in
//! [`super::entity_panel`]), the inspector of the selected annotation, and the central document
//! view with its toolbar (the floating windows are in [`super::windows`]). Widgets only send
//! [`Command`]s.

use super::app::{Command, SanadApp};
use super::bidi_widgets as bw;
use super::document_view;
use super::i18n::Locale;
use super::shortcuts::{Act, keys_of};
use super::text_input::TextInput;
use crate::model::{Action, DocumentStatus, LabelDef};
use crate::text::DirectionSetting;
use egui::{Color32, Ui};

/// Encodings offered for decoding a document again (encoding_rs names), Arabic ones first.
const REDECODE_CHOICES: &[&str] = &[
    "windows-1256",
    "ISO-8859-6",
    "UTF-8",
    "UTF-16LE",
    "UTF-16BE",
    "windows-1252",
    "windows-1255",
    "ISO-8859-8",
    "windows-1251",
    "KOI8-U",
];

fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// A document status in the interface language.
pub(super) fn status_title(l: &Locale, s: DocumentStatus) -> String {
    match s {
        DocumentStatus::Todo => l.tr("doc-status-todo"),
        DocumentStatus::InProgress => l.tr("doc-status-in-progress"),
        DocumentStatus::Done => l.tr("doc-status-done"),
    }
}

/// A progress bar `width` points wide with `text` on it, filling from the reading start: egui's
/// own in English, one filling from the right edge in Arabic.
pub(super) fn progress_bar(
    ui: &mut Ui,
    frac: f32,
    width: f32,
    text: &str,
    rtl: bool,
) -> egui::Response {
    let frac = frac.clamp(0.0, 1.0);
    if !rtl {
        let t = bw::text(ui, text, egui::TextStyle::Body);
        return ui.add(egui::ProgressBar::new(frac).desired_width(width).text(t));
    }
    let h = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, h), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ProgressIndicator, true, text));
    let v = ui.visuals().clone();
    ui.painter().rect_filled(rect, h / 2.0, v.extreme_bg_color);
    let fill = egui::Rect::from_min_max(
        egui::pos2(rect.max.x - rect.width() * frac, rect.min.y),
        rect.max,
    );
    ui.painter().rect_filled(fill, h / 2.0, v.selection.bg_fill);
    let size = ui
        .style()
        .text_styles
        .get(&egui::TextStyle::Body)
        .map_or(14.0, |f| f.size);
    let g = bw::galley(ui.ctx(), text, size, bw::Dir::Ui, None, None);
    ui.painter()
        .galley(rect.center() - g.size() / 2.0, g, v.text_color());
    response
}

fn status_mark(s: DocumentStatus) -> &'static str {
    match s {
        DocumentStatus::Todo => "[ ]",
        DocumentStatus::InProgress => "[~]",
        DocumentStatus::Done => "[x]",
    }
}

/// Grapheme boundaries next to a span's edges: (start - 1, start + 1, end - 1, end + 1) in
/// graphemes, as char offsets clamped to the text.
fn grapheme_steps(
    text: &str,
    index: &crate::model::CharIndex,
    start: usize,
    end: usize,
) -> (usize, usize, usize, usize) {
    let n = index.char_count();
    let around = |i: usize| {
        // Look a few chars either side: enough for any grapheme with its marks.
        let lo = i.saturating_sub(8);
        let hi = (i + 8).min(n);
        let bounds: Vec<usize> = std::iter::once(lo)
            .chain(
                crate::text::measure::grapheme_char_ranges(index.slice(text, lo..hi))
                    .into_iter()
                    .map(|g| lo + g.end),
            )
            .collect();
        let before = bounds.iter().copied().filter(|&b| b < i).max().unwrap_or(0);
        let after = bounds.iter().copied().filter(|&b| b > i).min().unwrap_or(n);
        (before, after)
    };
    let (s0, s1) = around(start);
    let (e0, e1) = around(end);
    (s0, s1, e0, e1)
}

impl SanadApp {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        let l = self.locale.clone();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new()
                .style(super::reading::menu_style_with_focus)
                .config(
                    egui::containers::menu::MenuConfig::new()
                        .style(super::reading::menu_style_with_focus),
                )
                .ui(ui, |ui| {
                    // Menus start at the reading start: the right edge in Arabic.
                    let layout = if l.is_rtl() {
                        egui::Layout::right_to_left(egui::Align::Center)
                    } else {
                        egui::Layout::left_to_right(egui::Align::Center)
                    };
                    ui.with_layout(layout, |ui| self.menus(ui, &l));
                });
        });
    }

    fn menus(&mut self, ui: &mut Ui, l: &Locale) {
        let file = bw::btn(ui, &l.tr("menu-file"));
        ui.menu_button(file, |ui| {
            if bw::menu_item(
                ui,
                true,
                &l.tr("menu-open-folder"),
                Some(keys_of(Act::OpenFolder)),
            )
            .clicked()
            {
                self.queue.push(Command::ChooseFolder);
            }
            if bw::menu_item(
                ui,
                true,
                &l.tr("menu-open-project"),
                Some(keys_of(Act::OpenProject)),
            )
            .clicked()
            {
                self.queue.push(Command::ChooseProject);
            }
            if bw::menu_item(ui, true, &l.tr("menu-new-encrypted"), None)
                .on_hover_text(bw::hover(ui, &l.tr("menu-new-encrypted-hover")))
                .clicked()
            {
                self.queue.push(Command::ChooseNewEncryptedProject);
            }
            let has = self.project.is_some();
            if bw::menu_item(ui, has, &l.tr("menu-export"), Some(keys_of(Act::Export))).clicked() {
                self.queue.push(Command::ChooseExport);
            }
            if bw::menu_item(
                ui,
                has,
                &l.tr("menu-import-annotations"),
                Some(keys_of(Act::ImportAnnotations)),
            )
            .on_hover_text(bw::hover(ui, &l.tr("menu-import-annotations-hover")))
            .clicked()
            {
                self.queue.push(Command::ChooseAnnotations);
            }
            if bw::menu_item(ui, has, &l.tr("menu-merge-projects"), None)
                .on_hover_text(bw::hover(ui, &l.tr("menu-merge-projects-hover")))
                .clicked()
            {
                self.queue.push(Command::ChooseMerge);
            }
            let mut as_suggestions = self.import_as_suggestions;
            if ui
                .add_enabled_ui(has, |ui| {
                    bw::checkbox(ui, &mut as_suggestions, &l.tr("menu-import-as-suggestions"))
                })
                .inner
                .on_hover_text(bw::hover(ui, &l.tr("menu-import-as-suggestions-hover")))
                .changed()
            {
                self.queue
                    .push(Command::SetImportAsSuggestions(as_suggestions));
            }
            if bw::menu_item(
                ui,
                has,
                &l.tr("menu-apply-gazetteer"),
                Some(keys_of(Act::ApplyGazetteer)),
            )
            .on_hover_text(bw::hover(ui, &l.tr("menu-apply-gazetteer-hover")))
            .clicked()
            {
                self.queue.push(Command::ChooseGazetteer);
            }
            bw::checkbox(ui, &mut self.export_history, &l.tr("menu-include-history"));
            if bw::menu_item(
                ui,
                has,
                &l.tr("menu-save-copy"),
                Some(keys_of(Act::SaveCopy)),
            )
            .on_hover_text(bw::hover(ui, &l.tr("menu-save-copy-hover")))
            .clicked()
            {
                self.queue.push(Command::ChooseSaveCopy);
            }
            let plain = self.project.as_ref().is_some_and(|p| !p.is_encrypted());
            if bw::menu_item(ui, plain, &l.tr("menu-encrypt"), None)
                .on_hover_text(bw::hover(ui, &l.tr("menu-encrypt-hover")))
                .clicked()
            {
                self.queue.push(Command::ChooseEncryptProject);
            }
            ui.separator();
            if bw::menu_item(ui, true, &l.tr("menu-quit"), Some(keys_of(Act::Quit))).clicked() {
                self.queue.push(Command::Quit);
            }
        });
        let edit = bw::btn(ui, &l.tr("menu-edit"));
        ui.menu_button(edit, |ui| {
            if bw::menu_item(
                ui,
                self.history.can_undo(),
                &l.tr("menu-undo"),
                Some(keys_of(Act::Undo)),
            )
            .clicked()
            {
                self.queue.push(Command::Undo);
            }
            if bw::menu_item(
                ui,
                self.history.can_redo(),
                &l.tr("menu-redo"),
                Some(keys_of(Act::Redo)),
            )
            .clicked()
            {
                self.queue.push(Command::Redo);
            }
            let selected = self.view.selected_annotation.is_some();
            if bw::menu_item(
                ui,
                selected,
                &l.tr("menu-delete-annotation"),
                Some(keys_of(Act::Delete)),
            )
            .clicked()
            {
                self.queue.push(Command::DeleteSelected);
            }
            if bw::menu_item(
                ui,
                selected,
                &l.tr("menu-add-relation"),
                Some(keys_of(Act::StartRelation)),
            )
            .clicked()
            {
                self.queue.push(Command::StartRelation);
            }
            ui.separator();
            if bw::menu_item(
                ui,
                true,
                &l.tr("menu-settings"),
                Some(keys_of(Act::Settings)),
            )
            .clicked()
            {
                self.windows.settings = true;
            }
        });
        self.search_menu(ui);
        self.view_menu(ui);
        let help = bw::btn(ui, &l.tr("menu-help"));
        ui.menu_button(help, |ui| {
            if bw::menu_item(
                ui,
                true,
                &l.tr("menu-shortcuts"),
                Some(keys_of(Act::Shortcuts)),
            )
            .clicked()
            {
                self.windows.shortcuts = true;
            }
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
        let l = self.locale.clone();
        egui::Panel::bottom("status").show(ui, |ui| {
            bw::row(ui, |ui| {
                if let Some(job) = &self.job {
                    let (d, t) = job.progress;
                    let frac = if t == 0 { 0.0 } else { d as f32 / t as f32 };
                    let text = l.tr_args(
                        "status-importing",
                        &[("done", d.into()), ("total", t.into())],
                    );
                    progress_bar(ui, frac, 160.0, &text, l.is_rtl());
                }
                match &self.project {
                    Some(p) => {
                        bw::label(
                            ui,
                            &l.tr_args(
                                "status-project",
                                &[("path", p.path().display().to_string().into())],
                            ),
                        );
                        ui.separator();
                        let count = |s| self.documents.iter().filter(|d| d.status == s).count();
                        let n = self.documents.len();
                        bw::label(
                            ui,
                            &l.tr_args(
                                "status-documents",
                                &[
                                    ("n", n.into()),
                                    ("todo", count(DocumentStatus::Todo).into()),
                                    ("progress", count(DocumentStatus::InProgress).into()),
                                    ("done", count(DocumentStatus::Done).into()),
                                ],
                            ),
                        );
                        ui.separator();
                        if self.settings.annotator.is_none() && self.windows.ask_name.is_some() {
                            bw::label(ui, &l.tr("status-annotator-unset"));
                        } else {
                            bw::label(
                                ui,
                                &l.tr_args("status-annotator", &[("name", p.actor().into())]),
                            );
                        }
                    }
                    None => {
                        bw::label(ui, &l.tr("status-no-project"));
                    }
                }
                ui.separator();
                self.selection_readout(ui);
                let color = if self.error.is_some() {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                bw::colored_label(ui, &self.status, Some(color));
            });
        });
    }

    /// The status bar's readout of the text selection: its [start, end), length and text (through
    /// the document view's bidi engine). Nothing when there is no selection.
    fn selection_readout(&mut self, ui: &mut Ui) {
        let Some(sel) = self.view.selection.clone().filter(|s| !s.is_empty()) else {
            return;
        };
        let Some(cur) = &self.current else { return };
        let l = self.locale.clone();
        let text = cur.index.slice(&cur.document.text, sel.clone()).to_owned();
        let range = l.tr_args(
            "selection-readout",
            &[
                ("n", sel.len().into()),
                ("start", sel.start.into()),
                ("end", sel.end.into()),
            ],
        );
        bw::label(
            ui,
            &l.tr_args("status-selected", &[("range", range.into())]),
        );
        let height = ui.spacing().interact_size.y;
        ui.allocate_ui(egui::vec2(280.0, height), |ui| {
            document_view::bidi_snippet(
                ui,
                &mut self.snippets,
                &text,
                false,
                &l.tr_args("selected-text-a11y", &[("text", text.as_str().into())]),
            );
        });
        ui.separator();
    }

    pub(super) fn document_list(&mut self, ui: &mut Ui) {
        let l = self.locale.clone();
        // The list sits at the reading start: left in English, right in Arabic.
        let side = if l.is_rtl() {
            egui::Panel::right("documents")
        } else {
            egui::Panel::left("documents")
        };
        side.default_size(250.0).resizable(true).show(ui, |ui| {
            bw::column(ui, |ui| {
                bw::heading(ui, &l.tr("documents-heading"));
                bw::row(ui, |ui| {
                    let selected = self
                        .status_filter
                        .map_or_else(|| l.tr("documents-all"), |s| status_title(&l, s));
                    let label = bw::btn(ui, &l.tr("documents-shown"));
                    let selected = bw::btn(ui, &selected);
                    egui::ComboBox::new("status-filter", label)
                        .selected_text(selected)
                        .show_ui(ui, |ui| {
                            let all = bw::btn(ui, &l.tr("documents-all"));
                            ui.selectable_value(&mut self.status_filter, None, all);
                            for s in DocumentStatus::ALL {
                                let t = bw::btn(ui, &status_title(&l, s));
                                ui.selectable_value(&mut self.status_filter, Some(s), t);
                            }
                        });
                });
                let current = self.current.as_ref().map(|c| c.document.id);
                let rows: Vec<(i64, String, String)> = self
                    .visible_documents()
                    .into_iter()
                    .map(|d| {
                        let mut flag = if d.has_override {
                            format!("  {}", l.tr("documents-override"))
                        } else {
                            String::new()
                        };
                        // Known for the documents shown so far (the view counts them when it opens one).
                        if let Some(&n) = self.view.undrawable_counts.get(&d.id).filter(|n| **n > 0)
                        {
                            flag.push_str("  ");
                            flag.push_str(&l.tr_args("documents-undrawable", &[("n", n.into())]));
                        }
                        let count = l.num(d.annotation_count);
                        let text =
                            format!("{} {}  ({count}){flag}", status_mark(d.status), d.rel_path);
                        let mut hover = format!("{} — {}", d.rel_path, status_title(&l, d.status));
                        if d.has_override {
                            hover.push('\n');
                            hover.push_str(&l.tr("documents-override-hover"));
                        }
                        (d.id, text, hover)
                    })
                    .collect();
                egui::ScrollArea::vertical()
                    .id_salt("doc-list")
                    .max_height(ui.available_height() * 0.55)
                    .show(ui, |ui| {
                        if rows.is_empty() && !self.documents.is_empty() {
                            let what = self
                                .status_filter
                                .map_or_else(String::new, |s| status_title(&l, s));
                            bw::weak(
                                ui,
                                &l.tr_args(
                                    "documents-none-with-status",
                                    &[("status", what.into()), ("n", self.documents.len().into())],
                                ),
                            );
                        }
                        for (id, text, hover) in rows {
                            // Names (often Arabic) through the bidi engine, cut to the panel's width.
                            let hover = bw::hover(ui, &hover);
                            if document_view::bidi_snippet(
                                ui,
                                &mut self.snippets,
                                &text,
                                current == Some(id),
                                &text,
                            )
                            .on_hover_text(hover)
                            .clicked()
                            {
                                self.queue.push(Command::SelectDocument(id));
                            }
                        }
                        if let Some((from, report)) = &self.report
                            && (!report.skipped.is_empty()
                                || !report.changed.is_empty()
                                || !report.missing.is_empty())
                        {
                            let warn = ui.visuals().warn_fg_color;
                            ui.separator();
                            bw::strong(
                                ui,
                                &l.tr_args(
                                    "report-not-imported",
                                    &[("from", from.as_str().into())],
                                ),
                            );
                            for s in &report.skipped {
                                bw::colored_label(
                                    ui,
                                    &format!("{} — {}", s.rel_path, s.reason),
                                    Some(warn),
                                );
                            }
                            for m in &report.missing {
                                bw::colored_label(
                                    ui,
                                    &l.tr_args("report-missing", &[("name", m.as_str().into())]),
                                    Some(warn),
                                );
                            }
                            for c in &report.changed {
                                bw::colored_label(
                                    ui,
                                    &l.tr_args("report-changed", &[("name", c.as_str().into())]),
                                    Some(warn),
                                );
                            }
                        }
                        if let Some((path, message)) = self.unresolved_import.clone() {
                            ui.separator();
                            bw::strong(
                                ui,
                                &l.tr_args(
                                    "report-not-imported",
                                    &[("from", path.display().to_string().into())],
                                ),
                            );
                            bw::colored_label(ui, &message, Some(ui.visuals().warn_fg_color));
                            if bw::button(ui, &l.tr("unresolved-add")).clicked() {
                                self.queue.push(Command::ImportAnnotationsResolving {
                                    path: path.clone(),
                                    add: true,
                                });
                            }
                            if bw::button(ui, &l.tr("unresolved-skip")).clicked() {
                                self.queue
                                    .push(Command::ImportAnnotationsResolving { path, add: false });
                            }
                        }
                        if let Some((from, lines)) = &self.annotation_report {
                            ui.separator();
                            bw::strong(
                                ui,
                                &l.tr_args("annotations-from", &[("from", from.as_str().into())]),
                            );
                            for line in lines {
                                bw::small(ui, line);
                            }
                        }
                    });
                ui.separator();
                self.entity_list(ui);
            })
        });
    }

    /// The right panel: the label palette, the selected annotation's details, the list.
    pub(super) fn inspector(&mut self, ui: &mut Ui) {
        let l = self.locale.clone();
        // At the reading end: right in English, left in Arabic.
        let side = if l.is_rtl() {
            egui::Panel::left("annotations")
        } else {
            egui::Panel::right("annotations")
        };
        side.default_size(320.0).resizable(true).show(ui, |ui| {
            bw::column(ui, |ui| {
                bw::heading(ui, &l.tr("inspector-labels"));
                let has_target = self.view.selection.as_ref().is_some_and(|s| !s.is_empty())
                    || self.view.selected_annotation.is_some();
                bw::row_wrapped(ui, |ui| {
                    for lb in &self.labels {
                        let key = lb.key.map(|k| format!("{k}  ")).unwrap_or_default();
                        let text = bw::data_text(
                            ui,
                            &format!("{key}{}", lb.name),
                            egui::TextStyle::Button,
                        );
                        let button =
                            egui::Button::new(text).fill(rgb(lb.color).gamma_multiply(0.35));
                        let r = ui.add_enabled(has_target, button);
                        // The label's underline style along the button's foot, as under its spans.
                        super::label_style::paint_button_underline(ui, r.rect, lb);
                        let style = super::label_style::Underline::of(lb.id).name(&l);
                        let hover = if lb.description.is_empty() {
                            format!("({style})")
                        } else {
                            format!("{}\n({style})", lb.description)
                        };
                        let h = bw::hover(ui, &hover);
                        let r = r.on_hover_text(h);
                        if r.clicked() {
                            self.queue.push(Command::UseLabel(lb.name.clone()));
                        }
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("details")
                    .max_height(ui.available_height() * 0.55)
                    .show(ui, |ui| {
                        self.selected_details(ui);
                    });
                ui.separator();
                bw::heading(ui, &l.tr("inspector-annotations"));
                let Some(cur) = &self.current else {
                    bw::label(ui, &l.tr("inspector-no-document"));
                    return;
                };
                if cur.annotations.is_empty() {
                    bw::label(ui, &l.tr("inspector-none-yet"));
                }
                // One fixed-height row per annotation, and only the visible rows are built.
                let row_h = 22.0;
                egui::ScrollArea::vertical()
                    .id_salt("ann-list")
                    .auto_shrink([false, false])
                    .show_rows(ui, row_h, cur.annotations.len(), |ui, rows| {
                        for a in &cur.annotations[rows] {
                            let label = self.labels.iter().find(|x| x.id == a.label_id);
                            let name = label.map_or("?", |x| x.name.as_str());
                            let color = label.map_or(Color32::GRAY, |x| rgb(x.color));
                            let text = cur.index.slice(&cur.document.text, a.range());
                            let selected = self.view.selected_annotation == Some(a.id);
                            bw::row(ui, |ui| {
                                ui.set_height(row_h - ui.spacing().item_spacing.y);
                                // The line (paragraph) number tells identical mentions apart.
                                let line = cur
                                    .index
                                    .slice(&cur.document.text, 0..a.start)
                                    .matches('\n')
                                    .count()
                                    + 1;
                                if let Some(lb) = label {
                                    super::label_style::swatch(ui, lb, egui::vec2(14.0, 14.0), &l);
                                }
                                let g = bw::galley(
                                    ui.ctx(),
                                    name,
                                    12.0,
                                    bw::Dir::Auto,
                                    None,
                                    Some(color),
                                );
                                let range = l.tr_args(
                                    "inspector-range-hover",
                                    &[("start", a.start.into()), ("end", a.end.into())],
                                );
                                ui.add(
                                    egui::Label::new(egui::WidgetText::Galley(g)).selectable(false),
                                )
                                .on_hover_text(bw::hover(ui, &range));
                                let weak = ui.visuals().weak_text_color();
                                let g = bw::galley(
                                    ui.ctx(),
                                    &l.tr_args("inspector-line", &[("line", line.into())]),
                                    11.0,
                                    bw::Dir::Ui,
                                    None,
                                    Some(weak),
                                );
                                let hover =
                                    l.tr_args("inspector-line-hover", &[("line", line.into())]);
                                ui.add(
                                    egui::Label::new(egui::WidgetText::Galley(g)).selectable(false),
                                )
                                .on_hover_text(bw::hover(ui, &hover));
                                let accessible = l.tr_args(
                                    "inspector-annotation-a11y",
                                    &[("label", name.into()), ("text", text.into())],
                                );
                                if document_view::bidi_snippet(
                                    ui,
                                    &mut self.snippets,
                                    text,
                                    selected,
                                    &accessible,
                                )
                                .clicked()
                                {
                                    self.queue.push(Command::SelectAnnotation(a.id));
                                }
                            });
                        }
                    });
            })
        });
    }

    /// Attributes, note, entity link, relations and history of the selected annotation.
    fn selected_details(&mut self, ui: &mut Ui) {
        let l = self.locale.clone();
        let Some(id) = self.view.selected_annotation else {
            bw::weak(ui, &l.tr("inspector-click-highlight"));
            return;
        };
        let (Some(cur), Some(scheme)) = (&self.current, &self.scheme) else {
            return;
        };
        let Some(a) = cur.annotations.iter().find(|a| a.id == id).cloned() else {
            return;
        };
        let Some(label) = self.labels.iter().find(|l| l.id == a.label_id).cloned() else {
            return;
        };
        let def: Option<LabelDef> = scheme.labels.iter().find(|l| l.name == label.name).cloned();
        let text = cur.index.slice(&cur.document.text, a.range()).to_owned();
        let attrs = cur.attributes.get(&id).cloned().unwrap_or_default();
        let relations = cur
            .relations
            .iter()
            .filter(|r| r.head == id || r.child == id)
            .cloned()
            .collect::<Vec<_>>();
        let ann_text = |other: i64| {
            cur.annotations
                .iter()
                .find(|x| x.id == other)
                .map(|x| cur.index.slice(&cur.document.text, x.range()).to_owned())
                .unwrap_or_default()
        };
        let relation_rows: Vec<(i64, String, String)> = relations
            .iter()
            .map(|r| {
                // Arrows point the way the relation reads: mirrored in a right-to-left interface.
                let (to, from) = if l.is_rtl() {
                    ("<-", "->")
                } else {
                    ("->", "<-")
                };
                if r.head == id {
                    (r.id, format!("{} {to}", r.relation), ann_text(r.child))
                } else {
                    (r.id, format!("{from} {}", r.relation), ann_text(r.head))
                }
            })
            .collect();
        let doc_id = cur.document.id;

        bw::row(ui, |ui| {
            let g = bw::galley(
                ui.ctx(),
                &label.name,
                15.0,
                bw::Dir::Auto,
                None,
                Some(rgb(label.color)),
            );
            ui.add(egui::Label::new(egui::WidgetText::Galley(g)).selectable(false));
            let weak = ui.visuals().weak_text_color();
            let g = bw::galley(
                ui.ctx(),
                &l.tr_args("range", &[("start", a.start.into()), ("end", a.end.into())]),
                11.0,
                bw::Dir::Ui,
                None,
                Some(weak),
            );
            ui.add(egui::Label::new(egui::WidgetText::Galley(g)).selectable(false));
        });
        document_view::bidi_snippet(
            ui,
            &mut self.snippets,
            &text,
            false,
            &l.tr("inspector-selected-text-a11y"),
        );
        // Resize by one grapheme at either edge (logical order: start is where reading begins).
        let edges = grapheme_steps(&cur.document.text, &cur.index, a.start, a.end);
        bw::row(ui, |ui| {
            for (name, start, end) in [
                (l.tr("inspector-start-minus"), edges.0, a.end),
                (l.tr("inspector-start-plus"), edges.1, a.end),
                (l.tr("inspector-end-minus"), a.start, edges.2),
                (l.tr("inspector-end-plus"), a.start, edges.3),
            ] {
                let valid = start < end && (start, end) != (a.start, a.end);
                let t = bw::btn(ui, &name);
                if ui
                    .add_enabled(valid, egui::Button::new(t).small())
                    .clicked()
                {
                    self.queue
                        .push(Command::Apply(Action::ResizeAnnotation { id, start, end }));
                }
            }
        });

        // Attributes declared for this label.
        if let Some(def) = &def {
            for attr in &def.attributes {
                let current = attrs
                    .iter()
                    .find(|(n, _)| *n == attr.name)
                    .map(|(_, v)| v.clone());
                bw::row(ui, |ui| {
                    let name = bw::data_text(ui, &attr.name, egui::TextStyle::Button);
                    let shown = bw::data_text(
                        ui,
                        current.as_deref().unwrap_or("—"),
                        egui::TextStyle::Button,
                    );
                    egui::ComboBox::new(("attr", id, attr.name.as_str()), name)
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            if ui.selectable_label(current.is_none(), "—").clicked()
                                && current.is_some()
                            {
                                self.queue.push(Command::Apply(Action::SetAttribute {
                                    annotation_id: id,
                                    name: attr.name.clone(),
                                    value: None,
                                    restore: false,
                                }));
                            }
                            for v in &attr.values {
                                let t = bw::data_text(ui, v, egui::TextStyle::Button);
                                if ui
                                    .selectable_label(current.as_deref() == Some(v), t)
                                    .clicked()
                                    && current.as_deref() != Some(v)
                                {
                                    self.queue.push(Command::Apply(Action::SetAttribute {
                                        annotation_id: id,
                                        name: attr.name.clone(),
                                        value: Some(v.clone()),
                                        restore: false,
                                    }));
                                }
                            }
                        });
                });
            }
        }
        // Attribute values the label no longer declares are still shown (nothing is lost).
        for (n, v) in attrs.iter().filter(|(n, _)| {
            def.as_ref()
                .is_none_or(|d| d.attributes.iter().all(|x| x.name != *n))
        }) {
            bw::weak(
                ui,
                &l.tr_args(
                    "inspector-not-in-scheme",
                    &[
                        ("name", n.as_str().into()),
                        ("value", v.as_str().into()),
                        ("label", label.name.as_str().into()),
                    ],
                ),
            );
        }

        // Note: edited in a buffer, saved as one action when the field loses focus.
        let note_label = bw::label(ui, &l.tr("inspector-note")).id;
        let mut buffer = match &self.note_edit {
            Some((nid, t)) if *nid == id => t.clone(),
            _ => a.note.clone(),
        };
        let response = ui
            .add(
                TextInput::multiline(&mut buffer)
                    .id_salt(("annotation-note", id))
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text(l.tr("inspector-note-hint")),
            )
            .labelled_by(note_label);
        if response.changed() {
            self.note_edit = Some((id, buffer.clone()));
        }
        if response.lost_focus() && buffer != a.note {
            self.queue.push(Command::Apply(Action::SetAnnotationNote {
                annotation_id: id,
                note: buffer,
            }));
        }

        // Entity link.
        bw::row(ui, |ui| {
            bw::label(ui, &l.tr("inspector-entity"));
            match a
                .entity_id
                .and_then(|e| self.entities.iter().find(|x| x.id == e))
            {
                Some(e) => {
                    let (name, eid) = (e.name.clone(), e.id);
                    if document_view::bidi_snippet(
                        ui,
                        &mut self.snippets,
                        &name,
                        false,
                        &l.tr_args(
                            "inspector-linked-entity-a11y",
                            &[("name", name.as_str().into())],
                        ),
                    )
                    .on_hover_text(bw::hover(ui, &l.tr("inspector-open-entity-hover")))
                    .clicked()
                    {
                        self.queue.push(Command::OpenEntity(eid));
                    }
                }
                None => {
                    bw::weak(ui, &l.tr("inspector-entity-none"));
                }
            }
        });
        bw::row(ui, |ui| {
            if a.entity_id.is_some() && bw::button(ui, &l.tr("inspector-unlink")).clicked() {
                self.queue.push(Command::Apply(Action::LinkEntity {
                    annotation_id: id,
                    entity_id: None,
                }));
            }
            if bw::button(ui, &l.tr("inspector-create-entity")).clicked() {
                self.queue.push(Command::EntityFromSelected);
            }
        });
        let search_label = bw::label(ui, &l.tr("inspector-link-entity")).id;
        ui.add(
            TextInput::singleline(&mut self.entity_search)
                .id_salt("entity-search")
                .desired_width(f32::INFINITY)
                .hint_text(l.tr("inspector-link-entity-hint")),
        )
        .labelled_by(search_label);
        if !self.entity_search.trim().is_empty() {
            // Arabic-aware over names and aliases: harakat, tatweel, letter variants, digits
            // and case are folded; best first.
            let hits: Vec<(i64, String, Option<String>)> =
                crate::search::find_entities(&self.entity_search, &self.entities)
                    .into_iter()
                    .take(8)
                    .map(|m| {
                        let e = &self.entities[m.entity];
                        (e.id, e.name.clone(), m.alias.map(|a| e.aliases[a].clone()))
                    })
                    .collect();
            if hits.is_empty() {
                bw::weak(
                    ui,
                    &l.tr_args(
                        "inspector-no-entity-match",
                        &[("query", self.entity_search.trim().into())],
                    ),
                );
            }
            for (eid, name, alias) in hits {
                let shown = match &alias {
                    Some(a) => format!("{name} ({a})"),
                    None => name.clone(),
                };
                if document_view::bidi_snippet(
                    ui,
                    &mut self.snippets,
                    &shown,
                    false,
                    &l.tr_args("inspector-link-to-a11y", &[("name", name.as_str().into())]),
                )
                .clicked()
                {
                    self.queue.push(Command::Apply(Action::LinkEntity {
                        annotation_id: id,
                        entity_id: Some(eid),
                    }));
                    self.entity_search.clear();
                }
            }
        }

        // Relations.
        bw::row(ui, |ui| {
            bw::label(ui, &l.tr("inspector-relations"));
            let label = if self.relation_from == Some(id) {
                l.tr("inspector-click-target")
            } else {
                l.tr("inspector-add-relation")
            };
            if bw::button(ui, &label).clicked() {
                self.queue.push(Command::StartRelation);
            }
        });
        for (rid, arrow, other) in relation_rows {
            bw::row(ui, |ui| {
                if bw::small_button(ui, &l.tr("inspector-delete"))
                    .on_hover_text(bw::hover(ui, &l.tr("inspector-delete-relation-hover")))
                    .clicked()
                {
                    self.queue
                        .push(Command::Apply(Action::DeleteRelation { id: rid }));
                }
                bw::small(ui, &arrow);
                document_view::bidi_snippet(
                    ui,
                    &mut self.snippets,
                    &other,
                    false,
                    &l.tr_args("inspector-related-a11y", &[("text", other.as_str().into())]),
                );
            });
        }

        // Audit trail of this annotation.
        egui::CollapsingHeader::new(bw::btn(ui, &l.tr("inspector-history")))
            .id_salt(("history", id))
            .show(ui, |ui| {
                let rows = self
                    .project
                    .as_ref()
                    .and_then(|p| p.annotation_history(id).ok())
                    .unwrap_or_default();
                for r in rows {
                    // Stored in UTC; shown in the interface language and digits.
                    bw::small(ui, &format!("{}  {}  {}", l.date(&r.at), r.actor, r.action));
                }
            });
        let _ = doc_id;
    }

    pub(super) fn central(&mut self, ui: &mut Ui) {
        let l = self.locale.clone();
        egui::CentralPanel::default().show(ui, |ui| {
            bw::column(ui, |ui| {
                if let Some(job) = &self.job {
                    ui.vertical_centered(|ui| {
                        ui.add_space(40.0);
                        bw::label(
                            ui,
                            &l.tr_args("central-importing", &[("what", job.what.as_str().into())]),
                        );
                        let (d, t) = job.progress;
                        let frac = if t == 0 { 0.0 } else { d as f32 / t as f32 };
                        let pct = l.num(format!("{}%", (frac * 100.0) as usize));
                        let w = ui.available_width();
                        progress_bar(ui, frac, w, &pct, l.is_rtl());
                    });
                    return;
                }
                self.verification_banner(ui);
                if let Some(err) = self.error.clone() {
                    // A floating banner over the top of the panel: showing it never moves the text
                    // under the pointer.
                    let top = ui.max_rect().right_top() + egui::vec2(-8.0, 4.0);
                    egui::Area::new(egui::Id::unique("sanad-error-banner"))
                        .order(egui::Order::Foreground)
                        .fixed_pos(top)
                        .pivot(egui::Align2::RIGHT_TOP)
                        .show(ui.ctx(), |ui| {
                            egui::Frame::popup(ui.style()).show(ui, |ui| {
                                ui.set_max_width(520.0);
                                bw::row_wrapped(ui, |ui| {
                                    if bw::small_button(ui, &l.tr("central-dismiss")).clicked() {
                                        self.error = None;
                                    }
                                    bw::colored_label(
                                        ui,
                                        &format!("⚠ {err}"),
                                        Some(ui.visuals().error_fg_color),
                                    );
                                });
                            });
                        });
                }
                let Some(cur) = &self.current else {
                    ui.vertical_centered(|ui| {
                        ui.add_space(60.0);
                        if self.project.is_none() {
                            bw::heading(ui, &l.tr("central-no-project"));
                            bw::label(ui, &l.tr("central-open-hint"));
                            if bw::button(ui, &l.tr("central-open-folder")).clicked() {
                                self.queue.push(Command::ChooseFolder);
                            }
                            if bw::button(ui, &l.tr("central-open-project")).clicked() {
                                self.queue.push(Command::ChooseProject);
                            }
                        } else if self.documents.is_empty() {
                            bw::heading(ui, &l.tr("central-no-documents"));
                            bw::label(ui, &l.tr("central-no-documents-hint"));
                        } else {
                            bw::label(ui, &l.tr("central-pick-document"));
                        }
                    });
                    return;
                };
                let doc_id = cur.document.id;
                let dir = cur.document.direction;
                let status = cur.document.status;
                let note = cur.document.note.clone();
                if self.welcome {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        bw::row_wrapped(ui, |ui| {
                            bw::label(ui, &l.tr("welcome-sample"));
                            if bw::small_button(ui, &l.tr("central-dismiss")).clicked() {
                                self.welcome = false;
                            }
                        });
                    });
                }
                bw::row_wrapped(ui, |ui| {
                    bw::label(ui, &l.tr("central-direction"));
                    for (setting, name) in [
                        (DirectionSetting::Auto, l.tr("central-direction-auto")),
                        (DirectionSetting::Rtl, l.tr("central-direction-rtl")),
                        (DirectionSetting::Ltr, l.tr("central-direction-ltr")),
                    ] {
                        if bw::selectable(ui, dir == setting, &name).clicked() && dir != setting {
                            self.queue.push(Command::Apply(Action::SetDirection {
                                document_id: doc_id,
                                direction: setting,
                            }));
                        }
                    }
                    ui.separator();
                    bw::checkbox(
                        ui,
                        &mut self.view.show_controls,
                        &l.tr("central-show-invisible"),
                    );
                    ui.separator();
                    let (label, shown) = (
                        bw::btn(ui, &l.tr("central-status")),
                        bw::btn(ui, &status_title(&l, status)),
                    );
                    egui::ComboBox::new("doc-status", label)
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for s in DocumentStatus::ALL {
                                if bw::selectable(ui, status == s, &status_title(&l, s)).clicked()
                                    && status != s
                                {
                                    self.queue.push(Command::Apply(Action::SetStatus {
                                        document_id: doc_id,
                                        status: s,
                                    }));
                                }
                            }
                        });
                    ui.separator();
                    let encoding = cur.document.encoding.clone();
                    let shown = if cur.document.encoding_guessed {
                        l.tr_args(
                            "central-encoding-guessed",
                            &[("encoding", encoding.as_str().into())],
                        )
                    } else {
                        l.tr_args(
                            "central-encoding",
                            &[("encoding", encoding.as_str().into())],
                        )
                    };
                    let shown = bw::btn(ui, &shown);
                    let hover = bw::hover(ui, &l.tr("central-encoding-hover"));
                    egui::ComboBox::new("doc-encoding", "")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            bw::label(ui, &l.tr("central-redecode-as"));
                            for label in REDECODE_CHOICES {
                                if ui
                                    .selectable_label(encoding.eq_ignore_ascii_case(label), *label)
                                    .clicked()
                                {
                                    self.queue.push(Command::Redecode((*label).to_owned()));
                                }
                            }
                        })
                        .response
                        .on_hover_text(hover);
                });
                let header = bw::btn(
                    ui,
                    &l.tr(if note.is_empty() {
                        "central-doc-note"
                    } else {
                        "central-doc-note-written"
                    }),
                );
                egui::CollapsingHeader::new(header)
                    .id_salt(("doc-note", doc_id))
                    .show(ui, |ui| {
                        let mut buffer = match &self.doc_note_edit {
                            Some((d, t)) if *d == doc_id => t.clone(),
                            _ => note.clone(),
                        };
                        let label = bw::label(ui, &l.tr("central-doc-note-label")).id;
                        let r = ui
                            .add(
                                TextInput::multiline(&mut buffer)
                                    .id_salt(("document-note", doc_id))
                                    .desired_rows(2)
                                    .desired_width(f32::INFINITY),
                            )
                            .labelled_by(label);
                        if r.changed() {
                            self.doc_note_edit = Some((doc_id, buffer.clone()));
                        }
                        if r.lost_focus() && buffer != note {
                            self.queue.push(Command::Apply(Action::SetDocumentNote {
                                document_id: doc_id,
                                note: buffer,
                            }));
                        }
                    });
                ui.separator();
                let Some(cur) = &self.current else { return };
                // The curation view: the curated layer as highlights, annotators' spans in lanes.
                let lanes = self.curation_lanes();
                let curated;
                let annotations = match &self.curation.lanes {
                    Some(l) => {
                        curated = l.curated.clone();
                        &curated[..]
                    }
                    None => &cur.annotations[..],
                };
                let out = document_view::show(
                    ui,
                    &mut self.view,
                    document_view::DocumentRef {
                        id: cur.document.id,
                        text: &cur.document.text,
                        direction: cur.document.direction,
                        annotations,
                        relations: &cur.relations,
                        suggestions: &cur.suggestions,
                        lanes: &lanes,
                    },
                    &self.labels,
                    self.relation_from,
                );
                if let Some(n) = out.copied {
                    self.status = l.tr_args("central-copied", &[("n", n.into())]);
                }
                if let Some(id) = out.clicked_suggestion {
                    self.queue.push(Command::SelectSuggestion(Some(id)));
                }
                if let Some(id) = out.clicked_annotation {
                    match self.relation_from {
                        Some(head) => self.queue.push(Command::RelationTarget { head, child: id }),
                        None => {
                            self.status = l.tr_args("msg-selected-annotation", &[("id", id.into())])
                        }
                    }
                }
            })
        });
    }
}
