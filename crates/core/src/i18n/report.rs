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

    fn figure(&self, n: i64) -> String {
        Lang::figure(*self, n)
    }
}

impl crate::export::html::Words for Lang {
    fn lang_code(&self) -> &str {
        self.code()
    }

    fn figure(&self, n: i64) -> String {
        Lang::figure(*self, n)
    }

    fn overdue_title(&self) -> &str {
        self.pick(
            "Questions en retard par ministère",
            "Overdue questions per ministry",
        )
    }

    fn overdue_columns(&self) -> [&str; 4] {
        self.pick(
            [
                "Ministère",
                "En retard",
                "En attente dans le délai",
                "Plus ancien retard (jours)",
            ],
            [
                "Ministry",
                "Overdue",
                "Pending within the deadline",
                "Oldest overdue (days)",
            ],
        )
    }

    fn nothing_overdue(&self) -> &str {
        self.pick(
            "Aucune question n'est en retard.",
            "No question is overdue.",
        )
    }

    fn other_ministries(&self, ministries: usize, overdue: usize) -> String {
        match self {
            Lang::Fr => format!(
                "le graphique montre les {} premiers{NB}; {} de plus ({} en retard) dans ce tableau",
                crate::export::html::CHART_MINISTRIES,
                self.count(ministries, ("ministère", "ministères"), ("", "")),
                self.number(overdue)
            ),
            Lang::En => format!(
                "the chart shows the first {}; {} more ({} overdue) in this table",
                crate::export::html::CHART_MINISTRIES,
                self.count(ministries, ("", ""), ("ministry", "ministries")),
                self.number(overdue)
            ),
        }
    }

    fn waiting_title(&self) -> &str {
        self.pick(
            "Depuis combien de temps les questions attendent",
            "How long the questions have waited",
        )
    }

    fn waiting_columns(&self) -> [&str; 2] {
        self.pick(
            ["Attente depuis la publication", "Questions"],
            ["Waiting since publication", "Questions"],
        )
    }

    fn bucket(&self, i: usize) -> String {
        let fr = [
            "jusqu'à 1 mois",
            "1 à 2 mois (délai de l'art. 135)",
            "2 à 3 mois",
            "3 à 6 mois",
            "6 mois à 1 an",
            "plus d'un an",
        ];
        let en = [
            "up to 1 month",
            "1 to 2 months (art. 135 deadline)",
            "2 to 3 months",
            "3 to 6 months",
            "6 months to 1 year",
            "over a year",
        ];
        self.pick(fr, en).get(i).copied().unwrap_or("").to_string()
    }

    fn numbers_of(&self, chart: &str) -> String {
        self.pick(
            format!("Les chiffres du graphique «{NB}{chart}{NB}»"),
            format!("The numbers of the chart \"{chart}\""),
        )
    }

    fn table_title(&self) -> &str {
        self.pick(
            "Les questions, les plus urgentes d'abord",
            "The questions, most urgent first",
        )
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
    // Every figure with the language's thousands separator, as the rest of the memo.
    let n = |v: usize| lang.number(v);
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
            format!(
                " {en} {} signalée{}",
                lang.number(n),
                if n == 1 { "" } else { "s" }
            ),
        ),
    };
    lines.push(lang.pick(
        format!(
            "**{questions}**{NB}: {} en attente, dont {} hors délai{}{NB}; {} à relancer{NB}; {} avec une note.",
            n(s.pending),
            n(s.overdue),
            signaled("et", ""),
            n(s.flagged),
            n(s.with_note)
        ),
        format!(
            "**{questions}**: {} pending, {} of them overdue{}; {} flagged for follow-up; {} with a note.",
            n(s.pending),
            n(s.overdue),
            signaled("", "and"),
            n(s.flagged),
            n(s.with_note)
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
            .map(|m| format!("{} ({})", m.name, n(m.pending)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::memo::MinistryCount;

    #[test]
    fn every_figure_of_the_summary_has_the_thousands_separator_in_both_languages() {
        let s = Summary {
            questions: 11_324,
            pending: 11_324,
            overdue: 10_007,
            signaled: 1_442,
            flagged: 2_001,
            with_note: 3_003,
            oldest: None,
            ministries: vec![MinistryCount {
                name: "Transition écologique".into(),
                pending: 1_513,
            }],
        };
        for (lang, sep) in [(Lang::Fr, '\u{202f}'), (Lang::En, ',')] {
            let text = summary(lang, &s).join("\n");
            for figure in [11_324, 10_007, 1_442, 2_001, 3_003, 1_513] {
                let grouped = lang.number(figure);
                assert!(grouped.contains(sep), "{grouped}");
                assert!(text.contains(&grouped), "{figure} in {text}");
                assert!(
                    !text.contains(&figure.to_string()),
                    "{figure} ungrouped: {text}"
                );
            }
        }
    }

    #[test]
    fn a_figure_keeps_its_sign() {
        assert_eq!(Lang::Fr.figure(-12_345), "-12\u{202f}345");
        assert_eq!(Lang::En.figure(1_234), "1,234");
        assert_eq!(Lang::En.figure(7), "7");
    }
}
