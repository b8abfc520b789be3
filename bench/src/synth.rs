//! Synthetic specs for the scaling and typify benchmarks: copies of the real schemas of
//! `spec/openapi.yaml` under new names (`ResponseInputItem` → `ResponseInputItemCopy3`, every `$ref`
//! and discriminator mapping rewritten to the copy), plus one link schema per copy that refers to
//! the previous copy through a field and an untagged union, so copies are not islands.
//!
//! A spec of `n` schemas holds `n / (base + 1)` whole copies with their link schemas, then a
//! partial copy: whole reference closures of the real schemas (smallest first) until `n` is reached,
//! so no `$ref` dangles.

use serde_yaml::{Mapping, Value};
use std::collections::{BTreeSet, HashMap};

const SCHEMAS_PREFIX: &str = "#/components/schemas/";

/// A generated spec.
pub struct Synthetic {
    /// The OpenAPI 3.1 document, as JSON text (the generator reads JSON and YAML alike).
    pub openapi: String,
    /// The same schemas as a JSON Schema document (`definitions`, `#/definitions/` refs), for
    /// cargo-typify.
    pub json_schema: String,
    /// How many schemas it holds.
    pub schemas: usize,
}

/// The real schemas, in spec order.
pub struct Base {
    schemas: Vec<(String, Value)>,
    /// Every schema's reference closure (itself included), as indices into `schemas`.
    closures: Vec<BTreeSet<usize>>,
}

fn refs_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                let key = key.as_str().unwrap_or_default();
                if key == "$ref" {
                    if let Some(name) = child.as_str().and_then(|r| r.strip_prefix(SCHEMAS_PREFIX)) {
                        out.push(name.split('/').next().unwrap_or(name).to_owned());
                    }
                } else if key == "mapping" {
                    if let Value::Mapping(entries) = child {
                        for target in entries.values() {
                            if let Some(name) = target.as_str().and_then(|r| r.strip_prefix(SCHEMAS_PREFIX)) {
                                out.push(name.to_owned());
                            }
                        }
                    }
                } else {
                    refs_in(child, out);
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|item| refs_in(item, out)),
        Value::Tagged(tagged) => refs_in(&tagged.value, out),
        _ => {}
    }
}

/// Rewrites `#/components/schemas/NAME` references: to `NAME{suffix}` under `prefix`.
fn rewrite(value: &Value, suffix: &str, prefix: &str) -> Value {
    let rename = |r: &str| -> Option<String> {
        let rest = r.strip_prefix(SCHEMAS_PREFIX)?;
        let (name, tail) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        Some(format!("{prefix}{name}{suffix}{tail}"))
    };
    match value {
        Value::Mapping(map) => {
            let mut out = Mapping::with_capacity(map.len());
            for (key, child) in map {
                let k = key.as_str().unwrap_or_default();
                let new_child = if k == "$ref" {
                    match child.as_str().and_then(rename) {
                        Some(r) => Value::String(r),
                        None => child.clone(),
                    }
                } else if k == "mapping" {
                    match child {
                        Value::Mapping(entries) => Value::Mapping(
                            entries
                                .iter()
                                .map(|(tag, target)| {
                                    let target = match target.as_str().and_then(rename) {
                                        Some(r) => Value::String(r),
                                        None => target.clone(),
                                    };
                                    (tag.clone(), target)
                                })
                                .collect(),
                        ),
                        other => rewrite(other, suffix, prefix),
                    }
                } else {
                    rewrite(child, suffix, prefix)
                };
                out.insert(key.clone(), new_child);
            }
            Value::Mapping(out)
        }
        Value::Sequence(items) => Value::Sequence(items.iter().map(|i| rewrite(i, suffix, prefix)).collect()),
        Value::Tagged(tagged) => rewrite(&tagged.value, suffix, prefix),
        other => other.clone(),
    }
}

impl Base {
    /// Reads the schemas of an OpenAPI document (YAML or JSON text).
    pub fn from_spec(text: &str) -> Result<Self, String> {
        let root: Value = serde_yaml::from_str(text).map_err(|e| format!("the spec does not parse: {e}"))?;
        let schemas = root
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(Value::as_mapping)
            .ok_or("the spec has no components.schemas")?;
        let schemas: Vec<(String, Value)> =
            schemas.iter().map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), v.clone())).collect();
        let index: HashMap<&str, usize> = schemas.iter().enumerate().map(|(i, (n, _))| (n.as_str(), i)).collect();
        let direct: Vec<Vec<usize>> = schemas
            .iter()
            .map(|(_, schema)| {
                let mut names = Vec::new();
                refs_in(schema, &mut names);
                names.iter().filter_map(|n| index.get(n.as_str()).copied()).collect()
            })
            .collect();
        let closures = (0..schemas.len())
            .map(|start| {
                let mut seen = BTreeSet::from([start]);
                let mut stack = vec![start];
                while let Some(i) = stack.pop() {
                    for &j in &direct[i] {
                        if seen.insert(j) {
                            stack.push(j);
                        }
                    }
                }
                seen
            })
            .collect();
        Ok(Base { schemas, closures })
    }

    /// How many schemas the real spec has.
    pub fn len(&self) -> usize {
        self.schemas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.schemas.is_empty()
    }

    fn pick(&self, preferred: &str, union: bool) -> String {
        if self.schemas.iter().any(|(n, _)| n == preferred) {
            return preferred.to_owned();
        }
        let is_union = |s: &Value| s.get("oneOf").is_some() || s.get("anyOf").is_some();
        self.schemas
            .iter()
            .find(|(_, s)| if union { is_union(s) } else { s.get("properties").is_some() })
            .map(|(n, _)| n.clone())
            .unwrap_or_else(|| self.schemas[0].0.clone())
    }

    /// A spec of `n` schemas (see the module documentation).
    pub fn synthesize(&self, n: usize) -> Synthetic {
        finish(self.synthesize_schemas(n), false)
    }

    /// [`Base::synthesize`] with [`strip_union_defaults`] applied: the input of the typify
    /// comparison.
    pub fn synthesize_for_typify(&self, n: usize) -> Synthetic {
        finish(self.synthesize_schemas(n), true)
    }

    fn synthesize_schemas(&self, n: usize) -> Vec<(String, Value)> {
        let per_copy = self.schemas.len() + 1;
        let copies = n / per_copy;
        let union = self.pick("ResponseInputItem", true);
        let object = self.pick("Conversation", false);
        let mut out: Vec<(String, Value)> = Vec::with_capacity(n);
        for k in 0..copies {
            let suffix = format!("Copy{k}");
            for (name, schema) in &self.schemas {
                out.push((format!("{name}{suffix}"), rewrite(schema, &suffix, SCHEMAS_PREFIX)));
            }
            out.push((format!("CopyLink{k}"), self.link(k, &union, &object)));
        }
        // The partial copy: whole closures, smallest first, while they fit.
        let remaining = n - copies * per_copy;
        if remaining > 0 {
            let mut order: Vec<usize> = (0..self.schemas.len()).collect();
            order.sort_by_key(|&i| (self.closures[i].len(), i));
            let mut chosen: BTreeSet<usize> = BTreeSet::new();
            for i in order {
                let grown: BTreeSet<usize> = chosen.union(&self.closures[i]).copied().collect();
                if grown.len() <= remaining {
                    chosen = grown;
                }
                if chosen.len() == remaining {
                    break;
                }
            }
            let suffix = format!("Copy{copies}");
            for i in chosen {
                let (name, schema) = &self.schemas[i];
                out.push((format!("{name}{suffix}"), rewrite(schema, &suffix, SCHEMAS_PREFIX)));
            }
        }
        out
    }

    /// Copy `k`'s link schema: its union and object types, and the previous copy's link.
    fn link(&self, k: usize, union: &str, object: &str) -> Value {
        let reference = |name: String| -> Value {
            let mut m = Mapping::new();
            m.insert("$ref".into(), format!("{SCHEMAS_PREFIX}{name}").into());
            Value::Mapping(m)
        };
        let mut properties = Mapping::new();
        properties.insert("item".into(), reference(format!("{union}Copy{k}")));
        properties.insert("object".into(), reference(format!("{object}Copy{k}")));
        if k > 0 {
            properties.insert("previous".into(), reference(format!("CopyLink{}", k - 1)));
            let mut either = Mapping::new();
            either.insert(
                "oneOf".into(),
                Value::Sequence(vec![
                    reference(format!("{object}Copy{k}")),
                    reference(format!("{union}Copy{}", k - 1)),
                ]),
            );
            properties.insert("either".into(), Value::Mapping(either));
        }
        let mut link = Mapping::new();
        link.insert("type".into(), "object".into());
        link.insert("description".into(), format!("Links copy {k} of the schemas to the previous copy.").into());
        link.insert("properties".into(), Value::Mapping(properties));
        link.insert("required".into(), Value::Sequence(vec!["item".into()]));
        Value::Mapping(link)
    }
}

/// Removes `default` from union schemas (`anyOf`/`oneOf` with a `default`): cargo-typify 0.8
/// rejects them ("value does not conform to the given schema"; in the real spec only
/// `ToolImageGeneration.model`, `default: gpt-image-1` on a string-or-enum-or-null union). The
/// typify comparison strips them from both tools' input, so both get the same schemas.
pub fn strip_union_defaults(value: &mut Value) -> usize {
    let mut stripped = 0;
    match value {
        Value::Mapping(map) => {
            let union = map.contains_key("anyOf") || map.contains_key("oneOf");
            if union && map.remove("default").is_some() {
                stripped += 1;
            }
            for child in map.values_mut() {
                stripped += strip_union_defaults(child);
            }
        }
        Value::Sequence(items) => {
            for item in items {
                stripped += strip_union_defaults(item);
            }
        }
        _ => {}
    }
    stripped
}

fn openapi_document(schemas: &[(String, Value)]) -> String {
    let mut map = Mapping::new();
    for (name, schema) in schemas {
        map.insert(name.as_str().into(), schema.clone());
    }
    let mut components = Mapping::new();
    components.insert("schemas".into(), Value::Mapping(map));
    let mut info = Mapping::new();
    info.insert("title".into(), "Synthetic spec (copies of spec/openapi.yaml)".into());
    info.insert("version".into(), "0.0.0".into());
    let mut root = Mapping::new();
    root.insert("openapi".into(), "3.1.0".into());
    root.insert("info".into(), Value::Mapping(info));
    root.insert("paths".into(), Value::Mapping(Mapping::new()));
    root.insert("components".into(), Value::Mapping(components));
    serde_json::to_string_pretty(&Value::Mapping(root)).expect("schemas have string keys")
}

fn json_schema_document(schemas: &[(String, Value)]) -> String {
    let mut map = Mapping::new();
    for (name, schema) in schemas {
        map.insert(name.as_str().into(), rewrite(schema, "", "#/definitions/"));
    }
    let mut root = Mapping::new();
    root.insert("$schema".into(), "http://json-schema.org/draft-07/schema#".into());
    root.insert("definitions".into(), Value::Mapping(map));
    serde_json::to_string_pretty(&Value::Mapping(root)).expect("schemas have string keys")
}

fn finish(mut schemas: Vec<(String, Value)>, for_typify: bool) -> Synthetic {
    if for_typify {
        for (_, schema) in &mut schemas {
            strip_union_defaults(schema);
        }
    }
    Synthetic {
        openapi: openapi_document(&schemas),
        json_schema: json_schema_document(&schemas),
        schemas: schemas.len(),
    }
}

/// The real spec's schemas alone (typify-compatible, see [`strip_union_defaults`]), as the JSON
/// Schema document cargo-typify reads and as an OpenAPI document with no paths (what the
/// generator reads), so both tools get the same schemas.
pub fn real_schemas_for_typify(text: &str) -> Result<Synthetic, String> {
    let base = Base::from_spec(text)?;
    Ok(finish(base.schemas, true))
}
