//! Ordering the hits of a filter.

use super::index::{SearchIndex, Table};
use super::Hit;
use crate::deadline::{deadline, timing, Current};
use crate::model::{QuestionKind, Status};
use crate::record::Record;
use crate::text::fold::fold;
use chrono::{Datelike, NaiveDate};
use foldhash::{HashMap, HashSet};
use rayon::prelude::*;
use std::fmt;
use std::str::FromStr;

/// What the list is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// JO publication date, newest first.
    #[default]
    Date,
    /// Question number, ascending.
    Number,
    /// Author, A→Z by surname (folded, civility left out: "Mme Sylvie Bonnet" sorts as
    /// "bonnet sylvie").
    Author,
    /// The ministry that must answer, A→Z (folded).
    Ministry,
    /// Days waiting for an answer, most first; questions not pending come last.
    DaysPending,
    /// The art. 135 deadline of pending questions, the earliest (most overdue, or most
    /// urgent) first; questions not pending come last.
    Deadline,
}

impl SortKey {
    /// Every key, in the order `s` cycles through them.
    pub const ALL: [SortKey; 6] = [
        SortKey::Date,
        SortKey::Number,
        SortKey::Author,
        SortKey::Ministry,
        SortKey::DaysPending,
        SortKey::Deadline,
    ];

    /// The key after this one, cycling.
    pub fn next(self) -> Self {
        let at = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }

    /// Stable name, as accepted by `--sort`: `date`, `number`, `author`, `ministry`, `pending`.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Number => "number",
            SortKey::Author => "author",
            SortKey::Ministry => "ministry",
            SortKey::DaysPending => "pending",
            SortKey::Deadline => "deadline",
        }
    }
}

impl fmt::Display for SortKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SortKey {
    type Err = String;

    /// Accepts the English names and French ones (`numero`, `auteur`, `ministere`, `attente`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match fold(s.trim()).as_str() {
            "date" => Ok(SortKey::Date),
            "number" | "numero" | "num" => Ok(SortKey::Number),
            "author" | "auteur" => Ok(SortKey::Author),
            "ministry" | "ministere" | "min" => Ok(SortKey::Ministry),
            "pending" | "days_pending" | "attente" | "jours" => Ok(SortKey::DaysPending),
            "deadline" | "echeance" | "urgence" => Ok(SortKey::Deadline),
            _ => Err(format!(
                "unknown sort key `{s}` (expected date, number, author, ministry, pending or \
                 deadline)"
            )),
        }
    }
}

/// The folded author in surname order: civility left out, the first word (the first name,
/// hyphenated when compound) moved last, so that "Mme Sylvie Bonnet" sorts as
/// "bonnet sylvie" and "M. Corentin Le Fur" as "le fur corentin".
fn author_key(author: &str) -> String {
    let folded = fold(author);
    let mut name = folded.as_str();
    for civility in ["mme ", "mlle ", "m. ", "mr ", "m "] {
        if let Some(rest) = name.strip_prefix(civility) {
            name = rest.trim_start();
            break;
        }
    }
    match name.split_once(' ') {
        Some((first, surname)) => format!("{} {first}", surname.trim_start()),
        None => name.to_string(),
    }
}

/// Dense ranks of `keys` in A→Z order: equal keys share a rank, so they tie and fall back
/// to id order.
fn dense_ranks(keys: &[String]) -> Vec<i64> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.par_sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut ranks = vec![0; keys.len()];
    let mut rank = 0;
    for (n, &i) in order.iter().enumerate() {
        if n > 0 && keys[order[n - 1]] != keys[i] {
            rank += 1;
        }
        ranks[i] = rank;
    }
    ranks
}

/// For a text key: the rank of each distinct raw value among the hits, each distinct value
/// folded once.
fn text_ranks<'q, R: Record>(
    questions: &'q [R],
    hits: &[Hit],
    text: impl Fn(&'q R) -> &'q str,
    key: impl Fn(&str) -> String + Sync,
) -> HashMap<&'q str, i64> {
    let distinct: Vec<&str> = hits
        .iter()
        .filter_map(|h| questions.get(h.index).map(&text))
        .collect::<HashSet<&str>>()
        .into_iter()
        .collect();
    let keys: Vec<String> = distinct.par_iter().map(|raw| key(raw)).collect();
    distinct.into_iter().zip(dense_ranks(&keys)).collect()
}

/// The primary value of a hit for a key, smaller first in the default direction; `None` when
/// the question has none (no publication date, not pending, empty author).
type Primary<'q, R> = Box<dyn Fn(usize, &R) -> Option<i64> + Sync + 'q>;

/// Newest first: order on the negated day number.
fn date_value(date: Option<NaiveDate>) -> Option<i64> {
    date.map(|d| -i64::from(d.num_days_from_ce()))
}

fn primary<'q, R: Record>(
    questions: &'q [R],
    hits: &[Hit],
    key: SortKey,
    today: NaiveDate,
    current: Current,
) -> Primary<'q, R> {
    match key {
        SortKey::Date => Box::new(|_, q: &R| date_value(q.published())),
        SortKey::Number => Box::new(|_, q: &R| Some(i64::from(q.number()))),
        SortKey::Author => {
            let ranks = text_ranks(questions, hits, |q| q.author(), author_key);
            Box::new(move |_, q: &R| {
                if q.author().is_empty() {
                    return None;
                }
                ranks.get(q.author()).copied()
            })
        }
        SortKey::Ministry => {
            let ranks = text_ranks(questions, hits, |q| q.ministry(), fold);
            Box::new(move |_, q: &R| {
                if q.ministry().is_empty() {
                    return None;
                }
                ranks.get(q.ministry()).copied()
            })
        }
        // Most days first.
        SortKey::DaysPending => {
            Box::new(move |_, q: &R| timing(q, today, current).days_pending.map(|d| -d))
        }
        SortKey::Deadline => Box::new(move |_, q: &R| {
            if q.status() != Status::Pending {
                return None;
            }
            deadline(q, current).map(|(d, _)| i64::from(d.num_days_from_ce()))
        }),
    }
}

/// The same values as [`primary`], read from the index's precomputed keys instead of the
/// questions' scattered strings and events.
fn indexed_primary<'q, R: Record>(
    index: &'q SearchIndex,
    key: SortKey,
    today: NaiveDate,
) -> Primary<'q, R> {
    let table_ranks = |table: &Table, key: &dyn Fn(&str) -> String| {
        let keys: Vec<String> = table.values.iter().map(|v| key(v)).collect();
        let empty: Vec<bool> = table.values.iter().map(|v| v.is_empty()).collect();
        (dense_ranks(&keys), empty)
    };
    let entry = move |i: usize| index.entries.get(i);
    match key {
        SortKey::Date => Box::new(move |i, _: &R| date_value(entry(i)?.published)),
        SortKey::Number => Box::new(|_, q: &R| Some(i64::from(q.number()))),
        SortKey::Author => {
            let (ranks, empty) = table_ranks(&index.authors, &author_key);
            Box::new(move |i, _: &R| {
                let a = entry(i)?.author as usize;
                if *empty.get(a)? {
                    return None;
                }
                ranks.get(a).copied()
            })
        }
        SortKey::Ministry => {
            let (ranks, empty) = table_ranks(&index.ministries, &|v: &str| v.to_string());
            // The index stores the asked ministry as assigned when none is assigned: the
            // assigned one is the one that must answer.
            Box::new(move |i, _: &R| {
                let m = entry(i)?.ministry_assigned as usize;
                if *empty.get(m)? {
                    return None;
                }
                ranks.get(m).copied()
            })
        }
        // As `deadline::timing`: days since publication, for pending questions only.
        SortKey::DaysPending => Box::new(move |i, q: &R| {
            if q.status() != Status::Pending {
                return None;
            }
            let published = entry(i)?.published?;
            Some(-(today - published).num_days().max(0))
        }),
        SortKey::Deadline => Box::new(move |i, q: &R| {
            if q.status() != Status::Pending {
                return None;
            }
            entry(i)?.deadline.map(|d| i64::from(d.num_days_from_ce()))
        }),
    }
}

/// Orders hits. Defaults (reverse = false): date newest first, number ascending, author A→Z
/// (folded), ministry (the one that must answer) A→Z, days pending most first; ties by id.
/// With `by_score`, score descending comes first and the key breaks ties.
///
/// `reverse` flips the key only: the best score stays first, missing values (no publication
/// date, not pending, no author) stay last, and ties stay in id order (legislature, number,
/// kind). Hits whose index is out of `questions` go last.
pub fn sort_hits<R: Record>(
    questions: &[R],
    hits: &mut [Hit],
    key: SortKey,
    reverse: bool,
    by_score: bool,
    today: NaiveDate,
    current: Current,
) {
    let value = primary(questions, hits, key, today, current);
    sort_by_value(questions, hits, &value, reverse, by_score, None);
}

/// The same order as [`sort_hits`], faster on large lists: the keys come from `index` (which
/// must be built from `questions`) instead of each question's own strings.
pub fn sort_hits_indexed<R: Record>(
    questions: &[R],
    index: &SearchIndex,
    hits: &mut [Hit],
    key: SortKey,
    reverse: bool,
    by_score: bool,
    today: NaiveDate,
) {
    let value = indexed_primary(index, key, today);
    sort_by_value(questions, hits, &value, reverse, by_score, None);
}

/// [`sort_hits_indexed`] for the first `first` hits only (what a screen shows): they come
/// first, in order; the rest follow in no particular order. A partial selection then a
/// sort of the few, instead of a sort of all: a keystroke that matches most of a large
/// dossier is drawn sooner, and the whole order can follow.
#[allow(
    clippy::too_many_arguments,
    reason = "sort_hits_indexed's, and the count"
)]
pub fn sort_first_hits_indexed<R: Record>(
    questions: &[R],
    index: &SearchIndex,
    hits: &mut [Hit],
    key: SortKey,
    reverse: bool,
    by_score: bool,
    today: NaiveDate,
    first: usize,
) {
    let value = indexed_primary(index, key, today);
    sort_by_value(questions, hits, &value, reverse, by_score, Some(first));
}

fn sort_by_value<R: Record>(
    questions: &[R],
    hits: &mut [Hit],
    value: &Primary<R>,
    reverse: bool,
    by_score: bool,
    first: Option<usize>,
) {
    let direction = if reverse { -1 } else { 1 };
    // Ranked by score, the first `k` are among the hits scoring at least the k-th best score:
    // only those are keyed (the others' questions are not even read). A frequent word's
    // first screen then costs a pass over the scores, not a key per hit.
    let (work, rest) = match first {
        Some(k) if by_score && k > 0 && k < hits.len() => {
            let mut scores: Vec<i64> = hits.iter().map(|h| h.score).collect();
            let (_, kth, _) = scores.select_nth_unstable_by(k - 1, |a, b| b.cmp(a));
            let kth = *kth;
            let (top, rest): (Vec<Hit>, Vec<Hit>) = hits.iter().partition(|h| h.score >= kth);
            // Hits out of `questions` go last whatever their score: the cut holds only when
            // enough of the top are real.
            let real = top.iter().filter(|h| h.index < questions.len()).count();
            if real >= k {
                (top, rest)
            } else {
                (hits.to_vec(), Vec::new())
            }
        }
        _ => (hits.to_vec(), Vec::new()),
    };
    // Everything is reduced to integers once per hit; the sort then compares plain tuples.
    let mut keyed: Vec<(RowKey, Hit)> = work
        .par_iter()
        .map(|h| (row_key(questions, h, value, direction, by_score), *h))
        .collect();
    let order = |a: &(RowKey, Hit), b: &(RowKey, Hit)| a.0.cmp(&b.0);
    match first {
        Some(k) if k < keyed.len() => {
            keyed.select_nth_unstable_by(k, order);
            keyed[..k].sort_unstable_by(order);
        }
        _ => keyed.par_sort_unstable_by(order),
    }
    let ordered = keyed.into_iter().map(|(_, hit)| hit).chain(rest);
    for (slot, hit) in hits.iter_mut().zip(ordered) {
        *slot = hit;
    }
}

/// The order of hits, reduced to integers (see [`row_key`]).
type RowKey = ((bool, i64, bool, i64, u16, u32, QuestionKind), usize);

fn row_keys<R: Record>(
    rows: &[R],
    hits: &[Hit],
    key: SortKey,
    reverse: bool,
    by_score: bool,
    today: NaiveDate,
    current: Current,
) -> Vec<(RowKey, Hit)> {
    let value = primary(rows, hits, key, today, current);
    let direction = if reverse { -1 } else { 1 };
    hits.par_iter()
        .map(|h| (row_key(rows, h, &value, direction, by_score), *h))
        .collect()
}

/// A hit's place in the order, as integers: out of range last, the score first when
/// ranking by it, then the key's value (missing ones last), then the id, then the index.
fn row_key<R: Record>(
    rows: &[R],
    h: &Hit,
    value: &Primary<R>,
    direction: i64,
    by_score: bool,
) -> RowKey {
    let score = if by_score { -h.score } else { 0 };
    let k = match rows.get(h.index) {
        Some(r) => {
            let v = value(h.index, r);
            (
                false,
                score,
                v.is_none(),
                v.map_or(0, |v| v * direction),
                r.legislature(),
                r.number(),
                r.kind(),
            )
        }
        None => (true, 0, true, 0, 0, 0, QuestionKind::Written),
    };
    (k, h.index)
}

/// Orders hits into light rows as [`sort_hits`] orders hits into questions.
pub fn sort_rows<R: Record>(
    rows: &[R],
    hits: &mut [Hit],
    key: SortKey,
    reverse: bool,
    by_score: bool,
    today: NaiveDate,
    current: Current,
) {
    let mut keyed = row_keys(rows, hits, key, reverse, by_score, today, current);
    keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (slot, (_, hit)) in hits.iter_mut().zip(keyed) {
        *slot = hit;
    }
}

/// The first screen of a ranking: the first `k` hits in order, and the rest (in no order),
/// which [`rank_rest`] orders when they are scrolled to (or in the background).
#[derive(Debug, Default)]
pub struct Ranking {
    /// The first hits, in order.
    pub first: Vec<Hit>,
    /// The others, not yet ordered; each comes after every hit of `first`.
    pub rest: Vec<Hit>,
}

/// Ranks the first `k` hits into light rows without ordering the rest: every hit's key is
/// an integer tuple computed once (in parallel), then a selection puts the `k` smallest
/// first and only those are sorted (as of `today`, with `current` the legislature in
/// session). On 95,000 hits this costs a pass over them, not a sort.
pub fn rank_first<R: Record>(
    rows: &[R],
    hits: Vec<Hit>,
    key: SortKey,
    reverse: bool,
    by_score: bool,
    (today, current): (NaiveDate, Current),
    k: usize,
) -> Ranking {
    let mut keyed = row_keys(rows, &hits, key, reverse, by_score, today, current);
    let order = |a: &(RowKey, Hit), b: &(RowKey, Hit)| a.0.cmp(&b.0);
    if k < keyed.len() {
        keyed.select_nth_unstable_by(k, order);
        keyed[..k].sort_unstable_by(order);
    } else {
        keyed.sort_unstable_by(order);
    }
    let rest = if k < keyed.len() {
        keyed.split_off(k).into_iter().map(|(_, h)| h).collect()
    } else {
        Vec::new()
    };
    Ranking {
        first: keyed.into_iter().map(|(_, h)| h).collect(),
        rest,
    }
}

/// Orders the rest of a [`Ranking`], giving up (`None`) soon after `cancel` is set: a stale
/// ranking does not hold the cores while the user types on.
#[allow(
    clippy::too_many_arguments,
    reason = "rank_first's, and the cancel flag"
)]
pub fn rank_rest<R: Record>(
    rows: &[R],
    rest: Vec<Hit>,
    key: SortKey,
    reverse: bool,
    by_score: bool,
    today: NaiveDate,
    current: Current,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<Vec<Hit>> {
    use std::sync::atomic::Ordering;
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let mut keyed = row_keys(rows, &rest, key, reverse, by_score, today, current);
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    Some(keyed.into_iter().map(|(_, h)| h).collect())
}
