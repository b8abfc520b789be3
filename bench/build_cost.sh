#!/usr/bin/env bash
# Build cost: openai-types against async-openai (`response-types`), in the same run.
#
#   bench/build_cost.sh [dev|release]...      (default: dev release)
#
# For each profile:
#   1. a clean `cargo build -p openai-types` (its dependencies included) in a fresh
#      CARGO_TARGET_DIR under /tmp, with `--timings` for the openai-types unit alone;
#   2. a rebuild after touching openai-types/src/generated/mod.rs (nothing else changes);
#   3. a clean build of a scratch crate that depends on async-openai with
#      `default-features = false, features = ["response-types"]` (its dependencies included), in a
#      fresh CARGO_TARGET_DIR, with `--timings` for the async-openai unit alone.
#   4. the cost of using each crate: a scratch "user" crate that reads and writes the three
#      operations' request and response bodies with serde_json (`from_str` + `to_string` of
#      CompactedResponse / CompactResource, InputTokenCountParams / TokenCountsBody,
#      ConversationCreateParams + Conversation / CreateConversationRequest + ConversationResource).
#      Serde impls are generic, so most of their code is generated here, in the user's crate, and
#      not when the types' crate itself is built. Timed as the user crate's unit alone (--timings).
# Then the time per type: openai-types' generated types (`pub struct` / `pub enum` in
# src/generated/) and async-openai's (the same grep over the modules `response-types` compiles:
# types/responses, types/mcp, types/shared, types/metadata.rs; shared/ is counted whole, so
# async-openai's count is a slight over-estimate).
#
# Environment: ASYNC_OPENAI_VERSION (default 0.43), JOBS (default: cargo's default).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
profiles=("$@")
[ ${#profiles[@]} -gt 0 ] || profiles=(dev release)
async_version="${ASYNC_OPENAI_VERSION:-0.43}"
jobs_flag=()
[ -n "${JOBS:-}" ] && jobs_flag=(-j "$JOBS")

work="$(mktemp -d /tmp/openai-types-build-cost.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# The scratch crate for async-openai.
mkdir -p "$work/peer/src"
cat >"$work/peer/Cargo.toml" <<EOF
[package]
name = "async-openai-build-cost"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
async-openai = { version = "$async_version", default-features = false, features = ["response-types"] }

[workspace]
EOF
echo "pub use async_openai::types::responses::CompactResource;" >"$work/peer/src/lib.rs"

# The user crates (step 4).
user_crate() { # DIR NAME DEPENDENCY-LINE USES
    mkdir -p "$1/src"
    cat >"$1/Cargo.toml" <<EOF
[package]
name = "$2"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$3
serde_json = "1"

[workspace]
EOF
    cat >"$1/src/lib.rs" <<EOF
$4
/// Reads and writes back each body.
pub fn round_trip(a: &str, b: &str, c: &str, d: &str) -> serde_json::Result<[String; 4]> {
    Ok([
        serde_json::to_string(&serde_json::from_str::<A>(a)?)?,
        serde_json::to_string(&serde_json::from_str::<B>(b)?)?,
        serde_json::to_string(&serde_json::from_str::<C>(c)?)?,
        serde_json::to_string(&serde_json::from_str::<D>(d)?)?,
    ])
}
EOF
}
user_crate "$work/ours-user" openai-types-user "openai-types = { path = \"$root/openai-types\" }" \
    "use openai_types::{CompactedResponse as A, InputTokenCountParams as B, ConversationCreateParams as C, Conversation as D};"
user_crate "$work/peer-user" async-openai-user \
    "async-openai = { version = \"$async_version\", default-features = false, features = [\"response-types\"] }" \
    "use async_openai::types::responses::{CompactResource as A, TokenCountsBody as B, CreateConversationRequest as C, ConversationResource as D};"
(cd "$work/ours-user" && cargo fetch --quiet)
(cd "$work/peer-user" && cargo fetch --quiet)
# Resolve and download everything first, so no build below waits on the network.
(cd "$work/peer" && cargo fetch --quiet)
(cd "$root" && cargo fetch --quiet)

now_ns() { date +%s%N; }
seconds_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN {printf "%.1f", (b - a) / 1e9}'; }

# The duration of one unit (crate) in a cargo-timing.html report.
unit_seconds() {
    python3 - "$1" "$2" <<'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", html, re.S).group(1))
unit = [u for u in units if u["name"] == sys.argv[2] and "build" not in u.get("target", "")][0]
# The whole unit, and its front end (parsing, expansion, type and borrow checking; the rest is
# code generation), from the sections cargo reports (or the metadata time of older cargo).
front = dict(unit.get("sections") or []).get("frontend", {}).get("end") or unit.get("rmeta_time") or unit["duration"]
print(f"{unit['duration']:.1f} {front:.1f}")
EOF
}

latest_timing() { ls -t "$1"/cargo-timings/cargo-timing-*.html 2>/dev/null | head -1; }

# async-openai's types: the version the scratch crate resolved, its source as cargo unpacked it.
peer_version=$(awk '/^name = "async-openai"$/ {getline; gsub(/"/, "", $3); print $3}' "$work/peer/Cargo.lock")
peer_src="$(ls -d "$HOME"/.cargo/registry/src/*/async-openai-"$peer_version" | head -1)"
peer_types=$(cat "$peer_src"/src/types/responses/*.rs "$peer_src"/src/types/mcp/*.rs "$peer_src"/src/types/shared/*.rs \
    "$peer_src"/src/types/metadata.rs | grep -cE '^\s*pub (struct|enum) ')
ours_types=$(grep -hcE '^pub (struct|enum) ' "$root"/openai-types/src/generated/*.rs | awk '{s+=$1} END {print s}')

echo
echo "| profile | build | openai-types ($ours_types types) | async-openai $peer_version response-types (about $peer_types types) | async-openai / openai-types |"
echo "| --- | --- | ---: | ---: | ---: |"
for profile in "${profiles[@]}"; do
    case "$profile" in
        dev) flag=() ;;
        release) flag=(--release) ;;
        *) echo "unknown profile $profile (dev or release)" >&2; exit 2 ;;
    esac

    ours_target="$work/ours-$profile"
    start=$(now_ns)
    (cd "$root" && CARGO_TARGET_DIR="$ours_target" cargo build --quiet -p openai-types "${flag[@]}" "${jobs_flag[@]}" --timings)
    ours_clean=$(seconds_since "$start")
    read -r ours_unit ours_front < <(unit_seconds "$(latest_timing "$ours_target")" openai-types)

    touch "$root"/openai-types/src/generated/mod.rs
    start=$(now_ns)
    (cd "$root" && CARGO_TARGET_DIR="$ours_target" cargo build --quiet -p openai-types "${flag[@]}" "${jobs_flag[@]}")
    ours_touch=$(seconds_since "$start")

    peer_target="$work/peer-$profile"
    start=$(now_ns)
    (cd "$work/peer" && CARGO_TARGET_DIR="$peer_target" cargo build --quiet "${flag[@]}" "${jobs_flag[@]}" --timings)
    peer_clean=$(seconds_since "$start")
    read -r peer_unit peer_front < <(unit_seconds "$(latest_timing "$peer_target")" async-openai)

    # Step 4: the user crates, after their dependencies are built (timed: the user crate alone).
    for side in ours peer; do
        (cd "$work/$side-user" && CARGO_TARGET_DIR="$work/$side-user-$profile" cargo build --quiet "${flag[@]}" "${jobs_flag[@]}")
        touch "$work/$side-user/src/lib.rs"
        rm -rf "$work/$side-user-$profile/cargo-timings"
        (cd "$work/$side-user" && CARGO_TARGET_DIR="$work/$side-user-$profile" CARGO_INCREMENTAL=0 cargo build --quiet "${flag[@]}" "${jobs_flag[@]}" --timings)
    done
    read -r ours_user ours_user_front < <(unit_seconds "$(latest_timing "$work/ours-user-$profile")" openai-types-user)
    read -r peer_user peer_user_front < <(unit_seconds "$(latest_timing "$work/peer-user-$profile")" async-openai-user)

    ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
    echo "| $profile | clean, with dependencies | ${ours_clean} s | ${peer_clean} s | $(ratio "$peer_clean" "$ours_clean") |"
    echo "| $profile | the crate alone (--timings) | ${ours_unit} s | ${peer_unit} s | $(ratio "$peer_unit" "$ours_unit") |"
    echo "| $profile | … of which until metadata (front end) | ${ours_front} s | ${peer_front} s | $(ratio "$peer_front" "$ours_front") |"
    echo "| $profile | rebuild after touching generated/mod.rs | ${ours_touch} s | — | — |"
    echo "| $profile | a user crate reading and writing the 4 bodies (its unit alone) | ${ours_user} s | ${peer_user} s | $(ratio "$peer_user" "$ours_user") |"
    per_type() { awk -v t="$1" -v n="$2" 'BEGIN {printf "%.1f", t * 1000 / n}'; }
    echo "| $profile | the crate alone, per type | $(per_type "$ours_unit" "$ours_types") ms | $(per_type "$peer_unit" "$peer_types") ms | $(ratio "$(per_type "$peer_unit" "$peer_types")" "$(per_type "$ours_unit" "$ours_types")") |"
done
