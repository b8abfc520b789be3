//! Deserialization helpers for the generated `Deserialize` impls.
//!
//! Tagged unions read an object's keys until they meet the tag, keeping the few entries before it,
//! then hand those entries and the rest of the still-unread object to the chosen variant
//! ([`replay`]): one pass, no buffering of whole objects, unlike serde's internally tagged enums.
//! Objects whose tag is shared by several variants, or missing, are buffered ([`Buffered`]: in
//! document order, strings borrowed from the input where it allows) and matched by the keys they
//! have ([`fit`], [`pick_object`]).

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
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

impl<'de> Key<'de> {
    fn into_cow(self) -> Cow<'de, str> {
        self.0
    }
}

/// An object's entries in document order.
pub type Entries<'de> = Vec<(Cow<'de, str>, Buffered<'de>)>;

/// A JSON value read into memory as it was written: object entries in document order (repeated
/// keys kept, for the reader to reject), numbers as the parser reported them (so `1` and `1.0`
/// stay apart), strings borrowed from the input where it allows.
///
/// It is read back through [`IntoDeserializer`]: by value (strings and entries moved) or by
/// reference (`&Buffered`, to try several types on one buffer), both reporting to their visitors
/// exactly what the JSON parser reported when the value was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Buffered<'de> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number the parser read as an unsigned integer (`visit_u64`).
    U64(u64),
    /// A number the parser read as a negative integer (`visit_i64`).
    I64(i64),
    /// A number the parser read as a float (`visit_f64`).
    F64(f64),
    /// A string, borrowed from the input when it had no escapes.
    Str(Cow<'de, str>),
    /// An array.
    Seq(Vec<Buffered<'de>>),
    /// An object, its entries in document order.
    Map(Entries<'de>),
}

impl<'de> Buffered<'de> {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Buffered::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, if this is an object.
    pub fn entries(&self) -> Option<&[(Cow<'de, str>, Buffered<'de>)]> {
        match self {
            Buffered::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value of the first entry named `key`, if this is an object that has one.
    pub fn get(&self, key: &str) -> Option<&Buffered<'de>> {
        self.entries().and_then(|entries| lookup(entries, key))
    }

    /// The `serde_json::Value` that deserializing the same input as a `Value` gives (of repeated
    /// keys, the last one counts, as in `serde_json`).
    pub fn into_value(self) -> Value {
        match self {
            Buffered::Null => Value::Null,
            Buffered::Bool(b) => Value::Bool(b),
            Buffered::U64(n) => Value::Number(n.into()),
            Buffered::I64(n) => Value::Number(n.into()),
            Buffered::F64(n) => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
            Buffered::Str(s) => Value::String(s.into_owned()),
            Buffered::Seq(items) => Value::Array(items.into_iter().map(Buffered::into_value).collect()),
            Buffered::Map(entries) => Value::Object(entries_into_map(entries)),
        }
    }

    /// The object as a `serde_json::Map` (empty if this is not an object), as [`into_value`]
    /// makes it.
    ///
    /// [`into_value`]: Buffered::into_value
    pub fn into_map(self) -> Map<String, Value> {
        match self {
            Buffered::Map(entries) => entries_into_map(entries),
            _ => Map::new(),
        }
    }
}

fn lookup<'a, 'de>(entries: &'a [(Cow<'de, str>, Buffered<'de>)], key: &str) -> Option<&'a Buffered<'de>> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// A buffered value as JSON, for a union's `Unknown` variant; a repeated key (at any depth) is
/// an error, as on every other path.
pub fn keep_value<E: de::Error>(value: Buffered<'_>) -> Result<Value, E> {
    checked_value(value).map_err(|key| E::custom(format!("duplicate key `{key}`")))
}

/// [`entries_into_map`], failing with the first key that is repeated (at any depth).
fn checked_map(entries: Entries<'_>) -> Result<Map<String, Value>, String> {
    let mut map = Map::new();
    for (key, value) in entries {
        let value = checked_value(value)?;
        match map.entry(key.into_owned()) {
            serde_json::map::Entry::Vacant(slot) => {
                slot.insert(value);
            }
            serde_json::map::Entry::Occupied(slot) => return Err(slot.key().clone()),
        }
    }
    Ok(map)
}

fn checked_value(value: Buffered<'_>) -> Result<Value, String> {
    Ok(match value {
        Buffered::Seq(items) => Value::Array(items.into_iter().map(checked_value).collect::<Result<_, _>>()?),
        Buffered::Map(entries) => Value::Object(checked_map(entries)?),
        other => other.into_value(),
    })
}

fn entries_into_map(entries: Entries<'_>) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, value) in entries {
        map.insert(key.into_owned(), value.into_value());
    }
    map
}

/// The tree a parser would have given for the JSON of `value` (object keys in the map's order).
impl From<Value> for Buffered<'static> {
    fn from(value: Value) -> Self {
        match value {
            Value::Null => Buffered::Null,
            Value::Bool(b) => Buffered::Bool(b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Buffered::U64(u),
                (None, Some(i)) => Buffered::I64(i),
                (None, None) => Buffered::F64(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => Buffered::Str(Cow::Owned(s)),
            Value::Array(items) => Buffered::Seq(items.into_iter().map(Buffered::from).collect()),
            Value::Object(map) => {
                Buffered::Map(map.into_iter().map(|(key, value)| (Cow::Owned(key), Buffered::from(value))).collect())
            }
        }
    }
}

impl From<&str> for Buffered<'_> {
    fn from(v: &str) -> Self {
        Buffered::Str(Cow::Owned(v.to_owned()))
    }
}

impl From<String> for Buffered<'_> {
    fn from(v: String) -> Self {
        Buffered::Str(Cow::Owned(v))
    }
}

impl From<bool> for Buffered<'_> {
    fn from(v: bool) -> Self {
        Buffered::Bool(v)
    }
}

impl From<i64> for Buffered<'_> {
    /// As the JSON parser reports it: non-negative integers are unsigned.
    fn from(v: i64) -> Self {
        match u64::try_from(v) {
            Ok(n) => Buffered::U64(n),
            Err(_) => Buffered::I64(v),
        }
    }
}

impl From<u64> for Buffered<'_> {
    fn from(v: u64) -> Self {
        Buffered::U64(v)
    }
}

impl From<f64> for Buffered<'_> {
    fn from(v: f64) -> Self {
        Buffered::F64(v)
    }
}

impl<'de> Deserialize<'de> for Buffered<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BufferedVisitor)
    }
}

struct BufferedVisitor;

impl<'de> Visitor<'de> for BufferedVisitor {
    type Value = Buffered<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Buffered<'de>, E> {
        Ok(Buffered::I64(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Buffered<'de>, E> {
        Ok(Buffered::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Buffered<'de>, E> {
        Ok(Buffered::F64(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Null)
    }
    fn visit_none<E>(self) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Buffered<'de>, D::Error> {
        Buffered::deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Buffered<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(256));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Buffered::Seq(items))
    }
    /// A repeated key is an error here, at every depth, as it is when reading without a buffer:
    /// then a buffered value always reads back, and a union never retries a variant on a subtree
    /// that fails for every variant (which made reading nested unions exponential).
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Buffered<'de>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(4).min(256));
        let mut keys = Keys { hashes: None };
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let value = map.next_value()?;
            keys.push(&mut entries, key.into_cow(), value)?;
        }
        Ok(Buffered::Map(entries))
    }
}

/// Reads a [`Buffered`] value back by value. Made by [`IntoDeserializer`].
pub struct BufferedDeserializer<'de, E> {
    value: Buffered<'de>,
    marker: PhantomData<E>,
}

/// Reads a [`Buffered`] value back by reference (strings the input had escapes in are copied).
/// Made by [`IntoDeserializer`] on `&Buffered`.
pub struct BufferedRefDeserializer<'a, 'de, E> {
    value: &'a Buffered<'de>,
    marker: PhantomData<E>,
}

impl<'de, E: de::Error> IntoDeserializer<'de, E> for Buffered<'de> {
    type Deserializer = BufferedDeserializer<'de, E>;
    fn into_deserializer(self) -> Self::Deserializer {
        BufferedDeserializer { value: self, marker: PhantomData }
    }
}

impl<'a, 'de, E: de::Error> IntoDeserializer<'de, E> for &'a Buffered<'de> {
    type Deserializer = BufferedRefDeserializer<'a, 'de, E>;
    fn into_deserializer(self) -> Self::Deserializer {
        BufferedRefDeserializer { value: self, marker: PhantomData }
    }
}

/// A string key or value. The by-reference deserializer clones the `Cow`: free for strings
/// borrowed from the input, one copy (as `visit_str` would make) for the few with escapes.
struct CowStr<'de, E>(Cow<'de, str>, PhantomData<E>);

impl<'de, E> From<Cow<'de, str>> for CowStr<'de, E> {
    fn from(s: Cow<'de, str>) -> Self {
        CowStr(s, PhantomData)
    }
}

impl<'de, E> From<&Cow<'de, str>> for CowStr<'de, E> {
    fn from(s: &Cow<'de, str>) -> Self {
        CowStr(s.clone(), PhantomData)
    }
}

impl<'de, E: de::Error> Deserializer<'de> for CowStr<'de, E> {
    type Error = E;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.0 {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.0 {
            Cow::Borrowed(s) => visitor.visit_enum(de::value::BorrowedStrDeserializer::new(s)),
            Cow::Owned(s) => visitor.visit_enum(de::value::StringDeserializer::new(s)),
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de, E: de::Error> IntoDeserializer<'de, E> for CowStr<'de, E> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// The elements of a buffered array, moved (`vec::IntoIter<Buffered>`) or borrowed
/// (`slice::Iter<Buffered>`): each element is its own deserializer.
struct Elements<I, E> {
    items: I,
    marker: PhantomData<E>,
}

impl<'de, I, E> SeqAccess<'de> for Elements<I, E>
where
    I: ExactSizeIterator,
    I::Item: IntoDeserializer<'de, E>,
    E: de::Error,
{
    type Error = E;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, E> {
        match self.items.next() {
            Some(item) => seed.deserialize(item.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of a buffered object, moved or borrowed: `(key, value)` pairs whose key and value
/// are each their own deserializer.
struct EntriesOf<I, V, E> {
    entries: I,
    value: Option<V>,
    marker: PhantomData<E>,
}

impl<'de, I, K, V, E> MapAccess<'de> for EntriesOf<I, V, E>
where
    I: ExactSizeIterator<Item = (K, V)>,
    K: IntoDeserializer<'de, E>,
    V: IntoDeserializer<'de, E>,
    E: de::Error,
{
    type Error = E;
    fn next_key_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, E> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(key.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, E> {
        match self.value.take() {
            Some(value) => seed.deserialize(value.into_deserializer()),
            None => Err(de::Error::custom("a map value was asked for before its key")),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// Hands a buffered array to `visitor`; a visitor that stops before the end is an error.
fn visit_elements<'de, I, V, E>(visitor: V, items: I) -> Result<V::Value, E>
where
    I: ExactSizeIterator,
    I::Item: IntoDeserializer<'de, E>,
    V: Visitor<'de>,
    E: de::Error,
{
    let len = items.len();
    let mut seq = Elements { items, marker: PhantomData };
    let found = visitor.visit_seq(&mut seq)?;
    match seq.items.len() {
        0 => Ok(found),
        left => Err(left_over(len, left, "elements in array")),
    }
}

/// Hands a buffered object to `visitor`; a visitor that stops before the end is an error.
fn visit_entries<'de, I, K, W, V, E>(visitor: V, entries: I) -> Result<V::Value, E>
where
    I: ExactSizeIterator<Item = (K, W)>,
    K: IntoDeserializer<'de, E>,
    W: IntoDeserializer<'de, E>,
    V: Visitor<'de>,
    E: de::Error,
{
    let len = entries.len();
    let mut map = EntriesOf { entries, value: None, marker: PhantomData };
    let found = visitor.visit_map(&mut map)?;
    match map.entries.len() {
        0 => Ok(found),
        left => Err(left_over(len, left, "entries in map")),
    }
}

/// The error when a visitor stops before the end of a buffered array or object.
fn left_over<E: de::Error>(len: usize, left: usize, what: &'static str) -> E {
    struct Fewer(&'static str);
    impl de::Expected for Fewer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "fewer {}", self.0)
        }
    }
    de::Error::invalid_length(len.saturating_sub(left), &Fewer(what))
}

/// The methods the by-value and the by-reference deserializers share: all but `deserialize_any`.
macro_rules! buffered_deserializer_methods {
    () => {
        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
            match self.value {
                Buffered::Null => visitor.visit_none(),
                _ => visitor.visit_some(self),
            }
        }
        fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, E> {
            visitor.visit_newtype_struct(self)
        }
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            name: &'static str,
            variants: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, E> {
            match self.value {
                Buffered::Str(s) => CowStr::from(s).deserialize_enum(name, variants, visitor),
                _ => self.deserialize_any(visitor),
            }
        }
        fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
            visitor.visit_unit()
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            unit unit_struct seq tuple tuple_struct map struct identifier
        }
    };
}

impl<'de, E: de::Error> Deserializer<'de> for BufferedDeserializer<'de, E> {
    type Error = E;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Buffered::Null => visitor.visit_unit(),
            Buffered::Bool(b) => visitor.visit_bool(b),
            Buffered::U64(n) => visitor.visit_u64(n),
            Buffered::I64(n) => visitor.visit_i64(n),
            Buffered::F64(n) => visitor.visit_f64(n),
            Buffered::Str(s) => CowStr::from(s).deserialize_any(visitor),
            Buffered::Seq(items) => visit_elements(visitor, items.into_iter()),
            Buffered::Map(entries) => {
                visit_entries(visitor, entries.into_iter().map(|(key, value)| (CowStr::from(key), value)))
            }
        }
    }
    buffered_deserializer_methods!();
}

impl<'de, E: de::Error> Deserializer<'de> for BufferedRefDeserializer<'_, 'de, E> {
    type Error = E;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Buffered::Null => visitor.visit_unit(),
            Buffered::Bool(b) => visitor.visit_bool(*b),
            Buffered::U64(n) => visitor.visit_u64(*n),
            Buffered::I64(n) => visitor.visit_i64(*n),
            Buffered::F64(n) => visitor.visit_f64(*n),
            Buffered::Str(s) => CowStr::from(s).deserialize_any(visitor),
            Buffered::Seq(items) => visit_elements(visitor, items.iter()),
            Buffered::Map(entries) => {
                visit_entries(visitor, entries.iter().map(|(key, value)| (CowStr::from(key), value)))
            }
        }
    }
    buffered_deserializer_methods!();
}

/// What a candidate ([`Candidates`]) is built from: the buffer itself (the last try) or a reference to it
/// (when another candidate may still need it).
pub enum Input<'a, 'de> {
    /// The buffer, moved.
    Owned(Buffered<'de>),
    /// The buffer, borrowed.
    Borrowed(&'a Buffered<'de>),
}

macro_rules! input_forward {
    ($self:ident, $d:ident => $call:expr) => {
        match $self {
            Input::Owned(value) => {
                let $d = IntoDeserializer::<serde_json::Error>::into_deserializer(value);
                $call
            }
            Input::Borrowed(value) => {
                let $d = IntoDeserializer::<serde_json::Error>::into_deserializer(value);
                $call
            }
        }
    };
}

impl<'de> Deserializer<'de> for Input<'_, 'de> {
    type Error = serde_json::Error;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        input_forward!(self, d => d.deserialize_any(visitor))
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        input_forward!(self, d => d.deserialize_option(visitor))
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        input_forward!(self, d => d.deserialize_newtype_struct(name, visitor))
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        input_forward!(self, d => d.deserialize_enum(name, variants, visitor))
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// The entries of an object read before its tag.
pub type Prefix<'de> = Entries<'de>;

/// Reads entries until the key `tag`, keeping the ones before it. Returns them and the tag's value
/// (`None` when the object has no such key; then every entry is in the prefix).
pub fn read_until_tag<'de, A: MapAccess<'de>>(
    map: &mut A,
    tag: &str,
) -> Result<(Prefix<'de>, Option<Buffered<'de>>), A::Error> {
    let mut prefix = Vec::new();
    while let Some(key) = map.next_key::<Key<'de>>()? {
        let value: Buffered<'de> = map.next_value()?;
        if key.as_str() == tag {
            return Ok((prefix, Some(value)));
        }
        if prefix.is_empty() {
            // Room for the usual object at once: the entries stay in this vector when the
            // object is buffered whole.
            prefix.reserve(8);
        }
        prefix.push((key.into_cow(), value));
    }
    Ok((prefix, None))
}

/// A map that yields buffered entries first, then the tag, then the rest of a live map.
struct Replay<'de, A> {
    buffered: std::vec::IntoIter<(Cow<'de, str>, Buffered<'de>)>,
    tag: Option<(&'de str, Buffered<'de>)>,
    pending: Option<Buffered<'de>>,
    rest: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.buffered.next() {
            self.pending = Some(value);
            return seed.deserialize(CowStr(key, PhantomData)).map(Some);
        }
        if let Some((key, value)) = self.tag.take() {
            self.pending = Some(value);
            return seed.deserialize(CowStr(Cow::Borrowed(key), PhantomData)).map(Some);
        }
        self.rest.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(value.into_deserializer()),
            None => self.rest.next_value_seed(seed),
        }
    }
}

/// A deserializer of the object whose entries `read` were read already (then `tag`, put back
/// after them) and whose other entries are still in `map`.
pub fn replay<'de, A: MapAccess<'de>>(
    read: Prefix<'de>,
    tag: Option<(&'de str, Buffered<'de>)>,
    map: A,
) -> de::value::MapAccessDeserializer<impl MapAccess<'de, Error = A::Error>> {
    de::value::MapAccessDeserializer::new(Replay { buffered: read.into_iter(), tag, pending: None, rest: map })
}

/// Objects up to this many entries are checked for repeated keys by comparing with every
/// earlier key; wider ones also keep a set of key hashes.
const SCAN_LIMIT: usize = 16;

/// The keys of an object being buffered, to reject a repeated one.
struct Keys {
    hashes: Option<(std::collections::hash_map::RandomState, std::collections::HashSet<u64>)>,
}

impl Keys {
    fn hash(state: &std::collections::hash_map::RandomState, key: &str) -> u64 {
        std::hash::BuildHasher::hash_one(state, key)
    }

    /// Fails if `key` is among the keys of `earlier`.
    #[inline]
    fn check<E: de::Error>(&mut self, earlier: &[(Cow<'_, str>, Buffered<'_>)], key: &str) -> Result<(), E> {
        if earlier.len() >= SCAN_LIMIT && self.hashes.is_none() {
            let state = std::collections::hash_map::RandomState::new();
            let set = earlier.iter().map(|(k, _)| Self::hash(&state, k)).collect();
            self.hashes = Some((state, set));
        }
        let repeated = match &mut self.hashes {
            None => earlier.iter().any(|(k, _)| k == key),
            Some((state, set)) => !set.insert(Self::hash(state, key)) && earlier.iter().any(|(k, _)| k == key),
        };
        match repeated {
            true => Err(E::custom(format!("duplicate key `{key}`"))),
            false => Ok(()),
        }
    }

    /// Appends an entry, or fails if its key is already there.
    #[inline]
    fn push<'de, E: de::Error>(
        &mut self,
        entries: &mut Entries<'de>,
        key: Cow<'de, str>,
        value: Buffered<'de>,
    ) -> Result<(), E> {
        self.check(entries, &key)?;
        entries.push((key, value));
        Ok(())
    }
}

/// Reads the rest of `map` into one object, after the entries read so far and the tag (in
/// document order). A repeated key is an error, as everywhere.
pub fn collect<'de, A: MapAccess<'de>>(
    mut prefix: Prefix<'de>,
    tag: Option<(&'de str, Buffered<'de>)>,
    map: A,
) -> Result<Buffered<'de>, A::Error> {
    prefix.extend(tag.map(|(key, value)| (Cow::Borrowed(key), value)));
    collect_entries(prefix, Some(map))
}

/// Reads the rest of `map` (if it has any) into one object after the entries read so far (kept
/// where they are: the entries read before a tag become the object's first entries).
fn collect_entries<'de, A: MapAccess<'de>>(
    mut entries: Entries<'de>,
    map: Option<A>,
) -> Result<Buffered<'de>, A::Error> {
    let mut keys = Keys { hashes: None };
    for read in 1..entries.len() {
        if let Some((earlier, [(key, _), ..])) = entries.split_at_checked(read) {
            keys.check::<A::Error>(earlier, key)?;
        }
    }
    if let Some(mut map) = map {
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let value = map.next_value()?;
            keys.push::<A::Error>(&mut entries, key.into_cow(), value)?;
        }
    }
    Ok(Buffered::Map(entries))
}

/// What a struct variant expects of an object: used to pick a variant by the object's keys.
#[derive(Debug, Clone, Copy)]
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
    /// Every required and expected key present, but the object has this many undeclared keys
    /// (a newer version of the variant, most likely): fewer fit better.
    Loose(usize),
    /// Undeclared keys and missing expected keys: too far from the variant to be one.
    Partial,
    /// A required key is missing or a constant differs.
    Mismatch,
}

/// How well `object` (its entries, keys not repeated) matches `shape` (`None`: the variant is not a
/// struct and takes any object).
///
/// One pass over the object's keys, each looked up in the shape's lists once: the required and
/// expected keys are distinct declared keys, so counting the ones found tells whether all are
/// there.
pub fn fit(object: &[(Cow<'_, str>, Buffered<'_>)], shape: Option<&Shape>) -> Fit {
    let Some(shape) = shape else { return Fit::Loose(0) };
    let (mut required, mut expected, mut undeclared) = (0, 0, 0);
    for (key, value) in object {
        let key = key.as_ref();
        if shape.required.contains(&key) {
            required += 1;
        } else if shape.expected.contains(&key) {
            expected += 1;
        } else if !shape.known.contains(&key) {
            undeclared += 1;
            continue;
        }
        if let Some((_, constant)) = shape.constants.iter().find(|(k, _)| *k == key) {
            if value.as_str() != Some(constant) {
                return Fit::Mismatch;
            }
        }
    }
    if required < shape.required.len() {
        return Fit::Mismatch;
    }
    match (undeclared == 0, expected == shape.expected.len()) {
        (true, true) => Fit::Strict,
        (true, false) => Fit::Declared,
        (false, true) => Fit::Loose(undeclared),
        (false, false) => Fit::Partial,
    }
}

/// The variants that could hold a buffered value, by position: their names, the keys they
/// expect, and how each is built.
pub trait Candidates<'de> {
    type Value;
    fn count(&self) -> usize;
    fn name(&self, i: usize) -> &'static str;
    fn shape(&self, i: usize) -> Option<&Shape>;
    fn build(&self, i: usize, input: Input<'_, 'de>) -> Result<Self::Value, serde_json::Error>;
}

/// Unions with up to this many candidates rank them without allocating.
const STACK_CANDIDATES: usize = 32;

/// A candidate's fit to `value`, `None` if it is ruled out: objects too far from a variant's
/// shape ([`Fit::Partial`], [`Fit::Mismatch`]) are not forced into it.
fn grade<'de, C: Candidates<'de> + ?Sized>(value: &Buffered<'_>, candidates: &C, i: usize) -> Option<Fit> {
    let shape = candidates.shape(i);
    let fit = match value {
        Buffered::Map(entries) => fit(entries, shape),
        _ => Fit::Loose(0),
    };
    match (fit, shape) {
        (Fit::Partial | Fit::Mismatch, Some(_)) => None,
        _ => Some(fit),
    }
}

/// One slot per candidate, on the stack for the usual few.
fn slots<'f>(
    count: usize,
    stack: &'f mut [Option<Fit>; STACK_CANDIDATES],
    heap: &'f mut Vec<Option<Fit>>,
) -> &'f mut [Option<Fit>] {
    match stack.get_mut(..count) {
        Some(fits) => fits,
        None => {
            heap.resize(count, None);
            heap
        }
    }
}

/// The next candidate to try after `after`: best fit first, then declaration order.
fn next_ranked(fits: &[Option<Fit>], after: Option<(Fit, usize)>) -> Option<(Fit, usize)> {
    fits.iter()
        .enumerate()
        .filter_map(|(i, fit)| fit.map(|fit| (fit, i)))
        .filter(|found| after.is_none_or(|after| *found > after))
        .min()
}

/// Why each candidate failed: the ruled-out ones first, then the build errors in the order tried.
fn reasons<'de, C: Candidates<'de> + ?Sized>(
    candidates: &C,
    fits: &[Option<Fit>],
    failed: Vec<(usize, serde_json::Error)>,
) -> Vec<String> {
    let mut errors = Vec::with_capacity(candidates.count());
    for (i, fit) in fits.iter().enumerate() {
        if let (None, Some(shape)) = (fit, candidates.shape(i)) {
            let keys: Vec<&&str> = shape.required.iter().chain(shape.expected).collect();
            let constants =
                if shape.constants.is_empty() { String::new() } else { format!(" with {:?}", shape.constants) };
            errors.push(format!("{}: expects the keys {keys:?}{constants}", candidates.name(i)));
        }
    }
    for (i, e) in failed {
        if i < candidates.count() {
            errors.push(format!("{}: {}", candidates.name(i), bounded(e.to_string())));
        }
    }
    errors
}

/// Reads a string enum: any string, known or not, through the enum's `From` impls (unknown values
/// land in its `Unknown`). One generic visitor instead of one generated per enum.
pub fn string_enum<'de, T, D>(deserializer: D, expecting: &'static str) -> Result<T, D::Error>
where
    T: for<'a> From<&'a str> + From<String>,
    D: Deserializer<'de>,
{
    struct StringEnumVisitor<T>(PhantomData<T>, &'static str);
    impl<T: for<'a> From<&'a str> + From<String>> Visitor<'_> for StringEnumVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.1)
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
        fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }
    deserializer.deserialize_str(StringEnumVisitor(PhantomData, expecting))
}

/// The most of one candidate's error a union's error keeps. A candidate's error can hold the
/// errors of nested unions, and those theirs: unbounded, a deeply nested input made messages of
/// hundreds of megabytes. Bounded, a union's message is at most its candidates times this.
pub const MAX_REASON_CHARS: usize = 400;

/// `text` cut to [`MAX_REASON_CHARS`] characters, marked where it was cut.
fn bounded(text: String) -> String {
    match text.char_indices().nth(MAX_REASON_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// Tries the candidates best fit first (then in declaration order), each on a reference to the
/// buffer; objects too far from a variant's shape ([`Fit::Partial`], [`Fit::Mismatch`]) are not
/// forced into it. On failure the value is handed back (for the `Unknown` variant, through
/// [`keep_value`]) with every candidate's
/// error.
pub fn pick_object<'de, C: Candidates<'de> + ?Sized>(
    object: Buffered<'de>,
    candidates: &C,
) -> Result<C::Value, (Buffered<'de>, Vec<String>)> {
    let mut stack = [None; STACK_CANDIDATES];
    let mut heap = Vec::new();
    let fits = slots(candidates.count(), &mut stack, &mut heap);
    let mut failed: Vec<(usize, serde_json::Error)> = Vec::new();
    // The first candidate in declaration order that fits strictly is the best there is: it is
    // tried before the others are graded (most objects are one).
    let mut tried = None;
    let mut graded = 0;
    for (i, slot) in fits.iter_mut().enumerate() {
        *slot = grade(&object, candidates, i);
        graded += 1;
        if *slot == Some(Fit::Strict) {
            match candidates.build(i, Input::Borrowed(&object)) {
                Ok(found) => return Ok(found),
                Err(e) => failed.push((graded - 1, e)),
            }
            tried = Some((Fit::Strict, graded - 1));
            break;
        }
    }
    for (i, slot) in fits.iter_mut().enumerate().skip(graded) {
        *slot = grade(&object, candidates, i);
    }
    let fits: &[Option<Fit>] = fits;
    let mut current = next_ranked(fits, tried);
    while let Some((fit, i)) = current {
        match candidates.build(i, Input::Borrowed(&object)) {
            Ok(found) => return Ok(found),
            Err(e) => failed.push((i, e)),
        }
        current = next_ranked(fits, Some((fit, i)));
    }
    let errors = reasons(candidates, fits, failed);
    Err((object, errors))
}

/// Keys read past the tag of an object whose tag several variants share, to narrow down the
/// variants before streaming into one (objects often start with their tag).
const LOOK_AHEAD: usize = 1;

/// How to read the rest of an object whose tag several variants share ([`shared_tag`]).
pub enum SharedTag<'de> {
    /// Stream the rest into this candidate (by index), after the entries read so far, which are
    /// in document order, the tag among them.
    Stream(Entries<'de>, usize),
    /// The whole object, buffered: no struct variant declares every key read so far, or the
    /// object ended while the variants were being narrowed down.
    Buffered(Buffered<'de>),
}

/// Chooses how to read an object whose tag several variants share. The variant to stream into is
/// the first, in declaration order, that declares every key read so far; while several do,
/// one more key (`LOOK_AHEAD`) is read to tell them apart.
pub fn shared_tag<'de, C: Candidates<'de> + ?Sized, A: MapAccess<'de>>(
    prefix: Prefix<'de>,
    tag: (&'de str, Buffered<'de>),
    map: &mut A,
    candidates: &C,
) -> Result<SharedTag<'de>, A::Error> {
    let mut read = prefix;
    read.push((Cow::Borrowed(tag.0), tag.1));
    let consistent = |read: &Entries<'de>| {
        let mut fitting = (0..candidates.count()).filter(|&i| {
            candidates.shape(i).is_some_and(|shape| read.iter().all(|(key, _)| shape.known.contains(&key.as_ref())))
        });
        let first = fitting.next();
        (first, first.is_some() && fitting.next().is_some())
    };
    let (mut first, mut several) = consistent(&read);
    let mut looked = 0;
    while several && looked < LOOK_AHEAD {
        let Some(key) = map.next_key::<Key<'de>>()? else {
            return collect_entries(read, None::<A>).map(SharedTag::Buffered);
        };
        let value = map.next_value()?;
        read.push((key.into_cow(), value));
        looked += 1;
        (first, several) = consistent(&read);
    }
    match first {
        Some(index) => Ok(SharedTag::Stream(read, index)),
        None => collect_entries(read, Some(map)).map(SharedTag::Buffered),
    }
}

/// [`pick_object`] for an object whose tag several variants share: when it fits none of them it
/// is still one of them (its tag says so), so it is read as the first that can be built from it,
/// and its mismatch report names what it lacks or has too many.
pub fn pick_tagged<'de, C: Candidates<'de> + ?Sized>(
    object: Buffered<'de>,
    candidates: &C,
) -> Result<C::Value, (Buffered<'de>, Vec<String>)> {
    match pick_object(object, candidates) {
        Ok(found) => Ok(found),
        Err((object, errors)) => {
            for i in 0..candidates.count() {
                if let Ok(found) = candidates.build(i, Input::Borrowed(&object)) {
                    return Ok(found);
                }
            }
            Err((object, errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::JsonNumber;

    #[test]
    fn a_candidates_error_is_bounded() {
        let long = "x".repeat(5 * MAX_REASON_CHARS);
        let cut = bounded(long);
        assert_eq!(cut.chars().count(), MAX_REASON_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(bounded("short".to_owned()), "short");
        // Cut at a character, not inside one.
        let wide = "é".repeat(2 * MAX_REASON_CHARS);
        assert_eq!(bounded(wide).chars().count(), MAX_REASON_CHARS + 1);
    }

    /// Reads an object the way a union without a tag does.
    #[derive(Debug)]
    struct Collected<'de>(Buffered<'de>);

    impl<'de> Deserialize<'de> for Collected<'de> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Collected<'de>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collected<'de>, A::Error> {
                    let (prefix, tag) = read_until_tag(&mut map, "type")?;
                    collect(prefix, tag.map(|t| ("type", t)), map).map(Collected)
                }
            }
            deserializer.deserialize_map(V)
        }
    }

    const NESTED: &str = r#"{"z": 1, "a": [1, -2, 3.5, 1.0, "x\ny", null, true, {"q": {}, "b": []}],
        "m": {"k": 18446744073709551615, "n": -9223372036854775808, "f": 1e300, "e": 0.0}, "type": "t", "b": "plain"}"#;

    fn by_value<'de, T: Deserialize<'de>>(b: Buffered<'de>) -> Result<T, serde_json::Error> {
        T::deserialize(IntoDeserializer::<serde_json::Error>::into_deserializer(b))
    }

    fn by_ref<'de, T: Deserialize<'de>>(b: &Buffered<'de>) -> Result<T, serde_json::Error> {
        T::deserialize(IntoDeserializer::<serde_json::Error>::into_deserializer(b))
    }

    #[test]
    fn entries_keep_document_order() {
        let b: Buffered<'_> = serde_json::from_str(r#"{"z": 1, "type": "x", "a": 2, "m": 3}"#).unwrap();
        let keys: Vec<&str> = b.entries().unwrap().iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["z", "type", "a", "m"]);
        let Collected(c) = serde_json::from_str(r#"{"z": 1, "type": "x", "a": 2, "m": 3}"#).unwrap();
        let keys: Vec<&str> = c.entries().unwrap().iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["z", "type", "a", "m"]);
        // Read back in the same order.
        struct Order(Vec<String>);
        impl<'de> Deserialize<'de> for Order {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Order;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Order, A::Error> {
                        let mut keys = Vec::new();
                        while let Some((key, _)) = map.next_entry::<String, de::IgnoredAny>()? {
                            keys.push(key);
                        }
                        Ok(Order(keys))
                    }
                }
                deserializer.deserialize_map(V)
            }
        }
        assert_eq!(by_ref::<Order>(&c).unwrap().0, ["z", "type", "a", "m"]);
        assert_eq!(by_value::<Order>(c).unwrap().0, ["z", "type", "a", "m"]);
    }

    #[test]
    fn strings_are_borrowed_when_the_input_allows() {
        let b: Buffered<'_> = serde_json::from_str(r#"{"plain": "text", "esc\u0061ped": "a\nb"}"#).unwrap();
        let entries = b.entries().unwrap();
        assert!(matches!(entries[0], (Cow::Borrowed("plain"), Buffered::Str(Cow::Borrowed("text")))));
        assert!(matches!(&entries[1], (Cow::Owned(k), Buffered::Str(Cow::Owned(v))) if k == "escaped" && v == "a\nb"));
        // Read back, borrowed strings stay borrowed.
        let by_ref: std::collections::BTreeMap<&str, Buffered<'_>> =
            by_ref(&Buffered::Map(vec![(Cow::Borrowed("k"), Buffered::Str(Cow::Borrowed("v")))])).unwrap();
        assert!(matches!(by_ref.get("k"), Some(Buffered::Str(Cow::Borrowed("v")))));
        let key: Key<'_> = by_value(Buffered::Str(Cow::Borrowed("k"))).unwrap();
        assert!(matches!(key.0, Cow::Borrowed("k")));
    }

    #[test]
    fn numbers_stay_as_they_were_read() {
        let b: Buffered<'_> =
            serde_json::from_str("[1, 1.0, -3, 18446744073709551615, -9223372036854775808, 0.5]").unwrap();
        assert_eq!(
            b,
            Buffered::Seq(vec![
                Buffered::U64(1),
                Buffered::F64(1.0),
                Buffered::I64(-3),
                Buffered::U64(u64::MAX),
                Buffered::I64(i64::MIN),
                Buffered::F64(0.5),
            ])
        );
        for text in ["1", "1.0", "-3", "0.25", "1e300", "18446744073709551615", "-9223372036854775808"] {
            let direct: JsonNumber = serde_json::from_str(text).unwrap();
            let buffered: Buffered<'_> = serde_json::from_str(text).unwrap();
            let through_ref: JsonNumber = by_ref(&buffered).unwrap();
            let through_value: JsonNumber = by_value(buffered).unwrap();
            let written = serde_json::to_string(&direct).unwrap();
            assert_eq!(serde_json::to_string(&through_ref).unwrap(), written, "{text}");
            assert_eq!(serde_json::to_string(&through_value).unwrap(), written, "{text}");
        }
        assert_eq!(by_value::<u64>(Buffered::U64(u64::MAX)).unwrap(), u64::MAX);
        assert_eq!(by_value::<i64>(Buffered::I64(-7)).unwrap(), -7);
        assert!(by_value::<u64>(Buffered::I64(-7)).is_err());
        assert!(by_value::<i64>(Buffered::F64(1.0)).is_err());
        assert_eq!(Buffered::from(5i64), Buffered::U64(5));
        assert_eq!(Buffered::from(-5i64), Buffered::I64(-5));
    }

    #[test]
    fn nested_values_read_back_as_serde_json_reads_them() {
        let expected: Value = serde_json::from_str(NESTED).unwrap();
        let b: Buffered<'_> = serde_json::from_str(NESTED).unwrap();
        assert_eq!(by_ref::<Value>(&b).unwrap(), expected);
        assert_eq!(b.clone().into_value(), expected);
        assert_eq!(by_value::<Value>(b.clone()).unwrap(), expected);
        let expected_map: Map<String, Value> = serde_json::from_str(NESTED).unwrap();
        assert_eq!(b.clone().into_map(), expected_map);
        assert_eq!(by_value::<Map<String, Value>>(b.clone()).unwrap(), expected_map);
        // Typed reads through both deserializers.
        let m = b.get("m").unwrap();
        let typed: std::collections::BTreeMap<String, JsonNumber> = by_ref(m).unwrap();
        assert_eq!(typed.len(), 4);
        let a: Vec<Option<Value>> = by_ref(b.get("a").unwrap()).unwrap();
        assert_eq!(a[5], None);
        assert_eq!(a[4], Some(Value::from("x\ny")));
        // Nested repeated keys are an error while buffering, at any depth.
        let error = serde_json::from_str::<Buffered<'_>>(r#"{"o": [{"k": 1, "k": 2}]}"#).unwrap_err();
        assert!(error.to_string().starts_with("duplicate key `k`"), "{error}");
        // Not an object.
        assert!(Buffered::Null.into_map().is_empty());
        assert_eq!(Buffered::F64(f64::NAN).into_value(), Value::Null);
    }

    #[test]
    fn repeated_keys_are_rejected() {
        for text in [
            r#"{"a": 1, "a": 2}"#,
            r#"{"a": 1, "type": "x", "a": 2}"#,
            r#"{"type": "x", "b": 1, "type": "y"}"#,
            r#"{"a": 1, "b": 2, "a": 3, "type": "x"}"#,
        ] {
            let err = serde_json::from_str::<Collected<'_>>(text).unwrap_err();
            assert!(err.to_string().contains("duplicate key"), "{text}: {err}");
        }
        // Wide objects too (the hashed check).
        let mut wide: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        let ok = format!("{{{}}}", wide.join(","));
        assert_eq!(serde_json::from_str::<Collected<'_>>(&ok).unwrap().0.entries().unwrap().len(), 100);
        wide.push("\"k42\": 0".to_owned());
        let repeated = format!("{{{}}}", wide.join(","));
        let err = serde_json::from_str::<Collected<'_>>(&repeated).unwrap_err();
        assert!(err.to_string().contains("duplicate key `k42`"), "{err}");
    }

    #[test]
    fn visitors_must_take_every_element() {
        struct First;
        impl<'de> Visitor<'de> for First {
            type Value = u64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<u64, A::Error> {
                Ok(seq.next_element()?.unwrap_or(0))
            }
        }
        let b = Buffered::Seq(vec![Buffered::U64(1), Buffered::U64(2)]);
        let by_ref: BufferedRefDeserializer<'_, '_, serde_json::Error> = (&b).into_deserializer();
        assert!(by_ref.deserialize_seq(First).is_err());
        let by_value: BufferedDeserializer<'_, serde_json::Error> = b.into_deserializer();
        assert!(by_value.deserialize_seq(First).is_err());
    }

    #[test]
    fn replay_puts_the_prefix_and_the_tag_back_in_order() {
        struct Replayed(Vec<(String, Value)>);
        impl<'de> Deserialize<'de> for Replayed {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Replayed;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Replayed, A::Error> {
                        let (prefix, tag) = read_until_tag(&mut map, "type")?;
                        let tag = tag.ok_or_else(|| de::Error::missing_field("type"))?;
                        let entries = match Buffered::deserialize(replay(prefix, Some(("type", tag)), map))? {
                            Buffered::Map(entries) => entries,
                            _ => Vec::new(),
                        };
                        Ok(Replayed(entries.into_iter().map(|(k, v)| (k.into_owned(), v.into_value())).collect()))
                    }
                }
                deserializer.deserialize_map(V)
            }
        }
        let Replayed(entries) = serde_json::from_str(r#"{"a": [1.0], "b": "x", "type": "t", "c": -1}"#).unwrap();
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "b", "type", "c"]);
        assert_eq!(serde_json::to_string(&entries[0].1).unwrap(), "[1.0]");
    }
    #[test]
    fn fit_grades_an_object_against_a_shape() {
        const SHAPE: Shape = Shape {
            required: &["role"],
            expected: &["content"],
            known: &["content", "role", "status", "type"],
            constants: &[("type", "message")],
        };
        let grade = |json: &str| {
            let object: Buffered<'_> = serde_json::from_str(json).unwrap();
            fit(object.entries().unwrap(), Some(&SHAPE))
        };
        assert_eq!(grade(r#"{"type": "message", "role": "user", "content": []}"#), Fit::Strict);
        assert_eq!(grade(r#"{"role": "user", "status": "done"}"#), Fit::Declared);
        assert_eq!(grade(r#"{"role": "user", "content": [], "x": 1, "y": 2}"#), Fit::Loose(2));
        assert_eq!(grade(r#"{"role": "user", "x": 1}"#), Fit::Partial);
        assert_eq!(grade(r#"{"content": [], "status": "done"}"#), Fit::Mismatch);
        assert_eq!(grade(r#"{"type": "other", "role": "user", "content": []}"#), Fit::Mismatch);
        assert_eq!(grade(r#"{"type": 1, "role": "user", "content": []}"#), Fit::Mismatch);
        // No shape: any object, loosely.
        assert_eq!(fit(&[], None), Fit::Loose(0));
    }

    /// Candidates as a list of names, shapes and build functions.
    struct Candidate<'de, T> {
        name: &'static str,
        shape: Option<Shape>,
        build: for<'a> fn(Input<'a, 'de>) -> Result<T, serde_json::Error>,
    }

    impl<'de, T> Candidates<'de> for [Candidate<'de, T>] {
        type Value = T;
        fn count(&self) -> usize {
            self.len()
        }
        fn name(&self, i: usize) -> &'static str {
            self[i].name
        }
        fn shape(&self, i: usize) -> Option<&Shape> {
            self[i].shape.as_ref()
        }
        fn build(&self, i: usize, input: Input<'_, 'de>) -> Result<T, serde_json::Error> {
            (self[i].build)(input)
        }
    }

    #[test]
    fn candidates_are_tried_best_fit_first_and_failures_keep_the_object() {
        type Counts = std::collections::BTreeMap<String, u64>;
        fn candidates<'de>() -> [Candidate<'de, &'static str>; 3] {
            [
                Candidate {
                    name: "A",
                    shape: Some(Shape { required: &["a"], expected: &[], known: &["a"], constants: &[] }),
                    build: |value| Counts::deserialize(value).map(|_| "A"),
                },
                Candidate {
                    name: "Loose",
                    shape: Some(Shape { required: &[], expected: &[], known: &[], constants: &[] }),
                    build: |value| Counts::deserialize(value).map(|_| "Loose"),
                },
                Candidate {
                    name: "B",
                    shape: Some(Shape { required: &["b"], expected: &[], known: &["b", "c"], constants: &[] }),
                    build: |value| Counts::deserialize(value).map(|_| "B"),
                },
            ]
        }
        let object: Buffered<'_> = serde_json::from_str(r#"{"b": 1, "c": 2}"#).unwrap();
        assert_eq!(pick_object(object.clone(), &candidates()[..]).ok(), Some("B"));
        assert_eq!(pick_object(object, &candidates()[..]).map_err(|(_, e)| e), Ok("B"));
        let text = r#"{"b": 1, "c": "x"}"#;
        let object: Buffered<'_> = serde_json::from_str(text).unwrap();
        let (_, errors) = pick_object(object.clone(), &candidates()[..]).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("A: expects the keys [\"a\"]"), "{errors:?}");
        assert!(errors[1].starts_with("B: invalid type"), "{errors:?}");
        assert!(errors[2].starts_with("Loose: invalid type"), "{errors:?}");
        let (kept, errors) = pick_object(object, &candidates()[..]).unwrap_err();
        let kept: Value = keep_value::<serde_json::Error>(kept).unwrap();
        assert_eq!(kept, serde_json::from_str::<Value>(text).unwrap());
        assert_eq!(errors.len(), 3);
        // Kept whole, a key repeated deep inside is an error rather than one of its values.
        let nested = Buffered::Map(vec![(
            "a".into(),
            Buffered::Seq(vec![Buffered::Map(vec![("k".into(), Buffered::U64(1)), ("k".into(), Buffered::U64(2))])]),
        )]);
        let error = keep_value::<serde_json::Error>(nested).unwrap_err();
        assert_eq!(error.to_string(), "duplicate key `k`");
        // Not an object: every candidate takes any value.
        assert_eq!(pick_object(Buffered::U64(3), &candidates()[..]).map_err(|(_, e)| e.len()).err(), Some(3));
    }
}
