//! The viewer's whole state. [`super::update`] changes it; [`super::view`] draws it.

use chrono::NaiveDate;
use dossier_core::deadline::{timing, Timing};
use dossier_core::i18n::Lang;
use dossier_core::load::{Diagnostic, LoadReport, Progress, Severity};
use dossier_core::model::{Question, Status};
use dossier_core::query::{Hit, Query, QueryError, SearchIndex, SortKey};
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::sync::Arc;

use super::filtering::{compute, FilterJob, BACKGROUND_THRESHOLD};
use dossier_core::review::{ReviewData, ReviewStore};
use tui_textarea::TextArea;

/// The note editor, open on one question.
pub struct NoteEditor {
    /// The question's id.
    pub id: String,
    /// Its index in the dossier.
    pub index: usize,
    /// The text being edited.
    pub text: TextArea<'static>,
}

use super::view::chronology::Chronology;
use super::view::detail::DetailLines;

/// Cached chronology counts and what they were computed for.
pub(crate) type ChronologyCache = Option<((u64, usize, usize), Option<Chronology>)>;

/// A loaded dossier with what the viewer derives from it once.
pub struct Dossier {
    /// The questions, in load order.
    pub questions: Vec<Question>,
    /// Folded search keys, built once.
    pub index: SearchIndex,
    /// Deadline and delays of each question, as of `today`.
    pub timings: Vec<Timing>,
    /// What the load had to say.
    pub diagnostics: Vec<Diagnostic>,
    /// Files that gave no question.
    pub files_skipped: usize,
    /// Questions waiting for an answer (counted once: the status bar shows it every frame).
    pub pending: usize,
    /// Pending questions past their deadline.
    pub overdue: usize,
}

impl Dossier {
    /// Derives what the viewer needs from a load.
    pub fn new(report: LoadReport, today: NaiveDate) -> Self {
        let index = SearchIndex::build(&report.questions);
        Self::with_index(report, index, today)
    }

    /// Same as [`Dossier::new`] with an index built elsewhere (e.g. on the loading thread).
    pub fn with_index(report: LoadReport, index: SearchIndex, today: NaiveDate) -> Self {
        let timings: Vec<Timing> = report.questions.iter().map(|q| timing(q, today)).collect();
        let pending = report
            .questions
            .iter()
            .filter(|q| q.status == Status::Pending)
            .count();
        let overdue = timings.iter().filter(|t| t.is_overdue()).count();
        Dossier {
            questions: report.questions,
            index,
            timings,
            diagnostics: report.diagnostics,
            files_skipped: report.files_skipped,
            pending,
            overdue,
        }
    }

    /// An empty dossier (while loading).
    pub fn empty() -> Self {
        Dossier {
            questions: Vec::new(),
            index: SearchIndex::build(&[]),
            timings: Vec::new(),
            diagnostics: Vec::new(),
            files_skipped: 0,
            pending: 0,
            overdue: 0,
        }
    }
}

/// The panes of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

/// A window drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overlay {
    /// None.
    #[default]
    None,
    /// The key help, scrolled by this many lines.
    Help(usize),
    /// The load diagnostics, scrolled by this many lines.
    Diagnostics(usize),
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

/// How a transient message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Where each part of the screen goes, for a terminal size and state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The list pane, if shown.
    pub list: Option<Rect>,
    /// The detail pane, if shown.
    pub detail: Option<Rect>,
    /// The timeline pane, if shown.
    pub timeline: Option<Rect>,
    /// The filter line, if shown.
    pub filter: Option<Rect>,
    /// The status bar.
    pub status: Rect,
}

/// Width under which panes are shown one or two at a time.
pub const NARROW_WIDTH: u16 = 100;

/// Height under which only the focused pane is shown.
pub const SHORT_HEIGHT: u16 = 18;

/// The viewer's state.
pub struct App {
    /// Interface language.
    pub lang: Lang,
    /// The date taken as today.
    pub today: NaiveDate,
    /// The questions and what derives from them (shared with the filtering thread).
    pub dossier: Arc<Dossier>,
    /// Progress of a load still running.
    pub loading: Option<Progress>,
    /// The questions shown, in display order.
    pub hits: Vec<Hit>,
    /// Selected position in `hits`.
    pub selected: usize,
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
    /// The terminal's size.
    pub size: Rect,
    /// Mouse reporting on.
    pub mouse: bool,
    /// Colours.
    pub theme: super::theme::Theme,
    /// The app should exit.
    pub quit: bool,
    /// Wrapped detail text, kept while the question, width and filter stay the same.
    pub(crate) detail_cache: RefCell<Option<DetailLines>>,
    /// Dossier chronology counts, kept per (filter generation, shown count, width).
    pub(crate) chronology_cache: RefCell<ChronologyCache>,
    /// The query and quick filters the current hits were computed for.
    last_filter: Option<(Query, bool, bool)>,
    /// Large dossiers are filtered off the UI thread (set by the event loop).
    pub background_filtering: bool,
    /// A filter job waiting to be handed to the background thread.
    pub pending_job: Option<FilterJob>,
    /// Generation of the newest filter job; older results are dropped.
    pub filter_generation: u64,
    /// A background filter is running: the list shows the previous result meanwhile.
    pub filtering: bool,
    /// The question to keep selected when the running filter's result arrives.
    keep_selected: Option<usize>,
    /// Review marks and notes, saved at once to the review file.
    pub review: ReviewStore,
    /// A copy of the review data for filtering (refreshed after each change).
    pub review_data: Arc<ReviewData>,
    /// The note editor, when open.
    pub note_editor: Option<NoteEditor>,
    /// Pending questions not yet reviewed (kept up to date on load and review changes).
    pub to_review: usize,
}

impl App {
    /// A viewer over a loaded dossier.
    pub fn new(dossier: Dossier, lang: Lang, today: NaiveDate) -> Self {
        let mut app = App {
            lang,
            today,
            dossier: Arc::new(dossier),
            loading: None,
            hits: Vec::new(),
            selected: 0,
            list_offset: 0,
            sort: SortKey::default(),
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
            size: Rect::new(0, 0, 120, 40),
            mouse: false,
            theme: super::theme::Theme::from_env(),
            quit: false,
            detail_cache: RefCell::new(None),
            chronology_cache: RefCell::new(None),
            last_filter: None,
            background_filtering: false,
            pending_job: None,
            filter_generation: 0,
            filtering: false,
            keep_selected: None,
            review: ReviewStore::unavailable("no review file"),
            review_data: Arc::new(ReviewData::default()),
            note_editor: None,
            to_review: 0,
        };
        app.refresh();
        app.count_to_review();
        app.announce_diagnostics();
        app
    }

    /// Installs a dossier that finished loading.
    pub fn set_dossier(&mut self, dossier: Dossier) {
        self.dossier = Arc::new(dossier);
        self.hits.clear();
        // What the load says replaces older messages.
        self.message = None;
        self.count_to_review();
        self.loading = None;
        self.last_filter = None;
        self.detail_cache.replace(None);
        self.chronology_cache.replace(None);
        self.refresh();
        self.announce_diagnostics();
    }

    /// Attaches the review store: records this load in it (new questions), and says what
    /// changed since the last review, or why marks cannot be saved.
    pub fn set_review(&mut self, review: ReviewStore) {
        self.review = review;
        self.observe_load();
    }

    /// Records the current dossier in the review store and announces the changes.
    pub fn observe_load(&mut self) {
        let summary = self.review.observe(&self.dossier.questions, self.today);
        self.review_changed();
        let lang = self.lang;
        let phrases = super::i18n::Phrases(lang);
        if let Some(reason) = self.review.read_only_reason().map(str::to_string) {
            self.show_also(phrases.review_read_only(&reason), MessageKind::Warning);
        } else if let Some(error) = &summary.save_error {
            self.show_also(phrases.not_saved(error), MessageKind::Warning);
        } else if let Some(sentence) = summary.sentence(lang) {
            self.show_also(sentence, MessageKind::Info);
        }
    }

    /// Takes a new copy of the review data for filtering, and re-filters when the filter
    /// uses review terms.
    pub fn review_changed(&mut self) {
        self.review_data = Arc::new(self.review.data().clone());
        self.detail_cache.replace(None);
        self.count_to_review();
        if !self.filter.query.is_empty() {
            self.last_filter = None;
            self.refresh();
        }
    }

    fn count_to_review(&mut self) {
        self.to_review = self
            .dossier
            .questions
            .iter()
            .filter(|q| q.status == Status::Pending && !self.review.is_reviewed(q))
            .count();
    }

    fn announce_diagnostics(&mut self) {
        let phrases = super::i18n::Phrases(self.lang);
        let skipped = self
            .dossier
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Skipped)
            .count();
        let warnings = self.dossier.diagnostics.len() - skipped;
        if skipped > 0 {
            self.show(phrases.skipped_files(skipped), MessageKind::Warning);
        } else if warnings > 0 {
            self.show(phrases.warnings(warnings), MessageKind::Warning);
        }
    }

    /// Adds to the current message (load warnings and review changes both matter at start).
    pub fn show_also(&mut self, text: impl Into<String>, kind: MessageKind) {
        match self.message.take() {
            Some(previous) => {
                let kind = if previous.kind == MessageKind::Warning {
                    previous.kind
                } else {
                    kind
                };
                self.show(format!("{} · {}", previous.text, text.into()), kind);
            }
            None => self.show(text, kind),
        }
    }

    /// Shows a transient message.
    pub fn show(&mut self, text: impl Into<String>, kind: MessageKind) {
        self.message = Some(Message {
            text: text.into(),
            kind,
            ticks_left: 24,
        });
    }

    /// The selected question's index in `dossier.questions`.
    pub fn selected_index(&self) -> Option<usize> {
        self.hits.get(self.selected).map(|h| h.index)
    }

    /// The selected question.
    pub fn selected_question(&self) -> Option<&Question> {
        self.selected_index().map(|i| &self.dossier.questions[i])
    }

    /// Recomputes the shown questions after a change of filter, quick filter or sort,
    /// keeping the same question selected when it is still shown. Large dossiers are
    /// filtered in the background: the job waits in `pending_job` for the event loop.
    pub fn refresh(&mut self) {
        let keep = if self.filtering {
            self.keep_selected
        } else {
            self.selected_index()
        };
        let query = self.filter.query.clone();
        let key = (query.clone(), self.only_unanswered, self.only_overdue);
        // When the query only grew, the new hits are among the old ones.
        let candidates = match &self.last_filter {
            Some((prev, u, o))
                if !self.filtering
                    && *u == self.only_unanswered
                    && *o == self.only_overdue
                    && query.refines(prev) =>
            {
                Some(self.hits.iter().map(|h| h.index).collect())
            }
            _ => None,
        };
        self.filter_generation += 1;
        let job = FilterJob {
            generation: self.filter_generation,
            dossier: Arc::clone(&self.dossier),
            query,
            only_unanswered: self.only_unanswered,
            only_overdue: self.only_overdue,
            sort: self.sort,
            reverse: self.reverse,
            today: self.today,
            candidates,
            review: Arc::clone(&self.review_data),
        };
        self.last_filter = Some(key);
        if self.background_filtering && self.dossier.questions.len() >= BACKGROUND_THRESHOLD {
            self.keep_selected = keep;
            self.filtering = true;
            self.pending_job = Some(job);
        } else {
            let hits = compute(&job);
            self.keep_selected = keep;
            self.apply_hits(job.generation, hits);
        }
    }

    /// Installs the result of a filter job, unless a newer one was asked for since.
    pub fn apply_hits(&mut self, generation: u64, hits: Vec<Hit>) {
        if generation != self.filter_generation {
            return;
        }
        self.filtering = false;
        self.hits = hits;
        let keep = self.keep_selected.take();
        let position = keep.and_then(|k| self.hits.iter().position(|h| h.index == k));
        match position {
            Some(p) => self.selected = p,
            None => {
                self.selected = 0;
                self.detail_scroll = 0;
            }
        }
        self.clamp_list();
    }

    /// Rows of questions the list shows at once.
    pub fn list_rows(&self) -> usize {
        // Borders and the header row take three lines.
        self.areas()
            .list
            .map_or(1, |r| r.height.saturating_sub(3).max(1) as usize)
    }

    /// Keeps the selection valid and visible.
    pub fn clamp_list(&mut self) {
        if self.hits.is_empty() {
            self.selected = 0;
            self.list_offset = 0;
            return;
        }
        self.selected = self.selected.min(self.hits.len() - 1);
        let rows = self.list_rows();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self.list_offset.min(self.hits.len().saturating_sub(rows));
    }

    /// Where each part of the screen goes at the current size.
    pub fn areas(&self) -> Areas {
        layout(self.size, self)
    }
}

/// Splits the screen: list on top, detail and timeline side by side below on wide screens;
/// on narrow screens the list and the focused pane; on short screens the focused pane alone.
pub fn layout(area: Rect, app: &App) -> Areas {
    let mut areas = Areas::default();
    if area.width == 0 || area.height == 0 {
        return areas;
    }
    let status_height = 1.min(area.height);
    areas.status = Rect::new(
        area.x,
        area.y + area.height - status_height,
        area.width,
        status_height,
    );
    let mut body = Rect::new(area.x, area.y, area.width, area.height - status_height);
    let show_filter = app.editing_filter || !app.filter.text.is_empty();
    if show_filter && body.height >= 2 {
        areas.filter = Some(Rect::new(body.x, body.y + body.height - 1, body.width, 1));
        body.height -= 1;
    }
    if body.height == 0 {
        return areas;
    }
    if body.height < SHORT_HEIGHT - 1 {
        match app.focus {
            Pane::List => areas.list = Some(body),
            Pane::Detail => areas.detail = Some(body),
            Pane::Timeline => areas.timeline = Some(body),
        }
        return areas;
    }
    // A small dossier does not need 40% of the screen for its list.
    let wanted = app.hits.len().max(1) as u16 + 3;
    let list_height = (body.height * 2 / 5).min(wanted).max(6).min(body.height);
    let list = Rect::new(body.x, body.y, body.width, list_height);
    let below = Rect::new(
        body.x,
        body.y + list_height,
        body.width,
        body.height - list_height,
    );
    areas.list = Some(list);
    if below.height == 0 {
        return areas;
    }
    if body.width < NARROW_WIDTH {
        if app.focus == Pane::Timeline {
            areas.timeline = Some(below);
        } else {
            areas.detail = Some(below);
        }
    } else {
        let detail_width = below.width * 3 / 5;
        areas.detail = Some(Rect::new(below.x, below.y, detail_width, below.height));
        areas.timeline = Some(Rect::new(
            below.x + detail_width,
            below.y,
            below.width - detail_width,
            below.height,
        ));
    }
    areas
}
