//! The log of changes beside a snapshot: one line per record, each record a delta of the
//! review state, and so itself a state (merging records in any order, any number of times,
//! gives the same state). A change costs one short append, whatever the size of the state.
//!
//! A line is `CCCCCCCC JSON\n`: the CRC-32 of the JSON in eight hex digits, a space, and the
//! JSON on one line (strings escape their line breaks, so a line is a record). A record cut
//! short by a crash (`kill -9` in the middle of an append, a power cut) has no line end or
//! a checksum that does not match: it is told and ignored, and the next append cuts it off
//! first. The first line is the header,
//! `{"format":"dossier-review-log","version":3,"writer":"alice@pc","id":"…"}`, whose
//! checksum tells one log from the next: a compaction folds the log into the snapshot and
//! starts a new log, and a reader that kept an offset into the old one reads the new one
//! from its start.

use super::format::{BodyIn, BodyOut, DecodeError, FORMAT_VERSION};
use super::state::ReviewState;
use serde::{Deserialize, Serialize};

/// The name in a log's header.
pub const LOG_FORMAT_NAME: &str = "dossier-review-log";

/// `CCCCCCCC ` before the JSON.
const PREFIX: usize = 9;

/// One framed line: checksum, space, payload, line end.
pub fn frame(payload: &[u8]) -> Vec<u8> {
    let mut line = Vec::with_capacity(payload.len() + PREFIX + 1);
    line.extend_from_slice(format!("{:08x} ", crc32fast::hash(payload)).as_bytes());
    line.extend_from_slice(payload);
    line.push(b'\n');
    line
}

/// The payload of a whole line (without its line end) whose checksum matches, and the
/// checksum.
fn unframe(line: &[u8]) -> Option<(u32, &[u8])> {
    if line.len() < PREFIX || line[PREFIX - 1] != b' ' {
        return None;
    }
    let hex = std::str::from_utf8(&line[..PREFIX - 1]).ok()?;
    let crc = u32::from_str_radix(hex, 16).ok()?;
    let payload = &line[PREFIX..];
    (crc32fast::hash(payload) == crc).then_some((crc, payload))
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    #[serde(default)]
    writer: String,
    #[serde(default)]
    id: String,
}

/// The header line of a new log of `writer`; `id` tells this log from the ones before it.
pub fn header(writer: &str, id: &str) -> Vec<u8> {
    let header = Header {
        format: LOG_FORMAT_NAME.to_string(),
        version: FORMAT_VERSION,
        writer: writer.to_string(),
        id: id.to_string(),
    };
    frame(&serde_json::to_vec(&header).unwrap_or_default())
}

/// The record line of a delta (its loads included).
pub fn record(delta: &ReviewState) -> Vec<u8> {
    frame(&serde_json::to_vec(&BodyOut::of(delta, true)).unwrap_or_default())
}

/// What was read of a log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogRead {
    /// The records read, merged.
    pub state: ReviewState,
    /// The checksum of the header: which log this is (none while it has no whole header).
    pub head: Option<u32>,
    /// The offset just past the last whole line read: where to read on from, and where a
    /// torn record begins.
    pub end: u64,
    /// Records read.
    pub records: usize,
    /// Whole lines that were no record (a bad checksum, not the state's fields): skipped.
    pub damaged: usize,
}

/// Reads the lines of a log in `bytes`, which start at byte `offset` of the file. From
/// offset 0 the first line must be a log's header; past it, `head` is the header already
/// read there. Bytes after the last line end (a record being written, or torn) are left for
/// a later read.
pub fn parse(bytes: &[u8], offset: u64, head: Option<u32>) -> Result<LogRead, DecodeError> {
    let mut out = LogRead {
        head: if offset == 0 { None } else { head },
        end: offset,
        ..LogRead::default()
    };
    let mut pos = 0;
    while let Some(n) = memchr::memchr(b'\n', &bytes[pos..]) {
        let line = &bytes[pos..pos + n];
        pos += n + 1;
        if out.head.is_none() {
            out.head = Some(read_header(line)?);
        } else {
            match unframe(line).and_then(|(_, p)| serde_json::from_slice::<BodyIn>(p).ok()) {
                Some(body) => {
                    let delta = body.into_state();
                    if out.state.is_empty() {
                        out.state = delta;
                    } else {
                        out.state.merge(&delta);
                    }
                    out.records += 1;
                }
                None => out.damaged += 1,
            }
        }
        out.end = offset + pos as u64;
    }
    Ok(out)
}

/// Checks a log's first line; returns its checksum.
fn read_header(line: &[u8]) -> Result<u32, DecodeError> {
    let not_a_log = || DecodeError::NotALog;
    let (crc, payload) = unframe(line).ok_or_else(not_a_log)?;
    let header: Header = serde_json::from_slice(payload).map_err(|_| not_a_log())?;
    if header.format != LOG_FORMAT_NAME {
        return Err(not_a_log());
    }
    if header.version > FORMAT_VERSION {
        return Err(DecodeError::Newer(header.version));
    }
    Ok(crc)
}

/// The checksum of a log's header line at the start of `bytes`, when whole and valid.
pub fn head_of(bytes: &[u8]) -> Option<u32> {
    let n = memchr::memchr(b'\n', bytes)?;
    read_header(&bytes[..n]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::state::Stamp;
    use chrono::NaiveDate;

    fn flag(id: &str, t: u64) -> ReviewState {
        let mut s = ReviewState::default();
        let stamp = Stamp {
            t,
            by: "a@pc".into(),
        };
        s.shared
            .write_flag(id, stamp, NaiveDate::from_ymd_opt(2026, 11, 1));
        s
    }

    #[test]
    fn records_read_back_merged_and_a_torn_tail_is_left() {
        let mut log = header("a@pc", "1");
        log.extend(record(&flag("17-1QE", 1)));
        log.extend(record(&flag("17-2QE", 2)));
        let whole = log.len() as u64;
        let torn = record(&flag("17-3QE", 3));
        log.extend(&torn[..torn.len() / 2]);
        let read = parse(&log, 0, None).unwrap();
        assert_eq!(read.records, 2);
        assert_eq!(read.end, whole);
        let mut expected = flag("17-1QE", 1);
        expected.merge(&flag("17-2QE", 2));
        assert_eq!(read.state, expected);
        // Read on from the end: nothing whole yet.
        let more = parse(&log[whole as usize..], whole, read.head).unwrap();
        assert_eq!((more.records, more.end), (0, whole));
    }

    #[test]
    fn a_damaged_line_is_skipped_and_a_foreign_file_refused() {
        let mut log = header("a@pc", "1");
        let mut bad = record(&flag("17-1QE", 1));
        bad[12] ^= 1;
        log.extend(bad);
        log.extend(record(&flag("17-2QE", 2)));
        let read = parse(&log, 0, None).unwrap();
        assert_eq!((read.records, read.damaged), (1, 1));
        assert!(parse(b"hello\n", 0, None).is_err());
        let newer = frame(br#"{"format":"dossier-review-log","version":9}"#);
        assert_eq!(parse(&newer, 0, None), Err(DecodeError::Newer(9)));
    }
}
