#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
//! Open data and the library: reading and importing a generated archive of N question JSON
//! files (the AN's layout: `Questions_ecrites.json.zip` per legislature, and the AMO archive)
//! beside `unzip -p ARCHIVE > /dev/null` over the same archives, timed in the same run; and
//! opening the library built from it beside `cat` over the library's file.
//!
//! `cargo bench --bench opendata` (100,000 questions, 3 rounds), or
//! `cargo bench --bench opendata -- --n 10000 --reps 1`. The corpus is generated once into
//! `target/bench-corpus/zip-<N>/`. See BENCHMARKS.md, section 7.

mod common;

use dossier_core::library::Library;
use dossier_core::load::{load, LoadOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SEED: u64 = 20_261_122;

/// The zip corpus of `n` questions, generated on first use.
fn corpus(n: usize) -> std::io::Result<PathBuf> {
    let dir = common::corpus_root().join(format!("zip-{n}"));
    let wanted = format!(
        "version={} n={n} seed={SEED}\n",
        dossier_corpus::GENERATOR_VERSION
    );
    if std::fs::read_to_string(dir.join(dossier_corpus::MARKER))
        .ok()
        .as_deref()
        == Some(&wanted)
    {
        return Ok(dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    eprintln!(
        "generating {n} questions as open-data archives into {} ...",
        dir.display()
    );
    let start = Instant::now();
    let summary = dossier_corpus::generate_with(&dir, n, SEED, dossier_corpus::Format::Zip)?;
    eprintln!(
        "  {} entries, {:.1} MB uncompressed, in {:.1?}",
        summary.files,
        summary.bytes as f64 / 1e6,
        start.elapsed()
    );
    Ok(dir)
}

fn zips(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn run(program: &str, args: &[&Path]) {
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the floor's program runs");
    assert!(status.success(), "{program} failed");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (n, reps) = common::size_and_reps(&args, 100_000, 3);
    println!(
        "open-data benchmark: {n} questions, {reps} round(s), {} CPU(s), load average {}",
        std::thread::available_parallelism().map_or(1, |p| p.get()),
        common::load_average()
    );
    let dir = corpus(n).expect("the corpus");
    let archives = zips(&dir);
    let archive_refs: Vec<&Path> = archives.iter().map(PathBuf::as_path).collect();
    let bytes: u64 = archives
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();

    // The floor: unzip decompressing every entry of the same archives to nowhere.
    let unzip = common::median(reps, || {
        for a in &archive_refs {
            run("unzip", &[Path::new("-p"), a]);
        }
    });

    // Reading the archives (every entry parsed, authors resolved through AMO), no cache.
    let mut questions = 0;
    let read = common::median(reps, || {
        let report = load(std::slice::from_ref(&dir), &LoadOptions::default());
        questions = report.questions.len();
    });

    // Importing them into an empty library: reading, merging, the word index, the related
    // questions, the file written atomically.
    let libs = tempfile::tempdir().expect("a temporary folder");
    let mut round = 0;
    let import = common::median(reps, || {
        round += 1;
        let library = Library::at(&libs.path().join(round.to_string()));
        library
            .import(
                std::slice::from_ref(&dir),
                None,
                "2026-11-22T00:00:00Z",
                &dossier_core::related::Config::default(),
            )
            .expect("the import");
    });

    // Opening the library, beside cat over its file.
    let library = Library::at(&libs.path().join("1"));
    let file = library.file();
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    run("cat", &[file.as_path()]);
    let cat = common::median(reps.max(3), || run("cat", &[file.as_path()]));
    let open = common::median(reps.max(3), || {
        let opened = library.open().expect("the library opens");
        assert_eq!(opened.questions.len(), questions);
    });

    println!(
        "\n{questions} questions read from {} archive(s), {:.1} MB compressed; library file {:.1} MB\n",
        archives.len(),
        bytes as f64 / 1e6,
        size as f64 / 1e6
    );
    println!("| figure | ms | floor (same run) | ratio | target |");
    println!("|---|---:|---|---:|---|");
    println!(
        "| read the archives (load, no cache) | {:.0} | unzip -p: {:.0} ms | {:.2}x | ≤ 2x |",
        ms(read),
        ms(unzip),
        ms(read) / ms(unzip)
    );
    println!(
        "| import into an empty library | {:.0} | unzip -p: {:.0} ms | {:.2}x | ≤ 2x |",
        ms(import),
        ms(unzip),
        ms(import) / ms(unzip)
    );
    println!(
        "| open the library | {:.0} | cat: {:.0} ms | {:.2}x | < 1000 ms, ≤ 0.5x cat |",
        ms(open),
        ms(cat),
        ms(open) / ms(cat)
    );
}
