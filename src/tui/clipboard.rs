//! Copying to the clipboard: the system's clipboard tool where there is one (wl-copy,
//! xclip, xsel, pbcopy, clip.exe), and OSC 52 through the terminal (which reaches the
//! clipboard over SSH and in tmux) otherwise. Says which was used.

use dossier_core::parse::problem::IoReason;
use std::io::{self, Write};
use std::process::{Command, Stdio};

/// The tools tried, in order, with the environment they need.
fn tools() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut out = Vec::new();
    if std::env::var_os("WAYLAND_DISPLAY").is_some() {
        out.push(("wl-copy", vec![]));
    }
    if std::env::var_os("DISPLAY").is_some() {
        out.push(("xclip", vec!["-selection", "clipboard"]));
        out.push(("xsel", vec!["--clipboard", "--input"]));
    }
    if cfg!(target_os = "macos") {
        out.push(("pbcopy", vec![]));
    }
    if cfg!(windows) || std::env::var_os("WSL_DISTRO_NAME").is_some() {
        out.push(("clip.exe", vec![]));
    }
    out
}

fn with_tool(tool: &str, args: &[&str], text: &str) -> bool {
    let child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    let written = child
        .stdin
        .take()
        .is_some_and(|mut stdin| stdin.write_all(text.as_bytes()).is_ok());
    written && child.wait().is_ok_and(|s| s.success())
}

/// Puts text on the clipboard with OSC 52 (the text is base64: nothing in it can escape).
pub fn osc52(text: &str) -> io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Copies `text`; returns how ("wl-copy", "OSC 52"), or why the terminal could not take it.
pub fn copy(text: &str) -> Result<&'static str, IoReason> {
    for (tool, args) in tools() {
        if with_tool(tool, &args, text) {
            return Ok(tool);
        }
    }
    osc52(text).map(|()| "OSC 52").map_err(|e| (&e).into())
}
