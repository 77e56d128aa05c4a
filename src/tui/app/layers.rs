//! The state of the input layers over the main screen, as a stack: the top layer has the
//! keyboard, those under it wait (a yes/no question asked over the note editor, say) and
//! are drawn under it. Each layer holds only what it needs; the keys of each are handled in
//! its own file of [`crate::tui::layers`].

pub use crate::tui::jobs::Refusal;
use crate::tui::jobs::{ListError, SaveJob};
use crate::tui::keymap::Mode;
use crate::tui::widgets::editor::Editor;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::picker;
use dossier_core::export::Format;
use dossier_core::review::{NoteBase, NoteVersion};
use dossier_core::scoreboard::By;
use dossier_core::views::SavedView;
use std::path::PathBuf;

/// An input layer.
pub enum Layer {
    /// The filter line is being typed (its text is the app's filter).
    Filter,
    /// A window over the panes, scrolled.
    Overlay(Overlay),
    /// A small window asking for a line of text.
    Prompt(Prompt),
    /// A small window offering choices narrowed by what is typed.
    Picker(Chooser),
    /// A yes/no question.
    Confirm(Confirm),
    /// The note editor.
    Note(NoteEditor),
    /// The scoreboard screen.
    Scoreboard(Board),
}

impl Layer {
    /// The keymap mode of the keys typed while this layer has the keyboard.
    pub fn mode(&self) -> Mode {
        match self {
            Layer::Filter => Mode::Filter,
            Layer::Overlay(_) | Layer::Scoreboard(_) => Mode::Normal,
            Layer::Prompt(_) | Layer::Picker(_) => Mode::Prompt,
            Layer::Confirm(_) => Mode::Confirm,
            Layer::Note(_) => Mode::Note,
        }
    }
}

/// The layers, bottom first.
#[derive(Default)]
pub struct Layers(Vec<Layer>);

impl Layers {
    /// The layer with the keyboard.
    pub fn top(&self) -> Option<&Layer> {
        self.0.last()
    }

    /// Opens a layer over the others.
    pub fn push(&mut self, layer: Layer) {
        self.0.push(layer);
    }

    /// Opens a layer at a place in the stack (under those above it).
    pub fn insert(&mut self, at: usize, layer: Layer) {
        self.0.insert(at.min(self.0.len()), layer);
    }

    /// Closes the top layer, giving it back.
    pub fn pop(&mut self) -> Option<Layer> {
        self.0.pop()
    }

    /// True when no layer is open (the main screen has the keyboard).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The layers, bottom first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Layer> {
        self.0.iter()
    }

    /// Closes every layer of a kind.
    pub fn close(&mut self, which: impl Fn(&Layer) -> bool) {
        self.0.retain(|l| !which(l));
    }

    /// True while the filter line is being typed.
    pub fn typing_filter(&self) -> bool {
        self.iter().any(|l| matches!(l, Layer::Filter))
    }

    /// The overlay open, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.iter().rev().find_map(|l| match l {
            Layer::Overlay(o) => Some(o),
            _ => None,
        })
    }

    /// The text prompt open, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.iter().rev().find_map(|l| match l {
            Layer::Prompt(p) => Some(p),
            _ => None,
        })
    }

    /// The picker open, if any.
    pub fn picker(&self) -> Option<&Chooser> {
        self.iter().rev().find_map(|l| match l {
            Layer::Picker(p) => Some(p),
            _ => None,
        })
    }

    /// The picker open, to change.
    pub fn picker_mut(&mut self) -> Option<&mut Chooser> {
        self.0.iter_mut().rev().find_map(|l| match l {
            Layer::Picker(p) => Some(p),
            _ => None,
        })
    }

    /// The question asked, if any.
    pub fn confirm(&self) -> Option<&Confirm> {
        self.iter().rev().find_map(|l| match l {
            Layer::Confirm(c) => Some(c),
            _ => None,
        })
    }

    /// The note editor open, if any.
    pub fn note(&self) -> Option<&NoteEditor> {
        self.iter().rev().find_map(|l| match l {
            Layer::Note(n) => Some(n),
            _ => None,
        })
    }

    /// The note editor open, to change.
    pub fn note_mut(&mut self) -> Option<&mut NoteEditor> {
        self.0.iter_mut().rev().find_map(|l| match l {
            Layer::Note(n) => Some(n),
            _ => None,
        })
    }

    /// The scoreboard screen open, if any.
    pub fn board(&self) -> Option<&Board> {
        self.iter().rev().find_map(|l| match l {
            Layer::Scoreboard(b) => Some(b),
            _ => None,
        })
    }

    /// True when a question is asked about throwing the note's draft away.
    pub fn asks_discard(&self) -> bool {
        matches!(self.top(), Some(Layer::Confirm(Confirm::Discard { .. })))
    }
}

/// The scoreboard screen: what its rows are, their order, the row selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Board {
    /// What the rows are (ministries, groups, authors…).
    pub by: By,
    /// Their order.
    pub sort: BoardSort,
    /// The row selected, in that order.
    pub selected: usize,
    /// The first row drawn.
    pub offset: usize,
}

impl Board {
    /// The scoreboard by ministry, the most overdue first.
    pub fn new() -> Board {
        Board {
            by: By::Ministry,
            sort: BoardSort::Overdue,
            selected: 0,
            offset: 0,
        }
    }
}

impl Default for Board {
    fn default() -> Self {
        Board::new()
    }
}

/// The order of the scoreboard's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoardSort {
    /// The most overdue questions first.
    Overdue,
    /// The lowest answer rate first.
    Rate,
    /// The longest median delay first.
    Delay,
}

impl BoardSort {
    /// The next order (`s`).
    pub fn next(self) -> BoardSort {
        match self {
            BoardSort::Overdue => BoardSort::Rate,
            BoardSort::Rate => BoardSort::Delay,
            BoardSort::Delay => BoardSort::Overdue,
        }
    }
}

/// Which window over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OverlayKind {
    /// The key help.
    Help,
    /// The messages of the session and the load diagnostics.
    Log,
    /// What is new in the dossier since the last visit.
    News,
}

/// A window over the panes and how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlay {
    /// Which.
    pub kind: OverlayKind,
    /// Its first line drawn.
    pub scroll: usize,
    /// The line chosen (the news: the item Enter goes to).
    pub selected: usize,
}

impl Overlay {
    /// An overlay at its top.
    pub fn new(kind: OverlayKind) -> Overlay {
        Overlay {
            kind,
            scroll: 0,
            selected: 0,
        }
    }
}

/// What a text prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// A name to save the current filter under.
    SaveView,
    /// The file to export the questions shown to, in this format.
    ExportPath(Format),
}

/// A small window asking for a line of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What it asks for.
    pub kind: PromptKind,
    /// What is typed.
    pub input: LineInput,
    /// Why the text was refused.
    pub error: Option<Refusal>,
}

impl Prompt {
    /// A prompt starting with `text`.
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        Prompt {
            kind,
            input: LineInput::new(text),
            error: None,
        }
    }
}

/// What a picker offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerKind {
    /// A dossier of the library (or a saved view) to switch to.
    Switch,
    /// The format to export the questions shown in.
    ExportFormat,
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
pub type Choice = picker::Choice<ChoiceValue>;

/// A picker and what it offers.
pub struct Chooser {
    /// What it offers.
    pub kind: PickerKind,
    /// The choices and what is typed.
    pub picker: picker::Picker<ChoiceValue>,
    /// Why the choices could not be read.
    pub error: Option<ListError>,
}

/// A yes/no question, and what a yes does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Mark these questions (the ones shown) reviewed.
    MarkShown(Vec<String>),
    /// Replace this file with the export.
    Overwrite(PathBuf, Format),
    /// Replace the dossier or view of this save's name.
    ReplaceView(Box<SaveJob>),
    /// Throw the note editor's changed draft away (and then quit, when true).
    Discard {
        /// Quit once it is thrown away.
        and_quit: bool,
    },
}

/// The note editor, open on one question.
pub struct NoteEditor {
    /// The question's id.
    pub id: String,
    /// The text being edited.
    pub text: Editor,
    /// What the note was when the editor opened (to tell a changed draft).
    pub original: String,
    /// The versions the edit replaces.
    pub base: NoteBase,
    /// The versions in conflict when the editor opened, shown beside it.
    pub conflict: Vec<NoteVersion>,
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
