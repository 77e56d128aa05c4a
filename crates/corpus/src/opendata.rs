//! The open-data JSON form: questions (`QuestionEcrite_Type`), and the AMO files of their
//! authors (acteurs) and groups (organes).

use crate::facts::{answers_page, Facts};
use crate::plan::{Person, Plan};
use crate::prose::{Block, Piece, Sentence};
use crate::rng::Rng;
use crate::words::{french_date, lower_first};
use crate::world::{
    group_organe, ministry_organe, ymd, DEPARTMENTS, GROUPS, LEGISLATURES, MINISTRIES,
};
use chrono::{Datelike, Duration, NaiveDate};
use dossier_core::model::EventKind;
use std::fmt::Write as _;

pub(crate) const NS: &str = "http://schemas.assemblee-nationale.fr/referentiel";
pub(crate) const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A JSON value, its objects keeping their keys' order.
#[derive(Debug, Clone)]
pub(crate) enum J {
    S(String),
    N(u64),
    Null,
    O(Vec<(&'static str, J)>),
    A(Vec<J>),
}

pub(crate) fn js(x: impl Into<String>) -> J {
    J::S(x.into())
}

pub(crate) fn iso(date: NaiveDate) -> J {
    J::S(date.format("%Y-%m-%d").to_string())
}

pub(crate) fn xsi_nil() -> J {
    J::O(vec![("@xmlns:xsi", js(XSI)), ("@xsi:nil", js("true"))])
}

/// An empty value in one of the four forms of the files: a missing key, `null`, `{}` or
/// `{"@xsi:nil": "true"}`.
pub(crate) fn nil(rng: &mut Rng) -> Option<J> {
    match rng.below(4) {
        0 => None,
        1 => Some(J::Null),
        2 => Some(J::O(Vec::new())),
        _ => Some(xsi_nil()),
    }
}

pub(crate) fn put(pairs: &mut Vec<(&'static str, J)>, key: &'static str, value: Option<J>) {
    if let Some(v) = value {
        pairs.push((key, v));
    }
}

pub(crate) fn json_string(s: &str, ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if ascii && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes a value: `pretty` indents by two spaces as the question files do; otherwise the
/// `{"a": 1, "b": 2}` form of the acteur and organe files. `ascii` escapes every non-ASCII
/// character (`\u00e9`).
pub(crate) fn write_json(j: &J, pretty: bool, ascii: bool, depth: usize, out: &mut String) {
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    match j {
        J::S(s) => json_string(s, ascii, out),
        J::N(n) => {
            let _ = write!(out, "{n}");
        }
        J::Null => out.push_str("null"),
        J::O(pairs) if pairs.is_empty() => out.push_str("{}"),
        J::A(items) if items.is_empty() => out.push_str("[]"),
        J::O(pairs) => {
            out.push('{');
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    if !pretty {
                        out.push(' ');
                    }
                }
                if pretty {
                    newline(out, depth + 1);
                }
                json_string(k, ascii, out);
                out.push_str(": ");
                write_json(v, pretty, ascii, depth + 1, out);
            }
            if pretty {
                newline(out, depth);
            }
            out.push('}');
        }
        J::A(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    if !pretty {
                        out.push(' ');
                    }
                }
                if pretty {
                    newline(out, depth + 1);
                }
                write_json(v, pretty, ascii, depth + 1, out);
            }
            if pretty {
                newline(out, depth);
            }
            out.push(']');
        }
    }
}

pub(crate) fn json_text(j: &J, pretty: bool, ascii: bool) -> String {
    let mut out = String::with_capacity(8192);
    write_json(j, pretty, ascii, 0, &mut out);
    out
}

/// How a document's HTML is written: paragraph separators (0 `<p>…</p>`, 1 `<br><br>`,
/// 2 one `<br>` inside a single `<p>`), entities (0 none but `&amp; &lt; &gt;`, 1 named
/// entities for accented letters, 2 numeric ones for apostrophes and guillemets), tag names.
pub(crate) struct HtmlStyle {
    pub(crate) paras: u64,
    pub(crate) entities: u64,
    pub(crate) italic: &'static str,
    pub(crate) bold: &'static str,
}

pub(crate) fn html_escape(t: &str, entities: u64, out: &mut String) {
    for c in t.chars() {
        let named = match (entities, c) {
            (_, '&') => Some("&amp;"),
            (_, '<') => Some("&lt;"),
            (_, '>') => Some("&gt;"),
            (1, 'é') => Some("&eacute;"),
            (1, 'è') => Some("&egrave;"),
            (1, 'ê') => Some("&ecirc;"),
            (1, 'à') => Some("&agrave;"),
            (1, 'â') => Some("&acirc;"),
            (1, 'ç') => Some("&ccedil;"),
            (1, 'ô') => Some("&ocirc;"),
            (1, 'î') => Some("&icirc;"),
            (1, 'ï') => Some("&iuml;"),
            (1, 'û') => Some("&ucirc;"),
            (1, 'ù') => Some("&ugrave;"),
            (1, 'ë') => Some("&euml;"),
            (1, 'É') => Some("&Eacute;"),
            (1, 'À') => Some("&Agrave;"),
            (1, 'œ') => Some("&oelig;"),
            (1, '«') => Some("&laquo;"),
            (1, '»') => Some("&raquo;"),
            (1, '’') => Some("&rsquo;"),
            (1, '€') => Some("&euro;"),
            (2, '’') => Some("&#8217;"),
            (2, '«') => Some("&#171;"),
            (2, '»') => Some("&#187;"),
            (2, '\'') => Some("&#039;"),
            _ => None,
        };
        match named {
            Some(e) => out.push_str(e),
            None => out.push(c),
        }
    }
}

pub(crate) fn html_para(p: &[Sentence], style: &HtmlStyle, out: &mut String) {
    for (i, s) in p.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for piece in s {
            match piece {
                Piece::Text(t) => html_escape(t, style.entities, out),
                Piece::Italic(t) => {
                    let _ = write!(out, "<{}>", style.italic);
                    html_escape(t, style.entities, out);
                    let _ = write!(out, "</{}>", style.italic);
                }
                Piece::Bold(t) => {
                    let _ = write!(out, "<{}>", style.bold);
                    html_escape(t, style.entities, out);
                    let _ = write!(out, "</{}>", style.bold);
                }
            }
        }
    }
}

pub(crate) fn html_table(rows: &[Vec<String>], style: &HtmlStyle, out: &mut String) {
    out.push_str("<table><tbody>");
    for (i, row) in rows.iter().enumerate() {
        out.push_str("<tr>");
        let cell = if i == 0 { "th" } else { "td" };
        for c in row {
            let _ = write!(out, "<{cell}>");
            html_escape(c, style.entities, out);
            let _ = write!(out, "</{cell}>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// A text field as the HTML `texte` of the files, with the JO header when given.
pub(crate) fn html_blocks(blocks: &[Block], style: &HtmlStyle, header: Option<&str>) -> String {
    let mut out = String::with_capacity(4096);
    let mut header = header;
    let mut open_p = false;
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Para(p) => {
                match style.paras {
                    0 => out.push_str("<p>"),
                    1 if i > 0 => out.push_str("<br><br>"),
                    2 if open_p => out.push_str("<br>"),
                    2 => {
                        out.push_str("<p>");
                        open_p = true;
                    }
                    _ => {}
                }
                if let Some(h) = header.take() {
                    html_escape(h, style.entities, &mut out);
                }
                html_para(p, style, &mut out);
                if style.paras == 0 {
                    out.push_str("</p>");
                }
            }
            Block::Table(rows) => {
                if open_p {
                    out.push_str("</p>");
                    open_p = false;
                }
                html_table(rows, style, &mut out);
            }
        }
    }
    if open_p {
        out.push_str("</p>");
    }
    out
}

pub(crate) fn organe_ref(organe: u32, abrege: &str, developpe: &str) -> J {
    J::O(vec![
        ("organeRef", js(format!("PO{organe}"))),
        ("abrege", js(abrege)),
        ("developpe", js(developpe)),
    ])
}

pub(crate) fn ministry_ref(m: usize) -> J {
    let (abrege, words) = MINISTRIES[m];
    organe_ref(ministry_organe(m), abrege, &format!("Ministère {words}"))
}

pub(crate) fn info_jo(rng: &mut Rng, date: NaiveDate, page: Option<u32>) -> J {
    J::O(vec![
        ("typeJO", js("JO_QUESTION")),
        ("dateJO", iso(date)),
        ("pageJO", page.map_or(J::Null, |p| js(p.to_string()))),
        (
            "numJO",
            if rng.chance(0.5) {
                js(format!("{}", date.ordinal() / 7 + 1))
            } else {
                J::Null
            },
        ),
        ("urlLegifrance", J::Null),
        ("referenceNOR", J::Null),
    ])
}

/// `{"question": {...}}` for a question, in the shape of `QuestionEcrite_Type`.
pub(crate) fn question_json(f: &Facts) -> String {
    let mut rng = Rng::new(f.seed ^ 0x0150_0A7A_0150_0A7A);
    let legislature = f.legislature().to_string();
    let style = HtmlStyle {
        paras: rng.below(3),
        entities: rng.below(3),
        italic: if rng.chance(0.8) { "i" } else { "em" },
        bold: if rng.chance(0.7) { "strong" } else { "b" },
    };
    let published = f.published();
    let header = rng
        .chance(0.3)
        .then(|| format!("{}. — {}. — ", f.number, french_date(&mut rng, published)));
    let question_html = html_blocks(&f.question, &style, header.as_deref());
    let page = |kind: EventKind| f.event(kind).and_then(|e| e.page);

    let mut indexation = vec![("rubrique", js(lower_first(f.rubric)))];
    match f.head {
        Some(h) => indexation.push(("teteAnalyse", js(h))),
        None => put(&mut indexation, "teteAnalyse", nil(&mut rng)),
    }
    indexation.push(("analyses", J::O(vec![("analyse", js(f.title.clone()))])));

    let (group_name, group_abbrev, group_po) = f.group();
    let attrib = |rng: &mut Rng, m: usize, date: NaiveDate| {
        J::O(vec![
            ("infoJO", info_jo(rng, date, None)),
            ("denomination", ministry_ref(m)),
        ])
    };
    let min_attrib = match f.event(EventKind::AttributionChanged) {
        Some(change) if f.reassigned => J::A(vec![
            attrib(&mut rng, f.asked, published),
            attrib(&mut rng, f.assigned, change.date),
        ]),
        _ => attrib(&mut rng, f.assigned, published),
    };
    let texte = |rng: &mut Rng, date: NaiveDate, page: Option<u32>, html: &str| {
        J::O(vec![
            ("infoJO", info_jo(rng, date, page)),
            ("texte", js(html)),
        ])
    };
    let mut texte_question = texte(
        &mut rng,
        published,
        page(EventKind::QuestionPublished),
        &question_html,
    );
    if let Some(e) = f.event(EventKind::ErratumQuestion) {
        let mut corrected = texte(&mut rng, e.date, e.page, &question_html);
        if let J::O(pairs) = &mut corrected {
            pairs.push((
                "erratum",
                js(format!(
                    "<p>Question n° {} : au lieu de « {} », lire « {} ».</p>",
                    f.number,
                    published.year() - 1,
                    published.year()
                )),
            ));
        }
        texte_question = J::A(vec![texte_question, corrected]);
    }

    let mut q: Vec<(&'static str, J)> = vec![
        ("@xmlns", js(NS)),
        ("@xmlns:xsi", js(XSI)),
        ("@xsi:type", js("QuestionEcrite_Type")),
        ("uid", js(f.uid())),
        (
            "identifiant",
            J::O(vec![
                ("numero", js(f.number.to_string())),
                ("regime", js("5eme Republique")),
                ("legislature", js(legislature)),
            ]),
        ),
        ("type", js("QE")),
        ("indexationAN", J::O(indexation)),
        (
            "auteur",
            J::O(vec![
                (
                    "identite",
                    J::O(vec![
                        ("acteurRef", js(format!("PA{}", f.person.pa))),
                        ("mandatRef", js(format!("PM{}", f.deputy.mandat))),
                    ]),
                ),
                ("groupe", organe_ref(group_po, group_abbrev, group_name)),
            ]),
        ),
        ("minInt", ministry_ref(f.asked)),
        ("minAttribs", J::O(vec![("minAttrib", min_attrib)])),
        (
            "textesQuestion",
            J::O(vec![("texteQuestion", texte_question)]),
        ),
    ];
    match f.event(EventKind::AnswerPublished) {
        Some(answer) => {
            let answer_html = html_blocks(&f.answer, &style, None);
            let section = Some(answers_page(answer.date));
            let mut texte_reponse = texte(&mut rng, answer.date, section, &answer_html);
            if let Some(e) = f.event(EventKind::ErratumAnswer) {
                let mut corrected = texte(&mut rng, e.date, e.page, &answer_html);
                if let J::O(pairs) = &mut corrected {
                    pairs.push((
                        "erratum",
                        js("<p>Au lieu de « le décret », lire « l'arrêté ».</p>"),
                    ));
                }
                texte_reponse = J::A(vec![texte_reponse, corrected]);
            }
            q.push(("textesReponse", J::O(vec![("texteReponse", texte_reponse)])));
            q.push((
                "cloture",
                J::O(vec![
                    ("codeCloture", js("REP_PUB")),
                    ("libelleCloture", js("Réponse publiée")),
                    ("dateCloture", iso(answer.date)),
                    ("infoJO", info_jo(&mut rng, answer.date, section)),
                ]),
            ));
        }
        None => {
            put(&mut q, "textesReponse", nil(&mut rng));
            match f.event(EventKind::Withdrawn) {
                Some(w) => q.push((
                    "cloture",
                    J::O(vec![
                        ("codeCloture", js(f.withdrawal_code.unwrap_or("RETRAIT"))),
                        ("libelleCloture", js(w.note.unwrap_or("Retrait"))),
                        ("dateCloture", iso(w.date)),
                    ]),
                )),
                None => put(&mut q, "cloture", nil(&mut rng)),
            }
        }
    }
    match f.event(EventKind::Signaled) {
        Some(e) => q.push((
            "signalement",
            J::O(vec![
                (
                    "dateDepotSignal",
                    iso(e.date - Duration::days(rng.range(2, 8))),
                ),
                ("infoJO", info_jo(&mut rng, e.date, None)),
            ]),
        )),
        None => put(&mut q, "signalement", nil(&mut rng)),
    }
    match f.event(EventKind::Renewed) {
        Some(e) => q.push((
            "renouvellements",
            J::O(vec![(
                "renouvellement",
                J::O(vec![("infoJO", info_jo(&mut rng, e.date, None))]),
            )]),
        )),
        None => put(&mut q, "renouvellements", nil(&mut rng)),
    }
    let pretty = rng.chance(0.8);
    let ascii = rng.chance(0.2);
    json_text(&J::O(vec![("question", J::O(q))]), pretty, ascii)
}

/// Professions: as a man, as a woman, INSEE category, family.
pub(crate) const PROFESSIONS: &[(&str, &str, &str, &str)] = &[
    (
        "Cadre territorial",
        "Cadre territoriale",
        "Cadres administratifs et techniques de la fonction publique",
        "Cadres et professions intellectuelles supérieures",
    ),
    (
        "Médecin",
        "Médecin",
        "Médecins hospitaliers sans activité libérale",
        "Cadres et professions intellectuelles supérieures",
    ),
    (
        "Agriculteur",
        "Agricultrice",
        "Agriculteurs sur moyenne exploitation",
        "Agriculteurs exploitants",
    ),
    (
        "Professeur des écoles",
        "Professeure des écoles",
        "Professeurs des écoles",
        "Professions Intermédiaires",
    ),
    (
        "Avocat",
        "Avocate",
        "Professions libérales",
        "Cadres et professions intellectuelles supérieures",
    ),
    (
        "Chef d'entreprise",
        "Cheffe d'entreprise",
        "Chefs d'entreprise de 10 salariés ou plus",
        "Artisans, commerçants et chefs d'entreprise",
    ),
    (
        "Infirmier",
        "Infirmière",
        "Infirmiers",
        "Professions Intermédiaires",
    ),
    ("Retraité", "Retraitée", "Anciens cadres", "Retraités"),
];

/// `{"acteur": {...}}` for a deputy, with one ASSEMBLEE (and group) mandat per legislature.
pub(crate) fn acteur_json(plan: &Plan, person: &Person) -> String {
    let mut rng = Rng::new(u64::from(person.pa) ^ plan.seed.rotate_left(17));
    let pa = format!("PA{}", person.pa);
    let mut mandats = Vec::new();
    for &seat in &person.seats {
        let d = &plan.deputies[seat as usize];
        let (_, start, end, _, assembly) = LEGISLATURES[d.leg];
        let (start, end) = (ymd(start), ymd(end));
        let current = d.leg == LEGISLATURES.len() - 1;
        let leg = LEGISLATURES[d.leg].0.to_string();
        let (code, name, _, _, _, region) = DEPARTMENTS[d.dept];
        let outre_mer = code.len() == 3;
        let date_fin = if current { J::Null } else { iso(end) };
        mandats.push(J::O(vec![
            ("@xmlns:xsi", js(XSI)),
            ("@xsi:type", js("MandatParlementaire_type")),
            ("uid", js(format!("PM{}", d.mandat))),
            ("acteurRef", js(pa.clone())),
            ("legislature", js(leg.clone())),
            ("typeOrgane", js("ASSEMBLEE")),
            ("dateDebut", iso(start - Duration::days(16))),
            ("datePublication", J::Null),
            ("dateFin", date_fin.clone()),
            ("preseance", js("50")),
            ("nominPrincipale", js("1")),
            (
                "infosQualite",
                J::O(vec![
                    ("codeQualite", js("membre")),
                    ("libQualite", js("membre")),
                    ("libQualiteSex", js("membre")),
                ]),
            ),
            (
                "organes",
                J::O(vec![("organeRef", js(format!("PO{assembly}")))]),
            ),
            ("chambre", J::Null),
            (
                "election",
                J::O(vec![
                    (
                        "lieu",
                        J::O(vec![
                            ("region", js(region)),
                            (
                                "regionType",
                                js(if outre_mer {
                                    "Outre-Mer"
                                } else {
                                    "Métropolitain"
                                }),
                            ),
                            ("departement", js(name)),
                            ("numDepartement", js(code)),
                            ("numCirco", js(d.seat.to_string())),
                        ]),
                    ),
                    ("causeMandat", js("élections générales")),
                    (
                        "refCirconscription",
                        js(format!("PO{}", 900_000 + d.dept as u32 * 40 + d.seat)),
                    ),
                ]),
            ),
        ]));
        let single_ni = person.seats.len() == 1 && GROUPS[d.leg][d.group].1 == "NI";
        if !single_ni {
            mandats.push(J::O(vec![
                ("@xmlns:xsi", js(XSI)),
                ("@xsi:type", js("MandatSimple_Type")),
                ("uid", js(format!("PM{}", d.gp_mandat))),
                ("acteurRef", js(pa.clone())),
                ("legislature", js(leg)),
                ("typeOrgane", js("GP")),
                ("dateDebut", iso(start)),
                ("datePublication", iso(start)),
                ("dateFin", date_fin),
                ("preseance", js("20")),
                ("nominPrincipale", js("1")),
                (
                    "infosQualite",
                    J::O(vec![
                        ("codeQualite", js("Membre")),
                        ("libQualite", js("Membre du")),
                        ("libQualiteSex", js("Membre du")),
                    ]),
                ),
                (
                    "organes",
                    J::O(vec![(
                        "organeRef",
                        js(format!("PO{}", group_organe(d.leg, d.group))),
                    )]),
                ),
            ]));
        }
    }
    let mandat = if mandats.len() == 1 {
        mandats.remove(0)
    } else {
        J::A(mandats)
    };
    let alpha = person
        .last
        .strip_prefix("de ")
        .map_or(person.last.to_string(), |rest| format!("{rest} (de)"));
    let trigramme = if rng.chance(0.2) {
        let letters: String = person
            .first
            .chars()
            .take(1)
            .chain(person.last.chars().filter(|c| c.is_alphabetic()).take(2))
            .collect();
        js(letters.to_uppercase())
    } else {
        xsi_nil()
    };
    let (man, woman, cat, fam) = *rng.pick(PROFESSIONS);
    let profession = if person.female { woman } else { man };
    let first_dept = DEPARTMENTS[plan.deputies[person.seats[0] as usize].dept];
    let acteur = J::O(vec![(
        "acteur",
        J::O(vec![
            ("@xmlns", js(NS)),
            (
                "uid",
                J::O(vec![
                    ("@xmlns:xsi", js(XSI)),
                    ("@xsi:type", js("IdActeur_type")),
                    ("#text", js(pa.clone())),
                ]),
            ),
            (
                "etatCivil",
                J::O(vec![
                    (
                        "ident",
                        J::O(vec![
                            ("civ", js(if person.female { "Mme" } else { "M." })),
                            ("prenom", js(person.first)),
                            ("nom", js(person.last)),
                            ("alpha", js(alpha)),
                            ("trigramme", trigramme),
                        ]),
                    ),
                    (
                        "infoNaissance",
                        J::O(vec![
                            ("dateNais", iso(person.born)),
                            (
                                "villeNais",
                                if rng.chance(0.9) {
                                    js(first_dept.4)
                                } else {
                                    xsi_nil()
                                },
                            ),
                            ("depNais", js(first_dept.1)),
                            ("paysNais", js("France")),
                        ]),
                    ),
                    ("dateDeces", xsi_nil()),
                ]),
            ),
            (
                "profession",
                J::O(vec![
                    ("libelleCourant", js(profession)),
                    (
                        "socProcINSEE",
                        J::O(vec![("catSocPro", js(cat)), ("famSocPro", js(fam))]),
                    ),
                ]),
            ),
            (
                "uri_hatvp",
                if rng.chance(0.2) {
                    js(format!(
                        "https://www.hatvp.fr/pages_nominatives/{}-{}",
                        fold_ascii(person.last),
                        fold_ascii(person.first)
                    ))
                } else {
                    xsi_nil()
                },
            ),
            ("adresses", xsi_nil()),
            ("mandats", J::O(vec![("mandat", mandat)])),
        ]),
    )]);
    json_text(&acteur, false, true)
}

/// Lower-case ASCII letters and dashes, for a URL.
pub(crate) fn fold_ascii(s: &str) -> String {
    dossier_core::text::fold::fold(s)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// `{"organe": {...}}` for a political group.
pub(crate) fn organe_json(leg: usize, group: usize) -> String {
    let (name, abbrev, _) = GROUPS[leg][group];
    let (_, start, end, _, _) = LEGISLATURES[leg];
    let current = leg == LEGISLATURES.len() - 1;
    let organe = J::O(vec![(
        "organe",
        J::O(vec![
            ("@xmlns", js(NS)),
            ("@xmlns:xsi", js(XSI)),
            ("@xsi:type", js("GroupePolitique_type")),
            ("uid", js(format!("PO{}", group_organe(leg, group)))),
            ("codeType", js("GP")),
            ("libelle", js(name)),
            ("libelleEdition", js(format!("du groupe {name}"))),
            ("libelleAbrege", js(abbrev)),
            ("libelleAbrev", js(abbrev.to_uppercase())),
            (
                "viMoDe",
                J::O(vec![
                    ("dateDebut", iso(ymd(start) - Duration::days(5))),
                    ("dateAgrement", J::Null),
                    ("dateFin", if current { J::Null } else { iso(ymd(end)) }),
                ]),
            ),
            ("organeParent", J::Null),
            ("chambre", J::Null),
            ("regime", js("5ème République")),
            ("legislature", js(LEGISLATURES[leg].0.to_string())),
            (
                "secretariat",
                J::O(vec![("secretaire01", J::Null), ("secretaire02", J::Null)]),
            ),
            ("positionPolitique", J::Null),
            ("preseance", js((group + 1).to_string())),
            (
                "couleurAssociee",
                js(format!(
                    "#{:06X}",
                    (group as u32 * 0x35_7A_93 + leg as u32 * 0x11_22_33) & 0xFF_FF_FF
                )),
            ),
        ]),
    )]);
    json_text(&organe, false, true)
}
