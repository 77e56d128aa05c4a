//! The dossier chronology: questions asked, answered and withdrawn across all the questions
//! shown, per week, month, quarter or year as the span allows (its content: the counts),
//! drawn as bar rows with the selected question's buckets marked.

use super::Ctx;
use crate::tui::widgets;
use crate::tui::words::ui;
use chrono::{Datelike, NaiveDate};
use dossier_core::i18n::Lang;
use dossier_core::record::Record;
use ratatui::layout::Rect;
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

    /// A short label for the bucket number `n`, in `lang` (T3 2026 / Q3 2026).
    pub fn label(self, n: i64, lang: dossier_core::i18n::Lang) -> String {
        match self {
            Bucket::Week => NaiveDate::from_num_days_from_ce_opt((n * 7) as i32)
                .map(|d| match lang {
                    dossier_core::i18n::Lang::Fr => d.format("%d/%m/%y").to_string(),
                    dossier_core::i18n::Lang::En => d.format("%y-%m-%d").to_string(),
                })
                .unwrap_or_default(),
            Bucket::Month => format!("{:02}/{}", n.rem_euclid(12) + 1, n.div_euclid(12)),
            Bucket::Quarter => format!(
                "{}{} {}",
                lang.pick("T", "Q"),
                n.rem_euclid(4) + 1,
                n.div_euclid(4)
            ),
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

/// The dossier's dates grouped into buckets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chronology {
    /// The grouping.
    pub bucket: Bucket,
    /// Number of the first bucket.
    pub first: i64,
    /// Counts per bucket: asked (published), answered, withdrawn.
    pub counts: [Vec<usize>; 3],
}

impl Chronology {
    /// The buckets holding each of the question's dates.
    pub fn marks(&self, q: &impl Record) -> [Vec<bool>; 3] {
        let len = self.counts[0].len();
        let mut marks = [vec![false; len], vec![false; len], vec![false; len]];
        for (k, date) in dates(q).into_iter().enumerate() {
            let Some(date) = date else { continue };
            if let Ok(at) = usize::try_from(self.bucket.of(date) - self.first) {
                if let Some(m) = marks[k].get_mut(at) {
                    *m = true;
                }
            }
        }
        marks
    }
}

/// The three dates drawn: published, answered, withdrawn.
fn dates(q: &impl Record) -> [Option<NaiveDate>; 3] {
    [q.published(), q.answered(), q.withdrawn()]
}

/// Room the labels and totals leave for the bars in a pane of `width` inner columns.
pub fn bar_room(lang: Lang, width: usize) -> usize {
    let w = ui::words(lang);
    let label = [w.asked, w.answered, w.withdrawn]
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(9)
        + 1;
    // The total after the bars: " 100 000" at most.
    width.saturating_sub(label + 8)
}

/// Groups the dates of the shown questions into at most `slots` buckets.
pub fn compute<'q, R: Record + 'q>(
    shown: impl Iterator<Item = &'q R> + Clone,
    lang: Lang,
    width: usize,
) -> Option<Chronology> {
    let slots = bar_room(lang, width).max(1);
    let mut range: Option<(NaiveDate, NaiveDate)> = None;
    for q in shown.clone() {
        for date in dates(q).into_iter().flatten() {
            range = Some(range.map_or((date, date), |(s, t)| (s.min(date), t.max(date))));
        }
    }
    let (start, end) = range?;
    let bucket = Bucket::choose(start, end, slots);
    let first = bucket.of(start);
    let len = (bucket.of(end) - first + 1).max(1) as usize;
    let mut counts = [vec![0; len], vec![0; len], vec![0; len]];
    for q in shown {
        for (k, date) in dates(q).into_iter().enumerate() {
            let Some(date) = date else { continue };
            if let Some(c) = counts[k].get_mut((bucket.of(date) - first) as usize) {
                *c += 1;
            }
        }
    }
    Some(Chronology {
        bucket,
        first,
        counts,
    })
}

const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// The rows of a bar chart of `counts`, `rows` high, tallest bar = `max`.
pub fn bars(counts: &[usize], max: usize, rows: usize) -> Vec<Vec<&'static str>> {
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
            row.push(EIGHTHS[eighths.saturating_sub(below).min(8)]);
        }
    }
    out
}

/// Draws the dossier chronology.
pub fn draw(
    chrono: Option<&Chronology>,
    selected: Option<&dossier_core::query::rows::Row>,
    focused: bool,
    ctx: Ctx,
    frame: &mut Frame,
    area: Rect,
) {
    let w = ui::words(ctx.lang);
    let mut block = Block::bordered()
        .title(format!(" {} ", w.chronology_title))
        .title(Line::from(" t ").right_aligned().style(ctx.theme.dim()))
        .border_style(ctx.theme.border(focused));
    let inner = block.inner(area);
    let Some(chrono) = chrono else {
        frame.render_widget(Paragraph::new(w.no_dates).block(block), area);
        return;
    };
    let per = match chrono.bucket {
        Bucket::Week => w.per_week,
        Bucket::Month => w.per_month,
        Bucket::Quarter => w.per_quarter,
        Bucket::Year => w.per_year,
    };
    block = block.title_bottom(Line::from(format!(" {per} ")).style(ctx.theme.dim()));
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let theme = ctx.theme;
    let names = [w.asked, w.answered, w.withdrawn];
    let label_width = names.iter().map(|l| l.chars().count()).max().unwrap_or(9) + 1;
    let room = bar_room(ctx.lang, inner.width as usize);
    let len = chrono.counts[0].len();
    let selected = selected
        .map(|q| chrono.marks(q))
        .unwrap_or_else(|| [vec![false; len], vec![false; len], vec![false; len]]);
    // Two columns per bucket (bar and gap) when they fit, else one.
    let cell = if len * 2 <= room { 2 } else { 1 };
    let styles = [theme.pending(), theme.answered(), theme.withdrawn()];
    // Three series, an axis line, and the marks line share the height.
    let rows_each = ((inner.height as usize).saturating_sub(3) / 3).clamp(1, 6);
    let max = chrono
        .counts
        .iter()
        .flat_map(|c| c.iter())
        .copied()
        .max()
        .unwrap_or(1);
    let mut lines: Vec<Line> = Vec::new();
    for (k, counts) in chrono.counts.iter().enumerate() {
        let total: usize = counts.iter().sum();
        for (r, row) in bars(counts, max, rows_each).iter().enumerate() {
            let label = if r + 1 == rows_each {
                format!("{:<label_width$}", names[k])
            } else {
                " ".repeat(label_width)
            };
            let mut spans = vec![Span::styled(label, styles[k])];
            for (i, cell_text) in row.iter().enumerate() {
                let style = if selected[k][i] {
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
                spans.push(Span::styled(
                    format!(" {}", ctx.lang.number(total)),
                    theme.dim(),
                ));
            }
            lines.push(Line::from(spans));
        }
    }
    // Axis labels: one every few buckets, where they fit.
    let mut axis = " ".repeat(label_width);
    let mut marks = format!("{:<label_width$}", w.selected);
    let mut col = 0;
    for i in 0..len {
        let label = chrono.bucket.label(chrono.first + i as i64, ctx.lang);
        let at = i * cell;
        if at >= col {
            axis.push_str(&" ".repeat(at - col));
            axis.push_str(&label);
            col = at + label.chars().count() + 1;
            axis.push(' ');
        }
    }
    for i in 0..len {
        marks.push_str(if selected.iter().any(|s| s[i]) {
            "^"
        } else {
            " "
        });
        if cell == 2 {
            marks.push(' ');
        }
    }
    lines.push(Line::styled(axis, theme.dim()));
    lines.push(Line::styled(marks, theme.mark()));
    widgets::draw_lines(frame.buffer_mut(), inner, lines.iter());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bars_scale_to_the_tallest() {
        assert_eq!(bars(&[0, 1, 2], 2, 1), vec![vec![" ", "▄", "█"]]);
        assert_eq!(bars(&[2], 2, 2), vec![vec!["█"], vec!["█"]]);
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
        assert_eq!(
            Bucket::Month.label(
                Bucket::Month.of(d(2026, 3, 24)),
                dossier_core::i18n::Lang::Fr
            ),
            "03/2026"
        );
    }
}
