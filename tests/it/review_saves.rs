//! What the viewer says of its saves: "saving…" from the moment a note or a mark is taken
//! until the writer thread has it on disk, then "saved"; a save that fails said with the
//! change, and the change saved on the next try; a folder that cannot be written said at
//! start, in words, and again at the first mark. The writer thread here is the real one,
//! stopped half-way through a save by the file operations it is given.

use crate::review::{faulty_store, Faulty};
use crate::tui::{settings, Viewer};
use dossier::tui::action::{Action, Command};
use dossier::tui::app::App;
use dossier::tui::effect::Effect;
use dossier::tui::update::update;
use dossier_core::i18n::Lang;
use dossier_core::review::writer::{Done, Writer};
use dossier_core::review::{Location, OpenOptions, ReviewStore};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A viewer on the sample whose review store does its file operations through `fs`.
fn viewer(lang: Lang, path: &Path, fs: Arc<Faulty>) -> Viewer {
    let store = faulty_store(path, fs);
    Viewer::over(
        App::new(settings(lang), store),
        tempfile::tempdir().unwrap(),
    )
}

/// Runs an action as the event loop does, the saves and reads going to `writer`.
fn act_with(v: &mut Viewer, writer: &Writer, action: Action) {
    for effect in update(&mut v.app, action) {
        match effect {
            Effect::Review(job) => assert!(writer.submit(job)),
            other => v.run(vec![other]),
        }
    }
}

fn message(v: &Viewer) -> String {
    v.app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn status_line(v: &mut Viewer) -> String {
    let screen = v.screen(120, 40);
    screen.lines().last().unwrap_or_default().to_string()
}

fn wait(what: &str, ok: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn spawn_writer(fs: Arc<Faulty>) -> (Writer, Receiver<Done>) {
    let (tx, rx) = mpsc::channel();
    let writer = Writer::spawn(fs, "alice@pc".into(), move |done| {
        let _ = tx.send(done);
    });
    (writer, rx)
}

fn on_disk_note(path: &Path, id: &str) -> Option<String> {
    let reader = ReviewStore::open(
        Location::File(path.to_path_buf()),
        OpenOptions {
            read_only: true,
            ..OpenOptions::new("carol@pc")
        },
    );
    reader
        .entry(id)
        .and_then(|e| e.note_text())
        .map(String::from)
}

#[test]
fn a_note_is_said_saved_only_once_the_writer_has_it_on_disk() {
    for lang in [Lang::En, Lang::Fr] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let fs = Arc::new(Faulty::default());
        let mut v = viewer(lang, &path, fs.clone());
        let (writer, done) = spawn_writer(fs.clone());
        v.select("17-13809QE");
        v.press("aRelancer le cabinet");
        assert!(v.app.layers.note().is_some());
        // The writer thread stops in the middle of the save (before its data is synced).
        fs.hold();
        act_with(&mut v, &writer, Action::Command(Command::NoteSave));
        wait("the writer thread in the save", || {
            fs.held.load(Ordering::SeqCst) == 1
        });
        let (saving, saved, bar) = match lang {
            Lang::En => (
                "Note on 17-13809QE: saving…",
                "Note on 17-13809QE saved",
                "saving…",
            ),
            Lang::Fr => (
                "Note de 17-13809QE\u{a0}: enregistrement…",
                "Note de 17-13809QE enregistrée",
                "enregistrement…",
            ),
        };
        assert_eq!(message(&v), saving);
        let status = status_line(&mut v);
        assert!(status.contains(bar), "{status}");
        assert!(!status.contains(saved), "{status}");
        // Time passes; nothing says "saved" while the note is not on disk.
        for _ in 0..30 {
            act_with(&mut v, &writer, Action::Tick);
        }
        assert_eq!(message(&v), saving);
        assert_eq!(on_disk_note(&path, "17-13809QE"), None);
        fs.release();
        let result = done.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(
            on_disk_note(&path, "17-13809QE").as_deref(),
            Some("Relancer le cabinet")
        );
        act_with(&mut v, &writer, Action::Review(Box::new(result)));
        assert_eq!(message(&v), saved);
        let status = status_line(&mut v);
        assert!(status.contains(saved) && !status.contains(bar), "{status}");
        assert!(v.app.log.iter().any(|m| m.text == saved));
    }
}

#[test]
fn a_mark_says_saving_until_its_save_is_done_and_what_failed_until_a_retry_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    let fs = Arc::new(Faulty::default());
    let mut v = viewer(Lang::En, &path, fs.clone());
    let (writer, done) = spawn_writer(fs.clone());
    v.select("17-13811QE");
    fs.hold();
    act_with(&mut v, &writer, Action::Command(Command::ToggleReviewed));
    wait("the save held", || fs.held.load(Ordering::SeqCst) == 1);
    assert_eq!(message(&v), "17-13811QE marked reviewed · saving…");
    // The disk fills: the save fails, the mark stays, and the message says so.
    *fs.disk_full_at_write.lock().unwrap() = Some(fs.writes.load(Ordering::SeqCst));
    fs.release();
    let result = done.recv_timeout(Duration::from_secs(10)).unwrap();
    act_with(&mut v, &writer, Action::Review(Box::new(result)));
    let text = message(&v);
    assert!(
        text.starts_with("Not saved: 17-13811QE marked reviewed (will retry): cannot write")
            && text.contains("No space left on device"),
        "{text}"
    );
    assert!(status_line(&mut v).contains("⚠  Not saved: 17-13811QE"));
    assert!(v.app.review.is_reviewed("17-13811QE"));
    // Space freed: the retry saves it, and the message says no more than what was done.
    *fs.disk_full_at_write.lock().unwrap() = None;
    let deadline = Instant::now() + Duration::from_secs(10);
    while v.app.review.has_unsaved_user_changes() {
        assert!(Instant::now() < deadline, "the retry");
        act_with(&mut v, &writer, Action::Tick);
        if let Ok(result) = done.recv_timeout(Duration::from_millis(5)) {
            act_with(&mut v, &writer, Action::Review(Box::new(result)));
        }
    }
    assert_eq!(message(&v), "17-13811QE marked reviewed");
    assert!(!status_line(&mut v).contains("not saved"));
    drop(writer);
    let reader = ReviewStore::open(
        Location::File(path.clone()),
        OpenOptions {
            read_only: true,
            ..OpenOptions::new("carol@pc")
        },
    );
    assert!(reader.is_reviewed("17-13811QE"));
}

#[test]
fn a_read_only_file_system_is_said_at_start_in_words_and_again_at_the_first_mark() {
    for lang in [Lang::En, Lang::Fr] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let fs = Arc::new(Faulty::default());
        fs.read_only.store(true, Ordering::SeqCst);
        let mut v = viewer(lang, &path, fs.clone());
        let (start, first_mark) = match lang {
            Lang::En => (
                "Marks and notes cannot be saved: cannot write",
                "Not saved: 17-16300QE marked reviewed (will retry): cannot write",
            ),
            Lang::Fr => (
                "Marques et notes non enregistrables\u{a0}: impossible d'écrire",
                "Non enregistré\u{a0}: 17-16300QE marquée revue (nouvel essai plus tard)\u{a0}: impossible d'écrire",
            ),
        };
        let text = message(&v);
        assert!(text.starts_with(start), "{text}");
        assert!(text.contains("r.json"), "{text}");
        let system = match lang {
            Lang::En => "read-only",
            Lang::Fr => "lecture seule",
        };
        assert!(text.to_lowercase().contains(system), "{text}");
        v.select("17-16300QE");
        v.press("x");
        let text = message(&v);
        assert!(text.starts_with(first_mark), "{text}");
        assert!(v.app.review.is_reviewed("17-16300QE"), "kept in memory");
        assert!(v.app.review.has_unsaved_user_changes());
        assert!(!path.exists());
    }
}
