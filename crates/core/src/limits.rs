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
