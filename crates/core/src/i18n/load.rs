//! Diagnostics of a load, worded from their kinds.

use super::{Lang, NB};
use crate::limits::show_bytes;
use crate::parse::problem::{FileKind, IoReason, Problem};
use std::io::ErrorKind;

/// What kind of file it is, in words.
fn file_kind(lang: Lang, kind: FileKind) -> &'static str {
    match kind {
        FileKind::Pdf => lang.pick("un document PDF", "a PDF document"),
        FileKind::Png => lang.pick("une image PNG", "a PNG image"),
        FileKind::Jpeg => lang.pick("une image JPEG", "a JPEG image"),
        FileKind::Gif => lang.pick("une image GIF", "a GIF image"),
        FileKind::Zip => lang.pick(
            "une archive ZIP (ou un fichier Word/OpenDocument)",
            "a ZIP archive (or a Word/OpenDocument file)",
        ),
        FileKind::OldOffice => lang.pick(
            "un ancien document Microsoft Office",
            "an old Microsoft Office document",
        ),
        FileKind::Rtf => lang.pick("un document RTF", "an RTF document"),
        FileKind::Elf => lang.pick(
            "un programme (exécutable ELF)",
            "a program (ELF executable)",
        ),
        FileKind::Gzip => lang.pick("une archive gzip", "a gzip archive"),
    }
}

/// A system error in the user's language (the system's own words for the rare kinds).
pub fn io_reason(lang: Lang, reason: &IoReason) -> String {
    match (lang, reason.kind) {
        (Lang::Fr, ErrorKind::NotFound) => "fichier ou dossier introuvable".into(),
        (Lang::Fr, ErrorKind::PermissionDenied) => "permission refusée".into(),
        (Lang::Fr, ErrorKind::IsADirectory) => "c'est un dossier".into(),
        (Lang::Fr, ErrorKind::WouldBlock) => "le fichier est occupé".into(),
        (Lang::Fr, ErrorKind::InvalidData) => format!("données invalides ({})", reason.text),
        (Lang::Fr, _) => format!("erreur système{NB}: {}", reason.text),
        (Lang::En, _) => reason.text.clone(),
    }
}

/// The message of a problem.
pub fn problem(lang: Lang, p: &Problem) -> String {
    use Problem::*;
    match p {
        NotADocument(kind) => lang.pick(
            format!("c'est {}, pas un document de question", file_kind(lang, *kind)),
            format!("this is {}, not a question document", file_kind(lang, *kind)),
        ),
        BinaryNul => lang.pick(
            "données binaires (octets NUL), pas un document texte",
            "binary data (NUL bytes), not a text document",
        )
        .into(),
        BinaryControls => lang.pick(
            "données binaires (caractères de contrôle), pas un document texte",
            "binary data (control characters), not a text document",
        )
        .into(),
        Windows1252 => lang.pick(
            format!("pas en UTF-8{NB}: lu comme Windows-1252/Latin-1{NB}; vérifiez les lettres accentuées"),
            "not UTF-8: read as Windows-1252/Latin-1; check accented letters".into(),
        ),
        TruncatedUtf8 => lang.pick(
            format!("le fichier s'arrête au milieu d'un caractère{NB}: il semble tronqué"),
            "the file ends in the middle of a character: it looks truncated".into(),
        ),
        DamagedUtf8 => lang.pick(
            format!("octets UTF-8 invalides remplacés par \u{fffd}{NB}: le fichier semble abîmé"),
            "invalid UTF-8 bytes replaced by \u{fffd}: the file looks damaged".into(),
        ),
        Utf16 => lang.pick(
            format!("fichier UTF-16{NB}: lu comme tel{NB}; l'enregistrer en UTF-8 est plus sûr"),
            "UTF-16 file: read as UTF-16; saving it as UTF-8 is safer".into(),
        ),
        ControlsRemoved(n) => lang.pick(
            format!("{n} caractère(s) de contrôle (NUL, échappement…) supprimé(s){NB}: le fichier semble abîmé"),
            format!("{n} control character(s) (NUL, escape, …) removed: the file looks damaged"),
        ),
        EmptyFile => lang.pick("fichier vide", "empty file").into(),
        BlankFile => lang.pick(
            format!("seulement des lignes vides et des espaces{NB}: pas un document de question"),
            "only blank lines and spaces: not a question document".into(),
        ),
        LineTooLong { bytes, limit } => lang.pick(
            format!(
                "ligne de {}, au-delà de la limite de {}{NB}: pas un document de question",
                show_bytes(*bytes),
                show_bytes(*limit)
            ),
            format!(
                "line is {} long, over the {} limit: not a question document",
                show_bytes(*bytes),
                show_bytes(*limit)
            ),
        ),
        BadLegislature(l) => lang.pick(
            format!("législature « {l} » invalide"),
            format!("legislature '{l}' is not valid"),
        ),
        UnknownKind(k) => lang.pick(
            format!("type de question inconnu « {k} »"),
            format!("unknown question type '{k}'"),
        ),
        NumberWithoutDigits(v) => lang.pick(
            format!("numéro de question « {v} » sans chiffres"),
            format!("question number '{v}' has no digits"),
        ),
        NumberTooLarge(d) => lang.pick(
            format!("le numéro {d} est trop grand pour un numéro de question"),
            format!("question number {d} is too large to be a question number"),
        ),
        ImpossibleDate { date, label } => lang.pick(
            format!("date impossible « {date} » dans « {label} »{NB}: ligne ignorée"),
            format!("impossible date '{date}' in '{label}': line ignored"),
        ),
        NoDate { label, value } => lang.pick(
            format!("pas de date dans « {label}{NB}: {value} »{NB}: ligne ignorée"),
            format!("no date found in '{label} : {value}': line ignored"),
        ),
        TextAfterDate {
            label,
            rest,
            recovered: true,
        } => lang.pick(
            format!(
                "texte collé après la date de « {label} »{NB}: « {rest} » lu comme une ligne à \
                 part (saut de ligne perdu{NB}?)"
            ),
            format!(
                "text glued after the date of '{label}': '{rest}' read as a line of its own (a \
                 lost line break?)"
            ),
        ),
        TextAfterDate { label, rest, .. } => lang.pick(
            format!(
                "texte collé après la date de « {label} »{NB}: « {rest} » (saut de ligne perdu{NB}? \
                 un événement a pu être perdu)"
            ),
            format!(
                "text glued after the date of '{label}': '{rest}' (a lost line break? an event \
                 may have been lost)"
            ),
        ),
        NumberMismatch { field, heading, used } => lang.pick(
            format!("le numéro {field} diffère du n° {heading} de l'en-tête{NB}; {used} retenu"),
            format!("question number {field} differs from the heading's n° {heading}; using {used}"),
        ),
        NoNumber => lang.pick(
            format!(
                "pas de numéro de question{NB}: « Question écrite n° … » ou « Numéro de la \
                 question{NB}: … » attendu{NB}; pas un document de question"
            ),
            "no question number: expected 'Question écrite n° …' or 'Numéro de la question : …'; \
             not a question document"
                .into(),
        ),
        NoKind => lang.pick(
            format!("type de question introuvable{NB}: lue comme une question écrite (QE)"),
            "question type not found: taken as a written question (QE)".into(),
        ),
        LegislatureAssumed(l) => lang.pick(
            format!("pas de ligne de législature{NB}: {l}e législature déduite des dates"),
            format!("no legislature line: {l}th legislature assumed from the dates"),
        ),
        NoLegislature => lang.pick(
            "pas de ligne de législature (ex. « 17ème législature ») ni de date pour la déduire"
                .to_string(),
            "no legislature line (e.g. '17ème législature') and no date to infer it from".into(),
        ),
        NoPublication => lang.pick(
            format!("pas de ligne « Question publiée au JO le »{NB}: échéance inconnue"),
            "no 'Question publiée au JO le' line: deadline unknown".into(),
        ),
        NoAuthor => lang.pick(
            format!("pas d'auteur (« Auteur{NB}: … »)"),
            "no author ('Auteur : …')".into(),
        ),
        AnswerWithoutDate => lang.pick(
            format!(
                "texte de réponse sans « Réponse publiée au JO le »{NB}: comptée comme répondue, \
                 date inconnue"
            ),
            "answer text without 'Réponse publiée au JO le': counted as answered, date unknown"
                .into(),
        ),
        InvalidJson(why) => lang.pick(format!("JSON invalide{NB}: {why}"), format!("invalid JSON: {why}")),
        InvalidXml(why) => lang.pick(format!("XML invalide{NB}: {why}"), format!("invalid XML: {why}")),
        UnknownSchema(what) => lang.pick(
            format!("schéma inconnu ({what}){NB}: ni question, ni acteur, ni organe"),
            format!("unknown schema ({what}): neither a question, an acteur nor an organe"),
        ),
        WrongType { field, expected } => lang.pick(
            format!("« {field} »{NB}: {expected} attendu"),
            format!("'{field}': expected {expected}"),
        ),
        BadArchive(why) => lang.pick(
            format!("archive illisible{NB}: {why}"),
            format!("unreadable archive: {why}"),
        ),
        UnresolvedAuthor(r) => lang.pick(
            format!("auteur {r} introuvable dans les données AMO fournies{NB}: affiché par sa référence"),
            format!("author {r} not found in the AMO data given: shown by its reference"),
        ),
        OpenData(why) => why.clone(),
        CannotOpen(r) => lang.pick(
            format!("impossible d'ouvrir{NB}: {}", io_reason(lang, r)),
            format!("cannot open: {}", io_reason(lang, r)),
        ),
        CannotRead(r) => lang.pick(
            format!("illisible{NB}: {}", io_reason(lang, r)),
            format!("cannot read: {}", io_reason(lang, r)),
        ),
        TooManyFiles(max) => lang.pick(
            format!("plus de {max} fichiers{NB}: le reste n'est pas lu"),
            format!("more than {max} files: the rest was not read"),
        ),
        NotRegular => lang.pick(
            "pas un fichier ordinaire (FIFO, périphérique ou socket)",
            "not a regular file (FIFO, device or socket)",
        )
        .into(),
        TooDeep(max) => lang.pick(
            format!("dossier imbriqué à plus de {max} niveaux{NB}: non lu"),
            format!("directory nested deeper than {max} levels: not read"),
        ),
        SymlinkLoop => lang.pick(
            format!("boucle de liens symboliques{NB}: non suivie"),
            "symbolic link loop: not followed".into(),
        ),
        TooBig { size, limit } => lang.pick(
            format!(
                "le fichier fait {}, au-delà de la limite de {} pour un document",
                show_bytes(*size),
                show_bytes(*limit)
            ),
            format!(
                "file is {}, over the {} limit for a question document",
                show_bytes(*size),
                show_bytes(*limit)
            ),
        ),
        GrewWhileRead(limit) => lang.pick(
            format!("le fichier a dépassé {} pendant sa lecture", show_bytes(*limit)),
            format!("file grew over the {} limit while read", show_bytes(*limit)),
        ),
        Cancelled => lang.pick("chargement interrompu", "load cancelled").into(),
        CacheIgnored(why) => {
            use crate::parse::problem::CacheReason;
            let why = match why {
                CacheReason::OtherVersion => lang
                    .pick("écrit par une autre version", "written by another version")
                    .to_string(),
                CacheReason::Damaged(what) => lang.pick(
                    format!("endommagé ({what})"),
                    format!("damaged ({what})"),
                ),
                CacheReason::Unreadable(what) => lang.pick(
                    format!("illisible ({what})"),
                    format!("unreadable ({what})"),
                ),
            };
            lang.pick(
                format!("cache ignoré, {why}{NB}: tout a été relu, il sera réécrit"),
                format!("cache ignored, {why}: every file was read again; it will be rewritten"),
            )
        }
        Duplicate { kept, id, more_complete } => {
            let why = match (lang, more_complete) {
                (Lang::Fr, true) => "c'est la copie la plus complète ou la plus récente",
                (Lang::Fr, false) => "elle en dit autant et a été trouvée d'abord",
                (Lang::En, true) => "it is the more complete or more recent copy",
                (Lang::En, false) => "it tells as much, and was found first",
            };
            lang.pick(
                format!("doublon de {kept} (même identifiant {id}){NB}: {kept} gardé, car {why}"),
                format!("duplicate of {kept} (same id {id}): kept {kept}, as {why}"),
            )
        }
        SamePath(other) => lang.pick(
            format!("même fichier que {other}{NB}: lu une fois"),
            format!("same file as {other}: read once"),
        ),
    }
}

/// "avertissement" / "warning", "ignoré" / "skipped".
pub fn severity(lang: Lang, skipped: bool) -> &'static str {
    match (lang, skipped) {
        (Lang::Fr, false) => "avertissement",
        (Lang::Fr, true) => "ignoré",
        (Lang::En, false) => "warning",
        (Lang::En, true) => "skipped",
    }
}
