//! Downloading the Assemblée's open-data archives for `dossier update`: the only part of
//! dossier that touches the network.
//!
//! [`plan`] lists the archives the configuration asks for; [`Source`] is the repository they
//! are under (https, or http on this machine only); [`Downloads`] is the folder they are kept
//! in (the cache's `downloads/`), with what is known of each copy (its validators, whether it
//! was imported); [`fetch`] brings one archive up to date: a conditional request
//! (`If-None-Match`, `If-Modified-Since`) that costs nothing when it has not changed, a
//! download to a temporary file resumed with `Range`/`If-Range` after an interruption, and
//! the archive checked ([`check`]) before it replaces the one kept. Failures are typed data
//! ([`Failure`]); the command line words them and draws the progress.

mod check;
mod client;
mod fetch;
mod source;
mod store;

pub use check::{check_archive, NotAnArchive};
pub use client::Client;
pub use fetch::{fetch, Failure, Fetched, Limits, Watch};
pub use source::{Source, SourceError};
pub use store::{Copy, Downloads, Partial, State};

use dossier_core::model::QuestionKind;

/// What an archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holds {
    /// The questions of one kind of a legislature.
    Questions(QuestionKind),
    /// The deputies, their mandates and the groups (AMO).
    Deputies,
}

/// One archive of the open-data repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive {
    /// The legislature it is filed under.
    pub legislature: u16,
    /// What it holds.
    pub holds: Holds,
    /// Its path under the repository (`17/questions/questions_ecrites/…json.zip`), also its
    /// path in the downloads folder.
    pub path: String,
}

impl Archive {
    /// The questions of `kind` of `legislature`: JSON archives from the 16th on, the XML
    /// archives named with the legislature's roman numeral before.
    pub fn questions(legislature: u16, kind: QuestionKind) -> Archive {
        let (folder, name) = match kind {
            QuestionKind::Written => ("questions_ecrites", "Questions_ecrites"),
            QuestionKind::Government => ("questions_gouvernement", "Questions_gouvernement"),
            QuestionKind::Oral => ("questions_orales_sans_debat", "Questions_orales_sans_debat"),
        };
        let file = if legislature >= 16 {
            format!("{name}.json.zip")
        } else {
            format!("{name}_{}.xml.zip", roman(legislature))
        };
        Archive {
            legislature,
            holds: Holds::Questions(kind),
            path: format!("{legislature}/questions/{folder}/{file}"),
        }
    }

    /// Every deputy since the 11th legislature, with their mandates and groups (AMO30),
    /// as filed under `legislature`: authors who left office are in it too.
    pub fn deputies(legislature: u16) -> Archive {
        Archive {
            legislature,
            holds: Holds::Deputies,
            path: format!(
                "{legislature}/amo/tous_acteurs_mandats_organes_xi_legislature/\
                 AMO30_tous_acteurs_tous_mandats_tous_organes_historique.json.zip"
            ),
        }
    }

    /// Its file name.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// The archives `config` asks for: each kind of each legislature, then the deputies (once,
/// under the latest legislature: the archive covers them all).
pub fn plan(config: &crate::config::update::UpdateConfig) -> Vec<Archive> {
    let mut archives: Vec<Archive> = config
        .legislatures
        .iter()
        .flat_map(|&l| config.kinds.iter().map(move |&k| Archive::questions(l, k)))
        .collect();
    if config.amo {
        if let Some(&latest) = config.legislatures.iter().max() {
            archives.push(Archive::deputies(latest));
        }
    }
    archives
}

/// Roman numerals, as the older archives are named (`Questions_ecrites_XIV.xml.zip`).
fn roman(mut n: u16) -> String {
    const NUMERALS: [(u16, &str); 9] = [
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
        (0, ""),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while value > 0 && n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// Which of the archives at hand an update imports, given which are new to the library: the
/// new question archives with every deputies' archive (their authors are named from it);
/// when a deputies' archive is new, every question archive too (names and groups change).
/// Empty when nothing is new.
pub fn to_import<'a>(at_hand: &[(&'a Archive, bool)]) -> Vec<&'a Archive> {
    let new_deputies = at_hand
        .iter()
        .any(|(a, new)| *new && a.holds == Holds::Deputies);
    let new_questions = at_hand
        .iter()
        .any(|(a, new)| *new && a.holds != Holds::Deputies);
    at_hand
        .iter()
        .filter(|(a, new)| match a.holds {
            Holds::Deputies => new_deputies || new_questions,
            Holds::Questions(_) => *new || new_deputies,
        })
        .map(|(a, _)| *a)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::update::UpdateConfig;

    #[test]
    fn the_default_plan_is_the_readmes_four_archives() {
        let paths: Vec<String> = plan(&UpdateConfig::default())
            .into_iter()
            .map(|a| a.path)
            .collect();
        assert_eq!(
            paths,
            [
                "17/questions/questions_ecrites/Questions_ecrites.json.zip",
                "17/questions/questions_gouvernement/Questions_gouvernement.json.zip",
                "17/questions/questions_orales_sans_debat/Questions_orales_sans_debat.json.zip",
                "17/amo/tous_acteurs_mandats_organes_xi_legislature/AMO30_tous_acteurs_tous_mandats_tous_organes_historique.json.zip",
            ]
        );
    }

    #[test]
    fn older_legislatures_are_the_roman_xml_archives_and_the_deputies_come_once() {
        let config = UpdateConfig {
            legislatures: vec![14, 15, 18],
            kinds: vec![QuestionKind::Written],
            ..UpdateConfig::default()
        };
        let paths: Vec<String> = plan(&config).into_iter().map(|a| a.path).collect();
        assert_eq!(
            paths,
            [
                "14/questions/questions_ecrites/Questions_ecrites_XIV.xml.zip",
                "15/questions/questions_ecrites/Questions_ecrites_XV.xml.zip",
                "18/questions/questions_ecrites/Questions_ecrites.json.zip",
                "18/amo/tous_acteurs_mandats_organes_xi_legislature/AMO30_tous_acteurs_tous_mandats_tous_organes_historique.json.zip",
            ]
        );
        assert_eq!(roman(11), "XI");
        assert_eq!(roman(19), "XIX");
        assert_eq!(roman(44), "XLIV");
    }

    #[test]
    fn a_new_question_archive_is_imported_with_the_deputies_and_new_deputies_with_all() {
        let qe = Archive::questions(17, QuestionKind::Written);
        let qg = Archive::questions(17, QuestionKind::Government);
        let amo = Archive::deputies(17);
        fn paths(v: Vec<&Archive>) -> Vec<&str> {
            v.into_iter().map(Archive::file_name).collect()
        }
        assert!(to_import(&[(&qe, false), (&qg, false), (&amo, false)]).is_empty());
        assert_eq!(
            paths(to_import(&[(&qe, true), (&qg, false), (&amo, false)])),
            [qe.file_name(), amo.file_name()]
        );
        assert_eq!(
            paths(to_import(&[(&qe, false), (&qg, false), (&amo, true)])),
            [qe.file_name(), qg.file_name(), amo.file_name()]
        );
        assert_eq!(paths(to_import(&[(&qg, true)])), [qg.file_name()]);
    }
}
