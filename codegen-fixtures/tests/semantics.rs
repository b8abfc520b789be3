//! The JSON semantics of generated types, one test per promise of the generator (see the
//! generator's README section "What the generated types do"). Each fixture module is the output
//! for `codegen/tests/fixtures/<name>.yaml`.

use codegen_fixtures::*;
use openai_types::runtime::Nullable;
use openai_types::{Object, WireValue};
use serde_json::{json, Value};

/// Deserializes, serializes back, and checks the JSON is unchanged.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{e}: {value}"));
    let back = serde_json::to_value(&typed).expect("serializes");
    assert_eq!(back, value, "round trip changed the JSON");
    typed
}

#[test]
fn structs_have_snake_case_fields_renames_and_keywords() {
    let json = json!({
        "id": "conv_1", "object": "conversation", "created_at": 7, "type": "chat",
        "self-harm/intent": 0.5, "metadata": {"k": "v"}, "tags": ["a"], "owner": {"name": "n"}
    });
    let c: objects::Conversation = round_trip(json);
    assert_eq!(c.id, "conv_1");
    assert_eq!(c.r#type, "chat");
    assert_eq!(c.self_harm_intent.map(f64::from), Some(0.5));
    assert_eq!(c.created_at, 7);
    assert_eq!(c.owner.name, "n");
}

#[test]
fn optional_fields_are_omitted_and_nullable_ones_have_three_states() {
    let base = json!({"id": "c", "object": "conversation", "created_at": 1, "type": "t", "metadata": null, "tags": [], "owner": {"name": "n"}});
    // Absent stays absent.
    let c: objects::Conversation = round_trip(base.clone());
    assert!(c.title.is_absent() && c.note.is_absent() && c.count.is_absent());
    assert_eq!(c.self_harm_intent, None);
    // Explicit null survives, for all three spellings of null.
    let mut with_nulls = base.clone();
    for key in ["title", "note", "count"] {
        with_nulls[key] = Value::Null;
    }
    let c: objects::Conversation = round_trip(with_nulls);
    assert!(c.title.is_null() && c.note.is_null() && c.count.is_null());
    // Values survive.
    let mut with_values = base.clone();
    with_values["title"] = json!("T");
    with_values["count"] = json!(3);
    let c: objects::Conversation = round_trip(with_values);
    assert_eq!(c.title, Nullable::Value("T".to_owned()));
    assert_eq!(c.count, Nullable::Value(3));
    // A required nullable field is `Option` and written as null.
    assert_eq!(c.metadata, None);
    let written = serde_json::to_value(&c).unwrap();
    assert_eq!(written["metadata"], Value::Null);
}

#[test]
fn constants_are_filled_in_by_the_type() {
    let settings = enums::Settings::new();
    let json = serde_json::to_value(&settings).unwrap();
    assert_eq!(json, json!({"object": "settings", "kind": "fixed", "version": 2}));
    // A wrong constant reads, is written back as read, and the mismatch report names it; the
    // constants that were missing stay missing.
    let other: enums::Settings = round_trip(json!({"object": "other"}));
    let problems: Vec<String> = other.spec_mismatches().iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "/object: expected \"settings\", found \"other\"",
            "/kind: a required field is missing",
            "/version: a required field is missing"
        ]
    );
    // An optional single-value field is an ordinary optional enum.
    let s = enums::Settings::new().with_mode(enums::SettingsMode::Only);
    assert_eq!(serde_json::to_value(&s).unwrap()["mode"], "only");
}

#[test]
fn integers_are_as_wide_as_their_format_and_others_are_kept() {
    let base = json!({"id": "c", "object": "conversation", "created_at": 1, "type": "t", "metadata": null, "tags": [], "owner": {"name": "o"}});
    let mut json = base.clone();
    json["bytes"] = json!(u64::MAX);
    let c: objects::Conversation = round_trip(json);
    assert_eq!(c.bytes, Some(u64::MAX));
    assert!(c.spec_mismatches().is_empty());
    // Past `i64` where the spec says `integer`, `1.0`, and a negative `uint64` are kept as read.
    for (key, value) in [("created_at", json!(u64::MAX)), ("created_at", json!(1.0)), ("bytes", json!(-1))] {
        let mut json = base.clone();
        json[key] = value.clone();
        let c: objects::Conversation = round_trip(json);
        assert_eq!(c.presence(key), Some(openai_types::Presence::Raw(&value)));
        assert_eq!(c.spec_mismatches()[0].pointer, format!("/{key}"));
    }
}

#[test]
fn undeclared_fields_are_kept_and_written_back() {
    let json = json!({"name": "n", "nickname": "x", "nested": {"deep": [1, 2.5, null]}});
    let owner: objects::Owner = round_trip(json);
    assert_eq!(owner.extra_fields["nickname"], "x");
    // Users can add fields to a request the types do not know yet.
    let mut params = operations::ThingCreateParams::new("thing");
    params.extra_fields.insert("beta_flag".into(), json!(true));
    assert_eq!(serde_json::to_value(&params).unwrap(), json!({"name": "thing", "beta_flag": true}));
}

#[test]
fn missing_required_fields_and_nulls_read_as_zero_values_and_write_back_as_read() {
    use openai_types::Presence;
    // Missing required fields of any type read as their zero values and are not written back.
    let c: objects::Conversation = round_trip(json!({"owner": {}, "metadata": null}));
    assert_eq!((c.id.as_str(), c.created_at, c.tags.len(), c.owner.name.as_str()), ("", 0, 0, ""));
    assert_eq!(c.presence("id"), Some(Presence::Absent));
    // `null` where the spec does not allow it reads as the zero value and is written back.
    let c: objects::Conversation = round_trip(json!({"id": null, "tags": null, "owner": null, "metadata": null}));
    assert_eq!((c.id.as_str(), c.tags.len(), c.presence("owner")), ("", 0, Some(Presence::Null)));
    let pointers: Vec<String> = c.spec_mismatches().into_iter().map(|m| m.pointer).collect();
    assert!(pointers.contains(&"/owner".to_owned()) && pointers.contains(&"/id".to_owned()), "{pointers:?}");
    // A value set after reading is written; the zero value keeps what was read.
    let mut c = c;
    c.id = "conv".into();
    assert_eq!(serde_json::to_value(&c).unwrap()["id"], "conv");
    assert_eq!(serde_json::to_value(&c).unwrap()["tags"], Value::Null);
    c.forget_wire();
    assert_eq!(serde_json::to_value(&c).unwrap()["tags"], json!([]));
}

#[test]
fn discriminated_unions_dispatch_on_the_tag() {
    let text: tagged_unions::Item = round_trip(json!({"text": "hi", "type": "text"}));
    assert_eq!(text.as_text().map(|t| t.text.as_str()), Some("hi"));
    let image: tagged_unions::Item = round_trip(json!({"type": "image", "url": "u", "detail": "high"}));
    assert!(image.is_image());
    // A branch selected by two tag values keeps the value in its own field.
    let call: tagged_unions::Item = round_trip(json!({"name": "f", "type": "custom_call"}));
    assert_eq!(call.as_call().map(|c| c.r#type.as_str()), Some("custom_call"));
    // Users never write the tag.
    let item: tagged_unions::Item = tagged_unions::TextItem::new("hello").into();
    assert_eq!(serde_json::to_value(&item).unwrap(), json!({"type": "text", "text": "hello"}));
    // A tag given through a discriminator mapping.
    let turn: tagged_unions::ByRole = round_trip(json!({"role": "tool", "output": "42"}));
    assert_eq!(turn.variant_name(), "Tool");
}

#[test]
fn unknown_tags_are_kept_whole() {
    let json = json!({"type": "video", "url": "v", "frames": [1, 2]});
    let item: tagged_unions::Item = round_trip(json.clone());
    match &item {
        tagged_unions::Item::Unknown(object) => assert_eq!(object.clone(), json),
        other => panic!("expected the unknown variant, got {other:?}"),
    }
}

#[test]
fn shared_and_optional_tags_are_told_apart_by_keys() {
    use tagged_unions::Message;
    let easy: Message = round_trip(json!({"role": "user", "content": "hi"}));
    assert_eq!(easy.variant_name(), "EasyMessage");
    let easy_tagged: Message = round_trip(json!({"type": "message", "role": "user", "content": "hi"}));
    assert_eq!(easy_tagged.variant_name(), "EasyMessage");
    let output: Message =
        round_trip(json!({"type": "message", "id": "m", "role": "assistant", "content": ["a"], "status": "done"}));
    assert_eq!(output.variant_name(), "OutputMessage");
    let reference: Message = round_trip(json!({"id": "r", "type": "reference"}));
    assert_eq!(reference.variant_name(), "Reference");
    // Neither message type matches, but the tag says it is a message: it is read as the first
    // (nothing is invented on the way back) and its report names what it lacks and has too many.
    let odd: Message = round_trip(json!({"type": "message", "role": "tool", "weird": 1}));
    assert_eq!(odd.variant_name(), "EasyMessage");
    let pointers: Vec<String> = odd.spec_mismatches().into_iter().map(|m| m.pointer).collect();
    assert!(pointers.contains(&"/content".to_owned()) && pointers.contains(&"/weird".to_owned()), "{pointers:?}");
    // An unknown tag is kept whole.
    let unknown: Message = round_trip(json!({"type": "memo", "role": "user", "content": "hi"}));
    assert_eq!(unknown.variant_name(), "Unknown");
}

#[test]
fn other_unions_are_chosen_by_json_shape() {
    use shape_unions::*;
    let text: Content = round_trip(json!("hello"));
    assert_eq!(text.as_text().map(String::as_str), Some("hello"));
    let list: Content = round_trip(json!([{"text": "a"}, {"text": "b"}]));
    assert_eq!(list.as_list().map(Vec::len), Some(2));
    let mode: Choice = round_trip(json!("auto"));
    assert!(mode.is_text());
    let part: Choice = round_trip(json!({"text": "p"}));
    assert!(part.is_part());
    assert!(matches!(round_trip::<Scalar>(json!(5)), Scalar::Integer(5)));
    assert!(matches!(round_trip::<Scalar>(json!(true)), Scalar::Boolean(true)));
    assert!(matches!(round_trip::<Amount>(json!(5)), Amount::Integer(5)));
    assert!(matches!(round_trip::<Amount>(json!(2.5)), Amount::Number(_)));
    let circle: Shapes = round_trip(json!({"radius": 1.5}));
    assert_eq!(circle.variant_name(), "Circle");
    let rect: Shapes = round_trip(json!({"width": 1.0, "height": 2.0}));
    assert_eq!(rect.variant_name(), "Rect");
}

#[test]
fn values_no_variant_takes_are_kept_in_unknown_and_reported() {
    let content: shape_unions::Content = round_trip(json!(5));
    assert_eq!(content, shape_unions::Content::Unknown(json!(5)));
    let problems: Vec<String> = content.spec_mismatches().iter().map(ToString::to_string).collect();
    assert_eq!(problems, ["(the value): expected one of the variants of `Content`, found the number 5"]);
    let shapes: shape_unions::Shapes = round_trip(json!({"side": 1}));
    assert_eq!(shapes.variant_name(), "Unknown");
}

#[test]
fn string_enums_keep_unknown_values_and_wire_names() {
    use enums::Retention;
    let values = ["in_memory", "24h", "1d", "gpt-4o", "gpt-5.5-2026-04-23", "1024x1024", "audio/pcm", "[DONE]"];
    let parsed: Vec<Retention> = values.iter().map(|v| round_trip(json!(v))).collect();
    assert_eq!(
        parsed,
        [
            Retention::InMemory,
            Retention::V24h,
            Retention::V1d,
            Retention::Gpt4o,
            Retention::Gpt5_5_2026_04_23,
            Retention::V1024x1024,
            Retention::AudioPcm,
            Retention::Done
        ]
    );
    let unknown: Retention = round_trip(json!("7d"));
    assert_eq!(unknown, Retention::Unknown("7d".to_owned()));
    assert_eq!(unknown.as_str(), "7d");
    assert_eq!(Retention::V24h.to_string(), "24h");
    // Open enums (`anyOf: [string, enum]`) are the same kind of enum.
    assert_eq!(round_trip::<enums::Model>(json!("gpt-4o")), enums::Model::Gpt4o);
    assert_eq!(round_trip::<enums::Model>(json!("o9")), enums::Model::Unknown("o9".into()));
    // Integer enums too.
    assert_eq!(round_trip::<enums::Level>(json!(1)), enums::Level::V1);
    assert_eq!(round_trip::<enums::Level>(json!(9)), enums::Level::Unknown(9));
    assert_eq!(round_trip::<enums::Offset>(json!(-1)), enums::Offset::Minus1);
    assert_eq!((enums::Offset::Minus1.as_i64(), enums::Offset::V10.as_i64()), (-1, 10));
    assert_eq!(enums::Offset::from(-2).as_i64(), -2);
}

#[test]
fn the_fallback_is_always_unknown_and_values_named_like_it_are_renamed() {
    use enums::Verdict;
    let values = ["Unknown", "UnknownValue", "OtherValue", "Unrecognized", "unknown", "other_value"];
    let parsed: Vec<Verdict> = values.iter().map(|v| round_trip(json!(v))).collect();
    assert_eq!(
        parsed,
        [
            Verdict::UnknownValue,
            Verdict::UnknownValue2,
            Verdict::OtherValue,
            Verdict::Unrecognized,
            Verdict::UnknownValue3,
            Verdict::OtherValue2,
        ]
    );
    for (value, wire) in parsed.iter().zip(values) {
        assert_eq!(value.as_str(), wire);
    }
    assert_eq!(round_trip::<Verdict>(json!("new")), Verdict::Unknown("new".to_owned()));
}

#[test]
fn construction_is_pleasant() {
    use shape_unions::Content;
    let from_str: Content = "hi".into();
    assert!(from_str.is_text());
    let from_vec: Content = vec![shape_unions::Part::new("p")].into();
    assert!(from_vec.is_list());
    // A union's one list variant takes arrays too.
    let from_array: Content = [shape_unions::Part::new("p"), shape_unions::Part::new("q")].into();
    assert_eq!(from_array.as_list().map(Vec::len), Some(2));
    let thing = operations::Thing::new("id", "name");
    assert_eq!((thing.id.as_str(), thing.name.as_str()), ("id", "name"));
    let conversation = objects::Conversation::new("c", 1, "t", vec!["x".to_owned()], objects::Owner::new("o"))
        .with_title("title")
        .with_self_harm_intent(0.1);
    assert_eq!(conversation.title.value().map(String::as_str), Some("title"));
    // Lists take anything iterable whose items convert, maps take pairs that convert.
    let conversation = objects::Conversation::new("c", 1, "t", ["x", "y"], objects::Owner::new("o"));
    // A required field that may be null is not a parameter of `new`: it defaults to `None`.
    assert_eq!(conversation.metadata, None);
    assert_eq!(conversation.tags, ["x", "y"]);
    let holder = composition::Holder::new(composition::Base::new("b"))
        .with_counts([("a", 1), ("b", 2)])
        .with_open_map(serde_json::json!({"k": {"n": 1}}));
    assert_eq!(holder.counts.as_ref().map(|c| c["b"]), Some(2));
    assert_eq!(holder.open_map.as_ref().map(|m| m["k"]["n"].clone()), Some(serde_json::json!(1)));
    let recursive = recursion::Node::new("root").with_children([recursion::Node::new("leaf")]);
    assert_eq!(recursive.children.as_ref().map(Vec::len), Some(1));
    // Default where every field allows it.
    let _ = composition::Holder::default;
    assert_eq!(objects::Owner::default().name, "");
}

#[test]
fn all_of_is_merged_and_refs_with_siblings_work() {
    let named: composition::Named = round_trip(json!({"id": "i", "created_at": 1, "name": "n"}));
    assert_eq!((named.id.as_str(), named.name.as_str()), ("i", "n"));
    let holder: composition::Holder = round_trip(json!({
        "base": {"id": "b"}, "maybe": null, "wrapped": {"id": "w"}, "anything": [1, "x"],
        "free_object": {"a": 1}, "open_map": {"b": 2}, "counts": {"c": 3}, "closed": {},
        "one_of_constraint": {"a": "x"}
    }));
    assert!(holder.maybe.is_null());
    assert!(holder.nullable_through_all_of.is_absent());
    let with_null: composition::Holder = round_trip(json!({"base": {"id": "b"}, "nullable_through_all_of": null}));
    assert!(with_null.nullable_through_all_of.is_null());
    assert_eq!(holder.counts.as_ref().and_then(|c| c.get("c")), Some(&3));
}

#[test]
fn recursive_types_are_boxed() {
    let node: recursion::Node =
        round_trip(json!({"value": "a", "parent": {"value": "b"}, "children": [{"value": "c"}]}));
    let parent: &recursion::Node = node.parent.as_deref().expect("parent");
    assert_eq!(parent.value, "b");
    let filter: recursion::CompoundFilter = round_trip(json!({
        "type": "and",
        "filters": [{"key": "k", "type": "eq", "value": "v"}, {"type": "or", "filters": [{"key": "n", "type": "ne", "value": 2.5}]}]
    }));
    assert_eq!(filter.filters.len(), 2);
    let _: recursion::Ping = round_trip(json!({"pong": {"ping": {"pong": {}}}}));
}

#[test]
fn numbers_keep_their_written_form() {
    // `number` fields: `1` stays `1` and `1.0` stays `1.0`.
    let base = json!({"id": "c", "object": "conversation", "created_at": 1, "type": "t", "metadata": null, "tags": [], "owner": {"name": "n"}});
    for number in [json!(1), json!(1.0), json!(0.25), json!(-7)] {
        let mut value = base.clone();
        value["self-harm/intent"] = number;
        let _: objects::Conversation = round_trip(value);
    }
}

#[test]
fn three_oh_documents_and_awkward_names() {
    let e: openapi30::Error2 = round_trip(json!({"message": "m", "code": null, "static": true, "retry_after": 3}));
    assert!(e.code.is_none() && e.r#static == Some(true));
}

#[test]
fn operations_implement_endpoint() {
    use openai_types::runtime::Endpoint;
    let create = operations::ThingCreateParams::new("n");
    assert_eq!(operations::ThingCreateParams::METHOD, "POST");
    assert_eq!(create.path(), "/things");
    assert_eq!(serde_json::to_vec(create.body().unwrap()).unwrap(), br#"{"name":"n"}"#.to_vec());
    let list = operations::ListThingPartsRequest::new("a/b c")
        .with_limit(5)
        .with_order(operations::ListThingPartsOrder::Desc)
        .with_open_ai_beta("assistants=v2");
    assert_eq!(operations::ListThingPartsRequest::OPERATION_ID, "list-thing-parts");
    assert_eq!(list.path(), "/things/a%2Fb%20c/parts");
    assert_eq!(list.query(), vec![("limit", "5".to_owned()), ("order", "desc".to_owned())]);
    assert_eq!(list.headers(), vec![("OpenAI-Beta", "assistants=v2".to_owned())]);
    assert!(list.body().is_none());
    let _: Option<operations::ListThingPartsResponse> =
        None::<<operations::ListThingPartsRequest as Endpoint>::Response>;
    // Without required parameters the request type is `Default`.
    let count = operations::CountThingsRequest::default().with_kind("big");
    assert_eq!(count.query(), vec![("kind", "big".to_owned())]);
}

#[test]
fn schemas_named_like_what_generated_code_needs_are_renamed_and_work() {
    use shadowing::{BoxType, FromType, IntoType, OptionType, ResultType, StringType};
    let value: ResultType = round_trip(json!({"ok": {"some": "x"}, "items": ["a", "b"], "boxed": {"inner": {}}}));
    assert_eq!(value.ok, OptionType::new().with_some("x"));
    assert_eq!(value.items, Some(vec![StringType::A, StringType::B]));
    assert!(matches!(&value.boxed, Some(BoxType { inner: Some(_), .. })));
    let tagged: FromType = round_trip(json!({"type": "into", "a": {"a": "1"}}));
    assert!(matches!(tagged, FromType::Into(IntoType { a: Some(_), .. })));
    let unknown: FromType = round_trip(json!({"type": "later"}));
    assert!(matches!(unknown, FromType::Unknown(_)));
    let shaped: shadowing::EType = round_trip(json!(7));
    assert_eq!(shaped.variant_name(), "Integer");
    // Named like the runtime traits a struct's impl names unqualified.
    use shadowing::{FieldSpecType, FieldVisitorType, ObjectType, RType, ReaderType, VType};
    let object: ObjectType = round_trip(json!({"reader": {"r": "x"}, "spec": "optional", "visitor": {"reader": {}}}));
    assert_eq!(object.reader, ReaderType::new().with_r("x"));
    assert_eq!(object.spec, Some(FieldSpecType::Optional));
    assert!(matches!(object.visitor.as_deref(), Some(FieldVisitorType::ObjectType(inner)) if inner.spec.is_none()));
    let r: RType = round_trip(json!({"v": 1}));
    assert_eq!(r.v, Some(VType::V1));
}

#[test]
fn all_of_with_a_union_part_gives_every_branch_the_shared_fields() {
    use all_of_union::*;
    // Each branch reads and writes the shared field, chosen by its tag.
    let started: StreamEvent = round_trip(json!({"type": "run.started", "run_id": "r", "lane": "a"}));
    let Some(e) = started.as_run_started() else { panic!("expected RunStarted, got {started:?}") };
    assert_eq!((e.run_id.as_str(), e.lane.as_deref()), ("r", Some("a")));
    let delta: StreamEvent = round_trip(json!({"type": "run.delta", "delta": "d", "index": 2, "lane": "b"}));
    assert_eq!(delta.as_run_delta().map(|e| (e.delta.as_str(), e.lane.as_deref())), Some(("d", Some("b"))));
    let finished: StreamEvent = round_trip(json!({"type": "run.finished", "status": "ok", "lane": "c"}));
    assert_eq!(finished.as_run_finished().and_then(|e| e.lane.as_deref()), Some("c"));
    // The shared field stays optional.
    let bare: StreamEvent = round_trip(json!({"type": "run.delta", "delta": "d"}));
    assert_eq!(bare.as_run_delta().map(|e| e.lane.is_none()), Some(true));
    // Users never write the tag; the shared field is set like any other.
    let built: StreamEvent = StreamEventRunDelta::new("x").with_lane("z").into();
    assert_eq!(serde_json::to_value(&built).unwrap(), json!({"type": "run.delta", "delta": "x", "lane": "z"}));
    // The component whose name the `run.started` branch would have taken is untouched.
    let _: StreamEventRunStarted = round_trip(json!({"note": "n"}));
    // An unknown tag is kept whole, shared field and all.
    let json = json!({"type": "run.paused", "lane": "a", "why": [1]});
    match round_trip::<StreamEvent>(json.clone()) {
        StreamEvent::Unknown(object) => assert_eq!(object, json),
        other => panic!("expected the unknown variant, got {other:?}"),
    }
}

#[test]
fn all_of_with_a_referenced_discriminated_union_keeps_its_mapping() {
    use all_of_union::*;
    // Object parts before and after the union; the tag comes from the discriminator's mapping.
    let round: StoredShape = round_trip(json!({"id": "s", "kind": "round", "radius": 1.5, "layer": "front"}));
    let Some(r) = round.as_round() else { panic!("expected Round, got {round:?}") };
    assert_eq!((r.id.as_str(), &r.layer, f64::from(r.radius)), ("s", &StoredShapeLayer::Front, 1.5));
    let boxy: StoredShape =
        round_trip(json!({"id": "t", "created": 3, "kind": "boxy", "side": 2, "layer": "back", "extra": true}));
    let Some(b) = boxy.as_boxy() else { panic!("expected Boxy, got {boxy:?}") };
    // One type for the shared inline enum, whatever the branch.
    let layers: [&StoredShapeLayer; 2] = [&r.layer, &b.layer];
    assert_eq!((b.created, layers[1]), (Some(3), &StoredShapeLayer::Back));
    assert_eq!(b.extra_fields["extra"], true);
    assert!(matches!(round_trip::<StoredShape>(json!({"id": "u", "kind": "oval"})), StoredShape::Unknown(_)));
    // Through a nested `allOf` the same way.
    let nested: NestedParts = round_trip(json!({"kind": "boxy", "side": 1, "color": "red", "opacity": 0.5}));
    assert_eq!(nested.as_boxy().and_then(|b| b.color.as_deref()), Some("red"));
}

#[test]
fn all_of_with_a_union_part_merges_inline_nested_and_single_branches() {
    use all_of_union::*;
    // Inline branches, one an `allOf` of its own; the discriminator on the `allOf` itself.
    let text: Note = round_trip(json!({"type": "text", "text": "t", "author": "me"}));
    assert_eq!(text.as_text().and_then(|n| n.author.as_deref()), Some("me"));
    let link: Note = round_trip(json!({"type": "link", "id": "e", "url": "u", "author": "you"}));
    assert_eq!(link.as_link().map(|n| (n.id.as_str(), n.url.as_str())), Some(("e", "u")));
    // The union's `null` branch is left out: the object parts admit no null, so `null` is the
    // union's zero value and a mismatch.
    let null: Note = round_trip(Value::Null);
    assert_eq!(null.spec_mismatches()[0].problem, openai_types::Problem::UnexpectedNull);
    // A reference to a distributed `allOf`, merged with one more object.
    let numbered: NumberedEvent = round_trip(json!({"type": "run.started", "run_id": "r", "lane": "l", "seq": 4}));
    assert_eq!(numbered.as_run_started().map(|e| (e.lane.as_deref(), e.seq)), Some((Some("l"), 4)));
    // A branch that is a union becomes a nested union, dispatched by its tags in turn.
    let nested: AnyEvent = round_trip(json!({"type": "run.finished", "status": "failed", "at": 9}));
    let Some(AnyEventRunEvent::RunFinished(f)) = nested.as_run_event() else { panic!("got {nested:?}") };
    assert_eq!((f.at, &f.status), (Some(9), &AnyEventRunEventRunFinishedStatus::Failed));
    let delta: AnyEvent = round_trip(json!({"type": "run.delta", "delta": "d", "at": 1}));
    assert_eq!(delta.as_run_delta().and_then(|d| d.at), Some(1));
    assert!(matches!(round_trip::<AnyEvent>(json!({"type": "other", "at": 1})), AnyEvent::Unknown(_)));
    // One branch admits objects: a plain struct.
    let maybe: MaybeStarted = round_trip(json!({"type": "run.started", "run_id": "r", "retries": 2}));
    assert_eq!(maybe.retries, Some(2));
}

#[test]
fn distributed_unions_in_fields_arrays_and_nullable_places() {
    use all_of_union::*;
    let log: Log = round_trip(json!({
        "events": [{"type": "run.started", "run_id": "r", "lane": "a"}, {"type": "run.new", "lane": "b"}],
        "last": null,
        "pinned": {"type": "run.finished", "status": "ok", "pinned_by": "me"}
    }));
    assert_eq!(log.events.iter().map(StreamEvent::variant_name).collect::<Vec<_>>(), ["RunStarted", "Unknown"]);
    assert!(log.last.is_null());
    assert_eq!(
        log.pinned.value().and_then(LogPinned::as_run_finished).and_then(|p| p.pinned_by.as_deref()),
        Some("me")
    );
    let with_last: Log = round_trip(
        json!({"events": [], "last": {"id": "s", "kind": "round", "radius": 1, "layer": "back"}, "pinned": null}),
    );
    assert!(with_last.pinned.is_null() && with_last.last.value().is_some_and(StoredShape::is_round));
}

/// A document whose deepest level leaves the spec in a recursive union: it reads, writes back
/// unchanged, and the report points at the deepest level only.
#[test]
fn nested_unions_keep_what_leaves_the_spec_deep_down() {
    let mut json = serde_json::json!({"a": "not a number"});
    for _ in 0..12 {
        json = serde_json::json!({"a": 1, "child": json});
    }
    let tree: recursion::Tree = round_trip(json);
    let pointers: Vec<String> = tree.spec_mismatches().into_iter().map(|m| m.pointer).collect();
    assert_eq!(pointers, [format!("{}/a", "/child".repeat(12))]);
}

/// Reading is linear in the input for recursive shape unions (hostile input, item 7): a document
/// 100 levels deep whose bottom no branch takes, or that repeats a key at the bottom, reads (or
/// fails) at once. Before, each level tried both branches on the whole subtree: 2^depth reads, so
/// this test would not finish.
#[test]
fn recursive_shape_unions_read_in_linear_time() {
    let nest = |bottom: &str| {
        let mut text = bottom.to_owned();
        for _ in 0..100 {
            text = format!(r#"{{"a": 1, "b": 1, "child": {text}}}"#);
        }
        text
    };
    let error = serde_json::from_str::<recursion::Tree>(&nest(r#"{"a": 1, "x": 1, "x": 2}"#)).unwrap_err();
    assert!(error.to_string().starts_with("duplicate key `x`"), "{error}");
    let text = nest(r#"{"c": 1}"#);
    let tree: recursion::Tree = serde_json::from_str(&text).expect("reads");
    assert_eq!(serde_json::to_value(&tree).unwrap(), serde_json::from_str::<Value>(&text).unwrap());
    let pointers: Vec<String> =
        tree.spec_mismatches().into_iter().filter(|m| m.pointer.ends_with("/child")).map(|m| m.pointer).collect();
    assert_eq!(pointers, ["/child".repeat(100)]);
}

/// The body `build_request` writes, as text (file bytes here are ASCII).
fn sent<E: openai_types::Endpoint>(endpoint: &E) -> (String, String) {
    let config = openai_types::ApiConfig::new("sk-test");
    let request = openai_types::build_request(endpoint, &config).expect("builds");
    let content_type = request.headers()["content-type"].to_str().expect("ASCII").to_owned();
    (content_type, String::from_utf8_lossy(request.body()).into_owned())
}

/// `name="<name>"…\r\n\r\n<value>` parts of a form, in order (file name and type kept in the name).
fn parts(content_type: &str, body: &str) -> Vec<(String, String)> {
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a form");
    body.split(&format!("--{boundary}"))
        .filter_map(|part| {
            let part = part.strip_prefix("\r\nContent-Disposition: form-data; ")?;
            let (head, value) = part.split_once("\r\n\r\n")?;
            Some((head.replace("\r\n", " | "), value.strip_suffix("\r\n")?.to_owned()))
        })
        .collect()
}

#[test]
fn multipart_operations_send_forms_with_file_parts() {
    use openai_types::{Endpoint, FileUpload};
    let mut request =
        files::TranscriptionRequest::new(FileUpload::new("talk.mp3", "ID3").with_media_type("audio/mpeg"), "whisper-1")
            .with_include([files::TranscriptionRequestIncludeItem::Logprobs])
            .with_chunking_strategy(files::TranscriptionRequestChunkingStrategy::new().with_threshold(0.5))
            .with_session(files::TranscriptionRequestSession::new().with_voice("alloy"));
    request.temperature = None;
    assert!(matches!(files::TranscriptionRequest::BODY_FORMAT, openai_types::runtime::BodyFormat::Multipart { .. }));
    let (content_type, body) = sent(&request);
    let expected = [
        ("name=\"file\"; filename=\"talk.mp3\" | Content-Type: audio/mpeg", "ID3"),
        ("name=\"model\"", "whisper-1"),
        ("name=\"include[]\"", "logprobs"),
        ("name=\"chunking_strategy[type]\"", "server_vad"),
        ("name=\"chunking_strategy[threshold]\"", "0.5"),
        ("name=\"session\" | Content-Type: application/json", r#"{"voice":"alloy"}"#),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(h, v)| (h.to_string(), v.to_string())).collect();
    assert_eq!(parts(&content_type, &body), expected, "{body}");
}

#[test]
fn an_operation_with_json_and_form_bodies_gets_a_wrapper_for_each() {
    use openai_types::{Endpoint, FileUpload};
    // JSON: the body type is the request.
    let json = files::EditJsonRequest::new("https://example.com/a.png", "brighter");
    assert_eq!(files::EditJsonRequest::OPERATION_ID, "createEdit");
    let (content_type, body) = sent(&json);
    assert_eq!(content_type, "application/json");
    assert_eq!(body, r#"{"image_url":"https://example.com/a.png","prompt":"brighter"}"#);
    // The form, with files in a list and a union that holds a file or a reference.
    let images = vec![FileUpload::new("a.png", "A"), FileUpload::new("b.png", "B")];
    let upload = files::EditUploadRequest::new(images, "brighter").with_reference(FileUpload::new("r.png", "R"));
    assert_eq!(files::EditUploadRequest::OPERATION_ID, "createEdit");
    let (content_type, body) = sent(&upload);
    let names: Vec<String> =
        parts(&content_type, &body).into_iter().map(|(head, value)| format!("{head}={value}")).collect();
    assert_eq!(
        names,
        [
            "name=\"image[]\"; filename=\"a.png\" | Content-Type: application/octet-stream=A",
            "name=\"image[]\"; filename=\"b.png\" | Content-Type: application/octet-stream=B",
            "name=\"reference\"; filename=\"r.png\" | Content-Type: application/octet-stream=R",
            "name=\"prompt\"=brighter",
        ]
    );
    let by_reference = files::EditUploadRequest::new(FileUpload::new("a.png", "A"), "p")
        .with_reference(files::FileReference::new("file_1"));
    let (content_type, body) = sent(&by_reference);
    let heads: Vec<String> =
        parts(&content_type, &body).into_iter().map(|(head, value)| format!("{head}={value}")).collect();
    assert_eq!(heads[1], "name=\"reference[file_id]\"=file_1");
    // A file in JSON is a `data:` URL, so the union reads it back as a file.
    let json = serde_json::to_value(&upload).expect("serializes");
    assert_eq!(json["reference"], "data:;name=r.png;base64,Ug==");
    let back: files::EditUploadRequest = serde_json::from_value(json).expect("reads");
    assert_eq!(back, upload);
}

#[test]
fn raw_bodies_and_byte_responses() {
    use http::{HeaderMap, StatusCode};
    use openai_types::{api::parse_response, Binary, Endpoint};
    // A raw text body, and its `application/sdp` answer as bytes.
    let call = files::CreateCallRequest::new("v=0\r\n".to_owned());
    let (content_type, body) = sent(&call);
    assert_eq!((content_type.as_str(), body.as_str()), ("application/sdp", "v=0\r\n"));
    let answer: Binary =
        parse_response::<files::CreateCallRequest>(StatusCode::CREATED, &HeaderMap::new(), b"v=0 answer")
            .expect("bytes");
    assert_eq!(answer.text(), Some("v=0 answer"));
    // Audio, a file's contents described as a JSON string, and no content at all: the bytes as sent.
    let audio: Binary =
        parse_response::<files::CreateSpeechBody>(StatusCode::OK, &HeaderMap::new(), b"\xff\xfb\x90").expect("bytes");
    assert_eq!(audio.as_bytes(), b"\xff\xfb\x90");
    let contents =
        parse_response::<files::DownloadFileRequest>(StatusCode::OK, &HeaderMap::new(), b"{\"a\":1}\n{\"a\":2}\n")
            .expect("JSONL is not one JSON value, and is kept whole");
    assert_eq!(contents.len(), 16);
    let deleted = parse_response::<files::DeleteFileRequest>(StatusCode::OK, &HeaderMap::new(), b"").expect("empty");
    assert!(deleted.is_empty());
    assert_eq!(files::DownloadFileRequest::RESPONSE_FORMAT, openai_types::runtime::ResponseFormat::Bytes);
    assert_eq!(files::CreateSpeechBody::BODY_FORMAT, openai_types::runtime::BodyFormat::Json);
}
