#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
//! The library as a database, at scale: imports (first, nothing new, 1 % changed), a named
//! dossier opened and printed, a query over the whole library, and what the core gives the
//! viewer (light rows of everything, the first screen of a ranking), each beside its floor
//! measured in the same run.
//!
//! `cargo bench --bench library` (100,000 questions, 3 rounds) or
//! `cargo bench --bench library -- --n 500000 --reps 1`. The corpus (open-data zip archives
//! of four legislatures, seed 7) is generated once into `target/bench-corpus/lib-zip-<N>/`;
//! the libraries are built under `target/bench-corpus/lib-work-<N>/` and left there. See
//! BENCHMARKS.md, section 11.

mod common;

use dossier_core::library::{ImportOptions, Library};
use dossier_core::query::{rank_first, NoReview, Query, SortKey};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SEED: u64 = 7;
/// Words tried as "the frequent word": the one nearest 95 % of the questions is typed.
const FREQUENT: &[&str] = &[
    "ministre",
    "sante",
    "situation",
    "gouvernement",
    "mesures",
    "question",
];
const BIN: &str = env!("CARGO_BIN_EXE_dossier");

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The zip corpus of `n` questions, generated on first use.
fn corpus(n: usize) -> PathBuf {
    let dir = common::corpus_root().join(format!("lib-zip-{n}"));
    let wanted = format!(
        "version={} n={n} seed={SEED}\n",
        dossier_corpus::GENERATOR_VERSION
    );
    if std::fs::read_to_string(dir.join(dossier_corpus::MARKER))
        .ok()
        .as_deref()
        == Some(&wanted)
    {
        return dir;
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!(
        "generating {n} questions as zip archives into {} ...",
        dir.display()
    );
    dossier_corpus::generate_with(&dir, n, SEED, dossier_corpus::Format::Zip).unwrap();
    dir
}

/// The text pages of `n` questions (the load bench's corpus), generated on first use.
fn pages(n: usize) -> PathBuf {
    let dir = common::corpus_root().join(n.to_string());
    let wanted = format!(
        "version={} n={n} seed=1\n",
        dossier_corpus::GENERATOR_VERSION
    );
    if std::fs::read_to_string(dir.join(dossier_corpus::MARKER))
        .ok()
        .as_deref()
        == Some(&wanted)
    {
        return dir;
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!("generating {n} text pages into {} ...", dir.display());
    dossier_corpus::generate(&dir, n, 1).unwrap();
    dir
}

fn files(dir: &Path, ext: Option<&str>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if ext.is_none_or(|x| name.ends_with(x)) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Runs a command to nowhere, timed; with `/usr/bin/time`, its peak memory (KiB).
fn timed(program: &str, args: &[&str], env: &[(&str, &str)]) -> (Duration, Option<u64>) {
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut cmd = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M"]).arg(program);
        c
    } else {
        Command::new(program)
    };
    cmd.args(args)
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("runs");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    let t = start.elapsed();
    assert!(
        status.code().is_some_and(|c| c <= 1),
        "{program} {args:?}: {err}"
    );
    let peak = err.lines().last().and_then(|l| l.trim().parse().ok());
    (t, peak)
}

/// Median of `reps` timed runs, and the largest peak memory seen.
fn timed_median(
    reps: usize,
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> (Duration, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..reps.max(1) {
        let (t, p) = timed(program, args, env);
        times.push(t);
        peak = peak.max(p.unwrap_or(0));
    }
    times.sort();
    (times[times.len() / 2], peak)
}

/// `/proc/self/io`'s bytes written through write calls (wchar) and to storage (write_bytes).
fn written() -> (u64, u64) {
    let text = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    (field("wchar:"), field("write_bytes:"))
}

fn size(dir: &Path) -> u64 {
    ["library.db", "library.db-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum()
}

/// Copies the archives of `from` into `to` with 1 % of the question entries edited (" de "
/// made " du " in their JSON: texts and titles changed), written beside and renamed over
/// the originals, as a new day's download replaces yesterday's.
fn edit_one_percent(from: &Path, to: &Path) -> usize {
    let mut edited = 0;
    for archive in files(from, Some(".zip")) {
        let rel = archive.strip_prefix(from).unwrap();
        let out = to.join(rel);
        let tmp = out.with_extension("zip.new");
        let mut zin = zip::ZipArchive::new(std::fs::File::open(&archive).unwrap()).unwrap();
        let mut zout = zip::ZipWriter::new(std::fs::File::create(&tmp).unwrap());
        let questions = !rel.to_string_lossy().contains("amo");
        for i in 0..zin.len() {
            let mut entry = zin.by_index(i).unwrap();
            let name = entry.name().to_string();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            if questions && i % 100 == 7 {
                let text = String::from_utf8(bytes).unwrap();
                let changed = text.replace(" de ", " du ");
                if changed != text {
                    edited += 1;
                }
                bytes = changed.into_bytes();
            }
            zout.start_file(
                name,
                zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated),
            )
            .unwrap();
            zout.write_all(&bytes).unwrap();
        }
        zout.finish().unwrap();
        std::fs::rename(&tmp, &out).unwrap();
    }
    edited
}

/// Hard links of the archives of `from` into `to` (a working copy an edit can replace).
fn link_copy(from: &Path, to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap();
    }
    for f in files(from, None) {
        let out = to.join(f.strip_prefix(from).unwrap());
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::hard_link(&f, &out).unwrap();
    }
}

struct Table(Vec<String>);

impl Table {
    fn row(&mut self, figure: &str, value: String, floor: String, ratio: String, target: &str) {
        self.0.push(format!(
            "| {figure} | {value} | {floor} | {ratio} | {target} |"
        ));
    }
}

/// The peak resident memory of this process so far (VmHWM), in bytes.
fn vm_hwm() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The viewer on the whole library, as it starts: the load its first action asks for (its
/// first page handed over and drawn first, as the load's lane does), the search keys, the
/// state installed, the whole library's first frame drawn (120x40). With the time to the
/// first page drawn.
fn viewer_on(lib: &Path, today: chrono::NaiveDate) -> (dossier::tui::app::App, Duration) {
    use dossier::tui::action::{Action, Loaded};
    let origin = dossier_core::library::Origin::Library {
        dir: lib.to_path_buf(),
        dossier: None,
    };
    let started = Instant::now();
    let review =
        dossier_core::review::ReviewStore::unavailable(dossier_core::review::Unusable::ReadingOnly);
    let mut app = dossier::tui::app::App::new(
        dossier::tui::app::Settings::new(dossier_core::i18n::Lang::Fr, today),
        review,
    );
    let _ = dossier::tui::update::start(&mut app);
    dossier::tui::update::update(&mut app, Action::Resize(120, 40));
    let generation = app.load.generation.current();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let page = origin
        .first_page(dossier::tui::effect::FIRST_PAGE, None)
        .unwrap();
    let index = dossier_core::query::SearchIndex::build_keys(&page.questions, page.current);
    dossier::tui::update::update(
        &mut app,
        Action::Preview(Box::new(Loaded {
            generation,
            rows: dossier::tui::dossier::Rows::of(&page.questions),
            report: page,
            index,
        })),
    );
    assert!(!app.hits.is_empty());
    terminal
        .draw(|f| dossier::tui::screen::draw(&app, f))
        .unwrap();
    let first_screen = started.elapsed();
    let loaded = dossier::tui::effect::load_light(generation, &origin, None)
        .unwrap()
        .unwrap();
    let keyed = started.elapsed();
    dossier::tui::update::update(&mut app, Action::Loaded(Box::new(loaded)));
    let installed = started.elapsed();
    dossier::tui::update::update(&mut app, Action::Resize(120, 40));
    if std::env::var_os("BENCH_PHASES").is_some() {
        let library = dossier_core::library::Library::at(lib);
        let reader = library.reader().unwrap();
        let t0 = Instant::now();
        let read = reader.questions(None).unwrap();
        let t1 = Instant::now();
        let qids: Vec<i64> = read.iter().map(|(q, _)| *q).collect();
        let words = dossier_core::query::segments::StoredWords::open(reader.connection()).unwrap();
        let t2 = Instant::now();
        let _ = words.to_word_index(reader.connection(), &qids).unwrap();
        let t3 = Instant::now();
        eprintln!(
            "questions {:.0} ms, segments opened {:.0} ms, index {:.0} ms",
            ms(t1 - t0),
            ms(t2 - t1),
            ms(t3 - t2)
        );
        eprintln!(
            "load with its search keys {:.0} ms, installed {:.0} ms",
            ms(keyed),
            ms(installed - keyed)
        );
    }
    terminal
        .draw(|f| dossier::tui::screen::draw(&app, f))
        .unwrap();
    (app, first_screen)
}

/// Child mode: the viewer's first screen on the library, in a process of its own so that
/// its peak memory is the viewer's; prints the time to it (ms) and the peak (bytes).
fn viewer_child(lib: &Path) -> ! {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let start = Instant::now();
    let (app, first_page) = viewer_on(lib, today);
    let whole = start.elapsed();
    assert!(!app.hits.is_empty());
    println!("{} {} {}", ms(first_page), ms(whole), vm_hwm());
    std::process::exit(0)
}

/// Each keystroke of `text` typed in the viewer's filter line, to its first screen of
/// results drawn: the key handled (`update`), the filter's job run as its lane runs it, the
/// first screens it hands over installed (`HitsReady`, not complete) and the frame drawn;
/// the complete list is then installed (untimed), as the lane's last answer.
fn typed_in_viewer(app: &mut dossier::tui::app::App, text: &str, reps: usize) -> Vec<Duration> {
    use dossier::tui::action::{Action, Command as Key};
    use dossier::tui::effect::Effect;
    use dossier::tui::update::update;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let mut times = Vec::new();
    for _ in 0..reps.max(1) {
        let _ = update(app, Action::Command(Key::OpenFilter));
        for c in text.chars() {
            let start = Instant::now();
            let effects = update(app, Action::Insert(c));
            for effect in effects {
                let Effect::Filter(job) = effect else {
                    continue;
                };
                let generation = job.generation;
                let mut first_at = None;
                let hits = dossier::tui::filtering::compute_in_steps(
                    &job,
                    &std::sync::atomic::AtomicBool::new(false),
                    |first| {
                        let handed = start.elapsed();
                        let _ = update(
                            app,
                            Action::HitsReady {
                                generation,
                                hits: first,
                                complete: false,
                            },
                        );
                        let installed = start.elapsed();
                        terminal
                            .draw(|f| dossier::tui::screen::draw(app, f))
                            .unwrap();
                        first_at = Some(start.elapsed());
                        if std::env::var_os("BENCH_PHASES").is_some() {
                            eprintln!(
                                "{c}: handed {:.1} ms, installed {:.1} ms, drawn {:.1} ms",
                                ms(handed),
                                ms(installed - handed),
                                ms(start.elapsed() - installed)
                            );
                        }
                    },
                );
                if let Some(hits) = hits {
                    let _ = update(
                        app,
                        Action::HitsReady {
                            generation,
                            hits,
                            complete: true,
                        },
                    );
                }
                times.push(first_at.unwrap_or_else(|| {
                    terminal
                        .draw(|f| dossier::tui::screen::draw(app, f))
                        .unwrap();
                    start.elapsed()
                }));
            }
        }
        // The filter cleared for the next round, its list installed.
        for effect in update(app, Action::Command(Key::FilterCancel)) {
            if let Effect::Filter(job) = effect {
                let hits = dossier::tui::filtering::compute(
                    &job,
                    &std::sync::atomic::AtomicBool::new(false),
                );
                let _ = update(
                    app,
                    Action::HitsReady {
                        generation: job.generation,
                        hits: hits.unwrap_or_default(),
                        complete: true,
                    },
                );
            }
        }
    }
    times
}

/// The viewer on the whole library: its first screen and peak memory (a process of its
/// own), then each keystroke to its first screen of results, a frequent word included.
fn viewer_figures(lib_dir: &Path, reps: usize, t: &mut Table) {
    let me = std::env::current_exe().unwrap();
    let mut firsts = Vec::new();
    let mut wholes = Vec::new();
    let mut peak = 0u64;
    for _ in 0..reps.max(1) {
        let out = Command::new(&me)
            .arg("--viewer-child")
            .arg(lib_dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let mut fields = text.split_whitespace();
        firsts.push(fields.next().unwrap().parse::<f64>().unwrap());
        wholes.push(fields.next().unwrap().parse::<f64>().unwrap());
        peak = peak.max(fields.next().unwrap().parse().unwrap());
    }
    firsts.sort_by(f64::total_cmp);
    wholes.sort_by(f64::total_cmp);
    let on_disk = size(lib_dir);
    t.row(
        "viewer on the whole library: first screen (its newest questions)",
        format!("{:.0} ms", firsts[firsts.len() / 2]),
        String::new(),
        String::new(),
        "≤ 1 s",
    );
    t.row(
        "viewer on the whole library: every question shown",
        format!("{:.0} ms", wholes[wholes.len() / 2]),
        String::new(),
        String::new(),
        "",
    );
    t.row(
        "viewer on the whole library: peak memory",
        format!("{:.0} MB", peak as f64 / 1e6),
        format!("library on disk {:.0} MB", on_disk as f64 / 1e6),
        format!("{:.2}x", peak as f64 / on_disk as f64),
        "≤ 0.5x",
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let (mut app, _) = viewer_on(lib_dir, today);
    let dossier = std::sync::Arc::clone(&app.dossier);
    // The word nearest 95 % of the questions, and a rare one.
    let share = |w: &str| {
        let q = Query::parse(w).unwrap();
        let ctx = dossier_core::query::QueryContext {
            today,
            review: &NoReview,
            related: None,
            texts: Some(dossier.as_ref()),
        };
        dossier_core::query::filter(&dossier.rows, &dossier.index, &q, &ctx, None).len() as f64
            / dossier.len().max(1) as f64
    };
    let frequent = FREQUENT
        .iter()
        .map(|w| (*w, share(w)))
        .min_by(|a, b| (a.1 - 0.95).abs().total_cmp(&(b.1 - 0.95).abs()))
        .unwrap();
    let redraw = {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        let mut times = Vec::new();
        for i in 0..20 {
            let start = Instant::now();
            let key = if i % 2 == 0 {
                dossier::tui::action::Command::Down
            } else {
                dossier::tui::action::Command::Up
            };
            dossier::tui::update::update(&mut app, dossier::tui::action::Action::Command(key));
            terminal
                .draw(|f| dossier::tui::screen::draw(&app, f))
                .unwrap();
            times.push(start.elapsed());
        }
        common::median_and_worst(times).0
    };
    let typed = [
        (
            format!(
                "a frequent word (in {:.0} % of the questions)",
                frequent.1 * 100.0
            ),
            frequent.0.to_string(),
        ),
        ("a rarer word".to_string(), "asalee".to_string()),
        (
            "`text:` a frequent word".to_string(),
            format!("text:{}", frequent.0),
        ),
        ("a field term".to_string(), "ministere:sante".to_string()),
    ];
    let mut app = app;
    app.background_filtering = true;
    for (what, text) in typed {
        let (median, worst) = common::median_and_worst(typed_in_viewer(&mut app, &text, reps));
        t.row(
            &format!(
                "viewer, keystroke to its first screen drawn, {what}: `{text}`, median / worst"
            ),
            format!("{:.1} / {:.1} ms", ms(median), ms(worst)),
            format!("a key that only redraws {:.2} ms", ms(redraw)),
            String::new(),
            "≤ 16 / ≤ 50 ms",
        );
        let (median, worst) =
            common::median_and_worst(common::keystrokes(&dossier, &text, today, reps));
        t.row(
            "… of which the filter's work to its first screens",
            format!("{:.1} / {:.1} ms", ms(median), ms(worst)),
            String::new(),
            String::new(),
            "",
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, lib, ..] = args.as_slice() {
        if flag == "--viewer-child" {
            viewer_child(Path::new(lib));
        }
    }
    let (n, reps) = common::size_and_reps(&args, 100_000, 3);
    println!(
        "library benchmark: {n} questions, {reps} round(s), {} CPU(s), load average {}",
        std::thread::available_parallelism().map_or(1, |p| p.get()),
        common::load_average()
    );
    let pristine = corpus(n);
    let work = common::corpus_root().join(format!("lib-work-{n}"));
    let archives_dir = work.join("archives");
    link_copy(&pristine, &archives_dir);
    let archives = files(&archives_dir, Some(".zip"));
    let archive_bytes: u64 = archives
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    let lib_dir = work.join("library");
    let home = work.join("home");
    let env_home = home.display().to_string();
    let env_lib = lib_dir.display().to_string();
    let env: Vec<(&str, &str)> = vec![
        ("XDG_DATA_HOME", &env_home),
        ("XDG_CONFIG_HOME", &env_home),
        ("XDG_CACHE_HOME", &env_home),
        ("XDG_STATE_HOME", &env_home),
        ("DOSSIER_LIBRARY", &env_lib),
        ("DOSSIER_TODAY", "2026-11-22"),
    ];
    let mut t = Table(Vec::new());
    if args.iter().any(|a| a == "--viewer") {
        // The viewer's figures alone, on the library a previous run built.
        viewer_figures(&lib_dir, reps, &mut t);
        for row in &t.0 {
            println!("{row}");
        }
        return;
    }

    // The floor: unzip decompressing every entry of the same archives to nowhere.
    let unzip = common::median(reps, || {
        for a in &archives {
            let status = Command::new("unzip")
                .arg("-p")
                .arg(a)
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
        }
    });
    let ratio = |d: Duration, floor: Duration| format!("{:.2}x", ms(d) / ms(floor));

    // First import into an empty library (the binary, as a user runs it).
    let archive_arg = archives_dir.display().to_string();
    let mut first = Vec::new();
    let mut first_peak = 0;
    for _ in 0..reps.max(1) {
        if lib_dir.exists() {
            std::fs::remove_dir_all(&lib_dir).unwrap();
        }
        let (d, p) = timed(BIN, &["import", &archive_arg], &env);
        first.push(d);
        first_peak = first_peak.max(p.unwrap_or(0));
    }
    first.sort();
    let first = first[first.len() / 2];
    let lib_size = size(&lib_dir);
    t.row(
        "first import (read, index, relate, write a new file)",
        format!(
            "{:.0} ms, {:.0} MB peak",
            ms(first),
            first_peak as f64 / 1024.0
        ),
        format!("`unzip -p` {:.0} ms", ms(unzip)),
        ratio(first, unzip),
        "≤ 2x",
    );
    // Nothing new: the same archives again.
    let (again, again_peak) = timed_median(reps, BIN, &["import", &archive_arg], &env);
    t.row(
        "import again, nothing new",
        format!(
            "{:.0} ms, {:.0} MB peak",
            ms(again),
            again_peak as f64 / 1024.0
        ),
        format!("`unzip -p` {:.0} ms", ms(unzip)),
        ratio(again, unzip),
        "≤ 1.0x",
    );

    // A named dossier of the sizes: 850 questions at 100,000 (the 815), 1,496
    // at 500,000 (its 1,496).
    let dossier_query = if n >= 500_000 {
        "asalee statut:attente"
    } else {
        "asalee"
    };
    let status = Command::new(BIN)
        .args(["dossiers", "add", "bench", dossier_query])
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let members = {
        let library = Library::at(&lib_dir);
        let reader = library.reader().unwrap();
        let d = reader.dossiers().unwrap().get("bench").unwrap().clone();
        reader
            .members(&d, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
            .unwrap()
            .len()
    };
    let (startup, _) = timed_median(reps.max(3), BIN, &["--version"], &env);
    let (open, open_peak) = timed_median(reps.max(5), BIN, &["-d", "bench", "list"], &env);
    t.row(
        &format!("`dossier -d NAME list`, {members} questions (`{dossier_query}`)"),
        format!(
            "{:.0} ms, {:.1} MB peak",
            ms(open),
            open_peak as f64 / 1024.0
        ),
        format!("`dossier --version` {:.0} ms", ms(startup)),
        String::new(),
        "≤ 100 ms, ≤ 100 MB",
    );
    let (export, export_peak) = timed_median(reps.max(3), BIN, &["-d", "bench", "export"], &env);
    t.row(
        "`dossier -d NAME export` (full records and relations)",
        format!(
            "{:.0} ms, {:.1} MB peak",
            ms(export),
            export_peak as f64 / 1024.0
        ),
        String::new(),
        String::new(),
        "",
    );
    let (overdue, overdue_peak) =
        timed_median(reps.max(3), BIN, &["list", "-q", "est:retard"], &env);
    t.row(
        "`dossier list -q est:retard`, whole library",
        format!(
            "{:.0} ms, {:.0} MB peak",
            ms(overdue),
            overdue_peak as f64 / 1024.0
        ),
        String::new(),
        String::new(),
        "≤ 1 s at 500,000",
    );

    // What the core gives the viewer: light rows of everything, a frequent word's first
    // screen.
    {
        let library = Library::at(&lib_dir);
        let reader = library.reader().unwrap();
        let mut rows = Vec::new();
        let load_rows = common::median(reps, || rows = reader.rows(None).unwrap());
        let all = common::median(1, || {
            let _ = reader.questions(None).unwrap();
        });
        t.row(
            "light rows of every question (`Reader::rows`)",
            format!("{:.0} ms", ms(load_rows)),
            format!("full questions {:.0} ms", ms(all)),
            ratio(load_rows, all),
            "",
        );
        // The word in most questions, nearest 95 %.
        let words = dossier_core::query::segments::StoredWords::open(reader.connection()).unwrap();
        let _ = words;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let questions = |_: &[i64]| Ok(Vec::new());
        let current = reader.current(None);
        let ctx = dossier_core::query::db::DbContext {
            today,
            current,
            review: &NoReview,
            questions: &questions,
        };
        let searcher = reader.searcher();
        let mut best = ("".to_string(), 0usize);
        for &w in FREQUENT {
            let q = Query::parse(w).unwrap();
            let hits = searcher.select_among(&q, &ctx, &rows).unwrap().len();
            let share = hits as f64 / rows.len() as f64;
            if (share - 0.95).abs() < (best.1 as f64 / rows.len() as f64 - 0.95).abs() {
                best = (w.to_string(), hits);
            }
        }
        let q = Query::parse(&best.0).unwrap();
        let mut hits = Vec::new();
        let select = common::median(reps, || {
            hits = searcher.select_among(&q, &ctx, &rows).unwrap()
        });
        let few: Vec<_> = hits.iter().take(50).copied().collect();
        let mut first_screen = 0;
        let top = common::median(reps.max(5), || {
            let r = rank_first(
                &rows,
                hits.clone(),
                SortKey::Date,
                false,
                true,
                (today, current),
                50,
            );
            first_screen = r.first.len();
        });
        let top_few = common::median(reps.max(5), || {
            let _ = rank_first(
                &rows,
                few.clone(),
                SortKey::Date,
                false,
                true,
                (today, current),
                50,
            );
        });
        t.row(
            &format!(
                "filter `{}` over the light rows held ({} hits, {:.0} %)",
                best.0,
                best.1,
                100.0 * best.1 as f64 / rows.len().max(1) as f64
            ),
            format!("{:.0} ms", ms(select)),
            String::new(),
            String::new(),
            "",
        );
        t.row(
            &format!(
                "… its first screen ranked ({first_screen} of {} hits)",
                hits.len()
            ),
            format!("{:.1} ms", ms(top)),
            format!("ranking 50 hits {:.2} ms", ms(top_few)),
            String::new(),
            "",
        );
    }

    viewer_figures(&lib_dir, reps, &mut t);

    // 1 % of the questions changed: the new day's archives replace the old ones.
    let edited = edit_one_percent(&pristine, &archives_dir);
    let before = size(&lib_dir);
    let (wchar0, bytes0) = written();
    let started = Instant::now();
    let report = Library::at(&lib_dir)
        .import_with(
            std::slice::from_ref(&archives_dir),
            &ImportOptions {
                progress: None,
                now: "2026-11-23T08:00:00+01:00",
                today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                related: &dossier_core::related::Config::default(),
            },
        )
        .unwrap();
    let changed_time = started.elapsed();
    let (wchar1, bytes1) = written();
    let wrote = wchar1 - wchar0;
    t.row(
        &format!(
            "import with 1 % changed ({edited} entries edited; {} written, {} unchanged)",
            report.read - report.unchanged,
            report.unchanged
        ),
        format!(
            "{:.0} ms; {:.1} MB written ({:.1} MB to storage)",
            ms(changed_time),
            wrote as f64 / 1e6,
            (bytes1 - bytes0) as f64 / 1e6
        ),
        format!("library {:.0} MB", before as f64 / 1e6),
        format!("{:.1} %", 100.0 * wrote as f64 / before as f64),
        "≤ 5 %",
    );
    // The edits undone: the next day brings yesterday's archives back (as a new download).
    link_copy(&pristine, &archives_dir);

    // A folder of text pages: nothing new, beside `xargs cat`.
    let pages_n = n.min(100_000);
    let pages_dir = pages(pages_n);
    let page_lib = work.join("pages-library");
    if page_lib.exists() {
        std::fs::remove_dir_all(&page_lib).unwrap();
    }
    let page_lib_s = page_lib.display().to_string();
    let pages_s = pages_dir.display().to_string();
    let page_env: Vec<(&str, &str)> = env
        .iter()
        .map(|(k, v)| {
            if *k == "DOSSIER_LIBRARY" {
                (*k, page_lib_s.as_str())
            } else {
                (*k, *v)
            }
        })
        .collect();
    let (page_first, _) = timed(BIN, &["import", &pages_s], &page_env);
    let page_files = files(&pages_dir, None);
    let list = work.join("pages.list");
    let mut listing = Vec::new();
    for f in &page_files {
        listing.extend_from_slice(f.as_os_str().as_encoded_bytes());
        listing.push(0);
    }
    std::fs::write(&list, listing).unwrap();
    let cat = common::median(reps, || {
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("xargs -0 cat < '{}' > /dev/null", list.display()))
            .status()
            .unwrap();
        assert!(status.success());
    });
    let (page_again, page_peak) = timed_median(reps, BIN, &["import", &pages_s], &page_env);
    t.row(
        &format!("{pages_n} text pages: first import"),
        format!("{:.0} ms", ms(page_first)),
        format!("`xargs cat` {:.0} ms", ms(cat)),
        ratio(page_first, cat),
        "",
    );
    t.row(
        &format!("{pages_n} text pages: import again, nothing new"),
        format!(
            "{:.0} ms, {:.0} MB peak",
            ms(page_again),
            page_peak as f64 / 1024.0
        ),
        format!("`xargs cat` {:.0} ms", ms(cat)),
        ratio(page_again, cat),
        "≤ 1.0x",
    );

    println!(
        "\n{n} questions in {} archives ({:.0} MB); library {:.0} MB on disk ({:.0} MB after the 1 % import)\n",
        archives.len(),
        archive_bytes as f64 / 1e6,
        lib_size as f64 / 1e6,
        size(&lib_dir) as f64 / 1e6
    );
    println!("| figure | value | floor (same run) | ratio | target |");
    println!("|---|---|---|---|---|");
    for row in &t.0 {
        println!("{row}");
    }
    println!("\nload average at the end: {}", common::load_average());
}
