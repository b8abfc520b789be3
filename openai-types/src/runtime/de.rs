//! Deserialization helpers for the generated `Deserialize` impls.
//!
//! Tagged unions read an object's keys until they meet the tag, keeping the few entries before it,
//! then hand those entries and the rest of the still-unread object to the chosen variant
//! ([`replay`]): one pass, no buffering of whole objects, unlike serde's internally tagged enums.
//! Objects whose tag is shared by several variants, or missing, are buffered and matched by the
//! keys they have ([`fit`], [`try_candidates`]).

use serde::de::value::{MapAccessDeserializer, StringDeserializer};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A map key, borrowed from the input when the input allows it.
pub struct Key<'de>(Cow<'de, str>);

impl<'de> Key<'de> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as an owned string (for the map of undeclared fields).
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The entries of an object read before its tag.
pub type Prefix = Vec<(String, Value)>;

/// Reads entries until the key `tag`, keeping the ones before it. Returns them and the tag's value
/// (`None` when the object has no such key; then every entry is in the prefix).
pub fn read_until_tag<'de, A: MapAccess<'de>>(map: &mut A, tag: &str) -> Result<(Prefix, Option<Value>), A::Error> {
    let mut prefix = Vec::new();
    while let Some(key) = map.next_key::<Key<'de>>()? {
        let value: Value = map.next_value()?;
        if key.as_str() == tag {
            return Ok((prefix, Some(value)));
        }
        prefix.push((key.into_string(), value));
    }
    Ok((prefix, None))
}

/// A map that yields buffered entries first, then the rest of a live map.
struct Replay<'de, A> {
    buffered: std::vec::IntoIter<(String, Value)>,
    pending: Option<Value>,
    rest: A,
    marker: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.buffered.next() {
            self.pending = Some(value);
            let key: StringDeserializer<A::Error> = key.into_deserializer();
            return seed.deserialize(key).map(Some);
        }
        self.rest.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(value).map_err(de::Error::custom),
            None => self.rest.next_value_seed(seed),
        }
    }
}

/// Deserializes `T` from the entries read so far (with the tag put back) and the rest of `map`.
pub fn replay<'de, T, A>(mut prefix: Prefix, tag: (&str, Value), map: A) -> Result<T, A::Error>
where
    T: Deserialize<'de>,
    A: MapAccess<'de>,
{
    prefix.push((tag.0.to_owned(), tag.1));
    T::deserialize(MapAccessDeserializer::new(Replay {
        buffered: prefix.into_iter(),
        pending: None,
        rest: map,
        marker: PhantomData,
    }))
}

/// Reads the rest of `map` into one object, with the entries read so far and the tag.
pub fn collect<'de, A: MapAccess<'de>>(
    prefix: Prefix,
    tag: Option<(&str, Value)>,
    mut map: A,
) -> Result<Map<String, Value>, A::Error> {
    let mut object = Map::new();
    let entries = prefix.into_iter().chain(tag.map(|(key, value)| (key.to_owned(), value)));
    for (key, value) in entries {
        insert_once(&mut object, key, value)?;
    }
    while let Some(key) = map.next_key::<Key<'de>>()? {
        let value = map.next_value()?;
        insert_once(&mut object, key.into_string(), value)?;
    }
    Ok(object)
}

/// Adds an entry to an object; a key that is already there is an error (as serde's derives do):
/// with duplicates, which value counts is anyone's guess, and a round trip would silently drop one.
pub fn insert_once<E: de::Error>(object: &mut Map<String, Value>, key: String, value: Value) -> Result<(), E> {
    match object.entry(key) {
        serde_json::map::Entry::Vacant(slot) => {
            slot.insert(value);
            Ok(())
        }
        serde_json::map::Entry::Occupied(slot) => Err(E::custom(format!("duplicate key `{}`", slot.key()))),
    }
}

/// Marks a declared field as read; reading it twice is a `duplicate field` error.
pub fn first_time<E: de::Error>(seen: &mut bool, field: &'static str) -> Result<(), E> {
    if std::mem::replace(seen, true) {
        Err(E::duplicate_field(field))
    } else {
        Ok(())
    }
}

/// What a struct variant expects of an object: used to pick a variant by the object's keys.
pub struct Shape {
    /// Keys the variant cannot do without.
    pub required: &'static [&'static str],
    /// Keys the spec requires but that deserialization fills in when missing (strings, numbers,
    /// arrays…): an object that has them fits better.
    pub expected: &'static [&'static str],
    /// Every key the variant declares.
    pub known: &'static [&'static str],
    /// Keys with a constant value.
    pub constants: &'static [(&'static str, &'static str)],
}

/// How well an object matches a variant's [`Shape`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// Every required and expected key present, every key declared, constants equal.
    Strict,
    /// Every key declared and required keys present, but an expected key is missing.
    Declared,
    /// Every required and expected key present, but the object has undeclared keys (a newer
    /// version of the variant, most likely).
    Loose,
    /// Undeclared keys and missing expected keys: too far from the variant to be one.
    Partial,
    /// A required key is missing or a constant differs.
    Mismatch,
}

/// How well `object` matches `shape` (`None`: the variant is not a struct and takes any object).
pub fn fit(object: &Map<String, Value>, shape: Option<&Shape>) -> Fit {
    let Some(shape) = shape else { return Fit::Loose };
    for (key, value) in shape.constants {
        if let Some(found) = object.get(*key) {
            if found.as_str() != Some(value) {
                return Fit::Mismatch;
            }
        }
    }
    if !shape.required.iter().all(|k| object.contains_key(*k)) {
        return Fit::Mismatch;
    }
    let all_declared = object.keys().all(|k| shape.known.contains(&k.as_str()));
    let all_expected = shape.expected.iter().all(|k| object.contains_key(*k));
    match (all_declared, all_expected) {
        (true, true) => Fit::Strict,
        (true, false) => Fit::Declared,
        (false, true) => Fit::Loose,
        (false, false) => Fit::Partial,
    }
}

/// A variant that could hold a buffered value: its name, what it expects, and how to build it.
pub struct Candidate<T> {
    pub name: &'static str,
    pub shape: Option<Shape>,
    pub build: fn(&Value) -> Result<T, serde_json::Error>,
}

/// Tries the candidates best fit first (then in declaration order). Objects too far from a
/// variant's shape ([`Fit::Partial`], [`Fit::Mismatch`]) are not forced into it: a union with a
/// fallback variant keeps them whole, any other union reports them. Returns the first success, or
/// why each candidate failed.
pub fn try_candidates<T>(value: &Value, candidates: &[Candidate<T>]) -> Result<T, Vec<String>> {
    let empty = Map::new();
    let object = value.as_object().unwrap_or(&empty);
    // Only indices on the way: messages are formatted once every candidate has failed, so the
    // common path (one candidate succeeds) allocates no text.
    let mut ruled_out: Vec<usize> = Vec::new();
    let mut ranked: Vec<(Fit, usize)> = Vec::with_capacity(candidates.len());
    for (i, candidate) in candidates.iter().enumerate() {
        let fit = if value.is_object() { fit(object, candidate.shape.as_ref()) } else { Fit::Loose };
        match (fit, &candidate.shape) {
            (Fit::Partial | Fit::Mismatch, Some(_)) => ruled_out.push(i),
            _ => ranked.push((fit, i)),
        }
    }
    ranked.sort();
    let mut failed: Vec<(usize, serde_json::Error)> = Vec::new();
    for &(_, i) in &ranked {
        if let Some(candidate) = candidates.get(i) {
            match (candidate.build)(value) {
                Ok(v) => return Ok(v),
                Err(e) => failed.push((i, e)),
            }
        }
    }
    let mut errors = Vec::with_capacity(ruled_out.len() + failed.len());
    for i in ruled_out {
        if let Some(Candidate { name, shape: Some(shape), .. }) = candidates.get(i) {
            let keys: Vec<&&str> = shape.required.iter().chain(shape.expected).collect();
            let constants =
                if shape.constants.is_empty() { String::new() } else { format!(" with {:?}", shape.constants) };
            errors.push(format!("{name}: expects the keys {keys:?}{constants}"));
        }
    }
    for (i, e) in failed {
        if let Some(candidate) = candidates.get(i) {
            errors.push(format!("{}: {e}", candidate.name));
        }
    }
    Err(errors)
}

/// [`try_candidates`] for an object; on failure the object is handed back (for a fallback
/// variant) with every candidate's error.
pub fn pick_object<T>(
    object: Map<String, Value>,
    candidates: &[Candidate<T>],
) -> Result<T, (Map<String, Value>, Vec<String>)> {
    let value = Value::Object(object);
    match try_candidates(&value, candidates) {
        Ok(found) => Ok(found),
        Err(errors) => match value {
            Value::Object(object) => Err((object, errors)),
            _ => Err((Map::new(), errors)),
        },
    }
}

/// The error when no variant of a union accepts a value.
pub fn no_variant<E: de::Error>(union: &str, errors: &[String]) -> E {
    if errors.is_empty() {
        E::custom(format!("no variant of `{union}` accepts this value"))
    } else {
        E::custom(format!("no variant of `{union}` accepts this value ({})", errors.join("; ")))
    }
}

/// Reads a string-constant key (`"object": "conversation"`) and checks its value.
pub fn expect_str<'de, A: MapAccess<'de>>(map: &mut A, key: &str, expected: &str) -> Result<(), A::Error> {
    let found: Key<'de> = map.next_value()?;
    if found.as_str() == expected {
        Ok(())
    } else {
        Err(de::Error::custom(format!("expected `{key}` to be \"{expected}\", found \"{}\"", found.as_str())))
    }
}

/// Reads a constant-valued key and checks its value.
pub fn expect_constant<'de, A: MapAccess<'de>>(map: &mut A, key: &str, expected: &Value) -> Result<(), A::Error> {
    let found: Value = map.next_value()?;
    if found == *expected {
        Ok(())
    } else {
        Err(de::Error::custom(format!("expected `{key}` to be {expected}, found {found}")))
    }
}

/// Deserializes a buffered value into `T`, with the error type of the surrounding deserializer.
pub fn from_value<'de, T: Deserialize<'de>, E: de::Error>(value: Value) -> Result<T, E> {
    T::deserialize(value).map_err(E::custom)
}
