//! Prints the serde table of BENCHMARKS.md from criterion's results (run `cargo bench --bench
//! serde` first): per row, the median time, MB/s on the input document's size, and the ratio of
//! openai-types' throughput to async-openai's and to the floors.
//!
//! `cargo run --release --bin report [-- CRITERION_DIR]`

use serde_json::Value;
use std::path::{Path, PathBuf};

const ROWS: &[(&str, &str)] = &[
    ("de_compacted_response", "deserialize `CompactedResponse` / `CompactResource`"),
    ("de_input_token_count_params", "deserialize `InputTokenCountParams` / `TokenCountsBody`"),
    ("ser_input_token_count_params", "serialize `InputTokenCountParams` / `TokenCountsBody`"),
    ("ser_compacted_response", "serialize `CompactedResponse` / `CompactResource`"),
];

struct Estimate {
    median_ns: f64,
    low_ns: f64,
    high_ns: f64,
    bytes: f64,
}

fn read(dir: &Path, group: &str, function: &str) -> Option<Estimate> {
    let base = dir.join(group).join(function).join("new");
    let estimates: Value = serde_json::from_str(&std::fs::read_to_string(base.join("estimates.json")).ok()?).ok()?;
    let benchmark: Value = serde_json::from_str(&std::fs::read_to_string(base.join("benchmark.json")).ok()?).ok()?;
    let median = &estimates["median"];
    let throughput = &benchmark["throughput"];
    let bytes = throughput.get("Bytes").or_else(|| throughput.get("BytesDecimal"))?.as_f64()?;
    Some(Estimate {
        median_ns: median["point_estimate"].as_f64()?,
        low_ns: median["confidence_interval"]["lower_bound"].as_f64()?,
        high_ns: median["confidence_interval"]["upper_bound"].as_f64()?,
        bytes,
    })
}

fn mbps(e: &Estimate) -> f64 {
    e.bytes / e.median_ns * 1e3
}

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
        target.join("criterion")
    });
    println!("| row | size | openai-types | async-openai | ratio (≥ 1 is openai-types faster) | `IgnoredAny` floor | `Value` floor | openai-types / `Value` |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (group, label) in ROWS {
        let ours = read(&dir, group, "openai-types");
        let theirs = read(&dir, group, "async-openai");
        let ignored = read(&dir, group, "IgnoredAny");
        let value = read(&dir, group, "Value");
        let (Some(ours), Some(theirs)) = (ours, theirs) else {
            println!("| {label} | (no results in {}) | | | | | | |", dir.join(group).display());
            continue;
        };
        let cell = |e: &Estimate| {
            format!("{:.0} MB/s ({:.2} ms, {:.2}–{:.2})", mbps(e), e.median_ns / 1e6, e.low_ns / 1e6, e.high_ns / 1e6)
        };
        let floor =
            |e: &Option<Estimate>| e.as_ref().map(|e| format!("{:.0} MB/s", mbps(e))).unwrap_or_else(|| "—".into());
        let vs_value = value.as_ref().map(|v| format!("{:.2}", mbps(&ours) / mbps(v))).unwrap_or_else(|| "—".into());
        println!(
            "| {label} | {:.0} KB | {} | {} | **{:.2}** | {} | {} | {} |",
            ours.bytes / 1e3,
            cell(&ours),
            cell(&theirs),
            theirs.median_ns / ours.median_ns,
            floor(&ignored),
            floor(&value),
            vs_value,
        );
    }
}
