//! Terms of the query written for the user, from the query language's own table of names
//! (English first, then French): `u` and `o` add or take away `statut:attente` and
//! `est:retard` (`status:pending`, `is:overdue` in English) in the filter itself, and going
//! to a related question not shown writes `proche:ID`. There is one filter: what the list
//! shows is what the filter line says.

use dossier_core::i18n::Lang;
use dossier_core::model::Status;
use dossier_core::query::help::{Field, Flag, ValueHelp, FIELDS, IS_VALUES, STATUS_VALUES};
use dossier_core::query::Query;

/// A term a key toggles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quick {
    /// Questions waiting for an answer.
    Unanswered,
    /// Questions past their deadline.
    Overdue,
}

/// A name of the table in the user's language (the English one when it has no other).
fn named(names: &'static [&'static str], lang: Lang) -> &'static str {
    let i = lang.pick(1, 0);
    names.get(i).or(names.first()).copied().unwrap_or_default()
}

fn field(field: Field, lang: Lang) -> &'static str {
    FIELDS
        .iter()
        .find(|f| f.field == field)
        .map_or("", |f| named(f.names, lang))
}

fn value(table: &'static [ValueHelp], flag: Flag, lang: Lang) -> &'static str {
    table
        .iter()
        .find(|v| v.flag == flag)
        .map_or("", |v| named(v.names, lang))
}

/// The term, in the user's language.
pub fn term(quick: Quick, lang: Lang) -> String {
    let (f, v) = match quick {
        Quick::Unanswered => (
            field(Field::Status, lang),
            value(STATUS_VALUES, Flag::Status(Status::Pending), lang),
        ),
        Quick::Overdue => (
            field(Field::Is, lang),
            value(IS_VALUES, Flag::Overdue, lang),
        ),
    };
    format!("{f}:{v}")
}

/// The term that shows a question and those related to it.
pub fn similar(id: &str, lang: Lang) -> String {
    format!("{}:{id}", field(Field::Similar, lang))
}

/// The filter text with `term` taken away where it stands as a word of its own (in either
/// language or any spelling: any word that means the same), or added at its end.
pub fn toggle(text: &str, term: &str) -> String {
    let Ok(wanted) = Query::parse(term) else {
        return text.to_string();
    };
    let mut kept = String::new();
    let mut found = false;
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.len() - rest.trim_start().len();
        let word_len = rest[start..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        if !word.is_empty() && Query::parse(word).is_ok_and(|q| q == wanted) {
            found = true;
        } else {
            kept.push_str(&rest[..start + word_len]);
        }
        rest = &rest[start + word_len..];
    }
    if found {
        return kept.trim().to_string();
    }
    let text = text.trim_end();
    if text.is_empty() {
        term.to_string()
    } else {
        format!("{text} {term}")
    }
}

/// True when the filter holds `term` as a word of its own.
pub fn holds(text: &str, term: &str) -> bool {
    toggle(text, term).len() < text.trim().len() || text.trim() == term
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_come_from_the_table_in_each_language() {
        assert_eq!(term(Quick::Unanswered, Lang::Fr), "statut:attente");
        assert_eq!(term(Quick::Overdue, Lang::En), "is:overdue");
        assert_eq!(similar("17-1QE", Lang::Fr), "proche:17-1QE");
    }

    #[test]
    fn a_term_is_added_then_taken_away_in_any_spelling() {
        assert_eq!(toggle("asalee", "statut:attente"), "asalee statut:attente");
        assert_eq!(toggle("asalee statut:attente", "statut:attente"), "asalee");
        assert_eq!(toggle("status:pending asalee", "statut:attente"), "asalee");
        assert_eq!(toggle("", "est:retard"), "est:retard");
        assert!(holds("a is:overdue", "est:retard"));
        assert!(!holds("a", "est:retard"));
    }
}
