#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The built `dossier` binary, driven as a user would: `export`, `check`, `stats`, `--today`
//! and `DOSSIER_TODAY`, and a path that does not exist.

use dossier_core::load::load_sample;
use dossier_core::model::Question;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, with the environment variables it reads cleared.
fn dossier() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.env_remove("DOSSIER_TODAY").env_remove("DOSSIER_LANG");
    cmd
}

fn run(cmd: &mut Command) -> Output {
    match cmd.output() {
        Ok(out) => out,
        Err(e) => panic!("cannot run dossier: {e}"),
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets")
}

fn export_json(args: &[&str]) -> Vec<Value> {
    let out = run(dossier().arg("export").args(args));
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    match serde_json::from_slice::<Value>(&out.stdout) {
        Ok(Value::Array(records)) => records,
        other => panic!("export prints a JSON array, got {other:?}"),
    }
}

fn by_id<'a>(records: &'a [Value], id: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

#[test]
fn export_json_on_the_sample() {
    let records = export_json(&["--format", "json", "--today", "2026-11-22"]);
    let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "17-13809QE",
            "17-13985QE",
            "17-13811QE",
            "17-16300QE",
            "16-16353QE"
        ]
    );

    // Every record has the model's fields and the derived dates.
    for r in &records {
        for key in [
            "id",
            "legislature",
            "kind",
            "number",
            "title",
            "author",
            "constituency",
            "group",
            "rubric",
            "ministry_asked",
            "ministry_assigned",
            "question_text",
            "answer_text",
            "status",
            "events",
            "source",
            "deadline",
            "days_pending",
            "overdue_days",
        ] {
            assert!(r.get(key).is_some(), "{}: no {key}", r["id"]);
        }
    }

    let answered = by_id(&records, "17-13809QE");
    assert_eq!(answered["status"], "answered");
    assert_eq!(answered["kind"], "QE");
    assert_eq!(answered["legislature"], 17);
    assert_eq!(answered["number"], 13809);
    assert_eq!(answered["events"][1]["kind"], "answer_published");
    assert_eq!(answered["events"][1]["date"], "2026-05-12");
    assert_eq!(answered["events"][1]["page"], 4262);
    assert_eq!(answered["answer_delay_days"], 49);
    assert_eq!(answered["overdue_days"], Value::Null);
    assert_eq!(answered["days_pending"], Value::Null);

    let withdrawn = by_id(&records, "16-16353QE");
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(withdrawn["events"][1]["kind"], "withdrawn");
    assert_eq!(withdrawn["events"][1]["date"], "2024-06-11");
    assert_eq!(withdrawn["events"][1]["note"], "Fin de mandat");
    assert_eq!(withdrawn["events"][1]["page"], Value::Null);
    assert_eq!(withdrawn["overdue_days"], Value::Null);

    // The three others: pending and overdue, with their deadline and counts of days.
    for (id, deadline, pending, overdue) in [
        ("17-13985QE", "2026-05-31", 236, 175),
        ("17-13811QE", "2026-05-24", 243, 182),
        ("17-16300QE", "2026-08-23", 152, 91),
    ] {
        let r = by_id(&records, id);
        assert_eq!(r["status"], "pending", "{id}");
        assert_eq!(r["deadline"], deadline, "{id}");
        assert_eq!(r["days_pending"], pending, "{id}");
        assert_eq!(r["overdue_days"], overdue, "{id}");
        assert_eq!(r["answer_text"], "", "{id}");
    }
}

#[test]
fn exported_json_reads_back_as_the_loaded_questions() {
    let records = export_json(&["--today", "2026-11-22"]);
    let sample = load_sample().questions;
    assert_eq!(records.len(), sample.len());
    for (record, question) in records.into_iter().zip(&sample) {
        // The derived fields are extra keys; the rest is the model, unchanged.
        let back: Question = match serde_json::from_value(record) {
            Ok(q) => q,
            Err(e) => panic!("record does not read back as a Question: {e}"),
        };
        assert_eq!(&back, question);
    }
}

#[test]
fn export_of_a_directory_is_the_sample_with_real_paths() {
    let dir = assets();
    let dir_arg = dir.to_string_lossy();
    let from_dir = export_json(&["--today", "2026-11-22", &dir_arg]);
    let sample = export_json(&["--today", "2026-11-22"]);
    assert_eq!(from_dir.len(), 5);
    for (mut a, mut b) in from_dir.into_iter().zip(sample) {
        let source = a["source"].as_str().unwrap_or_default().to_string();
        assert!(Path::new(&source).starts_with(&dir), "{source}");
        a["source"] = Value::Null;
        b["source"] = Value::Null;
        assert_eq!(a, b);
    }
}

#[test]
fn export_csv_header_and_rows() {
    let out = run(dossier().args(["export", "--format", "csv", "--today", "2026-11-22"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(String::from).collect(),
        Err(e) => panic!("no CSV header: {e}"),
    };
    assert_eq!(
        header,
        [
            "id",
            "legislature",
            "kind",
            "number",
            "status",
            "title",
            "author",
            "constituency",
            "group",
            "rubric",
            "ministry_asked",
            "ministry_assigned",
            "published",
            "published_page",
            "answered",
            "answer_page",
            "withdrawn",
            "withdrawal_reason",
            "signaled",
            "deadline",
            "days_pending",
            "overdue_days",
            "answer_delay_days",
            "source",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("CSV row")).collect();
    assert_eq!(rows.len(), 5);
    let col = |row: &csv::StringRecord, name: &str| -> String {
        let i = header.iter().position(|h| h == name).expect("column");
        row[i].to_string()
    };
    let first = &rows[0];
    assert_eq!(col(first, "id"), "17-13809QE");
    assert_eq!(col(first, "status"), "answered");
    // A comma inside a field is quoted, not a new column.
    assert_eq!(
        col(first, "ministry_asked"),
        "Santé, familles, autonomie et personnes handicapées"
    );
    assert_eq!(col(first, "published"), "2026-03-24");
    assert_eq!(col(first, "published_page"), "2494");
    assert_eq!(col(first, "answered"), "2026-05-12");
    assert_eq!(col(first, "answer_page"), "4262");
    assert_eq!(col(first, "answer_delay_days"), "49");
    assert_eq!(col(first, "days_pending"), "");

    let second = &rows[1];
    assert_eq!(col(second, "id"), "17-13985QE");
    assert_eq!(
        col(second, "title"),
        "Crise d'ASALEE : arrêt des financements et risques pour les soins de proximité"
    );
    assert_eq!(col(second, "deadline"), "2026-05-31");
    assert_eq!(col(second, "days_pending"), "236");
    assert_eq!(col(second, "overdue_days"), "175");

    let last = &rows[4];
    assert_eq!(col(last, "id"), "16-16353QE");
    assert_eq!(col(last, "status"), "withdrawn");
    assert_eq!(col(last, "withdrawn"), "2024-06-11");
    assert_eq!(col(last, "withdrawal_reason"), "Fin de mandat");
    assert_eq!(col(last, "group"), "Écologiste - NUPES");
    assert_eq!(col(last, "ministry_assigned"), "Santé et prévention");
}

#[test]
fn check_on_the_sample_is_clean() {
    let out = run(dossier().arg("check"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "5 questions, 0 skipped, 0 warnings\n");
}

#[test]
fn check_names_a_bad_file_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("13809.txt");
    std::fs::copy(assets().join("000_ca7e1411996a7a9f.txt"), &good).expect("copy seed");
    let bad = dir.path().join("notes.md");
    std::fs::write(&bad, "\nCompte rendu de réunion\n\nRien à signaler.\n").expect("write");
    let out = run(dossier().arg("check").arg(dir.path()));
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(&format!("{}:2: skipped: no question number", bad.display())),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "1 question, 1 skipped, 0 warnings");
}

#[test]
fn check_counts_warnings_without_failing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let latin1 = dir.path().join("latin1.txt");
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encodings");
    std::fs::copy(fixture.join("latin1.txt"), &latin1).expect("copy");
    let out = run(dossier().arg("check").arg(&latin1));
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("{}:1: warning: not UTF-8", latin1.display())),
        "{text}"
    );
    assert!(
        text.ends_with("1 question, 0 skipped, 1 warning\n"),
        "{text}"
    );
}

#[test]
fn stats_on_the_sample() {
    let out = run(dossier().args(["stats", "--today", "2026-11-22"]));
    assert!(out.status.success());
    let text = stdout(&out);
    let figures: Vec<Vec<&str>> = text
        .lines()
        .take(5)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        figures,
        vec![
            vec!["Questions", "5"],
            vec!["answered", "1"],
            vec!["pending", "3"],
            vec!["overdue", "3"],
            vec!["withdrawn", "1"],
        ]
    );
    assert!(text.contains("Median answer delay: 49 days"), "{text}");
    assert!(text.contains("Santé, familles, autonomie et personnes handicapées"));

    let out = run(dossier().args(["stats", "--format", "json", "--today", "2026-11-22"]));
    let stats: Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    assert_eq!(stats["total"], 5);
    assert_eq!(stats["answered"], 1);
    assert_eq!(stats["pending"], 3);
    assert_eq!(stats["withdrawn"], 1);
    assert_eq!(stats["overdue"], 3);
    assert_eq!(stats["median_answer_delay_days"], 49.0);
    let ministry = &stats["by_ministry"][0];
    assert_eq!(
        ministry["name"],
        "Santé, familles, autonomie et personnes handicapées"
    );
    assert_eq!(
        (
            &ministry["total"],
            &ministry["pending"],
            &ministry["overdue"]
        ),
        (&Value::from(4), &Value::from(3), &Value::from(3))
    );
    let groups: Vec<(&str, u64)> = stats["by_group"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap_or(""),
                g["total"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(groups.len(), 4);
    assert!(groups.contains(&("Droite Républicaine", 2)));
    assert!(groups.contains(&("Écologiste - NUPES", 1)));
}

#[test]
fn dossier_today_sets_the_date_and_today_overrides_it() {
    let pending = |records: &[Value]| {
        let r = by_id(records, "17-13985QE");
        (r["days_pending"].clone(), r["overdue_days"].clone())
    };
    // Published 31 March 2026, due 31 May 2026.
    let mut cmd = dossier();
    cmd.env("DOSSIER_TODAY", "2026-06-01").arg("export");
    let out = run(&mut cmd);
    let records: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(pending(&records), (Value::from(62), Value::from(1)));

    let mut cmd = dossier();
    cmd.env("DOSSIER_TODAY", "2026-06-01")
        .args(["export", "--today", "2026-11-22"]);
    let records: Vec<Value> = serde_json::from_slice(&run(&mut cmd).stdout).expect("JSON");
    assert_eq!(pending(&records), (Value::from(236), Value::from(175)));

    // Before the deadline: pending, not overdue.
    let records = export_json(&["--today", "2026-04-10"]);
    assert_eq!(pending(&records), (Value::from(10), Value::Null));
}

#[test]
fn a_bad_today_is_refused() {
    let out = run(dossier().args(["export", "--today", "2026-02-30"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--today"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_path_is_a_clear_error_naming_it() {
    let missing = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("no-such-dossier");
    for command in ["export", "check", "stats"] {
        let out = run(dossier().arg(command).arg(assets()).arg(&missing));
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(
            out.stdout.is_empty(),
            "{command}: nothing printed on stdout"
        );
        let err = stderr(&out);
        assert!(
            err.contains(&format!("cannot open {}", missing.display())),
            "{command}: {err}"
        );
        assert!(err.contains("No such file or directory"), "{err}");
    }
}
