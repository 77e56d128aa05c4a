//! The filter line: what the user types, the cursor, and a parse error under its span.

use crate::tui::app::App;
use crate::tui::i18n::strings;
use crate::tui::wrap::{truncate, width};
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draws the filter line and places the cursor when it is being edited.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = strings(app.lang);
    let theme = &app.theme;
    let f = &app.filter;
    let prompt = format!("{} / ", s.filter_prompt);
    let mut spans = vec![Span::styled(prompt.clone(), theme.heading())];
    match &f.error {
        Some(err)
            if err.span.end <= f.text.len()
                && f.text.is_char_boundary(err.span.start)
                && f.text.is_char_boundary(err.span.end) =>
        {
            let (a, b, c) = (
                &f.text[..err.span.start],
                &f.text[err.span.start..err.span.end],
                &f.text[err.span.end..],
            );
            spans.push(Span::raw(a.to_string()));
            spans.push(Span::styled(
                b.to_string(),
                theme.error().add_modifier(Modifier::UNDERLINED),
            ));
            spans.push(Span::raw(c.to_string()));
        }
        _ => spans.push(Span::raw(f.text.clone())),
    }
    let used = width(&prompt) + width(&f.text);
    let room = (area.width as usize).saturating_sub(used + 3);
    if let Some(err) = &f.error {
        spans.push(Span::styled(
            format!("   ✗ {}", truncate(&err.message, room.saturating_sub(3))),
            theme.error(),
        ));
    } else if app.editing_filter && room > 10 {
        spans.push(Span::styled(
            format!("   {}", truncate(s.filter_hint, room)),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if app.editing_filter {
        let x = area.x as usize + width(&prompt) + width(&f.text[..f.cursor.min(f.text.len())]);
        let x = x.min((area.x + area.width).saturating_sub(1) as usize) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
    }
}
