//! One ministry across its names. Governments rename portfolios and ministers change: the
//! same ministry that must answer appears as "Premier ministre" and "Première ministre",
//! "Ministre délégué auprès du ministre de l'intérieur, chargé de la citoyenneté" and
//! "Ministre déléguée auprès de la ministre de l'intérieur, chargée de la citoyenneté". Such
//! labels share a [`key`]; the configuration (`[ministries]`) merges more ([`Merger`]).

use crate::text::fold::fold;
use std::collections::{BTreeMap, HashMap};

/// Words that differ only by the minister's gender (or the title's form), and what they
/// stand for in a key.
const SAME_WORD: &[(&str, &str)] = &[
    ("premiere", "premier"),
    ("deleguee", "delegue"),
    ("deleguees", "delegue"),
    ("delegues", "delegue"),
    ("chargee", "charge"),
    ("chargees", "charge"),
    ("charges", "charge"),
    ("haute", "haut"),
    ("ministere", "ministre"),
    ("secretariat", "secretaire"),
    ("commissariat", "commissaire"),
    ("du", "de"),
    ("des", "de"),
    ("d", "de"),
    ("au", "a"),
    ("aux", "a"),
];

/// Words a key leaves out: articles and civilities.
const LEFT_OUT: &[&str] = &["le", "la", "les", "l", "madame", "monsieur", "mme", "m"];

/// The key of a ministry's label: labels with one key are one ministry. Case, accents,
/// articles, the minister's gender and the title's form are left out, and a portfolio
/// *chargé de* something is known by that alone, whatever chain of *auprès de* and whatever
/// title (ministre délégué, secrétaire d'État) comes before it.
pub fn key(label: &str) -> String {
    let folded = fold(label).replace("(e)", "");
    let mut tokens: Vec<&str> = Vec::new();
    for piece in folded.split(|c: char| !(c.is_alphanumeric() || c == ',')) {
        // A comma ends a clause (where an "auprès de" chain stops): kept as its own token.
        let mut rest = piece;
        while let Some(i) = rest.find(',') {
            push_word(&mut tokens, &rest[..i]);
            tokens.push(",");
            rest = &rest[i + 1..];
        }
        push_word(&mut tokens, rest);
    }
    // "…, chargé de X": the portfolio is X, whoever the minister reports to (after the
    // "auprès de" chain's comma: the chain may name a minister "chargé de" something too).
    let from = match tokens.iter().position(|&t| t == "aupres") {
        Some(a) => tokens[a..]
            .iter()
            .position(|&t| t == ",")
            .map(|c| a + c + 1),
        None => Some(0),
    };
    let start = from
        .and_then(|f| {
            tokens[f..]
                .iter()
                .position(|&t| t == "charge")
                .map(|p| f + p)
        })
        .unwrap_or(0);
    tokens[start..]
        .iter()
        .filter(|&&t| t != ",")
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn push_word<'a>(tokens: &mut Vec<&'a str>, word: &'a str) {
    if word.is_empty() || LEFT_OUT.contains(&word) {
        return;
    }
    let same = SAME_WORD
        .iter()
        .find(|(from, _)| *from == word)
        .map_or(word, |(_, to)| to);
    tokens.push(same);
}

/// Merges ministries' labels into rows: by [`key`], then by the configuration's
/// `[ministries]` table (`"Santé et prévention" = "Santé"`: the first is counted as the
/// second; chains are followed).
#[derive(Debug, Clone, Default)]
pub struct Merger {
    /// Key of a label -> key of the row it goes to.
    into: HashMap<String, String>,
    /// Key of a configured row -> its name as configured.
    names: HashMap<String, String>,
}

impl Merger {
    /// A merger with the configured merges (label -> the label it counts as).
    pub fn new(configured: &BTreeMap<String, String>) -> Merger {
        let direct: HashMap<String, String> = configured
            .iter()
            .map(|(from, to)| (key(from), key(to)))
            .filter(|(from, to)| from != to)
            .collect();
        let mut merger = Merger::default();
        for from in direct.keys() {
            // Follow A = B, B = C to C; a loop stops where it closes.
            let mut at = from.clone();
            let mut seen = vec![at.clone()];
            while let Some(next) = direct.get(&at) {
                if seen.contains(next) {
                    break;
                }
                seen.push(next.clone());
                at = next.clone();
            }
            merger.into.insert(from.clone(), at);
        }
        for (from, to) in configured {
            let target = merger.group(to);
            if key(to) == target {
                merger.names.insert(target, to.trim().to_string());
            } else if key(from) == target {
                merger.names.insert(target, from.trim().to_string());
            }
        }
        merger
    }

    /// The key of the row a label goes to.
    pub fn group(&self, label: &str) -> String {
        let k = key(label);
        self.into.get(&k).cloned().unwrap_or(k)
    }

    /// The name the configuration gives a row, if it names it.
    pub fn configured_name(&self, group: &str) -> Option<&str> {
        self.names.get(group).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_that_differ_by_the_ministers_gender_are_one_ministry() {
        assert_eq!(key("Premier ministre"), key("Première ministre"));
        assert_eq!(key("Ministre délégué"), key("Ministre déléguée"));
        assert_eq!(key("ministre délégué(e)"), key("Ministre déléguée"));
        assert_eq!(
            key("Ministre délégué auprès du ministre de l'intérieur, chargé de la citoyenneté"),
            key(
                "Ministre déléguée auprès de la ministre de l'Intérieur, chargée de la citoyenneté"
            )
        );
        assert_eq!(
            key("Secrétaire d'État auprès de la Première ministre"),
            key("Secrétaire d’État auprès du Premier ministre")
        );
        assert_eq!(
            key("Haute-commissaire à l'enfance"),
            key("Haut-commissaire à l'enfance")
        );
    }

    #[test]
    fn a_portfolio_is_known_by_what_it_is_charged_with_whatever_the_chain_and_title() {
        let a = "Ministre délégué auprès du ministre de l'économie, chargé de l'industrie";
        let b = "Secrétariat d'État auprès de la ministre de la transition écologique, chargé de l'industrie";
        let c = "Ministère délégué chargé de l'industrie";
        assert_eq!(key(a), "charge de industrie");
        assert_eq!(key(a), key(b));
        assert_eq!(key(a), key(c));
        // Different portfolios, or the same chain without one, stay apart.
        assert_ne!(key(a), key("Ministre délégué, chargé de l'énergie"));
        assert_ne!(
            key("Secrétaire d'État auprès du Premier ministre"),
            key("Secrétaire d'État auprès du ministre des armées")
        );
        assert_eq!(
            key("Ministre délégué auprès du ministre chargé de l'économie, chargé de l'industrie"),
            key(a)
        );
        assert_ne!(key("Santé et prévention"), key("Santé"));
        assert_eq!(key("Santé et prévention"), key("santé et  prévention "));
    }

    #[test]
    fn the_configuration_merges_more_and_follows_chains() {
        let configured: BTreeMap<String, String> = [
            ("Santé et prévention", "Santé"),
            (
                "Santé, familles, autonomie et personnes handicapées",
                "Santé",
            ),
            ("Travail, santé et solidarités", "Santé et prévention"),
            // A loop must not hang.
            ("A", "B"),
            ("B", "A"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let merger = Merger::new(&configured);
        let sante = merger.group("Santé");
        assert_eq!(merger.group("santé et prévention"), sante);
        assert_eq!(merger.group("Travail, santé et solidarités"), sante);
        assert_eq!(
            merger.group("Santé, familles, autonomie et personnes handicapées"),
            sante
        );
        assert_eq!(merger.configured_name(&sante), Some("Santé"));
        assert_ne!(merger.group("Justice"), sante);
        let _ = merger.group("A");
    }
}
