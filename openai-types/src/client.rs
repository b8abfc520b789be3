//! A ready async client (feature `reqwest`): [`build_request_with`](crate::api::build_request_with),
//! [`reqwest`] and [`parse_response_with_meta_redacted`] put together.
//!
//! ```no_run
//! # async fn run() -> Result<(), openai_types::ApiError> {
//! use openai_types::{Client, ConversationCreateParams};
//!
//! let client = Client::from_env()?;
//! let conversation = client.send(&ConversationCreateParams::new()).await?;
//! println!("{}", conversation.id);
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::hash::BuildHasher;
use std::time::{Duration, SystemTime};

use crate::api::{
    build_request_unredacted, error_chain, parse_response_with_meta_redacted, ApiConfig, ApiError, ApiKey, ApiResponse,
    BodyTooLargeError, Redactor, RequestError, ResponseMeta, TransportError, TransportErrorKind,
};
use crate::runtime::Endpoint;
use http::header::{HeaderValue, USER_AGENT};

/// The reqwest version the client is built on, for [`Client::with_http_client`].
pub use reqwest;

/// How many bytes of a response body the client reads by default: 64 MiB.
///
/// The responses of these endpoints are JSON objects: a conversation, a token count, a compacted
/// response. The largest, a compacted response, carries the encrypted summary and the user
/// messages it kept, images included when they were sent inline, so it can reach megabytes; 64
/// MiB leaves a wide margin above that. Without a limit a faulty or hostile server (or proxy)
/// could make every request hold hundreds of MiB; with this one a client holds at most 64 MiB
/// per request in flight. Change it with [`Client::with_max_response_bytes`].
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// How long one attempt of a request may take by default: 600 s, as in OpenAI's Python SDK
/// (responses of large models can take minutes).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

/// How many times a failed request is retried by default: 2, as in OpenAI's Python SDK.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// The `User-Agent` sent by default: `openai-types/<version>`.
pub const DEFAULT_USER_AGENT: &str = concat!("openai-types/", env!("CARGO_PKG_VERSION"));

/// The first wait between attempts, doubled for each further retry (as the Python SDK).
const INITIAL_RETRY_DELAY: Duration = Duration::from_millis(500);

/// The longest computed wait between attempts (as the Python SDK).
const MAX_RETRY_DELAY: Duration = Duration::from_secs(8);

/// The longest wait taken from `retry-after-ms` / `retry-after`: a server asking for more gets
/// this much, so that a wrong or hostile header cannot stall a call for hours.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// An async client for the API: sends any operation ([`Endpoint`]) with [`Client::send`].
///
/// Cheap to clone (the connection pool is shared). `Debug` never shows the API key.
///
/// # Retries, timeouts, `User-Agent`
///
/// - **Retries.** A request that fails with a connection error, a timeout, 408, 409, 429 (except
///   `insufficient_quota`) or a 5xx ([`ApiError::is_retryable`]) is sent again, up to
///   [`DEFAULT_MAX_RETRIES`] more times ([`Client::with_max_retries`]; 0 disables retries). The
///   wait before a retry is what the server asked for in `retry-after-ms` or `retry-after` (in
///   seconds; at most [`MAX_RETRY_AFTER`]), else 0.5 s doubled per retry up to 8 s, less a random
///   0–25 % so that clients do not retry in step.
/// - **Idempotency.** The operations here are `POST`s, and they are retried as OpenAI's official
///   SDKs retry them. A request whose first attempt reached the server but whose answer was
///   lost (a timeout, a dropped connection) may be carried out twice: a retried
///   `POST /conversations` can create two conversations. Where that matters, set
///   `with_max_retries(0)` (for one call: [`RequestOptions::with_max_retries`]).
/// - **Timeouts.** Each attempt may take [`DEFAULT_TIMEOUT`] (600 s), from connecting to reading
///   the whole body ([`Client::with_timeout`]; for one call: [`RequestOptions::with_timeout`]).
/// - **`User-Agent`.** [`DEFAULT_USER_AGENT`] (`openai-types/<version>`), unless
///   [`Client::with_user_agent`] sets another (for one call: a `User-Agent`
///   [extra header](RequestOptions::with_extra_header)).
#[derive(Clone)]
pub struct Client {
    config: ApiConfig,
    timeout: Duration,
    max_retries: u32,
    max_response_bytes: u64,
    user_agent: String,
    http: reqwest::Client,
}

/// Settings for one call of [`Client::send_with`]: its timeout, retries, and extra headers, query
/// parameters and body fields. The same type as [`crate::api::RequestOptions`], whose extras
/// [`build_request_with`](crate::api::build_request_with) applies for any HTTP client.
pub use crate::api::RequestOptions;

impl Client {
    /// A client with the given API key against `https://api.openai.com/v1`, the default timeout,
    /// retries and `User-Agent`, and reqwest's default settings (including proxies from the
    /// environment).
    pub fn new(api_key: impl Into<ApiKey>) -> Self {
        Self::from_config(ApiConfig::new(api_key))
    }

    /// A client with the given configuration.
    pub fn from_config(config: ApiConfig) -> Self {
        Self {
            config,
            timeout: DEFAULT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// A client configured from the environment: `OPENAI_API_KEY` (required, an error if missing
    /// or empty), `OPENAI_BASE_URL`, `OPENAI_ORG_ID` and `OPENAI_PROJECT_ID` (optional; empty
    /// counts as unset).
    pub fn from_env() -> Result<Self, ApiError> {
        let var = |name: &str| match std::env::var(name) {
            Ok(value) => Ok(Some(value)),
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(ApiError::from(RequestError::new(format!("the environment variable {name} is not valid Unicode"))))
            }
        };
        Ok(Self::from_config(config_from_values(
            var("OPENAI_API_KEY")?,
            var("OPENAI_BASE_URL")?,
            var("OPENAI_ORG_ID")?,
            var("OPENAI_PROJECT_ID")?,
        )?))
    }

    /// Sets the base URL (`https://api.openai.com/v1` by default).
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.config = self.config.with_base_url(base_url);
        self
    }

    /// Sets the organization, sent as `OpenAI-Organization`.
    pub fn with_organization(mut self, organization: impl Into<String>) -> Self {
        self.config = self.config.with_organization(organization);
        self
    }

    /// Sets the project, sent as `OpenAI-Project`.
    pub fn with_project(mut self, project: impl Into<String>) -> Self {
        self.config = self.config.with_project(project);
        self
    }

    /// Sets the timeout of each attempt of a request, from connecting to reading the whole
    /// response ([`DEFAULT_TIMEOUT`] by default).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets how many times a failed request is retried ([`DEFAULT_MAX_RETRIES`] by default; 0
    /// disables retries). See [retries](Client#retries-timeouts-user-agent) for what is retried.
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Sets the `User-Agent` header ([`DEFAULT_USER_AGENT`] by default). A value that is not a
    /// valid header value makes every call an [`ApiError::Request`].
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sets how many bytes of a response body are read ([`DEFAULT_MAX_RESPONSE_BYTES`] by
    /// default). A response that announces a larger `Content-Length` is not read at all; one that
    /// sends more than this stops being read as soon as it does; both give
    /// [`ApiError::BodyTooLarge`]. The limit counts the bytes as received.
    pub fn with_max_response_bytes(mut self, max_response_bytes: u64) -> Self {
        self.max_response_bytes = max_response_bytes;
        self
    }

    /// Uses this reqwest client (for proxies, TLS roots, connection pool settings …). The
    /// timeout, retries and `User-Agent` of this client still apply to each request.
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    /// The configuration (base URL, key, organization, project).
    pub fn config(&self) -> &ApiConfig {
        &self.config
    }

    /// The timeout of each attempt.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// How many times a failed request is retried.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The `User-Agent` sent.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// The most bytes of a response body the client reads.
    pub fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }

    /// Sends one operation and reads its typed response, retrying as the client is set to. Errors
    /// never contain the API key, any piece of it, or the credentials of the base URL
    /// ([`Redactor::for_request`]). [`Client::send_with_response`] also returns the response's
    /// request id, rate limits and headers.
    pub async fn send<E: Endpoint>(&self, request: &E) -> Result<E::Response, ApiError> {
        self.send_with(request, &RequestOptions::new()).await
    }

    /// [`Client::send`] with this call's own timeout, retries, and extra headers, query
    /// parameters and body fields ([`RequestOptions`]; the extras are applied as
    /// [`build_request_with`](crate::api::build_request_with) says). Errors are redacted with
    /// [`Redactor::for_request`], so the values of credential extra headers stay out of them too.
    ///
    /// ```no_run
    /// # async fn run(client: openai_types::Client) -> Result<(), openai_types::ApiError> {
    /// use openai_types::client::RequestOptions;
    /// use openai_types::ConversationCreateParams;
    ///
    /// let options = RequestOptions::new().with_max_retries(0).with_extra_header("OpenAI-Beta", "conversations=v2");
    /// let conversation = client.send_with(&ConversationCreateParams::new(), &options).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn send_with<E: Endpoint>(&self, request: &E, options: &RequestOptions) -> Result<E::Response, ApiError> {
        self.send_with_response_and_options(request, options).await.map(ApiResponse::into_value)
    }

    /// [`Client::send`], returning the parsed body with the response's status, request id, rate
    /// limits and headers ([`ApiResponse`]), which otherwise only errors carry.
    ///
    /// ```no_run
    /// # async fn run(client: openai_types::Client) -> Result<(), openai_types::ApiError> {
    /// use openai_types::ConversationCreateParams;
    ///
    /// let response = client.send_with_response(&ConversationCreateParams::new()).await?;
    /// println!("created {} in request {:?}", response.value.id, response.request_id());
    /// println!("requests left: {:?}", response.rate_limit().remaining_requests);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn send_with_response<E: Endpoint>(&self, request: &E) -> Result<ApiResponse<E::Response>, ApiError> {
        self.send_with_response_and_options(request, &RequestOptions::new()).await
    }

    /// [`Client::send_with_response`] with this call's [`RequestOptions`], as
    /// [`Client::send_with`] takes them.
    ///
    /// ```no_run
    /// # async fn run(client: openai_types::Client) -> Result<(), openai_types::ApiError> {
    /// use openai_types::client::RequestOptions;
    /// use openai_types::InputTokenCountParams;
    ///
    /// let options = RequestOptions::new().with_extra_body("future_option", true);
    /// let params = InputTokenCountParams::new().with_model("gpt-5").with_input("Hi");
    /// let response = client.send_with_response_and_options(&params, &options).await?;
    /// println!("{} tokens, request {:?}", response.value.input_tokens, response.request_id());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn send_with_response_and_options<E: Endpoint>(
        &self,
        request: &E,
        options: &RequestOptions,
    ) -> Result<ApiResponse<E::Response>, ApiError> {
        let redactor = Redactor::for_request(&self.config, options);
        self.send_unredacted(request, options, &redactor).await.map_err(|error| redactor.redact_error(error))
    }

    async fn send_unredacted<E: Endpoint>(
        &self,
        request: &E,
        options: &RequestOptions,
        redactor: &Redactor,
    ) -> Result<ApiResponse<E::Response>, ApiError> {
        let mut request = build_request_unredacted(request, &self.config, options, redactor)?;
        // An extra `User-Agent` header of this call wins over the client's.
        if !request.headers().contains_key(USER_AGENT) {
            let user_agent = HeaderValue::try_from(self.user_agent.as_str())
                .map_err(|_| RequestError::new("the User-Agent is not a valid HTTP header value"))?;
            request.headers_mut().insert(USER_AGENT, user_agent);
        }
        let mut request = reqwest::Request::try_from(request)
            .map_err(|error| RequestError::new(format!("invalid request: {}", error_chain(&error))))?;
        *request.timeout_mut() = Some(options.timeout.unwrap_or(self.timeout));
        let max_retries = options.max_retries.unwrap_or(self.max_retries);
        let mut retries = 0;
        loop {
            // The body is bytes, so the copy shares them.
            let attempt = request
                .try_clone()
                .ok_or_else(|| RequestError::new("the request body cannot be sent more than once"))?;
            match self.attempt::<E>(attempt, redactor).await {
                Err(error) if retries < max_retries && error.is_retryable() => {
                    tokio::time::sleep(retry_delay(retries, error.retry_after(), jitter())).await;
                    retries += 1;
                }
                result => return result,
            }
        }
    }

    /// One attempt: send, read the body within the limit, parse.
    async fn attempt<E: Endpoint>(
        &self,
        request: reqwest::Request,
        redactor: &Redactor,
    ) -> Result<ApiResponse<E::Response>, ApiError> {
        let mut response = self.http.execute(request).await.map_err(transport_error)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = read_body(&mut response, self.max_response_bytes).await?;
        parse_response_with_meta_redacted::<E>(status, &headers, &body, redactor)
    }
}

/// The wait before retry number `retry + 1`: the server's `retry_after` (capped at
/// [`MAX_RETRY_AFTER`]) when it gave a positive one, else the exponential backoff less
/// `jitter` (in `[0, 1)`) × 25 %.
fn retry_delay(retry: u32, retry_after: Option<Duration>, jitter: f64) -> Duration {
    if let Some(wait) = retry_after.filter(|wait| !wait.is_zero()) {
        return wait.min(MAX_RETRY_AFTER);
    }
    let backoff = INITIAL_RETRY_DELAY.saturating_mul(1 << retry.min(16)).min(MAX_RETRY_DELAY);
    backoff.mul_f64(1.0 - 0.25 * jitter.clamp(0.0, 1.0))
}

/// A number in `[0, 1)` that differs between calls and processes, without a random number crate:
/// std's `RandomState` is seeded by the operating system and changes with every instance; the
/// clock adds more. Jitter only has to keep clients from retrying in step.
fn jitter() -> f64 {
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |since| since.as_nanos());
    let bits = std::collections::hash_map::RandomState::new().hash_one(nanos) >> 11;
    // 53 bits: every value is exact as an f64.
    bits as f64 / (1u64 << 53) as f64
}

/// Reads a response body, chunk by chunk, up to `limit` bytes.
async fn read_body(response: &mut reqwest::Response, limit: u64) -> Result<Vec<u8>, ApiError> {
    let content_length = response.content_length();
    let too_large = |response: &reqwest::Response, read: u64| {
        let meta = ResponseMeta::from_parts(response.status(), response.headers());
        ApiError::BodyTooLarge(Box::new(BodyTooLargeError::new(meta, limit, read, content_length)))
    };
    if content_length.is_some_and(|length| length > limit) {
        return Err(too_large(response, 0));
    }
    // Content-Length may lie, so it only sizes the first allocation, and not beyond 1 MiB.
    let capacity = content_length.unwrap_or(0).min(limit).min(1 << 20);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
        let read = body.len() as u64 + chunk.len() as u64;
        if read > limit {
            return Err(too_large(response, read));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("user_agent", &self.user_agent)
            .finish_non_exhaustive()
    }
}

/// A reqwest error as a [`TransportError`], without the credentials of its URL (its text and
/// `Debug` show the URL; the rest of the text is redacted with the other errors).
fn transport_error(mut error: reqwest::Error) -> ApiError {
    if let Some(url) = error.url_mut() {
        // These fail only for URLs that cannot have credentials: nothing to remove then.
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_request() || error.is_body() || error.is_decode() {
        // Sending the request or reading the response failed on a connection that was made.
        TransportErrorKind::Interrupted
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, error_chain(&error)).with_source(error).into()
}

/// The configuration `from_env` makes of the variables' values.
fn config_from_values(
    api_key: Option<String>,
    base_url: Option<String>,
    organization: Option<String>,
    project: Option<String>,
) -> Result<ApiConfig, ApiError> {
    let set = |value: Option<String>| value.map(|value| value.trim().to_owned()).filter(|value| !value.is_empty());
    let api_key =
        set(api_key).ok_or_else(|| RequestError::new("the environment variable OPENAI_API_KEY is not set"))?;
    let mut config = ApiConfig::new(api_key);
    if let Some(base_url) = set(base_url) {
        config = config.with_base_url(base_url);
    }
    if let Some(organization) = set(organization) {
        config = config.with_organization(organization);
    }
    if let Some(project) = set(project) {
        config = config.with_project(project);
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_values_make_the_configuration() {
        let config = config_from_values(
            Some("sk-env".into()),
            Some("http://127.0.0.1:9/v1".into()),
            None,
            Some(" proj ".into()),
        )
        .unwrap();
        assert_eq!(config.api_key().expose_secret(), "sk-env");
        assert_eq!(config.base_url(), "http://127.0.0.1:9/v1");
        assert_eq!(config.organization(), None);
        assert_eq!(config.project(), Some("proj"));

        let config = config_from_values(Some("sk-env".into()), Some(String::new()), Some(String::new()), None).unwrap();
        assert_eq!(config.base_url(), crate::api::DEFAULT_BASE_URL);
        assert_eq!(config.organization(), None);
    }

    #[test]
    fn retry_waits_back_off_and_honour_the_server() {
        let ms = Duration::from_millis;
        // Exponential, less up to a quarter, capped at 8 s.
        assert_eq!(retry_delay(0, None, 0.0), ms(500));
        assert_eq!(retry_delay(1, None, 0.0), ms(1000));
        assert_eq!(retry_delay(2, None, 1.0), ms(1500));
        assert_eq!(retry_delay(5, None, 0.0), ms(8000));
        assert_eq!(retry_delay(u32::MAX, None, 0.0), ms(8000));
        // The server's wait, capped at 60 s; a zero one is ignored.
        assert_eq!(retry_delay(0, Some(ms(10)), 0.5), ms(10));
        assert_eq!(retry_delay(4, Some(ms(2500)), 0.5), ms(2500));
        assert_eq!(retry_delay(0, Some(Duration::from_secs(86_400)), 0.5), MAX_RETRY_AFTER);
        assert_eq!(retry_delay(0, Some(Duration::ZERO), 0.0), ms(500));
    }

    #[test]
    fn jitter_is_in_range_and_varies() {
        let draws: Vec<f64> = (0..64).map(|_| jitter()).collect();
        assert!(draws.iter().all(|draw| (0.0..1.0).contains(draw)), "{draws:?}");
        let mut distinct = draws.clone();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        assert!(distinct.len() > 60, "{draws:?}");
    }

    #[test]
    fn a_missing_key_is_an_error() {
        for key in [None, Some(String::new()), Some("  ".into())] {
            let error = config_from_values(key, None, None, None).unwrap_err();
            assert!(matches!(error, ApiError::Request(_)));
            assert!(error.to_string().contains("OPENAI_API_KEY"), "{error}");
        }
    }
}
