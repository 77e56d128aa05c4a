//! The configuration file: language, sort, review location, team folder, theme and keys.
//!
//! The defaults are a documented TOML file built into the binary ([`DEFAULT`], printed by
//! `dossier config --default`). A user file (`$XDG_CONFIG_HOME/dossier/config.toml`, or
//! `--config FILE`) overrides only what it names. A file that cannot be used is reported with
//! its name and line, and the defaults stand for what it got wrong.

pub mod update;

use dossier_core::i18n::Lang;
use dossier_core::query::SortKey;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The default configuration, with its comments.
pub const DEFAULT: &str = include_str!("default.toml");

/// A problem in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong (English: settings are written in English).
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = dossier_core::text::sanitize::terminal_line(&self.file);
        let message = dossier_core::text::sanitize::terminal_line(&self.message);
        match self.line {
            Some(line) => write!(f, "{file}:{line}: {message}"),
            None => write!(f, "{file}: {message}"),
        }
    }
}

/// A style as written in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSpec {
    /// Foreground colour.
    pub fg: Option<Spanned<String>>,
    /// Background colour.
    pub bg: Option<Spanned<String>>,
    /// Bold.
    pub bold: Option<bool>,
    /// Dim.
    pub dim: Option<bool>,
    /// Italic.
    pub italic: Option<bool>,
    /// Underlined.
    pub underline: Option<bool>,
    /// Reverse video.
    pub reversed: Option<bool>,
}

/// The theme as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    base: Option<Spanned<String>>,
    #[serde(default)]
    dark: BTreeMap<Spanned<String>, StyleSpec>,
    #[serde(default)]
    light: BTreeMap<Spanned<String>, StyleSpec>,
}

/// The keys of one mode as written: command -> keys.
pub type KeySpecs = BTreeMap<String, Spanned<Vec<Spanned<String>>>>;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    lang: Option<Spanned<String>>,
    sort: Option<Spanned<String>>,
    mouse: Option<bool>,
    review_file: Option<PathBuf>,
    team: Option<PathBuf>,
    writer: Option<String>,
    library: Option<PathBuf>,
    legislature: Option<Spanned<i64>>,
    similarity_threshold: Option<Spanned<f64>>,
    update: Option<update::UpdateFile>,
    signalement_quota: Option<Spanned<i64>>,
    #[serde(default)]
    ministries: BTreeMap<String, String>,
    theme: Option<ThemeFile>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, KeySpecs>,
}

/// Light or dark defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Base {
    /// Colours for a dark background.
    #[default]
    Dark,
    /// Colours for a light background.
    Light,
}

/// A text of a configuration file, kept to turn byte offsets into lines.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// The file's name as shown.
    pub name: String,
    /// Its text.
    pub text: String,
}

impl Source {
    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.text
            .as_bytes()
            .iter()
            .take(offset)
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// An error at a span.
    pub fn error(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.name.clone(),
            line: Some(self.line_of(span.start)),
            message: message.into(),
        }
    }
}

/// Keys of a mode, from one file, with the file they came from.
#[derive(Debug, Clone)]
pub struct KeyLayer {
    /// The file.
    pub source: Source,
    /// Mode -> command -> keys.
    pub modes: BTreeMap<String, KeySpecs>,
}

/// Styles from one file.
#[derive(Debug, Clone)]
pub struct ThemeLayer {
    /// The file.
    pub source: Source,
    /// Dark styles by role.
    pub dark: BTreeMap<String, (StyleSpec, std::ops::Range<usize>)>,
    /// Light styles by role.
    pub light: BTreeMap<String, (StyleSpec, std::ops::Range<usize>)>,
}

/// The settings in force.
#[derive(Debug, Clone)]
pub struct Config {
    /// Interface language.
    pub lang: Lang,
    /// Default sort.
    pub sort: SortKey,
    /// Mouse in the viewer.
    pub mouse: bool,
    /// Review file.
    pub review_file: Option<PathBuf>,
    /// Team folder.
    pub team: Option<PathBuf>,
    /// Writer id.
    pub writer: Option<String>,
    /// Library folder.
    pub library: Option<PathBuf>,
    /// The legislature in session, when the configuration says (the data can only raise it).
    pub legislature: Option<u16>,
    /// What `dossier update` fetches (`[update]`).
    pub update: update::UpdateConfig,
    /// The similarity engine's settings (`similarity_threshold`).
    pub related: dossier_core::related::Config,
    /// How many questions the signalement memo proposes at most (`signalement_quota`).
    pub signalement_quota: usize,
    /// Ministries' labels counted as another's in the scoreboard (`[ministries]`: label ->
    /// the label it counts as); the user's entries are added to the defaults'.
    pub ministries: BTreeMap<String, String>,
    /// Light or dark (from `base`, `auto` resolved).
    pub base: Base,
    /// Theme layers: the defaults, then the user's.
    pub themes: Vec<ThemeLayer>,
    /// Key layers: the defaults, then the user's.
    pub keys: Vec<KeyLayer>,
    /// The user's file, when one was read.
    pub file: Option<PathBuf>,
}

/// Where the user's file is looked for when `--config` is not given.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.config_dir().join("config.toml"))
}

/// `auto`: a light background when the terminal says so in `COLORFGBG` ("0;15": black on
/// white).
fn auto_base() -> Base {
    let bg = std::env::var("COLORFGBG")
        .ok()
        .and_then(|v| v.rsplit(';').next().and_then(|b| b.parse::<u8>().ok()));
    match bg {
        Some(7 | 9..=15) => Base::Light,
        _ => Base::Dark,
    }
}

fn parse(source: &Source) -> Result<File, ConfigError> {
    toml::from_str::<File>(&source.text).map_err(|e| ConfigError {
        file: source.name.clone(),
        line: e.span().map(|s| source.line_of(s.start)),
        message: e.message().to_string(),
    })
}

impl Config {
    /// The configuration: the defaults, overridden by the user's file (`explicit`, else the
    /// default path when it exists). Returns what could not be used, with its place.
    pub fn load(explicit: Option<&Path>) -> (Config, Vec<ConfigError>) {
        let mut errors = Vec::new();
        let default_source = Source {
            name: "<default config>".into(),
            text: DEFAULT.to_string(),
        };
        let mut config = Config::from_files(&default_source, None, &mut errors);
        let path = explicit
            .map(Path::to_path_buf)
            .or_else(|| default_path().filter(|p| p.exists()));
        if let Some(path) = path {
            let name = path.display().to_string();
            match dossier_core::files::read_regular(&path, 1024 * 1024) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => {
                        let source = Source { name, text };
                        config = Config::from_files(&default_source, Some(&source), &mut errors);
                        config.file = Some(path);
                    }
                    Err(_) => errors.push(ConfigError {
                        file: name,
                        line: None,
                        message: "not UTF-8 text".into(),
                    }),
                },
                Err(e) => errors.push(ConfigError {
                    file: name,
                    line: None,
                    message: format!("cannot read it: {e}"),
                }),
            }
        }
        (config, errors)
    }

    /// The built-in configuration alone.
    pub fn defaults() -> Config {
        let source = Source {
            name: "<default config>".into(),
            text: DEFAULT.to_string(),
        };
        Config::from_files(&source, None, &mut Vec::new())
    }

    pub(crate) fn from_files(
        default: &Source,
        user: Option<&Source>,
        errors: &mut Vec<ConfigError>,
    ) -> Config {
        // The built-in file always parses (a test holds it to that).
        let defaults = parse(default).unwrap_or_default();
        let mut config = Config {
            lang: Lang::Fr,
            sort: SortKey::Date,
            mouse: false,
            review_file: None,
            team: None,
            writer: None,
            library: None,
            legislature: None,
            update: update::UpdateConfig::default(),
            related: dossier_core::related::Config::default(),
            signalement_quota: 5,
            ministries: BTreeMap::new(),
            base: Base::Dark,
            themes: Vec::new(),
            keys: Vec::new(),
            file: None,
        };
        let mut layers = vec![(default, defaults)];
        if let Some(source) = user {
            match parse(source) {
                Ok(file) => layers.push((source, file)),
                Err(e) => errors.push(e),
            }
        }
        for (source, file) in layers {
            if let Some(lang) = &file.lang {
                match lang.get_ref().parse::<Lang>() {
                    Ok(l) => config.lang = l,
                    Err(e) => errors.push(source.error(lang.span(), e)),
                }
            }
            if let Some(sort) = &file.sort {
                match sort.get_ref().parse::<SortKey>() {
                    Ok(s) => config.sort = s,
                    Err(e) => errors.push(source.error(sort.span(), e)),
                }
            }
            if let Some(m) = file.mouse {
                config.mouse = m;
            }
            config.review_file = file.review_file.or(config.review_file);
            config.team = file.team.or(config.team);
            config.writer = file.writer.or(config.writer);
            config.library = file.library.or(config.library);
            if let Some(l) = &file.legislature {
                match update::legislature_number(*l.get_ref()) {
                    Ok(n) => config.legislature = Some(n),
                    Err(e) => errors.push(source.error(l.span(), format!("legislature: {e}"))),
                }
            }
            if let Some(u) = file.update {
                update::apply(&mut config.update, u, source, errors);
            }
            if let Some(t) = &file.similarity_threshold {
                let value = *t.get_ref();
                if value > 0.0 && value <= 1.0 {
                    config.related.threshold = value as f32;
                } else {
                    errors.push(source.error(
                        t.span(),
                        format!("similarity_threshold must be above 0 and at most 1, not {value}"),
                    ));
                }
            }
            if let Some(q) = &file.signalement_quota {
                match usize::try_from(*q.get_ref()) {
                    Ok(n) if (1..=1000).contains(&n) => config.signalement_quota = n,
                    _ => errors.push(source.error(
                        q.span(),
                        format!(
                            "signalement_quota must be a whole number from 1 to 1000, not {}",
                            q.get_ref()
                        ),
                    )),
                }
            }
            config.ministries.extend(file.ministries);
            if let Some(theme) = file.theme {
                if let Some(base) = &theme.base {
                    match base.get_ref().as_str() {
                        "dark" => config.base = Base::Dark,
                        "light" => config.base = Base::Light,
                        "auto" => config.base = auto_base(),
                        other => errors.push(source.error(
                            base.span(),
                            format!("unknown theme base `{other}` (expected dark, light or auto)"),
                        )),
                    }
                }
                let roles = |styles: BTreeMap<Spanned<String>, StyleSpec>| {
                    styles
                        .into_iter()
                        .map(|(k, v)| {
                            let span = k.span();
                            (k.into_inner(), (v, span))
                        })
                        .collect()
                };
                config.themes.push(ThemeLayer {
                    source: source.clone(),
                    dark: roles(theme.dark),
                    light: roles(theme.light),
                });
            }
            let mut modes = BTreeMap::new();
            for (mode, specs) in file.keys {
                modes.insert(mode.into_inner(), specs);
            }
            config.keys.push(KeyLayer {
                source: source.clone(),
                modes,
            });
        }
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_parses_whole() {
        let source = Source {
            name: "default".into(),
            text: DEFAULT.into(),
        };
        let file = parse(&source).expect("the built-in configuration parses");
        assert!(file.theme.is_some());
        assert!(file.keys.keys().any(|m| m.get_ref() == "normal"));
        let mut errors = Vec::new();
        let config = Config::from_files(&source, None, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.lang, Lang::Fr);
    }

    #[test]
    fn a_bad_file_is_reported_with_its_line_and_the_defaults_stand() {
        let default = Source {
            name: "default".into(),
            text: DEFAULT.into(),
        };
        let user = Source {
            name: "mine.toml".into(),
            text: "sort = \"number\"\nlang = \"de\"\n".into(),
        };
        let mut errors = Vec::new();
        let config = Config::from_files(&default, Some(&user), &mut errors);
        assert_eq!(config.sort, SortKey::Number);
        assert_eq!(config.lang, Lang::Fr);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].file.as_str(), errors[0].line),
            ("mine.toml", Some(2))
        );
        let broken = Source {
            name: "broken.toml".into(),
            text: "lang = \"en\"\n[keys.normal\n".into(),
        };
        let mut errors = Vec::new();
        let config = Config::from_files(&default, Some(&broken), &mut errors);
        assert_eq!(
            config.lang,
            Lang::Fr,
            "a file that does not parse is not used"
        );
        assert_eq!(errors[0].line, Some(2));
    }

    #[test]
    fn ministries_merge_and_the_signalement_quota_are_read_and_checked() {
        let default = Source {
            name: "default".into(),
            text: DEFAULT.into(),
        };
        let user = Source {
            name: "mine.toml".into(),
            text: "signalement_quota = 3\n[ministries]\n\"Santé et prévention\" = \"Santé\"\n"
                .into(),
        };
        let mut errors = Vec::new();
        let config = Config::from_files(&default, Some(&user), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.signalement_quota, 3);
        assert_eq!(
            config
                .ministries
                .get("Santé et prévention")
                .map(String::as_str),
            Some("Santé")
        );
        let bad = Source {
            name: "bad.toml".into(),
            text: "lang = \"en\"\nsignalement_quota = 0\n".into(),
        };
        let mut errors = Vec::new();
        let config = Config::from_files(&default, Some(&bad), &mut errors);
        assert_eq!(config.signalement_quota, 5);
        assert_eq!((errors.len(), errors[0].line), (1, Some(2)));
    }
}
