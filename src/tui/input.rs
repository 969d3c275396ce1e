//! A one-line text input with a cursor and history (the filter bars).

use unicode_segmentation::UnicodeSegmentation;

use super::action::Action;

#[derive(Debug, Clone, Default)]
pub struct Input {
    pub text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    pub cursor: usize,
    history: Vec<String>,
    /// Position while browsing history; `None` when editing the current line.
    history_pos: Option<usize>,
}

impl Input {
    /// Applies an editing action; returns true when the text changed.
    pub fn apply(&mut self, action: &Action) -> bool {
        let before = self.text.len();
        let old = self.text.clone();
        match action {
            Action::Insert(c) => {
                self.text.insert(self.cursor, *c);
                self.cursor += c.len_utf8();
            }
            Action::DeleteBack => {
                if let Some(prev) = self.prev_boundary() {
                    self.text.replace_range(prev..self.cursor, "");
                    self.cursor = prev;
                }
            }
            Action::DeleteForward => {
                if let Some(next) = self.next_boundary() {
                    self.text.replace_range(self.cursor..next, "");
                }
            }
            Action::DeleteWord => {
                let head = &self.text[..self.cursor];
                let trimmed = head.trim_end();
                let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::ClearInput => self.set(""),
            Action::CursorLeft => self.cursor = self.prev_boundary().unwrap_or(self.cursor),
            Action::CursorRight => self.cursor = self.next_boundary().unwrap_or(self.cursor),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.text.len(),
            Action::HistoryPrev => {
                let pos = match self.history_pos {
                    None => self.history.len().checked_sub(1),
                    Some(p) => p.checked_sub(1).or(Some(p)),
                };
                if let Some(p) = pos {
                    self.history_pos = Some(p);
                    let entry = self.history[p].clone();
                    self.set(&entry);
                }
            }
            Action::HistoryNext => match self.history_pos {
                Some(p) if p + 1 < self.history.len() => {
                    self.history_pos = Some(p + 1);
                    let entry = self.history[p + 1].clone();
                    self.set(&entry);
                }
                Some(_) => {
                    self.history_pos = None;
                    self.set("");
                }
                None => {}
            },
            _ => return false,
        }
        if !matches!(action, Action::HistoryPrev | Action::HistoryNext) && self.text != old {
            self.history_pos = None;
        }
        self.text.len() != before || self.text != old
    }

    pub fn set(&mut self, text: &str) {
        self.text = text.to_owned();
        self.cursor = self.text.len();
    }

    /// Remembers the current text (on submit or when leaving the bar).
    pub fn remember(&mut self) {
        let text = self.text.trim();
        if !text.is_empty() && self.history.last().map(String::as_str) != Some(text) {
            self.history.push(text.to_owned());
        }
        self.history_pos = None;
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map(|g| self.cursor + g.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> Input {
        let mut input = Input::default();
        for c in s.chars() {
            input.apply(&Action::Insert(c));
        }
        input
    }

    #[test]
    fn editing_is_grapheme_safe() {
        let mut input = typed("Qāsem e\u{301}");
        input.apply(&Action::DeleteBack);
        assert_eq!(input.text, "Qāsem ");
        input.apply(&Action::CursorHome);
        input.apply(&Action::CursorRight);
        input.apply(&Action::DeleteForward);
        assert_eq!(input.text, "Qsem ");
    }

    #[test]
    fn delete_word_and_history() {
        let mut input = typed("kerry iran");
        input.apply(&Action::DeleteWord);
        assert_eq!(input.text, "kerry ");
        input.remember();
        input.apply(&Action::ClearInput);
        input.apply(&Action::HistoryPrev);
        assert_eq!(input.text, "kerry");
        input.apply(&Action::HistoryNext);
        assert_eq!(input.text, "");
    }
}
