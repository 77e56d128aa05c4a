//! A yes/no question's keys, from the keymap's `confirm` mode: yes does what was asked
//! (mark every question shown, replace a file or a saved filter, throw a note's draft
//! away), no leaves things as they were (a file not replaced: back to its name, to change
//! it); nothing else is read.

use crate::tui::action::Action;
use crate::tui::app::layers::{Confirm, Layer, Prompt, PromptKind};
use crate::tui::app::App;
use crate::tui::command::Command;
use crate::tui::effect::Effect;
use crate::tui::jobs::SaveJob;
use crate::tui::marks;

/// Handles an action; none closes the question.
pub fn handle(
    app: &mut App,
    confirm: Confirm,
    action: Action,
    fx: &mut Vec<Effect>,
) -> Option<Confirm> {
    let yes = match action {
        Action::Command(Command::Yes) => true,
        Action::Command(Command::No) => false,
        // Quitting from a question about a draft would keep the draft: the question stays.
        Action::Command(Command::Quit) if !matches!(confirm, Confirm::Discard { .. }) => {
            app.quit = true;
            return None;
        }
        _ => return Some(confirm),
    };
    match (confirm, yes) {
        (Confirm::Discard { and_quit }, true) => {
            app.layers.close(|l| matches!(l, Layer::Note(_)));
            app.quit |= and_quit;
        }
        // Back to the draft.
        (Confirm::Discard { .. }, false) => {}
        // Back to the file's name, as typed, to choose another.
        (Confirm::Overwrite(path, format), false) => {
            app.message = None;
            app.layers.push(Layer::Prompt(Prompt::new(
                PromptKind::ExportPath(format),
                &path.display().to_string(),
            )));
        }
        // What the message said before the question no longer holds.
        (_, false) => app.message = None,
        (Confirm::ReplaceView(job), true) => fx.push(Effect::SaveView(SaveJob {
            replace: true,
            ..*job
        })),
        (Confirm::MarkShown(ids), true) => marks::mark_all(app, &ids),
        (Confirm::Overwrite(path, format), true) => {
            let effect = super::export(app, path, format, true);
            fx.push(effect);
        }
    }
    None
}
