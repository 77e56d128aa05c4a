//! The review store on disk: persistence, the snapshot and its log, the `.bak`, unreadable
//! files, two windows and two processes on one file, team folders and sync-conflict copies,
//! the upgrade of older files, links and special files, crashes (at any byte of an append)
//! and full disks, and what changed since a review.

use crate::util::{stderr, stdout, today, Sandbox};
use dossier_core::load::load_sample;
use dossier_core::model::{Event, EventKind, Question, Status};
use dossier_core::review::fs::{Fs, RealFs};
use dossier_core::review::{Change, Location, NoteView, OpenOptions, ReviewStore};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn question(id: &str) -> Question {
    load_sample()
        .questions
        .into_iter()
        .find(|q| q.id == id)
        .unwrap()
}

fn options(dir: &Path, writer: &str) -> OpenOptions {
    OpenOptions {
        lock_dir: Some(dir.join("locks")),
        ..OpenOptions::new(writer)
    }
}

/// A store on one file, as `writer`, with its slot locks in the file's folder.
fn open(path: &Path, writer: &str) -> ReviewStore {
    ReviewStore::open(
        Location::File(path.to_path_buf()),
        options(path.parent().unwrap(), writer),
    )
}

fn saved(store: &mut ReviewStore) {
    store.save_now().expect("saved");
}

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reviews.json");
    (dir, path)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".lock") && n != "locks")
        .collect();
    names.sort();
    names
}

/// What the review file holds on disk, as text: the snapshot, then the log beside it (a
/// save appends its changes to the log).
pub fn on_disk(path: &Path) -> String {
    let log = dossier_core::review::disk::log_path(path);
    // The snapshot is binary: its strings show through.
    String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned()
        + &std::fs::read_to_string(log).unwrap_or_default()
}

fn log_of(path: &Path) -> PathBuf {
    dossier_core::review::disk::log_path(path)
}

fn note(store: &ReviewStore, id: &str) -> Option<String> {
    store
        .entry(id)
        .and_then(|e| e.note_text())
        .map(String::from)
}

fn set_note(store: &mut ReviewStore, id: &str, text: &str) {
    let base = store.note_base(id);
    store.set_note(id, text, &base).unwrap();
}

#[test]
fn marks_flags_and_multiline_notes_survive_a_restart() {
    let (_dir, path) = temp();
    let q = question("17-13811QE");
    let mut store = open(&path, "alice@pc");
    assert!(store.toggle_reviewed(&q, today()).unwrap());
    assert!(store.toggle_flag(&q.id, today()).unwrap());
    set_note(
        &mut store,
        &q.id,
        "Relancer le cabinet\n\nAppel prévu le 3 décembre  \n",
    );
    saved(&mut store);
    drop(store);
    let again = open(&path, "alice@pc");
    assert!(again.is_reviewed(&q.id) && again.is_flagged(&q.id));
    assert_eq!(
        note(&again, &q.id).as_deref(),
        Some("Relancer le cabinet\n\nAppel prévu le 3 décembre")
    );
    let snapshot = std::fs::read(&path).unwrap();
    assert!(
        snapshot.starts_with(b"dossier-review-snapshot 4\n"),
        "{}",
        String::from_utf8_lossy(&snapshot)
    );
    let log = std::fs::read_to_string(log_of(&path)).unwrap();
    assert!(
        log.lines()
            .next()
            .unwrap()
            .contains("\"format\":\"dossier-review-log\""),
        "{log}"
    );
}

#[test]
fn a_save_appends_one_record_and_a_compaction_keeps_the_previous_snapshot_as_bak() {
    let (dir, path) = temp();
    let mut store = open(&path, "alice@pc");
    set_note(&mut store, "17-13811QE", "un");
    saved(&mut store);
    assert_eq!(names(dir.path()), ["reviews.json", "reviews.json.log"]);
    let snapshot = std::fs::read(&path).unwrap();
    let log = std::fs::read(log_of(&path)).unwrap();
    set_note(&mut store, "17-13811QE", "deux");
    saved(&mut store);
    // The snapshot is left as it is; the log grew by one short line.
    assert_eq!(std::fs::read(&path).unwrap(), snapshot);
    let grown = std::fs::read(log_of(&path)).unwrap();
    assert_eq!(&grown[..log.len()], &log[..]);
    let record = &grown[log.len()..];
    assert!(record.len() < 400, "{}", String::from_utf8_lossy(record));
    assert_eq!(record.iter().filter(|&&b| b == b'\n').count(), 1);
    assert_eq!(names(dir.path()), ["reviews.json", "reviews.json.log"]);
    // Past the compaction floor, the log is folded into a new snapshot; the previous one is
    // kept as `.bak`, and the files stay within twice the snapshot (or the floor).
    let long = "relancer le cabinet ".repeat(200);
    for i in 0..40 {
        set_note(&mut store, "17-13811QE", &format!("{i} {long}"));
        saved(&mut store);
        let total = std::fs::metadata(&path).unwrap().len()
            + std::fs::metadata(log_of(&path)).unwrap().len();
        let snapshot = std::fs::metadata(&path).unwrap().len();
        assert!(
            total <= 2 * snapshot.max(dossier_core::review::disk::COMPACT_FLOOR),
            "{total} bytes for a snapshot of {snapshot}"
        );
    }
    assert_eq!(
        names(dir.path()),
        ["reviews.json", "reviews.json.bak", "reviews.json.log"]
    );
    assert_eq!(
        note(&open(&path, "bob@mac"), "17-13811QE"),
        Some(format!("39 {long}").trim_end().to_string())
    );
}

#[test]
fn an_unreadable_file_is_left_untouched_and_the_store_is_read_only() {
    for (content, why) in [
        (&b"{ not json"[..], "not valid JSON"),
        (
            b"{\"format\": \"something else\"}",
            "not a dossier review file",
        ),
        (
            b"{\"format\": \"dossier-review\", \"version\": 9}",
            "newer dossier",
        ),
    ] {
        let (_dir, path) = temp();
        std::fs::write(&path, content).unwrap();
        let mut store = open(&path, "alice@pc");
        let reason = store.read_only_reason().expect("read-only").to_string();
        assert!(reason.contains(why), "{reason}");
        assert!(store.toggle_flag("17-13811QE", today()).is_err());
        assert!(store.save_job().is_none());
        assert_eq!(std::fs::read(&path).unwrap(), content);
    }
}

#[test]
fn a_file_with_a_byte_order_mark_reads() {
    let (_dir, path) = temp();
    let mut store = open(&path, "alice@pc");
    set_note(&mut store, "17-13811QE", "avec BOM");
    saved(&mut store);
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(std::fs::read(&path).unwrap());
    std::fs::write(&path, bytes).unwrap();
    let store = open(&path, "alice@pc");
    assert!(!store.is_read_only(), "{:?}", store.read_only_reason());
    assert_eq!(note(&store, "17-13811QE").as_deref(), Some("avec BOM"));
}

#[test]
fn two_windows_that_take_turns_on_a_note_keep_one_note_the_size_typed() {
    let (_dir, path) = temp();
    let mut a = open(&path, "alice@pc");
    let mut b = open(&path, "alice@pc");
    assert_ne!(
        a.replica(),
        b.replica(),
        "the second window takes the next process slot"
    );
    let mut typed = String::new();
    for i in 0..16 {
        let store = if i % 2 == 0 { &mut a } else { &mut b };
        store.reload();
        typed.push_str(&format!("ligne {i} "));
        set_note(store, "17-13811QE", &typed);
        saved(store);
    }
    a.reload();
    assert_eq!(note(&a, "17-13811QE").as_deref(), Some(typed.trim_end()));
    assert!(!a.entry("17-13811QE").unwrap().has_conflict());
    assert!(
        std::fs::metadata(&path).unwrap().len() < 2_000,
        "{} bytes",
        std::fs::metadata(&path).unwrap().len()
    );
}

#[test]
fn two_windows_writing_at_once_keep_both_notes_as_a_conflict_until_one_is_saved() {
    let (_dir, path) = temp();
    let mut a = open(&path, "alice@pc");
    let mut b = open(&path, "alice@pc");
    set_note(&mut a, "17-13811QE", "version de la fenêtre A");
    set_note(&mut b, "17-13811QE", "version de la fenêtre B");
    saved(&mut a);
    saved(&mut b);
    a.reload();
    let entry = a.entry("17-13811QE").unwrap();
    match entry.note() {
        NoteView::Conflict(vs) => {
            let texts: Vec<&str> = vs.iter().map(|v| v.text.as_str()).collect();
            assert!(
                texts.contains(&"version de la fenêtre A")
                    && texts.contains(&"version de la fenêtre B"),
                "{texts:?}"
            );
        }
        other => panic!("expected a conflict: {other:?}"),
    }
    // Merging again, in either order, changes nothing and grows nothing.
    let size = std::fs::metadata(&path).unwrap().len();
    for _ in 0..5 {
        a.reload();
        b.reload();
        saved(&mut a);
        saved(&mut b);
    }
    assert_eq!(std::fs::metadata(&path).unwrap().len(), size);
    // Saving one text settles it.
    set_note(&mut a, "17-13811QE", "version retenue");
    saved(&mut a);
    b.reload();
    assert_eq!(note(&b, "17-13811QE").as_deref(), Some("version retenue"));
    assert!(!b.entry("17-13811QE").unwrap().has_conflict());
}

#[test]
fn two_real_processes_taking_turns_fifty_times_leave_the_note_typed() {
    let s = Sandbox::new();
    let review = s.path("r.json");
    let review = review.to_str().unwrap();
    let mut typed = String::new();
    for i in 0..50 {
        typed.push(char::from(b'a' + (i % 26) as u8));
        let writer = if i % 2 == 0 { "alice@pc" } else { "bob@mac" };
        s.ok(&[
            "--review-file",
            review,
            "--writer",
            writer,
            "review",
            "note",
            "17-13811QE",
            &typed,
        ]);
    }
    let store = open(Path::new(review), "carol@pc");
    assert_eq!(note(&store, "17-13811QE").as_deref(), Some(typed.as_str()));
    let size = std::fs::metadata(review).unwrap().len();
    assert!(
        size < 1_500,
        "the file is {size} bytes for a 50-character note"
    );
}

#[test]
fn exchanging_exports_both_ways_never_doubles_a_note() {
    let s = Sandbox::new();
    let (alice, bob) = (s.path("alice.json"), s.path("bob.json"));
    let (alice, bob) = (alice.to_str().unwrap(), bob.to_str().unwrap());
    let (to_bob, to_alice) = (s.path("to-bob.json"), s.path("to-alice.json"));
    let (to_bob, to_alice) = (to_bob.to_str().unwrap(), to_alice.to_str().unwrap());
    for round in 0..12 {
        s.ok(&[
            "--review-file",
            alice,
            "--writer",
            "alice@pc",
            "review",
            "note",
            "17-13985QE",
            &format!("Alice, tour {round}"),
        ]);
        s.ok(&[
            "--review-file",
            bob,
            "--writer",
            "bob@mac",
            "review",
            "note",
            "17-13985QE",
            &format!("Bob, tour {round}"),
        ]);
        s.ok(&[
            "--review-file",
            alice,
            "--writer",
            "alice@pc",
            "review",
            "export",
            to_bob,
        ]);
        s.ok(&[
            "--review-file",
            bob,
            "--writer",
            "bob@mac",
            "review",
            "export",
            to_alice,
        ]);
        s.ok(&[
            "--review-file",
            alice,
            "--writer",
            "alice@pc",
            "review",
            "import",
            to_alice,
        ]);
        s.ok(&[
            "--review-file",
            bob,
            "--writer",
            "bob@mac",
            "review",
            "import",
            to_bob,
        ]);
    }
    for file in [alice, bob] {
        let size = std::fs::metadata(file).unwrap().len();
        assert!(size < 3_000, "{file}: {size} bytes after 12 exchanges");
        let store = open(Path::new(file), "x@y");
        let e = store.entry("17-13985QE").unwrap();
        // Both wrote between exchanges: a conflict of their two latest versions, no more.
        assert!(
            matches!(e.note(), NoteView::Conflict(vs) if vs.len() == 2),
            "{:?}",
            e.note()
        );
    }
    // An import of the same file again changes nothing.
    let out = s.ok(&[
        "--lang",
        "en",
        "--review-file",
        alice,
        "--writer",
        "alice@pc",
        "review",
        "import",
        to_alice,
    ]);
    assert!(out.contains("merged 0 questions"), "{out}");
}

#[test]
fn a_team_folder_shows_everyones_marks_and_writes_only_ones_own_file() {
    let team = tempfile::tempdir().unwrap();
    let location = |writer: &str| Location::Team {
        dir: team.path().to_path_buf(),
        writer: writer.to_string(),
    };
    let q = question("17-16300QE");
    let mut alice = ReviewStore::open(location("alice@pc"), options(team.path(), "alice@pc"));
    let mut bob = ReviewStore::open(location("bob@mac"), options(team.path(), "bob@mac"));
    alice.toggle_reviewed(&q, today()).unwrap();
    saved(&mut alice);
    bob.toggle_flag(&q.id, today()).unwrap();
    set_note(&mut bob, &q.id, "Voir avec le groupe");
    saved(&mut bob);
    assert_eq!(
        names(team.path()),
        [
            "alice@pc.json",
            "alice@pc.json.log",
            "bob@mac.json",
            "bob@mac.json.log"
        ]
    );
    let incoming = alice.reload();
    assert_eq!(incoming.by_writer.get("bob@mac"), Some(&1), "{incoming:?}");
    assert!(alice.is_reviewed(&q.id) && alice.is_flagged(&q.id));
    assert_eq!(note(&alice, &q.id).as_deref(), Some("Voir avec le groupe"));
    bob.reload();
    assert!(bob.is_reviewed(&q.id), "bob sees alice's mark");
    // A copy a sync tool made when two edits crossed is merged like the rest.
    let copy = team
        .path()
        .join("bob@mac.sync-conflict-20261201-101500-ABCD.json");
    let mut other = ReviewStore::open(
        Location::File(copy.clone()),
        options(team.path(), "bob@mac"),
    );
    set_note(&mut other, "17-13809QE", "écrit sur l'autre machine");
    saved(&mut other);
    drop(other);
    alice.reload();
    assert_eq!(
        note(&alice, "17-13809QE").as_deref(),
        Some("écrit sur l'autre machine")
    );
    let before_bob = on_disk(&team.path().join("bob@mac.json"));
    alice.toggle_flag("17-13809QE", today()).unwrap();
    saved(&mut alice);
    assert_eq!(
        on_disk(&team.path().join("bob@mac.json")),
        before_bob,
        "alice never writes bob's files"
    );
    // Bob reads alice's new record by offset in her log.
    let incoming = bob.reload();
    assert_eq!(incoming.by_writer.get("alice@pc"), Some(&1), "{incoming:?}");
    assert!(bob.is_flagged("17-13809QE"));
}

#[test]
fn a_format_1_file_is_upgraded_on_the_first_save_and_bloated_notes_repaired() {
    let (dir, path) = temp();
    let marker =
        "--- autre version de la note / other version of the note (imported from bob.json) ---";
    let bloated = format!(
        "Relancer\n\n{marker}\nRelancer\n\n{marker}\nRelancer\nAppel le 3\n\n{marker}\nRelancer"
    );
    let v1 = serde_json::json!({
        "format": "dossier-review",
        "version": 1,
        "last_observed": "2026-11-20",
        "entries": {
            "17-13811QE": {"reviewed": "2026-11-20", "snapshot": {"status": "pending", "fingerprint": "0"}, "note": bloated, "noted": "2026-11-20"},
            "17-13985QE": {"flagged": "2026-11-19"}
        },
        "known_ids": ["17-13811QE", "17-13985QE"]
    });
    let v1 = serde_json::to_vec_pretty(&v1).unwrap();
    std::fs::write(&path, &v1).unwrap();
    let mut store = open(&path, "alice@pc");
    assert_eq!(store.repaired_notes(), 1);
    assert_eq!(store.upgrade_pending(), Some(1));
    assert_eq!(
        note(&store, "17-13811QE").as_deref(),
        Some("Relancer\nAppel le 3")
    );
    assert!(store.is_reviewed("17-13811QE") && store.is_flagged("17-13985QE"));
    saved(&mut store);
    assert_eq!(
        std::fs::read(dir.path().join("reviews.json.bak")).unwrap(),
        v1,
        "the old file is kept"
    );
    assert!(std::fs::read(&path)
        .unwrap()
        .starts_with(b"dossier-review-snapshot 4\n"));
    let again = open(&path, "alice@pc");
    assert_eq!(again.upgrade_pending(), None);
    assert_eq!(
        note(&again, "17-13811QE").as_deref(),
        Some("Relancer\nAppel le 3")
    );
}

#[cfg(unix)]
#[test]
fn a_linked_review_file_is_written_through_the_link() {
    let (dir, _) = temp();
    let synced = dir.path().join("synced");
    std::fs::create_dir(&synced).unwrap();
    let target = synced.join("reviews.json");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut store = open(&link, "alice@pc");
    set_note(&mut store, "17-13811QE", "par le lien");
    saved(&mut store);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert_eq!(
        note(&open(&target, "bob@mac"), "17-13811QE").as_deref(),
        Some("par le lien")
    );
    set_note(&mut store, "17-13811QE", "encore");
    saved(&mut store);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    // The log is beside the file the link leads to.
    assert!(on_disk(&target).contains("encore"));
    assert!(!log_of(&link).exists());
    assert_eq!(
        note(&open(&link, "bob@mac"), "17-13811QE").as_deref(),
        Some("encore")
    );
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_at_once_and_never_replaced() {
    let s = Sandbox::new();
    let fifo = s.path("fifo.json");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for args in [
        vec!["list"],
        vec!["report"],
        vec!["review", "import", "/dev/null"],
        vec!["review", "note", "17-13811QE", "x"],
    ] {
        let start = Instant::now();
        let mut all = vec!["--lang", "en", "--review-file", fifo.to_str().unwrap()];
        all.extend(args.iter().copied());
        let out = s.run(&all);
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{args:?} took {:?}",
            start.elapsed()
        );
        assert!(stderr(&out).contains("FIFO"), "{args:?}: {}", stderr(&out));
    }
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    // A device: refused, never replaced by a regular file.
    let out = s.run(&[
        "--lang",
        "en",
        "--review-file",
        "/dev/null",
        "review",
        "note",
        "17-13811QE",
        "x",
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("a device"), "{}", stderr(&out));
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    // An export to a link to standard output is refused and the link stays; `-` writes there.
    let link = s.path("out.json");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let out = s.run(&["--lang", "en", "review", "export", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("use `-` for standard output"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let out = s.run(&["review", "export", "-"]);
    assert!(
        stdout(&out).contains("\"format\": \"dossier-review\""),
        "{}",
        stdout(&out)
    );
}

#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;

/// The real file system, with a full disk, a crash, or a pause on demand.
#[derive(Default)]
pub struct Faulty {
    /// The number (from 0) of the write (a new file or an append) that fills the disk
    /// half-way through.
    pub disk_full_at_write: Mutex<Option<usize>>,
    pub writes: AtomicUsize,
    /// The process "dies" when about to rename a temporary file over this file name.
    pub crash_before_renaming_onto: Mutex<Option<String>>,
    /// The process "dies" after writing this many bytes of its next append.
    pub crash_in_append_after: Mutex<Option<usize>>,
    pub crashed: AtomicBool,
    /// Appends wait while this is true (a save stopped half-way, to see what the viewer says
    /// meanwhile).
    pub hold_appends: Mutex<bool>,
    pub released: std::sync::Condvar,
    /// Appends that reached the pause.
    pub held: AtomicUsize,
    /// The file system is mounted read-only: every write fails as the system says it.
    pub read_only: AtomicBool,
}

impl Faulty {
    fn dead(&self) -> io::Result<()> {
        if self.crashed.load(Ordering::SeqCst) {
            Err(io::Error::other("the process was killed"))
        } else {
            Ok(())
        }
    }

    /// Fails a write on a read-only file system (EROFS).
    fn writable(&self) -> io::Result<()> {
        self.dead()?;
        if self.read_only.load(Ordering::SeqCst) {
            return Err(io::Error::from_raw_os_error(30));
        }
        Ok(())
    }

    /// Stops appends where they are until [`Self::release`].
    pub fn hold(&self) {
        *self.hold_appends.lock().unwrap() = true;
    }

    pub fn release(&self) {
        *self.hold_appends.lock().unwrap() = false;
        self.released.notify_all();
    }
}

fn append_bytes(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)?;
    file.write_all(bytes)
}

impl Fs for Faulty {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.dead()?;
        RealFs.read(path)
    }
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.writable()?;
        let n = self.writes.fetch_add(1, Ordering::SeqCst);
        if *self.disk_full_at_write.lock().unwrap() == Some(n) {
            RealFs.write_new(path, &bytes[..bytes.len() / 2])?;
            return Err(io::Error::other("No space left on device"));
        }
        RealFs.write_new(path, bytes)
    }
    fn append(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.writable()?;
        {
            let mut held = self.hold_appends.lock().unwrap();
            if *held {
                self.held.fetch_add(1, Ordering::SeqCst);
            }
            while *held {
                held = self.released.wait(held).unwrap();
            }
        }
        let n = self.writes.fetch_add(1, Ordering::SeqCst);
        if *self.disk_full_at_write.lock().unwrap() == Some(n) {
            append_bytes(path, &bytes[..bytes.len() / 2])?;
            return Err(io::Error::other("No space left on device"));
        }
        if let Some(cut) = self.crash_in_append_after.lock().unwrap().take() {
            append_bytes(path, &bytes[..cut.min(bytes.len())])?;
            self.crashed.store(true, Ordering::SeqCst);
            return self.dead();
        }
        RealFs.append(path, bytes)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.dead()?;
        let name = to.file_name().unwrap().to_string_lossy();
        if self.crash_before_renaming_onto.lock().unwrap().as_deref() == Some(&*name) {
            self.crashed.store(true, Ordering::SeqCst);
            return self.dead();
        }
        RealFs.rename(from, to)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.dead()?;
        RealFs.remove_file(path)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        self.dead()?;
        RealFs.sync_dir(dir)
    }
    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        self.dead()?;
        RealFs.create_dir_all(dir)
    }
    fn list_dir(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        self.dead()?;
        RealFs.list_dir(dir)
    }
    fn truncate(&self, path: &Path, len: u64) -> io::Result<()> {
        self.writable()?;
        RealFs.truncate(path, len)
    }
    fn probe(&self, target: &Path) -> io::Result<()> {
        self.writable()?;
        RealFs.probe(target)
    }
}

pub fn faulty_store(path: &Path, fs: Arc<Faulty>) -> ReviewStore {
    ReviewStore::open(
        Location::File(path.to_path_buf()),
        OpenOptions {
            fs,
            ..options(path.parent().unwrap(), "alice@pc")
        },
    )
}

/// A version 2 file (as dossier wrote before the log): its first save is a compaction.
fn version_2_file(path: &Path, note: &str) {
    let mut store = open(path, "alice@pc");
    set_note(&mut store, "17-13811QE", note);
    std::fs::write(path, store.export_bytes()).unwrap();
}

#[test]
fn a_crash_between_write_and_rename_of_a_compaction_leaves_the_previous_file() {
    let (dir, path) = temp();
    version_2_file(&path, "saved before the crash");
    let before = std::fs::read(&path).unwrap();
    let faulty = Arc::new(Faulty::default());
    *faulty.crash_before_renaming_onto.lock().unwrap() = Some("reviews.json".into());
    let mut doomed = faulty_store(&path, faulty.clone());
    set_note(&mut doomed, "17-13811QE", "never saved");
    assert!(doomed.save_now().is_err());
    assert!(faulty.crashed.load(Ordering::SeqCst));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let leftovers: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert_eq!(leftovers.len(), 1, "{:?}", names(dir.path()));
    drop(doomed);
    let mut next = open(&path, "alice@pc");
    assert_eq!(
        note(&next, "17-13811QE").as_deref(),
        Some("saved before the crash")
    );
    next.toggle_flag("17-13811QE", today()).unwrap();
    saved(&mut next);
    assert_eq!(
        names(dir.path()),
        ["reviews.json", "reviews.json.bak", "reviews.json.log"],
        "the leftover is cleared, the old file kept"
    );
    assert_eq!(
        std::fs::read(dir.path().join("reviews.json.bak")).unwrap(),
        before
    );
}

/// Killed at every byte of an append: what was saved before reads back whole, the torn
/// record is ignored, and the next save cuts it off and appends after it.
#[test]
fn a_crash_at_any_byte_of_an_append_loses_only_that_record() {
    let (_dir, path) = temp();
    let mut store = open(&path, "alice@pc");
    set_note(&mut store, "17-13811QE", "first, saved");
    saved(&mut store);
    store.toggle_flag("17-13985QE", today()).unwrap();
    saved(&mut store);
    drop(store);
    let snapshot = std::fs::read(&path).unwrap();
    let log = std::fs::read(log_of(&path)).unwrap();
    let record_len = {
        let mut probe = open(&path, "alice@pc");
        set_note(&mut probe, "17-13809QE", "second, torn");
        saved(&mut probe);
        std::fs::read(log_of(&path)).unwrap().len() - log.len()
    };
    for cut in 0..record_len {
        std::fs::write(&path, &snapshot).unwrap();
        std::fs::write(log_of(&path), &log).unwrap();
        let faulty = Arc::new(Faulty::default());
        *faulty.crash_in_append_after.lock().unwrap() = Some(cut);
        let mut doomed = faulty_store(&path, faulty.clone());
        set_note(&mut doomed, "17-13809QE", "second, torn");
        assert!(doomed.save_now().is_err(), "cut at {cut}");
        drop(doomed);
        let mut after = open(&path, "alice@pc");
        assert!(!after.is_read_only(), "cut at {cut}");
        assert_eq!(note(&after, "17-13811QE").as_deref(), Some("first, saved"));
        assert!(after.is_flagged("17-13985QE"), "cut at {cut}");
        assert_eq!(note(&after, "17-13809QE"), None, "cut at {cut}");
        set_note(&mut after, "17-16300QE", "third");
        saved(&mut after);
        let again = open(&path, "bob@mac");
        assert_eq!(
            note(&again, "17-16300QE").as_deref(),
            Some("third"),
            "cut at {cut}"
        );
        assert!(again.is_flagged("17-13985QE"), "cut at {cut}");
        assert!(
            std::fs::read(log_of(&path)).unwrap().starts_with(&log),
            "cut at {cut}: the records before stay as they were"
        );
    }
}

#[test]
fn a_full_disk_keeps_the_change_in_memory_the_file_intact_and_saves_later() {
    // 0: the append of a change fills the disk; in the second case the file is of version
    // 2, so the save is a compaction whose snapshot fills the disk.
    for (failing_write, old_format) in [(0, false), (0, true)] {
        let (_dir, path) = temp();
        let faulty = Arc::new(Faulty::default());
        if old_format {
            version_2_file(&path, "first");
        } else {
            let mut store = faulty_store(&path, faulty.clone());
            set_note(&mut store, "17-13811QE", "first");
            saved(&mut store);
        }
        let mut store = faulty_store(&path, faulty.clone());
        let snapshot = std::fs::read(&path).unwrap();
        faulty.writes.store(0, Ordering::SeqCst);
        *faulty.disk_full_at_write.lock().unwrap() = Some(failing_write);
        store.toggle_flag("17-13811QE", today()).unwrap();
        let err = store.save_now().unwrap_err().to_string();
        assert!(
            err.contains("No space left on device") && err.contains("reviews.json"),
            "{err}"
        );
        // The change is kept, unsaved, and said; what the files hold reads as before.
        assert!(store.is_flagged("17-13811QE"));
        assert!(store.has_unsaved_user_changes());
        assert_eq!(std::fs::read(&path).unwrap(), snapshot);
        let reader = open(&path, "bob@mac");
        assert!(!reader.is_flagged("17-13811QE"));
        assert_eq!(note(&reader, "17-13811QE").as_deref(), Some("first"));
        // Space freed: the next try saves it.
        *faulty.disk_full_at_write.lock().unwrap() = None;
        saved(&mut store);
        assert!(!store.has_unsaved_changes());
        assert!(open(&path, "bob@mac").is_flagged("17-13811QE"));
    }
}

#[test]
fn the_rescue_copy_holds_what_could_not_be_saved_and_imports_back() {
    let (dir, path) = temp();
    let faulty = Arc::new(Faulty::default());
    *faulty.disk_full_at_write.lock().unwrap() = Some(0);
    let mut store = faulty_store(&path, faulty.clone());
    set_note(&mut store, "17-13811QE", "à ne pas perdre");
    assert!(store.save_now().is_err());
    let copy = store.rescue_copy(&dir.path().join("unsaved")).unwrap();
    let mut later = open(&path, "alice@pc");
    later.import(&copy).unwrap();
    saved(&mut later);
    assert_eq!(
        note(&later, "17-13811QE").as_deref(),
        Some("à ne pas perdre")
    );
}

fn event(kind: EventKind, date: chrono::NaiveDate) -> Event {
    Event {
        kind,
        label: kind.as_str().to_string(),
        date,
        page: None,
        note: None,
    }
}

#[test]
fn what_changed_since_the_review_is_told_until_the_change_is_acknowledged() {
    let (_dir, path) = temp();
    let mut store = open(&path, "alice@pc");
    let q = question("17-16300QE");
    store.observe(&load_sample().questions, today());
    assert!(store.toggle_reviewed(&q, today()).unwrap());
    assert_eq!(store.change(&q), None);
    let mut signaled = q.clone();
    signaled
        .events
        .push(event(EventKind::Signaled, crate::util::d(2026, 11, 24)));
    assert_eq!(store.change(&signaled), Some(Change::Signaled));
    let mut other = q.clone();
    other.ministry_assigned = "Travail et solidarités".into();
    assert_eq!(store.change(&other), Some(Change::MinistryChanged));
    let mut answered = signaled.clone();
    answered.status = Status::Answered;
    answered.answer_text = "Le Gouvernement est mobilisé.".into();
    answered.events.push(event(
        EventKind::AnswerPublished,
        crate::util::d(2026, 11, 25),
    ));
    assert_eq!(store.change(&answered), Some(Change::Answered));
    // x on a changed question acknowledges it: reviewed now, no longer changed.
    assert!(store.toggle_reviewed(&signaled, today()).unwrap());
    assert!(store.is_reviewed(&q.id));
    assert_eq!(store.change(&signaled), None);
    // And x again un-reviews it.
    assert!(!store.toggle_reviewed(&signaled, today()).unwrap());
}

#[test]
fn new_questions_are_new_until_reviewed_and_the_first_load_marks_none() {
    let (_dir, path) = temp();
    let mut store = open(&path, "alice@pc");
    let sample = load_sample().questions;
    let summary = store.observe(&sample[..3], today());
    assert_eq!(summary.new_questions, 0, "the first load marks nothing new");
    let summary = store.observe(&sample, today());
    assert_eq!(summary.new_questions, 2);
    let newcomer = &sample[3];
    assert_eq!(store.change(newcomer), Some(Change::New));
    saved(&mut store);
    let mut again = open(&path, "alice@pc");
    assert_eq!(
        again.change(newcomer),
        Some(Change::New),
        "kept across restarts"
    );
    again.toggle_reviewed(newcomer, today()).unwrap();
    assert_eq!(again.change(newcomer), None);
}

#[test]
fn a_note_imported_with_escape_sequences_reaches_no_terminal_raw() {
    let s = Sandbox::new();
    let review = s.path("r.json");
    let colleague = s.path("bob.json");
    let mut bob = open(&colleague, "bob@mac");
    set_note(&mut bob, "17-13811QE", "Titre \u{1b}]2;PWNED\u{7} presse-papiers \u{1b}]52;c;ZXZpbA==\u{7} écran \u{1b}[2J \u{202e}fin");
    saved(&mut bob);
    drop(bob);
    let review = review.to_str().unwrap();
    let out = s.run(&[
        "--review-file",
        review,
        "review",
        "import",
        colleague.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for args in [
        vec!["report"],
        vec!["report", "--format", "csv"],
        vec!["report", "--format", "json"],
        vec!["list", "-q", "has:note"],
    ] {
        let mut all = vec!["--review-file", review];
        all.extend(args.iter().copied());
        let out = s.run(&all);
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "{args:?}:\n{text}"
        );
    }
    // Stored as given: the note in the file is the colleague's text.
    let store = open(Path::new(review), "alice@pc");
    assert!(note(&store, "17-13811QE")
        .unwrap()
        .contains("\u{1b}]2;PWNED"));
}

#[test]
fn importing_a_writers_snapshot_or_its_log_brings_the_marks_held_in_the_log() {
    let s = Sandbox::new();
    let alice = s.path("alice.json");
    let alice = alice.to_str().unwrap();
    for args in [
        vec!["review", "signal", "17-13811QE"],
        vec!["review", "note", "17-13985QE", "Relancer le cabinet"],
    ] {
        let mut all = vec!["--review-file", alice, "--writer", "alice@pc"];
        all.extend(args);
        s.ok(&all);
    }
    // The note is in the log beside the snapshot (a save appends there), not in it.
    let log = log_of(Path::new(alice));
    assert!(std::fs::read_to_string(&log)
        .unwrap()
        .contains("Relancer le cabinet"));
    assert!(!String::from_utf8_lossy(&std::fs::read(alice).unwrap()).contains("Relancer"));
    let import = |who: &str, file: &str| {
        let mine = s.path(&format!("{who}.json"));
        let out = s.ok(&[
            "--review-file",
            mine.to_str().unwrap(),
            "--writer",
            &format!("{who}@pc"),
            "review",
            "import",
            file,
        ]);
        let store = open(&mine, &format!("{who}@pc"));
        (out, note(&store, "17-13985QE"))
    };
    let expected = Some("Relancer le cabinet".to_string());
    // The snapshot named: its log read beside it.
    let (out, got) = import("bob", alice);
    assert!(
        out.contains("17-13985QE") && out.contains("17-13811QE"),
        "{out}"
    );
    assert_eq!(got, expected);
    // The log named: read with its snapshot.
    let (out, got) = import("carol", log.to_str().unwrap());
    assert!(
        out.contains("17-13985QE") && out.contains("17-13811QE"),
        "{out}"
    );
    assert_eq!(got, expected);
    // A log sent alone: the records it holds.
    let lone = s.path("sent/alice.json.log");
    std::fs::create_dir_all(lone.parent().unwrap()).unwrap();
    std::fs::copy(&log, &lone).unwrap();
    let (out, got) = import("dave", lone.to_str().unwrap());
    assert!(out.contains("17-13985QE"), "{out}");
    assert_eq!(got, expected);
    // A log that is no log is refused, naming it.
    std::fs::write(s.path("sent/bad.json.log"), "9010\n").unwrap();
    let out = s.run(&[
        "--review-file",
        s.path("erin.json").to_str().unwrap(),
        "review",
        "import",
        s.path("sent/bad.json.log").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("bad.json.log"), "{}", stderr(&out));
}

#[test]
fn a_damaged_or_foreign_file_given_to_import_is_said_in_the_language_chosen() {
    let s = Sandbox::new();
    let alice = s.path("alice.json");
    s.ok(&[
        "--review-file",
        alice.to_str().unwrap(),
        "review",
        "signal",
        "17-13811QE",
    ]);
    let whole = std::fs::read(&alice).unwrap();
    std::fs::write(s.path("cut.json"), &whole[..whole.len() - 3]).unwrap();
    std::fs::write(s.path("other.json"), "9010\n").unwrap();
    let import = |lang: &str, file: &str| {
        let out = s.run(&[
            "--lang",
            lang,
            "--review-file",
            s.path("bob.json").to_str().unwrap(),
            "review",
            "import",
            s.path(file).to_str().unwrap(),
        ]);
        assert!(!out.status.success());
        stderr(&out)
    };
    let said = import("fr", "cut.json");
    assert!(
        said.contains("cut.json\u{a0}: illisible (instantané tronqué, sa fin manque)"),
        "{said}"
    );
    assert!(!said.contains("cut short"), "{said}");
    let said = import("en", "cut.json");
    assert!(
        said.contains("a snapshot cut short, its end missing"),
        "{said}"
    );
    let said = import("fr", "other.json");
    assert!(
        said.contains("illisible (ce n'est pas un fichier de revue de dossier)"),
        "{said}"
    );
    // The JSON parser's words are only a detail after French ones.
    std::fs::write(s.path("broken.json"), "{ not json").unwrap();
    let said = import("fr", "broken.json");
    assert!(
        said.contains("illisible (ce n'est pas du JSON valide\u{a0}: key must be a string"),
        "{said}"
    );
}
