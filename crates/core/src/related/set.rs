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

/// The relations of a list of questions, with the facts about each that they are read with.
#[derive(Debug, Clone, Default)]
pub struct RelatedSet {
    relations: Relations,
    ids: Vec<String>,
    at: HashMap<String, u32>,
    status: Vec<Status>,
}

impl RelatedSet {
    /// Relates `questions` (in parallel).
    pub fn build(questions: &[Question], config: &Config) -> RelatedSet {
        RelatedSet::from_relations(questions, super::compute(questions, config))
    }

    /// The set of relations computed for `questions` (from a cache, say). Relations that
    /// point outside the list are ignored when read.
    pub fn from_relations(questions: &[Question], relations: Relations) -> RelatedSet {
        let ids: Vec<String> = questions.iter().map(|q| q.id.clone()).collect();
        let at = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i as u32))
            .collect();
        RelatedSet {
            relations,
            ids,
            at,
            status: questions.iter().map(|q| q.status).collect(),
        }
    }

    /// The relations, by position.
    pub fn relations(&self) -> &Relations {
        &self.relations
    }

    /// The number of questions covered.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no question is covered.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
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

    /// The questions related to the one with this id, as the export gives them.
    pub fn related(&self, id: &str) -> Vec<Related> {
        let Some(i) = self.position(id) else {
            return Vec::new();
        };
        self.of(i)
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

    /// The question at `i` waits for its answer while a question related to it has one.
    pub fn answered_elsewhere(&self, i: usize) -> bool {
        self.status.get(i) == Some(&Status::Pending)
            && self
                .of(i)
                .any(|r| self.status.get(r.index as usize) == Some(&Status::Answered))
    }

    /// The question at `i` and those related to it, sorted.
    pub fn around(&self, i: usize) -> Vec<usize> {
        if i >= self.ids.len() {
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
        let n = self.ids.len() as u32;
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
    }
}
