//! The news window's content: the same news as `dossier news` (the core computes it, its
//! words are the core's), a heading and the window of days, then each group with two lines
//! per question (date, id, author and title; what happened), at most
//! [`NewsShown::MAX_PER_GROUP`] per group and a line saying how many more. Lines are cut to
//! the window's width, never wrapped, so that item `k` always starts on [`first_line`]; the
//! chosen item is highlighted when drawn ([`chosen_lines`]), so moving the choice builds
//! nothing.

use crate::tui::app::NewsShown;
use crate::tui::panes::Ctx;
use dossier_core::i18n::news as words;
use dossier_core::news::{Item, What};
use dossier_core::text::sanitize::terminal_line;
use dossier_core::text::width::truncate;
use ratatui::style::Style;
use ratatui::text::Line;

/// Lines before the first group: the heading, since when, as of which day.
const HEAD: usize = 3;

/// The news's lines at `cols` columns.
pub fn lines(
    shown: &NewsShown,
    origin: &dossier_core::library::Origin,
    ctx: Ctx,
    cols: usize,
) -> Vec<Line<'static>> {
    let (lang, theme) = (ctx.lang, ctx.theme);
    let cut = |s: &str| truncate(&terminal_line(s), cols);
    let news = &shown.news;
    let mut out = vec![
        Line::styled(cut(&words::heading(lang, origin)), theme.heading()),
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
    for (i, section) in news.sections.iter().enumerate() {
        if section.items.is_empty() {
            continue;
        }
        let more = shown.more_of(i);
        out.push(Line::default());
        out.push(Line::styled(
            cut(&words::group_count(
                lang,
                section.group,
                section.items.len() + more,
            )),
            theme.heading(),
        ));
        for item in &section.items {
            out.extend(item_lines(item, ctx, cols));
        }
        if more > 0 {
            out.push(Line::styled(cut(&words::more(lang, more)), theme.dim()));
        }
    }
    out
}

/// The two lines of an item.
fn item_lines(item: &Item, ctx: Ctx, cols: usize) -> [Line<'static>; 2] {
    let (lang, theme) = (ctx.lang, ctx.theme);
    let head = format!(
        "  {}  {}  {} — {}",
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
    let line = |text: &str, style: Style| Line::styled(truncate(&terminal_line(text), cols), style);
    [line(&head, Style::default()), line(&what, what_style)]
}

/// The line item `k` starts on.
pub fn first_line(shown: &NewsShown, k: usize) -> usize {
    let mut line = HEAD;
    let mut seen = 0;
    for (i, section) in shown.news.sections.iter().enumerate() {
        let n = section.items.len();
        if n == 0 {
            continue;
        }
        line += 2;
        if k < seen + n {
            return line + 2 * (k - seen);
        }
        line += 2 * n + usize::from(shown.more_of(i) > 0);
        seen += n;
    }
    line
}

/// The chosen item's lines, as they are drawn: its first line and the next, highlighted
/// across the window, a `▶` before it.
pub fn chosen_lines(
    lines: &[Line<'static>],
    first: usize,
    style: Style,
) -> Vec<(usize, Line<'static>)> {
    lines
        .iter()
        .enumerate()
        .skip(first)
        .take(2)
        .map(|(i, line)| {
            let mut line = line.clone().patch_style(style);
            if i == first {
                if let Some(span) = line.spans.first_mut() {
                    let text = span.content.to_string();
                    let rest = text.strip_prefix("  ").unwrap_or(&text);
                    span.content = format!("▶ {rest}").into();
                }
            }
            (i, line)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::theme::Theme;
    use chrono::NaiveDate;
    use dossier_core::i18n::Lang;
    use dossier_core::news::{Group, News, Section, Since};

    fn item(k: usize, what: What) -> Item {
        Item {
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
            id: format!("17-{k}QE"),
            author: "Mme A".into(),
            title: format!("Titre {k}"),
            what,
        }
    }

    #[test]
    fn a_group_is_cut_and_says_how_many_more_and_items_start_where_said() {
        let joined = What::Joined {
            ministry: "Santé".into(),
        };
        let overdue = What::Overdue {
            deadline: NaiveDate::from_ymd_opt(2026, 11, 19).unwrap_or_default(),
        };
        let mut sections: Vec<Section> = Group::ALL
            .iter()
            .map(|&group| Section {
                group,
                items: Vec::new(),
            })
            .collect();
        sections[Group::Joined as usize].items = (0..NewsShown::MAX_PER_GROUP + 5)
            .map(|k| item(k, joined.clone()))
            .collect();
        sections[Group::Overdue as usize].items = vec![item(9999, overdue)];
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let news = News {
            from: today,
            today,
            sections,
        };
        let shown = NewsShown::new(news, Since::Week(today));
        assert_eq!(shown.news.len(), NewsShown::MAX_PER_GROUP + 1);
        let theme = Theme::default();
        let ctx = Ctx {
            lang: Lang::Fr,
            theme: &theme,
            today,
        };
        let lines = lines(&shown, &dossier_core::library::Origin::Sample, ctx, 100);
        let text = |i: usize| lines[i].to_string();
        assert_eq!(
            text(first_line(&shown, 0) - 1),
            format!("Nouvelles questions ({})", NewsShown::MAX_PER_GROUP + 5)
        );
        assert!(text(first_line(&shown, 0)).contains("17-0QE"));
        let last = NewsShown::MAX_PER_GROUP;
        assert!(text(first_line(&shown, last)).contains("17-9999QE"));
        assert!(
            lines.iter().any(|l| l
                .to_string()
                .contains("… et 5 autres\u{a0}: dossier news les montre toutes")),
            "the group says how many more"
        );
        let chosen = chosen_lines(&lines, first_line(&shown, last), theme.selected());
        assert!(chosen[0].1.to_string().starts_with("▶ "), "{:?}", chosen[0]);
    }
}
