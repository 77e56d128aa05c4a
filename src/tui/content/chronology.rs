//! The dossier chronology: questions asked, answered and withdrawn across all the questions
//! shown, per week, month, quarter or year as the span allows.

use crate::tui::app::App;
use chrono::{Datelike, NaiveDate};
use dossier_core::model::EventKind;

/// How dates are grouped into columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
}

impl Bucket {
    /// The bucket number of a date (a running count, so that consecutive buckets differ by 1).
    pub fn of(self, d: NaiveDate) -> i64 {
        match self {
            Bucket::Week => d.num_days_from_ce() as i64 / 7,
            Bucket::Month => d.year() as i64 * 12 + d.month0() as i64,
            Bucket::Quarter => d.year() as i64 * 4 + d.month0() as i64 / 3,
            Bucket::Year => d.year() as i64,
        }
    }

    /// A short label for the bucket number `n`, in `lang` (T3 2026 / Q3 2026).
    pub fn label(self, n: i64, lang: dossier_core::i18n::Lang) -> String {
        match self {
            Bucket::Week => NaiveDate::from_num_days_from_ce_opt((n * 7) as i32)
                .map(|d| match lang {
                    dossier_core::i18n::Lang::Fr => d.format("%d/%m/%y").to_string(),
                    dossier_core::i18n::Lang::En => d.format("%y-%m-%d").to_string(),
                })
                .unwrap_or_default(),
            Bucket::Month => format!("{:02}/{}", n.rem_euclid(12) + 1, n.div_euclid(12)),
            Bucket::Quarter => format!(
                "{}{} {}",
                lang.pick("T", "Q"),
                n.rem_euclid(4) + 1,
                n.div_euclid(4)
            ),
            Bucket::Year => n.to_string(),
        }
    }

    /// The finest grouping that fits `slots` columns for dates from `start` to `end`.
    pub fn choose(start: NaiveDate, end: NaiveDate, slots: usize) -> Bucket {
        let days = (end - start).num_days();
        for bucket in [Bucket::Week, Bucket::Month, Bucket::Quarter] {
            let count = (bucket.of(end) - bucket.of(start) + 1) as usize;
            // Weeks only for short spans: beyond six months they read as noise.
            if count <= slots && (bucket != Bucket::Week || days <= 183) {
                return bucket;
            }
        }
        Bucket::Year
    }
}

/// The dossier's dates grouped into buckets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chronology {
    /// The grouping.
    pub bucket: Bucket,
    /// Number of the first bucket.
    pub first: i64,
    /// Counts per bucket: asked (published), answered, withdrawn.
    pub counts: [Vec<usize>; 3],
}

impl Chronology {
    /// The buckets holding a date of each kind of the question's events.
    pub fn marks(&self, events: &[dossier_core::model::Event]) -> [Vec<bool>; 3] {
        let len = self.counts[0].len();
        let mut marks = [vec![false; len], vec![false; len], vec![false; len]];
        for e in events {
            if let Some(k) = KINDS.iter().position(|k| *k == e.kind) {
                if let Ok(at) = usize::try_from(self.bucket.of(e.date) - self.first) {
                    if let Some(m) = marks[k].get_mut(at) {
                        *m = true;
                    }
                }
            }
        }
        marks
    }
}

/// The three kinds of dates drawn.
pub const KINDS: [EventKind; 3] = [
    EventKind::QuestionPublished,
    EventKind::AnswerPublished,
    EventKind::Withdrawn,
];

/// Room the labels and totals leave for the bars in a pane of `width` inner columns.
pub fn bar_room(app: &App, width: usize) -> usize {
    let w = crate::tui::words::ui::words(app.lang);
    let label = [w.asked, w.answered, w.withdrawn]
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(9)
        + 1;
    // The total after the bars: " 100 000" at most.
    width.saturating_sub(label + 8)
}

/// Groups the dates of the shown questions into at most `slots` buckets.
pub fn compute(app: &App, width: usize) -> Option<Chronology> {
    let slots = bar_room(app, width).max(1);
    let mut range: Option<(NaiveDate, NaiveDate)> = None;
    for h in app.shown_hits() {
        for e in app.dossier.questions.get(h.index)?.events.iter() {
            if KINDS.contains(&e.kind) {
                range =
                    Some(range.map_or((e.date, e.date), |(s, t)| (s.min(e.date), t.max(e.date))));
            }
        }
    }
    let (start, end) = range?;
    let bucket = Bucket::choose(start, end, slots);
    let first = bucket.of(start);
    let len = (bucket.of(end) - first + 1).max(1) as usize;
    let mut counts = [vec![0; len], vec![0; len], vec![0; len]];
    for h in app.shown_hits() {
        let Some(q) = app.dossier.questions.get(h.index) else {
            continue;
        };
        for e in &q.events {
            if let Some(k) = KINDS.iter().position(|k| *k == e.kind) {
                if let Some(c) = counts[k].get_mut((bucket.of(e.date) - first) as usize) {
                    *c += 1;
                }
            }
        }
    }
    Some(Chronology {
        bucket,
        first,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bucket_choice_follows_the_span() {
        assert_eq!(
            Bucket::choose(d(2026, 1, 1), d(2026, 3, 1), 40),
            Bucket::Week
        );
        assert_eq!(
            Bucket::choose(d(2024, 3, 1), d(2026, 6, 1), 40),
            Bucket::Month
        );
        assert_eq!(
            Bucket::choose(d(2014, 3, 1), d(2026, 6, 1), 40),
            Bucket::Year
        );
        assert_eq!(
            Bucket::choose(d(2020, 3, 1), d(2026, 6, 1), 30),
            Bucket::Quarter
        );
        assert_eq!(
            Bucket::Month.label(
                Bucket::Month.of(d(2026, 3, 24)),
                dossier_core::i18n::Lang::Fr
            ),
            "03/2026"
        );
    }
}
