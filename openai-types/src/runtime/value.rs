//! [`WireValue`]: every type a generated field can have reads any JSON without error (a value of
//! another JSON type than documented is kept raw, see [`Read`]), knows its zero value, and walks
//! itself for the mismatch report.
//!
//! Values are read through `deserialize_any`: the JSON parser reports what is there and the type
//! takes the kinds it documents, so a string where a number is documented costs no second parse.
//! A repeated key is an error at every depth, here as in structs: no one value can keep both.

use super::wire::{describe, Mismatch, Pointer, Problem, Raw, Report};
use super::JsonNumber;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// What reading one JSON value as a documented type gave.
#[derive(Debug)]
pub enum Read<T> {
    /// A value of the type.
    Value(T),
    /// `null`, which the type cannot hold.
    Null,
    /// A value of another JSON type, kept as read. Boxed: it is rare, and a small `Read` is
    /// returned in registers (`Read<i64>` is 16 bytes where an inline `Raw` made it 80).
    Raw(Box<Raw>),
}

/// A value of a generated type, or of a type generated fields have (strings, numbers, lists,
/// maps, free-form JSON).
///
/// [`spec_mismatches`](WireValue::spec_mismatches) lists every place where a value read from
/// JSON left the spec. The other methods serve the generated code.
pub trait WireValue: Serialize + Default + Sized {
    /// What the spec documents, for the mismatch report (`a string`, `an object (Message)`).
    const EXPECTED: &'static str;

    /// Where the methods a kind of type shares are written: [`Own`] for the types below, which
    /// write their own; `ObjectShape`, `UnionShape` and `StringEnumShape` for generated types.
    #[doc(hidden)]
    type Shape: ValueShape<Self>;

    /// Whether this is the zero value a field holds when the API left it out, sent `null`, or
    /// sent a value of another type.
    #[inline]
    fn is_zero(&self) -> bool {
        Self::Shape::is_zero(self)
    }

    /// Adds the mismatches inside this value to `report`.
    #[inline]
    fn check(&self, report: &mut Report<'_>) {
        Self::Shape::check(self, report)
    }

    /// Every place where this value, as read from JSON, left the spec: a missing required field,
    /// `null` where none is allowed, a value of another JSON type, an unknown tag, enum value or
    /// field. Empty for values built in Rust and for data that matches the spec.
    fn spec_mismatches(&self) -> Vec<Mismatch> {
        let mut at = Pointer::default();
        let mut out = Vec::new();
        self.check(&mut Report { at: &mut at, out: &mut out });
        out
    }

    /// Reads a value of any JSON type: the documented kinds through the `from_*` methods, `null`
    /// and the rest as [`Read::Null`] and [`Read::Raw`].
    #[doc(hidden)]
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        Self::Shape::read(deserializer)
    }

    /// The value a list item or map value that is `null` becomes, when the type can keep it
    /// (written back as `null`): so one `null` does not make the whole list raw.
    #[doc(hidden)]
    #[inline]
    fn from_null() -> Option<Self> {
        Self::Shape::from_null()
    }
    #[doc(hidden)]
    fn from_bool(value: bool) -> Option<Self> {
        let _ = value;
        None
    }
    #[doc(hidden)]
    fn from_i64(value: i64) -> Option<Self> {
        let _ = value;
        None
    }
    #[doc(hidden)]
    fn from_u64(value: u64) -> Option<Self> {
        let _ = value;
        None
    }
    #[doc(hidden)]
    fn from_f64(value: f64) -> Option<Self> {
        let _ = value;
        None
    }
    #[doc(hidden)]
    #[inline]
    fn from_str(value: &str) -> Option<Self> {
        Self::Shape::from_str(value)
    }
    #[doc(hidden)]
    #[inline]
    fn from_string(value: String) -> Result<Self, String> {
        Self::Shape::from_string(value)
    }
    #[doc(hidden)]
    fn from_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Read<Self>, A::Error> {
        Ok(Read::Raw(Box::new(Raw::new(collect_seq(seq)?, Self::EXPECTED))))
    }
    #[doc(hidden)]
    #[inline]
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Read<Self>, A::Error> {
        Self::Shape::from_map(map)
    }

    /// The variant a union value is (`None` for other types), for generic tools.
    #[doc(hidden)]
    #[inline]
    fn variant(&self) -> Option<&'static str> {
        Self::Shape::variant(self)
    }

    /// Whether this struct was read exactly as the spec has it: no wire state to remember, no
    /// undeclared field (`false` for other types).
    #[doc(hidden)]
    #[inline]
    fn is_plain(&self) -> bool {
        Self::Shape::is_plain(self)
    }

    /// Writes the value; lists write through [`WireValue::write_items`].
    #[doc(hidden)]
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }

    /// Writes a list of these values.
    #[doc(hidden)]
    fn write_items<S: Serializer>(items: &[Self], serializer: S) -> Result<S::Ok, S::Error> {
        items.serialize(serializer)
    }
}

/// The [`WireValue`] methods a kind of type shares, written once for the kind: a generated type's
/// impl only names its shape, so the compiler checks these bodies once, not once per type (a
/// crate of thousands of types spent much of its build on those copies). The defaults are
/// [`Own`]'s: what a type gets when it writes nothing.
#[doc(hidden)]
pub trait ValueShape<T: WireValue> {
    /// [`WireValue::is_zero`].
    fn is_zero(value: &T) -> bool;
    /// [`WireValue::check`].
    #[inline]
    fn check(value: &T, report: &mut Report<'_>) {
        let _ = (value, report);
    }
    /// [`WireValue::read`].
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<T>, D::Error> {
        deserializer.deserialize_any(Lenient::<T>(PhantomData))
    }
    /// [`WireValue::from_null`].
    #[inline]
    fn from_null() -> Option<T> {
        None
    }
    /// [`WireValue::from_str`].
    #[inline]
    fn from_str(value: &str) -> Option<T> {
        let _ = value;
        None
    }
    /// [`WireValue::from_string`].
    #[inline]
    fn from_string(value: String) -> Result<T, String> {
        T::from_str(&value).ok_or(value)
    }
    /// [`WireValue::from_map`].
    #[inline]
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Read<T>, A::Error> {
        Ok(Read::Raw(Box::new(Raw::new(Value::Object(collect_map(map)?), T::EXPECTED))))
    }
    /// [`WireValue::variant`].
    #[inline]
    fn variant(value: &T) -> Option<&'static str> {
        let _ = value;
        None
    }
    /// [`WireValue::is_plain`].
    #[inline]
    fn is_plain(value: &T) -> bool {
        let _ = value;
        false
    }
}

/// The shape of the types that write their own [`WireValue`] methods (strings, numbers, lists,
/// maps, free-form JSON): the defaults. Each of them writes its own `is_zero`.
#[doc(hidden)]
pub struct Own;

impl<T: WireValue> ValueShape<T> for Own {
    #[inline]
    fn is_zero(value: &T) -> bool {
        let _ = value;
        false
    }
}

/// Serializes through [`WireValue::write`].
pub(crate) struct Written<'a, T>(pub &'a T);

impl<T: WireValue> Serialize for Written<'_, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

/// Reads a `T` with [`WireValue::read`] (a map value or an array element).
pub struct Seed<T>(PhantomData<T>);

impl<T> Seed<T> {
    pub(crate) fn new() -> Self {
        Seed(PhantomData)
    }
}

impl<'de, T: WireValue> DeserializeSeed<'de> for Seed<T> {
    type Value = Read<T>;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        T::read(deserializer)
    }
}

/// Reads `T` from whatever the parser reports, through its `from_*` methods.
pub(crate) struct Lenient<T>(pub(crate) PhantomData<T>);

fn raw<T: WireValue>(value: Value) -> Read<T> {
    Read::Raw(Box::new(Raw::new(value, T::EXPECTED)))
}

// A scalar that `T` does not take, kept raw: out of line, so that the visitor methods stay small
// enough for the parser's number and string paths to inline them.
#[cold]
#[inline(never)]
fn raw_bool<T: WireValue>(v: bool) -> Read<T> {
    raw(Value::Bool(v))
}
#[cold]
#[inline(never)]
fn raw_i64<T: WireValue>(v: i64) -> Read<T> {
    raw(Value::from(v))
}
#[cold]
#[inline(never)]
fn raw_u64<T: WireValue>(v: u64) -> Read<T> {
    raw(Value::from(v))
}
#[cold]
#[inline(never)]
fn raw_f64<T: WireValue>(v: f64) -> Read<T> {
    raw(float(v))
}
#[cold]
#[inline(never)]
fn raw_str<T: WireValue>(v: &str) -> Read<T> {
    raw(Value::from(v))
}
#[cold]
#[inline(never)]
fn raw_string<T: WireValue>(v: String) -> Read<T> {
    raw(Value::String(v))
}

impl<'de, T: WireValue> Visitor<'de> for Lenient<T> {
    type Value = Read<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }
    #[inline]
    fn visit_bool<E>(self, v: bool) -> Result<Read<T>, E> {
        Ok(T::from_bool(v).map_or_else(|| raw_bool(v), Read::Value))
    }
    #[inline]
    fn visit_i64<E>(self, v: i64) -> Result<Read<T>, E> {
        Ok(T::from_i64(v).map_or_else(|| raw_i64(v), Read::Value))
    }
    #[inline]
    fn visit_u64<E>(self, v: u64) -> Result<Read<T>, E> {
        Ok(T::from_u64(v).map_or_else(|| raw_u64(v), Read::Value))
    }
    #[inline]
    fn visit_f64<E>(self, v: f64) -> Result<Read<T>, E> {
        Ok(T::from_f64(v).map_or_else(|| raw_f64(v), Read::Value))
    }
    #[inline]
    fn visit_str<E>(self, v: &str) -> Result<Read<T>, E> {
        Ok(T::from_str(v).map_or_else(|| raw_str(v), Read::Value))
    }
    #[inline]
    fn visit_string<E>(self, v: String) -> Result<Read<T>, E> {
        Ok(match T::from_string(v) {
            Ok(found) => Read::Value(found),
            Err(v) => raw_string(v),
        })
    }
    #[inline]
    fn visit_unit<E>(self) -> Result<Read<T>, E> {
        Ok(Read::Null)
    }
    #[inline]
    fn visit_none<E>(self) -> Result<Read<T>, E> {
        Ok(Read::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        T::read(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Read<T>, A::Error> {
        T::from_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Read<T>, A::Error> {
        T::from_map(map)
    }
}

fn float(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

/// Any JSON value, read with repeated keys rejected at every depth (`serde_json::Value` keeps the
/// last one silently).
pub struct JsonValue(pub Value);

impl<'de> Deserialize<'de> for JsonValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor).map(JsonValue)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        collect_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        collect_map(map).map(Value::Object)
    }
}

/// The rest of an array, as JSON.
pub(crate) fn collect_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Value, A::Error> {
    let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(256));
    while let Some(JsonValue(item)) = seq.next_element()? {
        items.push(item);
    }
    Ok(Value::Array(items))
}

/// The rest of an object, as JSON; a repeated key is an error.
pub(crate) fn collect_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Map<String, Value>, A::Error> {
    let mut object = Map::new();
    while let Some(key) = map.next_key::<String>()? {
        let JsonValue(value) = map.next_value()?;
        insert_once(&mut object, key, value)?;
    }
    Ok(object)
}

/// Adds an entry to an object; a key that is already there is an error (as serde's derives do):
/// with duplicates, which value counts is anyone's guess, and a round trip would drop one.
pub fn insert_once<E: de::Error>(object: &mut Map<String, Value>, key: String, value: Value) -> Result<(), E> {
    match object.entry(key) {
        serde_json::map::Entry::Vacant(slot) => {
            slot.insert(value);
            Ok(())
        }
        serde_json::map::Entry::Occupied(slot) => Err(E::custom(format_args!("duplicate key `{}`", slot.key()))),
    }
}

impl WireValue for String {
    const EXPECTED: &'static str = "a string";
    type Shape = Own;
    fn is_zero(&self) -> bool {
        self.is_empty()
    }
    #[inline]
    fn from_str(value: &str) -> Option<Self> {
        Some(value.to_owned())
    }
    #[inline]
    fn from_string(value: String) -> Result<Self, String> {
        Ok(value)
    }
}

impl WireValue for bool {
    const EXPECTED: &'static str = "a boolean";
    type Shape = Own;
    fn is_zero(&self) -> bool {
        !*self
    }
    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }
}

impl WireValue for i64 {
    const EXPECTED: &'static str = "an integer";
    type Shape = Own;
    fn is_zero(&self) -> bool {
        *self == 0
    }
    fn from_i64(value: i64) -> Option<Self> {
        Some(value)
    }
    fn from_u64(value: u64) -> Option<Self> {
        i64::try_from(value).ok()
    }
    /// Integer lists (token bytes) go through the narrowest integer method that holds each
    /// element in human-readable formats: the same digits, and serde_json prints a `u8` inline
    /// where an `i64` takes its general routine.
    fn write_items<S: Serializer>(items: &[Self], serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return items.serialize(serializer);
        }
        let mut seq = serializer.serialize_seq(Some(items.len()))?;
        for &value in items {
            match u8::try_from(value) {
                Ok(small) => seq.serialize_element(&small)?,
                Err(_) => seq.serialize_element(&value)?,
            }
        }
        seq.end()
    }
}

impl WireValue for u64 {
    const EXPECTED: &'static str = "a non-negative integer";
    type Shape = Own;
    fn is_zero(&self) -> bool {
        *self == 0
    }
    fn from_i64(value: i64) -> Option<Self> {
        u64::try_from(value).ok()
    }
    fn from_u64(value: u64) -> Option<Self> {
        Some(value)
    }
}

impl WireValue for JsonNumber {
    const EXPECTED: &'static str = "a number";
    type Shape = Own;
    fn is_zero(&self) -> bool {
        *self == JsonNumber::default()
    }
    fn from_i64(value: i64) -> Option<Self> {
        Some(JsonNumber::from(value))
    }
    fn from_u64(value: u64) -> Option<Self> {
        Some(JsonNumber::from(value))
    }
    fn from_f64(value: f64) -> Option<Self> {
        Some(JsonNumber::from(value))
    }
}

/// Free-form JSON: every value is a value, `null` included.
impl WireValue for Value {
    const EXPECTED: &'static str = "any JSON value";
    type Shape = Own;
    fn is_zero(&self) -> bool {
        self.is_null()
    }
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        JsonValue::deserialize(deserializer).map(|JsonValue(v)| Read::Value(v))
    }
}

/// A free-form object.
impl WireValue for Map<String, Value> {
    const EXPECTED: &'static str = "an object";
    type Shape = Own;
    fn is_zero(&self) -> bool {
        self.is_empty()
    }
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Read<Self>, A::Error> {
        collect_map(map).map(Read::Value)
    }
}

/// The JSON of values already read, for a container that turned out to hold one that is not.
fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl<T: WireValue> WireValue for Vec<T> {
    const EXPECTED: &'static str = "an array";
    type Shape = Own;
    fn is_zero(&self) -> bool {
        self.is_empty()
    }
    fn check(&self, report: &mut Report<'_>) {
        for (i, item) in self.iter().enumerate() {
            report.index(i, |r| item.check(r));
        }
    }
    /// Items are read one by one; at the first that is not a `T` the array is kept raw whole,
    /// with the item's place for the mismatch report.
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Read<Self>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let found = match seq.next_element_seed(Seed::<T>::new())? {
                None => return Ok(Read::Value(items)),
                Some(Read::Value(item)) => {
                    items.push(item);
                    continue;
                }
                Some(Read::Null) => match T::from_null() {
                    Some(item) => {
                        items.push(item);
                        continue;
                    }
                    None => Raw::new(Value::Null, T::EXPECTED),
                },
                Some(Read::Raw(raw)) => *raw,
            };
            let at = format!("/{}", items.len());
            let mut all: Vec<Value> = items.iter().map(to_json).collect();
            all.push(found.value.clone());
            if let Value::Array(rest) = collect_seq(seq)? {
                all.extend(rest);
            }
            return Ok(Read::Raw(Box::new(found.inside(Value::Array(all), &at))));
        }
    }
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        T::write_items(self, serializer)
    }
}

impl<T: WireValue> WireValue for BTreeMap<String, T> {
    const EXPECTED: &'static str = "an object";
    type Shape = Own;
    fn is_zero(&self) -> bool {
        self.is_empty()
    }
    fn check(&self, report: &mut Report<'_>) {
        for (key, value) in self {
            report.key(key, |r| value.check(r));
        }
    }
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Read<Self>, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let found = match map.next_value_seed(Seed::<T>::new())? {
                Read::Value(value) => {
                    if entries.contains_key(&key) {
                        return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
                    }
                    entries.insert(key, value);
                    continue;
                }
                Read::Null if T::from_null().is_some() => {
                    if let Some(value) = T::from_null() {
                        if entries.insert(key.clone(), value).is_some() {
                            return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
                        }
                    }
                    continue;
                }
                Read::Null => Raw::new(Value::Null, T::EXPECTED),
                Read::Raw(raw) => *raw,
            };
            let mut all = Map::new();
            for (k, v) in &entries {
                all.insert(k.clone(), to_json(v));
            }
            let mut at = Pointer::default();
            at.push_key(&key);
            let at = at.as_str().to_owned();
            insert_once(&mut all, key, found.value.clone())?;
            for (k, v) in collect_map(map)? {
                insert_once(&mut all, k, v)?;
            }
            return Ok(Read::Raw(Box::new(found.inside(Value::Object(all), &at))));
        }
        Ok(Read::Value(entries))
    }
}

/// An item that may be `null` (`Vec<Option<T>>`, a nullable alias).
impl<T: WireValue> WireValue for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    type Shape = Own;
    fn is_zero(&self) -> bool {
        self.is_none()
    }
    fn check(&self, report: &mut Report<'_>) {
        if let Some(value) = self {
            value.check(report);
        }
    }
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        Ok(match T::read(deserializer)? {
            Read::Value(v) => Read::Value(Some(v)),
            Read::Null => Read::Value(None),
            Read::Raw(raw) => Read::Raw(raw),
        })
    }
}

/// Recursive types.
impl<T: WireValue> WireValue for Box<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    type Shape = Own;
    fn is_zero(&self) -> bool {
        (**self).is_zero()
    }
    fn check(&self, report: &mut Report<'_>) {
        (**self).check(report);
    }
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        Ok(match T::read(deserializer)? {
            Read::Value(v) => Read::Value(Box::new(v)),
            Read::Null => Read::Null,
            Read::Raw(raw) => Read::Raw(raw),
        })
    }
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).write(serializer)
    }
    fn is_plain(&self) -> bool {
        (**self).is_plain()
    }
}

/// Reads a union variant's value: `known` when it is a `T`, `unknown` (with the JSON as read)
/// otherwise.
pub fn variant<'de, T, U, D>(
    deserializer: D,
    known: impl FnOnce(T) -> U,
    unknown: impl FnOnce(Value) -> U,
) -> Result<U, D::Error>
where
    T: WireValue,
    D: Deserializer<'de>,
{
    Ok(match T::read(deserializer)? {
        Read::Value(v) => known(v),
        Read::Null => unknown(Value::Null),
        Read::Raw(raw) => unknown((*raw).into_value()),
    })
}

/// A value of one type as another that reads the same JSON (an output item as an input item):
/// written and read again; what the target does not take goes to `unknown` as JSON.
pub fn reread<T: Serialize, U: serde::de::DeserializeOwned>(value: &T, unknown: fn(Value) -> U) -> U {
    let json = serde_json::to_value(value).unwrap_or_default();
    serde_json::from_value(json.clone()).unwrap_or_else(|_| unknown(json))
}

/// What reading a type's JSON and writing it back gave: the JSON written, the variant a union
/// chose, and where the value left the spec.
pub type RoundTrip = Result<(Value, Option<&'static str>, Vec<Mismatch>), serde_json::Error>;

/// A type registry entry: [`round_trip`] for one type.
pub type RoundTripFn = fn(&str) -> RoundTrip;

/// A type registry entry: the type's name and its [`round_trip`].
#[doc(hidden)]
#[macro_export]
macro_rules! registry_entry {
    ($name:ident) => {
        (stringify!($name), $crate::runtime::value::round_trip::<$name> as $crate::runtime::value::RoundTripFn)
    };
}

/// Reads `json` as a `T` and writes it back (the type registry's entry for `T`). It writes with
/// [`super::json::to_vec`] and fails if that differs by one byte from `serde_json::to_vec`, so
/// every test and fuzzer of the registry checks the crate's writer on every type.
pub fn round_trip<T: WireValue + serde::de::DeserializeOwned>(json: &str) -> RoundTrip {
    let value: T = serde_json::from_str(json)?;
    let mismatches = value.spec_mismatches();
    let written = super::json::to_vec(&value)?;
    if written != serde_json::to_vec(&value)? {
        return Err(serde::ser::Error::custom("json::to_vec and serde_json::to_vec wrote different bytes"));
    }
    Ok((serde_json::from_slice(&written)?, value.variant(), mismatches))
}

/// The mismatch of a value kept in a union's `Unknown` variant: for a tagged union, an object
/// whose tag is unknown, not a string, or missing (named at the tag's key); otherwise `null` or a
/// value no variant takes.
pub fn unknown_variant(tag: Option<&str>, expected: &'static str, value: &Value, report: &mut Report<'_>) {
    match (tag, value) {
        (Some(key), Value::Object(object)) => report.key(key, |r| match object.get(key) {
            Some(Value::String(found)) => r.add(Problem::UnknownTag(found.clone())),
            Some(other) => r.add(Problem::WrongType { expected: "a string (the tag)", found: describe(other) }),
            None => r.add(Problem::MissingField),
        }),
        (_, Value::Null) => report.add(Problem::UnexpectedNull),
        _ => report.add(Problem::NoVariant { expected, found: describe(value) }),
    }
}

/// [`unknown_variant`] for a union whose one array variant is a `T`: an array that is not a `T`
/// is reported where it left the spec (the item that has another JSON type).
pub fn unknown_array_variant<T: WireValue>(
    tag: Option<&str>,
    expected: &'static str,
    value: &Value,
    report: &mut Report<'_>,
) {
    if value.is_array() {
        if let Ok(Read::Raw(raw)) = T::read(value) {
            return report.raw(&raw);
        }
    }
    unknown_variant(tag, expected, value, report);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: WireValue>(json: &str) -> Read<T> {
        let mut de = serde_json::Deserializer::from_str(json);
        T::read(&mut de).unwrap()
    }

    #[test]
    fn documented_kinds_read_as_values_and_others_raw() {
        assert!(matches!(read::<String>(r#""a""#), Read::Value(s) if s == "a"));
        assert!(matches!(read::<String>("null"), Read::Null));
        assert!(matches!(read::<String>(r#"{"a":1}"#), Read::Raw(r) if r.value == serde_json::json!({"a": 1})));
        assert!(matches!(read::<i64>("1.0"), Read::Raw(r) if r.value == serde_json::json!(1.0)));
        assert!(matches!(read::<i64>("18446744073709551615"), Read::Raw(_)));
        assert!(matches!(read::<u64>("18446744073709551615"), Read::Value(u64::MAX)));
        assert!(matches!(read::<Value>("null"), Read::Value(Value::Null)));
    }

    #[test]
    fn an_array_with_a_stray_item_is_kept_whole_and_says_where() {
        let Read::Raw(raw) = read::<Vec<i64>>("[1, 2, \"x\", 4]") else { panic!("expected raw") };
        assert_eq!(raw.value.to_string(), r#"[1,2,"x",4]"#);
        assert_eq!(raw.at, "/2");
        let Read::Raw(raw) = read::<BTreeMap<String, i64>>(r#"{"a": 1, "b/c": null}"#) else { panic!("expected raw") };
        assert_eq!(raw.at, "/b~1c");
        assert_eq!(raw.value, serde_json::json!({"a": 1, "b/c": null}));
    }

    #[test]
    fn repeated_keys_are_errors_at_every_depth() {
        for json in [r#"{"a":1,"a":2}"#, r#"[{"x":{"a":1,"a":2}}]"#] {
            let error = serde_json::from_str::<JsonValue>(json).err().expect("an error");
            assert!(error.to_string().starts_with("duplicate key `a`"), "{error}");
        }
        let mut de = serde_json::Deserializer::from_str(r#"{"k":1,"k":2}"#);
        assert!(BTreeMap::<String, i64>::read(&mut de).is_err());
    }
}
