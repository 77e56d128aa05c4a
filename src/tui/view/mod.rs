//! Drawing: a pure function of the state, one file per pane. Everything drawn was laid out
//! by `update` (see [`super::layout`]); nothing here builds content or changes the state.
//!
//! The layout may be for another size than the frame's (a terminal resized while the viewer
//! was stopped or had handed it over, before the size is read again): every area is clipped
//! to the frame, and the helpers that write cells clip to the buffer, so that drawing never
//! writes outside it, whatever size the state believes in.

pub mod chronology;
pub mod detail;
pub mod editor;
pub mod filter;
pub mod list;
pub mod overlay;
pub mod prompt;
pub mod status;
pub mod timeline;

use super::app::{App, Overlay};
use dossier_core::text::sanitize::is_unsafe;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

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

/// The part of `area` inside the frame, if any.
fn visible(area: Option<Rect>, screen: Rect) -> Option<Rect> {
    area.map(|r| r.intersection(screen))
        .filter(|r| !r.is_empty())
}

/// Draws the whole screen for the current state.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let areas = app.cache.areas;
    if let Some(r) = visible(areas.list, area) {
        list::render(app, frame, r);
    }
    if let Some(r) = visible(areas.detail, area) {
        detail::render(app, frame, r);
    }
    if let Some(r) = visible(areas.timeline, area) {
        timeline::render(app, frame, r);
    }
    if let Some(r) = visible(areas.chronology, area) {
        chronology::render(app, frame, r);
    }
    if let Some(r) = visible(areas.filter, area) {
        filter::render(app, frame, r);
    }
    if let Some(r) = visible(Some(areas.status), area) {
        status::render(app, frame, r);
    }
    let overlay = visible(areas.overlay, area);
    if let (Some(r), Overlay::Help(scroll) | Overlay::Log(scroll)) = (overlay, app.overlay) {
        overlay::render(app, frame, r, scroll);
    }
    if let Some(editor) = &app.note_editor {
        editor::render(app, editor, frame, area);
    }
    if let Some(p) = &app.prompt {
        prompt::render(app, p, frame, area);
    }
    if let Some(c) = &app.confirm {
        prompt::render_confirm(app, c, frame, area);
    }
    guard(frame.buffer_mut());
}

/// The last line of defence: no cell of the frame may hold a control or BiDi character
/// (every text was already made safe where it became a span; this catches what a widget
/// might pass through).
pub fn guard(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(is_unsafe) {
            cell.set_symbol("\u{fffd}");
        }
    }
}
