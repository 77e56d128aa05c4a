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
        let text = format!(
            "{}{}{}",
            path.display(),
            ctx.lang.pick("\u{a0}: ", ": "),
            dossier_core::i18n::review::unusable(ctx.lang, reason)
        );
        let text = terminal_line(&text);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::theme::Theme;
    use dossier_core::i18n::Lang;
    use dossier_core::review::format::{Damage, DecodeError};
    use dossier_core::review::Unusable;

    #[test]
    fn a_colleagues_unreadable_file_is_said_in_the_language_chosen() {
        let theme = Theme::default();
        let unreadable = vec![(
            std::path::PathBuf::from("/tmp/x/carol@pc.json"),
            Unusable::Unreadable {
                error: DecodeError::DamagedSnapshot(Damage::CutShort),
                backup: None,
            },
        )];
        let text = |lang| {
            let ctx = Ctx {
                lang,
                theme: &theme,
                today: chrono::NaiveDate::default(),
            };
            lines(&[], &[], &unreadable, ctx, 200)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        };
        let fr = text(Lang::Fr);
        assert!(
            fr.contains(
                "/tmp/x/carol@pc.json\u{a0}: illisible (instantané tronqué, sa fin manque)"
            ),
            "{fr}"
        );
        assert!(
            !fr.contains("cut short") && !fr.contains("unreadable"),
            "{fr}"
        );
        let en = text(Lang::En);
        assert!(
            en.contains("/tmp/x/carol@pc.json: unreadable (a snapshot cut short, its end missing)"),
            "{en}"
        );
    }
}
