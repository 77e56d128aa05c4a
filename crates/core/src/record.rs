//! What the filter, the sort, the deadlines, the counts and the review marks read of a
//! question, whether it is held whole ([`Question`]) or as a light row without its texts
//! (the library's rows, [`crate::query::rows::Row`]): one trait, so each rule is written once.

use crate::model::{EventKind, Question, QuestionKind, Status};
use chrono::{Datelike, NaiveDate};
use std::hash::Hasher;

/// A question's facts, without saying how they are held.
pub trait Record: Sync {
    /// `17-13809QE`.
    fn id(&self) -> &str;
    /// Legislature.
    fn legislature(&self) -> u16;
    /// Written, government or oral.
    fn kind(&self) -> QuestionKind;
    /// Number within legislature and kind.
    fn number(&self) -> u32;
    /// Pending, answered or withdrawn.
    fn status(&self) -> Status;
    /// Title.
    fn title(&self) -> &str;
    /// Author as printed.
    fn author(&self) -> &str;
    /// Political group.
    fn group(&self) -> &str;
    /// Constituency.
    fn constituency(&self) -> &str;
    /// Rubric.
    fn rubric(&self) -> &str;
    /// Ministry asked.
    fn ministry_asked(&self) -> &str;
    /// Ministry that must answer, as the document gives it (maybe empty).
    fn ministry_assigned(&self) -> &str;
    /// JO publication date.
    fn published(&self) -> Option<NaiveDate>;
    /// Answer date.
    fn answered(&self) -> Option<NaiveDate>;
    /// Withdrawal date.
    fn withdrawn(&self) -> Option<NaiveDate>;
    /// The latest signalement.
    fn signaled(&self) -> Option<NaiveDate>;
    /// The ministry the question was first put to: the one asked, else its first
    /// attribution.
    fn first_ministry(&self) -> &str;
    /// The fingerprint a review snapshot keeps (see [`fingerprint`]).
    fn fingerprint(&self) -> u64;
    /// The question's and the answer's texts, when held.
    fn texts(&self) -> Option<(&str, &str)>;

    /// The ministry that owes the answer: the assigned one, or the one asked.
    fn ministry(&self) -> &str {
        let assigned = self.ministry_assigned();
        if assigned.is_empty() {
            self.ministry_asked()
        } else {
            assigned
        }
    }

    /// The question's page on the Assemblée's site.
    fn an_url(&self) -> String {
        format!(
            "https://www.assemblee-nationale.fr/dyn/{leg}/questions/QANR5L{leg}{kind}{number}",
            leg = self.legislature(),
            kind = self.kind().code(),
            number = self.number()
        )
    }
}

/// FNV-1a 64 of a question's dated events (kind, and date as days since 1 January of year 1,
/// in order) and of its answer's words: what a review snapshot compares. It leaves out what
/// a parser fix or a re-saved page could alter without the question changing (event labels,
/// pages, line wrapping of the answer).
pub fn fingerprint(question: &Question) -> u64 {
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
    hasher.finish()
}

impl Record for Question {
    fn id(&self) -> &str {
        &self.id
    }
    fn legislature(&self) -> u16 {
        self.legislature
    }
    fn kind(&self) -> QuestionKind {
        self.kind
    }
    fn number(&self) -> u32 {
        self.number
    }
    fn status(&self) -> Status {
        self.status
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn author(&self) -> &str {
        &self.author
    }
    fn group(&self) -> &str {
        &self.group
    }
    fn constituency(&self) -> &str {
        &self.constituency
    }
    fn rubric(&self) -> &str {
        &self.rubric
    }
    fn ministry_asked(&self) -> &str {
        &self.ministry_asked
    }
    fn ministry_assigned(&self) -> &str {
        &self.ministry_assigned
    }
    fn published(&self) -> Option<NaiveDate> {
        Question::published(self)
    }
    fn answered(&self) -> Option<NaiveDate> {
        self.answered_on()
    }
    fn withdrawn(&self) -> Option<NaiveDate> {
        self.withdrawn_on()
    }
    fn signaled(&self) -> Option<NaiveDate> {
        self.last_event(EventKind::Signaled).map(|e| e.date)
    }
    fn first_ministry(&self) -> &str {
        if !self.ministry_asked.trim().is_empty() {
            &self.ministry_asked
        } else {
            self.attributions
                .first()
                .map_or("", |a| a.ministry.as_str())
        }
    }
    fn fingerprint(&self) -> u64 {
        fingerprint(self)
    }
    fn texts(&self) -> Option<(&str, &str)> {
        Some((&self.question_text, &self.answer_text))
    }
    fn ministry(&self) -> &str {
        Question::ministry(self)
    }
}

/// A reference reads as what it points to (`&Question` from an iterator, `&Row`).
impl<R: Record + ?Sized> Record for &R {
    fn id(&self) -> &str {
        (**self).id()
    }
    fn legislature(&self) -> u16 {
        (**self).legislature()
    }
    fn kind(&self) -> QuestionKind {
        (**self).kind()
    }
    fn number(&self) -> u32 {
        (**self).number()
    }
    fn status(&self) -> Status {
        (**self).status()
    }
    fn title(&self) -> &str {
        (**self).title()
    }
    fn author(&self) -> &str {
        (**self).author()
    }
    fn group(&self) -> &str {
        (**self).group()
    }
    fn constituency(&self) -> &str {
        (**self).constituency()
    }
    fn rubric(&self) -> &str {
        (**self).rubric()
    }
    fn ministry_asked(&self) -> &str {
        (**self).ministry_asked()
    }
    fn ministry_assigned(&self) -> &str {
        (**self).ministry_assigned()
    }
    fn published(&self) -> Option<NaiveDate> {
        (**self).published()
    }
    fn answered(&self) -> Option<NaiveDate> {
        (**self).answered()
    }
    fn withdrawn(&self) -> Option<NaiveDate> {
        (**self).withdrawn()
    }
    fn signaled(&self) -> Option<NaiveDate> {
        (**self).signaled()
    }
    fn first_ministry(&self) -> &str {
        (**self).first_ministry()
    }
    fn fingerprint(&self) -> u64 {
        (**self).fingerprint()
    }
    fn texts(&self) -> Option<(&str, &str)> {
        (**self).texts()
    }
    fn ministry(&self) -> &str {
        (**self).ministry()
    }
}
