//! End to end: the binary cargo built for the tests, in a real terminal (tmux), driven by
//! keys as a user would, the screen read back with `capture-pane`; and the terminal's state
//! after every way out (quit, Ctrl-c, signals, a terminal that closes, suspend and resume).

use crate::util::{copy_assets, Sandbox};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A private tmux server with one session, killed on drop.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A session of `width` x `height` running `command`.
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Tmux {
        let socket = format!("dossier-it-{}-{name}", std::process::id());
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
            .expect("tmux is installed (.ci/run installs it)");
        assert!(status.success());
        // Esc must reach the app at once, not wait for a possible escape sequence.
        tmux.run(&["set-option", "-s", "escape-time", "0"]);
        tmux.run(&["set-option", "-g", "remain-on-exit", "on"]);
        tmux
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys one at a time, as typed: text literally, tmux key names as keys.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let mut args = vec!["send-keys", "-t", "e2e"];
            let named = k.starts_with("C-")
                || [
                    "Enter", "Escape", "Tab", "BTab", "Down", "Up", "End", "BSpace",
                ]
                .contains(k);
            if !named {
                args.push("-l");
            }
            args.push(k);
            self.run(&args);
            // Esc followed at once by a key would read as Alt-key.
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// A tmux format of the pane: `#{alternate_on}`, `#{cursor_flag}`, `#{pane_title}`…
    pub fn format(&self, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", "e2e", f])
            .trim()
            .to_string()
    }

    /// Waits until the screen satisfies `ok`; returns the last screen.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Resizes the terminal (the window of a detached session keeps the size it is given).
    pub fn resize(&self, width: u16, height: u16) {
        self.run(&["set-option", "-g", "window-size", "manual"]);
        self.run(&[
            "resize-window",
            "-t",
            "e2e",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
        let size = format!("{width}x{height}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.format("#{pane_width}x#{pane_height}") != size {
            assert!(Instant::now() < deadline, "the pane is not {size}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pane_pid(&self) -> u32 {
        self.format("#{pane_pid}").parse().expect("pane pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// The viewer's command line in the sandbox's environment.
fn viewer(s: &Sandbox, args: &str) -> String {
    let env: Vec<String> = s
        .env()
        .into_iter()
        .filter(|(k, _)| k != "NO_COLOR")
        .map(|(k, v)| format!("{k}='{v}'"))
        .collect();
    format!(
        "env {} {} {args}",
        env.join(" "),
        env!("CARGO_BIN_EXE_dossier")
    )
}

/// Runs the viewer in a shell that, once it exits, prints its exit code and whether the
/// terminal is back in canonical mode with echo (what a usable shell needs).
fn shell(s: &Sandbox, args: &str) -> String {
    format!(
        "sh -c \"{}; echo EXITED:\\$?; stty -a | tr ' ' '\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' '; echo; echo END; sleep 60\"",
        viewer(s, args).replace('"', "\\\"")
    )
}

/// True when the shell's terminal is back in canonical mode with echo on.
fn canonical(screen: &str) -> bool {
    let words: Vec<&str> = screen.split_whitespace().collect();
    words.contains(&"icanon") && words.contains(&"echo")
}

/// Checks the terminal after the viewer ended: the shell's modes, main screen, cursor
/// shown, mouse reporting off.
fn assert_restored(tmux: &Tmux, code: &str) {
    let screen = tmux.wait_for("the exit", |s| s.contains("EXITED:") && s.contains("END"));
    assert!(screen.contains(&format!("EXITED:{code}")), "{screen}");
    assert!(canonical(&screen), "raw mode left on:\n{screen}");
    assert!(
        !screen.contains("┌ Questions"),
        "alternate screen left on:\n{screen}"
    );
    assert_eq!(tmux.format("#{alternate_on}"), "0", "alternate screen");
    assert_eq!(tmux.format("#{cursor_flag}"), "1", "cursor hidden");
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse reporting on");
}

fn list_part(screen: &str) -> String {
    screen
        .lines()
        .take_while(|l| !l.starts_with('└'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The viewer's own pid, under the pane's shell (and its `env`).
fn viewer_pid(tmux: &Tmux) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let ours = std::fs::canonicalize(env!("CARGO_BIN_EXE_dossier")).unwrap();
    loop {
        // The pane runs the viewer itself (`env` execs it).
        let pane = tmux.pane_pid();
        if std::fs::read_link(format!("/proc/{pane}/exe")).is_ok_and(|exe| exe == ours) {
            return pane.to_string();
        }
        let out = Command::new("pgrep")
            .args(["-f", "-n", env!("CARGO_BIN_EXE_dossier")])
            .output()
            .unwrap();
        let pids: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(String::from)
            .collect();
        let shell = pane;
        for pid in pids {
            // Under this pane: its parent chain reaches the pane's shell.
            let mut p = pid.clone();
            for _ in 0..4 {
                let ppid = std::fs::read_to_string(format!("/proc/{p}/stat"))
                    .ok()
                    .and_then(|s| {
                        s.rsplit(')')
                            .next()
                            .and_then(|r| r.split_whitespace().nth(1).map(String::from))
                    });
                match ppid {
                    Some(pp) if pp == shell.to_string() => return pid,
                    Some(pp) => p = pp,
                    None => break,
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "the viewer's process is not found"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn filter_in_a_real_terminal_then_quit_cleanly() {
    let s = Sandbox::new();
    let tmux = Tmux::start("filter", 120, 40, &shell(&s, "--mouse"));
    // The whole first frame: a capture may land between the list's lines and the status's.
    let screen = tmux.wait_for("the list", |s| {
        s.contains("17-13809QE")
            && s.contains("Chronologie de la question")
            && s.contains("5 questions")
    });
    assert!(screen.contains("5 questions · 3 en attente"), "{screen}");
    assert!(screen.contains("Chronologie de la question"), "{screen}");
    tmux.keys(&["/", "b", "a", "t", "h", "o", "Enter"]);
    let screen = tmux.wait_for("one question shown", |s| s.contains("1 affichée / 5"));
    assert!(
        list_part(&screen).contains("16-16353QE") && !list_part(&screen).contains("17-13809QE"),
        "{screen}"
    );
    // u adds its term to the filter itself.
    tmux.keys(&["Escape", "u"]);
    let screen = tmux.wait_for("pending only", |s| s.contains("Filtre / statut:attente"));
    assert!(screen.contains("3 affichées / 5"), "{screen}");
    tmux.keys(&["q"]);
    assert_restored(&tmux, "0");
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let s = Sandbox::new();
    let tmux = Tmux::start("ctrlc", 80, 24, &shell(&s, "--mouse"));
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    tmux.keys(&["C-c"]);
    assert_restored(&tmux, "0");
}

#[test]
fn every_signal_that_ends_the_viewer_restores_the_terminal() {
    for (signal, code) in [
        ("INT", "130"),
        ("QUIT", "131"),
        ("TERM", "143"),
        ("HUP", "129"),
    ] {
        let s = Sandbox::new();
        let tmux = Tmux::start(&format!("sig{signal}"), 100, 30, &shell(&s, "--mouse"));
        tmux.wait_for("the list", |s| s.contains("17-13809QE"));
        let pid = viewer_pid(&tmux);
        assert!(Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap()
            .success());
        assert_restored(&tmux, code);
    }
}

#[test]
fn ctrl_z_and_sigtstp_suspend_with_the_terminal_restored_and_fg_resumes() {
    let s = Sandbox::new();
    let tmux = Tmux::start("suspend", 100, 30, "sh -i");
    tmux.keys(&[&format!("PS1='$ '; {}", viewer(&s, "--mouse")), "Enter"]);
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    for how in ["key", "signal"] {
        if how == "key" {
            tmux.keys(&["C-z"]);
        } else {
            let pid = viewer_pid(&tmux);
            assert!(Command::new("kill")
                .args(["-TSTP", &pid])
                .status()
                .unwrap()
                .success());
        }
        let screen = tmux.wait_for("the shell", |s| {
            s.lines().any(|l| l.trim() == "$" || l.ends_with("$ ")) && !s.contains("┌ Questions")
        });
        assert_eq!(
            tmux.format("#{alternate_on}"),
            "0",
            "{how}: back on the main screen\n{screen}"
        );
        assert_eq!(tmux.format("#{cursor_flag}"), "1", "{how}: cursor shown");
        assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "{how}: mouse off");
        tmux.keys(&["fg", "Enter"]);
        tmux.wait_for("the viewer again", |s| s.contains("┌ Questions"));
        // Raw mode again: a key acts at once, without Enter, and is not echoed.
        tmux.keys(&["j"]);
        tmux.wait_for("the selection moved", |s| s.contains("2 / 5"));
        tmux.keys(&["k"]);
        tmux.wait_for("back", |s| s.contains("1 / 5"));
    }
    tmux.keys(&["q"]);
    tmux.keys(&["echo DONE:$?", "Enter"]);
    tmux.wait_for("the shell after quitting", |s| s.contains("DONE:0"));
}

#[test]
fn closing_the_terminal_ends_the_viewer_without_a_crash() {
    let s = Sandbox::new();
    let tmux = Tmux::start("hangup", 100, 30, &viewer(&s, ""));
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    let pid = viewer_pid(&tmux);
    drop(tmux); // kill-server: the terminal goes away, the viewer gets SIGHUP.
    let deadline = Instant::now() + Duration::from_secs(15);
    while Path::new(&format!("/proc/{pid}")).exists() {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if stat.contains(") Z") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the viewer outlived its terminal"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Its last words had nowhere to go: none of them is a panic.
    let log = std::fs::read_to_string(s.path("state/dossier/dossier.log")).unwrap_or_default();
    assert!(!log.contains("crashed"), "{log}");
}

#[test]
fn review_marks_and_notes_survive_a_restart() {
    let s = Sandbox::new();
    let review = s.path("review.json");
    let args = format!("--review-file {}", review.display());
    let tmux = Tmux::start("review", 120, 40, &shell(&s, &args));
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    // ] to the next question to review, x to mark it, a to annotate.
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
    assert_restored(&tmux, "0");
    drop(tmux);
    let tmux = Tmux::start("review2", 120, 40, &shell(&s, &args));
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    tmux.keys(&["/", "is:reviewed", "Enter"]);
    let screen = tmux.wait_for("the reviewed question", |s| s.contains("1 affichée / 5"));
    assert!(screen.contains("✔ Revue le 22 novembre 2026"), "{screen}");
    assert!(
        screen.contains("Relancer le cabinet") && screen.contains("avant le 1er décembre"),
        "{screen}"
    );
    tmux.keys(&["q"]);
    assert_restored(&tmux, "0");
}

#[test]
fn two_viewers_taking_turns_on_one_note_keep_one_note_as_typed() {
    let s = Sandbox::new();
    let review = s.path("shared.json");
    let args = format!("--review-file {}", review.display());
    let a = Tmux::start("turnsA", 100, 30, &viewer(&s, &args));
    let b = Tmux::start("turnsB", 100, 30, &viewer(&s, &args));
    for t in [&a, &b] {
        t.wait_for("the list", |s| s.contains("17-13809QE"));
    }
    let mut typed = String::new();
    for i in 0..10 {
        let t = if i % 2 == 0 { &a } else { &b };
        let c = char::from(b'a' + i as u8).to_string();
        typed.push_str(&c);
        t.keys(&["a"]);
        t.wait_for("the editor", |s| s.contains("Ctrl-s"));
        t.keys(&["C-e", &c, "C-s"]);
        t.wait_for("the note saved", |s| {
            s.contains("Note de 17-16300QE enregistrée")
        });
        // Let the save reach the disk before the other window reads.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !crate::review::on_disk(&review).contains(&format!("\"text\":\"{typed}\"")) {
            assert!(Instant::now() < deadline, "the note {typed} is not on disk");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let store = dossier_core::review::ReviewStore::open(
        dossier_core::review::Location::File(review.clone()),
        dossier_core::review::OpenOptions {
            read_only: true,
            ..dossier_core::review::OpenOptions::new("carol@pc")
        },
    );
    let note = &store.entry("17-16300QE").unwrap().note;
    assert_eq!(note.len(), 1, "one version: {note:?}");
    assert_eq!(note[0].text, typed);
    // The snapshot and a log of ten short records.
    let file = crate::review::on_disk(&review);
    assert!(file.len() < 5_000, "{} bytes:\n{file}", file.len());
}

#[test]
fn a_note_with_escape_sequences_cannot_retitle_the_terminal_or_clear_it() {
    let s = Sandbox::new();
    let review = s.path("r.json");
    let colleague = s.path("bob.json");
    s.ok(&[
        "--review-file",
        colleague.to_str().unwrap(),
        "--writer",
        "bob@mac",
        "review",
        "note",
        "17-16300QE",
        "avant \u{1b}]2;PWNED\u{7} \u{1b}]52;c;ZXZpbA==\u{7} \u{1b}[2J après",
    ]);
    s.ok(&[
        "--review-file",
        review.to_str().unwrap(),
        "review",
        "import",
        colleague.to_str().unwrap(),
    ]);
    let tmux = Tmux::start(
        "inject",
        120,
        40,
        &viewer(&s, &format!("--review-file {}", review.display())),
    );
    let title = tmux.format("#{pane_title}");
    let screen = tmux.wait_for("the note shown", |s| s.contains("avant ␛]2;PWNED␇"));
    assert!(
        screen.contains("après"),
        "the screen was not cleared:\n{screen}"
    );
    assert_eq!(
        tmux.format("#{pane_title}"),
        title,
        "the terminal's title is unchanged"
    );
    assert!(!tmux.format("#{pane_title}").contains("PWNED"));
}

#[test]
fn a_lock_held_by_another_process_never_stalls_typing() {
    let s = Sandbox::new();
    let review = s.path("r.json");
    let lock = s.path("r.json.lock");
    std::fs::write(&lock, "").unwrap();
    // Another process holds the review file's lock for a long while.
    // (-o: the lock is flock's own, not inherited by sleep, so killing flock frees it.)
    let mut holder = Command::new("flock")
        .args(["-o", lock.to_str().unwrap(), "sleep", "30"])
        .spawn()
        .expect("flock runs");
    std::thread::sleep(Duration::from_millis(200));
    let tmux = Tmux::start(
        "lock",
        120,
        40,
        &viewer(&s, &format!("--review-file {}", review.display())),
    );
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    let start = Instant::now();
    tmux.keys(&["x", "j", "f", "j", "x"]);
    tmux.wait_for("keys acted on", |s| s.contains("3 / 5"));
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "typing waited {:?}",
        start.elapsed()
    );
    let screen = tmux.wait_for("the saving mark", |s| {
        s.contains("enregistrement…") || s.contains("Non enregistré")
    });
    let _ = holder.kill();
    let _ = holder.wait();
    drop(screen);
    tmux.wait_for("saved once the lock is free", |_| {
        crate::review::on_disk(&review).contains("\"reviewed\"")
    });
}

#[test]
fn reload_tells_what_changed_since_the_review_and_x_acknowledges_it() {
    let s = Sandbox::new();
    let docs = s.path("docs");
    copy_assets(&docs);
    let file = docs.join("001_8a016c17cf93605d.txt");
    let pending = std::fs::read_to_string(&file).unwrap();
    let review = s.path("review.json");
    let args = format!("--review-file {} {}", review.display(), docs.display());
    let tmux = Tmux::start("reload", 120, 40, &viewer(&s, &args));
    tmux.wait_for("the list", |s| s.contains("17-13985QE"));
    tmux.keys(&["j", "x"]);
    tmux.wait_for("the review mark", |s| {
        s.contains("17-13985QE marquée revue")
    });
    // The minister answers; the staffer saves the new page over the old one.
    let answered = pending.replace(
        "Date(s) clé(s)",
        "Texte de la réponse\n\nLe Gouvernement a rétabli le financement.\n\nDate(s) clé(s)",
    ) + "\n\nRéponse publiée au JO le : 6 octobre 2026, page 7001\n";
    std::fs::write(&file, answered).unwrap();
    tmux.keys(&["R"]);
    let screen = tmux.wait_for("the change", |s| s.contains("nouvelle réponse"));
    assert!(
        screen.contains("1 nouvelle réponse depuis votre dernière revue"),
        "{screen}"
    );
    assert!(
        screen.contains("Répondue depuis votre revue — Réponse publiée le 6 octobre 2026"),
        "{screen}"
    );
    tmux.keys(&["x"]);
    let screen = tmux.wait_for("the change acknowledged", |s| {
        s.contains("changement pris en compte")
    });
    assert!(!list_part(&screen).contains('★'), "{screen}");
}

#[test]
fn changes_that_cannot_be_saved_are_said_and_copied_where_they_are_not_lost() {
    let s = Sandbox::new();
    // /proc refuses new files: every save fails (at the lock), reading finds no file.
    let tmux = Tmux::start(
        "unsaved",
        120,
        40,
        &shell(&s, "--review-file /proc/1/reviews.json"),
    );
    // Said at start, in words, before a mark is lost to it.
    let screen = tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    assert!(
        screen.contains("Marques et notes non enregistrables"),
        "{screen}"
    );
    tmux.keys(&["x"]);
    tmux.wait_for("the failure said", |s| {
        s.contains("Non enregistré") && s.contains("17-16300QE marquée revue")
    });
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("the exit", |s| s.contains("EXITED:") && s.contains("END"));
    assert!(
        screen.contains("vos marques et notes n'ont pas pu être enregistrées"),
        "{screen}"
    );
    let copies: Vec<_> = std::fs::read_dir(s.path("data/dossier/unsaved"))
        .expect("the rescue folder")
        .collect();
    assert_eq!(copies.len(), 1);
    let copy = copies[0].as_ref().unwrap().path();
    let review = s.path("r.json");
    s.ok(&[
        "--review-file",
        review.to_str().unwrap(),
        "review",
        "import",
        copy.to_str().unwrap(),
    ]);
    let ids = s.ok(&[
        "--review-file",
        review.to_str().unwrap(),
        "list",
        "-q",
        "is:reviewed",
        "-f",
        "ids",
    ]);
    assert_eq!(ids, "17-16300QE\n");
}

/// A review file this build cannot read (damaged, or from a newer dossier) opens read-only;
/// quitting then is at once, says nothing and writes nothing: which questions were seen is
/// no change of the staffer's.
#[test]
fn quitting_over_an_unreadable_review_file_is_at_once_and_writes_nothing() {
    for (name, content) in [
        ("corrupt", "{broken"),
        (
            "newer",
            "{\"format\": \"dossier-review\", \"version\": 5, \"entries\": {}}",
        ),
    ] {
        let s = Sandbox::new();
        let folder = s.path("reviews");
        std::fs::create_dir_all(&folder).unwrap();
        let review = folder.join("r.json");
        std::fs::write(&review, content).unwrap();
        let args = format!("--review-file {}", review.display());
        let tmux = Tmux::start(&format!("quit-{name}"), 120, 40, &shell(&s, &args));
        tmux.wait_for("read-only said", |s| s.contains("Revue en lecture seule"));
        let start = Instant::now();
        tmux.keys(&["q"]);
        let screen = tmux.wait_for("the exit", |s| s.contains("EXITED:") && s.contains("END"));
        let took = start.elapsed();
        assert!(
            took < Duration::from_secs(1),
            "{name}: the exit took {took:?}"
        );
        assert!(screen.contains("EXITED:0"), "{screen}");
        assert!(
            !screen.contains("enregistr"),
            "{name}: nothing said:\n{screen}"
        );
        assert!(
            !s.path("data/dossier/unsaved").exists(),
            "{name}: no rescue copy"
        );
        assert_eq!(std::fs::read_to_string(&review).unwrap(), content);
        let files: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
        assert_eq!(files.len(), 1, "{name}: nothing written beside it");
    }
}

#[test]
fn from_an_import_to_a_reviewed_dossier_and_what_a_newer_import_changed() {
    let s = Sandbox::new();
    let one = crate::library::day_one(&s);
    s.ok(&["import", one.to_str().unwrap()]);
    s.ok(&["dossiers", "add", "asalee", "asalee"]);
    let tmux = Tmux::start("library", 120, 40, &viewer(&s, "-d asalee"));
    let screen = tmux.wait_for("the dossier", |s| s.contains("17-101QE"));
    assert!(screen.contains("┌ asalee "), "{screen}");
    assert!(!screen.contains("17-104QE"), "{screen}");
    tmux.keys(&["x"]);
    tmux.wait_for("the review mark", |s| s.contains("17-101QE marquée revue"));
    // The next day's data, imported from another terminal while the viewer is open.
    let two = crate::library::day_two(&s);
    let out = s.ok(&["import", two.to_str().unwrap()]);
    assert!(out.contains("Nouvelles réponses\u{a0}: 17-101QE"), "{out}");
    tmux.keys(&["R"]);
    let screen = tmux.wait_for("the change", |s| s.contains("nouvelle réponse"));
    assert!(
        screen.contains("1 nouvelle question et 1 nouvelle réponse depuis"),
        "{screen}"
    );
    assert!(
        screen.contains("17-102QE"),
        "the new question is in the dossier:\n{screen}"
    );
    // ] goes to what changed; x acknowledges it.
    tmux.keys(&["g", "]"]);
    let screen = tmux.wait_for("the changed question", |s| {
        s.contains("Répondue depuis votre revue")
    });
    assert!(list_part(&screen).contains('★'), "{screen}");
    tmux.keys(&["x"]);
    tmux.wait_for("acknowledged", |s| s.contains("changement pris en compte"));
}

#[test]
fn a_staffer_s_day_filter_review_all_a_file_changes_reload_go_to_it_acknowledge_export() {
    let s = Sandbox::new();
    let docs = s.path("docs");
    copy_assets(&docs);
    let review = s.path("review.json");
    let args = format!("--review-file {} {}", review.display(), docs.display());
    let tmux = Tmux::start("day", 120, 40, &viewer(&s, &args));
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    // The pending Asalée questions, all reviewed at once.
    tmux.keys(&["/", "asalee statut:attente", "Enter"]);
    tmux.wait_for("the filter", |s| s.contains("3 affichées / 5"));
    tmux.keys(&["X"]);
    tmux.wait_for("the question", |s| {
        s.contains("Marquer 3 questions affichées comme revues")
    });
    tmux.keys(&["o"]);
    tmux.wait_for("marked", |s| s.contains("3 questions marquées revues"));
    tmux.wait_for("saved", |_| {
        crate::review::on_disk(&review)
            .matches("\"reviewed\"")
            .count()
            >= 3
    });
    // A signalement for 17-16300QE arrives; the staffer saves the new page and reloads.
    let file = docs.join("003_d03222e0d74a5826.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "Question publiée au JO le :",
            "Date de signalement : 20 novembre 2026\n\nQuestion publiée au JO le :",
            1,
        ),
    )
    .unwrap();
    tmux.keys(&["R"]);
    tmux.wait_for("one to review", |s| s.contains("1/1 à revoir"));
    tmux.keys(&["g", "]"]);
    let screen = tmux.wait_for("the changed question", |s| {
        s.contains("Signalée depuis votre revue")
    });
    assert!(screen.contains("17-16300QE"), "{screen}");
    tmux.keys(&["x"]);
    tmux.wait_for("acknowledged", |s| s.contains("changement pris en compte"));
    tmux.wait_for("nothing to review", |s| s.contains("0/0 à revoir"));
    // The view exported for the deputy's memo.
    let memo = s.path("memo.md");
    tmux.keys(&["e", "mem", "Enter", "C-u", memo.to_str().unwrap(), "Enter"]);
    tmux.wait_for("exported", |s| s.contains("memo.md"));
    let text = std::fs::read_to_string(&memo).unwrap();
    assert!(text.contains("17-16300QE"), "{text}");
    for id in ["17-16300QE", "17-13985QE", "17-13811QE"] {
        assert!(text.contains(id), "{id} in {text}");
    }
    tmux.keys(&["q"]);
}

#[test]
fn keys_typed_in_one_burst_reach_the_prompt_they_open() {
    let s = Sandbox::new();
    let tmux = Tmux::start("burst", 120, 40, &viewer(&s, ""));
    tmux.wait_for("the list", |s| s.contains("17-13809QE"));
    // One write to the terminal, as a paste or a fast typist over ssh sends it.
    tmux.keys(&["/batho"]);
    let screen = tmux.wait_for("the filter typed", |s| s.contains("1 affichée / 5"));
    assert!(screen.contains("Filtre / batho"), "{screen}");
    tmux.keys(&["Enter", "eJSON"]);
    let screen = tmux.wait_for("the format typed", |s| s.contains("› JSON"));
    assert!(screen.contains("▸ JSON (fiches complètes)"), "{screen}");
}

/// The state letter of a process (`R`, `S`, `T` stopped…), or `None` once it is gone.
fn process_state(pid: &str) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(')')
        .next()?
        .split_whitespace()
        .next()?
        .chars()
        .next()
}

/// Waits for the viewer's whole frame at `width` x `height`: the list's top border ends on
/// the last column, the bottom border of the pane below it on the last column of the row
/// above the status bar. (A frame drawn for another size ends elsewhere.)
fn wait_frame(tmux: &Tmux, width: usize, height: usize) -> String {
    tmux.wait_for(&format!("the frame at {width}x{height}"), |screen| {
        let lines: Vec<&str> = screen.lines().collect();
        let ends = |row: usize, corner: char| {
            lines.get(row).is_some_and(|l| {
                let l = l.trim_end();
                l.chars().count() == width && l.ends_with(corner)
            })
        };
        lines.len() >= height && ends(0, '┐') && ends(height - 2, '┘')
    })
}

/// Waits until the viewer has the terminal again and is running, at a size too small to
/// read anything on (1x1).
fn wait_running(tmux: &Tmux, pid: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while tmux.format("#{alternate_on}") != "1" || process_state(pid) == Some('T') {
        assert!(process_state(pid).is_some(), "the viewer is gone");
        assert!(Instant::now() < deadline, "the viewer did not come back");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Time to draw: a crash would end it now.
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        process_state(pid).is_some_and(|s| s != 'Z'),
        "the viewer crashed at 1x1"
    );
}

#[test]
fn a_terminal_resized_while_the_viewer_is_stopped_is_drawn_at_its_new_size() {
    let s = Sandbox::new();
    let tmux = Tmux::start("resized", 120, 40, "sh -i");
    tmux.keys(&[&format!("PS1='$ '; {}", viewer(&s, "")), "Enter"]);
    wait_frame(&tmux, 120, 40);
    let pid = viewer_pid(&tmux);
    // Smaller, larger, down to 1x1 and back, each time while the viewer is stopped.
    for (w, h) in [(80, 24), (160, 50), (1, 1), (120, 40)] {
        tmux.keys(&["C-z"]);
        let deadline = Instant::now() + Duration::from_secs(20);
        while process_state(&pid) != Some('T') || tmux.format("#{alternate_on}") != "0" {
            assert!(Instant::now() < deadline, "not suspended");
            std::thread::sleep(Duration::from_millis(50));
        }
        tmux.resize(w, h);
        tmux.keys(&["fg", "Enter"]);
        if w == 1 {
            wait_running(&tmux, &pid);
        } else {
            let screen = wait_frame(&tmux, w as usize, h as usize);
            assert!(screen.contains("17-13809QE"), "{screen}");
        }
    }
    tmux.keys(&["j"]);
    tmux.wait_for("the selection moved", |s| s.contains("2 / 5"));
    tmux.keys(&["q"]);
    tmux.keys(&["echo DONE:$?", "Enter"]);
    tmux.wait_for("the shell after quitting", |s| s.contains("DONE:0"));
}

#[test]
fn a_terminal_resized_while_the_pager_has_it_is_drawn_at_its_new_size_after() {
    let s = Sandbox::new();
    // A pager that says what it shows and waits for a line, as `less` waits for q.
    let pager = s.path("pager.sh");
    std::fs::write(&pager, "#!/bin/sh\necho \"PAGER ON $1\"\nread answer\n").unwrap();
    std::fs::set_permissions(&pager, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let command = shell(&s, "").replacen("env ", &format!("env PAGER='{}' ", pager.display()), 1);
    let tmux = Tmux::start("pagerresize", 120, 40, &command);
    wait_frame(&tmux, 120, 40);
    let pid = viewer_pid(&tmux);
    let mut tiny = false;
    for (w, h) in [(80, 24), (160, 50), (1, 1), (120, 40)] {
        tmux.keys(&["p"]);
        let deadline = Instant::now() + Duration::from_secs(20);
        while tmux.format("#{alternate_on}") != "0" {
            assert!(Instant::now() < deadline, "the pager did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        if !tiny {
            tmux.wait_for("the pager", |s| s.contains("PAGER ON"));
        }
        tiny = w == 1;
        tmux.resize(w, h);
        tmux.keys(&["q", "Enter"]);
        if w == 1 {
            wait_running(&tmux, &pid);
        } else {
            let screen = wait_frame(&tmux, w as usize, h as usize);
            assert!(screen.contains("17-13809QE"), "{screen}");
        }
    }
    tmux.keys(&["q"]);
    assert_restored(&tmux, "0");
}

#[test]
fn a_then_a_burst_of_text_and_ctrl_s_saves_the_whole_text_as_the_note_and_no_mark() {
    let s = Sandbox::new();
    let review = s.path("review.json");
    let args = format!("--review-file {}", review.display());
    let tmux = Tmux::start("noteburst", 120, 40, &viewer(&s, &args));
    tmux.wait_for("the list", |s| s.contains("1 / 5"));
    // One write to the terminal: `a` and the note, as a paste or a fast typist sends them.
    // Its x, r, f, space… are the note's, not list commands.
    tmux.keys(&["ax, rappeler le cabinet f", "C-s"]);
    tmux.wait_for("the note on disk", |_| {
        crate::review::on_disk(&review).contains("\"text\":\"x, rappeler le cabinet f\"")
    });
    let file = crate::review::on_disk(&review);
    assert!(!file.contains("\"reviewed\""), "no mark:\n{file}");
    assert!(!file.contains("\"flagged\""), "no flag:\n{file}");
    let screen = tmux.screen();
    assert!(!screen.contains("marquée revue"), "{screen}");
    assert!(screen.contains("17-16300QE"), "{screen}");
}

#[test]
fn keys_typed_with_the_enter_of_an_export_answer_the_question_it_asks() {
    let s = Sandbox::new();
    let memo = s.path("memo.csv");
    std::fs::write(&memo, "old").unwrap();
    let tmux = Tmux::start("exportburst", 120, 40, &viewer(&s, ""));
    tmux.wait_for("the list", |s| s.contains("1 / 5"));
    // One write: the format, the file (Ctrl-u clears the name proposed), Enter, and the
    // `o` that answers "replace it?" before the question is even shown.
    tmux.keys(&[&format!("eCSV\r\u{15}{}\ro", memo.display())]);
    tmux.wait_for("replaced", |_| {
        std::fs::read_to_string(&memo).is_ok_and(|t| t.contains("17-13809QE"))
    });
    let screen = tmux.wait_for("said", |s| s.contains("memo.csv"));
    assert!(
        !screen.contains("[en retard]"),
        "o was not a list command:\n{screen}"
    );
}

#[test]
fn the_scoreboard_in_a_real_terminal_by_keys_at_three_sizes() {
    let (s, dir) = crate::scoreboard::sandbox();
    let tmux = Tmux::start("board", 120, 40, "sh -i");
    tmux.resize(120, 40);
    tmux.keys(&[&format!("PS1='$ '; {}", viewer(&s, &dir)), "Enter"]);
    // The sandbox's week has news: its window shows first, and B leaves it for the board.
    tmux.wait_for("the news", |s| {
        s.contains("Nouveautés de «\u{a0}dossier\u{a0}»")
    });
    tmux.keys(&["B"]);
    let screen = tmux.wait_for("the scoreboard", |s| {
        s.contains("Tableau de bord — par ministère") && s.contains("Premier ministre")
    });
    // Wide: the selected row's figures beside the table.
    assert!(screen.contains("2 reçues · 0 répondue"), "{screen}");
    tmux.resize(80, 24);
    let screen = tmux.wait_for("the table alone", |s| {
        s.contains("Premier ministre") && !s.contains("reçues ·")
    });
    assert!(screen.contains("tri\u{a0}: en retard"), "{screen}");
    tmux.resize(200, 50);
    tmux.keys(&["s", "Tab"]);
    tmux.wait_for("by group, by rate", |s| {
        s.contains("par groupe") && s.contains("taux de réponse") && s.contains("À temps")
    });
    // Suspended from the scoreboard, it is there on return.
    tmux.keys(&["C-z"]);
    tmux.wait_for("the shell", |s| !s.contains("Tableau de bord"));
    tmux.keys(&["fg", "Enter"]);
    tmux.wait_for("the scoreboard again", |s| s.contains("par groupe"));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the list filtered", |s| s.contains("Filtre / groupe:"));
    assert!(!screen.contains("Tableau de bord"), "{screen}");
    // m marks the selected question "to signal".
    tmux.keys(&["m"]);
    tmux.wait_for("the mark", |s| s.contains("à signaler") && s.contains('◆'));
    tmux.keys(&["q"]);
    tmux.keys(&["echo DONE:$?", "Enter"]);
    tmux.wait_for("the shell after quitting", |s| s.contains("DONE:0"));
}
