//! Texts: paragraphs of sentences of pieces, rendered as markup, plain text or HTML; the
//! sentences of questions and answers, made from a domain's vocabulary.

use crate::rng::Rng;
use crate::vocabulary::{
    Domain, ANSWER_BODIES, ANSWER_VERBS, COMPLEMENTS, CONNECTORS, FOLLOW_VERBS, INFINITIVES,
    ITALICS, MONTHS, OPENING_OBJECTS, QUESTION_OPENINGS, QUOTES, SENTENCE_VERBS,
};
use crate::words::{
    a, agree, bare, de, de_inf, euros, french_number, lower_article, lower_first, pick_distinct,
    upper_first,
};
use crate::world::{a_town, de_town, DEPARTMENTS, TABLE_REGIONS};
use std::fmt::Write as _;

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Text(String),
    Italic(String),
    Bold(String),
}

pub(crate) type Sentence = Vec<Piece>;

/// A paragraph or a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Para(Vec<Sentence>),
    /// Rows of cells, the header first.
    Table(Vec<Vec<String>>),
}

pub(crate) fn text(s: impl Into<String>) -> Sentence {
    vec![Piece::Text(s.into())]
}

pub(crate) fn piece_str(p: &Piece) -> &str {
    match p {
        Piece::Text(s) | Piece::Italic(s) | Piece::Bold(s) => s,
    }
}

pub(crate) fn sentence_plain(s: &Sentence) -> String {
    s.iter().map(piece_str).collect()
}

pub(crate) fn para_plain(p: &[Sentence]) -> String {
    p.iter().map(sentence_plain).collect::<Vec<_>>().join(" ")
}

pub(crate) fn para_markup(p: &[Sentence]) -> String {
    let mut out = String::new();
    for (i, s) in p.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for piece in s {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Italic(t) => {
                    let _ = write!(out, "*{t}*");
                }
                Piece::Bold(t) => {
                    let _ = write!(out, "**{t}**");
                }
            }
        }
    }
    out
}

/// The text the parser should give back: blocks separated by one blank line, a table's rows
/// on their own lines with cells joined by " | ".
pub(crate) fn blocks_plain(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => para_plain(p),
            Block::Table(rows) => rows
                .iter()
                .map(|r| r.join(" | "))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Applies `f` to every run of text (titles excepted).
pub(crate) fn map_text(blocks: &mut [Block], f: &dyn Fn(&str) -> String) {
    for b in blocks {
        match b {
            Block::Para(p) => {
                for s in p.iter_mut() {
                    for piece in s.iter_mut() {
                        match piece {
                            Piece::Text(t) | Piece::Italic(t) | Piece::Bold(t) => *t = f(t),
                        }
                    }
                }
            }
            Block::Table(rows) => {
                for cell in rows.iter_mut().flatten() {
                    *cell = f(cell);
                }
            }
        }
    }
}

pub(crate) fn typographic(s: &str) -> String {
    s.replace('\'', "\u{2019}")
}

/// A colon near the start of a line would make it look like a `Label : value` line: before
/// the 90th character of a paragraph, a colon becomes a comma (the parser's label is at most
/// 80 characters).
pub(crate) fn guard_colons(blocks: &mut [Block]) {
    for b in blocks {
        let Block::Para(p) = b else { continue };
        let mut seen = 0usize;
        'outer: for s in p.iter_mut() {
            for piece in s.iter_mut() {
                let t = match piece {
                    Piece::Text(t) | Piece::Italic(t) | Piece::Bold(t) => t,
                };
                let len = t.chars().count();
                if t.contains(':') && seen < 90 {
                    let mut out = String::with_capacity(t.len());
                    for (i, c) in t.chars().enumerate() {
                        if c == ':' && seen + i < 90 {
                            out.push(',');
                        } else {
                            out.push(c);
                        }
                    }
                    // " , " reads badly: drop the space before the comma.
                    *t = out.replace(" ,", ",");
                }
                seen += len + 1;
                if seen >= 90 {
                    break 'outer;
                }
            }
        }
    }
}

/// What the sentence makers need to know of the question being written.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub(crate) domain: &'static Domain,
    /// The subject, `{de_town}` resolved: "du centre hospitalier de Guéret".
    pub(crate) subject: String,
    /// Index into [`DEPARTMENTS`] of the author's (or the first author's) département.
    pub(crate) dept: usize,
    pub(crate) female: bool,
    pub(crate) author: String,
    pub(crate) minister: String,
}

impl Ctx {
    pub(crate) fn people(&self, rng: &mut Rng) -> (&'static str, bool) {
        *rng.pick_zipf(self.domain.people)
    }

    /// An entry of a list (Zipf-like or uniform); entries about Asalée only for questions
    /// about Asalée, so that the word stays as rare as the subject.
    pub(crate) fn pick(
        &self,
        rng: &mut Rng,
        items: &'static [&'static str],
        zipf: bool,
    ) -> &'static str {
        let on_topic = self.subject.contains("Asalée");
        for _ in 0..4 {
            let x = if zipf {
                *rng.pick_zipf(items)
            } else {
                *rng.pick(items)
            };
            if on_topic || !x.contains("Asalée") {
                return x;
            }
        }
        items
            .iter()
            .copied()
            .find(|x| !x.contains("Asalée"))
            .unwrap_or(items[0])
    }
}

/// Fills the slots of a template (see [`Domain`]).
pub(crate) fn fill(template: &str, ctx: &Ctx, rng: &mut Rng) -> String {
    let (_, _, _, place, town, _) = DEPARTMENTS[ctx.dept];
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        match name {
            "place" => out.push_str(place),
            "de_town" => out.push_str(&de_town(town)),
            "a_town" => out.push_str(&a_town(town)),
            "n" => out.push_str(&french_number(rng.range(3, 600) as u64 * 25)),
            "n2" => {
                let _ = write!(out, "{}", rng.range(2, 19));
            }
            "pct" => {
                let _ = write!(out, "{}", rng.range(3, 97));
            }
            "eur" => out.push_str(&euros(rng)),
            "year" => {
                let _ = write!(out, "{}", rng.range(2008, 2024));
            }
            "month" => out.push_str(rng.pick_str(&MONTHS)),
            "people" => out.push_str(ctx.people(rng).0),
            _ => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// One sentence of a question. `far` allows a colon (far enough from the paragraph start).
pub(crate) fn question_sentence(rng: &mut Rng, ctx: &Ctx, far: bool) -> Sentence {
    let d = ctx.domain;
    let connector = *rng.pick(CONNECTORS);
    let lead = |s: String| {
        if connector.is_empty() {
            upper_first(&s)
        } else {
            format!("{connector}{s}")
        }
    };
    let subject = bare(&ctx.subject);
    match rng.below(16) {
        0..=2 => text(fill(ctx.pick(rng, d.facts, true), ctx, rng)),
        3 => {
            let (people, _) = ctx.people(rng);
            let n = rng.range(2, 95);
            text(format!(
                "Près de {n} % des {people} déclarent rencontrer des difficultés{}.",
                rng.pick(COMPLEMENTS)
            ))
        }
        4 => {
            let (people, feminine) = ctx.people(rng);
            let n = french_number(rng.range(3, 400) as u64 * 50);
            let concerned = if feminine {
                "concernées"
            } else {
                "concernés"
            };
            text(format!(
                "Selon les estimations disponibles, {n} {people} seraient directement {concerned} {}.",
                DEPARTMENTS[ctx.dept].3
            ))
        }
        5 if far => {
            let stakes = pick_distinct(rng, d.stakes, 3);
            text(format!(
                "Les conséquences seraient lourdes : {}.",
                enumerate(&stakes)
            ))
        }
        6 if rng.chance(0.6) => {
            let word = *rng.pick(ITALICS);
            if word == "statu quo" {
                vec![
                    Piece::Text(lead("le ".into())),
                    Piece::Italic(word.into()),
                    Piece::Text(format!(" ne saurait perdurer{}.", rng.pick(COMPLEMENTS))),
                ]
            } else {
                let (people, _) = ctx.people(rng);
                vec![
                    Piece::Text(lead("cette règle s'applique ".into())),
                    Piece::Italic(word.into()),
                    Piece::Text(format!(" à l'ensemble des {people}.")),
                ]
            }
        }
        7 => text(format!(
            "Comme le souligne {}, « {} ».",
            ctx.pick(rng, d.bodies, true),
            rng.pick(QUOTES)
        )),
        8 => {
            let (people, _) = ctx.people(rng);
            text(lead(format!(
                "les {people} dénoncent {} et réclament {}.",
                headline_np(rng.pick_str(d.stakes)),
                ctx.pick(rng, d.measures, true)
            )))
        }
        9 => text(format!(
            "Cette situation est particulièrement préoccupante {}, où {subject} {} {}.",
            DEPARTMENTS[ctx.dept].3,
            agree(&subject, *rng.pick(SENTENCE_VERBS)),
            rng.pick(d.stakes)
        )),
        10 => text(format!(
            "Le coût {} est estimé à {} par an.",
            de(ctx.pick(rng, d.measures, false)),
            euros(rng)
        )),
        11 => text(lead(format!(
            "{subject} {} {}{}.",
            agree(&subject, *rng.pick(SENTENCE_VERBS)),
            rng.pick_zipf(d.stakes),
            rng.pick(COMPLEMENTS)
        ))),
        12 => {
            let other = *rng.pick(d.subjects);
            if other.contains('{') || other.contains("Asalée") {
                text(format!(
                    "{} {} un rôle essentiel pour {}.",
                    upper_first(&subject),
                    agree(&subject, ("joue", "jouent")),
                    rng.pick(d.stakes)
                ))
            } else {
                text(format!(
                    "À l'instar {other}, {subject} {} {}.",
                    agree(&subject, *rng.pick(SENTENCE_VERBS)),
                    rng.pick(d.stakes)
                ))
            }
        }
        13 => text(format!(
            "Depuis {}, les {} alertent les pouvoirs publics sur {}.",
            rng.range(2008, 2024),
            ctx.people(rng).0,
            rng.pick(d.stakes)
        )),
        _ => {
            let body = ctx.pick(rng, d.bodies, true);
            text(lead(format!(
                "{body} {} {}{}.",
                agree(body, *rng.pick(SENTENCE_VERBS)),
                rng.pick_zipf(d.stakes),
                rng.pick(COMPLEMENTS)
            )))
        }
    }
}

/// "a, b et c".
pub(crate) fn enumerate(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// "l'accès aux soins" as the object of "dénoncent": the stake's degradation.
pub(crate) fn headline_np(stake: &str) -> String {
    format!("les atteintes portées {}", a(stake))
}

pub(crate) fn opening_sentence(rng: &mut Rng, ctx: &Ctx) -> Sentence {
    let verb = *rng.pick(QUESTION_OPENINGS);
    let object = *rng.pick_zipf(OPENING_OBJECTS);
    let place = if rng.chance(0.4) {
        format!(" {}", DEPARTMENTS[ctx.dept].3)
    } else {
        String::new()
    };
    text(format!(
        "{} {verb} {} sur {object} {}{place}.",
        ctx.author, ctx.minister, ctx.subject
    ))
}

pub(crate) fn closing_sentence(rng: &mut Rng, ctx: &Ctx) -> Sentence {
    let pronoun = if ctx.female { "Elle" } else { "Il" };
    let d = ctx.domain;
    let s = match rng.below(6) {
        0 => format!(
            "{pronoun} lui demande quelles mesures le Gouvernement entend prendre pour {} {}.",
            rng.pick(INFINITIVES),
            rng.pick(d.stakes)
        ),
        1 => format!(
            "{pronoun} lui demande de bien vouloir lui indiquer les mesures envisagées afin {} {}.",
            de_inf(rng.pick_str(INFINITIVES)),
            rng.pick(d.stakes)
        ),
        2 => format!(
            "{pronoun} souhaite connaître les intentions du Gouvernement s'agissant {}.",
            ctx.subject
        ),
        3 => format!(
            "{pronoun} lui demande si le Gouvernement entend engager {}.",
            ctx.pick(rng, d.measures, true)
        ),
        4 => format!(
            "Aussi, {} lui demande de préciser le calendrier retenu pour {} {}.",
            lower_first(pronoun),
            rng.pick(INFINITIVES),
            rng.pick(d.stakes)
        ),
        _ => format!(
            "{pronoun} souhaiterait savoir quelles dispositions seront prises pour {} {}.",
            rng.pick(INFINITIVES),
            rng.pick(d.stakes)
        ),
    };
    text(s)
}

/// A sentence that does not start as one already written does (a few tries); `heads` holds
/// the starts of those written.
pub(crate) fn fresh(
    rng: &mut Rng,
    heads: &mut Vec<String>,
    make: impl Fn(&mut Rng) -> Sentence,
) -> Sentence {
    let start = |s: &Sentence| -> String {
        let mut out = String::new();
        for p in s {
            out.extend(piece_str(p).chars().take(30 - out.chars().count().min(30)));
        }
        out
    };
    let mut s = make(rng);
    for _ in 0..3 {
        if !heads.contains(&start(&s)) {
            break;
        }
        s = make(rng);
    }
    heads.push(start(&s));
    s
}

/// A question's text of about `target` characters: the opening, paragraphs, the closing.
/// The structure depends on the draws only, never on the lengths of the context's words, so
/// that a campaign's base text comes out the same for every copy.
pub(crate) fn question_blocks(rng: &mut Rng, ctx: &Ctx, target: usize) -> Vec<Block> {
    let count = (target / 420).clamp(1, 8);
    let mut paras: Vec<Vec<Sentence>> = Vec::new();
    let mut heads = Vec::new();
    for k in 0..count {
        let mut p: Vec<Sentence> = Vec::new();
        if k == 0 {
            p.push(opening_sentence(rng, ctx));
        }
        for j in 0..rng.range(2, 5) {
            let s = fresh(rng, &mut heads, |rng| question_sentence(rng, ctx, j >= 2));
            p.push(s);
        }
        paras.push(p);
    }
    let close = closing_sentence(rng, ctx);
    if let Some(last) = paras.last_mut() {
        last.push(close);
    }
    paras.into_iter().map(Block::Para).collect()
}

/// One sentence of an answer.
pub(crate) fn answer_sentence(rng: &mut Rng, ctx: &Ctx, far: bool) -> Sentence {
    let d = ctx.domain;
    let connector = *rng.pick(CONNECTORS);
    let lead = |s: String| {
        if connector.is_empty() {
            upper_first(&s)
        } else {
            format!("{connector}{}", lower_article(&s))
        }
    };
    let year = rng.range(2012, 2025);
    let subject = bare(&ctx.subject);
    match rng.below(12) {
        0 | 1 => {
            let body = *rng.pick(ANSWER_BODIES);
            text(lead(format!(
                "{body} {} {}{}.",
                agree(body, *rng.pick(ANSWER_VERBS)),
                ctx.pick(rng, d.measures, true),
                rng.pick(COMPLEMENTS)
            )))
        }
        2 => text(format!(
            "Une enveloppe de {} a été mobilisée en {year} afin {} {}.",
            euros(rng),
            de_inf(rng.pick_str(INFINITIVES)),
            rng.pick(d.stakes)
        )),
        3 => text(format!(
            "Le décret n° {year}-{} du {} {} {year} a précisé les modalités {}.",
            rng.range(100, 1900),
            rng.range(2, 28),
            rng.pick(&MONTHS),
            de(ctx.pick(rng, d.measures, false))
        )),
        4 => {
            let (people, _) = ctx.people(rng);
            text(format!(
                "Au 31 décembre {year}, {} {people} bénéficiaient de ce dispositif, soit une hausse de {} % par rapport à {}.",
                french_number(rng.range(3, 900) as u64 * 100),
                rng.range(2, 60),
                year - 1
            ))
        }
        5 => text(format!(
            "La loi n° {year}-{} du {} {} {year} relative {} prévoit {}.",
            rng.range(100, 1900),
            rng.range(2, 28),
            rng.pick(&MONTHS),
            a(rng.pick_str(d.stakes)),
            ctx.pick(rng, d.measures, false)
        )),
        6 => text(lead(format!(
            "le Gouvernement reste attentif {} et poursuivra le dialogue avec {}.",
            a(rng.pick_str(d.stakes)),
            ctx.pick(rng, d.bodies, true)
        ))),
        7 => text(format!(
            "Ces mesures représentent un effort de {} sur la période {year}-{}.",
            euros(rng),
            year + 3
        )),
        8 if far => {
            let mut items = pick_distinct(rng, d.measures, 2);
            items.push(*rng.pick(d.stakes));
            let items: Vec<&str> = items
                .into_iter()
                .map(|x| {
                    if x.contains("Asalée") && !ctx.subject.contains("Asalée") {
                        d.stakes[0]
                    } else {
                        x
                    }
                })
                .collect();
            text(format!(
                "Trois priorités ont été retenues : {}.",
                enumerate(&items)
            ))
        }
        9 if rng.chance(0.3) => vec![
            Piece::Text("Le Gouvernement rappelle que ".into()),
            Piece::Bold(format!(
                "{subject} {} une priorité",
                agree(&subject, ("constitue", "constituent"))
            )),
            Piece::Text(format!(" de son action{}.", rng.pick(COMPLEMENTS))),
        ],
        10 => text(fill(ctx.pick(rng, d.facts, false), ctx, rng)),
        _ => {
            let body = ctx.pick(rng, d.bodies, true);
            text(lead(format!(
                "{body} {} {} {}.",
                agree(body, *rng.pick(FOLLOW_VERBS)),
                rng.pick(d.stakes),
                DEPARTMENTS[ctx.dept].3
            )))
        }
    }
}

/// A table for an answer, with the sentence introducing it.
pub(crate) fn answer_table(rng: &mut Rng, ctx: &Ctx) -> (Sentence, Block) {
    let (people, _) = ctx.people(rng);
    if rng.chance(0.5) {
        let start = rng.range(2015, 2020);
        let years = rng.range(3, 6);
        let mut rows = vec![vec![
            "Année".to_string(),
            format!("Nombre de {people}"),
            "Crédits (en euros)".to_string(),
        ]];
        let mut count = rng.range(500, 20_000) as u64;
        for y in 0..years {
            count = count * rng.range(95, 125) as u64 / 100;
            rows.push(vec![
                (start + y).to_string(),
                french_number(count),
                french_number(count * rng.range(200, 3000) as u64),
            ]);
        }
        (
            text(format!(
                "L'évolution du nombre de {people} et des crédits engagés depuis {start} figure dans le tableau suivant :"
            )),
            Block::Table(rows),
        )
    } else {
        let mut rows = vec![vec![
            "Région".to_string(),
            "Montant (en euros)".to_string(),
            "Part".to_string(),
        ]];
        let first = rng.below(TABLE_REGIONS.len() as u64) as usize;
        let n = rng.range(3, 8) as usize;
        for k in 0..n {
            rows.push(vec![
                TABLE_REGIONS[(first + k) % TABLE_REGIONS.len()].to_string(),
                french_number(rng.range(50, 9000) as u64 * 1000),
                format!("{} %", rng.range(1, 30)),
            ]);
        }
        (
            text("La répartition régionale des crédits délégués au titre de ce dispositif est présentée dans le tableau ci-dessous :"),
            Block::Table(rows),
        )
    }
}

/// An answer's text of about `target` characters.
pub(crate) fn answer_blocks(rng: &mut Rng, ctx: &Ctx, target: usize, grouped: bool) -> Vec<Block> {
    let opening = match rng.below(5) {
        0 => format!(
            "Le Gouvernement est pleinement mobilisé sur la question {}.",
            ctx.subject
        ),
        1 => format!(
            "La situation {} fait l'objet d'une attention particulière des services de l'État.",
            ctx.subject
        ),
        2 if !grouped => {
            "Le ministère partage la préoccupation exprimée par l'auteur de la question.".into()
        }
        2 => "Le ministère partage les préoccupations exprimées par les auteurs des questions."
            .into(),
        3 => "Des travaux ont été engagés avec l'ensemble des acteurs concernés.".into(),
        _ => {
            let subject = bare(&ctx.subject);
            format!(
                "{} {} une priorité du Gouvernement.",
                upper_first(&subject),
                agree(&subject, ("constitue", "constituent"))
            )
        }
    };
    let count = (target / 450).clamp(1, 10);
    let table_at = rng
        .chance(0.12)
        .then(|| rng.below(count.min(2) as u64) as usize);
    let mut blocks = Vec::new();
    let mut heads = Vec::new();
    for k in 0..count {
        let mut p: Vec<Sentence> = Vec::new();
        if k == 0 {
            p.push(text(opening.clone()));
        }
        for j in 0..rng.range(2, 5) {
            let s = fresh(rng, &mut heads, |rng| answer_sentence(rng, ctx, j >= 2));
            p.push(s);
        }
        if table_at == Some(k) {
            let (intro, table) = answer_table(rng, ctx);
            p.push(intro);
            blocks.push(Block::Para(p));
            blocks.push(table);
        } else {
            blocks.push(Block::Para(p));
        }
    }
    blocks
}
