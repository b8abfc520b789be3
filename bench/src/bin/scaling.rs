//! Generator speed and scaling: `codegen::generate` in process on the real spec and on synthetic
//! specs of 250 / 1,000 / 4,000 schemas (see `bench::synth`), with the time of each stage and the
//! peak heap of one run (a counting global allocator). Prints a markdown table and checks that time
//! grows no faster than linearly (4,000 schemas within 4.5× of 1,000). Times are the process's CPU
//! time unless `BENCH_CLOCK=wall` (the time a user waits).
//!
//! `cargo run --release --bin scaling [-- --runs N]`

use std::path::PathBuf;
use std::time::Duration;

#[global_allocator]
static ALLOC: bench::alloc::Counting = bench::alloc::Counting;

struct Row {
    label: String,
    schemas: usize,
    types: usize,
    spec_bytes: usize,
    output_bytes: usize,
    total: Vec<Duration>,
    parse: Vec<Duration>,
    lower: Vec<Duration>,
    emit: Vec<Duration>,
    peak_heap: usize,
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn min(times: &[Duration]) -> Duration {
    times.iter().copied().min().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn measure(label: &str, schemas: usize, text: &str, options: &codegen::Options, runs: usize) -> Row {
    // One untimed run: warms caches and checks the spec generates.
    let generated = codegen::generate(text, options).unwrap_or_else(|e| panic!("{label}: {e}"));
    let types = generated.model.types.len();
    let output_bytes = generated.types_source.len();
    drop(generated);

    bench::alloc::start();
    drop(std::hint::black_box(codegen::generate(text, options)));
    let peak_heap = bench::alloc::stop();

    let mut row = Row {
        label: label.to_owned(),
        schemas,
        types,
        spec_bytes: text.len(),
        output_bytes,
        total: Vec::new(),
        parse: Vec::new(),
        lower: Vec::new(),
        emit: Vec::new(),
        peak_heap,
    };
    for _ in 0..runs {
        let start = bench::clock::now();
        drop(std::hint::black_box(codegen::generate(text, options)));
        row.total.push(bench::clock::now() - start);
    }
    // The stages on their own (the public pipeline `generate` runs).
    let emit_options = codegen::emit::EmitOptions {
        runtime_path: options.runtime_path.clone(),
        client_path: options.client_path.clone(),
    };
    for _ in 0..runs {
        let start = bench::clock::now();
        let document = codegen::spec::parse(text).expect("parses");
        row.parse.push(bench::clock::now() - start);
        let start = bench::clock::now();
        let (model, _warnings) = codegen::model::lower(&document).expect("lowers");
        row.lower.push(bench::clock::now() - start);
        let start = bench::clock::now();
        drop(std::hint::black_box(codegen::emit::emit_types(&model, &emit_options).expect("emits")));
        row.emit.push(bench::clock::now() - start);
    }
    row
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs_override: Option<usize> =
        args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok());
    let spec_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    let spec = std::fs::read_to_string(&spec_path).unwrap_or_else(|e| panic!("{}: {e}", spec_path.display()));
    let base = bench::synth::Base::from_spec(&spec).unwrap_or_else(|e| panic!("{e}"));

    let mut rows = Vec::new();
    rows.push(measure(
        "spec/openapi.yaml (YAML, as `cargo xtask codegen`)",
        base.len(),
        &spec,
        &codegen::Options::openai_types(),
        runs_override.unwrap_or(20),
    ));
    for (n, runs) in [(250, 10), (1_000, 7), (4_000, 5)] {
        let synthetic = base.synthesize(n);
        rows.push(measure(
            &format!("synthetic, {n} schemas (JSON)"),
            synthetic.schemas,
            &synthetic.openapi,
            &codegen::Options::default(),
            runs_override.unwrap_or(runs),
        ));
    }

    println!("Clock: {} (`BENCH_CLOCK=wall` for wall time).\n", bench::clock::name());
    println!("| spec | schemas | types | spec size | output | median ms | min ms | parse | lower | emit+format | µs/schema (min) | peak heap |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for row in &rows {
        println!(
            "| {} | {} | {} | {:.0} KB | {:.1} MB | {} | {} | {} | {} | {} | {:.0} | {:.0} MB |",
            row.label,
            row.schemas,
            row.types,
            row.spec_bytes as f64 / 1e3,
            row.output_bytes as f64 / 1e6,
            ms(median(&row.total)),
            ms(min(&row.total)),
            ms(median(&row.parse)),
            ms(median(&row.lower)),
            ms(median(&row.emit)),
            min(&row.total).as_secs_f64() * 1e6 / row.schemas as f64,
            row.peak_heap as f64 / 1e6,
        );
    }
    let by_size = |n: usize| rows.iter().find(|r| r.schemas == n);
    if let (Some(k1), Some(k4)) = (by_size(1_000), by_size(4_000)) {
        let ratio_min = min(&k4.total).as_secs_f64() / min(&k1.total).as_secs_f64();
        let ratio_median = median(&k4.total).as_secs_f64() / median(&k1.total).as_secs_f64();
        let stage = |f: fn(&Row) -> &Vec<Duration>| median(f(k4)).as_secs_f64() / median(f(k1)).as_secs_f64();
        let memory = k4.peak_heap as f64 / k1.peak_heap as f64;
        println!();
        println!(
            "4,000 / 1,000 schemas: time ×{ratio_min:.2} (min), ×{ratio_median:.2} (median); parse ×{:.2}, lower ×{:.2}, emit+format ×{:.2}; peak heap ×{memory:.2}",
            stage(|r| &r.parse),
            stage(|r| &r.lower),
            stage(|r| &r.emit),
        );
        if ratio_min <= 4.5 {
            println!("linear: yes (limit ×4.5)");
        } else {
            println!("linear: NO — ×{ratio_min:.2} exceeds the ×4.5 limit");
            std::process::exit(1);
        }
    }
}
