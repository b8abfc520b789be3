//! Replays inputs through every fuzz target's check, so that past findings stay fixed:
//! - the seed corpus, as the `corpus` binary writes it (made here in memory: no need to run the
//!   binary first; `fuzz/corpus/` also holds what libFuzzer added, which may be known findings),
//! - every file of `fuzz/regressions/`: minimized inputs of findings. A file there that fails is
//!   a bug that is open (or came back); see ROBUSTNESS.md.
//!
//! Each input goes through every target (an input item is also a fine, if usually rejected,
//! conversation): a panic, an unstable round trip or a hang (more than `TIMEOUT`) fails the test.

use openai_types_fuzz::seeds::{self, fuzz_dir, json_files};
use openai_types_fuzz::{check_catching, quiet_panics, Outcome, TARGETS};
use std::sync::mpsc;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(30);

/// Runs every target on every input; returns the failures (name: finding).
fn replay(inputs: Vec<(String, Vec<u8>)>) -> Vec<String> {
    quiet_panics();
    let count = inputs.len();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut failures = Vec::new();
        for (name, data) in &inputs {
            for target in TARGETS {
                if let Err(finding) = check_catching(target, data) {
                    let finding = finding.to_string();
                    let short: String = finding.chars().take(600).collect();
                    failures.push(format!("{name}: {short}"));
                }
            }
        }
        let _ = tx.send(failures);
    });
    // A generous bound for the whole set; a hang in one input fails the test instead of blocking it.
    let bound = TIMEOUT + Duration::from_millis(20 * count as u64);
    rx.recv_timeout(bound).unwrap_or_else(|_| vec![format!("timed out after {bound:?}: an input hangs")])
}

fn read_dir(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    json_files(dir)
        .into_iter()
        .filter_map(|path| {
            let data = std::fs::read(&path).ok()?;
            Some((path.strip_prefix(fuzz_dir()).unwrap_or(&path).display().to_string(), data))
        })
        .collect()
}

fn assert_none(what: &str, count: usize, failures: Vec<String>) {
    println!("{what}: {count} inputs x {} targets, {} failures", TARGETS.len(), failures.len());
    assert!(failures.is_empty(), "{what}: {} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn seed_corpus_round_trips_stably() {
    let model = seeds::model();
    let inputs: Vec<(String, Vec<u8>)> =
        seeds::seeds(&model).into_iter().map(|s| (format!("{}/{}", s.target, s.name), s.data)).collect();
    assert!(inputs.len() > 1000, "the seed corpus is complete ({} seeds)", inputs.len());
    let count = inputs.len();
    assert_none("seeds", count, replay(inputs));
}

#[test]
fn hand_picked_seeds_are_each_accepted_by_some_target() {
    quiet_panics();
    let seeds = read_dir(&fuzz_dir().join("seeds"));
    assert!(!seeds.is_empty());
    for (name, data) in &seeds {
        let accepted = TARGETS.iter().filter(|t| matches!(check_catching(t, data), Ok(Outcome::Stable { .. }))).count();
        assert!(accepted > 0, "{name} is accepted by no target");
    }
}

#[test]
fn regressions_stay_fixed() {
    let inputs = read_dir(&fuzz_dir().join("regressions"));
    let count = inputs.len();
    assert_none("regressions/", count, replay(inputs));
}
