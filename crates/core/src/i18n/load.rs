//! Diagnostics of a load, worded from their kinds.

use super::{Lang, NB};
use crate::limits::show_bytes;
use crate::load::PathError;
use crate::parse::diagnostic::{Diagnostic, Severity};
use crate::parse::problem::{FileKind, HtmlLimit, IoReason, JsonType, Problem, Undated, Wanted};
use crate::text::sanitize::terminal_line;
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
        ControlsRemoved(n) => {
            let chars = lang.count(
                *n,
                ("caractère de contrôle (NUL, échappement…) supprimé", "caractères de contrôle (NUL, échappement…) supprimés"),
                ("control character (NUL, escape, …) removed", "control characters (NUL, escape, …) removed"),
            );
            lang.pick(
                format!("{chars}{NB}: le fichier semble abîmé"),
                format!("{chars}: the file looks damaged"),
            )
        }
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
            format!("législature «{NB}{l}{NB}» invalide"),
            format!("legislature '{l}' is not valid"),
        ),
        UnknownKind(k) => lang.pick(
            format!("type de question inconnu «{NB}{k}{NB}»"),
            format!("unknown question type '{k}'"),
        ),
        NumberWithoutDigits(v) => lang.pick(
            format!("numéro de question «{NB}{v}{NB}» sans chiffres"),
            format!("question number '{v}' has no digits"),
        ),
        NumberTooLarge(d) => lang.pick(
            format!("le numéro {d} est trop grand pour un numéro de question"),
            format!("question number {d} is too large to be a question number"),
        ),
        ImpossibleDate { date, label } => lang.pick(
            format!("date impossible «{NB}{date}{NB}» dans «{NB}{label}{NB}»{NB}: ligne ignorée"),
            format!("impossible date '{date}' in '{label}': line ignored"),
        ),
        NoDate { label, value } => lang.pick(
            format!("pas de date dans «{NB}{label}{NB}: {value}{NB}»{NB}: ligne ignorée"),
            format!("no date found in '{label} : {value}': line ignored"),
        ),
        TextAfterDate {
            label,
            rest,
            recovered: true,
        } => lang.pick(
            format!(
                "texte collé après la date de «{NB}{label}{NB}»{NB}: «{NB}{rest}{NB}» lu comme une ligne à \
                 part (saut de ligne perdu{NB}?)"
            ),
            format!(
                "text glued after the date of '{label}': '{rest}' read as a line of its own (a \
                 lost line break?)"
            ),
        ),
        TextAfterDate { label, rest, .. } => lang.pick(
            format!(
                "texte collé après la date de «{NB}{label}{NB}»{NB}: «{NB}{rest}{NB}» (saut de ligne perdu{NB}? \
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
                "pas de numéro de question{NB}: «{NB}Question écrite n° …{NB}» ou «{NB}Numéro de la \
                 question{NB}: …\u{a0}» attendu{NB}; pas un document de question"
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
            "pas de ligne de législature (ex. «{NB}17ème législature{NB}») ni de date pour la déduire"
                .to_string(),
            "no legislature line (e.g. '17ème législature') and no date to infer it from".into(),
        ),
        NoPublication => lang.pick(
            format!("pas de ligne «{NB}Question publiée au JO le{NB}»{NB}: échéance inconnue"),
            "no 'Question publiée au JO le' line: deadline unknown".into(),
        ),
        NoAuthor => lang.pick(
            format!("pas d'auteur («{NB}Auteur{NB}: …{NB}»)"),
            "no author ('Auteur : …')".into(),
        ),
        AnswerWithoutDate => lang.pick(
            format!(
                "texte de réponse sans «{NB}Réponse publiée au JO le{NB}»{NB}: comptée comme répondue, \
                 date inconnue"
            ),
            "answer text without 'Réponse publiée au JO le': counted as answered, date unknown"
                .into(),
        ),
        TruncatedJson => lang
            .pick("JSON tronqué : le fichier s'arrête au milieu du document", "truncated JSON: the file ends inside the document")
            .replace(" :", &format!("{NB}:")),
        InvalidJson(why) => lang.pick(format!("JSON invalide ({why})"), format!("invalid JSON ({why})")),
        TruncatedXml => lang
            .pick("XML tronqué : le fichier s'arrête au milieu d'un élément", "truncated XML: the file ends inside an element")
            .replace(" :", &format!("{NB}:")),
        InvalidXml(why) => lang.pick(format!("XML invalide ({why})"), format!("invalid XML ({why})")),
        XmlNotUtf8 => lang.pick(
            format!("XML invalide{NB}: du texte qui n'est pas en UTF-8"),
            "invalid XML: text that is not UTF-8".into(),
        ),
        XmlTooDeep(depth) => lang.pick(
            format!("éléments imbriqués sur plus de {depth} niveaux{NB}: pas un fichier de question"),
            format!("elements nested more than {depth} deep: not a question file"),
        ),
        HtmlTooLarge(limit) => {
            let (fr, en) = match limit {
                HtmlLimit::Depth(n) => (
                    format!("éléments HTML imbriqués sur plus de {n} niveaux"),
                    format!("HTML elements nested more than {n} deep"),
                ),
                HtmlLimit::Elements(n) => (
                    format!("plus de {} éléments HTML", Lang::Fr.number(*n)),
                    format!("more than {} HTML elements", Lang::En.number(*n)),
                ),
                HtmlLimit::TagBytes(n) => (
                    format!("une balise HTML de plus de {}", show_bytes(*n as u64)),
                    format!("an HTML tag longer than {}", show_bytes(*n as u64)),
                ),
            };
            lang.pick(fr, en)
        }
        XmlEmptyRoot => lang.pick(
            format!("l'élément racine est vide{NB}: pas une question"),
            "the root element is empty: not a question".into(),
        ),
        XmlTextBeforeRoot => lang.pick(
            format!("XML invalide{NB}: du texte avant l'élément racine"),
            "invalid XML: text before the root element".into(),
        ),
        XmlManyQuestions(root) => lang.pick(
            format!("<{root}> contient plusieurs questions{NB}: c'est une archive complète, à donner telle quelle"),
            format!("<{root}> holds many questions: a whole archive, to give as it is"),
        ),
        UnknownRoot(root) => lang.pick(
            format!("schéma inconnu{NB}: l'élément racine <{root}> n'est ni <question> ni une liste de questions"),
            format!("unknown schema: the root element <{root}> is neither <question> nor a list of questions"),
        ),
        UnknownFormat => lang.pick(
            format!("format inconnu{NB}: ni XML ni JSON"),
            "unknown format: neither XML nor JSON".into(),
        ),
        UnknownSchema(keys) => lang.pick(
            format!("schéma inconnu{NB}: ni question, ni acteur, ni organe, ni mandat de l'Assemblée (clés{NB}: {keys})"),
            format!("unknown schema: not an Assemblée question, acteur, organe or mandat (keys: {keys})"),
        ),
        NoQuestionList => lang.pick(
            format!("schéma inconnu{NB}: pas de liste «{NB}question{NB}» sous la racine"),
            "unknown schema: no 'question' list under the root".into(),
        ),
        WrongType { field, found, expected } => {
            let kind = |k: JsonType| match (lang, k) {
                (Lang::Fr, JsonType::Null) => "une valeur nulle",
                (Lang::Fr, JsonType::Bool) => "un booléen",
                (Lang::Fr, JsonType::Number) => "un nombre",
                (Lang::Fr, JsonType::String) => "une chaîne",
                (Lang::Fr, JsonType::List) => "une liste",
                (Lang::Fr, JsonType::Object) => "un objet",
                (Lang::En, JsonType::Null) => "a null",
                (Lang::En, JsonType::Bool) => "a boolean",
                (Lang::En, JsonType::Number) => "a number",
                (Lang::En, JsonType::String) => "a string",
                (Lang::En, JsonType::List) => "a list",
                (Lang::En, JsonType::Object) => "an object",
            };
            let wanted = match (lang, expected) {
                (Lang::Fr, Wanted::String) => "une chaîne",
                (Lang::Fr, Wanted::Object) => "un objet",
                (Lang::Fr, Wanted::StringOrObject) => "une chaîne ou un objet",
                (Lang::En, Wanted::String) => "a string",
                (Lang::En, Wanted::Object) => "an object",
                (Lang::En, Wanted::StringOrObject) => "a string or an object",
            };
            let found = kind(*found);
            lang.pick(
                format!("«{NB}{field}{NB}» est {found} là où on attend {wanted}"),
                format!("'{field}' is {found} where {wanted} is expected"),
            )
        }
        MissingField(field) => lang.pick(
            format!("«{NB}{field}{NB}» manque"),
            format!("'{field}' is missing"),
        ),
        NotADate { field, value } => lang.pick(
            format!("«{NB}{field}{NB}» n'est pas une date («{NB}{value}{NB}»){NB}: ignoré"),
            format!("'{field}' is not a date ('{value}'): ignored"),
        ),
        UnknownQuestionKind(code) => lang.pick(
            format!("type de question inconnu «{NB}{code}{NB}»"),
            format!("unknown question type '{code}'"),
        ),
        NotANumber { field, value } => lang.pick(
            format!("«{NB}{field}{NB}» n'est pas un nombre («{NB}{value}{NB}»)"),
            format!("'{field}' is not a number ('{value}')"),
        ),
        LegislatureZero => lang.pick("législature 0 inconnue", "legislature 0 is not a legislature").into(),
        BadUid(uid) => lang.pick(
            format!("l'identifiant «{NB}{uid}{NB}» n'a pas la forme QANR5L17QE1"),
            format!("uid '{uid}' is not of the form QANR5L17QE1"),
        ),
        UidMismatch { uid, id } => lang.pick(
            format!("l'identifiant {uid} ne correspond pas aux champs de la question ({id})"),
            format!("uid {uid} does not match the question's own fields ({id})"),
        ),
        UndatedEvent(what) => {
            let what = match (lang, what) {
                (Lang::Fr, Undated::Erratum(false)) => "erratum de la question sans date".to_string(),
                (Lang::Fr, Undated::Erratum(true)) => "erratum de la réponse sans date".to_string(),
                (Lang::Fr, Undated::Attribution(m)) => format!("changement d'attribution à «{NB}{m}{NB}» sans date"),
                (Lang::Fr, Undated::Closure(n)) => format!("clôture («{NB}{n}{NB}») sans date"),
                (Lang::Fr, Undated::Signalement) => "signalement sans date".to_string(),
                (Lang::Fr, Undated::Renewals) => "renouvellements sans date".to_string(),
                (Lang::Fr, Undated::RenewalUnreadable) => "renouvellement à la date illisible".to_string(),
                (Lang::En, Undated::Erratum(false)) => "erratum of the question without a date".to_string(),
                (Lang::En, Undated::Erratum(true)) => "erratum of the answer without a date".to_string(),
                (Lang::En, Undated::Attribution(m)) => format!("change of attribution to '{m}' without a date"),
                (Lang::En, Undated::Closure(n)) => format!("closure ('{n}') without a date"),
                (Lang::En, Undated::Signalement) => "signalement without a date".to_string(),
                (Lang::En, Undated::Renewals) => "renewals without a date".to_string(),
                (Lang::En, Undated::RenewalUnreadable) => "renewal with an unreadable date".to_string(),
            };
            lang.pick(
                format!("{what}{NB}: pas d'événement dans la chronologie"),
                format!("{what}: not shown as an event"),
            )
        }
        AnsweredWithoutText => lang.pick(
            format!("close comme répondue (REP_PUB) mais sans texte de réponse{NB}: montrée comme retirée"),
            "closed as answered (REP_PUB) but no answer text: shown as withdrawn".into(),
        ),
        SeveralTexts(n) => lang.pick(
            format!("{n} textes de question différents{NB}: le dernier est montré"),
            format!("{n} question texts that differ: the last one is shown"),
        ),
        InQuestion { tag, problem: inner } => {
            let inner = problem(lang, inner);
            lang.pick(format!("question {tag}{NB}: {inner}"), format!("question {tag}: {inner}"))
        }
        // The zip reader's words for a file cut short: its end (the central directory) is
        // missing, as after an interrupted download.
        BadArchive(why) if why.contains("EOCD") || why.contains("end of central directory") => {
            lang.pick(
                format!("archive zip tronquée{NB}: sa fin manque (téléchargement interrompu{NB}?){NB}; téléchargez-la de nouveau"),
                "truncated zip archive: its end is missing (an interrupted download?); download it again".to_string(),
            )
        }
        BadArchive(why) => lang.pick(
            format!("archive zip illisible ({why})"),
            format!("not a readable zip archive ({why})"),
        ),
        EmptyArchive => lang.pick(
            format!("archive zip vide{NB}: aucune question ni aucun fichier dedans"),
            "empty zip archive: no question nor any file in it".to_string(),
        ),
        ArchiveTooBig(limit) => lang.pick(
            format!("l'archive dépasse {} une fois décompressée{NB}: lecture arrêtée (bombe zip{NB}?)", show_bytes(*limit)),
            format!("the archive expands past {}: not read further (a zip bomb?)", show_bytes(*limit)),
        ),
        BadEntry(why) => lang.pick(
            format!("entrée illisible ({why})"),
            format!("unreadable entry ({why})"),
        ),
        EntryTooBig { declared, limit } => lang.pick(
            format!("entrée de {} décompressée, au-delà de la limite de {}{NB}: non lue", show_bytes(*declared), show_bytes(*limit)),
            format!("entry declares {} uncompressed, over the {} limit: not read", show_bytes(*declared), show_bytes(*limit)),
        ),
        EntryBomb { declared, limit } => lang.pick(
            format!("l'entrée dépasse {} bien qu'elle annonce {}{NB}: non lue (bombe zip{NB}?)", show_bytes(*limit), show_bytes(*declared)),
            format!("entry expands past {} although it declares {}: not read (a zip bomb?)", show_bytes(*limit), show_bytes(*declared)),
        ),
        EntrySize { declared, actual } => lang.pick(
            format!("entrée corrompue{NB}: annonce {declared} octets, en contient {actual}"),
            format!("corrupt entry: declares {declared} bytes but holds {actual}"),
        ),
        UnresolvedAuthor(r) => lang.pick(
            format!("auteur {r} introuvable dans les données AMO fournies{NB}: affiché par sa référence"),
            format!("author {r} not found in the AMO data given: shown by its reference"),
        ),
        NoAmo { authors } => lang.pick(
            format!(
                "{} par {} référence (PA…){NB}: aucune donnée AMO fournie \
                 (donnez l'archive AMO des acteurs parmi les chemins)",
                lang.count(*authors, ("auteur affiché", "auteurs affichés"), ("", "")),
                if *authors > 1 { "leur" } else { "sa" }
            ),
            format!(
                "{} by their reference (PA…): no AMO data given (give the \
                 AMO archive of acteurs among the paths)",
                lang.count(*authors, ("", ""), ("author shown", "authors shown"))
            ),
        ),
        NotAQuestionPage => lang.pick(
            format!("pas une page de question de l'Assemblée{NB}: aucune des mises en page connues (FICHE QUESTION, questions.assemblee-nationale.fr, /dyn/)"),
            "not an Assemblée question page: none of the known layouts (FICHE QUESTION, questions.assemblee-nationale.fr, /dyn/)".into(),
        ),
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
        UnknownLayout(labels) => {
            let labels = labels.join(", ");
            lang.pick(
                format!(
                    "ressemble à une page de question, mais d'une mise en page inconnue (libellés \
                     trouvés{NB}: {labels}){NB}; mises en page lues{NB}: FICHE QUESTION (1997–2002), \
                     questions.assemblee-nationale.fr (2012–2022), /dyn/ (2023)"
                ),
                format!(
                    "looks like a question page, but of an unknown layout (labels found: \
                     {labels}); layouts read: FICHE QUESTION (1997–2002), \
                     questions.assemblee-nationale.fr (2012–2022), /dyn/ (2023)"
                ),
            )
        }
        ForeignXml(root) => lang.pick(
            format!("du XML, mais pas une question de l'Assemblée (élément racine <{root}>)"),
            format!("XML, but not an Assemblée question (root element <{root}>)"),
        ),
        ForeignJson(keys) => lang.pick(
            format!("du JSON, mais pas une question de l'Assemblée (clés{NB}: {keys})"),
            format!("JSON, but not an Assemblée question (keys: {keys})"),
        ),
        SamePath(other) => lang.pick(
            format!("même fichier que {other}{NB}: lu une fois"),
            format!("same file as {other}: read once"),
        ),
    }
}

/// A diagnostic on one line, `file:line: warning|skipped: message`, safe on a terminal (a
/// file name with a line break or an escape sequence cannot forge or hide a line).
pub fn diagnostic(lang: Lang, d: &Diagnostic) -> String {
    let what = severity(lang, d.severity == Severity::Skipped);
    let path = terminal_line(&d.path);
    let message = problem(lang, &d.problem);
    let message = terminal_line(&message);
    let sep = lang.pick("\u{a0}:", ":");
    match d.line {
        Some(line) => format!("{path}:{line}: {what}{sep} {message}"),
        None => format!("{path}: {what}{sep} {message}"),
    }
}

/// A PATH named that cannot be opened, safe on a terminal.
pub fn path_error(lang: Lang, e: &PathError) -> String {
    let path = e.path.display().to_string();
    let path = terminal_line(&path);
    let reason = io_reason(lang, &e.reason);
    lang.pick(
        format!("impossible d'ouvrir {path}{NB}: {reason}"),
        format!("cannot open {path}: {reason}"),
    )
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
