//! `dossier import PATH...`: the PATHs' questions into the library, and what changed.

use super::{out, Context};
use dossier_core::i18n::cli as words;
use dossier_core::load::{Progress, Severity};
use dossier_core::review::Change;
use dossier_core::text::sanitize::terminal_line;
use std::path::PathBuf;
use std::process::ExitCode;

/// Ids listed per kind of change; the rest is counted.
const LISTED: usize = 20;

pub(super) fn run(paths: &[PathBuf], ctx: &Context) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let bar = indicatif::ProgressBar::hidden();
    if let Ok(style) = indicatif::ProgressStyle::with_template(words::progress_template(lang)) {
        bar.set_style(style.progress_chars("=> "));
    }
    let progress = |p: Progress| {
        if bar.length().is_none_or(|l| l == 0) && p.total >= 2_000 {
            bar.set_length(p.total as u64);
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.set_position(p.done as u64);
    };
    let now = chrono::Local::now().to_rfc3339();
    let report = ctx
        .library
        .import(paths, Some(&progress), &now, &ctx.config.related);
    bar.finish_and_clear();
    let report = report.map_err(|e| anyhow::anyhow!(words::library_error(lang, &e)))?;
    out::with_stdout(|o| {
        for d in &report.diagnostics {
            writeln!(o, "{}", d.render(lang))?;
        }
        // Changes other than new questions are listed by id: what a staffer goes after.
        for kind in [
            Change::Answered,
            Change::Withdrawn,
            Change::MinistryChanged,
            Change::Signaled,
            Change::Other,
        ] {
            let ids: Vec<&str> = report
                .changes
                .iter()
                .filter(|(_, c)| *c == kind)
                .map(|(id, _)| id.as_str())
                .collect();
            if ids.is_empty() {
                continue;
            }
            let mut line = format!("{} ", words::import_change(lang, kind));
            let shown: Vec<String> = ids
                .iter()
                .take(LISTED)
                .map(|id| terminal_line(id).into_owned())
                .collect();
            line.push_str(&shown.join(", "));
            if ids.len() > LISTED {
                line.push(' ');
                line.push_str(&words::and_more(lang, ids.len() - LISTED));
            }
            writeln!(o, "{line}")?;
        }
        writeln!(
            o,
            "{}",
            words::import_summary(lang, report.read, report.total, &report.summary)
        )
    })?;
    let skipped = report
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Skipped);
    Ok(if skipped {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
