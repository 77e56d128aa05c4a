//! The signalement memo, for the group president: which questions to signal (a signalement
//! obliges the minister to answer within ten days, and each group may signal only a few at a
//! time), then the questions already signalées that still wait, with their ten-day deadline.
//!
//! The candidates are the questions the team marked "to signal"; when none is marked, the
//! most overdue pending questions not yet signalées, leaving out those whose twin was already
//! answered (a campaign's or a grouped answer's: ask for that answer instead). Either way the
//! quota applies, most overdue first. A question marked "to signal" is kept even when answered
//! elsewhere: the memo says so.

use crate::deadline::{lapsed, timing, Current, DeadlineRule};
use crate::model::Status;
use crate::record::Record;
use crate::related::RelatedSet;
use crate::review::ReviewState;
use crate::text::sanitize::{markdown_cell, markdown_line};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{self, Write};

/// A question proposed for a signalement.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate<'a> {
    /// The question's id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Author, with civility.
    pub author: &'a str,
    /// Political group.
    pub group: &'a str,
    /// The ministry that must answer.
    pub ministry: &'a str,
    /// Publication in the JO.
    pub published: Option<NaiveDate>,
    /// The art. 135 deadline.
    pub deadline: Option<NaiveDate>,
    /// Days past the deadline (none when not overdue yet).
    pub overdue_days: Option<i64>,
    /// The day the team marked it "to signal" (none for a question proposed by itself).
    pub marked: Option<NaiveDate>,
    /// A related question already answered (kept only when marked), with its answer's day.
    pub answered_elsewhere: Option<(&'a str, Option<NaiveDate>)>,
    /// Legislature and number, to order questions published the same day.
    #[serde(skip)]
    order: (u16, u32),
}

/// A question signalée that still waits.
#[derive(Debug, Clone, Serialize)]
pub struct Waiting<'a> {
    /// The question's id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Author, with civility.
    pub author: &'a str,
    /// The ministry that must answer.
    pub ministry: &'a str,
    /// The day of the signalement.
    pub signaled: NaiveDate,
    /// Ten days later: the deadline.
    pub deadline: NaiveDate,
    /// Days past that deadline (negative: days left).
    pub days_past: i64,
}

/// Where the candidates come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The questions marked "to signal".
    Marked,
    /// The most overdue questions not yet signalées (nothing is marked).
    MostOverdue,
}

/// The memo's content.
#[derive(Debug, Clone, Serialize)]
pub struct Plan<'a> {
    /// The day taken as today.
    pub today: NaiveDate,
    /// How many candidates at most.
    pub quota: usize,
    /// Where the candidates come from.
    pub source: Source,
    /// The candidates, most overdue first, the quota applied.
    pub candidates: Vec<Candidate<'a>>,
    /// Candidates the quota left out.
    pub over_quota: usize,
    /// Overdue questions not proposed because a related question was answered (their ids).
    pub answered_elsewhere: Vec<&'a str>,
    /// The questions signalées still waiting: past their ten days first (the longest past
    /// first), then the nearest deadline first.
    pub signaled: Vec<Waiting<'a>>,
}

/// A related question that has its answer, and the day of that answer.
fn answered_twin<'a, R: Record>(
    i: usize,
    questions: &'a [R],
    related: Option<&'a RelatedSet>,
) -> Option<(&'a str, Option<NaiveDate>)> {
    let related = related?;
    related.of(i).find_map(|r| {
        let j = r.index as usize;
        let other: &dyn Record = match questions.get(j) {
            Some(q) => q,
            None => related.outside(j)?,
        };
        (other.status() == Status::Answered).then(|| (other.id(), other.answered()))
    })
}

/// Works out the memo: `questions` the whole dossier (the related questions were computed on
/// it), `selection` the indices of those to consider, `review` the team's marks.
pub fn plan<'a, R: Record>(
    questions: &'a [R],
    selection: &[usize],
    review: &ReviewState,
    related: Option<&'a RelatedSet>,
    quota: usize,
    today: NaiveDate,
    current: Current,
) -> Plan<'a> {
    let waiting: Vec<usize> = selection
        .iter()
        .copied()
        .filter(|&i| {
            questions
                .get(i)
                .is_some_and(|q| q.status() == Status::Pending && !lapsed(q, current))
        })
        .collect();
    let marked_on = |q: &R| {
        review
            .shared
            .entries
            .get(q.id())
            .and_then(|e| e.to_signal())
    };
    let signaled_on = |q: &R| q.signaled();
    let candidate = |i: usize| -> Candidate<'a> {
        let q = &questions[i];
        let t = timing(q, today, current);
        Candidate {
            id: q.id(),
            title: q.title(),
            author: q.author(),
            group: q.group(),
            ministry: q.ministry(),
            published: q.published(),
            deadline: t.deadline,
            overdue_days: t.overdue_days,
            marked: marked_on(q),
            answered_elsewhere: answered_twin(i, questions, related),
            order: (q.legislature(), q.number()),
        }
    };
    let unsignaled = waiting
        .iter()
        .copied()
        .filter(|&i| signaled_on(&questions[i]).is_none());
    let marked: Vec<Candidate> = unsignaled
        .clone()
        .filter(|&i| marked_on(&questions[i]).is_some())
        .map(candidate)
        .collect();
    let mut answered_elsewhere = Vec::new();
    let (source, mut candidates) = if marked.is_empty() {
        let overdue: Vec<Candidate> = unsignaled
            .filter(|&i| timing(&questions[i], today, current).is_overdue())
            .filter_map(|i| {
                let c = candidate(i);
                if c.answered_elsewhere.is_some() {
                    let q = &questions[i];
                    answered_elsewhere.push((q.legislature(), q.kind(), q.number(), c.id));
                    None
                } else {
                    Some(c)
                }
            })
            .collect();
        (Source::MostOverdue, overdue)
    } else {
        (Source::Marked, marked)
    };
    candidates.sort_by(|a, b| {
        b.overdue_days
            .unwrap_or(-1)
            .cmp(&a.overdue_days.unwrap_or(-1))
            .then_with(|| a.published.cmp(&b.published))
            .then_with(|| a.order.cmp(&b.order))
    });
    let over_quota = candidates.len().saturating_sub(quota);
    candidates.truncate(quota);
    // By legislature, then number (17-1001QE before 17-10012QE), as a staffer reads them.
    answered_elsewhere.sort_unstable();
    let answered_elsewhere: Vec<&str> = answered_elsewhere.into_iter().map(|k| k.3).collect();
    let mut signaled: Vec<Waiting> = waiting
        .iter()
        .filter_map(|&i| {
            let q = &questions[i];
            let t = timing(q, today, current);
            let signaled = signaled_on(q)?;
            let deadline = t
                .deadline
                .filter(|_| t.deadline_rule == Some(DeadlineRule::Signaled))?;
            Some(Waiting {
                id: q.id(),
                title: q.title(),
                author: q.author(),
                ministry: q.ministry(),
                signaled,
                deadline,
                days_past: (today - deadline).num_days(),
            })
        })
        .collect();
    signaled.sort_by(|a, b| b.days_past.cmp(&a.days_past).then_with(|| a.id.cmp(b.id)));
    Plan {
        today,
        quota,
        source,
        candidates,
        over_quota,
        answered_elsewhere,
        signaled,
    }
}

/// The words of the signalement memo in its reader's language (`i18n::signalement` gives
/// them).
pub trait Words {
    /// The memo's heading.
    fn heading(&self) -> &str;
    /// A number as the language writes it, with its thousands separator.
    fn figure(&self, n: i64) -> String;
    /// "As of 22 November 2026."
    fn as_of(&self, today: NaiveDate) -> String;
    /// The candidates' heading, saying where they come from and the quota.
    fn candidates_heading(&self, plan: &Plan) -> String;
    /// What the candidates are: marked, or the most overdue.
    fn candidates_intro(&self, plan: &Plan) -> String;
    /// Said when there is no candidate.
    fn no_candidate(&self) -> &str;
    /// The candidates' columns.
    fn candidate_columns(&self) -> [&str; 6];
    /// A candidate's note: marked on a day, answered elsewhere.
    fn candidate_note(&self, c: &Candidate) -> String;
    /// What the memo left out (quota, answered elsewhere), if anything.
    fn left_out(&self, plan: &Plan) -> Option<String>;
    /// The signalées' heading.
    fn signaled_heading(&self) -> &str;
    /// Said when none waits.
    fn no_signaled(&self) -> &str;
    /// The signalées' columns.
    fn signaled_columns(&self) -> [&str; 7];
    /// Days past the ten days ("12 j de dépassement"), or left ("encore 3 j").
    fn days_past(&self, days: i64) -> String;
    /// A date in a table.
    fn date(&self, date: NaiveDate) -> String;
}

/// Writes the memo as Markdown; nothing in it is raw text from the files.
pub fn write_markdown(out: &mut dyn Write, plan: &Plan, words: &dyn Words) -> io::Result<()> {
    writeln!(out, "# {}", words.heading())?;
    writeln!(out)?;
    writeln!(out, "{}", words.as_of(plan.today))?;
    writeln!(out)?;
    writeln!(out, "## {}", words.candidates_heading(plan))?;
    writeln!(out)?;
    if plan.candidates.is_empty() {
        writeln!(out, "{}", words.no_candidate())?;
    } else {
        writeln!(out, "{}", markdown_line(&words.candidates_intro(plan)))?;
        writeln!(out)?;
        writeln!(out, "| {} |", words.candidate_columns().join(" | "))?;
        writeln!(out, "| ---: | --- | ---: | --- | --- | --- |")?;
        for (rank, c) in plan.candidates.iter().enumerate() {
            let days = c
                .overdue_days
                .map_or_else(|| "—".to_string(), |d| words.figure(d));
            let mut title = markdown_cell(c.title);
            let note = words.candidate_note(c);
            if !note.is_empty() {
                title = format!("{title}<br>*{}*", markdown_cell(&note));
            }
            writeln!(
                out,
                "| {} | {} | {days} | {} | {} | {title} |",
                rank + 1,
                markdown_cell(c.id),
                markdown_cell(c.ministry),
                markdown_cell(c.author),
            )?;
        }
    }
    if let Some(left) = words.left_out(plan) {
        writeln!(out)?;
        writeln!(out, "{}", markdown_line(&left))?;
    }
    writeln!(out)?;
    writeln!(out, "## {}", words.signaled_heading())?;
    writeln!(out)?;
    if plan.signaled.is_empty() {
        return writeln!(out, "{}", words.no_signaled());
    }
    writeln!(out, "| {} |", words.signaled_columns().join(" | "))?;
    writeln!(out, "| --- | --- | --- | ---: | --- | --- | --- |")?;
    for w in &plan.signaled {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            markdown_cell(w.id),
            words.date(w.signaled),
            words.date(w.deadline),
            words.days_past(w.days_past),
            markdown_cell(w.ministry),
            markdown_cell(w.author),
            markdown_cell(w.title),
        )?;
    }
    Ok(())
}

/// Writes the memo as JSON.
pub fn write_json(out: &mut dyn Write, plan: &Plan) -> io::Result<()> {
    super::json::write_pretty(out, plan)
}

/// The CSV columns: one row per candidate (`section` = `candidate`, with its rank), then
/// one per question signalée still waiting (`section` = `signaled`).
pub const CSV_HEADER: [&str; 13] = [
    "section",
    "rank",
    "id",
    "title",
    "author",
    "group",
    "ministry",
    "overdue_days",
    "marked",
    "answered_elsewhere",
    "signaled",
    "deadline",
    "days_past",
];

/// Writes the memo as CSV, every text cell neutralised.
pub fn write_csv(out: &mut dyn Write, plan: &Plan) -> io::Result<()> {
    use super::csv::opt;
    use crate::text::sanitize::csv_cell;
    let text = |s: &str| csv_cell(s).into_owned();
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER)?;
    for (rank, c) in plan.candidates.iter().enumerate() {
        writer.write_record([
            "candidate".to_string(),
            (rank + 1).to_string(),
            text(c.id),
            text(c.title),
            text(c.author),
            text(c.group),
            text(c.ministry),
            opt(c.overdue_days),
            opt(c.marked),
            c.answered_elsewhere
                .map(|(id, _)| text(id))
                .unwrap_or_default(),
            String::new(),
            opt(c.deadline),
            String::new(),
        ])?;
    }
    for w in &plan.signaled {
        writer.write_record([
            "signaled".to_string(),
            String::new(),
            text(w.id),
            text(w.title),
            text(w.author),
            String::new(),
            text(w.ministry),
            String::new(),
            String::new(),
            String::new(),
            w.signaled.to_string(),
            w.deadline.to_string(),
            w.days_past.to_string(),
        ])?;
    }
    writer.flush()
}
