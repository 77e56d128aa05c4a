//! Answer deadlines under article 135 of the Règlement de l'Assemblée nationale.
//!
//! Since 28 November 2014 a minister has two months from the JO publication to answer; a
//! question *signalée* by a group president must be answered within ten days of the
//! signalement. Before that date the rule was one month, extendable by one month on request;
//! documents never say whether the extension was asked, so the base month is used.

use crate::model::{Question, Status};
use crate::record::Record;
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

/// The legislature in session, as the data says: the highest legislature among the questions
/// read (the library's, or the files'), or the configuration's when it is higher, and never
/// earlier than [`Current::KNOWN`]. Questions of earlier legislatures still pending lapsed when
/// theirs ended; so when an update brings the 18th, the 17th's pending questions lapse with no
/// new release. A value carried with a loaded dossier and passed to the functions below, never
/// a global: two dossiers can be open at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Current(u16);

impl Current {
    /// The 17th, elected in July 2024: in session when this version was written. The data can
    /// only move the current legislature on from it (files of older legislatures alone do not
    /// bring an ended one back).
    pub const KNOWN: Current = Current(17);

    /// The legislature in session given the legislatures of the questions read and the
    /// configuration's `legislature`: the highest of them, [`Current::KNOWN`] at least.
    pub fn from_data(
        legislatures: impl IntoIterator<Item = u16>,
        configured: Option<u16>,
    ) -> Current {
        let seen = legislatures.into_iter().max().unwrap_or(0);
        Current(seen.max(configured.unwrap_or(0)).max(Self::KNOWN.0))
    }

    /// [`Current::from_data`] over the legislatures of `questions`.
    pub fn of(questions: &[Question], configured: Option<u16>) -> Current {
        Current::from_data(questions.iter().map(|q| q.legislature), configured)
    }

    /// Its number.
    pub fn number(self) -> u16 {
        self.0
    }

    /// True when `legislature` has ended: it is earlier than this one.
    pub fn has_ended(self, legislature: u16) -> bool {
        legislature < self.0
    }
}

impl Default for Current {
    fn default() -> Current {
        Current::KNOWN
    }
}

/// True for a pending question of a legislature that has ended: it lapsed (the AN's data
/// closes such questions; a page saved without its closure still shows them pending).
pub fn lapsed(question: &(impl Record + ?Sized), current: Current) -> bool {
    question.status() == Status::Pending && current.has_ended(question.legislature())
}

/// The deadline of a question and the rule behind it; none for a lapsed question.
pub fn deadline(
    question: &(impl Record + ?Sized),
    current: Current,
) -> Option<(NaiveDate, DeadlineRule)> {
    if lapsed(question, current) {
        return None;
    }
    due(question)
}

/// The article 135 deadline of a question and its rule, whether or not its legislature
/// has ended (see [`deadline`]): what the library stores, the legislature in session being
/// known only when it is read.
pub fn due(question: &(impl Record + ?Sized)) -> Option<(NaiveDate, DeadlineRule)> {
    if let Some(signal) = question.signaled() {
        if let Some(date) = signal.checked_add_days(Days::new(SIGNALED_DAYS)) {
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

/// Computes deadline, days pending, overdue days and answer delay relative to `today`, with
/// `current` the legislature in session.
pub fn timing(question: &(impl Record + ?Sized), today: NaiveDate, current: Current) -> Timing {
    let due = deadline(question, current);
    let published = question.published();
    let mut timing = Timing {
        deadline: due.map(|d| d.0),
        deadline_rule: due.map(|d| d.1),
        days_pending: None,
        overdue_days: None,
        answer_delay_days: None,
        lapsed: lapsed(question, current),
    };
    match question.status() {
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
            if let (Some(p), Some(a)) = (published, question.answered()) {
                timing.answer_delay_days = Some((a - p).num_days());
            }
        }
        Status::Withdrawn => {}
    }
    timing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
    }

    /// A pending question of the sample (17th legislature), moved to `legislature`.
    fn pending(legislature: u16) -> Question {
        let mut q = crate::load::load_sample()
            .questions
            .into_iter()
            .find(|q| {
                q.status == Status::Pending
                    && q.last_event(crate::model::EventKind::Signaled).is_none()
            })
            .expect("the sample has pending questions");
        q.legislature = legislature;
        q
    }

    #[test]
    fn the_current_legislature_is_the_highest_the_data_or_the_configuration_knows() {
        assert_eq!(Current::from_data([], None), Current::KNOWN);
        assert_eq!(
            Current::from_data([15, 16], None),
            Current::KNOWN,
            "never earlier"
        );
        assert_eq!(Current::from_data([16, 18, 17], None).number(), 18);
        assert_eq!(Current::from_data([17], Some(18)).number(), 18);
        assert_eq!(Current::from_data([18], Some(17)).number(), 18);
        let questions = [pending(17), pending(18)];
        assert_eq!(Current::of(&questions, None).number(), 18);
    }

    #[test]
    fn when_the_18th_is_in_session_the_17ths_pending_questions_lapse() {
        let q = pending(17);
        let today = d(2030, 1, 1);
        let in_17th = timing(&q, today, Current::KNOWN);
        assert!(!in_17th.lapsed);
        assert!(in_17th.deadline.is_some() && in_17th.is_overdue());
        let eighteenth = Current::from_data([18], None);
        let after = timing(&q, today, eighteenth);
        assert!(after.lapsed && lapsed(&q, eighteenth));
        assert_eq!((after.deadline, after.overdue_days), (None, None));
        assert_eq!(deadline(&q, eighteenth), None);
        // Its days pending are still told; an 18th-legislature question runs as before.
        assert_eq!(after.days_pending, in_17th.days_pending);
        assert!(!timing(&pending(18), today, eighteenth).lapsed);
    }
}
