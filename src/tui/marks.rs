//! Review marks and notes as the viewer changes them: a mark or a flag on the selected
//! question, every question shown marked reviewed, the counts that follow (a mark moves only
//! its own count, whatever the dossier's size), the saves queued on the writer's thread and
//! how they ended, the review files read again and what they brought.

use super::app::{App, MessageKind, Reading, SaveWhat, Saving, TO_REVIEW};
use super::command::Command;
use super::effect::Effect;
use super::hits;
use super::messages::{show, show_save_news};
use super::words::{prompts, ui};
use dossier_core::i18n::review as review_words;
use dossier_core::review::store::{ReadResult, Saved};
use dossier_core::review::writer::Job;
use dossier_core::review::ReviewError;
use std::sync::Arc;

/// How a change to the review state moves the counts of questions to review.
#[derive(Debug, Clone, Copy)]
pub enum Recount {
    /// Count again (what came from the files).
    All,
    /// Only the selected question changed: whether it was to review before, and after.
    One(bool, bool),
    /// Every question shown is now reviewed as it stands (`X`): none shown is to review.
    ShownReviewed,
}

/// The review state changed: a new copy for filtering (it shares the state's structure: no
/// cost, whatever its size), new content, new counts; a mark moves only its own count (it
/// costs the same in a dossier of any size).
pub fn changed(app: &mut App, recount_how: Recount) {
    let counted = app.counted_all.is_for(&app.dossier, &app.review_state);
    app.review_state = Arc::new(app.review.state().clone());
    if app.filter.query.uses_review() {
        // The list is filtered again (see `hits::follow`), and counted with it.
        return;
    }
    let c = &mut app.counts;
    match recount_how {
        Recount::All => hits::recount(app),
        Recount::One(false, true) => {
            c.to_review += 1;
            c.to_review_all += 1;
        }
        Recount::One(true, false) => {
            c.to_review = c.to_review.saturating_sub(1);
            c.to_review_all = c.to_review_all.saturating_sub(1);
        }
        Recount::One(..) => {}
        Recount::ShownReviewed => {
            c.to_review_all = c.to_review_all.saturating_sub(c.to_review);
            c.to_review = 0;
        }
    }
    // Moved by the change itself: how the questions count follows it, for the new state.
    if counted {
        let shown: Vec<usize> = match recount_how {
            Recount::All => return,
            Recount::One(before, after) if before != after => {
                app.selected_index().into_iter().collect()
            }
            Recount::One(..) => Vec::new(),
            Recount::ShownReviewed => app.shown_hits().iter().map(|h| h.index).collect(),
        };
        let to_review = matches!(recount_how, Recount::One(_, true));
        for i in shown {
            if let Some(f) = app.counted_all.flags.get_mut(i) {
                *f = if to_review {
                    *f | TO_REVIEW
                } else {
                    *f & !TO_REVIEW
                };
            }
        }
        app.counted_all.now_for(&app.review_state);
    }
}

/// Marks the selected question reviewed or not (acknowledging its change), flags it, or
/// marks it "to signal".
pub fn toggle(app: &mut App, command: Command) {
    let Some(index) = app.selected_index() else {
        return;
    };
    let dossier = Arc::clone(&app.dossier);
    let Some(q) = dossier.rows.get(index) else {
        return;
    };
    let lang = app.lang;
    let was_changed = app.review.is_reviewed(&q.id) && app.review.is_changed(q);
    let before = app.is_to_review(q);
    let result = match command {
        Command::ToggleReviewed => app.review.toggle_reviewed(q, app.today).map(|on| {
            if on && was_changed {
                ui::acknowledged(lang, &q.id)
            } else {
                ui::reviewed(lang, &q.id, on)
            }
        }),
        Command::ToggleFlag => app
            .review
            .toggle_flag(&q.id, app.today)
            .map(|on| ui::flagged(lang, &q.id, on)),
        Command::ToggleToSignal => app
            .review
            .toggle_to_signal(&q.id, app.today)
            .map(|on| ui::to_signal(lang, &q.id, on)),
        _ => return,
    };
    match result {
        Ok(text) => {
            let after = app.is_to_review(q);
            show_save_news(app, SaveWhat::Marks(text));
            changed(app, Recount::One(before, after));
        }
        Err(e) => show(
            app,
            ui::review_read_only(lang, &review_words::error(lang, &e)),
            MessageKind::Warning,
        ),
    }
}

/// Marks these questions (the ones shown, asked first) reviewed as they stand.
pub fn mark_all(app: &mut App, ids: &[String]) {
    let lang = app.lang;
    let dossier = Arc::clone(&app.dossier);
    let at: Vec<usize> = ids
        .iter()
        .filter_map(|id| dossier.get(id))
        .map(|(i, _)| i)
        .collect();
    // How each stands, on every core (the recount after reads them again).
    {
        use rayon::prelude::*;
        at.par_iter().for_each(|&i| {
            dossier.snapshot(i);
        });
    }
    let marks = at.iter().filter_map(|&i| {
        let q = dossier.rows.get(i)?;
        Some((&*q.id, dossier.snapshot(i)?.clone()))
    });
    match app.review.mark_all_reviewed_as(marks, app.today) {
        Ok(n) => {
            show_save_news(app, SaveWhat::Marks(prompts::marked_shown(lang, n)));
            changed(app, Recount::ShownReviewed);
        }
        Err(e) => show(
            app,
            ui::review_read_only(lang, &review_words::error(lang, &e)),
            MessageKind::Warning,
        ),
    }
}

/// Reads the review files again (another window's or a colleague's changes), unless a read
/// runs; what it brings is merged into the note editor open on `for_note` too.
pub fn read(app: &mut App, fx: &mut Vec<Effect>, for_note: Option<String>) {
    if app.review.location().is_none() {
        return;
    }
    match &mut app.reading {
        Reading::Running { for_note: waiting } => {
            if for_note.is_some() {
                *waiting = for_note;
            }
        }
        Reading::Idle => {
            app.reading = Reading::Running { for_note };
            fx.push(Effect::Review(Job::Read(app.review.read_job())));
        }
    }
}

/// How a save ended, for what waits on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveEnded {
    /// Saved; true when it changed what the marks show.
    Saved(bool),
    /// Failed (kept, said, and tried again later).
    Failed,
}

/// A save ended: saved, or the failure kept and said.
pub fn saved(app: &mut App, result: Result<Saved, ReviewError>) -> SaveEnded {
    let lang = app.lang;
    let failed_before = app.saving == Saving::Failed;
    app.saving = Saving::Idle;
    match app.review.saved(result) {
        Ok(changed) => {
            // A message about a change says itself that it is saved now.
            if failed_before && app.save_news.is_none() {
                show(app, ui::saved_again(lang), MessageKind::Info);
            }
            SaveEnded::Saved(changed)
        }
        Err(e) => {
            app.saving = Saving::Failed;
            // Said by the message about the change, if it is still shown; what a load saw
            // is no change of the staffer's (the status bar says it).
            if app.save_news.is_none() && app.review.has_unsaved_user_changes() {
                let why = review_words::error(lang, &e);
                show(app, ui::not_saved(lang, &why), MessageKind::Warning);
            }
            SaveEnded::Failed
        }
    }
}

/// A read of the review files ended: what others changed is said and merged; the question
/// of the note editor opened meanwhile, if any.
pub fn read_done(app: &mut App, result: ReadResult) -> Option<String> {
    let lang = app.lang;
    let for_note = match std::mem::take(&mut app.reading) {
        Reading::Running { for_note } => for_note,
        Reading::Idle => None,
    };
    let me = dossier_core::review::clock::writer_of(app.review.replica()).to_string();
    let unreadable_before = app.review.unreadable_files().len();
    let incoming = app.review.merge_read(result);
    let others: Vec<(String, usize)> = incoming
        .by_writer
        .into_iter()
        .filter(|(w, _)| *w != me)
        .collect();
    if !others.is_empty() {
        show(app, ui::incoming(lang, &others), MessageKind::Info);
    }
    if incoming.unreadable.len() > unreadable_before {
        show(
            app,
            ui::unreadable_team_files(lang, incoming.unreadable.len()),
            MessageKind::Warning,
        );
    }
    if incoming.changed {
        changed(app, Recount::All);
    }
    for_note
}

/// Queues a save when the store holds unsaved changes and none is running.
pub fn queue_save(app: &mut App, fx: &mut Vec<Effect>) {
    if app.saving == Saving::Idle {
        if let Some(job) = app.review.save_job() {
            app.saving = Saving::Running;
            fx.push(Effect::Review(Job::Save(job)));
        }
    }
}
