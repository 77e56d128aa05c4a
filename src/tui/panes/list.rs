//! The list pane: one row per shown question, windowed so that only visible rows are built,
//! and its columns, whose widths follow what is shown and the terminal's width.

use crate::tui::widgets::wrap::{fit, span, truncate, width};
use crate::tui::widgets::{self, theme::Theme};
use crate::tui::words::related as related_words;
use crate::tui::words::ui;
use dossier_core::i18n::Lang;
use dossier_core::load::Progress;
use dossier_core::marks;
use dossier_core::query::rows::Row;
use dossier_core::query::{Hit, SortKey};
use dossier_core::record::Record;
use dossier_core::review::{NoteView, ReviewStore};
use dossier_core::text::sanitize::terminal_line;
use dossier_core::text::width::width as text_width;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph};
use ratatui::Frame;
use std::collections::HashMap;

use crate::tui::dossier::Dossier;

/// What a row of the list grouped by campaign stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignRow {
    /// A campaign: its first question shown, with its count among those the filter keeps.
    Head {
        /// The campaign's first question's position (its key in `expanded`).
        key: u32,
        /// Questions of the campaign shown.
        count: usize,
        /// Of which pending.
        pending: usize,
        /// Of which answered.
        answered: usize,
        /// Its other questions are listed under it.
        expanded: bool,
    },
    /// Another question of an opened campaign (the last one under its head, or not).
    Member {
        /// The last of the campaign's rows.
        last: bool,
    },
}

/// What the list shows.
pub struct ListView<'a> {
    /// The interface's language.
    pub lang: Lang,
    /// The styles.
    pub theme: &'a Theme,
    /// The questions.
    pub dossier: &'a Dossier,
    /// The rows, in order.
    pub hits: &'a [Hit],
    /// The selected row.
    pub selected: usize,
    /// The first row drawn.
    pub offset: usize,
    /// The review marks.
    pub review: &'a ReviewStore,
    /// The rows of a list grouped by campaign that stand for one, or belong to one.
    pub campaign_rows: &'a HashMap<usize, CampaignRow>,
    /// The columns' widths.
    pub columns: Columns,
    /// The named dossier open.
    pub dossier_name: Option<&'a str>,
    /// Grouped by campaign.
    pub grouped: bool,
    /// Ranked by relevance (free words in the filter).
    pub relevance: bool,
    /// The sort.
    pub sort: SortKey,
    /// Reversed.
    pub reverse: bool,
    /// A load's progress, while it runs.
    pub loading: Option<Progress>,
    /// The list has the keyboard.
    pub focused: bool,
}

/// Widths of the list's columns; zero hides a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Columns {
    /// Status mark.
    pub mark: usize,
    /// Review marks: changed, reviewed, flag, to signal, note (one cell each).
    pub review: usize,
    /// Id.
    pub id: usize,
    /// Publication date.
    pub date: usize,
    /// Author.
    pub author: usize,
    /// Ministry that must answer.
    pub ministry: usize,
    /// Deadline of a pending question.
    pub deadline: usize,
    /// Days overdue.
    pub overdue: usize,
    /// Title: what is left.
    pub title: usize,
}

/// Most rows measured for the content widths (the first ones; a column wider than those is
/// cut with `…`).
const MEASURED: usize = 5_000;

/// Chooses the columns for `cols` columns of text.
pub fn choose<'q>(shown: impl Iterator<Item = &'q Row>, lang: Lang, cols: usize) -> Columns {
    let w = ui::words(lang);
    let shown = shown.take(MEASURED);
    let (mut id, mut author, mut ministry) = (
        text_width(w.col_id),
        text_width(w.col_author),
        text_width(w.col_ministry),
    );
    let mut any_pending = false;
    let mut title = text_width(w.col_title);
    for q in shown {
        id = id.max(text_width(&q.id));
        author = author.max(text_width(&q.author));
        ministry = ministry.max(text_width(q.ministry()));
        title = title.max(text_width(&q.title));
        any_pending |= q.status == dossier_core::model::Status::Pending;
    }
    let date = 10;
    let mut c = Columns {
        mark: 1,
        review: 5,
        id,
        date: if cols >= 64 { date } else { 0 },
        author: if cols >= 44 { author.min(26) } else { 0 },
        ministry: if cols >= 100 { ministry.min(44) } else { 0 },
        deadline: if cols >= 150 && any_pending {
            date.max(text_width(w.col_deadline))
        } else {
            0
        },
        overdue: if cols >= 150 && any_pending {
            6.max(text_width(w.col_overdue))
        } else {
            0
        },
        title: 0,
    };
    let fixed = |c: &Columns| {
        [
            c.mark, c.review, c.id, c.date, c.author, c.ministry, c.deadline, c.overdue,
        ]
        .iter()
        .filter(|w| **w > 0)
        .map(|w| w + 1)
        .sum::<usize>()
    };
    // The title keeps at least a third of the row: names give way first, down to 12.
    let title_min = (cols / 3).max(20);
    while fixed(&c) + title_min > cols {
        if c.ministry > 12 {
            c.ministry -= 1;
        } else if c.author > 12 {
            c.author -= 1;
        } else if c.deadline > 0 {
            c.deadline = 0;
            c.overdue = 0;
        } else if c.ministry > 0 {
            c.ministry = 0;
        } else {
            break;
        }
    }
    c.title = cols.saturating_sub(fixed(&c));
    // Room the titles do not need goes to the names they cut, up to their length.
    if c.title > title + 1 {
        let mut surplus = c.title - title - 1;
        for (col, full) in [(&mut c.ministry, ministry), (&mut c.author, author)] {
            if *col > 0 && *col < full {
                let more = (full - *col).min(surplus);
                *col += more;
                surplus -= more;
            }
        }
        c.title = cols.saturating_sub(fixed(&c));
    }
    c
}

/// The four review marks of a row: `★` changed since the review (or new), `✔` reviewed,
/// `⚑` follow-up flag, `◆` to signal, `✎` note (`⚠` when its versions conflict).
fn review_marks(v: &ListView, q: &Row) -> [(&'static str, Style); 5] {
    let theme = v.theme;
    let entry = v.review.entry(&q.id);
    let blank = (" ", Style::new());
    [
        if v.review.is_changed(q) {
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
        if entry.is_some_and(|e| e.to_signal().is_some()) {
            (marks::TO_SIGNAL, theme.overdue())
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
fn titles(v: &ListView, room: usize) -> (String, String) {
    let w = ui::words(v.lang);
    // The named dossier open, else "Questions"; a name from a file is untrusted.
    let mut title = match v.dossier_name {
        Some(name) => format!(" {} ", truncate(&terminal_line(name), 30)),
        None => format!(" {} ", w.list_title),
    };
    if v.grouped {
        title.push_str(&format!("[{}] ", related_words::grouped(v.lang)));
    }
    let order = if v.relevance {
        w.relevance.to_string()
    } else {
        format!(
            "{} {}",
            ui::sort_key(v.lang, v.sort),
            if v.reverse { "↑" } else { "↓" }
        )
    };
    let count = if v.hits.is_empty() {
        format!(" 0 / {} ", v.lang.number(v.dossier.len()))
    } else {
        format!(
            " {} / {} · {} {order} ",
            v.lang.number(v.selected + 1),
            v.lang.number(v.hits.len()),
            w.sort
        )
    };
    if width(&title) + width(&count) + 4 <= room {
        return (title, count);
    }
    let short = format!(" {}/{} ", v.selected + v.hits.len().min(1), v.hits.len());
    if width(&title) + width(&short) + 4 <= room {
        (title, short)
    } else {
        (String::new(), short)
    }
}

/// Draws the list pane.
pub fn draw(v: &ListView, frame: &mut Frame, area: Rect) {
    let w = ui::words(v.lang);
    let focused = v.focused;
    let (title, count) = titles(v, area.width as usize);
    let block = Block::bordered()
        .title(title)
        .title(Line::from(count).right_aligned())
        .border_style(v.theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if let Some(progress) = v.loading.filter(|_| v.dossier.is_empty()) {
        let ratio = if progress.total == 0 {
            0.0
        } else {
            progress.done as f64 / progress.total as f64
        };
        let gauge = Gauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .label(ui::loading(v.lang, progress.done, progress.total))
            .gauge_style(v.theme.heading());
        frame.render_widget(gauge, Rect { height: 1, ..inner });
        return;
    }
    if v.hits.is_empty() {
        let text = if v.dossier.is_empty() {
            w.no_question
        } else {
            w.no_match
        };
        frame.render_widget(Paragraph::new(text).style(v.theme.dim()), inner);
        return;
    }
    let cols = v.columns;
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
            .map(|(w, t)| Span::styled(format!("{} ", fit(t, *w)), v.theme.dim()))
            .collect::<Vec<_>>(),
    );
    // One column is kept for the scrollbar.
    let text_width = inner.width.saturating_sub(1);
    let text_area = Rect {
        width: text_width,
        ..inner
    };
    widgets::put_line(buf, text_area, 0, &header);
    let rows = (inner.height as usize).saturating_sub(1);
    let lang = v.lang;
    for (n, (position, hit)) in v
        .hits
        .iter()
        .enumerate()
        .skip(v.offset)
        .take(rows)
        .enumerate()
    {
        let (Some(q), Some(timing)) = (
            v.dossier.rows.get(hit.index),
            v.dossier.timings.get(hit.index),
        ) else {
            continue;
        };
        let (mark, mark_style) = v.theme.status_mark(q.status, timing.is_overdue());
        let title = if q.title.is_empty() {
            w.untitled
        } else {
            &q.title
        };
        let mut spans = vec![Span::styled(
            format!("{} ", fit(mark, cols.mark)),
            mark_style,
        )];
        for (m, style) in review_marks(v, q) {
            spans.push(Span::styled(m, style));
        }
        spans.push(Span::raw(" "));
        let mut push = |w: usize, text: &str, style: Style| {
            if w > 0 {
                let cell = fit(&terminal_line(text), w);
                spans.push(span(&format!("{cell} "), style));
            }
        };
        push(cols.id, &q.id, Style::new());
        push(
            cols.date,
            &q.published().map_or("—".into(), |d| lang.short_date(d)),
            v.theme.dim(),
        );
        push(cols.author, &q.author, Style::new());
        push(cols.ministry, q.ministry(), v.theme.dim());
        let pending = q.status == dossier_core::model::Status::Pending;
        push(
            cols.deadline,
            &timing
                .deadline
                .filter(|_| pending)
                .map_or(String::new(), |d| lang.short_date(d)),
            v.theme.status(q.status, timing.is_overdue()),
        );
        push(
            cols.overdue,
            &timing
                .overdue_days
                .map_or(String::new(), |d| format!("+{d}")),
            v.theme.overdue(),
        );
        let title = match v.campaign_rows.get(&hit.index) {
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
        let title_style = match v.campaign_rows.get(&hit.index) {
            Some(CampaignRow::Head { .. }) => v.theme.label(),
            _ => Style::new(),
        };
        push(cols.title, &title, title_style);
        let mut line = Line::from(spans);
        if position == v.selected {
            line = line.patch_style(v.theme.selected());
            if !focused {
                line = line.patch_style(Style::new().add_modifier(Modifier::DIM));
            }
        }
        widgets::put_line(buf, text_area, 1 + n as u16, &line);
    }
    if v.hits.len() > rows {
        widgets::scrollbar(frame, area, v.hits.len(), v.selected);
    }
}
