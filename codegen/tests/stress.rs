//! A synthetic spec with every construct of OpenAI's published file, many times over (built here,
//! not committed), turned into a standalone crate that must build, pass clippy with warnings
//! denied, and round-trip a sample instance of every type.

use codegen::model::TypeKind;
use codegen::sample::Sampler;
use codegen::write::{crate_files, write_all, CrateName};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One block of schemas and paths per copy; every awkward construct appears in each.
fn stress_spec(copies: usize) -> String {
    let mut schemas = String::new();
    let mut paths = String::new();
    for i in 0..copies {
        let wide_branches: String = (0..60)
            .map(|j| {
                format!(
                    "        - type: object\n          properties:\n            kind: {{type: string, enum: [kind_{j}], x-stainless-const: true}}\n            value{j}: {{type: integer}}\n          required: [kind]\n"
                )
            })
            .collect();
        let mut deep = String::from("{type: string}");
        for level in 0..24 {
            deep = format!(
                "{{type: object, properties: {{level{level}: {deep}, tag: {{type: string}}}}, required: [tag]}}"
            );
        }
        write!(
            schemas,
            r##"    Item{i}:
      description: Tags duplicated, optional and several per branch; a $ref with siblings.
      anyOf:
        - $ref: '#/components/schemas/Text{i}'
        - $ref: '#/components/schemas/Call{i}'
        - $ref: '#/components/schemas/EasyMessage{i}'
        - $ref: '#/components/schemas/OutputMessage{i}'
        - {{type: 'null'}}
    Text{i}:
      type: object
      properties:
        type: {{type: string, enum: [text], x-stainless-const: true}}
        text: {{type: string}}
        annotations: {{type: array, items: {{$ref: '#/components/schemas/Item{i}'}}}}
      required: [type, text]
    Call{i}:
      type: object
      properties:
        type: {{type: string, enum: [function_call, custom_call]}}
        name: {{type: string, description: 'The name: [with brackets] and <html> and https://example.com'}}
        arguments: {{}}
      required: [type, name, missing_property]
    EasyMessage{i}:
      type: object
      properties:
        role: {{type: string, enum: [user, assistant, system, developer]}}
        content: {{anyOf: [{{type: string}}, {{type: array, items: {{$ref: '#/components/schemas/Text{i}'}}}}]}}
        type: {{type: [string, 'null'], enum: [message, null]}}
      required: [role, content]
    OutputMessage{i}:
      type: object
      properties:
        id: {{type: string}}
        type: {{type: string, enum: [message], x-stainless-const: true}}
        role: {{type: string, enum: [assistant], x-stainless-const: true}}
        status: {{type: string, enum: [in_progress, completed, incomplete]}}
        content: {{type: array, items: {{$ref: '#/components/schemas/Text{i}'}}}}
      required: [id, type, role, content]
    Error-{i}:
      type: object
      properties:
        message: {{type: string}}
        code: {{type: string, nullable: true}}
        retry: {{type: integer, minimum: 0, exclusiveMinimum: true}}
        ratio: {{type: number, default: 'not a number'}}
        static: {{type: boolean}}
        self-harm/intent: {{type: boolean}}
        api_key.created: {{type: integer, format: unixtime}}
        size: {{type: string, enum: ['1024x1024', 24h, 'gpt-5.5-2026-04-23', 'audio/pcm', '[DONE]']}}
      required: [message, code, not_declared]
    Wide{i}:
      description: A 60-branch anyOf.
      anyOf:
{wide_branches}    Deep{i}:
      description: Deep inline nesting.
      type: object
      properties:
        root: {deep}
    Level{i}:
      type: integer
      enum: [0, 1, 2]
    Model{i}:
      anyOf:
        - type: string
        - type: string
          enum: [gpt-4o, gpt-4o-mini, o3]
    Holder{i}:
      type: object
      properties:
        item:
          $ref: '#/components/schemas/Item{i}'
          description: A $ref with a description sibling.
        maybe_error:
          $ref: '#/components/schemas/Error-{i}'
          nullable: true
        level: {{$ref: '#/components/schemas/Level{i}'}}
        model: {{$ref: '#/components/schemas/Model{i}'}}
        wide: {{$ref: '#/components/schemas/Wide{i}'}}
        deep: {{$ref: '#/components/schemas/Deep{i}'}}
        filter: {{$ref: '#/components/schemas/Filter{i}'}}
        metadata: {{type: object, additionalProperties: {{type: string}}}}
        anything: {{}}
        merged:
          allOf:
            - $ref: '#/components/schemas/Text{i}'
            - type: object
              properties:
                extra: {{type: boolean}}
    Filter{i}:
      $recursiveAnchor: true
      type: object
      properties:
        type: {{type: string, enum: [and, or]}}
        filters:
          type: array
          items:
            anyOf:
              - {{type: object, properties: {{key: {{type: string}}, value: {{anyOf: [{{type: string}}, {{type: number}}, {{type: boolean}}]}}}}, required: [key]}}
              - $recursiveRef: '#'
      required: [type, filters]
"##
        )
        .expect("write to a string");
        write!(
            paths,
            r##"  /things{i}?beta=true:
    post:
      operationId: createThing{i}
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Holder{i}'}}
      responses:
        '200':
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Item{i}'}}
  /things{i}/{{thing_id}}:
    get:
      operationId: get-thing-{i}
      parameters:
        - {{name: thing_id, in: path, required: true, schema: {{type: string}}}}
        - {{name: limit, in: query, schema: {{type: integer}}}}
      responses:
        '200':
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Holder{i}'}}
  /uploads{i}:
    post:
      operationId: Uploadfile{i}
      requestBody:
        content:
          application/json:
            schema: {{type: object, properties: {{file_id: {{type: string}}}}, required: [file_id]}}
          multipart/form-data:
            schema:
              type: object
              properties:
                file:
                  anyOf:
                    - {{type: string, format: binary}}
                    - {{type: array, items: {{type: string, format: binary}}}}
                    - {{$ref: '#/components/schemas/Holder{i}'}}
                settings: {{$ref: '#/components/schemas/Holder{i}'}}
                tags: {{type: array, items: {{type: string}}}}
              required: [file]
            encoding:
              settings: {{contentType: application/json}}
      responses:
        '200':
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Text{i}'}}
  /uploads{i}/{{upload_id}}/content:
    get:
      operationId: Download{i}
      parameters:
        - {{name: upload_id, in: path, required: true, schema: {{type: string}}}}
      responses:
        '200':
          content:
            audio/mpeg:
              schema: {{type: string, format: binary}}
            application/json:
              schema: {{type: string}}
    post:
      operationId: Replace{i}
      parameters:
        - {{name: upload_id, in: path, required: true, schema: {{type: string}}}}
      requestBody:
        content:
          application/octet-stream: {{}}
          application/sdp:
            schema: {{type: string}}
      responses:
        '204':
          description: No content.
"##
        )
        .expect("write to a string");
    }
    format!("openapi: 3.1.0\ninfo: {{title: stress, version: '1'}}\npaths:\n{paths}components:\n  schemas:\n{schemas}")
}

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/stress")
}

fn cargo(args: &[&str], dir: &Path) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {} failed:\n{}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_stress_spec_becomes_a_crate_that_builds_lints_clean_and_round_trips() {
    let spec = stress_spec(16);
    let generated = codegen::generate(&spec, &codegen::Options::default()).unwrap_or_else(|e| panic!("{e}"));

    // Ignored constructs are reported, with their pointers; no operation is skipped.
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert!(!warnings.iter().any(|w| w.contains("skipped")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("Error-0/properties/ratio/default")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("not_declared")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("missing_property")), "{warnings:?}");
    // Per copy: two JSON operations, an upload as JSON and as a form, a download, and a raw body
    // as bytes and as `application/sdp`.
    assert_eq!(generated.model.operations.len(), 7 * 16, "seven wrappers per copy");

    let dir = target_dir().join("crate");
    let mut files = crate_files(
        &CrateName::new("stress-types").expect("a valid name"),
        &generated.module_files,
        &generated.features,
    );
    // Sample instances of every type, round-tripped through the crate's type registry.
    let sampler = Sampler::new(&generated.model);
    let samples: Vec<(String, serde_json::Value)> = generated
        .model
        .types
        .iter()
        .map(|def| {
            let value = match &def.kind {
                TypeKind::Union(u) => u.variants.first().map(|v| sampler.variant(v)).unwrap_or_default(),
                _ => sampler.instance(
                    &codegen::model::Ty::Named { id: id_of(&generated.model, &def.name), boxed: false },
                    true,
                ),
            };
            (def.name.clone(), value)
        })
        .collect();
    files.push(codegen::write::OutputFile {
        path: "tests/samples.json".into(),
        contents: serde_json::to_string(&samples).expect("samples serialize"),
    });
    files.push(codegen::write::OutputFile { path: "tests/round_trip.rs".into(), contents: ROUND_TRIP_TEST.to_owned() });
    write_all(&dir, &files).unwrap_or_else(|e| panic!("{e}"));

    cargo(&["clippy", "--all-targets", "--features", "type-registry", "--", "-D", "warnings"], &dir);
    cargo(&["test", "--features", "type-registry"], &dir);
    // One area alone builds too: its types and the shared ones it uses, nothing else.
    assert!(generated.features.iter().any(|f| f == "uploads0"), "{:?}", generated.features);
    cargo(&["clippy", "--no-default-features", "--features", "uploads0", "--", "-D", "warnings"], &dir);
}

fn id_of(model: &codegen::model::Model, name: &str) -> codegen::model::TypeId {
    codegen::model::TypeId(model.types.iter().position(|d| d.name == name).expect("type exists"))
}

const ROUND_TRIP_TEST: &str = r#"//! Every type's sample instance round-trips unchanged.
use stress_types::type_registry::roundtrip;

#[test]
fn samples_round_trip() {
    let samples: Vec<(String, serde_json::Value)> =
        serde_json::from_str(include_str!("samples.json")).expect("samples");
    assert!(samples.len() > 100, "{}", samples.len());
    let mut failures = Vec::new();
    for (name, value) in &samples {
        match roundtrip(name, &value.to_string()) {
            Some(Ok((back, _, mismatches))) if &back == value && mismatches.is_empty() => {}
            other => failures.push(format!("{name}: {value} -> {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
"#;

#[test]
fn generating_the_stress_spec_is_deterministic() {
    let spec = stress_spec(3);
    let a = codegen::generate(&spec, &codegen::Options::default()).expect("generates");
    let b = codegen::generate(&spec, &codegen::Options::default()).expect("generates");
    assert_eq!(a.types_source, b.types_source);
}
