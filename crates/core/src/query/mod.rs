//! The one query engine behind the TUI's filter line and `dossier list`.
//!
//! A filter line is parsed into a [`Query`] ([`Query::parse`], syntax in [`help`]), matched
//! against the questions with the folded keys of a [`SearchIndex`] built once per load
//! ([`filter`], or [`filter_cancellable`] on a background thread), and the hits are ordered by
//! [`sort_hits`] ([`sort_hits_indexed`] is the same order, faster on large lists).
//!
//! While the user types, pass the previous hits as `candidates` when the new query
//! [`Query::refines`] the previous one: only those are checked again.
//!
//! ```
//! use dossier_core::query::{filter, sort_hits, NoReview, Query, QueryContext, SearchIndex, SortKey};
//! let questions = dossier_core::load::load_sample().questions;
//! let current = dossier_core::deadline::Current::of(&questions, None);
//! let index = SearchIndex::build(&questions, current);
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
//! let ctx = QueryContext { today, review: &NoReview, related: None, texts: None };
//! let query = Query::parse("asalee status:pending").unwrap();
//! let mut hits = filter(&questions, &index, &query, &ctx, None);
//! sort_hits(&questions, &mut hits, SortKey::Date, false, query.has_free_words(), today, current);
//! assert_eq!(hits.len(), 3);
//! ```

pub mod db;
mod db_error;
pub mod help;
mod index;
mod matcher;
pub mod rows;
pub mod segments;
mod sort;
mod syntax;
pub mod words;

pub use index::{fold_text_into, SearchIndex};
pub use matcher::{filter, filter_cancellable};
pub use sort::{
    rank_first, rank_rest, sort_first_hits_indexed, sort_hits, sort_hits_indexed, sort_rows,
    Ranking, SortKey,
};
pub use syntax::{Expected, Highlight, Query, QueryError, QueryErrorKind};

use crate::record::Record;

/// Review facts some terms need (`is:reviewed`, `is:flagged`, `has:note`, `is:changed`,
/// `is:to-signal`);
/// implemented by the review store.
pub trait ReviewFacts: Sync {
    /// The staffer marked the question as reviewed.
    fn is_reviewed(&self, q: &dyn Record) -> bool;
    /// The staffer flagged the question.
    fn is_flagged(&self, q: &dyn Record) -> bool;
    /// The staffer wrote a note on the question.
    fn has_note(&self, q: &dyn Record) -> bool;
    /// The question changed since the staffer reviewed it.
    fn is_changed(&self, q: &dyn Record) -> bool;
    /// The question is marked "to signal" (proposed for a signalement).
    fn is_to_signal(&self, q: &dyn Record) -> bool;
}

/// No review store: every review fact is false.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoReview;

impl ReviewFacts for NoReview {
    fn is_reviewed(&self, _: &dyn Record) -> bool {
        false
    }
    fn is_flagged(&self, _: &dyn Record) -> bool {
        false
    }
    fn has_note(&self, _: &dyn Record) -> bool {
        false
    }
    fn is_changed(&self, _: &dyn Record) -> bool {
        false
    }
    fn is_to_signal(&self, _: &dyn Record) -> bool {
        false
    }
}

/// What matching needs besides the query and the questions.
#[derive(Clone, Copy)]
pub struct QueryContext<'a> {
    /// The date taken as today (for `is:overdue`).
    pub today: chrono::NaiveDate,
    /// Review marks (for `is:reviewed`, `is:flagged`, `has:note`, `is:changed`).
    pub review: &'a dyn ReviewFacts,
    /// The relations of the questions filtered, computed on the same slice (for `similar:`,
    /// `is:campaign`, `is:answered-elsewhere`; without them these terms match nothing).
    pub related: Option<&'a crate::related::RelatedSet>,
    /// Where the texts of questions held without them (light rows) are read, for the terms
    /// that read texts (`text:`, phrases, words before the word index is built); without
    /// it such questions have empty texts.
    pub texts: Option<&'a dyn TextSource>,
}

/// Reads the texts of questions held without them (the library's light rows).
pub trait TextSource: Sync {
    /// The question's and the answer's texts of the questions at these positions (in the
    /// slice being filtered), in the same order: borrowed when held, read otherwise;
    /// `None` for one that could not be read.
    fn texts(&self, positions: &[usize]) -> Vec<Option<SourceTexts<'_>>>;
}

/// A question's and its answer's texts, as a [`TextSource`] gives them.
pub type SourceTexts<'a> = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>);

/// A question that matched: its index in the questions' slice and its score (the sum over
/// free words of their best field score; 0 without free words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the slice given to [`filter`].
    pub index: usize,
    /// Higher is better.
    pub score: i64,
}
