#![allow(missing_docs, clippy::expect_used)]
//! French dates as printed on question pages: `24 mars 2026`, `1er juillet 2026`,
//! `1 juillet 2026`, `01/07/2026`, followed by an optional page and note.

use crate::text::fold::fold;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// A date found at the start of a value, and what follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedValue {
    /// The date.
    pub date: NaiveDate,
    /// "page 2494" or "p. 2494".
    pub page: Option<u32>,
    /// Text in parentheses: "(Fin de mandat)".
    pub note: Option<String>,
}

/// A value that looks like a date but is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// No date at the start of the value.
    NotADate,
    /// Looks like a date but does not exist ("31 février 2026") or is out of range.
    Impossible(String),
}

#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})\s*(?:er|re|e)?\s+(\p{L}+)\.?\s+(\d{4})\b").expect("static regex")
});
#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b").expect("static regex")
});
#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})\b").expect("static regex"));
#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:page|p\.)\s*(\d{1,9})\b").expect("static regex"));

/// The month number of a French month name, accents and case ignored; common short forms too.
pub fn month_number(name: &str) -> Option<u32> {
    let folded = fold(name);
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

fn make_date(year: &str, month: u32, day: &str, shown: &str) -> Result<NaiveDate, DateError> {
    let impossible = || DateError::Impossible(shown.to_string());
    let year: i32 = year.parse().map_err(|_| impossible())?;
    let day: u32 = day.parse().map_err(|_| impossible())?;
    if !(1800..=2200).contains(&year) {
        return Err(impossible());
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(impossible)
}

/// Reads a date at the start of `value` (a plain value: links and markup already removed).
pub fn parse_date_prefix(value: &str) -> Result<(NaiveDate, usize), DateError> {
    let value = value.trim_start();
    if let Some(c) = WORDS.captures(value) {
        let whole = c.get(0).map_or("", |m| m.as_str());
        let Some(month) = month_number(&c[2]) else {
            return Err(DateError::NotADate);
        };
        return make_date(&c[3], month, &c[1], whole).map(|d| (d, whole.len()));
    }
    if let Some(c) = NUMERIC.captures(value) {
        let whole = c.get(0).map_or("", |m| m.as_str());
        let month: u32 = c[2].parse().unwrap_or(0);
        if !(1..=12).contains(&month) {
            return Err(DateError::Impossible(whole.to_string()));
        }
        return make_date(&c[3], month, &c[1], whole).map(|d| (d, whole.len()));
    }
    if let Some(c) = ISO.captures(value) {
        let whole = c.get(0).map_or("", |m| m.as_str());
        let month: u32 = c[2].parse().unwrap_or(0);
        if !(1..=12).contains(&month) {
            return Err(DateError::Impossible(whole.to_string()));
        }
        return make_date(&c[1], month, &c[3], whole).map(|d| (d, whole.len()));
    }
    Err(DateError::NotADate)
}

/// Reads a dated value: `24 mars 2026, page 2494` or `11 juin 2024 (Fin de mandat)`.
pub fn parse_dated_value(value: &str) -> Result<DatedValue, DateError> {
    let (date, used) = parse_date_prefix(value)?;
    let rest = &value.trim_start()[used..];
    let page = PAGE
        .captures(rest)
        .and_then(|c| c[1].parse::<u32>().ok())
        .filter(|&p| p > 0);
    let note = parenthesised(rest)
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    Ok(DatedValue { date, page, note })
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
