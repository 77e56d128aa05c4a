#![allow(missing_docs, clippy::expect_used)]
//! Inline markup: markdown emphasis, links, HTML tags and entities, turned into plain text
//! plus the byte ranges that were bold or italic.

use crate::model::{Emphasis, EmphasisStyle};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\[]*)\]\([^)\s]*\)").expect("static regex"));
#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static CARET_SUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\^(er|re|e|ème|eme|nd|nde)\b").expect("static regex"));

/// Plain text with the spans that were emphasised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Styled {
    /// The text, markup removed.
    pub text: String,
    /// Bold and italic byte ranges of `text`.
    pub emphasis: Vec<Emphasis>,
}

/// A value from a `Label : value` line: links, tags, emphasis and `^e` superscripts removed.
pub fn plain_value(raw: &str) -> String {
    collapse_spaces(to_styled(raw).text.trim())
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
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

#[derive(Debug)]
enum Token {
    Text(String),
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

/// Converts one paragraph (or line) of markup into plain text and emphasis spans.
/// Plain-text superscripts (`4^e`, `1^er`) become `4e`, `1er`, as `<sup>` tags do.
pub fn to_styled(raw: &str) -> Styled {
    // Most paragraphs have no markup at all: they are the text as it stands. Tokenizing them
    // char by char took a fifth of the parse time. The bytes are every one a step below reacts
    // to (links, `^e`, escapes, emphasis, tags, entities).
    if !raw
        .bytes()
        .any(|b| matches!(b, b'[' | b'^' | b'\\' | b'*' | b'_' | b'<' | b'&'))
    {
        return Styled {
            text: raw.to_string(),
            emphasis: Vec::new(),
        };
    }
    let unlinked = LINK.replace_all(raw, "$1");
    let unlinked = CARET_SUP.replace_all(&unlinked, "$1");
    let tokens = tokenize(&unlinked);
    render(tokens)
}

fn tokenize(s: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && "*_[]()<>\\#`".contains(chars[i + 1]) => {
                text.push(chars[i + 1]);
                i += 2;
            }
            '*' | '_' => {
                let mut len = 1;
                while i + len < chars.len() && chars[i + len] == c {
                    len += 1;
                }
                let before = if i == 0 { ' ' } else { chars[i - 1] };
                let after = chars.get(i + len).copied().unwrap_or(' ');
                let mut open = !after.is_whitespace();
                let mut close = !before.is_whitespace();
                if c == '_' {
                    // Underscores inside words (snake_case, URLs) are not emphasis.
                    open &= !before.is_alphanumeric();
                    close &= !after.is_alphanumeric();
                }
                if open || close {
                    flush(&mut tokens, &mut text);
                    tokens.push(Token::Delim {
                        ch: c,
                        len,
                        open,
                        close,
                    });
                } else {
                    text.extend(std::iter::repeat_n(c, len));
                }
                i += len;
            }
            '<' => {
                if let Some((consumed, tag)) = html_tag(&chars[i..]) {
                    match tag {
                        Tag::Open(style) => {
                            flush(&mut tokens, &mut text);
                            tokens.push(Token::TagOpen(style));
                        }
                        Tag::Close(style) => {
                            flush(&mut tokens, &mut text);
                            tokens.push(Token::TagClose(style));
                        }
                        Tag::Break => text.push(' '),
                        Tag::Other => {}
                    }
                    i += consumed;
                } else {
                    text.push(c);
                    i += 1;
                }
            }
            '&' => {
                if let Some((consumed, decoded)) = entity(&chars[i..]) {
                    text.push(decoded);
                    i += consumed;
                } else {
                    text.push(c);
                    i += 1;
                }
            }
            _ => {
                text.push(c);
                i += 1;
            }
        }
    }
    flush(&mut tokens, &mut text);
    tokens
}

fn flush(tokens: &mut Vec<Token>, text: &mut String) {
    if !text.is_empty() {
        tokens.push(Token::Text(std::mem::take(text)));
    }
}

enum Tag {
    Open(EmphasisStyle),
    Close(EmphasisStyle),
    Break,
    Other,
}

/// Recognises an HTML tag at the start of `chars`; returns its length and meaning.
fn html_tag(chars: &[char]) -> Option<(usize, Tag)> {
    let end = chars.iter().take(64).position(|&c| c == '>')?;
    let inner: String = chars[1..end].iter().collect();
    // `a < b` is text: a tag name follows `<` or `</` at once.
    let (closing, name) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner.as_str()),
    };
    let name: String = name
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let style = match name.as_str() {
        "b" | "strong" => Some(EmphasisStyle::Bold),
        "i" | "em" => Some(EmphasisStyle::Italic),
        _ => None,
    };
    let tag = match (style, closing) {
        (Some(style), false) => Tag::Open(style),
        (Some(style), true) => Tag::Close(style),
        (None, _) if name == "br" => Tag::Break,
        (None, _) => Tag::Other,
    };
    Some((end + 1, tag))
}

/// Decodes an HTML entity at the start of `chars`.
fn entity(chars: &[char]) -> Option<(usize, char)> {
    let end = chars.iter().take(12).position(|&c| c == ';')?;
    let name: String = chars[1..end].iter().collect();
    let decoded = match name.as_str() {
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

/// Pairs delimiters and tags, and writes the plain text with its spans.
///
/// Runs in O(n log n) whatever the markup: a paragraph of thousands of unmatched `_` and `*`
/// (or `<b>` and `</i>`) must not take quadratic time.
fn render(tokens: Vec<Token>) -> Styled {
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

    let mut out = Styled::default();
    // Open spans: (token index of the closer, run length, start offset). Pairs nest, so a
    // closer's entry is the last one.
    let mut open_delims: Vec<(usize, usize, usize)> = Vec::new();
    // Start offsets of open `<b>` and `<i>` tags.
    let mut open_bold: Vec<usize> = Vec::new();
    let mut open_italic: Vec<usize> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Text(t) => out.text.push_str(t),
            Token::Delim { ch, len, .. } => {
                if !matched[i] {
                    out.text.extend(std::iter::repeat_n(*ch, *len));
                } else if let Some((closer, len)) = spans_by_open[i] {
                    open_delims.push((closer, len, out.text.len()));
                } else if let Some(pos) = open_delims.iter().rposition(|o| o.0 == i) {
                    let (_, len, start) = open_delims.remove(pos);
                    if len >= 2 {
                        push_span(&mut out, start, EmphasisStyle::Bold);
                    }
                    if len != 2 {
                        push_span(&mut out, start, EmphasisStyle::Italic);
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
                    push_span(&mut out, start, *style);
                }
            }
        }
    }
    // Unclosed tags run to the end of the paragraph, as browsers render them.
    for start in open_bold {
        push_span(&mut out, start, EmphasisStyle::Bold);
    }
    for start in open_italic {
        push_span(&mut out, start, EmphasisStyle::Italic);
    }
    out.emphasis.sort_by_key(|e| (e.start, e.end));
    out
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
