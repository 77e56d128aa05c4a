//! The `dossier` command: see the [`dossier`] crate.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    dossier::cli::run(dossier::cli::Cli::parse())
}
