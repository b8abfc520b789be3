//! The direct printer (`emit::print`) writes most items as text in prettyplease's layout.
//! These specs sweep the lengths of type names, field names, keys and constants across every
//! width where a line starts to break, and generation with `verify_printing` formats every
//! printed item through prettyplease too and fails on the first difference.

use std::fmt::Write as _;

/// Structs whose names and keys grow one character at a time, with every kind of field.
fn width_sweep_spec() -> String {
    let mut schemas = String::new();
    for n in 1..=72 {
        let name = format!("W{n}{}", "a".repeat(n));
        let key = format!("k{}", "_x".repeat(n / 2)) + if n % 2 == 1 { "y" } else { "" };
        let tag = "t".repeat(n);
        let required_many: Vec<String> = (0..9).map(|i| format!("r{i}{}", "q".repeat(n % 7))).collect();
        let mut properties = String::new();
        for r in &required_many {
            writeln!(properties, "        {r}: {{type: string}}").unwrap();
        }
        write!(
            schemas,
            r#"    {name}:
      description: Struct {n}.
      type: object
      properties:
{properties}        {key}: {{type: string}}
        opt_{key}: {{$ref: '#/components/schemas/{name}Kind'}}
        nul_{key}: {{type: [string, 'null']}}
        req_nul_{key}: {{type: [integer, 'null']}}
        any_{key}: {{}}
        map_{key}: {{type: object, additionalProperties: {{$ref: '#/components/schemas/{name}Kind'}}}}
        ints_{key}: {{type: array, items: {{type: integer}}}}
        opt_ints_{key}: {{type: array, items: {{type: integer}}}}
        ref_{key}: {{$ref: '#/components/schemas/{name}Kind'}}
        type: {{type: string, enum: [{tag}], x-stainless-const: true}}
        version_{key}: {{type: integer, enum: [{n}]}}
        flag_{key}: {{type: boolean, enum: [true]}}
      required: [{required}, {key}, req_nul_{key}, ints_{key}, ref_{key}, type, version_{key}, flag_{key}]
    {name}Kind:
      type: string
      enum: [one, two]
    {name}Empty:
      type: object
      properties: {{}}
    {name}Short:
      type: object
      properties:
        {key}: {{type: string}}
    {name}Typed:
      type: object
      properties:
        type: {{type: string, enum: [u{tag}], x-stainless-const: true}}
        {key}: {{type: string}}
      required: [type]
    {name}Tagged:
      description: A tagged union {n}.
      oneOf:
        - $ref: '#/components/schemas/{name}'
        - $ref: '#/components/schemas/{name}Typed'
      discriminator: {{propertyName: type}}
    {name}Any:
      anyOf:
        - $ref: '#/components/schemas/{name}Short'
        - {{type: string}}
        - {{type: array, items: {{$ref: '#/components/schemas/{name}Tagged'}}}}
"#,
            required = required_many.join(", ")
        )
        .unwrap();
    }
    format!("openapi: 3.1.0\ninfo: {{title: widths, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}")
}

#[test]
fn direct_printing_matches_prettyplease_at_every_width() {
    let spec = width_sweep_spec();
    let options = codegen::Options { threads: 1, ..codegen::Options::default() };
    let plain = codegen::generate(&spec, &options).unwrap_or_else(|e| panic!("{e}"));
    let verified = codegen::generate(&spec, &codegen::Options { verify_printing: true, ..options })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plain.types_source, verified.types_source);
    // The sweep reaches the shapes it is for: broken signatures, arms and `for` lines.
    let shapes = [
        "    pub fn new(\n",
        " => {\n",
        "\nfor W",
        "\n                                .expect_str(",
        "impl Into<\n",
        "(\n        &self,\n    ) -> Option<&W",
        "impl From<W",
        "    Unknown(::serde_json::Map<String, ::serde_json::Value>),",
    ];
    for shape in shapes {
        assert!(plain.types_source.contains(shape), "no {shape:?} in the sweep's output");
    }
}

#[test]
fn a_runtime_path_the_printer_does_not_spell_goes_through_prettyplease() {
    let spec = width_sweep_spec();
    let options = codegen::Options { runtime_path: "crate :: runtime".to_owned(), threads: 1, ..Default::default() };
    let spaced = codegen::generate(&spec, &options).unwrap_or_else(|e| panic!("{e}"));
    let plain = codegen::generate(&spec, &codegen::Options { threads: 1, ..Default::default() }).expect("generates");
    assert_eq!(spaced.types_source, plain.types_source);
}

#[test]
fn awkward_text_prints_as_prettyplease() {
    // Descriptions, keys and enum values with quotes, backslashes, comment markers, control and
    // non-ASCII whitespace characters: the printer must spell and lay them out as prettyplease
    // does, or leave them to it.
    let spec = r##"{
      "openapi": "3.1.0",
      "info": {"title": "awkward", "version": "1"},
      "paths": {},
      "components": {"schemas": {
        "Awkward": {
          "description": "Ends with a no-break space\u00a0\n/ starts with a slash\n*/ closes a comment /* opens one\ntab\there, form feed\f, \"quotes\" and \\backslashes\\\n   \n\u2028line separator",
          "type": "object",
          "properties": {
            "quote\"key": {"type": "string", "description": "a \"quoted\" key"},
            "back\\slash": {"type": "integer"},
            "ünïcödé": {"type": "boolean"},
            "kind": {"type": "string", "enum": ["a\"b"], "x-stainless-const": true},
            "mode": {"$ref": "#/components/schemas/Mode"}
          },
          "required": ["kind"]
        },
        "Mode": {"type": "string", "enum": ["new\nline", "tab\tbed", "back\\slash", "`tick`", "é"]},
        "Either": {
          "description": "\u00a0",
          "anyOf": [{"$ref": "#/components/schemas/Awkward"}, {"type": "string"}]
        }
      }}
    }"##;
    let options = codegen::Options { threads: 1, ..codegen::Options::default() };
    let plain = codegen::generate(spec, &options).unwrap_or_else(|e| panic!("{e}"));
    let verified = codegen::generate(spec, &codegen::Options { verify_printing: true, ..options })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plain.types_source, verified.types_source);
}
