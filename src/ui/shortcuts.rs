//! Every keyboard shortcut of the app in one table: the key handlers ask it whether an action's
//! keys were pressed ([`pressed`]), the menus take their key hints from it ([`keys_of`]), and the
//! F1 window lists it by group, so the three cannot drift apart.
//!
//! The texts are plain English and kept here only, for translation.

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

    /// The group's heading in the F1 window.
    pub fn title(self) -> &'static str {
        match self {
            Group::Files => "Files",
            Group::Editing => "Editing",
            Group::Labelling => "Selecting and labelling",
            Group::Moving => "Moving around",
            Group::Search => "Search",
            Group::Suggestions => "Suggestions and entities",
            Group::View => "View and reading",
            Group::TextFields => "In a text field",
            Group::Help => "Help",
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
}

/// One row of the F1 list: the keys as shown, what they do, and, when the app-wide handler
/// acts on them, the action with the key combinations it accepts.
#[derive(Clone, Copy, Debug)]
pub struct Shortcut {
    /// Where it is listed.
    pub group: Group,
    /// The keys as shown (also the menus' hint).
    pub keys: &'static str,
    /// What they do.
    pub what: &'static str,
    /// The action, for the rows the app-wide handler runs.
    pub act: Option<Act>,
    /// The key combinations that run `act`, tried in this order.
    pub bindings: &'static [KeyboardShortcut],
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
        "Open a folder of .txt documents",
        Act::OpenFolder,
        &[ks(CTRL, Key::O)],
    ),
    key(
        Group::Files,
        "Ctrl+Shift+O",
        "Open a project (.sanad)",
        Act::OpenProject,
        &[ks(CTRL_SHIFT, Key::O)],
    ),
    key(
        Group::Files,
        "Ctrl+E",
        "Export… (choose the format)",
        Act::Export,
        &[ks(CTRL, Key::E)],
    ),
    key(
        Group::Files,
        "Ctrl+I",
        "Import annotations (brat, doccano, Label Studio, WebAnno TSV, CoNLL, Sanad JSONL)",
        Act::ImportAnnotations,
        &[ks(CTRL, Key::I)],
    ),
    key(
        Group::Files,
        "Ctrl+G",
        "Apply a gazetteer (a list of known names)",
        Act::ApplyGazetteer,
        &[ks(CTRL, Key::G)],
    ),
    key(
        Group::Files,
        "Ctrl+Shift+S",
        "Save a copy of the project",
        Act::SaveCopy,
        &[ks(CTRL_SHIFT, Key::S)],
    ),
    key(
        Group::Files,
        "Ctrl+Q",
        "Quit",
        Act::Quit,
        &[ks(CTRL, Key::Q)],
    ),
    key(
        Group::Editing,
        "Ctrl+Shift+Z / Ctrl+Y",
        "Redo",
        Act::Redo,
        &[ks(CTRL_SHIFT, Key::Z), ks(CTRL, Key::Y)],
    ),
    key(
        Group::Editing,
        "Ctrl+Z",
        "Undo",
        Act::Undo,
        &[ks(CTRL, Key::Z)],
    ),
    key(
        Group::Editing,
        "Delete / Backspace",
        "Delete the selected annotation",
        Act::Delete,
        &[ks(NONE, Key::Delete), ks(NONE, Key::Backspace)],
    ),
    key(
        Group::Editing,
        "R",
        "Start a relation from the selected annotation; then click its target",
        Act::StartRelation,
        &[ks(NONE, Key::R)],
    ),
    info(
        Group::Editing,
        "Start ±1, End ±1",
        "Inspector buttons: move the selected annotation's start or end by one grapheme",
    ),
    key(
        Group::Editing,
        "Ctrl+,",
        "Settings: annotator name, reading (font size, line spacing, theme), labels, scheme",
        Act::Settings,
        &[ks(CTRL, Key::Comma)],
    ),
    info(
        Group::Labelling,
        "Drag",
        "Select a span: whole words at both ends (logical range between press and release)",
    ),
    info(
        Group::Labelling,
        "Alt+Drag",
        "Select a span letter by letter (grapheme clusters), without snapping to words",
    ),
    info(Group::Labelling, "Double-click", "Select a word"),
    info(
        Group::Labelling,
        "Click",
        "Place the caret, or select the highlight under it (again: the next stacked one)",
    ),
    info(
        Group::Labelling,
        "Left / Right, Ctrl+Left / Right",
        "Move the caret in the document by a grapheme / a word, in the direction you see (it starts at the first line in view)",
    ),
    info(
        Group::Labelling,
        "Shift+Left / Shift+Right",
        "Extend the selection by one grapheme, in the direction you see",
    ),
    info(
        Group::Labelling,
        "Ctrl+Shift+Left / Right",
        "Extend the selection by a word, in the direction you see",
    ),
    info(Group::Labelling, "Ctrl+A", "Select the whole document"),
    info(
        Group::Labelling,
        "Ctrl+C",
        "Copy the selection's logical text",
    ),
    info(
        Group::Labelling,
        "1 … 9",
        "Label the selection, or relabel the selected annotation (the key shown on each label)",
    ),
    info(
        Group::Labelling,
        "Esc",
        "Close the open window; else cancel a relation or clear the selection",
    ),
    info(
        Group::Moving,
        "Tab / Shift+Tab",
        "Select the next / previous annotation and scroll to it (while no control has the focus)",
    ),
    info(Group::Moving, "Up / Down", "Scroll the document by a line"),
    info(
        Group::Moving,
        "Page Up / Page Down",
        "Scroll the document by a page",
    ),
    info(
        Group::Moving,
        "Ctrl+Home / Ctrl+End",
        "Go to the top / the end of the document",
    ),
    key(
        Group::Moving,
        "Alt+Up",
        "Previous document in the list",
        Act::PreviousDocument,
        &[ks(Modifiers::ALT, Key::ArrowUp)],
    ),
    key(
        Group::Moving,
        "Alt+Down",
        "Next document in the list",
        Act::NextDocument,
        &[ks(Modifiers::ALT, Key::ArrowDown)],
    ),
    key(
        Group::Search,
        "Ctrl+Shift+F",
        "Find in every document of the project",
        Act::FindAll,
        &[ks(CTRL_SHIFT, Key::F)],
    ),
    key(
        Group::Search,
        "Ctrl+F",
        "Find in the shown document (Arabic-aware)",
        Act::Find,
        &[ks(CTRL, Key::F)],
    ),
    key(
        Group::Search,
        "Shift+F3",
        "Previous match",
        Act::PreviousMatch,
        &[ks(Modifiers::SHIFT, Key::F3)],
    ),
    key(
        Group::Search,
        "F3",
        "Next match",
        Act::NextMatch,
        &[ks(NONE, Key::F3)],
    ),
    info(
        Group::Search,
        "Enter / Shift+Enter",
        "In the search field: next / previous match",
    ),
    key(
        Group::Search,
        "Ctrl+Shift+L",
        "Label all matches: preview them, then again to label the ticked ones (one undo)",
        Act::LabelAll,
        &[ks(CTRL_SHIFT, Key::L)],
    ),
    info(
        Group::Suggestions,
        "Enter / A, X",
        "Accept (it becomes an annotation) / reject the selected gazetteer suggestion",
    ),
    info(
        Group::Suggestions,
        "Enter (entity panel)",
        "In Name: rename the entity; in New alias: add the alias (each one undo)",
    ),
    key(
        Group::View,
        "Ctrl+= / Ctrl++",
        "Zoom in (the whole interface; kept between runs)",
        Act::ZoomIn,
        &[ks(CTRL, Key::Equals), ks(CTRL, Key::Plus)],
    ),
    key(
        Group::View,
        "Ctrl+-",
        "Zoom out",
        Act::ZoomOut,
        &[ks(CTRL, Key::Minus)],
    ),
    key(
        Group::View,
        "Ctrl+0",
        "Zoom back to 100 %",
        Act::ZoomReset,
        &[ks(CTRL, Key::Num0)],
    ),
    key(
        Group::View,
        "Ctrl+Shift+T",
        "Switch between the light and the dark theme (Settings: follow the system)",
        Act::ToggleTheme,
        &[ks(CTRL_SHIFT, Key::T)],
    ),
    key(
        Group::View,
        "F6",
        "Move the keyboard focus to the menus and panels; then Tab / Shift+Tab go from control to control, Space or Enter presses, Esc gives the keyboard back to the document",
        Act::FocusControls,
        &[ks(NONE, Key::F6)],
    ),
    info(
        Group::TextFields,
        "Left / Right",
        "Move the caret one grapheme the way the arrow points on screen (Ctrl: a word; Shift: select)",
    ),
    info(
        Group::TextFields,
        "Home / End",
        "Start / end of the line in reading order: right / left edge of an Arabic line (Ctrl: of the whole text)",
    ),
    info(
        Group::TextFields,
        "Backspace / Delete",
        "Delete the grapheme before / after the caret in reading order (Ctrl: a word)",
    ),
    info(
        Group::TextFields,
        "Ctrl+Z / Ctrl+Y",
        "Undo / redo typing in the field, not the project (Ctrl+Shift+Z redoes too)",
    ),
    info(
        Group::TextFields,
        "Ctrl+A, Ctrl+C / X / V",
        "Select all, copy, cut, paste",
    ),
    info(
        Group::TextFields,
        "Tab, Esc",
        "Leave the field (a note is saved when you leave it)",
    ),
    key(
        Group::Help,
        "F1",
        "This list of shortcuts",
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

    const ACTS: [Act; 25] = [
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
