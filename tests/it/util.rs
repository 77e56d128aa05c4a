//! Helpers every test module shares: dates, fixture paths, the real AN data in `../shared`,
//! and a sandbox to run the real `dossier` binary in, with its own home, data and config
//! directories so that no test touches the user's files (or another test's).

use chrono::NaiveDate;
use dossier_core::i18n::{self, Lang};
use dossier_core::parse::diagnostic::Diagnostic;
use dossier_core::parse::LineMessage;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What the core reports, in the English users read with `--lang en`: the core's types carry
/// no words (`i18n` chooses them), the tests assert on these.
pub trait English {
    /// The message: what is wrong.
    fn message(&self) -> String;
    /// The line a user reads: for a diagnostic `file:line: warning: message`.
    fn shown(&self) -> String {
        self.message()
    }
}

impl English for LineMessage {
    fn message(&self) -> String {
        i18n::load::problem(Lang::En, &self.problem)
    }
}

impl English for Diagnostic {
    fn message(&self) -> String {
        i18n::load::problem(Lang::En, &self.problem)
    }

    fn shown(&self) -> String {
        i18n::load::diagnostic(Lang::En, self)
    }
}

/// A date.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

/// The date the tests take as today.
pub fn today() -> NaiveDate {
    d(2026, 11, 22)
}

/// The project's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file or folder under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// The sample dossier's files.
pub fn assets() -> PathBuf {
    root().join("assets")
}

/// The texts of the five seed documents of the sample dossier, in name order.
pub fn seed_texts() -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(assets())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "the five seeds: {paths:?}");
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// A file or folder of the real AN data beside the project (`../shared/`), or `None` with a
/// message saying the test did not run.
#[allow(dead_code, reason = "the open-data tests read it")]
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = root().join("../shared").join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "SKIPPED: {} not found (the shared AN data is not beside the project)",
            path.display()
        );
        None
    }
}

/// A folder the `dossier` binary runs in: HOME, XDG data, config and cache dirs inside it.
pub struct Sandbox {
    /// The temporary folder.
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    /// A new, empty sandbox.
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A path inside the sandbox.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The environment the binary runs with.
    pub fn env(&self) -> Vec<(String, String)> {
        let home = self.dir.path().display().to_string();
        vec![
            ("HOME".into(), home.clone()),
            ("XDG_DATA_HOME".into(), format!("{home}/data")),
            ("XDG_CONFIG_HOME".into(), format!("{home}/config")),
            ("XDG_CACHE_HOME".into(), format!("{home}/cache")),
            ("XDG_STATE_HOME".into(), format!("{home}/state")),
            ("DOSSIER_TODAY".into(), today().to_string()),
            ("NO_COLOR".into(), "1".into()),
            ("COLUMNS".into(), "120".into()),
            ("USER".into(), "alice".into()),
            ("HOSTNAME".into(), "test".into()),
        ]
    }

    /// The `dossier` binary cargo built for the tests, in the sandbox.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.current_dir(self.dir.path());
        cmd.env_remove("DOSSIER_LANG");
        cmd.env_remove("DOSSIER_LOG");
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs `dossier ARGS` and returns its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("dossier runs")
    }

    /// Runs `dossier ARGS`, checks it succeeded, and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "dossier {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }
}

/// Stdout of an output, as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Stderr of an output, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Copies the sample dossier's files into `dir` (to change them in a test).
pub fn copy_assets(dir: &Path) {
    std::fs::create_dir_all(dir).expect("create dir");
    for entry in std::fs::read_dir(assets()).expect("assets") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
    }
}
