//! Property tests over every generated type: random valid instances (drawn from the spec's model)
//! serialize and deserialize back to equal JSON, and random JSON values never make any type
//! panic. The case counts are printed; `PROPTEST_CASES` raises them.
#![cfg(feature = "type-registry")]

use codegen::model::{Model, Ty, TypeId};
use codegen::sample::RandomSampler;
use openai_types::type_registry::{roundtrip, types};
use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
        codegen::generate_file(&spec, &codegen::Options::default()).expect("the spec generates").model
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_instances_of_every_type_round_trip(seed in any::<u64>()) {
        let model = model();
        let mut sampler = RandomSampler::new(model, seed);
        for (index, def) in model.types.iter().enumerate() {
            let instance = sampler.instance(&Ty::Named { id: TypeId(index), boxed: false });
            let text = instance.to_string();
            let result = roundtrip(&def.name, &text).expect("every type is in the registry");
            match result {
                Ok((back, _, mismatches)) => {
                    prop_assert_eq!(back, instance.clone(), "{} changed in a round trip", def.name);
                    // The only places that leave the spec are the unknown fields and enum values the sampler adds.
                    let mut expected = Vec::new();
                    unknown_fields(&instance, &mut String::new(), &mut expected);
                    let mut found: Vec<String> = mismatches.into_iter().map(|m| m.pointer).collect();
                    found.sort();
                    expected.sort();
                    prop_assert_eq!(found, expected, "{} mismatch report for {}", def.name, instance);
                }
                Err(e) => prop_assert!(false, "{} rejected a valid instance {}: {}", def.name, text, e),
            }
        }
    }

    #[test]
    fn random_json_never_panics(value in arbitrary_json()) {
        let text = value.to_string();
        for (name, _) in types().iter() {
            // Errors are fine; a panic fails the test.
            let _ = roundtrip(name, &text);
        }
    }
}

/// The JSON pointers of the sampler's unknown fields and enum values in `value`.
fn unknown_fields(value: &Value, at: &mut String, out: &mut Vec<String>) {
    let len = at.len();
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                at.push('/');
                at.push_str(&key.replace('~', "~0").replace('/', "~1"));
                if key == codegen::sample::UNKNOWN_FIELD {
                    out.push(at.clone());
                } else {
                    unknown_fields(item, at, out);
                }
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push_str(&format!("/{i}"));
                unknown_fields(item, at, out);
                at.truncate(len);
            }
        }
        Value::String(text) if text.starts_with(codegen::sample::UNKNOWN_ENUM_VALUE_PREFIX) => out.push(at.clone()),
        _ => {}
    }
}

/// Arbitrary JSON, biased towards the keys and tags the API uses so it reaches deep code paths.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("type".to_owned()),
        Just("role".to_owned()),
        Just("content".to_owned()),
        Just("id".to_owned()),
        Just("output".to_owned()),
        Just("tools".to_owned()),
        "[a-z_]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        prop_oneof![
            Just("message".to_owned()),
            Just("function_call".to_owned()),
            Just("input_text".to_owned()),
            Just("user".to_owned()),
            any::<String>(),
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}
