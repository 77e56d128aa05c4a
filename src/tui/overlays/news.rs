//! The news window's content: the same news as `dossier news` (the core computes it, its
//! words are the core's), a heading and the window of days, then each group with two lines
//! per question (date, id, author and title; what happened), the chosen one highlighted.
//! Lines are cut to the window's width, never wrapped, so that item `k` always starts on
//! [`first_line`].

use crate::tui::app::NewsShown;
use crate::tui::panes::Ctx;
use dossier_core::i18n::news as words;
use dossier_core::news::{Item, What};
use dossier_core::text::sanitize::terminal_line;
use dossier_core::text::width::truncate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Lines before the first group: the heading, since when, as of which day.
const HEAD: usize = 3;

/// The news's lines at `cols` columns, item `selected` highlighted.
pub fn lines(
    shown: &NewsShown,
    name: Option<&str>,
    selected: usize,
    ctx: Ctx,
    cols: usize,
) -> Vec<Line<'static>> {
    let (lang, theme) = (ctx.lang, ctx.theme);
    let cut = |s: &str| truncate(&terminal_line(s), cols);
    let news = &shown.news;
    let mut out = vec![
        Line::styled(cut(&words::heading(lang, name)), theme.heading()),
        Line::styled(cut(&words::since_sentence(lang, shown.since)), theme.dim()),
        Line::styled(
            cut(&dossier_core::i18n::report::as_of(lang, news.today)),
            theme.dim(),
        ),
    ];
    if news.is_empty() {
        out.push(Line::default());
        out.push(Line::styled(cut(words::nothing(lang)), theme.answered()));
        return out;
    }
    let mut k = 0;
    for section in news.groups() {
        out.push(Line::default());
        out.push(Line::styled(
            cut(&words::group_count(
                lang,
                section.group,
                section.items.len(),
            )),
            theme.heading(),
        ));
        for item in &section.items {
            let chosen = k == selected;
            let [first, second] = item_lines(item, chosen, ctx, cols);
            out.push(first);
            out.push(second);
            k += 1;
        }
    }
    out
}

/// The two lines of an item.
fn item_lines(item: &Item, chosen: bool, ctx: Ctx, cols: usize) -> [Line<'static>; 2] {
    let (lang, theme) = (ctx.lang, ctx.theme);
    let head = format!(
        "{} {}  {}  {} — {}",
        if chosen { "▶" } else { " " },
        lang.short_date(item.date),
        item.id,
        item.author,
        words::quoted(lang, &item.title)
    );
    let what = format!("      {}", words::what(lang, &item.what));
    let what_style = if words::is_alarm(&item.what) {
        theme.overdue()
    } else if matches!(item.what, What::Answered { .. }) {
        theme.answered()
    } else {
        theme.pending()
    };
    let (head_style, what_style) = if chosen {
        (theme.selected(), theme.selected())
    } else {
        (Style::default(), what_style)
    };
    let line = |text: &str, style: Style| {
        let text = truncate(&terminal_line(text), cols);
        let pad = cols.saturating_sub(dossier_core::text::width::width(&text));
        // The chosen item's lines are highlighted across the window.
        let fill = if chosen {
            " ".repeat(pad)
        } else {
            String::new()
        };
        Line::from(vec![Span::styled(text, style), Span::styled(fill, style)])
    };
    [line(&head, head_style), line(&what, what_style)]
}

/// The line item `k` starts on.
pub fn first_line(shown: &NewsShown, k: usize) -> usize {
    let mut line = HEAD;
    let mut seen = 0;
    for section in shown.news.groups() {
        line += 2;
        let n = section.items.len();
        if k < seen + n {
            return line + 2 * (k - seen);
        }
        line += 2 * n;
        seen += n;
    }
    line
}
