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
//! - **MinHash**: `bands × rows` hash functions over 16 bits (see [`MinHasher`]), each
//!   keeping its minimum over the shingles; the `rows` minima of a band hash to its 32-bit
//!   key.

use super::words::{
    departement, is_stop_word, mix64, opening_end, remove_sequence, word_hash, words,
};
use super::Config;
use crate::model::Question;

/// Hash values computed side by side: the loops over them are written for 8-lane vectors
/// (SSE2's `pmullw`, `paddw`, `pminsw`), which the compiler finds on any x86-64.
const LANES: usize = 8;
type Lanes = [i16; LANES];

/// The hash functions of a configuration's MinHash: `h_i(x) = a_i·x₀ + c_i·x₁ + b_i` over 16-bit
/// words, `x₀` and `x₁` the low two 16-bit words of the shingle's (well mixed) 64-bit hash,
/// wrapping, ordered as signed integers. A 16-bit minimum is plenty for LSH: two different
/// minima of about a hundred values agree by chance about once in a thousand, and a band
/// needs four rows to agree.
#[derive(Debug, Clone)]
pub(crate) struct MinHasher {
    /// `a`, `c` and `b` of the functions, eight at a time (the last group padded).
    a: Vec<Lanes>,
    c: Vec<Lanes>,
    b: Vec<Lanes>,
    rows: usize,
}

impl MinHasher {
    pub(crate) fn new(config: &Config) -> Self {
        let n = config.bands() * config.rows();
        let groups = n.div_ceil(LANES);
        let mut state = config.seed;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix64(state)
        };
        let mut lanes = |odd: bool| -> Vec<Lanes> {
            (0..groups)
                .map(|_| {
                    let mut l = [0i16; LANES];
                    for v in &mut l {
                        *v = next() as i16 | i16::from(odd);
                    }
                    l
                })
                .collect()
        };
        let a = lanes(true);
        let c = lanes(true);
        let b = lanes(false);
        MinHasher {
            a,
            c,
            b,
            rows: config.rows(),
        }
    }

    /// Writes the band keys of a non-empty set of shingle hashes into `keys` (one per band).
    fn band_keys(&self, shingles: &[u64], scratch: &mut MinScratch, keys: &mut [u32]) {
        let MinScratch { words, mins } = scratch;
        words.clear();
        words.extend(shingles.iter().map(|&x| (x as i16, (x >> 16) as i16)));
        mins.clear();
        // One group of eight functions at a time, its minima in a register, over every
        // shingle (the other orders, or broadcast words, compile to far slower code).
        for ((a, c), b) in self.a.iter().zip(&self.c).zip(&self.b) {
            let mut m = [i16::MAX; LANES];
            for &(x0, x1) in words.iter() {
                for l in 0..LANES {
                    let h = x0
                        .wrapping_mul(a[l])
                        .wrapping_add(x1.wrapping_mul(c[l]))
                        .wrapping_add(b[l]);
                    m[l] = m[l].min(h);
                }
            }
            mins.extend_from_slice(&m);
        }
        for (key, rows) in keys.iter_mut().zip(mins.chunks(self.rows)) {
            let mut acc = 0x51_7cc1_b727_220a_u64;
            for &m in rows {
                acc = mix64(acc ^ u64::from(m as u16));
            }
            *key = acc as u32;
        }
    }
}

/// Buffers of the MinHash.
#[derive(Debug, Default)]
struct MinScratch {
    /// Each shingle's two low 16-bit words.
    words: Vec<(i16, i16)>,
    mins: Vec<i16>,
}

/// Buffers reused from one question to the next.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    words: Vec<u64>,
    name: Vec<u64>,
    shingles: Vec<u64>,
    min: MinScratch,
}

/// The content words of a question (see the module's documentation), into `scratch.words`.
fn content_words(q: &Question, config: &Config, scratch: &mut Scratch) {
    let Scratch { words: w, name, .. } = scratch;
    w.clear();
    // Enough words for `max_words` content words (about half the words are stop words), and
    // no more: a huge text costs no more memory than that.
    let limit = config.max_words.saturating_mul(4).saturating_add(64);
    words(&q.question_text, w, limit);
    name.clear();
    words(&q.author, name, 64);
    let start = opening_end(w, name);
    w.drain(..start);
    name.clear();
    words(departement(&q.constituency), name, 64);
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
    hasher.band_keys(&scratch.shingles, &mut scratch.min, keys);
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
