//! TEMPORARY placeholder with the agreed API; replaced by the query branch at merge.
#![allow(missing_docs)]
use crate::fold::fold;
use crate::model::Question;
use chrono::NaiveDate;

pub trait ReviewFacts: Sync {
    fn is_reviewed(&self, q: &Question) -> bool;
    fn is_flagged(&self, q: &Question) -> bool;
    fn has_note(&self, q: &Question) -> bool;
    fn is_changed(&self, q: &Question) -> bool;
}
pub struct NoReview;
impl ReviewFacts for NoReview {
    fn is_reviewed(&self, _: &Question) -> bool {
        false
    }
    fn is_flagged(&self, _: &Question) -> bool {
        false
    }
    fn has_note(&self, _: &Question) -> bool {
        false
    }
    fn is_changed(&self, _: &Question) -> bool {
        false
    }
}
pub struct QueryContext<'a> {
    pub today: NaiveDate,
    pub review: &'a dyn ReviewFacts,
}
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    words: Vec<String>,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub message: String,
    pub span: std::ops::Range<usize>,
}
impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
impl Query {
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        if let Some(p) = input.find("bad:") {
            return Err(QueryError {
                message: "unknown field 'bad'".into(),
                span: p..p + 3,
            });
        }
        Ok(Query {
            words: input.split_whitespace().map(fold).collect(),
        })
    }
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
    pub fn has_free_words(&self) -> bool {
        !self.words.is_empty()
    }
    pub fn highlight_terms(&self) -> Vec<String> {
        self.words.clone()
    }
    pub fn refines(&self, _prev: &Query) -> bool {
        false
    }
}
pub struct SearchIndex {
    keys: Vec<String>,
}
impl SearchIndex {
    pub fn build(questions: &[Question]) -> Self {
        SearchIndex {
            keys: questions
                .iter()
                .map(|q| {
                    fold(&format!(
                        "{} {} {} {} {} {}",
                        q.id, q.title, q.author, q.group, q.ministry_assigned, q.rubric
                    ))
                })
                .collect(),
        }
    }
    pub fn len(&self) -> usize {
        self.keys.len()
    }
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: i64,
}
pub fn filter(
    questions: &[Question],
    index: &SearchIndex,
    query: &Query,
    _ctx: &QueryContext,
    candidates: Option<&[usize]>,
) -> Vec<Hit> {
    let all: Vec<usize> = (0..questions.len()).collect();
    candidates
        .unwrap_or(&all)
        .iter()
        .filter(|&&i| {
            query
                .words
                .iter()
                .all(|w| index.keys[i].contains(w.as_str()))
        })
        .map(|&i| Hit { index: i, score: 0 })
        .collect()
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Date,
    Number,
    Author,
    Ministry,
    DaysPending,
}
impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Date,
        SortKey::Number,
        SortKey::Author,
        SortKey::Ministry,
        SortKey::DaysPending,
    ];
    pub fn next(self) -> Self {
        match self {
            SortKey::Date => SortKey::Number,
            SortKey::Number => SortKey::Author,
            SortKey::Author => SortKey::Ministry,
            SortKey::Ministry => SortKey::DaysPending,
            SortKey::DaysPending => SortKey::Date,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Number => "number",
            SortKey::Author => "author",
            SortKey::Ministry => "ministry",
            SortKey::DaysPending => "pending",
        }
    }
}
pub fn sort_hits(
    questions: &[Question],
    hits: &mut [Hit],
    key: SortKey,
    reverse: bool,
    _by_score: bool,
    _today: NaiveDate,
) {
    hits.sort_by(|a, b| {
        let (qa, qb) = (&questions[a.index], &questions[b.index]);
        let o = match key {
            SortKey::Date => qb.published().cmp(&qa.published()),
            _ => qa.number.cmp(&qb.number),
        };
        if reverse {
            o.reverse()
        } else {
            o
        }
    });
}
