//! Generated structs ([`Object`]): the generated code lists the fields ([`FieldSpec`]), reads one
//! key into its field through a [`Reader`] ([`Object::read_field`]) and visits its fields in order
//! ([`Object::visit_fields`]). Reading, writing and the mismatch report are written here, once,
//! against those three.
//!
//! The rules, per field:
//! - reading: a value of the documented type is stored; `null` where the field cannot hold it,
//!   a value of another JSON type, or a missing required key leave the field at its zero value
//!   and are recorded in the struct's [`Wire`];
//! - writing: a field whose [`Wire`] state is set and that still holds its zero value is written
//!   as it was read (left out, `null`, the raw value); any other value is written as it is;
//! - a key read twice is an error, as everywhere.

use super::value::{collect_map, insert_once, JsonValue, Read, Seed, ValueShape, WireValue, Written};
use super::wire::{Presence, Problem, Report, Wire};
use super::Nullable;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};
use std::fmt;
use std::marker::PhantomData;

/// A field's role on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Required, not nullable: `T`.
    Required,
    /// Required and nullable: `Option<T>`, `None` written as `null`.
    RequiredNullable,
    /// Optional, not nullable: `Option<T>`, `None` left out.
    Optional,
    /// Optional and nullable: `Nullable<T>`.
    OptionalNullable,
    /// A string constant the type fills in (`"type": "message"`).
    Tag(&'static str),
    /// Another constant, as JSON text.
    Constant(&'static str),
}

/// One declared key of a struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The JSON key.
    pub name: &'static str,
    /// Its role.
    pub kind: FieldKind,
}

impl FieldSpec {
    /// A required field.
    pub const fn required(name: &'static str) -> Self {
        FieldSpec { name, kind: FieldKind::Required }
    }
    /// A required field that may be `null`.
    pub const fn required_nullable(name: &'static str) -> Self {
        FieldSpec { name, kind: FieldKind::RequiredNullable }
    }
    /// An optional field.
    pub const fn optional(name: &'static str) -> Self {
        FieldSpec { name, kind: FieldKind::Optional }
    }
    /// An optional field that may be `null`.
    pub const fn optional_nullable(name: &'static str) -> Self {
        FieldSpec { name, kind: FieldKind::OptionalNullable }
    }
    /// A string constant.
    pub const fn tag(name: &'static str, value: &'static str) -> Self {
        FieldSpec { name, kind: FieldKind::Tag(value) }
    }
    /// Another constant, as JSON text.
    pub const fn constant(name: &'static str, json: &'static str) -> Self {
        FieldSpec { name, kind: FieldKind::Constant(json) }
    }

    /// Whether the key must be there.
    const fn is_required(&self) -> bool {
        !matches!(self.kind, FieldKind::Optional | FieldKind::OptionalNullable)
    }

    /// The constant's value, for constants.
    fn constant_value(&self) -> Option<Value> {
        match self.kind {
            FieldKind::Tag(value) => Some(Value::from(value)),
            FieldKind::Constant(json) => serde_json::from_str(json).ok(),
            _ => None,
        }
    }
}

/// A generated struct's wire states and undeclared fields (`wire`, `extra_fields`), where the
/// runtime keeps what it read beside the fields. [`object_impls!`](crate::object_impls) implements it.
#[doc(hidden)]
pub trait Parts {
    /// Its wire states and its undeclared fields.
    fn parts(&self) -> (&Wire, &Map<String, Value>);

    /// Its wire states and its undeclared fields, mutably.
    fn parts_mut(&mut self) -> (&mut Wire, &mut Map<String, Value>);
}

/// A generated struct. Implemented by the generated code; everything else is derived from it.
pub trait Object: WireValue + Parts {
    /// Its declared keys, in the order they are written.
    const FIELDS: &'static [FieldSpec] = &[];

    /// Reads the value of `key` into its field through `fields`; `false` when `key` is not
    /// declared. (A struct without fields declares none.)
    fn read_field<R: Reader>(&mut self, key: &str, fields: &mut R) -> Result<bool, R::Error> {
        let _ = (key, fields);
        Ok(false)
    }

    /// Hands every declared key to `visitor`, in [`FIELDS`](Object::FIELDS) order.
    fn visit_fields<V: FieldVisitor>(&self, visitor: &mut V) -> Result<(), V::Error> {
        let _ = visitor;
        Ok(())
    }

    /// How the field `key` was on the wire (`None`: no such declared key).
    fn presence(&self, key: &str) -> Option<Presence<'_>> {
        let index = Self::FIELDS.iter().position(|f| f.name == key)?;
        Some(self.parts().0.presence(index))
    }

    /// The JSON this value was read from when it was not an object (an array item of another
    /// JSON type, say): then every field is zero and this JSON is written back.
    fn kept_whole(&self) -> Option<&Value> {
        self.parts().0.whole().map(super::wire::Raw::value)
    }

    /// Forgets how the value was read: from now on the fields alone decide how it is written, as
    /// for a value built in Rust. Nested values keep their own states.
    fn forget_wire(&mut self) {
        *self.parts_mut().0 = Wire::default();
    }
}

/// What [`Object::read_field`] reads a declared key's value through, one method per kind of
/// field, each answering `true` (the key was declared). [`read_object`] implements it on the
/// JSON object being read; it is a trait so that the generated signature stays short.
pub trait Reader {
    /// The error reading can fail with.
    type Error;
    /// A required field (`T`).
    fn plain<T: WireValue>(&mut self, index: usize, field: &mut T) -> Result<bool, Self::Error>;
    /// An `Option<T>` field: optional, or required and nullable.
    fn option<T: WireValue>(&mut self, index: usize, field: &mut Option<T>) -> Result<bool, Self::Error>;
    /// A `Nullable<T>` field.
    fn nullable<T: WireValue>(&mut self, index: usize, field: &mut Nullable<T>) -> Result<bool, Self::Error>;
    /// A constant: another value is kept raw.
    fn constant(&mut self, index: usize) -> Result<bool, Self::Error>;
}

/// Reads a struct's keys from `map`, recording which keys were seen and how.
struct FieldReader<'de, A> {
    map: A,
    fields: &'static [FieldSpec],
    seen: u64,
    seen_far: Vec<usize>,
    wire: Wire,
    input: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> FieldReader<'de, A> {
    #[inline]
    fn new(fields: &'static [FieldSpec], map: A) -> Self {
        FieldReader { map, fields, seen: 0, seen_far: Vec::new(), wire: Wire::default(), input: PhantomData }
    }

    #[inline]
    fn is_seen(&self, index: usize) -> bool {
        if index < 64 {
            self.seen & (1 << index) != 0
        } else {
            self.seen_far.contains(&index)
        }
    }

    /// Marks `index` seen; a second time is a `duplicate field` error.
    #[inline]
    fn mark(&mut self, index: usize) -> Result<(), A::Error> {
        if self.is_seen(index) {
            let name = self.fields.get(index).map_or("?", |f| f.name);
            return Err(de::Error::duplicate_field(name));
        }
        if index < 64 {
            self.seen |= 1 << index;
        } else {
            self.seen_far.push(index);
        }
        Ok(())
    }

    #[inline]
    fn kind(&self, index: usize) -> FieldKind {
        self.fields.get(index).map_or(FieldKind::Optional, |f| f.kind)
    }
}

impl<'de, A: MapAccess<'de>> Reader for FieldReader<'de, A> {
    type Error = A::Error;

    #[inline]
    fn plain<T: WireValue>(&mut self, index: usize, field: &mut T) -> Result<bool, A::Error> {
        self.mark(index)?;
        match self.map.next_value_seed(Seed::<T>::new())? {
            Read::Value(value) => *field = value,
            Read::Null => self.wire.set_null(index),
            Read::Raw(raw) => self.wire.set_raw(index, *raw),
        }
        Ok(true)
    }

    #[inline]
    fn option<T: WireValue>(&mut self, index: usize, field: &mut Option<T>) -> Result<bool, A::Error> {
        self.mark(index)?;
        match self.map.next_value_seed(Seed::<T>::new())? {
            Read::Value(value) => *field = Some(value),
            // `None` of a required nullable field is `null` already.
            Read::Null if self.kind(index) == FieldKind::RequiredNullable => {}
            Read::Null => self.wire.set_null(index),
            Read::Raw(raw) => self.wire.set_raw(index, *raw),
        }
        Ok(true)
    }

    #[inline]
    fn nullable<T: WireValue>(&mut self, index: usize, field: &mut Nullable<T>) -> Result<bool, A::Error> {
        self.mark(index)?;
        match self.map.next_value_seed(Seed::<T>::new())? {
            Read::Value(value) => *field = Nullable::Value(value),
            Read::Null => *field = Nullable::Null,
            Read::Raw(raw) => self.wire.set_raw(index, *raw),
        }
        Ok(true)
    }

    #[inline]
    fn constant(&mut self, index: usize) -> Result<bool, A::Error> {
        self.mark(index)?;
        let Some(spec) = self.fields.get(index) else {
            return self.map.next_value::<de::IgnoredAny>().map(|_| true);
        };
        let other = match spec.kind {
            FieldKind::Tag(expected) => self.map.next_value_seed(TagSeed(expected))?,
            _ => {
                let JsonValue(found) = self.map.next_value()?;
                (Some(&found) != spec.constant_value().as_ref()).then_some(found)
            }
        };
        if let Some(found) = other {
            self.wire.set_raw(index, super::wire::Raw::new(found, "a constant"));
        }
        Ok(true)
    }
}

impl<A> FieldReader<'_, A> {
    /// Stores the states in `wire` (a struct's, as [`Default`] made it), with every required key
    /// that was not seen marked absent. `required` is [`required_mask`] of the fields: one test
    /// for the first 64, a loop only past them.
    #[inline]
    fn finish(&mut self, required: u64, wire: &mut Wire) {
        wire.set_read(std::mem::take(&mut self.wire));
        let missing = required & !self.seen;
        if missing != 0 {
            wire.set_absent_bits(missing);
        }
        if self.fields.len() > 64 {
            self.finish_far(wire);
        }
    }

    /// The required fields past the 64th that were not seen, marked absent.
    #[cold]
    #[inline(never)]
    fn finish_far(&self, wire: &mut Wire) {
        for (index, field) in self.fields.iter().enumerate().skip(64) {
            if field.is_required() && !self.seen_far.contains(&index) {
                wire.set_absent(index);
            }
        }
    }
}

/// Bit `i`: field `i` (below 64) is required.
const fn required_mask(fields: &[FieldSpec]) -> u64 {
    let mut mask = 0;
    let mut i = 0;
    while i < fields.len() && i < 64 {
        if fields[i].is_required() {
            mask |= 1 << i;
        }
        i += 1;
    }
    mask
}

/// [`required_mask`] of a struct's fields, computed once per type at compile time.
struct Required<O>(PhantomData<O>);

impl<O: Object> Required<O> {
    const MASK: u64 = required_mask(O::FIELDS);
}

/// Reads a string constant without copying it when it matches: `None`, or the other value.
struct TagSeed(&'static str);

impl<'de> DeserializeSeed<'de> for TagSeed {
    type Value = Option<Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Value>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TagSeed {
    type Value = Option<Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the string {:?}", self.0)
    }
    fn visit_str<E>(self, v: &str) -> Result<Option<Value>, E> {
        Ok((v != self.0).then(|| Value::from(v)))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Option<Value>, E> {
        Ok(Some(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Option<Value>, E> {
        Ok(Some(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Option<Value>, E> {
        Ok(Some(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Option<Value>, E> {
        Ok(Some(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)))
    }
    fn visit_unit<E>(self) -> Result<Option<Value>, E> {
        Ok(Some(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<Value>, A::Error> {
        super::value::collect_seq(seq).map(Some)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Value>, A::Error> {
        collect_map(map).map(|m| Some(Value::Object(m)))
    }
}

/// What a struct's fields are handed to, in order, by [`Object::visit_fields`].
pub trait FieldVisitor {
    /// The error writing can fail with.
    type Error;
    /// A required field.
    fn plain<T: WireValue>(&mut self, index: usize, field: &T) -> Result<(), Self::Error>;
    /// An `Option<T>` field (optional, or required and nullable).
    fn option<T: WireValue>(&mut self, index: usize, field: &Option<T>) -> Result<(), Self::Error>;
    /// A `Nullable<T>` field.
    fn nullable<T: WireValue>(&mut self, index: usize, field: &Nullable<T>) -> Result<(), Self::Error>;
    /// A constant.
    fn constant(&mut self, index: usize) -> Result<(), Self::Error>;
}

/// Reads an object into `O`: every key into its field or the undeclared ones.
pub fn read_object<'de, O: Object, A: MapAccess<'de>>(map: A) -> Result<O, A::Error> {
    let mut object = O::default();
    let mut fields = FieldReader::new(O::FIELDS, map);
    while let Some(key) = fields.map.next_key::<super::de::Key<'de>>()? {
        if !object.read_field(key.as_str(), &mut fields)? {
            let JsonValue(value) = fields.map.next_value()?;
            insert_once(object.parts_mut().1, key.into_string(), value)?;
        }
    }
    fields.finish(Required::<O>::MASK, object.parts_mut().0);
    Ok(object)
}

/// [`WireValue::read`] of a struct: JSON that is not an object is kept whole in a zero struct, so
/// a list of structs keeps its other items typed.
pub fn read_value<'de, O: Object, D: Deserializer<'de>>(deserializer: D) -> Result<Read<O>, D::Error> {
    Ok(match deserializer.deserialize_any(super::value::Lenient::<O>(PhantomData))? {
        Read::Raw(raw) => {
            let mut object = O::default();
            object.parts_mut().0.set_whole(*raw);
            Read::Value(object)
        }
        other => other,
    })
}

/// A struct kept as `null` (a list item): all fields zero, written back as `null`.
pub fn kept_null<O: Object>() -> O {
    let mut object = O::default();
    object.parts_mut().0.set_whole(super::wire::Raw::new(Value::Null, O::EXPECTED));
    object
}

/// `Deserialize` of a struct: an object is required at the top.
pub fn deserialize<'de, O: Object, D: Deserializer<'de>>(deserializer: D) -> Result<O, D::Error> {
    struct ObjectVisitor<O>(PhantomData<O>);
    impl<'de, O: Object> Visitor<'de> for ObjectVisitor<O> {
        type Value = O;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(O::EXPECTED)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<O, A::Error> {
            read_object(map)
        }
    }
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Writes a struct's fields. Keys and kinds come from `O::FIELDS`, a constant: once a field's
/// call is inlined into the generated `visit_fields`, its key is a constant string (serde_json
/// then escapes it at compile time) and its kind is known.
struct Writer<'a, M, O> {
    map: &'a mut M,
    wire: &'a Wire,
    /// [`Wire::special_mask`], read once per struct.
    special: u64,
    object: PhantomData<fn(&O)>,
}

impl<M, O: Object> Writer<'_, M, O> {
    #[inline(always)]
    fn key(index: usize) -> &'static str {
        O::FIELDS.get(index).map_or("", |f| f.name)
    }

    #[inline(always)]
    fn kind(index: usize) -> Option<FieldKind> {
        O::FIELDS.get(index).map(|f| f.kind)
    }

    /// Writes field `index`'s key and `value`: `serialize_key` then `serialize_value` (what
    /// `serialize_entry` does by default), each small enough to be inlined, so that the constant
    /// key is escaped at compile time.
    #[inline(always)]
    fn entry<V: Serialize + ?Sized>(&mut self, index: usize, value: &V) -> Result<(), M::Error>
    where
        M: SerializeMap,
    {
        self.map.serialize_key(Self::key(index))?;
        self.map.serialize_value(value)
    }

    /// Whether field `index` may have a wire state (see [`Wire::special_mask`]).
    #[inline(always)]
    fn is_special(&self, index: usize) -> bool {
        if index < 64 {
            self.special & (1 << index) != 0
        } else {
            self.special == u64::MAX
        }
    }
}

impl<M: SerializeMap, O: Object> Writer<'_, M, O> {
    /// A field that holds its zero value and has a wire state: written as it was read.
    #[cold]
    fn as_read(&mut self, index: usize) -> Result<(), M::Error> {
        match self.wire.presence(index) {
            Presence::Stored | Presence::Absent => Ok(()),
            Presence::Null => self.map.serialize_entry(Self::key(index), &()),
            Presence::Raw(value) => self.map.serialize_entry(Self::key(index), value),
        }
    }
}

impl<M: SerializeMap, O: Object> FieldVisitor for Writer<'_, M, O> {
    type Error = M::Error;

    #[inline]
    fn plain<T: WireValue>(&mut self, index: usize, field: &T) -> Result<(), M::Error> {
        if self.is_special(index) && field.is_zero() && self.wire.presence(index) != Presence::Stored {
            return self.as_read(index);
        }
        self.entry(index, &Written(field))
    }

    #[inline]
    fn option<T: WireValue>(&mut self, index: usize, field: &Option<T>) -> Result<(), M::Error> {
        match field {
            Some(value) => self.entry(index, &Written(value)),
            None if self.is_special(index) && self.wire.presence(index) != Presence::Stored => self.as_read(index),
            None if Self::kind(index) == Some(FieldKind::RequiredNullable) => self.entry(index, &()),
            None => Ok(()),
        }
    }

    #[inline]
    fn nullable<T: WireValue>(&mut self, index: usize, field: &Nullable<T>) -> Result<(), M::Error> {
        match field {
            Nullable::Value(value) => self.entry(index, &Written(value)),
            Nullable::Null => self.entry(index, &()),
            Nullable::Absent if self.is_special(index) => self.as_read(index),
            Nullable::Absent => Ok(()),
        }
    }

    #[inline]
    fn constant(&mut self, index: usize) -> Result<(), M::Error> {
        if self.is_special(index) && self.wire.presence(index) != Presence::Stored {
            return self.as_read(index);
        }
        match Self::kind(index) {
            Some(FieldKind::Tag(value)) => self.entry(index, value),
            Some(FieldKind::Constant(json)) => {
                let value: Value = serde_json::from_str(json).unwrap_or(Value::Null);
                self.entry(index, &value)
            }
            _ => Ok(()),
        }
    }
}

/// `Serialize` of a struct: declared keys in order, then the undeclared ones.
#[inline]
pub fn serialize<O: Object, S: Serializer>(object: &O, serializer: S) -> Result<S::Ok, S::Error> {
    let (wire, extra) = object.parts();
    if let Some(raw) = wire.whole() {
        return serde::Serialize::serialize(raw.value(), serializer);
    }
    let mut map = serializer.serialize_map(None)?;
    let special = wire.special_mask();
    object.visit_fields(&mut Writer::<_, O> { map: &mut map, wire, special, object: PhantomData })?;
    if !extra.is_empty() {
        write_extra(&mut map, extra, O::FIELDS)?;
    }
    map.end()
}

/// A declared key in the undeclared map would be written twice: the declared field wins.
#[cold]
fn write_extra<M: SerializeMap>(map: &mut M, extra: &Map<String, Value>, fields: &[FieldSpec]) -> Result<(), M::Error> {
    for (key, value) in extra {
        if !fields.iter().any(|f| f.name == key) {
            map.serialize_entry(key, value)?;
        }
    }
    Ok(())
}

struct Checker<'r, 'a> {
    report: &'r mut Report<'a>,
    fields: &'static [FieldSpec],
    wire: &'r Wire,
}

impl Checker<'_, '_> {
    fn key(&self, index: usize) -> &'static str {
        self.fields.get(index).map_or("", |f| f.name)
    }

    /// The mismatch of a field with a wire state; `false` when it has none.
    fn state(&mut self, index: usize) -> bool {
        let key = self.key(index);
        match self.wire.presence(index) {
            Presence::Stored => return false,
            Presence::Absent => self.report.key(key, |r| r.add(Problem::MissingField)),
            Presence::Null => self.report.key(key, |r| r.add(Problem::UnexpectedNull)),
            Presence::Raw(value) => {
                let expected = self.fields.get(index).and_then(FieldSpec::constant_value);
                match (expected, self.wire.raw(index)) {
                    (Some(expected), _) => self.report.key(key, |r| {
                        r.add(Problem::WrongConstant { expected: expected.to_string(), found: value.to_string() })
                    }),
                    (None, Some(raw)) => self.report.key(key, |r| r.raw(raw)),
                    (None, None) => {}
                }
            }
        }
        true
    }
}

impl FieldVisitor for Checker<'_, '_> {
    type Error = std::convert::Infallible;

    fn plain<T: WireValue>(&mut self, index: usize, field: &T) -> Result<(), Self::Error> {
        if !self.state(index) {
            self.report.key(self.key(index), |r| field.check(r));
        }
        Ok(())
    }

    fn option<T: WireValue>(&mut self, index: usize, field: &Option<T>) -> Result<(), Self::Error> {
        if !self.state(index) {
            if let Some(value) = field {
                self.report.key(self.key(index), |r| value.check(r));
            }
        }
        Ok(())
    }

    fn nullable<T: WireValue>(&mut self, index: usize, field: &Nullable<T>) -> Result<(), Self::Error> {
        if !self.state(index) {
            if let Nullable::Value(value) = field {
                self.report.key(self.key(index), |r| value.check(r));
            }
        }
        Ok(())
    }

    fn constant(&mut self, index: usize) -> Result<(), Self::Error> {
        self.state(index);
        Ok(())
    }
}

/// The mismatches of a struct: its fields' states, what is inside them, its undeclared keys.
pub fn check<O: Object>(object: &O, report: &mut Report<'_>) {
    let (wire, extra) = object.parts();
    if let Some(raw) = wire.whole() {
        return report.raw(raw);
    }
    let _ = object.visit_fields(&mut Checker { report, fields: O::FIELDS, wire });
    for key in extra.keys() {
        if !O::FIELDS.iter().any(|f| f.name == key) {
            report.key(key, |r| r.add(Problem::UnknownField));
        }
    }
}

/// The [`WireValue`] methods of every generated struct, written once (`ValueShape`).
#[doc(hidden)]
pub struct ObjectShape;

impl<O: Object + PartialEq> ValueShape<O> for ObjectShape {
    #[inline]
    fn is_zero(value: &O) -> bool {
        *value == O::default()
    }
    #[inline]
    fn check(value: &O, report: &mut Report<'_>) {
        check(value, report)
    }
    #[inline]
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Read<O>, A::Error> {
        read_object(map).map(Read::Value)
    }
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<O>, D::Error> {
        read_value(deserializer)
    }
    #[inline]
    fn from_null() -> Option<O> {
        Some(kept_null())
    }
    #[inline]
    fn is_plain(value: &O) -> bool {
        is_plain(value)
    }
}

/// The [`WireValue`] methods of every generated string enum, written once (`ValueShape`).
#[doc(hidden)]
pub struct StringEnumShape;

impl<E> ValueShape<E> for StringEnumShape
where
    E: StringEnum + WireValue + fmt::Display + for<'a> From<&'a str> + From<String>,
{
    #[inline]
    fn is_zero(value: &E) -> bool {
        *value == E::default()
    }
    #[inline]
    fn check(value: &E, report: &mut Report<'_>) {
        // Not in the table: the `Unknown` variant.
        if value_of(E::VALUES, value).is_none() {
            report.add(Problem::UnknownEnumValue(value.to_string()));
        }
    }
    #[inline]
    fn from_str(value: &str) -> Option<E> {
        Some(E::from(value))
    }
    #[inline]
    fn from_string(value: String) -> Result<E, String> {
        Ok(E::from(value))
    }
}

/// A generated string enum's documented values, each with its variant (in declaration order):
/// `as_str` and `From<&str>` read this table ([`string_enum_impls!`](crate::string_enum_impls)).
pub trait StringEnum: Clone + PartialEq + 'static {
    /// Each documented variant and its value.
    const VALUES: &'static [(Self, &'static str)];

    /// The variant of a documented value.
    #[inline]
    fn variant(value: &str) -> Option<Self> {
        variant_of(Self::VALUES, &value)
    }

    /// The value of a documented variant (`""` for `Unknown`, which holds its own).
    #[inline]
    fn value(&self) -> &'static str {
        value_of(Self::VALUES, self).map_or("", |value| value)
    }
}

/// [`StringEnum`] for integer enums.
pub trait IntegerEnum: Clone + PartialEq + 'static {
    /// Each documented variant and its value.
    const VALUES: &'static [(Self, i64)];

    /// The variant of a documented value.
    #[inline]
    fn variant(value: i64) -> Option<Self> {
        variant_of(Self::VALUES, &value)
    }

    /// The value of a documented variant (`0` for `Unknown`, which holds its own).
    #[inline]
    fn value(&self) -> i64 {
        value_of(Self::VALUES, self).map_or(0, |value| *value)
    }
}

/// The variant of `value` in an enum's table of values.
#[inline]
fn variant_of<E: Clone, V: PartialEq>(table: &[(E, V)], value: &V) -> Option<E> {
    table.iter().find(|(_, known)| known == value).map(|(variant, _)| variant.clone())
}

/// The value of `variant` in an enum's table of values (`None`: not documented, so `Unknown`).
#[inline]
fn value_of<'t, E: PartialEq, V>(table: &'t [(E, V)], variant: &E) -> Option<&'t V> {
    table.iter().find(|(known, _)| known == variant).map(|(_, value)| value)
}

/// `Serialize`, `Deserialize` and [`WireValue`] of a generated struct, from its [`Object`] impl.
#[doc(hidden)]
#[macro_export]
macro_rules! object_impls {
    ($name:ident) => {
        impl $crate::runtime::object::Parts for $name {
            #[inline]
            fn parts(&self) -> (&$crate::runtime::Wire, &::serde_json::Map<String, ::serde_json::Value>) {
                (&self.wire, &self.extra_fields)
            }
            #[inline]
            fn parts_mut(
                &mut self,
            ) -> (&mut $crate::runtime::Wire, &mut ::serde_json::Map<String, ::serde_json::Value>) {
                (&mut self.wire, &mut self.extra_fields)
            }
        }
        impl ::serde::Serialize for $name {
            #[inline]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::runtime::object::serialize(self, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::object::deserialize(deserializer)
            }
        }
        impl $crate::runtime::WireValue for $name {
            const EXPECTED: &'static str = concat!("an object (", stringify!($name), ")");
            type Shape = $crate::runtime::object::ObjectShape;
        }
    };
}
#[doc(hidden)]
pub use crate::object_impls;

/// [`WireValue::is_plain`] of a generated struct.
#[doc(hidden)]
pub fn is_plain<O: Object>(object: &O) -> bool {
    let (wire, undeclared) = object.parts();
    wire.is_plain() && undeclared.is_empty()
}

/// `Default`, `From<String>`, `Display`, `Serialize`, `Deserialize` and [`WireValue`] of a
/// generated string enum, from its `as_str`, its `From<&str>` and its `Unknown(String)` variant.
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl Default for $name {
            /// The zero value: `Unknown("")`, never a documented value.
            #[inline]
            fn default() -> Self {
                Self::Unknown(String::new())
            }
        }
        impl $name {
            /// The value as it is written in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    Self::Unknown(value) => value,
                    known => $crate::runtime::object::StringEnum::value(known),
                }
            }
        }
        impl From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                $crate::runtime::object::StringEnum::variant(value).unwrap_or_else(|| Self::Unknown(value.to_owned()))
            }
        }
        impl From<String> for $name {
            /// Keeps the string itself when the value is unknown.
            #[inline]
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::de::string_enum(deserializer, concat!("a string (", stringify!($name), ")"))
            }
        }
        impl $crate::runtime::WireValue for $name {
            const EXPECTED: &'static str = concat!("a string (", stringify!($name), ")");
            type Shape = $crate::runtime::object::StringEnumShape;
        }
    };
}
#[doc(hidden)]
pub use crate::string_enum_impls;

/// The same for an integer enum (`Unknown(i64)`, `as_i64`, `From<i64>`).
#[doc(hidden)]
#[macro_export]
macro_rules! integer_enum_impls {
    ($name:ident) => {
        impl $name {
            /// The value as it is written in JSON.
            pub fn as_i64(&self) -> i64 {
                match self {
                    Self::Unknown(value) => *value,
                    known => $crate::runtime::object::IntegerEnum::value(known),
                }
            }
        }
        impl From<i64> for $name {
            #[inline]
            fn from(value: i64) -> Self {
                $crate::runtime::object::IntegerEnum::variant(value).unwrap_or(Self::Unknown(value))
            }
        }
        impl Default for $name {
            /// The zero value: `Unknown(0)`.
            #[inline]
            fn default() -> Self {
                Self::Unknown(0)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.as_i64())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
        impl $crate::runtime::WireValue for $name {
            const EXPECTED: &'static str = concat!("an integer (", stringify!($name), ")");
            type Shape = $crate::runtime::value::Own;
            #[inline]
            fn is_zero(&self) -> bool {
                matches!(self, Self::Unknown(0))
            }
            #[inline]
            fn check(&self, report: &mut $crate::runtime::Report<'_>) {
                if let Self::Unknown(value) = self {
                    report.add($crate::runtime::Problem::UnknownEnumValue(value.to_string()));
                }
            }
            #[inline]
            fn from_i64(value: i64) -> Option<Self> {
                Some(Self::from(value))
            }
            #[inline]
            fn from_u64(value: u64) -> Option<Self> {
                i64::try_from(value).ok().map(Self::from)
            }
        }
    };
}
#[doc(hidden)]
pub use crate::integer_enum_impls;

/// A `with_*` setter of a generated struct: `with_x, x, T` for an optional field set from
/// `impl Into<T>`; otherwise `with_x, x, Storage Input(T)`, where storage is how the field holds
/// its value (`Plain`, `Option`, `Nullable`) and input what the setter takes (`Exact`: `T`;
/// `Into`: `impl Into<T>`; `List`: items that convert into `T`; `Map`: pairs whose values convert
/// into `T`). `x = "wire"` names the field on the wire where that is not the field's name.
#[doc(hidden)]
#[macro_export]
macro_rules! setter {
    ($method:ident, $field:ident = $wire:literal, $storage:ident $input:ident($ty:ty)) => {
        $crate::runtime::setter!(@impl $method, $field, concat!("Sets `", $wire, "`."), $storage, $input, $ty);
    };
    ($method:ident, $field:ident, $storage:ident $input:ident($ty:ty)) => {
        $crate::runtime::setter!(@impl $method, $field, concat!("Sets `", stringify!($field), "`."), $storage, $input, $ty);
    };
    ($method:ident, $field:ident = $wire:literal, $ty:ty) => {
        $crate::runtime::setter!(@impl $method, $field, concat!("Sets `", $wire, "`."), Option, Into, $ty);
    };
    ($method:ident, $field:ident, $ty:ty) => {
        $crate::runtime::setter!(@impl $method, $field, concat!("Sets `", stringify!($field), "`."), Option, Into, $ty);
    };
    (@impl $method:ident, $field:ident, $doc:expr, $storage:ident, $input:ident, $ty:ty) => {
        #[doc = $doc]
        pub fn $method(mut self, value: $crate::runtime::setter!(@param $input $ty)) -> Self {
            self.$field = $crate::runtime::setter!(@store $storage $crate::runtime::setter!(@convert $input value));
            self
        }
    };
    (@param Exact $ty:ty) => { $ty };
    (@param Into $ty:ty) => { impl Into<$ty> };
    (@param List $ty:ty) => { impl IntoIterator<Item = impl Into<$ty>> };
    (@param Map $ty:ty) => { impl IntoIterator<Item = (impl Into<String>, impl Into<$ty>)> };
    (@convert Exact $value:ident) => { $value };
    (@convert Into $value:ident) => { $value.into() };
    (@convert List $value:ident) => { $value.into_iter().map(Into::into).collect() };
    (@convert Map $value:ident) => { $value.into_iter().map(|(key, value)| (key.into(), value.into())).collect() };
    (@store Plain $value:expr) => { $value };
    (@store Option $value:expr) => { Some($value) };
    (@store Nullable $value:expr) => { $crate::runtime::Nullable::Value($value) };
}
