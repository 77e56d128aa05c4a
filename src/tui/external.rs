//! Running another program on the terminal: the browser on a question's page, the pager or
//! the editor on its source. The viewer hands the terminal over (its modes restored, the
//! input thread paused), waits for the program, and takes the terminal back; signals the
//! program gets from the keyboard meanwhile (Ctrl-c in the pager) are the program's. What
//! happened comes back as data ([`Ran`], [`RunError`]), worded when shown.

use dossier_core::parse::problem::IoReason;
use dossier_core::text::sanitize::terminal_line;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

/// True while a program has the terminal: the signal watcher then leaves Ctrl-c and Ctrl-\
/// to it, and stops the viewer with it on Ctrl-z.
pub static CHILD_RUNNING: AtomicBool = AtomicBool::new(false);

/// What a program run on the terminal did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ran {
    /// Nothing to say (the pager closed, the editor saved).
    Quietly,
    /// The page opened, by this program.
    Opened {
        /// The address.
        url: String,
        /// The browser or opener.
        by: String,
    },
    /// The source was read from a copy (an archive's entry, a built-in document).
    FromCopy {
        /// The question's source.
        source: String,
        /// The copy's file.
        copy: String,
    },
}

/// Why a program could not do its work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// The program failed.
    Failed {
        /// The program.
        program: String,
        /// How.
        how: Exit,
    },
    /// No browser could be found for the page.
    NoBrowser(String),
    /// The question's source cannot be found again.
    NoSource(SourceError),
}

/// How a program ended badly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    /// The shell could not find it (its 127).
    NotFound,
    /// With this exit code.
    Code(i32),
    /// Killed (as the system says it).
    Killed(String),
    /// It could not be started.
    Io(IoReason),
}

/// Why a question's source cannot be made a file to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// It is no longer where it was read from (the reader's words).
    NotFound(String),
    /// The user has no cache folder for a copy.
    NoCacheDir,
    /// The copy could not be written.
    Io(PathBuf, IoReason),
}

/// The program a variable names, or the default; empty values count as unset.
fn program(vars: &[&str], default: &str) -> String {
    vars.iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// A command line as the user wrote it in a variable (`less -R`, `code --wait`), given one
/// argument that the shell never interprets.
fn shell_command(program: &str, arg: &str) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("{program} \"$1\""))
        .arg("sh")
        .arg(arg);
    c
}

/// Runs `command` on the terminal, `hand_over` giving the terminal away and back.
fn on_terminal(
    mut command: Command,
    hand_over: &mut dyn FnMut(bool),
) -> Result<std::process::ExitStatus, std::io::Error> {
    hand_over(true);
    CHILD_RUNNING.store(true, Ordering::SeqCst);
    let status = command.status();
    CHILD_RUNNING.store(false, Ordering::SeqCst);
    hand_over(false);
    status
}

/// Opens a desktop handler (xdg-open, open) without the terminal: it returns at once and
/// the page opens in the desktop's browser.
fn desktop_open(url: &str) -> Option<&'static str> {
    let openers: &[&'static str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["explorer"]
    } else {
        &["xdg-open", "wslview", "gio"]
    };
    for &opener in openers {
        let mut c = Command::new(opener);
        if opener == "gio" {
            c.arg("open");
        }
        let spawned = c
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = spawned {
            // Reaped on a thread of its own, so that no zombie stays behind.
            std::thread::spawn(move || child.wait());
            return Some(opener);
        }
    }
    None
}

/// How a program ended: the shell's 127 is a program it could not find.
fn exit_of(status: std::process::ExitStatus) -> Exit {
    match status.code() {
        Some(127) => Exit::NotFound,
        Some(code) => Exit::Code(code),
        None => Exit::Killed(status.to_string()),
    }
}

/// Runs the program an effect asks for; `hand_over(true)` gives the terminal away,
/// `hand_over(false)` takes it back.
pub fn run(external: &External, hand_over: &mut dyn FnMut(bool)) -> Result<Ran, RunError> {
    let failed = |program: &str, how| RunError::Failed {
        program: program.to_string(),
        how,
    };
    match external {
        External::Browser(url) => {
            // $BROWSER may be a list, as for many tools: the first that runs is used.
            let browser = std::env::var("BROWSER").unwrap_or_default();
            let first = browser.split(':').map(str::trim).find(|b| !b.is_empty());
            if let Some(b) = first {
                return match on_terminal(shell_command(b, url), hand_over) {
                    Ok(s) if s.success() => Ok(Ran::Opened {
                        url: url.clone(),
                        by: b.to_string(),
                    }),
                    Ok(s) => Err(failed(b, exit_of(s))),
                    Err(e) => Err(failed(b, Exit::Io((&e).into()))),
                };
            }
            match desktop_open(url) {
                Some(how) => Ok(Ran::Opened {
                    url: url.clone(),
                    by: how.to_string(),
                }),
                None => Err(RunError::NoBrowser(url.clone())),
            }
        }
        External::Pager(source) | External::Editor(source) => {
            let (mut path, copy) = source_file(source).map_err(RunError::NoSource)?;
            if matches!(external, External::Pager(_)) {
                // Pagers pass escape sequences through when asked to (`LESS=R`, common):
                // they are given a copy with every unsafe character made visible.
                path = paged_copy(&path).map_err(RunError::NoSource)?;
            }
            let program = match external {
                External::Pager(_) => program(&["PAGER"], "less"),
                _ => program(&["VISUAL", "EDITOR"], "vi"),
            };
            let arg = path.display().to_string();
            match on_terminal(shell_command(&program, &arg), hand_over) {
                Ok(s) if s.success() || matches!(external, External::Pager(_)) => Ok(if copy {
                    Ran::FromCopy {
                        source: source.clone(),
                        copy: arg,
                    }
                } else {
                    Ran::Quietly
                }),
                Ok(s) => Err(failed(&program, exit_of(s))),
                Err(e) => Err(failed(&program, Exit::Io((&e).into()))),
            }
        }
    }
}

/// A program to run on the terminal, the viewer suspended meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum External {
    /// The browser, on this address.
    Browser(String),
    /// The pager, on this question's source (its `source` field).
    Pager(String),
    /// The editor, on this question's source.
    Editor(String),
}

/// The user's own folder for copies of sources, in their cache folder (not a shared
/// temporary one where another account could have put a link in its place).
fn copies_dir() -> Result<PathBuf, SourceError> {
    let dir = directories::ProjectDirs::from("", "", "dossier")
        .map(|d| d.cache_dir().join("sources"))
        .ok_or(SourceError::NoCacheDir)?;
    std::fs::create_dir_all(&dir).map_err(|e| SourceError::Io(dir.clone(), (&e).into()))?;
    Ok(dir)
}

/// Text safe to page: line breaks and tabs kept (a CR before a line break dropped), every
/// other control, escape or BiDi character made visible.
pub fn pageable(bytes: &[u8]) -> String {
    let text = match dossier_core::parse::decode::decode(bytes) {
        Ok(d) => d.text.into_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    };
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        for (j, cell) in line.split('\t').enumerate() {
            if j > 0 {
                out.push('\t');
            }
            out.push_str(&terminal_line(cell));
        }
    }
    out
}

/// A sanitised copy of `path` for the pager, named after it in the copies' folder.
fn paged_copy(path: &std::path::Path) -> Result<PathBuf, SourceError> {
    let bytes =
        std::fs::read(path).map_err(|e| SourceError::Io(path.to_path_buf(), (&e).into()))?;
    let name = path
        .file_name()
        .map(|n| safe_name(&n.to_string_lossy()))
        .unwrap_or_default();
    let copy = copies_dir()?.join(format!("paged-{name}"));
    std::fs::write(&copy, pageable(&bytes))
        .map_err(|e| SourceError::Io(copy.clone(), (&e).into()))?;
    Ok(copy)
}

/// Only a name's safe characters, for a file name.
fn safe_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A question's source as a file a pager or an editor can open: the file itself, or, for
/// an archive's entry or a sample document, a copy in the user's cache folder. The flag
/// is true for such a copy.
pub fn source_file(source: &str) -> Result<(PathBuf, bool), SourceError> {
    match dossier_core::source::find_again(source) {
        Ok(dossier_core::source::Origin::File(path)) => Ok((path, false)),
        Ok(dossier_core::source::Origin::Bytes { name, bytes }) => {
            let dir = copies_dir()?;
            // The name comes from an archive: only its safe characters make the file name.
            let safe = safe_name(&name);
            let path = dir.join(if safe.is_empty() {
                "source".into()
            } else {
                safe
            });
            std::fs::write(&path, bytes).map_err(|e| SourceError::Io(path.clone(), (&e).into()))?;
            Ok((path, true))
        }
        Err(e) => Err(SourceError::NotFound(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::pageable;

    #[test]
    fn a_paged_copy_keeps_lines_and_tabs_and_shows_escapes_instead_of_sending_them() {
        let hostile =
            "Titre \x1b[31mROUGE\x1b[39m\r\n\x1b]52;c;ZWNobw==\x07\tcol\n\u{202E}evil\x1b[2J";
        let paged = pageable(hostile.as_bytes());
        assert!(!paged.contains('\x1b') && !paged.contains('\x07') && !paged.contains('\u{202E}'));
        assert!(!paged.contains('\r'));
        assert_eq!(paged.lines().count(), 3, "{paged}");
        assert!(
            paged.lines().nth(1).is_some_and(|l| l.contains("\tcol")),
            "{paged}"
        );
        assert!(paged.starts_with("Titre "));
    }
}
