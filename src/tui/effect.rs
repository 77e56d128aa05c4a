//! What the state asks of the outside world, and the one runner of it. `update` returns
//! [`Effect`]s; [`perform`] does each and answers with the [`Action`] that reports it. The
//! event loop calls `perform` on the thread each effect's [`Lane`] names (the terminal's
//! own effects on its thread, the filter and the dossier's load on latest-wins lanes, the
//! rest on threads of their own); the tests call the same `perform` inline. What differs
//! between them is the [`Env`]: the terminal, the clipboard, the review writer's thread, the
//! programs run, and where early results go.

use super::action::{Action, Loaded};
use super::dossier::{Dossier, Rows};
use super::external::{External, Ran, RunError};
use super::filtering::{compute_in_steps, FilterJob};
use super::jobs::{self, ExportJob, SaveJob};
use chrono::NaiveDate;
use dossier_core::cache::Cache;
use dossier_core::library::Origin;
use dossier_core::load::{LoadOptions, LoadReport, Progress};
use dossier_core::parse::problem::IoReason;
use dossier_core::query::words::WordIndex;
use dossier_core::query::SearchIndex;
use dossier_core::review::writer::Job;
use dossier_core::review::ReviewStore;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Opens the review store of an origin (the switcher's, see the runtime's options).
pub type ReviewOpener = Arc<dyn Fn(&Origin) -> ReviewStore + Send + Sync>;

/// Something the event loop must do outside the state.
#[derive(Debug)]
pub enum Effect {
    /// Load the questions of `origin`; answer with `LoadProgress` and `Loaded` (or
    /// `LoadFailed`) of this generation.
    Load {
        /// The load's generation.
        generation: u64,
        /// Where the questions come from.
        origin: Origin,
        /// The legislature in session as configured (the data can only raise it).
        legislature: Option<u16>,
    },
    /// Build the word index of this dossier; answer with `Indexed` of this generation.
    Index {
        /// The load's generation.
        generation: u64,
        /// The questions to index.
        dossier: Arc<Dossier>,
    },
    /// Find the related questions of this dossier; answer with `Related` of this
    /// generation.
    Relate {
        /// The load's generation.
        generation: u64,
        /// The questions to relate.
        dossier: Arc<Dossier>,
        /// The similarity engine's settings.
        config: dossier_core::related::Config,
    },
    /// Write the cache of this dossier (its files and word index); no answer.
    StoreCache(Arc<Dossier>),
    /// Filter and sort; answer with `HitsReady` (an early one first for a long list).
    Filter(FilterJob),
    /// Save or read review files on the writer's thread; answer with `Review`.
    Review(Job),
    /// Read the choices of the dossier switcher; answer with `Choices`.
    ListChoices {
        /// The dossier shown.
        origin: Origin,
        /// Its saved views.
        views_file: Option<PathBuf>,
    },
    /// Open the review store of the dossier to switch to; answer with `Switched`.
    OpenReview(Origin),
    /// Save the current filter; answer with `ViewSaved`.
    SaveView(SaveJob),
    /// Write an export; answer with `Exporting` once the file is known free, then
    /// `Exported`.
    Export(ExportJob),
    /// Run a program on the terminal, the viewer suspended meanwhile; answer with `Ran`.
    Run(External),
    /// Put this text on the clipboard; answer with `Copied`.
    Copy(String),
    /// Give the terminal back to the shell until resumed; answer with `Resumed`.
    Suspend,
    /// Compute the scoreboard of this dossier; answer with `Scored` of this generation.
    Score {
        /// The request's generation.
        generation: u64,
        /// The questions counted.
        dossier: Arc<Dossier>,
        /// What the rows are.
        by: dossier_core::scoreboard::By,
        /// Ministries' labels merged into one row.
        ministries: Arc<dossier_core::scoreboard::ministries::Merger>,
        /// The day deadlines are counted to.
        today: NaiveDate,
    },
    /// Tell what is new in a loaded dossier since the last visit, and record this visit;
    /// answer with `News` of this generation.
    News {
        /// The load it is of.
        generation: u64,
        /// The dossier.
        dossier: Arc<Dossier>,
        /// Where the visits are recorded (none: nowhere, a week is told).
        seen: Option<dossier_core::news::seen::Seen>,
        /// The dossier's key in that record.
        key: String,
        /// Where the dossier comes from (what the library's imports changed is news).
        origin: Origin,
        /// Whether this visit is recorded (not beside review marks that cannot be saved).
        record: bool,
        /// The day taken as today.
        today: NaiveDate,
    },
}

/// Where the event loop runs an effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// On the loop's own thread: it needs the terminal (or only hands a job over).
    Terminal,
    /// On the dossier's latest-wins lane: a new load stops the one running, and the index.
    Dossier,
    /// On the filter's latest-wins lane: a new search stops the one running.
    Filter,
    /// On a thread of its own.
    Thread,
}

impl Effect {
    /// Where it runs.
    pub fn lane(&self) -> Lane {
        match self {
            Effect::Load { .. } | Effect::Index { .. } => Lane::Dossier,
            Effect::Filter(_) => Lane::Filter,
            Effect::Review(_) | Effect::Run(_) | Effect::Copy(_) | Effect::Suspend => {
                Lane::Terminal
            }
            Effect::Relate { .. }
            | Effect::News { .. }
            | Effect::StoreCache(_)
            | Effect::ListChoices { .. }
            | Effect::OpenReview(_)
            | Effect::SaveView(_)
            | Effect::Export(_)
            | Effect::Score { .. } => Lane::Thread,
        }
    }
}

/// The outside world an effect runs in.
pub trait Env: Sync {
    /// The date taken as today (for a load).
    fn today(&self) -> NaiveDate;
    /// The cache between runs, when one is used.
    fn cache(&self) -> Option<&Cache>;
    /// Set when a newer job of the same lane came: the work stops.
    fn cancelled(&self) -> &AtomicBool;
    /// Hands over an action before the effect's last (a load's progress, the first
    /// screens of a long list, an export's file found free).
    fn early(&self, action: Action);
    /// Gives a save or a read to the review writer; its answer, if it comes at once.
    fn review(&self, job: Job) -> Option<Action>;
    /// Opens another dossier's review store.
    fn open_review(&self, origin: &Origin) -> ReviewStore;
    /// Puts text on the clipboard: how, or why not.
    fn copy(&self, text: &str) -> Result<&'static str, IoReason>;
    /// Runs a program on the terminal.
    fn program(&self, program: &External) -> Result<Ran, RunError>;
    /// Stops the process until it is continued, the terminal given back meanwhile.
    fn suspend(&self);
}

/// Does an effect; the action that reports it (none for an effect that reports nothing,
/// or whose work was replaced by a newer one).
pub fn perform(effect: Effect, env: &dyn Env) -> Option<Action> {
    Some(match effect {
        Effect::Load {
            generation,
            origin,
            legislature,
        } => return load(generation, &origin, legislature, env),
        Effect::Index {
            generation,
            dossier,
        } => {
            let words = match dossier.held() {
                Some(questions) => WordIndex::build_cancellable(questions, env.cancelled())?,
                // The library's own index could not be read with its rows: built again,
                // its questions read a batch at a time.
                None => WordIndex::build_streamed(
                    dossier.len(),
                    |range| {
                        let positions: Vec<usize> = range.collect();
                        let read = dossier.questions_at(&positions);
                        Some(read.iter().map(|q| (**q).clone()).collect())
                    },
                    env.cancelled(),
                )?,
            };
            Action::Indexed {
                generation,
                words: Box::new(words),
            }
        }
        Effect::Relate {
            generation,
            dossier,
            config,
        } => Action::Related {
            generation,
            related: Box::new(match dossier.held() {
                Some(questions) => dossier_core::related::RelatedSet::build(questions, &config),
                // The whole library's relations are found at its imports; none kept, none
                // found here (that would read every text).
                None => dossier_core::related::RelatedSet::from_stored(
                    &dossier.rows,
                    dossier_core::related::Stored {
                        config,
                        relations: Default::default(),
                        outside: Vec::new(),
                    },
                ),
            }),
        },
        Effect::News {
            generation,
            dossier,
            seen,
            key,
            origin,
            record,
            today,
        } => Action::News(Box::new(jobs::news(
            generation,
            (&dossier, &origin),
            seen.as_ref().map(|s| (s, record)),
            &key,
            today,
        ))),
        Effect::StoreCache(dossier) => {
            if let (Some(cache), Some(ticket), Some(questions)) =
                (env.cache(), &dossier.cache_ticket, dossier.held())
            {
                let related = dossier.related.get().map(|r| r.to_stored());
                // Quitting meanwhile leaves the previous cache in place.
                let _ = cache.store(ticket, questions, dossier.index.words(), related.as_ref());
            }
            return None;
        }
        Effect::Filter(job) => {
            let generation = job.generation;
            let early = |first| {
                env.early(Action::HitsReady {
                    generation,
                    hits: first,
                    complete: false,
                })
            };
            let hits = compute_in_steps(&job, env.cancelled(), early)?;
            Action::HitsReady {
                generation,
                hits,
                complete: true,
            }
        }
        Effect::Review(job) => return env.review(job),
        Effect::ListChoices { origin, views_file } => {
            Action::Choices(jobs::list_choices(&origin, views_file.as_deref()))
        }
        Effect::OpenReview(origin) => Action::Switched {
            review: Box::new(env.open_review(&origin)),
            origin,
        },
        Effect::SaveView(job) => Action::ViewSaved(jobs::save_view(job)),
        Effect::Export(job) => {
            // Keys typed since wait to learn whether a question follows.
            Action::Exported(jobs::export_when_free(job, || env.early(Action::Exporting)))
        }
        Effect::Run(program) => Action::Ran(env.program(&program)),
        // What is copied passes the sanitiser, as what is drawn does: a citation pasted into
        // a mail carries no control or direction-overriding character from a file.
        Effect::Copy(text) => {
            Action::Copied(env.copy(&dossier_core::text::sanitize::terminal_text(&text)))
        }
        Effect::Suspend => {
            env.suspend();
            Action::Resumed
        }
        Effect::Score {
            generation,
            dossier,
            by,
            ministries,
            today,
        } => {
            let opts = dossier_core::scoreboard::Options {
                by,
                since: None,
                until: None,
                today,
                current: dossier.current,
                ministries: &ministries,
            };
            Action::Scored {
                generation,
                board: Arc::new(dossier_core::scoreboard::compute(&dossier.rows, &opts)),
            }
        }
    })
}

/// The whole library as the viewer holds it: its rows with their search keys and word
/// index, its questions left in it (see [`Dossier`]). None for other origins.
pub fn load_light(
    generation: u64,
    origin: &Origin,
    legislature: Option<u16>,
) -> Option<Result<Loaded, dossier_core::library::OriginError>> {
    let Origin::Library { dir, .. } = origin else {
        return None;
    };
    Some(origin.load_light(legislature)?.map(|(light, current)| {
        let index = SearchIndex::build_keys(&light.rows, current);
        if let Some(words) = light.words {
            index.set_words(words);
        }
        let report = LoadReport {
            files_read: light.rows.len(),
            related: light.related,
            current,
            ..Default::default()
        };
        Loaded {
            generation,
            report,
            rows: Rows {
                rows: light.rows,
                library: Some(dir.clone()),
            },
            index,
        }
    }))
}

/// How many of the whole library's newest questions are shown while the rest loads: screens
/// enough to read and move in, read in a few milliseconds.
pub const FIRST_PAGE: usize = 1000;

/// Loads a dossier: the whole library's first page first (see [`FIRST_PAGE`]), its progress as it goes, then the questions with their search keys (the
/// word index follows, built once the list is shown), or why it could not be loaded.
fn load(
    generation: u64,
    origin: &Origin,
    legislature: Option<u16>,
    env: &dyn Env,
) -> Option<Action> {
    if let Some(report) = origin.first_page(FIRST_PAGE, legislature) {
        let index = SearchIndex::build_keys(&report.questions, report.current);
        let rows = Rows::of(&report.questions);
        env.early(Action::Preview(Box::new(Loaded {
            generation,
            report,
            rows,
            index,
        })));
    }
    if let Some(loaded) = load_light(generation, origin, legislature) {
        if env.cancelled().load(Ordering::SeqCst) {
            return None;
        }
        return Some(match loaded {
            Ok(loaded) => Action::Loaded(Box::new(loaded)),
            Err(e) => Action::LoadFailed(generation, Box::new(e)),
        });
    }
    let progress = |p: Progress| env.early(Action::LoadProgress(generation, p));
    let loaded = origin.load(
        &LoadOptions {
            progress: Some(&progress),
            cancel: Some(env.cancelled()),
            cache: env.cache(),
            legislature,
        },
        env.today(),
    );
    if env.cancelled().load(Ordering::SeqCst) {
        return None;
    }
    let mut report = match loaded {
        Ok(report) => report,
        Err(e) => return Some(Action::LoadFailed(generation, Box::new(e))),
    };
    let index = SearchIndex::build_keys(&report.questions, report.current);
    // A word index from the cache is for exactly these questions.
    if let Some(words) = report.words.take() {
        index.set_words(words);
    }
    // Built here, off the terminal's thread: each row hashes its question's answer.
    let rows = Rows::of(&report.questions);
    Some(Action::Loaded(Box::new(Loaded {
        generation,
        report,
        rows,
        index,
    })))
}
