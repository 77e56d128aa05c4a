//! `dossier update` against a real HTTP server on 127.0.0.1 started by the test
//! ([`server`]), serving archives made from a generated corpus ([`archives`]): the first
//! update imports them, the next gets 304s and changes nothing, a later archive reports its
//! new answer; every failure (refused, timed out, 404, 500, cut short, an HTML page, a zip
//! of something else) leaves the library byte-identical and says why in one line naming
//! the URL; a download cut short resumes.

pub mod archives;
pub mod server;

use crate::util::{stderr, stdout, Sandbox};
use archives::{AMO, QE, QG, QOSD};
use server::{Behaviour, Server};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A sandbox and a server holding the four default archives of day one.
pub struct Setup {
    pub s: Sandbox,
    pub server: Server,
}

/// The proxy variables, removed from every run: the tests' requests go straight to the
/// server (and `offline` sets them on purpose).
pub const PROXY_VARIABLES: [&str; 7] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "NO_PROXY",
];

impl Setup {
    /// Day one's archives, a one-second timeout.
    pub fn new() -> Setup {
        let server = Server::start();
        server.put(QE, archives::qe(1), 1);
        server.put(QG, archives::qg(), 1);
        server.put(QOSD, archives::qosd(), 1);
        server.put(AMO, archives::amo(), 1);
        let s = Sandbox::new();
        Setup::config(&s, "[update]\ntimeout = 1\n");
        Setup { s, server }
    }

    /// Writes the sandbox's configuration file.
    pub fn config(s: &Sandbox, text: &str) {
        let dir = s.path("config/dossier");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.toml"), text).unwrap();
    }

    /// Runs `dossier ARGS` against the server.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_at(&self.server.url(), args)
    }

    /// Runs `dossier ARGS` with `DOSSIER_UPDATE_URL=url`.
    pub fn run_at(&self, url: &str, args: &[&str]) -> Output {
        let mut cmd = self.s.cmd();
        for v in PROXY_VARIABLES {
            cmd.env_remove(v);
        }
        cmd.env("DOSSIER_UPDATE_URL", url)
            .env("TZ", "UTC")
            .args(args)
            .output()
            .unwrap()
    }

    /// The library's files and their bytes.
    pub fn library(&self) -> Vec<(PathBuf, Vec<u8>)> {
        files_under(&self.s.path("data/dossier/library"))
    }

    /// Where the archives are kept.
    pub fn downloads(&self) -> PathBuf {
        self.s.path("cache/dossier/downloads")
    }

    /// An output's text with the sandbox and the server's address replaced by names.
    pub fn redact(&self, text: &str) -> String {
        text.replace(&self.server.url(), "[REPOSITORY]")
            .replace(self.s.dir.path().to_str().unwrap(), "[HOME]")
    }

    /// The ids the library holds.
    pub fn ids(&self) -> Vec<String> {
        let out = self.s.ok(&["list", "-f", "ids"]);
        let mut ids: Vec<String> = out.lines().map(str::to_string).collect();
        ids.sort();
        ids
    }
}

/// Every file under `dir` with its bytes, in path order.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

#[test]
fn a_first_update_imports_the_archives_and_the_next_gets_304s_and_changes_nothing() {
    let t = Setup::new();
    let out = t.run(&["update"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    insta::assert_snapshot!("first_update_fr", t.redact(&stdout(&out)));
    assert_eq!(stderr(&out), "");
    let requests = t.server.take_log();
    assert_eq!(requests.len(), 4);
    assert!(requests
        .iter()
        .all(|r| r.status == 200 && !r.headers.contains_key("if-none-match")));
    let ids = t.ids();
    assert!(ids.iter().any(|id| id.ends_with("QG")) && ids.iter().any(|id| id.ends_with("QOSD")));
    assert!(ids.contains(&archives::answered_on_day_two()));
    // Authors are named from the AMO archive imported with the questions.
    let export: serde_json::Value = serde_json::from_str(&t.s.ok(&["export"])).unwrap();
    assert!(export
        .as_array()
        .unwrap()
        .iter()
        .all(|q| !q["author"].as_str().unwrap().starts_with("PA")));
    // The archives are kept in the cache folder, their state hidden beside them.
    assert_eq!(
        std::fs::read(t.downloads().join(QE)).unwrap(),
        archives::qe(1)
    );
    let library = t.library();
    assert!(!library.is_empty());

    let out = t.run(&["--lang", "en", "update"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    insta::assert_snapshot!("second_update_en", t.redact(&stdout(&out)));
    let requests = t.server.take_log();
    assert_eq!(requests.len(), 4);
    for r in &requests {
        assert_eq!(r.status, 304, "{r:?}");
        assert_eq!(
            r.headers.get("if-none-match").map(String::as_str),
            Some("\"v1\"")
        );
        assert_eq!(
            r.headers.get("if-modified-since"),
            Some(&server::http_date(1))
        );
    }
    assert_eq!(t.library(), library, "no import: the library is as it was");
    let out = t.run(&["update"]);
    assert!(stdout(&out).contains("rien de nouveau depuis le 1er novembre 2026"));
}

#[test]
fn a_later_archive_reports_its_new_answer_and_only_it_is_downloaded() {
    let t = Setup::new();
    assert_eq!(code(&t.run(&["update"])), 0);
    t.server.take_log();
    t.server.put(QE, archives::qe(2), 2);
    let out = t.run(&["--lang", "en", "update"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = t.redact(&stdout(&out));
    let answered = archives::answered_on_day_two();
    assert!(text.contains(&format!("New answers: {answered}")), "{text}");
    insta::assert_snapshot!("later_archive_en", text.replace(&answered, "[ID]"));
    let downloaded: Vec<u16> = t.server.take_log().iter().map(|r| r.status).collect();
    assert_eq!(downloaded, [200, 304, 304, 304]);
    let json: serde_json::Value = serde_json::from_str(&t.s.ok(&["export"])).unwrap();
    let q = json
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == answered.as_str())
        .unwrap();
    assert_eq!(q["status"], "answered");
    // French: the same, in its typography.
    t.server.put(QE, archives::qe(1), 3);
    let out = t.run(&["update"]);
    let text = stdout(&out);
    assert!(
        text.contains("Questions écrites, 17e législature\u{a0}: archive téléchargée"),
        "{text}"
    );
    assert!(
        !text.contains("Nouvelles réponses"),
        "an older record takes nothing away"
    );
}

/// Each failure, with the archive served so: (name, behaviour).
fn failures() -> Vec<(&'static str, Behaviour)> {
    vec![
        ("404", Behaviour::Status(404)),
        ("500", Behaviour::Status(500)),
        ("html", Behaviour::Html),
        ("cut", Behaviour::CutAt(100)),
        ("stall", Behaviour::StallAt(0)),
    ]
}

#[test]
fn every_failure_leaves_the_library_byte_identical_and_says_why_naming_the_url() {
    let t = Setup::new();
    assert_eq!(code(&t.run(&["update"])), 0);
    let library = t.library();
    let kept = std::fs::read(t.downloads().join(QE)).unwrap();
    let mut said = std::collections::BTreeMap::new();
    for lang in ["fr", "en"] {
        let mut lines = Vec::new();
        let mut cases: Vec<(&str, Option<Vec<u8>>, Behaviour)> = failures()
            .into_iter()
            .map(|(name, b)| (name, None, b))
            .collect();
        cases.push((
            "not-an-archive",
            Some(archives::photos()),
            Behaviour::Normal,
        ));
        // A zip without its end, served whole: worded as an import of it words it.
        let whole = archives::qe(2);
        cases.push((
            "truncated-zip",
            Some(whole[..whole.len() / 2].to_vec()),
            Behaviour::Normal,
        ));
        for (i, (name, body, behaviour)) in cases.into_iter().enumerate() {
            // A new version on the server, served badly.
            let version = 10 + i as u32 + if lang == "en" { 10 } else { 0 };
            let body = body.unwrap_or_else(|| archives::qe(2));
            t.server.put_with(QE, body, version, behaviour);
            let out = t.run(&["--lang", lang, "update"]);
            assert_eq!(code(&out), 2, "{name}: {}", stderr(&out));
            let err = t.redact(&stderr(&out));
            assert!(
                err.contains("[REPOSITORY]/17/questions/questions_ecrites/"),
                "{name}: {err}"
            );
            lines.push(format!("## {name}\n{err}"));
            assert_eq!(t.library(), library, "{name}: the library is untouched");
            assert_eq!(
                std::fs::read(t.downloads().join(QE)).unwrap(),
                kept,
                "{name}: the archive kept is kept"
            );
            // The other archives were asked and had not changed.
            assert!(stdout(&out).contains(lang_pick(lang, "rien de nouveau", "nothing new")));
            // A part cut short is kept to resume; forget it for the next case.
            let part = t
                .downloads()
                .join("17/questions/questions_ecrites/.Questions_ecrites.json.zip.part");
            if name == "cut" || name == "stall" {
                assert!(part.is_file(), "{name}: the part is kept to resume");
            }
        }
        said.insert(lang, lines.join("\n"));
    }
    insta::assert_snapshot!("failures_fr", said["fr"]);
    insta::assert_snapshot!("failures_en", said["en"]);
}

fn lang_pick<'a>(lang: &str, fr: &'a str, en: &'a str) -> &'a str {
    if lang == "fr" {
        fr
    } else {
        en
    }
}

#[test]
fn a_refused_connection_and_an_insecure_url_are_said_and_change_nothing() {
    let t = Setup::new();
    assert_eq!(code(&t.run(&["update"])), 0);
    let library = t.library();
    // A port nothing listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let url = format!("http://{closed}/repository");
    let out = t.run_at(&url, &["update"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out).replace(&closed.to_string(), "[ADDRESS]");
    insta::assert_snapshot!("refused_fr", err);
    assert_eq!(t.library(), library);
    let out = t.run_at(&url, &["--lang", "en", "update"]);
    let err = stderr(&out).replace(&closed.to_string(), "[ADDRESS]");
    assert!(
        err.contains("connection refused (nothing listens at that address); the copy downloaded before is kept"),
        "{err}"
    );
    assert!(
        err.ends_with("4 archives of 4 not updated; the library has not changed\n"),
        "{err}"
    );
    // Plain http to another machine: refused before any connection.
    let out = t.run_at(
        "http://mirror.example.org/repository",
        &["--lang", "en", "update"],
    );
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "dossier: http://mirror.example.org/repository: an http:// URL is only accepted for this machine (127.0.0.1, localhost) or with --insecure-http\n"
    );
    assert_eq!(t.library(), library);
}

#[test]
fn a_download_cut_short_resumes_where_it_stopped_in_the_same_run_or_the_next() {
    let t = Setup::new();
    let qe = archives::qe(1);
    let cut = qe.len() / 3;
    // The connection drops once: resumed at once with Range and If-Range.
    t.server
        .put_with(QE, qe.clone(), 1, Behaviour::CutOnce(cut));
    let out = t.run(&["--lang", "en", "update"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("(resumed at "), "{}", stdout(&out));
    let log = t.server.take_log();
    let resumed: Vec<_> = log
        .iter()
        .filter(|r| r.path.ends_with("Questions_ecrites.json.zip"))
        .collect();
    assert_eq!(resumed.len(), 2);
    assert_eq!(resumed[1].status, 206);
    assert_eq!(resumed[1].headers["range"], format!("bytes={cut}-"));
    assert_eq!(resumed[1].headers["if-range"], "\"v1\"");
    assert_eq!(std::fs::read(t.downloads().join(QE)).unwrap(), qe);

    // Dropped at the same byte each time: the run fails, the part is kept, the library has
    // the other archives; the next run, the server well again, resumes it.
    let qe2 = archives::qe(2);
    let cut = qe2.len() / 2;
    t.server.put_with(QE, qe2.clone(), 2, Behaviour::CutAt(cut));
    let out = t.run(&["--lang", "en", "update"]);
    assert_eq!(code(&out), 2);
    let err = t.redact(&stderr(&out));
    assert!(err.contains("download cut short at "), "{err}");
    assert!(err.contains("the next update resumes it"), "{err}");
    let part = t
        .downloads()
        .join("17/questions/questions_ecrites/.Questions_ecrites.json.zip.part");
    assert_eq!(std::fs::metadata(&part).unwrap().len(), cut as u64);
    t.server.take_log();
    let dry = t.run(&["--lang", "en", "update", "--dry-run"]);
    assert!(
        stdout(&dry).contains("a download cut short at "),
        "{}",
        stdout(&dry)
    );
    assert!(
        t.server.take_log().is_empty(),
        "--dry-run asks nothing of the server"
    );
    t.server.behave(QE, Behaviour::Normal);
    let out = t.run(&["--lang", "en", "update"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("(resumed at "), "{text}");
    assert!(text.contains(&format!("New answers: {}", archives::answered_on_day_two())));
    let log = t.server.take_log();
    assert_eq!(log[0].headers["range"], format!("bytes={cut}-"));
    assert_eq!(log[0].status, 206);
    assert!(!part.exists());
    assert_eq!(std::fs::read(t.downloads().join(QE)).unwrap(), qe2);

    // The version changed while a part waited: If-Range gets the whole new one.
    let qe3 = archives::qe(1);
    t.server
        .put_with(QE, qe3.clone(), 3, Behaviour::CutAt(qe3.len() / 2));
    assert_eq!(code(&t.run(&["update"])), 2);
    t.server.put(QE, qe3.clone(), 4);
    t.server.take_log();
    let out = t.run(&["update"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let log = t.server.take_log();
    assert_eq!(log[0].status, 200, "another version: sent whole");
    assert_eq!(std::fs::read(t.downloads().join(QE)).unwrap(), qe3);
}

#[test]
fn several_archives_those_that_came_are_imported_the_others_named() {
    let t = Setup::new();
    t.server.behave(QG, Behaviour::Status(404));
    t.server.behave(AMO, Behaviour::Status(500));
    let out = t.run(&["update"]);
    assert_eq!(code(&out), 2);
    let err = t.redact(&stderr(&out));
    insta::assert_snapshot!("some_failed_fr", err);
    let ids = t.ids();
    assert!(ids.iter().any(|id| id.ends_with("QE")));
    assert!(ids.iter().any(|id| id.ends_with("QOSD")));
    assert!(!ids.iter().any(|id| id.ends_with("QG")));
    // The next update, the server well again: the two that failed are downloaded, and the
    // questions imported again with the deputies' names.
    t.server.behave(QG, Behaviour::Normal);
    t.server.behave(AMO, Behaviour::Normal);
    let out = t.run(&["update"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(t.ids().iter().any(|id| id.ends_with("QG")));
    let export: serde_json::Value = serde_json::from_str(&t.s.ok(&["export"])).unwrap();
    assert!(export
        .as_array()
        .unwrap()
        .iter()
        .all(|q| !q["author"].as_str().unwrap().starts_with("PA")));
}

#[test]
fn dry_run_says_what_it_would_fetch_from_where_and_what_the_cache_holds() {
    let t = Setup::new();
    let out = t.run(&["update", "--dry-run"]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("dry_run_fr", t.redact(&stdout(&out)));
    assert!(t.server.take_log().is_empty());
    assert!(t.library().is_empty());
    assert_eq!(code(&t.run(&["update"])), 0);
    t.server.take_log();
    let out = t.run(&["--lang", "en", "update", "--dry-run"]);
    insta::assert_snapshot!("dry_run_after_en", t.redact(&stdout(&out)));
    assert!(t.server.take_log().is_empty());
}

#[test]
fn an_archive_larger_than_the_limit_is_refused() {
    let t = Setup::new();
    Setup::config(&t.s, "[update]\ntimeout = 1\nmax_size_mb = 1\n");
    let big: Vec<u8> = archives::zip_of(&[(
        "json/big.json".into(),
        // Pseudo-random (xorshift), so that it does not compress.
        (0..2_000_000)
            .scan(0x2545_f491_4f6c_dd1d_u64, |x, _| {
                *x ^= *x << 13;
                *x ^= *x >> 7;
                *x ^= *x << 17;
                Some(*x as u8)
            })
            .collect(),
    )]);
    t.server.put(QE, big, 1);
    let out = t.run(&["--lang", "en", "update"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("larger than 1.0 MB (the `max_size_mb` of [update])"),
        "{}",
        stderr(&out)
    );
    assert!(!t.downloads().join(QE).exists());
}
