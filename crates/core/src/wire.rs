//! The model's wire form: a [`Question`] as the cache and the library store it, in postcard
//! (a compact serde format that is not self-describing), and read back checked.

use crate::model::{
    Attribution, Emphasis, Event, EventKind, ExtraField, Question, QuestionKind, Status,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A question as the cache and the library store it: every field, none skipped (postcard is not
/// self-describing), dates as days, texts as bytes borrowed from the question when written
/// and from the section when read (checked as UTF-8 with SIMD, then copied once: reading
/// them as strings checked each with the slower standard check, a fifth of a warm start).
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredQuestion<'a> {
    #[serde(borrow, with = "serde_bytes")]
    id: &'a [u8],
    legislature: u16,
    kind: QuestionKind,
    number: u32,
    #[serde(borrow, with = "serde_bytes")]
    title: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    author: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    author_ref: Option<&'a [u8]>,
    #[serde(borrow, with = "serde_bytes")]
    mandate_ref: Option<&'a [u8]>,
    #[serde(borrow, with = "serde_bytes")]
    constituency: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    group: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    rubric: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    ministry_asked: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    ministry_assigned: &'a [u8],
    #[serde(borrow)]
    attributions: Vec<StoredAttribution<'a>>,
    #[serde(borrow, with = "serde_bytes")]
    analysis_head: Option<&'a [u8]>,
    #[serde(borrow, with = "serde_bytes")]
    analysis: Option<&'a [u8]>,
    #[serde(borrow, with = "serde_bytes")]
    question_text: &'a [u8],
    question_emphasis: Vec<Emphasis>,
    #[serde(borrow, with = "serde_bytes")]
    answer_text: &'a [u8],
    answer_emphasis: Vec<Emphasis>,
    status: Status,
    #[serde(borrow)]
    events: Vec<StoredEvent<'a>>,
    #[serde(borrow)]
    extra: Vec<StoredExtra<'a>>,
}

#[derive(Serialize, Deserialize)]
struct StoredAttribution<'a> {
    #[serde(borrow, with = "serde_bytes")]
    ministry: &'a [u8],
    date: Option<i32>,
}

#[derive(Serialize, Deserialize)]
struct StoredEvent<'a> {
    kind: EventKind,
    #[serde(borrow, with = "serde_bytes")]
    label: &'a [u8],
    date: i32,
    page: Option<u32>,
    #[serde(borrow, with = "serde_bytes")]
    note: Option<&'a [u8]>,
}

#[derive(Serialize, Deserialize)]
struct StoredExtra<'a> {
    #[serde(borrow, with = "serde_bytes")]
    label: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    value: &'a [u8],
}

fn days(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d)
}

fn date(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// Stored bytes as a string, if they are UTF-8.
fn text(bytes: &[u8]) -> Option<String> {
    simdutf8::basic::from_utf8(bytes).ok().map(str::to_owned)
}

fn opt_text(bytes: Option<&[u8]>) -> Option<Option<String>> {
    match bytes {
        Some(b) => text(b).map(Some),
        None => Some(None),
    }
}

impl<'a> StoredQuestion<'a> {
    pub(crate) fn from_question(q: &'a Question) -> Self {
        let b = |s: &'a String| s.as_bytes();
        StoredQuestion {
            id: b(&q.id),
            legislature: q.legislature,
            kind: q.kind,
            number: q.number,
            title: b(&q.title),
            author: b(&q.author),
            author_ref: q.author_ref.as_ref().map(b),
            mandate_ref: q.mandate_ref.as_ref().map(b),
            constituency: b(&q.constituency),
            group: b(&q.group),
            rubric: b(&q.rubric),
            ministry_asked: b(&q.ministry_asked),
            ministry_assigned: b(&q.ministry_assigned),
            attributions: q
                .attributions
                .iter()
                .map(|a| StoredAttribution {
                    ministry: b(&a.ministry),
                    date: a.date.map(days),
                })
                .collect(),
            analysis_head: q.analysis_head.as_ref().map(b),
            analysis: q.analysis.as_ref().map(b),
            question_text: b(&q.question_text),
            question_emphasis: q.question_emphasis.clone(),
            answer_text: b(&q.answer_text),
            answer_emphasis: q.answer_emphasis.clone(),
            status: q.status,
            events: q
                .events
                .iter()
                .map(|e| StoredEvent {
                    kind: e.kind,
                    label: b(&e.label),
                    date: days(e.date),
                    page: e.page,
                    note: e.note.as_ref().map(b),
                })
                .collect(),
            extra: q
                .extra
                .iter()
                .map(|x| StoredExtra {
                    label: b(&x.label),
                    value: b(&x.value),
                })
                .collect(),
        }
    }

    /// The question, or `None` when what was stored does not hold together (a damaged
    /// cache that passed its checksum): its file is parsed again.
    pub(crate) fn into_question(self, source: String) -> Option<Question> {
        let mut events = Vec::with_capacity(self.events.len());
        for e in self.events {
            events.push(Event {
                kind: e.kind,
                label: text(e.label)?,
                date: date(e.date)?,
                page: e.page,
                note: opt_text(e.note)?,
            });
        }
        let mut attributions = Vec::with_capacity(self.attributions.len());
        for a in self.attributions {
            let date = match a.date {
                Some(d) => Some(date(d)?),
                None => None,
            };
            attributions.push(Attribution {
                ministry: text(a.ministry)?,
                date,
            });
        }
        let mut extra = Vec::with_capacity(self.extra.len());
        for x in self.extra {
            extra.push(ExtraField {
                label: text(x.label)?,
                value: text(x.value)?,
            });
        }
        let mut question_text = text(self.question_text)?;
        let mut answer_text = text(self.answer_text)?;
        question_text.shrink_to_fit();
        answer_text.shrink_to_fit();
        let q = Question {
            id: text(self.id)?,
            legislature: self.legislature,
            kind: self.kind,
            number: self.number,
            title: text(self.title)?,
            author: text(self.author)?,
            author_ref: opt_text(self.author_ref)?,
            mandate_ref: opt_text(self.mandate_ref)?,
            constituency: text(self.constituency)?,
            group: text(self.group)?,
            rubric: text(self.rubric)?,
            ministry_asked: text(self.ministry_asked)?,
            ministry_assigned: text(self.ministry_assigned)?,
            attributions,
            analysis_head: opt_text(self.analysis_head)?,
            analysis: opt_text(self.analysis)?,
            question_text,
            question_emphasis: self.question_emphasis,
            answer_text,
            answer_emphasis: self.answer_emphasis,
            status: self.status,
            events,
            extra,
            source,
        };
        holds_together(&q).then_some(q)
    }
}

/// What the viewer would trip on in a question: an id that is not its parts, emphasis
/// outside its text or inside a character.
fn holds_together(q: &Question) -> bool {
    let spans_ok = |text: &str, spans: &[Emphasis]| {
        spans.iter().all(|e| {
            e.start < e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end)
        })
    };
    q.id == Question::make_id(q.legislature, q.number, q.kind)
        && spans_ok(&q.question_text, &q.question_emphasis)
        && spans_ok(&q.answer_text, &q.answer_emphasis)
}
