//! The command line's output and errors.

use super::{Lang, NB};

/// "dossier: " before an error, in the language's typography.
pub fn prefix(lang: Lang) -> String {
    lang.pick(format!("dossier{NB}: "), "dossier: ".to_string())
}

/// `check`'s summary: "5 questions, 0 ignorées, 0 avertissements".
pub fn check_summary(
    lang: Lang,
    questions: usize,
    skipped: usize,
    warnings: usize,
    ignored: usize,
) -> String {
    let q = lang.count(
        questions,
        ("question", "questions"),
        ("question", "questions"),
    );
    let w = lang.count(
        warnings,
        ("avertissement", "avertissements"),
        ("warning", "warnings"),
    );
    let mut line = lang.pick(
        format!("{q}, {skipped} ignoré(s), {w}"),
        format!("{q}, {skipped} skipped, {w}"),
    );
    if ignored > 0 {
        line.push_str(&lang.pick(
            format!(" ({ignored} autres fichiers laissés de côté{NB}: ni document de question ni données ouvertes)"),
            format!(" ({ignored} other files ignored: neither question documents nor open data)"),
        ));
    }
    line
}

/// Skipped files reported by a data command.
pub fn files_skipped(lang: Lang, n: usize) -> String {
    lang.pick(
        format!("{n} fichier(s) ignoré(s){NB}; `dossier check` donne tous les diagnostics"),
        format!("{n} file(s) skipped; `dossier check` lists every diagnostic"),
    )
}

/// The progress bar's template.
pub fn progress_template(lang: Lang) -> &'static str {
    lang.pick(
        "{spinner} chargement {pos}/{len} fichiers [{bar:40}] {binary_bytes} {eta}",
        "{spinner} loading {pos}/{len} files [{bar:40}] {binary_bytes} {eta}",
    )
}

/// `list`'s last line: "3 / 5 questions".
pub fn shown_of(lang: Lang, shown: usize, total: usize) -> String {
    format!("{} / {} questions", lang.number(shown), lang.number(total))
}

/// An invalid query, above the caret line.
pub fn invalid_query(lang: Lang, message: &str) -> String {
    lang.pick(
        format!("filtre invalide{NB}: {message}"),
        format!("invalid query: {message}"),
    )
}

/// A PATH that does not exist.
pub fn cannot_open(lang: Lang, path: &str, reason: &str) -> String {
    lang.pick(
        format!("impossible d'ouvrir {path}{NB}: {reason}"),
        format!("cannot open {path}: {reason}"),
    )
}

/// A PATH that is the name of a command misspelt, or used as a path.
pub fn looks_like_command(lang: Lang, word: &str, command: &str) -> String {
    lang.pick(
        format!("« {word} » n'est ni un fichier ni un dossier{NB}; vouliez-vous dire la commande `dossier {command}`{NB}?"),
        format!("`{word}` is neither a file nor a folder; did you mean the command `dossier {command}`?"),
    )
}

/// The cache between runs could not be written (the command itself succeeded).
pub fn cache_not_written(lang: Lang, dir: &str, why: &str) -> String {
    lang.pick(
        format!("cache non écrit dans {dir}{NB}: {why} (le prochain lancement relira tout)"),
        format!("cache not written in {dir}: {why} (the next run will read everything again)"),
    )
}

/// The viewer started without a terminal.
pub fn needs_terminal(lang: Lang) -> &'static str {
    lang.pick(
        "le visualiseur a besoin d'un terminal (la sortie standard ou l'entrée n'en est pas un)\u{a0}; \
         pour un fichier ou un script, utilisez `dossier list`, `dossier export` ou `dossier report`",
        "the viewer needs a terminal (standard output or input is not one); for a file or a \
         script, use `dossier list`, `dossier export` or `dossier report`",
    )
}

/// A bad configuration file, used with defaults.
pub fn config_error(lang: Lang, message: &str) -> String {
    lang.pick(
        format!("configuration ignorée en partie{NB}: {message}"),
        format!("configuration partly ignored: {message}"),
    )
}

/// Stats labels: (questions, answered, pending, overdue, withdrawn, median, none, by ministry,
/// by group, columns).
pub struct StatsWords {
    /// "Questions".
    pub questions: &'static str,
    /// "answered".
    pub answered: &'static str,
    /// "pending".
    pub pending: &'static str,
    /// "overdue".
    pub overdue: &'static str,
    /// "withdrawn".
    pub withdrawn: &'static str,
    /// "Median answer delay".
    pub median: &'static str,
    /// "no answered question".
    pub no_answer: &'static str,
    /// "days".
    pub days: &'static str,
    /// "By ministry (must answer)".
    pub by_ministry: &'static str,
    /// "By group".
    pub by_group: &'static str,
    /// Column headers: total, pending, overdue, name.
    pub columns: [&'static str; 4],
}

/// The words of `stats`.
pub fn stats(lang: Lang) -> StatsWords {
    lang.pick(
        StatsWords {
            questions: "Questions",
            answered: "répondues",
            pending: "en attente",
            overdue: "en retard",
            withdrawn: "retirées",
            median: "Délai médian de réponse\u{a0}:",
            no_answer: "aucune question répondue",
            days: "jours",
            by_ministry: "Par ministère (qui doit répondre)",
            by_group: "Par groupe",
            columns: ["total", "attente", "retard", "nom"],
        },
        StatsWords {
            questions: "Questions",
            answered: "answered",
            pending: "pending",
            overdue: "overdue",
            withdrawn: "withdrawn",
            median: "Median answer delay:",
            no_answer: "no answered question",
            days: "days",
            by_ministry: "By ministry (must answer)",
            by_group: "By group",
            columns: ["total", "pending", "overdue", "name"],
        },
    )
}
