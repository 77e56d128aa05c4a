//! `dossier export`: full records as JSON, or one CSV row per question.

use super::{Context, ExportFormat};
use dossier_core::export;
use dossier_core::load::LoadReport;
use std::io::{self, Write};

pub(super) fn run(
    out: &mut dyn Write,
    report: &LoadReport,
    related: &dossier_core::related::RelatedSet,
    format: ExportFormat,
    ctx: &Context,
) -> io::Result<()> {
    let questions: Vec<_> = report.questions.iter().collect();
    match format {
        ExportFormat::Json => {
            export::json::write_records(out, &questions, Some(related), ctx.today, report.current)
        }
        ExportFormat::Csv => {
            export::csv::write_questions(out, &questions, Some(related), ctx.today, report.current)
        }
    }
}
