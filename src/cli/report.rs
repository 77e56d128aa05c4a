//! `dossier report`: the pending questions (or a selection), most overdue first, with their
//! review flag and note; Markdown to paste into a memo to the deputy, CSV or JSON.

use super::{Context, Lang};
use chrono::NaiveDate;
use clap::ValueEnum;
use dossier_core::deadline::{timing, Timing};
use dossier_core::model::{Question, Status};
use dossier_core::parse::dates::format_fr;
use dossier_core::review::{ReviewEntry, ReviewStore};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReportFormat {
    /// Markdown: a summary and a table, to paste into a memo.
    #[default]
    Md,
    /// One row per question, for spreadsheets.
    Csv,
    /// JSON: the summary and the rows.
    Json,
}

/// How many ministries the summary names.
const TOP_MINISTRIES: usize = 3;

/// The default selection of a report: the pending questions.
pub fn pending(questions: &[Question]) -> Vec<&Question> {
    questions
        .iter()
        .filter(|q| q.status == Status::Pending)
        .collect()
}

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
    /// Deadline, days pending, overdue days.
    #[serde(flatten)]
    pub timing: Timing,
    /// The day the follow-up flag was set.
    pub flagged: Option<NaiveDate>,
    /// The day it was reviewed.
    pub reviewed: Option<NaiveDate>,
    /// The note, empty when none.
    pub note: &'a str,
}

/// The rows of `selection`, most overdue first (then longest pending, then by id).
pub fn rows<'a>(
    selection: &[&'a Question],
    store: &'a ReviewStore,
    today: NaiveDate,
) -> Vec<Row<'a>> {
    let mut rows: Vec<Row> = selection
        .iter()
        .map(|q| {
            let entry: Option<&ReviewEntry> = store.entry(&q.id);
            Row {
                id: &q.id,
                title: &q.title,
                author: &q.author,
                group: &q.group,
                ministry: q.ministry(),
                status: q.status,
                published: q.published(),
                timing: timing(q, today),
                flagged: entry.and_then(|e| e.flagged),
                reviewed: entry.and_then(|e| e.reviewed),
                note: entry.map_or("", |e| e.note.as_str()),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &Row| (r.timing.overdue_days, r.timing.days_pending);
        key(b).cmp(&key(a)).then_with(|| a.id.cmp(b.id))
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
        .filter(|r| r.status == Status::Pending)
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
        flagged: rows.iter().filter(|r| r.flagged.is_some()).count(),
        with_note: rows.iter().filter(|r| !r.note.trim().is_empty()).count(),
        oldest,
        ministries,
    }
}

/// Writes the report of `selection` (any questions: the pending ones, or a query's).
pub fn write(
    out: &mut dyn Write,
    selection: &[&Question],
    store: &ReviewStore,
    format: ReportFormat,
    ctx: &Context,
) -> io::Result<()> {
    let rows = rows(selection, store, ctx.today);
    match format {
        ReportFormat::Md => write_markdown(out, &rows, ctx),
        ReportFormat::Csv => write_csv(out, &rows),
        ReportFormat::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                today: NaiveDate,
                summary: Summary<'a>,
                questions: &'a [Row<'a>],
            }
            let report = Report {
                today: ctx.today,
                summary: summarize(&rows),
                questions: &rows,
            };
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 13] = [
    "id",
    "title",
    "author",
    "group",
    "ministry",
    "status",
    "published",
    "deadline",
    "days_pending",
    "overdue_days",
    "flagged",
    "reviewed",
    "note",
];

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn write_csv(out: &mut dyn Write, rows: &[Row]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER)?;
    for r in rows {
        writer.write_record([
            r.id.to_string(),
            r.title.to_string(),
            r.author.to_string(),
            r.group.to_string(),
            r.ministry.to_string(),
            r.status.as_str().to_string(),
            opt(r.published),
            opt(r.timing.deadline),
            opt(r.timing.days_pending),
            opt(r.timing.overdue_days),
            opt(r.flagged),
            opt(r.reviewed),
            r.note.to_string(),
        ])?;
    }
    writer.flush()
}

/// The words of the Markdown report, in one language.
struct Words {
    heading: &'static str,
    as_of: &'static str,
    none: &'static str,
    ministries: &'static str,
    columns: [&'static str; 10],
    yes: &'static str,
}

const FR: Words = Words {
    heading: "Questions écrites : suivi des réponses",
    as_of: "Situation au",
    none: "Aucune question à signaler.",
    ministries: "Ministères qui doivent le plus de réponses",
    columns: [
        "Question",
        "Titre",
        "Auteur",
        "Groupe",
        "Ministère",
        "Publiée le",
        "Attente (j)",
        "Retard (j)",
        "À relancer",
        "Note",
    ],
    yes: "oui",
};

const EN: Words = Words {
    heading: "Written questions: answers follow-up",
    as_of: "As of",
    none: "No question to report.",
    ministries: "Ministries that owe the most answers",
    columns: [
        "Question",
        "Title",
        "Author",
        "Group",
        "Ministry",
        "Published",
        "Pending (days)",
        "Overdue (days)",
        "Follow-up",
        "Note",
    ],
    yes: "yes",
};

fn long_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => format_fr(date),
        Lang::En => date.format("%-d %B %Y").to_string(),
    }
}

fn short_date(date: Option<NaiveDate>, lang: Lang) -> String {
    match (date, lang) {
        (None, _) => "—".to_string(),
        (Some(d), Lang::Fr) => d.format("%d/%m/%Y").to_string(),
        (Some(d), Lang::En) => d.to_string(),
    }
}

/// "3 questions", "1 question"; French and English agree here apart from the words given.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A table cell: pipes escaped, line breaks as `<br>` (Markdown tables are one line a row).
fn cell(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("<br>")
}

fn summary_lines(s: &Summary, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    lines.push(match lang {
        Lang::Fr => format!(
            "**{}** : {} en attente, dont {} hors délai ; {} à relancer ; {} avec une note.",
            count(s.questions, "question", "questions"),
            s.pending,
            s.overdue,
            s.flagged,
            s.with_note
        ),
        Lang::En => format!(
            "**{}**: {} pending, {} of them overdue; {} flagged for follow-up; {} with a note.",
            count(s.questions, "question", "questions"),
            s.pending,
            s.overdue,
            s.flagged,
            s.with_note
        ),
    });
    if let Some(o) = &s.oldest {
        let published = o.published.map(|d| long_date(d, lang)).unwrap_or_default();
        let days = o.timing.days_pending.unwrap_or_default();
        let late = o.timing.overdue_days;
        lines.push(match lang {
            Lang::Fr => format!(
                "Plus ancienne : **{}** ({}), publiée le {published}, en attente depuis {}{}.",
                o.id,
                o.author,
                count(days as usize, "jour", "jours"),
                late.map(|d| format!(", {} de retard", count(d as usize, "jour", "jours")))
                    .unwrap_or_default()
            ),
            Lang::En => format!(
                "Oldest: **{}** ({}), published {published}, pending for {}{}.",
                o.id,
                o.author,
                count(days as usize, "day", "days"),
                late.map(|d| format!(", {} overdue", count(d as usize, "day", "days")))
                    .unwrap_or_default()
            ),
        });
    }
    if !s.ministries.is_empty() {
        let words = if lang == Lang::Fr { &FR } else { &EN };
        let list: Vec<String> = s
            .ministries
            .iter()
            .map(|m| format!("{} ({})", m.name, m.pending))
            .collect();
        let sep = if lang == Lang::Fr { " : " } else { ": " };
        lines.push(format!("{}{sep}{}.", words.ministries, list.join(" ; ")));
    }
    lines
}

fn write_markdown(out: &mut dyn Write, rows: &[Row], ctx: &Context) -> io::Result<()> {
    let lang = ctx.lang;
    let words = if lang == Lang::Fr { &FR } else { &EN };
    writeln!(out, "# {}", words.heading)?;
    writeln!(out)?;
    writeln!(out, "{} {}.", words.as_of, long_date(ctx.today, lang))?;
    writeln!(out)?;
    if rows.is_empty() {
        return writeln!(out, "{}", words.none);
    }
    for line in summary_lines(&summarize(rows), lang) {
        writeln!(out, "- {line}")?;
    }
    writeln!(out)?;
    writeln!(out, "| {} |", words.columns.join(" | "))?;
    writeln!(
        out,
        "| --- | --- | --- | --- | --- | --- | ---: | ---: | --- | --- |"
    )?;
    for r in rows {
        let days = |d: Option<i64>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.id,
            cell(r.title),
            cell(r.author),
            cell(r.group),
            cell(r.ministry),
            short_date(r.published, lang),
            days(r.timing.days_pending),
            days(r.timing.overdue_days),
            if r.flagged.is_some() { words.yes } else { "" },
            cell(r.note),
        )?;
    }
    Ok(())
}
