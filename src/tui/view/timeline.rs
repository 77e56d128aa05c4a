//! The timeline pane: the selected question's key dates drawn on a time axis with the
//! deadline and today, then listed with pages and the days between them.

use crate::tui::app::{App, Pane};
use crate::tui::i18n::{strings, Phrases};
use crate::tui::theme::Theme;
use crate::tui::wrap::{fit, truncate, width};
use chrono::NaiveDate;
use dossier_core::model::{EventKind, Question, Status};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
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
    /// Extra words (reason, lateness).
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

/// The points of a question's timeline, in date order: its events, its deadline and, while
/// it waits, today.
pub fn points(app: &App, index: usize) -> Vec<Point> {
    let q: &Question = &app.dossier.questions[index];
    let timing = &app.dossier.timings[index];
    let p = Phrases(app.lang);
    let s = strings(app.lang);
    let theme: &Theme = &app.theme;
    let mut points: Vec<Point> = q
        .events
        .iter()
        .map(|e| {
            let label = match p.event(e.kind) {
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
        let overdue = timing.is_overdue();
        points.push(Point {
            date: deadline,
            mark: "┃",
            label: format!("{} ({})", capitalise(s.deadline), p.rule(rule)),
            page: None,
            note: None,
            style: if overdue {
                theme.overdue()
            } else {
                theme.dim()
            },
        });
    }
    if q.status == Status::Pending {
        points.push(Point {
            date: app.today,
            mark: "▼",
            label: capitalise(s.today),
            page: None,
            note: timing
                .overdue_days
                .zip(timing.deadline)
                .map(|(d, deadline)| p.overdue_by(d, deadline)),
            style: theme.status(Status::Pending, timing.is_overdue()),
        });
    }
    // Stable: on one day, events keep their order and come before deadline and today.
    points.sort_by_key(|pt| pt.date);
    points
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Draws the time axis: a line from the first to the last point, each point's mark at its
/// place, the stretch past an overdue deadline in the overdue colour.
fn axis(points: &[Point], cols: usize, app: &App, index: usize) -> Vec<Line<'static>> {
    if points.is_empty() || cols < 3 {
        return Vec::new();
    }
    let start = points[0].date;
    let end = points[points.len() - 1].date;
    let span = (end - start).num_days().max(1) as f64;
    let x = |d: NaiveDate| {
        (((d - start).num_days() as f64 / span) * (cols - 1) as f64).round() as usize
    };
    let timing = &app.dossier.timings[index];
    let theme = &app.theme;
    let mut cells: Vec<(String, Style)> = vec![("─".to_string(), theme.dim()); cols];
    if let (Some(deadline), true) = (timing.deadline, timing.is_overdue()) {
        for cell in cells.iter_mut().take(x(app.today) + 1).skip(x(deadline)) {
            *cell = ("━".to_string(), theme.overdue());
        }
    }
    for pt in points {
        let at = x(pt.date).min(cols - 1);
        cells[at] = (pt.mark.to_string(), pt.style);
    }
    let axis_line = Line::from(
        cells
            .into_iter()
            .map(|(t, s)| Span::styled(t, s))
            .collect::<Vec<_>>(),
    );
    let p = Phrases(app.lang);
    let first = p.date(start);
    let last = p.date(end);
    let gap = cols.saturating_sub(width(&first) + width(&last));
    let labels = if gap >= 1 && start != end {
        Line::styled(format!("{first}{}{last}", " ".repeat(gap)), theme.dim())
    } else {
        Line::styled(truncate(&first, cols), theme.dim())
    };
    vec![axis_line, labels]
}

/// The lines of a question's timeline at `cols` columns.
pub fn lines(app: &App, index: usize, cols: usize) -> Vec<Line<'static>> {
    let p = Phrases(app.lang);
    let points = points(app, index);
    let mut out = axis(&points, cols, app, index);
    out.push(Line::default());
    let date_width = points
        .iter()
        .map(|pt| width(&p.date(pt.date)))
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
        let date = fit(&p.date(pt.date), date_width);
        let after = elapsed
            .map(|days| format!("  (+{})", p.days(days)))
            .unwrap_or_default();
        let head = vec![
            Span::styled(format!("{} ", pt.mark), pt.style),
            Span::raw(format!("{date} ")),
        ];
        if 2 + date_width + 1 + width(&text) + width(&after) <= cols {
            let mut spans = head;
            spans.push(Span::styled(text, pt.style));
            spans.push(Span::styled(after, app.theme.dim()));
            out.push(Line::from(spans));
        } else {
            // Narrow pane: the date line, then the label indented below it.
            let mut spans = head;
            spans.push(Span::styled(
                after.trim_start().to_string(),
                app.theme.dim(),
            ));
            out.push(Line::from(spans));
            for line in crate::tui::wrap::wrap_field(
                &text,
                &[],
                cols.saturating_sub(2),
                pt.style,
                Style::new(),
                &[],
            ) {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(line.0.spans);
                out.push(Line::from(spans));
            }
        }
    }
    out
}

/// Draws the timeline pane (or the dossier chronology when `t` switched it).
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if app.chronology {
        super::chronology::render(app, frame, area);
        return;
    }
    // A tall pane has room for both: the question on top, the dossier below.
    if area.height >= 28 {
        if let Some(index) = app.selected_index() {
            let needed = lines(app, index, area.width.saturating_sub(2) as usize).len() as u16 + 2;
            let top = needed.clamp(8, area.height / 2);
            let question = Rect {
                height: top,
                ..area
            };
            let dossier = Rect {
                y: area.y + top,
                height: area.height - top,
                ..area
            };
            render_question(app, frame, question);
            super::chronology::render(app, frame, dossier);
            return;
        }
    }
    render_question(app, frame, area);
}

fn render_question(app: &App, frame: &mut Frame, area: Rect) {
    let s = strings(app.lang);
    let focused = app.focus == Pane::Timeline;
    let block = Block::bordered()
        .title(format!(" {} ", s.timeline_title))
        .title(Line::from(" t ").right_aligned().style(app.theme.dim()))
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(index) = app.selected_index() else {
        return;
    };
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let lines = lines(app, index, inner.width as usize);
    let scroll = app
        .timeline_scroll
        .min(lines.len().saturating_sub(inner.height as usize));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
