//! The five seed documents, checked field by field against values read by hand from the
//! documents in `assets/` (copies of the shared seeds).
//!
//! Every seed is checked twice: loaded from its file by path, and from the sample dossier
//! embedded in the binary (`load_sample`). Timings use today = 2026-11-22.

use chrono::NaiveDate;
use dossier_core::deadline::{timing, Current, DeadlineRule};
use dossier_core::load::{load, load_sample, LoadOptions, LoadReport};
use dossier_core::model::{EmphasisStyle, EventKind, Question, QuestionKind, Status};
use std::path::PathBuf;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn today() -> NaiveDate {
    d(2026, 11, 22)
}

/// One expected event: kind, label as printed, date, page, note.
type Ev = (
    EventKind,
    &'static str,
    NaiveDate,
    Option<u32>,
    Option<&'static str>,
);

/// What a seed must parse to.
struct Expected {
    file: &'static str,
    id: &'static str,
    legislature: u16,
    number: u32,
    title: &'static str,
    author: &'static str,
    constituency: &'static str,
    group: &'static str,
    rubric: &'static str,
    ministry_asked: &'static str,
    ministry_assigned: &'static str,
    status: Status,
    events: Vec<Ev>,
    question_starts: &'static str,
    question_ends: &'static str,
    answer_starts: &'static str,
    answer_ends: &'static str,
    /// Italic spans of the question text, in order.
    question_italics: Vec<&'static str>,
    deadline: NaiveDate,
    days_pending: Option<i64>,
    overdue_days: Option<i64>,
    answer_delay_days: Option<i64>,
}

const SANTE_FAMILLES: &str = "Santé, familles, autonomie et personnes handicapées";
const PUBLISHED: &str = "Question publiée au JO le";

fn expected() -> Vec<Expected> {
    vec![
        Expected {
            file: "000_ca7e1411996a7a9f.txt",
            id: "17-13809QE",
            legislature: 17,
            number: 13809,
            title: "Avenir des salariés du dispositif Asalée",
            author: "Mme Sylvie Bonnet",
            constituency: "Loire (4e circonscription)",
            group: "Droite Républicaine",
            rubric: "Santé",
            ministry_asked: SANTE_FAMILLES,
            ministry_assigned: SANTE_FAMILLES,
            status: Status::Answered,
            events: vec![
                (
                    EventKind::QuestionPublished,
                    PUBLISHED,
                    d(2026, 3, 24),
                    Some(2494),
                    None,
                ),
                (
                    EventKind::AnswerPublished,
                    "Réponse publiée au JO le",
                    d(2026, 5, 12),
                    Some(4262),
                    None,
                ),
            ],
            question_starts: "Mme Sylvie Bonnet appelle l'attention de Mme la ministre",
            question_ends: "dans des conditions pérennes, au bénéfice des patients.",
            answer_starts: "Créée en 2004, l'association Asalée organise",
            answer_ends: "demeurent la priorité absolue des pouvoirs publics.",
            question_italics: vec![],
            deadline: d(2026, 5, 24),
            days_pending: None,
            overdue_days: None,
            answer_delay_days: Some(49),
        },
        Expected {
            file: "001_8a016c17cf93605d.txt",
            id: "17-13985QE",
            legislature: 17,
            number: 13985,
            title: "Crise d'ASALEE : arrêt des financements et risques pour les soins de proximité",
            author: "M. Marc Chavent",
            constituency: "Ain (5e circonscription)",
            group: "Union des droites pour la République",
            rubric: "Santé",
            ministry_asked: SANTE_FAMILLES,
            ministry_assigned: SANTE_FAMILLES,
            status: Status::Pending,
            events: vec![(
                EventKind::QuestionPublished,
                PUBLISHED,
                d(2026, 3, 31),
                Some(2651),
                None,
            )],
            question_starts: "M. Marc Chavent alerte Mme la ministre",
            question_ends: "de cette coopération interprofessionnelle essentielle.",
            answer_starts: "",
            answer_ends: "",
            question_italics: vec![],
            deadline: d(2026, 5, 31),
            // 31 March -> 22 November: 30+31+30+31+31+30+31+22.
            days_pending: Some(236),
            // 31 May -> 22 November: 30+31+31+30+31+22.
            overdue_days: Some(175),
            answer_delay_days: None,
        },
        Expected {
            file: "002_eb32264c33876689.txt",
            id: "17-13811QE",
            legislature: 17,
            number: 13811,
            title: "Avenir du dispositif Asalée",
            author: "M. Corentin Le Fur",
            constituency: "Côtes-d'Armor (3e circonscription)",
            group: "Droite Républicaine",
            rubric: "Santé",
            ministry_asked: SANTE_FAMILLES,
            ministry_assigned: SANTE_FAMILLES,
            status: Status::Pending,
            events: vec![(
                EventKind::QuestionPublished,
                PUBLISHED,
                d(2026, 3, 24),
                Some(2494),
                None,
            )],
            question_starts: "M. Corentin Le Fur alerte Mme la ministre",
            question_ends: "d'un dispositif qui, sur le terrain, a fait ses preuves.",
            answer_starts: "",
            answer_ends: "",
            question_italics: vec!["statu quo", "a fortiori"],
            deadline: d(2026, 5, 24),
            days_pending: Some(243),
            overdue_days: Some(182),
            answer_delay_days: None,
        },
        Expected {
            file: "003_d03222e0d74a5826.txt",
            id: "17-16300QE",
            legislature: 17,
            number: 16300,
            title: "Avenir du dispositif Asalée",
            author: "M. Jean-Michel Brard",
            constituency: "Loire-Atlantique (9e circonscription)",
            group: "Horizons & Indépendants",
            rubric: "Santé",
            ministry_asked: SANTE_FAMILLES,
            ministry_assigned: SANTE_FAMILLES,
            status: Status::Pending,
            events: vec![(
                EventKind::QuestionPublished,
                PUBLISHED,
                d(2026, 6, 23),
                Some(5635),
                None,
            )],
            question_starts: "M. Jean-Michel Brard appelle l'attention",
            question_ends: "de soin humain et de proximité, indispensable pour les malades.",
            answer_starts: "",
            answer_ends: "",
            question_italics: vec!["via"],
            deadline: d(2026, 8, 23),
            // 23 June -> 22 November: 7+31+31+30+31+22.
            days_pending: Some(152),
            // 23 August -> 22 November: 8+30+31+22.
            overdue_days: Some(91),
            answer_delay_days: None,
        },
        Expected {
            file: "004_68d0ed20e3d9d359.txt",
            id: "16-16353QE",
            legislature: 16,
            number: 16353,
            title: "Situation des infirmières Asalée",
            author: "Mme Delphine Batho",
            constituency: "Deux-Sèvres (2e circonscription)",
            group: "Écologiste - NUPES",
            rubric: "Professions de santé",
            ministry_asked: "Travail, santé et solidarités",
            ministry_assigned: "Santé et prévention",
            status: Status::Withdrawn,
            events: vec![
                (
                    EventKind::QuestionPublished,
                    PUBLISHED,
                    d(2024, 3, 19),
                    Some(2065),
                    None,
                ),
                (
                    EventKind::Withdrawn,
                    "Question retirée le",
                    d(2024, 6, 11),
                    None,
                    Some("Fin de mandat"),
                ),
            ],
            question_starts: "Mme Delphine Batho interroge Mme la ministre du travail",
            question_ends: "indispensables dans la lutte contre les déserts médicaux.",
            answer_starts: "",
            answer_ends: "",
            question_italics: vec![],
            deadline: d(2024, 5, 19),
            days_pending: None,
            overdue_days: None,
            answer_delay_days: None,
        },
    ]
}

fn assets_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets")
}

/// Checks one question against what was read by hand, naming the field that differs.
fn check(q: &Question, e: &Expected) {
    let who = e.id;
    assert_eq!(q.id, e.id);
    assert_eq!(q.legislature, e.legislature, "{who}: legislature");
    assert_eq!(q.kind, QuestionKind::Written, "{who}: kind");
    assert_eq!(q.number, e.number, "{who}: number");
    assert_eq!(q.title, e.title, "{who}: title");
    assert_eq!(q.author, e.author, "{who}: author");
    assert_eq!(q.constituency, e.constituency, "{who}: constituency");
    assert_eq!(q.group, e.group, "{who}: group");
    assert_eq!(q.rubric, e.rubric, "{who}: rubric");
    assert_eq!(q.ministry_asked, e.ministry_asked, "{who}: ministry_asked");
    assert_eq!(
        q.ministry_assigned, e.ministry_assigned,
        "{who}: ministry_assigned"
    );
    assert_eq!(q.analysis_head, None, "{who}: analysis_head");
    assert_eq!(q.analysis, None, "{who}: analysis");
    assert!(q.extra.is_empty(), "{who}: unexpected extra {:?}", q.extra);
    assert_eq!(q.status, e.status, "{who}: status");

    type Owned = (EventKind, String, NaiveDate, Option<u32>, Option<String>);
    let events: Vec<Owned> = q
        .events
        .iter()
        .map(|ev| (ev.kind, ev.label.clone(), ev.date, ev.page, ev.note.clone()))
        .collect();
    let wanted: Vec<Owned> = e
        .events
        .iter()
        .map(|&(kind, label, date, page, note)| {
            (kind, label.to_string(), date, page, note.map(String::from))
        })
        .collect();
    assert_eq!(events, wanted, "{who}: events");

    // Texts: plain, one paragraph each in these seeds, no markup left.
    assert!(
        q.question_text.starts_with(e.question_starts),
        "{who}: question starts {:?}",
        &q.question_text[..80.min(q.question_text.len())]
    );
    assert!(
        q.question_text.ends_with(e.question_ends),
        "{who}: question ends wrong"
    );
    assert!(!q.question_text.contains("\n\n"), "{who}: one paragraph");
    for marker in ["*", "](", "<", "#"] {
        assert!(
            !q.question_text.contains(marker),
            "{who}: markup {marker:?} left in the question"
        );
        assert!(
            !q.answer_text.contains(marker),
            "{who}: markup {marker:?} left in the answer"
        );
    }
    if e.answer_starts.is_empty() {
        assert_eq!(q.answer_text, "", "{who}: no answer");
    } else {
        assert!(q.answer_text.starts_with(e.answer_starts), "{who}: answer");
        assert!(q.answer_text.ends_with(e.answer_ends), "{who}: answer end");
    }

    let italics: Vec<&str> = q
        .question_emphasis
        .iter()
        .map(|s| {
            assert_eq!(s.style, EmphasisStyle::Italic, "{who}: only italics");
            &q.question_text[s.start..s.end]
        })
        .collect();
    assert_eq!(italics, e.question_italics, "{who}: italic spans");
    assert!(q.answer_emphasis.is_empty(), "{who}: answer emphasis");

    let t = timing(q, today(), Current::KNOWN);
    assert_eq!(t.deadline, Some(e.deadline), "{who}: deadline");
    assert_eq!(
        t.deadline_rule,
        Some(DeadlineRule::TwoMonths),
        "{who}: rule"
    );
    assert_eq!(t.days_pending, e.days_pending, "{who}: days pending");
    assert_eq!(t.overdue_days, e.overdue_days, "{who}: overdue days");
    assert_eq!(t.is_overdue(), e.overdue_days.is_some(), "{who}: overdue");
    assert_eq!(t.answer_delay_days, e.answer_delay_days, "{who}: delay");
}

fn assert_clean(report: &LoadReport) {
    assert!(
        report.diagnostics.is_empty(),
        "the seeds load without any diagnostic: {:?}",
        report.diagnostics
    );
    assert_eq!(report.files_read, 5);
    assert_eq!(report.files_skipped, 0);
    assert_eq!(report.questions.len(), 5);
}

#[test]
fn seeds_from_their_files_field_by_field() {
    let expected = expected();
    let paths: Vec<PathBuf> = expected.iter().map(|e| assets_dir().join(e.file)).collect();
    let report = load(&paths, &LoadOptions::default());
    assert_clean(&report);
    for (q, e) in report.questions.iter().zip(&expected) {
        check(q, e);
        assert_eq!(
            PathBuf::from(&q.source),
            assets_dir().join(e.file),
            "source is the file path"
        );
    }
}

#[test]
fn seeds_from_the_assets_directory() {
    let report = load(&[assets_dir()], &LoadOptions::default());
    assert_clean(&report);
    for (q, e) in report.questions.iter().zip(&expected()) {
        check(q, e);
    }
}

#[test]
fn seeds_from_the_embedded_sample() {
    let report = load_sample();
    assert_clean(&report);
    for (q, e) in report.questions.iter().zip(&expected()) {
        check(q, e);
        assert!(q.source.ends_with(e.file), "{}: source {}", e.id, q.source);
    }
}

#[test]
fn page_break_in_seed_000_answer_is_one_paragraph() {
    let report = load_sample();
    let q = &report.questions[0];
    assert_eq!(q.id, "17-13809QE");
    // In the document the sentence is cut by a blank line after "des créances des".
    assert!(q
        .answer_text
        .contains("régime de garantie des créances des salariés a validé le 1er avril 2026"));
    assert!(!q.answer_text.contains('\n'), "the answer is one paragraph");
}

#[test]
fn superscripts_are_normalised_in_both_layouts() {
    let report = load_sample();
    // 000 is markdown (`4<sup>e</sup>`), 001 plain text (`5^e`).
    assert_eq!(
        report.questions[0].constituency,
        "Loire (4e circonscription)"
    );
    assert_eq!(report.questions[1].constituency, "Ain (5e circonscription)");
    for q in &report.questions {
        assert!(!q.constituency.contains(['^', '<']), "{}", q.constituency);
    }
}
