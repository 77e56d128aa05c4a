//! What a load says about one file: a [`Problem`] (typed data, worded by
//! `i18n::load`), where it
//! is (the file, as the user named it, and maybe a line) and how bad it is.

use super::problem::Problem;
use super::LineMessage;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Loaded, but something was odd.
    Warning,
    /// The file (or copy) was not loaded.
    Skipped,
}

/// Something a load noticed about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (or `<sample>/…` for the embedded dossier; an archive
    /// entry is `archive.zip!entry`).
    pub path: String,
    /// 1-based line, when the message is about one line.
    pub line: Option<usize>,
    /// Warning or skipped.
    pub severity: Severity,
    /// What happened.
    pub problem: Problem,
}

impl Diagnostic {
    /// A diagnostic from a parser's message.
    pub fn new(path: &str, severity: Severity, msg: LineMessage) -> Self {
        Diagnostic {
            path: path.to_string(),
            line: msg.line,
            severity,
            problem: msg.problem,
        }
    }

    /// A file left out, for a reason about the whole file.
    pub fn skipped(path: &str, problem: Problem) -> Self {
        Diagnostic {
            path: path.to_string(),
            line: None,
            severity: Severity::Skipped,
            problem,
        }
    }

    /// A warning about the whole file.
    pub fn warning(path: &str, problem: Problem) -> Self {
        Diagnostic {
            path: path.to_string(),
            line: None,
            severity: Severity::Warning,
            problem,
        }
    }
}
