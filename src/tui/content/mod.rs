//! What each pane shows, built from the state by the layout step ([`super::layout`]), never
//! while drawing: the detail's wrapped text, the timeline, the chronology's counts, the
//! help and the message log, and the list's columns.

pub mod chronology;
pub mod columns;
pub mod detail;
pub mod help;
pub mod log;
pub mod timeline;

use ratatui::text::Line;

/// Lines ready to draw.
pub type Lines = Vec<Line<'static>>;
