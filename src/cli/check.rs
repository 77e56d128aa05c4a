//! `dossier check`: every diagnostic, then a one-line summary.

use dossier_core::load::LoadReport;
use std::io::{self, Write};
use std::process::ExitCode;

pub(super) fn run(out: &mut dyn Write, report: &LoadReport) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{d}")?;
    }
    writeln!(out, "{}", summary(report))
}

/// "5 questions, 0 skipped, 0 warnings", plus ignored files when there are some.
pub fn summary(report: &LoadReport) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let (questions, warnings) = (report.questions.len(), report.warnings());
    let mut line = format!(
        "{questions} question{}, {} skipped, {warnings} warning{}",
        plural(questions),
        report.files_skipped,
        plural(warnings)
    );
    if report.files_ignored > 0 {
        line.push_str(&format!(
            " ({} other files ignored: not .txt or .md)",
            report.files_ignored
        ));
    }
    line
}

/// 1 when a file was skipped, else 0.
pub(super) fn exit_code(report: &LoadReport) -> ExitCode {
    let skipped = report.files_skipped > 0
        || report
            .diagnostics
            .iter()
            .any(|d| d.severity == dossier_core::load::Severity::Skipped);
    if skipped {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
