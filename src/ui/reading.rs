//! Reading comfort and keyboard access: zoom, the light and dark themes, the document's font
//! size and line spacing (kept in the settings file), the View menu, a focus ring that shows in
//! both themes, and the F1 window listing [`super::shortcuts::SHORTCUTS`] by group.

use super::app::SanadApp;
use super::bidi_widgets as bw;
use super::settings::{Reading, ThemeChoice};
use super::shortcuts::{self, Act, Group};
use egui::Ui;

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
            let zoom = self.settings.reading.zoom;
            self.status = self.tr_args("msg-zoom", &[("zoom", zoom.into())]);
            self.save_settings();
        }
        if toggle_theme {
            let dark = ctx.theme() == egui::Theme::Dark;
            self.settings.reading.theme = if dark {
                ThemeChoice::Light
            } else {
                ThemeChoice::Dark
            };
            self.status = self.tr(if dark {
                "msg-theme-light"
            } else {
                "msg-theme-dark"
            });
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
            let curation = if self.curation.on {
                "view-curation-off"
            } else {
                "view-curation"
            };
            if item(ui, curation, Act::Curation) {
                self.queue.push(super::command::Command::ToggleCuration);
            }
            ui.separator();
            if item(ui, "view-focus-controls", Act::FocusControls) {
                ui.ctx()
                    .memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
            }
            if super::bidi_widgets::menu_item(
                ui,
                self.project.is_some(),
                &l.tr("view-agreement"),
                None,
            )
            .on_hover_text(super::bidi_widgets::hover(
                ui,
                &l.tr("view-agreement-hover"),
            ))
            .clicked()
            {
                self.open_agreement();
            }
            if super::bidi_widgets::menu_item(ui, true, &l.tr("view-reading-settings"), None)
                .clicked()
            {
                self.windows.settings = true;
            }
        });
    }

    /// The Reading part of the settings window: font size, line spacing, zoom, theme. Each
    /// slider on a row after its label (from the right in Arabic).
    pub(super) fn reading_settings_ui(&mut self, ui: &mut Ui) {
        let l = self.locale.clone();
        bw::heading(ui, &l.tr("settings-reading"));
        let r = &mut self.settings.reading;
        let before = *r;
        let points = format!(" {}", l.tr("reading-points"));
        bw::row(ui, |ui| {
            let label = bw::label(ui, &l.tr("reading-font-size")).id;
            ui.add(
                egui::Slider::new(&mut r.font_size, Reading::FONT_SIZES)
                    .suffix(points)
                    .step_by(1.0),
            )
            .labelled_by(label);
        });
        bw::row(ui, |ui| {
            let label = bw::label(ui, &l.tr("reading-line-spacing")).id;
            ui.add(
                egui::Slider::new(&mut r.line_spacing, Reading::LINE_SPACINGS)
                    .suffix(" %")
                    .step_by(5.0),
            )
            .labelled_by(label);
        });
        bw::row(ui, |ui| {
            let label = bw::label(ui, &l.tr("reading-zoom")).id;
            ui.add(
                egui::Slider::new(&mut r.zoom, Reading::ZOOMS)
                    .suffix(" %")
                    .step_by(10.0),
            )
            .labelled_by(label);
        });
        bw::row_wrapped(ui, |ui| {
            bw::label(ui, &l.tr("reading-theme"));
            for (choice, key) in THEME_KEYS {
                bw::radio_value(ui, &mut r.theme, choice, &l.tr(key));
            }
        });
        if bw::button(ui, &l.tr("reading-reset")).clicked() {
            *r = Reading::default();
        }
        if *r != before {
            self.save_settings();
            self.apply_reading(&ui.ctx().clone());
        }
    }

    /// The F1 window: every shortcut, by group, from the one table the handlers and menus use,
    /// in the interface's language (keys at the reading start, right in Arabic).
    pub(super) fn shortcuts_window(&mut self, ctx: &egui::Context) {
        let l = self.locale.clone();
        let mut open = self.windows.shortcuts;
        egui::Window::new(super::windows::window_title(ctx, &l.tr("shortcuts-title")))
            .id(egui::Id::unique("shortcuts-window"))
            .open(&mut open)
            .min_width(680.0)
            .default_height(560.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    bw::column(ui, |ui| {
                        for group in Group::ALL {
                            bw::heading(ui, &l.tr(group.title()));
                            // Rows rather than a grid: egui's grid has no right-to-left
                            // layout. The keys column is 170 points wide, first in reading order.
                            for s in shortcuts::in_group(group) {
                                let keys = s.keys_text(&l);
                                let what = s.what_text(&l);
                                bw::row(ui, |ui| {
                                    let cell = egui::vec2(170.0, ui.spacing().interact_size.y);
                                    ui.allocate_ui(cell, |ui| {
                                        ui.set_min_width(170.0);
                                        shortcut_keys(ui, &keys);
                                    });
                                    shortcut_what(ui, &what);
                                });
                            }
                            ui.add_space(6.0);
                        }
                    });
                });
            });
        self.windows.shortcuts = open;
    }
}

/// The keys of a row of the F1 window, strong, laid out in their own direction (key names are
/// Latin: "Ctrl+," keeps its comma after the key even in an Arabic list).
fn shortcut_keys(ui: &mut Ui, keys: &str) {
    let size = ui
        .style()
        .text_styles
        .get(&egui::TextStyle::Body)
        .map_or(14.0, |f| f.size);
    let color = ui.visuals().strong_text_color();
    let g = bw::galley(ui.ctx(), keys, size, bw::Dir::Auto, None, Some(color));
    ui.add(egui::Label::new(egui::WidgetText::Galley(g)).selectable(false));
}

/// What a row of the F1 window does, wrapped within its column (470 points at most).
fn shortcut_what(ui: &mut Ui, what: &str) {
    let size = ui
        .style()
        .text_styles
        .get(&egui::TextStyle::Body)
        .map_or(14.0, |f| f.size);
    let g = bw::galley(ui.ctx(), what, size, bw::Dir::Ui, Some(470.0), None);
    ui.add(egui::Label::new(egui::WidgetText::Galley(g)).selectable(false));
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

/// The theme choices as Fluent keys, for the View menu and the Reading settings.
const THEME_KEYS: [(ThemeChoice, &str); 3] = [
    (ThemeChoice::System, "view-theme-system"),
    (ThemeChoice::Light, "view-theme-light"),
    (ThemeChoice::Dark, "view-theme-dark"),
];
