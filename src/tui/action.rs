//! What a key (or a terminal event) asks the app to do.

/// Everything that can change the app's state. Keys map to actions in [`super::keymap`];
/// [`super::update::update`] is the only place where actions change the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
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
    /// Type a character in the filter line.
    FilterInsert(char),
    /// Delete the character before the cursor.
    FilterBackspace,
    /// Delete the character under the cursor.
    FilterDelete,
    /// Move the cursor left.
    FilterLeft,
    /// Move the cursor right.
    FilterRight,
    /// Cursor to the start of the line.
    FilterHome,
    /// Cursor to the end of the line.
    FilterEnd,
    /// Delete the word before the cursor.
    FilterDeleteWord,
    /// Keep the filter and return to the list.
    FilterAccept,
    /// Clear the filter and close the line.
    FilterCancel,
    /// Scroll the detail to the next line holding a filter word.
    NextMatch,
    /// Scroll the detail to the previous line holding a filter word.
    PrevMatch,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Show or hide the load diagnostics.
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
    /// The terminal was resized.
    Resize(u16, u16),
    /// Mouse wheel down at a position.
    ScrollDownAt(u16, u16),
    /// Mouse wheel up at a position.
    ScrollUpAt(u16, u16),
    /// Mouse click at a position.
    ClickAt(u16, u16),
    /// Time passes (transient messages expire).
    Tick,
    /// Mark the selected question reviewed, or not reviewed.
    ToggleReviewed,
    /// Set or clear the follow-up flag.
    ToggleFlag,
    /// Open the note editor on the selected question.
    EditNote,
    /// A key typed in the note editor.
    NoteInput(crossterm::event::KeyEvent),
    /// Save the note and close the editor.
    NoteSave,
    /// Close the editor without saving.
    NoteCancel,
    /// Next pending question not yet reviewed (wrapping).
    NextToReview,
    /// Previous pending question not yet reviewed (wrapping).
    PrevToReview,
    /// Read the dossier and the review file from disk again.
    Reload,
}
