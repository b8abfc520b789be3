//! The API change report: the change of seed 001 (`tests/diff/old.yaml` → `tests/diff/new.yaml`)
//! reported completely and classified, its three renderings, and each classification rule on a
//! small spec.

use codegen::diff::{compare, ChangeKind, Report, Severity, Verdict};
use codegen::model::Model;
use codegen::Options;
use std::path::{Path, PathBuf};

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn model_of_file(relative: &str) -> Model {
    codegen::generate_file(&path(relative), &Options::default()).unwrap_or_else(|e| panic!("{e}")).model
}

fn model(spec: &str) -> Model {
    codegen::generate(spec, &Options::default()).unwrap_or_else(|e| panic!("{e}\n{spec}")).model
}

fn fixture_report() -> Report {
    compare(&model_of_file("tests/diff/old.yaml"), &model_of_file("tests/diff/new.yaml"))
        .with_labels("old.yaml", "new.yaml")
}

/// (severity, kind, location) of every change.
fn rows(report: &Report) -> Vec<(Severity, ChangeKind, String)> {
    report.changes.iter().map(|c| (c.severity, c.kind, c.location.clone())).collect()
}

#[test]
fn seed_001_is_reported_completely() {
    let report = fixture_report();
    let expected = [
        (Severity::Compatible, ChangeKind::VariantAdded, "CompactedResponseOutputItem::AdditionalTools"),
        (Severity::Compatible, ChangeKind::TypeAdded, "ResponseAdditionalToolsItem"),
        (Severity::Compatible, ChangeKind::TypeAdded, "ResponseAdditionalToolsItemRole"),
        (Severity::Breaking, ChangeKind::FieldOptionalityChanged, "ResponseFunctionWebSearchActionSearch.query"),
        (Severity::Compatible, ChangeKind::VariantAdded, "ResponseInputItem::AdditionalTools"),
        (Severity::Compatible, ChangeKind::TypeAdded, "ResponseInputItemAdditionalTools"),
    ];
    let expected: Vec<(Severity, ChangeKind, String)> =
        expected.iter().map(|(s, k, l)| (*s, *k, (*l).to_owned())).collect();
    assert_eq!(rows(&report), expected, "{}", report.to_text());
    assert_eq!(report.summary(), "1 breaking, 5 compatible changes");
    assert_eq!(report.verdict(), Verdict::Breaking);
    assert!(report.is_breaking(), "`cargo xtask diff` exits 1 for this change");
}

#[test]
fn seed_001_details() {
    let report = fixture_report();
    let find = |location: &str| {
        report.changes.iter().find(|c| c.location == location).unwrap_or_else(|| panic!("no change at {location}"))
    };

    // `additional_tools` is a new input item and a new output item, selected by its tag.
    for (union, payload) in [
        ("ResponseInputItem", "ResponseInputItemAdditionalTools"),
        ("CompactedResponseOutputItem", "ResponseAdditionalToolsItem"),
    ] {
        let change = find(&format!("{union}::AdditionalTools"));
        assert_eq!(change.member.as_deref(), Some("AdditionalTools"));
        assert_eq!(change.new.as_deref(), Some(format!("AdditionalTools({payload})").as_str()));
        assert!(change.message.contains("\"additional_tools\""), "{}", change.message);
        assert!(change.reason.contains("non_exhaustive") && change.reason.contains("Unknown"), "{}", change.reason);
    }

    // `query` of the web search action: required → optional, breaking, and the report says why.
    let query = find("ResponseFunctionWebSearchActionSearch.query");
    assert_eq!(query.member.as_deref(), Some("query"));
    assert_eq!((query.old.as_deref(), query.new.as_deref()), (Some("String"), Some("Option<String>")));
    assert!(query.message.contains("from required to optional"), "{}", query.message);
    assert!(query.reason.contains("Option<String>") && query.reason.contains("`new`"), "{}", query.reason);

    // The two new item types and the output item's role enum.
    assert!(find("ResponseInputItemAdditionalTools").message.contains("new struct"));
    assert!(find("ResponseAdditionalToolsItem").message.contains("new struct"));
    assert!(find("ResponseAdditionalToolsItemRole").message.contains("new string enum"));
}

#[test]
fn the_new_side_matches_the_project_spec() {
    // tests/diff/new.yaml is a subset of spec/openapi.yaml (which describes the new side): the
    // spec only adds to it — more operations, types and union variants — and changes nothing.
    let report = compare(&model_of_file("tests/diff/new.yaml"), &model_of_file("../spec/openapi.yaml"));
    let others: Vec<String> = report
        .changes
        .iter()
        .filter(|c| !matches!(c.kind, ChangeKind::TypeAdded | ChangeKind::VariantAdded | ChangeKind::OperationAdded))
        // New operations make more areas use existing types.
        .filter(|c| !(c.kind == ChangeKind::FeaturesChanged && c.severity == Severity::Compatible))
        .map(|c| format!("{}: {}", c.location, c.message))
        .collect();
    assert!(others.is_empty(), "the fixture differs from spec/openapi.yaml: {others:#?}");
    // And the types seed 001 adds are there, as in the spec.
    let added: Vec<&str> =
        report.changes.iter().filter(|c| c.kind == ChangeKind::TypeAdded).map(|c| c.location.as_str()).collect();
    for name in ["ResponseInputItemAdditionalTools", "ResponseAdditionalToolsItem", "ResponseAdditionalToolsItemRole"] {
        assert!(!added.contains(&name), "{name} is in the fixture as in the spec");
    }
}

#[test]
fn text_rendering() {
    let text = fixture_report().to_text();
    let expected = "\
API changes (old.yaml → new.yaml): 1 breaking, 5 compatible changes

Breaking (1):
  ! ResponseFunctionWebSearchActionSearch.query: changed from required to optional (`String` → `Option<String>`)
      the field's Rust type changes from `String` to `Option<String>` and `new` no longer takes it: code that reads the field or calls `new` must change

Compatible (5):
  + CompactedResponseOutputItem::AdditionalTools: new variant `AdditionalTools(ResponseAdditionalToolsItem)` for `type` = \"additional_tools\"
      the union is `#[non_exhaustive]`; such objects were kept in `CompactedResponseOutputItem::Unknown` before and now get this variant
  + ResponseAdditionalToolsItem: new struct `ResponseAdditionalToolsItem`
      a new type; nothing that exists changes
  + ResponseAdditionalToolsItemRole: new string enum `ResponseAdditionalToolsItemRole`
      a new type; nothing that exists changes
  + ResponseInputItem::AdditionalTools: new variant `AdditionalTools(ResponseInputItemAdditionalTools)` for `type` = \"additional_tools\"
      the union is `#[non_exhaustive]`; such objects were kept in `ResponseInputItem::Unknown` before and now get this variant
  + ResponseInputItemAdditionalTools: new struct `ResponseInputItemAdditionalTools`
      a new type; nothing that exists changes

Verdict: breaking — bump the minor version while 0.x (the major version after 1.0).
";
    assert_eq!(text, expected);
}

#[test]
fn json_rendering() {
    let report = fixture_report();
    let text = report.to_json_string();
    let json: serde_json::Value = serde_json::from_str(&text).expect("the JSON report parses");
    assert_eq!(json["old"], "old.yaml");
    assert_eq!(json["new"], "new.yaml");
    assert_eq!(json["summary"], "1 breaking, 5 compatible changes");
    assert_eq!(json["breaking"], 1);
    assert_eq!(json["compatible"], 5);
    assert_eq!(json["verdict"], "breaking");
    let changes = json["changes"].as_array().expect("changes is an array");
    assert_eq!(changes.len(), 6);
    let query = changes
        .iter()
        .find(|c| c["location"] == "ResponseFunctionWebSearchActionSearch.query")
        .expect("the query change");
    assert_eq!(query["severity"], "breaking");
    assert_eq!(query["kind"], "field_optionality_changed");
    assert_eq!(query["target_kind"], "type");
    assert_eq!(query["target"], "ResponseFunctionWebSearchActionSearch");
    assert_eq!(query["member"], "query");
    assert_eq!(query["old"], "String");
    assert_eq!(query["new"], "Option<String>");
    let variants: Vec<&str> =
        changes.iter().filter(|c| c["kind"] == "variant_added").filter_map(|c| c["target"].as_str()).collect();
    assert_eq!(variants, ["CompactedResponseOutputItem", "ResponseInputItem"]);
    for change in changes {
        for key in
            ["severity", "kind", "target_kind", "target", "member", "location", "old", "new", "message", "reason"]
        {
            assert!(change.get(key).is_some(), "every change has `{key}`: {change}");
        }
    }
}

#[test]
fn markdown_rendering() {
    let markdown = fixture_report().to_markdown();
    assert!(markdown.starts_with("## API changes: 1 breaking, 5 compatible changes\n"), "{markdown}");
    assert!(markdown.contains("Verdict: **breaking**"), "{markdown}");
    assert!(markdown.contains("### Breaking changes (1)\n\n| Where | Change | Why it breaks |\n| --- | --- | --- |\n"));
    assert!(markdown.contains(
        "| `ResponseFunctionWebSearchActionSearch.query` | changed from required to optional (`String` → `Option<String>`) |"
    ));
    assert!(markdown.contains("### Compatible changes (5)"));
    assert!(markdown.contains(
        "| `ResponseInputItem::AdditionalTools` | new variant `AdditionalTools(ResponseInputItemAdditionalTools)` for `type` = \"additional_tools\" |"
    ));
    assert!(markdown.contains(
        "| `CompactedResponseOutputItem::AdditionalTools` | new variant `AdditionalTools(ResponseAdditionalToolsItem)`"
    ));
    // Every table row has exactly four unescaped cell separators.
    for line in markdown.lines().filter(|l| l.starts_with("| `")) {
        assert_eq!(line.replace("\\|", "").matches('|').count(), 4, "{line}");
    }
}

#[test]
fn the_report_is_deterministic_and_symmetric() {
    let (old, new) = (model_of_file("tests/diff/old.yaml"), model_of_file("tests/diff/new.yaml"));
    assert_eq!(compare(&old, &new), compare(&old, &new));
    assert_eq!(compare(&old, &old).verdict(), Verdict::Unchanged);
    // Going back removes everything that was added: all breaking.
    let back = compare(&new, &old);
    assert_eq!(back.summary(), "6 breaking, 0 compatible changes");
    let kinds: Vec<ChangeKind> = back.changes.iter().map(|c| c.kind).collect();
    assert!(kinds.contains(&ChangeKind::VariantRemoved) && kinds.contains(&ChangeKind::TypeRemoved));
}

// ---- the classification rules, one small spec each ---------------------------------------------

fn spec(schemas: &str) -> String {
    format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}")
}

fn changes(old: &str, new: &str) -> Vec<(Severity, ChangeKind, String)> {
    rows(&compare(&model(&spec(old)), &model(&spec(new))))
}

fn one(severity: Severity, kind: ChangeKind, location: &str) -> Vec<(Severity, ChangeKind, String)> {
    vec![(severity, kind, location.to_owned())]
}

const THING: &str = "    Thing:\n      type: object\n      properties:\n        name: {type: string}\n        size: {type: integer}\n      required: [name]\n";

#[test]
fn fields() {
    use ChangeKind::*;
    use Severity::*;
    // Removed: breaking.
    let fewer =
        "    Thing:\n      type: object\n      properties:\n        name: {type: string}\n      required: [name]\n";
    assert_eq!(changes(THING, fewer), one(Breaking, FieldRemoved, "Thing.size"));
    // Optional added: compatible. Required added: breaking (a new `new` parameter).
    assert_eq!(changes(fewer, THING), one(Compatible, FieldAdded, "Thing.size"));
    let required = THING.replace("required: [name]", "required: [name, size]");
    assert_eq!(changes(fewer, &required), one(Breaking, FieldAdded, "Thing.size"));
    // Optional → required and back: both breaking.
    assert_eq!(changes(THING, &required), one(Breaking, FieldOptionalityChanged, "Thing.size"));
    assert_eq!(changes(&required, THING), one(Breaking, FieldOptionalityChanged, "Thing.size"));
    // A type change: breaking.
    let retyped = THING.replace("size: {type: integer}", "size: {type: string}");
    assert_eq!(changes(THING, &retyped), one(Breaking, FieldTypeChanged, "Thing.size"));
    // Nullable: the Rust type changes (`Option<i64>` → `Nullable<i64>`): breaking.
    let nullable = THING.replace("size: {type: integer}", "size: {type: [integer, 'null']}");
    let report = compare(&model(&spec(THING)), &model(&spec(&nullable)));
    assert_eq!(rows(&report), one(Breaking, FieldNullabilityChanged, "Thing.size"));
    assert_eq!(report.changes[0].old.as_deref(), Some("Option<i64>"));
    assert_eq!(report.changes[0].new.as_deref(), Some("Nullable<i64>"));
    // Descriptions do not change the Rust API.
    let described = THING.replace("size: {type: integer}", "size: {type: integer, description: How big.}");
    assert!(changes(THING, &described).is_empty());
}

#[test]
fn types_and_aliases() {
    use ChangeKind::*;
    use Severity::*;
    let with_alias = format!("{THING}    Name:\n      type: string\n");
    assert_eq!(changes(THING, &with_alias), one(Compatible, TypeAdded, "Name"));
    assert_eq!(changes(&with_alias, THING), one(Breaking, TypeRemoved, "Name"));
    let realiased = format!("{THING}    Name:\n      type: integer\n");
    assert_eq!(changes(&with_alias, &realiased), one(Breaking, AliasChanged, "Name"));
    let as_enum = format!("{THING}    Name:\n      type: string\n      enum: [a, b]\n");
    assert_eq!(changes(&with_alias, &as_enum), one(Breaking, TypeKindChanged, "Name"));
}

#[test]
fn enum_values() {
    use ChangeKind::*;
    use Severity::*;
    let two = "    Color:\n      type: string\n      enum: [red, green]\n";
    let three = "    Color:\n      type: string\n      enum: [red, green, blue]\n";
    assert_eq!(changes(two, three), one(Compatible, EnumValueAdded, "Color::Blue"));
    assert_eq!(changes(three, two), one(Breaking, EnumValueRemoved, "Color::Blue"));
    let ints = "    Level:\n      type: integer\n      enum: [1, 2]\n";
    let more_ints = "    Level:\n      type: integer\n      enum: [1, 2, 3]\n";
    assert_eq!(changes(ints, more_ints), one(Compatible, EnumValueAdded, "Level::V3"));
    // A value named like the fallback is renamed; the fallback keeps its name, so adding it is
    // as compatible as adding any other value.
    let unknown = "    Color:\n      type: string\n      enum: [red, green, unknown]\n";
    assert_eq!(changes(two, unknown), one(Compatible, EnumValueAdded, "Color::UnknownValue"));
}

const ITEMS: &str = "    Item:
      anyOf:
        - $ref: '#/components/schemas/Text'
        - $ref: '#/components/schemas/Image'
    Text:
      type: object
      properties:
        type: {type: string, enum: [text]}
        text: {type: string}
      required: [type, text]
    Image:
      type: object
      properties:
        type: {type: string, enum: [image]}
        url: {type: string}
      required: [type, url]
";

#[test]
fn union_variants() {
    use ChangeKind::*;
    use Severity::*;
    let audio = "    Audio:
      type: object
      properties:
        type: {type: string, enum: [audio]}
        data: {type: string}
      required: [type, data]
";
    let more = format!(
        "{}{audio}",
        ITEMS.replace(
            "        - $ref: '#/components/schemas/Image'\n",
            "        - $ref: '#/components/schemas/Image'\n        - $ref: '#/components/schemas/Audio'\n"
        )
    );
    assert_eq!(
        changes(ITEMS, &more),
        vec![(Compatible, TypeAdded, "Audio".to_owned()), (Compatible, VariantAdded, "Item::Audio".to_owned())]
    );
    assert_eq!(
        changes(&more, ITEMS),
        vec![(Breaking, TypeRemoved, "Audio".to_owned()), (Breaking, VariantRemoved, "Item::Audio".to_owned())]
    );
    // A variant is the same variant as long as its tag value is: a new schema behind `image` is a
    // change of the variant's type, not a removal and an addition.
    let picture = ITEMS.replace("Image", "Picture");
    let report = changes(ITEMS, &picture);
    assert!(report.contains(&(Breaking, VariantTypeChanged, "Item::Image".to_owned())), "{report:?}");
    assert!(!report.iter().any(|(_, k, _)| *k == VariantAdded || *k == VariantRemoved), "{report:?}");
    // A second branch with the same tag value renames the first: variants are then named after
    // their schemas instead of the tag value. The report catches it.
    let photo = "    Photo:\n      type: object\n      properties:\n        type: {type: string, enum: [image]}\n        jpeg: {type: string}\n      required: [type]\n";
    let two_images = format!(
        "{}{photo}",
        picture.replace(
            "        - $ref: '#/components/schemas/Picture'\n",
            "        - $ref: '#/components/schemas/Picture'\n        - $ref: '#/components/schemas/Photo'\n"
        )
    );
    assert_eq!(
        changes(&picture, &two_images),
        vec![
            (Compatible, VariantAdded, "Item::Photo".to_owned()),
            (Breaking, VariantRenamed, "Item::Picture".to_owned()),
            (Compatible, TypeAdded, "Photo".to_owned()),
        ]
    );
}

#[test]
fn union_tag_values() {
    use ChangeKind::*;
    use Severity::*;
    let tagged = ITEMS.replace(
        "        - $ref: '#/components/schemas/Image'\n",
        "        - $ref: '#/components/schemas/Image'\n      discriminator:\n        propertyName: type\n        mapping:\n          text: '#/components/schemas/Text'\n          image: '#/components/schemas/Image'\n",
    );
    let wider = tagged.replace(
        "          image: '#/components/schemas/Image'\n",
        "          image: '#/components/schemas/Image'\n          picture: '#/components/schemas/Image'\n",
    );
    assert_eq!(changes(&tagged, &wider), one(Compatible, VariantTagValueAdded, "Item::Image"));
    assert_eq!(changes(&wider, &tagged), one(Breaking, VariantTagValueRemoved, "Item::Image"));
    // Widening the branch's own `type` enum also turns the constant into a required field.
    let widened = ITEMS.replace("type: {type: string, enum: [image]}", "type: {type: string, enum: [image, picture]}");
    let report = changes(ITEMS, &widened);
    for expected in [
        (Compatible, VariantTagValueAdded, "Item::Image"),
        (Breaking, FieldAdded, "Image.type"),
        (Compatible, ConstantRemoved, "Image.type"),
    ] {
        assert!(report.contains(&(expected.0, expected.1, expected.2.to_owned())), "{expected:?} in {report:?}");
    }
}

#[test]
fn a_required_field_is_an_optionality_change_and_keeps_default() {
    use ChangeKind::*;
    use Severity::*;
    // Every type has a zero value now, so a struct stays `Default` whatever it requires.
    let holder = format!(
        "{ITEMS}    Holder:\n      type: object\n      properties:\n        note: {{type: string}}\n        item: {{$ref: '#/components/schemas/Item'}}\n"
    );
    let required = holder.replace(
        "        item: {$ref: '#/components/schemas/Item'}\n",
        "        item: {$ref: '#/components/schemas/Item'}\n      required: [item]\n",
    );
    let report = changes(&holder, &required);
    assert!(report.contains(&(Breaking, FieldOptionalityChanged, "Holder.item".to_owned())), "{report:?}");
}

const OPS: &str = "openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: string}
";

fn op_changes(old: &str, new: &str) -> Vec<(Severity, ChangeKind, String)> {
    rows(&compare(&model(old), &model(new)))
}

#[test]
fn operations_and_parameters() {
    use ChangeKind::*;
    use Severity::*;
    let no_paths = OPS.replace("paths:\n", "paths: {}\nx-old-paths:\n");
    // The operation's types leave `other` for its area: reported, not breaking.
    let mut added = one(Compatible, OperationAdded, "operation getThing");
    added.extend(one(Compatible, FeaturesChanged, "Thing"));
    assert_eq!(op_changes(&no_paths, OPS), added);
    // Its types leave the area for `other`: a crate with the area alone loses them.
    let mut removed = one(Breaking, OperationRemoved, "operation getThing");
    removed.extend(one(Breaking, FeaturesChanged, "Thing"));
    assert_eq!(op_changes(OPS, &no_paths), removed);
    // An optional parameter added: compatible; a required one: breaking.
    let optional = OPS.replace(
        "        - {name: limit, in: query, schema: {type: integer}}\n",
        "        - {name: limit, in: query, schema: {type: integer}}\n        - {name: order, in: query, schema: {type: string}}\n",
    );
    assert_eq!(
        op_changes(OPS, &optional),
        one(Compatible, ParameterAdded, "operation getThing query parameter `order`")
    );
    let required = optional.replace("{name: order, in: query,", "{name: order, in: query, required: true,");
    assert_eq!(op_changes(OPS, &required), one(Breaking, ParameterAdded, "operation getThing query parameter `order`"));
    let retyped = OPS.replace(
        "{name: limit, in: query, schema: {type: integer}}",
        "{name: limit, in: query, schema: {type: string}}",
    );
    assert_eq!(
        op_changes(OPS, &retyped),
        one(Breaking, ParameterTypeChanged, "operation getThing query parameter `limit`")
    );
    // A new path for the same operation: the request is built the same way, but its first
    // segment is its area, so its types move to the `v2` feature.
    let moved = OPS.replace("/things/{id}:", "/v2/things/{id}:");
    let mut endpoint = one(Compatible, OperationEndpointChanged, "operation getThing");
    endpoint.extend(one(Breaking, FeaturesChanged, "Thing"));
    assert_eq!(op_changes(OPS, &moved), endpoint);
}

#[test]
fn every_pair_of_specs_compares() {
    let mut specs: Vec<PathBuf> =
        std::fs::read_dir(path("tests/fixtures")).expect("fixtures").filter_map(Result::ok).map(|e| e.path()).collect();
    specs.sort();
    specs.extend([path("../spec/openapi.yaml"), path("tests/diff/old.yaml"), path("tests/diff/new.yaml")]);
    let models: Vec<Model> = specs
        .iter()
        .map(|p| codegen::generate_file(p, &Options::default()).unwrap_or_else(|e| panic!("{e}")).model)
        .collect();
    for (a, model_a) in specs.iter().zip(&models) {
        assert!(compare(model_a, model_a).changes.is_empty(), "{} against itself", a.display());
        for (b, model_b) in specs.iter().zip(&models) {
            let report = compare(model_a, model_b);
            for change in &report.changes {
                assert!(
                    !change.message.is_empty() && !change.reason.is_empty() && !change.location.is_empty(),
                    "{} → {}: {change:?}",
                    a.display(),
                    b.display()
                );
            }
            let key = |c: &codegen::diff::Change| (c.target.clone(), c.member.clone().unwrap_or_default(), c.kind);
            let keys: Vec<_> = report.changes.iter().map(key).collect();
            let mut expected = keys.clone();
            expected.sort();
            assert_eq!(keys, expected, "ordered by target, member and kind");
        }
    }
}

/// The report and the generated code read the same decisions (`codegen::rust_api`): every Rust
/// type the report shows for either side appears, spelled the same, in that side's generated code.
#[test]
fn every_rust_type_the_report_names_is_in_the_generated_code() {
    let numbers = THING.replace("size: {type: integer}", "size: {type: number}");
    let maps = "    Thing:\n      type: object\n      properties:\n        tags: {type: object, additionalProperties: {type: integer}}\n        any: {type: object}\n      required: [tags]\n";
    let union = "    U:\n      oneOf: [{type: string}, {$ref: '#/components/schemas/Thing'}, {type: array, items: {type: number}}]\n";
    let pairs: Vec<(String, String)> = vec![
        (read("tests/diff/old.yaml"), read("tests/diff/new.yaml")),
        (spec(THING), spec(&numbers)),
        (spec(&numbers), spec(&THING.replace("size: {type: integer}", "size: {type: [number, 'null']}"))),
        (spec(THING), spec(maps)),
        (spec(&format!("{THING}{union}")), spec(&format!("{numbers}{}", union.replace("{type: string}, ", "")))),
    ];
    let mut checked = 0;
    for (old, new) in &pairs {
        let (old_code, new_code) = (generated(old), generated(new));
        let report = compare(&old_code.model, &new_code.model);
        assert!(!report.changes.is_empty());
        for change in &report.changes {
            for (side, code) in [(&change.old, &old_code.types_source), (&change.new, &new_code.types_source)] {
                if let Some(rust) = side {
                    assert!(code.contains(rust.as_str()), "{}: `{rust}` is not in the generated code", change.location);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} types checked");
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn generated(spec: &str) -> codegen::Generated {
    codegen::generate(spec, &Options::default()).unwrap_or_else(|e| panic!("{e}\n{spec}"))
}

/// Whether `new` takes a field decides whether adding it or changing its nullability breaks
/// callers: the report asks the same `RustApi` the emitter does.
#[test]
fn constructor_parameters_decide_what_breaks() {
    use ChangeKind::*;
    use Severity::*;
    let with = |field: &str| {
        THING.replace("        size: {type: integer}\n", &format!("        size: {{type: integer}}\n{field}"))
    };
    // Required but nullable: `null` until set, so `new` does not change.
    let nullable_required =
        with("        note: {type: [string, 'null']}\n").replace("required: [name]", "required: [name, note]");
    assert_eq!(changes(THING, &nullable_required), one(Compatible, FieldAdded, "Thing.note"));
    // A free-form field keeps its Rust type (`Value`) when it becomes nullable, but leaves `new`.
    let free = with("        data: {}\n").replace("required: [name]", "required: [name, data]");
    let free_nullable = free.replace("data: {}", "data: {nullable: true}");
    assert_eq!(changes(&free, &free_nullable), one(Breaking, FieldNullabilityChanged, "Thing.data"));
}
