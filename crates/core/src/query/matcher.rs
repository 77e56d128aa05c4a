//! Evaluating a [`Query`] over the questions, with the keys of a [`SearchIndex`].
//!
//! The query is first compiled into a plan: field terms over authors, groups, ministries and
//! rubrics become one yes/no per distinct value; free words keep one lazily filled score per
//! distinct value; `text:` needles get a reusable substring finder. Then each question is
//! checked cheapest test first, in parallel when there are enough of them.

use super::index::{fold_text_into, Entry, SearchIndex, Table};
use super::syntax::{is_subsequence, Query, Term, Test};
use super::{Hit, QueryContext};
use crate::model::Question;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use memchr::memmem;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// Questions per unit of parallel work: small enough to share 100k questions among threads,
/// large enough that a short candidate list stays on one thread.
const CHUNK: usize = 1024;

/// Questions matching `query`; only among `candidates` (indices) when given, in their order.
/// Indices out of range (of `questions` or of `index`) are skipped. Never panics.
pub fn filter(
    questions: &[Question],
    index: &SearchIndex,
    query: &Query,
    ctx: &QueryContext,
    candidates: Option<&[usize]>,
) -> Vec<Hit> {
    let never = AtomicBool::new(false);
    filter_cancellable(questions, index, query, ctx, candidates, &never).unwrap_or_default()
}

/// [`filter`] for a background thread: gives up, returning `None`, soon after `cancel` is set
/// (within one chunk of about a thousand questions per thread, a few milliseconds), so that a
/// stale search does not hold the cores while the user types on.
pub fn filter_cancellable(
    questions: &[Question],
    index: &SearchIndex,
    query: &Query,
    ctx: &QueryContext,
    candidates: Option<&[usize]>,
    cancel: &AtomicBool,
) -> Option<Vec<Hit>> {
    let n = questions.len().min(index.len());
    let all = |i: usize| Hit { index: i, score: 0 };
    if query.is_empty() {
        return Some(match candidates {
            Some(c) => c.iter().copied().filter(|&i| i < n).map(all).collect(),
            None => (0..n).map(all).collect(),
        });
    }
    let plan = Plan::new(query, index, candidates.map_or(n, <[usize]>::len));
    let eval = |buf: &mut String, i: usize| -> Option<Hit> {
        let (q, e) = (questions.get(i)?, index.entries.get(i)?);
        plan.score(q, e, index, ctx, buf)
            .map(|score| Hit { index: i, score })
    };
    let cancelled = || cancel.load(Ordering::Relaxed);
    // Chunks of work keep the hits of each chunk in one vector, in order.
    let chunks: Vec<Vec<Hit>> = match candidates {
        Some(c) => c
            .par_chunks(CHUNK)
            .map_init(String::new, |buf, chunk| {
                if cancelled() {
                    return Vec::new();
                }
                chunk.iter().filter_map(|&i| eval(buf, i)).collect()
            })
            .collect(),
        None => (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map_init(String::new, |buf, c| {
                if cancelled() {
                    return Vec::new();
                }
                (c * CHUNK..n.min((c + 1) * CHUNK))
                    .filter_map(|i| eval(buf, i))
                    .collect()
            })
            .collect(),
    };
    if cancelled() {
        return None;
    }
    Some(chunks.concat())
}

/// A test over the cheap keys of a question.
enum Check<'q> {
    Author(Vec<bool>),
    Group(Vec<bool>),
    Ministry(Vec<bool>),
    Rubric(Vec<bool>),
    Id(&'q str),
    Test(&'q Test),
}

/// For each distinct value of a table: does it contain `needle`?
fn contains_set(table: &Table, needle: &str) -> Vec<bool> {
    table.values.iter().map(|v| v.contains(needle)).collect()
}

/// Whether `set` says yes for value `i` (no for an unknown value).
fn allowed(set: &[bool], i: u32) -> bool {
    set.get(i as usize).copied().unwrap_or(false)
}

/// A free word or quoted phrase, with its scores against the distinct values of each table,
/// filled in the first time a question needs them.
struct Word<'q> {
    negated: bool,
    pattern: &'q str,
    /// A quoted phrase: substring, not fuzzy.
    phrase: bool,
    ascii: bool,
    titles: Vec<OnceLock<Option<i64>>>,
    authors: Vec<OnceLock<Option<i64>>>,
    groups: Vec<OnceLock<Option<i64>>>,
    ministries: Vec<OnceLock<Option<i64>>>,
    rubrics: Vec<OnceLock<Option<i64>>>,
}

fn memo(table: &Table) -> Vec<OnceLock<Option<i64>>> {
    (0..table.len()).map(|_| OnceLock::new()).collect()
}

/// True when the bytes of `pattern` appear in order in `hay`.
fn byte_subsequence(pattern: &[u8], mut hay: &[u8]) -> bool {
    for &b in pattern {
        match memchr::memchr(b, hay) {
            Some(at) => hay = &hay[at + 1..],
            None => return false,
        }
    }
    true
}

impl<'q> Word<'q> {
    /// `checked`: how many questions the filter will look at. Titles are mostly distinct, so
    /// their memo only pays when most of them will be looked at; for a short candidate list
    /// its allocation would cost more than it saves.
    fn new(
        negated: bool,
        pattern: &'q str,
        phrase: bool,
        index: &SearchIndex,
        checked: usize,
    ) -> Self {
        let memo_titles = checked >= index.titles.len() / 4;
        Word {
            negated,
            pattern,
            phrase,
            ascii: pattern.is_ascii(),
            titles: if memo_titles {
                memo(&index.titles)
            } else {
                Vec::new()
            },
            authors: memo(&index.authors),
            groups: memo(&index.groups),
            ministries: memo(&index.ministries),
            rubrics: memo(&index.rubrics),
        }
    }

    /// Whether the word matches one folded field: exactly when the fuzzy matcher would
    /// return a score, found without running it.
    fn matches(&self, field: &str) -> bool {
        if self.phrase {
            field.contains(self.pattern)
        } else if self.ascii {
            // An ASCII byte only ever encodes itself in UTF-8, so bytes in order are
            // characters in order.
            byte_subsequence(self.pattern.as_bytes(), field.as_bytes())
        } else {
            is_subsequence(self.pattern, field)
        }
    }

    /// The fuzzy score of the word in one folded field.
    #[inline]
    fn field_score(&self, field: &str) -> Option<i64> {
        if !self.matches(field) {
            return None;
        }
        Some(self.run_matcher(field))
    }

    /// The matcher's score of a field the word is known to match. Kept out of line: inlined,
    /// the matcher's large body slows down the common path that rejects a field.
    #[inline(never)]
    fn run_matcher(&self, field: &str) -> i64 {
        // A phrase is a substring, hence a subsequence: the matcher always scores it.
        fresh_matcher()
            .fuzzy_match(scoring_window(field, self.pattern), self.pattern)
            .unwrap_or(0)
    }

    fn table_score(&self, memo: &[OnceLock<Option<i64>>], table: &Table, i: u32) -> Option<i64> {
        let Some(memo) = memo.get(i as usize) else {
            // Not memoized (see `Word::new`): score the value itself.
            return self.field_score(table.get(i));
        };
        match memo.get() {
            Some(score) => *score,
            None => self.fill_memo(memo, table, i),
        }
    }

    /// Scores a distinct value the first time a question needs it.
    #[cold]
    #[inline(never)]
    fn fill_memo(&self, memo: &OnceLock<Option<i64>>, table: &Table, i: u32) -> Option<i64> {
        *memo.get_or_init(|| self.field_score(table.get(i)))
    }

    /// The best score of the word over the search fields of one question.
    fn best_score(&self, index: &SearchIndex, e: &Entry) -> Option<i64> {
        [
            self.table_score(&self.authors, &index.authors, e.author),
            self.table_score(&self.groups, &index.groups, e.group),
            self.table_score(&self.ministries, &index.ministries, e.ministry_asked),
            self.table_score(&self.ministries, &index.ministries, e.ministry_assigned),
            self.table_score(&self.rubrics, &index.rubrics, e.rubric),
            self.table_score(&self.titles, &index.titles, e.title),
            self.field_score(index.id(e)),
        ]
        .into_iter()
        .flatten()
        .max()
    }

    /// Whether the word matches any search field of one question (no scoring of the
    /// per-question fields).
    fn matches_any(&self, index: &SearchIndex, e: &Entry) -> bool {
        self.matches(index.id(e))
            || self.matches(index.titles.get(e.title))
            || self
                .table_score(&self.authors, &index.authors, e.author)
                .is_some()
            || self
                .table_score(&self.groups, &index.groups, e.group)
                .is_some()
            || self
                .table_score(&self.ministries, &index.ministries, e.ministry_asked)
                .is_some()
            || self
                .table_score(&self.ministries, &index.ministries, e.ministry_assigned)
                .is_some()
            || self
                .table_score(&self.rubrics, &index.rubrics, e.rubric)
                .is_some()
    }
}

/// A matcher with empty scratch buffers. fuzzy-matcher 0.3.7's `SkimMatcherV2` reuses its
/// buffers between calls and reads cells the current call did not write, so a reused matcher
/// can score the same field differently depending on what it scored before (seen: 74 or 75
/// for one field), and `use_cache(false)` panics ("RefCell already borrowed"). A fresh one per
/// call costs a few allocations and makes scores a function of field and pattern only, so a
/// narrowed filter ranks exactly like a full scan.
fn fresh_matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().respect_case()
}

/// The part of `field` the matcher needs to score `pattern`: from one character before the
/// first occurrence of the pattern's first character, to the last occurrence of its last
/// character. The score is the same: an alignment can neither start earlier nor end later;
/// a column's bonus depends only on its character and the one before it, which is kept; and
/// the kept character before the start, whose bonus the cut changes, can never be matched.
/// The matcher's work, though, is proportional to the length it is given.
pub(super) fn scoring_window<'f>(field: &'f str, pattern: &str) -> &'f str {
    let (Some(first), Some(last)) = (pattern.chars().next(), pattern.chars().next_back()) else {
        return field;
    };
    let start = match field.find(first) {
        Some(at) => field[..at].char_indices().next_back().map_or(0, |(i, _)| i),
        None => return field,
    };
    let end = match field.rfind(last) {
        Some(at) => at + last.len_utf8(),
        None => return field,
    };
    field.get(start..end).unwrap_or(field)
}

/// A `text:` needle.
struct Text<'q> {
    negated: bool,
    finder: memmem::Finder<'q>,
}

/// A compiled query: cheap checks, then words, then texts.
struct Plan<'q> {
    checks: Vec<(bool, Check<'q>)>,
    words: Vec<Word<'q>>,
    texts: Vec<Text<'q>>,
}

impl<'q> Plan<'q> {
    fn new(query: &'q Query, index: &SearchIndex, checked: usize) -> Self {
        let mut plan = Plan {
            checks: Vec::new(),
            words: Vec::new(),
            texts: Vec::new(),
        };
        for Term { negated, test } in &query.terms {
            let negated = *negated;
            let check = match test {
                Test::Word(w) => {
                    plan.words
                        .push(Word::new(negated, w, false, index, checked));
                    continue;
                }
                Test::Phrase(p) => {
                    plan.words.push(Word::new(negated, p, true, index, checked));
                    continue;
                }
                Test::Text(t) => {
                    plan.texts.push(Text {
                        negated,
                        finder: memmem::Finder::new(t.as_bytes()),
                    });
                    continue;
                }
                Test::Author(s) => Check::Author(contains_set(&index.authors, s)),
                Test::Group(s) => Check::Group(contains_set(&index.groups, s)),
                Test::Ministry(s) => Check::Ministry(contains_set(&index.ministries, s)),
                Test::Rubric(s) => Check::Rubric(contains_set(&index.rubrics, s)),
                Test::Id(s) => Check::Id(s),
                other => Check::Test(other),
            };
            plan.checks.push((negated, check));
        }
        // Exclusions need no score: run them before the words that do.
        plan.words.sort_by_key(|w| !w.negated);
        plan
    }

    fn check(
        check: &Check,
        q: &Question,
        e: &Entry,
        index: &SearchIndex,
        ctx: &QueryContext,
    ) -> bool {
        match check {
            Check::Author(set) => allowed(set, e.author),
            Check::Group(set) => allowed(set, e.group),
            Check::Ministry(set) => {
                allowed(set, e.ministry_asked) || allowed(set, e.ministry_assigned)
            }
            Check::Rubric(set) => allowed(set, e.rubric),
            Check::Id(s) => index.id(e).contains(s),
            Check::Test(test) => match test {
                Test::Status(s) => q.status == *s,
                Test::Legislature(l) => q.legislature == *l,
                Test::Kind(k) => q.kind == *k,
                Test::Since(d) => e.published.is_some_and(|p| p >= *d),
                Test::Until(d) => e.published.is_some_and(|p| p <= *d),
                Test::Overdue => {
                    q.status == crate::model::Status::Pending
                        && e.deadline.is_some_and(|due| ctx.today > due)
                }
                Test::Reviewed => ctx.review.is_reviewed(q),
                Test::Flagged => ctx.review.is_flagged(q),
                Test::HasNote => ctx.review.has_note(q),
                Test::Changed => ctx.review.is_changed(q),
                // Compiled into words and texts, never into checks.
                Test::Word(_)
                | Test::Phrase(_)
                | Test::Text(_)
                | Test::Author(_)
                | Test::Group(_)
                | Test::Ministry(_)
                | Test::Rubric(_)
                | Test::Id(_) => false,
            },
        }
    }

    /// The score of a matching question (sum of its words' best scores), or `None`.
    fn score(
        &self,
        q: &Question,
        e: &Entry,
        index: &SearchIndex,
        ctx: &QueryContext,
        buf: &mut String,
    ) -> Option<i64> {
        for (negated, check) in &self.checks {
            if Self::check(check, q, e, index, ctx) == *negated {
                return None;
            }
        }
        // Every word must match (or not, when negated) before any is scored: scoring costs
        // far more than matching, and a later word may reject the question.
        if self
            .words
            .iter()
            .any(|w| w.matches_any(index, e) == w.negated)
        {
            return None;
        }
        for text in &self.texts {
            let found = [&q.question_text, &q.answer_text].into_iter().any(|body| {
                fold_text_into(body, buf);
                text.finder.find(buf.as_bytes()).is_some()
            });
            if found == text.negated {
                return None;
            }
        }
        let mut total: i64 = 0;
        for word in self.words.iter().filter(|w| !w.negated) {
            total = total.saturating_add(word.best_score(index, e)?);
        }
        Some(total)
    }
}

#[cfg(test)]
mod tests {
    use super::{fresh_matcher, scoring_window};
    use fuzzy_matcher::FuzzyMatcher;
    use proptest::prelude::*;

    proptest! {
        /// The window the matcher is given never changes the score it gives.
        #[test]
        fn scoring_window_keeps_the_score(
            field in "[abcé -.'/0-9]{0,40}",
            pattern in "[abcé -]{1,5}",
        ) {
            let window = scoring_window(&field, &pattern);
            prop_assert_eq!(
                fresh_matcher().fuzzy_match(&field, &pattern),
                fresh_matcher().fuzzy_match(window, &pattern)
            );
        }
    }
}
