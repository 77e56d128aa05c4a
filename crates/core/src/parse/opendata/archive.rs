//! Walking the entries of a zip archive in memory (never extracting to disk), with the size
//! limits of [`ZipLimits`]: a corrupt or oversized entry is reported by name and the walk goes
//! on with the next one.

use super::LineMessage;
use crate::limits::ZipLimits;
use crate::parse::problem::Problem;
use std::io::{self, Read, Seek};
use std::ops::ControlFlow;
use zip::ZipArchive;

/// What a walk over an archive did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ZipSummary {
    /// File entries handed to the callback (with their bytes or their error).
    pub entries: usize,
    /// Entries skipped: directories and macOS `__MACOSX/` metadata.
    pub skipped: usize,
    /// Entries handed on as errors.
    pub errors: usize,
    /// Uncompressed bytes read.
    pub bytes: u64,
    /// True when the entry limit stopped the walk before the end.
    pub truncated: bool,
    /// Entries left unread because the caller knew them unchanged (see
    /// [`par_zip_entries_skipping`]).
    pub unchanged: usize,
}

/// What tells an entry's content without reading it: its CRC-32 and size, from the
/// archive's directory (not its time, which a new export of the same data changes).
fn entry_stamp<R: Read>(e: &zip::read::ZipFile<'_, R>) -> i64 {
    let h = (u64::from(e.crc32()) << 32) ^ e.size().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h as i64
}

fn open_archive<R: Read + Seek>(reader: R) -> Result<ZipArchive<R>, LineMessage> {
    ZipArchive::new(reader).map_err(|e| LineMessage::doc(Problem::BadArchive(e.to_string())))
}

fn skipped(name: &str) -> bool {
    name.ends_with('/') || name.starts_with("__MACOSX/") || name.contains("/__MACOSX/")
}

/// An entry's problem; the loader names the entry (`archive.zip!entry`).
fn entry_error(problem: Problem) -> LineMessage {
    LineMessage::doc(problem)
}

fn total_exceeded(limits: &ZipLimits) -> LineMessage {
    LineMessage::doc(Problem::ArchiveTooBig(limits.max_total_bytes))
}

/// Calls `f` with the name and bytes of each file entry of a zip archive, in archive order,
/// in whatever folder it sits (`json/…`, `xml/…`, `json/acteur/…`). An entry that cannot be
/// read (corrupt data, bad checksum, encrypted, declared or actual size over
/// `limits.max_entry_bytes`, actual size not the declared one) is handed on as an error naming
/// it, and the walk goes on. `f` returns [`ControlFlow::Break`] to stop.
///
/// Fails when the archive itself cannot be read, or when it expands past
/// `limits.max_total_bytes` (after handing that entry's error to `f`).
pub fn for_each_zip_entry<R: Read + Seek>(
    reader: R,
    limits: &ZipLimits,
    mut f: impl FnMut(&str, Result<Vec<u8>, LineMessage>) -> ControlFlow<()>,
) -> Result<ZipSummary, LineMessage> {
    let mut archive = open_archive(reader)?;
    let mut summary = ZipSummary::default();
    for i in 0..archive.len() {
        let name = archive
            .name_for_index(i)
            .map_or_else(|| format!("entry #{}", i + 1), str::to_string);
        if skipped(&name) {
            summary.skipped += 1;
            continue;
        }
        if summary.entries >= limits.max_entries {
            summary.truncated = true;
            break;
        }
        summary.entries += 1;
        let read = read_entry(&mut archive, i, limits, summary.bytes);
        let result = match read {
            Ok(None) => {
                summary.entries -= 1;
                summary.skipped += 1;
                continue;
            }
            Ok(Some(bytes)) => {
                summary.bytes += bytes.len() as u64;
                Ok(bytes)
            }
            Err(e) => {
                summary.errors += 1;
                Err(e)
            }
        };
        let over_total = matches!(&result, Err(Entry::Total(_)));
        let flow = f(&name, result.map_err(Entry::message));
        if over_total {
            return Err(total_exceeded(limits));
        }
        if flow.is_break() {
            break;
        }
    }
    Ok(summary)
}

/// Why an entry was not read.
enum Entry {
    /// This entry only.
    Bad(LineMessage),
    /// The archive as a whole is over its limit.
    Total(LineMessage),
}

impl Entry {
    fn message(self) -> LineMessage {
        match self {
            Entry::Bad(m) | Entry::Total(m) => m,
        }
    }
}

/// Reads entry `i`; `None` for a directory.
fn read_entry<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    i: usize,
    limits: &ZipLimits,
    so_far: u64,
) -> Result<Option<Vec<u8>>, Entry> {
    let mut file = archive
        .by_index(i)
        .map_err(|e| Entry::Bad(entry_error(Problem::BadEntry(e.to_string()))))?;
    if file.is_dir() {
        return Ok(None);
    }
    let declared = file.size();
    let limit = limits.max_entry_bytes;
    if declared > limit {
        return Err(Entry::Bad(entry_error(Problem::EntryTooBig {
            declared,
            limit,
        })));
    }
    if so_far.saturating_add(declared) > limits.max_total_bytes {
        return Err(Entry::Total(entry_error(Problem::ArchiveTooBig(
            limits.max_total_bytes,
        ))));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    (&mut file)
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Entry::Bad(entry_error(Problem::BadEntry(e.to_string()))))?;
    let actual = bytes.len() as u64;
    if actual > limit {
        return Err(Entry::Bad(entry_error(Problem::EntryBomb {
            declared,
            limit,
        })));
    }
    if actual != declared {
        return Err(Entry::Bad(entry_error(Problem::EntrySize {
            declared,
            actual,
        })));
    }
    Ok(Some(bytes))
}

/// A reader that fails past a byte limit, so a streamed entry cannot expand without end.
struct Capped<'r> {
    inner: &'r mut dyn Read,
    left: u64,
    read: u64,
}

impl Read for Capped<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // One more byte tells a file of exactly the limit from a longer one.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the entry expands past its size limit (a zip bomb?)",
                )),
            };
        }
        let max = usize::try_from(self.left)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        self.read += n as u64;
        Ok(n)
    }
}

/// Like [`for_each_zip_entry`], but hands each file entry on as a reader, for entries too
/// big to hold in memory (the legacy single-file archives). The reader fails with an
/// `InvalidData` error past `limits.max_stream_bytes` (or what is left of
/// `limits.max_total_bytes`); an entry that cannot be opened is handed on as an error naming
/// it. `f` gets the entry's name, its declared uncompressed size and the reader.
pub fn for_each_zip_entry_reader<R: Read + Seek>(
    reader: R,
    limits: &ZipLimits,
    mut f: impl FnMut(&str, Result<(u64, &mut dyn Read), LineMessage>) -> ControlFlow<()>,
) -> Result<ZipSummary, LineMessage> {
    let mut archive = open_archive(reader)?;
    let mut summary = ZipSummary::default();
    for i in 0..archive.len() {
        let name = archive
            .name_for_index(i)
            .map_or_else(|| format!("entry #{}", i + 1), str::to_string);
        if skipped(&name) {
            summary.skipped += 1;
            continue;
        }
        if summary.entries >= limits.max_entries {
            summary.truncated = true;
            break;
        }
        let left_total = limits.max_total_bytes.saturating_sub(summary.bytes);
        if left_total == 0 {
            return Err(total_exceeded(limits));
        }
        let flow = match archive.by_index(i) {
            Err(e) => {
                summary.entries += 1;
                summary.errors += 1;
                f(&name, Err(entry_error(Problem::BadEntry(e.to_string()))))
            }
            Ok(file) if file.is_dir() => {
                summary.skipped += 1;
                continue;
            }
            Ok(mut file) => {
                summary.entries += 1;
                let declared = file.size();
                let limit = limits.max_stream_bytes.min(left_total);
                if declared > limit {
                    summary.errors += 1;
                    f(
                        &name,
                        Err(entry_error(Problem::EntryTooBig { declared, limit })),
                    )
                } else {
                    let mut capped = Capped {
                        inner: &mut file,
                        left: limit,
                        read: 0,
                    };
                    let flow = f(&name, Ok((declared, &mut capped)));
                    summary.bytes += capped.read;
                    flow
                }
            }
        };
        if flow.is_break() {
            break;
        }
    }
    Ok(summary)
}

/// A file read from any position by any thread (`pread`), so that a zip archive's workers
/// each have their own reader over one open file and one parsed central directory.
#[derive(Debug, Clone)]
pub struct SharedFile {
    file: std::sync::Arc<std::fs::File>,
    pos: u64,
    len: u64,
}

impl SharedFile {
    /// A reader at the start of `file`.
    pub fn new(file: std::fs::File) -> io::Result<Self> {
        let len = file.metadata()?.len();
        Ok(SharedFile {
            file: std::sync::Arc::new(file),
            pos: 0,
            len,
        })
    }
}

impl Read for SharedFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        #[cfg(unix)]
        let n = {
            use std::os::unix::fs::FileExt;
            self.file.read_at(buf, self.pos)?
        };
        #[cfg(not(unix))]
        let n = {
            use std::os::windows::fs::FileExt;
            self.file.seek_read(buf, self.pos)?
        };
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SharedFile {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        let target = match to {
            io::SeekFrom::Start(p) => Some(p),
            io::SeekFrom::End(d) => self.len.checked_add_signed(d),
            io::SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        match target {
            Some(p) => {
                self.pos = p;
                Ok(p)
            }
            None => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek before the start of the file",
            )),
        }
    }
}

/// One entry of an archive, as [`par_zip_entries`] hands it on.
pub enum ZipEntry<'a> {
    /// Its bytes, read whole (at most `max_entry_bytes`).
    Bytes(Vec<u8>),
    /// Too big to hold (a legacy single-file archive): a reader over it, capped at
    /// `max_stream_bytes`.
    Stream(&'a mut dyn Read),
}

/// Entries per unit of parallel work.
const ENTRIES_PER_TASK: usize = 64;

/// Reads the entries of a zip archive in parallel (each worker decompressing its own
/// entries through its own [`SharedFile`]), handing each to `f` with its name, and returns
/// what `f` gave, in archive order. Entries over `max_entry_bytes` are streamed instead, one
/// at a time, after the others. An entry that cannot be read is handed on as an error naming
/// its problem; only an unreadable archive, or one expanding past `max_total_bytes`, fails.
pub fn par_zip_entries<T: Send>(
    file: std::fs::File,
    limits: &ZipLimits,
    f: impl Fn(&str, Result<ZipEntry<'_>, LineMessage>) -> T + Sync,
) -> Result<(Vec<T>, ZipSummary), LineMessage> {
    par_zip_entries_skipping(file, limits, None, |name, _, entry| f(name, entry))
}

/// An entry the caller knows unchanged, by its name and stamp.
pub type Unchanged<'a> = &'a (dyn Fn(&str, i64) -> bool + Sync);

/// [`par_zip_entries`], leaving out the entries `unchanged` says it knows (from their name
/// and stamp, read from the archive's directory: nothing is decompressed), and handing each
/// entry read on with its stamp.
pub fn par_zip_entries_skipping<T: Send>(
    file: std::fs::File,
    limits: &ZipLimits,
    unchanged: Option<Unchanged<'_>>,
    f: impl Fn(&str, i64, Result<ZipEntry<'_>, LineMessage>) -> T + Sync,
) -> Result<(Vec<T>, ZipSummary), LineMessage> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
    let reader = SharedFile::new(file).map_err(|e| {
        LineMessage::doc(Problem::CannotRead(crate::parse::problem::IoReason::from(
            &e,
        )))
    })?;
    let archive = open_archive(reader)?;
    let mut names: Vec<(usize, String)> = Vec::new();
    let mut summary = ZipSummary::default();
    for i in 0..archive.len() {
        let name = archive
            .name_for_index(i)
            .map_or_else(|| format!("entry #{}", i + 1), str::to_string);
        if skipped(&name) {
            summary.skipped += 1;
            continue;
        }
        if names.len() >= limits.max_entries {
            summary.truncated = true;
            break;
        }
        names.push((i, name));
    }
    let total = AtomicU64::new(0);
    let over = AtomicBool::new(false);
    let errors = AtomicUsize::new(0);
    let dirs = AtomicUsize::new(0);
    let skipped_unchanged = AtomicUsize::new(0);
    let big: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());
    let results: Vec<Vec<(usize, Option<T>)>> = names
        .par_chunks(ENTRIES_PER_TASK)
        .enumerate()
        .map(|(chunk, entries)| {
            let mut archive = archive.clone();
            let mut out = Vec::with_capacity(entries.len());
            for (k, (i, name)) in entries.iter().enumerate() {
                let at = chunk * ENTRIES_PER_TASK + k;
                if over.load(Ordering::Relaxed) {
                    out.push((at, None));
                    continue;
                }
                let declared = archive
                    .by_index_raw(*i)
                    .map(|e| (e.size(), e.is_dir(), entry_stamp(&e)));
                let stamp = declared.as_ref().map_or(0, |d| d.2);
                if let (Some(known), Ok((_, false, stamp))) = (unchanged, &declared) {
                    if known(name, *stamp) {
                        skipped_unchanged.fetch_add(1, Ordering::Relaxed);
                        out.push((at, None));
                        continue;
                    }
                }
                match declared.map(|(size, dir, _)| (size, dir)) {
                    Ok((_, true)) => {
                        dirs.fetch_add(1, Ordering::Relaxed);
                        out.push((at, None));
                        continue;
                    }
                    Ok((size, false)) if size > limits.max_entry_bytes => {
                        if let Ok(mut b) = big.lock() {
                            b.push(at);
                        }
                        out.push((at, None));
                        continue;
                    }
                    _ => {}
                }
                let so_far = total.load(Ordering::Relaxed);
                let result = match read_entry(&mut archive, *i, limits, so_far) {
                    Ok(None) => {
                        dirs.fetch_add(1, Ordering::Relaxed);
                        out.push((at, None));
                        continue;
                    }
                    Ok(Some(bytes)) => {
                        let now = total.fetch_add(bytes.len() as u64, Ordering::Relaxed)
                            + bytes.len() as u64;
                        if now > limits.max_total_bytes {
                            over.store(true, Ordering::Relaxed);
                        }
                        Ok(ZipEntry::Bytes(bytes))
                    }
                    Err(Entry::Total(m)) => {
                        over.store(true, Ordering::Relaxed);
                        errors.fetch_add(1, Ordering::Relaxed);
                        Err(m)
                    }
                    Err(Entry::Bad(m)) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                        Err(m)
                    }
                };
                out.push((at, Some(f(name, stamp, result))));
            }
            out
        })
        .collect();
    let mut slots: Vec<Option<T>> = Vec::with_capacity(names.len());
    slots.extend(results.into_iter().flatten().map(|(_, t)| t));
    // The big entries, streamed one at a time, in their places.
    let mut big = big.into_inner().unwrap_or_default();
    big.sort_unstable();
    let mut archive = archive;
    for at in big {
        if over.load(Ordering::Relaxed) {
            break;
        }
        let (i, name) = &names[at];
        let left = limits
            .max_total_bytes
            .saturating_sub(total.load(Ordering::Relaxed));
        let result = match archive.by_index(*i) {
            Err(e) => {
                errors.fetch_add(1, Ordering::Relaxed);
                f(name, 0, Err(entry_error(Problem::BadEntry(e.to_string()))))
            }
            Ok(mut entry) => {
                let stamp = entry_stamp(&entry);
                let declared = entry.size();
                let limit = limits.max_stream_bytes.min(left);
                if declared > limit {
                    errors.fetch_add(1, Ordering::Relaxed);
                    f(
                        name,
                        stamp,
                        Err(entry_error(Problem::EntryTooBig { declared, limit })),
                    )
                } else {
                    let mut capped = Capped {
                        inner: &mut entry,
                        left: limit,
                        read: 0,
                    };
                    let t = f(name, stamp, Ok(ZipEntry::Stream(&mut capped)));
                    total.fetch_add(capped.read, Ordering::Relaxed);
                    t
                }
            }
        };
        if let Some(slot) = slots.get_mut(at) {
            *slot = Some(result);
        }
    }
    if over.load(Ordering::Relaxed) {
        return Err(total_exceeded(limits));
    }
    let dirs = dirs.into_inner();
    summary.skipped += dirs;
    summary.entries = names.len() - dirs;
    summary.errors = errors.into_inner();
    summary.unchanged = skipped_unchanged.into_inner();
    summary.bytes = total.into_inner();
    Ok((slots.into_iter().flatten().collect(), summary))
}
