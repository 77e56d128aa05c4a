//! The keymap as data: one table maps keys to actions, and the help overlay is generated from
//! the same table, so it cannot go stale.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use dossier_core::i18n::Lang;

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control, Alt (Shift is part of the character for letters).
    pub mods: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// Which part of the help a binding is listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpSection {
    /// Moving around.
    Navigation,
    /// Filtering and sorting.
    Filter,
    /// Review marks and notes.
    Review,
    /// The rest.
    Other,
}

/// One line of the keymap.
#[derive(Debug)]
pub struct Binding {
    /// The keys that trigger the action.
    pub keys: &'static [Key],
    /// The action.
    pub action: Action,
    /// Where the help lists it.
    pub section: HelpSection,
    /// What it does, in French.
    pub help_fr: &'static str,
    /// What it does, in English.
    pub help_en: &'static str,
}

impl Binding {
    /// The description in a language.
    pub fn help(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.help_fr,
            Lang::En => self.help_en,
        }
    }

    /// The keys as shown in the help: "j / ↓".
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(|k| key_label(*k))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// The main screen's keys.
pub static NORMAL: &[Binding] = &[
    Binding {
        keys: &[ch('j'), plain(KeyCode::Down)],
        action: Action::Down,
        section: HelpSection::Navigation,
        help_fr: "ligne suivante (liste) ou défiler (détail, chronologie)",
        help_en: "next line (list) or scroll (detail, timeline)",
    },
    Binding {
        keys: &[ch('k'), plain(KeyCode::Up)],
        action: Action::Up,
        section: HelpSection::Navigation,
        help_fr: "ligne précédente ou défiler vers le haut",
        help_en: "previous line or scroll up",
    },
    Binding {
        keys: &[ch('g'), plain(KeyCode::Home)],
        action: Action::Top,
        section: HelpSection::Navigation,
        help_fr: "début",
        help_en: "top",
    },
    Binding {
        keys: &[ch('G'), plain(KeyCode::End)],
        action: Action::Bottom,
        section: HelpSection::Navigation,
        help_fr: "fin",
        help_en: "bottom",
    },
    Binding {
        keys: &[plain(KeyCode::PageDown)],
        action: Action::PageDown,
        section: HelpSection::Navigation,
        help_fr: "page suivante",
        help_en: "page down",
    },
    Binding {
        keys: &[plain(KeyCode::PageUp)],
        action: Action::PageUp,
        section: HelpSection::Navigation,
        help_fr: "page précédente",
        help_en: "page up",
    },
    Binding {
        keys: &[ctrl('d')],
        action: Action::HalfPageDown,
        section: HelpSection::Navigation,
        help_fr: "demi-page suivante",
        help_en: "half a page down",
    },
    Binding {
        keys: &[ctrl('u')],
        action: Action::HalfPageUp,
        section: HelpSection::Navigation,
        help_fr: "demi-page précédente",
        help_en: "half a page up",
    },
    Binding {
        keys: &[plain(KeyCode::Tab)],
        action: Action::FocusNext,
        section: HelpSection::Navigation,
        help_fr: "volet suivant (liste, détail, chronologie)",
        help_en: "next pane (list, detail, timeline)",
    },
    Binding {
        keys: &[plain(KeyCode::BackTab)],
        action: Action::FocusPrev,
        section: HelpSection::Navigation,
        help_fr: "volet précédent",
        help_en: "previous pane",
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::Open,
        section: HelpSection::Navigation,
        help_fr: "lire la question sélectionnée (volet détail)",
        help_en: "read the selected question (detail pane)",
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        action: Action::Back,
        section: HelpSection::Navigation,
        help_fr: "fermer, revenir à la liste",
        help_en: "close, back to the list",
    },
    Binding {
        keys: &[ch('/')],
        action: Action::OpenFilter,
        section: HelpSection::Filter,
        help_fr: "filtrer (la liste se réduit à chaque frappe)",
        help_en: "filter (the list narrows as you type)",
    },
    Binding {
        keys: &[ch('n')],
        action: Action::NextMatch,
        section: HelpSection::Filter,
        help_fr: "occurrence suivante du filtre dans le détail",
        help_en: "next filter match in the detail",
    },
    Binding {
        keys: &[ch('N')],
        action: Action::PrevMatch,
        section: HelpSection::Filter,
        help_fr: "occurrence précédente du filtre dans le détail",
        help_en: "previous filter match in the detail",
    },
    Binding {
        keys: &[ch('u')],
        action: Action::ToggleUnanswered,
        section: HelpSection::Filter,
        help_fr: "seulement les questions sans réponse",
        help_en: "unanswered questions only",
    },
    Binding {
        keys: &[ch('o')],
        action: Action::ToggleOverdue,
        section: HelpSection::Filter,
        help_fr: "seulement les questions en retard",
        help_en: "overdue questions only",
    },
    Binding {
        keys: &[ch('s')],
        action: Action::CycleSort,
        section: HelpSection::Filter,
        help_fr: "trier par date, numéro, auteur, ministère, attente",
        help_en: "sort by date, number, author, ministry, days pending",
    },
    Binding {
        keys: &[ch('S')],
        action: Action::ReverseSort,
        section: HelpSection::Filter,
        help_fr: "inverser l'ordre",
        help_en: "reverse the order",
    },
    Binding {
        keys: &[ch('x')],
        action: Action::ToggleReviewed,
        section: HelpSection::Review,
        help_fr: "marquer la question revue / non revue",
        help_en: "mark the question reviewed / not reviewed",
    },
    Binding {
        keys: &[ch('f')],
        action: Action::ToggleFlag,
        section: HelpSection::Review,
        help_fr: "drapeau de suivi (relance, signalement à demander)",
        help_en: "follow-up flag (reminder, signalement to request)",
    },
    Binding {
        keys: &[ch('a')],
        action: Action::EditNote,
        section: HelpSection::Review,
        help_fr: "annoter : note de suivi (Ctrl-s enregistre, Échap annule)",
        help_en: "annotate: follow-up note (Ctrl-s saves, Esc cancels)",
    },
    Binding {
        keys: &[ch(']')],
        action: Action::NextToReview,
        section: HelpSection::Review,
        help_fr: "question en attente suivante non revue",
        help_en: "next pending question not yet reviewed",
    },
    Binding {
        keys: &[ch('[')],
        action: Action::PrevToReview,
        section: HelpSection::Review,
        help_fr: "question en attente précédente non revue",
        help_en: "previous pending question not yet reviewed",
    },
    Binding {
        keys: &[ch('R')],
        action: Action::Reload,
        section: HelpSection::Review,
        help_fr: "recharger le dossier et voir ce qui a changé depuis la revue",
        help_en: "reload the dossier and see what changed since the review",
    },
    Binding {
        keys: &[ch('t')],
        action: Action::ToggleChronology,
        section: HelpSection::Other,
        help_fr: "chronologie : de la question / du dossier",
        help_en: "timeline: of the question / of the dossier",
    },
    Binding {
        keys: &[ch('y')],
        action: Action::CopyCitation,
        section: HelpSection::Other,
        help_fr: "copier la citation de la question (presse-papiers)",
        help_en: "copy the question's citation (clipboard)",
    },
    Binding {
        keys: &[ch('!')],
        action: Action::ToggleDiagnostics,
        section: HelpSection::Other,
        help_fr: "diagnostics du chargement (fichiers ignorés, avertissements)",
        help_en: "load diagnostics (skipped files, warnings)",
    },
    Binding {
        keys: &[ch('?')],
        action: Action::ToggleHelp,
        section: HelpSection::Other,
        help_fr: "cette aide",
        help_en: "this help",
    },
    Binding {
        keys: &[ch('q'), ctrl('c')],
        action: Action::Quit,
        section: HelpSection::Other,
        help_fr: "quitter",
        help_en: "quit",
    },
];

/// Keys of the filter line; any other printable character is typed into it.
pub static FILTER: &[Binding] = &[
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::FilterAccept,
        section: HelpSection::Filter,
        help_fr: "garder le filtre, revenir à la liste",
        help_en: "keep the filter, back to the list",
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        action: Action::FilterCancel,
        section: HelpSection::Filter,
        help_fr: "effacer le filtre",
        help_en: "clear the filter",
    },
    Binding {
        keys: &[plain(KeyCode::Backspace)],
        action: Action::FilterBackspace,
        section: HelpSection::Filter,
        help_fr: "effacer le caractère précédent",
        help_en: "delete the previous character",
    },
    Binding {
        keys: &[plain(KeyCode::Delete)],
        action: Action::FilterDelete,
        section: HelpSection::Filter,
        help_fr: "effacer le caractère sous le curseur",
        help_en: "delete the character under the cursor",
    },
    Binding {
        keys: &[ctrl('w')],
        action: Action::FilterDeleteWord,
        section: HelpSection::Filter,
        help_fr: "effacer le mot précédent",
        help_en: "delete the previous word",
    },
    Binding {
        keys: &[plain(KeyCode::Left)],
        action: Action::FilterLeft,
        section: HelpSection::Filter,
        help_fr: "curseur à gauche",
        help_en: "cursor left",
    },
    Binding {
        keys: &[plain(KeyCode::Right)],
        action: Action::FilterRight,
        section: HelpSection::Filter,
        help_fr: "curseur à droite",
        help_en: "cursor right",
    },
    Binding {
        keys: &[plain(KeyCode::Home), ctrl('a')],
        action: Action::FilterHome,
        section: HelpSection::Filter,
        help_fr: "début de ligne",
        help_en: "start of line",
    },
    Binding {
        keys: &[plain(KeyCode::End), ctrl('e')],
        action: Action::FilterEnd,
        section: HelpSection::Filter,
        help_fr: "fin de ligne",
        help_en: "end of line",
    },
    Binding {
        keys: &[plain(KeyCode::Down)],
        action: Action::Down,
        section: HelpSection::Filter,
        help_fr: "question suivante sans quitter le filtre",
        help_en: "next question without leaving the filter",
    },
    Binding {
        keys: &[plain(KeyCode::Up)],
        action: Action::Up,
        section: HelpSection::Filter,
        help_fr: "question précédente sans quitter le filtre",
        help_en: "previous question without leaving the filter",
    },
    Binding {
        keys: &[ctrl('c')],
        action: Action::Quit,
        section: HelpSection::Other,
        help_fr: "quitter",
        help_en: "quit",
    },
];

/// Keys of the note editor; every other key edits the note (Enter inserts a new line).
pub static NOTE: &[Binding] = &[
    Binding {
        keys: &[ctrl('s')],
        action: Action::NoteSave,
        section: HelpSection::Review,
        help_fr: "enregistrer la note",
        help_en: "save the note",
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        action: Action::NoteCancel,
        section: HelpSection::Review,
        help_fr: "fermer sans enregistrer",
        help_en: "close without saving",
    },
];

/// How a key is written in the help.
pub fn key_label(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Espace".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// Normalises a key event: Shift is part of a typed character, not a modifier.
fn normalise(event: &KeyEvent) -> Key {
    let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    if let KeyCode::Char(c) = event.code {
        if mods.contains(KeyModifiers::CONTROL) {
            return Key {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                mods,
            };
        }
        mods.remove(KeyModifiers::SHIFT);
    }
    Key {
        code: event.code,
        mods,
    }
}

fn lookup(table: &[Binding], key: Key) -> Option<Action> {
    table
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action.clone())
}

/// The action of a key on the main screen.
pub fn normal_action(event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    lookup(NORMAL, normalise(event))
}

/// The action of a key in the filter line.
pub fn filter_action(event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let key = normalise(event);
    if let Some(action) = lookup(FILTER, key) {
        return Some(action);
    }
    match key.code {
        KeyCode::Char(c) if key.mods.is_empty() && !c.is_control() => Some(Action::FilterInsert(c)),
        _ => None,
    }
}

/// The action of a key in the note editor.
pub fn note_action(event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    lookup(NOTE, normalise(event)).or(Some(Action::NoteInput(*event)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_bound_once_per_table() {
        for table in [NORMAL, FILTER, NOTE] {
            let mut seen = Vec::new();
            for b in table {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn shifted_letters_and_control_keys() {
        let shift_s = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT);
        assert_eq!(normal_action(&shift_s), Some(Action::ReverseSort));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(normal_action(&ctrl_c), Some(Action::Quit));
        assert_eq!(filter_action(&ctrl_c), Some(Action::Quit));
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(filter_action(&q), Some(Action::FilterInsert('q')));
    }
}
