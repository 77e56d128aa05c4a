//! How a question is told to have changed since it was reviewed.

use crate::model::Status;
use crate::record::Record;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the store remembers of a question when it is reviewed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Snapshot {
    /// Pending, answered or withdrawn.
    pub status: Status,
    /// Date of the answer in the JO.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<NaiveDate>,
    /// Date of withdrawal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<NaiveDate>,
    /// FNV-1a 64 hash (hex) of the dated events (kind, and date as days since 1 January of
    /// year 1) and of the answer's words.
    pub fingerprint: String,
    /// The latest signalement and the ministry that must answer; none in snapshots taken by
    /// review files of format 1, which did not keep them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<SnapshotDetail>,
}

/// The parts of a snapshot that format 1 did not keep.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SnapshotDetail {
    /// Date of the latest signalement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signaled: Option<NaiveDate>,
    /// The ministry that must answer.
    #[serde(default)]
    pub ministry: String,
}

impl Snapshot {
    /// The snapshot of a question as it is now.
    ///
    /// The fingerprint leaves out what a parser fix or a re-saved page could alter without
    /// the question changing (event labels, pages, line wrapping of the answer), so that a
    /// reviewed question is not reported changed for nothing.
    pub fn of(question: &(impl Record + ?Sized)) -> Snapshot {
        Snapshot {
            status: question.status(),
            answered: question.answered(),
            withdrawn: question.withdrawn(),
            fingerprint: format!("{:016x}", question.fingerprint()),
            detail: Some(SnapshotDetail {
                signaled: question.signaled(),
                ministry: question.ministry().to_string(),
            }),
        }
    }

    /// How the question changed between this snapshot and `now`, if it did; the most
    /// telling change first (an answer before a signalement before a new ministry).
    pub fn change_to(&self, now: &Snapshot) -> Option<Change> {
        if self.answered.is_none() && now.answered.is_some() {
            return Some(Change::Answered);
        }
        if self.withdrawn.is_none() && now.withdrawn.is_some() {
            return Some(Change::Withdrawn);
        }
        if let (Some(then), Some(detail)) = (&self.detail, &now.detail) {
            if detail.signaled.is_some() && detail.signaled != then.signaled {
                return Some(Change::Signaled);
            }
            if detail.ministry != then.ministry {
                return Some(Change::MinistryChanged);
            }
        }
        let same = self.status == now.status
            && self.answered == now.answered
            && self.withdrawn == now.withdrawn
            && self.fingerprint == now.fingerprint;
        (!same).then_some(Change::Other)
    }
}

/// Why a question is to be looked at again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// It appeared since the previous load and was not reviewed since.
    New,
    /// It was answered since it was reviewed.
    Answered,
    /// It was withdrawn since it was reviewed.
    Withdrawn,
    /// It was signalé (or signalé again) since it was reviewed.
    Signaled,
    /// Another ministry must answer it since it was reviewed.
    MinistryChanged,
    /// Another dated event or the answer text changed since it was reviewed.
    Other,
}

/// How many questions changed since they were last reviewed, by kind of change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSummary {
    /// Questions new since the previous load, not reviewed since.
    pub new_questions: usize,
    /// Reviewed questions answered since.
    pub new_answers: usize,
    /// Reviewed questions withdrawn since.
    pub new_withdrawals: usize,
    /// Reviewed questions signalées since.
    pub new_signalements: usize,
    /// Reviewed questions with another ministry since.
    pub new_ministries: usize,
    /// Reviewed questions otherwise changed since.
    pub other_changes: usize,
}

impl ChangeSummary {
    /// Adds one change to the counts.
    pub fn count(&mut self, change: Change) {
        match change {
            Change::New => self.new_questions += 1,
            Change::Answered => self.new_answers += 1,
            Change::Withdrawn => self.new_withdrawals += 1,
            Change::Signaled => self.new_signalements += 1,
            Change::MinistryChanged => self.new_ministries += 1,
            Change::Other => self.other_changes += 1,
        }
    }

    /// Questions to look at again, all kinds together.
    pub fn total(&self) -> usize {
        self.new_questions
            + self.new_answers
            + self.new_withdrawals
            + self.new_signalements
            + self.new_ministries
            + self.other_changes
    }
}
