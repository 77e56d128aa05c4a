//! The log overlay's content: the session's messages, newest first, in full (the status bar
//! may have cut them), then the load diagnostics and the review files that could not be
//! read.

use crate::tui::message::{Message, MessageKind};
use crate::tui::panes::Ctx;
use crate::tui::widgets::wrap::plain_lines;
use crate::tui::words::ui;
use dossier_core::parse::diagnostic::{Diagnostic, Severity};
use dossier_core::text::sanitize::terminal_line;
use ratatui::text::Line;

/// The log's lines at `cols` columns.
pub fn lines(
    log: &[Message],
    diagnostics: &[Diagnostic],
    unreadable: &[(std::path::PathBuf, dossier_core::review::Unusable)],
    ctx: Ctx,
    cols: usize,
) -> Vec<Line<'static>> {
    let w = ui::words(ctx.lang);
    let theme = ctx.theme;
    let mut out = Vec::new();
    out.push(Line::styled(w.messages_title.to_string(), theme.heading()));
    if log.is_empty() {
        out.push(Line::styled(w.messages_none.to_string(), theme.dim()));
    }
    for m in log.iter().rev() {
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
    if diagnostics.is_empty() && unreadable.is_empty() {
        out.push(Line::styled(w.diagnostics_none.to_string(), theme.dim()));
    }
    for (path, reason) in unreadable {
        let text = format!("{}: {}", terminal_line(&path.display().to_string()), reason);
        out.extend(plain_lines(&text, cols, theme.overdue()));
    }
    for d in diagnostics {
        let style = match d.severity {
            Severity::Skipped => theme.overdue(),
            Severity::Warning => theme.pending(),
        };
        out.extend(plain_lines(
            &dossier_core::i18n::load::diagnostic(ctx.lang, d),
            cols,
            style,
        ));
    }
    out
}
