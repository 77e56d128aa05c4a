//! What the viewer and the export say of related questions: campaigns, grouped answers,
//! an answer already published for a question like this one.

use chrono::NaiveDate;
use dossier_core::i18n::{Lang, NB};
use dossier_core::related::Reason;

/// A similarity as a percentage: "82 %" / "82%".
pub fn percent(lang: Lang, similarity: f32) -> String {
    let p = (similarity.clamp(0.0, 1.0) * 100.0).round() as u32;
    lang.pick(format!("{p}{NB}%"), format!("{p}%"))
}

/// Why two questions are related, in a word or two.
pub fn reason(lang: Lang, reason: Reason) -> &'static str {
    match reason {
        Reason::SimilarText => lang.pick("texte proche", "similar text"),
        Reason::SameAnswer => lang.pick("même réponse", "same answer"),
    }
}

/// The line under the status of a pending question when a question like it was answered.
pub fn answered_elsewhere(lang: Lang, id: &str, on: Option<NaiveDate>) -> String {
    let id = dossier_core::text::sanitize::terminal_line(id);
    match on {
        Some(d) => lang.pick(
            format!(
                "Réponse déjà publiée pour une question proche{NB}: {id} ({})",
                lang.date(d)
            ),
            format!(
                "An answer was already published for a related question: {id} ({})",
                lang.date(d)
            ),
        ),
        None => lang.pick(
            format!("Réponse déjà publiée pour une question proche{NB}: {id}"),
            format!("An answer was already published for a related question: {id}"),
        ),
    }
}

/// Heading of the related question's answer, shown in place of the missing one.
pub fn answer_of_related(lang: Lang, id: &str, similarity: f32, why: Reason) -> String {
    let id = dossier_core::text::sanitize::terminal_line(id);
    lang.pick(
        format!(
            "Réponse à la question proche {id} ({}, {})",
            reason(lang, why),
            percent(lang, similarity)
        ),
        format!(
            "Answer to the related question {id} ({}, {})",
            reason(lang, why),
            percent(lang, similarity)
        ),
    )
}

/// Heading of the list of related questions.
pub fn related_heading(lang: Lang, n: usize) -> String {
    lang.pick(
        format!("Questions proches ({})", lang.number(n)),
        format!("Related questions ({})", lang.number(n)),
    )
}

/// The hint under that list.
pub fn related_hint(lang: Lang, key: &str) -> String {
    lang.pick(
        format!("{key} pour aller à l'une d'elles"),
        format!("{key} to go to one of them"),
    )
}

/// "… et 12 autres" under a list cut short.
pub fn more(lang: Lang, n: usize) -> String {
    lang.pick(
        format!("… et {} autres", lang.number(n)),
        format!("… and {} more", lang.number(n)),
    )
}

/// While the relations are computed.
pub fn computing(lang: Lang) -> &'static str {
    lang.pick(
        "recherche des questions proches…",
        "finding related questions…",
    )
}

/// A campaign's mark in the grouped list, before its title, short so that the title still
/// shows: "×12 ○3 ✓9" (questions, of which pending and answered, with the list's own marks).
pub fn campaign_row(lang: Lang, count: usize, pending: usize, answered: usize) -> String {
    format!(
        "×{} ○{} ✓{}",
        lang.number(count),
        lang.number(pending),
        lang.number(answered)
    )
}

/// The list's title mark when grouped by campaign.
pub fn grouped(lang: Lang) -> &'static str {
    lang.pick(
        "par campagne\u{a0}: ×questions ○en attente ✓répondues",
        "by campaign: ×questions ○pending ✓answered",
    )
}

/// Grouping asked for before the relations are ready, or with none.
pub fn no_campaign(lang: Lang, ready: bool) -> &'static str {
    match ready {
        true => lang.pick(
            "aucune campagne parmi les questions affichées",
            "no campaign among the questions shown",
        ),
        false => lang.pick(
            "les questions proches sont en cours de recherche\u{a0}: la liste se groupera dès qu'elles seront trouvées",
            "related questions are being found: the list groups as soon as they are",
        ),
    }
}

/// Title of the related questions' picker.
pub fn picker_title(lang: Lang, id: &str) -> String {
    let id = dossier_core::text::sanitize::terminal_line(id);
    lang.pick(
        format!("Questions proches de {id}"),
        format!("Questions related to {id}"),
    )
}

/// No related question to go to.
pub fn none_related(lang: Lang, ready: bool) -> &'static str {
    match ready {
        true => lang.pick("aucune question proche", "no related question"),
        false => computing(lang),
    }
}

/// A related question of the library outside the named dossier open.
pub fn outside(lang: Lang) -> &'static str {
    lang.pick("hors de ce dossier", "outside this dossier")
}

/// Going to a related question outside the named dossier.
pub fn not_in_dossier(lang: Lang, id: &str) -> String {
    let id = dossier_core::text::sanitize::terminal_line(id);
    lang.pick(
        format!("{id} est hors de ce dossier{NB}: D puis «{NB}(toute la bibliothèque){NB}» pour l'ouvrir"),
        format!("{id} is outside this dossier: D then '(the whole library)' to open it"),
    )
}

/// Going to a related question the filter hid: the filter becomes `similar:ID`.
pub fn filter_widened(lang: Lang, query: &str) -> String {
    let query = dossier_core::text::sanitize::terminal_line(query);
    lang.pick(
        format!("filtre remplacé par «{NB}{query}{NB}» pour montrer la question proche"),
        format!("filter replaced by '{query}' to show the related question"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_puts_no_break_spaces_and_english_none() {
        assert_eq!(percent(Lang::Fr, 0.824), "82\u{a0}%");
        assert_eq!(percent(Lang::En, 0.824), "82%");
        let fr = answered_elsewhere(Lang::Fr, "17-1QE", None);
        assert!(fr.contains("proche\u{a0}: 17-1QE"), "{fr}");
        let en = answered_elsewhere(Lang::En, "17-1QE", None);
        assert!(!en.contains(" :"), "{en}");
        assert_eq!(campaign_row(Lang::Fr, 1200, 3, 9), "×1\u{202f}200 ○3 ✓9");
        assert_eq!(campaign_row(Lang::En, 1200, 3, 1), "×1,200 ○3 ✓1");
    }
}
