//! Counts over a set of questions: by status, ministry and group; overdue; answer delays.

use crate::deadline::{timing, Current};
use crate::model::{Question, Status};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// A name and how many questions have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Ministry or group name ("—" for none).
    pub name: String,
    /// Questions in all.
    pub total: usize,
    /// Of which pending.
    pub pending: usize,
    /// Of which overdue.
    pub overdue: usize,
}

/// Figures over a dossier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// All questions.
    pub total: usize,
    /// Answered.
    pub answered: usize,
    /// Pending (lapsed ones included: their status is still pending).
    pub pending: usize,
    /// Of the pending, those whose legislature has ended: lapsed (`is:lapsed`), no longer
    /// awaiting an answer.
    pub lapsed: usize,
    /// Withdrawn.
    pub withdrawn: usize,
    /// Pending and past deadline.
    pub overdue: usize,
    /// Median days from publication to answer, over answered questions.
    pub median_answer_delay_days: Option<f64>,
    /// Per ministry that must answer, most pending first.
    pub by_ministry: Vec<Count>,
    /// Per political group, most questions first.
    pub by_group: Vec<Count>,
}

fn tally<'a>(
    questions: &'a [Question],
    today: NaiveDate,
    current: Current,
    key: impl Fn(&'a Question) -> &'a str,
) -> Vec<Count> {
    let mut map: HashMap<&str, Count> = HashMap::new();
    for q in questions {
        let name = key(q);
        let entry = map.entry(name).or_insert_with(|| Count {
            name: if name.is_empty() {
                "—".into()
            } else {
                name.into()
            },
            total: 0,
            pending: 0,
            overdue: 0,
        });
        entry.total += 1;
        if q.status == Status::Pending {
            entry.pending += 1;
            if timing(q, today, current).is_overdue() {
                entry.overdue += 1;
            }
        }
    }
    let mut counts: Vec<Count> = map.into_values().collect();
    counts.sort_by(|a, b| {
        (b.overdue, b.pending, b.total)
            .cmp(&(a.overdue, a.pending, a.total))
            .then_with(|| a.name.cmp(&b.name))
    });
    counts
}

/// The median of a list of numbers.
pub fn median(mut values: Vec<i64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 0 {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    } else {
        values[mid] as f64
    })
}

/// Computes the figures of `questions` as of `today`, `current` the legislature in session.
pub fn compute<'a>(
    questions: impl IntoIterator<Item = &'a Question> + Clone,
    today: NaiveDate,
    current: Current,
) -> Stats {
    let list: Vec<Question> = questions.into_iter().cloned().collect();
    let mut stats = Stats {
        total: list.len(),
        answered: 0,
        pending: 0,
        lapsed: 0,
        withdrawn: 0,
        overdue: 0,
        median_answer_delay_days: None,
        by_ministry: tally(&list, today, current, |q| q.ministry()),
        by_group: tally(&list, today, current, |q| &q.group),
    };
    let mut delays = Vec::new();
    for q in &list {
        let t = timing(q, today, current);
        match q.status {
            Status::Answered => stats.answered += 1,
            Status::Pending => {
                stats.pending += 1;
                if crate::deadline::lapsed(q, current) {
                    stats.lapsed += 1;
                }
            }
            Status::Withdrawn => stats.withdrawn += 1,
        }
        if t.is_overdue() {
            stats.overdue += 1;
        }
        if let Some(d) = t.answer_delay_days {
            delays.push(d);
        }
    }
    stats.median_answer_delay_days = median(delays);
    stats
}
