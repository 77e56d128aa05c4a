//! The persistent index: what relations are computed from, kept so that questions appended
//! later are related without going over the old ones again.

use super::answer::answer_key;
use super::fingerprint::{fingerprint_into, jaccard, MinHasher, Scratch};
use super::{Config, Reason, Relation, Relations};
use crate::model::Question;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Bumped whenever what the index holds for a given configuration changes (the words, the
/// shingles, the hashes), so that a cached index from another version is refused.
const FORMAT: u32 = 1;

/// Questions fingerprinted per parallel task.
const PART: usize = 64;

/// Questions fingerprinted before their results join the index: bounds the memory of results
/// waiting to be copied.
const BATCH: usize = 8192;

/// Why [`RelatedIndex::insert`] refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// New questions must come right after those indexed.
    #[error("new questions must start at index {expected}, not {given}")]
    NotAppended {
        /// The number of questions indexed.
        expected: usize,
        /// The start index given.
        given: usize,
    },
    /// The index (read from a cache) is of another format or is inconsistent.
    #[error("the index is of another format or damaged")]
    Damaged,
}

/// The bytes an index holds, by part (heap capacities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IndexSize {
    /// LSH band keys: 4 bytes per band per question.
    pub band_keys: usize,
    /// Shingle sets: 2 bytes per distinct shingle.
    pub shingles: usize,
    /// Where each question's shingles start: 8 bytes per question.
    pub offsets: usize,
    /// Answer keys: 8 bytes per question.
    pub answers: usize,
    /// The relations found.
    pub relations: usize,
}

impl IndexSize {
    /// The sum of the parts.
    pub fn total(&self) -> usize {
        self.band_keys + self.shingles + self.offsets + self.answers + self.relations
    }
}

/// Band keys, shingle sets and answer keys of the questions indexed so far (no text), and
/// the relations among them. Questions are numbered from 0 in the order they were inserted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedIndex {
    format: u32,
    config: Config,
    /// `config.bands()` keys per question; all zero for a question without shingles.
    keys: Vec<u32>,
    /// Question `i`'s shingle set is `sets[set_offsets[i]..set_offsets[i + 1]]`.
    set_offsets: Vec<u64>,
    sets: Vec<u16>,
    /// Answer keys, 0 for no answer.
    answers: Vec<u64>,
    relations: Relations,
}

/// The fingerprints of a few consecutive questions, before they join the index.
struct Part {
    keys: Vec<u32>,
    set_lens: Vec<u32>,
    sets: Vec<u16>,
    answers: Vec<u64>,
}

impl RelatedIndex {
    /// An empty index.
    pub fn new(config: Config) -> Self {
        RelatedIndex {
            format: FORMAT,
            config,
            keys: Vec::new(),
            set_offsets: vec![0],
            sets: Vec::new(),
            answers: Vec::new(),
            relations: Relations {
                offsets: vec![0],
                items: Vec::new(),
            },
        }
    }

    /// The configuration the index was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The number of questions indexed.
    pub fn len(&self) -> usize {
        self.answers.len()
    }

    /// Whether no question is indexed.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    /// The relations among the questions indexed.
    pub fn relations(&self) -> &Relations {
        &self.relations
    }

    /// The relations, without the rest of the index.
    pub fn into_relations(self) -> Relations {
        self.relations
    }

    /// What the index holds, in bytes.
    pub fn size(&self) -> IndexSize {
        IndexSize {
            band_keys: self.keys.capacity() * 4,
            shingles: self.sets.capacity() * 2,
            offsets: self.set_offsets.capacity() * 8,
            answers: self.answers.capacity() * 8,
            relations: self.relations.heap_bytes(),
        }
    }

    /// Relates `new_questions`, numbered from `start_index` (which must be [`Self::len`]),
    /// to the questions indexed and to each other, and adds them to the index. The old
    /// questions are not fingerprinted again; the relations are those [`super::compute`]
    /// gives on the old and new questions together.
    pub fn insert(
        &mut self,
        new_questions: &[Question],
        start_index: usize,
    ) -> Result<(), IndexError> {
        if !self.consistent() {
            return Err(IndexError::Damaged);
        }
        if start_index != self.len() {
            return Err(IndexError::NotAppended {
                expected: self.len(),
                given: start_index,
            });
        }
        self.insert_unchecked(new_questions);
        Ok(())
    }

    /// Whether the parts agree with each other (an index read from a cache may not).
    fn consistent(&self) -> bool {
        let n = self.answers.len();
        self.format == FORMAT
            && self.keys.len() == n * self.config.bands()
            && self.set_offsets.len() == n + 1
            && self.set_offsets.first() == Some(&0)
            && self.set_offsets.windows(2).all(|w| w[0] <= w[1])
            && self.set_offsets.last() == Some(&(self.sets.len() as u64))
            && self.relations.len() == n
            && self.relations.offsets.first() == Some(&0)
            && self.relations.offsets.windows(2).all(|w| w[0] <= w[1])
            && self.relations.offsets.last() == Some(&(self.relations.items.len() as u32))
            && self.relations.items.iter().all(|r| (r.index as usize) < n)
    }

    /// [`Self::insert`] on an index known to be consistent, at its end.
    pub(crate) fn insert_unchecked(&mut self, new_questions: &[Question]) {
        let old = self.len();
        self.fingerprint(new_questions);
        let bands = self.config.bands();
        let text: Vec<(u32, u32, f32)> = (0..bands)
            .into_par_iter()
            .flat_map_iter(|band| self.band_pairs(band, old))
            .collect();
        let answers = self.answer_pairs(old);
        let mut directed: Vec<(u32, Relation)> =
            Vec::with_capacity(self.relations.items.len() + 2 * (text.len() + answers.len()));
        directed.extend(self.relations.directed());
        let mut relate = |a: u32, b: u32, similarity: f32, reason: Reason| {
            directed.push((
                a,
                Relation {
                    index: b,
                    similarity,
                    reason,
                },
            ));
            directed.push((
                b,
                Relation {
                    index: a,
                    similarity,
                    reason,
                },
            ));
        };
        for (a, b, s) in text {
            relate(a, b, s, Reason::SimilarText);
        }
        for (a, b) in answers {
            relate(a, b, 1.0, Reason::SameAnswer);
        }
        self.relations = Relations::from_directed(self.len(), directed);
        self.keys.shrink_to_fit();
        self.sets.shrink_to_fit();
        self.set_offsets.shrink_to_fit();
        self.answers.shrink_to_fit();
    }

    /// Appends the fingerprints of `questions`, computed in parallel.
    fn fingerprint(&mut self, questions: &[Question]) {
        let config = &self.config;
        let bands = config.bands();
        let hasher = MinHasher::new(config);
        self.keys.reserve_exact(questions.len() * bands);
        self.answers.reserve_exact(questions.len());
        self.set_offsets.reserve_exact(questions.len());
        for batch in questions.chunks(BATCH) {
            let parts: Vec<Part> = batch
                .par_chunks(PART)
                .map_init(Scratch::default, |scratch, qs| {
                    let mut part = Part {
                        keys: vec![0; qs.len() * bands],
                        set_lens: Vec::with_capacity(qs.len()),
                        sets: Vec::new(),
                        answers: Vec::with_capacity(qs.len()),
                    };
                    for (q, keys) in qs.iter().zip(part.keys.chunks_mut(bands)) {
                        let before = part.sets.len();
                        fingerprint_into(q, config, &hasher, scratch, &mut part.sets, keys);
                        part.set_lens.push((part.sets.len() - before) as u32);
                        part.answers.push(answer_key(&q.answer_text).unwrap_or(0));
                    }
                    part
                })
                .collect();
            for part in parts {
                self.keys.extend_from_slice(&part.keys);
                self.sets.extend_from_slice(&part.sets);
                let mut end = self.set_offsets.last().copied().unwrap_or(0);
                for len in part.set_lens {
                    end += u64::from(len);
                    self.set_offsets.push(end);
                }
                self.answers.extend_from_slice(&part.answers);
            }
        }
    }

    pub(super) fn set(&self, i: u32) -> &[u16] {
        let i = i as usize;
        let (start, end) = (
            self.set_offsets[i] as usize,
            self.set_offsets[i + 1] as usize,
        );
        &self.sets[start..end]
    }

    pub(super) fn band_keys(&self, i: u32) -> &[u32] {
        let bands = self.config.bands();
        &self.keys[i as usize * bands..(i as usize + 1) * bands]
    }

    /// Question `i`'s answer key (0: no answer).
    pub(super) fn answer(&self, i: u32) -> u64 {
        self.answers.get(i as usize).copied().unwrap_or(0)
    }

    /// The pairs (i < j) sharing the key of `band` for the first time (so that a pair sharing
    /// several bands is looked at once), one of them new (`>= old`), with their similarity
    /// when it reaches the threshold.
    fn band_pairs(&self, band: usize, old: usize) -> Vec<(u32, u32, f32)> {
        let bands = self.config.bands();
        let threshold = self.config.threshold;
        let key = |d: usize| self.keys[d * bands + band];
        let has = |d: usize| self.set_offsets[d] != self.set_offsets[d + 1];
        let mut fresh: Vec<(u32, u32)> = (old..self.len())
            .filter(|&d| has(d))
            .map(|d| (key(d), d as u32))
            .collect();
        fresh.sort_unstable();
        let mut out = Vec::new();
        let mut consider = |a: u32, b: u32| {
            let (ka, kb) = (self.band_keys(a), self.band_keys(b));
            if ka[..band].iter().zip(&kb[..band]).any(|(x, y)| x == y) {
                return; // Looked at in an earlier band.
            }
            let similarity = jaccard(self.set(a), self.set(b));
            if similarity >= threshold {
                out.push((a, b, similarity));
            }
        };
        for run in fresh.chunk_by(|x, y| x.0 == y.0) {
            for (i, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in &run[i + 1..] {
                    consider(a, b);
                }
            }
        }
        if !fresh.is_empty() {
            for d in (0..old).filter(|&d| has(d)) {
                let k = key(d);
                let from = fresh.partition_point(|x| x.0 < k);
                for &(_, b) in fresh[from..].iter().take_while(|x| x.0 == k) {
                    consider(d as u32, b);
                }
            }
        }
        out
    }

    /// The pairs (i < j) with the same answer key, one of them new (`>= old`).
    fn answer_pairs(&self, old: usize) -> Vec<(u32, u32)> {
        let mut fresh: Vec<(u64, u32)> = (old..self.len())
            .filter(|&d| self.answers[d] != 0)
            .map(|d| (self.answers[d], d as u32))
            .collect();
        fresh.par_sort_unstable();
        let mut out = Vec::new();
        for run in fresh.chunk_by(|x, y| x.0 == y.0) {
            for (i, &(_, a)) in run.iter().enumerate() {
                out.extend(run[i + 1..].iter().map(|&(_, b)| (a, b)));
            }
        }
        if !fresh.is_empty() {
            for (d, &k) in self.answers[..old].iter().enumerate() {
                if k == 0 {
                    continue;
                }
                let from = fresh.partition_point(|x| x.0 < k);
                out.extend(
                    fresh[from..]
                        .iter()
                        .take_while(|x| x.0 == k)
                        .map(|&(_, b)| (d as u32, b)),
                );
            }
        }
        out
    }
}
