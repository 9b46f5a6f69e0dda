#!/usr/bin/env bash
# The Try It page in headless Chromium, driven by visible labels (e2e/page.test.mjs): the page
# as Trunk builds it (release), served statically; a real `konaplate serve` to send to over
# fetch; the embed sample; axe-core; screenshots into e2e/screenshots/; the console's tools
# (e2e/tools.test.mjs: Diagnose over the doctor table, deviations through `konaplate proxy`,
# environments and storage, the HAR export against har-schema); the whole journey by labels
# (e2e/journey.test.mjs: in the page's sandbox, and against a `konaplate serve` it starts, whose
# clock "+5 min" moves). And the JS package's browser entry (pkg/browser.js) imported by a page
# (e2e/package-browser.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
trunk build --release --dist "$work/dist" >"$work/trunk.log" 2>&1 || { cat "$work/trunk.log"; exit 1; }
cargo build -q -p konaplate-cli
cargo run -q -p konaplate-cli -- catalog --json >"$work/catalog.json"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/dist" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
[ -f pkg/browser.js ] || bash scripts/build-pkg.sh
KP_URL="http://127.0.0.1:$port/" KP_CATALOG="$work/catalog.json" KP_PKG_DIR="$PWD/pkg" \
  KP_CLI="${CARGO_TARGET_DIR:-$PWD/target}/debug/konaplate" node --test --test-concurrency=1 e2e/
