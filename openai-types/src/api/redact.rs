//! Keeping secrets out of every text an error or a `Debug` output shows: the one place that
//! rewrites such text.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;

use http::header::{HeaderMap, HeaderValue};

use super::{ApiConfig, ApiError, RequestOptions, ResponseMeta, REDACTED};

/// The shortest piece of a secret that is redacted on its own. A server that echoes a key in part
/// (`sk-abc…xyz`), or a body cut in the middle of a key, shows a piece of it; 8 characters is
/// where a piece starts to say something about the key, and short enough that no such piece
/// survives.
const MIN_PIECE: usize = 8;

/// Extra headers whose values are credentials whatever they look like (Azure OpenAI's `api-key`,
/// a gateway's key, a proxy's token, a session): [`Redactor::for_request`] keeps them secret.
const CREDENTIAL_HEADERS: [&str; 4] = ["api-key", "x-api-key", "proxy-authorization", "cookie"];

/// The secrets errors must not show, and the one place that takes them out of text.
///
/// [`Redactor::redact`] replaces with `<redacted>`
/// - every occurrence of a secret;
/// - every piece of a secret of 8 or more bytes (a prefix at a cut, a server's partial echo
///   `sk-abc…xyz`, any other fragment);
/// - the credentials of any URL (`http://user:pw@host` → `http://<redacted>@host`), whatever
///   they are.
///
/// [`Redactor::redact_error`] applies it to every text an [`ApiError`] holds. The `Client`
/// (feature `reqwest`) redacts its errors with [`Redactor::for_request`] (which is
/// [`Redactor::for_config`] when a call has no credential extra headers); do the same when you
/// send requests yourself (or use [`parse_response_redacted`](super::parse_response_redacted)).
///
/// ```
/// use openai_types::api::{ApiConfig, Redactor};
///
/// let key = "sk-proj-0123456789abcdefghijklmnopqrstuvwxyz";
/// let config = ApiConfig::new(key).with_base_url("https://proxy-user:proxy-password@proxy.example/v1");
/// let redactor = Redactor::for_config(&config);
/// assert_eq!(redactor.redact("bad key sk-proj-0123…wxyz"), "bad key <redacted>…wxyz");
/// assert_eq!(redactor.redact("no such host https://u:p@x.example/v1"), "no such host https://<redacted>@x.example/v1");
/// assert_eq!(redactor.redact("nothing to hide"), "nothing to hide");
/// ```
#[derive(Clone, Default)]
pub struct Redactor {
    /// The secrets, each replaced wherever it occurs whole (even when shorter than a piece).
    secrets: Vec<String>,
    /// Every window of [`MIN_PIECE`] bytes of every secret, as a number, sorted: a piece of 8 or
    /// more bytes is a run of such windows, so one lookup per byte of the text finds them all,
    /// in time linear in the text.
    windows: Vec<u64>,
    /// A bit for each pair of bytes that starts a window: most places of a text are ruled out by
    /// one bit test instead of a search (several times faster on text without secrets).
    starts: Vec<u64>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor").field("secrets", &self.secrets.len()).finish()
    }
}

impl Redactor {
    /// A redactor with no secrets: it still removes the credentials of URLs.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a secret (an empty one is ignored).
    pub fn with_secret(mut self, secret: impl Into<String>) -> Self {
        let secret = secret.into();
        if secret.is_empty() || self.secrets.contains(&secret) {
            return self;
        }
        for window in secret.as_bytes().windows(MIN_PIECE) {
            self.windows.push(window_key(window));
            if self.starts.is_empty() {
                self.starts = vec![0; (1 << 16) / 64];
            }
            let pair = pair_index(window);
            self.starts[pair / 64] |= 1 << (pair % 64);
        }
        self.windows.sort_unstable();
        self.windows.dedup();
        self.secrets.push(secret);
        // Longest first, so that a secret that contains another is replaced whole.
        self.secrets.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
        self
    }

    /// The length in bytes of the longest secret (0 without secrets).
    pub(crate) fn longest_secret(&self) -> usize {
        self.secrets.first().map_or(0, String::len)
    }

    /// The secrets of a configuration: the API key, and the password of its base URL (as written
    /// and percent-decoded) and its user name when it is long enough to be a token (a short one,
    /// `user`, would redact ordinary words; it is still removed from every URL).
    pub fn for_config(config: &ApiConfig) -> Self {
        let mut redactor = Self::new().with_secret(config.api_key().expose_secret());
        if let Some((user, password)) = url_credentials(config.base_url()) {
            let mut add = |secret: &str| {
                redactor = std::mem::take(&mut redactor).with_secret(secret).with_secret(percent_decode(secret));
            };
            if let Some(password) = password {
                add(password);
            }
            if user.len() >= MIN_PIECE {
                add(user);
            }
        }
        redactor
    }

    /// The secrets of one call: those of [`Redactor::for_config`], and the values of the
    /// credential headers among the extra headers of `options` (`api-key`, `x-api-key`,
    /// `proxy-authorization`, `cookie`). [`build_request_with`](super::build_request_with) marks
    /// every extra header value that shows one of them sensitive, and the `Client` (feature
    /// `reqwest`) redacts its errors with it.
    ///
    /// ```
    /// use openai_types::api::{ApiConfig, Redactor, RequestOptions};
    ///
    /// let config = ApiConfig::new("unused");
    /// let options = RequestOptions::new().with_extra_header("api-key", "azure-key-0123456789");
    /// let redactor = Redactor::for_request(&config, &options);
    /// assert_eq!(redactor.redact("key azure-key-0123456789 refused"), "key <redacted> refused");
    /// ```
    pub fn for_request(config: &ApiConfig, options: &RequestOptions) -> Self {
        let mut redactor = Self::for_config(config);
        for (name, value) in &options.extra_headers {
            if CREDENTIAL_HEADERS.iter().any(|credential| name.trim().eq_ignore_ascii_case(credential)) {
                redactor = redactor.with_secret(value.trim());
            }
        }
        redactor
    }

    /// Whether `text` shows a secret, a piece of one or a URL's credentials.
    pub(crate) fn holds_secret(&self, text: &str) -> bool {
        matches!(self.redact(text), Cow::Owned(_))
    }

    /// `text` with every secret, every piece of one and every URL's credentials replaced by
    /// `<redacted>`; borrowed when there was nothing to replace.
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut spans = Vec::new();
        if !self.windows.is_empty() {
            for (start, window) in text.as_bytes().windows(MIN_PIECE).enumerate() {
                let pair = pair_index(window);
                if self.starts[pair / 64] & (1 << (pair % 64)) != 0
                    && self.windows.binary_search(&window_key(window)).is_ok()
                {
                    spans.push((start, start + MIN_PIECE));
                }
            }
        }
        for secret in &self.secrets {
            spans.extend(text.match_indices(secret.as_str()).map(|(start, found)| (start, start + found.len())));
        }
        spans.extend(url_userinfo_spans(text));
        if spans.is_empty() {
            return Cow::Borrowed(text);
        }
        // A piece found byte-wise may start or end inside a character: take the whole one.
        for span in &mut spans {
            *span = (floor_char_boundary(text, span.0), ceil_char_boundary(text, span.1));
        }
        spans.sort_unstable();
        let mut redacted = String::with_capacity(text.len());
        let mut done = 0;
        let mut spans = spans.into_iter().peekable();
        while let Some((start, mut end)) = spans.next() {
            // Overlapping and touching spans are one: `<redacted>` once.
            while let Some(&(next_start, next_end)) = spans.peek() {
                if next_start > end {
                    break;
                }
                end = end.max(next_end);
                spans.next();
            }
            redacted.push_str(&text[done..start]);
            redacted.push_str(REDACTED);
            done = end;
        }
        redacted.push_str(&text[done..]);
        Cow::Owned(redacted)
    }

    /// Redacts a text in place.
    fn scrub(&self, text: &mut String) {
        if let Cow::Owned(redacted) = self.redact(text) {
            *text = redacted;
        }
    }

    /// `error` with every text it holds redacted: messages, body snippets, the API error's fields
    /// (keys and strings of its extra fields too), the response headers it keeps, transport
    /// messages and the texts of their sources.
    pub fn redact_error(&self, mut error: ApiError) -> ApiError {
        match &mut error {
            ApiError::Api(error) => {
                let body = &mut error.error;
                self.scrub(&mut body.message);
                for field in [&mut body.error_type, &mut body.param, &mut body.code].into_iter().flatten() {
                    self.scrub(field);
                }
                self.redact_map(&mut body.extra_fields);
                self.redact_meta(&mut error.meta);
            }
            ApiError::Decode(error) => {
                self.scrub(&mut error.path);
                self.scrub(&mut error.message);
                self.scrub(&mut error.snippet);
                self.redact_meta(&mut error.meta);
            }
            ApiError::Status(error) => {
                self.scrub(&mut error.snippet);
                self.redact_meta(&mut error.meta);
            }
            ApiError::BodyTooLarge(error) => self.redact_meta(&mut error.meta),
            ApiError::Transport(error) => {
                self.scrub(&mut error.message);
                // A source's text cannot be rewritten: when it (or its Debug output) shows a
                // secret, it is replaced by the chain of its redacted texts.
                if let Some(source) = &error.source {
                    let shown = format!("{} {source:?}", super::error_chain(&**source));
                    if matches!(self.redact(&shown), Cow::Owned(_)) {
                        error.source = Some(Box::new(RedactedSource::of(&**source, self)));
                    }
                }
            }
            ApiError::Request(error) => self.scrub(&mut error.message),
        }
        error
    }

    /// Redacts the texts of a [`ResponseMeta`]: the headers it keeps, whole and read out.
    fn redact_meta(&self, meta: &mut ResponseMeta) {
        for text in [&mut meta.request_id, &mut meta.rate_limit.reset_requests, &mut meta.rate_limit.reset_tokens]
            .into_iter()
            .flatten()
        {
            self.scrub(text);
        }
        self.redact_headers(&mut meta.headers);
    }

    /// Redacts every header value. A header whose name shows a secret is left out: no name can
    /// hold `<redacted>`.
    fn redact_headers(&self, headers: &mut HeaderMap) {
        let mut current = None;
        for (name, value) in std::mem::take(headers) {
            // The map's iterator names the first value of each header only.
            if name.is_some() {
                current = name;
            }
            let Some(name) = current.as_ref().filter(|name| !self.holds_secret(name.as_str())) else {
                continue;
            };
            // Values need not be UTF-8; a secret is, and the lossy text keeps it.
            let value = match self.redact(&String::from_utf8_lossy(value.as_bytes())) {
                Cow::Borrowed(_) => value,
                Cow::Owned(redacted) => {
                    HeaderValue::try_from(redacted).unwrap_or_else(|_| HeaderValue::from_static(REDACTED))
                }
            };
            headers.append(name.clone(), value);
        }
    }

    /// Redacts every string in a JSON value (its depth is bounded by serde_json's recursion limit).
    fn redact_value(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(text) => self.scrub(text),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|item| self.redact_value(item)),
            serde_json::Value::Object(map) => self.redact_map(map),
            _ => {}
        }
    }

    /// Redacts every key and string of a JSON object.
    fn redact_map(&self, map: &mut serde_json::Map<String, serde_json::Value>) {
        for (key, mut item) in std::mem::take(map) {
            self.redact_value(&mut item);
            map.insert(self.redact(&key).into_owned(), item);
        }
    }
}

/// Eight bytes as one number, for the sorted window table.
fn window_key(window: &[u8]) -> u64 {
    let mut bytes = [0; MIN_PIECE];
    bytes.copy_from_slice(window);
    u64::from_le_bytes(bytes)
}

/// The first two bytes of a window as one number.
fn pair_index(window: &[u8]) -> usize {
    (usize::from(window[0]) << 8) | usize::from(window[1])
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// Where a URL's authority ends: the first of these, or white space.
fn ends_authority(c: char) -> bool {
    c.is_whitespace() || matches!(c, '/' | '?' | '#' | '"' | '\'' | '<' | '>' | '`' | '\\')
}

/// The byte ranges of the credentials (`user:pw` of `scheme://user:pw@host`) of every URL in `text`.
fn url_userinfo_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    text.match_indices("://").filter_map(move |(at, separator)| {
        let start = at + separator.len();
        let rest = &text[start..];
        let authority = &rest[..rest.find(ends_authority).unwrap_or(rest.len())];
        // The last `@`: a password may hold an unencoded one, a host never does.
        authority.rfind('@').filter(|&end| end > 0).map(|end| (start, start + end))
    })
}

/// The user name and password of a URL (`scheme://user:pw@host…`), if it has credentials.
fn url_credentials(url: &str) -> Option<(&str, Option<&str>)> {
    let (start, end) = url_userinfo_spans(url).next()?;
    let userinfo = &url[start..end];
    Some(match userinfo.split_once(':') {
        Some((user, password)) => (user, Some(password).filter(|password| !password.is_empty())),
        None => (userinfo, None),
    })
}

/// `%XX` escapes decoded (invalid UTF-8 replaced), as a server may show the credentials decoded.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escape = bytes.get(index + 1..index + 3).filter(|_| bytes[index] == b'%');
        match escape.and_then(|hex| std::str::from_utf8(hex).ok()).and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
            Some(byte) => {
                decoded.push(byte);
                index += 3;
            }
            None => {
                decoded.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// The redacted texts of an error's source chain, standing in for a source that showed a secret.
#[derive(Debug)]
struct RedactedSource {
    message: String,
    source: Option<Box<RedactedSource>>,
}

impl RedactedSource {
    fn of(error: &(dyn StdError + 'static), redactor: &Redactor) -> Self {
        Self {
            message: redactor.redact(&error.to_string()).into_owned(),
            source: error.source().map(|source| Box::new(Self::of(source, redactor))),
        }
    }
}

impl fmt::Display for RedactedSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for RedactedSource {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|source| source as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "sk-0123456789abcdefghij";

    #[test]
    fn whole_secrets_pieces_and_url_credentials() {
        let redactor = Redactor::new().with_secret(KEY).with_secret("pw");
        assert_eq!(redactor.redact("key sk-0123456789abcdefghij."), "key <redacted>.");
        assert_eq!(redactor.redact("cut sk-01234"), "cut <redacted>");
        assert_eq!(redactor.redact("cut sk-0123"), "cut sk-0123", "7 bytes are not a piece");
        assert_eq!(redactor.redact("echo sk-012…cdefghij"), "echo sk-012…<redacted>");
        assert_eq!(redactor.redact("echo sk-012…defghij"), "echo sk-012…defghij");
        assert_eq!(redactor.redact("middle 56789abc!"), "middle <redacted>!");
        assert_eq!(redactor.redact("pw and pw"), "<redacted> and <redacted>");
        assert_eq!(redactor.redact("http://a:b@h/x https://h/y a@b"), "http://<redacted>@h/x https://h/y a@b");
        assert_eq!(redactor.redact("(http://u:p@ss@h)"), "(http://<redacted>@h)");
        assert_eq!(redactor.redact("é sk-0123456789é"), "é <redacted>é");
        assert!(matches!(redactor.redact("nothing here"), Cow::Borrowed(_)));
        assert_eq!(Redactor::new().redact("sk-0123456789abcdefghij"), "sk-0123456789abcdefghij");
        assert!(!format!("{redactor:?}").contains("sk-"));
    }

    #[test]
    fn a_configuration_gives_its_key_and_url_credentials() {
        let config = ApiConfig::new(KEY).with_base_url("http://proxy-user-name:p%40ss-word@127.0.0.1:1/v1");
        let redactor = Redactor::for_config(&config);
        assert_eq!(redactor.redact("a p%40ss-word b p@ss-word c"), "a <redacted> b <redacted> c");
        assert_eq!(redactor.redact("proxy-user-name"), "<redacted>");
        let short = Redactor::for_config(&ApiConfig::new(KEY).with_base_url("http://user:pw@host/v1"));
        assert_eq!(short.redact("user pw"), "user <redacted>");
        assert_eq!(url_credentials("http://host/v1"), None);
        assert_eq!(url_credentials("http://user@host/v1"), Some(("user", None)));
    }
}
