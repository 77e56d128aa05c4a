//! What is new in a dossier since a day: the answers published (their delay, and whether
//! they came after the deadline), closures and withdrawals, changes of ministry,
//! signalements, the questions that joined, those that became overdue, and the deadlines of
//! the coming week; grouped in that order, dated, each naming its question. Computed from
//! the questions' own dated events, and from what the library's imports recorded since a
//! moment ([`Imported`]): an answer dated last week that an import brought today is news
//! today. `dossier news` and the viewer's news window both show this, worded by
//! `i18n::news`; when it was last shown to a writer is kept by [`seen`].

pub mod seen;

use crate::deadline::{self, Current};
use crate::model::{Event, EventKind, Question, Status};
use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// Days looked back when the dossier's news was never shown.
pub const DEFAULT_DAYS: u64 = 7;

/// Days looked ahead for deadlines.
pub const AHEAD_DAYS: u64 = 7;

/// The groups of the news, in the order they are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Answers published.
    Answered,
    /// Closures and withdrawals.
    Closed,
    /// Another ministry must answer.
    Ministry,
    /// Signalements.
    Signaled,
    /// Questions that joined the dossier.
    Joined,
    /// Questions whose deadline passed.
    Overdue,
    /// Deadlines of the coming days.
    DueSoon,
}

impl Group {
    /// Every group, in order.
    pub const ALL: [Group; 7] = [
        Group::Answered,
        Group::Closed,
        Group::Ministry,
        Group::Signaled,
        Group::Joined,
        Group::Overdue,
        Group::DueSoon,
    ];

    /// True for the groups of what happened (all but the deadlines to come, which are
    /// told every time and are no news on their own).
    pub fn happened(self) -> bool {
        self != Group::DueSoon
    }
}

/// What happened to a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum What {
    /// Its answer was published.
    Answered {
        /// Days from the question's publication to the answer.
        delay_days: Option<i64>,
        /// The deadline it had.
        deadline: Option<NaiveDate>,
        /// True when the answer came after the deadline.
        late: bool,
    },
    /// It was closed without an answer (withdrawn, lapsed, its author gone).
    Closed {
        /// The reason, as the source gives it.
        reason: Option<String>,
    },
    /// Another ministry must answer it.
    Ministry {
        /// The ministry it was with, when known.
        from: Option<String>,
        /// The ministry that must answer now.
        to: String,
    },
    /// A group president signalled it: an answer is due within ten days.
    Signaled {
        /// The new deadline.
        deadline: Option<NaiveDate>,
    },
    /// It joined the dossier (published, or brought by an import).
    Joined {
        /// The ministry that must answer.
        ministry: String,
    },
    /// Its deadline passed without an answer.
    Overdue {
        /// The deadline.
        deadline: NaiveDate,
    },
    /// Its deadline falls in the coming days.
    DueSoon {
        /// Days left (0: today).
        days_left: i64,
        /// True when the deadline is a signalement's.
        signaled: bool,
    },
}

impl What {
    /// The group it is told in.
    pub fn group(&self) -> Group {
        match self {
            What::Answered { .. } => Group::Answered,
            What::Closed { .. } => Group::Closed,
            What::Ministry { .. } => Group::Ministry,
            What::Signaled { .. } => Group::Signaled,
            What::Joined { .. } => Group::Joined,
            What::Overdue { .. } => Group::Overdue,
            What::DueSoon { .. } => Group::DueSoon,
        }
    }
}

/// One piece of news: its date, its question, what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// When it happened (a deadline for the overdue and the coming ones).
    pub date: NaiveDate,
    /// The question's id.
    pub id: String,
    /// Its author, as given.
    pub author: String,
    /// Its title, as given.
    pub title: String,
    /// What happened.
    #[serde(flatten)]
    pub what: What,
}

/// The items of one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// The group.
    pub group: Group,
    /// Its items, oldest first (the coming deadlines soonest first).
    pub items: Vec<Item>,
}

/// The news of a dossier over a window of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct News {
    /// The first day looked at.
    pub from: NaiveDate,
    /// Today, the last day looked at.
    pub today: NaiveDate,
    /// Every group, in order (empty ones included).
    pub sections: Vec<Section>,
}

impl News {
    /// The groups that have items.
    pub fn groups(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|s| !s.items.is_empty())
    }

    /// Every item, group by group.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| &s.items)
    }

    /// How many items in all.
    pub fn len(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    /// True when there is nothing to tell.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when something happened (the coming deadlines alone are no news).
    pub fn has_happenings(&self) -> bool {
        self.groups().any(|s| s.group.happened())
    }
}

/// What an import recorded about a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// It came into the library or the dossier.
    Joined,
    /// Its answer was published.
    Answered,
    /// It was closed.
    Closed,
    /// It was signalled.
    Signaled,
    /// Another ministry must answer it.
    Ministry,
}

/// What the library's imports changed since a moment, per question: their news is told
/// whatever the date of the event (an archive can bring last week's answer today).
#[derive(Debug, Clone, Default)]
pub struct Imported {
    changes: HashMap<String, Vec<Change>>,
}

impl Imported {
    /// Records a change of a question.
    pub fn add(&mut self, id: &str, change: Change) {
        let list = self.changes.entry(id.to_string()).or_default();
        if !list.contains(&change) {
            list.push(change);
        }
    }

    /// True when an import recorded this change of the question.
    pub fn has(&self, id: &str, change: Change) -> bool {
        self.changes.get(id).is_some_and(|l| l.contains(&change))
    }

    /// The questions some change was recorded of.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.changes.keys().map(String::as_str)
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Where the news starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "since", content = "day", rename_all = "snake_case")]
pub enum Since {
    /// The last time the news of this dossier was shown to the writer (that day).
    LastLook(NaiveDate),
    /// A day asked for (that day included).
    Asked(NaiveDate),
    /// Never shown: the last [`DEFAULT_DAYS`] days (from that day).
    Week(NaiveDate),
}

impl Since {
    /// The window's start: a day asked for, else the last look's, else a week ago.
    pub fn choose(asked: Option<NaiveDate>, last: Option<NaiveDate>, today: NaiveDate) -> Since {
        match (asked, last) {
            (Some(day), _) => Since::Asked(day),
            (None, Some(day)) => Since::LastLook(day),
            (None, None) => Since::Week(
                today
                    .checked_sub_days(Days::new(DEFAULT_DAYS))
                    .unwrap_or(today),
            ),
        }
    }

    /// The day it names.
    pub fn day(self) -> NaiveDate {
        match self {
            Since::LastLook(day) | Since::Asked(day) | Since::Week(day) => day,
        }
    }

    /// The moment from which what the library's imports changed is news: the last look's,
    /// or the start of the day asked for. None the first time: every question of a library
    /// just imported would be news, which tells nothing; the week's events are told.
    pub fn moment(self, last: Option<seen::Look>) -> Option<chrono::DateTime<chrono::Utc>> {
        match (self, last) {
            (Since::LastLook(_), Some(look)) => Some(look.at),
            (Since::Week(_), _) => None,
            _ => Some(self.day().and_time(chrono::NaiveTime::MIN).and_utc()),
        }
    }

    /// The first day of the news: the day after the last look (what was dated that day
    /// was shown then; what an import brought after it is in [`Imported`]), the day asked
    /// for, or a week ago.
    pub fn first_day(self, today: NaiveDate) -> NaiveDate {
        match self {
            Since::LastLook(day) => day
                .checked_add_days(Days::new(1))
                .unwrap_or(day)
                .min(today.checked_add_days(Days::new(1)).unwrap_or(today)),
            Since::Asked(day) | Since::Week(day) => day,
        }
    }
}

/// The news of `questions` from `from` to `today` (both included), with `current` the
/// legislature in session and `imported` what the imports changed since the last look.
pub fn compute(
    questions: &[Question],
    current: Current,
    from: NaiveDate,
    today: NaiveDate,
    imported: &Imported,
) -> News {
    let ahead = today
        .checked_add_days(Days::new(AHEAD_DAYS))
        .unwrap_or(today);
    let mut sections: Vec<Section> = Group::ALL
        .iter()
        .map(|&group| Section {
            group,
            items: Vec::new(),
        })
        .collect();
    let within = |d: NaiveDate| from <= d && d <= today;
    for q in questions {
        let mut push = |date: NaiveDate, what: What| {
            let group = what.group() as usize;
            sections[group].items.push(Item {
                date,
                id: q.id.clone(),
                author: q.author.clone(),
                title: q.title.clone(),
                what,
            });
        };
        let told = |date: NaiveDate, change: Change| within(date) || imported.has(&q.id, change);
        if q.status == Status::Answered {
            if let Some(on) = q.answered_on().filter(|&d| told(d, Change::Answered)) {
                let deadline = deadline::deadline(q, current).map(|d| d.0);
                push(
                    on,
                    What::Answered {
                        delay_days: q.published().map(|p| (on - p).num_days()),
                        deadline,
                        late: deadline.is_some_and(|d| on > d),
                    },
                );
            }
        }
        if q.status == Status::Withdrawn {
            if let Some(e) = q
                .last_event(EventKind::Withdrawn)
                .filter(|e| told(e.date, Change::Closed))
            {
                push(
                    e.date,
                    What::Closed {
                        reason: e.note.clone().filter(|n| !n.trim().is_empty()),
                    },
                );
            }
        }
        ministry_changes(q, &within, imported, &mut push);
        if let Some(e) = signalements(q, &within, imported) {
            push(
                e.date,
                What::Signaled {
                    deadline: e.date.checked_add_days(Days::new(deadline::SIGNALED_DAYS)),
                },
            );
        }
        let published = q.published();
        let brought = imported.has(&q.id, Change::Joined);
        if published.is_some_and(within) || brought {
            push(
                published.unwrap_or(today),
                What::Joined {
                    ministry: q.ministry().to_string(),
                },
            );
        }
        if q.status == Status::Pending {
            if let Some((due, rule)) = deadline::deadline(q, current) {
                // Overdue from the day after its deadline.
                if due.checked_add_days(Days::new(1)).is_some_and(within) {
                    push(due, What::Overdue { deadline: due });
                } else if today <= due && due <= ahead {
                    push(
                        due,
                        What::DueSoon {
                            days_left: (due - today).num_days(),
                            signaled: rule == deadline::DeadlineRule::Signaled,
                        },
                    );
                }
            }
        }
    }
    let mut news = News {
        from,
        today,
        sections,
    };
    news.sort();
    news
}

impl News {
    /// Adds the items of `other` (the news of other questions over the same days), each
    /// group kept in its order: the news of a library told a part at a time.
    pub fn merge(&mut self, other: News) {
        for (mine, theirs) in self.sections.iter_mut().zip(other.sections) {
            mine.items.extend(theirs.items);
        }
        self.sort();
    }

    /// Each group's items by date, then id.
    fn sort(&mut self) {
        for s in &mut self.sections {
            s.items
                .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        }
    }
}

/// The changes of ministry dated in the window (or the last one, when an import recorded
/// one), each from the ministry before it when the source lists them.
fn ministry_changes(
    q: &Question,
    within: &dyn Fn(NaiveDate) -> bool,
    imported: &Imported,
    push: &mut dyn FnMut(NaiveDate, What),
) {
    let changes: Vec<&Event> = q
        .events
        .iter()
        .filter(|e| e.kind == EventKind::AttributionChanged)
        .collect();
    let last = changes.len().checked_sub(1);
    for (i, e) in changes.iter().enumerate() {
        if !(within(e.date) || (Some(i) == last && imported.has(&q.id, Change::Ministry))) {
            continue;
        }
        // The attribution of that date, and the one before it.
        let at = q.attributions.iter().position(|a| a.date == Some(e.date));
        let (from, to) = match at {
            Some(k) => (
                k.checked_sub(1)
                    .and_then(|p| q.attributions.get(p))
                    .map(|a| a.ministry.clone()),
                q.attributions[k].ministry.clone(),
            ),
            None if Some(i) == last => (
                (!q.ministry_asked.is_empty() && q.ministry_asked != q.ministry())
                    .then(|| q.ministry_asked.clone()),
                q.ministry().to_string(),
            ),
            None => (None, String::new()),
        };
        if to.is_empty() {
            continue;
        }
        push(e.date, What::Ministry { from, to });
    }
}

/// The latest signalement dated in the window (or recorded by an import).
fn signalements<'q>(
    q: &'q Question,
    within: &dyn Fn(NaiveDate) -> bool,
    imported: &Imported,
) -> Option<&'q Event> {
    let last = q.last_event(EventKind::Signaled)?;
    (within(last.date) || imported.has(&q.id, Change::Signaled)).then_some(last)
}

#[cfg(test)]
mod tests;
