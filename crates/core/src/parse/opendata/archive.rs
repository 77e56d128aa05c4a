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
