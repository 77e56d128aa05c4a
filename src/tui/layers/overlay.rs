//! An overlay's keys (the help, the log): scrolling, the other overlay's key to switch to
//! it, its own key or Esc (or a click) to close it. The news window's
//! lines are chosen rather than scrolled, and Enter goes to the chosen one's question.

use crate::tui::action::Action;
use crate::tui::app::layers::{Board, Layer, Overlay, OverlayKind};
use crate::tui::app::App;
use crate::tui::command::Command;
use crate::tui::widgets::scroll::Step;

/// Handles an action; none closes the overlay.
pub fn handle(app: &mut App, mut overlay: Overlay, action: Action) -> Option<Overlay> {
    if overlay.kind == OverlayKind::News {
        return news(app, overlay, action);
    }
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
        Command::ToggleHelp | Command::ToggleDiagnostics | Command::News | Command::Scoreboard => {
            return switch(app, overlay, command);
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

/// An overlay's own key closes it; another's opens that one.
fn switch(app: &mut App, overlay: Overlay, command: Command) -> Option<Overlay> {
    // The scoreboard is a screen of its own: it replaces the window.
    if command == Command::Scoreboard {
        app.layers.push(Layer::Scoreboard(Board::new()));
        return None;
    }
    let kind = match command {
        Command::ToggleHelp => OverlayKind::Help,
        Command::ToggleDiagnostics => OverlayKind::Log,
        _ => OverlayKind::News,
    };
    if kind == overlay.kind || (kind == OverlayKind::News && app.news.is_none()) {
        return None;
    }
    Some(Overlay::new(kind))
}

/// The news window's keys: the chosen line moves, Enter goes to its question.
fn news(app: &mut App, mut overlay: Overlay, action: Action) -> Option<Overlay> {
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
    let count = crate::tui::news::count(app);
    let rows = app
        .cache
        .areas
        .overlay
        .map_or(2, |a| a.height.saturating_sub(2).max(2) as usize);
    let page = (rows / 2).max(1);
    let last = count.saturating_sub(1);
    let k = overlay.selected;
    overlay.selected = match command {
        Command::Down => (k + 1).min(last),
        Command::Up => k.saturating_sub(1),
        Command::PageDown => (k + page).min(last),
        Command::PageUp => k.saturating_sub(page),
        Command::HalfPageDown => (k + page / 2 + 1).min(last),
        Command::HalfPageUp => k.saturating_sub(page / 2 + 1),
        Command::Top => 0,
        Command::Bottom => last,
        Command::Open => {
            crate::tui::news::go_to(app, k);
            return None;
        }
        Command::ToggleHelp | Command::ToggleDiagnostics | Command::News | Command::Scoreboard => {
            return switch(app, overlay, command);
        }
        Command::Back => return None,
        Command::Quit => {
            app.quit = true;
            return None;
        }
        _ => return Some(overlay),
    };
    // The chosen item's two lines in view; the heading too when it is the first.
    if let Some(shown) = &app.news {
        let first = crate::tui::overlays::news::first_line(shown, overlay.selected);
        let top = if overlay.selected == 0 { 0 } else { first };
        if top < overlay.scroll {
            overlay.scroll = top;
        } else if first + 2 > overlay.scroll + rows {
            overlay.scroll = first + 2 - rows;
        }
    }
    Some(overlay)
}
