//! `dossier stats`: counts by status, ministry and group.

use super::words::stats as words;
use super::{Context, StatsFormat};
use dossier_core::load::LoadReport;
use dossier_core::stats::{compute, Count};
use dossier_core::text::sanitize::terminal_line;
use std::io::{self, Write};

pub(super) fn run(
    out: &mut dyn Write,
    report: &LoadReport,
    format: StatsFormat,
    ctx: &Context,
) -> io::Result<()> {
    let stats = compute(&report.questions, ctx.today, report.current);
    if format == StatsFormat::Json {
        return dossier_core::export::json::write_pretty(out, &stats);
    }
    let w = words(ctx.lang);
    let n = |v: usize| ctx.lang.number(v);
    writeln!(out, "{:<14} {:>7}", w.questions, n(stats.total))?;
    writeln!(out, "  {:<12} {:>7}", w.answered, n(stats.answered))?;
    writeln!(out, "  {:<12} {:>7}", w.pending, n(stats.pending))?;
    writeln!(out, "    {:<10} {:>7}", w.overdue, n(stats.overdue))?;
    writeln!(out, "  {:<12} {:>7}", w.withdrawn, n(stats.withdrawn))?;
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
    lang: dossier_core::i18n::Lang,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{heading}")?;
    writeln!(
        out,
        "  {:>5} {:>7} {:>7}  {}",
        columns[0], columns[1], columns[2], columns[3]
    )?;
    for c in counts {
        writeln!(
            out,
            "  {:>5} {:>7} {:>7}  {}",
            lang.number(c.total),
            lang.number(c.pending),
            lang.number(c.overdue),
            terminal_line(&c.name)
        )?;
    }
    Ok(())
}
