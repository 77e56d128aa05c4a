//! The keymap as data: per mode, which keys run which command. It is built from the
//! configuration's layers (the built-in TOML, then the user's file, which overrides only the
//! commands it names); the help overlay and the status-bar hints are generated from it.

use super::action::{Action, Command};
use crate::config::{ConfigError, KeyLayer};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// A key with its modifiers (Shift is part of a typed character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control and Alt.
    pub mods: KeyModifiers,
}

/// The modes with keys of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// The main screen (and the overlays).
    Normal,
    /// The filter line.
    Filter,
    /// The note editor.
    Note,
    /// A prompt or picker (a line of text, choices below it).
    Prompt,
    /// A yes/no question.
    Confirm,
}

/// Every mode, in the order the help lists them.
pub const MODES: [Mode; 5] = [
    Mode::Normal,
    Mode::Filter,
    Mode::Note,
    Mode::Prompt,
    Mode::Confirm,
];

impl Mode {
    /// The mode's name in the keymap file.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Filter => "filter",
            Mode::Note => "note",
            Mode::Prompt => "prompt",
            Mode::Confirm => "confirm",
        }
    }

    fn from_name(name: &str) -> Option<Mode> {
        MODES.into_iter().find(|m| m.name() == name)
    }
}

/// Parses a key as written in the keymap file: `j`, `G`, `?`, `ctrl-d`, `shift-tab`,
/// `pagedown`, `f1`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(r) = lower
            .strip_prefix("ctrl-")
            .or_else(|| lower.strip_prefix("c-"))
        {
            mods |= KeyModifiers::CONTROL;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = lower
            .strip_prefix("alt-")
            .or_else(|| lower.strip_prefix("m-"))
        {
            mods |= KeyModifiers::ALT;
            rest = &rest[rest.len() - r.len()..];
        } else if lower.starts_with("shift-") && rest.len() > 6 {
            let r = &rest[6..];
            if r.eq_ignore_ascii_case("tab") {
                return Ok(Key {
                    code: KeyCode::BackTab,
                    mods,
                });
            }
            // Shift with a letter is the capital letter.
            let mut chars = r.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                let code = KeyCode::Char(c.to_ascii_uppercase());
                return Ok(Key { code, mods });
            }
            return Err(format!("unknown key `{text}`"));
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => {
            if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(format!("unknown key `{text}`")),
            },
            _ => return Err(format!("unknown key `{text}`")),
        },
    };
    Ok(Key { code, mods })
}

impl Key {
    /// How a key is written in the help of a language: `Entrée` / `Enter`, `Échap` / `Esc`
    /// (the names on each language's keyboards); letters and arrows as they are.
    pub fn label(&self, lang: dossier_core::i18n::Lang) -> String {
        let french = match (lang, self.code) {
            (dossier_core::i18n::Lang::En, _) => None,
            (_, KeyCode::Char(' ')) => Some("Espace"),
            (_, KeyCode::Home) => Some("Début"),
            (_, KeyCode::End) => Some("Fin"),
            (_, KeyCode::PageDown) => Some("PgSuiv"),
            (_, KeyCode::PageUp) => Some("PgPréc"),
            (_, KeyCode::BackTab) => Some("Maj-Tab"),
            (_, KeyCode::Enter) => Some("Entrée"),
            (_, KeyCode::Esc) => Some("Échap"),
            (_, KeyCode::Backspace) => Some("Retour arrière"),
            (_, KeyCode::Delete) => Some("Suppr"),
            (_, KeyCode::Insert) => Some("Inser"),
            _ => None,
        };
        let base = french.map_or_else(|| self.base_name(), str::to_string);
        format!("{}{base}", self.modifiers())
    }

    /// `Ctrl-`, `Alt-`, both or none.
    fn modifiers(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        out
    }

    /// The key without its modifiers, as the configuration writes it.
    fn base_name(&self) -> String {
        match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        }
    }
}

impl fmt::Display for Key {
    /// How a key is written in the configuration and in English: `j`, `↓`, `Ctrl-d`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.modifiers(), self.base_name())
    }
}

/// Normalises a key event: Shift is part of a typed character, not a modifier.
pub fn normalise(event: &KeyEvent) -> Key {
    let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    if let KeyCode::Char(c) = event.code {
        if mods.contains(KeyModifiers::CONTROL) {
            return Key {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                mods,
            };
        }
        mods.remove(KeyModifiers::SHIFT);
    }
    Key {
        code: event.code,
        mods,
    }
}

/// The keys of every mode.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    by_key: HashMap<(Mode, Key), Command>,
    /// Per mode, the commands in the order the default file lists them, with their keys.
    listed: BTreeMap<Mode, Vec<(Command, Vec<Key>)>>,
}

impl Keymap {
    /// Builds the keymap from configuration layers (defaults first). A user's binding of a
    /// command replaces that command's keys, and takes them from any other command of the
    /// mode. Bad entries are reported with their file and line, and left out.
    pub fn from_layers(layers: &[KeyLayer]) -> (Keymap, Vec<ConfigError>) {
        let mut errors = Vec::new();
        let mut keymap = Keymap::default();
        for layer in layers {
            for (mode_name, specs) in &layer.modes {
                let Some(mode) = Mode::from_name(mode_name) else {
                    errors.push(layer.source.error(
                        specs.values().next().map_or(0..0, |s| s.span()),
                        format!("unknown key mode `{mode_name}` (expected normal, filter, note, prompt or confirm)"),
                    ));
                    continue;
                };
                for (name, keys) in specs {
                    let Some(command) = Command::from_name(name) else {
                        errors.push(
                            layer
                                .source
                                .error(keys.span(), format!("unknown command `{name}`")),
                        );
                        continue;
                    };
                    let mut parsed = Vec::new();
                    let mut bad = false;
                    for k in keys.get_ref() {
                        match parse_key(k.get_ref()) {
                            Ok(key) => parsed.push(key),
                            Err(e) => {
                                bad = true;
                                errors.push(layer.source.error(k.span(), e));
                            }
                        }
                    }
                    // An entry with a key that does not parse is left out whole: the keys
                    // before it stand (a typo must not leave `quit` with no key).
                    if !bad {
                        keymap.bind(mode, command, parsed);
                    }
                }
            }
        }
        (keymap, errors)
    }

    /// The built-in keymap.
    pub fn defaults() -> Keymap {
        Keymap::from_layers(&crate::config::Config::defaults().keys).0
    }

    fn bind(&mut self, mode: Mode, command: Command, keys: Vec<Key>) {
        let listed = self.listed.entry(mode).or_default();
        // The command's old keys go; the new keys leave whatever command had them.
        self.by_key
            .retain(|(m, _), c| !(*m == mode && *c == command));
        for key in &keys {
            if let Some(other) = self.by_key.insert((mode, *key), command) {
                if let Some((_, ks)) = listed.iter_mut().find(|(c, _)| *c == other) {
                    ks.retain(|k| k != key);
                }
            }
        }
        match listed.iter_mut().find(|(c, _)| *c == command) {
            Some((_, ks)) => *ks = keys,
            None => listed.push((command, keys)),
        }
    }

    /// The command of a key in a mode.
    pub fn command(&self, mode: Mode, key: Key) -> Option<Command> {
        self.by_key.get(&(mode, key)).copied()
    }

    /// The action of a key event in a mode: its command; in the filter line, a printable
    /// character is typed; in the note editor, any other key edits the note.
    pub fn action(&self, mode: Mode, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = normalise(event);
        if let Some(c) = self.command(mode, key) {
            return Some(Action::Command(c));
        }
        // Ctrl-c quits wherever no binding claims it, so a keymap never locks the user in.
        if key.code == KeyCode::Char('c') && key.mods == KeyModifiers::CONTROL {
            return Some(Action::Command(Command::Quit));
        }
        match mode {
            Mode::Normal | Mode::Confirm => None,
            Mode::Filter | Mode::Prompt => match key.code {
                KeyCode::Char(c) if key.mods.is_empty() && !c.is_control() => {
                    Some(Action::Insert(c))
                }
                _ => None,
            },
            Mode::Note => Some(Action::NoteKey(*event)),
        }
    }

    /// The commands of a mode with their keys, in the order of the keymap file.
    pub fn listed(&self, mode: Mode) -> &[(Command, Vec<Key>)] {
        self.listed.get(&mode).map_or(&[], Vec::as_slice)
    }

    /// The keys of a command, as the help of `lang` writes them: `j / ↓`, `Entrée`.
    pub fn keys_label(
        &self,
        mode: Mode,
        command: Command,
        lang: dossier_core::i18n::Lang,
    ) -> String {
        self.listed(mode)
            .iter()
            .find(|(c, _)| *c == command)
            .map(|(_, keys)| {
                keys.iter()
                    .map(|k| k.label(lang))
                    .collect::<Vec<_>>()
                    .join(" / ")
            })
            .unwrap_or_default()
    }

    /// The keys a question shows for yes and for no: the first bound to each, yes
    /// preferring the language's own letter ("o" for oui, "y" for yes) when it is bound.
    pub fn answers(&self, lang: dossier_core::i18n::Lang) -> (String, String) {
        let keys = |c| {
            self.listed(Mode::Confirm)
                .iter()
                .find(|(x, _)| *x == c)
                .map(|(_, keys)| keys.clone())
                .unwrap_or_default()
        };
        let own = KeyCode::Char(lang.pick('o', 'y'));
        let yes = keys(Command::Yes);
        let yes = yes.iter().find(|k| k.code == own).or(yes.first());
        let no = keys(Command::No);
        let label = |k: Option<&Key>| k.map_or_else(String::new, |k| k.label(lang));
        (label(yes), label(no.first()))
    }

    /// The first key of a command, for a hint.
    pub fn first_key(&self, mode: Mode, command: Command) -> Option<Key> {
        self.listed(mode)
            .iter()
            .find(|(c, _)| *c == command)
            .and_then(|(_, keys)| keys.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_user(text: &str) -> (Keymap, Vec<ConfigError>) {
        use crate::config::{Config, Source};
        let default = Source {
            name: "default".into(),
            text: crate::config::DEFAULT.into(),
        };
        let user = Source {
            name: "mine.toml".into(),
            text: text.into(),
        };
        let mut errors = Vec::new();
        let config = Config::from_files(&default, Some(&user), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        Keymap::from_layers(&config.keys)
    }

    fn press(keymap: &Keymap, key: &str) -> Option<Action> {
        let k = parse_key(key).unwrap();
        keymap.action(Mode::Normal, &KeyEvent::new(k.code, k.mods))
    }

    #[test]
    fn a_key_that_does_not_parse_is_said_and_leaves_the_command_as_it_was() {
        let (keymap, errors) = with_user("[keys.normal]\nquit = [\"fly\"]\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, Some(2));
        assert!(matches!(
            press(&keymap, "q"),
            Some(Action::Command(Command::Quit))
        ));
    }

    #[test]
    fn ctrl_c_quits_even_when_quit_is_bound_elsewhere() {
        let (keymap, errors) = with_user("[keys.normal]\nquit = [\"Q\"]\n");
        assert!(errors.is_empty());
        assert!(press(&keymap, "q").is_none());
        assert!(matches!(
            press(&keymap, "Q"),
            Some(Action::Command(Command::Quit))
        ));
        assert!(matches!(
            press(&keymap, "ctrl-c"),
            Some(Action::Command(Command::Quit))
        ));
    }

    #[test]
    fn keys_are_read_as_written() {
        let k = |s| parse_key(s).unwrap();
        assert_eq!(k("j").code, KeyCode::Char('j'));
        assert_eq!(k("G").code, KeyCode::Char('G'));
        assert_eq!(
            k("ctrl-d"),
            Key {
                code: KeyCode::Char('d'),
                mods: KeyModifiers::CONTROL
            }
        );
        assert_eq!(k("shift-tab").code, KeyCode::BackTab);
        assert_eq!(k("pagedown").code, KeyCode::PageDown);
        assert_eq!(k("f5").code, KeyCode::F(5));
        assert!(parse_key("hyper-x").is_err());
        assert!(parse_key("f13").is_err());
        assert_eq!(k("ctrl-d").to_string(), "Ctrl-d");
    }

    #[test]
    fn the_defaults_bind_every_listed_key_once() {
        let keymap = Keymap::defaults();
        for mode in MODES {
            let mut seen = Vec::new();
            for (c, keys) in keymap.listed(mode) {
                assert!(!keys.is_empty(), "{c:?} has no key");
                for k in keys {
                    assert!(!seen.contains(k), "{k} bound twice in {mode:?}");
                    seen.push(*k);
                }
            }
        }
        let shift_s = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT);
        assert!(matches!(
            keymap.action(Mode::Normal, &shift_s),
            Some(Action::Command(Command::ReverseSort))
        ));
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert!(matches!(
            keymap.action(Mode::Filter, &q),
            Some(Action::Insert('q'))
        ));
    }
}
