//! The timeline pane: the selected question's key dates on a time axis with the deadline
//! and today, then listed with pages and the days between them (its content); drawn
//! scrolled.

use super::Ctx;
use crate::tui::widgets;
use crate::tui::widgets::wrap::{fit, span, truncate, width, wrap_field};
use crate::tui::words::ui;
use chrono::NaiveDate;
use dossier_core::deadline::Timing;
use dossier_core::model::Question;
use dossier_core::model::{EventKind, Status};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use ratatui::Frame;

/// One point of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// When.
    pub date: NaiveDate,
    /// Its mark on the axis.
    pub mark: &'static str,
    /// What happened.
    pub label: String,
    /// JO page.
    pub page: Option<u32>,
    /// Extra words (reason, lateness, new ministry).
    pub note: Option<String>,
    /// How it is drawn.
    pub style: Style,
}

fn mark_of(kind: EventKind) -> &'static str {
    match kind {
        EventKind::QuestionPublished => "●",
        EventKind::AnswerPublished => "◆",
        EventKind::Withdrawn => "✕",
        EventKind::AttributionChanged => "⇄",
        EventKind::Signaled => "▲",
        EventKind::Renewed => "↻",
        EventKind::ErratumQuestion | EventKind::ErratumAnswer => "≠",
        EventKind::Other => "·",
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The points of the selected question's timeline, in date order: its events, its deadline
/// and, while it waits, today.
pub fn points(q: &Question, timing: &Timing, ctx: Ctx) -> Vec<Point> {
    let lang = ctx.lang;
    let w = ui::words(lang);
    let theme = ctx.theme;
    let mut points: Vec<Point> = q
        .events
        .iter()
        .map(|e| {
            let label = match ui::event(lang, e.kind) {
                "" => e.label.clone(),
                named => named.to_string(),
            };
            let style = match e.kind {
                EventKind::AnswerPublished => theme.answered(),
                EventKind::Withdrawn => theme.withdrawn(),
                EventKind::Signaled => theme.pending(),
                _ => Style::new(),
            };
            Point {
                date: e.date,
                mark: mark_of(e.kind),
                label,
                page: e.page,
                note: e.note.clone(),
                style,
            }
        })
        .collect();
    if let (Some(deadline), Some(rule)) = (timing.deadline, timing.deadline_rule) {
        points.push(Point {
            date: deadline,
            mark: "┃",
            label: format!("{} ({})", capitalise(w.deadline), ui::rule(lang, rule)),
            page: None,
            note: None,
            style: if timing.is_overdue() {
                theme.overdue()
            } else {
                theme.dim()
            },
        });
    }
    if q.status == Status::Pending {
        points.push(Point {
            date: ctx.today,
            mark: "▼",
            label: capitalise(w.today),
            page: None,
            note: timing
                .overdue_days
                .zip(timing.deadline)
                .map(|(d, deadline)| ui::overdue_by(lang, d, deadline)),
            style: theme.status(Status::Pending, timing.is_overdue()),
        });
    }
    // Stable: on one day, events keep their order and come before deadline and today.
    points.sort_by_key(|pt| pt.date);
    points
}

/// The time axis: a line from the first to the last point, each point's mark at its place,
/// the stretch past an overdue deadline in the overdue colour.
fn axis(timing: &Timing, points: &[Point], ctx: Ctx, cols: usize) -> Vec<Line<'static>> {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    if cols < 3 {
        return Vec::new();
    }
    let (start, end) = (first.date, last.date);
    let span_days = (end - start).num_days().max(1) as f64;
    let x = |d: NaiveDate| {
        (((d - start).num_days() as f64 / span_days) * (cols - 1) as f64).round() as usize
    };
    let theme = ctx.theme;
    let mut cells: Vec<(&str, Style)> = vec![("─", theme.dim()); cols];
    if let (Some(deadline), true) = (timing.deadline, timing.is_overdue()) {
        for cell in cells
            .iter_mut()
            .take(x(ctx.today).min(cols - 1) + 1)
            .skip(x(deadline))
        {
            *cell = ("━", theme.overdue());
        }
    }
    for pt in points {
        cells[x(pt.date).min(cols - 1)] = (pt.mark, pt.style);
    }
    let axis_line = Line::from(
        cells
            .into_iter()
            .map(|(t, s)| Span::styled(t, s))
            .collect::<Vec<_>>(),
    );
    let (a, b) = (ctx.lang.date(start), ctx.lang.date(end));
    let gap = cols.saturating_sub(width(&a) + width(&b));
    let labels = if gap >= 1 && start != end {
        Line::styled(format!("{a}{}{b}", " ".repeat(gap)), theme.dim())
    } else {
        Line::styled(truncate(&a, cols), theme.dim())
    };
    vec![axis_line, labels]
}

/// The lines of the selected question's timeline at `cols` columns.
pub fn lines(q: &Question, timing: &Timing, ctx: Ctx, cols: usize) -> Vec<Line<'static>> {
    let lang = ctx.lang;
    let points = points(q, timing, ctx);
    let mut out = axis(timing, &points, ctx, cols);
    out.push(Line::default());
    let date_width = points
        .iter()
        .map(|pt| width(&lang.date(pt.date)))
        .max()
        .unwrap_or(10);
    let mut previous: Option<NaiveDate> = None;
    for pt in &points {
        let elapsed = previous.map(|prev| (pt.date - prev).num_days());
        previous = Some(pt.date);
        let mut text = pt.label.clone();
        if let Some(page) = pt.page {
            text.push_str(&format!(", p. {page}"));
        }
        if let Some(note) = &pt.note {
            text.push_str(&format!(" — {note}"));
        }
        let date = fit(&lang.date(pt.date), date_width);
        let after = elapsed
            .map(|days| format!("  (+{})", lang.days(days)))
            .unwrap_or_default();
        let head = vec![
            Span::styled(format!("{} ", pt.mark), pt.style),
            Span::raw(format!("{date} ")),
        ];
        if 2 + date_width + 1 + width(&text) + width(&after) <= cols {
            let mut spans = head;
            spans.push(span(&text, pt.style));
            spans.push(Span::styled(after, ctx.theme.dim()));
            out.push(Line::from(spans));
        } else {
            // Narrow pane: the date line, then the label indented below it.
            let mut spans = head;
            spans.push(Span::styled(
                after.trim_start().to_string(),
                ctx.theme.dim(),
            ));
            out.push(Line::from(spans));
            for (line, _) in wrap_field(
                &text,
                &[],
                cols.saturating_sub(2),
                pt.style,
                Style::new(),
                &dossier_core::query::Highlight::default(),
            ) {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(line.spans);
                out.push(Line::from(spans));
            }
        }
    }
    out
}

/// Draws the question's timeline (nothing when no question is selected).
pub fn draw(
    lines: Option<&[Line<'static>]>,
    scroll: usize,
    focused: bool,
    ctx: Ctx,
    frame: &mut Frame,
    area: Rect,
) {
    let w = ui::words(ctx.lang);
    let block = Block::bordered()
        .title(format!(" {} ", w.timeline_title))
        .title(Line::from(" t ").right_aligned().style(ctx.theme.dim()))
        .border_style(ctx.theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(lines) = lines else {
        return;
    };
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let scroll = scroll.min(lines.len().saturating_sub(inner.height as usize));
    widgets::draw_lines(frame.buffer_mut(), inner, lines.iter().skip(scroll));
}
