//! Named dossiers: a name and a query over the library, plus questions pinned in or left
//! out by id. Kept in the library's database (the tables `dossiers` and `dossier_pins`).

use crate::model::Question;
use crate::query::{filter, NoReview, Query, QueryContext, QueryError, SearchIndex};
use serde::{Deserialize, Serialize};

/// One named dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedDossier {
    /// Its name (`asalee`).
    pub name: String,
    /// The query that selects its questions (`asalee statut:attente`); empty for all.
    #[serde(default)]
    pub query: String,
    /// Questions in it whatever the query says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pinned: Vec<String>,
    /// Questions out of it whatever the query says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<String>,
}

/// Why a dossier cannot be added as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DossierError {
    /// The name is empty, too long, or holds a control character or a slash.
    BadName(String),
    /// The query does not parse.
    BadQuery(QueryError),
    /// The query asks for review marks, which belong to each dossier: a dossier cannot be
    /// defined by them.
    ReviewTerms,
    /// No dossier has that name.
    Unknown(String),
}

/// Longest name accepted, in characters.
pub const MAX_NAME: usize = 64;

/// Checks a dossier's name: 1 to 64 characters, no control character, no `/` or `\`.
pub fn check_name(name: &str) -> Result<(), DossierError> {
    let n = name.chars().count();
    if n == 0
        || n > MAX_NAME
        || name.trim() != name
        || name
            .chars()
            .any(|c| c.is_control() || c == '/' || c == '\\')
    {
        return Err(DossierError::BadName(name.to_string()));
    }
    Ok(())
}

impl NamedDossier {
    /// A dossier, its name and query checked.
    pub fn new(name: &str, query: &str) -> Result<NamedDossier, DossierError> {
        check_name(name)?;
        let parsed = Query::parse(query).map_err(DossierError::BadQuery)?;
        if parsed.uses_review() {
            return Err(DossierError::ReviewTerms);
        }
        Ok(NamedDossier {
            name: name.to_string(),
            query: query.to_string(),
            pinned: Vec::new(),
            excluded: Vec::new(),
        })
    }

    /// The positions in `questions` of the dossier's questions, in their order: those the
    /// query finds and those pinned, less those left out. `index` must be built from
    /// `questions` (with its word index, for free words).
    pub fn select(
        &self,
        questions: &[Question],
        index: &SearchIndex,
        today: chrono::NaiveDate,
    ) -> Result<Vec<usize>, QueryError> {
        let query = Query::parse(&self.query)?;
        // Relations over the whole library, only for a dossier whose query asks for them.
        let related = query.uses_related().then(|| {
            crate::related::RelatedSet::build(questions, &crate::related::Config::default())
        });
        let ctx = QueryContext {
            today,
            review: &NoReview,
            related: related.as_ref(),
            texts: None,
        };
        let mut keep = vec![false; questions.len()];
        for hit in filter(questions, index, &query, &ctx, None) {
            keep[hit.index] = true;
        }
        for (i, q) in questions.iter().enumerate() {
            if self.pinned.contains(&q.id) {
                keep[i] = true;
            }
            if self.excluded.contains(&q.id) {
                keep[i] = false;
            }
        }
        Ok((0..questions.len()).filter(|&i| keep[i]).collect())
    }
}

/// Every named dossier of a library, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossiers {
    /// The dossiers, in the order they were added.
    pub dossiers: Vec<NamedDossier>,
}

impl Dossiers {
    /// The dossier with this name.
    pub fn get(&self, name: &str) -> Option<&NamedDossier> {
        self.dossiers.iter().find(|d| d.name == name)
    }

    /// The dossier with this name, to change.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut NamedDossier> {
        self.dossiers.iter_mut().find(|d| d.name == name)
    }

    /// Adds a dossier, or replaces the one of the same name (keeping its pins): true when it
    /// is new.
    pub fn put(&mut self, dossier: NamedDossier) -> bool {
        match self.get_mut(&dossier.name) {
            Some(d) => {
                d.query = dossier.query;
                false
            }
            None => {
                self.dossiers.push(dossier);
                true
            }
        }
    }

    /// Removes a dossier.
    pub fn remove(&mut self, name: &str) -> Result<NamedDossier, DossierError> {
        let at = self
            .dossiers
            .iter()
            .position(|d| d.name == name)
            .ok_or_else(|| DossierError::Unknown(name.to_string()))?;
        Ok(self.dossiers.remove(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_sample;

    #[test]
    fn names_are_checked() {
        assert!(check_name("asalee").is_ok());
        assert!(check_name("Santé publique 2026").is_ok());
        for bad in ["", " x", "a/b", "a\\b", "x\u{1b}[31m", &"n".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_dossier_is_its_query_with_pins_and_exclusions() {
        let questions = load_sample().questions;
        let index = SearchIndex::build(&questions, crate::deadline::Current::of(&questions, None));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let mut d = NamedDossier::new("attente", "statut:attente").unwrap();
        let ids = |d: &NamedDossier| -> Vec<String> {
            d.select(&questions, &index, today)
                .unwrap()
                .into_iter()
                .map(|i| questions[i].id.clone())
                .collect()
        };
        let pending = ids(&d);
        assert_eq!(pending.len(), 3);
        d.pinned.push("17-13809QE".into());
        d.excluded.push(pending[0].clone());
        let now = ids(&d);
        assert!(now.contains(&"17-13809QE".to_string()));
        assert!(!now.contains(&pending[0]));
        assert_eq!(now.len(), 3);
        assert_eq!(
            NamedDossier::new("x", "is:reviewed"),
            Err(DossierError::ReviewTerms)
        );
        assert!(matches!(
            NamedDossier::new("x", "foo:bar"),
            Err(DossierError::BadQuery(_))
        ));
    }
}
