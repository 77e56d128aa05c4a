//! The words of `dossier update`, both languages side by side.

use crate::update::{Archive, Failure, Holds, NotAnArchive, SourceError};
use chrono::NaiveDate;
use dossier_core::i18n::{Lang, NB};
use dossier_core::model::QuestionKind;

/// "17e" / "17th".
fn ordinal(lang: Lang, n: u16) -> String {
    match lang {
        Lang::Fr if n == 1 => "1re".into(),
        Lang::Fr => format!("{n}e"),
        Lang::En => {
            let suffix = match (n % 10, n % 100) {
                (1, 11) | (2, 12) | (3, 13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// What an archive holds, as a user names it: "Questions écrites, 17e législature".
pub fn archive(lang: Lang, archive: &Archive) -> String {
    let leg = ordinal(lang, archive.legislature);
    match archive.holds {
        Holds::Questions(kind) => {
            let (fr, en) = match kind {
                QuestionKind::Written => ("Questions écrites", "Written questions"),
                QuestionKind::Government => {
                    ("Questions au Gouvernement", "Questions to the Government")
                }
                QuestionKind::Oral => (
                    "Questions orales sans débat",
                    "Oral questions without debate",
                ),
            };
            lang.pick(
                format!("{fr}, {leg} législature"),
                format!("{en}, {leg} legislature"),
            )
        }
        Holds::Deputies => lang.pick(
            "Députés, mandats et groupes (AMO)".to_string(),
            "Deputies, mandates and groups (AMO)".to_string(),
        ),
    }
}

/// A short name for a progress bar: "QE 17e", "AMO".
pub fn short(lang: Lang, archive: &Archive) -> String {
    match archive.holds {
        Holds::Questions(kind) => format!("{} {}", kind.code(), ordinal(lang, archive.legislature)),
        Holds::Deputies => "AMO".into(),
    }
}

/// A size: "512 octets", "12,3 Ko", "45,2 Mo" / "512 bytes", "12.3 KB", "45.2 MB".
pub fn size(lang: Lang, bytes: u64) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    let (value, fr, en) = if b < K {
        return lang.count(bytes as usize, ("octet", "octets"), ("byte", "bytes"));
    } else if b < K * K {
        (b / K, "Ko", "KB")
    } else if b < K * K * K {
        (b / (K * K), "Mo", "MB")
    } else {
        (b / (K * K * K), "Go", "GB")
    };
    let number = format!("{value:.1}");
    lang.pick(
        format!("{}{NB}{fr}", number.replace('.', ",")),
        format!("{number} {en}"),
    )
}

/// The progress bar's template: the bar, bytes done and in all, the rate, the time left
/// (`{done}`, `{total}`, `{rate}` and `{left}` are worded by [`size`], [`rate`], [`left`]).
pub fn bar_template(lang: Lang, total_known: bool) -> &'static str {
    match (lang, total_known) {
        (Lang::Fr, true) => "{prefix:>8} [{bar:30}] {done} sur {total}, {rate}, reste {left}",
        (Lang::En, true) => "{prefix:>8} [{bar:30}] {done} of {total}, {rate}, {left} left",
        (_, false) => "{prefix:>8} {spinner} {done}, {rate}",
    }
}

/// A rate: "1,5 Mo/s" / "1.5 MB/s".
pub fn rate(lang: Lang, bytes_per_sec: f64) -> String {
    format!("{}/s", size(lang, bytes_per_sec.max(0.0) as u64))
}

/// Time left: "4 s", "2 min 05 s", "1 h 02 min".
pub fn left(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs}{NB}s"),
        60..3600 => format!("{}{NB}min{NB}{:02}{NB}s", secs / 60, secs % 60),
        _ => format!("{}{NB}h{NB}{:02}{NB}min", secs / 3600, secs % 3600 / 60),
    }
}

/// `name : what` in the language's typography.
fn line(lang: Lang, name: &str, what: &str) -> String {
    format!("{}{what}", lang.colon(name))
}

/// A new version downloaded.
pub fn downloaded(lang: Lang, a: &Archive, bytes: u64, resumed_from: u64) -> String {
    let size = size(lang, bytes);
    let what = if resumed_from > 0 {
        let from = self::size(lang, resumed_from);
        lang.pick(
            format!("archive téléchargée, {size} (reprise à {from})"),
            format!("downloaded, {size} (resumed at {from})"),
        )
    } else {
        lang.pick(
            format!("archive téléchargée, {size}"),
            format!("downloaded, {size}"),
        )
    };
    line(lang, &archive(lang, a), &what)
}

/// The server's version is the one kept (a 304): since when it is, and whether it is still
/// to be imported into this library.
pub fn not_modified(lang: Lang, a: &Archive, since: Option<NaiveDate>, to_import: bool) -> String {
    let mut what = match since {
        Some(d) => lang.pick(
            format!("rien de nouveau depuis le {}", lang.date(d)),
            format!("nothing new since {}", lang.date(d)),
        ),
        None => lang.pick("rien de nouveau".into(), "nothing new".into()),
    };
    if to_import {
        what.push_str(lang.pick(
            " (pas encore dans la bibliothèque)",
            " (not in the library yet)",
        ));
    }
    line(lang, &archive(lang, a), &what)
}

/// Why an archive could not be fetched, in one line naming its URL; `kept`: a copy
/// downloaded before is still there.
pub fn failed(lang: Lang, a: &Archive, url: &str, failure: &Failure, kept: bool) -> String {
    let why = failure_words(lang, a, failure);
    let mut text = format!("{}{}{why}", lang.colon(&archive(lang, a)), lang.colon(url));
    if kept {
        text.push_str(lang.pick(
            &format!("{NB}; la copie téléchargée avant est gardée"),
            "; the copy downloaded before is kept",
        ));
    }
    text
}

/// What went wrong, as a user can act on it.
fn failure_words(lang: Lang, a: &Archive, failure: &Failure) -> String {
    match failure {
        Failure::HostNotFound => lang.pick(
            format!("serveur introuvable (pas de réseau, ou une adresse mal écrite{NB}?)"),
            "host not found (no network, or a mistyped address?)".into(),
        ),
        Failure::NoNetwork => lang.pick(
            "pas de réseau (aucune route vers le serveur)".into(),
            "no network (no route to the server)".into(),
        ),
        Failure::Refused => lang.pick(
            "connexion refusée (rien n'écoute à cette adresse)".into(),
            "connection refused (nothing listens at that address)".into(),
        ),
        Failure::Timeout(secs) => lang.pick(
            format!("pas de réponse en {secs}{NB}s (délai `timeout` de [update])"),
            format!("no answer within {secs} s (the `timeout` of [update])"),
        ),
        Failure::Status(code) => {
            let (fr, en) = match code {
                404 | 410 => ("introuvable", "not found"),
                401 | 403 => ("accès refusé", "access denied"),
                429 => ("trop de demandes", "too many requests"),
                500..=599 => ("erreur du serveur", "server error"),
                _ => ("", ""),
            };
            if fr.is_empty() {
                lang.pick(
                    format!("le serveur a répondu {code}"),
                    format!("the server answered {code}"),
                )
            } else {
                lang.pick(
                    format!("le serveur a répondu {code} ({fr})"),
                    format!("the server answered {code} ({en})"),
                )
            }
        }
        Failure::Truncated {
            received,
            expected,
            resumable,
        } => {
            let at = match expected {
                Some(total) => lang.pick(
                    format!("{} sur {}", size(lang, *received), size(lang, *total)),
                    format!("{} of {}", size(lang, *received), size(lang, *total)),
                ),
                None => size(lang, *received),
            };
            if *resumable {
                lang.pick(
                    format!("téléchargement interrompu à {at}{NB}; la prochaine mise à jour le reprendra"),
                    format!("download cut short at {at}; the next update resumes it"),
                )
            } else {
                lang.pick(
                    "téléchargement interrompu (le serveur ne permet pas de le reprendre)".into(),
                    "download cut short (the server does not allow resuming it)".into(),
                )
            }
        }
        Failure::Html => lang.pick(
            format!("le serveur a envoyé une page HTML au lieu d'une archive zip (une page d'erreur{NB}?)"),
            "the server sent an HTML page instead of a zip archive (an error page?)".into(),
        ),
        Failure::NotAZip(kind) => lang.pick(
            format!("ce n'est pas une archive zip ({kind})"),
            format!("not a zip archive ({kind})"),
        ),
        Failure::NotAnArchive(why) => {
            let expected = match a.holds {
                Holds::Questions(_) => lang.pick("de questions de l'Assemblée", "of Assemblée questions"),
                Holds::Deputies => lang.pick("des données AMO des députés", "of the deputies' AMO data"),
            };
            match why {
                // Worded as an import of the same file words it.
                NotAnArchive::BadZip(problem) => dossier_core::i18n::load::problem(lang, problem),
                NotAnArchive::Empty => lang.pick(
                    format!("archive zip vide, et non l'archive {expected}"),
                    format!("an empty zip archive, not the archive {expected}"),
                ),
                NotAnArchive::Other(first) => lang.pick(
                    format!("ce n'est pas l'archive {expected} ({first}…)"),
                    format!("not the archive {expected} ({first}…)"),
                ),
            }
        }
        Failure::TooBig(limit) => lang.pick(
            format!("plus de {} (`max_size_mb` de [update])", size(lang, *limit)),
            format!("larger than {} (the `max_size_mb` of [update])", size(lang, *limit)),
        ),
        Failure::Downgraded => lang.pick(
            "redirigé vers une adresse http:// non chiffrée, refusée".into(),
            "redirected to an unencrypted http:// address, refused".into(),
        ),
        Failure::Tls(e) => lang.pick(format!("échec TLS ({e})"), format!("TLS failed ({e})")),
        Failure::Proxy(e) => lang.pick(
            format!("le proxy a échoué ({e})"),
            format!("the proxy failed ({e})"),
        ),
        Failure::Protocol(e) => lang.pick(
            format!("réponse incorrecte du serveur ({e})"),
            format!("a bad answer from the server ({e})"),
        ),
        Failure::Disk { path, error } => lang.pick(
            format!("écriture impossible dans {path}{NB}: {error}"),
            format!("cannot write {path}: {error}"),
        ),
    }
}

/// An update brought a new legislature: the previous one's pending questions lapsed.
pub fn new_legislature(lang: Lang, legislature: u16, lapsed: usize) -> String {
    let leg = ordinal(lang, legislature);
    let previous = ordinal(lang, legislature.saturating_sub(1));
    let n = lang.number(lapsed);
    lang.pick(
        format!("La {leg} législature est en cours{NB}: les questions restées sans réponse de la {previous} sont caduques ({n})."),
        format!("The {leg} legislature is in session: the questions the {previous} left unanswered lapsed ({n})."),
    )
}

/// The repository URL refused.
pub fn source_error(lang: Lang, e: &SourceError) -> String {
    match e {
        SourceError::NotAUrl(url) => lang.pick(
            format!("«{NB}{url}{NB}» n'est pas une adresse https:// (DOSSIER_UPDATE_URL ou `base_url` de [update])"),
            format!("`{url}` is not an https:// URL (DOSSIER_UPDATE_URL or the `base_url` of [update])"),
        ),
        SourceError::Insecure(url) => lang.pick(
            format!("{url}{NB}: une adresse http:// n'est acceptée que pour cette machine (127.0.0.1, localhost) ou avec --insecure-http"),
            format!("{url}: an http:// URL is only accepted for this machine (127.0.0.1, localhost) or with --insecure-http"),
        ),
    }
}

/// The configuration asks for no archive.
pub fn nothing_configured(lang: Lang) -> &'static str {
    lang.pick(
        "rien à télécharger\u{a0}: [update] ne demande aucune législature ni type de question, et amo = false",
        "nothing to download: [update] asks for no legislature or kind of question, and amo = false",
    )
}

/// No cache folder could be found.
pub fn no_cache_dir(lang: Lang) -> &'static str {
    lang.pick(
        "pas de dossier de cache où garder les archives (HOME n'est pas défini)",
        "no cache folder to keep the archives in (HOME is not set)",
    )
}

/// Another update holds the downloads folder.
pub fn busy(lang: Lang, dir: &str) -> String {
    lang.pick(
        format!("une autre mise à jour est en cours dans {dir}"),
        format!("another update is running in {dir}"),
    )
}

/// The downloads folder cannot be used.
pub fn cache_unusable(lang: Lang, dir: &str, why: &str) -> String {
    lang.pick(format!("{dir}{NB}: {why}"), format!("{dir}: {why}"))
}

/// Every archive is the one imported: nothing to do.
pub fn up_to_date(lang: Lang) -> &'static str {
    lang.pick("La bibliothèque est à jour.", "The library is up to date.")
}

/// Some archives could not be fetched.
pub fn some_failed(lang: Lang, failed: usize, total: usize, imported: bool) -> String {
    let n = lang.count(failed, ("archive", "archives"), ("archive", "archives"));
    let rest = if imported {
        lang.pick("les autres sont importées", "the others are imported")
    } else {
        lang.pick(
            "la bibliothèque n'a pas changé",
            "the library has not changed",
        )
    };
    lang.pick(
        format!(
            "{n} sur {total} non mise{} à jour{NB}; {rest}",
            if failed > 1 { "s" } else { "" }
        ),
        format!("{n} of {total} not updated; {rest}"),
    )
}

/// `--dry-run`'s heading.
pub fn dry_run_heading(lang: Lang, base: &str, proxy: Option<&str>) -> String {
    let via = match proxy {
        Some(p) => lang.pick(
            format!(", par le proxy {p}"),
            format!(", through the proxy {p}"),
        ),
        None => String::new(),
    };
    lang.pick(
        format!("Depuis {base}{via} (--dry-run{NB}: rien n'est téléchargé)"),
        format!("From {base}{via} (--dry-run: nothing is downloaded)"),
    )
}

/// What the cache holds of an archive, for `--dry-run`.
pub fn cache_holds(
    lang: Lang,
    copy: Option<(u64, Option<NaiveDate>, bool)>,
    partial: Option<u64>,
) -> String {
    let mut parts = Vec::new();
    match copy {
        None => parts.push(lang.pick(
            "archive pas encore téléchargée".to_string(),
            "not downloaded yet".to_string(),
        )),
        Some((bytes, date, imported)) => {
            let size = size(lang, bytes);
            let date = date.map(|d| lang.date(d));
            parts.push(match date {
                Some(d) => lang.pick(
                    format!("archive en cache ({size}, du {d})"),
                    format!("in the cache ({size}, of {d})"),
                ),
                None => lang.pick(
                    format!("archive en cache ({size})"),
                    format!("in the cache ({size})"),
                ),
            });
            parts.push(if imported {
                lang.pick("déjà importée".into(), "imported".into())
            } else {
                lang.pick("pas encore importée".into(), "not imported yet".into())
            });
        }
    }
    if let Some(bytes) = partial {
        parts.push(lang.pick(
            format!(
                "un téléchargement interrompu à {} reprendra",
                size(lang, bytes)
            ),
            format!("a download cut short at {} will resume", size(lang, bytes)),
        ));
    }
    parts.join(lang.pick(", ", ", "))
}

/// `--dry-run`'s last line.
pub fn dry_run_library(lang: Lang, dir: &str) -> String {
    lang.pick(
        format!("Puis importées dans la bibliothèque {dir}"),
        format!("Then imported into the library {dir}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_ordinals_in_each_typography() {
        assert_eq!(size(Lang::Fr, 512), "512 octets");
        assert_eq!(size(Lang::En, 1), "1 byte");
        assert_eq!(size(Lang::Fr, 47_395_635), "45,2\u{a0}Mo");
        assert_eq!(size(Lang::En, 47_395_635), "45.2 MB");
        assert_eq!(ordinal(Lang::Fr, 17), "17e");
        assert_eq!(ordinal(Lang::En, 21), "21st");
        assert_eq!(ordinal(Lang::En, 11), "11th");
        assert_eq!(ordinal(Lang::En, 17), "17th");
        assert_eq!(rate(Lang::Fr, 1_572_864.0), "1,5\u{a0}Mo/s");
        assert_eq!(left(4), "4\u{a0}s");
        assert_eq!(left(125), "2\u{a0}min\u{a0}05\u{a0}s");
        assert_eq!(left(3720), "1\u{a0}h\u{a0}02\u{a0}min");
    }
}
