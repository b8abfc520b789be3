//! JSON nobody here wrote: deep nesting is an error, not a stack overflow; wrong kinds are kept
//! and reported where they are; repeated keys are errors that say where.

use openai_types::{CompactedResponse, ConversationCreateParams, ResponseInputItem};

fn nested_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn ten_thousand_nested_arrays_in_a_free_form_field_is_an_error() {
    // `arguments` of an MCP tool search call is free-form JSON; the item is dispatched on its tag
    // (buffered path) and then read as a struct.
    let deep = nested_arrays(10_000);
    let item =
        format!(r#"{{"type": "function_call", "call_id": "c", "name": "f", "arguments": "x", "extra": {deep}}}"#);
    let err = serde_json::from_str::<ResponseInputItem>(&item).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");

    let metadata = format!(r#"{{"metadata": {{"k": {deep}}}}}"#);
    assert!(serde_json::from_str::<ConversationCreateParams>(&metadata).is_err());

    // Deep nesting before the tag: the keys read ahead of the tag are bounded the same way.
    let ahead = format!(r#"{{"junk": {deep}, "type": "message", "role": "user", "content": "hi"}}"#);
    assert!(serde_json::from_str::<ResponseInputItem>(&ahead).is_err());
}

#[test]
fn deeply_nested_unions_are_an_error_too() {
    // Items that contain items (tool search outputs contain tools): a long chain of unknown
    // objects nested in unknown fields.
    let mut json = String::from("{}");
    for _ in 0..5_000 {
        json = format!(r#"{{"type": "mystery", "inner": {json}}}"#);
    }
    let err = serde_json::from_str::<ResponseInputItem>(&json).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
}

#[test]
fn wrong_kinds_are_kept_and_reported_where() {
    use openai_types::WireValue;
    let read = serde_json::from_str::<CompactedResponse>(r#"{"id": 5}"#).unwrap();
    assert_eq!(serde_json::to_value(&read).unwrap(), serde_json::json!({"id": 5}));
    let problems: Vec<String> = read.spec_mismatches().iter().map(ToString::to_string).collect();
    assert!(problems.contains(&"/id: expected a string, found the number 5".to_owned()), "{problems:?}");
    let item = serde_json::from_str::<ResponseInputItem>(r#"[1, 2]"#).unwrap();
    assert_eq!(item, ResponseInputItem::Unknown(serde_json::json!([1, 2])));
    // Only the top of a document must be an object for a struct: there is nothing to keep.
    let err = serde_json::from_str::<CompactedResponse>(r#"[1, 2]"#).unwrap_err();
    assert!(err.to_string().contains("expected an object (CompactedResponse) at line 1"), "{err}");
}

/// One rule at every depth: a repeated key is an error naming the key, whether it is a declared
/// field, an undeclared one, a map's key, a key inside free-form JSON, inside an object kept in a
/// union's `Unknown`, or inside an array item.
#[test]
#[cfg(feature = "type-registry")]
fn duplicate_keys_are_errors_at_every_depth() {
    let cases: [(&str, &str); 7] = [
        ("ConversationCreateParams", r#"{"metadata": {"a": "1", "a": "2"}}"#),
        (
            "ConversationCreateParams",
            r#"{"items": [{"type": "message", "role": "user", "content": "hi", "role": "user"}]}"#,
        ),
        ("ConversationCreateParams", r#"{"zzz": 1, "zzz": 2}"#),
        ("ConversationCreateParams", r#"{"zzz": {"deep": [{"x": 1, "x": 1}]}}"#),
        ("FunctionTool", r#"{"type": "function", "name": "f", "parameters": {"properties": {"p": {}, "p": {}}}}"#),
        ("ResponseInputItem", r#"{"type": "mystery", "inner": {"k": [{"y": 1, "y": 2}]}}"#),
        (
            "ResponseInputItem",
            r#"{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "a", "text": "b"}]}"#,
        ),
    ];
    for (type_name, json) in cases {
        let error = match openai_types::type_registry::roundtrip(type_name, json) {
            Some(Err(error)) => error.to_string(),
            other => panic!("{type_name} {json}: {other:?}"),
        };
        assert!(error.contains("duplicate"), "{type_name} {json}: {error}");
        assert!(error.contains(" at line 1 column "), "{error}");
    }
}

#[test]
fn duplicate_keys_are_errors_not_silent_choices() {
    // Found by the fuzzer: with a repeated key, dispatch used one value and the kept object the
    // other, so the output read back as something else (or not at all).
    for json in [
        r#"{"type": "", "type": "computer_call"}"#,
        r#"{"type": "message", "type": ""}"#,
        r#"{"role": "user", "content": "a", "content": "b"}"#,
        r#"{"type": "mystery", "x": 1, "x": 2}"#,
    ] {
        let err = serde_json::from_str::<ResponseInputItem>(json).unwrap_err();
        assert!(err.to_string().contains("duplicate"), "{json}: {err}");
    }
    let err = serde_json::from_str::<ConversationCreateParams>(r#"{"metadata": null, "metadata": {}}"#).unwrap_err();
    assert!(err.to_string().contains("duplicate field `metadata`"), "{err}");
    let err = serde_json::from_str::<ConversationCreateParams>(r#"{"extra": 1, "extra": 2}"#).unwrap_err();
    assert!(err.to_string().contains("duplicate key `extra`"), "{err}");
}

#[test]
fn repeated_keys_inside_a_buffered_object_are_not_silently_dropped() {
    // A `message` item is buffered (three variants share the tag) before a variant is chosen; a
    // repeated key deeper inside must not come out as one of its values.
    let json = r#"{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "a", "text": "b"}]}"#;
    match serde_json::from_str::<ResponseInputItem>(json) {
        Err(err) => assert!(err.to_string().contains("duplicate"), "{err}"),
        Ok(item) => panic!("read as {} with a repeated key dropped: {:?}", item.variant_name(), item),
    }
}

/// A `null` or a value of another JSON type in a list of objects or unions is kept in its place:
/// the other items stay typed, and each stray item is reported where it is.
#[test]
fn stray_items_in_lists_of_objects_and_unions_stay_in_place() {
    use openai_types::{Object, WireValue};
    let json = serde_json::json!({"tools": [{"type": "function", "name": "f", "parameters": null, "strict": true}, 5, null], "x": 1});
    let params: openai_types::InputTokenCountParams = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&params).unwrap(), json);
    let tools = params.tools.as_deref().unwrap_or_default();
    assert!(tools[0].is_function());
    let pointers: Vec<String> = params.spec_mismatches().into_iter().map(|m| m.pointer).collect();
    assert_eq!(pointers, ["/tools/1", "/tools/2", "/x"]);

    let reasoning = serde_json::json!({"type": "reasoning", "id": "rs", "summary": [],
        "content": [null, {"type": "reasoning_text", "text": "t"}, "text"]});
    let item: openai_types::ResponseReasoningItem = serde_json::from_value(reasoning.clone()).unwrap();
    assert_eq!(serde_json::to_value(&item).unwrap(), reasoning);
    let content = item.content.as_deref().unwrap_or_default();
    assert_eq!(content[0].kept_whole(), Some(&serde_json::Value::Null));
    assert_eq!(content[1].text, "t");
    assert_eq!(content[2].kept_whole(), Some(&serde_json::json!("text")));
    let pointers: Vec<String> = item.spec_mismatches().into_iter().map(|m| m.pointer).collect();
    assert_eq!(pointers, ["/content/0", "/content/2"]);
}
