//! Output of the commands: stdout buffered, a closed pipe taken as the reader being done,
//! and messages on stderr made safe for the terminal.

use super::words as cli;
use dossier_core::i18n::Lang;
use dossier_core::text::sanitize::terminal_text;
use std::io::{self, Write};

/// True when an error comes from writing to a closed pipe (`dossier export | head`),
/// wherever it is in the error's chain.
pub fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        // The csv crate keeps the io error inside its own.
        if let Some(csv::ErrorKind::Io(io)) = err.downcast_ref::<csv::Error>().map(csv::Error::kind)
        {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        if let Some(io) = err.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
            if let Some(inner) = io.get_ref() {
                if is_broken_pipe(inner) {
                    return true;
                }
            }
        }
        current = err.source();
    }
    false
}

/// Runs `body` on a buffered stdout; a closed pipe is not an error.
pub fn with_stdout(body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match body(&mut out).and_then(|()| out.flush()) {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => Ok(other?),
    }
}

/// Prints "dossier: message" on stderr, safe for the terminal (a message may hold a file
/// name or text from a file).
pub fn error(lang: Lang, message: &str) {
    error_raw(&format!("{}{}\n", cli::prefix(lang), message));
}

/// Prints text on stderr as it is (already worded), safe for the terminal; a closed stderr
/// is ignored.
pub fn error_raw(text: &str) {
    let _ = io::stderr().write_all(terminal_text(text).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_seen_through_the_csv_writer() {
        let mut w = csv::Writer::from_writer(Closed);
        let e = w
            .write_record(["a"])
            .and_then(|()| w.flush().map_err(Into::into))
            .expect_err("the pipe is closed");
        let wrapped: anyhow::Error = io::Error::other(e).into();
        assert!(is_broken_pipe(wrapped.as_ref()));
    }

    struct Closed;
    impl io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }
}
