//! What a key (or a terminal event, or a background job) asks the app to do.

pub use super::command::Command;
use super::external::{Ran, RunError};
use super::jobs::{ExportDone, ListError, Listed, NewsFound, ViewSaved};
use dossier_core::library::Origin;
use dossier_core::load::{LoadReport, Progress};
use dossier_core::parse::problem::IoReason;
use dossier_core::query::words::WordIndex;
use dossier_core::query::{Hit, SearchIndex};
use dossier_core::review::writer::Done;
use dossier_core::review::ReviewStore;

/// A loaded dossier handed over by the loading thread.
pub struct Loaded {
    /// Which load this is; only the newest is installed.
    pub generation: u64,
    /// The questions and diagnostics.
    pub report: LoadReport,
    /// Every question's light row (for the whole library, the report holds no question).
    pub rows: super::dossier::Rows,
    /// Their search keys, built on the loading thread (the word index follows, see
    /// [`Action::Indexed`]).
    pub index: SearchIndex,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("generation", &self.generation)
            .field("questions", &self.report.questions.len())
            .field("rows", &self.rows.rows.len())
            .finish()
    }
}

/// Everything that changes the app's state: commands from keys, typed text, terminal
/// events, and the results of background work (failures typed, worded when shown).
/// [`super::update::update`] is the only place where an action changes the state.
#[derive(Debug)]
pub enum Action {
    /// A bound command.
    Command(Command),
    /// A character typed in a line (the filter line, a prompt).
    Insert(char),
    /// A key typed in the note editor.
    NoteKey(crossterm::event::KeyEvent),
    /// Text pasted into the terminal.
    Paste(String),
    /// The viewer is about to exit: save what is unsaved (an open, changed note draft too).
    Flush,
    /// The terminal was resized.
    Resize(u16, u16),
    /// Mouse wheel at a position (down when true).
    Wheel {
        /// Down, or up.
        down: bool,
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// Mouse click at a position.
    Click(u16, u16),
    /// Time passes (transient messages expire, review files are checked).
    Tick,
    /// A load progressed.
    LoadProgress(u64, Progress),
    /// The first page of a long load (the whole library's newest questions), to show
    /// while the rest is read; the load's `Loaded` replaces it.
    Preview(Box<Loaded>),
    /// A load finished.
    Loaded(Box<Loaded>),
    /// A load could not be done (a damaged library, a dossier no longer there).
    LoadFailed(u64, Box<dossier_core::library::OriginError>),
    /// The word index of a loaded dossier is built.
    Indexed {
        /// The load it indexes.
        generation: u64,
        /// The index.
        words: Box<WordIndex>,
    },
    /// The news of a loaded dossier is known.
    News(Box<NewsFound>),
    /// The related questions of a loaded dossier are found.
    Related {
        /// The load they are of.
        generation: u64,
        /// The relations.
        related: Box<dossier_core::related::RelatedSet>,
    },
    /// A background filter finished.
    HitsReady {
        /// Which request it answers.
        generation: u64,
        /// The questions shown, in order.
        hits: Vec<Hit>,
        /// False for the early copy of a long list whose first screens only are in order.
        complete: bool,
    },
    /// A review save or read finished.
    Review(Box<Done>),
    /// The review writer's thread is gone: nothing more can be saved this session.
    WriterGone,
    /// The terminal came back after a suspend.
    Resumed,
    /// The clipboard took the citation (how), or the terminal could not take it.
    Copied(Result<&'static str, IoReason>),
    /// The choices of the dossier switcher were read (or could not be).
    Choices(Result<Listed, ListError>),
    /// The review store of the dossier switched to is open.
    Switched {
        /// The dossier.
        origin: Origin,
        /// Its review marks and notes.
        review: Box<ReviewStore>,
    },
    /// A save of the filter as a dossier or a view ended (or waits for a yes).
    ViewSaved(ViewSaved),
    /// An export's file is free (or to be replaced): no question follows, it is being
    /// written.
    Exporting,
    /// An export ended.
    Exported(ExportDone),
    /// A program run on the terminal (browser, pager, editor) ended.
    Ran(Result<Ran, RunError>),
    /// The scoreboard is computed.
    Scored {
        /// Which request it answers.
        generation: u64,
        /// The scoreboard.
        board: std::sync::Arc<dossier_core::scoreboard::Scoreboard>,
    },
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Command(c)
    }
}
