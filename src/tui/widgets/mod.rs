//! What the viewer's screens are made of, written once and used everywhere: a line of text
//! being typed ([`line_input`], the filter line and every prompt), a scroll position
//! ([`scroll`], the list, the panes and the overlays), a list of choices narrowed by what is
//! typed ([`picker`]), the note editor ([`editor`]), wrapped styled text and tables
//! ([`wrap`]), the styles per role ([`theme`]), and the helpers below that write into the
//! frame. Nothing here knows the viewer's state: each widget is given what it shows.
//!
//! The helpers clip to the buffer: a state laid out for another size than the frame's (a
//! terminal resized while the viewer was stopped, before the size is read again) never
//! makes drawing write outside it.

pub mod editor;
pub mod line_input;
pub mod picker;
pub mod scroll;
pub mod theme;
pub mod wrap;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

/// Lines ready to draw.
pub type Lines = Vec<Line<'static>>;

/// Draws a vertical scrollbar on the right border of a bordered pane `area`, for `length`
/// positions with the thumb at `position`.
pub fn scrollbar(frame: &mut Frame, area: Rect, length: usize, position: usize) {
    let area = area.intersection(frame.area());
    if area.is_empty() {
        return;
    }
    let mut state = ScrollbarState::new(length).position(position);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight),
        area.inner(Margin {
            vertical: 1,
            horizontal: 0,
        }),
        &mut state,
    );
}

/// Draws lines into an area, by reference (no copy of the cached lines).
pub fn draw_lines<'a>(buf: &mut Buffer, area: Rect, lines: impl IntoIterator<Item = &'a Line<'a>>) {
    for (row, line) in lines.into_iter().take(area.height as usize).enumerate() {
        put_line(buf, area, row as u16, line);
    }
}

/// Draws one line on row `row` of `area`, cut to the area's width; nothing when that row
/// is outside the area or the buffer.
pub fn put_line(buf: &mut Buffer, area: Rect, row: u16, line: &Line<'_>) {
    let area = area.intersection(buf.area);
    if row >= area.height || area.width == 0 {
        return;
    }
    buf.set_line(area.x, area.y + row, line, area.width);
}

/// Blanks an area (under a window drawn over the panes), within the frame.
pub fn clear(frame: &mut Frame, area: Rect) {
    let area = area.intersection(frame.area());
    if !area.is_empty() {
        frame.render_widget(ratatui::widgets::Clear, area);
    }
}

/// A rectangle centred in `area`, at most `w` x `h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
