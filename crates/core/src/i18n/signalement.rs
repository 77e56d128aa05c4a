//! The words of the signalement memo (`dossier report --signalement`): its [`Words`] for
//! each language.

use super::{Lang, NB};
use crate::export::signalement::{Candidate, Plan, Source, Words};
use chrono::NaiveDate;

/// How many ids of questions answered elsewhere the memo lists.
const LISTED: usize = 10;

impl Words for Lang {
    fn heading(&self) -> &str {
        self.pick(
            "Questions écrites\u{a0}: signalements proposés au président du groupe",
            "Written questions: signalements proposed to the group president",
        )
    }

    fn figure(&self, n: i64) -> String {
        Lang::figure(*self, n)
    }

    fn as_of(&self, today: NaiveDate) -> String {
        super::report::as_of(*self, today)
    }

    fn candidates_heading(&self, plan: &Plan) -> String {
        let n = self.number(plan.candidates.len());
        let quota = self.number(plan.quota);
        self.pick(
            format!("À signaler ({n} sur un quota de {quota})"),
            format!("To signal ({n} of a quota of {quota})"),
        )
    }

    fn candidates_intro(&self, plan: &Plan) -> String {
        match (self, plan.source) {
            (Lang::Fr, Source::Marked) => format!(
                "Les questions marquées «{NB}à signaler{NB}» par l'équipe, les plus en retard d'abord. \
                 Un signalement oblige le ministre à répondre dans les dix jours."
            ),
            (Lang::Fr, Source::MostOverdue) => format!(
                "Aucune question n'est marquée «{NB}à signaler{NB}»{NB}: voici les plus en retard, \
                 pas encore signalées, sans réponse déjà publiée pour une question proche. \
                 Un signalement oblige le ministre à répondre dans les dix jours."
            ),
            (Lang::En, Source::Marked) => "The questions the team marked \"to signal\", the most \
                 overdue first. A signalement obliges the minister to answer within ten days."
                .into(),
            (Lang::En, Source::MostOverdue) => "No question is marked \"to signal\": these are \
                 the most overdue ones, not yet signalées, with no answer already published for a \
                 related question. A signalement obliges the minister to answer within ten days."
                .into(),
        }
    }

    fn no_candidate(&self) -> &str {
        self.pick(
            "Aucune question en retard à signaler.",
            "No overdue question to signal.",
        )
    }

    fn candidate_columns(&self) -> [&str; 6] {
        self.pick(
            [
                "#",
                "Question",
                "Retard (j)",
                "Ministère",
                "Auteur",
                "Titre",
            ],
            [
                "#",
                "Question",
                "Overdue (days)",
                "Ministry",
                "Author",
                "Title",
            ],
        )
    }

    fn candidate_note(&self, c: &Candidate) -> String {
        let mut notes = Vec::new();
        if let Some((id, on)) = c.answered_elsewhere {
            let on = on.map(|d| self.date(d));
            notes.push(match (self, on) {
                (Lang::Fr, Some(on)) => {
                    format!("réponse déjà publiée pour la question proche {id} (JO du {on})")
                }
                (Lang::Fr, None) => format!("réponse déjà publiée pour la question proche {id}"),
                (Lang::En, Some(on)) => {
                    format!("an answer was published for the related question {id} (JO of {on})")
                }
                (Lang::En, None) => {
                    format!("an answer was published for the related question {id}")
                }
            });
        }
        if c.overdue_days.is_none() {
            notes.push(
                self.pick("pas encore en retard", "not overdue yet")
                    .to_string(),
            );
        }
        notes.join(self.pick(&format!("{NB}; "), "; "))
    }

    fn left_out(&self, plan: &Plan) -> Option<String> {
        let mut parts = Vec::new();
        if plan.over_quota > 0 {
            let n = plan.over_quota;
            parts.push(match (self, plan.source) {
                (Lang::Fr, Source::Marked) => format!(
                    "{} au-delà du quota",
                    self.count(
                        n,
                        ("autre question marquée", "autres questions marquées"),
                        ("", "")
                    )
                ),
                (Lang::Fr, Source::MostOverdue) => format!(
                    "{} au-delà du quota",
                    self.count(
                        n,
                        ("autre question en retard", "autres questions en retard"),
                        ("", "")
                    )
                ),
                (Lang::En, Source::Marked) => format!(
                    "{} beyond the quota",
                    self.count(
                        n,
                        ("", ""),
                        ("other marked question", "other marked questions")
                    )
                ),
                (Lang::En, Source::MostOverdue) => format!(
                    "{} beyond the quota",
                    self.count(
                        n,
                        ("", ""),
                        ("other overdue question", "other overdue questions")
                    )
                ),
            });
        }
        if !plan.answered_elsewhere.is_empty() {
            let n = plan.answered_elsewhere.len();
            // A long list is cut: the JSON has them all.
            let mut ids = plan.answered_elsewhere[..n.min(LISTED)].join(", ");
            if n > LISTED {
                ids.push_str(&self.pick(
                    format!(" et {} autres", self.number(n - LISTED)),
                    format!(" and {} more", self.number(n - LISTED)),
                ));
            }
            parts.push(self.pick(
                format!(
                    "{} déjà répondue{} pour une question proche ({ids})",
                    self.count(n, ("question en retard", "questions en retard"), ("", "")),
                    if n > 1 { "s" } else { "" }
                ),
                format!(
                    "{} already answered for a related question ({ids})",
                    self.count(n, ("", ""), ("overdue question", "overdue questions"))
                ),
            ));
        }
        if parts.is_empty() {
            return None;
        }
        Some(self.pick(
            format!("Non proposées{NB}: {}.", parts.join(&format!("{NB}; "))),
            format!("Not proposed: {}.", parts.join("; ")),
        ))
    }

    fn signaled_heading(&self) -> &str {
        self.pick(
            "Déjà signalées, toujours sans réponse (délai de dix jours)",
            "Already signalées, still unanswered (ten-day deadline)",
        )
    }

    fn no_signaled(&self) -> &str {
        self.pick(
            "Aucune question signalée n'attend de réponse.",
            "No question signalée waits for an answer.",
        )
    }

    fn signaled_columns(&self) -> [&str; 7] {
        self.pick(
            [
                "Question",
                "Signalée le",
                "Échéance",
                "Dépassement",
                "Ministère",
                "Auteur",
                "Titre",
            ],
            [
                "Question",
                "Signalée",
                "Deadline",
                "Past deadline",
                "Ministry",
                "Author",
                "Title",
            ],
        )
    }

    fn days_past(&self, days: i64) -> String {
        match (self, days) {
            (Lang::Fr, d) if d > 0 => format!("{}\u{a0}j", self.figure(d)),
            (Lang::Fr, d) => format!("encore {}\u{a0}j", self.figure(-d)),
            (Lang::En, d) if d > 0 => format!("{} days", self.figure(d)),
            (Lang::En, d) => format!("{} days left", self.figure(-d)),
        }
    }

    fn date(&self, date: NaiveDate) -> String {
        self.short_date(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_questions_answered_elsewhere_is_cut_in_both_languages() {
        let ids: Vec<String> = (1..=13).map(|n| format!("17-{n}QE")).collect();
        let plan = Plan {
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            quota: 5,
            source: Source::MostOverdue,
            candidates: Vec::new(),
            over_quota: 0,
            answered_elsewhere: ids.iter().map(String::as_str).collect(),
            signaled: Vec::new(),
        };
        let fr = Lang::Fr.left_out(&plan).unwrap();
        assert!(fr.contains("17-10QE et 3 autres)"), "{fr}");
        assert!(!fr.contains("17-11QE"), "{fr}");
        let en = Lang::En.left_out(&plan).unwrap();
        assert!(en.contains("17-10QE and 3 more)"), "{en}");
    }
}
