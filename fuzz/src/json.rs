//! A JSON tree that keeps what `serde_json::Value` throws away — key order, duplicate keys, the
//! exact text of numbers — so that mutations can produce them, plus a strict re-reader that
//! reports duplicate keys in serialized output.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;
use std::fmt::{self, Write as _};

/// A JSON value in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum J {
    Null,
    Bool(bool),
    /// A number as written (may be text that is not a valid JSON number: mutants need not be valid).
    Num(String),
    Str(String),
    Arr(Vec<J>),
    /// Entries in order; the same key may appear twice.
    Obj(Vec<(String, J)>),
    /// Text written as is (deep nesting built as text, never as a deep tree).
    Raw(String),
}

impl J {
    /// Parses JSON text (serde_json's recursion limit applies, so the tree is at most 128 deep).
    pub fn parse(text: &str) -> Option<J> {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = JSeed.deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some(value)
    }

    /// Compact JSON text; strings are escaped as serde_json escapes them.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) | J::Raw(n) => out.push_str(n),
            J::Str(s) => write_str(s, out),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    /// The number of nodes (this one included), counted in pre-order.
    pub fn count(&self) -> usize {
        1 + match self {
            J::Arr(items) => items.iter().map(J::count).sum(),
            J::Obj(entries) => entries.iter().map(|(_, v)| v.count()).sum(),
            _ => 0,
        }
    }

    /// The `n`th node in pre-order (0 is `self`); `None` past the end.
    pub fn nth_mut(&mut self, n: usize) -> Option<&mut J> {
        let mut n = n;
        self.nth_mut_inner(&mut n)
    }

    fn nth_mut_inner(&mut self, n: &mut usize) -> Option<&mut J> {
        if *n == 0 {
            return Some(self);
        }
        *n -= 1;
        match self {
            J::Arr(items) => {
                for item in items {
                    let size = item.count();
                    if *n < size {
                        return item.nth_mut_inner(n);
                    }
                    *n -= size;
                }
                None
            }
            J::Obj(entries) => {
                for (_, value) in entries {
                    let size = value.count();
                    if *n < size {
                        return value.nth_mut_inner(n);
                    }
                    *n -= size;
                }
                None
            }
            _ => None,
        }
    }

    /// Calls `f` on every object key and string value.
    pub fn visit_strings(&self, f: &mut dyn FnMut(&str)) {
        match self {
            J::Str(s) => f(s),
            J::Arr(items) => items.iter().for_each(|i| i.visit_strings(f)),
            J::Obj(entries) => {
                for (k, v) in entries {
                    f(k);
                    v.visit_strings(f);
                }
            }
            _ => {}
        }
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct JSeed;

impl<'de> DeserializeSeed<'de> for JSeed {
    type Value = J;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<J, D::Error> {
        deserializer.deserialize_any(JVisitor)
    }
}

struct JVisitor;

impl<'de> Visitor<'de> for JVisitor {
    type Value = J;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_unit<E>(self) -> Result<J, E> {
        Ok(J::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<J, E> {
        Ok(J::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<J, E> {
        Ok(J::Num(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<J, E> {
        Ok(J::Num(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<J, E> {
        Ok(J::Num(serde_json::Number::from_f64(v).map_or_else(|| "0".to_owned(), |n| n.to_string())))
    }
    fn visit_str<E>(self, v: &str) -> Result<J, E> {
        Ok(J::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<J, E> {
        Ok(J::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(JSeed)? {
            items.push(item);
        }
        Ok(J::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(JSeed)?;
            entries.push((key, value));
        }
        Ok(J::Obj(entries))
    }
}

/// The first duplicate key of any object in `text` (`Ok(None)`: none), as `path: key`.
pub fn duplicate_key(text: &str) -> Result<Option<String>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let found = DupSeed { path: String::new() }.deserialize(&mut de)?;
    de.end()?;
    Ok(found)
}

struct DupSeed {
    path: String,
}

impl<'de> DeserializeSeed<'de> for DupSeed {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<String>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DupSeed {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        let mut i = 0;
        while let Some(f) = seq.next_element_seed(DupSeed { path: format!("{}/{i}", self.path) })? {
            found = found.or(f);
            i += 1;
        }
        Ok(found)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen = HashSet::new();
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            let f = map.next_value_seed(DupSeed { path: format!("{}/{key}", self.path) })?;
            found = found.or(f);
            if !seen.insert(key.clone()) && found.is_none() {
                found = Some(format!("{}: duplicate key `{key}`", if self.path.is_empty() { "/" } else { &self.path }));
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_duplicates_and_numbers() {
        let text = r#"{"b":1,"a":[true,null,"x\n"],"b":-0.5,"c":{}}"#;
        let j = J::parse(text).unwrap();
        assert_eq!(j.to_text(), text);
        assert_eq!(j.count(), 8);
        assert_eq!(duplicate_key(text).unwrap().as_deref(), Some("/: duplicate key `b`"));
        assert_eq!(duplicate_key(r#"{"a":[{"x":1,"x":2}]}"#).unwrap().as_deref(), Some("/a/0: duplicate key `x`"));
        assert_eq!(duplicate_key(r#"{"a":{"a":1}}"#).unwrap(), None);
    }

    #[test]
    fn nth_mut_walks_in_pre_order() {
        let mut j = J::parse(r#"{"a":[1,2],"b":"s"}"#).unwrap();
        assert_eq!(j.nth_mut(3), Some(&mut J::Num("2".into())));
        assert_eq!(j.nth_mut(4), Some(&mut J::Str("s".into())));
        assert_eq!(j.nth_mut(5), None);
    }
}
