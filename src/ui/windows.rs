//! The floating windows: the first-run name question, settings (annotator, selecting and
//! labelling, the label scheme), keyboard shortcuts, the relation type choice and the label
//! deletion confirmation. Widgets only send [`Command`]s.

use super::app::{Command, SanadApp};
use super::bidi_widgets as bw;
use super::i18n::{Digits, Lang};
use super::text_input::TextInput;
use crate::model::Action;
use egui::Ui;

/// A window title laid out by the bidi engine (egui's title bar has none of its own).
pub(super) fn window_title(ctx: &egui::Context, text: &str) -> egui::WidgetText {
    let size = ctx
        .global_style()
        .text_styles
        .get(&egui::TextStyle::Heading)
        .map_or(18.0, |f| f.size);
    egui::WidgetText::Galley(bw::galley(ctx, text, size, bw::Dir::Ui, None, None))
}

impl SanadApp {
    /// Floating windows: first-run name question, settings, shortcuts, relation type choice,
    /// label deletion confirmation.
    pub(super) fn windows(&mut self, ctx: &egui::Context) {
        let l = self.locale.clone();
        // The first-run name question waits while the passphrase window is up (opening an
        // encrypted project on a first run): two centred windows fought over the keyboard focus
        // every frame, so neither field took a key.
        if let Some(mut name) = self.windows.ask_name.take_if(|_| self.passphrase.is_none()) {
            let mut done = false;
            egui::Window::new(window_title(ctx, &l.tr("ask-name-title")))
                .id(egui::Id::unique("ask-name-window"))
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
                .show(ctx, |ui| {
                    bw::column(ui, |ui| {
                        let label = bw::label(ui, &l.tr("ask-name-why")).id;
                        let r = ui
                            .add(
                                TextInput::singleline(&mut name)
                                    .id_salt("ask-name")
                                    .hint_text(l.tr("ask-name-hint")),
                            )
                            .labelled_by(label);
                        if bw::button(ui, &l.tr("ask-name-ok")).clicked()
                            || (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                        {
                            if name.trim().is_empty() {
                                self.windows.ask_name_empty = true;
                            } else {
                                done = true;
                            }
                        }
                        if self.windows.ask_name_empty {
                            let c = ui.visuals().error_fg_color;
                            bw::colored_label(ui, &l.tr("ask-name-empty"), Some(c));
                        }
                    });
                });
            if done {
                self.queue.push(Command::SetAnnotator(name));
            } else {
                self.windows.ask_name = Some(name);
            }
        }

        self.shortcuts_window(ctx);

        if let Some((head, child, types)) = self.windows.relation_choice.clone() {
            let mut close = false;
            egui::Window::new(window_title(ctx, &l.tr("relation-type-title")))
                .id(egui::Id::unique("relation-type-window"))
                .collapsible(false)
                .resizable(false)
                .show(ctx, |ui| {
                    bw::column(ui, |ui| {
                        bw::label(ui, &l.tr("relation-type-which"));
                        for t in &types {
                            let text = bw::data_text(ui, t, egui::TextStyle::Button);
                            if ui.button(text).clicked() {
                                self.queue.push(Command::Apply(Action::AddRelation {
                                    id: None,
                                    head,
                                    child,
                                    relation: t.clone(),
                                    created_at: None,
                                }));
                                close = true;
                            }
                        }
                        if bw::button(ui, &l.tr("cancel")).clicked() {
                            close = true;
                        }
                    });
                });
            if close {
                self.windows.relation_choice = None;
            }
        }

        if let Some((id, name, count)) = self.windows.confirm_delete_label.clone() {
            let mut close = false;
            egui::Window::new(window_title(ctx, &l.tr("delete-label-title")))
                .id(egui::Id::unique("delete-label-window"))
                .collapsible(false)
                .resizable(false)
                .show(ctx, |ui| {
                    let args = [("name", name.as_str().into()), ("n", count.into())];
                    bw::label(ui, &l.tr_args("delete-label-text", &args));
                    bw::row(ui, |ui| {
                        if bw::button(ui, &l.tr_args("delete-label-button", &args)).clicked() {
                            self.queue.push(Command::Apply(Action::DeleteLabel { id }));
                            close = true;
                        }
                        if bw::button(ui, &l.tr("delete-label-keep")).clicked() {
                            close = true;
                        }
                    });
                });
            if close {
                self.windows.confirm_delete_label = None;
            }
        }

        let mut open = self.windows.settings;
        egui::Window::new(window_title(ctx, &l.tr("settings-title")))
            .id(egui::Id::unique("settings-window"))
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                // A known width: right-to-left rows are laid out from the right edge.
                ui.set_max_width(ui.available_width().min(560.0));
                bw::column(ui, |ui| self.settings_ui(ui));
            });
        self.windows.settings = open;
    }

    fn settings_ui(&mut self, ui: &mut Ui) {
        let l = self.locale.clone();
        bw::heading(ui, &l.tr("settings-language"));
        bw::row(ui, |ui| {
            bw::label(ui, &l.tr("settings-language-label"));
            for lang in Lang::ALL {
                // Each language named in itself, so it can be found whatever is shown now.
                let t = bw::data_text(ui, lang.native_name(), egui::TextStyle::Button);
                if ui.selectable_label(l.lang() == lang, t).clicked() && l.lang() != lang {
                    self.pending_locale = Some((lang, l.digits()));
                }
            }
        });
        bw::row(ui, |ui| {
            bw::label(ui, &l.tr("settings-digits"));
            for (digits, key) in [
                (Digits::Western, "settings-digits-western"),
                (Digits::ArabicIndic, "settings-digits-arabic"),
            ] {
                if bw::selectable(ui, l.digits() == digits, &l.tr(key)).clicked()
                    && l.digits() != digits
                {
                    self.pending_locale = Some((l.lang(), digits));
                }
            }
        });
        ui.separator();
        let heading = bw::heading(ui, &l.tr("settings-annotator")).id;
        bw::row(ui, |ui| {
            ui.add(
                TextInput::singleline(&mut self.windows.annotator_edit)
                    .id_salt("annotator-name")
                    .hint_text(l.tr("ask-name-hint")),
            )
            .labelled_by(heading);
            if bw::button(ui, &l.tr("settings-save-name")).clicked() {
                self.queue
                    .push(Command::SetAnnotator(self.windows.annotator_edit.clone()));
            }
        });
        ui.separator();
        self.reading_settings_ui(ui);
        ui.separator();
        bw::heading(ui, &l.tr("settings-selecting"));
        let mut changed =
            bw::checkbox(ui, &mut self.settings.snap_to_words, &l.tr("settings-snap")).changed();
        changed |= bw::checkbox(
            ui,
            &mut self.settings.mark_in_progress,
            &l.tr("settings-mark-in-progress"),
        )
        .changed();
        if changed {
            self.save_settings();
        }
        let mut keep = self.settings.keep_edge_spaces;
        let hover = bw::hover(ui, &l.tr("settings-keep-spaces-hover"));
        if bw::checkbox(ui, &mut keep, &l.tr("settings-keep-spaces"))
            .on_hover_text(hover)
            .changed()
        {
            self.queue.push(Command::SetKeepEdgeSpaces(keep));
        }
        ui.separator();
        bw::heading(ui, &l.tr("settings-labels"));
        if self.project.is_none() {
            bw::label(ui, &l.tr("settings-open-project"));
            return;
        }
        let labels = self.labels.clone();
        let (apply_text, delete_text) = (l.tr("settings-apply"), l.tr("settings-delete"));
        // The grid in a left-aligned layout: egui grids grow without bound in a right-aligned one.
        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            egui::Grid::new("label-grid").striped(true).show(ui, |ui| {
                ui.label("");
                let name_hdr = bw::label(ui, &l.tr("settings-name")).id;
                let color_hdr = bw::label(ui, &l.tr("settings-colour")).id;
                ui.end_row();
                for l in &labels {
                    let hex = format!("#{:02x}{:02x}{:02x}", l.color[0], l.color[1], l.color[2]);
                    let edit = self
                        .windows
                        .label_edits
                        .entry(l.id)
                        .or_insert_with(|| (l.name.clone(), hex.clone()));
                    super::label_style::swatch(ui, l, egui::vec2(22.0, 16.0), &self.locale);
                    ui.add(
                        TextInput::singleline(&mut edit.0)
                            .id_salt(("label-name", l.id))
                            .desired_width(150.0),
                    )
                    .labelled_by(name_hdr);
                    // Colours are ASCII hex: egui's own field is enough.
                    ui.add_sized([80.0, 20.0], egui::TextEdit::singleline(&mut edit.1))
                        .labelled_by(color_hdr);
                    let (new_name, new_color) = edit.clone();
                    if bw::button(ui, &apply_text).clicked() {
                        if new_name != l.name {
                            self.queue.push(Command::Apply(Action::RenameLabel {
                                id: l.id,
                                name: new_name,
                            }));
                        }
                        if new_color != hex {
                            self.queue.push(Command::Apply(Action::RecolorLabel {
                                id: l.id,
                                color: new_color,
                            }));
                        }
                        self.windows.label_edits.remove(&l.id);
                    }
                    if bw::button(ui, &delete_text).clicked() {
                        let count = self
                            .project
                            .as_ref()
                            .and_then(|p| p.label_usage(l.id).ok())
                            .unwrap_or(0);
                        if count == 0 {
                            self.queue
                                .push(Command::Apply(Action::DeleteLabel { id: l.id }));
                        } else {
                            self.windows.confirm_delete_label = Some((l.id, l.name.clone(), count));
                        }
                    }
                    ui.end_row();
                }
            });
        });
        bw::row(ui, |ui| {
            let label = bw::label(ui, &l.tr("settings-new-label")).id;
            let (name, color, key) = &mut self.windows.new_label;
            ui.add(
                TextInput::singleline(name)
                    .id_salt("new-label-name")
                    .hint_text(l.tr("settings-new-label-hint"))
                    .desired_width(140.0),
            )
            .labelled_by(label);
            // Colour (ASCII hex) and key (one ASCII letter or digit): egui's own fields.
            ui.add(
                egui::TextEdit::singleline(color)
                    .hint_text("#rrggbb")
                    .desired_width(70.0),
            )
            .labelled_by(label);
            ui.add(
                egui::TextEdit::singleline(key)
                    .hint_text(l.tr("settings-key-hint"))
                    .desired_width(30.0),
            )
            .labelled_by(label);
            if bw::button(ui, &l.tr("settings-add-label")).clicked() {
                // Kept until the label is added, so a refused one can be corrected.
                let (name, color, key) = self.windows.new_label.clone();
                self.queue.push(Command::Apply(Action::AddLabel {
                    id: None,
                    name: name.trim().to_owned(),
                    color: if color.trim().is_empty() {
                        "#56b4e9".into() // Okabe–Ito sky blue
                    } else {
                        color.trim().to_owned()
                    },
                    key: key.trim().chars().next(),
                    description: String::new(),
                }));
            }
        });
        ui.separator();
        if let Some(err) = &self.error {
            let c = ui.visuals().error_fg_color;
            bw::colored_label(ui, &format!("⚠ {err}"), Some(c));
        }
        bw::row(ui, |ui| {
            if bw::button(ui, &l.tr("settings-export-scheme")).clicked() {
                self.queue.push(Command::ExportScheme);
            }
            if bw::button(ui, &l.tr("settings-import-scheme")).clicked() {
                self.queue.push(Command::ImportScheme);
            }
        });
    }
}
