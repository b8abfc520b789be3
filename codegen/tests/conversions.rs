//! Conversions between tagged unions (an output item as an input item): generated where the
//! shapes agree, not where only the tags do.

use codegen::{generate, Options};

const SPEC: &str = r#"
openapi: 3.1.0
info: {title: conversions, version: "1"}
paths: {}
components:
  schemas:
    OutputItem:
      oneOf: [{$ref: '#/components/schemas/OutputNote'}, {$ref: '#/components/schemas/Shared'}]
      discriminator: {propertyName: type}
    InputItem:
      oneOf:
        - $ref: '#/components/schemas/InputNote'
        - $ref: '#/components/schemas/Shared'
        - $ref: '#/components/schemas/InputTool'
      discriminator: {propertyName: type}
    LegacyItem:
      oneOf: [{$ref: '#/components/schemas/LegacyTool'}]
      discriminator: {propertyName: type}
    OutputNote:
      type: object
      properties:
        type: {type: string, enum: [note]}
        id: {type: string}
        text: {type: string}
        created_by: {type: string}
      required: [type, id, text]
    InputNote:
      type: object
      properties:
        type: {type: string, enum: [note]}
        id: {type: string}
        text: {type: string}
      required: [type, text]
    Shared:
      type: object
      properties:
        type: {type: string, enum: [shared]}
      required: [type]
    InputTool:
      type: object
      properties:
        type: {type: string, enum: [tool]}
        name: {type: string}
      required: [type, name]
    LegacyTool:
      type: object
      properties:
        type: {type: string, enum: [tool]}
        function: {type: object, properties: {name: {type: string}}}
      required: [type, function]
"#;

#[test]
fn unions_convert_where_the_shapes_agree_not_where_only_the_tags_do() {
    let generated = generate(SPEC, &Options::default()).expect("generates");
    let surface = |name: &str| {
        generated.type_surfaces.iter().find(|(n, _)| n == name).map(|(_, s)| s.clone()).unwrap_or_default()
    };
    let input = surface("InputItem");
    // Every output kind is an input kind: the note by its keys (its extra optional
    // `created_by` is kept as an undeclared field), the shared one by its type.
    assert!(input.contains("impl From<OutputItem>"), "{input}");
    // The legacy `tool` has the same tag but another shape (`function`, not `name`).
    assert!(!input.contains("impl From<LegacyItem>"), "{input}");
    let code = &generated.types_source;
    assert!(code.contains("OutputItem::Shared(value) => Self::Shared(value)"), "moved where the type is the same");
    let note = code.split("OutputItem::Note(value) =>").nth(1).unwrap_or_default();
    assert!(
        note.trim_start_matches(['{', ' ', '\n']).starts_with("crate::runtime::value::reread(&value, Self::Unknown)"),
        "{code}"
    );
}
