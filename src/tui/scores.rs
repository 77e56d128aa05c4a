//! The scoreboard as the viewer shows it: computed in the background while its screen is
//! open (a 100,000-question dossier takes a moment; no key waits for it), kept for the
//! dossier and the dimension it was computed for, ordered as the screen asks, and turned
//! into the filter's own term when a row is chosen.

use super::app::{App, MessageKind};
use super::effect::Effect;
use super::messages::show;
use super::panes::Pane;
use super::terms;
use super::words::scoreboard as words;
use dossier_core::scoreboard::{Row, Scoreboard};
use std::sync::Arc;

/// Asks for the scoreboard the screen shows, once for each dossier and dimension.
pub fn follow(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(key) = app.scores_key() else {
        return;
    };
    // Counted once every question is there (the screen says it computes meanwhile).
    if app.load.shown == super::app::Shown::Preview {
        return;
    }
    let kept = app.scores.board.as_ref().is_some_and(|(k, _)| *k == key);
    if kept || app.scores.asked == Some(key) {
        return;
    }
    app.scores.asked = Some(key);
    fx.push(Effect::Score {
        generation: app.scores.generation.ask(),
        dossier: Arc::clone(&app.dossier),
        by: key.by,
        ministries: Arc::clone(&app.ministries),
        today: app.today,
    });
}

/// A scoreboard computed: kept when it answers the newest request.
pub fn install(app: &mut App, generation: u64, board: Arc<Scoreboard>) {
    if !app.scores.generation.is_current(generation) {
        return;
    }
    if let Some(key) = app.scores.asked.take() {
        app.scores.board = Some((key, board));
    }
}

/// Filters the list to a row's questions with the query language's own term (the one
/// written for the previous row taken away), so that the filter line says what happened.
pub fn filter_to(app: &mut App, row: &Row, by: dossier_core::scoreboard::By) {
    let lang = app.lang;
    let Some(term) = terms::row(by, row, lang) else {
        show(app, words::no_term(lang, by), MessageKind::Info);
        return;
    };
    let mut text = app.filter.text().to_string();
    // The term written for the previous row, as written (a quoted value holds spaces).
    if let Some(previous) = app.scores.term.take() {
        if let Some(at) = text.find(&previous) {
            text.replace_range(at..at + previous.len(), "");
            text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    if !text.contains(&term) {
        text = format!("{} {term}", text.trim_end())
            .trim_start()
            .to_string();
    }
    if app.filter.set(&text) {
        app.scroll.set(Pane::Detail, 0);
    }
    app.focus = Pane::List;
    app.selected = 0;
    app.selected_id = None;
    show(app, words::filtered(lang, &term, row), MessageKind::Info);
    app.scores.term = Some(term);
}
