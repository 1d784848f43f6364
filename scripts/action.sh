#!/usr/bin/env bash
# The GitHub Action's steps (action.yml calls this; tests/action/run.sh runs it locally).
#
#   action.sh install   INPUT_VERSION, ACTION_REF, ACTION_PATH, ACTION_REPOSITORY, RUNNER_TEMP
#                       → writes bin=<path of kubeward> to $GITHUB_OUTPUT
#   action.sh lint      KUBEWARD_BIN, INPUT_PATHS, INPUT_FORMAT, INPUT_MIN_SEVERITY, INPUT_CONFIG,
#                       INPUT_SARIF_FILE, INPUT_FAIL_ON_FINDINGS
#                       → writes the SARIF file; sarif-file=, exit-code=, findings= to
#                         $GITHUB_OUTPUT; a summary to $GITHUB_STEP_SUMMARY; prints annotations
#
# Inputs arrive as environment variables only and are never evaluated as code.
set -euo pipefail

out() { printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:-/dev/null}"; }
die() {
  printf '::error title=kubeward action::%s\n' "$1"
  exit 2
}

target_triple() {
  case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
    Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64 | Linux/aarch64) echo aarch64-unknown-linux-musl ;;
    macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
    *) return 1 ;;
  esac
}

build_from_source() {
  local root="$1"
  command -v cargo >/dev/null || die "version: source needs cargo on the runner (dtolnay/rust-toolchain, or the preinstalled one)"
  echo "building kubeward from ${ACTION_PATH} with cargo"
  cargo install --locked --quiet --root "$root" --path "$ACTION_PATH" --bin kubeward
}

# Downloads a release asset and checks it against its published SHA-256; returns 1 on any failure.
download_release() {
  local tag="$1" root="$2" triple repo url dir
  triple="$(target_triple)" || return 1
  repo="${ACTION_REPOSITORY:-kubeward/kubeward}"
  url="${GITHUB_SERVER_URL:-https://github.com}/$repo/releases/download/$tag/kubeward-$tag-$triple.tar.gz"
  dir="$(mktemp -d)"
  echo "downloading $url"
  curl -fsSL --retry 3 -o "$dir/kubeward.tar.gz" "$url" || return 1
  curl -fsSL --retry 3 -o "$dir/kubeward.tar.gz.sha256" "$url.sha256" || return 1
  (cd "$dir" && printf '%s  kubeward.tar.gz\n' "$(cut -d' ' -f1 kubeward.tar.gz.sha256)" | sha256sum -c --quiet -) || return 1
  mkdir -p "$root/bin"
  tar -xzf "$dir/kubeward.tar.gz" -C "$root/bin" || return 1
}

install() {
  local version="${INPUT_VERSION:-}" root="${RUNNER_TEMP:-/tmp}/kubeward" bin
  if [ -z "$version" ]; then
    if [[ "${ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]]; then version="$ACTION_REF"; else version=source; fi
  fi
  case "$version" in
    system)
      bin="$(command -v kubeward)" || die "version: system, but no kubeward on PATH"
      ;;
    source)
      build_from_source "$root"
      bin="$root/bin/kubeward"
      ;;
    v[0-9]*)
      if ! download_release "$version" "$root"; then
        echo "::warning title=kubeward action::no verified release asset for $version on this runner; building from source"
        build_from_source "$root"
      fi
      bin="$root/bin/kubeward"
      ;;
    *) die "unknown version '$version': use a release tag (v0.1.0), source or system" ;;
  esac
  "$bin" --version
  out bin "$bin"
}

lint() {
  local bin="${KUBEWARD_BIN:-kubeward}" format="${INPUT_FORMAT:-github}" sarif="${INPUT_SARIF_FILE:-kubeward.sarif}"
  local min="${INPUT_MIN_SEVERITY:-warning}" fail="${INPUT_FAIL_ON_FINDINGS:-true}"
  case "$format" in github | sarif | json | human) ;; *) die "unknown format '$format': use github, sarif, json or human" ;; esac
  case "$min" in info | warning | error) ;; *) die "unknown min-severity '$min': use info, warning or error" ;; esac
  case "$fail" in true | false) ;; *) die "fail-on-findings must be true or false, not '$fail'" ;; esac

  local args=(lint --min-severity "$min")
  [ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
  # Paths split on whitespace, without glob expansion.
  local paths=()
  set -f
  # shellcheck disable=SC2206
  paths=(${INPUT_PATHS:-.})
  set +f
  [ "${#paths[@]}" -gt 0 ] || paths=(.)

  local code=0 json
  json="$(mktemp)"
  if ! { mkdir -p "$(dirname "$sarif")" && : >"$sarif"; }; then
    die "cannot write the SARIF file '$sarif'"
  fi
  "$bin" "${args[@]}" --format sarif -- "${paths[@]}" >"$sarif" || code=$?
  "$bin" "${args[@]}" --format json -- "${paths[@]}" >"$json" || true
  if [ "$format" != sarif ]; then
    "$bin" "${args[@]}" --format "$format" -- "${paths[@]}" || true
  fi

  # The summary counts of the JSON report (the first occurrences are the summary's).
  count() { grep -m1 -o "\"$1\": [0-9]*" "$json" | grep -o '[0-9]*$' || echo 0; }
  local errors warnings infos suppressed findings
  errors="$(count errors)" warnings="$(count warnings)" infos="$(count infos)" suppressed="$(count suppressed)"
  findings=$((errors + warnings + infos))
  rm -f "$json"

  out sarif-file "$sarif"
  out exit-code "$code"
  out findings "$findings"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    {
      echo "### kubeward"
      echo
      echo "| errors | warnings | infos | suppressed |"
      echo "|---:|---:|---:|---:|"
      echo "| $errors | $warnings | $infos | $suppressed |"
      echo
      echo "Every finding is in the SARIF log \`$sarif\` (upload it with github/codeql-action/upload-sarif)."
    } >>"$GITHUB_STEP_SUMMARY"
  fi
  echo "kubeward: $findings findings at or above $min (exit $code); SARIF written to $sarif"
  if [ "$code" -ge 2 ] || { [ "$code" -ne 0 ] && [ "$fail" = true ]; }; then
    exit "$code"
  fi
}

case "${1:-}" in
  install) install ;;
  lint) lint ;;
  *)
    echo "usage: action.sh install|lint" >&2
    exit 2
    ;;
esac
