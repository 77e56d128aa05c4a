//! Copies of the 1997–2002 "FICHE QUESTION" pages: a table of label and value cells.
//!
//! ```text
//! 11ème législature
//! Question N° : 450   de Mme Jacquaint Muguette ( Communiste - Seine-Saint-Denis )   QE
//! Ministère interrogé :      logement
//! Ministère attributaire :   logement
//!     Question publiée au JO le :  30/06/1997  page :  2254
//!     Réponse publiée au JO le :  22/09/1997  page :  3099
//! Rubrique :                 logement : aides et prêts
//! Tête d'analyse :           APL
//! Analyse :                  calcul
//! Texte de la QUESTION :     Mme Muguette Jacquaint attire l'attention …
//! Texte de la REPONSE :      Les mesures prises …
//! ```
//!
//! A question au Gouvernement has `DEBAT :` instead of the two texts. The author is written
//! family name first; a text browser also prints the page's hidden codes after the last text
//! (`COM 11 REP_PUB Ile-de-France O`), which are dropped.

use super::lines::{joined, paragraphs, split_labels, Label, Line};
use super::{first_number, legislature_of, Draft};
use crate::model::{EventKind, QuestionKind};
use crate::text::fold::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Number,
    MinistryAsked,
    MinistryAssigned,
    Rubric,
    Head,
    Analysis,
    Event(EventKind),
}

const fn label(words: &'static str, key: Key) -> Label<Key> {
    Label {
        words,
        sep: Some(':'),
        key,
    }
}

const LABELS: [Label<Key>; 15] = [
    label("question n°", Key::Number),
    label("ministere interroge", Key::MinistryAsked),
    label("ministere attributaire", Key::MinistryAssigned),
    label("rubrique", Key::Rubric),
    label("tete d'analyse", Key::Head),
    label("analyse", Key::Analysis),
    label(
        "question publiee au jo le",
        Key::Event(EventKind::QuestionPublished),
    ),
    label(
        "reponse publiee au jo le",
        Key::Event(EventKind::AnswerPublished),
    ),
    label("question retiree le", Key::Event(EventKind::Withdrawn)),
    label("date de retrait", Key::Event(EventKind::Withdrawn)),
    label(
        "date de changement d'attribution",
        Key::Event(EventKind::AttributionChanged),
    ),
    label("date de renouvellement", Key::Event(EventKind::Renewed)),
    label("date de signalement", Key::Event(EventKind::Signaled)),
    label(
        "erratum de la question publie au jo le",
        Key::Event(EventKind::ErratumQuestion),
    ),
    label(
        "erratum de la reponse publie au jo le",
        Key::Event(EventKind::ErratumAnswer),
    ),
];

/// `Question N° : 450`: the colon tells it from the 2012 pages' `Question N° 3200`.
pub fn is_number_line(line: &str) -> bool {
    let f = fold(line);
    let Some(rest) = f.strip_prefix("question n") else {
        return false;
    };
    let rest = rest.trim_start_matches(['°', 'o']).trim_start();
    rest.starts_with(':')
}

/// The text sections: the question's, the answer's, a question au Gouvernement's debate.
fn section(line: &str) -> Option<(bool, usize)> {
    let f = fold(line);
    let head = f.split(':').next()?;
    let is_answer = match head.trim() {
        "texte de la question" => false,
        "texte de la reponse" | "debat" => true,
        _ => return None,
    };
    // Where the text after the label starts (a browser's copy keeps it on the label's line).
    let colon = line.find(':')?;
    Some((is_answer, colon + 1))
}

pub fn read(lines: &[Line]) -> Draft {
    let mut d = Draft {
        legislature: lines.iter().find_map(|l| legislature_of(&l.text)),
        ..Draft::default()
    };
    let Some(start) = lines.iter().position(|l| is_number_line(&l.text)) else {
        return d;
    };
    let sections: Vec<(usize, bool, usize)> = (start..lines.len())
        .filter_map(|i| section(&lines[i].text).map(|(a, at)| (i, a, at)))
        .collect();
    let header_end = sections.first().map_or(lines.len(), |s| s.0);
    // A browser's copy puts the withdrawal, printed outside the table, before the number.
    let from = lines[..start]
        .iter()
        .rposition(|l| legislature_of(&l.text).is_some())
        .map_or(start, |l| l + 1);
    let (_, found) = split_labels(&joined(&lines[from..header_end]), &LABELS);
    for f in found {
        match f.key {
            Key::Number => header(&mut d, &f.value),
            Key::MinistryAsked => d.ministry_asked = f.value,
            Key::MinistryAssigned => d.ministry_assigned = f.value,
            Key::Rubric => d.rubric = f.value,
            Key::Head => d.analysis_head = Some(f.value).filter(|v| !v.is_empty()),
            Key::Analysis => d.analysis = Some(f.value).filter(|v| !v.is_empty()),
            Key::Event(kind) => d.event(kind, &f.shown, &f.value),
        }
    }
    for (n, &(at, is_answer, text_at)) in sections.iter().enumerate() {
        let end = sections.get(n + 1).map_or(lines.len(), |s| s.0);
        let mut body: Vec<Line> = Vec::with_capacity(end - at);
        let first = lines[at].text[text_at..].trim();
        if !first.is_empty() {
            body.push(Line {
                text: first.to_string(),
                ..Line::default()
            });
        }
        body.extend_from_slice(&lines[at + 1..end]);
        let mut text = paragraphs(&body);
        if n + 1 == sections.len() {
            strip_codes(&mut text, d.legislature);
        }
        if is_answer {
            d.answer = text;
        } else {
            d.question = text;
        }
    }
    // "Jacquaint Muguette": the texts name the author first name first.
    let (civility, name) = split_civility(&d.author);
    let name = first_name_first(name, &[&d.question, &d.answer]);
    d.author = [civility, &name]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    d
}

/// `450 de Mme Jacquaint Muguette ( Communiste - Seine-Saint-Denis ) QE`, after `Question
/// N° :`.
fn header(d: &mut Draft, before: &str) {
    d.number = first_number(before);
    let rest = before
        .find(|c: char| c.is_ascii_digit())
        .map(|at| before[at..].trim_start_matches(|c: char| c.is_ascii_digit()))
        .unwrap_or("")
        .trim();
    let rest = rest.strip_prefix("de ").unwrap_or(rest);
    let (who, tail) = match (rest.find('('), rest.rfind(')')) {
        (Some(open), Some(close)) if close > open => {
            let inner = rest[open + 1..close].trim();
            match inner.rsplit_once(" - ") {
                Some((group, place)) => {
                    d.group = group.trim().to_string();
                    d.constituency = place.trim().to_string();
                }
                None => d.group = inner.to_string(),
            }
            (&rest[..open], &rest[close + 1..])
        }
        _ => {
            let code = rest.rsplit(' ').next().unwrap_or("");
            (&rest[..rest.len() - code.len()], code)
        }
    };
    d.author = who.trim().to_string();
    d.kind = QuestionKind::from_code(tail.trim());
}

/// `Mme Jacquaint Muguette` -> (`Mme`, `Jacquaint Muguette`).
fn split_civility(author: &str) -> (&str, &str) {
    match author.split_once(' ') {
        Some((civ, name)) if matches!(civ, "M." | "Mme" | "Mlle" | "MM." | "Mmes") => {
            (civ, name.trim())
        }
        _ => ("", author),
    }
}

/// `Jacquaint Muguette` -> `Muguette Jacquaint` when one of `texts` writes it so.
fn first_name_first(name: &str, texts: &[&str]) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..words.len())
        .map(|k| format!("{} {}", words[k..].join(" "), words[..k].join(" ")))
        .find(|candidate| texts.iter().any(|t| t.contains(candidate.as_str())))
        .unwrap_or_else(|| words.join(" "))
}

/// Drops the page's hidden codes from the end of its last text: a group's code, the
/// legislature, the closure code, the region, `O` or `N` (`COM 11 REP_PUB Ile-de-France O`).
fn strip_codes(text: &mut String, legislature: Option<u16>) {
    let Some(leg) = legislature else { return };
    let needle = format!(" {leg} ");
    let Some(at) = text.rfind(&needle) else {
        return;
    };
    let after: Vec<&str> = text[at + needle.len()..].split_whitespace().collect();
    let code_ok = after
        .first()
        .is_some_and(|c| c.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_'));
    let flag_ok = after.last().is_some_and(|f| matches!(*f, "O" | "N"));
    let group_start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(s, c)| s + c.len_utf8());
    let group = &text[group_start..at];
    let group_ok = !group.is_empty() && group.chars().all(|c| c.is_ascii_uppercase() || c == '-');
    if code_ok && flag_ok && group_ok && after.len() <= 8 {
        text.truncate(group_start);
        let kept = text.trim_end().len();
        text.truncate(kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_codes_are_dropped() {
        let mut t =
            "accès au logement et de s'y maintenir. COM 11 REP_PUB Ile-de-France O".to_string();
        strip_codes(&mut t, Some(11));
        assert_eq!(t, "accès au logement et de s'y maintenir.");
        let mut t = "Fin.\n\nRCV 11 REP_PUB Rhône-Alpes O".to_string();
        strip_codes(&mut t, Some(11));
        assert_eq!(t, "Fin.");
        let mut t = "Il y a 11 ans, en 1997 O".to_string();
        strip_codes(&mut t, Some(11));
        assert_eq!(t, "Il y a 11 ans, en 1997 O");
    }

    #[test]
    fn names_and_civilities() {
        assert_eq!(
            split_civility("Mme Jacquaint Muguette"),
            ("Mme", "Jacquaint Muguette")
        );
        assert_eq!(
            first_name_first("Le Fur Corentin", &["M. Corentin Le Fur"]),
            "Corentin Le Fur"
        );
        assert_eq!(first_name_first("Dupont Jean", &["rien"]), "Dupont Jean");
        assert!(is_number_line("Question N° : 450"));
        assert!(!is_number_line("Question N° 3200"));
    }
}
