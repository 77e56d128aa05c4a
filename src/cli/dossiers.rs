//! `dossier dossiers`: named dossiers over the library.

use super::words;
use super::{out, Context};
use clap::Subcommand;
use dossier_core::library::dossiers::{DossierError, NamedDossier};
use dossier_core::library::Origin;
use dossier_core::load::LoadOptions;
use dossier_core::text::sanitize::terminal_line;
use std::process::ExitCode;

/// What `dossier dossiers` does.
#[derive(Debug, Subcommand)]
pub enum DossiersCommand {
    /// Add a dossier (or change its query): its questions are those the query finds.
    Add {
        /// Its name.
        name: String,
        /// The query over the library (the viewer's filter language; '' for all).
        #[arg(allow_hyphen_values = true)]
        query: String,
    },
    /// List the dossiers, with their queries and sizes.
    List,
    /// Remove a dossier (its review marks stay).
    Rm {
        /// Its name.
        name: String,
    },
    /// Put questions in a dossier whatever its query says.
    Pin {
        /// The dossier.
        name: String,
        /// Question ids (`17-13809QE`).
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Leave questions out of a dossier whatever its query says.
    Exclude {
        /// The dossier.
        name: String,
        /// Question ids (`17-13809QE`).
        #[arg(required = true)]
        ids: Vec<String>,
    },
}

fn refused(ctx: &Context, e: &DossierError) -> anyhow::Error {
    let lang = ctx.lang;
    anyhow::anyhow!(dossier_core::i18n::library::dossier_error(lang, e))
}

/// How many questions of the library a dossier holds now.
fn size(ctx: &Context, name: &str) -> usize {
    let origin = Origin::Library {
        dir: ctx.library.dir().to_path_buf(),
        dossier: Some(name.to_string()),
    };
    origin
        .load(&LoadOptions::default(), ctx.today)
        .map_or(0, |r| r.questions.len())
}

pub(super) fn run(action: &DossiersCommand, ctx: &Context) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let library_error = |e: dossier_core::library::LibraryError| {
        anyhow::anyhow!(dossier_core::i18n::library::library_error(lang, &e))
    };
    let said = match action {
        DossiersCommand::List => {
            let dossiers = ctx.library.dossiers().map_err(library_error)?;
            let sizes = ctx
                .library
                .sizes(&dossiers.dossiers, ctx.today)
                .map_err(library_error)?;
            out::with_stdout(|o| {
                if dossiers.dossiers.is_empty() {
                    return writeln!(o, "{}", words::no_dossiers(lang));
                }
                let width = dossiers
                    .dossiers
                    .iter()
                    .map(|d| dossier_core::text::width::width(&terminal_line(&d.name)))
                    .max()
                    .unwrap_or(0);
                for (d, size) in dossiers.dossiers.iter().zip(sizes) {
                    let name = terminal_line(&d.name).into_owned();
                    let pad = width - dossier_core::text::width::width(&name);
                    let n = match size {
                        Some(n) => {
                            lang.count(n, ("question", "questions"), ("question", "questions"))
                        }
                        None => lang.pick("requête invalide", "invalid query").to_string(),
                    };
                    writeln!(
                        o,
                        "{name}{}  {}  ({n})",
                        " ".repeat(pad),
                        terminal_line(&d.query)
                    )?;
                }
                Ok(())
            })?;
            return Ok(ExitCode::SUCCESS);
        }
        DossiersCommand::Add { name, query } => {
            let d = NamedDossier::new(name, query).map_err(|e| refused(ctx, &e))?;
            let new = ctx
                .library
                .change_dossiers(|all| Ok(all.put(d)))
                .map_err(library_error)?
                .map_err(|e| refused(ctx, &e))?;
            let mut said = words::dossier_saved(lang, &terminal_line(name), new, size(ctx, name));
            if !ctx.library.exists() {
                // A dossier of an empty library: say how to fill it.
                said.push('\n');
                said.push_str(&words::library_empty(
                    lang,
                    &terminal_line(&ctx.library.dir().display().to_string()),
                ));
            }
            said
        }
        DossiersCommand::Rm { name } => {
            ctx.library
                .change_dossiers(|all| all.remove(name))
                .map_err(library_error)?
                .map_err(|e| refused(ctx, &e))?;
            words::dossier_removed(lang, &terminal_line(name))
        }
        DossiersCommand::Pin { name, ids } | DossiersCommand::Exclude { name, ids } => {
            let pin = matches!(action, DossiersCommand::Pin { .. });
            ctx.library
                .change_dossiers(|all| {
                    let d = all
                        .get_mut(name)
                        .ok_or_else(|| DossierError::Unknown(name.clone()))?;
                    for id in ids {
                        let (into, from) = if pin {
                            (&mut d.pinned, &mut d.excluded)
                        } else {
                            (&mut d.excluded, &mut d.pinned)
                        };
                        from.retain(|x| x != id);
                        if !into.contains(id) {
                            into.push(id.clone());
                        }
                    }
                    Ok(())
                })
                .map_err(library_error)?
                .map_err(|e| refused(ctx, &e))?;
            words::dossier_saved(lang, &terminal_line(name), false, size(ctx, name))
        }
    };
    out::error_raw(&format!("{said}\n"));
    Ok(ExitCode::SUCCESS)
}
