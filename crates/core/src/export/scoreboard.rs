//! The scoreboard written out: JSON (`{"by": "ministry", "rows": [...]}`) and CSV (one row
//! per line). The text table is the command line's, in its words.

use crate::scoreboard::Scoreboard;
use crate::text::sanitize::csv_cell;
use std::io::{self, Write};

/// The CSV columns, in order: the JSON fields, `labels` joined with `; `, and the oldest
/// overdue question as its id and its days.
pub const CSV_HEADER: [&str; 15] = [
    "name",
    "labels",
    "received",
    "answered",
    "answered_on_time",
    "pending",
    "overdue",
    "closed_unanswered",
    "answer_rate",
    "on_time_rate",
    "median_delay_days",
    "p90_delay_days",
    "oldest_overdue",
    "oldest_overdue_days",
    "reattributed_in",
];

/// Writes the scoreboard as JSON: `{"by": …, "rows": […]}`, rates between 0 and 1 (null
/// when nothing is due).
pub fn write_json(out: &mut dyn Write, board: &Scoreboard) -> io::Result<()> {
    super::json::write_pretty(out, board)
}

/// Writes the scoreboard as CSV, every text cell neutralised.
pub fn write_csv(out: &mut dyn Write, board: &Scoreboard) -> io::Result<()> {
    fn opt<T: ToString>(v: Option<T>) -> String {
        v.map(|v| v.to_string()).unwrap_or_default()
    }
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER)?;
    for r in &board.rows {
        writer.write_record([
            csv_cell(&r.name).into_owned(),
            csv_cell(&r.labels.join("; ")).into_owned(),
            r.received.to_string(),
            r.answered.to_string(),
            r.answered_on_time.to_string(),
            r.pending.to_string(),
            r.overdue.to_string(),
            r.closed_unanswered.to_string(),
            opt(r.answer_rate),
            opt(r.on_time_rate),
            opt(r.median_delay_days),
            opt(r.p90_delay_days),
            opt(r
                .oldest_overdue
                .as_ref()
                .map(|o| csv_cell(&o.id).into_owned())),
            opt(r.oldest_overdue.as_ref().map(|o| o.overdue_days)),
            opt(r.reattributed_in),
        ])?;
    }
    writer.flush()
}
