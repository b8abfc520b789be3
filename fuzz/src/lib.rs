//! The check every fuzz target runs, shared by the libFuzzer targets (`fuzz_targets/`), the
//! stable-toolchain mutation fuzzer (`src/bin/mutate.rs`) and the replay test
//! (`tests/replay.rs`).
//!
//! For one top-level type `T` and some bytes: if the bytes are UTF-8 and deserialize into `T`,
//! serialize the value, deserialize that text again and serialize again. The text must come back
//! identical and contain no duplicate keys. Anything else — or a panic anywhere on the way — is a
//! [`Finding`]. (A union may read the text it wrote as another variant when the variants overlap;
//! the text is what must not change.)
#![forbid(unsafe_code)]

pub mod json;
pub mod seeds;

use openai_types::{
    CompactedResponse, Conversation, ConversationCreateParams, InputTokenCountParams, InputTokenCountResponse,
    ResponseCompactParams, ResponseInputItem,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// What a union value was read as (`None` for structs).
pub trait VariantOf {
    fn variant_of(&self) -> Option<&'static str> {
        None
    }
}

impl VariantOf for ConversationCreateParams {}
impl VariantOf for Conversation {}
impl VariantOf for InputTokenCountParams {}
impl VariantOf for InputTokenCountResponse {}
impl VariantOf for ResponseCompactParams {}
impl VariantOf for CompactedResponse {}
impl VariantOf for ResponseInputItem {
    fn variant_of(&self) -> Option<&'static str> {
        Some(self.variant_name())
    }
}

/// What a check made of an input that is not a finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Not UTF-8: nothing to do.
    NotUtf8,
    /// Rejected by the type, with serde's message (no line and column).
    Rejected(String),
    /// Accepted, and the round trip is stable.
    Stable { variant: Option<&'static str> },
}

/// The kinds of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// A panic (including an arithmetic overflow: the fuzz builds check them).
    Panic,
    /// A value that was read could not be written back.
    SerializeError,
    /// The written JSON has an object with the same key twice.
    DuplicateKey,
    /// The type rejects the JSON it wrote itself.
    RejectsOwnOutput,
    /// The second round trip writes different JSON than the first.
    Unstable,
}

impl FindingKind {
    pub fn slug(self) -> &'static str {
        match self {
            FindingKind::Panic => "panic",
            FindingKind::SerializeError => "serialize-error",
            FindingKind::DuplicateKey => "duplicate-key",
            FindingKind::RejectsOwnOutput => "rejects-own-output",
            FindingKind::Unstable => "unstable",
        }
    }
}

/// A failed check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The type name.
    pub target: &'static str,
    pub kind: FindingKind,
    /// What went wrong, with the JSON involved.
    pub detail: String,
    /// A short description that stays the same for other inputs that hit the same bug (panic
    /// location, JSON path with array indices left out, …): used to tell findings apart.
    pub signature: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.target, self.kind.slug(), self.detail)
    }
}

/// The check for one type. Panics propagate (see [`check_catching`]).
pub fn check<T: DeserializeOwned + Serialize + VariantOf>(
    target: &'static str,
    data: &[u8],
) -> Result<Outcome, Finding> {
    let Ok(text) = std::str::from_utf8(data) else { return Ok(Outcome::NotUtf8) };
    let first: T = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => return Ok(Outcome::Rejected(message(&e))),
    };
    // Findings from inputs with a duplicate key share one signature per kind: they are one bug
    // class (which occurrence of a key wins), and would otherwise drown the others.
    let finding = |kind, detail: String, signature: String| {
        let signature = match json::duplicate_key(text) {
            Ok(Some(_)) => DUPLICATE_KEY_SIGNATURE.to_owned(),
            _ => signature,
        };
        Finding { target, kind, detail, signature }
    };
    let json1 =
        serde_json::to_string(&first).map_err(|e| finding(FindingKind::SerializeError, e.to_string(), message(&e)))?;
    match json::duplicate_key(&json1) {
        Ok(None) => {}
        Ok(Some(at)) => return Err(finding(FindingKind::DuplicateKey, format!("{at} in {json1}"), strip_indices(&at))),
        Err(e) => {
            return Err(finding(
                FindingKind::SerializeError,
                format!("invalid JSON written: {e}: {json1}"),
                message(&e),
            ))
        }
    }
    let second: T = serde_json::from_str(&json1).map_err(|e| {
        finding(FindingKind::RejectsOwnOutput, format!("{e} reading back {json1}"), normalize(&message(&e)))
    })?;
    let json2 =
        serde_json::to_string(&second).map_err(|e| finding(FindingKind::SerializeError, e.to_string(), message(&e)))?;
    // JSON objects are unordered (RFC 8259): output that differs only in key order is stable.
    let same_value = json1 == json2
        || matches!(
            (serde_json::from_str::<serde_json::Value>(&json1), serde_json::from_str::<serde_json::Value>(&json2)),
            (Ok(a), Ok(b)) if a == b
        );
    if !same_value {
        let at = first_difference(&json1, &json2);
        return Err(finding(
            FindingKind::Unstable,
            format!("at {at}: first {json1}, then {json2}"),
            strip_indices(&at),
        ));
    }
    // A different variant for the same JSON value is an ambiguity of the spec (the three
    // `message` item types overlap), not a loss, so it is not a finding.
    let v1 = first.variant_of();
    Ok(Outcome::Stable { variant: v1 })
}

/// One fuzz target: a top-level type and its check.
pub struct Target {
    /// The type's name.
    pub name: &'static str,
    /// The target's name in `fuzz_targets/` and `corpus/`.
    pub slug: &'static str,
    pub check: fn(&[u8]) -> Result<Outcome, Finding>,
}

macro_rules! targets {
    ($($ty:ident => $slug:literal),* $(,)?) => {
        /// Every fuzz target: the request and response types of each operation, and the input item union.
        pub const TARGETS: &[Target] = &[$(Target {
            name: stringify!($ty),
            slug: $slug,
            check: |data| check::<$ty>(stringify!($ty), data),
        }),*];
    };
}

targets! {
    ConversationCreateParams => "conversation_create_params",
    Conversation => "conversation",
    InputTokenCountParams => "input_token_count_params",
    InputTokenCountResponse => "input_token_count_response",
    ResponseCompactParams => "response_compact_params",
    CompactedResponse => "compacted_response",
    ResponseInputItem => "response_input_item",
}

/// A target by type name or slug.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name || t.slug == name)
}

/// The signature of every finding from an input with a duplicate key.
pub const DUPLICATE_KEY_SIGNATURE: &str = "duplicate key in the input";

/// The signature of an unstable round trip whose two JSON texts hold the same values.
pub const KEY_ORDER_SIGNATURE: &str = "(same values, key order differs)";

/// Whether `finding` belongs to a class named in `ignore` (comma-separated): a kind
/// (`unstable`, `rejects-own-output`, …), `duplicate-key-input` (any finding from an input with a
/// duplicate key) or `key-order` (an unstable round trip that only reorders keys).
pub fn ignored(finding: &Finding, ignore: &str) -> bool {
    ignore.split(',').map(str::trim).any(|class| match class {
        "duplicate-key-input" => finding.signature == DUPLICATE_KEY_SIGNATURE,
        "key-order" => finding.kind == FindingKind::Unstable && finding.signature == KEY_ORDER_SIGNATURE,
        _ => class == finding.kind.slug(),
    })
}

/// The entry point of the libFuzzer targets: a finding panics, which libFuzzer reports. Classes
/// of findings listed in the environment variable `FUZZ_IGNORE` (see [`ignored`]) do not, so that
/// libFuzzer can look past a known open bug.
pub fn fuzz(slug: &str, data: &[u8]) {
    static IGNORE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let target = target(slug).expect("a known target");
    if let Err(finding) = (target.check)(data) {
        if !ignored(&finding, IGNORE.get_or_init(|| std::env::var("FUZZ_IGNORE").unwrap_or_default())) {
            panic!("{finding}");
        }
    }
}

/// The stable build of a fuzz target: replays the files (and the files of the folders) given as
/// arguments — by default `corpus/<slug>/` and `regressions/` — and fails on any finding.
pub fn replay_main(slug: &str) -> std::process::ExitCode {
    let target = target(slug).expect("a known target");
    let mut paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    if paths.is_empty() {
        paths = vec![seeds::fuzz_dir().join("corpus").join(slug), seeds::fuzz_dir().join("regressions")];
    }
    quiet_panics();
    let (mut inputs, mut findings) = (0, 0);
    for path in paths {
        let files = if path.is_dir() { seeds::json_files(&path) } else { vec![path] };
        for file in files {
            let Ok(data) = std::fs::read(&file) else { continue };
            inputs += 1;
            if let Err(finding) = check_catching(target, &data) {
                findings += 1;
                println!("{}: {finding}", file.display());
            }
        }
    }
    println!("{slug}: {inputs} inputs, {findings} findings");
    if findings == 0 {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

thread_local! {
    static LAST_PANIC: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Replaces the panic hook by one that records the message and location quietly, for
/// [`check_catching`]. Idempotent.
pub fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
                (*s).to_owned()
            } else if let Some(s) = info.payload().downcast_ref::<String>() {
                s.clone()
            } else {
                "(non-string panic)".to_owned()
            };
            let location = info.location().map_or_else(|| "?".to_owned(), |l| format!("{}:{}", l.file(), l.line()));
            LAST_PANIC.with(|p| *p.borrow_mut() = Some((message, location)));
        }));
    });
}

/// [`check`] with panics turned into findings (call [`quiet_panics`] first to keep them off stderr).
pub fn check_catching(target: &Target, data: &[u8]) -> Result<Outcome, Finding> {
    match panic::catch_unwind(AssertUnwindSafe(|| (target.check)(data))) {
        Ok(result) => result,
        Err(_) => {
            let (message, location) =
                LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_else(|| ("(unknown)".into(), "?".into()));
            Err(Finding {
                target: target.name,
                kind: FindingKind::Panic,
                detail: format!("panicked at {location}: {message}"),
                signature: location,
            })
        }
    }
}

/// serde_json's message without `at line L column C`.
fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// A rejection message with the input's own text taken out (quoted parts, numbers), so that
/// messages that differ only in the input's values compare equal.
pub fn normalize(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None if c == '`' || c == '"' => {
                out.push(c);
                quote = Some(c);
            }
            None if c.is_ascii_digit() => {
                if !out.ends_with('0') {
                    out.push('0');
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// The JSON path of the first difference between two documents (text offset when they parse the same).
fn first_difference(a: &str, b: &str) -> String {
    match (serde_json::from_str::<serde_json::Value>(a), serde_json::from_str::<serde_json::Value>(b)) {
        (Ok(va), Ok(vb)) => diff_path(&va, &vb, String::new()).unwrap_or_else(|| KEY_ORDER_SIGNATURE.to_owned()),
        _ => "(unparsable)".to_owned(),
    }
}

fn diff_path(a: &serde_json::Value, b: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            // Each key once (visiting shared keys from both sides would be exponential in depth).
            for (key, p) in x {
                match y.get(key) {
                    Some(q) => {
                        if let Some(found) = diff_path(p, q, format!("{path}/{key}")) {
                            return Some(found);
                        }
                    }
                    None => return Some(format!("{path}/{key}")),
                }
            }
            y.keys().find(|key| !x.contains_key(*key)).map(|key| format!("{path}/{key}"))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (p, q))| diff_path(p, q, format!("{path}/{i}")))
        }
        _ if a == b => None,
        _ => Some(if path.is_empty() { "/".to_owned() } else { path }),
    }
}

/// A JSON path with array indices replaced by `*`.
fn strip_indices(path: &str) -> String {
    path.split('/')
        .map(|part| if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) { "*" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_rejected_and_not_utf8() {
        let t = target("ResponseInputItem").unwrap();
        assert!(matches!(
            check_catching(t, br#"{"role":"user","content":"hi"}"#),
            Ok(Outcome::Stable { variant: Some(_) })
        ));
        assert!(matches!(check_catching(t, b"[1,2"), Ok(Outcome::Rejected(_))));
        assert_eq!(check_catching(t, b"\xff\xfe"), Ok(Outcome::NotUtf8));
    }

    #[test]
    fn normalize_drops_values() {
        assert_eq!(normalize("unknown variant `abc`, expected `x` at 12"), "unknown variant ``, expected `` at 0");
    }

    #[test]
    fn paths_and_differences() {
        assert_eq!(strip_indices("/items/3/content/10"), "/items/*/content/*");
        assert_eq!(first_difference(r#"{"a":[1,{"b":2}]}"#, r#"{"a":[1,{"b":3}]}"#), "/a/1/b");
        assert_eq!(first_difference(r#"{"a":1}"#, r#"{"a":1,"b":null}"#), "/b");
        // Deep documents that differ elsewhere are compared in linear time.
        let deep = format!("{}null{}", r#"{"a":"#.repeat(120), "}".repeat(120));
        assert_eq!(first_difference(&format!(r#"{{"x":{deep},"y":1}}"#), &format!(r#"{{"x":{deep},"y":2}}"#)), "/y");
    }
}
