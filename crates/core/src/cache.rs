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
//! Layout: a magic number and format version; sections of [postcard] (a compact serde
//! format, every read checked) each with its length and CRC-32; a directory of the sections
//! at the end, found from a fixed-size trailer. The sections hold a few thousand files each
//! and are read and decoded in parallel, so that the cache is never held whole in memory.

use crate::load::{Diagnostic, Severity};
use crate::model::{
    Attribution, Emphasis, Event, EventKind, ExtraField, Question, QuestionKind, Status,
};
use crate::parse::problem::Problem;
use crate::query::words::{WordIndex, WordIndexParts};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// First bytes of a cache file.
const MAGIC: &[u8; 8] = b"DOSCACHE";
/// Version of the layout and of every structure in it; bump on any change.
pub const FORMAT: u32 = 3;
/// Files per section.
const SECTION_FILES: usize = 2048;
/// Largest section read: a corrupt length cannot make a load allocate more.
const MAX_SECTION: u64 = 1 << 30;
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

/// A question as the cache stores it: every field, none skipped (postcard is not
/// self-describing), dates as days, texts as bytes borrowed from the question when written
/// and from the section when read (checked as UTF-8 with SIMD, then copied once: reading
/// them as strings checked each with the slower standard check, a fifth of a warm start).
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredQuestion<'a> {
    #[serde(borrow, with = "serde_bytes")]
    id: &'a [u8],
    legislature: u16,
    kind: QuestionKind,
    number: u32,
    #[serde(borrow, with = "serde_bytes")]
    title: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    author: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    author_ref: Option<&'a [u8]>,
    #[serde(borrow, with = "serde_bytes")]
    mandate_ref: Option<&'a [u8]>,
    #[serde(borrow, with = "serde_bytes")]
    constituency: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    group: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    rubric: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    ministry_asked: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    ministry_assigned: &'a [u8],
    #[serde(borrow)]
    attributions: Vec<StoredAttribution<'a>>,
    #[serde(borrow, with = "serde_bytes")]
    analysis_head: Option<&'a [u8]>,
    #[serde(borrow, with = "serde_bytes")]
    analysis: Option<&'a [u8]>,
    #[serde(borrow, with = "serde_bytes")]
    question_text: &'a [u8],
    question_emphasis: Vec<Emphasis>,
    #[serde(borrow, with = "serde_bytes")]
    answer_text: &'a [u8],
    answer_emphasis: Vec<Emphasis>,
    status: Status,
    #[serde(borrow)]
    events: Vec<StoredEvent<'a>>,
    #[serde(borrow)]
    extra: Vec<StoredExtra<'a>>,
}

#[derive(Serialize, Deserialize)]
struct StoredAttribution<'a> {
    #[serde(borrow, with = "serde_bytes")]
    ministry: &'a [u8],
    date: Option<i32>,
}

#[derive(Serialize, Deserialize)]
struct StoredEvent<'a> {
    kind: EventKind,
    #[serde(borrow, with = "serde_bytes")]
    label: &'a [u8],
    date: i32,
    page: Option<u32>,
    #[serde(borrow, with = "serde_bytes")]
    note: Option<&'a [u8]>,
}

#[derive(Serialize, Deserialize)]
struct StoredExtra<'a> {
    #[serde(borrow, with = "serde_bytes")]
    label: &'a [u8],
    #[serde(borrow, with = "serde_bytes")]
    value: &'a [u8],
}

fn days(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d)
}

fn date(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// Stored bytes as a string, if they are UTF-8.
fn text(bytes: &[u8]) -> Option<String> {
    simdutf8::basic::from_utf8(bytes).ok().map(str::to_owned)
}

fn opt_text(bytes: Option<&[u8]>) -> Option<Option<String>> {
    match bytes {
        Some(b) => text(b).map(Some),
        None => Some(None),
    }
}

impl<'a> StoredQuestion<'a> {
    pub(crate) fn from_question(q: &'a Question) -> Self {
        let b = |s: &'a String| s.as_bytes();
        StoredQuestion {
            id: b(&q.id),
            legislature: q.legislature,
            kind: q.kind,
            number: q.number,
            title: b(&q.title),
            author: b(&q.author),
            author_ref: q.author_ref.as_ref().map(b),
            mandate_ref: q.mandate_ref.as_ref().map(b),
            constituency: b(&q.constituency),
            group: b(&q.group),
            rubric: b(&q.rubric),
            ministry_asked: b(&q.ministry_asked),
            ministry_assigned: b(&q.ministry_assigned),
            attributions: q
                .attributions
                .iter()
                .map(|a| StoredAttribution {
                    ministry: b(&a.ministry),
                    date: a.date.map(days),
                })
                .collect(),
            analysis_head: q.analysis_head.as_ref().map(b),
            analysis: q.analysis.as_ref().map(b),
            question_text: b(&q.question_text),
            question_emphasis: q.question_emphasis.clone(),
            answer_text: b(&q.answer_text),
            answer_emphasis: q.answer_emphasis.clone(),
            status: q.status,
            events: q
                .events
                .iter()
                .map(|e| StoredEvent {
                    kind: e.kind,
                    label: b(&e.label),
                    date: days(e.date),
                    page: e.page,
                    note: e.note.as_ref().map(b),
                })
                .collect(),
            extra: q
                .extra
                .iter()
                .map(|x| StoredExtra {
                    label: b(&x.label),
                    value: b(&x.value),
                })
                .collect(),
        }
    }

    /// The question, or `None` when what was stored does not hold together (a damaged
    /// cache that passed its checksum): its file is parsed again.
    pub(crate) fn into_question(self, source: String) -> Option<Question> {
        let mut events = Vec::with_capacity(self.events.len());
        for e in self.events {
            events.push(Event {
                kind: e.kind,
                label: text(e.label)?,
                date: date(e.date)?,
                page: e.page,
                note: opt_text(e.note)?,
            });
        }
        let mut attributions = Vec::with_capacity(self.attributions.len());
        for a in self.attributions {
            let date = match a.date {
                Some(d) => Some(date(d)?),
                None => None,
            };
            attributions.push(Attribution {
                ministry: text(a.ministry)?,
                date,
            });
        }
        let mut extra = Vec::with_capacity(self.extra.len());
        for x in self.extra {
            extra.push(ExtraField {
                label: text(x.label)?,
                value: text(x.value)?,
            });
        }
        let mut question_text = text(self.question_text)?;
        let mut answer_text = text(self.answer_text)?;
        question_text.shrink_to_fit();
        answer_text.shrink_to_fit();
        let q = Question {
            id: text(self.id)?,
            legislature: self.legislature,
            kind: self.kind,
            number: self.number,
            title: text(self.title)?,
            author: text(self.author)?,
            author_ref: opt_text(self.author_ref)?,
            mandate_ref: opt_text(self.mandate_ref)?,
            constituency: text(self.constituency)?,
            group: text(self.group)?,
            rubric: text(self.rubric)?,
            ministry_asked: text(self.ministry_asked)?,
            ministry_assigned: text(self.ministry_assigned)?,
            attributions,
            analysis_head: opt_text(self.analysis_head)?,
            analysis: opt_text(self.analysis)?,
            question_text,
            question_emphasis: self.question_emphasis,
            answer_text,
            answer_emphasis: self.answer_emphasis,
            status: self.status,
            events,
            extra,
            source,
        };
        holds_together(&q).then_some(q)
    }
}

/// What the viewer would trip on in a question: an id that is not its parts, emphasis
/// outside its text or inside a character.
fn holds_together(q: &Question) -> bool {
    let spans_ok = |text: &str, spans: &[Emphasis]| {
        spans.iter().all(|e| {
            e.start < e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end)
        })
    };
    q.id == Question::make_id(q.legislature, q.number, q.kind)
        && spans_ok(&q.question_text, &q.question_emphasis)
        && spans_ok(&q.answer_text, &q.answer_emphasis)
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

/// Where a section is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) struct Section {
    offset: u64,
    len: u64,
    crc: u32,
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

/// Why a cache file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unused {
    /// Written by another version of dossier (or of its parser).
    OtherVersion,
    /// Damaged or truncated: a checksum or a structure did not hold.
    Damaged(String),
    /// It could not be read.
    Unreadable(String),
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

/// Writes a file of sections: a magic number and a format version, sections of bytes each
/// checksummed, then a directory (a last section) found from a fixed-size trailer. The cache
/// and the library are such files.
pub(crate) struct SectionWriter {
    out: io::BufWriter<File>,
    offset: u64,
}

impl SectionWriter {
    /// Starts the file at `path` (created or truncated).
    pub(crate) fn create(path: &Path, magic: &[u8; 8], format: u32) -> io::Result<Self> {
        let mut out = io::BufWriter::with_capacity(1 << 20, File::create(path)?);
        out.write_all(magic)?;
        out.write_all(&format.to_le_bytes())?;
        Ok(SectionWriter { out, offset: 12 })
    }

    /// Appends a section, returning where it is.
    pub(crate) fn put(&mut self, bytes: &[u8]) -> io::Result<Section> {
        self.out.write_all(bytes)?;
        let section = Section {
            offset: self.offset,
            len: bytes.len() as u64,
            crc: crc32fast::hash(bytes),
        };
        self.offset += bytes.len() as u64;
        Ok(section)
    }

    /// Appends the directory and the trailer that finds it; with `durable`, waits for the
    /// disk (data the user would lose, not a cache).
    pub(crate) fn finish(mut self, directory: &[u8], durable: bool) -> io::Result<()> {
        let section = self.put(directory)?;
        self.out.write_all(&section.offset.to_le_bytes())?;
        self.out.write_all(&section.len.to_le_bytes())?;
        self.out.write_all(&section.crc.to_le_bytes())?;
        self.out.flush()?;
        if durable {
            self.out.get_ref().sync_all()?;
        }
        Ok(())
    }
}

/// Checks a file of sections' magic number and format, and reads its directory: the file's
/// length and the directory's bytes.
pub(crate) fn read_directory(
    file: &File,
    magic: &[u8; 8],
    format: u32,
) -> Result<(u64, Vec<u8>), Unused> {
    let unreadable = |e: io::Error| Unused::Unreadable(e.to_string());
    let damaged = |what: &str| Unused::Damaged(what.to_string());
    let len = file.metadata().map_err(unreadable)?.len();
    let mut head = [0u8; 12];
    read_at(file, &mut head, 0).map_err(|_| damaged("short header"))?;
    if &head[..8] != magic {
        return Err(damaged("not a file of dossier's"));
    }
    if u32::from_le_bytes([head[8], head[9], head[10], head[11]]) != format {
        return Err(Unused::OtherVersion);
    }
    if len < 12 + 20 {
        return Err(damaged("truncated"));
    }
    let mut trailer = [0u8; 20];
    read_at(file, &mut trailer, len - 20).map_err(unreadable)?;
    let word = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&trailer[i..i + 8]);
        u64::from_le_bytes(b)
    };
    let directory = Section {
        offset: word(0),
        len: word(8),
        crc: u32::from_le_bytes([trailer[16], trailer[17], trailer[18], trailer[19]]),
    };
    Ok((len, read_section(file, len, directory)?))
}

/// Reads and checks one section of a cache file of `len` bytes.
pub(crate) fn read_section(file: &File, len: u64, s: Section) -> Result<Vec<u8>, Unused> {
    let damaged = |what: &str| Unused::Damaged(what.to_string());
    if s.len > MAX_SECTION || s.offset.checked_add(s.len).is_none_or(|end| end > len) {
        return Err(damaged("section out of the file"));
    }
    let mut bytes = vec![0u8; s.len as usize];
    read_at(file, &mut bytes, s.offset).map_err(|e| Unused::Unreadable(e.to_string()))?;
    if crc32fast::hash(&bytes) != s.crc {
        return Err(damaged("checksum"));
    }
    Ok(bytes)
}

/// Reads `buf.len()` bytes at `offset`, from any thread.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

#[cfg(not(unix))]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file.try_clone()?;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
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
