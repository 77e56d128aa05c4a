//! An import: reading what changed, merging it forward, writing only that, in one
//! transaction; and the first fill of a library (a first import, or the conversion of a
//! library of the versions before the database), written into a new file renamed into place.

use super::dossiers::{Dossiers, NamedDossier};
use super::reader::{read_dossiers, write_dossiers, ChangeKind};
use super::{absolute_source, legacy, merge, schema, store, ImportReport, Library, LibraryError};
use crate::load::{load_skipping, LoadOptions, LoadReport, Progress, Sources};
use crate::model::{EventKind, Question, Status};
use crate::parse::problem::Problem;
use crate::query::db::{DbContext, Searcher};
use crate::query::{NoReview, Query};
use crate::review::change::{Change, ChangeSummary, Snapshot};
use rusqlite::{params, Connection};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How to run an import.
pub struct ImportOptions<'a> {
    /// Follows the reading.
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
    /// When it runs (RFC 3339), recorded in the `imports` table.
    pub now: &'a str,
    /// The date taken as today to decide named dossiers' members (`is:overdue`).
    pub today: chrono::NaiveDate,
    /// The settings of related questions.
    pub related: &'a crate::related::Config,
}

/// What an import changed in a named dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierMoves {
    /// The dossier.
    pub name: String,
    /// The questions that left it, with their status now, in id order.
    pub left: Vec<(String, Status)>,
    /// The questions that came into it, in id order.
    pub entered: Vec<String>,
}

/// The database file being filled, next to the library's.
fn temporary(lib: &Library) -> PathBuf {
    lib.dir
        .join(format!(".{}.{}.tmp", super::FILE, std::process::id()))
}

/// Removes what an interrupted first fill left.
fn remove_stale_temporaries(lib: &Library) {
    let Ok(entries) = fs::read_dir(&lib.dir) else {
        return;
    };
    let prefix = format!(".{}.", super::FILE);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with(&prefix) && name.contains(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
    // The files of the format before the database, once converted (a conversion killed
    // after its database was in place).
    if lib.file().exists() {
        for old in legacy::files(&lib.dir) {
            let _ = fs::remove_file(old);
        }
    }
}

/// A question's source is remembered with its stamp (so that it is not read again while
/// unchanged) when it was read without a word said about it, and its author is named (an
/// author left as a reference may be named by AMO data given later).
fn settled(q: &Question) -> bool {
    match q.author_ref.as_deref() {
        None => true,
        Some(r) => {
            !q.author.is_empty()
                && q.author != r
                && !q.group.is_empty()
                && !q.constituency.is_empty()
        }
    }
}

/// Questions read without the AMO data that names their author, named as the library
/// already knows the same acteur from its other questions (the latest published), so that
/// a day's archive imported alone does not show `PA…` for a deputy the library knows.
/// What was said of their authors follows: only those left unnamed are still said.
fn name_known_authors(conn: &Connection, report: &mut LoadReport) -> rusqlite::Result<()> {
    let questions = &mut report.questions;
    let unresolved = |q: &Question| q.author_ref.is_some() && merge::unresolved_author(q);
    let refs: std::collections::BTreeSet<&str> = questions
        .iter()
        .filter(|q| unresolved(q))
        .filter_map(|q| q.author_ref.as_deref())
        .collect();
    if refs.is_empty() {
        return Ok(());
    }
    let values: Vec<rusqlite::types::Value> = refs
        .iter()
        .map(|r| rusqlite::types::Value::Text((*r).to_string()))
        .collect();
    let mut known: HashMap<String, (String, String, String)> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT author_ref, author, political_group, constituency FROM questions \
         WHERE author_ref IN rarray(?1) AND author != '' AND author != author_ref \
         ORDER BY published",
    )?;
    let mut rows = stmt.query([std::rc::Rc::new(values)])?;
    while let Some(r) = rows.next()? {
        known.insert(r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?));
    }
    for q in questions.iter_mut().filter(|q| unresolved(q)) {
        let Some((author, group, constituency)) =
            q.author_ref.as_deref().and_then(|r| known.get(r))
        else {
            continue;
        };
        q.author = author.clone();
        if q.group.is_empty() {
            q.group = group.clone();
        }
        if q.constituency.is_empty() {
            q.constituency = constituency.clone();
        }
    }
    let left: std::collections::BTreeSet<String> = report
        .questions
        .iter()
        .filter(|q| unresolved(q))
        .filter_map(|q| q.author_ref.clone())
        .collect();
    report.diagnostics.retain_mut(|d| match &mut d.problem {
        Problem::UnresolvedAuthor(r) => left.contains(r.as_str()),
        Problem::NoAmo { authors } => {
            *authors = left.len();
            !left.is_empty()
        }
        _ => true,
    });
    Ok(())
}

/// What reading the PATHs gave: the questions (sources absolute), each with the stamp to
/// remember, and what was left unread.
struct Read {
    report: LoadReport,
    stamps: Vec<Option<i64>>,
    /// Questions left unread as unchanged (by qid).
    skipped: Vec<i64>,
}

/// Reads the PATHs, leaving out what `known` (source → (stamp, qid)) says is unchanged.
fn read(
    paths: &[PathBuf],
    options: &ImportOptions,
    known: &HashMap<String, (i64, i64)>,
    conn: Option<&Connection>,
    path: &Path,
) -> Result<Read, LibraryError> {
    let skipped: Mutex<Vec<i64>> = Mutex::new(Vec::new());
    let unchanged = |key: &str, stamp: i64| -> bool {
        match known.get(key) {
            Some(&(s, qid)) if s == stamp => {
                if let Ok(mut v) = skipped.lock() {
                    v.push(qid);
                }
                true
            }
            _ => false,
        }
    };
    let load_options = LoadOptions {
        progress: options.progress,
        ..LoadOptions::default()
    };
    let (mut report, mut sources) = load_skipping(paths, &load_options, &unchanged);
    let mut skipped = skipped.into_inner().unwrap_or_default();
    // A question read from a new source whose id a source left unread also gives: read all
    // again, so that the two copies are compared and said as a load says them.
    if let (Some(conn), false) = (conn, skipped.is_empty() || report.questions.is_empty()) {
        let ids: HashSet<String> = conn
            .prepare("SELECT id FROM questions WHERE qid IN rarray(?1)")
            .and_then(|mut s| {
                s.query_map([store::id_list(&skipped)], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|e| LibraryError::sqlite(path, e))?;
        if report.questions.iter().any(|q| ids.contains(&q.id)) {
            let never = |_: &str, _: i64| false;
            (report, sources) = load_skipping(paths, &load_options, &never);
            skipped.clear();
        }
    }
    let Sources { stamps, .. } = sources;
    // Sources something was said about are read again next time, and said again.
    let said: HashSet<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut p = d.path.clone();
            absolute_source(&mut p);
            p
        })
        .collect();
    let mut remembered = Vec::with_capacity(report.questions.len());
    for q in &mut report.questions {
        absolute_source(&mut q.source);
        let stamp = stamps
            .get(&q.source)
            .copied()
            .filter(|_| !said.contains(&q.source) && settled(q));
        remembered.push(stamp);
    }
    skipped.sort_unstable();
    skipped.dedup();
    Ok(Read {
        report,
        stamps: remembered,
        skipped,
    })
}

/// The kinds of change from `before` to `after` recorded in the `changes` table: every one
/// that applies (the import's report says the most telling, [`Snapshot::change_to`]).
fn change_kinds(before: &Question, after: &Question) -> Vec<ChangeKind> {
    let mut kinds = Vec::new();
    let Some(told) = Snapshot::of(before).change_to(&Snapshot::of(after)) else {
        return kinds;
    };
    if before.answered_on().is_none() && after.answered_on().is_some() {
        kinds.push(ChangeKind::Answered);
    }
    if before.withdrawn_on().is_none() && after.withdrawn_on().is_some() {
        kinds.push(ChangeKind::Withdrawn);
    }
    let signaled = |q: &Question| q.last_event(EventKind::Signaled).map(|e| e.date);
    if signaled(after).is_some() && signaled(after) != signaled(before) {
        kinds.push(ChangeKind::Signaled);
    }
    if before.ministry() != after.ministry() {
        kinds.push(ChangeKind::MinistryChanged);
    }
    if kinds.is_empty() || told == Change::Other {
        kinds.push(ChangeKind::Other);
    }
    kinds
}

/// The members of a named dossier among `scope` (all when `None`): what its query selects
/// there, and those pinned, less those left out. `None` when its query no longer parses.
fn members_among(
    conn: &Connection,
    d: &NamedDossier,
    today: chrono::NaiveDate,
    scope: Option<&[i64]>,
) -> Result<Option<HashSet<i64>>, crate::query::db::DbError> {
    let Ok(query) = Query::parse(&d.query) else {
        return Ok(None);
    };
    let questions = |_: &[i64]| Ok(Vec::new());
    let ctx = DbContext {
        today,
        current: crate::query::db::current_of(conn, None),
        review: &NoReview,
        questions: &questions,
    };
    let selected = Searcher::new(conn).select(&query, &ctx, scope)?;
    let mut members: HashSet<i64> = selected.rows.iter().map(|r| r.qid).collect();
    if !d.pinned.is_empty() || !d.excluded.is_empty() {
        let qids_of = |ids: &[String]| -> rusqlite::Result<Vec<i64>> {
            let list = std::rc::Rc::new(
                ids.iter()
                    .map(|s| rusqlite::types::Value::Text(s.clone()))
                    .collect::<Vec<_>>(),
            );
            conn.prepare_cached("SELECT qid FROM questions WHERE id IN rarray(?1)")?
                .query_map([list], |r| r.get(0))?
                .collect()
        };
        let in_scope = |q: &i64| scope.is_none_or(|s| s.binary_search(q).is_ok());
        members.extend(qids_of(&d.pinned)?.into_iter().filter(|q| in_scope(q)));
        for q in qids_of(&d.excluded)? {
            members.remove(&q);
        }
    }
    Ok(Some(members))
}

/// Records the import and what it changed; returns its number.
fn record(
    conn: &Connection,
    paths: &[PathBuf],
    options: &ImportOptions,
    read: usize,
    unchanged: usize,
    summary: &ChangeSummary,
    changes: &[(i64, ChangeKind, String)],
) -> rusqlite::Result<i64> {
    let at_ms = chrono::DateTime::parse_from_rfc3339(options.now)
        .map(|d| d.timestamp_millis())
        .unwrap_or_else(|_| chrono::Utc::now().timestamp_millis());
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    conn.execute(
        "INSERT INTO imports(at, at_ms, paths, read, unchanged, new_questions, new_answers, \
         new_withdrawals, new_signalements, new_ministries, other_changes) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            options.now,
            at_ms,
            serde_json::to_string(&shown).unwrap_or_default(),
            read as i64,
            unchanged as i64,
            summary.new_questions as i64,
            summary.new_answers as i64,
            summary.new_withdrawals as i64,
            summary.new_signalements as i64,
            summary.new_ministries as i64,
            summary.other_changes as i64,
        ],
    )?;
    let import = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO changes(import, question, kind, dossier) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (qid, kind, dossier) in changes {
        stmt.execute(params![import, qid, kind.as_str(), dossier])?;
    }
    Ok(import)
}

/// Adds a question's field values to `field_values` (the distinct values field terms look
/// through).
fn add_values(conn: &Connection, q: &Question) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO field_values(field, value) VALUES (?1, ?2)")?;
    for (field, value) in [
        ("author", &q.author),
        ("political_group", &q.group),
        ("constituency", &q.constituency),
        ("rubric", &q.rubric),
        ("ministry", &q.ministry_asked),
        ("ministry", &q.ministry_assigned),
    ] {
        if !value.is_empty() {
            stmt.execute([field, value.as_str()])?;
        }
    }
    Ok(())
}

/// Runs an import into the library (its lock held).
pub(super) fn run(
    lib: &Library,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<ImportReport, LibraryError> {
    let started = std::time::Instant::now();
    remove_stale_temporaries(lib);
    let path = lib.file();
    let report = if path.exists() {
        let conn = schema::open_write(&path).map_err(|e| LibraryError::open(&path, e))?;
        incremental(&conn, &path, paths, options)?
    } else {
        let read = read(paths, options, &HashMap::new(), None, &path)?;
        tracing::debug!(
            ms = started.elapsed().as_millis() as u64,
            questions = read.report.questions.len(),
            "import: read"
        );
        match fresh(lib, read, paths, options)? {
            Fresh::Done(report) => report,
            // A library appeared meanwhile (dossiers added): imported into as it is.
            Fresh::Exists => {
                let conn = schema::open_write(&path).map_err(|e| LibraryError::open(&path, e))?;
                incremental(&conn, &path, paths, options)?
            }
        }
    };
    let s = &report.summary;
    tracing::info!(
        read = report.read,
        unchanged = report.unchanged,
        skipped = report.skipped,
        total = report.total,
        new = s.new_questions,
        answers = s.new_answers,
        withdrawals = s.new_withdrawals,
        signalements = s.new_signalements,
        ministries = s.new_ministries,
        other = s.other_changes,
        ms = started.elapsed().as_millis() as u64,
        "import"
    );
    Ok(report)
}

/// What happened to a question read, as the import decides.
enum Plan {
    /// New: inserted.
    Insert(Box<Question>, Option<i64>),
    /// Its record changed: the row updated.
    Update(Box<Update>),
}

/// A question whose record changed: what was held, what is written.
struct Update {
    qid: i64,
    held: Question,
    held_stamp: Option<i64>,
    merged: Question,
    stamp: Option<i64>,
}

/// A question read whose hash differs from its row's, before the merge.
struct ToMerge {
    incoming: Question,
    stamp: Option<i64>,
    qid: i64,
    hash: i64,
    held_stamp: Option<i64>,
}

/// The stamps of the sources remembered, by qid: read from their index alone.
pub(crate) const KNOWN_STAMPS: &str = "SELECT qid, source_stamp FROM questions \
     INDEXED BY questions_stamp WHERE source_stamp IS NOT NULL";
/// The questions' sources: read from their index alone.
pub(crate) const KNOWN_SOURCES: &str =
    "SELECT source, qid FROM questions INDEXED BY questions_source";

/// The sources remembered with a stamp: source → (stamp, qid). Two indexes are read rather
/// than one of both, so that a source's new stamp moves only its entry in the small index of
/// stamps, not one among the long source names.
fn known_sources(conn: &Connection) -> rusqlite::Result<HashMap<String, (i64, i64)>> {
    let mut stamps: HashMap<i64, i64> = HashMap::new();
    let mut stmt = conn.prepare(KNOWN_STAMPS)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        stamps.insert(r.get(0)?, r.get(1)?);
    }
    let mut known = HashMap::with_capacity(stamps.len());
    if stamps.is_empty() {
        return Ok(known);
    }
    let mut stmt = conn.prepare(KNOWN_SOURCES)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let qid: i64 = r.get(1)?;
        if let Some(&stamp) = stamps.get(&qid) {
            known.insert(r.get(0)?, (stamp, qid));
        }
    }
    Ok(known)
}

/// An import into an existing database: only what changed is read and written.
fn incremental(
    conn: &Connection,
    path: &Path,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<ImportReport, LibraryError> {
    let sqlite = |e: rusqlite::Error| LibraryError::sqlite(path, e);
    let db = |e: crate::query::db::DbError| LibraryError::db(path, e);
    // The sources known, with their stamps.
    let known = known_sources(conn).map_err(sqlite)?;
    let Read {
        report: loaded,
        stamps,
        skipped,
    } = read(paths, options, &known, Some(conn), path)?;
    drop(known);
    let mut loaded = loaded;
    name_known_authors(conn, &mut loaded).map_err(sqlite)?;
    let mut report = ImportReport {
        read: loaded.questions.len() + skipped.len(),
        unchanged: skipped.len(),
        skipped: loaded.files_skipped,
        diagnostics: loaded.diagnostics,
        ..ImportReport::default()
    };
    // The rows held for the questions read.
    let ids: Vec<rusqlite::types::Value> = loaded
        .questions
        .iter()
        .map(|q| rusqlite::types::Value::Text(q.id.clone()))
        .collect();
    let mut held: HashMap<String, (i64, i64, Option<i64>)> = HashMap::new();
    if !ids.is_empty() {
        let mut stmt = conn
            .prepare("SELECT id, qid, hash, source_stamp FROM questions WHERE id IN rarray(?1)")
            .map_err(sqlite)?;
        let mut rows = stmt.query([std::rc::Rc::new(ids)]).map_err(sqlite)?;
        while let Some(r) = rows.next().map_err(sqlite)? {
            held.insert(
                r.get(0).map_err(sqlite)?,
                (
                    r.get(1).map_err(sqlite)?,
                    r.get(2).map_err(sqlite)?,
                    r.get(3).map_err(sqlite)?,
                ),
            );
        }
    }
    // Unchanged by hash: nothing to merge. The others are merged with what is held.
    let mut plans: Vec<Plan> = Vec::new();
    let mut stamp_only: Vec<(i64, Option<i64>)> = Vec::new();
    let mut to_merge: Vec<ToMerge> = Vec::new();
    for (incoming, stamp) in loaded.questions.into_iter().zip(stamps) {
        match held.get(&incoming.id) {
            None => plans.push(Plan::Insert(Box::new(incoming), stamp)),
            Some(&(qid, hash, held_stamp)) => {
                if store::content_hash(&incoming) == hash {
                    report.unchanged += 1;
                    if held_stamp != stamp && stamp.is_some() {
                        stamp_only.push((qid, stamp));
                    }
                } else {
                    to_merge.push(ToMerge {
                        incoming,
                        stamp,
                        qid,
                        hash,
                        held_stamp,
                    });
                }
            }
        }
    }
    if !to_merge.is_empty() {
        let qids: Vec<i64> = to_merge.iter().map(|m| m.qid).collect();
        let mut full: HashMap<i64, Question> = store::read(conn, Some(&qids))
            .map_err(|e| LibraryError::read(path, e))?
            .into_iter()
            .collect();
        for ToMerge {
            incoming,
            stamp,
            qid,
            hash,
            held_stamp,
        } in to_merge
        {
            let Some(before) = full.remove(&qid) else {
                continue;
            };
            let incoming_source = incoming.source.clone();
            let merged = merge::merge(before.clone(), incoming);
            // The stamp is the incoming file's: kept only when the row's source is it.
            let stamp = if merged.source == incoming_source {
                stamp
            } else {
                held_stamp
            };
            if store::content_hash(&merged) == hash {
                report.unchanged += 1;
                if held_stamp != stamp && stamp.is_some() {
                    stamp_only.push((qid, stamp));
                }
                continue;
            }
            plans.push(Plan::Update(Box::new(Update {
                qid,
                held: before,
                held_stamp,
                merged,
                stamp,
            })));
        }
    }

    let dossiers = read_dossiers(conn).map_err(sqlite)?;
    let changed_qids: Vec<i64> = {
        let mut v: Vec<i64> = plans
            .iter()
            .filter_map(|p| match p {
                Plan::Update(u) => Some(u.qid),
                Plan::Insert(..) => None,
            })
            .collect();
        v.sort_unstable();
        v
    };
    let anything = !plans.is_empty();
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
        .map_err(sqlite)?;
    // Each dossier's members among the questions about to change, before.
    let mut before: Vec<Option<HashSet<i64>>> = Vec::new();
    if anything {
        for d in &dossiers.dossiers {
            let related = Query::parse(&d.query).is_ok_and(|q| q.uses_related());
            let scope = (!related).then_some(changed_qids.as_slice());
            before.push(members_among(&tx, d, options.today, scope).map_err(db)?);
        }
    }
    let mut written: Vec<(i64, Question)> = Vec::new();
    let mut changes: Vec<(i64, ChangeKind, String)> = Vec::new();
    for plan in plans {
        match plan {
            Plan::Insert(q, stamp) => {
                let qid =
                    store::insert(&tx, None, &q, store::content_hash(&q), stamp).map_err(sqlite)?;
                add_values(&tx, &q).map_err(sqlite)?;
                report.changes.push((q.id.clone(), Change::New));
                changes.push((qid, ChangeKind::New, String::new()));
                written.push((qid, *q));
            }
            Plan::Update(update) => {
                let Update {
                    qid,
                    held,
                    held_stamp,
                    merged,
                    stamp,
                } = *update;
                store::update(
                    &tx,
                    qid,
                    &held,
                    held_stamp,
                    &merged,
                    store::content_hash(&merged),
                    stamp,
                )
                .map_err(sqlite)?;
                add_values(&tx, &merged).map_err(sqlite)?;
                if let Some(change) = Snapshot::of(&held).change_to(&Snapshot::of(&merged)) {
                    report.changes.push((merged.id.clone(), change));
                    for kind in change_kinds(&held, &merged) {
                        changes.push((qid, kind, String::new()));
                    }
                }
                written.push((qid, merged));
            }
        }
    }
    for (qid, stamp) in stamp_only {
        store::set_stamp(&tx, qid, stamp).map_err(sqlite)?;
    }
    if anything {
        written.sort_unstable_by_key(|(q, _)| *q);
        // Their words: a new segment of the index.
        let questions: Vec<Question> = written.iter().map(|(_, q)| q.clone()).collect();
        let qids: Vec<i64> = written.iter().map(|(q, _)| *q).collect();
        let phase = std::time::Instant::now();
        let words = crate::query::words::WordIndex::build(&questions);
        crate::query::segments::write(&tx, &qids, &words).map_err(db)?;
        let merged = crate::query::segments::maybe_merge(&tx).map_err(db)?;
        drop(questions);
        tracing::debug!(
            ms = phase.elapsed().as_millis() as u64,
            merged,
            "import: word segment"
        );
        let phase = std::time::Instant::now();
        // Their relations.
        let stored_config: Option<crate::related::Config> = schema::meta(&tx, "related_config")
            .map_err(sqlite)?
            .and_then(|s| serde_json::from_str(&s).ok());
        let incremental = stored_config.as_ref() == Some(options.related);
        if incremental {
            let refs: Vec<(i64, &Question)> = written.iter().map(|(q, x)| (*q, x)).collect();
            crate::related::stored::update(&tx, options.related, &refs).map_err(sqlite)?;
        } else {
            relate_all(&tx, path, options.related)?;
        }
        tracing::debug!(
            ms = phase.elapsed().as_millis() as u64,
            incremental,
            "import: relations"
        );
        let phase = std::time::Instant::now();
        // Each dossier's members among the questions changed, after: who left, who came.
        let mut after_scope: Vec<i64> = qids.clone();
        after_scope.sort_unstable();
        let statuses: HashMap<i64, (String, Status)> = written
            .iter()
            .map(|(qid, q)| (*qid, (q.id.clone(), q.status)))
            .collect();
        for (d, was) in dossiers.dossiers.iter().zip(before) {
            let related = Query::parse(&d.query).is_ok_and(|q| q.uses_related());
            let scope = (!related).then_some(after_scope.as_slice());
            let (Some(was), Some(now)) = (
                was,
                members_among(&tx, d, options.today, scope).map_err(db)?,
            ) else {
                continue;
            };
            let mut left_q: Vec<i64> = was.difference(&now).copied().collect();
            let mut entered_q: Vec<i64> = now.difference(&was).copied().collect();
            left_q.sort_unstable();
            entered_q.sort_unstable();
            if left_q.is_empty() && entered_q.is_empty() {
                continue;
            }
            let missing: Vec<i64> = left_q
                .iter()
                .chain(&entered_q)
                .filter(|q| !statuses.contains_key(q))
                .copied()
                .collect();
            let mut known = statuses.clone();
            if !missing.is_empty() {
                for r in crate::query::rows::read_rows(&tx, Some(&missing)).map_err(db)? {
                    known.insert(r.qid, (r.id.to_string(), r.status));
                }
            }
            let mut left: Vec<(String, Status)> = Vec::new();
            for q in &left_q {
                changes.push((*q, ChangeKind::Left, d.name.clone()));
                if let Some((id, status)) = known.get(q) {
                    left.push((id.clone(), *status));
                }
            }
            let mut entered: Vec<String> = Vec::new();
            for q in &entered_q {
                changes.push((*q, ChangeKind::Joined, d.name.clone()));
                if let Some((id, _)) = known.get(q) {
                    entered.push(id.clone());
                }
            }
            left.sort();
            entered.sort();
            report.moves.push(super::DossierMoves {
                name: d.name.clone(),
                left,
                entered,
            });
        }
        tracing::debug!(
            ms = phase.elapsed().as_millis() as u64,
            "import: named dossiers' moves"
        );
    }
    report.changes.sort();
    for (_, change) in &report.changes {
        report.summary.count(*change);
    }
    report.import = record(
        &tx,
        paths,
        options,
        report.read,
        report.unchanged,
        &report.summary,
        &changes,
    )
    .map_err(sqlite)?;
    report.total = tx
        .query_row("SELECT count(*) FROM questions", [], |r| r.get::<_, i64>(0))
        .map_err(sqlite)?
        .max(0) as usize;
    tx.commit().map_err(sqlite)?;
    Ok(report)
}

/// Relates every question of the library again (other settings than those the relations
/// were found with).
fn relate_all(
    conn: &Connection,
    path: &Path,
    config: &crate::related::Config,
) -> Result<(), LibraryError> {
    let all = store::read(conn, None).map_err(|e| LibraryError::read(path, e))?;
    let qids: Vec<i64> = all.iter().map(|(q, _)| *q).collect();
    let questions: Vec<Question> = all.into_iter().map(|(_, q)| q).collect();
    let mut index = crate::related::RelatedIndex::new(config.clone());
    index
        .insert(&questions, 0)
        .map_err(|e| LibraryError::Damaged {
            path: path.to_path_buf(),
            what: e.to_string(),
        })?;
    crate::related::stored::write_all(conn, &qids, &index)
        .map_err(|e| LibraryError::sqlite(path, e))?;
    schema::set_meta(
        conn,
        "related_config",
        &serde_json::to_string(config).unwrap_or_default(),
    )
    .map_err(|e| LibraryError::sqlite(path, e))
}

/// How a first fill ended.
enum Fresh {
    Done(ImportReport),
    /// The library's file appeared meanwhile: nothing was put in place.
    Exists,
}

/// What a first fill writes besides the questions.
struct Fill<'a> {
    /// The stamp of each question's source.
    stamps: Vec<Option<i64>>,
    dossiers: Dossiers,
    /// Imports to record: (at, paths, read, unchanged, summary); the last one's changes are
    /// the questions, all new, when `new` is set.
    imports: Vec<(String, Vec<String>, usize, usize, ChangeSummary)>,
    new: bool,
    related: &'a crate::related::Config,
}

/// Writes a whole library into a new file, then links it into place (refusing to replace a
/// file that appeared meanwhile): killed before, the library is as it was (none).
///
/// The file is written without a journal and without syncs (nothing reads it until it is in
/// place), on a thread of its own: the rows first, while the word index and then the
/// relations are found on the other cores, then each of those as it comes. What is written reaches
/// the disk meanwhile (a background sync), so that the one sync before the link, the file's
/// durability, has little left to wait for.
fn fill(lib: &Library, questions: &[Question], fill: Fill) -> Result<Option<i64>, LibraryError> {
    let started = std::time::Instant::now();
    let tmp = temporary(lib);
    let _ = fs::remove_file(&tmp);
    let sqlite = |e: rusqlite::Error| LibraryError::sqlite(&tmp, e);
    let conn = schema::open_fresh(&tmp).map_err(|e| LibraryError::open(&tmp, e))?;
    let qids: Vec<i64> = (1..=questions.len() as i64).collect();
    let written = std::thread::scope(|scope| {
        // Made here, the senders are dropped if what follows panics: the writer and the
        // syncer then stop instead of waiting for ever, and the panic goes on.
        let (words_to, words_from) = std::sync::mpsc::sync_channel(1);
        let (related_to, related_from) = std::sync::mpsc::sync_channel(1);
        let (done_to, done_from) = std::sync::mpsc::channel::<()>();
        let (tmp_ref, qids_ref, fill_ref) = (&tmp, &qids, &fill);
        let writer = scope.spawn(move || {
            let written = write_fill(
                &conn,
                tmp_ref,
                questions,
                qids_ref,
                fill_ref,
                words_from,
                related_from,
            );
            written.map(|last| (conn, last))
        });
        let tmp_ref = &tmp;
        let syncer = scope.spawn(move || sync_until(tmp_ref, done_from));
        // The writer has a core of its own: the others find the word index, then the
        // relations (sharing the writer's core, they would slow the writer, which is the
        // longest to finish).
        let compute = || {
            let phase = std::time::Instant::now();
            let words = crate::query::words::WordIndex::build(questions);
            tracing::debug!(ms = phase.elapsed().as_millis() as u64, "fill: word index");
            // The writer gone (an error) takes nothing more: it is said below.
            let _ = words_to.send(words);
            let phase = std::time::Instant::now();
            let mut index = crate::related::RelatedIndex::new(fill.related.clone());
            let _ = index.insert(questions, 0);
            tracing::debug!(ms = phase.elapsed().as_millis() as u64, "fill: relations");
            let _ = related_to.send(index);
        };
        let others = rayon::current_num_threads().saturating_sub(1).max(1);
        match rayon::ThreadPoolBuilder::new().num_threads(others).build() {
            Ok(pool) => pool.install(compute),
            Err(_) => compute(),
        }
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        drop(done_to);
        let _ = syncer.join();
        written
    });
    let (conn, last) = match written {
        Ok(done) => done,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
    };
    tracing::debug!(ms = started.elapsed().as_millis() as u64, "library filled");
    // Readers and later imports use it in WAL mode; the switch is written into the file.
    conn.execute_batch("PRAGMA journal_mode = WAL;")
        .map_err(sqlite)?;
    drop(conn);
    let io = |action: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source: std::io::Error| LibraryError::Io {
            action,
            path,
            source,
        }
    };
    fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io("writing", &tmp))?;
    let target = lib.file();
    match fs::hard_link(&tmp, &target) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = fs::remove_file(&tmp);
            return Ok(None);
        }
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(io("replacing", &target)(e));
        }
    }
    let _ = fs::remove_file(&tmp);
    if let Ok(dir) = fs::File::open(&lib.dir) {
        let _ = dir.sync_all();
    }
    Ok(Some(last.unwrap_or(0)))
}

/// The writer's part of [`fill`]: every row, then the word index's segment and the
/// relations as they are handed over, in one transaction. Returns the last import recorded.
fn write_fill(
    conn: &Connection,
    tmp: &Path,
    questions: &[Question],
    qids: &[i64],
    fill: &Fill,
    words: std::sync::mpsc::Receiver<crate::query::words::WordIndex>,
    related: std::sync::mpsc::Receiver<crate::related::RelatedIndex>,
) -> Result<Option<i64>, LibraryError> {
    let sqlite = |e: rusqlite::Error| LibraryError::sqlite(tmp, e);
    let phase = std::time::Instant::now();
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
        .map_err(sqlite)?;
    let mut values: HashSet<(&str, &str)> = HashSet::new();
    for (q, (&qid, stamp)) in questions.iter().zip(qids.iter().zip(&fill.stamps)) {
        store::insert(&tx, Some(qid), q, store::content_hash(q), *stamp).map_err(sqlite)?;
        for (field, value) in [
            ("author", &q.author),
            ("political_group", &q.group),
            ("constituency", &q.constituency),
            ("rubric", &q.rubric),
            ("ministry", &q.ministry_asked),
            ("ministry", &q.ministry_assigned),
        ] {
            if !value.is_empty() {
                values.insert((field, value));
            }
        }
    }
    {
        let mut stmt = tx
            .prepare("INSERT OR IGNORE INTO field_values(field, value) VALUES (?1, ?2)")
            .map_err(sqlite)?;
        for (f, v) in values {
            stmt.execute([f, v]).map_err(sqlite)?;
        }
    }
    let questions_ms = phase.elapsed().as_millis() as u64;
    write_dossiers(&tx, &fill.dossiers).map_err(sqlite)?;
    let mut last = None;
    let count = fill.imports.len();
    for (k, (at, paths, read, unchanged, summary)) in fill.imports.iter().enumerate() {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        let changes: Vec<(i64, ChangeKind, String)> = if fill.new && k + 1 == count {
            qids.iter()
                .map(|&q| (q, ChangeKind::New, String::new()))
                .collect()
        } else {
            Vec::new()
        };
        let options = ImportOptions {
            progress: None,
            now: at,
            today: chrono::Local::now().date_naive(),
            related: fill.related,
        };
        last = Some(
            record(&tx, &paths, &options, *read, *unchanged, summary, &changes).map_err(sqlite)?,
        );
    }
    tracing::debug!(
        ms = phase.elapsed().as_millis() as u64,
        questions_ms,
        "fill: rows written"
    );
    let gone = || LibraryError::Damaged {
        path: tmp.to_path_buf(),
        what: "the word index or the relations could not be found".to_string(),
    };
    let phase = std::time::Instant::now();
    let words = words.recv().map_err(|_| gone())?;
    let waited = phase.elapsed();
    crate::query::segments::write(&tx, qids, &words).map_err(|e| LibraryError::db(tmp, e))?;
    drop(words);
    let words_ms = phase.elapsed().as_millis() as u64;
    let phase2 = std::time::Instant::now();
    let related = related.recv().map_err(|_| gone())?;
    let waited2 = phase2.elapsed();
    crate::related::stored::write_all(&tx, qids, &related).map_err(sqlite)?;
    drop(related);
    schema::set_meta(
        &tx,
        "related_config",
        &serde_json::to_string(fill.related).unwrap_or_default(),
    )
    .map_err(sqlite)?;
    schema::set_meta(&tx, "app", env!("CARGO_PKG_VERSION")).map_err(sqlite)?;
    tx.commit().map_err(sqlite)?;
    tracing::debug!(
        ms = phase.elapsed().as_millis() as u64,
        waited_words_ms = waited.as_millis() as u64,
        words_ms,
        waited_relations_ms = waited2.as_millis() as u64,
        "fill: word index and relations written"
    );
    Ok(last)
}

/// Syncs the file being filled now and then until `done` says the writing is over (or is
/// dropped), so that the disk takes its pages while the rest is computed: the sync that
/// makes the file durable then has little left to wait for.
fn sync_until(path: &Path, done: std::sync::mpsc::Receiver<()>) {
    let Ok(file) = fs::File::open(path) else {
        return;
    };
    while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
        done.recv_timeout(std::time::Duration::from_millis(250))
    {
        let _ = file.sync_data();
    }
}

/// A first import: every question read is new.
fn fresh(
    lib: &Library,
    read: Read,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<Fresh, LibraryError> {
    let Read {
        report: loaded,
        stamps,
        ..
    } = read;
    let questions = loaded.questions;
    let mut report = ImportReport {
        read: questions.len(),
        skipped: loaded.files_skipped,
        diagnostics: loaded.diagnostics,
        total: questions.len(),
        ..ImportReport::default()
    };
    report.changes = questions
        .iter()
        .map(|q| (q.id.clone(), Change::New))
        .collect();
    report.changes.sort();
    for (_, c) in &report.changes {
        report.summary.count(*c);
    }
    let imports = vec![(
        options.now.to_string(),
        paths.iter().map(|p| p.display().to_string()).collect(),
        report.read,
        0,
        report.summary.clone(),
    )];
    let done = fill(
        lib,
        &questions,
        Fill {
            stamps,
            dossiers: Dossiers::default(),
            imports,
            new: true,
            related: options.related,
        },
    )?;
    Ok(match done {
        Some(import) => {
            report.import = import;
            Fresh::Done(report)
        }
        None => Fresh::Exists,
    })
}

/// Converts the library of the versions before the database into one (its lock held): its
/// questions, named dossiers and imports; the old files removed once it is in place.
pub(super) fn convert(lib: &Library) -> Result<(), LibraryError> {
    let started = std::time::Instant::now();
    remove_stale_temporaries(lib);
    let old = legacy::read(&lib.dir)?;
    let config = old.related.clone().unwrap_or_default();
    let imports = old
        .imports
        .iter()
        .map(|r| (r.at.clone(), r.paths.clone(), r.read, 0, r.changes.clone()))
        .collect();
    let stamps = vec![None; old.questions.len()];
    let placed = fill(
        lib,
        &old.questions,
        Fill {
            stamps,
            dossiers: old.dossiers,
            imports,
            new: false,
            related: &config,
        },
    )?;
    if placed.is_some() {
        for file in legacy::files(&lib.dir) {
            let _ = fs::remove_file(file);
        }
    }
    tracing::info!(
        questions = old.questions.len(),
        ms = started.elapsed().as_millis() as u64,
        "library converted to a database"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill_of<'a>(questions: &[Question], related: &'a crate::related::Config) -> Fill<'a> {
        Fill {
            stamps: vec![None; questions.len()],
            dossiers: Dossiers::default(),
            imports: Vec::new(),
            new: true,
            related,
        }
    }

    #[test]
    fn a_first_fill_is_placed_complete_in_wal_mode_and_its_temporary_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::at(dir.path());
        let questions = crate::sample::questions();
        let config = crate::related::Config::default();
        let placed = fill(&lib, &questions, fill_of(&questions, &config)).unwrap();
        assert!(placed.is_some());
        let conn = Connection::open(lib.file()).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            count("SELECT count(*) FROM questions"),
            questions.len() as i64
        );
        assert_eq!(count("SELECT count(*) FROM word_segments"), 1);
        assert_eq!(
            count("SELECT count(*) FROM related_keys"),
            questions.len() as i64
        );
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.contains(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_first_fill_that_fails_to_write_says_so_and_leaves_no_library_nor_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::at(dir.path());
        // The same question twice: its id is unique in the table, the writer fails while
        // the word index and the relations are still being found.
        let mut questions = crate::sample::questions();
        questions.push(questions[0].clone());
        let config = crate::related::Config::default();
        assert!(fill(&lib, &questions, fill_of(&questions, &config)).is_err());
        assert!(!lib.file().exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
