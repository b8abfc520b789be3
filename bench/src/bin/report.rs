//! Prints the serde tables of BENCHMARKS.md from criterion's results (run `cargo bench --bench
//! serde` and `cargo bench --bench complete` first): per row, the median time, MB/s on the input
//! document's size, and the ratio of openai-types' throughput to async-openai's and to the floors.
//! The serde benchmark's rows come first, then every schema-complete group found (`complete …`,
//! `kind …`), readings before writings. Criterion keeps each group's last result, so rows may come
//! from different runs: the last column says when each was measured (UTC, from the time its
//! results were written), and ratios are only read between rows of one run.
//!
//! `cargo run --release --bin report [-- CRITERION_DIR]`

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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
    /// When criterion wrote the result.
    measured: Option<SystemTime>,
}

fn read(dir: &Path, group: &str, function: &str) -> Option<Estimate> {
    let base = dir.join(group).join(function).join("new");
    let estimates_path = base.join("estimates.json");
    let measured = std::fs::metadata(&estimates_path).and_then(|m| m.modified()).ok();
    let estimates: Value = serde_json::from_str(&std::fs::read_to_string(&estimates_path).ok()?).ok()?;
    let benchmark: Value = serde_json::from_str(&std::fs::read_to_string(base.join("benchmark.json")).ok()?).ok()?;
    let median = &estimates["median"];
    let throughput = &benchmark["throughput"];
    let bytes = throughput.get("Bytes").or_else(|| throughput.get("BytesDecimal"))?.as_f64()?;
    Some(Estimate {
        median_ns: median["point_estimate"].as_f64()?,
        low_ns: median["confidence_interval"]["lower_bound"].as_f64()?,
        high_ns: median["confidence_interval"]["upper_bound"].as_f64()?,
        bytes,
        measured,
    })
}

/// `time` as `YYYY-MM-DD HH:MM` in UTC (the proleptic Gregorian calendar from the day count).
fn utc(time: SystemTime) -> String {
    let seconds = time.duration_since(SystemTime::UNIX_EPOCH).unwrap_or(Duration::ZERO).as_secs();
    let (days, of_day) = (seconds / 86_400, seconds % 86_400);
    // Days since 0000-03-01, in 400-year eras of 146,097 days; a year runs March to February.
    let shifted = days + 719_468;
    let (era, day_of_era) = (shifted / 146_097, shifted % 146_097);
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", of_day / 3_600, of_day % 3_600 / 60)
}

/// When a row was measured; both crates' times when they are more than ten minutes apart.
fn measured(ours: &Estimate, theirs: &Estimate) -> String {
    match (ours.measured, theirs.measured) {
        (Some(a), Some(b)) => {
            let apart = a.duration_since(b).or_else(|_| b.duration_since(a)).unwrap_or(Duration::ZERO);
            match apart > Duration::from_secs(600) {
                true => format!("{} (async-openai {})", utc(a), utc(b)),
                false => utc(a),
            }
        }
        (Some(a), None) | (None, Some(a)) => utc(a),
        (None, None) => "—".into(),
    }
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
    println!("| row | size | openai-types | async-openai | ratio (≥ 1 is openai-types faster) | `IgnoredAny` floor | `Value` floor | openai-types / `Value` | measured (UTC) |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (group, label) in &rows {
        let ours = read(&dir, group, "openai-types");
        let theirs = read(&dir, group, "async-openai");
        let ignored = read(&dir, group, "IgnoredAny");
        let value = read(&dir, group, "Value");
        let (Some(ours), Some(theirs)) = (ours, theirs) else {
            println!("| {label} | (no results in {}) | | | | | | | |", dir.join(group).display());
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
            "| {label} | {size} | {} | {} | **{:.2}** | {} | {} | {} | {} |",
            cell(&ours),
            cell(&theirs),
            theirs.median_ns / ours.median_ns,
            floor(&ignored),
            floor(&value),
            vs_value,
            measured(&ours, &theirs),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::utc;
    use std::time::{Duration, SystemTime};

    #[test]
    fn utc_dates_across_leap_rules() {
        let at = |seconds| utc(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds));
        assert_eq!(at(0), "1970-01-01 00:00");
        assert_eq!(at(951_782_400), "2000-02-29 00:00"); // a leap day in a year divisible by 400
        assert_eq!(at(1_709_164_800), "2024-02-29 00:00");
        assert_eq!(at(4_107_542_340), "2100-02-28 23:59"); // 2100 is not a leap year…
        assert_eq!(at(4_107_542_400), "2100-03-01 00:00"); // …so March follows February 28
        assert_eq!(at(1_796_400_000), "2026-12-04 16:00");
    }
}
