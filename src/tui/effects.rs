//! The work behind the effects that need neither the terminal nor a long-lived worker:
//! reading the choices of a picker, opening the review store of another dossier, saving a
//! view, writing an export, finding a question's source again. Each runs to its end and
//! returns the action that reports it; the event loop runs them on a thread of their own,
//! the tests call them in turn.

use super::action::{Action, ExportDone};
use super::app::{Choice, ChoiceValue, Dossier};
use crate::tui::words::prompts;
use dossier_core::export::{self, Format};
use dossier_core::i18n::{library as library_words, Lang};
use dossier_core::library::dossiers::NamedDossier;
use dossier_core::library::{Library, Origin};
use dossier_core::review::{ReviewState, ReviewStore};
use dossier_core::views::{SavedView, Views};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Opens the review store of an origin (see `Options::review_opener`).
pub type ReviewOpener = Arc<dyn Fn(&Origin) -> ReviewStore + Send + Sync>;

/// The choices of the dossier switcher: in the library, the whole library and each named
/// dossier; elsewhere, the saved views of the dossier.
pub fn list_choices(origin: &Origin, views_file: Option<&Path>, lang: Lang) -> Action {
    let listed = match origin {
        Origin::Library { dir, .. } => match Library::at(dir).dossiers() {
            Ok(d) => {
                let mut out = vec![Choice {
                    label: prompts::whole_library(lang).to_string(),
                    detail: String::new(),
                    value: ChoiceValue::Dossier(None),
                }];
                out.extend(d.dossiers.into_iter().map(|d| Choice {
                    label: d.name.clone(),
                    detail: d.query.clone(),
                    value: ChoiceValue::Dossier(Some(d.name)),
                }));
                Ok(out)
            }
            Err(e) => Err(library_words::library_error(lang, &e)),
        },
        _ => match views_file.map(Views::read) {
            Some(Ok(v)) => Ok(v
                .views
                .into_iter()
                .map(|v| Choice {
                    label: v.name.clone(),
                    detail: v.query.clone(),
                    value: ChoiceValue::View(v),
                })
                .collect()),
            Some(Err(e)) => Err(e.to_string()),
            None => Ok(Vec::new()),
        },
    };
    Action::Choices(listed)
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
    /// The filter, quick filters written as terms.
    pub query: String,
    /// The sort key's name.
    pub sort: String,
    /// Replace a dossier or view of that name (asked first).
    pub replace: bool,
}

/// Saves the current filter: in the library as a named dossier (within the dossier open,
/// when one is), elsewhere as a view of the dossier.
pub fn save_view(job: SaveJob, lang: Lang) -> Action {
    if !job.replace && name_taken(&job) {
        return Action::ViewExists(Box::new(job));
    }
    let done = match &job.origin {
        Origin::Library { dir, dossier } => {
            let library = Library::at(dir);
            let changed = library.change_dossiers(|all| {
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
                Ok(Ok((new, query))) => Ok(prompts::dossier_saved(lang, &job.name, &query, new)),
                Ok(Err(e)) => Err(dossier_core::i18n::library::dossier_error(lang, &e)),
                Err(e) => Err(library_words::library_error(lang, &e)),
            }
        }
        _ => match &job.views_file {
            Some(file) => SavedView::new(&job.name, &job.query, Some(&job.sort))
                .and_then(|v| Views::save(file, v))
                .map(|replaced| prompts::view_saved(lang, &job.name, replaced))
                .map_err(|e| prompts::view_refused(lang, &e)),
            None => Err(prompts::no_views_file(lang).to_string()),
        },
    };
    Action::ViewSaved(done)
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

/// Writes an export, as [`export`] does; `free` is called as soon as it is known that the
/// file is free (or to be replaced), before the writing: no question will follow.
pub fn export_when_free(job: ExportJob, free: impl FnOnce()) -> Action {
    if !job.overwrite {
        let taken = std::path::absolute(&job.path).ok().filter(|path| {
            dossier_core::review::fs::write_target(path)
                .is_ok_and(|target| std::fs::symlink_metadata(target).is_ok())
        });
        if let Some(path) = taken {
            return Action::Exported(ExportDone::Exists(path, job.format));
        }
    }
    free();
    export(job)
}

/// Writes an export.
pub fn export(job: ExportJob) -> Action {
    let questions: Vec<_> = job
        .shown
        .iter()
        .filter_map(|&i| job.dossier.questions.get(i))
        .collect();
    // Found after the load; an export asked for before they are has them computed here.
    let computed;
    let related = match job.dossier.related.get() {
        Some(r) => r,
        None => {
            computed = dossier_core::related::RelatedSet::build(
                &job.dossier.questions,
                &job.related_config,
            );
            &computed
        }
    };
    let shown = export::Shown {
        questions: &questions,
        review: &job.review,
        related: Some(related),
        words: &job.lang,
        today: job.today,
        current: job.dossier.current,
    };
    let done = match export::save(&job.path, job.overwrite, job.format, &shown) {
        Ok(export::Saved::Written(path)) => ExportDone::Written {
            path,
            count: questions.len(),
        },
        Ok(export::Saved::Exists(path)) => ExportDone::Exists(path, job.format),
        Err(e) => ExportDone::Failed(format!(
            "{}: {}",
            job.path.display(),
            dossier_core::i18n::load::io_reason(job.lang, &(&e).into())
        )),
    };
    Action::Exported(done)
}

/// A program to run on the terminal, the viewer suspended meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum External {
    /// The browser, on this address.
    Browser(String),
    /// The pager, on this question's source (its `source` field).
    Pager(String),
    /// The editor, on this question's source.
    Editor(String),
}

/// A question's source as a file a pager or an editor can open: the file itself, or, for
/// an archive's entry or a sample document, a copy in the user's cache folder. The flag
/// is true for such a copy.
pub fn source_file(source: &str) -> Result<(PathBuf, bool), String> {
    match dossier_core::source::find_again(source) {
        Ok(dossier_core::source::Origin::File(path)) => Ok((path, false)),
        Ok(dossier_core::source::Origin::Bytes { name, bytes }) => {
            // In the user's own cache folder, not a shared temporary one where another
            // account could have put a link in its place.
            let dir = directories::ProjectDirs::from("", "", "dossier")
                .map(|d| d.cache_dir().join("sources"))
                .ok_or_else(|| "no cache directory".to_string())?;
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            // The name comes from an archive: only its safe characters make the file name.
            let safe: String = name
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let path = dir.join(if safe.is_empty() {
                "source".into()
            } else {
                safe
            });
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok((path, true))
        }
        Err(e) => Err(format!("{source}: {e}")),
    }
}
