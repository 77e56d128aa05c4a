//! The review files on disk: JSON documents with a format name and version, and the logs
//! of changes beside them (see [`super::log`] and `docs/review-format.md`).
//!
//! ```json
//! {
//!   "format": "dossier-review",
//!   "version": 3,
//!   "writer": "alice@laptop",
//!   "entries": {
//!     "17-13811QE": {
//!       "reviewed": { "t": 1764000000000, "by": "alice@laptop",
//!                     "value": { "date": "2026-11-20", "snapshot": { … } } },
//!       "flagged": { "t": 1764000000500, "by": "bob@desk", "value": "2026-11-21" },
//!       "note": [ { "by": "alice@laptop", "t": 1764000001000, "seen": { "bob@desk": 1763999000000 },
//!                   "text": "Relancer le cabinet" } ]
//!     }
//!   },
//!   "loads": { "last": "2026-11-22", "known": ["16-16353QE", …], "new": { … } }
//! }
//! ```
//!
//! A store's own file is a *snapshot* (version 4, binary: see [`super::snapshot`]) beside
//! its log; exports and rescue copies are whole JSON documents of version 2 (as above),
//! which earlier versions of dossier read too. Version 1 files (written by dossier before the
//! convergent merge) are read and upgraded: their dates become stamps, and notes that the
//! old merge had bloated by concatenating versions are repaired (repeated blocks collapsed
//! once; blocks that truly differ become the versions of a visible conflict). Version 1 and
//! 2 files are upgraded on the first save, the old file kept as `.bak`.

use super::change::{Snapshot, SnapshotDetail};
use super::state::{Entry, FirstSeen, Loads, NoteVersion, Register, ReviewState, Reviewed, Shared};
use crate::model::Status;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// The name written in every review file, so a stray JSON file is not taken for one.
pub const FORMAT_NAME: &str = "dossier-review";

/// The version this build writes and the newest it reads: a snapshot with a log beside it.
/// (A new register in an entry, or a new part of the state, is a new version: an older
/// build must not compact away what it does not know.)
pub const FORMAT_VERSION: u32 = 4;

/// The version of whole documents (exports, rescue copies): the fields of a snapshot, read
/// by every dossier since the convergent merge.
pub const DOCUMENT_VERSION: u32 = 2;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    writer: Option<&'a str>,
    #[serde(flatten)]
    body: BodyOut<'a>,
}

/// The state as written: in a document, a snapshot or a log record.
#[derive(Serialize)]
pub(super) struct BodyOut<'a> {
    entries: BTreeMap<&'a str, &'a Entry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    loads: Option<LoadsOut<'a>>,
}

#[derive(Serialize)]
struct LoadsOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<NaiveDate>,
    #[serde(skip_serializing_if = "no_ids")]
    known: &'a imbl::OrdSet<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    new: BTreeMap<&'a str, &'a FirstSeen>,
}

fn no_ids(ids: &&imbl::OrdSet<String>) -> bool {
    ids.is_empty()
}

impl<'a> BodyOut<'a> {
    /// The state's fields, in a stable order; `loads` only when asked for and not empty.
    pub(super) fn of(state: &'a ReviewState, with_loads: bool) -> BodyOut<'a> {
        BodyOut {
            entries: state
                .shared
                .entries
                .iter()
                .map(|(k, v)| (k.as_str(), v))
                .collect(),
            loads: (with_loads && !state.loads.is_empty()).then(|| LoadsOut {
                last: state.loads.last,
                known: &state.loads.known,
                new: state
                    .loads
                    .new
                    .iter()
                    .map(|(k, v)| (k.as_str(), v))
                    .collect(),
            }),
        }
    }
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// The state as read (a document, a snapshot, a log record).
#[derive(Deserialize)]
pub(super) struct BodyIn {
    #[serde(default)]
    writer: Option<String>,
    #[serde(default)]
    entries: HashMap<String, Entry>,
    #[serde(default)]
    loads: Loads,
}

impl BodyIn {
    /// The state it holds, in canonical form.
    pub(super) fn into_state(self) -> ReviewState {
        let entries = self
            .entries
            .into_iter()
            .filter(|(_, e)| !e.is_empty())
            .map(|(id, mut entry)| {
                // A hand-edited or foreign file may list versions that replace each other:
                // the merge puts them in canonical form.
                if entry.note.len() > 1 {
                    let versions = std::mem::take(&mut entry.note);
                    super::state::merge_note(&mut entry.note, &versions);
                }
                (id, entry)
            })
            .collect();
        ReviewState {
            shared: Shared { entries },
            loads: self.loads,
        }
    }
}

/// What a decoded file holds besides its state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoded {
    /// The state.
    pub state: ReviewState,
    /// The writer the file names, if any.
    pub writer: Option<String>,
    /// The format version it was written in.
    pub version: u32,
    /// Notes repaired while upgrading a version 1 file.
    pub repaired_notes: usize,
}

/// Why the bytes of a review file cannot be used; `i18n::review::decode_error` words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON (the parser's words, a detail).
    NotJson(String),
    /// JSON, but not a review file: no `"format": "dossier-review"`.
    NotAReviewFile,
    /// A review file without its format version.
    NoVersion,
    /// A review file whose fields are not of the right type (the parser's words).
    UnexpectedContent(String),
    /// A file named as a log whose first line is not a review log's header.
    NotALog,
    /// A snapshot that is not whole or not as written.
    DamagedSnapshot(Damage),
    /// A date out of the calendar (days since 1 January of year 1).
    DateOutOfRange(i32),
    /// A question status this build does not know.
    UnknownStatus(u8),
    /// Written by a newer dossier, in a format this build does not know.
    Newer(u32),
}

/// What is wrong with a damaged snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// It does not start with the snapshot's name.
    NoName,
    /// No version after the name.
    NoVersion,
    /// Shorter than its header says.
    CutShort,
    /// Its checksum does not match its body.
    Checksum,
    /// Its body does not decode (the decoder's words).
    Body(String),
}

/// Plain English, for logs and errors that wrap this one; users read
/// `i18n::review::decode_error`'s words.
impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotJson(e) => write!(f, "not valid JSON ({e})"),
            DecodeError::NotAReviewFile => write!(
                f,
                "not a dossier review file (no \"format\": \"{FORMAT_NAME}\")"
            ),
            DecodeError::NoVersion => f.write_str("no format \"version\" in the file"),
            DecodeError::UnexpectedContent(e) => write!(f, "unexpected content ({e})"),
            DecodeError::NotALog => f.write_str("not a dossier review log"),
            DecodeError::DamagedSnapshot(d) => {
                let why = match d {
                    Damage::NoName => "no name",
                    Damage::NoVersion => "no version",
                    Damage::CutShort => "cut short",
                    Damage::Checksum => "checksum",
                    Damage::Body(e) => e,
                };
                write!(f, "a damaged snapshot ({why})")
            }
            DecodeError::DateOutOfRange(n) => write!(f, "a date out of range ({n})"),
            DecodeError::UnknownStatus(n) => write!(f, "an unknown status ({n})"),
            DecodeError::Newer(v) => write!(
                f,
                "written by a newer dossier (format version {v}; this one reads up to \
                 {FORMAT_VERSION}); update dossier to change it"
            ),
        }
    }
}

/// Serialises a state as a whole document (version 2, indented JSON, ending with a
/// newline), for an export or a rescue copy. `loads` is left out of exports (a colleague's
/// loads are not ours).
pub fn encode(state: &ReviewState, writer: Option<&str>, with_loads: bool) -> Vec<u8> {
    let out = FileOut {
        format: FORMAT_NAME,
        version: DOCUMENT_VERSION,
        writer,
        body: BodyOut::of(state, with_loads),
    };
    // Serialising maps with string keys and plain fields into memory cannot fail.
    let mut bytes = serde_json::to_vec_pretty(&out).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Reads the bytes of a JSON review document (a UTF-8 byte-order mark is allowed; a
/// snapshot is read by [`super::snapshot::decode_any`], which takes either). An empty file is
/// an empty state (nothing to lose by writing over it); anything else must name the format
/// and a version this build knows. `origin` names the replica that version 1 data is
/// credited to.
pub fn decode(bytes: &[u8], origin: &str) -> Result<Decoded, DecodeError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Decoded {
            version: FORMAT_VERSION,
            ..Decoded::default()
        });
    }
    let header: Header = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        // JSON, but not an object with a review file's header (`9010`, a list).
        serde_json::error::Category::Data => DecodeError::NotAReviewFile,
        _ => DecodeError::NotJson(e.to_string()),
    })?;
    if header.format.as_deref() != Some(FORMAT_NAME) {
        return Err(DecodeError::NotAReviewFile);
    }
    match header.version {
        None => Err(DecodeError::NoVersion),
        Some(v) if v > FORMAT_VERSION => Err(DecodeError::Newer(v)),
        Some(1) => decode_v1(bytes, origin),
        Some(v) => {
            let file: BodyIn = serde_json::from_slice(bytes)
                .map_err(|e| DecodeError::UnexpectedContent(e.to_string()))?;
            let writer = file.writer.clone();
            Ok(Decoded {
                state: file.into_state(),
                writer,
                version: v,
                repaired_notes: 0,
            })
        }
    }
}

/// A version 1 entry.
#[derive(Deserialize)]
struct EntryV1 {
    #[serde(default)]
    reviewed: Option<NaiveDate>,
    #[serde(default)]
    snapshot: Option<SnapshotV1>,
    #[serde(default)]
    flagged: Option<NaiveDate>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    noted: Option<NaiveDate>,
    #[serde(default)]
    added: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct SnapshotV1 {
    status: Status,
    #[serde(default)]
    answered: Option<NaiveDate>,
    #[serde(default)]
    withdrawn: Option<NaiveDate>,
    fingerprint: String,
}

#[derive(Deserialize)]
struct FileV1 {
    #[serde(default)]
    last_observed: Option<NaiveDate>,
    #[serde(default)]
    entries: EntriesV1,
    #[serde(default)]
    known_ids: BTreeSet<String>,
}

/// Entries of a version 1 file, as read.
type EntriesV1 = HashMap<String, EntryV1>;

/// Noon (UTC) of a day, in milliseconds: the stamp of a version 1 date.
fn day_stamp(date: NaiveDate) -> u64 {
    date.and_hms_opt(12, 0, 0)
        .map_or(0, |d| d.and_utc().timestamp_millis().max(0) as u64)
}

fn decode_v1(bytes: &[u8], origin: &str) -> Result<Decoded, DecodeError> {
    let file: FileV1 =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::UnexpectedContent(e.to_string()))?;
    let mut state = ReviewState::default();
    state.loads.last = file.last_observed;
    state.loads.known = file.known_ids.into_iter().collect();
    let mut repaired_notes = 0;
    for (id, old) in file.entries {
        let mut entry = Entry::default();
        if let Some(date) = old.reviewed {
            let snapshot = old.snapshot.map(|s| Snapshot {
                status: s.status,
                answered: s.answered,
                withdrawn: s.withdrawn,
                fingerprint: s.fingerprint,
                detail: None::<SnapshotDetail>,
            });
            if let Some(snapshot) = snapshot {
                entry.reviewed = Some(Register {
                    t: day_stamp(date),
                    by: origin.to_string(),
                    value: Some(Reviewed { date, snapshot }),
                });
            }
        }
        if let Some(date) = old.flagged {
            entry.flagged = Some(Register {
                t: day_stamp(date),
                by: origin.to_string(),
                value: Some(date),
            });
        }
        if !old.note.trim().is_empty() {
            let (blocks, repaired) = repair_note(&old.note);
            repaired_notes += usize::from(repaired);
            let t = old.noted.map_or(1, day_stamp);
            let single = blocks.len() == 1;
            for (k, text) in blocks.into_iter().enumerate() {
                // Blocks that differ were concurrent versions: each its own replica, so
                // that none replaces another and the conflict shows.
                let by = if single {
                    origin.to_string()
                } else {
                    format!("{origin}~v1~{}", k + 1)
                };
                entry.note.push(NoteVersion {
                    by,
                    t: t + k as u64,
                    seen: BTreeMap::new(),
                    text,
                });
            }
            entry
                .note
                .sort_by(|a, b| b.t.cmp(&a.t).then_with(|| a.cmp(b)));
        }
        if let Some(date) = old.added {
            state.loads.new.insert(
                id.clone(),
                FirstSeen {
                    date,
                    t: day_stamp(date).saturating_sub(1),
                },
            );
        }
        if entry != Entry::default() {
            state.shared.entries.insert(id, entry);
        }
    }
    Ok(Decoded {
        state,
        writer: None,
        version: 1,
        repaired_notes,
    })
}

/// True for the marker line the version 1 merge put between two notes it kept both.
fn is_v1_marker(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("--- autre version de la note / other version of the note (")
        && line.ends_with(") ---")
}

/// Splits a version 1 note on the old merge's marker lines and collapses what the old
/// merge repeated: identical blocks once, and a block contained in another dropped.
/// Returns the distinct blocks, in their first order, and whether anything was removed.
pub fn repair_note(note: &str) -> (Vec<String>, bool) {
    let mut blocks: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut markers = 0;
    let flush = |current: &mut Vec<&str>, blocks: &mut Vec<String>| {
        let text = current.join("\n").trim().to_string();
        if !text.is_empty() {
            blocks.push(text);
        }
        current.clear();
    };
    for line in note.lines() {
        if is_v1_marker(line) {
            markers += 1;
            flush(&mut current, &mut blocks);
        } else {
            current.push(line);
        }
    }
    flush(&mut current, &mut blocks);
    if markers == 0 {
        return (vec![note.trim_end().to_string()], false);
    }
    let before = blocks.len();
    let mut distinct: Vec<String> = Vec::new();
    for b in blocks {
        if !distinct.contains(&b) {
            distinct.push(b);
        }
    }
    let kept: Vec<String> = distinct
        .iter()
        .enumerate()
        .filter(|(i, b)| {
            !distinct
                .iter()
                .enumerate()
                .any(|(j, other)| j != *i && other.len() > b.len() && other.contains(b.as_str()))
        })
        .map(|(_, b)| b.clone())
        .collect();
    let repaired = kept.len() < before;
    (kept, repaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKER: &str =
        "--- autre version de la note / other version of the note (imported from x.json) ---";

    #[test]
    fn bloated_notes_collapse_to_their_distinct_blocks() {
        let a = "Relancer le cabinet";
        let b = "Relancer le cabinet\nAppel le 3";
        let bloated = format!("{a}\n\n{MARKER}\n{b}\n\n{MARKER}\n{a}\n\n{MARKER}\n{b}");
        let (blocks, repaired) = repair_note(&bloated);
        assert_eq!(blocks, vec![b.to_string()]);
        assert!(repaired);
        let two = format!("Version A\n\n{MARKER}\nVersion B");
        assert_eq!(
            repair_note(&two),
            (
                vec!["Version A".to_string(), "Version B".to_string()],
                false
            )
        );
        assert_eq!(
            repair_note("une note\nsur deux lignes\n"),
            (vec!["une note\nsur deux lignes".to_string()], false)
        );
    }

    #[test]
    fn version_1_files_are_upgraded() {
        let v1 = format!(
            r#"{{"format":"dossier-review","version":1,"last_observed":"2026-11-22",
            "entries":{{"17-1QE":{{"reviewed":"2026-11-20","snapshot":{{"status":"pending","fingerprint":"00"}},
            "flagged":"2026-11-21","note":"A\n\n{MARKER}\nB","noted":"2026-11-21"}},
            "17-2QE":{{"added":"2026-11-22"}}}},"known_ids":["17-1QE","17-2QE"]}}"#
        )
        .replace('\n', "\\n")
        .replace("\\n            ", " ");
        let decoded = decode(v1.as_bytes(), "alice@pc").expect("v1 decodes");
        assert_eq!(decoded.version, 1);
        let e = &decoded.state.shared.entries["17-1QE"];
        assert_eq!(
            e.reviewed().map(|r| r.date.to_string()),
            Some("2026-11-20".into())
        );
        assert_eq!(
            e.flagged().map(|d| d.to_string()),
            Some("2026-11-21".into())
        );
        assert!(e.has_conflict());
        assert!(decoded.state.loads.new.contains_key("17-2QE"));
        assert_eq!(decoded.state.loads.known.len(), 2);
    }

    #[test]
    fn a_byte_order_mark_is_allowed() {
        let bytes = b"\xef\xbb\xbf{\"format\":\"dossier-review\",\"version\":2,\"entries\":{}}";
        assert!(decode(bytes, "x").is_ok());
    }

    #[test]
    fn documents_read_back_as_written() {
        let mut state = ReviewState::default();
        state.shared.write_flag(
            "17-1QE",
            super::super::state::Stamp {
                t: 5,
                by: "a@pc".into(),
            },
            NaiveDate::from_ymd_opt(2026, 11, 1),
        );
        state.loads.known.insert("17-1QE".into());
        let document = decode(&encode(&state, Some("a@pc"), true), "x").unwrap();
        assert_eq!((document.version, &document.state), (2, &state));
    }
}
