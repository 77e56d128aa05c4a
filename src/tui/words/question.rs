//! What the viewer says of a question's state: answered when and after how long, withdrawn,
//! waiting, overdue, due, the rule behind its deadline, lapsed, changed since its review,
//! reviewed and flagged by whom.

use chrono::NaiveDate;
use dossier_core::deadline::DeadlineRule;
use dossier_core::i18n::{Lang, NB};
use dossier_core::review::Change;

/// "Répondue le 12 mai 2026, 49 jours après publication".
pub fn answered_after(lang: Lang, on: NaiveDate, delay: Option<i64>) -> String {
    let date = lang.date(on);
    match (lang, delay) {
        (Lang::Fr, Some(d)) => format!("Répondue le {date}, {} après publication", lang.days(d)),
        (Lang::Fr, None) => format!("Répondue le {date}"),
        (Lang::En, Some(d)) => format!("Answered on {date}, {} after publication", lang.days(d)),
        (Lang::En, None) => format!("Answered on {date}"),
    }
}

/// "Retirée le 11 juin 2024 (Fin de mandat)".
pub fn withdrawn_on(lang: Lang, on: NaiveDate, why: Option<&str>) -> String {
    let date = lang.date(on);
    let why = why.map(|w| format!(" ({w})")).unwrap_or_default();
    lang.pick(
        format!("Retirée le {date}{why}"),
        format!("Withdrawn on {date}{why}"),
    )
}

/// "Pas encore de réponse : en attente depuis 243 jours".
pub fn waiting(lang: Lang, days: Option<i64>) -> String {
    match (lang, days) {
        (Lang::Fr, Some(d)) => format!(
            "Pas encore de réponse{NB}: en attente depuis {}",
            lang.days(d)
        ),
        (Lang::Fr, None) => "Pas encore de réponse".into(),
        (Lang::En, Some(d)) => format!("No answer yet: waiting for {}", lang.days(d)),
        (Lang::En, None) => "No answer yet".into(),
    }
}

/// "en retard de 182 jours (échéance 24 mai 2026)".
pub fn overdue_by(lang: Lang, days: i64, deadline: NaiveDate) -> String {
    let date = lang.date(deadline);
    lang.pick(
        format!("en retard de {} (échéance {date})", lang.days(days)),
        format!("overdue by {} (deadline {date})", lang.days(days)),
    )
}

/// "échéance le 24 mai 2026, dans 12 jours".
pub fn due_in(lang: Lang, days: i64, deadline: NaiveDate) -> String {
    let date = lang.date(deadline);
    lang.pick(
        format!("échéance le {date}, dans {}", lang.days(days)),
        format!("due on {date}, in {}", lang.days(days)),
    )
}

/// The rule behind a deadline.
pub fn rule(lang: Lang, rule: DeadlineRule) -> String {
    match rule {
        DeadlineRule::TwoMonths => lang.pick(
            format!("art. 135{NB}: deux mois après publication"),
            "art. 135: two months after publication".into(),
        ),
        DeadlineRule::OneMonth => lang.pick(
            format!("art. 135 (avant 2014){NB}: un mois après publication"),
            "art. 135 (before 2014): one month after publication".into(),
        ),
        DeadlineRule::Signaled => lang.pick(
            format!("art. 135{NB}: dix jours après signalement"),
            "art. 135: ten days after signalement".into(),
        ),
    }
}

/// "Revue le 20 novembre 2026" (by a colleague: "par bob@pc").
pub fn reviewed_on(lang: Lang, on: NaiveDate, by: Option<&str>) -> String {
    let date = lang.date(on);
    let by = by
        .map(|b| lang.pick(format!(" par {b}"), format!(" by {b}")))
        .unwrap_or_default();
    lang.pick(
        format!("Revue le {date}{by}"),
        format!("Reviewed on {date}{by}"),
    )
}

/// "Suivi demandé le …".
pub fn flagged_on(lang: Lang, on: NaiveDate, by: Option<&str>) -> String {
    let date = lang.date(on);
    let by = by
        .map(|b| lang.pick(format!(" par {b}"), format!(" by {b}")))
        .unwrap_or_default();
    lang.pick(
        format!("Suivi demandé le {date}{by}"),
        format!("Follow-up flagged on {date}{by}"),
    )
}

/// How a question changed since its review.
pub fn change(lang: Lang, change: Change) -> &'static str {
    match change {
        Change::New => lang.pick(
            "Nouvelle question depuis le dernier chargement",
            "New since the previous load",
        ),
        Change::Answered => lang.pick("Répondue depuis votre revue", "Answered since your review"),
        Change::Withdrawn => lang.pick("Retirée depuis votre revue", "Withdrawn since your review"),
        Change::Signaled => lang.pick("Signalée depuis votre revue", "Signalée since your review"),
        Change::MinistryChanged => lang.pick(
            "Autre ministère attributaire depuis votre revue",
            "Another ministry must answer since your review",
        ),
        Change::Other => lang.pick("Modifiée depuis votre revue", "Changed since your review"),
    }
}

/// The status of a question that lapsed with its legislature.
pub fn lapsed(lang: Lang, legislature: u16) -> String {
    lang.pick(
        format!("Caduque{NB}: restée sans réponse à la fin de la {legislature}e législature"),
        format!("Lapsed: left unanswered when the {legislature}th legislature ended"),
    )
}
