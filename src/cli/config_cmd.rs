//! `dossier config`: the default configuration file, or where yours is.

use super::Context;
use std::process::ExitCode;

pub(super) fn run(default: bool, path: bool, ctx: &Context) -> anyhow::Result<ExitCode> {
    super::out::with_stdout(|out| {
        if path || !default {
            let file = ctx
                .config
                .file
                .clone()
                .or_else(crate::config::default_path)
                .map(|p| super::shown(&p))
                .unwrap_or_default();
            writeln!(out, "{file}")?;
        }
        if default {
            out.write_all(crate::config::DEFAULT.as_bytes())?;
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
