//! The review store: the state shown, the edits a staffer makes, and the saves and reads that
//! keep it in step with the files.
//!
//! Edits change the state in memory at once and are kept as a *delta* (itself a state)
//! until saved; saving is a [`SaveJob`] that can run anywhere (the viewer runs it on a
//! background thread, see [`super::writer`], so a save never stalls typing; the command
//! line runs it in place). A save appends the delta to the store's log, or folds the log
//! into a new snapshot (see [`super::disk`]); what other processes wrote meanwhile comes
//! back with its result and is merged in (a join). A failed save keeps the change in memory
//! and its delta for the next try, says why, and is tried again; nothing a staffer entered
//! is dropped.
//!
//! The state is made of persistent maps: [`ReviewStore::state`] is copied in constant time
//! (for the filter thread, for a compaction), and a change costs the same at any size.

use super::change::{Change, ChangeSummary, Snapshot};
use super::clock::{replica_id, writer_of, Clock};
pub use super::disk::{
    execute_read, execute_save, FileMark, FileRead, ReadJob, ReadResult, SaveJob, Saved,
};
use super::disk::{own_log, read_writer_state};
use super::error::io_error;
pub use super::error::{ReviewError, Unusable};
use super::format::{encode, FORMAT_VERSION};
use super::fs::{write_atomic, write_target, FileLock, Fs, RealFs, Step};
use super::location::{claim_slot, Location};
use super::state::{Entry, FirstSeen, NoteBase, NoteVersion, ReviewState, Reviewed, Shared, Stamp};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What came into the store from a read or an import, by writer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incoming {
    /// Writer (without the process slot) -> questions whose state they changed.
    pub by_writer: BTreeMap<String, usize>,
    /// Files that could not be read, with the reason.
    pub unreadable: Vec<(PathBuf, Unusable)>,
    /// The state changed (marks, notes, or what another window's loads saw).
    pub changed: bool,
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
    /// Marked "to signal" on that day.
    ToSignal(NaiveDate),
    /// "To signal" mark cleared.
    NotToSignal,
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

/// Changes to save: the questions whose entries changed (their entries are written whole,
/// from the state), and what loads saw.
#[derive(Debug, Clone, Default)]
struct Pending {
    ids: imbl::HashSet<String>,
    loads: super::state::Loads,
}

impl Pending {
    fn merge(&mut self, other: Pending) {
        if self.ids.is_empty() {
            self.ids = other.ids;
        } else {
            self.ids.extend(other.ids);
        }
        self.loads.merge(&other.loads);
    }
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
    /// Changes not yet handed to a save.
    fresh: Pending,
    /// Changes handed to a save that has not answered yet, with the edit count it carries.
    sent: Option<(u64, Pending)>,
    /// Files as last read, to read only what changed.
    known: BTreeMap<PathBuf, FileMark>,
    /// Edits made (every change to save), the count saved, and the count at the latest
    /// change a staffer made (a mark, a flag, a note, an import; not the ids a load saw).
    generation: u64,
    saved_generation: u64,
    user_generation: u64,
    read_only: Option<Unusable>,
    /// Opened for reading only (a report): never saves, whatever the files.
    reading_only: bool,
    /// Files of the team folder that could not be read, with the reason.
    unreadable: Vec<(PathBuf, Unusable)>,
    /// The own file is of an older format: the first save upgrades it (and keeps it as
    /// `.bak`).
    upgrade_from: Option<u32>,
    repaired_notes: usize,
    /// Why saving fails: the latest save's error, or the folder found unwritable at open.
    problem: Option<ReviewError>,
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
    /// cannot be read gives a read-only store, with the reason in [`Self::read_only_reason`];
    /// a folder that cannot be written is found at once and told by [`Self::save_problem`].
    pub fn open(location: Location, options: OpenOptions) -> ReviewStore {
        let own = location.own_file();
        let (slot, lock) = if options.read_only {
            (0, None)
        } else {
            claim_slot(&own, options.lock_dir.as_deref())
        };
        let mut store = ReviewStore::blank(options.fs, None);
        store.replica = replica_id(&options.writer, slot);
        store.writer = options.writer;
        store._slot = lock;
        store.location = Some(location);
        store.reading_only = options.read_only;
        let read = store.read_job();
        let result = execute_read(store.fs.as_ref(), &read, &store.writer);
        store.merge_read(result);
        if !store.reading_only && store.read_only.is_none() {
            store.probe();
        }
        store
    }

    fn blank(fs: Arc<dyn Fs>, read_only: Option<Unusable>) -> ReviewStore {
        ReviewStore {
            location: None,
            fs,
            writer: String::new(),
            replica: String::new(),
            _slot: None,
            clock: Clock::default(),
            state: ReviewState::default(),
            fresh: Pending::default(),
            sent: None,
            known: BTreeMap::new(),
            generation: 0,
            saved_generation: 0,
            user_generation: 0,
            read_only,
            reading_only: false,
            unreadable: Vec::new(),
            upgrade_from: None,
            repaired_notes: 0,
            problem: None,
        }
    }

    /// An empty read-only store with no file, for when none can be had.
    pub fn unavailable(reason: Unusable) -> ReviewStore {
        ReviewStore::blank(Arc::new(RealFs), Some(reason))
    }

    /// Finds out whether the own file's folder takes new files (a read-only file system, a
    /// folder of someone else's), so that it is said before a mark is lost to it.
    fn probe(&mut self) {
        let own = self.path();
        let target = match write_target(&own) {
            Ok(t) => t,
            // A special file: the first save says so.
            Err(_) => return,
        };
        if let Err(e) = self.fs.probe(&target) {
            self.problem = Some(io_error(Step::Write, &target)(e));
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

    /// The format of the own file when it is older and the next save upgrades it.
    pub fn upgrade_pending(&self) -> Option<u32> {
        self.upgrade_from
    }

    /// True when the store holds changes not yet in its files (the ids a load saw count).
    pub fn has_unsaved_changes(&self) -> bool {
        self.generation > self.saved_generation
    }

    /// True when a change the staffer made (a mark, a flag, a note, an import) is not yet
    /// in the files: what must not be lost at exit.
    pub fn has_unsaved_user_changes(&self) -> bool {
        self.user_generation > self.saved_generation
    }

    /// True when the store can save (it has a file, readable, and was not opened for
    /// reading only); its saves may still fail (see [`Self::save_problem`]).
    pub fn can_save(&self) -> bool {
        self.writable().is_ok()
    }

    /// True when a save is to run: changes unsaved, and a file to save them in.
    pub fn save_pending(&self) -> bool {
        self.has_unsaved_changes() && self.can_save()
    }

    /// The edit count: it grows with every change to save.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The edit count of the latest save done: every change up to it is on disk.
    pub fn saved_generation(&self) -> u64 {
        self.saved_generation
    }

    /// Why saving fails, until a save succeeds: the latest save's error, or the folder
    /// found unwritable when the store was opened.
    pub fn save_problem(&self) -> Option<&ReviewError> {
        self.problem.as_ref()
    }

    /// Everything the store holds. Cloning it costs nothing whatever its size (its maps
    /// share their structure): the filter thread takes a copy.
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
    pub fn change(&self, q: &(impl crate::record::Record + ?Sized)) -> Option<Change> {
        self.state.change(q)
    }

    /// [`Self::change`], the question's snapshot as it is now given (computed once by the
    /// caller, for a recount over many questions).
    pub fn change_from(&self, id: &str, now: &Snapshot) -> Option<Change> {
        self.state.change_from(id, now)
    }

    /// True when the question is to be looked at again (see [`Self::change`]).
    pub fn is_changed(&self, q: &(impl crate::record::Record + ?Sized)) -> bool {
        self.change(q).is_some()
    }

    /// Counts the changed questions among `questions`, by kind of change.
    pub fn summary<R: crate::record::Record>(&self, questions: &[R]) -> ChangeSummary {
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

    /// One more change to save; `by_user` when the staffer made it.
    fn touched(&mut self, by_user: bool) {
        self.generation += 1;
        if by_user {
            self.user_generation = self.generation;
        }
    }

    /// Applies a write to the question `id`, and remembers it to save.
    fn write<T>(&mut self, id: &str, write: impl FnOnce(&mut Shared) -> T) -> T {
        self.fresh.ids.insert(id.to_string());
        write(&mut self.state.shared)
    }

    /// Records a load of the dossier (at start-up and on each reload): ids never seen by a
    /// previous load are marked new (none at the very first load, when everything is new),
    /// and the ids are remembered. Returns what changed since the questions were reviewed.
    /// Works on a read-only store too (the marks then last the session). What a load saw
    /// is saved, but is not a change of the staffer's: it is not rescued at exit.
    pub fn observe<R: crate::record::Record>(
        &mut self,
        questions: &[R],
        today: NaiveDate,
    ) -> ChangeSummary {
        let first_load = self.state.loads.last.is_none();
        let mut dirty = first_load;
        let mut t = None;
        for q in questions {
            let id = q.id();
            if self.state.loads.known.contains(id) {
                continue;
            }
            self.state.loads.known.insert(id.to_string());
            self.fresh.loads.known.insert(id.to_string());
            dirty = true;
            if !first_load && !self.is_reviewed(id) && !self.state.loads.new.contains_key(id) {
                let stamp = *t.get_or_insert_with(|| self.clock.tick());
                let seen = FirstSeen {
                    date: today,
                    t: stamp,
                };
                self.state.loads.new.insert(id.to_string(), seen);
                self.fresh.loads.new.insert(id.to_string(), seen);
            }
        }
        if dirty {
            let last = Some(today.max(self.state.loads.last.unwrap_or(today)));
            self.state.loads.last = last;
            self.fresh.loads.last = last;
            self.touched(false);
        }
        self.summary(questions)
    }

    /// The reviewed mark: sets it (today, with how the question stands), or clears it. A
    /// question reviewed and changed since is marked reviewed again, which acknowledges the
    /// change. Returns whether it is now reviewed.
    pub fn toggle_reviewed(
        &mut self,
        q: &(impl crate::record::Record + ?Sized),
        today: NaiveDate,
    ) -> Result<bool, ReviewError> {
        self.writable()?;
        let reviewed = self.is_reviewed(q.id());
        let acknowledge = reviewed && self.change(q).is_some();
        let value = (!reviewed || acknowledge).then(|| Reviewed {
            date: today,
            snapshot: Snapshot::of(q),
        });
        let on = value.is_some();
        let stamp = self.stamp();
        self.write(q.id(), |s| s.write_reviewed(q.id(), stamp, value));
        self.touched(true);
        Ok(on)
    }

    fn stamp(&mut self) -> Stamp {
        Stamp {
            t: self.clock.tick(),
            by: self.replica.clone(),
        }
    }

    /// Marks every question given reviewed today (those already reviewed and unchanged are
    /// left as they are). Returns how many were marked. The marks are saved together, as
    /// one change.
    pub fn mark_all_reviewed(
        &mut self,
        questions: &[&impl crate::record::Record],
        today: NaiveDate,
    ) -> Result<usize, ReviewError> {
        let marks = questions.iter().map(|q| (q.id(), Snapshot::of(q)));
        self.mark_all_reviewed_as(marks, today)
    }

    /// [`Self::mark_all_reviewed`], each question given by its id and how it stands now.
    pub fn mark_all_reviewed_as<'a>(
        &mut self,
        marks: impl IntoIterator<Item = (&'a str, Snapshot)>,
        today: NaiveDate,
    ) -> Result<usize, ReviewError> {
        self.writable()?;
        let mut marked = 0;
        // One stamp for the batch: one replica's registers of different questions.
        let stamp = self.stamp();
        for (id, snapshot) in marks {
            if self.is_reviewed(id) && self.change_from(id, &snapshot).is_none() {
                continue;
            }
            let value = Some(Reviewed {
                date: today,
                snapshot,
            });
            self.write(id, |s| s.write_reviewed(id, stamp.clone(), value));
            marked += 1;
        }
        if marked > 0 {
            self.touched(true);
        }
        Ok(marked)
    }

    /// Sets the follow-up flag (dated today), or clears it. Returns whether it is now set.
    pub fn toggle_flag(&mut self, id: &str, today: NaiveDate) -> Result<bool, ReviewError> {
        self.writable()?;
        let value = (!self.is_flagged(id)).then_some(today);
        let on = value.is_some();
        let stamp = self.stamp();
        self.write(id, |s| s.write_flag(id, stamp, value));
        self.touched(true);
        Ok(on)
    }

    /// True when the question is marked "to signal".
    pub fn is_to_signal(&self, id: &str) -> bool {
        self.entry(id).is_some_and(|e| e.to_signal().is_some())
    }

    /// Sets the "to signal" mark (dated today), or clears it. Returns whether it is now set.
    pub fn toggle_to_signal(&mut self, id: &str, today: NaiveDate) -> Result<bool, ReviewError> {
        let on = !self.is_to_signal(id);
        self.set_to_signal([id], on, today)?;
        Ok(on)
    }

    /// Sets (or clears) the "to signal" mark of every question given, as one change;
    /// questions already so are left as they are. Returns how many changed.
    pub fn set_to_signal<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a str>,
        on: bool,
        today: NaiveDate,
    ) -> Result<usize, ReviewError> {
        self.writable()?;
        let stamp = self.stamp();
        let mut changed = 0;
        for id in ids {
            if self.is_to_signal(id) == on {
                continue;
            }
            let value = on.then_some(today);
            self.write(id, |s| s.write_to_signal(id, stamp.clone(), value));
            changed += 1;
        }
        if changed > 0 {
            self.touched(true);
        }
        Ok(changed)
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
        self.write(id, |s| s.write_note(id, stamp, base, text));
        self.touched(true);
        Ok(if text.is_empty() {
            NoteOutcome::Deleted
        } else {
            NoteOutcome::Saved
        })
    }

    /// The save that brings the files up to date, when there is something to save: the
    /// changes since the last save handed out (and those of a save not answered yet).
    pub fn save_job(&mut self) -> Option<SaveJob> {
        if !self.save_pending() {
            return None;
        }
        let mut delta = std::mem::take(&mut self.fresh);
        if let Some((_, mut sent)) = self.sent.take() {
            sent.merge(delta);
            delta = sent;
        }
        self.sent = Some((self.generation, delta.clone()));
        let path = self.path();
        let log = own_log(&path);
        let known = [path.clone(), log]
            .into_iter()
            .filter_map(|p| Some((p.clone(), *self.known.get(&p)?)))
            .collect();
        Some(SaveJob {
            path,
            changed: delta.ids,
            loads: delta.loads,
            full: self.state.clone(),
            writer: self.writer.clone(),
            generation: self.generation,
            known,
            upgrade: self.upgrade_from.is_some(),
        })
    }

    /// Takes in the result of a save. Returns whether what came back from the files (another
    /// window's saves) changed the state.
    pub fn saved(&mut self, result: Result<Saved, ReviewError>) -> Result<bool, ReviewError> {
        match result {
            Ok(saved) => {
                for (path, mark) in saved.marks {
                    self.known.insert(path, mark);
                }
                let (changed, _) = self.absorb(saved.incoming, true);
                self.saved_generation = self.saved_generation.max(saved.generation);
                if self
                    .sent
                    .as_ref()
                    .is_some_and(|(g, _)| *g <= saved.generation)
                {
                    self.sent = None;
                }
                if saved.compacted {
                    self.upgrade_from = None;
                }
                self.problem = None;
                Ok(changed)
            }
            Err(e) => {
                tracing::warn!(error = %e, "review save failed");
                // The changes go back into the next save.
                if let Some((_, mut sent)) = self.sent.take() {
                    sent.merge(std::mem::take(&mut self.fresh));
                    self.fresh = sent;
                }
                if let ReviewError::ReadOnly { reason, .. } = &e {
                    self.read_only = Some(reason.clone());
                }
                self.problem = Some(e.clone());
                Err(e)
            }
        }
    }

    /// Saves now, in this thread (the command line).
    pub fn save_now(&mut self) -> Result<(), ReviewError> {
        match self.save_job() {
            Some(job) => {
                let result = execute_save(self.fs.as_ref(), &job);
                self.saved(result).map(|_| ())
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
            known: self.known.clone(),
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
        let mut incoming = Incoming::default();
        let mut tally = |(changed, by): (bool, BTreeMap<String, usize>)| {
            incoming.changed |= changed;
            for (w, n) in by {
                *incoming.by_writer.entry(w).or_insert(0) += n;
            }
        };
        if let Some(own) = result.own {
            self.remember(&own);
            match own.content {
                Some(Ok(decoded)) => {
                    if decoded.version < FORMAT_VERSION && self.upgrade_from.is_none() {
                        self.upgrade_from = Some(decoded.version);
                        self.repaired_notes += decoded.repaired_notes;
                        // The upgrade is a change to save (not the staffer's).
                        self.touched(false);
                    }
                    tally(self.absorb(decoded.state, true));
                    // Readable (again): writable.
                    self.read_only = None;
                }
                Some(Err(reason)) => self.read_only = Some(reason),
                None => {}
            }
        }
        if let Some(log) = result.own_log {
            self.remember(&log);
            match log.content {
                Some(Ok(decoded)) => tally(self.absorb(decoded.state, true)),
                // A log this build cannot read is never appended to.
                Some(Err(reason)) => {
                    self.known.remove(&log.path);
                    self.read_only = Some(reason);
                }
                None => {}
            }
        }
        self.unreadable.clear();
        for file in result.others {
            self.remember(&file);
            match file.content {
                // Colleagues' loads are theirs: only marks and notes are merged.
                Some(Ok(decoded)) => tally(self.absorb(decoded.state, false)),
                Some(Err(reason)) => {
                    self.known.remove(&file.path);
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
        incoming.unreadable = self.unreadable.clone();
        incoming
    }

    fn remember(&mut self, file: &FileRead) {
        match file.mark {
            Some(mark) => {
                self.known.insert(file.path.clone(), mark);
            }
            None => {
                self.known.remove(&file.path);
            }
        }
    }

    /// Merges a state read from the files, in proportion to its size. Returns whether it
    /// changed ours, and for each writer (without the process slot) the number of questions
    /// whose marks or note they changed.
    fn absorb(&mut self, theirs: ReviewState, with_loads: bool) -> (bool, BTreeMap<String, usize>) {
        let mut by = BTreeMap::new();
        let mut count = |entry: &Entry, before: &Entry| {
            for w in entry.writers_since(before) {
                *by.entry(writer_of(w).to_string()).or_insert(0) += 1;
            }
        };
        self.clock.observe(theirs.shared.latest());
        let mut changed = false;
        if self.state.shared.entries.is_empty() {
            // The first read (opening the store): taken as it is, no copy, no news.
            changed |= !theirs.shared.entries.is_empty();
            self.state.shared = theirs.shared;
        } else {
            for (id, entry) in &theirs.shared.entries {
                let before = self.state.shared.entries.get(id).cloned();
                if self.state.shared.merge_entry(id, entry) {
                    changed = true;
                    if let Some(after) = self.state.shared.entries.get(id) {
                        count(after, &before.unwrap_or_default());
                    }
                }
            }
        }
        if with_loads && !theirs.loads.is_empty() {
            let before = self.state.loads.clone();
            if self.state.loads.known.is_empty() && self.state.loads.new.is_empty() {
                let last = self.state.loads.last.max(theirs.loads.last);
                self.state.loads = theirs.loads;
                self.state.loads.last = last;
            } else {
                self.state.loads.merge(&theirs.loads);
            }
            changed |= self.state.loads != before;
        }
        (changed, by)
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
        let origin = format!(
            "v1:{}",
            super::clock::clean_writer(&from.file_stem().unwrap_or_default().to_string_lossy())
        );
        // A writer's files are its snapshot and the log beside it: either names both.
        let incoming = read_writer_state(self.fs.as_ref(), from, &origin)?;
        self.clock.observe(incoming.state.shared.latest());
        let mut report = ImportReport {
            repaired_notes: incoming.repaired_notes,
            ..ImportReport::default()
        };
        let mut ids: Vec<&String> = incoming.state.shared.entries.keys().collect();
        ids.sort();
        for id in ids {
            let theirs = &incoming.state.shared.entries[id];
            let before = self.state.shared.entries.get(id).cloned();
            let what = match self.state.shared.merge_entry(id, theirs) {
                true => match self.state.shared.entries.get(id) {
                    Some(after) => {
                        let what = describe_change(before.as_ref(), after);
                        self.fresh.ids.insert(id.clone());
                        what
                    }
                    None => Vec::new(),
                },
                false => Vec::new(),
            };
            if what.is_empty() {
                report.unchanged += 1;
            } else {
                report.merged.push((id.clone(), what));
            }
        }
        if !report.merged.is_empty() {
            self.touched(true);
        }
        Ok(report)
    }

    /// Writes the marks and notes where they cannot be lost (when the review file cannot be
    /// written at exit): a new file in `dir`, which `review import` takes. Returns its path.
    pub fn rescue_copy(&self, dir: &Path) -> Result<PathBuf, ReviewError> {
        self.fs
            .create_dir_all(dir)
            .map_err(io_error(Step::CreateFolder, dir))?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let path = dir.join(format!("{}-unsaved-{stamp}.json", self.writer));
        write_atomic(
            self.fs.as_ref(),
            &path,
            &encode(&self.state, Some(&self.writer), false),
        )?;
        Ok(path)
    }
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
    if after.to_signal != before.to_signal {
        what.push(match after.to_signal() {
            Some(d) => Imported::ToSignal(d),
            None => Imported::NotToSignal,
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
    pub fn change(&self, q: &(impl crate::record::Record + ?Sized)) -> Option<Change> {
        if self.is_new(q.id()) {
            return Some(Change::New);
        }
        let reviewed = self.shared.entries.get(q.id())?.reviewed()?;
        reviewed.snapshot.change_to(&Snapshot::of(q))
    }

    /// [`Self::change`] of the question `id`, as it stands `now`.
    pub fn change_from(&self, id: &str, now: &Snapshot) -> Option<Change> {
        if self.is_new(id) {
            return Some(Change::New);
        }
        let reviewed = self.shared.entries.get(id)?.reviewed()?;
        reviewed.snapshot.change_to(now)
    }
}

/// The query language's review terms (`is:reviewed`, `is:flagged`, `has:note`,
/// `is:changed`, `is:to-signal`) read a snapshot of the review state, so filtering can run on another
/// thread.
impl crate::query::ReviewFacts for ReviewState {
    fn is_reviewed(&self, q: &dyn crate::record::Record) -> bool {
        self.shared
            .entries
            .get(q.id())
            .is_some_and(|e| e.reviewed().is_some())
    }

    fn is_flagged(&self, q: &dyn crate::record::Record) -> bool {
        self.shared
            .entries
            .get(q.id())
            .is_some_and(|e| e.flagged().is_some())
    }

    fn has_note(&self, q: &dyn crate::record::Record) -> bool {
        self.shared.entries.get(q.id()).is_some_and(Entry::has_note)
    }

    fn is_to_signal(&self, q: &dyn crate::record::Record) -> bool {
        self.shared
            .entries
            .get(q.id())
            .is_some_and(|e| e.to_signal().is_some())
    }

    fn is_changed(&self, q: &dyn crate::record::Record) -> bool {
        self.change(q).is_some()
    }
}
