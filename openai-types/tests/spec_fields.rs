//! The spec against the reference pages: every documented field of every documented type
//! (`tests/data/documented_fields.tsv`, transcribed from the pages independently of the spec) is
//! present in `spec/openapi.yaml` with the documented optionality.

use codegen::spec::{parse, Node};
use std::path::Path;

#[test]
fn every_documented_field_is_in_the_spec_with_its_optionality() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = std::fs::read_to_string(root.join("../spec/openapi.yaml")).expect("spec");
    let document = parse(&spec).expect("spec parses");
    let table = std::fs::read_to_string(root.join("tests/data/documented_fields.tsv")).expect("table");
    let mut problems = Vec::new();
    let mut rows = 0;
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [type_name, field, optionality] = cols[..] else {
            problems.push(format!("malformed row: {line}"));
            continue;
        };
        rows += 1;
        let Some(schema) = document.resolve(&format!("#/components/schemas/{type_name}")) else {
            problems.push(format!("{type_name}: no such schema"));
            continue;
        };
        if schema.get("properties").and_then(|p| p.get(field)).is_none() {
            problems.push(format!("{type_name}.{field}: not in the spec"));
            continue;
        }
        let required = schema
            .get("required")
            .and_then(Node::as_array)
            .is_some_and(|r| r.iter().any(|n| n.as_str() == Some(field)));
        let documented_required = optionality == "required";
        if required != documented_required {
            problems.push(format!("{type_name}.{field}: documented {optionality}, spec says required = {required}"));
        }
    }
    println!("{rows} documented fields checked");
    assert!(rows > 400, "only {rows} rows");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
