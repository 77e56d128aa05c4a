//! The note editor, over the panes: the draft wrapped to the window, the cursor, and beside
//! it the versions in conflict when there are.

use crate::tui::app::layers::NoteEditor;
use crate::tui::app::App;
use crate::tui::panes::detail::saved_at;
use crate::tui::widgets::wrap::{span, wrap_field};
use crate::tui::widgets::{self, centered};
use crate::tui::words::ui;
use dossier_core::review::clock::writer_of;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// Draws the note editor.
pub fn draw(app: &App, editor: &NoteEditor, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let conflict: Vec<_> = editor
        .conflict
        .iter()
        .filter(|v| !v.text.trim().is_empty())
        .collect();
    let wide = !conflict.is_empty() && area.width >= 100;
    let width = if wide {
        area.width.saturating_sub(4).min(140)
    } else {
        80
    };
    let rect = centered(area, width, 16.min(area.height.saturating_sub(2)).max(3));
    widgets::clear(frame, rect);
    let (edit_rect, side) = if wide {
        let left = rect.width / 2;
        (
            Rect {
                width: left,
                ..rect
            },
            Some(Rect {
                x: rect.x + left,
                width: rect.width - left,
                ..rect
            }),
        )
    } else {
        (rect, None)
    };
    let asking = app.layers.asks_discard();
    let bottom = if asking {
        let (yes, no) = app.keymap.answers(lang);
        ui::discard_draft(lang, &yes, &no)
    } else {
        ui::note_keys(lang).to_string()
    };
    let style = if asking {
        app.theme.error()
    } else {
        app.theme.dim()
    };
    let block = Block::bordered()
        .title(ui::note_title(&editor.id))
        .title_bottom(Line::from(bottom).style(style))
        .border_style(app.theme.border(true));
    let inner = block.inner(edit_rect);
    frame.render_widget(block, edit_rect);
    if inner.width > 1 && inner.height > 0 {
        let cols = inner.width as usize;
        let layout = editor.text.layout(cols);
        let (cy, cx) = layout.cursor;
        let height = inner.height as usize;
        let top = cy.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line> = layout
            .rows
            .iter()
            .skip(top)
            .take(height)
            .map(|r| Line::from(span(&layout.text(&editor.text, r), app.theme.note())))
            .collect();
        widgets::draw_lines(frame.buffer_mut(), inner, lines.iter());
        if !asking {
            let x = inner.x + (cx as u16).min(inner.width.saturating_sub(1));
            let y = inner.y + (cy - top) as u16;
            frame.set_cursor_position(Position::new(x, y));
        }
    }
    if let Some(side) = side {
        let block = Block::bordered()
            .title(format!(" ⚠ {} ", ui::words(lang).conflict_heading))
            .border_style(app.theme.conflict());
        let inner = block.inner(side);
        frame.render_widget(block, side);
        let mut lines = Vec::new();
        for v in conflict {
            lines.push(Line::from(span(
                &format!("┌ {} · {}", writer_of(&v.by), saved_at(lang, v.t)),
                app.theme.conflict(),
            )));
            for l in v.text.lines() {
                lines.extend(
                    wrap_field(
                        l,
                        &[],
                        inner.width as usize,
                        app.theme.note(),
                        app.theme.note(),
                        &dossier_core::query::Highlight::default(),
                    )
                    .into_iter()
                    .map(|(l, _)| l),
                );
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
