//! Merging review state: with what another process saved meanwhile (three-way, against the
//! version both started from), and with a colleague's export (no common version: a union).
//! Neither ever drops a note: two different notes are kept both, one after the other, the
//! second under a marker line.

use super::entry::ReviewEntry;
use super::format::ReviewData;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;

/// The line put between two notes that were kept both.
pub fn conflict_marker(origin: &str) -> String {
    format!("--- autre version de la note / other version of the note ({origin}) ---")
}

/// Both notes, unless one already holds the other (then the longer one).
pub fn combine_notes(first: &str, second: &str, origin: &str) -> String {
    if first.trim().is_empty() {
        return second.to_string();
    }
    if second.trim().is_empty() || first.contains(second) {
        return first.to_string();
    }
    if second.contains(first) {
        return second.to_string();
    }
    format!("{first}\n\n{}\n{second}", conflict_marker(origin))
}

/// Both sides changed the note of a question since `base`: keep ours, then theirs under a
/// marker. When both only added to the same note, theirs is reduced to what they added, so
/// the common text is not repeated.
fn merge_notes(base: &str, ours: &str, theirs: &str) -> String {
    const ORIGIN: &str = "saved meanwhile by another dossier session";
    if !base.trim().is_empty() && ours.starts_with(base) {
        if let Some(added) = theirs.strip_prefix(base) {
            return combine_notes(ours, added.trim_start(), ORIGIN);
        }
    }
    combine_notes(ours, theirs, ORIGIN)
}

/// The fields that change together when a question is reviewed or un-reviewed.
fn review_part(
    e: &ReviewEntry,
) -> (
    Option<NaiveDate>,
    &Option<super::Snapshot>,
    Option<NaiveDate>,
) {
    (e.reviewed, &e.snapshot, e.added)
}

/// Merges `ours` (this process's state) with `theirs` (what is on disk now), both descended
/// from `base` (what this process last read or wrote). Field by field, a change this process
/// made since `base` wins (it is the newest: every change is saved at once), any other field
/// takes the disk's value; when both changed the note, both notes are kept.
pub fn merge3(base: &ReviewData, ours: &ReviewData, theirs: &ReviewData) -> ReviewData {
    let mut merged = ReviewData {
        last_observed: ours.last_observed.max(theirs.last_observed),
        entries: Default::default(),
        // Ids are only ever added: a question that left the dossier and comes back is not new.
        known_ids: theirs.known_ids.union(&ours.known_ids).cloned().collect(),
    };
    let ids: BTreeSet<&String> = base
        .entries
        .keys()
        .chain(ours.entries.keys())
        .chain(theirs.entries.keys())
        .collect();
    let empty = ReviewEntry::default();
    for id in ids {
        let b = base.entries.get(id).unwrap_or(&empty);
        let o = ours.entries.get(id).unwrap_or(&empty);
        let t = theirs.entries.get(id).unwrap_or(&empty);
        let mut e = t.clone();
        if review_part(o) != review_part(b) {
            e.reviewed = o.reviewed;
            e.snapshot = o.snapshot.clone();
            e.added = o.added;
        }
        if o.flagged != b.flagged {
            e.flagged = o.flagged;
        }
        if o.note != b.note {
            if t.note != b.note && t.note != o.note {
                e.note = merge_notes(&b.note, &o.note, &t.note);
                e.noted = o.noted.max(t.noted);
            } else {
                e.note = o.note.clone();
                e.noted = o.noted;
            }
        }
        if !e.is_empty() {
            merged.entries.insert(id.clone(), e);
        }
    }
    merged
}

/// What an import did to one question's review state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Imported {
    /// Marked reviewed on that day (it was not, or was reviewed earlier).
    Reviewed(NaiveDate),
    /// Follow-up flag set (it was not).
    Flagged(NaiveDate),
    /// The imported note was taken (there was none here).
    NoteAdded,
    /// The imported note was taken: it holds the note that was here and more.
    NoteExtended,
    /// The two notes differed: both kept, under a marker line.
    NotesCombined,
}

impl fmt::Display for Imported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Imported::Reviewed(d) => write!(f, "marked reviewed ({d})"),
            Imported::Flagged(d) => write!(f, "flagged for follow-up ({d})"),
            Imported::NoteAdded => f.write_str("note added"),
            Imported::NoteExtended => f.write_str("note replaced by the longer imported one"),
            Imported::NotesCombined => f.write_str("notes differ: both kept"),
        }
    }
}

/// What an import merged, question by question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The questions whose state changed, with what changed, by id.
    pub merged: Vec<(String, Vec<Imported>)>,
    /// Entries of the imported file that brought nothing new.
    pub unchanged: usize,
}

/// Merges a colleague's review state into `local`, as a union: a question reviewed there is
/// reviewed here (the later review wins), a flag set there is set here, a note there is kept
/// here next to ours. Nothing is ever unset or dropped; new-question marks and known ids are
/// not imported (they belong to the colleague's loads).
pub fn merge_import(local: &mut ReviewData, incoming: &ReviewData, origin: &str) -> ImportReport {
    let mut report = ImportReport::default();
    for (id, inc) in &incoming.entries {
        let mut e = local.entries.get(id).cloned().unwrap_or_default();
        let mut what = Vec::new();
        if let Some(day) = inc.reviewed {
            if e.reviewed.is_none_or(|ours| day > ours) {
                e.reviewed = Some(day);
                e.snapshot = inc.snapshot.clone();
                e.added = None;
                what.push(Imported::Reviewed(day));
            }
        }
        if let (Some(day), None) = (inc.flagged, e.flagged) {
            e.flagged = Some(day);
            what.push(Imported::Flagged(day));
        }
        if inc.has_note() && inc.note != e.note {
            if !e.has_note() {
                e.note = inc.note.clone();
                e.noted = inc.noted;
                what.push(Imported::NoteAdded);
            } else if e.note.contains(inc.note.as_str()) {
                // Ours already holds theirs (an earlier import of the same file).
            } else if inc.note.contains(e.note.as_str()) {
                e.note = inc.note.clone();
                e.noted = inc.noted.max(e.noted);
                what.push(Imported::NoteExtended);
            } else {
                e.note = combine_notes(&e.note, &inc.note, origin);
                e.noted = inc.noted.max(e.noted);
                what.push(Imported::NotesCombined);
            }
        }
        if what.is_empty() {
            report.unchanged += 1;
        } else {
            local.entries.insert(id.clone(), e);
            report.merged.push((id.clone(), what));
        }
    }
    report
}
