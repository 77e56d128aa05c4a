//! The commands a key can be bound to: the one table of them. Each command's row gives its
//! name in the keymap file, the help section it is listed under and what it does in both
//! languages (with, for some, its short name in the status bar's hints and what it does in
//! a prompt, where that differs), as the query language's table of fields does for the
//! filter. One exhaustive match: a new command does not build without its words.

use dossier_core::i18n::Lang;

/// Declares the commands with their names in the keymap file, and [`ALL`] of them.
macro_rules! commands {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// The commands a key can be bound to, by their names in the keymap file (`down`,
        /// `toggle_reviewed`, …).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Command {
            $($(#[$doc])* $variant,)*
        }

        /// Every command, in the order of the table.
        pub const ALL: &[Command] = &[$(Command::$variant,)*];

        impl Command {
            /// The name in the keymap file.
            pub fn name(self) -> &'static str {
                match self {
                    $(Command::$variant => $name,)*
                }
            }
        }
    };
}

commands! {
    /// Leave the app.
    Quit = "quit",
    /// Down one line in the focused pane.
    Down = "down",
    /// Up one line in the focused pane.
    Up = "up",
    /// To the top of the focused pane.
    Top = "top",
    /// To the bottom of the focused pane.
    Bottom = "bottom",
    /// Down one page.
    PageDown = "page_down",
    /// Up one page.
    PageUp = "page_up",
    /// Down half a page.
    HalfPageDown = "half_page_down",
    /// Up half a page.
    HalfPageUp = "half_page_up",
    /// Focus the next pane.
    FocusNext = "focus_next",
    /// Focus the previous pane.
    FocusPrev = "focus_prev",
    /// From the list, read the selected question in the detail pane.
    Open = "open",
    /// Close the overlay, or go back to the list.
    Back = "back",
    /// Open the filter line.
    OpenFilter = "open_filter",
    /// Scroll the detail to the next line holding a filter word.
    NextMatch = "next_match",
    /// Scroll the detail to the previous line holding a filter word.
    PrevMatch = "prev_match",
    /// Show or hide the help overlay.
    ToggleHelp = "toggle_help",
    /// Show or hide the messages and load diagnostics.
    ToggleDiagnostics = "toggle_diagnostics",
    /// Show or hide what is new in the dossier since the last visit.
    News = "news",
    /// Next sort key.
    CycleSort = "cycle_sort",
    /// Reverse the sort order.
    ReverseSort = "reverse_sort",
    /// Only questions still waiting for an answer.
    ToggleUnanswered = "toggle_unanswered",
    /// Only overdue questions.
    ToggleOverdue = "toggle_overdue",
    /// Switch the timeline between the question and the whole dossier.
    ToggleChronology = "toggle_chronology",
    /// Copy a citation of the selected question to the clipboard.
    CopyCitation = "copy_citation",
    /// Mark the selected question reviewed, or not reviewed (or acknowledge its change).
    ToggleReviewed = "toggle_reviewed",
    /// Set or clear the follow-up flag.
    ToggleFlag = "toggle_flag",
    /// Set or clear the "to signal" mark (proposed to the group president).
    ToggleToSignal = "toggle_to_signal",
    /// Open the note editor on the selected question.
    EditNote = "edit_note",
    /// Next question to review (wrapping).
    NextToReview = "next_to_review",
    /// Previous question to review (wrapping).
    PrevToReview = "prev_to_review",
    /// Read the dossier and the review files from disk again.
    Reload = "reload",
    /// Suspend to the shell (Ctrl-z).
    Suspend = "suspend",
    /// Keep the filter and return to the list.
    FilterAccept = "filter_accept",
    /// Clear the filter and close the line.
    FilterCancel = "filter_cancel",
    /// Delete the character before the cursor.
    FilterBackspace = "filter_backspace",
    /// Delete the character under the cursor.
    FilterDelete = "filter_delete",
    /// Delete the word before the cursor.
    FilterDeleteWord = "filter_delete_word",
    /// Delete everything before the cursor.
    FilterClear = "filter_clear",
    /// Move the cursor left.
    FilterLeft = "filter_left",
    /// Move the cursor right.
    FilterRight = "filter_right",
    /// Cursor to the start of the line.
    FilterHome = "filter_home",
    /// Cursor to the end of the line.
    FilterEnd = "filter_end",
    /// Open the question's page on the Assemblée's site in the browser.
    OpenWeb = "open_web",
    /// Read the question's source file in the pager.
    OpenSource = "open_source",
    /// Open the question's source file in the editor.
    EditSource = "edit_source",
    /// Switch to another dossier of the library, or to a saved view.
    SwitchDossier = "switch_dossier",
    /// Save the current filter as a view (a named dossier, in the library).
    SaveView = "save_view",
    /// Export the questions shown to a file.
    Export = "export",
    /// Mark every question shown reviewed (asks first).
    MarkShownReviewed = "mark_shown_reviewed",
    /// Group the list by campaign (one row per campaign), or not.
    GroupCampaigns = "group_campaigns",
    /// Open or close the campaign of the selected row.
    ToggleCampaign = "toggle_campaign",
    /// Pick one of the selected question's related questions to go to.
    RelatedQuestions = "related_questions",
    /// Open or close the scoreboard: who answers, how late.
    Scoreboard = "scoreboard",
    /// Save the note and close the editor.
    NoteSave = "note_save",
    /// Close the editor (asking first when the note changed).
    NoteCancel = "note_cancel",
    /// Yes, to the question asked.
    Yes = "yes",
    /// No, to the question asked.
    No = "no",
}

/// The help section a command of the main screen is listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// Moving in the list and the panes.
    Navigation,
    /// Filtering, sorting, dossiers and views.
    Filter,
    /// Review marks and notes.
    Review,
    /// Everything else.
    Other,
}

/// What a command does, in words.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// The help section.
    pub section: Section,
    /// Its description in the help, French then English.
    pub describe: (&'static str, &'static str),
    /// Its short name in the status bar's hints, for the few the hints show.
    pub hint: Option<(&'static str, &'static str)>,
    /// What it does in a prompt or a picker, where that differs.
    pub in_prompt: Option<(&'static str, &'static str)>,
}

const fn w(section: Section, fr: &'static str, en: &'static str) -> Words {
    Words {
        section,
        describe: (fr, en),
        hint: None,
        in_prompt: None,
    }
}

impl Words {
    const fn hint(mut self, fr: &'static str, en: &'static str) -> Words {
        self.hint = Some((fr, en));
        self
    }

    const fn in_prompt(mut self, fr: &'static str, en: &'static str) -> Words {
        self.in_prompt = Some((fr, en));
        self
    }
}

impl Command {
    /// The command of a name in the keymap file.
    pub fn from_name(name: &str) -> Option<Command> {
        ALL.iter().copied().find(|c| c.name() == name)
    }

    /// The command's row of the table.
    pub fn words(self) -> Words {
        use Command::*;
        use Section::*;
        match self {
            Quit => w(Other, "quitter", "quit").hint("quitter", "quit").in_prompt("quitter", "quit"),
            Down => w(Navigation, "ligne suivante (liste) ou défiler (détail, chronologie)", "next line (list) or scroll (detail, timeline)").in_prompt("choix suivant", "next choice"),
            Up => w(Navigation, "ligne précédente ou défiler vers le haut", "previous line or scroll up").in_prompt("choix précédent", "previous choice"),
            Top => w(Navigation, "début", "top"),
            Bottom => w(Navigation, "fin", "bottom"),
            PageDown => w(Navigation, "page suivante", "page down"),
            PageUp => w(Navigation, "page précédente", "page up"),
            HalfPageDown => w(Navigation, "demi-page suivante", "half a page down"),
            HalfPageUp => w(Navigation, "demi-page précédente", "half a page up"),
            FocusNext => w(Navigation, "volet suivant (liste, détail, chronologie)", "next pane (list, detail, timeline)"),
            FocusPrev => w(Navigation, "volet précédent", "previous pane"),
            Open => w(Navigation, "lire la question sélectionnée (volet détail)", "read the selected question (detail pane)"),
            Back => w(Navigation, "fermer, revenir à la liste", "close, back to the list"),
            OpenFilter => w(Filter, "filtrer (la liste se réduit à chaque frappe)", "filter (the list narrows as you type)").hint("filtre", "filter"),
            NextMatch => w(Filter, "occurrence suivante du filtre dans le détail", "next filter match in the detail"),
            PrevMatch => w(Filter, "occurrence précédente du filtre dans le détail", "previous filter match in the detail"),
            ToggleHelp => w(Other, "cette aide", "this help").hint("aide", "help"),
            ToggleDiagnostics => w(Other, "messages de la session et diagnostics du chargement (fichiers ignorés, avertissements)", "the session's messages and load diagnostics (skipped files, warnings)"),
            News => w(Other, "nouveautés depuis votre dernière visite (réponses, retraits, signalements, retards, échéances\u{a0}; Entrée\u{a0}: aller à la question)", "what is new since your last visit (answers, withdrawals, signalements, overdue, deadlines; Enter: go to the question)"),
            CycleSort => w(Filter, "trier par date, numéro, auteur, ministère, attente, échéance", "sort by date, number, author, ministry, days pending, deadline").hint("tri", "sort"),
            ReverseSort => w(Filter, "inverser l'ordre", "reverse the order"),
            ToggleUnanswered => w(Filter, "seulement les questions sans réponse", "unanswered questions only").hint("sans réponse", "unanswered"),
            ToggleOverdue => w(Filter, "seulement les questions en retard", "overdue questions only").hint("en retard", "overdue"),
            ToggleChronology => w(Other, "chronologie\u{a0}: de la question / du dossier", "timeline: of the question / of the dossier").hint("chronologie", "chronology"),
            CopyCitation => w(Other, "copier la citation de la question (presse-papiers)", "copy the question's citation (clipboard)"),
            ToggleReviewed => w(Review, "marquer revue / non revue (sur une question modifiée\u{a0}: prendre le changement en compte)", "mark reviewed / not reviewed (on a changed question: acknowledge the change)").hint("revue", "reviewed"),
            ToggleFlag => w(Review, "drapeau de suivi (relance, signalement à demander)", "follow-up flag (reminder, signalement to request)"),
            ToggleToSignal => w(Review, "marquer «\u{a0}à signaler\u{a0}» (mémo de signalement pour le président de groupe)", "mark \"to signal\" (the signalement memo for the group president)"),
            EditNote => w(Review, "annoter\u{a0}: note de suivi", "annotate: follow-up note"),
            NextToReview => w(Review, "question suivante à revoir (en attente non revue, ou modifiée)", "next question to review (pending and not reviewed, or changed)").hint("à revoir", "to review"),
            PrevToReview => w(Review, "question précédente à revoir", "previous question to review"),
            Reload => w(Review, "recharger le dossier et les marques (équipe comprise)", "reload the dossier and the marks (the team's too)"),
            Suspend => w(Other, "suspendre (revenir au shell\u{a0}; fg pour reprendre)", "suspend (back to the shell; fg to resume)"),
            FilterAccept => w(Other, "garder le filtre, revenir à la liste", "keep the filter, back to the list").in_prompt("valider le choix ou le texte", "accept the choice or the text"),
            FilterCancel => w(Other, "effacer le filtre", "clear the filter").in_prompt("annuler", "cancel"),
            FilterBackspace => w(Other, "effacer le caractère précédent", "delete the previous character"),
            FilterDelete => w(Other, "effacer le caractère sous le curseur", "delete the character under the cursor"),
            FilterDeleteWord => w(Other, "effacer le mot précédent", "delete the previous word"),
            FilterClear => w(Other, "effacer jusqu'au début de la ligne", "delete to the start of the line"),
            FilterLeft => w(Other, "curseur à gauche", "cursor left"),
            FilterRight => w(Other, "curseur à droite", "cursor right"),
            FilterHome => w(Other, "début de ligne", "start of line"),
            FilterEnd => w(Other, "fin de ligne", "end of line"),
            OpenWeb => w(Other, "ouvrir la page de la question sur le site de l'Assemblée (navigateur)", "open the question's page on the Assemblée's site (browser)"),
            OpenSource => w(Other, "lire le document source de la question (pager)", "read the question's source document (pager)"),
            EditSource => w(Other, "ouvrir le document source dans l'éditeur", "open the source document in the editor"),
            SwitchDossier => w(Filter, "changer de dossier (bibliothèque) ou appliquer une vue enregistrée", "switch dossier (library) or apply a saved view"),
            SaveView => w(Filter, "enregistrer le filtre comme dossier (bibliothèque) ou comme vue", "save the filter as a dossier (library) or as a view"),
            Export => w(Other, "exporter les questions affichées (CSV, mémo, JSON, mémo de signalement)", "export the questions shown (CSV, memo, JSON, signalement memo)"),
            MarkShownReviewed => w(Review, "marquer revues toutes les questions affichées (après confirmation)", "mark every question shown reviewed (asks first)"),
            GroupCampaigns => w(Filter, "grouper la liste par campagne (une ligne par campagne) ou non", "group the list by campaign (one row per campaign) or not"),
            ToggleCampaign => w(Filter, "ouvrir / fermer la campagne de la ligne (liste groupée)", "open / close the row's campaign (grouped list)"),
            RelatedQuestions => w(Other, "aller à une question proche (campagne, même réponse)", "go to a related question (campaign, same answer)"),
            Scoreboard => w(Other, "tableau de bord\u{a0}: qui répond, avec quel retard (s\u{a0}: tri, Tab\u{a0}: par ministère, groupe, auteur…, Entrée\u{a0}: filtrer la liste)", "scoreboard: who answers, how late (s: sort, Tab: by ministry, group, author…, Enter: filter the list)"),
            NoteSave => w(Other, "enregistrer la note", "save the note"),
            NoteCancel => w(Other, "fermer (demande confirmation si la note a changé)", "close (asks first if the note changed)"),
            Yes => w(Other, "oui", "yes"),
            No => w(Other, "non", "no"),
        }
    }

    /// The description of a command, for the help overlay.
    pub fn describe(self, lang: Lang) -> &'static str {
        let (fr, en) = self.words().describe;
        lang.pick(fr, en)
    }

    /// What a command does in a prompt or a picker, where that differs from its
    /// description; none where it does not.
    pub fn in_prompt(self, lang: Lang) -> Option<&'static str> {
        self.words().in_prompt.map(|(fr, en)| lang.pick(fr, en))
    }

    /// The short name of a command in the status bar's hints; none for the commands the
    /// hints do not show.
    pub fn hint(self, lang: Lang) -> Option<&'static str> {
        self.words().hint.map(|(fr, en)| lang.pick(fr, en))
    }

    /// The help section it is listed under.
    pub fn section(self) -> Section {
        self.words().section
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// French puts a no-break space before `:`, `;`, `?` and `!`; a plain one breaks the line
    /// before the colon on a narrow screen.
    fn french_typography(text: &str) {
        for p in [" :", " ;", " ?", " !"] {
            assert!(
                !text.contains(p),
                "a plain space before punctuation in {text:?}"
            );
        }
    }

    #[test]
    fn every_command_has_a_name_of_its_own_and_words_in_both_languages() {
        for (i, command) in ALL.iter().enumerate() {
            let name = command.name();
            assert_eq!(Command::from_name(name), Some(*command), "{name} is unique");
            assert!(ALL[..i].iter().all(|c| c.name() != name));
            for lang in [Lang::Fr, Lang::En] {
                assert!(
                    !command.describe(lang).is_empty(),
                    "{name} has no description"
                );
                for words in [command.in_prompt(lang), command.hint(lang)] {
                    assert!(words.is_none_or(|w| !w.is_empty()), "{name}: empty words");
                }
            }
            french_typography(command.describe(Lang::Fr));
        }
    }
}
