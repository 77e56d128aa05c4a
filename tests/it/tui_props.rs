//! Random key sequences, pastes, clicks, background results and terminal sizes through
//! update and view: the viewer never panics, the selection always points at a shown
//! question, and no control character reaches the screen.

use crate::tui::Viewer;
use dossier::tui::action::Action;
use dossier::tui::command::{Command, ALL};
use dossier::tui::screen;
use dossier_core::i18n::Lang;
use dossier_core::text::sanitize::is_unsafe;
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Every bindable command but quitting and suspending, typed characters, pastes, resizes,
/// mouse events and stale filter results.
fn any_action() -> impl Strategy<Value = Action> {
    let commands: Vec<Command> = ALL
        .iter()
        .copied()
        .filter(|c| !matches!(c, Command::Quit | Command::Suspend))
        .collect();
    prop_oneof![
        5 => proptest::sample::select(commands).prop_map(Action::Command),
        3 => proptest::char::any().prop_map(Action::Insert),
        1 => "(?s).{0,12}".prop_map(Action::Paste),
        1 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Action::Resize(w, h)),
        1 => (0u16..300, 0u16..100).prop_map(|(x, y)| Action::Click(x, y)),
        1 => (any::<bool>(), 0u16..300, 0u16..100).prop_map(|(down, x, y)| Action::Wheel { down, x, y }),
        1 => any::<bool>().prop_map(|yes| Action::Command(if yes { Command::Yes } else { Command::No })),
        1 => any::<char>().prop_map(|c| Action::NoteKey(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        ))),
        1 => (0u64..3, any::<bool>()).prop_map(|(g, complete)| Action::HitsReady { generation: g, hits: Vec::new(), complete }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_at_random_sizes_never_panic(
        actions in proptest::collection::vec(any_action(), 1..60),
        lang in prop_oneof![Just(Lang::Fr), Just(Lang::En)],
    ) {
        let mut v = Viewer::new(lang);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        for action in actions {
            if let Action::Resize(w, h) = action {
                terminal.backend_mut().resize(w, h);
            }
            v.act(action);
            terminal.draw(|f| screen::draw(&v.app, f)).unwrap();
            let app = &v.app;
            prop_assert!(app.hits.is_empty() || app.selected < app.hits.len());
            prop_assert!(app.hits.len() <= app.dossier.len());
            prop_assert!(app.filter.text().is_char_boundary(app.filter.input.cursor()));
            let buffer = terminal.backend().buffer();
            prop_assert!(buffer.content.iter().all(|c| !c.symbol().chars().any(is_unsafe)));
        }
    }
}
