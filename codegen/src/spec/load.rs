//! The only module that touches YAML: spec text in, [`Document`] out, with line:column errors.

use super::{Document, Node};
use crate::error::{Error, Location, Result};

/// Parses spec text. JSON is tried when the text starts with `{`, YAML otherwise (YAML 1.2 is a
/// superset of JSON, but serde_json gives better messages for JSON).
pub fn parse(text: &str) -> Result<Document> {
    let root: Node = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| Error {
            file: None,
            location: Location::LineColumn { line: e.line(), column: e.column() },
            message: format!("invalid JSON: {}", strip_position(&e.to_string())),
        })?
    } else {
        serde_yaml::from_str(text).map_err(|e| {
            let location = match e.location() {
                Some(l) => Location::LineColumn { line: l.line(), column: l.column() },
                None => Location::Unknown,
            };
            Error { file: None, location, message: format!("invalid YAML: {}", strip_position(&e.to_string())) }
        })?
    };
    if root.as_object().is_none() {
        return Err(Error::at("#", format!("the document is {}, not an OpenAPI object", root.kind_name())));
    }
    Ok(Document::new(root))
}

/// serde's messages end with " at line L column C"; the location is printed separately.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
