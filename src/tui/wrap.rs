//! Word wrapping of styled text to a width, and truncation with `…`.

use dossier_core::model::{Emphasis, EmphasisStyle};
use dossier_core::text::fold::fold;
pub use dossier_core::text::width::{fit, truncate, width};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// A word made of differently styled pieces.
struct Word {
    pieces: Vec<(String, Style)>,
    width: usize,
    highlighted: bool,
}

/// True when the folded word contains one of the (folded) terms.
fn matches_terms(word: &str, terms: &[String]) -> bool {
    if terms.is_empty() {
        return false;
    }
    let folded = fold(word);
    terms
        .iter()
        .any(|t| !t.is_empty() && folded.contains(t.as_str()))
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

/// Splits a paragraph (byte range `offset..` of the field) into styled words.
fn words(
    paragraph: &str,
    offset: usize,
    emphasis: &[Emphasis],
    base: Style,
    highlight: Style,
    terms: &[String],
) -> Vec<Word> {
    let mut out = Vec::new();
    let mut pos = 0;
    for token in paragraph.split(' ') {
        let start = offset + pos;
        pos += token.len() + 1;
        if token.is_empty() {
            continue;
        }
        let highlighted = matches_terms(token, terms);
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
        let pieces = cuts
            .windows(2)
            .map(|w| {
                let mut style = emphasis_style(base, emphasis, start + w[0], start + w[1]);
                if highlighted {
                    style = style.patch(highlight);
                }
                (token[w[0]..w[1]].to_string(), style)
            })
            .collect();
        out.push(Word {
            pieces,
            width: width(token),
            highlighted,
        });
    }
    out
}

/// Lines of a wrapped paragraph, with which ones hold a highlighted word.
fn fill(words: Vec<Word>, cols: usize, base: Style) -> Vec<(Line<'static>, bool)> {
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

/// Renders a markdown table block as aligned rows, or wraps it when it cannot fit.
fn table(
    block: &str,
    offset: usize,
    emphasis: &[Emphasis],
    cols: usize,
    base: Style,
    highlight: Style,
    terms: &[String],
) -> Vec<(Line<'static>, bool)> {
    let rows: Vec<Vec<String>> = block
        .lines()
        .map(|l| {
            let inner = l.trim().trim_start_matches('|').trim_end_matches('|');
            inner.split('|').map(|c| c.trim().to_string()).collect()
        })
        .collect();
    let is_rule = |row: &Vec<String>| {
        row.iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
    };
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; ncols];
    for row in rows.iter().filter(|r| !is_rule(r)) {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let total: usize = widths.iter().sum::<usize>() + 3 * ncols.saturating_sub(1);
    if total > cols {
        // Too wide: each row as a wrapped line, cells separated by " │ ".
        let mut out = Vec::new();
        for row in rows.iter().filter(|r| !is_rule(r)) {
            let text = row.join(" │ ");
            out.extend(fill(
                words(&text, usize::MAX / 2, &[], base, highlight, terms),
                cols,
                base,
            ));
        }
        return out;
    }
    let _ = (offset, emphasis);
    rows.iter()
        .map(|row| {
            if is_rule(row) {
                let rule = widths
                    .iter()
                    .map(|w| "─".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("─┼─");
                return (Line::styled(rule, base), false);
            }
            let mut spans = Vec::new();
            let mut marked = false;
            for (i, w) in widths.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::styled(" │ ", base));
                }
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                let hit = matches_terms(cell, terms);
                marked |= hit;
                let style = if hit { base.patch(highlight) } else { base };
                spans.push(Span::styled(fit(cell, *w), style));
            }
            (Line::from(spans), marked)
        })
        .collect()
}

/// Wraps a text field (paragraphs separated by blank lines) to `cols` columns, rendering its
/// emphasis and highlighting words that contain one of `terms` (folded). Returns the lines
/// and, for each, whether it holds a highlighted word.
pub fn wrap_field(
    text: &str,
    emphasis: &[Emphasis],
    cols: usize,
    base: Style,
    highlight: Style,
    terms: &[String],
) -> Vec<(Line<'static>, bool)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push((Line::default(), false));
        }
        if paragraph.trim_start().starts_with('|') {
            out.extend(table(
                paragraph, offset, emphasis, cols, base, highlight, terms,
            ));
        } else {
            for (j, line) in paragraph.split('\n').enumerate() {
                let line_offset = offset
                    + paragraph
                        .split('\n')
                        .take(j)
                        .map(|l| l.len() + 1)
                        .sum::<usize>();
                out.extend(fill(
                    words(line, line_offset, emphasis, base, highlight, terms),
                    cols,
                    base,
                ));
            }
        }
        offset += paragraph.len() + 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[(Line<'static>, bool)]) -> Vec<String> {
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
            &[],
        );
        assert_eq!(
            plain(&lines),
            vec!["un deux", "trois", "quatre", "", "cinq"]
        );
    }

    #[test]
    fn long_words_are_cut() {
        let lines = wrap_field("abcdefghij", &[], 4, Style::new(), Style::new(), &[]);
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
            &["sante".into()],
        );
        assert!(lines[0].1);
    }

    #[test]
    fn emphasis_inside_a_word() {
        let text = "(via)";
        let emphasis = [Emphasis {
            start: 1,
            end: 4,
            style: EmphasisStyle::Italic,
        }];
        let lines = wrap_field(text, &emphasis, 80, Style::new(), Style::new(), &[]);
        let spans = &lines[0].0.spans;
        assert_eq!(spans.len(), 3);
        assert!(spans[1].style.add_modifier.contains(Modifier::ITALIC));
        assert_eq!(spans[1].content, "via");
    }

    #[test]
    fn tables_are_aligned() {
        let text = "| a | bb |\n|---|---|\n| ccc | d |";
        let lines = wrap_field(text, &[], 80, Style::new(), Style::new(), &[]);
        assert_eq!(plain(&lines), vec!["a   │ bb", "────┼───", "ccc │ d "]);
    }
}
