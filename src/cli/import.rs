//! `dossier import PATH...`: the PATHs' questions into the library, and what changed.

use super::words;
use super::{out, Context};
use crate::tui::words::ui;
use dossier_core::load::Progress;
use dossier_core::model::Status;
use dossier_core::parse::diagnostic::Severity;
use dossier_core::review::Change;
use dossier_core::text::sanitize::terminal_line;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;

/// Ids listed per kind of change; the rest is counted.
const LISTED: usize = 20;

/// Each named dossier's questions, by id, and the status of every question of the library:
/// the library opened once.
struct Members {
    dossiers: Vec<(String, HashSet<String>)>,
    status: HashMap<String, Status>,
}

/// The members of the named dossiers, when there are dossiers and the library holds some
/// questions.
fn dossier_members(ctx: &Context) -> Option<Members> {
    let dossiers = ctx.library.dossiers().ok()?;
    if dossiers.dossiers.is_empty() || !ctx.library.exists() {
        return None;
    }
    let mut opened = ctx.library.open().ok()?;
    let index = opened.search_index(opened.current(ctx.config.legislature));
    let members = dossiers
        .dossiers
        .iter()
        .filter_map(|d| {
            let keep = d.select(&opened.questions, &index, ctx.today).ok()?;
            let ids = keep
                .iter()
                .map(|&i| opened.questions[i].id.clone())
                .collect();
            Some((d.name.clone(), ids))
        })
        .collect();
    Some(Members {
        dossiers: members,
        status: opened
            .questions
            .into_iter()
            .map(|q| (q.id, q.status))
            .collect(),
    })
}

/// What an import changed in a named dossier.
struct Moves {
    name: String,
    /// The questions that left it, with their status now.
    left: Vec<(String, Status)>,
    /// How many came in.
    entered: usize,
}

/// Per named dossier that changed: the questions that left it and how many came in.
fn dossier_moves(ctx: &Context, before: Option<Members>) -> Vec<Moves> {
    let (Some(before), Some(after)) = (before, dossier_members(ctx)) else {
        return Vec::new();
    };
    let status = after.status;
    let after: HashMap<String, HashSet<String>> = after.dossiers.into_iter().collect();
    before
        .dossiers
        .into_iter()
        .filter_map(|(name, was)| {
            let now = after.get(&name)?;
            let mut left: Vec<(String, Status)> = was
                .difference(now)
                .map(|id| {
                    (
                        id.clone(),
                        status.get(id.as_str()).copied().unwrap_or(Status::Pending),
                    )
                })
                .collect();
            left.sort();
            let entered = now.difference(&was).count();
            (!left.is_empty() || entered > 0).then_some(Moves {
                name,
                left,
                entered,
            })
        })
        .collect()
}

pub(super) fn run(paths: &[PathBuf], ctx: &Context) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let bar = super::progress_bar(lang);
    let progress = |p: Progress| super::advance(&bar, p);
    let now = chrono::Local::now().to_rfc3339();
    // Each named dossier's questions before the import, to say which leave it (a dossier of
    // pending questions loses those that got their answer).
    let before = dossier_members(ctx);
    let report = ctx
        .library
        .import(paths, Some(&progress), &now, &ctx.config.related);
    bar.finish_and_clear();
    let report = report
        .map_err(|e| anyhow::anyhow!(dossier_core::i18n::library::library_error(lang, &e)))?;
    let moves = dossier_moves(ctx, before);
    out::with_stdout(|o| {
        for d in &report.diagnostics {
            writeln!(o, "{}", dossier_core::i18n::load::diagnostic(lang, d))?;
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
        for Moves {
            name,
            left,
            entered,
        } in &moves
        {
            let left: Vec<(String, &str)> = left
                .iter()
                .map(|(id, status)| (terminal_line(id).into_owned(), ui::status(lang, *status)))
                .collect();
            writeln!(
                o,
                "{}",
                words::dossier_moves(lang, &terminal_line(name), &left, *entered)
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
