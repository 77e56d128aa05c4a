//! The status bar: counts, active filters, a transient message or key hints.

use crate::tui::app::{App, MessageKind};
use crate::tui::i18n::strings;
use crate::tui::wrap::{truncate, width};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draws the status bar.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = strings(app.lang);
    let theme = &app.theme;
    let d = &app.dossier;
    let counts = format!(
        " {} {} · {} {} · {} {} · {} {} · {} {} ",
        d.questions.len(),
        s.total,
        app.hits.len(),
        s.shown,
        d.pending,
        s.pending,
        d.overdue,
        s.overdue,
        app.to_review,
        s.to_review
    );
    let mut spans = vec![Span::styled(counts.clone(), theme.heading())];
    let mut rest = (area.width as usize).saturating_sub(width(&counts));
    if app.filtering {
        let busy = format!("{} ", s.filtering);
        rest = rest.saturating_sub(width(&busy));
        spans.push(Span::styled(busy, theme.pending()));
    }
    let (text, style) = match &app.message {
        Some(m) => (
            m.text.clone(),
            match m.kind {
                MessageKind::Info => theme.answered(),
                MessageKind::Warning => theme.pending(),
            },
        ),
        None => (s.hints.to_string(), theme.dim()),
    };
    spans.push(Span::styled(truncate(&format!(" {text}"), rest), style));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
