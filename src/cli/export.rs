//! `dossier export`: full records as JSON, or one CSV row per question.

use super::{Context, ExportFormat};
use dossier_core::deadline::{timing, Timing};
use dossier_core::load::LoadReport;
use dossier_core::model::{EventKind, Question};
use serde::Serialize;
use std::io::{self, Write};

/// A question with the dates derived from it, as exported.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// The question as parsed.
    #[serde(flatten)]
    pub question: &'a Question,
    /// Deadline, days pending, overdue days, answer delay.
    #[serde(flatten)]
    pub timing: Timing,
}

pub(super) fn run(
    out: &mut dyn Write,
    report: &LoadReport,
    format: ExportFormat,
    ctx: &Context,
) -> io::Result<()> {
    match format {
        ExportFormat::Json => write_json(out, &report.questions.iter().collect::<Vec<_>>(), ctx),
        ExportFormat::Csv => write_csv(out, &report.questions.iter().collect::<Vec<_>>(), ctx),
    }
}

/// Writes a JSON array of records.
pub fn write_json(out: &mut dyn Write, questions: &[&Question], ctx: &Context) -> io::Result<()> {
    let records: Vec<Record> = questions
        .iter()
        .map(|q| Record {
            question: q,
            timing: timing(q, ctx.today),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &records)?;
    writeln!(out)
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 24] = [
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
    "days_pending",
    "overdue_days",
    "answer_delay_days",
    "source",
];

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// One CSV row for a question, in the order of [`CSV_HEADER`].
pub fn csv_row(q: &Question, t: &Timing) -> Vec<String> {
    let published = q.first_event(EventKind::QuestionPublished);
    let answered = q.first_event(EventKind::AnswerPublished);
    let withdrawn = q.first_event(EventKind::Withdrawn);
    vec![
        q.id.clone(),
        q.legislature.to_string(),
        q.kind.code().to_string(),
        q.number.to_string(),
        q.status.as_str().to_string(),
        q.title.clone(),
        q.author.clone(),
        q.constituency.clone(),
        q.group.clone(),
        q.rubric.clone(),
        q.ministry_asked.clone(),
        q.ministry_assigned.clone(),
        opt(published.map(|e| e.date)),
        opt(published.and_then(|e| e.page)),
        opt(answered.map(|e| e.date)),
        opt(answered.and_then(|e| e.page)),
        opt(withdrawn.map(|e| e.date)),
        opt(withdrawn.and_then(|e| e.note.clone())),
        opt(q.last_event(EventKind::Signaled).map(|e| e.date)),
        opt(t.deadline),
        opt(t.days_pending),
        opt(t.overdue_days),
        opt(t.answer_delay_days),
        q.source.clone(),
    ]
}

/// Writes one CSV row per question, with a header row.
pub fn write_csv(out: &mut dyn Write, questions: &[&Question], ctx: &Context) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER)?;
    for q in questions {
        writer.write_record(csv_row(q, &timing(q, ctx.today)))?;
    }
    writer.flush()
}
