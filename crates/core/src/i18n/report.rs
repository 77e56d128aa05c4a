//! The words of the report (`dossier report`, and the viewer's memo export): the memo's
//! [`Words`] for each language.

use super::{Lang, NB};
use crate::deadline::DeadlineRule;
use crate::export::memo::{Summary, Words};
use chrono::NaiveDate;

impl Words for Lang {
    fn heading(&self) -> &str {
        heading(*self)
    }

    fn as_of(&self, today: NaiveDate) -> String {
        as_of(*self, today)
    }

    fn none(&self) -> &str {
        none(*self)
    }

    fn summary(&self, s: &Summary) -> Vec<String> {
        summary(*self, s)
    }

    fn columns(&self) -> [&str; 12] {
        columns(*self)
    }

    fn date(&self, date: NaiveDate) -> String {
        self.short_date(date)
    }

    fn rule(&self, rule: DeadlineRule) -> String {
        rule_short(*self, rule)
    }

    fn yes(&self) -> &str {
        yes(*self)
    }
}

/// The memo's heading.
pub fn heading(lang: Lang) -> &'static str {
    lang.pick(
        "Questions écrites\u{a0}: suivi des réponses",
        "Written questions: answers follow-up",
    )
}

/// "Situation au 22 novembre 2026."
pub fn as_of(lang: Lang, today: NaiveDate) -> String {
    lang.pick(
        format!("Situation au {}.", lang.date(today)),
        format!("As of {}.", lang.date(today)),
    )
}

/// No row.
pub fn none(lang: Lang) -> &'static str {
    lang.pick("Aucune question à signaler.", "No question to report.")
}

/// The table's columns.
pub fn columns(lang: Lang) -> [&'static str; 12] {
    lang.pick(
        [
            "Question",
            "Titre",
            "Auteur",
            "Groupe",
            "Ministère",
            "Publiée le",
            "Signalée le",
            "Échéance (règle)",
            "Attente (j)",
            "Retard (j)",
            "À relancer",
            "Note",
        ],
        [
            "Question",
            "Title",
            "Author",
            "Group",
            "Ministry",
            "Published",
            "Signalée",
            "Deadline (rule)",
            "Pending (days)",
            "Overdue (days)",
            "Follow-up",
            "Note",
        ],
    )
}

/// "oui" / "yes".
pub fn yes(lang: Lang) -> &'static str {
    lang.pick("oui", "yes")
}

/// A deadline's rule, short: "2 mois", "10 j, signalée".
pub fn rule_short(lang: Lang, rule: DeadlineRule) -> String {
    match rule {
        DeadlineRule::TwoMonths => lang.pick("2 mois", "2 months").into(),
        DeadlineRule::OneMonth => lang.pick("1 mois", "1 month").into(),
        DeadlineRule::Signaled => lang.pick("10 j, signalée", "10 days, signalée").into(),
    }
}

/// The summary lines.
pub fn summary(lang: Lang, s: &Summary) -> Vec<String> {
    let mut lines = Vec::new();
    let questions = lang.count(
        s.questions,
        ("question", "questions"),
        ("question", "questions"),
    );
    let signaled = |fr: &str, en: &str| match s.signaled {
        0 => String::new(),
        n => lang.pick(
            format!(
                " {fr} {}",
                lang.count(n, ("signalée", "signalées"), ("", ""))
            ),
            format!(" {en} {n} signalée{}", if n == 1 { "" } else { "s" }),
        ),
    };
    lines.push(lang.pick(
        format!(
            "**{questions}**{NB}: {} en attente, dont {} hors délai{}{NB}; {} à relancer{NB}; {} avec une note.",
            s.pending,
            s.overdue,
            signaled("et", ""),
            s.flagged,
            s.with_note
        ),
        format!(
            "**{questions}**: {} pending, {} of them overdue{}; {} flagged for follow-up; {} with a note.",
            s.pending,
            s.overdue,
            signaled("", "and"),
            s.flagged,
            s.with_note
        ),
    ));
    if let Some(o) = &s.oldest {
        let published = o.published.map(|d| lang.date(d)).unwrap_or_default();
        let days = lang.days(o.timing.days_pending.unwrap_or_default());
        let late = o.timing.overdue_days.map(|d| lang.days(d));
        lines.push(match lang {
            Lang::Fr => format!(
                "Plus ancienne{NB}: **{}** ({}), publiée le {published}, en attente depuis {days}{}.",
                o.id,
                o.author,
                late.map(|l| format!(", {l} de retard")).unwrap_or_default()
            ),
            Lang::En => format!(
                "Oldest: **{}** ({}), published {published}, pending for {days}{}.",
                o.id,
                o.author,
                late.map(|l| format!(", {l} overdue")).unwrap_or_default()
            ),
        });
    }
    if !s.ministries.is_empty() {
        let list: Vec<String> = s
            .ministries
            .iter()
            .map(|m| format!("{} ({})", m.name, m.pending))
            .collect();
        lines.push(lang.pick(
            format!(
                "Ministères qui doivent le plus de réponses{NB}: {}.",
                list.join(&format!("{NB}; "))
            ),
            format!("Ministries that owe the most answers: {}.", list.join("; ")),
        ));
    }
    lines
}
