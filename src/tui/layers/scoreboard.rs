//! The scoreboard screen's keys: moving among the rows, `s` to change their order, Tab
//! (Shift-Tab back) to count by ministry, group, author, rubric or legislature, Enter to
//! filter the list to the row selected, Esc (or its own key) to close it; Ctrl-z suspends.

use crate::tui::action::Action;
use crate::tui::app::layers::{Board, Layer, Overlay, OverlayKind};
use crate::tui::app::App;
use crate::tui::command::Command;
use crate::tui::scores;
use crate::tui::widgets::scroll::{follow, Step};
use dossier_core::scoreboard::By;

/// Handles an action; none closes the screen.
pub fn handle(app: &mut App, mut board: Board, action: Action) -> Option<Board> {
    let command = match action {
        Action::Command(c) => c,
        Action::Wheel { down, .. } => {
            if down {
                Command::Down
            } else {
                Command::Up
            }
        }
        _ => return Some(board),
    };
    let rows = app.cache.board.as_ref().map_or(0, |b| b.1.len());
    let page = app
        .cache
        .areas
        .board
        .map_or(1, |a| a.height.saturating_sub(4).max(1) as usize);
    let step = match command {
        Command::Down => Step::Line(1),
        Command::Up => Step::Line(-1),
        Command::PageDown => Step::Page(1),
        Command::PageUp => Step::Page(-1),
        Command::HalfPageDown => Step::Half(1),
        Command::HalfPageUp => Step::Half(-1),
        Command::Top => Step::Top,
        Command::Bottom => Step::Bottom,
        Command::CycleSort => {
            board.sort = board.sort.next();
            board.selected = 0;
            board.offset = 0;
            return Some(board);
        }
        Command::FocusNext | Command::FocusPrev => {
            let i = By::ALL.iter().position(|b| *b == board.by).unwrap_or(0);
            let n = By::ALL.len();
            let next = if command == Command::FocusNext {
                i + 1
            } else {
                i + n - 1
            };
            board.by = By::ALL[next % n];
            board.selected = 0;
            board.offset = 0;
            return Some(board);
        }
        Command::Open => {
            let chosen = app.scoreboard_by(board.by).cloned().and_then(|b| {
                let at = *app.cache.board.as_ref()?.1.get(board.selected)?;
                Some((b, at))
            });
            return match chosen {
                Some((b, at)) => {
                    scores::filter_to(app, &b.rows[at], board.by);
                    None
                }
                None => Some(board),
            };
        }
        Command::ToggleHelp => {
            app.layers
                .push(Layer::Overlay(Overlay::new(OverlayKind::Help)));
            return Some(board);
        }
        Command::Back | Command::Scoreboard => return None,
        Command::Quit => {
            app.quit = true;
            return None;
        }
        _ => return Some(board),
    };
    board.selected = step.from(board.selected, page, rows.saturating_sub(1));
    // The selected row stays in sight.
    board.offset = follow(board.offset, board.selected, page, rows);
    Some(board)
}
