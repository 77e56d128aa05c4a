//! Finding the question documents under the paths named: files named are always read;
//! folders are walked for the documents' extensions, hidden entries, symlink loops and
//! special files left out, each refusal a diagnostic.

use crate::limits::Limits;
use crate::parse::diagnostic::Diagnostic;
use crate::parse::problem::{IoReason, Problem};
use std::path::{Path, PathBuf};

/// The files found under the paths given.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Question documents to read, sorted by path within each folder named.
    pub files: Vec<PathBuf>,
    /// For each file, the index of the path named it was found under.
    pub origin: Vec<u32>,
    /// The canonical form of each path named (what a cache is kept for).
    pub roots: Vec<String>,
    /// Paths that could not be walked.
    pub diagnostics: Vec<Diagnostic>,
    /// Files that are not `.txt` or `.md`.
    pub ignored: usize,
}

/// A path the user named that cannot be opened at all (a typo, a missing drive); worded by
/// `i18n::load::path_error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// The path, as the user gave it.
    pub path: PathBuf,
    /// Why it cannot be opened, from the system.
    pub reason: IoReason,
}

/// Checks that every path named on the command line exists, before any loading: a missing
/// path is an error to report at once, unlike a bad file found inside a directory.
pub fn check_paths(paths: &[PathBuf]) -> Result<(), PathError> {
    for path in paths {
        if let Err(e) = std::fs::metadata(path) {
            return Err(PathError {
                path: path.clone(),
                reason: IoReason::from(&e),
            });
        }
    }
    Ok(())
}

/// Extensions of the files a folder's walk reads: text and markdown renderings, saved pages,
/// open-data JSON and XML files, and zip archives. (A file named on the command line is read
/// whatever its name: its content tells what it is.)
pub const DOCUMENT_EXTENSIONS: [&str; 8] =
    ["txt", "md", "markdown", "html", "htm", "json", "xml", "zip"];

/// True for the extensions the files a folder's walk reads have.
pub fn is_document_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        DOCUMENT_EXTENSIONS
            .iter()
            .any(|d| e.eq_ignore_ascii_case(d))
    })
}

/// Finds the question documents under `paths`: files named directly are always read;
/// directories are walked recursively for `.txt` and `.md` files, hidden entries, symlink
/// loops and special files (FIFOs, devices) left out.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    discover_limited(paths, &Limits::default())
}

/// [`discover`] with explicit limits on depth and number of files.
pub fn discover_limited(paths: &[PathBuf], limits: &Limits) -> Discovery {
    let max_depth = limits.max_depth;
    let max_files = limits.max_files;
    let mut found = Discovery::default();
    // Files by canonical path, so that one folder named twice (`seeds` and `$PWD/seeds`) or
    // a file named inside a folder also given is read once. Only the roots are resolved: the
    // walk's files are keyed by their canonical root and their path below it.
    let mut seen: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for (root_index, root) in paths.iter().enumerate() {
        let shown = root.display().to_string();
        let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        found
            .roots
            .push(canonical_root.to_string_lossy().into_owned());
        let root_index = root_index as u32;
        let meta = match std::fs::metadata(root) {
            Ok(meta) => meta,
            Err(e) => {
                found.diagnostics.push(Diagnostic::skipped(
                    &shown,
                    Problem::CannotOpen(IoReason::from(&e)),
                ));
                continue;
            }
        };
        if meta.is_file() {
            if found.files.len() >= max_files {
                found.diagnostics.push(Diagnostic::skipped(
                    &shown,
                    Problem::TooManyFiles(max_files),
                ));
            } else {
                if seen.insert(canonical_root.clone()) {
                    found.files.push(root.clone());
                    found.origin.push(root_index);
                }
            }
            continue;
        }
        if !meta.is_dir() {
            found
                .diagnostics
                .push(Diagnostic::skipped(&shown, Problem::NotRegular));
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .max_depth(max_depth)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let ft = entry.file_type();
                    if ft.is_dir() {
                        if entry.depth() == max_depth {
                            found.diagnostics.push(Diagnostic::skipped(
                                &entry.path().display().to_string(),
                                Problem::TooDeep(max_depth),
                            ));
                        }
                        continue;
                    }
                    if !is_document_name(entry.path()) {
                        found.ignored += 1;
                        continue;
                    }
                    if !ft.is_file() {
                        found.diagnostics.push(Diagnostic::skipped(
                            &entry.path().display().to_string(),
                            Problem::NotRegular,
                        ));
                        continue;
                    }
                    if found.files.len() >= max_files {
                        found.diagnostics.push(Diagnostic::skipped(
                            &shown,
                            Problem::TooManyFiles(max_files),
                        ));
                        break;
                    }
                    // One root alone cannot name a file twice: the set is kept only for several.
                    if paths.len() == 1 {
                        found.files.push(entry.into_path());
                        found.origin.push(root_index);
                        continue;
                    }
                    let key = match entry.path().strip_prefix(root) {
                        Ok(rel) if !rel.as_os_str().is_empty() => canonical_root.join(rel),
                        _ => canonical_root.clone(),
                    };
                    if seen.insert(key) {
                        found.files.push(entry.into_path());
                        found.origin.push(root_index);
                    }
                }
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| shown.clone());
                    let problem = if e.loop_ancestor().is_some() {
                        Problem::SymlinkLoop
                    } else {
                        Problem::CannotRead(match e.io_error() {
                            Some(io) => IoReason::from(io),
                            None => IoReason {
                                kind: std::io::ErrorKind::Other,
                                text: e.to_string(),
                            },
                        })
                    };
                    found.diagnostics.push(Diagnostic::skipped(&path, problem));
                }
            }
        }
    }
    // Each root's files come sorted by the walk, the roots in the order given.
    found
}
