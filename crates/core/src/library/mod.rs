//! The local library: the questions a staffer imported from the Assemblée's data (archives,
//! loose files, saved pages), in an SQLite database (`library.db`, its tables described in
//! `docs/library.md`), with the word index of its questions, their related questions,
//! the named dossiers defined over it, and what each import changed.
//!
//! - [`Library::import`] reads PATHs as a load does, but leaves out the files and archive
//!   entries unchanged since they were last imported (a stamp per source); merges each
//!   question read into the one held (state only moves forward: [`merge`]); writes only the
//!   questions whose record changed (a hash per row), the word index of those (a new
//!   segment) and their relations; records what changed; all in one transaction. Killed at
//!   any point, the library is the old one or the new one; one import at a time (a lock
//!   file); readers go on reading meanwhile (WAL).
//! - [`Library::reader`] opens it to read: a named dossier's questions only, a query
//!   answered from the indexes ([`crate::query::db`]), light rows, texts on demand, what
//!   changed since a given time.
//! - A library of the versions before (`library.bin` and `dossiers.json`) is converted on
//!   first use; the old files go once the database is in place.

pub mod dossiers;
mod import;
mod legacy;
pub mod merge;
mod reader;
mod schema;
mod store;

pub use import::{DossierMoves, ImportOptions};
pub use reader::{ChangeKind, ChangeRecord, ImportSummary, Light, Reader};
pub use schema::VERSION as SCHEMA_VERSION;

use crate::load::{LoadOptions, Progress};
use crate::model::Question;
use crate::parse::diagnostic::Diagnostic;
use crate::query::words::WordIndex;
use crate::review::change::{Change, ChangeSummary};
use dossiers::{DossierError, Dossiers, NamedDossier};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The database in the library's folder.
const FILE: &str = "library.db";
/// The lock file of imports (and conversions).
const LOCK: &str = "library.lock";

/// One import, as the libraries before the database remembered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// When it ran (RFC 3339).
    pub at: String,
    /// The PATHs imported.
    pub paths: Vec<String>,
    /// Questions read.
    pub read: usize,
    /// What changed.
    pub changes: ChangeSummary,
}

/// What went wrong with a library.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// It could not be read or written.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done ("reading", "writing").
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: io::Error,
    },
    /// Its file is damaged: it is left as it is, for the user to move away.
    #[error("{path} is damaged ({what}): left as it is")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What did not hold.
        what: String,
    },
    /// Written by another (a later) version of dossier.
    #[error("{0} was written by another version of dossier")]
    OtherVersion(PathBuf),
    /// Another import holds the library.
    #[error("another import is running on {0}")]
    Busy(PathBuf),
    /// The named dossiers file (of a library before the database) does not parse.
    #[error("{path}: {what}")]
    BadDossiers {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        what: String,
    },
}

impl LibraryError {
    /// An SQLite error on the library's database, as one of ours.
    pub(crate) fn sqlite(path: &Path, e: rusqlite::Error) -> LibraryError {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                LibraryError::Busy(path.parent().unwrap_or(path).to_path_buf())
            }
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => LibraryError::Damaged {
                path: path.to_path_buf(),
                what: e.to_string(),
            },
            _ => LibraryError::Io {
                action: "reading",
                path: path.to_path_buf(),
                source: io::Error::other(e.to_string()),
            },
        }
    }

    pub(crate) fn db(path: &Path, e: crate::query::db::DbError) -> LibraryError {
        match e {
            crate::query::db::DbError::Sqlite(e) => LibraryError::sqlite(path, e),
            crate::query::db::DbError::Damaged(what) => LibraryError::Damaged {
                path: path.to_path_buf(),
                what,
            },
        }
    }

    pub(crate) fn open(path: &Path, e: schema::OpenError) -> LibraryError {
        match e {
            schema::OpenError::Newer => LibraryError::OtherVersion(path.to_path_buf()),
            schema::OpenError::Sqlite(e) => LibraryError::sqlite(path, e),
        }
    }

    pub(crate) fn read(path: &Path, e: store::ReadError) -> LibraryError {
        match e {
            store::ReadError::Sqlite(e) => LibraryError::sqlite(path, e),
            store::ReadError::Bad(row) => LibraryError::Damaged {
                path: path.to_path_buf(),
                what: format!("question {}: {}", row.id, row.what),
            },
        }
    }
}

/// What a library holds, read whole.
#[derive(Debug, Default)]
pub struct Opened {
    /// Its questions, in the order they were first imported.
    pub questions: Vec<Question>,
    /// Their word index.
    pub words: Option<WordIndex>,
    /// Their related questions, found at the imports.
    pub related: Option<crate::related::Stored>,
    /// Its imports, oldest first.
    pub imports: Vec<ImportSummary>,
}

impl Opened {
    /// The legislature in session as the library's questions say, or `configured` when
    /// higher (see [`crate::deadline::Current`]).
    pub fn current(&self, configured: Option<u16>) -> crate::deadline::Current {
        crate::deadline::Current::of(&self.questions, configured)
    }

    /// The search index of the questions, with the word index the library holds (built
    /// here when it holds none); `current` the legislature in session ([`Opened::current`]).
    pub fn search_index(&mut self, current: crate::deadline::Current) -> crate::query::SearchIndex {
        let index = crate::query::SearchIndex::build_keys(&self.questions, current);
        index.set_words(match self.words.take() {
            Some(w) => w,
            None => WordIndex::build(&self.questions),
        });
        index
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// What reading the PATHs had to say.
    pub diagnostics: Vec<Diagnostic>,
    /// Questions the PATHs hold (read, or left unread as unchanged since the last import).
    pub read: usize,
    /// Of those, the questions whose record was unchanged: nothing written for them.
    pub unchanged: usize,
    /// Questions in the library now.
    pub total: usize,
    /// Each question that changed (new, answered, closed…), by id, in id order.
    pub changes: Vec<(String, Change)>,
    /// The same, counted.
    pub summary: ChangeSummary,
    /// Per named dossier that changed: the questions that left it and those that came in.
    pub moves: Vec<DossierMoves>,
    /// Files (or entries) skipped.
    pub skipped: usize,
    /// Its number in the library's `imports` table (see [`Reader::changes_since`]).
    pub import: i64,
}

/// A library folder.
#[derive(Debug, Clone)]
pub struct Library {
    dir: PathBuf,
}

impl Library {
    /// The library in `dir`.
    pub fn at(dir: &Path) -> Library {
        Library {
            dir: dir.to_path_buf(),
        }
    }

    /// The default library, in the user's data folder (`~/.local/share/dossier/library`).
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "dossier").map(|d| d.data_dir().join("library"))
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Its database file (`library.db`).
    pub fn file(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// True when it holds questions (or a library of an older version does, to convert).
    pub fn exists(&self) -> bool {
        let db = self.file();
        if db.is_file() {
            return match schema::open_read(&db) {
                Ok(conn) => conn
                    .query_row("SELECT EXISTS(SELECT 1 FROM questions)", [], |r| {
                        r.get::<_, bool>(0)
                    })
                    .unwrap_or(true),
                // It holds something, which opening it will say is unreadable.
                Err(_) => true,
            };
        }
        self.dir.join(legacy::FILE).is_file()
    }

    /// Converts a library of the versions before the database, if there is one and no
    /// database yet (waiting for another process converting it).
    fn prepare(&self) -> Result<(), LibraryError> {
        if self.file().exists() || legacy::files(&self.dir).is_empty() {
            return Ok(());
        }
        let _lock = crate::review::fs::FileLock::acquire(
            &self.dir.join("library"),
            std::time::Duration::from_secs(900),
        )
        .map_err(|source| LibraryError::Io {
            action: "locking",
            path: self.dir.join(LOCK),
            source,
        })?;
        if self.file().exists() {
            return Ok(()); // Converted meanwhile.
        }
        import::convert(self)
    }

    /// Opens it to read (converting an older library first).
    pub fn reader(&self) -> Result<Reader, LibraryError> {
        self.prepare()?;
        Reader::open(&self.file())
    }

    /// Reads every question, their word index and relations, and the imports.
    /// The whole library as the viewer holds it: light rows, word index, relations (see
    /// [`Reader::light`]); a library in the former format is converted first.
    pub fn open_light(&self) -> Result<Light, LibraryError> {
        if !self.exists() {
            return Ok(Light::default());
        }
        let started = std::time::Instant::now();
        let light = self.reader()?.light()?;
        tracing::info!(
            questions = light.rows.len(),
            words = light.words.is_some(),
            related = light.related.is_some(),
            ms = started.elapsed().as_millis() as u64,
            "library opened as rows"
        );
        Ok(light)
    }

    /// Reads every question, whole (see [`Reader::everything`]).
    pub fn open(&self) -> Result<Opened, LibraryError> {
        if !self.exists() {
            return Ok(Opened::default());
        }
        let started = std::time::Instant::now();
        let reader = self.reader()?;
        let opened = reader.everything()?;
        tracing::info!(
            questions = opened.questions.len(),
            words = opened.words.is_some(),
            related = opened.related.is_some(),
            ms = started.elapsed().as_millis() as u64,
            "library opened"
        );
        Ok(opened)
    }

    /// Imports PATHs (anything a load reads): see the module's documentation. `now` (RFC
    /// 3339) is recorded as the import's time; named dossiers' moves are decided with the
    /// date of `now` as today. [`Library::import_with`] takes every option.
    pub fn import(
        &self,
        paths: &[PathBuf],
        progress: Option<&(dyn Fn(Progress) + Sync)>,
        now: &str,
        related: &crate::related::Config,
    ) -> Result<ImportReport, LibraryError> {
        let today = chrono::DateTime::parse_from_rfc3339(now)
            .map(|d| d.date_naive())
            .unwrap_or_else(|_| chrono::Local::now().date_naive());
        self.import_with(
            paths,
            &ImportOptions {
                progress,
                now,
                today,
                related,
            },
        )
    }

    /// Imports PATHs: what `dossier import` and `dossier update` run.
    pub fn import_with(
        &self,
        paths: &[PathBuf],
        options: &ImportOptions,
    ) -> Result<ImportReport, LibraryError> {
        let io_error = |action: &'static str, path: &Path| {
            let path = path.to_path_buf();
            move |source: io::Error| LibraryError::Io {
                action,
                path,
                source,
            }
        };
        fs::create_dir_all(&self.dir).map_err(io_error("creating", &self.dir))?;
        let lock_path = self.dir.join(LOCK);
        let _lock = crate::review::fs::FileLock::try_hold(&lock_path)
            .map_err(io_error("locking", &lock_path))?
            .ok_or_else(|| LibraryError::Busy(self.dir.clone()))?;
        if !self.file().exists() && !legacy::files(&self.dir).is_empty() {
            import::convert(self)?;
        }
        import::run(self, paths, options)
    }

    /// The named dossiers.
    pub fn dossiers(&self) -> Result<Dossiers, LibraryError> {
        if !self.file().exists() && legacy::files(&self.dir).is_empty() {
            return Ok(Dossiers::default());
        }
        self.reader()?.dossiers()
    }

    /// Changes the named dossiers: read, changed by `f` and written (when `f` succeeds) in
    /// one transaction, so that two processes changing dossiers at once both keep their
    /// change. A library without questions yet is created for them.
    pub fn change_dossiers<T>(
        &self,
        f: impl FnOnce(&mut Dossiers) -> Result<T, DossierError>,
    ) -> Result<Result<T, DossierError>, LibraryError> {
        fs::create_dir_all(&self.dir).map_err(|source| LibraryError::Io {
            action: "creating",
            path: self.dir.clone(),
            source,
        })?;
        self.prepare()?;
        let path = self.file();
        let conn = schema::open_write(&path).map_err(|e| LibraryError::open(&path, e))?;
        reader::change_dossiers(&conn, &path, f)
    }

    /// How many questions each dossier holds now (none for a dossier whose query no longer
    /// parses).
    pub fn sizes(
        &self,
        dossiers: &[NamedDossier],
        today: chrono::NaiveDate,
    ) -> Result<Vec<Option<usize>>, LibraryError> {
        if dossiers.is_empty() {
            return Ok(Vec::new());
        }
        if !self.exists() {
            return Ok(dossiers.iter().map(|_| Some(0)).collect());
        }
        let reader = self.reader()?;
        dossiers
            .iter()
            .map(|d| match reader.members(d, today) {
                Ok(m) => Ok(Some(m.len())),
                Err(OriginError::BadQuery(..)) => Ok(None),
                Err(OriginError::Library(e)) => Err(e),
                Err(OriginError::UnknownDossier(_)) => Ok(None),
            })
            .collect()
    }
}

/// The news of the whole library ([`crate::news::compute`]), reading only the questions
/// that may have some ([`Reader::news_candidates`]) and those `imported` names: the same
/// news as over every question, without holding them.
pub fn library_news(
    reader: &Reader,
    current: crate::deadline::Current,
    from: chrono::NaiveDate,
    today: chrono::NaiveDate,
    imported: &crate::news::Imported,
) -> Result<crate::news::News, LibraryError> {
    let ahead = today
        .checked_add_days(chrono::Days::new(crate::news::AHEAD_DAYS))
        .unwrap_or(today);
    let mut qids = reader.news_candidates(from, today, ahead)?;
    let ids: Vec<&str> = imported.ids().collect();
    qids.extend(reader.qids_of(&ids)?);
    qids.sort_unstable();
    qids.dedup();
    // A part at a time: an import that brought every question has news of each, and the
    // viewer asking for it holds rows, not questions.
    let mut news = crate::news::compute(&[], current, from, today, imported);
    for part in qids.chunks(2048) {
        let questions: Vec<Question> = reader
            .questions(Some(part))?
            .into_iter()
            .map(|(_, q)| q)
            .collect();
        news.merge(crate::news::compute(
            &questions, current, from, today, imported,
        ));
    }
    Ok(news)
}

/// What the library's imports after `since` changed among a dossier's questions (its
/// named dossier's, or the whole library's), as the news tells it: nothing for an origin
/// that is not the library, or a library not made yet. Imports after the day taken as
/// today are left out (a `--today` in the past sees the library as it was then).
pub fn imported_since(
    origin: &Origin,
    since: chrono::DateTime<chrono::Utc>,
    today: chrono::NaiveDate,
) -> Result<crate::news::Imported, OriginError> {
    use crate::news::Change as News;
    let mut imported = crate::news::Imported::default();
    let Origin::Library { dir, dossier } = origin else {
        return Ok(imported);
    };
    let library = Library::at(dir);
    if !library.exists() {
        return Ok(imported);
    }
    let reader = library.reader()?;
    let dossiers;
    let named = match dossier {
        Some(name) => {
            dossiers = reader.dossiers()?;
            Some(
                dossiers
                    .get(name)
                    .ok_or_else(|| OriginError::UnknownDossier(name.clone()))?,
            )
        }
        None => None,
    };
    let end = today
        .succ_opt()
        .unwrap_or(today)
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    for record in reader.changes_since(Some(since.fixed_offset()), named, today)? {
        let at = chrono::DateTime::parse_from_rfc3339(&record.at);
        if at.is_ok_and(|at| at >= end) {
            continue;
        }
        let change = match record.kind {
            ChangeKind::New | ChangeKind::Joined => News::Joined,
            ChangeKind::Answered => News::Answered,
            ChangeKind::Withdrawn => News::Closed,
            ChangeKind::Signaled => News::Signaled,
            ChangeKind::MinistryChanged => News::Ministry,
            ChangeKind::Other | ChangeKind::Left => continue,
        };
        imported.add(&record.id, change);
    }
    Ok(imported)
}

/// Where a dossier's questions come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The sample dossier built into the program.
    Sample,
    /// Files, folders and archives named on the command line.
    Paths(Vec<PathBuf>),
    /// The library, or one of its named dossiers.
    Library {
        /// The library's folder.
        dir: PathBuf,
        /// The named dossier, or the whole library.
        dossier: Option<String>,
    },
}

/// Makes a source that names a file relative to the current folder absolute; the sample's
/// sources (`<sample>/...`) and absolute ones are left as they are.
pub(crate) fn absolute_source(source: &mut String) {
    let path = Path::new(source.as_str());
    if source.starts_with('<') || path.is_absolute() {
        return;
    }
    if let Ok(abs) = std::path::absolute(path) {
        if let Some(s) = abs.to_str() {
            *source = s.to_string();
        }
    }
}

/// Why an origin could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OriginError {
    /// The library could not be read.
    #[error(transparent)]
    Library(#[from] LibraryError),
    /// No dossier of that name in the library.
    #[error("no dossier named '{0}' in the library")]
    UnknownDossier(String),
    /// The dossier's query no longer parses.
    #[error("the query of dossier '{0}' is invalid: {1}")]
    BadQuery(String, crate::query::QueryError),
}

impl Origin {
    /// The origin of a command: its PATHs when there are some; else the named dossier or the
    /// whole library when it holds questions; else the sample.
    pub fn choose(paths: &[PathBuf], library: &Library, dossier: Option<&str>) -> Origin {
        if !paths.is_empty() {
            Origin::Paths(paths.to_vec())
        } else if dossier.is_some() || library.exists() {
            Origin::Library {
                dir: library.dir().to_path_buf(),
                dossier: dossier.map(str::to_string),
            }
        } else {
            Origin::Sample
        }
    }

    /// The key of the review file of this origin (see [`crate::review::path`]).
    pub fn review_key(&self) -> String {
        match self {
            Origin::Sample => crate::review::path::SAMPLE_KEY.to_string(),
            Origin::Paths(paths) => crate::review::path::dossier_key(paths),
            Origin::Library { dir, dossier } => {
                crate::review::path::library_key(dir, dossier.as_deref())
            }
        }
    }

    /// For the whole library only: its `n` newest questions, read in milliseconds whatever
    /// its size, to show while [`Origin::load`] reads everything. None for other origins
    /// (a named dossier, PATHs and the sample load quickly enough), for an empty library,
    /// or when the library cannot be read (the load says why).
    pub fn first_page(
        &self,
        n: usize,
        legislature: Option<u16>,
    ) -> Option<crate::load::LoadReport> {
        let Origin::Library { dir, dossier: None } = self else {
            return None;
        };
        let library = Library::at(dir);
        // A library still in the former format is converted by the load, not here.
        if !library.file().exists() {
            return None;
        }
        let reader = library.reader().ok()?;
        let questions = reader.newest(n).ok().filter(|q| !q.is_empty())?;
        Some(crate::load::LoadReport {
            files_read: questions.len(),
            current: reader.current(legislature),
            questions,
            ..Default::default()
        })
    }

    /// For the whole library only: its questions as light rows, texts left in the library
    /// (see [`Library::open_light`]), with the legislature in session. None for other
    /// origins, which [`Origin::load`] reads whole.
    pub fn load_light(
        &self,
        legislature: Option<u16>,
    ) -> Option<Result<(Light, crate::deadline::Current), OriginError>> {
        let Origin::Library { dir, dossier: None } = self else {
            return None;
        };
        let library = Library::at(dir);
        Some((|| {
            let light = library.open_light()?;
            let current = crate::deadline::Current::from_data(
                light.rows.iter().map(|r| r.legislature),
                legislature,
            );
            Ok((light, current))
        })())
    }

    /// Loads the questions of this origin. `options` serves a load of PATHs; `today`
    /// evaluates a named dossier's query (`is:overdue`). A named dossier reads its own
    /// questions only, and those of the library related to them.
    pub fn load(
        &self,
        options: &LoadOptions,
        today: chrono::NaiveDate,
    ) -> Result<crate::load::LoadReport, OriginError> {
        match self {
            Origin::Sample => {
                let mut report = crate::load::load_sample();
                report.current =
                    crate::deadline::Current::of(&report.questions, options.legislature);
                Ok(report)
            }
            Origin::Paths(paths) => Ok(crate::load::load(paths, options)),
            Origin::Library { dir, dossier } => {
                let library = Library::at(dir);
                let Some(name) = dossier else {
                    let opened = library.open()?;
                    return Ok(crate::load::LoadReport {
                        files_read: opened.questions.len(),
                        current: opened.current(options.legislature),
                        questions: opened.questions,
                        words: opened.words,
                        related: opened.related,
                        ..Default::default()
                    });
                };
                let reader = library.reader()?;
                let dossiers = reader.dossiers()?;
                let d = dossiers
                    .get(name)
                    .ok_or_else(|| OriginError::UnknownDossier(name.clone()))?;
                let members = reader.members(d, today)?;
                let (questions, related) = reader.with_related(&members)?;
                Ok(crate::load::LoadReport {
                    files_read: questions.len(),
                    // The whole library's, also for a named dossier of older questions.
                    current: reader.current(options.legislature),
                    questions,
                    related,
                    ..Default::default()
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_of_before_is_converted_once_its_database_is_in_place() {
        let tmp = tempfile::tempdir().unwrap();
        let questions = crate::sample::questions();
        let mut dossiers = Dossiers::default();
        let mut d = NamedDossier::new("attente", "statut:attente").unwrap();
        d.excluded.push(questions[0].id.clone());
        dossiers.put(d);
        legacy::write(tmp.path(), &questions, &dossiers).unwrap();
        let library = Library::at(tmp.path());
        assert!(library.exists());
        let opened = library.open().unwrap();
        assert_eq!(opened.questions, questions);
        assert_eq!(library.dossiers().unwrap(), dossiers);
        assert_eq!(opened.imports.len(), 1);
        assert!(library.file().exists());
        assert!(legacy::files(tmp.path()).is_empty());
        // Read again: nothing left to convert.
        assert_eq!(library.open().unwrap().questions, questions);
    }
}
