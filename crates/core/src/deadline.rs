//! Answer deadlines under article 135 of the Règlement de l'Assemblée nationale.
//!
//! Since 28 November 2014 a minister has two months from the JO publication to answer; a
//! question *signalée* by a group president must be answered within ten days of the
//! signalement. Before that date the rule was one month, extendable by one month on request;
//! documents never say whether the extension was asked, so the base month is used.

use crate::model::{EventKind, Question, Status};
use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

/// The day the two-month rule came into force.
pub fn reform_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2014, 11, 28).unwrap_or(NaiveDate::MIN)
}

/// Days allowed after a signalement.
pub const SIGNALED_DAYS: u64 = 10;

/// Why a deadline falls where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineRule {
    /// Two months after publication (since 28 Nov 2014).
    TwoMonths,
    /// One month after publication (before 28 Nov 2014).
    OneMonth,
    /// Ten days after the signalement.
    Signaled,
}

/// Dates derived from a question and "today".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Timing {
    /// When the answer is due; none without a publication date.
    pub deadline: Option<NaiveDate>,
    /// Which rule set the deadline.
    pub deadline_rule: Option<DeadlineRule>,
    /// For a pending question: days since publication.
    pub days_pending: Option<i64>,
    /// For a pending question past its deadline: days since the deadline.
    pub overdue_days: Option<i64>,
    /// For an answered question: days from publication to answer.
    pub answer_delay_days: Option<i64>,
    /// A question of a legislature that has ended, left without an answer or a closure:
    /// it lapsed with the legislature, and no deadline runs.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub lapsed: bool,
}

impl Timing {
    /// True when the question is pending and past its deadline.
    pub fn is_overdue(&self) -> bool {
        self.overdue_days.is_some()
    }
}

/// The legislature in session (the 17th, elected in July 2024). Questions of earlier ones
/// still pending lapsed when their legislature ended.
pub const CURRENT_LEGISLATURE: u16 = 17;

/// True for a pending question of a legislature that has ended: it lapsed (the AN's data
/// closes such questions; a page saved without its closure still shows them pending).
pub fn lapsed(question: &Question) -> bool {
    question.status == Status::Pending && question.legislature < CURRENT_LEGISLATURE
}

/// The deadline of a question and the rule behind it; none for a lapsed question.
pub fn deadline(question: &Question) -> Option<(NaiveDate, DeadlineRule)> {
    if lapsed(question) {
        return None;
    }
    if let Some(signal) = question.last_event(EventKind::Signaled) {
        if let Some(date) = signal.date.checked_add_days(Days::new(SIGNALED_DAYS)) {
            return Some((date, DeadlineRule::Signaled));
        }
    }
    let published = question.published()?;
    if published >= reform_date() {
        published
            .checked_add_months(Months::new(2))
            .map(|d| (d, DeadlineRule::TwoMonths))
    } else {
        published
            .checked_add_months(Months::new(1))
            .map(|d| (d, DeadlineRule::OneMonth))
    }
}

/// Computes deadline, days pending, overdue days and answer delay relative to `today`.
pub fn timing(question: &Question, today: NaiveDate) -> Timing {
    let due = deadline(question);
    let published = question.published();
    let mut timing = Timing {
        deadline: due.map(|d| d.0),
        deadline_rule: due.map(|d| d.1),
        days_pending: None,
        overdue_days: None,
        answer_delay_days: None,
        lapsed: lapsed(question),
    };
    match question.status {
        Status::Pending => {
            timing.days_pending = published.map(|p| (today - p).num_days().max(0));
            if let Some((due, _)) = due {
                let late = (today - due).num_days();
                if late > 0 {
                    timing.overdue_days = Some(late);
                }
            }
        }
        Status::Answered => {
            if let (Some(p), Some(a)) = (published, question.answered_on()) {
                timing.answer_delay_days = Some((a - p).num_days());
            }
        }
        Status::Withdrawn => {}
    }
    timing
}
