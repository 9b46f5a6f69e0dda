#!/usr/bin/env bash
# The Try It page in headless Chromium, driven by visible labels (e2e/page.test.mjs): the page
# as Trunk builds it (release), served statically; a real `konaplate serve` to send to over
# fetch; the embed sample; axe-core; screenshots into e2e/screenshots/; the console's tools
# (e2e/tools.test.mjs: Diagnose over the doctor table, deviations through `konaplate proxy`,
# environments and storage, the HAR export against har-schema); the whole journey by labels
# (e2e/journey.test.mjs: in the page's sandbox, and against a `konaplate serve` it starts, whose
# clock "+5 min" moves). And the JS package's browser entry (pkg/browser.js) imported by a page
# (e2e/package-browser.test.mjs), and the split's constant analysis on a module built in the
# test (scripts/split-data.test.mjs).
#
# Two builds of the page (scripts/build-page.sh): the one it ships by default (--small, nightly
# with std rebuilt; stable when nightly is missing) gets every test above; the other (--stable)
# a smoke: the page loads, validates, sends to its in-browser sandbox, and loads the crypto,
# diagnose and sandbox modules on demand; a console given a spec loads the console-spec build;
# its console's second module is fetched after first paint and holds what the first needs not.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
work=$(mktemp -d)
servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
serve() { # DIR: serves DIR statically in the background, sets $url to it
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$1" >/dev/null 2>&1 &
  servers+=($!)
  url="http://127.0.0.1:$port/"
  for _ in $(seq 50); do curl -fs "$url" >/dev/null && break; sleep 0.1; done
}
# The split's constant analysis on a module built in the test (scripts/split-data.mjs).
node --test scripts/split-data.test.mjs
cargo build -q -p konaplate-cli
cargo run -q -p konaplate-cli -- catalog --json >"$work/catalog.json"
[ -f pkg/browser.js ] || bash scripts/build-pkg.sh
export KP_CATALOG="$work/catalog.json" KP_PKG_DIR="$PWD/pkg" KP_CLI="${CARGO_TARGET_DIR:-$PWD/target}/debug/konaplate"

# The shipped build: every page test.
built=$(bash scripts/build-page.sh --dist "$work/dist" | tail -1)
echo "$built"
serve "$work/dist"
KP_URL="$url" node --test --test-concurrency=1 e2e/

# The other build: a smoke (skipped when the default already fell back to stable).
case "$built" in
  *"built small"*) ;;
  *) echo "40-page: the small build was not made (no nightly), so the stable smoke is the run above"; exit 0 ;;
esac
bash scripts/build-page.sh --stable --dist "$work/dist-stable" | tail -1
serve "$work/dist-stable"
KP_URL="$url" node --test --test-concurrency=1 \
  --test-name-pattern="^(every Test Data scenario|errors refuse the send|the sandbox module is not part of the first load|the encrypted flow in the in-browser sandbox|the diagnose module is not part of the first load|spec= loads a foreign document|the console's second module|before the console's second module arrives)" \
  e2e/page.test.mjs e2e/encryption.test.mjs e2e/tools.test.mjs e2e/spec.test.mjs e2e/split.test.mjs
