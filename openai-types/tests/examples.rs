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
