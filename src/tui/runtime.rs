//! The event loop around the state: it owns the terminal ([`terminal`]), turns terminal
//! events, signals and background results into actions, hands them to [`update`], runs the
//! effects that come back through [`perform`] (each on the thread its lane names), and draws
//! the screen when something changed.

use super::action::{self, Action};
use super::app::{self, App, Settings};
use super::clipboard;
use super::effect::{perform, Effect, Env, Lane as EffectLane, ReviewOpener};
use super::external::{self, External, Ran, RunError};
use super::held;
use super::latest::Lane;
use super::layers::action_for;
use super::screen;
use super::terminal;
use super::update::{self, update};
use super::words::ui;
use crossterm::event::{self, Event as TermEvent};
use dossier_core::cache::Cache;
use dossier_core::library::Origin;
use dossier_core::parse::problem::IoReason;
use dossier_core::review::writer::{Job, Writer};
use dossier_core::review::ReviewStore;
use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
    terminal::close(term);
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

/// What every thread's environment shares: the way back to the loop, and what loads need.
struct Shared {
    tx: Mutex<Sender<Event>>,
    today: chrono::NaiveDate,
    cache: Option<Cache>,
    review_opener: ReviewOpener,
}

/// The terminal, lent to an effect run on the loop's thread.
struct Lent<'a> {
    term: &'a mut terminal::Term,
    paused: &'a AtomicBool,
    mouse: bool,
}

/// The loop's side of the outside world, for [`perform`]: early actions go back through
/// the channel; on the loop's own thread, the terminal and the review writer are lent.
struct LoopEnv<'a> {
    shared: Arc<Shared>,
    /// The lane's flag (set when a newer job came), or one never set.
    cancel: &'a AtomicBool,
    terminal: Option<Mutex<Lent<'a>>>,
    writer: Option<&'a Writer>,
}

impl Env for LoopEnv<'_> {
    fn today(&self) -> chrono::NaiveDate {
        self.shared.today
    }

    fn cache(&self) -> Option<&Cache> {
        self.shared.cache.as_ref()
    }

    fn cancelled(&self) -> &AtomicBool {
        self.cancel
    }

    fn early(&self, action: Action) {
        if let Ok(tx) = self.shared.tx.lock() {
            let _ = tx.send(Event::Action(action));
        }
    }

    fn review(&self, job: Job) -> Option<Action> {
        match self.writer {
            Some(writer) if writer.submit(job) => None,
            _ => Some(Action::WriterGone),
        }
    }

    fn open_review(&self, origin: &Origin) -> ReviewStore {
        (self.shared.review_opener)(origin)
    }

    fn copy(&self, text: &str) -> Result<&'static str, IoReason> {
        clipboard::copy(text)
    }

    fn program(&self, program: &External) -> Result<Ran, RunError> {
        let Some(Ok(mut lent)) = self.terminal.as_ref().map(Mutex::lock) else {
            // Programs run on the loop's thread, where the terminal is lent (see `Lane`).
            return Err(RunError::Failed {
                program: String::new(),
                how: external::Exit::Killed("no terminal".into()),
            });
        };
        let lent = &mut *lent;
        let mut hand_over = |away: bool| {
            if away {
                lent.paused.store(true, Ordering::SeqCst);
                // Let the input thread leave its poll before the modes change.
                std::thread::sleep(Duration::from_millis(60));
                terminal::restore();
            } else {
                retake(lent.term, lent.mouse);
                lent.paused.store(false, Ordering::SeqCst);
            }
        };
        external::run(program, &mut hand_over)
    }

    fn suspend(&self) {
        if let Some(Ok(mut lent)) = self.terminal.as_ref().map(Mutex::lock) {
            let lent = &mut *lent;
            suspend(lent.term, lent.paused, lent.mouse);
        }
    }
}

/// Where the loop runs the effects: its own thread for the terminal's, two latest-wins
/// lanes, threads of their own for the rest.
struct Workers {
    shared: Arc<Shared>,
    mouse: bool,
    writer: Writer,
    dossier: Lane<Effect>,
    filter: Lane<Effect>,
}

impl Workers {
    /// Runs an effect where its lane says; an answer that comes at once.
    fn run(
        &mut self,
        effect: Effect,
        term: &mut terminal::Term,
        paused: &AtomicBool,
    ) -> Option<Action> {
        match effect.lane() {
            EffectLane::Terminal => {
                let never = AtomicBool::new(false);
                let env = LoopEnv {
                    shared: Arc::clone(&self.shared),
                    cancel: &never,
                    terminal: Some(Mutex::new(Lent {
                        term,
                        paused,
                        mouse: self.mouse,
                    })),
                    writer: Some(&self.writer),
                };
                perform(effect, &env)
            }
            EffectLane::Dossier => {
                self.dossier.submit(effect);
                None
            }
            EffectLane::Filter => {
                self.filter.submit(effect);
                None
            }
            EffectLane::Thread => {
                let shared = Arc::clone(&self.shared);
                std::thread::spawn(move || {
                    let never = AtomicBool::new(false);
                    let env = LoopEnv {
                        shared: Arc::clone(&shared),
                        cancel: &never,
                        terminal: None,
                        writer: None,
                    };
                    if let Some(action) = perform(effect, &env) {
                        env.early(action);
                    }
                });
                None
            }
        }
    }
}

/// A latest-wins lane whose jobs are effects, answering through the loop.
fn lane(shared: &Arc<Shared>) -> Lane<Effect> {
    let shared = Arc::clone(shared);
    Lane::spawn(move |effect, cancel| {
        let env = LoopEnv {
            shared: Arc::clone(&shared),
            cancel,
            terminal: None,
            writer: None,
        };
        if let Some(action) = perform(effect, &env) {
            env.early(action);
        }
    })
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

fn event_loop(
    term: &mut terminal::Term,
    options: Options,
    tx: &Sender<Event>,
    rx: &Receiver<Event>,
    paused: &AtomicBool,
) -> (Ended, Vec<String>) {
    let mut options = options;
    let mouse = options.settings.mouse;
    let notices = std::mem::take(&mut options.settings.notices);
    let mut app = App::new(options.settings, options.review);
    for notice in notices {
        crate::tui::messages::show(&mut app, notice, crate::tui::message::MessageKind::Warning);
    }
    app.background_filtering = true;
    let writer_tx = tx.clone();
    let shared = Arc::new(Shared {
        tx: Mutex::new(tx.clone()),
        today: app.today,
        cache: options.cache,
        review_opener: options.review_opener,
    });
    let mut workers = Workers {
        dossier: lane(&shared),
        filter: lane(&shared),
        shared,
        mouse,
        writer: Writer::spawn(
            app.review.fs(),
            app.review.writer().to_string(),
            move |done| {
                let _ = writer_tx.send(Event::Action(Action::Review(Box::new(done))));
            },
        ),
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
            let before = (app.message.clone(), app.saving);
            let tick = matches!(action, Action::Tick);
            let resumed = matches!(action, Action::Resumed);
            fx.extend(update(&mut app, action));
            dirty |= !tick || before != (app.message.clone(), app.saving);
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
            if term.draw(|frame| screen::draw(&app, frame)).is_err() {
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
                if app.saving == app::Saving::Failed {
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
    let why = match (app.saving, app.review.save_problem()) {
        (app::Saving::Failed, Some(e)) => dossier_core::i18n::review::error(app.lang, e),
        _ => app.lang.pick("délai dépassé", "timed out").to_string(),
    };
    let copy = app
        .review
        .rescue_copy(&dossier_core::review::rescue_dir())
        .ok();
    let copy = copy.map(|p| p.display().to_string());
    vec![ui::unsaved_at_exit(app.lang, &file, &why, copy.as_deref())]
}
