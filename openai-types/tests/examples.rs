//! Every example request and response of the reference pages deserializes into its type and
//! round-trips to identical JSON (`tests/data/examples/`, listed in `index.tsv`).
#![cfg(feature = "type-registry")]

use openai_types::type_registry::roundtrip;
use std::path::Path;

#[test]
fn every_documented_example_round_trips() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/examples");
    let index = std::fs::read_to_string(dir.join("index.tsv")).expect("index.tsv");
    let mut checked = 0;
    for line in index.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (file, type_name) = line.split_once('\t').expect("file<TAB>type");
        let text = std::fs::read_to_string(dir.join(file)).expect("example file");
        let original: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let (back, _, mismatches) = roundtrip(type_name, &text)
            .unwrap_or_else(|| panic!("{file}: no type {type_name}"))
            .unwrap_or_else(|e| panic!("{file} does not deserialize into {type_name}: {e}"));
        assert_eq!(back, original, "{file} changed in a round trip through {type_name}");
        assert!(mismatches.is_empty(), "{file} leaves the spec: {mismatches:?}");
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} examples");
    println!("{checked} documented examples round-trip unchanged");
}

/// OpenAI's own examples (in its published spec) leave out required fields whose types have no
/// empty value: a message's `status`, a web search call's `action`, usage's
/// `input_tokens_details`. These documents, written here with the same omissions, read, write
/// back unchanged, and the report names exactly what is missing.
#[test]
fn examples_with_the_omissions_openai_makes_read_and_write_back() {
    use serde_json::json;
    let usage = json!({
        "input_tokens": 139,
        "output_tokens": 438,
        "output_tokens_details": {"reasoning_tokens": 64},
        "total_tokens": 577
    });
    let response = json!({
        "id": "resp_1",
        "object": "response.compaction",
        "created_at": 1764967971,
        "output": [
            {"id": "msg_1", "type": "message", "role": "user", "content": [{"type": "input_text", "text": "Plan a trip."}]},
            {"id": "ws_1", "type": "web_search_call", "status": "completed"},
            {"id": "cmp_1", "type": "compaction", "encrypted_content": "opaque"}
        ],
        "usage": usage
    });
    let (back, _, mismatches) = roundtrip("CompactedResponse", &response.to_string())
        .expect("in the registry")
        .expect("an example with omissions reads");
    assert_eq!(back, response);
    let mut pointers: Vec<String> = mismatches.iter().map(|m| m.pointer.clone()).collect();
    pointers.sort();
    assert_eq!(pointers, ["/output/0/status", "/output/1/action", "/usage/input_tokens_details"]);
    assert!(mismatches.iter().all(|m| m.problem == openai_types::Problem::MissingField), "{mismatches:?}");
}
