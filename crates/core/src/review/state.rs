//! Review state as a convergent replicated data type: any number of copies (two windows, a
//! colleague's export, a team folder synced by any tool), merged in any order and any number
//! of times, end up equal, and nothing grows by being merged again.
//!
//! [`Shared::merge`] is a join: commutative, associative and idempotent (the property tests
//! in `tests/` hold it to that). Per question:
//! - the reviewed mark, the follow-up flag and the "to signal" mark are last-writer-wins
//!   [`Register`]s, ordered by their [`Stamp`] (a hybrid clock time, then the writer), then
//!   by value so that even two writes with one stamp merge the same way everywhere;
//! - the note is the set of its current [`NoteVersion`]s. A version records which versions
//!   its writer had seen (`seen`, a version vector); a version another has seen is replaced
//!   and dropped on merge. One version left is the note; two or more are a visible conflict,
//!   resolved by saving one text, which replaces them all. Texts are never concatenated, so
//!   the state holds only the text that is live.
//!
//! The maps are persistent ([`imbl`]): a copy shares its structure with the original, so
//! handing the state to the filter thread costs nothing whatever its size, and a change
//! copies only the path to the entry it changes.
//!
//! Every copy is written by *replicas*: one per writer and process slot (see
//! [`super::clock`]), each of which makes its changes one after the other, with stamps that
//! only grow.

use super::change::Snapshot;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// When and by whom a change was made: a hybrid logical clock time (milliseconds since the
/// Unix epoch, pushed past every stamp the writer has seen) and the replica that made it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    /// Hybrid clock time, in milliseconds since 1970.
    pub t: u64,
    /// The replica that wrote it (`alice@laptop`, `alice@laptop+1` for a second window).
    pub by: String,
}

/// A last-writer-wins register: the value of the latest write, `None` when that write
/// cleared it (kept, so that an older write merged later does not come back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register<T> {
    /// Hybrid clock time of the write.
    pub t: u64,
    /// The replica that wrote it.
    pub by: String,
    /// The value written; `None` for a clear.
    pub value: Option<T>,
}

impl<T: Ord + Clone> Register<T> {
    /// The register's stamp.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            t: self.t,
            by: self.by.clone(),
        }
    }

    fn key(&self) -> (u64, &str, &Option<T>) {
        (self.t, self.by.as_str(), &self.value)
    }
}

/// Merges two optional registers: the later write wins.
fn merge_register<T: Ord + Clone>(ours: &mut Option<Register<T>>, theirs: &Option<Register<T>>) {
    if let Some(t) = theirs {
        match ours {
            Some(o) if o.key() >= t.key() => {}
            _ => *ours = Some(t.clone()),
        }
    }
}

/// Writes a register: the write wins unless the register holds a later one.
fn write_register<T: Ord + Clone>(ours: &mut Option<Register<T>>, write: Register<T>) {
    if ours.as_ref().is_none_or(|o| o.key() < write.key()) {
        *ours = Some(write);
    }
}

/// The reviewed mark: the day and how the question stood then.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Reviewed {
    /// The day it was marked reviewed.
    pub date: NaiveDate,
    /// The question as it stood, to tell what changed since.
    pub snapshot: Snapshot,
}

/// One version of a note.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NoteVersion {
    /// The replica that wrote it.
    pub by: String,
    /// Hybrid clock time of the save (also the time shown).
    pub t: u64,
    /// For every other replica, the time of its latest version this one replaces.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub seen: BTreeMap<String, u64>,
    /// The text; empty when the note was deleted.
    #[serde(default)]
    pub text: String,
}

impl NoteVersion {
    /// True when `self` replaces `other`: a later version of the same replica (a replica
    /// makes its changes one after another), or one written after seeing it.
    pub fn replaces(&self, other: &NoteVersion) -> bool {
        if self.by == other.by {
            self.t > other.t
        } else {
            self.seen.get(&other.by).is_some_and(|&t| t >= other.t)
        }
    }
}

/// What a writer saw of a note when they began editing it: the version vector a new version
/// written from there carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteBase {
    /// Replica -> latest time seen.
    pub seen: BTreeMap<String, u64>,
}

impl NoteBase {
    /// The base of an edit that starts from these versions.
    pub fn of(versions: &[NoteVersion]) -> NoteBase {
        let mut seen = BTreeMap::new();
        for v in versions {
            for (by, &t) in v.seen.iter().chain(std::iter::once((&v.by, &v.t))) {
                let e = seen.entry(by.clone()).or_insert(t);
                *e = (*e).max(t);
            }
        }
        NoteBase { seen }
    }
}

/// The note of a question as it is to be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteView<'a> {
    /// No note (none written, or deleted).
    None,
    /// One current text.
    One(&'a NoteVersion),
    /// Versions saved concurrently (two windows, two colleagues): all shown until one text
    /// is saved over them. Newest first.
    Conflict(&'a [NoteVersion]),
}

/// The review state of one question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Reviewed mark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Register<Reviewed>>,
    /// Follow-up flag, dated the day it was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flagged: Option<Register<NaiveDate>>,
    /// "To signal": proposed for a signalement by the group president, dated the day it was
    /// marked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_signal: Option<Register<NaiveDate>>,
    /// The note's current versions, newest first (one, or a conflict), deleted ones included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<NoteVersion>,
}

impl Entry {
    /// The reviewed mark, when set.
    pub fn reviewed(&self) -> Option<&Reviewed> {
        self.reviewed.as_ref().and_then(|r| r.value.as_ref())
    }

    /// The day the flag was set, when set.
    pub fn flagged(&self) -> Option<NaiveDate> {
        self.flagged.as_ref().and_then(|r| r.value)
    }

    /// The day the question was marked "to signal", when it is.
    pub fn to_signal(&self) -> Option<NaiveDate> {
        self.to_signal.as_ref().and_then(|r| r.value)
    }

    /// The note as shown: deleted versions are left out when another has text.
    pub fn note(&self) -> NoteView<'_> {
        let live = self
            .note
            .iter()
            .filter(|v| !v.text.trim().is_empty())
            .count();
        match live {
            0 => NoteView::None,
            1 => self
                .note
                .iter()
                .find(|v| !v.text.trim().is_empty())
                .map_or(NoteView::None, NoteView::One),
            _ => NoteView::Conflict(&self.note),
        }
    }

    /// The note's text when there is exactly one; the newest text of a conflict otherwise.
    pub fn note_text(&self) -> Option<&str> {
        match self.note() {
            NoteView::None => None,
            NoteView::One(v) => Some(&v.text),
            NoteView::Conflict(vs) => vs
                .iter()
                .find(|v| !v.text.trim().is_empty())
                .map(|v| v.text.as_str()),
        }
    }

    /// True when the note has text.
    pub fn has_note(&self) -> bool {
        self.note() != NoteView::None
    }

    /// True when two versions of the note wait for one to be chosen.
    pub fn has_conflict(&self) -> bool {
        matches!(self.note(), NoteView::Conflict(_))
    }

    /// True when the entry holds nothing.
    pub fn is_empty(&self) -> bool {
        self.reviewed.is_none()
            && self.flagged.is_none()
            && self.to_signal.is_none()
            && self.note.is_empty()
    }

    /// Merges another copy of this entry into this one. (A new register is one more line
    /// here, one more field above, and one more in [`Self::stamps`].)
    pub fn merge(&mut self, other: &Entry) {
        merge_register(&mut self.reviewed, &other.reviewed);
        merge_register(&mut self.flagged, &other.flagged);
        merge_register(&mut self.to_signal, &other.to_signal);
        merge_note(&mut self.note, &other.note);
    }

    /// The stamp (time, replica) of every write the entry holds.
    pub fn stamps(&self) -> impl Iterator<Item = (u64, &str)> {
        let reviewed = self.reviewed.iter().map(|r| (r.t, r.by.as_str()));
        let flagged = self.flagged.iter().map(|r| (r.t, r.by.as_str()));
        let to_signal = self.to_signal.iter().map(|r| (r.t, r.by.as_str()));
        let note = self.note.iter().map(|v| (v.t, v.by.as_str()));
        reviewed.chain(flagged).chain(to_signal).chain(note)
    }

    /// The latest stamp of anything in the entry.
    pub fn latest(&self) -> u64 {
        self.stamps().map(|(t, _)| t).max().unwrap_or(0)
    }

    /// Every replica whose write is in the entry.
    pub fn writers(&self) -> BTreeSet<&str> {
        self.stamps().map(|(_, by)| by).collect()
    }

    /// The replicas whose writes are in `self` and not in `before` (who changed what).
    pub fn writers_since(&self, before: &Entry) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        if self.reviewed != before.reviewed {
            out.extend(self.reviewed.iter().map(|r| r.by.as_str()));
        }
        if self.flagged != before.flagged {
            out.extend(self.flagged.iter().map(|r| r.by.as_str()));
        }
        if self.to_signal != before.to_signal {
            out.extend(self.to_signal.iter().map(|r| r.by.as_str()));
        }
        for v in &self.note {
            if !before.note.contains(v) {
                out.insert(v.by.as_str());
            }
        }
        out
    }
}

/// Merges note versions: the union, less every version another replaces, in a canonical
/// order (newest first).
pub fn merge_note(ours: &mut Vec<NoteVersion>, theirs: &[NoteVersion]) {
    if theirs.is_empty() || ours.as_slice() == theirs {
        return;
    }
    for v in theirs {
        if !ours.contains(v) {
            ours.push(v.clone());
        }
    }
    let all = ours.clone();
    ours.retain(|v| !all.iter().any(|w| w.replaces(v)));
    ours.sort_by(|a, b| b.t.cmp(&a.t).then_with(|| a.cmp(b)));
}

/// The review state that is shared: every question's marks and note, by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Shared {
    /// Entries by question id.
    pub entries: imbl::HashMap<String, Entry>,
}

impl Shared {
    /// Merges another copy into this one. Costs in proportion to `other`, not to `self`.
    pub fn merge(&mut self, other: &Shared) {
        for (id, theirs) in &other.entries {
            self.merge_entry(id, theirs);
        }
    }

    /// Merges one entry; returns true when it changed ours.
    pub fn merge_entry(&mut self, id: &str, theirs: &Entry) -> bool {
        match self.entries.get(id) {
            // Already there: no copy of the path to it.
            Some(ours) if ours == theirs => false,
            Some(ours) => {
                let mut merged = ours.clone();
                merged.merge(theirs);
                if merged == *ours {
                    return false;
                }
                self.entries.insert(id.to_string(), merged);
                true
            }
            None if theirs.is_empty() => false,
            None => {
                self.entries.insert(id.to_string(), theirs.clone());
                true
            }
        }
    }

    /// The latest stamp time anywhere in the state (0 when empty).
    pub fn latest(&self) -> u64 {
        self.entries.values().map(Entry::latest).max().unwrap_or(0)
    }

    /// Writes the reviewed mark of a question (`None` clears it).
    pub fn write_reviewed(&mut self, id: &str, stamp: Stamp, value: Option<Reviewed>) {
        let register = Register {
            t: stamp.t,
            by: stamp.by,
            value,
        };
        let entry = self.entries.entry(id.to_string()).or_default();
        write_register(&mut entry.reviewed, register);
    }

    /// Writes the follow-up flag of a question (`None` clears it).
    pub fn write_flag(&mut self, id: &str, stamp: Stamp, value: Option<NaiveDate>) {
        let register = Register {
            t: stamp.t,
            by: stamp.by,
            value,
        };
        let entry = self.entries.entry(id.to_string()).or_default();
        write_register(&mut entry.flagged, register);
    }

    /// Writes the "to signal" mark of a question (`None` clears it).
    pub fn write_to_signal(&mut self, id: &str, stamp: Stamp, value: Option<NaiveDate>) {
        let register = Register {
            t: stamp.t,
            by: stamp.by,
            value,
        };
        let entry = self.entries.entry(id.to_string()).or_default();
        write_register(&mut entry.to_signal, register);
    }

    /// Writes a new version of a question's note, replacing what `base` saw; returns it.
    pub fn write_note(
        &mut self,
        id: &str,
        stamp: Stamp,
        base: &NoteBase,
        text: &str,
    ) -> NoteVersion {
        let mut seen = base.seen.clone();
        seen.remove(&stamp.by);
        let version = NoteVersion {
            by: stamp.by,
            t: stamp.t,
            seen,
            text: text.to_string(),
        };
        let entry = self.entries.entry(id.to_string()).or_default();
        merge_note(&mut entry.note, std::slice::from_ref(&version));
        version
    }
}

/// When a question was first seen by one of the user's loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FirstSeen {
    /// The day.
    pub date: NaiveDate,
    /// The hybrid clock time, to compare with the reviewed mark's.
    pub t: u64,
}

/// What one user's loads of a dossier have seen; not shared with colleagues (a question is
/// new to each user until they, or a colleague, review it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loads {
    /// Day of the last load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<NaiveDate>,
    /// Every question id seen by a load.
    #[serde(default)]
    pub known: imbl::OrdSet<String>,
    /// Questions first seen by a load after the first one: new until reviewed.
    #[serde(default, skip_serializing_if = "imbl::HashMap::is_empty")]
    pub new: imbl::HashMap<String, FirstSeen>,
}

impl Loads {
    /// Merges another copy (another window of the same user).
    pub fn merge(&mut self, other: &Loads) {
        self.last = self.last.max(other.last);
        for id in &other.known {
            if !self.known.contains(id) {
                self.known.insert(id.clone());
            }
        }
        for (id, seen) in &other.new {
            match self.new.get(id) {
                Some(ours) if ours <= seen => {}
                _ => {
                    self.new.insert(id.clone(), *seen);
                }
            }
        }
    }

    /// True when it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.last.is_none() && self.known.is_empty() && self.new.is_empty()
    }
}

/// Everything one review file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewState {
    /// Marks and notes, shared with colleagues.
    pub shared: Shared,
    /// What this user's loads have seen.
    pub loads: Loads,
}

impl ReviewState {
    /// Merges another copy into this one (a join: see the module's documentation). A delta
    /// (a few entries) merges in proportion to its size.
    pub fn merge(&mut self, other: &ReviewState) {
        self.shared.merge(&other.shared);
        self.loads.merge(&other.loads);
    }

    /// True when it holds nothing (an empty delta).
    pub fn is_empty(&self) -> bool {
        self.shared.entries.is_empty() && self.loads.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(by: &str, t: u64, seen: &[(&str, u64)], text: &str) -> NoteVersion {
        NoteVersion {
            by: by.into(),
            t,
            seen: seen.iter().map(|(b, t)| (b.to_string(), *t)).collect(),
            text: text.into(),
        }
    }

    #[test]
    fn a_version_written_after_seeing_another_replaces_it() {
        let a = version("a", 10, &[], "un");
        let b = version("b", 20, &[("a", 10)], "un deux");
        let mut note = vec![a.clone()];
        merge_note(&mut note, std::slice::from_ref(&b));
        assert_eq!(note, vec![b.clone()]);
        // Merging the old version again changes nothing.
        merge_note(&mut note, &[a]);
        assert_eq!(note, vec![b]);
    }

    #[test]
    fn concurrent_versions_are_both_kept_until_one_is_saved_over_them() {
        let a = version("a", 10, &[], "version A");
        let b = version("b", 11, &[], "version B");
        let mut note = vec![a.clone()];
        merge_note(&mut note, std::slice::from_ref(&b));
        assert_eq!(note.len(), 2);
        let entry = Entry {
            note: note.clone(),
            ..Entry::default()
        };
        assert!(entry.has_conflict());
        let base = NoteBase::of(&note);
        let resolved = version("a", 12, &[("b", base.seen["b"])], "choisie");
        merge_note(&mut note, std::slice::from_ref(&resolved));
        assert_eq!(note, vec![resolved]);
    }

    #[test]
    fn the_later_write_wins_and_a_clear_is_remembered() {
        let set = Some(Register {
            t: 5,
            by: "a".into(),
            value: Some(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()),
        });
        let clear: Option<Register<NaiveDate>> = Some(Register {
            t: 6,
            by: "b".into(),
            value: None,
        });
        let mut x = set.clone();
        merge_register(&mut x, &clear);
        assert_eq!(x, clear);
        merge_register(&mut x, &set);
        assert_eq!(x, clear);
    }
}
