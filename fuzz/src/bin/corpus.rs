//! Writes the seed corpus: `fuzz/corpus/<target>/<name>.json` for every seed (examples, hand-picked
//! seeds, sampler instances) and `fuzz/corpus/openai.dict`, a libFuzzer dictionary of the spec's
//! tags, enum values and field names. Files already there (found by libFuzzer) are kept.
//!
//! Usage: `cargo run --release --bin corpus [-- OUT_DIR]`
#![forbid(unsafe_code)]

use openai_types_fuzz::seeds::{self, fuzz_dir};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let out = std::env::args().nth(1).map_or_else(|| fuzz_dir().join("corpus"), PathBuf::from);
    let model = seeds::model();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for seed in seeds::seeds(&model) {
        let dir = out.join(seed.target);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("{}.json", seed.name)), &seed.data)?;
        let entry = counts.entry(seed.target).or_default();
        entry.0 += 1;
        entry.1 += seed.data.len();
    }
    let mut dict = String::from("# The spec's tags, enum values and field names (written by `corpus`).\n");
    for word in seeds::dictionary(&model) {
        dict.push('"');
        for b in word.bytes() {
            match b {
                b'"' | b'\\' => dict.push_str(&format!("\\x{b:02x}")),
                0x20..=0x7e => dict.push(b as char),
                _ => dict.push_str(&format!("\\x{b:02x}")),
            }
        }
        dict.push_str("\"\n");
    }
    std::fs::write(out.join("openai.dict"), dict)?;
    for (target, (files, bytes)) in &counts {
        println!("{target}: {files} seeds, {bytes} bytes");
    }
    println!("corpus written to {}", out.display());
    Ok(())
}
