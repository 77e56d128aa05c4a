#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `dossier list` as a script sees it: exit codes, stdout and stderr.

use std::process::{Command, Output};

fn list(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("list")
        .args(["--today", "2026-07-01"])
        .args(args)
        .env_remove("COLUMNS")
        .env_remove("DOSSIER_TODAY")
        .env("DOSSIER_LANG", "fr")
        .output()
        .expect("run dossier")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}, stderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["--format", "ids"];
    all.extend_from_slice(args);
    stdout(&list(&all)).lines().map(str::to_string).collect()
}

#[test]
fn ids_of_the_sample_filtered_like_the_viewer() {
    assert_eq!(ids(&["--query", "asalee"]).len(), 5);
    assert_eq!(ids(&["-q", "batho"]), ["16-16353QE"]);
    // Default order: publication date, newest first.
    assert_eq!(
        ids(&["-q", "status:pending"]),
        ["17-16300QE", "17-13985QE", "17-13811QE"]
    );
    assert_eq!(ids(&["-q", "statut:attente -est:retard"]), ["17-16300QE"]);
    assert!(ids(&["-q", "author:nobody"]).is_empty());
}

#[test]
fn sort_and_reverse() {
    assert_eq!(
        ids(&["--sort", "number"]),
        [
            "17-13809QE",
            "17-13811QE",
            "17-13985QE",
            "17-16300QE",
            "16-16353QE"
        ]
    );
    assert_eq!(
        ids(&["--sort", "number", "--reverse"]),
        [
            "16-16353QE",
            "17-16300QE",
            "17-13985QE",
            "17-13811QE",
            "17-13809QE"
        ]
    );
    assert_eq!(
        ids(&["-s", "pending", "-q", "status:pending"]),
        ["17-13811QE", "17-13985QE", "17-16300QE"]
    );
    // With free words and no --sort, the best match comes first.
    assert_eq!(ids(&["-q", "fur"])[0], "17-13811QE");
    let bad = list(&["--sort", "colour"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("colour"));
}

#[test]
fn the_sample_can_also_be_read_from_its_files() {
    let assets = concat!(env!("CARGO_MANIFEST_DIR"), "/assets");
    assert_eq!(
        ids(&["-q", "status:pending", assets]),
        ids(&["-q", "status:pending"])
    );
}

#[test]
fn table_has_headers_marks_and_a_count() {
    let out = stdout(&list(&["-q", "status:pending"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    for heading in ["Id", "Publiée", "Auteur", "Ministère", "Titre"] {
        assert!(lines[0].contains(heading), "{}", lines[0]);
    }
    // Brard's question is pending but not late; Chavent's is overdue.
    assert!(lines[1].starts_with("○ 17-16300QE  2026-06-23  M. Jean-Michel Brard"));
    assert!(lines[2].starts_with("! 17-13985QE  2026-03-31"));
    assert_eq!(lines[4], "3 / 5 questions");
    // Columns are aligned: every row's title starts where the header's does.
    let title_at = lines[0].find("Titre").expect("title column");
    let width = |s: &str| s.chars().count();
    let title_col = width(&lines[0][..title_at]);
    for row in &lines[1..4] {
        let prefix: String = row.chars().take(title_col).collect();
        assert!(prefix.ends_with("  "), "{row}");
        assert!(
            !row.chars().nth(title_col).is_some_and(char::is_whitespace),
            "{row}"
        );
    }
    let answered = stdout(&list(&["-q", "is:answered"]));
    assert!(answered
        .lines()
        .nth(1)
        .is_some_and(|l| l.starts_with("✓ 17-13809QE")));
    let withdrawn = stdout(&list(&["-q", "is:withdrawn", "--lang", "en"]));
    assert!(withdrawn
        .lines()
        .next()
        .is_some_and(|l| l.contains("Published")));
    assert!(withdrawn
        .lines()
        .nth(1)
        .is_some_and(|l| l.starts_with("× 16-16353QE")));
}

#[test]
fn long_titles_are_cut_to_the_width() {
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["list", "--today", "2026-07-01", "-q", "crise"])
        .env("COLUMNS", "90")
        .output()
        .expect("run dossier");
    let out = stdout(&output);
    let row = out.lines().nth(1).expect("one row");
    assert!(row.ends_with('…'), "{row}");
    assert!(row.chars().count() <= 90, "{row}");
    assert!(row.contains("Crise d'ASALEE"));
}

#[test]
fn csv_and_json_reuse_the_export_records() {
    let csv = stdout(&list(&["-q", "status:pending", "--format", "csv"]));
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().expect("header").clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|h| h == "overdue_days"));
    let ids: Vec<String> = rows
        .records()
        .map(|r| r.expect("row")[0].to_string())
        .collect();
    assert_eq!(ids, ["17-16300QE", "17-13985QE", "17-13811QE"]);

    let json = stdout(&list(&["-q", "batho", "--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let records = value.as_array().expect("an array");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "16-16353QE");
    assert_eq!(records[0]["status"], "withdrawn");
    assert!(records[0]["question_text"].is_string());
}

#[test]
fn an_invalid_query_shows_a_caret_and_exits_2() {
    let output = list(&["-q", "santé auteur:\"Le Fur\" foo:bar"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines[0].contains("unknown field `foo:`"), "{stderr}");
    assert_eq!(lines[1], "  santé auteur:\"Le Fur\" foo:bar");
    // The caret sits under `foo`, counted in columns, not bytes ("é" is two bytes).
    assert_eq!(lines[2], format!("  {}^^^", " ".repeat(22)));

    let output = list(&["-q", "since:2026-02-30"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(stderr.contains("bad date"), "{stderr}");
    assert!(stderr.ends_with("        ^^^^^^^^^^\n"), "{stderr:?}");
}
