//! Errors of the filter language, worded from their kinds.

use super::{Lang, NB};
use crate::query::help::{ValueHelp, HAS_VALUES, IS_VALUES, KIND_VALUES, STATUS_VALUES};
use crate::query::{Expected, QueryErrorKind};

/// The accepted values of a field, in a language: English names first in English, the
/// French alias in French ("attente, repondu ou retire").
fn values(lang: Lang, table: &[ValueHelp], upper: bool) -> String {
    let names: Vec<String> = table
        .iter()
        .filter_map(|v| {
            let name = match lang {
                Lang::Fr => v.names.get(1).or(v.names.first()),
                Lang::En => v.names.first(),
            };
            name.map(|n| {
                if upper {
                    n.to_uppercase()
                } else {
                    n.to_string()
                }
            })
        })
        .collect();
    let or = lang.pick("ou", "or");
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {or} {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// What a field expects.
pub fn expected(lang: Lang, e: Expected) -> String {
    match e {
        Expected::Status => values(lang, STATUS_VALUES, false),
        Expected::Is => values(lang, IS_VALUES, false),
        Expected::Has => values(lang, HAS_VALUES, false),
        Expected::Kind => KIND_VALUES
            .iter()
            .filter_map(|v| v.names.first())
            .map(|n| n.to_uppercase())
            .collect::<Vec<_>>()
            .join(", "),
        Expected::Number => lang.pick("un nombre, ex. 17", "a number, e.g. 17").into(),
        Expected::Id => lang
            .pick("un identifiant, ex. 17-13809QE", "an id, e.g. 17-13809QE")
            .into(),
    }
}

/// The message of a query error outside the viewer (the command line), where `?` shows no
/// help: an unknown field is answered with the fields there are (the first of the names
/// each accepts; `dossier`'s documentation gives the others).
pub fn error_outside_viewer(lang: Lang, kind: &QueryErrorKind) -> String {
    match kind {
        QueryErrorKind::UnknownField(name) => {
            // Each field's first name, which both languages accept.
            let names: Vec<&str> = crate::query::help::FIELDS
                .iter()
                .filter_map(|f| f.names.first().copied())
                .collect();
            lang.pick(
                format!(
                    "champ inconnu «{NB}{name}:{NB}» (champs{NB}: {})",
                    names.join(", ")
                ),
                format!("unknown field `{name}:` (fields: {})", names.join(", ")),
            )
        }
        other => error(lang, other),
    }
}

/// The message of a query error, in the viewer (where `?` lists the fields).
pub fn error(lang: Lang, kind: &QueryErrorKind) -> String {
    match kind {
        QueryErrorKind::UnknownField(name) => lang.pick(
            format!("champ inconnu «{NB}{name}:{NB}» (? pour la liste)"),
            format!("unknown field `{name}:` (? lists them)"),
        ),
        QueryErrorKind::EmptyValue(name) => lang.pick(
            format!("rien après «{NB}{name}:{NB}»"),
            format!("nothing after `{name}:`"),
        ),
        QueryErrorKind::BadValue {
            field,
            value,
            expected: e,
        } => lang.pick(
            format!(
                "«{NB}{field}:{NB}» n'accepte pas «{NB}{value}{NB}» (attendu{NB}: {})",
                expected(lang, *e)
            ),
            format!(
                "`{field}:` does not accept `{value}` (expected {})",
                expected(lang, *e)
            ),
        ),
        QueryErrorKind::BadDate(value) => lang.pick(
            format!(
                "date «{NB}{value}{NB}» invalide (attendu{NB}: AAAA-MM-JJ, AAAA-MM, AAAA ou JJ/MM/AAAA)"
            ),
            format!("bad date `{value}` (expected YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY)"),
        ),
        QueryErrorKind::UnclosedQuote => lang.pick("guillemet non fermé", "unclosed quote").into(),
        QueryErrorKind::EmptyPhrase => lang.pick("expression vide", "empty phrase").into(),
        QueryErrorKind::LoneMinus => lang.pick("rien après «\u{a0}-\u{a0}»", "nothing after `-`").into(),
    }
}

/// An invalid query, above the caret line.
pub fn invalid_query(lang: Lang, message: &str) -> String {
    lang.pick(
        format!("filtre invalide{NB}: {message}"),
        format!("invalid query: {message}"),
    )
}
