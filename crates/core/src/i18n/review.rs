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
    let mut line = lang.pick(
        format!(
            "{merged} fusionnée(s) depuis {from} dans {into}{NB}; {} déjà à jour",
            report.unchanged
        ),
        format!(
            "merged {merged} from {from} into {into}; {} already up to date",
            report.unchanged
        ),
    );
    if report.repaired_notes > 0 {
        line.push_str(&lang.pick(
            format!(
                "{NB}; {} note(s) réparée(s) (fichier de format 1)",
                report.repaired_notes
            ),
            format!(
                "; {} note(s) repaired (format 1 file)",
                report.repaired_notes
            ),
        ));
    }
    line
}

/// After `review export`.
pub fn exported(lang: Lang, n: usize, from: &str, to: &str) -> String {
    let entries = lang.count(n, ("entrée", "entrées"), ("entry", "entries"));
    lang.pick(
        format!("{entries} de revue exportée(s) de {from} vers {to}"),
        format!("exported {entries} from {from} to {to}"),
    )
}

/// An export refused because the review file could not be read.
pub fn cannot_export(lang: Lang, path: &str, reason: &str) -> String {
    lang.pick(
        format!("impossible d'exporter le fichier de revue {path}{NB}: {reason}"),
        format!("cannot export the review file {path}: {reason}"),
    )
}

/// Review marks not shown in a report or list.
pub fn not_shown(lang: Lang, reason: &str) -> String {
    lang.pick(
        format!("avertissement{NB}: marques et notes de revue non affichées{NB}: {reason}"),
        format!("warning: review marks and notes not shown: {reason}"),
    )
}

/// A query with review terms and no readable review file.
pub fn query_needs_review(lang: Lang, reason: &str) -> String {
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

/// A review file that is not a regular file.
pub fn not_regular(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("{why}{NB}; pour la sortie standard, donnez « - »"),
        format!("{why}; use `-` for standard output"),
    )
}
