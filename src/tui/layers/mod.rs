//! The input layers: the main screen at the bottom ([`normal`]), and over it, as a stack,
//! the filter line ([`filter`]), an overlay ([`overlay`]), a prompt ([`prompt`]), a picker
//! ([`picker`]), a yes/no question ([`confirm`]), the note editor ([`note`]) and the
//! scoreboard screen ([`scoreboard`]). The top
//! layer has the keyboard: a key is read in its keymap mode ([`action_for`]), and its
//! action handled in its own file. Each handler is given its layer taken off the stack and
//! gives it back to stay open (under any layer it opened), or not.

pub mod confirm;
pub mod filter;
pub mod normal;
pub mod note;
pub mod overlay;
pub mod picker;
pub mod prompt;
pub mod scoreboard;

use super::action::Action;
use super::app::layers::Layer;
use super::app::App;
use super::command::Command;
use super::effect::Effect;
use super::jobs::ExportJob;
use super::keymap::Mode;
use super::widgets::line_input::Edit;
use crossterm::event::{Event as TermEvent, KeyEventKind, MouseEventKind};
use dossier_core::export::Format;
use std::path::PathBuf;
use std::sync::Arc;

/// The action for a terminal event in the mode of the layer that has the keyboard.
pub fn action_for(app: &App, event: TermEvent) -> Option<Action> {
    match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => {
            app.keymap.action(app.mode(), &key)
        }
        TermEvent::Paste(text) => match app.mode() {
            Mode::Note | Mode::Filter | Mode::Prompt => Some(Action::Paste(text)),
            Mode::Normal | Mode::Confirm => None,
        },
        TermEvent::Resize(w, h) => Some(Action::Resize(w, h)),
        TermEvent::Mouse(m) if app.mouse => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                down: true,
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                down: false,
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::Down(_) => Some(Action::Click(m.column, m.row)),
            _ => None,
        },
        _ => None,
    }
}

/// Hands an input action to the layer that has the keyboard.
pub fn handle(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    // Ctrl-z suspends from every layer, which is there as it was on `fg` (a draft included).
    if matches!(action, Action::Command(Command::Suspend)) && !app.layers.is_empty() {
        fx.push(Effect::Suspend);
        return;
    }
    let Some(top) = app.layers.pop() else {
        normal::handle(app, action, fx);
        return;
    };
    let at = app.layers.iter().count();
    let kept = match top {
        Layer::Filter => filter::handle(app, action, fx).then_some(Layer::Filter),
        Layer::Overlay(o) => overlay::handle(app, o, action).map(Layer::Overlay),
        Layer::Prompt(p) => prompt::handle(app, p, action, fx).map(Layer::Prompt),
        Layer::Picker(p) => picker::handle(app, p, action, fx).map(Layer::Picker),
        Layer::Confirm(c) => confirm::handle(app, c, action, fx).map(Layer::Confirm),
        Layer::Note(n) => note::handle(app, n, action, fx).map(Layer::Note),
        Layer::Scoreboard(b) => scoreboard::handle(app, b, action).map(Layer::Scoreboard),
    };
    if let Some(layer) = kept {
        app.layers.insert(at, layer);
    }
}

/// The edit of a line (the filter, a prompt) an action asks for.
pub fn line_edit(action: &Action) -> Option<Edit> {
    Some(match action {
        Action::Insert(c) => Edit::Insert(*c),
        Action::Paste(text) => Edit::Paste(text.clone()),
        Action::Command(c) => match c {
            Command::FilterBackspace => Edit::Backspace,
            Command::FilterDelete => Edit::Delete,
            Command::FilterDeleteWord => Edit::DeleteWord,
            Command::FilterClear => Edit::Clear,
            Command::FilterLeft => Edit::Left,
            Command::FilterRight => Edit::Right,
            Command::FilterHome => Edit::Home,
            Command::FilterEnd => Edit::End,
            _ => return None,
        },
        _ => return None,
    })
}

/// An export of the questions shown to `path`.
pub fn export(app: &App, path: PathBuf, format: Format, overwrite: bool) -> Effect {
    Effect::Export(ExportJob {
        path,
        overwrite,
        format,
        dossier: Arc::clone(&app.dossier),
        shown: app.shown_hits().iter().map(|h| h.index).collect(),
        review: Arc::clone(&app.review_state),
        lang: app.lang,
        today: app.today,
        related_config: app.related_config.clone(),
        quota: app.signalement_quota,
    })
}
