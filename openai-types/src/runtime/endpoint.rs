//! The operation wrapper every generated operation implements: what to send where, and what
//! comes back. It is independent of any HTTP client.

/// One HTTP operation of the API, implemented by its request type (the request body type itself
/// when the operation has no path, query or header parameters).
pub trait Endpoint {
    /// The type of a successful response body ([`Binary`](super::Binary) for one that is not JSON).
    type Response: serde::de::DeserializeOwned;
    /// The type of the request body (`()` for operations without one).
    type Body: serde::Serialize;

    /// How the body is written: JSON unless the operation takes a form or raw bytes.
    const BODY_FORMAT: BodyFormat = BodyFormat::Json;
    /// How a successful response is read: JSON unless the operation returns bytes.
    const RESPONSE_FORMAT: ResponseFormat = ResponseFormat::Json;

    /// The HTTP method (`"POST"`).
    const METHOD: &'static str;
    /// The spec's operation id (`"createConversation"`).
    const OPERATION_ID: &'static str;
    /// The path as the spec writes it, with `{placeholders}` (`"/conversations/{conversation_id}"`).
    const PATH_TEMPLATE: &'static str;

    /// The path with its parameters filled in and percent-encoded.
    fn path(&self) -> String;

    /// Query parameters, in the spec's order (only those that are set).
    fn query(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// Header parameters the operation declares (only those that are set).
    fn headers(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The body, when the operation has one. It is a reference, not bytes: the serialization
    /// code of every request type is then compiled only in the crates that send that request
    /// (openai-types' `build_request` serializes it), not in openai-types itself for every user.
    /// (No link: this runtime is copied into standalone generated crates, which have no client.)
    fn body(&self) -> Option<&Self::Body>;
}

/// How an operation's request body goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyFormat {
    /// `application/json`.
    Json,
    /// `multipart/form-data` ([`encode_multipart`](super::multipart::encode_multipart)): a part
    /// per field, files as file parts; `json_fields` are sent as JSON parts.
    Multipart {
        /// Fields the spec's `encoding` sends as `application/json` parts.
        json_fields: &'static [&'static str],
    },
    /// The body's bytes as they are ([`encode_raw`](super::multipart::encode_raw)).
    Raw {
        /// The `Content-Type` (a file's own media type, when it has one, replaces it).
        media_type: &'static str,
    },
}

/// How a successful response is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseFormat {
    /// JSON, into the endpoint's `Response` type.
    Json,
    /// The bytes as they come, into [`Binary`](super::Binary) (audio, file contents).
    Bytes,
}

/// Percent-encodes a path parameter (everything but RFC 3986 unreserved characters).
pub fn encode_path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    // Writing to a `String` cannot fail.
    let _ = super::file::write_escaped(&mut out, value, super::file::UNRESERVED);
    out
}

/// A parameter value as text (strings without quotes, everything else as JSON).
pub fn param_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(encode_path_segment("conv_123"), "conv_123");
        assert_eq!(encode_path_segment("a/b c?"), "a%2Fb%20c%3F");
        assert_eq!(encode_path_segment("é"), "%C3%A9");
    }
}
