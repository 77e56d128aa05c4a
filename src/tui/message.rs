//! What the status bar says for a while, and the log keeps.

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
    /// Its number in the log (see [`super::app::Log::push`]).
    pub seq: u64,
}

/// What a message is about, when acting on that makes it stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// "Nothing to review": stale once a question to review is found.
    NothingToReview,
    /// "The filter is empty: nothing to save": stale once the filter line opens.
    NothingToSave,
}
