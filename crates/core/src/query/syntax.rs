//! The query language: parsing a filter line into a [`Query`], and reasoning about queries
//! (highlighting, refinement) without looking at any question.

use super::help::{
    lookup_field, lookup_value, Field, Flag, ValueHelp, HAS_VALUES, IS_VALUES, KIND_VALUES,
    STATUS_VALUES,
};
use crate::model::{QuestionKind, Status};
use crate::text::fold::fold;
use chrono::NaiveDate;
use std::fmt;
use std::ops::Range;

/// What to highlight in a question shown for a query ([`Query::highlight`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Highlight {
    words: Vec<super::words::WordMatcher>,
    pieces: Vec<String>,
}

impl Highlight {
    /// True when nothing is highlighted.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.pieces.is_empty()
    }

    /// True when a word as displayed (`l'Agence,`, `Loire-Atlantique`) holds a word a free
    /// word finds, or a piece of a value searched as a substring.
    pub fn hits(&self, shown: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let mut found = false;
        if !self.words.is_empty() {
            crate::text::words::for_each_word(
                shown,
                &mut String::new(),
                |w, _| found |= self.words.iter().any(|m| m.closeness(w).is_some()),
                |_| {},
            );
        }
        if !found && !self.pieces.is_empty() {
            let folded = fold(shown);
            found = self.pieces.iter().any(|p| folded.contains(p.as_str()));
        }
        found
    }
}

/// A parsed filter: every term must hold for a question to match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub(super) terms: Vec<Term>,
}

/// One term of a query, possibly negated with `-`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Term {
    pub(super) negated: bool,
    pub(super) test: Test,
}

/// What a term checks. Every string is already folded (see [`crate::text::fold`]).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Test {
    /// A free word: a word of a search field or of the texts is it, starts with it, or is
    /// within the typos its length allows ([`super::words`]).
    Word(String),
    /// A quoted free phrase: folded substring of one of the search fields or of the texts.
    Phrase(String),
    /// `author:` substring.
    Author(String),
    /// `group:` substring.
    Group(String),
    /// `min:` substring of either ministry.
    Ministry(String),
    /// `rubric:` substring.
    Rubric(String),
    /// `place:` substring of the constituency.
    Place(String),
    /// `id:` substring of the id (`17-13809qe`).
    Id(String),
    /// `text:` substring of the question or answer text.
    Text(String),
    /// `status:` (or `is:pending` ...).
    Status(Status),
    /// `leg:`.
    Legislature(u16),
    /// `type:`.
    Kind(QuestionKind),
    /// `since:`: published on or after.
    Since(NaiveDate),
    /// `until:`: published on or before.
    Until(NaiveDate),
    /// `is:overdue`.
    Overdue,
    /// `is:reviewed`.
    Reviewed,
    /// `is:flagged`.
    Flagged,
    /// `has:note`.
    HasNote,
    /// `is:changed`.
    Changed,
    /// `similar:` an id (folded): that question and those related to it.
    Similar(String),
    /// `is:campaign`: a text like another's.
    Campaign,
    /// `is:answered-elsewhere`: pending, a related question answered.
    AnsweredElsewhere,
    /// `is:lapsed`: pending when its legislature ended.
    Lapsed,
    /// `is:to-signal`: marked "to signal".
    ToSignal,
}

/// What went wrong in a query, as data: `i18n::query` words it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryErrorKind {
    /// `foo:` where `foo` is no known field.
    UnknownField(String),
    /// `field:` with nothing after the colon.
    EmptyValue(String),
    /// A value the field does not accept (`status:maybe`, `leg:x`).
    BadValue {
        /// The field as typed.
        field: String,
        /// The value as typed.
        value: String,
        /// What the field accepts.
        expected: Expected,
    },
    /// A date that is not YYYY-MM-DD (or YYYY-MM, YYYY, DD/MM/YYYY).
    BadDate(String),
    /// A `"` without its closing `"`.
    UnclosedQuote,
    /// `""`: a phrase with nothing in it.
    EmptyPhrase,
    /// A `-` with nothing after it.
    LoneMinus,
}

/// What a field accepts, for the message of a bad value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// The values of `status:`.
    Status,
    /// The values of `is:`.
    Is,
    /// The values of `has:`.
    Has,
    /// The values of `type:`.
    Kind,
    /// A number (`leg:`).
    Number,
    /// A question id (`similar:`).
    Id,
}

/// An invalid query: what is wrong, and where (a byte range of the input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// The byte range of the input at fault.
    pub span: Range<usize>,
    /// What is wrong.
    pub kind: QueryErrorKind,
}

/// Plain English, for errors that wrap this one and for logs; users read `i18n::query`'s
/// words.
impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            QueryErrorKind::UnknownField(name) => write!(f, "unknown field `{name}:`"),
            QueryErrorKind::EmptyValue(name) => write!(f, "nothing after `{name}:`"),
            QueryErrorKind::BadValue { field, value, .. } => {
                write!(f, "`{field}:` does not accept `{value}`")
            }
            QueryErrorKind::BadDate(value) => write!(f, "bad date `{value}`"),
            QueryErrorKind::UnclosedQuote => f.write_str("unclosed quote"),
            QueryErrorKind::EmptyPhrase => f.write_str("empty phrase"),
            QueryErrorKind::LoneMinus => f.write_str("nothing after `-`"),
        }
    }
}

impl std::error::Error for QueryError {}

impl QueryError {
    fn new(kind: QueryErrorKind, span: Range<usize>) -> Self {
        QueryError { span, kind }
    }
}

/// The test a value of a table designates (`is:retard`: [`Test::Overdue`]).
fn flag_test(table: &[ValueHelp], value: &str) -> Option<Test> {
    Some(match lookup_value(table, value)? {
        Flag::Status(s) => Test::Status(s),
        Flag::Kind(k) => Test::Kind(k),
        Flag::Overdue => Test::Overdue,
        Flag::Reviewed => Test::Reviewed,
        Flag::Flagged => Test::Flagged,
        Flag::HasNote => Test::HasNote,
        Flag::Changed => Test::Changed,
        Flag::Campaign => Test::Campaign,
        Flag::AnsweredElsewhere => Test::AnsweredElsewhere,
        Flag::Lapsed => Test::Lapsed,
        Flag::ToSignal => Test::ToSignal,
    })
}

/// A whitespace-separated token (quotes may hold spaces), as byte offsets into the input.
struct Token {
    start: usize,
    end: usize,
}

/// Splits the input into tokens; a `"` opens a quoted run that only another `"` closes.
fn tokenize(input: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote_at: Option<usize> = None;
    for (i, c) in input.char_indices() {
        if quote_at.is_some() {
            if c == '"' {
                quote_at = None;
            }
            continue;
        }
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                tokens.push(Token { start: s, end: i });
            }
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        if c == '"' {
            quote_at = Some(i);
        }
    }
    if let Some(q) = quote_at {
        return Err(QueryError::new(
            QueryErrorKind::UnclosedQuote,
            q..input.len(),
        ));
    }
    if let Some(s) = start {
        tokens.push(Token {
            start: s,
            end: input.len(),
        });
    }
    Ok(tokens)
}

/// Folds a value and squeezes runs of whitespace, so `"santé   publique"` finds "Santé publique".
fn fold_value(raw: &str) -> String {
    let folded = fold(&raw.replace('"', ""));
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A field name as typed, folded and without apostrophes (`jusqu'à` -> `jusqua`).
fn field_key(name: &str) -> String {
    fold(name).chars().filter(|c| *c != '\'').collect()
}

/// Parses a date: YYYY-MM-DD, DD/MM/YYYY; YYYY-MM and YYYY mean the period's first day for
/// `since:` and its last day for `until:`.
fn parse_date(value: &str, end_of_period: bool) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(value, "%d/%m/%Y") {
        return Some(d);
    }
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = value.split('-').collect();
    match parts.as_slice() {
        [y] if digits(y, 4) => {
            let year = y.parse().ok()?;
            if end_of_period {
                NaiveDate::from_ymd_opt(year, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
        }
        [y, m] if digits(y, 4) && (digits(m, 2) || digits(m, 1)) => {
            let year = y.parse().ok()?;
            let month = m.parse().ok()?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            if end_of_period {
                first
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|d| d.pred_opt())
            } else {
                Some(first)
            }
        }
        _ => None,
    }
}

/// Builds the term of a `field:value` token. `value` is raw (quotes still in), `value_at` its
/// byte offset in the input.
fn field_term(
    field: Field,
    name: &str,
    raw_value: &str,
    value_at: usize,
) -> Result<Test, QueryError> {
    let span = value_at..value_at + raw_value.len();
    let value = fold_value(raw_value);
    let bad = |expected: Expected| {
        QueryError::new(
            QueryErrorKind::BadValue {
                field: name.to_string(),
                value: raw_value.to_string(),
                expected,
            },
            span.clone(),
        )
    };
    let test = match field {
        Field::Author => Test::Author(value),
        Field::Group => Test::Group(value),
        Field::Ministry => Test::Ministry(value),
        Field::Rubric => Test::Rubric(value),
        Field::Place => Test::Place(value),
        Field::Id => Test::Id(value),
        Field::Text => Test::Text(value),
        Field::Similar => Test::Similar(value),
        Field::Status => flag_test(STATUS_VALUES, &value).ok_or_else(|| bad(Expected::Status))?,
        Field::Is => flag_test(IS_VALUES, &value).ok_or_else(|| bad(Expected::Is))?,
        Field::Has => flag_test(HAS_VALUES, &value).ok_or_else(|| bad(Expected::Has))?,
        Field::Kind => flag_test(KIND_VALUES, &value).ok_or_else(|| bad(Expected::Kind))?,
        Field::Legislature => {
            let digits = value.trim_end_matches(['e', 'r']);
            match digits.parse::<u16>() {
                Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => Test::Legislature(n),
                _ => return Err(bad(Expected::Number)),
            }
        }
        Field::Since | Field::Until => {
            let until = field == Field::Until;
            match parse_date(&value, until) {
                Some(d) if until => Test::Until(d),
                Some(d) => Test::Since(d),
                None => {
                    return Err(QueryError::new(
                        QueryErrorKind::BadDate(raw_value.to_string()),
                        span,
                    ))
                }
            }
        }
    };
    Ok(test)
}

/// Parses one token into a term; `Ok(None)` for a word that folds to nothing.
fn parse_token(input: &str, token: &Token) -> Result<Option<Term>, QueryError> {
    let raw = &input[token.start..token.end];
    let (negated, body, body_at) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest, token.start + 1),
        None => (false, raw, token.start),
    };
    if body.is_empty() {
        return Err(QueryError::new(
            QueryErrorKind::LoneMinus,
            token.start..token.end,
        ));
    }
    if let Some(colon) = body.find(':') {
        let name = &body[..colon];
        let key = field_key(name);
        // Only a word of letters before the colon names a field: `10:30` stays a word.
        if !name.contains('"') && !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphabetic()) {
            let name_span = body_at..body_at + colon;
            let field = lookup_field(&key).ok_or_else(|| {
                QueryError::new(QueryErrorKind::UnknownField(name.to_string()), name_span)
            })?;
            let raw_value = &body[colon + 1..];
            if fold_value(raw_value).is_empty() {
                return Err(QueryError::new(
                    QueryErrorKind::EmptyValue(name.to_string()),
                    token.start..token.end,
                ));
            }
            let test = field_term(field, name, raw_value, body_at + colon + 1)?;
            return Ok(Some(Term { negated, test }));
        }
    }
    let value = fold_value(body);
    if body.contains('"') {
        if value.is_empty() {
            return Err(QueryError::new(
                QueryErrorKind::EmptyPhrase,
                token.start..token.end,
            ));
        }
        return Ok(Some(Term {
            negated,
            test: Test::Phrase(value),
        }));
    }
    if value.is_empty() {
        return Ok(None);
    }
    Ok(Some(Term {
        negated,
        test: Test::Word(value),
    }))
}

/// True when every question `a` accepts, `b` accepts too (for un-negated tests).
fn test_implies(a: &Test, b: &Test) -> bool {
    use Test::*;
    if a == b {
        return true;
    }
    // Free words imply nothing but themselves: a word found with a typo may not be found
    // from a shorter word, which allows fewer.
    match (a, b) {
        (Phrase(x), Phrase(y)) => x.contains(y.as_str()),
        // A field value is one of the fields phrases search.
        (Author(x) | Group(x) | Ministry(x) | Rubric(x) | Place(x) | Id(x), Phrase(y)) => {
            x.contains(y.as_str())
        }
        (Author(x), Author(y))
        | (Group(x), Group(y))
        | (Ministry(x), Ministry(y))
        | (Rubric(x), Rubric(y))
        | (Place(x), Place(y))
        | (Id(x), Id(y))
        | (Text(x), Text(y)) => x.contains(y.as_str()),
        (Since(x), Since(y)) => x >= y,
        (Until(x), Until(y)) => x <= y,
        (Overdue | AnsweredElsewhere | Lapsed, Status(crate::model::Status::Pending)) => true,
        _ => false,
    }
}

/// True when every question `a` accepts, `b` accepts too.
fn term_implies(a: &Term, b: &Term) -> bool {
    match (a.negated, b.negated) {
        (false, false) => test_implies(&a.test, &b.test),
        // not-A ⊆ not-B exactly when B ⊆ A.
        (true, true) => test_implies(&b.test, &a.test),
        _ => false,
    }
}

impl Query {
    /// Parses a filter line. Never panics; an invalid term gives its byte span.
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let mut terms = Vec::new();
        for token in tokenize(input)? {
            if let Some(term) = parse_token(input, &token)? {
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
        }
        Ok(Query { terms })
    }

    /// True when the query has no term: it matches everything.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when the query has positive free words or phrases, so hits carry a score worth
    /// ranking by.
    pub fn has_free_words(&self) -> bool {
        self.terms
            .iter()
            .any(|t| !t.negated && matches!(t.test, Test::Word(_) | Test::Phrase(_)))
    }

    /// Folded words/phrases the detail pane highlights (positive free words, `text:`,
    /// `author:`, `group:`, `min:`, `rubric:` values), without duplicates.
    pub fn highlight_terms(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for term in self.terms.iter().filter(|t| !t.negated) {
            let value = match &term.test {
                Test::Word(v)
                | Test::Phrase(v)
                | Test::Author(v)
                | Test::Group(v)
                | Test::Ministry(v)
                | Test::Rubric(v)
                | Test::Text(v) => v,
                _ => continue,
            };
            if !out.contains(value) {
                out.push(value.clone());
            }
        }
        out
    }

    /// What the detail pane highlights, decided by the rules the search applies: a word that
    /// a positive free word finds (itself, its start, a near typo), and a word holding a piece
    /// of a phrase or of a `text:`, `author:`, `group:`, `min:` or `rubric:` value.
    pub fn highlight(&self) -> Highlight {
        let mut h = Highlight::default();
        for term in self.terms.iter().filter(|t| !t.negated) {
            match &term.test {
                Test::Word(v) => {
                    crate::text::words::for_each_word(
                        v,
                        &mut String::new(),
                        |w, _| {
                            let m = super::words::WordMatcher::new(w);
                            if !h.words.contains(&m) {
                                h.words.push(m);
                            }
                        },
                        |_| {},
                    );
                }
                Test::Phrase(v)
                | Test::Author(v)
                | Test::Group(v)
                | Test::Ministry(v)
                | Test::Rubric(v)
                | Test::Text(v) => {
                    for piece in v.split(' ').filter(|p| !p.is_empty()) {
                        if !h.pieces.iter().any(|p| p == piece) {
                            h.pieces.push(piece.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
        h
    }

    /// True when every question matching `self` also matches `prev` (the query only grew),
    /// so filtering may narrow from prev's hits instead of scanning everything.
    ///
    /// Conservative: a `false` only means "scan everything".
    pub fn refines(&self, prev: &Query) -> bool {
        prev.terms
            .iter()
            .all(|p| self.terms.iter().any(|s| term_implies(s, p)))
    }

    /// True when the query uses review marks (`is:reviewed`, `is:flagged`, `has:note`,
    /// `is:changed`, `is:to-signal`): its result changes when they do.
    pub fn uses_review(&self) -> bool {
        self.terms.iter().any(|t| {
            matches!(
                t.test,
                Test::Reviewed | Test::Flagged | Test::HasNote | Test::Changed | Test::ToSignal
            )
        })
    }

    /// True when the query uses related questions (`similar:`, `is:campaign`,
    /// `is:answered-elsewhere`): its result needs the relations, and changes with them.
    pub fn uses_related(&self) -> bool {
        self.terms.iter().any(|t| {
            matches!(
                t.test,
                Test::Similar(_) | Test::Campaign | Test::AnsweredElsewhere
            )
        })
    }

    /// True when the query needs the question and answer texts (a `text:` term), the slow kind.
    pub fn has_text_terms(&self) -> bool {
        self.terms.iter().any(|t| matches!(t.test, Test::Text(_)))
    }

    /// True when the query is answered faster with the word index: free words, phrases or
    /// `text:`, negated or not.
    pub fn needs_words(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t.test, Test::Word(_) | Test::Phrase(_) | Test::Text(_)))
    }
}
