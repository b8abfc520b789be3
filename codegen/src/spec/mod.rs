//! Reading the spec: the text is parsed (YAML or JSON, in `load.rs`) into an order-preserving
//! tree of [`Node`]s, navigated by JSON pointer; schemas are read through typed views
//! ([`Schema`], in `schema.rs`) that know the keywords and carry their pointers, and so are the
//! paths, operations, parameters, bodies and responses (in `operation.rs`). Nothing here knows
//! about Rust.

mod load;
mod node;
mod operation;
mod pointer;
mod schema;

use crate::error::{Error, Result};
pub use load::parse;
pub use node::Node;
pub use operation::{
    MediaTypeView, Method, OperationView, ParamLocation, ParameterView, PathItem, Referable, RequestBodyView,
    ResponseView,
};
pub use pointer::{escape_pointer_token, Pointer};
pub use schema::{
    description_of, AdditionalProperties, Discriminator, Located, OrAbsent, RefAllOf, Schema, TypeName, UnionKeyword,
};
use std::collections::HashMap;

/// A parsed OpenAPI document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The whole tree.
    pub root: Node,
    /// Where each schema of `#/components/schemas` is among its entries: nearly every `$ref`
    /// points there, and a scan of thousands of schemas per `$ref` made lowering quadratic.
    schema_index: HashMap<String, usize>,
}

impl Document {
    /// A document of the tree `root`.
    pub fn new(root: Node) -> Self {
        let schemas = root.get("components").and_then(|c| c.get("schemas")).and_then(Node::as_object).unwrap_or(&[]);
        let schema_index = schemas.iter().enumerate().map(|(i, (name, _))| (name.clone(), i)).collect();
        Document { root, schema_index }
    }

    /// The component schemas (`#/components/schemas`), each at its pointer, in document order. A
    /// `components` or `schemas` that is not an object is an error.
    pub fn component_schemas(&self) -> Result<Vec<(&str, Schema<'_>)>> {
        let Some(components) = self.root.get("components") else { return Ok(Vec::new()) };
        if components.as_object().is_none() {
            return Err(Error::at("#/components", format!("expected an object, found {}", components.kind_name())));
        }
        let base = Pointer::root().join("components").join("schemas");
        let schemas = match components.get("schemas") {
            None => return Ok(Vec::new()),
            Some(Node::Object(schemas)) => schemas,
            Some(other) => {
                return Err(Error::at(
                    base.as_str(),
                    format!("expected an object of schemas, found {}", other.kind_name()),
                ))
            }
        };
        Ok(schemas.iter().map(|(key, node)| (key.as_str(), Schema::new(node, base.join(key)))).collect())
    }

    /// The schema a local `$ref` points at, at that pointer.
    pub fn schema_at(&self, reference: &str) -> Option<Schema<'_>> {
        self.resolve(reference).map(|node| Schema::new(node, Pointer::from_ref(reference)))
    }

    /// Every `$ref` string in the document, in document order (a `$ref` that is not a string is
    /// looked into like any other value).
    pub fn references(&self) -> Vec<String> {
        fn collect(node: &Node, out: &mut Vec<String>) {
            match node {
                Node::Object(entries) => {
                    for (key, value) in entries {
                        match (key.as_str(), value) {
                            ("$ref", Node::String(reference)) => out.push(reference.clone()),
                            _ => collect(value, out),
                        }
                    }
                }
                Node::Array(items) => items.iter().for_each(|item| collect(item, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        collect(&self.root, &mut out);
        out
    }

    /// Resolves a local `$ref` (`#/components/schemas/X`) to the node it points at.
    pub fn resolve(&self, reference: &str) -> Option<&Node> {
        if let Some(name) = reference.strip_prefix("#/components/schemas/") {
            // Names without escapes (`~`, `%`) or further steps are looked up directly.
            if !name.contains(['/', '~', '%']) {
                let index = *self.schema_index.get(name)?;
                let schemas = self.root.get("components")?.get("schemas")?.as_object()?;
                return schemas.get(index).map(|(_, node)| node);
            }
        }
        let path = reference.strip_prefix('#')?;
        if path.is_empty() {
            return Some(&self.root);
        }
        let mut node = &self.root;
        for raw in path.strip_prefix('/')?.split('/') {
            let token = raw.replace("~1", "/").replace("~0", "~");
            let token = percent_decode(&token);
            node = match node {
                Node::Object(_) => node.get(&token)?,
                Node::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

/// `$ref` values are URI fragments: `%7B` and friends may appear in path keys.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}
