//! The list pane: one row per shown question, windowed so that only visible rows are built.

use crate::tui::app::{App, Pane};
use crate::tui::i18n::{strings, Phrases};
use crate::tui::wrap::{fit, width};
use dossier_core::i18n::Lang;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph};
use ratatui::Frame;

/// Widths of the list's columns for a row width; zero hides a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// Status mark.
    pub mark: usize,
    /// Review marks: changed or reviewed, flag or note.
    pub review: usize,
    /// Id.
    pub id: usize,
    /// Publication date.
    pub date: usize,
    /// Author.
    pub author: usize,
    /// Ministry that must answer.
    pub ministry: usize,
    /// Title: what is left.
    pub title: usize,
}

impl Columns {
    /// Chooses columns for `cols` columns of text: the title takes what is left; ministry,
    /// then date, then author are dropped as the pane narrows.
    pub fn for_width(cols: usize) -> Self {
        let mut c = Columns {
            mark: 1,
            review: 2,
            id: 11,
            date: 10,
            author: 20,
            ministry: 26,
            title: 0,
        };
        if cols < 150 {
            c.author = 18;
            c.ministry = 20;
        }
        if cols < 100 {
            c.ministry = 0;
        }
        if cols < 64 {
            c.date = 0;
        }
        if cols < 44 {
            c.author = 0;
        }
        let fixed: usize = [c.mark, c.review, c.id, c.date, c.author, c.ministry]
            .iter()
            .filter(|w| **w > 0)
            .map(|w| w + 1)
            .sum();
        c.title = cols.saturating_sub(fixed);
        c
    }
}

fn short_date(lang: Lang, date: Option<chrono::NaiveDate>) -> String {
    match date {
        None => "—".into(),
        Some(d) => match lang {
            Lang::Fr => d.format("%d/%m/%Y").to_string(),
            Lang::En => d.format("%Y-%m-%d").to_string(),
        },
    }
}

/// The two review marks of a row: `★` changed since review (or new), `✔` reviewed; then
/// `⚑` follow-up flag, or `✎` note.
fn review_marks(
    app: &App,
    q: &dossier_core::model::Question,
) -> ((&'static str, Style), (&'static str, Style)) {
    let theme = &app.theme;
    let entry = app.review.entry(&q.id);
    let first = if app.review.is_changed(q) {
        ("★", theme.mark())
    } else if entry.is_some_and(|e| e.reviewed.is_some()) {
        ("✔", theme.dim())
    } else {
        (" ", Style::new())
    };
    let second = if entry.is_some_and(|e| e.flagged.is_some()) {
        ("⚑", theme.overdue())
    } else if entry.is_some_and(|e| e.has_note()) {
        ("✎", theme.label())
    } else {
        (" ", Style::new())
    };
    (first, second)
}

/// Draws the list pane.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = strings(app.lang);
    let p = Phrases(app.lang);
    let focused = app.focus == Pane::List;
    let arrow = if app.reverse { "↑" } else { "↓" };
    let mut title = format!(" {} ", s.list_title);
    if app.only_unanswered {
        title.push_str(&format!("[{}] ", s.only_unanswered));
    }
    if app.only_overdue {
        title.push_str(&format!("[{}] ", s.only_overdue));
    }
    let count = if app.hits.is_empty() {
        format!(" 0 / {} ", app.dossier.questions.len())
    } else {
        format!(
            " {} / {} · {} {} {} ",
            app.selected + 1,
            app.hits.len(),
            s.sort,
            p.sort_key(app.sort),
            arrow
        )
    };
    // On narrow panes the titles would overlap: keep the count, then only the numbers.
    let room = area.width as usize;
    let (title, count) = if width(&title) + width(&count) + 4 <= room {
        (title, count)
    } else {
        let short = format!(
            " {}/{} ",
            app.selected + app.hits.len().min(1),
            app.hits.len()
        );
        if width(&title) + width(&short) + 4 <= room {
            (title, short)
        } else {
            (String::new(), short)
        }
    };
    let block = Block::bordered()
        .title(title)
        .title(Line::from(count).right_aligned())
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }

    if let Some(progress) = app.loading {
        let ratio = if progress.total == 0 {
            0.0
        } else {
            progress.done as f64 / progress.total as f64
        };
        let gauge = Gauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .label(p.loading(progress.done, progress.total))
            .gauge_style(app.theme.heading());
        let row = Rect {
            height: 1.min(inner.height),
            ..inner
        };
        frame.render_widget(gauge, row);
        return;
    }
    if app.hits.is_empty() {
        let text = if app.dossier.questions.is_empty() {
            s.no_question
        } else {
            s.no_match
        };
        frame.render_widget(Paragraph::new(text).style(app.theme.dim()), inner);
        return;
    }

    // One column is kept for the scrollbar.
    let cols = Columns::for_width(inner.width.saturating_sub(1) as usize);
    let mut lines = Vec::with_capacity(inner.height as usize);
    let header = [
        (cols.mark, ""),
        (cols.review, ""),
        (cols.id, s.col_id),
        (cols.date, s.col_date),
        (cols.author, s.col_author),
        (cols.ministry, s.col_ministry),
        (cols.title, s.col_title),
    ];
    lines.push(Line::from(
        header
            .iter()
            .filter(|(w, _)| *w > 0)
            .map(|(w, t)| Span::styled(format!("{} ", fit(t, *w)), app.theme.dim()))
            .collect::<Vec<_>>(),
    ));
    let rows = (inner.height as usize).saturating_sub(1);
    for (position, hit) in app.hits.iter().enumerate().skip(app.list_offset).take(rows) {
        let q = &app.dossier.questions[hit.index];
        let overdue = app.dossier.timings[hit.index].is_overdue();
        let (mark, mark_style) = app.theme.status_mark(q.status, overdue);
        let title = if q.title.is_empty() {
            s.untitled
        } else {
            &q.title
        };
        let mut spans = vec![Span::styled(
            format!("{} ", fit(mark, cols.mark)),
            mark_style,
        )];
        let (first, second) = review_marks(app, q);
        spans.push(Span::styled(first.0, first.1));
        spans.push(Span::styled(format!("{} ", second.0), second.1));
        let mut push = |width: usize, text: &str, style: Style| {
            if width > 0 {
                spans.push(Span::styled(format!("{} ", fit(text, width)), style));
            }
        };
        push(cols.id, &q.id, Style::new());
        push(
            cols.date,
            &short_date(app.lang, q.published()),
            app.theme.dim(),
        );
        push(cols.author, &q.author, Style::new());
        push(cols.ministry, q.ministry(), app.theme.dim());
        push(cols.title, title, Style::new());
        let mut line = Line::from(spans);
        if position == app.selected {
            line = line.patch_style(app.theme.selected());
            if !focused {
                line = line.patch_style(Style::new().add_modifier(Modifier::DIM));
            }
        }
        lines.push(line);
    }
    let text_area = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), text_area);
    if app.hits.len() > rows {
        super::scrollbar(frame, area, app.hits.len(), app.selected);
    }
}
