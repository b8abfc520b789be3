//! The only module that touches YAML: spec text in, [`Document`] out, with line:column errors.

use super::{Document, Node, Pointer};
use crate::error::{Error, Location, Result};

/// Parses spec text. JSON is tried when the text starts with `{`, YAML otherwise (YAML 1.2 is a
/// superset of JSON, but serde_json gives better messages for JSON).
pub fn parse(text: &str) -> Result<Document> {
    let is_json = text.trim_start().starts_with('{');
    let root: Node = if is_json {
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
    let root = if is_json { root } else { apply_merge_keys(root, &Pointer::root())? };
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

/// The YAML merge key: `<<: *base` (or `<<: [*a, *b]`) brings in the keys of the merged mappings
/// that the mapping does not set itself; among several, the first to set a key wins. The keys
/// take the place of the `<<` entry, so properties keep the order they are read in. serde_yaml
/// expands the aliases but leaves `<<` as an ordinary key, which would silently become a
/// property-less schema.
fn apply_merge_keys(node: Node, at: &Pointer) -> Result<Node> {
    match node {
        Node::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| apply_merge_keys(item, &at.index(i)))
            .collect::<Result<_>>()
            .map(Node::Array),
        Node::Object(entries) => {
            let mut resolved = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                let value = apply_merge_keys(value, &at.join(&key))?;
                resolved.push((key, value));
            }
            let Some(position) = resolved.iter().position(|(k, _)| k == MERGE_KEY) else {
                return Ok(Node::Object(resolved));
            };
            let (_, merged) = resolved.remove(position);
            let sources = match merged {
                Node::Object(entries) => vec![entries],
                Node::Array(items) => items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| match item {
                        Node::Object(entries) => Ok(entries),
                        other => Err(merge_error(&at.join(MERGE_KEY).index(i), &other)),
                    })
                    .collect::<Result<_>>()?,
                other => return Err(merge_error(&at.join(MERGE_KEY), &other)),
            };
            let mut brought: Vec<(String, Node)> = Vec::new();
            for (key, value) in sources.into_iter().flatten() {
                let set = resolved.iter().chain(&brought).any(|(k, _)| *k == key);
                if !set {
                    brought.push((key, value));
                }
            }
            resolved.splice(position..position, brought);
            Ok(Node::Object(resolved))
        }
        other => Ok(other),
    }
}

const MERGE_KEY: &str = "<<";

fn merge_error(at: &Pointer, found: &Node) -> Error {
    Error::at(
        at.to_string(),
        format!("a YAML merge key (`<<`) takes a mapping or a list of mappings, not {}", found.kind_name()),
    )
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::spec::Node;

    fn keys(node: Option<&Node>) -> Vec<String> {
        node.and_then(Node::as_object).map(|e| e.iter().map(|(k, _)| k.clone()).collect()).unwrap_or_default()
    }

    #[test]
    fn merge_keys_bring_in_what_the_mapping_does_not_set() {
        let text = "openapi: 3.1.0\nbase: &base {type: object, description: base, x: 1}\nextra: &extra {x: 2, y: 3}\n\
                    c:\n  <<: [*base, *extra]\n  description: own\n";
        let doc = parse(text).expect("parses");
        let c = doc.root.get("c");
        assert_eq!(keys(c), ["type", "x", "y", "description"]);
        assert_eq!(c.and_then(|c| c.get_str("description")), Some("own"));
        assert_eq!(c.and_then(|c| c.get("x")), Some(&Node::Number(1.into())));
    }

    #[test]
    fn a_merge_key_on_something_else_is_an_error_with_its_place() {
        let error = parse("openapi: 3.1.0\nc:\n  <<: 5\n").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("#/c/<<") && error.contains("not a number"), "{error}");
        let error = parse("openapi: 3.1.0\nc:\n  <<: [{a: 1}, x]\n").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("#/c/<</1") && error.contains("not a string"), "{error}");
    }

    #[test]
    fn json_keeps_a_key_named_like_the_merge_key() {
        let doc = parse(r#"{"openapi": "3.1.0", "c": {"<<": {"a": 1}}}"#).expect("parses");
        assert_eq!(keys(doc.root.get("c")), ["<<"]);
    }
}
