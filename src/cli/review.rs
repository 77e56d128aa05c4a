//! `dossier review export|import|note`: share review marks and notes, and set a note from a
//! script.

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
                        "{}: {}",
                        dossier_core::text::sanitize::terminal_line(id),
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
    }
    Ok(ExitCode::SUCCESS)
}
