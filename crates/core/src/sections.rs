//! A file of checksummed sections, as the cache and the library are written: a magic number
//! and a format version; sections of bytes, each with its length and CRC-32; a directory of
//! the sections at the end (a last section), found from a fixed-size trailer. Sections are
//! read one at a time, from any thread, so that such a file is never held whole in memory.

use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Largest section read: a corrupt length cannot make a load allocate more.
const MAX_SECTION: u64 = 1 << 30;

/// Where a section is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) struct Section {
    offset: u64,
    len: u64,
    crc: u32,
}

/// Why a file of sections (a cache, a library) was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unused {
    /// Written by another version of dossier (or of its parser).
    OtherVersion,
    /// Damaged or truncated: a checksum or a structure did not hold.
    Damaged(String),
    /// It could not be read.
    Unreadable(String),
}

/// Writes a file of sections: a magic number and a format version, sections of bytes each
/// checksummed, then a directory (a last section) found from a fixed-size trailer. The cache
/// and the library are such files.
pub(crate) struct SectionWriter {
    out: io::BufWriter<File>,
    offset: u64,
}

impl SectionWriter {
    /// Starts the file at `path` (created or truncated).
    pub(crate) fn create(path: &Path, magic: &[u8; 8], format: u32) -> io::Result<Self> {
        let mut out = io::BufWriter::with_capacity(1 << 20, File::create(path)?);
        out.write_all(magic)?;
        out.write_all(&format.to_le_bytes())?;
        Ok(SectionWriter { out, offset: 12 })
    }

    /// Appends a section, returning where it is.
    pub(crate) fn put(&mut self, bytes: &[u8]) -> io::Result<Section> {
        self.out.write_all(bytes)?;
        let section = Section {
            offset: self.offset,
            len: bytes.len() as u64,
            crc: crc32fast::hash(bytes),
        };
        self.offset += bytes.len() as u64;
        Ok(section)
    }

    /// Appends the directory and the trailer that finds it; with `durable`, waits for the
    /// disk (data the user would lose, not a cache).
    pub(crate) fn finish(mut self, directory: &[u8], durable: bool) -> io::Result<()> {
        let section = self.put(directory)?;
        self.out.write_all(&section.offset.to_le_bytes())?;
        self.out.write_all(&section.len.to_le_bytes())?;
        self.out.write_all(&section.crc.to_le_bytes())?;
        self.out.flush()?;
        if durable {
            self.out.get_ref().sync_all()?;
        }
        Ok(())
    }
}

/// Checks a file of sections' magic number and format, and reads its directory: the file's
/// length and the directory's bytes.
pub(crate) fn read_directory(
    file: &File,
    magic: &[u8; 8],
    format: u32,
) -> Result<(u64, Vec<u8>), Unused> {
    let unreadable = |e: io::Error| Unused::Unreadable(e.to_string());
    let damaged = |what: &str| Unused::Damaged(what.to_string());
    let len = file.metadata().map_err(unreadable)?.len();
    let mut head = [0u8; 12];
    read_at(file, &mut head, 0).map_err(|_| damaged("short header"))?;
    if &head[..8] != magic {
        return Err(damaged("not a file of dossier's"));
    }
    if u32::from_le_bytes([head[8], head[9], head[10], head[11]]) != format {
        return Err(Unused::OtherVersion);
    }
    if len < 12 + 20 {
        return Err(damaged("truncated"));
    }
    let mut trailer = [0u8; 20];
    read_at(file, &mut trailer, len - 20).map_err(unreadable)?;
    let word = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&trailer[i..i + 8]);
        u64::from_le_bytes(b)
    };
    let directory = Section {
        offset: word(0),
        len: word(8),
        crc: u32::from_le_bytes([trailer[16], trailer[17], trailer[18], trailer[19]]),
    };
    Ok((len, read_section(file, len, directory)?))
}

/// Reads and checks one section of a file of `len` bytes.
pub(crate) fn read_section(file: &File, len: u64, s: Section) -> Result<Vec<u8>, Unused> {
    let damaged = |what: &str| Unused::Damaged(what.to_string());
    if s.len > MAX_SECTION || s.offset.checked_add(s.len).is_none_or(|end| end > len) {
        return Err(damaged("section out of the file"));
    }
    let mut bytes = vec![0u8; s.len as usize];
    read_at(file, &mut bytes, s.offset).map_err(|e| Unused::Unreadable(e.to_string()))?;
    if crc32fast::hash(&bytes) != s.crc {
        return Err(damaged("checksum"));
    }
    Ok(bytes)
}

/// Reads `buf.len()` bytes at `offset`, from any thread.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

#[cfg(not(unix))]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file.try_clone()?;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}
