//! `dossier review export|import FILE`: share review marks and notes with a colleague.

use clap::Subcommand;
use dossier_core::review::{ImportReport, ReviewStore};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What to do with review state.
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Write this dossier's review marks and notes to FILE, for a colleague.
    Export {
        /// The file to write (replaced if it exists).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The dossier's files or directories (default: the sample dossier).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Merge a colleague's review marks and notes from FILE into this dossier's: marks and
    /// flags are added, never removed; two different notes are both kept.
    Import {
        /// A file written by `dossier review export` (or a review file).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The dossier's files or directories (default: the sample dossier).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

/// Runs a review command on the store chosen by `--review-file` or the dossier's paths.
pub(super) fn run(
    out: &mut dyn Write,
    command: &ReviewCommand,
    review_file: Option<&Path>,
) -> anyhow::Result<()> {
    match command {
        ReviewCommand::Export { file, paths } => {
            let store = ReviewStore::for_dossier(review_file, paths);
            if let Some(reason) = store.read_only_reason() {
                // An unreadable review file exports as empty: say so rather than mislead.
                anyhow::bail!(
                    "cannot export the review file {}: {reason}",
                    store.path().display()
                );
            }
            let n = store.export(file)?;
            writeln!(
                out,
                "exported {n} review entr{} from {} to {}",
                if n == 1 { "y" } else { "ies" },
                store.path().display(),
                file.display()
            )?;
        }
        ReviewCommand::Import { file, paths } => {
            let mut store = ReviewStore::for_dossier(review_file, paths);
            let report = store.import(file)?;
            print_import(out, &report, file, store.path())?;
        }
    }
    Ok(())
}

fn print_import(
    out: &mut dyn Write,
    report: &ImportReport,
    from: &Path,
    into: &Path,
) -> io::Result<()> {
    for (id, what) in &report.merged {
        let what: Vec<String> = what.iter().map(ToString::to_string).collect();
        writeln!(out, "{id}: {}", what.join(", "))?;
    }
    writeln!(
        out,
        "merged {} question(s) from {} into {}; {} already up to date",
        report.merged.len(),
        from.display(),
        into.display(),
        report.unchanged
    )
}
