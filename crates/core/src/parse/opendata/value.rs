//! Tolerant access to the open data's JSON (and the XML read into the same shape): every
//! repeatable element may be an object or a list, and a nil value may be `null`, `{}`, an
//! `{"@xsi:nil": "true"}` object or a missing key.

use crate::parse::problem::{JsonType, Problem, Wanted};
use chrono::NaiveDate;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A JSON value whose strings borrow from the input when they hold no escapes: reading a
/// question into it allocates a fraction of what `serde_json::Value` does (no key strings,
/// no B-tree nodes). The XML reader builds the same shape, with owned strings.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value<'a> {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false` (the open data has none: kept only to name the type in messages).
    Bool,
    /// A number (likewise).
    Number,
    /// A string.
    String(Cow<'a, str>),
    /// A list.
    Array(Vec<Value<'a>>),
    /// An object.
    Object(Map<'a>),
}

/// An object's members in document order; objects are small, so a list beats a map.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map<'a>(Vec<(Cow<'a, str>, Value<'a>)>);

impl<'a> Map<'a> {
    /// An empty object.
    pub fn new() -> Self {
        Map(Vec::new())
    }
    /// The member `key` (the last one, as serde_json keeps, when a key repeats).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// The member `key`, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value<'a>> {
        self.0
            .iter_mut()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
    /// Sets member `key`.
    pub fn insert(&mut self, key: impl Into<Cow<'a, str>>, value: Value<'a>) {
        let key = key.into();
        match self.get_mut(&key) {
            Some(v) => *v = value,
            None => self.0.push((key, value)),
        }
    }
    /// The keys, in document order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }
    /// The members, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }
    /// True without members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> Value<'a> {
    /// Member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(m) => m.get(key),
            _ => None,
        }
    }
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    /// True for an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }
    /// Takes the value out, leaving `null`.
    pub fn take(&mut self) -> Value<'a> {
        std::mem::take(self)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Value<'de>, E> {
        Ok(Value::Number)
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s)))
    }
    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(Key(k)) = map.next_key()? {
            out.push((k, map.next_value()?));
        }
        Ok(Value::Object(Map(out)))
    }
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// An object key, borrowed when it can be.
struct Key<'a>(Cow<'a, str>);

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s)))
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

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
        Value::Bool | Value::Number => false,
    }
}

/// The value at `key`, nil forms read as absent.
pub fn field<'a>(v: &'a Value<'a>, key: &str) -> Option<&'a Value<'a>> {
    v.get(key).filter(|x| !is_nil(x))
}

/// The value at a path of keys, nil forms read as absent.
pub fn at<'a>(v: &'a Value<'a>, keys: &[&str]) -> Option<&'a Value<'a>> {
    keys.iter().try_fold(v, |v, k| field(v, k))
}

/// The elements of an object-or-list: a list's non-nil elements, or the object alone.
pub fn items<'a>(v: Option<&'a Value<'a>>) -> impl Iterator<Item = &'a Value<'a>> {
    let (one, many) = match v {
        Some(Value::Array(a)) => (None, a.as_slice()),
        Some(x) if !is_nil(x) => (Some(x), &[][..]),
        _ => (None, &[][..]),
    };
    one.into_iter().chain(many.iter().filter(|x| !is_nil(x)))
}

/// What a JSON value is, for messages.
pub fn kind_of(v: &Value) -> JsonType {
    match v {
        Value::Null => JsonType::Null,
        Value::Bool => JsonType::Bool,
        Value::Number => JsonType::Number,
        Value::String(_) => JsonType::String,
        Value::Array(_) => JsonType::List,
        Value::Object(_) => JsonType::Object,
    }
}

/// A string value, trimmed: `None` when absent or nil; the `#text` of an element that has
/// attributes; an error naming `path` for a number, boolean, list or other object.
pub fn string<'a>(v: Option<&'a Value<'_>>, path: &str) -> Result<Option<&'a str>, Problem> {
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

fn wrong_type(v: &Value, path: &str) -> Problem {
    Problem::WrongType {
        field: path.to_string(),
        found: kind_of(v),
        expected: Wanted::String,
    }
}

/// [`string`] at a path of keys (the path is only spelled out for an error).
pub fn string_at<'a>(v: &'a Value<'a>, keys: &[&str]) -> Result<Option<&'a str>, Problem> {
    match at(v, keys) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim()).filter(|s| !s.is_empty())),
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

    fn json(text: &str) -> Value<'_> {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn the_four_nil_forms() {
        let v =
            json(r#"{"a": null, "b": {}, "c": {"@xmlns:xsi": "x", "@xsi:nil": "true"}, "e": "x"}"#);
        for k in ["a", "b", "c", "d"] {
            assert_eq!(field(&v, k), None, "{k}");
        }
        assert_eq!(string_at(&v, &["e"]), Ok(Some("x")));
        assert_eq!(string_at(&v, &["c"]), Ok(None));
    }

    #[test]
    fn object_or_list() {
        let one = json(r#"{"x": 1}"#);
        assert_eq!(items(Some(&one)).count(), 1);
        let many = json(r#"[{"x": 1}, null, {"x": 2}]"#);
        assert_eq!(items(Some(&many)).count(), 2);
        assert_eq!(items(None).count(), 0);
        assert_eq!(items(Some(&json("null"))).count(), 0);
    }

    #[test]
    fn wrong_types_are_named() {
        let v = json(
            r##"{"n": 12, "t": {"#text": "PA1", "@xsi:type": "IdActeur_type"}, "o": {"k": "v"}, "esc": "a\"b"}"##,
        );
        // A string with an escape is owned, not borrowed: read the same.
        assert_eq!(string_at(&v, &["esc"]), Ok(Some("a\"b")));
        assert_eq!(
            string_at(&v, &["n"]),
            Err(Problem::WrongType {
                field: "n".into(),
                found: JsonType::Number,
                expected: Wanted::String
            })
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
