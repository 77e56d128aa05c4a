//! What the review commands report.

use super::{Lang, NB};
use crate::review::{ImportReport, Imported};

/// One question's line of an import report.
pub fn imported(lang: Lang, what: &Imported) -> String {
    match what {
        Imported::Reviewed(d) => lang.pick(
            format!("marquée revue ({})", lang.short_date(*d)),
            format!("marked reviewed ({})", lang.short_date(*d)),
        ),
        Imported::Unreviewed => lang
            .pick("marque de revue retirée", "reviewed mark cleared")
            .into(),
        Imported::Flagged(d) => lang.pick(
            format!("suivi demandé ({})", lang.short_date(*d)),
            format!("flagged for follow-up ({})", lang.short_date(*d)),
        ),
        Imported::Unflagged => lang
            .pick("drapeau de suivi retiré", "follow-up flag cleared")
            .into(),
        Imported::ToSignal(d) => lang.pick(
            format!("à signaler ({})", lang.short_date(*d)),
            format!("to signal ({})", lang.short_date(*d)),
        ),
        Imported::NotToSignal => lang
            .pick(
                "marque « à signaler » retirée",
                "\"to signal\" mark cleared",
            )
            .into(),
        Imported::Note => lang.pick("note mise à jour", "note updated").into(),
        Imported::NoteConflict => lang
            .pick(
                "versions de la note en conflit (les deux gardées, à trancher dans le visualiseur)",
                "conflicting versions of the note (both kept; settle it in the viewer)",
            )
            .into(),
    }
}

/// The last line of an import.
pub fn import_summary(lang: Lang, report: &ImportReport, from: &str, into: &str) -> String {
    let merged = lang.count(
        report.merged.len(),
        ("question", "questions"),
        ("question", "questions"),
    );
    let agreed = if report.merged.len() > 1 {
        "fusionnées"
    } else {
        "fusionnée"
    };
    let mut line = lang.pick(
        format!(
            "{merged} {agreed} depuis {from} dans {into}{NB}; {} déjà à jour",
            report.unchanged
        ),
        format!(
            "merged {merged} from {from} into {into}; {} already up to date",
            report.unchanged
        ),
    );
    if report.repaired_notes > 0 {
        let notes = lang.count(
            report.repaired_notes,
            ("note réparée", "notes réparées"),
            ("note repaired", "notes repaired"),
        );
        line.push_str(&lang.pick(
            format!("{NB}; {notes} (fichier de format 1)"),
            format!("; {notes} (format 1 file)"),
        ));
    }
    line
}

/// After `review export`.
pub fn exported(lang: Lang, n: usize, from: &str, to: &str) -> String {
    let entries = lang.count(n, ("entrée", "entrées"), ("entry", "entries"));
    let agreed = if n > 1 { "exportées" } else { "exportée" };
    lang.pick(
        format!("{entries} de revue {agreed} de {from} vers {to}"),
        format!("exported {entries} from {from} to {to}"),
    )
}

/// An export refused because the review file could not be read.
pub fn cannot_export(lang: Lang, path: &str, reason: &crate::review::Unusable) -> String {
    let reason = unusable(lang, reason);
    lang.pick(
        format!("impossible d'exporter le fichier de revue {path}{NB}: {reason}"),
        format!("cannot export the review file {path}: {reason}"),
    )
}

/// Review marks not shown in a report or list.
pub fn not_shown(lang: Lang, reason: &crate::review::Unusable) -> String {
    let reason = unusable(lang, reason);
    lang.pick(
        format!("avertissement{NB}: marques et notes de revue non affichées{NB}: {reason}"),
        format!("warning: review marks and notes not shown: {reason}"),
    )
}

/// A query with review terms and no readable review file.
pub fn query_needs_review(lang: Lang, reason: &crate::review::Unusable) -> String {
    let reason = unusable(lang, reason);
    lang.pick(
        format!("le filtre utilise les marques de revue, qui sont illisibles{NB}: {reason}"),
        format!("the query uses review marks, which cannot be read: {reason}"),
    )
}

/// After `review note`.
pub fn note_set(lang: Lang, id: &str, deleted: bool) -> String {
    match (lang, deleted) {
        (Lang::Fr, false) => format!("note de {id} enregistrée"),
        (Lang::Fr, true) => format!("note de {id} supprimée"),
        (Lang::En, false) => format!("note on {id} saved"),
        (Lang::En, true) => format!("note on {id} deleted"),
    }
}

/// `review signal`: what became of one question's "to signal" mark.
pub fn to_signal_set(lang: Lang, id: &str, on: bool, changed: bool) -> String {
    match (lang, on, changed) {
        (Lang::Fr, true, true) => format!("{id}{NB}: à signaler"),
        (Lang::Fr, true, false) => format!("{id}{NB}: déjà à signaler"),
        (Lang::Fr, false, true) => format!("{id}{NB}: n'est plus à signaler"),
        (Lang::Fr, false, false) => format!("{id}{NB}: n'était pas à signaler"),
        (Lang::En, true, true) => format!("{id}: to signal"),
        (Lang::En, true, false) => format!("{id}: already to signal"),
        (Lang::En, false, true) => format!("{id}: no longer to signal"),
        (Lang::En, false, false) => format!("{id}: was not to signal"),
    }
}

/// `review signal`: how many questions of the dossier are now to signal, against the quota.
pub fn to_signal_count(lang: Lang, marked: usize, quota: usize) -> String {
    let n = lang.count(marked, ("question", "questions"), ("question", "questions"));
    let over = marked > quota;
    match lang {
        Lang::Fr => format!(
            "{n} à signaler dans ce dossier (quota{NB}: {quota}){}",
            if over {
                format!("{NB}; le mémo de signalement gardera les {quota} plus en retard")
            } else {
                String::new()
            }
        ),
        Lang::En => format!(
            "{n} to signal in this dossier (quota: {quota}){}",
            if over {
                format!("; the signalement memo keeps the {quota} most overdue")
            } else {
                String::new()
            }
        ),
    }
}

/// `review signal` with ids the dossier does not hold.
pub fn unknown_ids(lang: Lang, ids: &[String]) -> String {
    let list = ids.join(", ");
    lang.pick(
        format!("questions absentes de ce dossier{NB}: {list} (rien n'a été marqué)"),
        format!("questions not in this dossier: {list} (nothing was marked)"),
    )
}

/// A review file that is not a regular file.
pub fn not_regular(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("{why}{NB}; pour la sortie standard, donnez «{NB}-{NB}»"),
        format!("{why}; use `-` for standard output"),
    )
}

/// What is wrong with the bytes of a review file; the parser's own words, when there are
/// some, only as a trailing detail.
pub fn decode_error(lang: Lang, e: &crate::review::format::DecodeError) -> String {
    use crate::review::format::{Damage, DecodeError::*};
    let detail = |d: &str| crate::text::sanitize::terminal_line(d).into_owned();
    match e {
        NotJson(d) => lang.pick(
            format!("ce n'est pas du JSON valide{NB}: {}", detail(d)),
            format!("not valid JSON: {}", detail(d)),
        ),
        NotAReviewFile => lang.pick(
            "ce n'est pas un fichier de revue de dossier".to_string(),
            "not a dossier review file".to_string(),
        ),
        NoVersion => lang.pick(
            "fichier de revue sans version de format".to_string(),
            "a review file without its format version".to_string(),
        ),
        UnexpectedContent(d) => lang.pick(
            format!("contenu inattendu{NB}: {}", detail(d)),
            format!("unexpected content: {}", detail(d)),
        ),
        NotALog => lang.pick(
            "ce n'est pas un journal de revue de dossier".to_string(),
            "not a dossier review log".to_string(),
        ),
        DamagedSnapshot(damage) => match damage {
            Damage::NoName | Damage::NoVersion => lang.pick(
                "instantané abîmé, sans son en-tête".to_string(),
                "a damaged snapshot, without its header".to_string(),
            ),
            Damage::CutShort => lang.pick(
                "instantané tronqué, sa fin manque".to_string(),
                "a snapshot cut short, its end missing".to_string(),
            ),
            Damage::Checksum => lang.pick(
                "instantané abîmé, sa somme de contrôle ne correspond pas".to_string(),
                "a damaged snapshot, its checksum does not match".to_string(),
            ),
            Damage::Body(d) => lang.pick(
                format!("instantané abîmé{NB}: {}", detail(d)),
                format!("a damaged snapshot: {}", detail(d)),
            ),
        },
        DateOutOfRange(n) => lang.pick(
            format!("une date hors du calendrier ({n})"),
            format!("a date out of the calendar ({n})"),
        ),
        UnknownStatus(n) => lang.pick(
            format!("un statut de question inconnu ({n})"),
            format!("an unknown question status ({n})"),
        ),
        Newer(v) => lang.pick(
            format!("écrit par une version plus récente de dossier (format {v}, celle-ci lit jusqu'au {}){NB}; mettez dossier à jour", crate::review::FORMAT_VERSION),
            format!("written by a newer dossier (format version {v}; this one reads up to {}); update dossier to change it", crate::review::FORMAT_VERSION),
        ),
    }
}

/// Why a review file cannot be used.
pub fn unusable(lang: Lang, u: &crate::review::Unusable) -> String {
    use crate::review::format::DecodeError;
    use crate::review::Unusable::*;
    let shown = |p: &std::path::Path| {
        crate::text::sanitize::terminal_line(&p.display().to_string()).into_owned()
    };
    match u {
        Unreadable { error, backup } => {
            let what = match error {
                DecodeError::Newer(_) => decode_error(lang, error),
                _ => {
                    let why = decode_error(lang, error);
                    lang.pick(format!("illisible ({why})"), format!("unreadable ({why})"))
                }
            };
            let backup = backup
                .as_deref()
                .map(|b| lang.pick(format!("{NB}; la version précédente est dans {}", shown(b)), format!("; the previous version is in {}", shown(b))))
                .unwrap_or_default();
            lang.pick(format!("{what}{NB}; il est laissé tel quel{backup}"), format!("{what}; it is left untouched{backup}"))
        }
        CannotRead(r) => lang.pick(
            format!("illisible ({}){NB}; il est laissé tel quel", super::load::io_reason(lang, r)),
            format!("cannot read it ({}); it is left as it is", super::load::io_reason(lang, r)),
        ),
        NotRegular(why) => crate::text::sanitize::terminal_line(why).into_owned(),
        NoDataDirectory => lang.pick(
            format!("aucun dossier de données pour garder les marques{NB}; utilisez --review-file FICHIER"),
            "no data directory was found to keep review marks in; use --review-file FILE".into(),
        ),
        ReadingOnly => lang.pick("ouvert en lecture seule", "opened for reading only").into(),
    }
}

/// A review error.
pub fn error(lang: Lang, e: &crate::review::ReviewError) -> String {
    use crate::review::fs::Step;
    use crate::review::ReviewError::*;
    let shown = |p: &std::path::Path| {
        crate::text::sanitize::terminal_line(&p.display().to_string()).into_owned()
    };
    match e {
        ReadOnly { path, reason } => lang.pick(
            format!(
                "fichier de revue {} en lecture seule{NB}: {}",
                shown(path),
                unusable(lang, reason)
            ),
            format!(
                "review file {} is read-only: {}",
                shown(path),
                unusable(lang, reason)
            ),
        ),
        Io {
            action,
            path,
            error,
        } => {
            let reason = match error.kind() {
                // What a save meets most: said in the user's language.
                std::io::ErrorKind::ReadOnlyFilesystem => lang
                    .pick(
                        "système de fichiers en lecture seule",
                        "read-only file system",
                    )
                    .to_string(),
                std::io::ErrorKind::StorageFull => lang
                    .pick("disque plein", "no space left on device")
                    .to_string(),
                _ => super::load::io_reason(lang, &crate::parse::problem::IoReason::from(error)),
            };
            let verb = match (lang, action) {
                (Lang::Fr, Step::Read) => "lire",
                (Lang::Fr, Step::Write) => "écrire",
                (Lang::Fr, Step::Replace) => "remplacer",
                (Lang::Fr, Step::WriteBackup) => "écrire la copie de sauvegarde de",
                (Lang::Fr, Step::Lock) => "verrouiller",
                (Lang::Fr, Step::CreateFolder) => "créer le dossier de",
                (Lang::En, Step::Read) => "read",
                (Lang::En, Step::Write) => "write",
                (Lang::En, Step::Replace) => "replace",
                (Lang::En, Step::WriteBackup) => "write the backup of",
                (Lang::En, Step::Lock) => "lock",
                (Lang::En, Step::CreateFolder) => "create the folder of",
            };
            lang.pick(
                format!(
                    "impossible {}{verb} {}{NB}: {reason}",
                    // Elided before a vowel: "d'écrire", "de lire".
                    if verb.starts_with(['a', 'e', 'é', 'i', 'o', 'u']) {
                        "d'"
                    } else {
                        "de "
                    },
                    shown(path)
                ),
                format!("cannot {verb} {}: {reason}", shown(path)),
            )
        }
        Invalid { path, reason } => {
            let why = unusable(
                lang,
                &crate::review::Unusable::Unreadable {
                    error: reason.clone(),
                    backup: None,
                },
            );
            format!(
                "{}{}{why}",
                shown(path),
                lang.pick(format!("{NB}: "), ": ".into())
            )
        }
    }
}
