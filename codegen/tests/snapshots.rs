//! One snapshot of generated Rust per fixture spec: a generator change shows up as a reviewable
//! diff (`cargo insta review`). The same fixtures are compiled and exercised by the
//! `codegen-fixtures` crate.

use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("fixtures directory").map(|e| e.expect("fixture entry").path()).collect();
    paths.sort();
    paths
}

#[test]
fn every_fixture_matches_its_snapshot() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 8, "expected the fixture specs, found {}", fixtures.len());
    for path in fixtures {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("fixture name").to_owned();
        let generated =
            codegen::generate_file(&path, &codegen::Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(name.clone());
        settings.set_prepend_module_to_snapshot(false);
        settings.set_description(format!(
            "generated from codegen/tests/fixtures/{}",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("")
        ));
        settings.bind(|| insta::assert_snapshot!("fixture", generated.types_source));
    }
}

#[test]
fn warnings_name_the_place() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi30.json");
    let generated = codegen::generate_file(&path, &codegen::Options::default()).expect("generates");
    let messages: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert!(
        messages.iter().any(
            |m| m.contains("#/components/schemas/Error-2/properties/ratio/default") && m.contains("does not match")
        ),
        "a default that does not match its schema is reported with its pointer: {messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("#/components/schemas/Error-2/required") && m.contains("missing_one")),
        "`required` naming an undeclared property is reported: {messages:?}"
    );
}

#[test]
fn each_warning_is_given_once() {
    // `A` is lowered as itself, as a branch merged with `B`'s part, and inside `C`: one warning.
    let spec = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
        A: {type: object, properties: {type: {const: a}}, required: [type, gone]}\n    \
        Z: {type: object, properties: {type: {const: z}}}\n    \
        B:\n      allOf:\n        - anyOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/Z'}]\n        \
        - {type: object, properties: {lane: {type: string}}}\n    \
        C:\n      allOf: [{$ref: '#/components/schemas/A'}, {type: object, properties: {n: {type: integer}}}]\n";
    let generated = codegen::generate(spec, &codegen::Options::default()).expect("generates");
    let messages: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(messages.iter().filter(|m| m.contains("`gone`")).count(), 1, "{messages:?}");
}

#[test]
fn generation_is_deterministic() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    let first = codegen::generate_file(&spec, &codegen::Options::default()).expect("the spec generates");
    let second = codegen::generate_file(&spec, &codegen::Options::default()).expect("the spec generates");
    assert_eq!(first.types_source, second.types_source);
    for path in fixtures() {
        let a = codegen::generate_file(&path, &codegen::Options::default()).expect("generates");
        let b = codegen::generate_file(&path, &codegen::Options::default()).expect("generates");
        assert_eq!(a.types_source, b.types_source, "{}", path.display());
    }
}

#[test]
fn every_operation_is_wrapped_with_its_body_and_response_formats() {
    use codegen::model::{BodyFormat, ResponseBody};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files.yaml");
    let generated = codegen::generate_file(&path, &codegen::Options::default()).expect("generates");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let wrappers: Vec<(&str, &str, Option<&BodyFormat>, &ResponseBody)> = generated
        .model
        .operations
        .iter()
        .map(|o| (o.id.as_str(), o.ident.as_str(), o.body.as_ref().map(|b| &b.format), &o.response))
        .collect();
    let multipart =
        |fields: &[&str]| BodyFormat::Multipart { json_fields: fields.iter().map(|f| f.to_string()).collect() };
    let sdp = BodyFormat::Raw { media_type: "application/sdp".to_owned() };
    let json =
        |name: &str| matches!(&wrappers.iter().find(|w| w.0 == name).expect("operation").3, ResponseBody::Json(_));
    assert!(json("createTranscription") && json("createEdit"));
    let shapes: Vec<(&str, &str, Option<&BodyFormat>, bool)> =
        wrappers.iter().map(|w| (w.0, w.1, w.2, *w.3 == ResponseBody::Bytes)).collect();
    assert_eq!(
        shapes,
        [
            ("createTranscription", "create_transcription", Some(&multipart(&["session"])), false),
            ("createEdit", "create_edit", Some(&BodyFormat::Json), false),
            ("createEdit", "create_edit_multipart", Some(&multipart(&[])), false),
            ("createSpeech", "create_speech", Some(&BodyFormat::Json), true),
            ("createCall", "create_call", Some(&sdp), true),
            ("downloadFile", "download_file", None, true),
            ("deleteFile", "delete_file", None, true),
        ]
    );
}

#[test]
fn a_change_to_one_schema_changes_only_its_own_files() {
    let spec = |extra: &str| {
        format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n\
             \x20   A: {{type: object, properties: {{b: {{$ref: '#/components/schemas/B'}}}}}}\n\
             \x20   B: {{type: object, properties: {{x: {{type: string}}{extra}}}}}\n\
             \x20   C: {{type: string, enum: [c]}}\n"
        )
    };
    let before = codegen::generate(&spec(""), &codegen::Options::default()).expect("generates");
    let after = codegen::generate(&spec(", y: {type: integer}"), &codegen::Options::default()).expect("generates");
    let changed: Vec<String> = before
        .module_files
        .iter()
        .zip(&after.module_files)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.path.display().to_string())
        .collect();
    assert_eq!(before.module_files.len(), after.module_files.len());
    assert_eq!(changed, ["other/b.rs"], "only B's file (in `other`: no operation uses it)");
    let surfaces: Vec<&str> = before
        .type_surfaces
        .iter()
        .zip(&after.type_surfaces)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(surfaces, ["B"], "only B's snapshot");
}
