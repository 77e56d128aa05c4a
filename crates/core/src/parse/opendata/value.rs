//! Tolerant access to the open data's JSON (and the XML read into the same shape): every
//! repeatable element may be an object or a list, and a nil value may be `null`, `{}`, an
//! `{"@xsi:nil": "true"}` object or a missing key.

use chrono::NaiveDate;
use serde_json::Value;

/// True for the four nil forms (a missing key is `None` before this is asked), and for an
/// empty string or list.
pub fn is_nil(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.iter().all(is_nil),
        Value::Object(m) => {
            m.get("@xsi:nil").and_then(Value::as_str) == Some("true")
                // `{}` and `{"@xmlns:xsi": …}` alone (what is left of an empty element).
                || m.keys().all(|k| k.starts_with("@xmlns"))
        }
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// The value at `key`, nil forms read as absent.
pub fn field<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key).filter(|x| !is_nil(x))
}

/// The value at a path of keys, nil forms read as absent.
pub fn at<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().try_fold(v, |v, k| field(v, k))
}

/// The elements of an object-or-list: a list's non-nil elements, or the object alone.
pub fn items(v: Option<&Value>) -> impl Iterator<Item = &Value> {
    let (one, many) = match v {
        Some(Value::Array(a)) => (None, a.as_slice()),
        Some(x) if !is_nil(x) => (Some(x), &[][..]),
        _ => (None, &[][..]),
    };
    one.into_iter().chain(many.iter().filter(|x| !is_nil(x)))
}

/// What a JSON value is, for messages.
pub fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// A string value, trimmed: `None` when absent or nil; the `#text` of an element that has
/// attributes; an error naming `path` for a number, boolean, list or other object.
pub fn string<'a>(v: Option<&'a Value>, path: &str) -> Result<Option<&'a str>, String> {
    let Some(v) = v else { return Ok(None) };
    match v {
        Value::String(s) => Ok(Some(s.trim()).filter(|s| !s.is_empty())),
        _ if is_nil(v) => Ok(None),
        Value::Object(m) => match m.get("#text") {
            Some(t) => string(Some(t), path),
            None => Err(wrong_type(v, path)),
        },
        _ => Err(wrong_type(v, path)),
    }
}

fn wrong_type(v: &Value, path: &str) -> String {
    format!("'{path}' is a {} where a string is expected", kind_name(v))
}

/// [`string`] at a path of keys.
pub fn string_at<'a>(v: &'a Value, keys: &[&str]) -> Result<Option<&'a str>, String> {
    match at(v, keys) {
        None => Ok(None),
        found => string(found, &keys.join(".")),
    }
}

/// A date as the open data writes it: ISO `2024-10-03` (a time or zone after it is ignored)
/// or `03/10/2024`. `None` when it is neither or does not exist.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        if b.len() > 10 && b[10].is_ascii_digit() {
            return None;
        }
        let y = num(0..4)?;
        return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, num(5..7)?, num(8..10)?);
    }
    let mut parts = s.splitn(3, '/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let y = y
        .get(..4)
        .filter(|_| y.len() == 4 || !y.as_bytes()[4].is_ascii_digit())?;
    let all_digits =
        |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|c| c.is_ascii_digit());
    if !all_digits(d) || !all_digits(m) || !y.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A JO page number; `None` for anything but digits.
pub fn parse_page(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_four_nil_forms() {
        let v = json!({"a": null, "b": {}, "c": {"@xmlns:xsi": "x", "@xsi:nil": "true"}, "e": "x"});
        for k in ["a", "b", "c", "d"] {
            assert_eq!(field(&v, k), None, "{k}");
        }
        assert_eq!(string_at(&v, &["e"]), Ok(Some("x")));
        assert_eq!(string_at(&v, &["c"]), Ok(None));
    }

    #[test]
    fn object_or_list() {
        let one = json!({"x": 1});
        assert_eq!(items(Some(&one)).count(), 1);
        let many = json!([{"x": 1}, null, {"x": 2}]);
        assert_eq!(items(Some(&many)).count(), 2);
        assert_eq!(items(None).count(), 0);
        assert_eq!(items(Some(&json!(null))).count(), 0);
    }

    #[test]
    fn wrong_types_are_named() {
        let v =
            json!({"n": 12, "t": {"#text": "PA1", "@xsi:type": "IdActeur_type"}, "o": {"k": "v"}});
        assert_eq!(
            string_at(&v, &["n"]),
            Err("'n' is a number where a string is expected".into())
        );
        assert_eq!(string_at(&v, &["t"]), Ok(Some("PA1")));
        assert!(string_at(&v, &["o"]).is_err());
    }

    #[test]
    fn dates_in_both_forms() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(parse_date("2024-10-03"), d(2024, 10, 3));
        assert_eq!(parse_date("2024-10-03T00:00:00+02:00"), d(2024, 10, 3));
        assert_eq!(parse_date("03/10/2024"), d(2024, 10, 3));
        assert_eq!(parse_date("3/1/2024"), d(2024, 1, 3));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date("2024-10-031"), None);
        assert_eq!(parse_date("demain"), None);
        assert_eq!(parse_date("é/é/éééé"), None);
    }
}
