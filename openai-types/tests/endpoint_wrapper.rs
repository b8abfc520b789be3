//! The HTTP wrapper without any HTTP client: the requests `build_request` makes for each
//! operation, and what `parse_response` makes of bodies and error responses.

use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::StatusCode;
use openai_types::api::{
    build_request_with, parse_response_redacted, parse_response_with_meta, parse_response_with_meta_redacted, ApiKey,
    DecodeErrorCategory, RateLimit, Redactor, RequestOptions, ResponseMeta,
};
use openai_types::runtime::endpoint::{encode_path_segment, param_text};
use openai_types::runtime::Endpoint;
use openai_types::{
    build_request, parse_response, ApiConfig, ApiError, CompactedResponse, Conversation, ConversationCreateParams,
    InputTokenCountParams, InputTokenCountResponse, ResponseCompactParams,
};
use serde_json::{json, Value};

const KEY: &str = "sk-test-0123456789abcdefSECRET";

fn config() -> ApiConfig {
    ApiConfig::new(KEY)
}

/// The request's headers as sorted `(name, value)` text pairs.
fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> =
        headers.iter().map(|(name, value)| (name.as_str().to_owned(), value.to_str().unwrap().to_owned())).collect();
    pairs.sort();
    pairs
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = items.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
    pairs.sort();
    pairs
}

fn body_json(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap()
}

fn headers(items: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in items {
        map.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
    }
    map
}

// ---------------------------------------------------------------------------------------------
// Building requests
// ---------------------------------------------------------------------------------------------

#[test]
fn create_conversation_request() {
    let params: ConversationCreateParams = serde_json::from_value(json!({
        "items": [{"type": "message", "role": "user", "content": "Hello!"}],
        "metadata": {"topic": "demo"}
    }))
    .unwrap();
    let request = build_request(&params, &config()).unwrap();

    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "https://api.openai.com/v1/conversations");
    assert_eq!(
        header_pairs(request.headers()),
        pairs(&[("authorization", &format!("Bearer {KEY}")), ("content-type", "application/json")])
    );
    assert!(request.headers()["authorization"].is_sensitive());
    assert_eq!(
        body_json(request.body()),
        json!({
            "items": [{"type": "message", "role": "user", "content": "Hello!"}],
            "metadata": {"topic": "demo"}
        })
    );
}

#[test]
fn empty_create_conversation_request_has_an_empty_object_body() {
    let request = build_request(&ConversationCreateParams::new(), &config()).unwrap();
    assert_eq!(request.body().as_slice(), b"{}");
    assert_eq!(request.headers()["content-type"], "application/json");
}

#[test]
fn count_input_tokens_request_with_organization_and_project() {
    let params = InputTokenCountParams::new().with_model("gpt-5").with_input("Tell me a joke.");
    let config = config().with_organization("org-123").with_project("proj_456");
    let request = build_request(&params, &config).unwrap();

    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "https://api.openai.com/v1/responses/input_tokens");
    assert_eq!(
        header_pairs(request.headers()),
        pairs(&[
            ("authorization", &format!("Bearer {KEY}")),
            ("content-type", "application/json"),
            ("openai-organization", "org-123"),
            ("openai-project", "proj_456"),
        ])
    );
    assert_eq!(body_json(request.body()), json!({"model": "gpt-5", "input": "Tell me a joke."}));
}

#[test]
fn compact_response_request() {
    let params =
        ResponseCompactParams::new("gpt-5").with_previous_response_id("resp_123").with_instructions("Be brief.");
    let request = build_request(&params, &config().with_base_url("http://127.0.0.1:8080/v1/")).unwrap();

    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "http://127.0.0.1:8080/v1/responses/compact");
    assert_eq!(
        header_pairs(request.headers()),
        pairs(&[("authorization", &format!("Bearer {KEY}")), ("content-type", "application/json")])
    );
    assert_eq!(
        body_json(request.body()),
        json!({"model": "gpt-5", "previous_response_id": "resp_123", "instructions": "Be brief."})
    );
}

#[test]
fn operations_describe_themselves() {
    assert_eq!(<ConversationCreateParams as Endpoint>::OPERATION_ID, "createConversation");
    assert_eq!(<InputTokenCountParams as Endpoint>::OPERATION_ID, "countInputTokens");
    assert_eq!(<ResponseCompactParams as Endpoint>::OPERATION_ID, "compactResponse");
    assert_eq!(<ResponseCompactParams as Endpoint>::PATH_TEMPLATE, "/responses/compact");
}

#[test]
fn a_query_string_in_the_base_url_is_kept() {
    let config = config().with_base_url("https://example.invalid/openai/?api-version=2025-01-01");
    let request = build_request(&ConversationCreateParams::new(), &config).unwrap();
    assert_eq!(request.uri(), "https://example.invalid/openai/conversations?api-version=2025-01-01");

    let request = build_request(&ItemsGet::sample(), &config).unwrap();
    assert_eq!(
        request.uri().query(),
        Some(
            "api-version=2025-01-01&include=message.output_text.logprobs&include=a%26b%3Dc%20d%2Be&limit=20&order=asc"
        )
    );
}

/// A hand-written operation with path, query and header parameters, as the generator writes them:
/// `GET /conversations/{conversation_id}/items/{item_id}`.
struct ItemsGet {
    conversation_id: String,
    item_id: String,
    include: Vec<String>,
    limit: Option<i64>,
    order: Option<String>,
    beta: Option<String>,
}

impl ItemsGet {
    fn sample() -> Self {
        Self {
            conversation_id: "conv/../ 1?x#y".into(),
            item_id: "msg_é".into(),
            include: vec!["message.output_text.logprobs".into(), "a&b=c d+e".into()],
            limit: Some(20),
            order: Some("asc".into()),
            beta: None,
        }
    }
}

impl Endpoint for ItemsGet {
    type Response = Conversation;
    type Body = ();
    const METHOD: &'static str = "GET";
    const OPERATION_ID: &'static str = "getConversationItem";
    const PATH_TEMPLATE: &'static str = "/conversations/{conversation_id}/items/{item_id}";

    fn path(&self) -> String {
        format!(
            "/conversations/{}/items/{}",
            encode_path_segment(&self.conversation_id),
            encode_path_segment(&self.item_id)
        )
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query: Vec<(&'static str, String)> =
            self.include.iter().map(|value| ("include", value.clone())).collect();
        if let Some(limit) = &self.limit {
            query.push(("limit", param_text(limit)));
        }
        if let Some(order) = &self.order {
            query.push(("order", param_text(order)));
        }
        query
    }

    fn headers(&self) -> Vec<(&'static str, String)> {
        self.beta.iter().map(|value| ("OpenAI-Beta", value.clone())).collect()
    }

    fn body(&self) -> Option<&()> {
        None
    }
}

#[test]
fn path_query_and_header_parameters_are_encoded() {
    let mut endpoint = ItemsGet::sample();
    endpoint.beta = Some("conversations=v1".into());
    let request = build_request(&endpoint, &config().with_project("proj_1")).unwrap();

    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri(),
        "https://api.openai.com/v1/conversations/conv%2F..%2F%201%3Fx%23y/items/msg_%C3%A9\
         ?include=message.output_text.logprobs&include=a%26b%3Dc%20d%2Be&limit=20&order=asc"
    );
    assert_eq!(request.uri().path(), "/v1/conversations/conv%2F..%2F%201%3Fx%23y/items/msg_%C3%A9");
    // No body: no Content-Type, an empty body.
    assert_eq!(
        header_pairs(request.headers()),
        pairs(&[
            ("authorization", &format!("Bearer {KEY}")),
            ("openai-beta", "conversations=v1"),
            ("openai-project", "proj_1"),
        ])
    );
    assert!(request.body().is_empty());
}

#[test]
fn operation_headers_take_precedence_over_the_configuration() {
    struct WithProject;
    impl Endpoint for WithProject {
        type Response = Conversation;
        type Body = ();
        const METHOD: &'static str = "DELETE";
        const OPERATION_ID: &'static str = "deleteThing";
        const PATH_TEMPLATE: &'static str = "/things";
        fn path(&self) -> String {
            "/things".into()
        }
        fn headers(&self) -> Vec<(&'static str, String)> {
            vec![("OpenAI-Project", "proj_override".into())]
        }
        fn body(&self) -> Option<&()> {
            None
        }
    }
    let request = build_request(&WithProject, &config().with_project("proj_config")).unwrap();
    assert_eq!(request.method(), http::Method::DELETE);
    assert_eq!(request.headers().get_all("openai-project").iter().collect::<Vec<_>>(), ["proj_override"]);
}

#[test]
fn invalid_header_values_are_request_errors() {
    let mut endpoint = ItemsGet::sample();
    endpoint.beta = Some("bad\r\nInjected: yes".into());
    let error = build_request(&endpoint, &config()).unwrap_err();
    assert!(matches!(error, ApiError::Request(_)), "{error:?}");
    assert!(error.to_string().contains("OpenAI-Beta"), "{error}");
    assert_eq!(error.status(), None);

    let error = build_request(&ConversationCreateParams::new(), &config().with_organization("org\n1")).unwrap_err();
    assert!(error.to_string().contains("OpenAI-Organization"), "{error}");
}

#[test]
fn invalid_base_urls_are_request_errors() {
    for base in ["api.openai.com/v1", "", "http://exa mple.com/v1"] {
        let error = build_request(&ConversationCreateParams::new(), &config().with_base_url(base)).unwrap_err();
        assert!(matches!(error, ApiError::Request(_)), "{base:?}: {error:?}");
        assert!(!error.to_string().contains(KEY));
    }
}

#[test]
fn an_api_key_that_is_not_a_header_value_is_an_error_that_does_not_show_it() {
    let key = "sk-secret\nsecond-line";
    let error = build_request(&ConversationCreateParams::new(), &ApiConfig::new(key)).unwrap_err();
    assert!(matches!(error, ApiError::Request(_)));
    assert!(error.to_string().contains("API key"), "{error}");
    assert!(!error.to_string().contains("sk-secret"));
    assert!(!format!("{error:?}").contains("sk-secret"));
}

#[test]
fn body_serialization_errors_are_request_errors() {
    struct Broken;
    /// A body whose serialization fails, as a map with non-string keys would.
    struct Unserializable;
    impl serde::Serialize for Unserializable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("map key must be a string"))
        }
    }
    impl Endpoint for Broken {
        type Response = Conversation;
        type Body = Unserializable;
        const METHOD: &'static str = "POST";
        const OPERATION_ID: &'static str = "broken";
        const PATH_TEMPLATE: &'static str = "/broken";
        fn path(&self) -> String {
            "/broken".into()
        }
        fn body(&self) -> Option<&Unserializable> {
            Some(&Unserializable)
        }
    }
    let error = build_request(&Broken, &config()).unwrap_err();
    assert!(matches!(error, ApiError::Request(_)));
    assert!(error.to_string().contains("broken") && error.to_string().contains("map key"), "{error}");
}

// ---------------------------------------------------------------------------------------------
// Extra headers, query parameters and body fields
// ---------------------------------------------------------------------------------------------

#[test]
fn no_extras_build_the_same_request() {
    let params = InputTokenCountParams::new().with_model("gpt-5").with_input("Hi");
    let plain = build_request(&params, &config()).unwrap();
    let with = build_request_with(&params, &config(), &RequestOptions::new()).unwrap();
    assert_eq!((plain.uri(), plain.headers(), plain.body()), (with.uri(), with.headers(), with.body()));
}

#[test]
fn extra_headers_and_query_parameters_are_applied() {
    let mut endpoint = ItemsGet::sample();
    endpoint.beta = Some("conversations=v1".into());
    let config = config().with_project("proj_config").with_base_url("https://example.invalid/v1?api-version=1");
    let options = RequestOptions::new()
        .with_extra_header("OpenAI-Beta", "conversations=v2")
        .with_extra_header("openai-project", "proj_call")
        .with_extra_header("X-Trace", "one")
        .with_extra_header("x-trace", "two")
        .with_extra_query("limit", "5")
        .with_extra_query("debug key", "a&b=c é");
    let request = build_request_with(&endpoint, &config, &options).unwrap();

    // After the base URL's query and the operation's own, encoded the same way; a name the
    // operation sends (`limit`) is sent again.
    assert_eq!(
        request.uri().query(),
        Some(
            "api-version=1&include=message.output_text.logprobs&include=a%26b%3Dc%20d%2Be&limit=20&order=asc\
             &limit=5&debug%20key=a%26b%3Dc%20%C3%A9"
        )
    );
    // Extra headers replace the operation's and the configuration's; two of a name are both sent.
    assert_eq!(
        header_pairs(request.headers()),
        pairs(&[
            ("authorization", &format!("Bearer {KEY}")),
            ("openai-beta", "conversations=v2"),
            ("openai-project", "proj_call"),
            ("x-trace", "one"),
            ("x-trace", "two"),
        ])
    );
    assert!(!request.headers()["x-trace"].is_sensitive());
    assert!(request.body().is_empty());
}

#[test]
fn extra_body_fields_are_merged_into_the_body_and_replace_its_own() {
    let params: InputTokenCountParams = serde_json::from_value(json!({
        "model": "gpt-5",
        "input": "Tell me a joke.",
        "text": {"format": {"type": "text"}, "verbosity": "low"}
    }))
    .unwrap();
    let options = RequestOptions::new()
        .with_extra_body("model", "gpt-5-mini")
        // A field is replaced whole, not merged into: `verbosity` goes.
        .with_extra_body("text", json!({"format": {"type": "json_object"}}))
        .with_extra_body("future_option", json!({"level": 2}))
        .with_extra_body("store", true)
        // A later extra field of a name replaces an earlier one.
        .with_extra_body("store", false);
    let request = build_request_with(&params, &config(), &options).unwrap();
    assert_eq!(
        body_json(request.body()),
        json!({
            "model": "gpt-5-mini",
            "input": "Tell me a joke.",
            "text": {"format": {"type": "json_object"}},
            "future_option": {"level": 2},
            "store": false
        })
    );
    assert_eq!(request.headers()["content-type"], "application/json");
}

#[test]
fn extra_body_fields_need_a_json_object_body() {
    let options = RequestOptions::new().with_extra_body("x", 1);
    // An operation without a body.
    let error = build_request_with(&ItemsGet::sample(), &config(), &options).unwrap_err();
    assert!(matches!(error, ApiError::Request(_)), "{error:?}");
    assert!(error.to_string().contains("getConversationItem has no body"), "{error}");

    // A body that is not an object.
    struct ListBody(Vec<i64>);
    impl Endpoint for ListBody {
        type Response = Value;
        type Body = Vec<i64>;
        const METHOD: &'static str = "POST";
        const OPERATION_ID: &'static str = "postList";
        const PATH_TEMPLATE: &'static str = "/list";
        fn path(&self) -> String {
            "/list".into()
        }
        fn body(&self) -> Option<&Vec<i64>> {
            Some(&self.0)
        }
    }
    let error = build_request_with(&ListBody(vec![1]), &config(), &options).unwrap_err();
    assert!(matches!(error, ApiError::Request(_)), "{error:?}");
    assert!(error.to_string().contains("the body of postList is an array, not a JSON object"), "{error}");
    // Without extra body fields both are fine.
    assert_eq!(build_request(&ListBody(vec![1]), &config()).unwrap().body().as_slice(), b"[1]");
}

#[test]
fn invalid_extra_headers_are_request_errors() {
    let cases = [
        (RequestOptions::new().with_extra_header("bad header", "x"), "`bad header` is not a valid HTTP header name"),
        (RequestOptions::new().with_extra_header("", "x"), "`` is not a valid HTTP header name"),
        (
            RequestOptions::new().with_extra_header("X-Note", "line\r\nInjected: yes"),
            "the value of header `X-Note` is not a valid HTTP header value",
        ),
        (RequestOptions::new().with_extra_header("Authorization", "Bearer sk-other"), "cannot set `Authorization`"),
        (RequestOptions::new().with_extra_header("AUTHORIZATION", "Bearer sk-other"), "cannot set `Authorization`"),
    ];
    for (options, expected) in cases {
        let error = build_request_with(&ConversationCreateParams::new(), &config(), &options).unwrap_err();
        assert!(matches!(error, ApiError::Request(_)), "{error:?}");
        let shown = format!("{error} {error:?}");
        assert!(shown.contains(expected), "{shown}");
        assert!(!shown.contains("Injected") && !shown.contains("sk-other"), "values are never shown: {shown}");
    }
}

#[test]
fn extra_header_values_holding_secrets_are_sensitive_and_never_shown() {
    let options = RequestOptions::new()
        .with_extra_header("X-Upstream-Auth", format!("Bearer {KEY}"))
        .with_extra_header("api-key", "azure-secret-4f3e2d1c0b")
        .with_extra_header("X-Proxy", "http://user:proxy-pass@proxy.example")
        .with_extra_header("X-Trace", "trace-1");
    let request = build_request_with(&ConversationCreateParams::new(), &config(), &options).unwrap();
    let sent = request.headers();
    assert!(sent["x-upstream-auth"].is_sensitive());
    assert!(sent["api-key"].is_sensitive());
    assert!(sent["x-proxy"].is_sensitive());
    assert!(!sent["x-trace"].is_sensitive());
    // Sent as given.
    assert_eq!(sent["api-key"], "azure-secret-4f3e2d1c0b");

    let shown = format!("{request:?} {options:?} {options:#?}");
    for secret in [KEY, "azure-secret-4f3e2d1c0b", "proxy-pass"] {
        assert!(!shown.contains(secret), "{secret} shows in {shown}");
    }
    assert!(format!("{options:?}").contains(r#"("X-Trace", "<redacted>")"#), "{options:?}");

    // A header name quoted in an error is redacted too.
    let options = RequestOptions::new().with_extra_header(format!("{KEY} x"), "v");
    let error = build_request_with(&ConversationCreateParams::new(), &config(), &options).unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(KEY) && shown.contains("`<redacted> x`"), "{shown}");

    // The value of a credential header is redacted from errors, as the key is.
    let options = RequestOptions::new().with_extra_header("Api-Key", "azure-secret-4f3e2d1c0b");
    let redactor = Redactor::for_request(&config(), &options);
    let error = parse_response_with_meta_redacted::<ConversationCreateParams>(
        StatusCode::UNAUTHORIZED,
        &headers(&[("x-echo", "azure-secret-4f3e2d1c0b")]),
        br#"{"error":{"message":"bad key azure-secret-4f3e2d1c0b and sk-test-0123456789"}}"#,
        &redactor,
    )
    .unwrap_err();
    assert_eq!(error.api_error().unwrap().message, "bad key <redacted> and <redacted>");
    assert_eq!(error.meta().unwrap().headers["x-echo"], "<redacted>");
}

// ---------------------------------------------------------------------------------------------
// Reading successful responses
// ---------------------------------------------------------------------------------------------

#[test]
fn a_200_body_parses_into_the_response_type() {
    let body = br#"{"id":"conv_689667905b048191b4740501625afd940c7533ace33a2dab","object":"conversation",
        "created_at":1741900000,"metadata":{"topic":"demo"},"new_field":true}"#;
    let conversation: Conversation =
        parse_response::<ConversationCreateParams>(StatusCode::OK, &HeaderMap::new(), body).unwrap();
    assert_eq!(conversation.id, "conv_689667905b048191b4740501625afd940c7533ace33a2dab");
    assert_eq!(conversation.created_at, 1741900000);
    assert_eq!(conversation.metadata.as_ref().and_then(|m| m.get("topic")).map(String::as_str), Some("demo"));
    assert_eq!(conversation.extra_fields.get("new_field"), Some(&json!(true)));

    let count: InputTokenCountResponse = parse_response::<InputTokenCountParams>(
        StatusCode::OK,
        &HeaderMap::new(),
        br#"{"object":"response.input_tokens","input_tokens":11}"#,
    )
    .unwrap();
    assert_eq!(count.input_tokens, 11);
}

fn compacted_body() -> Value {
    json!({
        "id": "resp_001",
        "object": "response.compaction",
        "created_at": 1764967971,
        "output": [
            {
                "id": "msg_000",
                "type": "message",
                "status": "completed",
                "role": "user",
                "content": [{"type": "input_text", "text": "Create a landing page."}]
            },
            {"id": "cmp_001", "type": "compaction", "encrypted_content": "gAAAAABpM0Yj-..."}
        ],
        "usage": {
            "input_tokens": 139,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 438,
            "output_tokens_details": {"reasoning_tokens": 64},
            "total_tokens": 577
        }
    })
}

#[test]
fn a_success_keeps_the_details_an_error_keeps() {
    let response_headers = headers(&[
        ("x-request-id", "req_ok"),
        ("x-ratelimit-limit-requests", "60"),
        ("x-ratelimit-remaining-requests", "59"),
        ("x-ratelimit-reset-tokens", "12ms"),
        ("openai-processing-ms", "87"),
        ("set-cookie", "a=1"),
        ("set-cookie", "b=2"),
    ]);
    let body = br#"{"object":"response.input_tokens","input_tokens":11}"#;
    let response = parse_response_with_meta::<InputTokenCountParams>(StatusCode::OK, &response_headers, body).unwrap();
    assert_eq!(response.value.input_tokens, 11);
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.request_id(), Some("req_ok"));
    assert_eq!(response.rate_limit().limit_requests, Some(60));
    assert_eq!(response.rate_limit().remaining_requests, Some(59));
    assert_eq!(response.rate_limit().reset_tokens.as_deref(), Some("12ms"));
    assert_eq!(response.headers()["openai-processing-ms"], "87");
    assert_eq!(response.headers().get_all("set-cookie").iter().count(), 2);
    assert_eq!(response.meta, ResponseMeta::from_parts(StatusCode::OK, &response_headers));

    // The same details as an error of the same response would have.
    let error = parse_response_with_meta::<InputTokenCountParams>(StatusCode::OK, &response_headers, b"{").unwrap_err();
    assert_eq!(error.meta(), Some(&response.meta));
    assert_eq!(
        parse_response::<InputTokenCountParams>(StatusCode::OK, &response_headers, body).unwrap(),
        response.into_value()
    );
}

#[test]
fn headers_an_error_keeps_are_redacted() {
    let response_headers = headers(&[
        ("x-request-id", "req_1"),
        ("x-echo", &format!("Bearer {KEY}")),
        ("x-echo", "harmless"),
        ("x-piece", &KEY[4..16]),
        // A name cannot hold `<redacted>`: the header is left out.
        (KEY, "x"),
    ]);
    let error = parse_response_redacted::<ConversationCreateParams>(
        StatusCode::UNAUTHORIZED,
        &response_headers,
        b"no",
        &Redactor::new().with_secret(KEY),
    )
    .unwrap_err();
    let kept = &error.meta().unwrap().headers;
    assert_eq!(kept.get_all("x-echo").iter().collect::<Vec<_>>(), ["Bearer <redacted>", "harmless"]);
    assert_eq!(kept["x-piece"], "<redacted>");
    assert_eq!(kept["x-request-id"], "req_1");
    assert_eq!(kept.len(), 4);
    let shown = format!("{error} {error:?}");
    // The name was lower-cased: its first 24 characters are the key's.
    assert!(!shown.contains(&KEY[..24]), "{shown}");
}

#[test]
fn a_compacted_response_parses() {
    let body = serde_json::to_vec(&compacted_body()).unwrap();
    let compacted: CompactedResponse =
        parse_response::<ResponseCompactParams>(StatusCode::OK, &HeaderMap::new(), &body).unwrap();
    assert_eq!(compacted.id, "resp_001");
    assert_eq!(compacted.output.len(), 2);
    assert_eq!(compacted.usage.total_tokens, 577);
}

#[test]
fn any_2xx_status_is_a_success() {
    let body = br#"{"id":"c","object":"conversation","created_at":1,"metadata":{}}"#;
    assert!(parse_response::<ConversationCreateParams>(StatusCode::CREATED, &HeaderMap::new(), body).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Error responses
// ---------------------------------------------------------------------------------------------

#[test]
fn the_error_envelope_is_kept_at_every_status() {
    let cases = [
        (400, "invalid_request_error", Some("metadata"), Some("invalid_value"), "Invalid 'metadata': too many keys."),
        (401, "invalid_request_error", None, Some("invalid_api_key"), "Incorrect API key provided: sk-abc***xyz."),
        (404, "invalid_request_error", None, None, "Conversation with id 'conv_x' not found."),
        (429, "requests", None, Some("rate_limit_exceeded"), "Rate limit reached for requests."),
        (500, "server_error", None, None, "The server had an error while processing your request."),
    ];
    for (status, error_type, param, code, message) in cases {
        let body = serde_json::to_vec(&json!({
            "error": {"message": message, "type": error_type, "param": param, "code": code}
        }))
        .unwrap();
        let status = StatusCode::from_u16(status).unwrap();
        let response_headers = headers(&[("x-request-id", "req_abc123"), ("content-type", "application/json")]);
        let error = parse_response::<ConversationCreateParams>(status, &response_headers, &body).unwrap_err();

        let ApiError::Api(api) = &error else { panic!("{status}: expected the envelope, got {error:?}") };
        assert_eq!(api.meta.status, status);
        assert_eq!(api.error.message, message);
        assert_eq!(api.error.error_type.as_deref(), Some(error_type));
        assert_eq!(api.error.param.as_deref(), param);
        assert_eq!(api.error.code.as_deref(), code);
        assert_eq!(error.status(), Some(status));
        assert_eq!(error.request_id(), Some("req_abc123"));
        assert_eq!(error.code(), code);
        assert_eq!(error.is_rate_limited(), status == StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(error.is_server_error(), status.is_server_error());
        assert_eq!(error.is_retryable(), status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error());

        let text = error.to_string();
        assert!(text.contains(status.as_str()), "{text}");
        assert!(text.contains(message), "{text}");
        assert!(text.contains("req_abc123"), "{text}");
        assert!(text.contains(error_type), "{text}");
    }
}

#[test]
fn rate_limit_details_are_kept() {
    let body = br#"{"error":{"message":"Rate limit reached for gpt-5 on tokens per min (TPM).","type":"tokens","param":null,"code":"rate_limit_exceeded"}}"#;
    let response_headers = headers(&[
        ("x-request-id", "req_429"),
        ("retry-after", "20"),
        ("retry-after-ms", "1500"),
        ("x-ratelimit-limit-requests", "10000"),
        ("x-ratelimit-limit-tokens", "30000000"),
        ("x-ratelimit-remaining-requests", "9999"),
        ("x-ratelimit-remaining-tokens", "0"),
        ("x-ratelimit-reset-requests", "6ms"),
        ("x-ratelimit-reset-tokens", "1.5s"),
    ]);
    let error =
        parse_response::<InputTokenCountParams>(StatusCode::TOO_MANY_REQUESTS, &response_headers, body).unwrap_err();
    assert!(error.is_rate_limited());
    assert!(error.is_retryable());
    // `retry-after-ms` is more precise and wins.
    assert_eq!(error.retry_after(), Some(std::time::Duration::from_millis(1500)));
    let mut expected = RateLimit::default();
    expected.limit_requests = Some(10000);
    expected.limit_tokens = Some(30_000_000);
    expected.remaining_requests = Some(9999);
    expected.remaining_tokens = Some(0);
    expected.reset_requests = Some("6ms".into());
    expected.reset_tokens = Some("1.5s".into());
    assert_eq!(error.rate_limit(), Some(&expected));
    assert!(error.to_string().contains("retry after 1.500s"), "{error}");

    // Only `retry-after`, in seconds.
    let error =
        parse_response::<InputTokenCountParams>(StatusCode::TOO_MANY_REQUESTS, &headers(&[("retry-after", "7")]), body)
            .unwrap_err();
    assert_eq!(error.retry_after(), Some(std::time::Duration::from_secs(7)));

    // An HTTP-date (or garbage) is not understood: no retry delay rather than a wrong one.
    let error = parse_response::<InputTokenCountParams>(
        StatusCode::SERVICE_UNAVAILABLE,
        &headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]),
        body,
    )
    .unwrap_err();
    assert_eq!(error.retry_after(), None);
    assert!(error.is_server_error());
}

#[test]
fn insufficient_quota_is_rate_limited_but_not_retryable() {
    let body = br#"{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#;
    let error =
        parse_response::<ConversationCreateParams>(StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), body).unwrap_err();
    assert!(error.is_rate_limited());
    assert!(!error.is_retryable());
}

#[test]
fn envelope_fields_may_be_missing_numeric_or_extra() {
    let body = br#"{"error":{"message":"Bad gateway.","code":502,"details":{"upstream":"x"}}}"#;
    let error =
        parse_response::<ConversationCreateParams>(StatusCode::BAD_GATEWAY, &HeaderMap::new(), body).unwrap_err();
    let api = error.api_error().unwrap();
    assert_eq!(api.message, "Bad gateway.");
    assert_eq!(api.code.as_deref(), Some("502"));
    assert_eq!(api.error_type, None);
    assert_eq!(api.param, None);
    assert_eq!(api.extra_fields.get("details"), Some(&json!({"upstream": "x"})));
}

#[test]
fn a_non_2xx_response_without_the_envelope() {
    let html = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
    let error = parse_response::<ConversationCreateParams>(
        StatusCode::BAD_GATEWAY,
        &headers(&[("x-request-id", "req_gw")]),
        html,
    )
    .unwrap_err();
    let ApiError::Status(status) = &error else { panic!("{error:?}") };
    assert_eq!(status.meta.status, StatusCode::BAD_GATEWAY);
    assert_eq!(status.snippet, String::from_utf8_lossy(html));
    assert_eq!(error.request_id(), Some("req_gw"));
    assert!(error.is_server_error() && error.is_retryable());
    assert!(error.api_error().is_none());
    assert!(error.to_string().contains("502 Bad Gateway"), "{error}");

    // An empty body, and JSON that is not the envelope.
    let error = parse_response::<ConversationCreateParams>(StatusCode::NOT_FOUND, &HeaderMap::new(), b"").unwrap_err();
    assert!(matches!(error, ApiError::Status(_)));
    assert!(error.to_string().contains("empty body"), "{error}");
    for body in [&br#"{"error":"not found"}"#[..], br#"{"detail":"nope"}"#, b"[1,2]"] {
        let error =
            parse_response::<ConversationCreateParams>(StatusCode::NOT_FOUND, &HeaderMap::new(), body).unwrap_err();
        assert!(matches!(error, ApiError::Status(_)), "{error:?}");
        assert!(!error.is_retryable());
    }
}

// ---------------------------------------------------------------------------------------------
// Bodies that do not decode
// ---------------------------------------------------------------------------------------------

#[test]
fn a_200_body_that_is_not_json() {
    let body = b"<html>Service temporarily unavailable</html>";
    let error =
        parse_response::<ConversationCreateParams>(StatusCode::OK, &headers(&[("x-request-id", "req_html")]), body)
            .unwrap_err();
    let ApiError::Decode(decode) = &error else { panic!("{error:?}") };
    assert_eq!(decode.category, DecodeErrorCategory::Syntax);
    assert_eq!(decode.path, ".");
    assert_eq!(decode.operation_id, "createConversation");
    assert_eq!(decode.snippet, String::from_utf8_lossy(body));
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert_eq!(error.request_id(), Some("req_html"));
    let text = error.to_string();
    assert!(
        text.contains("not valid JSON") && text.contains("createConversation") && text.contains("<html>"),
        "{text}"
    );

    let error = parse_response::<ConversationCreateParams>(StatusCode::OK, &HeaderMap::new(), b"").unwrap_err();
    let ApiError::Decode(decode) = &error else { panic!("{error:?}") };
    assert_eq!(decode.category, DecodeErrorCategory::Eof);

    let error = parse_response::<InputTokenCountParams>(
        StatusCode::OK,
        &HeaderMap::new(),
        br#"{"object":"response.input_tokens","input_tokens":1} trailing"#,
    )
    .unwrap_err();
    let ApiError::Decode(decode) = &error else { panic!("{error:?}") };
    assert_eq!(decode.category, DecodeErrorCategory::Syntax);
}

#[test]
fn a_json_body_the_types_cannot_hold_names_the_failing_field() {
    // A wrong JSON type is kept (see `WireValue::spec_mismatches`); a repeated key cannot be.
    let body = br#"{"id":"conv_1","object":"conversation","created_at":1,"metadata":{"topic":"a","topic":"b"}}"#;
    let error = parse_response::<ConversationCreateParams>(StatusCode::OK, &HeaderMap::new(), body).unwrap_err();
    let ApiError::Decode(decode) = &error else { panic!("{error:?}") };
    assert_eq!(decode.category, DecodeErrorCategory::Data);
    assert_eq!(decode.path, "metadata");
    assert!(decode.message.contains("duplicate key `topic`"), "{}", decode.message);
    let text = error.to_string();
    assert!(text.contains("wrong shape") && text.contains("`metadata`"), "{text}");

    // Wrong JSON types at any depth, and a wrong constant, are not errors: the response reads,
    // and its mismatch report names each place.
    use openai_types::WireValue;
    let mut body = compacted_body();
    body["usage"]["output_tokens_details"]["reasoning_tokens"] = json!("many");
    body["output"][1]["id"] = json!(5);
    let read =
        parse_response::<ResponseCompactParams>(StatusCode::OK, &HeaderMap::new(), &serde_json::to_vec(&body).unwrap())
            .expect("a wrong JSON type is kept");
    assert_eq!(serde_json::to_value(&read).unwrap(), body);
    let pointers: Vec<String> = read.spec_mismatches().into_iter().map(|m| m.pointer).collect();
    assert_eq!(pointers, ["/output/1/id", "/usage/output_tokens_details/reasoning_tokens"]);
    let body = br#"{"object":"list","input_tokens":1}"#;
    let read = parse_response::<InputTokenCountParams>(StatusCode::OK, &HeaderMap::new(), body).expect("kept");
    assert_eq!(read.spec_mismatches()[0].to_string(), "/object: expected \"response.input_tokens\", found \"list\"");
}

#[test]
fn long_bodies_are_cut_in_errors() {
    let body = "é".repeat(5000);
    let error =
        parse_response::<ConversationCreateParams>(StatusCode::OK, &HeaderMap::new(), body.as_bytes()).unwrap_err();
    let ApiError::Decode(decode) = &error else { panic!("{error:?}") };
    assert_eq!(decode.snippet.chars().count(), 513);
    assert!(decode.snippet.ends_with('…'));
}

// ---------------------------------------------------------------------------------------------
// The API key stays secret
// ---------------------------------------------------------------------------------------------

#[test]
fn the_api_key_never_shows_in_debug_output() {
    let config = config().with_organization("org-1").with_project("proj-1").with_base_url("http://127.0.0.1:1/v1");
    let debug = format!("{config:?} {:?} {config:#?}", ApiKey::new(KEY));
    assert!(!debug.contains(KEY), "{debug}");
    assert!(!debug.contains("SECRET"), "{debug}");
    assert!(debug.contains("org-1") && debug.contains("<redacted>"), "{debug}");
    assert_eq!(config.api_key().expose_secret(), KEY);

    let request = build_request(&InputTokenCountParams::new(), &config).unwrap();
    let debug = format!("{request:?}");
    assert!(!debug.contains(KEY), "{debug}");
}

#[test]
fn errors_never_show_the_api_key() {
    // A server that echoes the key back in every place it can.
    let echo = format!(
        r#"{{"error":{{"message":"Incorrect API key provided: {KEY}.","type":"invalid_request_error","param":"{KEY}","code":"invalid_api_key","{KEY}":["{KEY}"]}}}}"#
    );
    let echo_headers = headers(&[("x-request-id", KEY)]);
    let errors = [
        parse_response::<ConversationCreateParams>(StatusCode::UNAUTHORIZED, &echo_headers, echo.as_bytes()),
        parse_response::<ConversationCreateParams>(StatusCode::BAD_GATEWAY, &echo_headers, KEY.as_bytes()),
        parse_response::<ConversationCreateParams>(
            StatusCode::OK,
            &echo_headers,
            format!(r#"{{"id":"c","object":"conversation","created_at":1,"metadata":{{"{KEY}":"a","{KEY}":"b"}}}}"#)
                .as_bytes(),
        ),
    ];
    for error in errors {
        let error = error.unwrap_err();
        assert!(format!("{error}").contains(KEY), "the test echoes the key: {error}");
        let error = error.redact(KEY);
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains(KEY), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
    }

    // Errors made while building never contain it in the first place.
    let error = build_request(&ConversationCreateParams::new(), &config().with_base_url("not a url")).unwrap_err();
    assert!(!format!("{error} {error:?}").contains(KEY));
}

/// Asserts that no piece of 8 or more characters of `secret` appears in `shown`.
fn assert_no_piece_of(secret: &str, shown: &str) {
    for start in 0..=secret.len() - 8 {
        let piece = &secret[start..start + 8];
        assert!(!shown.contains(piece), "`{piece}` (at {start} of the secret) shows in:\n{shown}");
    }
}

#[test]
fn a_key_across_the_snippet_cut_is_redacted_before_the_cut() {
    // The key starts 5 characters before the cut: cut first, then redacted, 5 characters would
    // be left, too few to be a piece of it.
    let body = format!("{}{KEY} and more", "é".repeat(507));
    let config = config();
    let error = parse_response_redacted::<ConversationCreateParams>(
        StatusCode::BAD_GATEWAY,
        &HeaderMap::new(),
        body.as_bytes(),
        &Redactor::for_config(&config),
    )
    .unwrap_err();
    let ApiError::Status(status) = &error else { panic!("{error:?}") };
    assert_eq!(status.snippet, format!("{}<reda…", "é".repeat(507)));

    // Redacting afterwards still takes out a piece of 8 or more characters left at the cut.
    let body = format!("{}{KEY}", "é".repeat(500));
    let error = parse_response::<ConversationCreateParams>(StatusCode::OK, &HeaderMap::new(), body.as_bytes())
        .unwrap_err()
        .redact(KEY);
    assert_no_piece_of(KEY, &format!("{error} {error:?}"));
}

#[test]
fn request_errors_never_show_url_credentials() {
    let config = config().with_base_url("http://proxy-user-1:proxy-password-2@bad host/v1");
    let error = build_request(&ConversationCreateParams::new(), &config).unwrap_err();
    assert!(matches!(error, ApiError::Request(_)), "{error:?}");
    let shown = format!("{error} {error:?} {config:?}");
    assert_no_piece_of("proxy-user-1:proxy-password-2", &shown);
    assert!(shown.contains("<redacted>@bad host"), "{shown}");
}
