//! The floating windows: the first-run name question, settings (annotator, selecting and
//! labelling, the label scheme), keyboard shortcuts, the relation type choice and the label
//! deletion confirmation. Widgets only send [`Command`]s.

use super::app::{Command, SanadApp};
use super::text_input::TextInput;
use crate::model::Action;
use egui::{RichText, Ui};

impl SanadApp {
    /// Floating windows: first-run name question, settings, shortcuts, relation type choice,
    /// label deletion confirmation.
    pub(super) fn windows(&mut self, ctx: &egui::Context) {
        if let Some(mut name) = self.windows.ask_name.take() {
            let mut done = false;
            egui::Window::new("Who is annotating?")
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
                .show(ctx, |ui| {
                    let label = ui
                        .label("Your name goes into the audit trail with every change you make.")
                        .id;
                    let r = ui
                        .add(
                            TextInput::singleline(&mut name)
                                .id_salt("ask-name")
                                .hint_text("Your name"),
                        )
                        .labelled_by(label);
                    if ui.button("OK").clicked()
                        || (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                    {
                        if name.trim().is_empty() {
                            self.windows.ask_name_empty = true;
                        } else {
                            done = true;
                        }
                    }
                    if self.windows.ask_name_empty {
                        ui.label(
                            RichText::new("Type a name first: it cannot be empty.")
                                .color(ui.visuals().error_fg_color),
                        );
                    }
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
            egui::Window::new("Relation type")
                .collapsible(false)
                .resizable(false)
                .show(ctx, |ui| {
                    ui.label("More than one relation type fits. Which one?");
                    for t in &types {
                        if ui.button(t).clicked() {
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
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            if close {
                self.windows.relation_choice = None;
            }
        }

        if let Some((id, name, count)) = self.windows.confirm_delete_label.clone() {
            let mut close = false;
            egui::Window::new("Delete label?").collapsible(false).resizable(false).show(ctx, |ui| {
                ui.label(format!("{name} holds {count} annotation(s). Deleting the label deletes them too (Ctrl+Z brings all back)."));
                ui.horizontal(|ui| {
                    if ui.button(format!("Delete {name} and {count} annotation(s)")).clicked() {
                        self.queue.push(Command::Apply(Action::DeleteLabel { id }));
                        close = true;
                    }
                    if ui.button("Keep it").clicked() {
                        close = true;
                    }
                });
            });
            if close {
                self.windows.confirm_delete_label = None;
            }
        }

        let mut open = self.windows.settings;
        egui::Window::new("Settings")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| self.settings_ui(ui));
        self.windows.settings = open;
    }

    fn settings_ui(&mut self, ui: &mut Ui) {
        let heading = ui.heading("Annotator").id;
        ui.horizontal(|ui| {
            ui.add(
                TextInput::singleline(&mut self.windows.annotator_edit)
                    .id_salt("annotator-name")
                    .hint_text("Your name"),
            )
            .labelled_by(heading);
            if ui.button("Save name").clicked() {
                self.queue
                    .push(Command::SetAnnotator(self.windows.annotator_edit.clone()));
            }
        });
        ui.separator();
        self.reading_settings_ui(ui);
        ui.separator();
        ui.heading("Selecting and labelling");
        let mut changed = ui
            .checkbox(
                &mut self.settings.snap_to_words,
                "A drag selects whole words (hold Alt while dragging for single letters)",
            )
            .changed();
        changed |= ui
            .checkbox(
                &mut self.settings.mark_in_progress,
                "A document still “to do” becomes “in progress” at its first annotation",
            )
            .changed();
        if changed {
            self.save_settings();
        }
        let mut keep = self.settings.keep_edge_spaces;
        if ui
            .checkbox(&mut keep, "Keep spaces at span edges")
            .on_hover_text("Off (the default): a new span loses the spaces and invisible direction marks at its two ends, so \"المعتقل \" is stored as \"المعتقل\". Exports warn about any span that still has them.")
            .changed()
        {
            self.queue.push(Command::SetKeepEdgeSpaces(keep));
        }
        ui.separator();
        ui.heading("Labels");
        if self.project.is_none() {
            ui.label("Open a project to edit its labels.");
            return;
        }
        let labels = self.labels.clone();
        egui::Grid::new("label-grid").striped(true).show(ui, |ui| {
            ui.label("");
            let name_hdr = ui.label("Name").id;
            let color_hdr = ui.label("Colour").id;
            ui.end_row();
            for l in &labels {
                let hex = format!("#{:02x}{:02x}{:02x}", l.color[0], l.color[1], l.color[2]);
                let edit = self
                    .windows
                    .label_edits
                    .entry(l.id)
                    .or_insert_with(|| (l.name.clone(), hex.clone()));
                super::label_style::swatch(ui, l, egui::vec2(22.0, 16.0));
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
                if ui.button("Apply").clicked() {
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
                if ui.button("Delete…").clicked() {
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
        ui.horizontal(|ui| {
            let label = ui.label("New label:").id;
            let (name, color, key) = &mut self.windows.new_label;
            ui.add(
                TextInput::singleline(name)
                    .id_salt("new-label-name")
                    .hint_text("NAME")
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
                    .hint_text("key")
                    .desired_width(30.0),
            )
            .labelled_by(label);
            if ui.button("Add label").clicked() {
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
            ui.label(RichText::new(format!("⚠ {err}")).color(ui.visuals().error_fg_color));
        }
        ui.horizontal(|ui| {
            if ui.button("Export scheme…").clicked() {
                self.queue.push(Command::ExportScheme);
            }
            if ui.button("Import scheme…").clicked() {
                self.queue.push(Command::ImportScheme);
            }
        });
    }
}
