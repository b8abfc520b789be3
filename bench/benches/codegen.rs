//! Generator speed: `codegen::generate` in process on spec/openapi.yaml (as `cargo xtask codegen`
//! runs it) and on the synthetic specs of 250 / 1,000 / 4,000 schemas (see `bench::synth`).
//! Peak memory and the per-stage times are the `scaling` binary's; the whole `xtask` process is
//! timed with hyperfine (see BENCHMARKS.md).
//!
//! `cargo bench --bench codegen`

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use std::hint::black_box;
use std::time::Duration;

fn codegen_benches(c: &mut Criterion<common::Clock>) {
    let spec_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml");
    let spec = std::fs::read_to_string(spec_path).expect("spec/openapi.yaml");
    let base = bench::synth::Base::from_spec(&spec).expect("the spec has schemas");

    let mut group = c.benchmark_group("generate");
    group.sample_size(20).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(base.len() as u64));
    let options = codegen::Options::openai_types();
    codegen::generate(&spec, &options).expect("the spec generates");
    group.bench_function("spec/openapi.yaml", |b| b.iter(|| codegen::generate(black_box(&spec), &options).unwrap()));
    group.finish();

    let mut group = c.benchmark_group("generate_synthetic");
    group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_secs(1));
    let options = codegen::Options::default();
    for n in [250, 1_000, 4_000] {
        let synthetic = base.synthesize(n);
        codegen::generate(&synthetic.openapi, &options).expect("the synthetic spec generates");
        group.throughput(Throughput::Elements(synthetic.schemas as u64));
        group.measurement_time(Duration::from_secs(if n >= 4_000 { 60 } else { 15 }));
        group.bench_with_input(BenchmarkId::from_parameter(n), &synthetic.openapi, |b, text| {
            b.iter(|| codegen::generate(black_box(text), &options).unwrap())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(common::Clock);
    targets = codegen_benches
}
criterion_main!(benches);
