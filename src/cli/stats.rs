//! `dossier stats`: counts by status, ministry and group; with `--by`, the scoreboard (per
//! ministry, group, author, rubric or legislature: received, answered, on time, pending,
//! overdue, closed, rates over the questions due, delays).

use super::words::{scoreboard as sw, stats as words};
use super::{load_for_cli, out, Context, Paths, StatsFormat};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dossier_core::i18n::Lang;
use dossier_core::load::LoadReport;
use dossier_core::model::Question;
use dossier_core::scoreboard::{self, ministries::Merger, By, Row, Scoreboard};
use dossier_core::stats::{compute, Count};
use dossier_core::text::sanitize::terminal_line;
use dossier_core::text::width::{truncate, width};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// `stats`' arguments.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format (csv: the scoreboard, with --by).
    #[arg(long, short, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
    /// The scoreboard: one row per ministry (merged across its names), group, author, rubric
    /// or legislature, most overdue first.
    #[arg(long, value_enum, value_name = "DIMENSION")]
    pub by: Option<ByArg>,
    /// Count only the questions published on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Count only the questions published on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<NaiveDate>,
    /// The files.
    #[command(flatten)]
    pub paths: Paths,
}

/// The scoreboard's dimensions, as `--by` takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// The ministry that must answer.
    Ministry,
    /// The author's political group.
    Group,
    /// The author.
    Author,
    /// The rubric.
    Rubric,
    /// The legislature.
    Legislature,
}

impl From<ByArg> for By {
    fn from(b: ByArg) -> By {
        match b {
            ByArg::Ministry => By::Ministry,
            ByArg::Group => By::Group,
            ByArg::Author => By::Author,
            ByArg::Rubric => By::Rubric,
            ByArg::Legislature => By::Legislature,
        }
    }
}

/// Loads, counts and prints.
pub(super) fn run(args: &StatsArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    if args.format == StatsFormat::Csv && args.by.is_none() {
        out::error(ctx.lang, sw::csv_needs_by(ctx.lang));
        return Ok(ExitCode::from(2));
    }
    let report = load_for_cli(&args.paths.paths, ctx)?;
    let done = out::with_stdout(|o| match args.by {
        None => summary(o, &report, args, ctx),
        Some(by) => {
            let merger = Merger::new(&ctx.config.ministries);
            let board = scoreboard::compute(
                &report.questions,
                &scoreboard::Options {
                    by: by.into(),
                    since: args.since,
                    until: args.until,
                    today: ctx.today,
                    current: report.current,
                    ministries: &merger,
                },
            );
            match args.format {
                StatsFormat::Json => dossier_core::export::scoreboard::write_json(o, &board),
                StatsFormat::Csv => dossier_core::export::scoreboard::write_csv(o, &board),
                StatsFormat::Text => write_table(o, &board, args, ctx, table_width()),
            }
        }
    });
    ctx.keep_cache(&report);
    super::release(report);
    done.map(|()| ExitCode::SUCCESS)
}

/// True when a question was published in the period asked for.
fn in_period(q: &Question, args: &StatsArgs) -> bool {
    if args.since.is_none() && args.until.is_none() {
        return true;
    }
    q.published()
        .is_some_and(|p| args.since.is_none_or(|s| p >= s) && args.until.is_none_or(|u| p <= u))
}

/// Without `--by`: counts by status, then per ministry and group.
fn summary(
    out: &mut dyn Write,
    report: &LoadReport,
    args: &StatsArgs,
    ctx: &Context,
) -> io::Result<()> {
    let stats = compute(
        report.questions.iter().filter(|q| in_period(q, args)),
        ctx.today,
        report.current,
    );
    if args.format == StatsFormat::Json {
        return dossier_core::export::json::write_pretty(out, &stats);
    }
    let w = words(ctx.lang);
    let n = |v: usize| ctx.lang.number(v);
    // Lapsed questions are still pending by status but no longer await an answer: said
    // apart, as `is:lapsed` finds them and the scoreboard counts them closed.
    let mut lines = vec![
        ("", w.questions, stats.total),
        ("  ", w.answered, stats.answered),
        ("  ", w.pending, stats.pending),
        ("    ", w.overdue, stats.overdue),
    ];
    if stats.lapsed > 0 {
        lines.push(("    ", w.lapsed, stats.lapsed));
    }
    lines.push(("  ", w.withdrawn, stats.withdrawn));
    let figures: Vec<String> = lines.iter().map(|&(_, _, v)| n(v)).collect();
    let label_width = lines
        .iter()
        .map(|(indent, label, _)| indent.len() + width(label))
        .fold(14, usize::max);
    let figure_width = figures.iter().map(|f| width(f)).fold(7, usize::max);
    for ((indent, label, _), figure) in lines.iter().zip(&figures) {
        let pad = label_width.saturating_sub(indent.len() + width(label));
        let left = figure_width.saturating_sub(width(figure));
        writeln!(out, "{indent}{label}{:pad$} {:left$}{figure}", "", "")?;
    }
    match stats.median_answer_delay_days {
        Some(days) => writeln!(out, "{} {days} {}", w.median, w.days)?,
        None => writeln!(out, "{} {}", w.median, w.no_answer)?,
    }
    table(out, w.by_ministry, &stats.by_ministry, &w.columns, ctx.lang)?;
    table(out, w.by_group, &stats.by_group, &w.columns, ctx.lang)
}

fn table(
    out: &mut dyn Write,
    heading: &str,
    counts: &[Count],
    columns: &[&str; 4],
    lang: Lang,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{heading}")?;
    let rows: Vec<[String; 3]> = counts
        .iter()
        .map(|c| {
            [
                lang.number(c.total),
                lang.number(c.pending),
                lang.number(c.overdue),
            ]
        })
        .collect();
    // Each column as wide as its widest value or header ("13 146" at 100,000 questions),
    // never narrower than before.
    let mut widths = [5, 7, 7];
    for (k, w) in widths.iter_mut().enumerate() {
        *w = rows
            .iter()
            .map(|r| width(&r[k]))
            .chain([width(columns[k])])
            .fold(*w, usize::max);
    }
    let line = |out: &mut dyn Write, cells: [&str; 3], name: &str| {
        write!(out, " ")?;
        for (cell, w) in cells.iter().zip(widths) {
            write!(
                out,
                " {:pad$}{cell}",
                "",
                pad = w.saturating_sub(width(cell))
            )?;
        }
        writeln!(out, "  {name}")
    };
    line(out, [columns[0], columns[1], columns[2]], columns[3])?;
    for (c, r) in counts.iter().zip(&rows) {
        line(out, [&r[0], &r[1], &r[2]], &terminal_line(&c.name))?;
    }
    Ok(())
}

/// The width to fit: the terminal's when stdout is one, `COLUMNS` when set; none (names in
/// full) when writing to a file or a pipe.
fn table_width() -> Option<usize> {
    if io::stdout().is_terminal() {
        if let Ok((cols, _)) = crossterm::terminal::size() {
            return Some(usize::from(cols));
        }
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

/// Below this many columns for names, each row takes two lines: its name, then its numbers.
const MIN_NAME: usize = 24;

/// A count of days as shown: whole, or with one decimal for a median between two.
fn days(lang: Lang, d: f64) -> String {
    if d.fract() == 0.0 {
        lang.number(d.max(0.0) as usize)
    } else {
        let s = format!("{d:.1}");
        lang.pick(s.replace('.', ","), s)
    }
}

/// The numbers of a row, as shown.
fn cells(r: &Row, lang: Lang, reattributed: bool) -> Vec<String> {
    let n = |v: usize| lang.number(v);
    let opt_days = |d: Option<f64>| d.map_or_else(|| "—".into(), |d| days(lang, d));
    let mut cells = vec![
        n(r.received),
        n(r.answered),
        sw::rate(lang, r.answer_rate),
        sw::rate(lang, r.on_time_rate),
        n(r.overdue),
        n(r.pending),
        n(r.closed_unanswered),
        opt_days(r.median_delay_days),
        opt_days(r.p90_delay_days.map(|d| d as f64)),
        opt_days(r.oldest_overdue.as_ref().map(|o| o.overdue_days as f64)),
    ];
    if reattributed {
        cells.push(n(r.reattributed_in.unwrap_or(0)));
    }
    cells
}

/// The scoreboard as an aligned table that fits `width` (names cut with `…`, or each row on
/// two lines when names would get too little room), then the oldest overdue question, the
/// labels merged and what the columns mean.
fn write_table(
    out: &mut dyn Write,
    board: &Scoreboard,
    args: &StatsArgs,
    ctx: &Context,
    width_limit: Option<usize>,
) -> io::Result<()> {
    let lang = ctx.lang;
    let by = board.by;
    writeln!(
        out,
        "{} · {}",
        sw::heading(lang, by),
        sw::as_of(lang, ctx.today, board.total.received)
    )?;
    if let Some(p) = sw::period(lang, args.since, args.until) {
        writeln!(out, "({p})")?;
    }
    writeln!(out)?;
    if board.rows.is_empty() {
        return writeln!(out, "{}", sw::empty(lang));
    }
    let reattributed = by == By::Ministry;
    let headers: Vec<&str> = sw::columns(lang)
        .into_iter()
        .take(if reattributed { 11 } else { 10 })
        .collect();
    let names: Vec<String> = board
        .rows
        .iter()
        .map(|r| terminal_line(&sw::row_name(lang, by, &r.name)).into_owned())
        .chain(std::iter::once(sw::total(lang).to_string()))
        .collect();
    let numbers: Vec<Vec<String>> = board
        .rows
        .iter()
        .chain(std::iter::once(&board.total))
        .map(|r| cells(r, lang, reattributed))
        .collect();
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            numbers
                .iter()
                .map(|c| width(&c[i]))
                .chain(std::iter::once(width(h)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let name_header = sw::name_column(lang, by);
    let longest = names
        .iter()
        .map(|n| width(n))
        .chain(std::iter::once(width(name_header)))
        .max()
        .unwrap_or(0);
    let numbers_width = |sep: usize| -> usize { widths.iter().map(|w| w + sep).sum() };
    // One line per row when names get enough room (two spaces between columns, else one);
    // else two lines a row, the name above its numbers.
    let (name_width, sep) = match width_limit {
        None => (Some(longest), 2),
        Some(limit) => [2, 1]
            .into_iter()
            .find_map(|sep| {
                let room = limit.saturating_sub(numbers_width(sep));
                (room >= longest.min(MIN_NAME)).then_some((Some(longest.min(room)), sep))
            })
            .unwrap_or((None, if numbers_width(2) <= limit { 2 } else { 1 })),
    };
    let line = |name: &str, values: &[String]| -> String {
        values
            .iter()
            .zip(&widths)
            .map(|(v, w)| {
                format!(
                    "{}{}{v}",
                    " ".repeat(sep),
                    " ".repeat(w.saturating_sub(width(v)))
                )
            })
            .fold(name.to_string(), |acc, cell| acc + &cell)
    };
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    match name_width {
        Some(nw) => {
            let pad = |s: &str| {
                let cut = truncate(s, nw);
                let w = width(&cut);
                cut + &" ".repeat(nw.saturating_sub(w))
            };
            writeln!(out, "{}", line(&pad(name_header), &headers))?;
            for (name, values) in names.iter().zip(&numbers) {
                writeln!(out, "{}", line(&pad(name), values).trim_end())?;
            }
        }
        None => {
            let indent = width_limit
                .unwrap_or(0)
                .saturating_sub(numbers_width(sep))
                .min(4);
            let lead = " ".repeat(indent);
            writeln!(out, "{name_header}")?;
            writeln!(out, "{}", line(&lead, &headers))?;
            for (name, values) in names.iter().zip(&numbers) {
                writeln!(out, "{name}")?;
                writeln!(out, "{}", line(&lead, values))?;
            }
        }
    }
    let oldest = board
        .rows
        .iter()
        .filter_map(|r| r.oldest_overdue.as_ref().map(|o| (o, r)))
        .max_by(|a, b| {
            a.0.overdue_days
                .cmp(&b.0.overdue_days)
                .then_with(|| b.0.id.cmp(&a.0.id))
        });
    let prose = width_limit.unwrap_or(PROSE).min(PROSE);
    if let Some((o, r)) = oldest {
        writeln!(out)?;
        let line = sw::oldest(
            lang,
            &terminal_line(&o.id),
            &terminal_line(&sw::row_name(lang, by, &r.name)),
            o.overdue_days,
        );
        for l in wrap(&line, prose) {
            writeln!(out, "{l}")?;
        }
    }
    let merged: Vec<&Row> = board.rows.iter().filter(|r| r.labels.len() > 1).collect();
    if !merged.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", sw::merged(lang))?;
        for r in merged {
            let labels: Vec<String> = r
                .labels
                .iter()
                .map(|l| terminal_line(l).into_owned())
                .collect();
            let line = format!(
                "{}{}",
                lang.colon(&terminal_line(&r.name)),
                labels.join(" · ")
            );
            for l in wrap(&line, prose.saturating_sub(2)) {
                writeln!(out, "  {l}")?;
            }
        }
    }
    writeln!(out)?;
    for paragraph in sw::legend(lang, by) {
        for l in wrap(&paragraph, prose) {
            writeln!(out, "{l}")?;
        }
    }
    Ok(())
}

/// The widest prose below the table.
const PROSE: usize = 80;

/// Cuts a paragraph into lines of at most `cols` columns at spaces (not at the no-break
/// spaces French puts before `:` and `;`), the lines after the first indented by two.
fn wrap(text: &str, cols: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let indent = if lines.is_empty() { 0 } else { 2 };
        if !current.is_empty() && indent + width(&current) + 1 + width(word) > cols {
            lines.push(std::mem::take(&mut current));
        }
        if current.is_empty() {
            if !lines.is_empty() {
                current.push_str("  ");
            }
        } else {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(name: &str, total: usize, pending: usize, overdue: usize) -> Count {
        Count {
            name: name.into(),
            total,
            pending,
            overdue,
        }
    }

    /// Where each line's name starts, in columns.
    fn name_columns(text: &str, names: &[&str]) -> Vec<usize> {
        text.lines()
            .filter_map(|l| {
                let at = names.iter().find_map(|n| l.find(n))?;
                Some(width(&l[..at]))
            })
            .collect()
    }

    #[test]
    fn the_columns_widen_to_their_widest_figure_in_both_languages() {
        let counts = [
            count("Transition écologique", 13_146, 1_234_567, 442),
            count("Armées", 7, 3, 1),
        ];
        for lang in [Lang::Fr, Lang::En] {
            let w = words(lang);
            let mut out = Vec::new();
            table(&mut out, w.by_ministry, &counts, &w.columns, lang).unwrap();
            let text = String::from_utf8(out).unwrap();
            let names = [w.columns[3], "Transition", "Armées"];
            let starts = name_columns(&text, &names);
            assert_eq!(starts.len(), 3, "{text}");
            assert!(starts.iter().all(|&s| s == starts[0]), "{text}");
            // The figures end where their header does, each column apart.
            let ends = |line: &str| -> Vec<usize> {
                let chars: Vec<char> = line.chars().collect();
                (1..chars.len())
                    .filter(|&i| chars[i] == ' ' && chars[i - 1] != ' ')
                    .take(3)
                    .collect()
            };
            let lines: Vec<&str> = text.lines().skip(2).collect();
            let header = ends(lines[0]);
            for line in &lines[1..] {
                assert_eq!(ends(line), header, "{text}");
            }
            assert!(text.contains(&lang.number(1_234_567)), "{text}");
        }
    }
}
