//! The scoreboard: per ministry (or group, author, rubric, legislature), how many questions
//! came in, how many were answered and how many within the art. 135 deadline, how many wait,
//! how many are overdue, how many were closed without an answer, and how long answers take.
//!
//! The denominators are honest: a rate is over the questions *due* — everything but the
//! questions still pending within their deadline — so questions withdrawn or lapsed with
//! their legislature count against the ministry that never answered them, rather than
//! dropping out of the count. A question whose ministry changed counts for the ministry that
//! must answer it now; the row says how many came in that way. Ministries are merged across
//! their names ([`ministries`]).
//!
//! Deadlines, overdue and lapsed questions come from [`crate::deadline`], so the scoreboard
//! agrees with the list's `is:overdue` and `is:lapsed`.

pub mod ministries;

use crate::deadline::{lapsed, timing, DeadlineRule};
use crate::model::Status;
use crate::record::Record;
use chrono::NaiveDate;
use ministries::Merger;
use serde::Serialize;
use std::collections::HashMap;
use std::str::FromStr;

/// What the rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// The ministry that must answer (merged across its names).
    Ministry,
    /// The author's political group.
    Group,
    /// The author.
    Author,
    /// The rubric.
    Rubric,
    /// The legislature.
    Legislature,
}

impl By {
    /// Every dimension, in the order a menu offers them.
    pub const ALL: [By; 5] = [
        By::Ministry,
        By::Group,
        By::Author,
        By::Rubric,
        By::Legislature,
    ];

    /// The name as written on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            By::Ministry => "ministry",
            By::Group => "group",
            By::Author => "author",
            By::Rubric => "rubric",
            By::Legislature => "legislature",
        }
    }
}

impl FromStr for By {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        By::ALL
            .into_iter()
            .find(|b| b.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                format!("unknown dimension `{s}` (expected ministry, group, author, rubric or legislature)")
            })
    }
}

/// What a scoreboard counts and how.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// What the rows are.
    pub by: By,
    /// Only questions published on or after this day.
    pub since: Option<NaiveDate>,
    /// Only questions published on or before this day.
    pub until: Option<NaiveDate>,
    /// The day taken as today (for overdue).
    pub today: NaiveDate,
    /// The legislature in session (for lapsed questions).
    pub current: crate::deadline::Current,
    /// How ministries' labels merge.
    pub ministries: &'a Merger,
}

/// The oldest overdue question of a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Oldest {
    /// Its id.
    pub id: String,
    /// Days past its deadline.
    pub overdue_days: i64,
}

/// One row of the scoreboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The row's name: the label most questions use (or the one the configuration gives).
    pub name: String,
    /// Every label counted in the row, the most used first.
    pub labels: Vec<String>,
    /// Questions received (published in the period).
    pub received: usize,
    /// Answered.
    pub answered: usize,
    /// Answered within the deadline of art. 135 (two months, one before 28 Nov 2014; a
    /// question answered only after a signalement was late).
    pub answered_on_time: usize,
    /// Pending and not yet due.
    pub pending: usize,
    /// Pending past the deadline.
    pub overdue: usize,
    /// Closed without an answer: withdrawn, or lapsed with their legislature.
    pub closed_unanswered: usize,
    /// Answered / due (due: answered, overdue and closed without an answer); none when
    /// nothing is due.
    pub answer_rate: Option<f64>,
    /// Answered on time / due.
    pub on_time_rate: Option<f64>,
    /// Median days from publication to answer.
    pub median_delay_days: Option<f64>,
    /// 90th percentile of the days from publication to answer (nearest rank).
    pub p90_delay_days: Option<i64>,
    /// The overdue question past its deadline the longest.
    pub oldest_overdue: Option<Oldest>,
    /// By ministry: the questions that came to it by a change of attribution (none for the
    /// other dimensions).
    pub reattributed_in: Option<usize>,
    /// Each answer's delay in days, sorted (for a distribution).
    #[serde(skip)]
    pub delays: Vec<i64>,
}

impl Row {
    fn new(name: String) -> Row {
        Row {
            name,
            labels: Vec::new(),
            received: 0,
            answered: 0,
            answered_on_time: 0,
            pending: 0,
            overdue: 0,
            closed_unanswered: 0,
            answer_rate: None,
            on_time_rate: None,
            median_delay_days: None,
            p90_delay_days: None,
            oldest_overdue: None,
            reattributed_in: None,
            delays: Vec::new(),
        }
    }

    /// Questions due: answered, overdue, or closed without an answer (everything but those
    /// still within their deadline).
    pub fn due(&self) -> usize {
        self.answered + self.overdue + self.closed_unanswered
    }

    /// How the answers' delays spread over [`DELAY_BUCKETS`].
    pub fn distribution(&self) -> [usize; DELAY_BUCKETS.len()] {
        distribution(&self.delays)
    }

    /// Counts one question in the row.
    fn count(&mut self, q: &impl Record, today: NaiveDate, current: crate::deadline::Current) {
        self.received += 1;
        let t = timing(q, today, current);
        match q.status() {
            Status::Answered => {
                self.answered += 1;
                if let (Some(due), Some(on)) = (t.deadline, q.answered()) {
                    if t.deadline_rule != Some(DeadlineRule::Signaled) && on <= due {
                        self.answered_on_time += 1;
                    }
                }
                if let Some(d) = t.answer_delay_days {
                    self.delays.push(d);
                }
            }
            Status::Withdrawn => self.closed_unanswered += 1,
            Status::Pending if lapsed(q, current) => self.closed_unanswered += 1,
            Status::Pending => match t.overdue_days {
                Some(days) => {
                    self.overdue += 1;
                    let older = self.oldest_overdue.as_ref().is_none_or(|o| {
                        (days, std::cmp::Reverse(q.id()))
                            > (o.overdue_days, std::cmp::Reverse(o.id.as_str()))
                    });
                    if older {
                        self.oldest_overdue = Some(Oldest {
                            id: q.id().to_string(),
                            overdue_days: days,
                        });
                    }
                }
                None => self.pending += 1,
            },
        }
    }

    /// Works out the rates and delays once every question is counted.
    fn finish(&mut self) {
        let due = self.due();
        let rate = |n: usize| (due > 0).then(|| round4(n as f64 / due as f64));
        self.answer_rate = rate(self.answered);
        self.on_time_rate = rate(self.answered_on_time);
        self.delays.sort_unstable();
        self.median_delay_days = median(&self.delays);
        self.p90_delay_days = percentile(&self.delays, 90);
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The median of sorted values.
pub fn median(sorted: &[i64]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    Some(if n % 2 == 0 {
        (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0
    } else {
        sorted[n / 2] as f64
    })
}

/// The `p`th percentile of sorted values, by nearest rank.
pub fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// The upper bounds, in days, of the ranges a delay distribution counts: within a month,
/// within the two months of art. 135, within three months, six, a year, and beyond.
pub const DELAY_BUCKETS: [Option<i64>; 6] =
    [Some(31), Some(61), Some(92), Some(183), Some(365), None];

/// How many delays fall in each range of [`DELAY_BUCKETS`].
pub fn distribution(delays: &[i64]) -> [usize; DELAY_BUCKETS.len()] {
    let mut counts = [0; DELAY_BUCKETS.len()];
    for &d in delays {
        let i = DELAY_BUCKETS
            .iter()
            .position(|b| b.is_none_or(|max| d <= max))
            .unwrap_or(DELAY_BUCKETS.len() - 1);
        counts[i] += 1;
    }
    counts
}

/// The scoreboard: rows, the most overdue first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scoreboard {
    /// What the rows are.
    pub by: By,
    /// The rows: most overdue first, then the lowest answer rate, then the most received.
    pub rows: Vec<Row>,
    /// Every question counted, as one row (not in the JSON form).
    #[serde(skip)]
    pub total: Row,
}

/// The label of a question in a dimension ("" when it has none).
fn label_of(q: &impl Record, by: By) -> std::borrow::Cow<'_, str> {
    match by {
        By::Ministry => q.ministry().trim().into(),
        By::Group => q.group().trim().into(),
        By::Author => q.author().trim().into(),
        By::Rubric => q.rubric().trim().into(),
        By::Legislature => q.legislature().to_string().into(),
    }
}

/// True when a question is in the period.
fn in_period(q: &impl Record, since: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
    if since.is_none() && until.is_none() {
        return true;
    }
    q.published()
        .is_some_and(|p| since.is_none_or(|s| p >= s) && until.is_none_or(|u| p <= u))
}

/// Computes the scoreboard of `questions`.
pub fn compute<'a, R: Record + 'a>(
    questions: impl IntoIterator<Item = &'a R>,
    opts: &Options,
) -> Scoreboard {
    struct Group {
        row: Row,
        labels: HashMap<String, usize>,
    }
    let by_ministry = opts.by == By::Ministry;
    let mut groups: HashMap<String, Group> = HashMap::new();
    let mut total = Row::new(String::new());
    // A label's key, computed once per distinct label.
    let mut keys: HashMap<String, String> = HashMap::new();
    let mut key_of = |label: &str| -> String {
        if !by_ministry {
            return label.to_string();
        }
        if let Some(k) = keys.get(label) {
            return k.clone();
        }
        let k = opts.ministries.group(label);
        keys.insert(label.to_string(), k.clone());
        k
    };
    for q in questions {
        if !in_period(q, opts.since, opts.until) {
            continue;
        }
        let label = label_of(q, opts.by);
        let key = key_of(&label);
        let reattributed = by_ministry && {
            let first = q.first_ministry();
            !first.trim().is_empty() && key_of(first.trim()) != key
        };
        let group = groups.entry(key).or_insert_with(|| Group {
            row: Row::new(String::new()),
            labels: HashMap::new(),
        });
        group.row.count(q, opts.today, opts.current);
        total.count(q, opts.today, opts.current);
        if by_ministry {
            let n = group.row.reattributed_in.get_or_insert(0);
            *n += usize::from(reattributed);
            *total.reattributed_in.get_or_insert(0) += usize::from(reattributed);
        }
        if let Some(n) = group.labels.get_mut(label.as_ref()) {
            *n += 1;
        } else {
            group.labels.insert(label.into_owned(), 1);
        }
    }
    let mut rows: Vec<Row> = groups
        .into_iter()
        .map(|(key, g)| {
            let mut labels: Vec<(String, usize)> = g.labels.into_iter().collect();
            labels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let mut row = g.row;
            row.labels = labels.into_iter().map(|(l, _)| l).collect();
            row.name = match by_ministry.then(|| opts.ministries.configured_name(&key)) {
                Some(Some(name)) => name.to_string(),
                _ => row.labels.first().cloned().unwrap_or_default(),
            };
            if row.name.is_empty() {
                row.name = "—".into();
            }
            row.finish();
            row
        })
        .collect();
    rows.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then_with(|| {
                let rate = |r: &Row| r.answer_rate.unwrap_or(2.0);
                rate(a).total_cmp(&rate(b))
            })
            .then_with(|| b.received.cmp(&a.received))
            .then_with(|| a.name.cmp(&b.name))
    });
    total.finish();
    Scoreboard {
        by: opts.by,
        rows,
        total,
    }
}

#[cfg(test)]
mod tests;
