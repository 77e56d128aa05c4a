#![allow(missing_docs)] // The tables are replaced by the core i18n layer.
//! Every string the viewer shows, in French (its users' language) and English (`--lang en`).

use dossier_core::i18n::Lang;
use dossier_core::model::{EventKind, QuestionKind, Status};

/// The fixed strings of the interface.
#[derive(Debug)]
pub struct Strings {
    pub list_title: &'static str,
    pub detail_title: &'static str,
    pub timeline_title: &'static str,
    pub chronology_title: &'static str,
    pub help_title: &'static str,
    pub diagnostics_title: &'static str,
    pub col_id: &'static str,
    pub col_date: &'static str,
    pub col_author: &'static str,
    pub col_ministry: &'static str,
    pub col_title: &'static str,
    pub no_question: &'static str,
    pub no_match: &'static str,
    pub untitled: &'static str,
    pub legislature_suffix: &'static str,
    pub author: &'static str,
    pub group: &'static str,
    pub constituency: &'static str,
    pub rubric: &'static str,
    pub ministry_asked: &'static str,
    pub ministry_assigned: &'static str,
    pub ministry: &'static str,
    pub analysis: &'static str,
    pub question_heading: &'static str,
    pub answer_heading: &'static str,
    pub no_question_text: &'static str,
    pub note_heading: &'static str,
    pub deadline: &'static str,
    pub today: &'static str,
    pub filter_prompt: &'static str,
    pub filter_hint: &'static str,
    pub loading: &'static str,
    pub total: &'static str,
    pub shown: &'static str,
    pub pending: &'static str,
    pub overdue: &'static str,
    pub to_review: &'static str,
    pub hints: &'static str,
    pub help_footer: &'static str,
    pub diagnostics_none: &'static str,
    pub copied: &'static str,
    pub sort: &'static str,
    pub reversed: &'static str,
    pub only_unanswered: &'static str,
    pub only_overdue: &'static str,
    pub asked: &'static str,
    pub answered: &'static str,
    pub withdrawn: &'static str,
    pub selected: &'static str,
    pub per_month: &'static str,
    pub per_week: &'static str,
    pub per_quarter: &'static str,
    pub per_year: &'static str,
    pub no_dates: &'static str,
    pub too_small: &'static str,
    pub section_navigation: &'static str,
    pub section_filter: &'static str,
    pub section_review: &'static str,
    pub section_other: &'static str,
    pub section_filter_line: &'static str,
    pub section_note_editor: &'static str,
    pub filtering: &'static str,
    pub query_syntax: &'static [&'static str],
    pub section_query: &'static str,
}

/// French strings.
pub static FR: Strings = Strings {
    list_title: "Questions",
    detail_title: "Détail",
    timeline_title: "Chronologie de la question",
    chronology_title: "Chronologie du dossier",
    help_title: "Aide — touches",
    diagnostics_title: "Diagnostics du chargement",
    col_id: "Id",
    col_date: "Publiée",
    col_author: "Auteur",
    col_ministry: "Ministère",
    col_title: "Titre",
    no_question: "Aucune question chargée.",
    no_match: "Aucune question ne correspond au filtre.",
    untitled: "(sans titre)",
    legislature_suffix: "e législature",
    author: "Auteur",
    group: "Groupe",
    constituency: "Circonscription",
    rubric: "Rubrique",
    ministry_asked: "Ministère interrogé",
    ministry_assigned: "Ministère attributaire",
    ministry: "Ministère",
    analysis: "Analyse",
    question_heading: "Question",
    answer_heading: "Réponse",
    no_question_text: "(pas de texte de question)",
    note_heading: "Note de suivi",
    deadline: "échéance",
    today: "aujourd'hui",
    filter_prompt: "Filtre",
    filter_hint: "Entrée : garder · Échap : effacer · ex. asalee statut:attente -auteur:batho",
    loading: "Chargement",
    total: "total",
    shown: "affichées",
    pending: "en attente",
    overdue: "en retard",
    to_review: "à revoir",
    hints: "? aide · / filtre · u sans réponse · o en retard · s tri · t chronologie · q quitter",
    help_footer: "Échap ou ? pour fermer · j/k pour défiler",
    diagnostics_none: "Aucun diagnostic : tous les fichiers ont été lus sans remarque.",
    copied: "Citation copiée dans le presse-papiers",
    sort: "tri",
    reversed: "inversé",
    only_unanswered: "sans réponse",
    only_overdue: "en retard",
    asked: "posées",
    answered: "répondues",
    withdrawn: "retirées",
    selected: "sélection",
    per_month: "par mois",
    per_week: "par semaine",
    per_quarter: "par trimestre",
    per_year: "par an",
    no_dates: "Pas de dates à afficher.",
    too_small: "Fenêtre trop petite",
    section_navigation: "Navigation",
    section_filter: "Filtre",
    section_review: "Suivi",
    section_other: "Divers",
    section_filter_line: "Dans la ligne de filtre",
    section_note_editor: "Dans l'éditeur de note (Entrée : nouvelle ligne)",
    filtering: "filtrage…",
    query_syntax: &[
        "mots libres : approximatifs, sans accents (asalee, sante) ; -terme exclut ; \"expression exacte\"",
    ],
    section_query: "Langage de filtre",
};

/// English strings.
pub static EN: Strings = Strings {
    list_title: "Questions",
    detail_title: "Detail",
    timeline_title: "Question timeline",
    chronology_title: "Dossier chronology",
    help_title: "Help — keys",
    diagnostics_title: "Load diagnostics",
    col_id: "Id",
    col_date: "Published",
    col_author: "Author",
    col_ministry: "Ministry",
    col_title: "Title",
    no_question: "No question loaded.",
    no_match: "No question matches the filter.",
    untitled: "(untitled)",
    legislature_suffix: "th legislature",
    author: "Author",
    group: "Group",
    constituency: "Constituency",
    rubric: "Rubric",
    ministry_asked: "Ministry asked",
    ministry_assigned: "Ministry answering",
    ministry: "Ministry",
    analysis: "Analysis",
    question_heading: "Question",
    answer_heading: "Answer",
    no_question_text: "(no question text)",
    note_heading: "Follow-up note",
    deadline: "deadline",
    today: "today",
    filter_prompt: "Filter",
    filter_hint: "Enter: keep · Esc: clear · e.g. asalee status:pending -author:batho",
    loading: "Loading",
    total: "total",
    shown: "shown",
    pending: "pending",
    overdue: "overdue",
    to_review: "to review",
    hints: "? help · / filter · u unanswered · o overdue · s sort · t chronology · q quit",
    help_footer: "Esc or ? to close · j/k to scroll",
    diagnostics_none: "No diagnostics: every file was read without remark.",
    copied: "Citation copied to the clipboard",
    sort: "sort",
    reversed: "reversed",
    only_unanswered: "unanswered",
    only_overdue: "overdue",
    asked: "asked",
    answered: "answered",
    withdrawn: "withdrawn",
    selected: "selected",
    per_month: "per month",
    per_week: "per week",
    per_quarter: "per quarter",
    per_year: "per year",
    no_dates: "No dates to show.",
    too_small: "Window too small",
    section_navigation: "Navigation",
    section_filter: "Filter",
    section_review: "Review",
    section_other: "Other",
    section_filter_line: "In the filter line",
    section_note_editor: "In the note editor (Enter: new line)",
    filtering: "filtering…",
    query_syntax: &[
        "free words: fuzzy, accents ignored (asalee, sante); -term excludes; \"exact phrase\"",
    ],
    section_query: "Filter language",
};

/// The table for a language.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// Sentences with numbers and names in them.
pub struct Phrases(pub Lang);

impl Phrases {
    /// "Question écrite" / "Written question".
    pub fn kind(&self, kind: QuestionKind) -> &'static str {
        match (self.0, kind) {
            (Lang::Fr, k) => k.label_fr(),
            (Lang::En, QuestionKind::Written) => "Written question",
            (Lang::En, QuestionKind::Government) => "Question to the Government",
            (Lang::En, QuestionKind::Oral) => "Oral question",
        }
    }

    /// Status word.
    pub fn status(&self, status: Status) -> &'static str {
        match (self.0, status) {
            (Lang::Fr, Status::Pending) => "en attente",
            (Lang::Fr, Status::Answered) => "répondue",
            (Lang::Fr, Status::Withdrawn) => "retirée",
            (Lang::En, Status::Pending) => "pending",
            (Lang::En, Status::Answered) => "answered",
            (Lang::En, Status::Withdrawn) => "withdrawn",
        }
    }

    /// Short name of an event kind, for the timeline.
    pub fn event(&self, kind: EventKind) -> &'static str {
        let fr = self.0 == Lang::Fr;
        match kind {
            EventKind::QuestionPublished => {
                if fr {
                    "Question publiée au JO"
                } else {
                    "Question published (JO)"
                }
            }
            EventKind::AnswerPublished => {
                if fr {
                    "Réponse publiée au JO"
                } else {
                    "Answer published (JO)"
                }
            }
            EventKind::Withdrawn => {
                if fr {
                    "Question retirée"
                } else {
                    "Question withdrawn"
                }
            }
            EventKind::AttributionChanged => {
                if fr {
                    "Changement de ministère"
                } else {
                    "Ministry changed"
                }
            }
            EventKind::Signaled => {
                if fr {
                    "Signalement"
                } else {
                    "Signalement (flagged)"
                }
            }
            EventKind::Renewed => {
                if fr {
                    "Renouvellement"
                } else {
                    "Renewed"
                }
            }
            EventKind::ErratumQuestion => "Erratum (question)",
            EventKind::ErratumAnswer => {
                if fr {
                    "Erratum (réponse)"
                } else {
                    "Erratum (answer)"
                }
            }
            EventKind::Other => "",
        }
    }

    /// "12 jours" / "12 days".
    pub fn days(&self, n: i64) -> String {
        match (self.0, n.abs()) {
            (Lang::Fr, 0 | 1) => format!("{n} jour"),
            (Lang::Fr, _) => format!("{n} jours"),
            (Lang::En, 1) => format!("{n} day"),
            (Lang::En, _) => format!("{n} days"),
        }
    }

    /// A date in the interface language.
    pub fn date(&self, date: chrono::NaiveDate) -> String {
        match self.0 {
            Lang::Fr => dossier_core::parse::dates::format_fr(date),
            Lang::En => date.format("%-d %B %Y").to_string(),
        }
    }

    /// "Répondue le 12 mai 2026, 49 jours après publication".
    pub fn answered_after(&self, on: chrono::NaiveDate, delay: Option<i64>) -> String {
        let date = self.date(on);
        match (self.0, delay) {
            (Lang::Fr, Some(d)) => {
                format!("Répondue le {date}, {} après publication", self.days(d))
            }
            (Lang::Fr, None) => format!("Répondue le {date}"),
            (Lang::En, Some(d)) => {
                format!("Answered on {date}, {} after publication", self.days(d))
            }
            (Lang::En, None) => format!("Answered on {date}"),
        }
    }

    /// "Retirée le 11 juin 2024 (Fin de mandat)".
    pub fn withdrawn_on(&self, on: chrono::NaiveDate, why: Option<&str>) -> String {
        let date = self.date(on);
        let why = why.map(|w| format!(" ({w})")).unwrap_or_default();
        match self.0 {
            Lang::Fr => format!("Retirée le {date}{why}"),
            Lang::En => format!("Withdrawn on {date}{why}"),
        }
    }

    /// "Pas encore de réponse : en attente depuis 243 jours".
    pub fn waiting(&self, days: Option<i64>) -> String {
        match (self.0, days) {
            (Lang::Fr, Some(d)) => {
                format!("Pas encore de réponse : en attente depuis {}", self.days(d))
            }
            (Lang::Fr, None) => "Pas encore de réponse".into(),
            (Lang::En, Some(d)) => format!("No answer yet: waiting for {}", self.days(d)),
            (Lang::En, None) => "No answer yet".into(),
        }
    }

    /// "en retard de 182 jours (échéance 24 mai 2026)".
    pub fn overdue_by(&self, days: i64, deadline: chrono::NaiveDate) -> String {
        let date = self.date(deadline);
        match self.0 {
            Lang::Fr => format!("en retard de {} (échéance {date})", self.days(days)),
            Lang::En => format!("overdue by {} (deadline {date})", self.days(days)),
        }
    }

    /// "échéance le 24 mai 2026, dans 12 jours".
    pub fn due_in(&self, days: i64, deadline: chrono::NaiveDate) -> String {
        let date = self.date(deadline);
        match self.0 {
            Lang::Fr => format!("échéance le {date}, dans {}", self.days(days)),
            Lang::En => format!("due on {date}, in {}", self.days(days)),
        }
    }

    /// The rule behind a deadline, for the timeline.
    pub fn rule(&self, rule: dossier_core::deadline::DeadlineRule) -> &'static str {
        use dossier_core::deadline::DeadlineRule::*;
        match (self.0, rule) {
            (Lang::Fr, TwoMonths) => "art. 135 : deux mois après publication",
            (Lang::Fr, OneMonth) => "art. 135 (avant 2014) : un mois après publication",
            (Lang::Fr, Signaled) => "art. 135 : dix jours après signalement",
            (Lang::En, TwoMonths) => "art. 135: two months after publication",
            (Lang::En, OneMonth) => "art. 135 (before 2014): one month after publication",
            (Lang::En, Signaled) => "art. 135: ten days after signalement",
        }
    }

    /// The citation `y` copies: "Question écrite n° 13809 de Mme Sylvie Bonnet, JO du 24 mars
    /// 2026, p. 2494".
    pub fn citation(&self, q: &dossier_core::model::Question) -> String {
        let published = q.first_event(EventKind::QuestionPublished);
        let mut out = match self.0 {
            Lang::Fr => format!("{} n° {} de {}", self.kind(q.kind), q.number, q.author),
            Lang::En => format!("{} no. {} by {}", self.kind(q.kind), q.number, q.author),
        };
        if let Some(e) = published {
            match self.0 {
                Lang::Fr => out.push_str(&format!(", JO du {}", self.date(e.date))),
                Lang::En => out.push_str(&format!(", JO of {}", self.date(e.date))),
            }
            if let Some(page) = e.page {
                out.push_str(&format!(", p. {page}"));
            }
        }
        out
    }

    /// "2 fichiers ignorés, ! pour voir pourquoi".
    pub fn skipped_files(&self, n: usize) -> String {
        match (self.0, n) {
            (Lang::Fr, 1) => "1 fichier ignoré, ! pour voir pourquoi".into(),
            (Lang::Fr, n) => format!("{n} fichiers ignorés, ! pour voir pourquoi"),
            (Lang::En, 1) => "1 file skipped, press ! to see why".into(),
            (Lang::En, n) => format!("{n} files skipped, press ! to see why"),
        }
    }

    /// "3 avertissements, ! pour les voir".
    pub fn warnings(&self, n: usize) -> String {
        match (self.0, n) {
            (Lang::Fr, 1) => "1 avertissement au chargement, ! pour le voir".into(),
            (Lang::Fr, n) => format!("{n} avertissements au chargement, ! pour les voir"),
            (Lang::En, 1) => "1 load warning, press ! to see it".into(),
            (Lang::En, n) => format!("{n} load warnings, press ! to see them"),
        }
    }

    /// Name of a sort key.
    pub fn sort_key(&self, key: dossier_core::query::SortKey) -> &'static str {
        use dossier_core::query::SortKey::*;
        match (self.0, key) {
            (Lang::Fr, Date) => "date",
            (Lang::Fr, Number) => "numéro",
            (Lang::Fr, Author) => "auteur",
            (Lang::Fr, Ministry) => "ministère",
            (Lang::Fr, DaysPending) => "attente",
            (Lang::En, Date) => "date",
            (Lang::En, Number) => "number",
            (Lang::En, Author) => "author",
            (Lang::En, Ministry) => "ministry",
            (Lang::En, DaysPending) => "days pending",
        }
    }

    /// "Chargement : 1 234 / 100 000 fichiers".
    pub fn loading(&self, done: usize, total: usize) -> String {
        match self.0 {
            Lang::Fr => format!("Chargement : {done} / {total} fichiers"),
            Lang::En => format!("Loading: {done} / {total} files"),
        }
    }

    /// Why review marks cannot be saved this session.
    pub fn review_read_only(&self, reason: &str) -> String {
        match self.0 {
            Lang::Fr => {
                format!("Revue en lecture seule (marques et notes non enregistrées) : {reason}")
            }
            Lang::En => format!("Review is read-only (marks and notes not saved): {reason}"),
        }
    }

    /// "Non enregistré : <why>".
    pub fn not_saved(&self, why: &str) -> String {
        match self.0 {
            Lang::Fr => format!("Non enregistré : {why}"),
            Lang::En => format!("Not saved: {why}"),
        }
    }

    /// After x.
    pub fn reviewed(&self, id: &str, on: bool) -> String {
        match (self.0, on) {
            (Lang::Fr, true) => format!("{id} marquée revue"),
            (Lang::Fr, false) => format!("{id} n'est plus marquée revue"),
            (Lang::En, true) => format!("{id} marked reviewed"),
            (Lang::En, false) => format!("{id} no longer marked reviewed"),
        }
    }

    /// After f.
    pub fn flagged(&self, id: &str, on: bool) -> String {
        match (self.0, on) {
            (Lang::Fr, true) => format!("{id} : suivi demandé"),
            (Lang::Fr, false) => format!("{id} : drapeau de suivi retiré"),
            (Lang::En, true) => format!("{id}: follow-up flagged"),
            (Lang::En, false) => format!("{id}: follow-up flag cleared"),
        }
    }

    /// After Ctrl-s in the note editor.
    pub fn note_saved(&self, id: &str) -> String {
        match self.0 {
            Lang::Fr => format!("Note de {id} enregistrée"),
            Lang::En => format!("Note on {id} saved"),
        }
    }

    /// When ] or [ finds nothing left.
    pub fn nothing_to_review(&self) -> &'static str {
        match self.0 {
            Lang::Fr => "Toutes les questions en attente affichées sont revues",
            Lang::En => "Every pending question shown is reviewed",
        }
    }

    /// The title of the note editor.
    pub fn note_title(&self, id: &str) -> String {
        match self.0 {
            Lang::Fr => format!(" Note — {id} "),
            Lang::En => format!(" Note — {id} "),
        }
    }

    /// The keys of the note editor.
    pub fn note_keys(&self) -> &'static str {
        match self.0 {
            Lang::Fr => " Ctrl-s enregistrer · Échap annuler · Entrée nouvelle ligne ",
            Lang::En => " Ctrl-s save · Esc cancel · Enter new line ",
        }
    }

    /// "Revue le 20 novembre 2026".
    pub fn reviewed_on(&self, on: chrono::NaiveDate) -> String {
        let date = self.date(on);
        match self.0 {
            Lang::Fr => format!("Revue le {date}"),
            Lang::En => format!("Reviewed on {date}"),
        }
    }

    /// "Suivi demandé le …".
    pub fn flagged_on(&self, on: chrono::NaiveDate) -> String {
        let date = self.date(on);
        match self.0 {
            Lang::Fr => format!("Suivi demandé le {date}"),
            Lang::En => format!("Follow-up flagged on {date}"),
        }
    }

    /// How a question changed since its review.
    pub fn change(&self, change: dossier_core::review::Change) -> &'static str {
        use dossier_core::review::Change::*;
        match (self.0, change) {
            (Lang::Fr, New) => "Nouvelle question depuis le dernier chargement",
            (Lang::Fr, Answered) => "Répondue depuis votre revue",
            (Lang::Fr, Withdrawn) => "Retirée depuis votre revue",
            (Lang::Fr, Other) => "Modifiée depuis votre revue",
            (Lang::En, New) => "New since the previous load",
            (Lang::En, Answered) => "Answered since your review",
            (Lang::En, Withdrawn) => "Withdrawn since your review",
            (Lang::En, Other) => "Changed since your review",
        }
    }

    /// "Aucune autre occurrence" when n/N finds nothing.
    pub fn no_more_matches(&self) -> &'static str {
        match self.0 {
            Lang::Fr => "Aucune occurrence du filtre dans ce texte",
            Lang::En => "No occurrence of the filter in this text",
        }
    }
}
