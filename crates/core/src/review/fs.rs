//! The file operations the store needs, behind a trait so that tests can make them fail
//! (a full disk, a crash between write and rename), and the atomic replacement built on them.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Largest review file read; a bigger one is not a review file (or not one to load whole).
pub const MAX_REVIEW_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How long a save waits for another process holding the lock.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The file operations of the store. [`RealFs`] does them on disk; tests wrap it to fail.
pub trait Fs: Send + Sync {
    /// Reads a whole file (`NotFound` when it does not exist).
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Creates `path`, which must not exist, writes `bytes` into it and syncs it to disk.
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Renames `from` over `to`, atomically replacing it.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Removes a file.
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// Syncs a directory, so that a rename in it survives a power cut.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    /// Creates a directory and its parents.
    fn create_dir_all(&self, dir: &Path) -> io::Result<()>;
    /// The entries of a directory.
    fn list_dir(&self, dir: &Path) -> io::Result<Vec<PathBuf>>;
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl Fs for RealFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        if len > MAX_REVIEW_FILE_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "file is {len} bytes, over the {} MB limit of a review file",
                    MAX_REVIEW_FILE_BYTES / (1024 * 1024)
                ),
            ));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        file.take(MAX_REVIEW_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }

    #[cfg(unix)]
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }

    // Directories cannot be opened for syncing on other systems; their renames are durable
    // by other means (NTFS journals metadata).
    #[cfg(not(unix))]
    fn sync_dir(&self, _dir: &Path) -> io::Result<()> {
        Ok(())
    }

    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        fs::create_dir_all(dir)
    }

    fn list_dir(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        fs::read_dir(dir)?
            .map(|entry| entry.map(|e| e.path()))
            .collect()
    }
}

/// `path` with `suffix` appended to its file name: `reviews.json` -> `reviews.json.bak`.
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The directory a file is in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The prefix of the temporary files written next to `target`: `.reviews.json.tmp-`.
pub fn temp_prefix(target: &Path) -> String {
    format!(
        ".{}.tmp-",
        target.file_name().unwrap_or_default().to_string_lossy()
    )
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// What failed in [`write_atomic`].
#[derive(Debug)]
pub struct WriteError {
    /// The step, as a verb phrase: "write", "replace".
    pub action: &'static str,
    /// The file the step was about.
    pub path: PathBuf,
    /// The system's error.
    pub error: io::Error,
}

/// Replaces `target` with `bytes` so that, whatever happens, `target` holds either its old
/// content or the new one in full: write a temporary file in the same directory, sync it,
/// rename it over `target`, sync the directory. A failed step removes the temporary file
/// (a crash may leave it: its name starts with [`temp_prefix`], and it is never read).
pub fn write_atomic(fs: &dyn Fs, target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = parent_dir(target);
    let temp = dir.join(format!(
        "{}{}-{}",
        temp_prefix(target),
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    if let Err(error) = fs.write_new(&temp, bytes) {
        let _ = fs.remove_file(&temp);
        return Err(WriteError {
            action: "write",
            path: target.to_path_buf(),
            error,
        });
    }
    if let Err(error) = fs.rename(&temp, target) {
        let _ = fs.remove_file(&temp);
        return Err(WriteError {
            action: "replace",
            path: target.to_path_buf(),
            error,
        });
    }
    // The new content is in place; a failed directory sync only weakens durability against
    // a power cut, and reporting it as a failed save would make memory and disk disagree.
    let _ = fs.sync_dir(dir);
    Ok(())
}

/// Removes temporary files a crashed save left next to `target`. Only called under the
/// lock, when no other writer can be half-way through one.
pub fn remove_stale_temps(fs: &dyn Fs, target: &Path) {
    let dir = parent_dir(target);
    let prefixes = [temp_prefix(target), temp_prefix(&sidecar(target, ".bak"))];
    if let Ok(entries) = fs.list_dir(dir) {
        for path in entries {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if prefixes.iter().any(|p| name.starts_with(p.as_str())) {
                let _ = fs.remove_file(&path);
            }
        }
    }
}

/// An exclusive lock on a review file, held through a sidecar `.lock` file (never removed:
/// removing a lock file lets two processes lock two different files). Released on drop.
#[derive(Debug)]
pub struct FileLock {
    file: File,
}

impl FileLock {
    /// Takes the lock of `target`, waiting up to [`LOCK_WAIT`] for another holder.
    pub fn acquire(target: &Path) -> io::Result<FileLock> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(sidecar(target, ".lock"))?;
        let start = Instant::now();
        loop {
            // Called through the trait: std's own `File::try_lock` is newer than our MSRV.
            if fs4::fs_std::FileExt::try_lock_exclusive(&file)? {
                return Ok(FileLock { file });
            }
            if start.elapsed() > LOCK_WAIT {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "another dossier process has held the lock for over {} s",
                        LOCK_WAIT.as_secs()
                    ),
                ));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = fs4::fs_std::FileExt::unlock(&self.file);
    }
}
