//! The viewer's whole state. [`super::update::update`] changes it; [`super::view`] draws it.
//!
//! Questions are referred to by id wherever a reload could move them (the selection to keep,
//! the note being edited); positions (`selected`, hit indices) are only ever used within one
//! dossier and one list of hits.

use super::keymap::{Keymap, Mode};
use super::layout::ViewCache;
use super::theme::Theme;
use chrono::NaiveDate;
use dossier_core::deadline::{timing, Current, Timing};
use dossier_core::export::Format;
use dossier_core::i18n::Lang;
use dossier_core::library::Origin;
use dossier_core::load::{LoadReport, Progress};
use dossier_core::model::{Question, Status};
use dossier_core::parse::diagnostic::Diagnostic;
use dossier_core::query::{Hit, Query, QueryError, SearchIndex, SortKey};
use dossier_core::review::{NoteBase, NoteVersion, ReviewState, ReviewStore, Snapshot};
use dossier_core::views::SavedView;
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

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

    /// The position of a question of this dossier (by identity, not only by id).
    fn position(&self, q: &Question) -> Option<usize> {
        let i = *self.by_id.get(&q.id)?;
        std::ptr::eq(self.questions.get(i)?, q).then_some(i)
    }
}

/// The panes of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Pane {
    /// The list of questions.
    #[default]
    List,
    /// The selected question's text.
    Detail,
    /// Its key dates, or the dossier's.
    Timeline,
}

impl Pane {
    /// The next pane for Tab.
    pub fn next(self) -> Self {
        match self {
            Pane::List => Pane::Detail,
            Pane::Detail => Pane::Timeline,
            Pane::Timeline => Pane::List,
        }
    }

    /// The previous pane for Shift-Tab.
    pub fn prev(self) -> Self {
        match self {
            Pane::List => Pane::Timeline,
            Pane::Detail => Pane::List,
            Pane::Timeline => Pane::Detail,
        }
    }
}

/// A window drawn over the panes, with its scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Overlay {
    /// None.
    #[default]
    None,
    /// The key help.
    Help(usize),
    /// The messages of the session and the load diagnostics.
    Log(usize),
}

/// The filter line being edited or kept.
#[derive(Debug, Clone, Default)]
pub struct FilterLine {
    /// What the user typed.
    pub text: String,
    /// Cursor, as a byte offset into `text` (always on a char boundary).
    pub cursor: usize,
    /// The last query that parsed (the list shows its result).
    pub query: Query,
    /// Why the current text does not parse, if it does not.
    pub error: Option<QueryError>,
}

/// What a prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// A dossier of the library (or a saved view) to switch to.
    Switch,
    /// A name to save the current filter under.
    SaveView,
    /// The format to export the questions shown in.
    ExportFormat,
    /// The file to export them to.
    ExportPath(Format),
    /// One of the questions related to this one (its id), to go to.
    Related(String),
}

/// What choosing an entry of a picker does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceValue {
    /// Open this dossier of the library (none: the whole library).
    Dossier(Option<String>),
    /// Apply this saved view.
    View(SavedView),
    /// Export in this format.
    Format(Format),
    /// Go to the question with this id.
    Question(String),
}

/// One entry of a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What the entry is called.
    pub label: String,
    /// What it holds (a query), shown dimmed beside it.
    pub detail: String,
    /// What choosing it does.
    pub value: ChoiceValue,
}

/// A small window asking for a line of text, or for one of a list of choices filtered by
/// what is typed (fuzzy, as in a command palette).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What it asks for.
    pub kind: PromptKind,
    /// What the user typed.
    pub text: String,
    /// Cursor, as a byte offset into `text`.
    pub cursor: usize,
    /// The choices of a picker (`None` while they are being read, and for text prompts).
    pub choices: Option<Vec<Choice>>,
    /// The choices that match `text`, best first (indices into `choices`).
    pub shown: Vec<usize>,
    /// Selected position in `shown`.
    pub selected: usize,
    /// Why the choices could not be read, or the text is refused.
    pub error: Option<String>,
}

impl Prompt {
    /// A prompt asking for text, starting with `text`.
    pub fn text(kind: PromptKind, text: &str) -> Prompt {
        Prompt {
            kind,
            text: text.to_string(),
            cursor: text.len(),
            choices: None,
            shown: Vec::new(),
            selected: 0,
            error: None,
        }
    }

    /// True for a prompt that offers choices.
    pub fn is_picker(&self) -> bool {
        matches!(
            self.kind,
            PromptKind::Switch | PromptKind::ExportFormat | PromptKind::Related(_)
        )
    }

    /// The selected choice.
    pub fn chosen(&self) -> Option<&Choice> {
        let i = *self.shown.get(self.selected)?;
        self.choices.as_ref()?.get(i)
    }
}

/// An action that waits for a yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Mark these questions (the ones shown) reviewed.
    MarkShown(Vec<String>),
    /// Replace this file with the export.
    Overwrite(PathBuf, Format),
    /// Replace the dossier or view of this save's name.
    ReplaceView(Box<super::effects::SaveJob>),
}

/// How a message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// Neutral.
    Info,
    /// Something needs attention.
    Warning,
}

/// A message shown in the status bar for a while.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// How it looks.
    pub kind: MessageKind,
    /// Ticks left before it disappears.
    pub ticks_left: u16,
}

/// Most messages the log keeps.
pub const LOG_SIZE: usize = 200;

/// The note editor, open on one question.
pub struct NoteEditor {
    /// The question's id.
    pub id: String,
    /// The text being edited.
    pub text: super::editor::Editor,
    /// What the note was when the editor opened (to tell a changed draft).
    pub original: String,
    /// The versions the edit replaces.
    pub base: NoteBase,
    /// The versions in conflict when the editor opened, shown beside it.
    pub conflict: Vec<NoteVersion>,
    /// Asking whether to throw the changed draft away (and then quit, when true).
    pub confirm_discard: Option<bool>,
}

impl NoteEditor {
    /// The draft's text.
    pub fn draft(&self) -> String {
        self.text.text()
    }

    /// True when the draft differs from the note it started from.
    pub fn changed(&self) -> bool {
        self.draft().trim_end() != self.original.trim_end()
    }
}

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

/// Where the review saves stand.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Saving {
    /// Nothing to save.
    #[default]
    Idle,
    /// A save runs.
    Running,
    /// The latest save failed (the change is kept and tried again).
    Failed(String),
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

/// Width under which panes are shown one or two at a time.
pub const NARROW_WIDTH: u16 = 100;

/// Height under which only the focused pane is shown.
pub const SHORT_HEIGHT: u16 = 18;

/// Dossiers at least this large are filtered on a background thread.
pub const BACKGROUND_THRESHOLD: usize = 5_000;

/// How the viewer is set up.
pub struct Settings {
    /// Interface language.
    pub lang: Lang,
    /// The date taken as today.
    pub today: NaiveDate,
    /// Colours.
    pub theme: Theme,
    /// Keys.
    pub keymap: Keymap,
    /// Default sort.
    pub sort: SortKey,
    /// Mouse reporting on.
    pub mouse: bool,
    /// A filter to start with.
    pub query: String,
    /// Where the questions come from.
    pub origin: Origin,
    /// The saved views of the dossier (none: views cannot be saved).
    pub views_file: Option<PathBuf>,
    /// The folder exports are proposed in.
    pub export_dir: PathBuf,
    /// The similarity engine's settings.
    pub related: dossier_core::related::Config,
    /// The legislature in session as configured, for loads (the data can only raise it).
    pub legislature: Option<u16>,
}

impl Settings {
    /// French, the built-in keys and theme, sorted by date.
    pub fn new(lang: Lang, today: NaiveDate) -> Settings {
        Settings {
            lang,
            today,
            theme: Theme::default(),
            keymap: Keymap::defaults(),
            sort: SortKey::default(),
            mouse: false,
            query: String::new(),
            origin: Origin::Sample,
            views_file: None,
            export_dir: PathBuf::from("."),
            related: dossier_core::related::Config::default(),
            legislature: None,
        }
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
    /// Progress of a load still running.
    pub loading: Option<Progress>,
    /// Generation of the newest load asked for; older results are dropped.
    pub load_generation: u64,
    /// True until the first load is installed.
    pub first_load: bool,
    /// The questions shown, in display order.
    pub hits: Vec<Hit>,
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
    /// The filter line.
    pub filter: FilterLine,
    /// The filter line has the keyboard.
    pub editing_filter: bool,
    /// Only questions waiting for an answer.
    pub only_unanswered: bool,
    /// Only overdue questions.
    pub only_overdue: bool,
    /// The pane with the keyboard.
    pub focus: Pane,
    /// A window over the panes.
    pub overlay: Overlay,
    /// First line of the detail drawn.
    pub detail_scroll: usize,
    /// First line of the timeline drawn.
    pub timeline_scroll: usize,
    /// The timeline shows the whole dossier instead of the question.
    pub chronology: bool,
    /// A transient message.
    pub message: Option<Message>,
    /// Every message of the session, newest last.
    pub log: Vec<Message>,
    /// The terminal's size.
    pub size: Rect,
    /// Mouse reporting on.
    pub mouse: bool,
    /// The app should exit.
    pub quit: bool,
    /// Review marks and notes.
    pub review: ReviewStore,
    /// A copy of the review state for filtering on another thread.
    pub review_state: Arc<ReviewState>,
    /// Where the saves stand.
    pub saving: Saving,
    /// The message shown is about this change, and follows its save.
    pub save_news: Option<SaveNews>,
    /// A read of the review files is running.
    pub review_read_pending: bool,
    /// The note editor open on this question waits for a read of the review files (what
    /// it brings is merged into the editor when it arrives).
    pub note_awaits_read: Option<String>,
    /// An answer on its way may open a mode (a save or an export asking before it
    /// replaces): the keys typed meanwhile wait for it (see [`App::holds_keys`]).
    pub awaiting_mode: bool,
    /// Ticks since the start.
    pub ticks: u64,
    /// The note editor, when open.
    pub note_editor: Option<NoteEditor>,
    /// The status bar's figures.
    pub counts: Counts,
    /// Generation of the newest filter; older results are dropped.
    pub filter_generation: u64,
    /// A background filter runs: the list shows the previous result meanwhile.
    pub filtering: bool,
    /// The word index of the dossier is being built (searches read the questions meanwhile).
    pub indexing: bool,
    /// The query and quick filters the current hits were computed for.
    pub last_filter: Option<(Query, bool, bool)>,
    /// Large dossiers are filtered off the UI thread (the runtime sets this).
    pub background_filtering: bool,
    /// What the views draw, laid out by `update` (see [`super::layout`]).
    pub cache: ViewCache,
    /// Where the questions come from (a switch changes it).
    pub origin: Origin,
    /// The saved views of the dossier.
    pub views_file: Option<PathBuf>,
    /// The folder exports are proposed in.
    pub export_dir: PathBuf,
    /// A prompt or picker, when open.
    pub prompt: Option<Prompt>,
    /// An action waiting for a yes.
    pub confirm: Option<Confirm>,
    /// A switch whose review store is ready, waiting for the saves of the current one.
    pub pending_switch: Option<(Origin, Box<ReviewStore>)>,
    /// A switch asked for and not installed yet.
    pub switching: bool,
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
}

/// What a row of the list grouped by campaign stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignRow {
    /// A campaign: its first question shown, with its count among those the filter keeps.
    Head {
        /// The campaign's first question's position (its key in `expanded`).
        key: u32,
        /// Questions of the campaign shown.
        count: usize,
        /// Of which pending.
        pending: usize,
        /// Of which answered.
        answered: usize,
        /// Its other questions are listed under it.
        expanded: bool,
    },
    /// Another question of an opened campaign (the last one under its head, or not).
    Member {
        /// The last of the campaign's rows.
        last: bool,
    },
}

impl App {
    /// A viewer with nothing loaded yet, over a review store.
    pub fn new(settings: Settings, review: ReviewStore) -> Self {
        let mut app = App {
            lang: settings.lang,
            today: settings.today,
            legislature: settings.legislature,
            theme: settings.theme,
            keymap: settings.keymap,
            dossier: Arc::new(Dossier::empty()),
            loading: None,
            load_generation: 0,
            first_load: true,
            hits: Vec::new(),
            selected: 0,
            selected_id: None,
            list_offset: 0,
            sort: settings.sort,
            reverse: false,
            filter: FilterLine::default(),
            editing_filter: false,
            only_unanswered: false,
            only_overdue: false,
            focus: Pane::List,
            overlay: Overlay::None,
            detail_scroll: 0,
            timeline_scroll: 0,
            chronology: false,
            message: None,
            log: Vec::new(),
            size: Rect::new(0, 0, 120, 40),
            mouse: settings.mouse,
            quit: false,
            review_state: Arc::new(review.state().clone()),
            review,
            saving: Saving::Idle,
            save_news: None,
            review_read_pending: false,
            note_awaits_read: None,
            awaiting_mode: false,
            ticks: 0,
            note_editor: None,
            counts: Counts::default(),
            filter_generation: 0,
            filtering: false,
            indexing: false,
            last_filter: None,
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
            prompt: None,
            confirm: None,
            pending_switch: None,
            switching: false,
        };
        if !settings.query.is_empty() {
            app.filter.text = settings.query.clone();
            app.filter.cursor = settings.query.len();
            match Query::parse(&settings.query) {
                Ok(q) => app.filter.query = q,
                Err(e) => app.filter.error = Some(e),
            }
        }
        app
    }

    /// The keymap mode the keyboard is in.
    pub fn mode(&self) -> Mode {
        if self.note_editor.is_some() {
            Mode::Note
        } else if self.prompt.is_some() || self.confirm.is_some() {
            Mode::Prompt
        } else if self.editing_filter && self.overlay == Overlay::None {
            Mode::Filter
        } else {
            Mode::Normal
        }
    }

    /// True while the keys typed must wait before they are read: the mode they are for is
    /// not known yet (an answer on its way may open one, or the choices of the picker open
    /// are still being read).
    pub fn holds_keys(&self) -> bool {
        self.awaiting_mode
            || self
                .prompt
                .as_ref()
                .is_some_and(|p| p.is_picker() && p.choices.is_none())
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

    /// A question a relation points to: one of the dossier's, or one of the library kept
    /// beside a named dossier because it is related to one of its questions.
    pub fn related_question(&self, i: usize) -> Option<&Question> {
        self.dossier
            .questions
            .get(i)
            .or_else(|| self.dossier.related.get()?.outside(i))
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

    /// Rows of questions the list shows at once.
    pub fn list_rows(&self) -> usize {
        // Borders and the header row take three lines.
        self.cache
            .areas
            .list
            .map_or(1, |r| r.height.saturating_sub(3).max(1) as usize)
    }
}
