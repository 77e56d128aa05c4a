//! What the benches share: timing by median, the machine's load, where corpora live, and the
//! `--n` / `--reps` arguments.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Median wall time of `reps` runs of `f` (at least one).
pub fn median(reps: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..reps.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// The 1, 5 and 15 minute load averages, as `/proc/loadavg` gives them.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "?".into())
}

/// Where generated corpora live: `target/bench-corpus/` (or under `CARGO_TARGET_DIR`).
pub fn corpus_root() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("bench-corpus")
}

/// `--n N` and `--reps R` among the arguments, with their defaults.
pub fn size_and_reps(args: &[String], n: usize, reps: usize) -> (usize, usize) {
    let (mut n, mut reps) = (n, reps);
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--n" => {
                n = args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(n);
                i += 1;
            }
            "--reps" => {
                reps = args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(reps);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    (n, reps)
}

/// The generated corpus of `n` questions for `seed` under [`corpus_root`], generated on first
/// use and reused while its marker names the same generator version, size and seed.
pub fn corpus(n: usize, seed: u64) -> std::io::Result<PathBuf> {
    let dir = corpus_root().join(n.to_string());
    let wanted = format!(
        "version={} n={n} seed={seed}\n",
        dossier_corpus::GENERATOR_VERSION
    );
    let marker = dir.join(dossier_corpus::MARKER);
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    eprintln!("generating {n} questions into {} ...", dir.display());
    dossier_corpus::generate(&dir, n, seed)?;
    Ok(dir)
}

/// The time one keystroke takes to put the first screen of hits up, for each prefix of
/// `text` typed in the filter line: the query is parsed, filtered (among the previous hits
/// when it only grew) and its first screens sorted, as the viewer's filtering thread does
/// before the rest is sorted.
pub fn keystrokes(
    dossier: &std::sync::Arc<dossier::tui::dossier::Dossier>,
    text: &str,
    today: chrono::NaiveDate,
    reps: usize,
) -> Vec<Duration> {
    use dossier::tui::filtering::{compute_in_steps, FilterJob};
    use dossier_core::query::Query;
    let review = std::sync::Arc::new(dossier_core::review::ReviewState::default());
    let mut times = Vec::new();
    for _ in 0..reps.max(1) {
        let mut previous: Option<(Query, Vec<usize>)> = None;
        for end in text.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let start = Instant::now();
            let Ok(query) = Query::parse(&text[..end]) else {
                continue;
            };
            let candidates = previous
                .as_ref()
                .filter(|(prev, _)| query.refines(prev))
                .map(|(_, hits)| hits.clone());
            let job = FilterJob {
                generation: 0,
                dossier: std::sync::Arc::clone(dossier),
                query: query.clone(),
                sort: dossier_core::query::SortKey::Date,
                reverse: false,
                today,
                candidates,
                review: std::sync::Arc::clone(&review),
            };
            let mut first_screen = None;
            let hits = compute_in_steps(&job, &std::sync::atomic::AtomicBool::new(false), |_| {
                first_screen = Some(start.elapsed());
            })
            .unwrap_or_default();
            times.push(first_screen.unwrap_or_else(|| start.elapsed()));
            previous = Some((query, hits.iter().map(|h| h.index).collect()));
        }
    }
    times
}

/// The median and the worst of some times.
pub fn median_and_worst(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let worst = times.last().copied().unwrap_or_default();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    (median, worst)
}
