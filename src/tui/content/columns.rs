//! The list's columns: widths that follow what is shown and the terminal's width.

use crate::tui::app::App;
use crate::tui::words::ui::words;
use dossier_core::text::width::width;

/// Widths of the list's columns; zero hides a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Columns {
    /// Status mark.
    pub mark: usize,
    /// Review marks: changed, reviewed, flag, note (one cell each).
    pub review: usize,
    /// Id.
    pub id: usize,
    /// Publication date.
    pub date: usize,
    /// Author.
    pub author: usize,
    /// Ministry that must answer.
    pub ministry: usize,
    /// Deadline of a pending question.
    pub deadline: usize,
    /// Days overdue.
    pub overdue: usize,
    /// Title: what is left.
    pub title: usize,
}

/// Most rows measured for the content widths (the first ones; a column wider than those is
/// cut with `…`).
const MEASURED: usize = 5_000;

/// Chooses the columns for `cols` columns of text.
pub fn choose(app: &App, cols: usize) -> Columns {
    let w = words(app.lang);
    let shown = app
        .hits
        .iter()
        .take(MEASURED)
        .filter_map(|h| app.dossier.questions.get(h.index));
    let (mut id, mut author, mut ministry) =
        (width(w.col_id), width(w.col_author), width(w.col_ministry));
    let mut any_pending = false;
    let mut title = width(w.col_title);
    for q in shown {
        id = id.max(width(&q.id));
        author = author.max(width(&q.author));
        ministry = ministry.max(width(q.ministry()));
        title = title.max(width(&q.title));
        any_pending |= q.status == dossier_core::model::Status::Pending;
    }
    let date = 10;
    let mut c = Columns {
        mark: 1,
        review: 4,
        id,
        date: if cols >= 64 { date } else { 0 },
        author: if cols >= 44 { author.min(26) } else { 0 },
        ministry: if cols >= 100 { ministry.min(44) } else { 0 },
        deadline: if cols >= 150 && any_pending {
            date.max(width(w.col_deadline))
        } else {
            0
        },
        overdue: if cols >= 150 && any_pending {
            6.max(width(w.col_overdue))
        } else {
            0
        },
        title: 0,
    };
    let fixed = |c: &Columns| {
        [
            c.mark, c.review, c.id, c.date, c.author, c.ministry, c.deadline, c.overdue,
        ]
        .iter()
        .filter(|w| **w > 0)
        .map(|w| w + 1)
        .sum::<usize>()
    };
    // The title keeps at least a third of the row: names give way first, down to 12.
    let title_min = (cols / 3).max(20);
    while fixed(&c) + title_min > cols {
        if c.ministry > 12 {
            c.ministry -= 1;
        } else if c.author > 12 {
            c.author -= 1;
        } else if c.deadline > 0 {
            c.deadline = 0;
            c.overdue = 0;
        } else if c.ministry > 0 {
            c.ministry = 0;
        } else {
            break;
        }
    }
    c.title = cols.saturating_sub(fixed(&c));
    // Room the titles do not need goes to the names they cut, up to their length.
    if c.title > title + 1 {
        let mut surplus = c.title - title - 1;
        for (col, full) in [(&mut c.ministry, ministry), (&mut c.author, author)] {
            if *col > 0 && *col < full {
                let more = (full - *col).min(surplus);
                *col += more;
                surplus -= more;
            }
        }
        c.title = cols.saturating_sub(fixed(&c));
    }
    c
}
