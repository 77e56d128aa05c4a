#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
//! Review marks at scale: `X` (mark all shown reviewed) on N questions, then marks, flags
//! and notes with all N reviewed, each as the viewer does it (`update` on the UI thread; the
//! save as the writer thread runs it, timed apart), the bytes each save writes, how the
//! files grow and are compacted, and opening such a state. Each figure is printed beside a
//! floor measured in the same run: an fsync'd write or append of the same bytes to a
//! scratch file, or reading the files' bytes.
//!
//! `cargo bench --bench review` (100,000 questions), or
//! `cargo bench --bench review -- --n 10000 --reps 3`. The corpus is the load bench's,
//! generated once into `target/bench-corpus/<N>/`. See BENCHMARKS.md, section 8.

mod common;

use common::{corpus_root, load_average, size_and_reps};
use dossier::tui::action::{Action, Command, Loaded};
use dossier::tui::app::{App, Settings};
use dossier::tui::effect::Effect;
use dossier::tui::update::{start, update};
use dossier_core::i18n::Lang;
use dossier_core::load::{load, LoadOptions};
use dossier_core::review::disk::{execute_read, execute_save, log_path};
use dossier_core::review::fs::RealFs;
use dossier_core::review::writer::{Done, Job};
use dossier_core::review::{Location, OpenOptions, ReviewStore};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The load bench's seed: both benches share the corpus.
const SEED: u64 = 1;

fn corpus(n: usize) -> std::io::Result<PathBuf> {
    let dir = corpus_root().join(n.to_string());
    let wanted = format!(
        "version={} n={n} seed={SEED}\n",
        dossier_corpus::GENERATOR_VERSION
    );
    if std::fs::read_to_string(dir.join(dossier_corpus::MARKER))
        .ok()
        .as_deref()
        == Some(wanted.as_str())
    {
        return Ok(dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    eprintln!("generating {n} questions into {} ...", dir.display());
    dossier_corpus::generate(&dir, n, SEED)?;
    Ok(dir)
}

/// One line of the results.
struct Figure {
    name: String,
    value: f64,
    unit: &'static str,
    floor: Option<(String, f64)>,
    target: Option<f64>,
}

impl Figure {
    fn new(name: impl Into<String>, value: f64, unit: &'static str) -> Figure {
        Figure {
            name: name.into(),
            value,
            unit,
            floor: None,
            target: None,
        }
    }
    fn floor(mut self, name: impl Into<String>, value: f64) -> Figure {
        self.floor = Some((name.into(), value));
        self
    }
    fn at_most(mut self, target: f64) -> Figure {
        self.target = Some(target);
        self
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(0.0)
}

/// An fsync'd append of `bytes` to a scratch file: the floor of a save of a record.
fn append_floor(scratch: &Path, bytes: &[u8]) -> Duration {
    let start = Instant::now();
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(scratch)
        .unwrap();
    f.write_all(bytes).unwrap();
    f.sync_data().unwrap();
    start.elapsed()
}

/// A new file of `len` bytes written and fsync'd, and renamed into place: the floor of a
/// whole-file save.
fn write_floor(dir: &Path, len: usize) -> Duration {
    let bytes = vec![b'x'; len];
    let temp = dir.join("floor.tmp");
    let start = Instant::now();
    let mut f = std::fs::File::create(&temp).unwrap();
    f.write_all(&bytes).unwrap();
    f.sync_all().unwrap();
    std::fs::rename(&temp, dir.join("floor")).unwrap();
    start.elapsed()
}

/// The time the viewer spent in `update`, and the saves it asked for, run as the writer
/// thread runs them (timed apart), their results fed back to `update` (counted as the
/// viewer's time too).
#[derive(Default)]
struct Cost {
    viewer: Duration,
    writer: Duration,
    written: u64,
    saves: usize,
}

fn act(app: &mut App, action: Action, cost: &mut Cost) {
    let start = Instant::now();
    let mut fx = update(app, action);
    cost.viewer += start.elapsed();
    while let Some(effect) = fx.pop() {
        let done = match effect {
            Effect::Review(Job::Save(job)) => {
                let start = Instant::now();
                let saved = execute_save(&RealFs, &job);
                cost.writer += start.elapsed();
                if let Ok(s) = &saved {
                    cost.written += s.written;
                }
                cost.saves += 1;
                Done::Saved(saved)
            }
            Effect::Review(Job::Read(job)) => Done::Read(execute_read(&RealFs, &job, "bench")),
            // Filters, indexing and the rest run on other threads: not the viewer's time.
            _ => continue,
        };
        let start = Instant::now();
        fx.extend(update(app, Action::Review(Box::new(done))));
        cost.viewer += start.elapsed();
    }
}

fn store_at(file: &Path) -> ReviewStore {
    ReviewStore::open(
        Location::File(file.to_path_buf()),
        OpenOptions {
            lock_dir: Some(file.parent().unwrap().join("locks")),
            ..OpenOptions::new("bench@pc")
        },
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (n, reps) = size_and_reps(&args, 100_000, 3);
    let marks = 200;
    let dir = corpus(n).expect("corpus");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let report = load(std::slice::from_ref(&dir), &LoadOptions::default());
    let questions = report.questions.len();
    // On the disk the review files live on (not a memory file system).
    let work = corpus_root().join("review-bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let file = work.join("reviews.json");
    let scratch = work.join("scratch.log");

    // The viewer on the questions, its review store on `file`.
    let mut app = App::new(Settings::new(Lang::En, today), store_at(&file));
    let _ = start(&mut app);
    let index = dossier_core::query::SearchIndex::build_keys(&report.questions, report.current);
    let generation = app.load.generation.current();
    let mut setup = Cost::default();
    act(&mut app, Action::Resize(200, 50), &mut setup);
    act(
        &mut app,
        Action::Loaded(Box::new(Loaded {
            generation,
            rows: dossier::tui::dossier::Rows::of(&report.questions),
            report,
            index,
        })),
        &mut setup,
    );
    let mut figures = Vec::new();

    // ---- X: every question shown marked reviewed, saved as one change. ----
    let mut x = Cost::default();
    act(
        &mut app,
        Action::Command(Command::MarkShownReviewed),
        &mut x,
    );
    let start_x = Instant::now();
    let before = x.viewer;
    act(&mut app, Action::Command(Command::Yes), &mut x);
    let to_confirmation = start_x.elapsed();
    let text = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(text.contains("marked reviewed"), "{text}");
    assert!(!text.contains("saving"), "saved: {text}");
    let snapshot_len = std::fs::metadata(&file).map_or(0, |m| m.len());
    let floor = write_floor(&work, snapshot_len as usize);
    figures.push(
        Figure::new(
            format!("X on {questions}: to \"marked reviewed\", saved"),
            ms(to_confirmation),
            "ms",
        )
        .floor("fsync'd write of the snapshot's bytes", ms(floor))
        .at_most(1000.0),
    );
    figures.push(Figure::new(
        "  of which the viewer (marks, counts)",
        ms(x.viewer - before),
        "ms",
    ));
    figures.push(Figure::new(
        "  of which the save (writer thread)",
        ms(x.writer),
        "ms",
    ));
    figures.push(Figure::new("  writes of the batch", x.saves as f64, "saves").at_most(1.0));
    figures.push(Figure::new(
        "  snapshot written",
        snapshot_len as f64 / 1e6,
        "MB",
    ));

    // ---- Marks and flags with every question reviewed: one at a time, as typed. ----
    let mut viewer = Vec::new();
    let mut writer = Vec::new();
    let mut written = Vec::new();
    let mut floors = Vec::new();
    for i in 0..marks {
        let command = if i % 2 == 0 {
            Command::ToggleFlag
        } else {
            Command::ToggleReviewed
        };
        let mut c = Cost::default();
        act(&mut app, Action::Command(command), &mut c);
        act(&mut app, Action::Command(Command::Down), &mut c);
        viewer.push(ms(c.viewer));
        writer.push(ms(c.writer));
        written.push(c.written as f64);
        floors.push(ms(append_floor(&scratch, &vec![b'x'; c.written as usize])));
    }
    let (v, w, b, f) = (
        median(viewer),
        median(writer),
        median(written),
        median(floors),
    );
    figures.push(
        Figure::new(
            "a mark or flag: the viewer's time (key, then save done)",
            v,
            "ms",
        )
        .at_most(5.0),
    );
    figures.push(
        Figure::new("  its save (writer thread)", w, "ms")
            .floor("fsync'd append of the same bytes", f),
    );
    figures.push(Figure::new("  bytes written", b, "B").at_most(4096.0));

    // ---- Notes: opened, typed, saved. ----
    let mut viewer = Vec::new();
    let mut writer = Vec::new();
    let mut written = Vec::new();
    let mut floors = Vec::new();
    for i in 0..reps.max(1) * 20 {
        let mut c = Cost::default();
        act(&mut app, Action::Command(Command::EditNote), &mut c);
        assert!(app.layers.note().is_some(), "the editor opens");
        let typed = format!(
            "Relancer le cabinet du ministre ({i}) : appel prévu, réponse attendue avant la fin du mois."
        );
        act(&mut app, Action::Paste(typed), &mut c);
        let mut save = Cost::default();
        act(&mut app, Action::Command(Command::NoteSave), &mut save);
        let text = app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(text.ends_with("saved"), "{text}");
        act(&mut app, Action::Command(Command::Down), &mut save);
        viewer.push(ms(save.viewer));
        writer.push(ms(save.writer));
        written.push(save.written as f64);
        floors.push(ms(append_floor(
            &scratch,
            &vec![b'x'; save.written as usize],
        )));
    }
    figures.push(
        Figure::new(
            "a note saved: the viewer's time (Ctrl-s, then save done)",
            median(viewer),
            "ms",
        )
        .at_most(5.0),
    );
    figures.push(
        Figure::new("  its save (writer thread)", median(writer), "ms")
            .floor("fsync'd append of the same bytes", median(floors)),
    );
    figures.push(Figure::new("  bytes written", median(written), "B").at_most(4096.0));

    // ---- The files: the log grows by its records until it outgrows the snapshot, then a
    // save folds it into a new snapshot. Changes in batches of 1,000 flags (one record each)
    // to get there in a bench's time. ----
    drop(app);
    let log = log_path(&file);
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut store = store_at(&file);
    let ids: Vec<String> = store.state().shared.entries.keys().cloned().collect();
    let mut most = 0f64;
    let mut compaction = None;
    let mut batches = 0;
    let first_snapshot = size(&file);
    while compaction.is_none() && batches < 400 {
        for id in ids
            .iter()
            .skip(batches * 1000 % ids.len().max(1))
            .take(1000)
        {
            store.toggle_flag(id, today).unwrap();
        }
        let job = store.save_job().unwrap();
        let start = Instant::now();
        let saved = execute_save(&RealFs, &job);
        let took = start.elapsed();
        if saved.as_ref().is_ok_and(|s| s.compacted) {
            compaction = Some(took);
        }
        store.saved(saved).unwrap();
        batches += 1;
        let ratio = (size(&file) + size(&log)) as f64 / size(&file).max(1) as f64;
        most = most.max(ratio);
    }
    figures.push(Figure::new("snapshot", first_snapshot as f64 / 1e6, "MB"));
    figures.push(
        Figure::new(
            format!("files / snapshot, most over {batches} records of 1,000 flags"),
            most,
            "x",
        )
        .at_most(2.0),
    );
    if let Some(took) = compaction {
        figures.push(
            Figure::new("  the compaction (writer thread)", ms(took), "ms").floor(
                "fsync'd write of the snapshot's bytes",
                ms(write_floor(&work, size(&file) as usize)),
            ),
        );
    }
    drop(store);

    // ---- Opening such a state (snapshot and log). ----
    let bytes = size(&file) + size(&log);
    let mut opens = Vec::new();
    let mut reads = Vec::new();
    for _ in 0..reps.max(1) {
        let start = Instant::now();
        let a = std::fs::read(&file).unwrap();
        let b = std::fs::read(&log).unwrap();
        std::hint::black_box((a, b));
        reads.push(ms(start.elapsed()));
        let start = Instant::now();
        let store = store_at(&file);
        opens.push(ms(start.elapsed()));
        assert!(!store.is_read_only());
        assert!(store.state().shared.entries.len() >= questions);
    }
    figures.push(
        Figure::new(
            format!("open the state of {questions} reviewed"),
            median(opens),
            "ms",
        )
        .floor(
            format!("reading its {:.1} MB", bytes as f64 / 1e6),
            median(reads),
        )
        .at_most(150.0),
    );

    println!(
        "\nreview marks, {questions} questions, load average {}",
        load_average()
    );
    println!(
        "{:<62} {:>10}  {:<44} {:>8}  {:>8}  verdict",
        "figure", "value", "floor (same run)", "ratio", "target"
    );
    for f in &figures {
        let value = format!("{:.2} {}", f.value, f.unit);
        let (floor, ratio) = match &f.floor {
            Some((name, v)) => (
                format!("{name} {v:.2} {}", f.unit),
                format!("{:.1}x", f.value / v.max(1e-9)),
            ),
            None => (String::new(), String::new()),
        };
        let (target, verdict) = match f.target {
            Some(t) => (
                format!("≤ {t}"),
                if f.value <= t { "met" } else { "MISSED" },
            ),
            None => (String::new(), ""),
        };
        println!(
            "{:<62} {:>10}  {:<44} {:>8}  {:>8}  {verdict}",
            f.name, value, floor, ratio, target
        );
    }
    let _ = std::fs::remove_dir_all(&work);
}
