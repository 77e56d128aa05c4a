//! Properties of the review state's merge, over random replicas, edits and syncs: copies
//! converge, the merge is a join (commutative, associative, idempotent), no saved version
//! that nothing replaced is lost, and the encoded state stays proportional to the live text.

use super::change::Snapshot;
use super::format::encode;
use super::state::{NoteBase, NoteVersion, ReviewState, Reviewed, Stamp};
use crate::model::Status;
use chrono::NaiveDate;
use proptest::prelude::*;
use std::collections::BTreeMap;

const QUESTIONS: [&str; 4] = ["17-1QE", "17-2QE", "17-3QE", "16-4QE"];

#[derive(Debug, Clone)]
enum Op {
    Review(usize, usize),
    Flag(usize, usize),
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

/// A replica of the test: its state and clock.
struct Replica {
    id: String,
    state: ReviewState,
    clock: u64,
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
        .map(|i| Replica {
            id: format!("writer{i}@host"),
            state: ReviewState::default(),
            clock: 0,
        })
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
                rs[r].state.shared.write_reviewed(id, stamp, value);
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
                rs[r].state.shared.write_flag(id, stamp, on.then_some(day));
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
                let v = rs[r].state.shared.write_note(id, stamp, &base, &text(t));
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
}

/// Two writers who take turns on one note, each seeing the other's last version, leave one
/// note the size of what was typed: no copy of the text is ever appended to another.
#[test]
fn turns_on_one_note_never_grow_it() {
    let mut a = Replica {
        id: "a@pc".into(),
        state: ReviewState::default(),
        clock: 0,
    };
    let mut b = Replica {
        id: "b@pc".into(),
        state: ReviewState::default(),
        clock: 0,
    };
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
