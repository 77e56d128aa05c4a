//! What the store keeps per question, and how a question is told to have changed since it was
//! reviewed.

use crate::i18n::Lang;
use crate::model::{Question, Status};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::hash::Hasher;

/// The review state of one question, keyed in the store by the question's stable id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewEntry {
    /// The day the question was marked reviewed; none when it is not reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<NaiveDate>,
    /// The question as it stood when it was reviewed, to tell later changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<Snapshot>,
    /// The day the follow-up flag was set; none when no follow-up is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flagged: Option<NaiveDate>,
    /// Free text, possibly several lines; empty when there is no note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The day the note was last edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noted: Option<NaiveDate>,
    /// The day the question first appeared in a load after the first one: it is new until
    /// reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<NaiveDate>,
}

impl ReviewEntry {
    /// True when the entry records nothing (it is then left out of the file).
    pub fn is_empty(&self) -> bool {
        *self == ReviewEntry::default()
    }

    /// True when the note has some text.
    pub fn has_note(&self) -> bool {
        !self.note.trim().is_empty()
    }

    /// How `question` changed since this entry last saw it: new, or reviewed and since then
    /// answered, withdrawn or otherwise changed. `None` when there is nothing to look at again.
    pub fn change(&self, question: &Question) -> Option<Change> {
        if self.added.is_some() {
            return Some(Change::New);
        }
        self.reviewed?;
        let then = self.snapshot.as_ref()?;
        let now = Snapshot::of(question);
        if *then == now {
            None
        } else if then.answered.is_none() && now.answered.is_some() {
            Some(Change::Answered)
        } else if then.withdrawn.is_none() && now.withdrawn.is_some() {
            Some(Change::Withdrawn)
        } else {
            Some(Change::Other)
        }
    }
}

/// What the store remembers of a question when it is reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

impl Snapshot {
    /// The snapshot of a question as it is now.
    ///
    /// The fingerprint leaves out what a parser fix or a re-saved page could alter without
    /// the question changing (event labels, pages, line wrapping of the answer), so that a
    /// reviewed question is not reported changed for nothing.
    pub fn of(question: &Question) -> Snapshot {
        let mut events: Vec<(&str, NaiveDate)> = question
            .events
            .iter()
            .map(|e| (e.kind.as_str(), e.date))
            .collect();
        events.sort_unstable();
        let mut hasher = fnv::FnvHasher::default();
        for (kind, date) in events {
            hasher.write(kind.as_bytes());
            hasher.write(b" ");
            hasher.write(&date.num_days_from_ce().to_le_bytes());
            hasher.write(b"\n");
        }
        hasher.write(b"answer:");
        for word in question.answer_text.split_whitespace() {
            hasher.write(b" ");
            hasher.write(word.as_bytes());
        }
        Snapshot {
            status: question.status,
            answered: question.answered_on(),
            withdrawn: question.withdrawn_on(),
            fingerprint: format!("{:016x}", hasher.finish()),
        }
    }
}

/// Why a question is to be looked at again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// It appeared since the previous load and was not reviewed since.
    New,
    /// It was answered since it was reviewed.
    Answered,
    /// It was withdrawn since it was reviewed.
    Withdrawn,
    /// Another dated event or the answer text changed since it was reviewed.
    Other,
}

/// How many questions changed since they were last reviewed, by kind of change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChangeSummary {
    /// Questions new since the previous load, not reviewed since.
    pub new_questions: usize,
    /// Reviewed questions answered since.
    pub new_answers: usize,
    /// Reviewed questions withdrawn since.
    pub new_withdrawals: usize,
    /// Reviewed questions otherwise changed since.
    pub other_changes: usize,
    /// Why the observation could not be saved, when it could not (read-only or unwritable
    /// review file). The counts are right all the same; the new-question marks then last
    /// only as long as the session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub save_error: Option<String>,
}

impl ChangeSummary {
    /// Adds one change to the counts.
    pub fn count(&mut self, change: Change) {
        match change {
            Change::New => self.new_questions += 1,
            Change::Answered => self.new_answers += 1,
            Change::Withdrawn => self.new_withdrawals += 1,
            Change::Other => self.other_changes += 1,
        }
    }

    /// Questions to look at again, all kinds together.
    pub fn total(&self) -> usize {
        self.new_questions + self.new_answers + self.new_withdrawals + self.other_changes
    }

    /// A sentence for the status bar ("2 new answers since your last review", "2 nouvelles
    /// réponses depuis votre dernière revue"); none when nothing changed.
    pub fn sentence(&self, lang: Lang) -> Option<String> {
        let counts = [
            (self.new_questions, ["nouvelle question", "new question"]),
            (self.new_answers, ["nouvelle réponse", "new answer"]),
            (self.new_withdrawals, ["retrait", "withdrawal"]),
            (self.other_changes, ["autre changement", "other change"]),
        ];
        let parts: Vec<String> = counts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, words)| match lang {
                Lang::Fr => format!("{n} {}", plural_fr(words[0], *n)),
                Lang::En => format!("{n} {}{}", words[1], if *n == 1 { "" } else { "s" }),
            })
            .collect();
        let (and, tail) = match lang {
            Lang::Fr => ("et", "depuis votre dernière revue"),
            Lang::En => ("and", "since your last review"),
        };
        let list = match parts.as_slice() {
            [] => return None,
            [one] => one.clone(),
            [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
        };
        Some(format!("{list} {tail}"))
    }
}

/// Puts every word of a French noun phrase in the plural when `n` > 1 ("nouvelle réponse" ->
/// "nouvelles réponses"); enough for the fixed phrases above.
fn plural_fr(phrase: &str, n: usize) -> String {
    if n <= 1 {
        return phrase.to_string();
    }
    phrase
        .split(' ')
        .map(|w| format!("{w}s"))
        .collect::<Vec<_>>()
        .join(" ")
}
