//! Every example of `examples/` runs against a local server on 127.0.0.1 that answers like the
//! API (canned JSON in the shapes of the reference pages' response examples): the requests they
//! send and the values they return are checked. The examples' own `main`s only add
//! `Client::from_env()` and error printing around the functions called here.
#![cfg(feature = "reqwest")]
// Each example is its own program and declares `mod support;`, so here it is loaded once per example.
#![allow(clippy::duplicate_mod)]

mod common;

// Each `main` is for `cargo run --example`, not for the test.
#[allow(dead_code)]
#[path = "../examples/compact_conversation.rs"]
mod compact_conversation;
#[allow(dead_code)]
#[path = "../examples/count_input_tokens.rs"]
mod count_input_tokens;
#[allow(dead_code)]
#[path = "../examples/create_conversation.rs"]
mod create_conversation;

use std::time::Duration;

use common::{Received, Reply, Server};
use openai_types::{ApiError, Client, ResponseInputItem};
use serde_json::{json, Value};

/// A client for the local server that makes one attempt per call and gives up within seconds, so
/// a broken example fails the test quickly instead of hanging it.
fn local_client(server: &Server) -> Client {
    common::client(&server.base_url).with_timeout(Duration::from_secs(5))
}

/// The request's JSON body.
fn body(received: &Received) -> Value {
    serde_json::from_slice(&received.body).expect("a JSON body")
}

#[tokio::test]
async fn create_conversation_sends_the_message_and_metadata() {
    let server = Server::start(vec![Reply::json(
        200,
        json!({"id": "conv_6930a1f2", "object": "conversation", "created_at": 1764800000, "metadata": {"topic": "demo"}}),
    )]);
    let conversation = create_conversation::create_conversation(&local_client(&server)).await.unwrap();
    assert_eq!(conversation.id, "conv_6930a1f2");
    assert_eq!(conversation.created_at, 1764800000);
    assert_eq!(conversation.metadata.as_ref().and_then(|m| m.get("topic")).map(String::as_str), Some("demo"));

    let request = server.next();
    assert_eq!((request.method.as_str(), request.target.as_str()), ("POST", "/v1/conversations"));
    assert_eq!(
        body(&request),
        json!({"metadata": {"topic": "demo"}, "items": [{"type": "message", "role": "user", "content": "Hello!"}]})
    );
    server.finish();
}

#[tokio::test]
async fn count_input_tokens_sends_instructions_messages_and_the_tool() {
    let server = Server::start(vec![Reply::json(200, json!({"object": "response.input_tokens", "input_tokens": 87}))]);
    let count = count_input_tokens::count_input_tokens(&local_client(&server)).await.unwrap();
    assert_eq!(count.input_tokens, 87);

    let request = server.next();
    assert_eq!((request.method.as_str(), request.target.as_str()), ("POST", "/v1/responses/input_tokens"));
    let body = body(&request);
    assert_eq!(body["model"], "gpt-5");
    assert!(body["instructions"].as_str().is_some_and(|text| !text.is_empty()), "{body}");
    let roles: Vec<&Value> =
        body["input"].as_array().expect("an input list").iter().map(|item| &item["role"]).collect();
    assert_eq!(roles, [&json!("user"), &json!("assistant"), &json!("user")]);
    let tool = &body["tools"][0];
    assert_eq!(
        (&tool["type"], &tool["name"], &tool["strict"]),
        (&json!("function"), &json!("get_weather"), &json!(true))
    );
    assert_eq!(tool["parameters"]["type"], "object");
    assert_eq!(tool["parameters"]["required"], json!(["city", "unit"]));
    server.finish();
}

#[tokio::test]
async fn compact_conversation_continues_from_the_compacted_output() {
    let kept_message = json!({
        "id": "msg_6930a20b", "type": "message", "role": "user", "status": "completed",
        "content": [{"type": "input_text", "text": "Plan a three-day trip to Lisbon for me."}]
    });
    let compaction = json!({"id": "cmp_6930a20c", "type": "compaction", "encrypted_content": "gAAAAABpMKIM-summary"});
    let compacted = json!({
        "id": "resp_6930a20a", "object": "response.compaction", "created_at": 1764800010,
        "output": [kept_message, compaction],
        "usage": {"input_tokens": 139, "output_tokens": 438, "total_tokens": 577,
                  "input_tokens_details": {"cached_tokens": 0}, "output_tokens_details": {"reasoning_tokens": 64}}
    });
    let server = Server::start(vec![
        Reply::json(200, compacted),
        Reply::json(200, json!({"object": "response.input_tokens", "input_tokens": 412})),
    ]);
    let continued = compact_conversation::compact_conversation(&local_client(&server)).await.unwrap();
    assert_eq!(continued.compacted.id, "resp_6930a20a");
    assert_eq!(continued.compacted.usage.total_tokens, 577);
    assert_eq!(continued.next_input_tokens, 412);
    // The compaction item is recognised as one, not kept as an unknown object.
    assert!(matches!(continued.next_input[1], ResponseInputItem::Compaction(_)), "{:?}", continued.next_input);

    let compact = server.next();
    assert_eq!((compact.method.as_str(), compact.target.as_str()), ("POST", "/v1/responses/compact"));
    let compact = body(&compact);
    assert_eq!(compact["model"], "gpt-5");
    assert_eq!(compact["input"].as_array().map(Vec::len), Some(3), "{compact}");

    // The next request's input is the compacted output unchanged, then the new user message.
    let count = server.next();
    assert_eq!((count.method.as_str(), count.target.as_str()), ("POST", "/v1/responses/input_tokens"));
    let input = body(&count)["input"].clone();
    assert_eq!(input[0], kept_message);
    assert_eq!(input[1], compaction);
    assert_eq!(input[2]["role"], "user");
    assert_eq!(input.as_array().map(Vec::len), Some(3), "{input}");
    server.finish();
}

#[tokio::test]
async fn an_api_error_reaches_the_caller_with_status_and_request_id() {
    // What `main` prints comes from these: the examples pass errors on untouched.
    let rate_limited = Reply::json(
        429,
        json!({"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}}),
    );
    let server = Server::start(vec![rate_limited]);
    let error: ApiError = create_conversation::create_conversation(&local_client(&server)).await.unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(429));
    assert_eq!(error.request_id(), Some("req_429"));
    assert!(error.is_retryable());
    server.finish_after(1);
}
