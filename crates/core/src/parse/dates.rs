//! French dates as printed on question pages: `24 mars 2026`, `1er juillet 2026`,
//! `1 juillet 2026`, `01/07/2026`, `2026-07-01`, followed by an optional page and note.
//!
//! Read by hand, in one pass over the characters: these run on every dated line, and the
//! regular expressions they replace cost more than the rest of such a line's parse.

use chrono::NaiveDate;

/// A date found at the start of a value, and what follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedValue {
    /// The date.
    pub date: NaiveDate,
    /// "page 2494" or "p. 2494".
    pub page: Option<u32>,
    /// Text in parentheses: "(Fin de mandat)".
    pub note: Option<String>,
    /// Where text glued to the page number starts in the value, if any.
    pub glued: Option<usize>,
}

/// A value that looks like a date but is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// No date at the start of the value.
    NotADate,
    /// Looks like a date but does not exist ("31 février 2026") or is out of range.
    Impossible(String),
}

/// The month number of a French month name, accents and case ignored; common short forms too.
pub fn month_number(name: &str) -> Option<u32> {
    let mut folded = String::with_capacity(name.len());
    crate::text::fold::fold_into(name, &mut folded);
    let month = match folded.trim_end_matches('.') {
        "janvier" | "janv" | "jan" => 1,
        "fevrier" | "fevr" | "fev" => 2,
        "mars" => 3,
        "avril" | "avr" => 4,
        "mai" => 5,
        "juin" => 6,
        "juillet" | "juil" => 7,
        "aout" => 8,
        "septembre" | "sept" => 9,
        "octobre" | "oct" => 10,
        "novembre" | "nov" => 11,
        "decembre" | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// A word character for `\b`: letters, digits, `_`.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `s` starts at a word boundary after a word character (end of input, or a
/// non-word character next).
fn boundary(s: &str) -> bool {
    s.chars().next().is_none_or(|c| !is_word(c))
}

/// Up to `max` ASCII digits at the start of `s`: their length.
fn digits(s: &str, max: usize) -> usize {
    s.bytes().take(max).take_while(u8::is_ascii_digit).count()
}

fn skip_ws(s: &str) -> &str {
    s.trim_start_matches(char::is_whitespace)
}

fn make_date(year: &str, month: u32, day: &str, shown: &str) -> Result<NaiveDate, DateError> {
    let impossible = || DateError::Impossible(shown.to_string());
    let year: i32 = year.parse().map_err(|_| impossible())?;
    let day: u32 = day.parse().map_err(|_| impossible())?;
    if !(1800..=2200).contains(&year) {
        return Err(impossible());
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(impossible)
}

/// `24 mars 2026`, `1er juillet 2026`, `3 fév. 2020`: day, month name, year. `None` when the
/// shape does not fit; `Some(Err)` when it fits but the month is no month.
fn words_date(v: &str) -> Option<Result<(NaiveDate, usize), DateError>> {
    let n = digits(v, 2);
    if n == 0 || v[n..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let day = &v[..n];
    let after_day = &v[n..];
    let rest = skip_ws(after_day);
    let mut ws_before = rest.len() < after_day.len();
    // An ordinal suffix counts only when whitespace follows it.
    let mut rest = rest;
    for suffix in ["er", "re", "e"] {
        if let Some(r) = rest.strip_prefix(suffix) {
            let trimmed = skip_ws(r);
            if trimmed.len() < r.len() {
                rest = trimmed;
                ws_before = true;
                break;
            }
        }
    }
    if !ws_before {
        return None;
    }
    let month_len: usize = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    if month_len == 0 {
        return None;
    }
    let month = &rest[..month_len];
    let mut tail = &rest[month_len..];
    if let Some(t) = tail.strip_prefix('.') {
        tail = t;
    }
    let year_part = skip_ws(tail);
    if year_part.len() == tail.len() {
        return None;
    }
    let y = digits(year_part, 4);
    if y != 4 || !boundary(&year_part[4..]) {
        return None;
    }
    let used = v.len() - year_part.len() + 4;
    let whole = &v[..used];
    Some(match month_number(month) {
        Some(m) => make_date(&year_part[..4], m, day, whole).map(|d| (d, used)),
        None => Err(DateError::NotADate),
    })
}

/// `01/07/2026`, `1.7.2026`, `1-7-2026`.
fn numeric_date(v: &str) -> Option<Result<(NaiveDate, usize), DateError>> {
    let sep = |s: &str| -> Option<usize> {
        let t = skip_ws(s);
        let c = t.chars().next().filter(|c| matches!(c, '/' | '.' | '-'))?;
        let after = skip_ws(&t[c.len_utf8()..]);
        Some(s.len() - after.len())
    };
    let d = digits(v, 2);
    if d == 0 || v[d..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let s1 = sep(&v[d..])?;
    let m_at = d + s1;
    let m = digits(&v[m_at..], 2);
    if m == 0 || v[m_at + m..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let s2 = sep(&v[m_at + m..])?;
    let y_at = m_at + m + s2;
    if digits(&v[y_at..], 4) != 4 || !boundary(&v[y_at + 4..]) {
        return None;
    }
    let used = y_at + 4;
    let whole = &v[..used];
    let month: u32 = v[m_at..m_at + m].parse().unwrap_or(0);
    if !(1..=12).contains(&month) {
        return Some(Err(DateError::Impossible(whole.to_string())));
    }
    Some(make_date(&v[y_at..y_at + 4], month, &v[..d], whole).map(|date| (date, used)))
}

/// `2026-07-01`.
fn iso_date(v: &str) -> Option<Result<(NaiveDate, usize), DateError>> {
    if digits(v, 4) != 4 || !v[4..].starts_with('-') {
        return None;
    }
    let m = digits(&v[5..], 2);
    if m == 0 || !v[5 + m..].starts_with('-') {
        return None;
    }
    let d_at = 6 + m;
    let d = digits(&v[d_at..], 2);
    if d == 0 || !boundary(&v[d_at + d..]) {
        return None;
    }
    let used = d_at + d;
    let whole = &v[..used];
    let month: u32 = v[5..5 + m].parse().unwrap_or(0);
    if !(1..=12).contains(&month) {
        return Some(Err(DateError::Impossible(whole.to_string())));
    }
    Some(make_date(&v[..4], month, &v[d_at..d_at + d], whole).map(|date| (date, used)))
}

/// Reads a date at the start of `value` (a plain value: links and markup already removed).
/// Returns the date and how many bytes of the value, leading blanks left out, it took.
pub fn parse_date_prefix(value: &str) -> Result<(NaiveDate, usize), DateError> {
    let v = skip_ws(value);
    words_date(v)
        .or_else(|| numeric_date(v))
        .or_else(|| iso_date(v))
        .unwrap_or(Err(DateError::NotADate))
}

/// The first `page N` or `p. N` (case ignored; a word boundary before, `N` of at most nine
/// digits ending a word) in `s`: the number, and where it ends.
pub fn find_page(s: &str) -> Option<(u32, usize)> {
    pages(s).find(|p| p.ends_word).map(|p| (p.number, p.end))
}

/// The first `page N` whose digits run straight into a capital (`page 2651Date de …`, a line
/// break lost when the page was copied): the number, and where the glued text starts.
pub fn find_glued_page(s: &str) -> Option<(u32, usize)> {
    pages(s)
        .find(|p| !p.ends_word && s[p.end..].starts_with(char::is_uppercase))
        .map(|p| (p.number, p.end))
}

/// A `page N` or `p. N` in a text.
struct PageRef {
    number: u32,
    /// Byte offset just past the digits.
    end: usize,
    /// True when no word character follows the digits.
    ends_word: bool,
}

/// Every `page N` and `p. N` of `s`, in order.
fn pages(s: &str) -> impl Iterator<Item = PageRef> + '_ {
    let mut prev: Option<char> = None;
    s.char_indices().filter_map(move |(at, c)| {
        let starts_word = prev.is_none_or(|p| !is_word(p));
        prev = Some(c);
        if !starts_word || !matches!(c, 'p' | 'P') {
            return None;
        }
        let rest = &s[at..];
        let len = if rest.len() >= 4 && rest.as_bytes()[..4].eq_ignore_ascii_case(b"page") {
            4
        } else if rest.len() >= 2 && rest.as_bytes()[1] == b'.' {
            2
        } else {
            return None;
        };
        let num = skip_ws(&rest[len..]);
        let n = digits(num, 10);
        if !(1..=9).contains(&n) {
            return None;
        }
        let number = num[..n].parse::<u32>().ok()?;
        Some(PageRef {
            number,
            end: s.len() - num.len() + n,
            ends_word: boundary(&num[n..]),
        })
    })
}

/// Reads a dated value: `24 mars 2026, page 2494` or `11 juin 2024 (Fin de mandat)`.
///
/// When the page runs into a letter (`page 2651Date de renouvellement : …`), the page is
/// kept and [`DatedValue::glued`] says where the glued text starts; the note is looked for
/// only before it.
pub fn parse_dated_value(value: &str) -> Result<DatedValue, DateError> {
    let (date, used) = parse_date_prefix(value)?;
    let start = value.len() - skip_ws(value).len() + used;
    let mut rest = &value[start..];
    let mut glued = None;
    let page = match find_page(rest) {
        Some((p, _)) => Some(p),
        None => find_glued_page(rest).map(|(p, at)| {
            glued = Some(start + at);
            rest = &rest[..at];
            p
        }),
    }
    .filter(|&p| p > 0);
    let note = parenthesised(rest)
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    Ok(DatedValue {
        date,
        page,
        note,
        glued,
    })
}

/// `21/06/2022 Fin de mandat`: what follows the date (and its page) of a closure, as its
/// reason, where the page gives it without parentheses (the 2017–2022 site, as HTML and as text).
pub fn reason_after_date(value: &str) -> Option<String> {
    let (_, used) = parse_date_prefix(value).ok()?;
    let start = value.len() - value.trim_start().len() + used;
    let mut rest = value[start..].trim_start_matches([' ', ',', '.', '-', '–']);
    if rest
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("page"))
    {
        rest = rest[4..].trim_start_matches([' ', ':']);
        rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let rest = rest.trim_matches([' ', ',', '.', '-', '–', '(', ')']);
    (!rest.is_empty()).then(|| rest.to_string())
}

/// The text inside the first parentheses of `s`, nested parentheses included:
/// `(Cessation de mandat (nomination au Gouvernement))`. An unclosed one runs to the end.
fn parenthesised(s: &str) -> Option<&str> {
    let open = s.find('(')?;
    let inner = &s[open + 1..];
    let mut depth = 1usize;
    for (i, c) in inner.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&inner[..i]);
                }
            }
            _ => {}
        }
    }
    Some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn french_forms() {
        assert_eq!(parse_date_prefix("24 mars 2026").unwrap().0, d(2026, 3, 24));
        assert_eq!(
            parse_date_prefix("1er juillet 2026").unwrap().0,
            d(2026, 7, 1)
        );
        assert_eq!(
            parse_date_prefix("1 juillet 2026").unwrap().0,
            d(2026, 7, 1)
        );
        assert_eq!(
            parse_date_prefix("3 Février 2020").unwrap().0,
            d(2020, 2, 3)
        );
        assert_eq!(
            parse_date_prefix("3 fevrier 2020").unwrap().0,
            d(2020, 2, 3)
        );
        assert_eq!(parse_date_prefix("15 août 2019").unwrap().0, d(2019, 8, 15));
        assert_eq!(parse_date_prefix("3 fév. 2020").unwrap().0, d(2020, 2, 3));
        assert_eq!(parse_date_prefix("01/07/2026").unwrap().0, d(2026, 7, 1));
        assert_eq!(parse_date_prefix("1 . 7 . 2026").unwrap().0, d(2026, 7, 1));
        assert_eq!(parse_date_prefix("2026-07-01").unwrap().0, d(2026, 7, 1));
        assert_eq!(
            parse_date_prefix("  24 mars 2026, page 3").unwrap(),
            (d(2026, 3, 24), 12)
        );
    }

    #[test]
    fn impossible_dates_are_reported() {
        assert!(matches!(
            parse_date_prefix("31 février 2026"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            parse_date_prefix("12/13/2026"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            parse_date_prefix("3 mars 1700"),
            Err(DateError::Impossible(_))
        ));
        assert_eq!(parse_date_prefix("13809"), Err(DateError::NotADate));
        assert_eq!(parse_date_prefix("3 pommes 2020"), Err(DateError::NotADate));
        assert_eq!(parse_date_prefix("123 mars 2020"), Err(DateError::NotADate));
        assert_eq!(parse_date_prefix("24 mars 20260"), Err(DateError::NotADate));
    }

    #[test]
    fn page_and_note() {
        let v = parse_dated_value("12 mai 2026, page 4262").unwrap();
        assert_eq!((v.date, v.page, v.note), (d(2026, 5, 12), Some(4262), None));
        let v = parse_dated_value("11 juin 2024 (Fin de mandat)").unwrap();
        assert_eq!(v.note.as_deref(), Some("Fin de mandat"));
        let v =
            parse_dated_value("11 juin 2024, p. 77 (Cessation de mandat (nomination))").unwrap();
        assert_eq!(
            (v.page, v.note.as_deref()),
            (Some(77), Some("Cessation de mandat (nomination)"))
        );
        assert_eq!(
            parse_dated_value("1 mai 2026, Page 12").unwrap().page,
            Some(12)
        );
        let v =
            parse_dated_value("1 mai 2026, page 2651Date de renouvellement : 3 mai 2026").unwrap();
        assert_eq!((v.page, v.glued), (Some(2651), Some(21)));
        assert_eq!(
            parse_dated_value("1 mai 2026, page 2651x").unwrap().glued,
            None
        );
        assert_eq!(
            parse_dated_value("1 mai 2026, page 2651").unwrap().glued,
            None
        );
        assert_eq!(
            parse_dated_value("1 mai 2026, pages 12").unwrap().page,
            None
        );
        assert_eq!(
            parse_dated_value("1 mai 2026, page2494").unwrap().page,
            Some(2494)
        );
        assert_eq!(
            parse_dated_value("1 mai 2026, p.12").unwrap().page,
            Some(12)
        );
    }
}
