//! The typed model of a parliamentary question, as read from one document.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kind of a question, with the suffix the Assemblée uses in its ids (`17-13809QE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Question écrite.
    #[serde(rename = "QE")]
    Written,
    /// Question au Gouvernement (asked in the chamber, answered in séance).
    #[serde(rename = "QG")]
    Government,
    /// Question orale sans débat.
    #[serde(rename = "QOSD")]
    Oral,
}

impl QuestionKind {
    /// The id suffix: `QE`, `QG` or `QOSD`.
    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Written => "QE",
            QuestionKind::Government => "QG",
            QuestionKind::Oral => "QOSD",
        }
    }

    /// Parses an id suffix, case-insensitively.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.to_ascii_uppercase().as_str() {
            "QE" => Some(QuestionKind::Written),
            "QG" => Some(QuestionKind::Government),
            "QOSD" | "QO" => Some(QuestionKind::Oral),
            _ => None,
        }
    }

    /// The French name, as printed on the Assemblée's pages.
    pub fn label_fr(self) -> &'static str {
        match self {
            QuestionKind::Written => "Question écrite",
            QuestionKind::Government => "Question au Gouvernement",
            QuestionKind::Oral => "Question orale sans débat",
        }
    }
}

/// Where a question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Still waiting for the minister's answer.
    Pending,
    /// The answer was published.
    Answered,
    /// Withdrawn (end of mandate, author's request, ...).
    Withdrawn,
}

impl Status {
    /// Stable lower-case name, as in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Answered => "answered",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// What a dated line of the document records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// "Question publiée au JO le".
    QuestionPublished,
    /// "Réponse publiée au JO le".
    AnswerPublished,
    /// "Question retirée le", usually with a reason.
    Withdrawn,
    /// "Date de changement d'attribution": another ministry must answer.
    AttributionChanged,
    /// "Date de signalement": a group president asked for an answer within ten days.
    Signaled,
    /// "Date de renouvellement".
    Renewed,
    /// "Erratum de la question publié au JO le".
    ErratumQuestion,
    /// "Erratum de la réponse publié au JO le".
    ErratumAnswer,
    /// Any other dated line, kept with its label.
    Other,
}

impl EventKind {
    /// Stable snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::QuestionPublished => "question_published",
            EventKind::AnswerPublished => "answer_published",
            EventKind::Withdrawn => "withdrawn",
            EventKind::AttributionChanged => "attribution_changed",
            EventKind::Signaled => "signaled",
            EventKind::Renewed => "renewed",
            EventKind::ErratumQuestion => "erratum_question",
            EventKind::ErratumAnswer => "erratum_answer",
            EventKind::Other => "other",
        }
    }
}

/// One dated line of a question document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// What the line records.
    pub kind: EventKind,
    /// The label as printed ("Question publiée au JO le").
    pub label: String,
    /// The date.
    pub date: NaiveDate,
    /// The JO page, when given.
    pub page: Option<u32>,
    /// Text in parentheses after the date, e.g. the withdrawal reason "Fin de mandat".
    pub note: Option<String>,
}

/// An inline style in a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmphasisStyle {
    /// `**bold**` or `<b>`/`<strong>`.
    Bold,
    /// `*italic*` or `<i>`/`<em>`.
    Italic,
}

/// A styled byte range of a plain-text field, so the TUI can render bold and italic spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emphasis {
    /// Byte offset of the first styled byte.
    pub start: usize,
    /// Byte offset one past the last styled byte.
    pub end: usize,
    /// The style.
    pub style: EmphasisStyle,
}

/// A `Label : value` line the parser does not model, kept as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraField {
    /// The label, without the colon.
    pub label: String,
    /// The value, links and markup removed.
    pub value: String,
}

/// Reads a JSON `null` (the export writes one for a field the source does not give) as an
/// empty string.
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// One ministry a question was attributed to (the open data's `minAttrib`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The ministry, as the source names it.
    pub ministry: String,
    /// The JO date of the (re)attribution, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// One question, as read from one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// The Assemblée's own id: legislature, number, kind suffix (`17-13809QE`).
    pub id: String,
    /// Legislature (17 = the one elected in 2024).
    pub legislature: u16,
    /// Written, government or oral question.
    pub kind: QuestionKind,
    /// The question's number within its legislature and kind.
    pub number: u32,
    /// The title; empty when the document has none.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub title: String,
    /// The author as printed, with civility ("Mme Sylvie Bonnet"); the acteur reference
    /// (`PA123456`) when the open data gave no acteur file to resolve it.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub author: String,
    /// The author's acteur reference in the open data (`PA…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_ref: Option<String>,
    /// The author's mandate reference in the open data (`PM…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate_ref: Option<String>,
    /// "Loire (4e circonscription)"; empty when the document has none.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub constituency: String,
    /// Political group; empty when the document has none.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub group: String,
    /// Rubric ("Santé").
    #[serde(default, deserialize_with = "null_as_empty")]
    pub rubric: String,
    /// Ministry the question was put to ("Ministère interrogé").
    #[serde(default, deserialize_with = "null_as_empty")]
    pub ministry_asked: String,
    /// Ministry that must answer ("Ministère attributaire").
    #[serde(default, deserialize_with = "null_as_empty")]
    pub ministry_assigned: String,
    /// Every ministry the question was attributed to, in order, when the source lists them
    /// (the last is `ministry_assigned`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributions: Vec<Attribution>,
    /// "Tête d'analyse", when the document has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis_head: Option<String>,
    /// "Analyse", when the document has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<String>,
    /// The question's text: paragraphs separated by one blank line.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub question_text: String,
    /// Bold and italic spans of `question_text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub question_emphasis: Vec<Emphasis>,
    /// The answer's text, empty when there is none.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub answer_text: String,
    /// Bold and italic spans of `answer_text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_emphasis: Vec<Emphasis>,
    /// Answered, pending or withdrawn.
    pub status: Status,
    /// Every dated line, in chronological order.
    pub events: Vec<Event>,
    /// Other `Label : value` lines, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<ExtraField>,
    /// The file it came from.
    pub source: String,
}

impl Question {
    /// Builds the Assemblée's id form: `17-13809QE`.
    pub fn make_id(legislature: u16, number: u32, kind: QuestionKind) -> String {
        format!("{legislature}-{number}{}", kind.code())
    }

    /// The question's page on the Assemblée's site.
    pub fn an_url(&self) -> String {
        format!(
            "https://www.assemblee-nationale.fr/dyn/{leg}/questions/QANR5L{leg}{kind}{number}",
            leg = self.legislature,
            kind = self.kind.code(),
            number = self.number
        )
    }

    /// The first event of a kind.
    pub fn first_event(&self, kind: EventKind) -> Option<&Event> {
        self.events.iter().find(|e| e.kind == kind)
    }

    /// The last event of a kind.
    pub fn last_event(&self, kind: EventKind) -> Option<&Event> {
        self.events.iter().rev().find(|e| e.kind == kind)
    }

    /// Date of publication of the question in the JO.
    pub fn published(&self) -> Option<NaiveDate> {
        self.first_event(EventKind::QuestionPublished)
            .map(|e| e.date)
    }

    /// Date of publication of the answer in the JO.
    pub fn answered_on(&self) -> Option<NaiveDate> {
        self.first_event(EventKind::AnswerPublished).map(|e| e.date)
    }

    /// Date of withdrawal.
    pub fn withdrawn_on(&self) -> Option<NaiveDate> {
        self.first_event(EventKind::Withdrawn).map(|e| e.date)
    }

    /// The ministry that owes the answer: the assigned one, or the one asked.
    pub fn ministry(&self) -> &str {
        if self.ministry_assigned.is_empty() {
            &self.ministry_asked
        } else {
            &self.ministry_assigned
        }
    }

    /// A score of how much the document tells, to choose between two copies of one question.
    pub fn completeness(&self) -> (u8, usize, Option<NaiveDate>, usize) {
        let status_rank = match self.status {
            Status::Pending => 0,
            Status::Withdrawn => 1,
            Status::Answered => 2,
        };
        let latest = self.events.iter().map(|e| e.date).max();
        let filled = [
            &self.title,
            &self.author,
            &self.constituency,
            &self.group,
            &self.rubric,
            &self.ministry_asked,
            &self.ministry_assigned,
            &self.question_text,
            &self.answer_text,
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .count();
        (status_rank, self.events.len(), latest, filled)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
