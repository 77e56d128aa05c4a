//! The parser variants of issue 2, each written by hand in both seed layouts under
//! `tests/fixtures/` (`.md`: markdown with `**Label :**` and `<sup>`; `.txt`: plain with
//! `Label :` and `^e`), with what must come out of each.

use crate::util::English;
use chrono::NaiveDate;
use dossier_core::deadline::{timing, Current, DeadlineRule};
use dossier_core::load::{load, LoadOptions};
use dossier_core::model::{EmphasisStyle, EventKind, ExtraField, Question, QuestionKind, Status};
use dossier_core::parse::diagnostic::{Diagnostic, Severity};
use std::path::PathBuf;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Loads one file; it must give exactly one question.
fn load_one(rel: &str) -> (Question, Vec<Diagnostic>) {
    let report = load(&[fixture(rel)], &LoadOptions::default());
    assert_eq!(
        report.questions.len(),
        1,
        "{rel}: one question expected, diagnostics: {:?}",
        report.diagnostics
    );
    let mut questions = report.questions;
    (questions.remove(0), report.diagnostics)
}

/// Loads both layouts of a variant (`name.md`, `name.txt`) and checks each with `check`;
/// neither may produce a diagnostic.
fn both(name: &str, check: impl Fn(&Question, &str)) {
    for ext in ["md", "txt"] {
        let rel = format!("variants/{name}.{ext}");
        let (q, diags) = load_one(&rel);
        assert!(diags.is_empty(), "{rel}: unexpected {diags:?}");
        check(&q, ext);
    }
}

/// The events as (kind, date, page, note), for compact comparisons.
fn events(q: &Question) -> Vec<(EventKind, NaiveDate, Option<u32>, Option<String>)> {
    q.events
        .iter()
        .map(|e| (e.kind, e.date, e.page, e.note.clone()))
        .collect()
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

/// The texts of the spans of one style.
fn spans<'a>(
    text: &'a str,
    q: &[dossier_core::model::Emphasis],
    style: EmphasisStyle,
) -> Vec<&'a str> {
    q.iter()
        .filter(|e| e.style == style)
        .map(|e| &text[e.start..e.end])
        .collect()
}

#[test]
fn question_au_gouvernement_answer_is_the_seance_transcript() {
    both("qg", |q, ext| {
        assert_eq!(q.id, "17-742QG");
        assert_eq!(q.kind, QuestionKind::Government);
        assert_eq!(q.number, 742);
        assert_eq!(q.title, "Fermeture des urgences de nuit à Saint-Brieuc");
        assert_eq!(q.author, "M. Hervé Guillou");
        assert_eq!(q.constituency, "Côtes-d'Armor (1re circonscription)");
        assert_eq!(q.group, "Socialistes et apparentés");
        assert_eq!(q.rubric, "Établissements de santé");
        assert_eq!(q.status, Status::Answered);
        // No "Texte de la question" section: nothing is invented.
        assert_eq!(q.question_text, "");
        let p = paragraphs(&q.answer_text);
        assert_eq!(p.len(), 5, "{ext}: {:?}", q.answer_text);
        // The séance title in capitals stays its own paragraph.
        assert_eq!(p[0], "FERMETURE DES URGENCES DE NUIT À SAINT-BRIEUC");
        assert!(p[1].starts_with("M. le président. La parole est à M. Hervé Guillou"));
        // A colon in a speech is prose, not a `Label : value` line.
        assert!(p[2].contains("Deux questions : quand rouvriront-elles, et avec quels médecins ?"));
        assert!(p[4].starts_with("Mme Claire Morel, ministre de la santé"));
        assert!(p[4].ends_with("(Applaudissements sur les bancs du groupe EPR.)"));
        assert!(!q.answer_text.contains('*'));
        assert_eq!(
            events(q),
            vec![
                (EventKind::QuestionPublished, d(2025, 10, 15), None, None),
                (
                    EventKind::AnswerPublished,
                    d(2025, 10, 15),
                    Some(5210),
                    None
                ),
            ]
        );
        if ext == "md" {
            // Bold speaker names, as the TUI shows them.
            assert_eq!(
                spans(&q.answer_text, &q.answer_emphasis, EmphasisStyle::Bold),
                vec![
                    "M. le président.",
                    "M. Hervé Guillou.",
                    "M. le président.",
                    "Mme Claire Morel, ministre de la santé, des familles, de l'autonomie et des \
                     personnes handicapées."
                ]
            );
            assert_eq!(
                spans(&q.answer_text, &q.answer_emphasis, EmphasisStyle::Italic),
                vec!["(Applaudissements sur les bancs du groupe EPR.)"]
            );
        } else {
            assert!(q.answer_emphasis.is_empty());
        }
    });
}

#[test]
fn question_orale_sans_debat() {
    both("qosd", |q, ext| {
        assert_eq!(q.id, "16-318QOSD");
        assert_eq!(q.kind, QuestionKind::Oral);
        assert_eq!(q.legislature, 16);
        assert_eq!(q.title, "Desserte ferroviaire du Morvan");
        assert_eq!(q.constituency, "Nièvre (2e circonscription)");
        assert_eq!(q.group, "Démocrate (MoDem et Indépendants)");
        assert_eq!(
            q.ministry_asked,
            "Transition écologique et cohésion des territoires"
        );
        assert_eq!(q.ministry_assigned, "Transports");
        assert_eq!(q.status, Status::Answered);
        assert_eq!(q.question_text, "");
        let p = paragraphs(&q.answer_text);
        assert_eq!(p.len(), 5);
        assert_eq!(p[0], "DESSERTE FERROVIAIRE DU MORVAN");
        assert!(p[1].starts_with("Mme la présidente. La parole est à Mme Isabelle Perrin"));
        assert!(p[4].starts_with(
            "Mme Laure Dufresne, ministre déléguée chargée des transports. Madame la députée,"
        ));
        assert_eq!(
            events(q),
            vec![
                (EventKind::QuestionPublished, d(2024, 2, 6), Some(812), None),
                (EventKind::AnswerPublished, d(2024, 2, 15), Some(1024), None),
            ]
        );
        assert_eq!(
            timing(q, d(2026, 11, 22), Current::KNOWN).answer_delay_days,
            Some(9)
        );
        if ext == "md" {
            let bold = spans(&q.answer_text, &q.answer_emphasis, EmphasisStyle::Bold);
            assert_eq!(
                bold,
                vec![
                    "Mme la présidente.",
                    "Mme Isabelle Perrin.",
                    "Mme la présidente.",
                    "Mme Laure Dufresne,",
                    "ministre déléguée chargée des transports."
                ]
            );
            // `***…***` is bold and italic.
            assert_eq!(
                spans(&q.answer_text, &q.answer_emphasis, EmphasisStyle::Italic),
                vec!["ministre déléguée chargée des transports."]
            );
        }
    });
}

#[test]
fn missing_title_leaves_it_empty() {
    both("no_title", |q, _| {
        assert_eq!(q.id, "17-5021QE");
        assert_eq!(q.title, "");
        assert!(q.question_text.starts_with("Mme Agnès Roux interroge"));
        assert_eq!(q.author, "Mme Agnès Roux");
        assert_eq!(q.constituency, "Gers (2e circonscription)");
        assert_eq!(q.group, "Les Démocrates");
        assert_eq!(q.status, Status::Pending);
    });
}

#[test]
fn missing_constituency_line_leaves_it_and_the_group_empty() {
    both("no_constituency", |q, _| {
        assert_eq!(q.id, "17-6110QE");
        assert_eq!(q.author, "M. Paul Vidal");
        assert_eq!(q.constituency, "");
        assert_eq!(q.group, "");
        assert_eq!(q.rubric, "Enseignement supérieur");
        assert_eq!(
            events(q),
            vec![(
                EventKind::QuestionPublished,
                d(2025, 4, 8),
                Some(2388),
                None
            )]
        );
    });
}

#[test]
fn missing_pages_are_none() {
    both("no_pages", |q, _| {
        assert_eq!(q.id, "17-7345QE");
        assert_eq!(q.status, Status::Answered);
        assert_eq!(
            events(q),
            vec![
                (EventKind::QuestionPublished, d(2025, 9, 2), None, None),
                (EventKind::AnswerPublished, d(2025, 11, 4), None, None),
            ]
        );
        assert_eq!(
            q.answer_text,
            "La trésorerie de Lodève sera remplacée par un accueil de proximité au sein de \
             l'espace France services."
        );
        // 2 September -> 4 November: 28 + 31 + 4.
        assert_eq!(
            timing(q, d(2026, 11, 22), Current::KNOWN).answer_delay_days,
            Some(63)
        );
    });
}

#[test]
fn first_of_the_month_written_1er_1_and_superscript() {
    // Each layout mixes `1er`, `1` and a superscript `er` (`<sup>er</sup>` / `^er`).
    both("day_one", |q, _| {
        assert_eq!(q.id, "17-4402QE");
        assert_eq!(
            events(q),
            vec![
                (
                    EventKind::QuestionPublished,
                    d(2025, 7, 1),
                    Some(5901),
                    None
                ),
                (EventKind::AttributionChanged, d(2025, 8, 1), None, None),
                (EventKind::AnswerPublished, d(2025, 10, 1), Some(8012), None),
            ]
        );
        assert_eq!(q.ministry_asked, "Économie, finances et industrie");
        assert_eq!(q.ministry_assigned, "Industrie");
        // The superscript in the text is normalised too.
        assert!(
            q.question_text
                .ends_with("dans le Cantal depuis le 1er janvier 2025."),
            "{}",
            q.question_text
        );
    });
}

#[test]
fn numeric_dates_dd_mm_yyyy() {
    both("numeric_dates", |q, _| {
        assert_eq!(q.id, "17-2987QE");
        assert_eq!(
            events(q),
            vec![
                (
                    EventKind::QuestionPublished,
                    d(2024, 12, 3),
                    Some(6411),
                    None
                ),
                (EventKind::AnswerPublished, d(2025, 12, 9), Some(9870), None),
            ]
        );
        assert_eq!(q.constituency, "Bouches-du-Rhône (7e circonscription)");
        assert_eq!(q.group, "La France insoumise - Nouveau Front Populaire");
    });
}

#[test]
fn unknown_labels_are_kept_and_analysis_is_modelled() {
    both("extra_labels", |q, ext| {
        assert_eq!(q.id, "17-8830QE");
        // `Tête d’analyse` (curly apostrophe, .md) and `Tête d'analyse` (.txt) alike.
        assert_eq!(q.analysis_head.as_deref(), Some("Infirmiers scolaires"));
        assert_eq!(
            q.analysis.as_deref(),
            Some("Pénurie et attractivité du métier.")
        );
        assert_eq!(
            q.extra,
            vec![ExtraField {
                label: "Mots-clés".into(),
                value: "santé scolaire ; recrutement".into()
            }]
        );
        assert_eq!(q.rubric, "Enseignement");
        assert_eq!(q.ministry_asked, "Éducation nationale");
        // Curly quotes are text: kept as printed.
        if ext == "md" {
            assert_eq!(q.title, "Pénurie d’infirmiers scolaires");
            assert!(q
                .question_text
                .contains("« Santé scolaire : l’urgence » et demande quelles “mesures d’attractivité” sont prévues."));
        } else {
            assert_eq!(q.title, "Pénurie d'infirmiers scolaires");
            assert!(q
                .question_text
                .contains("quelles \"mesures d'attractivité\" sont prévues."));
        }
    });
}

#[test]
fn every_dated_line_becomes_an_event_sorted_by_date() {
    // The file lists them out of order: answer and its erratum first.
    both("events", |q, _| {
        assert_eq!(q.id, "17-1204QE");
        assert_eq!(q.status, Status::Answered);
        assert_eq!(
            events(q),
            vec![
                (
                    EventKind::QuestionPublished,
                    d(2024, 10, 15),
                    Some(5470),
                    None
                ),
                (
                    EventKind::ErratumQuestion,
                    d(2024, 10, 22),
                    Some(5712),
                    None
                ),
                (EventKind::AttributionChanged, d(2024, 12, 24), None, None),
                (EventKind::Renewed, d(2025, 1, 21), None, None),
                (EventKind::Signaled, d(2025, 3, 24), None, None),
                (EventKind::AnswerPublished, d(2025, 4, 8), Some(2601), None),
                (EventKind::ErratumAnswer, d(2025, 4, 22), Some(2990), None),
            ]
        );
        let labels: Vec<&str> = q.events.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            vec![
                "Question publiée au JO le",
                "Erratum de la question publié au JO le",
                "Date de changement d'attribution",
                "Date de renouvellement",
                "Date de signalement",
                "Réponse publiée au JO le",
                "Erratum de la réponse publié au JO le",
            ]
        );
        let t = timing(q, d(2026, 11, 22), Current::KNOWN);
        // Signalée on 24 March 2025: ten days.
        assert_eq!(t.deadline, Some(d(2025, 4, 3)));
        assert_eq!(t.deadline_rule, Some(DeadlineRule::Signaled));
        assert_eq!(t.answer_delay_days, Some(175));
    });
}

#[test]
fn withdrawal_reasons_are_kept_whatever_they_are() {
    both("withdrawn_reason", |q, ext| {
        assert_eq!(q.id, "17-905QE");
        assert_eq!(q.status, Status::Withdrawn);
        let reason = if ext == "md" {
            // Parentheses inside the reason are part of it.
            "Cessation de mandat (nomination au Gouvernement)"
        } else {
            "Retrait à l'initiative de l'auteur"
        };
        assert_eq!(
            events(q),
            vec![
                (
                    EventKind::QuestionPublished,
                    d(2024, 10, 1),
                    Some(5102),
                    None
                ),
                (
                    EventKind::Withdrawn,
                    d(2024, 12, 23),
                    None,
                    Some(reason.to_string())
                ),
            ]
        );
        assert!(!timing(q, d(2026, 11, 22), Current::KNOWN).is_overdue());
    });
}

#[test]
fn constituency_without_circonscription_number() {
    both("old_constituency", |q, _| {
        assert_eq!(q.id, "13-41822QE");
        assert_eq!(q.constituency, "Morbihan");
        assert_eq!(q.group, "Union pour un Mouvement Populaire");
        // Before 28 November 2014: one month.
        let t = timing(q, d(2026, 11, 22), Current::KNOWN);
        assert_eq!(t.deadline, Some(d(2009, 3, 17)));
        assert_eq!(t.deadline_rule, Some(DeadlineRule::OneMonth));
    });
}

#[test]
fn group_with_dashes_hyphenated_department_rubric_with_colon() {
    both("group_dashes", |q, _| {
        assert_eq!(q.id, "16-10477QE");
        assert_eq!(q.constituency, "Seine-Saint-Denis (7e circonscription)");
        assert_eq!(q.group, "Gauche démocrate et républicaine - NUPES");
        assert_eq!(q.rubric, "Enseignement : bâtiments scolaires");
    });
}

#[test]
fn group_with_commas_superscript_re_rubric_with_colon() {
    both("group_commas", |q, _| {
        assert_eq!(q.id, "17-3318QE");
        assert_eq!(
            q.constituency,
            "Alpes-de-Haute-Provence (1re circonscription)"
        );
        assert_eq!(q.group, "Libertés, Indépendants, Outre-mer et Territoires");
        assert_eq!(q.rubric, "Transports aériens : dessertes régionales");
    });
}

#[test]
fn tables_in_answers_keep_one_row_per_line() {
    // Markdown pipes in .md; tab-separated cells in .txt. Both read the same.
    both("table", |q, ext| {
        assert_eq!(q.id, "17-14002QE");
        assert_eq!(
            q.answer_text,
            "Les crédits versés par l'Assurance maladie figurent dans le tableau suivant :\n\n\
             Année | Crédits (M€) | Infirmiers\n\
             2022 | 88 | 1 750\n\
             2023 | 95 | 1 900\n\
             2024 | 100 | 2 000\n\n\
             Ces montants incluent la prise en charge des loyers."
        );
        if ext == "md" {
            assert_eq!(
                spans(&q.answer_text, &q.answer_emphasis, EmphasisStyle::Bold),
                vec!["2024"]
            );
        }
    });
}

/// The encoding fixtures are one document saved eight ways.
fn check_encoded(q: &Question, rel: &str, latin1: bool) {
    assert_eq!(q.id, "17-9120QE", "{rel}");
    let title = if latin1 {
        "Restauration de l'église Saint-Étienne de Beaumont"
    } else {
        "Restauration de l’église Saint-Étienne de Beaumont"
    };
    assert_eq!(q.title, title, "{rel}");
    assert_eq!(q.author, "M. François Lefèvre", "{rel}");
    assert_eq!(q.constituency, "Côte-d'Or (3e circonscription)", "{rel}");
    assert_eq!(q.group, "Droite Républicaine", "{rel}");
    assert_eq!(q.rubric, "Patrimoine culturel", "{rel}");
    let quote = if latin1 {
        "estimé à 2,4 millions d'euros : « une oeuvre du XIIe siècle » selon"
    } else {
        "estimé à 2,4 M€ : « une œuvre du XIIe siècle » selon"
    };
    assert!(
        q.question_text.contains(quote),
        "{rel}: {}",
        q.question_text
    );
    assert_eq!(
        events(q),
        vec![(EventKind::QuestionPublished, d(2026, 2, 3), Some(880), None)],
        "{rel}"
    );
    for field in [&q.title, &q.author, &q.question_text, &q.rubric, &q.source] {
        assert!(!field.contains(['\r', '\u{feff}']), "{rel}: {field:?}");
    }
}

#[test]
fn crlf_and_bom_load_cleanly() {
    for rel in ["crlf.md", "crlf.txt", "bom.md", "bom.txt"] {
        let rel = format!("encodings/{rel}");
        let (q, diags) = load_one(&rel);
        assert!(diags.is_empty(), "{rel}: {diags:?}");
        check_encoded(&q, &rel, false);
    }
}

#[test]
fn windows_1252_and_latin1_are_decoded_with_a_warning() {
    for (rel, latin1) in [
        ("cp1252.md", false),
        ("cp1252.txt", false),
        ("latin1.md", true),
        ("latin1.txt", true),
    ] {
        let rel = format!("encodings/{rel}");
        let (q, diags) = load_one(&rel);
        check_encoded(&q, &rel, latin1);
        assert_eq!(diags.len(), 1, "{rel}: {diags:?}");
        assert_eq!(diags[0].severity, Severity::Warning);
        assert_eq!(PathBuf::from(&diags[0].path), fixture(&rel));
        assert!(
            diags[0].message().contains("Windows-1252"),
            "{}",
            diags[0].message()
        );
    }
}

#[test]
fn bad_files_are_skipped_with_file_and_line() {
    let cases = [
        ("empty.md", "empty"),
        ("whitespace.txt", "only blank lines"),
        ("binary.txt", "binary"),
        ("image.md", "PNG image"),
        ("no_number.md", "no question number"),
        ("no_number.txt", "no question number"),
    ];
    for (name, what) in cases {
        let path = fixture(&format!("bad/{name}"));
        let report = load(std::slice::from_ref(&path), &LoadOptions::default());
        assert!(report.questions.is_empty(), "{name}");
        assert_eq!(report.files_skipped, 1, "{name}");
        assert_eq!(
            report.diagnostics.len(),
            1,
            "{name}: {:?}",
            report.diagnostics
        );
        let diag = &report.diagnostics[0];
        assert_eq!(diag.severity, Severity::Skipped);
        assert!(diag.line.is_some(), "{name}: a line number");
        let shown = diag.shown();
        let prefix = format!("{}:{}: skipped: ", path.display(), diag.line.unwrap_or(0));
        assert!(shown.starts_with(&prefix), "{shown}");
        assert!(shown.contains(what), "{name}: {shown}");
    }
}

#[test]
fn a_bad_file_does_not_stop_the_others() {
    let report = load(
        &[fixture("bad"), fixture("variants/qg.md")],
        &LoadOptions::default(),
    );
    assert_eq!(report.questions.len(), 1);
    assert_eq!(report.questions[0].id, "17-742QG");
    assert_eq!(report.files_read, 7);
    assert_eq!(report.files_skipped, 6);
}

#[test]
fn duplicates_keep_the_more_complete_copy_and_say_so() {
    let report = load(&[fixture("duplicates")], &LoadOptions::default());
    let kept: Vec<(&str, Status, String)> = report
        .questions
        .iter()
        .map(|q| {
            let file = PathBuf::from(&q.source)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            (q.id.as_str(), q.status, file)
        })
        .collect();
    // The answered copy comes second in path order, the withdrawn one first: neither order
    // decides, completeness does.
    assert_eq!(
        kept,
        vec![
            ("17-13809QE", Status::Answered, "b_answered.md".to_string()),
            (
                "16-16353QE",
                Status::Withdrawn,
                "c_withdrawn.txt".to_string()
            ),
        ]
    );
    assert_eq!(report.files_skipped, 2);
    let dups: Vec<String> = report.diagnostics.iter().map(|d| d.shown()).collect();
    assert_eq!(dups.len(), 2, "{dups:?}");
    assert!(dups[0].contains("a_before_answer.md"), "{}", dups[0]);
    assert!(dups[0].contains("17-13809QE") && dups[0].contains("b_answered.md"));
    assert!(
        dups[1].contains("d_copy_before_withdrawal.txt"),
        "{}",
        dups[1]
    );
    assert!(dups[1].contains("16-16353QE") && dups[1].contains("c_withdrawn.txt"));
    for d in &report.diagnostics {
        assert_eq!(d.severity, Severity::Skipped);
        assert!(d.message().contains("duplicate"), "{}", d.message());
    }
}

#[test]
fn prose_with_a_colon_after_an_event_word_stays_in_the_text() {
    let doc = "ASSEMBLÉE NATIONALE\n\n17ème législature\n\nContrats aidés\n\nQuestion écrite n° 4242\n\n\
Texte de la question\n\nLe renouvellement des contrats aidés pose problème : les associations attendent.\n\n\
L'attribution des crédits retirée : autre phrase.\n\nDernier paragraphe.\n\nDonnées clés\n\n\
Auteur : M. Jean Test\n\nDate(s) clé(s)\n\nQuestion publiée au JO le : 2 juin 2026, page 12\n";
    let parsed = dossier_core::parse::parse_str(doc, "prose.txt").expect("parses");
    let text = &parsed.question.question_text;
    assert!(
        text.starts_with("Le renouvellement des contrats aidés pose problème"),
        "{text}"
    );
    assert!(text.ends_with("Dernier paragraphe."), "{text}");
    assert_eq!(parsed.question.events.len(), 1);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}
