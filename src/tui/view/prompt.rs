//! The small windows over the panes: a prompt (a line of text, or a picker whose choices
//! are filtered by what is typed) and a yes/no question.

use crate::tui::app::{App, ChoiceValue, Confirm, Prompt, PromptKind};
use crate::tui::layout::centered;
use crate::tui::words::prompts;
use crate::tui::wrap::{span, truncate, width};
use dossier_core::library::Origin;
use dossier_core::text::sanitize::terminal_line;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

/// Most choices a picker shows at once.
const ROWS: usize = 10;

fn title(app: &App, prompt: &Prompt) -> String {
    let lang = app.lang;
    let library = matches!(app.origin, Origin::Library { .. });
    match prompt.kind {
        PromptKind::Switch => prompts::switch_title(lang, library).to_string(),
        PromptKind::SaveView => prompts::save_title(lang, library).to_string(),
        PromptKind::ExportFormat => prompts::export_title(lang, app.shown_hits().len()),
        PromptKind::ExportPath(format) => prompts::export_path_title(lang, format),
        PromptKind::Related(ref id) => crate::tui::words::related::picker_title(lang, id),
    }
}

/// The part of `text` to show in `room` columns so that the cursor stays in view, and the
/// cursor's column within it.
fn visible(text: &str, cursor: usize, room: usize) -> (String, usize) {
    let cursor = cursor.min(text.len());
    let before = terminal_line(text.get(..cursor).unwrap_or(text)).into_owned();
    let after = terminal_line(text.get(cursor..).unwrap_or("")).into_owned();
    let mut head: Vec<char> = before.chars().collect();
    while width(&head.iter().collect::<String>()) >= room.max(1) && !head.is_empty() {
        head.remove(0);
    }
    let head: String = head.into_iter().collect();
    let column = width(&head);
    let tail = truncate(&after, room.saturating_sub(column));
    (format!("{head}{tail}"), column)
}

/// Draws the prompt open.
pub fn render(app: &App, prompt: &Prompt, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let theme = &app.theme;
    let library = matches!(app.origin, Origin::Library { .. });
    let rows = match &prompt.choices {
        _ if !prompt.is_picker() => 0,
        Some(_) => prompt.shown.len().clamp(1, ROWS),
        None => 1,
    };
    let height = (3 + rows + usize::from(rows > 0) + usize::from(prompt.error.is_some())) as u16;
    let rect = centered(area, area.width.saturating_sub(4).min(76), height);
    if rect.width < 8 || rect.height < 3 {
        return;
    }
    super::clear(frame, rect);
    let keys = if prompt.is_picker() {
        prompts::picker_keys(lang)
    } else {
        prompts::prompt_keys(lang)
    };
    let room = rect.width.saturating_sub(4) as usize;
    let block = Block::bordered()
        .title(span(
            &format!(" {} ", truncate(&title(app, prompt), room)),
            theme.heading(),
        ))
        .title_bottom(Line::from(format!(" {} ", truncate(keys, room))).style(theme.dim()))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let cols = inner.width as usize;
    let (text, column) = visible(&prompt.text, prompt.cursor, cols.saturating_sub(3));
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme.heading()),
        Span::raw(text),
    ])];
    if rows > 0 {
        lines.push(Line::from(Span::styled("─".repeat(cols), theme.dim())));
        match &prompt.choices {
            None => lines.push(Line::from(Span::styled(
                prompts::reading(lang),
                theme.dim(),
            ))),
            Some(_) if prompt.shown.is_empty() => lines.push(Line::from(Span::styled(
                prompts::no_choice(lang, library, !prompt.text.is_empty()),
                theme.dim(),
            ))),
            Some(choices) => {
                let top = prompt.selected.saturating_sub(ROWS - 1);
                for (pos, &i) in prompt.shown.iter().enumerate().skip(top).take(ROWS) {
                    let Some(choice) = choices.get(i) else {
                        continue;
                    };
                    lines.push(choice_line(app, choice, pos == prompt.selected, cols));
                }
            }
        }
    }
    if let Some(error) = &prompt.error {
        lines.push(Line::from(span(
            &format!("✗ {}", truncate(error, cols.saturating_sub(2))),
            theme.error(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + (2 + column as u16).min(inner.width.saturating_sub(1));
    frame.set_cursor_position(Position::new(x, inner.y));
}

/// One choice: its label, "open" for the dossier shown, its detail dimmed.
fn choice_line(
    app: &App,
    choice: &crate::tui::app::Choice,
    selected: bool,
    cols: usize,
) -> Line<'static> {
    let theme = &app.theme;
    let current = match (&choice.value, &app.origin) {
        (ChoiceValue::Dossier(name), Origin::Library { dossier, .. }) => name == dossier,
        _ => false,
    };
    let marker = if selected { "▸ " } else { "  " };
    let label = terminal_line(&choice.label).into_owned();
    let label = truncate(&label, cols.saturating_sub(2 + 2));
    let mut used = 2 + width(&label);
    let base = if selected {
        theme.selected()
    } else {
        Default::default()
    };
    let mut spans = vec![Span::styled(marker, base), Span::styled(label, base)];
    if current {
        let mark = format!(" · {}", prompts::current(app.lang));
        used += width(&mark);
        spans.push(Span::styled(mark, theme.dim()));
    }
    let room = cols.saturating_sub(used + 3);
    if !choice.detail.is_empty() && room > 4 {
        let detail = terminal_line(&choice.detail).into_owned();
        spans.push(Span::styled(
            format!("   {}", truncate(&detail, room)),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

/// Draws the yes/no question open.
pub fn render_confirm(app: &App, confirm: &Confirm, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let question = match confirm {
        Confirm::MarkShown(ids) => prompts::confirm_mark_shown(lang, ids.len()),
        Confirm::ReplaceView(job) => prompts::confirm_replace_view(
            lang,
            &job.name,
            matches!(job.origin, Origin::Library { .. }),
        ),
        Confirm::Overwrite(path, _) => {
            prompts::confirm_overwrite(lang, &path.display().to_string())
        }
    };
    let w = area.width.saturating_sub(4).min(64);
    let lines = (width(&question) / w.saturating_sub(2).max(1) as usize) as u16 + 1;
    let rect = centered(area, w, lines + 2);
    if rect.width < 8 || rect.height < 3 {
        return;
    }
    super::clear(frame, rect);
    let block = Block::bordered()
        .title(format!(" {} ", prompts::confirm_title(lang)))
        .border_style(app.theme.border(true));
    frame.render_widget(
        Paragraph::new(Line::from(span(&question, app.theme.heading())))
            .wrap(Wrap { trim: true })
            .block(block),
        rect,
    );
}
