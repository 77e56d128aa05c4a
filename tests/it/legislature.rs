//! The current legislature comes from the data: once a question of the 18th is read (in the
//! files, the library, or by an update), the 17th's pending questions lapse — no deadline,
//! not overdue, out of the review queue and the memo — in the command line and the viewer;
//! the configuration's `legislature` says so before any 18th question is published.

use crate::tui::Viewer;
use crate::update::{archives, Setup};
use crate::util::{fixture, Sandbox};
use dossier_core::i18n::Lang;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Question 17-101QE, pending (published 10 March 2026: overdue by 22 November).
fn pending_17() -> Value {
    let text = std::fs::read_to_string(fixture("opendata/QANR5L17QE101.json")).unwrap();
    let mut q: Value = serde_json::from_str(&text).unwrap();
    q["question"]["textesReponse"] = Value::Null;
    q["question"]["cloture"] = Value::Null;
    q
}

/// The 18th legislature's first question, published 6 October 2026 (due 6 December).
fn pending_18() -> Value {
    let mut text = pending_17()
        .to_string()
        .replace("QANR5L17QE101", "QANR5L18QE1");
    for (was, now) in [
        ("2026-03-10", "2026-10-06"),
        ("2026-03-17", "2026-10-07"),
        ("2026-04-07", "2026-10-13"),
        ("2026-05-05", "2026-10-20"),
    ] {
        text = text.replace(was, now);
    }
    let mut q: Value = serde_json::from_str(&text).unwrap();
    q["question"]["signalement"] = Value::Null;
    q["question"]["identifiant"]["legislature"] = Value::String("18".into());
    q["question"]["identifiant"]["numero"] = Value::String("1".into());
    q
}

/// A folder of these questions.
fn folder(dir: &Path, questions: &[Value]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for q in questions {
        let uid = q["question"]["uid"].as_str().unwrap();
        std::fs::write(dir.join(format!("{uid}.json")), q.to_string()).unwrap();
    }
    dir.to_path_buf()
}

fn export(s: &Sandbox, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let json: Value = serde_json::from_str(&s.ok(&all)).unwrap();
    json.as_array().unwrap().clone()
}

fn by_id<'a>(records: &'a [Value], id: &str) -> &'a Value {
    records.iter().find(|q| q["id"] == id).unwrap()
}

#[test]
fn an_18th_legislature_question_makes_the_17ths_pending_lapse_in_the_command_line() {
    let s = Sandbox::new();
    let before = folder(&s.path("17"), &[pending_17()]);
    let after = folder(&s.path("17-18"), &[pending_17(), pending_18()]);
    let (before, after) = (before.to_str().unwrap(), after.to_str().unwrap());

    let q = by_id(&export(&s, &[before]), "17-101QE").clone();
    assert!(q.get("lapsed").is_none(), "{q}");
    assert!(q["overdue_days"].as_i64().unwrap() > 0);
    assert_eq!(
        s.ok(&["list", "-f", "ids", "-q", "est:retard", before]),
        "17-101QE\n"
    );

    let records = export(&s, &[after]);
    let q = by_id(&records, "17-101QE");
    assert_eq!(q["lapsed"], true);
    assert_eq!(
        (&q["deadline"], &q["overdue_days"]),
        (&Value::Null, &Value::Null)
    );
    let q18 = by_id(&records, "18-1QE");
    assert_eq!(q18["deadline"], "2026-12-06");
    assert!(q18.get("lapsed").is_none());
    assert_eq!(s.ok(&["list", "-f", "ids", "-q", "est:retard", after]), "");
    assert_eq!(
        s.ok(&["list", "-f", "ids", "-q", "est:caduque", after]),
        "17-101QE\n"
    );
    let stats: Value = serde_json::from_str(&s.ok(&["stats", "-f", "json", after])).unwrap();
    assert_eq!(
        (stats["pending"].as_u64(), stats["overdue"].as_u64()),
        (Some(2), Some(0))
    );
    // Of the two pending, the 17th's lapsed: said apart, as est:caduque finds it.
    assert_eq!(stats["lapsed"].as_u64(), Some(1));
    let flat = |args: &[&str]| -> Vec<String> {
        s.ok(args)
            .lines()
            .take(6)
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    assert_eq!(
        flat(&["stats", after])[2..5],
        ["en attente 2", "en retard 0", "caduques 1"]
    );
    assert_eq!(
        flat(&["--lang", "en", "stats", after])[2..5],
        ["pending 2", "overdue 0", "lapsed 1"]
    );
    // The memo's pending questions: the 18th's only.
    let memo: Value = serde_json::from_str(&s.ok(&["report", "-f", "json", after])).unwrap();
    let ids: Vec<&str> = memo["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["18-1QE"]);

    // The configuration says so before any question of the 18th is read.
    let config = s.path("config.toml");
    std::fs::write(&config, "legislature = 18\n").unwrap();
    let config = config.to_str().unwrap();
    let q = by_id(&export(&s, &["--config", config, before]), "17-101QE").clone();
    assert_eq!(q["lapsed"], true);
}

#[test]
fn in_the_viewer_the_lapsed_questions_leave_the_counts_and_the_review_queue() {
    let dir = tempfile::tempdir().unwrap();
    let before = folder(&dir.path().join("17"), &[pending_17()]);
    let after = folder(&dir.path().join("17-18"), &[pending_17(), pending_18()]);
    let mut v = Viewer::on(Lang::En, vec![before], None);
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("1 question · 1 pending · 1 overdue · 1 to review"),
        "{screen}"
    );
    let mut v = Viewer::on(Lang::En, vec![after], None);
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("2 questions · 2 pending · 0 overdue · 1 to review"),
        "{screen}"
    );
    v.select("17-101QE");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("Lapsed: left unanswered when the 17th legislature ended"),
        "{screen}"
    );
    assert_eq!(v.app.dossier.current.number(), 18);
}

#[test]
fn an_update_that_brings_the_18th_legislature_lapses_the_17ths_pending_questions() {
    let t = Setup::new();
    Setup::config(
        &t.s,
        "[update]\ntimeout = 1\nlegislatures = [17]\nkinds = [\"QE\"]\n",
    );
    t.server.put(archives::QE18, archives::qe18(), 1);
    let out = t.run(&["update"]);
    assert_eq!(out.status.code(), Some(0));
    let pending = archives::pending_on_day_two();
    assert!(!pending.is_empty());
    let overdue = t.s.ok(&["list", "-f", "ids", "-q", "est:retard"]);
    assert!(
        pending.iter().any(|id| overdue.contains(id.as_str())),
        "{overdue}"
    );
    assert_eq!(t.s.ok(&["list", "-f", "ids", "-q", "est:caduque"]), "");

    // The configuration follows the new legislature: its archive comes, and with it the
    // end of the 17th, with no new release.
    Setup::config(
        &t.s,
        "[update]\ntimeout = 1\nlegislatures = [17, 18]\nkinds = [\"QE\"]\n",
    );
    // The deputies' archive, as filed under the latest legislature.
    t.server
        .put(&archives::AMO.replacen("17/", "18/", 1), archives::amo(), 1);
    let out = t.run(&["update"]);
    assert_eq!(out.status.code(), Some(0), "{}", crate::util::stderr(&out));
    assert!(t.ids().contains(&"18-1QE".to_string()));
    let lapsed = t.s.ok(&["list", "-f", "ids", "-q", "est:caduque"]);
    for id in &pending {
        assert!(lapsed.contains(id.as_str()), "{id} lapsed: {lapsed}");
    }
    // Said once, with the count of those that lapsed.
    let said = crate::util::stdout(&out);
    assert!(
        said.contains(&format!(
            "La 18e législature est en cours\u{a0}: les questions restées sans réponse de la 17e sont caduques ({}).",
            lapsed.lines().count()
        )),
        "{said}"
    );
    let overdue = t.s.ok(&["list", "-f", "ids", "-q", "est:retard"]);
    assert!(overdue.lines().all(|id| id.starts_with("18-")), "{overdue}");
}
