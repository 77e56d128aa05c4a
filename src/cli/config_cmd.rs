//! `dossier config`: the default configuration file, or where yours is, and what is wrong
//! in it (its keys and colours too, which only the viewer reads).

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
    let (_, key_errors) = crate::tui::keymap::Keymap::from_layers(&ctx.config.keys);
    let (_, theme_errors) =
        crate::tui::widgets::theme::Theme::from_layers(&ctx.config.themes, ctx.config.base, true);
    for e in key_errors.iter().chain(&theme_errors) {
        super::out::error(
            ctx.lang,
            &super::words::config_error(ctx.lang, &e.to_string()),
        );
    }
    Ok(if key_errors.is_empty() && theme_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
