//! Loading a dossier: finding the documents under the paths given, parsing them in parallel,
//! merging duplicates, and collecting every diagnostic with its file and line.

use crate::cache::{
    Cache, CacheIndex, CacheTicket, CachedEntry, CachedOutcome, FileKey, FileRecord,
};
use crate::limits::Limits;
use crate::model::Question;
use crate::parse::diagnostic::{Diagnostic, Severity};
use crate::parse::opendata::{resolve_authors, AmoRecord, Directory};
use crate::parse::parse_bytes;
use crate::parse::problem::{IoReason, Problem};
use crate::query::words::WordIndex;
use crate::sample;
use crate::sections::Unused;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

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

/// The files found under the paths given.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Question documents to read, sorted by path within each folder named.
    pub files: Vec<PathBuf>,
    /// For each file, the index of the path named it was found under.
    pub origin: Vec<u32>,
    /// The canonical form of each path named (what a cache is kept for).
    pub roots: Vec<String>,
    /// Paths that could not be walked.
    pub diagnostics: Vec<Diagnostic>,
    /// Files that are not `.txt` or `.md`.
    pub ignored: usize,
}

/// A path the user named that cannot be opened at all (a typo, a missing drive); worded by
/// `i18n::load::path_error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// The path, as the user gave it.
    pub path: PathBuf,
    /// Why it cannot be opened, from the system.
    pub reason: IoReason,
}

/// Checks that every path named on the command line exists, before any loading: a missing
/// path is an error to report at once, unlike a bad file found inside a directory.
pub fn check_paths(paths: &[PathBuf]) -> Result<(), PathError> {
    for path in paths {
        if let Err(e) = std::fs::metadata(path) {
            return Err(PathError {
                path: path.clone(),
                reason: IoReason::from(&e),
            });
        }
    }
    Ok(())
}

/// Extensions of the files a folder's walk reads: text and markdown renderings, saved pages,
/// open-data JSON and XML files, and zip archives. (A file named on the command line is read
/// whatever its name: its content tells what it is.)
pub const DOCUMENT_EXTENSIONS: [&str; 8] =
    ["txt", "md", "markdown", "html", "htm", "json", "xml", "zip"];

/// True for the extensions the files a folder's walk reads have.
pub fn is_document_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        DOCUMENT_EXTENSIONS
            .iter()
            .any(|d| e.eq_ignore_ascii_case(d))
    })
}

/// Finds the question documents under `paths`: files named directly are always read;
/// directories are walked recursively for `.txt` and `.md` files, hidden entries, symlink
/// loops and special files (FIFOs, devices) left out.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    discover_limited(paths, &Limits::default())
}

/// [`discover`] with explicit limits on depth and number of files.
pub fn discover_limited(paths: &[PathBuf], limits: &Limits) -> Discovery {
    let max_depth = limits.max_depth;
    let max_files = limits.max_files;
    let mut found = Discovery::default();
    // Files by canonical path, so that one folder named twice (`seeds` and `$PWD/seeds`) or
    // a file named inside a folder also given is read once. Only the roots are resolved: the
    // walk's files are keyed by their canonical root and their path below it.
    let mut seen: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for (root_index, root) in paths.iter().enumerate() {
        let shown = root.display().to_string();
        let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        found
            .roots
            .push(canonical_root.to_string_lossy().into_owned());
        let root_index = root_index as u32;
        let meta = match std::fs::metadata(root) {
            Ok(meta) => meta,
            Err(e) => {
                found.diagnostics.push(Diagnostic::skipped(
                    &shown,
                    Problem::CannotOpen(IoReason::from(&e)),
                ));
                continue;
            }
        };
        if meta.is_file() {
            if found.files.len() >= max_files {
                found.diagnostics.push(Diagnostic::skipped(
                    &shown,
                    Problem::TooManyFiles(max_files),
                ));
            } else {
                if seen.insert(canonical_root.clone()) {
                    found.files.push(root.clone());
                    found.origin.push(root_index);
                }
            }
            continue;
        }
        if !meta.is_dir() {
            found
                .diagnostics
                .push(Diagnostic::skipped(&shown, Problem::NotRegular));
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .max_depth(max_depth)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let ft = entry.file_type();
                    if ft.is_dir() {
                        if entry.depth() == max_depth {
                            found.diagnostics.push(Diagnostic::skipped(
                                &entry.path().display().to_string(),
                                Problem::TooDeep(max_depth),
                            ));
                        }
                        continue;
                    }
                    if !is_document_name(entry.path()) {
                        found.ignored += 1;
                        continue;
                    }
                    if !ft.is_file() {
                        found.diagnostics.push(Diagnostic::skipped(
                            &entry.path().display().to_string(),
                            Problem::NotRegular,
                        ));
                        continue;
                    }
                    if found.files.len() >= max_files {
                        found.diagnostics.push(Diagnostic::skipped(
                            &shown,
                            Problem::TooManyFiles(max_files),
                        ));
                        break;
                    }
                    // One root alone cannot name a file twice: the set is kept only for several.
                    if paths.len() == 1 {
                        found.files.push(entry.into_path());
                        found.origin.push(root_index);
                        continue;
                    }
                    let key = match entry.path().strip_prefix(root) {
                        Ok(rel) if !rel.as_os_str().is_empty() => canonical_root.join(rel),
                        _ => canonical_root.clone(),
                    };
                    if seen.insert(key) {
                        found.files.push(entry.into_path());
                        found.origin.push(root_index);
                    }
                }
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| shown.clone());
                    let problem = if e.loop_ancestor().is_some() {
                        Problem::SymlinkLoop
                    } else {
                        Problem::CannotRead(match e.io_error() {
                            Some(io) => IoReason::from(io),
                            None => IoReason {
                                kind: std::io::ErrorKind::Other,
                                text: e.to_string(),
                            },
                        })
                    };
                    found.diagnostics.push(Diagnostic::skipped(&path, problem));
                }
            }
        }
    }
    // Each root's files come sorted by the walk, the roots in the order given.
    found
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
}

/// Loads every question document under `paths`.
pub fn load(paths: &[PathBuf], options: &LoadOptions) -> LoadReport {
    load_limited(paths, options, &Limits::default())
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

/// Which cached entry stands for each file found, when the file is unchanged since.
fn match_cache(
    index: &CacheIndex,
    discovery: &Discovery,
    rels: &[Option<String>],
    keys: &[Option<FileKey>],
) -> Vec<Option<usize>> {
    let entries = index.entries();
    let same = |i: usize, e: &CachedEntry| {
        keys.get(i).copied().flatten() == Some(e.key)
            && e.root == discovery.origin[i]
            && rels[i].as_deref() == Some(e.rel.as_str())
    };
    // Most loads find the files of the last one, in the same order: matched by position,
    // and by path only where that fails.
    let mut hits: Vec<Option<usize>> = (0..discovery.files.len())
        .map(|i| entries.get(i).filter(|e| same(i, e)).map(|_| i))
        .collect();
    if hits.iter().any(Option::is_none) {
        let mut by_path: foldhash::HashMap<(u32, &str), usize> = Default::default();
        for (j, e) in entries.iter().enumerate() {
            by_path.insert((e.root, e.rel.as_str()), j);
        }
        for (i, hit) in hits.iter_mut().enumerate() {
            if hit.is_some() {
                continue;
            }
            let Some(rel) = rels[i].as_deref() else {
                continue;
            };
            if let Some(&j) = by_path.get(&(discovery.origin[i], rel)) {
                if same(i, &entries[j]) {
                    *hit = Some(j);
                }
            }
        }
    }
    hits
}

/// A cached outcome as the file's own: its question and diagnostics say where it is now.
fn adopt(outcome: CachedOutcome, shown: &str) -> (Option<Question>, Vec<Diagnostic>) {
    let question = outcome.question.map(|mut q| {
        q.source = shown.to_string();
        q
    });
    let said = outcome
        .said
        .into_iter()
        .map(|mut d| {
            d.path = shown.to_string();
            d
        })
        .collect();
    (question, said)
}

/// [`load`] with explicit limits (file size, number of files, depth).
///
/// In steps: find the files under the paths ([`discover_limited`]); take from the cache the
/// outcomes of the files unchanged since it was written ([`take_cached`]); read and parse the
/// rest in parallel ([`read_rest`]); place the questions of archives after their file
/// ([`spread_many`]); keep one question per id ([`assemble_with_positions`]) and name the
/// authors ([`resolve`]); leave the cache what writing it needs ([`leave_ticket`]).
pub fn load_limited(paths: &[PathBuf], options: &LoadOptions, limits: &Limits) -> LoadReport {
    let discovery = discover_limited(paths, limits);
    let names = Names::of(paths, &discovery);
    let mut outcomes = Outcomes::new(discovery.files.len());
    let mut cached = match options.cache {
        Some(cache) => take_cached(cache, &discovery, &names, &mut outcomes),
        None => Cached::nothing(discovery.files.len()),
    };
    let rest = read_rest(&discovery, &names, &cached, &mut outcomes, options, limits);
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
    report
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

/// What the cache gave.
struct Cached {
    /// For each file, the cache entry its outcome was taken from.
    hits: Vec<Option<usize>>,
    /// The cache holds exactly these files, unchanged.
    fresh: bool,
    /// The word index and the related questions it holds, when fresh.
    words: Option<WordIndex>,
    related: Option<crate::related::Stored>,
    /// Why it was not (wholly) used, as a warning.
    note: Option<Diagnostic>,
}

impl Cached {
    fn nothing(files: usize) -> Cached {
        Cached {
            hits: vec![None; files],
            fresh: false,
            words: None,
            related: None,
            note: None,
        }
    }

    /// Files taken from the cache.
    fn count(&self) -> usize {
        self.hits.iter().filter(|h| h.is_some()).count()
    }
}

/// Opens the cache of these roots (its directory, a few megabytes), stats every file to
/// trust it or not, and takes the outcomes of the unchanged ones into their slots. Without a
/// cache there is no stat: reading a file tells its key.
fn take_cached(cache: &Cache, discovery: &Discovery, names: &Names, out: &mut Outcomes) -> Cached {
    let mut cached = Cached::nothing(discovery.files.len());
    let mut why_not = None;
    let index = match cache.open(&discovery.roots) {
        Ok(index) => index,
        Err(why) => {
            why_not = Some(why);
            None
        }
    };
    if let Some(index) = &index {
        let keys: Vec<Option<FileKey>> = discovery
            .files
            .par_iter()
            .map(|p| std::fs::metadata(p).ok().map(|m| FileKey::of(&m)))
            .collect();
        cached.hits = match_cache(index, discovery, &names.rels, &keys);
        let (taken, failed) = read_sections(index, &cached.hits, names, &keys, out);
        why_not = why_not.or(failed);
        for (hit, taken) in cached.hits.iter_mut().zip(&taken) {
            if !taken {
                *hit = None;
            }
        }
        cached.fresh = discovery.files.len() == index.entries().len()
            && cached.hits.iter().enumerate().all(|(i, h)| *h == Some(i));
        if cached.fresh {
            match index.read_words() {
                Ok(words) => cached.words = words,
                Err(why) => why_not = why_not.or(Some(why)),
            }
            match index.read_related() {
                Ok(related) => cached.related = related,
                Err(why) => why_not = why_not.or(Some(why)),
            }
        }
    }
    cached.note = why_not.map(|why| {
        Diagnostic::warning(
            &cache.file_for(&discovery.roots).display().to_string(),
            Problem::CacheIgnored(cache_reason(why)),
        )
    });
    cached
}

/// Reads the cache's sections that hold files found unchanged (`hits`), in parallel, each
/// outcome into its file's slot: which were taken (a stored question that does not hold
/// together is not), and the first section that could not be read.
fn read_sections(
    index: &CacheIndex,
    hits: &[Option<usize>],
    names: &Names,
    keys: &[Option<FileKey>],
    out: &mut Outcomes,
) -> (Vec<bool>, Option<Unused>) {
    let per = index.files_per_section();
    let failed = std::sync::Mutex::new(None);
    let take = |outcome: CachedOutcome, i: usize, slot: &mut Option<Question>, k: &mut Known| {
        if !outcome.intact {
            return false;
        }
        let (question, said) = adopt(outcome, &names.shown[i]);
        *slot = question;
        *k = Known {
            said,
            key: keys.get(i).copied().flatten(),
            cacheable: names.rels[i].is_some(),
        };
        true
    };
    let read = |s: usize| match index.read_section(s) {
        Ok(outcomes) => Some(outcomes),
        Err(why) => {
            if let Ok(mut f) = failed.lock() {
                f.get_or_insert(why);
            }
            None
        }
    };
    let mut taken = vec![false; hits.len()];
    let positional = hits
        .iter()
        .enumerate()
        .all(|(i, h)| h.is_none_or(|j| j == i));
    if positional {
        // Section s holds files s * per onwards, here as in the cache: each section goes
        // straight to its own stretch of slots, in parallel.
        out.slots
            .par_chunks_mut(per)
            .zip(out.known.par_chunks_mut(per))
            .zip(taken.par_chunks_mut(per))
            .enumerate()
            .for_each(|(s, ((slots, known), taken))| {
                let base = s * per;
                let wanted = (0..slots.len()).any(|k| hits[base + k].is_some());
                if !wanted || s >= index.sections() {
                    return;
                }
                let Some(outcomes) = read(s) else { return };
                for (k, outcome) in outcomes.into_iter().enumerate() {
                    if k < slots.len() && hits[base + k].is_some() {
                        taken[k] = take(outcome, base + k, &mut slots[k], &mut known[k]);
                    }
                }
            });
    } else {
        // Files came or went: sections are read in parallel, their outcomes placed after.
        let mut at_of: Vec<Option<usize>> = vec![None; index.entries().len()];
        for (i, hit) in hits.iter().enumerate() {
            if let Some(j) = hit {
                at_of[*j] = Some(i);
            }
        }
        let needed: Vec<usize> = (0..index.sections())
            .filter(|&s| (s * per..((s + 1) * per).min(at_of.len())).any(|j| at_of[j].is_some()))
            .collect();
        for batch in needed.chunks(rayon::current_num_threads().max(1) * 2) {
            let read: Vec<(usize, Option<Vec<CachedOutcome>>)> =
                batch.par_iter().map(|&s| (s, read(s))).collect();
            for (s, outcomes) in read {
                for (k, outcome) in outcomes.into_iter().flatten().enumerate() {
                    if let Some(i) = at_of.get(s * per + k).copied().flatten() {
                        taken[i] = take(outcome, i, &mut out.slots[i], &mut out.known[i]);
                    }
                }
            }
        }
    }
    (taken, failed.into_inner().ok().flatten())
}

/// What reading the files the cache did not give left aside besides their slots.
struct Rest {
    /// The questions of files giving many (archives), by file.
    many: Vec<(usize, Vec<Question>)>,
    /// What AMO files say of deputies and groups.
    amo: Vec<AmoRecord>,
    /// Bytes read.
    bytes: u64,
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
) -> Rest {
    let total = discovery.files.len();
    let done = AtomicUsize::new(cached.count());
    let bytes_read = AtomicU64::new(0);
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
            let mut got = crate::source::read_file(path, shown, limits, bytes);
            bytes_read.fetch_add(got.bytes, Ordering::Relaxed);
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

/// Names the authors of the open-data questions from the AMO records given (acteurs, their
/// mandates, groups): an author not found keeps its reference and is reported once; without
/// any AMO data, one warning says so for all.
fn resolve(report: &mut LoadReport, amo: Vec<AmoRecord>) {
    let referenced = report
        .questions
        .iter()
        .filter(|q| q.author_ref.is_some())
        .count();
    if referenced == 0 {
        return;
    }
    let mut directory = Directory::new();
    for record in amo {
        directory.add(record);
    }
    let unresolved = resolve_authors(&mut report.questions, &directory);
    if unresolved.is_empty() {
        return;
    }
    if directory.is_empty() {
        let first = report
            .questions
            .iter()
            .find(|q| q.author_ref.is_some())
            .map(|q| q.source.clone())
            .unwrap_or_default();
        report.diagnostics.push(Diagnostic::warning(
            &first,
            Problem::NoAmo {
                authors: unresolved.len(),
            },
        ));
        return;
    }
    let mut first_of: HashMap<&str, &str> = HashMap::new();
    for q in &report.questions {
        if let Some(r) = q.author_ref.as_deref() {
            first_of.entry(r).or_insert(q.source.as_str());
        }
    }
    let said: Vec<Diagnostic> = unresolved
        .iter()
        .map(|r| {
            Diagnostic::warning(
                first_of.get(r.as_str()).copied().unwrap_or(""),
                Problem::UnresolvedAuthor(r.clone()),
            )
        })
        .collect();
    report.diagnostics.extend(said);
    report
        .diagnostics
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
}

/// Why a cache was not used, for its warning.
fn cache_reason(why: Unused) -> crate::parse::problem::CacheReason {
    use crate::parse::problem::CacheReason;
    match why {
        Unused::OtherVersion => CacheReason::OtherVersion,
        Unused::Damaged(what) => CacheReason::Damaged(what),
        Unused::Unreadable(what) => CacheReason::Unreadable(what),
    }
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

/// Files (or archive entries) left out: each has its diagnostic (a refusal, a copy dropped,
/// what the walk could not enter), so that the summary agrees with the list.
fn count_skipped(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Skipped)
        .count()
}

/// What became of a file's question in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    /// It is `questions[n]`.
    Kept(usize),
    /// It was a copy of another, dropped.
    Dropped,
    /// The file gave no question.
    None,
}

/// Gathers the files' outcomes into a report, keeping one question per id (the more
/// complete, else the first), in the order of the files. Done in place: the questions are
/// never held twice.
fn assemble(
    slots: Vec<Option<Question>>,
    said: Vec<Vec<Diagnostic>>,
    diagnostics: Vec<Diagnostic>,
) -> LoadReport {
    assemble_with_positions(slots, said, diagnostics).0
}

/// [`assemble`], also telling where each file's question went.
fn assemble_with_positions(
    mut slots: Vec<Option<Question>>,
    said: Vec<Vec<Diagnostic>>,
    mut diagnostics: Vec<Diagnostic>,
) -> (LoadReport, Vec<Position>) {
    let mut report = LoadReport {
        files_read: slots.len(),
        ..LoadReport::default()
    };
    let mut positions: Vec<Position> = slots
        .iter()
        .map(|s| {
            if s.is_some() {
                Position::Kept(0)
            } else {
                Position::None
            }
        })
        .collect();
    diagnostics.extend(said.into_iter().flatten());
    let mut by_id: HashMap<String, usize> = HashMap::with_capacity(slots.len());
    for i in 0..slots.len() {
        let Some(question) = &slots[i] else {
            continue;
        };
        let Some(&kept) = by_id.get(&question.id) else {
            by_id.insert(question.id.clone(), i);
            continue;
        };
        let rank = |slot: &Option<Question>| slot.as_ref().map(Question::completeness);
        let (new_rank, kept_rank) = (rank(&slots[i]), rank(&slots[kept]));
        if new_rank > kept_rank {
            // The better one takes the first one's place; the loser is left in slot `i`.
            // Their files' questions swap places too: neither is cached as it was.
            slots.swap(i, kept);
            positions[kept] = Position::Dropped;
        }
        positions[i] = Position::Dropped;
        let (Some(loser), Some(winner)) = (slots[i].take(), slots[kept].as_ref()) else {
            continue;
        };
        diagnostics.push(Diagnostic::skipped(
            &loser.source,
            Problem::Duplicate {
                kept: winner.source.clone(),
                id: winner.id.clone(),
                more_complete: new_rank != kept_rank,
            },
        ));
    }
    let mut next = 0;
    for (slot, position) in slots.iter().zip(positions.iter_mut()) {
        if slot.is_some() {
            if *position == Position::Kept(0) {
                *position = Position::Kept(next);
            }
            next += 1;
        }
    }
    #[allow(
        clippy::filter_map_identity,
        reason = "collected in place, where flatten is not"
    )]
    let questions = slots.into_iter().filter_map(|q| q).collect();
    report.questions = questions;
    diagnostics.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    report.files_skipped = count_skipped(&diagnostics);
    report.diagnostics = diagnostics;
    (report, positions)
}
