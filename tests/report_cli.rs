#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `dossier report` and `dossier review export|import`, run as a user would, on the sample.

use chrono::NaiveDate;
use dossier_core::deadline::timing;
use dossier_core::load::load_sample;
use dossier_core::model::{Question, Status};
use dossier_core::review::ReviewStore;
use std::path::Path;
use std::process::{Command, Output};

const TODAY: &str = "2026-11-22";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

fn dossier(args: &[&str], review_file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .arg("--today")
        .arg(TODAY)
        .arg("--review-file")
        .arg(review_file)
        .env_remove("DOSSIER_LANG")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn question(id: &str) -> Question {
    load_sample()
        .questions
        .into_iter()
        .find(|q| q.id == id)
        .unwrap()
}

/// The sample's pending questions, most overdue first, worked out from the deadline rules.
fn pending_most_overdue_first() -> Vec<String> {
    let mut pending: Vec<(i64, String)> = load_sample()
        .questions
        .iter()
        .filter(|q| q.status == Status::Pending)
        .map(|q| (timing(q, today()).overdue_days.unwrap_or(-1), q.id.clone()))
        .collect();
    pending.sort_by_key(|p| std::cmp::Reverse(p.0));
    pending.into_iter().map(|(_, id)| id).collect()
}

/// A review file with notes and a flag added through the store API.
fn annotated(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("reviews.json");
    let mut store = ReviewStore::open(&path);
    store
        .set_note(
            &question("17-13985QE"),
            "Relancer le cabinet | urgent\nCopie au président du groupe".into(),
            today(),
        )
        .unwrap();
    store.toggle_flag(&question("17-13985QE"), today()).unwrap();
    store
        .set_note(
            &question("17-16300QE"),
            "Réponse promise pour décembre".into(),
            today(),
        )
        .unwrap();
    // A note on an answered question: not in the report of pending questions.
    store
        .set_note(&question("17-13809QE"), "Réponse lue".into(), today())
        .unwrap();
    path
}

/// The ids of the table rows of a Markdown report, in order.
fn table_ids(md: &str) -> Vec<String> {
    md.lines()
        .filter(|l| l.starts_with("| ") && l.contains("QE |"))
        .map(|l| {
            l.split(" | ")
                .next()
                .unwrap()
                .trim_start_matches("| ")
                .to_string()
        })
        .collect()
}

#[test]
fn markdown_report_lists_the_pending_questions_most_overdue_first_with_notes() {
    let dir = tempfile::tempdir().unwrap();
    let review = annotated(dir.path());
    let md = stdout(&dossier(&["report", "--format", "md"], &review));

    let expected = pending_most_overdue_first();
    assert_eq!(expected.len(), 3);
    assert_eq!(table_ids(&md), expected, "{md}");
    assert!(
        !md.contains("17-13809QE") && !md.contains("16-16353QE"),
        "{md}"
    );
    assert!(!md.contains("Réponse lue"));

    assert!(md.starts_with("# Questions écrites"), "{md}");
    assert!(md.contains("Situation au 22 novembre 2026."), "{md}");
    assert!(
        md.contains(
            "**3 questions** : 3 en attente, dont 3 hors délai ; 1 à relancer ; 2 avec une note."
        ),
        "{md}"
    );
    let oldest = &expected[0];
    assert!(
        md.contains(&format!("Plus ancienne : **{oldest}**")),
        "{md}"
    );
    assert!(md.contains("Ministères qui doivent le plus de réponses : Santé, familles, autonomie et personnes handicapées (3)."), "{md}");

    let row = md.lines().find(|l| l.starts_with("| 17-13985QE")).unwrap();
    let t = timing(&question("17-13985QE"), today());
    assert!(row.contains("| M. Marc Chavent |"), "{row}");
    assert!(
        row.contains("| Union des droites pour la République |"),
        "{row}"
    );
    assert!(row.contains("| 31/03/2026 |"), "{row}");
    assert!(
        row.contains(&format!(
            "| {} | {} | oui |",
            t.days_pending.unwrap(),
            t.overdue_days.unwrap()
        )),
        "{row}"
    );
    // One line per row: the note's line break and pipe are escaped.
    assert!(
        row.ends_with("| Relancer le cabinet \\| urgent<br>Copie au président du groupe |"),
        "{row}"
    );
    let row = md.lines().find(|l| l.starts_with("| 17-16300QE")).unwrap();
    assert!(
        row.ends_with("|  | Réponse promise pour décembre |"),
        "{row}"
    );
}

#[test]
fn english_report() {
    let dir = tempfile::tempdir().unwrap();
    let review = annotated(dir.path());
    let md = stdout(&dossier(&["report", "--lang", "en"], &review));
    assert!(md.contains("As of 22 November 2026."), "{md}");
    assert!(md.contains("**3 questions**: 3 pending, 3 of them overdue; 1 flagged for follow-up; 2 with a note."), "{md}");
    assert!(md.contains("| Follow-up | Note |"), "{md}");
    assert!(md.contains("| 2026-03-31 |"), "{md}");
    assert!(md.contains("| yes |"), "{md}");
    assert_eq!(table_ids(&md), pending_most_overdue_first());
}

#[test]
fn csv_and_json_reports_carry_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let review = annotated(dir.path());
    let csv_text = stdout(&dossier(&["report", "--format", "csv"], &review));
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[col("id")]).collect();
    assert_eq!(ids, pending_most_overdue_first());
    let chavent = rows.iter().find(|r| &r[col("id")] == "17-13985QE").unwrap();
    assert_eq!(
        &chavent[col("note")],
        "Relancer le cabinet | urgent\nCopie au président du groupe"
    );
    assert_eq!(&chavent[col("flagged")], TODAY);
    assert_eq!(&chavent[col("published")], "2026-03-31");

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&dossier(&["report", "--format", "json"], &review))).unwrap();
    assert_eq!(json["today"], TODAY);
    assert_eq!(json["summary"]["questions"], 3);
    assert_eq!(json["summary"]["flagged"], 1);
    assert_eq!(
        json["summary"]["oldest"]["id"],
        pending_most_overdue_first()[0]
    );
    let ids: Vec<&str> = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, pending_most_overdue_first());
    let chavent_json = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "17-13985QE")
        .unwrap();
    assert_eq!(chavent_json["note"], chavent[col("note")].to_string());
    assert_eq!(
        chavent_json["overdue_days"],
        chavent[col("overdue_days")].parse::<i64>().unwrap()
    );
}

#[test]
fn a_report_changes_no_review_file_and_survives_an_unreadable_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.json");
    let md = stdout(&dossier(&["report"], &missing));
    assert_eq!(table_ids(&md).len(), 3);
    assert!(!missing.exists(), "a report writes nothing");

    let corrupt = dir.path().join("corrupt.json");
    std::fs::write(&corrupt, "{ half a file").unwrap();
    let out = dossier(&["report"], &corrupt);
    let md = stdout(&out);
    assert_eq!(table_ids(&md).len(), 3);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not shown") && stderr.contains("not valid JSON"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&corrupt).unwrap(), "{ half a file");
}

#[test]
fn report_query_selects_with_the_review_terms() {
    let dir = tempfile::tempdir().unwrap();
    let review = annotated(dir.path());
    let md = stdout(&dossier(&["report", "--query", "is:flagged"], &review));
    assert_eq!(table_ids(&md), ["17-13985QE"]);
    // has:note also reaches the answered question: a query is not limited to pending ones.
    let md = stdout(&dossier(&["report", "--query", "has:note"], &review));
    let mut ids = table_ids(&md);
    ids.sort();
    assert_eq!(ids, ["17-13809QE", "17-13985QE", "17-16300QE"]);
}

#[test]
fn review_export_then_import_shares_marks_and_keeps_both_notes() {
    let dir = tempfile::tempdir().unwrap();
    let colleague = annotated(dir.path());
    let export = dir.path().join("for-you.json");
    let out = stdout(&dossier(
        &["review", "export", export.to_str().unwrap()],
        &colleague,
    ));
    assert!(out.contains("exported 3 review entries"), "{out}");

    let mine = dir.path().join("mine.json");
    let mut store = ReviewStore::open(&mine);
    store
        .set_note(&question("17-13985QE"), "Ma propre note".into(), today())
        .unwrap();
    store
        .toggle_reviewed(&question("17-13811QE"), today())
        .unwrap();

    let out = stdout(&dossier(
        &["review", "import", export.to_str().unwrap()],
        &mine,
    ));
    assert!(
        out.contains("17-13985QE: flagged for follow-up (2026-11-22), notes differ: both kept"),
        "{out}"
    );
    assert!(out.contains("17-16300QE: note added"), "{out}");
    assert!(out.contains("merged 3 question(s)"), "{out}");
    let store = ReviewStore::open(&mine);
    let note = &store.entry("17-13985QE").unwrap().note;
    assert!(note.starts_with("Ma propre note"), "{note}");
    assert!(note.contains("Relancer le cabinet | urgent"), "{note}");
    assert!(store.is_reviewed(&question("17-13811QE")));

    let again = stdout(&dossier(
        &["review", "import", export.to_str().unwrap()],
        &mine,
    ));
    assert!(again.contains("merged 0 question(s)"), "{again}");
    assert!(again.contains("3 already up to date"), "{again}");

    // The report shows the merged notes.
    let md = stdout(&dossier(&["report"], &mine));
    assert!(
        md.contains("Ma propre note<br><br>--- autre version"),
        "{md}"
    );
}

#[test]
fn importing_into_an_unreadable_review_file_fails_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let export = annotated(dir.path());
    let mine = dir.path().join("mine.json");
    std::fs::write(&mine, "{\"format\": \"dossier-review\", \"version\": 7}").unwrap();
    let out = dossier(&["review", "import", export.to_str().unwrap()], &mine);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("newer dossier"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&mine).unwrap(),
        "{\"format\": \"dossier-review\", \"version\": 7}"
    );
}
