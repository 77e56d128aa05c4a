//! The command line's output and errors.

use dossier_core::i18n::{Lang, NB};

/// "dossier: " before an error, in the language's typography.
pub fn prefix(lang: Lang) -> String {
    lang.pick(format!("dossier{NB}: "), "dossier: ".to_string())
}

/// `check`'s summary: "5 questions, 0 fichier ignoré, 0 avertissement".
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
    let skipped = lang.count(
        skipped,
        ("fichier ignoré", "fichiers ignorés"),
        ("skipped", "skipped"),
    );
    let mut line = format!("{q}, {skipped}, {w}");
    if ignored > 0 {
        let others = lang.count(
            ignored,
            (
                "autre fichier laissé de côté",
                "autres fichiers laissés de côté",
            ),
            ("other file ignored", "other files ignored"),
        );
        line.push_str(&lang.pick(
            format!(" ({others}{NB}: ni document de question ni données ouvertes)"),
            format!(" ({others}: neither question documents nor open data)"),
        ));
    }
    line
}

/// Skipped files reported by a data command.
pub fn files_skipped(lang: Lang, n: usize) -> String {
    let files = lang.count(
        n,
        ("fichier ignoré", "fichiers ignorés"),
        ("file skipped", "files skipped"),
    );
    lang.pick(
        format!("{files}{NB}; `dossier check` donne tous les diagnostics"),
        format!("{files}; `dossier check` lists every diagnostic"),
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
    let total = lang.count(total, ("question", "questions"), ("question", "questions"));
    format!("{} / {total}", lang.number(shown))
}

/// A PATH that is the name of a command misspelt, or used as a path.
pub fn looks_like_command(lang: Lang, word: &str, command: &str) -> String {
    lang.pick(
        format!("«{NB}{word}{NB}» n'est ni un fichier ni un dossier{NB}; vouliez-vous dire la commande `dossier {command}`{NB}?"),
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
    /// "lapsed" (pending when their legislature ended), as `is:lapsed` says.
    pub lapsed: &'static str,
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
            lapsed: "caduques",
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
            lapsed: "lapsed",
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

/// The scoreboard's words (`stats --by`), shared with the viewer's screen.
pub use crate::tui::words::scoreboard;

/// An import's summary: "14 012 questions lues ; la bibliothèque en compte 13 980 : 120
/// nouvelles, 35 réponses, …".
pub fn import_summary(
    lang: Lang,
    read: usize,
    total: usize,
    changes: &dossier_core::review::ChangeSummary,
) -> String {
    let read = lang.count(
        read,
        ("question lue", "questions lues"),
        ("question read", "questions read"),
    );
    let total = lang.number(total);
    let mut parts = Vec::new();
    let mut part = |n: usize, fr: (&str, &str), en: (&str, &str)| {
        if n > 0 {
            parts.push(lang.count(n, fr, en));
        }
    };
    part(
        changes.new_questions,
        ("nouvelle", "nouvelles"),
        ("new", "new"),
    );
    part(
        changes.new_answers,
        ("réponse", "réponses"),
        ("answer", "answers"),
    );
    part(
        changes.new_withdrawals,
        ("retrait", "retraits"),
        ("closure", "closures"),
    );
    part(
        changes.new_ministries,
        ("changement de ministère", "changements de ministère"),
        ("change of ministry", "changes of ministry"),
    );
    part(
        changes.new_signalements,
        ("signalement", "signalements"),
        ("signalement", "signalements"),
    );
    part(
        changes.other_changes,
        ("autre changement", "autres changements"),
        ("other change", "other changes"),
    );
    let changed = if parts.is_empty() {
        lang.pick("rien de changé".to_string(), "nothing changed".to_string())
    } else {
        parts.join(", ")
    };
    lang.pick(
        format!("{read}{NB}; la bibliothèque en compte {total}{NB}: {changed}"),
        format!("{read}; the library holds {total}: {changed}"),
    )
}

/// The heading of one kind of change in an import's list: "Nouvelles réponses :".
pub fn import_change(lang: Lang, change: dossier_core::review::Change) -> String {
    use dossier_core::review::Change;
    let (fr, en) = match change {
        Change::New => ("Nouvelles questions", "New questions"),
        Change::Answered => ("Nouvelles réponses", "New answers"),
        Change::Withdrawn => ("Questions closes", "Closed questions"),
        Change::Signaled => ("Nouveaux signalements", "New signalements"),
        Change::MinistryChanged => ("Changements de ministère", "Changes of ministry"),
        Change::Other => ("Autres changements", "Other changes"),
    };
    lang.pick(format!("{fr}{NB}:"), format!("{en}:"))
}

/// What an import changed in a named dossier: the questions that left it (no longer matching
/// its query: answered, say) and how many came in.
pub fn dossier_moves(lang: Lang, name: &str, left: &[(String, &str)], entered: usize) -> String {
    const SHOWN: usize = 10;
    let mut parts = Vec::new();
    if !left.is_empty() {
        let mut ids: Vec<String> = left
            .iter()
            .take(SHOWN)
            .map(|(id, status)| format!("{id} {status}"))
            .collect();
        if left.len() > SHOWN {
            ids.push(and_more(lang, left.len() - SHOWN));
        }
        let n = left.len();
        parts.push(lang.pick(
            format!(
                "{} en {} ({})",
                lang.count(n, ("question", "questions"), ("", "")),
                if n > 1 { "sortent" } else { "sort" },
                ids.join(", ")
            ),
            format!(
                "{} left ({})",
                lang.count(n, ("", ""), ("question", "questions")),
                ids.join(", ")
            ),
        ));
    }
    if entered > 0 {
        parts.push(lang.pick(
            format!(
                "{} {}",
                lang.count(entered, ("question", "questions"), ("", "")),
                if entered > 1 { "y entrent" } else { "y entre" }
            ),
            format!(
                "{} came in",
                lang.count(entered, ("", ""), ("question", "questions"))
            ),
        ));
    }
    lang.pick(
        format!("Dossier «{NB}{name}{NB}»{NB}: {}", parts.join(", ")),
        format!("Dossier '{name}': {}", parts.join(", ")),
    )
}

/// "… et 12 autres" after a list cut short.
pub fn and_more(lang: Lang, n: usize) -> String {
    lang.pick(format!("… et {n} autres"), format!("… and {n} more"))
}

/// The library is empty: what to do.
pub fn library_empty(lang: Lang, dir: &str) -> String {
    lang.pick(
        format!("la bibliothèque {dir} est vide{NB}: `dossier import ARCHIVE.zip` y ajoute des questions"),
        format!("the library {dir} is empty: `dossier import ARCHIVE.zip` adds questions to it"),
    )
}

/// A dossier added, replaced or removed.
pub fn dossier_saved(lang: Lang, name: &str, new: bool, count: usize) -> String {
    let n = lang.count(count, ("question", "questions"), ("question", "questions"));
    match new {
        true => lang.pick(
            format!("dossier «{NB}{name}{NB}» ajouté ({n})"),
            format!("dossier '{name}' added ({n})"),
        ),
        false => lang.pick(
            format!("dossier «{NB}{name}{NB}» mis à jour ({n})"),
            format!("dossier '{name}' updated ({n})"),
        ),
    }
}

/// A dossier removed.
pub fn dossier_removed(lang: Lang, name: &str) -> String {
    lang.pick(
        format!(
            "dossier «{NB}{name}{NB}» supprimé (ses marques de revue restent dans le dossier de données)"
        ),
        format!("dossier '{name}' removed (its review marks stay in the data folder)"),
    )
}

/// No dossier yet.
pub fn no_dossiers(lang: Lang) -> &'static str {
    lang.pick(
        "aucun dossier\u{a0}: `dossier dossiers add NOM 'requête'` en crée un",
        "no dossier yet: `dossier dossiers add NAME 'query'` creates one",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_left_aside_agree_in_number() {
        let one = check_summary(Lang::Fr, 2, 0, 0, 1);
        assert!(
            one.contains("(1 autre fichier laissé de côté\u{a0}:"),
            "{one}"
        );
        let two = check_summary(Lang::Fr, 2, 0, 0, 2);
        assert!(
            two.contains("(2 autres fichiers laissés de côté\u{a0}:"),
            "{two}"
        );
        let one = check_summary(Lang::En, 2, 0, 0, 1);
        assert!(one.contains("(1 other file ignored:"), "{one}");
        let two = check_summary(Lang::En, 2, 0, 0, 2);
        assert!(two.contains("(2 other files ignored:"), "{two}");
    }
}
