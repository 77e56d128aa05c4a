//! What a key (or a terminal event, or a background job) asks the app to do.

use dossier_core::library::Origin;
use dossier_core::load::{LoadReport, Progress};
use dossier_core::query::words::WordIndex;
use dossier_core::query::{Hit, SearchIndex};
use dossier_core::review::writer::Done;
use dossier_core::review::ReviewStore;

/// The commands a key can be bound to, by their names in the keymap file (`down`,
/// `toggle_reviewed`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    /// Leave the app.
    Quit,
    /// Down one line in the focused pane.
    Down,
    /// Up one line in the focused pane.
    Up,
    /// To the top of the focused pane.
    Top,
    /// To the bottom of the focused pane.
    Bottom,
    /// Down one page.
    PageDown,
    /// Up one page.
    PageUp,
    /// Down half a page.
    HalfPageDown,
    /// Up half a page.
    HalfPageUp,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// From the list, read the selected question in the detail pane.
    Open,
    /// Close the overlay, or go back to the list.
    Back,
    /// Open the filter line.
    OpenFilter,
    /// Scroll the detail to the next line holding a filter word.
    NextMatch,
    /// Scroll the detail to the previous line holding a filter word.
    PrevMatch,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Show or hide the messages and load diagnostics.
    ToggleDiagnostics,
    /// Next sort key.
    CycleSort,
    /// Reverse the sort order.
    ReverseSort,
    /// Only questions still waiting for an answer.
    ToggleUnanswered,
    /// Only overdue questions.
    ToggleOverdue,
    /// Switch the timeline between the question and the whole dossier.
    ToggleChronology,
    /// Copy a citation of the selected question to the clipboard.
    CopyCitation,
    /// Mark the selected question reviewed, or not reviewed (or acknowledge its change).
    ToggleReviewed,
    /// Set or clear the follow-up flag.
    ToggleFlag,
    /// Open the note editor on the selected question.
    EditNote,
    /// Next question to review (wrapping).
    NextToReview,
    /// Previous question to review (wrapping).
    PrevToReview,
    /// Read the dossier and the review files from disk again.
    Reload,
    /// Suspend to the shell (Ctrl-z).
    Suspend,
    /// Keep the filter and return to the list.
    FilterAccept,
    /// Clear the filter and close the line.
    FilterCancel,
    /// Delete the character before the cursor.
    FilterBackspace,
    /// Delete the character under the cursor.
    FilterDelete,
    /// Delete the word before the cursor.
    FilterDeleteWord,
    /// Delete everything before the cursor.
    FilterClear,
    /// Move the cursor left.
    FilterLeft,
    /// Move the cursor right.
    FilterRight,
    /// Cursor to the start of the line.
    FilterHome,
    /// Cursor to the end of the line.
    FilterEnd,
    /// Open the question's page on the Assemblée's site in the browser.
    OpenWeb,
    /// Read the question's source file in the pager.
    OpenSource,
    /// Open the question's source file in the editor.
    EditSource,
    /// Switch to another dossier of the library, or to a saved view.
    SwitchDossier,
    /// Save the current filter as a view (a named dossier, in the library).
    SaveView,
    /// Export the questions shown to a file.
    Export,
    /// Mark every question shown reviewed (asks first).
    MarkShownReviewed,
    /// Group the list by campaign (one row per campaign), or not.
    GroupCampaigns,
    /// Open or close the campaign of the selected row.
    ToggleCampaign,
    /// Pick one of the selected question's related questions to go to.
    RelatedQuestions,
    /// Save the note and close the editor.
    NoteSave,
    /// Close the editor (asking first when the note changed).
    NoteCancel,
}

/// Every command with its name in the keymap file.
pub const COMMANDS: &[(Command, &str)] = &[
    (Command::Quit, "quit"),
    (Command::Down, "down"),
    (Command::Up, "up"),
    (Command::Top, "top"),
    (Command::Bottom, "bottom"),
    (Command::PageDown, "page_down"),
    (Command::PageUp, "page_up"),
    (Command::HalfPageDown, "half_page_down"),
    (Command::HalfPageUp, "half_page_up"),
    (Command::FocusNext, "focus_next"),
    (Command::FocusPrev, "focus_prev"),
    (Command::Open, "open"),
    (Command::Back, "back"),
    (Command::OpenFilter, "open_filter"),
    (Command::NextMatch, "next_match"),
    (Command::PrevMatch, "prev_match"),
    (Command::ToggleHelp, "toggle_help"),
    (Command::ToggleDiagnostics, "toggle_diagnostics"),
    (Command::CycleSort, "cycle_sort"),
    (Command::ReverseSort, "reverse_sort"),
    (Command::ToggleUnanswered, "toggle_unanswered"),
    (Command::ToggleOverdue, "toggle_overdue"),
    (Command::ToggleChronology, "toggle_chronology"),
    (Command::CopyCitation, "copy_citation"),
    (Command::ToggleReviewed, "toggle_reviewed"),
    (Command::ToggleFlag, "toggle_flag"),
    (Command::EditNote, "edit_note"),
    (Command::NextToReview, "next_to_review"),
    (Command::PrevToReview, "prev_to_review"),
    (Command::Reload, "reload"),
    (Command::Suspend, "suspend"),
    (Command::FilterAccept, "filter_accept"),
    (Command::FilterCancel, "filter_cancel"),
    (Command::FilterBackspace, "filter_backspace"),
    (Command::FilterDelete, "filter_delete"),
    (Command::FilterDeleteWord, "filter_delete_word"),
    (Command::FilterClear, "filter_clear"),
    (Command::FilterLeft, "filter_left"),
    (Command::FilterRight, "filter_right"),
    (Command::FilterHome, "filter_home"),
    (Command::FilterEnd, "filter_end"),
    (Command::OpenWeb, "open_web"),
    (Command::OpenSource, "open_source"),
    (Command::EditSource, "edit_source"),
    (Command::SwitchDossier, "switch_dossier"),
    (Command::SaveView, "save_view"),
    (Command::Export, "export"),
    (Command::MarkShownReviewed, "mark_shown_reviewed"),
    (Command::GroupCampaigns, "group_campaigns"),
    (Command::ToggleCampaign, "toggle_campaign"),
    (Command::RelatedQuestions, "related_questions"),
    (Command::NoteSave, "note_save"),
    (Command::NoteCancel, "note_cancel"),
];

impl Command {
    /// The name in the keymap file.
    pub fn name(self) -> &'static str {
        COMMANDS
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("", |(_, n)| n)
    }

    /// The command of a name.
    pub fn from_name(name: &str) -> Option<Command> {
        COMMANDS.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }
}

/// A loaded dossier handed over by the loading thread.
pub struct Loaded {
    /// Which load this is; only the newest is installed.
    pub generation: u64,
    /// The questions and diagnostics.
    pub report: LoadReport,
    /// Their search keys, built on the loading thread (the word index follows, see
    /// [`Action::Indexed`]).
    pub index: SearchIndex,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("generation", &self.generation)
            .field("questions", &self.report.questions.len())
            .finish()
    }
}

/// Everything that changes the app's state: commands from keys, typed text, terminal
/// events, and the results of background work. [`super::update::update`] is the only place
/// where an action changes the state.
#[derive(Debug)]
pub enum Action {
    /// A bound command.
    Command(Command),
    /// A character typed in the filter line.
    FilterInsert(char),
    /// A key typed in the note editor.
    NoteKey(crossterm::event::KeyEvent),
    /// An answer to a yes/no question.
    Answer(bool),
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
    /// Time passes (transient messages expire).
    Tick,
    /// A load progressed.
    LoadProgress(u64, Progress),
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
    /// The terminal came back after a suspend.
    Resumed,
    /// The clipboard took a text (`Ok` names how) or could not.
    Copied(Result<String, String>),
    /// The choices of the open picker were read (or could not be).
    Choices(Result<Vec<super::app::Choice>, String>),
    /// The review store of the dossier switched to is open.
    Switched {
        /// The dossier.
        origin: Origin,
        /// Its review marks and notes.
        review: Box<ReviewStore>,
    },
    /// The current filter was saved as a view or a dossier (what to say), or was not.
    ViewSaved(Result<String, String>),
    /// An export's file is free (or to be replaced): no question follows, it is being
    /// written.
    Exporting,
    /// An export ended.
    Exported(ExportDone),
    /// A program run on the terminal (browser, pager, editor) ended: what to say, and
    /// whether it is a warning.
    Ran(Result<String, String>),
    /// A dossier or view of that name exists: replacing it waits for a yes.
    ViewExists(Box<super::effects::SaveJob>),
}

/// How an export from the viewer ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportDone {
    /// Written, in full.
    Written {
        /// The file (absolute).
        path: std::path::PathBuf,
        /// Questions written.
        count: usize,
    },
    /// The file exists: nothing written (the viewer asks before replacing it).
    Exists(std::path::PathBuf, dossier_core::export::Format),
    /// Could not be written (why, with the file).
    Failed(String),
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Command(c)
    }
}
