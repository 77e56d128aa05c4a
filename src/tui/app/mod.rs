//! The viewer's whole state. [`super::update::update`] changes it; [`super::screen`] lays it
//! out and draws it. Where the keyboard is lives in the stack of input layers ([`layers`]);
//! what is pending (a load, a filter, a read of the review files, a switch, an answer that
//! may ask a question) is typed state here, each with only the values it can have.
//!
//! Questions are referred to by id wherever a reload could move them (the selection to keep,
//! the note being edited); positions (`selected`, hit indices) are only ever used within one
//! dossier and one list of hits.

pub mod layers;
mod lists;
mod settings;
mod states;

pub use lists::{Filter, Log, Rows};
pub use settings::Settings;
pub use states::*;

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
use dossier_core::model::Status;
use dossier_core::query::rows::Row;
use dossier_core::query::{Hit, Query, QueryError, SortKey};
use dossier_core::review::{ReviewState, ReviewStore};
use dossier_core::scoreboard::ministries::Merger;
use dossier_core::scoreboard::{By, Scoreboard};
use layers::{Layer, Layers};
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

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

    /// The selected question's row.
    pub fn selected_question(&self) -> Option<&Row> {
        self.selected_index().and_then(|i| self.dossier.rows.get(i))
    }

    /// True when the question is one to review: pending and not reviewed yet, or changed
    /// since its review (answered, signalée, another ministry…), or new.
    pub fn is_to_review(&self, q: &Row) -> bool {
        (q.status == Status::Pending
            && !self.review.is_reviewed(&q.id)
            && !dossier_core::deadline::lapsed(q, self.dossier.current))
            || self.is_changed(q)
    }

    /// True when the question changed since its review (or is new), its snapshot taken from
    /// the dossier's, computed once.
    pub fn is_changed(&self, q: &Row) -> bool {
        // Only a reviewed question is compared with how it stands (then computed once).
        if !self.review.is_reviewed(&q.id) {
            return self.review.state().is_new(&q.id);
        }
        let cached = self
            .dossier
            .get(&q.id)
            .filter(|(_, row)| std::ptr::eq(*row, q))
            .and_then(|(i, _)| self.dossier.snapshot(i));
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
