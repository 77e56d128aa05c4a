//! The memos as one self-contained HTML file: no script, no external resource (the style
//! sheet is inline, the charts inline SVG drawn with `plotters`), readable offline on a phone
//! (the tables become cards on narrow screens) and printable (a print style sheet). Each
//! chart is followed by its numbers as a table, for screen readers and for print.
//!
//! Every text from the files passes the sanitiser (control characters made visible), then is
//! escaped for HTML: a title `<script>…` shows as text.

use super::memo::{self, Row};
use super::signalement::{self, Plan};
use crate::scoreboard::{Scoreboard, DELAY_BUCKETS};
use crate::text::sanitize::terminal_line;
use crate::text::width::truncate;
use chrono::NaiveDate;
use plotters::prelude::*;
use std::io::{self, Write};

/// The words of the HTML pages besides the memos' own.
pub trait Words {
    /// The language's code, for `<html lang>`.
    fn lang_code(&self) -> &str;
    /// A number as the language writes it, with its thousands separator.
    fn figure(&self, n: i64) -> String;
    /// The chart of overdue questions per ministry: its title.
    fn overdue_title(&self) -> &str;
    /// Its table's columns: ministry, overdue, pending within the deadline, the oldest's
    /// days overdue.
    fn overdue_columns(&self) -> [&str; 4];
    /// Said when nothing is overdue.
    fn nothing_overdue(&self) -> &str;
    /// "and 12 other ministries (34 overdue questions)".
    fn other_ministries(&self, ministries: usize, overdue: usize) -> String;
    /// The chart of how long the pending questions have waited: its title.
    fn waiting_title(&self) -> &str;
    /// Its table's columns: time waited, questions.
    fn waiting_columns(&self) -> [&str; 2];
    /// A range of [`DELAY_BUCKETS`], by index: "1 à 2 mois (délai de l'art. 135)".
    fn bucket(&self, i: usize) -> String;
    /// The caption of a chart's numbers.
    fn numbers_of(&self, chart: &str) -> String;
    /// The heading of the table of questions.
    fn table_title(&self) -> &str;
}

/// How many ministries the chart shows; the others are summed up below it.
pub const CHART_MINISTRIES: usize = 12;

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --late: #b3261e; --head: #f2f2f2; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 90rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule); }
.as-of { color: var(--muted); margin: 0 0 1rem; }
figure { margin: 0; }
.chart { overflow-x: auto; }
.chart svg { display: block; width: 100%; min-width: 30rem; max-width: 48rem; height: auto; }
figcaption, caption { color: var(--muted); font-size: .9rem; text-align: left; padding: .25rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: var(--head); }
tbody th { background: none; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.late { color: var(--late); font-weight: 600; }
.wide { overflow-x: auto; }
.note { color: var(--muted); font-style: italic; }
@media (max-width: 40rem) {
  main { padding: .5rem; }
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td, table.cards th { display: block; width: 100%; }
  table.cards caption { display: block; }
  table.cards tr { border: 1px solid var(--rule); border-radius: .4rem; margin: 0 0 .75rem; padding: .25rem .5rem; }
  table.cards td, table.cards th { border: 0; padding: .15rem 0; text-align: left; }
  table.cards td::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; font-weight: normal; }
  html[lang=fr] table.cards td::before { content: attr(data-label) "\a0: "; }
  table.cards td:empty { display: none; }
}
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, table.numbers, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .wide { overflow: visible; }
  th { background: none; border-bottom: 1.5pt solid #000; }
  .chart svg { max-width: 16cm; }
}
"#;

/// Text from the files (or words holding some) for an HTML text node: control characters
/// made visible, then escaped.
fn text(s: &str) -> String {
    html_escape::encode_text(&terminal_line(s)).into_owned()
}

/// The same for an attribute's value.
fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(&terminal_line(s)).into_owned()
}

/// A line of a memo's summary: escaped, its Markdown `**bold**` as `<strong>`.
fn summary_line(s: &str) -> String {
    let escaped = text(s);
    if escaped.matches("**").count() % 2 != 0 {
        return escaped;
    }
    escaped
        .split("**")
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<strong>{part}</strong>")
            } else {
                part.to_string()
            }
        })
        .collect()
}

fn page_start(out: &mut dyn Write, lang: &str, title: &str) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"{}\">", attr(lang))?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>{}</title>", text(title))?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<main>")
}

fn page_end(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "</main>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// A horizontal bar chart as SVG: one bar per label, the first on top, its value at its end.
fn bars_svg(
    label: &str,
    bars: &[(String, usize)],
    color: RGBColor,
    number: &dyn Fn(usize) -> String,
) -> io::Result<String> {
    let n = bars.len().max(1);
    let height = 50 + 30 * n as u32;
    let mut svg = String::new();
    let fail = |e: String| io::Error::other(format!("chart: {e}"));
    {
        let root = SVGBackend::with_string(&mut svg, (760, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| fail(e.to_string()))?;
        let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(26)
            .y_label_area_size(300)
            // A discrete range holds its end: 0..n is n + 1 segments, the bars in 1..=n and
            // the lowest left as a margin above the axis.
            .build_cartesian_2d(0..(max + max / 8 + 1), (0..n).into_segmented())
            .map_err(|e| fail(e.to_string()))?;
        // Bars are drawn from the bottom: the first label goes on top.
        let at = |i: usize| n - i;
        let names: Vec<String> = bars.iter().map(|b| truncate(&b.0, 40)).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n + 1)
            .x_labels(6)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(y) if (1..=n).contains(y) => {
                    names.get(n - y).cloned().unwrap_or_default()
                }
                _ => String::new(),
            })
            .x_label_formatter(&|x| number(*x))
            .label_style(("sans-serif", 15))
            .axis_desc_style(("sans-serif", 15))
            .draw()
            .map_err(|e| fail(e.to_string()))?;
        chart
            .draw_series(
                Histogram::horizontal(&chart)
                    .style(color.filled())
                    .margin(5)
                    .data(bars.iter().enumerate().map(|(i, b)| (at(i), b.1))),
            )
            .map_err(|e| fail(e.to_string()))?;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, b)| {
                Text::new(
                    format!(" {}", number(b.1)),
                    (b.1, SegmentValue::CenterOf(at(i))),
                    ("sans-serif", 14).into_font().color(&BLACK),
                )
            }))
            .map_err(|e| fail(e.to_string()))?;
        root.present().map_err(|e| fail(e.to_string()))?;
    }
    // Named for assistive technology: the table after it holds the numbers.
    Ok(svg.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{}\" ", attr(label)),
        1,
    ))
}

/// A chart and, after it, its numbers as a table.
fn figure(
    out: &mut dyn Write,
    id: &str,
    title: &str,
    svg: &str,
    caption: &str,
    columns: &[&str],
    rows: &[Vec<(String, bool)>],
) -> io::Result<()> {
    writeln!(out, "<section aria-labelledby=\"{id}\">")?;
    writeln!(out, "<h2 id=\"{id}\">{}</h2>", text(title))?;
    writeln!(out, "<figure class=\"chart\">{svg}</figure>")?;
    writeln!(out, "<div class=\"wide\"><table class=\"numbers cards\">")?;
    writeln!(out, "<caption>{}</caption>", text(caption))?;
    write!(out, "<thead><tr>")?;
    for (i, c) in columns.iter().enumerate() {
        let class = if i > 0 { " class=\"n\"" } else { "" };
        write!(out, "<th scope=\"col\"{class}>{}</th>", text(c))?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for row in rows {
        write!(out, "<tr>")?;
        for (i, (cell, late)) in row.iter().enumerate() {
            let mut classes = Vec::new();
            if i > 0 {
                classes.push("n");
            }
            if *late {
                classes.push("late");
            }
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", classes.join(" "))
            };
            let label = attr(columns.get(i).copied().unwrap_or_default());
            if i == 0 {
                write!(out, "<th scope=\"row\">{}</th>", text(cell))?;
            } else {
                write!(out, "<td data-label=\"{label}\"{class}>{}</td>", text(cell))?;
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table></div>")?;
    writeln!(out, "</section>")
}

/// Writes the report memo: heading, summary, the chart of overdue questions per ministry,
/// the chart of how long the pending questions have waited, then the table, most urgent
/// first. `board` is the scoreboard by ministry of the same questions.
pub fn write_memo(
    out: &mut dyn Write,
    rows: &[Row],
    board: &Scoreboard,
    words: &dyn memo::Words,
    page: &dyn Words,
    today: NaiveDate,
) -> io::Result<()> {
    page_start(out, page.lang_code(), words.heading())?;
    writeln!(out, "<h1>{}</h1>", text(words.heading()))?;
    writeln!(out, "<p class=\"as-of\">{}</p>", text(&words.as_of(today)))?;
    if rows.is_empty() {
        writeln!(out, "<p>{}</p>", text(words.none()))?;
        return page_end(out);
    }
    writeln!(out, "<ul class=\"summary\">")?;
    for line in words.summary(&memo::summarize(rows)) {
        writeln!(out, "<li>{}</li>", summary_line(&line))?;
    }
    writeln!(out, "</ul>")?;

    // Overdue questions per ministry.
    let overdue: Vec<&crate::scoreboard::Row> =
        board.rows.iter().filter(|r| r.overdue > 0).collect();
    if overdue.is_empty() {
        writeln!(out, "<h2>{}</h2>", text(page.overdue_title()))?;
        writeln!(out, "<p>{}</p>", text(page.nothing_overdue()))?;
    } else {
        let shown = &overdue[..overdue.len().min(CHART_MINISTRIES)];
        let bars: Vec<(String, usize)> = shown
            .iter()
            .map(|r| (terminal_line(&r.name).into_owned(), r.overdue))
            .collect();
        let number = |n: usize| page.figure(n as i64);
        let svg = bars_svg(
            page.overdue_title(),
            &bars,
            RGBColor(0xb3, 0x26, 0x1e),
            &number,
        )?;
        let numbers: Vec<Vec<(String, bool)>> = overdue
            .iter()
            .map(|r| {
                vec![
                    (r.name.clone(), false),
                    (number(r.overdue), true),
                    (number(r.pending), false),
                    (
                        r.oldest_overdue
                            .as_ref()
                            .map_or_else(String::new, |o| page.figure(o.overdue_days)),
                        false,
                    ),
                ]
            })
            .collect();
        let mut caption = page.numbers_of(page.overdue_title());
        if overdue.len() > shown.len() {
            let rest = &overdue[shown.len()..];
            caption = format!(
                "{caption} — {}",
                page.other_ministries(rest.len(), rest.iter().map(|r| r.overdue).sum())
            );
        }
        figure(
            out,
            "overdue",
            page.overdue_title(),
            &svg,
            &caption,
            &page.overdue_columns(),
            &numbers,
        )?;
    }

    // How long the pending questions have waited.
    let waited: Vec<i64> = rows
        .iter()
        .filter(|r| r.status == crate::model::Status::Pending && !r.timing.lapsed)
        .filter_map(|r| r.timing.days_pending)
        .collect();
    if !waited.is_empty() {
        let counts = crate::scoreboard::distribution(&waited);
        let bars: Vec<(String, usize)> = (0..DELAY_BUCKETS.len())
            .map(|i| (page.bucket(i), counts[i]))
            .collect();
        let number = |n: usize| page.figure(n as i64);
        let svg = bars_svg(
            page.waiting_title(),
            &bars,
            RGBColor(0x1f, 0x5f, 0x99),
            &number,
        )?;
        let numbers: Vec<Vec<(String, bool)>> = bars
            .iter()
            .enumerate()
            .map(|(i, (label, n))| vec![(label.clone(), false), (number(*n), i >= 2)])
            .collect();
        figure(
            out,
            "waiting",
            page.waiting_title(),
            &svg,
            &page.numbers_of(page.waiting_title()),
            &page.waiting_columns(),
            &numbers,
        )?;
    }

    // The questions, most urgent first.
    writeln!(out, "<section aria-labelledby=\"questions\">")?;
    writeln!(
        out,
        "<h2 id=\"questions\">{}</h2>",
        text(page.table_title())
    )?;
    let columns = words.columns();
    writeln!(out, "<div class=\"wide\"><table class=\"cards\">")?;
    write!(out, "<thead><tr>")?;
    for (i, c) in columns.iter().enumerate() {
        let class = if (8..=9).contains(&i) {
            " class=\"n\""
        } else {
            ""
        };
        write!(out, "<th scope=\"col\"{class}>{}</th>", text(c))?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    let date = |d: Option<NaiveDate>| d.map_or_else(String::new, |d| words.date(d));
    let days = |d: Option<i64>| d.map_or_else(String::new, |d| words.figure(d));
    for r in rows {
        let deadline = match (r.timing.deadline, r.timing.deadline_rule) {
            (Some(d), Some(rule)) => format!("{} ({})", words.date(d), words.rule(rule)),
            _ => String::new(),
        };
        let cells: [(String, &str); 12] = [
            (r.id.to_string(), ""),
            (r.title.to_string(), ""),
            (r.author.to_string(), ""),
            (r.group.to_string(), ""),
            (r.ministry.to_string(), ""),
            (date(r.published), ""),
            (r.signaled.map_or_else(String::new, |d| words.date(d)), ""),
            (deadline, ""),
            (days(r.timing.days_pending), "n"),
            (
                days(r.timing.overdue_days),
                if r.timing.overdue_days.is_some() {
                    "n late"
                } else {
                    "n"
                },
            ),
            (
                if r.flagged.is_some() {
                    words.yes().to_string()
                } else {
                    String::new()
                },
                "",
            ),
            (r.note.to_string(), ""),
        ];
        write!(out, "<tr>")?;
        for ((cell, class), label) in cells.iter().zip(columns.iter()) {
            let class = if class.is_empty() {
                String::new()
            } else {
                format!(" class=\"{class}\"")
            };
            write!(
                out,
                "<td data-label=\"{}\"{class}>{}</td>",
                attr(label),
                text(cell).replace('\n', "<br>")
            )?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table></div>")?;
    writeln!(out, "</section>")?;
    page_end(out)
}

/// Writes the signalement memo: the candidates, then the questions signalées still waiting.
pub fn write_signalement(
    out: &mut dyn Write,
    plan: &Plan,
    words: &dyn signalement::Words,
    page: &dyn Words,
) -> io::Result<()> {
    page_start(out, page.lang_code(), words.heading())?;
    writeln!(out, "<h1>{}</h1>", text(words.heading()))?;
    writeln!(
        out,
        "<p class=\"as-of\">{}</p>",
        text(&words.as_of(plan.today))
    )?;
    writeln!(out, "<section aria-labelledby=\"candidates\">")?;
    writeln!(
        out,
        "<h2 id=\"candidates\">{}</h2>",
        text(&words.candidates_heading(plan))
    )?;
    if plan.candidates.is_empty() {
        writeln!(out, "<p>{}</p>", text(words.no_candidate()))?;
    } else {
        writeln!(out, "<p>{}</p>", text(&words.candidates_intro(plan)))?;
        let columns = words.candidate_columns();
        writeln!(out, "<div class=\"wide\"><table class=\"cards\">")?;
        header(out, &columns, &[0, 2])?;
        writeln!(out, "<tbody>")?;
        for (rank, c) in plan.candidates.iter().enumerate() {
            let note = words.candidate_note(c);
            let title = if note.is_empty() {
                text(c.title)
            } else {
                format!(
                    "{}<br><span class=\"note\">{}</span>",
                    text(c.title),
                    text(&note)
                )
            };
            let overdue = c.overdue_days.map_or_else(String::new, |d| words.figure(d));
            writeln!(
                out,
                "<tr><td data-label=\"{}\" class=\"n\">{}</td><td data-label=\"{}\">{}</td>\
                 <td data-label=\"{}\" class=\"n late\">{}</td><td data-label=\"{}\">{}</td>\
                 <td data-label=\"{}\">{}</td><td data-label=\"{}\">{title}</td></tr>",
                attr(columns[0]),
                rank + 1,
                attr(columns[1]),
                text(c.id),
                attr(columns[2]),
                text(&overdue),
                attr(columns[3]),
                text(c.ministry),
                attr(columns[4]),
                text(c.author),
                attr(columns[5]),
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;
    }
    if let Some(left) = words.left_out(plan) {
        writeln!(out, "<p class=\"note\">{}</p>", text(&left))?;
    }
    writeln!(out, "</section>")?;
    writeln!(out, "<section aria-labelledby=\"signaled\">")?;
    writeln!(
        out,
        "<h2 id=\"signaled\">{}</h2>",
        text(words.signaled_heading())
    )?;
    if plan.signaled.is_empty() {
        writeln!(out, "<p>{}</p>", text(words.no_signaled()))?;
    } else {
        let columns = words.signaled_columns();
        writeln!(out, "<div class=\"wide\"><table class=\"cards\">")?;
        header(out, &columns, &[3])?;
        writeln!(out, "<tbody>")?;
        for w in &plan.signaled {
            let past = if w.days_past > 0 { "n late" } else { "n" };
            writeln!(
                out,
                "<tr><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td>\
                 <td data-label=\"{}\">{}</td><td data-label=\"{}\" class=\"{past}\">{}</td>\
                 <td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td>\
                 <td data-label=\"{}\">{}</td></tr>",
                attr(columns[0]),
                text(w.id),
                attr(columns[1]),
                text(&words.date(w.signaled)),
                attr(columns[2]),
                text(&words.date(w.deadline)),
                attr(columns[3]),
                text(&words.days_past(w.days_past)),
                attr(columns[4]),
                text(w.ministry),
                attr(columns[5]),
                text(w.author),
                attr(columns[6]),
                text(w.title),
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;
    }
    writeln!(out, "</section>")?;
    page_end(out)
}

/// A table's header row; `numeric` columns aligned right.
fn header(out: &mut dyn Write, columns: &[&str], numeric: &[usize]) -> io::Result<()> {
    write!(out, "<thead><tr>")?;
    for (i, c) in columns.iter().enumerate() {
        let class = if numeric.contains(&i) {
            " class=\"n\""
        } else {
            ""
        };
        write!(out, "<th scope=\"col\"{class}>{}</th>", text(c))?;
    }
    writeln!(out, "</tr></thead>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_files_is_escaped_and_made_visible() {
        assert_eq!(
            text("<script>alert(1)</script> & \u{1b}[2J"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ␛[2J"
        );
        assert_eq!(attr("a\"b<"), "a&quot;b&lt;");
        assert_eq!(
            summary_line("**5 questions** : <b>"),
            "<strong>5 questions</strong> : &lt;b&gt;"
        );
    }

    #[test]
    fn a_chart_is_inline_svg_with_its_labels_as_text() {
        let svg = bars_svg(
            "Retards",
            &[("Santé <b>".into(), 12), ("Justice".into(), 3)],
            RGBColor(0, 0, 0),
            &|n| n.to_string(),
        )
        .unwrap();
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"Retards\" "));
        assert!(svg.contains("Santé &lt;b&gt;"));
        assert!(!svg.contains("<b>"));
        // One bar per label, one label per bar.
        assert_eq!(svg.matches("Santé &lt;b&gt;").count(), 1);
        assert_eq!(svg.matches("Justice").count(), 1);
        let one = bars_svg("x", &[("Seule".into(), 4)], RGBColor(1, 2, 3), &|n| {
            n.to_string()
        })
        .unwrap();
        assert_eq!(one.matches("Seule").count(), 1);
        assert_eq!(one.matches("fill=\"#010203\"").count(), 1, "{one}");
    }
}
