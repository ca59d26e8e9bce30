//! Reading comfort and keyboard access: zoom, the light and dark themes, the document's font
//! size and line spacing (kept in the settings file), the View menu, a focus ring that shows in
//! both themes, and the F1 window listing [`super::shortcuts::SHORTCUTS`] by group.

use super::app::SanadApp;
use super::settings::{Reading, ThemeChoice};
use super::shortcuts::{self, Act, Group};
use egui::{RichText, Ui};

impl SanadApp {
    /// Applies the reading settings to `ctx` and the document view: theme, zoom, font size, line
    /// spacing, and (once) the focus ring. egui's own zoom keys are turned off: the app's
    /// handler zooms, and keeps the zoom in the settings.
    pub(super) fn apply_reading(&mut self, ctx: &egui::Context) {
        let reading = self.settings.reading;
        let theme = match reading.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        };
        if ctx.options(|o| o.theme_preference) != theme {
            ctx.set_theme(theme);
        }
        if ctx.options(|o| o.zoom_with_keyboard) {
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            // The keyboard focus: a 2-point ring in the selection's colour, which both themes
            // choose to stand out from their background.
            ctx.all_styles_mut(|style| {
                let ring = style.visuals.selection.stroke.color;
                style.visuals.widgets.active.bg_stroke = egui::Stroke::new(2.0, ring);
            });
        }
        let zoom = reading.zoom_factor();
        if (ctx.zoom_factor() - zoom).abs() > 1e-4 {
            ctx.set_zoom_factor(zoom);
        }
        self.view
            .set_reading(reading.font_points(), reading.spacing_factor());
    }

    /// The View keys (zoom, theme, focus on the controls, this list): they work from text fields
    /// too. Returns whether one was pressed.
    pub(super) fn reading_keys(&mut self, ctx: &egui::Context) {
        let mut zoom = None;
        let mut toggle_theme = false;
        let mut focus = false;
        ctx.input_mut(|i| {
            if shortcuts::pressed(i, Act::ZoomIn) {
                zoom = Some(1);
            }
            if shortcuts::pressed(i, Act::ZoomOut) {
                zoom = Some(-1);
            }
            if shortcuts::pressed(i, Act::ZoomReset) {
                zoom = Some(0);
            }
            toggle_theme = shortcuts::pressed(i, Act::ToggleTheme);
            focus = shortcuts::pressed(i, Act::FocusControls);
            if shortcuts::pressed(i, Act::Shortcuts) {
                self.windows.shortcuts = !self.windows.shortcuts;
            }
        });
        if let Some(step) = zoom {
            self.settings.reading.step_zoom(step);
            self.status = format!("Zoom {} %", self.settings.reading.zoom);
            self.save_settings();
        }
        if toggle_theme {
            let dark = ctx.theme() == egui::Theme::Dark;
            self.settings.reading.theme = if dark {
                ThemeChoice::Light
            } else {
                ThemeChoice::Dark
            };
            self.status = if dark { "Light theme" } else { "Dark theme" }.into();
            self.save_settings();
        }
        if focus {
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
        }
        if zoom.is_some() || toggle_theme {
            self.apply_reading(ctx);
        }
    }

    /// Does a control (button, menu, field) have the keyboard focus? Then Tab moves it on
    /// instead of stepping through the annotations.
    pub(super) fn control_has_focus(ctx: &egui::Context) -> bool {
        ctx.memory(|m| m.focused().is_some())
    }

    /// The View menu: zoom, theme, reading settings.
    pub(super) fn view_menu(&mut self, ui: &mut Ui) {
        let l = self.locale.clone();
        let title = super::bidi_widgets::btn(ui, &l.tr("view-menu"));
        ui.menu_button(title, |ui| {
            let item = |ui: &mut Ui, key: &str, act: Act| {
                super::bidi_widgets::menu_item(ui, true, &l.tr(key), Some(shortcuts::keys_of(act)))
                    .clicked()
            };
            let mut step = None;
            if item(ui, "view-zoom-in", Act::ZoomIn) {
                step = Some(1);
            }
            if item(ui, "view-zoom-out", Act::ZoomOut) {
                step = Some(-1);
            }
            if item(ui, "view-zoom-reset", Act::ZoomReset) {
                step = Some(0);
            }
            if let Some(step) = step {
                self.settings.reading.step_zoom(step);
                self.save_settings();
            }
            ui.separator();
            let before = self.settings.reading.theme;
            for (choice, key) in THEME_KEYS {
                let on = self.settings.reading.theme == choice;
                if super::bidi_widgets::selectable(ui, on, &l.tr(key)).clicked() {
                    self.settings.reading.theme = choice;
                }
            }
            if self.settings.reading.theme != before {
                self.save_settings();
            }
            ui.separator();
            if item(ui, "view-focus-controls", Act::FocusControls) {
                ui.ctx()
                    .memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
            }
            if super::bidi_widgets::menu_item(ui, true, &l.tr("view-reading-settings"), None)
                .clicked()
            {
                self.windows.settings = true;
            }
        });
    }

    /// The Reading part of the settings window: font size, line spacing, zoom, theme.
    pub(super) fn reading_settings_ui(&mut self, ui: &mut Ui) {
        ui.heading("Reading");
        let r = &mut self.settings.reading;
        let before = *r;
        // The grid in a left-aligned layout: an egui grid in a right-aligned one (the Arabic
        // interface) grows without bound and its sliders get a NaN width.
        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            egui::Grid::new("reading-grid").show(ui, |ui| {
                let l = ui.label("Document text size").id;
                ui.add(
                    egui::Slider::new(&mut r.font_size, Reading::FONT_SIZES)
                        .suffix(" pt")
                        .step_by(1.0),
                )
                .labelled_by(l);
                ui.end_row();
                let l = ui.label("Line spacing").id;
                ui.add(
                    egui::Slider::new(&mut r.line_spacing, Reading::LINE_SPACINGS)
                        .suffix(" %")
                        .step_by(5.0),
                )
                .labelled_by(l);
                ui.end_row();
                let l = ui.label("Zoom (whole window)").id;
                ui.add(
                    egui::Slider::new(&mut r.zoom, Reading::ZOOMS)
                        .suffix(" %")
                        .step_by(10.0),
                )
                .labelled_by(l);
                ui.end_row();
                ui.label("Theme");
                ui.horizontal(|ui| {
                    for (choice, text) in THEMES {
                        ui.radio_value(&mut r.theme, choice, text);
                    }
                });
                ui.end_row();
            });
        });
        if ui.button("Reset reading settings").clicked() {
            *r = Reading::default();
        }
        if *r != before {
            self.save_settings();
            self.apply_reading(&ui.ctx().clone());
        }
    }

    /// The F1 window: every shortcut, by group, from the one table the handlers and menus use.
    pub(super) fn shortcuts_window(&mut self, ctx: &egui::Context) {
        let mut open = self.windows.shortcuts;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .min_width(680.0)
            .default_height(560.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for group in Group::ALL {
                        ui.heading(group.title());
                        egui::Grid::new(("shortcuts", group as u8))
                            .striped(true)
                            .num_columns(2)
                            .min_col_width(170.0)
                            .max_col_width(470.0)
                            .show(ui, |ui| {
                                for s in shortcuts::in_group(group) {
                                    ui.label(RichText::new(s.keys).strong());
                                    ui.add(egui::Label::new(s.what).wrap());
                                    ui.end_row();
                                }
                            });
                        ui.add_space(6.0);
                    }
                });
            });
        self.windows.shortcuts = open;
    }
}

/// Draws the keyboard focus ring around `rect` (its visible part) when `response` has the focus:
/// for widgets that paint themselves (list rows, the document view).
pub(super) fn paint_focus_ring(ui: &Ui, response: &egui::Response, rect: egui::Rect) {
    if response.has_focus() {
        let stroke = ui.visuals().widgets.active.bg_stroke;
        let r = rect.intersect(ui.clip_rect()).shrink(stroke.width / 2.0);
        ui.painter()
            .rect_stroke(r, 2.0, stroke, egui::StrokeKind::Inside);
    }
}

/// egui's menu style with the focus ring kept: egui's own takes every frame stroke off menu
/// buttons, the focused one's too, which leaves the keyboard focus in a menu almost invisible.
pub(super) fn menu_style_with_focus(style: &mut egui::Style) {
    egui::containers::menu::menu_style(style);
    let ring = style.visuals.selection.stroke.color;
    style.visuals.widgets.active.bg_stroke = egui::Stroke::new(2.0, ring);
}

/// The theme choices as offered.
/// The theme choices as Fluent keys, for the View menu.
const THEME_KEYS: [(ThemeChoice, &str); 3] = [
    (ThemeChoice::System, "view-theme-system"),
    (ThemeChoice::Light, "view-theme-light"),
    (ThemeChoice::Dark, "view-theme-dark"),
];

const THEMES: [(ThemeChoice, &str); 3] = [
    (ThemeChoice::System, "Follow the system"),
    (ThemeChoice::Light, "Light"),
    (ThemeChoice::Dark, "Dark"),
];
