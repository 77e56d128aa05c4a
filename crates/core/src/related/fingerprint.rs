//! A question's text as a set of word shingles, its MinHash signature and the band keys of
//! locality-sensitive hashing.
//!
//! - **Content words**: the words of the text ([`super::words`]) after the opening ("M. X
//!   appelle l'attention de Mme la ministre ... sur"), without the author's département name
//!   (campaign copies name their own) and without stop words, at most
//!   [`Config::max_words`](super::Config::max_words) of them.
//! - **Shingles**: every run of [`Config::shingle_words`](super::Config::shingle_words)
//!   consecutive content words, hashed to 64 bits (a text with fewer words is one shingle).
//! - **The set kept for the exact similarity**: the top 16 bits of each shingle hash, sorted
//!   and without repeats. Two bytes a shingle keeps the index small; two texts of a hundred
//!   shingles each share by chance 100 × 100 / 65,536 ≈ 0.15 of a fingerprint, which moves
//!   their Jaccard index by about 0.001.
//! - **MinHash**: `bands × rows` hash functions `h_i(x) = (a_i·x + b_i) >> 32` (64-bit
//!   multiply-shift, `a_i` odd, both drawn from the seed), each keeping its minimum over the
//!   shingles; the `rows` minima of a band hash to its 32-bit key.

use super::words::{departement, is_stop_word, opening_end, remove_sequence, word_hash, words};
use super::Config;
use crate::model::Question;

/// The hash functions of a configuration's MinHash.
#[derive(Debug, Clone)]
pub(crate) struct MinHasher {
    /// Multipliers (odd) and addends, `bands × rows` of each.
    a: Vec<u64>,
    b: Vec<u64>,
    rows: usize,
}

/// SplitMix64's output function: a strong 64-bit mixer.
#[inline]
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl MinHasher {
    pub(crate) fn new(config: &Config) -> Self {
        let n = config.bands() * config.rows();
        let mut state = config.seed;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix64(state)
        };
        let mut a = Vec::with_capacity(n);
        let mut b = Vec::with_capacity(n);
        for _ in 0..n {
            a.push(next() | 1);
            b.push(next());
        }
        MinHasher {
            a,
            b,
            rows: config.rows(),
        }
    }

    /// Writes the band keys of a non-empty set of shingle hashes into `keys` (one per band).
    fn band_keys(&self, shingles: &[u64], keys: &mut [u32]) {
        for (band, key) in keys.iter_mut().enumerate() {
            let mut acc = 0x51_7cc1_b727_220a_u64;
            for i in band * self.rows..(band + 1) * self.rows {
                let (a, b) = (self.a[i], self.b[i]);
                let mut min = u32::MAX;
                for &x in shingles {
                    let h = (x.wrapping_mul(a).wrapping_add(b) >> 32) as u32;
                    min = min.min(h);
                }
                acc = mix64(acc ^ u64::from(min));
            }
            *key = acc as u32;
        }
    }
}

/// Buffers reused from one question to the next.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    words: Vec<u64>,
    name: Vec<u64>,
    shingles: Vec<u64>,
}

/// The content words of a question (see the module's documentation), into `scratch.words`.
fn content_words(q: &Question, config: &Config, scratch: &mut Scratch) {
    let Scratch { words: w, name, .. } = scratch;
    w.clear();
    words(&q.question_text, w);
    name.clear();
    words(&q.author, name);
    let start = opening_end(w, name);
    w.drain(..start);
    name.clear();
    words(departement(&q.constituency), name);
    remove_sequence(w, name);
    w.retain(|&h| !is_stop_word(h));
    w.truncate(config.max_words);
}

/// The shingle hashes of the content words in `scratch.words`, into `scratch.shingles`.
fn shingles(config: &Config, scratch: &mut Scratch) {
    let Scratch {
        words: w,
        shingles: out,
        ..
    } = scratch;
    out.clear();
    let k = config.shingle_words();
    let combine = |ws: &[u64]| ws.iter().fold(word_hash(""), |acc, &h| mix64(acc ^ h));
    if w.len() >= k {
        out.extend(w.windows(k).map(combine));
    } else if !w.is_empty() {
        out.push(combine(w));
    }
}

/// Computes a question's shingle set (sorted, without repeats) into `set` and its band keys
/// into `keys` (`config.bands()` of them). Returns false, leaving `set` empty and `keys`
/// zero, when the text has fewer than `config.min_shingles` shingles: such a question takes
/// no part in text similarity.
pub(crate) fn fingerprint_into(
    q: &Question,
    config: &Config,
    hasher: &MinHasher,
    scratch: &mut Scratch,
    set: &mut Vec<u16>,
    keys: &mut [u32],
) -> bool {
    content_words(q, config, scratch);
    shingles(config, scratch);
    let start = set.len();
    set.extend(scratch.shingles.iter().map(|&s| (s >> 48) as u16));
    set[start..].sort_unstable();
    let mut write = start;
    for read in start..set.len() {
        if write == start || set[read] != set[write - 1] {
            set[write] = set[read];
            write += 1;
        }
    }
    set.truncate(write);
    if scratch.shingles.is_empty() || write - start < config.min_shingles {
        set.truncate(start);
        keys.fill(0);
        return false;
    }
    hasher.band_keys(&scratch.shingles, keys);
    true
}

/// The Jaccard index of two sorted sets without repeats: |A ∩ B| / |A ∪ B|, 0 when both are
/// empty.
pub(crate) fn jaccard(a: &[u16], b: &[u16]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        common += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    let union = a.len() + b.len() - common;
    common as f32 / union as f32
}

/// A question's text as [`compute`](super::compute) sees it: its set of shingles. For
/// looking at one pair (the score the engine gives it), not for a whole dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    set: Vec<u16>,
}

impl Fingerprint {
    /// The fingerprint of a question's text under `config`.
    pub fn of(question: &Question, config: &Config) -> Self {
        let mut scratch = Scratch::default();
        content_words(question, config, &mut scratch);
        shingles(config, &mut scratch);
        let mut set: Vec<u16> = scratch.shingles.iter().map(|&s| (s >> 48) as u16).collect();
        set.sort_unstable();
        set.dedup();
        Fingerprint { set }
    }

    /// The similarity of two texts: the Jaccard index of their shingle sets, from 0 to 1.
    /// A pair is related by text when this reaches [`Config::threshold`](super::Config::threshold)
    /// (and locality-sensitive hashing proposed it).
    pub fn similarity(&self, other: &Fingerprint) -> f32 {
        jaccard(&self.set, &other.set)
    }

    /// The number of distinct shingles.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether the text has no shingle at all (no word left once the opening is removed).
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_of_sorted_sets() {
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3], &[]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1, 5], &[2, 3, 4]), 0.0);
        assert_eq!(jaccard(&[u16::MAX], &[0, u16::MAX]), 0.5);
    }
}
