//! The app's own settings (not the project's): the annotator's name, asked once, and how
//! selecting and labelling behave; kept in `settings.ron` in the user's config directory.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Settings kept between runs. Fields missing from an older file take their defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The name written into the audit trail with every change.
    #[serde(default)]
    pub annotator: Option<String>,
    /// Keep white space and invisible bidi marks at a new span's edges (off: they are trimmed
    /// when a span is labelled, see [`crate::model::trim_span`]).
    #[serde(default)]
    pub keep_edge_spaces: bool,
    /// A drag selects whole words (UAX #29) at both ends; Alt while dragging gives grapheme
    /// precision. On by default.
    #[serde(default = "yes")]
    pub snap_to_words: bool,
    /// A document still "to do" becomes "in progress" at its first annotation. On by default.
    #[serde(default = "yes")]
    pub mark_in_progress: bool,
    /// The interface language; `None` follows the system locale (English when it is not
    /// Arabic).
    #[serde(default)]
    pub language: Option<super::i18n::Lang>,
    /// The digits numbers are shown in (stored data never changes).
    #[serde(default)]
    pub digits: super::i18n::Digits,
    /// Reading comfort: document font size, line spacing, zoom, theme (see [`Reading`]).
    #[serde(default)]
    pub reading: Reading,
}

/// How the interface and the document are shown; kept per user with the other settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reading {
    /// Document text size, points (12–40; 20 by default).
    pub font_size: u16,
    /// Line spacing of the document, percent of the font's own line height (100–250).
    pub line_spacing: u16,
    /// Zoom of the whole interface, percent (egui's zoom factor × 100; Ctrl+= / Ctrl+- / Ctrl+0).
    pub zoom: u16,
    /// Light, dark, or whatever the system says.
    pub theme: ThemeChoice,
}

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's light or dark setting (the default).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Reading {
    /// Smallest and largest document font size, points.
    pub const FONT_SIZES: std::ops::RangeInclusive<u16> = 12..=40;
    /// Smallest and largest line spacing, percent.
    pub const LINE_SPACINGS: std::ops::RangeInclusive<u16> = 100..=250;
    /// Smallest and largest zoom, percent.
    pub const ZOOMS: std::ops::RangeInclusive<u16> = 50..=300;

    /// The document font size in points, clamped to [`Self::FONT_SIZES`].
    pub fn font_points(&self) -> f32 {
        f32::from(
            self.font_size
                .clamp(*Self::FONT_SIZES.start(), *Self::FONT_SIZES.end()),
        )
    }

    /// The line spacing as a factor (1.0 = the font's own), clamped to [`Self::LINE_SPACINGS`].
    pub fn spacing_factor(&self) -> f32 {
        f32::from(
            self.line_spacing
                .clamp(*Self::LINE_SPACINGS.start(), *Self::LINE_SPACINGS.end()),
        ) / 100.0
    }

    /// The zoom as egui's zoom factor, clamped to [`Self::ZOOMS`].
    pub fn zoom_factor(&self) -> f32 {
        f32::from(self.zoom.clamp(*Self::ZOOMS.start(), *Self::ZOOMS.end())) / 100.0
    }

    /// Zooms in (`1`) or out (`-1`) by 10 %, or back to 100 % (`0`), within [`Self::ZOOMS`].
    pub fn step_zoom(&mut self, step: i32) {
        self.zoom = match step {
            0 => 100,
            s => {
                let z = i32::from(self.zoom) + 10 * s.signum();
                z.clamp(
                    i32::from(*Self::ZOOMS.start()),
                    i32::from(*Self::ZOOMS.end()),
                ) as u16
            }
        };
    }
}

impl Default for Reading {
    fn default() -> Self {
        Self {
            font_size: 20,
            line_spacing: 100,
            zoom: 100,
            theme: ThemeChoice::System,
        }
    }
}

fn yes() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            annotator: None,
            keep_edge_spaces: false,
            snap_to_words: true,
            mark_in_progress: true,
            reading: Reading::default(),
            language: None,
            digits: Default::default(),
        }
    }
}

/// Where settings live: `<config dir>/settings.ron` (e.g. `~/.config/sanad/settings.ron`).
pub fn settings_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Sanad", "sanad")
        .map(|d| d.config_dir().join("settings.ron"))
}

impl Settings {
    /// Reads settings from `path`; a missing or unreadable file gives the defaults.
    pub fn load(path: &Path) -> Self {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|t| ron::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Writes settings to `path` (creating its folder).
    ///
    /// # Errors
    /// The I/O (or serialisation) error's text; the caller names the path, in the interface's
    /// language (`msg-settings-not-saved`).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, text).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/settings.ron");
        assert_eq!(Settings::load(&path), Settings::default());
        let s = Settings {
            annotator: Some("ليلى".into()),
            keep_edge_spaces: true,
            snap_to_words: false,
            mark_in_progress: true,
            reading: Reading {
                font_size: 26,
                line_spacing: 150,
                zoom: 120,
                theme: ThemeChoice::Dark,
            },
            language: Some(crate::ui::i18n::Lang::Ar),
            digits: crate::ui::i18n::Digits::ArabicIndic,
        };
        s.save(&path).unwrap();
        assert_eq!(Settings::load(&path), s);
    }

    #[test]
    fn a_file_from_before_the_switches_turns_them_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        std::fs::write(&path, "(annotator: Some(\"Layla\"))").unwrap();
        let s = Settings::load(&path);
        assert_eq!(s.annotator.as_deref(), Some("Layla"));
        assert!(s.snap_to_words && s.mark_in_progress);
        // Reading comfort: 20 pt, the font's own spacing, 100 %, the system's theme.
        assert_eq!(s.reading.font_points(), 20.0);
        assert_eq!(s.reading.spacing_factor(), 1.0);
        assert_eq!(s.reading.zoom_factor(), 1.0);
        assert_eq!(s.reading.theme, ThemeChoice::System);
    }

    #[test]
    fn zoom_steps_by_ten_percent_within_its_bounds() {
        let mut r = Reading::default();
        r.step_zoom(1);
        r.step_zoom(1);
        assert_eq!(r.zoom, 120);
        r.step_zoom(-1);
        assert_eq!(r.zoom, 110);
        r.step_zoom(0);
        assert_eq!(r.zoom, 100);
        for _ in 0..40 {
            r.step_zoom(1);
        }
        assert_eq!(r.zoom, 300);
        for _ in 0..40 {
            r.step_zoom(-1);
        }
        assert_eq!(r.zoom, 50);
    }
}
