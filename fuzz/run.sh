#!/usr/bin/env bash
# Bounded fuzzing of openai-types (see ROBUSTNESS.md, "Fuzzing").
#
#   fuzz/run.sh [SECONDS]      (default 60)
#
# 1. builds the fuzz crate (release, debug assertions and overflow checks on),
# 2. writes the seed corpus to fuzz/corpus/<target>/ (examples, hand-picked seeds, sampler instances),
# 3. runs the stable mutation fuzzer over all seven targets for SECONDS,
# 4. when `cargo fuzz` is installed, runs each libFuzzer target for SECONDS/7 (no sanitizer: the
#    stable toolchain has none, and the crates under test forbid unsafe code), in fork mode so that
#    it goes on after a finding.
#
# Environment: FUZZ_SEED (mutation fuzzer seed, default 1); FUZZ_IGNORE (libFuzzer stage only:
# comma-separated classes of findings not to stop on: `duplicate-key-input`, `key-order` or a kind such
# as `unstable`; see `openai_types_fuzz::ignored`).
# Findings: fuzz/artifacts/. Exit status 1 when anything was found, 2 when something failed to run.
set -uo pipefail

seconds="${1:-60}"
case "$seconds" in
    '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
targets=(
    conversation_create_params
    conversation
    input_token_count_params
    input_token_count_response
    response_compact_params
    compacted_response
    response_input_item
)
status=0

cargo build --release --bins || exit 2
./target/release/corpus || exit 2
mkdir -p artifacts

echo "== mutation fuzzer: ${seconds} s, seed ${FUZZ_SEED:-1}"
./target/release/mutate --seconds "$seconds" --seed "${FUZZ_SEED:-1}" | tee artifacts/mutate.log
case "${PIPESTATUS[0]}" in
    0) ;;
    1) status=1 ;;
    *) exit 2 ;;
esac

if cargo fuzz --version >/dev/null 2>&1; then
    per=$((seconds / ${#targets[@]}))
    [ "$per" -lt 1 ] && per=1
    for target in "${targets[@]}"; do
        log="artifacts/libfuzzer-$target.log"
        (cd "$here/.." && FUZZ_IGNORE="${FUZZ_IGNORE:-}" cargo fuzz run --sanitizer none --features libfuzzer "$target" \
            -- -max_total_time="$per" -timeout=20 -dict=fuzz/corpus/openai.dict -fork=1 -ignore_crashes=1) \
            >"$log" 2>&1
        rc=$?
        stats="$(grep -E '^#[0-9]+: cov' "$log" | tail -1)"
        if [ -z "$stats" ]; then
            echo "== libFuzzer $target: did not run (exit $rc), see fuzz/$log"
            status=2
            continue
        fi
        execs="$(echo "$stats" | sed -E 's|^#([0-9]+):.*|\1|')"
        crashes="$(echo "$stats" | sed -E 's|.*oom/timeout/crash: ([0-9]+)/([0-9]+)/([0-9]+).*|\1 ooms, \2 timeouts, \3 crashes|')"
        echo "== libFuzzer $target: ${per} s, $execs executions, $crashes (fuzz/artifacts/$target/)"
        if ! echo "$stats" | grep -q 'oom/timeout/crash: 0/0/0'; then
            [ "$status" -eq 0 ] && status=1
        fi
    done
else
    echo "== cargo fuzz is not installed (cargo install cargo-fuzz): libFuzzer stage skipped"
fi
exit "$status"
