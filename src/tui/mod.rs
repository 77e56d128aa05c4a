//! The interactive viewer: state ([`app`]), keys ([`keymap`] -> [`action`]), changes
//! ([`update`]) and drawing ([`view`]). This file is the thin event loop around them: it owns
//! the terminal, restores it on every exit path, and loads large dossiers in the background.

pub mod action;
pub mod app;
pub mod filtering;
pub mod i18n;
pub mod keymap;
pub mod theme;
pub mod update;
pub mod view;
pub mod wrap;

use action::Action;
use app::{App, Dossier};
use chrono::NaiveDate;
use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use dossier_core::i18n::Lang;
use dossier_core::load::{load, load_sample, LoadOptions, LoadReport, Progress};
use dossier_core::query::SearchIndex;
use dossier_core::review::ReviewStore;
use i18n::Phrases;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};
use update::{update, Effect};

/// What the viewer is started with.
pub struct Options {
    /// Files and directories; none for the sample dossier.
    pub paths: Vec<PathBuf>,
    /// Interface language.
    pub lang: Lang,
    /// The date taken as today.
    pub today: NaiveDate,
    /// Mouse reporting.
    pub mouse: bool,
    /// The review file (`--review-file`); by default one per dossier in the data directory.
    pub review_file: Option<PathBuf>,
}

/// Messages from the loading thread.
enum Loaded {
    Progress(Progress),
    Done(Box<(LoadReport, SearchIndex)>),
}

/// How often transient messages age.
const TICK: Duration = Duration::from_millis(250);

/// Runs the viewer until the user quits.
pub fn run(options: Options) -> anyhow::Result<()> {
    let review = ReviewStore::for_dossier(options.review_file.as_deref(), &options.paths);
    let mut app = App::new(Dossier::empty(), options.lang, options.today);
    app.mouse = options.mouse;
    app.review = review;
    let cancel = Arc::new(AtomicBool::new(false));
    let receiver = start_load(&mut app, &options.paths, &cancel);
    let terminal = ratatui::try_init()?;
    install_panic_report();
    let result = event_loop(terminal, app, receiver, &options, &cancel);
    cancel.store(true, Ordering::Relaxed);
    if options.mouse {
        let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableMouseCapture);
    }
    ratatui::restore();
    result
}

/// Loads the dossier: the sample at once, files on a background thread whose progress and
/// result arrive on the returned channel.
fn start_load(
    app: &mut App,
    paths: &[PathBuf],
    cancel: &Arc<AtomicBool>,
) -> Option<mpsc::Receiver<Loaded>> {
    if paths.is_empty() {
        let dossier = Dossier::new(load_sample(), app.today);
        app.set_dossier(dossier);
        app.observe_load();
        return None;
    }
    app.loading = Some(Progress::default());
    let (sender, receiver) = mpsc::channel();
    let paths = paths.to_vec();
    let stop = Arc::clone(cancel);
    std::thread::spawn(move || {
        // mpsc::Sender is not Sync: the rayon workers share it behind a mutex.
        let progress_sender = std::sync::Mutex::new(sender.clone());
        let report_progress = |p: Progress| {
            if let Ok(tx) = progress_sender.lock() {
                let _ = tx.send(Loaded::Progress(p));
            }
        };
        let report = load(
            &paths,
            &LoadOptions {
                progress: Some(&report_progress),
                cancel: Some(&stop),
            },
        );
        let index = SearchIndex::build(&report.questions);
        let _ = sender.send(Loaded::Done(Box::new((report, index))));
    });
    Some(receiver)
}

/// SIGTERM or SIGHUP (the terminal closed): restore the terminal and exit, from a thread of
/// its own, since the main thread may be blocked reading a terminal that is gone. Review
/// changes are saved as they are made, atomically, so nothing is lost.
fn exit_on_signals(mouse: bool) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            if mouse {
                let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableMouseCapture);
            }
            ratatui::restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// After ratatui's own hook has restored the terminal, say where to report the crash.
fn install_panic_report() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        eprintln!(
            "\ndossier crashed; your review notes on disk are safe. Please report this message \
             and what you were doing in the project's issue tracker."
        );
    }));
}

fn event_loop(
    mut terminal: ratatui::DefaultTerminal,
    mut app: App,
    mut receiver: Option<mpsc::Receiver<Loaded>>,
    options: &Options,
    cancel: &Arc<AtomicBool>,
) -> anyhow::Result<()> {
    if options.mouse {
        crossterm::execute!(io::stdout(), crossterm::event::EnableMouseCapture)?;
    }
    exit_on_signals(options.mouse)?;
    let size = terminal.size()?;
    update(&mut app, Action::Resize(size.width, size.height));
    let worker = filtering::FilterWorker::spawn();
    app.background_filtering = true;
    let mut last_tick = Instant::now();
    // Draw only when something may have changed: an idle viewer should cost nothing.
    let mut dirty = true;
    while !app.quit {
        if dirty {
            terminal.draw(|frame| view::view(&app, frame))?;
            dirty = false;
        }
        // Wake often while work runs in the background, seldom when idle.
        let busy = app.filtering || app.pending_job.is_some() || receiver.is_some();
        let wait = Duration::from_millis(if busy { 20 } else { 250 });
        let timeout = TICK.saturating_sub(last_tick.elapsed()).min(wait);
        if event::poll(timeout)? {
            dirty = true;
            // Drain what is queued before drawing again, so fast typing stays fluid.
            loop {
                if let Some(action) = action_for(&app, event::read()?) {
                    match update(&mut app, action) {
                        Some(Effect::Copy(text)) => copy_osc52(&text),
                        Some(Effect::Reload) if receiver.is_none() => {
                            if let Err(e) = app.review.reload() {
                                let text = Phrases(app.lang).not_saved(&e.to_string());
                                app.show(text, app::MessageKind::Warning);
                            }
                            receiver = start_load(&mut app, &options.paths, cancel);
                        }
                        Some(Effect::Reload) | None => {}
                    }
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if let Some(rx) = &receiver {
            let mut finished = false;
            while let Ok(message) = rx.try_recv() {
                dirty = true;
                match message {
                    Loaded::Progress(p) => app.loading = Some(p),
                    Loaded::Done(done) => {
                        let (report, index) = *done;
                        app.set_dossier(Dossier::with_index(report, index, app.today));
                        app.observe_load();
                        finished = true;
                    }
                }
            }
            if finished {
                receiver = None;
            }
        }
        if let Some(job) = app.pending_job.take() {
            worker.submit(job);
        }
        while let Some((generation, hits)) = worker.try_result() {
            app.apply_hits(generation, hits);
            dirty = true;
        }
        if last_tick.elapsed() >= TICK {
            let before = app.message.clone();
            update(&mut app, Action::Tick);
            dirty |= app.message.is_none() != before.is_none();
            last_tick = Instant::now();
        }
    }
    Ok(())
}

/// The action for a terminal event in the app's current mode.
pub fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if app.note_editor.is_some() {
                keymap::note_action(&key)
            } else if app.editing_filter && app.overlay == app::Overlay::None {
                keymap::filter_action(&key)
            } else {
                keymap::normal_action(&key)
            }
        }
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) if app.mouse => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::ScrollDownAt(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::ScrollUpAt(m.column, m.row)),
            MouseEventKind::Down(_) => Some(Action::ClickAt(m.column, m.row)),
            _ => None,
        },
        _ => None,
    }
}

/// Puts text on the clipboard with OSC 52, which terminals (and tmux) pass to the system
/// clipboard, also over SSH.
fn copy_osc52(text: &str) {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}
