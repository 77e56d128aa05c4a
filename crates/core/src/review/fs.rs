//! The file operations the store needs, behind a trait so that tests can make them fail
//! (a full disk, a crash between write and rename); the atomic replacement built on them;
//! locks; and files as the user means them: a symbolic link is followed and its target
//! written (so a link into a synced team folder keeps working), and anything that is not a
//! regular file (a FIFO, a device, a directory) is refused before it is opened, so that it can
//! neither hang dossier nor be replaced by a regular file.

use crate::files::not_regular;
pub use crate::files::{open_regular, read_regular};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Largest review file read; a bigger one is not a review file (or not one to load whole).
/// (A snapshot of 500,000 reviewed questions is about 130 MB.)
pub const MAX_REVIEW_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// How long a save waits for another process holding the lock (saves run in the
/// background: this never stalls typing).
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The file operations of the store. [`RealFs`] does them on disk; tests wrap it to fail.
pub trait Fs: Send + Sync {
    /// Reads a whole regular file (`NotFound` when it does not exist).
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

    /// Reads a regular file from byte `offset` to its end (empty past the end).
    fn read_from(&self, path: &Path, offset: u64) -> io::Result<Vec<u8>> {
        read_regular_from(path, offset, MAX_REVIEW_FILE_BYTES)
    }

    /// Appends `bytes` to a file (created if need be) and syncs its data to disk: when this
    /// returns, the bytes survive a crash.
    fn append(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = OpenOptions::new().append(true).create(true).open(path)?;
        file.write_all(bytes)?;
        file.sync_data()
    }

    /// Cuts a file to `len` bytes (a record torn by a crash), and syncs it.
    fn truncate(&self, path: &Path, len: u64) -> io::Result<()> {
        let file = OpenOptions::new().write(true).open(path)?;
        file.set_len(len)?;
        file.sync_all()
    }

    /// Makes `to` a copy of `from` as it is now (a hard link where the system has them, so a
    /// large file costs nothing to keep), replacing `to`.
    fn keep_copy(&self, from: &Path, to: &Path) -> io::Result<()> {
        let temp = to.with_file_name(format!(
            "{}{}-{}",
            temp_prefix(to),
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let linked = fs::hard_link(from, &temp).or_else(|_| fs::copy(from, &temp).map(|_| ()));
        let renamed = linked.and_then(|()| fs::rename(&temp, to));
        // A rename onto a link to the same file does nothing and leaves the temporary one.
        let _ = fs::remove_file(&temp);
        renamed
    }

    /// Tells whether `target` can be written: its folder exists (or is made) and takes a new
    /// file (a temporary one, created and removed at once).
    fn probe(&self, target: &Path) -> io::Result<()> {
        let dir = parent_dir(target);
        self.create_dir_all(dir)?;
        let probe = dir.join(format!(
            "{}{}-{}",
            temp_prefix(target),
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&probe)?;
        fs::remove_file(&probe)
    }
}

/// Reads a regular file from `offset` on, at most `limit` bytes in all.
pub fn read_regular_from(path: &Path, offset: u64, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} is over {} MB", path.display(), limit / (1024 * 1024)),
        ));
    }
    if offset >= len {
        return Ok(Vec::new());
    }
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::with_capacity((len - offset) as usize);
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl Fs for RealFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        read_regular(path, MAX_REVIEW_FILE_BYTES)
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

/// Most links followed from one path, as the system allows.
const MAX_LINKS: usize = 40;

/// The file a path means to write to: the path itself, or, for a symbolic link, the file it
/// points to (following chains; a dangling link means its target, which will be created).
/// Refuses a path that is, or leads to, anything but a regular file or nothing.
pub fn write_target(path: &Path) -> io::Result<PathBuf> {
    // What the path leads to, links followed by the system (also the kernel's magic links,
    // such as /proc/self/fd/1, whose targets are no paths): anything but a regular file is
    // refused before the chain is walked.
    if let Ok(meta) = fs::metadata(path) {
        if !meta.is_file() {
            return Err(not_regular(path, &meta));
        }
    }
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = if link.is_absolute() {
                    link
                } else {
                    parent_dir(&current).join(link)
                };
            }
            Ok(meta) if meta.is_file() => return Ok(current),
            Ok(meta) => return Err(not_regular(&current, &meta)),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: too many levels of symbolic links", path.display()),
    ))
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

/// The step of a file operation that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading the file.
    Read,
    /// Writing it.
    Write,
    /// Replacing it with the new version.
    Replace,
    /// Writing the backup of the previous version.
    WriteBackup,
    /// Taking its lock.
    Lock,
    /// Creating its folder.
    CreateFolder,
}

/// What failed in [`write_atomic`].
#[derive(Debug)]
pub struct WriteError {
    /// The step.
    pub action: Step,
    /// The file the step was about.
    pub path: PathBuf,
    /// The system's error.
    pub error: io::Error,
}

/// Replaces `target` with `bytes` so that, whatever happens, `target` holds either its old
/// content or the new one in full: write a temporary file in the same directory, sync it,
/// rename it over `target`, sync the directory. A failed step removes the temporary file
/// (a crash may leave it: its name starts with [`temp_prefix`], and it is never read).
/// `target` must already be the real file ([`write_target`]), not a link to it.
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
            action: Step::Write,
            path: target.to_path_buf(),
            error,
        });
    }
    if let Err(error) = fs.rename(&temp, target) {
        let _ = fs.remove_file(&temp);
        return Err(WriteError {
            action: Step::Replace,
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
    let prefixes = [
        temp_prefix(target),
        temp_prefix(&sidecar(target, ".bak")),
        temp_prefix(&sidecar(target, ".log")),
    ];
    if let Ok(entries) = fs.list_dir(dir) {
        for path in entries {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if prefixes.iter().any(|p| name.starts_with(p.as_str())) {
                let _ = fs.remove_file(&path);
            }
        }
    }
}

/// An exclusive lock held through a lock file (never removed: removing a lock file lets two
/// processes lock two different files). Released on drop.
#[derive(Debug)]
pub struct FileLock {
    file: File,
}

impl FileLock {
    /// Takes the lock of `target` (its `.lock` sidecar), waiting up to `wait` for another
    /// holder.
    pub fn acquire(target: &Path, wait: Duration) -> io::Result<FileLock> {
        let file = open_lock_file(&sidecar(target, ".lock"))?;
        let start = Instant::now();
        loop {
            if try_lock(&file)? {
                return Ok(FileLock { file });
            }
            if start.elapsed() > wait {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "another dossier process has held the lock of {} for over {} s",
                        target.display(),
                        wait.as_secs()
                    ),
                ));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Takes the lock file `path` if no one holds it.
    pub fn try_hold(path: &Path) -> io::Result<Option<FileLock>> {
        let file = open_lock_file(path)?;
        Ok(try_lock(&file)?.then_some(FileLock { file }))
    }
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    if let Ok(meta) = fs::symlink_metadata(path) {
        if !meta.is_file() {
            return Err(not_regular(path, &meta));
        }
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

fn try_lock(file: &File) -> io::Result<bool> {
    // Called through the trait: std's own `File::try_lock` is newer than our MSRV.
    fs4::fs_std::FileExt::try_lock_exclusive(file)
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = fs4::fs_std::FileExt::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_followed_and_special_files_refused() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, b"{}").unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink(&real, &link).unwrap();
            assert_eq!(write_target(&link).unwrap(), real);
            let dangling = dir.path().join("dangling.json");
            std::os::unix::fs::symlink("missing.json", &dangling).unwrap();
            assert_eq!(
                write_target(&dangling).unwrap(),
                dir.path().join("missing.json")
            );
            let loop_a = dir.path().join("a");
            std::os::unix::fs::symlink("b", &loop_a).unwrap();
            std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
            assert!(write_target(&loop_a).is_err());
            assert!(write_target(Path::new("/dev/null")).is_err());
            assert!(open_regular(Path::new("/dev/null")).is_err());
        }
        assert!(write_target(dir.path()).is_err());
        assert_eq!(write_target(&real).unwrap(), real);
    }
}
