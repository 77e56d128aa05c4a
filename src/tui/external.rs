//! Running another program on the terminal: the browser on a question's page, the pager or
//! the editor on its source. The viewer hands the terminal over (its modes restored, the
//! input thread paused), waits for the program, and takes the terminal back; signals the
//! program gets from the keyboard meanwhile (Ctrl-c in the pager) are the program's.

use super::action::Action;
use super::effects::{source_file, External};
use crate::tui::words::prompts;
use dossier_core::i18n::Lang;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

/// True while a program has the terminal: the signal watcher then leaves Ctrl-c and Ctrl-\
/// to it, and stops the viewer with it on Ctrl-z.
pub static CHILD_RUNNING: AtomicBool = AtomicBool::new(false);

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

/// How a program ended, in words: the shell's 127 is a program it could not find.
fn exit_reason(lang: Lang, status: std::process::ExitStatus) -> String {
    match status.code() {
        Some(127) => prompts::program_not_found(lang).to_string(),
        Some(code) => prompts::exit_code(lang, code),
        None => status.to_string(),
    }
}

/// Runs the program an effect asks for; `hand_over(true)` gives the terminal away,
/// `hand_over(false)` takes it back.
pub fn run(external: &External, lang: Lang, hand_over: &mut dyn FnMut(bool)) -> Action {
    match external {
        External::Browser(url) => {
            // $BROWSER may be a list, as for many tools: the first that runs is used.
            let browser = std::env::var("BROWSER").unwrap_or_default();
            let first = browser.split(':').map(str::trim).find(|b| !b.is_empty());
            if let Some(b) = first {
                return Action::Ran(match on_terminal(shell_command(b, url), hand_over) {
                    Ok(s) if s.success() => Ok(prompts::opened_page(lang, url, b)),
                    Ok(s) => Err(prompts::program_failed(lang, b, &exit_reason(lang, s))),
                    Err(e) => Err(prompts::program_failed(
                        lang,
                        b,
                        &dossier_core::i18n::load::io_reason(lang, &(&e).into()),
                    )),
                });
            }
            Action::Ran(match desktop_open(url) {
                Some(how) => Ok(prompts::opened_page(lang, url, how)),
                None => Err(prompts::no_browser(lang, url)),
            })
        }
        External::Pager(source) | External::Editor(source) => {
            let (path, copy) = match source_file(source) {
                Ok(found) => found,
                Err(why) => return Action::Ran(Err(prompts::source_missing(lang, &why))),
            };
            let program = match external {
                External::Pager(_) => program(&["PAGER"], "less"),
                _ => program(&["VISUAL", "EDITOR"], "vi"),
            };
            let arg = path.display().to_string();
            Action::Ran(
                match on_terminal(shell_command(&program, &arg), hand_over) {
                    Ok(s) if s.success() || matches!(external, External::Pager(_)) => Ok(if copy {
                        prompts::source_copy(lang, source, &arg)
                    } else {
                        String::new()
                    }),
                    Ok(s) => Err(prompts::program_failed(
                        lang,
                        &program,
                        &exit_reason(lang, s),
                    )),
                    Err(e) => Err(prompts::program_failed(
                        lang,
                        &program,
                        &dossier_core::i18n::load::io_reason(lang, &(&e).into()),
                    )),
                },
            )
        }
    }
}
