//! The dossier chronology: bar rows of questions asked, answered and withdrawn per bucket,
//! from the counts the layout step computed, the selected question's buckets marked.

use crate::tui::app::{App, Pane};
use crate::tui::content::chronology::{bar_room, Bucket};
use crate::tui::words::ui;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

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
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let w = ui::words(app.lang);
    let focused = app.focus == Pane::Timeline;
    let mut block = Block::bordered()
        .title(format!(" {} ", w.chronology_title))
        .title(Line::from(" t ").right_aligned().style(app.theme.dim()))
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    let Some(chrono) = app
        .cache
        .chronology
        .as_ref()
        .and_then(|c| c.1.as_ref().as_ref())
    else {
        frame.render_widget(Paragraph::new(w.no_dates).block(block), area);
        return;
    };
    let per = match chrono.bucket {
        Bucket::Week => w.per_week,
        Bucket::Month => w.per_month,
        Bucket::Quarter => w.per_quarter,
        Bucket::Year => w.per_year,
    };
    block = block.title_bottom(Line::from(format!(" {per} ")).style(app.theme.dim()));
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let theme = &app.theme;
    let names = [w.asked, w.answered, w.withdrawn];
    let label_width = names.iter().map(|l| l.chars().count()).max().unwrap_or(9) + 1;
    let room = bar_room(app, inner.width as usize);
    let len = chrono.counts[0].len();
    let selected = app
        .selected_question()
        .map(|q| chrono.marks(&q.events))
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
                    format!(" {}", app.lang.number(total)),
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
        let label = chrono.bucket.label(chrono.first + i as i64, app.lang);
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
    super::draw_lines(frame.buffer_mut(), inner, lines.iter());
}

#[cfg(test)]
mod tests {
    use super::bars;

    #[test]
    fn bars_scale_to_the_tallest() {
        assert_eq!(bars(&[0, 1, 2], 2, 1), vec![vec![" ", "▄", "█"]]);
        assert_eq!(bars(&[2], 2, 2), vec![vec!["█"], vec!["█"]]);
    }
}
