//! Hard limits on what a load reads, so that no input can exhaust memory or hang the app.
//! A question page is a few kilobytes; these limits are far above any real document.

/// Largest file read as a question document.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Longest line in a question document.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Most files one load reads (a whole legislature is about 100,000 questions).
pub const MAX_FILES: usize = 1_000_000;

/// Deepest directory nesting a load walks into.
pub const MAX_DEPTH: usize = 64;
