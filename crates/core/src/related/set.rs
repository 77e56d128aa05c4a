//! The relations of a dossier with what the query terms, the export and the viewer ask of
//! them: a question's related questions by id, whether it is part of a campaign, whether a
//! question like it was answered, the campaigns among some questions.

use super::{Config, Reason, Relation, Relations};
use crate::model::{Question, Status};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One question related to another, as the export gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    /// The other question's id.
    pub id: String,
    /// How alike, 0 to 1 (1 for a shared answer).
    pub similarity: f32,
    /// Why: `similar_text` (a campaign) or `same_answer` (a grouped answer).
    pub reason: Reason,
}

/// Relations as the cache and the library keep them: with the settings they were computed
/// with, so that other settings compute them again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    /// The settings.
    pub config: Config,
    /// The relations, by position in the questions they were computed on, then in
    /// `outside`.
    pub relations: Relations,
    /// Questions related to some of those but not among them (a named dossier's relations
    /// in the rest of the library: the answer given to another deputy).
    pub outside: Vec<Question>,
}

impl Stored {
    /// True when these relations were found with `config` for `questions` questions (the
    /// related questions kept beside them come after): they can be used as they are.
    pub fn fits(&self, questions: usize, config: &Config) -> bool {
        self.config == *config && self.relations.len() == questions + self.outside.len()
    }
}

/// The relations of a list of questions, with the facts about each that they are read with.
#[derive(Debug, Clone, Default)]
pub struct RelatedSet {
    config: Config,
    relations: Relations,
    /// Of the questions, then of the outside ones.
    ids: Vec<String>,
    at: HashMap<String, u32>,
    status: Vec<Status>,
    /// The questions the set is of.
    n: usize,
    outside: Vec<Question>,
}

impl RelatedSet {
    /// Relates `questions` (in parallel).
    pub fn build(questions: &[Question], config: &Config) -> RelatedSet {
        RelatedSet::from_stored(
            questions,
            Stored {
                config: config.clone(),
                relations: super::compute(questions, config),
                outside: Vec::new(),
            },
        )
    }

    /// The relations kept for `questions` (by a cache, a library) when computed with
    /// `config` for as many questions, else computed now.
    pub fn reuse_or_build(
        questions: &[Question],
        stored: Option<Stored>,
        config: &Config,
    ) -> RelatedSet {
        match stored {
            Some(s) if s.fits(questions.len(), config) => RelatedSet::from_stored(questions, s),
            _ => RelatedSet::build(questions, config),
        }
    }

    /// The set of relations computed for `questions` (from a cache, say). Relations that
    /// point outside the list are ignored when read.
    pub fn from_stored<R: crate::record::Record>(questions: &[R], stored: Stored) -> RelatedSet {
        let Stored {
            config,
            relations,
            outside,
        } = stored;
        let ids: Vec<String> = questions
            .iter()
            .map(|q| q.id().to_string())
            .chain(outside.iter().map(|q| q.id.clone()))
            .collect();
        let at = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i as u32))
            .collect();
        RelatedSet {
            config,
            relations,
            ids,
            at,
            status: questions
                .iter()
                .map(|q| q.status())
                .chain(outside.iter().map(|q| q.status))
                .collect(),
            n: questions.len(),
            outside,
        }
    }

    /// The relations, by position.
    pub fn relations(&self) -> &Relations {
        &self.relations
    }

    /// The settings they were computed with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// As the cache and the library keep them.
    pub fn to_stored(&self) -> Stored {
        Stored {
            config: self.config.clone(),
            relations: self.relations.clone(),
            outside: self.outside.clone(),
        }
    }

    /// A related question outside the questions of the set (positions from [`Self::len`]
    /// on), kept with it.
    pub fn outside(&self, i: usize) -> Option<&Question> {
        i.checked_sub(self.n).and_then(|o| self.outside.get(o))
    }

    /// The number of questions the set is of (related questions outside them come after).
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the set is of no question.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The position of a question by its id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.at.get(id).map(|&i| i as usize)
    }

    /// The relations of the question at `i`, most similar first, each pointing inside the
    /// list.
    pub fn of(&self, i: usize) -> impl Iterator<Item = &Relation> + '_ {
        let n = self.ids.len();
        self.relations
            .of(i)
            .iter()
            .filter(move |r| (r.index as usize) < n)
    }

    /// The questions related to the one at `i`, each once (a question both alike and
    /// answered with the same text is listed by its strongest relation), most similar first.
    pub fn distinct(&self, i: usize) -> Vec<&Relation> {
        let mut seen = std::collections::HashSet::new();
        self.of(i).filter(|r| seen.insert(r.index)).collect()
    }

    /// The questions related to the one with this id, as the export gives them: each once.
    pub fn related(&self, id: &str) -> Vec<Related> {
        let Some(i) = self.position(id) else {
            return Vec::new();
        };
        self.distinct(i)
            .into_iter()
            .map(|r| Related {
                id: self.ids[r.index as usize].clone(),
                similarity: r.similarity,
                reason: r.reason,
            })
            .collect()
    }

    /// The question at `i` is one copy of a campaign: a text like another's.
    pub fn is_campaign(&self, i: usize) -> bool {
        self.of(i).any(|r| r.reason == Reason::SimilarText)
    }

    /// The question at `i` waits for its answer while a question related to it has one. A
    /// question that lapsed waits for nothing: the caller, who knows the legislature in
    /// session, leaves it out (as the `is:answered-elsewhere` term does).
    pub fn answered_elsewhere(&self, i: usize) -> bool {
        self.status.get(i) == Some(&Status::Pending)
            && self
                .of(i)
                .any(|r| self.status.get(r.index as usize) == Some(&Status::Answered))
    }

    /// The question at `i` and those related to it, sorted.
    pub fn around(&self, i: usize) -> Vec<usize> {
        if i >= self.n {
            return Vec::new();
        }
        let mut out: Vec<usize> = std::iter::once(i)
            .chain(self.of(i).map(|r| r.index as usize))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The campaigns (questions connected by similar texts), each sorted, two questions or
    /// more, in the order of their first question.
    pub fn campaigns(&self) -> Vec<Vec<u32>> {
        let n = self.n as u32;
        super::campaigns(&self.relations)
            .into_iter()
            .map(|g| g.into_iter().filter(|&i| i < n).collect::<Vec<_>>())
            .filter(|g| g.len() >= 2)
            .collect()
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.relations.heap_bytes()
            + self.ids.iter().map(|s| s.capacity() + 24).sum::<usize>() * 2
            + self.status.capacity()
            + self.outside.len() * std::mem::size_of::<Question>()
    }
}
