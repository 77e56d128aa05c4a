//! The list pane: one row per shown question, windowed so that only visible rows are built.

use crate::tui::app::{App, CampaignRow, Pane};
use crate::tui::content::columns::Columns;
use crate::tui::words::related as related_words;
use crate::tui::words::ui;
use crate::tui::wrap::{fit, span, width};
use dossier_core::marks;
use dossier_core::review::NoteView;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph};
use ratatui::Frame;

/// The four review marks of a row: `★` changed since the review (or new), `✔` reviewed,
/// `⚑` follow-up flag, `✎` note (`⚠` when its versions conflict).
fn review_marks(app: &App, q: &dossier_core::model::Question) -> [(&'static str, Style); 4] {
    let theme = &app.theme;
    let entry = app.review.entry(&q.id);
    let blank = (" ", Style::new());
    [
        if app.review.is_changed(q) {
            (marks::CHANGED, theme.mark())
        } else {
            blank
        },
        if entry.is_some_and(|e| e.reviewed().is_some()) {
            (marks::REVIEWED, theme.dim())
        } else {
            blank
        },
        if entry.is_some_and(|e| e.flagged().is_some()) {
            (marks::FLAGGED, theme.flag())
        } else {
            blank
        },
        match entry.map(|e| e.note()) {
            Some(NoteView::One(_)) => (marks::NOTE, theme.note()),
            Some(NoteView::Conflict(_)) => (marks::CONFLICT, theme.conflict()),
            _ => blank,
        },
    ]
}

/// The list's title and count, shortened on narrow panes.
fn titles(app: &App, room: usize) -> (String, String) {
    let w = ui::words(app.lang);
    // The named dossier open, else "Questions"; a name from a file is untrusted.
    let mut title = match &app.origin {
        dossier_core::library::Origin::Library {
            dossier: Some(name),
            ..
        } => format!(
            " {} ",
            crate::tui::wrap::truncate(&dossier_core::text::sanitize::terminal_line(name), 30)
        ),
        _ => format!(" {} ", w.list_title),
    };
    if app.only_unanswered {
        title.push_str(&format!("[{}] ", w.only_unanswered));
    }
    if app.only_overdue {
        title.push_str(&format!("[{}] ", w.only_overdue));
    }
    if app.group_campaigns {
        title.push_str(&format!("[{}] ", related_words::grouped(app.lang)));
    }
    let order = if app.filter.query.has_free_words() {
        w.relevance.to_string()
    } else {
        format!(
            "{} {}",
            ui::sort_key(app.lang, app.sort),
            if app.reverse { "↑" } else { "↓" }
        )
    };
    let count = if app.hits.is_empty() {
        format!(" 0 / {} ", app.lang.number(app.dossier.questions.len()))
    } else {
        format!(
            " {} / {} · {} {order} ",
            app.lang.number(app.selected + 1),
            app.lang.number(app.hits.len()),
            w.sort
        )
    };
    if width(&title) + width(&count) + 4 <= room {
        return (title, count);
    }
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
}

/// Draws the list pane.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let w = ui::words(app.lang);
    let focused = app.focus == Pane::List;
    let (title, count) = titles(app, area.width as usize);
    let block = Block::bordered()
        .title(title)
        .title(Line::from(count).right_aligned())
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if let Some(progress) = app.loading.filter(|_| app.dossier.questions.is_empty()) {
        let ratio = if progress.total == 0 {
            0.0
        } else {
            progress.done as f64 / progress.total as f64
        };
        let gauge = Gauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .label(ui::loading(app.lang, progress.done, progress.total))
            .gauge_style(app.theme.heading());
        frame.render_widget(gauge, Rect { height: 1, ..inner });
        return;
    }
    if app.hits.is_empty() {
        let text = if app.dossier.questions.is_empty() {
            w.no_question
        } else {
            w.no_match
        };
        frame.render_widget(Paragraph::new(text).style(app.theme.dim()), inner);
        return;
    }
    let cols: Columns = app.cache.columns.map(|c| c.1).unwrap_or_default();
    let buf = frame.buffer_mut();
    let header = [
        (cols.mark, ""),
        (cols.review, ""),
        (cols.id, w.col_id),
        (cols.date, w.col_date),
        (cols.author, w.col_author),
        (cols.ministry, w.col_ministry),
        (cols.deadline, w.col_deadline),
        (cols.overdue, w.col_overdue),
        (cols.title, w.col_title),
    ];
    let header = Line::from(
        header
            .iter()
            .filter(|(w, _)| *w > 0)
            .map(|(w, t)| Span::styled(format!("{} ", fit(t, *w)), app.theme.dim()))
            .collect::<Vec<_>>(),
    );
    // One column is kept for the scrollbar.
    let text_width = inner.width.saturating_sub(1);
    let text_area = Rect {
        width: text_width,
        ..inner
    };
    super::put_line(buf, text_area, 0, &header);
    let rows = (inner.height as usize).saturating_sub(1);
    let lang = app.lang;
    for (n, (position, hit)) in app
        .hits
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(rows)
        .enumerate()
    {
        let (Some(q), Some(timing)) = (
            app.dossier.questions.get(hit.index),
            app.dossier.timings.get(hit.index),
        ) else {
            continue;
        };
        let (mark, mark_style) = app.theme.status_mark(q.status, timing.is_overdue());
        let title = if q.title.is_empty() {
            w.untitled
        } else {
            &q.title
        };
        let mut spans = vec![Span::styled(
            format!("{} ", fit(mark, cols.mark)),
            mark_style,
        )];
        for (m, style) in review_marks(app, q) {
            spans.push(Span::styled(m, style));
        }
        spans.push(Span::raw(" "));
        let mut push = |w: usize, text: &str, style: Style| {
            if w > 0 {
                let cell = fit(&dossier_core::text::sanitize::terminal_line(text), w);
                spans.push(span(&format!("{cell} "), style));
            }
        };
        push(cols.id, &q.id, Style::new());
        push(
            cols.date,
            &q.published().map_or("—".into(), |d| lang.short_date(d)),
            app.theme.dim(),
        );
        push(cols.author, &q.author, Style::new());
        push(cols.ministry, q.ministry(), app.theme.dim());
        let pending = q.status == dossier_core::model::Status::Pending;
        push(
            cols.deadline,
            &timing
                .deadline
                .filter(|_| pending)
                .map_or(String::new(), |d| lang.short_date(d)),
            app.theme.status(q.status, timing.is_overdue()),
        );
        push(
            cols.overdue,
            &timing
                .overdue_days
                .map_or(String::new(), |d| format!("+{d}")),
            app.theme.overdue(),
        );
        let title = match app.campaign_rows.get(&hit.index) {
            Some(CampaignRow::Head {
                count,
                pending,
                answered,
                expanded,
                ..
            }) => format!(
                "{} {} · {title}",
                if *expanded { "▾" } else { "▸" },
                related_words::campaign_row(lang, *count, *pending, *answered)
            ),
            Some(CampaignRow::Member { last }) => {
                format!("  {} {title}", if *last { "└" } else { "├" })
            }
            None => title.to_string(),
        };
        let title_style = match app.campaign_rows.get(&hit.index) {
            Some(CampaignRow::Head { .. }) => app.theme.label(),
            _ => Style::new(),
        };
        push(cols.title, &title, title_style);
        let mut line = Line::from(spans);
        if position == app.selected {
            line = line.patch_style(app.theme.selected());
            if !focused {
                line = line.patch_style(Style::new().add_modifier(Modifier::DIM));
            }
        }
        super::put_line(buf, text_area, 1 + n as u16, &line);
    }
    if app.hits.len() > rows {
        super::scrollbar(frame, area, app.hits.len(), app.selected);
    }
}
