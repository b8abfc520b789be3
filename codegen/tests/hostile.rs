//! Hostile specs: each gives a clear error or a valid result — never a panic, a hang or a stack
//! overflow.

use codegen::{generate, Location, Options};
use std::path::Path;

fn real_spec() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml")).expect("spec")
}

/// A tiny deterministic generator of positions (no randomness crates needed).
fn positions(len: usize, count: usize) -> Vec<usize> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state as usize) % len.max(1)
        })
        .collect()
}

#[test]
fn truncated_specs_give_errors_with_places_or_valid_output() {
    let spec = real_spec();
    let mut errors = 0;
    for cut in positions(spec.len(), 40) {
        let cut = (0..=cut).rev().find(|&i| spec.is_char_boundary(i)).unwrap_or(0);
        match generate(&spec[..cut], &Options::default()) {
            Ok(_) => {}
            Err(e) => {
                errors += 1;
                assert!(!matches!(e.location, Location::Unknown), "an error without a place: {e}");
                assert!(!e.to_string().contains("internal error"), "the generator's own fault: {e}");
            }
        }
    }
    assert!(errors > 0, "truncation never produced an error");
}

#[test]
fn specs_with_lines_deleted_never_panic_nor_misprint() {
    let spec = real_spec();
    let lines: Vec<&str> = spec.lines().collect();
    for (round, start) in positions(lines.len(), 60).into_iter().enumerate() {
        let end = (start + 1 + round % 7).min(lines.len());
        let mangled: String = lines[..start].iter().chain(&lines[end..]).map(|l| format!("{l}\n")).collect();
        // Either outcome is fine, but not an error of the generator's own making (code it
        // generated that does not parse); a panic fails.
        if let Err(e) = generate(&mangled, &Options::default()) {
            assert!(!e.to_string().contains("internal error"), "the generator's own fault: {e}");
        }
    }
}

#[test]
fn duplicate_keys_deep_in_the_document_are_errors_with_line_and_column() {
    let spec = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        x: {type: string}\n        x: {type: integer}\n";
    let e = generate(spec, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("duplicate key `x`"), "{e}");
    assert!(matches!(e.location, Location::LineColumn { line: 9 | 10, .. }), "{e:?}");
}

#[test]
fn ten_thousand_deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let yaml = format!(
        "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    A: {}{}\n",
        "{type: object, properties: {a: ".repeat(depth),
        "}}".repeat(depth)
    );
    let e = generate(&yaml, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("invalid YAML") && matches!(e.location, Location::LineColumn { .. }), "{e}");

    let json = format!(
        "{{\"openapi\": \"3.1.0\", \"components\": {{\"schemas\": {{\"A\": {}{}}}}}}}",
        "{\"type\": \"array\", \"items\": ".repeat(depth),
        "}".repeat(depth)
    );
    let e = generate(&json, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("recursion limit"), "{e}");
}

#[test]
fn reference_loops_without_objects_are_errors() {
    let spec = |schemas: &str| {
        format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}")
    };
    let e = generate(&spec("    A: {$ref: '#/components/schemas/A'}\n"), &Options::default()).unwrap_err();
    assert!(e.to_string().contains("`$ref` loop"), "{e}");
    let e = generate(&spec("    A:\n      allOf:\n        - $ref: '#/components/schemas/A'\n        - {type: object, properties: {x: {type: string}}}\n"), &Options::default()).unwrap_err();
    assert!(e.to_string().contains("loop back"), "{e}");
    // A loop through an object is fine: it becomes a boxed recursive type.
    let ok = generate(
        &spec("    A: {type: object, properties: {next: {$ref: '#/components/schemas/A'}}}\n"),
        &Options::default(),
    );
    assert!(ok.is_ok(), "{:?}", ok.err());
}

#[test]
fn a_fifty_megabyte_spec_generates() {
    // Large descriptions and many schemas: about 50 MB of YAML.
    let description =
        "Lorem ipsum dolor sit amet, [consectetur] adipiscing `elit` <b> https://example.com. ".repeat(1_300);
    let mut spec =
        String::from("openapi: 3.1.0\ninfo: {title: big, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n");
    let mut i = 0;
    while spec.len() < 50 * 1024 * 1024 {
        spec.push_str(&format!(
            "    Big{i}:\n      type: object\n      description: \"{description}\"\n      properties:\n        id: {{type: string}}\n        next: {{$ref: '#/components/schemas/Big{}'}}\n",
            i + 1
        ));
        i += 1;
    }
    spec.push_str(&format!("    Big{i}: {{type: string}}\n"));
    let generated = generate(&spec, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(generated.model.types.len(), i + 1);
}

#[test]
fn names_that_collide_after_case_conversion_are_reported_not_merged() {
    let spec = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Error-2: {type: string}\n    Error_2: {type: string}\n";
    let e = generate(spec, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("`Error-2` and `Error_2`"), "{e}");
}

#[test]
fn garbage_is_an_error() {
    for text in [
        "",
        "\u{0}\u{1}\u{2}",
        "{",
        "[1, 2",
        "openapi: [",
        ":::",
        "openapi: 3.1.0\ncomponents: 5\n",
        "openapi: 3.1.0\npaths: [1]\n",
    ] {
        let result = generate(text, &Options::default());
        assert!(result.is_err(), "{text:?} gave {:?}", result.map(|g| g.model.types.len()));
    }
}

/// Generates `spec` on another thread; a run that has not finished after `GUARD` fails the test
/// instead of hanging it. The specs below would take years at exponential cost and take
/// milliseconds at linear cost, so the guard is a hang detector, not a speed measurement.
fn generate_or_hang(spec: String) -> codegen::Result<codegen::Generated> {
    const GUARD: std::time::Duration = std::time::Duration::from_secs(120);
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(generate(&spec, &Options::default()));
    });
    receive.recv_timeout(GUARD).unwrap_or_else(|_| panic!("generation did not finish within {GUARD:?}"))
}

fn schemas_spec(schemas: &str) -> String {
    format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}")
}

/// Schemas `{prefix}0` to `{prefix}40`: level 0 is `first`, level k is `level(k, r)` with `r` a
/// reference to level k-1 (each level uses the one below several times).
fn levels(prefix: &str, first: &str, level: impl Fn(usize, &str) -> String) -> String {
    let mut schemas = format!("    {prefix}0: {first}\n");
    for k in 1..=40 {
        let r = format!("{{$ref: '#/components/schemas/{prefix}{}'}}", k - 1);
        schemas.push_str(&format!("    {prefix}{k}:\n      {}\n", level(k, &r)));
    }
    schemas
}

#[test]
fn shared_all_of_parts_take_linear_time() {
    // Level k is `allOf` of level k-1 four times: 4^40 walks if each use is walked again.
    let schemas = levels("L", "{type: object, properties: {p0: {type: string}}, required: [p0]}", |k, r| {
        format!("allOf: [{r}, {r}, {r}, {r}, {{type: object, properties: {{p{k}: {{type: integer}}}}}}]")
    });
    let generated = generate_or_hang(schemas_spec(&schemas)).expect("generates");
    let top = generated.model.types.iter().find(|t| t.name == "L40").expect("L40");
    let codegen::model::TypeKind::Struct(s) = &top.kind else { panic!("L40 is not a struct") };
    assert_eq!(s.fields.len(), 41, "every level's property, once");
}

#[test]
fn an_acyclic_all_of_chain_is_not_a_loop() {
    let mut schemas = String::from("    C0: {type: object, properties: {c0: {type: string}}}\n");
    for k in 1..=60 {
        schemas.push_str(&format!("    C{k}:\n      allOf: [{{$ref: '#/components/schemas/C{}'}}]\n", k - 1));
    }
    let generated = generate_or_hang(schemas_spec(&schemas));
    assert!(generated.is_ok(), "{:?}", generated.err().map(|e| e.to_string()));
}

#[test]
fn shared_union_branches_take_linear_time() {
    // Nullability and tag inference follow `anyOf` branches through references: 2^40 paths.
    let mut schemas =
        levels("U", "{type: object, properties: {type: {type: string, enum: [u0]}, v: {type: 'null'}}}", |_, r| {
            format!("anyOf: [{r}, {r}, {{type: 'null'}}]")
        });
    schemas.push_str("    W:\n      type: object\n      properties:\n        u: {$ref: '#/components/schemas/U40'}\n");
    let generated = generate_or_hang(schemas_spec(&schemas));
    assert!(generated.is_ok(), "{:?}", generated.err().map(|e| e.to_string()));
}

#[test]
fn all_of_over_shared_unions_of_unions_takes_linear_time() {
    // Level k is a union of level k-1 twice and one object: merging `allOf` parts into every
    // branch would make 2^40 types if each nested union were made once per path to it.
    let mut schemas = levels("U", "{type: object, properties: {type: {const: t0}}, required: [type]}", |k, r| {
        format!("anyOf: [{r}, {r}, {{type: object, properties: {{type: {{const: t{k}}}}}, required: [type]}}]")
    });
    schemas.push_str(
        "    P:\n      allOf:\n        - $ref: '#/components/schemas/U40'\n        - {type: object, properties: {x: {type: string}}}\n",
    );
    let generated = generate_or_hang(schemas_spec(&schemas)).expect("generates");
    let merged = generated.model.types.iter().filter(|t| t.name.starts_with('P')).count();
    // P, and per level one nested union and one struct (82 in all).
    assert!(merged <= 2 * 41 + 1, "{merged} types made for P");
}

#[test]
fn yaml_merge_keys_are_applied() {
    let spec = schemas_spec(
        "    Base: &base\n      type: object\n      properties:\n        id: {type: string}\n      required: [id]\n    \
         C:\n      <<: *base\n      description: Merged.\n",
    );
    let generated = generate(&spec, &Options::default()).expect("generates");
    let c = generated.model.types.iter().find(|t| t.name == "C").expect("C");
    let codegen::model::TypeKind::Struct(s) = &c.kind else { panic!("C became {:?}, not a struct", c.kind) };
    assert_eq!(s.fields.iter().map(|f| f.wire.as_str()).collect::<Vec<_>>(), ["id"]);
    let e = generate(&schemas_spec("    C:\n      <<: [1]\n"), &Options::default()).unwrap_err();
    assert!(e.to_string().contains("#/components/schemas/C/<</0"), "{e}");
}
