//! Colours with meaning, readable on dark and light terminals, and `NO_COLOR` respected.
//!
//! Only the 8 basic ANSI colours are used, on the terminal's own background: the user's palette
//! decides the exact shades, so they suit both light and dark themes. Selection is shown by
//! reversing video, which works everywhere. With `NO_COLOR`, meaning is carried by marks and
//! bold/underline alone.

use dossier_core::model::Status;
use ratatui::style::{Color, Modifier, Style};

/// The styles of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Colours on (off when `NO_COLOR` is set).
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { color: true }
    }
}

impl Theme {
    /// The theme the environment asks for: no colour when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Self {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// The status mark of a question: `!` overdue, `○` pending, `✓` answered, `×` withdrawn.
    pub fn status_mark(&self, status: Status, overdue: bool) -> (&'static str, Style) {
        match (status, overdue) {
            (Status::Pending, true) => ("!", self.overdue()),
            (Status::Pending, false) => ("○", self.pending()),
            (Status::Answered, _) => ("✓", self.answered()),
            (Status::Withdrawn, _) => ("×", self.withdrawn()),
        }
    }

    /// Overdue: red and bold.
    pub fn overdue(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Pending: yellow.
    pub fn pending(&self) -> Style {
        self.fg(Color::Yellow)
    }

    /// Answered: green.
    pub fn answered(&self) -> Style {
        self.fg(Color::Green)
    }

    /// Withdrawn: dimmed.
    pub fn withdrawn(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// The style of a status word or mark.
    pub fn status(&self, status: Status, overdue: bool) -> Style {
        self.status_mark(status, overdue).1
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Headings and labels.
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Field labels in the detail.
    pub fn label(&self) -> Style {
        self.fg(Color::Blue)
    }

    /// The selected row.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Words of the filter found in the text.
    pub fn highlight(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    /// Border of a pane, brighter when it has the keyboard.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }

    /// An error in the filter line.
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// The mark of the selected question in the chronology.
    pub fn mark(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
}
