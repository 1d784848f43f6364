#!/usr/bin/env bash
# Builds the playground into web/dist/ (static files: open with any web server, or publish as is).
#   1. the wasm crate with the size-optimised `wasm` profile
#   2. wasm-bindgen --target web (the CLI version must equal the crate's: read from Cargo.lock,
#      installed once into ~/.cargo/bin and reused)
#   3. wasm-opt -Oz from npm's `binaryen` (cached by input hash; skipped with KUBEWARD_NO_WASM_OPT=1)
#   4. esbuild bundle (web/build.mjs)
# Needs the Rust toolchain and Node ≥ 20; installs the rest.
#   bash web/build.sh           build only
#   bash web/build.sh --serve   build, then serve web/dist on http://127.0.0.1:8080/
set -euo pipefail
serve=0
case "${1:-}" in
  --serve) serve=1 ;;
  '') ;;
  *) echo "usage: bash web/build.sh [--serve]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
root=$PWD
target_dir=${CARGO_TARGET_DIR:-$root/target}

wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]; then
  echo "installing wasm-bindgen-cli $wb_version (once; kept in ~/.cargo/bin)"
  # --locked first; a registry mirror may lack a locked dependency, then resolve afresh.
  env -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "$wb_version" --locked \
    || env -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "$wb_version"
fi

(cd web && if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi)

cargo build -p kubeward-wasm --target wasm32-unknown-unknown --profile wasm --locked
raw="$target_dir/wasm32-unknown-unknown/wasm/kubeward_wasm.wasm"
rm -rf web/pkg
wasm-bindgen --target web --no-typescript --out-dir web/pkg "$raw"
wasm=web/pkg/kubeward_wasm_bg.wasm
before=$(stat -c %s "$wasm")
if [ "${KUBEWARD_NO_WASM_OPT:-}" != 1 ]; then
  # After wasm-bindgen, never on a stripped module (ECOSYSTEM §8). binaryen's JS build takes
  # minutes, so the result is cached by the input's hash in the cargo target dir.
  cache="$target_dir/wasm-opt-cache"
  key=$(sha256sum "$wasm" | cut -c1-32)
  if [ ! -f "$cache/$key.wasm" ]; then
    mkdir -p "$cache"
    t=$SECONDS
    node web/node_modules/binaryen/bin/wasm-opt -Oz "$wasm" -o "$cache/$key.tmp"
    mv "$cache/$key.tmp" "$cache/$key.wasm"
    echo "wasm-opt -Oz: $((SECONDS - t)) s"
  fi
  cp "$cache/$key.wasm" "$wasm"
fi
(cd web && node build.mjs)

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
printf 'wasm: %s bytes before wasm-opt, %s bytes after (%s gzipped -9)\n' \
  "$before" "$(size web/dist/kubeward_wasm_bg.wasm)" "$(gz web/dist/kubeward_wasm_bg.wasm)"
printf 'js:   main %s bytes (%s gz), worker %s bytes (%s gz)\n' \
  "$(size web/dist/main.js)" "$(gz web/dist/main.js)" "$(size web/dist/worker.js)" "$(gz web/dist/worker.js)"
echo "built web/dist/ (serve it: node web/test/serve.mjs)"
if [ "$serve" = 1 ]; then exec node web/test/serve.mjs; fi
