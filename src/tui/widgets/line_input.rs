//! A line of text being typed, with its cursor: the filter line and every prompt. Edits
//! keep the cursor on a character boundary; pasted text has its control characters made
//! spaces (a line holds no line break).

use crate::tui::widgets::wrap::{truncate, width};
use dossier_core::text::sanitize::terminal_line;

/// An edit of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Type a character at the cursor.
    Insert(char),
    /// Paste text at the cursor.
    Paste(String),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Delete everything before the cursor.
    Clear,
    /// Cursor one character left.
    Left,
    /// Cursor one character right.
    Right,
    /// Cursor to the start.
    Home,
    /// Cursor to the end.
    End,
}

/// The text typed and the cursor (a byte offset, always on a character boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, as a byte offset into the text.
    pub fn cursor(&self) -> usize {
        self.cursor.min(self.text.len())
    }

    /// True when nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Replaces the text; the cursor goes to its end.
    pub fn set(&mut self, text: &str) {
        *self = LineInput::new(text);
    }

    /// The cursor to the end.
    pub fn to_end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Applies an edit; returns true when the text changed (not only the cursor).
    pub fn edit(&mut self, edit: Edit) -> bool {
        let at = self.cursor();
        let text = &mut self.text;
        match edit {
            Edit::Insert(c) => {
                text.insert(at, c);
                self.cursor = at + c.len_utf8();
            }
            Edit::Paste(pasted) => {
                let clean: String = pasted
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                text.insert_str(at, &clean);
                self.cursor = at + clean.len();
            }
            Edit::Backspace if at > 0 => {
                let start = prev_boundary(text, at);
                text.replace_range(start..at, "");
                self.cursor = start;
            }
            Edit::Delete if at < text.len() => {
                let end = next_boundary(text, at);
                text.replace_range(at..end, "");
            }
            Edit::DeleteWord => {
                let start = text[..at].trim_end().rfind(' ').map_or(0, |i| i + 1);
                text.replace_range(start..at, "");
                self.cursor = start;
            }
            Edit::Clear => {
                text.replace_range(..at, "");
                self.cursor = 0;
            }
            Edit::Left => {
                self.cursor = prev_boundary(text, at);
                return false;
            }
            Edit::Right => {
                self.cursor = next_boundary(text, at);
                return false;
            }
            Edit::Home => {
                self.cursor = 0;
                return false;
            }
            Edit::End => {
                self.cursor = text.len();
                return false;
            }
            Edit::Backspace | Edit::Delete => return false,
        }
        true
    }

    /// The part of the text to show in `room` columns so that the cursor stays in view
    /// (made safe for the terminal), and the cursor's column within it.
    pub fn window(&self, room: usize) -> (String, usize) {
        let cursor = self.cursor();
        let before = terminal_line(&self.text[..cursor]).into_owned();
        let after = terminal_line(&self.text[cursor..]).into_owned();
        let mut head: Vec<char> = before.chars().collect();
        while width(&head.iter().collect::<String>()) >= room.max(1) && !head.is_empty() {
            head.remove(0);
        }
        let head: String = head.into_iter().collect();
        let column = width(&head);
        let tail = truncate(&after, room.saturating_sub(column));
        (format!("{head}{tail}"), column)
    }
}

fn prev_boundary(text: &str, at: usize) -> usize {
    text[..at].char_indices().last().map_or(0, |(i, _)| i)
}

fn next_boundary(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_the_cursor_on_characters() {
        let mut l = LineInput::new("été");
        assert!(l.edit(Edit::Backspace));
        assert_eq!((l.text(), l.cursor()), ("ét", 3));
        l.edit(Edit::Home);
        assert!(!l.edit(Edit::Backspace), "nothing before the cursor");
        l.edit(Edit::Right);
        l.edit(Edit::Insert('x'));
        assert_eq!(l.text(), "éxt");
        l.edit(Edit::End);
        l.edit(Edit::Paste("a\nb".into()));
        assert_eq!(l.text(), "éxta b");
        l.edit(Edit::DeleteWord);
        assert_eq!(l.text(), "éxta ");
        l.edit(Edit::Clear);
        assert!(l.is_empty());
    }
}
