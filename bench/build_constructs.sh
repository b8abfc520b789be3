#!/usr/bin/env bash
# Which generated construct costs most to compile, without `-Z` flags: openai-types is rebuilt in a
# scratch copy of the workspace with one construct taken out of src/generated/mod.rs at a time
# (`strip`, see bench/src/bin/strip.rs), and the crate's own build time (cargo --timings) is
# compared with the unchanged file's. The dependencies are built once, before the first timing.
#
#   bench/build_constructs.sh [dev|release]...     (default: release dev)
#
# Environment: RUNS (default 2; the minimum is kept), CONSTRUCTS (default: all of them).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
profiles=("$@")
[ ${#profiles[@]} -gt 0 ] || profiles=(release dev)
runs="${RUNS:-2}"
read -r -a constructs <<<"${CONSTRUCTS:-none docs setters endpoint-body ser-bodies de-bodies union-de-bodies struct-de-bodies}"

(cd "$here" && cargo build --release --quiet --bin strip)
strip="${CARGO_TARGET_DIR:-$root/target}/release/strip"

work="$(mktemp -d /tmp/openai-types-constructs.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/openai-types" "$root/codegen" "$root/Cargo.lock" "$work/"
sed -e 's/^members = .*/members = ["codegen", "openai-types"]/' -e '/^exclude = /d' "$root/Cargo.toml" >"$work/Cargo.toml"
# A snapshot: the generated file and the runtime it calls must come from the same moment.
generated="$work/generated.orig.rs"
cp "$work/openai-types/src/generated/mod.rs" "$generated"
target="$work/target"
export CARGO_INCREMENTAL=0

unit_seconds() {
    python3 - "$1" <<'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", html, re.S).group(1))
unit = [u for u in units if u["name"] == "openai-types" and "build" not in u.get("target", "")][0]
# The whole unit, and its front end (parsing, expansion, type and borrow checking; the rest is
# code generation), from the sections cargo reports (or the metadata time of older cargo).
front = dict(unit.get("sections") or []).get("frontend", {}).get("end") or unit.get("rmeta_time") or unit["duration"]
print(f"{unit['duration']:.1f} {front:.1f}")
EOF
}

for profile in "${profiles[@]}"; do
    case "$profile" in
        dev) flag=() ;;
        release) flag=(--release) ;;
        *) echo "unknown profile $profile" >&2; exit 2 ;;
    esac
    (cd "$work" && CARGO_TARGET_DIR="$target" cargo build --quiet -p openai-types "${flag[@]}")
    echo
    echo "### $profile profile (CARGO_INCREMENTAL=0; the crate alone, best of $runs)"
    echo
    echo "| construct taken out | items changed | lines | openai-types build | of which front end | vs unchanged |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    base=""
    for construct in "${constructs[@]}"; do
        changed=$("$strip" "$construct" "$generated" "$work/openai-types/src/generated/mod.rs" 2>&1 | sed -E 's/.*: ([0-9]+) items changed/\1/')
        lines=$(wc -l <"$work/openai-types/src/generated/mod.rs")
        best=""; best_front=""
        for _ in $(seq "$runs"); do
            touch "$work/openai-types/src/generated/mod.rs"
            rm -rf "$target/cargo-timings"
            if ! (cd "$work" && CARGO_TARGET_DIR="$target" cargo build --quiet -p openai-types "${flag[@]}" --timings 2>"$work/err"); then
                echo "| $construct | $changed | $lines | does not build without it: $(grep -m1 '^error' "$work/err") | | |"
                continue 2
            fi
            read -r total front < <(unit_seconds "$(ls "$target"/cargo-timings/cargo-timing-*.html | head -1)")
            if [ -z "$best" ] || awk -v a="$total" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$total; best_front=$front; fi
        done
        [ "$construct" = none ] && base=$best
        saved=$(awk -v a="${base:-$best}" -v b="$best" 'BEGIN {printf "%+.1f s (%.0f%%)", b - a, (a > 0 ? (b - a) * 100 / a : 0)}')
        echo "| $construct | $changed | $lines | ${best} s | ${best_front} s | $saved |"
    done
done
