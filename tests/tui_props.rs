#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Random key sequences and terminal sizes through update and view: the app never panics and
//! the selection always points at a shown question.

use chrono::NaiveDate;
use dossier::tui::action::Action;
use dossier::tui::app::{App, Dossier};
use dossier::tui::update::update;
use dossier::tui::{keymap, view};
use dossier_core::i18n::Lang;
use dossier_core::load::load_sample;
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// Every action of every keymap, plus typed characters, resizes and mouse events.
fn any_action() -> impl Strategy<Value = Action> {
    let bound: Vec<Action> = keymap::NORMAL
        .iter()
        .chain(keymap::FILTER.iter())
        .chain(keymap::NOTE.iter())
        .map(|b| b.action.clone())
        // Reload is an effect for the event loop; quitting would end the sequence early.
        .filter(|a| !matches!(a, Action::Quit))
        .collect();
    prop_oneof![
        4 => proptest::sample::select(bound),
        3 => proptest::char::any().prop_map(Action::FilterInsert),
        1 => "[a-z:\"é -]{0,3}".prop_map(|s| Action::FilterInsert(s.chars().next().unwrap_or('a'))),
        1 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Action::Resize(w, h)),
        1 => (0u16..300, 0u16..100).prop_map(|(x, y)| Action::ClickAt(x, y)),
        1 => (0u16..300, 0u16..100).prop_map(|(x, y)| Action::ScrollDownAt(x, y)),
        1 => any::<char>().prop_map(|c| Action::NoteInput(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        ))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic(
        actions in proptest::collection::vec(any_action(), 1..60),
        lang in prop_oneof![Just(Lang::Fr), Just(Lang::En)],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::new(Dossier::new(load_sample(), today()), lang, today());
        app.set_review(dossier_core::review::ReviewStore::open(dir.path().join("r.json")));
        app.mouse = true;
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        for action in actions {
            if let Action::Resize(w, h) = action {
                terminal.backend_mut().resize(w, h);
            }
            update(&mut app, action);
            terminal.draw(|f| view::view(&app, f)).unwrap();
            prop_assert!(app.hits.is_empty() || app.selected < app.hits.len());
            prop_assert!(app.hits.len() <= app.dossier.questions.len());
            prop_assert!(app.filter.text.is_char_boundary(app.filter.cursor.min(app.filter.text.len())));
        }
    }
}
