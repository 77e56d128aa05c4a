//! The questions shown: computed again whenever what they depend on changed (the query, the
//! sort, the dossier, and the review marks, the relations or the word index when the query
//! reads them), compared after every action with what they were computed for
//! ([`FilterKey`]) rather than marked stale by hand; installed keeping the chosen question
//! selected; counted for the status bar; and the selection moved and kept in view.

use super::app::{
    App, CountedAll, Counts, FilterKey, HitsState, BACKGROUND_THRESHOLD, OVERDUE, PENDING,
    TO_REVIEW,
};
use super::effect::Effect;
use super::filtering::{compute, FilterJob};
use super::widgets::scroll;
use dossier_core::model::Status;
use dossier_core::query::Hit;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// Computes the shown questions again when what they depend on changed since they were
/// asked for. Large dossiers are filtered on the filter's lane; the list shows the
/// previous result meanwhile.
pub fn follow(app: &mut App, fx: &mut Vec<Effect>) {
    let key = FilterKey::of(app);
    if app.filtered.key.as_ref() == Some(&key) {
        return;
    }
    // When the query only grew, the new hits are among the old ones.
    let candidates = match &app.filtered.key {
        Some(prev)
            if app.filtered.state == HitsState::Ready
                && prev.same_questions(&key)
                && key.query.refines(&prev.query) =>
        {
            Some(app.shown_hits().iter().map(|h| h.index).collect())
        }
        _ => None,
    };
    let job = FilterJob {
        generation: app.filtered.generation.ask(),
        dossier: Arc::clone(&app.dossier),
        query: key.query.clone(),
        sort: app.sort,
        reverse: app.reverse,
        today: app.today,
        candidates,
        review: Arc::clone(&app.review_state),
    };
    app.filtered.key = Some(key);
    if app.background_filtering && app.dossier.len() >= BACKGROUND_THRESHOLD {
        app.filtered.state = HitsState::Computing;
        fx.push(Effect::Filter(job));
    } else {
        let hits = compute(&job, &AtomicBool::new(false)).unwrap_or_default();
        install(app, job.generation, hits, true);
    }
}

/// Installs the result of a filter, unless a newer one was asked for since. An early,
/// partly sorted copy shows the first screens while the rest is sorted.
pub fn install(app: &mut App, generation: u64, hits: Vec<Hit>, complete: bool) {
    if !app.filtered.generation.is_current(generation) {
        return;
    }
    app.filtered.state = if complete {
        HitsState::Ready
    } else {
        HitsState::FirstScreens
    };
    app.ungrouped = None;
    app.hits.set(hits);
    super::related::regroup(app);
    match selected_row(app) {
        Some(p) => app.selected = p,
        None => {
            // The chosen question is not shown (a filter being typed may hide it for a
            // letter or two): show the first, and take the chosen one back when it returns.
            app.selected = 0;
            app.scroll.reset();
            if app.selected_id.is_none() {
                app.selected_id = app.selected_question().map(|q| q.id.to_string());
            }
        }
    }
    recount(app);
}

/// The row of the chosen question: its own, or, in a closed campaign of the grouped list,
/// its campaign's.
fn selected_row(app: &App) -> Option<usize> {
    let i = *app.dossier.by_id.get(app.selected_id.as_deref()?)?;
    app.hits.iter().position(|h| h.index == i).or_else(|| {
        let key = *app.campaign_of.get(i)?;
        (key != super::related::NONE).then_some(())?;
        app.hits
            .iter()
            .position(|h| app.campaign_of.get(h.index) == Some(&key))
    })
}

/// After the rows changed: the chosen question's row selected, and in view.
pub fn keep_selection(app: &mut App) {
    app.selected = selected_row(app).unwrap_or(0);
    clamp(app);
}

/// The status bar's counts: among the questions shown, and in all. How each question counts
/// is asked again only for another dossier or review state; a filter's result sums it for
/// the questions shown (a keystroke on 100,000 questions asks none of them).
pub fn recount(app: &mut App) {
    let d = Arc::clone(&app.dossier);
    if !app.counted_all.is_for(&d, &app.review_state) {
        let flags = d
            .rows
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let mut f = 0;
                if q.status == Status::Pending {
                    f |= PENDING;
                }
                if d.timings.get(i).is_some_and(|t| t.is_overdue()) {
                    f |= OVERDUE;
                }
                if app.is_to_review(q) {
                    f |= TO_REVIEW;
                }
                f
            })
            .collect();
        app.counted_all = CountedAll::of(&d, &app.review_state, flags);
    }
    let flags = &app.counted_all.flags;
    let count = |f: u8, of: &mut dyn Iterator<Item = usize>| {
        of.filter(|&i| flags.get(i).is_some_and(|x| x & f != 0))
            .count()
    };
    let all = || 0..flags.len();
    let shown = || app.shown_hits().iter().map(|h| h.index);
    app.counts = Counts {
        total: d.len(),
        shown: app.shown_hits().len(),
        pending: count(PENDING, &mut shown()),
        overdue: count(OVERDUE, &mut shown()),
        to_review: count(TO_REVIEW, &mut shown()),
        pending_all: count(PENDING, &mut all()),
        overdue_all: count(OVERDUE, &mut all()),
        to_review_all: count(TO_REVIEW, &mut all()),
    };
}

/// Keeps the selection valid and visible.
pub fn clamp(app: &mut App) {
    if app.hits.is_empty() {
        app.selected = 0;
        app.list_offset = 0;
        return;
    }
    app.selected = app.selected.min(app.hits.len() - 1);
    app.list_offset = scroll::follow(
        app.list_offset,
        app.selected,
        app.list_rows(),
        app.hits.len(),
    );
}

/// Selects the row at `position`; the panes go back to their tops for another question.
pub fn select(app: &mut App, position: usize) {
    if position != app.selected {
        app.scroll.reset();
    }
    app.selected = position;
    app.selected_id = app.selected_question().map(|q| q.id.to_string());
}

/// Moves the selection by `delta` rows, within the list.
pub fn move_by(app: &mut App, delta: isize) {
    if app.hits.is_empty() {
        return;
    }
    let last = app.hits.len() - 1;
    let target = (app.selected as isize + delta).clamp(0, last as isize) as usize;
    select(app, target);
}
