//! Related questions: **campaigns** (one text sent by several deputies, each copy with small
//! edits) and **grouped answers** (one answer text published for several questions).
//!
//! Nothing here touches [`Question`]: the result is a [`Relations`] table indexed like the
//! slice of questions it was computed from.
//!
//! # Similar texts
//! 1. What always differs between the copies of a campaign is taken out
//!    ([`fingerprint`](self::Fingerprint)): the opening "M./Mme X appelle l'attention de
//!    M./Mme le/la ministre de … sur" up to the minister's title (the author, the civility, the
//!    verb, the minister), and the name of the author's département wherever it occurs. The
//!    rest is folded (case, accents, ligatures) and cut into words; stop words are dropped.
//! 2. The remaining words form **shingles** of 3 consecutive words. Their **MinHash**
//!    signature (32 bands × 4 rows = 128 hash functions) gives, per band, a key; two questions
//!    sharing a band key are a candidate pair (**banded LSH**: the probability that a pair
//!    with Jaccard index J becomes a candidate is 1 − (1 − J⁴)³², 0.23 at J = 0.3, 0.87 at
//!    0.5, 0.985 at 0.6, 0.9995 at 0.7).
//! 3. Each candidate pair gets its **exact similarity**, the Jaccard index of the two shingle
//!    sets, and is related when it reaches the threshold, **0.3** by default. Jaccard rather
//!    than containment: a short generic question is contained in many long ones of its
//!    subject, so containment relates far more independent texts (a prototype on the
//!    generated corpus:
//!    at the containment threshold that loses as few campaign pairs as Jaccard 0.25, 33
//!    same-topic pairs pass instead of 5). Benchmark figures in
//!    BENCHMARKS.md: at 100,000 generated questions, pairs of copies of one campaign have a
//!    median Jaccard index of 0.75 and 99.89 % of them reach 0.3, while among questions
//!    written separately on one subject 3 pairs in 16,616 do. Shingles of 4 or 5 words
//!    separate the two about as well but lower the copies' similarities, which LSH must catch
//!    with the same number of hash functions.
//!
//! # Same answer
//! Answers identical once whitespace and markup are folded (see `answer.rs`) relate every pair
//! of their questions, whatever their texts, with similarity 1.
//!
//! # Incremental
//! [`RelatedIndex`] keeps what the relations were computed from (band keys, shingle sets,
//! answer keys: no text) and relates questions appended later to the old ones and to each
//! other, with the same result as computing on the whole list at once; [`compute`] is that
//! index filled in one go. The index is serde-serialisable, to be kept in a cache. It takes
//! about 360 bytes per question of the generated corpus (13 % of its documents' bytes): 128
//! of band keys, 2 per distinct shingle (about 90), 16 of offset and answer key, and the
//! relations.

mod answer;
mod fingerprint;
mod index;
mod set;
pub mod stored;
mod words;

#[cfg(test)]
mod tests;

pub use fingerprint::Fingerprint;
pub use index::{IndexError, IndexSize, RelatedIndex};
pub use set::{Related, RelatedSet, Stored};

use crate::model::Question;
use serde::{Deserialize, Serialize};

/// The parameters of the similarity engine. [`Config::default`] is the tuned one; the
/// accessors clamp the sizes to a usable range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Words per shingle (default 3): fewer make edits cost less and independent texts on one
    /// subject look more alike; 3 to 5 separate the two equally well on the generated
    /// corpus, 3 with the copies most alike (the best for LSH's recall).
    pub shingle_words: usize,
    /// LSH bands (default 32).
    pub bands: usize,
    /// MinHash values per band (default 4). Bands × rows hash functions are computed per
    /// question; more rows mean fewer candidate pairs and a higher similarity before a pair is
    /// likely to be one.
    pub rows: usize,
    /// The Jaccard index from which two texts are related (default 0.3).
    pub threshold: f32,
    /// Texts with fewer distinct shingles than this take no part in text similarity
    /// (default 1: any text with a word left).
    pub min_shingles: usize,
    /// Content words considered per text, from its start (default 20,000, far above any real
    /// question): a bound on the work for a huge text.
    pub max_words: usize,
    /// The seed of the MinHash functions.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            shingle_words: 3,
            bands: 32,
            rows: 4,
            threshold: 0.3,
            min_shingles: 1,
            max_words: 20_000,
            seed: 0x646f_7373_6965_7221,
        }
    }
}

impl Config {
    /// Words per shingle, at least 1.
    pub fn shingle_words(&self) -> usize {
        self.shingle_words.clamp(1, 16)
    }

    /// LSH bands, 1 to 512.
    pub fn bands(&self) -> usize {
        self.bands.clamp(1, 512)
    }

    /// Rows per band, 1 to 32.
    pub fn rows(&self) -> usize {
        self.rows.clamp(1, 32)
    }
}

/// Why two questions are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Their question texts are near-duplicates (a campaign).
    SimilarText,
    /// They were answered with the same text (a grouped answer).
    SameAnswer,
}

impl Reason {
    /// Stable snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::SimilarText => "similar_text",
            Reason::SameAnswer => "same_answer",
        }
    }
}

/// One question related to another.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// The other question's index in the slice.
    pub index: u32,
    /// How alike: the Jaccard index of the texts' shingles for [`Reason::SimilarText`], 1
    /// for [`Reason::SameAnswer`].
    pub similarity: f32,
    /// Why.
    pub reason: Reason,
}

/// Every question's related questions, by index in the slice they were computed from: most
/// similar first (then by reason, then by index), each pair listed from both sides, one
/// relation per reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Relations {
    /// `offsets[i]..offsets[i + 1]` are question `i`'s relations in `items`.
    offsets: Vec<u32>,
    items: Vec<Relation>,
}

impl Relations {
    /// The questions related to question `i` (none when `i` is out of range).
    pub fn of(&self, i: usize) -> &[Relation] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&start), Some(&end)) => self
                .items
                .get(start as usize..end as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// The number of questions covered.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether no question is covered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every related pair once, as `(i, j, relation)` with `i < j` and `relation.index == j`.
    pub fn pairs(&self) -> impl Iterator<Item = (u32, u32, Relation)> + '_ {
        (0..self.len()).flat_map(move |i| {
            self.of(i)
                .iter()
                .filter(move |r| r.index as usize > i)
                .map(move |r| (i as u32, r.index, *r))
        })
    }

    /// The number of directed relations (each pair counts twice).
    pub fn relation_count(&self) -> usize {
        self.items.len()
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * std::mem::size_of::<u32>()
            + self.items.capacity() * std::mem::size_of::<Relation>()
    }

    /// Builds the table for `len` questions from directed relations `(from, relation)`, in
    /// any order (each pair given from both sides).
    pub fn from_directed(len: usize, mut directed: Vec<(u32, Relation)>) -> Self {
        use rayon::slice::ParallelSliceMut;
        directed.par_sort_unstable_by(|(a, x), (b, y)| {
            a.cmp(b)
                .then(y.similarity.total_cmp(&x.similarity))
                .then(x.reason.cmp(&y.reason))
                .then(x.index.cmp(&y.index))
        });
        let mut offsets = Vec::with_capacity(len + 1);
        offsets.push(0u32);
        let mut at = 0usize;
        for i in 0..len as u32 {
            while at < directed.len() && directed[at].0 == i {
                at += 1;
            }
            offsets.push(at as u32);
        }
        let mut items = Vec::with_capacity(directed.len());
        items.extend(directed.into_iter().map(|(_, r)| r));
        Relations { offsets, items }
    }

    /// The relations among some of the questions, `keep` their positions here, renumbered
    /// by their place in `keep` (a named dossier's part of the library).
    pub fn subset(&self, keep: &[usize]) -> Relations {
        let mut new_at = vec![u32::MAX; self.len()];
        for (to, &from) in keep.iter().enumerate() {
            if let Some(slot) = new_at.get_mut(from) {
                *slot = to as u32;
            }
        }
        let mut directed = Vec::new();
        for (to, &from) in keep.iter().enumerate() {
            for r in self.of(from) {
                match new_at.get(r.index as usize) {
                    Some(&other) if other != u32::MAX => {
                        directed.push((to as u32, Relation { index: other, ..*r }))
                    }
                    _ => {}
                }
            }
        }
        Relations::from_directed(keep.len(), directed)
    }

    /// Every directed relation as `(from, relation)`.
    fn directed(&self) -> impl Iterator<Item = (u32, Relation)> + '_ {
        (0..self.len()).flat_map(move |i| self.of(i).iter().map(move |r| (i as u32, *r)))
    }
}

/// Relates the questions of a slice: near-duplicate texts and identical answers, in
/// parallel. The same as filling a [`RelatedIndex`] with the whole slice.
pub fn compute(questions: &[Question], config: &Config) -> Relations {
    let mut index = RelatedIndex::new(config.clone());
    index.insert_unchecked(questions);
    index.into_relations()
}

/// The campaigns: groups of questions connected by [`Reason::SimilarText`] relations (a copy
/// of a copy is in the campaign even when it is less alike the first), two questions or more,
/// each sorted, in the order of their first question.
pub fn campaigns(relations: &Relations) -> Vec<Vec<u32>> {
    groups(relations, Reason::SimilarText)
}

/// The grouped answers: groups of questions connected by [`Reason::SameAnswer`], as
/// [`campaigns`] gives them.
pub fn answer_groups(relations: &Relations) -> Vec<Vec<u32>> {
    groups(relations, Reason::SameAnswer)
}

/// Connected components over one reason, of two questions or more.
fn groups(relations: &Relations, reason: Reason) -> Vec<Vec<u32>> {
    let n = relations.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    for (i, j, r) in relations.pairs() {
        if r.reason != reason || j as usize >= n {
            continue; // Another reason, or a damaged table (read from a cache).
        }
        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
        if a != b {
            // The smaller root wins, so a group's root is its first question.
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            parent[hi as usize] = lo;
        }
    }
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); n];
    for i in 0..n as u32 {
        let root = find(&mut parent, i);
        members[root as usize].push(i);
    }
    members.into_iter().filter(|g| g.len() >= 2).collect()
}
