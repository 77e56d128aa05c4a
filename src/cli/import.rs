//! `dossier import PATH...`: the PATHs' questions into the library, and what changed.

use super::{out, Context};
use dossier_core::i18n::cli as words;
use dossier_core::i18n::ui;
use dossier_core::load::{Progress, Severity};
use dossier_core::model::Status;
use dossier_core::review::Change;
use dossier_core::text::sanitize::terminal_line;
use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

/// Ids listed per kind of change; the rest is counted.
const LISTED: usize = 20;

/// The ids of each named dossier's questions, when the library holds some.
fn dossier_members(ctx: &Context) -> Vec<(String, HashSet<String>)> {
    let Ok(dossiers) = ctx.library.dossiers() else {
        return Vec::new();
    };
    if dossiers.dossiers.is_empty() || !ctx.library.exists() {
        return Vec::new();
    }
    let Ok(opened) = ctx.library.open() else {
        return Vec::new();
    };
    let index = dossier_core::query::SearchIndex::build_keys(&opened.questions);
    match opened.words {
        Some(w) => {
            index.set_words(w);
        }
        None => {
            index.set_words(dossier_core::query::words::WordIndex::build(
                &opened.questions,
            ));
        }
    }
    dossiers
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
        .collect()
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
fn dossier_moves(ctx: &Context, before: Vec<(String, HashSet<String>)>) -> Vec<Moves> {
    if before.is_empty() {
        return Vec::new();
    }
    let after: std::collections::HashMap<String, HashSet<String>> =
        dossier_members(ctx).into_iter().collect();
    let Ok(opened) = ctx.library.open() else {
        return Vec::new();
    };
    let status: std::collections::HashMap<&str, Status> = opened
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.status))
        .collect();
    before
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
    // Each named dossier's questions before the import, to say which leave it (a dossier of
    // pending questions loses those that got their answer).
    let before = dossier_members(ctx);
    let report = ctx
        .library
        .import(paths, Some(&progress), &now, &ctx.config.related);
    bar.finish_and_clear();
    let report = report.map_err(|e| anyhow::anyhow!(words::library_error(lang, &e)))?;
    let moves = dossier_moves(ctx, before);
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
