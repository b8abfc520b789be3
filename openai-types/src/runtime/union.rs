//! Unions, read and written by one generic implementation. A union's generated code declares what
//! differs (its variants as data in [`Union::VARIANTS`], the tag values in [`Union::tagged`], the
//! `match`es that read a variant on each path, one that hands out the variant's value in
//! [`Union::visit`]); this module does the rest for every union.
//!
//! A variant is read on up to three paths, each its own method so that a variant's deserializer is
//! compiled only for the paths that can reach it (compiled for every path, every union's variants
//! were built for every kind of input, which tripled the crate's build): [`Union::read_tagged`]
//! streams the rest of an object whose tag selects it; [`Union::read_buffered`] builds it from a
//! buffered value (scalars, and arrays or objects that are matched against several variants);
//! [`Union::read_lenient`] streams the one array or object variant of a union, keeping what it
//! does not take in `Unknown`.
//!
//! Reading dispatches on the JSON kind first (string, number, array, object, …) and, for objects of
//! a tagged union, on the tag without buffering the object ([`de::read_until_tag`]); only objects
//! whose tag is shared, missing or unknown are buffered and matched by their keys
//! ([`de::pick_object`]). What no variant takes (an unknown tag, another JSON type) is kept in the
//! union's `Unknown` variant, as read.

pub use super::de::Shape;
use super::de::{self, Buffered, Candidates, Input, SharedTag};
use super::value::{self, collect_map, collect_seq, ValueShape, WireValue};
use super::Report;
use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

/// The JSON kinds a variant takes, as a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds(u8);

impl Kinds {
    pub const STR: Kinds = Kinds(1);
    pub const BOOL: Kinds = Kinds(1 << 1);
    pub const INT: Kinds = Kinds(1 << 2);
    pub const FLOAT: Kinds = Kinds(1 << 3);
    pub const SEQ: Kinds = Kinds(1 << 4);
    pub const MAP: Kinds = Kinds(1 << 5);
    pub const NULL: Kinds = Kinds(1 << 6);
    /// Integers and floats.
    pub const NUMBER: Kinds = Kinds(Self::INT.0 | Self::FLOAT.0);
    /// Any JSON value.
    pub const ANY: Kinds = Kinds(0x7f);

    /// Both sets.
    pub const fn or(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }

    /// Whether every kind of `other` is in this set.
    pub const fn has(self, other: Kinds) -> bool {
        self.0 & other.0 == other.0
    }
}

/// What a variant is described as in the union's error messages.
#[derive(Debug, Clone, Copy)]
pub enum Expecting {
    /// An object with this value of the union's tag.
    Tag(&'static str),
    /// Any other description (`a string`, `an object (Message)`).
    Text(&'static str),
}

/// One variant of a union, as reading it needs: its name, the JSON kinds it takes, whether an
/// object without the tag may be one, and the keys it expects where objects are matched by keys.
#[derive(Debug, Clone, Copy)]
pub struct Variant {
    pub name: &'static str,
    pub kinds: Kinds,
    pub expecting: Expecting,
    /// Taken by an object of a tagged union that has no tag (the variant has no tag, or its tag
    /// is optional).
    pub untagged: bool,
    /// The keys it expects, for variants that objects are matched against by their keys.
    pub shape: Option<Shape>,
}

impl Variant {
    /// A variant selected by one value of the union's tag.
    pub const fn tagged(name: &'static str, tag: &'static str) -> Variant {
        Variant { name, kinds: Kinds::MAP, expecting: Expecting::Tag(tag), untagged: false, shape: None }
    }

    /// A variant taking `kinds`, described as `expecting`.
    pub const fn of(name: &'static str, kinds: Kinds, expecting: &'static str) -> Variant {
        Variant { name, kinds, expecting: Expecting::Text(expecting), untagged: true, shape: None }
    }

    /// The JSON kinds it takes, where a tagged variant takes more than objects.
    pub const fn kinds(self, kinds: Kinds) -> Variant {
        Variant { kinds, ..self }
    }

    /// An object without the tag may be this variant (its tag is optional).
    pub const fn optional_tag(self) -> Variant {
        Variant { untagged: true, ..self }
    }

    /// An object without the tag is never this variant (it has tag values, several of them).
    pub const fn needs_tag(self) -> Variant {
        Variant { untagged: false, ..self }
    }

    /// The keys it expects, for matching objects by their keys.
    pub const fn shape(self, shape: Shape) -> Variant {
        Variant { shape: Some(shape), ..self }
    }
}

/// A generated union: what reading and writing it needs to know of it.
pub trait Union: WireValue + Fallback + 'static {
    /// The type's name, for messages.
    const NAME: &'static str;
    /// The key whose value selects the variant of an object, for tagged unions.
    const TAG: Option<&'static str> = None;
    /// The variants, in declaration order (`Unknown` is not one of them).
    const VARIANTS: &'static [Variant];

    /// The variants (indexes into [`VARIANTS`](Union::VARIANTS)) a value of the tag selects.
    fn tagged(tag: &str) -> &'static [usize] {
        let _ = tag;
        &[]
    }

    /// Reads the variant at `index`, one a value of the tag selects, from the rest of the object.
    fn read_tagged<'de, D: Deserializer<'de>>(index: usize, deserializer: D) -> Result<Self, D::Error> {
        let _ = deserializer;
        Err(no_variant(index))
    }

    /// Reads the variant at `index` from a buffered value: a scalar (every variant that takes
    /// one), or an array or object matched against several variants (those variants).
    fn read_buffered(index: usize, input: Input<'_, '_>) -> Result<Self, serde_json::Error> {
        let _ = input;
        Err(no_variant(index))
    }

    /// Reads the variant at `index`, the union's one array variant or (without a tag) its one
    /// object variant, from a stream; what it does not take goes to `Unknown`.
    fn read_lenient<'de, D: Deserializer<'de>>(index: usize, deserializer: D) -> Result<Self, D::Error> {
        let _ = deserializer;
        Err(no_variant(index))
    }

    /// Hands the variant's value (and its index) or the unknown JSON to `f`.
    fn visit<'a, F: VariantFn<'a>>(&'a self, f: F) -> F::Output;

    /// Reports what the `Unknown` variant keeps.
    fn check_unknown(value: &Value, report: &mut Report<'_>) {
        value::unknown_variant(Self::TAG, Self::EXPECTED, value, report);
    }
}

/// A generated union's `Unknown` variant: [`union_impls!`](crate::union_impls) implements it.
#[doc(hidden)]
pub trait Fallback {
    /// The `Unknown` variant holding `value`.
    fn unknown(value: Value) -> Self;
}

/// What to do with a union's value: [`Union::visit`] calls one of the two. The output may borrow from the union (`'a`).
pub trait VariantFn<'a> {
    type Output;
    /// The value of the variant at `index`.
    fn known<V: WireValue>(self, index: usize, value: &'a V) -> Self::Output;
    /// The JSON the `Unknown` variant keeps.
    fn unknown(self, value: &'a Value) -> Self::Output;
}

/// Reads a variant's value from `deserializer` as a `V`, and wraps it in the variant.
#[inline]
pub fn read<'de, V, U, D>(deserializer: D, wrap: impl FnOnce(V) -> U) -> Result<U, D::Error>
where
    V: Deserialize<'de>,
    D: Deserializer<'de>,
{
    V::deserialize(deserializer).map(wrap)
}

/// [`read`], but what is not a `V` goes to the union's `Unknown` as JSON.
#[inline]
pub fn read_lenient<'de, V, U, D>(deserializer: D, wrap: impl FnOnce(V) -> U) -> Result<U, D::Error>
where
    V: WireValue,
    U: Union,
    D: Deserializer<'de>,
{
    value::variant(deserializer, wrap, U::unknown)
}

/// The error for a variant index a union does not have (never asked for by this module).
pub fn no_variant<E: serde::de::Error>(index: usize) -> E {
    E::custom(format_args!("no variant at index {index}"))
}

/// `Deserialize` of a union.
#[inline]
pub fn deserialize<'de, U: Union, D: Deserializer<'de>>(deserializer: D) -> Result<U, D::Error> {
    deserializer.deserialize_any(UnionVisitor::<U>(PhantomData))
}

/// `Serialize` of a union: the variant's value, or the kept JSON.
#[inline]
pub fn serialize<U: Union, S: Serializer>(union: &U, serializer: S) -> Result<S::Ok, S::Error> {
    struct Write<S>(S);
    impl<S: Serializer> VariantFn<'_> for Write<S> {
        type Output = Result<S::Ok, S::Error>;
        #[inline]
        fn known<V: WireValue>(self, _: usize, value: &V) -> Self::Output {
            value.serialize(self.0)
        }
        #[inline]
        fn unknown(self, value: &Value) -> Self::Output {
            value.serialize(self.0)
        }
    }
    union.visit(Write(serializer))
}

/// [`WireValue::check`] of a union: the mismatches inside the variant, or what `Unknown` keeps.
pub fn check<U: Union>(union: &U, report: &mut Report<'_>) {
    struct Check<'r, 'a, U>(&'r mut Report<'a>, PhantomData<U>);
    impl<U: Union> VariantFn<'_> for Check<'_, '_, U> {
        type Output = ();
        fn known<V: WireValue>(self, _: usize, value: &V) {
            value.check(self.0);
        }
        fn unknown(self, value: &Value) {
            U::check_unknown(value, self.0);
        }
    }
    union.visit(Check::<U>(report, PhantomData));
}

/// The name of the variant `union` is (`"Unknown"` for kept JSON).
pub fn variant_name<U: Union>(union: &U) -> &'static str {
    struct Name<U>(PhantomData<U>);
    impl<U: Union> VariantFn<'_> for Name<U> {
        type Output = &'static str;
        fn known<V: WireValue>(self, index: usize, _: &V) -> &'static str {
            U::VARIANTS.get(index).map_or("Unknown", |v| v.name)
        }
        fn unknown(self, _: &Value) -> &'static str {
            "Unknown"
        }
    }
    union.visit(Name::<U>(PhantomData))
}

/// `tag()` of a union whose variants each have one constant tag: the variant's, from
/// [`Union::VARIANTS`], or the value of the tag key in the JSON `Unknown` keeps.
pub fn tag<U: Union>(union: &U) -> Option<&str> {
    struct Tag<U>(PhantomData<U>);
    impl<'a, U: Union> VariantFn<'a> for Tag<U> {
        type Output = Option<&'a str>;
        fn known<V: WireValue>(self, index: usize, _: &'a V) -> Option<&'a str> {
            match U::VARIANTS.get(index)?.expecting {
                Expecting::Tag(tag) => Some(tag),
                Expecting::Text(_) => None,
            }
        }
        fn unknown(self, value: &'a Value) -> Option<&'a str> {
            value.get(U::TAG?)?.as_str()
        }
    }
    union.visit(Tag::<U>(PhantomData))
}

/// The [`WireValue`] methods of every generated union, written once (`ValueShape`).
#[doc(hidden)]
pub struct UnionShape;

impl<U: Union> ValueShape<U> for UnionShape {
    /// `Unknown(null)`: what a missing field holds.
    #[inline]
    fn is_zero(value: &U) -> bool {
        struct IsNull;
        impl VariantFn<'_> for IsNull {
            type Output = bool;
            fn known<V: WireValue>(self, _: usize, _: &V) -> bool {
                false
            }
            fn unknown(self, value: &Value) -> bool {
                value.is_null()
            }
        }
        value.visit(IsNull)
    }
    #[inline]
    fn check(value: &U, report: &mut Report<'_>) {
        check(value, report)
    }
    #[inline]
    /// Its `Deserialize` keeps what no variant takes in `Unknown`; `Unknown(null)`, its zero
    /// value, is `null`.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<value::Read<U>, D::Error> {
        let read: U = deserialize(deserializer)?;
        Ok(if Self::is_zero(&read) { value::Read::Null } else { value::Read::Value(read) })
    }
    #[inline]
    fn from_null() -> Option<U> {
        Some(U::default())
    }
    #[inline]
    fn variant(value: &U) -> Option<&'static str> {
        Some(variant_name(value))
    }
}

/// Whether the variant was read exactly as the spec has it ([`WireValue::is_plain`]).
fn is_plain<U: Union>(union: &U) -> bool {
    struct Plain;
    impl VariantFn<'_> for Plain {
        type Output = bool;
        fn known<V: WireValue>(self, _: usize, value: &V) -> bool {
            value.is_plain()
        }
        fn unknown(self, _: &Value) -> bool {
            false
        }
    }
    union.visit(Plain)
}

/// Unions with up to this many variants that take one JSON kind list them without allocating.
const INLINE_PICKS: usize = 16;

/// The variants (by index) that could be a value, in declaration order: inline for the usual
/// few (an input item without its tag, the common message, allocated a list of three each time).
enum Picks {
    Inline([usize; INLINE_PICKS], usize),
    Heap(Vec<usize>),
}

impl Picks {
    /// The variants of `U` that take `kind` (and, with `untagged`, objects without the tag).
    fn of<U: Union>(kind: Kinds, untagged: bool) -> Picks {
        let found = U::VARIANTS
            .iter()
            .enumerate()
            .filter(|(_, variant)| variant.kinds.has(kind) && (!untagged || variant.untagged))
            .map(|(index, _)| index);
        let mut inline = [0; INLINE_PICKS];
        let mut len = 0;
        for index in found.clone() {
            match inline.get_mut(len) {
                Some(slot) => *slot = index,
                None => return Picks::Heap(found.collect()),
            }
            len += 1;
        }
        Picks::Inline(inline, len)
    }

    fn as_slice(&self) -> &[usize] {
        match self {
            Picks::Inline(inline, len) => inline.get(..*len).unwrap_or_default(),
            Picks::Heap(several) => several,
        }
    }
}

/// Some of a union's variants, as candidates for a buffered value.
struct Among<'l, U> {
    indexes: &'l [usize],
    union: PhantomData<U>,
}

impl<'l, U: Union> Among<'l, U> {
    fn new(indexes: &'l [usize]) -> Self {
        Among { indexes, union: PhantomData }
    }

    fn variant(&self, i: usize) -> Option<&'static Variant> {
        self.indexes.get(i).and_then(|&index| U::VARIANTS.get(index))
    }
}

impl<'de, U: Union> Candidates<'de> for Among<'_, U> {
    type Value = U;

    fn count(&self) -> usize {
        self.indexes.len()
    }
    fn name(&self, i: usize) -> &'static str {
        self.variant(i).map_or("", |v| v.name)
    }
    fn shape(&self, i: usize) -> Option<&Shape> {
        self.variant(i)?.shape.as_ref()
    }
    fn build(&self, i: usize, input: Input<'_, 'de>) -> Result<U, serde_json::Error> {
        match self.indexes.get(i) {
            Some(&index) => U::read_buffered(index, input),
            None => Err(no_variant(i)),
        }
    }
}

/// A scalar, as `buffered` makes it: the one variant of its kind reads it; several are ranked on
/// it; what none takes is kept as JSON.
fn scalar<'de, U: Union>(kind: Kinds, buffered: impl Fn() -> Buffered<'de>) -> U {
    let picks = Picks::of::<U>(kind, false);
    match picks.as_slice() {
        [] => U::unknown(buffered().into_value()),
        [one] => {
            U::read_buffered(*one, Input::Owned(buffered())).unwrap_or_else(|_| U::unknown(buffered().into_value()))
        }
        many => de::pick_object(buffered(), &Among::<U>::new(many))
            .unwrap_or_else(|(buffered, _)| U::unknown(buffered.into_value())),
    }
}

/// A buffered array or object: ranked among `picks`, else kept as JSON.
fn pick<'de, U: Union, E: serde::de::Error>(buffered: Buffered<'de>, picks: &[usize]) -> Result<U, E> {
    match de::pick_object(buffered, &Among::<U>::new(picks)) {
        Ok(found) => Ok(found),
        Err((buffered, _)) => Ok(U::unknown(de::keep_value(buffered)?)),
    }
}

struct UnionVisitor<U>(PhantomData<U>);

impl<'de, U: Union> Visitor<'de> for UnionVisitor<U> {
    type Value = U;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of the variants of `{}`: ", U::NAME)?;
        for (i, variant) in U::VARIANTS.iter().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            match variant.expecting {
                Expecting::Tag(value) => write!(
                    f,
                    "{separator}{} (an object with `{}` = \"{value}\")",
                    variant.name,
                    U::TAG.unwrap_or_default()
                )?,
                Expecting::Text(text) => write!(f, "{separator}{} ({text})", variant.name)?,
            }
        }
        Ok(())
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<U, E> {
        Ok(scalar(Kinds::BOOL, || Buffered::from(v)))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<U, E> {
        Ok(scalar(Kinds::INT, || Buffered::from(v)))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<U, E> {
        Ok(scalar(Kinds::INT, || Buffered::from(v)))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<U, E> {
        Ok(scalar(Kinds::FLOAT, || Buffered::from(v)))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<U, E> {
        Ok(scalar(Kinds::STR, || Buffered::from(v)))
    }
    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<U, E> {
        Ok(scalar(Kinds::STR, || Buffered::Str(std::borrow::Cow::Borrowed(v))))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<U, E> {
        // The first variant that takes `null`.
        let picks = Picks::of::<U>(Kinds::NULL, false);
        let read =
            picks.as_slice().first().and_then(|&index| U::read_buffered(index, Input::Owned(Buffered::Null)).ok());
        Ok(read.unwrap_or_else(|| U::unknown(Value::Null)))
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<U, E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<U, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<U, A::Error> {
        let picks = Picks::of::<U>(Kinds::SEQ, false);
        match picks.as_slice() {
            [] => collect_seq(seq).map(U::unknown),
            [one] => U::read_lenient(*one, serde::de::value::SeqAccessDeserializer::new(seq)),
            many => {
                let buffered = Buffered::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                pick(buffered, many)
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
        let Some(tag) = U::TAG else {
            let picks = Picks::of::<U>(Kinds::MAP, false);
            return match picks.as_slice() {
                [] => collect_map(map).map(|object| U::unknown(Value::Object(object))),
                [one] => U::read_lenient(*one, serde::de::value::MapAccessDeserializer::new(map)),
                many => pick(de::collect(Vec::new(), None, map)?, many),
            };
        };
        let (prefix, tag_value) = de::read_until_tag(&mut map, tag)?;
        // Objects without the tag may still be a variant that has no tag or whose tag is optional.
        let Some(tag_value) = tag_value else {
            return pick(de::collect(prefix, None, map)?, Picks::of::<U>(Kinds::MAP, true).as_slice());
        };
        // An object whose tag no variant claims is of a kind this version does not know: it is
        // kept whole, never read as another variant with invented fields.
        let selected = tag_value.as_str().map_or(&[][..], U::tagged);
        match selected {
            [] => Ok(U::unknown(de::keep_value(de::collect(prefix, Some((tag, tag_value)), map)?)?)),
            [one] => U::read_tagged(*one, de::replay(prefix, Some((tag, tag_value)), map)),
            many => shared_tag(prefix, (tag, tag_value), map, many),
        }
    }
}

/// An object whose tag several variants share: it is one of them even when it fits none (it is
/// then read as the first that can be built, so its report names what it lacks). The rest of the
/// object streams into the variant that declares every key read so far ([`de::shared_tag`]) and
/// is kept when it read strictly (every required key there, nothing undeclared, no value outside
/// the spec): then it is what ranking the buffered object would pick, since it fits strictly and
/// each earlier candidate lacks a key read before it was chosen. Otherwise, or without such a
/// variant, the candidates are ranked on the buffered object ([`de::pick_tagged`]).
fn shared_tag<'de, U: Union, A: MapAccess<'de>>(
    prefix: de::Prefix<'de>,
    tag: (&'de str, Buffered<'de>),
    mut map: A,
    picks: &[usize],
) -> Result<U, A::Error> {
    let candidates = Among::<U>::new(picks);
    let object = match de::shared_tag(prefix, tag, &mut map, &candidates)? {
        SharedTag::Stream(read, i) => {
            let Some(&index) = picks.get(i) else { return Err(no_variant(i)) };
            let value = U::read_tagged(index, de::replay(read, None, map))?;
            if is_plain(&value) {
                return Ok(value);
            }
            // Written back exactly as it was read, and ranked as a buffered object.
            Buffered::from(serde_json::to_value(&value).map_err(A::Error::custom)?)
        }
        SharedTag::Buffered(object) => object,
    };
    match de::pick_tagged(object, &candidates) {
        Ok(found) => Ok(found),
        Err((object, _)) => Ok(U::unknown(de::keep_value(object)?)),
    }
}

/// `Serialize`, `Deserialize`, `Default`, [`WireValue`] and `variant_name` of a generated union,
/// from its [`Union`] impl and its `Unknown(serde_json::Value)` variant.
#[doc(hidden)]
#[macro_export]
macro_rules! union_impls {
    ($name:ident) => {
        impl $crate::runtime::union::Fallback for $name {
            #[inline]
            fn unknown(value: ::serde_json::Value) -> Self {
                Self::Unknown(value)
            }
        }
        impl $name {
            /// The name of the variant this value is (`"Unknown"` for kept unknown objects).
            #[inline]
            pub fn variant_name(&self) -> &'static str {
                $crate::runtime::union::variant_name(self)
            }
        }
        impl ::serde::Serialize for $name {
            #[inline]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::runtime::union::serialize(self, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::union::deserialize(deserializer)
            }
        }
        impl Default for $name {
            /// `Unknown(null)`: the zero value, which a missing field holds.
            #[inline]
            fn default() -> Self {
                Self::Unknown(::serde_json::Value::Null)
            }
        }
        impl $crate::runtime::WireValue for $name {
            const EXPECTED: &'static str = concat!("one of the variants of `", stringify!($name), "`");
            type Shape = $crate::runtime::union::UnionShape;
        }
    };
}
#[doc(hidden)]
pub use crate::union_impls;

/// `as_*` and `is_*` of one variant of a generated union. `as_*` hands out the value, out of its
/// `Box` where the variant holds one (`Borrow` serves both).
#[doc(hidden)]
#[macro_export]
macro_rules! variant_accessors {
    ($variant:ident($ty:ty), $as_fn:ident, $is_fn:ident) => {
        #[doc = concat!("The `", stringify!($variant), "` variant, if this is one.")]
        pub fn $as_fn(&self) -> Option<&$ty> {
            match self {
                Self::$variant(value) => Some(::std::borrow::Borrow::borrow(value)),
                _ => None,
            }
        }
        #[doc = concat!("Whether this is the `", stringify!($variant), "` variant.")]
        pub fn $is_fn(&self) -> bool {
            matches!(self, Self::$variant(_))
        }
    };
}

/// `From` the value of one variant of a generated union (boxed where the variant holds a `Box`:
/// `From` serves both).
#[doc(hidden)]
#[macro_export]
macro_rules! variant_from {
    ($union:ident::$variant:ident($ty:ty)) => {
        impl From<$ty> for $union {
            fn from(value: $ty) -> Self {
                Self::$variant(::std::convert::From::from(value))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A union with many object variants, a few of them with an optional tag (the runtime's
    /// tests do not lean on generated types: the stress test builds the runtime without them).
    #[derive(Debug, Clone, PartialEq)]
    enum Wide {
        Text(String),
        Unknown(Value),
    }

    const fn tagged(name: &'static str, optional: bool) -> Variant {
        let variant = Variant::tagged(name, name);
        if optional {
            variant.optional_tag()
        } else {
            variant
        }
    }

    impl Union for Wide {
        const NAME: &'static str = "Wide";
        const TAG: Option<&'static str> = Some("type");
        const VARIANTS: &'static [Variant] = &[
            Variant::of("Text", Kinds::STR, "a string"),
            tagged("a", true),
            tagged("b", false),
            tagged("c", false),
            tagged("d", true),
            tagged("e", false),
            tagged("f", false),
            tagged("g", false),
            tagged("h", false),
            tagged("i", false),
            tagged("j", false),
            tagged("k", false),
            tagged("l", false),
            tagged("m", false),
            tagged("n", false),
            tagged("o", false),
            tagged("p", false),
            tagged("q", true),
        ];
        fn visit<'a, F: VariantFn<'a>>(&'a self, f: F) -> F::Output {
            match self {
                Wide::Text(value) => f.known(0, value),
                Wide::Unknown(value) => f.unknown(value),
            }
        }
    }
    crate::runtime::union::union_impls!(Wide);

    #[test]
    fn picks_are_the_variants_of_a_kind_in_order_inline_or_not() {
        // Objects without the tag: the variants whose tag is optional.
        let untagged = Picks::of::<Wide>(Kinds::MAP, true);
        assert_eq!(untagged.as_slice(), [1, 4, 17]);
        assert!(matches!(untagged, Picks::Inline(..)));
        // Every variant but the string takes an object: more than fit inline.
        let objects = Picks::of::<Wide>(Kinds::MAP, false);
        assert!(objects.as_slice().len() > INLINE_PICKS);
        assert_eq!(objects.as_slice(), (1..Wide::VARIANTS.len()).collect::<Vec<_>>());
        assert!(matches!(objects, Picks::Heap(_)));
        // One, and none.
        assert_eq!(Picks::of::<Wide>(Kinds::STR, false).as_slice(), [0]);
        assert!(Picks::of::<Wide>(Kinds::BOOL, false).as_slice().is_empty());
        assert_eq!(Wide::Text("x".to_owned()).variant_name(), "Text");
    }
}
