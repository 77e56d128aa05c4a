//! The viewer's words: pane titles and labels (the fixed strings of [`Words`]), names of
//! kinds, statuses, events and sort keys; what is said of a question's state is in
//! [`super::question`], of review marks, notes, saves and loads in [`super::review`]
//! (re-exported here). What each command does is in the command table.

use dossier_core::i18n::{Lang, NB};
use dossier_core::model::{EventKind, Question, QuestionKind, Status};
use dossier_core::query::SortKey;

pub use super::question::*;
pub use super::review::*;

/// The fixed strings of the viewer.
#[derive(Debug)]
pub struct Words {
    /// List pane title.
    pub list_title: &'static str,
    /// Detail pane title.
    pub detail_title: &'static str,
    /// Timeline pane title.
    pub timeline_title: &'static str,
    /// Chronology pane title.
    pub chronology_title: &'static str,
    /// Help overlay title.
    pub help_title: &'static str,
    /// Diagnostics overlay title.
    pub diagnostics_title: &'static str,
    /// Message log overlay title.
    pub messages_title: &'static str,
    /// Column: id.
    pub col_id: &'static str,
    /// Column: publication date.
    pub col_date: &'static str,
    /// Column: author.
    pub col_author: &'static str,
    /// Column: ministry.
    pub col_ministry: &'static str,
    /// Column: title.
    pub col_title: &'static str,
    /// Column: deadline.
    pub col_deadline: &'static str,
    /// Column: days overdue.
    pub col_overdue: &'static str,
    /// No question loaded.
    pub no_question: &'static str,
    /// The filter matches nothing.
    pub no_match: &'static str,
    /// A question without a title.
    pub untitled: &'static str,
    /// After the legislature number.
    pub legislature_suffix: &'static str,
    /// Field label.
    pub author: &'static str,
    /// Field label.
    pub group: &'static str,
    /// Field label.
    pub constituency: &'static str,
    /// Field label.
    pub rubric: &'static str,
    /// Field label.
    pub ministry_asked: &'static str,
    /// Field label.
    pub ministry_assigned: &'static str,
    /// Field label.
    pub ministry: &'static str,
    /// Field label.
    pub analysis: &'static str,
    /// Label of the analysis heading (older questions carry one beside the analysis).
    pub analysis_head: &'static str,
    /// Section heading.
    pub question_heading: &'static str,
    /// Section heading.
    pub answer_heading: &'static str,
    /// No question text.
    pub no_question_text: &'static str,
    /// Section heading of the note.
    pub note_heading: &'static str,
    /// Section heading of a note conflict.
    pub conflict_heading: &'static str,
    /// Timeline: the deadline.
    pub deadline: &'static str,
    /// Timeline: today.
    pub today: &'static str,
    /// Filter prompt.
    pub filter_prompt: &'static str,
    /// Filter hint.
    pub filter_hint: &'static str,
    /// Status bar counts.
    pub total: &'static str,
    /// Status bar counts.
    pub shown: &'static str,
    /// Status bar counts.
    pub pending: &'static str,
    /// Status bar counts.
    pub overdue: &'static str,
    /// Status bar counts.
    pub to_review: &'static str,
    /// Footer of the overlays.
    pub overlay_footer: &'static str,
    /// The news window's title.
    pub news_title: &'static str,
    /// The news window's footer.
    pub news_footer: &'static str,
    /// The news asked for before it is known.
    pub news_not_ready: &'static str,
    /// No diagnostics.
    pub diagnostics_none: &'static str,
    /// No messages yet.
    pub messages_none: &'static str,
    /// List border: sort.
    pub sort: &'static str,
    /// List border: by relevance.
    pub relevance: &'static str,
    /// Quick filter shown in the list border.
    pub only_unanswered: &'static str,
    /// Quick filter shown in the list border.
    pub only_overdue: &'static str,
    /// Chronology legend.
    pub asked: &'static str,
    /// Chronology legend.
    pub answered: &'static str,
    /// Chronology legend.
    pub withdrawn: &'static str,
    /// Chronology legend.
    pub selected: &'static str,
    /// Chronology grouping.
    pub per_month: &'static str,
    /// Chronology grouping.
    pub per_week: &'static str,
    /// Chronology grouping.
    pub per_quarter: &'static str,
    /// Chronology grouping.
    pub per_year: &'static str,
    /// Chronology without dates.
    pub no_dates: &'static str,
    /// A question of the library that could not be read to be shown.
    pub unreadable_question: &'static str,
    /// The terminal is too small.
    pub too_small: &'static str,
    /// Help section.
    pub section_navigation: &'static str,
    /// Help section.
    pub section_filter: &'static str,
    /// Help section.
    pub section_review: &'static str,
    /// Help section.
    pub section_other: &'static str,
    /// Help section.
    pub section_filter_line: &'static str,
    /// Help section.
    pub section_note_editor: &'static str,
    /// Help section.
    pub section_query: &'static str,
    /// A background filter runs.
    pub filtering: &'static str,
    /// Shown while the word index is built after a load.
    pub indexing: &'static str,
    /// Shown while the first page of the library is shown and the rest loads.
    pub loading_rest: &'static str,
    /// A save runs.
    pub saving: &'static str,
    /// The status bar while changes wait for a save that failed.
    pub unsaved: &'static str,
    /// How free words match, in the help.
    pub query_words: &'static str,
}

/// French.
pub static FR: Words = Words {
    list_title: "Questions",
    detail_title: "Détail",
    timeline_title: "Chronologie de la question",
    chronology_title: "Chronologie du dossier",
    help_title: "Aide — touches",
    diagnostics_title: "Diagnostics du chargement",
    messages_title: "Messages",
    col_id: "Id",
    col_date: "Publiée",
    col_author: "Auteur",
    col_ministry: "Ministère",
    col_title: "Titre",
    col_deadline: "Échéance",
    col_overdue: "Retard",
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
    analysis_head: "Tête d'analyse",
    question_heading: "Question",
    answer_heading: "Réponse",
    no_question_text: "(pas de texte de question)",
    note_heading: "Note de suivi",
    conflict_heading: "Note de suivi — versions en conflit (enregistrez-en une pour trancher)",
    deadline: "échéance",
    today: "aujourd'hui",
    filter_prompt: "Filtre",
    filter_hint: "Entrée\u{a0}: garder · Échap\u{a0}: effacer · ex. asalee statut:attente -auteur:batho",
    total: "total",
    shown: "affichées",
    pending: "en attente",
    overdue: "en retard",
    to_review: "à revoir",
    overlay_footer: "Échap pour fermer · j/k pour défiler",
    news_title: "Nouveautés",
    news_footer: "Entrée\u{a0}: aller à la question · Échap\u{a0}: fermer · j/k\u{a0}: choisir",
    news_not_ready: "Nouveautés en cours de calcul…",
    diagnostics_none: "Aucun diagnostic\u{a0}: tous les fichiers ont été lus sans remarque.",
    messages_none: "Aucun message pour l'instant.",
    sort: "tri",
    relevance: "pertinence",
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
    unreadable_question: "Cette question n'a pas pu être lue dans la bibliothèque\u{a0}; le journal (dossier.log) dit pourquoi.",
    too_small: "Fenêtre trop petite",
    section_navigation: "Navigation",
    section_filter: "Filtre",
    section_review: "Suivi",
    section_other: "Divers",
    section_filter_line: "Dans la ligne de filtre",
    section_note_editor: "Dans l'éditeur de note (Entrée\u{a0}: nouvelle ligne)",
    section_query: "Langage de filtre",
    filtering: "filtrage…",
    indexing: "indexation…",
    loading_rest: "premières questions, chargement de la suite…",
    saving: "enregistrement…",
    unsaved: "⚠ non enregistré",
    query_words: "mots libres\u{a0}: chaque mot doit figurer (sans accents ni majuscules) dans un champ, \
        en entier, en début de mot ou à une faute près\u{a0}; -terme exclut\u{a0}; \"expression exacte\"",
};

/// English.
pub static EN: Words = Words {
    list_title: "Questions",
    detail_title: "Detail",
    timeline_title: "Question timeline",
    chronology_title: "Dossier chronology",
    help_title: "Help — keys",
    diagnostics_title: "Load diagnostics",
    messages_title: "Messages",
    col_id: "Id",
    col_date: "Published",
    col_author: "Author",
    col_ministry: "Ministry",
    col_title: "Title",
    col_deadline: "Deadline",
    col_overdue: "Overdue",
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
    analysis_head: "Analysis heading",
    question_heading: "Question",
    answer_heading: "Answer",
    no_question_text: "(no question text)",
    note_heading: "Follow-up note",
    conflict_heading: "Follow-up note — conflicting versions (save one to settle it)",
    deadline: "deadline",
    today: "today",
    filter_prompt: "Filter",
    filter_hint: "Enter: keep · Esc: clear · e.g. asalee status:pending -author:batho",
    total: "total",
    shown: "shown",
    pending: "pending",
    overdue: "overdue",
    to_review: "to review",
    overlay_footer: "Esc to close · j/k to scroll",
    news_title: "What's new",
    news_footer: "Enter: go to the question · Esc: close · j/k: choose",
    news_not_ready: "Working out what is new…",
    diagnostics_none: "No diagnostics: every file was read without remark.",
    messages_none: "No message yet.",
    sort: "sort",
    relevance: "relevance",
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
    unreadable_question:
        "This question could not be read from the library; the log (dossier.log) says why.",
    too_small: "Window too small",
    section_navigation: "Navigation",
    section_filter: "Filter",
    section_review: "Review",
    section_other: "Other",
    section_filter_line: "In the filter line",
    section_note_editor: "In the note editor (Enter: new line)",
    section_query: "Filter language",
    filtering: "filtering…",
    indexing: "indexing…",
    loading_rest: "first questions, loading the rest…",
    saving: "saving…",
    unsaved: "⚠ not saved",
    query_words: "free words: each must occur (case and accents ignored) in a field, whole, as a \
        word start or with a typo; -term excludes; \"exact phrase\"",
};

/// The words of a language.
pub fn words(lang: Lang) -> &'static Words {
    lang.pick(&FR, &EN)
}

/// "Question écrite" / "Written question".
pub fn kind(lang: Lang, kind: QuestionKind) -> &'static str {
    match (lang, kind) {
        (Lang::Fr, k) => k.label_fr(),
        (Lang::En, QuestionKind::Written) => "Written question",
        (Lang::En, QuestionKind::Government) => "Question to the Government",
        (Lang::En, QuestionKind::Oral) => "Oral question",
    }
}

/// Status word.
pub fn status(lang: Lang, status: Status) -> &'static str {
    match status {
        Status::Pending => lang.pick("en attente", "pending"),
        Status::Answered => lang.pick("répondue", "answered"),
        Status::Withdrawn => lang.pick("retirée", "withdrawn"),
    }
}

/// Short name of an event kind, for the timeline; empty for `Other` (its label is shown).
pub fn event(lang: Lang, kind: EventKind) -> &'static str {
    match kind {
        EventKind::QuestionPublished => {
            lang.pick("Question publiée au JO", "Question published (JO)")
        }
        EventKind::AnswerPublished => lang.pick("Réponse publiée au JO", "Answer published (JO)"),
        EventKind::Withdrawn => lang.pick("Question retirée", "Question withdrawn"),
        EventKind::AttributionChanged => lang.pick("Changement de ministère", "Ministry changed"),
        EventKind::Signaled => lang.pick("Signalement", "Signalement (flagged by a group)"),
        EventKind::Renewed => lang.pick("Renouvellement", "Renewed"),
        EventKind::ErratumQuestion => lang.pick("Erratum (question)", "Erratum (question)"),
        EventKind::ErratumAnswer => lang.pick("Erratum (réponse)", "Erratum (answer)"),
        EventKind::Other => "",
    }
}

/// The citation `y` copies: "Question écrite n° 13809 de Mme Sylvie Bonnet, JO du 24 mars
/// 2026, p. 2494".
pub fn citation(lang: Lang, q: &Question) -> String {
    let mut out = lang.pick(
        format!("{} n° {} de {}", kind(lang, q.kind), q.number, q.author),
        format!("{} no. {} by {}", kind(lang, q.kind), q.number, q.author),
    );
    if let Some(e) = q.first_event(EventKind::QuestionPublished) {
        out.push_str(&lang.pick(
            format!(", JO du {}", lang.date(e.date)),
            format!(", JO of {}", lang.date(e.date)),
        ));
        if let Some(page) = e.page {
            out.push_str(&format!(", p. {page}"));
        }
    }
    out
}

/// Name of a sort key.
pub fn sort_key(lang: Lang, key: SortKey) -> &'static str {
    match key {
        SortKey::Date => "date",
        SortKey::Number => lang.pick("numéro", "number"),
        SortKey::Author => lang.pick("auteur", "author"),
        SortKey::Ministry => lang.pick("ministère", "ministry"),
        SortKey::DaysPending => lang.pick("attente", "days pending"),
        SortKey::Deadline => lang.pick("échéance", "deadline"),
    }
}

/// "Chargement : 1 234 / 100 000 fichiers".
pub fn loading(lang: Lang, done: usize, total: usize) -> String {
    if total == 0 {
        // Before the files are counted (walking the folders, opening the cache or the library).
        return lang.pick("Chargement…", "Loading…").to_string();
    }
    let (d, t) = (lang.number(done), lang.number(total));
    lang.pick(
        format!("Chargement{NB}: {d} / {t} fichiers"),
        format!("Loading: {d} / {t} files"),
    )
}

/// When n/N finds nothing.
pub fn no_more_matches(lang: Lang) -> &'static str {
    lang.pick(
        "Aucune occurrence du filtre dans ce texte",
        "No occurrence of the filter in this text",
    )
}

/// "Citation copiée dans le presse-papiers : …".
pub fn copied(lang: Lang, how: &str, citation: &str) -> String {
    lang.pick(
        format!("Citation copiée ({how}){NB}: {citation}"),
        format!("Citation copied ({how}): {citation}"),
    )
}

/// Where to report a crash.
pub fn crashed(lang: Lang) -> &'static str {
    lang.pick(
        "\ndossier s'est arrêté sur une erreur interne\u{a0}; vos notes déjà enregistrées sont intactes. \
         Merci de signaler ce message et ce que vous faisiez.",
        "\ndossier crashed; your review notes on disk are safe. Please report this message and what \
         you were doing.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// French puts a no-break space before `:`, `;`, `?` and `!`; a plain one breaks the line
    /// before the colon on a narrow screen.
    fn french_typography(text: &str) {
        for p in [" :", " ;", " ?"] {
            assert!(
                !text.contains(p),
                "a plain space before punctuation in {text:?}"
            );
        }
    }

    #[test]
    fn french_strings_keep_their_typography() {
        french_typography(&format!("{FR:?}"));
        let d = chrono::NaiveDate::from_ymd_opt(2026, 5, 24).unwrap_or_default();
        for text in [
            waiting(Lang::Fr, Some(3)),
            overdue_by(Lang::Fr, 3, d),
            rule(Lang::Fr, dossier_core::deadline::DeadlineRule::Signaled),
            review_read_only(Lang::Fr, "x"),
            not_saved(Lang::Fr, "x"),
            discard_draft(Lang::Fr, "o", "n"),
            loading(Lang::Fr, 1, 2),
        ] {
            french_typography(&text);
        }
        for p in [" :", " ;"] {
            assert!(
                !format!("{EN:?}").contains(p),
                "French typography in English"
            );
        }
    }
}
