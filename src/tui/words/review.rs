//! What the viewer says of review marks and notes (set, saved, not saved yet, conflicting,
//! received from colleagues), of what changed since the last review, and of what a load
//! found.

use dossier_core::i18n::{Lang, NB};

/// "2 fichiers ignorés, ! pour voir pourquoi".
pub fn skipped_files(lang: Lang, n: usize) -> String {
    let files = lang.count(
        n,
        ("fichier ignoré", "fichiers ignorés"),
        ("file skipped", "files skipped"),
    );
    lang.pick(
        format!("{files}, ! pour voir pourquoi"),
        format!("{files}, press ! to see why"),
    )
}

/// "3 avertissements au chargement, ! pour les voir".
pub fn load_warnings(lang: Lang, n: usize) -> String {
    let w = lang.count(
        n,
        (
            "avertissement au chargement",
            "avertissements au chargement",
        ),
        ("load warning", "load warnings"),
    );
    match (lang, n) {
        (Lang::Fr, 1) => format!("{w}, ! pour le voir"),
        (Lang::Fr, _) => format!("{w}, ! pour les voir"),
        (Lang::En, 1) => format!("{w}, press ! to see it"),
        (Lang::En, _) => format!("{w}, press ! to see them"),
    }
}

/// After x.
pub fn reviewed(lang: Lang, id: &str, on: bool) -> String {
    match (lang, on) {
        (Lang::Fr, true) => format!("{id} marquée revue"),
        (Lang::Fr, false) => format!("{id} n'est plus marquée revue"),
        (Lang::En, true) => format!("{id} marked reviewed"),
        (Lang::En, false) => format!("{id} no longer marked reviewed"),
    }
}

/// After x on a question that changed since its review.
pub fn acknowledged(lang: Lang, id: &str) -> String {
    lang.pick(
        format!("{id}{NB}: changement pris en compte, marquée revue"),
        format!("{id}: change acknowledged, marked reviewed"),
    )
}

/// After f.
pub fn flagged(lang: Lang, id: &str, on: bool) -> String {
    match (lang, on) {
        (Lang::Fr, true) => format!("{id}{NB}: suivi demandé"),
        (Lang::Fr, false) => format!("{id}{NB}: drapeau de suivi retiré"),
        (Lang::En, true) => format!("{id}: follow-up flagged"),
        (Lang::En, false) => format!("{id}: follow-up flag cleared"),
    }
}

/// After Ctrl-s in the note editor.
pub fn note_saved(lang: Lang, id: &str) -> String {
    lang.pick(
        format!("Note de {id} enregistrée"),
        format!("Note on {id} saved"),
    )
}

/// After Ctrl-s on an emptied note.
pub fn note_deleted(lang: Lang, id: &str) -> String {
    lang.pick(
        format!("Note de {id} supprimée"),
        format!("Note on {id} deleted"),
    )
}

/// After Ctrl-s, until the note is on disk.
pub fn note_saving(lang: Lang, id: &str) -> String {
    lang.pick(
        format!("Note de {id}{NB}: enregistrement…"),
        format!("Note on {id}: saving…"),
    )
}

/// A change said while its save runs: "17-13809QE marquée revue · enregistrement…".
pub fn while_saving(lang: Lang, what: &str) -> String {
    lang.pick(
        format!("{what} · enregistrement…"),
        format!("{what} · saving…"),
    )
}

/// A change whose save failed (it is kept and saved again later): what matters first, as
/// a narrow status bar cuts the end.
pub fn not_saved_yet(lang: Lang, what: &str, why: &str) -> String {
    lang.pick(
        format!("Non enregistré{NB}: {what} (nouvel essai plus tard){NB}: {why}"),
        format!("Not saved: {what} (will retry): {why}"),
    )
}

/// A note whose save failed (it is kept and saved again later).
pub fn note_not_saved(lang: Lang, id: &str, why: &str) -> String {
    lang.pick(
        format!("Note de {id} non enregistrée (nouvel essai plus tard){NB}: {why}"),
        format!("Note on {id} not saved (will retry): {why}"),
    )
}

/// At start, when the review file's folder cannot be written.
pub fn cannot_save_here(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("Marques et notes non enregistrables{NB}: {why}"),
        format!("Marks and notes cannot be saved: {why}"),
    )
}

/// After Ctrl-s on an unchanged note.
pub fn note_unchanged(lang: Lang, id: &str) -> String {
    lang.pick(
        format!("Note de {id} inchangée"),
        format!("Note on {id} unchanged"),
    )
}

/// When ] or [ finds nothing left.
pub fn nothing_to_review(lang: Lang) -> &'static str {
    lang.pick(
        "Rien à revoir parmi les questions affichées",
        "Nothing to review among the questions shown",
    )
}

/// The title of the note editor.
pub fn note_title(id: &str) -> String {
    format!(" Note — {id} ")
}

/// The keys of the note editor, under it.
pub fn note_keys(lang: Lang) -> &'static str {
    lang.pick(
        " Ctrl-s enregistrer · Échap fermer · Entrée nouvelle ligne ",
        " Ctrl-s save · Esc close · Enter new line ",
    )
}

/// Esc on a changed draft.
pub fn discard_draft(lang: Lang, yes: &str, no: &str) -> String {
    lang.pick(
        format!(" Abandonner les modifications de la note{NB}? {yes}{NB}: oui · {no}{NB}: non, continuer "),
        format!(" Discard the changes to the note? {yes}: yes · {no}: no, keep editing "),
    )
}

/// Why review marks cannot be saved this session.
pub fn review_read_only(lang: Lang, reason: &str) -> String {
    lang.pick(
        format!("Revue en lecture seule (marques et notes non enregistrées){NB}: {reason}"),
        format!("Review is read-only (marks and notes not saved): {reason}"),
    )
}

/// "Non enregistré : <why>" (the change is kept and will be saved again).
pub fn not_saved(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("Non enregistré (nouvel essai plus tard){NB}: {why}"),
        format!("Not saved (will retry): {why}"),
    )
}

/// After a save that followed a failure.
pub fn saved_again(lang: Lang) -> &'static str {
    lang.pick("Marques et notes enregistrées", "Marks and notes saved")
}

/// After a reload brought colleagues' changes: "Changements reçus : bob@pc (3), claire@mac (1)".
pub fn incoming(lang: Lang, by_writer: &[(String, usize)]) -> String {
    let list: Vec<String> = by_writer
        .iter()
        .map(|(w, n)| format!("{w} ({n})"))
        .collect();
    lang.pick(
        format!("Changements reçus{NB}: {}", list.join(", ")),
        format!("Changes came in: {}", list.join(", ")),
    )
}

/// Review files of a team folder that could not be read.
pub fn unreadable_team_files(lang: Lang, n: usize) -> String {
    let files = lang.count(
        n,
        (
            "fichier de l'équipe illisible",
            "fichiers de l'équipe illisibles",
        ),
        ("team file unreadable", "team files unreadable"),
    );
    lang.pick(
        format!("{files}, ! pour voir pourquoi"),
        format!("{files}, press ! to see why"),
    )
}

/// Notes repaired while upgrading a format 1 review file.
pub fn repaired_notes(lang: Lang, n: usize) -> String {
    let notes = lang.count(
        n,
        ("note réparée", "notes réparées"),
        ("note repaired", "notes repaired"),
    );
    lang.pick(
        format!("Fichier de revue mis à jour{NB}; {notes} (blocs répétés par l'ancienne fusion supprimés)"),
        format!("Review file upgraded; {notes} (blocks the old merge repeated were collapsed)"),
    )
}

/// A sentence for the status bar ("2 nouvelles réponses depuis votre dernière revue");
/// none when nothing changed.
pub fn change_summary(lang: Lang, s: &dossier_core::review::ChangeSummary) -> Option<String> {
    let counts = [
        (
            s.new_questions,
            ("nouvelle question", "nouvelles questions"),
            ("new question", "new questions"),
        ),
        (
            s.new_answers,
            ("nouvelle réponse", "nouvelles réponses"),
            ("new answer", "new answers"),
        ),
        (
            s.new_withdrawals,
            ("retrait", "retraits"),
            ("withdrawal", "withdrawals"),
        ),
        (
            s.new_signalements,
            ("signalement", "signalements"),
            ("signalement", "signalements"),
        ),
        (
            s.new_ministries,
            ("changement de ministère", "changements de ministère"),
            ("change of ministry", "changes of ministry"),
        ),
        (
            s.other_changes,
            ("autre changement", "autres changements"),
            ("other change", "other changes"),
        ),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, fr, en)| lang.count(*n, *fr, *en))
        .collect();
    let (and, tail) = lang.pick(
        ("et", "depuis votre dernière revue"),
        ("and", "since your last review"),
    );
    let list = match parts.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    };
    Some(format!("{list} {tail}"))
}

/// Quitting with changes that could not be written.
pub fn unsaved_at_exit(lang: Lang, file: &str, why: &str, copy: Option<&str>) -> String {
    let copy = match copy {
        Some(c) => lang.pick(
            format!("\nUne copie est dans {c}{NB}; `dossier review import {c}` la réintègre."),
            format!("\nA copy is in {c}; `dossier review import {c}` merges it back."),
        ),
        None => lang.pick(
            "\nAucune copie n'a pu être faite.".to_string(),
            "\nNo copy could be made.".to_string(),
        ),
    };
    lang.pick(
        format!("dossier{NB}: vos marques et notes n'ont pas pu être enregistrées dans {file}{NB}: {why}{copy}"),
        format!("dossier: your marks and notes could not be saved in {file}: {why}{copy}"),
    )
}

/// After a reload that changed nothing reviewed: what is shown now.
pub fn reloaded(lang: Lang, n: usize) -> String {
    let n = lang.count(n, ("question", "questions"), ("question", "questions"));
    lang.pick(
        format!("dossier rechargé{NB}: {n}, rien de changé dans ce que vous avez revu"),
        format!("dossier reloaded: {n}, nothing changed in what you reviewed"),
    )
}
