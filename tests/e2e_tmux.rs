#![allow(clippy::unwrap_used, clippy::expect_used)]
//! End to end: the release binary in a real terminal (tmux), driven by keys as a user would,
//! the screen read back with `capture-pane`. Also checks that the terminal is usable again
//! after `q`, Ctrl-c and SIGTERM.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Builds (once) and returns the release binary, as a user runs it.
fn release_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let status = Command::new(cargo)
                .args(["build", "--release", "--bin", "dossier"])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .status()
                .expect("cargo runs");
            assert!(status.success(), "release build failed");
            // target/debug/dossier -> target/release/dossier
            let debug = PathBuf::from(env!("CARGO_BIN_EXE_dossier"));
            let target = debug.parent().and_then(|p| p.parent()).expect("target dir");
            let release = target.join("release").join("dossier");
            assert!(release.exists(), "{} missing", release.display());
            release
        })
        .clone()
}

/// A private tmux server with one session, killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, width: u16, height: u16, command: &str) -> Tmux {
        let socket = format!("dossier-e2e-{}-{name}", std::process::id());
        let tmux = Tmux { socket };
        let status = Command::new("tmux")
            .args([
                "-L",
                &tmux.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "e2e",
            ])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg(command)
            .status()
            .expect("tmux is installed");
        assert!(status.success());
        // Esc must reach the app at once, not wait for a possible escape sequence.
        tmux.run(&["set-option", "-s", "escape-time", "0"]);
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let mut args = vec!["send-keys", "-t", "e2e"];
            if !k.starts_with("C-") && !["Enter", "Escape", "Tab", "BTab", "Down"].contains(k) {
                args.push("-l");
            }
            args.push(k);
            self.run(&args);
            // One key at a time, as typed: Esc followed at once by a key reads as Alt-key.
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Waits until the screen satisfies `ok`; returns the last screen.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn pane_pid(&self) -> u32 {
        self.run(&["display-message", "-p", "-t", "e2e", "#{pane_pid}"])
            .trim()
            .parse()
            .expect("pane pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// Runs dossier in a shell that, once it exits, prints its exit code and whether the
/// terminal is back in canonical mode with echo (what a usable shell needs).
fn shell_command(args: &str) -> String {
    format!(
        "sh -c '{} {args}; echo EXITED:$?; stty -a | tr \" \" \"\\n\" | grep -x -e -icanon -e icanon -e -echo -e echo | tr \"\\n\" \" \"; echo; echo END; sleep 30'",
        release_binary().display()
    )
}

/// True when the shell's terminal is back in canonical mode with echo on.
fn restored(screen: &str) -> bool {
    let words: Vec<&str> = screen.split_whitespace().collect();
    words.contains(&"icanon") && words.contains(&"echo")
}

fn list_part(screen: &str) -> String {
    // The list pane is the top block, up to its bottom border.
    screen
        .lines()
        .take_while(|l| !l.starts_with('└'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn filter_in_a_real_terminal_then_quit_cleanly() {
    let tmux = Tmux::start("filter", 120, 40, &shell_command("--today 2026-11-22"));
    let screen = tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    assert!(screen.contains("5 total"), "{screen}");
    assert!(screen.contains("Chronologie de la question"), "{screen}");

    tmux.keys(&["/", "a", "s", "a", "l", "e", "e"]);
    let screen = tmux.wait_for("the filter line", |s| s.contains("Filtre / asalee"));
    assert!(
        screen.contains("5 affichées"),
        "asalee keeps all five:\n{screen}"
    );

    tmux.keys(&["Escape", "/", "b", "a", "t", "h", "o", "Enter"]);
    let screen = tmux.wait_for("one question shown", |s| s.contains("1 affichées"));
    let list = list_part(&screen);
    assert!(list.contains("16-16353QE"), "{screen}");
    assert!(!list.contains("17-13809QE"), "{screen}");

    tmux.keys(&["Escape", "u"]);
    let screen = tmux.wait_for("pending only", |s| s.contains("3 affichées"));
    assert!(screen.contains("[sans réponse]"), "{screen}");

    tmux.keys(&["q"]);
    let screen = tmux.wait_for("the exit", |s| s.contains("EXITED:") && s.contains("END"));
    assert!(screen.contains("EXITED:0"), "{screen}");
    assert!(restored(&screen), "terminal restored:\n{screen}");
    assert!(
        !screen.contains("Questions"),
        "alternate screen left:\n{screen}"
    );
}

#[test]
fn ctrl_c_restores_the_terminal() {
    let tmux = Tmux::start("ctrlc", 80, 24, &shell_command("--today 2026-11-22"));
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    tmux.keys(&["C-c"]);
    let screen = tmux.wait_for("the exit", |s| s.contains("EXITED:") && s.contains("END"));
    assert!(screen.contains("EXITED:0"), "{screen}");
    assert!(restored(&screen), "{screen}");
}

#[test]
fn sigterm_restores_the_terminal() {
    let tmux = Tmux::start("sigterm", 100, 30, &shell_command("--today 2026-11-22"));
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    let shell = tmux.pane_pid();
    let children = Command::new("pgrep")
        .args(["-P", &shell.to_string()])
        .output()
        .expect("pgrep runs");
    let pid = String::from_utf8_lossy(&children.stdout)
        .lines()
        .next()
        .expect("dossier runs under the shell")
        .trim()
        .to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let screen = tmux.wait_for("the exit", |s| s.contains("EXITED:") && s.contains("END"));
    assert!(restored(&screen), "{screen}");
    assert!(!screen.contains("Questions"), "{screen}");
}

#[test]
fn review_marks_and_notes_survive_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let review = dir.path().join("review.json");
    let args = format!("--today 2026-11-22 --review-file {}", review.display());

    let tmux = Tmux::start("review", 120, 40, &shell_command(&args));
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    // ] to the next pending question not yet reviewed, x to mark it, a to annotate.
    tmux.keys(&["]", "x", "a"]);
    tmux.wait_for("the note editor", |s| s.contains("Ctrl-s"));
    tmux.keys(&[
        "Relancer le cabinet",
        "Enter",
        "avant le 1er décembre",
        "C-s",
    ]);
    let screen = tmux.wait_for("the saved note", |s| s.contains("enregistrée"));
    assert!(screen.contains("2 à revoir"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("the exit", |s| s.contains("EXITED:0") && s.contains("END"));
    drop(tmux);

    let tmux = Tmux::start("review2", 120, 40, &shell_command(&args));
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    tmux.keys(&["/", "is:reviewed", "Enter"]);
    let screen = tmux.wait_for("the reviewed question", |s| s.contains("1 affichées"));
    assert!(screen.contains("✔ Revue le 22 novembre 2026"), "{screen}");
    assert!(screen.contains("Relancer le cabinet"), "{screen}");
    assert!(screen.contains("avant le 1er décembre"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("the exit", |s| s.contains("EXITED:0") && s.contains("END"));
}

#[test]
fn reload_tells_what_changed_since_the_review() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/001_8a016c17cf93605d.txt"
    );
    let pending = std::fs::read_to_string(seed).unwrap();
    let file = docs.join("13985.txt");
    std::fs::write(&file, &pending).unwrap();
    let review = dir.path().join("review.json");
    let args = format!(
        "--today 2026-11-22 --review-file {} {}",
        review.display(),
        docs.display()
    );

    let tmux = Tmux::start("reload", 120, 40, &shell_command(&args));
    tmux.wait_for("the list", |s| s.contains("17-13985QE"));
    tmux.keys(&["x"]);
    tmux.wait_for("the review mark", |s| s.contains("marquée revue"));

    // The minister answers; the staffer saves the new page over the old one.
    let answered = pending.replace(
        "Date(s) clé(s)",
        "Texte de la réponse\n\nLe Gouvernement a rétabli le financement.\n\nDate(s) clé(s)",
    ) + "\n\nRéponse publiée au JO le : [6 octobre 2026](#), page 7001\n";
    std::fs::write(&file, answered).unwrap();
    tmux.keys(&["R"]);
    let screen = tmux.wait_for("the change", |s| s.contains("nouvelle réponse"));
    assert!(
        screen.contains("1 nouvelle réponse depuis votre dernière revue"),
        "{screen}"
    );
    assert!(
        screen.contains("★"),
        "the question is marked changed:\n{screen}"
    );
    assert!(screen.contains("Répondue depuis votre revue"), "{screen}");
    // Reviewing it again clears the mark.
    tmux.keys(&["x", "x"]);
    let screen = tmux.wait_for("the mark cleared", |s| {
        !s.contains("Répondue depuis votre revue")
    });
    assert!(!list_part(&screen).contains("★"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("the exit", |s| s.contains("EXITED:0") && s.contains("END"));
}

#[test]
fn closing_the_terminal_ends_the_viewer() {
    let binary = release_binary();
    let tmux = Tmux::start(
        "hangup",
        100,
        30,
        &format!("{} --today 2026-11-22", binary.display()),
    );
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    let pid = tmux.pane_pid();
    drop(tmux); // kill-server: the terminal goes away, the viewer gets SIGHUP
    let deadline = Instant::now() + Duration::from_secs(15);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            Instant::now() < deadline,
            "the viewer outlived its terminal"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
