//! `dossier check`: every diagnostic, then a one-line summary.

use super::words as cli;
use dossier_core::i18n::Lang;
use dossier_core::load::LoadReport;
use dossier_core::parse::diagnostic::Severity;
use std::io::{self, Write};
use std::process::ExitCode;

pub(super) fn run(out: &mut dyn Write, report: &LoadReport, lang: Lang) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{}", dossier_core::i18n::load::diagnostic(lang, d))?;
    }
    writeln!(out, "{}", summary(report, lang))
}

/// "5 questions, 0 skipped, 0 warnings", plus ignored files when there are some.
pub fn summary(report: &LoadReport, lang: Lang) -> String {
    cli::check_summary(
        lang,
        report.questions.len(),
        report.files_skipped,
        report.warnings(),
        report.files_ignored,
    )
}

/// 1 when a file was skipped, else 0.
pub(super) fn exit_code(report: &LoadReport) -> ExitCode {
    let skipped = report.files_skipped > 0
        || report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Skipped);
    if skipped {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
