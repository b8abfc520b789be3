//! Serde throughput, openai-types against async-openai on the same bytes in the same run, with
//! the floors: the same bytes into `serde::de::IgnoredAny` (parsing alone) and `serde_json::Value`.
//!
//! `cargo bench --bench serde` (from `bench/`), then `cargo run --release --bin report` for the
//! table with MB/s and ratios. Throughput is always counted on the input document's size.

mod common;

use async_openai::types::responses::{CompactResource, TokenCountsBody};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use openai_types::{CompactedResponse, InputTokenCountParams};
use serde::de::IgnoredAny;
use std::hint::black_box;
use std::time::Duration;

type Group<'a> = BenchmarkGroup<'a, common::Clock>;

fn configure(group: &mut Group<'_>, bytes: usize) {
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(30);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(8));
}

fn deserialize_rows<Ours, Theirs>(c: &mut Criterion<common::Clock>, name: &str, json: &str)
where
    Ours: serde::de::DeserializeOwned,
    Theirs: serde::de::DeserializeOwned,
{
    let mut group = c.benchmark_group(name);
    configure(&mut group, json.len());
    group.bench_function("openai-types", |b| b.iter(|| serde_json::from_str::<Ours>(black_box(json)).unwrap()));
    group.bench_function("async-openai", |b| b.iter(|| serde_json::from_str::<Theirs>(black_box(json)).unwrap()));
    group.bench_function("IgnoredAny", |b| b.iter(|| serde_json::from_str::<IgnoredAny>(black_box(json)).unwrap()));
    group.bench_function("Value", |b| b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(json)).unwrap()));
    group.finish();
}

fn serialize_rows<Ours, Theirs>(c: &mut Criterion<common::Clock>, name: &str, json: &str)
where
    Ours: serde::de::DeserializeOwned + serde::Serialize,
    Theirs: serde::de::DeserializeOwned + serde::Serialize,
{
    let ours: Ours = serde_json::from_str(json).unwrap();
    let theirs: Theirs = serde_json::from_str(json).unwrap();
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut group = c.benchmark_group(name);
    configure(&mut group, json.len());
    let mut buffer: Vec<u8> = Vec::with_capacity(json.len() * 2);
    // openai-types as its users write it (`openai_types::json`, which its API wrappers use) and
    // with serde_json's writer, which async-openai's users have.
    group.bench_function("openai-types", |b| {
        b.iter(|| {
            buffer.clear();
            openai_types::json::write_to_vec(&mut buffer, black_box(&ours)).unwrap();
            buffer.len()
        })
    });
    group.bench_function("openai-types with serde_json", |b| {
        b.iter(|| {
            buffer.clear();
            serde_json::to_writer(&mut buffer, black_box(&ours)).unwrap();
            buffer.len()
        })
    });
    group.bench_function("async-openai", |b| {
        b.iter(|| {
            buffer.clear();
            serde_json::to_writer(&mut buffer, black_box(&theirs)).unwrap();
            buffer.len()
        })
    });
    group.bench_function("Value", |b| {
        b.iter(|| {
            buffer.clear();
            serde_json::to_writer(&mut buffer, black_box(&value)).unwrap();
            buffer.len()
        })
    });
    group.finish();
}

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
    deserialize_rows::<CompactedResponse, CompactResource>(c, "de_compacted_response", &docs.compacted_response);
    deserialize_rows::<InputTokenCountParams, TokenCountsBody>(
        c,
        "de_input_token_count_params",
        &docs.input_token_count_params,
    );
    serialize_rows::<InputTokenCountParams, TokenCountsBody>(
        c,
        "ser_input_token_count_params",
        &docs.input_token_count_params,
    );
    serialize_rows::<CompactedResponse, CompactResource>(c, "ser_compacted_response", &docs.compacted_response);
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(common::Clock);
    targets = serde_benches
}
criterion_main!(benches);
