//! The clocks of the benchmarks. This machine is shared (2 cores, other builds running): wall time
//! counts the time other processes hold the core, the process's CPU time does not. The benches use
//! the process's CPU time (all its threads) unless `BENCH_CLOCK=wall`.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// CPU time consumed by the process, all its threads together (`CLOCK_PROCESS_CPUTIME_ID`,
/// through the cpu-time crate: no `unsafe` here). Zero where the clock cannot be read.
pub fn cpu() -> Duration {
    cpu_time::ProcessTime::try_now().map(|t| t.as_duration()).unwrap_or_default()
}

/// Monotonic wall time since the first call.
pub fn wall() -> Duration {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// Whether the benches measure CPU time (the default) or wall time (`BENCH_CLOCK=wall`).
pub fn use_cpu_time() -> bool {
    !matches!(std::env::var("BENCH_CLOCK").as_deref(), Ok("wall"))
}

/// The chosen clock's current reading.
pub fn now() -> Duration {
    if use_cpu_time() {
        cpu()
    } else {
        wall()
    }
}

/// The clock's name, for reports.
pub fn name() -> &'static str {
    if use_cpu_time() {
        "process CPU time"
    } else {
        "wall time"
    }
}
