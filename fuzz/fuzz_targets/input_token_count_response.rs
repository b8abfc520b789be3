//! Fuzz target: `InputTokenCountResponse` (see `openai_types_fuzz::check`).
//!
//! With the `libfuzzer` feature: `cargo fuzz run --features libfuzzer input_token_count_response`. Without it, a plain
//! binary that replays the files and folders given as arguments (stable toolchain).
#![cfg_attr(feature = "libfuzzer", no_main)]
#![forbid(unsafe_code)]

#[cfg(feature = "libfuzzer")]
libfuzzer_sys::fuzz_target!(|data: &[u8]| openai_types_fuzz::fuzz("input_token_count_response", data));

#[cfg(not(feature = "libfuzzer"))]
fn main() -> std::process::ExitCode {
    openai_types_fuzz::replay_main("input_token_count_response")
}
