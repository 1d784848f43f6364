#!/usr/bin/env bash
# End-to-end test of the `kubeward` pre-commit hook with the real pre-commit (from PyPI):
# `pre-commit try-repo` builds the hook with `language: rust` (cargo install --path .) and runs it
# in a temporary consumer repository; it must fail on a bad manifest with the miette report and
# pass on good ones. Prints how long the build and a warm hook run took.
#
# usage: tests/precommit/run.sh
# pre-commit is installed once into a venv under $KUBEWARD_TEST_CACHE. cargo install builds in
# $CARGO_TARGET_DIR (default: the repo's target/), so dependencies are compiled once and reused.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${KUBEWARD_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubeward-test}/precommit"
version=4.7.0

if [ "$("$cache/venv/bin/pre-commit" --version 2>/dev/null)" != "pre-commit $version" ]; then
  rm -rf "$cache/venv"
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install -q --disable-pip-version-check "pre-commit==$version"
fi
precommit="$cache/venv/bin/pre-commit"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/pre-commit-home"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
export CARGO_TERM_COLOR=never

# The hook repository: the working tree's files (tracked and untracked, as git would commit
# them) in one commit, so pre-commit builds one environment and reuses it for every run below
# (try-repo on a dirty tree would make a new shadow commit, and a new build, each time).
hookrepo="$tmp/hookrepo"
mkdir -p "$hookrepo"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard) \
  | while IFS= read -r -d '' f; do [ -e "$repo/$f" ] && printf '%s\0' "$f"; done \
  | (cd "$repo" && tar --null -T - -cf -) | tar -xf - -C "$hookrepo"
git -C "$hookrepo" init -q
git -C "$hookrepo" add -A
git -C "$hookrepo" -c user.name=t -c user.email=t@example.invalid commit -qm snapshot

consumer="$tmp/consumer"
mkdir -p "$consumer/k8s"
cat >"$consumer/k8s/bad.yaml" <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: yes
EOF
cp "$repo/examples/hardened/web.yaml" "$consumer/k8s/good.yaml"
cat >"$consumer/k8s/good.json" <<'EOF'
{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"mode": "strict"}}
EOF
printf '# consumer\n' >"$consumer/README.md"
git -C "$consumer" init -q
git -C "$consumer" add -A
git -C "$consumer" -c user.name=t -c user.email=t@example.invalid commit -qm init

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
try() { # EXPECTED-EXIT LOG ARGS...
  local expected="$1" log="$2"
  shift 2
  local code=0
  (cd "$consumer" && "$precommit" try-repo "$hookrepo" kubeward --verbose "$@") >"$log" 2>&1 || code=$?
  if [ "$code" != "$expected" ]; then
    cat "$log" >&2
    fail "pre-commit try-repo $* exited $code, expected $expected"
  fi
}

start=$(date +%s)
try 1 "$tmp/bad.log" --files k8s/bad.yaml k8s/good.yaml
build=$(($(date +%s) - start))
grep -q "kubeward.*Failed" "$tmp/bad.log" || fail "no Failed line"
# The miette report: rule code, the source line with the value, the label, help and URL.
for want in "pss-privileged" "k8s/bad.yaml:9:19" "privileged: yes" "help: remove privileged: true" "kubeward.dev/rules/pss-privileged"; do
  grep -qF -- "$want" "$tmp/bad.log" || { cat "$tmp/bad.log" >&2; fail "hook output lacks: $want"; }
done
grep -q "in 2 files" "$tmp/bad.log" || fail "the hook did not lint both staged files"
echo "ok: the hook fails on k8s/bad.yaml with the miette report (first run incl. cargo install: ${build}s)"

# try-repo installs into a fresh temporary store on every call (a new `cargo install`), so the
# passing case and the timings use a consumer's own .pre-commit-config.yaml, as users write it:
# one more install, into PRE_COMMIT_HOME, then every run reuses it.
sha="$(git -C "$hookrepo" rev-parse HEAD)"
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: kubeward\n      - id: kubeward-rbac\n' "$hookrepo" "$sha" \
  >"$consumer/.pre-commit-config.yaml"
start=$(date +%s)
(cd "$consumer" && "$precommit" install-hooks) >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; fail "install-hooks"; }
build=$(($(date +%s) - start))
run() { # EXPECTED-EXIT LOG ARGS...
  local expected="$1" log="$2"
  shift 2
  local code=0
  (cd "$consumer" && "$precommit" run --verbose "$@") >"$log" 2>&1 || code=$?
  [ "$code" = "$expected" ] || { cat "$log" >&2; fail "pre-commit run $* exited $code, expected $expected"; }
}
start=$(date +%s%N)
run 0 "$tmp/good.log" --files k8s/good.yaml k8s/good.json README.md
warm=$((($(date +%s%N) - start) / 1000000))
grep -q "kubeward.*Passed" "$tmp/good.log" || { cat "$tmp/good.log" >&2; fail "no Passed line"; }
grep -q "in 2 files" "$tmp/good.log" || { cat "$tmp/good.log" >&2; fail "types_or should pass only the YAML and JSON files"; }
echo "ok: the hook passes on k8s/good.yaml and k8s/good.json; README.md is not passed (install: ${build}s; warm run on 3 files: ${warm} ms)"
run 1 "$tmp/all.log" --all-files
grep -q "pss-privileged" "$tmp/all.log" || fail "pre-commit run --all-files did not report bad.yaml"
# A commit through the installed git hook is refused while the bad manifest is staged.
(cd "$consumer" && "$precommit" install >/dev/null)
printf '# touched\n' >>"$consumer/k8s/bad.yaml"
git -C "$consumer" add k8s/bad.yaml
start=$(date +%s%N)
if git -C "$consumer" -c user.name=t -c user.email=t@example.invalid commit -qm bad >"$tmp/commit.log" 2>&1; then
  cat "$tmp/commit.log" >&2
  fail "git commit of a bad manifest went through"
fi
commit=$((($(date +%s%N) - start) / 1000000))
grep -q "pss-privileged" "$tmp/commit.log" || { cat "$tmp/commit.log" >&2; fail "commit hook output lacks the finding"; }
echo "ok: --all-files fails; git commit of the staged bad manifest is refused (whole commit: ${commit} ms)"

# kubeward-rbac: the whole repository at once (pass_filenames: false), from the same build.
git -C "$consumer" reset -q HEAD k8s/bad.yaml
run 0 "$tmp/rbac-clean.log" kubeward-rbac --all-files
grep -q "kubeward RBAC escalation paths.*Passed" "$tmp/rbac-clean.log" || { cat "$tmp/rbac-clean.log" >&2; fail "kubeward-rbac did not pass on a repo without RBAC"; }
cp "$repo/examples/rbac/escalation-chain.yaml" "$consumer/k8s/rbac.yaml"
git -C "$consumer" add k8s/rbac.yaml
run 1 "$tmp/rbac.log" kubeward-rbac --all-files
grep -q "system:serviceaccount:ci:runner reaches cluster-admin" "$tmp/rbac.log" || { cat "$tmp/rbac.log" >&2; fail "kubeward-rbac did not report the escalation path"; }
echo "ok: kubeward-rbac passes without RBAC and fails on an escalation chain to cluster-admin"
echo "pre-commit: 4 passed, 0 failed"
