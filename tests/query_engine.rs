#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The query engine on its own, over the sample dossier: accents, each field, negation,
//! phrases, invalid terms, ranking, narrowing, sorting; and `dossier list` on the binary.

use chrono::NaiveDate;
use dossier_core::load::load_sample;
use dossier_core::model::Question;
use dossier_core::query::{
    filter, sort_hits, NoReview, Query, QueryContext, ReviewFacts, SearchIndex, SortKey,
};
use std::process::Command;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

struct Sample {
    questions: Vec<Question>,
    index: SearchIndex,
}

fn sample() -> Sample {
    let questions = load_sample().questions;
    let index = SearchIndex::build(&questions);
    Sample { questions, index }
}

fn ids_with(s: &Sample, query: &str, review: &dyn ReviewFacts) -> Vec<String> {
    let q = Query::parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    let ctx = QueryContext {
        today: today(),
        review,
    };
    let mut ids: Vec<String> = filter(&s.questions, &s.index, &q, &ctx, None)
        .iter()
        .map(|h| s.questions[h.index].id.clone())
        .collect();
    ids.sort();
    ids
}

fn ids(s: &Sample, query: &str) -> Vec<String> {
    ids_with(s, query, &NoReview)
}

#[test]
fn free_words_ignore_accents_and_case() {
    let s = sample();
    assert_eq!(ids(&s, "asalee").len(), 5);
    assert_eq!(ids(&s, "ASALÉE").len(), 5);
    assert_eq!(
        ids(&s, "sante").len(),
        5,
        "Santé in the ministry of every question"
    );
    assert_eq!(ids(&s, "batho"), ["16-16353QE"]);
    assert_eq!(ids(&s, "13809"), ["17-13809QE"]);
    assert!(ids(&s, "zzzqqq").is_empty());
}

#[test]
fn every_field_term() {
    let s = sample();
    assert_eq!(
        ids(&s, "status:pending"),
        ["17-13811QE", "17-13985QE", "17-16300QE"]
    );
    assert_eq!(ids(&s, "statut:attente"), ids(&s, "status:pending"));
    assert_eq!(ids(&s, "statut:répondu"), ["17-13809QE"]);
    assert_eq!(ids(&s, "status:withdrawn"), ["16-16353QE"]);
    assert_eq!(ids(&s, "statut:retire"), ["16-16353QE"]);
    assert_eq!(ids(&s, "author:bonnet"), ["17-13809QE"]);
    assert_eq!(ids(&s, "auteur:\"le fur\""), ["17-13811QE"]);
    assert_eq!(ids(&s, "group:nupes"), ["16-16353QE"]);
    assert_eq!(
        ids(&s, "groupe:droite").len(),
        3,
        "Droite Républicaine x2 + Union des droites"
    );
    assert_eq!(ids(&s, "min:prevention"), ["16-16353QE"]);
    assert_eq!(
        ids(&s, "min:travail"),
        ["16-16353QE"],
        "either ministry: the one asked"
    );
    assert_eq!(ids(&s, "rubric:professions"), ["16-16353QE"]);
    assert_eq!(ids(&s, "leg:16"), ["16-16353QE"]);
    assert_eq!(ids(&s, "leg:17").len(), 4);
    assert_eq!(ids(&s, "type:QE").len(), 5);
    assert!(ids(&s, "type:QG").is_empty());
    assert_eq!(ids(&s, "since:2026-06-01"), ["17-16300QE"]);
    assert_eq!(ids(&s, "until:2024-12-31"), ["16-16353QE"]);
    assert_eq!(ids(&s, "depuis:2026-03-24 jusqua:2026-03-31").len(), 3);
    assert_eq!(
        ids(&s, "is:overdue"),
        ["17-13811QE", "17-13985QE", "17-16300QE"]
    );
    assert_eq!(ids(&s, "est:retard"), ids(&s, "is:overdue"));
    assert_eq!(ids(&s, "text:redressement"), ["17-13809QE", "17-16300QE"]);
    assert_eq!(
        ids(&s, "texte:\"cessation de paiement\""),
        ["17-13809QE", "17-13985QE"]
    );
}

#[test]
fn negation_and_combination() {
    let s = sample();
    assert_eq!(ids(&s, "-status:pending"), ["16-16353QE", "17-13809QE"]);
    assert_eq!(ids(&s, "asalee -batho").len(), 4);
    assert_eq!(
        ids(&s, "status:pending -author:brard"),
        ["17-13811QE", "17-13985QE"]
    );
    assert_eq!(ids(&s, "-text:asalee"), Vec::<String>::new());
}

#[test]
fn quoted_phrases_match_as_substrings() {
    let s = sample();
    assert_eq!(ids(&s, "\"salariés du dispositif\""), ["17-13809QE"]);
    assert!(ids(&s, "\"dispositif salariés\"").is_empty());
}

#[test]
fn invalid_terms_are_errors_with_a_span() {
    for (text, bad) in [
        ("foo:bar", "foo"),
        ("asalee status:maybe", "maybe"),
        ("since:2026-13-45", "2026-13-45"),
        ("author:", ""),
        ("\"unclosed", "\"unclosed"),
    ] {
        let e = Query::parse(text).expect_err(text);
        assert!(e.span.end <= text.len(), "{text}: span in the input");
        if !bad.is_empty() {
            assert!(
                text[e.span.clone()].contains(bad) || bad.contains(&text[e.span.clone()]),
                "{text}: span {:?} should point at {bad}",
                e.span
            );
        }
        assert!(!e.message.is_empty());
    }
}

#[test]
fn free_words_rank_by_score() {
    let s = sample();
    let q = Query::parse("avenir asalee").unwrap();
    let ctx = QueryContext {
        today: today(),
        review: &NoReview,
    };
    let mut hits = filter(&s.questions, &s.index, &q, &ctx, None);
    sort_hits(&s.questions, &mut hits, SortKey::Date, false, true, today());
    for pair in hits.windows(2) {
        assert!(pair[0].score >= pair[1].score, "ranked by score");
    }
    // The three titles with "Avenir" come first.
    let first: Vec<&str> = hits[..3]
        .iter()
        .map(|h| s.questions[h.index].title.as_str())
        .collect();
    assert!(first.iter().all(|t| t.starts_with("Avenir")), "{first:?}");
}

#[test]
fn refines_when_the_query_only_grows_and_narrowing_gives_the_same_result() {
    let s = sample();
    let ctx = QueryContext {
        today: today(),
        review: &NoReview,
    };
    let steps = [
        "a",
        "as",
        "asa",
        "asal",
        "asale",
        "asalee",
        "asalee s",
        "asalee sa",
        "asalee status:pending",
    ];
    let mut previous: Option<(Query, Vec<usize>)> = None;
    for text in steps {
        let q = Query::parse(text).unwrap();
        let full: Vec<usize> = filter(&s.questions, &s.index, &q, &ctx, None)
            .iter()
            .map(|h| h.index)
            .collect();
        if let Some((prev, prev_hits)) = &previous {
            if q.refines(prev) {
                let mut narrowed: Vec<usize> =
                    filter(&s.questions, &s.index, &q, &ctx, Some(prev_hits))
                        .iter()
                        .map(|h| h.index)
                        .collect();
                let mut full_sorted = full.clone();
                narrowed.sort();
                full_sorted.sort();
                assert_eq!(narrowed, full_sorted, "{text}");
            }
        }
        previous = Some((q, full));
    }
    let a = Query::parse("asalee").unwrap();
    assert!(Query::parse("asalee batho").unwrap().refines(&a));
    assert!(!Query::parse("asal").unwrap().refines(&a));
    assert!(!Query::parse("-asalee").unwrap().refines(&a));
}

#[test]
fn sort_keys_both_ways() {
    let s = sample();
    let ctx = QueryContext {
        today: today(),
        review: &NoReview,
    };
    let all = filter(&s.questions, &s.index, &Query::default(), &ctx, None);
    let order = |key, reverse| {
        let mut hits = all.clone();
        sort_hits(&s.questions, &mut hits, key, reverse, false, today());
        hits.iter()
            .map(|h| s.questions[h.index].id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(order(SortKey::Date, false)[0], "17-16300QE", "newest first");
    assert_eq!(order(SortKey::Date, true)[0], "16-16353QE");
    assert_eq!(
        order(SortKey::Number, false),
        [
            "17-13809QE",
            "17-13811QE",
            "17-13985QE",
            "17-16300QE",
            "16-16353QE"
        ]
    );
    assert_eq!(
        order(SortKey::Author, false),
        [
            "16-16353QE",
            "17-13809QE",
            "17-16300QE",
            "17-13985QE",
            "17-13811QE"
        ],
        "by surname: Batho, Bonnet, Brard, Chavent, Le Fur"
    );
    assert_eq!(
        order(SortKey::Ministry, false)[0],
        "16-16353QE",
        "Santé et prévention first"
    );
    assert_eq!(
        order(SortKey::DaysPending, false)[0],
        "17-13811QE",
        "243 days, the longest wait"
    );
    let mut reversed = order(SortKey::Number, true);
    reversed.reverse();
    assert_eq!(reversed, order(SortKey::Number, false));
}

struct Reviewed(&'static str);

impl ReviewFacts for Reviewed {
    fn is_reviewed(&self, q: &Question) -> bool {
        q.id == self.0
    }
    fn is_flagged(&self, _: &Question) -> bool {
        false
    }
    fn has_note(&self, q: &Question) -> bool {
        q.id == self.0
    }
    fn is_changed(&self, _: &Question) -> bool {
        false
    }
}

#[test]
fn review_terms_ask_the_review_facts() {
    let s = sample();
    let r = Reviewed("17-13985QE");
    assert_eq!(ids_with(&s, "is:reviewed", &r), ["17-13985QE"]);
    assert_eq!(ids_with(&s, "has:note", &r), ["17-13985QE"]);
    assert_eq!(
        ids_with(&s, "status:pending -is:reviewed", &r),
        ["17-13811QE", "17-16300QE"]
    );
    assert!(ids_with(&s, "is:flagged", &r).is_empty());
}

fn dossier(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--today", "2026-11-22"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn list_command_formats() {
    let (code, out, _) = dossier(&["list", "--format", "ids"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "17-16300QE",
            "17-13985QE",
            "17-13809QE",
            "17-13811QE",
            "16-16353QE"
        ]
    );
    let (_, out, _) = dossier(&["list", "-q", "statut:attente", "-s", "number", "-f", "ids"]);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["17-13811QE", "17-13985QE", "17-16300QE"]
    );
    let (_, out, _) = dossier(&["list", "-q", "batho", "-f", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["id"], "16-16353QE");
    assert_eq!(json[0]["status"], "withdrawn");
    let (_, out, _) = dossier(&["list", "-q", "is:overdue", "-f", "csv"]);
    assert_eq!(out.lines().count(), 4, "header and three rows");
    assert!(out.starts_with("id,legislature,kind,number,status"));
    let (_, out, _) = dossier(&["list"]);
    assert!(out.contains("! 17-13811QE"), "{out}");
    assert!(out.contains("× 16-16353QE"), "{out}");
}

#[test]
fn list_with_an_invalid_query_shows_where_and_exits_2() {
    let (code, out, err) = dossier(&["list", "-q", "asalee foo:bar"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("unknown field"), "{err}");
    assert!(err.contains("asalee foo:bar"), "{err}");
    assert!(err.contains("       ^^^"), "caret under foo:\n{err}");
}

#[test]
fn report_takes_a_query() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("r.json");
    let review = review.to_str().unwrap();
    let (code, out, _) = dossier(&[
        "report",
        "--review-file",
        review,
        "-q",
        "batho",
        "-f",
        "csv",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("16-16353QE"), "{out}");
    assert_eq!(out.lines().count(), 2);
    let (code, _, err) = dossier(&["report", "--review-file", review, "-q", "status:"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid query"), "{err}");
}
