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
