//! The editing state of a text field, without a display: the text, a caret and a selection
//! anchor as char offsets, an undo history, and an IME composition. Every operation is pure
//! state change, so it is tested without egui; visual caret movement (which needs a layout) is
//! in [`super::caret`], and the widget that paints and feeds events is `ui::text_input`.
//!
//! Every position is a char offset (Unicode scalar value index) into [`EditState::text`].
//! Deleting works on grapheme clusters as the view understands them
//! ([`super::measure::grapheme_char_ranges`]: UAX #29, a tatweel kept with the letter before it),
//! so Backspace never strands a haraka or splits a base letter from its marks.

use super::measure::grapheme_char_ranges;
use super::paragraphs::is_paragraph_separator;
use super::words;
use std::ops::Range;

/// Most undo steps a field keeps.
const UNDO_LIMIT: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Snapshot {
    text: String,
    caret: usize,
    anchor: usize,
}

/// What the last change was, so that typing a word is one undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LastEdit {
    None,
    /// Typing; `true` once the run has reached white space (the next letter starts a new step).
    Typing(bool),
    Backspace,
    Delete,
}

/// A text being edited: text, caret (the moving end of the selection), anchor (its fixed end),
/// undo and redo stacks, and the IME composition shown but not yet committed.
#[derive(Clone, Debug)]
pub struct EditState {
    text: String,
    multiline: bool,
    caret: usize,
    anchor: usize,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    last: LastEdit,
    preedit: Option<String>,
}

impl EditState {
    /// A state holding `text`, the caret at its end. A single-line state turns paragraph
    /// separators it is given into spaces.
    pub fn new(text: &str, multiline: bool) -> Self {
        let text = clean(text, multiline);
        let n = text.chars().count();
        Self {
            text,
            multiline,
            caret: n,
            anchor: n,
            undo: Vec::new(),
            redo: Vec::new(),
            last: LastEdit::None,
            preedit: None,
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of chars in the text.
    pub fn char_count(&self) -> usize {
        self.text.chars().count()
    }

    /// The caret: the moving end of the selection, a char offset.
    pub fn caret(&self) -> usize {
        self.caret
    }

    /// The fixed end of the selection, a char offset (equal to the caret when nothing is selected).
    pub fn anchor(&self) -> usize {
        self.anchor
    }

    /// The selection as a logical char range, end-exclusive (empty when nothing is selected).
    pub fn selection(&self) -> Range<usize> {
        self.caret.min(self.anchor)..self.caret.max(self.anchor)
    }

    /// The selected text.
    pub fn selected_text(&self) -> String {
        slice(&self.text, self.selection())
    }

    /// Replaces the whole text from outside (the field's value changed elsewhere): the caret goes
    /// to the end and the undo history is forgotten.
    pub fn set_text(&mut self, text: &str) {
        *self = Self::new(text, self.multiline);
    }

    /// Moves the caret to `i` (clamped to the text); with `extend` the anchor stays, so the
    /// selection grows or shrinks, else the selection collapses to the caret.
    pub fn set_caret(&mut self, i: usize, extend: bool) {
        self.caret = i.min(self.char_count());
        if !extend {
            self.anchor = self.caret;
        }
        self.last = LastEdit::None;
    }

    /// Selects `range` (char offsets, clamped): the anchor at its start, the caret at its end.
    pub fn select(&mut self, range: Range<usize>) {
        let n = self.char_count();
        self.anchor = range.start.min(n);
        self.caret = range.end.min(n);
        self.last = LastEdit::None;
    }

    /// Selects the whole text.
    pub fn select_all(&mut self) {
        self.select(0..self.char_count());
    }

    /// Selects the word holding char `i` (UAX #29 words, see [`words::word_at`]).
    pub fn select_word_at(&mut self, i: usize) {
        let n = self.char_count();
        if n == 0 {
            return;
        }
        let w = words::word_at(&self.text, i.min(n - 1));
        self.select(w.start..w.end.min(n));
    }

    /// The grapheme boundary before `i` (0 at the start).
    pub fn prev_boundary(&self, i: usize) -> usize {
        grapheme_char_ranges(&self.text)
            .into_iter()
            .map(|g| g.start)
            .rfind(|&s| s < i)
            .unwrap_or(0)
    }

    /// The grapheme boundary after `i` (the char count at the end).
    pub fn next_boundary(&self, i: usize) -> usize {
        grapheme_char_ranges(&self.text)
            .into_iter()
            .map(|g| g.end)
            .find(|&e| e > i)
            .unwrap_or_else(|| self.char_count())
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            text: self.text.clone(),
            caret: self.caret,
            anchor: self.anchor,
        }
    }

    /// Records an undo step before a change of kind `kind`, unless it continues the last one.
    fn record(&mut self, kind: LastEdit) {
        let continues = matches!(
            (self.last, kind),
            (LastEdit::Typing(false), LastEdit::Typing(_))
                | (LastEdit::Typing(true), LastEdit::Typing(true))
                | (LastEdit::Backspace, LastEdit::Backspace)
                | (LastEdit::Delete, LastEdit::Delete)
        );
        if !continues {
            self.undo.push(self.snapshot());
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last = kind;
    }

    /// Replaces `range` with `with` (already cleaned) and puts the caret after it.
    fn splice(&mut self, range: Range<usize>, with: &str) {
        let b0 = byte_of(&self.text, range.start);
        let b1 = byte_of(&self.text, range.end);
        self.text.replace_range(b0..b1, with);
        self.caret = range.start + with.chars().count();
        self.anchor = self.caret;
    }

    /// Inserts `s` at the caret, replacing the selection (typing, pasting, an IME commit). A
    /// single-line state turns paragraph separators into spaces; other C0 controls but tab are
    /// dropped. One undo step per typed word; a paste is a step of its own.
    pub fn insert(&mut self, s: &str) {
        let s = clean(s, self.multiline);
        if s.is_empty() {
            return;
        }
        let typed = s.chars().count() == 1 && self.selection().is_empty();
        // White space joins the word before it; the next letter starts a new step.
        self.record(if typed {
            LastEdit::Typing(s.chars().all(char::is_whitespace))
        } else {
            LastEdit::None
        });
        self.splice(self.selection(), &s);
    }

    /// Deletes the selection, or the grapheme before the caret (Backspace). Returns whether
    /// anything was deleted.
    pub fn backspace(&mut self) -> bool {
        let sel = self.selection();
        if !sel.is_empty() {
            self.record(LastEdit::None);
            self.splice(sel, "");
            return true;
        }
        if self.caret == 0 {
            return false;
        }
        let from = self.prev_boundary(self.caret);
        self.record(LastEdit::Backspace);
        self.splice(from..self.caret, "");
        true
    }

    /// Deletes the selection, or the grapheme after the caret (Delete). Returns whether anything
    /// was deleted.
    pub fn delete(&mut self) -> bool {
        let sel = self.selection();
        if !sel.is_empty() {
            self.record(LastEdit::None);
            self.splice(sel, "");
            return true;
        }
        if self.caret >= self.char_count() {
            return false;
        }
        let to = self.next_boundary(self.caret);
        self.record(LastEdit::Delete);
        self.splice(self.caret..to, "");
        true
    }

    /// Deletes from the caret to the previous (`forward = false`) or next word edge in logical
    /// order (Ctrl+Backspace, Ctrl+Delete), or the selection if there is one.
    pub fn delete_word(&mut self, forward: bool) -> bool {
        if !self.selection().is_empty() {
            return self.backspace();
        }
        let edge = words::next_word_edge(&self.text, self.caret, forward);
        let range = self.caret.min(edge)..self.caret.max(edge);
        if range.is_empty() {
            return false;
        }
        self.record(LastEdit::None);
        self.splice(range, "");
        true
    }

    /// Removes the selection and returns it (Cut); `None` when nothing is selected.
    pub fn cut(&mut self) -> Option<String> {
        let sel = self.selection();
        if sel.is_empty() {
            return None;
        }
        let out = self.selected_text();
        self.record(LastEdit::None);
        self.splice(sel, "");
        Some(out)
    }

    /// Deletes `before` chars before the caret and `after` chars after it (an IME's
    /// DeleteSurrounding request), clamped to the text.
    pub fn delete_surrounding(&mut self, before: usize, after: usize) {
        let range = self.caret.saturating_sub(before)..(self.caret + after).min(self.char_count());
        if range.is_empty() {
            return;
        }
        self.record(LastEdit::None);
        self.splice(range, "");
    }

    /// Undoes the last step; returns whether there was one.
    pub fn undo(&mut self) -> bool {
        let Some(prev) = self.undo.pop() else {
            return false;
        };
        self.redo.push(self.snapshot());
        self.restore(prev);
        true
    }

    /// Redoes the last undone step; returns whether there was one.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo.push(self.snapshot());
        self.restore(next);
        true
    }

    fn restore(&mut self, s: Snapshot) {
        self.text = s.text;
        self.caret = s.caret;
        self.anchor = s.anchor;
        self.last = LastEdit::None;
        self.preedit = None;
    }

    /// Sets the IME composition shown at the caret (not part of the text until committed); an
    /// empty string ends it.
    pub fn set_preedit(&mut self, s: &str) {
        self.preedit = (!s.is_empty()).then(|| clean(s, self.multiline));
    }

    /// Commits an IME composition: inserted like typed text, the composition ends.
    pub fn commit(&mut self, s: &str) {
        self.preedit = None;
        self.insert(s);
    }

    /// The IME composition under way, if any.
    pub fn preedit(&self) -> Option<&str> {
        self.preedit.as_deref()
    }

    /// The text as shown: the composition, if any, inserted at the caret (replacing nothing: the
    /// selection stays until the commit). Returns the text and the composition's char range in it.
    pub fn display_text(&self) -> (String, Option<Range<usize>>) {
        match &self.preedit {
            None => (self.text.clone(), None),
            Some(p) => {
                let b = byte_of(&self.text, self.caret);
                let mut s = String::with_capacity(self.text.len() + p.len());
                s.push_str(&self.text[..b]);
                s.push_str(p);
                s.push_str(&self.text[b..]);
                let n = p.chars().count();
                (s, Some(self.caret..self.caret + n))
            }
        }
    }

    /// Can the last step be undone?
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}

/// Byte offset of char `i` in `s` (the length at or past the end).
fn byte_of(s: &str, i: usize) -> usize {
    s.char_indices().nth(i).map_or(s.len(), |(b, _)| b)
}

fn slice(s: &str, r: Range<usize>) -> String {
    s.chars().skip(r.start).take(r.len()).collect()
}

/// Text as a field may hold it: CR LF and other paragraph separators become `\n` (multi-line)
/// or a space (single line); other C0 controls but tab are dropped.
fn clean(s: &str, multiline: bool) -> String {
    let s = s.replace("\r\n", "\n");
    s.chars()
        .filter_map(|c| {
            if is_paragraph_separator(c) {
                Some(if multiline { '\n' } else { ' ' })
            } else if c.is_control() && c != '\t' {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> EditState {
        let mut e = EditState::new("", true);
        for c in s.chars() {
            e.insert(&c.to_string());
        }
        e
    }

    #[test]
    fn typing_inserts_at_the_caret_and_replaces_the_selection() {
        let mut e = typed("عدد 123 مرحبا");
        assert_eq!(e.caret(), 13);
        e.set_caret(10, false);
        e.insert("x");
        assert_eq!(e.text(), "عدد 123 مرxحبا");
        assert_eq!(e.caret(), 11);
        e.select(0..3);
        e.insert("رقم");
        assert_eq!(e.text(), "رقم 123 مرxحبا");
        assert_eq!((e.caret(), e.anchor()), (3, 3));
    }

    #[test]
    fn backspace_and_delete_remove_whole_graphemes() {
        // "مُحمّد": meem + damma, hah, meem + shadda, dal: four graphemes, six chars.
        let mut e = EditState::new("مُحمّد", false);
        assert!(e.backspace());
        assert_eq!(e.text(), "مُحمّ");
        assert!(e.backspace());
        assert_eq!(e.text(), "مُح", "meem and its shadda go together");
        e.set_caret(0, false);
        assert!(e.delete());
        assert_eq!(e.text(), "ح", "meem and its damma go together");
        assert!(!e.backspace(), "nothing before the start");
        // At the boundary between an Arabic run and a number, Backspace takes the char before
        // the caret in logical order, whatever is drawn next to it.
        let mut e = EditState::new("من 200 ألف", false);
        e.set_caret(6, false);
        assert!(e.backspace());
        assert_eq!(e.text(), "من 20 ألف");
        e.set_caret(3, false);
        assert!(e.backspace());
        assert_eq!(e.text(), "من20 ألف");
    }

    #[test]
    fn undo_and_redo_go_word_by_word() {
        let mut e = typed("سجن صيدنايا");
        assert!(e.undo());
        assert_eq!(e.text(), "سجن ");
        assert!(e.undo());
        assert_eq!(e.text(), "");
        assert!(!e.undo());
        assert!(e.redo());
        assert_eq!(e.text(), "سجن ");
        assert!(e.redo());
        assert_eq!(e.text(), "سجن صيدنايا");
        assert_eq!(e.caret(), 11);
        // A change after an undo drops the redo stack.
        e.undo();
        e.insert("ع");
        assert!(!e.redo());
        assert_eq!(e.text(), "سجن ع");
    }

    #[test]
    fn backspaces_in_a_row_are_one_step_and_a_paste_is_its_own() {
        let mut e = typed("abc");
        e.backspace();
        e.backspace();
        assert_eq!(e.text(), "a");
        e.undo();
        assert_eq!(e.text(), "abc");
        e.insert("نص ملصوق");
        e.undo();
        assert_eq!(e.text(), "abc");
    }

    #[test]
    fn cut_copy_and_select() {
        let mut e = EditState::new("قال ICRC اليوم", false);
        e.select_word_at(5);
        assert_eq!(e.selected_text(), "ICRC");
        assert_eq!(e.cut().as_deref(), Some("ICRC"));
        assert_eq!(e.text(), "قال  اليوم");
        assert_eq!(e.cut(), None);
        e.undo();
        assert_eq!(e.text(), "قال ICRC اليوم");
        e.select_all();
        assert_eq!(e.selection(), 0..14);
        e.set_caret(2, true);
        assert_eq!((e.anchor(), e.caret()), (0, 2));
        assert_eq!(e.selected_text(), "قا");
    }

    #[test]
    fn single_line_turns_line_breaks_into_spaces() {
        let mut e = EditState::new("a\r\nb", false);
        assert_eq!(e.text(), "a b");
        e.insert("c\nd\u{7}");
        assert_eq!(e.text(), "a bc d");
        let mut m = EditState::new("a\r\nb", true);
        m.insert("\n");
        assert_eq!(m.text(), "a\nb\n");
    }

    #[test]
    fn ime_composition_is_shown_then_committed() {
        let mut e = EditState::new("سجن ", false);
        e.set_preedit("ص");
        assert_eq!(e.text(), "سجن ");
        assert_eq!(e.display_text(), ("سجن ص".to_owned(), Some(4..5)));
        e.commit("صيدنايا");
        assert_eq!(e.text(), "سجن صيدنايا");
        assert_eq!(e.preedit(), None);
        e.delete_surrounding(3, 5);
        assert_eq!(e.text(), "سجن صيدن");
        e.set_caret(2, false);
        e.delete_surrounding(1, 1);
        assert_eq!(e.text(), "س صيدن");
    }

    #[test]
    fn word_deletion_follows_logical_word_edges() {
        let mut e = EditState::new("سجن صيدنايا العسكري", false);
        assert!(e.delete_word(false));
        assert_eq!(e.text(), "سجن صيدنايا ");
        e.set_caret(0, false);
        assert!(e.delete_word(true));
        assert_eq!(e.text(), " صيدنايا ");
    }
}
