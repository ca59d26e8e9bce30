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
    /// I/O errors, with the path.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot save settings ({e}): {}", path.display()))?;
        }
        std::fs::write(path, text)
            .map_err(|e| format!("cannot save settings ({e}): {}", path.display()))
    }
}

/// Every keyboard shortcut, (keys, what it does), as the F1 window lists them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "Drag",
        "Select a span: whole words at both ends (logical range between press and release)",
    ),
    (
        "Alt+Drag",
        "Select a span letter by letter (grapheme clusters), without snapping to words",
    ),
    ("Double-click", "Select a word"),
    (
        "Click",
        "Place the caret, or select the highlight under it (again: the next stacked one)",
    ),
    (
        "Shift+Left / Shift+Right",
        "Extend the selection by one grapheme, in the direction you see",
    ),
    (
        "Ctrl+Shift+Left / Right",
        "Extend the selection by a word, in the direction you see",
    ),
    (
        "Start ±1, End ±1",
        "Inspector buttons: move the selected annotation's start or end by one grapheme",
    ),
    ("Ctrl+F", "Find in the shown document (Arabic-aware)"),
    ("Ctrl+Shift+F", "Find in every document of the project"),
    ("F3 / Shift+F3", "Next / previous match"),
    (
        "Ctrl+Shift+L",
        "Label all matches: preview them, then again to label the ticked ones (one undo)",
    ),
    (
        "Enter (entity panel)",
        "In Name: rename the entity; in New alias: add the alias (each one undo)",
    ),
    (
        "Enter / A, X",
        "Accept (it becomes an annotation) / reject the selected gazetteer suggestion",
    ),
    ("Ctrl+A", "Select the whole document"),
    ("Ctrl+C", "Copy the selection's logical text"),
    (
        "1 … 9",
        "Label the selection, or relabel the selected annotation",
    ),
    ("Delete / Backspace", "Delete the selected annotation"),
    (
        "R",
        "Start a relation from the selected annotation; then click its target",
    ),
    (
        "Esc",
        "Close the open window; else cancel a relation or clear the selection",
    ),
    (
        "Tab / Shift+Tab",
        "Select the next / previous annotation and scroll to it",
    ),
    ("Up / Down", "Scroll the document by a line"),
    ("Page Up / Page Down", "Scroll the document by a page"),
    (
        "Ctrl+Home / Ctrl+End",
        "Go to the top / the end of the document",
    ),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
    ("Ctrl+O", "Open a folder of .txt documents"),
    ("Ctrl+Shift+O", "Open a project (.sanad)"),
    ("Ctrl+E", "Export… (choose the format)"),
    (
        "Ctrl+,",
        "Settings: annotator name, labels, scheme import/export",
    ),
    ("Alt+Up / Alt+Down", "Previous / next document in the list"),
    (
        "In a text field: Left / Right",
        "Move the caret one grapheme the way the arrow points on screen (Ctrl: a word; Shift: select)",
    ),
    (
        "In a text field: Home / End",
        "Start / end of the line in reading order: right / left edge of an Arabic line (Ctrl: of the whole text)",
    ),
    (
        "In a text field: Backspace / Delete",
        "Delete the grapheme before / after the caret in reading order (Ctrl: a word)",
    ),
    (
        "In a text field: Ctrl+Z / Ctrl+Y",
        "Undo / redo typing in the field, not the project (Ctrl+Shift+Z redoes too)",
    ),
    (
        "In a text field: Ctrl+A, Ctrl+C / X / V",
        "Select all, copy, cut, paste",
    ),
    (
        "In a text field: Tab, Esc",
        "Leave the field (a note is saved when you leave it)",
    ),
    ("Ctrl+Q", "Quit"),
    ("F1", "This list"),
];

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
    }
}
