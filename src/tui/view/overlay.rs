//! Windows drawn over the panes: the help and the log, from their laid-out lines.

use crate::tui::app::{App, Overlay};
use crate::tui::words::ui;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Block;
use ratatui::Frame;

/// Draws the open overlay, scrolled.
pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let w = ui::words(app.lang);
    let title = match app.overlay {
        Overlay::Help(_) => w.help_title,
        _ => w.messages_title,
    };
    let block = Block::bordered()
        .title(format!(" {title} "))
        .title_bottom(Line::from(format!(" {} ", w.overlay_footer)).style(app.theme.dim()))
        .border_style(app.theme.border(true));
    let inner = block.inner(area);
    super::clear(frame, area);
    frame.render_widget(block, area);
    let Some((_, lines)) = &app.cache.overlay else {
        return;
    };
    let height = inner.height as usize;
    let max_scroll = lines.len().saturating_sub(height);
    let scroll = scroll.min(max_scroll);
    let text = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    super::draw_lines(frame.buffer_mut(), text, lines.iter().skip(scroll));
    if max_scroll > 0 {
        super::scrollbar(frame, area, max_scroll + 1, scroll);
    }
}
