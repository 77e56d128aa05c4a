//! The library and named dossiers from the command line: `import` merges forward and says
//! what changed, commands with no PATH use the library, `dossiers` names queries over it,
//! `-d NAME` opens one.

use crate::util::{fixture, stderr, stdout, Sandbox};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// An open-data question of the fixtures, as JSON to change.
fn question(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(&format!("opendata/{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Writes questions as a folder of open-data JSON files.
fn folder(dir: &Path, questions: &[(&str, Value)]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for (name, q) in questions {
        std::fs::write(dir.join(format!("{name}.json")), q.to_string()).unwrap();
    }
    dir.to_path_buf()
}

/// Question 17-101QE before its answer: no answer, no closure.
fn pending_101() -> Value {
    let mut q = question("QANR5L17QE101");
    q["question"]["textesReponse"] = Value::Null;
    q["question"]["cloture"] = Value::Null;
    q
}

/// The state of the AN's data on day one, and a newer one: 101 answered since, 102 new
/// (closed at the end of the mandate), 104 unchanged.
pub(crate) fn day_one(s: &Sandbox) -> PathBuf {
    folder(
        &s.path("day1"),
        &[
            ("QANR5L17QE101", pending_101()),
            ("QANR5L17QE104", question("QANR5L17QE104")),
        ],
    )
}

pub(crate) fn day_two(s: &Sandbox) -> PathBuf {
    folder(
        &s.path("day2"),
        &[
            ("QANR5L17QE101", question("QANR5L17QE101")),
            ("QANR5L17QE102", question("QANR5L17QE102")),
            ("QANR5L17QE104", question("QANR5L17QE104")),
        ],
    )
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn an_import_then_a_newer_one_say_what_changed_and_keep_state_moving_forward() {
    let s = Sandbox::new();
    let one = day_one(&s);
    let out = s.ok(&["import", path(&one)]);
    assert!(
        out.contains("2 questions lues\u{a0}; la bibliothèque en compte 2\u{a0}: 2 nouvelles"),
        "{out}"
    );
    // A first import's questions are all new: the summary says so, no list of ids.
    assert!(!out.contains("Nouvelles questions"), "{out}");
    // With no PATH, commands read the library.
    assert_eq!(s.ok(&["list", "-f", "ids"]), "17-104QE\n17-101QE\n");
    let two = day_two(&s);
    let out = s.ok(&["--lang", "en", "import", path(&two)]);
    assert!(out.contains("New answers: 17-101QE"), "{out}");
    assert!(out.contains("New questions: 17-102QE"), "{out}");
    assert!(
        out.contains("3 questions read; the library holds 3: 1 new, 1 answer"),
        "{out}"
    );
    let status = |s: &Sandbox, id: &str| -> String {
        let json: Value = serde_json::from_str(&s.ok(&["export"])).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .map(|q| q["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(status(&s, "17-101QE"), "answered");
    assert_eq!(status(&s, "17-102QE"), "withdrawn");
    // The older state imported again changes nothing: an answer is never lost.
    let out = s.ok(&["--lang", "en", "import", path(&one)]);
    assert!(!out.contains("New answers"), "{out}");
    assert_eq!(status(&s, "17-101QE"), "answered");
    assert_eq!(s.ok(&["list", "-f", "ids"]).lines().count(), 3);
}

#[test]
fn an_imported_question_keeps_an_absolute_source_so_it_is_found_from_anywhere() {
    let s = Sandbox::new();
    let one = day_one(&s);
    // Imported by a relative path, from the sandbox.
    s.ok(&["import", "day1"]);
    let json: Value = serde_json::from_str(&s.ok(&["export"])).unwrap();
    for q in json.as_array().unwrap() {
        let source = q["source"].as_str().unwrap();
        assert!(Path::new(source).is_absolute(), "{source}");
        assert!(
            source.starts_with(path(&one.canonicalize().unwrap()))
                || source.starts_with(path(&one)),
            "{source}"
        );
    }
}

#[test]
fn bad_entries_are_named_the_rest_imported_and_the_exit_code_says_so() {
    let s = Sandbox::new();
    let dir = day_one(&s);
    std::fs::copy(
        fixture("opendata/bad_truncated.json"),
        dir.join("bad_truncated.json"),
    )
    .unwrap();
    let out = s.run(&["--lang", "en", "import", path(&dir)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("bad_truncated.json"), "{text}");
    assert!(text.contains("2 questions read"), "{text}");
    assert_eq!(s.ok(&["list", "-f", "ids"]).lines().count(), 2);
}

#[test]
fn named_dossiers_are_added_listed_opened_and_removed() {
    let s = Sandbox::new();
    s.ok(&["import", path(&day_two(&s))]);
    let out = s.run(&["dossiers", "add", "asalee", "asalee"]);
    assert!(
        stderr(&out).contains("«\u{a0}asalee\u{a0}» ajouté"),
        "{}",
        stderr(&out)
    );
    s.ok(&["dossiers", "add", "en-attente", "statut:attente"]);
    let listed = s.ok(&["--lang", "en", "dossiers", "list"]);
    assert!(listed.contains("asalee"), "{listed}");
    assert!(listed.contains("en-attente"), "{listed}");
    // Without a subcommand: the list.
    assert_eq!(s.ok(&["--lang", "en", "dossiers"]), listed);
    assert_eq!(
        s.ok(&["-d", "en-attente", "list", "-f", "ids"]),
        "17-104QE\n"
    );
    // A query that uses review marks cannot name a dossier (the marks belong to it).
    let out = s.run(&["dossiers", "add", "revues", "est:revue"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // An unknown dossier is an error naming it.
    let out = s.run(&["--lang", "en", "-d", "nope", "list"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));
    // Questions left out by id, then the dossier removed.
    s.ok(&["dossiers", "exclude", "asalee", "17-101QE"]);
    let ids = s.ok(&["-d", "asalee", "list", "-f", "ids"]);
    assert!(!ids.contains("17-101QE"), "{ids}");
    s.ok(&["dossiers", "rm", "asalee"]);
    let listed = s.ok(&["--lang", "en", "dossiers", "list"]);
    assert!(!listed.contains("asalee"), "{listed}");
}

#[test]
fn each_named_dossier_keeps_its_own_review_marks_through_re_imports() {
    let s = Sandbox::new();
    s.ok(&["import", path(&day_one(&s))]);
    s.ok(&["dossiers", "add", "a", "17-101"]);
    s.ok(&[
        "-d",
        "a",
        "review",
        "note",
        "17-101QE",
        "relancer le cabinet",
    ]);
    s.ok(&["import", path(&day_two(&s))]);
    let noted = |args: &[&str]| s.ok(&[args, &["list", "-q", "has:note", "-f", "ids"]].concat());
    assert_eq!(noted(&["-d", "a"]), "17-101QE\n");
    assert_eq!(noted(&[]), "", "the whole library's marks are its own");
}

#[test]
fn with_an_empty_library_commands_read_the_sample() {
    let s = Sandbox::new();
    assert_eq!(s.ok(&["list", "-f", "ids"]).lines().count(), 5);
}

/// `PRAGMA integrity_check` of a library's database, and how many questions it holds (none
/// when there is no database).
fn intact(db: &Path) -> usize {
    if !db.exists() {
        return 0;
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    conn.query_row("SELECT count(*) FROM questions", [], |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

/// Starts `dossier import PATH` in the sandbox, its output to nowhere.
fn spawn_import(s: &Sandbox, from: &Path) -> std::process::Child {
    s.cmd()
        .args(["import", path(from)])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn an_import_killed_at_any_point_leaves_the_old_library_or_the_new_one() {
    let s = Sandbox::new();
    let corpus = s.path("corpus");
    dossier_corpus::generate_with(&corpus, 2_000, 11, dossier_corpus::Format::Zip).unwrap();
    let db = s.path("data/dossier/library/library.db");
    // How long a whole import takes here, to draw the moments from.
    let started = std::time::Instant::now();
    s.ok(&[
        "--library",
        path(&s.path("scratch")),
        "import",
        path(&corpus),
    ]);
    // Moments that fall after their import ended bring it down: the import timed may have
    // run slower (the tests running beside it) than those killed.
    let mut whole = started.elapsed().as_millis() as u64;
    // Ten moments drawn at random over the import (the seed said, to run it again).
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut state = seed | 1;
    let mut moment = |whole: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % (whole + 1)
    };
    let mut killed_while_running = 0;
    for round in 0..10 {
        // The first rounds kill a first import (into no library), the others an import
        // into a library holding two questions.
        if round == 3 {
            s.ok(&["import", path(&day_one(&s))]);
        }
        let before = intact(&db);
        let delay = moment(whole);
        let mut child = spawn_import(&s, &corpus);
        std::thread::sleep(std::time::Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        } else {
            whole = whole.min(delay);
        }
        // SIGKILL: no handler runs, no cleanup.
        let _ = child.kill();
        let _ = child.wait();
        let now = intact(&db);
        assert!(
            now == before || now == 2_000 + before.min(2),
            "round {round} (seed {seed}, {delay} ms of {whole}): {before} then {now} questions"
        );
        if round >= 3 {
            let ids = s.ok(&["list", "-f", "ids"]);
            assert!(ids.contains("17-101QE"), "the old questions are there");
        }
        if now > before && round < 2 {
            // Killed too late to tell: start again from no library.
            std::fs::remove_dir_all(s.path("data/dossier/library")).unwrap();
        }
    }
    assert!(
        killed_while_running > 0,
        "no import was interrupted (seed {seed})"
    );
    // The next import runs (no lock or temporary left behind) and completes.
    let out = s.run(&["import", path(&corpus)]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    assert_eq!(intact(&db), 2_002);
    let leftovers: Vec<_> = std::fs::read_dir(s.path("data/dossier/library"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_import_while_one_runs_says_so_and_readers_go_on_reading() {
    let s = Sandbox::new();
    s.ok(&["import", path(&day_one(&s))]);
    let corpus = s.path("corpus");
    dossier_corpus::generate_with(&corpus, 3_000, 5, dossier_corpus::Format::Zip).unwrap();
    let mut said_busy = false;
    let mut read_meanwhile = 0;
    // The first import may itself lose the race for the lock to a second one started before
    // it took it: refused too (exit 2), and run again.
    for _attempt in 0..5 {
        let mut first = spawn_import(&s, &corpus);
        while first.try_wait().unwrap().is_none() {
            let out = s.run(&["--lang", "en", "import", path(&day_two(&s))]);
            if out.status.code() == Some(2) {
                assert!(
                    stderr(&out).contains("another import is running"),
                    "{}",
                    stderr(&out)
                );
                said_busy = true;
            }
            // A reader meanwhile sees the old library or the new one, whole.
            let out = s.run(&["list", "-f", "ids"]);
            if first.try_wait().unwrap().is_none() {
                assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
                let n = stdout(&out).lines().count();
                assert!(n == 2 || n == 3 || n >= 3_002, "{n} questions");
                read_meanwhile += 1;
            }
        }
        match first.wait().unwrap().code() {
            Some(c) if c <= 1 => break,
            code => assert_eq!(code, Some(2), "the first import failed otherwise"),
        }
    }
    assert!(
        said_busy || read_meanwhile == 0,
        "the second import was never refused"
    );
    let n = s.ok(&["list", "-f", "ids"]).lines().count();
    assert!(n == 3_002 || n == 3_003, "{n}");
}

#[test]
fn a_truncated_archive_is_named_and_said_to_be_cut_short() {
    use std::io::Write;
    let s = Sandbox::new();
    let path = s.path("Questions_ecrites.json.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for name in ["QANR5L17QE101", "QANR5L17QE104"] {
        zip.start_file(
            format!("json/{name}.json"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(question(name).to_string().as_bytes())
            .unwrap();
    }
    zip.finish().unwrap();
    // An interrupted download: the end of the file, where the zip's directory is, is missing.
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let out = s.run(&["--lang", "en", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Questions_ecrites.json.zip"), "{text}");
    assert!(text.contains("truncated zip archive"), "{text}");
    let out = s.run(&["check", path.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("archive zip tronquée"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_library_named_that_holds_nothing_is_said_not_replaced_by_the_sample() {
    let s = Sandbox::new();
    let out = s.run(&["--lang", "en", "list", "--library", "/nonexistent/library"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("the library /nonexistent/library is empty"),
        "{}",
        stderr(&out)
    );
    // From the configuration too.
    let config = s.path("config.toml");
    std::fs::write(&config, "library = \"/nonexistent/library\"\n").unwrap();
    let out = s.run(&["--config", config.to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    // Importing into it is how it is made.
    let lib = s.path("lib");
    s.ok(&[
        "--library",
        lib.to_str().unwrap(),
        "import",
        path(&day_one(&s)),
    ]);
    assert_eq!(
        s.ok(&["--library", lib.to_str().unwrap(), "list", "-f", "ids"])
            .lines()
            .count(),
        2
    );
}

#[test]
fn an_import_says_which_questions_leave_or_join_each_named_dossier() {
    let s = Sandbox::new();
    s.ok(&["import", path(&day_one(&s))]);
    s.ok(&["dossiers", "add", "attente", "statut:attente"]);
    s.ok(&["dossiers", "add", "asalee", "asalee"]);
    let out = s.ok(&["--lang", "en", "import", path(&day_two(&s))]);
    // 17-101QE got its answer: it leaves the dossier of pending questions, said so.
    assert!(
        out.contains("Dossier 'attente': 1 question left (17-101QE answered)"),
        "{out}"
    );
    // 17-102QE is new and on Asalée.
    assert!(
        out.contains("Dossier 'asalee': 1 question came in"),
        "{out}"
    );
    let out = s.ok(&["import", path(&day_two(&s))]);
    assert!(!out.contains("Dossier"), "nothing moved: {out}");
}

/// Copies the library of the fixture (written by the version before the database: 7
/// questions, dossiers `attente` (pending, 17-16300QE left out) and `asalee` (17-104QE
/// pinned)) where the sandbox's commands find it.
fn old_library(s: &Sandbox) -> PathBuf {
    let dir = s.path("data/dossier/library");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["library.bin", "dossiers.json"] {
        std::fs::copy(fixture(&format!("library-v2/{f}")), dir.join(f)).unwrap();
    }
    dir
}

#[test]
fn a_library_of_the_format_before_is_converted_with_its_dossiers_and_review_marks() {
    let s = Sandbox::new();
    let dir = old_library(&s);
    // A note taken in a named dossier before the conversion (review files are the
    // dossier's, kept apart from the library).
    s.ok(&["-d", "asalee", "review", "note", "17-101QE", "relancer"]);
    assert!(dir.join("library.bin").exists(), "nothing converted yet");
    assert_eq!(
        s.ok(&["-d", "attente", "list", "-f", "ids"]),
        "17-104QE\n17-13985QE\n17-13811QE\n"
    );
    assert!(dir.join("library.db").exists());
    assert!(
        !dir.join("library.bin").exists(),
        "the old file goes once converted"
    );
    assert!(!dir.join("dossiers.json").exists());
    assert_eq!(
        s.ok(&["-d", "asalee", "list", "-f", "ids"]),
        "17-16300QE\n17-104QE\n17-13985QE\n17-13809QE\n17-13811QE\n17-101QE\n16-16353QE\n"
    );
    assert_eq!(
        s.ok(&["-d", "asalee", "list", "-q", "has:note", "-f", "ids"]),
        "17-101QE\n"
    );
    // Every record as it was, the related questions found again the same.
    let expected = std::fs::read_to_string(fixture("library-v2/export.json")).unwrap();
    assert_eq!(s.ok(&["export"]), expected);
    let listed = s.ok(&["--lang", "en", "dossiers", "list"]);
    assert!(
        listed.contains("attente  statut:attente  (3 questions)"),
        "{listed}"
    );
    // The next import goes on from the converted library.
    let out = s.ok(&["--lang", "en", "import", path(&day_two(&s))]);
    assert!(out.contains("1 new"), "{out}");
}

/// Runs the `sqlite3` shell on a library.
fn sqlite3(db: &Path, sql: &str) -> String {
    let out = std::process::Command::new("sqlite3")
        .arg(db)
        .arg(sql)
        .output()
        .expect("the sqlite3 shell (apt-get install sqlite3)");
    assert!(
        out.status.success(),
        "{sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_library_is_a_database_the_sqlite3_shell_reads_as_documented() {
    let s = Sandbox::new();
    s.ok(&["import", path(&day_one(&s))]);
    s.ok(&["dossiers", "add", "attente", "statut:attente"]);
    s.ok(&["import", path(&day_two(&s))]);
    let db = s.path("data/dossier/library/library.db");
    assert_eq!(
        sqlite3(
            &db,
            "select status, count(*) from questions group by 1 order by 1"
        ),
        "answered|1\npending|1\nwithdrawn|1\n"
    );
    assert_eq!(
        sqlite3(
            &db,
            "select id, published, answered, ministry_assigned from questions \
             where id = '17-101QE'"
        ),
        "17-101QE|2026-03-10|2026-05-12|Santé, familles, autonomie et personnes handicapées\n"
    );
    assert_eq!(
        sqlite3(&db, "pragma user_version"),
        format!("{}\n", dossier_core::library::SCHEMA_VERSION)
    );
    assert_eq!(sqlite3(&db, "pragma journal_mode"), "wal\n");
    assert_eq!(sqlite3(&db, "pragma integrity_check"), "ok\n");
    // Events and what each import changed, by the readable views.
    assert!(sqlite3(
        &db,
        "select e.kind from events e join questions q on q.qid = e.question \
         where q.id = '17-101QE' order by seq"
    )
    .contains("answer_published"));
    assert_eq!(
        sqlite3(
            &db,
            "select question_id, kind, dossier from changes_ids \
             where at = (select max(at) from imports) order by 1, 2"
        ),
        "17-101QE|answered|\n17-101QE|left|attente\n17-102QE|new|\n"
    );
    assert_eq!(
        sqlite3(&db, "select name, query from dossiers"),
        "attente|statut:attente\n"
    );
}

#[test]
fn what_changed_in_a_dossier_since_a_time_is_read_from_the_imports() {
    use dossier_core::library::{ChangeKind, Library};
    let s = Sandbox::new();
    let lib = Library::at(&s.path("lib"));
    let config = dossier_core::related::Config::default();
    lib.import(&[day_one(&s)], None, "2026-11-20T09:00:00+01:00", &config)
        .unwrap();
    lib.change_dossiers(|all| {
        all.put(dossier_core::library::dossiers::NamedDossier::new(
            "attente",
            "statut:attente",
        )?);
        Ok(())
    })
    .unwrap()
    .unwrap();
    let report = lib
        .import(&[day_two(&s)], None, "2026-11-21T09:00:00+01:00", &config)
        .unwrap();
    assert_eq!(report.moves.len(), 1);
    assert_eq!(report.moves[0].name, "attente");
    let reader = lib.reader().unwrap();
    let dossier = reader.dossiers().unwrap().get("attente").unwrap().clone();
    let since = chrono::DateTime::parse_from_rfc3339("2026-11-20T12:00:00+01:00").unwrap();
    let changes = reader
        .changes_since(Some(since), Some(&dossier), crate::util::today())
        .unwrap();
    let got: Vec<(&str, ChangeKind, Option<&str>)> = changes
        .iter()
        .map(|c| (c.id.as_str(), c.kind, c.dossier.as_deref()))
        .collect();
    // 17-101QE was answered and so left the dossier; 17-102QE (new, withdrawn) never was in
    // it; 17-104QE did not change.
    assert_eq!(
        got,
        [
            ("17-101QE", ChangeKind::Answered, None),
            ("17-101QE", ChangeKind::Left, Some("attente"))
        ]
    );
    assert!(changes.iter().all(|c| c.at == "2026-11-21T09:00:00+01:00"));
    // Everything since the start: the first import's new questions too.
    let all = reader
        .changes_since(None, None, crate::util::today())
        .unwrap();
    assert_eq!(all.iter().filter(|c| c.kind == ChangeKind::New).count(), 3);
}

#[test]
fn a_day_s_archive_imported_without_amo_names_authors_the_library_knows() {
    let Some(amo) = crate::util::shared("opendata") else {
        return;
    };
    let s = Sandbox::new();
    // Day one: 17-101QE with the deputies' AMO files, which name Mme Sylvie Bonnet.
    let one = folder(
        &s.path("one"),
        &[("QANR5L17QE101", question("QANR5L17QE101"))],
    );
    for name in [
        "acteur_PA719968.json",
        "organe_PO845425.json",
        "organe_PO845439.json",
    ] {
        std::fs::copy(amo.join(name), one.join(name)).unwrap();
    }
    s.ok(&["import", path(&one)]);
    // Day two: a new question of hers, alone, as a day's archive comes.
    let mut q = question("QANR5L17QE101");
    q["question"]["uid"] = "QANR5L17QE105".into();
    q["question"]["identifiant"]["numero"] = "105".into();
    let two = folder(&s.path("two"), &[("QANR5L17QE105", q)]);
    let out = s.run(&["--lang", "en", "import", path(&two)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("reference"),
        "named, not said unnamed: {}",
        stderr(&out)
    );
    let db = s.path("data/dossier/library/library.db");
    let named = sqlite3(
        &db,
        "select author, political_group = (select political_group from questions where id = '17-101QE') from questions where id = '17-105QE'",
    );
    assert_eq!(named.trim(), "Mme Sylvie Bonnet|1");
}
