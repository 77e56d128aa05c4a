//! The library's words: why a library, a named dossier or a dossier name could not be used.

use super::{Lang, NB};
use crate::library::dossiers::DossierError;

/// Why a library or a named dossier could not be opened.
pub fn origin_error(lang: Lang, e: &crate::library::OriginError) -> String {
    use crate::library::OriginError;
    match e {
        OriginError::Library(e) => library_error(lang, e),
        OriginError::UnknownDossier(name) => lang.pick(
            format!("aucun dossier nommé «{NB}{name}{NB}» dans la bibliothèque (voir `dossier dossiers list`)"),
            format!("no dossier named '{name}' in the library (see `dossier dossiers list`)"),
        ),
        OriginError::BadQuery(name, q) => lang.pick(
            format!("la requête du dossier «{NB}{name}{NB}» n'est plus valide{NB}: {}", super::query::error(lang, &q.kind)),
            format!("the query of dossier '{name}' is no longer valid: {}", super::query::error(lang, &q.kind)),
        ),
    }
}

/// What went wrong with the library.
pub fn library_error(lang: Lang, e: &crate::library::LibraryError) -> String {
    use crate::library::LibraryError;
    let shown = |p: &std::path::Path| {
        crate::text::sanitize::terminal_line(&p.display().to_string()).into_owned()
    };
    match e {
        LibraryError::Io {
            action,
            path,
            source,
        } => {
            let what = match (lang, *action) {
                (Lang::Fr, "reading") => "lecture de",
                (Lang::Fr, "writing") => "écriture de",
                (Lang::Fr, "replacing") => "remplacement de",
                (Lang::Fr, "creating") => "création de",
                (Lang::Fr, "locking") => "verrouillage de",
                (Lang::Fr, _) => "accès à",
                (Lang::En, a) => a,
            };
            let reason =
                super::load::io_reason(lang, &crate::parse::problem::IoReason::from(source));
            lang.pick(
                format!(
                    "bibliothèque{NB}: {what} {} impossible{NB}: {reason}",
                    shown(path)
                ),
                format!("library: {what} {} failed: {reason}", shown(path)),
            )
        }
        LibraryError::Damaged { path, what } => lang.pick(
            format!(
                "la bibliothèque {} est endommagée ({what}){NB}: elle est laissée telle quelle ; \
                 déplacez-la puis réimportez vos archives",
                shown(path)
            ),
            format!(
                "the library {} is damaged ({what}): it is left as it is; move it away and \
                 import your archives again",
                shown(path)
            ),
        ),
        LibraryError::OtherVersion(path) => lang.pick(
            format!(
                "la bibliothèque {} vient d'une autre version de dossier",
                shown(path)
            ),
            format!(
                "the library {} was written by another version of dossier",
                shown(path)
            ),
        ),
        LibraryError::Busy(path) => lang.pick(
            format!(
                "un autre import est en cours dans {}{NB}: réessayez ensuite",
                shown(path)
            ),
            format!(
                "another import is running in {}: try again when it is done",
                shown(path)
            ),
        ),
        LibraryError::BadDossiers { path, what } => lang.pick(
            format!(
                "{}{NB}: fichier des dossiers illisible ({what})",
                shown(path)
            ),
            format!("{}: unreadable dossiers file ({what})", shown(path)),
        ),
    }
}

/// Why a named dossier was not saved, removed or opened.
pub fn dossier_error(lang: Lang, e: &DossierError) -> String {
    match e {
        DossierError::BadName(name) => {
            bad_dossier_name(lang, &crate::text::sanitize::terminal_line(name))
        }
        DossierError::BadQuery(q) => {
            super::query::invalid_query(lang, &super::query::error(lang, &q.kind))
        }
        DossierError::ReviewTerms => dossier_review_terms(lang).to_string(),
        DossierError::Unknown(name) => origin_error(
            lang,
            &crate::library::OriginError::UnknownDossier(name.clone()),
        ),
    }
}

/// A dossier name refused.
pub fn bad_dossier_name(lang: Lang, name: &str) -> String {
    lang.pick(
        format!("nom de dossier refusé «{NB}{name}{NB}»{NB}: de 1 à 64 caractères, sans / ni \\ ni caractère de contrôle ni espace au bord"),
        format!("dossier name '{name}' refused: 1 to 64 characters, no / or \\, no control character, no space at either end"),
    )
}

/// A dossier's query may not use review marks.
pub fn dossier_review_terms(lang: Lang) -> &'static str {
    lang.pick(
        "la requête d'un dossier ne peut pas porter sur les marques de revue (is:reviewed, is:flagged, has:note, is:changed)\u{a0}: elles appartiennent au dossier",
        "a dossier's query cannot use review marks (is:reviewed, is:flagged, has:note, is:changed): they belong to the dossier",
    )
}
