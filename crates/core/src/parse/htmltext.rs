//! HTML fragments (the open data's `texte` fields, the paragraphs of saved pages) turned into
//! the model's text form: plain text, paragraphs separated by one blank line, bold and italic
//! byte spans, every HTML entity decoded, whitespace folded.
//!
//! The fragments are not well-formed (`</p>` before any `<p>`, `<br>` never closed, unquoted
//! `<a name=PG1>`), so this is a tolerant tokenizer, not a parser: it only needs to know which
//! tags break paragraphs and which ones style text.

use super::inline::Styled;
use crate::model::{Emphasis, EmphasisStyle};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// One lexical item of an HTML source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// Text between tags, entities not yet decoded.
    Text(&'a str),
    /// A start or end tag.
    Tag(Tag<'a>),
}

/// A start or end tag, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The tag name as written (compare with [`Tag::is`]).
    pub name: &'a str,
    /// `</name>`.
    pub closing: bool,
    /// `<name/>`.
    pub self_closing: bool,
    /// The raw text between the name and `>`: the attributes.
    pub attrs: &'a str,
}

impl<'a> Tag<'a> {
    /// True when the tag's name is `name` (ASCII case ignored).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The value of attribute `name`, entities decoded; `Some("")` for a bare attribute.
    pub fn attr(&self, name: &str) -> Option<Cow<'a, str>> {
        attribute(self.attrs, name)
    }

    /// True when the `class` attribute holds `class` among its words.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|w| w == class))
    }
}

/// Reads attribute `name` from the raw attribute text of a tag.
fn attribute<'a>(raw: &'a str, name: &str) -> Option<Cow<'a, str>> {
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/') {
            i += 1;
        }
        let key = &raw[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let quote = b[i];
                let vstart = i + 1;
                i = vstart;
                while i < b.len() && b[i] != quote {
                    i += 1;
                }
                value = &raw[vstart..i];
                i = (i + 1).min(b.len());
            } else {
                let vstart = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &raw[vstart..i];
            }
        }
        if key.is_empty() {
            i += 1;
            continue;
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(html_escape::decode_html_entities(value));
        }
    }
    None
}

/// Iterates over the tokens of an HTML source. Comments, doctypes and processing
/// instructions are skipped, and so is the content of `<script>` and `<style>`.
pub struct Tokens<'a> {
    src: &'a str,
    pos: usize,
    /// Inside `<script>` or `<style>`: skip to the matching end tag.
    raw_until: Option<&'static str>,
}

/// Longest tag read; a longer one is text.
const MAX_TAG_BYTES: usize = 16 * 1024;

/// Tokenizes `src`.
pub fn tokens(src: &str) -> Tokens<'_> {
    Tokens {
        src,
        pos: 0,
        raw_until: None,
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let src = self.src;
        let b = src.as_bytes();
        if let Some(end_name) = self.raw_until.take() {
            // Raw text: find `</script` (any case) and resume there.
            let rest = &b[self.pos..];
            let mut at = rest.len();
            for i in memchr::memchr_iter(b'<', rest) {
                let after = &rest[i + 1..];
                if after.first() == Some(&b'/')
                    && after.len() > end_name.len()
                    && after[1..=end_name.len()].eq_ignore_ascii_case(end_name.as_bytes())
                {
                    at = i;
                    break;
                }
            }
            self.pos += at;
        }
        loop {
            if self.pos >= b.len() {
                return None;
            }
            let start = self.pos;
            if b[start] != b'<' {
                let end = memchr::memchr(b'<', &b[start..]).map_or(b.len(), |i| start + i);
                self.pos = end;
                return Some(Token::Text(&src[start..end]));
            }
            let rest = &src[start..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                self.pos = comment.find("-->").map_or(b.len(), |i| start + 4 + i + 3);
                continue;
            }
            let next = b.get(start + 1).copied();
            if matches!(next, Some(b'!' | b'?')) {
                self.pos = memchr::memchr(b'>', &b[start..]).map_or(b.len(), |i| start + i + 1);
                continue;
            }
            let closing = next == Some(b'/');
            let name_start = start + 1 + usize::from(closing);
            if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                // `a < b`: a lone `<` is text. Give it alone so the next call looks further.
                self.pos = start + 1;
                return Some(Token::Text(&src[start..start + 1]));
            }
            let mut i = name_start;
            while i < b.len()
                && (b[i].is_ascii_alphanumeric() || matches!(b[i], b':' | b'-' | b'_'))
            {
                i += 1;
            }
            let name = &src[name_start..i];
            // The end of the tag: the first `>` outside quotes, within a bounded length so that
            // unclosed quotes cannot make the scan quadratic.
            let attrs_start = i;
            let limit = b.len().min(attrs_start + MAX_TAG_BYTES);
            let mut quote = None;
            let mut end = None;
            while i < limit {
                match (quote, b[i]) {
                    (None, b'"' | b'\'') => quote = Some(b[i]),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'>') => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
            let Some(end) = end.or_else(|| {
                // An unterminated quote: take the first `>` after all.
                memchr::memchr(b'>', &b[attrs_start..limit]).map(|j| attrs_start + j)
            }) else {
                // No end in sight: the `<` is text.
                self.pos = start + 1;
                return Some(Token::Text(&src[start..start + 1]));
            };
            let mut attrs = &src[attrs_start..end];
            let self_closing = attrs.ends_with('/');
            if self_closing {
                attrs = &attrs[..attrs.len() - 1];
            }
            self.pos = end + 1;
            let tag = Tag {
                name,
                closing,
                self_closing,
                attrs,
            };
            if !closing && !self_closing {
                if tag.is("script") {
                    self.raw_until = Some("script");
                } else if tag.is("style") {
                    self.raw_until = Some("style");
                }
            }
            return Some(Token::Tag(tag));
        }
    }
}

/// Tags after or before which a new paragraph starts.
pub fn is_block(name: &str) -> bool {
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

/// The style a tag gives, if any: `<b>`, `<strong>`, `<i>`, `<em>`, and the pages'
/// `<span class="bold">`.
fn style_of(tag: &Tag<'_>) -> Option<EmphasisStyle> {
    if tag.is("b") || tag.is("strong") {
        Some(EmphasisStyle::Bold)
    } else if tag.is("i") || tag.is("em") {
        Some(EmphasisStyle::Italic)
    } else {
        None
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
            if ch == '\n' {
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

    /// Appends raw HTML text: entities decoded first.
    pub fn html_text(&mut self, raw: &str) {
        if raw.contains('&') {
            self.text(&html_escape::decode_html_entities(raw));
        } else {
            self.text(raw);
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

    /// Feeds one token of an HTML fragment.
    pub fn token(&mut self, token: Token<'_>) {
        match token {
            Token::Text(t) => self.html_text(t),
            Token::Tag(tag) => self.tag(&tag),
        }
    }

    /// Feeds one tag: paragraph breaks, styles; other tags are dropped.
    pub fn tag(&mut self, tag: &Tag<'_>) {
        if let Some(style) = style_of(tag) {
            if tag.closing {
                self.close(style);
            } else if !tag.self_closing {
                self.open(style);
            }
        } else if tag.is("span") {
            if tag.closing {
                if let Some(Some(style)) = self.span_styles.pop() {
                    self.close(style);
                }
            } else if !tag.self_closing {
                let style = tag.has_class("bold").then_some(EmphasisStyle::Bold);
                if let Some(style) = style {
                    self.open(style);
                }
                self.span_styles.push(style);
            }
        } else if tag.is("table") {
            if tag.closing {
                self.tables = self.tables.saturating_sub(1);
            } else if !tag.self_closing {
                self.tables += 1;
                self.rows = 0;
            }
            self.paragraph_break();
        } else if self.tables > 0 && (tag.is("tbody") || tag.is("thead") || tag.is("tfoot")) {
        } else if self.tables > 0 && tag.is("tr") {
            if !tag.closing {
                // A row after the first: a line of the same paragraph.
                if self.rows > 0 && !self.pending_break {
                    self.pending_row = true;
                }
                self.rows += 1;
                self.cells = 0;
            }
        } else if tag.is("td") || tag.is("th") {
            if self.tables > 0 && !tag.closing {
                if self.cells > 0 {
                    self.pending_cell = true;
                }
                self.cells += 1;
            } else {
                self.pending_space = true;
            }
        } else if is_block(tag.name) {
            self.paragraph_break();
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

/// Converts an HTML fragment into plain text and emphasis spans.
pub fn html_to_styled(html: &str) -> Styled {
    let mut builder = TextBuilder::default();
    for token in tokens(html) {
        builder.token(token);
    }
    builder.finish()
}

/// A one-line value: tags removed, entities decoded, whitespace folded to single spaces.
pub fn html_to_line(html: &str) -> String {
    let mut s = html_to_styled(html).text;
    if s.contains('\n') {
        s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    s
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

    fn spans(s: &Styled) -> Vec<(&str, EmphasisStyle)> {
        s.emphasis
            .iter()
            .map(|e| (&s.text[e.start..e.end], e.style))
            .collect()
    }

    #[test]
    fn broken_fragment_of_the_real_qg() {
        let s = html_to_styled(
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
        let s = html_to_styled("L&apos;&Eacute;tat&nbsp;:\n  45&#160;% &laquo;&#x153;uvre&raquo; &hellip; &frac12; &amp;lt;");
        assert_eq!(s.text, "L'État : 45 % «œuvre» … ½ &lt;");
        assert!(s.emphasis.is_empty());
    }

    #[test]
    fn spans_stop_at_paragraph_breaks_and_unclosed_tags_end_the_text() {
        let s = html_to_styled("<b>un<br>deux</b> trois <i>quatre");
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
        let s = html_to_styled("a < b <!-- x --><script>if (a<b) {}</script>c > d <");
        assert_eq!(s.text, "a < b c > d <");
        assert_eq!(
            html_to_styled("<span class=\"bold\">X</span> y")
                .emphasis
                .len(),
            1
        );
    }

    #[test]
    fn attributes_quoted_unquoted_and_bare() {
        let t = match tokens("<a name=PG1 href='x&amp;y' data-id=\"QANR5L16QE200 / B\" hidden>")
            .next()
        {
            Some(Token::Tag(t)) => t,
            other => panic!("{other:?}"),
        };
        assert_eq!(t.attr("name").as_deref(), Some("PG1"));
        assert_eq!(t.attr("href").as_deref(), Some("x&y"));
        assert_eq!(t.attr("data-id").as_deref(), Some("QANR5L16QE200 / B"));
        assert_eq!(t.attr("hidden").as_deref(), Some(""));
        assert_eq!(t.attr("class"), None);
    }

    #[test]
    fn qe_header_is_stripped_with_its_spans_moved() {
        let mut s = html_to_styled("13382. — 10 mars 2026. — Mme X <b>alerte</b> M. Y.");
        strip_qe_header(&mut s);
        assert_eq!(s.text, "Mme X alerte M. Y.");
        assert_eq!(spans(&s), vec![("alerte", EmphasisStyle::Bold)]);
        let mut other = html_to_styled("Le 10 mars 2026. — rien");
        strip_qe_header(&mut other);
        assert_eq!(other.text, "Le 10 mars 2026. — rien");
    }
}
