//! The benchmark inputs are what the benches say they are. No timing here: only that both crates
//! accept the documents, that the generators are deterministic, and that the synthetic specs have
//! the announced size and generate.

use openai_types::{CompactedResponse, InputTokenCountParams};

#[test]
fn both_crates_parse_the_serde_documents() {
    let docs = bench::Documents::generate();
    bench::check_both_parse(&docs).unwrap();
    let response: CompactedResponse = serde_json::from_str(&docs.compacted_response).unwrap();
    assert_eq!(response.output.len(), bench::ITEMS);
    let params: InputTokenCountParams = serde_json::from_str(&docs.input_token_count_params).unwrap();
    let tools = params.tools.as_ref().map(Vec::len).unwrap_or(0);
    assert!((10..=14).contains(&tools), "a dozen tools, got {tools}");
}

#[test]
fn openai_types_round_trips_the_serde_documents() {
    let docs = bench::Documents::generate();
    for json in [&docs.compacted_response, &docs.input_token_count_params] {
        let original: serde_json::Value = serde_json::from_str(json).unwrap();
        let back = if json == &docs.compacted_response {
            serde_json::to_value(serde_json::from_str::<CompactedResponse>(json).unwrap()).unwrap()
        } else {
            serde_json::to_value(serde_json::from_str::<InputTokenCountParams>(json).unwrap()).unwrap()
        };
        // Lenient defaults may add empty values; everything that was there comes back unchanged.
        let (serde_json::Value::Object(original), serde_json::Value::Object(back)) = (original, back) else {
            panic!("objects")
        };
        for (key, value) in &original {
            if !value.is_null() {
                assert_eq!(back.get(key), Some(value), "field {key}");
            }
        }
    }
}

#[test]
fn every_single_kind_document_parses_in_both_crates() {
    for kind in bench::inputs::output_kinds() {
        let json = bench::inputs::compacted_response_of(50, Some(kind));
        serde_json::from_str::<CompactedResponse>(&json).unwrap_or_else(|e| panic!("{kind}: {e}"));
        serde_json::from_str::<async_openai::types::responses::CompactResource>(&json)
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
    }
    for kind in bench::inputs::input_kinds() {
        let json = bench::inputs::input_token_count_params_of(50, Some(kind));
        serde_json::from_str::<InputTokenCountParams>(&json).unwrap_or_else(|e| panic!("{kind}: {e}"));
        serde_json::from_str::<async_openai::types::responses::TokenCountsBody>(&json)
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
    }
}

#[test]
fn generators_are_deterministic() {
    assert_eq!(bench::inputs::compacted_response(100), bench::inputs::compacted_response(100));
    assert_eq!(bench::inputs::input_token_count_params(100), bench::inputs::input_token_count_params(100));
}

fn spec() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml")).unwrap()
}

#[test]
fn synthetic_specs_have_the_asked_size_and_generate() {
    let base = bench::synth::Base::from_spec(&spec()).unwrap();
    for n in [250, 400] {
        let synthetic = base.synthesize(n);
        assert_eq!(synthetic.schemas, n);
        let generated = codegen::generate(&synthetic.openapi, &codegen::Options::default())
            .unwrap_or_else(|e| panic!("{n} schemas: {e}"));
        assert!(generated.model.types.len() >= n, "{} types for {n} schemas", generated.model.types.len());
        // No reference dangles in the JSON Schema form either.
        let schema: serde_json::Value = serde_json::from_str(&synthetic.json_schema).unwrap();
        let definitions = schema["definitions"].as_object().unwrap();
        let text = synthetic.json_schema.as_str();
        for part in text.split("\"$ref\": \"#/definitions/").skip(1) {
            let name = &part[..part.find('"').unwrap()];
            assert!(definitions.contains_key(name), "dangling $ref {name}");
        }
    }
}

#[test]
fn the_typify_input_only_loses_union_defaults() {
    let base = bench::synth::Base::from_spec(&spec()).unwrap();
    let plain = base.synthesize(300);
    let typify = base.synthesize_for_typify(300);
    assert_eq!(plain.schemas, typify.schemas);
    assert!(typify.openapi.len() < plain.openapi.len());
    assert!(codegen::generate(&typify.openapi, &codegen::Options::default()).is_ok());
}

/// Reads `json` as openai-types' type, checks it matches the spec (no `Unknown` variant, enum
/// value or field, no wrong type anywhere) and returns what it writes back.
struct ReadChecked<'a> {
    label: &'a str,
    json: &'a str,
}

impl bench::complete::WithTypes for ReadChecked<'_> {
    type Output = serde_json::Value;
    fn run<Ours, Theirs>(self) -> serde_json::Value
    where
        Ours: serde::de::DeserializeOwned + serde::Serialize + openai_types::WireValue,
        Theirs: serde::de::DeserializeOwned + serde::Serialize,
    {
        let (label, json) = (self.label, self.json);
        let value: Ours = serde_json::from_str(json).unwrap_or_else(|e| panic!("{label}: {e}"));
        let mismatches = value.spec_mismatches();
        assert!(mismatches.is_empty(), "{label}: {} mismatches, first {}", mismatches.len(), mismatches[0]);
        serde_json::to_value(&value).unwrap()
    }
}

/// The schema-complete documents are valid by the spec as openai-types reads it, and write back
/// unchanged (every key and value, in both key orders); async-openai's rejections are what the
/// `complete` report shows, not a failure here.
#[test]
fn schema_complete_documents_match_the_spec_and_round_trip() {
    use bench::complete::{Complete, KeyOrder};
    let complete = Complete::new().unwrap();
    let mut docs = complete.whole_documents().unwrap();
    docs.extend(complete.kind_documents(KeyOrder::Spec).unwrap());
    docs.extend(complete.kind_documents(KeyOrder::Reversed).unwrap());
    assert!(docs.len() > 40, "{} documents", docs.len());
    for doc in &docs {
        let (label, json) = (doc.label.as_str(), doc.json.as_str());
        let back = doc.target.with_types(ReadChecked { label, json });
        let original: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(back, original, "{label} does not write back unchanged");
    }
    // Deterministic, and the two orders hold the same values in other orders.
    let again = complete.whole_documents().unwrap();
    assert_eq!(again[0].json, docs[0].json);
    assert_ne!(docs[0].json, docs[1].json);
    let spec: serde_json::Value = serde_json::from_str(&docs[0].json).unwrap();
    let reversed: serde_json::Value = serde_json::from_str(&docs[1].json).unwrap();
    assert_eq!(spec, reversed);
}
