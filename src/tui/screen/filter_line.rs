//! The filter line: what the user types, the cursor, and a parse error under its span.

use crate::tui::app::App;
use crate::tui::widgets::wrap::{span, truncate, width};
use crate::tui::words::ui;
use dossier_core::text::sanitize::terminal_line;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draws the filter line and places the cursor when it is being edited.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let w = ui::words(app.lang);
    let theme = &app.theme;
    let f = &app.filter;
    let text = f.text();
    let typing = app.layers.typing_filter();
    let prompt = format!("{} / ", w.filter_prompt);
    let mut spans = vec![Span::styled(prompt.clone(), theme.heading())];
    match &f.error {
        Some(err)
            if err.span.end <= text.len()
                && text.is_char_boundary(err.span.start)
                && text.is_char_boundary(err.span.end) =>
        {
            spans.push(span(&text[..err.span.start], Default::default()));
            spans.push(span(
                &text[err.span.start..err.span.end],
                theme.error().add_modifier(Modifier::UNDERLINED),
            ));
            spans.push(span(&text[err.span.end..], Default::default()));
        }
        _ => spans.push(span(text, Default::default())),
    }
    let shown = terminal_line(text);
    let used = width(&prompt) + width(&shown);
    let room = (area.width as usize).saturating_sub(used + 3);
    if let Some(err) = &f.error {
        let message = dossier_core::i18n::query::error(app.lang, &err.kind);
        spans.push(span(
            &format!("   ✗ {}", truncate(&message, room.saturating_sub(3))),
            theme.error(),
        ));
    } else if typing && room > 10 {
        spans.push(Span::styled(
            format!("   {}", truncate(w.filter_hint, room)),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if typing {
        let before = terminal_line(&text[..f.input.cursor()]);
        let x = area.x as usize + width(&prompt) + width(&before);
        let x = x.min((area.x + area.width).saturating_sub(1) as usize) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
    }
}
