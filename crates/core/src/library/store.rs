//! A question as a row of the `questions` table and rows of `events`: written, compared,
//! read back checked.
//!
//! Every field of a [`Question`] is a column (lists as JSON); the dates of publication,
//! answer, closure and signalement and the art. 135 deadline are derived from the events into
//! columns of their own, for readers of the database (and its indexes), and read back from
//! the events. `hash` is a hash of the whole record, so that an import tells an unchanged
//! question by one compare.

use crate::model::{
    Attribution, Emphasis, Event, EventKind, ExtraField, Question, QuestionKind, Status,
};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::rc::Rc;

/// A row that does not hold together (damaged, or edited by hand into something dossier
/// cannot read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadRow {
    /// The question's id (or its qid when the id itself is unreadable).
    pub id: String,
    /// What is wrong.
    pub what: String,
}

/// What reading rows can meet.
#[derive(Debug)]
pub(crate) enum ReadError {
    Sqlite(rusqlite::Error),
    Bad(BadRow),
}

impl From<rusqlite::Error> for ReadError {
    fn from(e: rusqlite::Error) -> Self {
        ReadError::Sqlite(e)
    }
}

/// The hash of a record: every field, the source included. Stable for a given build (the
/// record's wire form and a fixed seed); a hash from another build only costs a rewrite.
pub(crate) fn content_hash(q: &Question) -> i64 {
    let mut h = foldhash::quality::FixedState::with_seed(0x6c69_6272_6172_7921).build_hasher();
    match postcard::to_allocvec(&crate::wire::StoredQuestion::from_question(q)) {
        Ok(bytes) => h.write(&bytes),
        // Not expected (the wire form of a question always encodes): hashed by its debug
        // form, still deterministic.
        Err(_) => h.write(format!("{q:?}").as_bytes()),
    }
    h.write(q.source.as_bytes());
    h.finish() as i64
}

/// A date as the columns hold it (written directly: a first import writes a million).
fn day(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match d.year() {
        y @ 0..=9999 => format!("{y:04}-{:02}-{:02}", d.month(), d.day()),
        _ => d.format("%Y-%m-%d").to_string(),
    }
}

/// Parses a date column.
pub(crate) fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn json<T: serde::Serialize>(items: &[T]) -> Option<String> {
    if items.is_empty() {
        None
    } else {
        serde_json::to_string(items).ok()
    }
}

/// The columns of a question's row, in the table's order (without `qid`).
pub(crate) fn columns(q: &Question, hash: i64, stamp: Option<i64>) -> Vec<(&'static str, Value)> {
    let text = |s: &str| Value::Text(s.to_string());
    let opt_text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::Text(s.to_string()));
    let opt_day = |d: Option<chrono::NaiveDate>| d.map_or(Value::Null, |d| Value::Text(day(d)));
    let page = |p: Option<u32>| p.map_or(Value::Null, |p| Value::Integer(i64::from(p)));
    let published = q.first_event(EventKind::QuestionPublished);
    let answered = q.first_event(EventKind::AnswerPublished);
    let closed = q.first_event(EventKind::Withdrawn);
    vec![
        ("id", text(&q.id)),
        ("legislature", Value::Integer(i64::from(q.legislature))),
        ("kind", text(q.kind.code())),
        ("number", Value::Integer(i64::from(q.number))),
        ("status", text(q.status.as_str())),
        ("title", text(&q.title)),
        ("author", text(&q.author)),
        ("political_group", text(&q.group)),
        ("constituency", text(&q.constituency)),
        ("rubric", text(&q.rubric)),
        ("ministry_asked", text(&q.ministry_asked)),
        ("ministry_assigned", text(&q.ministry_assigned)),
        ("published", opt_day(published.map(|e| e.date))),
        ("published_page", page(published.and_then(|e| e.page))),
        ("answered", opt_day(answered.map(|e| e.date))),
        ("answer_page", page(answered.and_then(|e| e.page))),
        ("closed", opt_day(closed.map(|e| e.date))),
        ("closed_page", page(closed.and_then(|e| e.page))),
        (
            "closure_reason",
            opt_text(closed.and_then(|e| e.note.as_deref())),
        ),
        (
            "signaled",
            opt_day(q.last_event(EventKind::Signaled).map(|e| e.date)),
        ),
        ("deadline", opt_day(crate::deadline::due(q).map(|d| d.0))),
        ("author_ref", opt_text(q.author_ref.as_deref())),
        ("mandate_ref", opt_text(q.mandate_ref.as_deref())),
        ("analysis_head", opt_text(q.analysis_head.as_deref())),
        ("analysis", opt_text(q.analysis.as_deref())),
        ("attributions", opt_text(json(&q.attributions).as_deref())),
        ("extra", opt_text(json(&q.extra).as_deref())),
        (
            "question_emphasis",
            opt_text(json(&q.question_emphasis).as_deref()),
        ),
        (
            "answer_emphasis",
            opt_text(json(&q.answer_emphasis).as_deref()),
        ),
        ("hash", Value::Integer(hash)),
        // Written with the row (which a change rewrites anyway), or left as the migration to
        // layout 2 found it when unchanged (see `fingerprints`).
        ("fingerprint", Value::Integer(fingerprint(q))),
        ("source_stamp", stamp.map_or(Value::Null, Value::Integer)),
        ("source", text(&q.source)),
        ("question_text", text(&q.question_text)),
        ("answer_text", text(&q.answer_text)),
    ]
}

/// The columns derived from a question's events and lists, as written.
struct Derived {
    published: Option<String>,
    published_page: Option<u32>,
    answered: Option<String>,
    answer_page: Option<u32>,
    closed: Option<String>,
    closed_page: Option<u32>,
    signaled: Option<String>,
    deadline: Option<String>,
    attributions: Option<String>,
    extra: Option<String>,
    question_emphasis: Option<String>,
    answer_emphasis: Option<String>,
}

impl Derived {
    fn of(q: &Question) -> Derived {
        let published = q.first_event(EventKind::QuestionPublished);
        let answered = q.first_event(EventKind::AnswerPublished);
        let closed = q.first_event(EventKind::Withdrawn);
        Derived {
            published: published.map(|e| day(e.date)),
            published_page: published.and_then(|e| e.page),
            answered: answered.map(|e| day(e.date)),
            answer_page: answered.and_then(|e| e.page),
            closed: closed.map(|e| day(e.date)),
            closed_page: closed.and_then(|e| e.page),
            signaled: q.last_event(EventKind::Signaled).map(|e| day(e.date)),
            deadline: crate::deadline::due(q).map(|d| day(d.0)),
            attributions: json(&q.attributions),
            extra: json(&q.extra),
            question_emphasis: json(&q.question_emphasis),
            answer_emphasis: json(&q.answer_emphasis),
        }
    }
}

/// Inserts a question (and its events), as `qid` when given; returns its `qid`.
pub(crate) fn insert(
    tx: &Connection,
    qid: Option<i64>,
    q: &Question,
    hash: i64,
    stamp: Option<i64>,
) -> rusqlite::Result<i64> {
    let d = Derived::of(q);
    let closure_reason = q
        .first_event(EventKind::Withdrawn)
        .and_then(|e| e.note.as_deref());
    let mut stmt = tx.prepare_cached(
        "INSERT INTO questions(qid, id, legislature, kind, number, status, title, author, \
         political_group, constituency, rubric, ministry_asked, ministry_assigned, published, \
         published_page, answered, answer_page, closed, closed_page, closure_reason, signaled, \
         deadline, author_ref, mandate_ref, analysis_head, analysis, attributions, extra, \
         question_emphasis, answer_emphasis, hash, source_stamp, source, question_text, \
         answer_text, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, \
         ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, \
         ?30, ?31, ?32, ?33, ?34, ?35, ?36)",
    )?;
    stmt.execute(params![
        qid,
        q.id,
        q.legislature,
        q.kind.code(),
        q.number,
        q.status.as_str(),
        q.title,
        q.author,
        q.group,
        q.constituency,
        q.rubric,
        q.ministry_asked,
        q.ministry_assigned,
        d.published,
        d.published_page,
        d.answered,
        d.answer_page,
        d.closed,
        d.closed_page,
        closure_reason,
        d.signaled,
        d.deadline,
        q.author_ref,
        q.mandate_ref,
        q.analysis_head,
        q.analysis,
        d.attributions,
        d.extra,
        d.question_emphasis,
        d.answer_emphasis,
        hash,
        stamp,
        q.source,
        q.question_text,
        q.answer_text,
        fingerprint(q)
    ])?;
    let qid = tx.last_insert_rowid();
    insert_events(tx, qid, &q.events)?;
    Ok(qid)
}

/// A question's review fingerprint ([`crate::record::fingerprint`]) as its column holds it:
/// SQLite's integers are signed, the same 64 bits.
pub(crate) fn fingerprint(q: &Question) -> i64 {
    crate::record::fingerprint(q) as i64
}

fn insert_events(tx: &Connection, qid: i64, events: &[Event]) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events(question, seq, kind, label, date, page, note) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (seq, e) in events.iter().enumerate() {
        stmt.execute(params![
            qid,
            seq as i64,
            e.kind.as_str(),
            e.label,
            day(e.date),
            e.page,
            e.note
        ])?;
    }
    Ok(())
}

/// Writes what changed from `old` to `new` in question `qid`'s row: only the columns whose
/// value differs (SQLite then touches only the indexes of those), and its events when they
/// differ.
pub(crate) fn update(
    tx: &Connection,
    qid: i64,
    old: &Question,
    old_stamp: Option<i64>,
    new: &Question,
    hash: i64,
    stamp: Option<i64>,
) -> rusqlite::Result<()> {
    let before = columns(old, 0, old_stamp);
    let after = columns(new, hash, stamp);
    let changed: Vec<(&str, Value)> = after
        .into_iter()
        .zip(before)
        .filter(|((name, a), (_, b))| *name == "hash" || a != b)
        .map(|(a, _)| a)
        .collect();
    let sets: Vec<String> = changed
        .iter()
        .enumerate()
        .map(|(i, (name, _))| format!("{name} = ?{}", i + 2))
        .collect();
    let sql = format!("UPDATE questions SET {} WHERE qid = ?1", sets.join(", "));
    let mut stmt = tx.prepare_cached(&sql)?;
    let mut values: Vec<Value> = vec![Value::Integer(qid)];
    values.extend(changed.into_iter().map(|(_, v)| v));
    stmt.execute(rusqlite::params_from_iter(values))?;
    if old.events != new.events {
        tx.prepare_cached("DELETE FROM events WHERE question = ?1")?
            .execute([qid])?;
        insert_events(tx, qid, &new.events)?;
    }
    Ok(())
}

/// Sets the stamp of a question's source (its file or entry read unchanged since).
pub(crate) fn set_stamp(tx: &Connection, qid: i64, stamp: Option<i64>) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE questions SET source_stamp = ?2 WHERE qid = ?1")?
        .execute(params![qid, stamp])?;
    Ok(())
}

/// A list of qids as the parameter of `rarray(?)`.
pub(crate) fn id_list(qids: &[i64]) -> Rc<Vec<Value>> {
    Rc::new(qids.iter().map(|&q| Value::Integer(q)).collect())
}

/// The columns read back into a question, in this order.
const READ: &str = "qid, id, legislature, kind, number, status, title, author, \
    political_group, constituency, rubric, ministry_asked, ministry_assigned, author_ref, \
    mandate_ref, analysis_head, analysis, attributions, extra, question_emphasis, \
    answer_emphasis, source, question_text, answer_text";

/// Reads questions with their events: those of `qids` (in qid order), or all. Each comes with
/// its qid.
pub(crate) fn read(
    conn: &Connection,
    qids: Option<&[i64]>,
) -> Result<Vec<(i64, Question)>, ReadError> {
    let mut events = read_events(conn, qids)?;
    let mut out = Vec::with_capacity(qids.map_or(0, <[i64]>::len));
    let mut stmt;
    let mut rows = match qids {
        Some(list) => {
            stmt = conn.prepare_cached(&format!(
                "SELECT {READ} FROM questions WHERE qid IN rarray(?1) ORDER BY qid"
            ))?;
            stmt.query([id_list(list)])?
        }
        None => {
            stmt = conn.prepare_cached(&format!("SELECT {READ} FROM questions ORDER BY qid"))?;
            stmt.query([])?
        }
    };
    while let Some(row) = rows.next()? {
        let qid: i64 = row.get(0)?;
        let mut q = question(row)?;
        q.events = events.remove(&qid).unwrap_or_default();
        check(&q)?;
        out.push((qid, q));
    }
    Ok(out)
}

/// Status, as its column holds it.
pub(crate) fn status(s: &str) -> Option<Status> {
    Some(match s {
        "pending" => Status::Pending,
        "answered" => Status::Answered,
        "withdrawn" => Status::Withdrawn,
        _ => return None,
    })
}

fn event_kind(s: &str) -> Option<EventKind> {
    use EventKind::*;
    Some(match s {
        "question_published" => QuestionPublished,
        "answer_published" => AnswerPublished,
        "withdrawn" => Withdrawn,
        "attribution_changed" => AttributionChanged,
        "signaled" => Signaled,
        "renewed" => Renewed,
        "erratum_question" => ErratumQuestion,
        "erratum_answer" => ErratumAnswer,
        "other" => Other,
        _ => return None,
    })
}

fn bad(id: &str, what: &str) -> ReadError {
    ReadError::Bad(BadRow {
        id: id.to_string(),
        what: what.to_string(),
    })
}

fn read_events(
    conn: &Connection,
    qids: Option<&[i64]>,
) -> Result<HashMap<i64, Vec<Event>>, ReadError> {
    const COLS: &str = "question, kind, label, date, page, note";
    let mut stmt;
    let mut rows = match qids {
        Some(list) => {
            stmt = conn.prepare_cached(&format!(
                "SELECT {COLS} FROM events WHERE question IN rarray(?1) ORDER BY question, seq"
            ))?;
            stmt.query([id_list(list)])?
        }
        None => {
            stmt =
                conn.prepare_cached(&format!("SELECT {COLS} FROM events ORDER BY question, seq"))?;
            stmt.query([])?
        }
    };
    let mut out: HashMap<i64, Vec<Event>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let qid: i64 = row.get(0)?;
        let kind: String = row.get(1)?;
        let date: String = row.get(3)?;
        let page: Option<i64> = row.get(4)?;
        let what = |w: &str| bad(&format!("#{qid}"), w);
        let event = Event {
            kind: event_kind(&kind).ok_or_else(|| what("event kind"))?,
            label: row.get(2)?,
            date: parse_day(&date).ok_or_else(|| what("event date"))?,
            page: match page {
                None => None,
                Some(p) => Some(u32::try_from(p).map_err(|_| what("event page"))?),
            },
            note: row.get(5)?,
        };
        out.entry(qid).or_default().push(event);
    }
    Ok(out)
}

fn from_json<T: serde::de::DeserializeOwned>(
    id: &str,
    column: &str,
    value: Option<String>,
) -> Result<Vec<T>, ReadError> {
    match value {
        None => Ok(Vec::new()),
        Some(s) => serde_json::from_str(&s).map_err(|_| bad(id, column)),
    }
}

/// A question from a row of [`READ`]'s columns (its events left empty).
fn question(row: &rusqlite::Row) -> Result<Question, ReadError> {
    let id: String = row.get(1)?;
    let legislature: i64 = row.get(2)?;
    let kind: String = row.get(3)?;
    let number: i64 = row.get(4)?;
    let status_text: String = row.get(5)?;
    let attributions: Vec<Attribution> = from_json(&id, "attributions", row.get(17)?)?;
    let extra: Vec<ExtraField> = from_json(&id, "extra", row.get(18)?)?;
    let question_emphasis: Vec<Emphasis> = from_json(&id, "question_emphasis", row.get(19)?)?;
    let answer_emphasis: Vec<Emphasis> = from_json(&id, "answer_emphasis", row.get(20)?)?;
    Ok(Question {
        legislature: u16::try_from(legislature).map_err(|_| bad(&id, "legislature"))?,
        kind: QuestionKind::from_code(&kind).ok_or_else(|| bad(&id, "kind"))?,
        number: u32::try_from(number).map_err(|_| bad(&id, "number"))?,
        status: status(&status_text).ok_or_else(|| bad(&id, "status"))?,
        title: row.get(6)?,
        author: row.get(7)?,
        group: row.get(8)?,
        constituency: row.get(9)?,
        rubric: row.get(10)?,
        ministry_asked: row.get(11)?,
        ministry_assigned: row.get(12)?,
        author_ref: row.get(13)?,
        mandate_ref: row.get(14)?,
        analysis_head: row.get(15)?,
        analysis: row.get(16)?,
        attributions,
        extra,
        question_emphasis,
        answer_emphasis,
        source: row.get(21)?,
        question_text: row.get(22)?,
        answer_text: row.get(23)?,
        events: Vec::new(),
        id,
    })
}

/// What the viewer would trip on: an id that is not its parts, emphasis outside its text or
/// inside a character.
fn check(q: &Question) -> Result<(), ReadError> {
    let spans_ok = |text: &str, spans: &[Emphasis]| {
        spans.iter().all(|e| {
            e.start < e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end)
        })
    };
    if q.id != Question::make_id(q.legislature, q.number, q.kind) {
        return Err(bad(&q.id, "id"));
    }
    if !spans_ok(&q.question_text, &q.question_emphasis)
        || !spans_ok(&q.answer_text, &q.answer_emphasis)
    {
        return Err(bad(&q.id, "emphasis"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_written_reads_back_the_same_and_an_update_writes_only_what_changed() {
        let conn = Connection::open_in_memory().unwrap();
        rusqlite::vtab::array::load_module(&conn).unwrap();
        let tx =
            rusqlite::Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Deferred)
                .unwrap();
        for step in super::super::schema::MIGRATIONS {
            step(&tx).unwrap();
        }
        let questions = crate::sample::questions();
        let mut qids = Vec::new();
        for q in &questions {
            qids.push(insert(&tx, None, q, content_hash(q), Some(7)).unwrap());
        }
        let read_back: Vec<Question> = read(&tx, None)
            .unwrap()
            .into_iter()
            .map(|(_, q)| q)
            .collect();
        assert_eq!(read_back, questions);
        let mut answered = questions[0].clone();
        answered.answer_text = "Réponse.".into();
        update(
            &tx,
            qids[0],
            &questions[0],
            Some(7),
            &answered,
            content_hash(&answered),
            Some(8),
        )
        .unwrap();
        let (_, q) = read(&tx, Some(&qids[..1])).unwrap().remove(0);
        assert_eq!(q, answered);
        assert_ne!(content_hash(&q), content_hash(&questions[0]));
    }
}
