//! The lines of a text copy of a page as the layout readers see them, whatever made the copy:
//! a browser's "select all, copy" (long lines, tabs between table cells, no-break spaces), a
//! text browser's dump (lines wrapped at a width, indented paragraphs, tables drawn with
//! box characters), or a person retyping one label per line.
//!
//! Three things are undone here: the box tables (each row becomes its cells' lines, label
//! cell first), the blanks (every kind made one space), and the wrapping (a paragraph's
//! lines joined again when the copy was wrapped at a width).

use crate::text::fold::fold_latin;

/// One line of a copy, blanks made single spaces and trimmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    /// The text.
    pub text: String,
    /// Columns of blank before the text.
    pub indent: usize,
    /// Columns the line took as copied, blanks inside included (a text browser pads cells
    /// and justified lines with them).
    pub width: usize,
    /// Columns of the line's first word as copied: a no-break space binds two words into
    /// one (`3 500`, `entreprendre :`), which a text browser does not break.
    pub lead: usize,
    /// The width the copy was wrapped at, when it was: a line this long and the next line's
    /// first word would not have fitted.
    pub wrap: Option<usize>,
}

impl Line {
    fn blank() -> Self {
        Line::default()
    }

    /// True for a line with no text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Columns the line takes, indentation included.
    fn columns(&self) -> usize {
        self.width.max(self.indent + self.text.chars().count())
    }
}

/// A character of the box-drawing block (w3m draws table borders with them).
fn is_box(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

/// A horizontal rule of a text browser (`━━━`, `____`, `───`): read as a blank line.
fn is_rule(s: &str) -> bool {
    let t = s.trim();
    t.chars().count() >= 8 && t.chars().all(|c| is_box(c) || matches!(c, '_' | '-' | '='))
}

/// `s` with every blank (tab, no-break space, …) a space, runs of them one space, trimmed;
/// and the columns of blank before it.
fn squeeze(s: &str) -> (String, usize) {
    let indent = s.chars().take_while(|c| c.is_whitespace()).count();
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().skip(indent) {
        if c.is_whitespace() {
            space = true;
        } else if !c.is_control() {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    (out, indent)
}

/// Columns of the first word of `raw`, words parted by spaces and tabs only. A number and
/// the word after it, and a word and the `:` `;` `!` `?` `»` after it, count as one: French
/// typography binds them with a no-break space, which some text browsers copy as a space.
fn lead(raw: &str) -> usize {
    let mut words = raw
        .trim_start()
        .split([' ', '\t'])
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else { return 0 };
    let numeric = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
    };
    let mut columns = first.chars().count();
    let mut in_number = numeric(first);
    for next in words {
        let bound = matches!(next, ":" | ";" | "!" | "?" | "»")
            || (in_number && !next.starts_with(|c: char| c.is_uppercase()));
        if !bound {
            break;
        }
        columns += 1 + next.chars().count();
        // `200 000 salariés`: the digit groups, then the word they count.
        in_number = in_number && numeric(next) && next.len() == 3;
    }
    columns
}

/// Drops a list bullet a text browser put before an item (`• `, `* `, `+ `).
fn unbullet(text: String) -> String {
    for bullet in ["• ", "* ", "+ "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return rest.to_string();
        }
    }
    if text == "•" || text == "*" {
        return String::new();
    }
    text
}

/// The lines of a copy (line endings already `\n`), ready to read.
pub fn prepare(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut table: Vec<Vec<Vec<String>>> = Vec::new();
    let mut row: Vec<Vec<String>> = Vec::new();
    for raw in text.split('\n') {
        let body = raw.trim_start();
        if body.starts_with(is_box) {
            let cells: Vec<&str> = body.split(is_box).collect();
            let ruled = body.chars().all(|c| is_box(c) || c.is_whitespace());
            if ruled {
                if !row.is_empty() {
                    table.push(std::mem::take(&mut row));
                }
                continue;
            }
            // `┃a│b┃` splits into "", "a", "b", "": the cells are between the borders.
            let inner = &cells[1..cells.len().saturating_sub(1).max(1)];
            if row.len() < inner.len() {
                row.resize(inner.len(), Vec::new());
            }
            for (i, cell) in inner.iter().enumerate() {
                row[i].push(cell.to_string());
            }
            continue;
        }
        if !row.is_empty() {
            table.push(std::mem::take(&mut row));
        }
        if !table.is_empty() {
            unbox(&std::mem::take(&mut table), &mut out);
        }
        if is_rule(raw) {
            out.push(Line::blank());
            continue;
        }
        let (squeezed, indent) = squeeze(raw);
        out.push(Line {
            text: unbullet(squeezed),
            indent,
            width: raw.trim_end().chars().count(),
            lead: lead(raw),
            wrap: None,
        });
    }
    if !row.is_empty() {
        table.push(row);
    }
    if !table.is_empty() {
        unbox(&table, &mut out);
    }
    let width = wrap_width(&out);
    for line in out.iter_mut().filter(|l| l.wrap.is_none()) {
        line.wrap = width;
    }
    out
}

/// The lines of a text section with the width it was wrapped at, when the section shows one
/// of its own: in a short page the whole copy has too few long lines to show it.
fn rewrapped(lines: &[Line]) -> std::borrow::Cow<'_, [Line]> {
    let unknown = |l: &Line| l.wrap.is_none() && !l.is_blank();
    if !lines.iter().any(unknown) {
        return std::borrow::Cow::Borrowed(lines);
    }
    let Some(width) = wrap_width(lines) else {
        return std::borrow::Cow::Borrowed(lines);
    };
    let mut own = lines.to_vec();
    for line in own.iter_mut().filter(|l| l.wrap.is_none()) {
        line.wrap = Some(width);
    }
    std::borrow::Cow::Owned(own)
}

/// The lines of a box table: each row's cells in order, every cell but the last on one line
/// (a label, wrapped in its narrow cell), the last as its lines, wrapped at the cell's width;
/// a blank line after each row.
fn unbox(table: &[Vec<Vec<String>>], out: &mut Vec<Line>) {
    for row in table {
        let last = row.len().saturating_sub(1);
        for (i, cell) in row.iter().enumerate() {
            if i < last {
                let (text, _) = squeeze(&cell.join(" "));
                if !text.is_empty() {
                    out.push(Line {
                        text,
                        ..Line::default()
                    });
                }
                continue;
            }
            // w3m pads every line of a cell to the cell's width.
            let cell_width = cell.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            for l in cell {
                let (text, indent) = squeeze(l);
                out.push(Line {
                    text,
                    indent,
                    width: l.trim_end().chars().count(),
                    lead: lead(l),
                    wrap: Some(cell_width),
                });
            }
        }
        out.push(Line::blank());
    }
}

/// The width a text browser wrapped the copy at: the widest column that most long lines end
/// near and several reach, as a right margin (a browser's copy has long paragraphs on one line each, ending
/// anywhere). A few wider lines (a table row a text browser does not wrap) are passed over.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(Line::columns)
        .filter(|&w| w >= 40)
        .collect();
    widths.sort_unstable_by(|a, b| b.cmp(a));
    for (i, &w) in widths.iter().enumerate() {
        if w > 250 {
            continue;
        }
        if i > widths.len() / 4 {
            break;
        }
        // A terminal's width (up to 132 columns) needs fewer lines to be believed.
        let needed = (widths.len() / 2).max(if w <= 132 { 2 } else { 5 });
        let near = widths[i..].iter().take_while(|&&x| x + 12 >= w).count();
        // A margin is reached by several lines; a single wider line is no margin.
        let reached = widths[i..].iter().take_while(|&&x| x + 2 >= w).count();
        if near >= needed && reached >= 2 {
            return Some(w);
        }
    }
    None
}

/// The text of a run of lines, paragraphs separated by a blank line: the lines of a wrapped
/// paragraph joined with a space. A line ends its paragraph when a blank line follows, when
/// the next line is indented deeper than the paragraph's lines (a text browser's indented
/// paragraph), or when the next line's first word would have fitted on it (the copy was not
/// wrapped there).
pub fn paragraphs(lines: &[Line]) -> String {
    let lines = rewrapped(lines);
    let lines: &[Line] = &lines;
    let mut out = String::new();
    let mut para = String::new();
    let mut base: Option<usize> = None;
    let flush = |para: &mut String, out: &mut String| {
        if !para.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(para);
            para.clear();
        }
    };
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            flush(&mut para, &mut out);
            base = None;
            continue;
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(&line.text);
        let Some(next) = lines.get(i + 1).filter(|n| !n.is_blank()) else {
            continue;
        };
        let first = base.is_none();
        let indent = *base.get_or_insert(next.indent);
        // The first line of a paragraph may be indented more than the rest (lynx, and the
        // pages' own indentation); after it, a deeper line starts a paragraph.
        let deeper = !first && next.indent > indent;
        let word = if next.lead > 0 {
            next.lead
        } else {
            next.text.split(' ').next().map_or(0, |w| w.chars().count())
        };
        let soft = line
            .wrap
            .is_some_and(|w| line.columns() + 1 + word > w && next.indent <= indent + 1);
        if deeper || !soft {
            flush(&mut para, &mut out);
            base = None;
        }
    }
    flush(&mut para, &mut out);
    out
}

/// The text of a run of lines on one line.
pub fn joined(lines: &[Line]) -> String {
    let mut out = String::new();
    for l in lines.iter().filter(|l| !l.is_blank()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&l.text);
    }
    out
}

/// One character folded for matching labels: lower case, without its accent; one character
/// for one, so that positions in the folded text are positions in the text.
pub fn fold1(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(b) = fold_latin(c) {
        return b as char;
    }
    match c {
        '’' | '‘' | 'ʼ' => '\'',
        'º' => '°',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// `s` folded with [`fold1`], as characters.
pub fn folded(s: &str) -> Vec<char> {
    s.chars().map(fold1).collect()
}

/// True when `line`, folded, starts with `prefix` (already folded).
pub fn starts(line: &str, prefix: &str) -> bool {
    let mut chars = line.chars().map(fold1);
    prefix.chars().all(|p| chars.next() == Some(p))
}

/// A label a reader looks for in a run of text: its words (folded, single-spaced) and the
/// separator that ends it (`:` or `>`; none for a label of free text).
#[derive(Debug, Clone, Copy)]
pub struct Label<K> {
    /// The label's words, folded.
    pub words: &'static str,
    /// The character after it, blanks allowed between.
    pub sep: Option<char>,
    /// What the reader makes of it.
    pub key: K,
}

/// One label found in a text, and the text up to the next label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<K> {
    /// Which label.
    pub key: K,
    /// The label as the text writes it.
    pub shown: String,
    /// The value after it, trimmed.
    pub value: String,
}

/// Splits `text` (single-spaced) at every label of `labels` that starts a word: the text
/// before the first label, then each label with the text up to the next. Where several
/// labels match, the longest wins.
pub fn split_labels<K: Copy>(text: &str, labels: &[Label<K>]) -> (String, Vec<Found<K>>) {
    let chars: Vec<char> = text.chars().collect();
    let fold: Vec<char> = chars.iter().map(|&c| fold1(c)).collect();
    // (start, end of label, key)
    let mut hits: Vec<(usize, usize, K)> = Vec::new();
    let mut i = 0;
    while i < fold.len() {
        let starts_word = i == 0 || !fold[i - 1].is_alphanumeric();
        if starts_word && fold[i].is_alphanumeric() {
            let best = labels
                .iter()
                .filter_map(|l| match_label(&fold, i, l).map(|end| (end, l.key)))
                .max_by_key(|(end, _)| *end);
            if let Some((end, key)) = best {
                hits.push((i, end, key));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>().trim().to_string();
    let before = slice(0, hits.first().map_or(chars.len(), |h| h.0));
    let found = hits
        .iter()
        .enumerate()
        .map(|(n, &(start, end, key))| {
            let next = hits.get(n + 1).map_or(chars.len(), |h| h.0);
            Found {
                key,
                shown: slice(start, end)
                    .trim_end_matches([':', '>'])
                    .trim()
                    .to_string(),
                value: slice(end, next),
            }
        })
        .collect();
    (before, found)
}

/// Where `label` ends when it starts at `at` in `fold`: its words (a blank in the label
/// matching one blank or none), then blanks and its separator; the word must end there.
fn match_label<K>(fold: &[char], at: usize, label: &Label<K>) -> Option<usize> {
    let mut i = at;
    for c in label.words.chars() {
        if c == ' ' {
            if fold.get(i) == Some(&' ') {
                i += 1;
            }
            continue;
        }
        if fold.get(i) != Some(&c) {
            return None;
        }
        i += 1;
    }
    let last = label.words.chars().last()?;
    if last.is_alphanumeric() && fold.get(i).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    match label.sep {
        None => Some(i),
        Some(sep) => {
            let mut j = i;
            while fold.get(j) == Some(&' ') {
                j += 1;
            }
            (fold.get(j) == Some(&sep)).then_some(j + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        prepare(text)
    }

    #[test]
    fn box_tables_become_label_then_value() {
        let t = "┏━━━━━┯━━━━━━━━━━┓\n\
                 ┃Rubri│logement  ┃\n\
                 ┃que :│          ┃\n\
                 ┠─────┼──────────┨\n\
                 ┃Texte│Un deux   ┃\n\
                 ┃     │trois.    ┃\n\
                 ┗━━━━━┷━━━━━━━━━━┛\n";
        let l = lines(t);
        let texts: Vec<&str> = l.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Rubri que :",
                "logement",
                "",
                "",
                "Texte",
                "Un deux",
                "trois.",
                "",
                ""
            ]
        );
        assert_eq!(l[5].wrap, Some(10));
    }

    #[test]
    fn wrapped_paragraphs_are_joined_and_short_lines_end_them() {
        let mut text = String::new();
        for _ in 0..6 {
            text.push_str("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk\nllll mmmm.\n");
        }
        let l = lines(&text);
        assert_eq!(l[0].wrap, Some(54));
        let p = paragraphs(&l);
        assert_eq!(p.split("\n\n").count(), 6);
        assert!(
            p.starts_with("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm.\n\n")
        );
    }

    #[test]
    fn a_browser_copy_keeps_every_line_break() {
        let l = lines("Premier paragraphe assez long.\nSecond.\n\nTroisième.");
        assert_eq!(l[0].wrap, None);
        assert_eq!(
            paragraphs(&l),
            "Premier paragraphe assez long.\n\nSecond.\n\nTroisième."
        );
    }

    #[test]
    fn labels_split_a_run_of_text() {
        let labels = [
            Label {
                words: "analyse",
                sep: Some('>'),
                key: 1,
            },
            Label {
                words: "tete d'analyse",
                sep: Some('>'),
                key: 2,
            },
            Label {
                words: "rubrique",
                sep: Some('>'),
                key: 3,
            },
        ];
        let (before, found) = split_labels(
            "Intro Rubrique > État Tête d'analyse > x Analyse  > a. b.",
            &labels,
        );
        assert_eq!(before, "Intro");
        let got: Vec<(i32, &str, &str)> = found
            .iter()
            .map(|f| (f.key, f.shown.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (3, "Rubrique", "État"),
                (2, "Tête d'analyse", "x"),
                (1, "Analyse", "a. b.")
            ]
        );
        // A label needs its separator and a word boundary.
        let (_, found) = split_labels("Analyses > x; Analyse sans", &labels);
        assert!(found.is_empty());
    }
}
