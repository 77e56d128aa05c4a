//! The `dossier` command: see the [`dossier`] crate.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    dossier::logging::init();
    match dossier::cli::Cli::try_parse() {
        Ok(cli) => dossier::cli::run(cli),
        // clap's help and version go to stdout as they are; its errors quote what was typed,
        // so they pass the sanitiser on their way to stderr.
        Err(e) if e.use_stderr() => {
            dossier::cli::out::error_raw(&e.render().to_string());
            ExitCode::from(2)
        }
        Err(e) => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
    }
}
