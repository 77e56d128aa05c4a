//! `dossier news`: what is new in the library or a named dossier since you last looked (or
//! since a day), as text, a Markdown memo or JSON. Showing it records the look for your
//! writer id; `--since` shows without recording.

use super::{load_for_cli, out, Context};
use chrono::NaiveDate;
use clap::ValueEnum;
use dossier_core::i18n::news as words;
use dossier_core::i18n::Lang;
use dossier_core::library::{library_news, Library, Origin};
use dossier_core::news::seen::{Look, Seen};
use dossier_core::news::{self, News, Since};
use dossier_core::text::sanitize::{markdown_cell, markdown_line, terminal_line};
use serde::Serialize;
use std::io::{self, Write};
use std::process::ExitCode;

/// Formats of `news`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum NewsFormat {
    /// Text, group by group.
    #[default]
    Text,
    /// Markdown: the weekly memo for the deputy.
    Md,
    /// JSON: the window and every group.
    Json,
}

/// Loads the dossier, tells its news, and records the look (unless `since` was given).
pub(super) fn run(
    since: Option<NaiveDate>,
    format: NewsFormat,
    ctx: &Context,
) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let origin = ctx.origin(&[]);
    let seen = seen_of(&origin, ctx);
    let key = origin.review_key();
    let last = match seen.as_ref().map(|s| s.last(&key)) {
        Some(Ok(look)) => look,
        Some(Err(e)) => {
            out::error(lang, &words::seen_problem(lang, &shown(e.path()), true));
            None
        }
        None => None,
    };
    let since = Since::choose(since, last.map(|l| l.day), ctx.today);
    // What the imports brought since, whatever the dates of its events.
    let imported = since
        .moment(last)
        .map(|at| dossier_core::library::imported_since(&origin, at, ctx.today))
        .transpose()
        .unwrap_or_else(|e| {
            tracing::warn!(error = ?e, "the imports' changes not read");
            None
        })
        .unwrap_or_default();
    let from = since.first_day(ctx.today);
    // The whole library reads only its questions that may have news; a library that cannot
    // be read so is loaded as any dossier is, which says what is wrong with it.
    let whole = match &origin {
        Origin::Library { dir, dossier: None } if Library::at(dir).exists() => {
            Library::at(dir).reader().ok().and_then(|reader| {
                let current = reader.current(ctx.config.legislature);
                library_news(&reader, current, from, ctx.today, &imported).ok()
            })
        }
        _ => None,
    };
    let news = match whole {
        Some(news) => news,
        None => {
            let loaded = load_for_cli(&[], ctx)?;
            let news = news::compute(
                &loaded.questions,
                loaded.current,
                from,
                ctx.today,
                &imported,
            );
            super::release(loaded);
            news
        }
    };
    let name = ctx.dossier.as_deref();
    out::with_stdout(|o| match format {
        NewsFormat::Text => write_text(o, &news, since, &origin, lang),
        NewsFormat::Md => write_markdown(o, &news, since, &origin, lang),
        NewsFormat::Json => write_json(o, &news, since, name),
    })?;
    // Shown: recorded as seen, unless a day was asked for.
    if let (Some(seen), Since::LastLook(_) | Since::Week(_)) = (&seen, since) {
        let look = Look {
            day: ctx.today,
            at: chrono::Utc::now(),
        };
        if let Err(e) = seen.record(&key, look) {
            tracing::warn!(error = %e, "news look not recorded");
            out::error(lang, &words::seen_problem(lang, &shown(e.path()), false));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Where this writer's looks at the dossier's news are kept: beside its review store.
fn seen_of(origin: &Origin, ctx: &Context) -> Option<Seen> {
    let location = dossier_core::review::location_for_key(
        ctx.review_file.as_deref(),
        ctx.team.as_deref(),
        &origin.review_key(),
        &ctx.writer,
    )?;
    Some(Seen::beside(&location, &ctx.writer))
}

fn shown(path: &std::path::Path) -> String {
    super::shown(path)
}

/// The news as text: a heading, the window, then each group with a line per question.
pub fn write_text(
    out: &mut dyn Write,
    news: &News,
    since: Since,
    origin: &Origin,
    lang: Lang,
) -> io::Result<()> {
    writeln!(out, "{}", terminal_line(&words::heading(lang, origin)))?;
    writeln!(out, "{}", words::window(lang, since, news.today))?;
    if news.is_empty() {
        writeln!(out)?;
        return writeln!(out, "{}", words::nothing(lang));
    }
    for section in news.groups() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            words::group_count(lang, section.group, section.items.len())
        )?;
        for item in &section.items {
            let line = format!(
                "  {}  {}  {} — {} — {}",
                lang.short_date(item.date),
                item.id,
                item.author,
                words::quoted(lang, &item.title),
                words::what(lang, &item.what)
            );
            writeln!(out, "{}", terminal_line(&line))?;
        }
    }
    Ok(())
}

/// The news as a Markdown memo: a heading, the window, then a table per group.
pub fn write_markdown(
    out: &mut dyn Write,
    news: &News,
    since: Since,
    origin: &Origin,
    lang: Lang,
) -> io::Result<()> {
    writeln!(out, "# {}", markdown_line(&words::heading(lang, origin)))?;
    writeln!(out)?;
    writeln!(out, "{}", words::window(lang, since, news.today))?;
    if news.is_empty() {
        writeln!(out)?;
        return writeln!(out, "{}", words::nothing(lang));
    }
    let columns = words::columns(lang);
    for section in news.groups() {
        writeln!(out)?;
        writeln!(
            out,
            "## {}",
            words::group_count(lang, section.group, section.items.len())
        )?;
        writeln!(out)?;
        writeln!(out, "| {} |", columns.join(" | "))?;
        writeln!(out, "| --- | --- | --- | --- | --- |")?;
        for item in &section.items {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                lang.short_date(item.date),
                markdown_cell(&item.id),
                markdown_cell(&item.author),
                markdown_cell(&item.title),
                markdown_cell(&words::what(lang, &item.what)),
            )?;
        }
    }
    Ok(())
}

/// The news as JSON: the dossier, where the window starts from and why, every group.
pub fn write_json(
    out: &mut dyn Write,
    news: &News,
    since: Since,
    name: Option<&str>,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        dossier: Option<&'a str>,
        #[serde(flatten)]
        since: Since,
        #[serde(flatten)]
        news: &'a News,
    }
    dossier_core::export::json::write_pretty(
        out,
        &Doc {
            dossier: name,
            since,
            news,
        },
    )
}
