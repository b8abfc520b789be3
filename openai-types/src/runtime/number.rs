//! `number` fields: an `f64` that remembers whether it was written as an integer, so `1` stays `1`
//! and `1.0` stays `1.0` through a round trip.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

/// A JSON number of a `number` field. Use it as an `f64` ([`JsonNumber::as_f64`], `f64::from`);
/// build it from any float or integer. It is written back the way it was read: a whole number
/// read as `1` is written `1`, one read as `1.0` is written `1.0`.
#[derive(Debug, Clone, Copy)]
pub struct JsonNumber(Repr);

/// The number as it was written: integers are kept exactly.
#[derive(Debug, Clone, Copy)]
enum Repr {
    Integer(i64),
    Unsigned(u64),
    Float(f64),
}

impl JsonNumber {
    /// The number as a float.
    pub fn as_f64(self) -> f64 {
        match self.0 {
            Repr::Integer(i) => i as f64,
            Repr::Unsigned(u) => u as f64,
            Repr::Float(f) => f,
        }
    }

    /// The number as an integer, when it was written as one and fits.
    pub fn as_i64(self) -> Option<i64> {
        match self.0 {
            Repr::Integer(i) => Some(i),
            Repr::Unsigned(u) => i64::try_from(u).ok(),
            Repr::Float(_) => None,
        }
    }

    /// Whether the number is written as an integer.
    pub fn is_integer(self) -> bool {
        !matches!(self.0, Repr::Float(_))
    }
}

impl Default for JsonNumber {
    /// Zero, written `0`.
    fn default() -> Self {
        JsonNumber(Repr::Integer(0))
    }
}

impl PartialEq for JsonNumber {
    /// Numbers compare by value: `1` equals `1.0`.
    fn eq(&self, other: &Self) -> bool {
        match (self.0, other.0) {
            (Repr::Integer(a), Repr::Integer(b)) => a == b,
            (Repr::Unsigned(a), Repr::Unsigned(b)) => a == b,
            _ => self.as_f64() == other.as_f64(),
        }
    }
}

impl PartialEq<f64> for JsonNumber {
    fn eq(&self, other: &f64) -> bool {
        self.as_f64() == *other
    }
}

impl PartialOrd for JsonNumber {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.as_f64().partial_cmp(&other.as_f64())
    }
}

impl From<f64> for JsonNumber {
    fn from(value: f64) -> Self {
        JsonNumber(Repr::Float(value))
    }
}

impl From<f32> for JsonNumber {
    fn from(value: f32) -> Self {
        JsonNumber(Repr::Float(f64::from(value)))
    }
}

macro_rules! from_signed {
    ($($t:ty),*) => {$(
        impl From<$t> for JsonNumber {
            fn from(value: $t) -> Self {
                JsonNumber(Repr::Integer(i64::from(value)))
            }
        }
    )*};
}

from_signed!(i8, i16, i32, i64, u8, u16, u32);

impl From<u64> for JsonNumber {
    fn from(value: u64) -> Self {
        match i64::try_from(value) {
            Ok(i) => JsonNumber(Repr::Integer(i)),
            Err(_) => JsonNumber(Repr::Unsigned(value)),
        }
    }
}

impl From<JsonNumber> for f64 {
    fn from(number: JsonNumber) -> f64 {
        number.as_f64()
    }
}

impl fmt::Display for JsonNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Integer(i) => fmt::Display::fmt(&i, f),
            Repr::Unsigned(u) => fmt::Display::fmt(&u, f),
            Repr::Float(x) => fmt::Display::fmt(&x, f),
        }
    }
}

impl Serialize for JsonNumber {
    // Inlined into the field writes of the generated `Serialize` impls, like a plain `f64`.
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Repr::Integer(i) => serializer.serialize_i64(i),
            Repr::Unsigned(u) => serializer.serialize_u64(u),
            Repr::Float(f) => serializer.serialize_f64(f),
        }
    }
}

impl<'de> Deserialize<'de> for JsonNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = JsonNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<JsonNumber, E> {
                Ok(JsonNumber::from(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<JsonNumber, E> {
                Ok(JsonNumber::from(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<JsonNumber, E> {
                Ok(JsonNumber::from(v))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::JsonNumber;

    #[test]
    fn numbers_are_written_as_they_were_read() {
        for text in ["1", "1.0", "-3", "0.25", "1e300", "18446744073709551615", "-9223372036854775808"] {
            let number: JsonNumber = serde_json::from_str(text).unwrap();
            let expected: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_value(number).unwrap(), expected, "{text}");
        }
        assert_eq!(JsonNumber::from(1), JsonNumber::from(1.0));
        assert_eq!(serde_json::to_string(&JsonNumber::from(0.5)).unwrap(), "0.5");
        assert_eq!(serde_json::to_string(&JsonNumber::default()).unwrap(), "0");
    }
}
