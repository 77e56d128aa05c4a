//! Evaluating a [`Query`] over the questions, with the keys of a [`SearchIndex`].
//!
//! The query is first compiled into a plan: field terms over authors, groups, ministries and
//! rubrics become one yes/no per distinct value; free words, phrases and `text:` needles are
//! answered from the word index ([`super::words`]) once for all questions, into one score
//! (or one "maybe") per question. Then each question is checked cheapest test first, in
//! parallel when there are enough of them.
//!
//! Before the word index is built (the viewer builds it after showing the list), the same
//! rules are applied by reading each question's words: slower, same answers (a property
//! test holds the two to it).

use super::index::{fold_text_into, Entry, SearchIndex, Table};
use super::syntax::{Query, Term, Test};
use super::words::{
    field, field_weight, word_score, Closeness, WordIndex, WordMatcher, TEXT_WEIGHT,
};
use super::{Hit, QueryContext};
use crate::record::Record;
use crate::text::words::for_each_word;
use memchr::memmem;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// Questions per unit of parallel work: small enough to share 100k questions among threads,
/// large enough that a short candidate list stays on one thread.
const CHUNK: usize = 1024;

/// Questions matching `query`; only among `candidates` (indices) when given, in their order.
/// Indices out of range (of `questions` or of `index`) are skipped. Never panics.
pub fn filter<R: Record>(
    questions: &[R],
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
pub fn filter_cancellable<R: Record>(
    questions: &[R],
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
    // The word index answers only for the questions it was built on.
    let words = index.words().filter(|w| w.docs() == n);
    let plan = Plan::new(query, index, words, n, ctx);
    // Questions held without their texts (light rows) have them read for a chunk at a
    // time, only for those still in once everything else is checked.
    let fetch = ctx
        .texts
        .filter(|_| plan.reads_texts() && questions.first().is_some_and(|q| q.texts().is_none()));
    let eval_chunk = |buf: &mut Scratch, chunk: &mut dyn Iterator<Item = usize>| -> Vec<Hit> {
        let eval = |buf: &mut Scratch, i: usize, texts: Option<(&str, &str)>| -> Option<Hit> {
            let (q, e) = (questions.get(i)?, index.entries.get(i)?);
            let texts = texts.or_else(|| q.texts()).unwrap_or(("", ""));
            plan.score(q, e, i, index, ctx, buf, texts)
                .map(|score| Hit { index: i, score })
        };
        let Some(source) = fetch else {
            return chunk.filter_map(|i| eval(buf, i, None)).collect();
        };
        // Those still in once the rest is checked, and whether their texts decide.
        let positions: Vec<(usize, bool)> = chunk
            .filter_map(|i| {
                let (q, e) = (questions.get(i)?, index.entries.get(i)?);
                plan.may_match(q, e, i, index, ctx)
                    .then(|| (i, plan.needs_texts(i)))
            })
            .collect();
        let wanted: Vec<usize> = positions
            .iter()
            .filter(|(_, needed)| *needed)
            .map(|(i, _)| *i)
            .collect();
        let read: HashMap<usize, super::SourceTexts> = if wanted.is_empty() {
            HashMap::new()
        } else {
            wanted
                .iter()
                .copied()
                .zip(source.texts(&wanted))
                .filter_map(|(i, t)| Some((i, t?)))
                .collect()
        };
        positions
            .into_iter()
            .filter_map(|(i, _)| {
                let texts = read.get(&i).map(|(q, a)| (q.as_ref(), a.as_ref()));
                eval(buf, i, Some(texts.unwrap_or(("", ""))))
            })
            .collect()
    };
    let cancelled = || cancel.load(Ordering::Relaxed);
    // Chunks of work keep the hits of each chunk in one vector, in order.
    let chunks: Vec<Vec<Hit>> = match candidates {
        Some(c) => c
            .par_chunks(CHUNK)
            .map_init(Scratch::default, |buf, chunk| {
                if cancelled() {
                    return Vec::new();
                }
                eval_chunk(buf, &mut chunk.iter().copied())
            })
            .collect(),
        None => (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map_init(Scratch::default, |buf, c| {
                if cancelled() {
                    return Vec::new();
                }
                eval_chunk(buf, &mut (c * CHUNK..n.min((c + 1) * CHUNK)))
            })
            .collect(),
    };
    if cancelled() {
        return None;
    }
    Some(chunks.concat())
}

/// Buffers a worker reuses from question to question.
#[derive(Default)]
struct Scratch {
    folded: String,
    word: String,
}

/// A test over the cheap keys of a question.
enum Check<'q> {
    Author(Vec<bool>),
    Group(Vec<bool>),
    Ministry(Vec<bool>),
    Rubric(Vec<bool>),
    Place(Vec<bool>),
    Id(&'q str),
    /// `similar:`: the positions of the question named and its related ones, sorted.
    Around(Vec<usize>),
    Test(&'q Test),
}

/// The position of the question `similar:` names (folded): its id exactly, else the only
/// question whose id ends with what was typed (`13809qe`, `13809`).
fn resolve_id(index: &SearchIndex, id: &str) -> Option<usize> {
    let id = id.trim();
    if id.is_empty() {
        return None;
    }
    let mut found = None;
    for (i, e) in index.entries.iter().enumerate() {
        let this = index.id(e);
        if this == id {
            return Some(i);
        }
        let number = this.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let tail = |s: &str| {
            s.ends_with(id) && s[..s.len() - id.len()].ends_with(|c: char| !c.is_ascii_digit())
        };
        if tail(this) || tail(number) {
            if found.is_some() {
                return None; // Ambiguous: 13809 in two legislatures.
            }
            found = Some(i);
        }
    }
    found
}

/// For each distinct value of a table: does it contain `needle`?
fn contains_set(table: &Table, needle: &str) -> Vec<bool> {
    table.values.iter().map(|v| v.contains(needle)).collect()
}

/// Whether `set` says yes for value `i` (no for an unknown value).
fn allowed(set: &[bool], i: u32) -> bool {
    set.get(i as usize).copied().unwrap_or(false)
}

/// The fields of a question free words look in, with the bit each sets.
fn search_fields(q: &impl Record) -> [(&str, u8); 8] {
    [
        (q.id(), field::ID),
        (q.title(), field::TITLE),
        (q.author(), field::AUTHOR),
        (q.constituency(), field::PLACE),
        (q.group(), field::GROUP),
        (q.ministry_asked(), field::MINISTRY),
        (q.ministry_assigned(), field::MINISTRY),
        (q.rubric(), field::RUBRIC),
    ]
}

/// A question's texts, as the terms reading them take them.
type Texts<'t> = (&'t str, &'t str);

/// One word of a free word (`l'agence` and `17-13809` have two), with its score in every
/// question when the word index answered.
struct Part {
    matcher: WordMatcher,
    /// Per question: 0 when the word is not in it, else its [`word_score`].
    scores: Option<Vec<u8>>,
}

/// A free word: every one of its words must be found; it scores as its worst.
struct Word {
    negated: bool,
    parts: Vec<Part>,
}

impl Part {
    fn new(typed: &str, words: Option<&WordIndex>, n: usize) -> Self {
        let scores = words.map(|index| {
            let mut scores = vec![0u8; n];
            let mut raise = |doc: usize, score: u8| {
                if let Some(s) = scores.get_mut(doc) {
                    *s = (*s).max(score);
                }
            };
            for (id, closeness) in index.lookup(typed) {
                index.field_postings(id, |doc, mask| {
                    raise(doc, word_score(closeness, field_weight(mask)));
                });
                index.text_postings(id, |doc| raise(doc, word_score(closeness, TEXT_WEIGHT)));
            }
            scores
        });
        Part {
            matcher: WordMatcher::new(typed),
            scores,
        }
    }

    /// The score of the word in question `i`, 0 when it is not there.
    fn score(&self, q: &impl Record, i: usize, buf: &mut Scratch, texts: Texts) -> u8 {
        match &self.scores {
            Some(scores) => scores.get(i).copied().unwrap_or(0),
            None => self.read_score(q, buf, texts),
        }
    }

    /// The score found by reading the question's words (no index yet).
    fn read_score(&self, q: &impl Record, buf: &mut Scratch, texts: Texts) -> u8 {
        let mut best = 0u8;
        let number = q.number().to_string();
        let fields = search_fields(q);
        let all = fields.iter().copied().chain([(number.as_str(), field::ID)]);
        for (text, mask) in all {
            for_each_word(
                text,
                &mut buf.word,
                |w, _| {
                    if let Some(c) = self.matcher.closeness(w) {
                        best = best.max(word_score(c, field_weight(mask)));
                    }
                },
                |_| {},
            );
        }
        // A text can only raise a score above the fields' with a closer word.
        if best < word_score(Closeness::Exact, TEXT_WEIGHT) {
            for text in [texts.0, texts.1] {
                for_each_word(
                    text,
                    &mut buf.word,
                    |w, _| {
                        if let Some(c) = self.matcher.closeness(w) {
                            best = best.max(word_score(c, TEXT_WEIGHT));
                        }
                    },
                    |_| {},
                );
            }
        }
        best
    }
}

impl Word {
    /// The free word's score in question `i`: its worst word's, 0 when one is missing.
    fn score(&self, q: &impl Record, i: usize, buf: &mut Scratch, texts: Texts) -> u8 {
        let mut worst = u8::MAX;
        for part in &self.parts {
            worst = worst.min(part.score(q, i, buf, texts));
            if worst == 0 {
                break;
            }
        }
        worst
    }
}

/// The questions that may hold a needle (a phrase, a `text:` value): those having, for
/// each of the needle's words, a word containing it, where `side` says. `None` when the
/// index cannot narrow (no index, or a needle without a letter or digit).
fn maybe(words: Option<&WordIndex>, needle: &str, n: usize, fields_too: bool) -> Option<Vec<bool>> {
    let index = words?;
    let mut parts = Vec::new();
    for_each_word(
        needle,
        &mut String::new(),
        |w, _| parts.push(w.to_string()),
        |_| {},
    );
    if parts.is_empty() {
        return None;
    }
    let mut count = vec![0u16; n];
    for (k, part) in parts.iter().enumerate() {
        let k = k as u16;
        // Each question counts once per part, and only if it had all the parts before.
        let mut mark = |doc: usize| {
            if let Some(c) = count.get_mut(doc) {
                if *c == k {
                    *c = k + 1;
                }
            }
        };
        for id in index.containing(part) {
            if fields_too {
                index.field_postings(id, |doc, _| mark(doc));
            }
            index.text_postings(id, &mut mark);
        }
        // Runs too long to be words are not in the index: their questions stay possible.
        for &doc in index.long_runs() {
            mark(doc as usize);
        }
    }
    let all = parts.len() as u16;
    Some(count.into_iter().map(|c| c == all).collect())
}

/// True when `needle` is one word the index knows whole: a question then holds it exactly
/// when the index says it may.
fn one_word(needle: &str) -> bool {
    !needle.is_empty() && needle.chars().all(char::is_alphanumeric)
}

/// A `text:` needle.
struct Text<'q> {
    negated: bool,
    finder: memmem::Finder<'q>,
    /// Per question: may it hold the needle?
    maybe: Option<Vec<bool>>,
    /// The index's "may" is a "does" (a one-word needle), but for the questions with runs
    /// too long to be indexed (sorted), which are read.
    exact: Option<Vec<u32>>,
}

/// Whether the index's "may hold" (none: it cannot narrow) leaves question `i` possible.
fn may_hold(maybe: &Option<Vec<bool>>, i: usize) -> bool {
    maybe
        .as_ref()
        .is_none_or(|m| m.get(i).copied().unwrap_or(false))
}

impl Text<'_> {
    /// What the index alone says of question `i`: found, not found, or `None` when its
    /// texts must be read.
    fn decided(&self, i: usize) -> Option<bool> {
        if !may_hold(&self.maybe, i) {
            return Some(false);
        }
        match (&self.maybe, &self.exact) {
            (Some(_), Some(long)) if long.binary_search(&(i as u32)).is_err() => Some(true),
            _ => None,
        }
    }

    fn found(&self, i: usize, buf: &mut Scratch, texts: Texts) -> bool {
        if let Some(decided) = self.decided(i) {
            return decided;
        }
        [texts.0, texts.1].into_iter().any(|body| {
            fold_text_into(body, &mut buf.folded);
            self.finder.find(buf.folded.as_bytes()).is_some()
        })
    }
}

/// A quoted free phrase: a substring of a search field or of the texts.
struct Phrase<'q> {
    negated: bool,
    finder: memmem::Finder<'q>,
    maybe: Option<Vec<bool>>,
}

impl Phrase<'_> {
    /// The phrase's score in a question: exact, weighted by the best field holding it.
    fn score(&self, q: &impl Record, i: usize, buf: &mut Scratch, texts: Texts) -> u8 {
        if !may_hold(&self.maybe, i) {
            return 0;
        }
        let mut weight = 0;
        for (text, mask) in search_fields(q) {
            fold_text_into(text, &mut buf.folded);
            if self.finder.find(buf.folded.as_bytes()).is_some() {
                weight = weight.max(field_weight(mask));
            }
        }
        if weight == 0 {
            let in_text = [texts.0, texts.1].into_iter().any(|body| {
                fold_text_into(body, &mut buf.folded);
                self.finder.find(buf.folded.as_bytes()).is_some()
            });
            if in_text {
                weight = TEXT_WEIGHT;
            }
        }
        if weight == 0 {
            0
        } else {
            word_score(Closeness::Exact, weight)
        }
    }
}

/// A compiled query: cheap checks, then words, phrases and texts.
struct Plan<'q> {
    checks: Vec<(bool, Check<'q>)>,
    words: Vec<Word>,
    phrases: Vec<Phrase<'q>>,
    texts: Vec<Text<'q>>,
}

impl<'q> Plan<'q> {
    fn new(
        query: &'q Query,
        index: &SearchIndex,
        words: Option<&WordIndex>,
        n: usize,
        ctx: &QueryContext,
    ) -> Self {
        let mut plan = Plan {
            checks: Vec::new(),
            words: Vec::new(),
            phrases: Vec::new(),
            texts: Vec::new(),
        };
        for Term { negated, test } in &query.terms {
            let negated = *negated;
            let check = match test {
                Test::Word(w) => {
                    let mut parts = Vec::new();
                    for_each_word(
                        w,
                        &mut String::new(),
                        |part, _| parts.push(Part::new(part, words, n)),
                        |_| {},
                    );
                    if !parts.is_empty() {
                        plan.words.push(Word { negated, parts });
                        continue;
                    }
                    // No letter or digit ("§", "..."): looked for as it is.
                    plan.phrases.push(Phrase {
                        negated,
                        finder: memmem::Finder::new(w.as_bytes()),
                        maybe: None,
                    });
                    continue;
                }
                Test::Phrase(p) => {
                    plan.phrases.push(Phrase {
                        negated,
                        finder: memmem::Finder::new(p.as_bytes()),
                        maybe: maybe(words, p, n, true),
                    });
                    continue;
                }
                Test::Text(t) => {
                    let maybe = maybe(words, t, n, false);
                    let exact = match words {
                        Some(w) if maybe.is_some() && one_word(t) => Some(w.long_runs().to_vec()),
                        _ => None,
                    };
                    plan.texts.push(Text {
                        negated,
                        finder: memmem::Finder::new(t.as_bytes()),
                        exact,
                        maybe,
                    });
                    continue;
                }
                Test::Author(s) => Check::Author(contains_set(&index.authors, s)),
                Test::Group(s) => Check::Group(contains_set(&index.groups, s)),
                Test::Ministry(s) => Check::Ministry(contains_set(&index.ministries, s)),
                Test::Rubric(s) => Check::Rubric(contains_set(&index.rubrics, s)),
                Test::Place(s) => Check::Place(contains_set(&index.places, s)),
                Test::Id(s) => Check::Id(s),
                Test::Similar(id) => Check::Around(match ctx.related {
                    Some(set) if set.len() == n => {
                        resolve_id(index, id).map_or_else(Vec::new, |i| set.around(i))
                    }
                    _ => Vec::new(),
                }),
                other => Check::Test(other),
            };
            plan.checks.push((negated, check));
        }
        plan
    }

    fn check(
        check: &Check,
        q: &impl Record,
        e: &Entry,
        i: usize,
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
            Check::Place(set) => allowed(set, e.place),
            Check::Id(s) => index.id(e).contains(s),
            Check::Around(members) => members.binary_search(&i).is_ok(),
            Check::Test(test) => match test {
                Test::Status(s) => q.status() == *s,
                Test::Legislature(l) => q.legislature() == *l,
                Test::Kind(k) => q.kind() == *k,
                Test::Since(d) => e.published.is_some_and(|p| p >= *d),
                Test::Until(d) => e.published.is_some_and(|p| p <= *d),
                Test::Overdue => {
                    q.status() == crate::model::Status::Pending
                        && e.deadline.is_some_and(|due| ctx.today > due)
                }
                Test::Reviewed => ctx.review.is_reviewed(q),
                Test::Flagged => ctx.review.is_flagged(q),
                Test::HasNote => ctx.review.has_note(q),
                Test::Changed => ctx.review.is_changed(q),
                Test::ToSignal => ctx.review.is_to_signal(q),
                Test::Campaign => ctx.related.is_some_and(|r| r.is_campaign(i)),
                Test::AnsweredElsewhere => {
                    !crate::deadline::lapsed(q, index.current())
                        && ctx.related.is_some_and(|r| r.answered_elsewhere(i))
                }
                Test::Lapsed => crate::deadline::lapsed(q, index.current()),
                // Compiled into words, phrases and texts, never into checks.
                Test::Word(_)
                | Test::Phrase(_)
                | Test::Text(_)
                | Test::Author(_)
                | Test::Group(_)
                | Test::Ministry(_)
                | Test::Rubric(_)
                | Test::Place(_)
                | Test::Id(_)
                | Test::Similar(_) => false,
            },
        }
    }

    /// True when some term reads the questions' texts: phrases, `text:`, words without
    /// the word index.
    fn reads_texts(&self) -> bool {
        !self.phrases.is_empty() || !self.texts.is_empty() || self.words_unindexed()
    }

    /// True when a free word is scored by reading each question (no word index).
    fn words_unindexed(&self) -> bool {
        self.words
            .iter()
            .any(|w| w.parts.iter().any(|p| p.scores.is_none()))
    }

    /// True when question `i`'s texts may decide a term (see [`Text::found`],
    /// [`Phrase::score`], [`Part::score`]); false when the index decides every one.
    fn needs_texts(&self, i: usize) -> bool {
        self.words_unindexed()
            || self.phrases.iter().any(|p| may_hold(&p.maybe, i))
            || self.texts.iter().any(|t| t.decided(i).is_none())
    }

    /// True when every cheap check holds for question `i` (negated ones fail).
    fn checks_hold(
        &self,
        q: &impl Record,
        e: &Entry,
        i: usize,
        index: &SearchIndex,
        ctx: &QueryContext,
    ) -> bool {
        self.checks
            .iter()
            .all(|(negated, check)| Self::check(check, q, e, i, index, ctx) != *negated)
    }

    /// False when question `i` cannot match whatever its texts hold: what decides without
    /// them (checks, indexed words, the index's "may hold" of phrases and needles) says no.
    fn may_match(
        &self,
        q: &impl Record,
        e: &Entry,
        i: usize,
        index: &SearchIndex,
        ctx: &QueryContext,
    ) -> bool {
        if !self.checks_hold(q, e, i, index, ctx) {
            return false;
        }
        for word in &self.words {
            let scores: Option<Vec<u8>> = word
                .parts
                .iter()
                .map(|p| p.scores.as_ref().map(|s| s.get(i).copied().unwrap_or(0)))
                .collect();
            if let Some(scores) = scores {
                let found = scores.iter().all(|&s| s > 0);
                if found == word.negated {
                    return false;
                }
            }
        }
        let phrases = self
            .phrases
            .iter()
            .filter(|p| !p.negated)
            .all(|p| may_hold(&p.maybe, i));
        let texts = self
            .texts
            .iter()
            .filter(|t| !t.negated)
            .all(|t| may_hold(&t.maybe, i));
        phrases && texts
    }

    /// The score of a matching question (the sum of its free words' and phrases' scores),
    /// or `None`.
    #[allow(
        clippy::too_many_arguments,
        reason = "the question, its keys, and the texts read"
    )]
    fn score(
        &self,
        q: &impl Record,
        e: &Entry,
        i: usize,
        index: &SearchIndex,
        ctx: &QueryContext,
        buf: &mut Scratch,
        texts: Texts,
    ) -> Option<i64> {
        if !self.checks_hold(q, e, i, index, ctx) {
            return None;
        }
        let mut total: i64 = 0;
        for word in &self.words {
            let score = word.score(q, i, buf, texts);
            if (score > 0) == word.negated {
                return None;
            }
            if !word.negated {
                total += i64::from(score);
            }
        }
        for phrase in &self.phrases {
            let score = phrase.score(q, i, buf, texts);
            if (score > 0) == phrase.negated {
                return None;
            }
            if !phrase.negated {
                total += i64::from(score);
            }
        }
        for text in &self.texts {
            if text.found(i, buf, texts) == text.negated {
                return None;
            }
        }
        Some(total)
    }
}
