//! `dossier stats --by`: the scoreboard on a dossier built for it (questions answered on time
//! and late, overdue, signalées, withdrawn, lapsed, re-attributed, one ministry under several
//! names, a hostile title), as text at 120 and 80 columns and as JSON, in both languages; a
//! configured merge of ministries.

use crate::util::{stderr, today, Sandbox};
use chrono::NaiveDate;
use dossier_core::i18n::Lang;
use serde_json::Value;
use std::path::Path;

/// One question of the dossier, as its text rendering says it.
pub struct Spec {
    pub leg: u16,
    pub number: u32,
    pub title: &'static str,
    pub author: &'static str,
    pub group: &'static str,
    pub asked: &'static str,
    pub assigned: &'static str,
    pub published: NaiveDate,
    pub answered: Option<NaiveDate>,
    pub withdrawn: Option<NaiveDate>,
    pub signaled: Option<NaiveDate>,
    pub reattributed: Option<NaiveDate>,
    /// The question's text (questions of one campaign share it).
    pub text: String,
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A text of its own for question `n`: forty words drawn by its number, so that no two
/// questions read alike (only the campaign's do).
fn own_text(n: u32) -> String {
    const WORDS: [&str; 48] = [
        "maternités",
        "transports",
        "médecins",
        "titres",
        "ouvrages",
        "accompagnants",
        "captages",
        "juridictions",
        "collèges",
        "routes",
        "hôpitaux",
        "pharmacies",
        "agriculteurs",
        "pêcheurs",
        "artisans",
        "communes",
        "départements",
        "régions",
        "écoles",
        "crèches",
        "retraités",
        "étudiants",
        "apprentis",
        "chômeurs",
        "forêts",
        "rivières",
        "littoral",
        "montagne",
        "tribunaux",
        "prisons",
        "gendarmeries",
        "casernes",
        "musées",
        "bibliothèques",
        "stades",
        "piscines",
        "gares",
        "ports",
        "aéroports",
        "autoroutes",
        "logements",
        "loyers",
        "impôts",
        "subventions",
        "dotations",
        "emplois",
        "salaires",
        "pensions",
    ];
    let mut x = u64::from(n)
        .wrapping_mul(2_654_435_761)
        .wrapping_add(12_345);
    let mut words = Vec::new();
    for _ in 0..40 {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        words.push(WORDS[((x >> 33) % WORDS.len() as u64) as usize]);
    }
    format!("Le député interroge le ministre sur {}.", words.join(" "))
}

/// The text of the campaign two deputies sent.
fn campaign_text() -> String {
    "Le député appelle l'attention du ministre des armées sur la situation des anciens \
     combattants d'Afrique du Nord titulaires de la carte du combattant, dont la demi-part \
     fiscale supplémentaire reste soumise à des conditions d'âge que les associations jugent \
     injustes. Les veuves de ces anciens combattants perdent ce bénéfice lorsque leur époux est \
     décédé avant l'âge requis. Il lui demande si le Gouvernement entend supprimer cette \
     condition d'âge dans la prochaine loi de finances."
        .into()
}

/// The dossier: every case the scoreboard and the memos must count right, as of 22
/// November 2026.
pub fn specs() -> Vec<Spec> {
    let base = |number: u32, title: &'static str, ministry: &'static str, published| Spec {
        leg: 17,
        number,
        title,
        author: "M. Paul Martin",
        group: "Ensemble pour la République",
        asked: ministry,
        assigned: ministry,
        published,
        answered: None,
        withdrawn: None,
        signaled: None,
        reattributed: None,
        text: own_text(number),
    };
    let citoyennete_m =
        "Ministre délégué auprès du ministre de l'intérieur, chargé de la citoyenneté";
    let citoyennete_f =
        "Ministre déléguée auprès de la ministre de l'intérieur, chargée de la citoyenneté";
    vec![
        Spec {
            answered: Some(d(2026, 2, 24)),
            ..base(101, "Maternités rurales", "Premier ministre", d(2026, 1, 6))
        },
        Spec {
            answered: Some(d(2026, 6, 2)),
            author: "Mme Claire Durand",
            group: "Socialistes et apparentés",
            ..base(
                102,
                "Transports scolaires",
                "Première ministre",
                d(2026, 1, 13),
            )
        },
        base(
            103,
            "Médecins généralistes",
            "Premier ministre",
            d(2026, 3, 17),
        ),
        Spec {
            signaled: Some(d(2026, 9, 1)),
            author: "Mme Claire Durand",
            group: "Socialistes et apparentés",
            ..base(104, "Titres de séjour", citoyennete_m, d(2026, 2, 3))
        },
        Spec {
            signaled: Some(d(2026, 11, 17)),
            ..base(105, "Naturalisations", citoyennete_f, d(2026, 4, 7))
        },
        Spec {
            asked: "Travail, santé et solidarités",
            reattributed: Some(d(2026, 3, 3)),
            author: "M. Luc Bernard",
            group: "Droite Républicaine",
            ..base(
                106,
                "Accompagnants d'élèves",
                "Santé et prévention",
                d(2026, 1, 20),
            )
        },
        Spec {
            answered: Some(d(2026, 3, 31)),
            ..base(107, "Captages d'eau potable", "Santé", d(2026, 2, 10))
        },
        base(108, "Ouvrages d'art", "Santé", d(2026, 11, 10)),
        Spec {
            withdrawn: Some(d(2026, 4, 1)),
            author: "M. Luc Bernard",
            group: "Droite Républicaine",
            ..base(109, "Juridictions de proximité", "Justice", d(2025, 12, 2))
        },
        Spec {
            leg: 16,
            ..base(110, "Tribunaux de commerce", "Justice", d(2023, 3, 7))
        },
        Spec {
            author: "Mme Claire Durand",
            group: "Socialistes et apparentés",
            ..base(
                111,
                // Entities, as a page escapes them: the title reads `<script>…`.
                "&lt;script&gt;alert('x')&lt;/script&gt; Urgences pédiatriques",
                "Santé",
                d(2026, 5, 5),
            )
        },
        Spec {
            answered: Some(d(2026, 7, 7)),
            text: campaign_text(),
            ..base(
                112,
                "Demi-part des anciens combattants",
                "Armées",
                d(2026, 4, 14),
            )
        },
        Spec {
            text: campaign_text(),
            author: "M. Luc Bernard",
            group: "Droite Républicaine",
            ..base(
                113,
                "Demi-part fiscale des veuves",
                "Armées",
                d(2026, 4, 14),
            )
        },
    ]
}

/// The text rendering of a question, as the Assemblée's pages print it.
pub fn markdown(s: &Spec) -> String {
    let date = |d: NaiveDate| Lang::Fr.date(d);
    let mut out = format!(
        "# ASSEMBLÉE NATIONALE\n\n{}ème législature\n\n## {}\n\nQuestion écrite n° {}\n\n\
         ### Texte de la question\n\n{}\n\n",
        s.leg, s.title, s.number, s.text
    );
    if s.answered.is_some() {
        out += &format!(
            "### Texte de la réponse\n\nLe Gouvernement a pris des mesures sur ce point (réponse à la question {}).\n\n",
            s.number
        );
    }
    out += &format!(
        "## Données clés\n\n**Auteur :** [{}](#)\n\n**Circonscription :** Loire (4<sup>e</sup> \
         circonscription) - {}\n\n**Type de question :** Question écrite\n\n**Numéro de la \
         question :** {}\n\n**Rubrique :** Santé\n\n**Ministère interrogé :** [{}](#)\n\n\
         **Ministère attributaire :** [{}](#)\n\n## Date(s) clé(s)\n\n",
        s.author, s.group, s.number, s.asked, s.assigned
    );
    out += &format!(
        "**Question publiée au JO le :** [{}](#), page {}\n\n",
        date(s.published),
        s.number * 3
    );
    if let Some(a) = s.answered {
        out += &format!(
            "**Réponse publiée au JO le :** [{}](#), page {}\n\n",
            date(a),
            s.number * 5
        );
    }
    if let Some(w) = s.withdrawn {
        out += &format!("**Question retirée le :** {} (Fin de mandat)\n\n", date(w));
    }
    if let Some(r) = s.reattributed {
        out += &format!(
            "**Date de changement d'attribution :** [{}](#)\n\n",
            date(r)
        );
    }
    if let Some(g) = s.signaled {
        out += &format!("**Date de signalement :** [{}](#)\n\n", date(g));
    }
    out
}

/// Writes the dossier's files into `dir`.
pub fn write_dossier(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for s in specs() {
        std::fs::write(
            dir.join(format!("{}-{}QE.md", s.leg, s.number)),
            markdown(&s),
        )
        .unwrap();
    }
}

/// A sandbox with the dossier in `dossier/`.
pub fn sandbox() -> (Sandbox, String) {
    let s = Sandbox::new();
    let dir = s.path("dossier");
    write_dossier(&dir);
    (s, dir.display().to_string())
}

fn row<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no row {name} in {json:#}"))
}

#[test]
fn the_scoreboard_counts_each_case_with_honest_denominators() {
    let (s, dir) = sandbox();
    let json: Value =
        serde_json::from_str(&s.ok(&["stats", "--by", "ministry", "--format", "json", &dir]))
            .unwrap();
    assert_eq!(json["by"], "ministry");
    let pm = row(&json, "Premier ministre");
    assert_eq!(
        pm["labels"],
        serde_json::json!(["Premier ministre", "Première ministre"])
    );
    assert_eq!(
        (
            &pm["received"],
            &pm["answered"],
            &pm["answered_on_time"],
            &pm["overdue"]
        ),
        (&3.into(), &2.into(), &1.into(), &1.into())
    );
    // Due: all three; two answered, one on time.
    assert_eq!(pm["answer_rate"], 0.6667);
    assert_eq!(pm["on_time_rate"], 0.3333);
    assert_eq!(pm["oldest_overdue"]["id"], "17-103QE");
    // One portfolio under two genders; one signalée past her ten days (overdue), one within.
    let cit = row(
        &json,
        "Ministre délégué auprès du ministre de l'intérieur, chargé de la citoyenneté",
    );
    assert_eq!((&cit["overdue"], &cit["pending"]), (&1.into(), &1.into()));
    assert_eq!(cit["labels"].as_array().unwrap().len(), 2);
    // Withdrawn and lapsed: closed without an answer, and due.
    let justice = row(&json, "Justice");
    assert_eq!(justice["closed_unanswered"], 2);
    assert_eq!(justice["answer_rate"], 0.0);
    // Re-attributed: counted where it must be answered now.
    let sp = row(&json, "Santé et prévention");
    assert_eq!(
        (&sp["received"], &sp["reattributed_in"]),
        (&1.into(), &1.into())
    );
    assert!(json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["name"] != "Travail, santé et solidarités"));
    // Nothing due: rates are null, not 0.
    let santé = row(&json, "Santé");
    assert_eq!(santé["pending"], 1);
    // Every field the README documents, and rates within 0..1.
    for r in json["rows"].as_array().unwrap() {
        let keys: std::collections::BTreeSet<&str> =
            r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            std::collections::BTreeSet::from([
                "name",
                "labels",
                "received",
                "answered",
                "answered_on_time",
                "pending",
                "overdue",
                "closed_unanswered",
                "answer_rate",
                "on_time_rate",
                "median_delay_days",
                "p90_delay_days",
                "oldest_overdue",
                "reattributed_in"
            ])
        );
        for rate in ["answer_rate", "on_time_rate"] {
            assert!(r[rate].is_null() || (0.0..=1.0).contains(&r[rate].as_f64().unwrap()));
        }
    }
}

#[test]
fn the_scoreboard_reads_as_text_and_json_in_both_languages() {
    let (s, dir) = sandbox();
    let text = |args: &[&str]| {
        let mut all = vec!["stats", "--by"];
        all.extend_from_slice(args);
        all.push(&dir);
        s.ok(&all)
    };
    insta::assert_snapshot!("stats_by_ministry_fr", text(&["ministry"]));
    insta::assert_snapshot!("stats_by_ministry_en", text(&["ministry", "--lang", "en"]));
    insta::assert_snapshot!("stats_by_group_fr", text(&["group"]));
    insta::assert_snapshot!(
        "stats_by_legislature_en",
        text(&["legislature", "--lang", "en"])
    );
    insta::assert_snapshot!(
        "stats_by_ministry_json",
        text(&["ministry", "--format", "json"])
    );
    insta::assert_snapshot!(
        "stats_by_author_json_en",
        text(&["author", "--format", "json", "--lang", "en"])
    );
    // At 80 columns, each row on two lines (the name, then its numbers); nothing wider.
    let narrow = s
        .cmd()
        .env("COLUMNS", "80")
        .args(["stats", "--by", "ministry", &dir])
        .output()
        .unwrap();
    let narrow = String::from_utf8(narrow.stdout).unwrap();
    for line in narrow.lines() {
        assert!(
            dossier_core::text::width::width(line) <= 80,
            "wider than 80: {line}"
        );
    }
    insta::assert_snapshot!("stats_by_ministry_80_fr", narrow);
}

#[test]
fn on_time_means_within_the_art_135_deadline_not_two_months() {
    // Before 28 November 2014 the deadline was one month: "two months" would be wrong.
    let (s, dir) = sandbox();
    let fr = s.ok(&["stats", "--by", "ministry", &dir]);
    let en = s.ok(&["stats", "--by", "ministry", "--lang", "en", &dir]);
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let (fr, en) = (flat(&fr), flat(&en));
    assert!(!fr.contains("dans les 2 mois"), "{fr}");
    assert!(!en.contains("within 2 months"), "{en}");
    assert!(
        fr.contains("À temps : répondues dans le délai (art. 135) / dues"),
        "{fr}"
    );
    assert!(
        en.contains("On time: answered within the deadline (art. 135) / due"),
        "{en}"
    );
}

#[test]
fn a_hostile_label_reaches_neither_the_terminal_nor_a_spreadsheet_raw() {
    let (s, dir) = sandbox();
    let spec = specs().into_iter().find(|s| s.number == 111).unwrap();
    let path = Path::new(&dir).join("17-111QE.md");
    let hostile = markdown(&Spec {
        assigned: "=HYPERLINK(&quot;http://x&quot;)",
        ..spec
    });
    std::fs::write(path, hostile).unwrap();
    let text = s.ok(&["stats", "--by", "ministry", &dir]);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("=HYPERLINK(\"http://x\")"), "{text}");
    let csv = s.ok(&["stats", "--by", "ministry", "--format", "csv", &dir]);
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(!csv.contains('\u{1b}'));
}

#[test]
fn the_period_and_a_configured_merge_change_the_rows() {
    let (s, dir) = sandbox();
    let config = s.path("merge.toml");
    std::fs::write(
        &config,
        "[ministries]\n\"Santé et prévention\" = \"Santé\"\n\"Première ministre\" = \"Matignon\"\n",
    )
    .unwrap();
    let json: Value = serde_json::from_str(&s.ok(&[
        "--config",
        config.to_str().unwrap(),
        "stats",
        "--by",
        "ministry",
        "--format",
        "json",
        &dir,
    ]))
    .unwrap();
    let sante = row(&json, "Santé");
    assert_eq!(sante["received"], 4);
    assert_eq!(sante["reattributed_in"], 1);
    // A configured name takes the labels of the gender merge with it.
    let matignon = row(&json, "Matignon");
    assert_eq!(matignon["received"], 3);

    let spring: Value = serde_json::from_str(&s.ok(&[
        "stats",
        "--by",
        "legislature",
        "--since",
        "2026-01-01",
        "--until",
        "2026-03-31",
        "--format",
        "json",
        &dir,
    ]))
    .unwrap();
    assert_eq!(spring["rows"].as_array().unwrap().len(), 1);
    assert_eq!(spring["rows"][0]["received"], 6);
    // Without --by, the summary of the period.
    let summary: Value =
        serde_json::from_str(&s.ok(&["stats", "--since", "2026-11-01", "--format", "json", &dir]))
            .unwrap();
    assert_eq!(summary["total"], 1);
}

#[test]
fn csv_needs_a_dimension_and_says_so() {
    let (s, dir) = sandbox();
    let out = s.run(&["stats", "--format", "csv", &dir]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--by"), "{}", stderr(&out));
    let csv = s.ok(&["stats", "--by", "rubric", "--format", "csv", &dir]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            dossier_core::export::scoreboard::CSV_HEADER
                .join(",")
                .as_str()
        )
    );
    assert_eq!(lines.count(), 1);
    let _ = today();
}
