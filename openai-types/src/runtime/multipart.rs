//! Writing request bodies that are not JSON: `multipart/form-data` (file uploads) and raw bodies.
//!
//! A multipart body is written from the body type's `Serialize`, the way OpenAI's SDKs send
//! forms: a part per field; a [`FileUpload`] as a file part; a list as one part per item under
//! `name[]`; an object as its fields under `name[key]`; booleans and numbers as their JSON text;
//! absent and `null` fields not at all. Fields the spec's `encoding` marks as JSON are one
//! `application/json` part each.

use super::file::{decode_base64, FILE_UPLOAD_MARKER};
use super::FileUpload;
use serde::ser::{self, Serialize};
use std::fmt;

/// A body ready to send: its bytes and the `Content-Type` they go with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedBody {
    /// The `Content-Type` header value (`multipart/form-data; boundary=…`).
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Why a body could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError(String);

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BodyError {}

impl ser::Error for BodyError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        BodyError(message.to_string())
    }
}

/// Writes `body` as `multipart/form-data`. `json_fields` go as JSON parts; `extra` fields are
/// added after the body's own (replacing a field of the same name), as forms take them.
pub fn encode_multipart<T: Serialize + ?Sized>(
    body: &T,
    json_fields: &[&str],
    extra: &serde_json::Map<String, serde_json::Value>,
) -> Result<EncodedBody, BodyError> {
    let fields = match body.serialize(FormSerializer)? {
        FormValue::Map(fields) => fields,
        _ => return Err(BodyError("a multipart body must be an object (a struct of fields)".to_owned())),
    };
    let mut parts = Vec::new();
    for (name, value) in fields {
        if extra.contains_key(&name) {
            continue;
        }
        if json_fields.contains(&name.as_str()) {
            if !matches!(value, FormValue::Null) {
                let json = super::json::to_vec(&value).map_err(|error| BodyError(error.to_string()))?;
                parts.push(Part { name, file: None, media_type: Some("application/json"), data: json });
            }
        } else {
            flatten(name, value, &mut parts);
        }
    }
    for (name, value) in extra {
        let value = serde_json::Value::serialize(value, FormSerializer)?;
        flatten(name.clone(), value, &mut parts);
    }
    let boundary = boundary_for(&parts);
    let mut bytes = Vec::with_capacity(parts.iter().map(|p| p.data.len() + 128).sum::<usize>() + 64);
    for part in &parts {
        bytes.extend_from_slice(b"--");
        bytes.extend_from_slice(boundary.as_bytes());
        bytes.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
        bytes.extend_from_slice(quoted(&part.name).as_bytes());
        bytes.push(b'"');
        if let Some((filename, _)) = &part.file {
            bytes.extend_from_slice(b"; filename=\"");
            bytes.extend_from_slice(quoted(filename).as_bytes());
            bytes.push(b'"');
        }
        let media_type = part.file.as_ref().map(|(_, media_type)| media_type.as_str()).or(part.media_type);
        if let Some(media_type) = media_type {
            bytes.extend_from_slice(b"\r\nContent-Type: ");
            bytes.extend_from_slice(header_text(media_type).as_bytes());
        }
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes.extend_from_slice(&part.data);
        bytes.extend_from_slice(b"\r\n");
    }
    bytes.extend_from_slice(b"--");
    bytes.extend_from_slice(boundary.as_bytes());
    bytes.extend_from_slice(b"--\r\n");
    Ok(EncodedBody { content_type: format!("multipart/form-data; boundary={boundary}"), bytes })
}

/// The bytes of a raw body: a string's UTF-8, a file's contents (its media type replaces
/// `media_type` when it has one).
pub fn encode_raw<T: Serialize + ?Sized>(body: &T, media_type: &str) -> Result<EncodedBody, BodyError> {
    match body.serialize(FormSerializer)? {
        FormValue::Text(text) => Ok(EncodedBody { content_type: media_type.to_owned(), bytes: text.into_bytes() }),
        FormValue::File(file) => Ok(EncodedBody {
            content_type: file.media_type().unwrap_or(media_type).to_owned(),
            bytes: file.into_data(),
        }),
        _ => Err(BodyError(format!("a raw `{media_type}` body must be a string or a file"))),
    }
}

struct Part {
    name: String,
    /// File name and media type, for a file part.
    file: Option<(String, String)>,
    media_type: Option<&'static str>,
    data: Vec<u8>,
}

/// Field values as forms see them.
enum FormValue {
    Null,
    Text(String),
    File(FileUpload),
    List(Vec<FormValue>),
    Map(Vec<(String, FormValue)>),
}

/// JSON parts write a value as JSON (a file as its `data:` URL).
impl Serialize for FormValue {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ser::{SerializeMap, SerializeSeq};
        match self {
            FormValue::Null => serializer.serialize_unit(),
            FormValue::Text(text) => serializer.serialize_str(text),
            FormValue::File(file) => file.serialize(serializer),
            FormValue::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            FormValue::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

fn flatten(name: String, value: FormValue, parts: &mut Vec<Part>) {
    match value {
        FormValue::Null => {}
        FormValue::Text(text) => parts.push(Part { name, file: None, media_type: None, data: text.into_bytes() }),
        FormValue::File(file) => {
            let media_type = file.media_type_or_default().to_owned();
            let filename = file.filename().to_owned();
            parts.push(Part { name, file: Some((filename, media_type)), media_type: None, data: file.into_data() });
        }
        FormValue::List(items) => {
            for item in items {
                flatten(format!("{name}[]"), item, parts);
            }
        }
        FormValue::Map(entries) => {
            for (key, value) in entries {
                flatten(format!("{name}[{key}]"), value, parts);
            }
        }
    }
}

/// A name or file name inside a quoted header parameter: quotes and line breaks escaped as
/// browsers do (`%22`, `%0D`, `%0A`), so no value can end the header early.
fn quoted(text: &str) -> String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// A header value with line breaks removed.
fn header_text(text: &str) -> String {
    text.replace(['\r', '\n'], "")
}

/// A boundary no part contains (so none can end the body early). It is derived from the
/// contents, so the same body gives the same bytes.
fn boundary_for(parts: &[Part]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.name.as_bytes().iter().chain(part.data.iter().take(4096)) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    loop {
        let boundary = format!("openai-types-{hash:016x}");
        let needle = boundary.as_bytes();
        let taken = parts.iter().any(|part| {
            part.data.windows(needle.len()).any(|window| window == needle)
                || part.name.contains(&boundary)
                || part.file.as_ref().is_some_and(|(filename, _)| filename.contains(&boundary))
        });
        if !taken {
            return boundary;
        }
        hash = hash.wrapping_add(1);
    }
}

/// Turns a `Serialize` value into a [`FormValue`]; a [`FileUpload`] is recognised by the name it
/// serializes under.
struct FormSerializer;

type Result<T, E = BodyError> = std::result::Result<T, E>;

impl ser::Serializer for FormSerializer {
    type Ok = FormValue;
    type Error = BodyError;
    type SerializeSeq = ListBuilder;
    type SerializeTuple = ListBuilder;
    type SerializeTupleStruct = ListBuilder;
    type SerializeTupleVariant = ListBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = MapBuilder;

    fn serialize_bool(self, v: bool) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_i8(self, v: i8) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_i16(self, v: i16) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_i32(self, v: i32) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_i64(self, v: i64) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_i128(self, v: i128) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_u8(self, v: u8) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_u16(self, v: u16) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_u32(self, v: u32) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_u64(self, v: u64) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_u128(self, v: u128) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_f32(self, v: f32) -> Result<FormValue> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<FormValue> {
        // JSON's spelling of the number (`0.5`, `1e100`), as the JSON body would carry it.
        super::json::to_string(&v).map(FormValue::Text).map_err(|error| BodyError(error.to_string()))
    }
    fn serialize_char(self, v: char) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<FormValue> {
        Ok(FormValue::Text(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<FormValue> {
        Ok(FormValue::File(FileUpload::new("", v)))
    }
    fn serialize_none(self) -> Result<FormValue> {
        Ok(FormValue::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<FormValue> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<FormValue> {
        Ok(FormValue::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<FormValue> {
        Ok(FormValue::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<FormValue> {
        Ok(FormValue::Text(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<FormValue> {
        if name == FILE_UPLOAD_MARKER {
            return value.serialize(FileCapture).map(FormValue::File);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<FormValue> {
        Ok(FormValue::Map(vec![(variant.to_owned(), value.serialize(self)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<ListBuilder> {
        Ok(ListBuilder { items: Vec::with_capacity(len.unwrap_or(0)), variant: None })
    }
    fn serialize_tuple(self, len: usize) -> Result<ListBuilder> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<ListBuilder> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<ListBuilder> {
        Ok(ListBuilder { items: Vec::with_capacity(len), variant: Some(variant) })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder> {
        Ok(MapBuilder { entries: Vec::with_capacity(len.unwrap_or(0)), key: None, variant: None })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapBuilder> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<MapBuilder> {
        Ok(MapBuilder { entries: Vec::with_capacity(len), key: None, variant: Some(variant) })
    }
}

struct ListBuilder {
    items: Vec<FormValue>,
    variant: Option<&'static str>,
}

impl ListBuilder {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.items.push(value.serialize(FormSerializer)?);
        Ok(())
    }
    fn finish(self) -> FormValue {
        let list = FormValue::List(self.items);
        match self.variant {
            Some(variant) => FormValue::Map(vec![(variant.to_owned(), list)]),
            None => list,
        }
    }
}

/// The sequence traits share one body: each element is pushed.
macro_rules! list_builder {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for ListBuilder {
            type Ok = FormValue;
            type Error = BodyError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.push(value)
            }
            fn end(self) -> Result<FormValue> {
                Ok(self.finish())
            }
        }
    )*};
}

list_builder!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

struct MapBuilder {
    entries: Vec<(String, FormValue)>,
    key: Option<String>,
    variant: Option<&'static str>,
}

impl MapBuilder {
    fn finish(self) -> FormValue {
        let map = FormValue::Map(self.entries);
        match self.variant {
            Some(variant) => FormValue::Map(vec![(variant.to_owned(), map)]),
            None => map,
        }
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = FormValue;
    type Error = BodyError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        match key.serialize(FormSerializer)? {
            FormValue::Text(key) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(BodyError("a form field name must be a string".to_owned())),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().ok_or_else(|| BodyError("a form value came without its name".to_owned()))?;
        self.entries.push((key, value.serialize(FormSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<FormValue> {
        Ok(self.finish())
    }
}

/// Both struct traits: each field is an entry.
macro_rules! struct_builder {
    ($($trait:ident),*) => {$(
        impl ser::$trait for MapBuilder {
            type Ok = FormValue;
            type Error = BodyError;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
                self.entries.push((key.to_owned(), value.serialize(FormSerializer)?));
                Ok(())
            }
            fn end(self) -> Result<FormValue> {
                Ok(self.finish())
            }
        }
    )*};
}

struct_builder!(SerializeStruct, SerializeStructVariant);

/// `FileCapture` methods for what no file serializes as: an error each.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {$(
        fn $method(self, $(_: $arg),*) -> Result<FileUpload> {
            Err(not_a_file())
        }
    )*};
    ($($method:ident($($arg:ty),*) -> $compound:ident),* $(,)?) => {$(
        fn $method(self, $(_: $arg),*) -> Result<Self::$compound> {
            Err(not_a_file())
        }
    )*};
}

/// Takes a [`FileUpload`] back from the `data:` URL it writes, decoding the contents as they are
/// written rather than holding the whole URL as text.
struct FileCapture;

impl ser::Serializer for FileCapture {
    type Ok = FileUpload;
    type Error = BodyError;
    type SerializeSeq = ser::Impossible<FileUpload, BodyError>;
    type SerializeTuple = ser::Impossible<FileUpload, BodyError>;
    type SerializeTupleStruct = ser::Impossible<FileUpload, BodyError>;
    type SerializeTupleVariant = ser::Impossible<FileUpload, BodyError>;
    type SerializeMap = ser::Impossible<FileUpload, BodyError>;
    type SerializeStruct = ser::Impossible<FileUpload, BodyError>;
    type SerializeStructVariant = ser::Impossible<FileUpload, BodyError>;

    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<FileUpload> {
        let mut reader = DataUrlReader::default();
        fmt::write(&mut reader, format_args!("{value}"))
            .map_err(|_| BodyError(reader.error.take().unwrap_or_else(|| "a file could not be written".to_owned())))?;
        reader.finish()
    }
    fn serialize_str(self, v: &str) -> Result<FileUpload> {
        super::file::parse_data_url(v).map_err(BodyError)
    }

    refuse! {
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64), serialize_f32(f32),
        serialize_f64(f64), serialize_char(char), serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<FileUpload> {
        Ok(FileUpload::new("", v))
    }
    fn serialize_none(self) -> Result<FileUpload> {
        Err(not_a_file())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<FileUpload> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<FileUpload> {
        Err(not_a_file())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<FileUpload> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<FileUpload> {
        Err(not_a_file())
    }
    refuse! {
        serialize_seq(Option<usize>) -> SerializeSeq,
        serialize_tuple(usize) -> SerializeTuple,
        serialize_tuple_struct(&'static str, usize) -> SerializeTupleStruct,
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> SerializeTupleVariant,
        serialize_map(Option<usize>) -> SerializeMap,
        serialize_struct(&'static str, usize) -> SerializeStruct,
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> SerializeStructVariant,
    }
}

fn not_a_file() -> BodyError {
    BodyError("a file serialized as something other than its `data:` URL".to_owned())
}

/// Reads a `data:` URL as it is written: the header whole, then the base64 contents in
/// chunks of whole groups.
#[derive(Default)]
struct DataUrlReader {
    header: String,
    in_contents: bool,
    /// Base64 characters not yet decoded (fewer than a group of four).
    pending: String,
    data: Vec<u8>,
    error: Option<String>,
}

impl fmt::Write for DataUrlReader {
    fn write_str(&mut self, mut text: &str) -> fmt::Result {
        if !self.in_contents {
            match text.split_once(',') {
                Some((head, rest)) => {
                    self.header.push_str(head);
                    self.in_contents = true;
                    text = rest;
                }
                None => {
                    self.header.push_str(text);
                    return Ok(());
                }
            }
        }
        self.pending.push_str(text);
        let whole = self.pending.len() / 4 * 4;
        if whole >= 4096 {
            let decoded = decode_base64(&self.pending[..whole]).map_err(|error| {
                self.error = Some(error);
                fmt::Error
            })?;
            self.data.extend_from_slice(&decoded);
            self.pending.drain(..whole);
        }
        Ok(())
    }
}

impl DataUrlReader {
    fn finish(mut self) -> Result<FileUpload> {
        if !self.header.ends_with(";base64") {
            // Not the runtime's own form: read it whole.
            let url = format!("{},{}", self.header, self.pending);
            return super::file::parse_data_url(&url).map_err(BodyError);
        }
        let rest = decode_base64(&self.pending).map_err(BodyError)?;
        self.data.extend_from_slice(&rest);
        let head = super::file::parse_data_url(&format!("{},", self.header)).map_err(BodyError)?;
        let mut file = FileUpload::new(head.filename(), std::mem::take(&mut self.data));
        if let Some(media_type) = head.media_type() {
            file = file.with_media_type(media_type);
        }
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Upload {
        file: FileUpload,
        purpose: &'static str,
        temperature: f64,
        stream: Option<bool>,
        include: Vec<&'static str>,
        chunking: serde_json::Value,
        session: serde_json::Value,
    }

    // serde's derive is not a dependency of the runtime.
    impl Serialize for Upload {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
            use ser::SerializeStruct;
            let mut fields = serializer.serialize_struct("Upload", 7)?;
            fields.serialize_field("file", &self.file)?;
            fields.serialize_field("purpose", self.purpose)?;
            fields.serialize_field("temperature", &self.temperature)?;
            fields.serialize_field("stream", &self.stream)?;
            fields.serialize_field("include", &self.include)?;
            fields.serialize_field("chunking", &self.chunking)?;
            fields.serialize_field("session", &self.session)?;
            fields.end()
        }
    }

    fn text(body: &EncodedBody) -> String {
        String::from_utf8_lossy(&body.bytes).into_owned()
    }

    #[test]
    fn a_form_has_a_part_per_field_and_a_file_part() {
        let upload = Upload {
            file: FileUpload::new("speech \"1\".mp3", vec![0, 159, 146, 150]).with_media_type("audio/mpeg"),
            purpose: "user_data",
            temperature: 0.5,
            stream: None,
            include: vec!["logprobs", "words"],
            chunking: serde_json::json!({"type": "server_vad", "threshold": 0.5}),
            session: serde_json::json!({"model": "m"}),
        };
        let body = encode_multipart(&upload, &["session"], &serde_json::Map::new()).expect("encodes");
        let boundary = body.content_type.strip_prefix("multipart/form-data; boundary=").expect("boundary");
        let expected = [
            "Content-Disposition: form-data; name=\"file\"; filename=\"speech %221%22.mp3\"\r\nContent-Type: audio/mpeg\r\n\r\n\0\u{fffd}\u{fffd}\u{fffd}",
            "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nuser_data",
            "Content-Disposition: form-data; name=\"temperature\"\r\n\r\n0.5",
            "Content-Disposition: form-data; name=\"include[]\"\r\n\r\nlogprobs",
            "Content-Disposition: form-data; name=\"include[]\"\r\n\r\nwords",
            // `serde_json::Map` keeps its keys sorted.
            "Content-Disposition: form-data; name=\"chunking[threshold]\"\r\n\r\n0.5",
            "Content-Disposition: form-data; name=\"chunking[type]\"\r\n\r\nserver_vad",
            "Content-Disposition: form-data; name=\"session\"\r\nContent-Type: application/json\r\n\r\n{\"model\":\"m\"}",
        ];
        let mut want = String::new();
        for part in expected {
            want.push_str(&format!("--{boundary}\r\n{part}\r\n"));
        }
        want.push_str(&format!("--{boundary}--\r\n"));
        assert_eq!(text(&body), want);
        // The file's bytes are sent as they are.
        assert!(body.bytes.windows(4).any(|w| w == [0, 159, 146, 150]));
        // Same body, same bytes.
        assert_eq!(encode_multipart(&upload, &["session"], &serde_json::Map::new()).expect("encodes"), body);
    }

    #[test]
    fn the_boundary_is_in_no_part() {
        let first = encode_multipart(&serde_json::json!({"a": "x"}), &[], &serde_json::Map::new()).expect("encodes");
        let boundary = first.content_type.rsplit('=').next().expect("boundary").to_owned();
        // A field that contains the boundary the body would otherwise get gets another one.
        let hostile = serde_json::json!({"a": "x", "b": format!("--{boundary}--")});
        let body = encode_multipart(&hostile, &[], &serde_json::Map::new()).expect("encodes");
        let other = body.content_type.rsplit('=').next().expect("boundary");
        assert_ne!(other, boundary.as_str());
        assert_eq!(text(&body).matches(&format!("--{other}")).count(), 3);
    }

    #[test]
    fn large_files_come_through_whole() {
        let data: Vec<u8> = (0..100_003u32).map(|i| (i * 7 % 251) as u8).collect();
        let file = FileUpload::new("big.bin", data.clone());
        let body = encode_multipart(&serde_json::json!({"file": file}), &[], &serde_json::Map::new());
        // `json!` keeps a file as its JSON text: a `data:` URL string, sent as text.
        assert!(text(&body.expect("encodes")).contains("data:;name=big.bin;base64,"));
        let body = encode_multipart(&Single { file }, &[], &serde_json::Map::new()).expect("encodes");
        assert!(body.bytes.windows(data.len()).any(|w| w == data.as_slice()));
    }

    struct Single {
        file: FileUpload,
    }

    impl Serialize for Single {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
            use ser::SerializeStruct;
            let mut fields = serializer.serialize_struct("Single", 1)?;
            fields.serialize_field("file", &self.file)?;
            fields.end()
        }
    }

    #[test]
    fn extra_fields_replace_and_follow_the_body() {
        let mut extra = serde_json::Map::new();
        extra.insert("purpose".to_owned(), serde_json::json!("batch"));
        extra.insert("flag".to_owned(), serde_json::json!(true));
        let body = encode_multipart(&serde_json::json!({"purpose": "x", "n": 2}), &[], &extra).expect("encodes");
        let text = text(&body);
        assert!(!text.contains("\r\n\r\nx\r\n"), "{text}");
        let order: Vec<usize> = ["name=\"n\"", "name=\"flag\"\r\n\r\ntrue", "name=\"purpose\"\r\n\r\nbatch"]
            .iter()
            .map(|needle| text.find(needle).unwrap_or_else(|| panic!("{needle} in {text}")))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    }

    #[test]
    fn a_form_body_is_an_object_and_a_raw_body_is_text_or_a_file() {
        let error = encode_multipart(&"text", &[], &serde_json::Map::new()).unwrap_err();
        assert!(error.to_string().contains("must be an object"), "{error}");
        let raw = encode_raw("v=0\r\n", "application/sdp").expect("encodes");
        assert_eq!((raw.content_type.as_str(), raw.bytes.as_slice()), ("application/sdp", &b"v=0\r\n"[..]));
        let file =
            encode_raw(&FileUpload::new("a.wav", "RIFF").with_media_type("audio/wav"), "application/octet-stream")
                .expect("encodes");
        assert_eq!((file.content_type.as_str(), file.bytes.as_slice()), ("audio/wav", &b"RIFF"[..]));
        assert_eq!(encode_raw(&3, "text/plain").expect("a number is its text").bytes, b"3");
        let error = encode_raw(&["a"], "text/plain").unwrap_err();
        assert!(error.to_string().contains("must be a string or a file"), "{error}");
    }
}
