//! What the viewer says of the work it had done off its thread, from the typed results the
//! effects bring back: a save of the filter, an export, a program run on the terminal, a
//! copy to the clipboard, a list of choices that could not be read, a prompt's text
//! refused.

use super::prompts;
use crate::tui::external::{Exit, Ran, RunError, SourceError};
use crate::tui::jobs::{ExportDone, ListError, Refusal, SaveError, ViewSaved};
use crate::tui::message::MessageKind;
use dossier_core::i18n::{library as library_words, load::io_reason, Lang, NB};
use dossier_core::parse::problem::IoReason;
use dossier_core::text::sanitize::terminal_line;

/// A save of the filter that ended (not one that asks first).
pub fn view_saved(lang: Lang, saved: &ViewSaved) -> (String, MessageKind) {
    match saved {
        ViewSaved::Dossier { name, query, new } => (
            prompts::dossier_saved(lang, name, query, *new),
            MessageKind::Info,
        ),
        ViewSaved::View { name, replaced } => (
            prompts::view_saved(lang, name, *replaced),
            MessageKind::Info,
        ),
        ViewSaved::Failed(e) => (save_error(lang, e), MessageKind::Warning),
        ViewSaved::Exists(job) => (job.name.clone(), MessageKind::Info),
    }
}

/// Why the filter was not saved.
pub fn save_error(lang: Lang, e: &SaveError) -> String {
    match e {
        SaveError::Dossier(e) => library_words::dossier_error(lang, e),
        SaveError::Library(e) => library_words::library_error(lang, e),
        SaveError::Views(e) => prompts::view_refused(lang, e),
        SaveError::NoViewsFile => prompts::no_views_file(lang).to_string(),
    }
}

/// How an export ended (not one that asks first).
pub fn exported(lang: Lang, done: &ExportDone) -> (String, MessageKind) {
    match done {
        ExportDone::Written { path, count } => (
            prompts::exported(lang, *count, &path.display().to_string()),
            MessageKind::Info,
        ),
        ExportDone::Failed { path, reason } => (
            prompts::export_failed(
                lang,
                &format!("{}: {}", path.display(), io_reason(lang, reason)),
            ),
            MessageKind::Warning,
        ),
        ExportDone::Unreadable { library, missing } => (
            prompts::export_failed(lang, &prompts::not_read_from(lang, *missing, library)),
            MessageKind::Warning,
        ),
        ExportDone::Exists(path, _) => (path.display().to_string(), MessageKind::Info),
    }
}

/// What a program run on the terminal did; nothing when there is nothing to say.
pub fn ran(lang: Lang, ran: &Result<Ran, RunError>) -> Option<(String, MessageKind)> {
    Some(match ran {
        Ok(Ran::Quietly) => return None,
        Ok(Ran::Opened { url, by }) => (prompts::opened_page(lang, url, by), MessageKind::Info),
        Ok(Ran::FromCopy { source, copy }) => {
            (prompts::source_copy(lang, source, copy), MessageKind::Info)
        }
        Err(RunError::Failed { program, how }) => (
            prompts::program_failed(lang, program, &exit(lang, how)),
            MessageKind::Warning,
        ),
        Err(RunError::NoBrowser(url)) => (prompts::no_browser(lang, url), MessageKind::Warning),
        Err(RunError::NoSource(e)) => (
            prompts::source_missing(lang, &source_error(lang, e)),
            MessageKind::Warning,
        ),
    })
}

fn exit(lang: Lang, how: &Exit) -> String {
    match how {
        Exit::NotFound => prompts::program_not_found(lang).to_string(),
        Exit::Code(code) => prompts::exit_code(lang, *code),
        Exit::Killed(how) => how.clone(),
        Exit::Io(reason) => io_reason(lang, reason),
    }
}

fn source_error(lang: Lang, e: &SourceError) -> String {
    match e {
        SourceError::NotFound(why) => why.clone(),
        SourceError::NoCacheDir => lang
            .pick("pas de dossier de cache", "no cache directory")
            .to_string(),
        SourceError::Io(path, reason) => {
            format!("{}: {}", path.display(), io_reason(lang, reason))
        }
    }
}

/// The terminal could not take the citation.
pub fn not_copied(lang: Lang, reason: &IoReason) -> String {
    let why = io_reason(lang, reason);
    lang.pick(
        format!("citation non copiée{NB}: {why}"),
        format!("citation not copied: {why}"),
    )
}

/// Why the switcher's choices could not be read.
pub fn list_error(lang: Lang, e: &ListError) -> String {
    match e {
        ListError::Library(e) => library_words::library_error(lang, e),
        ListError::Views(e) => terminal_line(&e.to_string()).into_owned(),
    }
}

/// Why a prompt's text is refused.
pub fn refusal(lang: Lang, r: &Refusal) -> String {
    match r {
        Refusal::Name(e) => library_words::dossier_error(lang, e),
        Refusal::FileNeeded => prompts::file_needed(lang).to_string(),
    }
}

/// The review writer's thread is gone.
pub fn writer_gone(lang: Lang) -> &'static str {
    lang.pick(
        "le fil d'enregistrement s'est arrêté",
        "the saving thread stopped",
    )
}
