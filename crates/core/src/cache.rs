//! The cache between runs: what parsing each file gave, and the word index, so that a second
//! start reads one file instead of parsing a hundred thousand.
//!
//! One cache file per set of folders opened (named by a hash of their canonical paths), in
//! `$XDG_CACHE_HOME/dossier/`. Each file of the dossier is remembered with its size,
//! modification and change times and inode, and is trusted again only when `stat` gives the
//! same ones; anything else is parsed again. The cache is written atomically (a temporary file
//! renamed), can be deleted at any time, and a cache that is damaged, truncated or from
//! another version is ignored with a warning and rebuilt.
//!
//! Layout: a file of checksummed sections ([`crate::sections`]) of [postcard] (a compact
//! serde format, every read checked), questions in their wire form ([`crate::wire`]). The
//! sections hold a few thousand files each and are read and decoded in parallel, so that the
//! cache is never held whole in memory.

use crate::model::Question;
use crate::parse::diagnostic::{Diagnostic, Severity};
use crate::parse::problem::Problem;
use crate::query::words::{WordIndex, WordIndexParts};
use crate::sections::{read_directory, read_section, Section, SectionWriter, Unused};
use crate::wire::StoredQuestion;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// First bytes of a cache file.
const MAGIC: &[u8; 8] = b"DOSCACHE";
/// Version of the layout and of every structure in it; bump on any change.
pub const FORMAT: u32 = 3;
/// Files per section.
const SECTION_FILES: usize = 2048;
/// Cache files kept: the least recently used beyond these are deleted.
const KEEP: usize = 8;

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FileKey {
    size: u64,
    mtime: (i64, u32),
    ctime: (i64, u32),
    inode: u64,
}

impl FileKey {
    /// The key of a file's metadata.
    pub fn of(meta: &fs::Metadata) -> FileKey {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileKey {
                size: meta.len(),
                mtime: (meta.mtime(), meta.mtime_nsec() as u32),
                ctime: (meta.ctime(), meta.ctime_nsec() as u32),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()));
            FileKey {
                size: meta.len(),
                mtime,
                ctime: (0, 0),
                inode: 0,
            }
        }
    }
}

/// One file of a dossier as a load found it: which folder, its path below it, its key, and
/// what parsing it gave.
#[derive(Debug, Clone)]
pub struct FileRecord {
    /// Index of the folder (or file) named, in the load's roots.
    pub root: u32,
    /// Path below that folder, `/`-separated as the system gives it.
    pub rel: String,
    /// Its key when it was read.
    pub key: FileKey,
    /// The position of its question in the load's questions, if it gave one that was kept.
    pub question: Option<usize>,
    /// What was said about it.
    pub said: Vec<Diagnostic>,
    /// False when what it gave is not known whole (a read error, a copy dropped as a
    /// duplicate): it is read again next time.
    pub keep: bool,
}

/// What a load leaves for the cache to be written: the folders, each file's record, and
/// whether the cache already holds exactly this.
#[derive(Debug, Clone, Default)]
pub struct CacheTicket {
    /// The canonical paths of the folders and files named.
    pub roots: Vec<String>,
    /// One record per file read, in load order.
    pub files: Vec<FileRecord>,
    /// The cache holds these files as they are now.
    pub fresh: bool,
    /// The cache holds the word index of these questions too.
    pub has_words: bool,
    /// The cache holds their related questions too.
    pub has_related: bool,
}

impl CacheTicket {
    /// True when writing the cache would change it: files changed, or a word index or the
    /// related questions are now known that the cache lacks.
    pub fn needs_store(&self, with_words: bool, with_related: bool) -> bool {
        !self.fresh || (with_words && !self.has_words) || (with_related && !self.has_related)
    }
}

/// A diagnostic as stored: its path is rebuilt from the file's.
#[derive(Serialize, Deserialize)]
struct StoredDiagnostic {
    line: Option<usize>,
    skipped: bool,
    problem: Problem,
}

/// What one file gave, as stored in a section.
#[derive(Serialize, Deserialize)]
struct StoredOutcome<'a> {
    #[serde(borrow)]
    question: Option<StoredQuestion<'a>>,
    said: Vec<StoredDiagnostic>,
}

/// A file of the cache, in its directory: enough to trust it or not before its section is
/// read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedEntry {
    /// Index of its root.
    pub root: u32,
    /// Path below the root.
    pub rel: String,
    /// Its key when it was read.
    pub key: FileKey,
}

/// The directory at the end of a cache file.
#[derive(Serialize, Deserialize)]
struct Directory {
    format: u32,
    parser: u32,
    app: String,
    roots: Vec<String>,
    /// The files, in load order.
    files: Vec<CachedEntry>,
    /// Sections of their outcomes: section `s` holds files `s * SECTION_FILES` onwards.
    sections: Vec<Section>,
    /// The word index of the questions, in load order.
    words: Option<Section>,
    /// Their related questions, with the settings they were found with.
    related: Option<Section>,
}

/// What a cached file gave.
#[derive(Debug)]
pub struct CachedOutcome {
    /// Its question (its `source` to be set by the load).
    pub question: Option<Question>,
    /// What was said about it (paths to be set by the load).
    pub said: Vec<Diagnostic>,
    /// False when its stored question did not hold together: it is parsed again.
    pub intact: bool,
}

/// An opened cache file: its directory read and checked, its sections read on demand.
#[derive(Debug)]
pub struct CacheIndex {
    file: File,
    len: u64,
    entries: Vec<CachedEntry>,
    sections: Vec<Section>,
    words: Option<Section>,
    related: Option<Section>,
}

impl CacheIndex {
    /// The files the cache knows, in the order of the load that wrote it.
    pub fn entries(&self) -> &[CachedEntry] {
        &self.entries
    }

    /// Files per section: section `s` holds entries `s * files_per_section()` onwards.
    pub fn files_per_section(&self) -> usize {
        SECTION_FILES
    }

    /// Number of sections.
    pub fn sections(&self) -> usize {
        self.sections.len()
    }

    /// What the files of section `s` gave, in order (their entries'); checked and decoded.
    pub fn read_section(&self, s: usize) -> Result<Vec<CachedOutcome>, Unused> {
        let section = *self
            .sections
            .get(s)
            .ok_or_else(|| Unused::Damaged("no such section".into()))?;
        let bytes = read_section(&self.file, self.len, section)?;
        let stored: Vec<StoredOutcome> =
            postcard::from_bytes(&bytes).map_err(|_| Unused::Damaged("files section".into()))?;
        let expected = self
            .entries
            .len()
            .saturating_sub(s * SECTION_FILES)
            .min(SECTION_FILES);
        if stored.len() != expected {
            return Err(Unused::Damaged("files section".into()));
        }
        Ok(stored.into_iter().map(restore).collect())
    }

    /// The related questions the cache holds, for the questions of its files in order.
    pub fn read_related(&self) -> Result<Option<crate::related::Stored>, Unused> {
        let Some(section) = self.related else {
            return Ok(None);
        };
        let bytes = read_section(&self.file, self.len, section)?;
        postcard::from_bytes(&bytes)
            .map(Some)
            .map_err(|_| Unused::Damaged("related questions".into()))
    }

    /// The word index the cache holds, for the questions of its files in order.
    pub fn read_words(&self) -> Result<Option<WordIndex>, Unused> {
        let Some(section) = self.words else {
            return Ok(None);
        };
        let bytes = read_section(&self.file, self.len, section)?;
        let parts: WordIndexParts =
            postcard::from_bytes(&bytes).map_err(|_| Unused::Damaged("word index".into()))?;
        WordIndex::from_parts(parts)
            .map(Some)
            .ok_or_else(|| Unused::Damaged("word index".into()))
    }
}

/// The cache of one user: a folder of cache files.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache in `$XDG_CACHE_HOME/dossier` (or the platform's cache folder).
    pub fn user() -> Option<Cache> {
        let dirs = directories::ProjectDirs::from("", "", "dossier")?;
        Some(Cache::at(dirs.cache_dir()))
    }

    /// A cache in `dir`.
    pub fn at(dir: &Path) -> Cache {
        Cache {
            dir: dir.to_path_buf(),
        }
    }

    /// The folder of cache files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The cache file of a set of roots.
    pub fn file_for(&self, roots: &[String]) -> PathBuf {
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::default();
        for root in roots {
            h.write(root.as_bytes());
            h.write_u8(0);
        }
        self.dir.join(format!("load-{:016x}.bin", h.finish()))
    }

    /// Opens the cache of these roots, reading and checking its directory: `Ok(None)` when
    /// there is none.
    pub fn open(&self, roots: &[String]) -> Result<Option<CacheIndex>, Unused> {
        let path = self.file_for(roots);
        let file = match File::open(&path) {
            Ok(f) => f,
            // No cache yet (or its folder is not one: writing it will say so).
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(None)
            }
            Err(e) => return Err(Unused::Unreadable(e.to_string())),
        };
        let damaged = |what: &str| Unused::Damaged(what.to_string());
        let (len, bytes) = read_directory(&file, MAGIC, FORMAT)?;
        let directory: Directory =
            postcard::from_bytes(&bytes).map_err(|_| damaged("directory"))?;
        if directory.format != FORMAT
            || directory.parser != crate::parse::PARSER_VERSION
            || directory.app != env!("CARGO_PKG_VERSION")
        {
            return Err(Unused::OtherVersion);
        }
        if directory.roots != roots {
            // A hash collision between two sets of folders: not ours.
            return Ok(None);
        }
        if directory.sections.len() != directory.files.len().div_ceil(SECTION_FILES) {
            return Err(damaged("directory"));
        }
        Ok(Some(CacheIndex {
            file,
            len,
            entries: directory.files,
            sections: directory.sections,
            words: directory.words,
            related: directory.related,
        }))
    }

    /// Writes the cache of a load: its files' records with their questions, and the word
    /// index when given (built for exactly these questions). Atomic: a temporary file in the
    /// cache folder, renamed over the old one.
    pub fn store(
        &self,
        ticket: &CacheTicket,
        questions: &[Question],
        words: Option<&WordIndex>,
        related: Option<&crate::related::Stored>,
    ) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let path = self.file_for(&ticket.roots);
        let tmp = self.dir.join(format!(
            ".{}.{}.tmp",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("load"),
            std::process::id()
        ));
        let result = self.write(&tmp, ticket, questions, words, related);
        match result {
            Ok(()) => {
                fs::rename(&tmp, &path)?;
                self.prune(&path);
                Ok(())
            }
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                Err(e)
            }
        }
    }

    fn write(
        &self,
        tmp: &Path,
        ticket: &CacheTicket,
        questions: &[Question],
        words: Option<&WordIndex>,
        related: Option<&crate::related::Stored>,
    ) -> io::Result<()> {
        let mut out = SectionWriter::create(tmp, MAGIC, FORMAT)?;
        let kept: Vec<&FileRecord> = ticket.files.iter().filter(|f| f.keep).collect();
        let mut sections = Vec::new();
        // A few sections encoded at a time, in parallel, written in order: memory stays
        // a few sections' worth, never the whole cache.
        for batch in kept.chunks(SECTION_FILES * 4) {
            let encoded: Vec<Result<Vec<u8>, postcard::Error>> = batch
                .par_chunks(SECTION_FILES)
                .map(|files| {
                    let stored: Vec<StoredOutcome> =
                        files.iter().map(|f| store_outcome(f, questions)).collect();
                    // Sized once from the texts: growing by doubling copied the section
                    // twice over.
                    let room: usize = files
                        .iter()
                        .filter_map(|f| f.question.and_then(|i| questions.get(i)))
                        .map(|q| q.question_text.len() + q.answer_text.len() + 1024)
                        .sum();
                    postcard::to_extend(&stored, Vec::with_capacity(room))
                })
                .collect();
            for bytes in encoded {
                let bytes = bytes.map_err(io::Error::other)?;
                sections.push(out.put(&bytes)?);
            }
        }
        let words = match words {
            Some(w) => {
                let bytes = postcard::to_allocvec(&w.to_parts()).map_err(io::Error::other)?;
                Some(out.put(&bytes)?)
            }
            None => None,
        };
        let related = match related.filter(|r| r.relations.len() == questions.len()) {
            Some(r) => {
                let bytes = postcard::to_allocvec(r).map_err(io::Error::other)?;
                Some(out.put(&bytes)?)
            }
            None => None,
        };
        let directory = Directory {
            format: FORMAT,
            parser: crate::parse::PARSER_VERSION,
            app: env!("CARGO_PKG_VERSION").to_string(),
            roots: ticket.roots.clone(),
            files: kept
                .iter()
                .map(|f| CachedEntry {
                    root: f.root,
                    rel: f.rel.clone(),
                    key: f.key,
                })
                .collect(),
            sections,
            words,
            related,
        };
        let bytes = postcard::to_allocvec(&directory).map_err(io::Error::other)?;
        out.finish(&bytes, false)
    }

    /// Deletes the cache files used least recently beyond the few kept, and temporary
    /// files left by a crash.
    fn prune(&self, keep: &Path) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut caches = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            let modified = entry.metadata().and_then(|m| m.modified()).ok();
            if name.starts_with('.') && name.ends_with(".tmp") {
                let old = modified
                    .and_then(|m| m.elapsed().ok())
                    .is_some_and(|age| age.as_secs() > 3600);
                if old {
                    let _ = fs::remove_file(&path);
                }
            } else if name.starts_with("load-") && name.ends_with(".bin") && path != keep {
                caches.push((modified, path));
            }
        }
        caches.sort_by_key(|c| std::cmp::Reverse(c.0));
        for (_, path) in caches.into_iter().skip(KEEP.saturating_sub(1)) {
            let _ = fs::remove_file(path);
        }
    }
}

fn store_outcome<'a>(f: &FileRecord, questions: &'a [Question]) -> StoredOutcome<'a> {
    StoredOutcome {
        question: f
            .question
            .and_then(|i| questions.get(i))
            .map(StoredQuestion::from_question),
        said: f
            .said
            .iter()
            .map(|d| StoredDiagnostic {
                line: d.line,
                skipped: d.severity == Severity::Skipped,
                problem: d.problem.clone(),
            })
            .collect(),
    }
}

fn restore(f: StoredOutcome) -> CachedOutcome {
    let had = f.question.is_some();
    let question = f.question.and_then(|q| q.into_question(String::new()));
    CachedOutcome {
        intact: had == question.is_some(),
        question,
        said: f
            .said
            .into_iter()
            .map(|d| Diagnostic {
                path: String::new(),
                line: d.line,
                severity: if d.skipped {
                    Severity::Skipped
                } else {
                    Severity::Warning
                },
                problem: d.problem,
            })
            .collect(),
    }
}
