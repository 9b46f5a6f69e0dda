#!/usr/bin/env bash
# The Try It page as Trunk builds it, loaded in headless Chromium: the Wasm must start, mark
# the page ready, validate the preset body (0 errors) and render the signed headers.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
dist=$(mktemp -d)
profile=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$dist" "$dist.log" "$profile"' EXIT

trunk build --release --dist "$dist" >"$dist.log" 2>&1 || { cat "$dist.log"; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

dom=$(timeout 60 chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --disable-background-networking --disable-component-update --disable-sync --no-first-run \
  --user-data-dir="$profile" --virtual-time-budget=10000 --dump-dom "http://127.0.0.1:$port/" 2>/dev/null)

fail=0
check() { if grep -q "$1" <<<"$dom"; then echo "ok   - $2"; else echo "FAIL - $2"; fail=1; fi; }
check 'data-ready="true"' "the Wasm module started and marked the page ready"
check '0 errors, 0 warnings' "the preset charge body validates with no error and no warning"
check 'X-KM-Tran-Token: KMV1:[0-9]\{17\}:' "a tran-token was computed in the page"
check '"userId":1234567890123456789' "the 19-digit userId is exact in the page"
check 'X-KM-Access-Key: (40 characters)' "the access key is shown by length, not value"
exit $fail
