//! Display width of text in terminal columns, truncation with `…`, and padding.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of a string.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads or cuts `s` to exactly `cols` columns.
pub fn fit(s: &str, cols: usize) -> String {
    let mut out = truncate(s, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_with_ellipsis_and_pads() {
        assert_eq!(truncate("Avenir du dispositif", 8), "Avenir …");
        assert_eq!(truncate("court", 8), "court");
        assert_eq!(truncate("Santé publique", 8), "Santé p…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("Santé", 5), "Santé");
        assert_eq!(fit("abc", 0), "");
    }
}
