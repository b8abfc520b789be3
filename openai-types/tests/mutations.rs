//! The wire-fidelity promise, tested by mutation over every generated type: sampled instances
//! (from the spec's model) get one change each — a field set to `null`, a required field or
//! constant removed, a value replaced by another JSON type, a tag or enum value replaced by an
//! unknown string, an unknown field added at any depth, an integer written as `1.0` or past
//! `i64` — and every mutated document must deserialize, serialize to the same JSON, and have a
//! mismatch report that names exactly the mutated place (beside what the sample itself already
//! had). The counts are printed; ROBUSTNESS.md records them. `MUTATION_SEEDS` raises the number
//! of random samples per type.
#![cfg(feature = "type-registry")]

use codegen::model::{Field, Model, Ty, TypeId, TypeKind};
use codegen::sample::{RandomSampler, Sampler};
use openai_types::type_registry::roundtrip;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

fn model() -> Model {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    codegen::generate_file(&spec, &codegen::Options::default()).expect("the spec generates").model
}

/// One change to a document, and the place the report must name.
struct Mutation {
    kind: &'static str,
    pointer: String,
    /// Where the sample's own mismatches may vanish: a value kept raw (an array of scalars with
    /// one of another type, an object with an unknown tag) is not looked into.
    scope: String,
    /// For a change to a field of a union's variant where the union picks variants by their keys:
    /// the union's place. The changed object may then be read, as the spec allows, as another
    /// variant, whose report differs only inside the union.
    redispatch: Option<String>,
    /// Applies the change to the whole document.
    apply: Box<dyn Fn(&mut Value)>,
}

/// Walks a sampled document along its type, collecting the mutations each place admits.
struct Walker<'m> {
    model: &'m Model,
    out: Vec<Mutation>,
    /// The union whose variant the struct being walked is, while its own fields are walked.
    variant_of: Option<UnionPlace>,
    /// For an item of a list of scalars or enums: the list, which is kept raw whole when the
    /// item has another JSON type.
    raw_list: Option<String>,
}

/// A union a struct is the variant of.
#[derive(Clone)]
struct UnionPlace {
    /// The union's place (the struct's too).
    at: String,
    /// Its tag key.
    tag: Option<String>,
    /// Whether it picks some variants by their keys (no tag, or a variant whose tag is optional).
    by_shape: bool,
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// `f` applied to the value at `pointer` (which exists in every document it is used on).
fn at(pointer: &str, f: impl Fn(&mut Value) + 'static) -> Box<dyn Fn(&mut Value)> {
    let pointer = pointer.to_owned();
    Box::new(move |doc: &mut Value| {
        if let Some(target) = doc.pointer_mut(&pointer) {
            f(target);
        }
    })
}

/// `f` applied to the object that holds the key at `pointer`, with the key.
fn in_parent(
    pointer: &str,
    f: impl Fn(&mut serde_json::Map<String, Value>, &str) + 'static,
) -> Box<dyn Fn(&mut Value)> {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    let key = key.replace("~1", "/").replace("~0", "~");
    at(parent, move |object| {
        if let Some(map) = object.as_object_mut() {
            f(map, &key);
        }
    })
}

impl Walker<'_> {
    fn push(&mut self, kind: &'static str, pointer: &str, apply: Box<dyn Fn(&mut Value)>) {
        self.push_scoped(kind, pointer, pointer, apply);
    }

    fn push_scoped(&mut self, kind: &'static str, pointer: &str, scope: &str, apply: Box<dyn Fn(&mut Value)>) {
        let redispatch = self.variant_of.clone().filter(|u| u.by_shape).map(|u| u.at);
        self.out.push(Mutation { kind, pointer: pointer.to_owned(), scope: scope.to_owned(), redispatch, apply });
    }

    /// Whether values of `ty` are structs or unions (kept whole one by one in a list).
    fn is_struct(&self, ty: &Ty) -> bool {
        matches!(
            self.model.resolve(ty),
            Ty::Named { id, .. } if matches!(self.model.get(*id).map(|d| &d.kind), Some(TypeKind::Struct(_) | TypeKind::Union(_)))
        )
    }

    /// The union type behind `ty`, if it is one.
    fn union_name(&self, ty: &Ty) -> Option<&str> {
        match self.model.resolve(ty) {
            Ty::Named { id, .. } => match self.model.get(*id) {
                Some(def) if matches!(def.kind, TypeKind::Union(_)) => Some(def.name.as_str()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether a value of `ty` may be `replacement` in the spec (free-form JSON, or a union
    /// with a variant that takes it).
    fn takes(&self, ty: &Ty, replacement: &Value) -> bool {
        match self.model.resolve(ty) {
            Ty::Any => true,
            Ty::Nullable(inner) => replacement.is_null() || self.takes(inner, replacement),
            _ => match self.union_name(ty) {
                Some(union) => matches!(
                    roundtrip(union, &replacement.to_string()),
                    Some(Ok((_, Some(variant), _))) if variant != "Unknown"
                ),
                None => false,
            },
        }
    }

    /// Mutations of the value at `pointer`, of type `ty`, and of everything inside it. `scope`
    /// is where a change to this value may hide the sample's own mismatches; `union`: the value
    /// is that union's variant.
    fn value(&mut self, ty: &Ty, value: &Value, pointer: &str, scope: &str, union: Option<UnionPlace>) {
        let resolved = self.model.resolve(ty).clone();
        let raw_scope = self.raw_list.take().unwrap_or_else(|| scope.to_owned());
        // Another JSON type than documented.
        let replacement = match value {
            Value::Bool(_) => json!("text"),
            Value::Null => Value::Null,
            _ => json!(true),
        };
        // At the top, a struct must be an object: there is nothing to keep a scalar in.
        let top_struct = pointer.is_empty() && self.union_name(ty).is_none() && matches!(resolved, Ty::Named { .. });
        // A union's variant is at the union's place, where the union decided already.
        let variant = union.is_some();
        if !value.is_null() && !top_struct && !variant && !self.takes(ty, &replacement) {
            let r = replacement.clone();
            self.push_scoped("another JSON type", pointer, &raw_scope, at(pointer, move |v| *v = r.clone()));
        }
        match (&resolved, value) {
            (Ty::Integer, Value::Number(_)) if !variant => {
                self.push("integer written as 1.0", pointer, at(pointer, |v| *v = json!(1.0)));
                self.push("integer past i64", pointer, at(pointer, |v| *v = json!(u64::MAX)));
            }
            (Ty::Nullable(inner), v) if !v.is_null() => self.value(inner, value, pointer, scope, union),
            (Ty::Array(item), Value::Array(items)) => {
                let structs = self.is_struct(item);
                for (i, element) in items.iter().enumerate() {
                    let at = format!("{pointer}/{i}");
                    self.raw_list = (!structs).then(|| pointer.to_owned());
                    self.value(item, element, &at, &at, None);
                }
            }
            (Ty::Map(entry), Value::Object(map)) if **entry != Ty::Any => {
                let structs = self.is_struct(entry);
                for (key, element) in map {
                    let at = format!("{pointer}/{}", escape(key));
                    self.raw_list = (!structs).then(|| pointer.to_owned());
                    self.value(entry, element, &at, &at, None);
                }
            }
            (Ty::Named { id, .. }, _) => self.named(*id, value, pointer, scope, union),
            _ => {}
        }
    }

    fn named(&mut self, id: TypeId, value: &Value, pointer: &str, scope: &str, union: Option<UnionPlace>) {
        let Some(def) = self.model.get(id) else { return };
        match (&def.kind, value) {
            (TypeKind::Struct(s), Value::Object(object)) => {
                let outer = std::mem::replace(&mut self.variant_of, union.clone());
                let tag = union.as_ref().and_then(|u| u.tag.clone());
                let unknown = format!("{pointer}/zzz_unknown_field");
                self.push(
                    "unknown field",
                    &unknown,
                    at(pointer, |v| {
                        if let Some(map) = v.as_object_mut() {
                            map.insert("zzz_unknown_field".to_owned(), json!({"new": [1]}));
                        }
                    }),
                );
                for c in &s.constants {
                    let field_pointer = format!("{pointer}/{}", escape(&c.wire));
                    if !object.contains_key(&c.wire) {
                        continue;
                    }
                    // A union's object whose tag is gone or unknown is kept whole, unlooked into.
                    let scope = if tag.as_deref() == Some(c.wire.as_str()) { pointer } else { field_pointer.as_str() };
                    let remove = in_parent(&field_pointer, |map, key| {
                        map.remove(key);
                    });
                    self.push_scoped("constant removed", &field_pointer, scope, remove);
                    if c.value.is_string() {
                        let unknown = at(&field_pointer, |v| *v = json!("zzz_unknown_tag"));
                        self.push_scoped("unknown tag", &field_pointer, scope, unknown);
                    }
                }
                for f in &s.fields {
                    if let Some(field_value) = object.get(&f.wire) {
                        let field_pointer = format!("{pointer}/{}", escape(&f.wire));
                        let scope =
                            if tag.as_deref() == Some(f.wire.as_str()) { pointer } else { field_pointer.as_str() };
                        self.field(f, field_value, &field_pointer, scope);
                    }
                }
                self.variant_of = outer;
            }
            (TypeKind::StringEnum(_), Value::String(_)) if union.is_none() => {
                self.push_scoped(
                    "unknown enum value",
                    pointer,
                    scope,
                    at(pointer, |v| *v = json!("zzz_unknown_value")),
                );
            }
            (TypeKind::Union(u), _) => {
                // Into the variant the sample is (the registry says which).
                let chosen = match roundtrip(&def.name, &value.to_string()) {
                    Some(Ok((_, Some(variant), _))) => variant,
                    _ => return,
                };
                if let Some(variant) = u.variants.iter().find(|v| v.ident == chosen) {
                    let by_shape =
                        u.tag.is_none() || u.variants.iter().any(|v| v.tag_values.is_empty() || v.tag_optional);
                    let place = UnionPlace { at: pointer.to_owned(), tag: u.tag.clone(), by_shape };
                    self.value(&variant.ty, value, pointer, pointer, Some(place));
                }
            }
            _ => {}
        }
    }

    fn field(&mut self, f: &Field, value: &Value, pointer: &str, scope: &str) {
        if !value.is_null() && !f.nullable && !self.takes(&f.ty, &Value::Null) {
            self.push_scoped("null", pointer, scope, at(pointer, |v| *v = Value::Null));
        }
        if f.required {
            let remove = in_parent(pointer, |map, key| {
                map.remove(key);
            });
            self.push_scoped("required field removed", pointer, scope, remove);
        }
        // Deeper values are no longer the variant's own fields.
        let outer = self.variant_of.take();
        self.value(&f.ty, value, pointer, scope, None);
        self.variant_of = outer;
    }
}

/// The pointers the report names for `doc` read as `type_name`, after checking it reads and
/// writes back unchanged.
fn report(type_name: &str, doc: &Value) -> Result<Vec<String>, String> {
    match roundtrip(type_name, &doc.to_string()) {
        Some(Ok((back, _, mismatches))) if back == *doc => {
            let mut pointers: Vec<String> = mismatches.into_iter().map(|m| m.pointer).collect();
            pointers.sort();
            Ok(pointers)
        }
        Some(Ok((back, _, _))) => Err(format!("written back as {back}")),
        Some(Err(e)) => Err(format!("rejected: {e}")),
        None => Err("not in the registry".to_owned()),
    }
}

#[test]
fn every_mutation_reads_writes_back_and_is_reported_where_it_is() {
    let model = model();
    let seeds: u64 = std::env::var("MUTATION_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut counts: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut redispatched = 0;
    for (index, def) in model.types.iter().enumerate() {
        // An alias is read as what it stands for wherever it is used; alone, it is a plain
        // `Vec` or `BTreeMap` with serde's own rules.
        if matches!(def.kind, TypeKind::Alias(_)) {
            continue;
        }
        let ty = Ty::Named { id: TypeId(index), boxed: false };
        let mut samples = vec![Sampler::new(&model).instance(&ty, true)];
        samples.extend((0..seeds).map(|seed| RandomSampler::new(&model, seed).instance(&ty)));
        for sample in samples {
            let baseline = match report(&def.name, &sample) {
                Ok(pointers) => pointers,
                Err(e) => {
                    failures.push(format!("{}: the sample {sample}: {e}", def.name));
                    continue;
                }
            };
            let mut walker = Walker { model: &model, out: Vec::new(), variant_of: None, raw_list: None };
            walker.value(&ty, &sample, "", "", None);
            for mutation in walker.out {
                let mut doc = sample.clone();
                (mutation.apply)(&mut doc);
                // What the sample reported outside the mutated place, and the mutated place.
                let mut expected: Vec<String> = baseline
                    .iter()
                    .filter(|p| **p != mutation.scope && !p.starts_with(&format!("{}/", mutation.scope)))
                    .cloned()
                    .collect();
                expected.push(mutation.pointer.clone());
                expected.sort();
                let entry = counts.entry(mutation.kind).or_default();
                entry.0 += 1;
                match report(&def.name, &doc) {
                    Ok(found) if found == expected => entry.1 += 1,
                    // Read as another variant: the difference is all inside the union.
                    Ok(found)
                        if mutation.redispatch.as_ref().is_some_and(|union| {
                            let inside = |p: &String| p == union || p.starts_with(&format!("{union}/"));
                            found.iter().filter(|p| !inside(p)).eq(expected.iter().filter(|p| !inside(p)))
                        }) =>
                    {
                        redispatched += 1
                    }
                    Ok(found) => failures.push(format!(
                        "{} ({}) at {:?}: reported {found:?}, expected {expected:?}\n  {doc}",
                        def.name, mutation.kind, mutation.pointer
                    )),
                    Err(e) => failures
                        .push(format!("{} ({}) at {:?}: {e}\n  {doc}", def.name, mutation.kind, mutation.pointer)),
                }
            }
        }
    }
    let total: usize = counts.values().map(|c| c.0).sum();
    for (kind, (tried, exact)) in &counts {
        println!("{kind}: {exact} of {tried} reported exactly");
    }
    println!("{redispatched} read as another variant of a union that picks variants by their keys");
    println!("{total} mutations of {} types", model.types.len());
    assert!(total > 1_000, "only {total} mutations");
    assert!(failures.is_empty(), "{} of {total} mutations failed:\n{}", failures.len(), failures.join("\n"));
}
