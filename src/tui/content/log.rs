//! The log overlay's content: the session's messages, newest first, in full (the status bar
//! may have cut them), then the load diagnostics and the review files that could not be
//! read.

use crate::tui::app::{App, MessageKind};
use crate::tui::words::ui;
use crate::tui::wrap::plain_lines;
use dossier_core::parse::diagnostic::Severity;
use dossier_core::text::sanitize::terminal_line;
use ratatui::text::Line;

/// The log's lines at `cols` columns.
pub fn lines(app: &App, cols: usize) -> Vec<Line<'static>> {
    let w = ui::words(app.lang);
    let theme = &app.theme;
    let mut out = Vec::new();
    out.push(Line::styled(w.messages_title.to_string(), theme.heading()));
    if app.log.is_empty() {
        out.push(Line::styled(w.messages_none.to_string(), theme.dim()));
    }
    for m in app.log.iter().rev() {
        let style = match m.kind {
            MessageKind::Info => theme.answered(),
            MessageKind::Warning => theme.pending(),
        };
        out.extend(plain_lines(&m.text, cols, style));
    }
    out.push(Line::default());
    out.push(Line::styled(
        w.diagnostics_title.to_string(),
        theme.heading(),
    ));
    let unreadable = app.review.unreadable_files();
    if app.dossier.diagnostics.is_empty() && unreadable.is_empty() {
        out.push(Line::styled(w.diagnostics_none.to_string(), theme.dim()));
    }
    for (path, reason) in unreadable {
        let text = format!("{}: {}", terminal_line(&path.display().to_string()), reason);
        out.extend(plain_lines(&text, cols, theme.overdue()));
    }
    for d in &app.dossier.diagnostics {
        let style = match d.severity {
            Severity::Skipped => theme.overdue(),
            Severity::Warning => theme.pending(),
        };
        out.extend(plain_lines(
            &dossier_core::i18n::load::diagnostic(app.lang, d),
            cols,
            style,
        ));
    }
    out
}
