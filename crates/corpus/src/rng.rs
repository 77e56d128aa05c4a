//! SplitMix64, the generator's own random numbers: a seed gives the same corpus whatever
//! versions of random-number crates the lock file holds.

/// SplitMix64: a tiny, well-known PRNG. Self-contained so that a seed gives the same corpus
/// whatever versions of random-number crates the lock file holds.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        // Multiply-shift: unbiased enough for a corpus, and fast.
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// A number in `0..1`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index in `0..n` (n > 0), rank k with a probability close to 1/(k+1) (Zipf, s = 1):
    /// the first items of a list are the common ones.
    pub fn zipf(&mut self, n: usize) -> usize {
        let k = ((n as f64 + 1.0).powf(self.unit()) - 1.0) as usize;
        k.min(n - 1)
    }

    /// One of a non-empty list of words.
    pub fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len() as u64) as usize]
    }

    /// One of a non-empty list of words, Zipf-like (see [`Rng::zipf`]).
    pub fn pick_zipf_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.zipf(items.len())]
    }

    /// One element of a non-empty slice, Zipf-like (see [`Rng::zipf`]).
    pub fn pick_zipf<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.zipf(items.len())]
    }

    /// A length between `lo` and `hi`, skewed towards the short end (log-uniform).
    pub fn length(&mut self, lo: usize, hi: usize) -> usize {
        let u = self.unit();
        (lo as f64 * (hi as f64 / lo as f64).powf(u)) as usize
    }
}
