//! The one place where what was done off the viewer's thread comes back: loads and their
//! progress, the word index and the relations, filters, review saves and reads, the
//! switcher's choices, the review store of a dossier switched to, saves of the filter,
//! exports, programs run on the terminal, the clipboard, the scoreboard; and time passing. Each result is
//! taken only when it still answers the newest request; failures arrive typed and are worded
//! here, in the user's language.

use super::action::Action;
use super::app::layers::{Confirm, Layer};
use super::app::{App, MessageKind, Saving, Switch};
use super::effect::Effect;
use super::jobs::{ExportDone, ViewSaved};
use super::messages::{show, show_also};
use super::words::{outcomes, prompts, ui};
use super::{hits, layers, loading, marks, scores};
use dossier_core::review::writer::Done;

/// Ticks between tries of a failed save, and between checks of the review files for
/// colleagues' (or another window's) changes.
const RETRY_TICKS: u64 = 20;
const WATCH_TICKS: u64 = 8;

/// True for the actions this module handles (the rest are input, for the layers).
pub fn handles(action: &Action) -> bool {
    !matches!(
        action,
        Action::Command(_)
            | Action::Insert(_)
            | Action::NoteKey(_)
            | Action::Paste(_)
            | Action::Flush
            | Action::Resize(..)
            | Action::Wheel { .. }
            | Action::Click(..)
    )
}

/// Takes a result (or a tick) into the state.
pub fn handle(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let lang = app.lang;
    match action {
        Action::Tick => tick(app, fx),
        Action::LoadProgress(generation, p) => {
            if app.load.generation.is_current(generation) {
                app.load.progress = Some(p);
            }
        }
        Action::Preview(page) => loading::preview(app, *page),
        Action::Loaded(loaded) => loading::install(app, *loaded, fx),
        Action::LoadFailed(generation, e) => loading::failed(app, generation, &e),
        Action::Indexed { generation, words } => loading::indexed(app, generation, *words, fx),
        Action::Related {
            generation,
            related,
        } => loading::related_found(app, generation, *related, fx),
        Action::News(found) => super::news::found(app, *found),
        Action::HitsReady {
            generation,
            hits,
            complete,
        } => hits::install(app, generation, hits, complete),
        Action::Review(done) => review_done(app, *done, fx),
        Action::WriterGone => {
            app.saving = Saving::Failed;
            let text = ui::not_saved(lang, outcomes::writer_gone(lang));
            show(app, text, MessageKind::Warning);
        }
        Action::Resumed => {}
        Action::Copied(Ok(how)) => {
            if let Some(q) = app.selected_index().and_then(|i| app.dossier.question(i)) {
                let text = ui::copied(lang, how, &ui::citation(lang, &q));
                show(app, text, MessageKind::Info);
            }
        }
        Action::Copied(Err(why)) => {
            show(app, outcomes::not_copied(lang, &why), MessageKind::Warning)
        }
        Action::Choices(listed) => layers::picker::choices_arrived(app, listed),
        Action::Switched { origin, review } => loading::switched(app, origin, review, fx),
        Action::ViewSaved(saved) => {
            app.awaiting = None;
            match saved {
                ViewSaved::Exists(job) => {
                    app.layers.push(Layer::Confirm(Confirm::ReplaceView(job)))
                }
                other => {
                    let (text, kind) = outcomes::view_saved(lang, &other);
                    show(app, text, kind);
                }
            }
        }
        Action::Exporting => app.awaiting = None,
        Action::Exported(done) => {
            app.awaiting = None;
            match done {
                ExportDone::Exists(path, format) => app
                    .layers
                    .push(Layer::Confirm(Confirm::Overwrite(path, format))),
                other => {
                    let (text, kind) = outcomes::exported(lang, &other);
                    show(app, text, kind);
                }
            }
        }
        Action::Ran(ran) => {
            if let Some((text, kind)) = outcomes::ran(lang, &ran) {
                show(app, text, kind);
            }
        }
        Action::Scored { generation, board } => scores::install(app, generation, board),
        // Input: the layers' (see `handles`).
        Action::Command(_)
        | Action::Insert(_)
        | Action::NoteKey(_)
        | Action::Paste(_)
        | Action::Flush
        | Action::Resize(..)
        | Action::Wheel { .. }
        | Action::Click(..) => {}
    }
}

/// Time passes: a message ages (one about a save waits for it), a failed save is tried
/// again, the review files are read again now and then.
fn tick(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(m) = app.message.as_mut().filter(|_| app.save_news.is_none()) {
        m.ticks_left = m.ticks_left.saturating_sub(1);
        if m.ticks_left == 0 {
            app.message = None;
        }
    }
    app.ticks += 1;
    if app.saving == Saving::Failed && app.ticks % RETRY_TICKS == 0 {
        app.saving = Saving::Idle;
    }
    if app.ticks % WATCH_TICKS == 0 {
        marks::read(app, fx, None);
    }
}

/// A review save or read ended. A switch waiting for the saves happens once they are done,
/// or is given up when one fails.
fn review_done(app: &mut App, done: Done, fx: &mut Vec<Effect>) {
    match done {
        Done::Saved(result) => match marks::saved(app, result) {
            marks::SaveEnded::Saved(changed) => {
                if let Switch::Waiting(origin, review) =
                    std::mem::replace(&mut app.switch, Switch::Idle)
                {
                    loading::switched(app, origin, review, fx);
                } else if changed {
                    marks::changed(app, marks::Recount::All);
                }
            }
            marks::SaveEnded::Failed => {
                if let Switch::Waiting(..) = std::mem::replace(&mut app.switch, Switch::Idle) {
                    let text = prompts::switch_cancelled(app.lang).to_string();
                    show_also(app, text, MessageKind::Warning);
                }
            }
        },
        Done::Read(result) => {
            if let Some(id) = marks::read_done(app, result) {
                layers::note::read_arrived(app, &id);
            }
        }
    }
}
