//! Bad input gives one clear error that names where it is, never a panic.

use codegen::{generate, Location, Options};

fn error_of(spec: &str) -> codegen::Error {
    match generate(spec, &Options::default()) {
        Ok(_) => panic!("expected an error for:\n{spec}"),
        Err(e) => e,
    }
}

fn spec_with_schemas(schemas: &str) -> String {
    format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}")
}

#[test]
fn malformed_yaml_names_line_and_column() {
    let e = error_of("openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: 1\n");
    assert!(matches!(e.location, Location::LineColumn { line: 4, .. } | Location::LineColumn { line: 3, .. }), "{e:?}");
    assert!(e.to_string().starts_with("<spec>:") && e.to_string().contains("invalid YAML"), "{e}");
}

#[test]
fn malformed_json_names_line_and_column() {
    let e = error_of("{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\n}");
    assert!(matches!(e.location, Location::LineColumn { line: 4, .. }), "{e:?}");
    assert!(e.to_string().contains("invalid JSON"), "{e}");
}

#[test]
fn duplicate_keys_are_an_error() {
    let e = error_of("openapi: 3.1.0\ninfo: {title: a, version: '1'}\ninfo: {title: b, version: '1'}\n");
    assert!(e.to_string().contains("duplicate key `info`"), "{e}");
    assert!(matches!(e.location, Location::LineColumn { .. }), "{e:?}");
}

#[test]
fn duplicate_keys_in_large_objects_are_an_error() {
    // Past a few dozen keys the check goes through a set: a repeat far from the first is found.
    for repeated in ["S0", "S39", "S70"] {
        let mut schemas: String = (0..80).map(|i| format!("    S{i}: {{type: string}}\n")).collect();
        schemas.push_str(&format!("    {repeated}: {{type: integer}}\n"));
        let e = error_of(&spec_with_schemas(&schemas));
        assert!(e.to_string().contains(&format!("duplicate key `{repeated}`")), "{e}");
    }
}

#[test]
fn refs_resolve_through_escapes_and_the_schema_index_alike() {
    let spec = r##"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "a/b": {"type": "object", "properties": {"n": {"type": "string"}}},
            "Plain": {"type": "object", "properties": {"n": {"type": "integer"}}},
            "Uses": {"type": "object", "properties": {
                "escaped": {"$ref": "#/components/schemas/a~1b"},
                "plain": {"$ref": "#/components/schemas/Plain"},
                "deep": {"$ref": "#/components/schemas/Plain/properties/n"}}}}}}"##;
    let document = codegen::spec::parse(spec).expect("parses");
    let plain = document.resolve("#/components/schemas/Plain").expect("indexed");
    assert_eq!(plain.get("type").and_then(|t| t.as_str()), Some("object"));
    assert!(document.resolve("#/components/schemas/a~1b").is_some());
    assert_eq!(
        document.resolve("#/components/schemas/Plain/properties/n/type").and_then(|t| t.as_str()),
        Some("integer")
    );
    assert!(document.resolve("#/components/schemas/Missing").is_none());
    codegen::generate(spec, &codegen::Options::default()).expect("every ref resolves");
}

#[test]
fn dangling_ref_names_the_referring_pointer() {
    let e = error_of(&spec_with_schemas(
        "    A:\n      type: object\n      properties:\n        b: {$ref: '#/components/schemas/Missing'}\n",
    ));
    assert_eq!(e.location, Location::Pointer("#/components/schemas/A/properties/b/$ref".into()));
    assert!(e.to_string().contains("`#/components/schemas/Missing` does not point at anything"), "{e}");
}

#[test]
fn unsupported_constructs_name_their_pointer() {
    let e = error_of(&spec_with_schemas("    A:\n      type: widget\n"));
    assert_eq!(e.location, Location::Pointer("#/components/schemas/A/type".into()));
    assert!(e.to_string().contains("unknown type `widget`"), "{e}");

    let e = error_of(&spec_with_schemas("    A:\n      $ref: 'other.yaml#/B'\n"));
    assert!(e.to_string().contains("only `#/...` references are supported"), "{e}");

    let e = error_of(&spec_with_schemas("    A:\n      allOf:\n        - type: string\n        - type: object\n          properties: {x: {type: string}}\n"));
    assert!(
        e.to_string().contains("#/components/schemas/A/allOf/0")
            && e.to_string().contains("only objects can be merged"),
        "{e}"
    );

    let e = error_of(&spec_with_schemas("    A: 5\n"));
    assert!(e.to_string().contains("#/components/schemas/A: expected a schema object, found a number"), "{e}");
}

#[test]
fn all_of_unions_that_cannot_be_merged_name_their_pointer() {
    let objects = "    A: {type: object, properties: {type: {const: a}}}\n    B: {type: object, properties: {type: {const: b}}}\n";
    // Two union parts: refused (a product of branches), naming the part and both unions.
    let e = error_of(&spec_with_schemas(&format!(
        "{objects}    U: {{oneOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}]}}\n    \
         P:\n      allOf:\n        - $ref: '#/components/schemas/U'\n        - {{type: object, properties: {{x: {{type: string}}}}}}\n        \
         - anyOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}]\n"
    )));
    assert_eq!(e.location, Location::Pointer("#/components/schemas/P/allOf/2".into()), "{e}");
    assert!(
        e.to_string().contains("two parts that are unions")
            && e.to_string().contains("`#/components/schemas/U/oneOf`")
            && e.to_string().contains("`#/components/schemas/P/allOf/2/anyOf`"),
        "{e}"
    );
    // A branch that is no object cannot take the other parts' properties.
    let e = error_of(&spec_with_schemas(&format!(
        "{objects}    P:\n      allOf:\n        - anyOf: [{{$ref: '#/components/schemas/A'}}, {{type: string}}]\n        \
         - {{type: object, properties: {{x: {{type: string}}}}}}\n"
    )));
    assert_eq!(e.location, Location::Pointer("#/components/schemas/P/allOf/0/anyOf/1".into()), "{e}");
    assert!(e.to_string().contains("only objects can be merged"), "{e}");
    // A union that is one of its own branches describes nothing more; merging it would not end.
    let e = error_of(&spec_with_schemas(&format!(
        "{objects}    U: {{anyOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/U'}}]}}\n    \
         P:\n      allOf:\n        - $ref: '#/components/schemas/U'\n        - {{type: object, properties: {{x: {{type: string}}}}}}\n"
    )));
    assert!(
        e.to_string().contains("#/components/schemas/U/anyOf") && e.to_string().contains("its own branches"),
        "{e}"
    );
    // Only `null` branches: no object fits.
    let e = error_of(&spec_with_schemas(
        "    P:\n      allOf:\n        - anyOf: [{type: 'null'}]\n        - {type: object, properties: {x: {type: string}}}\n",
    ));
    assert_eq!(e.location, Location::Pointer("#/components/schemas/P/allOf/0/anyOf".into()), "{e}");
}

#[test]
fn names_colliding_after_case_conversion_name_both_schemas() {
    let e = error_of(&spec_with_schemas("    foo_bar: {type: string}\n    FooBar: {type: string}\n"));
    assert_eq!(e.location, Location::Pointer("#/components/schemas/FooBar".into()));
    assert!(e.to_string().contains("`foo_bar` and `FooBar` both become the Rust type name `FooBar`"), "{e}");
}

#[test]
fn a_ref_loop_with_no_object_is_an_error() {
    let e = error_of(&spec_with_schemas(
        "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
    ));
    assert!(e.to_string().contains("`$ref` loop with no object"), "{e}");
}

#[test]
fn documents_that_are_not_openapi_3_are_refused() {
    let e = error_of("swagger: '2.0'\ninfo: {title: t, version: '1'}\n");
    assert!(e.to_string().contains("#/openapi") && e.to_string().contains("missing"), "{e}");
    let e = error_of("openapi: 2.0.0\n");
    assert!(e.to_string().contains("`2.0.0` is not supported"), "{e}");
    let e = error_of("- just\n- a list\n");
    assert!(e.to_string().contains("not an OpenAPI object"), "{e}");
}

#[test]
fn errors_name_the_file_when_read_from_disk() {
    let dir = std::env::temp_dir().join(format!("codegen-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.yaml");
    std::fs::write(&path, "openapi: 3.1.0\ninfo: [\n").unwrap();
    let e = codegen::generate_file(&path, &Options::default()).unwrap_err();
    assert!(e.to_string().starts_with(&format!("{}:", path.display())), "{e}");
    let missing = codegen::generate_file(&dir.join("nope.yaml"), &Options::default()).unwrap_err();
    assert!(missing.to_string().contains("nope.yaml"), "{missing}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn path_templates_are_checked_against_their_parameters() {
    let op = |path: &str, params: &str| {
        format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths:\n  '{path}':\n    get:\n      operationId: getThing\n\
             \x20     parameters: [{params}]\n      responses: {{'200': {{description: ok}}}}\n"
        )
    };
    let e = error_of(&op("/things/{thing_id}", ""));
    assert!(e.to_string().contains("#/paths/~1things~1{thing_id}") && e.to_string().contains("`thing_id`"), "{e}");
    let e = error_of(&op("/things/{thing_id", "{name: thing_id, in: path, schema: {type: string}}"));
    assert!(e.to_string().contains("not closed"), "{e}");
    let ok = generate(
        &op("/things/{thing_id}/parts", "{name: thing_id, in: path, schema: {type: string}}"),
        &Options::default(),
    );
    assert!(ok.is_ok(), "{:?}", ok.err());
}
