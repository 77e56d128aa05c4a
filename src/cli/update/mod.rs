//! `dossier update`: the configured open-data archives downloaded (only what changed since
//! the last update), then imported into the library as `dossier import` does, saying what
//! changed. `--dry-run` says what it would fetch, from where, and what the cache holds.
//!
//! Each archive is said in one line on stdout (downloaded, or nothing new since a date); a
//! failure in one line on stderr naming its URL. The archives that came are imported, the
//! others named; the exit code is 2 when one failed (a cron job's mail says so), else the
//! import's.

mod progress;
pub mod words;

use super::{out, shown, Context};
use crate::update::{
    fetch, plan, to_import, Archive, Client, Downloads, Fetched, Limits, Source, State,
};
use chrono::NaiveDate;
use dossier_core::deadline::Current;
use std::path::PathBuf;
use std::process::ExitCode;

/// The environment variable that overrides `[update] base_url`.
pub const URL_VARIABLE: &str = "DOSSIER_UPDATE_URL";

/// Runs `dossier update`.
pub(super) fn run(dry_run: bool, insecure_http: bool, ctx: &Context) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let config = &ctx.config.update;
    let url = std::env::var(URL_VARIABLE)
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| config.base_url.clone());
    let source = match Source::parse(&url, insecure_http) {
        Ok(source) => source,
        Err(e) => {
            out::error(lang, &words::source_error(lang, &e));
            return Ok(ExitCode::from(2));
        }
    };
    let archives = plan(config);
    if archives.is_empty() {
        out::error(lang, words::nothing_configured(lang));
        return Ok(ExitCode::from(2));
    }
    let Some(downloads) = Downloads::user() else {
        out::error(lang, words::no_cache_dir(lang));
        return Ok(ExitCode::from(2));
    };
    let library = library_key(ctx);
    if dry_run {
        return dry_run_report(&source, &archives, &downloads, &library, ctx);
    }
    let _lock = match downloads.lock() {
        Ok(Some(lock)) => lock,
        Ok(None) => {
            out::error(lang, &words::busy(lang, &shown(downloads.dir())));
            return Ok(ExitCode::from(2));
        }
        Err(e) => {
            out::error(
                lang,
                &words::cache_unusable(lang, &shown(downloads.dir()), &e.to_string()),
            );
            return Ok(ExitCode::from(2));
        }
    };
    let client = Client::new(&source, config.timeout);
    let limits = Limits {
        max_bytes: config.max_bytes,
        timeout: config.timeout,
    };
    // Each archive at hand after the downloads, and whether this library lacks it.
    let mut at_hand: Vec<(&Archive, bool)> = Vec::new();
    let mut failed = 0;
    for archive in &archives {
        let url = source.url(&archive.path);
        let bar = progress::Bar::new(lang, archive);
        let result = fetch(&client, &downloads, archive, &url, limits, &bar);
        bar.finish();
        let state = downloads.state(archive);
        let lacking = state
            .copy
            .as_ref()
            .is_some_and(|c| !c.imported_into.contains(&library));
        match result {
            Ok(fetched) => {
                let said = match fetched {
                    Fetched::Downloaded {
                        bytes,
                        resumed_from,
                    } => words::downloaded(lang, archive, bytes, resumed_from),
                    Fetched::NotModified => {
                        words::not_modified(lang, archive, since(&state), lacking)
                    }
                };
                out::with_stdout(|o| writeln!(o, "{said}"))?;
            }
            Err(failure) => {
                failed += 1;
                tracing::warn!(url = %url, error = %failure, "archive not fetched");
                out::error(
                    lang,
                    &words::failed(lang, archive, &url, &failure, state.copy.is_some()),
                );
            }
        }
        if state.copy.is_some() {
            at_hand.push((archive, lacking));
        }
    }
    let chosen = to_import(&at_hand);
    let mut code = ExitCode::SUCCESS;
    if !chosen.is_empty() {
        let paths: Vec<PathBuf> = chosen.iter().map(|a| downloads.archive(a)).collect();
        // A new legislature lapses the last one's pending questions: said when it comes.
        let before = in_session(ctx).map(|(current, _)| current);
        match import_archives(&paths, ctx) {
            Ok(imported) => {
                code = imported;
                if let (Some(before), Some((now, lapsed_since))) = (before, in_session(ctx)) {
                    if now > before {
                        let lapsed = lapsed_since(before);
                        out::with_stdout(|o| {
                            writeln!(o, "{}", words::new_legislature(lang, now.number(), lapsed))
                        })?;
                    }
                }
                for archive in &chosen {
                    if let Err(e) = downloads.mark_imported(archive, &library) {
                        // Imported again next time: merging forward changes nothing.
                        tracing::warn!(error = %e, "import not recorded in the downloads");
                    }
                }
            }
            Err(e) => {
                out::error(lang, &format!("{e:#}"));
                code = ExitCode::from(2);
            }
        }
    } else if failed == 0 {
        out::with_stdout(|o| writeln!(o, "{}", words::up_to_date(lang)))?;
    }
    if failed > 0 {
        out::error(
            lang,
            &words::some_failed(lang, failed, archives.len(), !chosen.is_empty()),
        );
        code = ExitCode::from(2);
    }
    Ok(code)
}

/// The one call into the library's import: what `dossier import` does with these PATHs,
/// its output (what changed) included.
fn import_archives(paths: &[PathBuf], ctx: &Context) -> anyhow::Result<ExitCode> {
    super::import::run(paths, ctx)
}

/// The legislature in session as the library says, and a count of its questions that lapsed
/// since another legislature was (those of it and later ones, left pending).
fn in_session(ctx: &Context) -> Option<(Current, impl Fn(Current) -> usize)> {
    let opened = ctx.library.open().ok()?;
    let current = opened.current(ctx.config.legislature);
    let pending: Vec<u16> = opened
        .questions
        .iter()
        .filter(|q| q.status == dossier_core::model::Status::Pending)
        .map(|q| q.legislature)
        .collect();
    let lapsed_since = move |was: Current| {
        pending
            .iter()
            .filter(|&&l| !was.has_ended(l) && current.has_ended(l))
            .count()
    };
    Some((current, lapsed_since))
}

/// The library as the downloads record it: its folder, absolute.
fn library_key(ctx: &Context) -> String {
    let dir = ctx.library.dir();
    std::path::absolute(dir)
        .unwrap_or_else(|_| dir.to_path_buf())
        .display()
        .to_string()
}

/// The day the copy kept was published (its `Last-Modified`), else downloaded.
fn since(state: &State) -> Option<NaiveDate> {
    let copy = state.copy.as_ref()?;
    let published = copy
        .last_modified
        .as_deref()
        .and_then(|d| httpdate::parse_http_date(d).ok())
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).date_naive());
    published.or_else(|| {
        chrono::DateTime::parse_from_rfc3339(&copy.fetched)
            .ok()
            .map(|t| t.with_timezone(&chrono::Local).date_naive())
    })
}

/// The proxy the environment names, as shown (host and port: never its credentials).
fn proxy_shown(source: &Source) -> Option<String> {
    if source.is_loopback() {
        return None;
    }
    let proxy = ureq::Proxy::try_from_env()?;
    let target: ureq::http::Uri = source.base().parse().ok()?;
    if proxy.is_no_proxy(&target) {
        return None;
    }
    Some(format!("{}:{}", proxy.host(), proxy.port()))
}

/// `--dry-run`: each archive's URL and cache path, and what the cache holds of it.
fn dry_run_report(
    source: &Source,
    archives: &[Archive],
    downloads: &Downloads,
    library: &str,
    ctx: &Context,
) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let safe = |s: &str| dossier_core::text::sanitize::terminal_line(s).into_owned();
    out::with_stdout(|o| {
        writeln!(
            o,
            "{}",
            words::dry_run_heading(lang, &safe(source.base()), proxy_shown(source).as_deref())
        )?;
        for archive in archives {
            let state = downloads.state(archive);
            let copy = state.copy.as_ref().map(|c| {
                (
                    c.length,
                    since(&state),
                    c.imported_into.iter().any(|l| l == library),
                )
            });
            let partial = state
                .partial
                .as_ref()
                .map(|_| downloads.part_len(archive))
                .filter(|&n| n > 0);
            writeln!(o, "{}", words::archive(lang, archive))?;
            writeln!(o, "  {}", safe(&source.url(&archive.path)))?;
            writeln!(
                o,
                "  → {}{}",
                lang.colon(&shown(&downloads.archive(archive))),
                words::cache_holds(lang, copy, partial)
            )?;
        }
        writeln!(o, "{}", words::dry_run_library(lang, &safe(library)))
    })?;
    Ok(ExitCode::SUCCESS)
}
