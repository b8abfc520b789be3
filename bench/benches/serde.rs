//! Serde throughput, openai-types against async-openai on the same bytes in the same run, with
//! the floors: the same bytes into `serde::de::IgnoredAny` (parsing alone) and `serde_json::Value`.
//!
//! `cargo bench --bench serde` (from `bench/`), then `cargo run --release --bin report` for the
//! table with MB/s and ratios. Throughput is always counted on the input document's size.

mod common;

use async_openai::types::responses::{CompactResource, TokenCountsBody};
use common::{deserialize_rows, serialize_rows, Timing};
use criterion::{criterion_group, criterion_main, Criterion};
use openai_types::{CompactedResponse, InputTokenCountParams};

fn serde_benches(c: &mut Criterion<common::Clock>) {
    let docs = bench::Documents::generate();
    if let Err(e) = bench::check_both_parse(&docs) {
        panic!("the benchmark documents must parse in both crates before anything is timed: {e}");
    }
    eprintln!(
        "clock: {}; compacted response {} bytes, input token count params {} bytes",
        bench::clock::name(),
        docs.compacted_response.len(),
        docs.input_token_count_params.len()
    );
    let timing = Timing::LONG;
    deserialize_rows::<CompactedResponse, CompactResource>(
        c,
        timing,
        "de_compacted_response",
        &docs.compacted_response,
    );
    deserialize_rows::<InputTokenCountParams, TokenCountsBody>(
        c,
        timing,
        "de_input_token_count_params",
        &docs.input_token_count_params,
    );
    serialize_rows::<InputTokenCountParams, TokenCountsBody>(
        c,
        timing,
        "ser_input_token_count_params",
        &docs.input_token_count_params,
    );
    serialize_rows::<CompactedResponse, CompactResource>(c, timing, "ser_compacted_response", &docs.compacted_response);
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(common::Clock);
    targets = serde_benches
}
criterion_main!(benches);
