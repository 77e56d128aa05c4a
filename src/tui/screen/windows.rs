//! The small windows over the panes: a prompt (a line of text), a picker (choices narrowed
//! by what is typed) and a yes/no question, their words chosen from what they ask.

use crate::tui::app::layers::{ChoiceValue, Chooser, Confirm, PickerKind, Prompt, PromptKind};
use crate::tui::app::App;
use crate::tui::widgets::picker::{self, Below, Window};
use crate::tui::widgets::wrap::{span, width};
use crate::tui::widgets::{self, centered};
use crate::tui::words::{outcomes, prompts, related};
use dossier_core::library::Origin;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

/// Draws a text prompt.
pub fn prompt(app: &App, prompt: &Prompt, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let library = matches!(app.origin, Origin::Library { .. });
    let title = match prompt.kind {
        PromptKind::SaveView => prompts::save_title(lang, library).to_string(),
        PromptKind::ExportPath(format) => prompts::export_path_title(lang, format),
    };
    let window = Window::<ChoiceValue> {
        title: &title,
        keys: prompts::prompt_keys(lang),
        input: &prompt.input,
        below: Below::Nothing,
        error: prompt.error.as_ref().map(|e| outcomes::refusal(lang, e)),
    };
    picker::draw(frame, area, &window, &app.theme);
}

/// Draws a picker.
pub fn picker(app: &App, chooser: &Chooser, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let library = matches!(app.origin, Origin::Library { .. });
    let title = match &chooser.kind {
        PickerKind::Switch => prompts::switch_title(lang, library).to_string(),
        PickerKind::ExportFormat => prompts::export_title(lang, app.shown_hits().len()),
        PickerKind::Related(id) => related::picker_title(lang, id),
    };
    let open = match &app.origin {
        Origin::Library { dossier, .. } => Some(dossier.clone()),
        _ => None,
    };
    let is_current =
        |v: &ChoiceValue| matches!((v, &open), (ChoiceValue::Dossier(n), Some(o)) if n == o);
    let none = prompts::no_choice(lang, library, !chooser.picker.input.is_empty());
    let window = Window {
        title: &title,
        keys: prompts::picker_keys(lang),
        input: &chooser.picker.input,
        below: Below::Choices {
            picker: &chooser.picker,
            reading: prompts::reading(lang),
            none,
            current: prompts::current(lang),
            is_current: &is_current,
        },
        error: chooser
            .error
            .as_ref()
            .map(|e| outcomes::list_error(lang, e)),
    };
    picker::draw(frame, area, &window, &app.theme);
}

/// Draws a yes/no question, with the keys that answer it.
pub fn confirm(app: &App, confirm: &Confirm, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let (yes, no) = app.keymap.answers(lang);
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
        Confirm::Discard { .. } => return,
    };
    let question = format!("{question} {yes} / {no}");
    let w = area.width.saturating_sub(4).min(64);
    let lines = (width(&question) / w.saturating_sub(2).max(1) as usize) as u16 + 1;
    let rect = centered(area, w, lines + 2);
    if rect.width < 8 || rect.height < 3 {
        return;
    }
    widgets::clear(frame, rect);
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
