#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The review store: persistence, atomic replacement, unreadable files, concurrent writers,
//! simulated crashes and full disks, change tracking, import and export.

use chrono::NaiveDate;
use dossier_core::i18n::Lang;
use dossier_core::load::load_sample;
use dossier_core::model::{Event, EventKind, Question, Status};
use dossier_core::review::{
    dossier_key, Change, Fs, Imported, RealFs, ReviewError, ReviewStore, FORMAT_VERSION,
};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    day("2026-11-22")
}

fn sample() -> Vec<Question> {
    load_sample().questions
}

fn question(id: &str) -> Question {
    sample().into_iter().find(|q| q.id == id).unwrap()
}

/// A pending question of the sample, under another id (for dossiers bigger than the sample).
fn synthetic(n: u32) -> Question {
    let mut q = question("17-13811QE");
    q.number = 90_000 + n;
    q.id = format!("17-{}QE", q.number);
    q
}

fn event(kind: EventKind, date: NaiveDate) -> Event {
    Event {
        kind,
        label: kind.as_str().to_string(),
        date,
        page: None,
        note: None,
    }
}

fn answered(q: &Question, on: NaiveDate) -> Question {
    let mut q = q.clone();
    q.status = Status::Answered;
    q.answer_text = "Le Gouvernement est pleinement mobilisé.".to_string();
    q.events.push(event(EventKind::AnswerPublished, on));
    q
}

fn withdrawn(q: &Question, on: NaiveDate) -> Question {
    let mut q = q.clone();
    q.status = Status::Withdrawn;
    q.events.push(event(EventKind::Withdrawn, on));
    q
}

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reviews.json");
    (dir, path)
}

/// Files in the directory, by name, leaving out the lock file.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    names.sort();
    names
}

#[test]
fn round_trip_keeps_marks_flags_and_multiline_notes() {
    let (_dir, path) = temp();
    let q1 = question("17-13811QE");
    let q2 = question("17-13985QE");
    let mut store = ReviewStore::open(&path);
    assert!(!store.is_read_only());
    assert!(store.toggle_reviewed(&q1, today()).unwrap());
    assert!(store.toggle_flag(&q2, day("2026-11-21")).unwrap());
    store
        .set_note(
            &q2,
            "Relancer le cabinet.\nVoir avec le groupe\n\n".into(),
            today(),
        )
        .unwrap();

    let reopened = ReviewStore::open(&path);
    assert!(reopened.is_reviewed(&q1) && !reopened.is_flagged(&q1) && !reopened.has_note(&q1));
    assert!(reopened.is_flagged(&q2) && reopened.has_note(&q2) && !reopened.is_reviewed(&q2));
    let e2 = reopened.entry("17-13985QE").unwrap();
    assert_eq!(e2.note, "Relancer le cabinet.\nVoir avec le groupe");
    assert_eq!(e2.flagged, Some(day("2026-11-21")));
    assert_eq!(e2.noted, Some(today()));
    let e1 = reopened.entry("17-13811QE").unwrap();
    assert_eq!(e1.reviewed, Some(today()));
    assert_eq!(e1.snapshot.as_ref().unwrap().status, Status::Pending);
    assert_eq!(reopened.data(), store.data());

    // Human-readable JSON with its format and version.
    let text = std::fs::read_to_string(&path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["format"], "dossier-review");
    assert_eq!(json["version"], FORMAT_VERSION);
    assert_eq!(json["entries"]["17-13985QE"]["flagged"], "2026-11-21");
    assert!(text.contains("\"reviewed\": \"2026-11-22\""), "{text}");
    // Entries are listed by id, so that two versions of the file compare line by line.
    assert!(text.find("17-13811QE").unwrap() < text.find("17-13985QE").unwrap());
}

#[test]
fn toggling_back_and_blank_notes_leave_no_entry() {
    let (_dir, path) = temp();
    let q = question("17-16300QE");
    let mut store = ReviewStore::open(&path);
    assert!(store.toggle_flag(&q, today()).unwrap());
    assert!(!store.toggle_flag(&q, today()).unwrap());
    assert!(store.toggle_reviewed(&q, today()).unwrap());
    assert!(!store.toggle_reviewed(&q, today()).unwrap());
    store.set_note(&q, "à voir".into(), today()).unwrap();
    store.set_note(&q, "  \n ".into(), today()).unwrap();
    assert!(store.entry(&q.id).is_none());
    assert!(ReviewStore::open(&path).entry(&q.id).is_none());
}

#[test]
fn each_save_replaces_the_file_and_keeps_the_previous_version_as_bak() {
    let (dir, path) = temp();
    let bak = dir.path().join("reviews.json.bak");
    let q = question("17-13811QE");
    let mut store = ReviewStore::open(&path);
    store.set_note(&q, "first".into(), today()).unwrap();
    assert!(!bak.exists(), "no previous version to keep yet");
    let first = std::fs::read(&path).unwrap();

    store.set_note(&q, "second".into(), today()).unwrap();
    assert_eq!(std::fs::read(&bak).unwrap(), first);
    let second = std::fs::read(&path).unwrap();
    assert_ne!(second, first);

    store.toggle_flag(&q, today()).unwrap();
    assert_eq!(std::fs::read(&bak).unwrap(), second);
    // The temporary files were renamed into place: nothing else is left.
    assert_eq!(names(dir.path()), ["reviews.json", "reviews.json.bak"]);
}

#[test]
fn the_data_directory_is_created_at_the_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("reviews").join("sample.json");
    let mut store = ReviewStore::open(&path);
    store.toggle_flag(&question("17-13811QE"), today()).unwrap();
    assert!(ReviewStore::open(&path).is_flagged(&question("17-13811QE")));
}

/// Opens `content` as a review file and checks the store is read-only with `why` in its
/// reason, that changes fail with that reason, and that the file is never touched.
fn assert_refused(content: &[u8], why: &str) {
    let (dir, path) = temp();
    std::fs::write(&path, content).unwrap();
    let q = question("17-13811QE");
    let mut store = ReviewStore::open(&path);
    let reason = store.read_only_reason().expect("read-only").to_string();
    assert!(reason.contains(why), "{reason}");
    assert!(reason.contains("left untouched"), "{reason}");

    let err = store.toggle_reviewed(&q, today()).unwrap_err();
    assert!(matches!(err, ReviewError::ReadOnly { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(why), "{message}");
    assert!(store.set_note(&q, "x".into(), today()).is_err());
    assert!(store.toggle_flag(&q, today()).is_err());
    assert!(!store.is_reviewed(&q) && !store.is_flagged(&q) && !store.has_note(&q));
    let summary = store.observe(&sample(), today());
    assert!(summary.save_error.unwrap().contains(why));

    assert_eq!(std::fs::read(&path).unwrap(), content);
    assert_eq!(
        names(dir.path()),
        ["reviews.json"],
        "no backup or temp file"
    );
}

#[test]
fn a_corrupt_file_is_left_untouched_and_opens_read_only() {
    assert_refused(
        b"{ \"format\": \"dossier-review\", \"version\": 1, \"entries\": {",
        "not valid JSON",
    );
    assert_refused(&[0xff, 0xfe, 0x00, 0x42], "not valid JSON");
    assert_refused(b"{\"entries\": {}}", "not a dossier review file");
    assert_refused(
        b"{\"format\": \"dossier-review\", \"version\": 1, \"entries\": {\"17-1QE\": {\"reviewed\": \"31 fevrier\"}}}",
        "unexpected content",
    );
}

#[test]
fn a_file_from_a_newer_version_is_refused() {
    let newer = format!(
        "{{\"format\": \"dossier-review\", \"version\": {}, \"entries\": {{}}, \"shiny\": true}}",
        FORMAT_VERSION + 1
    );
    assert_refused(newer.as_bytes(), "newer dossier");
}

#[test]
fn the_reason_points_to_the_backup_when_there_is_one() {
    let (dir, path) = temp();
    let mut store = ReviewStore::open(&path);
    store.toggle_flag(&question("17-13811QE"), today()).unwrap();
    store.toggle_flag(&question("17-13985QE"), today()).unwrap();
    std::fs::write(&path, "garbage").unwrap();
    let reopened = ReviewStore::open(&path);
    let reason = reopened.read_only_reason().unwrap();
    assert!(reason.contains("reviews.json.bak"), "{reason}");
    assert!(dir.path().join("reviews.json.bak").exists());
}

#[test]
fn a_file_spoiled_after_opening_is_not_written_over() {
    let (_dir, path) = temp();
    let q = question("17-13811QE");
    let mut store = ReviewStore::open(&path);
    store.set_note(&q, "kept".into(), today()).unwrap();
    std::fs::write(&path, "<html>oops</html>").unwrap();

    let err = store.toggle_flag(&q, today()).unwrap_err();
    assert!(err.to_string().contains("not valid JSON"), "{err}");
    assert!(!store.is_flagged(&q), "the failed change is rolled back");
    assert!(store.is_read_only());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "<html>oops</html>");

    // Once the file is good again, a reload makes the store writable.
    std::fs::write(&path, "").unwrap();
    store.reload().unwrap();
    assert!(!store.is_read_only());
    store.toggle_flag(&q, today()).unwrap();
    assert!(ReviewStore::open(&path).is_flagged(&q));
}

#[test]
fn two_stores_on_one_file_do_not_lose_each_others_changes() {
    let (_dir, path) = temp();
    let (q1, q2, q3) = (
        question("17-13811QE"),
        question("17-13985QE"),
        question("17-16300QE"),
    );
    let mut a = ReviewStore::open(&path);
    let mut b = ReviewStore::open(&path);
    a.set_note(&q1, "note by A".into(), today()).unwrap();
    b.set_note(&q2, "note by B".into(), today()).unwrap();
    a.toggle_flag(&q2, today()).unwrap();
    b.toggle_reviewed(&q1, today()).unwrap();
    // Both write a note on the same question without having seen the other's.
    a.set_note(&q3, "A: call the ministry".into(), today())
        .unwrap();
    b.set_note(&q3, "B: ask the group president".into(), today())
        .unwrap();
    // A changes only the flag of q3: B's combined note must survive it.
    a.toggle_flag(&q3, today()).unwrap();

    let c = ReviewStore::open(&path);
    assert_eq!(c.entry(&q1.id).unwrap().note, "note by A");
    assert!(c.is_reviewed(&q1));
    assert_eq!(c.entry(&q2.id).unwrap().note, "note by B");
    assert!(c.is_flagged(&q2));
    assert!(c.is_flagged(&q3));
    let note = &c.entry(&q3.id).unwrap().note;
    assert!(note.contains("A: call the ministry"), "{note}");
    assert!(note.contains("B: ask the group president"), "{note}");
    assert!(note.contains("other version of the note"), "{note}");
    // Each store shows what it saved merged with the other's.
    assert_eq!(a.data(), c.data());
}

#[test]
fn two_additions_to_one_note_keep_the_common_text_once() {
    let (_dir, path) = temp();
    let q = question("17-13811QE");
    let mut a = ReviewStore::open(&path);
    a.set_note(&q, "Base.".into(), today()).unwrap();
    let mut b = ReviewStore::open(&path);
    a.set_note(&q, "Base.\nA adds.".into(), today()).unwrap();
    b.set_note(&q, "Base.\nB adds.".into(), today()).unwrap();
    let note = ReviewStore::open(&path).entry(&q.id).unwrap().note.clone();
    assert_eq!(note.matches("Base.").count(), 1, "{note}");
    assert!(
        note.contains("A adds.") && note.contains("B adds."),
        "{note}"
    );
}

#[test]
fn two_threads_writing_at_once_lose_nothing() {
    let (_dir, path) = temp();
    let per_thread = 20;
    let handles: Vec<_> = ["A", "B"]
        .into_iter()
        .enumerate()
        .map(|(t, name)| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = ReviewStore::open(&path);
                for i in 0..per_thread {
                    let q = synthetic((t * per_thread + i) as u32);
                    store
                        .set_note(&q, format!("{name} note {i}"), today())
                        .unwrap();
                    store.toggle_flag(&q, today()).unwrap();
                    // Both threads also review one shared question, in turn.
                    if i % 5 == 0 {
                        store.toggle_reviewed(&synthetic(999), today()).unwrap();
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let store = ReviewStore::open(&path);
    for (t, name) in ["A", "B"].into_iter().enumerate() {
        for i in 0..per_thread {
            let q = synthetic((t * per_thread + i) as u32);
            let e = store
                .entry(&q.id)
                .unwrap_or_else(|| panic!("{} lost", q.id));
            assert_eq!(e.note, format!("{name} note {i}"));
            assert!(e.flagged.is_some());
        }
    }
}

/// Writes a colleague's review file with one note and a flag on `id`.
fn colleague_file(dir: &Path, n: usize, id: &str) -> PathBuf {
    let path = dir.join(format!("colleague-{n}.json"));
    let json = serde_json::json!({
        "format": "dossier-review",
        "version": 1,
        "entries": { id: { "flagged": "2026-11-20", "note": format!("colleague {n} says hello") } },
        "known_ids": []
    });
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    path
}

#[test]
fn processes_importing_into_one_file_at_once_lose_no_note() {
    let (dir, path) = temp();
    let n = 6;
    let files: Vec<PathBuf> = (0..n)
        .map(|i| colleague_file(dir.path(), i, "17-13811QE"))
        .collect();
    let children: Vec<_> = files
        .iter()
        .map(|file| {
            std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                .args(["review", "import"])
                .arg(file)
                .arg("--review-file")
                .arg(&path)
                .output_async()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = ReviewStore::open(&path);
    let note = &store.entry("17-13811QE").unwrap().note;
    for i in 0..n {
        assert!(
            note.contains(&format!("colleague {i} says hello")),
            "{note}"
        );
    }
}

/// Spawning without waiting, so that the processes run at the same time.
trait OutputAsync {
    fn output_async(&mut self) -> std::process::Child;
}

impl OutputAsync for std::process::Command {
    fn output_async(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}

/// The real file system, with a full disk or a crash on demand.
#[derive(Default)]
struct Faulty {
    /// The number (from 0) of the write that fills the disk half-way through.
    disk_full_at_write: Mutex<Option<usize>>,
    writes: AtomicUsize,
    /// The process "dies" when about to rename a temporary file over this file name: the
    /// rename does not happen, nor anything after it.
    crash_before_renaming_onto: Mutex<Option<String>>,
    crashed: AtomicBool,
}

impl Faulty {
    fn dead(&self) -> io::Result<()> {
        if self.crashed.load(Ordering::SeqCst) {
            Err(io::Error::other("the process was killed"))
        } else {
            Ok(())
        }
    }
}

impl Fs for Faulty {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.dead()?;
        RealFs.read(path)
    }

    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.dead()?;
        let n = self.writes.fetch_add(1, Ordering::SeqCst);
        if *self.disk_full_at_write.lock().unwrap() == Some(n) {
            RealFs.write_new(path, &bytes[..bytes.len() / 2])?;
            return Err(io::Error::other("No space left on device"));
        }
        RealFs.write_new(path, bytes)
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
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_previous_file() {
    let (dir, path) = temp();
    let q = question("17-13811QE");
    ReviewStore::open(&path)
        .set_note(&q, "saved before the crash".into(), today())
        .unwrap();
    let before = std::fs::read(&path).unwrap();

    let faulty = Arc::new(Faulty::default());
    *faulty.crash_before_renaming_onto.lock().unwrap() = Some("reviews.json".into());
    let mut doomed = ReviewStore::open_with(&path, faulty.clone());
    assert!(doomed.set_note(&q, "never saved".into(), today()).is_err());
    assert!(faulty.crashed.load(Ordering::SeqCst));

    // The new version was fully written to a temporary file that the crash left behind...
    let leftovers: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with(".reviews.json.tmp-"))
        .collect();
    assert_eq!(leftovers.len(), 1, "{:?}", names(dir.path()));
    let leftover = std::fs::read_to_string(dir.path().join(&leftovers[0])).unwrap();
    assert!(leftover.contains("never saved"));
    // ...but the store is the file as it was, and the leftover is never taken for it.
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let mut next = ReviewStore::open(&path);
    assert!(!next.is_read_only());
    assert_eq!(next.entry(&q.id).unwrap().note, "saved before the crash");

    // The next save works and clears the leftover.
    next.toggle_flag(&q, today()).unwrap();
    assert_eq!(names(dir.path()), ["reviews.json", "reviews.json.bak"]);
    let after = ReviewStore::open(&path);
    assert!(after.is_flagged(&q));
    assert_eq!(after.entry(&q.id).unwrap().note, "saved before the crash");
}

#[test]
fn a_full_disk_mid_write_keeps_the_previous_file_and_says_not_saved() {
    // Write 0 is the backup of the previous version, write 1 the new version.
    for failing_write in [0, 1] {
        let (dir, path) = temp();
        let q = question("17-13811QE");
        let faulty = Arc::new(Faulty::default());
        let mut store = ReviewStore::open_with(&path, faulty.clone());
        store.set_note(&q, "first".into(), today()).unwrap();
        let before = std::fs::read(&path).unwrap();

        faulty.writes.store(0, Ordering::SeqCst);
        *faulty.disk_full_at_write.lock().unwrap() = Some(failing_write);
        let err = store.toggle_flag(&q, today()).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("No space left on device"), "{message}");
        assert!(message.contains("reviews.json"), "{message}");
        assert!(matches!(err, ReviewError::Io { .. }));
        // Memory says what the disk says: the flag is not set.
        assert!(!store.is_flagged(&q));
        assert!(!store.has_unsaved_changes());
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(!ReviewStore::open(&path).is_flagged(&q));
        // The half-written temporary file was removed.
        assert!(
            names(dir.path()).iter().all(|n| !n.contains(".tmp-")),
            "{:?}",
            names(dir.path())
        );

        // Space freed: the same change now saves.
        *faulty.disk_full_at_write.lock().unwrap() = None;
        assert!(store.toggle_flag(&q, today()).unwrap());
        assert!(ReviewStore::open(&path).is_flagged(&q));
    }
}

#[test]
fn a_failed_note_save_keeps_the_previous_note() {
    let (_dir, path) = temp();
    let q = question("17-13985QE");
    let faulty = Arc::new(Faulty::default());
    let mut store = ReviewStore::open_with(&path, faulty.clone());
    store.set_note(&q, "old note".into(), today()).unwrap();
    *faulty.disk_full_at_write.lock().unwrap() = Some(faulty.writes.load(Ordering::SeqCst));
    assert!(store.set_note(&q, "new note".into(), today()).is_err());
    assert_eq!(store.entry(&q.id).unwrap().note, "old note");
}

#[test]
fn the_first_load_marks_nothing_new_and_later_loads_mark_new_questions() {
    let (_dir, path) = temp();
    let mut questions = sample();
    let mut store = ReviewStore::open(&path);
    let first = store.observe(&questions, day("2026-11-01"));
    assert_eq!(first.total(), 0);
    assert_eq!(first.sentence(Lang::En), None);
    assert!(questions.iter().all(|q| !store.is_changed(q)));

    let newcomer = synthetic(1);
    questions.push(newcomer.clone());
    let summary = store.observe(&questions, today());
    assert_eq!(summary.new_questions, 1);
    assert_eq!(summary.total(), 1);
    assert_eq!(summary.save_error, None);
    assert_eq!(store.change(&newcomer), Some(Change::New));
    assert_eq!(store.entry(&newcomer.id).unwrap().added, Some(today()));
    assert_eq!(
        summary.sentence(Lang::En).unwrap(),
        "1 new question since your last review"
    );
    assert_eq!(
        summary.sentence(Lang::Fr).unwrap(),
        "1 nouvelle question depuis votre dernière revue"
    );

    // Persisted: it is still new after a restart, and a later load does not clear it.
    let mut store = ReviewStore::open(&path);
    assert!(store.is_changed(&newcomer));
    assert_eq!(store.observe(&questions, today()).new_questions, 1);
    // Reviewing clears it.
    store.toggle_reviewed(&newcomer, today()).unwrap();
    assert!(!store.is_changed(&newcomer));
    assert_eq!(store.observe(&questions, today()).total(), 0);
    assert!(!ReviewStore::open(&path).is_changed(&newcomer));
}

#[test]
fn answers_withdrawals_and_other_changes_since_review_are_told_until_reviewed_again() {
    let (_dir, path) = temp();
    let pending = sample();
    let mut store = ReviewStore::open(&path);
    store.observe(&pending, day("2026-11-01"));
    let (a, w, o, untouched) = (
        question("17-13811QE"),
        question("17-13985QE"),
        question("17-16300QE"),
        question("17-13809QE"),
    );
    for q in [&a, &w, &o, &untouched] {
        store.toggle_reviewed(q, day("2026-11-01")).unwrap();
    }
    // A question never reviewed is not "changed" when it is answered.
    let never_reviewed = question("16-16353QE");

    let mut signaled = o.clone();
    signaled
        .events
        .push(event(EventKind::Signaled, day("2026-11-10")));
    let mut rewrapped = untouched.clone();
    rewrapped.answer_text = rewrapped
        .answer_text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("\n  ");
    let now = vec![
        answered(&a, day("2026-11-17")),
        withdrawn(&w, day("2026-11-18")),
        signaled,
        rewrapped,
        answered(&never_reviewed, day("2026-11-17")),
    ];

    let summary = store.observe(&now, today());
    assert_eq!(
        (
            summary.new_questions,
            summary.new_answers,
            summary.new_withdrawals,
            summary.other_changes
        ),
        (0, 1, 1, 1)
    );
    assert_eq!(store.change(&now[0]), Some(Change::Answered));
    assert_eq!(store.change(&now[1]), Some(Change::Withdrawn));
    assert_eq!(store.change(&now[2]), Some(Change::Other));
    assert!(
        !store.is_changed(&now[3]),
        "re-wrapping the answer is not a change"
    );
    assert!(!store.is_changed(&now[4]));
    assert_eq!(
        summary.sentence(Lang::En).unwrap(),
        "1 new answer, 1 withdrawal and 1 other change since your last review"
    );
    assert_eq!(
        summary.sentence(Lang::Fr).unwrap(),
        "1 nouvelle réponse, 1 retrait et 1 autre changement depuis votre dernière revue"
    );

    // Still changed after a restart; un-reviewing and reviewing again clears it.
    let mut store = ReviewStore::open(&path);
    assert!(store.is_changed(&now[0]));
    assert!(!store.toggle_reviewed(&now[0], today()).unwrap());
    assert!(
        !store.is_changed(&now[0]),
        "not reviewed: nothing to compare with"
    );
    assert!(store.toggle_reviewed(&now[0], today()).unwrap());
    assert!(!store.is_changed(&now[0]));
    assert_eq!(store.summary(&now).total(), 2);
}

#[test]
fn plural_sentences() {
    let summary = dossier_core::review::ChangeSummary {
        new_answers: 2,
        new_questions: 3,
        ..Default::default()
    };
    assert_eq!(
        summary.sentence(Lang::En).unwrap(),
        "3 new questions and 2 new answers since your last review"
    );
    assert_eq!(
        summary.sentence(Lang::Fr).unwrap(),
        "3 nouvelles questions et 2 nouvelles réponses depuis votre dernière revue"
    );
}

#[test]
fn observe_on_an_unreadable_file_says_why_nothing_was_saved() {
    let (_dir, path) = temp();
    let mut store = ReviewStore::open(&path);
    store.observe(&sample(), day("2026-11-01"));
    let mut questions = sample();
    questions.push(synthetic(7));
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.truncate(bytes.len() - 5);
    std::fs::write(&path, &bytes).unwrap();

    let mut store = ReviewStore::open(&path);
    assert!(store.is_read_only());
    let summary = store.observe(&questions, today());
    assert_eq!(
        summary.total(),
        0,
        "an unreadable file tells no previous load"
    );
    assert!(summary.save_error.unwrap().contains("not valid JSON"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn new_question_marks_that_could_not_be_saved_go_with_the_next_save() {
    let (_dir, path) = temp();
    let faulty = Arc::new(Faulty::default());
    let mut store = ReviewStore::open_with(&path, faulty.clone());
    store.observe(&sample(), day("2026-11-01"));
    let mut questions = sample();
    let newcomer = synthetic(3);
    questions.push(newcomer.clone());

    *faulty.disk_full_at_write.lock().unwrap() = Some(faulty.writes.load(Ordering::SeqCst));
    let summary = store.observe(&questions, today());
    assert_eq!(summary.new_questions, 1);
    assert!(summary.save_error.unwrap().contains("No space left"));
    assert!(store.is_changed(&newcomer), "kept for the session");
    assert!(store.has_unsaved_changes());
    assert!(!ReviewStore::open(&path).is_changed(&newcomer));

    *faulty.disk_full_at_write.lock().unwrap() = None;
    store.toggle_flag(&question("17-13811QE"), today()).unwrap();
    assert!(!store.has_unsaved_changes());
    let reopened = ReviewStore::open(&path);
    assert!(reopened.is_changed(&newcomer));
    assert!(reopened.is_flagged(&question("17-13811QE")));
}

#[test]
fn import_merges_a_colleagues_export_and_keeps_both_notes() {
    let dir = tempfile::tempdir().unwrap();
    let (q1, q2, q3) = (
        question("17-13811QE"),
        question("17-13985QE"),
        question("17-16300QE"),
    );
    let mut mine = ReviewStore::open(dir.path().join("mine.json"));
    mine.set_note(&q1, "Mine: relancer en janvier".into(), today())
        .unwrap();
    mine.toggle_reviewed(&q2, day("2026-11-01")).unwrap();
    mine.toggle_flag(&q3, day("2026-11-02")).unwrap();

    let mut theirs = ReviewStore::open(dir.path().join("theirs.json"));
    theirs
        .set_note(
            &q1,
            "Theirs: le cabinet a promis une réponse".into(),
            today(),
        )
        .unwrap();
    theirs.toggle_reviewed(&q2, day("2026-11-15")).unwrap();
    theirs.toggle_flag(&q2, day("2026-11-15")).unwrap();
    theirs.toggle_flag(&q3, day("2026-11-20")).unwrap();
    theirs.set_note(&q3, "Theirs only".into(), today()).unwrap();
    let export = dir.path().join("export.json");
    assert_eq!(theirs.export(&export).unwrap(), 3);

    let report = mine.import(&export).unwrap();
    let merged: std::collections::BTreeMap<_, _> = report.merged.iter().cloned().collect();
    assert_eq!(merged["17-13811QE"], [Imported::NotesCombined]);
    assert_eq!(
        merged["17-13985QE"],
        [
            Imported::Reviewed(day("2026-11-15")),
            Imported::Flagged(day("2026-11-15"))
        ]
    );
    assert_eq!(merged["17-16300QE"], [Imported::NoteAdded]);
    let note = &mine.entry(&q1.id).unwrap().note;
    assert!(note.starts_with("Mine: relancer en janvier"), "{note}");
    assert!(note.contains("imported from export.json"), "{note}");
    assert!(
        note.ends_with("Theirs: le cabinet a promis une réponse"),
        "{note}"
    );
    // Our earlier flag date stays; the later review date is taken.
    assert_eq!(mine.entry(&q3.id).unwrap().flagged, Some(day("2026-11-02")));
    assert_eq!(
        mine.entry(&q2.id).unwrap().reviewed,
        Some(day("2026-11-15"))
    );

    // Saved at once, and importing again brings nothing new.
    let on_disk = ReviewStore::open(dir.path().join("mine.json"));
    assert_eq!(on_disk.data(), mine.data());
    let again = mine.import(&export).unwrap();
    assert!(again.merged.is_empty());
    assert_eq!(again.unchanged, 3);
    assert_eq!(
        ReviewStore::open(dir.path().join("mine.json")).data(),
        mine.data()
    );
}

#[test]
fn importing_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.json");
    let mut mine = ReviewStore::open(&path);
    mine.toggle_flag(&question("17-13811QE"), today()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"format\": \"dossier-review\", \"version\": 99}").unwrap();
    let err = mine.import(&bad).unwrap_err();
    assert!(matches!(err, ReviewError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("bad.json"), "{err}");
    let missing = mine.import(&dir.path().join("missing.json")).unwrap_err();
    assert!(matches!(missing, ReviewError::Io { .. }), "{missing}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn default_paths_are_one_file_per_dossier() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("Asalée");
    let b = dir.path().join("retraites");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    assert_eq!(dossier_key(&[]), "sample");
    let ab = dossier_key(&[a.clone(), b.clone()]);
    assert_eq!(
        ab,
        dossier_key(&[b.clone(), a.clone()]),
        "order does not matter"
    );
    assert_eq!(
        ab,
        dossier_key(&[a.join("."), b.join("..").join("retraites")]),
        "canonical paths"
    );
    assert_ne!(ab, dossier_key(std::slice::from_ref(&a)));
    assert!(
        dossier_key(std::slice::from_ref(&a)).starts_with("asalee-"),
        "{}",
        dossier_key(&[a])
    );
    if let Some(path) = ReviewStore::default_path(&[]) {
        assert_eq!(path.file_name().unwrap(), "sample.json");
        assert_eq!(path.parent().unwrap().file_name().unwrap(), "reviews");
    }
}

#[test]
fn an_unavailable_store_refuses_changes_with_its_reason() {
    let mut store = ReviewStore::unavailable("no data directory");
    let err = store
        .toggle_flag(&question("17-13811QE"), today())
        .unwrap_err();
    assert!(err.to_string().contains("no data directory"), "{err}");
}
