//! The signalement planner: the "to signal" mark set from the command line, found by
//! `is:to-signal`, carried by review exports; `report --signalement` proposing the marked
//! questions (else the most overdue, none answered elsewhere), the quota applied, then the
//! questions signalées still waiting, past their ten days first; both languages.

use crate::scoreboard::sandbox;
use crate::util::{stderr, stdout};
use serde_json::Value;

fn ids(list: &Value, key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn without_marks_the_most_overdue_are_proposed_none_answered_elsewhere() {
    let (s, dir) = sandbox();
    let json: Value =
        serde_json::from_str(&s.ok(&["report", "--signalement", "--format", "json", &dir]))
            .unwrap();
    assert_eq!(json["source"], "most_overdue");
    assert_eq!(json["quota"], 5);
    // 17-104QE and 17-105QE are signalées already; 17-113QE's twin 17-112QE was answered;
    // the lapsed 16-110QE is no one's to chase.
    assert_eq!(
        ids(&json, "candidates"),
        ["17-106QE", "17-103QE", "17-111QE"]
    );
    assert_eq!(json["candidates"][0]["overdue_days"], 247);
    assert_eq!(json["answered_elsewhere"], serde_json::json!(["17-113QE"]));
    // Signalées still waiting: past the ten days first.
    assert_eq!(ids(&json, "signaled"), ["17-104QE", "17-105QE"]);
    assert_eq!(json["signaled"][0]["days_past"], 72);
    assert_eq!(json["signaled"][1]["days_past"], -5);
    // The quota applies.
    let two: Value = serde_json::from_str(&s.ok(&[
        "report",
        "--signalement",
        "--quota",
        "2",
        "--format",
        "json",
        &dir,
    ]))
    .unwrap();
    assert_eq!(ids(&two, "candidates"), ["17-106QE", "17-103QE"]);
    assert_eq!(two["over_quota"], 1);
    insta::assert_snapshot!(
        "signalement_auto_fr",
        s.ok(&["report", "--signalement", "--quota", "2", &dir])
    );
    insta::assert_snapshot!(
        "signalement_auto_en",
        s.ok(&[
            "--lang",
            "en",
            "report",
            "--signalement",
            "--quota",
            "2",
            &dir
        ])
    );
}

#[test]
fn marked_questions_are_the_candidates_kept_even_when_answered_elsewhere() {
    let (s, dir) = sandbox();
    let review = s.path("review.json");
    let review = review.to_str().unwrap();
    let out = s.ok(&[
        "--review-file",
        review,
        "review",
        "signal",
        "17-113qe",
        "17-103QE",
        "17-108QE",
        "--path",
        &dir,
    ]);
    assert!(out.contains("17-113QE\u{a0}: à signaler"), "{out}");
    assert!(
        out.contains("3 questions à signaler dans ce dossier (quota\u{a0}: 5)"),
        "{out}"
    );
    // A mistyped id marks nothing and says so.
    let bad = s.run(&[
        "--review-file",
        review,
        "review",
        "signal",
        "17-999QE",
        "17-106QE",
        "--path",
        &dir,
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("17-999QE"), "{}", stderr(&bad));
    // The mark is a query term, in both languages.
    let listed = s.ok(&[
        "--review-file",
        review,
        "list",
        "--query",
        "est:à-signaler",
        "--format",
        "ids",
        &dir,
    ]);
    assert_eq!(
        listed.lines().collect::<std::collections::BTreeSet<_>>(),
        ["17-103QE", "17-108QE", "17-113QE"].into()
    );
    let json: Value = serde_json::from_str(&s.ok(&[
        "--review-file",
        review,
        "report",
        "--signalement",
        "--format",
        "json",
        &dir,
    ]))
    .unwrap();
    assert_eq!(json["source"], "marked");
    // Most overdue first; the one not yet due comes last; the one answered elsewhere is
    // kept, with its twin named.
    assert_eq!(
        ids(&json, "candidates"),
        ["17-103QE", "17-113QE", "17-108QE"]
    );
    assert_eq!(json["candidates"][1]["answered_elsewhere"][0], "17-112QE");
    assert_eq!(json["candidates"][1]["marked"], "2026-11-22");
    for (name, lang) in [
        ("signalement_marked_fr", "fr"),
        ("signalement_marked_en", "en"),
    ] {
        insta::assert_snapshot!(
            name,
            s.ok(&[
                "--review-file",
                review,
                "--lang",
                lang,
                "report",
                "--signalement",
                &dir
            ])
        );
    }
    // Cleared, it is no longer proposed.
    s.ok(&[
        "--review-file",
        review,
        "review",
        "signal",
        "--clear",
        "17-108QE",
        "--path",
        &dir,
    ]);
    let json: Value = serde_json::from_str(&s.ok(&[
        "--review-file",
        review,
        "report",
        "--signalement",
        "--format",
        "json",
        &dir,
    ]))
    .unwrap();
    assert_eq!(ids(&json, "candidates"), ["17-103QE", "17-113QE"]);
}

#[test]
fn the_mark_travels_with_a_review_export_and_merges_in() {
    let (s, dir) = sandbox();
    let alice = s.path("alice.json");
    let bob = s.path("bob.json");
    let export = s.path("alice-export.json");
    s.ok(&[
        "--review-file",
        alice.to_str().unwrap(),
        "review",
        "signal",
        "17-106QE",
        "--path",
        &dir,
    ]);
    s.ok(&[
        "--review-file",
        alice.to_str().unwrap(),
        "review",
        "export",
        export.to_str().unwrap(),
        &dir,
    ]);
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(
        exported["version"], 2,
        "exports stay readable by older builds"
    );
    assert_eq!(
        exported["entries"]["17-106QE"]["to_signal"]["value"],
        "2026-11-22"
    );
    let imported = s.run(&[
        "--review-file",
        bob.to_str().unwrap(),
        "review",
        "import",
        export.to_str().unwrap(),
        &dir,
    ]);
    assert!(
        stdout(&imported).contains("17-106QE\u{a0}: à signaler (22/11/2026)"),
        "{}",
        stdout(&imported)
    );
    let listed = s.ok(&[
        "--review-file",
        bob.to_str().unwrap(),
        "list",
        "-q",
        "is:to-signal",
        "--format",
        "ids",
        &dir,
    ]);
    assert_eq!(listed.trim(), "17-106QE");
}

#[test]
fn the_memo_in_csv_neutralises_its_cells() {
    let (s, dir) = sandbox();
    let csv = s.ok(&["report", "--signalement", "--format", "csv", &dir]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            dossier_core::export::signalement::CSV_HEADER
                .join(",")
                .as_str()
        )
    );
    assert_eq!(
        csv.lines().filter(|l| l.starts_with("candidate,")).count(),
        3
    );
    assert_eq!(
        csv.lines().filter(|l| l.starts_with("signaled,")).count(),
        2
    );
    // --quota needs --signalement.
    let out = s.run(&["report", "--quota", "3", &dir]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_questions_not_proposed_are_listed_by_legislature_then_number() {
    use crate::scoreboard::{markdown, specs};
    let s = crate::util::Sandbox::new();
    let dir = s.path("dossier");
    std::fs::create_dir_all(&dir).unwrap();
    // The campaign's answered question, and three more of it still waiting: each answered
    // elsewhere, so none proposed. As text, "17-10012QE" would come before "17-1001QE".
    let answered = specs().into_iter().find(|q| q.number == 112).unwrap();
    std::fs::write(dir.join("17-112QE.md"), markdown(&answered)).unwrap();
    for number in [10_170, 1_001, 10_012] {
        let mut q = specs().into_iter().find(|q| q.number == 113).unwrap();
        q.number = number;
        std::fs::write(dir.join(format!("17-{number}QE.md")), markdown(&q)).unwrap();
    }
    let dir = dir.display().to_string();
    let json: Value =
        serde_json::from_str(&s.ok(&["report", "--signalement", "--format", "json", &dir]))
            .unwrap();
    assert_eq!(
        json["answered_elsewhere"],
        serde_json::json!(["17-1001QE", "17-10012QE", "17-10170QE"])
    );
    let memo = s.ok(&["report", "--signalement", &dir]);
    assert!(
        memo.contains("(17-1001QE, 17-10012QE, 17-10170QE)"),
        "{memo}"
    );
}
