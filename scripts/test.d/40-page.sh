#!/usr/bin/env bash
# The Try It page in headless Chromium, driven by visible labels (e2e/page.test.mjs):
# all 13 Test Data scenarios sent to the in-browser sandbox, exact big integers, the
# "Send anyway" rule, no secret in storage, screenshots into e2e/screenshots/; and the JS
# package's browser entry (pkg/browser.js) imported by a page.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
trunk build --release --dist "$work/dist" >"$work/trunk.log" 2>&1 || { cat "$work/trunk.log"; exit 1; }
cargo run -q -p konaplate-cli -- catalog --json >"$work/catalog.json"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/dist" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
[ -f pkg/browser.js ] || bash scripts/build-pkg.sh
KP_URL="http://127.0.0.1:$port/" KP_CATALOG="$work/catalog.json" KP_PKG_DIR="$PWD/pkg" node --test e2e/
