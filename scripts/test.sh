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

log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=()
run_stage() {
  local name="$1"; shift
  printf '\n\033[1m=== stage: %s ===\033[0m\n' "$name"
  local start=$SECONDS
  if "$@" 2>&1 | tee -a "$log"; then
    printf '=== stage %s: ok (%ss) ===\n' "$name" "$((SECONDS - start))"
  else
    printf '=== stage %s: FAILED (%ss) ===\n' "$name" "$((SECONDS - start))"
    failed+=("$name")
  fi
}

for stage in scripts/test.d/*.sh; do
  run_stage "$(basename "$stage" .sh)" bash "$stage"
done

# One closing line that totals what the runners printed: cargo's "test result" lines, node:test's
# "# pass/# fail" lines, and the "ok   - / FAIL - " lines of the shell checks.
totals=$(python3 - "$log" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
passed = failed = 0
for p, f in re.findall(r"test result: \w+\. (\d+) passed; (\d+) failed", text):
    passed += int(p); failed += int(f)
passed += sum(int(n) for n in re.findall(r"^# pass (\d+)$", text, re.M))
failed += sum(int(n) for n in re.findall(r"^# fail (\d+)$", text, re.M))
passed += len(re.findall(r"^ok   - ", text, re.M))
failed += len(re.findall(r"^FAIL - ", text, re.M))
print(f"{passed} passed, {failed} failed")
PY
)
echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "konaplate test suite FAILED in: ${failed[*]}"
  echo "tests: $totals"
  exit 1
fi
echo "konaplate test suite: every stage green"
echo "tests: $totals"
