//! The viewer driven through its update function, rendered on ratatui's TestBackend. The
//! effects `update` returns (loads, filters, saves, reads) are run here in the test by the
//! same `perform` as the event loop's, in order, in an environment of the test's own (no
//! terminal, no clipboard, no program run: each is recorded), and their results fed back as
//! actions: everything is deterministic.

use crate::util::{copy_assets, today};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dossier::tui::action::Action;
use dossier::tui::app::layers::{Confirm, OverlayKind};
use dossier::tui::app::{App, Settings};
use dossier::tui::effect::{perform, Effect, Env};
use dossier::tui::external::{External, Ran, RunError};
use dossier::tui::held::{self, Held};
use dossier::tui::panes::Pane;
use dossier::tui::update::{start, update};
use dossier::tui::widgets::theme::Theme;
use dossier::tui::{action_for, screen};
use dossier_core::cache::Cache;
use dossier_core::i18n::Lang;
use dossier_core::library::Origin;
use dossier_core::parse::problem::IoReason;
use dossier_core::review::fs::Fs;
use dossier_core::review::store::{execute_read, execute_save};
use dossier_core::review::writer::{Done, Job};
use dossier_core::review::{Location, NoteView, OpenOptions, ReviewStore};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

/// A viewer with a review file in a temporary folder, on the sample or on files.
pub struct Viewer {
    pub app: App,
    /// Holds the review file's folder while the viewer lives.
    pub _dir: tempfile::TempDir,
    /// Loads are answered only when this is true (to test what happens meanwhile).
    pub answer_loads: bool,
    pub held: Vec<Effect>,
    pub copied: Vec<String>,
    /// Cache writes asked for.
    pub stores: usize,
    /// Programs the viewer asked to run on the terminal.
    pub ran: Vec<External>,
}

/// The test's side of the outside world: review jobs run at once on the store's own file
/// operations (as the writer's thread runs them), the clipboard and the programs recorded,
/// early actions kept to be fed back before the effect's last.
struct TestEnv {
    fs: Arc<dyn Fs>,
    dir: PathBuf,
    never: AtomicBool,
    early: Mutex<Vec<Action>>,
    copied: Mutex<Vec<String>>,
    ran: Mutex<Vec<External>>,
}

impl Env for TestEnv {
    fn today(&self) -> chrono::NaiveDate {
        today()
    }

    fn cache(&self) -> Option<&Cache> {
        None
    }

    fn cancelled(&self) -> &AtomicBool {
        &self.never
    }

    fn early(&self, action: Action) {
        self.early.lock().unwrap().push(action);
    }

    fn review(&self, job: Job) -> Option<Action> {
        let done = match job {
            Job::Save(job) => Done::Saved(execute_save(self.fs.as_ref(), &job)),
            Job::Read(job) => Done::Read(execute_read(self.fs.as_ref(), &job, "alice@pc")),
        };
        Some(Action::Review(Box::new(done)))
    }

    fn open_review(&self, origin: &Origin) -> ReviewStore {
        review_in(&self.dir, origin)
    }

    fn copy(&self, text: &str) -> Result<&'static str, IoReason> {
        self.copied.lock().unwrap().push(text.to_string());
        Ok("test")
    }

    fn program(&self, program: &External) -> Result<Ran, RunError> {
        self.ran.lock().unwrap().push(program.clone());
        Ok(Ran::Quietly)
    }

    fn suspend(&self) {}
}

/// The review store of a dossier, in the folder `dir`, as the switcher opens them.
fn review_in(dir: &Path, origin: &Origin) -> ReviewStore {
    ReviewStore::open(
        Location::File(dir.join(format!("reviews-{}.json", origin.review_key()))),
        OpenOptions {
            lock_dir: Some(dir.join("locks")),
            ..OpenOptions::new("alice@pc")
        },
    )
}

pub fn settings(lang: Lang) -> Settings {
    let mut s = Settings::new(lang, today());
    let config = dossier::config::Config::defaults();
    s.theme = Theme::from_layers(&config.themes, dossier::config::Base::Dark, false).0;
    s.mouse = true;
    s
}

impl Viewer {
    pub fn new(lang: Lang) -> Viewer {
        Viewer::on(lang, Vec::new(), None)
    }

    /// A viewer on `paths` (none: the sample), its review file in `review_dir` or its own.
    pub fn on(lang: Lang, paths: Vec<PathBuf>, review: Option<&Path>) -> Viewer {
        let mut s = settings(lang);
        if !paths.is_empty() {
            s.origin = Origin::Paths(paths.clone());
        }
        Viewer::with(s, review)
    }

    /// A viewer with these settings (its origin says what it loads).
    pub fn with(settings: Settings, review: Option<&Path>) -> Viewer {
        let dir = tempfile::tempdir().unwrap();
        // Each origin its own review file, as `review_of` opens them on a switch.
        let file = review.map(Path::to_path_buf).unwrap_or_else(|| {
            dir.path()
                .join(format!("reviews-{}.json", settings.origin.review_key()))
        });
        let store = ReviewStore::open(
            Location::File(file),
            OpenOptions {
                lock_dir: Some(dir.path().join("locks")),
                ..OpenOptions::new("alice@pc")
            },
        );
        Viewer::over(App::new(settings, store), dir)
    }

    /// A viewer over an app made elsewhere, started as the event loop starts it.
    pub fn over(app: App, dir: tempfile::TempDir) -> Viewer {
        let mut v = Viewer {
            app,
            _dir: dir,
            answer_loads: true,
            held: Vec::new(),
            copied: Vec::new(),
            stores: 0,
            ran: Vec::new(),
        };
        let fx = start(&mut v.app);
        v.act(Action::Resize(120, 40));
        v.run(fx);
        v
    }

    /// Does an effect as the event loop does, through the same `perform`: the actions it
    /// answers with, early ones first.
    pub fn perform(&mut self, effect: Effect) -> Vec<Action> {
        if matches!(effect, Effect::StoreCache(_)) {
            self.stores += 1;
        }
        let env = TestEnv {
            fs: self.app.review.fs(),
            dir: self._dir.path().to_path_buf(),
            never: AtomicBool::new(false),
            early: Mutex::default(),
            copied: Mutex::default(),
            ran: Mutex::default(),
        };
        let last = perform(effect, &env);
        self.copied.extend(env.copied.into_inner().unwrap());
        self.ran.extend(env.ran.into_inner().unwrap());
        let mut actions = env.early.into_inner().unwrap();
        actions.extend(last);
        actions
    }

    /// Runs effects as the event loop does, feeding their results back.
    pub fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            if matches!(effect, Effect::Load { .. }) && !self.answer_loads {
                self.held.push(effect);
                continue;
            }
            for action in self.perform(effect) {
                queue.extend(update(&mut self.app, action));
            }
        }
    }

    /// Answers the loads held back.
    pub fn release_loads(&mut self) {
        self.answer_loads = true;
        let held = std::mem::take(&mut self.held);
        self.run(held);
    }

    pub fn act(&mut self, action: Action) {
        let fx = update(&mut self.app, action);
        self.run(fx);
    }

    /// Types keys as a user would: each char is a key press, `<Enter>`-style names are
    /// special keys, `<C-x>` is Ctrl-x.
    pub fn press(&mut self, keys: &str) {
        for key in key_events(keys) {
            if let Some(action) = action_for(&self.app, Event::Key(key)) {
                self.act(action);
            }
        }
    }

    /// Types keys as [`Viewer::press`] does, each read in the mode the keys before it
    /// leave, but holds back the effects they ask for (a read, a save) instead of running
    /// them: what is typed before any answer comes back. Returns the effects held.
    pub fn press_unanswered(&mut self, keys: &str) -> Vec<Effect> {
        let mut held = Vec::new();
        for key in key_events(keys) {
            if let Some(action) = action_for(&self.app, Event::Key(key)) {
                held.extend(update(&mut self.app, action));
            }
        }
        held
    }

    /// The screen at a size, as text.
    pub fn screen(&mut self, w: u16, h: u16) -> String {
        self.act(Action::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| screen::draw(&self.app, f)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..h {
            let line: String = (0..w)
                .map(|x| buffer.cell((x, y)).map_or(" ", |c| c.symbol()))
                .collect();
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    pub fn shown(&self) -> Vec<String> {
        self.app
            .hits
            .iter()
            .map(|h| self.app.dossier.rows[h.index].id.to_string())
            .collect()
    }

    pub fn selected(&self) -> Option<String> {
        self.app.selected_question().map(|q| q.id.to_string())
    }

    /// Selects a question by id, with the keys.
    pub fn select(&mut self, id: &str) {
        self.press("g");
        for _ in 0..self.app.hits.len() {
            if self.selected().as_deref() == Some(id) {
                return;
            }
            self.press("j");
        }
        panic!("{id} not shown");
    }
}

/// Key presses for `keys`: each char is a key press, `<Enter>`-style names are special
/// keys, `<C-x>` is Ctrl-x.
pub fn key_events(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while !rest.is_empty() {
        let (code, mods, used) = if let Some(name) = rest.strip_prefix('<') {
            let end = name.find('>').expect("closing >");
            let key = &name[..end];
            let (mods, key) = match key.strip_prefix("C-") {
                Some(k) => (KeyModifiers::CONTROL, k),
                None => (KeyModifiers::NONE, key),
            };
            let code = match key {
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "Down" => KeyCode::Down,
                "Up" => KeyCode::Up,
                "PageDown" => KeyCode::PageDown,
                "End" => KeyCode::End,
                "Home" => KeyCode::Home,
                "Backspace" => KeyCode::Backspace,
                k if k.chars().count() == 1 => KeyCode::Char(k.chars().next().unwrap()),
                other => panic!("unknown key {other}"),
            };
            (code, mods, end + 2)
        } else {
            let c = rest.chars().next().unwrap();
            (KeyCode::Char(c), KeyModifiers::NONE, c.len_utf8())
        };
        rest = &rest[used..];
        out.push(KeyEvent::new(code, mods));
    }
    out
}

#[test]
fn the_sample_at_three_sizes() {
    let mut v = Viewer::new(Lang::Fr);
    insta::assert_snapshot!("sample_80x24", v.screen(80, 24));
    insta::assert_snapshot!("sample_120x40", v.screen(120, 40));
    insta::assert_snapshot!("sample_200x50", v.screen(200, 50));
}

#[test]
fn the_english_interface() {
    let mut v = Viewer::new(Lang::En);
    insta::assert_snapshot!("sample_en_120x40", v.screen(120, 40));
}

#[test]
fn a_tiny_terminal() {
    let mut v = Viewer::new(Lang::Fr);
    insta::assert_snapshot!("tiny_30x10", v.screen(30, 10));
}

#[test]
fn a_filtered_view_shows_counts_among_those_shown_and_in_all() {
    let mut v = Viewer::new(Lang::Fr);
    v.press("/batho<Enter>");
    assert_eq!(v.shown(), ["16-16353QE"]);
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("1 affichée / 5 · 0/3 en attente · 0/3 en retard · 0/3 à revoir"),
        "{screen}"
    );
    insta::assert_snapshot!("filtered_120x40", screen);
}

#[test]
fn a_search_typed_shows_its_best_first_and_keeps_the_one_then_chosen() {
    let mut v = Viewer::new(Lang::Fr);
    v.press("G");
    let last = v.selected();
    v.press("/infirmieres");
    let shown = v.shown();
    assert!(shown.len() > 1);
    assert_eq!(
        v.selected().as_ref(),
        shown.first(),
        "the best match, not {last:?}"
    );
    assert_eq!(v.app.list_offset, 0);
    // Chosen in the results, it stays chosen when the filter is cleared.
    v.press("<Down><Esc>");
    let chosen = shown[1].clone();
    assert_eq!(v.selected(), Some(chosen));
}

#[test]
fn the_help_can_be_read_to_its_end_at_every_size() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let mut v = Viewer::new(Lang::Fr);
        v.press("?G");
        let screen = v.screen(w, h);
        assert!(
            screen.contains("text: texte:"),
            "{w}x{h}: the last field of the help is shown:\n{screen}"
        );
        if (w, h) == (80, 24) {
            insta::assert_snapshot!("help_end_80x24", screen);
        }
    }
    let mut v = Viewer::new(Lang::Fr);
    v.press("?");
    insta::assert_snapshot!("help_top_120x40", v.screen(120, 40));
}

#[test]
fn ctrl_z_suspends_from_the_help_and_the_log_and_they_are_there_on_return() {
    for (open, kind) in [("?", OverlayKind::Help), ("!", OverlayKind::Log)] {
        let mut v = Viewer::new(Lang::En);
        v.press(open);
        let held = v.press_unanswered("<C-z>");
        assert!(
            held.iter().any(|e| matches!(e, Effect::Suspend)),
            "{open}: {held:?}"
        );
        v.run(held);
        assert_eq!(v.app.layers.overlay().map(|o| o.kind), Some(kind));
    }
}

#[test]
fn the_help_lists_the_keys_in_force() {
    let mut v = Viewer::new(Lang::En);
    v.press("?");
    let lines = v
        .app
        .cache
        .overlay
        .as_ref()
        .unwrap()
        .1
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    for (keys, what) in [
        ("j / ↓", "next line"),
        ("x", "mark reviewed"),
        ("Ctrl-s", "save the note"),
        ("]", "next question to review"),
    ] {
        assert!(
            lines.lines().any(|l| l.contains(keys) && l.contains(what)),
            "{keys} {what}:\n{lines}"
        );
    }
}

#[test]
fn loads_arrive_as_actions_and_the_list_waits_for_them() {
    let dir = tempfile::tempdir().unwrap();
    copy_assets(dir.path());
    let mut v = Viewer::on(Lang::Fr, vec![dir.path().to_path_buf()], None);
    assert_eq!(v.shown().len(), 5);
    v.answer_loads = false;
    v.select("17-13811QE");
    v.press("R");
    assert!(v.app.load.progress.is_some());
    assert_eq!(
        v.shown().len(),
        5,
        "the old dossier stays shown while the new one loads"
    );
    v.release_loads();
    assert!(v.app.load.progress.is_none());
    assert_eq!(
        v.selected().as_deref(),
        Some("17-13811QE"),
        "R keeps the selected question"
    );
}

#[test]
fn a_note_begun_before_a_reload_is_saved_on_its_own_question() {
    let dir = tempfile::tempdir().unwrap();
    copy_assets(dir.path());
    let mut v = Viewer::on(Lang::Fr, vec![dir.path().to_path_buf()], None);
    v.select("17-13985QE");
    v.answer_loads = false;
    v.press("R");
    v.press("a");
    assert!(v.app.layers.note().is_some());
    v.press("Relancer");
    // The reload lands while the note is edited, with two questions fewer (moved files):
    // every index changes.
    std::fs::remove_file(dir.path().join("000_ca7e1411996a7a9f.txt")).unwrap();
    std::fs::remove_file(dir.path().join("004_68d0ed20e3d9d359.txt")).unwrap();
    v.release_loads();
    v.press("<C-s>");
    assert_eq!(
        v.app.review.entry("17-13985QE").and_then(|e| e.note_text()),
        Some("Relancer")
    );
    let noted: Vec<&str> = v
        .app
        .review
        .state()
        .shared
        .entries
        .iter()
        .filter(|(_, e)| e.has_note())
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(noted, ["17-13985QE"], "on no other question");
}

#[test]
fn background_filter_results_from_older_requests_are_dropped() {
    let mut v = Viewer::new(Lang::Fr);
    let first = v.app.filtered.generation.current();
    v.press("/batho");
    let stale = Action::HitsReady {
        generation: first,
        hits: Vec::new(),
        complete: true,
    };
    v.act(stale);
    assert_eq!(
        v.shown(),
        ["16-16353QE"],
        "an old result does not replace the newest"
    );
}

#[test]
fn x_f_and_a_mark_flag_and_annotate_and_persist() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("r.json");
    let mut v = Viewer::on(Lang::Fr, Vec::new(), Some(&review));
    v.select("17-13811QE");
    v.press("xfa");
    v.press("Relancer le cabinet<Enter>Appel le 3<C-s>");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("★✔⚑ ✎") || screen.contains(" ✔⚑ ✎"),
        "the marks (the fourth, to signal, unset):\n{screen}"
    );
    drop(v);
    let v = Viewer::on(Lang::Fr, Vec::new(), Some(&review));
    let e = v.app.review.entry("17-13811QE").unwrap();
    assert!(e.reviewed().is_some() && e.flagged().is_some());
    assert_eq!(e.note_text(), Some("Relancer le cabinet\nAppel le 3"));
}

#[test]
fn ctrl_z_suspends_from_the_note_editor_the_filter_and_a_prompt_and_keeps_what_was_typed() {
    let suspends = |v: &mut Viewer| {
        let held = v.press_unanswered("<C-z>");
        assert!(
            held.iter().any(|e| matches!(e, Effect::Suspend)),
            "{held:?}"
        );
        v.run(held);
    };
    let mut v = Viewer::new(Lang::Fr);
    v.press("aUne note");
    suspends(&mut v);
    v.press(" suite");
    assert_eq!(v.app.layers.note().unwrap().draft(), "Une note suite");
    let mut v = Viewer::new(Lang::Fr);
    v.press("/asal");
    suspends(&mut v);
    v.press("ee");
    assert_eq!(v.app.filter.text(), "asalee");
    let mut v = Viewer::new(Lang::Fr);
    v.press("e");
    let before = v.app.layers.top().map(|l| l.mode());
    suspends(&mut v);
    assert_eq!(
        v.app.layers.top().map(|l| l.mode()),
        before,
        "the export's picker stays"
    );
}

#[test]
fn the_note_editor_asks_before_throwing_a_draft_away_and_ctrl_c_is_not_swallowed() {
    let mut v = Viewer::new(Lang::Fr);
    v.press("a");
    v.press("Un long brouillon<Esc>");
    assert!(v.app.layers.note().is_some(), "still open");
    assert_eq!(
        v.app.layers.confirm(),
        Some(&Confirm::Discard { and_quit: false })
    );
    insta::assert_snapshot!("discard_question_80x24", v.screen(80, 24));
    v.press("n");
    assert!(v.app.layers.confirm().is_none(), "n: keep editing");
    assert_eq!(v.app.layers.note().unwrap().draft(), "Un long brouillon");
    v.press("<Esc>o");
    assert!(v.app.layers.note().is_none(), "o: thrown away");
    // An unchanged draft closes at once; Ctrl-c quits (asking first when there is a draft).
    v.press("a<Esc>");
    assert!(v.app.layers.note().is_none());
    v.press("a");
    v.press("texte<C-c>");
    assert!(!v.app.quit);
    assert_eq!(
        v.app.layers.confirm(),
        Some(&Confirm::Discard { and_quit: true })
    );
    v.press("o");
    assert!(v.app.quit);
}

#[test]
fn long_note_lines_wrap_in_the_editor_and_an_emptied_note_is_said_deleted() {
    let mut v = Viewer::new(Lang::Fr);
    v.select("17-13811QE");
    v.press("a");
    v.press(&"relancer le cabinet de la ministre ".repeat(4));
    let screen = v.screen(80, 24);
    let editor: Vec<&str> = screen.lines().filter(|l| l.contains("relancer")).collect();
    assert!(editor.len() >= 2, "the long line wraps:\n{screen}");
    v.press("<C-s>");
    v.press("a");
    for _ in 0..200 {
        v.press("<Backspace>");
    }
    v.press("<C-s>");
    assert!(v
        .app
        .review
        .entry("17-13811QE")
        .is_none_or(|e| !e.has_note()));
    assert!(
        v.app.message.as_ref().unwrap().text.contains("supprimée"),
        "{:?}",
        v.app.message
    );
}

#[test]
fn brackets_walk_the_questions_to_review_changed_ones_included() {
    let dir = tempfile::tempdir().unwrap();
    copy_assets(dir.path());
    let mut v = Viewer::on(Lang::Fr, vec![dir.path().to_path_buf()], None);
    // Review every pending question.
    for id in ["17-16300QE", "17-13985QE", "17-13811QE"] {
        v.select(id);
        v.press("x");
    }
    assert_eq!(v.app.counts.to_review, 0);
    v.press("]");
    assert!(v
        .app
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("Rien à revoir"));
    // A new signalement on 17-16300QE, then R.
    let path = dir.path().join("003_d03222e0d74a5826.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "Question publiée au JO le :",
            "Date de signalement : 20 novembre 2026\n\nQuestion publiée au JO le :",
            1,
        ),
    )
    .unwrap();
    v.press("R");
    assert_eq!(
        v.app.counts.to_review, 1,
        "the changed question is to review again"
    );
    v.select("16-16353QE");
    v.press("]");
    assert_eq!(v.selected().as_deref(), Some("17-16300QE"));
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("Signalée depuis votre revue — Signalée le 20 novembre 2026"),
        "{screen}"
    );
    // x acknowledges the change: reviewed now, not un-reviewed.
    v.press("x");
    assert!(v.app.review.is_reviewed("17-16300QE"));
    assert!(!v
        .app
        .review
        .is_changed(&v.app.dossier.rows[v.app.selected_index().unwrap()]));
    assert_eq!(v.app.counts.to_review, 0);
}

#[test]
fn the_counts_in_all_follow_marks_and_reloads_while_a_filter_counts_only_the_shown() {
    // A filter does not count every question again; what it keeps must still be what a
    // count of everything gives, after marks, filters and a reload.
    let counted_afresh = |v: &mut Viewer| {
        let kept = v.app.counts;
        v.app.counted_all = Default::default();
        dossier::tui::hits::recount(&mut v.app);
        assert_eq!(v.app.counts, kept);
        kept
    };
    let dir = tempfile::tempdir().unwrap();
    copy_assets(dir.path());
    let mut v = Viewer::on(Lang::Fr, vec![dir.path().to_path_buf()], None);
    let before = counted_afresh(&mut v);
    assert!(before.to_review_all > 0);
    v.select("17-16300QE");
    v.press("x");
    v.press("/asalee");
    v.press("<Esc>");
    let after = counted_afresh(&mut v);
    assert_eq!(after.to_review_all, before.to_review_all - 1);
    v.press("/statut:attente");
    v.press("<Enter>");
    v.press("x");
    counted_afresh(&mut v);
    v.press("R");
    counted_afresh(&mut v);
}

#[test]
fn the_selected_question_stays_selected_while_shown() {
    let mut v = Viewer::new(Lang::Fr);
    v.select("17-16300QE");
    v.press("/texte:patients");
    assert!(v.shown().contains(&"17-16300QE".to_string()));
    assert_eq!(v.selected().as_deref(), Some("17-16300QE"));
    v.press("<Enter>s");
    assert_eq!(
        v.selected().as_deref(),
        Some("17-16300QE"),
        "sorting keeps it"
    );
}

#[test]
fn the_border_says_relevance_when_free_words_rank_the_list() {
    let mut v = Viewer::new(Lang::Fr);
    v.press("/avenir");
    let screen = v.screen(120, 40);
    assert!(screen.contains("tri pertinence"), "{screen}");
    v.press("<Esc>");
    assert!(v.screen(120, 40).contains("tri date ↓"));
}

#[test]
fn tables_in_answers_are_aligned() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::util::fixture("variants/table.md"),
        dir.path().join("t.md"),
    )
    .unwrap();
    let mut v = Viewer::on(Lang::Fr, vec![dir.path().to_path_buf()], None);
    v.press("<Tab>");
    for _ in 0..20 {
        v.press("j");
    }
    let screen = v.screen(120, 40);
    insta::assert_snapshot!("table_in_answer_120x40", screen);
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains(" │ ")).collect();
    assert!(rows.len() >= 2, "{screen}");
    // Display columns, not bytes ("Année" has a two-byte letter).
    let bar = |l: &str| dossier_core::text::width::width(&l[..l.find(" │ ").unwrap()]);
    assert!(
        rows.windows(2).all(|w| bar(w[0]) == bar(w[1])),
        "columns line up:\n{}",
        rows.join("\n")
    );
}

#[test]
fn messages_cut_in_the_status_bar_can_be_read_in_the_log() {
    let mut v = Viewer::new(Lang::Fr);
    v.select("17-13811QE");
    v.press("x");
    let screen = v.screen(34, 24);
    let status = screen.lines().rev().find(|l| !l.is_empty()).unwrap();
    assert!(status.contains("(! pour lire)"), "{status}");
    v.press("!");
    assert_eq!(
        v.app.layers.overlay().map(|o| o.kind),
        Some(OverlayKind::Log)
    );
    let screen = v.screen(60, 24);
    assert!(screen.contains("17-13811QE marquée revue"), "{screen}");
}

#[test]
fn y_copies_no_control_or_direction_override_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(crate::util::assets()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("Mme Sylvie Bonnet", "Mme \u{202e}Sylvie\u{1b}[5m Bonnet");
        std::fs::write(dir.path().join(path.file_name().unwrap()), text).unwrap();
    }
    let mut v = Viewer::on(Lang::Fr, vec![dir.path().to_path_buf()], None);
    v.select("17-13809QE");
    v.press("y");
    let copied = v.copied.concat();
    assert!(copied.contains("Sylvie"), "{copied}");
    assert!(
        !copied.chars().any(dossier_core::text::sanitize::is_unsafe),
        "{copied:?}"
    );
}

#[test]
fn y_copies_the_citation_and_says_how() {
    let mut v = Viewer::new(Lang::Fr);
    v.select("17-13809QE");
    v.press("y");
    assert_eq!(
        v.copied,
        ["Question écrite n° 13809 de Mme Sylvie Bonnet, JO du 24 mars 2026, p. 2494"]
    );
    assert!(v
        .app
        .message
        .as_ref()
        .unwrap()
        .text
        .starts_with("Citation copiée (test)"));
}

#[test]
fn tab_cycles_panes_and_narrow_screens_show_the_focused_one() {
    let mut v = Viewer::new(Lang::Fr);
    v.screen(80, 24);
    assert!(v.app.cache.areas.detail.is_some() && v.app.cache.areas.timeline.is_none());
    v.press("<Tab><Tab>");
    assert_eq!(v.app.focus, Pane::Timeline);
    v.screen(80, 24);
    assert!(v.app.cache.areas.timeline.is_some() && v.app.cache.areas.detail.is_none());
}

#[test]
fn every_size_down_to_1x1_renders() {
    let mut v = Viewer::new(Lang::Fr);
    for (w, h) in [
        (1, 1),
        (2, 3),
        (10, 4),
        (40, 12),
        (99, 17),
        (100, 18),
        (300, 100),
    ] {
        v.screen(w, h);
        v.press("?");
        v.screen(w, h);
        v.press("<Esc>a");
        v.screen(w, h);
        v.press("<Esc>");
    }
}

#[test]
fn an_unreadable_review_file_is_never_written_and_the_viewer_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("r.json");
    std::fs::write(&review, "{ broken").unwrap();
    let mut v = Viewer::on(Lang::Fr, Vec::new(), Some(&review));
    let shown = v.screen(120, 40);
    assert!(shown.contains("Revue en lecture seule"), "{shown}");
    v.press("x");
    assert!(v
        .app
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("lecture seule"));
    assert_eq!(std::fs::read_to_string(&review).unwrap(), "{ broken");
}

#[test]
fn keys_from_a_user_file_override_only_what_they_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "[keys.normal]\nnext_to_review = [\"n\"]\n").unwrap();
    let (config, errors) = dossier::config::Config::load(Some(&file));
    assert!(errors.is_empty(), "{errors:?}");
    let (keymap, errors) = dossier::tui::keymap::Keymap::from_layers(&config.keys);
    assert!(errors.is_empty(), "{errors:?}");
    let mut s = settings(Lang::En);
    s.keymap = keymap;
    let store = ReviewStore::open(
        Location::File(dir.path().join("r.json")),
        OpenOptions {
            lock_dir: Some(dir.path().into()),
            ..OpenOptions::new("a")
        },
    );
    let mut app = App::new(s, store);
    let _ = start(&mut app);
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    use dossier::tui::command::Command;
    assert!(matches!(
        app.keymap.action(app.mode(), &key('n')),
        Some(Action::Command(Command::NextToReview))
    ));
    assert!(
        app.keymap.action(app.mode(), &key(']')).is_none(),
        "its old key is free"
    );
    assert!(
        matches!(
            app.keymap.action(app.mode(), &key('j')),
            Some(Action::Command(Command::Down))
        ),
        "the rest stays"
    );
    // The hints follow the keymap in force.
    assert!(
        dossier::tui::screen::status::hints(&app).contains("n to review"),
        "{}",
        dossier::tui::screen::status::hints(&app)
    );
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[keys.normal]\nfly = [\"z\"]\ndown = [\"hyper-j\"]\n").unwrap();
    let (config, _) = dossier::config::Config::load(Some(&bad));
    let (_, errors) = dossier::tui::keymap::Keymap::from_layers(&config.keys);
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        shown
            .iter()
            .any(|e| e.contains("bad.toml:2: unknown command `fly`")),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|e| e.contains("bad.toml:3: unknown key `hyper-j`")),
        "{shown:?}"
    );
}

#[test]
fn the_help_s_filter_table_speaks_the_interface_s_language() {
    let text = |lang| {
        let v = Viewer::new(lang);
        dossier::tui::overlays::help::lines(&v.app.keymap, screen::ctx(&v.app), 100)
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let en = text(Lang::En);
    assert!(
        en.contains("YYYY-MM-DD") && en.contains("text — the author contains the text"),
        "{en}"
    );
    assert!(
        !en.contains("AAAA-MM-JJ") && !en.contains("texte —"),
        "{en}"
    );
    let fr = text(Lang::Fr);
    assert!(
        fr.contains("AAAA-MM-JJ") && fr.contains("texte — l'auteur contient le texte"),
        "{fr}"
    );
}

/// Draws the viewer on a terminal of `w` x `h` without telling it the size: the state stays
/// laid out for the size it last heard of (a terminal resized while the viewer was stopped
/// or had handed it over). The screen, as text.
fn draw_unannounced(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| screen::draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            let line: String = (0..w)
                .map(|x| buffer.cell((x, y)).map_or(" ", |c| c.symbol()))
                .collect();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_pane_draws_within_a_terminal_of_another_size_than_it_was_laid_out_for() {
    let sizes = [
        (1, 1),
        (2, 3),
        (10, 4),
        (30, 10),
        (80, 24),
        (99, 17),
        (120, 40),
        (200, 50),
    ];
    // Each state with what it draws: the three panes, the focused one alone, the dossier
    // chronology, the filter line with an error, the help, the log, the note editor, a
    // picker, a question.
    let states = [
        "",
        "<Tab>",
        "<Tab><Tab>",
        "t",
        "/statut:(<Enter>",
        "?",
        "!",
        "a",
        "e",
        "X",
    ];
    for keys in states {
        let mut v = Viewer::new(Lang::Fr);
        v.press(keys);
        for (lw, lh) in sizes {
            v.act(Action::Resize(lw, lh));
            for (w, h) in sizes {
                let screen = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    draw_unannounced(&v.app, w, h)
                }))
                .unwrap_or_else(|_| {
                    panic!("`{keys}` laid out for {lw}x{lh}, drawn on {w}x{h}: panicked")
                });
                assert_eq!(screen.split('\n').count(), h as usize);
            }
        }
        // Once the size is known again, the screen is the one laid out for it.
        let fresh = v.screen(80, 24);
        v.act(Action::Resize(120, 40));
        v.act(Action::Resize(80, 24));
        assert_eq!(draw_unannounced(&v.app, 80, 24) + "\n", fresh, "`{keys}`");
    }
}

/// Another window of the same user on the review file: saves `text` as the note of `id`.
fn other_window_saves_note(v: &Viewer, review: &Path, id: &str, text: &str) {
    let mut other = ReviewStore::open(
        Location::File(review.to_path_buf()),
        OpenOptions {
            lock_dir: Some(v._dir.path().join("locks")),
            ..OpenOptions::new("alice@pc")
        },
    );
    let base = other.note_base(id);
    other.set_note(id, text, &base).unwrap();
    other.save_now().unwrap();
}

#[test]
fn keys_typed_right_after_a_go_to_the_note_before_the_review_read_answers() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("r.json");
    let mut v = Viewer::on(Lang::Fr, Vec::new(), Some(&review));
    v.select("17-16300QE");
    // One burst, as a fast typist or a paste sends it: the read of the review files that
    // `a` asks for answers only after the whole burst is read.
    let unanswered = v.press_unanswered("ax, rappeler le 3<C-s>");
    assert!(
        unanswered
            .iter()
            .any(|e| matches!(e, Effect::Review(Job::Read(_)))),
        "a reads the review files: {unanswered:?}"
    );
    let entry = v.app.review.entry("17-16300QE").unwrap();
    assert_eq!(entry.note_text(), Some("x, rappeler le 3"));
    assert!(entry.reviewed().is_none(), "x was typed, not a mark");
    assert!(v.app.layers.is_empty());
    v.run(unanswered);
    assert!(v.app.layers.note().is_none(), "the late read opens nothing");
    drop(v);
    let v = Viewer::on(Lang::Fr, Vec::new(), Some(&review));
    let entry = v.app.review.entry("17-16300QE").unwrap();
    assert_eq!(entry.note_text(), Some("x, rappeler le 3"), "on disk");
    assert!(entry.reviewed().is_none(), "no mark on disk");
}

#[test]
fn what_the_read_after_a_brings_reaches_the_editor_and_nothing_typed_or_saved_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("r.json");
    let mut v = Viewer::on(Lang::Fr, Vec::new(), Some(&review));
    // Nothing typed yet: the editor starts again from the note saved meanwhile.
    v.select("17-13811QE");
    let unanswered = v.press_unanswered("a");
    assert_eq!(v.app.layers.note().unwrap().draft(), "");
    other_window_saves_note(&v, &review, "17-13811QE", "Vu avec le cabinet");
    v.run(unanswered);
    let editor = v.app.layers.note().unwrap();
    assert_eq!(editor.draft(), "Vu avec le cabinet");
    v.press(" ajout<C-s>");
    let entry = v.app.review.entry("17-13811QE").unwrap();
    assert_eq!(entry.note_text(), Some("Vu avec le cabinet ajout"));
    assert!(
        !entry.has_conflict(),
        "an edit of the note as saved meanwhile"
    );
    // A draft begun: kept as typed, the version saved meanwhile shown beside it; saving
    // keeps both, as a conflict to settle.
    v.select("17-13985QE");
    let unanswered = v.press_unanswered("aRelancer");
    other_window_saves_note(&v, &review, "17-13985QE", "Appeler le 3");
    v.run(unanswered);
    let editor = v.app.layers.note().unwrap();
    assert_eq!(editor.draft(), "Relancer");
    assert!(
        editor.conflict.iter().any(|c| c.text == "Appeler le 3"),
        "{:?}",
        editor.conflict
    );
    v.press("<C-s>");
    match v.app.review.entry("17-13985QE").unwrap().note() {
        NoteView::Conflict(versions) => {
            let mut texts: Vec<&str> = versions.iter().map(|x| x.text.as_str()).collect();
            texts.sort();
            assert_eq!(texts, ["Appeler le 3", "Relancer"]);
        }
        other => panic!("both versions kept: {other:?}"),
    }
}

#[test]
fn keys_typed_after_a_save_or_an_export_wait_for_the_question_it_may_ask() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(Lang::Fr);
    s.views_file = Some(dir.path().join("views.toml"));
    s.export_dir = dir.path().to_path_buf();
    let mut v = Viewer::with(s, None);
    v.press("/batho<Enter>Vbatho<Enter>");
    assert!(!v.app.holds_keys(), "saved: {:?}", v.app.message);
    // The same name again: the answer asks before replacing. The keys typed before it
    // arrives are held, then read by the question.
    let unanswered = v.press_unanswered("Vbatho<Enter>");
    assert!(v.app.holds_keys());
    let mut held = Held::default();
    let now = std::time::Instant::now();
    for key in key_events("oj") {
        assert!(held.keep(&v.app, Event::Key(key), now).is_none());
    }
    assert!(held.release(&v.app, now).is_empty(), "no answer yet");
    v.run(unanswered);
    assert!(v.app.layers.confirm().is_some() && !v.app.holds_keys());
    for e in held.release(&v.app, now) {
        if let Some(action) = action_for(&v.app, e) {
            v.act(action);
        }
    }
    assert!(v.app.layers.confirm().is_none(), "o answered the question");
    assert!(
        v.app
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("batho")),
        "{:?}",
        v.app.message
    );
    assert!(held.is_empty());
    // An export to a file that exists asks too; to a free file, the keys wait only until
    // it is known to be free.
    std::fs::write(dir.path().join("taken.csv"), "old").unwrap();
    let unanswered = v.press_unanswered("e");
    v.run(unanswered);
    let export = |v: &mut Viewer, path: &Path| {
        let fx = v.press_unanswered(&format!("<C-u>{}<Enter>", path.display()));
        assert!(v.app.holds_keys());
        let mut freed = false;
        for effect in fx {
            match effect {
                Effect::Export(_) => {
                    let done = v.perform(effect);
                    // Said as soon as the file is known free, before the export's end.
                    freed |= matches!(done.first(), Some(Action::Exporting)) && done.len() == 2;
                    for action in done {
                        v.act(action);
                    }
                }
                other => v.run(vec![other]),
            }
        }
        freed
    };
    let csv = dir.path().join("taken.csv");
    v.press("CSV<Enter>");
    assert!(!export(&mut v, &csv), "the file is taken: no writing");
    assert!(v.app.layers.confirm().is_some() && !v.app.holds_keys());
    v.press("n");
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "old");
    // Back to the file's name, to choose another.
    assert!(v.app.layers.prompt().is_some());
    assert!(
        export(&mut v, &dir.path().join("free.csv")),
        "free: said first"
    );
    assert!(!v.app.holds_keys() && v.app.layers.confirm().is_none());
    assert!(dir.path().join("free.csv").exists());
}

#[test]
fn held_keys_wait_at_most_their_limit_and_then_stop_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(Lang::Fr);
    s.views_file = Some(dir.path().join("views.toml"));
    let mut v = Viewer::with(s, None);
    // An answer that never comes.
    let _lost = v.press_unanswered("/batho<Enter>Vbatho<Enter>");
    assert!(v.app.holds_keys());
    let mut held = Held::default();
    let t0 = std::time::Instant::now();
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    assert!(held.keep(&v.app, key('j'), t0).is_none());
    assert!(
        held.keep(&v.app, Event::Resize(80, 24), t0).is_some(),
        "a resize never waits"
    );
    assert!(held.release(&v.app, t0 + held::LIMIT / 2).is_empty());
    assert_eq!(held.release(&v.app, t0 + held::LIMIT).len(), 1);
    assert!(
        held.keep(&v.app, key('k'), t0 + held::LIMIT).is_some(),
        "once given up on, keys are read at once"
    );
}

#[test]
fn keys_typed_before_the_switcher_s_choices_are_read_choose_among_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(Lang::Fr);
    s.views_file = Some(dir.path().join("views.toml"));
    let mut v = Viewer::with(s, None);
    v.press("/batho<Enter>Vbathô<Enter>/<C-u><Enter>");
    assert_eq!(v.shown().len(), 5);
    // `D`, the name, Enter in one burst: the choices are still being read.
    let unanswered = v.press_unanswered("D");
    assert!(v.app.holds_keys());
    let mut held = Held::default();
    let now = std::time::Instant::now();
    for key in key_events("bat<Enter>") {
        assert!(held.keep(&v.app, Event::Key(key), now).is_none());
    }
    v.run(unanswered);
    assert!(!v.app.holds_keys());
    for e in held.release(&v.app, now) {
        if let Some(action) = action_for(&v.app, e) {
            v.act(action);
        }
    }
    assert!(v.app.layers.picker().is_none(), "Enter chose");
    assert_eq!(v.shown(), ["16-16353QE"], "the view typed is applied");
}

#[test]
fn t_on_a_narrow_terminal_shows_the_chronology_in_the_pane_below_the_list() {
    let mut v = Viewer::new(Lang::Fr);
    let before = v.screen(80, 24);
    assert!(!before.contains("Chronologie du dossier"), "{before}");
    v.press("t");
    let after = v.screen(80, 24);
    assert!(after.contains("Chronologie du dossier"), "{after}");
    // Wide, the detail stays beside it.
    let wide = v.screen(120, 40);
    assert!(
        wide.contains("Chronologie du dossier") && wide.contains("Détail"),
        "{wide}"
    );
}
