//! `dossier report`: the pending questions (or a query's), most urgent first, as a memo.

use super::{load_for_cli, out, Context, ReportFormat};
use dossier_core::export::memo;
use dossier_core::i18n::review as review_words;
use dossier_core::query::Query;
use std::path::PathBuf;
use std::process::ExitCode;

/// Loads, reads the review marks (a report changes nothing), and writes the report.
pub(super) fn run(
    format: ReportFormat,
    query: Option<&str>,
    paths: &[PathBuf],
    ctx: &Context,
) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let parsed = match query.map(Query::parse) {
        Some(Ok(q)) => Some(q),
        Some(Err(e)) => {
            out::error_raw(&super::list::caret_report(
                query.unwrap_or_default(),
                &e,
                lang,
            ));
            return Ok(ExitCode::from(2));
        }
        None => None,
    };
    let store = ctx.review_store(paths, true);
    if let Some(reason) = store.read_only_reason() {
        if parsed.as_ref().is_some_and(Query::uses_review) {
            out::error(lang, &review_words::query_needs_review(lang, reason));
            return Ok(ExitCode::from(2));
        }
        out::error_raw(&format!("{}\n", review_words::not_shown(lang, reason)));
    }
    let mut loaded = load_for_cli(paths, ctx)?;
    let related = parsed
        .as_ref()
        .is_some_and(Query::uses_related)
        .then(|| ctx.related(&mut loaded));
    let selection = match &parsed {
        Some(q) => super::list::select(
            &loaded,
            q,
            None,
            false,
            ctx,
            store.state(),
            related.as_ref(),
        ),
        None => memo::pending(&loaded.questions, loaded.current),
    };
    let rows = memo::rows(&selection, store.state(), ctx.today, loaded.current);
    let done = out::with_stdout(|o| match format {
        ReportFormat::Md => memo::write_markdown(o, &rows, &lang, ctx.today),
        ReportFormat::Csv => memo::write_csv(o, &rows),
        ReportFormat::Json => memo::write_json(o, &rows, ctx.today),
    });
    drop(rows);
    drop(selection);
    ctx.keep_cache(&loaded);
    super::release(loaded);
    done?;
    Ok(ExitCode::SUCCESS)
}
