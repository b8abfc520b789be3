//! Bytes in a typed API: [`FileUpload`], a file to send (a `format: binary` field of a multipart
//! body, or a raw request body), and [`Binary`], a response that is not JSON (audio, file
//! contents).

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use std::fmt;

/// The name `FileUpload` serializes under, so that the multipart writer can tell a file from a
/// string (`serde_json` ignores it).
pub(crate) const FILE_UPLOAD_MARKER: &str = "$openai_types::FileUpload";

/// What a file without a media type is sent as.
const DEFAULT_MEDIA_TYPE: &str = "application/octet-stream";

/// A file to upload: its name, its media type if known, and its contents.
///
/// In a multipart body it is a file part (`Content-Disposition: form-data; name="file";
/// filename="speech.mp3"`), sent as `application/octet-stream` unless it has a media type. In
/// JSON, where the API never takes one, it is written as a `data:` URL
/// (`data:audio/mpeg;name=speech.mp3;base64,…`) and read back from one, so every type that holds
/// a file still round-trips through JSON.
///
/// `FileUpload::new("notes.txt", "hello").with_media_type("text/plain")` is written as
/// `"data:text/plain;name=notes.txt;base64,aGVsbG8="`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct FileUpload {
    filename: String,
    media_type: Option<String>,
    data: Vec<u8>,
}

impl FileUpload {
    /// A file of this name and contents. The API tells many formats apart by the name's
    /// extension (`speech.mp3`, `data.jsonl`).
    pub fn new(filename: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        FileUpload { filename: filename.into(), media_type: None, data: data.into() }
    }

    /// Reads the file at `path`; its name is the path's last component.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let data = std::fs::read(path)?;
        let filename = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(FileUpload::new(filename, data))
    }

    /// Sets the media type its part is sent with (`audio/mpeg`; otherwise
    /// `application/octet-stream`).
    pub fn with_media_type(mut self, media_type: impl Into<String>) -> Self {
        self.media_type = Some(media_type.into());
        self
    }

    /// The file name.
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// The media type, when one was given.
    pub fn media_type(&self) -> Option<&str> {
        self.media_type.as_deref()
    }

    /// The contents.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The contents, taken out.
    pub fn into_data(self) -> Vec<u8> {
        self.data
    }

    /// The media type its part is sent with.
    pub(crate) fn media_type_or_default(&self) -> &str {
        self.media_type.as_deref().unwrap_or(DEFAULT_MEDIA_TYPE)
    }
}

impl fmt::Debug for FileUpload {
    // Contents can be megabytes: their length says enough.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileUpload")
            .field("filename", &self.filename)
            .field("media_type", &self.media_type)
            .field("len", &self.data.len())
            .finish()
    }
}

/// The `data:` URL of a file, written piece by piece (no copy of the contents as text).
struct DataUrl<'a>(&'a FileUpload);

impl fmt::Display for DataUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.0;
        f.write_str("data:")?;
        // A media type's own parameters (`; charset=…`) must not end it early. None given: none
        // written, so the file reads back as it was.
        write_escaped(f, file.media_type.as_deref().unwrap_or_default(), b"-._~/+= ")?;
        f.write_str(";name=")?;
        write_escaped(f, &file.filename, UNRESERVED)?;
        f.write_str(";base64,")?;
        write_base64(f, &file.data)
    }
}

/// The characters besides ASCII letters and digits that RFC 3986 leaves unescaped.
pub(crate) const UNRESERVED: &[u8] = b"-._~";

/// `text` with every byte but ASCII letters, digits and `keep` percent-encoded.
pub(crate) fn write_escaped(out: &mut impl fmt::Write, text: &str, keep: &[u8]) -> fmt::Result {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || keep.contains(&byte) {
            out.write_char(char::from(byte))?;
        } else {
            write!(out, "%{byte:02X}")?;
        }
    }
    Ok(())
}

impl Serialize for FileUpload {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(FILE_UPLOAD_MARKER, &DataUrlText(self))
    }
}

/// In a generated type a file is read like any field: a `data:` URL becomes the file; any other
/// value is kept as it was and reported (`spec_mismatches`).
impl super::WireValue for FileUpload {
    const EXPECTED: &'static str = "a file (a `data:` URL)";
    type Shape = super::value::Own;
    fn is_zero(&self) -> bool {
        *self == FileUpload::default()
    }
    fn from_str(value: &str) -> Option<Self> {
        parse_data_url(value).ok()
    }
}

/// A file as its `data:` URL string.
struct DataUrlText<'a>(&'a FileUpload);

impl Serialize for DataUrlText<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&DataUrl(self.0))
    }
}

impl<'de> Deserialize<'de> for FileUpload {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DataUrlVisitor;
        impl Visitor<'_> for DataUrlVisitor {
            type Value = FileUpload;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a file as a `data:` URL")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<FileUpload, E> {
                parse_data_url(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_newtype_struct(FILE_UPLOAD_MARKER, NewtypeOrStr(DataUrlVisitor))
    }
}

/// Accepts the newtype wrapper some formats keep (serde's own value types) or the bare string.
struct NewtypeOrStr<V>(V);

impl<'de, V: Visitor<'de, Value = FileUpload>> Visitor<'de> for NewtypeOrStr<V> {
    type Value = FileUpload;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<FileUpload, D::Error> {
        deserializer.deserialize_str(self.0)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<FileUpload, E> {
        self.0.visit_str(text)
    }
}

/// Reads `data:[<media type>][;name=<file name>][;base64],<contents>`.
pub(crate) fn parse_data_url(text: &str) -> Result<FileUpload, String> {
    let rest =
        text.strip_prefix("data:").ok_or("a file is a `data:` URL, and this text does not start with `data:`")?;
    let (header, contents) = rest.split_once(',').ok_or("a `data:` URL needs a `,` before its contents")?;
    let mut params = header.split(';');
    let media_type =
        params.next().filter(|m| !m.is_empty()).map(|m| String::from_utf8_lossy(&percent_decode(m)).into_owned());
    let mut filename = String::new();
    let mut base64 = false;
    for param in params {
        if param == "base64" {
            base64 = true;
        } else if let Some(name) = param.strip_prefix("name=").or_else(|| param.strip_prefix("filename=")) {
            filename = String::from_utf8_lossy(&percent_decode(name)).into_owned();
        }
    }
    let data = if base64 { decode_base64(contents)? } else { percent_decode(contents) };
    Ok(FileUpload { filename, media_type, data })
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = match (byte, bytes.get(i + 1..i + 3)) {
            (b'%', Some(&[high, low])) => hex_value(high).zip(hex_value(low)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match escaped {
            Some(value) => {
                out.push(value);
                i += 3;
            }
            None => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

const BASE64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard padded base64, written in chunks.
fn write_base64(out: &mut impl fmt::Write, data: &[u8]) -> fmt::Result {
    let mut buffer = [0u8; 1024];
    for block in data.chunks(768) {
        let mut len = 0;
        for group in block.chunks(3) {
            let b = [group[0], group.get(1).copied().unwrap_or(0), group.get(2).copied().unwrap_or(0)];
            let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
            for (k, slot) in buffer[len..len + 4].iter_mut().enumerate() {
                *slot = if k <= group.len() { BASE64_ALPHABET[(n >> (18 - 6 * k) & 63) as usize] } else { b'=' };
            }
            len += 4;
        }
        // The alphabet is ASCII.
        out.write_str(std::str::from_utf8(&buffer[..len]).map_err(|_| fmt::Error)?)?;
    }
    Ok(())
}

/// Decodes standard base64 (padding optional; whitespace ignored, as in MIME).
pub(crate) fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut accumulator = 0u32;
    let mut bits = 0;
    let mut padding = 0;
    for (position, byte) in text.bytes().enumerate() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            other => return Err(format!("`{}` at byte {position} is not base64", char::from(other).escape_default())),
        };
        if padding > 0 {
            return Err(format!("base64 goes on after its `=` padding at byte {position}"));
        }
        accumulator = accumulator << 6 | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((accumulator >> bits) as u8);
        }
    }
    Ok(out)
}

/// A response body that is not JSON, as the server sent it: audio, a file's contents, a video.
///
/// `Deref`s to the bytes; [`Binary::text`] reads them as UTF-8.
#[derive(Clone, PartialEq, Eq, Default, Hash)]
pub struct Binary(pub Vec<u8>);

impl Binary {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, taken out.
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }

    /// The bytes as text, when they are UTF-8.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }
}

impl std::ops::Deref for Binary {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(bytes)
    }
}

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Binary({} bytes)", self.0.len())
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BytesVisitor;
        impl<'de> Visitor<'de> for BytesVisitor {
            type Value = Binary;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Binary, E> {
                Ok(Binary(bytes.to_vec()))
            }
            fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Binary, E> {
                Ok(Binary(bytes))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Binary, E> {
                Ok(Binary(text.as_bytes().to_vec()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Binary, A::Error> {
                let mut bytes = Vec::new();
                while let Some(byte) = seq.next_element::<u8>()? {
                    bytes.push(byte);
                }
                Ok(Binary(bytes))
            }
        }
        deserializer.deserialize_byte_buf(BytesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base64(data: &[u8]) -> String {
        let mut out = String::new();
        write_base64(&mut out, data).expect("writes to a String");
        out
    }

    #[test]
    fn base64_round_trips_every_length_and_byte() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
        let all: Vec<u8> = (0..=255u8).cycle().take(2000).collect();
        for len in [0, 1, 2, 3, 767, 768, 769, 2000] {
            assert_eq!(decode_base64(&base64(&all[..len])).as_deref(), Ok(&all[..len]), "length {len}");
        }
        assert_eq!(decode_base64("Zm9v\nYg").as_deref(), Ok(&b"foob"[..]));
        assert!(decode_base64("Zm9v!").unwrap_err().contains("byte 4"));
        assert!(decode_base64("Zg==Zg").unwrap_err().contains("padding"));
    }

    #[test]
    fn a_file_is_a_data_url_in_json() {
        let file = FileUpload::new("a b;c.mp3", vec![0, 255, 10]).with_media_type("audio/mpeg");
        let json = serde_json::to_string(&file).expect("serializes");
        assert_eq!(json, r#""data:audio/mpeg;name=a%20b%3Bc.mp3;base64,AP8K""#);
        assert_eq!(serde_json::from_str::<FileUpload>(&json).expect("reads"), file);
        let with_parameters = FileUpload::new("x", "").with_media_type("text/plain; charset=utf-8");
        let json = serde_json::to_string(&with_parameters).expect("serializes");
        assert_eq!(json, r#""data:text/plain%3B charset=utf-8;name=x;base64,""#);
        assert_eq!(serde_json::from_str::<FileUpload>(&json).expect("reads"), with_parameters);
        // No media type: none written (a form sends it as octet-stream).
        let plain = FileUpload::new("x", "hi");
        let json = serde_json::to_string(&plain).expect("serializes");
        assert_eq!(json, r#""data:;name=x;base64,aGk=""#);
        assert_eq!(serde_json::from_str::<FileUpload>(&json).expect("reads"), plain);
        // Data URLs written by others: no name, percent-encoded contents.
        let other: FileUpload = serde_json::from_str(r#""data:,a%20b""#).expect("reads");
        assert_eq!((other.filename(), other.media_type(), other.data()), ("", None, &b"a b"[..]));
        let error = serde_json::from_str::<FileUpload>(r#""hello""#).unwrap_err().to_string();
        assert!(error.contains("does not start with `data:`"), "{error}");
        assert!(serde_json::from_str::<FileUpload>("3").is_err());
    }

    #[test]
    fn binary_reads_bytes_text_and_arrays() {
        use serde::de::value::{BytesDeserializer, Error};
        let read = Binary::deserialize(BytesDeserializer::<Error>::new(b"\x00\xff")).expect("reads bytes");
        assert_eq!(read.as_bytes(), b"\x00\xff");
        assert_eq!(read.text(), None);
        let from_json: Binary = serde_json::from_str("[104, 105]").expect("reads an array");
        assert_eq!(from_json.text(), Some("hi"));
        assert_eq!(format!("{from_json:?}"), "Binary(2 bytes)");
    }
}
