//! A small multi-line text editor for notes that wraps long lines to the window's width
//! (tui-textarea 0.7 scrolls them sideways): the text, a cursor, and the usual keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier_core::text::width::width;
use unicode_width::UnicodeWidthChar;

/// The text being edited and the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    lines: Vec<String>,
    /// Cursor line.
    row: usize,
    /// Cursor position in the line, in characters.
    col: usize,
}

impl Editor {
    /// An editor on `text`, the cursor at its end.
    pub fn new(text: &str) -> Editor {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        let row = lines.len() - 1;
        let col = lines[row].chars().count();
        Editor { lines, row, col }
    }

    /// The text.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The logical lines.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The cursor: line and character.
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    fn byte_at(&self, row: usize, col: usize) -> usize {
        self.lines[row]
            .char_indices()
            .nth(col)
            .map_or(self.lines[row].len(), |(i, _)| i)
    }

    fn len(&self, row: usize) -> usize {
        self.lines[row].chars().count()
    }

    /// Inserts text at the cursor (line breaks split the line).
    pub fn insert(&mut self, text: &str) {
        for (i, piece) in text.split('\n').enumerate() {
            if i > 0 {
                self.newline();
            }
            let clean: String = piece
                .chars()
                .filter(|c| !c.is_control() || *c == '\t')
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let at = self.byte_at(self.row, self.col);
            self.lines[self.row].insert_str(at, &clean);
            self.col += clean.chars().count();
        }
    }

    fn newline(&mut self) {
        let at = self.byte_at(self.row, self.col);
        let rest = self.lines[self.row].split_off(at);
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.col = 0;
    }

    fn backspace(&mut self) {
        if self.col > 0 {
            let start = self.byte_at(self.row, self.col - 1);
            let end = self.byte_at(self.row, self.col);
            self.lines[self.row].replace_range(start..end, "");
            self.col -= 1;
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.len(self.row);
            self.lines[self.row].push_str(&line);
        }
    }

    fn delete(&mut self) {
        if self.col < self.len(self.row) {
            let start = self.byte_at(self.row, self.col);
            let end = self.byte_at(self.row, self.col + 1);
            self.lines[self.row].replace_range(start..end, "");
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        }
    }

    fn delete_word(&mut self) {
        let chars: Vec<char> = self.lines[self.row].chars().collect();
        let mut start = self.col;
        while start > 0 && chars[start - 1] == ' ' {
            start -= 1;
        }
        while start > 0 && chars[start - 1] != ' ' {
            start -= 1;
        }
        if start == self.col {
            self.backspace();
            return;
        }
        let (a, b) = (
            self.byte_at(self.row, start),
            self.byte_at(self.row, self.col),
        );
        self.lines[self.row].replace_range(a..b, "");
        self.col = start;
    }

    /// Applies a key; returns false when the key means nothing to the editor.
    pub fn key(&mut self, key: &KeyEvent, cols: usize) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('a') if ctrl => self.col = 0,
            KeyCode::Char('e') if ctrl => self.col = self.len(self.row),
            KeyCode::Char('w') if ctrl => self.delete_word(),
            KeyCode::Char('k') if ctrl => {
                let at = self.byte_at(self.row, self.col);
                self.lines[self.row].truncate(at);
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => self.insert(&c.to_string()),
            KeyCode::Enter => self.newline(),
            KeyCode::Tab => self.insert("    "),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => {
                if self.col > 0 {
                    self.col -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = self.len(self.row);
                }
            }
            KeyCode::Right => {
                if self.col < self.len(self.row) {
                    self.col += 1;
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = 0;
                }
            }
            KeyCode::Up => self.vertical(-1, cols),
            KeyCode::Down => self.vertical(1, cols),
            KeyCode::Home => self.col = 0,
            KeyCode::End => self.col = self.len(self.row),
            _ => return false,
        }
        true
    }

    /// Moves up or down one screen line of the wrapped text.
    fn vertical(&mut self, delta: isize, cols: usize) {
        let layout = self.layout(cols);
        let (vrow, vcol) = layout.cursor;
        let target = vrow as isize + delta;
        if target < 0 || target as usize >= layout.rows.len() {
            return;
        }
        let row = &layout.rows[target as usize];
        // The character of that screen line nearest the cursor's column.
        let mut col = row.start;
        let mut used = 0;
        for c in self.lines[row.line]
            .chars()
            .skip(row.start)
            .take(row.end - row.start)
        {
            let w = c.width().unwrap_or(0);
            if used + w > vcol {
                break;
            }
            used += w;
            col += 1;
        }
        self.row = row.line;
        self.col = col;
    }

    /// The text wrapped to `cols` columns, and where the cursor is in it.
    pub fn layout(&self, cols: usize) -> Layout {
        let cols = cols.max(2);
        let mut rows = Vec::new();
        let mut cursor = (0, 0);
        for (n, line) in self.lines.iter().enumerate() {
            let chars: Vec<char> = line.chars().collect();
            let mut start = 0;
            loop {
                // Fill the screen line, breaking at the last space that fits.
                let mut end = start;
                let mut used = 0;
                let mut last_space = None;
                while end < chars.len() {
                    let w = chars[end].width().unwrap_or(0);
                    if used + w > cols - 1 {
                        break;
                    }
                    if chars[end] == ' ' {
                        last_space = Some(end);
                    }
                    used += w;
                    end += 1;
                }
                if end == start && start < chars.len() {
                    // A character wider than the window still takes a line of its own.
                    end = start + 1;
                }
                if end < chars.len() {
                    if let Some(space) = last_space.filter(|s| *s > start) {
                        end = space + 1;
                    }
                }
                let row = Row {
                    line: n,
                    start,
                    end,
                };
                if n == self.row && self.col >= start && (self.col < end || end == chars.len()) {
                    let before: String = chars[start..self.col.min(chars.len())].iter().collect();
                    cursor = (rows.len(), width(&before));
                }
                rows.push(row);
                if end >= chars.len() {
                    break;
                }
                start = end;
            }
        }
        Layout { rows, cursor }
    }
}

/// One screen line of the wrapped text: characters `start..end` of logical line `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The logical line.
    pub line: usize,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// The wrapped text and the cursor's screen position (row, column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Screen lines.
    pub rows: Vec<Row>,
    /// Cursor: screen line and column.
    pub cursor: (usize, usize),
}

impl Layout {
    /// The text of a screen line.
    pub fn text(&self, editor: &Editor, row: &Row) -> String {
        editor.lines()[row.line]
            .chars()
            .skip(row.start)
            .take(row.end - row.start)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_editing_and_line_breaks() {
        let mut e = Editor::new("");
        e.insert("Relancer");
        e.key(&key(KeyCode::Enter), 40);
        e.insert("le cabinet");
        assert_eq!(e.text(), "Relancer\nle cabinet");
        e.key(&key(KeyCode::Home), 40);
        e.key(&key(KeyCode::Backspace), 40);
        assert_eq!(e.text(), "Relancerle cabinet");
        e.key(
            &KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL),
            40,
        );
        assert_eq!(e.text(), "le cabinet");
        let mut e = Editor::new("été");
        e.key(&key(KeyCode::Backspace), 40);
        assert_eq!(e.text(), "ét");
    }

    #[test]
    fn long_lines_wrap_and_the_cursor_follows() {
        let text = "un deux trois quatre cinq six sept huit neuf dix";
        let e = Editor::new(text);
        let layout = e.layout(16);
        assert!(layout.rows.len() > 2);
        for row in &layout.rows {
            assert!(width(&layout.text(&e, row)) < 16);
        }
        let joined: String = layout.rows.iter().map(|r| layout.text(&e, r)).collect();
        assert_eq!(joined, text);
        assert_eq!(layout.cursor.0, layout.rows.len() - 1);
        let mut e = e;
        e.key(&key(KeyCode::Up), 16);
        assert_eq!(e.layout(16).cursor.0, layout.rows.len() - 2);
    }
}
