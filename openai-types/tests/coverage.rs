//! Coverage of the spec's unions and three-state fields: for every union of the spec, one JSON
//! instance per variant (made from the spec by the generator's sampler) deserializes into that
//! very variant and round-trips unchanged; every optional nullable field keeps absent, `null` and
//! a value apart.
#![cfg(feature = "type-registry")]

use codegen::model::{Model, Ty, TypeKind};
use codegen::sample::Sampler;
use openai_types::type_registry::roundtrip;
use serde_json::Value;
use std::path::Path;

fn model() -> Model {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    codegen::generate_file(&spec, &codegen::Options::default()).expect("the spec generates").model
}

#[test]
fn every_union_variant_has_an_instance_that_round_trips() {
    let model = model();
    let sampler = Sampler::new(&model);
    let mut covered = 0;
    let mut unions = 0;
    let mut failures = Vec::new();
    for def in &model.types {
        let TypeKind::Union(union) = &def.kind else { continue };
        unions += 1;
        for variant in &union.variants {
            let instance = sampler.variant(variant);
            let text = instance.to_string();
            match roundtrip(&def.name, &text) {
                Some(Ok((back, chosen, mismatches)))
                    if back == instance && chosen == Some(variant.ident.as_str()) && mismatches.is_empty() =>
                {
                    covered += 1
                }
                Some(Ok((back, chosen, mismatches))) => failures.push(format!(
                    "{}::{}: {text} came back as {chosen:?}: {back}, mismatches {mismatches:?}",
                    def.name, variant.ident
                )),
                Some(Err(e)) => failures.push(format!("{}::{}: {text}: {e}", def.name, variant.ident)),
                None => failures.push(format!("{}: not in the registry", def.name)),
            }
        }
    }
    println!("covered {covered} variants of {unions} unions");
    assert!(failures.is_empty(), "{} variants without a working instance:\n{}", failures.len(), failures.join("\n"));
    assert!(covered > 100, "only {covered} variants");
}

#[test]
fn every_optional_nullable_field_keeps_three_states() {
    let model = model();
    let sampler = Sampler::new(&model);
    let mut checked = 0;
    let mut failures = Vec::new();
    for def in &model.types {
        let TypeKind::Struct(s) = &def.kind else { continue };
        for field in s.fields.iter().filter(|f| !f.required && f.nullable && f.ty != Ty::Any) {
            let base = sampler.minimal_struct(s);
            let mut null = base.clone();
            null.insert(field.wire.clone(), Value::Null);
            let mut value = base.clone();
            value.insert(field.wire.clone(), sampler.instance(&field.ty, false));
            for (state, object) in [("absent", base), ("null", null), ("value", value)] {
                let json = Value::Object(object);
                match roundtrip(&def.name, &json.to_string()) {
                    Some(Ok((back, _, _))) if back == json => {}
                    other => failures.push(format!("{}.{} {state}: {json} -> {other:?}", def.name, field.wire)),
                }
            }
            checked += 1;
        }
    }
    println!("checked absent/null/value of {checked} optional nullable fields");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 0, "no optional nullable fields");
}
