//! The local library: the questions a staffer imported from the Assemblée's data (archives,
//! loose files, saved pages), kept in one file that opens in a fraction of a second, with
//! the word index of its questions, and the named dossiers defined over it.
//!
//! An import reads its PATHs as a load does, merges each question into the one the library
//! holds (state only moves forward: [`merge`]), says what changed (new questions, answers,
//! closures, changes of ministry, signalements), and writes the new library atomically: a
//! temporary file written and synced, renamed over the old one, the folder synced. Killed at
//! any point, the library is the old one or the new one. One import at a time (a lock file).

pub mod dossiers;
pub mod merge;

use crate::load::{load, LoadOptions, Progress};
use crate::model::Question;
use crate::parse::diagnostic::Diagnostic;
use crate::query::words::WordIndex;
use crate::review::change::{Change, ChangeSummary, Snapshot};
use crate::sections::{read_directory, read_section, Section, SectionWriter, Unused};
use crate::wire::StoredQuestion;
use dossiers::{DossierError, Dossiers, NamedDossier};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// First bytes of a library file.
const MAGIC: &[u8; 8] = b"DOSLIBRY";
/// Version of its layout.
pub const FORMAT: u32 = 2;
/// Questions per section.
const SECTION: usize = 2048;
/// The library file in its folder.
const FILE: &str = "library.bin";
/// The named dossiers in the folder.
const DOSSIERS: &str = "dossiers.json";

/// One import, as the library remembers it.
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

/// The directory of a library file.
#[derive(Serialize, Deserialize)]
struct Directory {
    format: u32,
    app: String,
    count: usize,
    sections: Vec<Section>,
    words: Option<Section>,
    /// The related questions, with the settings they were found with.
    related: Option<Section>,
    imports: Vec<ImportRecord>,
}

/// A question as the library stores it: with where it came from.
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    #[serde(borrow)]
    question: StoredQuestion<'a>,
    #[serde(borrow, with = "serde_bytes")]
    source: &'a [u8],
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
    /// Written by another version of dossier.
    #[error("{0} was written by another version of dossier")]
    OtherVersion(PathBuf),
    /// Another import holds the library.
    #[error("another import is running on {0}")]
    Busy(PathBuf),
    /// The named dossiers file does not parse.
    #[error("{path}: {what}")]
    BadDossiers {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        what: String,
    },
}

/// What a library holds.
#[derive(Debug, Default)]
pub struct Opened {
    /// Its questions, in the order they were first imported.
    pub questions: Vec<Question>,
    /// Their word index.
    pub words: Option<WordIndex>,
    /// Their related questions, found at the last import.
    pub related: Option<crate::related::Stored>,
    /// Its imports, oldest first.
    pub imports: Vec<ImportRecord>,
}

impl Opened {
    /// The legislature in session as the library's questions say, or `configured` when
    /// higher (see [`crate::deadline::Current`]).
    pub fn current(&self, configured: Option<u16>) -> crate::deadline::Current {
        crate::deadline::Current::of(&self.questions, configured)
    }

    /// The search index of the questions, with the word index the library holds (built
    /// here when it holds none), to select named dossiers' questions; `current` the
    /// legislature in session ([`Opened::current`]).
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
    /// Questions read.
    pub read: usize,
    /// Questions in the library now.
    pub total: usize,
    /// Each question that changed (new, answered, closed…), by id, in id order.
    pub changes: Vec<(String, Change)>,
    /// The same, counted.
    pub summary: ChangeSummary,
    /// Files (or entries) skipped.
    pub skipped: usize,
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

    /// Its file of questions.
    pub fn file(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// True when it holds questions (its file exists).
    pub fn exists(&self) -> bool {
        self.file().is_file()
    }

    /// Reads its questions (in parallel, section by section) and their word index.
    pub fn open(&self) -> Result<Opened, LibraryError> {
        let started = std::time::Instant::now();
        let path = self.file();
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Opened::default()),
            Err(e) => {
                return Err(LibraryError::Io {
                    action: "reading",
                    path,
                    source: e,
                })
            }
        };
        let bad = |why: Unused| match why {
            Unused::OtherVersion => LibraryError::OtherVersion(path.clone()),
            Unused::Damaged(what) => LibraryError::Damaged {
                path: path.clone(),
                what,
            },
            Unused::Unreadable(what) => LibraryError::Io {
                action: "reading",
                path: path.clone(),
                source: io::Error::other(what),
            },
        };
        let (len, bytes) = read_directory(&file, MAGIC, FORMAT).map_err(bad)?;
        let directory: Directory =
            postcard::from_bytes(&bytes).map_err(|_| bad(Unused::Damaged("directory".into())))?;
        if directory.format != FORMAT {
            return Err(LibraryError::OtherVersion(path));
        }
        let sections: Result<Vec<Vec<Question>>, LibraryError> = directory
            .sections
            .par_iter()
            .map(|&s| {
                let bytes = read_section(&file, len, s).map_err(bad)?;
                let stored: Vec<Stored> = postcard::from_bytes(&bytes)
                    .map_err(|_| bad(Unused::Damaged("questions".into())))?;
                stored
                    .into_iter()
                    .map(|s| {
                        let source = simdutf8::basic::from_utf8(s.source)
                            .map(str::to_string)
                            .unwrap_or_default();
                        s.question
                            .into_question(source)
                            .ok_or_else(|| bad(Unused::Damaged("a question".into())))
                    })
                    .collect()
            })
            .collect();
        let mut questions = Vec::with_capacity(directory.count);
        for section in sections? {
            questions.extend(section);
        }
        if questions.len() != directory.count {
            return Err(bad(Unused::Damaged("question count".into())));
        }
        let words = match directory.words {
            Some(s) => {
                let bytes = read_section(&file, len, s).map_err(bad)?;
                postcard::from_bytes::<crate::query::words::WordIndexParts>(&bytes)
                    .ok()
                    .and_then(WordIndex::from_parts)
                    .filter(|w| w.docs() == questions.len())
            }
            None => None,
        };
        // Damaged relations are found again by the viewer: not a reason to refuse the rest.
        let related = directory
            .related
            .and_then(|s| read_section(&file, len, s).ok())
            .and_then(|bytes| postcard::from_bytes::<crate::related::Stored>(&bytes).ok())
            .filter(|r| r.relations.len() == questions.len());
        tracing::info!(
            questions = questions.len(),
            words = words.is_some(),
            related = related.is_some(),
            ms = started.elapsed().as_millis() as u64,
            "library opened"
        );
        Ok(Opened {
            questions,
            words,
            related,
            imports: directory.imports,
        })
    }

    /// Imports PATHs (anything a load reads): merges their questions into the library and
    /// writes it, atomically. `progress` follows the reading.
    pub fn import(
        &self,
        paths: &[PathBuf],
        progress: Option<&(dyn Fn(Progress) + Sync)>,
        now: &str,
        related: &crate::related::Config,
    ) -> Result<ImportReport, LibraryError> {
        let io_error = |action: &'static str, path: &Path| {
            let path = path.to_path_buf();
            move |source: io::Error| LibraryError::Io {
                action,
                path,
                source,
            }
        };
        let started = std::time::Instant::now();
        fs::create_dir_all(&self.dir).map_err(io_error("creating", &self.dir))?;
        let lock_path = self.dir.join("library.lock");
        let _lock = crate::review::fs::FileLock::try_hold(&lock_path)
            .map_err(io_error("locking", &lock_path))?
            .ok_or_else(|| LibraryError::Busy(self.dir.clone()))?;
        self.remove_stale_temporaries();
        let held = self.open()?;
        let loaded = load(
            paths,
            &LoadOptions {
                progress,
                ..LoadOptions::default()
            },
        );
        let read = loaded.questions.len();
        let mut report = ImportReport {
            read,
            skipped: loaded.files_skipped,
            diagnostics: loaded.diagnostics,
            ..ImportReport::default()
        };
        // Held as options while merging: a question is taken out, merged, put back.
        let mut questions: Vec<Option<Question>> = held.questions.into_iter().map(Some).collect();
        let mut at: HashMap<String, usize> = questions
            .iter()
            .enumerate()
            .filter_map(|(i, q)| q.as_ref().map(|q| (q.id.clone(), i)))
            .collect();
        for mut incoming in loaded.questions {
            // Found again later (the viewer's pager and editor) from any folder.
            absolute_source(&mut incoming.source);
            match at.get(&incoming.id).copied() {
                Some(i) => {
                    let Some(held) = questions[i].take() else {
                        continue;
                    };
                    let before = Snapshot::of(&held);
                    let merged = merge::merge(held, incoming);
                    if let Some(change) = before.change_to(&Snapshot::of(&merged)) {
                        report.changes.push((merged.id.clone(), change));
                    }
                    questions[i] = Some(merged);
                }
                None => {
                    at.insert(incoming.id.clone(), questions.len());
                    report.changes.push((incoming.id.clone(), Change::New));
                    questions.push(Some(incoming));
                }
            }
        }
        #[allow(
            clippy::filter_map_identity,
            reason = "collected in place, where flatten is not"
        )]
        let questions: Vec<Question> = questions.into_iter().filter_map(|q| q).collect();
        report.changes.sort();
        for (_, change) in &report.changes {
            report.summary.count(*change);
        }
        report.total = questions.len();
        let words = WordIndex::build(&questions);
        // Found once here, for every later open (a second for 100,000 questions).
        let related = crate::related::Stored {
            config: related.clone(),
            relations: crate::related::compute(&questions, related),
            outside: Vec::new(),
        };
        let mut imports = held.imports;
        imports.push(ImportRecord {
            at: now.to_string(),
            paths: paths.iter().map(|p| p.display().to_string()).collect(),
            read,
            changes: report.summary.clone(),
        });
        self.write(&questions, &words, &related, imports)?;
        let s = &report.summary;
        tracing::info!(
            read,
            skipped = report.skipped,
            total = report.total,
            new = s.new_questions,
            answers = s.new_answers,
            withdrawals = s.new_withdrawals,
            signalements = s.new_signalements,
            ministries = s.new_ministries,
            other = s.other_changes,
            ms = started.elapsed().as_millis() as u64,
            "import"
        );
        Ok(report)
    }

    /// Writes the library file: a temporary file, synced, renamed over the old one, the
    /// folder synced.
    fn write(
        &self,
        questions: &[Question],
        words: &WordIndex,
        related: &crate::related::Stored,
        imports: Vec<ImportRecord>,
    ) -> Result<(), LibraryError> {
        let path = self.file();
        let tmp = self.dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
        let error = |source: io::Error| LibraryError::Io {
            action: "writing",
            path: tmp.clone(),
            source,
        };
        let written = (|| -> io::Result<()> {
            let mut out = SectionWriter::create(&tmp, MAGIC, FORMAT)?;
            let mut sections = Vec::new();
            for batch in questions.chunks(SECTION * 4) {
                let encoded: Vec<Result<Vec<u8>, postcard::Error>> = batch
                    .par_chunks(SECTION)
                    .map(|chunk| {
                        let stored: Vec<Stored> = chunk
                            .iter()
                            .map(|q| Stored {
                                question: StoredQuestion::from_question(q),
                                source: q.source.as_bytes(),
                            })
                            .collect();
                        let room: usize = chunk
                            .iter()
                            .map(|q| q.question_text.len() + q.answer_text.len() + 1024)
                            .sum();
                        postcard::to_extend(&stored, Vec::with_capacity(room))
                    })
                    .collect();
                for bytes in encoded {
                    sections.push(out.put(&bytes.map_err(io::Error::other)?)?);
                }
            }
            let words = postcard::to_allocvec(&words.to_parts()).map_err(io::Error::other)?;
            let words = Some(out.put(&words)?);
            let related = postcard::to_allocvec(related).map_err(io::Error::other)?;
            let related = Some(out.put(&related)?);
            let directory = Directory {
                format: FORMAT,
                app: env!("CARGO_PKG_VERSION").to_string(),
                count: questions.len(),
                sections,
                words,
                related,
                imports,
            };
            let bytes = postcard::to_allocvec(&directory).map_err(io::Error::other)?;
            out.finish(&bytes, true)
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(error(e));
        }
        fs::rename(&tmp, &path).map_err(|source| LibraryError::Io {
            action: "replacing",
            path: path.clone(),
            source,
        })?;
        // The rename itself reaches the disk with the folder.
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// Removes temporary files an interrupted import left.
    fn remove_stale_temporaries(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with(&format!(".{FILE}.")) && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// The named dossiers (none when the file does not exist).
    pub fn dossiers(&self) -> Result<Dossiers, LibraryError> {
        let path = self.dir.join(DOSSIERS);
        match crate::files::read_regular(&path, 16 * 1024 * 1024) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| LibraryError::BadDossiers {
                path,
                what: e.to_string(),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Dossiers::default()),
            Err(e) => Err(LibraryError::Io {
                action: "reading",
                path,
                source: e,
            }),
        }
    }

    /// Changes the named dossiers: read, changed by `f` and written (when `f` succeeds)
    /// under the file's lock, so that two processes changing dossiers at once both keep
    /// their change.
    pub fn change_dossiers<T>(
        &self,
        f: impl FnOnce(&mut Dossiers) -> Result<T, DossierError>,
    ) -> Result<Result<T, DossierError>, LibraryError> {
        let path = self.dir.join(DOSSIERS);
        fs::create_dir_all(&self.dir).map_err(|source| LibraryError::Io {
            action: "creating",
            path: self.dir.clone(),
            source,
        })?;
        let _lock = crate::review::fs::FileLock::acquire(&path, std::time::Duration::from_secs(5))
            .map_err(|source| LibraryError::Io {
                action: "locking",
                path: path.clone(),
                source,
            })?;
        let mut dossiers = self.dossiers()?;
        match f(&mut dossiers) {
            Ok(out) => {
                self.save_dossiers(&dossiers)?;
                Ok(Ok(out))
            }
            Err(e) => Ok(Err(e)),
        }
    }

    /// How many questions each dossier holds now (none for a dossier whose query no longer
    /// parses), the library opened and indexed once; `legislature` the configuration's.
    pub fn sizes(
        &self,
        dossiers: &[NamedDossier],
        today: chrono::NaiveDate,
        legislature: Option<u16>,
    ) -> Result<Vec<Option<usize>>, LibraryError> {
        if dossiers.is_empty() {
            return Ok(Vec::new());
        }
        let mut opened = self.open()?;
        let current = opened.current(legislature);
        let index = opened.search_index(current);
        Ok(dossiers
            .iter()
            .map(|d| {
                d.select(&opened.questions, &index, today)
                    .ok()
                    .map(|k| k.len())
            })
            .collect())
    }

    /// Writes the named dossiers, atomically (see [`Library::change_dossiers`] to change
    /// them safely).
    fn save_dossiers(&self, dossiers: &Dossiers) -> Result<(), LibraryError> {
        let path = self.dir.join(DOSSIERS);
        let error = |source: io::Error| LibraryError::Io {
            action: "writing",
            path: path.clone(),
            source,
        };
        fs::create_dir_all(&self.dir).map_err(error)?;
        let mut bytes =
            serde_json::to_vec_pretty(dossiers).map_err(|e| error(io::Error::other(e)))?;
        bytes.push(b'\n');
        crate::review::fs::write_atomic(&crate::review::fs::RealFs, &path, &bytes)
            .map_err(|e| error(e.error))
    }
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
fn absolute_source(source: &mut String) {
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

    /// Loads the questions of this origin. `options` serves a load of PATHs (its
    /// `legislature`, every origin); `today` evaluates a named dossier's query
    /// (`is:overdue`).
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
            Origin::Paths(paths) => Ok(load(paths, options)),
            Origin::Library { dir, dossier } => {
                let library = Library::at(dir);
                let mut opened = library.open()?;
                // The whole library's, also for a named dossier of older questions.
                let mut report = crate::load::LoadReport {
                    files_read: opened.questions.len(),
                    current: opened.current(options.legislature),
                    ..Default::default()
                };
                let Some(name) = dossier else {
                    report.questions = opened.questions;
                    report.words = opened.words;
                    report.related = opened.related;
                    return Ok(report);
                };
                let dossiers = library.dossiers()?;
                let d = dossiers
                    .get(name)
                    .ok_or_else(|| OriginError::UnknownDossier(name.clone()))?;
                let index = opened.search_index(report.current);
                let keep = d
                    .select(&opened.questions, &index, today)
                    .map_err(|e| OriginError::BadQuery(name.clone(), e))?;
                drop(index);
                // The dossier's relations, and the questions of the library they point to.
                report.related = opened.related.map(|r| {
                    let mut inside = vec![false; opened.questions.len()];
                    for &k in &keep {
                        inside[k] = true;
                    }
                    let mut all = keep.clone();
                    for &k in &keep {
                        for rel in r.relations.of(k) {
                            let j = rel.index as usize;
                            if j < inside.len() && !inside[j] {
                                inside[j] = true;
                                all.push(j);
                            }
                        }
                    }
                    crate::related::Stored {
                        relations: r.relations.subset(&all),
                        outside: all[keep.len()..]
                            .iter()
                            .map(|&j| opened.questions[j].clone())
                            .collect(),
                        config: r.config,
                    }
                });
                let mut keep = keep.into_iter().peekable();
                report.questions = opened
                    .questions
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, q)| keep.next_if_eq(&i).map(|_| q))
                    .collect();
                Ok(report)
            }
        }
    }
}
