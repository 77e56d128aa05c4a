//! How the viewer is set up: what the command line and the configuration give it.

use crate::tui::keymap::Keymap;
use crate::tui::widgets::theme::Theme;
use chrono::NaiveDate;
use dossier_core::i18n::Lang;
use dossier_core::library::Origin;
use dossier_core::query::SortKey;
use std::path::PathBuf;

/// How the viewer is set up.
pub struct Settings {
    /// Interface language.
    pub lang: Lang,
    /// The date taken as today.
    pub today: NaiveDate,
    /// Colours.
    pub theme: Theme,
    /// Keys.
    pub keymap: Keymap,
    /// Default sort.
    pub sort: SortKey,
    /// Mouse reporting on.
    pub mouse: bool,
    /// A filter to start with.
    pub query: String,
    /// Where the questions come from.
    pub origin: Origin,
    /// The saved views of the dossier (none: views cannot be saved).
    pub views_file: Option<PathBuf>,
    /// The folder exports are proposed in.
    pub export_dir: PathBuf,
    /// The similarity engine's settings.
    pub related: dossier_core::related::Config,
    /// How many questions the signalement memo proposes at most.
    pub signalement_quota: usize,
    /// Ministries' labels counted as another's in the scoreboard (label -> the label it
    /// counts as).
    pub ministries: std::collections::BTreeMap<String, String>,
    /// The legislature in session as configured, for loads (the data can only raise it).
    pub legislature: Option<u16>,
    /// What was wrong in the configuration (its keys, its theme), worded: said at start
    /// and kept in the log, where the terminal's screen does not hide it.
    pub notices: Vec<String>,
}

impl Settings {
    /// French, the built-in keys and theme, sorted by date.
    pub fn new(lang: Lang, today: NaiveDate) -> Settings {
        Settings {
            lang,
            today,
            theme: Theme::default(),
            keymap: Keymap::defaults(),
            sort: SortKey::default(),
            mouse: false,
            query: String::new(),
            origin: Origin::Sample,
            views_file: None,
            export_dir: PathBuf::from("."),
            related: dossier_core::related::Config::default(),
            signalement_quota: 5,
            ministries: Default::default(),
            legislature: None,
            notices: Vec::new(),
        }
    }
}
