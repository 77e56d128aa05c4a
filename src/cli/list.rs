//! `dossier list`: the viewer's filtered, sorted list, printed for scripts and tests.

use super::words;
use super::{load_for_cli, out, Context, Lang};
use crate::tui::words::ui;
use clap::{Args, ValueEnum};
use dossier_core::deadline::{timing, Current};
use dossier_core::export;
use dossier_core::i18n::review as review_words;
use dossier_core::library::{Library, Origin, OriginError};
use dossier_core::load::LoadReport;
use dossier_core::model::Question;
use dossier_core::query::rows::Row;
use dossier_core::query::{
    filter, sort_hits_indexed, sort_rows, Query, QueryContext, QueryError, ReviewFacts,
    SearchIndex, SortKey,
};
use dossier_core::record::Record;
use dossier_core::text::sanitize::terminal_line;
use dossier_core::text::width::{fit, truncate};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

/// The filter language, for `--help`.
pub const QUERY_HELP: &str = "Filter language (--query, and / in the viewer):
  free words       each must occur in a field (id, title, author, constituency, group,
                   ministries, rubric) or the texts, as a word, a word start, or with a
                   typo (one from 4 letters, two from 8); case and accents are ignored;
                   ranked exact > start > typo, title and author over the texts
  \"a phrase\"       the words in this order
  -term            excludes
  status:pending|answered|withdrawn  (statut:attente|repondu|retire)
  is:overdue|reviewed|flagged|changed (est:retard|revu|marque|modifie)   has:note (a:note)
  is:campaign (est:campagne)  a text like another's;  is:answered-elsewhere
                   (est:repondue-ailleurs)  pending while a related question is answered;
                   is:lapsed (est:caduque)  left pending when its legislature ended
  similar:17-13809QE (proche:13809)  the question and those related to it
  author: group: min: rubric: place:   (auteur: groupe: ministere: rubrique: lieu:)
  id: leg:17  type:QE|QG|QOSD  since:2026-01-01  until:2026-06-30  (depuis: jusqua:)
  text:word (texte:)   in the question or answer text
Example: dossier list --query 'asalee statut:attente -auteur:batho'";

/// Arguments of `dossier list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Filter, in the viewer's query language (e.g. `asalee status:pending -author:batho`).
    #[arg(
        long,
        short,
        value_name = "QUERY",
        default_value = "",
        allow_hyphen_values = true
    )]
    pub query: String,
    /// Order: date, number, author, ministry, pending (days pending) or deadline. Without
    /// it, questions are ranked by relevance when the query has free words, else by date.
    #[arg(long, short, value_name = "KEY", value_parser = super::parse_sort)]
    pub sort: Option<SortKey>,
    /// Reverse the order of the sort key.
    #[arg(long, short)]
    pub reverse: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Files or folders (default: the sample dossier).
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
pub(super) fn run(args: &ListArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let query = match Query::parse(&args.query) {
        Ok(q) => q,
        Err(e) => {
            out::error_raw(&caret_report(&args.query, &e, ctx.lang));
            return Ok(ExitCode::from(2));
        }
    };
    let store = ctx.review_store(&args.paths, true);
    if let Some(reason) = store.read_only_reason() {
        if query.uses_review() {
            out::error(
                ctx.lang,
                &review_words::query_needs_review(ctx.lang, reason),
            );
            return Ok(ExitCode::from(2));
        }
        out::error_raw(&format!("{}\n", review_words::not_shown(ctx.lang, reason)));
    }
    // A library (or a named dossier of it) printed as a table or ids: the query answered
    // from its database, reading the rows it shows and no more.
    if let Origin::Library { dir, dossier } = ctx.origin(&args.paths) {
        if matches!(args.format, ListFormat::Table | ListFormat::Ids) {
            return from_library(args, ctx, &query, &store, &dir, dossier.as_deref());
        }
    }
    let mut report = load_for_cli(&args.paths, ctx)?;
    // Relations cost a pass over the texts (unless cached): for the queries and formats
    // that use them.
    let related = (query.uses_related()
        || matches!(args.format, ListFormat::Json | ListFormat::Csv))
    .then(|| ctx.related(&mut report));
    let questions = &report.questions;
    let current = report.current;
    let shown = select(
        &report,
        &query,
        args.sort,
        args.reverse,
        ctx,
        store.state(),
        related.as_ref(),
    );
    let done = out::with_stdout(|o| match args.format {
        ListFormat::Ids => shown
            .iter()
            .try_for_each(|q| writeln!(o, "{}", terminal_line(&q.id))),
        ListFormat::Json => {
            export::json::write_records(o, &shown, related.as_ref(), ctx.today, current)
        }
        ListFormat::Csv => {
            export::csv::write_questions(o, &shown, related.as_ref(), ctx.today, current)
        }
        ListFormat::Table => {
            let lines: Vec<Line> = shown.iter().map(|q| Line::of(q, ctx, current)).collect();
            write_table(o, &lines, questions.len(), ctx, table_width())
        }
    });
    drop(shown);
    ctx.keep_cache(&report);
    super::release(report);
    done?;
    Ok(ExitCode::SUCCESS)
}

/// The query, and a caret line under the span at fault, as printed on stderr.
pub fn caret_report(input: &str, error: &QueryError, lang: Lang) -> String {
    let start = error.span.start.min(input.len());
    let end = error.span.end.clamp(start, input.len());
    let shown = |s: &str| terminal_line(s).into_owned();
    let before = input.get(..start).map_or(0, |s| shown(s).width());
    let under = input.get(start..end).map_or(0, |s| shown(s).width()).max(1);
    format!(
        "{}{}\n  {}\n  {}{}\n",
        words::prefix(lang),
        dossier_core::i18n::query::invalid_query(
            lang,
            &dossier_core::i18n::query::error_outside_viewer(lang, &error.kind)
        ),
        shown(input),
        " ".repeat(before),
        "^".repeat(under)
    )
}

/// Width of the table: the terminal's when stdout is one, `COLUMNS` when set, else 120.
fn table_width() -> usize {
    if io::stdout().is_terminal() {
        if let Ok((cols, _)) = crossterm::terminal::size() {
            return usize::from(cols);
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(120)
}

/// `list` on the library or one of its named dossiers, as a table or ids.
fn from_library(
    args: &ListArgs,
    ctx: &Context,
    query: &Query,
    store: &dossier_core::review::ReviewStore,
    dir: &std::path::Path,
    dossier: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let origin_error =
        |e: OriginError| anyhow::anyhow!(dossier_core::i18n::library::origin_error(lang, &e));
    let library = Library::at(dir);
    let reader = library
        .reader()
        .map_err(|e| origin_error(OriginError::Library(e)))?;
    let scope = match dossier {
        Some(name) => {
            let dossiers = reader
                .dossiers()
                .map_err(|e| origin_error(OriginError::Library(e)))?;
            let d = dossiers
                .get(name)
                .ok_or_else(|| origin_error(OriginError::UnknownDossier(name.to_string())))?;
            Some(reader.members(d, ctx.today).map_err(origin_error)?)
        }
        None => None,
    };
    let total = match &scope {
        Some(s) => s.len(),
        None => reader
            .count()
            .map_err(|e| origin_error(OriginError::Library(e)))?,
    };
    let selected = reader
        .select(query, ctx.today, store.state(), scope.as_deref())
        .map_err(|e| origin_error(OriginError::Library(e)))?;
    let current = reader.current(ctx.config.legislature);
    let mut hits = selected.hits;
    let by_score = args.sort.is_none() && query.has_free_words();
    sort_rows(
        &selected.rows,
        &mut hits,
        args.sort.unwrap_or(ctx.config.sort),
        args.reverse,
        by_score,
        ctx.today,
        current,
    );
    let rows: Vec<&Row> = hits
        .iter()
        .filter_map(|h| selected.rows.get(h.index))
        .collect();
    out::with_stdout(|o| match args.format {
        ListFormat::Ids => rows
            .iter()
            .try_for_each(|r| writeln!(o, "{}", terminal_line(&r.id))),
        _ => {
            let lines: Vec<Line> = rows.iter().map(|r| Line::of_row(r, ctx, current)).collect();
            write_table(o, &lines, total, ctx, table_width())
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// One line of the table: the status mark, then the cells.
struct Line<'a> {
    mark: &'static str,
    id: &'a str,
    date: String,
    author: &'a str,
    ministry: &'a str,
    title: &'a str,
}

impl<'a> Line<'a> {
    fn of(q: &'a Question, ctx: &Context, current: Current) -> Line<'a> {
        Line {
            mark: dossier_core::marks::status(q.status, timing(q, ctx.today, current).is_overdue()),
            id: &q.id,
            date: q
                .published()
                .map(|d| ctx.lang.short_date(d))
                .unwrap_or_default(),
            author: &q.author,
            ministry: q.ministry(),
            title: &q.title,
        }
    }

    fn of_row(r: &'a Row, ctx: &Context, current: Current) -> Line<'a> {
        Line {
            mark: dossier_core::marks::status(r.status, r.timing(ctx.today, current).is_overdue()),
            id: &r.id,
            date: r
                .published
                .map(|d| ctx.lang.short_date(d))
                .unwrap_or_default(),
            author: &r.author,
            ministry: r.ministry(),
            title: &r.title,
        }
    }
}

fn write_table(
    out: &mut dyn Write,
    shown: &[Line],
    total: usize,
    ctx: &Context,
    width: usize,
) -> io::Result<()> {
    let w = ui::words(ctx.lang);
    let cell = |s: &str| terminal_line(s).into_owned();
    let id_w = shown
        .iter()
        .map(|q| cell(q.id).width())
        .chain([w.col_id.width()])
        .max()
        .unwrap_or(0);
    let date_w = 10;
    let author_w = shown
        .iter()
        .map(|q| cell(q.author).width())
        .chain([w.col_author.width()])
        .max()
        .unwrap_or(0)
        .min(24);
    let ministry_w = shown
        .iter()
        .map(|q| cell(q.ministry).width())
        .chain([w.col_ministry.width()])
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
            fit(&cell(cells[0]), 1),
            fit(&cell(cells[1]), id_w),
            fit(&cell(cells[2]), date_w),
            fit(&cell(cells[3]), author_w),
            fit(&cell(cells[4]), ministry_w),
            truncate(&cell(cells[5]), title_w),
        );
        writeln!(out, "{}", line.trim_end())
    };
    row(
        out,
        [
            " ",
            w.col_id,
            w.col_date,
            w.col_author,
            w.col_ministry,
            w.col_title,
        ],
    )?;
    for q in shown {
        row(out, [q.mark, q.id, &q.date, q.author, q.ministry, q.title])?;
    }
    writeln!(out, "{}", words::shown_of(ctx.lang, shown.len(), total))
}

/// The questions of a load that `query` keeps, ordered as the viewer orders them: by `sort`
/// (default date), ranked by relevance first when there are free words and no sort was
/// asked.
pub fn select<'a>(
    report: &'a LoadReport,
    query: &Query,
    sort: Option<SortKey>,
    reverse: bool,
    ctx: &Context,
    review: &dyn ReviewFacts,
    related: Option<&dossier_core::related::RelatedSet>,
) -> Vec<&'a Question> {
    let questions = &report.questions;
    // The word index pays for itself only when the query has words to look up.
    let index = if query.needs_words() {
        SearchIndex::build(questions, report.current)
    } else {
        SearchIndex::build_keys(questions, report.current)
    };
    let qctx = QueryContext {
        today: ctx.today,
        review,
        related,
        texts: None,
    };
    let mut hits = filter(questions, &index, query, &qctx, None);
    let by_score = sort.is_none() && query.has_free_words();
    sort_hits_indexed(
        questions,
        &index,
        &mut hits,
        sort.unwrap_or(ctx.config.sort),
        reverse,
        by_score,
        ctx.today,
    );
    hits.iter().filter_map(|h| questions.get(h.index)).collect()
}
