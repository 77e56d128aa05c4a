//! The diagnostics log: what dossier did (how long a load took and what it found, an import's
//! summary, a review save that failed, the error that ended a command, a crash), written
//! through `tracing` to `dossier.log` in the state folder (`$XDG_STATE_HOME/dossier/`, else
//! the platform's local data folder). Never to the terminal: the viewer owns the screen and
//! the command line's output is for pipes.
//!
//! `DOSSIER_LOG` chooses what is kept: a level (`off`, `error`, `warn`, `info`, `debug`,
//! `trace`) or `tracing` directives (`dossier_core=debug,info`). Unset, warnings and errors
//! are kept: a problem a user reports has its trace, and a run that goes well writes
//! nothing. The file is opened on the first line written; past 1 MiB the previous one is
//! kept as `dossier.log.1`, so the log never grows without bound.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

/// The variable that chooses what the log keeps.
pub const VARIABLE: &str = "DOSSIER_LOG";

/// Beyond this size, a log is set aside as `dossier.log.1` when it is next opened.
const MAX_BYTES: u64 = 1 << 20;

/// The log file in the state folder.
pub fn log_file() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "dossier")?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(dir.join("dossier.log"))
}

/// Starts the log for this process, as `DOSSIER_LOG` says; returns the file it goes to (none
/// when it is off or there is no state folder). A `DOSSIER_LOG` that does not parse keeps
/// the default, and says so in the log. Crashes are logged too, before the usual message.
pub fn init() -> Option<PathBuf> {
    let wanted = std::env::var(VARIABLE).ok();
    if wanted.as_deref().is_some_and(|w| w.trim() == "off") {
        return None;
    }
    let path = log_file()?;
    let (filter, refused) = match wanted.as_deref().map(EnvFilter::try_new) {
        None => (EnvFilter::new("warn"), None),
        Some(Ok(filter)) => (filter, None),
        Some(Err(e)) => (EnvFilter::new("warn"), Some(e.to_string())),
    };
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(LazyFile::new(path.clone()))
        .with_ansi(false)
        .with_thread_names(true)
        .try_init();
    if installed.is_err() {
        return None;
    }
    if let Some(why) = refused {
        tracing::warn!(variable = VARIABLE, %why, "not understood; warnings and errors are kept");
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!(%info, "crashed");
        previous(info);
    }));
    Some(path)
}

/// The log file, created (with its folder) when the first line is written, so that a run
/// that logs nothing leaves nothing behind.
struct LazyFile {
    path: PathBuf,
    file: Mutex<Option<File>>,
}

impl LazyFile {
    fn new(path: PathBuf) -> LazyFile {
        LazyFile {
            path,
            file: Mutex::new(None),
        }
    }
}

/// Opens the log for appending; an old one past [`MAX_BYTES`] is set aside first.
fn open(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    if fs::metadata(path).is_ok_and(|m| m.len() > MAX_BYTES) {
        let _ = fs::rename(path, path.with_extension("log.1"));
    }
    OpenOptions::new().create(true).append(true).open(path)
}

/// One write to the log (a whole line: the formatter writes each event at once).
struct LogWriter<'a>(&'a LazyFile);

impl Write for LogWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut file = self
            .0
            .file
            .lock()
            .map_err(|_| io::Error::other("log poisoned"))?;
        if file.is_none() {
            *file = Some(open(&self.0.path)?);
        }
        match file.as_mut() {
            Some(f) => f.write(buf),
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.0.file.lock() {
            Ok(mut file) => file.as_mut().map_or(Ok(()), File::flush),
            Err(_) => Ok(()),
        }
    }
}

impl<'a> MakeWriter<'a> for LazyFile {
    type Writer = LogWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LogWriter(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_made_on_the_first_line_and_an_old_one_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/dossier.log");
        let log = LazyFile::new(path.clone());
        assert!(!path.exists(), "nothing written, no file");
        log.make_writer().write_all(b"one\n").unwrap();
        log.make_writer().write_all(b"two\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one\ntwo\n");

        fs::write(&path, vec![b'x'; MAX_BYTES as usize + 1]).unwrap();
        let log = LazyFile::new(path.clone());
        log.make_writer().write_all(b"fresh\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "fresh\n");
        assert!(path.with_extension("log.1").exists());
    }
}
