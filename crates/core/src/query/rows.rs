//! A question's light row: what the list shows, the filter's field terms check and the sort
//! orders by, without the texts; read from the library by qid, each repeated value (author,
//! group, ministry, rubric, constituency) held once.
//!
//! The viewer on a whole library holds these (about 200 bytes a question) and reads a
//! question's texts when it shows it ([`read_texts`]).

use super::db_error::DbError;
use crate::deadline::{Current, DeadlineRule, Timing};
use crate::model::{Question, QuestionKind, Status};
use crate::record::Record;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// A question without its texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its number in the library (the `qid` column).
    pub qid: i64,
    /// `17-13809QE`.
    pub id: Box<str>,
    /// Legislature.
    pub legislature: u16,
    /// Written, government or oral.
    pub kind: QuestionKind,
    /// Number within legislature and kind.
    pub number: u32,
    /// Pending, answered or withdrawn.
    pub status: Status,
    /// Title.
    pub title: Box<str>,
    /// Author as printed.
    pub author: Arc<str>,
    /// Political group.
    pub group: Arc<str>,
    /// Constituency.
    pub constituency: Arc<str>,
    /// Rubric.
    pub rubric: Arc<str>,
    /// Ministry asked.
    pub ministry_asked: Arc<str>,
    /// Ministry that must answer.
    pub ministry_assigned: Arc<str>,
    /// JO publication date.
    pub published: Option<NaiveDate>,
    /// Answer date.
    pub answered: Option<NaiveDate>,
    /// Withdrawal date.
    pub withdrawn: Option<NaiveDate>,
    /// Latest signalement.
    pub signaled: Option<NaiveDate>,
    /// The ministry of its first attribution, when no ministry was asked (the scoreboard's
    /// re-attributions).
    pub first_attribution: Option<Arc<str>>,
    /// What a review snapshot compares ([`crate::record::fingerprint`]), as imported.
    pub fingerprint: u64,
}

impl Row {
    /// The row of a question (its qid given).
    pub fn of(qid: i64, q: &Question) -> Row {
        Row {
            qid,
            id: q.id.as_str().into(),
            legislature: q.legislature,
            kind: q.kind,
            number: q.number,
            status: q.status,
            title: q.title.as_str().into(),
            author: q.author.as_str().into(),
            group: q.group.as_str().into(),
            constituency: q.constituency.as_str().into(),
            rubric: q.rubric.as_str().into(),
            ministry_asked: q.ministry_asked.as_str().into(),
            ministry_assigned: q.ministry_assigned.as_str().into(),
            published: q.published(),
            answered: q.answered_on(),
            withdrawn: q.withdrawn_on(),
            signaled: q
                .last_event(crate::model::EventKind::Signaled)
                .map(|e| e.date),
            first_attribution: q
                .attributions
                .first()
                .filter(|_| q.ministry_asked.trim().is_empty())
                .map(|a| a.ministry.as_str().into()),
            fingerprint: crate::record::fingerprint(q),
        }
    }

    /// Pending when its legislature ended, `current` the one in session (see
    /// [`crate::deadline::lapsed`]).
    pub fn lapsed(&self, current: Current) -> bool {
        crate::deadline::lapsed(self, current)
    }

    /// The art. 135 deadline and its rule, as [`crate::deadline::deadline`] gives them.
    pub fn deadline(&self, current: Current) -> Option<(NaiveDate, DeadlineRule)> {
        crate::deadline::deadline(self, current)
    }

    /// Deadline, days pending and overdue, as [`crate::deadline::timing`] gives them.
    pub fn timing(&self, today: NaiveDate, current: Current) -> Timing {
        crate::deadline::timing(self, today, current)
    }
}

impl Record for Row {
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
        self.published
    }
    fn answered(&self) -> Option<NaiveDate> {
        self.answered
    }
    fn withdrawn(&self) -> Option<NaiveDate> {
        self.withdrawn
    }
    fn signaled(&self) -> Option<NaiveDate> {
        self.signaled
    }
    fn first_ministry(&self) -> &str {
        match &self.first_attribution {
            Some(first) => first,
            None => &self.ministry_asked,
        }
    }
    fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
    fn texts(&self) -> Option<(&str, &str)> {
        None
    }
}

/// The rows of questions loaded whole (their positions as qids), built in parallel: each
/// hashes its answer for its review fingerprint, 0.25 s for 100,000 questions on one core.
pub fn rows_of(questions: &[Question]) -> Vec<Row> {
    use rayon::prelude::*;
    questions
        .par_iter()
        .enumerate()
        .map(|(i, q)| Row::of(i as i64, q))
        .collect()
}

/// A list of qids as the parameter of `rarray(?)`.
pub(crate) fn id_list(qids: &[i64]) -> Rc<Vec<Value>> {
    Rc::new(qids.iter().map(|&q| Value::Integer(q)).collect())
}

const COLUMNS: &str = "qid, id, legislature, kind, number, status, title, author, \
    political_group, constituency, rubric, ministry_asked, ministry_assigned, published, \
    answered, closed, signaled, \
    CASE WHEN trim(ministry_asked) = '' THEN json_extract(attributions, '$[0].ministry') END, \
    coalesce(fingerprint, \
      (SELECT f.fingerprint FROM fingerprints f WHERE f.qid = questions.qid))";

/// Shares each repeated value.
#[derive(Default)]
struct Interner {
    seen: HashMap<String, Arc<str>>,
}

impl Interner {
    fn get(&mut self, s: String) -> Arc<str> {
        if let Some(a) = self.seen.get(&s) {
            return a.clone();
        }
        let a: Arc<str> = s.as_str().into();
        self.seen.insert(s, a.clone());
        a
    }
}

fn day(s: Option<String>) -> Result<Option<NaiveDate>, ()> {
    match s {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ()),
    }
}

fn status(s: &str) -> Option<Status> {
    Some(match s {
        "pending" => Status::Pending,
        "answered" => Status::Answered,
        "withdrawn" => Status::Withdrawn,
        _ => return None,
    })
}

/// Reads the rows of `qids` (any order given; returned in qid order), or of every question.
pub fn read_rows(conn: &Connection, qids: Option<&[i64]>) -> Result<Vec<Row>, DbError> {
    let mut stmt;
    let mut rows = match qids {
        Some(list) => {
            stmt = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM questions WHERE qid IN rarray(?1) ORDER BY qid"
            ))?;
            stmt.query([id_list(list)])?
        }
        None => {
            stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM questions ORDER BY qid"))?;
            stmt.query([])?
        }
    };
    let mut strings = Interner::default();
    let mut out = Vec::with_capacity(qids.map_or(0, <[i64]>::len));
    while let Some(r) = rows.next()? {
        let id: String = r.get(1)?;
        let bad = |what: &str| DbError::Damaged(format!("{id}: {what}"));
        let kind: String = r.get(3)?;
        let state: String = r.get(5)?;
        out.push(Row {
            qid: r.get(0)?,
            legislature: u16::try_from(r.get::<_, i64>(2)?).map_err(|_| bad("legislature"))?,
            kind: QuestionKind::from_code(&kind).ok_or_else(|| bad("kind"))?,
            number: u32::try_from(r.get::<_, i64>(4)?).map_err(|_| bad("number"))?,
            status: status(&state).ok_or_else(|| bad("status"))?,
            title: r.get::<_, String>(6)?.into_boxed_str(),
            author: strings.get(r.get(7)?),
            group: strings.get(r.get(8)?),
            constituency: strings.get(r.get(9)?),
            rubric: strings.get(r.get(10)?),
            ministry_asked: strings.get(r.get(11)?),
            ministry_assigned: strings.get(r.get(12)?),
            published: day(r.get(13)?).map_err(|()| bad("published"))?,
            answered: day(r.get(14)?).map_err(|()| bad("answered"))?,
            withdrawn: day(r.get(15)?).map_err(|()| bad("closed"))?,
            signaled: day(r.get(16)?).map_err(|()| bad("signaled"))?,
            first_attribution: r.get::<_, Option<String>>(17)?.map(|s| strings.get(s)),
            // Stored as SQLite's signed integer: the same 64 bits.
            fingerprint: r.get::<_, Option<i64>>(18)?.unwrap_or(0) as u64,
            id: id.into_boxed_str(),
        });
    }
    Ok(out)
}

/// A question's texts, read when it is shown or searched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    /// The question's text.
    pub question: String,
    /// The answer's text (empty when none).
    pub answer: String,
}

/// The texts of the questions of `qids`, by qid.
pub fn read_texts(conn: &Connection, qids: &[i64]) -> Result<HashMap<i64, Texts>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT qid, question_text, answer_text FROM questions WHERE qid IN rarray(?1)",
    )?;
    let mut rows = stmt.query([id_list(qids)])?;
    let mut out = HashMap::with_capacity(qids.len());
    while let Some(r) = rows.next()? {
        out.insert(
            r.get(0)?,
            Texts {
                question: r.get(1)?,
                answer: r.get(2)?,
            },
        );
    }
    Ok(out)
}
