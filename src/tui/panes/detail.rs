//! The detail pane: the selected question's metadata, review marks and note, text and
//! answer, wrapped to the pane's width once (its content), then drawn scrolled.

use super::Ctx;
use crate::tui::dossier::Dossier;
use crate::tui::widgets;
use crate::tui::widgets::wrap::{span, wrap_field, Marked};
use crate::tui::words::{related as related_words, ui};
use chrono::{DateTime, Local, TimeZone};
use dossier_core::i18n::Lang;
use dossier_core::model::{EventKind, Question, Status};
use dossier_core::query::Highlight;
use dossier_core::review::clock::writer_of;
use dossier_core::review::ReviewStore;
use dossier_core::review::{NoteView, Snapshot};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// The wrapped lines of one question, and which lines hold filter words.
#[derive(Debug, Clone, Default)]
pub struct DetailText {
    /// The lines.
    pub lines: Vec<Line<'static>>,
    /// Indices of lines that hold a highlighted word.
    pub matches: Vec<usize>,
}

/// When a note version was saved, as the detail shows it: "3 déc. 2026 10:42".
pub fn saved_at(lang: Lang, t: u64) -> String {
    match Local.timestamp_millis_opt(t as i64).single() {
        Some(dt) => {
            let dt: DateTime<Local> = dt;
            format!("{} {}", lang.date(dt.date_naive()), dt.format("%H:%M"))
        }
        None => String::new(),
    }
}

/// What changed since the review, with its dates.
fn change_line(
    lang: Lang,
    q: &Question,
    then: Option<&Snapshot>,
    reviewed: Option<chrono::NaiveDate>,
) -> Option<String> {
    let now = Snapshot::of(q);
    let change = match then {
        Some(then) => then.change_to(&now)?,
        None => return None,
    };
    let since = reviewed
        .map(|d| {
            lang.pick(
                format!(" (revue du {})", lang.date(d)),
                format!(" (review of {})", lang.date(d)),
            )
        })
        .unwrap_or_default();
    use dossier_core::review::Change::*;
    let what = match change {
        Answered => q.answered_on().map(|d| {
            lang.pick(
                format!("Réponse publiée le {}", lang.date(d)),
                format!("Answer published on {}", lang.date(d)),
            )
        }),
        Withdrawn => q.first_event(EventKind::Withdrawn).map(|e| {
            let why = e
                .note
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            lang.pick(
                format!("Retirée le {}{why}", lang.date(e.date)),
                format!("Withdrawn on {}{why}", lang.date(e.date)),
            )
        }),
        Signaled => q.last_event(EventKind::Signaled).map(|e| {
            lang.pick(
                format!("Signalée le {}", lang.date(e.date)),
                format!("Signalée on {}", lang.date(e.date)),
            )
        }),
        MinistryChanged => {
            let date = q
                .last_event(EventKind::AttributionChanged)
                .map(|e| lang.date(e.date));
            let on = date
                .map(|d| lang.pick(format!(" le {d}"), format!(" on {d}")))
                .unwrap_or_default();
            Some(lang.pick(
                format!("Attribuée{on} à {}", q.ministry()),
                format!("Attributed{on} to {}", q.ministry()),
            ))
        }
        Other | New => None,
    };
    Some(match what {
        Some(w) => format!("{} — {w}{since}", ui::change(lang, change)),
        None => format!("{}{since}", ui::change(lang, change)),
    })
}

/// Related questions listed in the detail (the picker has them all).
const RELATED_SHOWN: usize = 12;

/// What the detail shows.
pub struct DetailInput<'a> {
    /// The question's position in the dossier.
    pub index: usize,
    /// The dossier (the question, its timing, its related questions).
    pub dossier: &'a Dossier,
    /// The review marks and notes.
    pub review: &'a ReviewStore,
    /// The keys of the picker of related questions, for the hint under them.
    pub related_keys: &'a str,
    /// The words of the filter to highlight.
    pub terms: &'a Highlight,
}

/// Builds the detail of a question at `cols` columns.
pub fn build(input: &DetailInput, ctx: Ctx, cols: usize) -> DetailText {
    let DetailInput {
        index,
        dossier,
        review,
        related_keys,
        terms,
    } = *input;
    let Some(timing) = dossier.timings.get(index) else {
        return DetailText::default();
    };
    let Some(q) = dossier.question(index) else {
        // Held as a row, its texts not readable now (the library gone, damaged).
        let Some(row) = dossier.rows.get(index) else {
            return DetailText::default();
        };
        let style = ctx.theme.overdue();
        let text = format!("{}\n{}", row.title, ui::words(ctx.lang).unreadable_question);
        return DetailText {
            lines: wrap_field(&text, &[], cols, style, style, &Highlight::default())
                .into_iter()
                .map(|(line, _)| line)
                .collect(),
            matches: Vec::new(),
        };
    };
    let q: &Question = &q;
    let lang = ctx.lang;
    let w = ui::words(lang);
    let theme = ctx.theme;
    let highlight = theme.highlight();
    let mut out: Vec<Marked> = Vec::new();
    let plain = |out: &mut Vec<Marked>, text: &str, style: Style| {
        out.extend(wrap_field(
            text,
            &[],
            cols,
            style,
            highlight,
            &Highlight::default(),
        ));
    };

    let title = if q.title.is_empty() {
        w.untitled
    } else {
        q.title.as_str()
    };
    out.extend(wrap_field(
        title,
        &[],
        cols,
        Style::new().add_modifier(Modifier::BOLD),
        highlight,
        terms,
    ));
    let id_line = format!(
        "{} {} {} · {}{} · {}",
        ui::kind(lang, q.kind),
        lang.pick("n°", "no."),
        q.number,
        q.legislature,
        w.legislature_suffix,
        q.id
    );
    out.extend(wrap_field(
        &id_line,
        &[],
        cols,
        theme.dim(),
        highlight,
        terms,
    ));

    let status_line = match q.status {
        Status::Answered => match q.answered_on() {
            Some(on) => ui::answered_after(lang, on, timing.answer_delay_days),
            None => ui::status(lang, Status::Answered).to_string(),
        },
        Status::Withdrawn => match q.first_event(EventKind::Withdrawn) {
            Some(e) => ui::withdrawn_on(lang, e.date, e.note.as_deref()),
            None => ui::status(lang, Status::Withdrawn).to_string(),
        },
        Status::Pending if timing.lapsed => ui::lapsed(lang, q.legislature),
        Status::Pending => {
            let mut line = ui::waiting(lang, timing.days_pending);
            match (timing.overdue_days, timing.deadline) {
                (Some(days), Some(deadline)) => {
                    line.push_str(" — ");
                    line.push_str(&ui::overdue_by(lang, days, deadline));
                }
                (None, Some(deadline)) => {
                    line.push_str(" — ");
                    line.push_str(&ui::due_in(
                        lang,
                        (deadline - ctx.today).num_days(),
                        deadline,
                    ));
                }
                _ => {}
            }
            if let Some(rule) = timing.deadline_rule {
                line.push_str(&format!(" · {}", ui::rule(lang, rule)));
            }
            line
        }
    };
    let (mark, mark_style) = theme.status_mark(q.status, timing.is_overdue());
    plain(&mut out, &format!("{mark} {status_line}"), mark_style);
    // A pending question whose twin was answered: the government's position is known.
    let related = dossier.related.get();
    let answered_twin = related
        .filter(|_| q.status == Status::Pending)
        .and_then(|set| {
            set.of(index).find(|r| {
                dossier
                    .related_record(r.index as usize)
                    .is_some_and(|o| o.status() == Status::Answered)
            })
        })
        .and_then(|r| Some((*r, dossier.related_record(r.index as usize)?)));
    if let Some((_, twin)) = answered_twin {
        plain(
            &mut out,
            &format!(
                "↪ {}",
                related_words::answered_elsewhere(lang, twin.id(), twin.answered())
            ),
            theme.answered(),
        );
    }

    let entry = review.entry(&q.id);
    if review.state().is_new(&q.id) {
        plain(
            &mut out,
            &format!("★ {}", ui::change(lang, dossier_core::review::Change::New)),
            theme.mark(),
        );
    } else if let Some(line) = change_line(
        lang,
        q,
        entry.and_then(|e| e.reviewed()).map(|r| &r.snapshot),
        entry.and_then(|e| e.reviewed()).map(|r| r.date),
    ) {
        plain(&mut out, &format!("★ {line}"), theme.mark());
    }
    let me = dossier_core::review::clock::writer_of(review.replica()).to_string();
    let by = |replica: &str| {
        let writer = writer_of(replica);
        (writer != me && !writer.is_empty()).then(|| writer.to_string())
    };
    if let Some(entry) = entry {
        let mut marks = Vec::new();
        if let (Some(r), Some(reg)) = (entry.reviewed(), &entry.reviewed) {
            marks.push(format!(
                "✔ {}",
                ui::reviewed_on(lang, r.date, by(&reg.by).as_deref())
            ));
        }
        if let (Some(d), Some(reg)) = (entry.flagged(), &entry.flagged) {
            marks.push(format!(
                "⚑ {}",
                ui::flagged_on(lang, d, by(&reg.by).as_deref())
            ));
        }
        if let (Some(d), Some(reg)) = (entry.to_signal(), &entry.to_signal) {
            marks.push(format!(
                "{} {}",
                dossier_core::marks::TO_SIGNAL,
                ui::to_signal_on(lang, d, by(&reg.by).as_deref())
            ));
        }
        if !marks.is_empty() {
            plain(&mut out, &marks.join("  "), theme.label());
        }
        match entry.note() {
            NoteView::None => {}
            NoteView::One(v) => {
                out.push((Line::default(), false));
                let who = by(&v.by).map(|b| format!(" · {b}")).unwrap_or_default();
                out.push((
                    Line::from(vec![span(
                        &format!("── {}{who} ", w.note_heading),
                        theme.heading(),
                    )]),
                    false,
                ));
                out.extend(wrap_note(&v.text, cols, theme.note(), highlight, terms));
            }
            NoteView::Conflict(versions) => {
                out.push((Line::default(), false));
                out.push((
                    Line::from(vec![span(
                        &format!("── ⚠ {} ", w.conflict_heading),
                        theme.conflict(),
                    )]),
                    false,
                ));
                for v in versions.iter().filter(|v| !v.text.trim().is_empty()) {
                    let head = format!("┌ {} · {}", writer_of(&v.by), saved_at(lang, v.t));
                    out.push((Line::from(vec![span(&head, theme.conflict())]), false));
                    out.extend(
                        wrap_note(
                            &v.text,
                            cols.saturating_sub(2),
                            theme.note(),
                            highlight,
                            terms,
                        )
                        .into_iter()
                        .map(|(l, m)| {
                            let mut spans = vec![span("│ ", theme.conflict())];
                            spans.extend(l.spans);
                            (Line::from(spans), m)
                        }),
                    );
                }
            }
        }
    }
    out.push((Line::default(), false));

    let field = |out: &mut Vec<Marked>, label: &str, value: &str| {
        if value.is_empty() {
            return;
        }
        let text = format!("{}{value}", lang.colon(label));
        let mut lines = wrap_field(&text, &[], cols, Style::new(), highlight, terms);
        if let Some((first, _)) = lines.first_mut() {
            // Colour the label part of the first line.
            if let Some(span) = first.spans.first_mut() {
                span.style = span.style.patch(theme.label());
            }
        }
        out.extend(lines);
    };
    field(&mut out, w.author, &q.author);
    field(&mut out, w.group, &q.group);
    field(&mut out, w.constituency, &q.constituency);
    field(&mut out, w.rubric, &q.rubric);
    if q.ministry_asked == q.ministry_assigned || q.ministry_asked.is_empty() {
        field(&mut out, w.ministry, q.ministry());
    } else {
        field(&mut out, w.ministry_asked, &q.ministry_asked);
        field(&mut out, w.ministry_assigned, &q.ministry_assigned);
    }
    if let Some(head) = &q.analysis_head {
        field(&mut out, w.analysis_head, head);
    }
    if let Some(analysis) = &q.analysis {
        field(&mut out, w.analysis, analysis);
    }

    let heading = |text: &str| -> Marked {
        (
            Line::from(vec![span(&format!("── {text} "), theme.heading())]),
            false,
        )
    };
    out.push((Line::default(), false));
    out.push(heading(w.question_heading));
    if q.question_text.is_empty() {
        out.push((Line::styled(w.no_question_text, theme.dim()), false));
    } else {
        out.extend(wrap_field(
            &q.question_text,
            &q.question_emphasis,
            cols,
            Style::new(),
            highlight,
            terms,
        ));
    }
    out.push((Line::default(), false));
    out.push(heading(w.answer_heading));
    if q.answer_text.is_empty() {
        let text = match q.status {
            Status::Withdrawn => match q.first_event(EventKind::Withdrawn) {
                Some(e) => ui::withdrawn_on(lang, e.date, e.note.as_deref()),
                None => ui::status(lang, Status::Withdrawn).to_string(),
            },
            _ => ui::waiting(lang, timing.days_pending),
        };
        plain(&mut out, &text, theme.status(q.status, timing.is_overdue()));
        let twin =
            answered_twin.and_then(|(r, _)| Some((r, dossier.related_question(r.index as usize)?)));
        if let Some((r, twin)) = twin {
            out.push((Line::default(), false));
            out.push(heading(&related_words::answer_of_related(
                lang,
                &twin.id,
                r.similarity,
                r.reason,
            )));
            if let Some(on) = twin.answered_on() {
                plain(
                    &mut out,
                    &ui::answered_after(lang, on, None),
                    theme.answered(),
                );
            }
            out.extend(wrap_field(
                &twin.answer_text,
                &twin.answer_emphasis,
                cols,
                Style::new(),
                highlight,
                terms,
            ));
        }
    } else {
        out.extend(wrap_field(
            &q.answer_text,
            &q.answer_emphasis,
            cols,
            Style::new(),
            highlight,
            terms,
        ));
    }

    match related {
        Some(set) => {
            let list = set.distinct(index);
            if !list.is_empty() {
                out.push((Line::default(), false));
                out.push(heading(&related_words::related_heading(lang, list.len())));
                for r in list.iter().take(RELATED_SHOWN) {
                    let Some(other) = dossier.related_record(r.index as usize) else {
                        continue;
                    };
                    let outside = r.index as usize >= dossier.len();
                    let other_timing = dossier.timings.get(r.index as usize);
                    let (mark, style) = theme
                        .status_mark(other.status(), other_timing.is_some_and(|t| t.is_overdue()));
                    let when = match other.status() {
                        Status::Answered => other
                            .answered()
                            .map(|d| format!(" · {}", lang.short_date(d)))
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    let mut line = format!(
                        "{mark} {} · {} · {} · {}{when} · {}",
                        other.id(),
                        related_words::reason(lang, r.reason),
                        related_words::percent(lang, r.similarity),
                        ui::status(lang, other.status()),
                        other.author(),
                    );
                    if outside {
                        line.push_str(&format!(" · {}", related_words::outside(lang)));
                    }
                    out.extend(
                        wrap_field(&line, &[], cols, style, highlight, terms)
                            .into_iter()
                            .take(2),
                    );
                }
                if list.len() > RELATED_SHOWN {
                    plain(
                        &mut out,
                        &related_words::more(lang, list.len() - RELATED_SHOWN),
                        theme.dim(),
                    );
                }
                if !related_keys.is_empty() {
                    plain(
                        &mut out,
                        &related_words::related_hint(lang, related_keys),
                        theme.dim(),
                    );
                }
            }
        }
        None if !dossier.is_empty() => {
            out.push((Line::default(), false));
            plain(&mut out, related_words::computing(lang), theme.dim());
        }
        None => {}
    }

    let matches = out
        .iter()
        .enumerate()
        .filter(|(_, (_, hit))| *hit)
        .map(|(i, _)| i)
        .collect();
    DetailText {
        lines: out.into_iter().map(|(l, _)| l).collect(),
        matches,
    }
}

/// A note's lines: its own line breaks kept, each line wrapped.
fn wrap_note(
    text: &str,
    cols: usize,
    style: Style,
    highlight: Style,
    terms: &Highlight,
) -> Vec<Marked> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push((Line::default(), false));
        } else {
            out.extend(wrap_field(line, &[], cols, style, highlight, terms));
        }
    }
    out
}

/// What the detail pane's frame shows around the text.
pub struct DetailFrame<'a> {
    /// The question's id, in the border.
    pub id: Option<&'a str>,
    /// No question loaded at all (else none matches the filter).
    pub empty: bool,
    /// The pane has the keyboard.
    pub focused: bool,
    /// Its first line drawn.
    pub scroll: usize,
}

/// Draws the detail pane.
pub fn draw(text: Option<&DetailText>, f: &DetailFrame, ctx: Ctx, frame: &mut Frame, area: Rect) {
    let w = ui::words(ctx.lang);
    let mut block = Block::bordered()
        .title(format!(" {} ", w.detail_title))
        .border_style(ctx.theme.border(f.focused));
    let Some(id) = f.id else {
        let text = if f.empty { w.no_question } else { w.no_match };
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    block = block.title(
        Line::from(format!(" {id} "))
            .right_aligned()
            .style(ctx.theme.dim()),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(detail) = text else {
        return;
    };
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let height = inner.height as usize;
    let max_scroll = detail.lines.len().saturating_sub(height);
    let scroll = f.scroll.min(max_scroll);
    let text_area = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    widgets::draw_lines(
        frame.buffer_mut(),
        text_area,
        detail.lines.iter().skip(scroll),
    );
    if detail.lines.len() > height {
        widgets::scrollbar(frame, area, max_scroll + 1, scroll);
    }
}
