//! The dossier chronology: questions asked, answered and withdrawn across all the questions
//! shown, per week, month, quarter or year as the span allows, with the selected question's
//! dates marked.

use crate::tui::app::{App, Pane};
use crate::tui::i18n::strings;
use chrono::{Datelike, NaiveDate};
use dossier_core::model::EventKind;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// How dates are grouped into columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
}

impl Bucket {
    /// The bucket number of a date (a running count, so that consecutive buckets differ by 1).
    pub fn of(self, d: NaiveDate) -> i64 {
        match self {
            Bucket::Week => d.num_days_from_ce() as i64 / 7,
            Bucket::Month => d.year() as i64 * 12 + d.month0() as i64,
            Bucket::Quarter => d.year() as i64 * 4 + d.month0() as i64 / 3,
            Bucket::Year => d.year() as i64,
        }
    }

    /// A short label for the bucket number `n`.
    pub fn label(self, n: i64) -> String {
        match self {
            Bucket::Week => NaiveDate::from_num_days_from_ce_opt((n * 7) as i32)
                .map(|d| d.format("%d/%m/%y").to_string())
                .unwrap_or_default(),
            Bucket::Month => format!("{:02}/{}", n.rem_euclid(12) + 1, n.div_euclid(12)),
            Bucket::Quarter => format!("T{} {}", n.rem_euclid(4) + 1, n.div_euclid(4)),
            Bucket::Year => n.to_string(),
        }
    }

    /// The finest grouping that fits `slots` columns for dates from `start` to `end`.
    pub fn choose(start: NaiveDate, end: NaiveDate, slots: usize) -> Bucket {
        let days = (end - start).num_days();
        for bucket in [Bucket::Week, Bucket::Month, Bucket::Quarter] {
            let count = (bucket.of(end) - bucket.of(start) + 1) as usize;
            // Weeks only for short spans: beyond six months they read as noise.
            if count <= slots && (bucket != Bucket::Week || days <= 183) {
                return bucket;
            }
        }
        Bucket::Year
    }
}

/// Counts per bucket for one kind of date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// Counts, one per bucket from the first.
    pub counts: Vec<usize>,
    /// Buckets holding a date of the selected question.
    pub selected: Vec<bool>,
}

/// The dossier's dates grouped into buckets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chronology {
    /// The grouping.
    pub bucket: Bucket,
    /// Number of the first bucket.
    pub first: i64,
    /// Asked (published), answered, withdrawn.
    pub series: [Series; 3],
}

/// The three kinds of dates drawn.
pub const KINDS: [EventKind; 3] = [
    EventKind::QuestionPublished,
    EventKind::AnswerPublished,
    EventKind::Withdrawn,
];

/// Groups the dates of the shown questions into at most `slots` buckets. The counts are
/// cached per filter result and width (at 100k questions they cost more than a frame);
/// only the selected question's marks are worked out each time.
pub fn compute(app: &App, slots: usize) -> Option<Chronology> {
    let key = (app.filter_generation, app.hits.len(), slots);
    let cached = app
        .chronology_cache
        .borrow()
        .as_ref()
        .filter(|(k, _)| *k == key)
        .map(|(_, c)| c.clone());
    let mut chrono = match cached {
        Some(c) => c?,
        None => {
            let c = count(app, slots);
            app.chronology_cache.replace(Some((key, c.clone())));
            c?
        }
    };
    if let Some(index) = app.selected_index() {
        for e in &app.dossier.questions[index].events {
            if let Some(k) = KINDS.iter().position(|k| *k == e.kind) {
                let at = chrono.bucket.of(e.date) - chrono.first;
                if let Some(mark) = usize::try_from(at)
                    .ok()
                    .and_then(|at| chrono.series[k].selected.get_mut(at))
                {
                    *mark = true;
                }
            }
        }
    }
    Some(chrono)
}

/// The counts per bucket of the shown questions' dates, without selection marks.
fn count(app: &App, slots: usize) -> Option<Chronology> {
    let dates = app.hits.iter().flat_map(|h| {
        app.dossier.questions[h.index]
            .events
            .iter()
            .filter(|e| KINDS.contains(&e.kind))
            .map(|e| e.date)
    });
    let (mut start, mut end) = (None::<NaiveDate>, None::<NaiveDate>);
    for d in dates {
        start = Some(start.map_or(d, |s| s.min(d)));
        end = Some(end.map_or(d, |e| e.max(d)));
    }
    let (start, end) = (start?, end?);
    let bucket = Bucket::choose(start, end, slots.max(1));
    let first = bucket.of(start);
    let len = (bucket.of(end) - first + 1).max(1) as usize;
    let empty = Series {
        counts: vec![0; len],
        selected: vec![false; len],
    };
    let mut series = [empty.clone(), empty.clone(), empty];
    for hit in &app.hits {
        for e in &app.dossier.questions[hit.index].events {
            if let Some(k) = KINDS.iter().position(|k| *k == e.kind) {
                let at = (bucket.of(e.date) - first) as usize;
                if let Some(count) = series[k].counts.get_mut(at) {
                    *count += 1;
                }
            }
        }
    }
    Some(Chronology {
        bucket,
        first,
        series,
    })
}

const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// The rows of a bar chart of `counts`, `rows` high, tallest bar = `max`.
fn bars(counts: &[usize], max: usize, rows: usize) -> Vec<Vec<&'static str>> {
    let mut out = vec![Vec::with_capacity(counts.len()); rows];
    for &count in counts {
        // A non-zero count shows at least one eighth, so single questions are visible.
        let eighths = if count == 0 {
            0
        } else {
            ((count * rows * 8) as f64 / max.max(1) as f64)
                .ceil()
                .max(1.0) as usize
        };
        for (r, row) in out.iter_mut().enumerate() {
            // Row 0 is the top.
            let below = (rows - 1 - r) * 8;
            let fill = eighths.saturating_sub(below).min(8);
            row.push(EIGHTHS[fill]);
        }
    }
    out
}

/// Draws the dossier chronology.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = strings(app.lang);
    let focused = app.focus == Pane::Timeline;
    let mut block = Block::bordered()
        .title(format!(" {} ", s.chronology_title))
        .title(Line::from(" t ").right_aligned().style(app.theme.dim()))
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    let label_width = [s.asked, s.answered, s.withdrawn]
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(9)
        + 1;
    // Room for the totals after the bars.
    let room = (inner.width as usize).saturating_sub(label_width + 4);
    let Some(chrono) = compute(app, room) else {
        frame.render_widget(Paragraph::new(s.no_dates).block(block), area);
        return;
    };
    let per = match chrono.bucket {
        Bucket::Week => s.per_week,
        Bucket::Month => s.per_month,
        Bucket::Quarter => s.per_quarter,
        Bucket::Year => s.per_year,
    };
    block = block.title_bottom(Line::from(format!(" {per} ")).style(app.theme.dim()));
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let theme = &app.theme;
    let len = chrono.series[0].counts.len();
    // Two columns per bucket (bar and gap) when they fit, else one.
    let cell = if len * 2 <= room { 2 } else { 1 };
    let styles = [theme.pending(), theme.answered(), theme.withdrawn()];
    let names = [s.asked, s.answered, s.withdrawn];
    // Three series, an axis line, and the totals line share the height.
    let rows_each = ((inner.height as usize).saturating_sub(3) / 3).clamp(1, 6);
    let max = chrono
        .series
        .iter()
        .flat_map(|s| s.counts.iter())
        .copied()
        .max()
        .unwrap_or(1);
    let mut lines: Vec<Line> = Vec::new();
    for (k, series) in chrono.series.iter().enumerate() {
        let total: usize = series.counts.iter().sum();
        let grid = bars(&series.counts, max, rows_each);
        for (r, row) in grid.iter().enumerate() {
            let label = if r + 1 == rows_each {
                format!("{:<w$}", names[k], w = label_width)
            } else {
                " ".repeat(label_width)
            };
            let mut spans = vec![Span::styled(label, styles[k])];
            for (i, cell_text) in row.iter().enumerate() {
                let style = if series.selected[i] {
                    theme.mark()
                } else {
                    styles[k]
                };
                spans.push(Span::styled(*cell_text, style));
                if cell == 2 {
                    spans.push(Span::raw(" "));
                }
            }
            if r + 1 == rows_each {
                spans.push(Span::styled(format!(" {total}"), theme.dim()));
            }
            lines.push(Line::from(spans));
        }
    }
    // Axis labels: one every few buckets, where they fit.
    let mut axis = " ".repeat(label_width);
    let mut marks = format!("{:<w$}", s.selected, w = label_width);
    let mut col = 0;
    let mut i = 0;
    while i < len {
        let label = chrono.bucket.label(chrono.first + i as i64);
        let at = i * cell;
        if at >= col {
            axis.push_str(&" ".repeat(at - col));
            axis.push_str(&label);
            col = at + label.chars().count() + 1;
            axis.push(' ');
        }
        i += 1;
    }
    for i in 0..len {
        let selected = chrono.series.iter().any(|s| s.selected[i]);
        marks.push_str(if selected { "^" } else { " " });
        if cell == 2 {
            marks.push(' ');
        }
    }
    lines.push(Line::styled(axis, theme.dim()));
    lines.push(Line::styled(marks, theme.mark()));
    frame.render_widget(Paragraph::new(lines).style(Style::new()), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bucket_choice_follows_the_span() {
        assert_eq!(
            Bucket::choose(d(2026, 1, 1), d(2026, 3, 1), 40),
            Bucket::Week
        );
        assert_eq!(
            Bucket::choose(d(2024, 3, 1), d(2026, 6, 1), 40),
            Bucket::Month
        );
        assert_eq!(
            Bucket::choose(d(2014, 3, 1), d(2026, 6, 1), 40),
            Bucket::Year
        );
        assert_eq!(
            Bucket::choose(d(2020, 3, 1), d(2026, 6, 1), 30),
            Bucket::Quarter
        );
    }

    #[test]
    fn bars_scale_to_the_tallest() {
        let grid = bars(&[0, 1, 2], 2, 1);
        assert_eq!(grid, vec![vec![" ", "▄", "█"]]);
        let grid = bars(&[2], 2, 2);
        assert_eq!(grid, vec![vec!["█"], vec!["█"]]);
    }

    #[test]
    fn month_labels() {
        let n = Bucket::Month.of(d(2026, 3, 24));
        assert_eq!(Bucket::Month.label(n), "03/2026");
    }
}
