//! The words of the core's types in both languages, and each language's typography.
//!
//! French is the users' language and the default; English is `--lang en`. Each message is
//! written in both languages side by side, so that none can exist in one only:
//! - [`load`]: problems with files and diagnostics of a load, worded from their kinds;
//! - [`query`]: errors of the filter language, worded from their kinds;
//! - [`review`]: review errors, and what review operations report;
//! - [`library`]: why a library, a named dossier or a name could not be used;
//! - [`report`]: the memo's words;
//! - [`news`]: the news of a dossier (`dossier news`, the viewer's news window);
//! - [`signalement`]: the signalement memo's words;
//! - this module: dates, numbers, plurals and punctuation.
//!
//! This module sits above the domain: it words the core's types, and no other module of the
//! core imports it (the domain's errors are data, with at most a plain English `Display`).
//! The words of the app's faces live with them: the viewer's in `src/tui/words/`, the
//! command line's in `src/cli/words.rs`.
//!
//! Typography: French puts a no-break space before `:`, `;`, `?` and `!` ([`Lang::colon`]
//! and the `NB` constant in the French strings); English puts none.

pub mod library;
pub mod load;
pub mod news;
pub mod query;
pub mod report;
pub mod review;
pub mod signalement;

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// The no-break space French puts before `:`, `;`, `?` and `!`.
pub const NB: char = '\u{a0}';

/// Interface language: French (the users' language, the default) or English.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Français.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The code: `fr` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Picks the text of this language.
    pub fn pick<T>(self, fr: T, en: T) -> T {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// A label and its colon: "Auteur : " (no-break space) / "Author: ".
    pub fn colon(self, label: &str) -> String {
        match self {
            Lang::Fr => format!("{label}{NB}: "),
            Lang::En => format!("{label}: "),
        }
    }

    /// A date as prose: "24 mars 2026", "1er juillet 2026" / "24 March 2026".
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Lang::Fr => {
                let day = date.day();
                let day = if day == 1 {
                    "1er".to_string()
                } else {
                    day.to_string()
                };
                format!(
                    "{day} {} {}",
                    MONTHS_FR[date.month0() as usize],
                    date.year()
                )
            }
            Lang::En => format!(
                "{} {} {}",
                date.day(),
                MONTHS_EN[date.month0() as usize],
                date.year()
            ),
        }
    }

    /// A date in a table: "24/03/2026" / "2026-03-24".
    pub fn short_date(self, date: NaiveDate) -> String {
        match self {
            Lang::Fr => date.format("%d/%m/%Y").to_string(),
            Lang::En => date.format("%Y-%m-%d").to_string(),
        }
    }

    /// A signed whole number with the language's thousands separator: "-1 234".
    pub fn figure(self, n: i64) -> String {
        let digits = self.number(n.unsigned_abs() as usize);
        if n < 0 {
            format!("-{digits}")
        } else {
            digits
        }
    }

    /// A whole number with its language's thousands separator: "100 000" / "100,000".
    pub fn number(self, n: usize) -> String {
        let digits = n.to_string();
        let sep = self.pick('\u{202f}', ',');
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// "1 jour", "12 jours" / "1 day", "12 days".
    pub fn days(self, n: i64) -> String {
        let shown = match usize::try_from(n.unsigned_abs()) {
            Ok(abs) if n < 0 => format!("-{}", self.number(abs)),
            Ok(abs) => self.number(abs),
            Err(_) => n.to_string(),
        };
        match (self, n.abs()) {
            (Lang::Fr, 0 | 1) => format!("{shown} jour"),
            (Lang::Fr, _) => format!("{shown} jours"),
            (Lang::En, 1) => format!("{shown} day"),
            (Lang::En, _) => format!("{shown} days"),
        }
    }

    /// A count and its noun, in the singular or plural: `count(3, ("fichier", "fichiers"),
    /// ("file", "files"))` -> "3 fichiers". French takes the singular for 0 and 1.
    pub fn count(self, n: usize, fr: (&str, &str), en: (&str, &str)) -> String {
        let (one, many) = self.pick(fr, en);
        let singular = match self {
            Lang::Fr => n <= 1,
            Lang::En => n == 1,
        };
        format!("{} {}", self.number(n), if singular { one } else { many })
    }
}

/// French month names, as the JO prints them.
pub const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "francais" | "français" | "french" => Ok(Lang::Fr),
            "en" | "anglais" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}` (expected fr or en)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_typography() {
        let d = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(Lang::Fr.date(d), "1er juillet 2026");
        assert_eq!(Lang::En.date(d), "1 July 2026");
        assert_eq!(Lang::Fr.colon("Auteur"), "Auteur\u{a0}: ");
        assert_eq!(Lang::En.colon("Author"), "Author: ");
        assert_eq!(Lang::Fr.number(100_000), "100\u{202f}000");
        assert_eq!(Lang::En.number(1_234_567), "1,234,567");
        assert_eq!(Lang::En.number(12), "12");
        assert_eq!(
            Lang::Fr.count(1, ("fichier", "fichiers"), ("file", "files")),
            "1 fichier"
        );
        assert_eq!(
            Lang::En.count(0, ("fichier", "fichiers"), ("file", "files")),
            "0 files"
        );
    }
}
