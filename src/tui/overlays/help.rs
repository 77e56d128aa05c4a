//! The help overlay's content, generated from the keymap in force and from the query
//! engine's own table of fields, wrapped to the overlay's width so that scrolling reaches
//! its end at every size.

use crate::tui::command::{Command, Section};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::panes::Ctx;
use crate::tui::widgets::wrap::{fit, span, width, wrap_field};
use crate::tui::words::{prompts, ui};
use dossier_core::i18n::Lang;
use ratatui::style::Style;
use ratatui::text::Line;

/// A field's value placeholder in the help's language (the table is written in French).
fn placeholder(lang: Lang, value: &'static str) -> &'static str {
    match value {
        "texte" => lang.pick("texte", "text"),
        "AAAA-MM-JJ" => lang.pick("AAAA-MM-JJ", "YYYY-MM-DD"),
        other => other,
    }
}

/// A key and its description, the description wrapped under itself.
fn entry(
    out: &mut Vec<Line<'static>>,
    keys: &str,
    what: &str,
    key_width: usize,
    cols: usize,
    ctx: Ctx,
) {
    let rest = cols.saturating_sub(key_width + 3).max(10);
    let wrapped = wrap_field(
        what,
        &[],
        rest,
        Style::new(),
        Style::new(),
        &dossier_core::query::Highlight::default(),
    );
    for (i, (line, _)) in wrapped.into_iter().enumerate() {
        let head = if i == 0 {
            fit(keys, key_width)
        } else {
            " ".repeat(key_width)
        };
        let mut spans = vec![span(&format!("  {head} "), ctx.theme.label())];
        spans.extend(line.spans);
        out.push(Line::from(spans));
    }
}

/// The help's lines at `cols` columns.
pub fn lines(keymap: &Keymap, ctx: Ctx, cols: usize) -> Vec<Line<'static>> {
    let lang = ctx.lang;
    let w = ui::words(lang);
    let theme = ctx.theme;
    let label = |mode: Mode, c: Command| keymap.keys_label(mode, c, lang);
    let key_width = crate::tui::keymap::MODES
        .iter()
        .flat_map(|m| {
            keymap
                .listed(*m)
                .iter()
                .map(move |(c, _)| width(&label(*m, *c)))
        })
        .max()
        .unwrap_or(8)
        .min(cols / 3);
    let mut out = Vec::new();
    let titles = [
        (Section::Navigation, w.section_navigation),
        (Section::Filter, w.section_filter),
        (Section::Review, w.section_review),
        (Section::Other, w.section_other),
    ];
    for (s, title) in titles {
        let listed: Vec<_> = keymap
            .listed(Mode::Normal)
            .iter()
            .filter(|(c, keys)| c.section() == s && !keys.is_empty())
            .collect();
        if listed.is_empty() {
            continue;
        }
        out.push(Line::styled(title.to_string(), theme.heading()));
        for (c, _) in listed {
            entry(
                &mut out,
                &label(Mode::Normal, *c),
                c.describe(lang),
                key_width,
                cols,
                ctx,
            );
        }
        out.push(Line::default());
    }
    for (mode, title) in [
        (Mode::Filter, w.section_filter_line),
        (Mode::Note, w.section_note_editor),
        (Mode::Prompt, prompts::help_section(lang)),
        (Mode::Confirm, prompts::confirm_section(lang)),
    ] {
        out.push(Line::styled(title.to_string(), theme.heading()));
        for (c, keys) in keymap.listed(mode) {
            if !keys.is_empty() {
                let what = match mode {
                    Mode::Prompt => c.in_prompt(lang),
                    _ => None,
                };
                entry(
                    &mut out,
                    &label(mode, *c),
                    what.unwrap_or_else(|| c.describe(lang)),
                    key_width,
                    cols,
                    ctx,
                );
            }
        }
        out.push(Line::default());
    }
    // The query language, from the engine's own table of fields.
    out.push(Line::styled(w.section_query.to_string(), theme.heading()));
    for (line, _) in wrap_field(
        w.query_words,
        &[],
        cols.saturating_sub(2),
        theme.dim(),
        Style::new(),
        &dossier_core::query::Highlight::default(),
    ) {
        let mut spans = vec![span("  ", theme.dim())];
        spans.extend(line.spans);
        out.push(Line::from(spans));
    }
    let fields = dossier_core::query::help::FIELDS;
    let name_width = fields
        .iter()
        .map(|f| width(&f.names.join(": ")) + 1)
        .max()
        .unwrap_or(10)
        .min(cols / 3);
    for field in fields {
        let names = format!("{}:", field.names.join(": "));
        let what = match lang {
            Lang::Fr => field.fr,
            Lang::En => field.en,
        };
        entry(
            &mut out,
            &names,
            &format!("{} — {what}", placeholder(lang, field.value)),
            name_width,
            cols,
            ctx,
        );
    }
    out
}
