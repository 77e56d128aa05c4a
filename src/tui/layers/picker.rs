//! A picker's keys: typing narrows the choices, the arrows choose, Enter takes the choice
//! (a dossier to open, a view to apply, a format to export in, a related question to go
//! to), Esc (or a click) cancels. Its choices, when they are read off the thread, arrive
//! here too.

use crate::tui::action::Action;
use crate::tui::app::layers::{ChoiceValue, Chooser, Layer, PickerKind, Prompt, PromptKind};
use crate::tui::app::{App, MessageKind};
use crate::tui::command::Command;
use crate::tui::effect::Effect;
use crate::tui::jobs::{ListError, Listed};
use crate::tui::messages::show;
use crate::tui::panes::Pane;
use crate::tui::widgets::picker::Choice;
use crate::tui::words::prompts;
use dossier_core::library::Origin;

/// Handles an action; none closes the picker.
pub fn handle(
    app: &mut App,
    mut p: Chooser,
    action: Action,
    fx: &mut Vec<Effect>,
) -> Option<Chooser> {
    if let Some(edit) = super::line_edit(&action) {
        if p.picker.input.edit(edit) {
            p.picker.typed();
        }
        return Some(p);
    }
    match action {
        Action::Click(..) | Action::Command(Command::FilterCancel | Command::Back) => None,
        Action::Command(Command::Quit) => {
            app.quit = true;
            None
        }
        Action::Command(Command::Down) => {
            p.picker.step(true);
            Some(p)
        }
        Action::Command(Command::Up) => {
            p.picker.step(false);
            Some(p)
        }
        Action::Command(Command::FilterAccept) => accept(app, p, fx),
        _ => Some(p),
    }
}

/// Enter: the selected choice is taken; with none (nothing matches), nothing happens.
fn accept(app: &mut App, p: Chooser, fx: &mut Vec<Effect>) -> Option<Chooser> {
    let Some(choice) = p.picker.chosen().map(|c| c.value.clone()) else {
        return Some(p);
    };
    let lang = app.lang;
    match (choice, &p.kind) {
        (ChoiceValue::Dossier(name), _) => {
            let Origin::Library { dir, dossier } = &app.origin else {
                return None;
            };
            if *dossier == name {
                return None;
            }
            let origin = Origin::Library {
                dir: dir.clone(),
                dossier: name.clone(),
            };
            let label = name.unwrap_or_else(|| prompts::whole_library(lang).to_string());
            show(app, prompts::opening(lang, &label), MessageKind::Info);
            fx.push(Effect::OpenReview(origin));
        }
        (ChoiceValue::View(view), _) => super::normal::apply_view(app, &view),
        (ChoiceValue::Format(format), _) => {
            let path = super::normal::default_export_path(app, format);
            app.layers.push(Layer::Prompt(Prompt::new(
                PromptKind::ExportPath(format),
                &path,
            )));
        }
        (ChoiceValue::Question(id), PickerKind::Related(from)) => {
            if let Some((text, kind)) = crate::tui::related::go_to(app, from, &id) {
                show(app, text, kind);
            }
            app.focus = Pane::List;
        }
        (ChoiceValue::Question(_), _) => return Some(p),
    }
    None
}

/// The switcher's choices arrived: in the library, the whole library and each named
/// dossier, the one open selected first (unless something is typed already: keys typed in
/// one burst with the key that opened it choose among them); elsewhere, the saved views.
pub fn choices_arrived(app: &mut App, listed: Result<Listed, ListError>) {
    let lang = app.lang;
    let current = match &app.origin {
        Origin::Library { dossier, .. } => Some(ChoiceValue::Dossier(dossier.clone())),
        _ => None,
    };
    let Some(p) = app
        .layers
        .picker_mut()
        .filter(|p| p.kind == PickerKind::Switch)
    else {
        return;
    };
    match listed {
        Ok(Listed::Dossiers(dossiers)) => {
            let mut choices = vec![Choice {
                label: prompts::whole_library(lang).to_string(),
                detail: String::new(),
                value: ChoiceValue::Dossier(None),
            }];
            choices.extend(dossiers.into_iter().map(|(name, query)| Choice {
                label: name.clone(),
                detail: query,
                value: ChoiceValue::Dossier(Some(name)),
            }));
            p.picker.set_choices(choices);
        }
        Ok(Listed::Views(views)) => p.picker.set_choices(
            views
                .into_iter()
                .map(|v| Choice {
                    label: v.name.clone(),
                    detail: v.query.clone(),
                    value: ChoiceValue::View(v),
                })
                .collect(),
        ),
        Err(e) => {
            p.picker.set_choices(Vec::new());
            p.error = Some(e);
            return;
        }
    }
    if let Some(current) = current.filter(|_| p.picker.input.text().trim().is_empty()) {
        p.picker.select_where(|v| *v == current);
    }
}
