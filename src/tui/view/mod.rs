//! Rendering: a pure function of the app's state, one file per pane.

pub mod chronology;
pub mod detail;
pub mod filter;
pub mod list;
pub mod overlay;
pub mod status;
pub mod timeline;

use super::app::{layout, App, Overlay};
use ratatui::layout::{Margin, Rect};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

/// Draws a vertical scrollbar on the right border of a bordered pane `area`, for `length`
/// positions with the thumb at `position`.
pub fn scrollbar(frame: &mut Frame, area: Rect, length: usize, position: usize) {
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

/// Draws the whole screen for the current state.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let areas = layout(area, app);
    if let Some(r) = areas.list {
        list::render(app, frame, r);
    }
    if let Some(r) = areas.detail {
        detail::render(app, frame, r);
    }
    if let Some(r) = areas.timeline {
        timeline::render(app, frame, r);
    }
    if let Some(r) = areas.filter {
        filter::render(app, frame, r);
    }
    status::render(app, frame, areas.status);
    match app.overlay {
        Overlay::None => {}
        Overlay::Help(scroll) => overlay::render_help(app, frame, area, scroll),
        Overlay::Diagnostics(scroll) => overlay::render_diagnostics(app, frame, area, scroll),
    }
    if let Some(editor) = &app.note_editor {
        overlay::render_note_editor(app, editor, frame, area);
    }
}
