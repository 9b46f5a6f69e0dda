#!/usr/bin/env bash
# The whole test suite: native tests, Wasm tests in Node and headless Chromium, the JS package
# tests and the page tests. Installs what it needs first (scripts/setup.sh, idempotent).
#
# Each part of the project adds its stage as scripts/test.d/NN-name.sh; this script runs them
# all in order, keeps going after a failure so every stage reports, and exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

bash scripts/setup.sh || { echo "setup failed" >&2; exit 1; }

failed=()
run_stage() {
  local name="$1"; shift
  printf '\n\033[1m=== stage: %s ===\033[0m\n' "$name"
  local start=$SECONDS
  if "$@"; then
    printf '=== stage %s: ok (%ss) ===\n' "$name" "$((SECONDS - start))"
  else
    printf '=== stage %s: FAILED (%ss) ===\n' "$name" "$((SECONDS - start))"
    failed+=("$name")
  fi
}

for stage in scripts/test.d/*.sh; do
  run_stage "$(basename "$stage" .sh)" bash "$stage"
done

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "konaplate test suite FAILED in: ${failed[*]}"
  exit 1
fi
echo "konaplate test suite: every stage green"
