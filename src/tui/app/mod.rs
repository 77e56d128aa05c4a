//! The viewer's whole state. [`super::update::update`] changes it; [`super::screen`] lays it
//! out and draws it. Where the keyboard is lives in the stack of input layers ([`layers`]);
//! what is pending (a load, a filter, a read of the review files, a switch, an answer that
//! may ask a question) is typed state here, each with only the values it can have.
//!
//! Questions are referred to by id wherever a reload could move them (the selection to keep,
//! the note being edited); positions (`selected`, hit indices) are only ever used within one
//! dossier and one list of hits.

pub mod layers;
mod settings;

pub use settings::Settings;

use super::dossier::Dossier;
use super::keymap::{Keymap, Mode};
use super::latest::Generation;
pub use super::message::{Message, MessageKind};
pub use super::panes::list::CampaignRow;
use super::panes::{Pane, Scrolls, ViewCache};
use super::widgets::line_input::LineInput;
use super::widgets::theme::Theme;
use chrono::NaiveDate;
use dossier_core::i18n::Lang;
use dossier_core::library::Origin;
use dossier_core::load::Progress;
use dossier_core::model::{Question, Status};
use dossier_core::query::{Hit, Query, QueryError, SortKey};
use dossier_core::review::{ReviewState, ReviewStore};
use dossier_core::scoreboard::ministries::Merger;
use dossier_core::scoreboard::{By, Scoreboard};
use layers::{Layer, Layers};
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The filter: the line typed, the last query that parsed (the list shows its result), and
/// why the text does not parse, if it does not.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// What the user typed.
    pub input: LineInput,
    /// The last query that parsed.
    pub query: Query,
    /// Why the current text does not parse.
    pub error: Option<QueryError>,
}

impl Filter {
    /// A filter on this text.
    pub fn new(text: &str) -> Filter {
        let mut f = Filter::default();
        f.set(text);
        f
    }

    /// The text typed.
    pub fn text(&self) -> &str {
        self.input.text()
    }

    /// Replaces the text, and parses it: true when it parsed (the query is now its own).
    pub fn set(&mut self, text: &str) -> bool {
        self.input.set(text);
        self.parse()
    }

    /// Parses the text typed: true when it parsed (the query is now its own).
    pub fn parse(&mut self) -> bool {
        match Query::parse(self.input.text()) {
            Ok(query) => {
                self.error = None;
                self.query = query;
                true
            }
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }
}

/// The rows of the list: read as a slice; changed only through [`Rows::set`] and
/// [`Rows::take`], which count the change, so that what is built from the rows knows when
/// to build again.
#[derive(Debug, Default)]
pub struct Rows {
    hits: Vec<Hit>,
    version: u64,
}

impl std::ops::Deref for Rows {
    type Target = [Hit];
    fn deref(&self) -> &[Hit] {
        &self.hits
    }
}

impl Rows {
    /// New rows.
    pub fn set(&mut self, hits: Vec<Hit>) {
        self.hits = hits;
        self.version += 1;
    }

    /// The rows, taken out (none left).
    pub fn take(&mut self) -> Vec<Hit> {
        self.version += 1;
        std::mem::take(&mut self.hits)
    }

    /// Counts every change.
    pub fn version(&self) -> u64 {
        self.version
    }
}

/// The messages of the session, newest last: read as a slice; changed only through its
/// methods, which count the change (the log overlay is built from it).
#[derive(Debug, Default)]
pub struct Log {
    messages: Vec<Message>,
    version: u64,
}

impl std::ops::Deref for Log {
    type Target = [Message];
    fn deref(&self) -> &[Message] {
        &self.messages
    }
}

impl Log {
    /// Keeps a message (the oldest goes past [`LOG_SIZE`]); returns its number.
    pub fn push(&mut self, message: Message) -> u64 {
        self.version += 1;
        self.messages.push(Message {
            seq: self.version,
            ..message
        });
        if self.messages.len() > LOG_SIZE {
            self.messages.remove(0);
        }
        self.version
    }

    /// Words the message of this number again (a change's message, once it is saved).
    pub fn reword(&mut self, seq: u64, new: &str, kind: MessageKind) {
        if let Some(m) = self.messages.iter_mut().rev().find(|m| m.seq == seq) {
            m.text = new.to_string();
            m.kind = kind;
            self.version += 1;
        }
    }

    /// Counts every change.
    pub fn version(&self) -> u64 {
        self.version
    }
}

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

/// The viewer's state.
pub struct App {
    /// Interface language.
    pub lang: Lang,
    /// The date taken as today.
    pub today: NaiveDate,
    /// The legislature in session as configured, for loads.
    pub legislature: Option<u16>,
    /// Colours.
    pub theme: Theme,
    /// Keys.
    pub keymap: Keymap,
    /// The questions and what derives from them (shared with the filtering thread).
    pub dossier: Arc<Dossier>,
    /// The loads.
    pub load: Load,
    /// The rows of the list, in display order.
    pub hits: Rows,
    /// Selected position in `hits`.
    pub selected: usize,
    /// The id of the question to keep selected while it is shown.
    pub selected_id: Option<String>,
    /// First row of `hits` drawn in the list.
    pub list_offset: usize,
    /// Sort key of the list.
    pub sort: SortKey,
    /// Sort order reversed.
    pub reverse: bool,
    /// The filter.
    pub filter: Filter,
    /// What the shown questions were computed for.
    pub filtered: Filtered,
    /// The pane with the keyboard.
    pub focus: Pane,
    /// How far each pane is scrolled.
    pub scroll: Scrolls,
    /// The timeline shows the whole dossier instead of the question.
    pub chronology: bool,
    /// The input layers over the main screen; the top one has the keyboard.
    pub layers: Layers,
    /// A transient message.
    pub message: Option<Message>,
    /// What the message shown is about, when acting on that makes it stale.
    pub message_about: Option<super::message::About>,
    /// Every message of the session, newest last.
    pub log: Log,
    /// The terminal's size.
    pub size: Rect,
    /// Mouse reporting on.
    pub mouse: bool,
    /// The app should exit.
    pub quit: bool,
    /// Review marks and notes.
    pub review: ReviewStore,
    /// A copy of the review state for filtering on another thread (a new one at every
    /// change: what is built from the marks knows it by this).
    pub review_state: Arc<ReviewState>,
    /// Where the saves stand.
    pub saving: Saving,
    /// The message shown is about this change, and follows its save.
    pub save_news: Option<SaveNews>,
    /// What was new in the dossier at this visit (none until known).
    pub news: Option<Arc<NewsShown>>,
    /// A read of the review files.
    pub reading: Reading,
    /// An answer on its way that may ask a question.
    pub awaiting: Option<Awaiting>,
    /// A switch waiting for the saves of the current dossier.
    pub switch: Switch,
    /// Ticks since the start.
    pub ticks: u64,
    /// The status bar's figures.
    pub counts: Counts,
    /// The dossier and review state the counts in all were made for (see
    /// [`super::hits::recount`]).
    pub counted_all: CountedAll,
    /// Large dossiers are filtered off the UI thread (the runtime sets this).
    pub background_filtering: bool,
    /// What the views draw, laid out after every change (see [`super::screen`]).
    pub cache: ViewCache,
    /// Where the questions come from (a switch changes it).
    pub origin: Origin,
    /// The saved views of the dossier.
    pub views_file: Option<PathBuf>,
    /// The folder exports are proposed in.
    pub export_dir: PathBuf,
    /// The similarity engine's settings.
    pub related_config: dossier_core::related::Config,
    /// The list shows one row per campaign.
    pub group_campaigns: bool,
    /// The campaigns opened in the grouped list, by their first question's position.
    pub expanded: std::collections::HashSet<u32>,
    /// The rows of the grouped list that stand for a campaign, or belong to one opened.
    pub campaign_rows: HashMap<usize, CampaignRow>,
    /// While grouped: every question the filter keeps (`hits` holds the rows).
    pub ungrouped: Option<Vec<Hit>>,
    /// The campaign of each question (its first question's position), `u32::MAX` for none.
    pub campaign_of: Arc<Vec<u32>>,
    /// How many questions the signalement memo proposes at most.
    pub signalement_quota: usize,
    /// Ministries' labels merged into one row of the scoreboard.
    pub ministries: Arc<Merger>,
    /// The scoreboard, computed in the background while its screen is open.
    pub scores: Scores,
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

impl App {
    /// A viewer with nothing loaded yet, over a review store.
    pub fn new(settings: Settings, review: ReviewStore) -> Self {
        App {
            lang: settings.lang,
            today: settings.today,
            legislature: settings.legislature,
            theme: settings.theme,
            keymap: settings.keymap,
            dossier: Arc::new(Dossier::empty()),
            load: Load::default(),
            hits: Rows::default(),
            selected: 0,
            selected_id: None,
            list_offset: 0,
            sort: settings.sort,
            reverse: false,
            filter: Filter::new(&settings.query),
            filtered: Filtered::default(),
            focus: Pane::List,
            scroll: Scrolls::default(),
            chronology: false,
            layers: Layers::default(),
            message: None,
            message_about: None,
            log: Log::default(),
            size: Rect::new(0, 0, 120, 40),
            mouse: settings.mouse,
            quit: false,
            review_state: Arc::new(review.state().clone()),
            review,
            saving: Saving::Idle,
            save_news: None,
            news: None,
            reading: Reading::Idle,
            awaiting: None,
            switch: Switch::Idle,
            ticks: 0,
            counts: Counts::default(),
            counted_all: CountedAll::default(),
            background_filtering: false,
            cache: ViewCache::default(),
            origin: settings.origin,
            views_file: settings.views_file,
            export_dir: settings.export_dir,
            related_config: settings.related,
            group_campaigns: false,
            expanded: Default::default(),
            campaign_rows: Default::default(),
            ungrouped: None,
            campaign_of: Arc::new(Vec::new()),
            signalement_quota: settings.signalement_quota,
            ministries: Arc::new(Merger::new(&settings.ministries)),
            scores: Scores::default(),
        }
    }

    /// The keymap mode the keyboard is in: the top layer's.
    pub fn mode(&self) -> Mode {
        self.layers.top().map_or(Mode::Normal, Layer::mode)
    }

    /// True while the keys typed must wait before they are read: the mode they are for is
    /// not known yet (an answer on its way may open one, or the choices of the picker open
    /// are still being read).
    pub fn holds_keys(&self) -> bool {
        self.awaiting.is_some()
            || matches!(self.layers.top(), Some(Layer::Picker(p)) if p.picker.choices.is_none())
    }

    /// The selected question's index in `dossier.questions`.
    pub fn selected_index(&self) -> Option<usize> {
        self.hits.get(self.selected).map(|h| h.index)
    }

    /// Every question the filter keeps, in order (all of a campaign's, also when the list
    /// shows it as one row): what an export or "mark all shown" acts on.
    pub fn shown_hits(&self) -> &[Hit] {
        self.ungrouped.as_deref().unwrap_or(&self.hits)
    }

    /// The selected question.
    pub fn selected_question(&self) -> Option<&Question> {
        self.selected_index()
            .and_then(|i| self.dossier.questions.get(i))
    }

    /// True when the question is one to review: pending and not reviewed yet, or changed
    /// since its review (answered, signalée, another ministry…), or new.
    pub fn is_to_review(&self, q: &Question) -> bool {
        (q.status == Status::Pending
            && !self.review.is_reviewed(&q.id)
            && !dossier_core::deadline::lapsed(q, self.dossier.current))
            || self.is_changed(q)
    }

    /// True when the question changed since its review (or is new), its snapshot taken from
    /// the dossier's, computed once.
    pub fn is_changed(&self, q: &Question) -> bool {
        // Only a reviewed question is compared with how it stands (then computed once).
        if !self.review.is_reviewed(&q.id) {
            return self.review.state().is_new(&q.id);
        }
        let cached = self
            .dossier
            .position(q)
            .and_then(|i| self.dossier.snapshot(i));
        match cached {
            Some(now) => self.review.change_from(&q.id, now).is_some(),
            None => self.review.is_changed(q),
        }
    }

    /// Where the save of every change made so far stands (the status bar's mark).
    pub fn save_state(&self) -> SaveState {
        if !self.review.save_pending() {
            return SaveState::Saved;
        }
        self.save_state_of(self.review.generation())
    }

    /// Where the save of the change counted `generation` stands.
    pub fn save_state_of(&self, generation: u64) -> SaveState {
        if self.review.saved_generation() >= generation {
            return SaveState::Saved;
        }
        match self.review.save_problem() {
            Some(e) => SaveState::Failed(dossier_core::i18n::review::error(self.lang, e)),
            None => SaveState::Saving,
        }
    }

    /// What the scoreboard screen open asks for, if it is open.
    pub fn scores_key(&self) -> Option<ScoresKey> {
        let board = self.layers.board()?;
        Some(ScoresKey {
            dossier: Arc::as_ptr(&self.dossier) as usize,
            by: board.by,
        })
    }

    /// The scoreboard for the screen open, when it is computed.
    pub fn scoreboard(&self) -> Option<&Arc<Scoreboard>> {
        self.scoreboard_by(self.layers.board()?.by)
    }

    /// The scoreboard of the dossier by `by`, when it is computed.
    pub fn scoreboard_by(&self, by: By) -> Option<&Arc<Scoreboard>> {
        let key = ScoresKey {
            dossier: Arc::as_ptr(&self.dossier) as usize,
            by,
        };
        self.scores
            .board
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, b)| b)
    }

    /// Rows of questions the list shows at once.
    pub fn list_rows(&self) -> usize {
        // Borders and the header row take three lines.
        self.cache
            .areas
            .list
            .map_or(1, |r| r.height.saturating_sub(3).max(1) as usize)
    }
}
