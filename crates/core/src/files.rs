//! Opening files as the user means them: only regular files are read, never blocking on a
//! FIFO or a device (a dossier folder, a review file or a `--review-file` may be any of them).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// What kind of file system object a path is, in words.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// The error for a path that is not a regular file.
pub fn not_regular(path: &Path, meta: &fs::Metadata) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{} is {}, not a regular file: not read or written",
            path.display(),
            kind_of(meta)
        ),
    )
}

/// Opens a regular file for reading without ever blocking: the type is checked before the
/// open (a FIFO would block `open` itself until a writer comes), the open does not wait, and
/// the type is checked again on the open file (it may have been swapped meanwhile).
pub fn open_regular(path: &Path) -> io::Result<File> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta));
    }
    Ok(file)
}

/// Opens a file the walk of a folder found to be regular, for reading, in two system calls
/// (open, fstat) where [`open_regular`] takes three: the type is not checked again before
/// the open, but the open does not wait (a FIFO swapped in since the walk cannot hang it)
/// and the open file's type is checked. Returns the file and its metadata.
pub fn open_found_file(path: &Path) -> io::Result<(File, fs::Metadata)> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta));
    }
    Ok((file, meta))
}

/// Reads a whole regular file of at most `max` bytes, without blocking on special files.
pub fn read_regular(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    let too_big = |len: u64| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "file is {len} bytes, over the {} MB limit of a review file",
                max / (1024 * 1024)
            ),
        )
    };
    if len > max {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}
