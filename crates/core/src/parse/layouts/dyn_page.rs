//! Copies of the 2023 `www.assemblee-nationale.fr/dyn/` question pages.
//!
//! ```text
//! Question écrite n°200 : Agriculture biologique
//! 16ème Législature
//! Publication de la question au Journal Officiel du 26 juillet 2022, page 3501
//! Publication de la réponse au Journal Officiel du 27 septembre 2022, page 4253
//! Question de : Mme Marie-Pierre Rixain (Ile-de-France - Renaissance)
//! … the question …
//! Réponse publiée le 27 septembre 2022
//! … the answer …
//! Données clés
//! Auteur : Mme Marie-Pierre Rixain (Ile-de-France - Renaissance)
//! Type de question : Question écrite
//! Rubrique : Agriculture
//! Ministère interrogé : Agriculture et souveraineté alimentaire
//! Ministère répondant : Agriculture et souveraineté alimentaire
//! Dates : Question publiée le 26 juillet 2022 Réponse publiée le 27 septembre 2022
//! ```
//!
//! A question au Gouvernement is "posée en séance, et publiée le …" and its debate follows
//! at once; it is the answer, dated by its séance, as the HTML and open-data readers have it.
//! An oral question's answer is "Réponse en séance, et publiée le …"; both have `Date de la
//! séance :` instead of `Dates :`.

use super::lines::{joined, paragraphs, split_labels, starts, Label, Line};
use super::{first_number, legislature_of, Draft};
use crate::model::{Event, EventKind, QuestionKind};
use crate::parse::dates::parse_dated_value;
use crate::parse::htmltext::one_line;
use crate::parse::opendata::question::labels;
use crate::text::fold::fold;

/// The kinds' words before `n°` in the page's heading.
const HEADINGS: [(&str, QuestionKind); 4] = [
    ("question ecrite n", QuestionKind::Written),
    ("question au gouvernement n", QuestionKind::Government),
    ("question orale sans debat n", QuestionKind::Oral),
    ("question orale n", QuestionKind::Oral),
];

/// `Question écrite n°200 :`, with its kind; the breadcrumb's `Question n°200` has none, and
/// today's renderings (`Question écrite n° 13809`) no colon after the number.
fn heading(line: &str) -> Option<QuestionKind> {
    let f = fold(line);
    let (words, kind) = HEADINGS.iter().find(|(w, _)| f.starts_with(w))?;
    let rest = f[words.len()..].trim_start_matches(['°', 'o', ' ']);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && rest[digits..].trim_start().starts_with(':')).then_some(*kind)
}

pub fn is_number_line(line: &str) -> bool {
    heading(line).is_some()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Author,
    Kind,
    Rubric,
    MinistryAsked,
    MinistryAssigned,
    Dates,
    Seance,
}

const fn label(words: &'static str, key: Key) -> Label<Key> {
    Label {
        words,
        sep: Some(':'),
        key,
    }
}

const KEY_DATA: [Label<Key>; 8] = [
    label("auteur", Key::Author),
    label("type de question", Key::Kind),
    label("rubrique", Key::Rubric),
    label("ministere interroge", Key::MinistryAsked),
    label("ministere repondant", Key::MinistryAssigned),
    label("ministere attributaire", Key::MinistryAssigned),
    label("dates", Key::Dates),
    label("date de la seance", Key::Seance),
];

const fn dated(words: &'static str, key: EventKind) -> Label<EventKind> {
    Label {
        words,
        sep: None,
        key,
    }
}

/// The lines of `Dates :`, and the JO links of the page's head.
const DATES: [Label<EventKind>; 9] = [
    dated("question publiee le", EventKind::QuestionPublished),
    dated("reponse publiee le", EventKind::AnswerPublished),
    dated("question retiree le", EventKind::Withdrawn),
    dated("question cloturee le", EventKind::Withdrawn),
    dated("question signalee le", EventKind::Signaled),
    dated("question renouvelee le", EventKind::Renewed),
    dated("changement d'attribution le", EventKind::AttributionChanged),
    dated(
        "publication de la question au journal officiel du",
        EventKind::QuestionPublished,
    ),
    dated(
        "publication de la reponse au journal officiel du",
        EventKind::AnswerPublished,
    ),
];

/// The label each kind of event gets, as the other readers give it.
fn label_of(kind: EventKind) -> &'static str {
    match kind {
        EventKind::QuestionPublished => labels::QUESTION,
        EventKind::AnswerPublished => labels::ANSWER,
        EventKind::Withdrawn => labels::WITHDRAWN,
        EventKind::Signaled => labels::SIGNALED,
        EventKind::Renewed => labels::RENEWED,
        EventKind::AttributionChanged => labels::ATTRIBUTION,
        EventKind::ErratumQuestion => labels::ERRATUM_QUESTION,
        EventKind::ErratumAnswer => labels::ERRATUM_ANSWER,
        EventKind::Other => "Date",
    }
}

/// The date after the last ` le ` of a text (`Réponse publiée le 27 septembre 2022`).
fn date_after_le(text: &str) -> Option<String> {
    let t = one_line(text);
    let (_, rest) = t
        .rsplit_once(" le ")
        .or_else(|| t.strip_prefix("le ").map(|r| ("", r)))?;
    parse_dated_value(rest)
        .ok()
        .map(|_| rest.trim().to_string())
}

fn is_end(line: &Line) -> bool {
    let f = fold(&line.text);
    f == "partager" || f == "lcp" || f == "[lcp]" || f.starts_with("accedez a toute")
}

impl Draft {
    /// An event of the page's head or of `Dates :`, unless one of its kind is known.
    fn dated_once(&mut self, kind: EventKind, value: &str) {
        if !self.has(kind) {
            self.event(kind, label_of(kind), value);
        }
    }
}

pub fn read(lines: &[Line]) -> Draft {
    let mut d = Draft::default();
    let Some(start) = lines.iter().position(|l| is_number_line(&l.text)) else {
        return d;
    };
    d.kind = heading(&lines[start].text);
    d.number = first_number(&lines[start].text);
    // The title: after the heading's colon, and on the lines up to the legislature.
    let head = &lines[start].text;
    let mut title = head
        .split_once(':')
        .map_or("", |(_, t)| t)
        .trim()
        .to_string();
    let mut at = start + 1;
    while let Some(l) = lines.get(at) {
        if l.is_blank()
            || legislature_of(&l.text).is_some()
            || starts(&l.text, "publication de")
            || starts(&l.text, "question de")
        {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(&l.text);
        at += 1;
    }
    d.title = title;
    d.legislature = lines[start..].iter().find_map(|l| legislature_of(&l.text));

    let find = |from: usize, f: &dyn Fn(&Line) -> bool| (from..lines.len()).find(|&i| f(&lines[i]));
    let key_data = find(start, &|l| fold(&l.text) == "donnees cles");
    let asked_by = find(start, &|l| starts(&l.text, "question de"));
    let body_end = key_data.unwrap_or(lines.len());
    let head_end = asked_by.unwrap_or(body_end);
    let (_, jo) = split_labels(&joined(&lines[start..head_end]), &DATES);
    for f in jo {
        d.dated_once(f.key, &f.value);
    }

    // "Question de : …", the question's text, maybe "Réponse … le …" and the answer's.
    let mut seance = None;
    let mut asked_line = String::new();
    if let Some(from) = asked_by {
        let text = paragraphs(&lines[from..body_end]);
        let mut paras = text.split("\n\n");
        asked_line = paras.next().unwrap_or("").to_string();
        let (mut question, mut answer, mut in_answer) = (Vec::new(), Vec::new(), false);
        let mut paras = paras.peekable();
        while let Some(p) = paras.next() {
            // "Réponse publiée le 27 septembre 2022", its date maybe on the next line.
            let heading = (!in_answer && starts(p, "reponse") && p.chars().count() < 150)
                .then(|| {
                    date_after_le(p).or_else(|| {
                        let next = paras.peek().filter(|n| starts(n, "le "))?;
                        let date = date_after_le(next)?;
                        paras.next();
                        Some(date)
                    })
                })
                .flatten();
            if let Some(date) = heading {
                in_answer = true;
                d.dated_once(EventKind::AnswerPublished, &date);
            } else if in_answer {
                answer.push(p);
            } else {
                question.push(p);
            }
        }
        d.question = question.join("\n\n");
        d.answer = answer.join("\n\n");
        // QG: "…, posée en séance, et publiée le 26 octobre 2022".
        if let Some((_, when)) = asked_line.split_once("publiée le") {
            seance = date_after_le(&format!("le {when}"));
        }
    }

    if let Some(k) = key_data {
        let end = find(k, &is_end).unwrap_or(lines.len());
        let (_, found) = split_labels(&joined(&lines[k + 1..end]), &KEY_DATA);
        for f in found {
            match f.key {
                Key::Author => d.author_place_group(&f.value),
                Key::Kind => {
                    d.kind = d
                        .kind
                        .or_else(|| crate::parse::label::kind_from_words(&fold(&f.value)))
                }
                Key::Rubric => d.rubric = f.value,
                Key::MinistryAsked => d.ministry_asked = f.value,
                Key::MinistryAssigned => d.ministry_assigned = f.value,
                Key::Dates => {
                    let (_, dates) = split_labels(&f.value, &DATES);
                    for date in dates {
                        d.dated_once(date.key, &date.value);
                    }
                }
                Key::Seance => seance = seance.or_else(|| date_after_le(&f.value)),
            }
        }
    }
    if d.author.is_empty() && !asked_line.is_empty() {
        let who = asked_line.split_once(':').map_or("", |(_, w)| w);
        let who = who.find(')').map_or(who, |close| &who[..=close]);
        d.author_place_group(who.trim());
    }
    if let Some(date) = seance {
        d.dated_once(EventKind::QuestionPublished, &date);
    }
    // A question au Gouvernement is answered in the séance that put it.
    if d.kind == Some(QuestionKind::Government) && d.answer.is_empty() {
        d.answer = std::mem::take(&mut d.question);
        let published = d
            .events
            .iter()
            .find(|e| e.kind == EventKind::QuestionPublished)
            .map(|e| e.date);
        if let (Some(date), false) = (published, d.answer.is_empty()) {
            if !d.has(EventKind::AnswerPublished) {
                d.events.push(Event {
                    kind: EventKind::AnswerPublished,
                    label: labels::ANSWER.into(),
                    date,
                    page: None,
                    note: None,
                });
            }
        }
    }
    d
}
