//! The related-questions index as the library keeps it, and its update by an import.
//!
//! Tables (see `docs/library.md`): `related_keys` (per question, its LSH band keys, 4
//! bytes each, empty when its text has no shingle), `related_answers` (the questions of each
//! answer key, in key order), `related_shingles` (its shingle set, for the exact similarity)
//! and `related` (each relation, stored from both sides).
//!
//! An import relates only the questions it wrote: those whose text changed lose their
//! relations by text and get new ones, found by a scan of the band keys (128 bytes a
//! question) against the changed questions' keys, then the exact similarity of the
//! candidates' shingle sets; those whose answer changed lose their relations by answer and
//! get those of the questions with the same answer key (read in key order); only the rows
//! of what changed are written (an answer's new key does not rewrite the band keys). The
//! result is the one
//! [`super::compute`] gives on the whole library (a test holds them to it).

use super::answer::answer_key;
use super::fingerprint::{fingerprint_into, jaccard, MinHasher, Scratch};
use super::{Config, Reason, RelatedIndex, Relation};
use crate::model::Question;
use rayon::prelude::*;
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// A question's fingerprint as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Print {
    /// Band keys; empty when the text has no shingle.
    keys: Vec<u32>,
    set: Vec<u16>,
    answer: u64,
}

fn encode_keys(keys: &[u32]) -> Vec<u8> {
    keys.iter().flat_map(|k| k.to_le_bytes()).collect()
}

fn decode_keys(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn encode_set(set: &[u16]) -> Vec<u8> {
    set.iter().flat_map(|k| k.to_le_bytes()).collect()
}

fn decode_set(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect()
}

/// The questions of an answer key, through the table's key (without it, each changed answer
/// would read a whole table: an import of 5,000 changed answers at 500,000 questions took
/// minutes).
pub(crate) const SAME_ANSWER: &str = "SELECT question FROM related_answers WHERE answer = ?1";

fn reason_name(r: Reason) -> &'static str {
    r.as_str()
}

fn reason(s: &str) -> Option<Reason> {
    match s {
        "similar_text" => Some(Reason::SimilarText),
        "same_answer" => Some(Reason::SameAnswer),
        _ => None,
    }
}

fn list(qids: &[i64]) -> Rc<Vec<Value>> {
    Rc::new(qids.iter().map(|&q| Value::Integer(q)).collect())
}

/// Fingerprints questions, in parallel.
fn prints(questions: &[&Question], config: &Config) -> Vec<Print> {
    let hasher = MinHasher::new(config);
    let bands = config.bands();
    questions
        .par_iter()
        .map_init(Scratch::default, |scratch, q| {
            let mut set = Vec::new();
            let mut keys = vec![0u32; bands];
            let has = fingerprint_into(q, config, &hasher, scratch, &mut set, &mut keys);
            if !has {
                keys.clear();
                set.clear();
            }
            Print {
                keys,
                set,
                answer: answer_key(&q.answer_text).unwrap_or(0),
            }
        })
        .collect()
}

fn insert_relation(
    conn: &Connection,
    a: i64,
    b: i64,
    why: Reason,
    similarity: f32,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR REPLACE INTO related(question, other, reason, similarity) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    stmt.execute(params![a, b, reason_name(why), f64::from(similarity)])?;
    stmt.execute(params![b, a, reason_name(why), f64::from(similarity)])?;
    Ok(())
}

/// Writes a whole index: `qids[i]` is its question `i`.
pub(crate) fn write_all(
    conn: &Connection,
    qids: &[i64],
    index: &RelatedIndex,
) -> rusqlite::Result<()> {
    conn.execute_batch(
        "DELETE FROM related; DELETE FROM related_keys; DELETE FROM related_shingles; \
         DELETE FROM related_answers;",
    )?;
    let mut keys =
        conn.prepare_cached("INSERT INTO related_keys(question, bands) VALUES (?1, ?2)")?;
    let mut sets =
        conn.prepare_cached("INSERT INTO related_shingles(question, shingles) VALUES (?1, ?2)")?;
    let mut answers: Vec<(i64, i64)> = Vec::new();
    for (i, &qid) in qids.iter().enumerate() {
        let set = index.set(i as u32);
        let bands: Vec<u8> = if set.is_empty() {
            Vec::new()
        } else {
            encode_keys(index.band_keys(i as u32))
        };
        keys.execute(params![qid, bands])?;
        if !set.is_empty() {
            sets.execute(params![qid, encode_set(set)])?;
        }
        let answer = index.answer(i as u32) as i64;
        if answer != 0 {
            answers.push((answer, qid));
        }
    }
    // In key order: the table's pages filled one after the other.
    answers.sort_unstable();
    let mut insert =
        conn.prepare_cached("INSERT INTO related_answers(answer, question) VALUES (?1, ?2)")?;
    for (answer, qid) in answers {
        insert.execute(params![answer, qid])?;
    }
    // Both sides of each pair, in the table's order: its pages filled one after the other
    // rather than split all over.
    let mut rows: Vec<(i64, i64, &'static str, f64)> = Vec::new();
    for (i, j, r) in index.relations().pairs() {
        if let (Some(&a), Some(&b)) = (qids.get(i as usize), qids.get(j as usize)) {
            let why = reason_name(r.reason);
            rows.push((a, b, why, f64::from(r.similarity)));
            rows.push((b, a, why, f64::from(r.similarity)));
        }
    }
    rows.sort_unstable_by(|x, y| (x.0, x.1, x.2).cmp(&(y.0, y.1, y.2)));
    let mut stmt = conn.prepare_cached(
        "INSERT OR REPLACE INTO related(question, other, reason, similarity) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (a, b, why, similarity) in rows {
        stmt.execute(params![a, b, why, similarity])?;
    }
    Ok(())
}

/// What an update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Updated {
    /// Questions whose text was fingerprinted anew.
    pub texts: usize,
    /// Questions whose answer key changed.
    pub answers: usize,
    /// Relations written (each pair once).
    pub relations: usize,
}

/// Relates the questions an import wrote (new or changed: `changed`, by qid) to the
/// library, keeping every other relation.
pub(crate) fn update(
    conn: &Connection,
    config: &Config,
    changed: &[(i64, &Question)],
) -> rusqlite::Result<Updated> {
    let mut done = Updated::default();
    if changed.is_empty() {
        return Ok(done);
    }
    let questions: Vec<&Question> = changed.iter().map(|(_, q)| *q).collect();
    let qids: Vec<i64> = changed.iter().map(|(q, _)| *q).collect();
    let new = prints(&questions, config);
    // What was stored of them.
    let mut old: HashMap<i64, Print> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT question, bands FROM related_keys WHERE question IN rarray(?1)",
        )?;
        let mut rows = stmt.query([list(&qids)])?;
        while let Some(r) = rows.next()? {
            let q: i64 = r.get(0)?;
            old.insert(
                q,
                Print {
                    keys: decode_keys(&r.get::<_, Vec<u8>>(1)?),
                    set: Vec::new(),
                    answer: 0,
                },
            );
        }
        // The answers' table is in key order: one pass over it finds their keys.
        let mut stmt = conn.prepare_cached(
            "SELECT question, answer FROM related_answers WHERE question IN rarray(?1)",
        )?;
        let mut rows = stmt.query([list(&qids)])?;
        while let Some(r) = rows.next()? {
            let q: i64 = r.get(0)?;
            if let Some(p) = old.get_mut(&q) {
                p.answer = r.get::<_, i64>(1)? as u64;
            }
        }
        let mut stmt = conn.prepare_cached(
            "SELECT question, shingles FROM related_shingles WHERE question IN rarray(?1)",
        )?;
        let mut rows = stmt.query([list(&qids)])?;
        while let Some(r) = rows.next()? {
            let q: i64 = r.get(0)?;
            if let Some(p) = old.get_mut(&q) {
                p.set = decode_set(&r.get::<_, Vec<u8>>(1)?);
            }
        }
    }
    let mut text_dirty: Vec<usize> = Vec::new();
    let mut answer_dirty: Vec<usize> = Vec::new();
    for (k, (&qid, p)) in qids.iter().zip(&new).enumerate() {
        match old.get(&qid) {
            Some(o) => {
                if o.keys != p.keys || o.set != p.set {
                    text_dirty.push(k);
                }
                if o.answer != p.answer {
                    answer_dirty.push(k);
                }
            }
            None => {
                text_dirty.push(k);
                answer_dirty.push(k);
            }
        }
    }
    done.texts = text_dirty.len();
    done.answers = answer_dirty.len();
    // Their relations of the kinds that changed go; the others stay.
    let drop = |k: usize, why: Reason| -> rusqlite::Result<()> {
        let qid = qids[k];
        let others: Vec<i64> = conn
            .prepare_cached("SELECT other FROM related WHERE question = ?1 AND reason = ?2")?
            .query_map(params![qid, reason_name(why)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut del = conn.prepare_cached(
            "DELETE FROM related WHERE question = ?1 AND other = ?2 AND reason = ?3",
        )?;
        for o in others {
            del.execute(params![qid, o, reason_name(why)])?;
            del.execute(params![o, qid, reason_name(why)])?;
        }
        Ok(())
    };
    for &k in &text_dirty {
        drop(k, Reason::SimilarText)?;
    }
    for &k in &answer_dirty {
        drop(k, Reason::SameAnswer)?;
    }
    // Their new fingerprints: band keys and shingles where the text changed, the answer's
    // key where it did.
    {
        let mut keys = conn.prepare_cached(
            "INSERT OR REPLACE INTO related_keys(question, bands) VALUES (?1, ?2)",
        )?;
        let mut sets = conn.prepare_cached(
            "INSERT OR REPLACE INTO related_shingles(question, shingles) VALUES (?1, ?2)",
        )?;
        let mut unset = conn.prepare_cached("DELETE FROM related_shingles WHERE question = ?1")?;
        for &k in &text_dirty {
            let p = &new[k];
            keys.execute(params![qids[k], encode_keys(&p.keys)])?;
            if p.set.is_empty() {
                unset.execute([qids[k]])?;
            } else {
                sets.execute(params![qids[k], encode_set(&p.set)])?;
            }
        }
        let mut forget =
            conn.prepare_cached("DELETE FROM related_answers WHERE answer = ?1 AND question = ?2")?;
        let mut learn = conn.prepare_cached(
            "INSERT OR IGNORE INTO related_answers(answer, question) VALUES (?1, ?2)",
        )?;
        for &k in &answer_dirty {
            let was = old.get(&qids[k]).map_or(0, |o| o.answer);
            if was != 0 {
                forget.execute(params![was as i64, qids[k]])?;
            }
            if new[k].answer != 0 {
                learn.execute(params![new[k].answer as i64, qids[k]])?;
            }
        }
    }
    // Text: candidates share a band key with a changed question.
    let bands = config.bands();
    let mut buckets: HashMap<(usize, u32), Vec<usize>> = HashMap::new();
    for &k in &text_dirty {
        for (b, &key) in new[k].keys.iter().enumerate() {
            buckets.entry((b, key)).or_default().push(k);
        }
    }
    let mut pairs: HashSet<(i64, i64)> = HashSet::new();
    let mut candidates: Vec<(i64, usize)> = Vec::new();
    if !buckets.is_empty() {
        let mut stmt = conn
            .prepare_cached("SELECT question, bands FROM related_keys WHERE length(bands) > 0")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let o: i64 = r.get(0)?;
            let keys = r.get_ref(1)?.as_blob()?;
            if keys.len() != bands * 4 {
                continue;
            }
            for b in 0..bands {
                let key = u32::from_le_bytes([
                    keys[4 * b],
                    keys[4 * b + 1],
                    keys[4 * b + 2],
                    keys[4 * b + 3],
                ]);
                if let Some(ks) = buckets.get(&(b, key)) {
                    for &k in ks {
                        let t = qids[k];
                        if t != o {
                            let pair = (t.min(o), t.max(o));
                            if pairs.insert(pair) {
                                candidates.push((o, k));
                            }
                        }
                    }
                }
            }
        }
    }
    if !candidates.is_empty() {
        let others: Vec<i64> = candidates.iter().map(|(o, _)| *o).collect();
        let mut sets: HashMap<i64, Vec<u16>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT question, shingles FROM related_shingles WHERE question IN rarray(?1)",
        )?;
        let mut rows = stmt.query([list(&others)])?;
        while let Some(r) = rows.next()? {
            sets.insert(r.get(0)?, decode_set(&r.get::<_, Vec<u8>>(1)?));
        }
        for (o, k) in candidates {
            let Some(other) = sets.get(&o) else { continue };
            let similarity = jaccard(&new[k].set, other);
            if similarity >= config.threshold {
                insert_relation(conn, qids[k], o, Reason::SimilarText, similarity)?;
                done.relations += 1;
            }
        }
    }
    // Answers: the questions with the same answer key.
    let mut seen: HashSet<(i64, i64)> = HashSet::new();
    for &k in &answer_dirty {
        let key = new[k].answer;
        if key == 0 {
            continue;
        }
        let same: Vec<i64> = conn
            .prepare_cached(SAME_ANSWER)?
            .query_map([key as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let t = qids[k];
        for o in same {
            if o != t && seen.insert((t.min(o), t.max(o))) {
                insert_relation(conn, t, o, Reason::SameAnswer, 1.0)?;
                done.relations += 1;
            }
        }
    }
    Ok(done)
}

/// Every relation of the questions of `qids` (or of all), from both sides: `(question,
/// other, relation)` with the relation's `index` left 0 (the caller numbers them).
pub(crate) fn read(
    conn: &Connection,
    qids: Option<&[i64]>,
) -> rusqlite::Result<Vec<(i64, i64, Reason, f32)>> {
    let mut stmt;
    let mut rows = match qids {
        Some(l) => {
            stmt = conn.prepare_cached(
                "SELECT question, other, reason, similarity FROM related WHERE question IN rarray(?1)",
            )?;
            stmt.query([list(l)])?
        }
        None => {
            stmt =
                conn.prepare_cached("SELECT question, other, reason, similarity FROM related")?;
            stmt.query([])?
        }
    };
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let why: String = r.get(2)?;
        let Some(why) = reason(&why) else { continue };
        let similarity: f64 = r.get(3)?;
        out.push((r.get(0)?, r.get(1)?, why, similarity as f32));
    }
    Ok(out)
}

/// The relations among `qids` (positions in that list) and `outside` (positions after),
/// from the directed relations read.
pub(crate) fn numbered(relations: &[(i64, i64, Reason, f32)], qids: &[i64]) -> super::Relations {
    let at: HashMap<i64, u32> = qids
        .iter()
        .enumerate()
        .map(|(i, &q)| (q, i as u32))
        .collect();
    let directed: Vec<(u32, Relation)> = relations
        .iter()
        .filter_map(|&(a, b, reason, similarity)| {
            Some((
                *at.get(&a)?,
                Relation {
                    index: *at.get(&b)?,
                    similarity,
                    reason,
                },
            ))
        })
        .collect();
    super::Relations::from_directed(qids.len(), directed)
}
