//! The status bar: counts (among those shown, and in all), saving, a message or key hints.

use crate::tui::app::{App, HitsState, MessageKind, SaveState, Shown};
use crate::tui::command::Command;
use crate::tui::keymap::Mode;
use crate::tui::widgets::wrap::{span, truncate, width};
use crate::tui::words::ui;
use dossier_core::i18n::Lang;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// "3 / 5" when a filter shows part of the questions, "5" otherwise.
fn part(lang: Lang, shown: usize, all: usize, filtered: bool) -> String {
    if filtered {
        format!("{}/{}", lang.number(shown), lang.number(all))
    } else {
        lang.number(all)
    }
}

/// The counts in few columns, with the list's status marks: " 1/5 ○0/3 !0/3 □0/3 " (□: to
/// review; the list's ★ is a change since the review, one reason among others).
pub fn compact_counts(app: &App) -> String {
    let lang = app.lang;
    let c = &app.counts;
    let filtered = c.shown != c.total;
    let shown = if filtered {
        format!("{}/{}", lang.number(c.shown), lang.number(c.total))
    } else {
        lang.number(c.total)
    };
    format!(
        " {shown} ○{} !{} □{} ",
        part(lang, c.pending, c.pending_all, filtered),
        part(lang, c.overdue, c.overdue_all, filtered),
        part(lang, c.to_review, c.to_review_all, filtered),
    )
}

/// The counts of the status bar.
pub fn counts(app: &App) -> String {
    let lang = app.lang;
    let w = ui::words(lang);
    let c = &app.counts;
    let filtered = c.shown != c.total;
    let shown = if filtered {
        format!(
            "{} / {}",
            lang.count(c.shown, ("affichée", "affichées"), ("shown", "shown")),
            lang.number(c.total)
        )
    } else {
        lang.count(
            c.total,
            ("question", "questions"),
            ("question", "questions"),
        )
    };
    format!(
        " {shown} · {} {} · {} {} · {} {} ",
        part(lang, c.pending, c.pending_all, filtered),
        w.pending,
        part(lang, c.overdue, c.overdue_all, filtered),
        w.overdue,
        part(lang, c.to_review, c.to_review_all, filtered),
        w.to_review
    )
}

/// Key hints generated from the keymap in force: "? aide · / filtre · ] à revoir · q quitter".
pub fn hints(app: &App) -> String {
    let lang = app.lang;
    let commands = [
        Command::ToggleHelp,
        Command::OpenFilter,
        Command::NextToReview,
        Command::ToggleReviewed,
        Command::ToggleUnanswered,
        Command::ToggleOverdue,
        Command::CycleSort,
        Command::ToggleChronology,
        Command::Quit,
    ];
    commands
        .iter()
        .filter_map(|c| {
            let key = app.keymap.first_key(Mode::Normal, *c)?;
            let hint = c.hint(lang)?;
            Some(format!("{} {hint}", key.label(lang)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Draws the status bar.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let w = ui::words(app.lang);
    let theme = &app.theme;
    let previewing = app.load.shown == Shown::Preview;
    let full = counts(app);
    // On a narrow bar the counts give way to the message. The counts of a first page
    // would pass for the library's: it says what it is instead.
    let counts = if previewing {
        format!(" {} ", w.loading_rest)
    } else if width(&full) + 30 > area.width as usize {
        compact_counts(app)
    } else {
        full
    };
    let counts = truncate(&counts, area.width as usize);
    let mut spans = vec![Span::styled(counts.clone(), theme.heading())];
    let mut rest = (area.width as usize).saturating_sub(width(&counts));
    let filtering = app.filtered.state != HitsState::Ready;
    let indexing = app.dossier.index.words().is_none() && !previewing;
    let busy = match (app.save_state(), filtering, indexing) {
        (SaveState::Saving, _, _) => Some((format!("{} ", w.saving), theme.dim())),
        // In words unless a message says more.
        (SaveState::Failed(_), _, _) if app.message.is_some() => {
            Some(("⚠ ".to_string(), theme.error()))
        }
        (SaveState::Failed(_), _, _) => Some((format!("{} ", w.unsaved), theme.error())),
        (_, true, _) => Some((format!("{} ", w.filtering), theme.pending())),
        (_, _, true) => Some((format!("{} ", w.indexing), theme.dim())),
        _ => None,
    };
    if let Some((text, style)) = busy {
        rest = rest.saturating_sub(width(&text));
        spans.push(Span::styled(text, style));
    }
    let (text, style) = match &app.message {
        Some(m) => (
            m.text.clone(),
            match m.kind {
                MessageKind::Info => theme.answered(),
                MessageKind::Warning => theme.pending(),
            },
        ),
        None => (hints(app), theme.dim()),
    };
    let text = format!(" {text}");
    // A cut message says where to read it whole.
    let shown = if width(&text) > rest && app.message.is_some() {
        let more = app.lang.pick(" (! pour lire)", " (! to read)");
        format!(
            "{}{more}",
            truncate(&text, rest.saturating_sub(width(more)))
        )
    } else {
        truncate(&text, rest)
    };
    spans.push(span(&shown, style));
    frame.render_widget(ratatui::widgets::Paragraph::new(Line::from(spans)), area);
}
