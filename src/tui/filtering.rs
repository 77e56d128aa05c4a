//! Computing the shown questions: one pure function, run in place for small dossiers and on
//! the filter's lane (see [`super::latest`]) for large ones, so that typing never waits for a
//! long match.

use super::dossier::Dossier;
use chrono::NaiveDate;
use dossier_core::query::{
    filter_cancellable, sort_first_hits_indexed, sort_hits_indexed, Hit, Query, QueryContext,
    SortKey,
};
use dossier_core::review::ReviewState;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Everything needed to compute the shown questions.
#[derive(Clone)]
pub struct FilterJob {
    /// Which request this is; only the newest result is used.
    pub generation: u64,
    /// The questions and their index.
    pub dossier: Arc<Dossier>,
    /// The parsed filter.
    pub query: Query,
    /// Sort key.
    pub sort: SortKey,
    /// Sort order reversed.
    pub reverse: bool,
    /// The date taken as today.
    pub today: NaiveDate,
    /// When the query only narrowed, the previous hits to search among.
    pub candidates: Option<Vec<usize>>,
    /// Review marks, for `is:reviewed`, `is:flagged`, `has:note`, `is:changed`.
    pub review: Arc<ReviewState>,
}

impl std::fmt::Debug for FilterJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilterJob")
            .field("generation", &self.generation)
            .finish()
    }
}

/// Hits above which the first screens are sorted and shown before the whole list is.
pub const PARTIAL_FROM: usize = 5_000;
/// Hits sorted first in that case: several screens of the tallest terminal.
pub const FIRST_SORTED: usize = 500;

/// Filters and sorts (by score first when there are free words).
/// `None` when `cancel` was set meanwhile.
pub fn compute(job: &FilterJob, cancel: &AtomicBool) -> Option<Vec<Hit>> {
    compute_in_steps(job, cancel, |_| {})
}

/// [`compute`], handing `early` the list with only its first [`FIRST_SORTED`] hits in
/// order when it is long: that much is drawn while the rest is sorted.
pub fn compute_in_steps(
    job: &FilterJob,
    cancel: &AtomicBool,
    early: impl FnOnce(Vec<Hit>),
) -> Option<Vec<Hit>> {
    let dossier = &job.dossier;
    let ctx = QueryContext {
        today: job.today,
        review: job.review.as_ref(),
        related: dossier.related.get(),
        texts: Some(dossier.as_ref()),
    };
    let hits = filter_cancellable(
        &dossier.rows,
        &dossier.index,
        &job.query,
        &ctx,
        job.candidates.as_deref(),
        cancel,
    )?;
    let mut hits = hits;
    if hits.len() >= PARTIAL_FROM {
        let mut first = hits.clone();
        sort_first_hits_indexed(
            &dossier.rows,
            &dossier.index,
            &mut first,
            job.sort,
            job.reverse,
            job.query.has_free_words(),
            job.today,
            FIRST_SORTED,
        );
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        early(first);
    }
    sort_hits_indexed(
        &dossier.rows,
        &dossier.index,
        &mut hits,
        job.sort,
        job.reverse,
        job.query.has_free_words(),
        job.today,
    );
    (!cancel.load(Ordering::Relaxed)).then_some(hits)
}
