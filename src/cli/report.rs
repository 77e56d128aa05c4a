//! `dossier report`: the pending questions (or a query's), most urgent first, as a memo
//! (Markdown, HTML with charts, CSV, JSON); with `--signalement`, the memo for the group
//! president.

use super::{load_for_cli, out, Context, Paths, ReportFormat};
use clap::Args;
use dossier_core::export::{html, memo, signalement};
use dossier_core::i18n::review as review_words;
use dossier_core::model::Question;
use dossier_core::query::Query;
use dossier_core::scoreboard::{self, ministries::Merger, By};
use std::collections::HashSet;
use std::process::ExitCode;

/// `report`'s arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Report the questions a query selects instead of the pending ones (with
    /// --signalement: consider only those).
    #[arg(long, short, value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// The signalement memo: the questions marked "to signal" (else the most overdue not yet
    /// signalées, none already answered for a related question), then those signalées and
    /// still waiting, with their ten-day deadline.
    #[arg(long)]
    pub signalement: bool,
    /// How many questions to propose at most (default: signalement_quota in the
    /// configuration, 5).
    #[arg(long, value_name = "N", requires = "signalement",
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub quota: Option<u16>,
    /// The files.
    #[command(flatten)]
    pub paths: Paths,
}

/// Loads, reads the review marks (a report changes nothing), and writes the report.
pub(super) fn run(args: &ReportArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let query = args.query.as_deref();
    let paths = &args.paths.paths;
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
    // The signalement memo leaves out questions answered elsewhere: it needs the relations.
    let related = (args.signalement || parsed.as_ref().is_some_and(Query::uses_related))
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
        None if args.signalement => loaded.questions.iter().collect(),
        None => memo::pending(&loaded.questions, loaded.current),
    };
    let done = if args.signalement {
        let chosen: HashSet<&str> = selection.iter().map(|q| q.id.as_str()).collect();
        let indices: Vec<usize> = loaded
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| chosen.contains(q.id.as_str()))
            .map(|(i, _)| i)
            .collect();
        let quota = args.quota.map_or(ctx.config.signalement_quota, usize::from);
        let plan = signalement::plan(
            &loaded.questions,
            &indices,
            store.state(),
            related.as_ref(),
            quota,
            ctx.today,
            loaded.current,
        );
        out::with_stdout(|o| match args.format {
            ReportFormat::Md => signalement::write_markdown(o, &plan, &lang),
            ReportFormat::Html => html::write_signalement(o, &plan, &lang, &lang),
            ReportFormat::Csv => signalement::write_csv(o, &plan),
            ReportFormat::Json => signalement::write_json(o, &plan),
        })
    } else {
        let rows = memo::rows(&selection, store.state(), ctx.today, loaded.current);
        out::with_stdout(|o| match args.format {
            ReportFormat::Md => memo::write_markdown(o, &rows, &lang, ctx.today),
            ReportFormat::Csv => memo::write_csv(o, &rows),
            ReportFormat::Json => memo::write_json(o, &rows, ctx.today),
            ReportFormat::Html => {
                let board = by_ministry(&selection, ctx, loaded.current);
                html::write_memo(o, &rows, &board, &lang, &lang, ctx.today)
            }
        })
    };
    drop(selection);
    ctx.keep_cache(&loaded);
    super::release(loaded);
    done?;
    Ok(ExitCode::SUCCESS)
}

/// The scoreboard by ministry of the questions reported, for the HTML memo's chart (the
/// ministries merged as `stats --by ministry` merges them).
fn by_ministry(
    selection: &[&Question],
    ctx: &Context,
    current: dossier_core::deadline::Current,
) -> scoreboard::Scoreboard {
    let merger = Merger::new(&ctx.config.ministries);
    scoreboard::compute(
        selection.iter().copied(),
        &scoreboard::Options {
            by: By::Ministry,
            since: None,
            until: None,
            today: ctx.today,
            current,
            ministries: &merger,
        },
    )
}
