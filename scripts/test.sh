#!/usr/bin/env bash
# Runs every test of the project: formatting, lints, the Rust test suites, the core's wasm32
# build. Installs what it needs itself; a fresh machine needs only the Rust toolchain, Node and
# Python.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "rustup target wasm32-unknown-unknown"
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (workspace, all targets)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo clippy (core + wasm for wasm32)"
cargo clippy -p kubeward -p kubeward-wasm --target wasm32-unknown-unknown --locked -- -D warnings

step "cargo test"
CI=true INSTA_UPDATE=no cargo test --workspace --locked

step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked -q

# Integrations, each tested with the real tool it plugs into (tools cached in
# ~/.cache/kubeward-test, or $KUBEWARD_TEST_CACHE).
kubeward_bin="$(realpath "${CARGO_TARGET_DIR:-target}")/debug/kubeward"
cargo build --locked -q --bin kubeward

step "SARIF: official 2.1.0 schema + GitHub checks (examples, fixtures, real corpus)"
bash tests/sarif/run.sh "$kubeward_bin"

step "GitHub Action: check-jsonschema, actionlint, zizmor, shellcheck, local run of the steps"
bash tests/action/run.sh "$kubeward_bin"

step "pre-commit: try-repo of the kubeward hook (language: rust)"
bash tests/precommit/run.sh

step "fuzz smoke: every cargo-fuzz target (parse, lint, rbac), 45 s each (needs nightly; skipped with a message without it)"
FUZZ_SANITIZER=none FUZZ_SECONDS=45 bash scripts/fuzz-smoke.sh

step "playground: wasm API in Node, web build, browser tests, budgets (web/test.sh)"
bash web/test.sh
