//! Writing JSON: [`to_vec`], [`to_string`] and [`write_to_vec`] give the bytes
//! `serde_json::to_vec` gives, faster.
//!
//! Writing a request or a response is mostly copying strings, and serde_json checks each byte of
//! a string against its escape table one at a time (three quarters of the time of writing a
//! response, in both this crate and async-openai). This writer checks eight bytes at a time and
//! copies the runs between escapes whole; numbers up to 255 are pushed digit by digit. Everything
//! else follows serde_json's compact output exactly — other numbers are written by serde_json's
//! own formatter, escapes are the ones it writes — so the output is byte for byte the same, for
//! any `Serialize` value (the crate's tests compare the two on every generated type, and on every
//! byte value in strings).
//!
//! The API wrappers (`build_request`) write request bodies with it.

use serde::ser::{self, Impossible, Serialize};
use serde_json::ser::{CompactFormatter, Formatter};
use serde_json::Error;

/// `value` as compact JSON bytes: the bytes `serde_json::to_vec` gives.
///
/// # Errors
/// When `value`'s `Serialize` fails, or a map key is not a string, a number, a boolean or a
/// unit variant (serde_json's rule and message).
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(128);
    write_to_vec(&mut out, value)?;
    Ok(out)
}

/// `value` as a compact JSON string: the text `serde_json::to_string` gives.
///
/// # Errors
/// As [`to_vec`].
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> Result<String, Error> {
    let bytes = to_vec(value)?;
    // The writer only ever writes whole UTF-8 strings and ASCII, so this never fails.
    String::from_utf8(bytes).map_err(ser::Error::custom)
}

/// Appends `value` as compact JSON to `out`, which a caller can reuse between values. On error
/// `out` may hold part of the value.
///
/// # Errors
/// As [`to_vec`].
pub fn write_to_vec<T: ?Sized + Serialize>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(Writer(out))
}

/// The `Serializer`: writes into the vector it borrows.
struct Writer<'a>(&'a mut Vec<u8>);

/// An array or object being written: `close` ends it (`]`, `}`, or `]}` / `}}` for a variant
/// written as `{"Variant": …}`).
struct Compound<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    close: &'static [u8],
}

/// Writing into a `Vec` cannot fail; serde_json's formatter still returns `io::Result`.
fn io(result: std::io::Result<()>) -> Result<(), Error> {
    result.map_err(Error::io)
}

/// `Serializer` methods that hand a value to serde_json's `CompactFormatter` method of the same
/// type; `self.formatted` places the digits (as they are for a value, between quotes for a key).
macro_rules! formatted_numbers {
    ($($method:ident($ty:ty) => $write:ident),* $(,)?) => {$(
        #[inline]
        fn $method(self, value: $ty) -> Result<(), Error> {
            self.formatted(|out| CompactFormatter.$write(out, value))
        }
    )*};
}

impl<'a> Writer<'a> {
    /// `write` as it is (a value's digits).
    fn formatted(self, write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<(), Error> {
        io(write(self.0))
    }

    /// Opens an array or object (`open` is `[`, `{`, or `{"Variant":[` and the like).
    fn open(self, open: &[u8], close: &'static [u8]) -> Compound<'a> {
        push_short(self.0, open);
        Compound { out: self.0, first: true, close }
    }

    /// Opens `{"variant":` and then `open`.
    fn open_variant(self, variant: &str, open: &[u8], close: &'static [u8]) -> Compound<'a> {
        self.0.push(b'{');
        write_str(self.0, variant);
        self.0.push(b':');
        self.open(open, close)
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    #[inline]
    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.0.extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }
    formatted_numbers! {
        serialize_i8(i8) => write_i8, serialize_i16(i16) => write_i16, serialize_i32(i32) => write_i32,
        serialize_i128(i128) => write_i128, serialize_u16(u16) => write_u16, serialize_u32(u32) => write_u32,
        serialize_u128(u128) => write_u128,
    }
    #[inline]
    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        match u8::try_from(value) {
            Ok(small) => self.serialize_u8(small),
            Err(_) => io(CompactFormatter.write_i64(self.0, value)),
        }
    }
    // Small numbers (token bytes, indexes, counts) are most numbers: their digits are pushed
    // one by one, where a formatter's buffer would be copied with a call.
    #[inline]
    fn serialize_u8(self, value: u8) -> Result<(), Error> {
        if value >= 100 {
            self.0.push(b'0' + value / 100);
        }
        if value >= 10 {
            self.0.push(b'0' + value / 10 % 10);
        }
        self.0.push(b'0' + value % 10);
        Ok(())
    }
    #[inline]
    fn serialize_u64(self, value: u64) -> Result<(), Error> {
        match u8::try_from(value) {
            Ok(small) => self.serialize_u8(small),
            Err(_) => io(CompactFormatter.write_u64(self.0, value)),
        }
    }
    // Infinities and NaN have no JSON form; serde_json writes `null` for them.
    #[inline]
    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        match value.is_finite() {
            true => io(CompactFormatter.write_f32(self.0, value)),
            false => self.serialize_unit(),
        }
    }
    #[inline]
    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        match value.is_finite() {
            true => io(CompactFormatter.write_f64(self.0, value)),
            false => self.serialize_unit(),
        }
    }
    #[inline]
    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }
    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.0, value);
        Ok(())
    }
    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        let mut list = self.open(b"[", b"]");
        for byte in value {
            ser::SerializeSeq::serialize_element(&mut list, byte)?;
        }
        ser::SerializeSeq::end(list)
    }
    #[inline]
    fn serialize_unit(self) -> Result<(), Error> {
        self.0.extend_from_slice(b"null");
        Ok(())
    }
    #[inline]
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    #[inline]
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    #[inline]
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let compound = self.open_variant(variant, b"", b"}");
        value.serialize(Writer(&mut *compound.out))?;
        compound.out.push(b'}');
        Ok(())
    }
    #[inline]
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    #[inline]
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    #[inline]
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(b"[", b"]"))
    }
    #[inline]
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(b"[", b"]"))
    }
    #[inline]
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.open_variant(variant, b"[", b"]}"))
    }
    #[inline]
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(b"{", b"}"))
    }
    #[inline]
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.open_variant(variant, b"{", b"}}"))
    }
}

impl Compound<'_> {
    /// The comma before every item but the first.
    #[inline]
    fn separate(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.out.push(b',');
        }
    }

    #[inline]
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.separate();
        value.serialize(Writer(&mut *self.out))
    }

    #[inline]
    fn key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.separate();
        key.serialize(KeyWriter(&mut *self.out))
    }

    #[inline]
    fn value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.out.push(b':');
        value.serialize(Writer(&mut *self.out))
    }

    #[inline]
    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.separate();
        write_str(self.out, key);
        self.value(value)
    }

    #[inline]
    fn close(self) -> Result<(), Error> {
        push_short(self.out, self.close);
        Ok(())
    }
}

/// The compound traits, all forwarding to [`Compound`]'s methods.
macro_rules! compound_impls {
    ($($trait:ident :: $method:ident ($($key:ident: $key_ty:ty)?) => $inherent:ident;)*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            #[inline]
            fn $method<T: ?Sized + Serialize>(&mut self, $($key: $key_ty,)? value: &T) -> Result<(), Error> {
                self.$inherent($($key,)? value)
            }
            #[inline]
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

compound_impls! {
    SerializeSeq::serialize_element() => element;
    SerializeTuple::serialize_element() => element;
    SerializeTupleStruct::serialize_field() => element;
    SerializeTupleVariant::serialize_field() => element;
    SerializeStruct::serialize_field(key: &'static str) => field;
    SerializeStructVariant::serialize_field(key: &'static str) => field;
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    #[inline]
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.key(key)
    }
    #[inline]
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.value(value)
    }
    #[inline]
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// Writes a map key: a string as it is; a number or boolean quoted; anything else is serde_json's
/// error (the same message).
struct KeyWriter<'a>(&'a mut Vec<u8>);

impl KeyWriter<'_> {
    /// `write` between quotes.
    fn formatted(self, write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<(), Error> {
        self.0.push(b'"');
        io(write(self.0))?;
        self.0.push(b'"');
        Ok(())
    }
}

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.0, value);
        Ok(())
    }
    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    formatted_numbers! {
        serialize_bool(bool) => write_bool, serialize_i8(i8) => write_i8, serialize_i16(i16) => write_i16,
        serialize_i32(i32) => write_i32, serialize_i64(i64) => write_i64, serialize_i128(i128) => write_i128,
        serialize_u8(u8) => write_u8, serialize_u16(u16) => write_u16, serialize_u32(u32) => write_u32,
        serialize_u64(u64) => write_u64, serialize_u128(u128) => write_u128,
    }
    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        match value.is_finite() {
            true => self.formatted(|out| CompactFormatter.write_f32(out, value)),
            false => Err(ser::Error::custom("float key must be finite (got NaN or +/-inf)")),
        }
    }
    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        match value.is_finite() {
            true => self.formatted(|out| CompactFormatter.write_f64(out, value)),
            false => Err(ser::Error::custom("float key must be finite (got NaN or +/-inf)")),
        }
    }
    fn serialize_bytes(self, _value: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

/// Appends one or two bytes of punctuation (`push`, where `extend_from_slice` would call `memcpy`).
#[inline]
fn push_short(out: &mut Vec<u8>, bytes: &[u8]) {
    for &byte in bytes {
        out.push(byte);
    }
}

/// Appends `text` as a JSON string. Like serde_json, it escapes `"`, `\` and the control bytes
/// below 0x20 (as `\n`, `\t`, … or `\u00XX`) and nothing else: not `/`, not DEL, not non-ASCII.
fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut rest = bytes;
    while let Some(at) = first_escape(rest) {
        let (clean, tail) = rest.split_at_checked(at).unwrap_or((rest, &[]));
        out.extend_from_slice(clean);
        let Some((&byte, tail)) = tail.split_first() else { break };
        write_escape(out, byte);
        rest = tail;
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// The index of the first byte of `bytes` that [needs an escape](needs_escape), eight bytes at a
/// time; the last few as the string's last eight (already clean bytes tested again).
#[inline]
fn first_escape(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0;
    // `first_chunk` of an eight-byte chunk is the chunk as an array (`as_chunks` is past the MSRV).
    for word in words.by_ref().filter_map(<[u8]>::first_chunk::<8>) {
        let mask = escape_mask(u64::from_le_bytes(*word));
        if mask != 0 {
            return Some(offset + first_marked(mask));
        }
        offset += 8;
    }
    if words.remainder().is_empty() {
        return None;
    }
    match bytes.last_chunk::<8>() {
        Some(last) => {
            let mask = escape_mask(u64::from_le_bytes(*last));
            (mask != 0).then(|| bytes.len() - 8 + first_marked(mask))
        }
        None => short_first_escape(bytes),
    }
}

/// [`first_escape`] in a string shorter than a word: from four bytes on, its first four and last
/// four make one word (they overlap when it is shorter than eight).
#[inline]
fn short_first_escape(bytes: &[u8]) -> Option<usize> {
    let (Some(head), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) else {
        return bytes.iter().position(|&byte| needs_escape(byte));
    };
    let word = u64::from(u32::from_le_bytes(*head)) | (u64::from(u32::from_le_bytes(*last)) << 32);
    let mask = escape_mask(word);
    let at = first_marked(mask);
    // A mark in the upper half is byte `at - 4` of the last four.
    (mask != 0).then(|| if at < 4 { at } else { bytes.len() + at - 8 })
}

/// The byte index of the lowest mark of an [`escape_mask`].
#[inline]
fn first_marked(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

#[inline]
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The high bit of each byte of `word` (read little-endian) that [needs an
/// escape](needs_escape), by the classic "has a byte below n" and "has a zero byte" tests. A
/// borrow can mark a byte above a marked one too, never below, so the lowest mark is exact.
#[inline]
fn escape_mask(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let has_quote = quote.wrapping_sub(ONES) & !quote;
    let has_backslash = backslash.wrapping_sub(ONES) & !backslash;
    (below_space | has_quote | has_backslash) & HIGH
}

/// Appends the escape serde_json writes for `byte` (one that [needs one](needs_escape)).
#[cold]
fn write_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(byte >> 4)]);
            out.push(HEX[usize::from(byte & 0xF)]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::ser::{SerializeStructVariant, SerializeTupleVariant, Serializer};
    use serde_json::json;
    use std::collections::BTreeMap;

    fn same_as_serde_json<T: ?Sized + Serialize>(value: &T) {
        let ours = to_vec(value).map_err(|e| e.to_string());
        let theirs = serde_json::to_vec(value).map_err(|e| e.to_string());
        assert_eq!(ours.as_deref().map(String::from_utf8_lossy), theirs.as_deref().map(String::from_utf8_lossy));
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it() {
        for byte in 0..=0x7Fu8 {
            let text = String::from(char::from(byte));
            // Alone, and inside runs longer than a word so both scans meet it at every offset.
            same_as_serde_json(&text);
            for at in 0..17 {
                let mut long = "x".repeat(at);
                long.push(char::from(byte));
                long.push_str(&"y".repeat(20 - at));
                same_as_serde_json(&long);
            }
        }
        for text in ["", "é", "日本語 \u{7f} \u{2028} 🦀", "\"\\\"\\", "a\u{1}\u{1f}\u{0}b", "/</script>"] {
            same_as_serde_json(text);
        }
    }

    #[test]
    fn word_test_finds_the_first_byte_to_escape() {
        // Every byte value at every position of a word, beside bytes that sit near the tests'
        // edges (a borrow from one byte must not mark one below it), and after an earlier match.
        for byte in 0..=255u8 {
            for position in 0..8 {
                for filler in [b'a', 0x21, 0x23, 0x5B, 0x5D, 0x80, 0xFF, 0x20, 0x00, b'"'] {
                    let mut word = [filler; 8];
                    word[position] = byte;
                    let expected = word.iter().position(|&b| needs_escape(b));
                    let mask = escape_mask(u64::from_le_bytes(word));
                    assert_eq!((mask != 0).then(|| first_marked(mask)), expected, "{word:?}");
                    for len in 0..=8 {
                        let expected = word[..len].iter().position(|&b| needs_escape(b));
                        assert_eq!(first_escape(&word[..len]), expected, "{:?}", &word[..len]);
                    }
                }
            }
        }
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        same_as_serde_json(&json!({
            "null": null, "t": true, "f": false, "empty": {}, "list": [], "nested": [[], [{}], {"a": [1]}],
            "ints": [0, -1, i64::MIN, i64::MAX, u64::MAX],
            "floats": [0.0, -0.0, 1.5, -2.25e-300, 1e300, 0.1, 123456789.125, f64::MIN_POSITIVE],
            "text": "line\nbreak\ttab \"quote\" back\\slash \u{8}\u{c}\r",
        }));
        same_as_serde_json(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
        same_as_serde_json(&[f32::NAN, 1.5f32, 0.1f32]);
        same_as_serde_json(&(1u8, -2i8, 3u16, -4i16, 5u32, -6i32, u128::MAX, i128::MIN, 'c', '"'));
        // Every u8, and integers on both sides of the small-number path.
        same_as_serde_json(&(0..=255u8).collect::<Vec<_>>());
        same_as_serde_json(&[-256i64, -255, -1, 0, 9, 10, 99, 100, 255, 256, 1000]);
        same_as_serde_json(&[0u64, 255, 256, u64::MAX]);
        same_as_serde_json(&Some(Option::<u8>::None));
        same_as_serde_json(&());
        same_as_serde_json(&Bytes(vec![0, 1, 255]));
        same_as_serde_json(&Bytes(Vec::new()));
    }

    /// A value whose `Serialize` calls `serialize_bytes`.
    struct Bytes(Vec<u8>);
    impl Serialize for Bytes {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(&self.0)
        }
    }

    /// A map of any keys, written in order.
    struct Pairs<K, V>(Vec<(K, V)>);
    impl<K: Serialize, V: Serialize> Serialize for Pairs<K, V> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
        }
    }

    /// Every shape of enum variant and a struct, serialized by hand as `#[derive(Serialize)]` would.
    enum Shapes {
        Unit,
        Newtype(u8),
        Tuple(u8, &'static str),
        Struct { a: u8, b: &'static str },
    }
    impl Serialize for Shapes {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Shapes::Unit => serializer.serialize_unit_variant("Shapes", 0, "Unit"),
                Shapes::Newtype(value) => serializer.serialize_newtype_variant("Shapes", 1, "Newtype", value),
                Shapes::Tuple(a, b) => {
                    let mut tuple = serializer.serialize_tuple_variant("Shapes", 2, "Tuple", 2)?;
                    tuple.serialize_field(a)?;
                    tuple.serialize_field(b)?;
                    tuple.end()
                }
                Shapes::Struct { a, b } => {
                    let mut fields = serializer.serialize_struct_variant("Shapes", 3, "Struct", 2)?;
                    fields.serialize_field("a", a)?;
                    fields.serialize_field("b\n", b)?;
                    fields.end()
                }
            }
        }
    }

    #[test]
    fn enum_variants_and_keys_are_written_as_serde_json_writes_them() {
        same_as_serde_json(&[Shapes::Unit, Shapes::Newtype(7), Shapes::Tuple(1, "x"), Shapes::Struct { a: 2, b: "y" }]);
        same_as_serde_json(&BTreeMap::from([(1i64, "a"), (-2, "b")]));
        same_as_serde_json(&Pairs(vec![(true, 1), (false, 2)]));
        same_as_serde_json(&Pairs(vec![('k', 1), ('"', 2)]));
        same_as_serde_json(&Pairs(vec![(Shapes::Unit, 1)]));
        same_as_serde_json(&Pairs(vec![(1.5f64, 1), (-0.0, 2)]));
        same_as_serde_json(&Pairs(vec![(u128::MAX, 1)]));
        same_as_serde_json(&Pairs(vec![(Some("k"), 1)]));
        // Keys serde_json refuses, with its message.
        same_as_serde_json(&Pairs(vec![((), 1)]));
        same_as_serde_json(&Pairs(vec![(vec![1], 1)]));
        same_as_serde_json(&Pairs(vec![(Shapes::Newtype(1), 1)]));
        same_as_serde_json(&Pairs(vec![(f64::NAN, 1)]));
        same_as_serde_json(&Pairs(vec![(Option::<u8>::None, 1)]));
    }
}
