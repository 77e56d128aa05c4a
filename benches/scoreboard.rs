#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `cargo bench --bench scoreboard`: the time to compute the scoreboard (what the viewer's
//! `B` screen and `dossier stats --by` do) on a generated corpus of 100,000 questions of
//! several legislatures, by each dimension, beside its floor measured in the same run: one
//! pass that works out every question's art. 135 timing (`deadline::timing`, which the
//! scoreboard needs for each question) and counts the questions by their raw label in a
//! hash map (no merging of names, no rates, no delays).
//!
//! Options (after `--`): `--n N` (corpus size, default 100000), `--reps R` (timing rounds,
//! median shown, default 5). The corpus is generated once into `target/bench-corpus/<N>/`
//! (shared with the other benches) and reused.

mod common;

use chrono::NaiveDate;
use common::{corpus, load_average, median, size_and_reps};
use dossier_core::deadline::{timing, Current};
use dossier_core::load::{load, LoadOptions};
use dossier_core::model::Question;
use dossier_core::scoreboard::ministries::Merger;
use dossier_core::scoreboard::{compute, By, Options};
use std::collections::HashMap;
use std::hint::black_box;

/// Seed of the benchmark corpora (the same as the other benches, so they share them).
const SEED: u64 = 1;

/// The floor: every question's timing, and a count per raw label.
fn floor(questions: &[Question], by: By, today: NaiveDate, current: Current) -> usize {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut overdue = 0;
    for q in questions {
        let label = match by {
            By::Ministry => q.ministry(),
            By::Group => q.group.as_str(),
            By::Author => q.author.as_str(),
            By::Rubric => q.rubric.as_str(),
            By::Legislature => "",
        };
        *counts.entry(label).or_default() += 1;
        overdue += usize::from(timing(q, today, current).overdue_days.is_some());
    }
    counts.len() + overdue
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let (n, reps) = size_and_reps(&args, 100_000, 5);
    let dir = corpus(n, SEED).expect("corpus");
    let questions = load(&[dir], &LoadOptions::default()).questions;
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let legislatures: std::collections::BTreeSet<u16> =
        questions.iter().map(|q| q.legislature).collect();
    println!(
        "scoreboard on {} questions (legislatures {:?}), median of {reps}, load {}",
        questions.len(),
        legislatures,
        load_average()
    );
    let current = Current::of(&questions, None);
    let merger = Merger::new(&Default::default());
    for by in By::ALL {
        let opts = Options {
            by,
            since: None,
            until: None,
            today,
            current,
            ministries: &merger,
        };
        let mut rows = 0;
        let t = median(reps, || {
            let board = compute(&questions, &opts);
            rows = board.rows.len();
            black_box(board);
        });
        let f = median(reps, || {
            black_box(floor(&questions, by, today, current));
        });
        println!(
            "  by {:<12} {:>5} rows  compute {:>7.1} ms   floor {:>7.1} ms   ratio {:.1}",
            by.as_str(),
            rows,
            t.as_secs_f64() * 1e3,
            f.as_secs_f64() * 1e3,
            t.as_secs_f64() / f.as_secs_f64().max(1e-9)
        );
    }
}
