//! Copies of the `questions.assemblee-nationale.fr` pages: 2012–2017, and 2017–2022 with
//! closures. What they print, in this order:
//!
//! ```text
//! 14ème législature
//! Question N° 3200
//! de M. Philippe Le Ray (Union pour un Mouvement Populaire - Morbihan )
//! Question écrite
//! Ministère interrogé > Économie et finances
//! Ministère attributaire > Économie et finances
//! Rubrique > État
//! Tête d'analyse > financement
//! Analyse > rapport. propositions.
//! Question publiée au JO le : 21/08/2012 page : 4774
//! Réponse publiée au JO le : 05/02/2013 page : 1324
//! Date de cloture : 21/06/2022 Fin de mandat
//! Texte de la question
//! …
//! Texte de la réponse
//! …
//! Imprimer
//! ```
//!
//! A copy may break these anywhere (`Question publiée au JO le :`, `21/08/2012 page :`,
//! `4774` on three lines, as a browser copies the page's blocks): the part before the texts
//! is read as one run of text cut at its labels.

use super::lines::{joined, paragraphs, split_labels, starts, Label, Line};
use super::{first_number, legislature_of, Draft};
use crate::model::EventKind;
use crate::parse::label::kind_from_words;
use crate::text::fold::fold;

/// What a label of these pages gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    MinistryAsked,
    MinistryAssigned,
    Rubric,
    Head,
    Analysis,
    Event(EventKind),
}

const fn label(words: &'static str, sep: char, key: Key) -> Label<Key> {
    Label {
        words,
        sep: Some(sep),
        key,
    }
}

const LABELS: [Label<Key>; 14] = [
    label("ministere interroge", '>', Key::MinistryAsked),
    label("ministere attributaire", '>', Key::MinistryAssigned),
    label("rubrique", '>', Key::Rubric),
    label("tete d'analyse", '>', Key::Head),
    label("analyse", '>', Key::Analysis),
    label(
        "question publiee au jo le",
        ':',
        Key::Event(EventKind::QuestionPublished),
    ),
    label(
        "reponse publiee au jo le",
        ':',
        Key::Event(EventKind::AnswerPublished),
    ),
    label("question retiree le", ':', Key::Event(EventKind::Withdrawn)),
    label("date de cloture", ':', Key::Event(EventKind::Withdrawn)),
    label(
        "date de changement d'attribution",
        ':',
        Key::Event(EventKind::AttributionChanged),
    ),
    label(
        "date de renouvellement",
        ':',
        Key::Event(EventKind::Renewed),
    ),
    label("date de signalement", ':', Key::Event(EventKind::Signaled)),
    label(
        "erratum de la question publie au jo le",
        ':',
        Key::Event(EventKind::ErratumQuestion),
    ),
    label(
        "erratum de la reponse publie au jo le",
        ':',
        Key::Event(EventKind::ErratumAnswer),
    ),
];

/// `Question N° 3200` (or `Question N°` alone, its number on the next line): no kind words
/// and no colon, which the breadcrumb (`Question écrite N°3200 de …`) and the 1997 pages
/// (`Question N° : 450`) have.
pub fn is_number_line(line: &str) -> bool {
    let f = fold(line);
    let Some(rest) = f
        .strip_prefix("question n°")
        .or_else(|| f.strip_prefix("question no"))
    else {
        return false;
    };
    rest.trim().chars().all(|c| c.is_ascii_digit())
}

/// `Ministère interrogé > …`.
pub fn is_ministry_line(line: &str) -> bool {
    starts(line, "ministere interroge") && line.contains('>')
}

/// The legislature of the copy: its first `14ème législature` line.
pub fn legislature(lines: &[Line]) -> Option<u16> {
    lines.iter().find_map(|l| legislature_of(&l.text))
}

fn is_heading(line: &Line, words: &str) -> bool {
    let f = fold(line.text.trim_end_matches([':', ' ']));
    f == words
}

/// The print buttons and the site's footer, which end the answer.
fn is_end(line: &Line) -> bool {
    let f = fold(&line.text);
    (f.ends_with("imprimer") && f.len() < 40)
        || f.starts_with("format pdf")
        || f.starts_with("logo lcp")
}

pub fn read(lines: &[Line]) -> Draft {
    let mut d = Draft {
        legislature: legislature(lines),
        ..Draft::default()
    };
    let Some(start) = lines.iter().position(|l| is_number_line(&l.text)) else {
        return d;
    };
    let q_head = (start..lines.len()).find(|&i| is_heading(&lines[i], "texte de la question"));
    let a_head = (start..lines.len()).find(|&i| is_heading(&lines[i], "texte de la reponse"));
    let texts = q_head.or(a_head);
    let end = (texts.unwrap_or(start)..lines.len())
        .find(|&i| is_end(&lines[i]))
        .unwrap_or(lines.len());
    let header_end = texts.unwrap_or(end).min(end);
    let (before, found) = split_labels(&joined(&lines[start..header_end]), &LABELS);
    header(&mut d, &before);
    for f in found {
        match f.key {
            Key::MinistryAsked => d.ministry_asked = f.value,
            Key::MinistryAssigned => d.ministry_assigned = f.value,
            Key::Rubric => d.rubric = f.value,
            Key::Head => d.analysis_head = Some(f.value).filter(|v| !v.is_empty()),
            Key::Analysis => d.analysis = Some(f.value).filter(|v| !v.is_empty()),
            Key::Event(kind) => d.event(kind, &f.shown, &f.value),
        }
    }
    if let Some(q) = q_head {
        let q_end = a_head.filter(|&a| a > q).unwrap_or(end);
        d.question = paragraphs(&lines[q + 1..q_end]);
    }
    if let Some(a) = a_head.filter(|&a| a < end) {
        d.answer = paragraphs(&lines[a + 1..end]);
    }
    d
}

/// `Question N° 3200 de M. Philippe Le Ray (Union pour un Mouvement Populaire - Morbihan )
/// Question écrite`: number, author, group, place and kind.
fn header(d: &mut Draft, before: &str) {
    d.number = first_number(before);
    let after_number = before
        .find(|c: char| c.is_ascii_digit())
        .map(|at| before[at..].trim_start_matches(|c: char| c.is_ascii_digit()))
        .unwrap_or("")
        .trim();
    let rest = after_number
        .strip_prefix("de ")
        .or_else(|| after_number.strip_prefix("De "))
        .unwrap_or(after_number);
    let close = rest.rfind(')');
    if let (Some(open), Some(close)) = (rest.find('('), close) {
        if close > open {
            d.author = rest[..open].trim().to_string();
            let inner = rest[open + 1..close].trim();
            match inner.rsplit_once(" - ") {
                Some((group, place)) => {
                    d.group = group.trim().to_string();
                    d.constituency = place.trim().to_string();
                }
                None => d.group = inner.to_string(),
            }
        }
    }
    let tail = close.map_or(rest, |c| &rest[c + 1..]);
    d.kind = kind_from_words(&fold(tail));
    if d.author.is_empty() {
        // No parentheses: the author runs up to the kind.
        let f = fold(rest);
        let at = f.find("question").unwrap_or(f.len());
        d.author = rest.get(..at).unwrap_or(rest).trim().to_string();
    }
}
