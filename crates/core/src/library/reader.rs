//! Reading a library: a [`Reader`] holds a connection to its database and answers what the
//! command line and the viewer ask of it, reading only what each answer needs.

use super::dossiers::{Dossiers, NamedDossier};
use super::{schema, store, LibraryError, Opened, OriginError};
use crate::model::Question;
use crate::query::db::{DbContext, Searcher, Selection};
use crate::query::rows::{read_rows, read_texts, Row, Texts};
use crate::query::words::WordIndex;
use crate::query::{NoReview, Query, ReviewFacts};
use crate::review::change::ChangeSummary;
use rusqlite::{params, Connection};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The whole library as the viewer holds it ([`Reader::light`]).
#[derive(Debug, Default)]
pub struct Light {
    /// Every question's light row, in qid order.
    pub rows: Vec<Row>,
    /// Their word index.
    pub words: Option<WordIndex>,
    /// Their related questions, found at the imports.
    pub related: Option<crate::related::Stored>,
}

/// An open library, to read.
pub struct Reader {
    conn: Connection,
    path: PathBuf,
}

/// One import, as the library remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// Its number.
    pub import: i64,
    /// When it ran (RFC 3339).
    pub at: String,
    /// The PATHs imported.
    pub paths: Vec<String>,
    /// Questions the PATHs held.
    pub read: usize,
    /// Of those, unchanged.
    pub unchanged: usize,
    /// What changed.
    pub changes: ChangeSummary,
}

/// What an import recorded of a question (the `kind` column of the `changes` table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// New in the library.
    New,
    /// Its answer was published.
    Answered,
    /// It was closed without an answer (withdrawn, lapsed).
    Withdrawn,
    /// It was signalé (or signalé again).
    Signaled,
    /// Another ministry must answer it.
    MinistryChanged,
    /// Another dated event or its answer's text changed.
    Other,
    /// It came into a named dossier.
    Joined,
    /// It left a named dossier.
    Left,
}

impl ChangeKind {
    /// Its name in the `changes` table.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::New => "new",
            ChangeKind::Answered => "answered",
            ChangeKind::Withdrawn => "withdrawn",
            ChangeKind::Signaled => "signaled",
            ChangeKind::MinistryChanged => "ministry_changed",
            ChangeKind::Other => "other",
            ChangeKind::Joined => "joined",
            ChangeKind::Left => "left",
        }
    }

    /// The kind of a name of the `changes` table.
    pub fn parse(s: &str) -> Option<ChangeKind> {
        Some(match s {
            "new" => ChangeKind::New,
            "answered" => ChangeKind::Answered,
            "withdrawn" => ChangeKind::Withdrawn,
            "signaled" => ChangeKind::Signaled,
            "ministry_changed" => ChangeKind::MinistryChanged,
            "other" => ChangeKind::Other,
            "joined" => ChangeKind::Joined,
            "left" => ChangeKind::Left,
            _ => return None,
        })
    }
}

/// One change an import recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRecord {
    /// The import's number.
    pub import: i64,
    /// When it ran (RFC 3339).
    pub at: String,
    /// The question.
    pub id: String,
    /// What changed.
    pub kind: ChangeKind,
    /// For [`ChangeKind::Joined`] and [`ChangeKind::Left`]: the dossier.
    pub dossier: Option<String>,
}

/// The whole word index, read on a connection of its own: the last import it saw, the
/// qids it indexes, the index. `None` when it cannot be read as one (the caller's
/// viewer then builds it from the questions).
fn word_index_apart(
    path: &Path,
) -> Option<(Option<i64>, Vec<i64>, crate::query::words::WordIndex)> {
    let conn = schema::open_read(path).ok()?;
    let tx = rusqlite::Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Deferred)
        .ok()?;
    let seen = last_import(&tx).ok()?;
    let stored = crate::query::segments::StoredWords::open(&tx).ok()?;
    let qids = stored.qids();
    let index = stored.to_word_index(&tx, &qids).ok()??;
    Some((seen, qids, index))
}

/// The newest import (what tells two reads of the library apart).
fn last_import(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT max(import) FROM imports", [], |r| r.get(0))
}

/// Reads full questions for the query engine's review terms.
fn full(
    conn: &Connection,
) -> impl Fn(&[i64]) -> Result<Vec<(i64, Question)>, crate::query::db::DbError> + '_ {
    move |qids| {
        store::read(conn, Some(qids)).map_err(|e| match e {
            store::ReadError::Sqlite(e) => crate::query::db::DbError::Sqlite(e),
            store::ReadError::Bad(row) => {
                crate::query::db::DbError::Damaged(format!("{}: {}", row.id, row.what))
            }
        })
    }
}

impl Reader {
    pub(super) fn open(path: &Path) -> Result<Reader, LibraryError> {
        let conn = schema::open_read(path).map_err(|e| LibraryError::open(path, e))?;
        Ok(Reader {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The database connection (to read; see `docs/library.md`).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn sqlite(&self, e: rusqlite::Error) -> LibraryError {
        LibraryError::sqlite(&self.path, e)
    }

    /// How many questions it holds.
    pub fn count(&self) -> Result<usize, LibraryError> {
        self.conn
            .query_row("SELECT count(*) FROM questions", [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as usize)
            .map_err(|e| self.sqlite(e))
    }

    /// Every question's qid, ascending.
    pub fn qids(&self) -> Result<Vec<i64>, LibraryError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT qid FROM questions ORDER BY qid")
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.sqlite(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sqlite(e))
    }

    /// The named dossiers, in the order they were added.
    pub fn dossiers(&self) -> Result<Dossiers, LibraryError> {
        read_dossiers(&self.conn).map_err(|e| self.sqlite(e))
    }

    /// The legislature in session as the library says (its highest legislature, or
    /// `configured` when higher).
    pub fn current(&self, configured: Option<u16>) -> crate::deadline::Current {
        crate::query::db::current_of(&self.conn, configured)
    }

    /// The settings the stored relations were found with.
    pub fn related_config(&self) -> Option<crate::related::Config> {
        schema::meta(&self.conn, "related_config")
            .ok()
            .flatten()
            .and_then(|s| serde_json::from_str(&s).ok())
    }

    /// Answers a query over the library, or among `scope` (qids): the rows selected, each
    /// with its score. `review` answers review terms (asked of full questions, read for the
    /// rows still in).
    pub fn select(
        &self,
        query: &Query,
        today: chrono::NaiveDate,
        review: &dyn ReviewFacts,
        scope: Option<&[i64]>,
    ) -> Result<Selection, LibraryError> {
        let questions = full(&self.conn);
        let ctx = DbContext {
            today,
            current: self.current(None),
            review,
            questions: &questions,
        };
        Searcher::new(&self.conn)
            .select(query, &ctx, scope)
            .map_err(|e| LibraryError::db(&self.path, e))
    }

    /// A searcher over the library, for many queries (the viewer's filter over rows it
    /// holds: [`Searcher::select_among`]).
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher::new(&self.conn)
    }

    /// The qids of a named dossier's questions: those its query selects and those pinned,
    /// less those left out, ascending.
    pub fn members(
        &self,
        d: &NamedDossier,
        today: chrono::NaiveDate,
    ) -> Result<Vec<i64>, OriginError> {
        let query = Query::parse(&d.query).map_err(|e| OriginError::BadQuery(d.name.clone(), e))?;
        let selected = self.select(&query, today, &NoReview, None)?;
        let mut qids: Vec<i64> = selected.rows.iter().map(|r| r.qid).collect();
        if !d.pinned.is_empty() || !d.excluded.is_empty() {
            let by_id = |ids: &[String]| -> Result<HashSet<i64>, LibraryError> {
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                Ok(self.qids_of(&ids)?.into_iter().collect())
            };
            let pinned = by_id(&d.pinned)?;
            let excluded = by_id(&d.excluded)?;
            qids.extend(pinned);
            qids.sort_unstable();
            qids.dedup();
            qids.retain(|q| !excluded.contains(q));
        }
        Ok(qids)
    }

    /// The light rows of `qids` (ascending), or of every question.
    pub fn rows(&self, qids: Option<&[i64]>) -> Result<Vec<Row>, LibraryError> {
        read_rows(&self.conn, qids).map_err(|e| LibraryError::db(&self.path, e))
    }

    /// The texts of some questions, by qid (what the viewer reads when it shows one).
    pub fn texts(&self, qids: &[i64]) -> Result<HashMap<i64, Texts>, LibraryError> {
        read_texts(&self.conn, qids).map_err(|e| LibraryError::db(&self.path, e))
    }

    /// The `n` questions published last (newest first, as the viewer's list is sorted by
    /// default): what the viewer shows while the whole library loads.
    pub fn newest(&self, n: usize) -> Result<Vec<Question>, LibraryError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT qid FROM questions ORDER BY published DESC LIMIT ?1")
            .map_err(|e| self.sqlite(e))?;
        let limit = i64::try_from(n).unwrap_or(i64::MAX);
        let mut qids: Vec<i64> = stmt
            .query_map([limit], |r| r.get(0))
            .map_err(|e| self.sqlite(e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sqlite(e))?;
        qids.sort_unstable();
        Ok(self
            .questions(Some(&qids))?
            .into_iter()
            .map(|(_, q)| q)
            .collect())
    }

    /// The full questions of `qids`, in qid order, or of all.
    pub fn questions(&self, qids: Option<&[i64]>) -> Result<Vec<(i64, Question)>, LibraryError> {
        store::read(&self.conn, qids).map_err(|e| LibraryError::read(&self.path, e))
    }

    /// The questions of `qids` (ascending) and their relations, with the questions of the
    /// library related to them (after them, as `outside`).
    pub fn with_related(
        &self,
        qids: &[i64],
    ) -> Result<(Vec<Question>, Option<crate::related::Stored>), LibraryError> {
        let questions: Vec<Question> = self
            .questions(Some(qids))?
            .into_iter()
            .map(|(_, q)| q)
            .collect();
        let Some(config) = self.related_config() else {
            return Ok((questions, None));
        };
        let relations =
            crate::related::stored::read(&self.conn, Some(qids)).map_err(|e| self.sqlite(e))?;
        let inside: HashSet<i64> = qids.iter().copied().collect();
        let mut outside: Vec<i64> = relations
            .iter()
            .map(|r| r.1)
            .filter(|o| !inside.contains(o))
            .collect();
        outside.sort_unstable();
        outside.dedup();
        let outside_questions = self.questions(Some(&outside))?;
        // Relations among the outside ones are not needed: only a member's relations are
        // read in a dossier.
        let mut positions: Vec<i64> = qids.to_vec();
        positions.extend(outside_questions.iter().map(|(q, _)| *q));
        let relations = crate::related::stored::numbered(&relations, &positions);
        Ok((
            questions,
            Some(crate::related::Stored {
                config,
                relations,
                outside: outside_questions.into_iter().map(|(_, q)| q).collect(),
            }),
        ))
    }

    /// Everything: every question, the word index, the relations, the imports.
    pub fn everything(&self) -> Result<Opened, LibraryError> {
        let (read, words, related) = self.beside_words(|| self.questions(None), |(q, _)| *q)?;
        Ok(Opened {
            questions: read.into_iter().map(|(_, q)| q).collect(),
            words,
            related,
            imports: self.imports()?,
        })
    }

    /// Every question as a light row (its texts and events left in the library, read when
    /// it is shown: [`Reader::questions`], [`Reader::texts`]), the word index, the
    /// relations: the whole library as the viewer holds it.
    pub fn light(&self) -> Result<Light, LibraryError> {
        let (rows, words, related) = self.beside_words(|| self.rows(None), |r| r.qid)?;
        Ok(Light {
            rows,
            words,
            related,
        })
    }

    /// Reads every question (`read`, in qid order) while the word index is read (and its
    /// segments merged) on a second connection: the two halves of an open, on two cores.
    /// Each reads in a transaction of its own; the index is kept only when both saw the
    /// same import and the same questions. The relations follow, numbered as read.
    #[allow(
        clippy::type_complexity,
        reason = "what was read, its index and relations"
    )]
    fn beside_words<T: Send>(
        &self,
        read: impl FnOnce() -> Result<Vec<T>, LibraryError>,
        qid: impl Fn(&T) -> i64,
    ) -> Result<(Vec<T>, Option<WordIndex>, Option<crate::related::Stored>), LibraryError> {
        let (read, words) = std::thread::scope(|scope| {
            let path = self.path.as_path();
            let words = scope.spawn(move || word_index_apart(path));
            let tx = rusqlite::Transaction::new_unchecked(
                &self.conn,
                rusqlite::TransactionBehavior::Deferred,
            )
            .map_err(|e| self.sqlite(e))?;
            let seen = last_import(&tx).map_err(|e| self.sqlite(e))?;
            let read = read()?;
            drop(tx);
            let words = words.join().ok().flatten();
            Ok::<_, LibraryError>((read, words.filter(|(at, _, _)| *at == seen)))
        })?;
        let qids: Vec<i64> = read.iter().map(qid).collect();
        let words = words
            .filter(|(_, held, _)| *held == qids)
            .map(|(_, _, index)| index);
        let related = match self.related_config() {
            Some(config) => {
                let relations =
                    crate::related::stored::read(&self.conn, None).map_err(|e| self.sqlite(e))?;
                Some(crate::related::Stored {
                    config,
                    relations: crate::related::stored::numbered(&relations, &qids),
                    outside: Vec::new(),
                })
            }
            None => None,
        };
        Ok((read, words, related))
    }

    /// The questions that may have news between `from` and `ahead` (see
    /// [`crate::news::compute`]): an event dated from `from` to `today`, or a deadline from
    /// the day before `from` to `ahead`; ascending.
    pub fn news_candidates(
        &self,
        from: chrono::NaiveDate,
        today: chrono::NaiveDate,
        ahead: chrono::NaiveDate,
    ) -> Result<Vec<i64>, LibraryError> {
        let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        let before = from.pred_opt().unwrap_or(from);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT question FROM events WHERE date BETWEEN ?1 AND ?2 \
                 UNION SELECT qid FROM questions WHERE deadline BETWEEN ?3 AND ?4 \
                 ORDER BY 1",
            )
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map(
                params![day(from), day(today), day(before), day(ahead)],
                |r| r.get(0),
            )
            .map_err(|e| self.sqlite(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sqlite(e))
    }

    /// The qids of questions given by id (those the library holds), ascending.
    pub fn qids_of(&self, ids: &[&str]) -> Result<Vec<i64>, LibraryError> {
        let list = std::rc::Rc::new(
            ids.iter()
                .map(|s| rusqlite::types::Value::Text(s.to_string()))
                .collect::<Vec<_>>(),
        );
        let mut stmt = self
            .conn
            .prepare_cached("SELECT qid FROM questions WHERE id IN rarray(?1) ORDER BY qid")
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([list], |r| r.get(0))
            .map_err(|e| self.sqlite(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sqlite(e))
    }

    /// The imports, oldest first.
    pub fn imports(&self) -> Result<Vec<ImportSummary>, LibraryError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT import, at, paths, read, unchanged, new_questions, new_answers, \
                 new_withdrawals, new_signalements, new_ministries, other_changes \
                 FROM imports ORDER BY import",
            )
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([], |r| {
                let n = |i: usize| -> rusqlite::Result<usize> {
                    Ok(r.get::<_, i64>(i)?.max(0) as usize)
                };
                Ok(ImportSummary {
                    import: r.get(0)?,
                    at: r.get(1)?,
                    paths: serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or_default(),
                    read: n(3)?,
                    unchanged: n(4)?,
                    changes: ChangeSummary {
                        new_questions: n(5)?,
                        new_answers: n(6)?,
                        new_withdrawals: n(7)?,
                        new_signalements: n(8)?,
                        new_ministries: n(9)?,
                        other_changes: n(10)?,
                    },
                })
            })
            .map_err(|e| self.sqlite(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sqlite(e))
    }

    /// What the imports after `since` changed (all imports when `None`), oldest first: for a
    /// named dossier, the changes of the questions in it now, and the questions that joined
    /// or left it with what changed them in that import; else every change. This is what "what changed in my dossiers since I last
    /// looked" reads.
    pub fn changes_since(
        &self,
        since: Option<chrono::DateTime<chrono::FixedOffset>>,
        dossier: Option<&NamedDossier>,
        today: chrono::NaiveDate,
    ) -> Result<Vec<ChangeRecord>, OriginError> {
        let since_ms = since.map_or(i64::MIN, |d| d.timestamp_millis());
        let members: Option<HashSet<i64>> = match dossier {
            Some(d) => Some(self.members(d, today)?.into_iter().collect()),
            None => None,
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.import, i.at, c.question, q.id, c.kind, c.dossier \
                 FROM changes c JOIN imports i ON i.import = c.import \
                 JOIN questions q ON q.qid = c.question \
                 WHERE i.at_ms > ?1 ORDER BY c.import, q.qid, c.kind",
            )
            .map_err(|e| self.sqlite(e))?;
        let mut rows = stmt.query(params![since_ms]).map_err(|e| self.sqlite(e))?;
        let mut all: Vec<(i64, String, i64, String, ChangeKind, String)> = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.sqlite(e))? {
            let get = |e| self.sqlite(e);
            let kind: String = r.get(4).map_err(get)?;
            let Some(kind) = ChangeKind::parse(&kind) else {
                continue;
            };
            all.push((
                r.get(0).map_err(get)?,
                r.get(1).map_err(get)?,
                r.get(2).map_err(get)?,
                r.get(3).map_err(get)?,
                kind,
                r.get(5).map_err(get)?,
            ));
        }
        // A question that left the dossier (answered, say) is told with what made it leave.
        let moved: HashSet<(i64, i64)> = match dossier {
            Some(d) => all
                .iter()
                .filter(|c| c.5 == d.name)
                .map(|c| (c.0, c.2))
                .collect(),
            None => HashSet::new(),
        };
        let mut out = Vec::new();
        for (import, at, qid, id, kind, name) in all {
            let keep = match (dossier, &members) {
                (Some(d), Some(m)) => {
                    if name.is_empty() {
                        m.contains(&qid) || moved.contains(&(import, qid))
                    } else {
                        name == d.name
                    }
                }
                _ => true,
            };
            if keep {
                out.push(ChangeRecord {
                    import,
                    at,
                    id,
                    kind,
                    dossier: (!name.is_empty()).then_some(name),
                });
            }
        }
        Ok(out)
    }
}

/// The named dossiers of a database.
pub(super) fn read_dossiers(conn: &Connection) -> rusqlite::Result<Dossiers> {
    let mut stmt = conn.prepare_cached("SELECT name, query FROM dossiers ORDER BY position")?;
    let mut dossiers: Vec<NamedDossier> = stmt
        .query_map([], |r| {
            Ok(NamedDossier {
                name: r.get(0)?,
                query: r.get(1)?,
                pinned: Vec::new(),
                excluded: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        conn.prepare_cached("SELECT dossier, question, mark FROM dossier_pins ORDER BY position")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(0)?;
        let id: String = r.get(1)?;
        let mark: String = r.get(2)?;
        if let Some(d) = dossiers.iter_mut().find(|d| d.name == name) {
            if mark == "pinned" {
                d.pinned.push(id);
            } else {
                d.excluded.push(id);
            }
        }
    }
    Ok(Dossiers { dossiers })
}

/// Writes the named dossiers (all of them, replacing what was there).
pub(super) fn write_dossiers(conn: &Connection, dossiers: &Dossiers) -> rusqlite::Result<()> {
    conn.execute_batch("DELETE FROM dossier_pins; DELETE FROM dossiers;")?;
    let mut add =
        conn.prepare_cached("INSERT INTO dossiers(name, query, position) VALUES (?1, ?2, ?3)")?;
    let mut pin = conn.prepare_cached(
        "INSERT OR IGNORE INTO dossier_pins(dossier, question, mark, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut position = 0i64;
    for (i, d) in dossiers.dossiers.iter().enumerate() {
        add.execute(params![d.name, d.query, i as i64])?;
        for (ids, mark) in [(&d.pinned, "pinned"), (&d.excluded, "excluded")] {
            for id in ids {
                pin.execute(params![d.name, id, mark, position])?;
                position += 1;
            }
        }
    }
    Ok(())
}

/// Changes the named dossiers in one write transaction.
pub(super) fn change_dossiers<T>(
    conn: &Connection,
    path: &Path,
    f: impl FnOnce(&mut Dossiers) -> Result<T, super::DossierError>,
) -> Result<Result<T, super::DossierError>, LibraryError> {
    let err = |e| LibraryError::sqlite(path, e);
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
        .map_err(err)?;
    let mut dossiers = read_dossiers(&tx).map_err(err)?;
    match f(&mut dossiers) {
        Ok(out) => {
            write_dossiers(&tx, &dossiers).map_err(err)?;
            tx.commit().map_err(err)?;
            Ok(Ok(out))
        }
        Err(e) => Ok(Err(e)),
    }
}
