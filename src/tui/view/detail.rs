//! The detail pane: the selected question's laid-out text, scrolled.

use crate::tui::app::{App, Pane};
use crate::tui::words::ui;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// Draws the detail pane.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let w = ui::words(app.lang);
    let focused = app.focus == Pane::Detail;
    let mut block = Block::bordered()
        .title(format!(" {} ", w.detail_title))
        .border_style(app.theme.border(focused));
    let Some(q) = app.selected_question() else {
        let text = if app.dossier.questions.is_empty() {
            w.no_question
        } else {
            w.no_match
        };
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    block = block.title(
        Line::from(format!(" {} ", q.id))
            .right_aligned()
            .style(app.theme.dim()),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some((_, detail)) = &app.cache.detail else {
        return;
    };
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let height = inner.height as usize;
    let max_scroll = detail.lines.len().saturating_sub(height);
    let scroll = app.detail_scroll.min(max_scroll);
    let text_area = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    super::draw_lines(
        frame.buffer_mut(),
        text_area,
        detail.lines.iter().skip(scroll),
    );
    if detail.lines.len() > height {
        super::scrollbar(frame, area, max_scroll + 1, scroll);
    }
}
