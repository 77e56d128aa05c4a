//! The word index ([`super::words`]) as the library keeps it: in segments, each the word
//! index of some questions, in the tables `word_segments` (its questions' qids, its sorted
//! vocabulary, the vocabulary's fst, its questions with over-long runs) and `word_postings`
//! (one row per word: the postings as the in-memory index encodes them, numbered by position
//! in the segment's qids).
//!
//! An import adds one segment, of the questions it wrote; a question is indexed by the newest
//! segment holding it (older segments' postings of it are ignored). When the newer segments
//! grow past a quarter of the oldest, or are more than eight, all are merged into one,
//! posting list by posting list (no text read again). A query opens the segments (their
//! qids and fsts, a few MB at 500,000 questions), looks its words up in each vocabulary (fst
//! ranges and Levenshtein automata, as in memory) and reads only the postings of the words
//! found.

use super::db_error::DbError;
use super::words::{get_varint, put_varint, typos_allowed, Closeness, WordIndex};
use fst::{IntoStreamer, Streamer};
use rusqlite::{params, Connection, OptionalExtension};
use std::cell::OnceCell;
use std::collections::HashSet;

/// Merge when the newer segments hold more than this share of the oldest's questions.
const MERGE_SHARE: usize = 4;
/// Merge when there are more segments than this.
const MERGE_COUNT: usize = 8;

fn damaged(what: &str) -> DbError {
    DbError::Damaged(what.to_string())
}

/// Encodes sorted numbers as varint deltas.
fn encode_sorted(values: impl IntoIterator<Item = i64>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut last = 0i64;
    for v in values {
        let delta = (v - last).max(0);
        put_varint(&mut out, u32::try_from(delta).unwrap_or(u32::MAX));
        last = v;
    }
    out
}

fn decode_sorted(bytes: &[u8]) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut last = 0i64;
    while at < bytes.len() {
        last += i64::from(get_varint(bytes, &mut at)?);
        out.push(last);
    }
    Some(out)
}

/// Writes a segment: `index` built from the questions whose qids are `qids`, in that
/// (ascending) order. Returns its number.
pub(crate) fn write(conn: &Connection, qids: &[i64], index: &WordIndex) -> Result<i64, DbError> {
    if index.docs() != qids.len() || qids.windows(2).any(|w| w[0] >= w[1]) {
        return Err(damaged("segment written out of order"));
    }
    let long = encode_sorted(index.long_runs().iter().map(|&d| i64::from(d)));
    conn.execute(
        "INSERT INTO word_segments(docs, qids, vocabulary, fst, long) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            qids.len() as i64,
            encode_sorted(qids.iter().copied()),
            index.vocabulary().as_bytes(),
            index.fst_bytes(),
            long
        ],
    )?;
    let segment = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO word_postings(segment, word, fields, texts) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for id in 0..index.len() as u32 {
        stmt.execute(params![
            segment,
            i64::from(id),
            index.field_bytes(id),
            index.text_bytes(id)
        ])?;
    }
    Ok(segment)
}

/// One segment as a query reads it.
struct Segment {
    id: i64,
    /// Its questions, by position.
    qids: Vec<i64>,
    /// Per position: false when a newer segment indexes the question.
    valid: Vec<bool>,
    fst: fst::Map<Vec<u8>>,
    /// Positions with over-long runs.
    long: Vec<i64>,
    /// The vocabulary, read when a substring search needs it.
    arena: OnceCell<(String, Vec<u32>)>,
}

/// The stored word index, opened for queries.
pub struct StoredWords {
    segments: Vec<Segment>,
}

/// A word found in one segment.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    segment: usize,
    rank: u32,
}

impl StoredWords {
    /// Opens the segments (oldest first).
    pub fn open(conn: &Connection) -> Result<StoredWords, DbError> {
        let mut stmt = conn.prepare_cached(
            "SELECT segment, docs, qids, fst, long FROM word_segments ORDER BY segment",
        )?;
        let mut rows = stmt.query([])?;
        let mut segments = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let docs: i64 = row.get(1)?;
            let qids = decode_sorted(&row.get::<_, Vec<u8>>(2)?).ok_or_else(|| damaged("qids"))?;
            if qids.len() as i64 != docs {
                return Err(damaged("qids count"));
            }
            let fst = fst::Map::new(row.get::<_, Vec<u8>>(3)?).map_err(|_| damaged("fst"))?;
            let long = decode_sorted(&row.get::<_, Vec<u8>>(4)?).ok_or_else(|| damaged("long"))?;
            segments.push(Segment {
                id,
                valid: Vec::new(),
                qids,
                fst,
                long,
                arena: OnceCell::new(),
            });
        }
        // A question counts in the newest segment that holds it. The oldest (and largest)
        // segment's questions need not be remembered: nothing older can hold them.
        let mut claimed: HashSet<i64> = HashSet::new();
        for (k, s) in segments.iter_mut().enumerate().rev() {
            s.valid = s.qids.iter().map(|q| !claimed.contains(q)).collect();
            if k > 0 {
                claimed.extend(s.qids.iter().copied());
            }
        }
        Ok(StoredWords { segments })
    }

    /// True when no question is indexed.
    pub fn is_empty(&self) -> bool {
        self.segments.iter().all(|s| s.qids.is_empty())
    }

    /// Every question indexed (its newest segment's), sorted.
    pub fn qids(&self) -> Vec<i64> {
        let mut out: Vec<i64> = self
            .segments
            .iter()
            .flat_map(|s| {
                s.qids
                    .iter()
                    .zip(&s.valid)
                    .filter(|(_, v)| **v)
                    .map(|(q, _)| *q)
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// The words matching a typed word (folded, one word), in every segment: itself, the
    /// words it starts, and those within the typos its length allows, each with its best
    /// closeness (the rules of [`WordIndex::lookup`]).
    pub fn lookup(&self, typed: &str) -> Vec<(Found, Closeness)> {
        let mut out = Vec::new();
        if typed.is_empty() {
            return out;
        }
        for (k, s) in self.segments.iter().enumerate() {
            let mut prefixed = HashSet::new();
            let mut stream = s.fst.range().ge(typed).into_stream();
            while let Some((word, rank)) = stream.next() {
                if !word.starts_with(typed.as_bytes()) {
                    break;
                }
                let closeness = if word == typed.as_bytes() {
                    Closeness::Exact
                } else {
                    Closeness::Prefix
                };
                prefixed.insert(rank);
                out.push((
                    Found {
                        segment: k,
                        rank: rank as u32,
                    },
                    closeness,
                ));
            }
            let typos = typos_allowed(typed);
            if typos > 0 {
                let automaton = fst::automaton::Levenshtein::new(typed, typos)
                    .or_else(|_| fst::automaton::Levenshtein::new(typed, 1));
                if let Ok(automaton) = automaton {
                    let mut stream = s.fst.search(automaton).into_stream();
                    while let Some((_, rank)) = stream.next() {
                        if !prefixed.contains(&rank) {
                            out.push((
                                Found {
                                    segment: k,
                                    rank: rank as u32,
                                },
                                Closeness::Typo,
                            ));
                        }
                    }
                }
            }
        }
        out
    }

    /// A segment's vocabulary and where each word starts.
    fn arena<'a>(&'a self, conn: &Connection, k: usize) -> Result<&'a (String, Vec<u32>), DbError> {
        let s = &self.segments[k];
        if let Some(a) = s.arena.get() {
            return Ok(a);
        }
        let bytes: Vec<u8> = conn.query_row(
            "SELECT vocabulary FROM word_segments WHERE segment = ?1",
            [s.id],
            |r| r.get(0),
        )?;
        let text = String::from_utf8(bytes).map_err(|_| damaged("vocabulary"))?;
        let mut starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        Ok(s.arena.get_or_init(|| (text, starts)))
    }

    /// The words containing `needle` (folded) anywhere in them, in every segment.
    pub fn containing(&self, conn: &Connection, needle: &str) -> Result<Vec<Found>, DbError> {
        let mut out = Vec::new();
        if needle.is_empty() || needle.contains('\n') {
            return Ok(out);
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        for k in 0..self.segments.len() {
            let (arena, starts) = self.arena(conn, k)?;
            let mut last: Option<u32> = None;
            for at in finder.find_iter(arena.as_bytes()) {
                let rank = starts
                    .partition_point(|&s| s as usize <= at)
                    .saturating_sub(1) as u32;
                if last != Some(rank) {
                    out.push(Found { segment: k, rank });
                    last = Some(rank);
                }
            }
        }
        Ok(out)
    }

    fn postings(&self, conn: &Connection, f: Found) -> Result<(Vec<u8>, Vec<u8>), DbError> {
        let s = &self.segments[f.segment];
        let got = conn
            .prepare_cached(
                "SELECT fields, texts FROM word_postings WHERE segment = ?1 AND word = ?2",
            )?
            .query_row(params![s.id, i64::from(f.rank)], |r| {
                Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?))
            })
            .optional()?;
        Ok(got.unwrap_or_default())
    }

    /// Calls `field(qid, mask)` for each question whose fields hold the word found, and
    /// `text(qid)` for each whose texts do (questions a newer segment indexes left out).
    pub fn for_each_posting(
        &self,
        conn: &Connection,
        found: Found,
        mut field: impl FnMut(i64, u8),
        mut text: impl FnMut(i64),
    ) -> Result<(), DbError> {
        let s = &self.segments[found.segment];
        let (fields, texts) = self.postings(conn, found)?;
        let docs = s.qids.len();
        let mut at = 0;
        let mut doc: u32 = 0;
        while at < fields.len() {
            let delta = get_varint(&fields, &mut at).ok_or_else(|| damaged("postings"))?;
            let mask = *fields.get(at).ok_or_else(|| damaged("postings"))?;
            at += 1;
            doc = doc.wrapping_add(delta);
            if doc == 0 || doc as usize > docs {
                return Err(damaged("postings"));
            }
            let p = doc as usize - 1;
            if s.valid[p] {
                field(s.qids[p], mask);
            }
        }
        let mut at = 0;
        let mut doc: u32 = 0;
        while at < texts.len() {
            let delta = get_varint(&texts, &mut at).ok_or_else(|| damaged("postings"))?;
            doc = doc.wrapping_add(delta);
            if doc == 0 || doc as usize > docs {
                return Err(damaged("postings"));
            }
            let p = doc as usize - 1;
            if s.valid[p] {
                text(s.qids[p]);
            }
        }
        Ok(())
    }

    /// The questions whose texts hold a run too long to be indexed as a word, sorted.
    pub fn long_runs(&self) -> Vec<i64> {
        let mut out: Vec<i64> = Vec::new();
        for s in &self.segments {
            for &p in &s.long {
                let p = p as usize;
                if s.valid.get(p) == Some(&true) {
                    out.push(s.qids[p]);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The whole index as one in-memory [`WordIndex`] over `qids` (ascending: the questions
    /// held, numbered by their position there), when the segments index exactly those: a
    /// single segment read as it is, several merged in memory (after incremental imports,
    /// until an import merges them in the file).
    pub fn to_word_index(
        &self,
        conn: &Connection,
        qids: &[i64],
    ) -> Result<Option<WordIndex>, DbError> {
        let [s] = self.segments.as_slice() else {
            if self.segments.is_empty() || self.qids() != qids {
                return Ok(None);
            }
            return self.merged(conn).map(|(_, index)| Some(index));
        };
        if s.qids != qids {
            return Ok(None);
        }
        let (arena, _) = self.arena(conn, 0)?;
        let mut stmt = conn.prepare_cached(
            "SELECT fields, texts FROM word_postings WHERE segment = ?1 ORDER BY word",
        )?;
        let postings: Vec<(Vec<u8>, Vec<u8>)> = stmt
            .query_map([s.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let long = s.long.iter().map(|&p| p as u32).collect();
        Ok(WordIndex::from_stored(
            qids.len(),
            arena.clone(),
            postings,
            long,
        ))
    }
}

/// How many segments there are, and how many questions the oldest and the others hold.
fn sizes(conn: &Connection) -> Result<(usize, usize, usize), DbError> {
    let mut stmt = conn.prepare_cached("SELECT docs FROM word_segments ORDER BY segment")?;
    let docs: Vec<i64> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let first = docs.first().copied().unwrap_or(0).max(0) as usize;
    let rest: i64 = docs.iter().skip(1).sum();
    Ok((docs.len(), first, rest.max(0) as usize))
}

/// Merges the segments into one when the newer ones have grown (see the module's
/// documentation). True when it did.
pub(crate) fn maybe_merge(conn: &Connection) -> Result<bool, DbError> {
    let (count, first, rest) = sizes(conn)?;
    if count <= 1 || (rest * MERGE_SHARE <= first && count <= MERGE_COUNT) {
        return Ok(false);
    }
    merge_all(conn)?;
    Ok(true)
}

/// One segment's words, read in order while merging.
struct Cursor {
    /// Its words, in order.
    words: Vec<String>,
    at: usize,
    rows: std::vec::IntoIter<(Vec<u8>, Vec<u8>)>,
}

/// Merges every segment into one: the union of their vocabularies, each word's postings
/// from the segment that indexes each question, renumbered.
pub(crate) fn merge_all(conn: &Connection) -> Result<(), DbError> {
    let stored = StoredWords::open(conn)?;
    if stored.segments.len() <= 1 {
        return Ok(());
    }
    let (qids, index) = stored.merged(conn)?;
    conn.execute("DELETE FROM word_postings", [])?;
    conn.execute("DELETE FROM word_segments", [])?;
    write(conn, &qids, &index)?;
    Ok(())
}

impl StoredWords {
    /// The segments merged in memory into one index of every question they hold (their
    /// qids, ascending, number its documents).
    fn merged(&self, conn: &Connection) -> Result<(Vec<i64>, WordIndex), DbError> {
        let stored = self;
        let qids = stored.qids();
        let position = |qid: i64| qids.binary_search(&qid).ok();
        let mut cursors = Vec::new();
        for k in 0..stored.segments.len() {
            let (arena, _) = stored.arena(conn, k)?;
            let words: Vec<String> = arena.lines().map(str::to_string).collect();
            let mut stmt = conn.prepare_cached(
                "SELECT fields, texts FROM word_postings WHERE segment = ?1 ORDER BY word",
            )?;
            let rows: Vec<(Vec<u8>, Vec<u8>)> = stmt
                .query_map([stored.segments[k].id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            if rows.len() != words.len() {
                return Err(damaged("postings count"));
            }
            cursors.push(Cursor {
                words,
                at: 0,
                rows: rows.into_iter(),
            });
        }
        let mut arena = String::new();
        let mut postings: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        loop {
            // The smallest word not yet merged.
            let next = cursors
                .iter()
                .filter_map(|c| c.words.get(c.at))
                .min()
                .cloned();
            let Some(word) = next else { break };
            let mut fields: Vec<(usize, u8)> = Vec::new();
            let mut texts: Vec<usize> = Vec::new();
            for (k, c) in cursors.iter_mut().enumerate() {
                if c.words.get(c.at) != Some(&word) {
                    continue;
                }
                c.at += 1;
                let (f, t) = c.rows.next().ok_or_else(|| damaged("postings count"))?;
                let s = &stored.segments[k];
                decode_into(&f, &t, s, &position, &mut fields, &mut texts)?;
            }
            if fields.is_empty() && texts.is_empty() {
                continue; // Every question holding it is indexed by a newer segment.
            }
            fields.sort_unstable();
            texts.sort_unstable();
            arena.push_str(&word);
            arena.push('\n');
            let mut fb = Vec::new();
            let mut last = 0usize;
            for (p, mask) in fields {
                put_varint(&mut fb, (p + 1 - last) as u32);
                fb.push(mask);
                last = p + 1;
            }
            let mut tb = Vec::new();
            let mut last = 0usize;
            for p in texts {
                put_varint(&mut tb, (p + 1 - last) as u32);
                last = p + 1;
            }
            postings.push((fb, tb));
        }
        let long: Vec<u32> = stored
            .long_runs()
            .into_iter()
            .filter_map(position)
            .map(|p| p as u32)
            .collect();
        let index = WordIndex::from_stored(qids.len(), arena, postings, long)
            .ok_or_else(|| damaged("merged segment"))?;
        Ok((qids, index))
    }
}

/// Decodes a segment's postings of one word into positions among all the questions.
fn decode_into(
    fields: &[u8],
    texts: &[u8],
    s: &Segment,
    position: &impl Fn(i64) -> Option<usize>,
    out_fields: &mut Vec<(usize, u8)>,
    out_texts: &mut Vec<usize>,
) -> Result<(), DbError> {
    let docs = s.qids.len();
    let mut at = 0;
    let mut doc: u32 = 0;
    while at < fields.len() {
        let delta = get_varint(fields, &mut at).ok_or_else(|| damaged("postings"))?;
        let mask = *fields.get(at).ok_or_else(|| damaged("postings"))?;
        at += 1;
        doc = doc.wrapping_add(delta);
        if doc == 0 || doc as usize > docs {
            return Err(damaged("postings"));
        }
        let p = doc as usize - 1;
        if s.valid[p] {
            if let Some(to) = position(s.qids[p]) {
                out_fields.push((to, mask));
            }
        }
    }
    let mut at = 0;
    let mut doc: u32 = 0;
    while at < texts.len() {
        let delta = get_varint(texts, &mut at).ok_or_else(|| damaged("postings"))?;
        doc = doc.wrapping_add(delta);
        if doc == 0 || doc as usize > docs {
            return Err(damaged("postings"));
        }
        let p = doc as usize - 1;
        if s.valid[p] {
            if let Some(to) = position(s.qids[p]) {
                out_texts.push(to);
            }
        }
    }
    Ok(())
}
