//! Word wrapping of styled text to a width, tables aligned by display width, and the
//! sanitiser applied to every piece of text that becomes a span.

use dossier_core::model::{Emphasis, EmphasisStyle};
use dossier_core::query::Highlight;
use dossier_core::text::sanitize::terminal_line;
pub use dossier_core::text::width::{fit, truncate, width};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// A line and whether it holds a highlighted word.
pub type Marked = (Line<'static>, bool);

/// A span of untrusted text: control and BiDi characters made visible.
pub fn span(text: &str, style: Style) -> Span<'static> {
    Span::styled(terminal_line(text).into_owned(), style)
}

/// A word made of differently styled pieces.
struct Word {
    pieces: Vec<(String, Style)>,
    width: usize,
    highlighted: bool,
}

fn emphasis_style(base: Style, emphasis: &[Emphasis], start: usize, end: usize) -> Style {
    let mut style = base;
    for e in emphasis {
        if e.start < end && start < e.end {
            style = style.add_modifier(match e.style {
                EmphasisStyle::Bold => Modifier::BOLD,
                EmphasisStyle::Italic => Modifier::ITALIC,
            });
        }
    }
    style
}

/// Splits a line (byte range `offset..` of the field) into styled words.
fn words(
    line: &str,
    offset: usize,
    emphasis: &[Emphasis],
    base: Style,
    highlight: Style,
    terms: &Highlight,
) -> Vec<Word> {
    let mut out = Vec::new();
    let mut pos = 0;
    for token in line.split(' ') {
        let start = offset + pos;
        pos += token.len() + 1;
        if token.is_empty() {
            continue;
        }
        let highlighted = terms.hits(token);
        // Cut the word where emphasis starts or ends, so "(*via*)" keeps its italics.
        let mut cuts = vec![0, token.len()];
        for e in emphasis {
            for b in [e.start, e.end] {
                if b > start && b < start + token.len() && token.is_char_boundary(b - start) {
                    cuts.push(b - start);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let pieces: Vec<(String, Style)> = cuts
            .windows(2)
            .map(|w| {
                let mut style = emphasis_style(base, emphasis, start + w[0], start + w[1]);
                if highlighted {
                    style = style.patch(highlight);
                }
                (terminal_line(&token[w[0]..w[1]]).into_owned(), style)
            })
            .collect();
        let w = pieces.iter().map(|(t, _)| width(t)).sum();
        let word = Word {
            pieces,
            width: w,
            highlighted,
        };
        // French typography puts a space before `% : ; ! ? »` and after `«`; a line must not
        // start with the former nor end with the latter, so they stay with their word.
        let glue_left = token.starts_with(['%', ':', ';', '!', '?', '»']);
        let opens = out.last().is_some_and(|p: &Word| p.ends_with_guillemet());
        match out.last_mut() {
            Some(prev) if glue_left || opens => prev.join(word, base),
            _ => out.push(word),
        }
    }
    out
}

impl Word {
    fn ends_with_guillemet(&self) -> bool {
        self.pieces.last().is_some_and(|(t, _)| t.ends_with('«'))
    }

    /// This word, a space, then `next`: one unit for wrapping.
    fn join(&mut self, next: Word, base: Style) {
        self.pieces.push((" ".to_string(), base));
        self.width += 1 + next.width;
        self.highlighted |= next.highlighted;
        self.pieces.extend(next.pieces);
    }
}

/// Lines of a wrapped paragraph, with which ones hold a highlighted word.
fn fill(words: Vec<Word>, cols: usize, base: Style) -> Vec<Marked> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut marked = false;
    for word in words {
        if used > 0 && used + 1 + word.width > cols {
            lines.push((Line::from(std::mem::take(&mut spans)), marked));
            used = 0;
            marked = false;
        }
        if used > 0 {
            spans.push(Span::styled(" ", base));
            used += 1;
        }
        marked |= word.highlighted;
        if word.width <= cols - used {
            used += word.width;
            spans.extend(word.pieces.into_iter().map(|(t, s)| Span::styled(t, s)));
            continue;
        }
        // A word wider than the pane: cut it where the line ends.
        for (text, style) in word.pieces {
            let mut chunk = String::new();
            for c in text.chars() {
                let w = c.width().unwrap_or(0);
                if used + w > cols && used > 0 {
                    spans.push(Span::styled(std::mem::take(&mut chunk), style));
                    lines.push((Line::from(std::mem::take(&mut spans)), marked));
                    used = 0;
                }
                chunk.push(c);
                used += w;
            }
            if !chunk.is_empty() {
                spans.push(Span::styled(chunk, style));
            }
        }
    }
    if !spans.is_empty() {
        lines.push((Line::from(spans), marked));
    }
    lines
}

/// The cells of a table row as the parser keeps them (`a | b | c`, or markdown `| a | b |`);
/// none for a markdown rule row (`|---|:-:|`).
fn cells(line: &str) -> Option<Vec<String>> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<String> = inner.split(" | ").map(|c| c.trim().to_string()).collect();
    let cells: Vec<String> = if cells.len() == 1 {
        inner.split('|').map(|c| c.trim().to_string()).collect()
    } else {
        cells
    };
    let rule = cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
    (!rule).then_some(cells)
}

/// True when a paragraph is a table: every line has cells, as many on each line.
pub fn is_table(paragraph: &str) -> bool {
    let mut count = None;
    for line in paragraph.lines() {
        let trimmed = line.trim();
        if !(trimmed.contains(" | ") || trimmed.starts_with('|')) {
            return false;
        }
        if let Some(c) = cells(trimmed) {
            match count {
                None if c.len() >= 2 => count = Some(c.len()),
                Some(n) if n == c.len() => {}
                _ => return false,
            }
        }
    }
    count.is_some()
}

/// Narrowest a column is squeezed to before the table is laid out as records.
const MIN_COLUMN: usize = 6;

/// Renders a table: columns aligned by display width; when too wide, the widest columns
/// are narrowed and their cells wrapped within them; when even that cannot fit, each row is
/// shown as "header: value" lines.
fn table(
    block: &str,
    cols: usize,
    base: Style,
    highlight: Style,
    terms: &Highlight,
) -> Vec<Marked> {
    let rows: Vec<Vec<String>> = block.lines().filter_map(cells).collect();
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    if ncols == 0 {
        return Vec::new();
    }
    let mut widths = vec![0; ncols];
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(&terminal_line(cell)));
        }
    }
    let sep = 3;
    let total = |w: &[usize]| w.iter().sum::<usize>() + sep * ncols.saturating_sub(1);
    while total(&widths) > cols {
        let (i, widest) = widths
            .iter()
            .copied()
            .enumerate()
            .max_by_key(|(_, w)| *w)
            .unwrap_or((0, 0));
        if widest <= MIN_COLUMN {
            return records(&rows, cols, base, highlight, terms);
        }
        widths[i] = widest - 1;
    }
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        // Each cell wrapped to its column; the row is as tall as its tallest cell.
        let wrapped: Vec<Vec<Marked>> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                let style = if r == 0 {
                    base.add_modifier(Modifier::BOLD)
                } else {
                    base
                };
                fill(
                    words(cell, usize::MAX / 2, &[], style, highlight, terms),
                    *w,
                    style,
                )
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..height {
            let mut spans = Vec::new();
            let mut marked = false;
            for (i, w) in widths.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::styled(" │ ", base));
                }
                match wrapped[i].get(k) {
                    Some((line, hit)) => {
                        marked |= hit;
                        let used = line.width();
                        spans.extend(line.spans.iter().cloned());
                        if i + 1 < ncols || used < *w {
                            spans.push(Span::styled(" ".repeat(w.saturating_sub(used)), base));
                        }
                    }
                    None => spans.push(Span::styled(" ".repeat(*w), base)),
                }
            }
            out.push((Line::from(spans), marked));
        }
        if r == 0 && rows.len() > 1 {
            let rule = widths
                .iter()
                .map(|w| "─".repeat(*w))
                .collect::<Vec<_>>()
                .join("─┼─");
            out.push((Line::styled(rule, base), false));
        }
    }
    out
}

/// A table too wide for any column layout: each row after the header as "header: value"
/// lines, rows apart.
fn records(
    rows: &[Vec<String>],
    cols: usize,
    base: Style,
    highlight: Style,
    terms: &Highlight,
) -> Vec<Marked> {
    let header = rows.first().cloned().unwrap_or_default();
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate().skip(1) {
        if r > 1 {
            out.push((Line::styled("┄".repeat(cols.min(20)), base), false));
        }
        for (i, cell) in row.iter().enumerate() {
            let label = header.get(i).map(String::as_str).unwrap_or("");
            let text = if label.is_empty() {
                cell.clone()
            } else {
                format!("{label} : {cell}")
            };
            out.extend(fill(
                words(&text, usize::MAX / 2, &[], base, highlight, terms),
                cols,
                base,
            ));
        }
    }
    out
}

/// Wraps plain text (no emphasis, nothing highlighted) to `cols` columns in one style.
pub fn plain_lines(text: &str, cols: usize, style: Style) -> impl Iterator<Item = Line<'static>> {
    wrap_field(text, &[], cols, style, style, &Highlight::default())
        .into_iter()
        .map(|(l, _)| l)
}

/// Wraps a text field (paragraphs separated by blank lines) to `cols` columns, rendering its
/// emphasis and highlighting words that contain one of `terms` (folded); tables are
/// aligned. Returns the lines and, for each, whether it holds a highlighted word.
pub fn wrap_field(
    text: &str,
    emphasis: &[Emphasis],
    cols: usize,
    base: Style,
    highlight: Style,
    terms: &Highlight,
) -> Vec<Marked> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push((Line::default(), false));
        }
        if is_table(paragraph) {
            out.extend(table(paragraph, cols, base, highlight, terms));
        } else {
            let mut line_offset = offset;
            for line in paragraph.split('\n') {
                out.extend(fill(
                    words(line, line_offset, emphasis, base, highlight, terms),
                    cols,
                    base,
                ));
                line_offset += line.len() + 1;
            }
        }
        offset += paragraph.len() + 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Marked]) -> Vec<String> {
        lines
            .iter()
            .map(|(l, _)| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_on_words_and_keeps_paragraphs() {
        let lines = wrap_field(
            "un deux trois quatre\n\ncinq",
            &[],
            10,
            Style::new(),
            Style::new(),
            &Highlight::default(),
        );
        assert_eq!(
            plain(&lines),
            vec!["un deux", "trois", "quatre", "", "cinq"]
        );
    }

    #[test]
    fn french_punctuation_stays_with_its_word() {
        let lines = wrap_field(
            "taux de 98 % ; « oui » ?",
            &[],
            10,
            Style::new(),
            Style::new(),
            &Highlight::default(),
        );
        assert_eq!(plain(&lines), vec!["taux de", "98 % ;", "« oui » ?"]);
    }

    #[test]
    fn long_words_are_cut() {
        let lines = wrap_field(
            "abcdefghij",
            &[],
            4,
            Style::new(),
            Style::new(),
            &Highlight::default(),
        );
        assert_eq!(plain(&lines), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn highlights_accent_insensitively() {
        let lines = wrap_field(
            "la Santé publique",
            &[],
            80,
            Style::new(),
            Style::new(),
            &dossier_core::query::Query::parse("sante")
                .unwrap()
                .highlight(),
        );
        assert!(lines[0].1);
    }

    #[test]
    fn emphasis_inside_a_word() {
        let emphasis = [Emphasis {
            start: 1,
            end: 4,
            style: EmphasisStyle::Italic,
        }];
        let lines = wrap_field(
            "(via)",
            &emphasis,
            80,
            Style::new(),
            Style::new(),
            &Highlight::default(),
        );
        let spans = &lines[0].0.spans;
        assert_eq!(spans.len(), 3);
        assert!(spans[1].style.add_modifier.contains(Modifier::ITALIC));
        assert_eq!(spans[1].content, "via");
    }

    #[test]
    fn tables_as_the_parser_keeps_them_are_aligned() {
        let text = "Année | Montant (M€) | Infirmières\n2024 | 100 | 2 000\n2025 | 5,54 | 1 800";
        let lines = plain(&wrap_field(
            text,
            &[],
            80,
            Style::new(),
            Style::new(),
            &Highlight::default(),
        ));
        assert_eq!(
            lines,
            vec![
                "Année │ Montant (M€) │ Infirmières",
                "──────┼──────────────┼────────────",
                "2024  │ 100          │ 2 000      ",
                "2025  │ 5,54         │ 1 800      ",
            ]
        );
    }

    #[test]
    fn too_wide_tables_wrap_within_their_cells() {
        let text = "Dispositif | Description\nAsalée | Coopération entre médecins et infirmières en soins primaires";
        let lines = plain(&wrap_field(
            text,
            &[],
            30,
            Style::new(),
            Style::new(),
            &Highlight::default(),
        ));
        assert!(lines.iter().all(|l| width(l) <= 30), "{lines:?}");
        assert!(
            lines.iter().all(|l| l.contains('│') || l.contains('┼')),
            "{lines:?}"
        );
        let joined = lines.join(" ");
        assert!(joined.contains("Coopération") && joined.contains("primaires"));
    }

    #[test]
    fn control_characters_in_text_are_shown_not_sent() {
        let lines = plain(&wrap_field(
            "a\u{1b}]2;PWNED\u{7} b",
            &[],
            80,
            Style::new(),
            Style::new(),
            &Highlight::default(),
        ));
        assert_eq!(lines, vec!["a␛]2;PWNED␇ b"]);
    }
}
