//! Where review state lives: one review file, or a team folder where each staffer writes
//! only their own file and reads everyone's.
//!
//! A team folder can be shared by any file-sync tool (Syncthing, Nextcloud, a network
//! share): no two people write one file, so no lock is needed between them, and the copies a
//! sync tool makes when two edits cross (`alice@pc.sync-conflict-20261201-101500-ABCD.json`,
//! `alice@pc (conflicted copy 2026-12-01).json`) are merged like the rest.

use super::fs::{parent_dir, FileLock};
use std::hash::Hasher;
use std::io;
use std::path::{Path, PathBuf};

/// Where a store reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// One review file (by default one per dossier in the data directory).
    File(PathBuf),
    /// A team folder: `DIR/<writer>.json` is written, every `*.json` there is read.
    Team {
        /// The folder.
        dir: PathBuf,
        /// This staffer's writer id.
        writer: String,
    },
}

impl Location {
    /// The file this store writes.
    pub fn own_file(&self) -> PathBuf {
        match self {
            Location::File(path) => path.clone(),
            Location::Team { dir, writer } => dir.join(format!("{writer}.json")),
        }
    }

    /// The files to read besides [`Self::own_file`] and its log: in a team folder, every
    /// visible `*.json` and `*.log` file (colleagues' snapshots and logs, and sync-conflict
    /// copies of them), sorted.
    pub fn other_files(&self) -> io::Result<Vec<PathBuf>> {
        let Location::Team { dir, .. } = self else {
            return Ok(Vec::new());
        };
        let own = self.own_file();
        let own_log = super::fs::sidecar(&own, ".log");
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            let ours = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("log"));
            if name.starts_with('.') || !ours || path == own || path == own_log {
                continue;
            }
            files.push(path);
        }
        files.sort();
        Ok(files)
    }

    /// The folder the store writes in.
    pub fn dir(&self) -> PathBuf {
        match self {
            Location::File(path) => parent_dir(path).to_path_buf(),
            Location::Team { dir, .. } => dir.clone(),
        }
    }
}

/// Most processes of one writer open on one store at once.
const MAX_SLOTS: u32 = 64;

/// Claims the lowest free process slot of a writer on a file, held until the lock is dropped
/// (see [`super::clock`]). The lock files live in `lock_dir` (the user's local data
/// directory), not beside the review file, so a synced folder never carries them. Returns
/// slot 0 and no lock when locks cannot be made there.
pub fn claim_slot(own_file: &Path, lock_dir: Option<&Path>) -> (u32, Option<FileLock>) {
    let canonical = std::fs::canonicalize(parent_dir(own_file))
        .map(|d| d.join(own_file.file_name().unwrap_or_default()))
        .unwrap_or_else(|_| own_file.to_path_buf());
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(canonical.to_string_lossy().as_bytes());
    let key = format!("{:016x}", hasher.finish());
    let dir = match lock_dir {
        Some(d) => d.to_path_buf(),
        None => return (0, None),
    };
    if std::fs::create_dir_all(&dir).is_err() {
        return (0, None);
    }
    for slot in 0..MAX_SLOTS {
        match FileLock::try_hold(&dir.join(format!("{key}.slot-{slot}.lock"))) {
            Ok(Some(lock)) => return (slot, Some(lock)),
            Ok(None) => continue,
            Err(_) => return (0, None),
        }
    }
    (MAX_SLOTS, None)
}

/// The user's directory for lock files: `~/.local/share/dossier/locks` on Linux.
pub fn default_lock_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.data_local_dir().join("locks"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_folders_read_every_json_but_hidden_and_own() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "alice@pc.json",
            "bob@mac.json",
            "alice@pc.sync-conflict-20261201-101500-ABCD.json",
            "bob@mac (conflicted copy 2026-12-01).json",
            ".alice@pc.json.tmp-1-2",
            "notes.txt",
            "alice@pc.json.bak",
            "alice@pc.json.log",
            "bob@mac.json.log",
            "bob@mac.json.sync-conflict-20261201-101500-ABCD.log",
        ] {
            std::fs::write(dir.path().join(name), b"{}").unwrap();
        }
        let team = Location::Team {
            dir: dir.path().to_path_buf(),
            writer: "alice@pc".into(),
        };
        assert_eq!(team.own_file(), dir.path().join("alice@pc.json"));
        let names: Vec<String> = team
            .other_files()
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        assert_eq!(
            names,
            vec![
                "alice@pc.sync-conflict-20261201-101500-ABCD.json",
                "bob@mac (conflicted copy 2026-12-01).json",
                "bob@mac.json",
                "bob@mac.json.log",
                "bob@mac.json.sync-conflict-20261201-101500-ABCD.log",
            ]
        );
    }

    #[test]
    fn a_second_process_takes_the_next_slot() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.json");
        let locks = dir.path().join("locks");
        let (a, lock_a) = claim_slot(&file, Some(&locks));
        let (b, _lock_b) = claim_slot(&file, Some(&locks));
        assert_eq!((a, b), (0, 1));
        drop(lock_a);
        let (c, _lock_c) = claim_slot(&file, Some(&locks));
        assert_eq!(c, 0);
    }
}
