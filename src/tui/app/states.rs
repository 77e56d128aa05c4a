//! What is pending and where it stands, as typed states: a load, what is shown, a filter's
//! computation, a read of the review files, an answer on its way, a switch, the counts, the
//! review saves, the news of the visit and the scoreboard.

use super::*;
/// A load of the dossier: the newest asked for, its progress while it runs, and whether a
/// dossier was shown yet (since the start, or the last switch).
#[derive(Debug, Default)]
pub struct Load {
    /// The newest load asked for; older results are dropped.
    pub generation: Generation,
    /// Its progress, while it runs.
    pub progress: Option<Progress>,
    /// What the list shows.
    pub shown: Shown,
}

/// What the list shows of the loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shown {
    /// Nothing loaded yet (at start, and after a switch).
    #[default]
    Nothing,
    /// The first page of the whole library, shown while the rest loads: what needs every
    /// question (an export, the scoreboard, marking all shown, the news) waits for it.
    Preview,
    /// A loaded dossier.
    Loaded,
}

/// What the shown questions were computed for, and whether a computation runs.
#[derive(Debug, Default)]
pub struct Filtered {
    /// The newest filter asked for; older results are dropped.
    pub generation: Generation,
    /// What the newest filter was asked for (see [`super::hits::FilterKey`]).
    pub key: Option<FilterKey>,
    /// Where the result stands.
    pub state: HitsState,
}

/// Where the shown questions stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HitsState {
    /// Computed for the filter shown.
    #[default]
    Ready,
    /// Computed on the filter's lane: the list shows the previous result meanwhile.
    Computing,
    /// The first screens of a long list are in order; the rest is being sorted.
    FirstScreens,
}

/// A read of the review files, when one runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Reading {
    /// None runs.
    #[default]
    Idle,
    /// One runs; what it brings is merged into the note editor open on this question.
    Running {
        /// The question of the note editor opened meanwhile.
        for_note: Option<String>,
    },
}

/// An answer on its way that may open a question (replacing a saved view, an export's
/// file): the keys typed meanwhile wait for it (see [`App::holds_keys`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaiting {
    /// A save of the filter.
    Save,
    /// An export.
    Export,
}

/// A switch to another dossier whose review store is open, waiting for the current one's
/// saves.
pub enum Switch {
    /// None waits.
    Idle,
    /// This dossier, with its review store.
    Waiting(Origin, Box<ReviewStore>),
}

/// Most messages the log keeps.
pub const LOG_SIZE: usize = 200;

/// The figures of the status bar: among the questions shown, and in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Counts {
    /// Questions loaded.
    pub total: usize,
    /// Questions shown.
    pub shown: usize,
    /// Pending, among those shown.
    pub pending: usize,
    /// Overdue, among those shown.
    pub overdue: usize,
    /// To review, among those shown.
    pub to_review: usize,
    /// Pending, in all.
    pub pending_all: usize,
    /// Overdue, in all.
    pub overdue_all: usize,
    /// To review, in all.
    pub to_review_all: usize,
}

/// What the counts in all were made for: a dossier and a review state, held weakly (their
/// allocations stay while held, so a newer one is never taken for them); and how each
/// question counts ([`PENDING`], [`OVERDUE`], [`TO_REVIEW`]). A filter changes only what is
/// shown: it sums these for the questions shown instead of asking every one again.
#[derive(Debug, Clone, Default)]
pub struct CountedAll {
    of: Option<(std::sync::Weak<Dossier>, std::sync::Weak<ReviewState>)>,
    /// Per question, in the dossier's order: the counts it is in.
    pub flags: Vec<u8>,
}

/// Counted as pending.
pub const PENDING: u8 = 1;
/// Counted as overdue.
pub const OVERDUE: u8 = 2;
/// Counted as to review.
pub const TO_REVIEW: u8 = 4;

impl CountedAll {
    /// For this dossier and review state.
    pub fn of(dossier: &Arc<Dossier>, review: &Arc<ReviewState>, flags: Vec<u8>) -> CountedAll {
        CountedAll {
            of: Some((Arc::downgrade(dossier), Arc::downgrade(review))),
            flags,
        }
    }

    /// True when made for this dossier and review state.
    pub fn is_for(&self, dossier: &Arc<Dossier>, review: &Arc<ReviewState>) -> bool {
        self.of.as_ref().is_some_and(|(d, r)| {
            std::ptr::eq(d.as_ptr(), Arc::as_ptr(dossier))
                && std::ptr::eq(r.as_ptr(), Arc::as_ptr(review))
        })
    }

    /// Made for this review state now (the change moved the counts itself).
    pub fn now_for(&mut self, review: &Arc<ReviewState>) {
        if let Some((_, r)) = self.of.as_mut() {
            *r = Arc::downgrade(review);
        }
    }
}

/// Where the review saves stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Saving {
    /// Nothing to save.
    #[default]
    Idle,
    /// A save runs.
    Running,
    /// The latest save failed (the store keeps why); the change is kept and tried again.
    Failed,
}

/// Where the save of the review changes stands, as the status bar and the messages about a
/// change say it: the one source of both (the store's edit counts and its latest failure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// On disk (or nothing to save).
    Saved,
    /// Written by a save that has not finished.
    Saving,
    /// The latest save failed, in words; the change is kept and tried again.
    Failed(String),
}

/// A message about a change to the review marks, worded after where its save stands
/// ("saving…" until the change is on disk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveNews {
    /// The change's edit count: on disk once the store has saved up to it.
    pub generation: u64,
    /// What changed.
    pub what: SaveWhat,
}

/// What a [`SaveNews`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveWhat {
    /// A mark, a flag, marks on the questions shown: the sentence that says it.
    Marks(String),
    /// A note saved (or deleted) on this question.
    Note {
        /// The question's id.
        id: String,
        /// The note was emptied.
        deleted: bool,
    },
}

/// Dossiers at least this large are filtered on a background thread.
pub const BACKGROUND_THRESHOLD: usize = 5_000;

/// What the shown questions are computed from: compared after every action with what
/// they were computed for (see [`super::hits::follow`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FilterKey {
    /// The query.
    pub query: Query,
    sort: SortKey,
    reverse: bool,
    /// The dossier (a new load is a new `Arc`).
    dossier: usize,
    /// The review state, when the query reads it.
    review: Option<usize>,
    /// Whether the relations are found, when the query reads them.
    related: Option<bool>,
    /// Whether the word index is built, when the query needs it.
    words: Option<bool>,
}

impl FilterKey {
    /// What the state asks for now.
    pub fn of(app: &App) -> FilterKey {
        let query = app.filter.query.clone();
        FilterKey {
            review: query
                .uses_review()
                .then_some(Arc::as_ptr(&app.review_state) as usize),
            related: query
                .uses_related()
                .then(|| app.dossier.related.get().is_some()),
            words: query
                .needs_words()
                .then(|| app.dossier.index.words().is_some()),
            dossier: Arc::as_ptr(&app.dossier) as usize,
            sort: app.sort,
            reverse: app.reverse,
            query,
        }
    }

    /// True when only the query (or the order) differs.
    pub fn same_questions(&self, other: &FilterKey) -> bool {
        (self.dossier, self.review, self.related, self.words)
            == (other.dossier, other.review, other.related, other.words)
    }
}

/// What was new in the dossier at this visit, as the news window shows it.
#[derive(Debug)]
pub struct NewsShown {
    /// What is new.
    pub news: dossier_core::news::News,
    /// Since when.
    pub since: dossier_core::news::Since,
    /// Per group (in `news.sections`' order), the items left out of the window (it shows
    /// [`NewsShown::MAX_PER_GROUP`] of each; `dossier news` tells them all).
    pub more: Vec<usize>,
}

impl NewsShown {
    /// Items shown per group: a first import can make every question of the library news.
    pub const MAX_PER_GROUP: usize = 300;

    /// The news as the window shows it: each group cut to [`NewsShown::MAX_PER_GROUP`].
    pub fn new(mut news: dossier_core::news::News, since: dossier_core::news::Since) -> NewsShown {
        let more = news
            .sections
            .iter_mut()
            .map(|s| {
                let over = s.items.len().saturating_sub(Self::MAX_PER_GROUP);
                s.items.truncate(Self::MAX_PER_GROUP);
                over
            })
            .collect();
        NewsShown { news, since, more }
    }

    /// The items left out of the group of `section` (its index in `news.sections`).
    pub fn more_of(&self, section: usize) -> usize {
        self.more.get(section).copied().unwrap_or(0)
    }
}

/// The scoreboard computed for the screen: the newest asked for, and the one kept.
#[derive(Debug, Default)]
pub struct Scores {
    /// The newest computation asked for; older results are dropped.
    pub generation: Generation,
    /// What it was asked for.
    pub asked: Option<ScoresKey>,
    /// The scoreboard computed, and what for.
    pub board: Option<(ScoresKey, Arc<Scoreboard>)>,
    /// The filter term Enter wrote last (taken away before the next one is written).
    pub term: Option<String>,
}

/// What a scoreboard is computed from: the dossier (a new load is a new `Arc`) and the
/// dimension of its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScoresKey {
    /// The dossier.
    pub dossier: usize,
    /// The dimension.
    pub by: By,
}
