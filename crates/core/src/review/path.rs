//! Where a dossier's review file lives by default: one file per dossier in the user's data
//! directory, named after the dossier's paths.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// The key of the sample dossier.
pub const SAMPLE_KEY: &str = "sample";

/// A stable file-name key for the dossier made of `paths`: `sample` for none, else a short
/// readable name from the first path and a hash of all the canonical paths (sorted, so the
/// order they are given in does not matter), e.g. `asalee-5f0c3a9d27e1b846`.
pub fn dossier_key(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return SAMPLE_KEY.to_string();
    }
    let mut canonical: Vec<PathBuf> = paths.iter().map(|p| canonical(p)).collect();
    canonical.sort();
    canonical.dedup();
    let mut hasher = fnv::FnvHasher::default();
    for p in &canonical {
        hasher.write(p.to_string_lossy().as_bytes());
        hasher.write(b"\n");
    }
    let name = canonical
        .first()
        .and_then(|p| p.file_stem())
        .map(|s| slug(&s.to_string_lossy()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "dossier".to_string());
    format!("{name}-{:016x}", hasher.finish())
}

/// The key of the review file of the library in `dir`, or of one of its named dossiers:
/// `library-1f2e…` or `library-asalee-9c0d…`. Each dossier has its own marks and notes,
/// which re-imports leave alone.
pub fn library_key(dir: &Path, dossier: Option<&str>) -> String {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(canonical(dir).to_string_lossy().as_bytes());
    hasher.write(b"\n");
    if let Some(name) = dossier {
        hasher.write(name.as_bytes());
    }
    match dossier.map(slug).filter(|s| !s.is_empty()) {
        Some(name) => format!("library-{name}-{:016x}", hasher.finish()),
        None => format!("library-{:016x}", hasher.finish()),
    }
}

/// The default review file of a key (see [`dossier_key`], [`library_key`]).
pub fn default_path_for_key(key: &str) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "dossier")?;
    Some(dirs.data_dir().join("reviews").join(format!("{key}.json")))
}

/// The canonical form of a path, or its absolute form when it does not exist (yet).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Lower case ASCII letters, digits and dashes, at most 40 characters.
fn slug(name: &str) -> String {
    let folded = crate::text::fold::fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(40).collect()
}

/// The default review file of the dossier made of `paths`, under the user's data directory
/// (`~/.local/share/dossier/reviews/KEY.json` on Linux); none when the system has no home
/// directory to put it in.
pub fn default_path(paths: &[PathBuf]) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "dossier")?;
    Some(
        dirs.data_dir()
            .join("reviews")
            .join(format!("{}.json", dossier_key(paths))),
    )
}
