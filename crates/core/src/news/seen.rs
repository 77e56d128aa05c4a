//! When each dossier's news was last shown to a writer: one small file per writer in the
//! folder of the review store (`<writer>.news-seen`, JSON), so that a colleague reading the
//! news of a shared dossier does not mark it read for you, and a sync tool carries it with
//! your review file. Not a review file (its name does not end in `.json`, which a team
//! folder reads as review state). Written atomically under a lock; a look never moves an
//! earlier one forward past a later one (two processes of one writer, say).

use crate::review::fs::{self, FileLock, RealFs, LOCK_WAIT};
use crate::review::Location;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The file's format version.
const FORMAT: u32 = 1;

/// Largest file read: a writer's looks at a few thousand dossiers.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// One look at a dossier's news.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Look {
    /// The day taken as today then (the news's last day).
    pub day: NaiveDate,
    /// The moment (what the library's imports changed after it is news).
    pub at: DateTime<Utc>,
}

/// The file's content.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Looks {
    format: u32,
    #[serde(default)]
    dossiers: BTreeMap<String, Look>,
}

/// Why the last look could not be read or kept.
#[derive(Debug, thiserror::Error)]
pub enum SeenError {
    /// The file could not be read, locked or written.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        error: io::Error,
    },
    /// The file is not one of ours (or a later version's).
    #[error("{path}: not a file of news looks")]
    Unreadable {
        /// The file.
        path: PathBuf,
    },
}

impl SeenError {
    /// The file concerned.
    pub fn path(&self) -> &Path {
        match self {
            SeenError::Io { path, .. } | SeenError::Unreadable { path } => path,
        }
    }
}

/// A writer's looks at the news of their dossiers.
#[derive(Debug, Clone)]
pub struct Seen {
    path: PathBuf,
}

impl Seen {
    /// The looks of `writer`, kept beside the review store at `location`.
    pub fn beside(location: &Location, writer: &str) -> Seen {
        Seen::at(location.dir().join(format!("{writer}.news-seen")))
    }

    /// The looks kept in this file.
    pub fn at(path: PathBuf) -> Seen {
        Seen { path }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The last look at the dossier of `key` (none when never shown).
    pub fn last(&self, key: &str) -> Result<Option<Look>, SeenError> {
        Ok(self.read()?.dossiers.get(key).copied())
    }

    /// Records a look at the dossier of `key` (kept only if later than the one recorded).
    pub fn record(&self, key: &str, look: Look) -> Result<(), SeenError> {
        self.swap(key, look).map(|_| ())
    }

    /// Records a look at the dossier of `key`, as [`Seen::record`], and gives the one
    /// recorded before it (in one step: two windows opened at once see the same).
    pub fn swap(&self, key: &str, look: Look) -> Result<Option<Look>, SeenError> {
        let io = |error| SeenError::Io {
            path: self.path.clone(),
            error,
        };
        let real = RealFs;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::Fs::create_dir_all(&real, dir).map_err(io)?;
        }
        let target = fs::write_target(&self.path).map_err(io)?;
        let _lock = FileLock::acquire(&target, LOCK_WAIT).map_err(io)?;
        // A file we cannot read is one we do not replace.
        let mut looks = self.read()?;
        looks.format = FORMAT;
        let before = looks.dossiers.get(key).copied();
        let kept = looks.dossiers.entry(key.to_string()).or_insert(look);
        if look.at > kept.at {
            *kept = look;
        }
        let mut bytes = serde_json::to_vec_pretty(&looks).map_err(|e| io(io::Error::other(e)))?;
        bytes.push(b'\n');
        fs::write_atomic(&real, &target, &bytes).map_err(|e| io(e.error))?;
        Ok(before)
    }

    fn read(&self) -> Result<Looks, SeenError> {
        let bytes = match fs::read_regular_from(&self.path, 0, MAX_BYTES) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Looks::default()),
            Err(error) => {
                return Err(SeenError::Io {
                    path: self.path.clone(),
                    error,
                })
            }
        };
        match serde_json::from_slice::<Looks>(&bytes) {
            Ok(looks) if looks.format <= FORMAT => Ok(looks),
            _ => Err(SeenError::Unreadable {
                path: self.path.clone(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(day: u32, hour: u32) -> Look {
        let day = NaiveDate::from_ymd_opt(2026, 12, day).expect("a date");
        let at = day.and_hms_opt(hour, 0, 0).expect("a time").and_utc();
        Look { day, at }
    }

    #[test]
    fn looks_are_kept_per_dossier_and_never_moved_back() {
        let dir = tempfile::tempdir().expect("a folder");
        let seen = Seen::beside(
            &Location::File(dir.path().join("reviews").join("k.json")),
            "alice@pc",
        );
        assert_eq!(seen.last("a").expect("no file yet"), None);
        seen.record("a", look(3, 9)).expect("kept");
        seen.record("b", look(4, 9)).expect("kept");
        seen.record("a", look(2, 9)).expect("an earlier look");
        assert_eq!(seen.last("a").expect("read"), Some(look(3, 9)));
        assert_eq!(seen.last("b").expect("read"), Some(look(4, 9)));
        assert_eq!(seen.swap("a", look(5, 9)).expect("kept"), Some(look(3, 9)));
        assert_eq!(seen.last("a").expect("read"), Some(look(5, 9)));
        assert!(seen
            .path()
            .ends_with(Path::new("reviews").join("alice@pc.news-seen")));
    }

    #[test]
    fn a_colleague_has_a_file_of_their_own() {
        let dir = tempfile::tempdir().expect("a folder");
        let team = |writer: &str| Location::Team {
            dir: dir.path().to_path_buf(),
            writer: writer.to_string(),
        };
        let alice = Seen::beside(&team("alice@pc"), "alice@pc");
        let bob = Seen::beside(&team("bob@pc"), "bob@pc");
        alice.record("d", look(3, 9)).expect("kept");
        assert_eq!(bob.last("d").expect("read"), None);
        // Not read as a review file of the team folder.
        let others = team("carol@pc").other_files().expect("listed");
        assert!(others.is_empty(), "{others:?}");
    }

    #[test]
    fn a_damaged_file_is_said_and_not_replaced() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("alice@pc.news-seen");
        std::fs::write(&path, b"{ not json").expect("written");
        let seen = Seen::at(path.clone());
        assert!(matches!(seen.last("a"), Err(SeenError::Unreadable { .. })));
        assert!(seen.record("a", look(3, 9)).is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"{ not json");
    }
}
