//! What a load says about one file: a [`Problem`] (typed data, worded by `i18n`), where it
//! is (the file, as the user named it, and maybe a line) and how bad it is.

use super::problem::Problem;
use super::LineMessage;
use crate::i18n::Lang;
use crate::text::sanitize::terminal_line;
use std::fmt;

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

    /// What happened, in a language.
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::load::problem(lang, &self.problem)
    }

    /// One line, `file:line: warning|skipped: message`, safe on a terminal (a file name
    /// with a line break or an escape sequence cannot forge or hide a line).
    pub fn render(&self, lang: Lang) -> String {
        let what = crate::i18n::load::severity(lang, self.severity == Severity::Skipped);
        let path = terminal_line(&self.path);
        let message = self.message(lang);
        let message = terminal_line(&message);
        let sep = lang.pick("\u{a0}:", ":");
        match self.line {
            Some(line) => format!("{path}:{line}: {what}{sep} {message}"),
            None => format!("{path}: {what}{sep} {message}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}
