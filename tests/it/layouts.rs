//! Every form an AN question document took: text copies of the older page layouts (the
//! 1997–2002 "FICHE QUESTION", the 2012–2022 `questions.assemblee-nationale.fr` pages, the
//! 2023 `/dyn/` pages) and the 2012–2019 site's per-question XML, read field by field; and
//! one question, one record, whatever the form it comes in.
//!
//! The fixtures (`tests/fixtures/layouts/`, how they were made in its README): pages written
//! for these tests in each layout (`pages/`), the copies of those pages and of the real pages
//! of `shared/opendata/pages/` made by `w3m -dump`, `lynx -dump` and a browser's select-all
//! copy (`copies/`, one more copy broken into one block per line by hand), and the XML of the
//! written pages' questions (`xml/`). The real pages are read from `../shared` (the tests that
//! need them say so when it is absent).

use crate::util::{d, fixture, shared, stderr, stdout, Sandbox};
use dossier_core::model::{Event, EventKind, Question, QuestionKind, Status};
use dossier_core::parse::html::parse_html;
use dossier_core::parse::layouts::{self, lines, Layout};
use dossier_core::parse::opendata::{parse_site_question_xml, sniff, Format};
use dossier_core::parse::problem::Problem;
use dossier_core::parse::{check_question, parse_bytes};
use std::path::Path;

/// The renderings of every page: a text browser's dumps and a browser's copy.
const RENDERINGS: [&str; 3] = ["w3m", "lynx", "copy"];

/// The pages written for these tests, with the layout their copies are told to be.
const PAGES: [(&str, Layout); 6] = [
    ("site2012_attribution", Layout::Site2012),
    ("site2012_withdrawn", Layout::Site2012),
    ("site2017_closure", Layout::Site2017),
    ("fiche_signaled", Layout::Fiche),
    ("fiche_withdrawn", Layout::Fiche),
    ("dyn_changed_ministry", Layout::Dyn),
];

/// The real pages of `shared/opendata/pages/`, with their layouts.
const REAL_PAGES: [(&str, Layout); 9] = [
    ("an_11_qe", Layout::Fiche),
    ("an_11_qg", Layout::Fiche),
    ("an_11_qosd", Layout::Fiche),
    ("an_14_qe", Layout::Site2012),
    ("an_14_qg", Layout::Site2012),
    ("an_14_qosd", Layout::Site2012),
    ("an_16_qe", Layout::Dyn),
    ("an_16_qg", Layout::Dyn),
    ("an_16_qosd", Layout::Dyn),
];

fn dir() -> std::path::PathBuf {
    fixture("layouts")
}

/// Reads a document as the loader does (format told by content), checking what the parsers
/// guarantee; no warning is expected of these fixtures.
fn read(path: &Path) -> Question {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let parsed = match sniff(&name, &bytes) {
        Format::Text => parse_bytes(&bytes, &name),
        Format::Html => parse_html(&bytes, &name),
        Format::SiteQuestionXml => parse_site_question_xml(&bytes, &name),
        other => panic!("{name}: read as {other:?}"),
    }
    .unwrap_or_else(|e| panic!("{name}: {:?}", e.problem));
    assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
    check_question(&parsed.question).unwrap_or_else(|e| panic!("{name}: {e}"));
    parsed.question
}

fn copy(name: &str) -> Question {
    read(&dir().join("copies").join(name))
}

fn xml(name: &str) -> Question {
    read(&dir().join("xml").join(name))
}

fn event(kind: EventKind, label: &str, date: (i32, u32, u32), page: Option<u32>) -> Event {
    Event {
        kind,
        label: label.into(),
        date: d(date.0, date.1, date.2),
        page,
        note: None,
    }
}

fn noted(e: Event, note: &str) -> Event {
    Event {
        note: Some(note.into()),
        ..e
    }
}

/// The fields a page tells, in one tuple to compare at once.
#[allow(clippy::type_complexity)]
fn fields(
    q: &Question,
) -> (
    &str,
    &str,
    &str,
    &str,
    &str,
    &str,
    &str,
    &str,
    Option<&str>,
    Option<&str>,
    Status,
) {
    (
        &q.id,
        &q.title,
        &q.author,
        &q.constituency,
        &q.group,
        &q.rubric,
        &q.ministry_asked,
        &q.ministry_assigned,
        q.analysis_head.as_deref(),
        q.analysis.as_deref(),
        q.status,
    )
}

/// Paragraphs with their blanks made single spaces (a no-break space of the HTML is a space
/// in a copy).
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The words of a text, paragraphs or not.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn each_layout_is_told_by_its_content() {
    let mut copies = 0;
    for (page, layout) in PAGES.iter().chain(REAL_PAGES.iter()) {
        for r in RENDERINGS {
            let text =
                std::fs::read_to_string(dir().join(format!("copies/{page}.{r}.txt"))).unwrap();
            assert_eq!(
                layouts::detect(&lines::prepare(&text)),
                Some(*layout),
                "{page}.{r}"
            );
            copies += 1;
        }
    }
    assert_eq!(copies, 45);
    // Today's renderings are the line parser's: no older layout is seen in them.
    for seed in crate::util::seed_texts() {
        assert_eq!(layouts::detect(&lines::prepare(&seed)), None);
    }
}

/// A question of 2015 whose ministry changed, renewed, signalée, then answered: the page's
/// three copies and one broken into one block per line (`Question publiée au JO le :`,
/// `21/07/2015 page :`, `5421` on three lines) read alike.
#[test]
fn site_2012_copies_read_field_by_field() {
    let question = "Mme Claire Dumontet attire l'attention de M. le ministre de l'agriculture, de \
        l'agroalimentaire et de la forêt sur la baisse des revenus des exploitants laitiers du \
        Doubs, dont le prix payé au producteur est passé sous le coût de revient depuis le début \
        de l'année 2015.\n\nElle lui demande quelles mesures le Gouvernement entend prendre pour \
        garantir aux producteurs une rémunération qui couvre leurs charges et pour accompagner \
        ceux qui investissent dans la transformation à la ferme.";
    let answer = "Le Gouvernement suit avec attention la situation des exploitations laitières. \
        Un plan de soutien à l'élevage a été présenté le 22 juillet 2015 : il comprend des \
        mesures de trésorerie, un allègement des charges sociales et un renforcement de la \
        contractualisation entre producteurs et transformateurs.\n\nS'agissant de la \
        transformation à la ferme, les aides à l'investissement du programme de développement \
        rural sont ouvertes aux exploitants qui diversifient leur activité ; les chambres \
        d'agriculture les accompagnent dans le montage de leurs dossiers.";
    for r in ["w3m", "lynx", "copy", "blocks"] {
        let q = copy(&format!("site2012_attribution.{r}.txt"));
        assert_eq!(
            fields(&q),
            (
                "14-61234QE",
                "revenus. perspectives.",
                "Mme Claire Dumontet",
                "Doubs",
                "Les Républicains",
                "agriculture",
                "Agriculture, agroalimentaire et forêt",
                "Économie et finances",
                Some("exploitants"),
                Some("revenus. perspectives."),
                Status::Answered,
            ),
            "{r}"
        );
        assert_eq!(
            (q.legislature, q.kind, q.number),
            (14, QuestionKind::Written, 61234)
        );
        assert_eq!(
            q.events,
            vec![
                event(
                    EventKind::QuestionPublished,
                    "Question publiée au JO le",
                    (2015, 7, 21),
                    Some(5421)
                ),
                event(
                    EventKind::Renewed,
                    "Date de renouvellement",
                    (2015, 10, 27),
                    None
                ),
                event(
                    EventKind::AttributionChanged,
                    "Date de changement d'attribution",
                    (2016, 2, 9),
                    None
                ),
                event(
                    EventKind::Signaled,
                    "Date de signalement",
                    (2016, 3, 22),
                    None
                ),
                event(
                    EventKind::AnswerPublished,
                    "Réponse publiée au JO le",
                    (2016, 4, 12),
                    Some(3058)
                ),
            ],
            "{r}"
        );
        assert_eq!(q.question_text, question, "{r}");
        assert_eq!(q.answer_text, answer, "{r}");
        assert_eq!(q.source, format!("site2012_attribution.{r}.txt"));
    }
}

/// A 2017–2022 page: closed at the end of the legislature without an answer.
#[test]
fn site_2017_closure_reads_as_withdrawn_with_its_reason() {
    for r in RENDERINGS {
        let q = copy(&format!("site2017_closure.{r}.txt"));
        assert_eq!(
            fields(&q),
            (
                "15-41235QE",
                "rénovation thermique. logements anciens.",
                "M. Paul Verrier",
                "Gironde",
                "La République en Marche",
                "énergie et carburants",
                "Transition écologique",
                "Transition écologique",
                Some("économies d'énergie"),
                Some("rénovation thermique. logements anciens."),
                Status::Withdrawn,
            ),
            "{r}"
        );
        assert_eq!(
            q.events,
            vec![
                event(
                    EventKind::QuestionPublished,
                    "Question publiée au JO le",
                    (2021, 7, 6),
                    Some(5310)
                ),
                noted(
                    event(EventKind::Withdrawn, "Date de cloture", (2022, 6, 21), None),
                    "Fin de mandat"
                ),
            ],
            "{r}"
        );
        assert_eq!(
            q.question_text,
            "M. Paul Verrier interroge Mme la ministre de la transition écologique sur les \
             délais de versement des aides à la rénovation thermique des logements anciens en \
             Gironde.\n\nIl lui demande dans quels délais les dossiers déposés depuis plus de \
             six mois seront instruits.",
            "{r}"
        );
        assert_eq!(q.answer_text, "", "{r}");
    }
    // The page itself gives the reason bare after the date, as its copies do.
    let page = read(&dir().join("pages").join("site2017_closure.html"));
    assert_eq!(
        page.events.last().map(|e| (e.kind, e.note.as_deref())),
        Some((EventKind::Withdrawn, Some("Fin de mandat")))
    );
}

/// A 2014 question with an erratum, withdrawn by its author.
#[test]
fn site_2012_withdrawal_and_erratum() {
    for r in RENDERINGS {
        let q = copy(&format!("site2012_withdrawn.{r}.txt"));
        assert_eq!(
            fields(&q),
            (
                "14-9120QE",
                "implantation. Haute-Vienne.",
                "M. Luc Ferrand",
                "Haute-Vienne",
                "Socialiste, écologiste et républicain",
                "sécurité routière",
                "Intérieur",
                "Intérieur",
                Some("radars"),
                Some("implantation. Haute-Vienne."),
                Status::Withdrawn,
            ),
            "{r}"
        );
        assert_eq!(
            q.events,
            vec![
                event(
                    EventKind::QuestionPublished,
                    "Question publiée au JO le",
                    (2014, 10, 28),
                    Some(8950)
                ),
                event(
                    EventKind::ErratumQuestion,
                    "Erratum de la question publié au JO le",
                    (2014, 11, 4),
                    Some(9212)
                ),
                noted(
                    event(
                        EventKind::Withdrawn,
                        "Question retirée le",
                        (2016, 3, 14),
                        None
                    ),
                    "Retrait à l'initiative de l'auteur"
                ),
            ],
            "{r}"
        );
        assert!(q
            .question_text
            .ends_with("routes départementales de la Haute-Vienne."));
        assert!(!q.question_text.contains('\n'), "{r}: one paragraph");
    }
}

/// 1997–2002: a question signalée then answered, its author written family name first on the
/// page and first name first in the text; the page's hidden codes left out of the answer.
#[test]
fn fiche_copies_read_field_by_field() {
    for r in RENDERINGS {
        let q = copy(&format!("fiche_signaled.{r}.txt"));
        assert_eq!(
            fields(&q),
            (
                "11-61820QE",
                "encéphalopathie spongiforme bovine. indemnisation.",
                "M. Etienne Morel",
                "Cantal",
                "Union pour la démocratie française-Alliance",
                "élevage",
                "agriculture et pêche",
                "agriculture et pêche",
                Some("bovins"),
                Some("encéphalopathie spongiforme bovine. indemnisation."),
                Status::Answered,
            ),
            "{r}"
        );
        assert_eq!(
            q.events,
            vec![
                event(
                    EventKind::QuestionPublished,
                    "Question publiée au JO le",
                    (2001, 4, 9),
                    Some(2098)
                ),
                event(
                    EventKind::Signaled,
                    "Date de signalement",
                    (2001, 5, 28),
                    None
                ),
                event(
                    EventKind::AnswerPublished,
                    "Réponse publiée au JO le",
                    (2001, 6, 11),
                    Some(3412)
                ),
            ],
            "{r}"
        );
        assert_eq!(
            q.answer_text,
            "Les indemnités dues aux éleveurs dont le troupeau a été abattu sont versées par les \
             directions départementales de l'agriculture dans un délai moyen de deux \
             mois.\n\nPour le Cantal, les dossiers en instance seront soldés avant la fin du mois \
             de juillet 2001.",
            "{r}"
        );
        assert!(
            q.question_text.starts_with("M. Etienne Morel appelle"),
            "{r}"
        );

        let q = copy(&format!("fiche_withdrawn.{r}.txt"));
        assert_eq!(
            (q.id.as_str(), q.author.as_str(), q.status),
            ("11-77123QE", "Mme Odile Lambert", Status::Withdrawn),
            "{r}"
        );
        assert_eq!(
            q.events,
            vec![
                event(
                    EventKind::QuestionPublished,
                    "Question publiée au JO le",
                    (2002, 3, 25),
                    Some(1602)
                ),
                noted(
                    event(
                        EventKind::Withdrawn,
                        "Question retirée le",
                        (2002, 6, 17),
                        None
                    ),
                    "Fin de mandat"
                ),
            ],
            "{r}"
        );
        assert_eq!(
            q.question_text,
            "Mme Odile Lambert interroge M. le ministre de l'équipement, des transports et du \
             logement sur l'avenir de la desserte ferroviaire du nord du Finistère.",
            "{r}: the hidden codes (SOC 11 RET Bretagne N) are not text"
        );
    }
}

/// 2023: a pending question whose answering ministry is not the one asked.
#[test]
fn dyn_copies_read_field_by_field() {
    for r in RENDERINGS {
        let q = copy(&format!("dyn_changed_ministry.{r}.txt"));
        assert_eq!(
            fields(&q),
            (
                "16-4567QE",
                "Accueil des gens du voyage",
                "M. Hervé Castagnol",
                "Tarn (2e circonscription)",
                "Horizons et apparentés",
                "Gens du voyage",
                "Intérieur et outre-mer",
                "Transition écologique et cohésion des territoires",
                None,
                None,
                Status::Pending,
            ),
            "{r}"
        );
        assert_eq!(
            q.events,
            vec![event(
                EventKind::QuestionPublished,
                "Question publiée au JO le",
                (2023, 1, 17),
                Some(312)
            )],
            "{r}"
        );
        assert_eq!(
            q.question_text,
            "M. Hervé Castagnol attire l'attention de M. le ministre de l'intérieur et des \
             outre-mer sur les obligations des communes de moins de 5 000 habitants en matière \
             d'accueil des gens du voyage.\n\nIl lui demande si le schéma départemental peut \
             tenir compte des aires déjà aménagées par les intercommunalités voisines.",
            "{r}"
        );
        assert_eq!(q.answer_text, "");
    }
}

/// The XML of 2014 of the question of `site2012_attribution`: every field, the ministries'
/// order by their `NUMERO` (the file lists the second first), the renewal and the signalement,
/// the closure by the answer that is no event, HTML in the texts.
#[test]
fn site_xml_read_field_by_field() {
    let q = xml("14-61234QE.xml");
    assert_eq!(
        fields(&q),
        (
            "14-61234QE",
            "revenus. perspectives.",
            "Mme Claire Dumontet",
            "Doubs (3e circonscription)",
            "Les Républicains",
            "agriculture",
            "Agriculture, agroalimentaire et forêt",
            "Économie et finances",
            Some("exploitants"),
            Some("revenus. perspectives."),
            Status::Answered,
        )
    );
    assert_eq!(
        q.attributions
            .iter()
            .map(|a| (a.ministry.as_str(), a.date))
            .collect::<Vec<_>>(),
        [
            (
                "Agriculture, agroalimentaire et forêt",
                Some(d(2015, 7, 21))
            ),
            ("Économie et finances", Some(d(2016, 2, 9))),
        ]
    );
    assert_eq!(
        q.events,
        vec![
            event(
                EventKind::QuestionPublished,
                "Question publiée au JO le",
                (2015, 7, 21),
                Some(5421)
            ),
            event(
                EventKind::Renewed,
                "Date de renouvellement",
                (2015, 10, 27),
                None
            ),
            noted(
                event(
                    EventKind::AttributionChanged,
                    "Date de changement d'attribution",
                    (2016, 2, 9),
                    None
                ),
                "Économie et finances"
            ),
            event(
                EventKind::Signaled,
                "Date de signalement",
                (2016, 3, 22),
                None
            ),
            event(
                EventKind::AnswerPublished,
                "Réponse publiée au JO le",
                (2016, 4, 12),
                Some(3058)
            ),
        ]
    );
    assert_eq!(paragraphs(&q.question_text).len(), 2);
    assert_eq!(paragraphs(&q.answer_text).len(), 2);
    assert!(q.answer_text.contains("le 22 juillet 2015 : il comprend"));

    // Closed at the end of the mandate: the closure's label is the reason; empty elements
    // (the answer, the signalement, the renewals) are what did not happen.
    let q = xml("15-41235QE.xml");
    assert_eq!(
        (
            q.id.as_str(),
            q.constituency.as_str(),
            q.status,
            q.answer_text.as_str()
        ),
        (
            "15-41235QE",
            "Gironde (1re circonscription)",
            Status::Withdrawn,
            ""
        )
    );
    assert_eq!(
        q.events,
        vec![
            event(
                EventKind::QuestionPublished,
                "Question publiée au JO le",
                (2021, 7, 6),
                Some(5310)
            ),
            noted(
                event(
                    EventKind::Withdrawn,
                    "Question retirée le",
                    (2022, 6, 21),
                    None
                ),
                "Fin de mandat"
            ),
        ]
    );
    assert_eq!(
        paragraphs(&q.question_text),
        [
            "M. Paul Verrier interroge Mme la ministre de la transition écologique sur les délais de versement des aides à la rénovation thermique des logements anciens en Gironde.",
            "Il lui demande dans quels délais les dossiers déposés depuis plus de six mois seront instruits."
        ]
    );

    // An erratum of the question, then a withdrawal; italics kept.
    let q = xml("14-9120QE.xml");
    assert_eq!(q.status, Status::Withdrawn);
    assert_eq!(
        q.events
            .iter()
            .map(|e| (e.kind, e.date, e.page, e.note.as_deref()))
            .collect::<Vec<_>>(),
        [
            (
                EventKind::QuestionPublished,
                d(2014, 10, 28),
                Some(8950),
                None
            ),
            (EventKind::ErratumQuestion, d(2014, 11, 4), Some(9212), None),
            (
                EventKind::Withdrawn,
                d(2016, 3, 14),
                None,
                Some("Retrait à l'initiative de l'auteur")
            ),
        ]
    );
    let italic = &q.question_emphasis[0];
    assert_eq!(&q.question_text[italic.start..italic.end], "Haute-Vienne");

    // A question au Gouvernement: its debate is the answer; "aucune tête d'analyse" is none.
    let q = xml("14-812QG.xml");
    assert_eq!(
        fields(&q),
        (
            "14-812QG",
            "pollution de l'air.",
            "Mme Nadine Roussel",
            "Isère (5e circonscription)",
            "Écologiste",
            "santé",
            "Affaires sociales et santé",
            "Affaires sociales et santé",
            None,
            Some("pollution de l'air."),
            Status::Answered,
        )
    );
    assert_eq!(paragraphs(&q.answer_text).len(), 3);
    assert_eq!(q.question_text, "");
}

/// The record's fields that a page and a copy of it both carry agree: every field, each
/// event's kind, date and page (and note where both have one), and the texts. A browser's
/// copy keeps every paragraph; a text browser's dump loses where a paragraph ended on a line
/// that filled the width (nothing in the dump tells it from a wrapped line), so there the
/// words must agree and the paragraphs within one.
fn agree(page: &Question, text: &Question, what: &str, exact_paragraphs: bool) {
    assert_eq!(fields(text), fields(page), "{what}");
    let events = |q: &Question| {
        q.events
            .iter()
            .map(|e| (e.kind, e.date, e.page))
            .collect::<Vec<_>>()
    };
    assert_eq!(events(text), events(page), "{what}");
    for (a, b) in page.events.iter().zip(&text.events) {
        if let (Some(x), Some(y)) = (&a.note, &b.note) {
            assert_eq!(x, y, "{what}");
        }
    }
    for (p, t) in [
        (&page.question_text, &text.question_text),
        (&page.answer_text, &text.answer_text),
    ] {
        if exact_paragraphs {
            assert_eq!(paragraphs(t), paragraphs(p), "{what}");
        } else {
            assert_eq!(words(t), words(p), "{what}");
            let (np, nt) = (paragraphs(p).len(), paragraphs(t).len());
            assert!(np.abs_diff(nt) <= 1, "{what}: {nt} paragraphs for {np}");
        }
    }
}

#[test]
fn copies_of_the_written_pages_read_as_the_pages() {
    for (page, _) in PAGES {
        let html = read(&dir().join(format!("pages/{page}.html")));
        for r in RENDERINGS {
            let text = copy(&format!("{page}.{r}.txt"));
            agree(&html, &text, &format!("{page}.{r}"), true);
        }
    }
}

#[test]
fn copies_of_the_real_pages_read_as_the_pages() {
    let Some(pages) = shared("opendata/pages") else {
        return;
    };
    for (page, _) in REAL_PAGES {
        let html = read(&pages.join(format!("{page}.html")));
        for r in RENDERINGS {
            let text = copy(&format!("{page}.{r}.txt"));
            agree(&html, &text, &format!("{page}.{r}"), r == "copy");
        }
    }
}

/// One question, one record: the page (HTML), its copies and its XML give the same fields
/// where both carry them. The pages print the constituency without its number, which the XML
/// adds as the open data does; the XML names the ministry of a change of attribution, which
/// the pages do not.
#[test]
fn a_question_is_one_record_in_every_form() {
    for (page, file) in [
        ("site2012_attribution", "14-61234QE.xml"),
        ("site2017_closure", "15-41235QE.xml"),
        ("site2012_withdrawn", "14-9120QE.xml"),
    ] {
        let x = xml(file);
        let html = read(&dir().join(format!("pages/{page}.html")));
        let forms = std::iter::once((format!("{page}.html"), html)).chain(
            RENDERINGS
                .iter()
                .map(|r| (format!("{page}.{r}"), copy(&format!("{page}.{r}.txt")))),
        );
        for (what, q) in forms {
            assert!(
                x.constituency.starts_with(&format!("{} (", q.constituency)),
                "{what}: {} / {}",
                x.constituency,
                q.constituency
            );
            let same = Question {
                constituency: q.constituency.clone(),
                ..x.clone()
            };
            assert_eq!(fields(&q), fields(&same), "{what}");
            let events = |q: &Question| {
                q.events
                    .iter()
                    .map(|e| (e.kind, e.date, e.page))
                    .collect::<Vec<_>>()
            };
            assert_eq!(events(&q), events(&x), "{what}");
            for (a, b) in q.events.iter().zip(&x.events) {
                if let (Some(n), Some(m)) = (&a.note, &b.note) {
                    assert_eq!(n, m, "{what}");
                }
            }
            assert_eq!(
                paragraphs(&q.question_text),
                paragraphs(&x.question_text),
                "{what}"
            );
            assert_eq!(
                paragraphs(&q.answer_text),
                paragraphs(&x.answer_text),
                "{what}"
            );
        }
    }
}

#[test]
fn what_is_not_a_question_is_said_in_both_languages() {
    let sandbox = Sandbox::new();
    let other = dir().join("xml/other_schema.xml");
    let json = dir().join("xml/other_schema.json");
    let unknown = dir().join("other/unknown_layout.txt");
    let paths = [&other, &json, &unknown].map(|p| p.display().to_string());
    let args = |lang: &str| {
        let mut a = vec!["--no-cache", "--lang", lang, "check"];
        a.extend(paths.iter().map(String::as_str));
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |lang: &str| {
        let a = args(lang);
        let out = sandbox.run(&a.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        // French typography's no-break spaces, as spaces for the comparisons.
        format!("{}{}", stdout(&out), stderr(&out)).replace('\u{a0}', " ")
    };
    let en = run("en");
    assert!(
        en.contains("other_schema.xml: skipped: XML, but not an Assemblée question (root element <scrutin>)"),
        "{en}"
    );
    assert!(
        en.contains(
            "other_schema.json: skipped: JSON, but not an Assemblée question (keys: scrutin, legislature)"
        ),
        "{en}"
    );
    assert!(
        en.contains(
            "unknown_layout.txt: skipped: looks like a question page, but of an unknown layout \
             (labels found: Texte de la question, Texte de la réponse, Ministère interrogé, \
             Rubrique, Question de)"
        ),
        "{en}"
    );
    let fr = run("fr");
    assert!(
        fr.contains("other_schema.xml: ignoré : du XML, mais pas une question de l'Assemblée (élément racine <scrutin>)"),
        "{fr}"
    );
    assert!(
        fr.contains("other_schema.json: ignoré : du JSON, mais pas une question de l'Assemblée (clés : scrutin, legislature)"),
        "{fr}"
    );
    assert!(
        fr.contains("mise en page inconnue (libellés trouvés : Texte de la question"),
        "{fr}"
    );
    assert!(!fr.contains("ni XML ni JSON") && !en.contains("neither XML nor JSON"));
}

#[test]
fn foreign_documents_as_problems() {
    let problem = |name: &str| {
        let bytes = std::fs::read(dir().join(name)).unwrap();
        let format = sniff(name, &bytes);
        dossier_core::parse::opendata::not_a_question(&bytes, format)
    };
    assert_eq!(
        problem("xml/other_schema.xml"),
        Problem::ForeignXml("scrutin".into())
    );
    assert_eq!(
        problem("xml/other_schema.json"),
        Problem::ForeignJson("scrutin, legislature".into())
    );
    // An XML file named like a text copy is still XML.
    assert_eq!(sniff("scrutin.txt", b"<scrutin/>"), Format::OtherXml);
    // A question file of another root is not read as one.
    let e = parse_site_question_xml(b"<QUESTIONS><QUESTION/></QUESTIONS>", "x").unwrap_err();
    assert_eq!(e.problem, Problem::ForeignXml("QUESTIONS".into()));
    // Today's rendering without its number keeps the line parser's message.
    let seed = crate::util::seed_texts()[0].replace("Question écrite n° 13809", "");
    let seed = seed.replace("**Numéro de la question :** 13809", "");
    let e = parse_bytes(seed.as_bytes(), "x.md").unwrap_err();
    assert_eq!(e.problem, Problem::NoNumber);
}

/// The export of the copies and the XML is the open-data model: ISO dates, pages or `null`,
/// `null` for a text the document does not give.
#[test]
fn the_export_of_every_form_is_the_same_model() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path("forms");
    std::fs::create_dir_all(&folder).unwrap();
    for name in [
        "copies/site2017_closure.lynx.txt",
        "copies/dyn_changed_ministry.copy.txt",
        "copies/fiche_signaled.w3m.txt",
        "xml/14-61234QE.xml",
    ] {
        let from = dir().join(name);
        std::fs::copy(&from, folder.join(from.file_name().unwrap())).unwrap();
    }
    let out = sandbox.ok(&["export", "--format", "json", folder.to_str().unwrap()]);
    let records: serde_json::Value = serde_json::from_str(&out).unwrap();
    let by_id = |id: &str| {
        records
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {out}"))
            .clone()
    };
    let closed = by_id("15-41235QE");
    assert_eq!(closed["status"], "withdrawn");
    assert_eq!(closed["answer_text"], serde_json::Value::Null);
    assert_eq!(closed["events"][1]["date"], "2022-06-21");
    assert_eq!(closed["events"][1]["page"], serde_json::Value::Null);
    assert_eq!(closed["events"][1]["note"], "Fin de mandat");
    let pending = by_id("16-4567QE");
    assert_eq!(pending["status"], "pending");
    assert_eq!(pending["analysis_head"], serde_json::Value::Null);
    assert_eq!(pending["events"][0]["page"], 312);
    let fiche = by_id("11-61820QE");
    assert_eq!(fiche["events"][1]["kind"], "signaled");
    let from_xml = by_id("14-61234QE");
    assert_eq!(from_xml["events"][2]["kind"], "attribution_changed");
    assert_eq!(from_xml["events"][2]["note"], "Économie et finances");
    assert_eq!(from_xml["answer_delay_days"], 266);
}
