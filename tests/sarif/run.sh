#!/usr/bin/env bash
# Validates `kubeward lint --format sarif` against the official SARIF 2.1.0 JSON schema and
# GitHub's ingestion requirements, for the examples, every fixture, and the real-world corpus
# (../shared/corpus/real beside the repo, or $KUBEWARD_CORPUS; skipped with a message when
# absent). Also runs the
# SARIF Multitool's quality rules and checks that the validator rejects a broken log.
#
# usage: tests/sarif/run.sh PATH/TO/kubeward
# The npm packages (package-lock.json) are installed once into $KUBEWARD_TEST_CACHE/sarif.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
kubeward="$(realpath "${1:?usage: run.sh PATH/TO/kubeward}")"
cache="${KUBEWARD_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubeward-test}/sarif"

mkdir -p "$cache"
if ! cmp -s "$here/package-lock.json" "$cache/package-lock.json" || [ ! -d "$cache/node_modules" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$cache/"
  # npm 11 skips install scripts anyway; the one we use (the Multitool) only sets the x bit.
  (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
cp "$here/validate.mjs" "$cache/validate.mjs"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

lint() { # NAME DIR ARGS...: SARIF of a run in DIR; exit 0 or 1 are both fine
  local name="$1" dir="$2"
  shift 2
  local code=0
  (cd "$dir" && "$kubeward" lint --no-config --format sarif "$@") >"$out/$name.sarif" || code=$?
  if [ "$code" -gt 1 ]; then
    echo "kubeward exited $code for $name" >&2
    exit 1
  fi
}

lint examples "$repo" examples
lint examples-all-rules "$repo" --sarif-all-rules examples
lint fixtures "$repo" --min-severity info core/tests/fixtures
files=("$out/examples.sarif" "$out/examples-all-rules.sarif" "$out/fixtures.sarif")
corpus="${KUBEWARD_CORPUS:-$repo/../shared/corpus/real}"
if [ -d "$corpus" ]; then
  lint real-corpus "$corpus" --min-severity info .
  files+=("$out/real-corpus.sarif")
else
  echo "SKIP real corpus: $corpus not found (it lives beside the repo as shared/corpus/real)"
fi

node "$cache/validate.mjs" "${files[@]}"

# The validator must be able to fail: a level outside the enum (schema), and an inclusive end
# column (our own check that endColumn is exclusive).
node -e '
  const fs = require("fs");
  const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const a = structuredClone(log); a.runs[0].results[0].level = "critical";
  fs.writeFileSync(process.argv[2], JSON.stringify(a));
  const b = structuredClone(log); const g = b.runs[0].results[0].locations[0].physicalLocation.region;
  g.endLine = g.startLine; g.endColumn = g.startColumn;
  fs.writeFileSync(process.argv[3], JSON.stringify(b));
' "$out/examples.sarif" "$out/bad-level.sarif" "$out/bad-column.sarif"
for bad in bad-level bad-column; do
  if node "$cache/validate.mjs" "$out/$bad.sarif" >/dev/null 2>&1; then
    echo "validate.mjs accepted $bad.sarif" >&2
    exit 1
  fi
done
echo "validate.mjs rejects broken logs: ok"

# The Multitool's SARIF quality rules (SARIF1xxx/2xxx): no error or warning may fire.
multitool="$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
chmod u+x "$multitool"
if "$multitool" --version >/dev/null 2>&1; then
  for f in "${files[@]}"; do
    # The real corpus's log is ~12 MB, above the Multitool's default 10 MB input limit.
    if ! "$multitool" validate "$f" -o "$out/quality.sarif" --log ForceOverwrite --level Error Warning \
      --max-file-size-in-kb 102400 >"$out/multitool.log" 2>&1; then
      cat "$out/multitool.log" >&2
      echo "$(basename "$f"): the Multitool failed" >&2
      exit 1
    fi
    # shellcheck disable=SC2016 # JavaScript, not shell
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0].results ?? [];
      for (const x of r) console.error(`  ${x.ruleId} ${x.level}: ${JSON.stringify(x.message)}`);
      if (r.length) { console.error(`${process.argv[2]}: ${r.length} Multitool findings`); process.exit(1); }
      console.log(`${process.argv[2]}: Multitool quality rules: no error or warning`);
    ' "$out/quality.sarif" "$(basename "$f")"
  done
else
  echo "SKIP Multitool quality rules: the .NET binary does not run on this machine"
fi
