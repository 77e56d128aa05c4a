//! The per-question XML the `questions.assemblee-nationale.fr` site served for the 12th to
//! 15th legislatures (`…/q14/14-47351QE.htm/vue/xml`), in upper case:
//!
//! ```text
//! <QUESTION TYPE="QE">
//!   <LEGISLATURE>14</LEGISLATURE>
//!   <DEPOT NUMERO="47351"><DATE_JO>07/01/2014</DATE_JO><PAGE_JO>18</PAGE_JO></DEPOT>
//!   <AUTEUR><CIVILITE>M.</CIVILITE><NOM>…</NOM><PRENOM>…</PRENOM></AUTEUR>
//!   <GROUPE SIGLE="…"><LIBELLE>…</LIBELLE></GROUPE>
//!   <CIRCONSCRIPTION NUMERO_CIRCONSCRIPTION="2"><DEPARTEMENT>…</DEPARTEMENT></CIRCONSCRIPTION>
//!   <INDEXATION_AN RUBRIQUE="défense"><TETE_ANALYSE>…</TETE_ANALYSE>
//!     <ANALYSE><ANA>…</ANA><ANA>…</ANA></ANALYSE></INDEXATION_AN>
//!   <MINI><ABREGE>…</ABREGE><DEVELOPPE>…</DEVELOPPE></MINI>
//!   <MINA><ORDRE NUMERO="1">…<DATE_JO>…</DATE_JO></ORDRE><ORDRE NUMERO="2">…</ORDRE></MINA>
//!   <DEPOT><TEXTE_DEPOT><![CDATA[…html…]]></TEXTE_DEPOT></DEPOT>
//!   <ERRATUM_QUESTION><DATE_JO/><PAGE_JO/></ERRATUM_QUESTION>
//!   <SIGNALEMENT><DATE_JO/><DATE_DEPOT_SIGNAL/></SIGNALEMENT>
//!   <RENOUVELLEMENT><ORDRE NUMERO="1"><DATE_RENOUVELLEMENT>…</DATE_RENOUVELLEMENT></ORDRE></RENOUVELLEMENT>
//!   <CLOTURE><DATE_JO>…</DATE_JO><PAGE_JO>…</PAGE_JO><ABREGE>REP_PUB</ABREGE><LIBELLE>Réponse publiée</LIBELLE></CLOTURE>
//!   <REPONSE><TEXTE_REPONSE>…</TEXTE_REPONSE><DATE_JO_REPONSE>…</DATE_JO_REPONSE><PAGE_JO_REPONSE>…</PAGE_JO_REPONSE></REPONSE>
//!   <ERRATUM_REPONSE>…</ERRATUM_REPONSE>
//! </QUESTION>
//! ```
//!
//! Empty elements stand for what did not happen. The fields are given as the site's pages of
//! the same years print them, so that a page, its copy and this file agree: the ministries'
//! short names, the rubric as written, the analyses joined as the pages join them
//! (`équipements militaires. vieillissement. bilan.`); the constituency as the open data and
//! today's pages give it (`Haute-Marne (2e circonscription)`). The last `MINA/ORDRE` must
//! answer; each one after the first is a change of attribution, on its JO date.

use super::question::{labels, ministry_name};
use super::value::{field, items, parse_date, parse_page, string_at, Value};
use super::xml::read_root;
use crate::model::{Attribution, Event, EventKind, Question, QuestionKind, Status};
use crate::parse::htmltext::{html_to_line, html_to_styled, strip_qe_header};
use crate::parse::inline::Styled;
use crate::parse::problem::{Problem, Undated};
use crate::parse::{LineMessage, Parsed};
use chrono::NaiveDate;

/// Reads one `<QUESTION>` file of the 2012–2019 site. `source` is recorded in the question.
pub fn parse_site_question_xml(bytes: &[u8], source: &str) -> Result<Parsed, LineMessage> {
    let root = read_root(bytes, |name| {
        (name != "QUESTION").then(|| Problem::ForeignXml(name.to_string()))
    })?;
    let mut warnings = Vec::new();
    let question = map(&root, source, &mut warnings).map_err(LineMessage::doc)?;
    Ok(Parsed {
        question,
        warnings: warnings.into_iter().map(LineMessage::doc).collect(),
    })
}

type Res<T> = Result<T, Problem>;

/// A one-line value: markup and entities removed, blanks folded.
fn line(s: &str) -> String {
    html_to_line(s)
}

fn text_at(v: &Value, keys: &[&str]) -> Res<Option<String>> {
    Ok(string_at(v, keys)?.map(line).filter(|s| !s.is_empty()))
}

/// A date at `keys`, with a warning when it is there but unreadable.
fn date_at(v: &Value, keys: &[&str], warnings: &mut Vec<Problem>) -> Res<Option<NaiveDate>> {
    let Some(s) = string_at(v, keys)? else {
        return Ok(None);
    };
    let date = parse_date(s);
    if date.is_none() {
        warnings.push(Problem::NotADate {
            field: keys.join("."),
            value: line(s),
        });
    }
    Ok(date)
}

fn page_at(v: &Value, keys: &[&str]) -> Res<Option<u32>> {
    Ok(string_at(v, keys)?.and_then(parse_page))
}

fn event(kind: EventKind, label: &str, date: NaiveDate, page: Option<u32>) -> Event {
    Event {
        kind,
        label: label.to_string(),
        date,
        page,
        note: None,
    }
}

/// `2` -> `2e`, `1` -> `1re`, as the constituencies are written.
fn ordinal(n: &str) -> String {
    if n == "1" {
        "1re".to_string()
    } else {
        format!("{n}e")
    }
}

/// The elements of an object-or-list in the order of their `NUMERO` attribute.
fn ordered<'a>(v: Option<&'a Value<'a>>) -> Vec<&'a Value<'a>> {
    let mut all: Vec<&Value> = items(v).collect();
    all.sort_by_key(|x| {
        string_at(x, &["@NUMERO"])
            .ok()
            .flatten()
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(u32::MAX)
    });
    all
}

fn map(q: &Value, source: &str, warnings: &mut Vec<Problem>) -> Res<Question> {
    let kind = match string_at(q, &["@TYPE"])? {
        Some(code) => {
            QuestionKind::from_code(code).ok_or_else(|| Problem::UnknownQuestionKind(line(code)))?
        }
        None => {
            warnings.push(Problem::NoKind);
            QuestionKind::Written
        }
    };
    let legislature: u16 = match string_at(q, &["LEGISLATURE"])? {
        Some(s) => s.parse().map_err(|_| Problem::NotANumber {
            field: "LEGISLATURE".into(),
            value: line(s),
        })?,
        None => return Err(Problem::MissingField("LEGISLATURE".into())),
    };
    if legislature == 0 {
        return Err(Problem::LegislatureZero);
    }

    // DEPOT twice: the one with the number and the JO, the one with the text.
    let mut number = None;
    let mut published = None;
    let mut question = Styled::default();
    for depot in items(field(q, "DEPOT")) {
        if let Some(n) = string_at(depot, &["@NUMERO"])? {
            number = Some(n.parse::<u32>().map_err(|_| Problem::NotANumber {
                field: "DEPOT@NUMERO".into(),
                value: line(n),
            })?);
            let date = date_at(depot, &["DATE_JO"], warnings)?;
            let page = page_at(depot, &["PAGE_JO"])?;
            published = date.map(|d| (d, page));
        }
        if let Some(html) = string_at(depot, &["TEXTE_DEPOT"])? {
            question = html_to_styled(html);
        }
    }
    let number = number.ok_or_else(|| Problem::MissingField("DEPOT@NUMERO".into()))?;
    if kind == QuestionKind::Written {
        strip_qe_header(&mut question);
    }

    let author = ["CIVILITE", "PRENOM", "NOM"]
        .iter()
        .map(|k| text_at(q, &["AUTEUR", k]))
        .collect::<Res<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if author.is_empty() {
        warnings.push(Problem::NoAuthor);
    }
    let group = text_at(q, &["GROUPE", "LIBELLE"])?
        .or(text_at(q, &["GROUPE", "@SIGLE"])?)
        .unwrap_or_default();
    let constituency = match (
        text_at(q, &["CIRCONSCRIPTION", "DEPARTEMENT"])?,
        text_at(q, &["CIRCONSCRIPTION", "@NUMERO_CIRCONSCRIPTION"])?,
    ) {
        (Some(place), Some(n)) => format!("{place} ({} circonscription)", ordinal(&n)),
        (Some(place), None) => place,
        (None, _) => String::new(),
    };

    let rubric = match text_at(q, &["INDEXATION_AN", "@RUBRIQUE"])? {
        Some(r) => r,
        None => text_at(q, &["INDEXATION_AN", "RUBRIQUE"])?.unwrap_or_default(),
    };
    // "aucune tête d'analyse" is the site's word for none.
    let head = text_at(q, &["INDEXATION_AN", "TETE_ANALYSE"])?
        .filter(|h| crate::text::fold::fold(h) != "aucune tete d'analyse");
    let mut analyses = Vec::new();
    for a in items(super::value::at(q, &["INDEXATION_AN", "ANALYSE", "ANA"])) {
        if let Some(s) = super::value::string(Some(a), "INDEXATION_AN.ANALYSE.ANA")? {
            let s = line(s);
            if !s.is_empty() {
                analyses.push(s.trim_end_matches('.').to_string());
            }
        }
    }
    // The pages print the analyses joined by ". ", ending with a full stop.
    let analysis = (!analyses.is_empty()).then(|| format!("{}.", analyses.join(". ")));

    let ministry = |v: &Value| -> Res<String> {
        Ok(ministry_name(
            string_at(v, &["ABREGE"])?,
            string_at(v, &["DEVELOPPE"])?,
        ))
    };
    let ministry_asked = match field(q, "MINI") {
        Some(m) => ministry(m)?,
        None => String::new(),
    };
    let mut events = Vec::new();
    if let Some((date, page)) = published {
        events.push(event(
            EventKind::QuestionPublished,
            labels::QUESTION,
            date,
            page,
        ));
    } else {
        warnings.push(Problem::NoPublication);
    }
    let mut attributions = Vec::new();
    for (i, ordre) in ordered(super::value::at(q, &["MINA", "ORDRE"]))
        .into_iter()
        .enumerate()
    {
        let name = ministry(ordre)?;
        let date = date_at(ordre, &["DATE_JO"], warnings)?;
        if i > 0 {
            match date {
                Some(date) => events.push(Event {
                    note: Some(name.clone()).filter(|n| !n.is_empty()),
                    ..event(
                        EventKind::AttributionChanged,
                        labels::ATTRIBUTION,
                        date,
                        None,
                    )
                }),
                None => warnings.push(Problem::UndatedEvent(Undated::Attribution(name.clone()))),
            }
        }
        attributions.push(Attribution {
            ministry: name,
            date,
        });
    }
    let ministry_assigned = attributions
        .iter()
        .rev()
        .map(|a| a.ministry.as_str())
        .find(|m| !m.is_empty())
        .unwrap_or(&ministry_asked)
        .to_string();

    if let Some(s) = field(q, "SIGNALEMENT") {
        let date = match date_at(s, &["DATE_JO"], warnings)? {
            Some(d) => Some(d),
            None => date_at(s, &["DATE_DEPOT_SIGNAL"], warnings)?,
        };
        if let Some(date) = date {
            events.push(event(
                EventKind::Signaled,
                labels::SIGNALED,
                date,
                page_at(s, &["PAGE_JO"])?,
            ));
        }
    }
    if let Some(r) = field(q, "RENOUVELLEMENT") {
        let mut entries = ordered(field(r, "ORDRE"));
        if entries.is_empty() {
            entries.push(r);
        }
        for entry in entries {
            let date = match date_at(entry, &["DATE_RENOUVELLEMENT"], warnings)? {
                Some(d) => Some(d),
                None => date_at(entry, &["DATE_JO"], warnings)?,
            };
            if let Some(date) = date {
                events.push(event(
                    EventKind::Renewed,
                    labels::RENEWED,
                    date,
                    page_at(entry, &["PAGE_JO"])?,
                ));
            }
        }
    }
    for (key, kind, label) in [
        (
            "ERRATUM_QUESTION",
            EventKind::ErratumQuestion,
            labels::ERRATUM_QUESTION,
        ),
        (
            "ERRATUM_REPONSE",
            EventKind::ErratumAnswer,
            labels::ERRATUM_ANSWER,
        ),
    ] {
        for e in items(field(q, key)) {
            if let Some(date) = date_at(e, &["DATE_JO"], warnings)? {
                events.push(Event {
                    note: text_at(e, &["TEXTE_ERRATUM"])?,
                    ..event(kind, label, date, page_at(e, &["PAGE_JO"])?)
                });
            }
        }
    }

    let mut answer = Styled::default();
    let mut answered = false;
    if let Some(r) = field(q, "REPONSE") {
        if let Some(html) = string_at(r, &["TEXTE_REPONSE"])? {
            answer = html_to_styled(html);
        }
        match date_at(r, &["DATE_JO_REPONSE"], warnings)? {
            Some(date) => {
                answered = true;
                events.push(event(
                    EventKind::AnswerPublished,
                    labels::ANSWER,
                    date,
                    page_at(r, &["PAGE_JO_REPONSE"])?,
                ));
            }
            None if !answer.text.is_empty() => {
                answered = true;
                warnings.push(Problem::AnswerWithoutDate);
            }
            None => {}
        }
    }

    // Closed without an answer: withdrawn, its label the reason ("Fin de mandat").
    let mut closed = false;
    if let Some(c) = field(q, "CLOTURE").filter(|_| !answered) {
        let code = text_at(c, &["ABREGE"])?;
        let reason = text_at(c, &["LIBELLE"])?.or(code.clone());
        let date = date_at(c, &["DATE_JO"], warnings)?;
        if let Some(date) = date {
            closed = true;
            if code.as_deref() == Some("REP_PUB") {
                warnings.push(Problem::AnsweredWithoutText);
            }
            events.push(Event {
                note: reason,
                ..event(
                    EventKind::Withdrawn,
                    labels::WITHDRAWN,
                    date,
                    page_at(c, &["PAGE_JO"])?,
                )
            });
        } else if let Some(reason) = reason {
            warnings.push(Problem::UndatedEvent(Undated::Closure(reason)));
        }
    }
    events.sort_by_key(|e| e.date);
    let status = if answered {
        Status::Answered
    } else if closed {
        Status::Withdrawn
    } else {
        Status::Pending
    };
    let title = analysis
        .clone()
        .or(head.clone())
        .unwrap_or_else(|| rubric.clone());
    Ok(Question {
        id: Question::make_id(legislature, number, kind),
        legislature,
        kind,
        number,
        title,
        author,
        author_ref: None,
        mandate_ref: None,
        constituency,
        group,
        rubric,
        ministry_asked,
        ministry_assigned,
        attributions,
        analysis_head: head,
        analysis,
        question_text: question.text,
        question_emphasis: question.emphasis,
        answer_text: answer.text,
        answer_emphasis: answer.emphasis,
        status,
        events,
        extra: Vec::new(),
        source: source.to_string(),
    })
}
