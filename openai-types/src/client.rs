//! A ready async client (feature `reqwest`): [`build_request`] + [`reqwest`] + [`parse_response_redacted`].
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
use std::time::Duration;

use crate::api::{
    build_request, error_chain, parse_response_redacted, ApiConfig, ApiError, ApiKey, BodyTooLargeError, Redactor,
    RequestError, ResponseMeta, TransportError, TransportErrorKind,
};
use crate::runtime::Endpoint;

/// The reqwest version the client is built on, for [`Client::with_http_client`].
pub use reqwest;

/// How many bytes of a response body the client reads by default: 64 MiB.
///
/// The responses of these endpoints are JSON objects: a conversation, a token count, a compacted
/// response. The largest, a compacted response, carries the encrypted summary and the user
/// messages it kept, images included when they were sent inline — several MiB at most in
/// ordinary use, so 64 MiB leaves a wide margin. Without a limit a faulty or hostile server (or
/// proxy) could make every request hold hundreds of MiB; with this one a client holds at most
/// 64 MiB per request in flight. Change it with [`Client::with_max_response_bytes`].
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// An async client for the API: sends any operation ([`Endpoint`]) with [`Client::send`].
///
/// Cheap to clone (the connection pool is shared). `Debug` never shows the API key.
#[derive(Clone)]
pub struct Client {
    config: ApiConfig,
    timeout: Option<Duration>,
    max_response_bytes: u64,
    http: reqwest::Client,
}

impl Client {
    /// A client with the given API key against `https://api.openai.com/v1`, no timeout, and
    /// reqwest's default settings (including proxies from the environment).
    pub fn new(api_key: impl Into<ApiKey>) -> Self {
        Self::from_config(ApiConfig::new(api_key))
    }

    /// A client with the given configuration.
    pub fn from_config(config: ApiConfig) -> Self {
        Self { config, timeout: None, max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES, http: reqwest::Client::new() }
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

    /// Sets a timeout for each request, from sending it to reading the whole response.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
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
    /// timeout set with [`Client::with_timeout`] still applies to each request.
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    /// The configuration (base URL, key, organization, project).
    pub fn config(&self) -> &ApiConfig {
        &self.config
    }

    /// The per-request timeout, if set.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// The most bytes of a response body the client reads.
    pub fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }

    /// Sends one operation and reads its typed response. Errors never contain the API key, any
    /// piece of it, or the credentials of the base URL ([`Redactor::for_config`]).
    pub async fn send<E: Endpoint>(&self, request: &E) -> Result<E::Response, ApiError> {
        let redactor = Redactor::for_config(&self.config);
        self.send_unredacted(request, &redactor).await.map_err(|error| redactor.redact_error(error))
    }

    async fn send_unredacted<E: Endpoint>(&self, request: &E, redactor: &Redactor) -> Result<E::Response, ApiError> {
        let request = build_request(request, &self.config)?;
        let mut request = reqwest::Request::try_from(request)
            .map_err(|error| RequestError::new(format!("invalid request: {}", error_chain(&error))))?;
        if let Some(timeout) = self.timeout {
            *request.timeout_mut() = Some(timeout);
        }
        let mut response = self.http.execute(request).await.map_err(transport_error)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = read_body(&mut response, self.max_response_bytes).await?;
        parse_response_redacted::<E>(status, &headers, &body, redactor)
    }
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
            .field("max_response_bytes", &self.max_response_bytes)
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
    fn a_missing_key_is_an_error() {
        for key in [None, Some(String::new()), Some("  ".into())] {
            let error = config_from_values(key, None, None, None).unwrap_err();
            assert!(matches!(error, ApiError::Request(_)));
            assert!(error.to_string().contains("OPENAI_API_KEY"), "{error}");
        }
    }
}
