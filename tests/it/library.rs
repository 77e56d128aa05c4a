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
    // With no PATH, commands read the library.
    assert_eq!(s.ok(&["list", "-f", "ids"]), "17-104QE\n17-101QE\n");
    let two = day_two(&s);
    let out = s.ok(&["--lang", "en", "import", path(&two)]);
    assert!(out.contains("New answers: 17-101QE"), "{out}");
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

#[test]
fn an_import_killed_at_any_point_leaves_the_old_library_or_the_new_one() {
    let s = Sandbox::new();
    s.ok(&["import", path(&day_one(&s))]);
    let corpus = s.path("corpus");
    dossier_corpus::generate_with(&corpus, 2_000, 11, dossier_corpus::Format::Zip).unwrap();
    let mut killed_while_running = 0;
    let mut counts = std::collections::BTreeSet::new();
    for delay in [5, 50, 200, 600, 1200] {
        let mut child = s
            .cmd()
            .args(["import", path(&corpus)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        // SIGKILL: no handler runs, no cleanup.
        let _ = child.kill();
        let _ = child.wait();
        let ids = s.ok(&["list", "-f", "ids"]);
        let n = ids.lines().count();
        counts.insert(n);
        assert!(ids.contains("17-101QE"), "the old questions are there");
        assert!(n == 2 || n > 1_500, "a part of an import: {n} questions");
    }
    assert!(killed_while_running > 0, "no import was interrupted");
    // The next import runs (no lock or temporary left behind) and completes.
    let out = s.run(&["import", path(&corpus)]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    assert!(s.ok(&["list", "-f", "ids"]).lines().count() > 1_500);
    let leftovers: Vec<_> = std::fs::read_dir(s.path("data/dossier/library"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?} ({counts:?})");
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
