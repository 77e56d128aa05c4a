//! The review store: the state shown, the edits a staffer makes, and the saves and reads that
//! keep it in step with the files.
//!
//! Edits change the state in memory at once; saving is a [`SaveJob`] that can run anywhere
//! (the viewer runs it on a background thread, see [`super::writer`], so a save never stalls
//! typing; the command line runs it in place). A save re-reads the file under its lock,
//! merges (a join: whatever another process wrote meanwhile is kept), and replaces the file
//! atomically, the previous version kept as `.bak`. Its result is merged back into the
//! store. A failed save keeps the change in memory, says why, and is tried again; nothing a
//! staffer entered is dropped.

use super::change::{Change, ChangeSummary, Snapshot};
use super::clock::{replica_id, Clock};
use super::format::{decode, encode, DecodeError, Decoded, FORMAT_VERSION};
use super::fs::{
    parent_dir, remove_stale_temps, sidecar, write_atomic, write_target, FileLock, Fs, RealFs,
    Step, WriteError, LOCK_WAIT,
};
use super::location::{claim_slot, Location};
use super::state::{Entry, FirstSeen, NoteBase, NoteVersion, ReviewState, Reviewed, Shared, Stamp};
use crate::model::Question;
use crate::parse::problem::IoReason;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Why a store does not write its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// The file is not a review file this build can read; it is left untouched.
    Unreadable {
        /// What is wrong with it.
        error: DecodeError,
        /// The previous version, when there is one.
        backup: Option<PathBuf>,
    },
    /// The system would not read it.
    CannotRead(IoReason),
    /// It is not a regular file (a FIFO, a device, a directory).
    NotRegular(String),
    /// No file could be chosen (no data directory).
    NoDataDirectory,
    /// Opened for reading only (a report, a list).
    ReadingOnly,
}

/// Plain English, for logs and errors that wrap this one; users read `i18n::review`'s words.
impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::Unreadable { error, .. } => write!(f, "unreadable ({error})"),
            Unusable::CannotRead(reason) => write!(f, "cannot read it ({})", reason.text),
            Unusable::NotRegular(why) => f.write_str(why),
            Unusable::NoDataDirectory => f.write_str("no data directory"),
            Unusable::ReadingOnly => f.write_str("opened for reading only"),
        }
    }
}

/// Why a review change or file operation failed; its Display is plain English (for logs),
/// `i18n::review::error` words it for users.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The store does not write: its file could not be read, or there is none.
    #[error("review file {} is read-only: {reason}", path.display())]
    ReadOnly {
        /// The review file.
        path: PathBuf,
        /// Why it is read-only.
        reason: Unusable,
    },
    /// A file operation failed.
    #[error("review file {}: {action:?} failed: {error}", path.display())]
    Io {
        /// What was being done.
        action: Step,
        /// The file.
        path: PathBuf,
        /// The system's error.
        error: io::Error,
    },
    /// A file given to import is not a review file this build can read.
    #[error("{}: not a review file ({reason})", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: DecodeError,
    },
}

impl ReviewError {
    /// True when the file is not a regular file (the user named a FIFO, a device…).
    pub fn is_not_regular(&self) -> bool {
        match self {
            ReviewError::ReadOnly { reason, .. } => matches!(reason, Unusable::NotRegular(_)),
            ReviewError::Io { error, .. } => error.kind() == io::ErrorKind::InvalidInput,
            ReviewError::Invalid { .. } => false,
        }
    }
}

impl From<WriteError> for ReviewError {
    fn from(e: WriteError) -> Self {
        ReviewError::Io {
            action: e.action,
            path: e.path,
            error: e.error,
        }
    }
}

fn io_error(action: Step, path: &Path) -> impl FnOnce(io::Error) -> ReviewError {
    let path = path.to_path_buf();
    move |error| ReviewError::Io {
        action,
        path,
        error,
    }
}

/// A save to run: the whole state to merge into the file.
#[derive(Debug, Clone)]
pub struct SaveJob {
    /// The file written (the store's own file).
    pub path: PathBuf,
    /// The state to merge into it.
    pub state: ReviewState,
    /// The writer id recorded in the file.
    pub writer: String,
    /// The store's edit count this job carries.
    pub generation: u64,
}

/// What a save wrote.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The state now in the file (ours merged with what was there).
    pub state: ReviewState,
    /// The edit count saved.
    pub generation: u64,
    /// The file written.
    pub path: PathBuf,
}

/// What is known of a file, to skip reading it again when it did not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// A read of the store's files to run (on a background thread in the viewer).
#[derive(Debug, Clone)]
pub struct ReadJob {
    /// Where the store lives.
    pub location: Location,
    /// Files with what was known of them, to skip the unchanged ones.
    pub known: BTreeMap<PathBuf, FileStamp>,
}

/// One file read by a [`ReadJob`].
#[derive(Debug)]
pub struct FileRead {
    /// The file.
    pub path: PathBuf,
    /// Its stamp when read.
    pub stamp: Option<FileStamp>,
    /// Its content; `None` when unchanged since last read or absent.
    pub content: Option<Result<Decoded, Unusable>>,
}

/// What a [`ReadJob`] found.
#[derive(Debug, Default)]
pub struct ReadResult {
    /// The store's own file.
    pub own: Option<FileRead>,
    /// The other files of a team folder.
    pub others: Vec<FileRead>,
    /// The team folder could not be listed.
    pub folder_error: Option<IoReason>,
}

/// What came into the store from a read or an import, by writer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incoming {
    /// Writer (without the process slot) -> questions whose state they changed.
    pub by_writer: BTreeMap<String, usize>,
    /// Files that could not be read, with the reason.
    pub unreadable: Vec<(PathBuf, Unusable)>,
}

/// What an import merged, question by question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The questions whose state changed, with what changed, by id.
    pub merged: Vec<(String, Vec<Imported>)>,
    /// Entries of the imported file that brought nothing new.
    pub unchanged: usize,
    /// Notes repaired while reading a version 1 file.
    pub repaired_notes: usize,
}

/// What an import did to one question's review state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// Marked reviewed on that day.
    Reviewed(NaiveDate),
    /// Reviewed mark cleared.
    Unreviewed,
    /// Follow-up flag set on that day.
    Flagged(NaiveDate),
    /// Follow-up flag cleared.
    Unflagged,
    /// A newer note came in.
    Note,
    /// The note now has versions saved concurrently: a conflict to resolve.
    NoteConflict,
}

/// What saving a note did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteOutcome {
    /// The text was saved.
    Saved,
    /// The note was emptied: it is deleted.
    Deleted,
    /// The text is the note's already: nothing to save.
    Unchanged,
}

/// The review state of one dossier, backed by its review file or team folder.
pub struct ReviewStore {
    location: Option<Location>,
    fs: Arc<dyn Fs>,
    writer: String,
    replica: String,
    _slot: Option<FileLock>,
    clock: Clock,
    state: ReviewState,
    /// Files as last read, to read only the ones that changed.
    stamps: BTreeMap<PathBuf, FileStamp>,
    generation: u64,
    saved_generation: u64,
    read_only: Option<Unusable>,
    /// Opened for reading only (a report): never saves, whatever the files.
    reading_only: bool,
    /// Files of the team folder that could not be read, with the reason.
    unreadable: Vec<(PathBuf, Unusable)>,
    /// The own file was in format 1: the first save upgrades it (and keeps it as `.bak`).
    upgrade_from: Option<u32>,
    repaired_notes: usize,
    last_error: Option<String>,
}

impl std::fmt::Debug for ReviewStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReviewStore")
            .field("location", &self.location)
            .field("replica", &self.replica)
            .field("entries", &self.state.shared.entries.len())
            .field("read_only", &self.read_only)
            .finish()
    }
}

/// How a store is opened.
#[derive(Clone)]
pub struct OpenOptions {
    /// The writer id (see [`super::clock::default_writer`]).
    pub writer: String,
    /// Where process-slot locks go; none: the store writes as slot 0 without a lock.
    pub lock_dir: Option<PathBuf>,
    /// File operations.
    pub fs: Arc<dyn Fs>,
    /// Only read (a report, a list): no slot, no save.
    pub read_only: bool,
}

impl OpenOptions {
    /// Writing as `writer`, slot locks in the user's data directory, on the real disk.
    pub fn new(writer: impl Into<String>) -> OpenOptions {
        OpenOptions {
            writer: writer.into(),
            lock_dir: super::location::default_lock_dir(),
            fs: Arc::new(RealFs),
            read_only: false,
        }
    }
}

impl ReviewStore {
    /// Opens the store at `location` (its files need not exist yet). Never fails: a file that
    /// cannot be read gives a read-only store, with the reason in [`Self::read_only_reason`].
    pub fn open(location: Location, options: OpenOptions) -> ReviewStore {
        let own = location.own_file();
        let (slot, lock) = if options.read_only {
            (0, None)
        } else {
            claim_slot(&own, options.lock_dir.as_deref())
        };
        let mut store = ReviewStore {
            replica: replica_id(&options.writer, slot),
            writer: options.writer,
            _slot: lock,
            location: Some(location),
            fs: options.fs,
            clock: Clock::default(),
            state: ReviewState::default(),
            stamps: BTreeMap::new(),
            generation: 0,
            saved_generation: 0,
            read_only: None,
            reading_only: options.read_only,
            unreadable: Vec::new(),
            upgrade_from: None,
            repaired_notes: 0,
            last_error: None,
        };
        let read = store.read_job();
        let result = execute_read(store.fs.as_ref(), &read, &store.writer);
        store.merge_read(result);
        store
    }

    /// An empty read-only store with no file, for when none can be had.
    pub fn unavailable(reason: Unusable) -> ReviewStore {
        ReviewStore {
            location: None,
            fs: Arc::new(RealFs),
            writer: String::new(),
            replica: String::new(),
            _slot: None,
            clock: Clock::default(),
            state: ReviewState::default(),
            stamps: BTreeMap::new(),
            generation: 0,
            saved_generation: 0,
            read_only: Some(reason),
            reading_only: false,
            unreadable: Vec::new(),
            upgrade_from: None,
            repaired_notes: 0,
            last_error: None,
        }
    }

    /// The file this store writes (empty when it has none).
    pub fn path(&self) -> PathBuf {
        self.location
            .as_ref()
            .map(Location::own_file)
            .unwrap_or_default()
    }

    /// The file operations the store uses (for a background writer).
    pub fn fs(&self) -> Arc<dyn Fs> {
        Arc::clone(&self.fs)
    }

    /// The writer id.
    pub fn writer(&self) -> &str {
        &self.writer
    }

    /// Where the store lives.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// This process's replica id (`alice@pc`, or `alice@pc+1` for a second window).
    pub fn replica(&self) -> &str {
        &self.replica
    }

    /// Why the store does not save, when its file cannot be used (not when it was only
    /// opened for reading).
    pub fn read_only_reason(&self) -> Option<&Unusable> {
        self.read_only.as_ref()
    }

    /// True when changes cannot be saved (see [`Self::read_only_reason`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Files of a team folder that could not be read, with the reason.
    pub fn unreadable_files(&self) -> &[(PathBuf, Unusable)] {
        &self.unreadable
    }

    /// Notes repaired while upgrading a format 1 file (bloated by the old merge).
    pub fn repaired_notes(&self) -> usize {
        self.repaired_notes
    }

    /// True when the file was written by an older dossier and the next save upgrades it.
    pub fn upgrade_pending(&self) -> Option<u32> {
        self.upgrade_from
    }

    /// True when the store holds changes not yet in its file.
    pub fn has_unsaved_changes(&self) -> bool {
        self.generation > self.saved_generation
    }

    /// Why the latest save failed, until one succeeds.
    pub fn last_error(&self) -> Option<&str> {
        self.last_error.as_deref()
    }

    /// Everything the store holds (for filtering on another thread, take a clone).
    pub fn state(&self) -> &ReviewState {
        &self.state
    }

    /// The review state of a question, by id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.state.shared.entries.get(id)
    }

    /// True when the question is marked reviewed.
    pub fn is_reviewed(&self, id: &str) -> bool {
        self.entry(id).is_some_and(|e| e.reviewed().is_some())
    }

    /// True when the question needs a follow-up.
    pub fn is_flagged(&self, id: &str) -> bool {
        self.entry(id).is_some_and(|e| e.flagged().is_some())
    }

    /// True when the question has a note.
    pub fn has_note(&self, id: &str) -> bool {
        self.entry(id).is_some_and(Entry::has_note)
    }

    /// How the question changed since it was last reviewed (or that it is new), if it did.
    pub fn change(&self, q: &Question) -> Option<Change> {
        self.state.change(q)
    }

    /// True when the question is to be looked at again (see [`Self::change`]).
    pub fn is_changed(&self, q: &Question) -> bool {
        self.change(q).is_some()
    }

    /// Counts the changed questions among `questions`, by kind of change.
    pub fn summary(&self, questions: &[Question]) -> ChangeSummary {
        let mut summary = ChangeSummary::default();
        for change in questions.iter().filter_map(|q| self.change(q)) {
            summary.count(change);
        }
        summary
    }

    fn writable(&self) -> Result<(), ReviewError> {
        let reason = match (&self.read_only, &self.location) {
            (Some(reason), _) => reason.clone(),
            (None, None) => Unusable::NoDataDirectory,
            (None, Some(_)) if self.reading_only => Unusable::ReadingOnly,
            (None, Some(_)) => return Ok(()),
        };
        Err(ReviewError::ReadOnly {
            path: self.path(),
            reason,
        })
    }

    fn touched(&mut self) {
        self.generation += 1;
    }

    /// Records a load of the dossier (at start-up and on each reload): ids never seen by a
    /// previous load are marked new (none at the very first load, when everything is new),
    /// and the ids are remembered. Returns what changed since the questions were reviewed.
    /// Works on a read-only store too (the marks then last the session).
    pub fn observe(&mut self, questions: &[Question], today: NaiveDate) -> ChangeSummary {
        let first_load = self.state.loads.last.is_none();
        let mut dirty = first_load;
        let mut t = None;
        for q in questions {
            if self.state.loads.known.contains(&q.id) {
                continue;
            }
            self.state.loads.known.insert(q.id.clone());
            dirty = true;
            if !first_load && !self.is_reviewed(&q.id) {
                let stamp = *t.get_or_insert_with(|| self.clock.tick());
                self.state
                    .loads
                    .new
                    .entry(q.id.clone())
                    .or_insert(FirstSeen {
                        date: today,
                        t: stamp,
                    });
            }
        }
        if dirty {
            self.state.loads.last = Some(today.max(self.state.loads.last.unwrap_or(today)));
            self.touched();
        }
        self.summary(questions)
    }

    /// The reviewed mark: sets it (today, with how the question stands), or clears it. A
    /// question reviewed and changed since is marked reviewed again, which acknowledges the
    /// change. Returns whether it is now reviewed.
    pub fn toggle_reviewed(&mut self, q: &Question, today: NaiveDate) -> Result<bool, ReviewError> {
        self.writable()?;
        let reviewed = self.is_reviewed(&q.id);
        let acknowledge = reviewed && self.change(q).is_some();
        let value = (!reviewed || acknowledge).then(|| Reviewed {
            date: today,
            snapshot: Snapshot::of(q),
        });
        let on = value.is_some();
        let stamp = self.stamp();
        self.state.shared.write_reviewed(&q.id, stamp, value);
        self.touched();
        Ok(on)
    }

    fn stamp(&mut self) -> Stamp {
        Stamp {
            t: self.clock.tick(),
            by: self.replica.clone(),
        }
    }

    /// Marks every question given reviewed today (those already reviewed and unchanged are
    /// left as they are). Returns how many were marked.
    pub fn mark_all_reviewed(
        &mut self,
        questions: &[&Question],
        today: NaiveDate,
    ) -> Result<usize, ReviewError> {
        self.writable()?;
        let mut marked = 0;
        for q in questions {
            if self.is_reviewed(&q.id) && self.change(q).is_none() {
                continue;
            }
            let stamp = self.stamp();
            let value = Some(Reviewed {
                date: today,
                snapshot: Snapshot::of(q),
            });
            self.state.shared.write_reviewed(&q.id, stamp, value);
            marked += 1;
        }
        if marked > 0 {
            self.touched();
        }
        Ok(marked)
    }

    /// Sets the follow-up flag (dated today), or clears it. Returns whether it is now set.
    pub fn toggle_flag(&mut self, id: &str, today: NaiveDate) -> Result<bool, ReviewError> {
        self.writable()?;
        let value = (!self.is_flagged(id)).then_some(today);
        let on = value.is_some();
        let stamp = self.stamp();
        self.state.shared.write_flag(id, stamp, value);
        self.touched();
        Ok(on)
    }

    /// What an edit of the question's note starts from (keep it from when the editor opens:
    /// a version that arrives meanwhile then stays beside the new one, as a conflict).
    pub fn note_base(&self, id: &str) -> NoteBase {
        self.entry(id)
            .map(|e| NoteBase::of(&e.note))
            .unwrap_or_default()
    }

    /// Saves a new text of the question's note, replacing the versions of `base` (trailing
    /// blanks removed; an empty text deletes the note).
    pub fn set_note(
        &mut self,
        id: &str,
        text: &str,
        base: &NoteBase,
    ) -> Result<NoteOutcome, ReviewError> {
        self.writable()?;
        let text = text.trim_end();
        let text = if text.trim().is_empty() { "" } else { text };
        let entry = self.entry(id);
        let current: Vec<&NoteVersion> = entry.map(|e| e.note.iter().collect()).unwrap_or_default();
        let replaces_all = current
            .iter()
            .all(|v| base.seen.get(&v.by).is_some_and(|&t| t >= v.t));
        let same_text = match current.as_slice() {
            [] => text.is_empty(),
            [one] => one.text.trim_end() == text,
            _ => false,
        };
        if same_text && replaces_all {
            return Ok(NoteOutcome::Unchanged);
        }
        let stamp = self.stamp();
        self.state.shared.write_note(id, stamp, base, text);
        self.touched();
        Ok(if text.is_empty() {
            NoteOutcome::Deleted
        } else {
            NoteOutcome::Saved
        })
    }

    /// The save that brings the file up to date, when there is something to save.
    pub fn save_job(&self) -> Option<SaveJob> {
        if self.writable().is_err() || !self.has_unsaved_changes() {
            return None;
        }
        Some(SaveJob {
            path: self.path(),
            state: self.state.clone(),
            writer: self.writer.clone(),
            generation: self.generation,
        })
    }

    /// Takes in the result of a save.
    pub fn saved(&mut self, result: Result<Saved, ReviewError>) -> Result<(), ReviewError> {
        match result {
            Ok(saved) => {
                self.merge_state(&saved.state);
                self.saved_generation = self.saved_generation.max(saved.generation);
                self.stamps.insert(
                    saved.path.clone(),
                    FileStamp::of(&saved.path).unwrap_or(FileStamp {
                        len: 0,
                        modified: None,
                    }),
                );
                self.upgrade_from = None;
                self.last_error = None;
                Ok(())
            }
            Err(e) => {
                tracing::warn!(error = %e, "review save failed");
                if let ReviewError::ReadOnly { reason, .. } = &e {
                    self.read_only = Some(reason.clone());
                }
                self.last_error = Some(e.to_string());
                Err(e)
            }
        }
    }

    /// Saves now, in this thread (the command line).
    pub fn save_now(&mut self) -> Result<(), ReviewError> {
        match self.save_job() {
            Some(job) => {
                let result = execute_save(self.fs.as_ref(), &job);
                self.saved(result)
            }
            None => Ok(()),
        }
    }

    /// The read that brings the store up to date with its files.
    pub fn read_job(&self) -> ReadJob {
        ReadJob {
            location: self
                .location
                .clone()
                .unwrap_or_else(|| Location::File(PathBuf::new())),
            known: self.stamps.clone(),
        }
    }

    /// Re-reads the files now, in this thread, and merges them (the viewer's reload does
    /// the same on a background thread).
    pub fn reload(&mut self) -> Incoming {
        if self.location.is_none() {
            return Incoming::default();
        }
        let job = self.read_job();
        let result = execute_read(self.fs.as_ref(), &job, &self.writer);
        self.merge_read(result)
    }

    /// Takes in the result of a read: merges what changed, and says who changed what.
    pub fn merge_read(&mut self, result: ReadResult) -> Incoming {
        let before = self.state.shared.clone();
        let mut incoming = Incoming::default();
        if let Some(own) = result.own {
            if let Some(stamp) = own.stamp {
                self.stamps.insert(own.path.clone(), stamp);
            }
            match own.content {
                Some(Ok(decoded)) => {
                    if decoded.version < FORMAT_VERSION && self.upgrade_from.is_none() {
                        self.upgrade_from = Some(decoded.version);
                        self.repaired_notes += decoded.repaired_notes;
                        // The upgrade is a change to save.
                        self.touched();
                    }
                    self.merge_state(&decoded.state);
                    // Readable (again): writable.
                    self.read_only = None;
                }
                Some(Err(reason)) => self.read_only = Some(reason),
                None => {}
            }
        }
        self.unreadable.clear();
        for file in result.others {
            if let Some(stamp) = file.stamp {
                self.stamps.insert(file.path.clone(), stamp);
            }
            match file.content {
                Some(Ok(decoded)) => {
                    // Colleagues' loads are theirs: only marks and notes are merged.
                    self.merge_shared(&decoded.state.shared);
                }
                Some(Err(reason)) => {
                    self.stamps.remove(&file.path);
                    self.unreadable.push((file.path.clone(), reason));
                }
                None => {}
            }
        }
        if let Some(reason) = result.folder_error {
            self.unreadable.push((
                self.location
                    .as_ref()
                    .map(Location::dir)
                    .unwrap_or_default(),
                Unusable::CannotRead(reason),
            ));
        }
        incoming.by_writer = changed_by(&before, &self.state.shared);
        incoming.unreadable = self.unreadable.clone();
        incoming
    }

    fn merge_state(&mut self, other: &ReviewState) {
        self.state.merge(other);
        self.clock.observe(self.state.shared.latest());
    }

    fn merge_shared(&mut self, other: &Shared) {
        self.state.shared.merge(other);
        self.clock.observe(self.state.shared.latest());
    }

    /// Writes the marks and notes to `to`, in the review file format, for a colleague
    /// (`to` is followed if it is a link; it must be, or lead to, a regular file or
    /// nothing). Returns the number of entries written.
    pub fn export_to(&self, to: &Path) -> Result<usize, ReviewError> {
        let target = write_target(to).map_err(io_error(Step::Write, to))?;
        let bytes = self.export_bytes();
        write_atomic(self.fs.as_ref(), &target, &bytes)?;
        Ok(self.state.shared.entries.len())
    }

    /// The bytes of an export (for `review export -`).
    pub fn export_bytes(&self) -> Vec<u8> {
        encode(&self.state, Some(&self.writer), false)
    }

    /// Merges the review state in the file `from` (a colleague's export or review file, of
    /// either format) into this store. Merging a file again, or one that holds ours, changes
    /// nothing. Call [`Self::save_now`] after.
    pub fn import(&mut self, from: &Path) -> Result<ImportReport, ReviewError> {
        self.writable()?;
        let bytes = self.fs.read(from).map_err(io_error(Step::Read, from))?;
        let origin = format!(
            "v1:{}",
            super::clock::clean_writer(&from.file_stem().unwrap_or_default().to_string_lossy())
        );
        let incoming = decode(&bytes, &origin).map_err(|e| ReviewError::Invalid {
            path: from.to_path_buf(),
            reason: e,
        })?;
        let before = self.state.shared.clone();
        self.merge_shared(&incoming.state.shared);
        let mut report = ImportReport {
            repaired_notes: incoming.repaired_notes,
            ..ImportReport::default()
        };
        let mut ids: Vec<&String> = incoming.state.shared.entries.keys().collect();
        ids.sort();
        for id in ids {
            let after = &self.state.shared.entries[id];
            let what = describe_change(before.entries.get(id), after);
            if what.is_empty() {
                report.unchanged += 1;
            } else {
                report.merged.push((id.clone(), what));
            }
        }
        if !report.merged.is_empty() {
            self.touched();
        }
        Ok(report)
    }

    /// Writes the unsaved state where it cannot be lost (when the review file cannot be
    /// written at exit): a new file in `dir`. Returns its path.
    pub fn rescue_copy(&self, dir: &Path) -> Result<PathBuf, ReviewError> {
        self.fs
            .create_dir_all(dir)
            .map_err(io_error(Step::CreateFolder, dir))?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let path = dir.join(format!("{}-unsaved-{stamp}.json", self.writer));
        write_atomic(
            self.fs.as_ref(),
            &path,
            &encode(&self.state, Some(&self.writer), true),
        )?;
        Ok(path)
    }
}

/// For each writer, the number of questions whose marks or note they changed between two
/// states.
fn changed_by(before: &Shared, after: &Shared) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (id, entry) in &after.entries {
        let old = before.entries.get(id);
        if old == Some(entry) {
            continue;
        }
        let empty = Entry::default();
        let old = old.unwrap_or(&empty);
        let mut writers = std::collections::BTreeSet::new();
        if entry.reviewed != old.reviewed {
            writers.extend(entry.reviewed.iter().map(|r| r.by.as_str()));
        }
        if entry.flagged != old.flagged {
            writers.extend(entry.flagged.iter().map(|r| r.by.as_str()));
        }
        for v in &entry.note {
            if !old.note.contains(v) {
                writers.insert(v.by.as_str());
            }
        }
        for w in writers {
            let writer = super::clock::writer_of(w).to_string();
            *out.entry(writer).or_insert(0) += 1;
        }
    }
    out
}

/// What changed in one entry, as an import reports it.
fn describe_change(before: Option<&Entry>, after: &Entry) -> Vec<Imported> {
    let empty = Entry::default();
    let before = before.unwrap_or(&empty);
    let mut what = Vec::new();
    if after.reviewed != before.reviewed {
        what.push(match after.reviewed() {
            Some(r) => Imported::Reviewed(r.date),
            None => Imported::Unreviewed,
        });
    }
    if after.flagged != before.flagged {
        what.push(match after.flagged() {
            Some(d) => Imported::Flagged(d),
            None => Imported::Unflagged,
        });
    }
    if after.note != before.note {
        what.push(if after.has_conflict() {
            Imported::NoteConflict
        } else {
            Imported::Note
        });
    }
    what
}

/// Runs a save: under the file's lock, re-reads it, merges the job's state into what is
/// there, keeps the old content as `.bak`, and replaces the file atomically. A file that
/// cannot be read is never written over.
pub fn execute_save(fs: &dyn Fs, job: &SaveJob) -> Result<Saved, ReviewError> {
    let target = write_target(&job.path).map_err(|e| ReviewError::ReadOnly {
        path: job.path.clone(),
        reason: if e.kind() == io::ErrorKind::InvalidInput {
            Unusable::NotRegular(e.to_string())
        } else {
            Unusable::CannotRead(IoReason::from(&e))
        },
    })?;
    fs.create_dir_all(parent_dir(&target))
        .map_err(io_error(Step::CreateFolder, &target))?;
    let _lock = FileLock::acquire(&target, LOCK_WAIT).map_err(io_error(Step::Lock, &target))?;
    remove_stale_temps(fs, &target);
    let old_bytes = match fs.read(&target) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_error(Step::Read, &target)(e)),
    };
    let mut merged = job.state.clone();
    if let Some(bytes) = &old_bytes {
        match decode(bytes, &job.writer) {
            Ok(disk) => merged.merge(&disk.state),
            Err(e) => {
                return Err(ReviewError::ReadOnly {
                    path: target.clone(),
                    reason: unreadable(fs, &target, e),
                })
            }
        }
    }
    let bytes = encode(&merged, Some(&job.writer), true);
    if old_bytes.as_deref() != Some(bytes.as_slice()) {
        if let Some(old) = &old_bytes {
            write_atomic(fs, &sidecar(&target, ".bak"), old).map_err(|e| {
                ReviewError::from(WriteError {
                    action: Step::WriteBackup,
                    ..e
                })
            })?;
        }
        write_atomic(fs, &target, &bytes)?;
    }
    Ok(Saved {
        state: merged,
        generation: job.generation,
        path: job.path.clone(),
    })
}

fn unreadable(fs: &dyn Fs, path: &Path, error: DecodeError) -> Unusable {
    let bak = sidecar(path, ".bak");
    Unusable::Unreadable {
        error,
        backup: fs.read(&bak).is_ok().then_some(bak),
    }
}

/// Reads one file of a store unless it is unchanged since `known`.
fn read_file(fs: &dyn Fs, path: &Path, known: Option<&FileStamp>, origin: &str) -> FileRead {
    let stamp = FileStamp::of(path);
    if stamp.is_some() && stamp.as_ref() == known {
        return FileRead {
            path: path.to_path_buf(),
            stamp,
            content: None,
        };
    }
    let content = match fs.read(path) {
        Ok(bytes) => Some(decode(&bytes, origin).map_err(|e| unreadable(fs, path, e))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) if e.kind() == io::ErrorKind::InvalidInput => {
            Some(Err(Unusable::NotRegular(e.to_string())))
        }
        Err(e) => Some(Err(Unusable::CannotRead(IoReason::from(&e)))),
    };
    FileRead {
        path: path.to_path_buf(),
        stamp,
        content,
    }
}

/// Runs a read: the own file and, in a team folder, every other file that changed.
pub fn execute_read(fs: &dyn Fs, job: &ReadJob, writer: &str) -> ReadResult {
    let own_path = job.location.own_file();
    if own_path.as_os_str().is_empty() {
        return ReadResult::default();
    }
    let mut result = ReadResult {
        own: Some(read_file(fs, &own_path, job.known.get(&own_path), writer)),
        ..ReadResult::default()
    };
    match job.location.other_files() {
        Ok(files) => {
            for path in files {
                let origin = format!(
                    "v1:{}",
                    super::clock::clean_writer(
                        &path.file_stem().unwrap_or_default().to_string_lossy()
                    )
                );
                result
                    .others
                    .push(read_file(fs, &path, job.known.get(&path), &origin));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => result.folder_error = Some(IoReason::from(&e)),
    }
    result
}

impl ReviewState {
    /// True when the question appeared after the user's first load and no one reviewed it
    /// since.
    pub fn is_new(&self, id: &str) -> bool {
        self.loads.new.get(id).is_some_and(|seen| {
            self.shared
                .entries
                .get(id)
                .and_then(|e| e.reviewed.as_ref())
                .is_none_or(|r| r.t < seen.t)
        })
    }

    /// How the question changed since it was reviewed, or that it is new.
    pub fn change(&self, q: &Question) -> Option<Change> {
        if self.is_new(&q.id) {
            return Some(Change::New);
        }
        let reviewed = self.shared.entries.get(&q.id)?.reviewed()?;
        reviewed.snapshot.change_to(&Snapshot::of(q))
    }
}

/// The query language's review terms (`is:reviewed`, `is:flagged`, `has:note`,
/// `is:changed`) read a snapshot of the review state, so filtering can run on another
/// thread.
impl crate::query::ReviewFacts for ReviewState {
    fn is_reviewed(&self, q: &Question) -> bool {
        self.shared
            .entries
            .get(&q.id)
            .is_some_and(|e| e.reviewed().is_some())
    }

    fn is_flagged(&self, q: &Question) -> bool {
        self.shared
            .entries
            .get(&q.id)
            .is_some_and(|e| e.flagged().is_some())
    }

    fn has_note(&self, q: &Question) -> bool {
        self.shared.entries.get(&q.id).is_some_and(Entry::has_note)
    }

    fn is_changed(&self, q: &Question) -> bool {
        self.change(q).is_some()
    }
}
