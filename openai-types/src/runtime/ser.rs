//! Serialization helpers for the generated `Serialize` impls.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value};

/// Writes the undeclared fields a struct kept when it was read, after its declared ones. A key the
/// struct declares is skipped: its field was written already, and a key must not appear twice.
#[inline(always)]
pub fn extra_fields<M: SerializeMap>(map: &mut M, extra: &Map<String, Value>, declared: &[&str]) -> Result<(), M::Error> {
    // The common case, checked where the struct is written: nothing undeclared was read.
    if extra.is_empty() {
        Ok(())
    } else {
        write_extra_fields(map, extra, declared)
    }
}

#[cold]
fn write_extra_fields<M: SerializeMap>(map: &mut M, extra: &Map<String, Value>, declared: &[&str]) -> Result<(), M::Error> {
    for (key, value) in extra {
        if !declared.contains(&key.as_str()) {
            map.serialize_entry(key, value)?;
        }
    }
    Ok(())
}

/// An integer array field (`bytes` of a logprob, token ids) as it is written. In human-readable
/// formats (JSON) each element goes through the narrowest integer method that holds it: the
/// digits are the same, and serde_json prints a `u8` inline where an `i64` takes its general
/// 64-bit routine. Other formats get the spec's `i64`s unchanged, since there the width can show.
pub struct Integers<'a>(pub &'a [i64]);

impl Serialize for Integers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return self.0.serialize(serializer);
        }
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for &value in self.0 {
            match u8::try_from(value) {
                Ok(small) => seq.serialize_element(&small)?,
                Err(_) => seq.serialize_element(&value)?,
            }
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::{extra_fields, Integers};
    use serde::ser::{SerializeMap, Serializer};

    #[test]
    fn extra_fields_are_written_except_declared_keys() {
        let extra: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(r#"{"new": 1, "type": "x", "later": [true]}"#).unwrap();
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        let mut map = serializer.serialize_map(None).unwrap();
        map.serialize_entry("type", "message").unwrap();
        extra_fields(&mut map, &extra, &["type", "id"]).unwrap();
        map.end().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"type":"message","later":[true],"new":1}"#);
    }

    #[test]
    fn integers_are_written_as_the_same_digits() {
        let values = [0, 1, 9, 10, 99, 100, 255, 256, -1, -128, i64::MIN, i64::MAX, 1 << 40];
        assert_eq!(serde_json::to_string(&Integers(&values)).unwrap(), serde_json::to_string(&values).unwrap());
        assert_eq!(serde_json::to_string(&Integers(&[])).unwrap(), "[]");
    }

    /// A serializer of integer sequences that records which method wrote each element, and says
    /// whether it is human-readable.
    struct Widths {
        human_readable: bool,
    }

    #[derive(Debug)]
    struct Unsupported;
    impl std::fmt::Display for Unsupported {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("unsupported")
        }
    }
    impl std::error::Error for Unsupported {}
    impl serde::ser::Error for Unsupported {
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            Unsupported
        }
    }

    struct Elements(Vec<&'static str>);
    impl serde::ser::SerializeSeq for Elements {
        type Ok = Vec<&'static str>;
        type Error = Unsupported;
        fn serialize_element<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
            self.0.extend(value.serialize(Widths { human_readable: false })?);
            Ok(())
        }
        fn end(self) -> Result<Vec<&'static str>, Unsupported> {
            Ok(self.0)
        }
    }

    macro_rules! unsupported {
        ($($method:ident($($arg:ty),*)),* $(,)?) => {$(
            fn $method(self, $(_: $arg),*) -> Result<Vec<&'static str>, Unsupported> {
                Err(Unsupported)
            }
        )*};
    }

    impl serde::Serializer for Widths {
        type Ok = Vec<&'static str>;
        type Error = Unsupported;
        type SerializeSeq = Elements;
        type SerializeTuple = serde::ser::Impossible<Vec<&'static str>, Unsupported>;
        type SerializeTupleStruct = serde::ser::Impossible<Vec<&'static str>, Unsupported>;
        type SerializeTupleVariant = serde::ser::Impossible<Vec<&'static str>, Unsupported>;
        type SerializeMap = serde::ser::Impossible<Vec<&'static str>, Unsupported>;
        type SerializeStruct = serde::ser::Impossible<Vec<&'static str>, Unsupported>;
        type SerializeStructVariant = serde::ser::Impossible<Vec<&'static str>, Unsupported>;
        fn is_human_readable(&self) -> bool {
            self.human_readable
        }
        fn serialize_u8(self, _: u8) -> Result<Vec<&'static str>, Unsupported> {
            Ok(vec!["u8"])
        }
        fn serialize_i64(self, _: i64) -> Result<Vec<&'static str>, Unsupported> {
            Ok(vec!["i64"])
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Elements, Unsupported> {
            Ok(Elements(Vec::new()))
        }
        unsupported!(
            serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_u16(u16),
            serialize_u32(u32), serialize_u64(u64), serialize_f32(f32), serialize_f64(f64), serialize_char(char),
            serialize_str(&str), serialize_bytes(&[u8]), serialize_none(), serialize_unit(),
            serialize_unit_struct(&'static str), serialize_unit_variant(&'static str, u32, &'static str),
        );
        fn serialize_some<T: serde::Serialize + ?Sized>(self, _: &T) -> Result<Vec<&'static str>, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<Vec<&'static str>, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Vec<&'static str>, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Unsupported> {
            Err(Unsupported)
        }
    }

    #[test]
    fn small_elements_are_written_narrow_only_in_human_readable_formats() {
        use serde::Serialize;
        let values = [7_i64, 300, -1];
        let human = Integers(&values).serialize(Widths { human_readable: true }).unwrap();
        assert_eq!(human, ["u8", "i64", "i64"]);
        let compact = Integers(&values).serialize(Widths { human_readable: false }).unwrap();
        assert_eq!(compact, ["i64", "i64", "i64"]);
    }
}
