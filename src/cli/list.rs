//! `dossier list`: the TUI's filtered, sorted list, printed for scripts and tests.

use super::export::{write_csv, write_json};
use super::{load_for_cli, with_stdout, Context, Lang};
use crate::tui::theme::Theme;
use clap::{Args, ValueEnum};
use dossier_core::deadline::timing;
use dossier_core::model::Question;
use dossier_core::query::{
    filter, sort_hits_indexed, Query, QueryContext, QueryError, ReviewFacts, SearchIndex, SortKey,
};
use dossier_core::text::width::{fit, truncate};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

/// Arguments of `dossier list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Filter, in the viewer's query language (e.g. `asalee status:pending -author:batho`).
    #[arg(long, short, value_name = "QUERY", default_value = "")]
    pub query: String,
    /// Order: date, number, author, ministry or pending (days pending). Without it, questions
    /// are ranked by relevance when the query has free words, else by date.
    #[arg(long, short, value_name = "KEY")]
    pub sort: Option<SortKey>,
    /// Reverse the order of the sort key.
    #[arg(long, short)]
    pub reverse: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Files or directories (default: the sample dossier).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns, for reading.
    Table,
    /// One id per line.
    Ids,
    /// A JSON array of full records, as `export`.
    Json,
    /// One row per question, as `export --format csv`.
    Csv,
}

/// Runs `list`; an invalid query is reported on stderr with a caret under the fault, and
/// gives exit code 2.
pub(super) fn run(
    args: &ListArgs,
    ctx: &Context,
    review_file: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let query = match Query::parse(&args.query) {
        Ok(q) => q,
        Err(e) => {
            eprint!("{}", caret_report(&args.query, &e));
            return Ok(ExitCode::from(2));
        }
    };
    let report = load_for_cli(&args.paths);
    let questions = &report.questions;
    let index = SearchIndex::build(questions);
    let store = dossier_core::review::ReviewStore::for_dossier(review_file, &args.paths);
    let qctx = QueryContext {
        today: ctx.today,
        review: store.data(),
    };
    let mut hits = filter(questions, &index, &query, &qctx, None);
    let by_score = args.sort.is_none() && query.has_free_words();
    sort_hits_indexed(
        questions,
        &index,
        &mut hits,
        args.sort.unwrap_or_default(),
        args.reverse,
        by_score,
        ctx.today,
    );
    let shown: Vec<&Question> = hits.iter().filter_map(|h| questions.get(h.index)).collect();
    with_stdout(|out| match args.format {
        ListFormat::Ids => shown.iter().try_for_each(|q| writeln!(out, "{}", q.id)),
        ListFormat::Json => write_json(out, &shown, ctx),
        ListFormat::Csv => write_csv(out, &shown, ctx),
        ListFormat::Table => write_table(out, &shown, questions.len(), ctx, table_width()),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The query, and a caret line under the span at fault, as printed on stderr.
pub fn caret_report(input: &str, error: &QueryError) -> String {
    let start = error.span.start.min(input.len());
    let end = error.span.end.clamp(start, input.len());
    let before = input.get(..start).map_or(0, UnicodeWidthStr::width);
    let under = input
        .get(start..end)
        .map_or(0, UnicodeWidthStr::width)
        .max(1);
    format!(
        "dossier: invalid query: {}\n  {}\n  {}{}\n",
        error.message,
        input,
        " ".repeat(before),
        "^".repeat(under)
    )
}

/// Width of the table: the terminal's when stdout is one, `COLUMNS` when set, else 120.
fn table_width() -> usize {
    let stdout = io::stdout();
    if stdout.is_terminal() {
        if let Ok((cols, _)) = crossterm::terminal::size() {
            return usize::from(cols);
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(120)
}

/// The status mark of a row: answered, pending, overdue (pending past its deadline),
/// withdrawn.
pub fn status_mark(q: &Question, today: chrono::NaiveDate) -> &'static str {
    // The viewer's marks, so the two never differ.
    Theme::default()
        .status_mark(q.status, timing(q, today).is_overdue())
        .0
}

fn write_table(
    out: &mut dyn Write,
    shown: &[&Question],
    total: usize,
    ctx: &Context,
    width: usize,
) -> io::Result<()> {
    let (h_id, h_date, h_author, h_ministry, h_title, counted) = match ctx.lang {
        Lang::Fr => ("Id", "Publiée", "Auteur", "Ministère", "Titre", "questions"),
        Lang::En => (
            "Id",
            "Published",
            "Author",
            "Ministry",
            "Title",
            "questions",
        ),
    };
    let id_w = shown
        .iter()
        .map(|q| q.id.width())
        .chain([h_id.width()])
        .max()
        .unwrap_or(0);
    let date_w = 10;
    let author_w = shown
        .iter()
        .map(|q| q.author.width())
        .chain([h_author.width()])
        .max()
        .unwrap_or(0)
        .min(24);
    let ministry_w = shown
        .iter()
        .map(|q| q.ministry().width())
        .chain([h_ministry.width()])
        .max()
        .unwrap_or(0)
        .min(28);
    // mark, id, date, author, ministry, then the title takes what is left; on a narrow
    // terminal the ministry, then the author, give way (down to 12 columns) so that the title
    // keeps 20.
    const MIN_TITLE: usize = 20;
    const MIN_NAME: usize = 12;
    let fixed = |author_w: usize, ministry_w: usize| {
        1 + 1 + id_w + 2 + date_w + 2 + author_w + 2 + ministry_w + 2
    };
    let mut excess = (fixed(author_w, ministry_w) + MIN_TITLE).saturating_sub(width);
    let give = excess.min(ministry_w.saturating_sub(MIN_NAME));
    let ministry_w = ministry_w - give;
    excess -= give;
    let author_w = author_w - excess.min(author_w.saturating_sub(MIN_NAME));
    let title_w = width
        .saturating_sub(fixed(author_w, ministry_w))
        .max(MIN_TITLE);
    let row = |out: &mut dyn Write, cells: [&str; 6]| -> io::Result<()> {
        let line = format!(
            "{} {}  {}  {}  {}  {}",
            fit(cells[0], 1),
            fit(cells[1], id_w),
            fit(cells[2], date_w),
            fit(cells[3], author_w),
            fit(cells[4], ministry_w),
            truncate(cells[5], title_w),
        );
        writeln!(out, "{}", line.trim_end())
    };
    row(out, [" ", h_id, h_date, h_author, h_ministry, h_title])?;
    for q in shown {
        let date = q.published().map(|d| d.to_string()).unwrap_or_default();
        row(
            out,
            [
                status_mark(q, ctx.today),
                &q.id,
                &date,
                &q.author,
                q.ministry(),
                &q.title,
            ],
        )?;
    }
    writeln!(out, "{} / {} {counted}", shown.len(), total)
}

/// Parses a query given on the command line, or explains the error with a caret under it.
pub fn parse_query(text: &str) -> Result<Query, String> {
    Query::parse(text).map_err(|e| caret_report(text, &e))
}

/// The questions `query` keeps, ordered as the viewer orders them (for `report --query`).
pub fn select<'a>(
    questions: &'a [Question],
    query: &Query,
    ctx: &Context,
    review: &dyn ReviewFacts,
) -> Vec<&'a Question> {
    let index = SearchIndex::build(questions);
    let qctx = QueryContext {
        today: ctx.today,
        review,
    };
    let mut hits = filter(questions, &index, query, &qctx, None);
    sort_hits_indexed(
        questions,
        &index,
        &mut hits,
        SortKey::Date,
        false,
        query.has_free_words(),
        ctx.today,
    );
    hits.iter().filter_map(|h| questions.get(h.index)).collect()
}

#[cfg(test)]
mod tests {
    use super::{fit, truncate};

    #[test]
    fn fit_cuts_with_an_ellipsis_and_pads() {
        assert_eq!(truncate("Santé publique", 8), "Santé p…");
        assert_eq!(fit("Santé", 8), "Santé   ");
        assert_eq!(fit("Santé", 5), "Santé");
        assert_eq!(fit("abc", 0), "");
    }
}
