#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `cargo bench --bench load`: how long opening a dossier takes (first open, then with the
//! cache), how fast the parser is, how much memory the viewer needs, and how long a keystroke
//! in the filter line takes, on generated corpora of 10,000 and 100,000 questions (both
//! layouts, distinct titles, shared vocabulary, campaigns: the `dossier-corpus` crate), each
//! figure printed beside the floor it should be compared to, measured in the same run.
//!
//! Options (after `--`): `--sizes 10000,100000` (the corpora to measure), `--reps N` (rounds
//! per timing; the median is shown). The corpora are generated once into
//! `target/bench-corpus/<N>/` by the `dossier-corpus` crate and reused. See BENCHMARKS.md.
//!
//! Adding a figure is a few lines: time a closure with [`median`] or [`per_step`], and push a
//! [`Figure`] with its floor or target (see the marked places in [`run_size`]).

mod common;

use common::{corpus_root, keystrokes, median, median_and_worst};
use dossier::tui::action::{Action, Command as Key};
use dossier::tui::update::update;
use dossier_core::load::{discover, load, LoadOptions};
use dossier_core::model::Question;
use dossier_core::parse::parse_bytes;
use rayon::prelude::*;
use std::hint::black_box;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Seed of the benchmark corpora (fixed so every run measures the same documents).
const SEED: u64 = 1;

/// What a figure should be held to.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // `Max` and `Min` serve the filter and frame figures the lead adds.
enum Target {
    /// At most this many times its floor.
    Ratio(f64),
    /// At most this value, in the figure's unit.
    Max(f64),
    /// At least this value, in the figure's unit.
    Min(f64),
    /// Informative only.
    None,
}

/// One line of the results table.
#[derive(Debug, Clone)]
struct Figure {
    name: String,
    value: f64,
    unit: &'static str,
    /// The floor's name and value, in the same unit.
    floor: Option<(String, f64)>,
    target: Target,
}

impl Figure {
    fn new(name: impl Into<String>, value: f64, unit: &'static str) -> Self {
        Figure {
            name: name.into(),
            value,
            unit,
            floor: None,
            target: Target::None,
        }
    }

    fn floor(mut self, name: impl Into<String>, value: f64) -> Self {
        self.floor = Some((name.into(), value));
        self
    }

    fn target(mut self, target: Target) -> Self {
        self.target = target;
        self
    }

    fn ratio(&self) -> Option<f64> {
        self.floor
            .as_ref()
            .filter(|(_, f)| *f > 0.0)
            .map(|(_, f)| self.value / f)
    }

    fn verdict(&self) -> String {
        match self.target {
            Target::Ratio(max) => match self.ratio() {
                Some(r) if r <= max => "met".into(),
                Some(r) => format!("missed by {:.0}%", (r / max - 1.0) * 100.0),
                None => "-".into(),
            },
            Target::Max(max) if self.value <= max => "met".into(),
            Target::Max(max) => format!("missed by {:.0}%", (self.value / max - 1.0) * 100.0),
            Target::Min(min) if self.value >= min => "met".into(),
            Target::Min(min) => format!("missed by {:.0}%", (1.0 - self.value / min) * 100.0),
            Target::None => "-".into(),
        }
    }

    fn target_text(&self) -> String {
        match self.target {
            Target::Ratio(r) => format!("≤ {r}x floor"),
            Target::Max(m) => format!("≤ {} {}", fmt_value(m), self.unit),
            Target::Min(m) => format!("≥ {} {}", fmt_value(m), self.unit),
            Target::None => "-".into(),
        }
    }
}

fn fmt_value(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Runs `f` `reps` times and returns the shortest duration: for throughput of code on bytes
/// in memory, the best round is the code's, the others the machine's neighbours'.
fn best(reps: usize, mut f: impl FnMut()) -> Duration {
    (0..reps.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Median time of one step over a sequence of steps (e.g. one keystroke of a query typed
/// letter by letter): `f` gets each step in turn, and the sequence is replayed `reps` times.
#[allow(dead_code)] // Kept for figures measured step by step.
fn per_step<S: Copy>(reps: usize, steps: &[S], mut f: impl FnMut(S)) -> Duration {
    let mut times = Vec::with_capacity(reps * steps.len());
    for _ in 0..reps.max(1) {
        for &step in steps {
            let start = Instant::now();
            f(step);
            times.push(start.elapsed());
        }
    }
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn median_of(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// The machine's load average over the last minute.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// The corpus of `n` questions, generated on first use.
fn corpus(n: usize) -> std::io::Result<PathBuf> {
    let dir = corpus_root().join(n.to_string());
    let wanted = format!(
        "version={} n={n} seed={SEED}\n",
        dossier_corpus::GENERATOR_VERSION
    );
    let marker = dir.join(dossier_corpus::MARKER);
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(dir);
    }
    if dir.exists() {
        // Only ever our own directory under target/: a stale or half-written corpus.
        std::fs::remove_dir_all(&dir)?;
    }
    eprintln!("generating {n} questions into {} ...", dir.display());
    let start = Instant::now();
    let summary = dossier_corpus::generate(&dir, n, SEED)?;
    eprintln!(
        "  {} files, {:.1} MB in {:.1?}",
        summary.files,
        summary.bytes as f64 / 1e6,
        start.elapsed()
    );
    Ok(dir)
}

/// `cat` over every file, output thrown away: the single-threaded I/O floor.
fn cat_all(files: &[PathBuf]) -> std::io::Result<Duration> {
    let mut list = Vec::new();
    for f in files {
        list.extend_from_slice(f.as_os_str().as_encoded_bytes());
        list.push(0);
    }
    let start = Instant::now();
    let mut child = Command::new("xargs")
        .args(["-0", "cat"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(&list)?;
    }
    let status = child.wait()?;
    let elapsed = start.elapsed();
    if !status.success() {
        return Err(std::io::Error::other(format!("xargs cat: {status}")));
    }
    Ok(elapsed)
}

/// Reads every file in parallel (rayon, as the loader does) and returns the bytes read.
fn read_all(files: &[PathBuf]) -> u64 {
    files
        .par_iter()
        .map(|f| std::fs::read(f).map_or(0, |b| black_box(b).len() as u64))
        .sum()
}

/// The peak resident memory of this process so far (VmHWM), in bytes.
fn vm_hwm() -> Option<u64> {
    proc_status("VmHWM:")
}

/// A memory figure of this process from /proc/self/status, in bytes.
fn proc_status(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Child mode: open DIR as the viewer does (load with the cache in CACHE, search keys, then
/// the word index unless the cache had it), then print the peak resident memory. Run in a
/// fresh process so the figure is the viewer's own, not the benchmark's.
fn child_open(dir: &Path, cache_dir: &Path) -> ! {
    let before = vm_hwm().unwrap_or(0);
    let cache = dossier_core::cache::Cache::at(cache_dir);
    let mut report = load(
        &[dir.to_path_buf()],
        &LoadOptions {
            cache: Some(&cache),
            ..LoadOptions::default()
        },
    );
    let loaded = vm_hwm().unwrap_or(0);
    let index = dossier_core::query::SearchIndex::build_keys(&report.questions, report.current);
    let words = report
        .words
        .take()
        .unwrap_or_else(|| dossier_core::query::words::WordIndex::build(&report.questions));
    let word_bytes = words.heap_bytes();
    index.set_words(words);
    let after = vm_hwm().unwrap_or(0);
    let (len, cap) = report
        .questions
        .iter()
        .map(held)
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let structs = report.questions.capacity() * std::mem::size_of::<Question>();
    println!(
        "baseline={before} loaded={loaded} peak={after} text={len} heap={cap} structs={structs} \
         words={word_bytes} questions={}",
        report.questions.len()
    );
    black_box(index);
    std::process::exit(0)
}

/// Bytes of text a question holds, and bytes its heap blocks take (capacities), to explain
/// the memory figure.
fn held(q: &Question) -> (usize, usize) {
    let strings = [
        &q.id,
        &q.title,
        &q.author,
        &q.constituency,
        &q.group,
        &q.rubric,
        &q.ministry_asked,
        &q.ministry_assigned,
        &q.question_text,
        &q.answer_text,
        &q.source,
    ];
    let mut len: usize = strings.iter().map(|s| s.len()).sum();
    let mut cap: usize = strings.iter().map(|s| s.capacity()).sum();
    for s in [&q.analysis_head, &q.analysis].into_iter().flatten() {
        len += s.len();
        cap += s.capacity();
    }
    for e in &q.events {
        len += e.label.len() + e.note.as_ref().map_or(0, String::len);
        cap += e.label.capacity() + e.note.as_ref().map_or(0, String::capacity);
    }
    for x in &q.extra {
        len += x.label.len() + x.value.len();
        cap += x.label.capacity() + x.value.capacity();
    }
    cap += q.events.capacity() * std::mem::size_of::<dossier_core::model::Event>()
        + q.extra.capacity() * std::mem::size_of::<dossier_core::model::ExtraField>()
        + (q.question_emphasis.capacity() + q.answer_emphasis.capacity())
            * std::mem::size_of::<dossier_core::model::Emphasis>();
    (len, cap)
}

/// What the child process that opens reports, in bytes.
struct ChildMemory {
    /// Peak resident memory (VmHWM) once the word index is built.
    peak: u64,
    /// Peak resident memory once the questions are loaded.
    loaded: u64,
    /// Peak resident memory before the load.
    baseline: u64,
    /// Text the questions hold (sum of string lengths).
    text: u64,
    /// Heap blocks they own (sum of capacities).
    heap: u64,
    /// The `Question` structs themselves.
    structs: u64,
    /// The word index.
    words: u64,
}

/// Opens DIR in a child process, with the cache in CACHE, and returns what it reports.
fn peak_memory_of_open(dir: &Path, cache: &Path) -> Option<ChildMemory> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .arg("--child-open")
        .arg(dir)
        .arg(cache)
        .stderr(Stdio::inherit())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| -> Option<u64> {
        text.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
    };
    Some(ChildMemory {
        peak: field("peak")?,
        loaded: field("loaded")?,
        baseline: field("baseline")?,
        text: field("text")?,
        heap: field("heap")?,
        structs: field("structs")?,
        words: field("words")?,
    })
}

/// Peak memory and wall time of the real `dossier check DIR` with its cache in CACHE (GNU
/// time reports the memory).
fn run_check(dir: &Path, cache: &Path) -> Option<(u64, Duration)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let start = Instant::now();
    let out = Command::new(time)
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .arg("check")
        .arg(dir)
        .env("XDG_CACHE_HOME", cache)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let elapsed = start.elapsed();
    let text = String::from_utf8_lossy(&out.stderr);
    let kb: u64 = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))?
        .trim()
        .parse()
        .ok()?;
    Some((kb * 1024, elapsed))
}

/// A fresh, empty cache folder for the benchmark.
fn empty_cache(name: &str) -> std::io::Result<PathBuf> {
    let dir = corpus_root().join("caches").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Everything measured on one corpus.
fn run_size(n: usize, reps: usize) -> std::io::Result<Vec<Figure>> {
    let dir = corpus(n)?;
    let mut figures = Vec::new();

    // The files, and the corpus's size.
    let walk = median(reps, || {
        black_box(discover(std::slice::from_ref(&dir)));
    });
    let files = discover(std::slice::from_ref(&dir)).files;
    let (bytes, blocks) = files.iter().fold((0u64, 0u64), |(b, k), f| {
        std::fs::metadata(f).map_or((b, k), |m| (b + m.len(), k + m.blocks() * 512))
    });
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "{n} questions: {} files, {mb:.1} MB ({:.1} MB on disk in blocks)",
        files.len(),
        blocks as f64 / 1e6
    );

    // Warm the page cache, so every timing below reads from memory, not from the disk.
    read_all(&files);

    // ---- OPENING: interleaved rounds, so a burst of load from other processes hits every
    // figure alike. A first open has an empty cache; a second open finds it written. ----
    let (mut cat, mut read, mut first, mut store, mut second) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut questions = 0;
    for round in 0..reps.max(1) {
        cat.push(cat_all(&files)?);

        let start = Instant::now();
        black_box(read_all(&files));
        read.push(start.elapsed());

        let cache_dir = empty_cache(&format!("open-{n}-{round}"))?;
        let cache = dossier_core::cache::Cache::at(&cache_dir);
        let options = LoadOptions {
            cache: Some(&cache),
            ..LoadOptions::default()
        };
        let start = Instant::now();
        let report = load(std::slice::from_ref(&dir), &options);
        first.push(start.elapsed());
        questions = report.questions.len();
        let words = dossier_core::query::words::WordIndex::build(&report.questions);
        let start = Instant::now();
        if let Some(ticket) = &report.cache {
            cache.store(ticket, &report.questions, Some(&words), None)?;
        }
        store.push(start.elapsed());
        drop((report, words));

        let start = Instant::now();
        let report = load(std::slice::from_ref(&dir), &options);
        second.push(start.elapsed());
        if report.files_cached != questions || report.words.is_none() {
            eprintln!(
                "warning: the second open took {} of {questions} files from the cache",
                report.files_cached
            );
        }
        drop(report);
        let _ = std::fs::remove_dir_all(&cache_dir);
    }
    if questions != n {
        eprintln!("warning: loaded {questions} questions, expected {n}");
    }
    let (cat, read) = (median_of(cat), median_of(read));
    figures.push(Figure::new(
        "walk the directories (discover)",
        ms(walk),
        "ms",
    ));
    figures.push(Figure::new("read the bytes: `xargs cat`", ms(cat), "ms"));
    figures.push(
        Figure::new("read the bytes: parallel read", ms(read), "ms").floor("`xargs cat`", ms(cat)),
    );
    figures.push(
        Figure::new(
            "first open, empty cache: load()",
            ms(median_of(first)),
            "ms",
        )
        .floor("`xargs cat`", ms(cat))
        .target(Target::Ratio(0.7)),
    );
    figures.push(
        Figure::new(
            "  then writing the cache (the viewer does it in the background)",
            ms(median_of(store)),
            "ms",
        )
        .floor("`xargs cat`", ms(cat)),
    );
    figures.push(
        Figure::new(
            "second open, warm cache: load()",
            ms(median_of(second)),
            "ms",
        )
        .floor("`xargs cat`", ms(cat))
        .target(Target::Ratio(0.25)),
    );

    // ---- PARSER: bytes already in memory, one thread, beside a UTF-8 check and a line
    // split of the same bytes. ----
    let docs: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|f| Some((f.display().to_string(), std::fs::read(f).ok()?)))
        .collect();
    let rounds = reps.max(5);
    let floor = best(rounds, || {
        let lines: usize = docs
            .iter()
            .map(|(_, b)| {
                std::str::from_utf8(b).map_or(0, |s| s.split('\n').map(|l| l.len() & 1).sum())
            })
            .sum();
        black_box(lines);
    });
    let single = best(rounds, || {
        for (s, b) in &docs {
            black_box(parse_bytes(b, s).is_ok());
        }
    });
    let parallel = best(rounds, || {
        let parsed: usize = docs
            .par_iter()
            .map(|(s, b)| usize::from(parse_bytes(b, s).is_ok()))
            .sum();
        black_box(parsed);
    });
    figures.push(Figure::new(
        "UTF-8 check + line split, 1 thread (best round)",
        mb / floor.as_secs_f64(),
        "MB/s",
    ));
    figures.push(
        Figure::new(
            "parser, 1 thread (best round)",
            mb / single.as_secs_f64(),
            "MB/s",
        )
        .floor("UTF-8 check + line split", mb / floor.as_secs_f64())
        .target(Target::Min(250.0)),
    );
    figures.push(Figure::new(
        format!(
            "parser, {} threads (best round)",
            rayon::current_num_threads()
        ),
        mb / parallel.as_secs_f64(),
        "MB/s",
    ));
    drop(docs);

    // ---- MEMORY: the viewer's peak, in a fresh process: first open (then the word index
    // is built), then a second open (the index comes from the cache). ----
    let cache_dir = empty_cache(&format!("memory-{n}"))?;
    let open_first = peak_memory_of_open(&dir, &cache_dir);
    {
        let cache = dossier_core::cache::Cache::at(&cache_dir);
        let options = LoadOptions {
            cache: Some(&cache),
            ..LoadOptions::default()
        };
        let report = load(std::slice::from_ref(&dir), &options);
        let words = dossier_core::query::words::WordIndex::build(&report.questions);
        if let Some(ticket) = &report.cache {
            cache.store(ticket, &report.questions, Some(&words), None)?;
        }
    }
    let open_second = peak_memory_of_open(&dir, &cache_dir);
    if let Some(child) = open_first {
        figures.push(
            Figure::new(
                "peak memory, viewer, first open (VmHWM)",
                child.peak as f64 / 1e6,
                "MB",
            )
            .floor("corpus bytes", mb)
            .target(Target::Ratio(1.3)),
        );
        figures.push(Figure::new(
            "  once the questions are loaded",
            child.loaded as f64 / 1e6,
            "MB",
        ));
        figures.push(Figure::new(
            "  before the load",
            child.baseline as f64 / 1e6,
            "MB",
        ));
        figures.push(Figure::new(
            "  text held by the questions",
            child.text as f64 / 1e6,
            "MB",
        ));
        figures.push(Figure::new(
            "  their heap blocks (capacities)",
            child.heap as f64 / 1e6,
            "MB",
        ));
        figures.push(Figure::new(
            "  the `Question` structs",
            child.structs as f64 / 1e6,
            "MB",
        ));
        figures.push(
            Figure::new("  the word index", child.words as f64 / 1e6, "MB")
                .floor("corpus bytes", mb),
        );
    }
    if let Some(child) = open_second {
        figures.push(
            Figure::new(
                "peak memory, viewer, warm cache",
                child.peak as f64 / 1e6,
                "MB",
            )
            .floor("corpus bytes", mb)
            .target(Target::Ratio(1.3)),
        );
    }
    let check_cache = empty_cache(&format!("check-{n}"))?;
    if let Some((peak, wall)) = run_check(&dir, &check_cache) {
        figures.push(
            Figure::new(
                "`dossier check DIR`, empty cache (writes it)",
                ms(wall),
                "ms",
            )
            .floor("`xargs cat`", ms(cat)),
        );
        figures.push(
            Figure::new("  its peak memory", peak as f64 / 1e6, "MB").floor("corpus bytes", mb),
        );
    }
    if let Some((peak, wall)) = run_check(&dir, &check_cache) {
        figures.push(
            Figure::new("`dossier check DIR`, warm cache", ms(wall), "ms")
                .floor("`xargs cat`", ms(cat)),
        );
        figures.push(
            Figure::new("  its peak memory", peak as f64 / 1e6, "MB").floor("corpus bytes", mb),
        );
    }

    // ---- TYPING: each keystroke of a query typed letter by letter, until its first
    // screen of hits is sorted (the viewer's filtering thread shows it, then sorts the rest),
    // beside a key that only redraws; and one frame of the whole screen at 200x50. ----
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date");
    let report = load(std::slice::from_ref(&dir), &LoadOptions::default());
    let index = dossier_core::query::SearchIndex::build_keys(&report.questions, report.current);
    let start = Instant::now();
    index.set_words(dossier_core::query::words::WordIndex::build(
        &report.questions,
    ));
    figures.push(Figure::new(
        "word index build (background, after the first open)",
        ms(start.elapsed()),
        "ms",
    ));
    let review =
        dossier_core::review::ReviewStore::unavailable(dossier_core::review::Unusable::ReadingOnly);
    let mut app = dossier::tui::app::App::new(
        dossier::tui::app::Settings::new(dossier_core::i18n::Lang::Fr, today),
        review,
    );
    let _ = dossier::tui::update::start(&mut app);
    let generation = app.load.generation.current();
    update(
        &mut app,
        Action::Loaded(Box::new(dossier::tui::action::Loaded {
            generation,
            rows: dossier::tui::dossier::Rows::of(&report.questions),
            report,
            index,
        })),
    );
    update(&mut app, Action::Resize(200, 50));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 50))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut redraws = Vec::new();
    let mut frames = Vec::new();
    for i in 0..(reps.max(1) * 20) {
        let start = Instant::now();
        update(
            &mut app,
            Action::Command(if i % 2 == 0 { Key::Down } else { Key::Up }),
        );
        terminal
            .draw(|f| dossier::tui::screen::draw(&app, f))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        redraws.push(start.elapsed());
        let start = Instant::now();
        terminal
            .draw(|f| dossier::tui::screen::draw(&app, f))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        frames.push(start.elapsed());
    }
    let redraw = ms(median_of(redraws));
    let dossier = std::sync::Arc::clone(&app.dossier);
    for (what, text, median_target, worst_target) in [
        ("free word", "asalee", 16.0, 50.0),
        ("free words", "sante retraite", 16.0, 50.0),
        ("free word, a place", "loire", 16.0, 50.0),
        ("field term", "ministere:sante", 16.0, 50.0),
        ("`text:`", "text:asalee", 33.0, 50.0),
        ("`text:`", "text:patients", 33.0, 50.0),
    ] {
        let (median, worst) = median_and_worst(keystrokes(&dossier, text, today, reps));
        figures.push(
            Figure::new(
                format!("keystroke, {what} (`{text}`), median"),
                ms(median),
                "ms",
            )
            .floor("a key that only redraws", redraw)
            .target(Target::Max(median_target)),
        );
        figures.push(
            Figure::new(
                format!("keystroke, {what} (`{text}`), worst"),
                ms(worst),
                "ms",
            )
            .target(Target::Max(worst_target)),
        );
    }
    figures.push(
        Figure::new(
            "TUI frame, 200x50 (TestBackend)",
            ms(median_of(frames)),
            "ms",
        )
        .target(Target::Max(5.0)),
    );

    Ok(figures)
}

fn print_table(n: usize, figures: &[Figure]) -> String {
    let mut out = format!(
        "\n### {n} questions\n\n| figure | value | floor | ratio | target | verdict |\n\
         |---|---:|---|---:|---|---|\n"
    );
    for f in figures {
        let floor = f.floor.as_ref().map_or("-".to_string(), |(name, v)| {
            format!("{} {} ({name})", fmt_value(*v), f.unit)
        });
        let ratio = f.ratio().map_or("-".to_string(), |r| format!("{r:.2}x"));
        out.push_str(&format!(
            "| {} | {} {} | {floor} | {ratio} | {} | {} |\n",
            f.name,
            fmt_value(f.value),
            f.unit,
            f.target_text(),
            f.verdict()
        ));
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child-open") {
        match (args.get(1), args.get(2)) {
            (Some(dir), Some(cache)) => child_open(Path::new(dir), Path::new(cache)),
            _ => std::process::exit(2),
        }
    }
    let mut sizes = vec![10_000, 100_000];
    let mut reps = 3;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--sizes" => {
                sizes = args
                    .get(i + 1)
                    .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
                    .unwrap_or_default();
                i += 1;
            }
            "--reps" => {
                reps = args.get(i + 1).and_then(|r| r.parse().ok()).unwrap_or(reps);
                i += 1;
            }
            // `cargo bench` passes `--bench`; criterion-style filters are not used here.
            _ => {}
        }
        i += 1;
    }
    println!(
        "dossier open benchmark: {} CPU(s) available, {} rayon threads, {reps} round(s) per \
         timing (median shown), page cache warm, load average {} at the start",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        rayon::current_num_threads(),
        load_average()
    );
    for n in sizes {
        match run_size(n, reps) {
            Ok(figures) => {
                let mut table = print_table(n, &figures);
                table.push_str(&format!(
                    "\nLoad average (1 min) at the end: {}.\n",
                    load_average()
                ));
                print!("{table}");
                let path = corpus_root().join(format!("results-{n}.md"));
                if std::fs::write(&path, &table).is_ok() {
                    println!("\n(table saved to {})", path.display());
                }
            }
            Err(e) => {
                eprintln!("{n} questions: {e}");
                std::process::exit(1);
            }
        }
    }
}
