//! Rendering: a pure function of the app's state, one file per pane.

pub mod chronology;
pub mod detail;
pub mod filter;
pub mod list;
pub mod overlay;
pub mod status;
pub mod timeline;

use super::app::{layout, App, Overlay};
use ratatui::Frame;

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
