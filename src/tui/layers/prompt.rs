//! A text prompt's keys: the line is edited as the filter line is; Enter gives the name a
//! filter is saved under, or the file an export is written to; Esc (or a click) cancels.

use crate::tui::action::Action;
use crate::tui::app::layers::{Prompt, PromptKind, Refusal};
use crate::tui::app::{App, Awaiting};
use crate::tui::command::Command;
use crate::tui::effect::Effect;
use crate::tui::jobs::SaveJob;
use std::path::PathBuf;

/// Handles an action; none closes the prompt.
pub fn handle(
    app: &mut App,
    mut prompt: Prompt,
    action: Action,
    fx: &mut Vec<Effect>,
) -> Option<Prompt> {
    if let Some(edit) = super::line_edit(&action) {
        if prompt.input.edit(edit) {
            prompt.error = None;
        }
        return Some(prompt);
    }
    match action {
        Action::Click(..) | Action::Command(Command::FilterCancel | Command::Back) => None,
        Action::Command(Command::Quit) => {
            app.quit = true;
            None
        }
        Action::Command(Command::FilterAccept) => accept(app, prompt, fx),
        _ => Some(prompt),
    }
}

/// Enter: the text is taken (the prompt closes), or refused (it stays open, saying why).
fn accept(app: &mut App, mut prompt: Prompt, fx: &mut Vec<Effect>) -> Option<Prompt> {
    let text = prompt.input.text().trim().to_string();
    match prompt.kind {
        PromptKind::SaveView => {
            if let Err(e) = dossier_core::library::dossiers::check_name(&text) {
                prompt.error = Some(Refusal::Name(e));
                return Some(prompt);
            }
            // The answer may ask before replacing: the keys typed next wait for it.
            app.awaiting = Some(Awaiting::Save);
            fx.push(Effect::SaveView(SaveJob {
                origin: app.origin.clone(),
                views_file: app.views_file.clone(),
                name: text,
                query: app.filter.text().trim().to_string(),
                sort: app.sort.as_str().to_string(),
                replace: false,
            }));
            None
        }
        PromptKind::ExportPath(format) => {
            if text.is_empty() {
                prompt.error = Some(Refusal::FileNeeded);
                return Some(prompt);
            }
            // The answer may ask before replacing: the keys typed next wait for it.
            app.awaiting = Some(Awaiting::Export);
            fx.push(super::export(app, PathBuf::from(text), format, false));
            None
        }
    }
}
