//! Styles with meaning, one per role, from the configuration (a dark and a light default),
//! with `NO_COLOR` respected: without colour, meaning is carried by marks, bold, underline
//! and reverse video alone.

use crate::config::{Base, ConfigError, StyleSpec, ThemeLayer};
use dossier_core::model::Status;
use ratatui::style::{Color, Modifier, Style};
use std::str::FromStr;

/// Every role a style is given to.
pub const ROLES: [&str; 16] = [
    "overdue",
    "pending",
    "answered",
    "withdrawn",
    "dim",
    "heading",
    "label",
    "selected",
    "highlight",
    "border",
    "border_focused",
    "error",
    "mark",
    "flag",
    "note",
    "conflict",
];

/// The styles of the interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    styles: [Style; ROLES.len()],
    /// Colours on (off when `NO_COLOR` is set).
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::from_layers(&crate::config::Config::defaults().themes, Base::Dark, true).0
    }
}

fn parse_color(s: &str) -> Result<Color, String> {
    Color::from_str(s).map_err(|_| format!("unknown colour `{s}`"))
}

impl Theme {
    /// The theme of configuration layers (defaults first), for a base, with or without
    /// colour. Bad entries are reported with their file and line.
    pub fn from_layers(
        layers: &[ThemeLayer],
        base: Base,
        color: bool,
    ) -> (Theme, Vec<ConfigError>) {
        let mut styles = [Style::new(); ROLES.len()];
        let mut errors = Vec::new();
        for layer in layers {
            let table = match base {
                Base::Dark => &layer.dark,
                Base::Light => &layer.light,
            };
            for (role, (spec, span)) in table {
                let Some(i) = ROLES.iter().position(|r| r == role) else {
                    errors.push(
                        layer
                            .source
                            .error(span.clone(), format!("unknown theme role `{role}`")),
                    );
                    continue;
                };
                match style_of(spec, color) {
                    Ok(style) => styles[i] = style,
                    Err((e, at)) => errors.push(layer.source.error(at.unwrap_or(span.clone()), e)),
                }
            }
        }
        (Theme { styles, color }, errors)
    }

    /// The theme the environment asks for: `NO_COLOR` set and not empty turns colours off.
    pub fn colors_wanted() -> bool {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }

    fn role(&self, name: &str) -> Style {
        ROLES
            .iter()
            .position(|r| *r == name)
            .map_or(Style::new(), |i| self.styles[i])
    }

    /// The status mark of a question: `!` overdue, `○` pending, `✓` answered, `×` withdrawn.
    pub fn status_mark(&self, status: Status, overdue: bool) -> (&'static str, Style) {
        let mark = dossier_core::marks::status(status, overdue);
        (mark, self.status(status, overdue))
    }

    /// The style of a status word or mark.
    pub fn status(&self, status: Status, overdue: bool) -> Style {
        match (status, overdue) {
            (Status::Pending, true) => self.overdue(),
            (Status::Pending, false) => self.pending(),
            (Status::Answered, _) => self.answered(),
            (Status::Withdrawn, _) => self.withdrawn(),
        }
    }

    /// Overdue.
    pub fn overdue(&self) -> Style {
        self.role("overdue")
    }
    /// Pending.
    pub fn pending(&self) -> Style {
        self.role("pending")
    }
    /// Answered.
    pub fn answered(&self) -> Style {
        self.role("answered")
    }
    /// Withdrawn.
    pub fn withdrawn(&self) -> Style {
        self.role("withdrawn")
    }
    /// Secondary text.
    pub fn dim(&self) -> Style {
        self.role("dim")
    }
    /// Headings.
    pub fn heading(&self) -> Style {
        self.role("heading")
    }
    /// Field labels.
    pub fn label(&self) -> Style {
        self.role("label")
    }
    /// The selected row.
    pub fn selected(&self) -> Style {
        self.role("selected")
    }
    /// Words of the filter found in the text.
    pub fn highlight(&self) -> Style {
        self.role("highlight")
    }
    /// Border of a pane, brighter when it has the keyboard.
    pub fn border(&self, focused: bool) -> Style {
        self.role(if focused { "border_focused" } else { "border" })
    }
    /// An error.
    pub fn error(&self) -> Style {
        self.role("error")
    }
    /// Changed-since-review marks and the chronology's selection.
    pub fn mark(&self) -> Style {
        self.role("mark")
    }
    /// The follow-up flag.
    pub fn flag(&self) -> Style {
        self.role("flag")
    }
    /// Notes.
    pub fn note(&self) -> Style {
        self.role("note")
    }
    /// A note conflict.
    pub fn conflict(&self) -> Style {
        self.role("conflict")
    }
}

type StyleError = (String, Option<std::ops::Range<usize>>);

fn style_of(spec: &StyleSpec, color: bool) -> Result<Style, StyleError> {
    let mut style = Style::new();
    if color {
        if let Some(fg) = &spec.fg {
            style = style.fg(parse_color(fg.get_ref()).map_err(|e| (e, Some(fg.span())))?);
        }
        if let Some(bg) = &spec.bg {
            style = style.bg(parse_color(bg.get_ref()).map_err(|e| (e, Some(bg.span())))?);
        }
    }
    let mods = [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underline, Modifier::UNDERLINED),
        (spec.reversed, Modifier::REVERSED),
    ];
    for (on, m) in mods {
        if on == Some(true) {
            style = style.add_modifier(m);
        }
    }
    // Without colour, what colour alone told must still show: a highlight is reversed.
    if !color && spec.bg.is_some() {
        style = style.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED);
    }
    if !color
        && spec.fg.is_some()
        && spec
            .fg
            .as_ref()
            .is_some_and(|f| f.get_ref() == "darkgray" || f.get_ref() == "gray")
    {
        style = style.add_modifier(Modifier::DIM);
    }
    Ok(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_defaults_give_every_role_a_style_and_no_color_drops_colours() {
        let config = crate::config::Config::defaults();
        for base in [Base::Dark, Base::Light] {
            let (theme, errors) = Theme::from_layers(&config.themes, base, true);
            assert!(errors.is_empty(), "{errors:?}");
            for (i, role) in ROLES.iter().enumerate() {
                assert_ne!(
                    theme.styles[i],
                    Style::new(),
                    "{role} has no style in {base:?}"
                );
            }
        }
        let (plain, _) = Theme::from_layers(&config.themes, Base::Dark, false);
        assert_eq!(plain.overdue().fg, None);
        assert!(plain.overdue().add_modifier.contains(Modifier::BOLD));
        assert!(plain.highlight().add_modifier.contains(Modifier::REVERSED));
    }
}
