//! The reqwest client against a real HTTP server on 127.0.0.1 (an OS-chosen port): the requests
//! it sends are exactly what `build_request` promises, and it returns typed results and errors.
//! No test reaches any other address (the clients are built without proxies).
#![cfg(feature = "reqwest")]

mod common;

use std::net::TcpListener;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use openai_types::api::{build_request_with, DecodeErrorCategory};
use openai_types::client::{reqwest, RequestOptions};
use openai_types::runtime::endpoint::encode_path_segment;
use openai_types::runtime::Endpoint;
use openai_types::{
    ApiConfig, ApiError, Client, Conversation, ConversationCreateParams, InputTokenCountParams, ResponseCompactParams,
};
use serde_json::{json, Value};

use common::{client, retrying_client, Received, Reply, Server, KEY};

/// Asserts the server received exactly the request `build_request` makes for `endpoint`: method,
/// target, every header with its value, the body byte for byte, and nothing else but the
/// transport's own headers.
fn assert_sent_as_built<E: Endpoint>(received: &Received, endpoint: &E, config: &ApiConfig) {
    assert_sent_as_built_with(received, endpoint, config, &RequestOptions::new());
}

/// [`assert_sent_as_built`] for a call with `options`: their extras too are as `build_request_with`
/// applies them.
fn assert_sent_as_built_with<E: Endpoint>(
    received: &Received,
    endpoint: &E,
    config: &ApiConfig,
    options: &RequestOptions,
) {
    let built = build_request_with(endpoint, config, options).unwrap();
    assert_eq!(received.method, built.method().as_str());
    let target = built.uri().path_and_query().unwrap().as_str();
    assert_eq!(received.target, target);
    for (name, value) in built.headers() {
        assert_eq!(received.header(name.as_str()), Some(value.to_str().unwrap()), "header {name}");
    }
    // The transport's own headers, and the client's `User-Agent`.
    for (name, _) in &received.headers {
        assert!(
            built.headers().contains_key(name.as_str())
                || ["host", "content-length", "accept", "user-agent"].contains(&name.as_str()),
            "unexpected header {name}"
        );
    }
    assert_eq!(received.body, *built.body());
    // An empty body may go without `Content-Length` (hyper leaves it off a bodiless GET).
    assert_eq!(received.header("content-length").map_or(0, |v| v.parse::<usize>().unwrap()), built.body().len());
}

fn conversation_body() -> Value {
    json!({"id": "conv_abc", "object": "conversation", "created_at": 1741900000, "metadata": {"topic": "demo"}})
}

fn compacted_body() -> Value {
    json!({
        "id": "resp_001",
        "object": "response.compaction",
        "created_at": 1764967971,
        "output": [{"id": "cmp_001", "type": "compaction", "encrypted_content": "gAAAAABpM0Yj-..."}],
        "usage": {
            "input_tokens": 139,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 438,
            "output_tokens_details": {"reasoning_tokens": 64},
            "total_tokens": 577
        }
    })
}

#[tokio::test]
async fn all_three_operations_go_over_the_wire_as_built() {
    let server = Server::start(vec![
        Reply::json(200, conversation_body()),
        Reply::json(200, json!({"object": "response.input_tokens", "input_tokens": 11})),
        Reply::json(200, compacted_body()),
    ]);
    let client = client(&server.base_url).with_organization("org-123").with_project("proj_456");

    let create: ConversationCreateParams = serde_json::from_value(json!({
        "items": [{"type": "message", "role": "user", "content": "Hello!"}],
        "metadata": {"topic": "demo"}
    }))
    .unwrap();
    let conversation: Conversation = client.send(&create).await.unwrap();
    assert_eq!(conversation.id, "conv_abc");
    assert_eq!(conversation.created_at, 1741900000);
    let received = server.next();
    assert_sent_as_built(&received, &create, client.config());
    assert_eq!(received.method, "POST");
    assert_eq!(received.target, "/v1/conversations");
    assert_eq!(received.header("authorization"), Some(format!("Bearer {KEY}").as_str()));
    assert_eq!(received.header("content-type"), Some("application/json"));
    assert_eq!(received.header("openai-organization"), Some("org-123"));
    assert_eq!(received.header("openai-project"), Some("proj_456"));
    assert_eq!(
        serde_json::from_slice::<Value>(&received.body).unwrap(),
        json!({"items": [{"type": "message", "role": "user", "content": "Hello!"}], "metadata": {"topic": "demo"}})
    );

    let count = InputTokenCountParams::new().with_model("gpt-5").with_input("Tell me a joke.");
    let tokens = client.send(&count).await.unwrap();
    assert_eq!(tokens.input_tokens, 11);
    let received = server.next();
    assert_sent_as_built(&received, &count, client.config());
    assert_eq!(received.target, "/v1/responses/input_tokens");
    assert_eq!(
        serde_json::from_slice::<Value>(&received.body).unwrap(),
        json!({"model": "gpt-5", "input": "Tell me a joke."})
    );

    let compact = ResponseCompactParams::new("gpt-5").with_previous_response_id("resp_000");
    let compacted = client.send(&compact).await.unwrap();
    assert_eq!(compacted.id, "resp_001");
    assert_eq!(compacted.usage.total_tokens, 577);
    let received = server.next();
    assert_sent_as_built(&received, &compact, client.config());
    assert_eq!(received.target, "/v1/responses/compact");
    assert_eq!(
        serde_json::from_slice::<Value>(&received.body).unwrap(),
        json!({"model": "gpt-5", "previous_response_id": "resp_000"})
    );

    server.finish();
}

/// `GET /conversations/{conversation_id}/items` with a query and a header parameter.
struct ListItems {
    conversation_id: String,
    after: Option<String>,
    beta: Option<String>,
}

impl Endpoint for ListItems {
    type Response = Value;
    type Body = ();
    const METHOD: &'static str = "GET";
    const OPERATION_ID: &'static str = "listConversationItems";
    const PATH_TEMPLATE: &'static str = "/conversations/{conversation_id}/items";
    fn path(&self) -> String {
        format!("/conversations/{}/items", encode_path_segment(&self.conversation_id))
    }
    fn query(&self) -> Vec<(&'static str, String)> {
        self.after.iter().map(|after| ("after", after.clone())).collect()
    }
    fn headers(&self) -> Vec<(&'static str, String)> {
        self.beta.iter().map(|beta| ("OpenAI-Beta", beta.clone())).collect()
    }
    fn body(&self) -> Option<&()> {
        None
    }
}

impl ListItems {
    fn sample() -> Self {
        Self { conversation_id: "conv_1".into(), after: None, beta: None }
    }
}

#[tokio::test]
async fn path_query_and_header_parameters_arrive_encoded() {
    let server = Server::start(vec![Reply::json(200, json!({"object": "list", "data": []}))]);
    let client = client(&format!("{}?api-version=2025-01-01", server.base_url));
    let endpoint = ListItems {
        conversation_id: "conv/1 2".into(),
        after: Some("msg_1&x=y".into()),
        beta: Some("conversations=v1".into()),
    };
    let list = client.send(&endpoint).await.unwrap();
    assert_eq!(list, json!({"object": "list", "data": []}));

    let received = server.next();
    assert_sent_as_built(&received, &endpoint, client.config());
    assert_eq!(received.method, "GET");
    assert_eq!(received.target, "/v1/conversations/conv%2F1%202/items?api-version=2025-01-01&after=msg_1%26x%3Dy");
    assert_eq!(received.header("openai-beta"), Some("conversations=v1"));
    assert_eq!(received.header("content-type"), None);
    assert!(received.body.is_empty());
    server.finish();
}

/// `POST /files`: a multipart upload (what the generator writes for `multipart/form-data`).
struct UploadFile {
    file: openai_types::FileUpload,
    purpose: &'static str,
}

impl serde::Serialize for UploadFile {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut fields = serializer.serialize_struct("UploadFile", 2)?;
        fields.serialize_field("file", &self.file)?;
        fields.serialize_field("purpose", self.purpose)?;
        fields.end()
    }
}

impl Endpoint for UploadFile {
    type Response = Value;
    type Body = Self;
    const METHOD: &'static str = "POST";
    const OPERATION_ID: &'static str = "createFile";
    const PATH_TEMPLATE: &'static str = "/files";
    const BODY_FORMAT: openai_types::runtime::BodyFormat =
        openai_types::runtime::BodyFormat::Multipart { json_fields: &[] };
    fn path(&self) -> String {
        "/files".to_owned()
    }
    fn body(&self) -> Option<&Self> {
        Some(self)
    }
}

/// `GET /files/{file_id}/content`: the file's bytes.
struct FileContent;

impl Endpoint for FileContent {
    type Response = openai_types::Binary;
    type Body = ();
    const METHOD: &'static str = "GET";
    const OPERATION_ID: &'static str = "downloadFile";
    const PATH_TEMPLATE: &'static str = "/files/{file_id}/content";
    const RESPONSE_FORMAT: openai_types::runtime::ResponseFormat = openai_types::runtime::ResponseFormat::Bytes;
    fn path(&self) -> String {
        "/files/file_1/content".to_owned()
    }
    fn body(&self) -> Option<&()> {
        None
    }
}

#[tokio::test]
async fn file_uploads_go_as_forms_and_downloads_come_back_as_bytes() {
    let audio: Vec<u8> = (0..=255).collect();
    let server = Server::start(vec![
        Reply::json(200, json!({"id": "file_1", "object": "file"})),
        Reply::raw(200, "application/octet-stream", &audio),
    ]);
    let client = client(&server.base_url);
    let upload = UploadFile {
        file: openai_types::FileUpload::new("talk.mp3", audio.clone()).with_media_type("audio/mpeg"),
        purpose: "user_data",
    };
    let created = client.send(&upload).await.unwrap();
    assert_eq!(created["id"], "file_1");
    let received = server.next();
    assert_sent_as_built(&received, &upload, client.config());
    let content_type = received.header("content-type").unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a form");
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"talk.mp3\"\r\nContent-Type: audio/mpeg\r\n\r\n"
    );
    assert!(received.body.starts_with(head.as_bytes()));
    assert_eq!(&received.body[head.len()..head.len() + audio.len()], audio.as_slice(), "the file's bytes, as they are");
    assert!(received.body.ends_with(format!("\r\n\r\nuser_data\r\n--{boundary}--\r\n").as_bytes()));

    let content = client.send(&FileContent).await.unwrap();
    assert_eq!(content.as_bytes(), audio.as_slice());
    assert_eq!(server.next().target, "/v1/files/file_1/content");
    server.finish();
}

// ---------------------------------------------------------------------------------------------
// Metadata of successes
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn success_metadata_arrives_with_the_parsed_body() {
    let ok = Reply::json(200, conversation_body())
        .header("x-ratelimit-limit-requests", "60")
        .header("x-ratelimit-remaining-requests", "59")
        .header("x-ratelimit-reset-requests", "1s")
        .header("openai-processing-ms", "87");
    let counted = Reply::json(200, json!({"object": "response.input_tokens", "input_tokens": 4}))
        .header("x-ratelimit-remaining-tokens", "29000");
    let server = Server::start(vec![ok, counted]);
    let client = client(&server.base_url);

    let response = client.send_with_response(&ConversationCreateParams::new()).await.unwrap();
    assert_eq!(response.value.id, "conv_abc");
    assert_eq!(response.status(), http::StatusCode::OK);
    assert_eq!(response.request_id(), Some("req_200"));
    assert_eq!(response.rate_limit().limit_requests, Some(60));
    assert_eq!(response.rate_limit().remaining_requests, Some(59));
    assert_eq!(response.rate_limit().reset_requests.as_deref(), Some("1s"));
    assert_eq!(response.headers()["openai-processing-ms"], "87");
    assert_eq!(response.headers()["content-type"], "application/json");
    server.next();

    let options = RequestOptions::new().with_max_retries(1);
    let params = InputTokenCountParams::new().with_input("Hi");
    let response = client.send_with_response_and_options(&params, &options).await.unwrap();
    assert_eq!(response.into_value().input_tokens, 4);
    server.finish_after(1);
}

/// The resource helpers have a `_with` form: per-call options in, metadata out.
#[tokio::test]
async fn resource_helpers_take_options_and_return_metadata() {
    let server =
        Server::start(vec![Reply::json(200, conversation_body()).header("x-ratelimit-remaining-requests", "7")]);
    let client = client(&server.base_url);
    let options = RequestOptions::new().with_extra_header("x-trace", "t-1");
    let response = client.conversations().create_with(&ConversationCreateParams::new(), &options).await.unwrap();
    assert_eq!(response.value.id, "conv_abc");
    assert_eq!(response.request_id(), Some("req_200"));
    assert_eq!(response.rate_limit().remaining_requests, Some(7));
    assert_eq!(server.next().header("x-trace"), Some("t-1"));
    server.finish();
}

#[tokio::test]
async fn success_metadata_is_that_of_the_attempt_that_succeeded() {
    let rate_limited = Reply::json(429, json!({"error": {"message": "Slow down", "code": "rate_limit_exceeded"}}))
        .header("retry-after-ms", "10")
        .header("x-ratelimit-remaining-requests", "0");
    let ok = Reply::json(200, conversation_body()).header("x-ratelimit-remaining-requests", "9");
    let server = Server::start(vec![rate_limited, ok]);
    let response =
        retrying_client(&server.base_url).send_with_response(&ConversationCreateParams::new()).await.unwrap();
    assert_eq!(response.request_id(), Some("req_200"));
    assert_eq!(response.rate_limit().remaining_requests, Some(9));
    server.finish_after(2);
}

// ---------------------------------------------------------------------------------------------
// Extra headers, query parameters and body fields
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn extra_headers_query_and_body_reach_the_server() {
    let server = Server::start(vec![Reply::json(200, conversation_body()), Reply::json(200, conversation_body())]);
    let client = client(&format!("{}?api-version=1", server.base_url)).with_project("proj_config");
    let create: ConversationCreateParams = serde_json::from_value(json!({
        "items": [{"type": "message", "role": "user", "content": "Hello!"}],
        "metadata": {"topic": "demo"}
    }))
    .unwrap();
    let options = RequestOptions::new()
        .with_extra_header("X-Trace", "trace-1")
        .with_extra_header("OpenAI-Project", "proj_call")
        .with_extra_header("User-Agent", "my-app/3")
        .with_extra_query("debug", "a b&c")
        .with_extra_body("metadata", json!({"owner": "me"}))
        .with_extra_body("store", false);
    let conversation = client.send_with(&create, &options).await.unwrap();
    assert_eq!(conversation.id, "conv_abc");

    let received = server.next();
    assert_sent_as_built_with(&received, &create, client.config(), &options);
    assert_eq!(received.target, "/v1/conversations?api-version=1&debug=a%20b%26c");
    assert_eq!(received.header("x-trace"), Some("trace-1"));
    assert_eq!(received.header("openai-project"), Some("proj_call"));
    assert_eq!(received.header("user-agent"), Some("my-app/3"));
    assert_eq!(received.headers.iter().filter(|(name, _)| name == "openai-project").count(), 1);
    assert_eq!(received.header("authorization"), Some(format!("Bearer {KEY}").as_str()));
    // The extra `metadata` replaced the body's whole (its `topic` is gone); `store` was added; the
    // rest is untouched.
    assert_eq!(
        serde_json::from_slice::<Value>(&received.body).unwrap(),
        json!({
            "items": [{"type": "message", "role": "user", "content": "Hello!"}],
            "metadata": {"owner": "me"},
            "store": false
        })
    );

    // The next call without options sends none of it.
    client.send(&create).await.unwrap();
    let received = server.next();
    assert_sent_as_built(&received, &create, client.config());
    assert_eq!(received.header("x-trace"), None);
    assert_eq!(received.header("openai-project"), Some("proj_config"));
    server.finish();
}

#[tokio::test]
async fn an_invalid_extra_header_is_an_error_value() {
    // Nothing listens on port 1: a request that were sent would be a transport error.
    let client = client("http://127.0.0.1:1/v1");
    for (name, value) in [("bad header", "x"), ("X-Note", "a\nb"), ("Authorization", "Bearer sk-other")] {
        let options = RequestOptions::new().with_extra_header(name, value);
        let error = client.send_with(&ConversationCreateParams::new(), &options).await.unwrap_err();
        assert!(matches!(error, ApiError::Request(_)), "{name}: {error:?}");
        assert!(!format!("{error} {error:?}").contains("sk-other"), "{error:?}");
    }
    let options = RequestOptions::new().with_extra_body("x", 1);
    let error = client.send_with_response_and_options(&ListItems::sample(), &options).await.unwrap_err();
    assert!(matches!(error, ApiError::Request(_)) && error.to_string().contains("has no body"), "{error:?}");
}

#[tokio::test]
async fn credential_extra_headers_are_sent_but_never_shown() {
    const AZURE_KEY: &str = "azure-key-5e6f7a8b9c0d1e2f";
    let echo = Reply::json(401, json!({"error": {"message": format!("bad api-key {AZURE_KEY}"), "code": "invalid"}}))
        .header("x-echo", AZURE_KEY);
    let server = Server::start(vec![echo]);
    let options = RequestOptions::new().with_extra_header("api-key", AZURE_KEY);
    let error = client(&server.base_url).send_with(&ConversationCreateParams::new(), &options).await.unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::UNAUTHORIZED));
    let shown = everything_shown(&error);
    assert_no_piece_of(AZURE_KEY, &shown);
    assert_eq!(error.meta().unwrap().headers["x-echo"], "<redacted>");
    assert_eq!(server.next().header("api-key"), Some(AZURE_KEY));
    server.finish();
}

#[tokio::test]
async fn api_errors_are_typed() {
    let rate_limited = Reply::json(
        429,
        json!({"error": {"message": "Rate limit reached for requests", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}),
    )
    .header("retry-after-ms", "250")
    .header("x-ratelimit-remaining-requests", "0")
    .header("x-ratelimit-reset-requests", "250ms");
    let server_error = Reply::json(
        500,
        json!({"error": {"message": "The server had an error while processing your request.", "type": "server_error", "param": null, "code": null}}),
    );
    let server = Server::start(vec![rate_limited, server_error]);
    let client = client(&server.base_url);

    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    assert!(error.is_rate_limited() && error.is_retryable(), "{error:?}");
    assert_eq!(error.status(), Some(http::StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(error.request_id(), Some("req_429"));
    assert_eq!(error.retry_after(), Some(Duration::from_millis(250)));
    assert_eq!(error.code(), Some("rate_limit_exceeded"));
    let rate_limit = error.rate_limit().unwrap();
    assert_eq!(rate_limit.remaining_requests, Some(0));
    assert_eq!(rate_limit.reset_requests.as_deref(), Some("250ms"));
    let ApiError::Api(api) = &error else { panic!("{error:?}") };
    assert_eq!(api.error.message, "Rate limit reached for requests");
    assert_eq!(api.error.error_type.as_deref(), Some("requests"));
    server.next();

    let error = client.send(&InputTokenCountParams::new()).await.unwrap_err();
    assert!(error.is_server_error() && error.is_retryable(), "{error:?}");
    assert_eq!(error.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(error.request_id(), Some("req_500"));
    assert_eq!(error.api_error().unwrap().error_type.as_deref(), Some("server_error"));
    assert!(error.to_string().contains("The server had an error"), "{error}");
    server.next();
    server.finish();
}

#[tokio::test]
async fn bodies_that_are_not_the_response_are_typed_errors() {
    let server = Server::start(vec![
        Reply::raw(200, "text/html", b"<html>maintenance</html>"),
        // Data the types cannot hold: a repeated key (a wrong JSON type would be kept, not rejected).
        Reply::raw(
            200,
            "application/json",
            br#"{"id": "conv_1", "object": "conversation", "created_at": 1, "metadata": {"a": "x", "a": "y"}}"#,
        )
        .header("x-request-id", "req_200"),
        Reply::raw(502, "text/html", b"<html>Bad Gateway</html>"),
    ]);
    let client = client(&server.base_url);

    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    let ApiError::Decode(decode) = &error else { panic!("{error:?}") };
    assert_eq!(decode.category, DecodeErrorCategory::Syntax);
    assert_eq!(decode.snippet, "<html>maintenance</html>");
    assert_eq!(error.status(), Some(http::StatusCode::OK));

    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    let ApiError::Decode(decode) = &error else { panic!("{error:?}") };
    assert_eq!(decode.category, DecodeErrorCategory::Data);
    assert_eq!(decode.path, "metadata");
    assert_eq!(error.request_id(), Some("req_200"));

    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    let ApiError::Status(status) = &error else { panic!("{error:?}") };
    assert_eq!(status.meta.status, http::StatusCode::BAD_GATEWAY);
    assert_eq!(status.snippet, "<html>Bad Gateway</html>");
    assert!(error.is_retryable());

    server.finish_after(3);
}

#[tokio::test]
async fn a_server_echoing_the_key_does_not_leak_it_into_errors() {
    let server = Server::start(vec![
        Reply::json(
            401,
            json!({"error": {"message": format!("Incorrect API key provided: {KEY}"), "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}),
        ),
        Reply::raw(403, "text/plain", format!("forbidden for {KEY}").as_bytes()),
    ]);
    let client = client(&server.base_url);
    for _ in 0..2 {
        let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains(KEY), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        server.next();
    }
    server.finish();
}

#[tokio::test]
async fn timeouts_are_transport_errors() {
    let mut slow = Reply::json(200, conversation_body());
    slow.delay = Duration::from_secs(1);
    let server = Server::start(vec![slow]);
    let client = client(&server.base_url).with_timeout(Duration::from_millis(200));
    assert_eq!(client.timeout(), Duration::from_millis(200));

    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    assert!(matches!(error, ApiError::Transport(_)), "{error:?}");
    assert!(error.is_timeout() && error.is_retryable(), "{error:?}");
    assert_eq!(error.status(), None);
    assert!(!format!("{error} {error:?}").contains(KEY));
    server.next();
    server.finish();
}

#[tokio::test]
async fn connection_failures_are_transport_errors() {
    // A port that was just free on 127.0.0.1: nothing listens there any more.
    let address = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let client = client(&format!("http://{address}/v1"));
    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    assert!(matches!(error, ApiError::Transport(_)), "{error:?}");
    assert!(error.is_connect() && error.is_retryable(), "{error:?}");
    assert!(std::error::Error::source(&error).is_some());
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(shown.contains(&address.to_string()), "{shown}");
}

#[tokio::test]
async fn an_invalid_base_url_is_a_request_error() {
    let error = client("127.0.0.1/v1").send(&ConversationCreateParams::new()).await.unwrap_err();
    assert!(matches!(error, ApiError::Request(_)), "{error:?}");
}

#[test]
fn the_client_debug_output_hides_the_key() {
    let client = Client::new(KEY)
        .with_organization("org-1")
        .with_project("proj-1")
        .with_base_url("http://127.0.0.1:1/v1")
        .with_timeout(Duration::from_secs(3));
    let debug = format!("{client:?} {client:#?}");
    assert!(!debug.contains(KEY), "{debug}");
    assert!(debug.contains("org-1") && debug.contains("proj-1") && debug.contains("127.0.0.1:1"), "{debug}");
    assert_eq!(client.config().api_key().expose_secret(), KEY);
}

#[tokio::test]
async fn resource_helpers_mirror_the_sdk_method_names() {
    let server = Server::start(vec![
        Reply::json(200, conversation_body()),
        Reply::json(200, json!({"object": "response.input_tokens", "input_tokens": 3})),
        Reply::json(200, compacted_body()),
    ]);
    let client = client(&server.base_url);

    let conversation = client.conversations().create(&ConversationCreateParams::new()).await.unwrap();
    assert_eq!(conversation.id, "conv_abc");
    assert_eq!(server.next().target, "/v1/conversations");

    let count = InputTokenCountParams::new().with_input("hi");
    assert_eq!(client.responses().input_tokens().count(&count).await.unwrap().input_tokens, 3);
    assert_eq!(server.next().target, "/v1/responses/input_tokens");

    let compacted = client.responses().compact(&ResponseCompactParams::new("gpt-5")).await.unwrap();
    assert_eq!(compacted.id, "resp_001");
    assert_eq!(server.next().target, "/v1/responses/compact");
    server.finish();
}

// ---------------------------------------------------------------------------------------------
// Secrets: no piece of the key or of the base URL's credentials in any text an error shows
// ---------------------------------------------------------------------------------------------

/// Everything an error shows: Display, Debug (both forms), and each source's Display and Debug.
fn everything_shown(error: &ApiError) -> String {
    let mut shown = format!("{error}\n{error:?}\n{error:#?}");
    let mut source = std::error::Error::source(error);
    while let Some(next) = source {
        shown.push_str(&format!("\n{next}\n{next:?}"));
        source = next.source();
    }
    shown
}

/// Asserts that no piece of 8 or more characters of `secret` appears in `shown`.
fn assert_no_piece_of(secret: &str, shown: &str) {
    for start in 0..=secret.len() - 8 {
        let piece = &secret[start..start + 8];
        assert!(!shown.contains(piece), "`{piece}` (at {start} of the secret) shows in:\n{shown}");
    }
}

/// A 168-character key, as the longer OpenAI keys are.
fn long_key() -> String {
    let key = format!("sk-proj-{}", (0..160).map(|i| char::from(b'A' + (i * 7 % 26) as u8)).collect::<String>());
    assert_eq!(key.len(), 168);
    key
}

#[tokio::test]
async fn a_key_echoed_across_the_snippet_cut_is_redacted_whole() {
    let key = long_key();
    // The key starts at character 400 of a 768-character body: the 512-character cut falls 112
    // characters into it.
    let body = format!("{}{key}{}", "x".repeat(400), "y".repeat(200));
    let server = Server::start(vec![
        Reply::raw(403, "text/plain", body.as_bytes()),
        Reply::raw(200, "text/html", body.as_bytes()),
        Reply::raw(502, "text/html", format!("{}{key}", "z".repeat(505)).as_bytes()),
    ]);
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let client = Client::new(key.as_str()).with_base_url(&server.base_url).with_http_client(http).with_max_retries(0);
    for expected in ["Status", "Decode", "Status"] {
        let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
        assert!(format!("{error:?}").starts_with(expected), "{error:?}");
        let shown = everything_shown(&error);
        assert_no_piece_of(&key, &shown);
        assert!(shown.contains("x<redacted>y") || shown.contains("z<redact…"), "{shown}");
        server.next();
    }
    server.finish();
}

#[tokio::test]
async fn partial_echoes_of_the_key_are_redacted() {
    let key = long_key();
    let (head, tail) = (&key[..14], &key[key.len() - 12..]);
    let middle = &key[60..90];
    let envelope = json!({"error": {
        "message": format!("Incorrect API key provided: {head}…{tail}. You can find your API key at …"),
        "type": "invalid_request_error",
        "param": middle,
        "code": "invalid_api_key",
        format!("key_{head}"): [format!("…{tail}"), {"nested": middle}],
    }});
    let server = Server::start(vec![
        Reply::json(401, envelope).header("x-request-id", &format!("req_{middle}")),
        Reply::raw(401, "text/plain", format!("bad key {head}*****{tail}").as_bytes()),
        Reply::raw(
            200,
            "application/json",
            format!(r#"{{"id": "c", "object": "conversation", "created_at": 1, "metadata": {{"{head}": "x", "{head}": "y"}}}}"#)
                .as_bytes(),
        ),
    ]);
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let client = Client::new(key.as_str()).with_base_url(&server.base_url).with_http_client(http);
    for _ in 0..3 {
        let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
        let shown = everything_shown(&error);
        assert_no_piece_of(&key, &shown);
        assert!(shown.contains("<redacted>"), "{shown}");
        server.next();
    }
    server.finish();
}

const PROXY_USER: &str = "proxy-user-7c1d";
const PROXY_PASSWORD: &str = "hunter2-correct-horse-battery";

#[test]
fn url_credentials_never_show_in_debug_output() {
    let base_url = format!("http://{PROXY_USER}:{PROXY_PASSWORD}@127.0.0.1:1/v1");
    let client = Client::new(KEY).with_base_url(&base_url);
    let config = client.config().clone();
    let debug = format!("{client:?} {client:#?} {config:?} {config:#?}");
    assert_no_piece_of(PROXY_PASSWORD, &debug);
    assert_no_piece_of(PROXY_USER, &debug);
    assert_no_piece_of(KEY, &debug);
    assert!(debug.contains("http://<redacted>@127.0.0.1:1/v1"), "{debug}");
    // The configuration still holds them, to send.
    assert_eq!(client.config().base_url(), base_url);
}

#[tokio::test]
async fn url_credentials_never_show_in_transport_errors() {
    // A port that was just free on 127.0.0.1: nothing listens there any more.
    let address = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let client = client(&format!("http://{PROXY_USER}:{PROXY_PASSWORD}@{address}/v1"));
    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    assert!(error.is_connect(), "{error:?}");
    let shown = everything_shown(&error);
    assert_no_piece_of(PROXY_PASSWORD, &shown);
    assert_no_piece_of(PROXY_USER, &shown);
    assert_no_piece_of(KEY, &shown);
    // The rest of the URL still says where it went, and reqwest's error is still the source.
    assert!(shown.contains(&format!("{address}/v1/conversations")), "{shown}");
    let source = std::error::Error::source(&error).unwrap();
    assert!(source.downcast_ref::<reqwest::Error>().is_some(), "{source:?}");
}

#[tokio::test]
async fn a_server_echoing_url_credentials_does_not_leak_them() {
    let server = Server::start(vec![Reply::raw(
        407,
        "text/plain",
        format!("proxy auth failed for {PROXY_USER}:{PROXY_PASSWORD} at http://{PROXY_USER}:{PROXY_PASSWORD}@x/")
            .as_bytes(),
    )]);
    let base_url = server.base_url.replace("http://", &format!("http://{PROXY_USER}:{PROXY_PASSWORD}@"));
    let error = client(&base_url).send(&ConversationCreateParams::new()).await.unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::PROXY_AUTHENTICATION_REQUIRED));
    let shown = everything_shown(&error);
    assert_no_piece_of(PROXY_PASSWORD, &shown);
    assert_no_piece_of(PROXY_USER, &shown);
    server.next();
    server.finish();
}

// ---------------------------------------------------------------------------------------------
// Response size
// ---------------------------------------------------------------------------------------------

#[test]
fn the_default_response_limit_is_documented() {
    assert_eq!(Client::new(KEY).max_response_bytes(), openai_types::client::DEFAULT_MAX_RESPONSE_BYTES);
    assert_eq!(openai_types::client::DEFAULT_MAX_RESPONSE_BYTES, 64 * 1024 * 1024);
}

#[tokio::test]
async fn a_body_over_the_limit_stops_being_read() {
    // 16 KiB chunks, up to 256 MiB, without Content-Length: the body ends when the connection
    // closes, so only counting what arrives can stop it.
    let mut endless = Reply::raw(200, "application/json", &[b' '; 16 * 1024]);
    endless.repeat = 16 * 1024;
    endless.content_length = false;
    let server = Server::start(vec![endless]);
    let client = client(&server.base_url).with_max_response_bytes(64 * 1024);
    let started = std::time::Instant::now();
    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    let ApiError::BodyTooLarge(too_large) = &error else { panic!("{error:?}") };
    assert_eq!(too_large.limit, 64 * 1024);
    assert!(too_large.read > 64 * 1024 && too_large.read <= 64 * 1024 + 1024 * 1024, "{error}");
    assert_eq!(too_large.content_length, None);
    assert_eq!(error.status(), Some(http::StatusCode::OK));
    let text = error.to_string();
    assert!(text.contains("65536 bytes") && text.contains(&format!("{} bytes read", too_large.read)), "{text}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    server.next();
    // The server stops when the client hangs up, long before its 256 MiB; the runtime must keep
    // running meanwhile, as the connection is closed by one of its tasks.
    drop(client);
    tokio::task::spawn_blocking(move || server.finish()).await.unwrap();
}

#[tokio::test]
async fn a_content_length_over_the_limit_is_refused_before_reading() {
    let big = Reply::raw(500, "text/plain", &[b'x'; 100_000]).header("x-request-id", "req_big");
    let server = Server::start(vec![big]);
    let client = client(&server.base_url).with_max_response_bytes(1000);
    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    let ApiError::BodyTooLarge(too_large) = &error else { panic!("{error:?}") };
    assert_eq!((too_large.limit, too_large.read, too_large.content_length), (1000, 0, Some(100_000)));
    assert_eq!(error.request_id(), Some("req_big"));
    assert_eq!(error.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    let text = error.to_string();
    assert!(text.contains("limit of 1000 bytes") && text.contains("Content-Length 100000"), "{text}");
    server.next();
    server.finish();
}

#[tokio::test]
async fn a_body_at_the_limit_is_read() {
    let body = serde_json::to_vec(&conversation_body()).unwrap();
    let server = Server::start(vec![Reply::raw(200, "application/json", &body)]);
    let client = client(&server.base_url).with_max_response_bytes(body.len() as u64);
    assert_eq!(client.send(&ConversationCreateParams::new()).await.unwrap().id, "conv_abc");
    server.next();
    server.finish();
}

// ---------------------------------------------------------------------------------------------
// Retries, timeouts, User-Agent
// ---------------------------------------------------------------------------------------------

/// A server that accepts connections but never answers, until it is stopped (or 5 s passed).
struct Silent {
    base_url: String,
    stop: mpsc::Sender<()>,
    thread: thread::JoinHandle<usize>,
}

impl Silent {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = thread::spawn(move || {
            let deadline = std::time::Instant::now() + Duration::from_secs(5);
            // Held open, unanswered.
            let mut connections = Vec::new();
            while stopped.try_recv() == Err(mpsc::TryRecvError::Empty) && std::time::Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => connections.push(stream),
                    Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {
                        thread::sleep(Duration::from_millis(5))
                    }
                    Err(error) => panic!("{error}"),
                }
            }
            connections.len()
        });
        Self { base_url, stop, thread }
    }

    /// Stops the server; how many connections it accepted.
    fn stop(self) -> usize {
        self.stop.send(()).unwrap();
        self.thread.join().unwrap()
    }
}

#[test]
fn the_defaults_are_those_of_the_python_sdk() {
    let client = Client::new(KEY);
    assert_eq!(client.timeout(), Duration::from_secs(600));
    assert_eq!(client.max_retries(), 2);
    assert_eq!(client.user_agent(), format!("openai-types/{}", env!("CARGO_PKG_VERSION")));
    assert_eq!(client.user_agent(), openai_types::client::DEFAULT_USER_AGENT);
}

#[tokio::test]
async fn a_rate_limit_then_success_takes_two_requests() {
    let rate_limited =
        Reply::json(429, json!({"error": {"message": "Slow down", "type": "requests", "code": "rate_limit_exceeded"}}))
            .header("retry-after-ms", "10");
    let server = Server::start(vec![rate_limited, Reply::json(200, conversation_body())]);
    let client = retrying_client(&server.base_url);
    let create = ConversationCreateParams::new().with_metadata(
        [("topic".to_owned(), "retry".to_owned())].into_iter().collect::<std::collections::BTreeMap<_, _>>(),
    );
    let conversation = client.send(&create).await.unwrap();
    assert_eq!(conversation.id, "conv_abc");
    let (first, second) = (server.next(), server.next());
    assert_sent_as_built(&first, &create, client.config());
    assert_sent_as_built(&second, &create, client.config());
    assert_eq!((first.body, first.target), (second.body, second.target));
    server.finish();
}

#[tokio::test]
async fn no_retries_gives_the_429() {
    let rate_limited = Reply::json(429, json!({"error": {"message": "Slow down", "code": "rate_limit_exceeded"}}))
        .header("retry-after-ms", "10");
    // One reply only: a retry would find nobody listening and fail otherwise.
    let server = Server::start(vec![rate_limited]);
    let client = retrying_client(&server.base_url).with_max_retries(0);
    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    assert!(error.is_rate_limited(), "{error:?}");
    assert_eq!(error.retry_after(), Some(Duration::from_millis(10)));
    server.next();
    server.finish();

    // The same for one call of a retrying client.
    let server = Server::start(vec![Reply::json(503, json!({"error": {"message": "busy"}}))]);
    let options = RequestOptions::new().with_max_retries(0);
    let error =
        retrying_client(&server.base_url).send_with(&ConversationCreateParams::new(), &options).await.unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    server.next();
    server.finish();
}

#[tokio::test]
async fn retries_stop_at_the_limit_and_give_the_last_error() {
    let busy = |n: u32| {
        Reply::json(500 + n as u16, json!({"error": {"message": format!("busy {n}")}})).header("retry-after-ms", "1")
    };
    let server = Server::start(vec![busy(0), busy(2), busy(3)]);
    let error = retrying_client(&server.base_url).send(&ConversationCreateParams::new()).await.unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE), "{error}");
    server.finish_after(3);
}

#[tokio::test]
async fn errors_a_retry_cannot_fix_are_not_retried() {
    let server = Server::start(vec![
        Reply::json(400, json!({"error": {"message": "bad", "type": "invalid_request_error"}})),
        Reply::json(429, json!({"error": {"message": "quota", "code": "insufficient_quota"}}))
            .header("retry-after-ms", "1"),
        Reply::json(200, conversation_body()),
    ]);
    let client = retrying_client(&server.base_url);
    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::BAD_REQUEST));
    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    assert_eq!(error.code(), Some("insufficient_quota"));
    // Each was one request: the third reply answers the next call.
    assert_eq!(client.send(&ConversationCreateParams::new()).await.unwrap().id, "conv_abc");
    server.finish_after(3);
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_is_retried() {
    let server = Server::start(vec![Reply::hang_up(), Reply::json(200, conversation_body())]);
    let conversation = retrying_client(&server.base_url).send(&ConversationCreateParams::new()).await.unwrap();
    assert_eq!(conversation.id, "conv_abc");
    server.next();
    server.next();
    server.finish();
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = Silent::start();
    let client = client(&server.base_url).with_timeout(Duration::from_millis(150));
    let started = std::time::Instant::now();
    let error = client.send(&ConversationCreateParams::new()).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(server.stop(), 1);
}

#[tokio::test]
async fn a_timeout_for_one_call_overrides_the_clients() {
    let server = Silent::start();
    // The client keeps its 600 s; this call has 150 ms per attempt and one retry.
    let client = retrying_client(&server.base_url);
    let options = RequestOptions::new().with_timeout(Duration::from_millis(150)).with_max_retries(1);
    let started = std::time::Instant::now();
    let error = client.send_with(&ConversationCreateParams::new(), &options).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    let elapsed = started.elapsed();
    // Two attempts and a wait of 0.375–0.5 s between them.
    assert!(elapsed >= Duration::from_millis(600) && elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert_eq!(server.stop(), 2);
}

#[tokio::test]
async fn the_user_agent_names_the_crate_and_can_be_changed() {
    let server = Server::start(vec![Reply::json(200, conversation_body()), Reply::json(200, conversation_body())]);
    client(&server.base_url).send(&ConversationCreateParams::new()).await.unwrap();
    let expected = format!("openai-types/{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(server.next().header("user-agent"), Some(expected.as_str()));
    client(&server.base_url).with_user_agent("my-app/2.0").send(&ConversationCreateParams::new()).await.unwrap();
    assert_eq!(server.next().header("user-agent"), Some("my-app/2.0"));
    server.finish();

    let error = client("http://127.0.0.1:1/v1")
        .with_user_agent("bad\nagent")
        .send(&ConversationCreateParams::new())
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Request(_)) && error.to_string().contains("User-Agent"), "{error:?}");
}
