//! One serde case in a loop, for `valgrind --tool=callgrind` (instruction counts are repeatable
//! where times on this machine are not). The loop is in `measured`, so callgrind can collect only
//! it: `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured*' \
//!   target/release/profile de-input ours 20`
//!
//! `ONLY=input_message` limits the documents to one kind of item; `DOCS=complete` takes the
//! schema-complete documents of `bench::complete` (the kinds both crates read; with `ONLY`, the
//! kinds of that label; `ORDER=reversed`, keys in reversed schema order).
//!
//! cases: de-compact, de-input, ser-compact, ser-input, de-small and ser-small (the 52-byte token
//! count response, 1,000 reads or writes an iteration: what a document costs beyond its bytes);
//! crates: ours (openai-types; writing with `openai_types::json`), ours-serde_json (writing with
//! serde_json), theirs (async-openai), value, ignored.

use async_openai::types::responses::{CompactResource, TokenCountsBody, TokenCountsResource};
use openai_types::{CompactedResponse, InputTokenCountParams, InputTokenCountResponse};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use std::hint::black_box;

/// The token count response as the API sends it.
const SMALL: &str = r#"{"object":"response.input_tokens","input_tokens":123}"#;

#[inline(never)]
fn measured<F: FnMut() -> usize>(iterations: usize, mut f: F) -> usize {
    let mut total = 0;
    for _ in 0..iterations {
        total += f();
    }
    total
}

fn de<T: DeserializeOwned>(json: &str, iterations: usize) -> usize {
    measured(iterations, || {
        let value: T = serde_json::from_str(black_box(json)).unwrap();
        drop(black_box(value));
        1
    })
}

/// Writes `json` read as a `T`, `iterations` times, with serde_json's writer or (`crate_writer`)
/// with `openai_types::json`.
fn ser<T: DeserializeOwned + Serialize>(json: &str, iterations: usize, crate_writer: bool) -> usize {
    let value: T = serde_json::from_str(json).unwrap();
    let mut buffer = Vec::with_capacity(json.len() * 2);
    measured(iterations, || {
        buffer.clear();
        match crate_writer {
            true => openai_types::json::write_to_vec(&mut buffer, black_box(&value)).unwrap(),
            false => serde_json::to_writer(&mut buffer, black_box(&value)).unwrap(),
        }
        buffer.len()
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (case, krate) = (args.first().map(String::as_str), args.get(1).map(String::as_str));
    let iterations: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
    // ONLY=KIND limits the document to one kind of item (see the `kinds` binary).
    let only = std::env::var("ONLY").ok();
    // DOCS=complete: the schema-complete documents (bench::complete) instead.
    let complete = std::env::var("DOCS").is_ok_and(|d| d == "complete");
    // ORDER=reversed: their keys in reversed schema order.
    let order = match std::env::var("ORDER").as_deref() {
        Ok("reversed") => bench::complete::KeyOrder::Reversed,
        _ => bench::complete::KeyOrder::Spec,
    };
    let docs = match &only {
        _ if complete => bench::complete::peer_readable_documents(only.as_deref(), order).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        }),
        Some(kind) => bench::Documents {
            compacted_response: bench::inputs::compacted_response_of(bench::ITEMS, Some(kind)),
            input_token_count_params: bench::inputs::input_token_count_params_of(bench::ITEMS, Some(kind)),
        },
        None => bench::Documents::generate(),
    };
    let (cr, tc) = (&docs.compacted_response, &docs.input_token_count_params);
    let n = match (case, krate) {
        (Some("de-compact"), Some("ours")) => de::<CompactedResponse>(cr, iterations),
        (Some("de-compact"), Some("theirs")) => de::<CompactResource>(cr, iterations),
        (Some("de-compact"), Some("value")) => de::<serde_json::Value>(cr, iterations),
        (Some("de-compact"), Some("ignored")) => de::<IgnoredAny>(cr, iterations),
        (Some("de-input"), Some("ours")) => de::<InputTokenCountParams>(tc, iterations),
        (Some("de-input"), Some("theirs")) => de::<TokenCountsBody>(tc, iterations),
        (Some("de-input"), Some("value")) => de::<serde_json::Value>(tc, iterations),
        (Some("de-input"), Some("ignored")) => de::<IgnoredAny>(tc, iterations),
        (Some("ser-compact"), Some("ours")) => ser::<CompactedResponse>(cr, iterations, true),
        (Some("ser-compact"), Some("ours-serde_json")) => ser::<CompactedResponse>(cr, iterations, false),
        (Some("ser-compact"), Some("theirs")) => ser::<CompactResource>(cr, iterations, false),
        (Some("ser-compact"), Some("value")) => ser::<serde_json::Value>(cr, iterations, false),
        (Some("ser-input"), Some("ours")) => ser::<InputTokenCountParams>(tc, iterations, true),
        (Some("ser-input"), Some("ours-serde_json")) => ser::<InputTokenCountParams>(tc, iterations, false),
        (Some("ser-input"), Some("theirs")) => ser::<TokenCountsBody>(tc, iterations, false),
        (Some("ser-input"), Some("value")) => ser::<serde_json::Value>(tc, iterations, false),
        (Some("de-small"), Some("ours")) => de::<InputTokenCountResponse>(SMALL, iterations * 1000),
        (Some("de-small"), Some("theirs")) => de::<TokenCountsResource>(SMALL, iterations * 1000),
        (Some("de-small"), Some("ignored")) => de::<IgnoredAny>(SMALL, iterations * 1000),
        (Some("ser-small"), Some("ours")) => ser::<InputTokenCountResponse>(SMALL, iterations * 1000, true),
        (Some("ser-small"), Some("ours-serde_json")) => ser::<InputTokenCountResponse>(SMALL, iterations * 1000, false),
        (Some("ser-small"), Some("theirs")) => ser::<TokenCountsResource>(SMALL, iterations * 1000, false),
        _ => {
            eprintln!(
                "usage: profile de-compact|de-input|ser-compact|ser-input|de-small|ser-small ours|ours-serde_json|theirs|value|ignored [ITERATIONS]"
            );
            std::process::exit(2);
        }
    };
    println!("{n}");
}
