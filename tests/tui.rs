#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The viewer driven through its update function and rendered on ratatui's TestBackend.

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dossier::tui::action::Action;
use dossier::tui::app::{App, Dossier, Overlay, Pane};
use dossier::tui::keymap::{FILTER, NORMAL, NOTE};
use dossier::tui::update::{update, Effect};
use dossier::tui::{action_for, view};
use dossier_core::i18n::Lang;
use dossier_core::load::load_sample;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn sample_app(lang: Lang) -> App {
    let mut app = App::new(Dossier::new(load_sample(), today()), lang, today());
    app.theme.color = false;
    app
}

/// Renders the app at a size and returns the screen as text lines.
fn screen(app: &mut App, w: u16, h: u16) -> String {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::view(app, f)).unwrap();
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

/// Types keys as a user would: each char is a key press, `<Enter>`-style names are special keys.
fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut rest = keys;
    while !rest.is_empty() {
        let (code, mods, used) = if let Some(name) = rest.strip_prefix('<') {
            let end = name.find('>').expect("closing >");
            let code = match &name[..end] {
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
                "C-d" => KeyCode::Char('d'),
                other => panic!("unknown key {other}"),
            };
            let mods = if name.starts_with("C-") {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::NONE
            };
            (code, mods, end + 2)
        } else {
            let c = rest.chars().next().unwrap();
            (KeyCode::Char(c), KeyModifiers::NONE, c.len_utf8())
        };
        rest = &rest[used..];
        if let Some(action) = action_for(app, Event::Key(KeyEvent::new(code, mods))) {
            effects.extend(update(app, action));
        }
    }
    effects
}

fn shown_ids(app: &App) -> Vec<String> {
    app.hits
        .iter()
        .map(|h| app.dossier.questions[h.index].id.clone())
        .collect()
}

#[test]
fn sample_at_120x40() {
    let mut app = sample_app(Lang::Fr);
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn sample_at_80x24() {
    let mut app = sample_app(Lang::Fr);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn filtered_view() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "/batho<Enter>");
    assert_eq!(shown_ids(&app), ["16-16353QE"]);
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn help_overlay() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "?");
    assert_eq!(app.overlay, Overlay::Help(0));
    insta::assert_snapshot!(screen(&mut app, 120, 40));
    press(&mut app, "<Esc>");
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn tiny_terminal_30x10() {
    let mut app = sample_app(Lang::Fr);
    insta::assert_snapshot!(screen(&mut app, 30, 10));
}

#[test]
fn english_interface() {
    let mut app = sample_app(Lang::En);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Published"), "{text}");
    assert!(
        text.contains("No answer yet: waiting for 152 days"),
        "{text}"
    );
}

#[test]
fn asalee_keeps_all_five_and_batho_only_one() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "/asalee");
    assert_eq!(app.hits.len(), 5);
    press(&mut app, "<Esc>/batho");
    assert_eq!(shown_ids(&app), ["16-16353QE"]);
    // Esc clears the filter: everything is back.
    press(&mut app, "<Esc>");
    assert_eq!(app.hits.len(), 5);
    assert!(!app.editing_filter);
}

#[test]
fn unanswered_and_overdue_quick_filters() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "u");
    let mut ids = shown_ids(&app);
    ids.sort();
    assert_eq!(ids, ["17-13811QE", "17-13985QE", "17-16300QE"]);
    press(&mut app, "u");
    assert_eq!(app.hits.len(), 5);
    press(&mut app, "o");
    assert_eq!(app.hits.len(), 3);
    assert!(screen(&mut app, 120, 40).contains("[en retard]"));
}

#[test]
fn default_order_is_newest_first_and_sort_keys_cycle() {
    let mut app = sample_app(Lang::Fr);
    let first = shown_ids(&app);
    assert_eq!(first[0], "17-16300QE");
    assert_eq!(first[4], "16-16353QE");
    press(&mut app, "s");
    assert_eq!(
        shown_ids(&app),
        [
            "17-13809QE",
            "17-13811QE",
            "17-13985QE",
            "17-16300QE",
            "16-16353QE"
        ]
    );
    press(&mut app, "S");
    assert_eq!(shown_ids(&app)[0], "16-16353QE");
}

#[test]
fn selection_moves_and_stays_valid() {
    let mut app = sample_app(Lang::Fr);
    screen(&mut app, 120, 40);
    press(&mut app, "jjjjjjjjjj");
    assert_eq!(app.selected, 4);
    press(&mut app, "g");
    assert_eq!(app.selected, 0);
    press(&mut app, "G");
    assert_eq!(app.selected, 4);
    press(&mut app, "kk");
    assert_eq!(app.selected, 2);
    // Filtering keeps the selected question when it is still shown.
    let id = app.selected_question().unwrap().id.clone();
    press(&mut app, "u");
    if let Some(q) = app.selected_question() {
        if app
            .hits
            .iter()
            .any(|h| app.dossier.questions[h.index].id == id)
        {
            assert_eq!(q.id, id);
        }
    }
}

#[test]
fn timeline_of_13809_shows_publication_and_answer_49_days_later() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "/13809<Enter>");
    assert_eq!(app.selected_question().unwrap().id, "17-13809QE");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("24 mars 2026 Question publiée au JO, p. 2494"),
        "{text}"
    );
    assert!(text.contains("12 mai 2026"), "{text}");
    assert!(text.contains("(+49 jours)"), "{text}");
    assert!(text.contains("Répondue le 12 mai 2026, 49 jours après publication"));
}

#[test]
fn overdue_question_timeline_says_by_how_much() {
    let mut app = sample_app(Lang::Fr);
    // Newest first: 16300, published 23 June 2026, due 23 August, 91 days late.
    let text = screen(&mut app, 200, 50);
    assert!(
        text.contains("en retard de 91 jours (échéance 23 août 2026)"),
        "{text}"
    );
    assert!(text.contains("Aujourd'hui"), "{text}");
}

#[test]
fn dossier_chronology_tells_the_story() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "t");
    assert!(app.chronology);
    let text = screen(&mut app, 200, 50);
    assert!(text.contains("Chronologie du dossier"), "{text}");
    assert!(text.contains("par mois"), "{text}");
    assert!(text.contains("03/2024"), "{text}");
    assert!(text.contains("posées"), "{text}");
    assert!(text.contains("retirées"), "{text}");
    press(&mut app, "t");
    assert!(!app.chronology);
}

#[test]
fn enter_reads_the_detail_and_keys_scroll_it() {
    let mut app = sample_app(Lang::Fr);
    screen(&mut app, 80, 24);
    press(&mut app, "<Enter>");
    assert_eq!(app.focus, Pane::Detail);
    press(&mut app, "jjj");
    assert_eq!(app.detail_scroll, 3);
    press(&mut app, "<PageDown>");
    assert!(app.detail_scroll > 3);
    press(&mut app, "<End>");
    let bottom = app.detail_scroll;
    press(&mut app, "j");
    assert_eq!(app.detail_scroll, bottom, "cannot scroll past the end");
    press(&mut app, "<Home>");
    assert_eq!(app.detail_scroll, 0);
    press(&mut app, "<Esc>");
    assert_eq!(app.focus, Pane::List);
}

#[test]
fn tab_cycles_panes_and_narrow_screens_show_the_focused_one() {
    let mut app = sample_app(Lang::Fr);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Détail"));
    assert!(!text.contains("Chronologie de la question"));
    press(&mut app, "<Tab><Tab>");
    assert_eq!(app.focus, Pane::Timeline);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Chronologie de la question"));
    press(&mut app, "<BackTab>");
    assert_eq!(app.focus, Pane::Detail);
}

#[test]
fn filter_words_are_found_with_n() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "/asalee<Enter>");
    screen(&mut app, 120, 40);
    let before = app.detail_scroll;
    press(&mut app, "n");
    assert!(app.detail_scroll > before, "n scrolled to the word");
    assert_eq!(app.focus, Pane::Detail);
}

#[test]
fn y_copies_the_citation() {
    let mut app = sample_app(Lang::Fr);
    let effects = press(&mut app, "/13809<Enter>y");
    assert_eq!(
        effects,
        [Effect::Copy(
            "Question écrite n° 13809 de Mme Sylvie Bonnet, JO du 24 mars 2026, p. 2494".into()
        )]
    );
    assert!(app.message.as_ref().unwrap().text.contains("13809"));
}

#[test]
fn help_lists_every_key_of_the_keymap() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "?");
    let lines: Vec<String> = dossier::tui::view::overlay::help_lines(&app)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    for binding in NORMAL.iter().chain(FILTER.iter()).chain(NOTE.iter()) {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&binding.keys_label()) && l.contains(binding.help_fr)),
            "help misses {:?}",
            binding.action
        );
    }
}

#[test]
fn diagnostics_overlay_says_when_there_are_none() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "!");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Aucun diagnostic"), "{text}");
    press(&mut app, "!");
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn quit_keys() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "q");
    assert!(app.quit);
    let mut app = sample_app(Lang::Fr);
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    let action = action_for(&app, ctrl_c).unwrap();
    update(&mut app, action);
    assert!(app.quit);
    // In the filter line, q is typed, not quit.
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "/q");
    assert!(!app.quit);
    assert_eq!(app.filter.text, "q");
}

#[test]
fn every_size_down_to_1x1_renders() {
    let mut app = sample_app(Lang::Fr);
    press(&mut app, "/asa");
    for (w, h) in [
        (1, 1),
        (2, 2),
        (10, 3),
        (30, 10),
        (50, 17),
        (99, 30),
        (100, 18),
        (300, 100),
    ] {
        screen(&mut app, w, h);
        press(&mut app, "<Down><Enter>");
    }
    assert!(app.selected < app.hits.len());
}

#[test]
fn mouse_clicks_select_rows_when_enabled() {
    let mut app = sample_app(Lang::Fr);
    app.mouse = true;
    screen(&mut app, 120, 40);
    // Row 0 is the border, row 1 the header: row 4 is the third question.
    update(&mut app, Action::ClickAt(20, 4));
    assert_eq!(app.selected, 2);
}

/// A dossier of `n` questions made from the sample's, with distinct numbers.
fn big_dossier(n: usize) -> Dossier {
    let mut report = load_sample();
    let base = report.questions.clone();
    report.questions = (0..n)
        .map(|i| {
            let mut q = base[i % base.len()].clone();
            q.number = 100_000 + i as u32;
            q.id = format!("{}-{}QE", q.legislature, q.number);
            q
        })
        .collect();
    Dossier::new(report, today())
}

#[test]
fn large_dossiers_filter_in_the_background_and_stale_results_are_dropped() {
    let mut app = App::new(big_dossier(6_000), Lang::Fr, today());
    app.background_filtering = true;
    press(&mut app, "/batho");
    // Each keystroke queued a job; the list still shows the previous result.
    assert!(app.filtering);
    assert_eq!(app.hits.len(), 6_000);
    let job = app.pending_job.take().expect("a job waits for the worker");
    assert_eq!(job.generation, app.filter_generation);
    let stale = job.generation - 1;
    app.apply_hits(stale, Vec::new());
    assert_eq!(app.hits.len(), 6_000, "a stale result is ignored");
    let hits = dossier::tui::filtering::compute(&job);
    app.apply_hits(job.generation, hits);
    assert!(!app.filtering);
    assert_eq!(app.hits.len(), 6_000 / 5);
    assert!(app.selected < app.hits.len());
    assert!(screen(&mut app, 120, 40).contains("1200 affichées"));
}

#[test]
fn the_worker_thread_returns_the_newest_result() {
    let mut app = App::new(big_dossier(6_000), Lang::Fr, today());
    app.background_filtering = true;
    let worker = dossier::tui::filtering::FilterWorker::spawn();
    press(&mut app, "/batho");
    worker.submit(app.pending_job.take().unwrap());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while app.filtering {
        if let Some((generation, hits)) = worker.try_result() {
            app.apply_hits(generation, hits);
        }
        assert!(std::time::Instant::now() < deadline, "worker answered");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(app.hits.len(), 1_200);
}

fn app_with_review(dir: &std::path::Path) -> App {
    let mut app = sample_app(Lang::Fr);
    app.set_review(dossier_core::review::ReviewStore::open(
        dir.join("review.json"),
    ));
    app
}

fn type_in_note(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        let action = action_for(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE))).unwrap();
        update(app, action);
    }
}

fn ctrl(app: &mut App, c: char) {
    let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    if let Some(action) = action_for(app, event) {
        update(app, action);
    }
}

#[test]
fn x_f_and_a_mark_flag_and_annotate_and_persist() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_review(dir.path());
    screen(&mut app, 120, 40);
    let id = app.selected_question().unwrap().id.clone();
    press(&mut app, "x");
    assert!(app.review.is_reviewed(app.selected_question().unwrap()));
    press(&mut app, "f");
    assert!(app.review.is_flagged(app.selected_question().unwrap()));
    press(&mut app, "a");
    assert!(app.note_editor.is_some());
    // In the editor, q and x are text, Enter a new line.
    type_in_note(&mut app, "Relancer le cabinet\nquand ? x");
    assert!(!app.quit);
    ctrl(&mut app, 's');
    assert!(app.note_editor.is_none());
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Note de suivi"), "{text}");
    assert!(text.contains("Relancer le cabinet"), "{text}");
    assert!(text.contains("✔⚑"), "{text}");

    // Another viewer on the same file sees all of it.
    let again = app_with_review(dir.path());
    let entry = again.review.entry(&id).unwrap();
    assert!(entry.reviewed.is_some() && entry.flagged.is_some());
    assert_eq!(entry.note, "Relancer le cabinet\nquand ? x");

    // x and f toggle back.
    press(&mut app, "xf");
    assert!(!app.review.is_reviewed(app.selected_question().unwrap()));
    assert!(!app.review.is_flagged(app.selected_question().unwrap()));
}

#[test]
fn esc_in_the_note_editor_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_review(dir.path());
    press(&mut app, "a");
    type_in_note(&mut app, "brouillon");
    press(&mut app, "<Esc>");
    assert!(app.note_editor.is_none());
    assert!(!app.review.has_note(app.selected_question().unwrap()));
}

#[test]
fn brackets_walk_the_pending_questions_not_yet_reviewed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_review(dir.path());
    screen(&mut app, 120, 40);
    let mut seen = Vec::new();
    for _ in 0..3 {
        press(&mut app, "]");
        let q = app.selected_question().unwrap();
        assert_eq!(q.status, dossier_core::model::Status::Pending);
        seen.push(q.id.clone());
        press(&mut app, "x");
    }
    seen.sort();
    assert_eq!(seen, ["17-13811QE", "17-13985QE", "17-16300QE"]);
    assert_eq!(app.to_review, 0);
    let before = app.selected;
    press(&mut app, "]");
    assert_eq!(app.selected, before, "nothing left: the selection stays");
    assert!(app.message.as_ref().unwrap().text.contains("revues"));
    // [ goes backwards, wrapping.
    press(&mut app, "x[");
    assert_eq!(app.selected, before);
    assert!(screen(&mut app, 120, 40).contains("1 à revoir"));
}

#[test]
fn review_terms_in_the_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_review(dir.path());
    press(&mut app, "]x");
    let reviewed = app.selected_question().unwrap().id.clone();
    press(&mut app, "/is:reviewed<Enter>");
    assert_eq!(shown_ids(&app), std::slice::from_ref(&reviewed));
    press(&mut app, "<Esc>/-is:reviewed status:pending<Enter>");
    assert_eq!(app.hits.len(), 2);
    assert!(!shown_ids(&app).contains(&reviewed));
}

#[test]
fn r_asks_for_a_reload() {
    let mut app = sample_app(Lang::Fr);
    assert_eq!(press(&mut app, "R"), [Effect::Reload]);
}

#[test]
fn an_unreadable_review_file_is_never_overwritten_and_the_ui_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.json");
    std::fs::write(&path, b"{ not json").unwrap();
    let mut app = sample_app(Lang::Fr);
    app.set_review(dossier_core::review::ReviewStore::open(&path));
    assert!(app.message.as_ref().unwrap().text.contains("lecture seule"));
    press(&mut app, "x");
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("Non enregistré"));
    press(&mut app, "a");
    assert!(app.note_editor.is_none(), "no editor on a read-only store");
    assert_eq!(std::fs::read(&path).unwrap(), b"{ not json");
}
