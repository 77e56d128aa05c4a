//! The work behind the effects that read or write the library, views and exports: listing
//! a picker's choices, saving the filter as a dossier or a view, writing an export. Each
//! runs to its end and returns what happened as data, failures typed; the viewer words them
//! when it shows them. [`super::effect::perform`] runs them.

use super::dossier::Dossier;
use dossier_core::export::{self, Format};
use dossier_core::i18n::Lang;
use dossier_core::library::dossiers::{DossierError, NamedDossier};
use dossier_core::library::{Library, LibraryError, Origin};
use dossier_core::parse::problem::IoReason;
use dossier_core::review::ReviewState;
use dossier_core::views::{SavedView, Views, ViewsError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why the text of a prompt is refused (the prompt stays open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not a name a dossier or a view can have.
    Name(DossierError),
    /// No file given.
    FileNeeded,
}

/// What the dossier switcher offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listed {
    /// In the library: the named dossiers (name and query); the whole library comes first.
    Dossiers(Vec<(String, String)>),
    /// Elsewhere: the dossier's saved views.
    Views(Vec<SavedView>),
}

/// Why the switcher's choices could not be read.
#[derive(Debug)]
pub enum ListError {
    /// The library's list of dossiers.
    Library(LibraryError),
    /// The file of saved views.
    Views(ViewsError),
}

/// The choices of the dossier switcher: in the library, each named dossier; elsewhere, the
/// saved views of the dossier.
pub fn list_choices(origin: &Origin, views_file: Option<&Path>) -> Result<Listed, ListError> {
    match origin {
        Origin::Library { dir, .. } => Library::at(dir)
            .dossiers()
            .map(|d| Listed::Dossiers(d.dossiers.into_iter().map(|d| (d.name, d.query)).collect()))
            .map_err(ListError::Library),
        _ => match views_file.map(Views::read) {
            Some(Ok(v)) => Ok(Listed::Views(v.views)),
            Some(Err(e)) => Err(ListError::Views(e)),
            None => Ok(Listed::Views(Vec::new())),
        },
    }
}

/// What a save of the current filter is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveJob {
    /// Where the questions come from.
    pub origin: Origin,
    /// The saved views of the dossier (outside the library).
    pub views_file: Option<PathBuf>,
    /// The name given.
    pub name: String,
    /// The filter.
    pub query: String,
    /// The sort key's name.
    pub sort: String,
    /// Replace a dossier or view of that name (asked first).
    pub replace: bool,
}

/// How a save of the filter ended.
#[derive(Debug)]
pub enum ViewSaved {
    /// A dossier or view of that name exists: nothing written, the viewer asks first.
    Exists(Box<SaveJob>),
    /// Saved in the library as a named dossier, with the query it holds (within the
    /// dossier open); `new` when no dossier had that name.
    Dossier {
        /// Its name.
        name: String,
        /// Its query.
        query: String,
        /// No dossier had that name.
        new: bool,
    },
    /// Saved as a view of the dossier.
    View {
        /// Its name.
        name: String,
        /// A view of that name was replaced.
        replaced: bool,
    },
    /// Not saved.
    Failed(SaveError),
}

/// Why the filter could not be saved.
#[derive(Debug)]
pub enum SaveError {
    /// The library refused the dossier.
    Dossier(DossierError),
    /// The library could not be read or written.
    Library(LibraryError),
    /// The views file could not be read or written.
    Views(ViewsError),
    /// The dossier has no file of views.
    NoViewsFile,
}

/// Saves the current filter: in the library as a named dossier (within the dossier open,
/// when one is), elsewhere as a view of the dossier.
pub fn save_view(job: SaveJob) -> ViewSaved {
    if !job.replace && name_taken(&job) {
        return ViewSaved::Exists(Box::new(job));
    }
    match &job.origin {
        Origin::Library { dir, dossier } => {
            let changed = Library::at(dir).change_dossiers(|all| {
                let within = dossier.as_deref().and_then(|n| all.get(n)).cloned();
                let query = match &within {
                    Some(d) if !d.query.trim().is_empty() => {
                        format!("{} {}", d.query.trim(), job.query)
                            .trim()
                            .to_string()
                    }
                    _ => job.query.clone(),
                };
                let mut new = NamedDossier::new(&job.name, &query)?;
                if let Some(d) = within {
                    new.excluded = d.excluded;
                }
                Ok((all.put(new), query))
            });
            match changed {
                Ok(Ok((new, query))) => ViewSaved::Dossier {
                    name: job.name,
                    query,
                    new,
                },
                Ok(Err(e)) => ViewSaved::Failed(SaveError::Dossier(e)),
                Err(e) => ViewSaved::Failed(SaveError::Library(e)),
            }
        }
        _ => match &job.views_file {
            Some(file) => match SavedView::new(&job.name, &job.query, Some(&job.sort))
                .and_then(|v| Views::save(file, v))
            {
                Ok(replaced) => ViewSaved::View {
                    name: job.name,
                    replaced,
                },
                Err(e) => ViewSaved::Failed(SaveError::Views(e)),
            },
            None => ViewSaved::Failed(SaveError::NoViewsFile),
        },
    }
}

/// True when a dossier (in the library) or a view of the job's name exists.
fn name_taken(job: &SaveJob) -> bool {
    match (&job.origin, &job.views_file) {
        (Origin::Library { dir, .. }, _) => Library::at(dir)
            .dossiers()
            .is_ok_and(|d| d.get(&job.name).is_some()),
        (_, Some(file)) => {
            Views::read(file).is_ok_and(|v| v.views.iter().any(|x| x.name == job.name))
        }
        _ => false,
    }
}

/// An export of the questions shown.
#[derive(Clone)]
pub struct ExportJob {
    /// The file.
    pub path: PathBuf,
    /// Replace the file if it exists.
    pub overwrite: bool,
    /// The format.
    pub format: Format,
    /// The dossier shown.
    pub dossier: Arc<Dossier>,
    /// The questions shown, in order (indices into the dossier).
    pub shown: Vec<usize>,
    /// The review marks (for the memo).
    pub review: Arc<ReviewState>,
    /// Language of the memo.
    pub lang: Lang,
    /// Today, for deadlines.
    pub today: chrono::NaiveDate,
    /// The similarity engine's settings, should the relations not be found yet.
    pub related_config: dossier_core::related::Config,
    /// How many questions the signalement memo proposes at most.
    pub quota: usize,
}

impl std::fmt::Debug for ExportJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportJob")
            .field("path", &self.path)
            .field("format", &self.format)
            .field("shown", &self.shown.len())
            .finish()
    }
}

/// How an export from the viewer ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportDone {
    /// Written, in full.
    Written {
        /// The file (absolute).
        path: PathBuf,
        /// Questions written.
        count: usize,
    },
    /// The file exists: nothing written (the viewer asks before replacing it).
    Exists(PathBuf, Format),
    /// Some of the questions could not be read from the library: nothing written.
    Unreadable {
        /// The library's folder.
        library: PathBuf,
        /// Questions not read.
        missing: usize,
    },
    /// Could not be written.
    Failed {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: IoReason,
    },
}

/// Writes an export; `free` is called as soon as it is known that the file is free (or to
/// be replaced), before the writing: no question will follow.
pub fn export_when_free(job: ExportJob, free: impl FnOnce()) -> ExportDone {
    if !job.overwrite {
        let taken = std::path::absolute(&job.path).ok().filter(|path| {
            dossier_core::review::fs::write_target(path)
                .is_ok_and(|target| std::fs::symlink_metadata(target).is_ok())
        });
        if let Some(path) = taken {
            return ExportDone::Exists(path, job.format);
        }
    }
    free();
    // The whole library's are read from it, for the time of the export.
    let whole = job.dossier.questions_at(&job.shown);
    if let Some(library) = job.dossier.library() {
        if whole.len() < job.shown.len() {
            // A partial file would pass for the questions shown.
            return ExportDone::Unreadable {
                library: library.to_path_buf(),
                missing: job.shown.len() - whole.len(),
            };
        }
    }
    let questions: Vec<&dossier_core::model::Question> = whole.iter().map(|q| &**q).collect();
    // Found after the load; an export asked for before they are has them computed here
    // (the whole library's are found at its imports).
    let computed;
    let related = match (job.dossier.related.get(), job.dossier.held()) {
        (Some(r), _) => Some(r),
        (None, Some(held)) => {
            computed = dossier_core::related::RelatedSet::build(held, &job.related_config);
            Some(&computed)
        }
        (None, None) => None,
    };
    let shown = export::Shown {
        questions: &questions,
        review: &job.review,
        related,
        words: &job.lang,
        today: job.today,
        signalement: Some(export::Signalement {
            questions: &job.dossier.rows,
            indices: &job.shown,
            quota: job.quota,
            words: &job.lang,
        }),
        current: job.dossier.current,
    };
    match export::save(&job.path, job.overwrite, job.format, &shown) {
        Ok(export::Saved::Written(path)) => ExportDone::Written {
            path,
            count: questions.len(),
        },
        Ok(export::Saved::Exists(path)) => ExportDone::Exists(path, job.format),
        Err(e) => ExportDone::Failed {
            path: job.path,
            reason: (&e).into(),
        },
    }
}

/// The news of a loaded dossier since the last visit, that visit recorded.
#[derive(Debug)]
pub struct NewsFound {
    /// The load it is of.
    pub generation: u64,
    /// What is new.
    pub news: dossier_core::news::News,
    /// Since when.
    pub since: dossier_core::news::Since,
    /// The record of visits could not be read (`true`) or written (`false`): its file.
    pub problem: Option<(std::path::PathBuf, bool)>,
}

/// What is new in a dossier since the last visit recorded in `seen` (else a week), this
/// visit recorded when `seen` says so.
pub fn news(
    generation: u64,
    (dossier, origin): (&Dossier, &Origin),
    seen: Option<(&dossier_core::news::seen::Seen, bool)>,
    key: &str,
    today: chrono::NaiveDate,
) -> NewsFound {
    use dossier_core::news::{self, seen::Look, Since};
    let look = Look {
        day: today,
        at: chrono::Utc::now(),
    };
    let swapped = seen.map(|(s, record)| {
        let done = if record {
            s.swap(key, look)
        } else {
            s.last(key)
        };
        (s, done)
    });
    let (last, problem) = match swapped {
        Some((_, Ok(last))) => (last, None),
        Some((s, Err(e))) => {
            tracing::warn!(error = %e, "news visit not recorded");
            // Unreadable, or read and not written.
            let read = s.last(key);
            let reading = read.is_err();
            (read.ok().flatten(), Some((e.path().to_path_buf(), reading)))
        }
        None => (None, None),
    };
    let since = Since::choose(None, last.map(|l| l.day), today);
    let imported = since
        .moment(last)
        .map(|at| dossier_core::library::imported_since(origin, at, today))
        .transpose()
        .unwrap_or_else(|e| {
            tracing::warn!(error = ?e, "the imports' changes not read");
            None
        })
        .unwrap_or_default();
    let (from, current) = (since.first_day(today), dossier.current);
    let news = match dossier.held() {
        Some(questions) => news::compute(questions, current, from, today, &imported),
        // The whole library: only its questions that may have news are read.
        None => dossier
            .with_reader(|reader| {
                dossier_core::library::library_news(reader, current, from, today, &imported)
                    .map_err(|e| tracing::warn!(error = %e, "the library's news not read"))
                    .ok()
            })
            .unwrap_or_else(|| news::compute(&[], current, from, today, &imported)),
    };
    NewsFound {
        generation,
        news,
        since,
        problem,
    }
}
