//! The saves and reads of a store's files, as jobs that run anywhere: the viewer runs them
//! on its writer thread (see [`super::writer`]), the command line in place.
//!
//! A store writes two files: its *snapshot* (the file named, `reviews.json`) and the *log*
//! beside it (`reviews.json.log`, see [`super::log`]). A save appends one record, the delta
//! of the changes it carries, to the log and syncs it: a few hundred bytes, whatever the
//! size of the state. When the log outgrows its snapshot, the save folds both into a new
//! snapshot (written atomically, the previous one kept as `.bak`) and starts a new log, so
//! the two files together stay within twice the snapshot. Every save first reads, under the
//! file's lock, what other processes added since this one last read (by offset in the
//! log), so that a compaction loses nothing. A file that cannot be read is never written
//! over.
//!
//! Reads follow the same marks: a snapshot is read again only when it changed, a log from
//! where the last read stopped (from its start when it is a new log).

use super::error::{io_error, ReviewError, Unusable};
use super::format::{DecodeError, Decoded, FORMAT_VERSION};
use super::fs::{
    open_regular, parent_dir, remove_stale_temps, sidecar, write_atomic, write_target, FileLock,
    Fs, Step, WriteError, LOCK_WAIT,
};
use super::location::Location;
use super::log;
use super::snapshot::decode_any;
use super::state::ReviewState;
use crate::parse::problem::IoReason;
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A log may grow to the size of its snapshot, or to this for a small one, before a save
/// folds it into a new snapshot.
pub const COMPACT_FLOOR: u64 = 64 * 1024;

/// The log beside a store's file: `reviews.json` -> `reviews.json.log`.
pub fn log_path(file: &Path) -> PathBuf {
    sidecar(file, ".log")
}

/// True for a log (by its extension), false for a document or snapshot.
pub fn is_log(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("log"))
}

/// What is known of a file, to read only what changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileMark {
    len: u64,
    modified: Option<SystemTime>,
    /// For a log: its header's checksum and the end of the last whole record read.
    log: Option<(u32, u64)>,
}

fn stat(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

impl FileMark {
    fn unchanged(known: Option<&FileMark>, now: Option<(u64, Option<SystemTime>)>) -> bool {
        matches!((known, now), (Some(k), Some((len, modified))) if k.len == len && k.modified == modified)
    }
}

/// A save to run: the changes to write, and the whole state for a compaction.
#[derive(Debug, Clone)]
pub struct SaveJob {
    /// The store's own file (its snapshot; the log is beside it).
    pub path: PathBuf,
    /// The questions whose entries changed: their entries, taken whole from `full`, are the
    /// delta written (itself a state).
    pub changed: imbl::HashSet<String>,
    /// What loads saw, to write too.
    pub loads: super::state::Loads,
    /// The store's whole state (a copy that shares its structure): the entries of the delta,
    /// and everything for a compaction.
    pub full: ReviewState,
    /// The writer id recorded in the files.
    pub writer: String,
    /// The store's edit count this job carries.
    pub generation: u64,
    /// What the store last read of its own files.
    pub known: BTreeMap<PathBuf, FileMark>,
    /// The own file is of an older format: write a snapshot (the old file kept as `.bak`).
    pub upgrade: bool,
}

impl SaveJob {
    /// The delta to write: the changed entries as they are in the state, and the loads.
    pub fn delta(&self) -> ReviewState {
        let mut delta = ReviewState {
            loads: self.loads.clone(),
            ..ReviewState::default()
        };
        for id in &self.changed {
            if let Some(entry) = self.full.shared.entries.get(id) {
                delta.shared.entries.insert(id.clone(), entry.clone());
            }
        }
        delta
    }
}

/// What a save did.
#[derive(Debug, Clone)]
pub struct Saved {
    /// What the files held that the store had not read (another window's saves).
    pub incoming: ReviewState,
    /// The edit count saved.
    pub generation: u64,
    /// The file written.
    pub path: PathBuf,
    /// What is now known of the own files.
    pub marks: Vec<(PathBuf, FileMark)>,
    /// The log was folded into a new snapshot (an upgrade is done).
    pub compacted: bool,
    /// Bytes written (the record appended, or the snapshot and the new log).
    pub written: u64,
}

/// A read of the store's files to run (on a background thread in the viewer).
#[derive(Debug, Clone)]
pub struct ReadJob {
    /// Where the store lives.
    pub location: Location,
    /// Files with what was known of them, to read only what changed.
    pub known: BTreeMap<PathBuf, FileMark>,
}

/// One file read by a [`ReadJob`].
#[derive(Debug)]
pub struct FileRead {
    /// The file.
    pub path: PathBuf,
    /// What is known of it now.
    pub mark: Option<FileMark>,
    /// What it holds that is new; `None` when unchanged since last read, or absent.
    pub content: Option<Result<Decoded, Unusable>>,
}

/// What a [`ReadJob`] found.
#[derive(Debug, Default)]
pub struct ReadResult {
    /// The store's own file.
    pub own: Option<FileRead>,
    /// The log beside it.
    pub own_log: Option<FileRead>,
    /// The other files of a team folder (colleagues' snapshots and logs).
    pub others: Vec<FileRead>,
    /// The team folder could not be listed.
    pub folder_error: Option<IoReason>,
}

/// A file as read, before it is told to the store.
enum Got {
    Unchanged,
    Missing,
    Read(Decoded, FileMark),
    Failed(io::Error),
    Bad(Unusable),
}

impl Got {
    fn into_read(self, path: &Path, known: Option<&FileMark>) -> FileRead {
        let (mark, content) = match self {
            Got::Unchanged => (known.copied(), None),
            Got::Missing => (None, None),
            Got::Read(decoded, mark) => (Some(mark), Some(Ok(decoded))),
            Got::Failed(e) if e.kind() == io::ErrorKind::InvalidInput => {
                (None, Some(Err(Unusable::NotRegular(e.to_string()))))
            }
            Got::Failed(e) => (None, Some(Err(Unusable::CannotRead(IoReason::from(&e))))),
            Got::Bad(reason) => (None, Some(Err(reason))),
        };
        FileRead {
            path: path.to_path_buf(),
            mark,
            content,
        }
    }
}

fn unreadable(fs: &dyn Fs, path: &Path, error: DecodeError) -> Unusable {
    let bak = sidecar(path, ".bak");
    Unusable::Unreadable {
        error,
        backup: fs.read(&bak).is_ok().then_some(bak),
    }
}

/// Reads a document or snapshot unless it is unchanged since `known`.
fn read_document(fs: &dyn Fs, path: &Path, known: Option<&FileMark>, origin: &str) -> Got {
    let now = stat(path);
    if FileMark::unchanged(known, now) {
        return Got::Unchanged;
    }
    match fs.read(path) {
        Ok(bytes) => match decode_any(&bytes, origin) {
            Ok(decoded) => {
                let (len, modified) = now.unwrap_or((bytes.len() as u64, None));
                let mark = FileMark {
                    len,
                    modified,
                    log: None,
                };
                Got::Read(decoded, mark)
            }
            Err(e) => Got::Bad(unreadable(fs, path, e)),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Got::Missing,
        Err(e) => Got::Failed(e),
    }
}

/// The checksum of the header of the log at `path`, read from its first bytes.
fn head_on_disk(path: &Path) -> Option<u32> {
    let mut first = Vec::with_capacity(1024);
    open_regular(path)
        .ok()?
        .take(4096)
        .read_to_end(&mut first)
        .ok()?;
    log::head_of(&first)
}

/// Reads the records of a log added since `known` (all of them when it is another log than
/// the one known).
fn read_log(fs: &dyn Fs, path: &Path, known: Option<&FileMark>) -> Got {
    let now = stat(path);
    let Some((len, modified)) = now else {
        return Got::Missing;
    };
    if FileMark::unchanged(known, now) {
        return Got::Unchanged;
    }
    let from = known
        .and_then(|k| k.log)
        .filter(|&(head, end)| end <= len && head_on_disk(path) == Some(head));
    let (offset, head) = from.map_or((0, None), |(head, end)| (end, Some(head)));
    let bytes = match fs.read_from(path, offset) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Got::Missing,
        Err(e) => return Got::Failed(e),
    };
    match log::parse(&bytes, offset, head) {
        Ok(read) => {
            let mark = FileMark {
                len,
                modified,
                log: read.head.map(|h| (h, read.end)),
            };
            let decoded = Decoded {
                state: read.state,
                writer: None,
                version: FORMAT_VERSION,
                repaired_notes: 0,
            };
            Got::Read(decoded, mark)
        }
        Err(e) => Got::Bad(Unusable::Unreadable {
            error: e,
            backup: None,
        }),
    }
}

/// The snapshot a log is beside: `reviews.json.log` -> `reviews.json`.
fn snapshot_of_log(log: &Path) -> Option<PathBuf> {
    let name = log.file_name()?.to_str()?;
    let stem = name.get(..name.len().checked_sub(4)?)?;
    (!stem.is_empty() && name[stem.len()..].eq_ignore_ascii_case(".log"))
        .then(|| log.with_file_name(stem))
}

/// Reads a writer's state from one of its files, as a store opens it: a snapshot (or a
/// document) with the log beside it when there is one, or a log with the snapshot it is
/// beside (alone, the records it holds). The file named must exist; the other is merged in
/// when present. `origin` is credited with a version 1 document's data.
pub fn read_writer_state(fs: &dyn Fs, path: &Path, origin: &str) -> Result<Decoded, ReviewError> {
    let invalid = |path: &Path| {
        let path = path.to_path_buf();
        move |reason| ReviewError::Invalid { path, reason }
    };
    let records = |log: &Path, bytes: &[u8]| -> Result<ReviewState, ReviewError> {
        Ok(log::parse(bytes, 0, None).map_err(invalid(log))?.state)
    };
    let read_companion = |other: &Path| match fs.read(other) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(Step::Read, other)(e)),
    };
    let bytes = match fs.read(path) {
        // A snapshot not yet written: its log holds everything.
        Err(e) if e.kind() == io::ErrorKind::NotFound && !is_log(path) => {
            let log = log_path(path);
            match read_companion(&log)? {
                Some(bytes) => {
                    return Ok(Decoded {
                        state: records(&log, &bytes)?,
                        version: FORMAT_VERSION,
                        ..Decoded::default()
                    })
                }
                None => return Err(io_error(Step::Read, path)(e)),
            }
        }
        read => read.map_err(io_error(Step::Read, path))?,
    };
    if is_log(path) {
        let records = records(path, &bytes)?;
        let snapshot = match snapshot_of_log(path) {
            Some(snapshot) => read_companion(&snapshot)?
                .map(|bytes| decode_any(&bytes, origin).map_err(invalid(&snapshot)))
                .transpose()?,
            None => None,
        };
        let mut decoded = snapshot.unwrap_or(Decoded {
            version: FORMAT_VERSION,
            ..Decoded::default()
        });
        decoded.state.merge(&records);
        return Ok(decoded);
    }
    let mut decoded = decode_any(&bytes, origin).map_err(invalid(path))?;
    let log = log_path(path);
    if let Some(bytes) = read_companion(&log)? {
        decoded.state.merge(&records(&log, &bytes)?);
    }
    Ok(decoded)
}

/// The own file's log: beside the file a link leads to.
pub fn own_log(own: &Path) -> PathBuf {
    log_path(&write_target(own).unwrap_or_else(|_| own.to_path_buf()))
}

/// The origin credited with the version 1 data of a colleague's file: `v1:<file stem>`.
fn origin_of(path: &Path) -> String {
    format!(
        "v1:{}",
        super::clock::clean_writer(&path.file_stem().unwrap_or_default().to_string_lossy())
    )
}

/// Runs a read: the own file and its log and, in a team folder, every other file that
/// changed (only the new records of a log).
pub fn execute_read(fs: &dyn Fs, job: &ReadJob, writer: &str) -> ReadResult {
    let own_path = job.location.own_file();
    if own_path.as_os_str().is_empty() {
        return ReadResult::default();
    }
    let known = |p: &Path| job.known.get(p);
    let own_log_path = own_log(&own_path);
    let mut result = ReadResult {
        own: Some(
            read_document(fs, &own_path, known(&own_path), writer)
                .into_read(&own_path, known(&own_path)),
        ),
        own_log: Some(
            read_log(fs, &own_log_path, known(&own_log_path))
                .into_read(&own_log_path, known(&own_log_path)),
        ),
        ..ReadResult::default()
    };
    match job.location.other_files() {
        Ok(files) => {
            for path in files {
                let got = if is_log(&path) {
                    read_log(fs, &path, known(&path))
                } else {
                    read_document(fs, &path, known(&path), &origin_of(&path))
                };
                result.others.push(got.into_read(&path, known(&path)));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => result.folder_error = Some(IoReason::from(&e)),
    }
    result
}

/// A new log's id: the writer, the time and the process, so that no two logs share one.
fn log_id(writer: &str) -> String {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{writer}-{now}-{}", std::process::id())
}

fn mark_of(path: &Path, log: Option<(u32, u64)>) -> Option<FileMark> {
    stat(path).map(|(len, modified)| FileMark { len, modified, log })
}

/// Runs a save (see the module's documentation): under the file's lock, reads what other
/// processes added, then appends the job's delta to the log, or folds everything into a new
/// snapshot when the log would outgrow it (or the file is of an older format, or there is
/// no snapshot yet).
pub fn execute_save(fs: &dyn Fs, job: &SaveJob) -> Result<Saved, ReviewError> {
    let target = write_target(&job.path).map_err(|e| ReviewError::ReadOnly {
        path: job.path.clone(),
        reason: if e.kind() == io::ErrorKind::InvalidInput {
            Unusable::NotRegular(e.to_string())
        } else {
            Unusable::CannotRead(IoReason::from(&e))
        },
    })?;
    let log_file = log_path(&target);
    fs.create_dir_all(parent_dir(&target))
        .map_err(io_error(Step::CreateFolder, &target))?;
    let _lock = FileLock::acquire(&target, LOCK_WAIT).map_err(io_error(Step::Lock, &target))?;
    remove_stale_temps(fs, &target);

    // What the files hold that this process has not read yet.
    let mut incoming = ReviewState::default();
    let mut upgrade = job.upgrade;
    let known_snapshot = job.known.get(&job.path);
    let mut snapshot_mark = known_snapshot.copied();
    match read_document(fs, &target, known_snapshot, &job.writer) {
        Got::Unchanged => {}
        Got::Missing => snapshot_mark = None,
        Got::Read(decoded, mark) => {
            upgrade |= decoded.version < FORMAT_VERSION;
            incoming = decoded.state;
            snapshot_mark = Some(mark);
        }
        Got::Failed(e) => return Err(io_error(Step::Read, &target)(e)),
        Got::Bad(reason) => {
            return Err(ReviewError::ReadOnly {
                path: target.clone(),
                reason,
            })
        }
    }
    let known_log = job.known.get(&log_file);
    let mut log_mark = known_log.copied();
    match read_log(fs, &log_file, known_log) {
        Got::Unchanged => {}
        Got::Missing => log_mark = None,
        Got::Read(decoded, mark) => {
            incoming.merge(&decoded.state);
            log_mark = Some(mark);
        }
        Got::Failed(e) => return Err(io_error(Step::Read, &log_file)(e)),
        Got::Bad(reason) => {
            return Err(ReviewError::ReadOnly {
                path: log_file.clone(),
                reason,
            })
        }
    }

    let snapshot_len = snapshot_mark.map(|m| m.len);
    let log_end = log_mark.and_then(|m| m.log);
    let mut saved = Saved {
        incoming,
        generation: job.generation,
        path: job.path.clone(),
        marks: Vec::new(),
        compacted: false,
        written: 0,
    };
    if job.changed.is_empty() && job.loads.is_empty() && !upgrade {
        saved.marks = [(job.path.clone(), snapshot_mark), (log_file, log_mark)]
            .into_iter()
            .filter_map(|(p, m)| Some((p, m?)))
            .collect();
        return Ok(saved);
    }
    let room = snapshot_len.unwrap_or(0).max(COMPACT_FLOOR);
    let log_len = log_end.map_or(0, |(_, end)| end);
    // A delta of most of the state (X on everything shown) is folded in at once, without
    // writing it as a record first: its size is foretold from the snapshot's.
    // (An entry is never under 64 bytes in a record.)
    let per_entry =
        (snapshot_len.unwrap_or(0) / (job.full.shared.entries.len() as u64).max(1)).max(64);
    let foretold = per_entry * job.changed.len() as u64;
    let compact_now = upgrade || snapshot_len.is_none() || log_len + foretold > 2 * room;
    let record = if compact_now {
        Vec::new()
    } else {
        log::record(&job.delta())
    };
    if compact_now || log_len + record.len() as u64 > room {
        // The store's whole state holds the delta already.
        let mut all = job.full.clone();
        all.merge(&saved.incoming);
        let bytes = super::snapshot::encode(&all, &job.writer);
        if snapshot_len.is_some() {
            fs.keep_copy(&target, &sidecar(&target, ".bak"))
                .map_err(io_error(Step::WriteBackup, &target))?;
        }
        write_atomic(fs, &target, &bytes)?;
        let header = log::header(&job.writer, &log_id(&job.writer));
        write_atomic(fs, &log_file, &header).map_err(|e| {
            ReviewError::from(WriteError {
                path: log_file.clone(),
                ..e
            })
        })?;
        let head = log::head_of(&header).map(|h| (h, header.len() as u64));
        saved.compacted = true;
        saved.written = (bytes.len() + header.len()) as u64;
        saved.marks = [(job.path.clone(), mark_of(&target, None))]
            .into_iter()
            .chain([(log_file.clone(), mark_of(&log_file, head))])
            .filter_map(|(p, m)| Some((p, m?)))
            .collect();
        return Ok(saved);
    }
    // Append: after cutting off a record torn by a crash, or on a new log.
    let head = match (log_mark, log_end) {
        (Some(mark), Some((head, end))) => {
            if mark.len > end {
                fs.truncate(&log_file, end)
                    .map_err(io_error(Step::Write, &log_file))?;
            }
            head
        }
        _ => {
            let header = log::header(&job.writer, &log_id(&job.writer));
            write_atomic(fs, &log_file, &header).map_err(|e| {
                ReviewError::from(WriteError {
                    path: log_file.clone(),
                    ..e
                })
            })?;
            saved.written += header.len() as u64;
            log::head_of(&header).unwrap_or(0)
        }
    };
    fs.append(&log_file, &record)
        .map_err(io_error(Step::Write, &log_file))?;
    saved.written += record.len() as u64;
    // Under the lock, the record just appended is the last: the log is read to its end.
    let log_now = stat(&log_file).map(|(len, modified)| FileMark {
        len,
        modified,
        log: Some((head, len)),
    });
    saved.marks = [(job.path.clone(), snapshot_mark), (log_file, log_now)]
        .into_iter()
        .filter_map(|(p, m)| Some((p, m?)))
        .collect();
    Ok(saved)
}
