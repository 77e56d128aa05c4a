//! Windows drawn over the panes: the key help (generated from the keymap) and the load
//! diagnostics.

use crate::tui::app::App;
use crate::tui::i18n::strings;
use crate::tui::keymap::{Binding, HelpSection, FILTER, NORMAL, NOTE};
use crate::tui::wrap::fit;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// A rectangle centred in `area`, at most `w` x `h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The help's lines: every binding of the keymap, by section, then the query syntax.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let s = strings(app.lang);
    let theme = &app.theme;
    let key_width = NORMAL
        .iter()
        .chain(FILTER)
        .chain(NOTE)
        .map(|b| b.keys_label().chars().count())
        .max()
        .unwrap_or(8);
    let binding_line = |b: &Binding| {
        Line::from(vec![
            Span::styled(
                format!("  {} ", fit(&b.keys_label(), key_width)),
                theme.label(),
            ),
            Span::raw(b.help(app.lang).to_string()),
        ])
    };
    let mut lines = Vec::new();
    let sections = [
        (HelpSection::Navigation, s.section_navigation),
        (HelpSection::Filter, s.section_filter),
        (HelpSection::Review, s.section_review),
        (HelpSection::Other, s.section_other),
    ];
    for (section, title) in sections {
        let bindings: Vec<_> = NORMAL.iter().filter(|b| b.section == section).collect();
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::styled(title.to_string(), theme.heading()));
        lines.extend(bindings.into_iter().map(binding_line));
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        s.section_filter_line.to_string(),
        theme.heading(),
    ));
    lines.extend(FILTER.iter().map(binding_line));
    lines.push(Line::default());
    lines.push(Line::styled(
        s.section_note_editor.to_string(),
        theme.heading(),
    ));
    lines.extend(NOTE.iter().map(binding_line));
    lines.push(Line::default());
    // The query language, from the engine's own table of fields.
    lines.push(Line::styled(s.section_query.to_string(), theme.heading()));
    for syntax in s.query_syntax {
        lines.push(Line::styled(format!("  {syntax}"), theme.dim()));
    }
    let fields = dossier_core::query::help::FIELDS;
    let name_width = fields
        .iter()
        .map(|f| f.names.join(": ").chars().count() + 1)
        .max()
        .unwrap_or(10);
    for field in fields {
        let names = format!("{}:", field.names.join(": "));
        let what = match app.lang {
            dossier_core::i18n::Lang::Fr => field.fr,
            dossier_core::i18n::Lang::En => field.en,
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", fit(&names, name_width)), theme.label()),
            Span::raw(format!("{} — {what}", field.value)),
        ]));
    }
    lines
}

fn scrolled(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
) {
    let s = strings(app.lang);
    let block = Block::bordered()
        .title(format!(" {title} "))
        .title_bottom(Line::from(format!(" {} ", s.help_footer)).style(app.theme.dim()))
        .border_style(app.theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    let height = inner.height as usize;
    let max_scroll = lines.len().saturating_sub(height);
    let scroll = scroll.min(max_scroll);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(
        Paragraph::new(visible)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
    if max_scroll > 0 {
        super::scrollbar(frame, area, max_scroll + 1, scroll);
    }
}

/// Draws the help overlay.
pub fn render_help(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let s = strings(app.lang);
    let rect = centered(area, 96, area.height.saturating_sub(2).max(3));
    scrolled(frame, app, rect, s.help_title, help_lines(app), scroll);
}

/// The diagnostics' lines.
pub fn diagnostics_lines(app: &App) -> Vec<Line<'static>> {
    let s = strings(app.lang);
    if app.dossier.diagnostics.is_empty() {
        return vec![Line::styled(
            s.diagnostics_none.to_string(),
            app.theme.dim(),
        )];
    }
    app.dossier
        .diagnostics
        .iter()
        .map(|d| {
            let style = match d.severity {
                dossier_core::load::Severity::Skipped => app.theme.overdue(),
                dossier_core::load::Severity::Warning => app.theme.pending(),
            };
            Line::styled(d.to_string(), style)
        })
        .collect()
}

/// Draws the diagnostics overlay.
pub fn render_diagnostics(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let s = strings(app.lang);
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(3),
        area.height.saturating_sub(2).max(3),
    );
    scrolled(
        frame,
        app,
        rect,
        s.diagnostics_title,
        diagnostics_lines(app),
        scroll,
    );
}

/// Draws the note editor over the panes.
pub fn render_note_editor(
    app: &App,
    editor: &crate::tui::app::NoteEditor,
    frame: &mut Frame,
    area: Rect,
) {
    let p = crate::tui::i18n::Phrases(app.lang);
    let rect = centered(area, 80, 14.min(area.height.saturating_sub(2)).max(3));
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(p.note_title(&editor.id))
        .title_bottom(Line::from(p.note_keys()).style(app.theme.dim()))
        .border_style(app.theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(&editor.text, inner);
}
