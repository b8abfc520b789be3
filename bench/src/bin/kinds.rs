//! Deserialization per item kind: for each kind of output item (in a `CompactedResponse`) and of
//! input item (in an `InputTokenCountParams`), a document of 1,000 items of that kind only, read by
//! openai-types and by async-openai, alternately, in the same run. Shows which kinds of item a
//! mixed document's ratio comes from. Times are the minimum process CPU time over `--runs` (default 25).
//!
//! `cargo run --release --bin kinds [-- --runs N]`

use async_openai::types::responses::{CompactResource, TokenCountsBody};
use openai_types::{CompactedResponse, InputTokenCountParams};
use serde::de::DeserializeOwned;
use std::hint::black_box;
use std::time::Duration;

fn time_min<T: DeserializeOwned>(json: &str, runs: usize, best: &mut Duration) {
    for _ in 0..runs {
        let start = bench::clock::cpu();
        let value: T = serde_json::from_str(black_box(json)).expect("checked before timing");
        drop(black_box(value));
        *best = (*best).min(bench::clock::cpu() - start);
    }
}

fn row<Ours: DeserializeOwned, Theirs: DeserializeOwned>(label: &str, json: &str, runs: usize) {
    if let Err(e) = serde_json::from_str::<Ours>(json) {
        println!("| {label} | openai-types rejects it: {e} | | | |");
        return;
    }
    if let Err(e) = serde_json::from_str::<Theirs>(json) {
        println!("| {label} | async-openai rejects it: {e} | | | |");
        return;
    }
    let (mut ours, mut theirs) = (Duration::MAX, Duration::MAX);
    // Alternate in small batches, so both see the same machine.
    for _ in 0..runs.div_ceil(5) {
        time_min::<Ours>(json, 5, &mut ours);
        time_min::<Theirs>(json, 5, &mut theirs);
    }
    let mbps = |d: Duration| json.len() as f64 / d.as_secs_f64() / 1e6;
    println!(
        "| {label} | {:.0} KB | {:.0} MB/s | {:.0} MB/s | **{:.2}** |",
        json.len() as f64 / 1e3,
        mbps(ours),
        mbps(theirs),
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = bench::runs_arg(&args);
    println!("| 1,000 items of one kind | size | openai-types | async-openai | ratio |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for kind in bench::inputs::output_kinds() {
        let json = bench::inputs::compacted_response_of(1_000, Some(kind));
        row::<CompactedResponse, CompactResource>(&format!("`CompactedResponse`: {kind}"), &json, runs);
    }
    for kind in bench::inputs::input_kinds() {
        let json = bench::inputs::input_token_count_params_of(1_000, Some(kind));
        row::<InputTokenCountParams, TokenCountsBody>(&format!("`InputTokenCountParams`: {kind}"), &json, runs);
    }
}
