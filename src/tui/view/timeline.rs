//! The timeline pane: the selected question's laid-out dates, scrolled.

use crate::tui::app::{App, Pane};
use crate::tui::words::ui;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Block;
use ratatui::Frame;

/// Draws the question's timeline.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let w = ui::words(app.lang);
    let focused = app.focus == Pane::Timeline;
    let block = Block::bordered()
        .title(format!(" {} ", w.timeline_title))
        .title(Line::from(" t ").right_aligned().style(app.theme.dim()))
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.selected_index().is_none() || inner.width == 0 || inner.height == 0 {
        return;
    }
    let Some((_, lines)) = &app.cache.timeline else {
        return;
    };
    let scroll = app
        .timeline_scroll
        .min(lines.len().saturating_sub(inner.height as usize));
    super::draw_lines(frame.buffer_mut(), inner, lines.iter().skip(scroll));
}
