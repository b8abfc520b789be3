//! Prints the serde tables of BENCHMARKS.md from criterion's results (run `cargo bench --bench
//! serde` and `cargo bench --bench complete` first): per row, the median time, MB/s on the input
//! document's size, and the ratio of openai-types' throughput to async-openai's and to the floors.
//! The serde benchmark's rows come first, then every schema-complete group found (`complete …`,
//! `kind …`), readings before writings.
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

/// The schema-complete groups in `dir` (`complete …` first, then `kind …`; reads, then writes,
/// each by name).
fn complete_groups(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut groups: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("complete ") || name.starts_with("kind "))
        .collect();
    groups.sort_by_key(|name| (name.starts_with("kind "), name.ends_with(" write"), name.clone()));
    groups
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
    let mut rows: Vec<(String, String)> =
        ROWS.iter().map(|(group, label)| (group.to_string(), label.to_string())).collect();
    rows.extend(complete_groups(&dir).into_iter().map(|group| (group.clone(), format!("`{group}`"))));
    println!("| row | size | openai-types | async-openai | ratio (≥ 1 is openai-types faster) | `IgnoredAny` floor | `Value` floor | openai-types / `Value` |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (group, label) in &rows {
        let ours = read(&dir, group, "openai-types");
        let theirs = read(&dir, group, "async-openai");
        let ignored = read(&dir, group, "IgnoredAny");
        let value = read(&dir, group, "Value");
        let (Some(ours), Some(theirs)) = (ours, theirs) else {
            println!("| {label} | (no results in {}) | | | | | | |", dir.join(group).display());
            continue;
        };
        // Milliseconds for the large documents, microseconds for the small ones.
        let (scale, unit) = if ours.median_ns >= 1e6 { (1e6, "ms") } else { (1e3, "µs") };
        let cell = |e: &Estimate| {
            let [median, low, high] = [e.median_ns, e.low_ns, e.high_ns].map(|ns| ns / scale);
            format!("{:.0} MB/s ({median:.2} {unit}, {low:.2}–{high:.2})", mbps(e))
        };
        let size = if ours.bytes >= 1e3 { format!("{:.0} KB", ours.bytes / 1e3) } else { format!("{} B", ours.bytes) };
        let floor =
            |e: &Option<Estimate>| e.as_ref().map(|e| format!("{:.0} MB/s", mbps(e))).unwrap_or_else(|| "—".into());
        let vs_value = value.as_ref().map(|v| format!("{:.2}", mbps(&ours) / mbps(v))).unwrap_or_else(|| "—".into());
        println!(
            "| {label} | {size} | {} | {} | **{:.2}** | {} | {} | {} |",
            cell(&ours),
            cell(&theirs),
            theirs.median_ns / ours.median_ns,
            floor(&ignored),
            floor(&value),
            vs_value,
        );
    }
}
