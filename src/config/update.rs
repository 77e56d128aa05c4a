//! The `[update]` section: which open-data archives `dossier update` downloads, from where,
//! and how patiently.

use super::{ConfigError, Source};
use dossier_core::model::QuestionKind;
use serde::Deserialize;
use std::time::Duration;
use toml::Spanned;

/// The AN's open-data repository.
pub const AN_REPOSITORY: &str = "https://data.assemblee-nationale.fr/static/openData/repository";

/// `[update]` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UpdateFile {
    base_url: Option<Spanned<String>>,
    legislatures: Option<Spanned<Vec<i64>>>,
    kinds: Option<Spanned<Vec<String>>>,
    amo: Option<bool>,
    timeout: Option<Spanned<i64>>,
    max_size_mb: Option<Spanned<i64>>,
}

/// What `dossier update` fetches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateConfig {
    /// The repository the archives' paths are under (`DOSSIER_UPDATE_URL` overrides it).
    pub base_url: String,
    /// The legislatures whose questions are fetched.
    pub legislatures: Vec<u16>,
    /// The kinds of questions fetched.
    pub kinds: Vec<QuestionKind>,
    /// Whether the AMO archive (deputies, their mandates and groups) is fetched.
    pub amo: bool,
    /// How long a connection may take, and a download may go without a byte.
    pub timeout: Duration,
    /// The largest archive accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for UpdateConfig {
    fn default() -> UpdateConfig {
        UpdateConfig {
            base_url: AN_REPOSITORY.to_string(),
            legislatures: vec![17],
            kinds: vec![
                QuestionKind::Written,
                QuestionKind::Government,
                QuestionKind::Oral,
            ],
            amo: true,
            timeout: Duration::from_secs(30),
            max_bytes: 1024 * 1024 * 1024,
        }
    }
}

/// The highest legislature number accepted in a configuration.
const MAX_LEGISLATURE: i64 = 99;

/// A legislature number as written (`legislature = 18`, `legislatures = [17]`), checked.
pub(super) fn legislature_number(value: i64) -> Result<u16, String> {
    if (1..=MAX_LEGISLATURE).contains(&value) {
        Ok(value as u16)
    } else {
        Err(format!(
            "a legislature is a number from 1 to {MAX_LEGISLATURE}, not {value}"
        ))
    }
}

/// Applies one file's `[update]` over `config`; what is wrong is said and left as it was.
pub(super) fn apply(
    config: &mut UpdateConfig,
    file: UpdateFile,
    source: &Source,
    errors: &mut Vec<ConfigError>,
) {
    if let Some(url) = file.base_url {
        let value = url.get_ref().trim();
        if value.starts_with("https://") || value.starts_with("http://") {
            config.base_url = value.to_string();
        } else {
            errors.push(source.error(
                url.span(),
                format!("update.base_url must be an https:// URL, not `{value}`"),
            ));
        }
    }
    if let Some(list) = file.legislatures {
        let parsed: Result<Vec<u16>, String> = list
            .get_ref()
            .iter()
            .map(|&n| legislature_number(n))
            .collect();
        match parsed {
            Ok(mut numbers) => {
                numbers.sort_unstable();
                numbers.dedup();
                config.legislatures = numbers;
            }
            Err(e) => errors.push(source.error(list.span(), format!("update.legislatures: {e}"))),
        }
    }
    if let Some(list) = file.kinds {
        let parsed: Result<Vec<QuestionKind>, String> = list
            .get_ref()
            .iter()
            .map(|k| {
                QuestionKind::from_code(k)
                    .ok_or_else(|| format!("unknown kind `{k}` (expected QE, QG or QOSD)"))
            })
            .collect();
        match parsed {
            Ok(mut kinds) => {
                kinds.dedup();
                config.kinds = kinds;
            }
            Err(e) => errors.push(source.error(list.span(), format!("update.kinds: {e}"))),
        }
    }
    if let Some(amo) = file.amo {
        config.amo = amo;
    }
    if let Some(t) = file.timeout {
        match u64::try_from(*t.get_ref()) {
            Ok(secs @ 1..=3600) => config.timeout = Duration::from_secs(secs),
            _ => errors.push(source.error(
                t.span(),
                format!(
                    "update.timeout is a number of seconds from 1 to 3600, not {}",
                    t.get_ref()
                ),
            )),
        }
    }
    if let Some(m) = file.max_size_mb {
        match u64::try_from(*m.get_ref()) {
            Ok(mb @ 1..=65536) => config.max_bytes = mb * 1024 * 1024,
            _ => errors.push(source.error(
                m.span(),
                format!(
                    "update.max_size_mb is a number of megabytes from 1 to 65536, not {}",
                    m.get_ref()
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use super::*;

    fn with(text: &str) -> (Config, Vec<ConfigError>) {
        let default = Source {
            name: "default".into(),
            text: super::super::DEFAULT.into(),
        };
        let user = Source {
            name: "mine.toml".into(),
            text: text.into(),
        };
        let mut errors = Vec::new();
        let config = Config::from_files(&default, Some(&user), &mut errors);
        (config, errors)
    }

    #[test]
    fn the_defaults_fetch_the_17th_legislatures_three_kinds_and_the_deputies() {
        let (config, errors) = with("");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.update, UpdateConfig::default());
        assert_eq!(config.update.base_url, AN_REPOSITORY);
        assert_eq!(config.legislature, None);
    }

    #[test]
    fn a_users_update_section_replaces_what_it_names() {
        let (config, errors) = with(
            "legislature = 18\n[update]\nlegislatures = [18, 17, 17]\nkinds = [\"qe\"]\namo = false\ntimeout = 5\nmax_size_mb = 10\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.legislature, Some(18));
        let u = &config.update;
        assert_eq!(u.legislatures, [17, 18]);
        assert_eq!(u.kinds, [QuestionKind::Written]);
        assert!(!u.amo);
        assert_eq!(u.timeout, Duration::from_secs(5));
        assert_eq!(u.max_bytes, 10 * 1024 * 1024);
        assert_eq!(u.base_url, AN_REPOSITORY);
    }

    #[test]
    fn bad_values_are_said_with_their_line_and_the_defaults_stand() {
        let (config, errors) = with(
            "legislature = 0\n[update]\nbase_url = \"ftp://x\"\nkinds = [\"QX\"]\nlegislatures = [200]\ntimeout = 0\n",
        );
        let lines: Vec<Option<usize>> = errors.iter().map(|e| e.line).collect();
        assert_eq!(
            lines,
            [Some(1), Some(3), Some(5), Some(4), Some(6)],
            "{errors:?}"
        );
        assert_eq!(config.legislature, None);
        assert_eq!(config.update, UpdateConfig::default());
        let (_, errors) = with("[update]\nmirror = \"x\"\n");
        assert_eq!(errors.len(), 1, "an unknown key is said: {errors:?}");
    }
}
