//! `dossier stats`: counts by status, ministry and group.

use super::{Context, StatsFormat};
use dossier_core::load::LoadReport;
use dossier_core::stats::{compute, Count};
use std::io::{self, Write};

pub(super) fn run(
    out: &mut dyn Write,
    report: &LoadReport,
    format: StatsFormat,
    ctx: &Context,
) -> io::Result<()> {
    let stats = compute(&report.questions, ctx.today);
    if format == StatsFormat::Json {
        serde_json::to_writer_pretty(&mut *out, &stats)?;
        return writeln!(out);
    }
    writeln!(out, "Questions      {:>6}", stats.total)?;
    writeln!(out, "  answered     {:>6}", stats.answered)?;
    writeln!(out, "  pending      {:>6}", stats.pending)?;
    writeln!(out, "    overdue    {:>6}", stats.overdue)?;
    writeln!(out, "  withdrawn    {:>6}", stats.withdrawn)?;
    match stats.median_answer_delay_days {
        Some(days) => writeln!(out, "Median answer delay: {days} days")?,
        None => writeln!(out, "Median answer delay: no answered question")?,
    }
    table(out, "By ministry (must answer)", &stats.by_ministry)?;
    table(out, "By group", &stats.by_group)
}

fn table(out: &mut dyn Write, heading: &str, counts: &[Count]) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{heading}")?;
    writeln!(
        out,
        "  {:>5} {:>7} {:>7}  name",
        "total", "pending", "overdue"
    )?;
    for c in counts {
        writeln!(
            out,
            "  {:>5} {:>7} {:>7}  {}",
            c.total, c.pending, c.overdue, c.name
        )?;
    }
    Ok(())
}
