//! CSV output: one row per question, every text cell neutralised for spreadsheets and
//! terminals ([`crate::text::sanitize::csv_cell`]).

use crate::deadline::{timing, Current, Timing};
use crate::model::{EventKind, Question};
use crate::text::sanitize::csv_cell;
use chrono::NaiveDate;
use std::io::{self, Write};

/// The columns of a question row, in order.
pub const HEADER: [&str; 26] = [
    "id",
    "legislature",
    "kind",
    "number",
    "status",
    "title",
    "author",
    "constituency",
    "group",
    "rubric",
    "ministry_asked",
    "ministry_assigned",
    "published",
    "published_page",
    "answered",
    "answer_page",
    "withdrawn",
    "withdrawal_reason",
    "signaled",
    "deadline",
    "deadline_rule",
    "days_pending",
    "overdue_days",
    "answer_delay_days",
    "source",
    "related",
];

/// An optional value as a cell.
pub fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A text cell, neutralised.
pub fn text(value: &str) -> String {
    csv_cell(value).into_owned()
}

/// The rule of a deadline as a cell.
pub fn rule_cell(t: &Timing) -> String {
    t.deadline_rule
        .and_then(|r| serde_json::to_value(r).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// One row for a question, in the order of [`HEADER`], with the number of questions related
/// to it.
pub fn row(q: &Question, t: &Timing, related: usize) -> Vec<String> {
    let published = q.first_event(EventKind::QuestionPublished);
    let answered = q.first_event(EventKind::AnswerPublished);
    let withdrawn = q.first_event(EventKind::Withdrawn);
    vec![
        text(&q.id),
        q.legislature.to_string(),
        q.kind.code().to_string(),
        q.number.to_string(),
        q.status.as_str().to_string(),
        text(&q.title),
        text(&q.author),
        text(&q.constituency),
        text(&q.group),
        text(&q.rubric),
        text(&q.ministry_asked),
        text(&q.ministry_assigned),
        opt(published.map(|e| e.date)),
        opt(published.and_then(|e| e.page)),
        opt(answered.map(|e| e.date)),
        opt(answered.and_then(|e| e.page)),
        opt(withdrawn.map(|e| e.date)),
        text(&opt(withdrawn.and_then(|e| e.note.clone()))),
        opt(q.last_event(EventKind::Signaled).map(|e| e.date)),
        opt(t.deadline),
        rule_cell(t),
        opt(t.days_pending),
        opt(t.overdue_days),
        opt(t.answer_delay_days),
        text(&q.source),
        related.to_string(),
    ]
}

/// Writes one row per question, with a header row.
pub fn write_questions(
    out: &mut dyn Write,
    questions: &[&Question],
    related: Option<&crate::related::RelatedSet>,
    today: NaiveDate,
    current: Current,
) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for q in questions {
        let n = related
            .and_then(|r| Some(r.distinct(r.position(&q.id)?).len()))
            .unwrap_or(0);
        writer.write_record(row(q, &timing(q, today, current), n))?;
    }
    writer.flush()
}
