//! The word index: every folded word of every question ([`crate::text::words`]), where it
//! occurs, so that a free word or a `text:` needle is answered by looking words up, never
//! by reading the questions again.
//!
//! - The vocabulary is sorted and kept twice, small both times: concatenated (one string,
//!   each word followed by a newline) for prefix ranges by binary search and substrings by
//!   one memmem pass; and as an [`fst::Map`] for typo-tolerant lookups with a Levenshtein
//!   automaton.
//! - Each word has two posting lists, as delta-coded varints in two shared byte arenas: the
//!   questions whose *fields* hold it (id, title, author, constituency, group, ministries,
//!   rubric), each with a byte saying which fields; and the questions whose *texts* (question
//!   or answer) hold it.
//!
//! At 100,000 questions the index takes about a tenth of the questions' own memory; built
//! in parallel, chunk by chunk, with a vocabulary per thread merged as chunks complete.

use crate::model::Question;
use crate::text::fold::fold;
use crate::text::words::for_each_word;
use fst::{IntoStreamer, Streamer};
use memchr::memmem;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Which fields of a question hold a word: the bits of a field posting's mask.
pub mod field {
    /// The id or the number (`17-13809QE`, `13809`).
    pub const ID: u8 = 1;
    /// The title.
    pub const TITLE: u8 = 2;
    /// The author.
    pub const AUTHOR: u8 = 4;
    /// The constituency (département): staffers search by place.
    pub const PLACE: u8 = 8;
    /// The political group.
    pub const GROUP: u8 = 16;
    /// The ministry asked or assigned.
    pub const MINISTRY: u8 = 32;
    /// The rubric.
    pub const RUBRIC: u8 = 64;
}

/// How a word of the index matches a typed word. Ordered: exact is best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Closeness {
    /// Within the typos allowed for the typed word's length.
    Typo = 1,
    /// The typed word starts the word.
    Prefix = 2,
    /// The same word.
    Exact = 3,
}

/// Typos a typed word may have: none up to 3 letters, one up to 7, two from 8.
pub fn typos_allowed(word: &str) -> u32 {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// How much a field counts when a free word is found in it: title, author and id most,
/// then the constituency and rubric, then group and ministries; the texts count least.
pub fn field_weight(mask: u8) -> u8 {
    use field::*;
    if mask & (TITLE | AUTHOR | ID) != 0 {
        4
    } else if mask & (PLACE | RUBRIC) != 0 {
        3
    } else if mask != 0 {
        2
    } else {
        0
    }
}

/// The weight of a word found in the question or answer text.
pub const TEXT_WEIGHT: u8 = 1;

/// The score of one free word in one question: how close its best word is first (exact >
/// prefix > typo), then where that word is (see [`field_weight`]). Never 0.
pub fn word_score(closeness: Closeness, weight: u8) -> u8 {
    closeness as u8 * 8 + weight
}

/// Decides, for one typed free word, how each word of a text matches it: the rule the
/// index applies to its vocabulary, applied to one word (the viewer's highlighting, and the
/// search before the index is built).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WordMatcher {
    typed: String,
    chars: Vec<char>,
    typos: u32,
}

impl WordMatcher {
    /// A matcher for a typed word, already folded.
    pub fn new(typed: &str) -> Self {
        WordMatcher {
            typed: typed.to_string(),
            chars: typed.chars().collect(),
            typos: typos_allowed(typed),
        }
    }

    /// How `word` (folded) matches, if it does.
    pub fn closeness(&self, word: &str) -> Option<Closeness> {
        if word == self.typed {
            Some(Closeness::Exact)
        } else if !self.typed.is_empty() && word.starts_with(&self.typed) {
            Some(Closeness::Prefix)
        } else if self.typos > 0 && within_distance(&self.chars, word, self.typos) {
            Some(Closeness::Typo)
        } else {
            None
        }
    }
}

/// True when the Levenshtein distance (insertions, deletions, substitutions of characters)
/// between `a` and `b` is at most `k`. Rows of the table, cut short once every cell is over
/// `k`.
fn within_distance(a: &[char], b: &str, k: u32) -> bool {
    let b: Vec<char> = b.chars().collect();
    let k = k as usize;
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(row[j] + 1);
            best = best.min(row[j + 1]);
        }
        if best > k {
            return false;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()] <= k
}

/// The word index of a set of questions; see the module documentation.
pub struct WordIndex {
    docs: usize,
    /// The distinct words, sorted, each followed by `\n`.
    arena: String,
    /// Where each word starts in `arena`; one more entry, the arena's length.
    starts: Vec<u32>,
    /// Word -> its number in the sorted order.
    fst: fst::Map<Vec<u8>>,
    /// Field postings: per word, (delta doc, mask) pairs.
    fields: Vec<u8>,
    field_at: Vec<usize>,
    /// Text postings: per word, delta docs.
    texts: Vec<u8>,
    text_at: Vec<usize>,
    /// Questions whose texts hold a run too long to be a word: `text:` reads them.
    long: Vec<u32>,
}

/// The parts of a [`WordIndex`], for the cache: plain vectors, checked again when read
/// back ([`WordIndex::from_parts`]).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct WordIndexParts {
    docs: u64,
    arena: String,
    starts: Vec<u32>,
    fields: Vec<u8>,
    field_at: Vec<u64>,
    texts: Vec<u8>,
    text_at: Vec<u64>,
    long: Vec<u32>,
}

impl std::fmt::Debug for WordIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordIndex")
            .field("docs", &self.docs)
            .field("words", &self.len())
            .field("bytes", &self.heap_bytes())
            .finish()
    }
}

impl Default for WordIndex {
    fn default() -> Self {
        WordIndex::build(&[])
    }
}

/// Appends `v` as a LEB128 varint.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint at `*at`, advancing it; `None` at the end or on a bad varint.
pub(crate) fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in [0, 7, 14, 21, 28] {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// Up to eight bytes as a little-endian number, built byte by byte: copying a word's tail
/// into a buffer and reading it back whole stalls the processor (a failed store forward),
/// and this runs for every word of every text.
#[inline]
fn load_tail(bytes: &[u8]) -> u64 {
    let mut v = 0u64;
    for (i, &b) in bytes.iter().take(8).enumerate() {
        v |= u64::from(b) << (8 * i);
    }
    v
}

/// A word's first eight bytes (zero-padded) and a fast hash of it: eight bytes at a time,
/// multiplied and rotated (as FxHash does), then mixed so that the low bits, which pick a
/// slot, depend on every byte.
#[inline]
fn head_and_hash(word: &[u8]) -> (u64, u64) {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut chunks = word.chunks_exact(8);
    let mut h = word.len() as u64;
    let mut head = None;
    for chunk in &mut chunks {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let v = u64::from_le_bytes(eight);
        head.get_or_insert(v);
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let v = load_tail(tail);
        head.get_or_insert(v);
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    // A multiplication leaves its entropy in the high bits: folded down to the low ones,
    // which pick the slot.
    let h = (h ^ (h >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (head.unwrap_or(0), h ^ (h >> 32))
}

/// One word of an [`Interner`].
#[derive(Clone, Copy)]
struct Entry {
    /// Its first eight bytes: most words are no longer, and are told apart without looking
    /// at the arena.
    head: u64,
    hash: u32,
    len: u32,
    start: u32,
}

/// Words numbered in the order first met: an open-addressing table over one byte arena.
/// Met once per word of every text, so it avoids what a `HashMap<Box<str>, _>` costs there:
/// a pointer to follow and a call to compare per probe.
#[derive(Default)]
struct Interner {
    /// Slot -> word number + 1 (0: empty). A power of two, at most half full.
    slots: Vec<u32>,
    words: Vec<Entry>,
    arena: Vec<u8>,
}

impl Interner {
    fn len(&self) -> usize {
        self.words.len()
    }

    /// The number of `word`, and whether it is new.
    #[inline]
    fn intern(&mut self, word: &[u8]) -> (u32, bool) {
        if self.words.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let (head, hash) = head_and_hash(word);
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                let id = self.words.len() as u32;
                self.words.push(Entry {
                    head,
                    hash: hash as u32,
                    len: word.len() as u32,
                    start: self.arena.len() as u32,
                });
                self.arena.extend_from_slice(word);
                self.slots[slot] = id + 1;
                return (id, true);
            }
            let id = entry - 1;
            let e = self.words[id as usize];
            if e.hash == hash as u32
                && e.head == head
                && e.len as usize == word.len()
                && (word.len() <= 8
                    || self.arena[e.start as usize + 8..(e.start + e.len) as usize] == word[8..])
            {
                return (id, false);
            }
            slot = (slot + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots = vec![0; size];
        let mask = size - 1;
        for (id, e) in self.words.iter().enumerate() {
            // The slot was picked from the low bits, which the stored hash keeps.
            let mut slot = e.hash as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = id as u32 + 1;
        }
    }
}

/// The words of one side (fields or texts) of one thread's chunks, numbered in the order
/// the thread first met them. Fields and texts are kept apart so that the texts' words,
/// met most often, stay in the processor's cache, undisturbed by the ids and numbers.
#[derive(Default)]
struct Side {
    words: Interner,
    /// Words met since the current chunk began, from number `first_new`.
    new_words: Vec<Box<str>>,
    first_new: u32,
    /// Per word: the stamp of the last question it was seen in, and where its mask is.
    seen: Vec<(u32, u32)>,
}

impl Side {
    /// The number of `word`, and its mark: the stamp of the last question it was met in.
    fn id(&mut self, word: &str) -> usize {
        let (id, new) = self.words.intern(word.as_bytes());
        if new {
            self.new_words.push(word.into());
            self.seen.push((0, 0));
        }
        id as usize
    }

    fn start_chunk(&mut self) {
        self.first_new = self.words.len() as u32;
    }
}

/// The words of one thread's chunks.
#[derive(Default)]
struct ThreadVocab {
    fields: Side,
    texts: Side,
    buf: String,
}

/// What one chunk of questions gave, in its thread's word numbers.
struct ChunkWords {
    first_doc: u32,
    thread: usize,
    /// The words the thread met first in this chunk (fields, texts), numbered from the
    /// first number given.
    new_words: [(u32, Vec<Box<str>>); 2],
    /// Per question, in order: (word, fields) pairs, then the end of its run.
    fields: Vec<(u32, u8)>,
    field_ends: Vec<u32>,
    texts: Vec<u32>,
    text_ends: Vec<u32>,
    long: Vec<u32>,
}

/// Questions per chunk of work.
const CHUNK: usize = 512;
/// Chunks tokenized in parallel before their words are merged (bounds the memory held).
const BATCH: usize = 32;

impl ThreadVocab {
    /// Adds the words of a field to `out`, each once per question (`stamp`), their masks
    /// joined.
    fn fields(&mut self, stamp: u32, text: &str, mask: u8, out: &mut Vec<(u32, u8)>) {
        let side = &mut self.fields;
        for_each_word(
            text,
            &mut self.buf,
            |w, _| {
                let id = side.id(w);
                let (last, at) = side.seen[id];
                if last == stamp {
                    out[at as usize].1 |= mask;
                } else {
                    side.seen[id] = (stamp, out.len() as u32);
                    out.push((id as u32, mask));
                }
            },
            |_| {},
        );
    }

    /// Adds the words of a text to `out`, each once per question (`stamp`). True when the
    /// text has a run too long to be a word.
    fn texts(&mut self, stamp: u32, text: &str, out: &mut Vec<u32>) -> bool {
        let side = &mut self.texts;
        let mut long = false;
        for_each_word(
            text,
            &mut self.buf,
            |w, _| {
                let id = side.id(w);
                if side.seen[id].0 != stamp {
                    side.seen[id].0 = stamp;
                    out.push(id as u32);
                }
            },
            |_| long = true,
        );
        long
    }
}

fn chunk_words(
    first_doc: usize,
    questions: &[Question],
    vocabs: &[Mutex<ThreadVocab>],
) -> ChunkWords {
    let thread = rayon::current_thread_index()
        .unwrap_or(vocabs.len() - 1)
        .min(vocabs.len() - 1);
    let mut vocab = vocabs[thread]
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    vocab.fields.start_chunk();
    vocab.texts.start_chunk();
    let mut out = ChunkWords {
        first_doc: first_doc as u32,
        thread,
        new_words: [(0, Vec::new()), (0, Vec::new())],
        fields: Vec::new(),
        field_ends: Vec::with_capacity(questions.len()),
        texts: Vec::new(),
        text_ends: Vec::with_capacity(questions.len()),
        long: Vec::new(),
    };
    // Stamps tell one question's words from the last, unique over the load, so that the
    // thread's marks need no clearing.
    for (i, q) in questions.iter().enumerate() {
        let stamp = (first_doc + i) as u32 + 1;
        let number = q.number.to_string();
        for (text, mask) in [
            (q.id.as_str(), field::ID),
            (number.as_str(), field::ID),
            (q.title.as_str(), field::TITLE),
            (q.author.as_str(), field::AUTHOR),
            (q.constituency.as_str(), field::PLACE),
            (q.group.as_str(), field::GROUP),
            (q.ministry_asked.as_str(), field::MINISTRY),
            (q.ministry_assigned.as_str(), field::MINISTRY),
            (q.rubric.as_str(), field::RUBRIC),
        ] {
            vocab.fields(stamp, text, mask, &mut out.fields);
        }
        out.field_ends.push(out.fields.len() as u32);
        let mut long = vocab.texts(stamp, &q.question_text, &mut out.texts);
        long |= vocab.texts(stamp, &q.answer_text, &mut out.texts);
        if long {
            out.long.push((first_doc + i) as u32);
        }
        out.text_ends.push(out.texts.len() as u32);
    }
    out.new_words = [
        (
            vocab.fields.first_new,
            std::mem::take(&mut vocab.fields.new_words),
        ),
        (
            vocab.texts.first_new,
            std::mem::take(&mut vocab.texts.new_words),
        ),
    ];
    out
}

/// The index under construction: words in the order first merged, postings per word.
#[derive(Default)]
struct Merger {
    ids: foldhash::HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    /// Per thread and side (fields, texts): its word numbers -> ours.
    remap: Vec<[Vec<u32>; 2]>,
    fields: Vec<Vec<u8>>,
    last_field: Vec<u32>,
    texts: Vec<Vec<u8>>,
    last_text: Vec<u32>,
    long: Vec<u32>,
}

impl Merger {
    /// Learns the words a batch of chunks met first. Done for the whole batch before any of
    /// its postings: a thread may have met a word in a later chunk than one that uses it.
    fn learn(&mut self, batch: &[ChunkWords]) {
        for chunk in batch {
            if self.remap.len() <= chunk.thread {
                self.remap
                    .resize(chunk.thread + 1, [Vec::new(), Vec::new()]);
            }
            for (side, (first_new, new_words)) in chunk.new_words.iter().enumerate() {
                let remap = &mut self.remap[chunk.thread][side];
                let end = *first_new as usize + new_words.len();
                if remap.len() < end {
                    remap.resize(end, 0);
                }
                for (i, word) in new_words.iter().enumerate() {
                    let next = self.words.len() as u32;
                    let id = *self.ids.entry(word.clone()).or_insert_with(|| {
                        self.words.push(word.clone());
                        next
                    });
                    remap[*first_new as usize + i] = id;
                }
            }
        }
    }

    /// Adds a chunk's postings; its words must have been learnt.
    fn merge(&mut self, chunk: &ChunkWords) {
        let n = self.words.len();
        self.fields.resize(n, Vec::new());
        self.texts.resize(n, Vec::new());
        // Docs are numbered from 1 here so that 0 means "none yet"; stored as deltas.
        self.last_field.resize(n, 0);
        self.last_text.resize(n, 0);
        let [field_remap, text_remap] = &self.remap[chunk.thread];
        let mut start = 0;
        for (i, &end) in chunk.field_ends.iter().enumerate() {
            let doc = chunk.first_doc + i as u32 + 1;
            for &(local, mask) in &chunk.fields[start..end as usize] {
                let g = field_remap[local as usize] as usize;
                put_varint(&mut self.fields[g], doc - self.last_field[g]);
                self.fields[g].push(mask);
                self.last_field[g] = doc;
            }
            start = end as usize;
        }
        let mut start = 0;
        for (i, &end) in chunk.text_ends.iter().enumerate() {
            let doc = chunk.first_doc + i as u32 + 1;
            for &local in &chunk.texts[start..end as usize] {
                let g = text_remap[local as usize] as usize;
                put_varint(&mut self.texts[g], doc - self.last_text[g]);
                self.last_text[g] = doc;
            }
            start = end as usize;
        }
        self.long.extend_from_slice(&chunk.long);
    }

    fn merge_all(&mut self, batch: &[ChunkWords]) {
        self.learn(batch);
        for chunk in batch {
            self.merge(chunk);
        }
    }

    fn finish(self, docs: usize) -> WordIndex {
        let Merger {
            words,
            fields,
            texts,
            long,
            ..
        } = self;
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        order.par_sort_unstable_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
        let mut arena = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
        let mut starts = Vec::with_capacity(words.len() + 1);
        let mut field_bytes = Vec::with_capacity(fields.iter().map(Vec::len).sum());
        let mut text_bytes = Vec::with_capacity(texts.iter().map(Vec::len).sum());
        let mut field_at = Vec::with_capacity(words.len() + 1);
        let mut text_at = Vec::with_capacity(words.len() + 1);
        let mut builder = fst::MapBuilder::memory();
        for (rank, &id) in order.iter().enumerate() {
            let id = id as usize;
            starts.push(arena.len() as u32);
            arena.push_str(&words[id]);
            arena.push('\n');
            field_at.push(field_bytes.len());
            field_bytes.extend_from_slice(&fields[id]);
            text_at.push(text_bytes.len());
            text_bytes.extend_from_slice(&texts[id]);
            // Sorted and distinct, so the builder cannot refuse a key.
            let _ = builder.insert(words[id].as_bytes(), rank as u64);
        }
        starts.push(arena.len() as u32);
        field_at.push(field_bytes.len());
        text_at.push(text_bytes.len());
        let fst = builder.into_map().into_fst().into_inner();
        let fst = fst::Map::new(fst).unwrap_or_default();
        let mut long = long;
        long.sort_unstable();
        WordIndex {
            docs,
            arena,
            starts,
            fst,
            fields: field_bytes,
            field_at,
            texts: text_bytes,
            text_at,
            long,
        }
    }
}

impl WordIndex {
    /// The sorted vocabulary, each word followed by a newline (word number `n` is the
    /// `n`-th line).
    pub(crate) fn vocabulary(&self) -> &str {
        &self.arena
    }

    /// The vocabulary as an fst map (word to its number), as bytes.
    pub(crate) fn fst_bytes(&self) -> &[u8] {
        self.fst.as_fst().as_bytes()
    }

    /// Word `id`'s field postings, as stored: (delta of question number + 1, mask) pairs.
    pub(crate) fn field_bytes(&self, id: u32) -> &[u8] {
        let id = id as usize;
        match (self.field_at.get(id), self.field_at.get(id + 1)) {
            (Some(&a), Some(&b)) => self.fields.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Word `id`'s text postings, as stored: deltas of question number + 1.
    pub(crate) fn text_bytes(&self, id: u32) -> &[u8] {
        let id = id as usize;
        match (self.text_at.get(id), self.text_at.get(id + 1)) {
            (Some(&a), Some(&b)) => self.texts.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// An index from the parts a stored segment gives back (see `query::segments`), checked
    /// as [`WordIndex::from_parts`] checks the cache's.
    pub(crate) fn from_stored(
        docs: usize,
        arena: String,
        postings: Vec<(Vec<u8>, Vec<u8>)>,
        long: Vec<u32>,
    ) -> Option<WordIndex> {
        let mut starts = vec![0u32];
        for (i, b) in arena.bytes().enumerate() {
            if b == b'\n' {
                starts.push(u32::try_from(i + 1).ok()?);
            }
        }
        if starts.len() != postings.len() + 1 {
            return None;
        }
        let mut fields = Vec::new();
        let mut texts = Vec::new();
        let mut field_at = vec![0u64];
        let mut text_at = vec![0u64];
        for (f, t) in postings {
            fields.extend_from_slice(&f);
            texts.extend_from_slice(&t);
            field_at.push(fields.len() as u64);
            text_at.push(texts.len() as u64);
        }
        WordIndex::from_parts(WordIndexParts {
            docs: docs as u64,
            arena,
            starts,
            fields,
            field_at,
            texts,
            text_at,
            long,
        })
    }
}

impl WordIndex {
    /// The index as plain parts, for the cache.
    pub fn to_parts(&self) -> WordIndexParts {
        WordIndexParts {
            docs: self.docs as u64,
            arena: self.arena.clone(),
            starts: self.starts.clone(),
            fields: self.fields.clone(),
            field_at: self.field_at.iter().map(|&a| a as u64).collect(),
            texts: self.texts.clone(),
            text_at: self.text_at.iter().map(|&a| a as u64).collect(),
            long: self.long.clone(),
        }
    }

    /// An index from parts the cache gave back, or `None` when they do not hold together:
    /// word starts must rise within the vocabulary, each word end with a newline and come
    /// after the one before, posting ranges must rise within their arenas. The typo
    /// automaton's map is rebuilt from the words.
    pub fn from_parts(p: WordIndexParts) -> Option<WordIndex> {
        let words = p.starts.len().checked_sub(1)?;
        let rising = |v: &[u64], end: usize| {
            v.len() == words + 1
                && v.windows(2).all(|w| w[0] <= w[1])
                && v.last().is_some_and(|&l| l as usize == end)
                && v.first() == Some(&0)
        };
        let starts: Vec<u64> = p.starts.iter().map(|&s| u64::from(s)).collect();
        if !rising(&starts, p.arena.len())
            || !rising(&p.field_at, p.fields.len())
            || !rising(&p.text_at, p.texts.len())
        {
            return None;
        }
        let mut builder = fst::MapBuilder::memory();
        let mut previous: Option<&str> = None;
        for (rank, w) in p.starts.windows(2).enumerate() {
            let word = p
                .arena
                .get(w[0] as usize..(w[1] as usize).checked_sub(1)?)?;
            if !p.arena[w[1] as usize - 1..].starts_with('\n') || word.contains('\n') {
                return None;
            }
            if previous.is_some_and(|prev| prev >= word) {
                return None;
            }
            builder.insert(word.as_bytes(), rank as u64).ok()?;
            previous = Some(word);
        }
        let fst = fst::Map::new(builder.into_inner().ok()?).ok()?;
        Some(WordIndex {
            docs: usize::try_from(p.docs).ok()?,
            arena: p.arena,
            starts: p.starts,
            fst,
            fields: p.fields,
            field_at: p.field_at.into_iter().map(|a| a as usize).collect(),
            texts: p.texts,
            text_at: p.text_at.into_iter().map(|a| a as usize).collect(),
            long: p.long,
        })
    }

    /// Indexes the words of `questions`: word numbers and question numbers are positions in
    /// the sorted vocabulary and in `questions`.
    pub fn build(questions: &[Question]) -> WordIndex {
        let never = AtomicBool::new(false);
        Self::build_cancellable(questions, &never).unwrap_or_else(|| Merger::default().finish(0))
    }

    /// [`WordIndex::build`] for a background thread: `None` soon after `cancel` is set.
    pub fn build_cancellable(questions: &[Question], cancel: &AtomicBool) -> Option<WordIndex> {
        let vocabs: Vec<Mutex<ThreadVocab>> = (0..=rayon::current_num_threads())
            .map(|_| Mutex::new(ThreadVocab::default()))
            .collect();
        let mut merger = Merger::default();
        let chunks: Vec<(usize, &[Question])> = questions
            .chunks(CHUNK)
            .enumerate()
            .map(|(i, c)| (i * CHUNK, c))
            .collect();
        // The merge of a batch (one thread) runs beside the words of the next (the others).
        let tokenize = |batch: &[(usize, &[Question])]| -> Vec<ChunkWords> {
            batch
                .par_iter()
                .map(|&(first, chunk)| chunk_words(first, chunk, &vocabs))
                .collect()
        };
        let mut pending: Vec<ChunkWords> = Vec::new();
        for batch in chunks.chunks(BATCH) {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let (_, next) = rayon::join(|| merger.merge_all(&pending), || tokenize(batch));
            pending = next;
        }
        merger.merge_all(&pending);
        Some(merger.finish(questions.len()))
    }

    /// [`WordIndex::build_cancellable`] over `n` questions read a batch at a time:
    /// `read(range)` gives the questions at those positions (`None`: they could not be
    /// read, and neither is the index). The library's index built again without holding
    /// every text at once; a batch is read while the previous one is merged.
    pub fn build_streamed(
        n: usize,
        mut read: impl FnMut(std::ops::Range<usize>) -> Option<Vec<Question>>,
        cancel: &AtomicBool,
    ) -> Option<WordIndex> {
        let vocabs: Vec<Mutex<ThreadVocab>> = (0..=rayon::current_num_threads())
            .map(|_| Mutex::new(ThreadVocab::default()))
            .collect();
        let mut merger = Merger::default();
        let mut pending: Vec<ChunkWords> = Vec::new();
        let step = CHUNK * BATCH;
        let mut start = 0;
        while start < n {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let end = n.min(start + step);
            let questions = read(start..end).filter(|q| q.len() == end - start)?;
            let batch: Vec<(usize, &[Question])> = questions
                .chunks(CHUNK)
                .enumerate()
                .map(|(i, c)| (start + i * CHUNK, c))
                .collect();
            let (_, next) = rayon::join(
                || merger.merge_all(&pending),
                || {
                    batch
                        .par_iter()
                        .map(|&(first, chunk)| chunk_words(first, chunk, &vocabs))
                        .collect::<Vec<ChunkWords>>()
                },
            );
            pending = next;
            start = end;
        }
        merger.merge_all(&pending);
        Some(merger.finish(n))
    }

    /// Number of distinct words.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// True when no word is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of questions indexed.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// Bytes the index holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.arena.len()
            + self.starts.len() * 4
            + self.fst.as_fst().as_bytes().len()
            + self.fields.len()
            + self.texts.len()
            + (self.field_at.len() + self.text_at.len()) * std::mem::size_of::<usize>()
            + self.long.len() * 4
    }

    /// Word number `id`.
    pub fn word(&self, id: u32) -> &str {
        let id = id as usize;
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&a), Some(&b)) if b > a => {
                self.arena.get(a as usize..b as usize - 1).unwrap_or("")
            }
            _ => "",
        }
    }

    /// The first word number whose word is not below `w`.
    fn lower_bound(&self, w: &str) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.word(mid as u32) < w {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The words matching a typed word (folded, one word): itself, the words it starts, and
    /// the words within the typos its length allows, each once with its best closeness.
    pub fn lookup(&self, typed: &str) -> Vec<(u32, Closeness)> {
        let mut out = Vec::new();
        if typed.is_empty() {
            return out;
        }
        let first = self.lower_bound(typed);
        let mut end = first;
        while end < self.len() && self.word(end as u32).starts_with(typed) {
            end += 1;
        }
        for id in first..end {
            let closeness = if self.word(id as u32) == typed {
                Closeness::Exact
            } else {
                Closeness::Prefix
            };
            out.push((id as u32, closeness));
        }
        let typos = typos_allowed(typed);
        if typos > 0 {
            // A Levenshtein automaton over the vocabulary; one too large to build (a long
            // word with two typos) falls back to one typo.
            let automaton = fst::automaton::Levenshtein::new(typed, typos)
                .or_else(|_| fst::automaton::Levenshtein::new(typed, 1));
            if let Ok(automaton) = automaton {
                let mut stream = self.fst.search(automaton).into_stream();
                while let Some((_, rank)) = stream.next() {
                    let id = rank as usize;
                    if !(first..end).contains(&id) {
                        out.push((id as u32, Closeness::Typo));
                    }
                }
            }
        }
        out
    }

    /// The words that contain `needle` (folded) anywhere in them.
    pub fn containing(&self, needle: &str) -> Vec<u32> {
        let mut out = Vec::new();
        if needle.is_empty() || needle.contains('\n') {
            return out;
        }
        let finder = memmem::Finder::new(needle.as_bytes());
        let mut last: Option<u32> = None;
        for at in finder.find_iter(self.arena.as_bytes()) {
            // The word holding byte `at`: the last start at or before it.
            let id = self
                .starts
                .partition_point(|&s| s as usize <= at)
                .saturating_sub(1) as u32;
            if last != Some(id) {
                out.push(id);
                last = Some(id);
            }
        }
        out
    }

    /// Calls `f(question, fields)` for each question whose fields hold word `id`, in order.
    pub fn field_postings(&self, id: u32, mut f: impl FnMut(usize, u8)) {
        let id = id as usize;
        let (Some(&a), Some(&b)) = (self.field_at.get(id), self.field_at.get(id + 1)) else {
            return;
        };
        let bytes = self.fields.get(a..b).unwrap_or(&[]);
        let mut at = 0;
        let mut doc: u32 = 0;
        while at < bytes.len() {
            let Some(delta) = get_varint(bytes, &mut at) else {
                return;
            };
            let Some(&mask) = bytes.get(at) else {
                return;
            };
            at += 1;
            doc = doc.wrapping_add(delta);
            if doc == 0 || doc as usize > self.docs {
                return;
            }
            f(doc as usize - 1, mask);
        }
    }

    /// Calls `f(question)` for each question whose texts hold word `id`, in order.
    pub fn text_postings(&self, id: u32, mut f: impl FnMut(usize)) {
        let id = id as usize;
        let (Some(&a), Some(&b)) = (self.text_at.get(id), self.text_at.get(id + 1)) else {
            return;
        };
        let bytes = self.texts.get(a..b).unwrap_or(&[]);
        let mut at = 0;
        let mut doc: u32 = 0;
        while at < bytes.len() {
            let Some(delta) = get_varint(bytes, &mut at) else {
                return;
            };
            doc = doc.wrapping_add(delta);
            if doc == 0 || doc as usize > self.docs {
                return;
            }
            f(doc as usize - 1);
        }
    }

    /// The questions whose texts hold a run too long to be indexed as a word.
    pub fn long_runs(&self) -> &[u32] {
        &self.long
    }

    /// The number of a word, if the index has it.
    pub fn id_of(&self, word: &str) -> Option<u32> {
        self.fst.get(fold(word)).map(|r| r as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn index() -> (Vec<Question>, WordIndex) {
        let questions = sample::questions();
        let index = WordIndex::build(&questions);
        (questions, index)
    }

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            out.clear();
            put_varint(&mut out, v);
            let mut at = 0;
            assert_eq!(get_varint(&out, &mut at), Some(v));
            assert_eq!(at, out.len());
        }
        assert_eq!(get_varint(&[0x80, 0x80], &mut 0), None);
    }

    #[test]
    fn every_word_of_every_question_is_found_where_it_is() {
        let (questions, index) = index();
        assert!(index.len() > 300, "{index:?}");
        for (i, q) in questions.iter().enumerate() {
            for word in crate::text::words::words(&q.question_text) {
                let id = index.id_of(&word).unwrap();
                let mut docs = Vec::new();
                index.text_postings(id, |d| docs.push(d));
                assert!(docs.contains(&i), "{word} in {}", q.id);
                assert!(docs.windows(2).all(|w| w[0] < w[1]));
            }
            for word in crate::text::words::words(&q.title) {
                let id = index.id_of(&word).unwrap();
                let mut found = None;
                index.field_postings(id, |d, mask| {
                    if d == i {
                        found = Some(mask);
                    }
                });
                assert!(
                    found.is_some_and(|m| m & field::TITLE != 0),
                    "{word} in {}",
                    q.id
                );
            }
        }
    }

    #[test]
    fn lookups_find_exact_words_prefixes_and_typos() {
        let (_, index) = index();
        let got = |typed: &str| {
            let mut v: Vec<(String, Closeness)> = index
                .lookup(typed)
                .into_iter()
                .map(|(id, c)| (index.word(id).to_string(), c))
                .collect();
            v.sort();
            v
        };
        assert!(got("asalee").contains(&("asalee".into(), Closeness::Exact)));
        assert!(got("asal").contains(&("asalee".into(), Closeness::Prefix)));
        assert!(got("asalle").contains(&("asalee".into(), Closeness::Typo)));
        assert!(got("nantes").is_empty(), "{:?}", got("nantes"));
        // Three letters: no typo allowed.
        assert!(got("loi").iter().all(|(w, _)| w.starts_with("loi")));
        let containing: Vec<&str> = index
            .containing("alee")
            .iter()
            .map(|&id| index.word(id))
            .collect();
        assert!(containing.contains(&"asalee"));
        assert!(containing.iter().all(|w| w.contains("alee")));
    }

    proptest::proptest! {
        /// The matcher of one word agrees with the index's lookup over the vocabulary.
        #[test]
        fn one_word_matches_as_the_vocabulary_lookup_does(
            typed in "[a-e]{1,9}",
            words in proptest::collection::btree_set("[a-e]{1,10}", 1..40),
        ) {
            let title = words.iter().cloned().collect::<Vec<_>>().join(" ");
            let mut q = sample::questions().remove(0);
            q.title = title;
            q.question_text.clear();
            q.answer_text.clear();
            let index = WordIndex::build(std::slice::from_ref(&q));
            let matcher = WordMatcher::new(&typed);
            let mut by_index: Vec<(String, Closeness)> = index
                .lookup(&typed)
                .into_iter()
                .map(|(id, c)| (index.word(id).to_string(), c))
                .filter(|(w, _)| words.contains(w))
                .collect();
            by_index.sort();
            let mut by_matcher: Vec<(String, Closeness)> = words
                .iter()
                .filter_map(|w| matcher.closeness(w).map(|c| (w.clone(), c)))
                .collect();
            by_matcher.sort();
            proptest::prop_assert_eq!(by_index, by_matcher);
        }
    }

    #[test]
    fn distances_are_counted_in_characters() {
        let d = |a: &str, b: &str, k| within_distance(&a.chars().collect::<Vec<_>>(), b, k);
        assert!(d("sante", "santé", 1));
        assert!(!d("sante", "sentier", 1));
        assert!(d("retraite", "retraitte", 1));
        assert!(d("asalee", "asale", 1));
        assert!(!d("asalee", "asa", 2));
        assert!(d("", "ab", 2));
    }

    #[test]
    fn an_empty_index_answers_nothing() {
        let index = WordIndex::build(&[]);
        assert!(index.is_empty());
        assert!(index.lookup("sante").is_empty());
        assert!(index.containing("e").is_empty());
        index.text_postings(0, |_| panic!("no postings"));
    }
}
