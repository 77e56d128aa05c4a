//! The library's database: its tables (described for users in `docs/library.md`), the
//! version of that layout (`PRAGMA user_version`), the migrations from older layouts, and how
//! connections are opened.
//!
//! The file is in WAL mode: readers (the viewer, the command line) keep reading the last
//! committed state while an import writes, and an import killed at any point leaves the
//! state of before it (its uncommitted frames are ignored when the file is next opened).

use rusqlite::{Connection, OpenFlags, Transaction};
use std::path::Path;
use std::time::Duration;

/// The layout written by this version (`PRAGMA user_version`). A file of a later layout is
/// refused (written by a newer dossier); an earlier one is migrated forward on open.
pub const VERSION: i64 = 3;

/// How long a connection waits for another one's write to end before giving up.
const BUSY: Duration = Duration::from_secs(30);

/// The tables, indexes and views of layout 1.
const LAYOUT_1: &str = "
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE questions(
  qid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  legislature INTEGER NOT NULL,
  kind TEXT NOT NULL,
  number INTEGER NOT NULL,
  status TEXT NOT NULL,
  title TEXT NOT NULL,
  author TEXT NOT NULL,
  political_group TEXT NOT NULL,
  constituency TEXT NOT NULL,
  rubric TEXT NOT NULL,
  ministry_asked TEXT NOT NULL,
  ministry_assigned TEXT NOT NULL,
  published TEXT,
  published_page INTEGER,
  answered TEXT,
  answer_page INTEGER,
  closed TEXT,
  closed_page INTEGER,
  closure_reason TEXT,
  signaled TEXT,
  deadline TEXT,
  author_ref TEXT,
  mandate_ref TEXT,
  analysis_head TEXT,
  analysis TEXT,
  attributions TEXT,
  extra TEXT,
  question_emphasis TEXT,
  answer_emphasis TEXT,
  hash INTEGER NOT NULL,
  source_stamp INTEGER,
  source TEXT NOT NULL,
  question_text TEXT NOT NULL,
  answer_text TEXT NOT NULL
);
CREATE INDEX questions_status ON questions(status, deadline);
CREATE INDEX questions_legislature ON questions(legislature);
CREATE INDEX questions_published ON questions(published);
CREATE INDEX questions_author ON questions(author);
CREATE INDEX questions_group ON questions(political_group);
CREATE INDEX questions_constituency ON questions(constituency);
CREATE INDEX questions_rubric ON questions(rubric);
CREATE INDEX questions_ministry_asked ON questions(ministry_asked);
CREATE INDEX questions_ministry_assigned ON questions(ministry_assigned);
CREATE INDEX questions_source ON questions(source, source_stamp);

CREATE TABLE events(
  question INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  date TEXT NOT NULL,
  page INTEGER,
  note TEXT,
  PRIMARY KEY(question, seq)
) WITHOUT ROWID;

CREATE TABLE field_values(
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(field, value)
) WITHOUT ROWID;

CREATE TABLE dossiers(
  name TEXT PRIMARY KEY,
  query TEXT NOT NULL,
  position INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE dossier_pins(
  dossier TEXT NOT NULL,
  question TEXT NOT NULL,
  mark TEXT NOT NULL CHECK (mark IN ('pinned', 'excluded')),
  position INTEGER NOT NULL,
  PRIMARY KEY(dossier, question)
) WITHOUT ROWID;

CREATE TABLE imports(
  import INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  paths TEXT NOT NULL,
  read INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  new_questions INTEGER NOT NULL,
  new_answers INTEGER NOT NULL,
  new_withdrawals INTEGER NOT NULL,
  new_signalements INTEGER NOT NULL,
  new_ministries INTEGER NOT NULL,
  other_changes INTEGER NOT NULL
);
CREATE TABLE changes(
  import INTEGER NOT NULL,
  question INTEGER NOT NULL,
  kind TEXT NOT NULL,
  dossier TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(import, question, kind, dossier)
) WITHOUT ROWID;

CREATE TABLE word_segments(
  segment INTEGER PRIMARY KEY,
  docs INTEGER NOT NULL,
  qids BLOB NOT NULL,
  vocabulary BLOB NOT NULL,
  fst BLOB NOT NULL,
  long BLOB NOT NULL
);
CREATE TABLE word_postings(
  segment INTEGER NOT NULL,
  word INTEGER NOT NULL,
  fields BLOB NOT NULL,
  texts BLOB NOT NULL,
  PRIMARY KEY(segment, word)
) WITHOUT ROWID;

CREATE TABLE related(
  question INTEGER NOT NULL,
  other INTEGER NOT NULL,
  reason TEXT NOT NULL,
  similarity REAL NOT NULL,
  PRIMARY KEY(question, other, reason)
) WITHOUT ROWID;
CREATE TABLE related_keys(
  question INTEGER PRIMARY KEY,
  bands BLOB NOT NULL,
  answer INTEGER NOT NULL
);
CREATE INDEX related_keys_answer ON related_keys(answer) WHERE answer != 0;
CREATE TABLE related_shingles(
  question INTEGER PRIMARY KEY,
  shingles BLOB NOT NULL
);

CREATE VIEW related_ids AS
  SELECT q.id AS question_id, o.id AS related_id, r.reason, r.similarity
  FROM related r JOIN questions q ON q.qid = r.question JOIN questions o ON o.qid = r.other;
CREATE VIEW changes_ids AS
  SELECT i.at, q.id AS question_id, c.kind, c.dossier
  FROM changes c JOIN imports i ON i.import = c.import JOIN questions q ON q.qid = c.question;
";

/// Layout 3: what an import changes for a question touches as few pages as it can. The
/// sources' stamps get an index of their own (the stamp of a changed source no longer moves
/// its entry in the index of the long source names), and the answers' keys a table of their
/// own (a changed answer no longer rewrites the question's band keys).
const LAYOUT_3: &str = "
DROP INDEX questions_source;
CREATE INDEX questions_source ON questions(source);
CREATE INDEX questions_stamp ON questions(source_stamp) WHERE source_stamp IS NOT NULL;

CREATE TABLE related_answers(
  answer INTEGER NOT NULL,
  question INTEGER NOT NULL,
  PRIMARY KEY(answer, question)
) WITHOUT ROWID;
INSERT INTO related_answers(answer, question)
  SELECT answer, question FROM related_keys WHERE answer != 0;
DROP INDEX related_keys_answer;
ALTER TABLE related_keys DROP COLUMN answer;
";

/// The migrations: `MIGRATIONS[v]` takes a file of layout `v` to layout `v + 1` (layout 0 is
/// an empty file). Each runs in the transaction that then sets the new version.
pub(crate) const MIGRATIONS: &[fn(&Transaction) -> rusqlite::Result<()>] = &[
    |tx| tx.execute_batch(LAYOUT_1),
    add_fingerprints,
    |tx| tx.execute_batch(LAYOUT_3),
];

/// Layout 2: each question's review fingerprint ([`crate::record::fingerprint`]), so that
/// the viewer holding light rows tells what changed since a review without reading every
/// answer. A column of the row, written with it (an import rewrites a changed row anyway);
/// for the rows already there, a table beside them (filling it writes 16 bytes a question,
/// where setting the column would rewrite every row, texts included), read while the
/// column is empty.
fn add_fingerprints(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "ALTER TABLE questions ADD COLUMN fingerprint INTEGER;
         CREATE TABLE fingerprints(\n  qid INTEGER PRIMARY KEY REFERENCES questions(qid),\n  \
         fingerprint INTEGER NOT NULL\n);",
    )?;
    let qids: Vec<i64> = tx
        .prepare("SELECT qid FROM questions ORDER BY qid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set = tx.prepare("INSERT INTO fingerprints(qid, fingerprint) VALUES (?1, ?2)")?;
    let read = |qids: &[i64]| match super::store::read(tx, Some(qids)) {
        Ok(questions) => Ok(questions),
        Err(super::store::ReadError::Sqlite(e)) => Err(e),
        // A damaged row gets none (read as 0); reading it will say what is wrong.
        Err(super::store::ReadError::Bad(_)) => Ok(Vec::new()),
    };
    for chunk in qids.chunks(4096) {
        let mut questions = read(chunk)?;
        if questions.len() < chunk.len() {
            questions = Vec::new();
            for qid in chunk {
                questions.extend(read(std::slice::from_ref(qid))?);
            }
        }
        for (qid, q) in questions {
            set.execute(rusqlite::params![
                qid,
                crate::record::fingerprint(&q) as i64
            ])?;
        }
    }
    Ok(())
}

/// Why a database could not be opened as a library.
#[derive(Debug)]
pub(crate) enum OpenError {
    /// Written by a later version of dossier (its layout is newer).
    Newer,
    /// SQLite refused.
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for OpenError {
    fn from(e: rusqlite::Error) -> Self {
        OpenError::Sqlite(e)
    }
}

/// Settings every connection gets: waiting for a writer rather than failing at once, the
/// `rarray` function (lists of ids as a parameter).
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY)?;
    rusqlite::vtab::array::load_module(conn)?;
    // A few MiB of page cache: a dossier's rows, the indexes' upper levels.
    conn.execute_batch("PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;")?;
    Ok(())
}

/// Opens the library file to read it. Its layout must be this version's (a file of an older
/// layout is migrated by [`open_write`] first).
pub(crate) fn open_read(path: &Path) -> Result<Connection, OpenError> {
    // Read-write even to read: a WAL reader keeps its place in the shared-memory file.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = match Connection::open_with_flags(path, flags) {
        Ok(c) => c,
        // A library on a read-only medium can still be read.
        Err(_) => Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?,
    };
    configure(&conn)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > VERSION {
        return Err(OpenError::Newer);
    }
    if version < VERSION {
        drop(conn);
        let conn = open_write(path)?;
        return Ok(conn);
    }
    Ok(conn)
}

/// Opens (creating it if need be) the library file to write it, in WAL mode, its layout
/// brought to this version.
pub(crate) fn open_write(path: &Path) -> Result<Connection, OpenError> {
    let conn = Connection::open(path)?;
    configure(&conn)?;
    // Each commit reaches the disk before it is said done: an import is reported once saved.
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")?;
    migrate(&conn)?;
    Ok(conn)
}

/// Opens a new file to fill in one go (a first import, a conversion): no journal and no
/// syncs while it is written, as it is renamed into place only once complete and synced.
pub(crate) fn open_fresh(path: &Path) -> Result<Connection, OpenError> {
    let conn = Connection::open(path)?;
    configure(&conn)?;
    conn.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;",
    )?;
    migrate(&conn)?;
    Ok(conn)
}

/// Brings the layout to [`VERSION`], one migration per transaction.
fn migrate(conn: &Connection) -> Result<(), OpenError> {
    loop {
        let tx =
            rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > VERSION {
            return Err(OpenError::Newer);
        }
        if version == VERSION {
            tx.commit()?;
            return Ok(());
        }
        let step = MIGRATIONS.get(version as usize).ok_or(OpenError::Newer)?;
        step(&tx)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", version + 1))?;
        tx.commit()?;
    }
}

/// A value of the `meta` table.
pub(crate) fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    use rusqlite::OptionalExtension;
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

/// Sets a value of the `meta` table.
pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use rusqlite::{Connection, Transaction};

    /// The plan SQLite chooses for a statement of the library's layout.
    fn plan(sql: &str) -> Vec<String> {
        let conn = Connection::open_in_memory().unwrap();
        let tx =
            Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Deferred).unwrap();
        for step in super::MIGRATIONS {
            step(&tx).unwrap();
        }
        let mut stmt = tx.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let n = stmt.parameter_count();
        let params: Vec<i64> = vec![1; n];
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| r.get(3))
            .unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn layout_2_gives_each_question_of_a_layout_1_file_its_review_fingerprint() {
        let conn = Connection::open_in_memory().unwrap();
        rusqlite::vtab::array::load_module(&conn).unwrap();
        let tx =
            Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Deferred).unwrap();
        super::MIGRATIONS[0](&tx).unwrap();
        // Rows as layout 1 held them: written by today's code, the new column then dropped.
        tx.execute_batch("ALTER TABLE questions ADD COLUMN fingerprint INTEGER")
            .unwrap();
        let questions = crate::sample::questions();
        for q in &questions {
            crate::library::store::insert(&tx, None, q, 0, None).unwrap();
        }
        tx.execute_batch("ALTER TABLE questions DROP COLUMN fingerprint")
            .unwrap();
        super::MIGRATIONS[1](&tx).unwrap();
        let rows = crate::query::rows::read_rows(&tx, None).unwrap();
        assert_eq!(rows.len(), questions.len());
        for (row, q) in rows.iter().zip(&questions) {
            assert_eq!(&*row.id, q.id);
            assert_eq!(row.fingerprint, crate::record::fingerprint(q));
            assert_eq!(*row, crate::query::rows::Row::of(row.qid, q));
        }
        // A question answered since: its row rewritten, its new fingerprint with it.
        let mut answered = questions[0].clone();
        answered.answer_text = "Réponse.".into();
        crate::library::store::update(&tx, rows[0].qid, &questions[0], None, &answered, 1, None)
            .unwrap();
        let row = crate::query::rows::read_rows(&tx, Some(&[rows[0].qid])).unwrap();
        assert_eq!(row[0].fingerprint, crate::record::fingerprint(&answered));
        assert_ne!(row[0].fingerprint, rows[0].fingerprint);
    }

    #[test]
    fn what_an_import_asks_per_changed_question_is_found_through_an_index() {
        let plan = plan(crate::related::stored::SAME_ANSWER);
        assert!(plan.iter().any(|p| p.contains("PRIMARY KEY")), "{plan:?}");
    }

    #[test]
    fn a_library_of_layout_1_is_migrated_with_its_answer_keys_and_stamps() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        {
            let conn = Connection::open(&path).unwrap();
            let tx = Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Immediate)
                .unwrap();
            super::MIGRATIONS[0](&tx).unwrap();
            tx.execute_batch(
                "PRAGMA user_version = 1;
                 INSERT INTO related_keys(question, bands, answer)
                   VALUES (1, x'01020304', 77), (2, x'', 0), (3, x'05060708', 77);",
            )
            .unwrap();
            tx.commit().unwrap();
        }
        let conn = super::open_write(&path).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, super::VERSION);
        let answers: Vec<(i64, i64)> = conn
            .prepare("SELECT answer, question FROM related_answers")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(answers, vec![(77, 1), (77, 3)]);
        let keys: i64 = conn
            .query_row("SELECT count(*) FROM related_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(keys, 3);
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
    }

    #[test]
    fn the_sources_known_are_read_from_indexes_alone() {
        for sql in [
            crate::library::import::KNOWN_STAMPS,
            crate::library::import::KNOWN_SOURCES,
        ] {
            let plan = plan(sql);
            assert!(
                plan.iter().all(|p| p.contains("COVERING INDEX")),
                "{sql}: {plan:?}"
            );
        }
    }
}
