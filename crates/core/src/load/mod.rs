//! Loading a dossier: finding the documents under the paths given (`discover.rs`), taking
//! the unchanged ones from the cache (`cached.rs`), parsing the rest in parallel, merging
//! duplicates (`assemble.rs`), and collecting every diagnostic with its file and line.

mod assemble;
mod cached;
mod discover;

pub use discover::{
    check_paths, discover, discover_limited, is_document_name, Discovery, PathError,
    DOCUMENT_EXTENSIONS,
};

use crate::cache::{Cache, CacheTicket, FileKey, FileRecord};
use crate::limits::Limits;
use crate::model::Question;
use crate::parse::diagnostic::{Diagnostic, Severity};
use crate::parse::opendata::AmoRecord;
use crate::parse::parse_bytes;
use crate::parse::problem::Problem;
use crate::query::words::WordIndex;
use crate::sample;
use assemble::{assemble, assemble_with_positions, count_skipped, resolve, Position};
use cached::{take_cached, Cached};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

/// The result of a load.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// The questions, one per id, in the order of their files' paths.
    pub questions: Vec<Question>,
    /// Everything worth telling the user, in path order.
    pub diagnostics: Vec<Diagnostic>,
    /// Question documents read (parsed or skipped).
    pub files_read: usize,
    /// Files that gave no question (unreadable, not a question, duplicate copy), and entries
    /// left out while walking directories (FIFOs, symlink loops, unreadable directories).
    pub files_skipped: usize,
    /// Files under the given directories that are not `.txt` or `.md`.
    pub files_ignored: usize,
    /// Bytes read.
    pub bytes_read: u64,
    /// Files taken from the cache, unchanged since it was written.
    pub files_cached: usize,
    /// What the cache needs to be written, when a cache was given.
    pub cache: Option<CacheTicket>,
    /// The word index of `questions`, when the cache held it and nothing changed.
    pub words: Option<WordIndex>,
    /// The related questions of `questions`, when the cache (or the library) held them and
    /// nothing changed; with the settings they were found with.
    pub related: Option<crate::related::Stored>,
    /// The legislature in session as these questions say (the whole library's, for a named
    /// dossier), or as configured ([`LoadOptions::legislature`]): deadlines are computed with
    /// it.
    pub current: crate::deadline::Current,
}

impl LoadReport {
    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// Where a load stands, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Files done.
    pub done: usize,
    /// Files to do.
    pub total: usize,
    /// Bytes read so far.
    pub bytes: u64,
}

/// What one file gave: its question, if it had one, and what was said about it (a skipped
/// file has no question and one diagnostic saying why).
type FileOutcome = (Option<Question>, Vec<Diagnostic>);

fn parse_one(shown: &str, bytes: &[u8]) -> FileOutcome {
    match parse_bytes(bytes, shown) {
        Ok(parsed) => {
            let warnings = parsed
                .warnings
                .into_iter()
                .map(|w| Diagnostic::new(shown, Severity::Warning, w))
                .collect();
            (Some(parsed.question), warnings)
        }
        Err(e) => skipped(Diagnostic::new(shown, Severity::Skipped, e)),
    }
}

/// The outcome of a file that gave no question.
fn skipped(diagnostic: Diagnostic) -> FileOutcome {
    (None, vec![diagnostic])
}

/// Options of a load.
#[derive(Default)]
pub struct LoadOptions<'a> {
    /// Called from worker threads as files are done.
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
    /// Set from another thread to stop the load early (the user quit).
    pub cancel: Option<&'a AtomicBool>,
    /// The cache to take unchanged files from; none to parse every file.
    pub cache: Option<&'a Cache>,
    /// The legislature in session as the configuration says, when it says: the data can
    /// only raise it (see [`crate::deadline::Current`]).
    pub legislature: Option<u16>,
}

/// Loads every question document under `paths`.
pub fn load(paths: &[PathBuf], options: &LoadOptions) -> LoadReport {
    load_limited(paths, options, &Limits::default())
}

/// What a load that skips documents known unchanged ([`load_skipping`]) tells of them.
#[derive(Debug, Default)]
pub struct Sources {
    /// Each document read (a file, an archive's entry), by key (its absolute path, with
    /// `!entry` for an entry), with its stamp (what tells it unchanged next time).
    pub stamps: std::collections::HashMap<String, i64>,
    /// Documents left unread, known unchanged.
    pub unchanged: usize,
}

/// [`load`], leaving unread the documents `unchanged` knows (by key and stamp: see
/// [`Sources`]); an import's way of reading only what changed since the last one.
pub fn load_skipping(
    paths: &[PathBuf],
    options: &LoadOptions,
    unchanged: crate::parse::opendata::Unchanged<'_>,
) -> (LoadReport, Sources) {
    load_with(paths, options, &Limits::default(), Some(unchanged))
}

/// What the load knows of one file besides its question: what was said, its key and
/// whether its outcome may be cached.
#[derive(Default)]
struct Known {
    said: Vec<Diagnostic>,
    key: Option<FileKey>,
    cacheable: bool,
}

/// The path of a file below the root it was found under, `None` when it cannot be told
/// again next time (not valid UTF-8). The walk gives the root's own spelling first, so a
/// string prefix is enough; `Path::strip_prefix` parses components, a cost at 100k files.
fn relative(file: &Path, root: &Path) -> Option<String> {
    let (file, root) = (file.to_str()?, root.to_str()?);
    let rest = file.strip_prefix(root)?;
    Some(
        rest.trim_start_matches(std::path::MAIN_SEPARATOR)
            .to_string(),
    )
}

/// [`load`] with explicit limits (file size, number of files, depth).
///
/// In steps: find the files under the paths ([`discover_limited`]); take from the cache the
/// outcomes of the files unchanged since it was written (`take_cached`); read and parse the
/// rest in parallel (`read_rest`); place the questions of archives after their file
/// (`spread_many`); keep one question per id (`assemble_with_positions`) and name the
/// authors (`resolve`); leave the cache what writing it needs (`leave_ticket`).
pub fn load_limited(paths: &[PathBuf], options: &LoadOptions, limits: &Limits) -> LoadReport {
    load_with(paths, options, limits, None).0
}

fn load_with(
    paths: &[PathBuf],
    options: &LoadOptions,
    limits: &Limits,
    unchanged: Option<crate::parse::opendata::Unchanged<'_>>,
) -> (LoadReport, Sources) {
    let started = Instant::now();
    let discovery = discover_limited(paths, limits);
    let names = Names::of(paths, &discovery);
    let found = started.elapsed();
    let mut outcomes = Outcomes::new(discovery.files.len());
    let mut cached = match options.cache {
        Some(cache) => take_cached(cache, &discovery, &names, &mut outcomes),
        None => Cached::nothing(discovery.files.len()),
    };
    let from_cache = started.elapsed();
    let rest = read_rest(
        &discovery,
        &names,
        &cached,
        &mut outcomes,
        options,
        limits,
        unchanged,
    );
    let parsed = started.elapsed();
    let (slots, owner) = spread_many(outcomes.slots, rest.many);
    let with_cache = options.cache.is_some();
    let (said, records) = file_records(outcomes.known, names.rels, &discovery.origin, with_cache);
    let mut diagnostics = discovery.diagnostics;
    diagnostics.extend(cached.note.take());
    let (mut report, positions) = assemble_with_positions(slots, said, diagnostics);
    resolve(&mut report, rest.amo);
    report.files_cached = cached.count();
    if with_cache {
        leave_ticket(
            &mut report,
            records,
            &positions,
            owner,
            cached,
            discovery.roots,
        );
    }
    report.files_read = discovery.files.len();
    report.files_skipped = count_skipped(&report.diagnostics);
    report.files_ignored = discovery.ignored;
    report.bytes_read = rest.bytes;
    report.current = crate::deadline::Current::of(&report.questions, options.legislature);
    let sources = Sources {
        stamps: rest.stamps.into_iter().collect(),
        unchanged: rest.unchanged,
    };
    tracing::info!(
        files = report.files_read,
        cached = report.files_cached,
        questions = report.questions.len(),
        skipped = report.files_skipped,
        warnings = report.warnings(),
        bytes = report.bytes_read,
        ms = started.elapsed().as_millis() as u64,
        "load"
    );
    tracing::debug!(
        find_ms = found.as_millis() as u64,
        cache_ms = (from_cache - found).as_millis() as u64,
        parse_ms = (parsed - from_cache).as_millis() as u64,
        assemble_ms = (started.elapsed() - parsed).as_millis() as u64,
        "load steps"
    );
    (report, sources)
}

/// How each file found is named: as shown to the user, and below its root (what the cache
/// knows it by; `None` when not valid UTF-8).
struct Names {
    shown: Vec<String>,
    rels: Vec<Option<String>>,
}

impl Names {
    fn of(paths: &[PathBuf], discovery: &Discovery) -> Names {
        let rels = discovery
            .files
            .iter()
            .zip(&discovery.origin)
            .map(|(f, &o)| paths.get(o as usize).and_then(|root| relative(f, root)))
            .collect();
        let shown = discovery
            .files
            .par_iter()
            .map(|p| p.display().to_string())
            .collect();
        Names { shown, rels }
    }
}

/// Every file's question and what is known of it, in place, one slot per file: filled from
/// the cache where the file is unchanged, else by parsing it. Never held twice.
struct Outcomes {
    slots: Vec<Option<Question>>,
    known: Vec<Known>,
}

impl Outcomes {
    fn new(files: usize) -> Outcomes {
        Outcomes {
            slots: (0..files).map(|_| None).collect(),
            known: (0..files).map(|_| Known::default()).collect(),
        }
    }
}

/// What reading the files the cache did not give left aside besides their slots.
struct Rest {
    /// The questions of files giving many (archives), by file.
    many: Vec<(usize, Vec<Question>)>,
    /// What AMO files say of deputies and groups.
    amo: Vec<AmoRecord>,
    /// Bytes read.
    bytes: u64,
    /// Each document read, with its stamp (when skipping documents known unchanged).
    stamps: Vec<(String, i64)>,
    /// Documents left unread, known unchanged.
    unchanged: usize,
}

/// Reads and parses, in parallel, every file the cache did not give, each into its slot; a
/// file giving many questions (an archive) or deputies (AMO) sets them aside. Reports
/// progress, and stops early when cancelled (the files left are said to be).
fn read_rest(
    discovery: &Discovery,
    names: &Names,
    cached: &Cached,
    out: &mut Outcomes,
    options: &LoadOptions,
    limits: &Limits,
    unchanged: Option<crate::parse::opendata::Unchanged<'_>>,
) -> Rest {
    let total = discovery.files.len();
    let done = AtomicUsize::new(cached.count());
    let bytes_read = AtomicU64::new(0);
    let stamps: std::sync::Mutex<Vec<(String, i64)>> = std::sync::Mutex::new(Vec::new());
    let skipped = AtomicUsize::new(0);
    let many: std::sync::Mutex<Vec<(usize, Vec<Question>)>> = std::sync::Mutex::new(Vec::new());
    let amo: std::sync::Mutex<Vec<AmoRecord>> = std::sync::Mutex::new(Vec::new());
    out.slots
        .par_iter_mut()
        .zip(out.known.par_iter_mut())
        .enumerate()
        .filter(|(i, _)| cached.hits[*i].is_none())
        .for_each_init(Vec::new, |bytes, (i, (slot, k))| {
            let path = &discovery.files[i];
            let shown = &names.shown[i];
            if options.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                *k = Known {
                    said: vec![Diagnostic::skipped(shown, Problem::Cancelled)],
                    key: None,
                    cacheable: false,
                };
                return;
            }
            // The key of a document is its absolute path, as an import keeps its source.
            let key = unchanged.and_then(|_| {
                std::path::absolute(path)
                    .ok()
                    .and_then(|p| p.to_str().map(str::to_string))
            });
            let skip = match (unchanged, &key) {
                (Some(unchanged), Some(key)) => Some(crate::source::Skip { key, unchanged }),
                _ => None,
            };
            let mut got = crate::source::read_file_skipping(path, shown, limits, bytes, skip);
            bytes_read.fetch_add(got.bytes, Ordering::Relaxed);
            if got.unchanged > 0 {
                skipped.fetch_add(got.unchanged, Ordering::Relaxed);
            }
            if !got.stamps.is_empty() {
                if let Ok(mut stamps) = stamps.lock() {
                    stamps.append(&mut got.stamps);
                }
            }
            if !got.amo.is_empty() {
                if let Ok(mut amo) = amo.lock() {
                    amo.append(&mut got.amo);
                }
            }
            if got.document {
                *slot = got.questions.pop();
            } else if !got.questions.is_empty() {
                if let Ok(mut many) = many.lock() {
                    many.push((i, std::mem::take(&mut got.questions)));
                }
            }
            *k = Known {
                said: got.said,
                cacheable: got.document && got.key.is_some() && names.rels[i].is_some(),
                key: got.key,
            };
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(progress) = options.progress {
                // Reporting every file would flood a channel at 100k files.
                if n == total || n % 256 == 0 {
                    progress(Progress {
                        done: n,
                        total,
                        bytes: bytes_read.load(Ordering::Relaxed),
                    });
                }
            }
        });
    Rest {
        many: many.into_inner().unwrap_or_default(),
        amo: amo.into_inner().unwrap_or_default(),
        bytes: bytes_read.into_inner(),
        stamps: stamps.into_inner().unwrap_or_default(),
        unchanged: skipped.into_inner(),
    }
}

/// Places the questions of files that gave many (archives) right after their file's slot,
/// in file order, as they are held; with each question's file when there were some.
fn spread_many(
    slots: Vec<Option<Question>>,
    mut many: Vec<(usize, Vec<Question>)>,
) -> (Vec<Option<Question>>, Option<Vec<usize>>) {
    if many.is_empty() {
        return (slots, None);
    }
    many.sort_unstable_by_key(|(i, _)| *i);
    let count = slots.len() + many.iter().map(|(_, q)| q.len()).sum::<usize>();
    let mut all = Vec::with_capacity(count);
    let mut owner = Vec::with_capacity(count);
    let mut many = many.into_iter().peekable();
    for (i, slot) in slots.into_iter().enumerate() {
        all.push(slot);
        owner.push(i);
        while let Some((_, questions)) = many.next_if(|(at, _)| *at == i) {
            owner.extend(std::iter::repeat_n(i, questions.len()));
            all.extend(questions.into_iter().map(Some));
        }
    }
    (all, Some(owner))
}

/// What was said about each file and, when a cache is kept, each file's record for it.
fn file_records(
    known: Vec<Known>,
    rels: Vec<Option<String>>,
    origin: &[u32],
    with_cache: bool,
) -> (Vec<Vec<Diagnostic>>, Vec<FileRecord>) {
    if !with_cache {
        return (known.into_iter().map(|k| k.said).collect(), Vec::new());
    }
    let mut records = Vec::with_capacity(known.len());
    let mut said = Vec::with_capacity(known.len());
    for ((k, rel), &root) in known.into_iter().zip(rels).zip(origin) {
        records.push(FileRecord {
            root,
            rel: rel.unwrap_or_default(),
            key: k.key.unwrap_or_default(),
            question: None,
            said: k.said.clone(),
            keep: k.cacheable && k.key.is_some(),
        });
        said.push(k.said);
    }
    (said, records)
}

/// Leaves in the report what writing the cache needs: each file's record with where its
/// question went (a copy dropped is not kept), and the cache's word index and related
/// questions when they are still those of the questions.
fn leave_ticket(
    report: &mut LoadReport,
    mut records: Vec<FileRecord>,
    positions: &[Position],
    owner: Option<Vec<usize>>,
    cached: Cached,
    roots: Vec<String>,
) {
    for (e, position) in positions.iter().enumerate() {
        let file = owner.as_ref().map_or(e, |o| o[e]);
        let Some(record) = records.get_mut(file) else {
            continue;
        };
        match *position {
            // A file of many questions is not cached: only documents are.
            Position::Kept(at) if record.keep => record.question = Some(at),
            Position::Dropped => record.keep = false,
            _ => {}
        }
    }
    let questions = report.questions.len();
    let words = cached.words.filter(|w| w.docs() == questions);
    let related = cached.related.filter(|r| r.relations.len() == questions);
    report.cache = Some(CacheTicket {
        roots,
        files: records,
        fresh: cached.fresh,
        has_words: words.is_some(),
        has_related: related.is_some(),
    });
    report.words = words;
    report.related = related;
}

/// Loads the sample dossier embedded in the binary.
pub fn load_sample() -> LoadReport {
    let (slots, said) = sample::DOCUMENTS
        .iter()
        .map(|(name, text)| {
            parse_one(
                &format!("{}/{name}", sample::SOURCE_PREFIX),
                text.as_bytes(),
            )
        })
        .unzip();
    let mut report = assemble(slots, said, Vec::new());
    report.bytes_read = sample::DOCUMENTS.iter().map(|(_, t)| t.len() as u64).sum();
    report.current = crate::deadline::Current::of(&report.questions, None);
    report
}

/// Loads `paths`, or the sample dossier when there are none.
pub fn load_or_sample(paths: &[PathBuf], options: &LoadOptions) -> LoadReport {
    if paths.is_empty() {
        load_sample()
    } else {
        load(paths, options)
    }
}
