//! Every keyboard shortcut of the app in one table: the key handlers ask it whether an action's
//! keys were pressed ([`pressed`]), the menus take their key hints from it ([`keys_of`]), and the
//! F1 window lists it by group, so the three cannot drift apart.
//!
//! The table holds Fluent keys, not text: each row's description (`shortcut-…`), each group's
//! heading (`shortcut-group-…`) and the mouse gestures in the keys column (`mouse-…`) are
//! looked up in the interface's language (assets/i18n/{en,ar}/sanad.ftl; tests/i18n.rs checks
//! that every one exists in both).

use egui::{InputState, Key, KeyboardShortcut, Modifiers};

/// Where a shortcut is listed in the F1 window, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Opening, exporting, quitting.
    Files,
    /// Undo, redo, deleting, relations, settings.
    Editing,
    /// Mouse and keys that select text and label it.
    Labelling,
    /// Moving through the document, its annotations and the document list.
    Moving,
    /// Find and "Label all".
    Search,
    /// Gazetteer suggestions and the entity panel.
    Suggestions,
    /// Zoom, theme, focus.
    View,
    /// Inside a text field.
    TextFields,
    /// This list.
    Help,
}

impl Group {
    /// Every group, in listing order.
    pub const ALL: [Group; 9] = [
        Group::Files,
        Group::Editing,
        Group::Labelling,
        Group::Moving,
        Group::Search,
        Group::Suggestions,
        Group::View,
        Group::TextFields,
        Group::Help,
    ];

    /// The Fluent key of the group's heading in the F1 window.
    pub fn title(self) -> &'static str {
        match self {
            Group::Files => "shortcut-group-files",
            Group::Editing => "shortcut-group-editing",
            Group::Labelling => "shortcut-group-labelling",
            Group::Moving => "shortcut-group-moving",
            Group::Search => "shortcut-group-search",
            Group::Suggestions => "shortcut-group-suggestions",
            Group::View => "shortcut-group-view",
            Group::TextFields => "shortcut-group-text-fields",
            Group::Help => "shortcut-group-help",
        }
    }
}

/// An action the app-wide key handler runs (the table's rows with keys of their own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Act {
    /// Open a folder of .txt documents.
    OpenFolder,
    /// Open a project file.
    OpenProject,
    /// The export dialog.
    Export,
    /// Import annotation files.
    ImportAnnotations,
    /// Apply a gazetteer.
    ApplyGazetteer,
    /// Save a copy of the project.
    SaveCopy,
    /// Quit.
    Quit,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Delete the selected annotation.
    Delete,
    /// Start a relation from the selected annotation.
    StartRelation,
    /// The settings window.
    Settings,
    /// Find in the document.
    Find,
    /// Find in the project.
    FindAll,
    /// Next match.
    NextMatch,
    /// Previous match.
    PreviousMatch,
    /// Label all matches.
    LabelAll,
    /// Previous document of the list.
    PreviousDocument,
    /// Next document of the list.
    NextDocument,
    /// Zoom the whole interface in.
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Back to 100 %.
    ZoomReset,
    /// Switch between the light and the dark theme.
    ToggleTheme,
    /// Move the keyboard focus to the controls (menus, panels, windows).
    FocusControls,
    /// The shortcuts window.
    Shortcuts,
    /// The curation (adjudication) view on or off.
    Curation,
}

/// One row of the F1 list: the keys as shown, what they do, and, when the app-wide handler
/// acts on them, the action with the key combinations it accepts.
#[derive(Clone, Copy, Debug)]
pub struct Shortcut {
    /// Where it is listed.
    pub group: Group,
    /// The keys as shown (also the menus' hint); for a mouse gesture or a button, the Fluent key
    /// (`mouse-…`) of its name ([`Shortcut::keys_text`]).
    pub keys: &'static str,
    /// The Fluent key of what they do (`shortcut-…`).
    pub what: &'static str,
    /// The action, for the rows the app-wide handler runs.
    pub act: Option<Act>,
    /// The key combinations that run `act`, tried in this order.
    pub bindings: &'static [KeyboardShortcut],
}

impl Shortcut {
    /// The keys as the F1 window shows them in `l`'s language (key names stay as on the keys).
    pub fn keys_text(&self, l: &super::i18n::Locale) -> String {
        if self.keys.starts_with("mouse-") {
            l.tr(self.keys)
        } else {
            self.keys.to_owned()
        }
    }

    /// What the keys do, in `l`'s language.
    pub fn what_text(&self, l: &super::i18n::Locale) -> String {
        l.tr(self.what)
    }
}

const fn ks(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

/// A row the app-wide handler runs.
const fn key(
    group: Group,
    keys: &'static str,
    what: &'static str,
    act: Act,
    bindings: &'static [KeyboardShortcut],
) -> Shortcut {
    Shortcut {
        group,
        keys,
        what,
        act: Some(act),
        bindings,
    }
}

/// A row handled where it happens (the document view, a text field, a panel) or done with the
/// mouse: listed only.
const fn info(group: Group, keys: &'static str, what: &'static str) -> Shortcut {
    Shortcut {
        group,
        keys,
        what,
        act: None,
        bindings: &[],
    }
}

/// Every shortcut, in listing order within each group.
pub const SHORTCUTS: &[Shortcut] = &[
    key(
        Group::Files,
        "Ctrl+O",
        "shortcut-open-folder",
        Act::OpenFolder,
        &[ks(CTRL, Key::O)],
    ),
    key(
        Group::Files,
        "Ctrl+Shift+O",
        "shortcut-open-project",
        Act::OpenProject,
        &[ks(CTRL_SHIFT, Key::O)],
    ),
    key(
        Group::Files,
        "Ctrl+E",
        "shortcut-export",
        Act::Export,
        &[ks(CTRL, Key::E)],
    ),
    key(
        Group::Files,
        "Ctrl+I",
        "shortcut-import-annotations",
        Act::ImportAnnotations,
        &[ks(CTRL, Key::I)],
    ),
    key(
        Group::Files,
        "Ctrl+G",
        "shortcut-apply-gazetteer",
        Act::ApplyGazetteer,
        &[ks(CTRL, Key::G)],
    ),
    key(
        Group::Files,
        "Ctrl+Shift+S",
        "shortcut-save-copy",
        Act::SaveCopy,
        &[ks(CTRL_SHIFT, Key::S)],
    ),
    key(
        Group::Files,
        "Ctrl+Q",
        "shortcut-quit",
        Act::Quit,
        &[ks(CTRL, Key::Q)],
    ),
    key(
        Group::Editing,
        "Ctrl+Shift+Z / Ctrl+Y",
        "shortcut-redo",
        Act::Redo,
        &[ks(CTRL_SHIFT, Key::Z), ks(CTRL, Key::Y)],
    ),
    key(
        Group::Editing,
        "Ctrl+Z",
        "shortcut-undo",
        Act::Undo,
        &[ks(CTRL, Key::Z)],
    ),
    key(
        Group::Editing,
        "Delete / Backspace",
        "shortcut-delete",
        Act::Delete,
        &[ks(NONE, Key::Delete), ks(NONE, Key::Backspace)],
    ),
    key(
        Group::Editing,
        "R",
        "shortcut-start-relation",
        Act::StartRelation,
        &[ks(NONE, Key::R)],
    ),
    info(Group::Editing, "mouse-resize", "shortcut-resize"),
    key(
        Group::Editing,
        "Ctrl+,",
        "shortcut-settings",
        Act::Settings,
        &[ks(CTRL, Key::Comma)],
    ),
    info(Group::Labelling, "mouse-drag", "shortcut-drag"),
    info(Group::Labelling, "mouse-alt-drag", "shortcut-alt-drag"),
    info(
        Group::Labelling,
        "mouse-double-click",
        "shortcut-double-click",
    ),
    info(Group::Labelling, "mouse-click", "shortcut-click"),
    info(
        Group::Labelling,
        "Left / Right, Ctrl+Left / Right",
        "shortcut-caret",
    ),
    info(
        Group::Labelling,
        "Shift+Left / Shift+Right",
        "shortcut-extend-grapheme",
    ),
    info(
        Group::Labelling,
        "Ctrl+Shift+Left / Right",
        "shortcut-extend-word",
    ),
    info(Group::Labelling, "Ctrl+A", "shortcut-select-all"),
    info(Group::Labelling, "Ctrl+C", "shortcut-copy"),
    info(Group::Labelling, "1 … 9", "shortcut-label-keys"),
    info(Group::Labelling, "Esc", "shortcut-escape"),
    info(Group::Moving, "Tab / Shift+Tab", "shortcut-tab-annotations"),
    info(Group::Moving, "Up / Down", "shortcut-scroll-line"),
    info(Group::Moving, "Page Up / Page Down", "shortcut-scroll-page"),
    info(Group::Moving, "Ctrl+Home / Ctrl+End", "shortcut-top-end"),
    key(
        Group::Moving,
        "Alt+Up",
        "shortcut-previous-document",
        Act::PreviousDocument,
        &[ks(Modifiers::ALT, Key::ArrowUp)],
    ),
    key(
        Group::Moving,
        "Alt+Down",
        "shortcut-next-document",
        Act::NextDocument,
        &[ks(Modifiers::ALT, Key::ArrowDown)],
    ),
    key(
        Group::Search,
        "Ctrl+Shift+F",
        "shortcut-find-all",
        Act::FindAll,
        &[ks(CTRL_SHIFT, Key::F)],
    ),
    key(
        Group::Search,
        "Ctrl+F",
        "shortcut-find",
        Act::Find,
        &[ks(CTRL, Key::F)],
    ),
    key(
        Group::Search,
        "Shift+F3",
        "shortcut-previous-match",
        Act::PreviousMatch,
        &[ks(Modifiers::SHIFT, Key::F3)],
    ),
    key(
        Group::Search,
        "F3",
        "shortcut-next-match",
        Act::NextMatch,
        &[ks(NONE, Key::F3)],
    ),
    info(
        Group::Search,
        "Enter / Shift+Enter",
        "shortcut-search-field",
    ),
    key(
        Group::Search,
        "Ctrl+Shift+L",
        "shortcut-label-all",
        Act::LabelAll,
        &[ks(CTRL_SHIFT, Key::L)],
    ),
    info(Group::Suggestions, "Enter / A, X", "shortcut-suggestion"),
    info(
        Group::Suggestions,
        "mouse-entity-enter",
        "shortcut-entity-enter",
    ),
    key(
        Group::View,
        "Ctrl+= / Ctrl++",
        "shortcut-zoom-in",
        Act::ZoomIn,
        &[ks(CTRL, Key::Equals), ks(CTRL, Key::Plus)],
    ),
    key(
        Group::View,
        "Ctrl+-",
        "shortcut-zoom-out",
        Act::ZoomOut,
        &[ks(CTRL, Key::Minus)],
    ),
    key(
        Group::View,
        "Ctrl+0",
        "shortcut-zoom-reset",
        Act::ZoomReset,
        &[ks(CTRL, Key::Num0)],
    ),
    key(
        Group::View,
        "Ctrl+Shift+U",
        "shortcut-curation",
        Act::Curation,
        &[ks(CTRL_SHIFT, Key::U)],
    ),
    key(
        Group::View,
        "Ctrl+Shift+T",
        "shortcut-toggle-theme",
        Act::ToggleTheme,
        &[ks(CTRL_SHIFT, Key::T)],
    ),
    key(
        Group::View,
        "F6",
        "shortcut-focus-controls",
        Act::FocusControls,
        &[ks(NONE, Key::F6)],
    ),
    info(Group::TextFields, "Left / Right", "shortcut-field-arrows"),
    info(Group::TextFields, "Home / End", "shortcut-field-home-end"),
    info(
        Group::TextFields,
        "Backspace / Delete",
        "shortcut-field-delete",
    ),
    info(Group::TextFields, "Ctrl+Z / Ctrl+Y", "shortcut-field-undo"),
    info(
        Group::TextFields,
        "Ctrl+A, Ctrl+C / X / V",
        "shortcut-field-clipboard",
    ),
    info(Group::TextFields, "Tab, Esc", "shortcut-field-leave"),
    key(
        Group::Help,
        "F1",
        "shortcut-shortcuts",
        Act::Shortcuts,
        &[ks(NONE, Key::F1)],
    ),
];

/// The table's row for `act`.
///
/// # Panics
/// Never for an [`Act`]: a unit test checks every one has exactly one row.
pub fn shortcut(act: Act) -> &'static Shortcut {
    SHORTCUTS
        .iter()
        .find(|s| s.act == Some(act))
        .expect("every Act has a row in SHORTCUTS (unit test)")
}

/// The keys of `act` as shown (the menus' hint).
pub fn keys_of(act: Act) -> &'static str {
    shortcut(act).keys
}

/// Consumes one press of any of `act`'s key combinations; returns whether there was one.
/// Modifiers match as [`InputState::consume_shortcut`] does (extra Shift and Alt are ignored),
/// so ask for the combinations with more modifiers first.
pub fn pressed(input: &mut InputState, act: Act) -> bool {
    shortcut(act)
        .bindings
        .iter()
        .any(|b| input.consume_shortcut(b))
}

/// The rows of `group`, in listing order.
pub fn in_group(group: Group) -> impl Iterator<Item = &'static Shortcut> {
    SHORTCUTS.iter().filter(move |s| s.group == group)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTS: [Act; 26] = [
        Act::OpenFolder,
        Act::OpenProject,
        Act::Export,
        Act::ImportAnnotations,
        Act::ApplyGazetteer,
        Act::SaveCopy,
        Act::Quit,
        Act::Undo,
        Act::Redo,
        Act::Delete,
        Act::StartRelation,
        Act::Settings,
        Act::Find,
        Act::FindAll,
        Act::NextMatch,
        Act::PreviousMatch,
        Act::LabelAll,
        Act::PreviousDocument,
        Act::NextDocument,
        Act::ZoomIn,
        Act::ZoomOut,
        Act::ZoomReset,
        Act::ToggleTheme,
        Act::FocusControls,
        Act::Shortcuts,
        Act::Curation,
    ];

    #[test]
    fn every_action_has_one_row_with_keys_and_no_combination_is_used_twice() {
        for act in ACTS {
            let rows: Vec<_> = SHORTCUTS.iter().filter(|s| s.act == Some(act)).collect();
            assert_eq!(rows.len(), 1, "{act:?}");
            assert!(!rows[0].bindings.is_empty(), "{act:?} has keys");
        }
        assert_eq!(
            SHORTCUTS.iter().filter(|s| s.act.is_some()).count(),
            ACTS.len()
        );
        let all: Vec<KeyboardShortcut> = SHORTCUTS
            .iter()
            .flat_map(|s| s.bindings.iter().copied())
            .collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a:?} twice");
        }
    }

    #[test]
    fn zoom_keys_are_the_browser_ones() {
        // Issue 13: Ctrl+= / Ctrl+- / Ctrl+0.
        let binds = |act| shortcut(act).bindings;
        assert!(
            binds(Act::ZoomIn).contains(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals))
        );
        assert!(
            binds(Act::ZoomOut).contains(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus))
        );
        assert!(
            binds(Act::ZoomReset).contains(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0))
        );
    }

    #[test]
    fn every_row_is_in_a_listed_group() {
        let listed: usize = Group::ALL.iter().map(|&g| in_group(g).count()).sum();
        assert_eq!(listed, SHORTCUTS.len());
        for g in Group::ALL {
            assert!(in_group(g).next().is_some(), "{g:?} has rows");
        }
    }
}
