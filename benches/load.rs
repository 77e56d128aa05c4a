#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `cargo bench --bench load`: how long loading a dossier takes, and how much memory it needs,
//! on generated corpora of 10,000 and 100,000 questions, each figure printed beside the floor
//! it should be compared to (the time to just read the same bytes, measured in the same run).
//!
//! Options (after `--`): `--sizes 10000,100000` (the corpora to measure), `--reps N` (rounds
//! per timing; the median is shown). The corpora are generated once into
//! `target/bench-corpus/<N>/` by `examples/gen_corpus.rs` and reused. See BENCHMARKS.md.
//!
//! Adding a figure is a few lines: time a closure with [`median`] or [`per_step`], and push a
//! [`Figure`] with its floor or target (see the marked places in [`run_size`]).

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

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

/// Runs `f` `reps` times and returns the median duration.
fn median(reps: usize, mut f: impl FnMut()) -> Duration {
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

/// CPU time (user + system) used so far by this process, and by its children that were
/// waited for (`xargs` and its `cat`s), from /proc/self/stat in ticks of 10 ms. On a machine
/// shared with other work, CPU time says what a run costs better than wall time does.
fn cpu_times() -> (Duration, Duration) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<u64> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // Fields 14 to 17 of proc(5) (utime, stime, cutime, cstime); `rest` starts at field 3.
    let tick = |i: usize| fields.get(i).copied().unwrap_or(0);
    let ms = |ticks: u64| Duration::from_millis(ticks * 10);
    (ms(tick(11) + tick(12)), ms(tick(13) + tick(14)))
}

/// The machine's load average over the last minute.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Where the corpora live: `target/bench-corpus/` (or under `CARGO_TARGET_DIR`).
fn corpus_root() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-corpus")
}

/// The corpus of `n` questions, generated on first use.
fn corpus(n: usize) -> std::io::Result<PathBuf> {
    let dir = corpus_root().join(n.to_string());
    let wanted = format!(
        "version={} n={n} seed={SEED}\n",
        gen_corpus::GENERATOR_VERSION
    );
    let marker = dir.join(gen_corpus::MARKER);
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(dir);
    }
    if dir.exists() {
        // Only ever our own directory under target/: a stale or half-written corpus.
        std::fs::remove_dir_all(&dir)?;
    }
    eprintln!("generating {n} questions into {} ...", dir.display());
    let start = Instant::now();
    let summary = gen_corpus::generate(&dir, n, SEED)?;
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

/// Child mode: load DIR, then print the peak resident memory. Run in a fresh process so the
/// figure is the load's own, not the benchmark's.
fn child_load(dir: &Path) -> ! {
    let before = vm_hwm().unwrap_or(0);
    let report = load(&[dir.to_path_buf()], &LoadOptions::default());
    let after = vm_hwm().unwrap_or(0);
    let (len, cap) = report
        .questions
        .iter()
        .map(held)
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let structs = report.questions.capacity() * std::mem::size_of::<Question>();
    println!(
        "baseline={before} peak={after} rss={} text={len} heap={cap} structs={structs} questions={}",
        proc_status("VmRSS:").unwrap_or(0),
        report.questions.len()
    );
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

/// What the child process that loads reports, in bytes.
struct ChildMemory {
    /// Peak resident memory (VmHWM) after the load.
    peak: u64,
    /// Peak resident memory before it.
    baseline: u64,
    /// Text the questions hold (sum of string lengths).
    text: u64,
    /// Heap blocks they own (sum of capacities).
    heap: u64,
    /// The `Question` structs themselves.
    structs: u64,
}

/// Runs the load in a child process and returns what it reports.
fn peak_memory_of_load(dir: &Path) -> Option<ChildMemory> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .arg("--child-load")
        .arg(dir)
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
        baseline: field("baseline")?,
        text: field("text")?,
        heap: field("heap")?,
        structs: field("structs")?,
    })
}

/// Peak memory and wall time of the real `dossier check DIR`, when GNU time is installed.
fn peak_memory_of_cli(dir: &Path) -> Option<(u64, Duration)> {
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

    // Interleaved rounds, so a burst of load from other processes hits every figure alike.
    let (mut cat, mut read, mut loads) = (Vec::new(), Vec::new(), Vec::new());
    let (mut cat_cpu, mut read_cpu, mut load_cpu, mut walk_cpu) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut questions = 0;
    for _ in 0..reps.max(1) {
        let before = cpu_times();
        cat.push(cat_all(&files)?);
        cat_cpu.push(cpu_times().1 - before.1);

        let before = cpu_times();
        black_box(discover(std::slice::from_ref(&dir)));
        walk_cpu.push(cpu_times().0 - before.0);

        let before = cpu_times();
        let start = Instant::now();
        black_box(read_all(&files));
        read.push(start.elapsed());
        read_cpu.push(cpu_times().0 - before.0);

        let before = cpu_times();
        let start = Instant::now();
        let report = load(std::slice::from_ref(&dir), &LoadOptions::default());
        loads.push(start.elapsed());
        load_cpu.push(cpu_times().0 - before.0);
        questions = report.questions.len();
        drop(report);
    }
    if questions != n {
        eprintln!("warning: loaded {questions} questions, expected {n}");
    }
    let (cat, read, load_time) = (median_of(cat), median_of(read), median_of(loads));
    let read_floor = ms(walk) + ms(read);
    let read_floor_cpu = ms(median_of(walk_cpu)) + ms(median_of(read_cpu));
    let load_cpu = ms(median_of(load_cpu));
    figures.push(Figure::new(
        "walk the directories (discover)",
        ms(walk),
        "ms",
    ));
    figures.push(Figure::new("read the bytes: `xargs cat`", ms(cat), "ms"));
    figures.push(Figure::new(
        "read the bytes: parallel Rust read",
        ms(read),
        "ms",
    ));
    figures.push(
        Figure::new("full load()", ms(load_time), "ms")
            .floor("walk + parallel read", read_floor)
            .target(Target::Ratio(2.0)),
    );
    figures
        .push(Figure::new("full load() vs `xargs cat`", ms(load_time), "ms").floor("cat", ms(cat)));
    figures.push(
        Figure::new("full load(), CPU time", load_cpu, "ms")
            .floor("walk + parallel read, CPU time", read_floor_cpu),
    );
    figures.push(
        Figure::new("full load(), CPU time vs `xargs cat`", load_cpu, "ms")
            .floor("cat, CPU time", ms(median_of(cat_cpu))),
    );

    // Parse throughput, bytes already in memory.
    let docs: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|f| Some((f.display().to_string(), std::fs::read(f).ok()?)))
        .collect();
    let mut single_cpu = Vec::new();
    let single = median(reps, || {
        let before = cpu_times().0;
        let parsed: Vec<_> = docs.iter().map(|(s, b)| parse_bytes(b, s)).collect();
        single_cpu.push(cpu_times().0 - before);
        black_box(parsed);
    });
    let single_cpu = median_of(single_cpu);
    let parallel = median(reps, || {
        let parsed: Vec<_> = docs.par_iter().map(|(s, b)| parse_bytes(b, s)).collect();
        black_box(parsed);
    });
    let read_mbs = mb / read.as_secs_f64();
    figures.push(
        Figure::new(
            "parse throughput, 1 thread",
            mb / single.as_secs_f64(),
            "MB/s",
        )
        .floor("parallel read", read_mbs),
    );
    figures.push(
        Figure::new(
            "parse throughput, 1 thread, per CPU second",
            mb / single_cpu.as_secs_f64().max(0.01),
            "MB/s",
        )
        .floor(
            "walk + parallel read, per CPU second",
            mb / (read_floor_cpu / 1e3).max(0.01),
        ),
    );
    figures.push(
        Figure::new(
            format!("parse throughput, {} threads", rayon::current_num_threads()),
            mb / parallel.as_secs_f64(),
            "MB/s",
        )
        .floor("parallel read", read_mbs),
    );
    drop(docs);

    // Peak memory of a load, in a fresh process, against the corpus's size.
    if let Some(child) = peak_memory_of_load(&dir) {
        let (peak, baseline) = (child.peak, child.baseline);
        figures.push(
            Figure::new("peak memory of load() (VmHWM)", peak as f64 / 1e6, "MB")
                .floor("corpus bytes", mb)
                .target(Target::Ratio(1.5)),
        );
        figures.push(Figure::new(
            "  of which before the load",
            baseline as f64 / 1e6,
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
    }
    if let Some((peak, wall)) = peak_memory_of_cli(&dir) {
        figures.push(
            Figure::new(
                "peak memory of `dossier check DIR`",
                peak as f64 / 1e6,
                "MB",
            )
            .floor("corpus bytes", mb)
            .target(Target::Ratio(1.5)),
        );
        figures.push(
            Figure::new("wall time of `dossier check DIR`", ms(wall), "ms")
                .floor("walk + parallel read", read_floor),
        );
    }

    // The loaded dossier, for the figures below.
    let report = load(std::slice::from_ref(&dir), &LoadOptions::default());

    // ---- FILTER PER KEYSTROKE, through the viewer's own update path: each keystroke parses
    // the query, filters (narrowing from the previous hits when the query only grew) and
    // sorts, as typing in the filter line does. ----
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date");
    let index = dossier_core::query::SearchIndex::build(&report.questions);
    let review =
        dossier_core::review::ReviewStore::unavailable(dossier_core::review::Unusable::ReadingOnly);
    let mut app = dossier::tui::app::App::new(
        dossier::tui::app::Settings::new(dossier_core::i18n::Lang::Fr, today),
        review,
    );
    let _ = dossier::tui::update::start(&mut app);
    let generation = app.load_generation;
    update(
        &mut app,
        Action::Loaded(Box::new(dossier::tui::action::Loaded {
            generation,
            report,
            index,
        })),
    );
    update(&mut app, Action::Resize(200, 50));
    let mut typing = |text: &str| -> Duration {
        let mut times = Vec::new();
        for _ in 0..reps.max(1) {
            update(&mut app, Action::Command(Key::FilterCancel));
            update(&mut app, Action::Command(Key::OpenFilter));
            for c in text.chars() {
                let start = Instant::now();
                update(&mut app, Action::FilterInsert(c));
                times.push(start.elapsed());
            }
        }
        median_of(times)
    };
    let free = typing("sante retraite");
    let field = typing("ministere:sante");
    let text = typing("text:asalee");
    figures.push(
        Figure::new(
            "filter: free words, per keystroke (`sante retraite`)",
            ms(free),
            "ms",
        )
        .target(Target::Max(30.0)),
    );
    figures.push(
        Figure::new(
            "filter: field term, per keystroke (`ministere:sante`)",
            ms(field),
            "ms",
        )
        .target(Target::Max(10.0)),
    );
    figures.push(
        Figure::new(
            "filter: `text:`, per keystroke (`text:asalee`)",
            ms(text),
            "ms",
        )
        .target(Target::Max(300.0)),
    );

    // ---- TUI FRAME: one frame of the whole screen on a TestBackend at 200x50. ----
    update(&mut app, Action::Command(Key::FilterCancel));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 50))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut frame_times = Vec::new();
    for i in 0..(reps.max(1) * 20) {
        // Move the selection so the detail is wrapped anew now and then, as when browsing.
        if i % 5 == 0 {
            update(&mut app, Action::Command(Key::Down));
        }
        let start = Instant::now();
        terminal
            .draw(|f| dossier::tui::view::view(&app, f))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        frame_times.push(start.elapsed());
    }
    figures.push(
        Figure::new(
            "TUI frame, 200x50 (TestBackend)",
            ms(median_of(frame_times)),
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
    if args.first().map(String::as_str) == Some("--child-load") {
        match args.get(1) {
            Some(dir) => child_load(Path::new(dir)),
            None => std::process::exit(2),
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
        "dossier load benchmark: {} CPU(s) available, {} rayon threads, {reps} round(s) per \
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
