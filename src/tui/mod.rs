//! The interactive viewer: state ([`app`]), keys ([`keymap`] -> [`action`]), changes
//! ([`update`], the only place the state changes, returning effects), layout ([`layout`],
//! with the pane contents of [`content`]) and drawing ([`view`]). This file is the event
//! loop around them: it owns the terminal ([`terminal`]), turns terminal events, signals and
//! background results into actions, and runs the effects.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod content;
pub mod editor;
pub mod effects;
pub mod external;
pub mod filtering;
pub mod held;
pub mod keymap;
pub mod layout;
pub mod related;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod words;
pub mod wrap;

use crate::tui::words::ui;
use action::{Action, Loaded};
use app::{App, Settings};
use crossterm::event::{self, Event as TermEvent, KeyEventKind, MouseEventKind};
use dossier_core::cache::Cache;
use dossier_core::library::Origin;
use dossier_core::load::{LoadOptions, Progress};
use dossier_core::query::words::WordIndex;
use dossier_core::query::SearchIndex;
use dossier_core::review::writer::{Job, Writer};
use dossier_core::review::ReviewStore;
use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};
use update::{update, Effect};

pub use effects::ReviewOpener;

/// What the viewer is started with.
pub struct Options {
    /// Language, keys, theme, sort, mouse, first filter, and where the questions come from.
    pub settings: Settings,
    /// Review marks and notes.
    pub review: ReviewStore,
    /// Opens the review marks of another dossier (the switcher).
    pub review_opener: ReviewOpener,
    /// The cache between runs, when one is used.
    pub cache: Option<Cache>,
}

/// How the viewer ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A signal ended it (its number).
    Signal(i32),
}

/// Why the viewer could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Standard input or output is not a terminal.
    #[error("the viewer needs a terminal")]
    NotATerminal,
    /// The terminal could not be set up.
    #[error("cannot set up the terminal: {0}")]
    Terminal(#[from] io::Error),
}

/// What reaches the event loop.
enum Event {
    Input(TermEvent),
    Action(Action),
    Signal(i32),
    InputGone,
}

/// What waits for `update`: actions, and terminal events not yet read as keys (a key's
/// meaning depends on the mode the keys before it leave).
enum Queued {
    Action(Action),
    Input(TermEvent),
}

/// How often transient messages age and review files are checked.
const TICK: Duration = Duration::from_millis(250);

/// How long quitting waits for pending saves.
const FLUSH_WAIT: Duration = Duration::from_secs(4);

/// How long a signal waits for the loop to end cleanly before forcing the exit.
const SIGNAL_GRACE: Duration = Duration::from_secs(5);

/// Runs the viewer until the user quits (or a signal ends it). Returns how it ended and what
/// to print once the terminal is back (unsaved changes).
pub fn run(options: Options) -> Result<(Ended, Vec<String>), StartError> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(StartError::NotATerminal);
    }
    let lang = options.settings.lang;
    let mouse = options.settings.mouse;
    let (tx, rx) = mpsc::channel::<Event>();
    terminal::install_panic_hook(ui::crashed(lang));
    watch_signals(tx.clone())?;
    let mut term = terminal::open(mouse)?;
    let paused = Arc::new(AtomicBool::new(false));
    spawn_input(tx.clone(), Arc::clone(&paused));
    let result = event_loop(&mut term, options, &tx, &rx, &paused);
    terminal::restore();
    Ok(result)
}

/// SIGINT, SIGQUIT, SIGTERM, SIGHUP end the viewer (cleanly through the loop, or after a
/// grace period from here, if the loop is stuck on a terminal that is gone); SIGTSTP
/// suspends it; SIGCONT after an outside stop redraws.
fn watch_signals(tx: Sender<Event>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if external::CHILD_RUNNING.load(Ordering::SeqCst) {
                match signal {
                    // The keyboard's Ctrl-c and Ctrl-\ are for the program on the terminal.
                    SIGINT | SIGQUIT | SIGCONT => continue,
                    // Ctrl-z stops the program and the viewer together, as the shell expects.
                    SIGTSTP => {
                        #[cfg(unix)]
                        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                        continue;
                    }
                    _ => {}
                }
            }
            let _ = tx.send(Event::Signal(signal));
            if matches!(signal, SIGINT | SIGQUIT | SIGTERM | SIGHUP) {
                std::thread::spawn(move || {
                    std::thread::sleep(SIGNAL_GRACE);
                    terminal::restore();
                    std::process::exit(128 + signal);
                });
            }
        }
    });
    Ok(())
}

/// Reads terminal events on a thread of its own, so that the loop never blocks on the
/// terminal; paused while the terminal is handed back (suspend).
fn spawn_input(tx: Sender<Event>, paused: Arc<AtomicBool>) {
    std::thread::spawn(move || loop {
        if paused.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        match event::poll(Duration::from_millis(50)) {
            Ok(true) => match event::read() {
                Ok(e) => {
                    if tx.send(Event::Input(e)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Event::InputGone);
                    return;
                }
            },
            Ok(false) => {}
            Err(_) => {
                let _ = tx.send(Event::InputGone);
                return;
            }
        }
    });
}

/// The action for a terminal event in the app's current mode.
pub fn action_for(app: &App, event: TermEvent) -> Option<Action> {
    match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => {
            app.keymap.action(app.mode(), &key)
        }
        TermEvent::Paste(text) => match app.mode() {
            keymap::Mode::Note => Some(Action::Paste(text)),
            keymap::Mode::Filter => Some(Action::Paste(text)),
            keymap::Mode::Prompt => Some(Action::Paste(text)),
            keymap::Mode::Normal => None,
        },
        TermEvent::Resize(w, h) => Some(Action::Resize(w, h)),
        TermEvent::Mouse(m) if app.mouse => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                down: true,
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                down: false,
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::Down(_) => Some(Action::Click(m.column, m.row)),
            _ => None,
        },
        _ => None,
    }
}

/// The background workers and what the loop needs to run effects.
struct Workers {
    tx: Sender<Event>,
    lang: dossier_core::i18n::Lang,
    mouse: bool,
    review_opener: ReviewOpener,
    today: chrono::NaiveDate,
    legislature: Option<u16>,
    cancel_load: Arc<AtomicBool>,
    filter: filtering::FilterWorker,
    writer: Writer,
    cache: Option<Cache>,
}

impl Workers {
    fn run(
        &mut self,
        effect: Effect,
        term: &mut terminal::Term,
        paused: &AtomicBool,
    ) -> Option<Action> {
        match effect {
            Effect::Load { generation, origin } => {
                self.cancel_load.store(true, Ordering::SeqCst);
                self.cancel_load = Arc::new(AtomicBool::new(false));
                spawn_load(
                    self.tx.clone(),
                    origin,
                    generation,
                    Arc::clone(&self.cancel_load),
                    self.cache.clone(),
                    self.today,
                    self.legislature,
                );
                None
            }
            Effect::StoreCache(dossier) => {
                if let Some(cache) = self.cache.clone() {
                    // Detached: quitting meanwhile leaves the previous cache in place.
                    std::thread::spawn(move || {
                        if let Some(ticket) = &dossier.cache_ticket {
                            let related = dossier.related.get().map(|r| r.to_stored());
                            let _ = cache.store(
                                ticket,
                                &dossier.questions,
                                dossier.index.words(),
                                related.as_ref(),
                            );
                        }
                    });
                }
                None
            }
            Effect::Index {
                generation,
                dossier,
            } => {
                let tx = self.tx.clone();
                let cancel = Arc::clone(&self.cancel_load);
                std::thread::spawn(move || {
                    if let Some(words) = WordIndex::build_cancellable(&dossier.questions, &cancel) {
                        let _ = tx.send(Event::Action(Action::Indexed {
                            generation,
                            words: Box::new(words),
                        }));
                    }
                });
                None
            }
            Effect::Relate {
                generation,
                dossier,
                config,
            } => {
                self.background(move || {
                    let related =
                        dossier_core::related::RelatedSet::build(&dossier.questions, &config);
                    Action::Related {
                        generation,
                        related: Box::new(related),
                    }
                });
                None
            }
            Effect::Filter(job) => {
                self.filter.submit(job);
                None
            }
            Effect::Review(job) => {
                if !self.writer.submit(job) {
                    let lang = dossier_core::i18n::Lang::Fr;
                    return Some(Action::Copied(Err(ui::not_saved(
                        lang,
                        "writer thread gone",
                    ))));
                }
                None
            }
            Effect::ListChoices { origin, views_file } => {
                let lang = self.lang;
                self.background(move || {
                    effects::list_choices(&origin, views_file.as_deref(), lang)
                });
                None
            }
            Effect::OpenReview(origin) => {
                let opener = Arc::clone(&self.review_opener);
                self.background(move || {
                    let review = Box::new(opener(&origin));
                    Action::Switched { origin, review }
                });
                None
            }
            Effect::SaveView(job) => {
                let lang = self.lang;
                self.background(move || effects::save_view(job, lang));
                None
            }
            Effect::Export(job) => {
                let tx = self.tx.clone();
                self.background(move || {
                    // Keys typed since wait to learn whether a question follows.
                    effects::export_when_free(job, || {
                        let _ = tx.send(Event::Action(Action::Exporting));
                    })
                });
                None
            }
            Effect::Run(program) => {
                let mouse = self.mouse;
                let mut hand_over = |away: bool| {
                    if away {
                        paused.store(true, Ordering::SeqCst);
                        // Let the input thread leave its poll before the modes change.
                        std::thread::sleep(Duration::from_millis(60));
                        terminal::restore();
                    } else {
                        retake(term, mouse);
                        paused.store(false, Ordering::SeqCst);
                    }
                };
                Some(external::run(&program, self.lang, &mut hand_over))
            }
            Effect::Copy(text) => Some(Action::Copied(clipboard::copy(&text))),
            Effect::Suspend => {
                suspend(term, paused, self.mouse);
                Some(Action::Resumed)
            }
        }
    }
}

impl Workers {
    /// Runs `work` on a thread of its own; its action comes back through the loop.
    fn background(&self, work: impl FnOnce() -> Action + Send + 'static) {
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(Event::Action(work()));
        });
    }
}

/// Hands the terminal back to the shell and stops the process (as Ctrl-z does in any
/// program); when it is continued, takes the terminal again.
fn suspend(term: &mut terminal::Term, paused: &AtomicBool, mouse: bool) {
    paused.store(true, Ordering::SeqCst);
    // Let the input thread leave its poll before the terminal changes modes.
    std::thread::sleep(Duration::from_millis(60));
    terminal::restore();
    #[cfg(unix)]
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    retake(term, mouse);
    paused.store(false, Ordering::SeqCst);
}

/// Takes the terminal back (after a suspend, a program run on it, an outside stop): its
/// modes again, its size read again (it may have been resized meanwhile, unseen: resize
/// events go to whoever has the terminal) and everything drawn again.
fn retake(term: &mut terminal::Term, mouse: bool) {
    let _ = terminal::enter(mouse);
    let _ = term.autoresize();
    let _ = term.clear();
}

/// The terminal's size as an action, when the state is laid out for another one.
fn new_size(term: &terminal::Term, app: &App) -> Option<Action> {
    let size = term.size().ok()?;
    let (w, h) = (size.width, size.height);
    (w != app.size.width || h != app.size.height).then_some(Action::Resize(w, h))
}

fn spawn_load(
    tx: Sender<Event>,
    origin: Origin,
    generation: u64,
    cancel: Arc<AtomicBool>,
    cache: Option<Cache>,
    today: chrono::NaiveDate,
    legislature: Option<u16>,
) {
    std::thread::spawn(move || {
        // mpsc::Sender is not Sync: the rayon workers share it behind a mutex.
        let progress_tx = std::sync::Mutex::new(tx.clone());
        let progress = |p: Progress| {
            if let Ok(tx) = progress_tx.lock() {
                let _ = tx.send(Event::Action(Action::LoadProgress(generation, p)));
            }
        };
        let loaded = origin.load(
            &LoadOptions {
                progress: Some(&progress),
                cancel: Some(&cancel),
                cache: cache.as_ref(),
                legislature,
            },
            today,
        );
        if cancel.load(Ordering::SeqCst) {
            return;
        }
        let report = match loaded {
            Ok(report) => report,
            Err(e) => {
                let _ = tx.send(Event::Action(Action::LoadFailed(generation, Box::new(e))));
                return;
            }
        };
        // The word index follows, built from the installed dossier (`Effect::Index`): the
        // list shows first.
        let mut report = report;
        let index = SearchIndex::build_keys(&report.questions, report.current);
        // A word index from the cache is for exactly these questions.
        if let Some(words) = report.words.take() {
            index.set_words(words);
        }
        let _ = tx.send(Event::Action(Action::Loaded(Box::new(Loaded {
            generation,
            report,
            index,
        }))));
    });
}

fn event_loop(
    term: &mut terminal::Term,
    options: Options,
    tx: &Sender<Event>,
    rx: &Receiver<Event>,
    paused: &AtomicBool,
) -> (Ended, Vec<String>) {
    let mouse = options.settings.mouse;
    let mut app = App::new(options.settings, options.review);
    app.background_filtering = true;
    let filter_tx = tx.clone();
    let writer_tx = tx.clone();
    let mut workers = Workers {
        tx: tx.clone(),
        lang: app.lang,
        mouse,
        review_opener: options.review_opener,
        today: app.today,
        legislature: app.legislature,
        cancel_load: Arc::new(AtomicBool::new(false)),
        filter: filtering::FilterWorker::spawn(move |generation, hits, complete| {
            let _ = filter_tx.send(Event::Action(Action::HitsReady {
                generation,
                hits,
                complete,
            }));
        }),
        writer: Writer::spawn(
            app.review.fs(),
            app.review.writer().to_string(),
            move |done| {
                let _ = writer_tx.send(Event::Action(Action::Review(Box::new(done))));
            },
        ),
        cache: options.cache,
    };
    if mouse {
        let _ = crossterm::execute!(io::stdout(), crossterm::event::EnableMouseCapture);
    }
    let mut pending: std::collections::VecDeque<Queued> = std::collections::VecDeque::new();
    if let Ok(size) = term.size() {
        pending.push_back(Queued::Action(Action::Resize(size.width, size.height)));
    }
    let mut fx = update::start(&mut app);
    let mut ended = Ended::Quit;
    let mut last_tick = Instant::now();
    let mut dirty = true;
    let mut held = held::Held::default();
    'outer: loop {
        for effect in fx.drain(..) {
            if let Some(action) = workers.run(effect, term, paused) {
                pending.push_back(Queued::Action(action));
            }
        }
        // Take every action waiting before drawing again, so fast typing stays fluid. A key
        // becomes its action only now, in the mode the keys before it left: `/abc` typed in
        // one burst opens the filter line and types "abc" into it. Keys whose mode is not
        // known yet (an answer on its way may open one) wait for it: see `held`.
        while let Some(queued) = pending.pop_front() {
            let action = match queued {
                Queued::Action(a) => a,
                Queued::Input(e) => match held
                    .keep(&app, e, Instant::now())
                    .and_then(|e| action_for(&app, e))
                {
                    Some(a) => a,
                    None => continue,
                },
            };
            let before = (app.message.clone(), app.saving.clone());
            let tick = matches!(action, Action::Tick);
            let resumed = matches!(action, Action::Resumed);
            fx.extend(update(&mut app, action));
            dirty |= !tick || before != (app.message.clone(), app.saving.clone());
            dirty |= resumed;
            for effect in fx.drain(..) {
                if let Some(action) = workers.run(effect, term, paused) {
                    pending.push_back(Queued::Action(action));
                }
            }
            if app.quit {
                break 'outer;
            }
            for e in held.release(&app, Instant::now()).into_iter().rev() {
                pending.push_front(Queued::Input(e));
            }
        }
        // Whatever way the terminal changed size unseen, the state is laid out for the size
        // drawn on (the drawing also keeps within the frame whatever it is laid out for).
        if let Some(resize) = new_size(term, &app) {
            fx.extend(update(&mut app, resize));
            dirty = true;
        }
        if dirty {
            if term.draw(|frame| view::view(&app, frame)).is_err() {
                // The terminal is gone.
                break;
            }
            dirty = false;
        }
        let timeout = TICK.saturating_sub(last_tick.elapsed());
        let event = match rx.recv_timeout(timeout) {
            Ok(e) => Some(e),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if last_tick.elapsed() >= TICK {
            pending.push_back(Queued::Action(Action::Tick));
            last_tick = Instant::now();
        }
        let mut events: Vec<Event> = event.into_iter().collect();
        events.extend(rx.try_iter());
        for event in events {
            match event {
                Event::Input(e) => pending.push_back(Queued::Input(e)),
                Event::Action(a) => pending.push_back(Queued::Action(a)),
                Event::Signal(s) if s == signal_hook::consts::SIGTSTP => {
                    pending.push_back(Queued::Action(Action::Command(action::Command::Suspend)))
                }
                Event::Signal(s) if s == signal_hook::consts::SIGCONT => {
                    // Stopped from outside (SIGSTOP) and continued: take the terminal again.
                    retake(term, mouse);
                    dirty = true;
                }
                Event::Signal(s) => {
                    ended = Ended::Signal(s);
                    break 'outer;
                }
                Event::InputGone => break 'outer,
            }
        }
    }
    let notes = flush(&mut app, &mut workers, rx);
    (ended, notes)
}

/// Waits (a bounded time) for the saves still to run; whatever the staffer changed and could
/// not be written is copied where it cannot be lost, and said. Nothing else is: a store that
/// cannot save (a review file it cannot read) has nothing to wait for, and what a load saw
/// is no change of the staffer's.
fn flush(app: &mut App, workers: &mut Workers, rx: &Receiver<Event>) -> Vec<String> {
    let deadline = Instant::now() + FLUSH_WAIT;
    let mut fx = update(app, Action::Flush);
    loop {
        for effect in fx.drain(..) {
            if let Effect::Review(job @ Job::Save(_)) = effect {
                workers.writer.submit(job);
            }
        }
        if workers.writer.in_flight() == 0 && !app.review.save_pending() {
            break;
        }
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            break;
        };
        match rx.recv_timeout(left) {
            Ok(Event::Action(a @ Action::Review(_))) => {
                fx = update(app, a);
                if matches!(app.saving, app::Saving::Failed(_)) {
                    break;
                }
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    if !app.review.has_unsaved_user_changes() {
        return Vec::new();
    }
    let file = app.review.path().display().to_string();
    let why = match &app.saving {
        app::Saving::Failed(why) => why.clone(),
        _ => app.lang.pick("délai dépassé", "timed out").to_string(),
    };
    let copy = app
        .review
        .rescue_copy(&dossier_core::review::rescue_dir())
        .ok();
    let copy = copy.map(|p| p.display().to_string());
    vec![ui::unsaved_at_exit(app.lang, &file, &why, copy.as_deref())]
}
