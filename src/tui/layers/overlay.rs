//! An overlay's keys (the help, the log): scrolling, the other overlay's key to switch to
//! it, its own key or Esc (or a click) to close it.

use crate::tui::action::Action;
use crate::tui::app::layers::{Overlay, OverlayKind};
use crate::tui::app::App;
use crate::tui::command::Command;
use crate::tui::widgets::scroll::Step;

/// Handles an action; none closes the overlay.
pub fn handle(app: &mut App, mut overlay: Overlay, action: Action) -> Option<Overlay> {
    let command = match action {
        Action::Command(c) => c,
        Action::Wheel { down, .. } => {
            if down {
                Command::Down
            } else {
                Command::Up
            }
        }
        Action::Click(..) => return None,
        _ => return Some(overlay),
    };
    let step = match command {
        Command::Down => Step::Line(1),
        Command::Up => Step::Line(-1),
        Command::PageDown => Step::Page(1),
        Command::PageUp => Step::Page(-1),
        Command::HalfPageDown => Step::Half(1),
        Command::HalfPageUp => Step::Half(-1),
        Command::Top => Step::Top,
        Command::Bottom => Step::Bottom,
        Command::ToggleHelp | Command::ToggleDiagnostics => {
            let kind = match command {
                Command::ToggleHelp => OverlayKind::Help,
                _ => OverlayKind::Log,
            };
            // Its own key closes it; the other's opens the other.
            return (kind != overlay.kind).then_some(Overlay { kind, scroll: 0 });
        }
        Command::Back => return None,
        Command::Quit => {
            app.quit = true;
            return None;
        }
        _ => return Some(overlay),
    };
    let lines = app.cache.overlay.as_ref().map_or(0, |o| o.1.len());
    let page = app
        .cache
        .areas
        .overlay
        .map_or(1, |a| a.height.saturating_sub(2).max(1) as usize);
    // The very end, whatever the width the text is wrapped to when drawn.
    overlay.scroll = step.to_end(overlay.scroll, page, lines.saturating_sub(page));
    Some(overlay)
}
