//! Saved views: a named filter of one dossier (its query, the sort), kept per dossier in the
//! user's data directory (`views/KEY.json`, KEY as for the review file, see
//! [`crate::review::path`]). In the library, a filter is saved as a named dossier instead
//! ([`crate::library::dossiers`]), which has review marks of its own.
//!
//! Each change is read, changed and written under the file's lock, atomically, so that two
//! viewers saving views at once both keep theirs.

use crate::query::{Query, QueryError};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One saved view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    /// Its name.
    pub name: String,
    /// The filter (`asalee statut:attente`).
    #[serde(default)]
    pub query: String,
    /// The sort key's name (`date`, `deadline`…), when the view sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
}

/// The views of one dossier, in the order they were saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Views {
    /// The views.
    pub views: Vec<SavedView>,
}

/// Why views could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum ViewsError {
    /// The name is empty, too long, or holds a control character.
    #[error("invalid view name '{0}'")]
    BadName(String),
    /// The query does not parse.
    #[error("invalid query: {0}")]
    BadQuery(QueryError),
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: io::Error,
    },
    /// The file is not a views file.
    #[error("{path}: not a views file ({what})")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        what: String,
    },
}

/// Largest views file read.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// The views file of a dossier's key, in the user's data directory.
pub fn default_path_for_key(key: &str) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "dossier")?;
    Some(dirs.data_dir().join("views").join(format!("{key}.json")))
}

impl SavedView {
    /// A view, its name and query checked.
    pub fn new(name: &str, query: &str, sort: Option<&str>) -> Result<SavedView, ViewsError> {
        if crate::library::dossiers::check_name(name).is_err() {
            return Err(ViewsError::BadName(name.to_string()));
        }
        Query::parse(query).map_err(ViewsError::BadQuery)?;
        Ok(SavedView {
            name: name.to_string(),
            query: query.to_string(),
            sort: sort.map(str::to_string),
        })
    }
}

impl Views {
    /// Reads the views in `path` (none when it does not exist).
    pub fn read(path: &Path) -> Result<Views, ViewsError> {
        match crate::files::read_regular(path, MAX_BYTES) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| ViewsError::Damaged {
                path: path.to_path_buf(),
                what: e.to_string(),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Views::default()),
            Err(source) => Err(ViewsError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Adds `view` to the views in `path`, replacing the one of the same name; returns true
    /// when it replaced one. Read, changed and written under the file's lock.
    pub fn save(path: &Path, view: SavedView) -> Result<bool, ViewsError> {
        Views::change(path, |views| {
            match views.views.iter_mut().find(|v| v.name == view.name) {
                Some(old) => {
                    *old = view;
                    true
                }
                None => {
                    views.views.push(view);
                    false
                }
            }
        })
    }

    /// Removes the view of that name; returns true when there was one.
    pub fn remove(path: &Path, name: &str) -> Result<bool, ViewsError> {
        Views::change(path, |views| {
            let before = views.views.len();
            views.views.retain(|v| v.name != name);
            views.views.len() != before
        })
    }

    fn change<T>(path: &Path, f: impl FnOnce(&mut Views) -> T) -> Result<T, ViewsError> {
        let io = |source: io::Error| ViewsError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let _lock =
            crate::review::fs::FileLock::acquire(path, Duration::from_secs(5)).map_err(io)?;
        let mut views = Views::read(path)?;
        let out = f(&mut views);
        let mut bytes = serde_json::to_vec_pretty(&views).map_err(|e| io(io::Error::other(e)))?;
        bytes.push(b'\n');
        crate::review::fs::write_atomic(&crate::review::fs::RealFs, path, &bytes)
            .map_err(|e| io(e.error))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_are_saved_replaced_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("views").join("k.json");
        assert!(Views::read(&path).unwrap().views.is_empty());
        let v = SavedView::new("urgent", "est:retard", Some("deadline")).unwrap();
        assert!(!Views::save(&path, v).unwrap());
        let v = SavedView::new("asalee", "asalee", None).unwrap();
        assert!(!Views::save(&path, v).unwrap());
        let v = SavedView::new("urgent", "est:retard signalee", None).unwrap();
        assert!(Views::save(&path, v).unwrap());
        let views = Views::read(&path).unwrap();
        let names: Vec<_> = views.views.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["urgent", "asalee"]);
        assert_eq!(views.views[0].query, "est:retard signalee");
        assert!(Views::remove(&path, "urgent").unwrap());
        assert!(!Views::remove(&path, "urgent").unwrap());
        assert_eq!(Views::read(&path).unwrap().views.len(), 1);
    }

    #[test]
    fn bad_names_queries_and_files_are_refused() {
        assert!(matches!(
            SavedView::new("", "x", None),
            Err(ViewsError::BadName(_))
        ));
        assert!(matches!(
            SavedView::new("a\u{1b}b", "x", None),
            Err(ViewsError::BadName(_))
        ));
        assert!(matches!(
            SavedView::new("a", "statut:", None),
            Err(ViewsError::BadQuery(_))
        ));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.json");
        std::fs::write(&path, "[1,2").unwrap();
        assert!(matches!(
            Views::read(&path),
            Err(ViewsError::Damaged { .. })
        ));
        // A damaged file is not replaced by a save.
        let v = SavedView::new("a", "x", None).unwrap();
        assert!(Views::save(&path, v).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[1,2");
    }
}
