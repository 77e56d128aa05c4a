//! Why a review store cannot use its files, and why a change or a file operation failed.

use super::format::DecodeError;
use super::fs::{Step, WriteError};
use crate::parse::problem::IoReason;
use std::io;
use std::path::{Path, PathBuf};

/// Why a store does not write its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// The file is not a review file this build can read; it is left untouched.
    Unreadable {
        /// What is wrong with it.
        error: DecodeError,
        /// The previous version, when there is one.
        backup: Option<PathBuf>,
    },
    /// The system would not read it.
    CannotRead(IoReason),
    /// It is not a regular file (a FIFO, a device, a directory).
    NotRegular(String),
    /// No file could be chosen (no data directory).
    NoDataDirectory,
    /// Opened for reading only (a report, a list).
    ReadingOnly,
}

/// Plain English, for logs and errors that wrap this one; users read `i18n::review`'s words.
impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::Unreadable { error, .. } => write!(f, "unreadable ({error})"),
            Unusable::CannotRead(reason) => write!(f, "cannot read it ({})", reason.text),
            Unusable::NotRegular(why) => f.write_str(why),
            Unusable::NoDataDirectory => f.write_str("no data directory"),
            Unusable::ReadingOnly => f.write_str("opened for reading only"),
        }
    }
}

/// Why a review change or file operation failed; its Display is plain English (for logs),
/// `i18n::review::error` words it for users.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The store does not write: its file could not be read, or there is none.
    #[error("review file {} is read-only: {reason}", path.display())]
    ReadOnly {
        /// The review file.
        path: PathBuf,
        /// Why it is read-only.
        reason: Unusable,
    },
    /// A file operation failed.
    #[error("review file {}: {action:?} failed: {error}", path.display())]
    Io {
        /// What was being done.
        action: Step,
        /// The file.
        path: PathBuf,
        /// The system's error.
        error: io::Error,
    },
    /// A file given to import is not a review file this build can read.
    #[error("{}: not a review file ({reason})", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: DecodeError,
    },
}

impl ReviewError {
    /// True when the file is not a regular file (the user named a FIFO, a device…).
    pub fn is_not_regular(&self) -> bool {
        match self {
            ReviewError::ReadOnly { reason, .. } => matches!(reason, Unusable::NotRegular(_)),
            ReviewError::Io { error, .. } => error.kind() == io::ErrorKind::InvalidInput,
            ReviewError::Invalid { .. } => false,
        }
    }
}

impl Clone for ReviewError {
    /// A copy (the system's error kept by its kind and text).
    fn clone(&self) -> Self {
        match self {
            ReviewError::ReadOnly { path, reason } => ReviewError::ReadOnly {
                path: path.clone(),
                reason: reason.clone(),
            },
            ReviewError::Io {
                action,
                path,
                error,
            } => ReviewError::Io {
                action: *action,
                path: path.clone(),
                error: io::Error::new(error.kind(), error.to_string()),
            },
            ReviewError::Invalid { path, reason } => ReviewError::Invalid {
                path: path.clone(),
                reason: reason.clone(),
            },
        }
    }
}

impl From<WriteError> for ReviewError {
    fn from(e: WriteError) -> Self {
        ReviewError::Io {
            action: e.action,
            path: e.path,
            error: e.error,
        }
    }
}

pub(super) fn io_error(action: Step, path: &Path) -> impl FnOnce(io::Error) -> ReviewError {
    let path = path.to_path_buf();
    move |error| ReviewError::Io {
        action,
        path,
        error,
    }
}
