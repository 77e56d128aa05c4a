//! Review state that persists and merges safely between windows and colleagues: per
//! question a reviewed mark, a follow-up flag and a note, and what changed since each
//! question was last reviewed.
//!
//! - [`state`]: the state as a convergent replicated data type (marks as last-writer-wins
//!   registers, notes as sets of versions with visible conflicts), whose merge is a join;
//! - [`clock`]: writer ids, process slots and the hybrid clock that stamps changes;
//! - [`change`]: what changed since a review (snapshots);
//! - [`format`]: the JSON documents and snapshots, and the upgrade of older files;
//! - [`snapshot`]: a store's whole state, binary and checksummed, beside its log;
//! - [`log`]: the log of changes beside a snapshot (records checksummed, torn ones ignored);
//! - [`location`]: one review file, or a team folder (each staffer writes their own files);
//! - [`fs`]: atomic writes, appends, locks, links followed and special files refused;
//! - [`error`]: why a file cannot be used, why a change or a save failed;
//! - [`disk`]: saves (an append, or a compaction) and reads (by offset) as jobs;
//! - [`store`]: the [`ReviewStore`] that edits, saves and reads;
//! - [`writer`]: the background thread the viewer saves and reads with.
//!
//! The files are described in `docs/review-format.md`.

pub mod change;
pub mod clock;
pub mod disk;
pub mod error;
pub mod format;
pub mod fs;
pub mod location;
pub mod log;
pub mod path;
pub mod snapshot;
pub mod state;
pub mod store;
pub mod writer;

#[cfg(test)]
mod props;

pub use change::{Change, ChangeSummary, Snapshot};
pub use format::FORMAT_VERSION;
pub use location::Location;
pub use path::{default_path, dossier_key};
pub use state::{Entry, NoteBase, NoteVersion, NoteView, ReviewState};
pub use store::{
    ImportReport, Imported, Incoming, NoteOutcome, OpenOptions, ReviewError, ReviewStore, Unusable,
};

use std::path::{Path, PathBuf};

/// Where a dossier's review state lives: the team folder when one is given (`--team`), else
/// the review file given (`--review-file`), else one file per dossier in the user's data
/// directory. `None` when the system has no data directory and nothing was given.
pub fn location_for(
    review_file: Option<&Path>,
    team: Option<&Path>,
    paths: &[PathBuf],
    writer: &str,
) -> Option<Location> {
    location_for_key(review_file, team, &dossier_key(paths), writer)
}

/// [`location_for`] a dossier named by its review key (see [`path`]): a library's, a named
/// dossier's.
pub fn location_for_key(
    review_file: Option<&Path>,
    team: Option<&Path>,
    key: &str,
    writer: &str,
) -> Option<Location> {
    if let Some(dir) = team {
        return Some(Location::Team {
            dir: dir.to_path_buf(),
            writer: writer.to_string(),
        });
    }
    review_file
        .map(Path::to_path_buf)
        .or_else(|| path::default_path_for_key(key))
        .map(Location::File)
}

/// Where unsaved review state is copied when it cannot be written at exit.
pub fn rescue_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "dossier")
        .map(|d| d.data_dir().join("unsaved"))
        .unwrap_or_else(|| std::env::temp_dir().join("dossier-unsaved"))
}
