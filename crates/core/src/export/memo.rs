//! The report of a selection of questions: a memo to paste for the deputy (Markdown), or the
//! same rows as CSV or JSON. Most urgent first: the earliest deadline (so the most overdue)
//! leads, and a question signalée, due in ten days, comes before the ones due later.

use crate::deadline::{timing, Current, DeadlineRule, Timing};
use crate::model::{EventKind, Question, Status};
use crate::review::ReviewState;
use crate::text::sanitize::{csv_cell, markdown_cell, markdown_line};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

/// The words of a memo in its reader's language. This module says what a memo holds and
/// where; the words are chosen above the domain (`i18n::report` gives them for a language).
pub trait Words {
    /// The memo's heading.
    fn heading(&self) -> &str;
    /// "As of 22 November 2026."
    fn as_of(&self, today: NaiveDate) -> String;
    /// Said when there is no row.
    fn none(&self) -> &str;
    /// The summary's lines.
    fn summary(&self, summary: &Summary) -> Vec<String>;
    /// The table's columns.
    fn columns(&self) -> [&str; 12];
    /// A date in the table.
    fn date(&self, date: NaiveDate) -> String;
    /// A deadline's rule, short.
    fn rule(&self, rule: DeadlineRule) -> String;
    /// The mark of a question flagged for follow-up.
    fn yes(&self) -> &str;
    /// A number as the language writes it, with its thousands separator.
    fn figure(&self, n: i64) -> String;
}

/// How many ministries the summary names.
const TOP_MINISTRIES: usize = 3;

/// One question of the report with what is derived from it.
#[derive(Debug, Clone, Serialize)]
pub struct Row<'a> {
    /// The question's id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Author, with civility.
    pub author: &'a str,
    /// Political group.
    pub group: &'a str,
    /// The ministry that owes the answer.
    pub ministry: &'a str,
    /// Pending, answered or withdrawn.
    pub status: Status,
    /// Publication in the JO.
    pub published: Option<NaiveDate>,
    /// Latest signalement.
    pub signaled: Option<NaiveDate>,
    /// Deadline (and its rule), days pending, overdue days.
    #[serde(flatten)]
    pub timing: Timing,
    /// The day the follow-up flag was set.
    pub flagged: Option<NaiveDate>,
    /// The day it was reviewed.
    pub reviewed: Option<NaiveDate>,
    /// The note, empty when none (the newest version of a conflict).
    pub note: &'a str,
}

/// The default selection of a report: the pending questions still awaiting an answer
/// (not those that lapsed with an earlier legislature than `current`).
pub fn pending(questions: &[Question], current: Current) -> Vec<&Question> {
    questions
        .iter()
        .filter(|q| q.status == Status::Pending && !crate::deadline::lapsed(q, current))
        .collect()
}

/// The rows of `selection`, most urgent first: pending before the rest; among them the
/// signalées first (a group president asked, and the ten-day clock runs), then by deadline
/// (earliest, so most overdue, first), then longest pending, then by id.
pub fn rows<'a>(
    selection: &[&'a Question],
    review: &'a ReviewState,
    today: NaiveDate,
    current: Current,
) -> Vec<Row<'a>> {
    let mut rows: Vec<Row> = selection
        .iter()
        .map(|q| {
            let entry = review.shared.entries.get(&q.id);
            Row {
                id: &q.id,
                title: &q.title,
                author: &q.author,
                group: &q.group,
                ministry: q.ministry(),
                status: q.status,
                published: q.published(),
                signaled: q.last_event(EventKind::Signaled).map(|e| e.date),
                timing: timing(q, today, current),
                flagged: entry.and_then(|e| e.flagged()),
                reviewed: entry.and_then(|e| e.reviewed()).map(|r| r.date),
                note: entry.and_then(|e| e.note_text()).unwrap_or(""),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &Row| {
            (
                r.status != Status::Pending,
                r.timing.deadline_rule != Some(DeadlineRule::Signaled),
                r.timing.deadline.is_none(),
                r.timing.deadline,
                std::cmp::Reverse(r.timing.days_pending),
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(b.id))
    });
    rows
}

/// The figures on top of a report.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<'a> {
    /// Questions in the report.
    pub questions: usize,
    /// Of which pending.
    pub pending: usize,
    /// Of which overdue.
    pub overdue: usize,
    /// Of which signalées and pending.
    pub signaled: usize,
    /// Of which flagged for follow-up.
    pub flagged: usize,
    /// Of which with a note.
    pub with_note: usize,
    /// The pending question waiting the longest.
    pub oldest: Option<Row<'a>>,
    /// The ministries with the most pending questions in the report, most first.
    pub ministries: Vec<MinistryCount>,
}

/// A ministry and the answers it owes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MinistryCount {
    /// The ministry that must answer.
    pub name: String,
    /// Pending questions it must answer.
    pub pending: usize,
}

/// Works out the summary of `rows`.
pub fn summarize<'a>(rows: &[Row<'a>]) -> Summary<'a> {
    let pending: Vec<&Row> = rows
        .iter()
        .filter(|r| r.status == Status::Pending && !r.timing.lapsed)
        .collect();
    let oldest = pending
        .iter()
        .filter(|r| r.timing.days_pending.is_some())
        .max_by(|a, b| {
            a.timing
                .days_pending
                .cmp(&b.timing.days_pending)
                .then_with(|| b.id.cmp(a.id))
        })
        .map(|r| (*r).clone());
    let mut by_ministry: HashMap<&str, usize> = HashMap::new();
    for r in &pending {
        *by_ministry.entry(r.ministry).or_default() += 1;
    }
    let mut ministries: Vec<MinistryCount> = by_ministry
        .into_iter()
        .map(|(name, pending)| MinistryCount {
            name: if name.is_empty() { "—" } else { name }.to_string(),
            pending,
        })
        .collect();
    ministries.sort_by(|a, b| b.pending.cmp(&a.pending).then_with(|| a.name.cmp(&b.name)));
    ministries.truncate(TOP_MINISTRIES);
    Summary {
        questions: rows.len(),
        pending: pending.len(),
        overdue: rows.iter().filter(|r| r.timing.is_overdue()).count(),
        signaled: pending
            .iter()
            .filter(|r| r.timing.deadline_rule == Some(DeadlineRule::Signaled))
            .count(),
        flagged: rows.iter().filter(|r| r.flagged.is_some()).count(),
        with_note: rows.iter().filter(|r| !r.note.trim().is_empty()).count(),
        oldest,
        ministries,
    }
}

/// The CSV columns of a report, in order.
pub const CSV_HEADER: [&str; 16] = [
    "id",
    "title",
    "author",
    "group",
    "ministry",
    "status",
    "published",
    "signaled",
    "deadline",
    "deadline_rule",
    "days_pending",
    "overdue_days",
    "flagged",
    "reviewed",
    "note",
    "urgency",
];

/// Writes the rows as CSV, every text cell neutralised.
pub fn write_csv(out: &mut dyn Write, rows: &[Row]) -> io::Result<()> {
    use super::csv::{opt, rule_cell};
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER)?;
    for (rank, r) in rows.iter().enumerate() {
        let text = |s: &str| csv_cell(s).into_owned();
        writer.write_record([
            text(r.id),
            text(r.title),
            text(r.author),
            text(r.group),
            text(r.ministry),
            r.status.as_str().to_string(),
            opt(r.published),
            opt(r.signaled),
            opt(r.timing.deadline),
            rule_cell(&r.timing),
            opt(r.timing.days_pending),
            opt(r.timing.overdue_days),
            opt(r.flagged),
            opt(r.reviewed),
            text(r.note),
            (rank + 1).to_string(),
        ])?;
    }
    writer.flush()
}

/// Writes the summary and the rows as JSON.
pub fn write_json(out: &mut dyn Write, rows: &[Row], today: NaiveDate) -> io::Result<()> {
    #[derive(Serialize)]
    struct Report<'a> {
        today: NaiveDate,
        summary: Summary<'a>,
        questions: &'a [Row<'a>],
    }
    super::json::write_pretty(
        out,
        &Report {
            today,
            summary: summarize(rows),
            questions: rows,
        },
    )
}

/// Writes the memo: a heading, the summary, and a table of the rows; nothing in it is raw
/// text from the files (cells and lines are escaped for Markdown and terminals).
pub fn write_markdown(
    out: &mut dyn Write,
    rows: &[Row],
    words: &dyn Words,
    today: NaiveDate,
) -> io::Result<()> {
    writeln!(out, "# {}", words.heading())?;
    writeln!(out)?;
    writeln!(out, "{}", words.as_of(today))?;
    writeln!(out)?;
    if rows.is_empty() {
        return writeln!(out, "{}", words.none());
    }
    for line in words.summary(&summarize(rows)) {
        writeln!(out, "- {}", markdown_line(&line))?;
    }
    writeln!(out)?;
    let columns = words.columns();
    writeln!(out, "| {} |", columns.join(" | "))?;
    writeln!(
        out,
        "| --- | --- | --- | --- | --- | --- | --- | --- | ---: | ---: | --- | --- |"
    )?;
    let short = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_string(), |d| words.date(d));
    for r in rows {
        let days = |d: Option<i64>| d.map_or_else(|| "—".into(), |d| words.figure(d));
        let deadline = match (r.timing.deadline, r.timing.deadline_rule) {
            (Some(d), Some(rule)) => {
                format!("{} ({})", words.date(d), words.rule(rule))
            }
            _ => "—".to_string(),
        };
        let signaled = r
            .signaled
            .map(|d| format!("▲ {}", words.date(d)))
            .unwrap_or_default();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            markdown_cell(r.id),
            markdown_cell(r.title),
            markdown_cell(r.author),
            markdown_cell(r.group),
            markdown_cell(r.ministry),
            short(r.published),
            signaled,
            deadline,
            days(r.timing.days_pending),
            days(r.timing.overdue_days),
            if r.flagged.is_some() { words.yes() } else { "" },
            markdown_cell(r.note),
        )?;
    }
    Ok(())
}
