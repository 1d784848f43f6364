#!/usr/bin/env bash
# Fuzz smoke (issue 8): builds the cargo-fuzz targets (fuzz/) and runs each for FUZZ_SECONDS
# (default 45) from a corpus seeded with the test fixtures and examples, with the limits of the
# long runs (10 s per input, 2 GiB). Any crash, timeout or out-of-memory fails the script; the
# input is left in fuzz/artifacts/<target>/.
#
# Cost: ~45 s per target (3 targets) plus the build: the first build compiles the core and its
# dependencies instrumented (5.5 min on 2 cores without a sanitizer), later ones only what changed.
# Needs a nightly toolchain (without one it says so and exits 0, unless FUZZ_REQUIRED=1);
# installs cargo-fuzz (pinned) when it is missing.
#
# FUZZ_SANITIZER (default address) is passed to `cargo fuzz -s`; the CI smoke uses `none`
# (coverage-guided, panics, hangs and blow-ups caught; no ASan rebuild of the dependencies).
#
#   bash scripts/fuzz-smoke.sh
#   FUZZ_SECONDS=1800 bash scripts/fuzz-smoke.sh      # the long run
set -euo pipefail
cd "$(dirname "$0")/.."

SECS=${FUZZ_SECONDS:-45}
SAN=${FUZZ_SANITIZER:-address}
# 16 codegen units: the build takes 5.5 min on 2 cores instead of 12.7 (cargo-fuzz's default
# is 1), for about a quarter fewer executions per second.
FLAGS=(-O -s "$SAN" --codegen-units "${FUZZ_CODEGEN_UNITS:-16}")
TARGETS=${FUZZ_TARGETS:-"parse lint rbac"}
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-$PWD/target-fuzz}

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz-smoke: no nightly toolchain (cargo-fuzz needs one); skipped" >&2
  [ "${FUZZ_REQUIRED:-0}" = 1 ] && exit 1
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz 0.13.2 (once; kept in ~/.cargo/bin)"
  env -u CARGO_TARGET_DIR cargo install cargo-fuzz --version 0.13.2 --locked
fi

cd fuzz
cargo +nightly fuzz build "${FLAGS[@]}"
for t in $TARGETS; do
  corpus="corpus/$t"
  mkdir -p "$corpus" "artifacts/$t"
  # Seeds: every fixture and example (names made unique by their path).
  find ../core/tests/fixtures ../examples -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) |
    while read -r f; do cp "$f" "$corpus/seed_$(echo "$f" | tr '/.' '__')"; done
  echo "fuzz-smoke: $t for ${SECS}s"
  # -fork would survive a crash; a smoke must stop at the first one.
  cargo +nightly fuzz run "${FLAGS[@]}" "$t" "$corpus" -- \
    -dict=yaml.dict -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 2>&1 | grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==|SUMMARY|Test unit written|artifact_prefix)' || true
  # libFuzzer leaves crash-*, timeout-*, oom-* or leak-* files behind on a failure.
  if compgen -G "artifacts/$t/*" >/dev/null; then
    echo "fuzz-smoke: $t found a failing input:" >&2
    ls -l "artifacts/$t" >&2
    exit 1
  fi
done
echo "fuzz-smoke: ok"
