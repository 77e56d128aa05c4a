//! `dossier import PATH...`: the PATHs' questions into the library, and what changed.

use super::words;
use super::{out, Context};
use crate::tui::words::ui;
use dossier_core::library::{DossierMoves, ImportOptions};
use dossier_core::load::Progress;
use dossier_core::parse::diagnostic::Severity;
use dossier_core::review::Change;
use dossier_core::text::sanitize::terminal_line;
use std::path::PathBuf;
use std::process::ExitCode;

/// Ids listed per kind of change; the rest is counted.
const LISTED: usize = 20;

pub(super) fn run(paths: &[PathBuf], ctx: &Context) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let bar = super::progress_bar(lang);
    let progress = |p: Progress| super::advance(&bar, p);
    let now = chrono::Local::now().to_rfc3339();
    let report = ctx.library.import_with(
        paths,
        &ImportOptions {
            progress: Some(&progress),
            now: &now,
            today: ctx.today,
            related: &ctx.config.related,
        },
    );
    bar.finish_and_clear();
    let report = report
        .map_err(|e| anyhow::anyhow!(dossier_core::i18n::library::library_error(lang, &e)))?;
    out::with_stdout(|o| {
        for d in &report.diagnostics {
            writeln!(o, "{}", dossier_core::i18n::load::diagnostic(lang, d))?;
        }
        // Changes are listed by id: what a staffer goes after. New questions too, unless
        // every question is new (a first import, which the summary line tells).
        let first = report.summary.new_questions == report.total;
        for kind in [
            Change::New,
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
            if ids.is_empty() || (first && kind == Change::New) {
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
        // Per named dossier, the questions that left it (a dossier of pending questions
        // loses those that got their answer) and how many came in.
        for DossierMoves {
            name,
            left,
            entered,
        } in &report.moves
        {
            let left: Vec<(String, &str)> = left
                .iter()
                .map(|(id, status)| (terminal_line(id).into_owned(), ui::status(lang, *status)))
                .collect();
            writeln!(
                o,
                "{}",
                words::dossier_moves(lang, &terminal_line(name), &left, entered.len())
            )?;
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
