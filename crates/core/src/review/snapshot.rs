//! A store's snapshot on disk: the whole state in a compact binary form, read back in a
//! fraction of the time JSON takes (a state of 100,000 reviewed questions is read on opening
//! the viewer, and again by a colleague's viewer when it changes).
//!
//! ```text
//! dossier-review-snapshot 4\n     a line that names the format and its version
//! LLLLLLLL CCCC                   the body's length (u64) and CRC-32 (u32), little-endian
//! body                            postcard: the writer, then entries, then loads
//! ```
//!
//! The body is written from plain records ([`EntryBin`] and the like) that always write
//! every field, as postcard needs; dates are days since 1 January of year 1. A snapshot whose
//! length or checksum does not match is unreadable, never half read. The log beside it, and
//! exports, stay JSON (see [`super::log`], [`super::format`]).

use super::change::{Snapshot, SnapshotDetail};
use super::format::{Damage, DecodeError, Decoded, FORMAT_VERSION};
use super::state::{Entry, FirstSeen, Loads, NoteVersion, Register, ReviewState, Reviewed, Shared};
use crate::model::Status;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The first bytes of a snapshot, before its version.
pub const MAGIC: &[u8] = b"dossier-review-snapshot ";

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn date(n: i32) -> Result<NaiveDate, DecodeError> {
    NaiveDate::from_num_days_from_ce_opt(n).ok_or(DecodeError::DateOutOfRange(n))
}

fn status_code(s: Status) -> u8 {
    match s {
        Status::Pending => 0,
        Status::Answered => 1,
        Status::Withdrawn => 2,
    }
}

fn status_of(code: u8) -> Result<Status, DecodeError> {
    match code {
        0 => Ok(Status::Pending),
        1 => Ok(Status::Answered),
        2 => Ok(Status::Withdrawn),
        n => Err(DecodeError::UnknownStatus(n)),
    }
}

#[derive(Serialize, Deserialize)]
struct Body<S, E> {
    writer: S,
    entries: Vec<(S, E)>,
    last: Option<i32>,
    known: Vec<S>,
    new: Vec<(S, i32, u64)>,
}

/// One entry, every field written; `S` a string (owned when read, borrowed when written:
/// the two are the same bytes).
#[derive(Serialize, Deserialize)]
struct EntryBin<S> {
    reviewed: Option<(u64, S, Option<ReviewedBin<S>>)>,
    flagged: Option<DateBin<S>>,
    note: Vec<NoteBin<S>>,
    /// The "to signal" mark (from format 4).
    to_signal: Option<DateBin<S>>,
}

/// An entry of a format 3 snapshot, before the "to signal" mark.
#[derive(Deserialize)]
struct EntryBinV3 {
    reviewed: Option<(u64, String, Option<ReviewedBin<String>>)>,
    flagged: Option<DateBin<String>>,
    note: Vec<NoteBin<String>>,
}

impl From<EntryBinV3> for EntryBin<String> {
    fn from(e: EntryBinV3) -> Self {
        EntryBin {
            reviewed: e.reviewed,
            flagged: e.flagged,
            note: e.note,
            to_signal: None,
        }
    }
}

/// A register of a date: time, by, the day (none when cleared).
type DateBin<S> = (u64, S, Option<i32>);

/// A note version: by, time, the versions it saw, text.
type NoteBin<S> = (S, u64, Vec<(S, u64)>, S);

#[derive(Serialize, Deserialize)]
struct ReviewedBin<S> {
    date: i32,
    status: u8,
    answered: Option<i32>,
    withdrawn: Option<i32>,
    fingerprint: S,
    /// The latest signalement and the ministry (none in snapshots from format 1).
    detail: Option<(Option<i32>, S)>,
}

impl<'a> EntryBin<&'a str> {
    fn of(e: &'a Entry) -> EntryBin<&'a str> {
        EntryBin {
            reviewed: e.reviewed.as_ref().map(|r| {
                let value = r.value.as_ref().map(|v| ReviewedBin {
                    date: day(v.date),
                    status: status_code(v.snapshot.status),
                    answered: v.snapshot.answered.map(day),
                    withdrawn: v.snapshot.withdrawn.map(day),
                    fingerprint: v.snapshot.fingerprint.as_str(),
                    detail: v
                        .snapshot
                        .detail
                        .as_ref()
                        .map(|d| (d.signaled.map(day), d.ministry.as_str())),
                });
                (r.t, r.by.as_str(), value)
            }),
            flagged: e
                .flagged
                .as_ref()
                .map(|r| (r.t, r.by.as_str(), r.value.map(day))),
            to_signal: e
                .to_signal
                .as_ref()
                .map(|r| (r.t, r.by.as_str(), r.value.map(day))),
            note: e
                .note
                .iter()
                .map(|v| {
                    let seen = v.seen.iter().map(|(b, t)| (b.as_str(), *t)).collect();
                    (v.by.as_str(), v.t, seen, v.text.as_str())
                })
                .collect(),
        }
    }
}

impl EntryBin<String> {
    fn into_entry(self) -> Result<Entry, DecodeError> {
        let reviewed = match self.reviewed {
            None => None,
            Some((t, by, value)) => {
                let value = match value {
                    None => None,
                    Some(v) => Some(Reviewed {
                        date: date(v.date)?,
                        snapshot: Snapshot {
                            status: status_of(v.status)?,
                            answered: v.answered.map(date).transpose()?,
                            withdrawn: v.withdrawn.map(date).transpose()?,
                            fingerprint: v.fingerprint,
                            detail: match v.detail {
                                None => None,
                                Some((signaled, ministry)) => Some(SnapshotDetail {
                                    signaled: signaled.map(date).transpose()?,
                                    ministry,
                                }),
                            },
                        },
                    }),
                };
                Some(Register { t, by, value })
            }
        };
        let register = |r: Option<DateBin<String>>| -> Result<_, DecodeError> {
            Ok(match r {
                None => None,
                Some((t, by, value)) => Some(Register {
                    t,
                    by,
                    value: value.map(date).transpose()?,
                }),
            })
        };
        let flagged = register(self.flagged)?;
        let to_signal = register(self.to_signal)?;
        let note = self
            .note
            .into_iter()
            .map(|(by, t, seen, text)| NoteVersion {
                by,
                t,
                seen: seen.into_iter().collect(),
                text,
            })
            .collect();
        Ok(Entry {
            reviewed,
            flagged,
            to_signal,
            note,
        })
    }
}

/// The bytes of a store's snapshot of `state`, written by `writer`.
pub fn encode(state: &ReviewState, writer: &str) -> Vec<u8> {
    let mut entries: Vec<(&str, EntryBin<&str>)> = state
        .shared
        .entries
        .iter()
        .map(|(id, e)| (id.as_str(), EntryBin::of(e)))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut new: Vec<(&str, i32, u64)> = state
        .loads
        .new
        .iter()
        .map(|(id, s)| (id.as_str(), day(s.date), s.t))
        .collect();
    new.sort_unstable();
    let body = Body {
        writer,
        entries,
        last: state.loads.last.map(day),
        known: state.loads.known.iter().map(String::as_str).collect(),
        new,
    };
    // Serialising plain records into memory cannot fail.
    let payload = postcard::to_stdvec(&body).unwrap_or_default();
    let mut out = Vec::with_capacity(payload.len() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(format!("{FORMAT_VERSION}\n").as_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// Reads a review file of any kind: a snapshot, or a JSON document (see
/// [`super::format::decode`], and `origin` there).
pub fn decode_any(bytes: &[u8], origin: &str) -> Result<Decoded, DecodeError> {
    let unmarked = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if unmarked.starts_with(MAGIC) {
        decode(unmarked)
    } else {
        super::format::decode(bytes, origin)
    }
}

/// Reads a snapshot (the bytes start with [`MAGIC`]).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let invalid = DecodeError::DamagedSnapshot;
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or_else(|| invalid(Damage::NoName))?;
    let line = memchr::memchr(b'\n', rest).ok_or_else(|| invalid(Damage::NoVersion))?;
    let version: u32 = std::str::from_utf8(&rest[..line])
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| invalid(Damage::NoVersion))?;
    if version > FORMAT_VERSION {
        return Err(DecodeError::Newer(version));
    }
    let rest = &rest[line + 1..];
    if rest.len() < 12 {
        return Err(invalid(Damage::CutShort));
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&rest[..8]);
    let mut crc = [0u8; 4];
    crc.copy_from_slice(&rest[8..12]);
    let payload = &rest[12..];
    if payload.len() as u64 != u64::from_le_bytes(len) {
        return Err(invalid(Damage::CutShort));
    }
    if crc32fast::hash(payload) != u32::from_le_bytes(crc) {
        return Err(invalid(Damage::Checksum));
    }
    // Postcard is positional: a format 3 entry has no "to signal" mark at its end.
    let body: Body<String, EntryBin<String>> = if version <= 3 {
        let old: Body<String, EntryBinV3> =
            postcard::from_bytes(payload).map_err(|e| invalid(Damage::Body(e.to_string())))?;
        Body {
            writer: old.writer,
            entries: old
                .entries
                .into_iter()
                .map(|(id, e)| (id, e.into()))
                .collect(),
            last: old.last,
            known: old.known,
            new: old.new,
        }
    } else {
        postcard::from_bytes(payload).map_err(|e| invalid(Damage::Body(e.to_string())))?
    };
    let mut entries = imbl::HashMap::new();
    for (id, e) in body.entries {
        let mut entry = e.into_entry()?;
        if entry.is_empty() {
            continue;
        }
        if entry.note.len() > 1 {
            let versions = std::mem::take(&mut entry.note);
            super::state::merge_note(&mut entry.note, &versions);
        }
        entries.insert(id, entry);
    }
    let mut new = imbl::HashMap::new();
    for (id, d, t) in body.new {
        new.insert(id, FirstSeen { date: date(d)?, t });
    }
    Ok(Decoded {
        state: ReviewState {
            shared: Shared { entries },
            loads: Loads {
                last: body.last.map(date).transpose()?,
                known: body.known.into_iter().collect(),
                new,
            },
        },
        writer: Some(body.writer),
        version,
        repaired_notes: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::state::Stamp;

    #[test]
    fn a_format_3_snapshot_reads_with_no_to_signal_mark_and_a_new_one_keeps_it() {
        #[derive(Serialize)]
        struct EntryV3<'a> {
            reviewed: Option<(u64, &'a str, Option<ReviewedBin<&'a str>>)>,
            flagged: Option<DateBin<&'a str>>,
            note: Vec<NoteBin<&'a str>>,
        }
        let body = Body {
            writer: "a@pc",
            entries: vec![(
                "17-1QE",
                EntryV3 {
                    reviewed: None,
                    flagged: Some((5, "a@pc", Some(day(NaiveDate::MIN)))),
                    note: Vec::new(),
                },
            )],
            last: None,
            known: vec!["17-1QE"],
            new: Vec::new(),
        };
        let payload = postcard::to_stdvec(&body).unwrap();
        let mut bytes = [MAGIC, b"3\n"].concat();
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        let read = decode_any(&bytes, "x").unwrap();
        assert_eq!(read.version, 3);
        let entry = &read.state.shared.entries["17-1QE"];
        assert_eq!(
            (entry.flagged(), entry.to_signal()),
            (Some(NaiveDate::MIN), None)
        );

        let mut state = read.state;
        let today = NaiveDate::from_ymd_opt(2026, 11, 22);
        state.shared.write_to_signal(
            "17-1QE",
            Stamp {
                t: 6,
                by: "a@pc".into(),
            },
            today,
        );
        let again = decode_any(&encode(&state, "a@pc"), "x").unwrap();
        assert_eq!(again.version, FORMAT_VERSION);
        assert_eq!(again.state.shared.entries["17-1QE"].to_signal(), today);
    }

    #[test]
    fn a_snapshot_reads_back_as_written_and_a_damaged_one_not_at_all() {
        let mut state = ReviewState::default();
        let stamp = Stamp {
            t: 5,
            by: "a@pc".into(),
        };
        state.shared.write_flag(
            "17-1QE",
            stamp.clone(),
            NaiveDate::from_ymd_opt(2026, 11, 1),
        );
        state.shared.write_note(
            "17-2QE",
            stamp,
            &crate::review::state::NoteBase::default(),
            "Relancer\nle cabinet",
        );
        state.loads.known.insert("17-1QE".into());
        let bytes = encode(&state, "a@pc");
        let read = decode_any(&bytes, "x").unwrap();
        assert_eq!((read.version, &read.state), (FORMAT_VERSION, &state));
        let mut damaged = bytes.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert!(decode_any(&damaged, "x").is_err());
        assert!(decode_any(&bytes[..bytes.len() - 3], "x").is_err());
        let newer = [MAGIC, b"5\n"].concat();
        assert_eq!(decode_any(&newer, "x"), Err(DecodeError::Newer(5)));
    }
}
