//! Hard limits on what a load reads, so that no input can exhaust memory or hang the app.
//! A question page is a few kilobytes; these limits are far above any real document.
//! What happens at each limit is described in `docs/robustness.md`.

/// Largest file read as a question document: a bigger one is skipped unread.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Longest line in a question document: a document with a longer line is skipped.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Most files one load reads (a whole legislature is about 100,000 questions); the rest are
/// not read, and a diagnostic says so.
pub const MAX_FILES: usize = 1_000_000;

/// Deepest directory nesting a load walks into; deeper directories are reported, not read.
pub const MAX_DEPTH: usize = 64;

/// The limits of one load; [`Limits::default`] is the constants above. Tests lower them to
/// reach a limit without writing a million files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Most files read.
    pub max_files: usize,
    /// Deepest directory walked into.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: MAX_FILE_BYTES,
            max_files: MAX_FILES,
            max_depth: MAX_DEPTH,
        }
    }
}

/// A byte count for messages: "20.0 MiB", "312 KiB".
pub fn show_bytes(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{} KiB", bytes.div_ceil(KIB))
    }
}

/// Largest zip entry read into memory (a question or AMO file is a few kilobytes).
pub const MAX_ZIP_ENTRY_BYTES: u64 = MAX_FILE_BYTES;

/// Largest zip entry streamed (a legacy single-file archive: a whole legislature).
pub const MAX_ZIP_STREAM_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Most bytes one archive may expand to, all entries together: a zip bomb stops there.
pub const MAX_ZIP_TOTAL_BYTES: u64 = 16 * 1024 * 1024 * 1024;

/// The limits of reading one zip archive; [`ZipLimits::default`] is the constants above.
/// Declared sizes are checked before reading and actual sizes while reading, so an entry that
/// lies about its size is stopped at the limit too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Largest entry read into memory.
    pub max_entry_bytes: u64,
    /// Largest entry streamed.
    pub max_stream_bytes: u64,
    /// Most bytes the whole archive may expand to.
    pub max_total_bytes: u64,
    /// Most entries read; the rest are not.
    pub max_entries: usize,
}

impl Default for ZipLimits {
    fn default() -> Self {
        ZipLimits {
            max_entry_bytes: MAX_ZIP_ENTRY_BYTES,
            max_stream_bytes: MAX_ZIP_STREAM_BYTES,
            max_total_bytes: MAX_ZIP_TOTAL_BYTES,
            max_entries: MAX_FILES,
        }
    }
}

/// Deepest nesting of elements read in an HTML page or text, as browsers cap it; deeper is
/// refused (HTML tree construction is quadratic in depth).
pub const MAX_HTML_DEPTH: usize = 512;

/// Most elements read in one HTML page or text (a saved question page has under 1,000);
/// more is refused: re-opened formatting elements could otherwise multiply them.
pub const MAX_HTML_ELEMENTS: usize = 65_536;

/// Longest run of HTML without a complete tag, comment or text (one tag's attributes are
/// compared pairwise by the tokenizer); longer is refused.
pub const MAX_HTML_TAG_BYTES: usize = 16 * 1024;
