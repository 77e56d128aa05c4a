//! The windows drawn over the panes: the key help ([`help`]), the messages with the load
//! diagnostics ([`log`]), the scoreboard ([`scoreboard`]) and what is new since the last visit
//! ([`news`]), each's content built from what it shows and wrapped to the
//! window's width, and the one drawing of such a window, scrolled.

pub mod help;
pub mod log;
pub mod news;
pub mod scoreboard;

use crate::tui::panes::Ctx;
use crate::tui::widgets;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Block;
use ratatui::Frame;

/// Lines drawn in place of the cached ones (by index), highlighted across the window.
pub type Chosen<'a> = (&'a [(usize, Line<'static>)], Style);

/// Draws an overlay window with its title and footer, its lines from `scroll` on (the
/// `chosen` ones in their place).
pub fn draw(
    (title, footer): (&str, &str),
    lines: &[Line<'static>],
    scroll: usize,
    chosen: Option<Chosen>,
    ctx: Ctx,
    frame: &mut Frame,
    area: Rect,
) {
    let block = Block::bordered()
        .title(format!(" {title} "))
        .title_bottom(Line::from(format!(" {footer} ")).style(ctx.theme.dim()))
        .border_style(ctx.theme.border(true));
    let inner = block.inner(area);
    widgets::clear(frame, area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let max_scroll = lines.len().saturating_sub(height);
    let scroll = scroll.min(max_scroll);
    let text = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    widgets::draw_lines(frame.buffer_mut(), text, lines.iter().skip(scroll));
    if let Some((chosen, style)) = chosen {
        for (i, line) in chosen {
            let Some(row) = i.checked_sub(scroll).filter(|&r| r < height) else {
                continue;
            };
            let row = row as u16;
            let buf = frame.buffer_mut();
            let cells = Rect {
                y: text.y + row,
                height: 1,
                ..text
            }
            .intersection(buf.area);
            buf.set_style(cells, style);
            widgets::put_line(buf, text, row, line);
        }
    }
    if max_scroll > 0 {
        widgets::scrollbar(frame, area, max_scroll + 1, scroll);
    }
}
