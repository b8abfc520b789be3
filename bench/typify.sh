#!/usr/bin/env bash
# The generator against cargo-typify, on the same schemas, in the same run.
#
#   bench/typify.sh [SIZES...]      (default: real 1000 4000; `real` = the 150 schemas of spec/openapi.yaml)
#
# Installs cargo-typify from crates.io when it is missing (this script does, CI never runs it).
# For each size, `synth` writes the schemas twice: as an OpenAPI document (what the generator
# reads) and as a JSON Schema document with `definitions` (what cargo-typify reads). cargo-typify
# 0.8 rejects a `default` on a union schema, so `synth` strips that one construct from BOTH inputs
# (see bench/src/synth.rs, `strip_union_defaults`). Each tool then writes its Rust output from
# scratch (the output is removed before every run), timed by hyperfine when it is installed
# (`apt-get install hyperfine`), by repeated timing otherwise.
#
# Environment: RUNS (default 10), TYPIFY_VERSION (default 0.8.0), TYPIFY_FLAGS (default empty:
# typify's defaults, builders included; `-B` leaves builders out).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${RUNS:-10}"
typify_version="${TYPIFY_VERSION:-0.8.0}"
typify_flags="${TYPIFY_FLAGS:-}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(real 1000 4000)
target="${CARGO_TARGET_DIR:-$root/target}"

if ! cargo install --list | grep -q "^cargo-typify v$typify_version:"; then
    echo "installing cargo-typify $typify_version from crates.io" >&2
    cargo install cargo-typify --version "$typify_version" --locked
fi
typify="$(command -v cargo-typify || echo "$HOME/.cargo/bin/cargo-typify")"

echo "building the generator (release) and the spec synthesizer" >&2
(cd "$root" && cargo build --release --quiet -p xtask)
(cd "$here" && cargo build --release --quiet --bin synth)
xtask="$target/release/xtask"
synth="$target/release/synth"

work="$(mktemp -d /tmp/openai-types-typify.XXXXXX)"
trap 'rm -rf "$work"' EXIT

now_ns() { date +%s%N; }

# Times a command RUNS times after one warm-up (removing $2 before each run); prints "mean min" in ms.
time_runs() {
    local cmd="$1" out="$2" times=() start end
    rm -rf "$out"; eval "$cmd" >/dev/null 2>&1
    for _ in $(seq "$runs"); do
        rm -rf "$out"
        start=$(now_ns); eval "$cmd" >/dev/null 2>&1; end=$(now_ns)
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | awk '{s+=$1; if (min==""||$1<min) min=$1} END {printf "%.1f %.1f\n", s/NR/1000, min/1000}'
}

echo
echo "| schemas | openai-types generator | cargo-typify $typify_version ${typify_flags:-(defaults)} | typify / generator (wall) | typify / generator (CPU) |"
echo "| --- | ---: | ---: | ---: | ---: |"
for size in "${sizes[@]}"; do
    openapi="$work/spec-$size.json"
    schema="$work/schema-$size.json"
    count="$("$synth" "$size" "$openapi" "$schema")"
    ours_out="$work/ours-$size"
    theirs_out="$work/typify-$size.rs"
    ours_cmd="'$xtask' codegen --spec '$openapi' --out '$ours_out'"
    theirs_cmd="'$typify' typify $typify_flags '$schema' -o '$theirs_out'"
    # Both must succeed on the input before they are timed.
    eval "$ours_cmd" >/dev/null 2>"$work/ours.err" || { cat "$work/ours.err" >&2; exit 1; }
    eval "$theirs_cmd" >/dev/null 2>"$work/typify.err" || { cat "$work/typify.err" >&2; exit 1; }
    ours_types=$(grep -cE '^pub (struct|enum) ' "$ours_out/src/generated/mod.rs" || true)
    theirs_types=$(grep -cE '^pub (struct|enum) ' "$theirs_out" || true)
    if command -v hyperfine >/dev/null; then
        json="$work/hyperfine-$size.json"
        hyperfine --style none --warmup 1 --runs "$runs" --export-json "$json" \
            --prepare "rm -rf '$ours_out' '$theirs_out'" \
            -n generator "$ours_cmd" -n typify "$theirs_cmd" >&2
        read -r ours_mean ours_min ours_cpu theirs_mean theirs_min theirs_cpu < <(python3 - "$json" <<'EOF'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
out = []
for name in ("generator", "typify"):
    r = results[name]
    out += [r["mean"] * 1e3, r["min"] * 1e3, (r["user"] + r["system"]) * 1e3]
print(" ".join(f"{x:.1f}" for x in out))
EOF
)
    else
        read -r ours_mean ours_min < <(time_runs "$ours_cmd" "$ours_out")
        read -r theirs_mean theirs_min < <(time_runs "$theirs_cmd" "$theirs_out")
        ours_cpu="$ours_mean"; theirs_cpu="$theirs_mean"
    fi
    ratio=$(awk -v a="$theirs_mean" -v b="$ours_mean" 'BEGIN {printf "%.1f", a / b}')
    cpu_ratio=$(awk -v a="$theirs_cpu" -v b="$ours_cpu" 'BEGIN {printf "%.1f", a / b}')
    echo "| $count ($size): $ours_types / $theirs_types types out | ${ours_mean} ms (min ${ours_min}, CPU ${ours_cpu}) | ${theirs_mean} ms (min ${theirs_min}, CPU ${theirs_cpu}) | **×${ratio}** | **×${cpu_ratio}** |"
done
