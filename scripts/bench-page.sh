#!/usr/bin/env bash
# Benchmark (not a test) of the Try It page, against Swagger UI (swagger-ui-dist, serving our
# OpenAPI document trimmed to the charge endpoint) in the same run. Prints:
#   1. transfer size of the built page, per file and total, raw and gzip -9   (target <= 100 KB gzip);
#      the same page with the console's Wasm whole (KP_SPLIT=off: not split by
#      scripts/split-console.mjs), and the share of that module first paint, typing and a Send
#      run (the first load if only that code were in it, a bound: bench/page/first-paint.mjs)
#   2. time to interactive in headless Chromium, cold, median of KP_RUNS=9   (target <= 0.25x Swagger UI)
#   3. keystroke -> validation message, p50/p99/max of KP_KEYS=500           (target p99 <= 2 ms),
#      and the same keys into bench/page/floor: the browser's own cost, with no Wasm and no work
#   4. loading a 50-operation document in the page (bench/page/fifty.py), KP_LOADS=15 (target <= 20 ms)
# The code: bench/page/size.mjs and first-paint.mjs (1), bench/page/measure.mjs (2, 3).
#
#   scripts/bench-page.sh [--small|--stable]   (KP_RUNS=… KP_KEYS=… KP_LOADS=… to change the counts)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
# Swagger UI and playwright-core from bench/page's own lock; --ignore-scripts: no install-time
# analytics (swagger-ui-dist depends on @scarf/scarf) and no browser download.
if [ ! -f bench/page/node_modules/.package-lock.json ] || [ bench/page/package-lock.json -nt bench/page/node_modules/.package-lock.json ]; then
  npm ci --prefix bench/page --ignore-scripts --no-audit --no-fund --loglevel=error
fi

work=$(mktemp -d)
pids=()
# The static servers are started in this shell (never inside `$(…)`, whose pids would be lost),
# so the trap stops every one of them.
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
serve() { # DIR VAR: serves DIR statically, sets VAR to its URL
  local port; port=$(free_port)
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$1" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
  printf -v "$2" '%s' "http://127.0.0.1:$port/"
}

# The page as scripts/build-page.sh builds it: --small by default (nightly, std rebuilt), or --stable.
bash scripts/build-page.sh "$@" --dist "$work/dist"
KP_SPLIT=off bash scripts/build-page.sh "$@" --dist "$work/whole"

# Swagger UI: the stock page of swagger-ui-dist with our initializer and OpenAPI document.
sw=bench/page/node_modules/swagger-ui-dist
mkdir "$work/swagger"
cp "$sw"/{index.html,index.css,swagger-ui.css,swagger-ui-bundle.js,swagger-ui-standalone-preset.js,favicon-16x16.png,favicon-32x32.png} \
  bench/page/swagger-initializer.js "$work/swagger/"
cargo run -q -p konaplate-cli -- openapi | python3 -c '
import json, sys
doc = json.load(sys.stdin)
charge = "/api/v1/recharges/by-bank-accounts/no-hce"
doc["paths"] = {charge: doc["paths"][charge]}
json.dump(doc, sys.stdout, indent=2)' >"$work/swagger/openapi.json"

# A 50-operation document (the built-in operations repeated) for the in-page load measurement.
cargo run -q -p konaplate-cli -- openapi | python3 bench/page/fifty.py >"$work/fifty.json"

echo "Transfer size: every file trunk put in dist (source maps excluded), and Swagger UI's page as the baseline"
node bench/page/size.mjs "$work/dist" "konaplate" 100 | tee "$work/size.txt"
# The console's Wasm whole, what a visit runs of it, and the first load if only that code were in it.
node bench/page/size.mjs "$work/whole" "konaplate, the console's Wasm whole" | tee "$work/whole.txt"
first=$(sed -n 's/.*first load ([0-9]* files; \([0-9]*\) B gzip).*/\1/p' "$work/whole.txt")
node bench/page/first-paint.mjs "$work/whole" "$first"
node bench/page/size.mjs "$work/swagger" "Swagger UI"

serve "$work/dist" ours
serve "$work/swagger" swagger
serve bench/page/floor floor
KP_URL="$ours" KP_SWAGGER_URL="$swagger" KP_FLOOR_URL="$floor" KP_KEYS="${KP_KEYS:-500}" KP_FIFTY_DOC="$work/fifty.json" node bench/page/measure.mjs
