//! `dossier list`: the viewer's filtered, sorted list without the viewer, for scripts.

use super::export::{csv_row, Record, CSV_HEADER};
use super::{Context, Lang};
use crate::deadline::timing;
use crate::query::{
    filter, sort_hits, Query, QueryContext, QueryError, ReviewFacts, SearchIndex, SortKey,
};
use crate::tui::wrap::fit;
use clap::ValueEnum;
use std::io::{self, Write};

/// Formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ListFormat {
    /// Aligned columns, as the viewer's list.
    #[default]
    Table,
    /// One id per line.
    Ids,
    /// Full records, as `export`.
    Json,
    /// One row per question, as `export`.
    Csv,
}

/// Parses a query given on the command line, or explains the error with a caret under it.
pub fn parse_query(text: &str) -> Result<Query, String> {
    Query::parse(text).map_err(|e| explain(text, &e))
}

/// "invalid query: unknown field `foo:`" with the query and a caret line under the span.
pub fn explain(text: &str, e: &QueryError) -> String {
    let start = e.span.start.min(text.len());
    let end = e.span.end.clamp(start, text.len());
    let before = text.get(..start).map_or(0, |s| s.chars().count());
    let width = text.get(start..end).map_or(1, |s| s.chars().count().max(1));
    format!(
        "invalid query: {}\n  {text}\n  {}{}",
        e.message,
        " ".repeat(before),
        "^".repeat(width)
    )
}

/// The questions of `questions` that `query` keeps, ordered as the viewer orders them.
pub fn select<'a>(
    questions: &'a [crate::model::Question],
    query: &Query,
    sort: SortKey,
    reverse: bool,
    ctx: &Context,
    review: &dyn ReviewFacts,
) -> Vec<&'a crate::model::Question> {
    let index = SearchIndex::build(questions);
    let qctx = QueryContext {
        today: ctx.today,
        review,
    };
    let mut hits = filter(questions, &index, query, &qctx, None);
    sort_hits(
        questions,
        &mut hits,
        sort,
        reverse,
        query.has_free_words(),
        ctx.today,
    );
    hits.iter().map(|h| &questions[h.index]).collect()
}

/// Writes the selection in a format.
pub fn write(
    out: &mut dyn Write,
    selection: &[&crate::model::Question],
    format: ListFormat,
    ctx: &Context,
) -> io::Result<()> {
    match format {
        ListFormat::Ids => {
            for q in selection {
                writeln!(out, "{}", q.id)?;
            }
            Ok(())
        }
        ListFormat::Json => {
            let records: Vec<Record> = selection
                .iter()
                .map(|q| Record {
                    question: q,
                    timing: timing(q, ctx.today),
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &records)?;
            writeln!(out)
        }
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(CSV_HEADER)?;
            for q in selection {
                writer.write_record(csv_row(q, &timing(q, ctx.today)))?;
            }
            writer.flush()
        }
        ListFormat::Table => table(out, selection, ctx),
    }
}

fn table(
    out: &mut dyn Write,
    selection: &[&crate::model::Question],
    ctx: &Context,
) -> io::Result<()> {
    let (date, author, ministry, title, overdue) = match ctx.lang {
        Lang::Fr => ("Publiée", "Auteur", "Ministère", "Titre", "retard"),
        Lang::En => ("Published", "Author", "Ministry", "Title", "overdue"),
    };
    writeln!(
        out,
        "  {} {} {} {} {:>7}  {}",
        fit("Id", 11),
        fit(date, 10),
        fit(author, 22),
        fit(ministry, 30),
        overdue,
        title
    )?;
    for q in selection {
        let t = timing(q, ctx.today);
        let mark = match (q.status, t.is_overdue()) {
            (crate::model::Status::Pending, true) => "!",
            (crate::model::Status::Pending, false) => "○",
            (crate::model::Status::Answered, _) => "✓",
            (crate::model::Status::Withdrawn, _) => "×",
        };
        let published = q.published().map_or("—".to_string(), |d| d.to_string());
        let late = t.overdue_days.map_or(String::new(), |d| format!("{d} j"));
        writeln!(
            out,
            "{mark} {} {} {} {} {:>7}  {}",
            fit(&q.id, 11),
            fit(&published, 10),
            fit(&q.author, 22),
            fit(q.ministry(), 30),
            late,
            fit(&q.title, 60).trim_end()
        )?;
    }
    Ok(())
}
