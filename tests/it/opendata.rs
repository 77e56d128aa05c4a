//! The open-data readers on the project's synthetic fixtures (`tests/fixtures/opendata/`) and
//! on the real AN files of `shared/opendata/` (skipped, saying so, when that folder is absent).
//! Every expected value is written by hand from the fixture or the real file.

use crate::util::English;
use chrono::NaiveDate;
use dossier_core::limits::ZipLimits;
use dossier_core::model::{
    Attribution, EmphasisStyle, Event, EventKind, Question, QuestionKind, Status,
};
use dossier_core::parse::check_question;
use dossier_core::parse::opendata::{
    for_each_legacy_question, for_each_legacy_question_json, for_each_legacy_question_xml,
    for_each_zip_entry, for_each_zip_entry_reader, parse_amo_json, parse_question_json,
    parse_question_xml, resolve_authors, sniff, AmoRecord, Directory, Format,
};
use dossier_core::parse::problem::Problem;
use dossier_core::parse::{LineMessage, Parsed};
use std::io::{Cursor, Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/opendata")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The real AN files, or `None` after saying clearly that the checks on them are skipped.
fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/opendata");
    if dir.join("QANR5L17QG1.json").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: /work/shared/opendata not found (looked in {}): the real AN files are not checked",
            dir.display()
        );
        None
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ev(
    kind: EventKind,
    label: &str,
    date: NaiveDate,
    page: Option<u32>,
    note: Option<&str>,
) -> Event {
    Event {
        kind,
        label: label.into(),
        date,
        page,
        note: note.map(str::to_string),
    }
}

fn attribution(ministry: &str, date: Option<NaiveDate>) -> Attribution {
    Attribution {
        ministry: ministry.into(),
        date,
    }
}

fn question_spans(q: &Question) -> Vec<(&str, EmphasisStyle)> {
    q.question_emphasis
        .iter()
        .map(|e| (&q.question_text[e.start..e.end], e.style))
        .collect()
}

fn answer_spans(q: &Question) -> Vec<(&str, EmphasisStyle)> {
    q.answer_emphasis
        .iter()
        .map(|e| (&q.answer_text[e.start..e.end], e.style))
        .collect()
}

fn ok(result: Result<Parsed, LineMessage>) -> Parsed {
    let parsed = result.unwrap_or_else(|e| panic!("not read: {e:?}"));
    check_question(&parsed.question).unwrap_or_else(|e| panic!("check_question: {e}"));
    parsed
}

fn json(name: &str) -> Parsed {
    ok(parse_question_json(
        &fixture(name),
        &format!("fixtures/{name}"),
    ))
}

const QP: &str = "Question publiée au JO le";
const AP: &str = "Réponse publiée au JO le";

#[test]
fn lists_changes_of_ministry_errata_and_signalement() {
    let p = json("QANR5L17QE101.json");
    let q = &p.question;
    assert_eq!(q.id, "17-101QE");
    assert_eq!(
        (q.legislature, q.kind, q.number),
        (17, QuestionKind::Written, 101)
    );
    assert_eq!(
        q.title,
        "Avenir du dispositif Asalée ; Financement des infirmiers"
    );
    assert_eq!(q.author, "PA719968");
    assert_eq!(q.author_ref.as_deref(), Some("PA719968"));
    assert_eq!(q.mandate_ref.as_deref(), Some("PM842891"));
    assert_eq!(q.constituency, "");
    assert_eq!(q.group, "Droite Républicaine");
    assert_eq!(q.rubric, "Santé");
    assert_eq!(q.analysis_head.as_deref(), Some("professions de santé"));
    assert_eq!(q.analysis, None);
    assert_eq!(q.ministry_asked, "Santé et accès aux soins");
    assert_eq!(
        q.ministry_assigned,
        "Santé, familles, autonomie et personnes handicapées"
    );
    assert_eq!(
        q.attributions,
        vec![
            attribution("Santé et accès aux soins", Some(d(2026, 3, 10))),
            attribution("Travail, santé et solidarités", Some(d(2026, 4, 7))),
            attribution(
                "Santé, familles, autonomie et personnes handicapées",
                Some(d(2026, 5, 5))
            ),
        ]
    );
    // The last text (the corrected one), its QE header stripped, entities decoded.
    assert_eq!(
        q.question_text,
        "Mme Sylvie Bonnet appelle l'attention de Mme la ministre sur le dispositif Asalée : \
         les infirmières de la Loire « n’ont pas été payées ».\n\n\
         Elle demande quelles mesures seront prises."
    );
    assert_eq!(
        question_spans(q),
        vec![
            ("Asalée", EmphasisStyle::Italic),
            ("demande", EmphasisStyle::Bold)
        ]
    );
    assert_eq!(
        q.answer_text,
        "Créée en 2004, l'association Asalée organise une coordination renforcée.\n\n\
         Le financement est maintenu.\n\n\
         Réponse complémentaire : les salaires de février ont été versés."
    );
    assert_eq!(answer_spans(q), vec![("Asalée", EmphasisStyle::Bold)]);
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(EventKind::QuestionPublished, QP, d(2026, 3, 10), Some(2001), None),
            ev(
                EventKind::ErratumQuestion,
                "Erratum de la question publié au JO le",
                d(2026, 3, 17),
                None,
                Some("Erratum publié au JO du 17 mars 2026, page 2210 : lire « Loire » au lieu de « Loir »."),
            ),
            ev(
                EventKind::AttributionChanged,
                "Date de changement d'attribution",
                d(2026, 4, 7),
                Some(2950),
                Some("Travail, santé et solidarités"),
            ),
            ev(
                EventKind::AttributionChanged,
                "Date de changement d'attribution",
                d(2026, 5, 5),
                None,
                Some("Santé, familles, autonomie et personnes handicapées"),
            ),
            ev(EventKind::Signaled, "Date de signalement", d(2026, 5, 5), Some(3900), None),
            ev(EventKind::AnswerPublished, AP, d(2026, 5, 12), Some(4262), None),
            ev(
                EventKind::ErratumAnswer,
                "Erratum de la réponse publié au JO le",
                d(2026, 5, 19),
                Some(4400),
                Some("Au lieu de « 2014 », lire « 2004 »."),
            ),
            ev(EventKind::AnswerPublished, AP, d(2026, 6, 2), Some(4801), None),
        ]
    );
    assert_eq!(q.source, "fixtures/QANR5L17QE101.json");
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(p.warnings[0]
        .message()
        .contains("2 question texts that differ"));
}

#[test]
fn closed_at_the_end_of_a_mandate_with_object_forms_and_nil_forms() {
    let p = json("QANR5L17QE102.json");
    let q = &p.question;
    assert_eq!(q.id, "17-102QE");
    assert_eq!(q.title, "Situation des infirmières Asalée");
    assert_eq!(q.analysis_head, None, "teteAnalyse: null");
    assert_eq!(q.group, "", "groupe: {{}}");
    assert_eq!(q.rubric, "Professions de santé");
    assert_eq!(q.ministry_asked, "Travail, santé et solidarités");
    assert_eq!(q.ministry_assigned, "Santé et prévention");
    assert_eq!(
        q.attributions,
        vec![attribution("Santé et prévention", Some(d(2026, 3, 19)))]
    );
    assert_eq!(
        q.question_text,
        "Mme Delphine Batho interroge Mme la ministre du travail sur la situation des \
         infirmières et infirmiers Asalée."
    );
    assert!(q.question_emphasis.is_empty());
    assert_eq!(q.answer_text, "", "textesReponse: {{}}");
    assert_eq!(q.status, Status::Withdrawn);
    assert_eq!(
        q.events,
        vec![
            ev(
                EventKind::QuestionPublished,
                QP,
                d(2026, 3, 19),
                Some(2065),
                None
            ),
            ev(
                EventKind::Withdrawn,
                "Question retirée le",
                d(2026, 6, 11),
                None,
                Some("Fin de mandat")
            ),
        ]
    );
    assert_eq!(q.withdrawn_on(), Some(d(2026, 6, 11)));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn withdrawn_by_its_author_renewed_twice_with_french_dates() {
    let p = json("QANR5L16QE103.json");
    let q = &p.question;
    assert_eq!(q.id, "16-103QE");
    // No analyse: the tête d'analyse is the title.
    assert_eq!(q.title, "agriculture biologique");
    assert_eq!(q.analysis_head.as_deref(), Some("agriculture biologique"));
    assert_eq!(q.rubric, "Agriculture");
    assert_eq!(q.group, "Renaissance");
    assert_eq!(q.ministry_asked, "Agriculture et souveraineté alimentaire");
    assert_eq!(
        q.ministry_assigned,
        "Agriculture et souveraineté alimentaire"
    );
    assert_eq!(
        q.question_text,
        "M. Jean Essai interroge M. le ministre sur l'agriculture biologique."
    );
    assert_eq!(q.status, Status::Withdrawn);
    assert_eq!(
        q.events,
        vec![
            ev(
                EventKind::QuestionPublished,
                QP,
                d(2022, 7, 26),
                Some(3501),
                None
            ),
            ev(
                EventKind::Signaled,
                "Date de signalement",
                d(2022, 10, 4),
                None,
                None
            ),
            ev(
                EventKind::Renewed,
                "Date de renouvellement",
                d(2022, 10, 25),
                Some(4900),
                None
            ),
            ev(
                EventKind::Renewed,
                "Date de renouvellement",
                d(2023, 1, 24),
                Some(500),
                None
            ),
            ev(
                EventKind::Withdrawn,
                "Question retirée le",
                d(2023, 2, 14),
                None,
                Some("Retirée par l'auteur")
            ),
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn pending_with_entities_unknown_tags_and_an_undated_erratum() {
    let p = json("QANR5L17QE104.json");
    let q = &p.question;
    assert_eq!(q.id, "17-104QE");
    // Neither analyse nor tête d'analyse: the rubric is the title.
    assert_eq!(q.title, "Entreprises");
    assert_eq!(q.analysis_head, None);
    assert_eq!(q.mandate_ref, None, "mandatRef: {{\"@xsi:nil\": \"true\"}}");
    assert_eq!(q.group, "");
    assert_eq!(q.ministry_asked, "Économie, finances et industrie");
    assert_eq!(q.ministry_assigned, "Économie, finances et industrie");
    assert!(q.attributions.is_empty());
    assert_eq!(
        q.question_text,
        "Question sur l'économie & les entreprises\n\nSeconde ligne, avec balises et 3 < 4."
    );
    assert_eq!(
        question_spans(q),
        vec![("entreprises", EmphasisStyle::Italic)]
    );
    assert_eq!(q.status, Status::Pending);
    assert_eq!(
        q.events,
        vec![ev(
            EventKind::QuestionPublished,
            QP,
            d(2026, 4, 14),
            Some(3100),
            None
        )]
    );
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(p.warnings[0]
        .message()
        .contains("erratum of the question without a date"));
}

#[test]
fn per_question_xml() {
    let p = ok(parse_question_xml(
        &fixture("QANR5L15QE106.xml"),
        "xml/QANR5L15QE106.xml",
    ));
    let q = &p.question;
    assert_eq!(q.id, "15-106QE");
    assert_eq!(q.title, "Prix de l'électricité ; Tarifs réglementés");
    assert_eq!(q.analysis_head, None, "<teteAnalyse xsi:nil=\"true\"/>");
    assert_eq!(q.rubric, "Énergie et carburants");
    assert_eq!(q.author, "PA719968");
    assert_eq!(q.mandate_ref.as_deref(), Some("PM842891"));
    assert_eq!(q.group, "Les Républicains");
    assert_eq!(q.ministry_asked, "Économie et finances");
    assert_eq!(q.ministry_assigned, "Transition écologique et solidaire");
    assert_eq!(
        q.attributions,
        vec![
            attribution("Économie et finances", Some(d(2019, 2, 5))),
            attribution("Transition écologique et solidaire", Some(d(2019, 3, 12))),
        ]
    );
    assert_eq!(
        q.question_text,
        "M. Xavier Essai interroge M. le ministre sur le prix de l'électricité TTC\n\nIl demande une baisse."
    );
    assert_eq!(question_spans(q), vec![("TTC", EmphasisStyle::Italic)]);
    assert_eq!(
        q.answer_text,
        "Les tarifs sont fixés par la CRE.\n\nIls évoluent deux fois par an."
    );
    assert_eq!(answer_spans(q), vec![("CRE", EmphasisStyle::Bold)]);
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(
                EventKind::QuestionPublished,
                QP,
                d(2019, 2, 5),
                Some(1001),
                None
            ),
            ev(
                EventKind::AttributionChanged,
                "Date de changement d'attribution",
                d(2019, 3, 12),
                None,
                Some("Transition écologique et solidaire")
            ),
            ev(
                EventKind::AnswerPublished,
                AP,
                d(2019, 6, 18),
                Some(5600),
                None
            ),
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

fn stream_xml(bytes: &[u8]) -> (Result<usize, LineMessage>, Vec<Result<Parsed, LineMessage>>) {
    let mut got = Vec::new();
    let n = for_each_legacy_question_xml(bytes, "Questions_ecrites_XIV.xml", |r| {
        got.push(r);
        ControlFlow::Continue(())
    });
    (n, got)
}

#[test]
fn legacy_xiv_xml_is_streamed_question_by_question() {
    let bytes = fixture("Questions_ecrites_XIV.xml");
    let (n, got) = stream_xml(&bytes);
    assert_eq!(n, Ok(3));
    let qs: Vec<Question> = got.into_iter().map(|r| ok(r).question).collect();
    assert_eq!(
        qs.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(),
        ["14-1QE", "14-2QE", "14-3QE"]
    );
    let (a, b, c) = (&qs[0], &qs[1], &qs[2]);
    assert_eq!(a.source, "Questions_ecrites_XIV.xml#QANR5L14QE1");
    assert_eq!(a.title, "montant", "legacy ANALYSE/ANA");
    assert_eq!(a.analysis_head.as_deref(), Some("aides"));
    assert_eq!(a.group, "Union pour un Mouvement Populaire");
    assert_eq!(a.ministry_asked, "Agriculture, agroalimentaire et forêt");
    assert_eq!(
        a.question_text,
        "M. Alain Premier demande une hausse des aides."
    );
    assert_eq!(a.answer_text, "Les aides sont maintenues.");
    assert_eq!(a.status, Status::Answered);
    assert_eq!(
        a.events,
        vec![
            ev(
                EventKind::QuestionPublished,
                QP,
                d(2012, 7, 3),
                Some(4101),
                None
            ),
            ev(
                EventKind::AnswerPublished,
                AP,
                d(2012, 10, 16),
                Some(5800),
                None
            ),
        ]
    );
    assert_eq!(b.title, "lignes régionales ; dessertes");
    assert_eq!(b.status, Status::Pending);
    assert_eq!(b.ministry_assigned, "Transports");
    assert_eq!(
        b.events,
        vec![ev(
            EventKind::QuestionPublished,
            QP,
            d(2012, 7, 10),
            Some(4200),
            None
        )]
    );
    assert_eq!(
        c.title, "Santé",
        "no analyse, no tête d'analyse: the rubric"
    );
    assert_eq!(c.status, Status::Withdrawn);
    assert_eq!(
        c.events,
        vec![
            ev(
                EventKind::QuestionPublished,
                QP,
                d(2012, 7, 17),
                Some(4300),
                None
            ),
            ev(
                EventKind::Withdrawn,
                "Question retirée le",
                d(2017, 6, 19),
                None,
                Some("Fin de mandat")
            ),
        ]
    );

    // The caller can stop after any question.
    let mut seen = 0;
    let n = for_each_legacy_question_xml(&bytes[..], "x", |_| {
        seen += 1;
        if seen == 2 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!((n, seen), (Ok(2), 2));
}

#[test]
fn legacy_xml_errors_carry_their_line() {
    let text = String::from_utf8(fixture("Questions_ecrites_XIV.xml")).unwrap();
    // The second question's type closes with a wrong tag: the first question is handed on,
    // then the stream stops with the line of the error.
    let line = text
        .lines()
        .position(|l| l.contains("<numero>2</numero>"))
        .unwrap()
        + 2;
    let broken = text.replacen(
        "<type>QE</type>\n    <indexationAN>\n      <rubrique>transports",
        "<type>QE</typo>\n    <indexationAN>\n      <rubrique>transports",
        1,
    );
    assert_ne!(broken, text);
    let (n, got) = stream_xml(broken.as_bytes());
    assert_eq!(got.len(), 1);
    let e = n.unwrap_err();
    assert_eq!(e.line, Some(line), "{e:?}");
    assert!(e.message().contains("invalid XML"), "{e:?}");

    let truncated = &text.as_bytes()[..text.len() / 2];
    let (n, _) = stream_xml(truncated);
    assert!(n.unwrap_err().message().contains("truncated"));

    let (n, got) = stream_xml(b"<questionnaire><question/></questionnaire>");
    assert!(got.is_empty());
    assert!(n.unwrap_err().message().contains("unknown schema"));
}

#[test]
fn legacy_json_is_streamed_question_by_question() {
    let bytes = fixture("Questions_orales_sans_debat_XIV.json");
    let mut got = Vec::new();
    let n =
        for_each_legacy_question_json(&bytes[..], "Questions_orales_sans_debat_XIV.json", |r| {
            got.push(ok(r).question);
            ControlFlow::Continue(())
        });
    assert_eq!(n, Ok(2));
    let (a, b) = (&got[0], &got[1]);
    assert_eq!(a.id, "14-10QOSD");
    assert_eq!(a.kind, QuestionKind::Oral);
    assert_eq!(
        a.source,
        "Questions_orales_sans_debat_XIV.json#QANR5L14QOSD10"
    );
    assert_eq!(a.title, "Site industriel de la Vienne");
    assert_eq!(a.group, "Socialiste, républicain et citoyen");
    assert_eq!(
        a.answer_text,
        "M. le président. La parole est à Mme Catherine Essai."
    );
    assert_eq!(
        answer_spans(a),
        vec![("M. le président.", EmphasisStyle::Bold)]
    );
    assert_eq!(a.status, Status::Answered);
    assert_eq!(
        a.events,
        vec![
            ev(
                EventKind::QuestionPublished,
                QP,
                d(2014, 1, 21),
                Some(537),
                None
            ),
            ev(
                EventKind::AnswerPublished,
                AP,
                d(2014, 1, 29),
                Some(1041),
                None
            ),
        ]
    );
    assert_eq!(b.id, "14-11QOSD");
    assert_eq!(b.title, "Ligne Paris-Limoges ; Retards");
    assert_eq!(b.group, "");
    assert_eq!(b.status, Status::Pending);
    assert_eq!(b.ministry_assigned, "Transports");

    // One question given as an object, not a list; other members ignored.
    let one = br#"{"questionsEcrites": {"@xmlns": "x", "question": {"uid": "QANR5L14QE9", "type": "QE", "identifiant": {"numero": "9", "legislature": "14"}}}, "autre": [1, "a", {"b": null}]}"#;
    let mut ids = Vec::new();
    let n = for_each_legacy_question_json(&one[..], "x", |r| {
        ids.push(ok(r).question.id);
        ControlFlow::Continue(())
    });
    assert_eq!((n, ids), (Ok(1), vec!["14-9QE".to_string()]));

    // A question that does not map is handed on as an error; the stream goes on.
    let mixed = br#"{"questionsEcrites": {"question": [{"uid": "QANR5L14QE1", "type": "QX", "identifiant": {"numero": "1", "legislature": "14"}}, {"uid": "QANR5L14QE2", "type": "QE", "identifiant": {"numero": "2", "legislature": "14"}}]}}"#;
    let mut results = Vec::new();
    let n = for_each_legacy_question_json(&mixed[..], "x", |r| {
        results.push(r.map(|p| p.question.id));
        ControlFlow::Continue(())
    });
    assert_eq!(n, Ok(2));
    assert!(results[0]
        .as_ref()
        .unwrap_err()
        .message()
        .contains("unknown question type 'QX'"));
    assert_eq!(results[1], Ok("14-2QE".to_string()));

    // Truncated JSON stops the stream with its line.
    let cut = &bytes[..bytes.len() * 2 / 3];
    let e = for_each_legacy_question_json(cut, "x", |_| ControlFlow::Continue(())).unwrap_err();
    assert!(e.message().contains("truncated JSON"), "{e:?}");
    assert!(e.line.is_some());

    let e = for_each_legacy_question_json(&br#"{"scrutins": {"scrutin": []}}"#[..], "x", |_| {
        ControlFlow::Continue(())
    })
    .unwrap_err();
    assert!(e.message().contains("unknown schema"), "{e:?}");
}

#[test]
fn legacy_reader_tells_xml_from_json() {
    for (name, expected) in [
        ("Questions_ecrites_XIV.xml", 3),
        ("Questions_orales_sans_debat_XIV.json", 2),
    ] {
        let mut bytes = b"\xEF\xBB\xBF\n  ".to_vec();
        bytes.extend(fixture(name));
        let mut n = 0;
        let count = for_each_legacy_question(Cursor::new(bytes), name, |r| {
            ok(r);
            n += 1;
            ControlFlow::Continue(())
        });
        assert_eq!((count, n), (Ok(expected), expected), "{name}");
    }
    assert!(for_each_legacy_question(&b"hello"[..], "x", |_| ControlFlow::Continue(())).is_err());
    assert!(for_each_legacy_question(&b""[..], "x", |_| ControlFlow::Continue(())).is_err());
}

#[test]
fn bad_inputs_are_refused_with_clear_messages() {
    let e = parse_question_json(&fixture("bad_truncated.json"), "t").unwrap_err();
    assert!(e.message().starts_with("truncated JSON"), "{e:?}");
    assert_eq!(e.line, Some(34));

    let e = parse_question_xml(&fixture("bad_invalid.xml"), "t").unwrap_err();
    assert!(e.message().starts_with("invalid XML"), "{e:?}");
    assert_eq!(e.line, Some(4), "{e:?}");

    let e = parse_question_json(&fixture("bad_unknown_schema.json"), "t").unwrap_err();
    assert!(e.message().contains("unknown schema"), "{e:?}");
    assert!(e.message().contains("scrutin"), "{e:?}");

    let e = parse_question_json(&fixture("bad_number.json"), "t").unwrap_err();
    assert_eq!(
        e.message(),
        "'identifiant.numero' is a number where a string is expected"
    );

    let e = parse_question_json(b"{\"question\": {\"type\": \"QE\"}}", "t").unwrap_err();
    assert_eq!(
        e.problem,
        Problem::MissingField("identifiant.legislature".into())
    );
    let e = parse_question_json(b"[1, 2]", "t").unwrap_err();
    assert!(e.message().contains("is a list where an object"), "{e:?}");
    let e = parse_question_xml(b"<acteur><uid>PA1</uid></acteur>", "t").unwrap_err();
    assert!(e.message().contains("unknown schema"), "{e:?}");
    let e = parse_question_xml(b"", "t").unwrap_err();
    assert_eq!(e.problem, Problem::TruncatedXml);
    // Every message has its French wording too.
    for problem in [Problem::TruncatedXml, Problem::MissingField("x".into())] {
        let fr = dossier_core::i18n::load::problem(dossier_core::i18n::Lang::Fr, &problem);
        let en = dossier_core::i18n::load::problem(dossier_core::i18n::Lang::En, &problem);
        assert_ne!(fr, en);
    }
}

#[test]
fn sniffing_the_fixtures() {
    for (name, format) in [
        ("QANR5L17QE101.json", Format::QuestionJson),
        ("QANR5L15QE106.xml", Format::QuestionXml),
        ("Questions_ecrites_XIV.xml", Format::LegacyQuestionsXml),
        (
            "Questions_orales_sans_debat_XIV.json",
            Format::LegacyQuestionsJson,
        ),
        ("bad_unknown_schema.json", Format::OtherJson),
    ] {
        let bytes = fixture(name);
        assert_eq!(
            sniff(name, &bytes[..bytes.len().min(4096)]),
            format,
            "{name}"
        );
    }
}

#[test]
fn the_real_question_au_gouvernement() {
    let Some(dir) = shared() else { return };
    let p = ok(parse_question_json(
        &std::fs::read(dir.join("QANR5L17QG1.json")).unwrap(),
        "Questions_gouvernement.json.zip!json/QANR5L17QG1.json",
    ));
    let q = &p.question;
    assert_eq!(q.id, "17-1QG");
    assert_eq!(
        (q.legislature, q.kind, q.number),
        (17, QuestionKind::Government, 1)
    );
    assert_eq!(q.title, "Situation à Mayotte");
    assert_eq!(q.author, "PA842279");
    assert_eq!(q.author_ref.as_deref(), Some("PA842279"));
    assert_eq!(q.mandate_ref.as_deref(), Some("PM843779"));
    assert_eq!(q.group, "Rassemblement National");
    assert_eq!(q.rubric, "Outre-mer");
    assert_eq!(q.analysis_head, None);
    // The short form, as the pages print it ("Ministère interrogé : Intérieur").
    assert_eq!(q.ministry_asked, "Intérieur");
    assert_eq!(q.ministry_assigned, "Intérieur");
    assert_eq!(
        q.attributions,
        vec![attribution("Intérieur", Some(d(2024, 10, 3)))]
    );
    assert_eq!(q.question_text, "", "textesQuestion: null");
    assert!(
        q.answer_text.starts_with(
            "SITUATION À MAYOTTE\n\nMme la présidente . La parole est à Mme Anchya Bamana.\n\n\
             Mme Anchya Bamana . C'est avec émotion que je prends la parole"
        ),
        "{}",
        &q.answer_text[..200]
    );
    assert!(q
        .answer_text
        .ends_with("M. Fabien Di Filippo . Il y a bien un petit bonus quand c'est intéressant ?"));
    assert!(q.answer_text.contains("du « rideau de fer » maritime."));
    assert!(!q.answer_text.contains(['<', '>']));
    let spans = answer_spans(q);
    assert_eq!(spans[0], ("Mme la présidente .", EmphasisStyle::Bold));
    assert!(spans.contains(&(
        "(Les députés des groupes RN et UDR se lèvent et applaudissent.)",
        EmphasisStyle::Italic
    )));
    assert!(spans.contains(&("ministre de l'intérieur .", EmphasisStyle::Italic)));
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(
                EventKind::QuestionPublished,
                QP,
                d(2024, 10, 3),
                Some(5283),
                None
            ),
            ev(
                EventKind::AnswerPublished,
                AP,
                d(2024, 10, 3),
                Some(5283),
                None
            ),
        ]
    );
    assert_eq!(
        q.source,
        "Questions_gouvernement.json.zip!json/QANR5L17QG1.json"
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(
        sniff(
            "QANR5L17QG1.json",
            &std::fs::read(dir.join("QANR5L17QG1.json")).unwrap()
        ),
        Format::QuestionJson
    );
}

fn real_directory(dir: &Path) -> Directory {
    let mut directory = Directory::new();
    for name in [
        "acteur_PA719968.json",
        "acteur_PA335999.json",
        "organe_PO845425.json",
        "organe_PO845439.json",
    ] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        directory
            .add_json(&bytes)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    }
    directory
}

#[test]
fn real_acteurs_and_organes() {
    let Some(dir) = shared() else { return };
    let bonnet = std::fs::read(dir.join("acteur_PA719968.json")).unwrap();
    assert_eq!(sniff("acteur_PA719968.json", &bonnet), Format::ActeurJson);
    let AmoRecord::Acteur(a) = parse_amo_json(&bonnet).unwrap() else {
        panic!("not an acteur")
    };
    assert_eq!(a.uid, "PA719968", "uid is an object: its #text");
    assert_eq!(
        (a.civ.as_str(), a.prenom.as_str(), a.nom.as_str()),
        ("Mme", "Sylvie", "Bonnet")
    );
    assert_eq!(a.display_name(), "Mme Sylvie Bonnet");
    let seat = a.mandats.iter().find(|m| m.uid == "PM842891").unwrap();
    assert_eq!(seat.type_organe, "ASSEMBLEE");
    assert_eq!(seat.legislature, Some(17));
    assert_eq!(seat.departement.as_deref(), Some("Loire"));
    assert_eq!(seat.num_circo, Some(4));
    assert_eq!(seat.start, Some(d(2024, 7, 7)));
    assert_eq!(seat.end, None);
    assert_eq!(
        seat.constituency().as_deref(),
        Some("Loire (4e circonscription)")
    );
    let group = a.mandats.iter().find(|m| m.type_organe == "GP").unwrap();
    assert_eq!(group.organe_refs, vec!["PO845425".to_string()]);

    let organe = std::fs::read(dir.join("organe_PO845425.json")).unwrap();
    assert_eq!(sniff("o.json", &organe), Format::OrganeJson);
    let AmoRecord::Organe(o) = parse_amo_json(&organe).unwrap() else {
        panic!("not an organe")
    };
    assert_eq!(o.uid, "PO845425");
    assert_eq!(o.code_type, "GP");
    assert_eq!(o.libelle, "Droite Républicaine");
    assert_eq!(o.abbreviation.as_deref(), Some("DR"));
    assert_eq!(o.start, Some(d(2024, 7, 18)));
}

#[test]
fn authors_resolved_from_the_real_amo_files() {
    let Some(dir) = shared() else { return };
    let directory = real_directory(&dir);
    assert_eq!(directory.len(), (2, 2));
    let mut qs: Vec<Question> = [
        "QANR5L17QE101.json",
        "QANR5L17QE102.json",
        "QANR5L16QE103.json",
        "QANR5L17QE104.json",
        "QANR5L16QE103.json",
    ]
    .iter()
    .map(|n| json(n).question)
    .collect();
    let unresolved = resolve_authors(&mut qs, &directory);
    assert_eq!(unresolved, vec!["PA999999".to_string()], "reported once");

    assert_eq!(qs[0].author, "Mme Sylvie Bonnet");
    assert_eq!(qs[0].constituency, "Loire (4e circonscription)");
    assert_eq!(
        qs[0].group, "Droite Républicaine",
        "the question's own group"
    );

    // Mme Batho's file: Deux-Sèvres, circonscription 2, group PO845439.
    assert_eq!(qs[1].author, "Mme Delphine Batho");
    assert_eq!(qs[1].constituency, "Deux-Sèvres (2e circonscription)");
    assert_eq!(
        qs[1].group, "Écologiste et Social",
        "no group in the question: GP mandate"
    );

    assert_eq!(
        qs[2].author, "PA999999",
        "unresolved: shown by its reference"
    );
    assert_eq!(qs[2].constituency, "");

    // No mandatRef: the ASSEMBLEE mandate of the legislature; no group: the GP mandate.
    assert_eq!(qs[3].author, "Mme Sylvie Bonnet");
    assert_eq!(qs[3].constituency, "Loire (4e circonscription)");
    assert_eq!(qs[3].group, "Droite Républicaine");
    for q in &qs {
        check_question(q).unwrap();
    }
}

#[test]
fn separate_mandat_files_and_the_first_circonscription() {
    let mut directory = Directory::new();
    directory
        .add_json(br##"{"acteur": {"uid": {"@xsi:type": "IdActeur_type", "#text": "PA1"}, "etatCivil": {"ident": {"civ": "M.", "prenom": "Jean", "nom": "Premier", "trigramme": {"@xsi:nil": "true"}}}, "mandats": null}}"##)
        .unwrap();
    directory
        .add_json(br#"{"mandat": {"uid": "PM1", "acteurRef": "PA1", "legislature": "17", "typeOrgane": "ASSEMBLEE", "dateDebut": "2024-07-07", "dateFin": null, "election": {"lieu": {"departement": "Paris", "numCirco": "1"}}}}"#)
        .unwrap();
    let mut q = json("QANR5L17QE104.json").question;
    q.author_ref = Some("PA1".into());
    q.author = "PA1".into();
    let unresolved = resolve_authors(std::slice::from_mut(&mut q), &directory);
    assert!(unresolved.is_empty());
    assert_eq!(q.author, "M. Jean Premier");
    assert_eq!(q.constituency, "Paris (1re circonscription)");

    let e = directory.add_json(br#"{"scrutin": {}}"#).unwrap_err();
    assert!(e.message().contains("unknown schema"));
    let e = directory
        .add_json(br#"{"acteur": {"uid": 12}}"#)
        .unwrap_err();
    assert_eq!(e.message(), "'uid' is a number where a string is expected");
}

/// A zip archive built in memory: `(name, bytes, stored)`; a name ending in `/` is a folder.
fn build_zip(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes, stored) in entries {
        if name.ends_with('/') {
            w.add_directory(*name, SimpleFileOptions::default())
                .unwrap();
            continue;
        }
        let method = if *stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn zip_entries_in_any_folder_with_a_corrupt_one_named() {
    let q101 = fixture("QANR5L17QE101.json");
    let q106 = fixture("QANR5L15QE106.xml");
    let mut bytes = build_zip(&[
        ("json/", b"", false),
        ("json/QANR5L17QE101.json", &q101, false),
        (
            "json/broken.json",
            b"{\"question\": CORRUPT-ME-PLEASE}",
            true,
        ),
        ("xml/sub/QANR5L15QE106.xml", &q106, false),
        ("__MACOSX/json/._QANR5L17QE101.json", b"junk", true),
    ]);
    // Damage the stored entry's data: its checksum no longer matches.
    let at = bytes.windows(9).position(|w| w == b"CORRUPT-M").unwrap();
    bytes[at] = b'X';
    let mut seen = Vec::new();
    let summary = for_each_zip_entry(Cursor::new(&bytes), &ZipLimits::default(), |name, r| {
        match r {
            Ok(b) => {
                let q = if name.ends_with(".xml") {
                    parse_question_xml(&b, name)
                } else {
                    parse_question_json(&b, name)
                };
                seen.push((name.to_string(), ok(q).question.id));
            }
            Err(e) => seen.push((name.to_string(), e.message())),
        }
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert_eq!(
        seen[0],
        ("json/QANR5L17QE101.json".into(), "17-101QE".into())
    );
    assert_eq!(seen[1].0, "json/broken.json");
    // The loader names the entry (`archive.zip!json/broken.json`); the problem says why.
    assert!(seen[1].1.starts_with("unreadable entry"), "{seen:?}");
    assert_eq!(
        seen[2],
        ("xml/sub/QANR5L15QE106.xml".into(), "15-106QE".into())
    );
    assert_eq!(
        (summary.entries, summary.errors, summary.skipped),
        (3, 1, 2)
    );
    assert_eq!(summary.bytes, (q101.len() + q106.len()) as u64);

    let e = for_each_zip_entry(
        Cursor::new(b"PK\x03\x04 not really"),
        &ZipLimits::default(),
        |_, _| ControlFlow::Continue(()),
    )
    .unwrap_err();
    // A zip's signature with no end: taken for an archive cut short.
    assert!(e.message().starts_with("truncated zip archive"), "{e:?}");
}

#[test]
fn zip_bombs_are_refused_by_declared_and_total_size() {
    let zeros = vec![0u8; 3 * 1024 * 1024];
    let small = fixture("QANR5L17QE104.json");
    let bytes = build_zip(&[
        ("json/bomb.json", &zeros, false),
        ("json/QANR5L17QE104.json", &small, false),
    ]);
    assert!(bytes.len() < 100 * 1024, "deflates small: {}", bytes.len());
    let limits = ZipLimits {
        max_entry_bytes: 1024 * 1024,
        ..ZipLimits::default()
    };
    let mut seen = Vec::new();
    for_each_zip_entry(Cursor::new(&bytes), &limits, |name, r| {
        seen.push((
            name.to_string(),
            r.map(|b| b.len()).map_err(|e| e.message()),
        ));
        ControlFlow::Continue(())
    })
    .unwrap();
    assert!(
        seen[0]
            .1
            .as_ref()
            .unwrap_err()
            .contains("over the 1.0 MiB limit"),
        "{seen:?}"
    );
    assert_eq!(seen[1], ("json/QANR5L17QE104.json".into(), Ok(small.len())));

    let limits = ZipLimits {
        max_total_bytes: 1024 * 1024,
        ..ZipLimits::default()
    };
    let mut calls = 0;
    let e = for_each_zip_entry(Cursor::new(&bytes), &limits, |_, _| {
        calls += 1;
        ControlFlow::Continue(())
    })
    .unwrap_err();
    assert!(e.message().contains("expands past"), "{e:?}");
    assert_eq!(calls, 1, "stops at the entry that goes over");

    let limits = ZipLimits {
        max_entries: 1,
        ..ZipLimits::default()
    };
    let s = for_each_zip_entry(Cursor::new(&bytes), &limits, |_, _| {
        ControlFlow::Continue(())
    })
    .unwrap();
    assert!(s.truncated);
    assert_eq!(s.entries, 1);
}

#[test]
fn a_legacy_archive_streamed_from_its_zip_entry() {
    let xiv = fixture("Questions_ecrites_XIV.xml");
    let bytes = build_zip(&[("Questions_ecrites_XIV.xml", &xiv, false)]);
    let mut ids = Vec::new();
    let s = for_each_zip_entry_reader(Cursor::new(&bytes), &ZipLimits::default(), |name, r| {
        let (declared, reader) = r.unwrap();
        assert_eq!(declared, xiv.len() as u64);
        let n = for_each_legacy_question(std::io::BufReader::new(reader), name, |q| {
            ids.push(ok(q).question.id);
            ControlFlow::Continue(())
        });
        assert_eq!(n, Ok(3));
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(ids, ["14-1QE", "14-2QE", "14-3QE"]);
    assert_eq!(s.bytes, xiv.len() as u64);

    // The stream stops at its limit.
    let limits = ZipLimits {
        max_stream_bytes: 100,
        ..ZipLimits::default()
    };
    for_each_zip_entry_reader(Cursor::new(&bytes), &limits, |_, r| {
        match r {
            Err(e) => assert!(e.message().contains("over the"), "{e:?}"),
            Ok(_) => panic!("read past its limit"),
        }
        ControlFlow::Continue(())
    })
    .unwrap();
}

#[test]
fn an_amo_archive_fills_a_directory() {
    let Some(dir) = shared() else { return };
    let bonnet = std::fs::read(dir.join("acteur_PA719968.json")).unwrap();
    let group = std::fs::read(dir.join("organe_PO845425.json")).unwrap();
    let bytes = build_zip(&[
        ("json/acteur/PA719968.json", &bonnet, false),
        ("json/organe/PO845425.json", &group, false),
    ]);
    let mut directory = Directory::new();
    for_each_zip_entry(Cursor::new(&bytes), &ZipLimits::default(), |name, r| {
        let b = r.unwrap();
        assert_ne!(sniff(name, &b), Format::Unknown);
        directory.add_json(&b).unwrap();
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(
        directory.acteur("PA719968").unwrap().display_name(),
        "Mme Sylvie Bonnet"
    );
    assert_eq!(
        directory.organe("PO845425").unwrap().libelle,
        "Droite Républicaine"
    );
    let mut read = Vec::new();
    Cursor::new(&bytes).read_to_end(&mut read).unwrap();
    assert_eq!(sniff("amo.zip", &read), Format::Zip);
}

/// Loads a generated corpus in one open-data form and checks every question against what
/// the generator says it holds, field by field.
fn reads_back(format: dossier_corpus::Format) {
    use std::collections::HashMap;
    let n = 300;
    let dir = tempfile::tempdir().unwrap();
    dossier_corpus::generate_with(dir.path(), n, 9, format).unwrap();
    let report = dossier_core::load::load(
        &[dir.path().to_path_buf()],
        &dossier_core::load::LoadOptions::default(),
    );
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.shown()).collect();
    assert!(shown.is_empty(), "{shown:#?}");
    assert_eq!(report.questions.len(), n);
    let docs: Vec<dossier_corpus::Document> =
        rayon::iter::ParallelIterator::collect(dossier_corpus::documents(n, 9));
    let by_id: HashMap<&str, &Question> = report
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q))
        .collect();
    for d in &docs {
        let e = &d.expected;
        let q = by_id[e.id.as_str()];
        assert_eq!(q.title, e.title, "{}", q.source);
        assert_eq!(q.author, e.author, "{}", q.source);
        assert_eq!(
            q.author_ref.as_deref(),
            Some(e.acteur_ref.as_str()),
            "{}",
            q.source
        );
        assert_eq!(q.constituency, e.constituency, "{}", q.source);
        assert_eq!(q.group, e.group, "{}", q.source);
        assert_eq!(q.rubric, e.rubric, "{}", q.source);
        assert_eq!(q.ministry_asked, e.ministry_asked, "{}", q.source);
        assert_eq!(q.ministry_assigned, e.ministry_assigned, "{}", q.source);
        assert_eq!(q.status, e.status, "{}", q.source);
        assert_eq!(q.question_text, e.question_text, "{}", q.source);
        assert_eq!(q.answer_text, e.answer_text, "{}", q.source);
        let events: Vec<(EventKind, NaiveDate)> =
            q.events.iter().map(|ev| (ev.kind, ev.date)).collect();
        assert_eq!(events, e.events, "{}", q.source);
        assert!(check_question(q).is_ok(), "{}", q.source);
    }
}

#[test]
fn loose_open_data_json_files_read_back_as_generated() {
    reads_back(dossier_corpus::Format::Json);
}

#[test]
fn open_data_zip_archives_read_back_as_generated_and_name_each_entry() {
    reads_back(dossier_corpus::Format::Zip);
    // A damaged entry is named with its archive, and the rest is read.
    let dir = tempfile::tempdir().unwrap();
    dossier_corpus::generate_with(dir.path(), 60, 4, dossier_corpus::Format::Zip).unwrap();
    let archive = walk_zips(dir.path()).into_iter().find(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("Questions"))
    });
    let archive = archive.expect("a questions archive");
    let mut bytes = std::fs::read(&archive).unwrap();
    // The first entry's data start after its 30-byte header and name: damage its body.
    let name_len = u16::from_le_bytes([bytes[26], bytes[27]]) as usize;
    let extra_len = u16::from_le_bytes([bytes[28], bytes[29]]) as usize;
    let body = 30 + name_len + extra_len;
    for b in &mut bytes[body..body + 16] {
        *b ^= 0xA5;
    }
    std::fs::write(&archive, &bytes).unwrap();
    let report = dossier_core::load::load(
        &[dir.path().to_path_buf()],
        &dossier_core::load::LoadOptions::default(),
    );
    let bad: Vec<&dossier_core::parse::diagnostic::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == dossier_core::parse::diagnostic::Severity::Skipped)
        .collect();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].path.contains(".zip!"), "{}", bad[0].path);
    assert!(report.questions.len() >= 59 - 1);
}

fn walk_zips(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk_zips(&p));
        } else if p.extension().is_some_and(|x| x == "zip") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn an_archive_without_any_file_is_a_warning_naming_it() {
    let s = crate::util::Sandbox::new();
    for (name, bytes) in [
        ("empty.zip", build_zip(&[])),
        (
            "folders.zip",
            build_zip(&[("json/", b"", false), ("__MACOSX/._x", b"junk", true)]),
        ),
    ] {
        std::fs::write(s.path(name), bytes).unwrap();
        let out = s.run(&["check", s.path(name).to_str().unwrap()]);
        let text = crate::util::stdout(&out);
        assert!(
            text.contains(name) && text.contains("archive zip vide"),
            "{text}"
        );
        assert!(
            text.contains("0 question, 0 fichier ignoré, 1 avertissement"),
            "{text}"
        );
    }
    let out = s.run(&[
        "--lang",
        "en",
        "check",
        s.path("empty.zip").to_str().unwrap(),
    ]);
    assert!(
        crate::util::stdout(&out).contains("empty zip archive"),
        "{}",
        crate::util::stdout(&out)
    );
    // An archive with questions says nothing of the kind.
    let q101 = fixture("QANR5L17QE101.json");
    std::fs::write(
        s.path("one.zip"),
        build_zip(&[("json/q.json", &q101, false)]),
    )
    .unwrap();
    let text = s.ok(&["check", s.path("one.zip").to_str().unwrap()]);
    assert!(!text.contains("vide"), "{text}");
}
