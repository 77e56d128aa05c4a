//! Offline as before: no command but `update` touches the network. Every other command runs
//! with every proxy variable pointing at a listener of this test, which a network client
//! asks first for anything it fetches: the listener hears nothing. The control: `update`
//! itself, sent to a repository elsewhere, goes to it at once.

use crate::util::{fixture, stderr, Sandbox};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A listener that records the first line of every connection made to it.
struct Watcher {
    url: String,
    heard: Arc<Mutex<Vec<String>>>,
}

impl Watcher {
    fn start() -> Watcher {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heard = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&heard);
        // Detached: it ends with the test binary.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(2)));
                let mut line = String::new();
                let _ = BufReader::new(&stream).read_line(&mut line);
                log.lock().unwrap().push(line.trim().to_string());
            }
        });
        Watcher { url, heard }
    }

    fn heard(&self) -> Vec<String> {
        self.heard.lock().unwrap().clone()
    }
}

/// Runs `dossier ARGS` with every proxy variable on the watcher.
fn run(s: &Sandbox, watcher: &Watcher, args: &[&str]) -> std::process::Output {
    let mut cmd = s.cmd();
    for v in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env(v, &watcher.url);
    }
    cmd.env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .env_remove("DOSSIER_UPDATE_URL")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn no_command_but_update_touches_the_network() {
    let s = Sandbox::new();
    let watcher = Watcher::start();
    let opendata = fixture("opendata");
    let opendata = opendata.to_str().unwrap();
    let review = s.path("review.json");
    let review = review.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec![],
        vec!["list"],
        vec!["export", "--format", "csv"],
        vec!["check"],
        vec!["stats"],
        vec!["report"],
        vec![
            "review",
            "--review-file",
            review,
            "note",
            "17-13809QE",
            "à suivre",
        ],
        vec!["review", "--review-file", review, "export", "-"],
        vec!["import", opendata],
        vec!["list", "--query", "statut:attente"],
        vec!["dossiers", "add", "attente", "statut:attente"],
        vec!["dossiers", "list"],
        vec!["-d", "attente", "report", "--format", "json"],
        vec!["export", opendata],
        vec!["config", "--default"],
        vec!["completions", "bash"],
        vec!["man"],
        // Says what it would fetch: asks nothing.
        vec!["update", "--dry-run"],
    ];
    for args in &commands {
        let out = run(&s, &watcher, args);
        assert!(
            out.status.code().is_some(),
            "dossier {args:?} ended by a signal: {}",
            stderr(&out)
        );
        assert!(
            watcher.heard().is_empty(),
            "dossier {args:?} went to the network: {:?}",
            watcher.heard()
        );
    }
    // The control: `update` goes through the proxy the variables name (and fails there,
    // nothing answering), so the listener would have heard any other command.
    let out = run(&s, &watcher, &["--lang", "en", "update", "--dry-run"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("through the proxy 127.0.0.1:"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let mut cmd = s.cmd();
    cmd.env("HTTPS_PROXY", &watcher.url)
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .env(
            "DOSSIER_UPDATE_URL",
            "https://opendata.example.org/repository",
        );
    let out = cmd.args(["--lang", "en", "update"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let heard = watcher.heard();
    assert!(
        heard
            .iter()
            .any(|l| l.starts_with("CONNECT opendata.example.org:443")),
        "{heard:?}"
    );
    assert!(stderr(&out).contains("https://opendata.example.org/repository/17/questions/"));
}

#[test]
fn only_the_update_module_uses_the_http_client() {
    // The HTTP client is a dependency of the app; the source says who may use it.
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = crate::util::root();
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    walk(&root.join("crates/core/src"), &mut files);
    let users: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .any(|l| l.contains("ureq::") || l.contains("TcpStream") || l.contains("UdpSocket"))
        })
        .map(|f| f.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert!(
        users
            .iter()
            .all(|f| f.starts_with("src/update/") || f == "src/cli/update/mod.rs"),
        "{users:?}"
    );
    assert!(users.iter().any(|f| f.starts_with("src/update/")));
}
