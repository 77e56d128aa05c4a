//! HTML fragments (the open data's `texte` fields, the paragraphs of saved pages) turned into
//! the model's text form: plain text, paragraphs separated by one blank line, bold and italic
//! byte spans, every HTML entity decoded, whitespace folded.
//!
//! The fragments are not well-formed (`</p>` before any `<p>`, `<br>` never closed, unquoted
//! `<a name=PG1>`): they are read by an HTML5 parser ([`super::htmldom`], html5ever), whose
//! tree is walked into a [`TextBuilder`]. Most `texte` fields hold only paragraphs, line
//! breaks, bold, italics, anchors and simple tables: [`simple`] reads those three times
//! faster than the parser (the parser alone would slow the reading of the archives by a
//! third; BENCHMARKS.md, section 8), giving the builder the very same elements the parser's
//! tree would (checked against the parser by property tests), and hands anything else to the
//! parser.

use super::htmldom::{parse_fragment, Dom, Item};
use super::inline::Styled;
use super::problem::HtmlLimit;
use crate::limits::{MAX_HTML_ELEMENTS, MAX_HTML_TAG_BYTES};
use crate::model::{Emphasis, EmphasisStyle};
use html5ever::data::NAMED_ENTITIES;
use regex::Regex;
use std::sync::LazyLock;

/// Tags after or before which a new paragraph starts.
fn is_block(name: &str) -> bool {
    const BLOCKS: [&str; 27] = [
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "tbody",
        "thead",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "center",
        "blockquote",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "dl",
        "dt",
        "dd",
        "html",
    ];
    BLOCKS.iter().any(|b| name.eq_ignore_ascii_case(b))
}

/// The style an element gives, if any: `<b>`, `<strong>`, `<i>`, `<em>` (the pages'
/// `<span class="bold">` is handled with the spans).
fn style_of(name: &str) -> Option<EmphasisStyle> {
    match name {
        "b" | "strong" => Some(EmphasisStyle::Bold),
        "i" | "em" => Some(EmphasisStyle::Italic),
        _ => None,
    }
}

/// Builds the text form incrementally: whitespace folded, paragraphs separated by one blank
/// line, emphasis spans trimmed to the characters they cover.
#[derive(Default)]
pub struct TextBuilder {
    out: String,
    emphasis: Vec<Emphasis>,
    pending_space: bool,
    pending_break: bool,
    /// Depth and start offset of the open bold and italic spans.
    depth: [u32; 2],
    start: [Option<usize>; 2],
    /// Span styles opened by `<span>` tags, so their `</span>` closes them: one entry per
    /// open `<span>`, `None` for those that style nothing.
    span_styles: Vec<Option<EmphasisStyle>>,
    last_end: usize,
    /// Line breaks in the current run of whitespace: two make a paragraph break.
    newlines: u32,
    /// Open `<table>` elements: their rows are lines of one paragraph, their cells joined
    /// by ` | `, as the text parser keeps tables.
    tables: u32,
    /// Rows begun in the current table, cells begun in the current row.
    rows: u32,
    cells: u32,
    /// The next word starts a new row (a line) or a new cell (` | `).
    pending_row: bool,
    pending_cell: bool,
}

fn slot(style: EmphasisStyle) -> usize {
    match style {
        EmphasisStyle::Bold => 0,
        EmphasisStyle::Italic => 1,
    }
}

const STYLES: [EmphasisStyle; 2] = [EmphasisStyle::Bold, EmphasisStyle::Italic];

impl TextBuilder {
    /// Appends text whose entities are already decoded.
    pub fn text(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // A run of printable characters goes in at once; most text is such runs.
            let start = i;
            while i < b.len() {
                let c = b[i];
                if c > b' ' && c < 0x7f {
                    i += 1;
                } else if c >= 0x80 {
                    let ch = s[i..].chars().next().unwrap_or(' ');
                    if ch.is_whitespace() || ch.is_control() || ch == '\u{feff}' || ch == '\u{fffe}'
                    {
                        break;
                    }
                    i += ch.len_utf8();
                } else {
                    break;
                }
            }
            if i > start {
                self.push_word(&s[start..i]);
            }
            let Some(ch) = s[i..].chars().next() else {
                break;
            };
            // CR LF and a lone CR are one line break, as HTML's input stream reads them.
            if ch == '\n' || (ch == '\r' && b.get(i + 1) != Some(&b'\n')) {
                self.newlines += 1;
                self.pending_space = true;
            } else if ch.is_whitespace() {
                self.pending_space = true;
            }
            // Other controls and byte-order marks are dropped: no field may keep a NUL, CR
            // or BOM.
            i += ch.len_utf8();
        }
    }

    /// Starts a new paragraph before the next character.
    pub fn paragraph_break(&mut self) {
        self.pending_break = true;
    }

    /// Opens a bold or italic span.
    pub fn open(&mut self, style: EmphasisStyle) {
        self.depth[slot(style)] += 1;
    }

    /// Closes a bold or italic span (a stray close is ignored).
    pub fn close(&mut self, style: EmphasisStyle) {
        let i = slot(style);
        if self.depth[i] == 0 {
            return;
        }
        self.depth[i] -= 1;
        if self.depth[i] == 0 {
            self.end_span(i);
        }
    }

    fn end_span(&mut self, i: usize) {
        if let Some(start) = self.start[i].take() {
            if self.last_end > start {
                self.emphasis.push(Emphasis {
                    start,
                    end: self.last_end,
                    style: STYLES[i],
                });
            }
        }
    }

    fn push_word(&mut self, word: &str) {
        if self.newlines >= 2 {
            // A blank line in the source text separates paragraphs.
            self.pending_break = true;
        }
        self.newlines = 0;
        if !self.out.is_empty() {
            if self.pending_break {
                // Spans stop at the paragraph's end and start again in the next one.
                self.end_span(0);
                self.end_span(1);
                self.out.push_str("\n\n");
            } else if self.pending_row {
                self.end_span(0);
                self.end_span(1);
                self.out.push('\n');
            } else if self.pending_cell {
                self.out.push_str(" | ");
            } else if self.pending_space {
                self.out.push(' ');
            }
        }
        self.pending_break = false;
        self.pending_row = false;
        self.pending_cell = false;
        self.pending_space = false;
        for i in 0..2 {
            if self.depth[i] > 0 && self.start[i].is_none() {
                self.start[i] = Some(self.out.len());
            }
        }
        self.out.push_str(word);
        self.last_end = self.out.len();
    }

    /// An element starts: paragraph breaks, styles, table rows and cells; other elements
    /// only hold text. `bold_class`: the element has the pages' `class="bold"`.
    pub fn start(&mut self, name: &str, bold_class: bool) {
        if let Some(style) = style_of(name) {
            self.open(style);
            return;
        }
        match name {
            "span" => {
                let style = bold_class.then_some(EmphasisStyle::Bold);
                if let Some(style) = style {
                    self.open(style);
                }
                self.span_styles.push(style);
            }
            "table" => {
                self.tables += 1;
                self.rows = 0;
                self.paragraph_break();
            }
            "tbody" | "thead" | "tfoot" if self.tables > 0 => {}
            "tr" if self.tables > 0 => {
                // A row after the first: a line of the same paragraph.
                if self.rows > 0 && !self.pending_break {
                    self.pending_row = true;
                }
                self.rows += 1;
                self.cells = 0;
            }
            "td" | "th" if self.tables > 0 => {
                if self.cells > 0 {
                    self.pending_cell = true;
                }
                self.cells += 1;
            }
            "td" | "th" => self.pending_space = true,
            _ if is_block(name) => self.paragraph_break(),
            _ => {}
        }
    }

    /// An element ends.
    pub fn end(&mut self, name: &str) {
        if let Some(style) = style_of(name) {
            self.close(style);
            return;
        }
        match name {
            "span" => {
                if let Some(Some(style)) = self.span_styles.pop() {
                    self.close(style);
                }
            }
            "table" => {
                self.tables = self.tables.saturating_sub(1);
                self.paragraph_break();
            }
            "tbody" | "thead" | "tfoot" | "tr" if self.tables > 0 => {}
            "td" | "th" => self.pending_space = true,
            _ if is_block(name) => self.paragraph_break(),
            _ => {}
        }
    }

    /// The text and its spans.
    pub fn finish(mut self) -> Styled {
        self.end_span(0);
        self.end_span(1);
        self.emphasis.sort_by_key(|e| (e.start, e.end));
        Styled {
            text: self.out,
            emphasis: self.emphasis,
        }
    }
}

/// Elements whose content is not text: skipped whole.
fn is_hidden(name: &str) -> bool {
    matches!(name, "script" | "style" | "template")
}

/// Feeds the nodes `range` of `dom` (whole subtrees) to `b`, elements as they start and end.
pub fn walk(dom: &Dom, range: std::ops::Range<usize>, b: &mut TextBuilder) {
    // The ends of the elements open, innermost last.
    let mut open: Vec<(usize, &str)> = Vec::new();
    let mut i = range.start;
    let stop = range.end.min(dom.items.len());
    while i < stop {
        while let Some(&(end, name)) = open.last() {
            if end > i {
                break;
            }
            b.end(name);
            open.pop();
        }
        match &dom.items[i] {
            Item::Text(t) => b.text(t),
            Item::Element(e) if is_hidden(e.name()) => {
                i = e.end.max(i + 1);
                continue;
            }
            Item::Element(e) => {
                let bold = e.name() == "span" && e.has_class("bold");
                b.start(e.name(), bold);
                open.push((e.end, e.name()));
            }
        }
        i += 1;
    }
    while let Some((_, name)) = open.pop() {
        b.end(name);
    }
}

/// The text form of the content of element `n` of `dom`.
pub fn styled(dom: &Dom, n: usize) -> Styled {
    let mut b = TextBuilder::default();
    walk(dom, n + 1..dom.end(n), &mut b);
    b.finish()
}

/// Converts an HTML fragment into plain text and emphasis spans; a fragment past the HTML
/// limits is refused.
pub fn html_to_styled(html: &str) -> Result<Styled, HtmlLimit> {
    if let Some(styled) = simple(html) {
        return Ok(styled);
    }
    let dom = parse_fragment(html)?;
    let mut b = TextBuilder::default();
    walk(&dom, 0..dom.items.len(), &mut b);
    Ok(b.finish())
}

/// A one-line value: tags removed, entities decoded, whitespace folded to single spaces. A
/// value past the HTML limits (never a real one) is kept as written, on one line.
pub fn html_to_line(html: &str) -> String {
    let Ok(styled) = html_to_styled(html) else {
        return one_line(html);
    };
    let mut s = styled.text;
    if s.contains('\n') {
        s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    s
}

/// The elements [`simple`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum El {
    Html,
    P,
    A,
    B,
    Strong,
    I,
    Em,
    Table,
    Tbody,
    Thead,
    Tfoot,
    Tr,
    Td,
    Th,
}

impl El {
    fn name(self) -> &'static str {
        match self {
            El::Html => "html",
            El::P => "p",
            El::A => "a",
            El::B => "b",
            El::Strong => "strong",
            El::I => "i",
            El::Em => "em",
            El::Table => "table",
            El::Tbody => "tbody",
            El::Thead => "thead",
            El::Tfoot => "tfoot",
            El::Tr => "tr",
            El::Td => "td",
            El::Th => "th",
        }
    }
}

/// A tag [`simple`] reads: one of [`El`] or `<br>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SimpleTag {
    Br,
    El(El),
}

fn simple_tag(name: &str) -> Option<SimpleTag> {
    const TAGS: [(&str, SimpleTag); 14] = [
        ("p", SimpleTag::El(El::P)),
        ("a", SimpleTag::El(El::A)),
        ("br", SimpleTag::Br),
        ("b", SimpleTag::El(El::B)),
        ("i", SimpleTag::El(El::I)),
        ("em", SimpleTag::El(El::Em)),
        ("strong", SimpleTag::El(El::Strong)),
        ("td", SimpleTag::El(El::Td)),
        ("tr", SimpleTag::El(El::Tr)),
        ("th", SimpleTag::El(El::Th)),
        ("table", SimpleTag::El(El::Table)),
        ("tbody", SimpleTag::El(El::Tbody)),
        ("thead", SimpleTag::El(El::Thead)),
        ("tfoot", SimpleTag::El(El::Tfoot)),
    ];
    TAGS.iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(_, t)| t)
}

/// Deepest nesting [`simple`] follows; deeper goes to the parser.
const SIMPLE_DEPTH: usize = 32;

/// Reads the common `texte` fragment without the parser: text, character references, and
/// attribute-free `<p>`, `<br>`, `<b>`, `<strong>`, `<i>`, `<em>` and table tags, well
/// nested. It keeps the stack of open elements the HTML tree construction would keep for
/// them and gives the [`TextBuilder`] the same starts and ends as a walk of the parser's tree
/// (implied `</p>`, `</td>`, `</tr>`, `<tbody>` included). Whatever could make the tree
/// differ from the tags as written (misnested or stray formatting tags, text where a table
/// moves it out, attributes, comments, unknown tags or references) gives `None`: the parser
/// reads that fragment.
pub fn simple(html: &str) -> Option<Styled> {
    let bytes = html.as_bytes();
    let mut s = Simple {
        stack: vec![El::Html],
        b: TextBuilder::default(),
        elements: 0,
    };
    s.b.start("html", false);
    let mut i = 0;
    while i < bytes.len() {
        let next = memchr::memchr2(b'<', b'&', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        if next > i {
            s.text(&html[i..next])?;
            i = next;
        } else if bytes[i] == b'&' {
            i = s.reference(html, i)?;
        } else {
            i = s.tag(html, i)?;
        }
    }
    while let Some(e) = s.stack.pop() {
        s.b.end(e.name());
    }
    Some(s.b.finish())
}

/// The `>` closing a start tag whose name ends at `at`. Attributes (`name`, `name=value`,
/// `name="value"`, `name='value'`, after whitespace) are passed over: none of the elements
/// [`simple`] reads is built differently for them (`<p align="CENTER">`, `<a name=PG1>`).
/// `/>` only ends a void element (`<br/>`); anything less plain gives `None`.
fn tag_close(b: &[u8], mut at: usize, void: bool) -> Option<usize> {
    // A tag near the parser's limit is the parser's to accept or refuse.
    let stop = at.saturating_add(MAX_HTML_TAG_BYTES / 2).min(b.len());
    let b = &b[..stop];
    let space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let plain = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.');
    loop {
        let blank = b.get(at..)?.iter().take_while(|c| space(c)).count();
        at += blank;
        match b.get(at)? {
            b'>' => return Some(at),
            b'/' if void && b.get(at + 1) == Some(&b'>') => return Some(at + 1),
            c if blank > 0 && c.is_ascii_alphabetic() => {}
            _ => return None,
        }
        at += b[at..].iter().take_while(|c| plain(c)).count();
        if b.get(at) == Some(&b'=') {
            at += 1;
            match b.get(at)? {
                &quote @ (b'"' | b'\'') => {
                    at += 2 + memchr::memchr(quote, b.get(at + 1..)?)?;
                }
                _ => {
                    let len = b[at..].iter().take_while(|c| plain(c)).count();
                    if len == 0 {
                        return None;
                    }
                    at += len;
                }
            }
        }
    }
}

struct Simple {
    /// The open elements, `html` at the bottom.
    stack: Vec<El>,
    b: TextBuilder,
    /// Elements the parser's tree would hold so far: near its limit, the parser decides.
    elements: usize,
}

impl Simple {
    fn top(&self) -> El {
        self.stack.last().copied().unwrap_or(El::Html)
    }

    /// In a table but not in a cell: there the parser moves text and inline elements out
    /// before the table ("foster parenting").
    fn in_table(&self) -> bool {
        matches!(
            self.top(),
            El::Table | El::Tbody | El::Thead | El::Tfoot | El::Tr
        )
    }

    fn text(&mut self, t: &str) -> Option<()> {
        if self.in_table()
            && !t
                .bytes()
                .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            return None;
        }
        self.b.text(t);
        Some(())
    }

    /// Counts one element of the parser's tree.
    fn element(&mut self) -> Option<()> {
        self.elements += 1;
        (self.elements < MAX_HTML_ELEMENTS / 2).then_some(())
    }

    fn push(&mut self, e: El) -> Option<()> {
        if self.stack.len() >= SIMPLE_DEPTH {
            return None;
        }
        self.element()?;
        self.stack.push(e);
        self.b.start(e.name(), false);
        Some(())
    }

    fn pop(&mut self) {
        if self.stack.len() > 1 {
            if let Some(e) = self.stack.pop() {
                self.b.end(e.name());
            }
        }
    }

    /// Pops the top element if it is one of `els`.
    fn pop_if(&mut self, els: &[El]) -> bool {
        let hit = els.contains(&self.top());
        if hit {
            self.pop();
        }
        hit
    }

    /// A `<p>` open where `<p>` and `<table>` close it (its "button scope").
    fn p_in_scope(&self) -> bool {
        for &e in self.stack.iter().rev() {
            match e {
                El::P => return true,
                El::Table | El::Td | El::Th | El::Html => return false,
                _ => {}
            }
        }
        false
    }

    /// Closes an open `<p>` before a `<p>` or `<table>`: only when nothing is open inside it
    /// (the parser would close those too, and re-open formatting later).
    fn close_p(&mut self) -> Option<()> {
        if self.p_in_scope() && !self.pop_if(&[El::P]) {
            return None;
        }
        Some(())
    }

    fn start(&mut self, tag: SimpleTag) -> Option<()> {
        let SimpleTag::El(e) = tag else {
            if self.in_table() {
                return None;
            }
            self.element()?;
            self.b.start("br", false);
            self.b.end("br");
            return Some(());
        };
        match e {
            El::P | El::Table => {
                if self.in_table() {
                    return None;
                }
                self.close_p()?;
                self.push(e)
            }
            El::A | El::B | El::Strong | El::I | El::Em => {
                // Three alike open: the parser's list of formatting elements starts dropping
                // them; an `<a>` in an `<a>`: it closes the first one.
                let open = self.stack.iter().filter(|&&o| o == e).count();
                if self.in_table() || open >= 3 || (e == El::A && open > 0) {
                    return None;
                }
                self.push(e)
            }
            El::Tbody | El::Thead | El::Tfoot => {
                (self.top() == El::Table).then_some(())?;
                self.push(e)
            }
            El::Tr => {
                match self.top() {
                    El::Table => self.push(El::Tbody)?,
                    El::Tbody | El::Thead | El::Tfoot => {}
                    El::Tr => self.pop(),
                    El::Td | El::Th => {
                        self.pop();
                        self.pop_if(&[El::Tr]).then_some(())?;
                    }
                    _ => return None,
                }
                self.push(El::Tr)
            }
            El::Td | El::Th => {
                match self.top() {
                    El::Tr => {}
                    El::Td | El::Th => self.pop(),
                    _ => return None,
                }
                self.push(e)
            }
            El::Html => None,
        }
    }

    fn end(&mut self, tag: SimpleTag) -> Option<()> {
        // `</br>` is read as `<br>`.
        let SimpleTag::El(e) = tag else {
            return self.start(tag);
        };
        match e {
            El::A | El::B | El::Strong | El::I | El::Em | El::Td | El::Th => {
                self.pop_if(&[e]).then_some(())
            }
            El::P => {
                if self.pop_if(&[El::P]) {
                    Some(())
                } else if self.p_in_scope() || self.in_table() {
                    None
                } else {
                    // A `</p>` without `<p>`: an empty paragraph.
                    self.element()?;
                    self.b.start("p", false);
                    self.b.end("p");
                    Some(())
                }
            }
            El::Tr => {
                self.pop_if(&[El::Td, El::Th]);
                self.pop_if(&[El::Tr]).then_some(())
            }
            El::Tbody | El::Thead | El::Tfoot => {
                self.pop_if(&[El::Td, El::Th]);
                self.pop_if(&[El::Tr]);
                self.pop_if(&[e]).then_some(())
            }
            El::Table => {
                self.pop_if(&[El::Td, El::Th]);
                self.pop_if(&[El::Tr]);
                self.pop_if(&[El::Tbody, El::Thead, El::Tfoot]);
                self.pop_if(&[El::Table]).then_some(())
            }
            El::Html => None,
        }
    }

    /// The tag at `at` (a `<`); a `<` that opens no tag is text.
    fn tag(&mut self, html: &str, at: usize) -> Option<usize> {
        let b = html.as_bytes();
        let name_run = |from: usize| {
            from + b[from.min(b.len())..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count()
        };
        match b.get(at + 1) {
            Some(b'/') => {
                if !b.get(at + 2).is_some_and(u8::is_ascii_alphabetic) {
                    return None;
                }
                let end = name_run(at + 2);
                (b.get(end) == Some(&b'>')).then_some(())?;
                self.end(simple_tag(&html[at + 2..end])?)?;
                Some(end + 1)
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let end = name_run(at + 1);
                let tag = simple_tag(&html[at + 1..end])?;
                let close = tag_close(b, end, tag == SimpleTag::Br)?;
                self.start(tag)?;
                Some(close + 1)
            }
            Some(b'!' | b'?') => None,
            // `a < b`, or a `<` at the end: text.
            _ => {
                self.text("<")?;
                Some(at + 1)
            }
        }
    }

    /// The character reference at `at` (a `&`): a named one with its `;`, or a numeric one
    /// whose character the parser keeps as is; a `&` followed by neither a letter, a digit
    /// nor `#` is text.
    fn reference(&mut self, html: &str, at: usize) -> Option<usize> {
        let b = html.as_bytes();
        let rest = &b[at + 1..];
        let (chars, len) = match rest.first() {
            Some(b'#') => {
                let hex = matches!(rest.get(1), Some(b'x' | b'X'));
                let from = if hex { 2 } else { 1 };
                let digits = rest[from..]
                    .iter()
                    .take_while(|c| {
                        if hex {
                            c.is_ascii_hexdigit()
                        } else {
                            c.is_ascii_digit()
                        }
                    })
                    .count();
                if digits == 0 || digits > 7 || rest.get(from + digits) != Some(&b';') {
                    return None;
                }
                let text = std::str::from_utf8(&rest[from..from + digits]).ok()?;
                let code = u32::from_str_radix(text, if hex { 16 } else { 10 }).ok()?;
                // NUL, controls, C1 (remapped to Windows-1252), surrogates and out-of-range
                // values are the parser's to read.
                if code < 0x20 || (0x7f..=0x9f).contains(&code) {
                    return None;
                }
                ([char::from_u32(code)?, '\0'], 1 + from + digits + 1)
            }
            Some(c) if c.is_ascii_alphanumeric() => {
                let name_len = rest
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                if rest.get(name_len) != Some(&b';') {
                    return None;
                }
                let name = std::str::from_utf8(&rest[..=name_len]).ok()?;
                let &(first, second) = NAMED_ENTITIES.get(name)?;
                let first = char::from_u32(first).filter(|&c| c != '\0')?;
                let second = char::from_u32(second).unwrap_or('\0');
                ([first, second], 1 + name_len + 1)
            }
            _ => {
                self.text("&")?;
                return Some(at + 1);
            }
        };
        if self.in_table() {
            return None;
        }
        let mut buf = [0u8; 8];
        for c in chars.into_iter().filter(|&c| c != '\0') {
            self.b.text(c.encode_utf8(&mut buf));
        }
        Some(at + len)
    }
}

/// A one-line value from plain text (no markup): controls dropped, whitespace folded.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else if c.is_control() || c == '\u{feff}' || c == '\u{fffe}' {
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static QE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d[\d  .]*\.\s*[—–-]\s*\d{1,2}(?:er)?\s+\p{L}+\.?\s+\d{4}\s*\.?\s*[—–-]\s*")
        .expect("static regex")
});

/// Drops a leading `"13382. — 10 mars 2026. — "` (number and JO date, as the JO prints a
/// question écrite) from a text, moving its spans.
pub fn strip_qe_header(styled: &mut Styled) {
    let Some(m) = QE_HEADER.find(&styled.text) else {
        return;
    };
    let cut = m.end();
    if cut >= styled.text.len() {
        return;
    }
    styled.text.drain(..cut);
    styled.emphasis.retain_mut(|e| {
        if e.end <= cut {
            return false;
        }
        e.start = e.start.saturating_sub(cut);
        e.end -= cut;
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    fn spans(s: &Styled) -> Vec<(&str, EmphasisStyle)> {
        s.emphasis
            .iter()
            .map(|e| (&s.text[e.start..e.end], e.style))
            .collect()
    }

    fn styled_of(html: &str) -> Styled {
        html_to_styled(html).unwrap()
    }

    /// The parser's reading, without the fast path.
    fn parsed(html: &str) -> Styled {
        let dom = parse_fragment(html).unwrap();
        let mut b = TextBuilder::default();
        walk(&dom, 0..dom.items.len(), &mut b);
        b.finish()
    }

    #[test]
    fn broken_fragment_of_the_real_qg() {
        let s = styled_of(
            "</p><p align=\"CENTER\"> SITUATION À MAYOTTE <a name=PG1></a> </p><br>\
             <strong>Mme la présidente . </strong>La parole est à Mme Anchya Bamana.<br><br>\
             <strong>M. Bruno Retailleau,</strong><i> ministre de l'intérieur . </i>Vous avez \
             raison<br> <p>",
        );
        assert_eq!(
            s.text,
            "SITUATION À MAYOTTE\n\nMme la présidente . La parole est à Mme Anchya Bamana.\n\n\
             M. Bruno Retailleau, ministre de l'intérieur . Vous avez raison"
        );
        assert_eq!(
            spans(&s),
            vec![
                ("Mme la présidente .", EmphasisStyle::Bold),
                ("M. Bruno Retailleau,", EmphasisStyle::Bold),
                ("ministre de l'intérieur .", EmphasisStyle::Italic),
            ]
        );
    }

    #[test]
    fn entities_all_decoded_and_whitespace_folded() {
        let html = "L&apos;&Eacute;tat&nbsp;:\n  45&#160;% &laquo;&#x153;uvre&raquo; &hellip; &frac12; &amp;lt;";
        let s = styled_of(html);
        assert_eq!(s.text, "L'État : 45 % «œuvre» … ½ &lt;");
        assert!(s.emphasis.is_empty());
        assert!(simple(html).is_some(), "read without the parser");
        // As browsers read them: a Windows-1252 number, a legacy name without `;`.
        assert_eq!(
            styled_of("l&#146;&eacutetat &copy 2026").text,
            "l’état © 2026"
        );
    }

    #[test]
    fn spans_stop_at_paragraph_breaks_and_unclosed_tags_end_the_text() {
        let s = styled_of("<b>un<br>deux</b> trois <i>quatre");
        assert_eq!(s.text, "un\n\ndeux trois quatre");
        assert_eq!(
            spans(&s),
            vec![
                ("un", EmphasisStyle::Bold),
                ("deux", EmphasisStyle::Bold),
                ("quatre", EmphasisStyle::Italic)
            ]
        );
    }

    #[test]
    fn lone_angle_brackets_scripts_and_comments() {
        let s = styled_of("a < b <!-- x --><script>if (a<b) {}</script>c > d <");
        assert_eq!(s.text, "a < b c > d <");
        assert_eq!(
            styled_of("<span class=\"bold\">X</span> y").emphasis.len(),
            1
        );
    }

    #[test]
    fn tables_are_lines_of_cells() {
        let html = "<p>Avant :</p><table><tr><th>Année</th><th>Montant</th></tr>\
                    <tr><td>2025</td><td>12 &euro;</td></tr></table><p>Après.</p>";
        let s = styled_of(html);
        assert_eq!(s.text, "Avant :\n\nAnnée | Montant\n2025 | 12 €\n\nAprès.");
        assert_eq!(simple(html), Some(parsed(html)));
        // Text in a table outside its cells goes before the table, as browsers put it.
        assert_eq!(
            styled_of("<table>perdu<tr><td>a</td></tr></table>").text,
            "perdu\n\na"
        );
    }

    #[test]
    fn misnested_formatting_as_browsers_repair_it() {
        // `</b>` inside the paragraph: "z" is not bold.
        let s = styled_of("<b>x<p>y</b>z</p>");
        assert_eq!(s.text, "x\n\nyz");
        assert_eq!(
            spans(&s),
            vec![("x", EmphasisStyle::Bold), ("y", EmphasisStyle::Bold)]
        );
    }

    #[test]
    fn carriage_returns_are_line_breaks() {
        assert_eq!(styled_of("a\r\n\r\nb\rc\r\rd").text, "a\n\nb c\n\nd");
        assert_eq!(parsed("a\r\n\r\nb\rc\r\rd").text, "a\n\nb c\n\nd");
    }

    #[test]
    fn the_fast_path_takes_the_common_texts_and_leaves_the_rest() {
        for html in [
            "Texte sans balise.",
            "<p>Un.</p><p>Deux &eacute;l&egrave;ves, l&#039;&eacute;cole&#8217;s.</p>",
            "Un.<br><br>Deux <b>gras</b> <em>it</em>.<br/>Trois<br />",
            "<p>Un<br>deux<p>trois",
            "<table><tbody><tr><th>a</th></tr><tr><td>b<td>c</tbody></table>",
            "</p><p align=\"CENTER\"> SITUATION <a name=PG1></a> </p><br><strong>M. X</strong>",
        ] {
            assert_eq!(simple(html), Some(parsed(html)), "{html}");
        }
        for html in [
            "<span class=bold>x</span>",
            "<b>x<p>y</b>z</p>",
            "<!-- c -->x",
            "&eacute x",
            "<table>x<tr><td>y</table>",
            "a</b>",
            "&#150;",
        ] {
            assert_eq!(simple(html), None, "{html}");
        }
    }

    #[test]
    fn qe_header_is_stripped_with_its_spans_moved() {
        let mut s = styled_of("13382. — 10 mars 2026. — Mme X <b>alerte</b> M. Y.");
        strip_qe_header(&mut s);
        assert_eq!(s.text, "Mme X alerte M. Y.");
        assert_eq!(spans(&s), vec![("alerte", EmphasisStyle::Bold)]);
        let mut other = styled_of("Le 10 mars 2026. — rien");
        strip_qe_header(&mut other);
        assert_eq!(other.text, "Le 10 mars 2026. — rien");
    }

    /// Pieces of `texte` fragments: what the fast path reads, and what it must leave.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<br>",
        "</br>",
        "<br/>",
        "<BR />",
        "<b>",
        "</b>",
        "<strong>",
        "</strong>",
        "<i>",
        "</i>",
        "<em>",
        "</em>",
        "<table>",
        "</table>",
        "<tbody>",
        "</tbody>",
        "<thead>",
        "</thead>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>",
        "</th>",
        "<P>",
        "un",
        "deux ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "&amp;",
        "&eacute;",
        "&#233;",
        "&#x153;",
        "&nbsp;",
        "&acE;",
        "& ",
        "a < b",
        "<",
        "&",
        "é",
        "\u{a0}",
        "\0",
        "<span>",
        "<p class=x>",
        "<!-- c -->",
        "&eacute",
        "&#150;",
        "</>",
        "&#13;",
        "<u>",
        "<p align=\"CENTER\">",
        "<a name=PG1>",
        "</a>",
        "<a>",
        "<td colspan='2'>",
        "<br clear=all/>",
        "<table border=1 >",
        "<p a=\"x\"b>",
        "<p a = b>",
        "<p a='>'>",
        "<p/>",
        "<b class=x>",
        "<a href=/x>",
        "<tr\n>",
        "<p \"x\">",
        "<th a=\">",
    ];

    /// Well-nested fragments of the kinds the open data holds: paragraphs, emphasis, anchors,
    /// tables, with end tags sometimes left out.
    fn nested() -> impl Strategy<Value = String> {
        const TEXTS: &[&str] = &[
            "un", " deux ", "\n", "\n\n", "\r\n", "&eacute;", "&#8217;", "&nbsp;", "a < b", "& ",
            "<br>", "<br/>", "é", " ", "&amp;lt;",
        ];
        const INLINE: &[(&str, &str)] = &[
            ("<b>", "</b>"),
            ("<i>", "</i>"),
            ("<strong>", "</strong>"),
            ("<EM>", "</em>"),
            ("<a name=PG1>", "</a>"),
        ];
        let leaf = proptest::sample::select(TEXTS).prop_map(str::to_string);
        leaf.prop_recursive(4, 64, 5, |inner| {
            let kids = proptest::collection::vec(inner, 0..5).prop_map(|v| v.concat());
            let cells = proptest::collection::vec(
                proptest::collection::vec((kids.clone(), any::<bool>()), 1..4),
                1..4,
            );
            prop_oneof![
                (proptest::sample::select(INLINE), kids.clone())
                    .prop_map(|((open, close), k)| format!("{open}{k}{close}")),
                (kids.clone(), any::<bool>(), any::<bool>()).prop_map(|(k, align, close)| {
                    let open = if align { "<p align=\"CENTER\">" } else { "<p>" };
                    format!("{open}{k}{}", if close { "</p>" } else { "" })
                }),
                (cells, any::<bool>()).prop_map(|(rows, tbody)| {
                    let mut t = String::from(if tbody { "<table><tbody>" } else { "<table>" });
                    for row in rows {
                        t.push_str("<tr>");
                        for (k, close) in row {
                            t.push_str("<td>");
                            t.push_str(&k);
                            if close {
                                t.push_str("</td>");
                            }
                        }
                    }
                    t.push_str("</table>");
                    t
                }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The same on well-nested fragments, which the fast path mostly reads.
        #[test]
        fn the_fast_path_reads_nested_fragments_as_the_parser(html in nested()) {
            if let Some(fast) = simple(&html) {
                prop_assert_eq!(fast, parsed(&html), "{:?}", html);
            }
        }

        /// Whenever the fast path reads a fragment, it reads it exactly as the parser does.
        #[test]
        fn the_fast_path_reads_as_the_parser(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let html: String = picks.iter().map(|&i| PIECES[i]).collect();
            if let Some(fast) = simple(&html) {
                prop_assert_eq!(fast, parsed(&html), "{:?}", html);
            }
        }

        /// Arbitrary text never makes either reader panic.
        #[test]
        fn any_text_is_read(html in "\\PC{0,200}") {
            let _ = html_to_styled(&html);
        }
    }

    #[test]
    fn the_differential_properties_are_not_vacuous() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let pieces = proptest::collection::vec(0..PIECES.len(), 0..30);
        let nested = nested();
        let (mut random, mut well_nested) = (0, 0);
        for _ in 0..1000 {
            let picks = pieces.new_tree(&mut runner).unwrap().current();
            let html: String = picks.iter().map(|&i| PIECES[i]).collect();
            random += usize::from(simple(&html).is_some());
            let html = nested.new_tree(&mut runner).unwrap().current();
            well_nested += usize::from(simple(&html).is_some());
        }
        assert!(
            random > 30,
            "the fast path read {random} of 1000 random fragments"
        );
        assert!(
            well_nested > 500,
            "the fast path read {well_nested} of 1000 nested ones"
        );
    }
}
