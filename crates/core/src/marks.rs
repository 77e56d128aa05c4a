//! The marks the list and the detail show, the same in the viewer and on the command line.

use crate::model::Status;

/// The status mark of a question: `!` overdue, `○` pending, `✓` answered, `×` withdrawn.
pub fn status(status: Status, overdue: bool) -> &'static str {
    match (status, overdue) {
        (Status::Pending, true) => "!",
        (Status::Pending, false) => "○",
        (Status::Answered, _) => "✓",
        (Status::Withdrawn, _) => "×",
    }
}

/// Changed since the review (or new).
pub const CHANGED: &str = "★";
/// Reviewed.
pub const REVIEWED: &str = "✔";
/// Follow-up flag.
pub const FLAGGED: &str = "⚑";
/// Marked "to signal" (proposed to the group president).
pub const TO_SIGNAL: &str = "◆";
/// A note.
pub const NOTE: &str = "✎";
/// A note with conflicting versions.
pub const CONFLICT: &str = "⚠";
