//! The review file on disk: human-readable JSON with a format name and version.
//!
//! ```json
//! {
//!   "format": "dossier-review",
//!   "version": 1,
//!   "last_observed": "2026-11-22",
//!   "entries": {
//!     "17-13811QE": { "reviewed": "2026-11-20", "snapshot": { ... }, "note": "Relancer" }
//!   },
//!   "known_ids": ["16-16353QE", "17-13809QE", ...]
//! }
//! ```

use super::entry::ReviewEntry;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// The name written in every review file, so a stray JSON file is not taken for one.
pub const FORMAT_NAME: &str = "dossier-review";

/// The version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// Everything a review file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewData {
    /// The day of the last load observed; none before the first.
    pub last_observed: Option<NaiveDate>,
    /// Review state per question id; entries that record nothing are left out. A hash map:
    /// the query engine looks every question up (the file lists them sorted all the same).
    pub entries: HashMap<String, ReviewEntry>,
    /// Every question id seen by a load, to tell new questions at the next one.
    pub known_ids: BTreeSet<String>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_observed: Option<NaiveDate>,
    entries: BTreeMap<&'a str, &'a ReviewEntry>,
    known_ids: &'a BTreeSet<String>,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

#[derive(Deserialize)]
struct FileIn {
    #[serde(default)]
    last_observed: Option<NaiveDate>,
    #[serde(default)]
    entries: HashMap<String, ReviewEntry>,
    #[serde(default)]
    known_ids: BTreeSet<String>,
}

/// Why the bytes of a review file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON, not a review file, or fields of the wrong type.
    Invalid(String),
    /// Written by a newer dossier, in a format this build does not know.
    Newer(u32),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Invalid(why) => f.write_str(why),
            DecodeError::Newer(v) => write!(
                f,
                "written by a newer dossier (format version {v}; this one reads up to \
                 {FORMAT_VERSION}); update dossier to change it"
            ),
        }
    }
}

/// Serialises the data as pretty JSON, ending with a newline.
pub fn encode(data: &ReviewData) -> Vec<u8> {
    let out = FileOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        last_observed: data.last_observed,
        entries: data.entries.iter().map(|(k, v)| (k.as_str(), v)).collect(),
        known_ids: &data.known_ids,
    };
    // Serialising maps with string keys and plain fields into memory cannot fail.
    let mut bytes = serde_json::to_vec_pretty(&out).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Reads the bytes of a review file. An empty file is an empty store (nothing to lose by
/// writing over it); anything else must name the format and a version this build knows.
pub fn decode(bytes: &[u8]) -> Result<ReviewData, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(ReviewData::default());
    }
    let header: Header = serde_json::from_slice(bytes)
        .map_err(|e| DecodeError::Invalid(format!("not valid JSON ({e})")))?;
    if header.format.as_deref() != Some(FORMAT_NAME) {
        return Err(DecodeError::Invalid(format!(
            "not a dossier review file (no \"format\": \"{FORMAT_NAME}\")"
        )));
    }
    match header.version {
        None => {
            return Err(DecodeError::Invalid(
                "no format \"version\" in the file".to_string(),
            ))
        }
        Some(v) if v > FORMAT_VERSION => return Err(DecodeError::Newer(v)),
        Some(_) => {}
    }
    let file: FileIn = serde_json::from_slice(bytes)
        .map_err(|e| DecodeError::Invalid(format!("unexpected content ({e})")))?;
    let mut data = ReviewData {
        last_observed: file.last_observed,
        entries: file.entries,
        known_ids: file.known_ids,
    };
    data.entries.retain(|_, e| !e.is_empty());
    Ok(data)
}
