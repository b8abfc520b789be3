//! The HTTP wrapper: turns any [`Endpoint`] into an [`http::Request`] and reads the response
//! back into its typed [`Endpoint::Response`] or an [`ApiError`]. It does not send anything, so
//! it works with whatever HTTP client you use (the optional `Client`, feature
//! `reqwest`, is built on it).
//!
//! ```
//! use openai_types::{build_request, parse_response, ApiConfig, Conversation, ConversationCreateParams};
//!
//! let config = ApiConfig::new("sk-test").with_project("proj_123");
//! let request = build_request(&ConversationCreateParams::new(), &config).unwrap();
//! assert_eq!(request.method(), "POST");
//! assert_eq!(request.uri(), "https://api.openai.com/v1/conversations");
//!
//! // ... send `request` with any HTTP client, then:
//! let body = br#"{"id":"conv_1","object":"conversation","created_at":1,"metadata":{}}"#;
//! let conversation: Conversation =
//!     parse_response::<ConversationCreateParams>(http::StatusCode::OK, &http::HeaderMap::new(), body)
//!         .unwrap();
//! assert_eq!(conversation.id, "conv_1");
//! ```

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use http::{Method, Request, StatusCode};

use crate::runtime::endpoint::encode_path_segment;
use crate::runtime::{multipart, BodyFormat, Endpoint, ResponseFormat};
use serde::Deserialize as _;

mod redact;
pub use redact::Redactor;

/// The default base URL of the OpenAI API.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

/// How many characters of an unexpected body an error keeps.
const SNIPPET_CHARS: usize = 512;

/// What stands in for the API key wherever it would otherwise be shown.
const REDACTED: &str = "<redacted>";

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/// An API key. Its `Debug` output is redacted, and it has no `Display`: read it with
/// [`ApiKey::expose_secret`] only where it must be sent.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself, for the `Authorization` header.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(")?;
        f.write_str(REDACTED)?;
        f.write_str(")")
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        Self(key)
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        Self(key.to_owned())
    }
}

/// Where and as whom requests are sent: base URL, API key, and optional organization and project.
///
/// `Debug` never shows the key, nor credentials in the base URL (`http://user:pw@host`).
#[derive(Clone, PartialEq, Eq)]
pub struct ApiConfig {
    base_url: String,
    api_key: ApiKey,
    organization: Option<String>,
    project: Option<String>,
}

impl ApiConfig {
    /// A configuration for the given key against [`DEFAULT_BASE_URL`].
    pub fn new(api_key: impl Into<ApiKey>) -> Self {
        Self { base_url: DEFAULT_BASE_URL.to_owned(), api_key: api_key.into(), organization: None, project: None }
    }

    /// Sets the base URL (`https://api.openai.com/v1` by default). Operation paths are appended
    /// to it; a query string in it (`…?api-version=1`) is kept on every request.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Sets the organization, sent as `OpenAI-Organization`.
    pub fn with_organization(mut self, organization: impl Into<String>) -> Self {
        self.organization = Some(organization.into());
        self
    }

    /// Sets the project, sent as `OpenAI-Project`.
    pub fn with_project(mut self, project: impl Into<String>) -> Self {
        self.project = Some(project.into());
        self
    }

    /// The base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API key.
    pub fn api_key(&self) -> &ApiKey {
        &self.api_key
    }

    /// The organization, if set.
    pub fn organization(&self) -> Option<&str> {
        self.organization.as_deref()
    }

    /// The project, if set.
    pub fn project(&self) -> Option<&str> {
        self.project.as_deref()
    }
}

impl fmt::Debug for ApiConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiConfig")
            .field("base_url", &Redactor::new().redact(&self.base_url))
            .field("api_key", &self.api_key)
            .field("organization", &self.organization)
            .field("project", &self.project)
            .finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Per-call options
// ---------------------------------------------------------------------------------------------

/// Settings for one call: its timeout and retries (what is not set comes from the client), and
/// the extra headers, query parameters and body fields sent with it — the escape hatches of
/// OpenAI's official SDKs (`extra_headers`, `extra_query`, `extra_body`), for what the types do
/// not know yet.
///
/// [`build_request_with`] applies the extras (its rules are there); the `Client` (feature
/// `reqwest`, `Client::send_with`) applies them and the timeout and retries. With another HTTP
/// client, apply [`timeout`](Self::timeout) and [`max_retries`](Self::max_retries) yourself.
///
/// `Debug` shows the names of the extra headers but none of their values, which may be
/// credentials.
///
/// ```no_run
/// # #[cfg(feature = "reqwest")]
/// # async fn run(client: openai_types::Client) -> Result<(), openai_types::ApiError> {
/// use std::time::Duration;
/// use openai_types::api::RequestOptions;
/// use openai_types::ConversationCreateParams;
///
/// // Create at most one conversation, give up after 20 s, and send a field the types lack.
/// let once = RequestOptions::new()
///     .with_max_retries(0)
///     .with_timeout(Duration::from_secs(20))
///     .with_extra_body("future_option", true);
/// let conversation = client.send_with(&ConversationCreateParams::new(), &once).await?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    /// The timeout of each attempt, instead of the client's.
    pub timeout: Option<Duration>,
    /// How many times to retry, instead of the client's.
    pub max_retries: Option<u32>,
    /// Headers sent after all others, each replacing a header of its name (see
    /// [`build_request_with`]).
    pub extra_headers: Vec<(String, String)>,
    /// Query parameters appended after the operation's own.
    pub extra_query: Vec<(String, String)>,
    /// Fields merged into the JSON object body, replacing fields of the same name.
    pub extra_body: serde_json::Map<String, serde_json::Value>,
}

impl RequestOptions {
    /// No overrides and no extras: the client's settings.
    ///
    /// ```
    /// use openai_types::api::RequestOptions;
    ///
    /// assert_eq!(RequestOptions::new(), RequestOptions::default());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The timeout of each attempt of this call.
    ///
    /// ```
    /// use std::time::Duration;
    /// use openai_types::api::RequestOptions;
    ///
    /// let options = RequestOptions::new().with_timeout(Duration::from_secs(20));
    /// assert_eq!(options.timeout, Some(Duration::from_secs(20)));
    /// ```
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times this call is retried (0: one attempt only).
    ///
    /// ```
    /// use openai_types::api::RequestOptions;
    ///
    /// assert_eq!(RequestOptions::new().with_max_retries(0).max_retries, Some(0));
    /// ```
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Adds a header, sent after all others: it replaces a header of the same name the request
    /// would otherwise have (the client's `User-Agent` too); a second one of the same name is sent
    /// as well. `Authorization` cannot be set this way (it is the configuration's API key), and
    /// an invalid name or value makes the call an [`ApiError::Request`]. Values of credential
    /// headers (`api-key`, `x-api-key`, `proxy-authorization`, `cookie`) are kept out of errors
    /// like the API key ([`Redactor::for_request`]).
    ///
    /// ```
    /// use openai_types::api::{build_request_with, ApiConfig, RequestOptions};
    /// use openai_types::ConversationCreateParams;
    ///
    /// let options = RequestOptions::new().with_extra_header("OpenAI-Beta", "assistants=v2");
    /// let request = build_request_with(&ConversationCreateParams::new(), &ApiConfig::new("sk-test"), &options)?;
    /// assert_eq!(request.headers()["openai-beta"], "assistants=v2");
    /// # Ok::<(), openai_types::ApiError>(())
    /// ```
    pub fn with_extra_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_headers.push((name.into(), value.into()));
        self
    }

    /// Adds a query parameter, appended after the operation's own and percent-encoded.
    ///
    /// ```
    /// use openai_types::api::{build_request_with, ApiConfig, RequestOptions};
    /// use openai_types::ConversationCreateParams;
    ///
    /// let options = RequestOptions::new().with_extra_query("tag", "a&b");
    /// let request = build_request_with(&ConversationCreateParams::new(), &ApiConfig::new("sk-test"), &options)?;
    /// assert_eq!(request.uri().query(), Some("tag=a%26b"));
    /// # Ok::<(), openai_types::ApiError>(())
    /// ```
    pub fn with_extra_query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_query.push((name.into(), value.into()));
        self
    }

    /// Adds a field to the JSON object body; it replaces, whole, a field of the same name the
    /// body already has (and an earlier extra field of that name).
    ///
    /// ```
    /// use openai_types::api::{build_request_with, ApiConfig, RequestOptions};
    /// use openai_types::InputTokenCountParams;
    ///
    /// let params = InputTokenCountParams::new().with_model("gpt-5");
    /// let options = RequestOptions::new().with_extra_body("model", "gpt-5-mini").with_extra_body("future_option", 3);
    /// let request = build_request_with(&params, &ApiConfig::new("sk-test"), &options)?;
    /// let body: serde_json::Value = serde_json::from_slice(request.body())?;
    /// assert_eq!(body, serde_json::json!({"model": "gpt-5-mini", "future_option": 3}));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_extra_body(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.extra_body.insert(key.into(), value.into());
        self
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Any value may be a credential these options cannot tell from others, so none is shown.
        let extra_headers: Vec<(&str, &str)> =
            self.extra_headers.iter().map(|(name, _)| (name.as_str(), REDACTED)).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("extra_headers", &extra_headers)
            .field("extra_query", &self.extra_query)
            .field("extra_body", &self.extra_body)
            .finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Building requests
// ---------------------------------------------------------------------------------------------

/// Builds the HTTP request for `endpoint`: its method, `base URL + path` with the query string
/// (percent-encoded), `Authorization: Bearer …` (marked sensitive), the body with its
/// `Content-Type` (JSON, a `multipart/form-data` form for file uploads, or raw bytes, as
/// [`Endpoint::BODY_FORMAT`] says), `OpenAI-Organization` / `OpenAI-Project` when set, and the
/// header parameters of the operation (which take precedence over the configuration's).
///
/// Operations without a body get an empty body. Errors never show the key or the base URL's
/// credentials. [`build_request_with`] adds one call's extra headers, query parameters and body
/// fields.
pub fn build_request<E: Endpoint>(endpoint: &E, config: &ApiConfig) -> Result<Request<Vec<u8>>, ApiError> {
    build_request_with(endpoint, config, &RequestOptions::new())
}

/// [`build_request`] with the extras of `options` applied, as the `Client` (feature `reqwest`)
/// applies them:
///
/// - [`extra_headers`](RequestOptions::extra_headers) come last: one replaces a header of the same
///   name that the request would otherwise have (`Content-Type`, `OpenAI-Project`, an operation's
///   header parameter …), and several of one name are all sent. An invalid name or value is an
///   [`ApiError::Request`]; so is `Authorization`, which only the configuration's API key sets.
///   A value that holds a secret of [`Redactor::for_request`] (the API key, a piece of it, the
///   value of a credential header such as `api-key`) is marked sensitive.
/// - [`extra_query`](RequestOptions::extra_query) parameters are appended after the operation's
///   own, percent-encoded the same way (a name the operation already sends is then sent twice).
/// - [`extra_body`](RequestOptions::extra_body) fields are merged into the JSON object body: a
///   field the body already has is replaced by the extra one, whole (not merged into). Extra body
///   fields for an operation without a body, or whose body is not a JSON object, are an
///   [`ApiError::Request`]. A multipart form takes them as more fields (replacing a field of the
///   same name); a raw body takes none.
///
/// The timeout and retries of `options` are for whatever sends the request; this function does
/// not use them.
///
/// ```
/// use openai_types::api::{build_request_with, ApiConfig, RequestOptions};
/// use openai_types::ConversationCreateParams;
///
/// let options = RequestOptions::new()
///     .with_extra_header("OpenAI-Beta", "conversations=v2")
///     .with_extra_query("trace", "a b")
///     .with_extra_body("store", false);
/// let request = build_request_with(&ConversationCreateParams::new(), &ApiConfig::new("sk-test"), &options)?;
/// assert_eq!(request.headers()["openai-beta"], "conversations=v2");
/// assert_eq!(request.uri(), "https://api.openai.com/v1/conversations?trace=a%20b");
/// assert_eq!(request.body().as_slice(), br#"{"store":false}"#);
/// # Ok::<(), openai_types::ApiError>(())
/// ```
pub fn build_request_with<E: Endpoint>(
    endpoint: &E,
    config: &ApiConfig,
    options: &RequestOptions,
) -> Result<Request<Vec<u8>>, ApiError> {
    let redactor = Redactor::for_request(config, options);
    // Messages quote the URL and header names, which may hold credentials.
    build_request_unredacted(endpoint, config, options, &redactor).map_err(|error| redactor.redact_error(error))
}

/// The request, with errors not yet redacted; `redactor` tells which extra header values are
/// secrets (the client builds it once for the request and its errors).
pub(crate) fn build_request_unredacted<E: Endpoint>(
    endpoint: &E,
    config: &ApiConfig,
    options: &RequestOptions,
    redactor: &Redactor,
) -> Result<Request<Vec<u8>>, ApiError> {
    let method = Method::from_bytes(E::METHOD.as_bytes())
        .map_err(|_| RequestError::new(format!("invalid HTTP method `{}` for {}", E::METHOD, E::OPERATION_ID)))?;
    let query = endpoint.query();
    let query = query
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .chain(options.extra_query.iter().map(|(name, value)| (name.as_str(), value.as_str())));
    let uri = request_uri(config.base_url(), &endpoint.path(), query)?;

    let mut headers = HeaderMap::new();
    let mut authorization = HeaderValue::try_from(format!("Bearer {}", config.api_key().expose_secret()))
        .map_err(|_| RequestError::new("the API key is not a valid HTTP header value"))?;
    authorization.set_sensitive(true);
    headers.insert(AUTHORIZATION, authorization);

    let body = match request_body(endpoint, &options.extra_body)? {
        Some((content_type, body)) => {
            headers.insert(CONTENT_TYPE, header_value("Content-Type", &content_type)?);
            body
        }
        None => Vec::new(),
    };

    if let Some(organization) = config.organization() {
        headers
            .insert(HeaderName::from_static("openai-organization"), header_value("OpenAI-Organization", organization)?);
    }
    if let Some(project) = config.project() {
        headers.insert(HeaderName::from_static("openai-project"), header_value("OpenAI-Project", project)?);
    }
    for (name, value) in endpoint.headers() {
        headers.insert(header_name(name)?, header_value(name, &value)?);
    }
    // The first extra header of a name replaces what the request had; later ones join it.
    let mut replaced: Vec<HeaderName> = Vec::new();
    for (name, text) in &options.extra_headers {
        let header = header_name(name)?;
        if header == AUTHORIZATION {
            // Sending another credential than the configuration's would also escape redaction.
            return Err(RequestError::new(
                "an extra header cannot set `Authorization`: it carries the configuration's API key \
                 (use a configuration with the other key)",
            )
            .into());
        }
        let mut value = header_value(name, text)?;
        value.set_sensitive(redactor.holds_secret(text));
        if replaced.contains(&header) {
            headers.append(header, value);
        } else {
            headers.insert(header.clone(), value);
            replaced.push(header);
        }
    }

    let mut request = Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    Ok(request)
}

/// The body of `endpoint` and its content type: JSON with `extra` merged into it (extra fields
/// replace the body's own), a multipart form with `extra` as more fields, or raw bytes; `None`
/// for an operation without a body and no extras.
fn request_body<E: Endpoint>(
    endpoint: &E,
    extra: &serde_json::Map<String, serde_json::Value>,
) -> Result<Option<(String, Vec<u8>)>, ApiError> {
    let Some(body) = endpoint.body() else {
        if extra.is_empty() {
            return Ok(None);
        }
        return Err(
            RequestError::new(format!("{} has no body, so it cannot take extra body fields", E::OPERATION_ID)).into()
        );
    };
    let encode_error = |error: multipart::BodyError| {
        RequestError::new(format!("could not write the body of {}: {error}", E::OPERATION_ID))
    };
    match E::BODY_FORMAT {
        BodyFormat::Multipart { json_fields } => {
            let form = multipart::encode_multipart(body, json_fields, extra).map_err(encode_error)?;
            Ok(Some((form.content_type, form.bytes)))
        }
        BodyFormat::Raw { media_type } => {
            if !extra.is_empty() {
                return Err(RequestError::new(format!(
                    "{} sends raw `{media_type}` bytes, so it cannot take extra body fields",
                    E::OPERATION_ID
                ))
                .into());
            }
            let raw = multipart::encode_raw(body, media_type).map_err(encode_error)?;
            Ok(Some((raw.content_type, raw.bytes)))
        }
        // `BodyFormat` is non-exhaustive for hand-written endpoints; JSON is the default.
        _ => json_body::<E>(body, extra).map(|json| Some(("application/json".to_owned(), json))),
    }
}

/// The JSON body with `extra` merged into it.
fn json_body<E: Endpoint>(
    body: &E::Body,
    extra: &serde_json::Map<String, serde_json::Value>,
) -> Result<Vec<u8>, ApiError> {
    let serialize_error = |error: serde_json::Error| {
        RequestError::new(format!("could not serialize the body of {}: {error}", E::OPERATION_ID))
    };
    if extra.is_empty() {
        // Straight to bytes: no detour through a `Value` when there is nothing to merge.
        return crate::json::to_vec(body).map_err(|error| serialize_error(error).into());
    }
    let mut fields = match serde_json::to_value(body).map_err(serialize_error)? {
        serde_json::Value::Object(fields) => fields,
        other => {
            let kind = match other {
                serde_json::Value::Null => "null",
                serde_json::Value::Bool(_) => "a boolean",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::String(_) => "a string",
                // Objects were taken above.
                _ => "an array",
            };
            return Err(RequestError::new(format!(
                "the body of {} is {kind}, not a JSON object, so it cannot take extra body fields",
                E::OPERATION_ID
            ))
            .into());
        }
    };
    for (key, value) in extra {
        fields.insert(key.clone(), value.clone());
    }
    crate::json::to_vec(&fields).map_err(|error| serialize_error(error).into())
}

/// A header name, or an error quoting it.
fn header_name(name: &str) -> Result<HeaderName, ApiError> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| RequestError::new(format!("`{name}` is not a valid HTTP header name")).into())
}

/// A header value, or an error naming the header (never the value, which may be secret).
fn header_value(name: &str, value: &str) -> Result<HeaderValue, ApiError> {
    HeaderValue::try_from(value)
        .map_err(|_| RequestError::new(format!("the value of header `{name}` is not a valid HTTP header value")).into())
}

/// `base` + `path` + the query string (the base URL's own query first).
fn request_uri<'q>(
    base: &str,
    path: &str,
    query: impl Iterator<Item = (&'q str, &'q str)>,
) -> Result<http::Uri, ApiError> {
    let (base_path, base_query) = match base.split_once('?') {
        Some((base_path, base_query)) => (base_path, Some(base_query)),
        None => (base, None),
    };
    let base_path = base_path.trim_end_matches('/');
    let mut url = String::with_capacity(base.len() + path.len() + 16);
    url.push_str(base_path);
    if !path.is_empty() && !path.starts_with('/') {
        url.push('/');
    }
    url.push_str(path);
    let mut separator = '?';
    if let Some(base_query) = base_query.filter(|q| !q.is_empty()) {
        url.push(separator);
        url.push_str(base_query);
        separator = '&';
    }
    for (name, value) in query {
        url.push(separator);
        url.push_str(&encode_path_segment(name));
        url.push('=');
        url.push_str(&encode_path_segment(value));
        separator = '&';
    }
    let uri = http::Uri::try_from(url.as_str())
        .map_err(|error| RequestError::new(format!("invalid request URL `{url}`: {error}")))?;
    if uri.scheme().is_none() || uri.authority().is_none() {
        return Err(RequestError::new(format!(
            "invalid base URL `{base}`: it needs a scheme and a host (like `{DEFAULT_BASE_URL}`)"
        ))
        .into());
    }
    Ok(uri)
}

// ---------------------------------------------------------------------------------------------
// Reading responses
// ---------------------------------------------------------------------------------------------

/// Reads a response of `E`: a 2xx body is decoded as `E::Response` (from JSON, or taken as bytes
/// when [`Endpoint::RESPONSE_FORMAT`] says so: audio, file contents); anything else becomes an
/// [`ApiError`] that keeps the status, the request id, the rate-limit headers and the API's
/// error envelope when there is one. [`parse_response_with_meta`] keeps the same details of a
/// success.
///
/// It does not know the API key: errors show what the server sent (URL credentials removed).
/// [`parse_response_redacted`] with [`Redactor::for_config`] keeps the key out of them.
pub fn parse_response<E: Endpoint>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<E::Response, ApiError> {
    parse_response_redacted::<E>(status, headers, body, &Redactor::new())
}

/// [`parse_response`], with every text of an error redacted by `redactor` — the body before it is
/// cut to the snippet an error keeps, so no piece of a secret is left at the cut.
pub fn parse_response_redacted<E: Endpoint>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    redactor: &Redactor,
) -> Result<E::Response, ApiError> {
    parse_response_with_meta_redacted::<E>(status, headers, body, redactor).map(ApiResponse::into_value)
}

/// [`parse_response`], and a success keeps the [`ResponseMeta`] an error would have: status,
/// request id, rate limits and every header.
///
/// ```
/// use http::{HeaderMap, HeaderValue, StatusCode};
/// use openai_types::api::parse_response_with_meta;
/// use openai_types::ConversationCreateParams;
///
/// let mut headers = HeaderMap::new();
/// headers.insert("x-request-id", HeaderValue::from_static("req_123"));
/// headers.insert("x-ratelimit-remaining-requests", HeaderValue::from_static("59"));
/// let body = br#"{"id":"conv_1","object":"conversation","created_at":1,"metadata":{}}"#;
/// let response = parse_response_with_meta::<ConversationCreateParams>(StatusCode::OK, &headers, body)?;
/// assert_eq!(response.value.id, "conv_1");
/// assert_eq!(response.request_id(), Some("req_123"));
/// assert_eq!(response.rate_limit().remaining_requests, Some(59));
/// # Ok::<(), openai_types::ApiError>(())
/// ```
pub fn parse_response_with_meta<E: Endpoint>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<ApiResponse<E::Response>, ApiError> {
    parse_response_with_meta_redacted::<E>(status, headers, body, &Redactor::new())
}

/// [`parse_response_with_meta`], with every text of an error redacted by `redactor`, as
/// [`parse_response_redacted`] does. A success is returned as the server sent it.
///
/// ```
/// use http::{HeaderMap, StatusCode};
/// use openai_types::api::{parse_response_with_meta_redacted, ApiConfig, Redactor};
/// use openai_types::ConversationCreateParams;
///
/// let config = ApiConfig::new("sk-test-0123456789");
/// let body = br#"{"error":{"message":"Incorrect API key provided: sk-test-0123456789"}}"#;
/// let error = parse_response_with_meta_redacted::<ConversationCreateParams>(
///     StatusCode::UNAUTHORIZED,
///     &HeaderMap::new(),
///     body,
///     &Redactor::for_config(&config),
/// )
/// .unwrap_err();
/// assert_eq!(error.api_error().unwrap().message, "Incorrect API key provided: <redacted>");
/// ```
pub fn parse_response_with_meta_redacted<E: Endpoint>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    redactor: &Redactor,
) -> Result<ApiResponse<E::Response>, ApiError> {
    parse_unredacted::<E>(status, headers, body, redactor).map_err(|error| redactor.redact_error(error))
}

/// Reads the response; only the snippet is redacted here (it must be, before the cut).
fn parse_unredacted<E: Endpoint>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    redactor: &Redactor,
) -> Result<ApiResponse<E::Response>, ApiError> {
    let meta = ResponseMeta::from_parts(status, headers);
    if !status.is_success() {
        return Err(match ApiErrorBody::from_envelope(body) {
            Some(error) => ApiError::Api(Box::new(ApiErrorResponse { meta, error })),
            None => ApiError::Status(Box::new(StatusError { meta, snippet: snippet(body, redactor) })),
        });
    }
    if E::RESPONSE_FORMAT == ResponseFormat::Bytes {
        // `Binary` takes any bytes; a hand-written endpoint's own type may refuse them.
        let bytes = serde::de::value::BytesDeserializer::<serde::de::value::Error>::new(body);
        return match E::Response::deserialize(bytes) {
            Ok(value) => Ok(ApiResponse::new(value, meta)),
            Err(error) => Err(ApiError::Decode(Box::new(DecodeError {
                meta,
                operation_id: E::OPERATION_ID,
                path: String::from("."),
                message: error.to_string(),
                category: DecodeErrorCategory::Data,
                snippet: snippet(body, redactor),
            }))),
        };
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let decoded = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| {
            let path = error.path().to_string();
            (path, error.into_inner())
        })
        .and_then(|value| deserializer.end().map(|()| value).map_err(|error| (String::from("."), error)));
    match decoded {
        Ok(value) => Ok(ApiResponse::new(value, meta)),
        Err((path, error)) => Err(ApiError::Decode(Box::new(DecodeError {
            meta,
            operation_id: E::OPERATION_ID,
            path,
            message: error.to_string(),
            category: DecodeErrorCategory::from(error.classify()),
            snippet: snippet(body, redactor),
        }))),
    }
}

/// The start of a body as text, for error messages: redacted first, then cut, so that a secret
/// across the cut goes whole.
fn snippet(body: &[u8], redactor: &Redactor) -> String {
    let text = String::from_utf8_lossy(body);
    // Redacting the whole of a large body would be wasted work: a start long enough to still
    // have more than the snippet after redaction will do, when what redaction may have left of a
    // secret cut at its end (the longest secret's length, or `<redacted>`) lies past the snippet.
    let longest = redactor.longest_secret().max(REDACTED.len());
    let start = match text.char_indices().nth(2 * (SNIPPET_CHARS + longest)) {
        Some((end, _)) => &text[..end],
        None => &text,
    };
    let mut redacted = redactor.redact(start);
    if start.len() < text.len() && redacted.chars().count() <= SNIPPET_CHARS + longest {
        redacted = redactor.redact(&text);
    }
    match redacted.char_indices().nth(SNIPPET_CHARS) {
        Some((end, _)) => format!("{}…", &redacted[..end]),
        None => redacted.into_owned(),
    }
}

/// What is kept of an HTTP response besides its body: the status, every header, and the ones
/// OpenAI's API sends read out (request id, retry delay, rate limits). Errors that had a
/// response carry it ([`ApiError::meta`]); a success carries it in an [`ApiResponse`]
/// (`Client::send_with_response`, [`parse_response_with_meta`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseMeta {
    /// The HTTP status.
    pub status: StatusCode,
    /// The `x-request-id` header, to quote when contacting support.
    pub request_id: Option<String>,
    /// How long to wait before retrying: `retry-after-ms`, else `retry-after` (in seconds).
    pub retry_after: Option<Duration>,
    /// The `x-ratelimit-*` headers.
    pub rate_limit: RateLimit,
    /// Every header of the response (`openai-processing-ms`, `openai-version` …). In an error,
    /// values that show a secret are redacted like the error's other texts.
    pub headers: HeaderMap,
}

impl ResponseMeta {
    /// Reads the status and the headers: the one place a response's details are read, for
    /// successes and errors alike.
    ///
    /// ```
    /// use http::{HeaderMap, HeaderValue, StatusCode};
    /// use openai_types::api::ResponseMeta;
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("x-request-id", HeaderValue::from_static("req_1"));
    /// headers.insert("retry-after-ms", HeaderValue::from_static("250"));
    /// let meta = ResponseMeta::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers);
    /// assert_eq!(meta.request_id.as_deref(), Some("req_1"));
    /// assert_eq!(meta.retry_after, Some(std::time::Duration::from_millis(250)));
    /// assert_eq!(meta.headers, headers);
    /// ```
    pub fn from_parts(status: StatusCode, headers: &HeaderMap) -> Self {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        let number = |name: &str| text(name).and_then(|value| value.parse::<u64>().ok());
        let seconds = |value: String, scale: f64| {
            value.parse::<f64>().ok().and_then(|amount| Duration::try_from_secs_f64(amount / scale).ok())
        };
        let retry_after = text("retry-after-ms")
            .and_then(|value| seconds(value, 1000.0))
            .or_else(|| text("retry-after").and_then(|value| seconds(value, 1.0)));
        Self {
            status,
            request_id: text("x-request-id"),
            retry_after,
            rate_limit: RateLimit {
                limit_requests: number("x-ratelimit-limit-requests"),
                limit_tokens: number("x-ratelimit-limit-tokens"),
                remaining_requests: number("x-ratelimit-remaining-requests"),
                remaining_tokens: number("x-ratelimit-remaining-tokens"),
                reset_requests: text("x-ratelimit-reset-requests"),
                reset_tokens: text("x-ratelimit-reset-tokens"),
            },
            headers: headers.clone(),
        }
    }
}

/// A successful response: the parsed body and the [`ResponseMeta`] of the response (status,
/// request id, rate limits, every header), as [`parse_response_with_meta`] and
/// `Client::send_with_response` (feature `reqwest`) return it.
///
/// ```no_run
/// # #[cfg(feature = "reqwest")]
/// # async fn run(client: openai_types::Client) -> Result<(), openai_types::ApiError> {
/// use openai_types::ConversationCreateParams;
///
/// let response = client.send_with_response(&ConversationCreateParams::new()).await?;
/// println!("{} (request id {:?})", response.value.id, response.request_id());
/// if response.rate_limit().remaining_requests == Some(0) {
///     println!("next request in {:?}", response.rate_limit().reset_requests);
/// }
/// let conversation = response.into_value();
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    /// The parsed body.
    pub value: T,
    /// Status, request id, rate limits and headers.
    pub meta: ResponseMeta,
}

impl<T> ApiResponse<T> {
    /// A response of `value` with `meta` (for tests and wrappers; parsing makes them).
    ///
    /// ```
    /// use http::{HeaderMap, StatusCode};
    /// use openai_types::api::{ApiResponse, ResponseMeta};
    ///
    /// let response = ApiResponse::new(7, ResponseMeta::from_parts(StatusCode::OK, &HeaderMap::new()));
    /// assert_eq!(response.value, 7);
    /// ```
    pub fn new(value: T, meta: ResponseMeta) -> Self {
        Self { value, meta }
    }

    /// The parsed body, without the rest.
    ///
    /// ```
    /// # use http::{HeaderMap, StatusCode};
    /// # use openai_types::api::{ApiResponse, ResponseMeta};
    /// let response = ApiResponse::new("body", ResponseMeta::from_parts(StatusCode::OK, &HeaderMap::new()));
    /// assert_eq!(response.into_value(), "body");
    /// ```
    pub fn into_value(self) -> T {
        self.value
    }

    /// The HTTP status (a 2xx).
    ///
    /// ```
    /// # use http::{HeaderMap, StatusCode};
    /// # use openai_types::api::{ApiResponse, ResponseMeta};
    /// let response = ApiResponse::new((), ResponseMeta::from_parts(StatusCode::CREATED, &HeaderMap::new()));
    /// assert_eq!(response.status(), StatusCode::CREATED);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.meta.status
    }

    /// The `x-request-id` header, to quote when contacting support.
    ///
    /// ```
    /// # use http::{HeaderMap, HeaderValue, StatusCode};
    /// # use openai_types::api::{ApiResponse, ResponseMeta};
    /// let mut headers = HeaderMap::new();
    /// headers.insert("x-request-id", HeaderValue::from_static("req_1"));
    /// let response = ApiResponse::new((), ResponseMeta::from_parts(StatusCode::OK, &headers));
    /// assert_eq!(response.request_id(), Some("req_1"));
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id.as_deref()
    }

    /// The `x-ratelimit-*` headers.
    ///
    /// ```
    /// # use http::{HeaderMap, HeaderValue, StatusCode};
    /// # use openai_types::api::{ApiResponse, ResponseMeta};
    /// let mut headers = HeaderMap::new();
    /// headers.insert("x-ratelimit-remaining-tokens", HeaderValue::from_static("1000"));
    /// let response = ApiResponse::new((), ResponseMeta::from_parts(StatusCode::OK, &headers));
    /// assert_eq!(response.rate_limit().remaining_tokens, Some(1000));
    /// ```
    pub fn rate_limit(&self) -> &RateLimit {
        &self.meta.rate_limit
    }

    /// Every header of the response.
    ///
    /// ```
    /// # use http::{HeaderMap, HeaderValue, StatusCode};
    /// # use openai_types::api::{ApiResponse, ResponseMeta};
    /// let mut headers = HeaderMap::new();
    /// headers.insert("openai-processing-ms", HeaderValue::from_static("42"));
    /// let response = ApiResponse::new((), ResponseMeta::from_parts(StatusCode::OK, &headers));
    /// assert_eq!(response.headers()["openai-processing-ms"], "42");
    /// ```
    pub fn headers(&self) -> &HeaderMap {
        &self.meta.headers
    }
}

/// The `x-ratelimit-*` headers of a response (each `None` when absent or unreadable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// `x-ratelimit-limit-requests`.
    pub limit_requests: Option<u64>,
    /// `x-ratelimit-limit-tokens`.
    pub limit_tokens: Option<u64>,
    /// `x-ratelimit-remaining-requests`.
    pub remaining_requests: Option<u64>,
    /// `x-ratelimit-remaining-tokens`.
    pub remaining_tokens: Option<u64>,
    /// `x-ratelimit-reset-requests`, as sent (`"1s"`, `"6m0s"`).
    pub reset_requests: Option<String>,
    /// `x-ratelimit-reset-tokens`, as sent.
    pub reset_tokens: Option<String>,
}

/// The `error` object of the API's error envelope `{"error": {"message", "type", "param", "code"}}`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiErrorBody {
    /// A human-readable description.
    pub message: String,
    /// The error type (`"invalid_request_error"`, `"rate_limit_exceeded"` …), the envelope's `type`.
    pub error_type: Option<String>,
    /// The parameter the error is about.
    pub param: Option<String>,
    /// A machine-readable code (`"invalid_api_key"`, `"insufficient_quota"` …); a numeric code is
    /// kept as its text.
    pub code: Option<String>,
    /// Any other fields of the error object.
    pub extra_fields: serde_json::Map<String, serde_json::Value>,
}

impl ApiErrorBody {
    /// Reads the envelope; `None` when the body is not `{"error": {…}}`.
    fn from_envelope(body: &[u8]) -> Option<Self> {
        let serde_json::Value::Object(mut envelope) = serde_json::from_slice(body).ok()? else {
            return None;
        };
        let serde_json::Value::Object(mut error) = envelope.remove("error")? else {
            return None;
        };
        let mut text = |name: &str| match error.remove(name) {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(text)) => Some(text),
            Some(other) => Some(other.to_string()),
        };
        Some(Self {
            message: text("message").unwrap_or_default(),
            error_type: text("type"),
            param: text("param"),
            code: text("code"),
            extra_fields: error,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Everything that can go wrong calling an operation. Never contains the API key.
#[derive(Debug)]
#[non_exhaustive]
pub enum ApiError {
    /// The API answered with a non-2xx status and its error envelope.
    Api(Box<ApiErrorResponse>),
    /// A 2xx response whose body is not valid JSON for the response type.
    Decode(Box<DecodeError>),
    /// A non-2xx response without the API's error envelope (a proxy's error page, an empty body …).
    Status(Box<StatusError>),
    /// A response whose body is larger than the client's limit: reading stopped there.
    BodyTooLarge(Box<BodyTooLargeError>),
    /// The request could not be sent or the response not received (connection, timeout …).
    Transport(TransportError),
    /// The request could not be built (invalid base URL, header value or body, missing API key).
    Request(RequestError),
}

/// A non-2xx response with the API's error envelope.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiErrorResponse {
    /// Status, request id and rate-limit details.
    pub meta: ResponseMeta,
    /// The envelope's `error` object.
    pub error: ApiErrorBody,
}

/// A 2xx response whose body does not decode as the response type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeError {
    /// Status, request id and rate-limit details.
    pub meta: ResponseMeta,
    /// The operation whose response it is (`"createConversation"`).
    pub operation_id: &'static str,
    /// The path to the failing field (`"output[0].content"`, `"."` for the whole body).
    pub path: String,
    /// What serde_json reported.
    pub message: String,
    /// Whether the body is not JSON at all or JSON of the wrong shape.
    pub category: DecodeErrorCategory,
    /// The start of the body.
    pub snippet: String,
}

/// Why a body did not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorCategory {
    /// Not valid JSON.
    Syntax,
    /// The body ended early (empty or truncated).
    Eof,
    /// Valid JSON that does not match the response type.
    Data,
    /// Reading failed.
    Io,
}

impl From<serde_json::error::Category> for DecodeErrorCategory {
    fn from(category: serde_json::error::Category) -> Self {
        match category {
            serde_json::error::Category::Syntax => Self::Syntax,
            serde_json::error::Category::Eof => Self::Eof,
            serde_json::error::Category::Data => Self::Data,
            serde_json::error::Category::Io => Self::Io,
        }
    }
}

/// A non-2xx response without the API's error envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusError {
    /// Status, request id and rate-limit details.
    pub meta: ResponseMeta,
    /// The start of the body.
    pub snippet: String,
}

/// A response whose body was larger than the limit the client reads
/// (`Client::with_max_response_bytes`, feature `reqwest`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BodyTooLargeError {
    /// Status, request id and rate-limit details.
    pub meta: ResponseMeta,
    /// The limit, in bytes.
    pub limit: u64,
    /// How many bytes of the body were read before reading stopped (0 when `Content-Length`
    /// already said it was too large).
    pub read: u64,
    /// The `Content-Length` the server announced, if any.
    pub content_length: Option<u64>,
}

impl BodyTooLargeError {
    /// The error for a response of `meta` whose body exceeds `limit`.
    pub fn new(meta: ResponseMeta, limit: u64, read: u64, content_length: Option<u64>) -> Self {
        Self { meta, limit, read, content_length }
    }
}

/// What went wrong on the way to or from the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made.
    Connect,
    /// The request or the response took longer than the timeout.
    Timeout,
    /// The connection was closed or broken after it was made, before the whole response arrived.
    Interrupted,
    /// Anything else.
    Other,
}

/// The request could not be sent or the response not read.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl TransportError {
    /// A transport error with a message (its source chain, if any, already written into it).
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), source: None }
    }

    /// Keeps the underlying error as the [`std::error::Error::source`].
    pub fn with_source(mut self, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|source| source as &(dyn StdError + 'static))
    }
}

/// The request could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    message: String,
}

impl RequestError {
    /// A request error with a message (which must not contain the API key).
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for RequestError {}

impl From<RequestError> for ApiError {
    fn from(error: RequestError) -> Self {
        Self::Request(error)
    }
}

impl From<TransportError> for ApiError {
    fn from(error: TransportError) -> Self {
        Self::Transport(error)
    }
}

impl ApiError {
    /// Status, request id and rate-limit details, when there was a response.
    pub fn meta(&self) -> Option<&ResponseMeta> {
        match self {
            Self::Api(error) => Some(&error.meta),
            Self::Decode(error) => Some(&error.meta),
            Self::Status(error) => Some(&error.meta),
            Self::BodyTooLarge(error) => Some(&error.meta),
            Self::Transport(_) | Self::Request(_) => None,
        }
    }

    /// The HTTP status, when there was a response.
    pub fn status(&self) -> Option<StatusCode> {
        self.meta().map(|meta| meta.status)
    }

    /// The `x-request-id` header, when there was a response that had one.
    pub fn request_id(&self) -> Option<&str> {
        self.meta().and_then(|meta| meta.request_id.as_deref())
    }

    /// How long the server asked to wait before retrying, if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.meta().and_then(|meta| meta.retry_after)
    }

    /// The `x-ratelimit-*` headers, when there was a response.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.meta().map(|meta| &meta.rate_limit)
    }

    /// The API's error object, for [`ApiError::Api`].
    pub fn api_error(&self) -> Option<&ApiErrorBody> {
        match self {
            Self::Api(error) => Some(&error.error),
            _ => None,
        }
    }

    /// The API's error code (`"rate_limit_exceeded"`, `"insufficient_quota"` …), if any.
    pub fn code(&self) -> Option<&str> {
        self.api_error().and_then(|error| error.code.as_deref())
    }

    /// Whether the status is 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// Whether the status is a 5xx server error.
    pub fn is_server_error(&self) -> bool {
        self.status().is_some_and(|status| status.is_server_error())
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Transport(error) if error.kind == TransportErrorKind::Timeout)
    }

    /// Whether the connection could not be made.
    pub fn is_connect(&self) -> bool {
        matches!(self, Self::Transport(error) if error.kind == TransportErrorKind::Connect)
    }

    /// Whether retrying the same request may succeed: connection failures (before or after the
    /// connection was made), timeouts, 408, 409, 429 (except `insufficient_quota`) and 5xx, as
    /// the official SDKs retry.
    pub fn is_retryable(&self) -> bool {
        if let Self::Transport(error) = self {
            return error.kind != TransportErrorKind::Other;
        }
        match self.status() {
            Some(StatusCode::REQUEST_TIMEOUT | StatusCode::CONFLICT) => true,
            Some(StatusCode::TOO_MANY_REQUESTS) => self.code() != Some("insufficient_quota"),
            Some(status) => status.is_server_error(),
            None => false,
        }
    }

    /// Replaces every occurrence of `secret`, and every piece of it of 8 or more bytes, in the
    /// error's texts (messages, body snippets, error fields, kept headers) with `<redacted>`, as
    /// well as the credentials of any URL: [`Redactor::redact_error`] with this one secret.
    /// `Client::send` (feature `reqwest`) redacts with [`Redactor::for_request`]; do the same
    /// when you send requests yourself.
    pub fn redact(self, secret: &str) -> Self {
        Redactor::new().with_secret(secret).redact_error(self)
    }
}

/// An error and its sources, joined by `": "`.
pub(crate) fn error_chain(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(next) = source {
        let next_text = next.to_string();
        if !text.contains(&next_text) {
            text.push_str(": ");
            text.push_str(&next_text);
        }
        source = next.source();
    }
    text
}

/// Writes ` (request id …, retry after …)` when there is anything to say.
fn write_meta_details(f: &mut fmt::Formatter<'_>, meta: &ResponseMeta, extra: &[(&str, Option<&str>)]) -> fmt::Result {
    let mut first = true;
    let mut item = |f: &mut fmt::Formatter<'_>, label: &str, value: &dyn fmt::Display| {
        let lead = if first { " (" } else { ", " };
        first = false;
        write!(f, "{lead}{label} {value}")
    };
    for (label, value) in extra {
        if let Some(value) = value {
            item(f, label, value)?;
        }
    }
    if let Some(request_id) = &meta.request_id {
        item(f, "request id", request_id)?;
    }
    if let Some(retry_after) = meta.retry_after {
        item(f, "retry after", &format_args!("{:.3}s", retry_after.as_secs_f64()))?;
    }
    if first {
        Ok(())
    } else {
        f.write_str(")")
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(error) => {
                write!(f, "OpenAI API error, HTTP {}", error.meta.status)?;
                let body = &error.error;
                write_meta_details(
                    f,
                    &error.meta,
                    &[
                        ("type", body.error_type.as_deref()),
                        ("code", body.code.as_deref()),
                        ("param", body.param.as_deref()),
                    ],
                )?;
                write!(f, ": {}", body.message)
            }
            Self::Decode(error) => {
                let what = match error.category {
                    DecodeErrorCategory::Syntax | DecodeErrorCategory::Eof | DecodeErrorCategory::Io => {
                        "not valid JSON"
                    }
                    DecodeErrorCategory::Data => "JSON of the wrong shape",
                };
                write!(f, "the response of {} (HTTP {}) is {what}", error.operation_id, error.meta.status)?;
                write_meta_details(f, &error.meta, &[])?;
                write!(f, ": at `{}`: {}; body: {}", error.path, error.message, error.snippet)
            }
            Self::Status(error) => {
                write!(f, "HTTP {} without an API error body", error.meta.status)?;
                write_meta_details(f, &error.meta, &[])?;
                if error.snippet.is_empty() {
                    f.write_str(": empty body")
                } else {
                    write!(f, ": {}", error.snippet)
                }
            }
            Self::BodyTooLarge(error) => {
                write!(
                    f,
                    "the response body (HTTP {}) is larger than the limit of {} bytes: {} bytes read",
                    error.meta.status, error.limit, error.read
                )?;
                let content_length = error.content_length.map(|length| length.to_string());
                write_meta_details(f, &error.meta, &[("Content-Length", content_length.as_deref())])
            }
            Self::Transport(error) => write!(f, "transport error: {error}"),
            Self::Request(error) => write!(f, "could not build the request: {error}"),
        }
    }
}

impl StdError for ApiError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Self::Transport(error) => error.source(),
            _ => None,
        }
    }
}
