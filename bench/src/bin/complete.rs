//! Serde speed on schema-complete documents (`bench::complete`): every request and response type
//! in both key orders, then one document per item kind, read and written by openai-types and by
//! async-openai, alternately, in the same run, with the `IgnoredAny` floor (parsing the same
//! bytes into nothing). Times are the minimum process CPU time over `--runs` (default 25) of
//! enough repetitions to take at least a millisecond.
//!
//! `--memory`: the peak heap of reading a 50 MB schema-complete compacted response, against
//! `serde_json::Value` and async-openai (counted by `bench::alloc`, off while timing).
//!
//! `cargo run --release --bin complete [-- --runs N] [--kinds-only | --whole-only | --memory]`

use async_openai::types::responses::CompactResource;
use bench::complete::{peer_readable_kinds, Complete, CompleteDocument, KeyOrder, Target, WithTypes};
use openai_types::CompactedResponse;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use std::hint::black_box;
use std::time::Duration;

#[global_allocator]
static ALLOC: bench::alloc::Counting = bench::alloc::Counting;

/// The smallest time one measurement covers (small documents repeat until they take this long).
const MIN_SAMPLE: Duration = Duration::from_millis(1);

/// How many repetitions make one measurement of `f` last at least [`MIN_SAMPLE`].
fn repetitions(mut f: impl FnMut()) -> u32 {
    let start = bench::clock::cpu();
    f();
    let once = (bench::clock::cpu() - start).max(Duration::from_nanos(100));
    (MIN_SAMPLE.as_nanos() / once.as_nanos()).clamp(1, 100_000) as u32 + 1
}

/// The minimum time of one call of `f` over `runs` measurements (each of `reps` calls).
fn time_min(runs: usize, reps: u32, best: &mut Duration, mut f: impl FnMut()) {
    for _ in 0..runs {
        let start = bench::clock::cpu();
        for _ in 0..reps {
            f();
        }
        *best = (*best).min((bench::clock::cpu() - start) / reps);
    }
}

fn read<T: DeserializeOwned>(json: &str) {
    let value: T = serde_json::from_str(black_box(json)).expect("checked before timing");
    drop(black_box(value));
}

/// Writes `value` as a user of its crate would: openai-types with `openai_types::json` (what its
/// API wrappers use), async-openai (and, for the comparison, openai-types too) with serde_json.
fn write<T: Serialize>(value: &T, buffer: &mut Vec<u8>, crate_writer: bool) {
    buffer.clear();
    match crate_writer {
        true => openai_types::json::write_to_vec(buffer, black_box(value)).expect("serializable"),
        false => serde_json::to_writer(&mut *buffer, black_box(value)).expect("serializable"),
    }
}

/// One measured row: times of both crates, alternating in batches of five.
struct Row {
    read: (Duration, Duration),
    write: (Duration, Duration),
    /// openai-types written with serde_json's writer.
    write_serde_json: Duration,
    floor: Duration,
}

fn measure<Ours, Theirs>(json: &str, runs: usize) -> Result<Row, String>
where
    Ours: DeserializeOwned + Serialize,
    Theirs: DeserializeOwned + Serialize,
{
    let ours: Ours = serde_json::from_str(json).map_err(|e| format!("openai-types rejects it: {e}"))?;
    let theirs: Theirs = serde_json::from_str(json).map_err(|e| format!("async-openai rejects it: {e}"))?;
    let mut buffer = Vec::with_capacity(json.len() * 2);
    let reps = repetitions(|| read::<Ours>(json));
    let mut row = Row {
        read: (Duration::MAX, Duration::MAX),
        write: (Duration::MAX, Duration::MAX),
        write_serde_json: Duration::MAX,
        floor: Duration::MAX,
    };
    for _ in 0..runs.div_ceil(5) {
        time_min(5, reps, &mut row.read.0, || read::<Ours>(json));
        time_min(5, reps, &mut row.read.1, || read::<Theirs>(json));
        time_min(5, reps, &mut row.write.0, || write(&ours, &mut buffer, true));
        time_min(5, reps, &mut row.write.1, || write(&theirs, &mut buffer, false));
        time_min(5, reps, &mut row.write_serde_json, || write(&ours, &mut buffer, false));
        time_min(5, reps, &mut row.floor, || read::<IgnoredAny>(json));
    }
    Ok(row)
}

/// [`measure`] on a target's pair of types.
struct Measure<'a> {
    json: &'a str,
    runs: usize,
}

impl WithTypes for Measure<'_> {
    type Output = Result<Row, String>;
    fn run<Ours, Theirs>(self) -> Result<Row, String>
    where
        Ours: DeserializeOwned + Serialize + openai_types::WireValue,
        Theirs: DeserializeOwned + Serialize,
    {
        measure::<Ours, Theirs>(self.json, self.runs)
    }
}

fn print_rows(docs: &[CompleteDocument], runs: usize) {
    println!("| document | size | read: ours | async-openai | ratio | write: ours | async-openai | ratio | ours with serde_json's writer | ratio | `IgnoredAny` | ours / floor |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for doc in docs {
        let size = doc.json.len() as f64;
        let size_text = if size >= 1e3 { format!("{:.0} KB", size / 1e3) } else { format!("{size:.0} B") };
        match doc.target.with_types(Measure { json: &doc.json, runs }) {
            Err(e) => {
                let mut e = e.replace('|', "\\|");
                e.truncate(160);
                println!("| {} | {size_text} | {e} | | | | | | | | | |", doc.label);
            }
            Ok(row) => {
                let mbps = |d: Duration| size / d.as_secs_f64() / 1e6;
                let ratio = |(ours, theirs): (Duration, Duration)| theirs.as_secs_f64() / ours.as_secs_f64();
                println!(
                    "| {} | {size_text} | {:.0} MB/s | {:.0} MB/s | **{:.2}** | {:.0} MB/s | {:.0} MB/s | **{:.2}** | {:.0} MB/s | {:.2} | {:.0} MB/s | {:.2} |",
                    doc.label,
                    mbps(row.read.0),
                    mbps(row.read.1),
                    ratio(row.read),
                    mbps(row.write.0),
                    mbps(row.write.1),
                    ratio(row.write),
                    mbps(row.write_serde_json),
                    ratio((row.write_serde_json, row.write.1)),
                    mbps(row.floor),
                    row.floor.as_secs_f64() / row.read.0.as_secs_f64(),
                );
            }
        }
    }
}

/// Peak heap while reading `json` as `T` (the value included, the input text not).
fn peak_heap<T: DeserializeOwned>(json: &str) -> Result<usize, String> {
    bench::alloc::start();
    let value = serde_json::from_str::<T>(json);
    let peak = bench::alloc::stop();
    drop(value.map_err(|e| e.to_string())?);
    Ok(peak)
}

fn memory(complete: &Complete) -> Result<(), String> {
    const SIZE: usize = 50_000_000;
    // The kinds async-openai reads too, so that all three rows read the same bytes.
    let (name, field) = ("CompactedResponse", "output");
    let kinds = peer_readable_kinds(complete, Target::CompactedResponse, name, field)?;
    let json = complete.document_sized(name, field, &kinds, KeyOrder::Spec, SIZE)?;
    let mb = |bytes: usize| format!("{:.1} MB", bytes as f64 / 1e6);
    println!(
        "| reading a {} schema-complete `CompactedResponse` ({} kinds) into | peak heap | × input size |",
        mb(json.len()),
        kinds.len()
    );
    println!("| --- | ---: | ---: |");
    let rows: [(&str, Result<usize, String>); 3] = [
        ("openai-types `CompactedResponse`", peak_heap::<CompactedResponse>(&json)),
        ("async-openai `CompactResource`", peak_heap::<CompactResource>(&json)),
        ("`serde_json::Value`", peak_heap::<serde_json::Value>(&json)),
    ];
    for (label, peak) in rows {
        match peak {
            Ok(peak) => println!("| {label} | {} | {:.2} |", mb(peak), peak as f64 / json.len() as f64),
            Err(e) => println!("| {label} | rejects it: {} | |", e.chars().take(120).collect::<String>()),
        }
    }
    Ok(())
}

/// For each type with an item list: a mixed document of the kinds both crates read, both orders.
fn peer_readable_documents(complete: &Complete) -> Result<Vec<CompleteDocument>, String> {
    let mut out = Vec::new();
    for target in Target::ALL {
        let (name, Some(field)) = target.schema() else { continue };
        let kinds = peer_readable_kinds(complete, target, name, field)?;
        let total = complete.kinds(name, field)?.len();
        for order in [KeyOrder::Spec, KeyOrder::Reversed] {
            let json = complete.document(name, field, &kinds, order)?;
            let label = format!("`{name}`, {} of {total} kinds ({})", kinds.len(), order.label());
            out.push(CompleteDocument { label, target, json });
        }
    }
    Ok(out)
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = bench::runs_arg(&args);
    let complete = Complete::new()?;
    if args.iter().any(|a| a == "--memory") {
        return memory(&complete);
    }
    println!("clock: {}; ratio above 1: openai-types is faster\n", bench::clock::name());
    if !args.iter().any(|a| a == "--kinds-only") {
        print_rows(&complete.whole_documents()?, runs);
        println!();
        println!("Mixed documents of the kinds both crates read (async-openai rejects the others):\n");
        print_rows(&peer_readable_documents(&complete)?, runs);
        println!();
    }
    if !args.iter().any(|a| a == "--whole-only") {
        print_rows(&complete.kind_documents(KeyOrder::Spec)?, runs);
    }
    Ok(())
}
