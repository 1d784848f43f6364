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
