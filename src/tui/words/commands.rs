//! What each command a key can be bound to does, in words: its description in the help
//! overlay, what it does in a prompt where that differs, and its short name in the status
//! bar's hints. Exhaustive matches on [`Command`]: a new command does not build without its
//! words.

use crate::tui::action::Command;
use dossier_core::i18n::Lang;

/// The description of a command, for the help overlay.
pub fn describe(lang: Lang, command: Command) -> &'static str {
    let (fr, en) = match command {
        Command::Down => ("ligne suivante (liste) ou défiler (détail, chronologie)", "next line (list) or scroll (detail, timeline)"),
        Command::Up => ("ligne précédente ou défiler vers le haut", "previous line or scroll up"),
        Command::Top => ("début", "top"),
        Command::Bottom => ("fin", "bottom"),
        Command::PageDown => ("page suivante", "page down"),
        Command::PageUp => ("page précédente", "page up"),
        Command::HalfPageDown => ("demi-page suivante", "half a page down"),
        Command::HalfPageUp => ("demi-page précédente", "half a page up"),
        Command::FocusNext => ("volet suivant (liste, détail, chronologie)", "next pane (list, detail, timeline)"),
        Command::FocusPrev => ("volet précédent", "previous pane"),
        Command::Open => ("lire la question sélectionnée (volet détail)", "read the selected question (detail pane)"),
        Command::Back => ("fermer, revenir à la liste", "close, back to the list"),
        Command::OpenFilter => ("filtrer (la liste se réduit à chaque frappe)", "filter (the list narrows as you type)"),
        Command::NextMatch => ("occurrence suivante du filtre dans le détail", "next filter match in the detail"),
        Command::PrevMatch => ("occurrence précédente du filtre dans le détail", "previous filter match in the detail"),
        Command::ToggleUnanswered => ("seulement les questions sans réponse", "unanswered questions only"),
        Command::ToggleOverdue => ("seulement les questions en retard", "overdue questions only"),
        Command::CycleSort => ("trier par date, numéro, auteur, ministère, attente, échéance", "sort by date, number, author, ministry, days pending, deadline"),
        Command::ReverseSort => ("inverser l'ordre", "reverse the order"),
        Command::ToggleReviewed => ("marquer revue / non revue (sur une question modifiée\u{a0}: prendre le changement en compte)", "mark reviewed / not reviewed (on a changed question: acknowledge the change)"),
        Command::ToggleFlag => ("drapeau de suivi (relance, signalement à demander)", "follow-up flag (reminder, signalement to request)"),
        Command::EditNote => ("annoter\u{a0}: note de suivi", "annotate: follow-up note"),
        Command::NextToReview => ("question suivante à revoir (en attente non revue, ou modifiée)", "next question to review (pending and not reviewed, or changed)"),
        Command::PrevToReview => ("question précédente à revoir", "previous question to review"),
        Command::Reload => ("recharger le dossier et les marques (équipe comprise)", "reload the dossier and the marks (the team's too)"),
        Command::ToggleChronology => ("chronologie\u{a0}: de la question / du dossier", "timeline: of the question / of the dossier"),
        Command::CopyCitation => ("copier la citation de la question (presse-papiers)", "copy the question's citation (clipboard)"),
        Command::ToggleDiagnostics => ("diagnostics du chargement (fichiers ignorés, avertissements)", "load diagnostics (skipped files, warnings)"),
        Command::ToggleHelp => ("cette aide", "this help"),
        Command::Suspend => ("suspendre (revenir au shell\u{a0}; fg pour reprendre)", "suspend (back to the shell; fg to resume)"),
        Command::Quit => ("quitter", "quit"),
        Command::OpenWeb => ("ouvrir la page de la question sur le site de l'Assemblée (navigateur)", "open the question's page on the Assemblée's site (browser)"),
        Command::OpenSource => ("lire le document source de la question (pager)", "read the question's source document (pager)"),
        Command::EditSource => ("ouvrir le document source dans l'éditeur", "open the source document in the editor"),
        Command::SwitchDossier => ("changer de dossier (bibliothèque) ou appliquer une vue enregistrée", "switch dossier (library) or apply a saved view"),
        Command::SaveView => ("enregistrer le filtre comme dossier (bibliothèque) ou comme vue", "save the filter as a dossier (library) or as a view"),
        Command::Export => ("exporter les questions affichées (CSV, mémo, JSON)", "export the questions shown (CSV, memo, JSON)"),
        Command::MarkShownReviewed => ("marquer revues toutes les questions affichées (après confirmation)", "mark every question shown reviewed (asks first)"),
        Command::GroupCampaigns => ("grouper la liste par campagne (une ligne par campagne) ou non", "group the list by campaign (one row per campaign) or not"),
        Command::ToggleCampaign => ("ouvrir / fermer la campagne de la ligne (liste groupée)", "open / close the row's campaign (grouped list)"),
        Command::RelatedQuestions => ("aller à une question proche (campagne, même réponse)", "go to a related question (campaign, same answer)"),
        Command::FilterAccept => ("garder le filtre, revenir à la liste", "keep the filter, back to the list"),
        Command::FilterCancel => ("effacer le filtre", "clear the filter"),
        Command::FilterBackspace => ("effacer le caractère précédent", "delete the previous character"),
        Command::FilterDelete => ("effacer le caractère sous le curseur", "delete the character under the cursor"),
        Command::FilterDeleteWord => ("effacer le mot précédent", "delete the previous word"),
        Command::FilterClear => ("effacer jusqu'au début de la ligne", "delete to the start of the line"),
        Command::FilterLeft => ("curseur à gauche", "cursor left"),
        Command::FilterRight => ("curseur à droite", "cursor right"),
        Command::FilterHome => ("début de ligne", "start of line"),
        Command::FilterEnd => ("fin de ligne", "end of line"),
        Command::NoteSave => ("enregistrer la note", "save the note"),
        Command::NoteCancel => ("fermer (demande confirmation si la note a changé)", "close (asks first if the note changed)"),
    };
    lang.pick(fr, en)
}

/// What a command does in a prompt or a picker, where that differs from its description
/// (the filter line's keys choose and accept there); none where it does not.
pub fn in_prompt(lang: Lang, command: Command) -> Option<&'static str> {
    let (fr, en) = match command {
        Command::FilterAccept => (
            "valider le choix ou le texte",
            "accept the choice or the text",
        ),
        Command::FilterCancel => ("annuler", "cancel"),
        Command::Down => ("choix suivant", "next choice"),
        Command::Up => ("choix précédent", "previous choice"),
        Command::Quit => ("quitter", "quit"),
        Command::Top
        | Command::Bottom
        | Command::PageDown
        | Command::PageUp
        | Command::HalfPageDown
        | Command::HalfPageUp
        | Command::FocusNext
        | Command::FocusPrev
        | Command::Open
        | Command::Back
        | Command::OpenFilter
        | Command::NextMatch
        | Command::PrevMatch
        | Command::ToggleHelp
        | Command::ToggleDiagnostics
        | Command::CycleSort
        | Command::ReverseSort
        | Command::ToggleUnanswered
        | Command::ToggleOverdue
        | Command::ToggleChronology
        | Command::CopyCitation
        | Command::ToggleReviewed
        | Command::ToggleFlag
        | Command::EditNote
        | Command::NextToReview
        | Command::PrevToReview
        | Command::Reload
        | Command::Suspend
        | Command::FilterBackspace
        | Command::FilterDelete
        | Command::FilterDeleteWord
        | Command::FilterClear
        | Command::FilterLeft
        | Command::FilterRight
        | Command::FilterHome
        | Command::FilterEnd
        | Command::OpenWeb
        | Command::OpenSource
        | Command::EditSource
        | Command::SwitchDossier
        | Command::SaveView
        | Command::Export
        | Command::MarkShownReviewed
        | Command::GroupCampaigns
        | Command::ToggleCampaign
        | Command::RelatedQuestions
        | Command::NoteSave
        | Command::NoteCancel => return None,
    };
    Some(lang.pick(fr, en))
}

/// The short name of a command in the status bar's hints; none for the commands the hints
/// do not show.
pub fn hint(lang: Lang, command: Command) -> Option<&'static str> {
    let (fr, en) = match command {
        Command::ToggleHelp => ("aide", "help"),
        Command::OpenFilter => ("filtre", "filter"),
        Command::ToggleUnanswered => ("sans réponse", "unanswered"),
        Command::ToggleOverdue => ("en retard", "overdue"),
        Command::CycleSort => ("tri", "sort"),
        Command::NextToReview => ("à revoir", "to review"),
        Command::ToggleReviewed => ("revue", "reviewed"),
        Command::ToggleChronology => ("chronologie", "chronology"),
        Command::Quit => ("quitter", "quit"),
        Command::Down
        | Command::Up
        | Command::Top
        | Command::Bottom
        | Command::PageDown
        | Command::PageUp
        | Command::HalfPageDown
        | Command::HalfPageUp
        | Command::FocusNext
        | Command::FocusPrev
        | Command::Open
        | Command::Back
        | Command::NextMatch
        | Command::PrevMatch
        | Command::ToggleDiagnostics
        | Command::ReverseSort
        | Command::CopyCitation
        | Command::ToggleFlag
        | Command::EditNote
        | Command::PrevToReview
        | Command::Reload
        | Command::Suspend
        | Command::FilterAccept
        | Command::FilterCancel
        | Command::FilterBackspace
        | Command::FilterDelete
        | Command::FilterDeleteWord
        | Command::FilterClear
        | Command::FilterLeft
        | Command::FilterRight
        | Command::FilterHome
        | Command::FilterEnd
        | Command::OpenWeb
        | Command::OpenSource
        | Command::EditSource
        | Command::SwitchDossier
        | Command::SaveView
        | Command::Export
        | Command::MarkShownReviewed
        | Command::GroupCampaigns
        | Command::ToggleCampaign
        | Command::RelatedQuestions
        | Command::NoteSave
        | Command::NoteCancel => return None,
    };
    Some(lang.pick(fr, en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::COMMANDS;

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
    fn every_command_is_described_in_both_languages() {
        for (command, name) in COMMANDS {
            for lang in [Lang::Fr, Lang::En] {
                assert!(
                    !describe(lang, *command).is_empty(),
                    "{name} has no description"
                );
                for words in [in_prompt(lang, *command), hint(lang, *command)] {
                    assert!(words.is_none_or(|w| !w.is_empty()), "{name}: empty words");
                }
            }
            french_typography(describe(Lang::Fr, *command));
        }
    }
}
