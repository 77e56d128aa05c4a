//! The query language over the library's database: the same answers as [`super::filter`]
//! gives over questions in memory (a differential property test holds the two to it), read
//! from the tables instead of from every question.
//!
//! A query is answered in three steps:
//! 1. **Narrowing.** Positive terms that an index answers give sets of qids, intersected:
//!    free words, phrases and `text:` through the stored word index ([`super::segments`]),
//!    `status:`, `leg:`, `since:`, `until:`, `is:overdue`, `is:lapsed` through the indexes
//!    of their columns, `author:`, `group:`, `min:`, `rubric:`, `place:` through the distinct
//!    values of the field (`field_values`, folded and searched in memory) and the index of
//!    its column, `similar:`, `is:campaign` and `is:answered-elsewhere` through the
//!    `related` table. Narrowing stops once few candidates are left, and is skipped when the
//!    scope (a named dossier) is small: checking rows is then cheaper.
//! 2. **Checking.** The candidates' light rows ([`super::rows`]) are read and every term
//!    checked exactly, negated ones included, with the rules of the in-memory engine; free
//!    words score from their postings.
//! 3. **Reading texts** only for the candidates still in when a phrase or a `text:` needs
//!    them (the word index answers a one-word `text:` alone), and the full question only
//!    for review terms.

use super::rows::{id_list, read_rows, read_texts, Row, Texts};
use super::segments::StoredWords;
use super::syntax::{Query, Term, Test};
use super::words::{field_weight, word_score, Closeness, TEXT_WEIGHT};
use super::{Hit, ReviewFacts};
use crate::model::{Question, Status};
use crate::text::fold::fold;
use crate::text::words::for_each_word;
use memchr::memmem;
use rusqlite::Connection;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

pub use super::db_error::DbError;

/// Below this many candidates, checking rows beats asking an index for another set.
const FEW: usize = 2_000;
/// A scope this small is checked row by row, without narrowing.
const SMALL_SCOPE: usize = 20_000;
/// Texts read per batch.
const TEXT_BATCH: usize = 512;

/// Reads full questions by qid (the library's reader), for review terms.
pub type ReadQuestions<'a> = dyn Fn(&[i64]) -> Result<Vec<(i64, Question)>, DbError> + 'a;

/// The legislature in session as a library's database says (its highest legislature, or
/// `configured` when higher; see [`crate::deadline::Current`]).
pub fn current_of(conn: &Connection, configured: Option<u16>) -> crate::deadline::Current {
    let highest: Option<i64> = conn
        .query_row("SELECT MAX(legislature) FROM questions", [], |r| r.get(0))
        .ok()
        .flatten();
    crate::deadline::Current::from_data(highest.and_then(|l| u16::try_from(l).ok()), configured)
}

/// What answering a query needs besides the database.
pub struct DbContext<'a> {
    /// The date taken as today (`is:overdue`).
    pub today: chrono::NaiveDate,
    /// The legislature in session (`is:overdue`, `is:lapsed`).
    pub current: crate::deadline::Current,
    /// Review marks (`is:reviewed`, …), asked of each question still in.
    pub review: &'a dyn ReviewFacts,
    /// Reads full questions for review terms (the library's reader).
    pub questions: &'a ReadQuestions<'a>,
}

/// What a query selected: the rows, in qid order, and a hit per row (its index there and
/// its score).
#[derive(Debug, Default)]
pub struct Selection {
    /// The rows selected.
    pub rows: Vec<Row>,
    /// One per row, in the same order.
    pub hits: Vec<Hit>,
}

/// Answers queries over a library's database.
pub struct Searcher<'c> {
    conn: &'c Connection,
    words: OnceCell<StoredWords>,
}

/// Sorted intersection, in place.
fn intersect(a: &mut Vec<i64>, b: &[i64]) {
    let set: HashSet<i64> = b.iter().copied().collect();
    a.retain(|q| set.contains(q));
}

/// One free word's parts, each with its score per question.
struct WordPlan {
    negated: bool,
    parts: Vec<HashMap<i64, u8>>,
}

impl WordPlan {
    fn score(&self, qid: i64) -> u8 {
        let mut worst = u8::MAX;
        for part in &self.parts {
            worst = worst.min(part.get(&qid).copied().unwrap_or(0));
            if worst == 0 {
                break;
            }
        }
        worst
    }
}

/// A phrase or a `text:` needle.
struct NeedlePlan<'q> {
    negated: bool,
    needle: &'q str,
    /// The questions that may hold it (`None`: any).
    maybe: Option<HashSet<i64>>,
    /// `text:` only: the index's "may" is a "does", but for these questions (over-long runs).
    exact_but: Option<HashSet<i64>>,
    /// A phrase (fields and texts) rather than a `text:` (texts).
    phrase: bool,
}

/// A field term: which distinct values contain the needle, decided once per value.
struct FieldCheck<'q> {
    needle: &'q str,
    seen: HashMap<*const u8, bool>,
}

impl FieldCheck<'_> {
    fn holds(&mut self, value: &std::sync::Arc<str>) -> bool {
        let key = value.as_ptr();
        if let Some(&b) = self.seen.get(&key) {
            return b;
        }
        let b = fold(value).contains(self.needle);
        self.seen.insert(key, b);
        b
    }
}

impl<'c> Searcher<'c> {
    /// A searcher over the library's connection.
    pub fn new(conn: &'c Connection) -> Self {
        Searcher {
            conn,
            words: OnceCell::new(),
        }
    }

    fn words(&self) -> Result<&StoredWords, DbError> {
        if let Some(w) = self.words.get() {
            return Ok(w);
        }
        let w = StoredWords::open(self.conn)?;
        Ok(self.words.get_or_init(|| w))
    }

    /// The scores of one word of a free word (folded) in every question holding it.
    fn part_scores(&self, typed: &str) -> Result<HashMap<i64, u8>, DbError> {
        let words = self.words()?;
        let mut scores: HashMap<i64, u8> = HashMap::new();
        for (found, closeness) in words.lookup(typed) {
            let mut raise = |qid: i64, s: u8| {
                let e = scores.entry(qid).or_insert(0);
                *e = (*e).max(s);
            };
            let mut field_hits: Vec<(i64, u8)> = Vec::new();
            let mut text_hits: Vec<i64> = Vec::new();
            words.for_each_posting(
                self.conn,
                found,
                |q, mask| field_hits.push((q, mask)),
                |q| text_hits.push(q),
            )?;
            for (q, mask) in field_hits {
                raise(q, word_score(closeness, field_weight(mask)));
            }
            for q in text_hits {
                raise(q, word_score(closeness, TEXT_WEIGHT));
            }
        }
        Ok(scores)
    }

    /// The questions that may hold a needle: for each of its words, a word of the index
    /// contains it (in the fields too when `fields_too`); those with over-long runs may
    /// always. `None` when the needle has no word.
    fn maybe(&self, needle: &str, fields_too: bool) -> Result<Option<HashSet<i64>>, DbError> {
        let mut parts = Vec::new();
        for_each_word(
            needle,
            &mut String::new(),
            |w, _| parts.push(w.to_string()),
            |_| {},
        );
        if parts.is_empty() {
            return Ok(None);
        }
        let words = self.words()?;
        let long = words.long_runs();
        let mut result: Option<HashSet<i64>> = None;
        for part in &parts {
            let mut docs: HashSet<i64> = long.iter().copied().collect();
            for found in words.containing(self.conn, part)? {
                let mut in_fields = Vec::new();
                words.for_each_posting(
                    self.conn,
                    found,
                    |q, _| {
                        if fields_too {
                            in_fields.push(q);
                        }
                    },
                    |q| {
                        docs.insert(q);
                    },
                )?;
                docs.extend(in_fields);
            }
            result = Some(match result {
                None => docs,
                Some(prev) => prev.intersection(&docs).copied().collect(),
            });
        }
        Ok(result)
    }

    /// qids of a column's index: `sql` selects them, with its parameters.
    fn qids(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<i64>, DbError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut out: Vec<i64> = stmt
            .query_map(params, |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// The questions whose `field` (a column, and its name in `field_values`) holds the
    /// needle.
    fn field_set(&self, columns: &[&str], field: &str, needle: &str) -> Result<Vec<i64>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT value FROM field_values WHERE field = ?1")?;
        let values: Vec<String> = stmt
            .query_map([field], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let chosen: Vec<rusqlite::types::Value> = values
            .into_iter()
            .filter(|v| fold(v).contains(needle))
            .map(rusqlite::types::Value::Text)
            .collect();
        let list = std::rc::Rc::new(chosen);
        let mut out = Vec::new();
        for column in columns {
            let sql = format!("SELECT qid FROM questions WHERE {column} IN rarray(?1)");
            out.extend(self.qids(&sql, [list.clone()])?);
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// The qid of the question `similar:` names, among `among` (qid, id): its id exactly,
    /// else the only one whose id ends with what was typed (as `similar:` does in memory).
    fn resolve(among: &[(i64, Box<str>)], typed: &str) -> Option<i64> {
        let id = typed.trim();
        if id.is_empty() {
            return None;
        }
        let mut found = None;
        for (qid, raw) in among {
            let this = fold(raw);
            if this == id {
                return Some(*qid);
            }
            let number = this.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let tail = |s: &str| {
                s.ends_with(id) && s[..s.len() - id.len()].ends_with(|c: char| !c.is_ascii_digit())
            };
            if tail(&this) || tail(number) {
                if found.is_some() {
                    return None;
                }
                found = Some(*qid);
            }
        }
        found
    }

    /// The ids of the scope, or of the whole library.
    fn ids(&self, scope: Option<&[i64]>) -> Result<Vec<(i64, Box<str>)>, DbError> {
        let mut out: Vec<(i64, Box<str>)> = match scope {
            Some(list) => {
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT qid, id FROM questions WHERE qid IN rarray(?1)")?;
                let rows = stmt.query_map([id_list(list)], |r| {
                    Ok((r.get(0)?, r.get::<_, String>(1)?.into_boxed_str()))
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            }
            None => {
                let mut stmt = self.conn.prepare_cached("SELECT qid, id FROM questions")?;
                let rows = stmt.query_map([], |r| {
                    Ok((r.get(0)?, r.get::<_, String>(1)?.into_boxed_str()))
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            }
        };
        out.sort_unstable_by_key(|(q, _)| *q);
        Ok(out)
    }

    /// A question and those related to it.
    fn around(&self, qid: i64) -> Result<Vec<i64>, DbError> {
        let mut out = self.qids("SELECT other FROM related WHERE question = ?1", [qid])?;
        out.push(qid);
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// Of `qids`, those with a relation of a similar text.
    fn campaign(&self, qids: Option<&[i64]>) -> Result<HashSet<i64>, DbError> {
        let v = match qids {
            Some(list) => self.qids(
                "SELECT DISTINCT question FROM related WHERE question IN rarray(?1) \
                 AND reason = 'similar_text'",
                [id_list(list)],
            )?,
            None => self.qids(
                "SELECT DISTINCT question FROM related WHERE reason = 'similar_text'",
                [],
            )?,
        };
        Ok(v.into_iter().collect())
    }

    /// Of `qids`, those with a related question answered.
    fn related_answered(&self, qids: Option<&[i64]>) -> Result<HashSet<i64>, DbError> {
        let v = match qids {
            Some(list) => self.qids(
                "SELECT DISTINCT r.question FROM related r JOIN questions o ON o.qid = r.other \
                 WHERE r.question IN rarray(?1) AND o.status = 'answered'",
                [id_list(list)],
            )?,
            None => self.qids(
                "SELECT DISTINCT r.question FROM related r JOIN questions o ON o.qid = r.other \
                 WHERE o.status = 'answered'",
                [],
            )?,
        };
        Ok(v.into_iter().collect())
    }

    /// What the query's free words, needles and `similar:` terms need, computed once:
    /// `scope` is where `similar:` resolves the question it names.
    fn plan<'q>(&self, query: &'q Query, scope: Option<&[i64]>) -> Result<Plan<'q>, DbError> {
        let mut plan = Plan::default();
        for Term { negated, test } in &query.terms {
            match test {
                Test::Word(w) => {
                    let mut parts = Vec::new();
                    for_each_word(
                        w,
                        &mut String::new(),
                        |p, _| parts.push(p.to_string()),
                        |_| {},
                    );
                    if parts.is_empty() {
                        // No letter or digit: looked for as it is, in fields and texts.
                        plan.needles.push(NeedlePlan {
                            negated: *negated,
                            needle: w,
                            maybe: None,
                            exact_but: None,
                            phrase: true,
                        });
                        continue;
                    }
                    let mut scored = Vec::new();
                    for p in &parts {
                        scored.push(self.part_scores(p)?);
                    }
                    plan.words.push(WordPlan {
                        negated: *negated,
                        parts: scored,
                    });
                }
                Test::Phrase(p) => plan.needles.push(NeedlePlan {
                    negated: *negated,
                    needle: p,
                    maybe: self.maybe(p, true)?,
                    exact_but: None,
                    phrase: true,
                }),
                Test::Text(t) => {
                    let maybe = self.maybe(t, false)?;
                    let one_word = !t.is_empty() && t.chars().all(char::is_alphanumeric);
                    let exact_but = (maybe.is_some() && one_word)
                        .then(|| self.words().map(|w| w.long_runs().into_iter().collect()))
                        .transpose()?;
                    plan.needles.push(NeedlePlan {
                        negated: *negated,
                        needle: t,
                        maybe,
                        exact_but,
                        phrase: false,
                    });
                }
                _ => {}
            }
        }
        // `similar:`: the question named, resolved in the scope (as in memory: among the
        // questions filtered).
        for (k, term) in query.terms.iter().enumerate() {
            if let Test::Similar(id) = &term.test {
                let ids = self.ids(scope)?;
                let set = match Self::resolve(&ids, id) {
                    Some(q) => self.around(q)?,
                    None => Vec::new(),
                };
                plan.around.insert(k, set);
            }
        }
        Ok(plan)
    }

    /// The candidates of a query: the qids its positive terms' indexes allow (within the
    /// scope), or `None` when nothing narrows (every question, or the whole scope).
    fn narrow(
        &self,
        query: &Query,
        plan: &Plan,
        (today, current): (chrono::NaiveDate, crate::deadline::Current),
        scope: Option<&[i64]>,
    ) -> Result<Option<Vec<i64>>, DbError> {
        let small_scope = scope.is_some_and(|s| s.len() <= SMALL_SCOPE);
        let mut candidates: Option<Vec<i64>> = scope.map(|s| {
            let mut v = s.to_vec();
            v.sort_unstable();
            v.dedup();
            v
        });
        let few = |c: &Option<Vec<i64>>| c.as_ref().is_some_and(|c| c.len() <= FEW);
        let narrow = |set: Vec<i64>, candidates: &mut Option<Vec<i64>>| match candidates {
            Some(c) => intersect(c, &set),
            None => *candidates = Some(set),
        };
        for w in plan.words.iter().filter(|w| !w.negated) {
            if few(&candidates) {
                break;
            }
            // Every part present.
            let mut set: Vec<i64> = w.parts[0]
                .iter()
                .filter(|(_, s)| **s > 0)
                .map(|(q, _)| *q)
                .collect();
            set.sort_unstable();
            for part in &w.parts[1..] {
                set.retain(|q| part.get(q).is_some_and(|s| *s > 0));
            }
            narrow(set, &mut candidates);
        }
        for n in plan.needles.iter().filter(|n| !n.negated) {
            if few(&candidates) {
                break;
            }
            if let Some(maybe) = &n.maybe {
                let mut set: Vec<i64> = maybe.iter().copied().collect();
                set.sort_unstable();
                narrow(set, &mut candidates);
            }
        }
        for (k, set) in &plan.around {
            if !query.terms[*k].negated {
                narrow(set.clone(), &mut candidates);
            }
        }
        if small_scope {
            return Ok(candidates);
        }
        let day = |d: &chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        for term in query.terms.iter().filter(|t| !t.negated) {
            if few(&candidates) {
                break;
            }
            let set = match &term.test {
                Test::Author(s) => self.field_set(&["author"], "author", s)?,
                Test::Place(s) => self.field_set(&["constituency"], "constituency", s)?,
                Test::Rubric(s) => self.field_set(&["rubric"], "rubric", s)?,
                Test::Group(s) => self.field_set(&["political_group"], "political_group", s)?,
                Test::Ministry(s) => {
                    self.field_set(&["ministry_asked", "ministry_assigned"], "ministry", s)?
                }
                Test::Since(d) => {
                    self.qids("SELECT qid FROM questions WHERE published >= ?1", [day(d)])?
                }
                Test::Until(d) => {
                    self.qids("SELECT qid FROM questions WHERE published <= ?1", [day(d)])?
                }
                Test::Legislature(l) => self.qids(
                    "SELECT qid FROM questions WHERE legislature = ?1",
                    [i64::from(*l)],
                )?,
                Test::Overdue => self.qids(
                    "SELECT qid FROM questions WHERE status = 'pending' AND deadline < ?1 \
                     AND legislature >= ?2",
                    rusqlite::params![day(&today), i64::from(current.number())],
                )?,
                Test::Lapsed => self.qids(
                    "SELECT qid FROM questions WHERE status = 'pending' AND legislature < ?1",
                    [i64::from(current.number())],
                )?,
                Test::Status(s) => {
                    self.qids("SELECT qid FROM questions WHERE status = ?1", [s.as_str()])?
                }
                _ => continue,
            };
            narrow(set, &mut candidates);
        }
        Ok(candidates)
    }

    /// The questions `query` selects, among `scope` (qids) when given, else in the whole
    /// library, with their scores.
    pub fn select(
        &self,
        query: &Query,
        ctx: &DbContext,
        scope: Option<&[i64]>,
    ) -> Result<Selection, DbError> {
        let plan = self.plan(query, scope)?;
        let candidates = self.narrow(query, &plan, (ctx.today, ctx.current), scope)?;
        let rows = read_rows(self.conn, candidates.as_deref())?;
        let kept = self.check(query, &plan, ctx, &rows)?;
        let mut selected = Selection::default();
        let mut rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
        for hit in kept {
            if let Some(row) = rows[hit.index].take() {
                selected.hits.push(Hit {
                    index: selected.rows.len(),
                    score: hit.score,
                });
                selected.rows.push(row);
            }
        }
        Ok(selected)
    }

    /// The rows among `rows` (held in memory: a dossier, the whole library) that `query`
    /// selects, as hits into `rows`, in their order: the texts and the word index are read
    /// from the database as needed.
    pub fn select_among(
        &self,
        query: &Query,
        ctx: &DbContext,
        rows: &[Row],
    ) -> Result<Vec<Hit>, DbError> {
        let scope: Vec<i64> = rows.iter().map(|r| r.qid).collect();
        let plan = self.plan(query, Some(&scope))?;
        self.check(query, &plan, ctx, rows)
    }

    /// Checks every term of `query` on `rows`: hits into `rows`, in order.
    fn check(
        &self,
        query: &Query,
        plan: &Plan,
        ctx: &DbContext,
        rows: &[Row],
    ) -> Result<Vec<Hit>, DbError> {
        let (today, current) = (ctx.today, ctx.current);
        let all: Vec<i64> = rows.iter().map(|r| r.qid).collect();
        let needs_related = query
            .terms
            .iter()
            .any(|t| matches!(t.test, Test::Campaign | Test::AnsweredElsewhere));
        let (campaign, answered_elsewhere) = if needs_related {
            (
                Some(self.campaign(Some(&all))?),
                Some(self.related_answered(Some(&all))?),
            )
        } else {
            (None, None)
        };
        let mut fields: Vec<(bool, &Test, FieldCheck)> = Vec::new();
        for term in &query.terms {
            if let Test::Author(s)
            | Test::Group(s)
            | Test::Ministry(s)
            | Test::Rubric(s)
            | Test::Place(s) = &term.test
            {
                fields.push((
                    term.negated,
                    &term.test,
                    FieldCheck {
                        needle: s,
                        seen: HashMap::new(),
                    },
                ));
            }
        }
        let mut kept: Vec<Hit> = Vec::new();
        'rows: for (i, row) in rows.iter().enumerate() {
            for (k, term) in query.terms.iter().enumerate() {
                let holds = match &term.test {
                    Test::Id(s) => fold(&row.id).contains(s.as_str()),
                    Test::Status(s) => row.status == *s,
                    Test::Legislature(l) => row.legislature == *l,
                    Test::Kind(kind) => row.kind == *kind,
                    Test::Since(d) => row.published.is_some_and(|p| p >= *d),
                    Test::Until(d) => row.published.is_some_and(|p| p <= *d),
                    Test::Overdue => {
                        row.status == Status::Pending
                            && row.deadline(current).is_some_and(|(due, _)| today > due)
                    }
                    Test::Lapsed => row.lapsed(current),
                    Test::Similar(_) => plan
                        .around
                        .get(&k)
                        .is_some_and(|set| set.binary_search(&row.qid).is_ok()),
                    Test::Campaign => campaign.as_ref().is_some_and(|c| c.contains(&row.qid)),
                    Test::AnsweredElsewhere => {
                        row.status == Status::Pending
                            && !row.lapsed(current)
                            && answered_elsewhere
                                .as_ref()
                                .is_some_and(|c| c.contains(&row.qid))
                    }
                    _ => continue,
                };
                if holds == term.negated {
                    continue 'rows;
                }
            }
            for (negated, test, check) in &mut fields {
                let holds = match test {
                    Test::Author(_) => check.holds(&row.author),
                    Test::Group(_) => check.holds(&row.group),
                    Test::Rubric(_) => check.holds(&row.rubric),
                    Test::Place(_) => check.holds(&row.constituency),
                    Test::Ministry(_) => {
                        check.holds(&row.ministry_asked) || check.holds(&row.ministry_assigned)
                    }
                    _ => true,
                };
                if holds == *negated {
                    continue 'rows;
                }
            }
            let mut total: i64 = 0;
            for w in &plan.words {
                let score = w.score(row.qid);
                if (score > 0) == w.negated {
                    continue 'rows;
                }
                if !w.negated {
                    total += i64::from(score);
                }
            }
            // Needles the index alone rules out.
            for n in &plan.needles {
                if let Some(maybe) = &n.maybe {
                    if !n.negated && !maybe.contains(&row.qid) {
                        continue 'rows;
                    }
                }
            }
            kept.push(Hit {
                index: i,
                score: total,
            });
        }

        // Needles that need the texts (or the fields, for phrases).
        if !plan.needles.is_empty() {
            let mut still: Vec<Hit> = Vec::with_capacity(kept.len());
            let mut buf = String::new();
            for batch in kept.chunks(TEXT_BATCH) {
                let need: Vec<i64> = batch
                    .iter()
                    .map(|h| rows[h.index].qid)
                    .filter(|q| {
                        plan.needles.iter().any(|n| {
                            n.maybe.as_ref().is_none_or(|m| m.contains(q))
                                && n.exact_but.as_ref().is_none_or(|e| e.contains(q))
                        })
                    })
                    .collect();
                let texts = if need.is_empty() {
                    HashMap::new()
                } else {
                    read_texts(self.conn, &need)?
                };
                'kept: for hit in batch {
                    let row = &rows[hit.index];
                    let mut total = hit.score;
                    for n in &plan.needles {
                        let score = needle_score(n, row, texts.get(&row.qid), &mut buf);
                        if (score > 0) == n.negated {
                            continue 'kept;
                        }
                        if !n.negated && n.phrase {
                            total += i64::from(score);
                        }
                    }
                    still.push(Hit {
                        index: hit.index,
                        score: total,
                    });
                }
            }
            kept = still;
        }

        // Review terms: asked of the full questions still in.
        if query.uses_review() && !kept.is_empty() {
            let qids: Vec<i64> = kept.iter().map(|h| rows[h.index].qid).collect();
            let full: HashMap<i64, Question> = (ctx.questions)(&qids)?.into_iter().collect();
            kept.retain(|h| {
                let Some(q) = full.get(&rows[h.index].qid) else {
                    return false;
                };
                query.terms.iter().all(|t| {
                    let holds = match t.test {
                        Test::Reviewed => ctx.review.is_reviewed(q),
                        Test::Flagged => ctx.review.is_flagged(q),
                        Test::HasNote => ctx.review.has_note(q),
                        Test::Changed => ctx.review.is_changed(q),
                        _ => return true,
                    };
                    holds != t.negated
                })
            });
        }
        Ok(kept)
    }
}

/// What a query's free words, needles and `similar:` terms need, computed once.
#[derive(Default)]
struct Plan<'q> {
    words: Vec<WordPlan>,
    needles: Vec<NeedlePlan<'q>>,
    /// Per `similar:` term (by position in the query): the question named and its related
    /// ones, sorted.
    around: HashMap<usize, Vec<i64>>,
}

/// A needle's score in a row: a phrase's (exact, weighted by the best field holding it, the
/// texts last), 1 for a `text:` found, 0 when absent.
fn needle_score(n: &NeedlePlan, row: &Row, texts: Option<&Texts>, buf: &mut String) -> u8 {
    if let Some(maybe) = &n.maybe {
        if !maybe.contains(&row.qid) {
            return 0;
        }
    }
    let finder = memmem::Finder::new(n.needle.as_bytes());
    let mut found_in = |text: &str| {
        super::index::fold_text_into(text, buf);
        finder.find(buf.as_bytes()).is_some()
    };
    if !n.phrase {
        if n.exact_but.as_ref().is_some_and(|e| !e.contains(&row.qid)) {
            return 1;
        }
        let Some(t) = texts else { return 0 };
        return u8::from(found_in(&t.question) || found_in(&t.answer));
    }
    use super::words::field;
    let mut weight = 0;
    for (text, mask) in [
        (&*row.id, field::ID),
        (&*row.title, field::TITLE),
        (&*row.author, field::AUTHOR),
        (&*row.constituency, field::PLACE),
        (&*row.group, field::GROUP),
        (&*row.ministry_asked, field::MINISTRY),
        (&*row.ministry_assigned, field::MINISTRY),
        (&*row.rubric, field::RUBRIC),
    ] {
        if found_in(text) {
            weight = weight.max(field_weight(mask));
        }
    }
    if weight == 0 {
        if let Some(t) = texts {
            if found_in(&t.question) || found_in(&t.answer) {
                weight = TEXT_WEIGHT;
            }
        }
    }
    if weight == 0 {
        0
    } else {
        word_score(Closeness::Exact, weight)
    }
}
