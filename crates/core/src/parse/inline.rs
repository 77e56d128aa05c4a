//! Inline markup: markdown emphasis, links, HTML tags and entities, turned into plain text
//! plus the byte ranges that were bold or italic, written straight into the text being built.
//!
//! Text without a markup byte is copied as it is (most paragraphs). Otherwise links and `^e`
//! superscripts are removed in one pass, and the rest is tokenised as byte ranges of the
//! input (no copy per character, no intermediate strings) and rendered into the output.

use crate::model::{Emphasis, EmphasisStyle};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// Plain text with the spans that were emphasised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Styled {
    /// The text, markup removed.
    pub text: String,
    /// Bold and italic byte ranges of `text`.
    pub emphasis: Vec<Emphasis>,
}

/// True when `raw` has no markup at all: it is its own plain text. Three memchr passes,
/// each many bytes at a time, cost less than one test per byte.
pub fn is_plain(raw: &str) -> bool {
    let b = raw.as_bytes();
    memchr::memchr3(b'*', b'_', b'<', b).is_none()
        && memchr::memchr3(b'[', b'^', b'&', b).is_none()
        && memchr::memchr(b'\\', b).is_none()
}

/// True when `s` has no blank but single spaces: no tab, line break or Unicode blank, no two
/// spaces in a row. Looks only at the bytes that may start one.
fn single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    let mut previous_space = false;
    for (i, &byte) in b.iter().enumerate() {
        match byte {
            b' ' if previous_space => return false,
            b'\t'..=b'\r' => return false,
            // U+0085 and U+00A0.
            0xC2 if matches!(b.get(i + 1), Some(0x85 | 0xA0)) => return false,
            // U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
            0xE1..=0xE3 if s[i..].starts_with(char::is_whitespace) => return false,
            _ => {}
        }
        previous_space = byte == b' ';
    }
    true
}

/// A value from a `Label : value` line: links, tags, emphasis and `^e` superscripts removed,
/// blanks collapsed.
pub fn plain_value(raw: &str) -> String {
    plain_value_cow(raw).into_owned()
}

/// [`plain_value`], borrowed from `raw` when it is already plain.
pub fn plain_value_cow(raw: &str) -> Cow<'_, str> {
    if is_plain(raw) {
        let text = raw.trim();
        if single_spaced(text) {
            return Cow::Borrowed(text);
        }
        return Cow::Owned(collapse_blanks(text));
    }
    let styled = to_styled(raw);
    let text = styled.text.trim();
    if single_spaced(text) {
        if text.len() == styled.text.len() {
            return Cow::Owned(styled.text);
        }
        return Cow::Owned(text.to_string());
    }
    Cow::Owned(collapse_blanks(text))
}

/// `text` with each run of blanks made one space.
fn collapse_blanks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
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

/// Converts one paragraph (or line) of markup into plain text and emphasis spans.
/// Plain-text superscripts (`4^e`, `1^er`) become `4e`, `1er`, as `<sup>` tags do.
pub fn to_styled(raw: &str) -> Styled {
    let mut out = Styled::default();
    style_into(raw, &mut out);
    out
}

/// Appends the plain text of `raw` to `out`, with its emphasis spans.
pub fn style_into(raw: &str, out: &mut Styled) {
    if is_plain(raw) {
        out.text.push_str(raw);
        return;
    }
    let src = unlink(raw);
    let tokens = tokenize(&src);
    render(&src, &tokens, out);
}

/// A word character for `\b`.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Markdown links `[text](url)` become their text, and `^er`, `^e`… superscripts lose their
/// caret: both in one pass, only when the text has a `[` or a `^`.
fn unlink(raw: &str) -> Cow<'_, str> {
    if !raw.bytes().any(|b| b == b'[' || b == b'^') {
        return Cow::Borrowed(raw);
    }
    // Links first over the whole text, then carets over the result, as two replacements
    // would do.
    let unlinked = if raw.contains('[') {
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(open) = rest.find('[') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match link_at(after) {
                Some((text_len, total)) => {
                    out.push_str(&after[..text_len]);
                    rest = &after[total..];
                }
                None => {
                    out.push('[');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Cow::Owned(out)
    } else {
        Cow::Borrowed(raw)
    };
    if !unlinked.contains('^') {
        return unlinked;
    }
    let mut out = String::with_capacity(unlinked.len());
    let mut rest: &str = &unlinked;
    while let Some(caret) = rest.find('^') {
        out.push_str(&rest[..caret]);
        let after = &rest[caret + 1..];
        let is_sup = ["er", "re", "e", "ème", "eme", "nd", "nde"]
            .iter()
            .any(|s| {
                after
                    .strip_prefix(s)
                    .is_some_and(|r| r.chars().next().is_none_or(|c| !is_word(c)))
            });
        if !is_sup {
            out.push('^');
        }
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// After a `[`: `text](url)`, with no bracket in the text and no `)` or blank in the url.
/// Returns the text's length and the length of the whole up to the `)`.
fn link_at(after: &str) -> Option<(usize, usize)> {
    let close = after.find([']', '['])?;
    if after.as_bytes()[close] != b']' || !after[close + 1..].starts_with('(') {
        return None;
    }
    let url = &after[close + 2..];
    let end = url.find(|c: char| c == ')' || c.is_whitespace())?;
    if url.as_bytes()[end] != b')' {
        return None;
    }
    Some((close, close + 2 + end + 1))
}

#[derive(Debug)]
enum Token {
    /// A byte range of the source.
    Text(Range<usize>),
    /// One character standing for markup (an escape, an entity, a `<br>`).
    Lit(char),
    /// A run of `*` or `_`: character, length, whether it may open or close emphasis.
    Delim {
        ch: char,
        len: usize,
        open: bool,
        close: bool,
    },
    TagOpen(EmphasisStyle),
    TagClose(EmphasisStyle),
}

enum Tag {
    Open(EmphasisStyle),
    Close(EmphasisStyle),
    Break,
    Other,
}

/// An HTML tag at the start of `s` (which starts with `<`): its length in bytes and meaning.
fn html_tag(s: &str) -> Option<(usize, Tag)> {
    let end = s
        .char_indices()
        .take(64)
        .find(|(_, c)| *c == '>')
        .map(|(i, _)| i)?;
    let inner = &s[1..end];
    // `a < b` is text: a tag name follows `<` or `</` at once.
    let (closing, name) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &name[..name_len];
    if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let style = match lower.as_str() {
        "b" | "strong" => Some(EmphasisStyle::Bold),
        "i" | "em" => Some(EmphasisStyle::Italic),
        _ => None,
    };
    let tag = match (style, closing) {
        (Some(style), false) => Tag::Open(style),
        (Some(style), true) => Tag::Close(style),
        (None, _) if lower == "br" => Tag::Break,
        (None, _) => Tag::Other,
    };
    Some((end + 1, tag))
}

/// An HTML entity at the start of `s` (which starts with `&`): its length and character.
fn entity(s: &str) -> Option<(usize, char)> {
    let end = s
        .char_indices()
        .take(12)
        .find(|(_, c)| *c == ';')
        .map(|(i, _)| i)?;
    let name = &s[1..end];
    let decoded = match name {
        "nbsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "laquo" => '«',
        "raquo" => '»',
        "euro" => '€',
        "rsquo" => '’',
        "lsquo" => '‘',
        "hellip" => '…',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code).filter(|c| !c.is_control() || *c == '\n')?
        }
    };
    Some((end + 1, decoded))
}

fn tokenize(src: &str) -> Vec<Token> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let flush = |tokens: &mut Vec<Token>, start: usize, end: usize| {
        if end > start {
            tokens.push(Token::Text(start..end));
        }
    };
    // Where markup may start, found many bytes at a time: links and carets are gone
    // already, and a stray one is text.
    let mut at: Vec<usize> = memchr::memchr3_iter(b'*', b'_', b'<', bytes)
        .chain(memchr::memchr2_iter(b'\\', b'&', bytes))
        .collect();
    at.sort_unstable();
    let mut next = at.into_iter();
    while i < bytes.len() {
        match next.next() {
            Some(p) if p >= i => i = p,
            Some(_) => continue,
            None => break,
        }
        let b = bytes[i];
        match b {
            b'\\' => {
                let next = src[i + 1..].chars().next();
                match next {
                    Some(c) if "*_[]()<>\\#`".contains(c) => {
                        flush(&mut tokens, text_start, i);
                        tokens.push(Token::Lit(c));
                        i += 1 + c.len_utf8();
                        text_start = i;
                    }
                    _ => i += 1,
                }
            }
            b'*' | b'_' => {
                let c = b as char;
                let len = bytes[i..].iter().take_while(|&&x| x == b).count();
                let before = src[..i].chars().next_back().unwrap_or(' ');
                let after = src[i + len..].chars().next().unwrap_or(' ');
                let mut open = !after.is_whitespace();
                let mut close = !before.is_whitespace();
                if c == '_' {
                    // Underscores inside words (snake_case, URLs) are not emphasis.
                    open &= !before.is_alphanumeric();
                    close &= !after.is_alphanumeric();
                }
                if open || close {
                    flush(&mut tokens, text_start, i);
                    tokens.push(Token::Delim {
                        ch: c,
                        len,
                        open,
                        close,
                    });
                    text_start = i + len;
                }
                i += len;
            }
            b'<' => match html_tag(&src[i..]) {
                Some((consumed, tag)) => {
                    flush(&mut tokens, text_start, i);
                    match tag {
                        Tag::Open(style) => tokens.push(Token::TagOpen(style)),
                        Tag::Close(style) => tokens.push(Token::TagClose(style)),
                        Tag::Break => tokens.push(Token::Lit(' ')),
                        Tag::Other => {}
                    }
                    i += consumed;
                    text_start = i;
                }
                None => i += 1,
            },
            b'&' => match entity(&src[i..]) {
                Some((consumed, c)) => {
                    flush(&mut tokens, text_start, i);
                    tokens.push(Token::Lit(c));
                    i += consumed;
                    text_start = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    flush(&mut tokens, text_start, bytes.len());
    tokens
}

/// True when token `j` lies strictly inside one of the `cut` ranges.
fn is_cut(cut: &[(usize, usize)], j: usize) -> bool {
    let after = cut.partition_point(|&(start, _)| start < j);
    after > 0 && cut[after - 1].1 > j
}

fn push_span(out: &mut Styled, start: usize, style: EmphasisStyle) {
    let end = out.text.len();
    if end > start {
        out.emphasis.push(Emphasis { start, end, style });
    }
}

/// Pairs delimiters and tags, and writes the plain text with its spans.
///
/// Runs in O(n log n) whatever the markup: a paragraph of thousands of unmatched `_` and `*`
/// (or `<b>` and `</i>`) must not take quadratic time.
fn render(src: &str, tokens: &[Token], out: &mut Styled) {
    let first_span = out.emphasis.len();
    let mut matched = vec![false; tokens.len()];
    // For an opener: the index of its closer and the run length (1 italic, 2 bold, 3 both).
    let mut spans_by_open: Vec<Option<(usize, usize)>> = vec![None; tokens.len()];
    // Openers waiting for a closer, by character and run length.
    let mut waiting: HashMap<(char, usize), Vec<usize>> = HashMap::new();
    // Token ranges between a matched opener and its closer: openers inside can no longer
    // match (emphasis does not cross another's boundary). Sorted and disjoint.
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if let Token::Delim {
            ch,
            len,
            open,
            close,
        } = token
        {
            let mut partner = None;
            if *close {
                if let Some(stack) = waiting.get_mut(&(*ch, *len)) {
                    while let Some(j) = stack.pop() {
                        if !is_cut(&cut, j) {
                            partner = Some(j);
                            break;
                        }
                    }
                }
            }
            if let Some(j) = partner {
                while cut.last().is_some_and(|&(start, _)| start > j) {
                    cut.pop();
                }
                cut.push((j, i));
                matched[i] = true;
                matched[j] = true;
                spans_by_open[j] = Some((i, *len));
            } else if *open {
                waiting.entry((*ch, *len)).or_default().push(i);
            }
        }
    }
    // Open spans: (token index of the closer, run length, start offset). Pairs nest, so a
    // closer's entry is the last one.
    let mut open_delims: Vec<(usize, usize, usize)> = Vec::new();
    let mut open_bold: Vec<usize> = Vec::new();
    let mut open_italic: Vec<usize> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Text(r) => out.text.push_str(&src[r.clone()]),
            Token::Lit(c) => out.text.push(*c),
            Token::Delim { ch, len, .. } => {
                if !matched[i] {
                    out.text.extend(std::iter::repeat_n(*ch, *len));
                } else if let Some((closer, len)) = spans_by_open[i] {
                    open_delims.push((closer, len, out.text.len()));
                } else if let Some(pos) = open_delims.iter().rposition(|o| o.0 == i) {
                    let (_, len, start) = open_delims.remove(pos);
                    if len >= 2 {
                        push_span(out, start, EmphasisStyle::Bold);
                    }
                    if len != 2 {
                        push_span(out, start, EmphasisStyle::Italic);
                    }
                }
            }
            Token::TagOpen(style) => match style {
                EmphasisStyle::Bold => open_bold.push(out.text.len()),
                EmphasisStyle::Italic => open_italic.push(out.text.len()),
            },
            Token::TagClose(style) => {
                let open = match style {
                    EmphasisStyle::Bold => open_bold.pop(),
                    EmphasisStyle::Italic => open_italic.pop(),
                };
                if let Some(start) = open {
                    push_span(out, start, *style);
                }
            }
        }
    }
    // Unclosed tags run to the end of the paragraph, as browsers render them.
    for start in open_bold {
        push_span(out, start, EmphasisStyle::Bold);
    }
    for start in open_italic {
        push_span(out, start, EmphasisStyle::Italic);
    }
    out.emphasis[first_span..].sort_by_key(|e| (e.start, e.end));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italic_and_bold_markers_become_spans() {
        let s = to_styled("le *statu quo* et **M. le président.** parle");
        assert_eq!(s.text, "le statu quo et M. le président. parle");
        assert_eq!(s.emphasis.len(), 2);
        assert_eq!(&s.text[s.emphasis[0].start..s.emphasis[0].end], "statu quo");
        assert_eq!(s.emphasis[0].style, EmphasisStyle::Italic);
        assert_eq!(
            &s.text[s.emphasis[1].start..s.emphasis[1].end],
            "M. le président."
        );
        assert_eq!(s.emphasis[1].style, EmphasisStyle::Bold);
    }

    #[test]
    fn triple_markers_are_bold_and_italic() {
        let s = to_styled("**Mme X,** ***ministre.*** Bonjour");
        assert_eq!(s.text, "Mme X, ministre. Bonjour");
        let styled: Vec<(&str, EmphasisStyle)> = s
            .emphasis
            .iter()
            .map(|e| (&s.text[e.start..e.end], e.style))
            .collect();
        assert_eq!(
            styled,
            vec![
                ("Mme X,", EmphasisStyle::Bold),
                ("ministre.", EmphasisStyle::Bold),
                ("ministre.", EmphasisStyle::Italic)
            ]
        );
    }

    #[test]
    fn caret_superscripts_in_text() {
        assert_eq!(
            to_styled("du XII^e siècle, le 1^er mai").text,
            "du XIIe siècle, le 1er mai"
        );
        assert_eq!(to_styled("x^2 et a^b").text, "x^2 et a^b");
        assert_eq!(to_styled("5^ème, 3^nde, 2^nd").text, "5ème, 3nde, 2nd");
        assert_eq!(to_styled("1^ere").text, "1^ere");
    }

    #[test]
    fn unmatched_markers_stay_literal() {
        assert_eq!(to_styled("5 * 3 = 15").text, "5 * 3 = 15");
        assert_eq!(to_styled("a *b").text, "a *b");
        assert_eq!(to_styled("snake_case_name").text, "snake_case_name");
    }

    #[test]
    fn links_tags_and_entities() {
        let s = to_styled("[Mme Sylvie Bonnet](#) et <i>via</i> 4<sup>e</sup> &amp; A&nbsp;B");
        assert_eq!(s.text, "Mme Sylvie Bonnet et via 4e & A B");
        assert_eq!(&s.text[s.emphasis[0].start..s.emphasis[0].end], "via");
        assert_eq!(
            to_styled("[pas un lien] (x) [a[b](c) [d](e f)").text,
            "[pas un lien] (x) [ab [d](e f)"
        );
        assert_eq!(
            to_styled("\\*pas d'italique\\* &#8217; &#x2019; &bogus;").text,
            "*pas d'italique* ’ ’ &bogus;"
        );
        assert_eq!(to_styled("a<br>b < c").text, "a b < c");
    }

    #[test]
    fn caret_superscripts_in_values() {
        assert_eq!(
            plain_value("Ain (5^e circonscription) - Union"),
            "Ain (5e circonscription) - Union"
        );
        assert_eq!(
            plain_value("Paris (1^re circonscription)"),
            "Paris (1re circonscription)"
        );
        assert_eq!(plain_value("  [Mme  A](#)   B "), "Mme A B");
    }

    #[test]
    fn emphasis_does_not_cross_a_matched_pair() {
        // `_b*` cannot close across the `*…*` pair: the `_` stay literal.
        let s = to_styled("x *a _b* c_ y");
        assert_eq!(s.text, "x a _b c_ y");
        assert_eq!(s.emphasis.len(), 1);
        assert_eq!(&s.text[s.emphasis[0].start..s.emphasis[0].end], "a _b");
    }

    #[test]
    fn many_unmatched_markers_and_tags_are_linear_enough() {
        // Quadratic pairing would take minutes here; the test only checks the result.
        let n = 200_000;
        let text = format!("{}{}", " _a".repeat(n), " a*".repeat(n));
        let s = to_styled(&text);
        assert_eq!(s.text.len(), text.len());
        assert!(s.emphasis.is_empty());
        let tags = format!("{}{}", "<b>x".repeat(n), "</i>".repeat(n));
        let s = to_styled(&tags);
        assert_eq!(s.text, "x".repeat(n));
        assert_eq!(s.emphasis.len(), n);
    }

    #[test]
    fn text_without_markup_is_kept_as_is() {
        let text = "  L'État : 45 % des élèves, « œuvre » (2026) ; fin.  ";
        assert_eq!(
            to_styled(text),
            Styled {
                text: text.into(),
                emphasis: vec![]
            }
        );
        assert_eq!(to_styled("a_b").text, "a_b");
    }

    #[test]
    fn appending_shifts_the_spans() {
        let mut out = Styled {
            text: "début ".into(),
            emphasis: vec![],
        };
        style_into("*fin*", &mut out);
        assert_eq!(out.text, "début fin");
        assert_eq!(&out.text[out.emphasis[0].start..out.emphasis[0].end], "fin");
    }
}
