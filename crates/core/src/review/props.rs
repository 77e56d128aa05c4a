//! Properties of the review state's merge, over random replicas, edits and syncs: copies
//! converge, the merge is a join (commutative, associative, idempotent), no saved version
//! that nothing replaced is lost, and the encoded state stays proportional to the live text.
//! The same over the logs of deltas each replica writes: a log read back is its writer's
//! state, the records merge in any order and any number of times to the same state, and a
//! log cut at any byte (a crash in the middle of an append) reads as its whole records.

use super::change::Snapshot;
use super::format::encode;
use super::log;
use super::state::{NoteBase, NoteVersion, ReviewState, Reviewed, Shared, Stamp};
use crate::model::Status;
use chrono::NaiveDate;
use proptest::prelude::*;
use std::collections::BTreeMap;

const QUESTIONS: [&str; 4] = ["17-1QE", "17-2QE", "17-3QE", "16-4QE"];

#[derive(Debug, Clone)]
enum Op {
    Review(usize, usize),
    Flag(usize, usize),
    /// Replica, question: toggles the "to signal" mark.
    Signal(usize, usize),
    /// Replica, question, text index (0 deletes the note).
    Note(usize, usize, usize),
    /// `a` takes in `b`'s state.
    Sync(usize, usize),
}

fn op(replicas: usize) -> impl Strategy<Value = Op> {
    let r = 0..replicas;
    let q = 0..QUESTIONS.len();
    prop_oneof![
        1 => (r.clone(), q.clone()).prop_map(|(r, q)| Op::Review(r, q)),
        1 => (r.clone(), q.clone()).prop_map(|(r, q)| Op::Flag(r, q)),
        1 => (r.clone(), q.clone()).prop_map(|(r, q)| Op::Signal(r, q)),
        3 => (r.clone(), q, 0..40usize).prop_map(|(r, q, t)| Op::Note(r, q, t)),
        4 => (r.clone(), r).prop_map(|(a, b)| Op::Sync(a, b)),
    ]
}

fn snapshot() -> Snapshot {
    Snapshot {
        status: Status::Pending,
        answered: None,
        withdrawn: None,
        fingerprint: "0".into(),
        detail: None,
    }
}

fn text(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!("note {n}: {}", "relancer ".repeat(n % 7 + 1))
    }
}

/// A replica of the test: its state and clock, and the log of its own changes (one
/// record per change, as a store appends them).
struct Replica {
    id: String,
    state: ReviewState,
    clock: u64,
    log: Vec<u8>,
    /// Each record's delta, in order.
    deltas: Vec<ReviewState>,
}

impl Replica {
    fn new(id: String) -> Replica {
        Replica {
            log: log::header(&id, "1"),
            id,
            state: ReviewState::default(),
            clock: 0,
            deltas: Vec::new(),
        }
    }

    /// Makes a change to the state, and appends it to the log as a delta.
    fn write<T>(&mut self, change: impl Fn(&mut Shared) -> T) -> T {
        let mut delta = ReviewState::default();
        change(&mut delta.shared);
        self.log.extend(log::record(&delta));
        self.deltas.push(delta);
        change(&mut self.state.shared)
    }
}

impl Replica {
    fn stamp(&mut self) -> Stamp {
        // A hybrid clock: past everything seen.
        self.clock = self.clock.max(self.state.shared.latest()) + 1;
        Stamp {
            t: self.clock,
            by: self.id.clone(),
        }
    }
}

/// Runs the ops; returns the replicas, every note version written, and states met on the
/// way (for the algebraic properties).
fn run(
    replicas: usize,
    ops: &[Op],
) -> (Vec<Replica>, Vec<(String, NoteVersion)>, Vec<ReviewState>) {
    let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let mut rs: Vec<Replica> = (0..replicas)
        .map(|i| Replica::new(format!("writer{i}@host")))
        .collect();
    let mut written = Vec::new();
    let mut met = Vec::new();
    for (step, op) in ops.iter().enumerate() {
        match *op {
            Op::Review(r, q) => {
                let id = QUESTIONS[q];
                let on = rs[r]
                    .state
                    .shared
                    .entries
                    .get(id)
                    .and_then(|e| e.reviewed())
                    .is_none();
                let stamp = rs[r].stamp();
                let value = on.then(|| Reviewed {
                    date: day,
                    snapshot: snapshot(),
                });
                rs[r].write(|s| s.write_reviewed(id, stamp.clone(), value.clone()));
            }
            Op::Flag(r, q) => {
                let id = QUESTIONS[q];
                let on = rs[r]
                    .state
                    .shared
                    .entries
                    .get(id)
                    .and_then(|e| e.flagged())
                    .is_none();
                let stamp = rs[r].stamp();
                rs[r].write(|s| s.write_flag(id, stamp.clone(), on.then_some(day)));
            }
            Op::Signal(r, q) => {
                let id = QUESTIONS[q];
                let on = rs[r]
                    .state
                    .shared
                    .entries
                    .get(id)
                    .and_then(|e| e.to_signal())
                    .is_none();
                let stamp = rs[r].stamp();
                rs[r].write(|s| s.write_to_signal(id, stamp.clone(), on.then_some(day)));
            }
            Op::Note(r, q, t) => {
                let id = QUESTIONS[q];
                let base = rs[r]
                    .state
                    .shared
                    .entries
                    .get(id)
                    .map(|e| NoteBase::of(&e.note))
                    .unwrap_or_default();
                let stamp = rs[r].stamp();
                let v = rs[r].write(|s| s.write_note(id, stamp.clone(), &base, &text(t)));
                written.push((id.to_string(), v));
            }
            Op::Sync(a, b) => {
                let theirs = rs[b].state.clone();
                rs[a].state.merge(&theirs);
            }
        }
        if step % 3 == 0 {
            met.push(rs[step % replicas].state.clone());
        }
    }
    (rs, written, met)
}

fn merged(a: &ReviewState, b: &ReviewState) -> ReviewState {
    let mut m = a.clone();
    m.merge(b);
    m
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Once every replica has taken in every other, they are all equal.
    #[test]
    fn replicas_converge(replicas in 3usize..6, ops in prop::collection::vec(op(5), 1..80)) {
        let ops: Vec<Op> = ops.into_iter().map(|o| match o {
            Op::Review(r, q) => Op::Review(r % replicas, q),
            Op::Flag(r, q) => Op::Flag(r % replicas, q),
            Op::Signal(r, q) => Op::Signal(r % replicas, q),
            Op::Note(r, q, t) => Op::Note(r % replicas, q, t),
            Op::Sync(a, b) => Op::Sync(a % replicas, b % replicas),
        }).collect();
        let (mut rs, written, _) = run(replicas, &ops);
        for _ in 0..2 {
            for a in 0..replicas {
                for b in 0..replicas {
                    let theirs = rs[b].state.clone();
                    rs[a].state.merge(&theirs);
                }
            }
        }
        for r in &rs[1..] {
            prop_assert_eq!(&r.state, &rs[0].state);
        }
        // Every mark reads back as written: from a snapshot, and from an export.
        let snapshot = super::snapshot::encode(&rs[0].state, "x");
        prop_assert_eq!(&super::snapshot::decode(&snapshot).unwrap().state, &rs[0].state);
        let document = encode(&rs[0].state, Some("x"), true);
        prop_assert_eq!(&super::format::decode(&document, "x").unwrap().state, &rs[0].state);
        // No saved version that nothing replaced is lost, and no replaced one survives.
        let final_state = &rs[0].state;
        let mut by_question: BTreeMap<&str, Vec<&NoteVersion>> = BTreeMap::new();
        for (id, v) in &written {
            by_question.entry(id.as_str()).or_default().push(v);
        }
        for (id, versions) in by_question {
            let kept = &final_state.shared.entries[id].note;
            for v in &versions {
                let replaced = versions.iter().any(|w| w.replaces(v));
                prop_assert_eq!(kept.contains(v), !replaced, "{:?}", v);
            }
        }
        // The encoded state is proportional to the live text (plus a bounded overhead per
        // question and per version's replica vector).
        let live: usize = final_state.shared.entries.values()
            .flat_map(|e| e.note.iter().map(|v| v.text.len()))
            .sum();
        let versions: usize = final_state.shared.entries.values().map(|e| e.note.len()).sum();
        let size = encode(final_state, Some("x"), true).len();
        prop_assert!(
            size <= 2 * live + 700 * QUESTIONS.len() + 120 * replicas * versions + 200,
            "size {} for {} bytes of live text in {} versions", size, live, versions
        );
    }

    /// The merge is a join: commutative, associative, idempotent.
    #[test]
    fn merge_is_a_join(ops in prop::collection::vec(op(4), 1..60), picks in prop::collection::vec(0usize..1000, 3)) {
        let (rs, _, mut met) = run(4, &ops);
        met.extend(rs.into_iter().map(|r| r.state));
        let pick = |k: usize| &met[picks[k] % met.len()];
        let (a, b, c) = (pick(0), pick(1), pick(2));
        prop_assert_eq!(merged(a, b), merged(b, a));
        prop_assert_eq!(merged(&merged(a, b), c), merged(a, &merged(b, c)));
        prop_assert_eq!(&merged(a, a), a);
        // Merging again what was merged changes nothing (no growth by re-merging).
        let ab = merged(a, b);
        prop_assert_eq!(merged(&ab, b), ab.clone());
        prop_assert_eq!(encode(&merged(&ab, a), None, true), encode(&ab, None, true));
    }

    /// Every replica's log, read back, is the merge of its own changes; all the logs read
    /// together, in any order, records repeated, are the state every replica converges to.
    #[test]
    fn the_logs_hold_the_states_and_merge_in_any_order(
        replicas in 2usize..5,
        ops in prop::collection::vec(op(4), 1..60),
        order in prop::collection::vec(0usize..1000, 0..200),
    ) {
        let ops: Vec<Op> = ops.into_iter().map(|o| match o {
            Op::Review(r, q) => Op::Review(r % replicas, q),
            Op::Flag(r, q) => Op::Flag(r % replicas, q),
            Op::Signal(r, q) => Op::Signal(r % replicas, q),
            Op::Note(r, q, t) => Op::Note(r % replicas, q, t),
            Op::Sync(a, b) => Op::Sync(a % replicas, b % replicas),
        }).collect();
        let (mut rs, _, _) = run(replicas, &ops);
        let mut all = ReviewState::default();
        for r in &rs {
            let read = log::parse(&r.log, 0, None).unwrap();
            prop_assert_eq!(read.records, r.deltas.len());
            prop_assert_eq!(read.end, r.log.len() as u64);
            let mut own = ReviewState::default();
            for d in &r.deltas {
                own.merge(d);
            }
            prop_assert_eq!(&read.state, &own);
            all.merge(&read.state);
        }
        // The records of all the logs, in a random order, some of them twice.
        let records: Vec<&ReviewState> = rs.iter().flat_map(|r| r.deltas.iter()).collect();
        let mut shuffled = ReviewState::default();
        for k in &order {
            if !records.is_empty() {
                shuffled.merge(records[k % records.len()]);
            }
        }
        for d in &records {
            shuffled.merge(d);
        }
        prop_assert_eq!(&shuffled, &all);
        // Each record is a state: the merge is a join over records and states alike.
        if records.len() >= 2 {
            let (a, b) = (records[order.first().unwrap_or(&0) % records.len()], &all);
            prop_assert_eq!(merged(a, b), merged(b, a));
            prop_assert_eq!(merged(b, a), b.clone());
            prop_assert_eq!(merged(a, a), a.clone());
        }
        // The replicas, once synced, hold what the logs hold.
        for _ in 0..2 {
            for a in 0..replicas {
                for b in 0..replicas {
                    let theirs = rs[b].state.clone();
                    rs[a].state.merge(&theirs);
                }
            }
        }
        prop_assert_eq!(&rs[0].state.shared, &all.shared);
    }

    /// A log cut at any byte (killed in the middle of an append) reads as the records wholly
    /// before the cut; appending after the whole records again reads every record.
    #[test]
    fn a_log_cut_at_any_byte_reads_as_its_whole_records(
        ops in prop::collection::vec(op(1), 1..12),
        cut in 0usize..10_000,
    ) {
        let ops: Vec<Op> = ops.into_iter().filter(|o| !matches!(o, Op::Sync(..))).collect();
        let (rs, _, _) = run(1, &ops);
        let r = &rs[0];
        let cut = cut % (r.log.len() + 1);
        let read = log::parse(&r.log[..cut], 0, None).unwrap();
        // The records wholly before the cut.
        let mut ends = Vec::new();
        let mut at = 0;
        for line in r.log.split_inclusive(|&b| b == b'\n') {
            at += line.len();
            ends.push(at);
        }
        let whole = ends[1..].iter().filter(|&&e| e <= cut).count();
        let mut expected = ReviewState::default();
        for d in &r.deltas[..whole] {
            expected.merge(d);
        }
        prop_assert_eq!(&read.state, &expected);
        prop_assert_eq!(read.records, whole);
        // The next append goes after the whole records (the torn one cut off).
        if read.head.is_some() {
            let mut log = r.log[..read.end as usize].to_vec();
            let extra = r.deltas.last().cloned().unwrap_or_default();
            log.extend(log::record(&extra));
            let again = log::parse(&log, 0, None).unwrap();
            prop_assert_eq!(again.records, whole + 1);
            prop_assert_eq!(again.damaged, 0);
            prop_assert_eq!(again.state, merged(&expected, &extra));
        }
    }
}

/// Two writers who take turns on one note, each seeing the other's last version, leave one
/// note the size of what was typed: no copy of the text is ever appended to another.
#[test]
fn turns_on_one_note_never_grow_it() {
    let mut a = Replica::new("a@pc".into());
    let mut b = Replica::new("b@pc".into());
    let mut typed = String::new();
    for i in 0..50 {
        let (me, other) = if i % 2 == 0 {
            (&mut a, &mut b)
        } else {
            (&mut b, &mut a)
        };
        me.state.merge(&other.state);
        let entry = me
            .state
            .shared
            .entries
            .get("q")
            .cloned()
            .unwrap_or_default();
        let mut text = entry.note_text().unwrap_or("").to_string();
        text.push(char::from(b'a' + (i % 26) as u8));
        typed.push(char::from(b'a' + (i % 26) as u8));
        let stamp = me.stamp();
        me.state
            .shared
            .write_note("q", stamp, &NoteBase::of(&entry.note), &text);
    }
    a.state.merge(&b.state);
    let e = &a.state.shared.entries["q"];
    assert_eq!(e.note.len(), 1);
    assert_eq!(e.note_text(), Some(typed.as_str()));
    assert!(encode(&a.state, None, true).len() < 400);
}
