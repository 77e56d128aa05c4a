//! The words of the news (`dossier news` and the viewer's news window): headings, the
//! window of days, each group's title and what happened to each question. Text from the
//! files (a title, a reason, a ministry) is passed through as given: the caller makes the
//! whole line safe for where it goes (a terminal, Markdown).

use super::{Lang, NB};
use crate::library::Origin;
use crate::news::{Group, Since, What};
use chrono::NaiveDate;

/// What the news are of, named: "Nouveautés du dossier « Santé »" / "News of the dossier
/// “Santé”", of the library, of the sample dossier, or of the files given. The caller makes
/// the line safe for where it goes.
pub fn heading(lang: Lang, origin: &Origin) -> String {
    match origin {
        Origin::Library {
            dossier: Some(name),
            ..
        } => lang.pick(
            format!("Nouveautés du dossier «{NB}{name}{NB}»"),
            format!("News of the dossier “{name}”"),
        ),
        Origin::Library { dossier: None, .. } => lang
            .pick("Nouveautés de la bibliothèque", "News of the library")
            .to_string(),
        Origin::Sample => lang
            .pick(
                "Nouveautés du dossier d'exemple",
                "News of the sample dossier",
            )
            .to_string(),
        Origin::Paths(paths) => match paths.as_slice() {
            // Its name: the folder it is in is no news.
            [one] => {
                let one = one.file_name().map_or_else(
                    || one.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                lang.pick(
                    format!("Nouveautés de «{NB}{one}{NB}»"),
                    format!("News of “{one}”"),
                )
            }
            many => lang.pick(
                format!("Nouveautés des {} fichiers donnés", many.len()),
                format!("News of the {} files given", many.len()),
            ),
        },
    }
}

/// Since when, and as of which day: "Depuis votre dernière consultation, le 29 novembre
/// 2026. Situation au 6 décembre 2026."
pub fn window(lang: Lang, since: Since, today: NaiveDate) -> String {
    format!(
        "{} {}",
        since_sentence(lang, since),
        super::report::as_of(lang, today)
    )
}

/// Since when: "Depuis votre dernière consultation, le 29 novembre 2026."
pub fn since_sentence(lang: Lang, since: Since) -> String {
    match since {
        Since::LastLook(day) => lang.pick(
            format!("Depuis votre dernière consultation, le {}.", lang.date(day)),
            format!("Since you last looked, on {}.", lang.date(day)),
        ),
        Since::Asked(day) => lang.pick(
            format!("Depuis le {}.", lang.date(day)),
            format!("Since {}.", lang.date(day)),
        ),
        Since::Week(day) => lang.pick(
            format!("Sur les sept derniers jours, depuis le {}.", lang.date(day)),
            format!("Over the last seven days, since {}.", lang.date(day)),
        ),
    }
}

/// Nothing to tell.
pub fn nothing(lang: Lang) -> &'static str {
    lang.pick(
        "Rien de nouveau, et aucune échéance dans les sept prochains jours.",
        "Nothing new, and no deadline in the next seven days.",
    )
}

/// A group's title.
pub fn group(lang: Lang, group: Group) -> &'static str {
    match group {
        Group::Answered => lang.pick("Réponses publiées", "Answers published"),
        Group::Closed => lang.pick("Clôtures et retraits", "Closures and withdrawals"),
        Group::Ministry => lang.pick("Changements de ministère", "Changes of ministry"),
        Group::Signaled => lang.pick("Signalements", "Signalements"),
        Group::Joined => lang.pick("Nouvelles questions", "New questions"),
        Group::Overdue => lang.pick("Échéances dépassées", "Now overdue"),
        Group::DueSoon => lang.pick(
            "Échéances des sept prochains jours",
            "Deadlines in the next seven days",
        ),
    }
}

/// A group's title with its count: "Réponses publiées (3)".
pub fn group_count(lang: Lang, g: Group, count: usize) -> String {
    format!("{} ({})", group(lang, g), lang.number(count))
}

/// A title between quotes: « Titre » / “Title”; none for an empty title.
pub fn quoted(lang: Lang, title: &str) -> String {
    let title = title.trim();
    if title.is_empty() {
        return lang.pick("(sans titre)", "(untitled)").to_string();
    }
    lang.pick(format!("«{NB}{title}{NB}»"), format!("“{title}”"))
}

/// What happened, in a few words: "réponse après 92 jours, hors délai (échéance du 1er
/// novembre 2026)".
pub fn what(lang: Lang, what: &What) -> String {
    match what {
        What::Answered {
            delay_days,
            deadline,
            late,
        } => {
            let after = delay_days.map(|d| lang.days(d));
            match (after, late, deadline) {
                (Some(after), true, Some(due)) => lang.pick(
                    format!(
                        "réponse après {after}, hors délai (échéance du {})",
                        lang.date(*due)
                    ),
                    format!("answered after {after}, late (due {})", lang.date(*due)),
                ),
                (Some(after), false, Some(_)) => lang.pick(
                    format!("réponse après {after}, dans les délais"),
                    format!("answered after {after}, in time"),
                ),
                (Some(after), _, None) => lang.pick(
                    format!("réponse après {after}"),
                    format!("answered after {after}"),
                ),
                (None, _, _) => lang.pick("réponse publiée", "answer published").to_string(),
            }
        }
        What::Closed { reason } => match reason {
            Some(reason) => lang.pick(
                format!("clôturée{NB}: {reason}"),
                format!("closed: {reason}"),
            ),
            None => lang.pick("clôturée", "closed").to_string(),
        },
        What::Ministry { from, to } => match from {
            Some(from) => lang.pick(
                format!("désormais{NB}: {to} (auparavant{NB}: {from})"),
                format!("now: {to} (before: {from})"),
            ),
            None => lang.pick(format!("désormais{NB}: {to}"), format!("now: {to}")),
        },
        What::Signaled { deadline } => match deadline {
            Some(due) => lang.pick(
                format!("réponse due le {}", lang.date(*due)),
                format!("answer due on {}", lang.date(*due)),
            ),
            None => lang.pick("signalée", "signalée").to_string(),
        },
        What::Joined { ministry } => lang.pick(
            format!("ministère{NB}: {ministry}"),
            format!("ministry: {ministry}"),
        ),
        What::Overdue { deadline } => lang.pick(
            format!("échéance du {} dépassée", lang.date(*deadline)),
            format!("due {}, unanswered", lang.date(*deadline)),
        ),
        What::DueSoon {
            days_left,
            signaled,
        } => {
            let when = match days_left {
                0 => lang.pick("échéance aujourd'hui", "due today").to_string(),
                1 => lang.pick("échéance demain", "due tomorrow").to_string(),
                n => lang.pick(
                    format!("échéance dans {}", lang.days(*n)),
                    format!("due in {}", lang.days(*n)),
                ),
            };
            if *signaled {
                lang.pick(format!("{when} (signalée)"), format!("{when} (signalée)"))
            } else {
                when
            }
        }
    }
}

/// True when what happened is worth a warning colour (an answer after its deadline, an
/// overdue question, a deadline tomorrow or today).
pub fn is_alarm(what: &What) -> bool {
    matches!(
        what,
        What::Answered { late: true, .. }
            | What::Overdue { .. }
            | What::DueSoon {
                days_left: 0 | 1,
                ..
            }
    )
}

/// Items of a group the viewer's window leaves out.
pub fn more(lang: Lang, n: usize) -> String {
    let n = lang.number(n);
    lang.pick(
        format!("  … et {n} autres{NB}: dossier news les montre toutes"),
        format!("  … and {n} more: dossier news shows them all"),
    )
}

/// The Markdown table's columns.
pub fn columns(lang: Lang) -> [&'static str; 5] {
    lang.pick(
        ["Date", "Question", "Auteur", "Titre", "Détail"],
        ["Date", "Question", "Author", "Title", "Details"],
    )
}

/// Said when the last look could not be read or kept: the news then covers the last
/// seven days, or the next one will again.
pub fn seen_problem(lang: Lang, path: &str, reading: bool) -> String {
    match reading {
        true => lang.pick(
            format!("{path}{NB}: la date de votre dernière consultation est illisible{NB}; les sept derniers jours sont montrés."),
            format!("{path}: the date you last looked cannot be read; the last seven days are shown."),
        ),
        false => lang.pick(
            format!("{path}{NB}: cette consultation n'a pas pu être enregistrée{NB}; ces nouveautés seront montrées de nouveau."),
            format!("{path}: this look could not be recorded; this news will be shown again."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_has_its_typography_and_english_its_own() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 1).expect("a date");
        let late = What::Answered {
            delay_days: Some(92),
            deadline: Some(d),
            late: true,
        };
        assert_eq!(
            what(Lang::Fr, &late),
            "réponse après 92 jours, hors délai (échéance du 1er novembre 2026)"
        );
        assert_eq!(
            what(Lang::En, &late),
            "answered after 92 days, late (due 1 November 2026)"
        );
        assert_eq!(quoted(Lang::Fr, "Titre"), "«\u{a0}Titre\u{a0}»");
        assert_eq!(quoted(Lang::En, "Title"), "“Title”");
        let moved = What::Ministry {
            from: Some("Santé".into()),
            to: "Travail".into(),
        };
        assert_eq!(
            what(Lang::Fr, &moved),
            "désormais\u{a0}: Travail (auparavant\u{a0}: Santé)"
        );
        for g in Group::ALL {
            for lang in [Lang::Fr, Lang::En] {
                assert!(!group(lang, g).is_empty());
            }
        }
    }
}
