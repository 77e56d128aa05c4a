//! The terminal: entered in raw mode on the alternate screen, and restored — raw mode off,
//! main screen back, mouse reporting off, cursor shown — on every exit path: a normal quit,
//! an error, a panic, a signal, and around a suspend.

use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write};

/// The terminal type the viewer draws on.
pub type Term = ratatui::Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal in the viewer's modes.
pub fn enter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    crossterm::execute!(out, EnterAlternateScreen, Hide, EnableBracketedPaste)?;
    if mouse {
        crossterm::execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Gives the terminal back as it was. Safe to call twice, from any thread; errors are
/// ignored (the terminal may be gone).
pub fn restore() {
    let mut out = io::stdout();
    let _ = crossterm::execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Opens the terminal for drawing.
pub fn open(mouse: bool) -> io::Result<Term> {
    enter(mouse)?;
    match ratatui::Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(t) => Ok(t),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// Lets go of the terminal once restored. When it is gone (the window closed, the session
/// killed), showing the cursor fails, and ratatui's drop would then print that on a stderr
/// that is gone too, which panics: it is not dropped, the process ending anyway.
pub fn close(mut term: Term) {
    if term.show_cursor().is_err() {
        std::mem::forget(term);
    }
}

/// After the terminal's own panic message, restores the terminal first so the message
/// shows, then says where to report.
pub fn install_panic_hook(crashed: &'static str) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        let _ = writeln!(io::stderr(), "{crashed}");
    }));
}
