//! Review state that persists: per question a reviewed mark, a follow-up flag and a note, and
//! what changed since each question was last reviewed.
//!
//! The [`ReviewStore`] keeps one JSON file per dossier (see [`mod@format`]). Every change is
//! saved at once, under an exclusive lock, by re-reading the file, merging (see [`merge`]) and
//! replacing it atomically, the previous version kept as `.bak`. So two dossier processes on
//! one file never lose each other's changes, and a crash or a full disk at any moment leaves
//! the last saved version intact.
//!
//! A failed save rolls the change back in memory and returns the reason, so what the UI shows
//! is always what is on disk (`not saved: <why>`). The one exception is [`ReviewStore::observe`],
//! whose marks for new questions are kept in memory when they cannot be saved (they are
//! worked out again at the next start) and go to disk with the next save that succeeds.
//!
//! A file that cannot be read (corrupt, written by a newer dossier) is never written over: the
//! store opens read-only with the reason, and every change then fails with it.

mod entry;
pub mod format;
pub mod fs;
pub mod merge;
mod path;

pub use entry::{Change, ChangeSummary, ReviewEntry, Snapshot};
pub use format::{ReviewData, FORMAT_VERSION};
pub use fs::{Fs, RealFs};
pub use merge::{ImportReport, Imported};
pub use path::{default_path, dossier_key};

use crate::model::Question;
use chrono::NaiveDate;
use format::{decode, encode, DecodeError};
use fs::{remove_stale_temps, sidecar, write_atomic, FileLock, WriteError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a review change or file operation failed; its text completes "not saved: ".
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The store does not write its file: it could not be read, or there is none.
    #[error("review file {path} is read-only: {reason}")]
    ReadOnly {
        /// The review file.
        path: PathBuf,
        /// Why it is read-only.
        reason: String,
    },
    /// A file operation failed.
    #[error("cannot {action} {path}: {error}")]
    Io {
        /// What was being done: "read", "write", "lock", ...
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The system's error.
        error: io::Error,
    },
    /// A file given to import is not a review file this build can read.
    #[error("{path}: {reason}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
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

/// The review state of one dossier, backed by its review file.
pub struct ReviewStore {
    path: PathBuf,
    fs: Arc<dyn Fs>,
    /// The state shown: the file as last read or written, plus changes not yet saved (only
    /// ever `observe`'s, see the module doc).
    data: ReviewData,
    /// The file's bytes as last read or written (none: there was no file): the base of
    /// three-way merges, and a cheap test of whether another process wrote meanwhile. Kept
    /// as bytes, decoded only when a merge needs it.
    base_bytes: Option<Vec<u8>>,
    /// True when `data` has changes the file does not (from a failed `observe` save).
    unsaved: bool,
    read_only: Option<String>,
}

impl std::fmt::Debug for ReviewStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReviewStore")
            .field("path", &self.path)
            .field("entries", &self.data.entries.len())
            .field("read_only", &self.read_only)
            .finish()
    }
}

impl ReviewStore {
    /// Opens the review file at `path` (it need not exist yet). Never fails: a file that
    /// cannot be read gives a read-only store, with the reason in [`Self::read_only_reason`].
    pub fn open(path: impl Into<PathBuf>) -> ReviewStore {
        ReviewStore::open_with(path, Arc::new(RealFs))
    }

    /// [`Self::open`] with other file operations (tests simulate failures with it).
    pub fn open_with(path: impl Into<PathBuf>, fs: Arc<dyn Fs>) -> ReviewStore {
        let mut store = ReviewStore {
            path: path.into(),
            fs,
            data: ReviewData::default(),
            base_bytes: None,
            unsaved: false,
            read_only: None,
        };
        match store.read_disk() {
            Ok((data, bytes)) => {
                store.data = data;
                store.base_bytes = bytes;
            }
            Err(reason) => store.read_only = Some(reason),
        }
        store
    }

    /// The store of the dossier made of `paths`: at `review_file` when given (the global
    /// `--review-file` option), else at [`default_path`]; a read-only empty store when the
    /// system has no data directory.
    pub fn for_dossier(review_file: Option<&Path>, paths: &[PathBuf]) -> ReviewStore {
        match review_file
            .map(Path::to_path_buf)
            .or_else(|| default_path(paths))
        {
            Some(path) => ReviewStore::open(path),
            None => ReviewStore::unavailable(
                "no data directory was found to keep review marks in; use --review-file FILE",
            ),
        }
    }

    /// An empty read-only store with no file, for when none can be had.
    pub fn unavailable(reason: impl Into<String>) -> ReviewStore {
        ReviewStore {
            path: PathBuf::new(),
            fs: Arc::new(RealFs),
            data: ReviewData::default(),
            base_bytes: None,
            unsaved: false,
            read_only: Some(reason.into()),
        }
    }

    /// The default review file of a dossier; see [`default_path`].
    pub fn default_path(paths: &[PathBuf]) -> Option<PathBuf> {
        default_path(paths)
    }

    /// The review file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the store does not save, when it does not.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// True when changes cannot be saved (see [`Self::read_only_reason`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// True when the store shows something the file does not have (new-question marks from
    /// an [`Self::observe`] that could not be saved).
    pub fn has_unsaved_changes(&self) -> bool {
        self.unsaved
    }

    /// The review state of a question, by id.
    pub fn entry(&self, id: &str) -> Option<&ReviewEntry> {
        self.data.entries.get(id)
    }

    /// Every entry, by id.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &ReviewEntry)> {
        self.data.entries.iter().map(|(id, e)| (id.as_str(), e))
    }

    /// Everything the store holds.
    pub fn data(&self) -> &ReviewData {
        &self.data
    }

    /// True when the question is marked reviewed.
    pub fn is_reviewed(&self, q: &Question) -> bool {
        self.entry(&q.id).is_some_and(|e| e.reviewed.is_some())
    }

    /// True when the question needs a follow-up.
    pub fn is_flagged(&self, q: &Question) -> bool {
        self.entry(&q.id).is_some_and(|e| e.flagged.is_some())
    }

    /// True when the question has a note.
    pub fn has_note(&self, q: &Question) -> bool {
        self.entry(&q.id).is_some_and(ReviewEntry::has_note)
    }

    /// True when the question is new since the previous load, or was answered, withdrawn or
    /// otherwise changed since it was reviewed; reviewing it clears this.
    pub fn is_changed(&self, q: &Question) -> bool {
        self.change(q).is_some()
    }

    /// How the question changed since it was last reviewed, if it did.
    pub fn change(&self, q: &Question) -> Option<Change> {
        self.entry(&q.id).and_then(|e| e.change(q))
    }

    /// Counts the changed questions among `questions`, by kind of change.
    pub fn summary(&self, questions: &[Question]) -> ChangeSummary {
        let mut summary = ChangeSummary::default();
        for change in questions.iter().filter_map(|q| self.change(q)) {
            summary.count(change);
        }
        summary
    }

    /// Records a load of the dossier (at start-up and on each reload): ids never seen by a
    /// previous load are marked new (none at the very first load, when everything is new),
    /// and the ids are remembered. Returns what changed since the questions were reviewed.
    /// A failure to save is reported in [`ChangeSummary::save_error`]; the marks stay.
    pub fn observe(&mut self, questions: &[Question], today: NaiveDate) -> ChangeSummary {
        let first_load = self.data.last_observed.is_none();
        let mut dirty = first_load;
        for q in questions {
            if self.data.known_ids.contains(&q.id) {
                continue;
            }
            self.data.known_ids.insert(q.id.clone());
            dirty = true;
            let reviewed = self.entry(&q.id).is_some_and(|e| e.reviewed.is_some());
            if !first_load && !reviewed {
                self.data.entries.entry(q.id.clone()).or_default().added = Some(today);
            }
        }
        if dirty {
            self.data.last_observed = Some(today);
        }
        let mut summary = self.summary(questions);
        if dirty || self.has_unsaved_changes() {
            if let Err(e) = self.save() {
                self.unsaved = true;
                summary.save_error = Some(e.to_string());
            }
        }
        summary
    }

    /// Marks the question reviewed today (remembering how it stands now), or not reviewed if
    /// it was; saves at once. Returns whether it is now reviewed. On error nothing changed.
    pub fn toggle_reviewed(&mut self, q: &Question, today: NaiveDate) -> Result<bool, ReviewError> {
        let entry = self.change_entry(&q.id, |e| {
            if e.reviewed.is_some() {
                e.reviewed = None;
                e.snapshot = None;
            } else {
                e.reviewed = Some(today);
                e.snapshot = Some(Snapshot::of(q));
            }
            e.added = None;
        })?;
        Ok(entry.reviewed.is_some())
    }

    /// Sets the follow-up flag (dated today), or clears it; saves at once. Returns whether
    /// the question is now flagged. On error nothing changed.
    pub fn toggle_flag(&mut self, q: &Question, today: NaiveDate) -> Result<bool, ReviewError> {
        let entry = self.change_entry(&q.id, |e| {
            e.flagged = match e.flagged {
                Some(_) => None,
                None => Some(today),
            };
        })?;
        Ok(entry.flagged.is_some())
    }

    /// Replaces the question's note (trailing blanks removed; a blank note removes it);
    /// saves at once. On error nothing changed: the caller still has the text to retry.
    pub fn set_note(
        &mut self,
        q: &Question,
        note: String,
        today: NaiveDate,
    ) -> Result<(), ReviewError> {
        let note = if note.trim().is_empty() {
            String::new()
        } else {
            note.trim_end().to_string()
        };
        self.change_entry(&q.id, |e| {
            if e.note != note {
                e.noted = (!note.is_empty()).then_some(today);
                e.note = note;
            }
        })?;
        Ok(())
    }

    /// Re-reads the file and merges it with what this store shows, to see another process's
    /// changes (the TUI's reload). A store that was read-only because its file could not be
    /// read becomes writable again if the file is now good.
    pub fn reload(&mut self) -> Result<(), ReviewError> {
        if self.path.as_os_str().is_empty() {
            return Err(self.read_only_error());
        }
        match self.read_disk() {
            Ok((disk, bytes)) => {
                if bytes != self.base_bytes {
                    self.data = merge::merge3(&self.base(), &self.data, &disk);
                    self.base_bytes = bytes;
                }
                self.read_only = None;
                Ok(())
            }
            Err(reason) => {
                self.read_only = Some(reason);
                Err(self.read_only_error())
            }
        }
    }

    /// Writes the review state to `to`, in the review file format, for a colleague. Returns
    /// the number of entries written.
    pub fn export(&self, to: &Path) -> Result<usize, ReviewError> {
        let data = ReviewData {
            // A colleague's loads are not ours: only the marks and notes travel.
            last_observed: None,
            known_ids: Default::default(),
            entries: self.data.entries.clone(),
        };
        write_atomic(self.fs.as_ref(), to, &encode(&data))?;
        Ok(data.entries.len())
    }

    /// Merges the review state in the file `from` (a colleague's export or review file) into
    /// this store, and saves. Nothing is unset and no note is dropped (see
    /// [`merge::merge_import`]). On error nothing changed.
    pub fn import(&mut self, from: &Path) -> Result<ImportReport, ReviewError> {
        if self.read_only.is_some() {
            return Err(self.read_only_error());
        }
        let bytes = self.fs.read(from).map_err(|error| ReviewError::Io {
            action: "read",
            path: from.to_path_buf(),
            error,
        })?;
        let incoming = decode(&bytes).map_err(|e| ReviewError::Invalid {
            path: from.to_path_buf(),
            reason: e.to_string(),
        })?;
        self.reload()?;
        let before = self.data.clone();
        let origin = format!(
            "imported from {}",
            from.file_name().unwrap_or_default().to_string_lossy()
        );
        let report = merge::merge_import(&mut self.data, &incoming, &origin);
        if report.merged.is_empty() {
            return Ok(report);
        }
        if let Err(e) = self.save() {
            self.data = before;
            return Err(e);
        }
        Ok(report)
    }

    fn read_only_error(&self) -> ReviewError {
        ReviewError::ReadOnly {
            path: self.path.clone(),
            reason: self
                .read_only
                .clone()
                .unwrap_or_else(|| "no review file".to_string()),
        }
    }

    /// Reads and decodes the file, with its bytes; a missing file is an empty store. The
    /// error is the reason the store must be read-only.
    fn read_disk(&self) -> Result<(ReviewData, Option<Vec<u8>>), String> {
        let bytes = match self.fs.read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok((ReviewData::default(), None))
            }
            Err(e) => return Err(format!("cannot read it ({e}); it is left as it is")),
        };
        match decode(&bytes) {
            Ok(data) => Ok((data, Some(bytes))),
            Err(e) => Err(self.unreadable_reason(&e)),
        }
    }

    /// The file as last read or written, decoded.
    fn base(&self) -> ReviewData {
        // These bytes were decoded (or encoded) successfully before.
        self.base_bytes
            .as_deref()
            .and_then(|b| decode(b).ok())
            .unwrap_or_default()
    }

    fn unreadable_reason(&self, e: &DecodeError) -> String {
        let bak = sidecar(&self.path, ".bak");
        let hint = if self.fs.read(&bak).is_ok() {
            format!("; the previous version is in {}", bak.display())
        } else {
            String::new()
        };
        format!("{e}; it is left untouched{hint}")
    }

    /// Applies `change` to one entry and saves; on a failed save the entry is put back as it
    /// was. Returns the entry as saved.
    fn change_entry(
        &mut self,
        id: &str,
        change: impl FnOnce(&mut ReviewEntry),
    ) -> Result<ReviewEntry, ReviewError> {
        if self.read_only.is_some() {
            return Err(self.read_only_error());
        }
        let previous = self.data.entries.get(id).cloned();
        let mut entry = previous.clone().unwrap_or_default();
        change(&mut entry);
        if entry == previous.clone().unwrap_or_default() {
            return Ok(entry);
        }
        if entry.is_empty() {
            self.data.entries.remove(id);
        } else {
            self.data.entries.insert(id.to_string(), entry);
        }
        match self.save() {
            Ok(()) => Ok(self.entry(id).cloned().unwrap_or_default()),
            Err(e) => {
                match previous {
                    Some(p) => self.data.entries.insert(id.to_string(), p),
                    None => self.data.entries.remove(id),
                };
                Err(e)
            }
        }
    }

    /// Saves: under the lock, re-reads the file, merges it with this store's changes,
    /// copies the old file to `.bak` and replaces the file atomically. Memory is only
    /// updated once the file is.
    fn save(&mut self) -> Result<(), ReviewError> {
        if self.read_only.is_some() {
            return Err(self.read_only_error());
        }
        let fs = Arc::clone(&self.fs);
        let io_err = |action: &'static str, path: &Path| {
            let path = path.to_path_buf();
            move |error| ReviewError::Io {
                action,
                path,
                error,
            }
        };
        fs.create_dir_all(fs::parent_dir(&self.path))
            .map_err(io_err("create the folder of", &self.path))?;
        let _lock = FileLock::acquire(&self.path).map_err(io_err("lock", &self.path))?;
        remove_stale_temps(fs.as_ref(), &self.path);
        let old_bytes = match fs.read(&self.path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_err("read", &self.path)(e)),
        };
        // Unchanged since this store last read or wrote it (the usual case): nothing to
        // merge. Otherwise another process wrote: merge its changes with ours.
        let merged = if old_bytes == self.base_bytes {
            None
        } else {
            let disk = match old_bytes.as_deref().map(decode) {
                None => ReviewData::default(),
                Some(Ok(disk)) => disk,
                Some(Err(e)) => {
                    // Another program wrote something unreadable meanwhile: never overwrite.
                    self.read_only = Some(self.unreadable_reason(&e));
                    return Err(self.read_only_error());
                }
            };
            Some(merge::merge3(&self.base(), &self.data, &disk))
        };
        let bytes = encode(merged.as_ref().unwrap_or(&self.data));
        if old_bytes.as_deref() != Some(bytes.as_slice()) {
            if let Some(old) = &old_bytes {
                write_atomic(fs.as_ref(), &sidecar(&self.path, ".bak"), old).map_err(|e| {
                    ReviewError::from(WriteError {
                        action: "write the backup",
                        ..e
                    })
                })?;
            }
            write_atomic(fs.as_ref(), &self.path, &bytes)?;
        }
        if let Some(merged) = merged {
            self.data = merged;
        }
        self.base_bytes = Some(bytes);
        self.unsaved = false;
        Ok(())
    }
}

/// The query language's review terms (`is:reviewed`, `is:flagged`, `has:note`,
/// `is:changed`) read a snapshot of the review data, so filtering can run on another thread.
impl crate::query::ReviewFacts for ReviewData {
    fn is_reviewed(&self, q: &Question) -> bool {
        self.entries
            .get(&q.id)
            .is_some_and(|e| e.reviewed.is_some())
    }

    fn is_flagged(&self, q: &Question) -> bool {
        self.entries.get(&q.id).is_some_and(|e| e.flagged.is_some())
    }

    fn has_note(&self, q: &Question) -> bool {
        self.entries.get(&q.id).is_some_and(ReviewEntry::has_note)
    }

    fn is_changed(&self, q: &Question) -> bool {
        self.entries.get(&q.id).and_then(|e| e.change(q)).is_some()
    }
}
