//! Areas: which module each type lives in and which features compile it.

use codegen::areas::{Areas, Home};
use codegen::rust_api::RustApi;

const SPEC: &str = r#"
openapi: 3.1.0
info: {title: areas, version: "1"}
paths:
  /responses:
    post:
      operationId: createResponse
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ResponseParams'}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Response'}
            text/event-stream:
              schema: {$ref: '#/components/schemas/StreamEvent'}
  /conversations/{id}:
    get:
      operationId: getConversation
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Conversation'}
webhooks:
  response.completed:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ResponseCompleted'}
components:
  schemas:
    ResponseParams:
      type: object
      properties:
        input: {type: array, items: {$ref: '#/components/schemas/Item'}}
        messages: {type: array, items: {$ref: '#/components/schemas/InputMessage'}}
    Response:
      type: object
      properties:
        id: {type: string}
        output: {type: array, items: {$ref: '#/components/schemas/OutputMessage'}}
    Conversation:
      type: object
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/Item'}}
        messages: {type: array, items: {$ref: '#/components/schemas/InputMessage'}}
    InputMessage:
      oneOf: [{$ref: '#/components/schemas/Said'}, {$ref: '#/components/schemas/Asked'}]
      discriminator: {propertyName: type}
    OutputMessage:
      oneOf: [{$ref: '#/components/schemas/Said'}, {$ref: '#/components/schemas/Asked'}]
      discriminator: {propertyName: type}
    Said:
      type: object
      properties:
        type: {type: string, const: said}
        text: {type: string}
      required: [type]
    Asked:
      type: object
      properties:
        type: {type: string, const: asked}
      required: [type]
    Item:
      type: object
      properties:
        role: {type: string, enum: [user, assistant]}
    StreamEvent:
      type: object
      properties:
        delta: {type: string}
    ResponseCompleted:
      type: object
      properties:
        data: {$ref: '#/components/schemas/Response'}
    Unused:
      type: object
      properties:
        x: {type: string}
        item: {$ref: '#/components/schemas/Item'}
"#;

#[test]
fn each_type_lives_with_the_areas_that_use_it() {
    let generated = codegen::generate(SPEC, &codegen::Options::default()).expect("generates");
    let model = &generated.model;
    let api = RustApi::new(model);
    let areas = Areas::new(model, &api);
    assert_eq!(areas.names(), ["responses", "conversations", "webhooks"]);
    let place = |name: &str| {
        let index = model.types.iter().position(|d| d.name == name).unwrap_or_else(|| panic!("{name}"));
        (areas.module(areas.home(index)).to_owned(), areas.features_of_type(index).join(" "))
    };
    let expect = |module: &str, features: &str| (module.to_owned(), features.to_owned());
    assert_eq!(place("ResponseParams"), expect("responses", "responses"));
    // The stream's events are the operation's, though no wrapper reads them yet.
    assert_eq!(place("StreamEvent"), expect("responses", "responses"));
    assert_eq!(place("Conversation"), expect("conversations", "conversations"));
    // Items are in both requests; their enum comes along through what the item's file imports.
    // A type no operation uses holds one too, so `other` alone compiles them as well.
    assert_eq!(place("Item"), expect("shared", "responses conversations other"));
    assert_eq!(place("ItemRole"), expect("shared", "responses conversations other"));
    // A webhook payload is the webhooks area's, and what it holds is shared with its operation.
    assert_eq!(place("ResponseCompleted"), expect("webhooks", "webhooks"));
    assert_eq!(place("Response"), expect("shared", "responses webhooks"));
    assert_eq!(place("Unused"), expect("other", "other"));
    // An input union converts from the output union (`From`), but needs it only where it exists:
    // the output stays with the areas that use it.
    assert_eq!(place("InputMessage"), expect("shared", "responses conversations"));
    assert_eq!(place("OutputMessage"), expect("shared", "responses webhooks"));
    assert_eq!(areas.modules(), [Home::Area(0), Home::Area(1), Home::Area(2), Home::Shared, Home::Other]);
    assert_eq!(generated.features, ["responses", "conversations", "webhooks", "other"]);

    // The files: a module per home, each type in its own, gated where narrower than its module.
    let file = |path: &str| {
        generated.module_files.iter().find(|f| f.path.to_str() == Some(path)).unwrap_or_else(|| panic!("{path}"))
    };
    let root = &file("mod.rs").contents;
    // `shared` is compiled under any feature one of its types is.
    let shared_gate =
        root.split("\nmod shared;").next().and_then(|before| before.rsplit("#[cfg(").next()).unwrap_or("");
    for feature in ["responses", "conversations", "webhooks", "other"] {
        assert!(shared_gate.contains(&format!("feature = \"{feature}\"")), "{feature}: {root}");
    }
    assert!(
        root.contains("#[cfg(feature = \"conversations\")]\nimpl crate::runtime::Endpoint for GetConversationRequest"),
        "{root}"
    );
    let shared = &file("shared/mod.rs").contents;
    assert!(shared.contains("#[cfg(any(feature = \"responses\", feature = \"webhooks\"))]\nmod response;"), "{shared}");
    assert!(file("other/unused.rs").contents.contains("pub struct Unused"));
    let input = &file("shared/input_message.rs").contents;
    let gate = "#[cfg(any(feature = \"responses\", feature = \"webhooks\"))]";
    assert!(input.contains(&format!("{gate}\nuse super::OutputMessage;")), "{input}");
    assert!(input.contains(&format!("{gate}\nimpl From<OutputMessage> for InputMessage")), "{input}");
    // The single file (fixtures, snapshots) has no gates.
    assert!(!generated.types_source.contains("feature = \"responses\""), "ungated");
    assert!(generated.types_source.contains("impl From<OutputMessage> for InputMessage"));
}
