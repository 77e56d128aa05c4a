//! Computing the shown questions: one pure function, run in place for small dossiers and on a
//! background thread for large ones, so that typing never waits for a long match.

use super::app::Dossier;
use chrono::NaiveDate;
use dossier_core::model::Status;
use dossier_core::query::{filter, sort_hits, Hit, Query, QueryContext, SortKey};
use dossier_core::review::ReviewData;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;

/// Dossiers at least this large are filtered on the background thread.
pub const BACKGROUND_THRESHOLD: usize = 5_000;

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
    pub review: Arc<ReviewData>,
}

/// Filters, applies the quick filters, and sorts (by score first when there are free words).
pub fn compute(job: &FilterJob) -> Vec<Hit> {
    let dossier = &job.dossier;
    let ctx = QueryContext {
        today: job.today,
        review: job.review.as_ref(),
    };
    let mut hits = filter(
        &dossier.questions,
        &dossier.index,
        &job.query,
        &ctx,
        job.candidates.as_deref(),
    );
    if job.only_unanswered || job.only_overdue {
        hits.retain(|h| {
            let q = &dossier.questions[h.index];
            (!job.only_unanswered || q.status == Status::Pending)
                && (!job.only_overdue || dossier.timings[h.index].is_overdue())
        });
    }
    sort_hits(
        &dossier.questions,
        &mut hits,
        job.sort,
        job.reverse,
        job.query.has_free_words(),
        job.today,
    );
    hits
}

/// A thread that computes filter jobs, always the newest one waiting.
pub struct FilterWorker {
    jobs: Sender<FilterJob>,
    results: Receiver<(u64, Vec<Hit>)>,
}

impl FilterWorker {
    /// Starts the thread; it ends when the worker is dropped.
    pub fn spawn() -> Self {
        let (jobs, job_rx) = mpsc::channel::<FilterJob>();
        let (result_tx, results) = mpsc::channel();
        std::thread::spawn(move || {
            while let Ok(mut job) = job_rx.recv() {
                // Skip requests that newer keystrokes already replaced.
                while let Ok(newer) = job_rx.try_recv() {
                    job = newer;
                }
                let hits = compute(&job);
                if result_tx.send((job.generation, hits)).is_err() {
                    break;
                }
            }
        });
        FilterWorker { jobs, results }
    }

    /// Queues a job.
    pub fn submit(&self, job: FilterJob) {
        let _ = self.jobs.send(job);
    }

    /// A finished result, if any.
    pub fn try_result(&self) -> Option<(u64, Vec<Hit>)> {
        self.results.try_recv().ok()
    }
}
