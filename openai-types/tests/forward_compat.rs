//! Forward compatibility: a response with an item type, a tool type, an enum value and an object
//! field the spec does not know still deserializes, and serializes back to identical JSON.

use openai_types::{CompactedResponse, CompactedResponseOutputItem, ResponseInputItem, Tool};
use serde_json::json;

#[test]
fn unknown_item_tool_enum_value_and_field_survive() {
    let original = json!({
        "id": "cmp_1",
        "object": "response.compaction",
        "created_at": 1760000000,
        "brand_new_field": {"nested": [1, 2.5, null, "x"]},
        "output": [
            {
                "id": "msg_1", "type": "message", "role": "user", "status": "paused",
                "content": [{"type": "input_text", "text": "Hello"}]
            },
            {"id": "hol_1", "type": "hologram_call", "status": "completed", "frames": 24},
            {
                "id": "at_1", "type": "additional_tools", "role": "developer",
                "tools": [
                    {"type": "function", "name": "f", "parameters": {"type": "object"}, "strict": true},
                    {"type": "teleporter", "range_km": 5}
                ]
            }
        ],
        "usage": {
            "input_tokens": 10, "output_tokens": 2, "total_tokens": 12,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens_details": {"reasoning_tokens": 0}
        }
    });
    let response: CompactedResponse = serde_json::from_value(original.clone()).expect("deserializes");
    assert_eq!(serde_json::to_value(&response).expect("serializes"), original, "identical JSON");

    assert_eq!(response.extra_fields["brand_new_field"], original["brand_new_field"]);
    let kinds: Vec<&str> = response.output.iter().map(CompactedResponseOutputItem::variant_name).collect();
    assert_eq!(kinds[1], "Unknown", "{kinds:?}");
    match &response.output[1] {
        CompactedResponseOutputItem::Unknown(object) => assert_eq!(object["frames"], 24),
        other => panic!("expected the unknown variant, got {other:?}"),
    }
    let tools_item = serde_json::to_value(&response.output[2]).unwrap();
    let tools: Vec<Tool> = serde_json::from_value(tools_item["tools"].clone()).unwrap();
    assert!(matches!(tools[1], Tool::Unknown(_)), "{:?}", tools[1]);
    assert!(tools[0].is_function());
}

#[test]
fn unknown_input_items_round_trip() {
    let items = json!([
        {"type": "message", "role": "user", "content": "hi"},
        {"type": "future_item", "payload": {"a": [true]}}
    ]);
    let parsed: Vec<ResponseInputItem> = serde_json::from_value(items.clone()).unwrap();
    assert_eq!(parsed[1].variant_name(), "Unknown");
    assert_eq!(serde_json::to_value(&parsed).unwrap(), items);
}

/// An object whose tag no variant claims is kept whole: never read as a variant whose tag is
/// optional (an item reference, an easy message) with fields invented for it.
#[test]
fn unknown_tags_never_land_in_a_variant_whose_tag_is_optional() {
    for json in [
        json!({"type": "zzz"}),
        json!({"type": "new_message", "role": "user", "content": "hi"}),
        json!({"type": "item_reference_v2", "id": "msg_1"}),
    ] {
        let item: ResponseInputItem = serde_json::from_value(json.clone()).expect("reads");
        assert_eq!(item.variant_name(), "Unknown", "{json}");
        assert_eq!(serde_json::to_value(&item).expect("writes"), json, "written back unchanged");
    }
    // Without a tag, the variants whose tag is optional still take their objects.
    let message: ResponseInputItem = serde_json::from_value(json!({"role": "user", "content": "hi"})).expect("reads");
    assert_eq!(message.variant_name(), "EasyInputMessage");
    let reference: ResponseInputItem = serde_json::from_value(json!({"id": "msg_1"})).expect("reads");
    assert_eq!(reference.variant_name(), "ItemReference");
}

/// `tag()` is the tag as it is on the wire, where `variant_name()` is the Rust variant's name.
#[test]
fn the_wire_tag_of_every_kind_of_variant() {
    let read = |json: serde_json::Value| -> ResponseInputItem { serde_json::from_value(json).expect("reads") };
    let call = read(json!({"type": "function_call", "call_id": "c", "name": "f", "arguments": "{}"}));
    assert_eq!((call.variant_name(), call.tag()), ("FunctionCall", Some("function_call")));
    let tagged_message = read(json!({"type": "message", "role": "user", "content": "hi"}));
    assert_eq!(tagged_message.tag(), Some("message"));
    let untagged_message = read(json!({"role": "user", "content": "hi"}));
    assert_eq!(untagged_message.tag(), None, "an optional tag that was not sent");
    let unknown = read(json!({"type": "zzz"}));
    assert_eq!((unknown.variant_name(), unknown.tag()), ("Unknown", Some("zzz")));
    // A union whose every tag is a constant reads it from its table of variants.
    let output =
        |json: serde_json::Value| -> CompactedResponseOutputItem { serde_json::from_value(json).expect("reads") };
    let compaction = output(json!({"type": "compaction", "encrypted_content": "e"}));
    assert_eq!((compaction.variant_name(), compaction.tag()), ("Compaction", Some("compaction")));
    let built = CompactedResponseOutputItem::from(openai_types::ResponseReasoningItem::default());
    assert_eq!(built.tag(), Some("reasoning"));
    assert_eq!(output(json!({"type": "later"})).tag(), Some("later"));
    assert_eq!(output(json!({"kind": "later"})).tag(), None);
    assert_eq!(output(json!("text")).tag(), None);
}

/// A `message` tag is shared by three variants. The object streams into the first variant that
/// declares every key read before the tag, and is kept there when it reads strictly; otherwise
/// the variants are ranked as on a buffered object. Either way the choice is the best fit, in any
/// key order, and the object is written back unchanged.
#[test]
fn a_shared_tag_picks_the_best_fit_in_any_key_order() {
    let cases = [
        // Tag first, strict for the first variant: streamed.
        (r#"{"type": "message", "role": "user", "content": "hi"}"#, "EasyInputMessage"),
        // `id` before the tag: only the output message declares it; strict there: streamed.
        (
            r#"{"id": "m", "type": "message", "role": "assistant", "status": "completed", "content": []}"#,
            "ResponseOutputMessage",
        ),
        // Tag first, not strict for the first variant (undeclared `id`, `status`): ranked.
        (
            r#"{"type": "message", "id": "m", "role": "assistant", "status": "completed", "content": []}"#,
            "ResponseOutputMessage",
        ),
        // `status` makes it an input item message, wherever it comes.
        (r#"{"type": "message", "role": "user", "content": [], "status": "completed"}"#, "Message"),
        (r#"{"status": "completed", "role": "user", "content": [], "type": "message"}"#, "Message"),
        // The output message's constant role decides against it; an unknown key leaves it loose.
        (r#"{"id": "m", "role": "user", "status": "completed", "content": [], "type": "message"}"#, "Message"),
        (r#"{"role": "user", "content": "hi", "zzz": 1, "type": "message"}"#, "EasyInputMessage"),
        // Reversed schema order: the key after the tag tells the variants apart.
        (r#"{"type": "message", "status": "completed", "role": "user", "content": []}"#, "Message"),
        (
            r#"{"phase": "final_answer", "type": "message", "status": "completed", "role": "assistant", "content": [], "id": "m"}"#,
            "ResponseOutputMessage",
        ),
        (r#"{"type": "message", "phase": "final_answer", "role": "assistant", "content": "hi"}"#, "EasyInputMessage"),
    ];
    for (text, variant) in cases {
        let item: ResponseInputItem = serde_json::from_str(text).expect("reads");
        assert_eq!(item.variant_name(), variant, "{text}");
        let original: serde_json::Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(serde_json::to_value(&item).expect("writes"), original, "written back unchanged: {text}");
    }
}
