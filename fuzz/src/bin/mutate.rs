//! A coverage-less mutation fuzzer for the stable toolchain: no nightly, no sanitizer, no
//! instrumentation. It loads the seed corpus (`fuzz/corpus/*/`, written by the `corpus` binary),
//! mutates inputs — structurally when they parse as JSON (tags swapped for other tags, numbers for
//! strings or `null`, keys dropped, duplicated, renamed or moved, values nested deeper or replaced
//! by deep nesting, subtrees spliced in from other inputs), byte-wise otherwise (bit flips,
//! inserted, deleted and duplicated ranges, splices) — and runs every target's check on each mutant.
//!
//! In place of coverage, an input joins the pool when it makes some target do something new: a
//! rejection message not seen before (values taken out), or, for an accepted input, a known key
//! path, value kind or tag value not seen before for that target.
//!
//! The fuzzing runs in a child process, so a crash that unwinding cannot catch (a stack overflow,
//! an abort) is found too: the run is deterministic for a seed, so the supervisor replays the last
//! stretch before the crash writing each input to `artifacts/last-input`, keeps the one that
//! crashed, and goes on with the next seed.
//!
//! ```text
//! mutate [--seconds N] [--seed S] [--corpus DIR] [--artifacts DIR] [--max-len BYTES] [--in-process]
//! mutate --minimize FILE [--target NAME]      # shrinks a finding, writes FILE's .min.json beside it
//! ```
//! Prints `N executions in S s, K findings` (an execution is one input through one target's check)
//! and exits with 1 when K > 0. Findings go to `artifacts/<target>-<kind>-<hash>.json`, each with a
//! minimized `.min.json` beside it; inputs that hang or crash the process to `hang-*` / `crash-*`.
#![forbid(unsafe_code)]

use openai_types_fuzz::json::J;
use openai_types_fuzz::seeds::{self, hash};
use openai_types_fuzz::{check_catching, quiet_panics, Finding, FindingKind, Outcome, Target, TARGETS};
use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many inputs between two progress lines (and so how far back a crash is replayed).
const PROGRESS_EVERY: u64 = 1024;
/// The most inputs the pool holds (seeds included; later entries replace random non-seeds).
const POOL_CAP: usize = 20_000;
/// The most checks one minimization may run.
const MINIMIZE_BUDGET: usize = 30_000;
/// The longest one minimization may take.
const MINIMIZE_TIME: Duration = Duration::from_secs(5);
/// An input whose checks (all targets) take longer than this is reported as slow.
const SLOW: Duration = Duration::from_millis(500);

struct Args {
    seconds: f64,
    seed: u64,
    corpus: PathBuf,
    artifacts: PathBuf,
    max_len: usize,
    timeout: f64,
    in_process: bool,
    worker: bool,
    trace_from: Option<u64>,
    stop_at: Option<u64>,
    minimize: Option<PathBuf>,
    target: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let fuzz = seeds::fuzz_dir();
    let mut args = Args {
        seconds: 60.0,
        seed: 1,
        corpus: fuzz.join("corpus"),
        artifacts: fuzz.join("artifacts"),
        max_len: 64 * 1024,
        timeout: 20.0,
        in_process: false,
        worker: false,
        trace_from: None,
        stop_at: None,
        minimize: None,
        target: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--seconds" => args.seconds = value()?.parse().map_err(|e| format!("--seconds: {e}"))?,
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--corpus" => args.corpus = value()?.into(),
            "--artifacts" => args.artifacts = value()?.into(),
            "--max-len" => args.max_len = value()?.parse().map_err(|e| format!("--max-len: {e}"))?,
            "--timeout" => args.timeout = value()?.parse().map_err(|e| format!("--timeout: {e}"))?,
            "--in-process" => args.in_process = true,
            "--worker" => args.worker = true,
            "--trace-from" => args.trace_from = Some(value()?.parse().map_err(|e| format!("--trace-from: {e}"))?),
            "--stop-at" => args.stop_at = Some(value()?.parse().map_err(|e| format!("--stop-at: {e}"))?),
            "--minimize" => args.minimize = Some(value()?.into()),
            "--target" => args.target = Some(value()?),
            "-h" | "--help" => {
                return Err(
                    "usage: mutate [--seconds N] [--seed S] [--corpus DIR] [--artifacts DIR] [--max-len BYTES] \
                            [--timeout SECONDS] [--in-process] | mutate --minimize FILE [--target NAME]"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument `{other}` (see --help)")),
        }
    }
    Ok(args)
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    quiet_panics();
    if let Some(file) = &args.minimize {
        return minimize_file(file, args.target.as_deref());
    }
    if let Err(e) = std::fs::create_dir_all(&args.artifacts) {
        eprintln!("cannot create {}: {e}", args.artifacts.display());
        return std::process::ExitCode::from(2);
    }
    if args.worker || args.in_process {
        let summary = Worker::new(&args).run(&args);
        if args.in_process {
            println!("{} executions in {:.1} s, {} findings", summary.execs, summary.secs, summary.findings);
        }
        return std::process::ExitCode::SUCCESS;
    }
    supervise(&args)
}

// ---------------------------------------------------------------------------------------------
// The supervisor: runs workers, finds the input of a crash that killed one.

#[derive(Default)]
struct Summary {
    inputs: u64,
    execs: u64,
    secs: f64,
    accepted: u64,
    pool: usize,
    findings: usize,
}

struct WorkerRun {
    summary: Option<Summary>,
    /// The last progress line: inputs and executions done.
    progress: (u64, u64),
    findings: Vec<String>,
    status: String,
    stderr: String,
    /// Killed after `--timeout` seconds without output.
    hung: bool,
}

fn run_worker(args: &Args, seed: u64, seconds: f64, trace: Option<(u64, u64)>) -> std::io::Result<WorkerRun> {
    let mut cmd = Command::new(std::env::current_exe()?);
    cmd.arg("--worker")
        .args(["--seed", &seed.to_string(), "--seconds", &format!("{seconds:.3}")])
        .arg("--corpus")
        .arg(&args.corpus)
        .arg("--artifacts")
        .arg(&args.artifacts)
        .args(["--max-len", &args.max_len.to_string()]);
    cmd.args(["--timeout", &args.timeout.to_string()]);
    if let Some((from, to)) = trace {
        cmd.args(["--trace-from", &from.to_string(), "--stop-at", &to.to_string()]);
    }
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let stderr = child.stderr.take().expect("piped");
    let stderr = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let stdout = child.stdout.take().expect("piped");
    let (lines_tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut run = WorkerRun {
        summary: None,
        progress: (0, 0),
        findings: Vec::new(),
        status: String::new(),
        stderr: String::new(),
        hung: false,
    };
    loop {
        // The worker prints a progress line every PROGRESS_EVERY inputs: silence means a hang.
        // Minimizing at the end prints a line per finding, so it gets the same allowance.
        let line = match lines.recv_timeout(Duration::from_secs_f64(args.timeout)) {
            Ok(line) => line,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                run.hung = true;
                let _ = child.kill();
                break;
            }
        };
        let mut words = line.split_whitespace();
        match words.next() {
            Some("progress") => {
                let n: Vec<u64> = words.filter_map(|w| w.parse().ok()).collect();
                if let [inputs, execs] = n[..] {
                    run.progress = (inputs, execs);
                }
            }
            Some("found") => {
                println!("{line}");
                run.findings.push(line);
            }
            Some("summary") => {
                let n: Vec<f64> = words.filter_map(|w| w.parse().ok()).collect();
                if let [inputs, execs, secs, accepted, pool, findings] = n[..] {
                    run.summary = Some(Summary {
                        inputs: inputs as u64,
                        execs: execs as u64,
                        secs,
                        accepted: accepted as u64,
                        pool: pool as usize,
                        findings: findings as usize,
                    });
                }
            }
            _ => println!("{line}"),
        }
    }
    run.status = child.wait()?.to_string();
    run.stderr = stderr.join().unwrap_or_default();
    Ok(run)
}

fn supervise(args: &Args) -> std::process::ExitCode {
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(args.seconds);
    let mut total = Summary::default();
    let mut findings: Vec<String> = Vec::new();
    let mut seed = args.seed;
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now()).as_secs_f64();
        if remaining < 0.5 {
            break;
        }
        let run = match run_worker(args, seed, remaining, None) {
            Ok(run) => run,
            Err(e) => {
                eprintln!("cannot run the worker: {e}");
                return std::process::ExitCode::from(2);
            }
        };
        findings.extend(run.findings.iter().cloned());
        if let Some(s) = run.summary {
            total.inputs += s.inputs;
            total.execs += s.execs;
            total.secs += s.secs;
            total.accepted += s.accepted;
            total.pool = total.pool.max(s.pool);
            break;
        }
        // The worker died or hung: replay the stretch since its last progress line, saving each input.
        let (inputs, execs) = run.progress;
        total.inputs += inputs;
        total.execs += execs;
        let what = if run.hung {
            format!("hang (no output for {} s)", args.timeout)
        } else {
            format!("crash ({})", run.status)
        };
        let last = run.stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_owned();
        println!("worker (seed {seed}) stopped after {inputs} inputs: {what} {last}; replaying to find the input");
        let trace = args.artifacts.join("last-input");
        let _ = std::fs::remove_file(&trace);
        match run_worker(args, seed, f64::MAX / 4.0, Some((inputs, inputs + PROGRESS_EVERY + 1))) {
            Ok(replay) if replay.summary.is_none() => match std::fs::read(&trace) {
                Ok(data) => {
                    let kind = if replay.hung { "hang" } else { "crash" };
                    let path = args.artifacts.join(format!("{kind}-{:016x}.json", hash(&data)));
                    let _ = std::fs::rename(&trace, &path);
                    let line = format!("found {what} {last} -> {}", path.display());
                    println!("{line}");
                    findings.push(line);
                }
                Err(e) => println!("the replay stopped too, but left no input: {e}"),
            },
            Ok(_) => println!("the replay went through: the failure depends on something besides the input"),
            Err(e) => println!("cannot replay: {e}"),
        }
        seed = seed.wrapping_add(1_000_003);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} executions in {secs:.1} s, {} findings ({} inputs x {} targets, {} inputs accepted by at least one type, pool {})",
        total.execs,
        findings.len(),
        total.inputs,
        TARGETS.len(),
        total.accepted,
        total.pool
    );
    if findings.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

// ---------------------------------------------------------------------------------------------
// The worker: the fuzzing loop.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03 | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Entry {
    data: Vec<u8>,
    tree: Option<J>,
}

impl Entry {
    fn new(data: Vec<u8>) -> Self {
        let tree = std::str::from_utf8(&data).ok().and_then(J::parse);
        Entry { data, tree }
    }
}

struct FoundRecord {
    finding: Finding,
    data: Vec<u8>,
    count: u64,
    path: PathBuf,
}

struct Worker {
    rng: Rng,
    pool: Vec<Entry>,
    seeds: usize,
    dict: Vec<String>,
    known_keys: HashSet<String>,
    features: HashSet<u64>,
    found: BTreeMap<(&'static str, FindingKind, String), FoundRecord>,
    /// Inputs that took longer than [`SLOW`] (hashes).
    slow: HashSet<u64>,
    max_len: usize,
}

const TAGS: &[&str] = &["message", "function_call", "input_text", "function_call_output", "output_text", "reasoning"];
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.0",
    "1.0",
    "-0.0",
    "1e2",
    "1E+2",
    "0.1",
    "0.5",
    "1e400",
    "-1e400",
    "4.9e-324",
    "1e-400",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "123456789012345678901234567890",
    "1.7976931348623157e308",
    "2.2250738585072014e-308",
    "0.30000000000000004",
    "100000000000000000000000",
    "1.5",
];
const RAW_STRINGS: &[&str] = &[
    r#""""#,
    r#""\u0000""#,
    r#""\ud800""#,
    r#""\udc00\ud800""#,
    r#""\ud83e\udd80""#,
    r#""\u00e9\u65e5""#,
    r#""a\"b\\c""#,
    r#""\/""#,
    r#""\b\f\n\r\t""#,
    r#""\u200b""#,
];

impl Worker {
    fn new(args: &Args) -> Self {
        let model = seeds::model();
        let mut dict = seeds::dictionary(&model);
        dict.extend(TAGS.iter().map(|s| (*s).to_owned()));
        dict.sort();
        dict.dedup();
        let known_keys: HashSet<String> = dict.iter().cloned().collect();
        let mut pool = Vec::new();
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&args.corpus)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        dirs.push(seeds::fuzz_dir().join("regressions"));
        for dir in &dirs {
            for file in seeds::json_files(dir) {
                if let Ok(data) = std::fs::read(&file) {
                    pool.push(Entry::new(data));
                }
            }
        }
        if pool.is_empty() {
            // No corpus written yet: seed from the generator directly.
            pool.extend(seeds::seeds(&model).into_iter().map(|s| Entry::new(s.data)));
        }
        pool.push(Entry::new(b"{}".to_vec()));
        let seeds = pool.len();
        Worker {
            rng: Rng::new(args.seed),
            pool,
            seeds,
            dict,
            known_keys,
            features: HashSet::new(),
            found: BTreeMap::new(),
            slow: HashSet::new(),
            max_len: args.max_len,
        }
    }

    fn run(&mut self, args: &Args) -> Summary {
        let start = Instant::now();
        let budget = Duration::from_secs_f64(args.seconds.clamp(0.0, 1e9));
        let out = std::io::stdout();
        let mut summary = Summary::default();
        // The seeds themselves first (their features, and findings in the corpus itself), then mutants.
        let mut i: u64 = 0;
        loop {
            if i % 64 == 0 && start.elapsed() >= budget {
                break;
            }
            if args.stop_at.is_some_and(|stop| i >= stop) {
                break;
            }
            if i % PROGRESS_EVERY == 0 {
                let mut out = out.lock();
                let _ = writeln!(out, "progress {i} {}", summary.execs);
                let _ = out.flush();
            }
            let is_seed = (i as usize) < self.seeds;
            let (data, tree) = if is_seed {
                (self.pool[i as usize].data.clone(), self.pool[i as usize].tree.clone())
            } else {
                self.mutant()
            };
            if args.trace_from.is_some_and(|from| i >= from) {
                let _ = std::fs::write(args.artifacts.join("last-input"), &data);
            }
            let started = Instant::now();
            self.execute(&data, tree.as_ref(), &args.artifacts, &mut summary, !is_seed);
            let took = started.elapsed();
            if took >= SLOW && self.slow.insert(hash(&data)) {
                let path = args.artifacts.join(format!("slow-{:016x}.json", hash(&data)));
                let _ = std::fs::write(&path, &data);
                let mut out = out.lock();
                let _ = writeln!(
                    out,
                    "found slow input: {:.2} s for {} bytes -> {}",
                    took.as_secs_f64(),
                    data.len(),
                    path.display()
                );
                let _ = out.flush();
            }
            i += 1;
        }
        summary.secs = start.elapsed().as_secs_f64();
        summary.pool = self.pool.len();
        summary.findings = self.found.len() + self.slow.len();
        // Shrink every finding, then report.
        for record in self.found.values() {
            let Some(target) = openai_types_fuzz::target(record.finding.target) else { continue };
            let min = minimize(target, &record.data, &record.finding);
            let min_path = record.path.with_extension("min.json");
            let _ = std::fs::write(&min_path, &min);
            let mut out = out.lock();
            let _ = writeln!(
                out,
                "minimized {} {} [{}] (seen {} times): {} bytes -> {}",
                record.finding.target,
                record.finding.kind.slug(),
                record.finding.signature,
                record.count,
                min.len(),
                min_path.display()
            );
            let _ = out.flush();
        }
        let _ = writeln!(
            out.lock(),
            "summary {} {} {:.3} {} {} {}",
            summary.inputs,
            summary.execs,
            summary.secs,
            summary.accepted,
            summary.pool,
            summary.findings
        );
        summary
    }

    /// Runs every target on one input; records findings and new features.
    fn execute(&mut self, data: &[u8], tree: Option<&J>, artifacts: &Path, summary: &mut Summary, may_add: bool) {
        summary.inputs += 1;
        let mut new = false;
        let mut parsed: Option<Option<J>> = tree.map(|t| Some(t.clone()));
        let mut accepted_any = false;
        for (t, target) in TARGETS.iter().enumerate() {
            summary.execs += 1;
            match check_catching(target, data) {
                Ok(Outcome::NotUtf8) => {}
                Ok(Outcome::Rejected(message)) => {
                    let normalized = openai_types_fuzz::normalize(&message);
                    new |= self.features.insert(hash(format!("{t}\0{normalized}").as_bytes()));
                }
                Ok(Outcome::Stable { variant }) => {
                    accepted_any = true;
                    new |= self.features.insert(hash(format!("{t}\0ok\0{}", variant.unwrap_or("")).as_bytes()));
                    let tree = parsed.get_or_insert_with(|| std::str::from_utf8(data).ok().and_then(J::parse));
                    if let Some(tree) = tree {
                        let mut features = Vec::new();
                        shape_features(tree, t as u64, 0, 0, &self.known_keys, &mut features);
                        for f in features {
                            new |= self.features.insert(f);
                        }
                    }
                }
                Err(finding) => {
                    let key = (finding.target, finding.kind, finding.signature.clone());
                    match self.found.get_mut(&key) {
                        Some(record) => {
                            record.count += 1;
                            // Keep the smallest example.
                            if data.len() < record.data.len() {
                                record.data = data.to_vec();
                                let _ = std::fs::write(&record.path, data);
                            }
                        }
                        None => {
                            let slug = target.slug;
                            let path =
                                artifacts.join(format!("{slug}-{}-{:016x}.json", finding.kind.slug(), hash(data)));
                            let _ = std::fs::write(&path, data);
                            let mut out = std::io::stdout().lock();
                            let detail: String = finding.detail.chars().take(400).collect();
                            let _ = writeln!(
                                out,
                                "found {} {} [{}] -> {}: {detail}",
                                finding.target,
                                finding.kind.slug(),
                                finding.signature,
                                path.display()
                            );
                            let _ = out.flush();
                            self.found.insert(key, FoundRecord { finding, data: data.to_vec(), count: 1, path });
                        }
                    }
                }
            }
        }
        if accepted_any {
            summary.accepted += 1;
        }
        if new && may_add {
            let entry = Entry { data: data.to_vec(), tree: parsed.flatten() };
            if self.pool.len() < POOL_CAP {
                self.pool.push(entry);
            } else {
                let at = self.seeds + self.rng.below(POOL_CAP - self.seeds);
                self.pool[at] = entry;
            }
        }
    }

    /// A new input from the pool: structural mutations when the base parses, byte mutations
    /// otherwise (and sometimes anyway).
    fn mutant(&mut self) -> (Vec<u8>, Option<J>) {
        let base = self.rng.below(self.pool.len());
        let rounds = 1 + self.rng.below(4);
        let structural = self.pool[base].tree.is_some() && !self.rng.chance(5);
        if structural {
            let mut tree = self.pool[base].tree.clone().expect("checked");
            for _ in 0..rounds {
                self.mutate_tree(&mut tree);
            }
            let mut data = tree.to_text().into_bytes();
            if self.rng.chance(10) {
                self.mutate_bytes(&mut data);
                data.truncate(self.max_len);
                return (data, None);
            }
            if data.len() > self.max_len {
                data.truncate(self.max_len);
                return (data, None);
            }
            (data, Some(tree))
        } else {
            let mut data = self.pool[base].data.clone();
            for _ in 0..rounds {
                self.mutate_bytes(&mut data);
            }
            data.truncate(self.max_len);
            (data, None)
        }
    }

    /// A random subtree of a random parsed pool entry.
    fn donor(&mut self) -> J {
        for _ in 0..4 {
            let i = self.rng.below(self.pool.len());
            if let Some(tree) = &self.pool[i].tree {
                let n = self.rng.below(tree.count());
                let mut tree = tree.clone();
                if let Some(node) = tree.nth_mut(n) {
                    return std::mem::replace(node, J::Null);
                }
            }
        }
        J::Str(self.word())
    }

    fn word(&mut self) -> String {
        if self.rng.chance(3) {
            (*self.rng.pick(TAGS)).to_owned()
        } else {
            self.rng.pick(&self.dict).clone()
        }
    }

    fn scalar(&mut self) -> J {
        match self.rng.below(7) {
            0 => J::Null,
            1 => J::Bool(self.rng.chance(2)),
            2 => J::Num((*self.rng.pick(NUMBERS)).to_owned()),
            3 => J::Raw((*self.rng.pick(RAW_STRINGS)).to_owned()),
            4 => J::Str("x".repeat(1 + self.rng.below(2000))),
            _ => J::Str(self.word()),
        }
    }

    fn deep(&mut self) -> J {
        let depth = match self.rng.below(3) {
            0 => 100 + self.rng.below(60),
            1 => 1000 + self.rng.below(2000),
            _ => 10_000 + self.rng.below(10_000),
        };
        let (open, close) = match self.rng.below(3) {
            0 => ("[".to_owned(), "]"),
            1 => ("{\"a\":".to_owned(), "}"),
            _ => (format!("{{\"type\":\"{}\",\"content\":[", self.word()), "]}"),
        };
        J::Raw(format!("{}null{}", open.repeat(depth), close.repeat(depth)))
    }

    fn mutate_tree(&mut self, tree: &mut J) {
        let count = tree.count();
        let n = self.rng.below(count);
        let op = self.rng.below(20);
        // Values that need `self` are drawn before the node is borrowed.
        let word = self.word();
        let scalar = self.scalar();
        let donor = if matches!(op, 7 | 12 | 13) { self.donor() } else { J::Null };
        let deep = if op == 15 { self.deep() } else { J::Null };
        let (r1, r2, r3) = (self.rng.next() as usize, self.rng.next() as usize, self.rng.next() as usize);
        let Some(node) = tree.nth_mut(n) else { return };
        match op {
            // A string becomes another tag or name of the spec.
            0 | 1 => {
                if matches!(node, J::Str(_)) || r1 % 3 == 0 {
                    *node = J::Str(word);
                } else {
                    *node = scalar;
                }
            }
            // Numbers to strings, null, booleans, other numbers; strings to numbers.
            2 => {
                *node = match node {
                    J::Num(text) => match r1 % 4 {
                        0 => J::Str(text.clone()),
                        1 => J::Null,
                        2 => J::Bool(true),
                        _ => J::Num(NUMBERS[r2 % NUMBERS.len()].to_owned()),
                    },
                    J::Str(s) => match r1 % 3 {
                        0 if !s.is_empty() && s.len() < 40 => J::Num(s.clone()),
                        1 => J::Num(NUMBERS[r2 % NUMBERS.len()].to_owned()),
                        _ => J::Null,
                    },
                    J::Bool(b) => J::Bool(!*b),
                    _ => scalar,
                }
            }
            3 => *node = scalar,
            // Drop a key.
            4 => {
                if let J::Obj(entries) = node {
                    if !entries.is_empty() {
                        entries.remove(r1 % entries.len());
                    }
                }
            }
            // The same key twice, with another value.
            5 | 6 => {
                if let J::Obj(entries) = node {
                    if !entries.is_empty() {
                        let (key, value) = entries[r1 % entries.len()].clone();
                        let other = match r3 % 3 {
                            0 => J::Str(word),
                            1 => value,
                            _ => scalar,
                        };
                        let at = r2 % (entries.len() + 1);
                        entries.insert(at, (key, other));
                    }
                }
            }
            // A new key (a known name) with a spliced or scalar value.
            7 => {
                if let J::Obj(entries) = node {
                    let value = if r3 % 2 == 0 { donor } else { scalar };
                    let at = r2 % (entries.len() + 1);
                    entries.insert(at, (word, value));
                }
            }
            // Rename a key.
            8 => {
                if let J::Obj(entries) = node {
                    if !entries.is_empty() {
                        let i = r1 % entries.len();
                        entries[i].0 = word;
                    }
                }
            }
            // Move a key (the tag) to the front or the end.
            9 => {
                if let J::Obj(entries) = node {
                    if entries.len() > 1 {
                        let i =
                            entries.iter().position(|(k, _)| k == "type" && r3 % 2 == 0).unwrap_or(r1 % entries.len());
                        let entry = entries.remove(i);
                        if r2 % 2 == 0 {
                            entries.insert(0, entry);
                        } else {
                            entries.push(entry);
                        }
                    }
                }
            }
            // Array elements: remove, duplicate, clear.
            10 => {
                if let J::Arr(items) = node {
                    if !items.is_empty() {
                        let i = r1 % items.len();
                        match r2 % 3 {
                            0 => {
                                items.remove(i);
                            }
                            1 => {
                                let copy = items[i].clone();
                                items.insert(i, copy);
                            }
                            _ => items.clear(),
                        }
                    } else {
                        items.push(scalar);
                    }
                }
            }
            // Nest deeper: in an array or an object, once or a few times.
            11 => {
                for _ in 0..1 + r2 % 4 {
                    let inner = std::mem::replace(node, J::Null);
                    *node = if r1 % 2 == 0 { J::Arr(vec![inner]) } else { J::Obj(vec![(word.clone(), inner)]) };
                }
            }
            // Splice in a subtree of another input.
            12 | 13 => *node = donor,
            // Hoist a child in place of its parent.
            14 => {
                let child = match node {
                    J::Arr(items) if !items.is_empty() => Some(items.swap_remove(r1 % items.len())),
                    J::Obj(entries) if !entries.is_empty() => Some(entries.swap_remove(r1 % entries.len()).1),
                    _ => None,
                };
                if let Some(child) = child {
                    *node = child;
                }
            }
            // Very deep nesting, as text.
            15 => *node = deep,
            // Emptied containers, or a container where a scalar was.
            16 => {
                *node = match node {
                    J::Obj(_) => J::Obj(Vec::new()),
                    J::Arr(_) => J::Arr(Vec::new()),
                    J::Str(s) => J::Arr(vec![J::Str(std::mem::take(s))]),
                    _ => J::Obj(vec![("type".to_owned(), J::Str(word))]),
                }
            }
            // An object gets a `type` tag (or a different one).
            17 => {
                if let J::Obj(entries) = node {
                    entries.retain(|(k, _)| k != "type" || r2 % 2 == 0);
                    entries.insert(r3 % (entries.len() + 1), ("type".to_owned(), J::Str(word)));
                }
            }
            // Odd strings: escapes, surrogates, long, empty.
            18 => {
                if matches!(node, J::Str(_)) {
                    *node = J::Raw(RAW_STRINGS[r1 % RAW_STRINGS.len()].to_owned());
                }
            }
            // Objects to arrays of their values and back.
            _ => {
                *node = match std::mem::replace(node, J::Null) {
                    J::Obj(entries) => J::Arr(entries.into_iter().map(|(_, v)| v).collect()),
                    J::Arr(items) => J::Obj(items.into_iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect()),
                    other => other,
                }
            }
        }
    }

    fn mutate_bytes(&mut self, data: &mut Vec<u8>) {
        const BYTES: &[u8] = b"{}[]\",:\\0-.eE \n\x00\xff\x7fnt";
        let len = data.len();
        let pos = self.rng.below(len + 1);
        match self.rng.below(9) {
            0 if len > 0 => {
                let i = pos.min(len - 1);
                data[i] ^= 1 << self.rng.below(8);
            }
            1 if len > 0 => {
                let i = pos.min(len - 1);
                data[i] = *self.rng.pick(BYTES);
            }
            2 => data.insert(pos, *self.rng.pick(BYTES)),
            3 if len > 0 => {
                let n = 1 + self.rng.below(len.min(64));
                let end = (pos + n).min(len);
                data.drain(pos.min(len)..end);
            }
            4 if len > 0 => {
                let from = self.rng.below(len);
                let n = 1 + self.rng.below((len - from).min(256));
                let copy = data[from..from + n].to_vec();
                let at = self.rng.below(len + 1);
                data.splice(at..at, copy);
            }
            5 => {
                // Splice: this input's head, another's tail.
                let other = self.rng.below(self.pool.len());
                let other = &self.pool[other].data;
                let cut = self.rng.below(other.len() + 1);
                data.truncate(pos);
                data.extend_from_slice(&other[cut..]);
            }
            6 => {
                let token = match self.rng.below(3) {
                    0 => format!("\"{}\"", self.word()),
                    1 => format!("\"type\":\"{}\",", self.word()),
                    _ => (*self.rng.pick(NUMBERS)).to_owned(),
                };
                data.splice(pos..pos, token.into_bytes());
            }
            7 => data.truncate(pos),
            _ => {
                // Replace a quoted word near `pos` with another word.
                let start = data[pos.min(len)..].iter().position(|&b| b == b'"').map(|i| pos + i);
                if let Some(start) = start {
                    if let Some(end) = data[start + 1..].iter().position(|&b| b == b'"').map(|i| start + 1 + i) {
                        let word = self.word().into_bytes();
                        data.splice(start + 1..end, word);
                    }
                }
            }
        }
    }
}

/// Features of an accepted input: for each known key path (unknown keys as `?`, array indices as
/// `*`), the kind of value there and, for short strings that are spec words, the value itself.
fn shape_features(node: &J, target: u64, path: u64, depth: usize, known: &HashSet<String>, out: &mut Vec<u64>) {
    if depth > 10 {
        return;
    }
    let mix = |h: u64, x: u64| (h ^ x).wrapping_mul(0x0100_0000_01b3).rotate_left(17);
    let kind = match node {
        J::Null => 1,
        J::Bool(_) => 2,
        J::Num(_) => 3,
        J::Str(s) => {
            if known.contains(s) {
                out.push(mix(mix(target, path), hash(s.as_bytes())));
            }
            4
        }
        J::Arr(items) => {
            for item in items {
                shape_features(item, target, mix(path, 0x2a), depth + 1, known, out);
            }
            5
        }
        J::Obj(entries) => {
            for (key, value) in entries {
                let k = if known.contains(key) { hash(key.as_bytes()) } else { 0x3f };
                shape_features(value, target, mix(path, k), depth + 1, known, out);
            }
            6
        }
        J::Raw(_) => 7,
    };
    out.push(mix(mix(target, path), kind));
}

// ---------------------------------------------------------------------------------------------
// Minimization.

/// Shrinks `data` while the target still fails the same way (same kind and signature): first
/// structurally (entries and elements removed, values hoisted or replaced by empty ones, strings
/// shortened), then byte ranges.
fn minimize(target: &Target, data: &[u8], finding: &Finding) -> Vec<u8> {
    let mut budget = MINIMIZE_BUDGET;
    let deadline = Instant::now() + MINIMIZE_TIME;
    let mut fails = |candidate: &[u8]| -> bool {
        if budget == 0 || Instant::now() > deadline {
            return false;
        }
        budget -= 1;
        matches!(check_catching(target, candidate), Err(f) if f.kind == finding.kind && f.signature == finding.signature)
    };
    let mut best = data.to_vec();
    if let Some(mut tree) = std::str::from_utf8(data).ok().and_then(J::parse) {
        let text = tree.to_text().into_bytes();
        if text.len() <= best.len() && fails(&text) {
            best = text;
            loop {
                let mut improved = false;
                let mut n = 0;
                while n < tree.count() {
                    let mut edit = 0;
                    // Edits 0..8 are the fixed ones; 8.. remove the entry or element `edit - 8`.
                    while edit < 8 + children(&mut tree, n) {
                        let mut candidate = tree.clone();
                        if shrink_node(&mut candidate, n, edit) {
                            let text = candidate.to_text().into_bytes();
                            if text.len() < best.len() && fails(&text) {
                                best = text;
                                tree = candidate;
                                improved = true;
                                continue;
                            }
                        }
                        edit += 1;
                    }
                    n += 1;
                }
                if !improved {
                    break;
                }
            }
        }
    }
    // Byte ranges, largest first.
    let mut chunk = best.len() / 2;
    while chunk > 0 {
        let mut at = 0;
        while at < best.len() {
            let end = (at + chunk).min(best.len());
            let mut candidate = best[..at].to_vec();
            candidate.extend_from_slice(&best[end..]);
            if fails(&candidate) {
                best = candidate;
            } else {
                at += chunk;
            }
        }
        chunk /= 2;
    }
    best
}

/// How many entries or elements node `n` has.
fn children(tree: &mut J, n: usize) -> usize {
    match tree.nth_mut(n) {
        Some(J::Obj(entries)) => entries.len(),
        Some(J::Arr(items)) => items.len(),
        _ => 0,
    }
}

/// One shrinking edit of node `n`; false when it does not apply.
fn shrink_node(tree: &mut J, n: usize, edit: usize) -> bool {
    let Some(node) = tree.nth_mut(n) else { return false };
    match (edit, &mut *node) {
        (i, J::Obj(entries)) if i >= 8 && i - 8 < entries.len() => {
            entries.remove(i - 8);
        }
        (i, J::Arr(items)) if i >= 8 && i - 8 < items.len() => {
            items.remove(i - 8);
        }
        // Remove each entry / element: done one at a time through repeated passes (the first,
        // then the last).
        (0, J::Obj(entries)) if !entries.is_empty() => {
            entries.remove(0);
        }
        (1, J::Obj(entries)) if !entries.is_empty() => {
            entries.pop();
        }
        (0, J::Arr(items)) if !items.is_empty() => {
            items.remove(0);
        }
        (1, J::Arr(items)) if !items.is_empty() => {
            items.pop();
        }
        (2, J::Obj(entries)) if entries.len() > 2 => {
            let half = entries.len() / 2;
            entries.truncate(half);
        }
        (2, J::Arr(items)) if items.len() > 2 => {
            let half = items.len() / 2;
            items.truncate(half);
        }
        // Hoist the first or last child.
        (3, J::Obj(entries)) if !entries.is_empty() => *node = entries.remove(0).1,
        (3, J::Arr(items)) if !items.is_empty() => *node = items.remove(0),
        (4, J::Obj(entries)) if !entries.is_empty() => *node = entries.pop().expect("non-empty").1,
        (4, J::Arr(items)) if !items.is_empty() => *node = items.pop().expect("non-empty"),
        // Simpler values.
        (5, J::Str(s)) if !s.is_empty() => {
            let keep = s.chars().count() / 2;
            *s = s.chars().take(keep).collect();
        }
        (5, J::Num(text)) if text != "0" => *text = "0".into(),
        (6, J::Obj(e)) if !e.is_empty() => *node = J::Obj(Vec::new()),
        (6, J::Arr(i)) if !i.is_empty() => *node = J::Arr(Vec::new()),
        (7, J::Null) => return false,
        (7, _) => *node = J::Null,
        _ => return false,
    }
    true
}

fn minimize_file(file: &Path, target: Option<&str>) -> std::process::ExitCode {
    let data = match std::fs::read(file) {
        Ok(data) => data,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return std::process::ExitCode::from(2);
        }
    };
    let targets: Vec<&Target> = match target {
        Some(name) => match openai_types_fuzz::target(name) {
            Some(t) => vec![t],
            None => {
                eprintln!("unknown target `{name}`");
                return std::process::ExitCode::from(2);
            }
        },
        None => TARGETS.iter().collect(),
    };
    let mut any = false;
    for target in targets {
        if let Err(finding) = check_catching(target, &data) {
            any = true;
            let min = minimize(target, &data, &finding);
            let out = file.with_extension(format!("{}.min.json", target.slug));
            let _ = std::fs::write(&out, &min);
            println!("{finding}");
            println!(
                "minimized ({} -> {} bytes, {}): {}",
                data.len(),
                min.len(),
                out.display(),
                String::from_utf8_lossy(&min)
            );
            if let Err(f) = check_catching(target, &min) {
                println!("  which gives: {f}");
            }
        }
    }
    if !any {
        println!("{}: no finding for any target", file.display());
    }
    std::process::ExitCode::SUCCESS
}
