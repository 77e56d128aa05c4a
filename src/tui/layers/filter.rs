//! The filter line's keys: typing edits the filter and the list follows at each keystroke;
//! Enter keeps it, Esc clears it; the arrows still move in the list.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::MessageKind;
use crate::tui::command::Command;
use crate::tui::effect::Effect;
use crate::tui::hits;
use crate::tui::messages::show;
use crate::tui::panes::Pane;
use crate::tui::words::ui;

/// Handles an action; false closes the line.
pub fn handle(app: &mut App, action: Action, _fx: &mut Vec<Effect>) -> bool {
    if let Some(edit) = super::line_edit(&action) {
        if app.filter.input.edit(edit) && app.filter.parse() {
            // A search typed shows its list from the top, its best first: the question
            // chosen before is let go (the one chosen in the new list is kept after).
            app.selected_id = None;
            app.selected = 0;
            app.list_offset = 0;
            app.scroll.set(Pane::Detail, 0);
        }
        return true;
    }
    match action {
        Action::Command(Command::FilterAccept) => {
            if app.filter.error.is_some() {
                // Keep what the list shows; the error stays visible until fixed.
                show(app, ui::words(app.lang).filter_hint, MessageKind::Warning);
            }
            app.focus = Pane::List;
            return false;
        }
        Action::Command(Command::FilterCancel) => {
            app.filter = Default::default();
            return false;
        }
        Action::Command(Command::Down) => hits::move_by(app, 1),
        Action::Command(Command::Up) => hits::move_by(app, -1),
        Action::Command(Command::Quit) => app.quit = true,
        _ => {}
    }
    true
}
