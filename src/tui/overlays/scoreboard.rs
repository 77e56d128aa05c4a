//! The scoreboard screen: its rows as a table, a bar per row for the measure they are
//! ordered by (overdue questions, answer rate, median delay), and beside it, on a wide
//! screen, the figures of the row selected and the distribution of its answers' delays
//! (ratatui's `BarChart`). On a narrow screen, the table alone. Names come from files:
//! every one passes the sanitiser on its way to a span.

use crate::tui::app::layers::{Board, BoardSort};
use crate::tui::panes::Ctx;
use crate::tui::widgets::scroll::follow;
use crate::tui::widgets::wrap::{fit, plain_lines, span, width};
use crate::tui::widgets::{self, put_line};
use crate::tui::words::scoreboard as words;
use dossier_core::scoreboard::{Row, Scoreboard};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders};
use ratatui::Frame;
use std::cmp::Ordering;

/// Below this width, the table alone.
pub const SIDE_WIDTH: u16 = 100;

/// Horizontal eighths, for bars that end between two cells.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A bar of `value` out of `max` on `cells` cells.
pub fn bar(value: f64, max: f64, cells: usize) -> String {
    if max <= 0.0 || value <= 0.0 || cells == 0 {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * (cells * 8) as f64).round() as usize;
    // Anything above nothing shows.
    let eighths = eighths.max(1);
    let mut out = "█".repeat(eighths / 8);
    out.push_str(EIGHTHS[eighths % 8]);
    out
}

/// The measure a row's bar shows, for an order.
fn measure(row: &Row, sort: BoardSort) -> f64 {
    match sort {
        BoardSort::Overdue => row.overdue as f64,
        BoardSort::Rate => row.answer_rate.unwrap_or(0.0),
        BoardSort::Delay => row.median_delay_days.unwrap_or(0.0),
    }
}

/// What a full bar stands for: a rate is out of 100%, so 25% never draws a full bar; counts
/// and delays are out of the largest shown.
fn bar_scale(measures: impl Iterator<Item = f64>, sort: BoardSort) -> f64 {
    match sort {
        BoardSort::Rate => 1.0,
        BoardSort::Overdue | BoardSort::Delay => measures.fold(0.0, f64::max),
    }
}

/// The table's column widths for `cols` columns: name, received, rate, on time, overdue,
/// median delay, bar (zero: not shown).
fn columns(cols: usize) -> [usize; 7] {
    let on_time = if cols >= 90 { 8 } else { 0 };
    let median = if cols >= 100 { 7 } else { 0 };
    let bar = (cols / 5).clamp(6, 40);
    let numbers = [7, 6, on_time, 7, median];
    let fixed: usize = numbers
        .iter()
        .filter(|w| **w > 0)
        .map(|w| w + 1)
        .sum::<usize>()
        + bar;
    let name = cols.saturating_sub(fixed).max(8);
    [
        name, numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], bar,
    ]
}

fn right(text: &str, cols: usize) -> String {
    format!("{text:>cols$}")
}

/// The rows' positions in the order asked: the most overdue first (the scoreboard's own
/// order), the lowest answer rate first, or the longest median delay first; rows with
/// nothing to rate or time go last.
pub fn order(board: &Scoreboard, sort: BoardSort) -> Vec<usize> {
    let mut at: Vec<usize> = (0..board.rows.len()).collect();
    let rows = &board.rows;
    let last_if_none =
        |a: Option<f64>, b: Option<f64>, worse_first: fn(f64, f64) -> Ordering| match (a, b) {
            (Some(a), Some(b)) => worse_first(a, b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
    match sort {
        BoardSort::Overdue => {}
        BoardSort::Rate => at.sort_by(|&a, &b| {
            let (a, b) = (&rows[a], &rows[b]);
            last_if_none(a.answer_rate, b.answer_rate, |a, b| a.total_cmp(&b))
                .then_with(|| b.overdue.cmp(&a.overdue))
        }),
        BoardSort::Delay => at.sort_by(|&a, &b| {
            let (a, b) = (&rows[a], &rows[b]);
            last_if_none(a.median_delay_days, b.median_delay_days, |a, b| {
                b.total_cmp(&a)
            })
            .then_with(|| b.p90_delay_days.cmp(&a.p90_delay_days))
            .then_with(|| b.overdue.cmp(&a.overdue))
        }),
    }
    at
}

/// Draws the screen over `area`.
pub fn draw(
    scores: Option<&Scoreboard>,
    order: &[usize],
    state: &Board,
    ctx: Ctx,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = ctx.lang;
    let theme = ctx.theme;
    let sorts = words::sorts(lang);
    let sort = match state.sort {
        BoardSort::Overdue => sorts[0],
        BoardSort::Rate => sorts[1],
        BoardSort::Delay => sorts[2],
    };
    let block = Block::bordered()
        .title(format!(" {} ", words::screen_title(lang, state.by)))
        .title_top(Line::from(format!(" {} ", words::sort_name(lang, sort))).right_aligned())
        .title_bottom(Line::from(format!(" {} ", words::footer(lang))).style(theme.dim()))
        .border_style(theme.border(true));
    // What is counted: the whole dossier, as of today (where there is room to say it).
    let block = match scores.filter(|_| area.width >= 120) {
        Some(s) => block.title_bottom(
            Line::from(format!(
                " {} ",
                words::as_of(lang, ctx.today, s.total.received)
            ))
            .right_aligned()
            .style(theme.dim()),
        ),
        None => block,
    };
    let inner = block.inner(area);
    widgets::clear(frame, area);
    frame.render_widget(block, area);
    let Some(scores) = scores else {
        put_line(
            frame.buffer_mut(),
            inner,
            0,
            &Line::styled(words::computing(lang), theme.dim()),
        );
        return;
    };
    if scores.rows.is_empty() {
        put_line(
            frame.buffer_mut(),
            inner,
            0,
            &Line::styled(words::no_question(lang), theme.dim()),
        );
        return;
    }
    let side =
        (inner.width >= SIDE_WIDTH && inner.height >= 12).then(|| (inner.width / 3).clamp(36, 60));
    let table = Rect {
        width: inner.width - side.unwrap_or(0),
        ..inner
    };
    let selected = state.selected.min(order.len().saturating_sub(1));
    table_draw(scores, order, state, selected, ctx, frame, table);
    if let (Some(w), Some(&at)) = (side, order.get(selected)) {
        let panel = Rect {
            x: inner.x + inner.width - w,
            width: w,
            ..inner
        };
        side_draw(&scores.rows[at], state, ctx, frame, panel);
    }
}

#[allow(clippy::too_many_arguments)]
fn table_draw(
    scores: &Scoreboard,
    order: &[usize],
    state: &Board,
    selected: usize,
    ctx: Ctx,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = ctx.lang;
    let theme = ctx.theme;
    let cols = area.width.saturating_sub(1) as usize;
    let widths = columns(cols);
    let headers = words::table_columns(lang);
    let mut header = vec![Span::styled(
        fit(words::name_column(lang, state.by), widths[0]),
        theme.heading(),
    )];
    for (i, h) in headers.iter().enumerate() {
        if widths[i + 1] > 0 {
            header.push(Span::styled(
                format!(" {}", right(h, widths[i + 1])),
                theme.heading(),
            ));
        }
    }
    put_line(frame.buffer_mut(), area, 0, &Line::from(header));
    let rows = area.height.saturating_sub(1) as usize;
    let offset = follow(state.offset, selected, rows, order.len());
    let max = bar_scale(
        order.iter().map(|&i| measure(&scores.rows[i], state.sort)),
        state.sort,
    );
    let bar_style = match state.sort {
        BoardSort::Overdue => theme.overdue(),
        BoardSort::Rate => theme.answered(),
        BoardSort::Delay => theme.pending(),
    };
    for (line, (pos, &at)) in order.iter().enumerate().skip(offset).take(rows).enumerate() {
        let row = &scores.rows[at];
        let name = words::row_name(lang, state.by, &row.name);
        let numbers = [
            lang.number(row.received),
            words::rate(lang, row.answer_rate),
            words::rate(lang, row.on_time_rate),
            lang.number(row.overdue),
            row.median_delay_days
                .map_or("—".into(), |d| format!("{}", d.round())),
        ];
        let base = if pos == selected {
            theme.selected()
        } else {
            Style::new()
        };
        let mut spans = vec![span(&fit(&name, widths[0]), base)];
        for (i, n) in numbers.iter().enumerate() {
            if widths[i + 1] > 0 {
                let style = if i == 3 && row.overdue > 0 {
                    base.patch(theme.overdue())
                } else {
                    base
                };
                spans.push(Span::styled(format!(" {}", right(n, widths[i + 1])), style));
            }
        }
        let b = bar(measure(row, state.sort), max, widths[6].saturating_sub(1));
        spans.push(Span::styled(" ", base));
        let pad = widths[6].saturating_sub(1 + width(&b));
        spans.push(Span::styled(b, bar_style));
        spans.push(Span::styled(" ".repeat(pad), base));
        put_line(
            frame.buffer_mut(),
            area,
            line as u16 + 1,
            &Line::from(spans),
        );
    }
    if order.len() > rows {
        let bar_area = Rect {
            x: area.x,
            y: area.y,
            width: area.width + 1,
            height: area.height + 1,
        };
        widgets::scrollbar(
            frame,
            bar_area,
            order.len().saturating_sub(rows) + 1,
            offset,
        );
    }
}

fn side_draw(row: &Row, state: &Board, ctx: Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang;
    let theme = ctx.theme;
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border(false));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    let cols = inner.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let name = words::row_name(lang, state.by, &row.name);
    lines.extend(plain_lines(&name, cols, theme.heading()));
    for text in words::row_figures(lang, row) {
        lines.extend(plain_lines(&text, cols, Style::new()));
    }
    lines.push(Line::default());
    lines.extend(plain_lines(
        words::distribution_heading(lang),
        cols,
        theme.heading(),
    ));
    let used = lines.len().min(inner.height as usize) as u16;
    widgets::draw_lines(frame.buffer_mut(), inner, lines.iter());
    // Tall enough to compare the bars, no taller.
    let chart = Rect {
        y: inner.y + used,
        height: (inner.height - used).min(12),
        ..inner
    };
    if row.delays.is_empty() {
        put_line(
            frame.buffer_mut(),
            chart,
            0,
            &Line::styled(words::no_delay(lang), theme.dim()),
        );
        return;
    }
    if chart.height < 4 {
        return;
    }
    let counts = row.distribution();
    let labels = words::buckets(lang);
    let bar_width = ((chart.width as usize).saturating_sub(5) / 6).clamp(3, 8) as u16;
    let bars: Vec<Bar> = counts
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (&n, label))| {
            // Within the two months of art. 135, or past them.
            let style = if i < 2 {
                theme.answered()
            } else {
                theme.overdue()
            };
            Bar::default()
                .value(n as u64)
                .label(Line::from(label))
                .style(style)
                .value_style(style.patch(theme.selected()))
        })
        .collect();
    let widget = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1);
    frame.render_widget(widget, chart.intersection(frame.area()));
}
