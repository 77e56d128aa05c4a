//! A loaded dossier with what the viewer derives from it once: search keys, deadlines,
//! positions by id, campaigns and grouped answers (found after the load), and how each
//! question stands (for what changed since a review). Shared behind an `Arc` with the
//! threads that filter, index, relate and export it.
//!
//! Every question is held as a light row (what the list, the filter and the sort read).
//! The questions themselves are held too when the dossier was loaded whole (PATHs, the
//! sample, a named dossier); for the whole library they stay in it and are read when shown
//! (a few kept), so that the viewer holds what it shows, not everything.

use chrono::NaiveDate;
use dossier_core::deadline::{timing, Current, Timing};
use dossier_core::library::{Library, Reader};
use dossier_core::load::LoadReport;
use dossier_core::model::Question;
use dossier_core::parse::diagnostic::Diagnostic;
use dossier_core::query::rows::{Row, Texts};
use dossier_core::query::{SearchIndex, SourceTexts, TextSource};
use dossier_core::record::Record;
use dossier_core::review::Snapshot;
use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Every question's light row, as a load hands them over (built on the loading thread),
/// and where the questions are when the load does not hold them.
#[derive(Debug)]
pub struct Rows {
    /// Every question's row: in the load's order, or the library's qid order.
    pub rows: Vec<Row>,
    /// The library's folder, for the whole library (the load then holds no question).
    pub library: Option<PathBuf>,
}

impl Rows {
    /// The rows of questions loaded whole.
    pub fn of(questions: &[Question]) -> Rows {
        Rows {
            rows: dossier_core::query::rows::rows_of(questions),
            library: None,
        }
    }
}

/// A loaded dossier with what the viewer derives from it once.
pub struct Dossier {
    /// Every question's light row, in load order.
    pub rows: Vec<Row>,
    /// The questions whole, or where they are read.
    whole: Whole,
    /// Folded search keys, built once.
    pub index: SearchIndex,
    /// Deadline and delays of each question, as of `today`.
    pub timings: Vec<Timing>,
    /// The legislature in session, as the load said: the timings and the review queue
    /// follow it.
    pub current: Current,
    /// Position of each question by id.
    pub by_id: HashMap<Box<str>, usize>,
    /// What the load had to say.
    pub diagnostics: Vec<Diagnostic>,
    /// Files that gave no question.
    pub files_skipped: usize,
    /// What the cache needs to be written (when one is used).
    pub cache_ticket: Option<dossier_core::cache::CacheTicket>,
    /// Campaigns and grouped answers, computed after the load (on a background thread).
    pub related: std::sync::OnceLock<dossier_core::related::RelatedSet>,
    /// How each question stands, to tell what changed since its review: computed once,
    /// when first needed (a recount over 100,000 reviewed questions then costs lookups).
    pub snapshots: Vec<std::sync::OnceLock<Snapshot>>,
}

/// The questions whole.
enum Whole {
    /// Loaded whole, in the rows' order.
    Held(Vec<Question>),
    /// Left in the library, read when shown.
    Library(Box<Shelf>),
}

/// The questions of the whole library read so far, the last few kept.
struct Shelf {
    dir: PathBuf,
    reader: Mutex<Option<Reader>>,
    kept: Mutex<Kept>,
}

/// The questions read last, by position, oldest first.
type Kept = (VecDeque<usize>, HashMap<usize, Arc<Question>>);

/// Questions read from the library kept at once: the selection, the related questions it
/// shows, the moves back and forth between them.
const KEPT: usize = 64;

impl Shelf {
    /// Runs `f` on the library's reader (opened on first use); `None` when the library
    /// cannot be read (logged: the pane then says the question is not there).
    fn with_reader<T>(&self, f: impl FnOnce(&Reader) -> Option<T>) -> Option<T> {
        let mut reader = self.reader.lock().ok()?;
        if reader.is_none() {
            match Library::at(&self.dir).reader() {
                Ok(r) => *reader = Some(r),
                Err(e) => {
                    tracing::warn!(error = %e, "the library could not be read");
                    return None;
                }
            }
        }
        f(reader.as_ref()?)
    }

    /// The whole questions of these rows, in their order (those that could be read).
    fn read(&self, rows: &[&Row]) -> Vec<Question> {
        let mut qids: Vec<i64> = rows.iter().map(|r| r.qid).collect();
        qids.sort_unstable();
        let read = self.with_reader(|r| match r.questions(Some(&qids)) {
            Ok(q) => Some(q),
            Err(e) => {
                tracing::warn!(error = %e, "questions not read from the library");
                None
            }
        });
        let mut by_qid: HashMap<i64, Question> = read.unwrap_or_default().into_iter().collect();
        rows.iter().filter_map(|r| by_qid.remove(&r.qid)).collect()
    }

    fn question(&self, i: usize, row: &Row) -> Option<Arc<Question>> {
        if let Some(q) = self.kept.lock().ok()?.1.get(&i) {
            return Some(Arc::clone(q));
        }
        let q = Arc::new(self.read(&[row]).pop()?);
        let mut kept = self.kept.lock().ok()?;
        let (order, by_position) = &mut *kept;
        if by_position.insert(i, Arc::clone(&q)).is_none() {
            order.push_back(i);
        }
        while order.len() > KEPT {
            if let Some(old) = order.pop_front() {
                by_position.remove(&old);
            }
        }
        Some(q)
    }
}

/// A whole question: the dossier's own, or read from the library.
pub enum WholeQuestion<'a> {
    /// Held by the dossier.
    Held(&'a Question),
    /// Read from the library.
    Read(Arc<Question>),
}

impl std::ops::Deref for WholeQuestion<'_> {
    type Target = Question;
    fn deref(&self) -> &Question {
        match self {
            WholeQuestion::Held(q) => q,
            WholeQuestion::Read(q) => q,
        }
    }
}

impl std::fmt::Debug for Dossier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dossier")
            .field("questions", &self.rows.len())
            .field("held", &matches!(self.whole, Whole::Held(_)))
            .field("index", &self.index)
            .finish()
    }
}

impl Dossier {
    /// Derives what the viewer needs from a load, its rows and its index (built with the
    /// load's legislature in session): the questions held, or, for the whole library, left
    /// in it.
    pub fn new(report: LoadReport, rows: Rows, index: SearchIndex, today: NaiveDate) -> Self {
        let current = report.current;
        let Rows { rows, library } = rows;
        let whole = match library {
            Some(dir) => Whole::Library(Box::new(Shelf {
                dir,
                reader: Mutex::new(None),
                kept: Mutex::default(),
            })),
            None => Whole::Held(report.questions),
        };
        let timings = rows.iter().map(|r| timing(r, today, current)).collect();
        let by_id = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        Dossier {
            snapshots: rows.iter().map(|_| std::sync::OnceLock::new()).collect(),
            rows,
            whole,
            index,
            timings,
            current,
            by_id,
            diagnostics: report.diagnostics,
            files_skipped: report.files_skipped,
            cache_ticket: report.cache,
            related: std::sync::OnceLock::new(),
        }
    }

    /// Derives what the viewer needs from a load of whole questions, building the index
    /// here.
    pub fn from_report(report: LoadReport, today: NaiveDate) -> Self {
        let index = SearchIndex::build(&report.questions, report.current);
        let rows = Rows::of(&report.questions);
        Dossier::new(report, rows, index, today)
    }

    /// An empty dossier (while loading).
    pub fn empty() -> Self {
        Dossier::from_report(LoadReport::default(), NaiveDate::MIN)
    }

    /// How many questions.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when it has no question.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The questions whole, when the dossier holds them (not for the whole library).
    pub fn held(&self) -> Option<&[Question]> {
        match &self.whole {
            Whole::Held(questions) => Some(questions),
            Whole::Library(_) => None,
        }
    }

    /// The library the questions are read from, when they are left in it.
    pub fn library(&self) -> Option<&std::path::Path> {
        match &self.whole {
            Whole::Held(_) => None,
            Whole::Library(shelf) => Some(&shelf.dir),
        }
    }

    /// The question at `i`, whole: held, or read from the library (`None` when it cannot
    /// be read).
    pub fn question(&self, i: usize) -> Option<WholeQuestion<'_>> {
        match &self.whole {
            Whole::Held(questions) => questions.get(i).map(WholeQuestion::Held),
            Whole::Library(shelf) => shelf
                .question(i, self.rows.get(i)?)
                .map(WholeQuestion::Read),
        }
    }

    /// The questions at these positions, whole, in their order (those that can be read):
    /// what an export writes.
    pub fn questions_at(&self, positions: &[usize]) -> Vec<WholeQuestion<'_>> {
        match &self.whole {
            Whole::Held(questions) => positions
                .iter()
                .filter_map(|&i| questions.get(i).map(WholeQuestion::Held))
                .collect(),
            Whole::Library(shelf) => {
                let rows: Vec<&Row> = positions.iter().filter_map(|&i| self.rows.get(i)).collect();
                shelf
                    .read(&rows)
                    .into_iter()
                    .map(|q| WholeQuestion::Read(Arc::new(q)))
                    .collect()
            }
        }
    }

    /// Runs `f` on the library's reader, for a dossier left in the library.
    pub fn with_reader<T>(&self, f: impl FnOnce(&Reader) -> Option<T>) -> Option<T> {
        match &self.whole {
            Whole::Held(_) => None,
            Whole::Library(shelf) => shelf.with_reader(f),
        }
    }

    /// The question with this id: its position and row.
    pub fn get(&self, id: &str) -> Option<(usize, &Row)> {
        let i = *self.by_id.get(id)?;
        self.rows.get(i).map(|r| (i, r))
    }

    /// How the question at `i` stands now (see [`Snapshot::of`]), computed once.
    pub fn snapshot(&self, i: usize) -> Option<&Snapshot> {
        let row = self.rows.get(i)?;
        Some(self.snapshots.get(i)?.get_or_init(|| Snapshot::of(row)))
    }

    /// A question a relation points to, whole (see [`Dossier::related_record`]).
    pub fn related_question(&self, i: usize) -> Option<WholeQuestion<'_>> {
        if i < self.rows.len() {
            return self.question(i);
        }
        self.related.get()?.outside(i).map(WholeQuestion::Held)
    }

    /// A question a relation points to, as a record: one of the dossier's rows, or one of
    /// the library kept beside a named dossier because it is related to one of its
    /// questions.
    pub fn related_record(&self, i: usize) -> Option<&dyn Record> {
        match self.rows.get(i) {
            Some(row) => Some(row),
            None => Some(self.related.get()?.outside(i)?),
        }
    }
}

/// The texts the filter reads (`text:`, phrases) of questions left in the library.
impl TextSource for Dossier {
    fn texts(&self, positions: &[usize]) -> Vec<Option<SourceTexts<'_>>> {
        match &self.whole {
            Whole::Held(questions) => positions
                .iter()
                .map(|&i| {
                    let q = questions.get(i)?;
                    Some((
                        Cow::Borrowed(q.question_text.as_str()),
                        Cow::Borrowed(q.answer_text.as_str()),
                    ))
                })
                .collect(),
            Whole::Library(shelf) => {
                let qids: Vec<i64> = positions
                    .iter()
                    .filter_map(|&i| self.rows.get(i).map(|r| r.qid))
                    .collect();
                let mut read = shelf
                    .with_reader(|r| r.texts(&qids).ok())
                    .unwrap_or_default();
                positions
                    .iter()
                    .map(|&i| {
                        let Texts { question, answer } = read.remove(&self.rows.get(i)?.qid)?;
                        Some((Cow::Owned(question), Cow::Owned(answer)))
                    })
                    .collect()
            }
        }
    }
}
