//! `dossier review export|import|note|signal`: share review marks and notes, set a note from
//! a script, mark questions "to signal".

use super::{out, shown, Context};
use clap::Subcommand;
use dossier_core::i18n::review as words;
use dossier_core::review::ReviewError;
use std::path::PathBuf;
use std::process::ExitCode;

/// What to do with review state.
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Write this dossier's review marks and notes to FILE (`-`: standard output), for a
    /// colleague.
    Export {
        /// The file to write (a link is followed; replaced if it exists), or `-`.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The dossier's files or folders (default: the sample dossier).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Merge a colleague's review marks and notes from FILE into this dossier's. Merging is
    /// convergent: importing a file again changes nothing, and two notes written at the same
    /// time are both kept as a conflict to settle in the viewer.
    Import {
        /// A file written by `dossier review export`, or a review file (either format).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The dossier's files or folders (default: the sample dossier).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Set the note of a question (an empty TEXT deletes it).
    Note {
        /// The question's id (`17-13809QE`).
        #[arg(value_name = "ID")]
        id: String,
        /// The note's text.
        #[arg(value_name = "TEXT", allow_hyphen_values = true)]
        text: String,
        /// The dossier's files or folders (default: the sample dossier).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Mark questions "to signal": proposed to the group president for a signalement
    /// (`is:to-signal`; `dossier report --signalement` writes the memo). Shared with the team
    /// like the other marks.
    Signal {
        /// The questions' ids (`17-13809QE`).
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
        /// Clear the mark instead.
        #[arg(long)]
        clear: bool,
        /// The dossier's files or folders (default: the library, else the sample dossier).
        #[arg(long = "path", value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

fn problem(lang: dossier_core::i18n::Lang, e: &ReviewError) -> anyhow::Error {
    if e.is_not_regular() {
        return anyhow::anyhow!(words::not_regular(lang, &words::error(lang, e)));
    }
    anyhow::anyhow!(words::error(lang, e))
}

/// Runs a review command on the store of the dossier's paths.
pub(super) fn run(command: &ReviewCommand, ctx: &Context) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    match command {
        ReviewCommand::Export { file, paths } => {
            let store = ctx.review_store(paths, true);
            // An unreadable review file would export as empty: say so rather than mislead.
            if let Some(reason) = store.read_only_reason() {
                anyhow::bail!(words::cannot_export(
                    lang,
                    &super::review_path_shown(&store),
                    reason
                ));
            }
            let n = store.state().shared.entries.len();
            if file.as_os_str() == "-" {
                out::with_stdout(|o| o.write_all(&store.export_bytes()))?;
                return Ok(ExitCode::SUCCESS);
            }
            store.export_to(file).map_err(|e| problem(lang, &e))?;
            out::with_stdout(|o| {
                writeln!(
                    o,
                    "{}",
                    words::exported(lang, n, &super::review_path_shown(&store), &shown(file))
                )
            })?;
        }
        ReviewCommand::Import { file, paths } => {
            let mut store = ctx.review_store(paths, false);
            let report = store.import(file).map_err(|e| problem(lang, &e))?;
            store.save_now().map_err(|e| problem(lang, &e))?;
            out::with_stdout(|o| {
                for (id, what) in &report.merged {
                    let what: Vec<String> = what.iter().map(|w| words::imported(lang, w)).collect();
                    writeln!(
                        o,
                        "{}{}{}",
                        dossier_core::text::sanitize::terminal_line(id),
                        lang.pick("\u{a0}: ", ": "),
                        what.join(", ")
                    )?;
                }
                writeln!(
                    o,
                    "{}",
                    words::import_summary(
                        lang,
                        &report,
                        &shown(file),
                        &super::review_path_shown(&store)
                    )
                )
            })?;
        }
        ReviewCommand::Note { id, text, paths } => {
            let mut store = ctx.review_store(paths, false);
            let base = store.note_base(id);
            let outcome = store
                .set_note(id, text, &base)
                .map_err(|e| problem(lang, &e))?;
            store.save_now().map_err(|e| problem(lang, &e))?;
            let deleted = outcome == dossier_core::review::NoteOutcome::Deleted;
            out::with_stdout(|o| {
                writeln!(
                    o,
                    "{}",
                    words::note_set(
                        lang,
                        &dossier_core::text::sanitize::terminal_line(id),
                        deleted
                    )
                )
            })?;
        }
        ReviewCommand::Signal { ids, clear, paths } => {
            return signal(ids, !clear, paths, ctx);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Sets or clears the "to signal" mark of questions of the dossier (checked to be there:
/// a mistyped id marks nothing).
fn signal(ids: &[String], on: bool, paths: &[PathBuf], ctx: &Context) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let loaded = super::load_for_cli(paths, ctx)?;
    let known: std::collections::HashSet<&str> =
        loaded.questions.iter().map(|q| q.id.as_str()).collect();
    let ids: Vec<String> = ids.iter().map(|id| id.trim().to_uppercase()).collect();
    let unknown: Vec<String> = ids
        .iter()
        .filter(|id| !known.contains(id.as_str()))
        .map(|id| dossier_core::text::sanitize::terminal_line(id).into_owned())
        .collect();
    if !unknown.is_empty() {
        out::error(lang, &words::unknown_ids(lang, &unknown));
        super::release(loaded);
        return Ok(ExitCode::from(2));
    }
    let mut store = ctx.review_store(paths, false);
    let mut lines = Vec::new();
    for id in &ids {
        let changed = store
            .set_to_signal([id.as_str()], on, ctx.today)
            .map_err(|e| problem(lang, &e))?;
        lines.push(words::to_signal_set(lang, id, on, changed > 0));
    }
    store.save_now().map_err(|e| problem(lang, &e))?;
    let marked = loaded
        .questions
        .iter()
        .filter(|q| store.is_to_signal(&q.id))
        .count();
    super::release(loaded);
    out::with_stdout(|o| {
        for l in &lines {
            writeln!(o, "{l}")?;
        }
        writeln!(
            o,
            "{}",
            words::to_signal_count(lang, marked, ctx.config.signalement_quota)
        )
    })?;
    Ok(ExitCode::SUCCESS)
}
