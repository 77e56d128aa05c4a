//! The only place where the state changes: `update(&mut App, Action) -> Vec<Effect>`.
//!
//! Keys, terminal events and the results of background work all arrive as actions. Input
//! goes to the layer that has the keyboard ([`super::layers`]), results to the one place
//! that takes them ([`super::background`]). What needs the outside world is returned as an
//! [`Effect`] for [`super::effect::perform`]; its result comes back as another action.
//! After each action, what follows from the state is derived from it, never marked by hand:
//! the shown questions follow the query, a save is queued for unsaved marks, a message about
//! a change follows its save, and the screen is laid out again with only the content whose
//! inputs changed built anew.

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use super::{background, hits, layers, loading, marks, messages, screen};
use ratatui::layout::Rect;

/// Applies an action to the state; returns what the event loop must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    match action {
        Action::Resize(w, h) => app.size = Rect::new(0, 0, w, h),
        // Before exit: a changed note draft is saved, a failed save tried once more.
        Action::Flush => {
            layers::note::flush(app);
            if app.saving == super::app::Saving::Failed {
                app.saving = super::app::Saving::Idle;
            }
        }
        result if background::handles(&result) => background::handle(app, result, &mut fx),
        input => layers::handle(app, input, &mut fx),
    }
    follow(app, &mut fx);
    fx
}

/// Starts the first load (the event loop's first action).
pub fn start(app: &mut App) -> Vec<Effect> {
    let mut fx = Vec::new();
    loading::reload(app, &mut fx);
    follow(app, &mut fx);
    fx
}

/// What follows from the state after any change.
fn follow(app: &mut App, fx: &mut Vec<Effect>) {
    hits::follow(app, fx);
    marks::queue_save(app, fx);
    messages::settle_save_news(app);
    screen::refresh(app);
    hits::clamp(app);
}
