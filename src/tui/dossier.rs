//! A loaded dossier with what the viewer derives from it once: search keys, deadlines,
//! positions by id, campaigns and grouped answers (found after the load), and how each
//! question stands (for what changed since a review). Shared behind an `Arc` with the
//! threads that filter, index, relate and export it.

use chrono::NaiveDate;
use dossier_core::deadline::{timing, Current, Timing};
use dossier_core::load::LoadReport;
use dossier_core::model::Question;
use dossier_core::parse::diagnostic::Diagnostic;
use dossier_core::query::SearchIndex;
use dossier_core::review::Snapshot;
use std::collections::HashMap;

/// A loaded dossier with what the viewer derives from it once.
pub struct Dossier {
    /// The questions, in load order.
    pub questions: Vec<Question>,
    /// Folded search keys, built once.
    pub index: SearchIndex,
    /// Deadline and delays of each question, as of `today`.
    pub timings: Vec<Timing>,
    /// The legislature in session, as the load said: the timings and the review queue
    /// follow it.
    pub current: Current,
    /// Position of each question by id.
    pub by_id: HashMap<String, usize>,
    /// What the load had to say.
    pub diagnostics: Vec<Diagnostic>,
    /// Files that gave no question.
    pub files_skipped: usize,
    /// What the cache needs to be written (when one is used).
    pub cache_ticket: Option<dossier_core::cache::CacheTicket>,
    /// Campaigns and grouped answers, computed after the load (on a background thread).
    pub related: std::sync::OnceLock<dossier_core::related::RelatedSet>,
    /// How each question stands, to tell what changed since its review: computed once,
    /// when first needed (a recount over 100,000 reviewed questions then costs lookups).
    pub snapshots: Vec<std::sync::OnceLock<Snapshot>>,
}

impl std::fmt::Debug for Dossier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dossier")
            .field("questions", &self.questions.len())
            .field("index", &self.index)
            .finish()
    }
}

impl Dossier {
    /// Derives what the viewer needs from a load and its index (built with the load's
    /// legislature in session).
    pub fn new(report: LoadReport, index: SearchIndex, today: NaiveDate) -> Self {
        let current = report.current;
        let timings = report
            .questions
            .iter()
            .map(|q| timing(q, today, current))
            .collect();
        let by_id = report
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        Dossier {
            snapshots: report
                .questions
                .iter()
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            questions: report.questions,
            index,
            timings,
            current,
            by_id,
            diagnostics: report.diagnostics,
            files_skipped: report.files_skipped,
            cache_ticket: report.cache,
            related: std::sync::OnceLock::new(),
        }
    }

    /// Derives what the viewer needs from a load, building the index here.
    pub fn from_report(report: LoadReport, today: NaiveDate) -> Self {
        let index = SearchIndex::build(&report.questions, report.current);
        Dossier::new(report, index, today)
    }

    /// An empty dossier (while loading).
    pub fn empty() -> Self {
        Dossier::from_report(LoadReport::default(), NaiveDate::MIN)
    }

    /// The question with this id.
    pub fn get(&self, id: &str) -> Option<(usize, &Question)> {
        let i = *self.by_id.get(id)?;
        self.questions.get(i).map(|q| (i, q))
    }

    /// How the question at `i` stands now (see [`Snapshot::of`]), computed once.
    pub fn snapshot(&self, i: usize) -> Option<&Snapshot> {
        let q = self.questions.get(i)?;
        Some(self.snapshots.get(i)?.get_or_init(|| Snapshot::of(q)))
    }

    /// A question a relation points to: one of the dossier's, or one of the library kept
    /// beside a named dossier because it is related to one of its questions.
    pub fn related_question(&self, i: usize) -> Option<&Question> {
        self.questions
            .get(i)
            .or_else(|| self.related.get()?.outside(i))
    }

    /// The position of a question of this dossier (by identity, not only by id).
    pub fn position(&self, q: &Question) -> Option<usize> {
        let i = *self.by_id.get(&q.id)?;
        std::ptr::eq(self.questions.get(i)?, q).then_some(i)
    }
}
