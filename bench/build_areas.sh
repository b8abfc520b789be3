#!/usr/bin/env bash
# Build cost of a crate generated from a spec, by area, beside async-openai's types in the same run:
# each build is a clean debug `cargo build` in an empty target directory (dependencies fetched first,
# so no download is timed).
#
#   bench/build_areas.sh SPEC [AREA]      # AREA defaults to responses
#
# Prints one line per build: what, and its wall time.
set -euo pipefail
spec=$(realpath "$1")
area=${2:-responses}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && cargo xtask codegen --spec "$spec" --out "$work/generated" --crate-name area-bench >/dev/null 2>&1)
mkdir -p "$work/async-openai/src"
cat > "$work/async-openai/Cargo.toml" <<TOML
[package]
name = "async-openai-types-probe"
version = "0.1.0"
edition = "2021"

[dependencies]
async-openai = { version = "=0.43.0", default-features = false, features = ["types"] }

[workspace]
TOML
: > "$work/async-openai/src/lib.rs"
(cd "$work/generated" && cargo fetch -q) && (cd "$work/async-openai" && cargo fetch -q)

builds=0
build() { # name dir args...
    local name=$1 dir=$2
    shift 2
    builds=$((builds + 1))
    local target="$work/target-$builds"
    local start end
    start=$(date +%s%N)
    # Without incremental compilation: a crate built as a dependency (from crates.io) never is,
    # and the generated crate is a workspace root here, which cargo would build incrementally.
    (cd "$dir" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$target" cargo build -q "$@")
    end=$(date +%s%N)
    local tenths=$(((end - start) / 100000000))
    printf '%-45s %4d.%d s\n' "$name" $((tenths / 10)) $((tenths % 10))
}

build "openai-types-codegen: full" "$work/generated"
build "openai-types-codegen: $area only" "$work/generated" --no-default-features --features "$area"
build "async-openai 0.43.0: all type features" "$work/async-openai"
