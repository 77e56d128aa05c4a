//! Computing the shown questions: one pure function, run in place for small dossiers and on a
//! background thread for large ones, so that typing never waits for a long match.

use super::app::Dossier;
use chrono::NaiveDate;
use dossier_core::model::Status;
use dossier_core::query::{
    filter_cancellable, sort_hits_indexed, Hit, Query, QueryContext, SortKey,
};
use dossier_core::review::ReviewState;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
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
    /// Only questions waiting for an answer.
    pub only_unanswered: bool,
    /// Only overdue questions.
    pub only_overdue: bool,
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

/// Filters, applies the quick filters, and sorts (by score first when there are free words).
/// `None` when `cancel` was set meanwhile.
pub fn compute(job: &FilterJob, cancel: &AtomicBool) -> Option<Vec<Hit>> {
    let dossier = &job.dossier;
    let ctx = QueryContext {
        today: job.today,
        review: job.review.as_ref(),
    };
    let mut hits = filter_cancellable(
        &dossier.questions,
        &dossier.index,
        &job.query,
        &ctx,
        job.candidates.as_deref(),
        cancel,
    )?;
    if job.only_unanswered || job.only_overdue {
        hits.retain(|h| {
            let q = &dossier.questions[h.index];
            (!job.only_unanswered || q.status == Status::Pending)
                && (!job.only_overdue || dossier.timings[h.index].is_overdue())
        });
    }
    sort_hits_indexed(
        &dossier.questions,
        &dossier.index,
        &mut hits,
        job.sort,
        job.reverse,
        job.query.has_free_words(),
        job.today,
    );
    Some(hits)
}

/// A thread that computes filter jobs, always the newest one waiting, and cancels a running
/// one as soon as a newer one comes.
pub struct FilterWorker {
    jobs: Sender<FilterJob>,
    cancel: Arc<AtomicBool>,
}

impl FilterWorker {
    /// Starts the thread; results go to `deliver`. It ends when the worker is dropped.
    pub fn spawn(deliver: impl Fn(u64, Vec<Hit>) + Send + 'static) -> Self {
        let (jobs, rx) = mpsc::channel::<FilterJob>();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        std::thread::spawn(move || {
            while let Ok(mut job) = rx.recv() {
                // Skip requests that newer keystrokes already replaced.
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                flag.store(false, Ordering::SeqCst);
                if let Some(hits) = compute(&job, &flag) {
                    deliver(job.generation, hits);
                }
            }
        });
        FilterWorker { jobs, cancel }
    }

    /// Queues a job, cancelling the one running.
    pub fn submit(&self, job: FilterJob) {
        self.cancel.store(true, Ordering::SeqCst);
        let _ = self.jobs.send(job);
    }
}
