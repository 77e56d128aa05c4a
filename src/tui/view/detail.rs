//! The detail pane: the selected question's metadata, text and answer, wrapped and cached.

use crate::tui::app::{App, Pane};
use crate::tui::i18n::{strings, Phrases};
use crate::tui::wrap::wrap_field;
use dossier_core::i18n::Lang;
use dossier_core::model::{EventKind, Status};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// The wrapped lines of one question at one width, and which lines hold filter words.
#[derive(Debug, Clone)]
pub struct DetailLines {
    /// What the lines were built for: question index, width, highlighted terms, language.
    pub key: (usize, u16, Vec<String>, Lang),
    /// The lines.
    pub lines: Vec<Line<'static>>,
    /// Indices of lines that hold a highlighted word.
    pub matches: Vec<usize>,
}

/// Text width inside the detail pane (borders and scrollbar excluded).
pub fn text_width(area: Rect) -> u16 {
    area.width.saturating_sub(3).max(1)
}

/// Builds (or takes from the cache) the lines of question `index` at `width` columns.
pub fn lines_for(app: &App, index: usize, width: u16) -> DetailLines {
    let terms = app.filter.query.highlight_terms();
    let key = (index, width, terms, app.lang);
    if let Some(cached) = app.detail_cache.borrow().as_ref() {
        if cached.key == key {
            return cached.clone();
        }
    }
    let built = build(app, index, width, key);
    app.detail_cache.replace(Some(built.clone()));
    built
}

fn build(app: &App, index: usize, width: u16, key: (usize, u16, Vec<String>, Lang)) -> DetailLines {
    let s = strings(app.lang);
    let p = Phrases(app.lang);
    let theme = &app.theme;
    let q = &app.dossier.questions[index];
    let timing = &app.dossier.timings[index];
    let cols = width as usize;
    let terms = &key.2;
    let highlight = theme.highlight();
    let mut out: Vec<(Line<'static>, bool)> = Vec::new();

    let title = if q.title.is_empty() {
        s.untitled
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
        "{} n° {} · {}{} · {}",
        p.kind(q.kind),
        q.number,
        q.legislature,
        s.legislature_suffix,
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
            Some(on) => p.answered_after(on, timing.answer_delay_days),
            None => p.status(Status::Answered).to_string(),
        },
        Status::Withdrawn => match q.first_event(EventKind::Withdrawn) {
            Some(e) => p.withdrawn_on(e.date, e.note.as_deref()),
            None => p.status(Status::Withdrawn).to_string(),
        },
        Status::Pending => {
            let mut line = p.waiting(timing.days_pending);
            match (timing.overdue_days, timing.deadline) {
                (Some(days), Some(deadline)) => {
                    line.push_str(" — ");
                    line.push_str(&p.overdue_by(days, deadline));
                }
                (None, Some(deadline)) => {
                    line.push_str(" — ");
                    line.push_str(&p.due_in((deadline - app.today).num_days(), deadline));
                }
                _ => {}
            }
            line
        }
    };
    let (mark, mark_style) = theme.status_mark(q.status, timing.is_overdue());
    out.extend(wrap_field(
        &format!("{mark} {status_line}"),
        &[],
        cols,
        mark_style,
        highlight,
        terms,
    ));
    if let Some(change) = app.review.change(q) {
        out.extend(wrap_field(
            &format!("★ {}", p.change(change)),
            &[],
            cols,
            theme.mark(),
            highlight,
            &[],
        ));
    }
    if let Some(entry) = app.review.entry(&q.id) {
        let mut marks = Vec::new();
        if let Some(on) = entry.reviewed {
            marks.push(format!("✔ {}", p.reviewed_on(on)));
        }
        if let Some(on) = entry.flagged {
            marks.push(format!("⚑ {}", p.flagged_on(on)));
        }
        if !marks.is_empty() {
            out.extend(wrap_field(
                &marks.join("  "),
                &[],
                cols,
                theme.label(),
                highlight,
                &[],
            ));
        }
        if entry.has_note() {
            out.push((Line::default(), false));
            out.push((
                Line::from(vec![Span::styled(
                    format!("── {} ", s.note_heading),
                    theme.heading(),
                )]),
                false,
            ));
            for line in entry.note.lines() {
                let text = if line.is_empty() { " " } else { line };
                out.extend(wrap_field(text, &[], cols, theme.label(), highlight, terms));
            }
        }
    }
    out.push((Line::default(), false));

    let mut field = |label: &str, value: &str| {
        if value.is_empty() {
            return;
        }
        let text = format!("{label} : {value}");
        let mut lines = wrap_field(&text, &[], cols, Style::new(), highlight, terms);
        if let Some((first, _)) = lines.first_mut() {
            // Colour the label part of the first line.
            if let Some(span) = first.spans.first_mut() {
                span.style = span.style.patch(theme.label());
            }
        }
        out.extend(lines);
    };
    field(s.author, &q.author);
    field(s.group, &q.group);
    field(s.constituency, &q.constituency);
    field(s.rubric, &q.rubric);
    if q.ministry_asked == q.ministry_assigned || q.ministry_asked.is_empty() {
        field(s.ministry, q.ministry());
    } else {
        field(s.ministry_asked, &q.ministry_asked);
        field(s.ministry_assigned, &q.ministry_assigned);
    }
    if let Some(head) = &q.analysis_head {
        field(s.analysis, head);
    }
    if let Some(analysis) = &q.analysis {
        field(s.analysis, analysis);
    }

    let heading = |text: &str| -> (Line<'static>, bool) {
        (
            Line::from(vec![Span::styled(format!("── {text} "), theme.heading())]),
            false,
        )
    };
    out.push((Line::default(), false));
    out.push(heading(s.question_heading));
    if q.question_text.is_empty() {
        out.push((Line::styled(s.no_question_text, theme.dim()), false));
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
    out.push(heading(s.answer_heading));
    if q.answer_text.is_empty() {
        let text = match q.status {
            Status::Withdrawn => match q.first_event(EventKind::Withdrawn) {
                Some(e) => p.withdrawn_on(e.date, e.note.as_deref()),
                None => p.status(Status::Withdrawn).to_string(),
            },
            _ => p.waiting(timing.days_pending),
        };
        let style = theme.status(q.status, timing.is_overdue());
        out.extend(wrap_field(&text, &[], cols, style, highlight, &[]));
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

    let matches = out
        .iter()
        .enumerate()
        .filter(|(_, (_, hit))| *hit)
        .map(|(i, _)| i)
        .collect();
    DetailLines {
        key,
        lines: out.into_iter().map(|(l, _)| l).collect(),
        matches,
    }
}

/// Draws the detail pane.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = strings(app.lang);
    let focused = app.focus == Pane::Detail;
    let mut block = Block::bordered()
        .title(format!(" {} ", s.detail_title))
        .border_style(app.theme.border(focused));
    let Some(index) = app.selected_index() else {
        let text = if app.dossier.questions.is_empty() {
            s.no_question
        } else {
            s.no_match
        };
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    let q = &app.dossier.questions[index];
    block = block.title(
        Line::from(format!(" {} ", q.id))
            .right_aligned()
            .style(app.theme.dim()),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let detail = lines_for(app, index, text_width(area));
    let height = inner.height as usize;
    let max_scroll = detail.lines.len().saturating_sub(height);
    let scroll = app.detail_scroll.min(max_scroll);
    let visible: Vec<Line> = detail
        .lines
        .iter()
        .skip(scroll)
        .take(height)
        .cloned()
        .collect();
    let text_area = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(visible), text_area);
    if detail.lines.len() > height {
        super::scrollbar(frame, area, max_scroll + 1, scroll);
    }
}
