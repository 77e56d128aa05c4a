//! The downloads folder (`~/.cache/dossier/downloads/`): each archive at its path under the
//! repository, beside it (hidden, so that reading the folder skips them) a download under
//! way (`.NAME.part`) and what is known of both (`.NAME.state`, JSON): the copy's validators
//! and the libraries it was imported into, the part's validators for a resumed download.

use super::Archive;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The copy of an archive kept in the folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Copy {
    /// Where it was downloaded from: its validators hold for that URL only.
    pub url: String,
    /// The server's `ETag` for it.
    pub etag: Option<String>,
    /// The server's `Last-Modified` for it.
    pub last_modified: Option<String>,
    /// Its size.
    pub length: u64,
    /// When it was downloaded (RFC 3339).
    pub fetched: String,
    /// The libraries it was imported into (their folders).
    #[serde(default)]
    pub imported_into: Vec<String>,
}

/// A download cut short, to resume.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partial {
    /// Where it is downloaded from.
    pub url: String,
    /// The validators of the version being downloaded: a resumed request asks for the rest
    /// only if the server still has that version (`If-Range`).
    pub etag: Option<String>,
    /// See `etag`.
    pub last_modified: Option<String>,
    /// The whole archive's size, when the server said.
    pub length: Option<u64>,
}

impl Partial {
    /// The validator an `If-Range` sends: the entity tag, else the date.
    pub fn validator(&self) -> Option<&str> {
        self.etag
            .as_deref()
            .filter(|e| !e.starts_with("W/"))
            .or(self.last_modified.as_deref())
    }
}

/// What is known of one archive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The copy kept, if any.
    pub copy: Option<Copy>,
    /// A download under way, if any.
    pub partial: Option<Partial>,
}

/// The downloads folder.
#[derive(Debug, Clone)]
pub struct Downloads {
    dir: PathBuf,
}

/// The lock file that keeps two updates apart.
const LOCK: &str = ".update.lock";

impl Downloads {
    /// The folder `dir`.
    pub fn at(dir: &Path) -> Downloads {
        Downloads {
            dir: dir.to_path_buf(),
        }
    }

    /// `downloads/` in the user's cache folder (`$XDG_CACHE_HOME/dossier`).
    pub fn user() -> Option<Downloads> {
        directories::ProjectDirs::from("", "", "dossier")
            .map(|d| Downloads::at(&d.cache_dir().join("downloads")))
    }

    /// Its path.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where an archive is kept.
    pub fn archive(&self, archive: &Archive) -> PathBuf {
        self.dir.join(&archive.path)
    }

    /// A hidden file beside an archive.
    fn beside(&self, archive: &Archive, suffix: &str) -> PathBuf {
        let path = self.archive(archive);
        let name = format!(".{}{suffix}", archive.file_name());
        path.with_file_name(name)
    }

    /// Where its download under way is written.
    pub fn part(&self, archive: &Archive) -> PathBuf {
        self.beside(archive, ".part")
    }

    /// Where what is known of it is kept.
    fn state_path(&self, archive: &Archive) -> PathBuf {
        self.beside(archive, ".state")
    }

    /// What is known of an archive: nothing when its state is missing or unreadable (then
    /// it is downloaded whole again), and no copy when the file kept is gone or is not the
    /// size it was.
    pub fn state(&self, archive: &Archive) -> State {
        let mut state: State =
            dossier_core::files::read_regular(&self.state_path(archive), 1 << 20)
                .ok()
                .and_then(|bytes| serde_json::from_slice(&bytes).ok())
                .unwrap_or_default();
        let kept = fs::metadata(self.archive(archive)).ok().map(|m| m.len());
        if state.copy.as_ref().map(|c| c.length) != kept {
            state.copy = None;
        }
        if state.partial.is_some() && !self.part(archive).is_file() {
            state.partial = None;
        }
        state
    }

    /// Writes what is known of an archive (atomically).
    pub fn save_state(&self, archive: &Archive, state: &State) -> io::Result<()> {
        let path = self.state_path(archive);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let bytes = serde_json::to_vec_pretty(state).map_err(io::Error::other)?;
        dossier_core::review::fs::write_atomic(&dossier_core::review::fs::RealFs, &path, &bytes)
            .map_err(|e| e.error)
    }

    /// The bytes of the download under way.
    pub fn part_len(&self, archive: &Archive) -> u64 {
        fs::metadata(self.part(archive)).map_or(0, |m| m.len())
    }

    /// Forgets the download under way.
    pub fn drop_part(&self, archive: &Archive, state: &mut State) -> io::Result<()> {
        state.partial = None;
        match fs::remove_file(self.part(archive)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        self.save_state(archive, state)
    }

    /// Records that the copy kept of `archive` was imported into `library`.
    pub fn mark_imported(&self, archive: &Archive, library: &str) -> io::Result<()> {
        let mut state = self.state(archive);
        let Some(copy) = state.copy.as_mut() else {
            return Ok(());
        };
        if !copy.imported_into.iter().any(|l| l == library) {
            copy.imported_into.push(library.to_string());
            self.save_state(archive, &state)?;
        }
        Ok(())
    }

    /// Takes the folder for one update; `None` when another update holds it.
    pub fn lock(&self) -> io::Result<Option<dossier_core::review::fs::FileLock>> {
        fs::create_dir_all(&self.dir)?;
        dossier_core::review::fs::FileLock::try_hold(&self.dir.join(LOCK))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::model::QuestionKind;

    #[test]
    fn state_is_kept_beside_the_archive_and_a_copy_that_changed_size_is_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let downloads = Downloads::at(dir.path());
        let qe = Archive::questions(17, QuestionKind::Written);
        assert_eq!(downloads.state(&qe), State::default());
        let path = downloads.archive(&qe);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, b"PK\x05\x06rest").unwrap();
        let state = State {
            copy: Some(Copy {
                url: "http://127.0.0.1/qe".into(),
                etag: Some("\"v1\"".into()),
                length: 8,
                ..Copy::default()
            }),
            partial: Some(Partial::default()),
        };
        downloads.save_state(&qe, &state).unwrap();
        assert!(downloads
            .part(&qe)
            .ends_with("17/questions/questions_ecrites/.Questions_ecrites.json.zip.part"));
        let read = downloads.state(&qe);
        assert_eq!(read.copy, state.copy);
        assert_eq!(read.partial, None, "no part file: nothing to resume");
        downloads.mark_imported(&qe, "/lib").unwrap();
        downloads.mark_imported(&qe, "/lib").unwrap();
        assert_eq!(
            downloads.state(&qe).copy.unwrap().imported_into,
            ["/lib".to_string()]
        );
        fs::write(&path, b"PK\x05\x06").unwrap();
        assert_eq!(
            downloads.state(&qe).copy,
            None,
            "another file than the one recorded"
        );
        let lock = downloads.lock().unwrap();
        assert!(lock.is_some());
        assert!(downloads.lock().unwrap().is_none(), "one update at a time");
    }
}
