//! Criterion plumbing shared by the benches: a measurement on `bench::clock` (process CPU time by
//! default, wall time with `BENCH_CLOCK=wall`), formatted like criterion's own wall time, and the
//! groups that put openai-types beside async-openai and the floors on one document.

#![allow(dead_code)] // each bench uses its part

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{BenchmarkGroup, Criterion, Throughput};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use std::hint::black_box;
use std::time::Duration;

/// How long each function of a group is measured.
#[derive(Clone, Copy)]
pub struct Timing {
    samples: usize,
    warm_up: Duration,
    measurement: Duration,
}

impl Timing {
    /// The serde benchmark's large documents: 30 samples over 8 s.
    pub const LONG: Timing =
        Timing { samples: 30, warm_up: Duration::from_secs(2), measurement: Duration::from_secs(8) };
    /// Many documents in one run (the schema-complete ones): 20 samples over 4 s.
    pub const MEDIUM: Timing =
        Timing { samples: 20, warm_up: Duration::from_secs(1), measurement: Duration::from_secs(4) };
    /// One document per item kind: 10 samples over 2 s.
    pub const SHORT: Timing =
        Timing { samples: 10, warm_up: Duration::from_millis(500), measurement: Duration::from_secs(2) };
}

type Group<'a> = BenchmarkGroup<'a, Clock>;

fn configure(group: &mut Group<'_>, timing: Timing, bytes: usize) {
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(timing.samples);
    group.warm_up_time(timing.warm_up);
    group.measurement_time(timing.measurement);
}

/// Reading `json`: openai-types, async-openai, and the floors (`IgnoredAny`: parsing alone;
/// `Value`: a generic tree). `report` prints the group by its name.
pub fn deserialize_rows<Ours, Theirs>(c: &mut Criterion<Clock>, timing: Timing, name: &str, json: &str)
where
    Ours: DeserializeOwned,
    Theirs: DeserializeOwned,
{
    let mut group = c.benchmark_group(name);
    configure(&mut group, timing, json.len());
    group.bench_function("openai-types", |b| b.iter(|| serde_json::from_str::<Ours>(black_box(json)).unwrap()));
    group.bench_function("async-openai", |b| b.iter(|| serde_json::from_str::<Theirs>(black_box(json)).unwrap()));
    group.bench_function("IgnoredAny", |b| b.iter(|| serde_json::from_str::<IgnoredAny>(black_box(json)).unwrap()));
    group.bench_function("Value", |b| b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(json)).unwrap()));
    group.finish();
}

/// Writing what was read from `json`: openai-types as its users write it (`openai_types::json`,
/// which its API wrappers use) and with serde_json's writer, which async-openai's users have;
/// async-openai; `Value`.
pub fn serialize_rows<Ours, Theirs>(c: &mut Criterion<Clock>, timing: Timing, name: &str, json: &str)
where
    Ours: DeserializeOwned + Serialize,
    Theirs: DeserializeOwned + Serialize,
{
    let ours: Ours = serde_json::from_str(json).unwrap();
    let theirs: Theirs = serde_json::from_str(json).unwrap();
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut group = c.benchmark_group(name);
    configure(&mut group, timing, json.len());
    let mut buffer: Vec<u8> = Vec::with_capacity(json.len() * 2);
    writes(&mut group, &mut buffer, "openai-types", |out| openai_types::json::write_to_vec(out, black_box(&ours)));
    writes(&mut group, &mut buffer, "openai-types with serde_json", |out| serde_json::to_writer(out, black_box(&ours)));
    writes(&mut group, &mut buffer, "async-openai", |out| serde_json::to_writer(out, black_box(&theirs)));
    writes(&mut group, &mut buffer, "Value", |out| serde_json::to_writer(out, black_box(&value)));
    group.finish();
}

/// One writer's function of a group: `write` into the cleared `buffer`, again and again.
fn writes<E: std::fmt::Debug>(
    group: &mut Group<'_>,
    buffer: &mut Vec<u8>,
    id: &str,
    write: impl Fn(&mut Vec<u8>) -> Result<(), E>,
) {
    group.bench_function(id, |b| {
        b.iter(|| {
            buffer.clear();
            write(buffer).unwrap();
            buffer.len()
        })
    });
}

pub struct Clock;

impl Measurement for Clock {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        bench::clock::now()
    }
    fn end(&self, start: Duration) -> Duration {
        bench::clock::now().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &Formatter
    }
}

struct Formatter;

impl ValueFormatter for Formatter {
    fn scale_values(&self, ns: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if ns < 1e3 {
            (1.0, "ns")
        } else if ns < 1e6 {
            (1e-3, "µs")
        } else if ns < 1e9 {
            (1e-6, "ms")
        } else {
            (1e-9, "s")
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }

    fn scale_throughputs(&self, _typical: f64, throughput: &Throughput, values: &mut [f64]) -> &'static str {
        let (amount, unit) = match *throughput {
            Throughput::Bytes(b) | Throughput::BytesDecimal(b) => (b as f64 / 1e6, "MB/s"),
            Throughput::Elements(e) | Throughput::ElementsAndBytes { elements: e, .. } => (e as f64, "elem/s"),
            Throughput::Bits(b) => (b as f64 / 1e6, "Mb/s"),
        };
        values.iter_mut().for_each(|v| *v = amount * 1e9 / *v);
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}
