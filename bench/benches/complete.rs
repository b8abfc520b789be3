//! Serde throughput on schema-complete documents (`bench::complete`), openai-types against
//! async-openai on the same bytes in the same run, with the `IgnoredAny` and `Value` floors: per
//! request and response type, the mixed document of the item kinds both crates read, keys in the
//! schema's order and reversed, and the small responses; with `BENCH_KINDS=1`, also one document
//! per item kind (spec order). The `complete` binary measures the same documents by its own
//! alternating clock; this is the criterion run, with confidence intervals.
//!
//! `cargo bench --bench complete` (from `bench/`), then `cargo run --release --bin report` for the
//! table.

mod common;

use bench::complete::{peer_readable_kinds, Complete, KeyOrder, Target, WithTypes};
use common::{deserialize_rows, serialize_rows, Clock, Timing};
use criterion::{criterion_group, criterion_main, Criterion};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// One document measured: reading it and writing it back, in both crates.
struct Rows<'a> {
    c: &'a mut Criterion<Clock>,
    timing: Timing,
    /// The groups' names: `{name} read` and `{name} write`.
    name: String,
    json: &'a str,
}

impl WithTypes for Rows<'_> {
    type Output = ();
    fn run<Ours, Theirs>(self)
    where
        Ours: DeserializeOwned + Serialize + openai_types::WireValue,
        Theirs: DeserializeOwned + Serialize,
    {
        // A document one crate rejects has no row (the `complete` binary says why).
        if let Err(e) = serde_json::from_str::<Ours>(self.json) {
            eprintln!("{}: openai-types rejects it, not measured: {e}", self.name);
            return;
        }
        if let Err(e) = serde_json::from_str::<Theirs>(self.json) {
            eprintln!("{}: async-openai rejects it, not measured: {e}", self.name);
            return;
        }
        deserialize_rows::<Ours, Theirs>(self.c, self.timing, &format!("{} read", self.name), self.json);
        serialize_rows::<Ours, Theirs>(self.c, self.timing, &format!("{} write", self.name), self.json);
    }
}

fn complete_benches(c: &mut Criterion<Clock>) {
    let complete = Complete::new().expect("the embedded spec builds the schema-complete documents");
    for target in Target::ALL {
        let (name, list) = target.schema();
        let kinds = list.map(|field| (field, peer_readable_kinds(&complete, target, name, field).expect("kinds")));
        for order in [KeyOrder::Spec, KeyOrder::Reversed] {
            let json = match &kinds {
                Some((field, kinds)) => complete.document(name, field, kinds, order),
                None => complete.single(name, order),
            }
            .expect("document");
            let name = format!("complete {name} {}", order.label());
            target.with_types(Rows { c: &mut *c, timing: Timing::MEDIUM, name, json: &json });
        }
    }
    if std::env::var("BENCH_KINDS").is_ok_and(|v| v == "1") {
        for doc in complete.kind_documents(KeyOrder::Spec).expect("kind documents") {
            // `CompactedResponse`: web_search_call -> kind CompactedResponse web_search_call
            let name = format!("kind {}", doc.label.replace(['`', ':'], ""));
            doc.target.with_types(Rows { c: &mut *c, timing: Timing::SHORT, name, json: &doc.json });
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(Clock);
    targets = complete_benches
}
criterion_main!(benches);
